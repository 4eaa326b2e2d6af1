//! Outline markers: the prefixes by which this genre numbers its headings and items
//! (一、 （一） 1. （1） 第一， 专栏 3 —— 一是 ① …). Recognising a marker is separate from
//! deciding what it means: the same `1.` is a heading in one plan and an item in the next,
//! so `scan` and `outline` decide that from the shape of the paragraph and the document.

/// The family a marker belongs to. Levels are not fixed per family: the outline gives
/// each family the depth at which the document first uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerKind {
    /// 一、
    CnComma,
    /// （一） or (一)
    CnParen,
    /// 1. 1． 1、
    ArabicDot,
    /// （1） or (1)
    ArabicParen,
    /// 第一， 第一、
    Ordinal,
    /// 第一章 第二节 第三部分
    Chapter,
    /// 专栏 3
    Column,
    /// ① ②
    Circled,
    /// 一是 二是 (and 一要 …), usually inside a paragraph
    Shi,
    /// —— at the start of an item (also its PDF/OCR forms — and 一一)
    Dash,
}

impl MarkerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MarkerKind::CnComma => "一、",
            MarkerKind::CnParen => "（一）",
            MarkerKind::ArabicDot => "1.",
            MarkerKind::ArabicParen => "（1）",
            MarkerKind::Ordinal => "第一，",
            MarkerKind::Chapter => "第一章",
            MarkerKind::Column => "专栏",
            MarkerKind::Circled => "①",
            MarkerKind::Shi => "一是",
            MarkerKind::Dash => "——",
        }
    }
}

/// A marker at the start of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub kind: MarkerKind,
    /// Byte length of the marker, including a separating space where there is one.
    pub len: usize,
    /// The item number (1 for 一、 （一） 1. ① …); `None` for dashes.
    pub number: Option<u32>,
}

const CN_DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Parses a Chinese numeral from 一 to 九十九 at the start of `text`, returning the value
/// and its byte length.
pub fn cn_number(text: &str) -> Option<(u32, usize)> {
    let mut chars = text.char_indices().peekable();
    let digit = |c: char| CN_DIGITS.iter().position(|&d| d == c).map(|v| v as u32);
    let mut value: u32 = 0;
    let mut end = 0;
    let mut seen_ten = false;
    let mut seen_any = false;
    while let Some(&(i, c)) = chars.peek() {
        if c == '十' && !seen_ten {
            value = if seen_any { value * 10 } else { 10 };
            seen_ten = true;
        } else if let Some(d) = digit(c) {
            if seen_any && !seen_ten {
                break; // 一二 is not a numeral
            }
            if seen_ten && !value.is_multiple_of(10) {
                break;
            }
            value += d;
        } else {
            break;
        }
        seen_any = true;
        end = i + c.len_utf8();
        chars.next();
    }
    (seen_any && value > 0).then_some((value, end))
}

fn ascii_number(text: &str) -> Option<(u32, usize)> {
    let mut end = 0;
    let mut value: u32 = 0;
    for (i, c) in text.char_indices() {
        let digit = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => break,
        };
        if i >= 6 {
            return None; // list numbers are short; a long run is a figure
        }
        value = value * 10 + digit;
        end = i + c.len_utf8();
    }
    (end > 0).then_some((value, end))
}

/// True for a character that can begin an item's text (so `2.5亿元` is not item 2).
fn starts_text(c: char) -> bool {
    is_han(c) || matches!(c, '“' | '"' | '《' | '「' | '【' | '（' | '(' | '‘')
}

/// CJK ideographs (the unified blocks used in these documents).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

fn rest(text: &str, at: usize) -> &str {
    text.get(at..).unwrap_or("")
}

fn first_char(text: &str) -> Option<char> {
    text.chars().next()
}

/// The byte length of a space after a marker (`1. 引进`), or 0.
fn space_after(text: &str) -> usize {
    match first_char(text) {
        Some(c @ (' ' | '\u{3000}')) => c.len_utf8(),
        _ => 0,
    }
}

