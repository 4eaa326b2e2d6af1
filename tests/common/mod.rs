//! Helpers shared by the screen tests: the viewer on the real briefs, and its screen
//! as text.

use brief::text::{AmbiguousWidth, width};
use brief::themes::Taxonomy;
use brief::tui::app::{App, Settings};
use brief::tui::i18n::Lang;
use brief::tui::{Source, load, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::path::PathBuf;

/// The viewer on the repository's briefs at `w`×`h`.
pub fn app(lang: Lang, w: u16, h: u16) -> App {
    let loaded = load(&Source::Dir(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("briefs"),
    ));
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let settings = Settings {
        lang,
        color: true,
        ambiguous: AmbiguousWidth::Narrow,
    };
    let root = loaded.root.clone();
    let mut app = App::new(
        loaded.briefs,
        loaded.errors,
        &Taxonomy::builtin().into_themes(),
        settings,
        Rect::new(0, 0, w, h),
    );
    app.source_root = root;
    app
}

/// The screen as text, one string per row; the second cell of a wide character is
/// skipped, so each row reads as it looks.
pub fn screen(app: &App, w: u16, h: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|frame| view::render(app, frame)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0;
            for x in 0..w {
                let symbol = buffer[(x, y)].symbol();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                skip = width(symbol).saturating_sub(1);
                row.push_str(symbol);
            }
            row
        })
        .collect()
}
