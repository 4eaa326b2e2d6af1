//! Following a point back into the briefs as they are now, and telling whether the
//! item still says what the user collected.

use std::fmt;

use super::model::{LEAD_SECTION, Point, Target, fingerprint, paragraph_target, split_reference};
use crate::brief::Brief;
use crate::util::strip_blank;

/// What a point refers to in the current briefs.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved<'a> {
    /// The item is there and says what it said when the point was added.
    Found {
        brief: &'a Brief,
        target: Target<'a>,
    },
    /// The brief changed since: `target` is what the point best refers to now (see
    /// [`Stale`]); the point's `quote` keeps the text the user collected.
    Stale {
        brief: &'a Brief,
        target: Target<'a>,
        why: Stale,
    },
    /// Nothing in the briefs holds the point's item or its quoted text.
    Missing {
        /// The brief, when only the item is gone.
        brief: Option<&'a Brief>,
        why: Missing,
    },
}

/// How a point went stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stale {
    /// The item at the point's id has a different text now (edited, or the id was
    /// reused for another item); the quoted text is nowhere else in the brief.
    Changed,
    /// The quoted text is now under another id (`target`); the point's own id names
    /// another text or nothing (the brief was converted again and renumbered).
    Moved,
}

/// Why a point refers to nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// The `ref` is not `<brief id>#<item id>`.
    BadReference,
    /// No loaded brief has this id.
    NoBrief(String),
    /// The brief has no item with this id (or no such paragraph in it), and its quoted
    /// text is nowhere in the brief.
    NoItem(String),
}

impl Resolved<'_> {
    /// True unless the point is found unchanged.
    pub fn is_stale_or_missing(&self) -> bool {
        !matches!(self, Resolved::Found { .. })
    }

    /// The brief the point refers to, when it is loaded.
    pub fn brief(&self) -> Option<&Brief> {
        match self {
            Resolved::Found { brief, .. } | Resolved::Stale { brief, .. } => Some(brief),
            Resolved::Missing { brief, .. } => *brief,
        }
    }

    /// The item the point refers to now, if any.
    pub fn target(&self) -> Option<Target<'_>> {
        match self {
            Resolved::Found { target, .. } | Resolved::Stale { target, .. } => Some(*target),
            Resolved::Missing { .. } => None,
        }
    }
}

impl fmt::Display for Stale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stale::Changed => "the text changed since the point was added",
            Stale::Moved => "the quoted text is now under another id",
        })
    }
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Missing::BadReference => f.write_str("the reference is not <brief id>#<item id>"),
            Missing::NoBrief(id) => write!(f, "no brief {id} is loaded"),
            Missing::NoItem(id) => write!(f, "the brief has no {id} and the quoted text is gone"),
        }
    }
}

/// Follows `point` into `briefs`.
///
/// The point's id is looked up first (a measure, a figure, a section or one of its
/// paragraphs); its fingerprint decides between found and stale. When the id names
/// another text or nothing, the quoted text is looked for among items of the same kind,
/// so a renumbered brief still leads to the right item. A point without a fingerprint
/// (written by hand) is found whenever its id resolves.
pub fn resolve<'a>(briefs: &'a [Brief], point: &Point) -> Resolved<'a> {
    let Some((brief_id, item_id)) = split_reference(&point.reference) else {
        return Resolved::Missing {
            brief: None,
            why: Missing::BadReference,
        };
    };
    let Some(brief) = briefs.iter().find(|b| b.id == brief_id) else {
        return Resolved::Missing {
            brief: None,
            why: Missing::NoBrief(brief_id.to_owned()),
        };
    };
    let current = lookup(brief, item_id, point.paragraph);
    if let Some(target) = current
        && (point.fingerprint.is_empty() || fingerprint(target.text()) == point.fingerprint)
    {
        return Resolved::Found { brief, target };
    }
    let kind = current.map_or_else(|| kind_of(item_id, point.paragraph), Kind::of);
    if let Some(target) = find_quote(brief, kind, point) {
        return Resolved::Stale {
            brief,
            target,
            why: Stale::Moved,
        };
    }
    match current {
        Some(target) => Resolved::Stale {
            brief,
            target,
            why: Stale::Changed,
        },
        None => Resolved::Missing {
            brief: Some(brief),
            why: Missing::NoItem(match point.paragraph {
                Some(p) => format!("paragraph {p} of section {item_id}"),
                None => item_id.to_owned(),
            }),
        },
    }
}

/// The item `item_id` (and `paragraph`) names in `brief`.
pub fn lookup<'a>(brief: &'a Brief, item_id: &str, paragraph: Option<u32>) -> Option<Target<'a>> {
    if let Some(index) = paragraph {
        let index = usize::try_from(index).ok()?;
        if item_id == LEAD_SECTION {
            return paragraph_target(brief, None, index);
        }
        let section = find_section(brief, item_id)?;
        return paragraph_target(brief, Some(section), index);
    }
    if let Some(m) = brief.measures.iter().find(|m| m.id == item_id) {
        return Some(Target::Measure(m));
    }
    if let Some(f) = brief.figures.iter().find(|f| f.id == item_id) {
        return Some(Target::Figure(f));
    }
    find_section(brief, item_id).map(Target::Section)
}

fn find_section<'a>(brief: &'a Brief, id: &str) -> Option<&'a crate::brief::Section> {
    brief
        .sections_in_order()
        .into_iter()
        .map(|(s, _)| s)
        .find(|s| s.id == id)
}

/// The kind of item, which decides where a moved quote is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Measure,
    Figure,
    Section,
    Paragraph,
}

impl Kind {
    fn of(target: Target<'_>) -> Kind {
        match target {
            Target::Measure(_) => Kind::Measure,
            Target::Figure(_) => Kind::Figure,
            Target::Section(_) => Kind::Section,
            Target::Paragraph { .. } => Kind::Paragraph,
        }
    }
}

/// The kind an id that no longer resolves had, from its shape (`m12`, `f3`, `2.1`).
fn kind_of(item_id: &str, paragraph: Option<u32>) -> Kind {
    let numbered = |prefix: char| {
        item_id
            .strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    if paragraph.is_some() {
        Kind::Paragraph
    } else if numbered('m') {
        Kind::Measure
    } else if numbered('f') {
        Kind::Figure
    } else {
        Kind::Section
    }
}

/// The item of `kind` whose text is the point's quote (white space aside).
fn find_quote<'a>(brief: &'a Brief, kind: Kind, point: &Point) -> Option<Target<'a>> {
    if point.quote.trim().is_empty() {
        return None;
    }
    let quote = strip_blank(&point.quote);
    let same = |text: &str| strip_blank(text) == quote;
    match kind {
        Kind::Measure => brief
            .measures
            .iter()
            .find(|m| same(&m.text))
            .map(Target::Measure),
        Kind::Figure => brief
            .figures
            .iter()
            .find(|f| same(&f.quote))
            .map(Target::Figure),
        Kind::Section => brief
            .sections_in_order()
            .into_iter()
            .find(|(s, _)| same(&s.heading))
            .map(|(s, _)| Target::Section(s)),
        Kind::Paragraph => {
            let lead = super::model::lead_paragraphs(brief)
                .enumerate()
                .find(|(_, text)| same(text))
                .and_then(|(i, _)| paragraph_target(brief, None, i));
            lead.or_else(|| {
                brief.sections_in_order().into_iter().find_map(|(s, _)| {
                    let i = s.paragraphs.iter().position(|p| same(p))?;
                    paragraph_target(brief, Some(s), i)
                })
            })
        }
    }
}
