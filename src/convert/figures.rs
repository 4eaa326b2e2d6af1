//! Figures: numbers with a unit and what they measure, found in a piece of body text.
//! (Interface fixed; implementation in progress.)

use crate::brief::{Change, FigureKind};

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
pub fn extract(_text: &str, _ctx: &FigureContext) -> Extraction {
    Extraction::default()
}
