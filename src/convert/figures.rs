//! Figures: numbers with a unit and what they measure, found in a piece of body text.
//!
//! Policy documents quote figures in a few fixed shapes ("指标2645.0亿元，同比增长22.0%",
//! "超1310亿元", "20余场", "*万户") and mix them with numbers that are not figures (years,
//! months, ordinals, customs codes). One forward pass (`scan`) classifies every number
//! and keeps the sentence state (period, target cues) seen so far; a second pass turns
//! the hits into `Found`s. Flattened indicator tables get their own row logic.
//!
//! Choices where the genre is ambiguous:
//! - A range (2-3家, 25～28天) keeps its lower bound as `value`; the range goes into the
//!   qualifier as `范围2-3`.
//! - 翻番 / 翻一番 is a figure with value 2 (翻两番: 4), unit 倍, qualifier 翻番.
//! - A growth rate right after a level (…2645.0亿元，同比增长22.0%) becomes that level's
//!   `change` and is not a figure of its own. A growth rate with no level before it is a
//!   figure whose metric keeps the growth phrase (展览面积同比增长) and whose `change`
//!   repeats the value with its basis, so growth figures can be told apart and filtered.
//! - 增速高于全国平均X个百分点 attaches to the level before it as a vs-national change when
//!   that level has none yet; otherwise it is its own figure (metric: the level's metric +
//!   the phrase).
//! - In an indicator table the first value of a row is the actual (完成值 year), the
//!   second the target (预期值 year); a % value is a target figure named metric+年均增幅
//!   with an annual change, over the plan period.
//! - 百分之二十 has unit 百分之 (as written) and base unit %.
//! - A bare multiplier (500万, 1亿) is a figure with that unit and an empty base unit.

use crate::brief::{Change, ChangeBasis, FigureKind};
use std::rc::Rc;

/// What the surrounding document tells the extractor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureContext {
    /// The year the document was written in, to resolve 今年 / 去年 / 1-5月.
    pub doc_year: Option<i32>,
    /// The kind a figure gets when nothing around it says actual or target: `Target`
    /// inside a plan or a next-year section, `Actual` inside a results section.
    pub default_kind: FigureKind,
}

/// One figure found in `text`; `start..end` is the byte range of its quote.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub metric: String,
    pub value: Option<f64>,
    pub unit: String,
    pub base: Option<f64>,
    pub base_unit: String,
    pub kind: FigureKind,
    pub qualifier: Option<String>,
    pub period: Option<String>,
    pub change: Option<Change>,
    /// Why the kind, period and metric were chosen, for `brief convert --explain`.
    pub reason: String,
}

/// A number that looked like a figure but is not one (a year, an ordinal, a code …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub start: usize,
    pub end: usize,
    pub why: &'static str,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub figures: Vec<Found>,
    pub skipped: Vec<Skipped>,
}

/// Finds every figure in `text` (one paragraph or measure of body text).
pub fn extract(text: &str, ctx: &FigureContext) -> Extraction {
    let Scan { hits, skipped, .. } = scan(text, ctx);
    let figures = match table_header(text, &hits) {
        Some(header) => table_figures(text, &hits, &header),
        None => prose_figures(text, ctx, &hits),
    };
    Extraction { figures, skipped }
}

// ---------------------------------------------------------------------------------
// Characters. Everything walks the original text by char from known boundaries, so a
// computed offset is never a byte in the middle of a character.

/// Full-width forms folded to ASCII, so that matching sees one form; quotes are sliced
/// from the original text and keep what was written.
fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '—' | '–' | '‐' | '−' => '-',
        '〜' => '~',
        _ => c,
    }
}

/// The char at byte `at`, folded, and the byte where the next one starts.
fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let c = text.get(at..)?.chars().next()?;
    Some((fold(c), at + c.len_utf8()))
}

/// The char ending at byte `at`, folded, and the byte where it starts.
fn char_before(text: &str, at: usize) -> Option<(char, usize)> {
    let c = text.get(..at)?.chars().next_back()?;
    Some((fold(c), at - c.len_utf8()))
}

fn slice(text: &str, start: usize, end: usize) -> &str {
    text.get(start..end).unwrap_or("")
}

/// End of `word` if the text at `at` spells it (after folding).
fn word_at(text: &str, at: usize, word: &str) -> Option<usize> {
    let mut pos = at;
    for w in word.chars() {
        let (c, next) = char_at(text, pos)?;
        if c != w {
            return None;
        }
        pos = next;
    }
    Some(pos)
}

/// Start of `word` if the text just before `at` spells it (after folding).
fn word_before(text: &str, at: usize, word: &str) -> Option<usize> {
    let mut pos = at;
    for w in word.chars().rev() {
        let (c, prev) = char_before(text, pos)?;
        if c != w {
            return None;
        }
        pos = prev;
    }
    Some(pos)
}

/// The longest of `words` at `at`, with its end. (No word list holds an empty word.)
fn longest_at<'w>(text: &str, at: usize, words: &[&'w str]) -> Option<(&'w str, usize)> {
    // Only words starting with the folded char at `at` can match; comparing first chars
    // is much cheaper than spelling each word out.
    let (c, _) = char_at(text, at)?;
    words
        .iter()
        .filter(|w| w.starts_with(c))
        .filter_map(|w| word_at(text, at, w).map(|end| (*w, end)))
        .max_by_key(|&(_, end)| end)
}

/// The longest of `words` ending at `at`, with its start.
fn longest_before<'w>(text: &str, at: usize, words: &[&'w str]) -> Option<(&'w str, usize)> {
    // As in `longest_at`: only words ending with the folded char before `at` can match.
    let (c, _) = char_before(text, at)?;
    words
        .iter()
        .filter(|w| w.ends_with(c))
        .filter_map(|w| word_before(text, at, w).map(|start| (*w, start)))
        .min_by_key(|&(_, start)| start)
}

/// A word list sorted at compile time by each word's first (or last) char, so that a
/// lookup binary-searches the few words that can match instead of trying them all.
/// Words with the same key keep their order in the list.
struct Index<const N: usize> {
    keys: [char; N],
    words: [&'static str; N],
}

impl<const N: usize> Index<N> {
    const fn new(list: &[&'static str], last: bool) -> Self {
        let mut keys = ['\0'; N];
        let mut words = [""; N];
        let mut i = 0;
        while i < N {
            words[i] = list[i];
            keys[i] = edge_char(list[i].as_bytes(), last);
            // Insertion sort, stable: an equal key never moves past another.
            let mut j = i;
            while j > 0 && (keys[j - 1] as u32) > (keys[j] as u32) {
                let k = keys[j];
                keys[j] = keys[j - 1];
                keys[j - 1] = k;
                let w = words[j];
                words[j] = words[j - 1];
                words[j - 1] = w;
                j -= 1;
            }
            i += 1;
        }
        Index { keys, words }
    }

    /// The words whose key is `c`, in list order.
    fn get(&self, c: char) -> &[&'static str] {
        let lo = self.keys.partition_point(|&k| k < c);
        let hi = self.keys.partition_point(|&k| k <= c);
        self.words.get(lo..hi).unwrap_or(&[])
    }
}

const fn edge_char(bytes: &[u8], last: bool) -> char {
    // An empty word would match everywhere, which a keyed lookup cannot express.
    assert!(!bytes.is_empty(), "empty word in a word list");
    let mut at = if last { bytes.len() - 1 } else { 0 };
    while at > 0 && bytes[at] & 0xC0 == 0x80 {
        at -= 1;
    }
    let lead = bytes[at];
    let (mut code, len) = match lead {
        0x00..=0x7F => (lead as u32, 1),
        0xC0..=0xDF => ((lead & 0x1F) as u32, 2),
        0xE0..=0xEF => ((lead & 0x0F) as u32, 3),
        _ => ((lead & 0x07) as u32, 4),
    };
    let mut k = 1;
    while k < len {
        code = (code << 6) | (bytes[at + k] & 0x3F) as u32;
        k += 1;
    }
    match char::from_u32(code) {
        Some(c) => c,
        None => panic!("not UTF-8"),
    }
}

/// `longest_at` over an indexed list: only words starting with the folded char at `at`.
fn longest_indexed_at<const N: usize>(
    text: &str,
    at: usize,
    index: &Index<N>,
) -> Option<(&'static str, usize)> {
    let (c, _) = char_at(text, at)?;
    index
        .get(c)
        .iter()
        .filter_map(|w| word_at(text, at, w).map(|end| (*w, end)))
        .max_by_key(|&(_, end)| end)
}

fn skip_blank(text: &str, at: usize) -> usize {
    let mut pos = at;
    while let Some((c, next)) = char_at(text, pos)
        && c.is_whitespace()
    {
        pos = next;
    }
    pos
}

fn skip_blank_back(text: &str, at: usize) -> usize {
    let mut pos = at;
    while let Some((c, prev)) = char_before(text, pos)
        && c.is_whitespace()
    {
        pos = prev;
    }
    pos
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | '\n' | '\r')
}

/// Where a metric cannot reach across.
fn is_clause_break(c: char) -> bool {
    is_sentence_end(c)
        || c.is_control()
        || matches!(
            c,
            ',' | ':' | '、' | '(' | ')' | '[' | ']' | '【' | '】' | '《' | '》' | '「' | '」'
        )
}

// ---------------------------------------------------------------------------------
// Numbers and units.

/// Longer runs are identifiers or garbage, and parsing them would be wasted work.
const MAX_DIGITS: usize = 15;

/// A run of digits (with one decimal point) or of '*' masking digits.
struct Num {
    start: usize,
    end: usize,
    digits: String,
    masked: bool,
    too_long: bool,
}

impl Num {
    fn value(&self) -> Option<f64> {
        if self.masked {
            return None;
        }
        self.digits.parse::<f64>().ok().filter(|v| v.is_finite())
    }

