//! The theme taxonomy (`briefs/themes.yaml`) and the classifier that gives every
//! measure at least one theme.
//!
//! Classification is keyword matching, kept simple enough that a user who edits the
//! taxonomy can predict the result:
//! - keywords are found in one left-to-right pass; a keyword lying inside a longer one
//!   that matched does not count, so "跨境电商" is not also "电商";
//! - a theme scores 3 per keyword in the title, and per keyword in the text 2 when the
//!   keyword is specific (three or more characters, or a code like 9610) and 1 otherwise;
//! - a theme needs 2 points, so a lone short keyword in passing is not enough; the best
//!   three themes are kept, by score and then by their order in the taxonomy;
//! - with no theme at 2 points, the enclosing headings decide (innermost first), then
//!   the lone short keywords of the text, and last the catch-all theme.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use crate::brief::Theme;
/// A taxonomy that cannot be used fails like a brief: `file:line: why`.
pub use crate::brief::load::LoadError;

/// Where the evidence for a theme was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchSource {
    Title,
    Text,
    /// A heading of an enclosing section.
    Heading,
    /// Nothing matched; the catch-all theme.
    Fallback,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeMatch {
    pub id: String,
    /// The keyword that matched (empty for the fallback).
    pub evidence: String,
    pub from: MatchSource,
}

/// The id of the catch-all theme. A taxonomy without it uses its first theme instead.
pub const CATCH_ALL_ID: &str = "general";

/// At most this many themes per measure: more would make every filter match everything.
pub const MAX_THEMES: usize = 3;

/// Points for a keyword in the title: the title names what the measure is about.
const TITLE_POINTS: u32 = 3;
/// Points for a specific keyword in the text.
const SPECIFIC_POINTS: u32 = 2;
/// Points for a short (two-character) keyword in the text: such words are often used
/// in passing, so one alone does not make a theme.
const COMMON_POINTS: u32 = 1;
/// Points a theme needs from the title and text to be given without further context.
const THRESHOLD: u32 = 2;

/// Marks a blocker keyword in the YAML (see `briefs/themes.yaml`).
const BLOCKER_PREFIX: char = '-';

/// Characters that, after an all-digit keyword, show it is a quantity and not a code:
/// "9610万元" is money, "9610出口" is the customs code.
const QUANTITY_FOLLOWERS: &str = "万亿千百十元美个家条项次场人件吨%％.．年月日号余多届台批票单箱";

/// The themes of a `themes.yaml`, with the keyword matcher built from them on first use.
#[derive(Clone)]
pub struct Taxonomy {
    /// Private so the matcher built from it can never go stale: a taxonomy is
    /// changed by making a new one.
    themes: Vec<Theme>,
    /// Built on first use.
    index: OnceLock<Index>,
}

/// The taxonomy shipped with the binary, from `briefs/themes.yaml`.
pub const BUILTIN_THEMES_YAML: &str = include_str!("../briefs/themes.yaml");

impl Taxonomy {
    pub fn new(themes: Vec<Theme>) -> Taxonomy {
        Taxonomy {
            themes,
            index: OnceLock::new(),
        }
    }

    pub fn builtin() -> Taxonomy {
        Taxonomy::parse(BUILTIN_THEMES_YAML).expect("built-in themes.yaml is valid")
    }

    pub fn parse(yaml: &str) -> Result<Taxonomy, serde_yaml::Error> {
        Ok(Taxonomy::new(serde_yaml::from_str(yaml)?))
    }

    /// Reads, parses and validates a user's taxonomy. Errors name the file, and for
    /// YAML errors the line and column.
    pub fn load(path: &Path) -> Result<Taxonomy, LoadError> {
        let yaml =
            std::fs::read_to_string(path).map_err(|e| LoadError::new(path, e.to_string()))?;
        let taxonomy = Taxonomy::parse(&yaml).map_err(|e| LoadError::from_yaml(path, &e))?;
        let problems = taxonomy.validate();
        if problems.is_empty() {
            Ok(taxonomy)
        } else {
            Err(LoadError::new(path, problems.join("; ")))
        }
    }

