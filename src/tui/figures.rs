//! The figures view: one table of the figures of every brief — metric (grouped by
//! the synonym list), city, period, value, unit, change, actual / target — sorted by
//! any column and filtered by theme, city, kind and text.

use super::action::Action;
use super::app::{App, Mode, PromptKind, Target, step};
use super::layout;
use super::picker::{Item, Picker, Purpose};
use crate::brief::FigureKind;
use crate::query::{FigureColumn, FigureFilter, FigureRef, sort_figures};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiguresState {
    pub filter: FigureFilter,
    /// The matching figures in display order.
    pub hits: Vec<FigureRef>,
    pub sort: FigureColumn,
    pub descending: bool,
    /// Position in `hits`.
    pub selected: usize,
}

impl Default for FiguresState {
    fn default() -> FiguresState {
        FiguresState {
            filter: FigureFilter::default(),
            hits: Vec::new(),
            sort: FigureColumn::Metric,
            descending: false,
            selected: 0,
        }
    }
}

/// The next column to sort by, in table order.
fn next_column(column: FigureColumn) -> FigureColumn {
    let all = FigureColumn::ALL;
    let at = all.iter().position(|&c| c == column).unwrap_or(0);
    all[(at + 1) % all.len()]
}

impl App {
    pub(super) fn refilter_figures(&mut self) {
        let before = self.figures.hits.get(self.figures.selected).copied();
        let mut hits = self.index.figures(&self.figures.filter);
        sort_figures(
            &mut hits,
            &self.briefs,
            &self.index,
            self.figures.sort,
            self.figures.descending,
        );
        self.figures.hits = hits;
        self.figures.selected = before
            .and_then(|f| self.figures.hits.iter().position(|&h| h == f))
            .unwrap_or(0);
    }

    pub(super) fn set_figure_text(&mut self, text: String) {
        self.figures.filter.text = text;
        self.refilter_figures();
    }

    pub(super) fn figures_action(&mut self, action: Action) {
        let count = self.figures.hits.len();
        let page = self.page_height() as i32;
        let selected = &mut self.figures.selected;
        match action {
            Action::Move(n) => *selected = step(*selected, n, count),
            Action::Page(n) => *selected = step(*selected, n * page, count),
            Action::Scroll { lines, .. } => *selected = step(*selected, lines, count),
            Action::Click { row, .. } => {
                let (_, table, _) = layout::figures(layout::frame(self.area).body);
                let inner = layout::inner(table);
                // The first row of the table is its header.
                if row > inner.y && row < inner.y + inner.height {
                    let height = usize::from(inner.height - 1);
                    let index =
                        layout::list_offset(*selected, height) + usize::from(row - inner.y - 1);
                    if index < count {
                        *selected = index;
                    }
                }
            }
            Action::Top => *selected = 0,
            Action::Bottom => *selected = count.saturating_sub(1),
            Action::CycleSort => {
                self.figures.sort = next_column(self.figures.sort);
                self.refilter_figures();
            }
            Action::ReverseSort => {
                self.figures.descending = !self.figures.descending;
                self.refilter_figures();
            }
            Action::PickThemes => self.open_theme_picker(Purpose::FigureThemes),
            Action::PickCities => self.open_city_picker(Purpose::FigureCities),
            Action::PickKinds => self.open_figure_kind_picker(),
            Action::StartSearch => {
                let text = self.figures.filter.text.clone();
                self.start_prompt(PromptKind::FigureText, &text);
            }
            Action::RemoveFilter => {
                let f = &mut self.figures.filter;
                if !f.text.is_empty() {
                    f.text.clear();
                } else if f.kinds.pop_last().is_none()
                    && f.cities.pop_last().is_none()
                    && f.themes.pop_last().is_none()
                {
                    f.metric.clear();
                }
                self.refilter_figures();
            }
            Action::ClearFilters => {
                self.figures.filter = FigureFilter::default();
                self.refilter_figures();
            }
            Action::Open => {
                if let Some(&hit) = self.figures.hits.get(self.figures.selected) {
                    self.open_figure(hit);
                }
            }
            Action::AddPoint => {
                if let Some(&hit) = self.figures.hits.get(self.figures.selected) {
                    self.toggle_figure_point(hit);
                }
            }
            Action::Back => self.mode = Mode::Library,
            _ => {}
        }
    }

    /// The reader on the figure's brief, scrolled to it and with it in focus.
    pub(super) fn open_figure(&mut self, hit: FigureRef) {
        let (brief, figure) = (hit.brief as usize, hit.figure as usize);
        self.open_reader(brief);
        self.reader.target = Some(Target::Figure(figure));
        let doc = self.doc(brief);
        if let Some(block) = doc.figure_blocks.get(figure).copied().flatten() {
            let at = doc.blocks[block]
                .figures
                .iter()
                .find(|f| f.2 == figure)
                .map_or(0, |f| f.0);
            self.show_position(block, at);
        }
        self.show_source();
    }

    fn open_figure_kind_picker(&mut self) {
        let lang = self.settings.lang;
        let items = [FigureKind::Actual, FigureKind::Target, FigureKind::Masked]
            .into_iter()
            .map(|kind| {
                let mut item = Item::new(kind.as_str(), lang.figure_kind(kind), "");
                item.checked = self.figures.filter.kinds.contains(&kind);
                item
            })
            .collect();
        let title = lang.pick(
            " 实际 / 目标（空格勾选） ",
            " actual / target (Space ticks) ",
        );
        self.picker = Some(Picker::new(Purpose::FigureKinds, title, items, true));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorting_cycles_through_every_column() {
        let mut column = FigureColumn::Metric;
        let mut seen = vec![column];
        for _ in 1..FigureColumn::ALL.len() {
            column = next_column(column);
            seen.push(column);
        }
        assert_eq!(seen, FigureColumn::ALL.to_vec());
        assert_eq!(next_column(column), FigureColumn::Metric);
    }
}
