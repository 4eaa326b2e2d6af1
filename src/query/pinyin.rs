//! Pinyin matching: a query typed in Latin letters finds the Chinese it spells, as
//! full syllables (`wuliu` → 物流), initials (`wl`, `kjds` → 跨境电商), or a mix
//! (`wuli`, the first syllable whole and the next begun), so a reader without a
//! Chinese input method at hand can still search.
//!
//! Each character of the query's match takes either a whole syllable of one of the
//! character's readings or its initial (`zh`/`ch`/`sh` or their first letter); the
//! last character may take any beginning of a syllable, since the user may still be
//! typing. Every reading of a character with several (行: xing, hang) counts.
//! `ü` is typed `v`, as on Chinese keyboards.

use std::collections::HashMap;
use std::sync::OnceLock;

use pinyin::{Pinyin, ToPinyinMulti};

/// The characters whose readings the table holds: CJK Extension A and the unified
/// ideographs, where all the characters of these documents lie.
const FIRST: u32 = 0x3400;
const LAST: u32 = 0x9fff;

/// Every reading of every character, numbered, so that a text's readings can be
/// kept as small integers and compared without strings.
pub struct Syllables {
    names: Vec<String>,
    /// For each character from `FIRST`: where its reading ids start in `ids`, and how many.
    spans: Vec<(u32, u8)>,
    ids: Vec<u16>,
}

impl Syllables {
    /// The table, built once (a few milliseconds) on first use.
    pub fn get() -> &'static Syllables {
        static TABLE: OnceLock<Syllables> = OnceLock::new();
        TABLE.get_or_init(Syllables::build)
    }

    fn build() -> Syllables {
        let mut numbers: HashMap<String, u16> = HashMap::new();
        let mut names = Vec::new();
        let mut spans = Vec::with_capacity((LAST - FIRST + 1) as usize);
        let mut ids = Vec::new();
        for code in FIRST..=LAST {
            let start = ids.len() as u32;
            if let Some(multi) = char::from_u32(code).and_then(|c| c.to_pinyin_multi()) {
                for reading in multi.into_iter().map(Pinyin::plain) {
                    let name = reading.replace('ü', "v");
                    let id = *numbers.entry(name.clone()).or_insert_with(|| {
                        names.push(name);
                        (names.len() - 1) as u16
                    });
                    if !ids[start as usize..].contains(&id) {
                        ids.push(id);
                    }
                }
            }
            let count = (ids.len() as u32 - start).min(u32::from(u8::MAX)) as u8;
            spans.push((start, count));
        }
        Syllables { names, spans, ids }
    }

    /// The reading ids of `c`; empty for a character that is not an ideograph.
    pub fn of(&self, c: char) -> &[u16] {
        let code = c as u32;
        if !(FIRST..=LAST).contains(&code) {
            return &[];
        }
        let (start, count) = self.spans[(code - FIRST) as usize];
        &self.ids[start as usize..start as usize + usize::from(count)]
    }

    /// The syllable, in lowercase ASCII.
    pub fn name(&self, id: u16) -> &str {
        &self.names[usize::from(id)]
    }

    /// How many distinct syllables there are (ids are below this).
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// The initial a user may type for a syllable: `zh`, `ch`, `sh`, or the first letter.
pub fn initial(syllable: &str) -> &str {
    let two = syllable.get(..2).unwrap_or("");
    if matches!(two, "zh" | "ch" | "sh") {
        two
    } else {
        syllable.get(..1).unwrap_or("")
    }
}

/// True when `query` (lowercase ASCII letters) is a pinyin query: worth matching
/// against readings as well as literally.
pub fn is_pinyin_query(query: &str) -> bool {
    !query.is_empty() && query.bytes().all(|b| b.is_ascii_lowercase())
}

/// True when `query` spells, in the sense of this module, a run of characters of
/// `text` starting anywhere.
pub fn matches(text: &str, query: &str) -> bool {
    let table = Syllables::get();
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).any(|start| matches_at(table, &chars[start..], query.as_bytes()))
}

/// True when `query` spells a run of characters at the start of `chars`.
pub fn matches_at(table: &Syllables, chars: &[char], query: &[u8]) -> bool {
    if query.is_empty() {
        return true;
    }
    let Some((&c, rest)) = chars.split_first() else {
        return false;
    };
    table.of(c).iter().any(|&id| {
        let syllable = table.name(id).as_bytes();
        // The user may still be typing: the query ends inside this syllable.
        if syllable.starts_with(query) {
            return true;
        }
        if query.starts_with(syllable) && matches_at(table, rest, &query[syllable.len()..]) {
            return true;
        }
        let init = initial(table.name(id)).as_bytes();
        (init.len() == 2 && query.starts_with(&init[..1]) && matches_at(table, rest, &query[1..]))
            || (init.len() < syllable.len()
                && query.starts_with(init)
                && matches_at(table, rest, &query[init.len()..]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_cover_heteronyms_and_v() {
        let table = Syllables::get();
        let names = |c| -> Vec<&str> { table.of(c).iter().map(|&id| table.name(id)).collect() };
        assert_eq!(names('物'), ["wu"]);
        assert!(names('行').contains(&"hang") && names('行').contains(&"xing"));
        assert!(names('绿').contains(&"lv"));
        assert!(names('a').is_empty());
    }

    #[test]
    fn syllables_initials_and_mixes_match() {
        for query in ["wuliu", "wl", "wuli", "wl", "wliu", "w", "liu", "l"] {
            assert!(matches("现代物流体系", query), "{query}");
        }
        assert!(matches("发展跨境电商", "kjds"));
        assert!(matches("发展跨境电商", "kuajingdianshang"));
        assert!(matches("推进中欧班列", "zhongou"));
        assert!(matches("推进中欧班列", "zo"));
        assert!(matches("推进中欧班列", "zhob"));
        assert!(matches("银行", "yinhang"));
    }

    #[test]
    fn non_matches() {
        assert!(!matches("现代物流体系", "wuliuq"));
        assert!(!matches("现代物流体系", "lw"));
        assert!(!matches("现代物流体系", "wuuliu"));
        // A syllable is taken whole or as its initial, not cut in the middle.
        assert!(!matches("现代物流体系", "wuliti"));
        assert!(matches("现代物流体系", "wliuti"));
        assert!(!matches("物 流", "wl"));
        assert!(!matches("", "w"));
    }

    #[test]
    fn initials_of_syllables() {
        assert_eq!(initial("zhong"), "zh");
        assert_eq!(initial("ou"), "o");
        assert_eq!(initial("liu"), "l");
    }
}
