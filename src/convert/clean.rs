//! Layout artifacts: what PDF extraction and newspaper web pages leave in the text.
//!
//! This pass turns source lines into paragraphs of body text, each remembering which
//! source line every part came from, and records everything it removed as `Dropped`
//! so `--explain` can list it and `brief check` can verify nothing else went missing.
//! It also sets aside the front matter (title, subtitle, dateline) for `meta`.

use super::markers::{is_han, lone_yi_dash, marker_at};
use crate::brief::{DropKind, Dropped};

/// Body text that reads as one paragraph, possibly joined across a page break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    /// `(byte offset in text, source line)` for each source line the text continues on.
    pub starts: Vec<(usize, u32)>,
}

impl Paragraph {
    fn new(line: u32, text: String) -> Paragraph {
        Paragraph {
            text,
            starts: vec![(0, line)],
        }
    }

    /// The source line of the byte at `offset`.
    pub fn line_at(&self, offset: usize) -> u32 {
        let index = self.starts.partition_point(|&(start, _)| start <= offset);
        self.starts[index.saturating_sub(1)].1
    }

    pub fn first_line(&self) -> u32 {
        self.starts[0].1
    }
}

/// A line of front matter and what it was taken for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontLine {
    pub line: u32,
    pub kind: DropKind,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    pub paragraphs: Vec<Paragraph>,
    pub dropped: Vec<Dropped>,
    /// Title, subtitle, dateline and byline lines, in order (also in `dropped`).
    pub front: Vec<FrontLine>,
    /// Web metadata lines, whose dates and issuer `meta` may use (also in `dropped`).
    pub web: Vec<FrontLine>,
    /// White-space-only repairs, for `--explain`: stray spaces removed, sentences
    /// rejoined across a page break.
    pub layout: Vec<(u32, String)>,
}

/// Cleans decoded source lines (line `i` of the slice is source line `i + 1`).
pub fn clean(lines: &[&str]) -> Cleaned {
    let mut out = Cleaned::default();
    let body_start = front_matter(lines, &mut out);
    let trailing = trailing_signature(lines, body_start, &mut out);
    let mut builder = ParagraphBuilder::default();
    for (index, raw) in lines.iter().enumerate().take(trailing).skip(body_start) {
        let line = line_number(index);
        if raw.trim().is_empty() {
            continue;
        }
        if let Some(kind) = line_artifact(raw) {
            out.dropped.push(dropped(line, kind, raw.trim()));
            if kind == DropKind::WebMetadata {
                out.web.push(FrontLine {
                    line,
                    kind,
                    text: raw.trim().to_owned(),
                });
            }
            continue;
        }
        let body = strip_line_decorations(raw, line, &mut out.dropped);
        let table = is_table_row(body);
        for (i, piece) in split_inline_markers(body, table).into_iter().enumerate() {
            let text = if table {
                collapse_spaces(piece)
            } else {
                remove_stray_spaces(piece)
            };
            // Only white space is ever removed, so a shorter text means spaces went.
            if !table && text.len() < piece.trim().len() {
                out.layout.push((
                    line,
                    "stray spaces between Chinese characters removed".to_owned(),
                ));
            }
            if !text.is_empty() {
                builder.push(line, text, i == 0);
            }
        }
    }
    out.paragraphs = builder.finish();
    for paragraph in &out.paragraphs {
        for pair in paragraph.starts.windows(2) {
            let (from, to) = (pair[0].1, pair[1].1);
            out.layout.push((
                to,
                format!("sentence from line {from} continues here after a page break; rejoined"),
            ));
        }
    }
    out
}

fn line_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

fn dropped(line: u32, kind: DropKind, text: &str) -> Dropped {
    Dropped {
        line,
        kind,
        text: text.to_owned(),
    }
}

/// True when `text` has the shape of an artifact of `kind`; the checker uses it so a
/// hand-edited brief cannot hide body text by calling it dropped.
pub fn artifact_matches(kind: DropKind, text: &str) -> bool {
    let text = text.trim();
    match kind {
        DropKind::PageNumber | DropKind::Continuation | DropKind::PageHeader => {
            line_artifact(text) == Some(kind)
        }
        DropKind::WebMetadata => text == "|" || is_web_metadata(text),
        DropKind::Bullet => text == "-",
        DropKind::Byline => {
            is_byline_line(text) || is_author_note(text) || byline_prefix(text).is_some()
        }
        DropKind::Title => !text.is_empty() && text.chars().count() <= 100 && !text.contains('。'),
        DropKind::Dateline => has_date(text) || is_source_line(text),
    }
}

