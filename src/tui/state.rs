//! Where the user left off: the view, the brief and the position, restored on the
//! next start. A small YAML file, written atomically; a missing or unreadable file
//! just means starting fresh, never an error that stops the viewer.

use crate::query::{FigureFilter, MeasureFilter};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedState {
    /// `library`, `reader`, `compare`, `measures`, `lens`, `figures` or `points`.
    pub view: String,
    /// The id of the brief open in the reader.
    pub brief: Option<String>,
    /// The reader's position: the index of the block at the top of the text pane.
    pub block: usize,
    /// The briefs side by side.
    pub compare: Vec<String>,
    /// The filters of the measures view, the themes of the lens and the figures
    /// view's filter, as they were left.
    pub measures: MeasureFilter,
    pub lens: Vec<String>,
    pub figures: FigureFilter,
}

/// `$BRIEF_STATE`, else `$XDG_STATE_HOME/brief/state.yaml`, else
/// `~/.local/state/brief/state.yaml`.
pub fn state_path(env: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(path) = env("BRIEF_STATE").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let base = env("XDG_STATE_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|home| Path::new(&home).join(".local/state")))?;
    Some(base.join("brief/state.yaml"))
}

/// The saved state, or the default when there is none or it cannot be read.
pub fn load(path: &Path) -> SavedState {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| serde_yaml::from_str(&text).ok())
        .unwrap_or_default()
}

/// Saves atomically, creating the directory if needed.
pub fn save(path: &Path, state: &SavedState) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let yaml = serde_yaml::to_string(state).map_err(std::io::Error::other)?;
    crate::util::write_atomically(path, yaml.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_prefers_explicit_then_xdg_then_home() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |k: &str| vars.iter().find(|v| v.0 == k).map(|v| v.1.to_owned())
        };
        assert_eq!(
            state_path(env(&[("BRIEF_STATE", "/x/s.yaml"), ("HOME", "/h")])),
            Some(PathBuf::from("/x/s.yaml"))
        );
        assert_eq!(
            state_path(env(&[("XDG_STATE_HOME", "/xdg"), ("HOME", "/h")])),
            Some(PathBuf::from("/xdg/brief/state.yaml"))
        );
        assert_eq!(
            state_path(env(&[("HOME", "/h")])),
            Some(PathBuf::from("/h/.local/state/brief/state.yaml"))
        );
        assert_eq!(state_path(env(&[])), None);
    }

    #[test]
    fn round_trip_and_corrupt_file() {
        let dir = std::env::temp_dir().join(format!("brief-state-{}", std::process::id()));
        let path = dir.join("nested/state.yaml");
        let state = SavedState {
            view: "reader".into(),
            brief: Some("yiwu-2024-qa".into()),
            block: 42,
            compare: vec!["a".into(), "b".into()],
            measures: MeasureFilter {
                themes: ["logistics".to_owned()].into(),
                text: "中欧班列".into(),
                ..MeasureFilter::default()
            },
            lens: vec!["exhibitions".into()],
            figures: FigureFilter::default(),
        };
        save(&path, &state).unwrap();
        assert_eq!(load(&path), state);
        std::fs::write(&path, ": : not yaml [").unwrap();
        assert_eq!(load(&path), SavedState::default());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
