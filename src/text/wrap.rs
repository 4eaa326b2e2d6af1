//! Chinese-aware line wrapping by display width. ratatui's `Paragraph::wrap` breaks
//! only at spaces, so a Chinese paragraph is one long "word" cut at the exact column
//! (`…总额23|16.01亿元`, `，` at a line start); this module breaks where Chinese
//! typesetting allows (W3C clreq) and hands back byte ranges the viewer styles.
//!
//! Every grapheme boundary gets a cost, and each line ends at the last boundary of
//! the lowest cost that still fits, so a worse break is taken only when no better
//! one exists on that line:
//!
//! | cost | boundary |
//! |------|----------|
//! | 0 legal | between ideographs, after closing and before opening punctuation, at spaces |
//! | 1 | between a number and its unit (`2645.0|亿元`) |
//! | 2 | inside the unit (`亿|元`) |
//! | 3 | inside a word, code or number (`Chinago|ods`, `26|45.0`), next to a no-break space or ASCII quote |
//! | 4 prohibited | a closing mark would start a line or an opening one end it (`，` `——` `……` at a line start) |
//!
//! A prohibited break ranks last because a terminal cannot compress punctuation to make room:
//! the only remedy is pushing characters down, so a line-long run with no other
//! boundary is the one case that breaks a prohibition. A grapheme is never split.

use super::classes::{Class, is_connector, unit_len};
use super::width::{grapheme_width, graphemes};

/// One wrapped line, as byte offsets into the text given to [`wrap`].
///
/// Lines tile the text: the first starts at 0, each `next` is the following line's
/// `start`, the last `next` is the text's length, so concatenating
/// `start..next` of every line gives the text back exactly. `end..next` is the break
/// itself: the spaces of a soft break, which stay at the end of the line they follow
/// but hang (not drawn, not counted in `width`, so they can never push a line past
/// the width), and the `\n` (or `\r\n`) of a hard break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// Where the line starts.
    pub start: usize,
    /// Where what is drawn ends: `start..end` is the line's text.
    pub end: usize,
    /// Where the next line starts.
    pub next: usize,
    /// Display width of `start..end`, as [`width`](super::width) measures it.
    pub width: usize,
}

impl Line {
    /// The text drawn on this line (empty if `text` is not the text wrapped).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

const LEGAL: u8 = 0;
const SPLITS_UNIT: u8 = 1;
const INSIDE_UNIT: u8 = 2;
const SPLITS_WORD: u8 = 3;
const PROHIBITED: u8 = 4;

/// `text` wrapped into lines of at most `width` cells (a width of 0 is taken as 1).
///
/// Give it sanitized text ([`prepare`](super::prepare)): control characters other
/// than `\n` are measured as zero cells and would reach the terminal.
///
/// Each `\n` ends a line; a final `\n` does not start an empty one, and an empty text
/// has no lines. Leading spaces of a paragraph and spaces between words on a line are
/// drawn; spaces where a line breaks hang (see [`Line`]).
///
/// The one line that can be wider than `width`: a single grapheme wider than the
/// width (a Chinese character at width 1) goes alone on its line, since splitting it
/// is impossible and dropping it would lose text; its `width` says so, and a viewer
/// that must not overflow can draw a placeholder for it.
///
/// Linear in the length of `text`.
pub fn wrap(text: &str, width: usize) -> Vec<Line> {
    let width = width.max(1);
    let mut lines = Vec::with_capacity(text.len() / (width * 2).max(1) + 1);
    let mut graphemes = Vec::new();
    let mut offset = 0;
    for segment in text.split_inclusive('\n') {
        let paragraph = match segment.strip_suffix('\n') {
            Some(p) => p.strip_suffix('\r').unwrap_or(p),
            None => segment,
        };
        let next = offset + segment.len();
        Paragraph::new(paragraph, offset, &mut graphemes).wrap(width, next, &mut lines);
        offset = next;
    }
    lines
}

#[derive(Clone, Copy)]
struct Grapheme {
    /// Byte offset in the whole text.
    start: usize,
    /// Column of its left edge, counted from the paragraph's start.
    x: usize,
    class: Class,
    first: char,
}

/// A possible end of the current line.
#[derive(Clone, Copy)]
struct Candidate {
    /// Index of the grapheme the next line would start with.
    next: usize,
    /// Index of the grapheme after the last one drawn (before any hanging spaces).
    end: usize,
}

struct Paragraph<'a> {
    text: &'a str,
    /// Graphemes, then a sentinel at the paragraph's end, so `g[i + 1].x` is always
    /// the right edge of `g[i]`.
    g: &'a [Grapheme],
}

