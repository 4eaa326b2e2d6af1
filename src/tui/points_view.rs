//! Talking points in the viewer: Space collects the measure, figure or paragraph in
//! focus from any view (and Space again puts it back), and the points view orders
//! them, annotates them and exports them. Every change is saved at once by
//! `points::Store`; when saving fails the points stay in memory and the status bar
//! says why, so nothing the user collected is lost to a full disk or a read-only file.

use super::action::Action;
use super::app::{App, Mode, PromptKind, Settings, Target as ReaderTarget, step};
use super::doc::{BlockKind, Doc};
use super::picker::{Item, Picker, Purpose};
use crate::brief::Brief;
use crate::points::{
    self, ExportOptions, GroupBy, Language, Point, Resolved, SaveError, Store, Target,
};
use crate::query::{FigureRef, MeasureRef};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Whether a point still says what its brief says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Freshness {
    Fresh,
    /// Changed or moved since it was added: why, in the interface language.
    Stale(String),
    /// Its brief or item is gone.
    Missing(String),
}

#[derive(Debug, Default)]
pub struct PointsState {
    /// `None` when the viewer runs without a points file (tests, benchmarks).
    pub store: Option<Store>,
    /// Position in the points.
    pub selected: usize,
    /// The point removed last and where it was, for `u`.
    pub removed: Option<(usize, Point)>,
    /// One entry per point, refreshed when the points view opens or a point changes.
    pub freshness: Vec<Freshness>,
}

impl PointsState {
    pub fn in_memory() -> PointsState {
        PointsState::default()
    }

    pub fn points(&self) -> &[Point] {
        self.store.as_ref().map_or(&[], Store::points)
    }

    /// Whether `reference` (and `paragraph`) is among the points.
    pub fn has(&self, reference: &str, paragraph: Option<u32>) -> bool {
        self.store
            .as_ref()
            .and_then(|s| s.contains(reference, paragraph))
            .is_some()
    }
}

/// The file an export is written to: beside the points file.
pub fn export_path(points_file: &Path) -> PathBuf {
    points_file.with_extension("md")
}

impl App {
    /// Keeps the points in `path`; returns what the user should be told about the
    /// file (it was corrupt and copied aside, or it is read-only).
    pub fn open_points(&mut self, path: &Path) -> Option<String> {
        let (store, notice) = Store::open(path);
        self.points.store = Some(store);
        self.points.selected = 0;
        self.refresh_points();
        let notice = notice.map(|n| crate::text::sanitize(&n.to_string()).into_owned());
        if notice.is_some() {
            self.status = notice.clone();
        }
        notice
    }

    /// Recomputes which points are stale against the loaded briefs.
    pub(super) fn refresh_points(&mut self) {
        let lang = self.settings.lang;
        self.points.freshness = self
            .points
            .points()
            .iter()
            .map(|point| match points::resolve(&self.briefs, point) {
                Resolved::Found { .. } => Freshness::Fresh,
                Resolved::Stale { why, .. } => Freshness::Stale(match why {
                    points::Stale::Changed => lang.pick("原文已改", "changed").to_owned(),
                    points::Stale::Moved => lang.pick("位置已变", "moved").to_owned(),
                }),
                Resolved::Missing { why, .. } => Freshness::Missing(match why {
                    points::Missing::BadReference => lang.pick("引用无效", "bad ref").to_owned(),
                    points::Missing::NoBrief(_) => lang.pick("简报不在", "no brief").to_owned(),
                    points::Missing::NoItem(_) => lang.pick("条目不在", "gone").to_owned(),
                }),
            })
            .collect();
        let count = self.points.points().len();
        self.points.selected = self.points.selected.min(count.saturating_sub(1));
    }

    /// Reports the outcome of a change to the points.
    fn saved_or_said(&mut self, result: Result<(), SaveError>, done: String) {
        self.report(result.map(|()| done).map_err(|e| e.to_string()));
    }

