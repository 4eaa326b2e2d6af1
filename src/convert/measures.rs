//! Measures: a short title, a status and an actor for each item the outline found,
//! and the sections whose items are not measures at all (problems, not actions).
//!
//! Status comes first from where the item stands (a results section, a "next year"
//! section, a lead-in such as 主要做了以下工作 or 下一步), then from its own verbs, then
//! from the kind of document; `Reasoned` keeps the evidence for `--explain`.

use crate::brief::{DocKind, Status};

/// A decision and the words that led to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reasoned<T> {
    pub value: T,
    pub why: String,
}

const PLANNED_HEADING: &[&str] = &[
    "下一步",
    "思路",
    "打算",
    "计划",
    "目标",
    "任务",
    "举措",
    "措施",
    "安排",
    "展望",
    "要点",
    "路径",
    "原则",
    "定位",
    "重点工作",
];
const DONE_HEADING: &[&str] = &[
    "总结",
    "成就",
    "成效",
    "亮点",
    "回顾",
    "发展基础",
    "现实基础",
    "工作基础",
    "进展",
    "完成情况",
    "主要工作",
    "工作情况",
];
const PROBLEM_HEADING: &[&str] = &["问题", "不足", "短板", "挑战", "困难", "形势"];

const DONE_LEAD_IN: &[&str] = &[
    "主要做了以下工作",
    "做了以下工作",
    "主要做法",
    "取得了以下",
    "开展了以下",
    "主要有以下亮点",
];
const PLANNED_LEAD_IN: &[&str] = &[
    "下一步",
    "接下来",
    "我们将",
    "今后",
    "将重点",
    "下阶段",
    "未来",
];

const DONE_VERBS: &[&str] = &[
    "已",
    "成功",
    "完成了",
    "实现了",
    "获批",
    "建成",
    "累计",
    "获评",
    "荣获",
    "截至",
    "先后",
    "落地了",
    "率先",
];
const PLANNED_VERBS: &[&str] = &[
    "将", "力争", "确保", "计划", "争取", "拟", "要", "到20", "目标", "争创", "申创",
];
const ONGOING_VERBS: &[&str] = &["持续", "正在", "不断", "继续", "进一步", "深入推进"];

fn first_hit<'a>(text: &str, words: &[&'a str]) -> Option<&'a str> {
    words.iter().copied().find(|w| text.contains(w))
}

/// The status a heading sets for what it holds, if it says.
pub fn heading_status(heading: &str) -> Option<Reasoned<Status>> {
    if let Some(word) = first_hit(heading, PLANNED_HEADING) {
        return Some(Reasoned {
            value: Status::Planned,
            why: format!("heading says {word}"),
        });
    }
    first_hit(heading, DONE_HEADING).map(|word| Reasoned {
        value: Status::Done,
        why: format!("heading says {word}"),
    })
}

/// True when a heading introduces problems or circumstances rather than actions.
pub fn is_problem_heading(heading: &str) -> Option<&'static str> {
    first_hit(heading, PROBLEM_HEADING)
}

/// The status a plain paragraph sets for the items after it in its section.
pub fn lead_in_status(paragraph: &str) -> Option<Reasoned<Status>> {
    if let Some(word) = done_lead_in(paragraph) {
        return Some(Reasoned {
            value: Status::Done,
            why: format!("after lead-in {word}"),
        });
    }
    first_hit(char_prefix(paragraph, 30), PLANNED_LEAD_IN).map(|word| Reasoned {
        value: Status::Planned,
        why: format!("after lead-in {word}"),
    })
}

/// `first_hit(paragraph, DONE_LEAD_IN)`, reading a long paragraph twice instead of
/// six times: every lead-in but 主要做法 contains 以下.
fn done_lead_in(paragraph: &str) -> Option<&'static str> {
    if !paragraph.contains("以下") && !paragraph.contains("主要做法") {
        return None;
    }
    first_hit(paragraph, DONE_LEAD_IN)
}

