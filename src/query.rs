//! Filters over loaded briefs, shared by the viewer and the command line: which
//! measures and figures match a set of facets (themes, cities, statuses, document
//! kinds) and a text typed incrementally. Answers are indices into the briefs, never
//! copies, and everything a filter compares is precomputed once by [`Index::new`], so
//! a keystroke over 100,000 measures costs milliseconds.

pub mod fold;
pub mod metrics;
pub mod pinyin;
mod search;

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::brief::{Brief, DocKind, FigureKind, Status};
pub use metrics::{MetricGroup, MetricGroups};
use search::{SearchKey, TextQuery};

/// The city shown for a brief that names none.
pub const UNKNOWN_CITY: &str = "未知";

/// Which measures to show. Facets combine with AND; within a facet any value
/// matches; an empty facet does not constrain.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeasureFilter {
    /// Theme ids; a measure matches if it has any of them.
    pub themes: BTreeSet<String>,
    /// City names as in `Brief::city` ([`UNKNOWN_CITY`] for briefs without one).
    pub cities: BTreeSet<String>,
    pub statuses: BTreeSet<Status>,
    /// Kinds of the document the measure stands in.
    pub kinds: BTreeSet<DocKind>,
    /// Incremental text search over title, text and actor: white-space separated
    /// terms that must all be found, each literally (case and full-width forms
    /// aside, bracketed asides seen through) or, when all Latin letters, as pinyin.
    pub text: String,
}

/// Which figures to show; as [`MeasureFilter`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FigureFilter {
    /// A metric: figures of the group it names (by label or wording, see
    /// `metrics.yaml`) and figures whose metric contains it. Empty: any.
    pub metric: String,
    /// A figure's themes are those of the measure quoting it, else those of the
    /// measures around it (see [`Index::new`]).
    pub themes: BTreeSet<String>,
    pub cities: BTreeSet<String>,
    pub kinds: BTreeSet<FigureKind>,
    /// Searched in the metric and the quote, as [`MeasureFilter::text`].
    pub text: String,
}

/// A measure: `briefs[brief].measures[measure]`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub struct MeasureRef {
    pub brief: u32,
    pub measure: u32,
}

/// A figure: `briefs[brief].figures[figure]`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub struct FigureRef {
    pub brief: u32,
    pub figure: u32,
}

/// A column of the figures table, to sort by.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FigureColumn {
    Metric,
    City,
    Period,
    Value,
    Unit,
    Change,
    Kind,
}

