//! A pop-up list to choose from: themes, cities, statuses, kinds, saved views.
//! Typing narrows the list (Chinese as typed, or pinyin), ↑↓ move, Space ticks an
//! item in a list that allows several, Enter confirms. Pure state: the caller decides
//! what a choice does.

use super::input::LineInput;
use crate::query::fold::fold;
use crate::query::pinyin;

/// What the picker is choosing, so `App` knows what to do with the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Themes of the measures view's filter.
    MeasureThemes,
    MeasureCities,
    MeasureStatuses,
    MeasureKinds,
    /// Themes shown by the theme lens.
    LensThemes,
    FigureThemes,
    FigureCities,
    FigureKinds,
    /// A saved measures view to recall.
    SavedViews,
    /// How to group an export of the talking points.
    ExportGrouping,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// What the caller gets back (a theme id, a city name …).
    pub key: String,
    /// What the user reads.
    pub label: String,
    /// A second column: counts, a description.
    pub detail: String,
    pub checked: bool,
}

impl Item {
    pub fn new(
        key: impl Into<String>,
        label: impl Into<String>,
        detail: impl Into<String>,
    ) -> Item {
        Item {
            key: key.into(),
            label: label.into(),
            detail: detail.into(),
            checked: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub purpose: Purpose,
    pub title: String,
    pub items: Vec<Item>,
    /// Several items may be ticked (filters), or Enter picks one (views, grouping).
    pub multi: bool,
    pub filter: LineInput,
    /// Position in `visible()`.
    pub selected: usize,
}

impl Picker {
    pub fn new(
        purpose: Purpose,
        title: impl Into<String>,
        items: Vec<Item>,
        multi: bool,
    ) -> Picker {
        Picker {
            purpose,
            title: title.into(),
            items,
            multi,
            filter: LineInput::default(),
            selected: 0,
        }
    }

    /// Indices of the items that match what was typed, in list order.
    pub fn visible(&self) -> Vec<usize> {
        let query = self.filter.text();
        (0..self.items.len())
            .filter(|&i| {
                query.is_empty()
                    || text_matches(&self.items[i].label, query)
                    || text_matches(&self.items[i].key, query)
            })
            .collect()
    }

    /// The item under the cursor, as an index into `items`.
    pub fn current(&self) -> Option<usize> {
        self.visible().get(self.selected).copied()
    }

    pub fn move_by(&mut self, by: i32) {
        let count = self.visible().len();
        self.selected = if count == 0 {
            0
        } else {
            (self.selected as i64 + i64::from(by)).clamp(0, count as i64 - 1) as usize
        };
    }

    /// Ticks or unticks the item under the cursor; returns whether anything changed.
    pub fn toggle(&mut self) -> bool {
        match self.current() {
            Some(i) if self.multi => {
                self.items[i].checked = !self.items[i].checked;
                true
            }
            _ => false,
        }
    }

    /// The typed filter changed: keep the cursor inside the shorter list.
    pub fn refilter(&mut self) {
        let count = self.visible().len();
        self.selected = self.selected.min(count.saturating_sub(1));
    }

    pub fn checked(&self) -> impl Iterator<Item = &str> {
        self.items
            .iter()
            .filter(|i| i.checked)
            .map(|i| i.key.as_str())
    }
}

/// Whether an item's `text` matches what was typed: literally (case and full-width
/// forms aside) or, for Latin letters, as pinyin or its initials.
fn text_matches(text: &str, typed: &str) -> bool {
    let text = fold(text);
    let typed = fold(typed.trim());
    text.contains(&typed) || (pinyin::is_pinyin_query(&typed) && pinyin::matches(&text, &typed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn themes() -> Picker {
        Picker::new(
            Purpose::MeasureThemes,
            "主题",
            vec![
                Item::new("logistics", "物流", "12"),
                Item::new("cross-border-ecommerce", "跨境电商", "9"),
                Item::new("exhibitions", "会展", "4"),
            ],
            true,
        )
    }

    #[test]
    fn typing_narrows_by_chinese_or_pinyin() {
        let mut picker = themes();
        picker.filter = LineInput::with_text("物");
        assert_eq!(picker.visible(), vec![0]);
        picker.filter = LineInput::with_text("kjds");
        assert_eq!(picker.visible(), vec![1]);
        picker.filter = LineInput::with_text("exhib");
        assert_eq!(picker.visible(), vec![2], "the id matches too");
    }

    #[test]
    fn toggling_follows_the_visible_list() {
        let mut picker = themes();
        picker.move_by(5);
        assert_eq!(picker.current(), Some(2), "clamped to the last");
        picker.filter = LineInput::with_text("wl");
        picker.refilter();
        assert_eq!(picker.current(), Some(0));
        assert!(picker.toggle());
        assert_eq!(picker.checked().collect::<Vec<_>>(), vec!["logistics"]);
        picker.filter = LineInput::with_text("none of these");
        picker.refilter();
        assert!(!picker.toggle(), "nothing under the cursor");
    }

    #[test]
    fn single_choice_lists_do_not_tick() {
        let mut picker = themes();
        picker.multi = false;
        assert!(!picker.toggle());
        assert_eq!(picker.checked().count(), 0);
    }
}
