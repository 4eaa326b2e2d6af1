//! Property tests of the text module: random mixtures of everything these documents
//! contain (and some they should not), from a seeded generator so a failure replays.
//! The wrap checker below restates the rules from the brief's character lists on its
//! own, rather than calling the breaker's cost function, so it can catch the breaker.

use unicode_segmentation::UnicodeSegmentation;

use super::*;
use crate::synth::Rng;

/// The brief's lists, plus the two the module adds (`⋯` for `…` in Wide mode,
/// `〞〟｠` / `〝｟`).
const CLOSE: &str = "、。，．；：？！,.;:?!”’」』）》〉】〕〗〙］｝)]}·・～－％%‰℃°′″々〃—…⋯〞〟｠";
const OPEN: &str = "“‘「『（《〈【〔〖〘［｛([{￥¥＄$£／/〝｟";
const UNITS: &[&str] = &[
    "亿元",
    "万元",
    "亿美元",
    "万人次",
    "个百分点",
    "万标箱",
    "家",
    "场",
    "倍",
];

fn starts_close(g: &str) -> bool {
    g.chars().next().is_some_and(|c| CLOSE.contains(c))
}
fn ends_open(g: &str) -> bool {
    g.chars().next().is_some_and(|c| OPEN.contains(c))
}
fn is_ideograph(g: &str) -> bool {
    let mut cs = g.chars();
    matches!(
        (cs.next(), cs.next()),
        (Some('\u{4e00}'..='\u{9fff}'), None)
    )
}
fn is_ascii_alnum(g: &str) -> bool {
    g.len() == 1 && g.as_bytes()[0].is_ascii_alphanumeric()
}

/// A place the line starting at `start` could end: `next` is where the following
/// line would start, `before` the last grapheme drawn (None if nothing), `after`
/// the first of the next line, `spaced` if spaces lie between.
struct Boundary<'a> {
    next: usize,
    before: Option<&'a str>,
    after: &'a str,
    spaced: bool,
}

/// Every boundary after `start` within the paragraph `para_end` at which the line
/// from `start` would fit in `width` (trailing spaces hang).
fn window<'a>(text: &'a str, start: usize, para_end: usize, width: usize) -> Vec<Boundary<'a>> {
    let mut out = Vec::new();
    let mut before: Option<&str> = None;
    let mut drawn_end = start;
    let mut spaced = false;
    let para = &text[start..para_end];
    for (i, g) in para.grapheme_indices(true) {
        if g == " " {
            spaced = true;
            continue;
        }
        if i > 0 {
            if super::width(&text[start..drawn_end]) > width {
                break;
            }
            out.push(Boundary {
                next: start + i,
                before,
                after: g,
                spaced,
            });
        }
        before = Some(g);
        spaced = false;
        drawn_end = start + i + g.len();
        if super::width(&text[start..drawn_end]) > width {
            break;
        }
    }
    out
}

fn prohibited(b: &Boundary) -> bool {
    b.before.is_some_and(ends_open) || starts_close(b.after)
}
fn splits_word(b: &Boundary) -> bool {
    !b.spaced && b.before.is_some_and(is_ascii_alnum) && is_ascii_alnum(b.after)
}
/// Boundaries the breaker must rank below a split word: spaces between
/// unprohibited neighbours, and two ideographs side by side (legal, or at worst
/// inside a unit).
fn clearly_allowed(b: &Boundary) -> bool {
    !prohibited(b) && (b.spaced || (b.before.is_some_and(is_ideograph) && is_ideograph(b.after)))
}

/// Boundaries no rule can object to: spaces between unprohibited neighbours, and
/// an ideograph after Chinese sentence punctuation.
fn surely_legal(b: &Boundary) -> bool {
    let after_sentence_mark = b
        .before
        .is_some_and(|g| "，。、；：？！」』）》".contains(g));
    !prohibited(b) && (b.spaced || (after_sentence_mark && is_ideograph(b.after)))
}

