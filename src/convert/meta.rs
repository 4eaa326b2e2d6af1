//! Metadata: title, place, kind, date and issuer, from what the text says (a title
//! line, a dateline, web metadata, an author note), and from the sidecar
//! `<source>.meta.yaml` where the text cannot tell. The sidecar always wins.

use super::clean::{FrontLine, find_date};
use super::markers::is_han;
use super::places;
use crate::brief::{DocKind, DropKind, Level};
use serde::Deserialize;

/// `seeds/<name>.meta.yaml`: the fields of a brief the text does not state.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    pub id: Option<String>,
    pub title: Option<String>,
    pub city: Option<String>,
    pub city_en: Option<String>,
    pub province: Option<String>,
    pub level: Option<Level>,
    pub kind: Option<DocKind>,
    /// A string so that `2024` and `2024-07` stay as written.
    pub date: Option<DateText>,
    pub issuer: Option<String>,
}

/// A date as YAML may give it: `2024`, `2024-07` or `2024-07-15` (a bare year parses
/// as a number, so accept both).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum DateText {
    Year(u32),
    Text(String),
}

impl DateText {
    fn as_string(&self) -> String {
        match self {
            DateText::Year(y) => y.to_string(),
            DateText::Text(t) => t.clone(),
        }
    }
}

/// What the converter knows about a document besides its body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub city: Option<String>,
    pub city_en: Option<String>,
    pub province: Option<String>,
    pub level: Option<Level>,
    pub kind: Option<DocKind>,
    pub date: Option<String>,
    pub issuer: Option<String>,
    /// `field: value (from …)` lines for `--explain`.
    pub evidence: Vec<String>,
}

/// Everything `infer` looks at.
pub struct Evidence<'a> {
    pub front: &'a [FrontLine],
    pub web: &'a [FrontLine],
    /// Author notes and credits dropped from the body.
    pub bylines: &'a [(u32, String)],
    /// The body text, headings included, in order.
    pub body: &'a str,
    /// True when the outline found question-and-answer turns.
    pub has_transcript: bool,
}

impl Meta {
    fn note(&mut self, field: &str, value: &str, from: &str) {
        self.evidence
            .push(format!("{field}: {value} (from {from})"));
    }
}

/// Infers metadata from the text, then lays the sidecar over it.
pub fn infer(evidence: &Evidence, sidecar: &Sidecar) -> Meta {
    let mut meta = Meta::default();
    infer_title(evidence, &mut meta);
    infer_kind(evidence, &mut meta);
    infer_date(evidence, &mut meta);
    infer_issuer(evidence, &mut meta);
    infer_place(evidence, &mut meta);
    apply_sidecar(sidecar, &mut meta);
    meta
}

fn infer_title(evidence: &Evidence, meta: &mut Meta) {
    if let Some(title) = evidence.front.iter().find(|f| f.kind == DropKind::Title) {
        let text = title.text.trim_end_matches(['|', ' ']).to_owned();
        meta.note("title", &text, &format!("title line {}", title.line));
        meta.title = Some(text);
    }
}

fn infer_kind(evidence: &Evidence, meta: &mut Meta) {
    let title = meta.title.clone().unwrap_or_default();
    let (kind, why) = if evidence.has_transcript {
        (DocKind::Qa, "question-and-answer turns".to_owned())
    } else if let Some(w) = ["规划", "计划", "方案", "纲要"]
        .iter()
        .find(|w| title.contains(*w))
    {
        (DocKind::Plan, format!("title says {w}"))
    } else if let Some(w) = ["讲话", "致辞"].iter().find(|w| title.contains(*w)) {
        (DocKind::Speech, format!("title says {w}"))
    } else if let Some(w) = ["工作报告", "工作总结", "总结", "工作要点", "思路", "汇报"]
        .iter()
        .find(|w| title.contains(*w))
    {
        (DocKind::WorkReport, format!("title says {w}"))
    } else if evidence.body.starts_with("同志们") {
        (DocKind::Speech, "opens with 同志们".to_owned())
    } else if evidence.front.iter().any(|f| f.text.contains("讲话")) {
        (DocKind::Speech, "dateline says 讲话".to_owned())
    } else {
        (
            DocKind::Article,
            "no title word for a plan, report or speech".to_owned(),
        )
    };
    meta.note("kind", kind.as_str(), &why);
    meta.kind = Some(kind);
}

fn format_date((year, month, day): (i32, Option<u32>, Option<u32>)) -> String {
    match (month, day) {
        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    }
}

