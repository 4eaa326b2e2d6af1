//! Text laid out for a terminal: widths measured in cells, so Chinese characters
//! (two cells each) line up with Latin text.

use unicode_width::UnicodeWidthStr;

/// Display width of `text` in terminal cells.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
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
}