    fn int(&self) -> Option<i64> {
        if self.masked || self.digits.contains('.') {
            return None;
        }
        self.digits.parse().ok()
    }
}

fn is_digit_or_mask(c: char) -> bool {
    c.is_ascii_digit() || c == '*'
}

fn scan_number(text: &str, at: usize) -> Num {
    let mut n = Num {
        start: at,
        end: at,
        digits: String::with_capacity(MAX_DIGITS),
        masked: false,
        too_long: false,
    };
    // Whether `digits` holds a '.', kept rather than searched for at every char.
    let mut has_point = false;
    let mut pos = at;
    while let Some((c, next)) = char_at(text, pos) {
        let point = c == '.'
            && !n.digits.is_empty()
            && !has_point
            && char_at(text, next).is_some_and(|(d, _)| is_digit_or_mask(d));
        if !(is_digit_or_mask(c) || point) {
            break;
        }
        n.masked |= c == '*';
        if n.digits.len() < MAX_DIGITS {
            n.digits.push(c);
            has_point |= point;
        } else {
            n.too_long = true;
        }
        pos = next;
    }
    n.end = pos;
    n
}

/// `digits` × 10^exp through the decimal parser, so 2316.01亿 is exactly 231601000000.
fn scaled(digits: &str, exp: i32) -> Option<f64> {
    // Spelled "{digits}e{exp}" by hand: the formatting machinery cost more than the parse.
    let mut s = String::with_capacity(digits.len() + 12);
    s.push_str(digits);
    s.push('e');
    if exp < 0 {
        s.push('-');
    }
    let mut mag = exp.unsigned_abs();
    let mut buf = [0u8; 10];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (mag % 10) as u8;
        mag /= 10;
        if mag == 0 {
            break;
        }
    }
    buf[at..].iter().for_each(|&d| s.push(char::from(d)));
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

const MULTIPLIERS: &[(&str, i32)] = &[
    ("万亿", 12),
    ("千万", 7),
    ("百万", 6),
    ("亿", 8),
    ("万", 4),
    ("千", 3),
];

/// Units as matched (folded). Longest match wins, so 个百分点 beats 个, 人次 beats 人.
const BASE_UNITS: &[&str] = &[
    "个百分点",
    "平方公里",
    "平方米",
    "个标箱",
    "标箱",
    "TEU",
    "美元",
    "欧元",
    "元",
    "人次",
    "家次",
    "场次",
    "架次",
    "人",
    "户",
    "家",
    "个",
    "场",
    "次",
    "件",
    "条",
    "项",
    "所",
    "吨",
    "公顷",
    "亩",
    "公里",
    "米",
    "天",
    "小时",
    "倍",
    "%",
    "‰",
    "处",
    "列",
    "班",
    "批",
    "台",
    "辆",
    "单",
    "笔",
    "名",
    "份",
    "间",
    "套",
    "位",
    "座",
    "栋",
    "张",
    "艘",
    "款",
    "种",
    "类",
    "团",
    "轮",
    "期",
    "部",
    "平台",
    "千瓦",
    "度电",
];

const BASE_INDEX: Index<{ BASE_UNITS.len() }> = Index::new(BASE_UNITS, false);

const PERCENT_UNITS: &[&str] = &["%", "个百分点"];

/// A unit after a number, as written and split into multiplier and base.
#[derive(Debug, Clone, PartialEq)]
struct Unit {
    end: usize,
    written: String,
    base: String,
    exp: i32,
    /// 余 / 多 written between the number and the unit (20余场, 1.2万余人).
    approx: Option<&'static str>,
}

fn approx_at(text: &str, at: usize) -> Option<(&'static str, usize)> {
    longest_at(text, at, &["余", "多"])
}

/// The longest multiplier at `at`: its exponent and end.
fn multiplier_at(text: &str, at: usize) -> Option<(i32, usize)> {
    let (c, _) = char_at(text, at)?;
    MULTIPLIERS
        .iter()
        .filter(|(w, _)| w.starts_with(c))
        .filter_map(|&(w, e)| word_at(text, at, w).map(|end| (e, end)))
        .max_by_key(|&(_, end)| end)
}

fn unit_at(text: &str, at: usize) -> Option<Unit> {
    let mut pos = skip_blank(text, at);
    let mut approx = approx_at(text, pos).map(|(w, end)| {
        pos = end;
        w
    });
    let mut written = String::new();
    let mut exp = 0;
    if let Some((e, end)) = multiplier_at(text, pos) {
        written.push_str(slice(text, pos, end));
        exp = e;
        pos = end;
        if approx.is_none()
            && let Some((w, end)) = approx_at(text, pos)
        {
            approx = Some(w);
            pos = end;
        }
    }
    let base = match longest_indexed_at(text, pos, &BASE_INDEX) {
        Some((b, end)) => {
            written.push_str(slice(text, pos, end));
            pos = end;
            b.to_owned()
        }
        None if exp > 0 => String::new(),
        None => return None,
    };
    let mut unit = Unit {
        end: pos,
        written,
        base,
        exp,
        approx,
    };
    per_time(text, &mut unit);
    Some(unit)
}

/// 125亿美元/年: the rate stays part of the unit.
fn per_time(text: &str, unit: &mut Unit) {
    if unit.base.is_empty() {
        return;
    }
    let Some(slash) = word_at(text, unit.end, "/") else {
        return;
    };
    if let Some((w, end)) = longest_at(text, slash, &["年", "月", "天", "日"]) {
        unit.written.push_str(slice(text, unit.end, end));
        unit.base.push('/');
        unit.base.push_str(w);
        unit.end = end;
    }
}

fn is_percent(unit: &Unit) -> bool {
    PERCENT_UNITS.contains(&unit.base.as_str())
}

const PRE_QUALIFIERS: &[&str] = &[
    "不少于",
    "不低于",
    "超过",
    "突破",
    "不足",
    "不到",
    "至少",
    "将近",
    "接近",
    "大约",
    "逾",
    "超",
    "近",
    "约",
];

const PRE_INDEX: Index<{ PRE_QUALIFIERS.len() }> = Index::new(PRE_QUALIFIERS, true);

/// Chars that turn a one-char qualifier into part of another word (节约, 最近, 赶超).
const NOT_QUALIFIER_BEFORE: &[char] = &['节', '签', '预', '邀', '履', '合', '制', '最', '附', '赶'];

/// The qualifier just before a number, and where it starts.
fn pre_qualifier(text: &str, at: usize) -> Option<(&'static str, usize)> {
    let end = skip_blank_back(text, at);
    let (c, _) = char_before(text, end)?;
    let (word, start) = PRE_INDEX
        .get(c)
        .iter()
        .filter_map(|w| word_before(text, end, w).map(|start| (*w, start)))
        .min_by_key(|&(_, start)| start)?;
    let glued = char_before(text, start).is_some_and(|(c, _)| NOT_QUALIFIER_BEFORE.contains(&c));
    if word.chars().count() == 1 && glued {
        return None;
    }
    Some((word, start))
}

fn post_qualifier(text: &str, at: usize) -> Option<(&'static str, usize)> {
    longest_at(text, at, &["以上", "以下", "左右", "以内"])
}

// ---------------------------------------------------------------------------------
// Sentence state: the period and the actual/target cue that apply to what follows.

#[derive(Debug, Clone, Default, PartialEq)]
struct Period {
    text: String,
    end_year: Option<i32>,
    source: String,
}

#[derive(Debug, Clone, PartialEq)]
struct Cue {
    kind: FigureKind,
    word: String,
}

/// Every hit keeps a copy of the state; the period and cue are shared, not copied,
/// since they change far less often than hits are taken.
#[derive(Debug, Clone, Default, PartialEq)]
struct State {
    year: Option<i32>,
    period: Option<Rc<Period>>,
    cue: Option<Rc<Cue>>,
    sentence: usize,
}

impl State {
    fn end_sentence(&mut self) {
        *self = State {
            sentence: self.sentence + 1,
            ..State::default()
        };
    }

    fn set_year(&mut self, year: i32, source: &str) {
        self.year = Some(year);
        self.period = Some(Rc::new(Period {
            text: year.to_string(),
            end_year: Some(year),
            source: source.to_owned(),
        }));
    }

    fn set_span(&mut self, from: String, to: String, end_year: i32, source: &str) {
        self.period = Some(Rc::new(Period {
            text: format!("{from}/{to}"),
            end_year: Some(end_year),
            source: source.to_owned(),
        }));
    }