/// Recognises the marker at the start of `text`, if any. `Dash` markers written as a
/// lone `一` (an OCR reading of `——`) are not recognised here; see `lone_yi_dash`.
pub fn marker_at(text: &str) -> Option<Marker> {
    let first = first_char(text)?;
    match first {
        '（' | '(' => paren_marker(text, first.len_utf8()),
        '第' => ordinal_marker(text),
        '专' => column_marker(text),
        '①'..='⑳' => Some(Marker {
            kind: MarkerKind::Circled,
            len: first.len_utf8(),
            number: Some(first as u32 - '①' as u32 + 1),
        }),
        '—' | '－' | '-' => dash_marker(text),
        '0'..='9' | '０'..='９' => arabic_dot_marker(text),
        _ => cn_marker(text),
    }
}

fn paren_marker(text: &str, open: usize) -> Option<Marker> {
    let inner = rest(text, open);
    let (number, len, kind) = if let Some((n, len)) = cn_number(inner) {
        (n, len, MarkerKind::CnParen)
    } else {
        let (n, len) = ascii_number(inner)?;
        (n, len, MarkerKind::ArabicParen)
    };
    let close = first_char(rest(inner, len))?;
    if close != '）' && close != ')' {
        return None;
    }
    let end = open + len + close.len_utf8();
    Some(Marker {
        kind,
        len: end + space_after(rest(text, end)),
        number: Some(number),
    })
}

fn ordinal_marker(text: &str) -> Option<Marker> {
    let after = rest(text, '第'.len_utf8());
    let (number, len) = cn_number(after)?;
    let tail = rest(after, len);
    let next = first_char(tail)?;
    let kind = match next {
        '，' | '、' | ',' => MarkerKind::Ordinal,
        '章' | '节' => MarkerKind::Chapter,
        '部' if tail.starts_with("部分") => MarkerKind::Chapter,
        _ => return None,
    };
    let sep = if tail.starts_with("部分") {
        "部分".len()
    } else {
        next.len_utf8()
    };
    let end = '第'.len_utf8() + len + sep;
    Some(Marker {
        kind,
        len: end + space_after(rest(text, end)),
        number: Some(number),
    })
}

fn column_marker(text: &str) -> Option<Marker> {
    let after = text.strip_prefix("专栏")?;
    let space = space_after(after);
    let digits = rest(after, space);
    let (number, len) = ascii_number(digits).or_else(|| cn_number(digits))?;
    let end = "专栏".len() + space + len;
    Some(Marker {
        kind: MarkerKind::Column,
        len: end + space_after(rest(text, end)),
        number: Some(number),
    })
}

fn dash_marker(text: &str) -> Option<Marker> {
    // ——, —, －－ and -- all appear for the same bullet after extraction.
    let len: usize = text
        .chars()
        .take_while(|&c| matches!(c, '—' | '－' | '-'))
        .map(char::len_utf8)
        .sum();
    let body = rest(text, len);
    let next = first_char(body)?;
    if len == 0 || !starts_text(next) {
        return None;
    }
    Some(Marker {
        kind: MarkerKind::Dash,
        len,
        number: None,
    })
}

fn arabic_dot_marker(text: &str) -> Option<Marker> {
    let (number, len) = ascii_number(text)?;
    if number > 99 {
        return None; // 奇虎 360、小红书: a name, not item 360
    }
    let sep = first_char(rest(text, len))?;
    if !matches!(sep, '.' | '．' | '、') {
        return None;
    }
    let end = len + sep.len_utf8();
    let space = space_after(rest(text, end));
    let next = first_char(rest(text, end + space))?;
    if !starts_text(next) || number == 0 {
        return None;
    }
    Some(Marker {
        kind: MarkerKind::ArabicDot,
        len: end + space,
        number: Some(number),
    })
}

fn cn_marker(text: &str) -> Option<Marker> {
    if text.starts_with("一一") {
        let next = first_char(rest(text, "一一".len()))?;
        return is_han(next).then_some(Marker {
            kind: MarkerKind::Dash,
            len: "一一".len(),
            number: None,
        });
    }
    let (number, len) = cn_number(text)?;
    let sep = first_char(rest(text, len))?;
    let kind = match sep {
        '、' => MarkerKind::CnComma,
        '是' | '要' => MarkerKind::Shi,
        _ => return None,
    };
    let end = len + sep.len_utf8();
    let next = first_char(rest(text, end))?;
    // 一是 must be followed by content, not punctuation (…统一是，…).
    if kind == MarkerKind::Shi && !(is_han(next) || matches!(next, '“' | '"' | '《' | '以')) {
        return None;
    }
    Some(Marker {
        kind,
        len: end + space_after(rest(text, end)),
        number: Some(number),
    })
}