impl<'a> Paragraph<'a> {
    fn new(text: &'a str, base: usize, buf: &'a mut Vec<Grapheme>) -> Paragraph<'a> {
        buf.clear();
        let mut x = 0;
        for (i, s) in graphemes(text) {
            let w = grapheme_width(s);
            let first = s.chars().next().unwrap_or(' ');
            // Only a bare space is a breaking space: one carrying a combining mark
            // is something to draw.
            let class = match s {
                " " => Class::Space,
                _ if first == ' ' => Class::Alpha,
                _ => Class::of(first, w),
            };
            buf.push(Grapheme {
                start: base + i,
                x,
                class,
                first,
            });
            x += w;
        }
        buf.push(Grapheme {
            start: base + text.len(),
            x,
            class: Class::Space,
            first: '\n',
        });
        Paragraph { text, g: buf }
    }

    /// Greedy: fill the line, and when a grapheme overflows it, end the line at the
    /// best candidate seen since the line started. Only the latest candidate of each
    /// cost is kept (the latest is always the one wanted), so no grapheme is looked
    /// at twice and the whole is linear.
    fn wrap(&self, width: usize, next: usize, lines: &mut Vec<Line>) {
        let g = self.g;
        let n = g.len() - 1;
        let mut start = 0;
        let mut best: [Option<Candidate>; 5] = [None; 5];
        let mut unit_until = 0;
        let mut spaces_from = None;
        for i in 0..n {
            if g[i].class == Class::Space {
                spaces_from.get_or_insert(i);
                continue;
            }
            if i > 0 {
                let (cost, end) = match spaces_from.take() {
                    Some(from) => (self.space_cost(from, i), from),
                    None => (self.cost(i, &mut unit_until), i),
                };
                best[cost as usize] = Some(Candidate { next: i, end });
            }
            // A lone grapheme wider than the line (i == start) stays: see `wrap`.
            while i > start && g[i + 1].x - g[start].x > width {
                let Some(c) = best.iter().flatten().find(|c| c.next > start) else {
                    break;
                };
                lines.push(self.line(start, c.end, g[c.next].start));
                start = c.next;
            }
        }
        let end = spaces_from.unwrap_or(n).max(start);
        lines.push(self.line(start, end, next));
    }

    fn line(&self, start: usize, end: usize, next: usize) -> Line {
        let g = self.g;
        Line {
            start: g[start].start,
            end: g[end].start,
            next,
            width: g[end].x - g[start].x,
        }
    }

    /// Cost of breaking at a run of spaces from `from` up to the grapheme `i`: only
    /// the prohibition rules apply, to what the break would leave at each side.
    fn space_cost(&self, from: usize, i: usize) -> u8 {
        let before_open = from > 0 && self.g[from - 1].class == Class::Open;
        if before_open || self.g[i].class == Class::Close {
            PROHIBITED
        } else {
            LEGAL
        }
    }

    /// Cost of breaking between graphemes `i - 1` and `i`. Called for every such
    /// boundary in order: it tracks the extent of a number's unit in `unit_until`.
    fn cost(&self, i: usize, unit_until: &mut usize) -> u8 {
        let (a, b) = (&self.g[i - 1], &self.g[i]);
        if a.class == Class::Digit && b.class != Class::Digit {
            let rest = self.text.get(b.start - self.g[0].start..).unwrap_or("");
            let len = unit_len(rest);
            if len > 0 {
                *unit_until = b.start + len;
            }
        }
        if a.class == Class::Open || b.class == Class::Close {
            PROHIBITED
        } else if self.holds_together(i) {
            SPLITS_WORD
        } else if b.start < *unit_until {
            // Between the number and its unit is the better place to split a
            // number+unit that does not fit.
            if a.class == Class::Digit {
                SPLITS_UNIT
            } else {
                INSIDE_UNIT
            }
        } else {
            LEGAL
        }
    }

    fn holds_together(&self, i: usize) -> bool {
        let (a, b) = (&self.g[i - 1], &self.g[i]);
        match (a.class, b.class) {
            (Class::Glue, _) | (_, Class::Glue) | (_, Class::ZeroWidthSpace) => true,
            (x, y) if x.is_word() && y.is_word() => true,
            _ => {
                // A connector between alphanumerics: `2645.|0`, `1|/6`, `25～|28`.
                let word_before = i >= 2 && self.g[i - 2].class.is_word();
                let word_after = self.g[i + 1].class.is_word();
                (is_connector(a.first) && word_before && b.class.is_word())
                    || (is_connector(b.first) && a.class.is_word() && word_after)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The drawn text of each line.
    fn shown(text: &str, width: usize) -> Vec<&str> {
        let lines = wrap(text, width);
        super::super::props::check(text, width).unwrap();
        lines.iter().map(|l| l.text(text)).collect()
    }

    const YIWU: &str = "今年1-5月,义乌市进出口额2645.0亿元,同比增长22.0%";

    #[test]
    fn a_number_is_not_cut_where_the_column_falls() {
        // Column 28 falls inside 2645.0, column 32 inside 亿元: both move down whole.
        for width in [28, 32] {
            assert_eq!(
                shown(YIWU, width),
                ["今年1-5月,义乌市进出口额", "2645.0亿元,同比增长22.0%"]
            );
        }
    }

    #[test]
    fn a_comma_never_starts_a_line() {
        // At 34 the line would end with 亿元 and put "," first on the next: the
        // number and its unit go down with it.
        assert_eq!(
            shown(YIWU, 34),
            ["今年1-5月,义乌市进出口额", "2645.0亿元,同比增长22.0%"]
        );
        assert_eq!(
            shown(YIWU, 35),
            ["今年1-5月,义乌市进出口额2645.0亿元,", "同比增长22.0%"]
        );
    }

    #[test]
    fn percent_stays_with_its_number() {
        assert_eq!(
            shown(YIWU, 47),
            ["今年1-5月,义乌市进出口额2645.0亿元,同比增长", "22.0%"]
        );
        assert_eq!(shown("上半年增长22.0%", 14), ["上半年增长", "22.0%"]);
    }

    #[test]
    fn percentage_points_stay_with_their_number() {
        let text = "高于全国平均15.7个百分点";
        assert_eq!(shown(text, 16), ["高于全国平均", "15.7个百分点"]);
        assert_eq!(shown(text, 22), ["高于全国平均", "15.7个百分点"]);
    }

    #[test]
    fn units_from_the_list_stay_with_their_number() {
        assert_eq!(
            shown("集装箱吞吐量8.8万标箱", 18),
            ["集装箱吞吐量", "8.8万标箱"]
        );
        assert_eq!(shown("举办展会20余场", 12), ["举办展会", "20余场"]);
        assert_eq!(shown("新增*万户", 8), ["新增", "*万户"]);
        // A unit longer than the line is split from its number before the number is.
        assert_eq!(shown("2645.0亿元", 8), ["2645.0", "亿元"]);
    }

    #[test]
    fn full_width_digits_are_one_number() {
        assert_eq!(shown("截至２０２２年底", 8), ["截至", "２０２２", "年底"]);
        assert_eq!(shown("截至２０２２年底", 10), ["截至", "２０２２年", "底"]);
    }

    #[test]
    fn dashes_and_ellipses_are_never_split_nor_start_a_line() {
        let text = "他说——这是好的……是的";
        // Below 4 cells even 说—— cannot share a line, so a dash must lead one.
        for width in 4..=24 {
            let lines = shown(text, width);
            for pair in lines.windows(2) {
                assert!(
                    !pair[1].starts_with('—') && !pair[1].starts_with('…'),
                    "{width}: {lines:?}"
                );
            }
        }
        assert_eq!(shown(text, 6), ["他说——", "这是好", "的……是", "的"]);
        assert_eq!(shown(text, 5), ["他", "说——", "这是", "好", "的……", "是的"]);
    }

    #[test]
    fn an_opening_quote_never_ends_a_line() {
        assert_eq!(shown("坚持“三化并举”", 5), ["坚持", "“三化", "并举”"]);
        assert_eq!(shown("坚持“三化并举”。", 10), ["坚持“三化", "并举”。"]);
    }

    #[test]
    fn closing_punctuation_goes_down_with_the_character_before_it() {
        // clreq's push-down: 跨境电商。 at the end of a full line moves 商 with 。.
        assert_eq!(shown("发展跨境电商。加快", 12), ["发展跨境电", "商。加快"]);
        assert_eq!(
            shown("一是坚持以国际化拓展市场空间。", 14),
            ["一是坚持以国际", "化拓展市场空", "间。"]
        );
    }

    #[test]
    fn a_line_long_run_of_closing_marks_breaks_anyway() {
        let text = "。。。。。。";
        assert_eq!(shown(text, 4), ["。。", "。。", "。。"]);
    }

    #[test]
    fn latin_words_and_codes_move_whole() {
        assert_eq!(
            shown("平台Chinagoods上线", 12),
            ["平台", "Chinagoods上", "线"]
        );
        assert_eq!(shown("代码9610和H986", 8), ["代码9610", "和H986"]);
        assert_eq!(
            shown("访问www.yiwugo.com平台", 16),
            ["访问", "www.yiwugo.com平", "台"]
        );
    }

    #[test]
    fn connectors_join_what_is_around_them() {
        assert_eq!(shown("占比1/6以上", 5), ["占比", "1/6以", "上"]);
        assert_eq!(shown("周期25～28天", 8), ["周期", "25～28天"]);
        assert_eq!(shown("总额1,310亿元", 8), ["总额", "1,310", "亿元"]);
        // A comma between a Chinese word and a number is a sentence comma.
        assert_eq!(shown("1-5月,2316亿元", 8), ["1-5月,", "2316亿元"]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_to_fill_it() {
        assert_eq!(
            shown("平台Chinagoods上线", 8),
            ["平台", "Chinagoo", "ds上线"]
        );
    }

    #[test]
    fn spaces_at_a_break_hang_at_the_end_of_the_line() {
        let text = "Temu and  Shein";
        let lines = wrap(text, 8);
        assert_eq!(
            lines[0],
            Line {
                start: 0,
                end: 8,
                next: 10,
                width: 8
            }
        );
        assert_eq!(lines[1].text(text), "Shein");
        // Indentation at a paragraph's start is drawn.
        assert_eq!(shown("  他说", 6), ["  他说"]);
        // Trailing spaces hang too, so they never make a line too wide.
        assert_eq!(
            wrap("义乌   ", 4),
            [Line {
                start: 0,
                end: 6,
                next: 9,
                width: 4
            }]
        );
    }

    #[test]
    fn newlines_end_lines() {
        let text = "义乌\n\n金华\r\n";
        assert_eq!(shown(text, 8), ["义乌", "", "金华"]);
        assert_eq!(wrap(text, 8).last().map(|l| l.next), Some(text.len()));
        assert!(wrap("", 8).is_empty());
        assert_eq!(shown("\n", 8), [""]);
    }

    #[test]
    fn a_character_wider_than_the_line_goes_alone() {
        assert_eq!(shown("义乌", 1), ["义", "乌"]);
        assert_eq!(wrap("义", 1)[0].width, 2);
        assert_eq!(shown("a义，b", 1), ["a", "义", "，", "b"]);
        // Width 0 is taken as 1.
        assert_eq!(wrap("ab", 0).len(), 2);
    }

    #[test]
    fn graphemes_are_never_split() {
        let family = "👨\u{200d}👩\u{200d}👧";
        let text = format!("{family}{family}e\u{301}e\u{301}");
        assert_eq!(shown(&text, 2), [family, family, "e\u{301}e\u{301}"]);
    }

    #[test]
    fn ascii_quotes_hold_to_their_neighbours() {
        // The seeds quote with ASCII " in Chinese text: neither side may be left alone.
        assert_eq!(
            shown("坚持\"三化并举\"。", 6),
            ["坚", "持\"三", "化并", "举\"。"]
        );
    }
}