    pub(super) fn toggle_measure_point(&mut self, hit: MeasureRef) {
        let brief = &self.briefs[hit.brief as usize];
        let Some(measure) = brief.measures.get(hit.measure as usize) else {
            return;
        };
        let outcome = toggle(
            &mut self.points,
            brief,
            Target::Measure(measure),
            self.settings,
        );
        self.report(outcome);
    }

    pub(super) fn toggle_figure_point(&mut self, hit: FigureRef) {
        let brief = &self.briefs[hit.brief as usize];
        let Some(figure) = brief.figures.get(hit.figure as usize) else {
            return;
        };
        let outcome = toggle(
            &mut self.points,
            brief,
            Target::Figure(figure),
            self.settings,
        );
        self.report(outcome);
    }

    /// Reader: the measure or figure in focus if it is on screen, else the first
    /// paragraph, measure or heading from the top of the text.
    pub(super) fn add_point_in_reader(&mut self) {
        let rows = self.reader_rows();
        let top = self.reader.top;
        let bottom = top + self.page_height();
        let doc = self.doc(self.reader.brief);
        let on_screen = |block: Option<usize>| {
            block.is_some_and(|b| {
                let start = rows.block_start.get(b).copied().unwrap_or(usize::MAX);
                let end = rows.block_start.get(b + 1).copied().unwrap_or(rows.len());
                start < bottom && end > top
            })
        };
        let brief = &self.briefs[self.reader.brief];
        let focused = match self.reader.target {
            Some(ReaderTarget::Measure(i)) if on_screen(doc.measure_blocks[i]) => {
                brief.measures.get(i).map(Target::Measure)
            }
            Some(ReaderTarget::Figure(i)) if on_screen(doc.figure_blocks[i]) => {
                brief.figures.get(i).map(Target::Figure)
            }
            _ => None,
        };
        let target = focused.or_else(|| {
            (rows.block_at(top)..doc.blocks.len())
                .take_while(|&b| on_screen(Some(b)))
                .find_map(|b| block_target(brief, doc, b))
        });
        let outcome = match target {
            Some(target) => toggle(&mut self.points, brief, target, self.settings),
            None => Err(self
                .settings
                .lang
                .pick("这里没有可加入的内容", "nothing here to add")
                .to_owned()),
        };
        self.report(outcome);
    }

    /// Shows the outcome of a change to the points and refreshes their state.
    fn report(&mut self, outcome: Result<String, String>) {
        self.status = Some(match outcome {
            Ok(message) | Err(message) => crate::text::sanitize(&message).into_owned(),
        });
        self.refresh_points();
    }

    pub(super) fn points_action(&mut self, action: Action) {
        let count = self.points.points().len();
        let page = self.page_height() as i32;
        let selected = self.points.selected;
        match action {
            Action::Move(n) => self.points.selected = step(selected, n, count),
            Action::Page(n) => self.points.selected = step(selected, n * page / 4, count),
            Action::Scroll { lines, .. } => {
                self.points.selected = step(selected, lines.signum(), count)
            }
            Action::Top => self.points.selected = 0,
            Action::Bottom => self.points.selected = count.saturating_sub(1),
            Action::MovePoint(by) => self.move_point(by),
            Action::RemovePoint => self.remove_point(),
            Action::Undo => self.undo_remove(),
            Action::EditNote => {
                if let Some(point) = self.points.points().get(selected) {
                    let note = point.note.clone().unwrap_or_default();
                    self.start_prompt(PromptKind::Note(selected), &note);
                }
            }
            Action::Export => self.open_export_picker(),
            Action::Open => self.open_point(selected),
            Action::Back => self.mode = Mode::Library,
            _ => {}
        }
    }

    fn move_point(&mut self, by: i32) {
        let lang = self.settings.lang;
        let selected = self.points.selected;
        let Some(store) = self.points.store.as_mut() else {
            return;
        };
        let to = step(selected, by, store.points().len());
        if to == selected {
            return;
        }
        let result = store.move_to(selected, to);
        self.points.selected = to;
        self.saved_or_said(result, lang.pick("已调整顺序", "moved").to_owned());
    }

