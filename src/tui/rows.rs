//! A prepared document laid out at one width: the rows a text pane scrolls through.
//! Built from the blocks with our Chinese-aware wrapping, once per width.

use super::doc::{BlockKind, Doc};
use crate::text::wrap;

/// One screen row of a text pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// `block.text[start..end]`.
    Text {
        block: usize,
        start: usize,
        end: usize,
    },
    /// The tag line above a measure: status, title, themes.
    MeasureTag {
        block: usize,
        measure: usize,
    },
    /// The line under the title: place, kind, date, issuer.
    Meta,
    Blank,
}

impl Row {
    pub fn block(self) -> Option<usize> {
        match self {
            Row::Text { block, .. } | Row::MeasureTag { block, .. } => Some(block),
            Row::Meta | Row::Blank => None,
        }
    }
}

/// The rows of a document at a width, and where each block begins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    pub width: usize,
    pub rows: Vec<Row>,
    /// For each block, the index of its first row.
    pub block_start: Vec<usize>,
}

impl Rows {
    pub fn layout(doc: &Doc, width: usize) -> Rows {
        let mut rows = Vec::new();
        let mut block_start = Vec::with_capacity(doc.blocks.len());
        for (index, block) in doc.blocks.iter().enumerate() {
            if matches!(block.kind, BlockKind::Heading { .. }) && !rows.is_empty() {
                rows.push(Row::Blank);
            }
            block_start.push(rows.len());
            if let BlockKind::Measure { index: measure } = block.kind {
                rows.push(Row::MeasureTag {
                    block: index,
                    measure,
                });
            }
            for line in wrap(&block.text, width) {
                rows.push(Row::Text {
                    block: index,
                    start: line.start,
                    end: line.end,
                });
            }
            match block.kind {
                BlockKind::Title => {
                    rows.push(Row::Meta);
                    rows.push(Row::Blank);
                }
                BlockKind::Heading { .. } => {}
                BlockKind::Paragraph | BlockKind::Measure { .. } => rows.push(Row::Blank),
            }
        }
        Rows {
            width,
            rows,
            block_start,
        }
    }

    /// The block shown on row `row` or, for a blank row, the one before it.
    pub fn block_at(&self, row: usize) -> usize {
        self.block_start
            .partition_point(|&start| start <= row)
            .saturating_sub(1)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::load::parse_brief;
    use crate::text::AmbiguousWidth;
    use std::path::Path;

    #[test]
    fn every_block_starts_somewhere_and_rows_fit() {
        let brief = parse_brief(
            Path::new("w.yaml"),
            include_str!("../../briefs/wuhan-2021-plan.yaml"),
        )
        .unwrap();
        let doc = Doc::build(&brief, AmbiguousWidth::Narrow);
        for width in [1, 20, 76, 200] {
            let rows = Rows::layout(&doc, width);
            assert_eq!(rows.block_start.len(), doc.blocks.len());
            assert!(rows.block_start.windows(2).all(|w| w[0] <= w[1]));
            for row in &rows.rows {
                if let Row::Text { block, start, end } = *row {
                    let text = &doc.blocks[block].text[start..end];
                    assert!(
                        crate::text::width(text) <= width.max(2),
                        "{text:?} at {width}"
                    );
                }
            }
            let last = rows.block_start[doc.blocks.len() - 1];
            assert_eq!(rows.block_at(last), doc.blocks.len() - 1);
        }
    }
}
