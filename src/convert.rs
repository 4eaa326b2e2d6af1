//! Text → Brief, as a pipeline of small passes: decode (bytes → text), clean (lines →
//! paragraphs, artifacts dropped), scan + outline (paragraphs → sections and items),
//! measures (status, title, actor), figures, themes, meta. `assemble` puts the
//! results into the serde model and records why each decision was taken, which
//! `brief convert --explain` prints.

pub mod batch;
pub mod clean;
pub mod decode;
pub mod explain;
pub mod figures;
pub mod markers;
pub mod measures;
pub mod meta;
pub mod outline;
pub mod places;
pub mod scan;

use crate::brief::{
    Brief, DocKind, Dropped, Figure, FigureKind, Measure, SCHEMA_VERSION, Section, Source, Status,
};
use crate::themes::Taxonomy;
use explain::Explain;
use measures::Reasoned;
use outline::Outline;
use scan::Family;

/// What a conversion needs besides the bytes.
pub struct Input<'a> {
    /// The source path as it goes into `source.path` (relative to the repository root).
    pub source_path: String,
    /// The file stem, used for the id when the place and year are unknown.
    pub stem: String,
    pub sidecar: meta::Sidecar,
    pub taxonomy: &'a Taxonomy,
    /// Record the `--explain` report (slower).
    pub explain: bool,
}

/// A converted document and the account of how.
pub struct Conversion {
    pub brief: Brief,
    pub explain: Explain,
}

/// Converts one source document. Fails only when the bytes are not text.
pub fn convert(bytes: &[u8], input: &Input) -> Result<Conversion, decode::DecodeError> {
    let decoded = decode::decode(bytes)?;
    let lines = decode::lines(&decoded.text);
    let clean::Cleaned {
        paragraphs,
        dropped,
        front,
        web,
        layout,
    } = clean::clean(&lines);
    let mut explain = Explain::new(
        &input.source_path,
        decoded.encoding,
        lines.len(),
        input.explain,
    );
    if explain.enabled {
        explain.layout = layout;
    }
    let mut outline = outline::build(paragraphs);
    let items = std::mem::take(&mut outline.items);
    let meta = infer_meta(&outline, &front, &web, &dropped, input);
    if explain.enabled {
        explain.meta = meta.evidence.clone();
    }
    let kind = meta.kind.unwrap_or(DocKind::Article);
    let ids = section_ids(&outline);
    let contexts = NodeContexts::new(&outline, kind);
    let mut brief = Brief {
        schema: SCHEMA_VERSION,
        id: brief_id(&meta, input),
        title: meta
            .title
            .clone()
            .unwrap_or_else(|| fallback_title(&outline, &input.stem)),
        city: meta.city.clone(),
        city_en: meta.city_en.clone(),
        province: meta.province.clone(),
        level: meta.level,
        kind,
        date: meta.date.clone(),
        issuer: meta.issuer.clone(),
        source: Source {
            path: input.source_path.clone(),
            sha256: crate::util::sha256_hex(bytes),
            masked: false,
        },
        lead: outline
            .lead
            .iter()
            .map(|&p| outline.paragraphs[p].text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        sections: Vec::new(),
        measures: Vec::new(),
        figures: Vec::new(),
        dropped: sorted_dropped(dropped),
    };
    explain.sections(&outline, &ids);
    let mut measures = build_measures(
        &outline,
        items,
        &ids,
        &contexts,
        input.taxonomy,
        &mut explain,
    );
    let figures = build_figures(
        &outline,
        &ids,
        &contexts,
        &measures,
        meta::document_year(&meta),
        &mut explain,
    );
    link_figures(&outline, &mut measures, &figures);
    // Last, so the paragraph texts can move into the brief instead of being copied.
    let roots = std::mem::take(&mut outline.roots);
    brief.sections = build_sections(&mut outline, &roots, &ids);
    brief.source.masked = is_masked(&brief);
    brief.measures = measures.into_iter().map(|m| m.measure).collect();
    brief.figures = figures.into_iter().map(|f| f.figure).collect();
    if explain.enabled {
        explain.dropped = brief.dropped.clone();
    }
    Ok(Conversion { brief, explain })
}

fn infer_meta(
    outline: &Outline,
    front: &[clean::FrontLine],
    web: &[clean::FrontLine],
    dropped: &[Dropped],
    input: &Input,
) -> meta::Meta {
    let mut body = String::new();
    for &p in &outline.lead {
        body.push_str(&outline.paragraphs[p].text);
    }
    for node in &outline.nodes {
        body.push_str(&node.heading);
    }
    // The place a document is about shows in its first pages; reading further only
    // costs time on very long files.
    const META_SAMPLE: usize = 256 * 1024;
    for paragraph in &outline.paragraphs {
        if body.len() > META_SAMPLE {
            break;
        }
        body.push_str(&paragraph.text);
    }
    let bylines: Vec<(u32, String)> = dropped
        .iter()
        .filter(|d| d.kind == crate::brief::DropKind::Byline)
        .map(|d| (d.line, d.text.clone()))
        .collect();
    let has_transcript = outline
        .nodes
        .iter()
        .any(|n| matches!(n.family, Family::Answer | Family::Questioner));
    let evidence = meta::Evidence {
        front,
        web,
        bylines: &bylines,
        body: &body,
        has_transcript,
    };
    meta::infer(&evidence, &input.sidecar)
}

/// `yiwu-2024-qa`: place, year and kind when known, else the source file's stem.
fn brief_id(meta: &meta::Meta, input: &Input) -> String {
    if let Some(id) = &input.sidecar.id {
        return id.clone();
    }
    let place = meta.city_en.as_deref().map(slug).filter(|s| !s.is_empty());
    let Some(place) = place else {
        return slug(&input.stem);
    };
    let year = meta::document_year(meta)
        .map(|y| format!("-{y}"))
        .unwrap_or_default();
    let kind = meta.kind.unwrap_or(DocKind::Article).as_str();
    format!("{place}{year}-{kind}")
}

/// Lowercase ASCII letters, digits and single hyphens: the id alphabet of the format.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-').to_owned();
    if trimmed.is_empty() {
        "brief".to_owned()
    } else {
        trimmed
    }
}