    fn set_cue(&mut self, kind: FigureKind, word: &str) {
        self.cue = Some(Rc::new(Cue {
            kind,
            word: word.to_owned(),
        }));
    }
}

/// Words that move the sentence state, or stand for a figure themselves.
#[derive(Debug, Clone, Copy)]
enum Word {
    /// 今年 (0), 去年 (-1), 明年 (+1): a year relative to the document.
    RelYear(i32),
    /// 上半年 / 下半年 / 一季度 …: months of the current year.
    Months(u32, u32),
    WholeYear,
    WithinYear,
    /// 十四五: a five-year plan starting that year.
    Plan(i32),
    Target,
    Actual,
    /// Contains a cue but is not one (将近 is "nearly", not "will").
    Neutral,
    Double(f64),
    Percent,
}

const WORDS: &[(&str, Word)] = &[
    ("今年", Word::RelYear(0)),
    ("去年", Word::RelYear(-1)),
    ("上年", Word::RelYear(-1)),
    ("上年度", Word::RelYear(-1)),
    ("明年", Word::RelYear(1)),
    ("上半年", Word::Months(1, 6)),
    ("下半年", Word::Months(7, 12)),
    ("一季度", Word::Months(1, 3)),
    ("前三季度", Word::Months(1, 9)),
    ("全年", Word::WholeYear),
    ("年内", Word::WithinYear),
    ("十二五", Word::Plan(2011)),
    ("十三五", Word::Plan(2016)),
    ("十四五", Word::Plan(2021)),
    ("十五五", Word::Plan(2026)),
    ("力争", Word::Target),
    ("确保", Word::Target),
    ("目标", Word::Target),
    ("预期", Word::Target),
    ("预计", Word::Target),
    ("计划", Word::Target),
    ("争取", Word::Target),
    ("将", Word::Target),
    ("拟", Word::Target),
    ("力求", Word::Target),
    ("下一步", Word::Target),
    ("下步", Word::Target),
    ("将近", Word::Neutral),
    ("已", Word::Actual),
    ("累计", Word::Actual),
    ("截至", Word::Actual),
    ("翻番", Word::Double(2.0)),
    ("翻一番", Word::Double(2.0)),
    ("翻了一番", Word::Double(2.0)),
    ("翻两番", Word::Double(4.0)),
    ("百分之", Word::Percent),
];

fn word_of(w: &str) -> Option<Word> {
    WORDS.iter().find(|&&(k, _)| k == w).map(|&(_, v)| v)
}

/// 比上年、较去年: the year is the comparison base, not the period of what follows.
fn is_comparison_at(text: &str, at: usize) -> bool {
    let at = skip_blank_back(text, at);
    longest_before(text, at, &["比", "较", "与", "同", "相比"]).is_some()
}

// ---------------------------------------------------------------------------------
// The forward pass.

/// A figure candidate: a number (or 翻番, 百分之…) with its unit.
#[derive(Debug, Clone)]
struct Hit {
    /// Where the qualifier before the number, or the number, starts.
    start: usize,
    end: usize,
    value: Option<f64>,
    digits: String,
    unit: Unit,
    qualifiers: Vec<String>,
    state: State,
}

#[derive(Default)]
struct Scan {
    hits: Vec<Hit>,
    skipped: Vec<Skipped>,
    state: State,
}

impl Scan {
    fn skip(&mut self, start: usize, end: usize, why: &'static str) -> usize {
        self.skipped.push(Skipped { start, end, why });
        end
    }
}

fn scan(text: &str, ctx: &FigureContext) -> Scan {
    let mut out = Scan::default();
    let mut pos = 0;
    loop {
        // Chars where nothing can start only step to the next char, so jumping straight
        // to the next stop visits exactly the positions that matter.
        pos = next_stop(text, pos);
        let Some((c, next)) = char_at(text, pos) else {
            break;
        };
        pos = if is_sentence_end(c) {
            out.state.end_sentence();
            next
        } else if is_digit_or_mask(c) {
            on_number(text, ctx, scan_number(text, pos), &mut out)
        } else if let Some((w, end)) = state_word_at(text, pos, c) {
            on_word(text, ctx, w, pos, end, &mut out)
        } else {
            next
        };
    }
    out
}

/// Whether the scan has anything to do at `c` (folded): a sentence end, a digit or mask,
/// or the first char of a state word.
fn is_stop(c: char) -> bool {
    is_sentence_end(c) || is_digit_or_mask(c) || !state_words(c).is_empty()
}

/// The byte where the first stop at or after `from` starts, or the end of the text.
/// This runs over every char of every paragraph, so it avoids all per-char word lookups.
fn next_stop(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        let (stop, len) = match b {
            0x00..=0x7F => (is_ascii_stop(u32::from(b)), 1),
            // Three-byte chars (ideographs, CJK and full-width punctuation) decoded by
            // hand: this loop is the one place that reads every char of the text.
            0xE0..=0xEF => {
                let Some(&[_, b1, b2]) = bytes.get(i..i + 3) else {
                    return text.len();
                };
                let code =
                    u32::from(b & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F);
                (is_stop_code(code), 3)
            }
            _ => {
                let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
                    return text.len();
                };
                (is_stop(fold(c)), c.len_utf8())
            }
        };
        if stop {
            return i;
        }
        i += len;
    }
    text.len()
}

/// `is_stop` for an ASCII code: every ASCII stop (sentence ends, digits, '*') is below
/// 64, so one word of bits holds them.
fn is_ascii_stop(code: u32) -> bool {
    code < 64 && ASCII_STOPS >> code & 1 == 1
}

const ASCII_STOPS: u64 = ascii_stops();

const fn ascii_stops() -> u64 {
    let mut mask = 0;
    let mut b = 0;
    while b < 64 {
        let c = b as u8 as char;
        if matches!(c, '!' | '?' | ';' | '\n' | '\r' | '*' | '0'..='9') {
            mask |= 1 << b;
        }
        b += 1;
    }
    mask
}

/// `is_stop(fold(c))` for the char with code point `code`, with the common cases first:
/// ideographs (only the state-word bit), full-width ASCII (folded, then the mask).
fn is_stop_code(code: u32) -> bool {
    match code {
        CJK_FIRST..=CJK_LAST => {
            let k = (code - CJK_FIRST) as usize;
            STATE_FIRSTS
                .get(k / 64)
                .is_some_and(|b| b >> (k % 64) & 1 == 1)
        }
        0x3400..=0x4DBF => false,
        0xFF01..=0xFF5E => is_ascii_stop(code - 0xFEE0),
        _ => char::from_u32(code).is_some_and(|c| is_stop(fold(c))),
    }
}

const CJK_FIRST: u32 = 0x4E00;
const CJK_LAST: u32 = 0x9FFF;

/// One bit per ideograph U+4E00..=U+9FFF that starts a state word, built from `WORDS`.
const STATE_FIRSTS: [u64; 328] = state_firsts();

const fn state_firsts() -> [u64; 328] {
    let mut bits = [0; 328];
    let mut i = 0;
    while i < WORDS.len() {
        let c = edge_char(WORDS[i].0.as_bytes(), false) as u32;
        // `next_stop` looks state words up only in this range.
        assert!(
            c >= CJK_FIRST && c <= CJK_LAST,
            "state word outside U+4E00..U+9FFF"
        );
        let k = (c - CJK_FIRST) as usize;
        bits[k / 64] |= 1 << (k % 64);
        i += 1;
    }
    bits
}

/// The state words starting with `c`. `WORDS` grouped by first char, so that the scan
/// tries at most three words at a char instead of every word; the test
/// `state_words_cover_words` keeps the two lists in step.
fn state_words(c: char) -> &'static [&'static str] {
    match c {
        '今' => &["今年"],
        '去' => &["去年"],
        '上' => &["上年", "上年度", "上半年"],
        '明' => &["明年"],
        '下' => &["下半年", "下一步", "下步"],
        '一' => &["一季度"],
        '前' => &["前三季度"],
        '全' => &["全年"],
        '年' => &["年内"],
        '十' => &["十二五", "十三五", "十四五", "十五五"],
        '力' => &["力争", "力求"],
        '确' => &["确保"],
        '目' => &["目标"],
        '预' => &["预期", "预计"],
        '计' => &["计划"],
        '争' => &["争取"],
        '将' => &["将", "将近"],
        '拟' => &["拟"],
        '已' => &["已"],
        '累' => &["累计"],
        '截' => &["截至"],
        '翻' => &["翻番", "翻一番", "翻了一番", "翻两番"],
        '百' => &["百分之"],
        _ => &[],
    }
}

/// The longest state word at `at`, whose char is `c`. State words are all CJK, which
/// folding leaves alone, so a byte prefix test matches exactly what `word_at` would.
fn state_word_at(text: &str, at: usize, c: char) -> Option<(&'static str, usize)> {
    let rest = text.get(at..)?;
    state_words(c)
        .iter()
        .filter(|w| rest.starts_with(**w))
        .map(|&w| (w, at + w.len()))
        .max_by_key(|&(_, end)| end)
}

fn on_word(
    text: &str,
    ctx: &FigureContext,
    w: &str,
    start: usize,
    end: usize,
    out: &mut Scan,
) -> usize {
    let Some(word) = word_of(w) else {
        return end;
    };
    let st = &mut out.state;
    let year = st.year.or(ctx.doc_year);
    match word {
        Word::RelYear(_) if is_comparison_at(text, start) => {}
        Word::RelYear(offset) => {
            if let Some(y) = ctx.doc_year {
                st.set_year(y + offset, w);
            }
            if offset > 0 {
                st.set_cue(FigureKind::Target, w);
            }
        }
        Word::Months(from, to) => {
            if let Some(y) = year {
                st.set_span(format!("{y}-{from:02}"), format!("{y}-{to:02}"), y, w);
            }
        }
        // 三年内 / 5年内 is a span of years from now, not this year.
        Word::WithinYear if counts_years_before(text, start) => st.set_cue(FigureKind::Target, w),
        Word::WholeYear | Word::WithinYear => {
            if let Some(y) = year {
                st.set_year(y, w);
            }
            if matches!(word, Word::WithinYear) {
                st.set_cue(FigureKind::Target, w);
            }
        }
        Word::Plan(y) => st.set_span(y.to_string(), (y + 4).to_string(), y + 4, w),
        Word::Target => st.set_cue(FigureKind::Target, w),
        Word::Actual => st.set_cue(FigureKind::Actual, w),
        Word::Neutral => {}
        Word::Double(v) => push_double(w, v, start, end, out),
        Word::Percent => return percent_words(text, start, end, out),
    }
    end
}

/// True when a number of years stands just before `at` (三年内, 5年内, 两年内).
fn counts_years_before(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|before| before.chars().next_back())
        .is_some_and(|c| c.is_ascii_digit() || "一二两三四五六七八九十几数".contains(c))
}

fn push_double(w: &str, value: f64, start: usize, end: usize, out: &mut Scan) {
    let unit = Unit {
        end,
        written: "倍".to_owned(),
        base: "倍".to_owned(),
        exp: 0,
        approx: None,
    };
    out.hits.push(Hit {
        start,
        end,
        value: Some(value),
        digits: value.to_string(),
        unit,
        qualifiers: vec![w.to_owned()],
        state: out.state.clone(),
    });
}

