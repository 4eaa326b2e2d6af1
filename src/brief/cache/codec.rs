//! The cache's binary form of a brief: fields in declaration order, lengths and
//! integers as LEB128, floats as their 8 bytes, enums as one byte, and the bytes of
//! every string together after the rest, so that decoding checks UTF-8 once for the
//! whole brief rather than once per string (most strings are short ids, for which the
//! per-call cost dominates). No field names, so
//! every change to the model must change this file: `encode` takes each struct apart
//! field by field, without `..`, so a new field is a compile error here until it is
//! encoded — then bump `VERSION`, which makes every existing pack unreadable.
//!
//! `decode` trusts nothing: every length is checked against the bytes left before
//! anything is allocated, strings are checked for UTF-8, and sections nest at most
//! `MAX_DEPTH` deep, so a corrupt pack gives an error, never a panic or a huge
//! allocation.

use crate::brief::{
    Brief, Change, ChangeBasis, DocKind, DropKind, Dropped, Figure, FigureKind, Level, Measure,
    Section, Source, Status,
};

/// The version of this encoding; part of every pack's header.
pub const VERSION: u32 = 2;

/// Deeper section trees are not cached. YAML cannot nest them this deep anyway
/// (serde_yaml stops at 128 levels, about 60 levels of sections).
const MAX_DEPTH: usize = 100;

/// Why bytes are not a brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Corrupt;

/// The binary form of `brief`; `None` if its sections nest deeper than `MAX_DEPTH`.
pub fn encode(brief: &Brief) -> Option<Vec<u8>> {
    let mut w = Writer::default();
    let Brief {
        schema,
        id,
        title,
        city,
        city_en,
        province,
        level,
        kind,
        date,
        issuer,
        source,
        lead,
        sections,
        measures,
        figures,
        dropped,
    } = brief;
    w.uint(u64::from(*schema));
    w.str(id);
    w.str(title);
    w.opt_str(city.as_deref());
    w.opt_str(city_en.as_deref());
    w.opt_str(province.as_deref());
    w.opt_tag(level.map(level_tag));
    w.tag(kind_tag(*kind));
    w.opt_str(date.as_deref());
    w.opt_str(issuer.as_deref());
    let Source {
        path,
        sha256,
        masked,
    } = source;
    w.str(path);
    w.str(sha256);
    w.bool(*masked);
    w.str(lead);
    w.sections(sections, 0)?;
    w.uint(measures.len() as u64);
    for measure in measures {
        w.measure(measure);
    }
    w.uint(figures.len() as u64);
    for figure in figures {
        w.figure(figure);
    }
    w.uint(dropped.len() as u64);
    for Dropped { line, kind, text } in dropped {
        w.uint(u64::from(*line));
        w.tag(drop_tag(*kind));
        w.str(text);
    }
    Some(w.finish())
}

/// The brief encoded in `bytes`, which must hold exactly one.
pub fn decode(bytes: &[u8]) -> Result<Brief> {
    let mut r = Reader::new(bytes)?;
    let brief = r.brief()?;
    r.finish()?;
    Ok(brief)
}

/// The structure in `out`, the bytes of the strings in `heap`.
#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    heap: Vec<u8>,
}

impl Writer {
    /// The length of the structure, the structure, then the strings.
    fn finish(self) -> Vec<u8> {
        let mut head = Writer::default();
        head.uint(self.out.len() as u64);
        let mut bytes = head.out;
        bytes.reserve(self.out.len() + self.heap.len());
        bytes.extend_from_slice(&self.out);
        bytes.extend_from_slice(&self.heap);
        bytes
    }

