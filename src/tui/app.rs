//! The viewer's state and `update`, the only code that changes it. No drawing here:
//! views read the state through `&App`. Positions are kept as row indices into the
//! rows of the current width, and re-anchored on the block at the top when the width
//! changes, so a resize never loses the reader's place.

use super::action::Action;
use super::doc::Doc;
use super::figures::FiguresState;
use super::i18n::Lang;
use super::input::LineInput;
use super::layout;
use super::lens::LensState;
use super::measures::MeasuresState;
use super::picker::{Item, Picker, Purpose};
use super::points_view::PointsState;
use super::rows::{Row, Rows};
use super::saved_views::SavedViews;
use super::state::SavedState;
use crate::brief::{Brief, Theme};
use crate::points::GroupBy;
use crate::query::{Index, MetricGroups};
use crate::text::AmbiguousWidth;
use ratatui::layout::Rect;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Library,
    Reader,
    Compare,
    /// Every measure of every brief, filtered.
    Measures,
    /// Themes across cities, one column per city.
    Lens,
    /// One table of figures across cities.
    Figures,
    /// The talking points collected for a meeting.
    Points,
}

impl Mode {
    /// The top-level views in the order of their number keys.
    pub const TABS: [Mode; 5] = [
        Mode::Library,
        Mode::Measures,
        Mode::Lens,
        Mode::Figures,
        Mode::Points,
    ];

    /// The tab a view belongs to: the reader and side by side open from the library.
    pub fn tab(self) -> Mode {
        match self {
            Mode::Reader | Mode::Compare => Mode::Library,
            other => other,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Outline,
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    File,
    City,
    Date,
    Kind,
}

impl SortKey {
    fn next(self) -> SortKey {
        match self {
            SortKey::File => SortKey::City,
            SortKey::City => SortKey::Date,
            SortKey::Date => SortKey::Kind,
            SortKey::Kind => SortKey::File,
        }
    }
}

/// What the reader points at: a measure or a figure of the open brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Measure(usize),
    Figure(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryState {
    /// Brief indices in display order.
    pub order: Vec<usize>,
    /// Position in `order`.
    pub selected: usize,
    pub sort: SortKey,
    /// Briefs marked for the side-by-side view, in marking order.
    pub marked: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderState {
    pub brief: usize,
    /// The row at the top of the text pane.
    pub top: usize,
    pub focus: Pane,
    /// The selected outline entry.
    pub outline: usize,
    pub target: Option<Target>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareState {
    pub briefs: Vec<usize>,
    /// The top row of each column.
    pub tops: Vec<usize>,
    pub sync: bool,
    pub focus: usize,
}

/// Incremental search: the query as typed and the places it matches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// `(block, start, end)` in the open brief, in document order.
    pub matches: Vec<(usize, usize, usize)>,
    pub current: usize,
}

/// What a line being typed is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// Reader: find in the text; library: jump to a brief.
    Search,
    /// Measures: the text filter, applied as it is typed.
    MeasureText,
    /// Figures: the text filter, applied as it is typed.
    FigureText,
    /// Measures: the name to save the filters under.
    ViewName,
    /// Talking points: the note on point N.
    Note(usize),
}

/// A line being typed in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: LineInput,
    /// The value before typing started, restored by Esc.
    pub before: String,
}

/// Settings fixed at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub lang: Lang,
    pub color: bool,
    pub ambiguous: AmbiguousWidth,
}

pub struct App {
    pub briefs: Vec<Brief>,
    /// Theme id → (Chinese label, English label), for tags.
    pub themes: HashMap<String, (String, String)>,
    /// The taxonomy as loaded, for exports.
    pub theme_list: Vec<Theme>,
    /// Each brief prepared for reading, built the first time it is shown, so a
    /// thousand briefs open as fast as five.
    docs: Vec<OnceCell<Doc>>,
    /// Files that failed to load, with why; shown in the library.
    pub errors: Vec<String>,
    pub settings: Settings,
    pub mode: Mode,
    pub library: LibraryState,
    pub reader: ReaderState,
    pub compare: CompareState,
    pub search: Search,
    /// A line being typed, if any: keys go to it first.
    pub prompt: Option<Prompt>,
    /// A pop-up list, if open: keys go to it after the prompt.
    pub picker: Option<Picker>,
    /// Precomputed filters over all briefs.
    pub index: Index,
    pub measures: MeasuresState,
    pub lens: LensState,
    pub figures: FiguresState,
    pub points: PointsState,
    pub saved_views: SavedViews,
    /// Text to put on the terminal's clipboard (OSC 52); the event loop sends it.
    pub clipboard: Option<String>,
    pub help: bool,
    /// Where Esc in the reader returns to: the view it was opened from.
    pub back_to: Mode,
    pub quit: bool,
    pub area: Rect,
    /// A one-line message for the status bar (a source line, a search count …).
    pub status: Option<String>,
    /// The repository root the briefs' `source.path` is relative to, when known.
    pub source_root: Option<std::path::PathBuf>,
    rows: RefCell<HashMap<(usize, usize), Rc<Rows>>>,
}

impl App {
    /// The viewer on `briefs`, grouping figures by the built-in metric synonyms.
    pub fn new(
        briefs: Vec<Brief>,
        errors: Vec<String>,
        themes: &[Theme],
        settings: Settings,
        area: Rect,
    ) -> App {
        App::with_metrics(
            briefs,
            errors,
            themes,
            &MetricGroups::builtin(),
            settings,
            area,
        )
    }

