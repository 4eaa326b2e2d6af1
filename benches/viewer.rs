//! Viewer speed: `cargo bench --bench viewer`.
//!
//! Start to first full frame (load the five briefs, prepare them, lay out and draw
//! the library), and the time to draw one frame of each view at 200×60, on
//! ratatui's TestBackend (drawing into a buffer; a real terminal adds its output).

use brief::synth;
use brief::text::{AmbiguousWidth, wrap};
use brief::themes::Taxonomy;
use brief::tui::action::Action;
use brief::tui::app::{App, Settings};
use brief::tui::i18n::Lang;
use brief::tui::{Source, load, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const W: u16 = 200;
const H: u16 = 60;

fn settings() -> Settings {
    Settings {
        lang: Lang::Zh,
        color: true,
        ambiguous: AmbiguousWidth::Narrow,
    }
}

fn start_to_first_frame() -> Duration {
    let start = Instant::now();
    let loaded = load(&Source::Dir(PathBuf::from("briefs")));
    let app = App::new(
        loaded.briefs,
        loaded.errors,
        &loaded.themes,
        settings(),
        Rect::new(0, 0, W, H),
    );
    let mut terminal = Terminal::new(TestBackend::new(W, H)).unwrap();
    terminal.draw(|frame| view::render(&app, frame)).unwrap();
    start.elapsed()
}

/// Median time of one frame, with the layout cache warm (as after the first frame).
fn frame_time(app: &App) -> Duration {
    let mut terminal = Terminal::new(TestBackend::new(W, H)).unwrap();
    terminal.draw(|frame| view::render(app, frame)).unwrap();
    let mut times: Vec<Duration> = (0..200)
        .map(|_| {
            let start = Instant::now();
            terminal.draw(|frame| view::render(app, frame)).unwrap();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let mut firsts: Vec<Duration> = (0..20).map(|_| start_to_first_frame()).collect();
    firsts.sort();
    println!(
        "start to first frame (5 briefs, {W}x{H}): median {:?}, max {:?}",
        firsts[10], firsts[19]
    );

    let loaded = load(&Source::Dir(PathBuf::from("briefs")));
    let themes = Taxonomy::builtin().into_themes();
    let mut app = App::new(
        loaded.briefs,
        loaded.errors,
        &themes,
        settings(),
        Rect::new(0, 0, W, H),
    );
    println!("frame, library:      {:?}", frame_time(&app));
    let wuhan = app
        .briefs
        .iter()
        .position(|b| b.id == "wuhan-2021-plan")
        .unwrap_or(0);
    app.open_reader(wuhan);
    app.update(Action::Page(3));
    println!("frame, reader:       {:?}", frame_time(&app));
    app.update(Action::StartSearch);
    for c in "消费".chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::Submit);
    println!("frame, reader+search:{:?}", frame_time(&app));
    app.update(Action::Back);
    app.update(Action::Back);
    for _ in 0..4 {
        app.update(Action::Mark);
        app.update(Action::Move(1));
    }
    app.update(Action::Compare);
    println!("frame, 4 side by side:{:?}", frame_time(&app));
    for (tab, name) in [
        (2, "measures"),
        (3, "theme lens"),
        (4, "figures"),
        (5, "points"),
    ] {
        app.update(Action::Tab(tab));
        println!(
            "frame, {name}:{:>w$?}",
            frame_time(&app),
            w = 16 - name.len()
        );
    }
    wrap_throughput();
}

/// Chinese line wrapping, the viewer's main text work, in MB/s of source text.
fn wrap_throughput() {
    let text: String = (0..400).map(|i| synth::document(1, i).text).collect();
    let start = Instant::now();
    let mut lines = 0;
    for width in [20, 37, 80, 200] {
        lines += wrap(&text, width).len();
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = 4.0 * text.len() as f64 / 1e6;
    println!(
        "wrap: {mb:.1} MB at 4 widths in {secs:.3} s = {:.1} MB/s ({lines} lines)",
        mb / secs
    );
}
