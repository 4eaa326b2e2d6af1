//! The theme taxonomy (`briefs/themes.yaml`) and the classifier that gives every
//! measure at least one theme. (Interface fixed; implementation in progress.)

use crate::brief::Theme;

/// Where the evidence for a theme was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchSource {
    Title,
    Text,
    /// A heading of an enclosing section.
    Heading,
    /// Nothing matched; the catch-all theme.
    Fallback,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeMatch {
    pub id: String,
    /// The keyword that matched (empty for the fallback).
    pub evidence: String,
    pub from: MatchSource,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Taxonomy {
    pub themes: Vec<Theme>,
}

/// The taxonomy shipped with the binary, from `briefs/themes.yaml`.
pub const BUILTIN_THEMES_YAML: &str = include_str!("../briefs/themes.yaml");

impl Taxonomy {
    pub fn builtin() -> Taxonomy {
        Taxonomy::parse(BUILTIN_THEMES_YAML).expect("built-in themes.yaml is valid")
    }

    pub fn parse(yaml: &str) -> Result<Taxonomy, serde_yaml::Error> {
        Ok(Taxonomy {
            themes: serde_yaml::from_str(yaml)?,
        })
    }

    /// Themes for a measure: `title` is its lead phrase, `text` its whole text,
    /// `headings` the headings of its enclosing sections, outermost first.
    pub fn classify(&self, _title: &str, _text: &str, _headings: &[&str]) -> Vec<ThemeMatch> {
        Vec::new()
    }
}

impl Taxonomy {
    /// Loads `themes.yaml` (stub until the classifier lands).
    pub fn load(path: &std::path::Path) -> Result<Taxonomy, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Taxonomy::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }
}