/// Checks every property of `wrap(text, width)`; Err says which and where.
pub(super) fn check(text: &str, width: usize) -> Result<(), String> {
    let lines = wrap(text, width);
    let width = width.max(1);
    // (b) The lines tile the text: put back together they give it exactly.
    let joined: String = lines.iter().map(|l| &text[l.start..l.next]).collect();
    if joined != text {
        return Err(format!("concatenation differs: {joined:?}"));
    }
    if let Some(first) = lines.first()
        && (first.start != 0 || lines.windows(2).any(|w| w[0].next != w[1].start))
    {
        return Err("lines do not tile the text".into());
    }
    for (k, line) in lines.iter().enumerate() {
        let shown = &text[line.start..line.end];
        let gap = &text[line.end..line.next];
        let gap_ok = gap.trim_start_matches(' ');
        if !(gap_ok.is_empty() || gap_ok == "\n" || gap_ok == "\r\n") || shown.contains('\n') {
            return Err(format!(
                "line {k}: break {gap:?} holds more than spaces and a newline"
            ));
        }
        let measured = super::width(shown);
        if line.width != measured {
            return Err(format!(
                "line {k}: width {} but measures {measured}",
                line.width
            ));
        }
        // (a) Never wider than the width, except one grapheme wider than it.
        if line.width > width && shown.graphemes(true).count() != 1 {
            return Err(format!("line {k} {shown:?} is {} wide", line.width));
        }
        if gap.contains('\n') || k + 1 == lines.len() {
            continue;
        }
        let para_end = text[line.start..]
            .find('\n')
            .map_or(text.len(), |i| line.start + i);
        let para_end = para_end - usize::from(text[..para_end].ends_with('\r'));
        let options = window(text, line.start, para_end, width);
        let Some(taken) = options.iter().find(|b| b.next == line.next) else {
            if line.width > width {
                continue; // the lone over-wide grapheme: nothing else was possible
            }
            return Err(format!(
                "line {k} {shown:?}: break at {} does not fit",
                line.next
            ));
        };
        // (c), (d) A closing mark starts a line, or an opening one ends it, only when
        // every fitting boundary of that line would have done the same.
        if prohibited(taken)
            && let Some(alt) = options.iter().find(|b| !prohibited(b))
        {
            return Err(format!(
                "line {k} {shown:?}: prohibited break, yet breaking before {:?} at {} was allowed",
                alt.after, alt.next
            ));
        }
        // (e) Greedy: the line ends at the last fitting place of the best kind, so no
        // later fitting boundary may be one that is surely legal.
        if let Some(alt) = options
            .iter()
            .find(|b| b.next > line.next && surely_legal(b))
        {
            return Err(format!(
                "line {k} {shown:?}: ended early, {:?}|{:?} at {} was legal and fitted",
                alt.before, alt.after, alt.next
            ));
        }
        // (f) Words and codes are split only when no clearly allowed break fits.
        if splits_word(taken)
            && let Some(alt) = options.iter().find(|b| clearly_allowed(b))
        {
            return Err(format!(
                "line {k} {shown:?}: split a word, yet {:?}|{:?} at {} was allowed",
                alt.before, alt.after, alt.next
            ));
        }
        // (g) A number keeps its unit while a space offers a legal break.
        let rest = &text[line.next..];
        let after_digit = taken
            .before
            .is_some_and(|g| g.len() == 1 && g.as_bytes()[0].is_ascii_digit());
        if !taken.spaced
            && after_digit
            && UNITS.iter().any(|u| rest.starts_with(u))
            && let Some(alt) = options.iter().find(|b| !prohibited(b) && b.spaced)
        {
            return Err(format!(
                "line {k} {shown:?}: split number and unit, yet a space at {} was free",
                alt.next
            ));
        }
    }
    Ok(())
}

const IDEOGRAPHS: &str = "今年义乌市进出口额同比增长商城国际化发展方向坚持贸易综合改革试点政策平台";
const WORDS: &[&str] = &[
    "Chinagoods",
    "Temu",
    "9610",
    "H986",
    "B2B",
    "e-commerce",
    "Shein",
    "www.yiwugo.com",
    "TikTok",
    "1+N",
];
const UNIT_SUFFIXES: &[&str] = &[
    "亿元",
    "万元",
    "元",
    "亿美元",
    "万人次",
    "家",
    "个百分点",
    "%",
    "％",
    "倍",
    "万标箱",
    "年",
    "月",
    "余场",
];
const PUNCT: &[&str] = &[
    ",", ".", ";", ":", "?", "!", "(", ")", "\"", "'", "/", "-", "%", "$", "、", "。", "，", "；",
    "：", "？", "！", "“", "”", "‘", "’", "「", "」", "《", "》", "（", "）", "【", "】", "·",
    "～", "——", "……", "—", "…", "￥", "〃", "％",
];
const ODD: &[&str] = &[
    "😀",
    "👨\u{200d}👩\u{200d}👧",
    "❤\u{fe0f}",
    "🇨🇳",
    "👍🏽",
    "e\u{301}",
    "\u{301}",
    "a\u{20dd}",
    "\u{a0}",
    "\u{200b}",
    "\n",
    "\r\n",
    "\t",
    "\u{1b}",
    "　",
    "ｗｉｄｅ",
    "２０２２年",
    "①",
    "Ω",
];

