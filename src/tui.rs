//! The terminal viewer: state (`app`), actions and keys, views, and the event loop
//! that ties them to a real terminal. Redraws happen only after an event changed
//! something, so an idle viewer uses no CPU.

pub mod action;
pub mod app;
pub mod doc;
pub mod figures;
pub mod i18n;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod lens;
pub mod measures;
pub mod picker;
pub mod points_view;
pub mod rows;
pub mod saved_views;
pub mod state;
pub mod style;
pub mod terminal;
pub mod view;

use crate::brief::cache::Cache;
use crate::brief::load::{in_parallel, load_brief, load_dir_cached, parse_brief};
use crate::brief::{Brief, Theme};
use crate::query::MetricGroups;
use crate::themes::Taxonomy;
use app::{App, Settings};
use crossterm::event::{self, Event};
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// Where the briefs come from.
pub enum Source {
    /// A directory of briefs.
    Dir(PathBuf),
    /// Named brief files.
    Files(Vec<PathBuf>),
    /// The briefs built into the binary.
    Embedded,
}

/// What the viewer opens on.
pub struct Loaded {
    pub briefs: Vec<Brief>,
    /// Files that failed to load, as `file:line: why`.
    pub errors: Vec<String>,
    pub themes: Vec<Theme>,
    /// Where the briefs' source paths start: the parent of a briefs directory.
    pub root: Option<PathBuf>,
    /// The metric synonyms: the directory's `metrics.yaml`, else the built-in list.
    pub metrics: MetricGroups,
}

/// Loads the briefs of `source`; a file that fails does not stop the others. A
/// directory goes through the user's cache of parsed briefs (`Cache::from_env`).
pub fn load(source: &Source) -> Loaded {
    let cache = Cache::from_env(|key| std::env::var(key).ok());
    load_with_cache(source, cache.as_ref())
}

/// `load` with the given cache, or none.
pub fn load_with_cache(source: &Source, cache: Option<&Cache>) -> Loaded {
    let (briefs, errors) = load_briefs(source, cache);
    let root = match source {
        Source::Dir(dir) => Some(
            dir.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf(),
        ),
        Source::Files(files) => files
            .first()
            .and_then(|f| f.parent()?.parent())
            .map(Path::to_path_buf),
        Source::Embedded => None,
    };
    let mut errors = errors;
    let metrics = match source {
        Source::Dir(dir) if dir.join("metrics.yaml").is_file() => {
            match MetricGroups::load(&dir.join("metrics.yaml")) {
                Ok(metrics) => metrics,
                Err(error) => {
                    errors.push(format!("{error} (using the built-in metric list)"));
                    MetricGroups::builtin()
                }
            }
        }
        _ => MetricGroups::builtin(),
    };
    Loaded {
        briefs,
        errors,
        themes: themes(source),
        root,
        metrics,
    }
}

fn load_briefs(source: &Source, cache: Option<&Cache>) -> (Vec<Brief>, Vec<String>) {
    match source {
        Source::Dir(dir) => {
            let (briefs, errors) = load_dir_cached(dir, cache);
            (
                briefs.into_iter().map(|(_, b)| b).collect(),
                errors.iter().map(ToString::to_string).collect(),
            )
        }
        Source::Files(files) => {
            let mut briefs = Vec::new();
            let mut errors = Vec::new();
            for result in in_parallel(files, |_, file| load_brief(file)) {
                match result {
                    Ok(brief) => briefs.push(brief),
                    Err(error) => errors.push(error.to_string()),
                }
            }
            (briefs, errors)
        }
        Source::Embedded => {
            let mut briefs = Vec::new();
            let mut errors = Vec::new();
            for (name, text) in embedded::EMBEDDED {
                match parse_brief(Path::new(name), text) {
                    Ok(brief) => briefs.push(brief),
                    Err(error) => errors.push(error.to_string()),
                }
            }
            (briefs, errors)
        }
    }
}

/// The theme taxonomy for briefs from `source`: the directory's `themes.yaml` if it
/// has a valid one, else the built-in taxonomy.
pub fn themes(source: &Source) -> Vec<Theme> {
    let from_dir = match source {
        Source::Dir(dir) => Taxonomy::load(&dir.join("themes.yaml")).ok(),
        _ => None,
    };
    from_dir.unwrap_or_else(Taxonomy::builtin).into_themes()
}

/// Where the viewer keeps what the user makes: the position, the talking points, and
/// the saved views (next to the points).
pub struct Files {
    pub state: Option<PathBuf>,
    pub points: PathBuf,
}

impl Files {
    pub fn saved_views(&self) -> PathBuf {
        self.points.with_file_name(saved_views::FILE_NAME)
    }
}

/// Runs the viewer until the user quits.
pub fn run(loaded: Loaded, settings: Settings, files: Files) -> std::io::Result<()> {
    let mut guard = terminal::TerminalGuard::enter(true)?;
    let size = guard.terminal.size()?;
    let area = Rect::new(0, 0, size.width, size.height);
    let mut app = App::with_metrics(
        loaded.briefs,
        loaded.errors,
        &loaded.themes,
        &loaded.metrics,
        settings,
        area,
    );
    app.source_root = loaded.root;
    let views_notice = app.open_saved_views_file(&files.saved_views());
    let points_notice = app.open_points(&files.points);
    if let Some(path) = &files.state {
        app.restore(&state::load(path));
    }
    // Said after restoring, so the position's own messages do not hide it.
    if let Some(notice) = points_notice.or(views_notice) {
        app.status = Some(notice);
    }
    loop {
        guard.terminal.draw(|frame| view::render(&app, frame))?;
        let action = match event::read()? {
            Event::Key(key) => keymap::action_for_key(&app, key),
            Event::Mouse(mouse) => keymap::action_for_mouse(mouse),
            Event::Resize(width, height) => Some(action::Action::Resize(width, height)),
            _ => None,
        };
        let Some(action) = action else { continue };
        app.update(action);
        if let Some(text) = app.clipboard.take() {
            // OSC 52: the terminal puts the text on the clipboard, also over ssh.
            use std::io::Write;
            let backend = guard.terminal.backend_mut();
            backend.write_all(crate::points::osc52(&text).as_bytes())?;
            backend.flush()?;
        }
        if app.quit {
            break;
        }
    }
    if let Some(path) = &files.state {
        let _ = state::save(path, &app.saved());
    }
    Ok(())
}