    /// The viewer on `briefs`, grouping figures by `metrics`.
    pub fn with_metrics(
        briefs: Vec<Brief>,
        errors: Vec<String>,
        themes_in: &[Theme],
        metrics: &MetricGroups,
        settings: Settings,
        area: Rect,
    ) -> App {
        let docs = (0..briefs.len()).map(|_| OnceCell::new()).collect();
        let themes = themes_in
            .iter()
            .map(|t| {
                (
                    t.id.clone(),
                    (
                        t.label.clone(),
                        t.label_en.clone().unwrap_or_else(|| t.id.clone()),
                    ),
                )
            })
            .collect();
        let order = (0..briefs.len()).collect();
        let index = Index::new(&briefs, metrics);
        let mut app = App {
            briefs,
            themes,
            theme_list: themes_in.to_vec(),
            docs,
            errors,
            settings,
            mode: Mode::Library,
            library: LibraryState {
                order,
                selected: 0,
                sort: SortKey::File,
                marked: Vec::new(),
            },
            reader: ReaderState {
                brief: 0,
                top: 0,
                focus: Pane::Text,
                outline: 0,
                target: None,
            },
            compare: CompareState {
                briefs: Vec::new(),
                tops: Vec::new(),
                sync: true,
                focus: 0,
            },
            search: Search::default(),
            prompt: None,
            picker: None,
            index,
            measures: MeasuresState::default(),
            lens: LensState::default(),
            figures: FiguresState::default(),
            points: PointsState::in_memory(),
            saved_views: SavedViews::in_memory(),
            clipboard: None,
            help: false,
            back_to: Mode::Library,
            quit: false,
            area,
            status: None,
            source_root: None,
            rows: RefCell::new(HashMap::new()),
        };
        app.refilter_measures();
        app.refilter_figures();
        app.rebuild_lens();
        app
    }

    /// Brief `brief` prepared for reading.
    pub fn doc(&self, brief: usize) -> &Doc {
        self.docs[brief].get_or_init(|| Doc::build(&self.briefs[brief], self.settings.ambiguous))
    }

    /// The rows of brief `brief` at `width`, laid out once and cached.
    pub fn rows(&self, brief: usize, width: usize) -> Rc<Rows> {
        let mut cache = self.rows.borrow_mut();
        if cache.len() > 64 {
            cache.clear(); // many resizes: keep the cache small
        }
        cache
            .entry((brief, width))
            .or_insert_with(|| Rc::new(Rows::layout(self.doc(brief), width)))
            .clone()
    }

    /// The text pane of the reader and its wrap width.
    pub fn reader_text_pane(&self) -> Rect {
        layout::reader(layout::frame(self.area).body).1
    }

    pub(super) fn reader_rows(&self) -> Rc<Rows> {
        self.rows(
            self.reader.brief,
            layout::text_width(self.reader_text_pane()),
        )
    }

    pub(super) fn page_height(&self) -> usize {
        usize::from(layout::inner(layout::frame(self.area).body).height).max(1)
    }

    pub fn compare_panes(&self) -> Vec<Rect> {
        layout::columns(layout::frame(self.area).body, self.compare.briefs.len())
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action) {
        if let Action::Resize(width, height) = action {
            return self.resize(width, height);
        }
        if self.prompt.is_some() {
            return self.prompt_action(action);
        }
        if self.picker.is_some() {
            return self.picker_action(action);
        }
        if self.help {
            if matches!(action, Action::ToggleHelp | Action::Back | Action::Quit) {
                self.help = false;
            }
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => self.help = true,
            Action::Tab(n) => self.switch_tab(n),
            _ => match self.mode {
                Mode::Library => self.library_action(action),
                Mode::Reader => self.reader_action(action),
                Mode::Compare => self.compare_action(action),
                Mode::Measures => self.measures_action(action),
                Mode::Lens => self.lens_action(action),
                Mode::Figures => self.figures_action(action),
                Mode::Points => self.points_action(action),
            },
        }
    }

    /// To top-level view `n` (1-based, as on the keys).
    fn switch_tab(&mut self, n: u8) {
        let Some(&mode) = Mode::TABS.get(usize::from(n).wrapping_sub(1)) else {
            return;
        };
        self.mode = mode;
        self.status = None;
        if mode == Mode::Points {
            self.refresh_points();
        }
    }

    // ------------------------------------------------------------ typing

    /// Starts typing a line for `kind`, beginning with `text`.
    pub(super) fn start_prompt(&mut self, kind: PromptKind, text: &str) {
        self.prompt = Some(Prompt {
            kind,
            input: LineInput::with_text(text),
            before: text.to_owned(),
        });
    }