    /// Problems that make the taxonomy unfit for briefs: no themes, empty, malformed or
    /// duplicate ids, empty keywords. Empty when all is well.
    pub fn validate(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.themes.is_empty() {
            problems.push("the taxonomy has no themes".to_owned());
        }
        let mut first_at: HashMap<&str, usize> = HashMap::new();
        for (i, theme) in self.themes.iter().enumerate() {
            let n = i + 1;
            if theme.id.is_empty() {
                problems.push(format!("theme {n}: empty id"));
            } else if !is_valid_id(&theme.id) {
                problems.push(format!("theme {n}: id {:?} is not [a-z0-9-]+", theme.id));
            }
            if let Some(first) = first_at.insert(&theme.id, n) {
                problems.push(format!(
                    "theme {n}: duplicate id {:?} (also theme {first})",
                    theme.id
                ));
            }
            if theme.keywords.iter().any(|k| keyword_body(k).is_empty()) {
                problems.push(format!("theme {n} ({}): empty keyword", theme.id));
            }
        }
        problems
    }

    /// The theme given when nothing matches: `general`, else the first theme.
    pub fn catch_all(&self) -> Option<&Theme> {
        catch_all_index(&self.themes).map(|i| &self.themes[i])
    }

    /// Themes for a measure: `title` is its lead phrase, `text` its whole text,
    /// `headings` the headings of its enclosing sections, outermost first.
    ///
    /// Never empty unless the taxonomy has no themes; every id is one of `themes`.
    pub fn classify(&self, title: &str, text: &str, headings: &[&str]) -> Vec<ThemeMatch> {
        self.index
            .get_or_init(|| Index::build(&self.themes))
            .classify(title, text, headings)
    }

    /// The themes, in file order.
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    /// The themes, taken out of the taxonomy.
    pub fn into_themes(self) -> Vec<Theme> {
        self.themes
    }
}

/// Two taxonomies are equal when their themes are; the index is only a cache.
impl PartialEq for Taxonomy {
    fn eq(&self, other: &Taxonomy) -> bool {
        self.themes == other.themes
    }
}

impl fmt::Debug for Taxonomy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Taxonomy")
            .field("themes", &self.themes)
            .finish_non_exhaustive()
    }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A keyword as matched: trimmed, without the blocker mark.
fn keyword_body(keyword: &str) -> &str {
    let keyword = keyword.trim();
    keyword
        .strip_prefix(BLOCKER_PREFIX)
        .unwrap_or(keyword)
        .trim()
}

fn catch_all_index(themes: &[Theme]) -> Option<usize> {
    match themes.iter().position(|t| t.id == CATCH_ALL_ID) {
        Some(i) => Some(i),
        None if themes.is_empty() => None,
        None => Some(0),
    }
}

/// A keyword of the taxonomy, ready for matching.
#[derive(Debug, Clone)]
struct Keyword {
    /// As written in the taxonomy (trimmed), reported as evidence.
    text: String,
    /// The themes listing it, in taxonomy order; empty for a blocker.
    themes: Vec<usize>,
    /// Points for one occurrence in the text.
    points: u32,
    /// Begins / ends with a Latin letter or digit: must not touch another one.
    latin_start: bool,
    latin_end: bool,
    /// Only digits (a code like 9610): must not be followed by a quantity.
    digits: bool,
    /// Has an ASCII letter, so matching must ignore case; otherwise plain byte
    /// equality (a memcmp) is enough and much cheaper.
    folds: bool,
}

impl Keyword {
    fn new(text: &str) -> Keyword {
        let specific = text.chars().count() >= 3 || text.chars().any(|c| c.is_ascii_alphanumeric());
        Keyword {
            text: text.to_owned(),
            themes: Vec::new(),
            points: if specific {
                SPECIFIC_POINTS
            } else {
                COMMON_POINTS
            },
            latin_start: text.starts_with(|c: char| c.is_ascii_alphanumeric()),
            latin_end: text.ends_with(|c: char| c.is_ascii_alphanumeric()),
            digits: text.chars().all(|c| c.is_ascii_digit()),
            folds: text.bytes().any(|b| b.is_ascii_alphabetic()),
        }
    }

