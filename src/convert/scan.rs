//! Scan: what each cleaned paragraph is. A heading, a numbered item, a turn of a
//! question-and-answer transcript, or plain text; and where inside it an inline
//! enumeration (一是…二是…, （1）…（2）…, ①…②…) puts its items.

use super::clean::{Paragraph, is_heading_shaped};
use super::markers::{Marker, MarkerKind, is_han, lone_yi_dash, marker_at};

/// The family of a heading: the outline nests families in the order the document
/// first uses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    Marker(MarkerKind),
    /// 提问代表：… — one questioner's turn in a transcript.
    Questioner,
    /// 【整体情况】, 追问：, 问： — a question.
    Question,
    /// 商务局答： — an answer; its speaker is the actor of the measures in it.
    Answer,
}

impl Family {
    pub fn describe(self) -> String {
        match self {
            Family::Marker(kind) => format!("marker {}", kind.as_str()),
            Family::Questioner => "questioner 提问代表".to_owned(),
            Family::Question => "question 【…】/问：".to_owned(),
            Family::Answer => "answer …答：".to_owned(),
        }
    }
}

/// What a paragraph is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading; `split` is where the heading ends and body text begins (the
    /// paragraph's length when it is all heading).
    Heading {
        family: Family,
        split: usize,
        actor: Option<String>,
    },
    /// A numbered or bulleted item of body text.
    Item {
        marker: Marker,
    },
    Plain,
}

/// Decides what `paragraph` is. `dash_document` says the document uses `——` bullets,
/// which makes a lone `一` before a short lead phrase one of them.
pub fn classify(paragraph: &Paragraph, dash_document: bool) -> Block {
    let text = paragraph.text.as_str();
    if let Some(block) = transcript_turn(text) {
        return block;
    }
    let marker = marker_at(text).or_else(|| {
        if dash_document {
            lone_yi_dash(text)
        } else {
            None
        }
    });
    let Some(marker) = marker else {
        return Block::Plain;
    };
    match marker.kind {
        MarkerKind::Column | MarkerKind::Chapter => Block::Heading {
            family: Family::Marker(marker.kind),
            split: heading_split(text, marker.len),
            actor: None,
        },
        // 一是, —— and ① introduce items however short they are.
        MarkerKind::Shi | MarkerKind::Dash | MarkerKind::Circled => Block::Item { marker },
        _ if is_heading_shaped(text) => Block::Heading {
            family: Family::Marker(marker.kind),
            split: text.len(),
            actor: None,
        },
        _ => Block::Item { marker },
    }
}

/// Where a heading that runs on into body text ends: the whole text when short,
/// otherwise after its first sentence.
fn heading_split(text: &str, marker_len: usize) -> usize {
    if text.chars().count() <= 40 && !text.contains('。') {
        return text.len();
    }
    lead_sentence_end(text, marker_len)
}

/// The byte offset just past the lead sentence starting at `from`: its first 。 ： ；
/// (or ？ ！), or failing that its first clause, or its first 30 characters.
pub fn lead_sentence_end(text: &str, from: usize) -> usize {
    let body = text.get(from..).unwrap_or("");
    let stop = |set: &[char], limit: usize| {
        body.char_indices()
            .take(limit)
            .find(|(_, c)| set.contains(c))
            .map(|(i, c)| from + i + c.len_utf8())
    };
    stop(&['。', '：', ':', '；', '？', '！', '?', '!'], 80)
        .or_else(|| stop(&['，', ','], 40))
        .unwrap_or_else(|| from + body.char_indices().nth(30).map_or(body.len(), |(i, _)| i))
}

/// Turns of a transcript: 提问代表：…, 【topic】…, 追问：…, 问：…, X答：….
fn transcript_turn(text: &str) -> Option<Block> {
    for prefix in ["提问代表", "提问人", "提问者"] {
        if text.starts_with(prefix) {
            let split = if text.chars().count() <= 80 {
                text.len()
            } else {
                lead_sentence_end(text, 0)
            };
            return Some(Block::Heading {
                family: Family::Questioner,
                split,
                actor: None,
            });
        }
    }
    if text.starts_with('【') {
        let close = text.char_indices().take(24).find(|&(_, c)| c == '】')?;
        return Some(Block::Heading {
            family: Family::Question,
            split: close.0 + close.1.len_utf8(),
            actor: None,
        });
    }
    for prefix in ["追问", "问", "记者问", "提问"] {
        if let Some(after) = text.strip_prefix(prefix)
            && let Some(colon) = after.chars().next().filter(|c| matches!(c, '：' | ':'))
        {
            let end = prefix.len() + colon.len_utf8();
            return Some(Block::Heading {
                family: Family::Question,
                split: end,
                actor: None,
            });
        }
    }
    answer_turn(text)
}

/// `副市长罗祖盘答:`, `商务局补充答：`, `答：`.
fn answer_turn(text: &str) -> Option<Block> {
    let (colon_at, colon) = text
        .char_indices()
        .take(20)
        .find(|&(_, c)| matches!(c, '：' | ':'))?;
    let speaker = text.get(..colon_at)?.strip_suffix('答')?;
    // 回答 / 解答 are narration (他回答：…), not a speaker's turn.
    if !speaker.chars().all(|c| is_han(c) || c == '·') || speaker.ends_with(['回', '解', '作'])
    {
        return None;
    }
    let actor = speaker.strip_suffix("补充").unwrap_or(speaker);
    Some(Block::Heading {
        family: Family::Answer,
        split: colon_at + colon.len_utf8(),
        actor: (!actor.is_empty()).then(|| actor.to_owned()),
    })
}

/// One item of an inline enumeration: `start` is the marker, `body` where its text begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InlineItem {
    pub start: usize,
    pub body: usize,
    pub end: usize,
    pub kind: MarkerKind,
}