    fn prompt_action(&mut self, action: Action) {
        let Some(prompt) = self.prompt.as_mut() else {
            return;
        };
        let input = &mut prompt.input;
        match action {
            Action::Type(c) => input.insert(c),
            Action::Backspace => input.backspace(),
            Action::Delete => input.delete(),
            Action::CaretLeft => input.left(),
            Action::CaretRight => input.right(),
            Action::CaretHome => input.home(),
            Action::CaretEnd => input.end(),
            Action::Submit => {
                let prompt = self.prompt.take().expect("checked above");
                return self.prompt_done(prompt.kind, prompt.input.text().to_owned());
            }
            Action::Back => {
                let prompt = self.prompt.take().expect("checked above");
                return self.prompt_cancelled(prompt.kind, &prompt.before);
            }
            _ => return,
        }
        let prompt = self.prompt.as_ref().expect("still typing");
        let (kind, text) = (prompt.kind, prompt.input.text().to_owned());
        self.prompt_changed(kind, text);
    }

    /// Filters follow the typing; other prompts wait for Enter.
    fn prompt_changed(&mut self, kind: PromptKind, text: String) {
        match kind {
            PromptKind::Search => {
                self.search.query = text;
                match self.mode {
                    Mode::Library => self.jump_library(),
                    _ => self.find_matches(),
                }
            }
            PromptKind::MeasureText => self.set_measure_text(text),
            PromptKind::FigureText => self.set_figure_text(text),
            PromptKind::ViewName | PromptKind::Note(_) => {}
        }
    }

    fn prompt_done(&mut self, kind: PromptKind, text: String) {
        match kind {
            PromptKind::Search => self.report_matches(),
            PromptKind::MeasureText | PromptKind::FigureText => {}
            PromptKind::ViewName => self.save_view(&text),
            PromptKind::Note(point) => self.set_note(point, &text),
        }
    }

    fn prompt_cancelled(&mut self, kind: PromptKind, before: &str) {
        match kind {
            PromptKind::Search => {
                self.search.query.clear();
                self.search.matches.clear();
                self.status = None;
            }
            PromptKind::MeasureText => self.set_measure_text(before.to_owned()),
            PromptKind::FigureText => self.set_figure_text(before.to_owned()),
            PromptKind::ViewName | PromptKind::Note(_) => self.status = None,
        }
    }

    fn resize(&mut self, width: u16, height: u16) {
        let before_reader = self.reader_rows();
        let anchor = before_reader.block_at(self.reader.top);
        let before_compare: Vec<usize> = self
            .compare_panes()
            .iter()
            .zip(&self.compare.briefs)
            .zip(&self.compare.tops)
            .map(|((pane, &brief), &top)| self.rows(brief, layout::text_width(*pane)).block_at(top))
            .collect();
        self.area = Rect::new(0, 0, width, height);
        self.reader.top = self
            .reader_rows()
            .block_start
            .get(anchor)
            .copied()
            .unwrap_or(0);
        let panes = self.compare_panes();
        for (column, block) in before_compare.into_iter().enumerate() {
            let rows = self.rows(
                self.compare.briefs[column],
                layout::text_width(panes[column]),
            );
            self.compare.tops[column] = rows.block_start.get(block).copied().unwrap_or(0);
        }
    }

    // ------------------------------------------------------------ library

    fn library_action(&mut self, action: Action) {
        let count = self.library.order.len();
        match action {
            Action::Move(n) => self.library.selected = step(self.library.selected, n, count),
            Action::Page(n) => {
                self.library.selected =
                    step(self.library.selected, n * self.page_height() as i32, count)
            }
            Action::Top => self.library.selected = 0,
            Action::Bottom => self.library.selected = count.saturating_sub(1),
            Action::Open => {
                if let Some(&brief) = self.library.order.get(self.library.selected) {
                    self.open_reader(brief);
                }
            }
            Action::Mark => self.toggle_mark(),
            Action::Compare => self.open_compare(),
            Action::CycleSort => self.sort(self.library.sort.next()),
            Action::StartSearch => self.start_search(),
            Action::Click { row, .. } => {
                let first = layout::inner(layout::frame(self.area).body).y + 1; // under the header
                if row >= first {
                    let index = usize::from(row - first) + self.library_offset();
                    if index < count {
                        self.library.selected = index;
                    }
                }
            }
            Action::Scroll { lines, .. } => {
                self.library.selected = step(self.library.selected, lines, count)
            }
            _ => {}
        }
    }

    /// The first visible row of the library list (so the selection stays on screen).
    pub fn library_offset(&self) -> usize {
        let visible = self.page_height().saturating_sub(1).max(1);
        self.library.selected.saturating_sub(visible - 1)
    }

    fn toggle_mark(&mut self) {
        let Some(&brief) = self.library.order.get(self.library.selected) else {
            return;
        };
        if let Some(at) = self.library.marked.iter().position(|&b| b == brief) {
            self.library.marked.remove(at);
        } else if self.library.marked.len() < 4 {
            self.library.marked.push(brief);
        } else {
            self.status = Some(
                self.settings
                    .lang
                    .pick("最多并排四份", "at most four side by side")
                    .to_owned(),
            );
        }
    }

