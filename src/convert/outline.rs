//! Outline: folds scanned paragraphs into a section tree and finds the items that
//! become measures.
//!
//! Levels follow the document, not a fixed table: a heading family nests under the
//! families already open, in the order the document first uses them, and a family
//! seen again closes everything opened since (a stack, as a reader sees it). Items
//! belong to the section that first held items of their kind, so a `——` item after a
//! 专栏 box goes back to the section around the box.

use super::clean::Paragraph;
use super::markers::MarkerKind;
use super::scan::{Block, Family, InlineItem, classify, inline_items, lead_sentence_end};

/// A section under construction. Paragraph indices point into `Outline::paragraphs`.
#[derive(Debug, Clone)]
pub struct Node {
    pub heading: String,
    pub line: u32,
    pub family: Family,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub paragraphs: Vec<usize>,
    /// The item kind whose items this section holds.
    pub owns: Option<MarkerKind>,
    /// The speaker, for an answer in a transcript.
    pub actor: Option<String>,
    /// True when the section's heading came from a long item (`第一，…。`), which
    /// then is a measure of its own unless it holds an inline enumeration.
    pub from_item: bool,
}

/// A stretch of body text that is one measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The section it belongs to; `None` for the lead.
    pub node: Option<usize>,
    /// Where its text lies: `(paragraph, start, end)` byte ranges, in order; an item
    /// that became a section heading spans the heading and the paragraph after it.
    pub spans: Vec<(usize, usize, usize)>,
    /// The measure text (marker removed).
    pub text: String,
    pub marker: &'static str,
    pub line: u32,
    /// Set when the sentence introducing an enumeration says it lists problems
    /// (主要存在四方面不足：一是…): the items are not measures.
    pub problem: Option<&'static str>,
}

#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub paragraphs: Vec<Paragraph>,
    /// Paragraphs before the first heading.
    pub lead: Vec<usize>,
    pub nodes: Vec<Node>,
    pub roots: Vec<usize>,
    pub items: Vec<Item>,
}

/// Builds the outline of a cleaned document.
pub fn build(paragraphs: Vec<Paragraph>) -> Outline {
    let dash_document = paragraphs
        .iter()
        .filter(|p| p.text.starts_with("——"))
        .count()
        >= 2;
    let mut builder = Builder::default();
    for paragraph in paragraphs {
        let block = classify(&paragraph, dash_document);
        builder.add(paragraph, block);
    }
    builder.outline
}

#[derive(Default)]
struct Builder {
    outline: Outline,
    current: Option<usize>,
}

impl Builder {
    fn add(&mut self, paragraph: Paragraph, block: Block) {
        match block {
            Block::Heading {
                family,
                split,
                actor,
            } => {
                self.heading(paragraph, family, split, actor);
            }
            Block::Item { marker } => self.item(paragraph, marker.kind, marker.len),
            Block::Plain => {
                let index = self.push_paragraph(paragraph);
                self.inline_measures(index);
            }
        }
    }

    fn push_paragraph(&mut self, paragraph: Paragraph) -> usize {
        let index = self.outline.paragraphs.len();
        self.outline.paragraphs.push(paragraph);
        match self.current {
            Some(node) => self.outline.nodes[node].paragraphs.push(index),
            None => self.outline.lead.push(index),
        }
        index
    }

    /// Opens a section for a heading and puts any text after the heading into it.
    fn heading(
        &mut self,
        paragraph: Paragraph,
        family: Family,
        split: usize,
        actor: Option<String>,
    ) -> Option<usize> {
        let parent = self.parent_for(family);
        let (heading, rest) = split_paragraph(paragraph, split);
        let node = self.outline.nodes.len();
        self.outline.nodes.push(Node {
            heading: heading.0,
            line: heading.1,
            family,
            parent,
            children: Vec::new(),
            paragraphs: Vec::new(),
            owns: None,
            actor,
            from_item: false,
        });
        match parent {
            Some(p) => self.outline.nodes[p].children.push(node),
            None => self.outline.roots.push(node),
        }
        self.current = Some(node);
        let rest_index = rest.map(|rest| self.push_paragraph(rest));
        if let Some(index) = rest_index {
            self.inline_measures(index);
        }
        rest_index
    }

