//! A brief prepared for reading: a flat list of blocks (title, headings, paragraphs,
//! measures) in document order, with the figures located inside them, and the
//! outline that points into the blocks. Built once per brief; wrapping to a width is
//! a separate, cached step, so scrolling and resizing never rebuild this.

use crate::brief::Brief;
use crate::text::{AmbiguousWidth, prepare};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    Title,
    /// A heading at `depth` (1 = top level).
    Heading {
        depth: usize,
    },
    Paragraph,
    /// The measure at this index of `brief.measures`.
    Measure {
        index: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Display text: control characters already made visible.
    pub text: String,
    /// The outline entry this block belongs to (`None` before the first heading).
    pub entry: Option<usize>,
    /// `(start, end, figure index)`: byte ranges of figure values in `text`.
    pub figures: Vec<(usize, usize, usize)>,
    /// The source line the block starts on, where known.
    pub line: Option<u32>,
    /// For a paragraph: the section it stands in ("0" for the lead) and its index
    /// among that section's paragraphs, so it can be collected as a talking point.
    pub origin: Option<(String, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineEntry {
    pub id: String,
    pub heading: String,
    pub depth: usize,
    /// The block of the heading.
    pub block: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub blocks: Vec<Block>,
    pub outline: Vec<OutlineEntry>,
    /// For each figure of the brief, the block it was found in (if found).
    pub figure_blocks: Vec<Option<usize>>,
    /// For each measure of the brief, its block.
    pub measure_blocks: Vec<Option<usize>>,
    setting: AmbiguousWidth,
}

impl Doc {
    /// Prepares `brief` for display with ambiguous-width characters handled as `setting`.
    pub fn build(brief: &Brief, setting: AmbiguousWidth) -> Doc {
        let mut doc = Doc {
            setting,
            blocks: Vec::new(),
            outline: Vec::new(),
            figure_blocks: vec![None; brief.figures.len()],
            measure_blocks: vec![None; brief.measures.len()],
        };
        doc.push(BlockKind::Title, &brief.title, None, None);
        // The lead's paragraphs are its non-blank lines, as talking points count them.
        let lead: Vec<&str> = brief
            .lead
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        doc.section_body(brief, "0", &lead, None, None);
        for (section, depth) in brief.sections_in_order() {
            let entry = doc.outline.len();
            let block = doc.push(
                BlockKind::Heading { depth },
                &section.heading,
                Some(entry),
                Some(section.line),
            );
            doc.outline.push(OutlineEntry {
                id: section.id.clone(),
                heading: prepare(&section.heading, doc.setting).into_owned(),
                depth,
                block,
            });
            let paragraphs: Vec<&str> = section.paragraphs.iter().map(String::as_str).collect();
            doc.section_body(
                brief,
                &section.id,
                &paragraphs,
                Some(entry),
                Some(section.line),
            );
        }
        doc.locate_figures(brief);
        doc
    }

    fn push(
        &mut self,
        kind: BlockKind,
        text: &str,
        entry: Option<usize>,
        line: Option<u32>,
    ) -> usize {
        self.blocks.push(Block {
            kind,
            text: prepare(text, self.setting).into_owned(),
            entry,
            figures: Vec::new(),
            line,
            origin: None,
        });
        self.blocks.len() - 1
    }

    /// Paragraphs of one section, with its measures cut out as blocks of their own
    /// where their text stands.
    fn section_body(
        &mut self,
        brief: &Brief,
        id: &str,
        paragraphs: &[&str],
        entry: Option<usize>,
        line: Option<u32>,
    ) {
        let mut measures = brief
            .measures
            .iter()
            .enumerate()
            .filter(|(_, m)| m.section == id)
            .peekable();
        for (number, paragraph) in paragraphs.iter().enumerate() {
            let origin = Some((id.to_owned(), number));
            let mut rest: &str = paragraph;
            while let Some(&(index, measure)) = measures.peek() {
                let Some(at) = rest.find(measure.text.as_str()) else {
                    break;
                };
                // The item's own marker (一是, 1., ——) stays with it rather than
                // ending the paragraph before it.
                let (before, marker) = split_trailing_marker(rest[..at].trim());
                if !before.is_empty() {
                    let block = self.push(BlockKind::Paragraph, before, entry, line);
                    self.blocks[block].origin = origin.clone();
                }
                let text = format!("{marker}{}", measure.text);
                let block = self.push(
                    BlockKind::Measure { index },
                    &text,
                    entry,
                    Some(measure.line),
                );
                self.measure_blocks[index] = Some(block);
                rest = &rest[at + measure.text.len()..];
                measures.next();
            }
            if !rest.trim().is_empty() {
                let block = self.push(BlockKind::Paragraph, rest.trim(), entry, line);
                self.blocks[block].origin = origin;
            }
        }
        // A measure whose text was not found in a paragraph (a hand-edited brief)
        // still shows, after its section's text.
        for (index, measure) in measures {
            let block = self.push(
                BlockKind::Measure { index },
                &measure.text,
                entry,
                Some(measure.line),
            );
            self.measure_blocks[index] = Some(block);
        }
    }

    /// Finds each figure's quote in the blocks of its section, in order, and marks
    /// the number and unit inside it.
    fn locate_figures(&mut self, brief: &Brief) {
        let mut cursor = 0;
        for (index, figure) in brief.figures.iter().enumerate() {
            let quote = prepare(&figure.quote, self.setting);
            let found = (cursor..self.blocks.len())
                .chain(0..cursor)
                .find_map(|b| self.blocks[b].text.find(quote.as_ref()).map(|at| (b, at)));
            let Some((block, at)) = found else { continue };
            let (start, end) = value_range(&quote);
            self.blocks[block]
                .figures
                .push((at + start, at + end, index));
            self.figure_blocks[index] = Some(block);
            cursor = block;
        }
        for block in &mut self.blocks {
            block.figures.sort_unstable();
        }
    }
}

/// `当前形势如此。一是` → (`当前形势如此。`, `一是`): a marker at the end of `text`.
fn split_trailing_marker(text: &str) -> (&str, &str) {
    for (at, _) in text.char_indices().rev().take(6) {
        let suffix = &text[at..];
        if is_marker(suffix) {
            return (text[..at].trim_end(), suffix);
        }
    }
    (text, "")
}

/// True when `text` is nothing but an outline marker.
fn is_marker(text: &str) -> bool {
    use crate::convert::markers::marker_at;
    // Markers are recognised before content, so try the marker with a character after.
    let probe = format!("{text}中");
    !text.is_empty() && text.len() <= 16 && marker_at(&probe).is_some_and(|m| m.len == text.len())
}

/// The part of a quote to highlight: from its first digit (or masking `*`) to the
/// end, so `年内完成市场板块招商蓄客4000家` lights up `4000家`.
pub fn value_range(quote: &str) -> (usize, usize) {
    let start = quote
        .char_indices()
        .find(|(_, c)| c.is_ascii_digit() || ('０'..='９').contains(c) || *c == '*')
        .map_or(0, |(i, _)| i);
    (start, quote.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::load::parse_brief;
    use std::path::Path;

    fn yiwu() -> Brief {
        let text = include_str!("../../briefs/yiwu-2024-qa.yaml");
        parse_brief(Path::new("yiwu.yaml"), text).unwrap()
    }

    #[test]
    fn blocks_follow_the_document() {
        let brief = yiwu();
        let doc = Doc::build(&brief, AmbiguousWidth::Narrow);
        assert_eq!(doc.blocks[0].kind, BlockKind::Title);
        assert_eq!(doc.outline.len(), brief.sections_in_order().len());
        let first_heading = &doc.blocks[doc.outline[0].block];
        assert!(first_heading.text.starts_with("提问代表"));
        // Every measure got a block, in order.
        let blocks: Vec<usize> = doc.measure_blocks.iter().map(|b| b.unwrap()).collect();
        assert!(blocks.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(
            doc.blocks[blocks[0]].text,
            format!("一是{}", brief.measures[0].text)
        );
        assert!(
            doc.blocks.iter().all(|b| b.text != "四是"),
            "markers stay with their items"
        );
    }

    #[test]
    fn figures_are_found_and_marked_at_their_value() {
        let brief = yiwu();
        let doc = Doc::build(&brief, AmbiguousWidth::Narrow);
        let found = doc.figure_blocks.iter().filter(|b| b.is_some()).count();
        assert_eq!(found, brief.figures.len(), "every figure quote is located");
        let block = &doc.blocks[doc.figure_blocks[0].unwrap()];
        let (start, end, _) = block.figures[0];
        assert_eq!(&block.text[start..end], "2645.0亿元,同比增长22.0%");
    }

    #[test]
    fn trailing_markers_split_off() {
        assert_eq!(
            split_trailing_marker("当前形势如此。一是"),
            ("当前形势如此。", "一是")
        );
        assert_eq!(split_trailing_marker("四是"), ("", "四是"));
        assert_eq!(split_trailing_marker("1."), ("", "1."));
        assert_eq!(split_trailing_marker("普通的句子。"), ("普通的句子。", ""));
    }

    #[test]
    fn value_range_starts_at_the_number() {
        let quote = "年内完成市场板块招商蓄客4000家";
        let (start, end) = value_range(quote);
        assert_eq!(&quote[start..end], "4000家");
        let masked = "杭州已发展电商*万户";
        assert_eq!(&masked[value_range(masked).0..], "*万户");
    }
}
