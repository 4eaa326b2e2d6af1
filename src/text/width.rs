//! Display width measured exactly as ratatui 0.30 draws text: per grapheme cluster,
//! each with `unicode-width`'s non-CJK width, and clusters holding a control
//! character skipped (ratatui's buffer drops them). Measuring any other way (per
//! char, or with textwrap's widths) disagrees with the buffer on emoji sequences and
//! leaves lines one cell too long or short.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of `text` in terminal cells, as ratatui 0.30 will draw it.
pub fn width(text: &str) -> usize {
    // Pure ASCII is the common case for labels and needs no segmentation: every
    // printable byte is one cell, every control byte none.
    if text.is_ascii() {
        return text.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    text.graphemes(true).map(grapheme_width).sum()
}

/// Width of one grapheme cluster.
pub(crate) fn grapheme_width(g: &str) -> usize {
    let mut chars = g.chars();
    let Some(first) = chars.next() else {
        return 0;
    };
    if chars.as_str().is_empty() {
        // A lone char: the char table gives the same answer as the string one,
        // without the sequence rules.
        return if first.is_control() {
            0
        } else {
            first.width().unwrap_or(0)
        };
    }
    if g.contains(char::is_control) {
        0
    } else {
        g.width()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_two_cells_latin_one() {
        assert_eq!(width("义乌市进出口额2645.0亿元"), 7 * 2 + 6 + 2 * 2);
        assert_eq!(width("Temu"), 4);
        assert_eq!(width("，。"), 4);
        assert_eq!(width(""), 0);
    }

    #[test]
    fn ambiguous_characters_count_narrow_like_ratatui() {
        assert_eq!(width("“三化并举”"), 1 + 8 + 1);
        assert_eq!(width("……——"), 4);
        assert_eq!(width("①·×"), 3);
    }

    #[test]
    fn emoji_sequences_are_measured_per_grapheme() {
        // Emoji presentation sequence: two cells, where a per-char sum gives one.
        assert_eq!(width("❤\u{fe0f}"), 2);
        // A ZWJ family is one grapheme of two cells, not three faces of two.
        assert_eq!(width("👨\u{200d}👩\u{200d}👧"), 2);
        assert_eq!(width("🇨🇳"), 2);
        // A combining accent adds nothing.
        assert_eq!(width("e\u{301}"), 1);
    }

    #[test]
    fn control_characters_count_zero() {
        assert_eq!(width("a\u{1b}[2Jb"), 5);
        assert_eq!(width("a\r\nb"), 2);
        assert_eq!(width("义\u{7}乌"), 4);
        assert_eq!(width("\u{9b}x"), 1);
    }
}