    fn uint(&mut self, mut n: u64) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.out.push(byte);
                return;
            }
            self.out.push(byte | 0x80);
        }
    }

    fn tag(&mut self, tag: u8) {
        self.out.push(tag);
    }

    fn bool(&mut self, b: bool) {
        self.out.push(u8::from(b));
    }

    fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.heap.extend_from_slice(s.as_bytes());
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.out.push(1);
                self.str(s);
            }
            None => self.out.push(0),
        }
    }

    /// An optional enum: 0 for none, else its tag plus one.
    fn opt_tag(&mut self, tag: Option<u8>) {
        self.out.push(tag.map_or(0, |t| t + 1));
    }

    fn f64(&mut self, x: f64) {
        self.out.extend_from_slice(&x.to_le_bytes());
    }

    fn opt_f64(&mut self, x: Option<f64>) {
        match x {
            Some(x) => {
                self.out.push(1);
                self.f64(x);
            }
            None => self.out.push(0),
        }
    }

    fn strs(&mut self, items: &[String]) {
        self.uint(items.len() as u64);
        for item in items {
            self.str(item);
        }
    }

    fn sections(&mut self, sections: &[Section], depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.uint(sections.len() as u64);
        for section in sections {
            let Section {
                id,
                heading,
                line,
                paragraphs,
                sections,
            } = section;
            self.str(id);
            self.str(heading);
            self.uint(u64::from(*line));
            self.strs(paragraphs);
            self.sections(sections, depth + 1)?;
        }
        Some(())
    }

    fn measure(&mut self, measure: &Measure) {
        let Measure {
            id,
            section,
            title,
            text,
            status,
            themes,
            actor,
            figures,
            line,
        } = measure;
        self.str(id);
        self.str(section);
        self.str(title);
        self.str(text);
        self.tag(status_tag(*status));
        self.strs(themes);
        self.opt_str(actor.as_deref());
        self.strs(figures);
        self.uint(u64::from(*line));
    }

    fn figure(&mut self, figure: &Figure) {
        let Figure {
            id,
            section,
            metric,
            value,
            unit,
            base,
            base_unit,
            kind,
            qualifier,
            period,
            change,
            quote,
            line,
        } = figure;
        self.str(id);
        self.str(section);
        self.str(metric);
        self.opt_f64(*value);
        self.str(unit);
        self.opt_f64(*base);
        self.str(base_unit);
        self.tag(figure_kind_tag(*kind));
        self.opt_str(qualifier.as_deref());
        self.opt_str(period.as_deref());
        match change {
            Some(Change { value, unit, basis }) => {
                self.out.push(1);
                self.f64(*value);
                self.str(unit);
                self.tag(basis_tag(*basis));
            }
            None => self.out.push(0),
        }
        self.str(quote);
        self.uint(u64::from(*line));
    }
}

struct Reader<'a> {
    /// The structure.
    bytes: &'a [u8],
    at: usize,
    /// The strings, checked for UTF-8 once.
    heap: &'a str,
    heap_at: usize,
}

