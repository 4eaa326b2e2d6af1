//! `brief convert --explain`: what the converter recognised, where, and why, so a
//! person reviewing a new document can see each decision next to its source line.

use super::outline::Outline;
use crate::brief::{Dropped, Figure, Measure};
use crate::themes::{MatchSource, ThemeMatch};
use std::fmt::Write;

/// The account of one conversion.
#[derive(Debug, Clone, Default)]
pub struct Explain {
    /// Off for plain conversion: the report costs string formatting per item.
    pub enabled: bool,
    pub source: String,
    pub encoding: &'static str,
    pub line_count: usize,
    pub meta: Vec<String>,
    pub headings: Vec<(u32, String)>,
    pub measures: Vec<(u32, String)>,
    pub not_measures: Vec<(u32, String)>,
    pub figures: Vec<(u32, String)>,
    pub skipped: Vec<(u32, String)>,
    pub dropped: Vec<Dropped>,
    /// White-space-only repairs (stray spaces, page-break rejoins).
    pub layout: Vec<(u32, String)>,
}

impl Explain {
    pub fn new(source: &str, encoding: &'static str, line_count: usize, enabled: bool) -> Explain {
        Explain {
            enabled,
            source: source.to_owned(),
            encoding,
            line_count,
            ..Explain::default()
        }
    }

    pub fn sections(&mut self, outline: &Outline, ids: &[String]) {
        if !self.enabled {
            return;
        }
        for (n, node) in outline.nodes.iter().enumerate() {
            let depth = ids[n].split('.').count();
            self.headings.push((
                node.line,
                format!(
                    "§{} level {depth} ({}) {}",
                    ids[n],
                    node.family.describe(),
                    visible(&node.heading)
                ),
            ));
        }
        self.headings.sort_by_key(|h| h.0);
    }

    pub fn measure(
        &mut self,
        measure: &Measure,
        marker: &str,
        status_why: &str,
        themes: &[ThemeMatch],
    ) {
        if !self.enabled {
            return;
        }
        let themes: Vec<String> = themes.iter().map(describe_theme).collect();
        let actor = measure
            .actor
            .as_deref()
            .map(|a| format!("; actor {}", visible(a)))
            .unwrap_or_default();
        self.measures.push((
            measure.line,
            format!(
                "{} §{} [{marker}] {} — {} ({status_why}); themes {}{actor}",
                measure.id,
                measure.section,
                visible(&measure.title),
                measure.status.as_str(),
                themes.join(", "),
            ),
        ));
    }

    pub fn not_measure(&mut self, line: u32, title: &str, why: &str) {
        if !self.enabled {
            return;
        }
        self.not_measures
            .push((line, format!("{} — not a measure: {why}", visible(title))));
    }

    pub fn figure(&mut self, figure: &Figure, reason: &str) {
        if !self.enabled {
            return;
        }
        let value = figure
            .value
            .map_or_else(|| "*".to_owned(), |v| v.to_string());
        let change = figure
            .change
            .as_ref()
            .map(|c| format!(", change {:+}{} {:?}", c.value, c.unit, c.basis))
            .unwrap_or_default();
        let period = figure
            .period
            .as_deref()
            .map(|p| format!(", period {p}"))
            .unwrap_or_default();
        self.figures.push((
            figure.line,
            format!(
                "{} §{} {} = {}{}{} {}{period}{change} — {reason} «{}»",
                figure.id,
                figure.section,
                visible(&figure.metric),
                value,
                figure.unit,
                figure
                    .qualifier
                    .as_deref()
                    .map(|q| format!(" ({q})"))
                    .unwrap_or_default(),
                figure.kind.as_str(),
                visible(&figure.quote),
            ),
        ));
    }

    pub fn skipped(&mut self, line: u32, text: &str, why: &str) {
        if !self.enabled {
            return;
        }
        self.skipped
            .push((line, format!("{} — {why}", visible(text))));
    }

    /// The report as text, each group in line order.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} ({}, {} lines)",
            self.source, self.encoding, self.line_count
        );
        let _ = writeln!(out, "\nmetadata:");
        for line in &self.meta {
            let _ = writeln!(out, "  {}", visible(line));
        }
        let dropped: Vec<(u32, String)> = self
            .dropped
            .iter()
            .map(|d| {
                (
                    d.line,
                    format!("{} «{}»", d.kind.as_str(), visible(&d.text)),
                )
            })
            .collect();
        for (title, entries) in [
            ("headings", &self.headings),
            ("measures", &self.measures),
            ("items that are not measures", &self.not_measures),
            ("figures", &self.figures),
            ("numbers that are not figures", &self.skipped),
            ("dropped", &dropped),
            ("layout repaired (white space only)", &self.layout),
        ] {
            let _ = writeln!(out, "\n{title} ({}):", entries.len());
            let mut sorted: Vec<&(u32, String)> = entries.iter().collect();
            sorted.sort_by_key(|e| e.0);
            for (line, text) in sorted {
                let _ = writeln!(out, "  line {line}: {text}");
            }
        }
        out
    }
}

fn describe_theme(m: &ThemeMatch) -> String {
    let from = match m.from {
        MatchSource::Title => "title",
        MatchSource::Text => "text",
        MatchSource::Heading => "heading",
        MatchSource::Fallback => "fallback",
    };
    if m.evidence.is_empty() {
        format!("{} ({from})", m.id)
    } else {
        format!("{} ({from}: {})", m.id, visible(&m.evidence))
    }
}

/// Control characters shown as `\u{1b}` and the like, so a report about a hostile
/// file cannot drive the terminal it is printed on.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_made_visible() {
        assert_eq!(visible("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(visible("商务"), "商务");
    }
}