fn infer_date(evidence: &Evidence, meta: &mut Meta) {
    let datelines = evidence
        .front
        .iter()
        .filter(|f| f.kind == DropKind::Dateline);
    let candidates = datelines.chain(evidence.web.iter());
    for line in candidates {
        if let Some(date) = find_date(&line.text) {
            let text = format_date(date);
            meta.note("date", &text, &format!("line {}", line.line));
            meta.date = Some(text);
            return;
        }
    }
}

fn infer_issuer(evidence: &Evidence, meta: &mut Meta) {
    let dateline = evidence
        .front
        .iter()
        .filter(|f| matches!(f.kind, DropKind::Dateline | DropKind::Byline));
    for line in dateline {
        if let Some(org) = organisation(&line.text) {
            meta.note("issuer", &org, &format!("line {}", line.line));
            meta.issuer = Some(org);
            return;
        }
    }
    for line in evidence.web {
        if let Some(paper) = line
            .text
            .split_whitespace()
            .find(|w| w.ends_with('报') && w.chars().all(is_han) && w.chars().count() <= 8)
        {
            meta.note(
                "issuer",
                paper,
                &format!("web metadata, line {}", line.line),
            );
            meta.issuer = Some(paper.to_owned());
            return;
        }
    }
    for (line, note) in evidence.bylines {
        if let Some(org) = note.find("作者").and_then(|at| organisation(&note[at..])) {
            meta.note("issuer", &org, &format!("author note, line {line}"));
            meta.issuer = Some(org);
            return;
        }
    }
    if let Some(org) = meta.title.as_deref().and_then(leading_organisation) {
        meta.note("issuer", &org, "start of the title");
        meta.issuer = Some(org);
    }
}

const ORG_ENDINGS: [char; 7] = ['局', '委', '厅', '府', '办', '部', '会'];

/// The first run of Chinese ending in 局/委/厅 … in `text`: `武汉市商务局 2021年9月`
/// → 武汉市商务局; `作者为徐州市商务局党委书记` → 徐州市商务局.
fn organisation(text: &str) -> Option<String> {
    let text = text.trim_start_matches(['作', '者', '为', '系']);
    let run: String = text
        .chars()
        .take_while(|&c| is_han(c) || c == '*')
        .collect();
    let end = run
        .char_indices()
        .find(|&(i, c)| ORG_ENDINGS.contains(&c) && i >= 3)?;
    Some(run[..end.0 + end.1.len_utf8()].to_owned())
}

/// `区商务局2022年工作总结` → 区商务局: an issuer named at the very start of a title.
fn leading_organisation(title: &str) -> Option<String> {
    let head: String = title.chars().take(12).collect();
    let end = head
        .char_indices()
        .find(|&(_, c)| c == '局' || c == '委' || c == '厅')?;
    let org = &head[..end.0 + end.1.len_utf8()];
    org.chars()
        .all(|c| is_han(c) || c == '*')
        .then(|| org.to_owned())
}

/// The place: a gazetteer name in the title, issuer or web metadata; else a X市商务局
/// pattern; else the gazetteer place the body names most, if clearly the most.
fn infer_place(evidence: &Evidence, meta: &mut Meta) {
    let named: Vec<(String, String)> = [
        meta.title.clone().map(|t| (t, "title".to_owned())),
        meta.issuer.clone().map(|t| (t, "issuer".to_owned())),
    ]
    .into_iter()
    .flatten()
    .chain(
        evidence
            .web
            .iter()
            .map(|w| (w.text.clone(), format!("web metadata, line {}", w.line))),
    )
    .chain(
        evidence
            .bylines
            .iter()
            .map(|(l, t)| (t.clone(), format!("author note, line {l}"))),
    )
    .collect();
    for (text, from) in &named {
        if let Some((place, _)) = places::mentions(text).first() {
            set_place(meta, place, from);
            return;
        }
    }
    let (found, province) = places::mentions_and_province(evidence.body);
    if let Some(&(place, count)) = found.first() {
        let runner_up = found.get(1).map_or(0, |f| f.1);
        if count >= 3 && count >= 2 * runner_up {
            set_place(meta, place, &format!("named {count} times in the text"));
            return;
        }
    }
    if let Some(province) = province {
        meta.note("province", province, "most named province in the text");
        meta.province = Some(province.to_owned());
    }
}

fn set_place(meta: &mut Meta, place: &places::Place, from: &str) {
    meta.note("city", place.name, from);
    meta.city = Some(place.name.to_owned());
    meta.city_en = Some(place.english.to_owned());
    meta.province = Some(place.province.to_owned());
    meta.level = Some(place.level);
}