    fn sort(&mut self, key: SortKey) {
        let selected = self.library.order.get(self.library.selected).copied();
        let briefs = &self.briefs;
        let mut order: Vec<usize> = (0..briefs.len()).collect();
        match key {
            SortKey::File => {}
            SortKey::City => order.sort_by(|&a, &b| briefs[a].city.cmp(&briefs[b].city)),
            SortKey::Date => order.sort_by(|&a, &b| briefs[b].date.cmp(&briefs[a].date)),
            SortKey::Kind => order.sort_by_key(|&a| briefs[a].kind.as_str()),
        }
        self.library.order = order;
        self.library.sort = key;
        self.library.selected = selected
            .and_then(|s| self.library.order.iter().position(|&b| b == s))
            .unwrap_or(0);
    }

    pub fn open_reader(&mut self, brief: usize) {
        self.back_to = self.mode.tab();
        self.mode = Mode::Reader;
        if self.reader.brief != brief {
            self.reader = ReaderState {
                brief,
                top: 0,
                focus: Pane::Text,
                outline: 0,
                target: None,
            };
            self.search = Search::default();
        }
        self.status = None;
    }

    fn open_compare(&mut self) {
        let mut briefs = self.library.marked.clone();
        if briefs.len() < 2 {
            // Nothing marked: the selected brief and the next one.
            let selected = self.library.order.get(self.library.selected).copied();
            briefs = selected.into_iter().collect();
            let next = self
                .library
                .order
                .get(self.library.selected + 1)
                .or(self.library.order.first());
            if let Some(&next) = next.filter(|n| !briefs.contains(n)) {
                briefs.push(next);
            }
        }
        if briefs.len() < 2 {
            self.status = Some(
                self.settings
                    .lang
                    .pick("至少需要两份简报", "need at least two briefs")
                    .to_owned(),
            );
            return;
        }
        self.compare.tops = vec![0; briefs.len()];
        self.compare.briefs = briefs;
        self.compare.focus = 0;
        self.mode = Mode::Compare;
        self.status = None;
    }

    // ------------------------------------------------------------ reader

    fn reader_action(&mut self, action: Action) {
        let rows = self.reader_rows();
        let page = self.page_height() as i32;
        let outline_len = self.doc(self.reader.brief).outline.len();
        let in_outline = self.reader.focus == Pane::Outline;
        match action {
            Action::Back => self.mode = self.back_to,
            Action::AddPoint => self.add_point_in_reader(),
            Action::Move(n) if in_outline => {
                self.reader.outline = step(self.reader.outline, n, outline_len)
            }
            Action::Page(n) if in_outline => {
                self.reader.outline = step(self.reader.outline, n * page, outline_len)
            }
            Action::Top if in_outline => self.reader.outline = 0,
            Action::Bottom if in_outline => self.reader.outline = outline_len.saturating_sub(1),
            Action::Open if in_outline => self.jump_to_entry(self.reader.outline),
            Action::Move(n) => self.scroll_reader(n, &rows),
            Action::Page(n) => self.scroll_reader(n * page, &rows),
            Action::Top => self.reader.top = 0,
            Action::Bottom => self.reader.top = self.last_top(&rows),
            Action::NextPane | Action::PrevPane => {
                self.reader.focus = if in_outline {
                    Pane::Text
                } else {
                    Pane::Outline
                };
                if self.reader.focus == Pane::Outline {
                    self.reader.outline = self.entry_at(rows.block_at(self.reader.top));
                }
            }
            Action::NextMeasure => self.step_target(true, true),
            Action::PrevMeasure => self.step_target(true, false),
            Action::NextFigure => self.step_target(false, true),
            Action::PrevFigure => self.step_target(false, false),
            Action::ShowSource => self.show_source(),
            Action::StartSearch => self.start_search(),
            Action::NextMatch => self.step_match(1),
            Action::PrevMatch => self.step_match(-1),
            Action::Compare => {
                let brief = self.reader.brief;
                self.library.marked = vec![brief, (brief + 1) % self.briefs.len().max(1)];
                self.open_compare();
            }
            Action::Scroll { column, lines, .. } => {
                let (outline, _) = layout::reader(layout::frame(self.area).body);
                if outline.is_some_and(|o| column < o.x + o.width) {
                    self.reader.outline = step(self.reader.outline, lines, outline_len);
                } else {
                    self.scroll_reader(lines, &rows);
                }
            }
            Action::Click { column, row } => self.reader_click(column, row),
            _ => {}
        }
    }

    pub(super) fn last_top(&self, rows: &Rows) -> usize {
        rows.len().saturating_sub(self.page_height())
    }

    fn scroll_reader(&mut self, n: i32, rows: &Rows) {
        let last = self.last_top(rows);
        self.reader.top = step(self.reader.top, n, last + 1);
    }

    fn entry_at(&self, block: usize) -> usize {
        self.doc(self.reader.brief)
            .blocks
            .get(block)
            .and_then(|b| b.entry)
            .unwrap_or(0)
    }

