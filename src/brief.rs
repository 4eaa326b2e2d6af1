//! The serde model of a brief (`../shared/BRIEFS.md`, documented in our words in
//! `docs/format.md`). This is the contract between the converter, the checker and the
//! viewer, so it holds data only: no terminal code, no conversion logic.
//!
//! Field names are fixed by the format; fields we added (`dropped`) are optional so
//! hand-written briefs without them still load.

pub mod cache;
pub mod check;
pub mod load;

use serde::{Deserialize, Serialize};

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: u32 = 1;

/// One source document turned into structure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brief {
    pub schema: u32,
    pub id: String,
    pub title: String,
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    pub level: Option<Level>,
    pub kind: DocKind,
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    pub source: Source,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lead: String,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Text the converter took out of the body (page numbers, bylines, web metadata …),
    /// so that `brief check` can verify the coverage rule without re-running the
    /// converter and a reader can see what was removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<Dropped>,
}

/// The administrative level of the place a document is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Municipality,
    PrefectureCity,
    CountyLevelCity,
    District,
}

/// The genre of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    Speech,
    Article,
    Qa,
    WorkReport,
    Plan,
}

impl DocKind {
    pub const ALL: [DocKind; 5] = [
        DocKind::Speech,
        DocKind::Article,
        DocKind::Qa,
        DocKind::WorkReport,
        DocKind::Plan,
    ];

    /// The identifier used in YAML and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Speech => "speech",
            DocKind::Article => "article",
            DocKind::Qa => "qa",
            DocKind::WorkReport => "work-report",
            DocKind::Plan => "plan",
        }
    }
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Municipality => "municipality",
            Level::PrefectureCity => "prefecture-city",
            Level::CountyLevelCity => "county-level-city",
            Level::District => "district",
        }
    }
}

/// Where a brief came from, so every line number can be followed back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Relative to the repository root (the directory that holds `briefs/`).
    pub path: String,
    pub sha256: String,
    pub masked: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Dotted path: "1", "1.2", "1.2.3".
    pub id: String,
    /// Verbatim from the source.
    pub heading: String,
    /// 1-based line of the heading in the source file.
    pub line: u32,
    #[serde(default)]
    pub paragraphs: Vec<String>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Done,
    Planned,
    Ongoing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Planned => "planned",
            Status::Ongoing => "ongoing",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: String,
    pub section: String,
    pub title: String,
    pub text: String,
    pub status: Status,
    pub themes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    #[serde(default)]
    pub figures: Vec<String>,
    pub line: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FigureKind {
    Actual,
    Target,
    Masked,
}

impl FigureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Actual => "actual",
            FigureKind::Target => "target",
            FigureKind::Masked => "masked",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub id: String,
    pub section: String,
    pub metric: String,
    /// As written; `None` when masked with '*'.
    pub value: Option<f64>,
    pub unit: String,
    /// The value in base units (亿元 → 元); `None` when masked.
    pub base: Option<f64>,
    pub base_unit: String,
    pub kind: FigureKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
    pub quote: String,
    pub line: u32,
}

/// A change against an earlier period, e.g. 同比增长22.0% → `{22.0, "%", yoy}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub value: f64,
    pub unit: String,
    pub basis: ChangeBasis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeBasis {
    /// 同比: against the same period a year earlier.
    Yoy,
    /// 环比: against the previous period.
    Mom,
    /// 年均: average yearly growth over a span.
    Annual,
    /// 高于全国平均 X 个百分点: against the national average.
    VsNational,
    /// 增长/下降 without a stated basis.
    Unspecified,
}

/// Text removed from the body, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dropped {
    pub line: u32,
    pub kind: DropKind,
    /// Verbatim from that line of the source.
    pub text: String,
}

/// Why a piece of text is not body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DropKind {
    /// `— 5 —`, `-31 -`: a page number left by PDF extraction.
    PageNumber,
    /// `(下转第四版)`, `(上接第三版)`: a newspaper continuation note.
    Continuation,
    /// `第04版:要闻`: a newspaper page header.
    PageHeader,
    /// `- ` before a line: a list bullet left by PDF extraction.
    Bullet,
    /// CMS fields, file names and markup trailing a web page.
    WebMetadata,
    /// The title line(s), consumed into `title`.
    Title,
    /// A byline, author note or signature, consumed into `issuer`.
    Byline,
    /// An issuer-and-date line, consumed into `issuer` and `date`.
    Dateline,
}

impl DropKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DropKind::PageNumber => "page-number",
            DropKind::Continuation => "continuation",
            DropKind::PageHeader => "page-header",
            DropKind::Bullet => "bullet",
            DropKind::WebMetadata => "web-metadata",
            DropKind::Title => "title",
            DropKind::Byline => "byline",
            DropKind::Dateline => "dateline",
        }
    }
}

impl Brief {
    /// Every section in document order (pre-order), with its depth (1 = top level).
    pub fn sections_in_order(&self) -> Vec<(&Section, usize)> {
        fn walk<'a>(sections: &'a [Section], depth: usize, out: &mut Vec<(&'a Section, usize)>) {
            for s in sections {
                out.push((s, depth));
                walk(&s.sections, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.sections, 1, &mut out);
        out
    }
}

/// One entry of `themes.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
}