/// A paragraph starting with a lone `一` followed by a short lead phrase and `。`
/// (`一完善商贸基础设施体系。加强…`) is a `——` bullet misread by OCR. Only meaningful
/// in a document that already uses `——` bullets; the caller checks that.
pub fn lone_yi_dash(text: &str) -> Option<Marker> {
    let body = text.strip_prefix('一')?;
    if marker_at(text).is_some() {
        return None;
    }
    let lead_len = body.chars().take_while(|&c| c != '。').count();
    let has_stop = body.chars().nth(lead_len) == Some('。');
    let first_is_han = first_char(body).is_some_and(is_han);
    (has_stop && (4..=24).contains(&lead_len) && first_is_han).then_some(Marker {
        kind: MarkerKind::Dash,
        len: '一'.len_utf8(),
        number: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Option<(MarkerKind, Option<u32>)> {
        marker_at(text).map(|m| (m.kind, m.number))
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(cn_number("一、"), Some((1, 3)));
        assert_eq!(cn_number("十、"), Some((10, 3)));
        assert_eq!(cn_number("十二是"), Some((12, 6)));
        assert_eq!(cn_number("二十三"), Some((23, 9)));
        assert_eq!(cn_number("一二"), Some((1, 3)));
        assert_eq!(cn_number("是"), None);
    }

    #[test]
    fn each_family() {
        assert_eq!(kind("一、发展基础"), Some((MarkerKind::CnComma, Some(1))));
        assert_eq!(kind("（三）发展目标"), Some((MarkerKind::CnParen, Some(3))));
        assert_eq!(
            kind("(十)坚持改革创新"),
            Some((MarkerKind::CnParen, Some(10)))
        );
        assert_eq!(kind("12.培育"), Some((MarkerKind::ArabicDot, Some(12))));
        assert_eq!(kind("3、推进"), Some((MarkerKind::ArabicDot, Some(3))));
        assert_eq!(kind("（2）加强"), Some((MarkerKind::ArabicParen, Some(2))));
        assert_eq!(
            kind("第一，在发展方向上"),
            Some((MarkerKind::Ordinal, Some(1)))
        );
        assert_eq!(
            kind("第三章 主要任务"),
            Some((MarkerKind::Chapter, Some(3)))
        );
        assert_eq!(
            kind("专栏 12 服务贸易"),
            Some((MarkerKind::Column, Some(12)))
        );
        assert_eq!(kind("专栏3 电子商务"), Some((MarkerKind::Column, Some(3))));
        assert_eq!(kind("②完善"), Some((MarkerKind::Circled, Some(2))));
        assert_eq!(kind("一是坚持以国际化"), Some((MarkerKind::Shi, Some(1))));
        assert_eq!(kind("一要争取"), Some((MarkerKind::Shi, Some(1))));
        assert_eq!(kind("——坚持创新驱动"), Some((MarkerKind::Dash, None)));
        assert_eq!(kind("—促进生活性服务业"), Some((MarkerKind::Dash, None)));
        assert_eq!(kind("一一构建资本"), Some((MarkerKind::Dash, None)));
    }

    #[test]
    fn numbers_and_words_are_not_markers() {
        assert_eq!(kind("2.5亿元"), None);
        assert_eq!(kind("2022年"), None);
        assert_eq!(kind("第135届广交会"), None);
        assert_eq!(kind("一批项目"), None);
        assert_eq!(kind("一是，"), None);
        assert_eq!(kind("(以下简称社零额)"), None);
        assert_eq!(kind("专栏"), None);
        assert_eq!(kind("-31 -"), None);
        assert_eq!(kind("360、小红书"), None);
    }

    #[test]
    fn marker_length_includes_space() {
        assert_eq!(marker_at("1. 引进").unwrap().len, 3);
        assert_eq!(marker_at("专栏 1 商业").unwrap().len, "专栏 1 ".len());
    }

    #[test]
    fn lone_yi_is_a_dash_only_before_a_short_lead() {
        assert!(lone_yi_dash("一完善商贸基础设施体系。加强商贸物流").is_some());
        assert!(
            lone_yi_dash("一批重点项目加快推进，力争年内完成全部建设任务并投入使用。").is_none()
        );
        assert!(lone_yi_dash("一是坚持。").is_none());
    }
}