    fn jump_to_entry(&mut self, entry: usize) {
        let Some(block) = self
            .doc(self.reader.brief)
            .outline
            .get(entry)
            .map(|e| e.block)
        else {
            return;
        };
        self.show_block(block);
        self.reader.focus = Pane::Text;
    }

    /// Scrolls so `block` starts near the top of the text pane.
    fn show_block(&mut self, block: usize) {
        self.show_position(block, 0);
    }

    /// Scrolls so the row holding byte `at` of `block` is in view, a few rows from
    /// the top (a long block may need scrolling past its start).
    pub(super) fn show_position(&mut self, block: usize, at: usize) {
        let rows = self.reader_rows();
        let start = rows.block_start.get(block).copied().unwrap_or(0);
        let row = rows.rows[start..]
            .iter()
            .position(|r| matches!(*r, Row::Text { block: b, end, .. } if b == block && at < end))
            .map_or(start, |offset| start + offset);
        let context = if row == start { 0 } else { 2 };
        self.reader.top = row.saturating_sub(context).min(self.last_top(&rows));
    }

    /// The next or previous measure (or figure) after the one in focus, or after
    /// the top of the pane when none is.
    fn step_target(&mut self, measures: bool, forward: bool) {
        let doc = self.doc(self.reader.brief);
        let blocks = if measures {
            &doc.measure_blocks
        } else {
            &doc.figure_blocks
        };
        let current = match (self.reader.target, measures) {
            (Some(Target::Measure(i)), true) | (Some(Target::Figure(i)), false) => Some(i),
            _ => None,
        };
        let top_block = self.reader_rows().block_at(self.reader.top);
        let candidates = (0..blocks.len()).filter(|&i| blocks[i].is_some());
        let next = if forward {
            match current {
                Some(c) => candidates.clone().find(|&i| i > c),
                None => candidates
                    .clone()
                    .find(|&i| blocks[i].is_some_and(|b| b >= top_block)),
            }
        } else {
            match current {
                Some(c) => candidates.clone().rev().find(|&i| i < c),
                None => candidates
                    .clone()
                    .rev()
                    .find(|&i| blocks[i].is_some_and(|b| b <= top_block)),
            }
        };
        let Some(index) = next else {
            self.status = Some(self.settings.lang.pick("没有更多了", "no more").to_owned());
            return;
        };
        let block = blocks[index].unwrap_or(0);
        self.reader.target = Some(if measures {
            Target::Measure(index)
        } else {
            Target::Figure(index)
        });
        self.show_block(block);
        self.show_source();
    }

    /// Puts the source file and line of the target (or of the top block) in the
    /// status bar.
    pub(super) fn show_source(&mut self) {
        let brief = &self.briefs[self.reader.brief];
        let lang = self.settings.lang;
        let (what, line) = match self.reader.target {
            Some(Target::Measure(i)) => (
                format!("{} {}", brief.measures[i].id, brief.measures[i].title),
                brief.measures[i].line,
            ),
            Some(Target::Figure(i)) => {
                let f = &brief.figures[i];
                let value = f.value.map_or_else(|| "*".to_owned(), |v| v.to_string());
                (format!("{} {} {}{}", f.id, f.metric, value, f.unit), f.line)
            }
            None => {
                let block = self.reader_rows().block_at(self.reader.top);
                let line = self
                    .doc(self.reader.brief)
                    .blocks
                    .get(block)
                    .and_then(|b| b.line)
                    .unwrap_or(1);
                (lang.pick("当前位置", "here").to_owned(), line)
            }
        };
        let quoted = self
            .source_line(&brief.source.path, line)
            .map(|text| format!(" «{text}»"))
            .unwrap_or_default();
        let message = format!("{what} → {}:{line}{quoted}", brief.source.path);
        self.status = Some(crate::text::sanitize(&message).into_owned());
    }

    /// Line `line` of a source file, read when asked (sources are not kept in memory).
    fn source_line(&self, path: &str, line: u32) -> Option<String> {
        let bytes = std::fs::read(self.source_root.as_ref()?.join(path)).ok()?;
        let decoded = crate::convert::decode::decode(&bytes).ok()?;
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        let text = crate::convert::decode::lines(&decoded.text)
            .get(index)?
            .trim()
            .to_owned();
        Some(text)
    }

    fn reader_click(&mut self, column: u16, row: u16) {
        let (outline, text) = layout::reader(layout::frame(self.area).body);
        if let Some(pane) = outline.filter(|o| column < o.x + o.width) {
            let inner = layout::inner(pane);
            if row >= inner.y {
                let entry =
                    usize::from(row - inner.y) + self.outline_offset(usize::from(inner.height));
                if entry < self.doc(self.reader.brief).outline.len() {
                    self.reader.outline = entry;
                    self.jump_to_entry(entry);
                }
            }
        } else if column >= text.x {
            self.reader.focus = Pane::Text;
        }
    }

    /// The first visible outline entry for a pane of `height` rows.
    pub fn outline_offset(&self, height: usize) -> usize {
        self.reader.outline.saturating_sub(height.saturating_sub(1))
    }

    // ------------------------------------------------------------ pop-up lists

