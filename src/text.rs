//! Text laid out for a terminal: widths measured in cells, so Chinese characters
//! (two cells each) line up with Latin text, and Chinese paragraphs wrapped by the
//! rules of Chinese typesetting, which ratatui's own wrapping does not know.
//!
//! Pure functions, no ratatui: the viewer turns the byte ranges given here into spans.
//! The pipeline for text read from a file is
//! `sanitize` → `unambiguous` (both in [`prepare`]) → [`wrap`] or [`truncate`], and
//! every range handed back points into the prepared text.

mod ambiguous;
mod classes;
mod sanitize;
mod truncate;
mod width;
mod wrap;

#[cfg(test)]
mod props;

use std::borrow::Cow;

pub use ambiguous::{
    AmbiguousWidth, BorderChars, Borders, border_set, detect_ambiguous, unambiguous,
};
pub use sanitize::sanitize;
pub use truncate::{ellipsis, truncate};
pub use width::width;
pub use wrap::{Line, wrap};

/// Text from a file made safe and width-stable for the terminal: control characters
/// made visible, then (in `Wide` mode) ambiguous-width characters replaced.
pub fn prepare(text: &str, setting: AmbiguousWidth) -> Cow<'_, str> {
    match sanitize(text) {
        Cow::Borrowed(clean) => unambiguous(clean, setting),
        Cow::Owned(clean) => match unambiguous(&clean, setting) {
            Cow::Borrowed(_) => Cow::Owned(clean),
            Cow::Owned(replaced) => Cow::Owned(replaced),
        },
    }
}

/// Rows of cells as aligned columns separated by two spaces; control characters are
/// shown as `?` so a cell can never move the cursor.
pub fn table<const N: usize>(rows: &[[String; N]]) -> String {
    let clean: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| {
                    cell.chars()
                        .map(|c| if c.is_control() { '?' } else { c })
                        .collect()
                })
                .collect()
        })
        .collect();
    let mut widths = [0usize; N];
    for row in &clean {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(cell));
        }
    }
    let mut out = String::new();
    for row in &clean {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < N {
                line.push_str(&" ".repeat(widths[i] - width(cell) + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_cells_align_by_width() {
        let rows = [
            ["义乌".to_owned(), "qa".to_owned()],
            ["Wuhan".to_owned(), "plan".to_owned()],
        ];
        let out = table(&rows);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "义乌   qa");
        assert_eq!(lines[1], "Wuhan  plan");
        assert_eq!(width("义乌   "), width("Wuhan  "));
    }

    #[test]
    fn control_characters_are_neutralised() {
        let rows = [["a\u{1b}[2Jb".to_owned()]];
        assert_eq!(table(&rows), "a?[2Jb\n");
    }

    #[test]
    fn prepare_sanitizes_then_replaces() {
        assert_eq!(prepare("“a”\u{1b}", AmbiguousWidth::Wide), "「a」\u{241b}");
        assert_eq!(prepare("“a”\u{1b}", AmbiguousWidth::Narrow), "“a”\u{241b}");
        assert!(matches!(
            prepare("义乌", AmbiguousWidth::Wide),
            Cow::Borrowed(_)
        ));
    }
}