    /// Whether the keyword occurs in `text` at byte offset `at` (a char boundary).
    fn matches_at(&self, text: &str, at: usize) -> bool {
        let end = at + self.text.len();
        let Some(found) = text.as_bytes().get(at..end) else {
            return false;
        };
        // Comparing bytes is safe for UTF-8: ASCII case folding leaves multi-byte
        // sequences alone, and equal bytes end on a char boundary.
        let same = if self.folds {
            found.eq_ignore_ascii_case(self.text.as_bytes())
        } else {
            // The first character already matched; the last byte settles most
            // misses without a call to memcmp.
            found.last() == self.text.as_bytes().last() && found == self.text.as_bytes()
        };
        same && self.boundaries_hold(text, at, end)
    }

    fn boundaries_hold(&self, text: &str, at: usize, end: usize) -> bool {
        let before = text[..at].chars().next_back();
        let after = text[end..].chars().next();
        let touches = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if (self.latin_start && touches(before)) || (self.latin_end && touches(after)) {
            return false;
        }
        let is_quantity = || {
            after.is_some_and(|c| QUANTITY_FOLLOWERS.contains(c))
                || matches!(before, Some('.' | '．'))
        };
        !(self.digits && is_quantity())
    }
}

/// Everything `classify` needs, precomputed once per taxonomy.
#[derive(Debug, Clone)]
struct Index {
    /// The themes this was built from, to notice later edits of `Taxonomy::themes`.
    themes: Vec<Theme>,
    keywords: Vec<Keyword>,
    /// Keyword positions by first character (Latin letters lowercased), longest
    /// keyword first, so one lookup per character of the text finds every candidate.
    /// Only first characters outside the Basic Multilingual Plane are looked up here.
    by_first: HashMap<char, Vec<usize>>,
    /// The candidate lists `bmp_slot` points into.
    lists: Vec<Vec<usize>>,
    /// Per BMP character, 1 + its index in `lists` (0: no keyword starts with it):
    /// an array read is far cheaper than hashing every character of the text.
    bmp_slot: Vec<u16>,
    /// One bit per BMP character, the same facts as `bmp_slot` in 8 KB, so the
    /// common no-candidate case stays in cache.
    starts: Vec<u64>,
    catch_all: Option<usize>,
}

fn bmp_bit(c: char) -> Option<(usize, u64)> {
    let code = c as usize;
    (code < 0x10000).then(|| (code >> 6, 1u64 << (code & 63)))
}

impl Index {
    fn build(themes: &[Theme]) -> Index {
        let keywords = collect_keywords(themes);
        let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
        for (k, keyword) in keywords.iter().enumerate() {
            if let Some(first) = keyword.text.chars().next() {
                by_first
                    .entry(first.to_ascii_lowercase())
                    .or_default()
                    .push(k);
            }
        }
        for candidates in by_first.values_mut() {
            candidates.sort_by_key(|&k| std::cmp::Reverse(keywords[k].text.len()));
        }
        let mut starts = vec![0u64; 0x10000 / 64];
        let mut bmp_slot = vec![0u16; 0x10000];
        let mut lists = Vec::new();
        for (first, candidates) in &by_first {
            let Some((word, bit)) = bmp_bit(*first) else {
                continue;
            };
            starts[word] |= bit;
            let Ok(slot) = u16::try_from(lists.len() + 1) else {
                continue; // more distinct first characters than fit: `by_first` answers
            };
            bmp_slot[*first as usize] = slot;
            lists.push(candidates.clone());
        }
        Index {
            themes: themes.to_vec(),
            keywords,
            by_first,
            lists,
            bmp_slot,
            starts,
            catch_all: catch_all_index(themes),
        }
    }