/// The first `n` characters of `text` (all of it when shorter), without copying.
fn char_prefix(text: &str, n: usize) -> &str {
    text.char_indices().nth(n).map_or(text, |(i, _)| &text[..i])
}

/// The status an item's own wording suggests, counting cue words.
pub fn verb_status(text: &str) -> Option<Reasoned<Status>> {
    let found = cue_words_in(text);
    let count = |words: &[&str]| words.iter().filter(|w| found.contains(w)).count();
    let scores = [
        (Status::Done, count(DONE_VERBS), DONE_VERBS),
        (Status::Planned, count(PLANNED_VERBS), PLANNED_VERBS),
        (Status::Ongoing, count(ONGOING_VERBS), ONGOING_VERBS),
    ];
    let best = scores.iter().max_by_key(|(_, score, _)| *score)?;
    let tied = scores
        .iter()
        .filter(|(_, score, _)| *score == best.1)
        .count()
        > 1;
    (best.1 > 0 && !tied).then(|| Reasoned {
        value: best.0,
        why: format!(
            "wording: {}",
            best.2.iter().find(|w| found.contains(w)).unwrap_or(&"")
        ),
    })
}

/// Every cue word of the three lists that occurs in `text`, found in one pass: only
/// a character that starts some cue word is looked at further.
fn cue_words_in(text: &str) -> Vec<&'static str> {
    let mut found: Vec<&'static str> = Vec::new();
    for (at, c) in text.char_indices() {
        if !CUE_FIRST_CHARS.contains(&c) {
            continue;
        }
        let rest = &text[at..];
        for list in [DONE_VERBS, PLANNED_VERBS, ONGOING_VERBS] {
            for &word in list {
                if rest.starts_with(word) && !found.contains(&word) {
                    found.push(word);
                }
            }
        }
    }
    found
}

/// The first characters of the cue words above (a slice of chars: a `str` would be
/// searched as text for every character looked up).
const CUE_FIRST_CHARS: &[char] = &[
    '已', '成', '完', '实', '获', '建', '累', '荣', '截', '先', '落', '率', '将', '力', '确', '计',
    '争', '拟', '要', '到', '目', '申', '持', '正', '不', '继', '进', '深',
];

/// What a document of this kind mostly talks about when nothing else says.
pub fn default_status(kind: DocKind) -> Reasoned<Status> {
    let value = match kind {
        DocKind::Plan | DocKind::Speech => Status::Planned,
        DocKind::WorkReport | DocKind::Qa => Status::Done,
        DocKind::Article => Status::Ongoing,
    };
    Reasoned {
        value,
        why: format!("default for a {}", kind.as_str()),
    }
}

/// The item's own lead phrase: up to its first full stop, or first clause, cut short
/// when even that is long.
pub fn title(text: &str) -> String {
    // Slices, not copies: the first sentence of an item can be the whole item.
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace());
    let sentence_end = trimmed
        .find(['。', '；', '：', ':', '！', '？', ';'])
        .unwrap_or(trimmed.len());
    let sentence = &trimmed[..sentence_end];
    let cut;
    let candidate = if sentence.chars().nth(30).is_none() {
        sentence
    } else {
        let clause = &sentence[..sentence.find(['，', ',']).unwrap_or(sentence.len())];
        if (4..=30).contains(&clause.chars().take(31).count()) {
            clause
        } else {
            cut = format!("{}…", char_prefix(sentence, 24));
            cut.as_str()
        }
    };
    let title = candidate.trim().trim_end_matches(['，', ',', '、']);
    if title.is_empty() {
        char_prefix(trimmed, 24).to_owned()
    } else {
        title.to_owned()
    }
}

/// A body named as responsible in the text: `由上溪镇牵头`, `市商务局牵头`.
pub fn actor_in_text(text: &str) -> Option<String> {
    let at = text.find("牵头")?;
    let before = text.get(..at)?;
    let name: String = before
        .chars()
        .rev()
        .take_while(|&c| super::markers::is_han(c) && c != '由' && c != '，')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let length = name.chars().count();
    let organisation = ORG_SUFFIXES.iter().any(|s| name.ends_with(s));
    ((2..=12).contains(&length) && organisation).then_some(name)
}

