//! Display width measured exactly as ratatui 0.30 draws text: per grapheme cluster,
//! each with `unicode-width`'s non-CJK width, and clusters holding a control
//! character skipped (ratatui's buffer drops them). Measuring any other way (per
//! char, or with textwrap's widths) disagrees with the buffer on emoji sequences and
//! leaves lines one cell too long or short.

use unicode_segmentation::GraphemeCursor;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of `text` in terminal cells, as ratatui 0.30 will draw it.
pub fn width(text: &str) -> usize {
    // Pure ASCII is the common case for labels and needs no segmentation: every
    // printable byte is one cell, every control byte none.
    if text.is_ascii() {
        return text.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    graphemes(text).map(|(_, g)| grapheme_width(g)).sum()
}

/// The extended grapheme clusters of `text` with their byte offsets, as
/// `unicode-segmentation`'s `grapheme_indices(true)` gives them, but faster on the
/// text of these documents: a char that can neither join the one before nor take
/// the one after (ASCII, ideographs, CJK and general punctuation) between two such
/// chars is a cluster by itself, and only the rest goes through the full rules.
pub(crate) fn graphemes(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = text.get(at..)?;
        let mut chars = rest.chars();
        let first = chars.next()?;
        let end = if is_plain(first) && chars.next().is_none_or(is_plain) {
            at + first.len_utf8()
        } else {
            // Given the whole text, the cursor never asks for more context; should
            // it fail anyway, one char is still progress.
            GraphemeCursor::new(at, text.len(), true)
                .next_boundary(text, 0)
                .ok()
                .flatten()
                .unwrap_or(at + first.len_utf8())
        };
        let start = at;
        at = end;
        text.get(start..end).map(|g| (start, g))
    })
}

/// Grapheme_Cluster_Break=Other and not Extended_Pictographic: no rule of UAX #29
/// joins such a char to a neighbour that is also one.
fn is_plain(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{2010}'..='\u{2027}' | '\u{3000}'..='\u{3029}' | '\u{4e00}'..='\u{9fff}' | '\u{ff01}'..='\u{ff5e}')
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
    fn fast_graphemes_agree_with_unicode_segmentation() {
        use unicode_segmentation::UnicodeSegmentation;
        let mut rng = crate::synth::Rng::new(5);
        let pool: Vec<char> = "a 义，“”—…\u{301}\u{200d}👨👩❤\u{fe0f}🇨🇳\r\n\u{1b}가\u{1161}\u{11a8}\u{0915}\u{094d}\u{0937}３〰"
            .chars()
            .collect();
        for _ in 0..3000 {
            let len = rng.below(12);
            let text: String = (0..len).map(|_| pool[rng.below(pool.len())]).collect();
            let fast: Vec<_> = graphemes(&text).collect();
            let full: Vec<_> = text.grapheme_indices(true).collect();
            assert_eq!(fast, full, "{text:?}");
        }
    }

    #[test]
    fn control_characters_count_zero() {
        assert_eq!(width("a\u{1b}[2Jb"), 5);
        assert_eq!(width("a\r\nb"), 2);
        assert_eq!(width("义\u{7}乌"), 4);
        assert_eq!(width("\u{9b}x"), 1);
    }
}
