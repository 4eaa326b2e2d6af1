//! Incremental text search over measures and figures: what a query is compiled
//! into, and the per-item keys built once so that each keystroke only compares.

use crate::query::fold::{fold, without_asides};
use crate::query::pinyin;

/// The searchable forms of one item's text, built once by `Index::new`.
#[derive(Debug, Clone)]
pub struct SearchKey {
    /// The text folded (case, full-width forms).
    folded: Box<str>,
    /// The folded text without its bracketed asides, when it has any.
    plain: Option<Box<str>>,
}

impl SearchKey {
    pub fn new(text: &str) -> SearchKey {
        let folded = fold(text);
        let plain = without_asides(&folded).map(String::into_boxed_str);
        SearchKey {
            folded: folded.into_boxed_str(),
            plain,
        }
    }

    fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(&*self.folded).chain(self.plain.as_deref())
    }
}

/// A compiled query: white-space separated terms, each of which must be found.
#[derive(Debug, Clone, Default)]
pub struct TextQuery {
    terms: Vec<Term>,
}

#[derive(Debug, Clone)]
struct Term {
    /// Folded, as the keys are.
    literal: String,
    /// Whether the term is also tried as pinyin.
    pinyin: bool,
}

impl TextQuery {
    pub fn new(query: &str) -> TextQuery {
        let folded = fold(query);
        let terms = folded
            .split_whitespace()
            .map(|term| Term {
                literal: term.to_owned(),
                pinyin: pinyin::is_pinyin_query(term),
            })
            .collect();
        TextQuery { terms }
    }

    /// True when the query has no terms and so matches everything.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn matches(&self, key: &SearchKey) -> bool {
        self.terms.iter().all(|term| {
            key.forms().any(|form| {
                form.contains(term.literal.as_str())
                    || (term.pinyin && pinyin::matches(form, &term.literal))
            })
        })
    }
}