/// How the names of responsible bodies end: bureaus, committees, governments,
/// towns, groups, companies, associations.
const ORG_SUFFIXES: &[&str] = &[
    "局", "委", "办", "厅", "部", "府", "镇", "街道", "区", "县", "市", "集团", "公司", "中心",
    "协会", "商会", "联", "馆", "院",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_set_status() {
        assert_eq!(
            heading_status("二、2023年工作思路").unwrap().value,
            Status::Planned
        );
        assert_eq!(
            heading_status("一、全年主要经济指标及亮点").unwrap().value,
            Status::Done
        );
        assert_eq!(heading_status("一、发展基础").unwrap().value, Status::Done);
        assert_eq!(
            heading_status("四、主要任务").unwrap().value,
            Status::Planned
        );
        assert!(heading_status("【整体情况】").is_none());
        assert!(is_problem_heading("(二)存在的主要问题").is_some());
    }

    #[test]
    fn lead_ins_set_status() {
        assert_eq!(
            lead_in_status("去年以来，我们聚焦小商品。主要做了以下工作:")
                .unwrap()
                .value,
            Status::Done
        );
        assert_eq!(
            lead_in_status("下一步还是继续深化品牌出海五条路径:")
                .unwrap()
                .value,
            Status::Planned
        );
        assert!(lead_in_status("市场是义乌的根和魂。").is_none());
    }

    #[test]
    fn verbs_decide_when_context_is_silent() {
        assert_eq!(
            verb_status("成功举办中欧班列开行十周年仪式，已开通20条线路")
                .unwrap()
                .value,
            Status::Done
        );
        assert_eq!(
            verb_status("力争三年内形成快速往返货运班列物流网络")
                .unwrap()
                .value,
            Status::Planned
        );
        assert_eq!(
            verb_status("持续优化营商环境").unwrap().value,
            Status::Ongoing
        );
        assert!(verb_status("市场布局").is_none());
    }

    #[test]
    fn every_cue_word_starts_with_a_listed_character() {
        for word in DONE_VERBS.iter().chain(PLANNED_VERBS).chain(ONGOING_VERBS) {
            assert!(
                word.chars()
                    .next()
                    .is_some_and(|c| CUE_FIRST_CHARS.contains(&c)),
                "{word}"
            );
        }
    }

    #[test]
    fn titles_are_lead_phrases() {
        assert_eq!(title("迭代实体市场。全力建设第六代市场"), "迭代实体市场");
        assert_eq!(
            title(
                "积极挖掘“县域网购力百强榜”第一名的电商发展潜力，出台全市首个电商产业专项扶持政策，落地基地"
            ),
            "积极挖掘“县域网购力百强榜”第一名的电商发展潜力"
        );
        assert_eq!(
            title("以争创国家服务外包示范城市为契机，全力打造苏北服务外包新高地。"),
            "以争创国家服务外包示范城市为契机，全力打造苏北服务外包新高地"
        );
        let long = "这是一段没有任何标点而且非常非常长的文字用来测试标题截断是否按字符进行而不是按字节进行的";
        assert!(title(long).ends_with('…'));
        assert_eq!(title(long).chars().count(), 25);
    }

    #[test]
    fn actors_named_in_text() {
        assert_eq!(
            actor_in_text("由上溪镇牵头，以模具产业为核心").as_deref(),
            Some("上溪镇")
        );
        assert_eq!(
            actor_in_text("建立由市政府分管领导召集、市商务局牵头的机制").as_deref(),
            Some("市商务局")
        );
        assert!(actor_in_text("没有").is_none());
        assert!(actor_in_text("解封后，又先后牵头成立机场工作专班").is_none());
    }
}