type Result<T> = std::result::Result<T, Corrupt>;

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Result<Reader<'a>> {
        let mut head = Reader {
            bytes,
            at: 0,
            heap: "",
            heap_at: 0,
        };
        let len = head.count()?;
        let start = head.at;
        let structure = bytes.get(start..start + len).ok_or(Corrupt)?;
        let heap = bytes.get(start + len..).ok_or(Corrupt)?;
        Ok(Reader {
            bytes: structure,
            at: 0,
            heap: std::str::from_utf8(heap).map_err(|_| Corrupt)?,
            heap_at: 0,
        })
    }

    /// Both parts read to their ends: anything left means these are not our bytes.
    fn finish(&self) -> Result<()> {
        if self.at == self.bytes.len() && self.heap_at == self.heap.len() {
            Ok(())
        } else {
            Err(Corrupt)
        }
    }

    fn byte(&mut self) -> Result<u8> {
        let byte = *self.bytes.get(self.at).ok_or(Corrupt)?;
        self.at += 1;
        Ok(byte)
    }

    fn uint(&mut self) -> Result<u64> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            n |= u64::from(byte & 0x7f).checked_shl(shift).ok_or(Corrupt)?;
            if byte & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(Corrupt)
    }

    fn u32(&mut self) -> Result<u32> {
        u32::try_from(self.uint()?).map_err(|_| Corrupt)
    }

    /// A count of items that take at least one byte each, so it cannot exceed the
    /// bytes left: a corrupt count fails here instead of allocating.
    fn count(&mut self) -> Result<usize> {
        let n = usize::try_from(self.uint()?).map_err(|_| Corrupt)?;
        if n > self.bytes.len() - self.at {
            return Err(Corrupt);
        }
        Ok(n)
    }

    fn bool(&mut self) -> Result<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Corrupt),
        }
    }

    fn str(&mut self) -> Result<String> {
        let len = usize::try_from(self.uint()?).map_err(|_| Corrupt)?;
        let end = self.heap_at.checked_add(len).ok_or(Corrupt)?;
        // `get` fails on an end past the heap or inside a character.
        let text = self.heap.get(self.heap_at..end).ok_or(Corrupt)?;
        self.heap_at = end;
        Ok(text.to_owned())
    }

    fn opt_str(&mut self) -> Result<Option<String>> {
        Ok(if self.bool()? {
            Some(self.str()?)
        } else {
            None
        })
    }

    fn f64(&mut self) -> Result<f64> {
        let bytes = self.bytes.get(self.at..self.at + 8).ok_or(Corrupt)?;
        self.at += 8;
        Ok(f64::from_le_bytes(bytes.try_into().map_err(|_| Corrupt)?))
    }

    fn opt_f64(&mut self) -> Result<Option<f64>> {
        Ok(if self.bool()? {
            Some(self.f64()?)
        } else {
            None
        })
    }

    fn strs(&mut self) -> Result<Vec<String>> {
        let n = self.count()?;
        (0..n).map(|_| self.str()).collect()
    }

    fn brief(&mut self) -> Result<Brief> {
        Ok(Brief {
            schema: self.u32()?,
            id: self.str()?,
            title: self.str()?,
            city: self.opt_str()?,
            city_en: self.opt_str()?,
            province: self.opt_str()?,
            level: match self.byte()? {
                0 => None,
                tag => Some(level_of(tag - 1)?),
            },
            kind: kind_of(self.byte()?)?,
            date: self.opt_str()?,
            issuer: self.opt_str()?,
            source: Source {
                path: self.str()?,
                sha256: self.str()?,
                masked: self.bool()?,
            },
            lead: self.str()?,
            sections: self.sections(0)?,
            measures: {
                let n = self.count()?;
                (0..n).map(|_| self.measure()).collect::<Result<_>>()?
            },
            figures: {
                let n = self.count()?;
                (0..n).map(|_| self.figure()).collect::<Result<_>>()?
            },
            dropped: {
                let n = self.count()?;
                (0..n)
                    .map(|_| {
                        Ok(Dropped {
                            line: self.u32()?,
                            kind: drop_of(self.byte()?)?,
                            text: self.str()?,
                        })
                    })
                    .collect::<Result<_>>()?
            },
        })
    }

    fn sections(&mut self, depth: usize) -> Result<Vec<Section>> {
        if depth > MAX_DEPTH {
            return Err(Corrupt);
        }
        let n = self.count()?;
        (0..n)
            .map(|_| {
                Ok(Section {
                    id: self.str()?,
                    heading: self.str()?,
                    line: self.u32()?,
                    paragraphs: self.strs()?,
                    sections: self.sections(depth + 1)?,
                })
            })
            .collect()
    }

    fn measure(&mut self) -> Result<Measure> {
        Ok(Measure {
            id: self.str()?,
            section: self.str()?,
            title: self.str()?,
            text: self.str()?,
            status: status_of(self.byte()?)?,
            themes: self.strs()?,
            actor: self.opt_str()?,
            figures: self.strs()?,
            line: self.u32()?,
        })
    }

    fn figure(&mut self) -> Result<Figure> {
        Ok(Figure {
            id: self.str()?,
            section: self.str()?,
            metric: self.str()?,
            value: self.opt_f64()?,
            unit: self.str()?,
            base: self.opt_f64()?,
            base_unit: self.str()?,
            kind: figure_kind_of(self.byte()?)?,
            qualifier: self.opt_str()?,
            period: self.opt_str()?,
            change: if self.bool()? {
                Some(Change {
                    value: self.f64()?,
                    unit: self.str()?,
                    basis: basis_of(self.byte()?)?,
                })
            } else {
                None
            },
            quote: self.str()?,
            line: self.u32()?,
        })
    }
}

// Each enum's tag is its position in its list below; the lists are the only place
// the tags are defined, so encoding and decoding cannot disagree.