/// 百分之二十 / 百分之20: percent written in words.
fn percent_words(text: &str, start: usize, after: usize, out: &mut Scan) -> usize {
    let (value, end) = match char_at(text, after) {
        Some((c, _)) if c.is_ascii_digit() => {
            let n = scan_number(text, after);
            (n.value(), n.end)
        }
        _ => chinese_number(text, after),
    };
    let Some(value) = value else {
        return after;
    };
    let unit = Unit {
        end,
        written: "百分之".to_owned(),
        base: "%".to_owned(),
        exp: 0,
        approx: None,
    };
    let mut qualifiers = Vec::new();
    let mut hit_end = end;
    if let Some((q, qend)) = post_qualifier(text, end) {
        qualifiers.push(q.to_owned());
        hit_end = qend;
    }
    out.hits.push(Hit {
        start,
        end: hit_end,
        value: Some(value),
        digits: value.to_string(),
        unit,
        qualifiers,
        state: out.state.clone(),
    });
    hit_end
}

/// A Chinese numeral below 1000 (二十, 三十五, 一百): enough for 百分之….
fn chinese_number(text: &str, at: usize) -> (Option<f64>, usize) {
    let mut pos = at;
    let (mut total, mut digit) = (0u32, None::<u32>);
    while let Some((c, next)) = char_at(text, pos) {
        let d = "零一二三四五六七八九".chars().position(|x| x == c);
        match (c, d) {
            (_, Some(d)) => digit = Some(d as u32),
            ('两', _) => digit = Some(2),
            ('十', _) => total += digit.take().unwrap_or(1) * 10,
            ('百', _) => total += digit.take().unwrap_or(1) * 100,
            _ => break,
        }
        pos = next;
    }
    if pos == at {
        return (None, at);
    }
    (Some(f64::from(total + digit.unwrap_or(0))), pos)
}

/// Classifies one number; returns where scanning goes on.
fn on_number(text: &str, ctx: &FigureContext, n: Num, out: &mut Scan) -> usize {
    if n.too_long {
        return out.skip(n.start, n.end, "number too long");
    }
    if let Some(why) = neighbour_says_not_figure(text, &n) {
        return out.skip(n.start, n.end, why);
    }
    let range = range_after(text, n.end);
    let last_end = range.as_ref().map_or(n.end, |r| r.end);
    if let Some(end) = dash_date(text, last_end) {
        return out.skip(n.start, end, "date");
    }
    if let Some(end) = calendar(text, ctx, &n, range.as_ref(), last_end, out) {
        return end;
    }
    if char_at(text, last_end).is_some_and(|(c, _)| c.is_ascii_alphabetic())
        && word_at(text, last_end, "TEU").is_none()
    {
        return out.skip(n.start, last_end, "code");
    }
    if word_at(text, last_end, "/")
        .is_some_and(|p| char_at(text, p).is_some_and(|(c, _)| c.is_ascii_digit()))
    {
        let denominator = scan_number(text, last_end + 1);
        return out.skip(n.start, denominator.end, "fraction");
    }
    match unit_at(text, last_end) {
        Some(unit) => push_hit(text, n, range, unit, out),
        None if n.masked => n.end,
        None => {
            let why = no_unit_reason(text, &n);
            out.skip(n.start, last_end, why)
        }
    }
}

/// Ordinals (第135届) and codes glued to operators (1+N, 4+4, 1+1＞2).
fn neighbour_says_not_figure(text: &str, n: &Num) -> Option<&'static str> {
    let before = char_before(text, skip_blank_back(text, n.start)).map(|(c, _)| c);
    if before == Some('第') {
        return Some("ordinal");
    }
    let prev = char_before(text, n.start).map(|(c, _)| c);
    let next = char_at(text, n.end).map(|(c, _)| c);
    let operator = |c: Option<char>| matches!(c, Some('+' | '>' | '<' | '=' | '×'));
    (operator(prev) || operator(next)).then_some("code")
}

/// 2-3家, 25～28天, 1至6月: the upper bound of a range.
fn range_after(text: &str, at: usize) -> Option<Num> {
    let pos = skip_blank(text, at);
    let (c, next) = char_at(text, pos)?;
    if !matches!(c, '-' | '~' | '至' | '到') {
        return None;
    }
    let start = skip_blank(text, next);
    char_at(text, start).filter(|&(d, _)| d.is_ascii_digit())?;
    let upper = scan_number(text, start);
    (!upper.too_long).then_some(upper)
}

/// 2024-07-15 / 2024.07.15: a third dash- or dot-separated part makes it a date.
fn dash_date(text: &str, at: usize) -> Option<usize> {
    let (c, next) = char_at(text, at)?;
    if !matches!(c, '-' | '.') {
        return None;
    }
    char_at(text, next).filter(|&(d, _)| d.is_ascii_digit())?;
    let part = scan_number(text, next);
    (c == '-' || !part.digits.contains('.')).then_some(part.end)
}

/// Years, months and days: dates, not figures, but they set the period.
fn calendar(
    text: &str,
    ctx: &FigureContext,
    n: &Num,
    range: Option<&Num>,
    at: usize,
    out: &mut Scan,
) -> Option<usize> {
    let pos = skip_blank(text, at);
    let (c, next) = char_at(text, pos)?;
    match c {
        '年' => Some(on_year(text, n, range, next, out)),
        '月' => Some(on_month(text, ctx, n, range, next, out)),
        '日' | '号' => Some(out.skip(n.start, next, "date")),
        _ => None,
    }
}

fn is_year(n: &Num) -> Option<i32> {
    let v = n.int()?;
    (n.digits.len() == 4 && (1900..=2100).contains(&v)).then_some(v as i32)
}

fn on_year(text: &str, n: &Num, range: Option<&Num>, end: usize, out: &mut Scan) -> usize {
    let to_target = word_before(text, skip_blank_back(text, n.start), "到").is_some();
    if n.masked {
        if to_target {
            out.state.set_cue(FigureKind::Target, "到*年");
        }
        return out.skip(n.start, end, "masked year");
    }
    let Some(year) = is_year(n) else {
        return out.skip(n.start, end, "duration");
    };
    if is_comparison_at(text, n.start) {
        return out.skip(n.start, end, "year (comparison base)");
    }
    let source = slice(text, n.start, end).to_owned();
    match range.and_then(is_year) {
        Some(to) => out
            .state
            .set_span(year.to_string(), to.to_string(), to, &source),
        None => out.state.set_year(year, &source),
    }
    if to_target {
        out.state
            .set_cue(FigureKind::Target, &format!("到{source}"));
    }
    out.skip(n.start, end, "year")
}

fn on_month(
    text: &str,
    ctx: &FigureContext,
    n: &Num,
    range: Option<&Num>,
    end: usize,
    out: &mut Scan,
) -> usize {
    let day = skip_blank(text, end);
    if char_at(text, day).is_some_and(|(c, _)| c.is_ascii_digit()) {
        let d = scan_number(text, day);
        if let Some(after) = longest_at(text, d.end, &["日", "号"]).map(|(_, e)| e) {
            return out.skip(n.start, after, "date");
        }
    }
    let month = |m: &Num| m.int().filter(|v| (1..=12).contains(v));
    let (Some(from), year) = (month(n), out.state.year.or(ctx.doc_year)) else {
        return out.skip(n.start, end, "month");
    };
    let to = range.and_then(month);
    if let Some(y) = year {
        let source = slice(text, n.start, end);
        let f = format!("{y}-{from:02}");
        match to {
            Some(to) => out.state.set_span(f, format!("{y}-{to:02}"), y, source),
            None => {
                out.state.period = Some(Rc::new(Period {
                    text: f,
                    end_year: Some(y),
                    source: source.to_owned(),
                }))
            }
        }
    }
    out.skip(n.start, end, "period (months)")
}

const CUSTOMS_CODES: &[&str] = &["9610", "9710", "9810", "1210", "1039", "0110"];

fn no_unit_reason(text: &str, n: &Num) -> &'static str {
    if CUSTOMS_CODES.contains(&n.digits.as_str()) {
        return "customs code";
    }
    if char_before(text, n.start).is_some_and(|(c, _)| c.is_ascii_alphabetic()) {
        return "code";
    }
    if is_list_number(text, n) {
        return "list number";
    }
    "no unit"
}

/// 1. / 2、 / (3) at the start of a paragraph or sentence.
fn is_list_number(text: &str, n: &Num) -> bool {
    let marker = char_at(text, n.end).is_some_and(|(c, _)| matches!(c, '.' | '、' | ')'));
    let before = char_before(text, skip_blank_back(text, n.start)).map(|(c, _)| c);
    let opens = match before {
        None => true,
        Some(c) => is_sentence_end(c) || matches!(c, '-' | '(' | ':' | '•' | '·'),
    };
    marker && opens && n.digits.len() <= 2
}

fn push_hit(text: &str, n: Num, range: Option<Num>, unit: Unit, out: &mut Scan) -> usize {
    let mut qualifiers = Vec::new();
    let mut start = n.start;
    if let Some((q, qstart)) = pre_qualifier(text, n.start) {
        qualifiers.push(q.to_owned());
        start = qstart;
    }
    if let Some(a) = unit.approx {
        qualifiers.push(a.to_owned());
    }
    let mut end = unit.end;
    if let Some((q, qend)) = post_qualifier(text, end) {
        qualifiers.push(q.to_owned());
        end = qend;
    }
    let range = range.map(|r| format!("{}-{}", n.digits, r.digits));
    if let Some(r) = &range {
        qualifiers.push(format!("范围{r}"));
    }
    out.hits.push(Hit {
        start,
        end,
        value: n.value(),
        digits: n.digits,
        unit,
        qualifiers,
        state: out.state.clone(),
    });
    end
}

// ---------------------------------------------------------------------------------
// Metrics: the noun phrase before the number, with time words and verbs taken off.

/// A metric longer than this has swallowed a whole clause; its tail is the noun.
const MAX_METRIC_CHARS: usize = 20;
const MAX_CLAUSE_CHARS: usize = 40;