    fn picker_action(&mut self, action: Action) {
        let Some(picker) = self.picker.as_mut() else {
            return;
        };
        match action {
            Action::Move(n) => picker.move_by(n),
            Action::Page(n) => picker.move_by(n * 10),
            Action::Scroll { lines, .. } => picker.move_by(lines.signum()),
            Action::Top => picker.move_by(i32::MIN / 2),
            Action::Bottom => picker.move_by(i32::MAX / 2),
            Action::Type(c) => {
                picker.filter.insert(c);
                picker.refilter();
            }
            Action::Backspace => {
                picker.filter.backspace();
                picker.refilter();
            }
            Action::Mark if picker.toggle() => {
                self.apply_picker();
            }
            Action::Delete if picker.purpose == Purpose::SavedViews => {
                if let Some(item) = picker.current().map(|i| picker.items.remove(i)) {
                    picker.refilter();
                    let result = self.saved_views.remove(&item.key);
                    self.say_saved(result, "已删除视图", "view deleted");
                }
            }
            Action::Submit | Action::Open if picker.multi => {
                // Ticks apply as they are made; Enter on a list with none ticked
                // ticks the item under the cursor, the quick way to pick one.
                if picker.checked().next().is_none() && picker.toggle() {
                    self.apply_picker();
                }
                self.picker = None;
            }
            Action::Submit | Action::Open => {
                let picker = self.picker.take().expect("checked above");
                if let Some(i) = picker.current() {
                    self.chosen(picker.purpose, &picker.items[i].key);
                }
            }
            Action::Back | Action::Quit => self.picker = None,
            _ => {}
        }
    }

    /// Carries the ticks of the open (multi-choice) picker into its filter.
    fn apply_picker(&mut self) {
        let Some(picker) = self.picker.as_ref() else {
            return;
        };
        let keys: std::collections::BTreeSet<String> =
            picker.checked().map(str::to_owned).collect();
        match picker.purpose {
            Purpose::MeasureThemes => self.measures.filter.themes = keys,
            Purpose::MeasureCities => self.measures.filter.cities = keys,
            Purpose::MeasureStatuses => {
                self.measures.filter.statuses =
                    keys.iter().filter_map(|k| parse_status(k)).collect()
            }
            Purpose::MeasureKinds => {
                self.measures.filter.kinds = keys.iter().filter_map(|k| parse_kind(k)).collect()
            }
            Purpose::FigureThemes => self.figures.filter.themes = keys,
            Purpose::FigureCities => self.figures.filter.cities = keys,
            Purpose::FigureKinds => {
                self.figures.filter.kinds =
                    keys.iter().filter_map(|k| parse_figure_kind(k)).collect()
            }
            Purpose::LensThemes => {
                if !keys.is_empty() {
                    self.lens.themes = keys;
                }
            }
            Purpose::SavedViews | Purpose::ExportGrouping => return,
        }
        match picker.purpose {
            Purpose::FigureThemes | Purpose::FigureCities | Purpose::FigureKinds => {
                self.refilter_figures()
            }
            Purpose::LensThemes => self.rebuild_lens(),
            _ => self.refilter_measures(),
        }
    }

    /// A single-choice picker's answer.
    fn chosen(&mut self, purpose: Purpose, key: &str) {
        match purpose {
            Purpose::SavedViews => {
                if let Some(view) = self.saved_views.get(key) {
                    self.measures.filter = view.filter.clone();
                    self.refilter_measures();
                    self.mode = Mode::Measures;
                    self.status = Some(crate::text::sanitize(key).into_owned());
                }
            }
            Purpose::ExportGrouping => self.export_points(if key == "city" {
                GroupBy::City
            } else {
                GroupBy::Theme
            }),
            _ => {}
        }
    }

    pub(super) fn save_view(&mut self, name: &str) {
        if name.trim().is_empty() {
            self.status = None;
            return;
        }
        let filter = self.measures.filter.clone();
        let result = self.saved_views.save(name, &filter);
        self.say_saved(result, "视图已保存", "view saved");
    }

    fn say_saved(&mut self, result: std::io::Result<()>, zh: &'static str, en: &'static str) {
        let lang = self.settings.lang;
        self.status = Some(match result {
            Ok(()) => lang.pick(zh, en).to_owned(),
            Err(e) => format!("{}: {e}", lang.pick("未能保存", "not saved")),
        });
    }

    pub(super) fn open_saved_views(&mut self) {
        let lang = self.settings.lang;
        if self.saved_views.views.is_empty() {
            self.status = Some(
                lang.pick(
                    "还没有保存的视图（v 保存）",
                    "no saved views yet (v saves one)",
                )
                .to_owned(),
            );
            return;
        }
        let items = self
            .saved_views
            .views
            .iter()
            .map(|v| {
                let chips = super::measures::chips(&v.filter).len();
                Item::new(
                    v.name.clone(),
                    v.name.clone(),
                    format!("{chips} {}", lang.pick("个条件", "filters")),
                )
            })
            .collect();
        let title = lang.pick(" 保存的视图（Del 删除） ", " saved views (Del deletes) ");
        self.picker = Some(Picker::new(Purpose::SavedViews, title, items, false));
    }