fn fallback_title(outline: &Outline, stem: &str) -> String {
    outline
        .roots
        .first()
        .map(|&n| outline.nodes[n].heading.clone())
        .unwrap_or_else(|| stem.to_owned())
}

fn is_masked(brief: &Brief) -> bool {
    brief.lead.contains('*')
        || brief
            .sections_in_order()
            .iter()
            .any(|(s, _)| s.heading.contains('*') || s.paragraphs.iter().any(|p| p.contains('*')))
}

fn sorted_dropped(mut dropped: Vec<Dropped>) -> Vec<Dropped> {
    dropped.sort_by_key(|d| d.line);
    dropped
}

/// Dotted ids ("1", "1.2") for every node, in the order of `outline.nodes`.
fn section_ids(outline: &Outline) -> Vec<String> {
    fn walk(outline: &Outline, nodes: &[usize], prefix: &str, ids: &mut [String]) {
        for (i, &node) in nodes.iter().enumerate() {
            let id = if prefix.is_empty() {
                format!("{}", i + 1)
            } else {
                format!("{prefix}.{}", i + 1)
            };
            walk(outline, &outline.nodes[node].children, &id, ids);
            ids[node] = id;
        }
    }
    let mut ids = vec![String::new(); outline.nodes.len()];
    walk(outline, &outline.roots, "", &mut ids);
    ids
}

/// The section tree, taking the headings and paragraph texts out of `outline`.
fn build_sections(outline: &mut Outline, nodes: &[usize], ids: &[String]) -> Vec<Section> {
    nodes
        .iter()
        .map(|&n| {
            let children = std::mem::take(&mut outline.nodes[n].children);
            let paragraphs = std::mem::take(&mut outline.nodes[n].paragraphs)
                .into_iter()
                .map(|p| std::mem::take(&mut outline.paragraphs[p].text))
                .collect();
            Section {
                id: ids[n].clone(),
                heading: std::mem::take(&mut outline.nodes[n].heading),
                line: outline.nodes[n].line,
                paragraphs,
                sections: build_sections(outline, &children, ids),
            }
        })
        .collect()
}

/// What each section's place in the document says about the text in it, computed
/// once per document so each item and paragraph asks in time proportional to its depth.
struct NodeContexts<'a> {
    outline: &'a Outline,
    kind: DocKind,
    /// For each paragraph: the latest lead-in (主要做了以下工作, 下一步 …) before it in
    /// its own section or the lead.
    lead_in_before: Vec<Option<Reasoned<Status>>>,
    /// For each section: the last lead-in among its paragraphs.
    last_lead_in: Vec<Option<Reasoned<Status>>>,
    /// For each section: the status its heading sets, and whether it lists problems.
    heading_status: Vec<Option<Reasoned<Status>>>,
    problem: Vec<Option<&'static str>>,
}

/// The status of text at a place, or the reason it holds no measures.
enum Context {
    Status(Reasoned<Status>),
    Problem(String),
}