    /// Calls `found` for every keyword occurrence in `text` that does not lie inside
    /// an earlier or longer occurrence (leftmost, then longest, wins).
    fn scan<'a>(&'a self, text: &str, mut found: impl FnMut(&'a Keyword)) {
        let mut covered = 0; // byte offset where the furthest-reaching match so far ends
        for (at, c) in text.char_indices() {
            let Some(candidates) = self.candidates(c.to_ascii_lowercase()) else {
                continue;
            };
            for &k in candidates {
                let keyword = &self.keywords[k];
                if at + keyword.text.len() <= covered {
                    break; // this and every shorter candidate lie inside a match
                }
                if keyword.matches_at(text, at) {
                    covered = at + keyword.text.len();
                    found(keyword);
                    break;
                }
            }
        }
    }

    /// The keywords starting with `key`, longest first.
    fn candidates(&self, key: char) -> Option<&[usize]> {
        if let Some((word, bit)) = bmp_bit(key) {
            if self.starts[word] & bit == 0 {
                return None;
            }
            let slot = self.bmp_slot[key as usize];
            if slot != 0 {
                return Some(&self.lists[usize::from(slot) - 1]);
            }
        }
        self.by_first.get(&key).map(Vec::as_slice)
    }

    fn classify(&self, title: &str, text: &str, headings: &[&str]) -> Vec<ThemeMatch> {
        let mut tally = Tally::new(self.themes.len());
        self.scan(title, |k| tally.add(k, TITLE_POINTS, MatchSource::Title));
        self.scan(text, |k| tally.add(k, k.points, MatchSource::Text));
        let strong = tally.ranked(THRESHOLD);
        if !strong.is_empty() {
            return self.matches(strong);
        }
        if let Some(from_heading) = self.classify_headings(headings) {
            return from_heading;
        }
        let weak = tally.ranked(1);
        if !weak.is_empty() {
            return self.matches(weak);
        }
        self.fallback()
    }

    /// Themes of the innermost heading that has any keyword.
    fn classify_headings(&self, headings: &[&str]) -> Option<Vec<ThemeMatch>> {
        headings.iter().rev().find_map(|heading| {
            let mut tally = Tally::new(self.themes.len());
            self.scan(heading, |k| tally.add(k, k.points, MatchSource::Heading));
            let found = tally.ranked(1);
            (!found.is_empty()).then(|| self.matches(found))
        })
    }

    fn fallback(&self) -> Vec<ThemeMatch> {
        self.catch_all
            .map(|i| ThemeMatch {
                id: self.themes[i].id.clone(),
                evidence: String::new(),
                from: MatchSource::Fallback,
            })
            .into_iter()
            .collect()
    }

    fn matches(&self, ranked: Vec<(usize, Evidence)>) -> Vec<ThemeMatch> {
        ranked
            .into_iter()
            .map(|(theme, evidence)| ThemeMatch {
                id: self.themes[theme].id.clone(),
                evidence: evidence.keyword.to_owned(),
                from: evidence.from,
            })
            .collect()
    }
}

/// One entry per distinct keyword, listing every theme that names it, so a keyword
/// shared by two themes credits both and is matched once.
fn collect_keywords(themes: &[Theme]) -> Vec<Keyword> {
    let mut keywords: Vec<Keyword> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    for (t, theme) in themes.iter().enumerate() {
        for raw in &theme.keywords {
            let body = keyword_body(raw);
            if body.is_empty() {
                continue;
            }
            let k = *position.entry(body.to_owned()).or_insert_with(|| {
                keywords.push(Keyword::new(body));
                keywords.len() - 1
            });
            let blocker = raw.trim().starts_with(BLOCKER_PREFIX);
            if !blocker && !keywords[k].themes.contains(&t) {
                keywords[k].themes.push(t);
            }
        }
    }
    keywords
}

/// The keyword that best explains a theme: the first of the highest-scoring hits.
#[derive(Debug, Clone, Copy)]
struct Evidence<'a> {
    keyword: &'a str,
    points: u32,
    from: MatchSource,
}

/// Points per theme for one piece of text.
struct Tally<'a> {
    scores: Vec<u32>,
    evidence: Vec<Option<Evidence<'a>>>,
}