    /// Keeps saved views in `path`; returns a message if the file could not be read.
    pub fn open_saved_views_file(&mut self, path: &std::path::Path) -> Option<String> {
        let (views, notice) = SavedViews::open(path);
        self.saved_views = views;
        notice
    }

    // ------------------------------------------------------------ search

    fn start_search(&mut self) {
        self.search.query.clear();
        self.search.matches.clear();
        self.search.current = 0;
        self.start_prompt(PromptKind::Search, "");
    }

    /// Library: the first brief whose id, city or title contains the query.
    fn jump_library(&mut self) {
        let query = self.search.query.to_lowercase();
        if query.is_empty() {
            return;
        }
        let hit = self.library.order.iter().position(|&b| {
            let brief = &self.briefs[b];
            brief.id.contains(&query)
                || brief.city.as_deref().unwrap_or("").contains(&query)
                || brief.title.contains(&query)
        });
        if let Some(position) = hit {
            self.library.selected = position;
        }
    }

    /// Reader: every occurrence of the query, and a jump to the first at or after
    /// the top of the pane, as the user types.
    fn find_matches(&mut self) {
        self.search.matches.clear();
        self.search.current = 0;
        if self.search.query.is_empty() {
            return;
        }
        let doc = self.doc(self.reader.brief);
        let query = self.search.query.as_str();
        let matches: Vec<(usize, usize, usize)> = doc
            .blocks
            .iter()
            .enumerate()
            .flat_map(|(b, block)| {
                block
                    .text
                    .match_indices(query)
                    .map(move |(at, found)| (b, at, at + found.len()))
            })
            .collect();
        self.search.matches = matches;
        let top_block = self.reader_rows().block_at(self.reader.top);
        self.search.current = self
            .search
            .matches
            .iter()
            .position(|m| m.0 >= top_block)
            .unwrap_or(0);
        if let Some(&(block, at, _)) = self.search.matches.get(self.search.current) {
            self.show_position(block, at);
        }
        self.report_matches();
    }

    fn report_matches(&mut self) {
        let lang = self.settings.lang;
        self.status = Some(if self.search.matches.is_empty() {
            if self.search.query.is_empty() {
                String::new()
            } else {
                format!(
                    "{} «{}»",
                    lang.pick("没有找到", "not found:"),
                    self.search.query
                )
            }
        } else {
            format!(
                "{}/{} «{}»",
                self.search.current + 1,
                self.search.matches.len(),
                self.search.query
            )
        });
    }

    fn step_match(&mut self, by: i32) {
        let count = self.search.matches.len();
        if count == 0 {
            return;
        }
        self.search.current =
            (self.search.current as i64 + i64::from(by)).rem_euclid(count as i64) as usize;
        let (block, at, _) = self.search.matches[self.search.current];
        self.show_position(block, at);
        self.report_matches();
    }

    // ------------------------------------------------------------ side by side

    fn compare_action(&mut self, action: Action) {
        let columns = self.compare.briefs.len();
        let page = self.page_height() as i32;
        match action {
            Action::Back => self.mode = Mode::Library,
            Action::NextPane => self.compare.focus = (self.compare.focus + 1) % columns.max(1),
            Action::PrevPane => {
                self.compare.focus = (self.compare.focus + columns.max(1) - 1) % columns.max(1)
            }
            Action::Move(n) => self.scroll_columns(n, None),
            Action::Page(n) => self.scroll_columns(n * page, None),
            Action::Top => self.scroll_columns(i32::MIN / 2, None),
            Action::Bottom => self.scroll_columns(i32::MAX / 2, None),
            Action::ToggleSync => {
                self.compare.sync = !self.compare.sync;
                let lang = self.settings.lang;
                self.status = Some(
                    if self.compare.sync {
                        lang.pick("同步滚动", "scrolling together")
                    } else {
                        lang.pick("分别滚动", "scrolling separately")
                    }
                    .to_owned(),
                );
            }
            Action::NextSection => self.align_sections(true),
            Action::PrevSection => self.align_sections(false),
            Action::Open => {
                let brief = self.compare.briefs[self.compare.focus];
                self.open_reader(brief);
            }
            Action::Scroll { column, lines, .. } => {
                let under = self
                    .compare_panes()
                    .iter()
                    .position(|p| column >= p.x && column < p.x + p.width);
                self.scroll_columns(lines, under);
            }
            Action::Click { column, .. } => {
                if let Some(under) = self
                    .compare_panes()
                    .iter()
                    .position(|p| column >= p.x && column < p.x + p.width)
                {
                    self.compare.focus = under;
                }
            }
            _ => {}
        }
    }

    /// Scrolls the focused column (or the one under the pointer), or every column
    /// when they scroll together.
    fn scroll_columns(&mut self, n: i32, under: Option<usize>) {
        let panes = self.compare_panes();
        let page = self.page_height();
        for (column, pane) in panes.iter().enumerate() {
            let chosen = under.unwrap_or(self.compare.focus);
            if !self.compare.sync && column != chosen {
                continue;
            }
            let rows = self.rows(self.compare.briefs[column], layout::text_width(*pane));
            let last = rows.len().saturating_sub(page);
            self.compare.tops[column] = step(self.compare.tops[column], n, last + 1);
        }
    }