/// A random text of the genre's ingredients, `pieces` of them.
fn random_text(rng: &mut Rng, pieces: usize) -> String {
    let ideographs: Vec<char> = IDEOGRAPHS.chars().collect();
    let mut out = String::new();
    for _ in 0..pieces {
        match rng.below(10) {
            0..=2 => {
                for _ in 0..1 + rng.below(6) {
                    out.push(ideographs[rng.below(ideographs.len())]);
                }
            }
            3 => out.push_str(rng.pick(WORDS)),
            4 => {
                for _ in 0..1 + rng.below(6) {
                    out.push(char::from(b'0' + rng.below(10) as u8));
                }
                if rng.chance(40) {
                    out.push('.');
                    out.push(char::from(b'0' + rng.below(10) as u8));
                }
                out.push_str(rng.pick(UNIT_SUFFIXES));
            }
            5 | 6 => out.push_str(rng.pick(PUNCT)),
            7 => out.push_str(&" ".repeat(1 + rng.below(3))),
            8 => out.push_str(rng.pick(ODD)),
            _ => {
                out.push_str(rng.pick(WORDS));
                out.push(' ');
            }
        }
    }
    out
}

fn random_width(rng: &mut Rng) -> usize {
    if rng.chance(50) {
        1 + rng.below(300)
    } else {
        1 + rng.below(24)
    }
}

#[test]
fn wrap_properties_on_random_mixtures() {
    let mut rng = Rng::new(20260601);
    for case in 0..3000 {
        let pieces = rng.below(60);
        let text = random_text(&mut rng, pieces);
        let width = random_width(&mut rng);
        if let Err(e) = check(&text, width) {
            panic!("case {case}, width {width}, text {text:?}: {e}");
        }
    }
}

#[test]
fn wrap_properties_on_sanitized_and_wide_mixtures() {
    let mut rng = Rng::new(7);
    for case in 0..1000 {
        let pieces = rng.below(40);
        let raw = random_text(&mut rng, pieces);
        let text = prepare(&raw, AmbiguousWidth::Wide);
        let width = random_width(&mut rng);
        if let Err(e) = check(&text, width) {
            panic!("case {case}, width {width}, text {text:?}: {e}");
        }
    }
}

/// Any chars at all, controls and unassigned ones included: nothing panics, and the
/// invariants that need no well-formed text still hold.
#[test]
fn nothing_panics_on_arbitrary_text() {
    let mut rng = Rng::new(99);
    for _ in 0..2000 {
        let len = rng.below(40);
        let text: String = (0..len)
            .filter_map(|_| {
                let c = match rng.below(4) {
                    0 => rng.below(0x80),
                    1 => rng.below(0x3000),
                    2 => 0x3000 + rng.below(0xd000),
                    _ => rng.below(0x11_0000),
                };
                char::from_u32(c as u32)
            })
            .collect();
        let width = rng.below(30);
        for setting in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
            let clean = prepare(&text, setting);
            assert!(!clean.chars().any(|c| c.is_control() && c != '\n'));
            assert!(super::width(&truncate(&clean, width, setting)) <= width);
            let _ = unambiguous(&text, setting);
        }
        let lines = wrap(&text, width);
        let joined: String = lines.iter().map(|l| &text[l.start..l.next]).collect();
        assert_eq!(joined, text);
        check(&sanitize(&text), width).unwrap_or_else(|e| panic!("{text:?} at {width}: {e}"));
    }
}

#[test]
fn every_seed_line_at_common_widths() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut lines_checked = 0;
    for path in files {
        let raw = std::fs::read_to_string(&path).expect("seed is UTF-8");
        for setting in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
            let text = prepare(&raw, setting);
            for width in [20, 37, 80, 200] {
                for line in text.lines() {
                    if let Err(e) = check(line, width) {
                        panic!("{}: width {width}, {line:?}: {e}", path.display());
                    }
                    lines_checked += 1;
                }
                check(&text, width)
                    .unwrap_or_else(|e| panic!("{} whole at {width}: {e}", path.display()));
            }
        }
    }
    assert!(lines_checked > 1000);
}