// ---------------------------------------------------------------- line artifacts

/// Whole-line artifacts that can appear anywhere in the body.
pub fn line_artifact(line: &str) -> Option<DropKind> {
    let text = line.trim();
    if is_page_number(text) {
        Some(DropKind::PageNumber)
    } else if is_continuation(text) {
        Some(DropKind::Continuation)
    } else if is_page_header(text) {
        Some(DropKind::PageHeader)
    } else if is_web_metadata(text) {
        Some(DropKind::WebMetadata)
    } else if is_byline_line(text) {
        Some(DropKind::Byline)
    } else {
        None
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '－' | '一')
}

/// `— 5 **—**`, `-31 -`, `- 7 -`, `第 5 页`, `5`: a page number alone on a line.
fn is_page_number(text: &str) -> bool {
    if text.len() > 40 {
        return false;
    }
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .collect();
    let inner = compact
        .strip_prefix('第')
        .and_then(|s| s.strip_suffix('页'))
        .unwrap_or(compact.trim_matches(is_dash));
    let digits = inner.chars().count();
    (1..=4).contains(&digits)
        && inner.chars().all(|c| c.is_ascii_digit())
        && compact.chars().any(|c| c.is_ascii_digit())
}

/// `(下转第四版)`, `（上接第三版）`, `(转第2版)`.
fn is_continuation(text: &str) -> bool {
    if text.len() > 40 {
        return false;
    }
    let Some(inner) = strip_brackets(text) else {
        return false;
    };
    let Some(page) = ["下转", "上接", "转", "接"]
        .iter()
        .find_map(|p| inner.strip_prefix(p))
    else {
        return false;
    };
    let page = page.strip_prefix('第').unwrap_or(page);
    page.ends_with('版') && (2..=5).contains(&page.chars().count())
}

fn strip_brackets(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('(').or_else(|| text.strip_prefix('（'))?;
    inner.strip_suffix(')').or_else(|| inner.strip_suffix('）'))
}

/// `第04版:要闻`: the newspaper page and its section name.
fn is_page_header(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('第') else {
        return false;
    };
    // Slices, not a copy: many body lines start with 第 (第一，…) and run long.
    let after = rest.trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let digits = rest[..rest.len() - after.len()].chars().count();
    (1..=3).contains(&digits)
        && after.starts_with('版')
        && after.chars().nth(12).is_none()
        && !after.contains('。')
}

fn is_web_metadata(text: &str) -> bool {
    // Every marker below has one of these ASCII characters; most lines have none.
    if !text.bytes().any(|b| matches!(b, b'<' | b'>' | b'.' | b':')) {
        return false;
    }
    [
        "-->",
        "<!--",
        ".html",
        ".htm",
        "http://",
        "https://",
        "enpproperty",
        "</",
        "/>",
    ]
    .iter()
    .any(|needle| text.contains(needle))
}

/// `全媒体记者 傅柏琳 见习记者 何彦婕 整理`, `责任编辑：…`: staff credits.
fn is_byline_line(text: &str) -> bool {
    if text.len() > 240 {
        return false;
    }
    let roles = [
        "记者",
        "通讯员",
        "责任编辑",
        "编辑：",
        "编辑:",
        "摄影",
        "校对",
    ];
    text.chars().count() <= 60
        && !text.contains('。')
        && !text.contains('，')
        && roles.iter().any(|r| text.contains(r))
        && (text.contains(' ')
            || text.contains('\u{3000}')
            || text.ends_with("整理")
            || text.contains('：')
            || text.contains(':'))
}

/// `（作者为徐州市商务局党委书记、局长）`, `(作者系…)`.
fn is_author_note(text: &str) -> bool {
    strip_brackets(text).is_some_and(|inner| inner.starts_with("作者"))
}

