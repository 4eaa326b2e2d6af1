//! The measures view: every measure of every brief in one list, narrowed by facets
//! (themes, cities, statuses, document kinds) and a text typed incrementally, with
//! the count per city. Filtering itself is `query::Index`; this is the state around
//! it and what the keys do.

use super::action::Action;
use super::app::{App, Mode, PromptKind, Target, step};
use super::layout;
use super::picker::{Item, Picker, Purpose};
use crate::brief::{DocKind, Status};
use crate::query::{MeasureFilter, MeasureRef};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeasuresState {
    pub filter: MeasureFilter,
    /// The matching measures, in brief order then document order.
    pub hits: Vec<MeasureRef>,
    /// Matches per city, in the index's city order.
    pub counts: Vec<(String, usize)>,
    /// Position in `hits`.
    pub selected: usize,
    /// How many measures there are in all.
    pub total: usize,
}

/// One active filter, as shown (and removed) one at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chip {
    Theme(String),
    City(String),
    Status(Status),
    Kind(DocKind),
    Text(String),
}

/// The active filters of `filter`, in a fixed order: themes, cities, statuses,
/// kinds, text. `x` removes the last one.
pub fn chips(filter: &MeasureFilter) -> Vec<Chip> {
    let mut chips: Vec<Chip> = Vec::new();
    chips.extend(filter.themes.iter().cloned().map(Chip::Theme));
    chips.extend(filter.cities.iter().cloned().map(Chip::City));
    chips.extend(filter.statuses.iter().copied().map(Chip::Status));
    chips.extend(filter.kinds.iter().copied().map(Chip::Kind));
    if !filter.text.trim().is_empty() {
        chips.push(Chip::Text(filter.text.clone()));
    }
    chips
}

/// `filter` without `chip`.
pub fn remove_chip(filter: &mut MeasureFilter, chip: &Chip) {
    match chip {
        Chip::Theme(id) => {
            filter.themes.remove(id);
        }
        Chip::City(city) => {
            filter.cities.remove(city);
        }
        Chip::Status(status) => {
            filter.statuses.remove(status);
        }
        Chip::Kind(kind) => {
            filter.kinds.remove(kind);
        }
        Chip::Text(_) => filter.text.clear(),
    }
}

impl App {
    /// Runs the filter again and keeps the selection on the same measure if it
    /// still matches.
    pub(super) fn refilter_measures(&mut self) {
        let before = self.measures.hits.get(self.measures.selected).copied();
        self.measures.hits = self.index.measures(&self.measures.filter);
        if self.measures.total == 0 {
            self.measures.total = self.briefs.iter().map(|b| b.measures.len()).sum();
        }
        self.measures.counts = self.index.count_by_city(&self.measures.hits);
        self.measures.selected = before
            .and_then(|m| self.measures.hits.iter().position(|&h| h == m))
            .unwrap_or(0);
    }

    pub(super) fn set_measure_text(&mut self, text: String) {
        self.measures.filter.text = text;
        self.refilter_measures();
    }

    pub(super) fn measures_action(&mut self, action: Action) {
        let count = self.measures.hits.len();
        let page = self.page_height() as i32;
        let selected = &mut self.measures.selected;
        match action {
            Action::Move(n) => *selected = step(*selected, n, count),
            Action::Page(n) => *selected = step(*selected, n * page, count),
            Action::Scroll { lines, .. } => *selected = step(*selected, lines, count),
            Action::Click { row, .. } => {
                let (_, _, list, _) = layout::measures(layout::frame(self.area).body);
                let inner = layout::inner(list);
                if row >= inner.y && row < inner.y + inner.height {
                    let offset = layout::list_offset(*selected, usize::from(inner.height));
                    let index = offset + usize::from(row - inner.y);
                    if index < count {
                        *selected = index;
                    }
                }
            }
            Action::Top => *selected = 0,
            Action::Bottom => *selected = count.saturating_sub(1),
            Action::Open => {
                if let Some(&hit) = self.measures.hits.get(self.measures.selected) {
                    self.open_measure(hit);
                }
            }
            Action::AddPoint => {
                if let Some(&hit) = self.measures.hits.get(self.measures.selected) {
                    self.toggle_measure_point(hit);
                }
            }
            Action::PickThemes => self.open_theme_picker(Purpose::MeasureThemes),
            Action::PickCities => self.open_city_picker(Purpose::MeasureCities),
            Action::PickStatuses => self.open_status_picker(),
            Action::PickKinds => self.open_kind_picker(),
            Action::StartSearch => {
                let text = self.measures.filter.text.clone();
                self.start_prompt(PromptKind::MeasureText, &text);
            }
            Action::RemoveFilter => {
                if let Some(chip) = chips(&self.measures.filter).pop() {
                    remove_chip(&mut self.measures.filter, &chip);
                    self.refilter_measures();
                }
            }
            Action::ClearFilters => {
                self.measures.filter = MeasureFilter::default();
                self.refilter_measures();
            }
            Action::SaveView => self.start_prompt(PromptKind::ViewName, ""),
            Action::RecallView => self.open_saved_views(),
            Action::Back => self.mode = Mode::Library,
            _ => {}
        }
    }