fn apply_sidecar(sidecar: &Sidecar, meta: &mut Meta) {
    macro_rules! take {
        ($field:ident, $value:expr) => {
            if let Some(value) = $value {
                meta.evidence.push(format!(
                    "{}: {:?} (from the sidecar)",
                    stringify!($field),
                    value
                ));
                meta.$field = Some(value);
            }
        };
    }
    if let Some(city) = &sidecar.city {
        // The place inferred from the text no longer applies; keep what the
        // gazetteer knows of the sidecar's city.
        let known = places::lookup(city);
        meta.city_en = known.map(|p| p.english.to_owned());
        meta.province = known.map(|p| p.province.to_owned());
        meta.level = known.map(|p| p.level);
    }
    take!(title, sidecar.title.clone());
    take!(city, sidecar.city.clone());
    take!(city_en, sidecar.city_en.clone());
    take!(province, sidecar.province.clone());
    take!(level, sidecar.level);
    take!(kind, sidecar.kind);
    take!(date, sidecar.date.as_ref().map(DateText::as_string));
    take!(issuer, sidecar.issuer.clone());
}

/// The year a document speaks from, to resolve 今年 and 去年: its date, or else the
/// latest year its title names.
pub fn document_year(meta: &Meta) -> Option<i32> {
    if let Some(year) = meta
        .date
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok())
    {
        return Some(year);
    }
    let title = meta.title.as_deref()?;
    let chars: Vec<char> = title.chars().collect();
    chars
        .windows(5)
        .filter(|w| w[4] == '年' && w[..4].iter().all(|c| c.is_ascii_digit()))
        .filter_map(|w| w[..4].iter().collect::<String>().parse().ok())
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(lines: &[(DropKind, &str)]) -> Vec<FrontLine> {
        lines
            .iter()
            .enumerate()
            .map(|(i, (kind, text))| FrontLine {
                line: i as u32 + 1,
                kind: *kind,
                text: text.to_string(),
            })
            .collect()
    }

    fn run(front_lines: &[(DropKind, &str)], web: &[(DropKind, &str)], body: &str) -> Meta {
        let front = front(front_lines);
        let web = self::front(web);
        let evidence = Evidence {
            front: &front,
            web: &web,
            bylines: &[],
            body,
            has_transcript: false,
        };
        infer(&evidence, &Sidecar::default())
    }

    #[test]
    fn plan_with_dateline() {
        let meta = run(
            &[
                (DropKind::Title, "武汉市商务发展\"十四五\"规划"),
                (DropKind::Dateline, "武汉市商务局 2021年9月"),
            ],
            &[],
            "正文",
        );
        assert_eq!(meta.kind, Some(DocKind::Plan));
        assert_eq!(meta.date.as_deref(), Some("2021-09"));
        assert_eq!(meta.issuer.as_deref(), Some("武汉市商务局"));
        assert_eq!(meta.city.as_deref(), Some("武汉"));
        assert_eq!(meta.province.as_deref(), Some("湖北"));
        assert_eq!(meta.level, Some(Level::PrefectureCity));
    }

    #[test]
    fn newspaper_web_metadata() {
        let meta = run(
            &[(DropKind::Title, "助推“小商品、大市场”")],
            &[(
                DropKind::WebMetadata,
                "2024-07-15 ——摘要 11 11 义乌商报 content_471952.html",
            )],
            "正文",
        );
        assert_eq!(meta.date.as_deref(), Some("2024-07-15"));
        assert_eq!(meta.issuer.as_deref(), Some("义乌商报"));
        assert_eq!(meta.city.as_deref(), Some("义乌"));
    }

    #[test]
    fn work_report_title_names_issuer() {
        let meta = run(
            &[(DropKind::Title, "区商务局2022年工作总结及2023年思路")],
            &[],
            "正文",
        );
        assert_eq!(meta.kind, Some(DocKind::WorkReport));
        assert_eq!(meta.issuer.as_deref(), Some("区商务局"));
        assert_eq!(document_year(&meta), Some(2023));
    }

    #[test]
    fn speech_and_body_city() {
        let meta = run(&[], &[], "同志们：徐州商务，徐州外贸，徐州开放。");
        assert_eq!(meta.kind, Some(DocKind::Speech));
        assert_eq!(meta.city.as_deref(), Some("徐州"));
    }

    #[test]
    fn sidecar_wins() {
        let front = front(&[(DropKind::Title, "武汉市商务发展规划")]);
        let evidence = Evidence {
            front: &front,
            web: &[],
            bylines: &[],
            body: "",
            has_transcript: false,
        };
        let sidecar: Sidecar =
            serde_yaml::from_str("city: 临沂\ndate: 2015\nlevel: prefecture-city").unwrap();
        let meta = infer(&evidence, &sidecar);
        assert_eq!(meta.city.as_deref(), Some("临沂"));
        assert_eq!(meta.date.as_deref(), Some("2015"));
        assert!(serde_yaml::from_str::<Sidecar>("cty: 临沂").is_err());
    }
}