/// `◎臧晓鹏` at the start of a newspaper article.
fn byline_prefix(text: &str) -> Option<usize> {
    let name = text.strip_prefix('◎')?;
    let han = name.chars().take_while(|&c| is_han(c)).count();
    (2..=4)
        .contains(&han)
        .then(|| '◎'.len_utf8() + name.chars().take(han).map(char::len_utf8).sum::<usize>())
}

fn is_source_line(text: &str) -> bool {
    [
        "来源：",
        "来源:",
        "时间：",
        "时间:",
        "发布时间",
        "发布日期",
        "日期：",
    ]
    .iter()
    .any(|p| text.starts_with(p))
}

/// A date written as 2021年9月, 2021年9月5日 or 2024-07-15.
pub fn has_date(text: &str) -> bool {
    find_date(text).is_some()
}

/// The first date in `text` as `(year, month, day)`.
pub fn find_date(text: &str) -> Option<(i32, Option<u32>, Option<u32>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i + 4 < chars.len() + 1 {
        if let Some(found) = date_at(&chars[i..]) {
            return Some(found);
        }
        i += 1;
    }
    None
}

fn digits_at(chars: &[char], max: usize) -> (u32, usize) {
    let mut value = 0u32;
    let mut n = 0;
    while n < chars.len() && n < max {
        let Some(d) = chars[n].to_digit(10) else {
            break;
        };
        value = value * 10 + d;
        n += 1;
    }
    (value, n)
}

fn date_at(chars: &[char]) -> Option<(i32, Option<u32>, Option<u32>)> {
    let (year, n) = digits_at(chars, 4);
    if n != 4 || !(1949..=2100).contains(&year) || chars.get(4).is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    let year = year as i32;
    match chars.get(4) {
        Some('-') | Some('/') | Some('.') => {
            let (month, m) = digits_at(&chars[5..], 2);
            let sep = chars.get(5 + m).copied();
            let (day, d) = if matches!(sep, Some('-') | Some('/') | Some('.')) {
                digits_at(chars.get(6 + m..).unwrap_or(&[]), 2)
            } else {
                (0, 0)
            };
            ((1..=12).contains(&month) && m > 0 && (1..=31).contains(&day) && d > 0).then_some((
                year,
                Some(month),
                Some(day),
            ))
        }
        Some('年') => {
            let (month, m) = digits_at(&chars[5..], 2);
            if m == 0 || chars.get(5 + m) != Some(&'月') || !(1..=12).contains(&month) {
                return Some((year, None, None));
            }
            let (day, d) = digits_at(chars.get(6 + m..).unwrap_or(&[]), 2);
            let has_day = d > 0 && chars.get(6 + m + d) == Some(&'日') && (1..=31).contains(&day);
            Some((year, Some(month), has_day.then_some(day)))
        }
        _ => None,
    }
}

// ---------------------------------------------------------------- front matter

/// Consumes the title block at the top (title, subtitle, issuer-and-date line, a
/// repeated title) and returns the index of the first body line.
fn front_matter(lines: &[&str], out: &mut Cleaned) -> usize {
    let mut index = 0;
    let mut have_title = false;
    let mut considered = 0;
    while index < lines.len() && considered < 6 {
        let raw = lines[index];
        let text = raw.trim();
        let line = line_number(index);
        if text.is_empty() {
            index += 1;
            continue;
        }
        if let Some(kind) = line_artifact(text) {
            out.dropped.push(dropped(line, kind, text));
            index += 1;
            continue;
        }
        considered += 1;
        let Some(kind) = front_kind(text, have_title, &out.front) else {
            break;
        };
        have_title |= kind == DropKind::Title;
        out.dropped.push(dropped(line, kind, text));
        out.front.push(FrontLine {
            line,
            kind,
            text: text.to_owned(),
        });
        index += 1;
    }
    index
}