const LEAD_WORDS: &[&str] = &[
    "其中",
    "另外",
    "此外",
    "同时",
    "并且",
    "并",
    "且",
    "也",
    "还",
    "已经",
    "已",
    "累计",
    "共计",
    "总共",
    "共",
    "全年",
    "今年",
    "去年",
    "上年度",
    "上年",
    "明年",
    "年内",
    "上半年",
    "下半年",
    "目前",
    "截至目前",
    "截至",
    "当前",
    "现有",
    "据统计",
    "全市",
    "我市",
    "全区",
    "我区",
    "全省",
    "全县",
    "力争",
    "确保",
    "争取",
    "预计",
    "计划",
    "将",
    "拟",
    "实现",
    "完成",
    "达到",
    "期间",
    "时期",
    "十二五",
    "十三五",
    "十四五",
    "十五五",
    "以来",
    "年底前",
    "\"",
    "“",
    "”",
    "'",
    "‘",
    "’",
    "-",
    "的",
    "和",
    "及",
];

const TRAIL_WORDS: &[&str] = &[
    "达到了",
    "达到",
    "已达",
    "增至",
    "增长至",
    "升至",
    "提升至",
    "提高至",
    "达",
    "为",
    "是",
    "有",
    "共有",
    "共计",
    "共",
    "计",
    "合计",
    "总计",
    "累计",
    "的",
    "了",
    "在",
    "分别",
    "仅有",
    "仅",
    "已有",
    "拥有",
    "过",
    "\"",
    "“",
    "”",
    "'",
    "‘",
    "’",
];

const LEAD_INDEX: Index<{ LEAD_WORDS.len() }> = Index::new(LEAD_WORDS, false);
const TRAIL_INDEX: Index<{ TRAIL_WORDS.len() }> = Index::new(TRAIL_WORDS, true);

/// Words that say "growth", which a growth figure's metric keeps.
const GROWTH_VERBS: &[&str] = &[
    "增长", "增加", "上升", "提高", "提升", "增幅", "增速", "下降", "减少", "回落", "下滑", "降低",
    "下跌",
];
const GROWTH_INDEX: Index<{ GROWTH_VERBS.len() }> = Index::new(GROWTH_VERBS, false);
const FALLING: &[&str] = &[
    "下降", "减少", "回落", "下滑", "降低", "下跌", "低于", "慢于",
];
const VS_NATIONAL: &[&str] = &["高于", "快于", "高出", "超出", "超过", "低于", "慢于"];

fn strip_metric(s: &str) -> &str {
    let mut s = s;
    loop {
        let t = strip_trail(strip_lead(s));
        if t.len() == s.len() {
            return s;
        }
        s = t;
    }
}

fn strip_lead(s: &str) -> &str {
    // An item's own marker (二是, 1., （三）) is not part of what is measured.
    if let Some(marker) = super::markers::marker_at(s) {
        return s.get(marker.len..).unwrap_or(s);
    }
    // Only words starting with the first char can be a prefix.
    let words = s.chars().next().map_or(&[][..], |c| LEAD_INDEX.get(c));
    words
        .iter()
        .filter_map(|w| s.strip_prefix(w))
        .min_by_key(|t| t.len())
        .or_else(|| strip_time_lead(s))
        .unwrap_or(s)
}

fn strip_trail(s: &str) -> &str {
    // Only words ending with the last char can be a suffix.
    let words = s
        .chars()
        .next_back()
        .map_or(&[][..], |c| TRAIL_INDEX.get(c));
    words
        .iter()
        .filter_map(|w| s.strip_suffix(w))
        .min_by_key(|t| t.len())
        .or_else(|| strip_time_trail(s))
        .unwrap_or(s)
}

const TIME_UNITS: &[&str] = &[
    "年底", "年末", "年初", "年度", "年", "月底", "月份", "月", "日", "号",
];

const TIME_INDEX: Index<{ TIME_UNITS.len() }> = Index::new(TIME_UNITS, true);

fn is_time_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '-' | '~' | '.' | '*' | '至')
}

/// 2022年…, 在2024年内…, 1-5月…: a date in front of the metric.
fn strip_time_lead(s: &str) -> Option<&str> {
    let t = s.strip_prefix(['在', '到', '至', '于', '从']).unwrap_or(s);
    let rest = t.trim_start_matches(is_time_digit);
    if rest.len() == t.len() || !t.starts_with(|c: char| c.is_ascii_digit() || c == '*') {
        return None;
    }
    TIME_UNITS.iter().find_map(|u| rest.strip_prefix(u))
}

/// …至2019年: a date behind the metric.
fn strip_time_trail(s: &str) -> Option<&str> {
    // The first unit in list order that ends `s`; the index keeps that order.
    let units = TIME_INDEX.get(s.chars().next_back()?);
    let rest = units.iter().find_map(|u| s.strip_suffix(u))?;
    let t = rest.trim_end_matches(is_time_digit);
    if t.len() == rest.len() {
        return None;
    }
    Some(t.strip_suffix(['在', '到', '至', '于', '从']).unwrap_or(t))
}

/// Where the clause holding a figure starts, not before `floor`.
fn clause_start(text: &str, at: usize, floor: usize) -> usize {
    let mut pos = at;
    let mut count = 0;
    while pos > floor && count < MAX_CLAUSE_CHARS {
        let Some((c, prev)) = char_before(text, pos) else {
            break;
        };
        if is_clause_break(c) || prev < floor {
            break;
        }
        pos = prev;
        count += 1;
    }
    skip_blank(text, pos).min(at)
}