const LEVELS: [Level; 4] = [
    Level::Municipality,
    Level::PrefectureCity,
    Level::CountyLevelCity,
    Level::District,
];
const STATUSES: [Status; 3] = [Status::Done, Status::Planned, Status::Ongoing];
const FIGURE_KINDS: [FigureKind; 3] = [FigureKind::Actual, FigureKind::Target, FigureKind::Masked];
const BASES: [ChangeBasis; 5] = [
    ChangeBasis::Yoy,
    ChangeBasis::Mom,
    ChangeBasis::Annual,
    ChangeBasis::VsNational,
    ChangeBasis::Unspecified,
];
const DROP_KINDS: [DropKind; 8] = [
    DropKind::PageNumber,
    DropKind::Continuation,
    DropKind::PageHeader,
    DropKind::Bullet,
    DropKind::WebMetadata,
    DropKind::Title,
    DropKind::Byline,
    DropKind::Dateline,
];

fn tag_in<T: PartialEq>(list: &[T], item: &T) -> u8 {
    // Every variant is listed (the tests check), so the position always exists.
    list.iter().position(|x| x == item).unwrap_or(0) as u8
}

fn of_tag<T: Copy>(list: &[T], tag: u8) -> Result<T> {
    list.get(usize::from(tag)).copied().ok_or(Corrupt)
}