fn front_kind(text: &str, have_title: bool, earlier: &[FrontLine]) -> Option<DropKind> {
    let content = text.trim_end_matches(['|', ' ']);
    let length = content.chars().count();
    let ends_sentence = content.ends_with(['。', '；', '：', ':', '？', '！', '，']);
    let is_body = length == 0
        || length > 60
        || ends_sentence
        || content.contains('。')
        || marker_at(content).is_some_and(|m| m.number.is_some())
        || content.starts_with('【')
        || ["编者按", "按语", "同志们", "提问", "问：", "问:", "追问"]
            .iter()
            .any(|p| content.starts_with(p))
        || content.contains("答：")
        || content.contains("答:");
    if is_body {
        return None;
    }
    if earlier
        .iter()
        .any(|f| f.kind == DropKind::Title && f.text == text)
    {
        return Some(DropKind::Title);
    }
    if !have_title {
        return Some(DropKind::Title);
    }
    if content.starts_with(['—', '-', '－']) || content.starts_with('（') && has_date(content) {
        // A subtitle, or a speech's "——在全市…会议上的讲话" / "（2015年5月8日）".
        return Some(if has_date(content) || content.contains("讲话") {
            DropKind::Dateline
        } else {
            DropKind::Title
        });
    }
    if has_date(content) || is_source_line(content) {
        return Some(DropKind::Dateline);
    }
    let han = content.chars().filter(|&c| is_han(c)).count();
    (han == length && (2..=4).contains(&han)).then_some(DropKind::Byline)
}

/// A closing signature: an issuer line and/or a date line at the very end. Returns the
/// index one past the last body line.
fn trailing_signature(lines: &[&str], body_start: usize, out: &mut Cleaned) -> usize {
    let mut end = lines.len();
    while end > body_start && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    let mut taken = 0;
    while end > body_start && taken < 2 {
        let text = lines[end - 1].trim();
        let kind = if is_bare_date(text) {
            DropKind::Dateline
        } else if taken == 1 && is_issuer_name(text) {
            DropKind::Byline
        } else {
            break;
        };
        let line = line_number(end - 1);
        out.dropped.push(dropped(line, kind, text));
        out.front.push(FrontLine {
            line,
            kind,
            text: text.to_owned(),
        });
        end -= 1;
        taken += 1;
    }
    end
}

fn is_bare_date(text: &str) -> bool {
    let stripped = text.trim_matches(['（', '）', '(', ')']);
    find_date(stripped).is_some()
        && stripped.chars().count() <= 12
        && stripped.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn is_issuer_name(text: &str) -> bool {
    let length = text.chars().count();
    (3..=30).contains(&length)
        && text.chars().all(|c| is_han(c) || c == ' ')
        && ["局", "委", "府", "办", "会", "厅", "部", "室"]
            .iter()
            .any(|s| text.ends_with(s))
}

// ---------------------------------------------------------------- within a line

/// Strips a leading bullet or byline and trailing author notes and web separators,
/// recording each, and returns the body of the line.
fn strip_line_decorations<'a>(raw: &'a str, line: u32, dropped_out: &mut Vec<Dropped>) -> &'a str {
    let mut body = raw.trim();
    if let Some(after) = body.strip_prefix('-')
        && (after.starts_with([' ', '\u{3000}', '—']) || after.is_empty())
    {
        dropped_out.push(dropped(line, DropKind::Bullet, "-"));
        body = after.trim_start();
    }
    if let Some(len) = byline_prefix(body)
        && body[len..].starts_with([' ', '\u{3000}'])
    {
        dropped_out.push(dropped(line, DropKind::Byline, &body[..len]));
        body = body[len..].trim_start();
    }
    let mut tail = Vec::new();
    loop {
        if let Some(before) = body.strip_suffix('|') {
            tail.push(dropped(line, DropKind::WebMetadata, "|"));
            body = before.trim_end();
        } else if let Some(start) = author_note_start(body) {
            tail.push(dropped(line, DropKind::Byline, &body[start..]));
            body = body[..start].trim_end();
        } else {
            break;
        }
    }
    tail.reverse();
    dropped_out.extend(tail);
    body
}

/// The byte offset where a trailing `（作者…）` note begins.
fn author_note_start(body: &str) -> Option<usize> {
    if !body.ends_with([')', '）']) {
        return None;
    }
    let open = body.rfind(['(', '（'])?;
    is_author_note(&body[open..]).then_some(open)
}

/// An indicator table flattened into one line: many space-separated cells, no prose
/// punctuation. Its spaces separate cells, so they are kept.
pub fn is_table_row(text: &str) -> bool {
    // One pass that stops at the first prose punctuation: most lines have a comma
    // early, and this runs for every line and every pending paragraph.
    let mut cells = 0;
    let mut in_cell = false;
    for c in text.chars() {
        if matches!(c, '。' | '，' | ',' | '；' | ';') {
            return false;
        }
        let space = c.is_whitespace();
        cells += usize::from(!space && !in_cell);
        in_cell = !space;
    }
    cells >= 8
}