    fn remove_point(&mut self) {
        let lang = self.settings.lang;
        let selected = self.points.selected;
        let Some(store) = self.points.store.as_mut() else {
            return;
        };
        let Some(point) = store.points().get(selected).cloned() else {
            return;
        };
        let result = store.remove(selected);
        self.points.removed = Some((selected, point));
        self.saved_or_said(
            result,
            lang.pick("已删除（u 撤销）", "removed (u to undo)")
                .to_owned(),
        );
    }

    fn undo_remove(&mut self) {
        let lang = self.settings.lang;
        let Some((at, point)) = self.points.removed.take() else {
            return;
        };
        let Some(store) = self.points.store.as_mut() else {
            return;
        };
        let result = store.add(point).and_then(|()| {
            let last = store.points().len() - 1;
            store.move_to(last, at)
        });
        self.points.selected = at.min(store.points().len().saturating_sub(1));
        self.saved_or_said(result, lang.pick("已恢复", "restored").to_owned());
    }

    pub(super) fn set_note(&mut self, point: usize, note: &str) {
        let lang = self.settings.lang;
        let Some(store) = self.points.store.as_mut() else {
            return;
        };
        let result = store.set_note(point, Some(note.to_owned()));
        self.saved_or_said(result, lang.pick("笔记已保存", "note saved").to_owned());
    }

    /// The reader at the point's item, where it still exists.
    fn open_point(&mut self, index: usize) {
        let Some(point) = self.points.points().get(index).cloned() else {
            return;
        };
        let found = match points::resolve(&self.briefs, &point) {
            Resolved::Found { brief, target } | Resolved::Stale { brief, target, .. } => {
                let b = self.briefs.iter().position(|x| std::ptr::eq(x, brief));
                b.map(|b| (b, target_place(brief, target)))
            }
            Resolved::Missing { .. } => None,
        };
        match found {
            Some((brief, Place::Measure(m))) => self.open_measure(MeasureRef {
                brief: brief as u32,
                measure: m as u32,
            }),
            Some((brief, Place::Figure(f))) => self.open_figure(FigureRef {
                brief: brief as u32,
                figure: f as u32,
            }),
            Some((brief, Place::Text(section, paragraph))) => {
                self.open_reader(brief);
                self.reader.target = None;
                let doc = self.doc(brief);
                let block = doc.blocks.iter().position(|b| match &b.origin {
                    Some((s, p)) => *s == section && Some(*p) == paragraph,
                    None => false,
                });
                let block = block.or_else(|| {
                    doc.outline
                        .iter()
                        .find(|e| e.id == section)
                        .map(|e| e.block)
                });
                if let Some(block) = block {
                    self.show_position(block, 0);
                }
            }
            None => {
                self.status = Some(
                    self.settings
                        .lang
                        .pick("原文中已找不到此条", "no longer in the briefs")
                        .to_owned(),
                )
            }
        }
    }

    fn open_export_picker(&mut self) {
        let lang = self.settings.lang;
        if self.points.points().is_empty() {
            self.status = Some(lang.pick("还没有要点", "no points yet").to_owned());
            return;
        }
        let items = vec![
            Item::new("theme", lang.pick("按主题分组", "grouped by theme"), ""),
            Item::new("city", lang.pick("按城市分组", "grouped by city"), ""),
        ];
        let title = lang.pick(" 导出为 Markdown ", " export as Markdown ");
        self.picker = Some(Picker::new(Purpose::ExportGrouping, title, items, false));
    }