impl FigureColumn {
    pub const ALL: [FigureColumn; 7] = [
        FigureColumn::Metric,
        FigureColumn::City,
        FigureColumn::Period,
        FigureColumn::Value,
        FigureColumn::Unit,
        FigureColumn::Change,
        FigureColumn::Kind,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            FigureColumn::Metric => "metric",
            FigureColumn::City => "city",
            FigureColumn::Period => "period",
            FigureColumn::Value => "value",
            FigureColumn::Unit => "unit",
            FigureColumn::Change => "change",
            FigureColumn::Kind => "kind",
        }
    }

    pub fn parse(name: &str) -> Option<FigureColumn> {
        FigureColumn::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// A set of interned theme ids, as a fixed number of 64-bit words per item.
#[derive(Debug, Clone, Default)]
struct ThemeSets {
    words_per_item: usize,
    words: Vec<u64>,
}

impl ThemeSets {
    fn push(&mut self, ids: impl IntoIterator<Item = usize>) {
        let start = self.words.len();
        self.words.resize(start + self.words_per_item, 0);
        for id in ids {
            self.words[start + id / 64] |= 1 << (id % 64);
        }
    }

    fn of(&self, item: usize) -> &[u64] {
        &self.words[item * self.words_per_item..(item + 1) * self.words_per_item]
    }

    fn mask(&self, ids: impl IntoIterator<Item = usize>) -> Vec<u64> {
        let mut mask = vec![0; self.words_per_item];
        for id in ids {
            mask[id / 64] |= 1 << (id % 64);
        }
        mask
    }

    fn intersects(&self, item: usize, mask: &[u64]) -> bool {
        self.of(item).iter().zip(mask).any(|(a, b)| a & b != 0)
    }
}

/// Everything a filter compares, built once from the loaded briefs.
pub struct Index {
    cities: Vec<String>,
    city_of_brief: Vec<u32>,
    kind_of_brief: Vec<DocKind>,
    theme_ids: Vec<String>,
    theme_number: HashMap<String, usize>,
    metrics: MetricGroups,
    measures: Vec<MeasureEntry>,
    measure_themes: ThemeSets,
    figures: Vec<FigureEntry>,
    figure_themes: ThemeSets,
    /// Where each brief's figures start in `figures`.
    figure_start: Vec<usize>,
}

struct MeasureEntry {
    at: MeasureRef,
    city: u32,
    status: Status,
    key: SearchKey,
}

struct FigureEntry {
    at: FigureRef,
    city: u32,
    kind: FigureKind,
    group: Option<usize>,
    metric: Box<str>,
    key: SearchKey,
}

impl Index {
    /// Indexes `briefs` (which the answers index into) with `metrics` for grouping
    /// figures. A figure's themes are those of the measures that list it; a figure no
    /// measure lists takes the themes of the measures in its section and the
    /// sections below it, or failing those of the nearest enclosing section that
    /// has measures.
    pub fn new(briefs: &[Brief], metrics: &MetricGroups) -> Index {
        let mut cities: Vec<String> = Vec::new();
        let mut city_of_brief = Vec::with_capacity(briefs.len());
        for brief in briefs {
            let name = brief
                .city
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .unwrap_or(UNKNOWN_CITY);
            let id = match cities.iter().position(|c| c == name) {
                Some(id) => id,
                None => {
                    cities.push(name.to_owned());
                    cities.len() - 1
                }
            };
            city_of_brief.push(id as u32);
        }
        let theme_ids: Vec<String> = briefs
            .iter()
            .flat_map(|b| b.measures.iter().flat_map(|m| m.themes.iter().cloned()))
            .collect::<BTreeSet<String>>()
            .into_iter()
            .collect();
        let theme_number: HashMap<String, usize> = theme_ids
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i))
            .collect();
        let words_per_item = theme_ids.len().div_ceil(64).max(1);
        let mut measure_themes = ThemeSets {
            words_per_item,
            words: Vec::new(),
        };
        let mut figure_themes = measure_themes.clone();
        let mut measures = Vec::new();
        let mut figures = Vec::new();
        let mut figure_start = Vec::with_capacity(briefs.len());
        for (b, brief) in briefs.iter().enumerate() {
            let city = city_of_brief[b];
            for (m, measure) in brief.measures.iter().enumerate() {
                measure_themes.push(measure.themes.iter().map(|t| theme_number[t]));
                measures.push(MeasureEntry {
                    at: MeasureRef {
                        brief: b as u32,
                        measure: m as u32,
                    },
                    city,
                    status: measure.status,
                    key: SearchKey::new(&measure_search_text(measure)),
                });
            }
            figure_start.push(figures.len());
            let themes = figure_theme_ids(brief, &theme_number);
            for (f, figure) in brief.figures.iter().enumerate() {
                figure_themes.push(themes[f].iter().copied());
                figures.push(FigureEntry {
                    at: FigureRef {
                        brief: b as u32,
                        figure: f as u32,
                    },
                    city,
                    kind: figure.kind,
                    group: metrics.group_of_figure(figure),
                    metric: fold::fold(&figure.metric).into_boxed_str(),
                    key: SearchKey::new(&format!("{}\n{}", figure.metric, figure.quote)),
                });
            }
        }
        Index {
            cities,
            city_of_brief,
            kind_of_brief: briefs.iter().map(|b| b.kind).collect(),
            theme_ids,
            theme_number,
            metrics: metrics.clone(),
            measures,
            measure_themes,
            figures,
            figure_themes,
            figure_start,
        }
    }

    /// The measures that pass `filter`, in brief order, then measure order.
    pub fn measures(&self, filter: &MeasureFilter) -> Vec<MeasureRef> {
        let cities = self.city_mask(&filter.cities);
        let kinds = self.brief_mask(&filter.kinds);
        let themes = self.theme_mask(&filter.themes, &self.measure_themes);
        let query = TextQuery::new(&filter.text);
        self.measures
            .iter()
            .enumerate()
            .filter(|(i, m)| {
                cities.as_ref().is_none_or(|c| c[m.city as usize])
                    && kinds.as_ref().is_none_or(|k| k[m.at.brief as usize])
                    && (filter.statuses.is_empty() || filter.statuses.contains(&m.status))
                    && themes
                        .as_ref()
                        .is_none_or(|t| self.measure_themes.intersects(*i, t))
                    && (query.is_empty() || query.matches(&m.key))
            })
            .map(|(_, m)| m.at)
            .collect()
    }

    /// The figures that pass `filter`, in brief order, then figure order.
    pub fn figures(&self, filter: &FigureFilter) -> Vec<FigureRef> {
        let cities = self.city_mask(&filter.cities);
        let themes = self.theme_mask(&filter.themes, &self.figure_themes);
        let query = TextQuery::new(&filter.text);
        let metric = MetricQuery::new(&filter.metric, &self.metrics);
        self.figures
            .iter()
            .enumerate()
            .filter(|(i, f)| {
                cities.as_ref().is_none_or(|c| c[f.city as usize])
                    && (filter.kinds.is_empty() || filter.kinds.contains(&f.kind))
                    && themes
                        .as_ref()
                        .is_none_or(|t| self.figure_themes.intersects(*i, t))
                    && metric.as_ref().is_none_or(|m| m.matches(f))
                    && (query.is_empty() || query.matches(&f.key))
            })
            .map(|(_, f)| f.at)
            .collect()
    }

    /// The distinct cities, in the order of the first brief about each;
    /// [`UNKNOWN_CITY`] stands for briefs that name none.
    pub fn cities(&self) -> &[String] {
        &self.cities
    }

    /// The city of `briefs[brief]`, as listed in [`Index::cities`].
    pub fn city_of(&self, brief: u32) -> &str {
        self.city_of_brief
            .get(brief as usize)
            .map_or(UNKNOWN_CITY, |&c| self.cities[c as usize].as_str())
    }

    /// How many of `hits` each city has, for every city in [`Index::cities`] order
    /// (zero included, so columns line up across calls).
    pub fn count_by_city(&self, hits: &[MeasureRef]) -> Vec<(String, usize)> {
        let mut counts = vec![0usize; self.cities.len()];
        for hit in hits {
            if let Some(&city) = self.city_of_brief.get(hit.brief as usize) {
                counts[city as usize] += 1;
            }
        }
        self.cities.iter().cloned().zip(counts).collect()
    }

    /// For every theme id that some measure has (sorted by id), how many measures
    /// each city has under it, in [`Index::cities`] order, zeros included.
    pub fn theme_counts(&self) -> Vec<(String, Vec<(String, usize)>)> {
        let mut counts = vec![vec![0usize; self.cities.len()]; self.theme_ids.len()];
        for (i, m) in self.measures.iter().enumerate() {
            for (w, &word) in self.measure_themes.of(i).iter().enumerate() {
                let mut bits = word;
                while bits != 0 {
                    let theme = w * 64 + bits.trailing_zeros() as usize;
                    counts[theme][m.city as usize] += 1;
                    bits &= bits - 1;
                }
            }
        }
        self.theme_ids
            .iter()
            .zip(counts)
            .map(|(id, row)| (id.clone(), self.cities.iter().cloned().zip(row).collect()))
            .collect()
    }

    /// The metric group (an index into the [`MetricGroups`] given to `new`) of a figure.
    pub fn metric_group(&self, figure: FigureRef) -> Option<usize> {
        self.figure_entry(figure).and_then(|f| f.group)
    }

    /// The label of a metric group, for tables.
    pub fn metric_label(&self, group: usize) -> &str {
        self.metrics.label(group)
    }

    /// The theme ids that some measure has, sorted.
    pub fn theme_ids(&self) -> &[String] {
        &self.theme_ids
    }

    fn figure_entry(&self, figure: FigureRef) -> Option<&FigureEntry> {
        let start = *self.figure_start.get(figure.brief as usize)?;
        self.figures
            .get(start + figure.figure as usize)
            .filter(|f| f.at == figure)
    }

    /// Which cities pass, by city number; `None` when the facet is empty.
    fn city_mask(&self, names: &BTreeSet<String>) -> Option<Vec<bool>> {
        (!names.is_empty()).then(|| self.cities.iter().map(|c| names.contains(c)).collect())
    }

    /// Which briefs pass the kinds facet; `None` when it is empty.
    fn brief_mask(&self, kinds: &BTreeSet<DocKind>) -> Option<Vec<bool>> {
        (!kinds.is_empty()).then(|| {
            self.kind_of_brief
                .iter()
                .map(|k| kinds.contains(k))
                .collect()
        })
    }

    /// The theme mask of the facet; `None` when it is empty. Ids no measure has
    /// contribute nothing, so a facet of only such ids matches nothing.
    fn theme_mask(&self, ids: &BTreeSet<String>, sets: &ThemeSets) -> Option<Vec<u64>> {
        (!ids.is_empty())
            .then(|| sets.mask(ids.iter().filter_map(|t| self.theme_number.get(t).copied())))
    }
}

