//! What a talking point is: a reference to one measure, figure, section or paragraph of
//! a brief, with the text it quoted when it was added, so that a later change to the
//! brief can be noticed instead of silently changing what the user collected.

use serde::{Deserialize, Serialize};
use std::time::SystemTime;

use super::clock;
use crate::brief::{Brief, Figure, Measure, Section};
use crate::util::{sha256_hex, strip_blank};

/// The section id BRIEFS.md gives the lead (the text before the first heading).
pub const LEAD_SECTION: &str = "0";

/// How many hex digits of the SHA-256 a fingerprint keeps: 64 bits tell a changed
/// text from the old one with certainty, and stay short in a hand-read file.
const FINGERPRINT_DIGITS: usize = 16;

/// One entry of `talking-points.yaml`.
///
/// `ref`, `note` and `added` are the fields of BRIEFS.md; `paragraph`, `quote` and
/// `fingerprint` are ours, optional on reading so a hand-written file in the plain
/// format still loads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// `<brief id>#<measure id | figure id | section id>`; the lead is section `0`.
    #[serde(rename = "ref")]
    pub reference: String,
    /// For a paragraph: its 0-based index among the paragraphs of the section (for the
    /// lead, among its lines).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    /// The user's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// RFC 3339, UTC: `2026-11-23T09:12:00Z`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub added: String,
    /// The measure text, figure quote, heading or paragraph, verbatim when added.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub quote: String,
    /// [`fingerprint`] of the quoted item's text when added; empty when unknown (a
    /// hand-written entry), in which case the point cannot be found stale.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fingerprint: String,
}

/// The item of a brief a point refers to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target<'a> {
    Measure(&'a Measure),
    Figure(&'a Figure),
    /// A whole section, by its heading (a hand-written `ref` to a section id with no
    /// `paragraph`).
    Section(&'a Section),
    /// One paragraph: of `section`, or of the lead when `section` is `None`.
    Paragraph {
        section: Option<&'a Section>,
        index: usize,
        text: &'a str,
    },
}

impl<'a> Target<'a> {
    /// The text a point quotes and fingerprints.
    pub fn text(&self) -> &'a str {
        match *self {
            Target::Measure(m) => &m.text,
            Target::Figure(f) => &f.quote,
            Target::Section(s) => &s.heading,
            Target::Paragraph { text, .. } => text,
        }
    }

    /// The id after `#` in a reference.
    pub fn item_id(&self) -> &'a str {
        match *self {
            Target::Measure(m) => &m.id,
            Target::Figure(f) => &f.id,
            Target::Section(s) => &s.id,
            Target::Paragraph { section, .. } => section.map_or(LEAD_SECTION, |s| &s.id),
        }
    }

    /// The id of the section the item stands in (`0` for the lead).
    pub fn section_id(&self) -> &'a str {
        match *self {
            Target::Measure(m) => &m.section,
            Target::Figure(f) => &f.section,
            Target::Section(s) => &s.id,
            Target::Paragraph { section, .. } => section.map_or(LEAD_SECTION, |s| &s.id),
        }
    }

    /// The paragraph index a point stores, for a paragraph.
    pub fn paragraph(&self) -> Option<u32> {
        match *self {
            Target::Paragraph { index, .. } => Some(u32::try_from(index).unwrap_or(u32::MAX)),
            _ => None,
        }
    }

    /// The 1-based source line the item starts on, where the brief records one (a
    /// paragraph gives its section's heading line; the lead has none).
    pub fn line(&self) -> Option<u32> {
        match *self {
            Target::Measure(m) => Some(m.line),
            Target::Figure(f) => Some(f.line),
            Target::Section(s) => Some(s.line),
            Target::Paragraph { section, .. } => section.map(|s| s.line),
        }
    }
}

/// The short hex SHA-256 of `text` with white space removed: briefs are compared with
/// their source ignoring white space, and a re-wrapped paragraph is not a changed one.
pub fn fingerprint(text: &str) -> String {
    let mut hex = sha256_hex(strip_blank(text).as_bytes());
    hex.truncate(FINGERPRINT_DIGITS);
    hex
}

/// `<brief id>#<item id>`.
pub fn reference(brief_id: &str, item_id: &str) -> String {
    format!("{brief_id}#{item_id}")
}

/// Splits a reference into brief id and item id; `None` unless both are non-empty.
pub fn split_reference(reference: &str) -> Option<(&str, &str)> {
    let (brief, item) = reference.split_once('#')?;
    (!brief.is_empty() && !item.is_empty()).then_some((brief, item))
}

/// A new point on `target` of `brief`, added at `now`, with no note.
pub fn point_for(brief: &Brief, target: Target<'_>, now: SystemTime) -> Point {
    let quote = target.text();
    Point {
        reference: reference(&brief.id, target.item_id()),
        paragraph: target.paragraph(),
        note: None,
        added: clock::rfc3339(now),
        quote: quote.to_owned(),
        fingerprint: fingerprint(quote),
    }
}

/// The paragraphs of the lead: its lines, as BRIEFS.md separates them.
pub fn lead_paragraphs(brief: &Brief) -> impl Iterator<Item = &str> {
    brief.lead.lines().filter(|line| !line.trim().is_empty())
}

/// Paragraph `index` of the lead (`section` = `None`) or of `section`, as a target.
pub fn paragraph_target<'a>(
    brief: &'a Brief,
    section: Option<&'a Section>,
    index: usize,
) -> Option<Target<'a>> {
    let text = match section {
        None => lead_paragraphs(brief).nth(index)?,
        Some(s) => s.paragraphs.get(index)?.as_str(),
    };
    Some(Target::Paragraph {
        section,
        index,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_white_space_only() {
        assert_eq!(fingerprint("推动 市场\n发展"), fingerprint("推动市场发展"));
        assert_ne!(fingerprint("推动市场发展"), fingerprint("推动市场发展。"));
        assert_eq!(fingerprint("x").len(), FINGERPRINT_DIGITS);
        // sha256("abc") starts ba7816bf8f01cfea (FIPS 180-2 example).
        assert_eq!(fingerprint("a b c"), "ba7816bf8f01cfea");
    }

    #[test]
    fn references_split_on_the_first_hash() {
        assert_eq!(
            split_reference("yiwu-2024-qa#m17"),
            Some(("yiwu-2024-qa", "m17"))
        );
        assert_eq!(split_reference("a#1.2"), Some(("a", "1.2")));
        assert_eq!(split_reference("a#"), None);
        assert_eq!(split_reference("#m1"), None);
        assert_eq!(split_reference("no-hash"), None);
    }

    #[test]
    fn plain_briefs_md_entries_load_and_write_back_unchanged() {
        let yaml =
            "- ref: yiwu-2024-qa#m17\n  note: 可借鉴：展场联动\n  added: 2026-11-23T09:12:00Z\n";
        let points: Vec<Point> = serde_yaml::from_str(yaml).unwrap();
        assert_eq!(points[0].reference, "yiwu-2024-qa#m17");
        assert_eq!(points[0].quote, "");
        assert_eq!(serde_yaml::to_string(&points).unwrap(), yaml);
    }
}
