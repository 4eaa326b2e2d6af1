//! The theme lens: for one or more themes, the cities side by side, each column that
//! city's matching measures with their figures. The core cross-city comparison, so
//! switching theme is one key (`]` / `[` cycle, `t` picks several).

use super::action::Action;
use super::app::{App, Mode, step};
use super::picker::Purpose;
use crate::query::{MeasureFilter, MeasureRef};
use std::collections::BTreeSet;

/// Narrowest column worth showing; more cities than fit scroll sideways.
pub const MIN_COLUMN_WIDTH: u16 = 30;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LensColumn {
    pub city: String,
    pub hits: Vec<MeasureRef>,
    /// Position in `hits`.
    pub selected: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LensState {
    /// Theme ids shown; empty until the first build picks the first theme.
    pub themes: BTreeSet<String>,
    /// Cities with at least one matching measure, in the index's city order.
    pub columns: Vec<LensColumn>,
    /// The focused column.
    pub focus: usize,
    /// The leftmost column on screen.
    pub first: usize,
}

impl App {
    /// Recomputes the columns for the chosen themes (the first theme of the
    /// taxonomy if none is chosen), keeping each city's selection where it can.
    pub(super) fn rebuild_lens(&mut self) {
        let known = self.themes_in_use();
        self.lens.themes.retain(|t| known.contains(t));
        if self.lens.themes.is_empty()
            && let Some(first) = known.first()
        {
            self.lens.themes.insert(first.clone());
        }
        let filter = MeasureFilter {
            themes: self.lens.themes.clone(),
            ..MeasureFilter::default()
        };
        let hits = self.index.measures(&filter);
        let focused_city = self
            .lens
            .columns
            .get(self.lens.focus)
            .map(|c| c.city.clone());
        let mut columns: Vec<LensColumn> = self
            .index
            .cities()
            .iter()
            .map(|city| LensColumn {
                city: city.clone(),
                hits: Vec::new(),
                selected: 0,
            })
            .collect();
        for hit in hits {
            let city = self.index.city_of(hit.brief);
            if let Some(column) = columns.iter_mut().find(|c| c.city == city) {
                column.hits.push(hit);
            }
        }
        columns.retain(|c| !c.hits.is_empty());
        self.lens.columns = columns;
        self.lens.focus = focused_city
            .and_then(|city| self.lens.columns.iter().position(|c| c.city == city))
            .unwrap_or(0);
        self.keep_lens_focus_visible();
    }

    /// How many columns fit across the screen.
    pub fn lens_visible_columns(&self) -> usize {
        let body = super::layout::frame(self.area).body;
        usize::from((body.width / MIN_COLUMN_WIDTH).max(1)).min(self.lens.columns.len().max(1))
    }

    fn keep_lens_focus_visible(&mut self) {
        let visible = self.lens_visible_columns();
        let lens = &mut self.lens;
        if lens.focus < lens.first {
            lens.first = lens.focus;
        } else if lens.focus >= lens.first + visible {
            lens.first = lens.focus + 1 - visible;
        }
        lens.first = lens.first.min(lens.columns.len().saturating_sub(visible));
    }

    /// To the next (previous) theme of the taxonomy, alone.
    fn cycle_theme(&mut self, by: i32) {
        let ids = self.themes_in_use();
        if ids.is_empty() {
            return;
        }
        let current = self
            .lens
            .themes
            .iter()
            .next()
            .and_then(|t| ids.iter().position(|id| id == t))
            .unwrap_or(0);
        let next = (current as i64 + i64::from(by)).rem_euclid(ids.len() as i64) as usize;
        self.lens.themes = BTreeSet::from([ids[next].clone()]);
        self.rebuild_lens();
    }

    /// The themes some measure has, in the taxonomy's order (the order users wrote
    /// and know), then any not in the taxonomy.
    pub(super) fn themes_in_use(&self) -> Vec<String> {
        let used = self.index.theme_ids();
        let mut ids: Vec<String> = self
            .theme_list
            .iter()
            .map(|t| t.id.clone())
            .filter(|id| used.contains(id))
            .collect();
        ids.extend(
            used.iter()
                .filter(|id| !ids.contains(id))
                .cloned()
                .collect::<Vec<_>>(),
        );
        ids
    }

    fn lens_selected(&self) -> Option<MeasureRef> {
        let column = self.lens.columns.get(self.lens.focus)?;
        column.hits.get(column.selected).copied()
    }

    pub(super) fn lens_action(&mut self, action: Action) {
        let columns = self.lens.columns.len();
        let page = self.page_height() as i32;
        match action {
            Action::CycleTheme(by) => self.cycle_theme(by),
            Action::PickThemes => self.open_theme_picker(Purpose::LensThemes),
            Action::NextPane => {
                self.lens.focus = (self.lens.focus + 1) % columns.max(1);
                self.keep_lens_focus_visible();
            }
            Action::PrevPane => {
                self.lens.focus = (self.lens.focus + columns.max(1) - 1) % columns.max(1);
                self.keep_lens_focus_visible();
            }
            Action::Move(n) => self.move_in_lens_column(n),
            Action::Page(n) => self.move_in_lens_column(n * page / 3),
            Action::Top => self.move_in_lens_column(i32::MIN / 2),
            Action::Bottom => self.move_in_lens_column(i32::MAX / 2),
            Action::Scroll { lines, .. } => self.move_in_lens_column(lines.signum()),
            Action::Open => {
                if let Some(hit) = self.lens_selected() {
                    self.open_measure(hit);
                }
            }
            Action::AddPoint => {
                if let Some(hit) = self.lens_selected() {
                    self.toggle_measure_point(hit);
                }
            }
            Action::Click { column, .. } => {
                let body = super::layout::frame(self.area).body;
                let (columns_area, _) = super::layout::list_and_detail(body);
                let shown = self.lens_visible_columns().min(self.lens.columns.len());
                let panes = super::layout::columns(columns_area, shown);
                if let Some(at) = panes
                    .iter()
                    .position(|p| column >= p.x && column < p.x + p.width)
                {
                    self.lens.focus = self.lens.first + at;
                }
            }
            Action::Back => self.mode = Mode::Library,
            _ => {}
        }
    }

    fn move_in_lens_column(&mut self, by: i32) {
        if let Some(column) = self.lens.columns.get_mut(self.lens.focus) {
            column.selected = step(column.selected, by, column.hits.len());
        }
    }
}