impl<'a> NodeContexts<'a> {
    fn new(outline: &'a Outline, kind: DocKind) -> Self {
        let mut lead_in_before = vec![None; outline.paragraphs.len()];
        let mut scan = |paragraphs: &[usize]| {
            let mut latest: Option<Reasoned<Status>> = None;
            for &p in paragraphs {
                lead_in_before[p] = latest.clone();
                if let Some(found) = measures::lead_in_status(&outline.paragraphs[p].text) {
                    latest = Some(found);
                }
            }
            latest
        };
        scan(&outline.lead);
        let last_lead_in = outline.nodes.iter().map(|n| scan(&n.paragraphs)).collect();
        NodeContexts {
            outline,
            kind,
            lead_in_before,
            last_lead_in,
            heading_status: outline
                .nodes
                .iter()
                .map(|n| measures::heading_status(&n.heading))
                .collect(),
            problem: outline
                .nodes
                .iter()
                .map(|n| measures::is_problem_heading(&n.heading))
                .collect(),
        }
    }

    /// Walks from `node` outwards: a problem heading rules out measures; the nearest
    /// lead-in before paragraph `at`, or else heading, sets the status. An empty `why`
    /// means nothing around the text said.
    fn at(&self, node: Option<usize>, at: usize) -> Context {
        let own = self.lead_in_before.get(at).cloned().flatten();
        let mut status = own;
        let mut cursor = node;
        let mut first = true;
        while let Some(n) = cursor {
            let section = &self.outline.nodes[n];
            if let Some(word) = self.problem[n] {
                return Context::Problem(format!("under «{}» ({word})", section.heading));
            }
            if status.is_none() {
                let lead_in = if first {
                    None
                } else {
                    self.last_lead_in[n].clone()
                };
                status = lead_in.or_else(|| self.heading_status[n].clone());
            }
            first = false;
            cursor = section.parent;
        }
        Context::Status(status.unwrap_or_else(|| Reasoned {
            value: measures::default_status(self.kind).value,
            why: String::new(),
        }))
    }

    fn headings(&self, node: Option<usize>) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut cursor = node;
        while let Some(n) = cursor {
            out.push(self.outline.nodes[n].heading.as_str());
            cursor = self.outline.nodes[n].parent;
        }
        out.reverse();
        out
    }

    fn actor(&self, node: Option<usize>) -> Option<String> {
        let mut cursor = node;
        while let Some(n) = cursor {
            if let Some(actor) = &self.outline.nodes[n].actor {
                return Some(actor.clone());
            }
            cursor = self.outline.nodes[n].parent;
        }
        None
    }
}

/// A measure with where its text lies, to attach figures to it.
struct Placed {
    measure: Measure,
    spans: Vec<(usize, usize, usize)>,
}

fn section_id(ids: &[String], node: Option<usize>) -> String {
    node.map_or_else(|| "0".to_owned(), |n| ids[n].clone())
}

fn build_measures(
    outline: &Outline,
    mut items: Vec<outline::Item>,
    ids: &[String],
    contexts: &NodeContexts,
    taxonomy: &Taxonomy,
    explain: &mut Explain,
) -> Vec<Placed> {
    items.sort_by_key(|i| {
        (
            i.line,
            i.spans.first().map_or((usize::MAX, 0), |s| (s.0, s.1)),
        )
    });
    let mut placed = Vec::new();
    for item in items {
        let first_paragraph = item.spans.first().map_or(usize::MAX, |s| s.0);
        if let Some(word) = item.problem {
            explain.not_measure(
                item.line,
                &measures::title(&item.text),
                &format!("listed as a problem ({word})"),
            );
            continue;
        }
        let status = match contexts.at(item.node, first_paragraph) {
            Context::Problem(why) => {
                explain.not_measure(item.line, &measures::title(&item.text), &why);
                continue;
            }
            Context::Status(by_place) => {
                let lead_in = inline_lead_in(outline, &item);
                choose_status(lead_in.unwrap_or(by_place), &item.text, contexts.kind)
            }
        };
        let title = measures::title(&item.text);
        let headings = contexts.headings(item.node);
        let matches = taxonomy.classify(&title, &item.text, &headings);
        let actor = contexts
            .actor(item.node)
            .or_else(|| measures::actor_in_text(&item.text));
        let measure = Measure {
            id: format!("m{}", placed.len() + 1),
            section: section_id(ids, item.node),
            title,
            text: item.text,
            status: status.value,
            themes: matches.iter().map(|m| m.id.clone()).collect(),
            actor,
            figures: Vec::new(),
            line: item.line,
        };
        explain.measure(&measure, item.marker, &status.why, &matches);
        placed.push(Placed {
            measure,
            spans: item.spans,
        });
    }
    placed
}