    /// The parent of a new heading: the parent of an open section of the same family
    /// (the new one is its sibling), or else the current section.
    fn parent_for(&self, family: Family) -> Option<usize> {
        let mut cursor = self.current;
        while let Some(node) = cursor {
            if self.outline.nodes[node].family == family {
                return self.outline.nodes[node].parent;
            }
            cursor = self.outline.nodes[node].parent;
        }
        self.current
    }

    /// Places an item: back in the section that holds items of its kind; a sibling
    /// section when it continues a series of item-sections; a section of its own when
    /// it carries an inline enumeration; otherwise a measure where it stands.
    fn item(&mut self, paragraph: Paragraph, kind: MarkerKind, marker_len: usize) {
        let family = Family::Marker(kind);
        let mut cursor = self.current;
        while let Some(node) = cursor {
            let n = &self.outline.nodes[node];
            if n.family == family && n.from_item {
                let lead = Lead::of(&paragraph.text, marker_len);
                return self.item_section(paragraph, kind, marker_len, lead);
            }
            if n.owns == Some(kind) {
                self.current = Some(node);
                break;
            }
            cursor = n.parent;
        }
        let lead = Lead::of(&paragraph.text, marker_len);
        // A section's paragraphs come before its children, so an item that returns to
        // a section after a child (a box) opens a section of its own, in order.
        let after_children = self
            .current
            .is_some_and(|n| !self.outline.nodes[n].children.is_empty());
        if after_children || lead.has_enumeration {
            return self.item_section(paragraph, kind, marker_len, lead);
        }
        if let Some(node) = self.current {
            self.outline.nodes[node].owns.get_or_insert(kind);
        }
        // 一是…。二是…。 on one line: the line starts an enumeration of siblings.
        let inline_kind = matches!(
            kind,
            MarkerKind::Shi | MarkerKind::Circled | MarkerKind::ArabicParen
        );
        let found_items = if inline_kind {
            inline_items(&paragraph.text, 0)
        } else {
            Vec::new()
        };
        if found_items.len() >= 2 {
            let index = self.push_paragraph(paragraph);
            self.measures_of(index, found_items);
            return;
        }
        let line = paragraph.first_line();
        let text = paragraph.text.get(marker_len..).unwrap_or("").to_owned();
        let end = paragraph.text.len();
        let index = self.push_paragraph(paragraph);
        self.outline.items.push(Item {
            node: self.current,
            spans: vec![(index, marker_len, end)],
            text,
            marker: kind.as_str(),
            line,
            problem: None,
        });
    }

    /// An item that opens a section: its lead sentence is the heading.
    fn item_section(
        &mut self,
        paragraph: Paragraph,
        kind: MarkerKind,
        marker_len: usize,
        lead: Lead,
    ) {
        let line = paragraph.first_line();
        let text = paragraph.text.get(marker_len..).unwrap_or("").to_owned();
        let rest = self.heading(paragraph, Family::Marker(kind), lead.end, None);
        let Some(node) = self.current else { return };
        self.outline.nodes[node].from_item = true;
        if lead.has_enumeration {
            return;
        }
        let mut spans = Vec::new();
        if let Some(index) = rest {
            spans.push((index, 0, self.outline.paragraphs[index].text.len()));
        }
        self.outline.items.push(Item {
            node: Some(node),
            spans,
            text,
            marker: kind.as_str(),
            line,
            problem: None,
        });
    }

    /// Every item of an inline enumeration in a paragraph is a measure.
    fn inline_measures(&mut self, index: usize) {
        let found_items = inline_items(&self.outline.paragraphs[index].text, 0);
        self.measures_of(index, found_items);
    }

    /// The measures of paragraph `index`, whose inline items are `found_items`.
    fn measures_of(&mut self, index: usize, found_items: Vec<InlineItem>) {
        let paragraph = &self.outline.paragraphs[index];
        let problem = found_items
            .first()
            .and_then(|first| introduces_problems(&paragraph.text[..first.start]));
        for found in found_items {
            let text = paragraph.text[found.body..found.end].trim_end().to_owned();
            if text.is_empty() {
                continue;
            }
            self.outline.items.push(Item {
                node: self.current,
                spans: vec![(index, found.body, found.body + text.len())],
                line: paragraph.line_at(found.start),
                text,
                marker: found.kind.as_str(),
                problem,
            });
        }
    }
}