/// What a measure's text search looks in: title, text and actor, on separate lines
/// so that no match spans two of them.
fn measure_search_text(measure: &crate::brief::Measure) -> String {
    let mut text = String::with_capacity(measure.title.len() + measure.text.len() + 2);
    text.push_str(&measure.title);
    text.push('\n');
    text.push_str(&measure.text);
    if let Some(actor) = &measure.actor {
        text.push('\n');
        text.push_str(actor);
    }
    text
}

/// The theme numbers of each figure of `brief` (see [`Index::new`]).
fn figure_theme_ids(brief: &Brief, theme_number: &HashMap<String, usize>) -> Vec<BTreeSet<usize>> {
    let numbers = |m: &crate::brief::Measure| -> Vec<usize> {
        m.themes
            .iter()
            .filter_map(|t| theme_number.get(t).copied())
            .collect()
    };
    let mut listed: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    for measure in &brief.measures {
        for id in &measure.figures {
            listed
                .entry(id.as_str())
                .or_default()
                .extend(numbers(measure));
        }
    }
    // Themes of the measures in each section and the sections below it.
    let mut under: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    for measure in &brief.measures {
        let mut section = measure.section.as_str();
        loop {
            under.entry(section).or_default().extend(numbers(measure));
            match section.rfind('.') {
                Some(dot) => section = &section[..dot],
                None => break,
            }
        }
    }
    brief
        .figures
        .iter()
        .map(|figure| {
            if let Some(themes) = listed.get(figure.id.as_str()) {
                return themes.clone();
            }
            let mut section = figure.section.as_str();
            loop {
                if let Some(themes) = under.get(section) {
                    return themes.clone();
                }
                match section.rfind('.') {
                    Some(dot) => section = &section[..dot],
                    None => return BTreeSet::new(),
                }
            }
        })
        .collect()
}

