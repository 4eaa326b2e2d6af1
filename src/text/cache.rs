//! Wrapped paragraphs kept between frames: wrapping a whole brief on every redraw
//! would be wasted work, since lines change only when the width does.

use super::wrap::{Line, wrap};

/// Lines of each paragraph at one width. A key names a paragraph (its index in the
/// view); a key must keep naming the same text, or be [`invalidate`](Self::invalidate)d.
#[derive(Debug, Default)]
pub struct WrapCache {
    width: usize,
    /// Per key: the length of the text wrapped, and its lines. The length is a cheap
    /// guard against a key reused for another text, not a substitute for invalidating.
    lines: Vec<Option<(usize, Vec<Line>)>>,
}

impl WrapCache {
    pub fn new() -> WrapCache {
        WrapCache::default()
    }

    /// The width of the lines held.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The lines of paragraph `key`, whose text is `text`, at `width`: wrapped now
    /// if not held at that width. A new width drops every paragraph held.
    pub fn lines(&mut self, key: usize, text: &str, width: usize) -> &[Line] {
        if width != self.width {
            self.width = width;
            self.lines.clear();
        }
        if key >= self.lines.len() {
            self.lines.resize_with(key + 1, || None);
        }
        let slot = &mut self.lines[key];
        if !matches!(slot, Some((len, _)) if *len == text.len()) {
            *slot = Some((text.len(), wrap(text, width)));
        }
        slot.as_ref().map_or(&[], |(_, lines)| lines.as_slice())
    }

    /// Forget paragraph `key`, whose text changed.
    pub fn invalidate(&mut self, key: usize) {
        if let Some(slot) = self.lines.get_mut(key) {
            *slot = None;
        }
    }

    /// Forget everything (a new document).
    pub fn clear(&mut self) {
        self.lines.clear();
    }

    /// How many paragraphs are held at the current width.
    pub fn held(&self) -> usize {
        self.lines.iter().filter(|slot| slot.is_some()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewraps_only_on_width_change() {
        let paragraphs = ["今年1-5月,义乌市进出口额2645.0亿元", "同比增长22.0%"];
        let mut cache = WrapCache::new();
        let a = cache.lines(0, paragraphs[0], 10).to_vec();
        assert_eq!(a, wrap(paragraphs[0], 10));
        cache.lines(1, paragraphs[1], 10);
        assert_eq!(cache.held(), 2);
        assert_eq!(cache.lines(0, paragraphs[0], 10), a.as_slice());
        let b = cache.lines(0, paragraphs[0], 20).to_vec();
        assert_eq!(cache.width(), 20);
        assert_eq!(cache.held(), 1);
        assert_eq!(b, wrap(paragraphs[0], 20));
        assert_ne!(a, b);
    }

    #[test]
    fn invalidated_keys_are_rewrapped() {
        let mut cache = WrapCache::new();
        cache.lines(3, "义乌", 10);
        cache.invalidate(3);
        cache.invalidate(99);
        assert_eq!(cache.held(), 0);
        assert_eq!(cache.lines(3, "Temu平台", 4).len(), 2);
        cache.clear();
        assert_eq!(cache.held(), 0);
    }
}