/// Where an item's lead sentence ends, and whether an inline enumeration follows
/// it: worked out once per item, as the paragraph may be long.
#[derive(Clone, Copy)]
struct Lead {
    end: usize,
    has_enumeration: bool,
}

impl Lead {
    fn of(text: &str, marker_len: usize) -> Lead {
        let end = lead_sentence_end(text, marker_len);
        Lead {
            end,
            has_enumeration: !inline_items(text, end).is_empty(),
        }
    }
}

/// The problem word in the sentence just before an enumeration, if any.
fn introduces_problems(before: &str) -> Option<&'static str> {
    let sentence_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let sentence = &before[sentence_start..];
    ["不足", "问题", "短板", "困难", "瓶颈", "挑战", "差距"]
        .into_iter()
        .find(|w| sentence.contains(w))
}

/// Splits a paragraph at byte `split` into the heading `(text, line)` and the body
/// paragraph after it, if any.
fn split_paragraph(paragraph: Paragraph, split: usize) -> ((String, u32), Option<Paragraph>) {
    let split = split.min(paragraph.text.len());
    let line = paragraph.first_line();
    let (Some(head), Some(tail)) = (paragraph.text.get(..split), paragraph.text.get(split..))
    else {
        return ((paragraph.text, line), None);
    };
    let heading = (head.to_owned(), line);
    if tail.trim().is_empty() {
        return (heading, None);
    }
    let skip = tail.len() - tail.trim_start().len();
    let starts = paragraph
        .starts
        .iter()
        .filter(|&&(offset, _line)| offset >= split + skip)
        .map(|&(offset, line)| (offset - split - skip, line))
        .collect::<Vec<_>>();
    let mut rest_starts = vec![(0, paragraph.line_at(split + skip))];
    rest_starts.extend(starts.into_iter().filter(|&(offset, _)| offset > 0));
    (
        heading,
        Some(Paragraph {
            text: tail.trim_start().to_owned(),
            starts: rest_starts,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::clean::clean;

    fn outline(source: &str) -> Outline {
        let lines: Vec<&str> = source.split('\n').collect();
        build(clean(&lines).paragraphs)
    }

    fn tree(o: &Outline) -> Vec<(usize, String)> {
        fn walk(o: &Outline, nodes: &[usize], depth: usize, out: &mut Vec<(usize, String)>) {
            for &n in nodes {
                out.push((depth, o.nodes[n].heading.clone()));
                walk(o, &o.nodes[n].children, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        walk(o, &o.roots, 1, &mut out);
        out
    }

    #[test]
    fn levels_follow_first_use() {
        let o = outline(
            "一、总体要求\n（一）指导思想\n正文。\n（二）基本原则\n二、主要任务\n（一）优化供给\n1.总体定位\n正文。",
        );
        let t = tree(&o);
        let depths: Vec<usize> = t.iter().map(|(d, _)| *d).collect();
        assert_eq!(depths, vec![1, 2, 2, 1, 2, 3]);
    }

    #[test]
    fn a_plan_may_start_with_parenthesised_numbers() {
        let o = outline("（一）指导思想\n1.总体定位\n（二）基本原则\n一、这一层在下面");
        let depths: Vec<usize> = tree(&o).iter().map(|(d, _)| *d).collect();
        assert_eq!(depths, vec![1, 2, 1, 2]);
    }

    #[test]
    fn items_and_inline_items_become_measures() {
        let o = outline(
            "导语。\n一、主要工作\n一是推动市场发展稳中向好。加快建设全球数贸中心。\n二是推动数字贸易持续迭代。出台政策。\n说明段落：一是扶优，开展评选；二是扶强，给予奖励。",
        );
        let texts: Vec<&str> = o.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "推动市场发展稳中向好。加快建设全球数贸中心。",
                "推动数字贸易持续迭代。出台政策。",
                "扶优，开展评选；",
                "扶强，给予奖励。"
            ]
        );
        assert!(o.items.iter().all(|i| i.node == Some(0)));
        assert!(o.items.iter().all(|i| i.problem.is_none()));
    }

    #[test]
    fn a_line_starting_an_enumeration_gives_one_measure_per_item() {
        let o = outline("一、外贸\n一是推动外贸稳中提质。二是拓展新兴市场。\n三是培育外贸主体。");
        let texts: Vec<&str> = o.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(
            texts,
            vec!["推动外贸稳中提质。", "拓展新兴市场。", "培育外贸主体。"]
        );
    }

    #[test]
    fn enumerated_problems_are_marked() {
        let o = outline(
            "一、物流\n我们做了很多。当前主要存在四方面不足:一是集群化发展不足;二是基础设施支撑保障不足。\n在政策方面。一是扶优;二是扶强。",
        );
        let problems: Vec<Option<&str>> = o.items.iter().map(|i| i.problem).collect();
        assert_eq!(problems, vec![Some("不足"), Some("不足"), None, None]);
    }

    #[test]
    fn speech_points_with_enumerations_become_sections() {
        let o = outline(
            "同志们：\n第一，在发展方向上，要坚持“三化并举”。当前形势如此。一是坚持国际化。二是坚持集约化。\n第二，要搞好“三个整合”。要整合市场资源。要整合行政资源。",
        );
        let t = tree(&o);
        assert_eq!(
            t,
            vec![
                (1, "第一，在发展方向上，要坚持“三化并举”。".to_owned()),
                (1, "第二，要搞好“三个整合”。".to_owned())
            ]
        );
        // 第一 holds two inline measures; 第二 has none inside, so it is one itself.
        let texts: Vec<&str> = o.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "坚持国际化。",
                "坚持集约化。",
                "要搞好“三个整合”。要整合市场资源。要整合行政资源。"
            ]
        );
        assert_eq!(o.lead.len(), 1);
    }

    #[test]
    fn dash_items_return_to_their_section_after_a_box() {
        let o = outline(
            "（一）优化供给\n——优化商业网点。依托现有商业中心。\n专栏 1 商业网点优化布局专项\n1.优化市级商业中心。依托中心城区。\n——完善基础设施。加强建设。",
        );
        let t = tree(&o);
        // The second dash item cannot join (一)'s paragraphs after the box without
        // breaking document order, so it opens a section beside the box.
        assert_eq!(
            t,
            vec![
                (1, "（一）优化供给".to_owned()),
                (2, "专栏1商业网点优化布局专项".to_owned()),
                (2, "——完善基础设施。".to_owned())
            ]
        );
        let nodes: Vec<Option<usize>> = o.items.iter().map(|i| i.node).collect();
        assert_eq!(nodes, vec![Some(0), Some(1), Some(2)]);
    }

    #[test]
    fn transcript_nests_questioner_question_answer() {
        let o = outline(
            "提问代表:方豪龙(书记)\n【整体情况】请问如何？\n副市长罗祖盘答:主要做了以下工作:\n一是推动市场发展。加快建设。\n追问:请问商务局？\n商务局答:我们将继续。\n提问代表:曹小明(总经理)",
        );
        let depths: Vec<(usize, String)> = tree(&o);
        let d: Vec<usize> = depths.iter().map(|x| x.0).collect();
        assert_eq!(d, vec![1, 2, 3, 2, 3, 1]);
        assert_eq!(o.nodes[2].actor.as_deref(), Some("副市长罗祖盘"));
        assert_eq!(o.items[0].node, Some(2));
    }

    #[test]
    fn split_keeps_line_numbers() {
        let p = Paragraph {
            text: "【整体情况】去年".to_owned(),
            starts: vec![(0, 7)],
        };
        let (head, rest) = split_paragraph(p, "【整体情况】".len());
        assert_eq!(head, ("【整体情况】".to_owned(), 7));
        let rest = rest.unwrap();
        assert_eq!(rest.text, "去年");
        assert_eq!(rest.first_line(), 7);
    }
}