/// The items of an inline enumeration in `text[from..]`: 一是…二是…, （1）…（2）…, ①…②….
/// Numbers must run 1, 2, 3 … and each marker must start a clause, so 统一是 or a
/// stray （2） is not taken for an item. Fewer than two items is no enumeration.
pub fn inline_items(text: &str, from: usize) -> Vec<InlineItem> {
    let mut found: Vec<InlineItem> = Vec::new();
    let mut family: Option<MarkerKind> = None;
    // Start at `from` (moved to a char boundary) rather than reading the text before
    // it: only its last character matters.
    let from = (from..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    let mut at_boundary = text[..from]
        .chars()
        .next_back()
        .is_none_or(is_item_boundary);
    for (i, c) in text[from..].char_indices() {
        let i = i + from;
        if at_boundary && let Some(item) = inline_marker(text, i, family, found.len() as u32 + 1) {
            family = Some(item.kind);
            found.push(item);
        }
        at_boundary = is_item_boundary(c);
    }
    if found.len() < 2 {
        return Vec::new();
    }
    for index in 0..found.len() {
        found[index].end = found.get(index + 1).map_or(text.len(), |next| next.start);
    }
    found
}

/// Punctuation after which an inline item may start.
fn is_item_boundary(c: char) -> bool {
    matches!(
        c,
        '。' | '；' | '：' | '！' | '？' | '，' | ',' | ';' | ':' | '”'
    )
}

fn inline_marker(
    text: &str,
    at: usize,
    family: Option<MarkerKind>,
    expected: u32,
) -> Option<InlineItem> {
    let marker = marker_at(text.get(at..)?)?;
    let inline_kind = matches!(
        marker.kind,
        MarkerKind::Shi | MarkerKind::Circled | MarkerKind::ArabicParen
    );
    let same_family = family.is_none_or(|k| k == marker.kind);
    (inline_kind && same_family && marker.number == Some(expected)).then_some(InlineItem {
        start: at,
        body: at + marker.len,
        end: at,
        kind: marker.kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Paragraph {
        Paragraph {
            text: text.to_owned(),
            starts: vec![(0, 1)],
        }
    }

    fn family(text: &str) -> Option<(Family, String)> {
        match classify(&para(text), false) {
            Block::Heading { family, split, .. } => Some((family, text[..split].to_owned())),
            _ => None,
        }
    }

    #[test]
    fn short_numbered_lines_are_headings() {
        assert_eq!(
            family("一、发展基础"),
            Some((Family::Marker(MarkerKind::CnComma), "一、发展基础".into()))
        );
        assert_eq!(
            family("（一）积极创建区域消费城市，促进商贸流通。").map(|f| f.0),
            Some(Family::Marker(MarkerKind::CnParen))
        );
        assert_eq!(
            family("2.主要预期指标").map(|f| f.0),
            Some(Family::Marker(MarkerKind::ArabicDot))
        );
        assert_eq!(
            family("专栏 1 商业网点优化布局专项").map(|f| f.1),
            Some("专栏 1 商业网点优化布局专项".into())
        );
    }

    #[test]
    fn long_numbered_lines_are_items() {
        let text = "1.消费规模与作用显著提升。全市消费品市场保持平稳较快增长，规模稳居前列。";
        assert!(matches!(classify(&para(text), false), Block::Item { .. }));
        assert!(matches!(
            classify(&para("一是推动市场发展稳中向好。加快建设。"), false),
            Block::Item { .. }
        ));
    }

    #[test]
    fn lone_yi_only_in_dash_documents() {
        let text = "一完善商贸基础设施体系。加强商贸物流基础设施建设。";
        assert_eq!(classify(&para(text), false), Block::Plain);
        assert!(
            matches!(classify(&para(text), true), Block::Item { marker } if marker.kind == MarkerKind::Dash)
        );
    }

    #[test]
    fn transcript_turns() {
        assert_eq!(
            family("提问代表:方豪龙(后宅街道李祖村党支部书记)").map(|f| f.0),
            Some(Family::Questioner)
        );
        assert_eq!(
            family("【整体情况】去年，总书记亲临考察。").map(|f| f.1),
            Some("【整体情况】".into())
        );
        assert_eq!(
            family("追问:请问商务局，如何支持？").map(|f| f.1),
            Some("追问:".into())
        );
        match classify(&para("商务局补充答:外商是订单之源。"), false) {
            Block::Heading {
                family,
                split,
                actor,
            } => {
                assert_eq!(family, Family::Answer);
                assert_eq!(split, "商务局补充答:".len());
                assert_eq!(actor.as_deref(), Some("商务局"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(classify(&para("他回答:好。"), false), Block::Plain);
    }

    #[test]
    fn inline_enumerations() {
        let text = "主要做法如下。一是打造品牌。二是策划首发；三是落地首店。";
        let items = inline_items(text, 0);
        assert_eq!(items.len(), 3);
        assert_eq!(&text[items[0].body..items[0].end], "打造品牌。");
        assert_eq!(&text[items[2].body..items[2].end], "落地首店。");
        assert!(inline_items("坚持统一是原则。一是只有一个。", 0).is_empty());
        let circled = "包括：①完善机制；②强化保障。";
        assert_eq!(inline_items(circled, 0).len(), 2);
        assert!(inline_items("（2）不是从一开始", 0).is_empty());
    }

    #[test]
    fn lead_sentence() {
        let text = "第一，在发展方向上，要坚持“三化并举”。当前，市场正处在关键时期。";
        assert_eq!(
            &text[..lead_sentence_end(text, 0)],
            "第一，在发展方向上，要坚持“三化并举”。"
        );
    }
}