    /// The reader on `hit`'s brief, scrolled to the measure and with it in focus.
    pub(super) fn open_measure(&mut self, hit: MeasureRef) {
        let (brief, measure) = (hit.brief as usize, hit.measure as usize);
        self.open_reader(brief);
        self.reader.target = Some(Target::Measure(measure));
        if let Some(block) = self
            .doc(brief)
            .measure_blocks
            .get(measure)
            .copied()
            .flatten()
        {
            self.show_position(block, 0);
        }
        self.show_source();
    }

    /// Themes to choose from, each with its count of measures per city.
    pub(super) fn open_theme_picker(&mut self, purpose: Purpose) {
        let lang = self.settings.lang;
        let chosen = match purpose {
            Purpose::MeasureThemes => &self.measures.filter.themes,
            Purpose::FigureThemes => &self.figures.filter.themes,
            _ => &self.lens.themes,
        };
        let mut counts = self.index.theme_counts();
        let order = self.themes_in_use();
        counts.sort_by_key(|(id, _)| order.iter().position(|o| o == id));
        let items = counts
            .into_iter()
            .map(|(id, counts)| {
                let total: usize = counts.iter().map(|(_, n)| n).sum();
                let per_city: Vec<String> = counts
                    .iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(city, n)| format!("{city} {n}"))
                    .collect();
                let mut item = Item::new(
                    id.clone(),
                    self.theme_label(&id).to_owned(),
                    format!("{total:>4}  {}", per_city.join(" · ")),
                );
                item.checked = chosen.contains(&id);
                item
            })
            .collect();
        let title = lang.pick(" 主题（空格勾选） ", " themes (Space ticks) ");
        self.picker = Some(Picker::new(purpose, title, items, true));
    }

    pub(super) fn open_city_picker(&mut self, purpose: Purpose) {
        let lang = self.settings.lang;
        let chosen = match purpose {
            Purpose::FigureCities => &self.figures.filter.cities,
            _ => &self.measures.filter.cities,
        };
        let all = self.index.measures(&MeasureFilter::default());
        let counts = self.index.count_by_city(&all);
        let items = counts
            .into_iter()
            .map(|(city, n)| {
                let mut item = Item::new(city.clone(), city.clone(), format!("{n:>5}"));
                item.checked = chosen.contains(&city);
                item
            })
            .collect();
        let title = lang.pick(" 城市（空格勾选） ", " cities (Space ticks) ");
        self.picker = Some(Picker::new(purpose, title, items, true));
    }

    fn open_status_picker(&mut self) {
        let lang = self.settings.lang;
        let items = [Status::Done, Status::Ongoing, Status::Planned]
            .into_iter()
            .map(|status| {
                let mut item = Item::new(status.as_str(), lang.status(status), "");
                item.checked = self.measures.filter.statuses.contains(&status);
                item
            })
            .collect();
        let title = lang.pick(" 状态（空格勾选） ", " status (Space ticks) ");
        self.picker = Some(Picker::new(Purpose::MeasureStatuses, title, items, true));
    }

    fn open_kind_picker(&mut self) {
        let lang = self.settings.lang;
        let items = DocKind::ALL
            .into_iter()
            .map(|kind| {
                let mut item = Item::new(kind.as_str(), lang.kind(kind), "");
                item.checked = self.measures.filter.kinds.contains(&kind);
                item
            })
            .collect();
        let title = lang.pick(" 文件类型（空格勾选） ", " document kind (Space ticks) ");
        self.picker = Some(Picker::new(Purpose::MeasureKinds, title, items, true));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chips_list_every_facet_and_remove_one_at_a_time() {
        let mut filter = MeasureFilter::default();
        filter.themes.insert("logistics".into());
        filter.cities.insert("义乌".into());
        filter.statuses.insert(Status::Done);
        filter.text = "中欧班列".into();
        let all = chips(&filter);
        assert_eq!(all.len(), 4);
        assert_eq!(all[3], Chip::Text("中欧班列".into()));
        remove_chip(&mut filter, &all[3]);
        assert!(filter.text.is_empty());
        remove_chip(&mut filter, &all[1]);
        assert!(filter.cities.is_empty());
        assert_eq!(
            chips(&filter),
            vec![Chip::Theme("logistics".into()), Chip::Status(Status::Done)]
        );
    }

    #[test]
    fn blank_text_is_not_a_filter() {
        let filter = MeasureFilter {
            text: "  ".into(),
            ..MeasureFilter::default()
        };
        assert!(chips(&filter).is_empty());
    }
}
