//! Screens, drawn with ratatui's TestBackend from the real briefs at 80×24 and
//! 160×48, and checked for what a reader must see: titles, wrapped Chinese lines
//! that respect the line-breaking rules, column widths, the selection marker.

use brief::text::{AmbiguousWidth, width};
use brief::tui::action::Action;
use brief::tui::app::{App, Mode, Settings};
use brief::tui::i18n::Lang;
use brief::tui::{Source, load, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::path::PathBuf;

mod common;
use common::{app, screen};

fn open_reader(app: &mut App, id: &str) {
    let index = app.briefs.iter().position(|b| b.id == id).unwrap();
    app.open_reader(index);
}

#[test]
fn library_lists_every_brief_with_counts() {
    for (w, h) in [(80, 24), (160, 48)] {
        let app = app(Lang::Zh, w, h);
        let rows = screen(&app, w, h);
        assert!(
            rows[0].contains("1书库") && rows[0].contains("简报库 (5)"),
            "{}",
            rows[0]
        );
        assert!(
            rows[2].contains("城市") && rows[2].contains("举措"),
            "{}",
            rows[2]
        );
        assert!(
            rows[3].contains("> 临沂") && rows[3].contains("讲话"),
            "selection marker: {}",
            rows[3]
        );
        for city in ["鹿城", "武汉", "徐州", "义乌"] {
            assert!(rows.iter().any(|r| r.contains(city)), "{city} at {w}×{h}");
        }
        let wuhan = rows.iter().find(|r| r.contains("武汉")).unwrap();
        assert!(wuhan.contains("127") && wuhan.contains("130"), "{wuhan}");
        for row in &rows {
            assert_eq!(
                width(row),
                usize::from(w),
                "row fills exactly the width: {row}"
            );
        }
        assert!(rows[h as usize - 1].contains("Enter 阅读"), "hint bar");
    }
}

#[test]
fn reader_shows_outline_and_wrapped_chinese_text() {
    let (w, h) = (160, 48);
    let mut app = app(Lang::Zh, w, h);
    open_reader(&mut app, "yiwu-2024-qa");
    let rows = screen(&app, w, h);
    assert!(
        rows[0].contains("义乌") && rows[0].contains("助推“小商品"),
        "{}",
        rows[0]
    );
    assert!(rows[1].contains("目录") && rows[1].contains("正文"));
    assert!(rows[2].contains("提问代表:方豪龙"), "outline: {}", rows[2]);
    // Text pane: right of the 36-cell outline. Its lines never start with closing
    // punctuation and never exceed the pane.
    let text: Vec<String> = rows[2..h as usize - 3]
        .iter()
        .map(|r| {
            r.chars()
                .skip_while(|&c| c != '│')
                .skip(1)
                .collect::<String>()
        })
        .collect();
    let joined: String = rows.join("\n");
    assert!(
        joined.contains("义乌 · 问答 · 2024-07-15 · 义乌商报"),
        "meta line"
    );
    for line in &text {
        let body = line.trim_start_matches(['│', ' ', '┐', '┌']);
        assert!(
            !body.starts_with(['，', '。', '、', '；', '：', '）', '”', ',']),
            "line starts with closing punctuation: {line}"
        );
    }
}

#[test]
fn reader_at_80_columns_hides_nothing_but_the_outline_when_needed() {
    let (w, h) = (80, 24);
    let mut app = app(Lang::En, w, h);
    open_reader(&mut app, "wuhan-2021-plan");
    let rows = screen(&app, w, h);
    assert!(rows[0].contains("武汉"));
    assert!(
        rows[1].contains("outline") && rows[1].contains("text"),
        "{}",
        rows[1]
    );
    // The measure jump lands on a tagged measure and names its source line.
    app.update(Action::NextMeasure);
    let rows = screen(&app, w, h);
    let status = &rows[h as usize - 2];
    assert!(
        status.contains("m1") && status.contains("seeds/004_1a21150ede4e59bb.txt:15 «1.消费规模"),
        "{status}"
    );
    assert!(
        rows.iter()
            .any(|r| r.contains("▶ done") && r.contains("消费规模与作用显著提升")),
        "tag of the current measure:\n{}",
        rows.join("\n")
    );
}

#[test]
fn figures_are_highlighted_in_the_text() {
    let (w, h) = (160, 48);
    let mut app = app(Lang::Zh, w, h);
    open_reader(&mut app, "yiwu-2024-qa");
    app.update(Action::NextFigure);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|frame| view::render(&app, frame)).unwrap();
    let buffer = terminal.backend().buffer();
    // The current figure's value is drawn underlined, and the status names it.
    let underlined = (0..h)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            buffer[(x, y)]
                .modifier
                .contains(ratatui::style::Modifier::UNDERLINED)
        })
        .count();
    assert!(
        underlined >= "2645.0亿元".len() / 2,
        "value underlined ({underlined} cells)"
    );
    let rows = screen(&app, w, h);
    assert!(
        rows[h as usize - 2].contains("f1 义乌市进出口额 2645亿元"),
        "{}",
        rows[h as usize - 2]
    );
}