fn folded_without_blanks(s: &str) -> String {
    // Folding never lengthens a char, so one allocation holds the result.
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_cjk(c) {
            // The common case: ideographs fold to themselves and are never blank.
            out.push(c);
            continue;
        }
        let c = fold(c);
        if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

fn last_chars(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    match s.char_indices().nth(count.saturating_sub(n)) {
        Some((i, _)) if count > n => s.get(i..).unwrap_or(s),
        _ => s,
    }
}

/// A metric names something: letters, and more than a bare growth verb (增长至… → 增长).
fn has_letters(s: &str) -> bool {
    s.chars().any(|c| is_cjk(c) || c.is_alphabetic()) && !GROWTH_VERBS.contains(&s)
}

/// The noun after the unit (设立10亿元出海产业基金 → 出海产业基金), used when nothing
/// before the number names what is counted.
fn noun_after(text: &str, at: usize) -> Option<(String, usize)> {
    const MAX: usize = 12;
    let mut pos = skip_blank(text, at);
    let mut noun = String::new();
    while let Some((c, next)) = char_at(text, pos)
        && is_cjk(c)
        && c != '的'
        && !GROWTH_INDEX
            .get(c)
            .iter()
            .any(|v| word_at(text, pos, v).is_some())
    {
        if noun.chars().count() == MAX {
            // Still running: this is a clause, not a noun, and cutting it would split a word.
            return None;
        }
        noun.push(c);
        pos = next;
    }
    let noun = strip_metric(&noun).to_owned();
    (noun.chars().count() >= 2).then_some((noun, pos))
}

/// The metric of `hit`, where its quote starts and ends, and how the metric was found.
struct Named {
    metric: String,
    start: usize,
    end: usize,
    how: &'static str,
}

fn metric_between(text: &str, start: usize, end: usize) -> String {
    let raw = folded_without_blanks(slice(text, start, end));
    strip_metric(last_chars(strip_metric(&raw), MAX_METRIC_CHARS)).to_owned()
}

fn name(text: &str, hit: &Hit, floor: usize, prev: Option<&Found>) -> Named {
    let mut start = clause_start(text, hit.start, floor);
    let mut metric = metric_between(text, start, hit.start);
    // 市级中心仓(1个): a count in brackets belongs to the name before them.
    if !has_letters(&metric)
        && let Some(('(', open)) = char_before(text, start)
        && open > floor
    {
        start = clause_start(text, open, floor);
        metric = metric_between(text, start, open);
    }
    let mut named = Named {
        metric,
        start,
        end: hit.end,
        how: "metric from the clause before the number",
    };
    let short = named.metric.chars().count() <= 2;
    if (short || !has_letters(&named.metric))
        && let Some((noun, end)) = noun_after(text, hit.end)
    {
        named.metric = if has_letters(&named.metric) {
            format!("{}{noun}", named.metric)
        } else {
            noun
        };
        named.end = end;
        named.how = "metric from the noun after the unit";
    }
    if !has_letters(&named.metric) {
        fallback_metric(&mut named, text, hit, prev);
    }
    named
}

fn fallback_metric(named: &mut Named, text: &str, hit: &Hit, prev: Option<&Found>) {
    if let Some(p) = prev {
        named.metric = p.metric.clone();
        named.how = "metric carried from the figure before";
        return;
    }
    let clause = folded_without_blanks(slice(text, named.start, hit.start));
    named.metric = if has_letters(&clause) {
        clause
    } else if hit.unit.base.is_empty() {
        hit.unit.written.clone()
    } else {
        hit.unit.base.clone()
    };
    named.how = "no metric in the text; named after the clause or unit";
}

// ---------------------------------------------------------------------------------
// Growth rates.

fn basis_of(phrase: &str) -> ChangeBasis {
    if phrase.contains("同比") || phrase.contains("上年") || phrase.contains("去年") {
        ChangeBasis::Yoy
    } else if phrase.contains("环比") {
        ChangeBasis::Mom
    } else if phrase.contains("年均") {
        ChangeBasis::Annual
    } else {
        ChangeBasis::Unspecified
    }
}

fn sign_of(phrase: &str) -> f64 {
    if FALLING.iter().any(|w| phrase.contains(w)) {
        -1.0
    } else {
        1.0
    }
}

fn is_vs_national(phrase: &str) -> bool {
    phrase.contains("全国") && VS_NATIONAL.iter().any(|w| phrase.contains(w))
}

/// Drops the fillers between a growth verb and its number (增长了, 增速为, 增长达).
fn trim_filler(s: &str) -> &str {
    let s = s.trim_end_matches(|c: char| c.is_whitespace());
    ["了", "为", "达", "达到"]
        .iter()
        .find_map(|w| s.strip_suffix(w))
        .unwrap_or(s)
}

/// The change a growth phrase describes, if `phrase` ends with one.
fn growth(phrase: &str, value: f64, unit: &str) -> Option<Change> {
    let p = trim_filler(phrase);
    let basis = if is_vs_national(p) {
        ChangeBasis::VsNational
    } else if GROWTH_VERBS.iter().any(|v| p.ends_with(v)) {
        basis_of(p)
    } else {
        return None;
    };
    Some(Change {
        value: sign_of(p) * value,
        unit: unit.to_owned(),
        basis,
    })
}

/// The gap between a level and the rate right after it, if it is only a change phrase:
/// "，同比增长", "，增长", "，年均增长约", "，比上年下降", "，增速高于全国平均".
fn gap_is_change(gap: &str) -> bool {
    let g = trim_filler(gap.trim_start_matches([',', '、', ' ']));
    if g.chars().count() > 12 || g.contains(is_clause_break) {
        return false;
    }
    if is_vs_national(g) {
        return g.starts_with("增速") || g.starts_with("增幅") || g.starts_with("高于");
    }
    let Some(prefix) = GROWTH_VERBS.iter().find_map(|v| g.strip_suffix(v)) else {
        return false;
    };
    prefix.is_empty()
        || ["同比", "环比", "年均", "同期"].contains(&prefix)
        || prefix.starts_with('比')
        || prefix.starts_with('较')
}

/// Whether `gap` is surely too long for `gap_is_change`, read only as far as needed:
/// after the leading commas that test allows 12 chars plus a two-char filler.
fn gap_too_long(gap: &str) -> bool {
    gap.chars()
        .map(fold)
        .filter(|c| !c.is_whitespace())
        .skip_while(|&c| matches!(c, ',' | '、'))
        .nth(14)
        .is_some()
}

/// The rate right after a level, as the level's change, when only a change phrase lies
/// between them in the same sentence.
fn change_after(text: &str, level: &Hit, level_end: usize, next: &Hit) -> Option<Change> {
    let value = next.value?;
    if !is_percent(&next.unit) || next.state.sentence != level.state.sentence {
        return None;
    }
    let gap = slice(text, level_end, next.start);
    if gap_too_long(gap) {
        return None;
    }
    let gap = folded_without_blanks(gap);
    if !gap_is_change(&gap) {
        return None;
    }
    growth(&gap, value, &next.unit.base)
}

// ---------------------------------------------------------------------------------
// Prose: hits → figures.

fn prose_figures(text: &str, ctx: &FigureContext, hits: &[Hit]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut floor = 0;
    let mut last_sentence = None;
    let mut i = 0;
    while let Some(hit) = hits.get(i) {
        let same = last_sentence == Some(hit.state.sentence);
        let prev = out.last().filter(|_| same);
        let mut found = figure(text, ctx, hit, floor.min(hit.start), prev);
        i += 1;
        if found.change.is_none()
            && let Some(next) = hits.get(i)
            && let Some(change) = change_after(text, hit, found.end, next)
        {
            found.change = Some(change);
            found.end = next.end;
            i += 1;
        }
        settle_kind(&mut found, hit, ctx);
        last_sentence = Some(hit.state.sentence);
        floor = found.end;
        out.push(found);
    }
    out
}

fn figure(text: &str, ctx: &FigureContext, hit: &Hit, floor: usize, prev: Option<&Found>) -> Found {
    let mut named = name(text, hit, floor, prev);
    // Only a rate can be a change, so only a rate needs the text before it folded.
    let change = match hit.value {
        Some(v) if is_percent(&hit.unit) => {
            let before = folded_without_blanks(slice(text, named.start, hit.start));
            let change = growth(&before, v, &hit.unit.base);
            if change.is_some() {
                growth_metric(&mut named, &before, prev);
            }
            change
        }
        _ => None,
    };
    let (kind, why) = kind_of(hit, ctx);
    let period = hit.state.period.as_deref();
    Found {
        start: named.start,
        end: named.end,
        reason: reason(&why, period, named.how),
        metric: named.metric,
        value: hit.value,
        unit: hit.unit.written.clone(),
        base: hit.value.and_then(|_| scaled(&hit.digits, hit.unit.exp)),
        base_unit: hit.unit.base.clone(),
        kind,
        qualifier: (!hit.qualifiers.is_empty()).then(|| hit.qualifiers.join("/")),
        period: period.map(|p| p.text.clone()),
        change,
    }
}

/// A growth figure names its growth (展览面积同比增长); a bare 增速高于全国平均 borrows
/// the level before it in the sentence (only a level: rates lending to rates would chain).
fn growth_metric(named: &mut Named, before: &str, prev: Option<&Found>) {
    let phrase = strip_metric(trim_filler(before)).to_owned();
    let bare = GROWTH_VERBS.iter().any(|v| phrase.starts_with(v))
        || phrase.starts_with("年均")
        || phrase.starts_with("同比");
    named.metric = match prev {
        Some(p) if bare && !PERCENT_UNITS.contains(&p.base_unit.as_str()) => {
            format!("{}{phrase}", p.metric)
        }
        _ if phrase.is_empty() => named.metric.clone(),
        _ => phrase,
    };
    named.how = "growth figure: metric keeps the growth phrase";
}

fn kind_of(hit: &Hit, ctx: &FigureContext) -> (FigureKind, String) {
    if hit.value.is_none() {
        return (FigureKind::Masked, "masked digits".to_owned());
    }
    if let Some(cue) = &hit.state.cue {
        return (cue.kind, [cue.kind.as_str(), ": ", &cue.word].concat());
    }
    let end_year = hit.state.period.as_ref().and_then(|p| p.end_year);
    match (end_year, ctx.doc_year) {
        (Some(y), Some(d)) if y < d => (
            FigureKind::Actual,
            "actual: period before the document".to_owned(),
        ),
        (Some(y), Some(d)) if y > d => (
            FigureKind::Target,
            "target: period after the document".to_owned(),
        ),
        _ => (
            ctx.default_kind,
            format!("{}: default", ctx.default_kind.as_str()),
        ),
    }
}

/// A year-on-year change is a reported result unless a cue said target.
fn settle_kind(found: &mut Found, hit: &Hit, ctx: &FigureContext) {
    let yoy = found
        .change
        .as_ref()
        .is_some_and(|c| c.basis == ChangeBasis::Yoy);
    if yoy
        && hit.state.cue.is_none()
        && found.kind == ctx.default_kind
        && found.kind == FigureKind::Target
    {
        found.kind = FigureKind::Actual;
        found.reason = found
            .reason
            .replacen("target: default", "actual: 同比 change", 1);
    }
}

fn reason(kind: &str, period: Option<&Period>, how: &str) -> String {
    // Concatenation, not format!: this runs once per figure.
    match period {
        Some(p) => [kind, "; period from ", &p.source, "; ", how].concat(),
        None => [kind, "; ", how].concat(),
    }
}

// ---------------------------------------------------------------------------------
// Indicator tables flattened into one line of space-separated cells.

const ACTUAL_COLUMNS: &[&str] = &["完成值", "实际值", "基期值"];
const TARGET_COLUMNS: &[&str] = &["预期值", "目标值", "规划值", "预计值"];
const HEADER_WORDS: &[&str] = &["项目", "指标", "单位", "属性", "年均增幅", "年均增长"];

struct Header {
    body_start: usize,
    actual_year: Option<i32>,
    target_year: Option<i32>,
    span: Option<String>,
    growth_word: &'static str,
}

fn table_header(text: &str, hits: &[Hit]) -> Option<Header> {
    let first = hits.first()?.start;
    let head = slice(text, 0, first);
    let has_columns = ACTUAL_COLUMNS
        .iter()
        .chain(TARGET_COLUMNS)
        .any(|w| head.contains(w));
    if !has_columns || hits.len() < 3 || text.split_whitespace().take(10).count() < 10 {
        return None;
    }
    let column_year = |words: &[&str]| {
        words
            .iter()
            .find_map(|w| head.find(w).and_then(|at| year_before(text, at)))
    };
    let actual_year = column_year(ACTUAL_COLUMNS);
    let target_year = column_year(TARGET_COLUMNS);
    let body_start = ACTUAL_COLUMNS
        .iter()
        .chain(TARGET_COLUMNS)
        .chain(HEADER_WORDS)
        .filter_map(|w| head.find(w).map(|at| at + w.len()))
        .max()
        .unwrap_or(0);
    Some(Header {
        body_start,
        actual_year,
        target_year,
        span: plan_span(head).or_else(|| Some(format!("{}/{}", actual_year? + 1, target_year?))),
        growth_word: if head.contains("年均增长") {
            "年均增长"
        } else {
            "年均增幅"
        },
    })
}

fn plan_span(head: &str) -> Option<String> {
    WORDS.iter().find_map(|&(w, v)| match v {
        Word::Plan(y) if head.contains(w) => Some(format!("{y}/{}", y + 4)),
        _ => None,
    })
}

/// 2020 年完成值: the year written before a column name.
fn year_before(text: &str, at: usize) -> Option<i32> {
    let mut pos = skip_blank_back(text, at);
    pos = word_before(text, pos, "年").unwrap_or(pos);
    pos = skip_blank_back(text, pos);
    let mut digits = String::new();
    while let Some((c, prev)) = char_before(text, pos)
        && c.is_ascii_digit()
        && digits.len() < 4
    {
        digits.insert(0, c);
        pos = prev;
    }
    digits.parse().ok()
}

/// The last cell of `start..end` that is a label (Chinese, no digits), with its start.
fn last_label(text: &str, start: usize, end: usize) -> Option<(String, usize)> {
    let gap = slice(text, start, end);
    let mut label = None;
    let mut cell_start = None;
    for (i, c) in gap.char_indices().chain(std::iter::once((gap.len(), ' '))) {
        match (c.is_whitespace(), cell_start) {
            (false, None) => cell_start = Some(i),
            (true, Some(s)) => {
                let cell = slice(gap, s, i);
                if cell.chars().any(is_cjk) && !cell.chars().any(|c| fold(c).is_ascii_digit()) {
                    label = Some((folded_without_blanks(cell), start + s));
                }
                cell_start = None;
            }
            _ => {}
        }
    }
    label
}

struct Row {
    metric: String,
    start: usize,
    levels: usize,
}

fn table_figures(text: &str, hits: &[Hit], header: &Header) -> Vec<Found> {
    let mut out = Vec::new();
    let mut row: Option<Row> = None;
    let mut prev_end = header.body_start;
    for hit in hits.iter().filter(|h| h.start >= header.body_start) {
        if let Some((metric, start)) = last_label(text, prev_end, hit.start) {
            row = Some(Row {
                metric: metric.trim_matches(['"', '“', '”']).to_owned(),
                start,
                levels: 0,
            });
        }
        prev_end = hit.end;
        if let Some(row) = row.as_mut() {
            out.push(table_cell(hit, row, header));
        }
    }
    out
}

fn table_cell(hit: &Hit, row: &mut Row, header: &Header) -> Found {
    let percent = is_percent(&hit.unit);
    if !percent {
        row.levels += 1;
    }
    let (kind, year, column) = match (percent, row.levels) {
        (true, _) => (FigureKind::Target, header.span.clone(), header.growth_word),
        (false, 1) => (
            FigureKind::Actual,
            header.actual_year.map(|y| y.to_string()),
            "完成值",
        ),
        _ => (
            FigureKind::Target,
            header.target_year.map(|y| y.to_string()),
            "预期值",
        ),
    };
    let change = hit.value.filter(|_| percent).map(|v| Change {
        value: v,
        unit: hit.unit.base.clone(),
        basis: ChangeBasis::Annual,
    });
    Found {
        start: row.start,
        end: hit.end,
        metric: if percent {
            format!("{}{}", row.metric, header.growth_word)
        } else {
            row.metric.clone()
        },
        value: hit.value,
        unit: hit.unit.written.clone(),
        base: hit.value.and_then(|_| scaled(&hit.digits, hit.unit.exp)),
        base_unit: hit.unit.base.clone(),
        kind: if hit.value.is_none() {
            FigureKind::Masked
        } else {
            kind
        },
        qualifier: (!hit.qualifiers.is_empty()).then(|| hit.qualifiers.join("/")),
        period: year,
        change,
        reason: format!("indicator table: {column} column; metric from the row label"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTUAL_2024: FigureContext = FigureContext {
        doc_year: Some(2024),
        default_kind: FigureKind::Actual,
    };

    fn figures(text: &str) -> Vec<Found> {
        extract(text, &ACTUAL_2024).figures
    }

    fn one(text: &str) -> Found {
        let mut all = figures(text);
        assert_eq!(all.len(), 1, "{text}: {all:#?}");
        all.remove(0)
    }

    fn quote<'t>(text: &'t str, f: &Found) -> &'t str {
        text.get(f.start..f.end).expect("quote on char boundaries")
    }

    fn skipped(text: &str) -> Vec<(&str, &'static str)> {
        let ex = extract(text, &ACTUAL_2024);
        ex.skipped
            .iter()
            .map(|s| (&text[s.start..s.end], s.why))
            .collect()
    }

    #[test]
    fn level_takes_the_growth_rate_after_it() {
        let text = "今年1-5月,义乌市进出口额2645.0亿元,同比增长22.0%,增速高于全国平均15.7个百分点";
        let all = figures(text);
        assert_eq!(
            all.len(),
            2,
            "22.0% is the level's change, not a figure: {all:#?}"
        );
        let level = &all[0];
        assert_eq!(level.metric, "义乌市进出口额");
        assert_eq!((level.value, level.unit.as_str()), (Some(2645.0), "亿元"));
        assert_eq!(
            (level.base, level.base_unit.as_str()),
            (Some(264_500_000_000.0), "元")
        );
        assert_eq!(level.period.as_deref(), Some("2024-01/2024-05"));
        let change = level.change.as_ref().unwrap();
        assert_eq!(
            (change.value, change.unit.as_str(), change.basis),
            (22.0, "%", ChangeBasis::Yoy)
        );
        assert_eq!(quote(text, level), "义乌市进出口额2645.0亿元,同比增长22.0%");
        let national = &all[1];
        assert_eq!(national.unit, "个百分点");
        assert_eq!(
            national.change.as_ref().unwrap().basis,
            ChangeBasis::VsNational
        );
        assert!(
            national.metric.starts_with("义乌市进出口额增速"),
            "{}",
            national.metric
        );
    }

    #[test]
    fn vs_national_attaches_to_a_level_without_change() {
        let f = one("社零额100亿元,增速高于全国平均2.5个百分点");
        let change = f.change.unwrap();
        assert_eq!((change.value, change.basis), (2.5, ChangeBasis::VsNational));
    }

    #[test]
    fn base_is_exact_decimal() {
        let text =
            "2022年实现限上批零住餐业销售额2316.01亿元，增长14.5%；社会消费品零售总额799.53亿元";
        let all = figures(text);
        assert_eq!(all[0].base, Some(231_601_000_000.0));
        assert_eq!(all[0].metric, "限上批零住餐业销售额");
        assert_eq!(all[0].period.as_deref(), Some("2022"));
        assert_eq!(
            all[0].change.as_ref().unwrap().basis,
            ChangeBasis::Unspecified
        );
        assert_eq!(all[1].metric, "社会消费品零售总额");
        assert_eq!(all[1].period, None, "the period ends with its sentence");
        assert_eq!(one("外商出入境24.99万人次").base, Some(249_900.0));
    }

    #[test]
    fn falling_change_is_negative_and_lead_words_are_stripped() {
        let text =
            "全年累计完成外贸进出口总额474.4亿元，同比下降0.4%。其中出口454.6亿元，同比下降1.8%";
        let all = figures(text);
        assert_eq!(all[0].metric, "外贸进出口总额");
        assert_eq!(all[0].change.as_ref().unwrap().value, -0.4);
        assert_eq!(all[1].metric, "出口");
        assert_eq!(all[1].change.as_ref().unwrap().value, -1.8);
    }

    #[test]
    fn annual_growth_after_a_level() {
        let f = one("全市累计实现货物进出口总额 10796 亿元,年均增长 9.1%");
        assert_eq!(f.unit, "亿元");
        assert_eq!(f.change.unwrap().basis, ChangeBasis::Annual);
    }

    #[test]
    fn growth_without_level_is_its_own_figure() {
        let all = figures("新培育展会7个,展览面积同比增长35%");
        assert_eq!(
            all.len(),
            2,
            "a rate after another metric is not the count's change"
        );
        assert_eq!(all[0].metric, "新培育展会");
        let g = &all[1];
        assert_eq!(g.metric, "展览面积同比增长");
        assert_eq!((g.value, g.unit.as_str()), (Some(35.0), "%"));
        assert_eq!(g.change.as_ref().unwrap().basis, ChangeBasis::Yoy);
    }

    #[test]
    fn item_markers_are_not_part_of_the_metric() {
        let ctx = FigureContext {
            doc_year: None,
            default_kind: FigureKind::Actual,
        };
        let found = extract("二是力争培育跨境电商*万户", &ctx).figures;
        assert_eq!(found[0].metric, "培育跨境电商");
    }

    #[test]
    fn years_within_a_span_are_not_this_year() {
        let ctx = FigureContext {
            doc_year: Some(2015),
            default_kind: FigureKind::Actual,
        };
        let found = extract("力争三年内实现进出口额*亿美元", &ctx).figures;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].period, None);
        assert_eq!(found[0].kind, FigureKind::Masked);
        let this_year = extract("年内完成招商蓄客4000家", &ctx).figures;
        assert_eq!(this_year[0].period.as_deref(), Some("2015"));
        assert_eq!(this_year[0].kind, FigureKind::Target);
    }

    #[test]
    fn target_cues_and_metric() {
        let text = "年内完成市场板块招商蓄客4000家";
        let f = one(text);
        assert_eq!(f.metric, "市场板块招商蓄客");
        assert_eq!(f.kind, FigureKind::Target);
        assert_eq!(quote(text, &f), text);
        assert_eq!(one("力争引进企业20家").kind, FigureKind::Target);
        let f = one("到2025年,全市有进出口实绩的企业突破 6000 家");
        assert_eq!(
            (f.kind, f.period.as_deref()),
            (FigureKind::Target, Some("2025"))
        );
        assert_eq!(f.qualifier.as_deref(), Some("突破"));
        assert_eq!(one("引进企业20家").kind, FigureKind::Actual);
    }

    #[test]
    fn qualifiers() {
        let q = |t: &str| one(t).qualifier;
        assert_eq!(q("累计服务在线贸易额超1310亿元").as_deref(), Some("超"));
        assert_eq!(q("举办市集活动20余场").as_deref(), Some("余"));
        assert_eq!(q("举办大型活动300多场").as_deref(), Some("多"));
        assert_eq!(q("五年带动鞋都销售100亿元以上").as_deref(), Some("以上"));
        assert_eq!(q("累计开展防疫检查近600人次").as_deref(), Some("近"));
        assert_eq!(q("为外商节约费用约300万元").as_deref(), Some("约"));
        assert_eq!(q("节约300万元"), None, "约 in 节约 is not a qualifier");
        assert_eq!(q("在义外商超1万余人").as_deref(), Some("超/余"));
    }

    #[test]
    fn ranges_keep_lower_bound() {
        let f = one("创建2-3家省级服务外包示范区");
        assert_eq!(
            (f.value, f.qualifier.as_deref()),
            (Some(2.0), Some("范围2-3"))
        );
        let f = one("全程时效25～28天");
        assert_eq!((f.value, f.unit.as_str()), (Some(25.0), "天"));
        assert_eq!(f.qualifier.as_deref(), Some("范围25-28"));
    }

    #[test]
    fn doubling_is_two_times() {
        let text = "确保实现服务外包合同额和执行额翻番";
        let f = one(text);
        assert_eq!(
            (f.value, f.unit.as_str(), f.qualifier.as_deref()),
            (Some(2.0), "倍", Some("翻番"))
        );
        assert_eq!(f.metric, "服务外包合同额和执行额");
        assert_eq!(f.kind, FigureKind::Target);
    }

    #[test]
    fn masked_digits() {
        let all = figures("杭州已发展电商*万户、义乌*万户，可以节省*%，进出口额*亿美元，新增*家");
        assert_eq!(all.len(), 5, "{all:#?}");
        for f in &all {
            assert_eq!((f.value, f.base, f.kind), (None, None, FigureKind::Masked));
        }
        assert_eq!(all[0].unit, "万户");
        assert_eq!(all[0].base_unit, "户");
        assert_eq!(all[3].base_unit, "美元");
        assert!(
            figures("*商城*信息").is_empty(),
            "masked names are not figures"
        );
    }

    #[test]
    fn bare_unit_is_never_one() {
        assert!(figures("营业额超亿元的企业,过亿美元").is_empty());
    }

    #[test]
    fn not_figures() {
        let cases = [
            ("2022年", "year"),
            ("第135届广交会", "ordinal"),
            ("落地跨境电商9810出口退税", "customs code"),
            ("5G网络", "code"),
            ("H986查验", "code"),
            ("“1+N”体系", "code"),
            ("“4+4”产业链", "code"),
            ("1.坚持线上线下", "list number"),
            ("7月11日下午", "date"),
            ("2024-07-15发布", "date"),
            ("奇虎360公司", "no unit"),
            ("提供24H服务", "code"),
            ("占全省比重1/6", "fraction"),
            ("三十多年来", ""),
        ];
        for (text, why) in cases {
            assert!(figures(text).is_empty(), "{text}: {:#?}", figures(text));
            if !why.is_empty() {
                assert!(
                    skipped(text).iter().any(|&(_, w)| w == why),
                    "{text}: {:?}",
                    skipped(text)
                );
            }
        }
        assert!(figures("“1+1＞2”效应").is_empty());
    }

    #[test]
    fn periods() {
        let p = |t: &str| one(t).period;
        assert_eq!(
            p("上半年完成快递业务量58.4亿件").as_deref(),
            Some("2024-01/2024-06")
        );
        assert_eq!(
            p("2024年1-5月出口额100亿元").as_deref(),
            Some("2024-01/2024-05")
        );
        assert_eq!(
            p("今年1至6月出口额100亿元").as_deref(),
            Some("2024-01/2024-06")
        );
        assert_eq!(p("去年出口额100亿元").as_deref(), Some("2023"));
        assert_eq!(
            p("“十三五”期间举办展会 3347 场").as_deref(),
            Some("2016/2020")
        );
        assert_eq!(
            p("“十四五”期间引进项目40个以上").as_deref(),
            Some("2021/2025")
        );
        assert_eq!(
            p("比上年增加企业10家"),
            None,
            "上年 as a comparison base is no period"
        );
    }

    #[test]
    fn percent_in_words() {
        let f = one("出口增长百分之二十");
        assert_eq!(
            (f.value, f.unit.as_str(), f.base_unit.as_str()),
            (Some(20.0), "百分之", "%")
        );
    }

    #[test]
    fn units_and_multipliers() {
        let f = one("海铁联运全年发运8.8万标箱以上");
        assert_eq!(
            (f.unit.as_str(), f.base, f.base_unit.as_str()),
            ("万标箱", Some(88_000.0), "标箱")
        );
        let f = one("建筑面积125万平方米");
        assert_eq!(
            (f.base, f.base_unit.as_str()),
            (Some(1_250_000.0), "平方米")
        );
        assert_eq!(one("是期末的1.46倍").unit, "倍");
        let f = one("实际利用外资 125 亿美元/年");
        assert_eq!(
            (f.unit.as_str(), f.base_unit.as_str()),
            ("亿美元/年", "美元/年")
        );
        assert_eq!(one("设立10亿元出海产业基金").metric, "设立出海产业基金");
        assert_eq!(one("市级中心仓(1个)").metric, "市级中心仓");
    }

    #[test]
    fn full_width_is_matched_but_quoted_as_written() {
        let text = "进出口额２６４５．０亿元，同比增长２２．０％";
        let f = one(text);
        assert_eq!((f.value, f.unit.as_str()), (Some(2645.0), "亿元"));
        assert_eq!(f.change.unwrap().unit, "%");
        assert_eq!(quote(text, &figures(text)[0]), text);
        assert_eq!(one("占比３０％").unit, "％");
    }

    #[test]
    fn indicator_table_rows() {
        let text = "\"十四五\"年均增幅 2020 年完成值 2025 年预期值 项目 社会消费品零售总额 6149.84 亿元 10%以上 商贸 流通 电子商务交易额 10976.99 亿元 22000 亿元 15% 招商 实际利用外资 111.6 亿美元 125 亿美元/年";
        let ctx = FigureContext {
            doc_year: Some(2021),
            default_kind: FigureKind::Target,
        };
        let all = extract(text, &ctx).figures;
        assert_eq!(all.len(), 7, "{all:#?}");
        let row = |i: usize| {
            let f: &Found = &all[i];
            (f.metric.as_str(), f.value, f.kind, f.period.as_deref())
        };
        assert_eq!(
            row(0),
            (
                "社会消费品零售总额",
                Some(6149.84),
                FigureKind::Actual,
                Some("2020")
            )
        );
        assert_eq!(
            row(1),
            (
                "社会消费品零售总额年均增幅",
                Some(10.0),
                FigureKind::Target,
                Some("2021/2025")
            )
        );
        assert_eq!(all[1].change.as_ref().unwrap().basis, ChangeBasis::Annual);
        assert_eq!(
            row(2),
            (
                "电子商务交易额",
                Some(10976.99),
                FigureKind::Actual,
                Some("2020")
            )
        );
        assert_eq!(
            row(3),
            (
                "电子商务交易额",
                Some(22000.0),
                FigureKind::Target,
                Some("2025")
            )
        );
        assert_eq!(row(5).0, "实际利用外资");
        assert!(quote(text, &all[3]).contains("22000 亿元"));
    }

    #[test]
    fn adversarial_input_does_not_panic() {
        let long = "1".repeat(100_000);
        let inputs = [
            "",
            "*",
            "****万",
            &long,
            "\x1b[31m12亿元",
            "２６４５．０亿元",
            "亿元",
            "。。",
            "1-",
            "1.",
            "百分之",
            "第",
            "到*年",
            "5-",
        ];
        for text in inputs {
            let ex = extract(text, &ACTUAL_2024);
            for f in &ex.figures {
                assert!(text.get(f.start..f.end).is_some(), "{text:?}");
                assert!(!f.metric.is_empty(), "{text:?}");
            }
        }
        assert_eq!(one("****万").value, None);
        assert!(figures(&long).is_empty());
        assert_eq!(one("\x1b[31m12亿元").value, Some(12.0));
        let mixed: String = "亿*1.%年月第+".chars().cycle().take(5_000).collect();
        extract(&mixed, &ACTUAL_2024);
    }

    #[test]
    fn rates_in_a_row_do_not_chain_their_metrics() {
        let text = "出口额1亿元，增长2%，增长3%，增长4%，增长5%";
        let all = figures(text);
        assert!(
            all.iter().all(|f| f.metric.chars().count() <= 20),
            "{all:#?}"
        );
    }

    #[test]
    fn every_seed_paragraph() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let mut count = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                for f in extract(line, &ACTUAL_2024).figures {
                    count += 1;
                    let q = line.get(f.start..f.end).expect("quote on char boundaries");
                    // 翻番 is written without its unit (倍); every other quote shows it.
                    if f.qualifier.as_deref() != Some("翻番") {
                        assert!(q.contains(&f.unit), "{q} lacks {}", f.unit);
                    }
                    assert!(!f.metric.is_empty(), "{q}");
                    assert!(q.chars().count() <= 120, "quote too long: {q}");
                    if f.kind == FigureKind::Masked {
                        assert_eq!((f.value, f.base), (None, None), "{q}");
                    }
                    if let Some(v) = f.value {
                        let year_date =
                            (1900.0..=2100.0).contains(&v) && q.contains(&format!("{v}年"));
                        assert!(!year_date, "year taken as a figure: {q}");
                    }
                }
            }
        }
        assert!(count > 200, "only {count} figures in the seeds");
    }

    #[test]
    fn state_words_cover_words() {
        for &(w, _) in WORDS {
            let first = w.chars().next().unwrap();
            assert!(state_words(first).contains(&w), "{w} not in state_words");
            assert!(w.chars().all(is_cjk), "{w}: byte matching needs CJK only");
            assert_eq!(fold(first), first, "{w}");
        }
        for c in WORDS.iter().flat_map(|(w, _)| w.chars()) {
            for &w in state_words(c) {
                assert!(word_of(w).is_some(), "{w} not in WORDS");
            }
        }
    }

    #[test]
    fn next_stop_agrees_with_is_stop() {
        let mut buf = [0; 4];
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let one = c.encode_utf8(&mut buf);
            assert_eq!(next_stop(one, 0) == 0, is_stop(fold(c)), "{c:?}");
        }
        assert_eq!(next_stop("的的1", 0), 6);
        assert_eq!(next_stop("的的1", 6), 6);
        assert_eq!(next_stop("的的", 0), 6);
    }

    #[test]
    fn scan_is_linear() {
        let para = "2022年实现限上批零住餐业销售额2316.01亿元，增长14.5%，超1310亿元，20余场；";
        let text = para.repeat(20_000);
        let started = std::time::Instant::now();
        let ex = extract(&text, &ACTUAL_2024);
        assert_eq!(ex.figures.len(), 60_000);
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }
}
