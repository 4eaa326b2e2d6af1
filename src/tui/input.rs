//! A one-line text input that handles Chinese: the caret moves by grapheme (so one
//! Backspace removes one 汉字, or one emoji with its modifiers, never half of one),
//! and what is shown is measured in terminal cells, so a line of wide characters
//! scrolls to keep the caret in view and the terminal cursor can sit exactly at the
//! caret, where an input method opens its candidate window.

use crate::text::width;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Byte offset of the caret, always on a grapheme boundary.
    caret: usize,
}

/// What to draw for an input in a field of some width: the visible part and the
/// caret's column within it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown<'a> {
    pub text: &'a str,
    pub caret_column: usize,
}

impl LineInput {
    /// An input holding `text`, caret at the end.
    pub fn with_text(text: &str) -> LineInput {
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        LineInput {
            caret: text.len(),
            text,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Inserts a typed character at the caret. Control characters (a pasted escape
    /// sequence, a tab) are not text and are dropped.
    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.text.insert(self.caret, c);
        self.caret += c.len_utf8();
        // A combining mark typed after a letter joins its grapheme: keep the caret
        // on a boundary.
        self.caret = self.boundary_at_or_after(self.caret);
    }

    /// Deletes the grapheme before the caret.
    pub fn backspace(&mut self) {
        let start = self.previous_boundary();
        self.text.replace_range(start..self.caret, "");
        self.caret = start;
    }

    /// Deletes the grapheme after the caret.
    pub fn delete(&mut self) {
        let end = self.next_boundary();
        self.text.replace_range(self.caret..end, "");
    }

    pub fn left(&mut self) {
        self.caret = self.previous_boundary();
    }

    pub fn right(&mut self) {
        self.caret = self.next_boundary();
    }

    pub fn home(&mut self) {
        self.caret = 0;
    }

    pub fn end(&mut self) {
        self.caret = self.text.len();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.caret = 0;
    }

    /// The part of the text to show in `cells` columns, scrolled so the caret (and
    /// the cell after it, where the next character goes) is visible.
    pub fn shown(&self, cells: usize) -> Shown<'_> {
        let cells = cells.max(1);
        let before = &self.text[..self.caret];
        // Drop graphemes from the left until the caret fits with one cell to spare.
        let mut start = 0;
        let mut caret_column = width(before);
        let mut graphemes = before.grapheme_indices(true);
        while caret_column + 1 > cells {
            let Some((at, g)) = graphemes.next() else {
                break;
            };
            start = at + g.len();
            caret_column -= width(g);
        }
        let mut end = start;
        let mut used = 0;
        for (at, g) in self.text[start..].grapheme_indices(true) {
            let w = width(g);
            if used + w > cells {
                break;
            }
            used += w;
            end = start + at + g.len();
        }
        Shown {
            text: &self.text[start..end],
            caret_column,
        }
    }

    fn previous_boundary(&self) -> usize {
        self.text[..self.caret]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(at, _)| at)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.caret..]
            .graphemes(true)
            .next()
            .map_or(self.caret, |g| self.caret + g.len())
    }

    fn boundary_at_or_after(&self, at: usize) -> usize {
        let mut position = 0;
        for g in self.text.graphemes(true) {
            if position >= at {
                return position;
            }
            position += g.len();
        }
        self.text.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> LineInput {
        let mut input = LineInput::default();
        text.chars().for_each(|c| input.insert(c));
        input
    }

    #[test]
    fn backspace_removes_one_wide_character() {
        let mut input = typed("物流ab通道");
        input.backspace();
        assert_eq!(input.text(), "物流ab通");
        input.backspace();
        input.backspace();
        assert_eq!(input.text(), "物流a");
        input.backspace();
        input.backspace();
        assert_eq!(input.text(), "物");
        input.backspace();
        input.backspace();
        assert_eq!(input.text(), "", "backspace on empty is harmless");
    }

    #[test]
    fn a_grapheme_cluster_is_one_step() {
        // e + combining acute, and a flag made of two regional indicators.
        let mut input = typed("ae\u{301}🇨🇳");
        input.backspace();
        assert_eq!(input.text(), "ae\u{301}");
        input.left();
        input.delete();
        assert_eq!(input.text(), "a");
    }

    #[test]
    fn editing_in_the_middle() {
        let mut input = typed("跨境电商");
        input.left();
        input.left();
        input.insert('（');
        assert_eq!(input.text(), "跨境（电商");
        input.home();
        input.insert('做');
        input.end();
        input.insert('。');
        assert_eq!(input.text(), "做跨境（电商。");
        input.home();
        input.right();
        input.delete();
        assert_eq!(input.text(), "做境（电商。");
    }

    #[test]
    fn control_characters_are_not_text() {
        let mut input = typed("a\u{1b}[2Jb\tc");
        assert_eq!(input.text(), "a[2Jbc");
        input = LineInput::with_text("x\u{7}y");
        assert_eq!(input.text(), "xy");
    }

    #[test]
    fn shown_keeps_the_caret_in_view_by_cells() {
        let input = typed("一二三四五六");
        // 12 cells of text, 7 cells of room: the caret needs one spare cell, so the
        // last three characters (6 cells) show and the caret is at column 6.
        let shown = input.shown(7);
        assert_eq!(shown.text, "四五六");
        assert_eq!(shown.caret_column, 6);
        let mut input = input;
        input.home();
        let shown = input.shown(7);
        assert_eq!(shown.text, "一二三");
        assert_eq!(shown.caret_column, 0);
        input.right();
        input.right();
        let shown = input.shown(7);
        assert_eq!(shown.caret_column, 4);
        assert!(width(shown.text) <= 7);
    }

    #[test]
    fn shown_never_exceeds_the_field() {
        let input = typed("ab中文cd日本語テキスト");
        for cells in 1..30 {
            let shown = input.shown(cells);
            assert!(width(shown.text) <= cells, "{cells}: {:?}", shown.text);
            assert!(shown.caret_column < cells.max(2), "{cells}");
        }
    }
}