    /// Moves the focused column to its next (previous) heading, and every other
    /// column to a heading of the same level, where one exists, so like sections
    /// line up.
    fn align_sections(&mut self, forward: bool) {
        let panes = self.compare_panes();
        let focus = self.compare.focus;
        let rows = self.rows(self.compare.briefs[focus], layout::text_width(panes[focus]));
        let doc = self.doc(self.compare.briefs[focus]);
        let top_block = rows.block_at(self.compare.tops[focus]);
        let entries = &doc.outline;
        let found = if forward {
            entries.iter().position(|e| e.block > top_block)
        } else {
            entries.iter().rposition(|e| e.block < top_block)
        };
        let Some(entry) = found else { return };
        let depth = entries[entry].depth;
        let ordinal = entries[..entry].iter().filter(|e| e.depth == depth).count();
        for (column, pane) in panes.iter().enumerate() {
            let brief = self.compare.briefs[column];
            let same_level = self
                .doc(brief)
                .outline
                .iter()
                .filter(|e| e.depth == depth)
                .nth(ordinal);
            let Some(target) = same_level.map(|e| e.block) else {
                continue;
            };
            let rows = self.rows(brief, layout::text_width(*pane));
            self.compare.tops[column] = rows.block_start.get(target).copied().unwrap_or(0);
        }
    }

    // ------------------------------------------------------------ saved state

    /// What to remember for next time.
    pub fn saved(&self) -> SavedState {
        let block = self.reader_rows().block_at(self.reader.top);
        SavedState {
            view: match self.mode {
                Mode::Library => "library",
                Mode::Reader => "reader",
                Mode::Compare => "compare",
                Mode::Measures => "measures",
                Mode::Lens => "lens",
                Mode::Figures => "figures",
                Mode::Points => "points",
            }
            .to_owned(),
            measures: self.measures.filter.clone(),
            lens: self.lens.themes.iter().cloned().collect(),
            figures: self.figures.filter.clone(),
            brief: self.briefs.get(self.reader.brief).map(|b| b.id.clone()),
            block,
            compare: self
                .compare
                .briefs
                .iter()
                .map(|&b| self.briefs[b].id.clone())
                .collect(),
        }
    }

    /// Returns to a saved place; anything that no longer exists is skipped.
    pub fn restore(&mut self, saved: &SavedState) {
        self.measures.filter = saved.measures.clone();
        self.refilter_measures();
        self.figures.filter = saved.figures.clone();
        self.refilter_figures();
        if !saved.lens.is_empty() {
            self.lens.themes = saved.lens.iter().cloned().collect();
            self.rebuild_lens();
        }
        let index_of = |id: &str| self.briefs.iter().position(|b| b.id == id);
        if let Some(brief) = saved.brief.as_deref().and_then(index_of) {
            self.reader.brief = brief;
            self.library.selected = self
                .library
                .order
                .iter()
                .position(|&b| b == brief)
                .unwrap_or(0);
            let rows = self.reader_rows();
            self.reader.top = rows
                .block_start
                .get(saved.block)
                .copied()
                .unwrap_or(0)
                .min(self.last_top(&rows));
        }
        let compare: Vec<usize> = saved.compare.iter().filter_map(|id| index_of(id)).collect();
        match saved.view.as_str() {
            "measures" => self.mode = Mode::Measures,
            "lens" => self.mode = Mode::Lens,
            "figures" => self.mode = Mode::Figures,
            "points" => self.switch_tab(5),
            "reader" if saved.brief.as_deref().and_then(index_of).is_some() => {
                self.mode = Mode::Reader
            }
            "compare" if compare.len() >= 2 => {
                self.library.marked = compare;
                self.open_compare();
            }
            _ => {}
        }
    }

    /// A theme's label in the interface language (its id when unknown).
    pub fn theme_label<'a>(&'a self, id: &'a str) -> &'a str {
        match self.themes.get(id) {
            Some((zh, en)) => match self.settings.lang {
                Lang::Zh => zh,
                Lang::En => en,
            },
            None => id,
        }
    }
}

fn parse_status(key: &str) -> Option<crate::brief::Status> {
    use crate::brief::Status;
    [Status::Done, Status::Planned, Status::Ongoing]
        .into_iter()
        .find(|s| s.as_str() == key)
}

fn parse_kind(key: &str) -> Option<crate::brief::DocKind> {
    crate::brief::DocKind::ALL
        .into_iter()
        .find(|k| k.as_str() == key)
}

fn parse_figure_kind(key: &str) -> Option<crate::brief::FigureKind> {
    use crate::brief::FigureKind;
    [FigureKind::Actual, FigureKind::Target, FigureKind::Masked]
        .into_iter()
        .find(|k| k.as_str() == key)
}

/// `from` moved by `by`, kept within `0..count`.
pub(super) fn step(from: usize, by: i32, count: usize) -> usize {
    if count == 0 {
        return 0;
    }
    let moved = from as i64 + i64::from(by);
    moved.clamp(0, count as i64 - 1) as usize
}