#[test]
fn side_by_side_columns_share_the_width() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = app(Lang::Zh, w, h);
        app.update(Action::Mark);
        app.update(Action::Move(2));
        app.update(Action::Mark);
        app.update(Action::Move(2));
        app.update(Action::Mark);
        app.update(Action::Compare);
        assert_eq!(app.mode, Mode::Compare);
        let rows = screen(&app, w, h);
        let header = &rows[1];
        for city in ["临沂", "武汉", "义乌"] {
            assert!(header.contains(city), "{city} column at {w}: {header}");
        }
        assert_eq!(header.matches('┌').count(), 3);
        // Scrolling together moves every column.
        let before = app.compare.tops.clone();
        app.update(Action::Page(1));
        assert!(
            app.compare.tops.iter().zip(&before).all(|(a, b)| a > b),
            "{:?}",
            app.compare.tops
        );
    }
}

#[test]
fn help_lists_the_keys_of_the_view() {
    let (w, h) = (80, 24);
    let mut app = app(Lang::En, w, h);
    open_reader(&mut app, "yiwu-2024-qa");
    app.update(Action::ToggleHelp);
    let joined = screen(&app, w, h).join("\n");
    for key in [
        "next / prev measure",
        "next / prev figure",
        "source line",
        "search",
        "quit",
    ] {
        assert!(joined.contains(key), "{key} missing:\n{joined}");
    }
    app.update(Action::Back);
    assert!(!app.help);
}

#[test]
fn tiny_and_huge_terminals() {
    let app_small = app(Lang::Zh, 10, 3);
    let rows = screen(&app_small, 10, 3);
    assert!(rows[0].contains("窗口太小"), "{rows:?}");
    for (w, h) in [(1, 1), (2, 1), (23, 5), (500, 200)] {
        let mut app = app(Lang::Zh, w, h);
        open_reader(&mut app, "wuhan-2021-plan");
        let _ = screen(&app, w, h);
        app.update(Action::Resize(w.max(2) - 1, h));
        app.update(Action::Bottom);
        let _ = screen(&app, w.max(2) - 1, h);
    }
}

#[test]
fn a_brief_that_fails_to_load_does_not_stop_the_others() {
    let dir = std::env::temp_dir().join(format!("brief-render-broken-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let briefs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("briefs");
    std::fs::copy(
        briefs.join("yiwu-2024-qa.yaml"),
        dir.join("yiwu-2024-qa.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.join("broken.yaml"),
        "schema: 1\nid: broken\ntitle: [unclosed\n",
    )
    .unwrap();
    let loaded = load(&Source::Dir(dir.clone()));
    assert_eq!(loaded.briefs.len(), 1);
    assert_eq!(loaded.errors.len(), 1);
    let settings = Settings {
        lang: Lang::En,
        color: false,
        ambiguous: AmbiguousWidth::Narrow,
    };
    let app = App::new(
        loaded.briefs,
        loaded.errors,
        &loaded.themes,
        settings,
        Rect::new(0, 0, 100, 20),
    );
    let rows = screen(&app, 100, 20);
    assert!(rows.iter().any(|r| r.contains("义乌")));
    assert!(
        rows.iter()
            .any(|r| r.contains("! ") && r.contains("broken.yaml:")),
        "{}",
        rows.join("\n")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn wide_ambiguous_terminals_get_ascii_borders_and_unambiguous_quotes() {
    let (w, h) = (100, 30);
    let loaded = load(&Source::Dir(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("briefs"),
    ));
    let settings = Settings {
        lang: Lang::Zh,
        color: true,
        ambiguous: AmbiguousWidth::Wide,
    };
    let mut app = App::new(
        loaded.briefs,
        loaded.errors,
        &loaded.themes,
        settings,
        Rect::new(0, 0, w, h),
    );
    open_reader(&mut app, "yiwu-2024-qa");
    let rows = screen(&app, w, h);
    let joined = rows.join("\n");
    assert!(
        rows[1].starts_with('+') && rows[1].contains('-'),
        "ASCII border: {}",
        rows[1]
    );
    for ambiguous in ['“', '”', '…', '─', '│', '┌'] {
        assert!(
            !joined.contains(ambiguous),
            "{ambiguous} drawn in wide mode:\n{joined}"
        );
    }
    assert!(joined.contains("「小商品"), "quotes replaced:\n{joined}");
}