impl<'a> Tally<'a> {
    fn new(themes: usize) -> Tally<'a> {
        Tally {
            scores: vec![0; themes],
            evidence: vec![None; themes],
        }
    }

    fn add(&mut self, keyword: &'a Keyword, points: u32, from: MatchSource) {
        for &t in &keyword.themes {
            self.scores[t] += points;
            let better = self.evidence[t].is_none_or(|e| points > e.points);
            if better {
                self.evidence[t] = Some(Evidence {
                    keyword: &keyword.text,
                    points,
                    from,
                });
            }
        }
    }

    /// Themes with at least `threshold` points, best first (ties: taxonomy order),
    /// at most `MAX_THEMES`.
    fn ranked(&self, threshold: u32) -> Vec<(usize, Evidence<'a>)> {
        let mut found: Vec<(usize, Evidence<'a>)> = (0..self.scores.len())
            .filter(|&t| self.scores[t] >= threshold)
            .filter_map(|t| self.evidence[t].map(|e| (t, e)))
            .collect();
        found.sort_by_key(|&(t, _)| (std::cmp::Reverse(self.scores[t]), t));
        found.truncate(MAX_THEMES);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(matches: &[ThemeMatch]) -> Vec<&str> {
        matches.iter().map(|m| m.id.as_str()).collect()
    }

    fn parsed(yaml: &str) -> Taxonomy {
        Taxonomy::parse(yaml).expect("test taxonomy parses")
    }

    /// Every non-empty line of the seed documents, with its file name.
    fn seed_lines() -> Vec<(String, String)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
            .expect("seeds directory")
            .map(|e| e.expect("seed entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        let mut lines = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("seed is UTF-8");
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                lines.push((name.clone(), line.to_owned()));
            }
        }
        lines
    }

    /// The lead phrase of a line, roughly as the converter takes a measure's title.
    fn lead(line: &str) -> String {
        line.chars()
            .take_while(|c| !matches!(c, '。' | '；' | '：' | ':' | ';'))
            .take(30)
            .collect()
    }

    #[test]
    fn builtin_taxonomy_is_valid() {
        let builtin = Taxonomy::builtin();
        assert!(
            builtin.themes.len() >= 15,
            "{} themes",
            builtin.themes.len()
        );
        assert_eq!(builtin.validate(), Vec::<String>::new());
        assert_eq!(
            builtin.catch_all().map(|t| t.id.as_str()),
            Some(CATCH_ALL_ID)
        );
        for theme in &builtin.themes {
            assert!(
                !theme.label.is_empty() && theme.label_en.is_some(),
                "{}",
                theme.id
            );
            assert!(
                theme.id == CATCH_ALL_ID || !theme.keywords.is_empty(),
                "{}",
                theme.id
            );
        }
    }

    #[test]
    fn corridor_measure_gets_logistics_and_corridors() {
        let title = "畅通“四栖物流”完善国际通道";
        let text = "畅通“四栖物流”完善国际通道。开通义乌至列日全货机国际货运航线；\
                    常态化开行中欧（义新欧）班列，拓展海铁联运。";
        let found = Taxonomy::builtin().classify(title, text, &[]);
        let found = ids(&found);
        assert!(found.contains(&"logistics"), "{found:?}");
        assert!(found.contains(&"corridors"), "{found:?}");
    }

    #[test]
    fn customs_codes_mean_cross_border_ecommerce() {
        let text = "试水全市首单综保区跨境9610非邮出口业务";
        let found = Taxonomy::builtin().classify(text, text, &[]);
        assert!(ids(&found).contains(&"cross-border-ecommerce"), "{found:?}");
        // A number that happens to read 9610 is not the code.
        let found = Taxonomy::builtin().classify("", "全年实现营收9610万元。", &[]);
        assert!(
            !ids(&found).contains(&"cross-border-ecommerce"),
            "{found:?}"
        );
    }

    #[test]
    fn talent_measure() {
        let title = "强化人才支撑";
        let text = "强化人才支撑。实施电商人才培训工程，每年培训大学生5000人次。";
        let found = Taxonomy::builtin().classify(title, text, &[]);
        assert_eq!(found[0].id, "talent");
        assert_eq!(found[0].evidence, "人才");
        assert_eq!(found[0].from, MatchSource::Title);
    }

    #[test]
    fn nested_keyword_does_not_count() {
        // "电商" inside "跨境电商" must not make this an e-commerce measure.
        let text = "推动跨境电商高质量发展，培育跨境电商主体。";
        let found = Taxonomy::builtin().classify("", text, &[]);
        assert_eq!(ids(&found), ["cross-border-ecommerce"]);
        assert_eq!(found[0].from, MatchSource::Text);
    }

    #[test]
    fn blocker_stops_keyword_inside_it() {
        let text = "召开全市商务高质量发展会议，部署全年工作。";
        let found = Taxonomy::builtin().classify("", text, &[]);
        assert!(!ids(&found).contains(&"exhibitions"), "{found:?}");
    }

    #[test]
    fn one_short_keyword_in_passing_is_not_enough() {
        let taxonomy = Taxonomy::builtin();
        let text = "加快项目建设进度，确保按期投用，为外贸发展提供支撑。";
        let heading = "（三）推动会展业提质增效";
        let found = taxonomy.classify("加快项目建设进度", text, &["二、主要任务", heading]);
        assert_eq!(ids(&found), ["exhibitions"]);
        assert_eq!(found[0].from, MatchSource::Heading);
        // Without a telling heading, the lone keyword still beats the catch-all.
        let found = taxonomy.classify("加快项目建设进度", text, &["二、主要任务"]);
        assert_eq!(ids(&found), ["foreign-trade"]);
        assert_eq!(found[0].from, MatchSource::Text);
    }

    #[test]
    fn no_keyword_uses_innermost_heading_with_one() {
        let taxonomy = Taxonomy::builtin();
        let text = "全力以赴，确保各项任务按期完成。";
        let headings = ["一、扩大对外贸易", "（二）完善物流体系", "【工作安排】"];
        let found = taxonomy.classify("全力以赴", text, &headings);
        assert_eq!(ids(&found), ["logistics"]);
        assert_eq!(found[0].from, MatchSource::Heading);
        assert_eq!(found[0].evidence, "物流");
    }

    #[test]
    fn no_keyword_and_no_heading_is_general() {
        let found =
            Taxonomy::builtin().classify("全力以赴", "全力以赴，确保各项任务按期完成。", &[]);
        let expected = ThemeMatch {
            id: "general".to_owned(),
            evidence: String::new(),
            from: MatchSource::Fallback,
        };
        assert_eq!(found, [expected]);
    }

    #[test]
    fn without_general_the_first_theme_is_the_catch_all() {
        let taxonomy = parsed(
            "- {id: trade, label: 贸易, keywords: [外贸]}\n\
             - {id: talent, label: 人才, keywords: [人才]}\n",
        );
        let found = taxonomy.classify("", "全力以赴。", &[]);
        assert_eq!(ids(&found), ["trade"]);
        assert_eq!(found[0].from, MatchSource::Fallback);
    }

    #[test]
    fn at_most_three_themes_ranked_by_score_then_order() {
        let taxonomy = parsed(
            "- {id: a, label: A, keywords: [苹果]}\n\
             - {id: b, label: B, keywords: [香蕉]}\n\
             - {id: c, label: C, keywords: [橙子]}\n\
             - {id: d, label: D, keywords: [葡萄]}\n",
        );
        let found = taxonomy.classify("葡萄", "苹果香蕉橙子葡萄，香蕉橙子，苹果香蕉。", &[]);
        assert_eq!(ids(&found), ["d", "b", "a"]);
    }

    #[test]
    fn latin_keywords_ignore_case_but_respect_word_edges() {
        let taxonomy = Taxonomy::builtin();
        let found = taxonomy.classify("", "引导企业入驻TEMU、tiktok等平台。", &[]);
        assert_eq!(ids(&found), ["cross-border-ecommerce"]);
        // "AI" inside a longer Latin word is not the keyword.
        let found = taxonomy.classify("", "使用MAIL系统。", &[]);
        assert_eq!(ids(&found), ["general"]);
    }

    #[test]
    fn an_edited_taxonomy_classifies_with_its_own_keywords() {
        let taxonomy = Taxonomy::builtin();
        assert_eq!(ids(&taxonomy.classify("", "种植苹果。", &[])), ["general"]);
        let mut themes = taxonomy.into_themes();
        themes[0].keywords.push("苹果".to_owned());
        let first = themes[0].id.clone();
        let edited = Taxonomy::new(themes);
        assert_eq!(ids(&edited.classify("", "种植苹果苹果。", &[])), [first]);
    }

    #[test]
    fn validate_reports_bad_ids() {
        let taxonomy = parsed(
            "- {id: trade, label: 贸易}\n\
             - {id: '', label: 空}\n\
             - {id: Trade_2, label: 错}\n\
             - {id: trade, label: 重复, keywords: [' ']}\n",
        );
        let problems = taxonomy.validate();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].contains("empty id"));
        assert!(problems[1].contains("Trade_2"));
        assert!(problems[2].contains("duplicate id \"trade\""));
        assert!(problems[3].contains("empty keyword"));
        assert!(parsed(" []").validate()[0].contains("no themes"));
    }

    #[test]
    fn load_names_the_file_and_line() {
        let dir = std::env::temp_dir().join(format!("brief-themes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("themes.yaml");
        std::fs::write(&path, "- id: trade\n  label: 贸易\n  keywords: 外贸: [\n").unwrap();
        let err = Taxonomy::load(&path).unwrap_err();
        assert_eq!(err.path, path);
        assert_eq!(err.line, Some(3));
        assert!(
            err.to_string()
                .starts_with(&format!("{}:3:", path.display())),
            "{err}"
        );
        assert!(!err.message.contains(" at line "), "{err}");

        std::fs::write(&path, "- {id: Bad, label: 错}\n").unwrap();
        let err = Taxonomy::load(&path).unwrap_err();
        assert!(err.line.is_none() && err.message.contains("Bad"), "{err}");

        std::fs::write(&path, BUILTIN_THEMES_YAML).unwrap();
        assert_eq!(Taxonomy::load(&path).unwrap(), Taxonomy::builtin());

        let missing = Taxonomy::load(&dir.join("missing.yaml")).unwrap_err();
        assert!(missing.to_string().contains("missing.yaml"), "{missing}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Also prints how often each theme is given, for tuning keywords
    /// (`cargo test --lib themes::tests::every_seed_line -- --nocapture`).
    #[test]
    fn every_seed_line_gets_known_themes() {
        let taxonomy = Taxonomy::builtin();
        let mut counts = vec![0usize; taxonomy.themes.len()];
        let lines = seed_lines();
        assert!(lines.len() > 300, "{} seed lines", lines.len());
        for (name, line) in &lines {
            let found = taxonomy.classify(&lead(line), line, &[]);
            assert!(
                !found.is_empty() && found.len() <= MAX_THEMES,
                "{name}: {line}"
            );
            for m in &found {
                let t = taxonomy.themes.iter().position(|t| t.id == m.id);
                counts[t.unwrap_or_else(|| panic!("{name}: unknown theme {}", m.id))] += 1;
            }
        }
        for (theme, count) in taxonomy.themes.iter().zip(counts) {
            println!("{count:5}  {}", theme.id);
        }
    }

    /// Throughput over the seeds, for the record:
    /// `cargo test --release --lib themes::tests::throughput -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn throughput() {
        let taxonomy = Taxonomy::builtin();
        let lines = seed_lines();
        let rounds = 50;
        let bytes: usize = lines.iter().map(|(_, l)| l.len()).sum::<usize>() * rounds;
        let start = std::time::Instant::now();
        let mut given = 0;
        for _ in 0..rounds {
            for (_, line) in &lines {
                given += taxonomy
                    .classify(&lead(line), line, &["（一）扩大消费"])
                    .len();
            }
        }
        let secs = start.elapsed().as_secs_f64();
        println!("{given} themes, {:.1} MB/s", bytes as f64 / secs / 1e6);
    }
}