fn level_tag(level: Level) -> u8 {
    tag_in(&LEVELS, &level)
}
fn level_of(tag: u8) -> Result<Level> {
    of_tag(&LEVELS, tag)
}
fn kind_tag(kind: DocKind) -> u8 {
    tag_in(&DocKind::ALL, &kind)
}
fn kind_of(tag: u8) -> Result<DocKind> {
    of_tag(&DocKind::ALL, tag)
}
fn status_tag(status: Status) -> u8 {
    tag_in(&STATUSES, &status)
}
fn status_of(tag: u8) -> Result<Status> {
    of_tag(&STATUSES, tag)
}
fn figure_kind_tag(kind: FigureKind) -> u8 {
    tag_in(&FIGURE_KINDS, &kind)
}
fn figure_kind_of(tag: u8) -> Result<FigureKind> {
    of_tag(&FIGURE_KINDS, tag)
}
fn basis_tag(basis: ChangeBasis) -> u8 {
    tag_in(&BASES, &basis)
}
fn basis_of(tag: u8) -> Result<ChangeBasis> {
    of_tag(&BASES, tag)
}
fn drop_tag(kind: DropKind) -> u8 {
    tag_in(&DROP_KINDS, &kind)
}
fn drop_of(tag: u8) -> Result<DropKind> {
    of_tag(&DROP_KINDS, tag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::load::parse_brief;
    use std::path::Path;

    fn real_briefs() -> Vec<Brief> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefs");
        let (briefs, errors) = crate::brief::load::load_dir(&dir);
        assert!(errors.is_empty(), "{errors:?}");
        briefs.into_iter().map(|(_, b)| b).collect()
    }

    #[test]
    fn real_briefs_round_trip() {
        for brief in real_briefs() {
            let bytes = encode(&brief).unwrap();
            assert_eq!(decode(&bytes).unwrap(), brief, "{}", brief.id);
        }
    }

    /// Every optional field set and every enum variant used, so a field or variant
    /// the codec drops shows up as a difference.
    #[test]
    fn every_field_and_variant_round_trips() {
        let mut brief = real_briefs().remove(0);
        brief.city_en = Some("Linyi".into());
        brief.province = Some("山东".into());
        brief.issuer = Some("市政府".into());
        for (i, level) in LEVELS.iter().enumerate() {
            brief.level = Some(*level);
            brief.kind = DocKind::ALL[i % DocKind::ALL.len()];
            let m = &mut brief.measures[0];
            m.status = STATUSES[i % STATUSES.len()];
            m.actor = Some(format!("部门{i}"));
            let f = &mut brief.figures[0];
            f.kind = FIGURE_KINDS[i % FIGURE_KINDS.len()];
            f.value = if i == 0 { None } else { Some(-1.5e300) };
            f.base = Some(f64::MIN_POSITIVE);
            f.qualifier = Some("约".into());
            f.period = Some("2021/2025".into());
            f.change = Some(Change {
                value: -0.1,
                unit: "%".into(),
                basis: BASES[i % BASES.len()],
            });
            brief.dropped = DROP_KINDS
                .iter()
                .map(|&kind| Dropped {
                    line: u32::MAX,
                    kind,
                    text: "— 5 —".into(),
                })
                .collect();
            let bytes = encode(&brief).unwrap();
            assert_eq!(decode(&bytes).unwrap(), brief);
        }
    }

    #[test]
    fn enum_lists_hold_every_variant() {
        for (i, level) in LEVELS.iter().enumerate() {
            assert_eq!(usize::from(level_tag(*level)), i);
        }
        let all = |names: &[&str]| names.iter().collect::<std::collections::HashSet<_>>().len();
        assert_eq!(all(&LEVELS.map(Level::as_str)), LEVELS.len());
        assert_eq!(all(&STATUSES.map(Status::as_str)), 3);
        assert_eq!(all(&FIGURE_KINDS.map(FigureKind::as_str)), 3);
        assert_eq!(all(&DROP_KINDS.map(DropKind::as_str)), 8);
        // Exhaustive matches: a new variant fails to compile until it is listed.
        for basis in BASES {
            match basis {
                ChangeBasis::Yoy
                | ChangeBasis::Mom
                | ChangeBasis::Annual
                | ChangeBasis::VsNational
                | ChangeBasis::Unspecified => {}
            }
        }
        for kind in DROP_KINDS {
            match kind {
                DropKind::PageNumber
                | DropKind::Continuation
                | DropKind::PageHeader
                | DropKind::Bullet
                | DropKind::WebMetadata
                | DropKind::Title
                | DropKind::Byline
                | DropKind::Dateline => {}
            }
        }
    }

    #[test]
    fn truncated_or_extended_bytes_are_corrupt() {
        let brief = real_briefs().remove(0);
        let bytes = encode(&brief).unwrap();
        for cut in [0, 1, bytes.len() / 3, bytes.len() - 1] {
            assert_eq!(decode(&bytes[..cut]), Err(Corrupt), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), Err(Corrupt));
    }

    #[test]
    fn flipped_bytes_never_panic() {
        let brief = real_briefs().remove(4);
        let bytes = encode(&brief).unwrap();
        let mut rng = crate::synth::Rng::new(11);
        for _ in 0..2000 {
            let mut bad = bytes.clone();
            for _ in 0..1 + rng.below(4) {
                let i = rng.below(bad.len());
                bad[i] = rng.next_u64() as u8;
            }
            // Either an error or some brief; what matters is no panic and no hang.
            let _ = decode(&bad);
        }
    }

    #[test]
    fn a_huge_count_fails_without_allocating() {
        let mut w = Writer::default();
        w.uint(1 << 62);
        w.str("x");
        let bytes = w.finish();
        assert_eq!(Reader::new(&bytes).unwrap().strs(), Err(Corrupt));
        assert_eq!(Reader::new(&bytes).unwrap().str(), Err(Corrupt));
    }

    #[test]
    fn strings_cut_inside_a_character_are_corrupt() {
        let mut w = Writer::default();
        w.uint(1);
        w.heap.extend_from_slice("商务".as_bytes());
        let bytes = w.finish();
        assert_eq!(Reader::new(&bytes).unwrap().str(), Err(Corrupt));
    }

    #[test]
    fn deep_sections_are_not_encoded_and_not_decoded() {
        let text = "schema: 1\nid: x\ntitle: t\ncity: null\nlevel: null\nkind: plan\ndate: null\nsource: {path: p, sha256: h, masked: false}\n";
        let mut brief = parse_brief(Path::new("x.yaml"), text).unwrap();
        let nest = |sections: Vec<Section>| Section {
            id: "1".into(),
            heading: "h".into(),
            line: 1,
            paragraphs: vec![],
            sections,
        };
        let mut section = nest(vec![]);
        for _ in 0..MAX_DEPTH + 1 {
            section = nest(vec![section]);
        }
        brief.sections = vec![section];
        assert_eq!(encode(&brief), None);
        // Hand-made bytes nesting deeper than the limit are refused.
        let mut w = Writer::default();
        for _ in 0..MAX_DEPTH + 2 {
            w.uint(1);
            w.str("1");
            w.str("h");
            w.uint(1);
            w.uint(0);
        }
        let bytes = w.finish();
        assert_eq!(Reader::new(&bytes).unwrap().sections(0), Err(Corrupt));
    }
}