    /// Writes the points as Markdown beside the points file and puts the same text
    /// on the clipboard.
    pub(super) fn export_points(&mut self, by: GroupBy) {
        let lang = self.settings.lang;
        let Some(store) = self.points.store.as_ref() else {
            return;
        };
        let options = ExportOptions {
            by,
            language: match lang {
                super::i18n::Lang::Zh => Language::Zh,
                super::i18n::Lang::En => Language::En,
            },
            generated: SystemTime::now(),
        };
        let markdown =
            points::export_markdown(&self.briefs, &self.theme_list, store.points(), &options);
        let path = export_path(store.path());
        let written = crate::util::write_atomically(&path, markdown.as_bytes());
        self.clipboard = Some(markdown);
        let message = match written {
            Ok(()) => format!(
                "{} {} {}",
                lang.pick("已导出到", "exported to"),
                path.display(),
                lang.pick("并复制到剪贴板", "and copied to the clipboard"),
            ),
            Err(error) => format!(
                "{} {}: {error}; {}",
                lang.pick("无法写入", "could not write"),
                path.display(),
                lang.pick("已复制到剪贴板", "copied to the clipboard"),
            ),
        };
        self.status = Some(crate::text::sanitize(&message).into_owned());
    }
}

/// Where a point's item is in the reader.
enum Place {
    Measure(usize),
    Figure(usize),
    /// A section id and, for a paragraph, its index.
    Text(String, Option<usize>),
}

fn target_place(brief: &Brief, target: Target<'_>) -> Place {
    match target {
        Target::Measure(m) => brief
            .measures
            .iter()
            .position(|x| std::ptr::eq(x, m))
            .map_or(Place::Text(m.section.clone(), None), Place::Measure),
        Target::Figure(f) => brief
            .figures
            .iter()
            .position(|x| std::ptr::eq(x, f))
            .map_or(Place::Text(f.section.clone(), None), Place::Figure),
        Target::Section(s) => Place::Text(s.id.clone(), None),
        Target::Paragraph { index, .. } => Place::Text(target.section_id().to_owned(), Some(index)),
    }
}

/// Adds `target` of `brief` to the points, or takes it out if it is there; the
/// message for the status bar either way, `Err` when it could not be saved.
fn toggle(
    state: &mut PointsState,
    brief: &Brief,
    target: Target<'_>,
    settings: Settings,
) -> Result<String, String> {
    let lang = settings.lang;
    let Some(store) = state.store.as_mut() else {
        return Err(lang
            .pick("没有要点文件", "no talking-points file")
            .to_owned());
    };
    let label = crate::text::truncate(target.text(), 40, settings.ambiguous).into_owned();
    let reference = points::model::reference(&brief.id, target.item_id());
    let (result, done) = match store.contains(&reference, target.paragraph()) {
        Some(at) => (
            store.remove(at),
            format!(
                "{} {label}",
                lang.pick("已移出要点：", "taken out of the points:")
            ),
        ),
        None => {
            let result = store.add(points::point_for(brief, target, SystemTime::now()));
            let count = store.points().len();
            let added = lang.pick("已加入要点", "added to the points");
            (result, format!("{added} ({count}): {label}"))
        }
    };
    result.map(|()| done).map_err(|e| e.to_string())
}

/// What Space collects at block `block` of the reader: a measure, a paragraph, or a
/// heading's section; `None` for the title.
fn block_target<'a>(brief: &'a Brief, doc: &Doc, block: usize) -> Option<Target<'a>> {
    let data = doc.blocks.get(block)?;
    match &data.kind {
        BlockKind::Measure { index } => brief.measures.get(*index).map(Target::Measure),
        BlockKind::Paragraph => {
            let (section, index) = data.origin.as_ref()?;
            let section = match section.as_str() {
                points::model::LEAD_SECTION => None,
                id => Some(find_section(brief, id)?),
            };
            points::model::paragraph_target(brief, section, *index)
        }
        BlockKind::Heading { .. } => {
            let entry = doc.outline.get(data.entry?)?;
            find_section(brief, &entry.id).map(Target::Section)
        }
        BlockKind::Title => None,
    }
}

fn find_section<'a>(brief: &'a Brief, id: &str) -> Option<&'a crate::brief::Section> {
    brief
        .sections_in_order()
        .into_iter()
        .map(|(section, _)| section)
        .find(|s| s.id == id)
}