/// The metric facet of a figure filter, compiled.
struct MetricQuery {
    folded: String,
    group: Option<usize>,
}

impl MetricQuery {
    fn new(metric: &str, groups: &MetricGroups) -> Option<MetricQuery> {
        let folded = fold::fold(metric.trim());
        if folded.is_empty() {
            return None;
        }
        let group = (0..groups.len())
            .find(|&g| fold::fold(groups.label(g)) == folded)
            .or_else(|| groups.group_of(metric));
        Some(MetricQuery { folded, group })
    }

    fn matches(&self, figure: &FigureEntry) -> bool {
        (self.group.is_some() && figure.group == self.group)
            || figure.metric.contains(self.folded.as_str())
    }
}

/// Sorts `hits` by a column of the figures table, keeping the present order among
/// equals. Figures without a value (masked) or without the column's datum sort
/// last in either direction: they are unknown, not zero. Values compare in base
/// units (`Figure::base`), so 2645亿元 is above 762.9亿元 and 600万美元 below both.
pub fn sort_figures(
    hits: &mut [FigureRef],
    briefs: &[Brief],
    index: &Index,
    by: FigureColumn,
    descending: bool,
) {
    let figure = |r: &FigureRef| {
        briefs
            .get(r.brief as usize)
            .and_then(|b| b.figures.get(r.figure as usize))
    };
    let order = |o: Ordering| if descending { o.reverse() } else { o };
    // Known values in the chosen direction; unknown ones after them.
    let known_first = |a: Option<Ordering>, b_known: bool, a_known: bool| match (a_known, b_known) {
        (true, true) => order(a.unwrap_or(Ordering::Equal)),
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => Ordering::Equal,
    };
    hits.sort_by(|a, b| {
        let (fa, fb) = (figure(a), figure(b));
        match by {
            FigureColumn::Value => {
                let (va, vb) = (fa.and_then(|f| f.base), fb.and_then(|f| f.base));
                known_first(
                    va.zip(vb).map(|(x, y)| x.total_cmp(&y)),
                    vb.is_some(),
                    va.is_some(),
                )
            }
            FigureColumn::Change => {
                let value = |f: Option<&crate::brief::Figure>| {
                    f.and_then(|f| f.change.as_ref()).map(|c| c.value)
                };
                let (va, vb) = (value(fa), value(fb));
                known_first(
                    va.zip(vb).map(|(x, y)| x.total_cmp(&y)),
                    vb.is_some(),
                    va.is_some(),
                )
            }
            FigureColumn::Period => {
                let (pa, pb) = (
                    fa.and_then(|f| f.period.as_deref()),
                    fb.and_then(|f| f.period.as_deref()),
                );
                known_first(
                    pa.zip(pb).map(|(x, y)| x.cmp(y)),
                    pb.is_some(),
                    pa.is_some(),
                )
            }
            FigureColumn::Metric => {
                let label = |r: &FigureRef, f: Option<&crate::brief::Figure>| match index
                    .metric_group(*r)
                {
                    Some(g) => index.metric_label(g).to_owned(),
                    None => f.map(|f| f.metric.clone()).unwrap_or_default(),
                };
                order(label(a, fa).cmp(&label(b, fb)))
            }
            FigureColumn::City => order(index.city_of(a.brief).cmp(index.city_of(b.brief))),
            FigureColumn::Unit => order(fa.map(|f| &f.base_unit).cmp(&fb.map(|f| &f.base_unit))),
            FigureColumn::Kind => {
                let rank = |f: Option<&crate::brief::Figure>| f.map(|f| f.kind as u8);
                order(rank(fa).cmp(&rank(fb)))
            }
        }
    });
}