/// For an item inside a paragraph (一是… after 下一步，), a lead-in earlier in that
/// paragraph.
fn inline_lead_in(outline: &Outline, item: &outline::Item) -> Option<Reasoned<Status>> {
    let &(paragraph, start, _) = item.spans.first()?;
    let before = outline.paragraphs[paragraph].text.get(..start)?;
    measures::lead_in_status(before)
}

/// A status from the item's place wins; without one, its wording; then the default
/// for the kind of document.
fn choose_status(by_place: Reasoned<Status>, text: &str, kind: DocKind) -> Reasoned<Status> {
    if !by_place.why.is_empty() {
        return by_place;
    }
    measures::verb_status(text).unwrap_or_else(|| measures::default_status(kind))
}

struct PlacedFigure {
    figure: Figure,
    paragraph: usize,
    start: usize,
    end: usize,
}

fn build_figures(
    outline: &Outline,
    ids: &[String],
    contexts: &NodeContexts,
    measures: &[Placed],
    doc_year: Option<i32>,
    explain: &mut Explain,
) -> Vec<PlacedFigure> {
    let owners = paragraph_owners(outline);
    let by_paragraph = measures_by_paragraph(outline, measures);
    let mut out = Vec::new();
    for (index, paragraph) in outline.paragraphs.iter().enumerate() {
        let node = owners[index];
        let default_kind = match contexts.at(node, index) {
            Context::Status(s) if s.value == Status::Planned => FigureKind::Target,
            Context::Status(s) if s.why.is_empty() && contexts.kind == DocKind::Plan => {
                FigureKind::Target
            }
            _ => FigureKind::Actual,
        };
        let ctx = figures::FigureContext {
            doc_year,
            default_kind,
        };
        let ctx = measure_context(
            by_paragraph[index]
                .first()
                .map(|&m| measures[m].measure.status),
            ctx,
        );
        let extraction = figures::extract(&paragraph.text, &ctx);
        for skipped in &extraction.skipped {
            explain.skipped(
                paragraph.line_at(skipped.start),
                paragraph.text.get(skipped.start..skipped.end).unwrap_or(""),
                skipped.why,
            );
        }
        for found in extraction.figures {
            let Some(quote) = paragraph.text.get(found.start..found.end) else {
                continue;
            };
            let figure = Figure {
                id: format!("f{}", out.len() + 1),
                section: section_id(ids, node),
                metric: found.metric.clone(),
                value: found.value,
                unit: found.unit.clone(),
                base: found.base,
                base_unit: found.base_unit.clone(),
                kind: found.kind,
                qualifier: found.qualifier.clone(),
                period: found.period.clone(),
                change: found.change.clone(),
                quote: quote.to_owned(),
                line: paragraph.line_at(found.start),
            };
            explain.figure(&figure, &found.reason);
            out.push(PlacedFigure {
                figure,
                paragraph: index,
                start: found.start,
                end: found.end,
            });
        }
    }
    out
}

/// A paragraph inside a planned measure quotes targets even in a results section.
fn measure_context(status: Option<Status>, ctx: figures::FigureContext) -> figures::FigureContext {
    match status {
        Some(Status::Planned) => figures::FigureContext {
            default_kind: FigureKind::Target,
            ..ctx
        },
        Some(Status::Done) => figures::FigureContext {
            default_kind: FigureKind::Actual,
            ..ctx
        },
        _ => ctx,
    }
}

/// The section each paragraph sits in (`None` for the lead).
fn paragraph_owners(outline: &Outline) -> Vec<Option<usize>> {
    let mut owners = vec![None; outline.paragraphs.len()];
    for (n, node) in outline.nodes.iter().enumerate() {
        for &p in &node.paragraphs {
            owners[p] = Some(n);
        }
    }
    owners
}

/// For each paragraph, the measures whose text lies in it.
fn measures_by_paragraph(outline: &Outline, measures: &[Placed]) -> Vec<Vec<usize>> {
    let mut index = vec![Vec::new(); outline.paragraphs.len()];
    for (m, placed) in measures.iter().enumerate() {
        for span in &placed.spans {
            index[span.0].push(m);
        }
    }
    index
}

fn link_figures(outline: &Outline, measures: &mut [Placed], figures: &[PlacedFigure]) {
    let by_paragraph = measures_by_paragraph(outline, measures);
    for figure in figures {
        for &m in &by_paragraph[figure.paragraph] {
            let inside = measures[m].spans.iter().any(|&(p, start, end)| {
                figure.paragraph == p && figure.start >= start && figure.end <= end
            });
            if inside {
                measures[m].measure.figures.push(figure.figure.id.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Xi'an"), "xi-an");
        assert_eq!(slug("004_1a21150ede4e59bb"), "004-1a21150ede4e59bb");
        assert_eq!(slug("一二三"), "brief");
    }
}