/// Newspaper pages flatten paragraphs into one line separated by spaces; a space
/// followed by an outline marker is such a paragraph break.
fn split_inline_markers(body: &str, table: bool) -> Vec<&str> {
    if table {
        return vec![body];
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    let mut space_start = 0;
    for (i, c) in body.char_indices() {
        if c == ' ' || c == '\u{3000}' {
            if !in_space {
                space_start = i;
            }
            in_space = true;
            continue;
        }
        if in_space && i > start && marker_at(&body[i..]).is_some_and(|m| m.number.is_some()) {
            pieces.push(&body[start..space_start]);
            start = i;
        }
        in_space = false;
    }
    pieces.push(&body[start..]);
    pieces
}

/// Closing and sentence punctuation, full-width forms and the like: characters that
/// sit between Chinese text, where a space is never meant.
fn is_cjk_like(c: char) -> bool {
    is_han(c)
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// Removes spaces next to a Chinese character (PDF extraction puts them at every
/// original line end: `回归 并保持`, `达到 10976.99亿元`) and collapses the rest.
pub fn remove_stray_spaces(text: &str) -> String {
    // Whole runs between spaces are copied at once: pushing char by char was the
    // slowest part of cleaning.
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let prev_cjk = out.chars().next_back().map(is_cjk_like);
        let next_cjk = word.chars().next().is_some_and(is_cjk_like);
        if prev_cjk == Some(false) && !next_cjk {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------- paragraphs

/// Groups cleaned pieces into paragraphs, rejoining a sentence that a page break split.
#[derive(Default)]
struct ParagraphBuilder {
    done: Vec<Paragraph>,
    pending: Option<Paragraph>,
    /// Whether the pending paragraph is prose that a page break can have cut: decided
    /// when it starts (a table row or a heading is never continued), so joining many
    /// lines never rescans the growing text.
    joinable: bool,
}

impl ParagraphBuilder {
    fn push(&mut self, line: u32, text: String, first_on_line: bool) {
        if let Some(pending) = &mut self.pending
            && first_on_line
            && self.joinable
            && is_unfinished(&pending.text)
            && !starts_new_block(&text)
        {
            pending.starts.push((pending.text.len(), line));
            pending.text.push_str(&text);
            return;
        }
        self.joinable = !is_table_row(&text) && !is_heading_shaped(&text);
        if let Some(done) = self.pending.replace(Paragraph::new(line, text)) {
            self.done.push(done);
        }
    }

    fn finish(mut self) -> Vec<Paragraph> {
        self.done.extend(self.pending.take());
        self.done
    }
}

/// A long paragraph that stops without closing punctuation was cut by a page break.
/// Looks only at the end and the first 20 characters, so it costs the same however
/// long the paragraph has grown.
fn is_unfinished(text: &str) -> bool {
    let Some(last) = text.chars().next_back() else {
        return false;
    };
    let closing = "。！？；：!?;:…”」』）)】》";
    text.chars().take(20).count() >= 20 && !closing.contains(last)
}

/// A numbered line short enough, and without a sentence inside, to be a heading.
pub fn is_heading_shaped(text: &str) -> bool {
    let inner = text.trim_end_matches(['。', '：', ':']);
    marker_at(text).is_some_and(|m| m.number.is_some())
        && inner.chars().count() <= 40
        && !inner.contains(['。', '；', '？', '！'])
}

fn starts_new_block(text: &str) -> bool {
    marker_at(text).is_some()
        || lone_yi_dash(text).is_some()
        || is_table_row(text)
        || text.starts_with('【')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(source: &str) -> Vec<String> {
        let lines: Vec<&str> = source.split('\n').collect();
        clean(&lines)
            .paragraphs
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    fn dropped_kinds(source: &str) -> Vec<(u32, DropKind, String)> {
        let lines: Vec<&str> = source.split('\n').collect();
        clean(&lines)
            .dropped
            .into_iter()
            .map(|d| (d.line, d.kind, d.text))
            .collect()
    }

    #[test]
    fn page_numbers() {
        for text in ["— 5 **—**", "-31 -", "- 7 -", "第 5 页", "12", "—12—"] {
            assert_eq!(line_artifact(text), Some(DropKind::PageNumber), "{text}");
        }
        for text in ["2022年", "- 2.电子商务", "5G", "12345"] {
            assert_ne!(line_artifact(text), Some(DropKind::PageNumber), "{text}");
        }
    }

    #[test]
    fn continuation_and_page_header() {
        assert_eq!(line_artifact("(下转第四版)"), Some(DropKind::Continuation));
        assert_eq!(
            line_artifact("（上接第三版）"),
            Some(DropKind::Continuation)
        );
        assert_eq!(line_artifact("第04版:要闻"), Some(DropKind::PageHeader));
        assert_eq!(line_artifact("（一）积极创建"), None);
    }

    #[test]
    fn web_metadata_and_credits() {
        assert_eq!(
            line_artifact(
                "2024-07-15 ——摘要 11 11 义乌商报 content_471952.html 1 3 /enpproperty-->提问"
            ),
            Some(DropKind::WebMetadata)
        );
        assert_eq!(
            line_artifact("全媒体记者 傅柏琳 见习记者 何彦婕 丁奕彤 整理"),
            Some(DropKind::Byline)
        );
    }

    #[test]
    fn front_matter_title_dateline_repeat() {
        let source = "武汉市商务发展\"十四五\"规划\n\n武汉市商务局 2021年9月\n\n武汉市商务发展\"十四五\"规划\n\n\"十四五\"时期,是重要时期。";
        let kinds: Vec<DropKind> = dropped_kinds(source).into_iter().map(|d| d.1).collect();
        assert_eq!(
            kinds,
            vec![DropKind::Title, DropKind::Dateline, DropKind::Title]
        );
        assert_eq!(paragraphs(source), vec!["\"十四五\"时期,是重要时期。"]);
    }

    #[test]
    fn speech_has_no_title() {
        let source = "同志们：\n加快推进商城国际化，是重大战略。";
        assert!(dropped_kinds(source).is_empty());
        assert_eq!(paragraphs(source).len(), 2);
    }

    #[test]
    fn page_break_rejoins_sentence() {
        let source = "正文开始。\n1.消费规模与作用显著提升。全市消费品市场保持增长。\"十三五\"期\n\n— 5 —\n\n间,城乡消费不断扩容提质。";
        let paras = paragraphs(source);
        assert_eq!(paras.len(), 2);
        assert!(
            paras[1].ends_with("\"十三五\"期间,城乡消费不断扩容提质。"),
            "{paras:?}"
        );
        let lines: Vec<&str> = source.split('\n').collect();
        let cleaned = clean(&lines);
        let p = &cleaned.paragraphs[1];
        assert_eq!(p.first_line(), 2);
        assert_eq!(p.line_at(p.text.len() - 1), 6);
        assert_eq!(cleaned.layout.len(), 1, "{:?}", cleaned.layout);
        assert_eq!(cleaned.layout[0].0, 6);
        assert!(cleaned.layout[0].1.contains("from line 2"));
    }

    #[test]
    fn many_unpunctuated_lines_join_into_one_paragraph() {
        // Every line continues the one before (no closing punctuation): one paragraph
        // that remembers where each line starts. (The join is linear; the old check
        // rescanned the growing text at every line.)
        let line = "这是一行没有标点而且很长的文字用来测试页面断行重新连接的速度问题";
        let body = std::iter::repeat_n(line, 5_000)
            .collect::<Vec<_>>()
            .join("\n");
        let source = format!("正文开始。\n{body}");
        let lines: Vec<&str> = source.split('\n').collect();
        let cleaned = clean(&lines);
        assert_eq!(cleaned.paragraphs.len(), 2);
        let joined = &cleaned.paragraphs[1];
        assert_eq!(joined.starts.len(), 5_000);
        assert_eq!(joined.line_at(joined.text.len() - 1), 5_001);
    }

    #[test]
    fn stray_spaces_are_reported_per_line() {
        let lines = [
            "正文开始。",
            "社会消费品零售总额规模回归 并保持在全国前三甲。",
            "没有多余空格。",
        ];
        let cleaned = clean(&lines);
        let lines_fixed: Vec<u32> = cleaned.layout.iter().map(|l| l.0).collect();
        assert_eq!(lines_fixed, vec![2]);
    }

    #[test]
    fn headings_are_not_joined() {
        let source =
            "正文开始。\n(一)\"十三五\"发展成就\n\n\"十三五\"时期,全市商务工作践行新发展理念。";
        assert_eq!(paragraphs(source).len(), 3);
    }

    #[test]
    fn stray_spaces_between_chinese_are_removed() {
        assert_eq!(
            remove_stray_spaces("回归 并保持在全国 15 个城市"),
            "回归并保持在全国15个城市"
        );
        assert_eq!(
            remove_stray_spaces("eBay 等 Temu and Shein"),
            "eBay等Temu and Shein"
        );
    }

    #[test]
    fn bullets_bylines_and_author_notes() {
        let source = "正文开始。\n- 2.电子商务持续快速发展。\n◎臧晓鹏 全市开展大讨论活动以来,成效明显。\n项目建设顺利推进。 (作者为徐州市商务局党委书记、局长) |";
        let drops = dropped_kinds(source);
        assert_eq!(drops[0], (2, DropKind::Bullet, "-".to_owned()));
        assert_eq!(drops[1], (3, DropKind::Byline, "◎臧晓鹏".to_owned()));
        assert_eq!(
            drops[2],
            (
                4,
                DropKind::Byline,
                "(作者为徐州市商务局党委书记、局长)".to_owned()
            )
        );
        assert_eq!(drops[3], (4, DropKind::WebMetadata, "|".to_owned()));
        assert_eq!(paragraphs(source)[3], "项目建设顺利推进。");
    }

    #[test]
    fn flattened_newspaper_paragraphs_split_at_markers() {
        let source = "正文开始。\n新的动能。 一、瞄准示范项目谋求发展新突破 一是以争创示范城市为契机,打造新高地。 二是争创示范基地。";
        assert_eq!(
            paragraphs(source),
            vec![
                "正文开始。",
                "新的动能。",
                "一、瞄准示范项目谋求发展新突破",
                "一是以争创示范城市为契机,打造新高地。",
                "二是争创示范基地。"
            ]
        );
    }

    #[test]
    fn table_rows_keep_their_cells() {
        let row = "项目 社会消费品零售总额 6149.84 亿元 10%以上 商贸 流通 电子商务交易额 10976.99 亿元 22000 亿元 15%";
        assert!(is_table_row(row));
        let source = format!("正文开始。\n{row}");
        assert_eq!(paragraphs(&source)[1], row);
    }

    #[test]
    fn trailing_signature() {
        let source = "正文开始。\n工作扎实推进。\n\n某某市商务局\n2023年1月5日\n";
        let drops = dropped_kinds(source);
        assert_eq!(drops.len(), 2, "{drops:?}");
        assert!(
            drops
                .iter()
                .any(|d| d.1 == DropKind::Dateline && d.2 == "2023年1月5日")
        );
        assert!(
            drops
                .iter()
                .any(|d| d.1 == DropKind::Byline && d.2 == "某某市商务局")
        );
    }

    #[test]
    fn dates() {
        assert_eq!(
            find_date("武汉市商务局 2021年9月"),
            Some((2021, Some(9), None))
        );
        assert_eq!(
            find_date("2024-07-15 ——摘要"),
            Some((2024, Some(7), Some(15)))
        );
        assert_eq!(find_date("2023年1月5日"), Some((2023, Some(1), Some(5))));
        assert_eq!(
            find_date("区商务局2022年工作总结"),
            Some((2022, None, None))
        );
        assert_eq!(find_date("增长12345"), None);
    }

    #[test]
    fn artifact_shapes_for_the_checker() {
        assert!(artifact_matches(DropKind::PageNumber, "— 5 **—**"));
        assert!(!artifact_matches(DropKind::PageNumber, "加强统筹协调"));
        assert!(artifact_matches(DropKind::Bullet, "-"));
        assert!(!artifact_matches(DropKind::Bullet, "一是"));
        assert!(!artifact_matches(DropKind::Title, "很长的正文。第二句。"));
    }
}
