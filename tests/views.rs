//! The cross-city screens (measures, theme lens, figures, talking points) driven with
//! actions as the keys send them, and drawn with ratatui's TestBackend from the real
//! briefs.

mod common;

use brief::text::width;
use brief::tui::action::Action;
use brief::tui::app::{App, Mode};
use brief::tui::i18n::Lang;
use common::{app, screen};
use std::path::PathBuf;

fn act(app: &mut App, actions: &[Action]) {
    for &action in actions {
        app.update(action);
    }
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Type(c));
    }
}

/// A fresh directory for files the viewer writes.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("brief-views-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Picks the theme whose label the pinyin `initials` spell, in the open view.
fn pick_theme(app: &mut App, initials: &str) {
    app.update(Action::PickThemes);
    typed(app, initials);
    act(app, &[Action::Mark, Action::Submit]);
}

#[test]
fn measures_filter_by_two_themes_and_a_city_with_counts_per_city() {
    let (w, h) = (160, 48);
    let mut app = app(Lang::Zh, w, h);
    app.update(Action::Tab(2));
    assert_eq!(app.mode, Mode::Measures);
    let total = app.measures.hits.len();
    assert_eq!(total, app.briefs.iter().map(|b| b.measures.len()).sum());

    pick_theme(&mut app, "wl");
    pick_theme(&mut app, "kjds");
    let themes: Vec<&str> = app
        .measures
        .filter
        .themes
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(themes, ["cross-border-ecommerce", "logistics"]);
    let two_themes = app.measures.hits.len();
    assert!(two_themes > 0 && two_themes < total);
    for hit in &app.measures.hits {
        let m = &app.briefs[hit.brief as usize].measures[hit.measure as usize];
        assert!(
            m.themes
                .iter()
                .any(|t| t == "logistics" || t == "cross-border-ecommerce"),
            "{} has {:?}",
            m.id,
            m.themes
        );
    }
    let per_city: usize = app.measures.counts.iter().map(|(_, n)| n).sum();
    assert_eq!(per_city, two_themes, "counts per city add up");

    app.update(Action::PickCities);
    typed(&mut app, "义乌");
    act(&mut app, &[Action::Mark, Action::Submit]);
    let yiwu = app.measures.hits.len();
    assert!(yiwu > 0 && yiwu < two_themes);
    assert!(
        app.measures
            .hits
            .iter()
            .all(|h| app.briefs[h.brief as usize].city.as_deref() == Some("义乌"))
    );

    let rows = screen(&app, w, h);
    assert!(
        rows[1].contains("[主题 跨境电商]")
            && rows[1].contains("[主题 物流与供应链]")
            && rows[1].contains("[城市 义乌]"),
        "chips: {}",
        rows[1]
    );
    assert!(
        rows[2].contains(&format!("共 {yiwu} · 义乌 {yiwu}")),
        "{}",
        rows[2]
    );
    assert!(rows[4].starts_with("│> 义乌"), "{}", rows[4]);

    // x takes the filters off one at a time, the last first.
    app.update(Action::RemoveFilter);
    assert!(app.measures.filter.cities.is_empty());
    assert_eq!(app.measures.hits.len(), two_themes);
    app.update(Action::ClearFilters);
    assert_eq!(app.measures.hits.len(), total);
}

#[test]
fn measure_search_takes_pinyin_and_sees_through_asides() {
    let mut app = app(Lang::Zh, 120, 40);
    app.update(Action::Tab(2));
    app.update(Action::StartSearch);
    typed(&mut app, "中欧班列");
    let cities: Vec<&str> = app
        .measures
        .hits
        .iter()
        .map(|h| app.briefs[h.brief as usize].city.as_deref().unwrap_or(""))
        .collect();
    assert!(cities.contains(&"义乌"), "{cities:?}");
    assert!(
        cities.contains(&"鹿城"),
        "Lucheng writes 中欧（义新欧）班列: {cities:?}"
    );
    // Esc restores the filter as it was before typing.
    app.update(Action::Back);
    assert!(app.measures.filter.text.is_empty());

    app.update(Action::StartSearch);
    typed(&mut app, "kjds");
    app.update(Action::Submit);
    // Initials are loose (other words may share them), but every measure that
    // speaks of 跨境电商 is found.
    for (b, brief) in app.briefs.iter().enumerate() {
        for (m, measure) in brief.measures.iter().enumerate() {
            if measure.text.contains("跨境电商") {
                assert!(
                    app.measures
                        .hits
                        .iter()
                        .any(|h| h.brief as usize == b && h.measure as usize == m),
                    "{} {}",
                    brief.id,
                    measure.id
                );
            }
        }
    }
    assert!(app.measures.hits.len() < app.measures.total);
}

#[test]
fn the_search_prompt_puts_the_cursor_after_wide_characters() {
    let (w, h) = (100, 30);
    let mut app = app(Lang::Zh, w, h);
    app.update(Action::Tab(2));
    app.update(Action::StartSearch);
    typed(&mut app, "物流");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|frame| brief::tui::view::render(&app, frame))
        .unwrap();
    let label = "搜索（汉字或拼音）：";
    let cursor = terminal.get_cursor_position().unwrap();
    assert_eq!(cursor.y, h - 2, "in the status line");
    assert_eq!(
        usize::from(cursor.x),
        width(label) + width("物流"),
        "the caret after two wide characters"
    );
    // Backspace takes one whole character.
    app.update(Action::Backspace);
    assert_eq!(app.measures.filter.text, "物");
}

#[test]
fn theme_lens_puts_cities_side_by_side_and_cycles_themes() {
    let (w, h) = (160, 48);
    let mut app = app(Lang::Zh, w, h);
    app.update(Action::Tab(3));
    assert_eq!(app.mode, Mode::Lens);
    // Cycle until the lens shows logistics: measures from at least four cities.
    for _ in 0..30 {
        if app.lens.themes.contains("logistics") {
            break;
        }
        app.update(Action::CycleTheme(1));
    }
    assert_eq!(app.lens.themes.len(), 1);
    assert!(app.lens.themes.contains("logistics"));
    assert!(app.lens.columns.len() >= 4, "{:?}", app.lens.columns.len());
    let rows = screen(&app, w, h);
    assert!(rows[0].contains("主题对照: 物流与供应链"), "{}", rows[0]);
    let titles = &rows[1];
    for column in &app.lens.columns[..app.lens_visible_columns()] {
        assert!(titles.contains(&column.city), "{} in {titles}", column.city);
    }
    // Figures inline: a column line shows a figure of its measures.
    let first = &app.lens.columns[0];
    let with_figure = first.hits.iter().find_map(|h| {
        let b = &app.briefs[h.brief as usize];
        let m = &b.measures[h.measure as usize];
        m.figures
            .first()
            .map(|f| b.figures.iter().find(|x| &x.id == f).unwrap())
    });
    if let Some(figure) = with_figure {
        let joined = rows.join("\n");
        assert!(joined.contains(&figure.unit), "{}", figure.unit);
    }
    // Several themes at once from the picker.
    app.update(Action::PickThemes);
    typed(&mut app, "hz");
    act(&mut app, &[Action::Mark, Action::Submit]);
    assert_eq!(app.lens.themes.len(), 2, "{:?}", app.lens.themes);
    // Enter opens the selected measure in the reader, in focus; Esc comes back.
    app.update(Action::Open);
    assert_eq!(app.mode, Mode::Reader);
    assert!(app.status.as_deref().unwrap_or("").contains("seeds/"));
    app.update(Action::Back);
    assert_eq!(app.mode, Mode::Lens);
}

#[test]
fn figures_table_groups_synonyms_and_shows_masked_values_as_masked() {
    let (w, h) = (160, 48);
    let mut app = app(Lang::Zh, w, h);
    app.update(Action::Tab(4));
    assert_eq!(app.mode, Mode::Figures);
    let all = app.figures.hits.len();
    assert_eq!(all, app.briefs.iter().map(|b| b.figures.len()).sum());
    // Only masked figures: every row says so, none shows a zero.
    app.update(Action::PickKinds);
    typed(&mut app, "masked");
    act(&mut app, &[Action::Mark, Action::Submit]);
    assert!(!app.figures.hits.is_empty() && app.figures.hits.len() < all);
    let rows = screen(&app, w, h);
    let table: Vec<&String> = rows[4..]
        .iter()
        .take_while(|r| !r.starts_with('└'))
        .filter(|r| !r.trim_matches(['│', ' ']).is_empty())
        .collect();
    assert!(!table.is_empty());
    for row in table {
        assert!(row.contains("＊隐去") && !row.contains(" 0 "), "{row}");
    }
    // Sorting by value, descending: values never increase down the list; masked last.
    app.update(Action::ClearFilters);
    while app.figures.sort != brief::query::FigureColumn::Value {
        app.update(Action::CycleSort);
    }
    app.update(Action::ReverseSort);
    let bases: Vec<Option<f64>> = app
        .figures
        .hits
        .iter()
        .map(|h| app.briefs[h.brief as usize].figures[h.figure as usize].base)
        .collect();
    let known: Vec<f64> = bases.iter().map_while(|b| *b).collect();
    assert!(
        known.windows(2).all(|p| p[0] >= p[1]),
        "descending by base value"
    );
    assert!(
        bases[known.len()..].iter().all(Option::is_none),
        "masked last"
    );
}

#[test]
fn points_are_collected_kept_reordered_and_flagged_stale() {
    let dir = scratch("points");
    let path = dir.join("talking-points.yaml");
    let mut app = app(Lang::Zh, 120, 40);
    assert!(app.open_points(&path).is_none());
    app.update(Action::Tab(2));
    act(
        &mut app,
        &[Action::AddPoint, Action::Move(1), Action::AddPoint],
    );
    app.update(Action::Tab(4));
    app.update(Action::AddPoint);
    assert_eq!(app.points.points().len(), 3);
    // Space again takes a point back out.
    app.update(Action::AddPoint);
    assert_eq!(app.points.points().len(), 2);
    app.update(Action::AddPoint);

    // A paragraph from the reader.
    app.update(Action::Tab(1));
    app.update(Action::Open);
    app.update(Action::AddPoint);
    let points = app.points.points();
    assert_eq!(points.len(), 4);
    assert!(points[3].paragraph.is_some() || points[3].reference.contains("#m"));

    app.update(Action::Tab(5));
    act(&mut app, &[Action::Move(1), Action::MovePoint(-1)]);
    app.update(Action::EditNote);
    typed(&mut app, "要点：物流");
    act(&mut app, &[Action::Backspace, Action::Backspace]);
    typed(&mut app, "展会");
    app.update(Action::Submit);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("note: 要点：展会"), "{saved}");
    let order: Vec<String> = app
        .points
        .points()
        .iter()
        .map(|p| p.reference.clone())
        .collect();

    // Another viewer on the same file sees the same points in the same order; a
    // brief whose text changed since flags its point.
    let mut again = common::app(Lang::Zh, 120, 40);
    let first = &order[0];
    let (brief_id, item) = first.split_once('#').unwrap();
    let brief = again.briefs.iter_mut().find(|b| b.id == brief_id).unwrap();
    if let Some(m) = brief.measures.iter_mut().find(|m| m.id == item) {
        m.text.push_str("（已修订）");
    } else if let Some(f) = brief.figures.iter_mut().find(|f| f.id == item) {
        f.quote.push_str("（已修订）");
    }
    again.open_points(&path);
    let reopened: Vec<String> = again
        .points
        .points()
        .iter()
        .map(|p| p.reference.clone())
        .collect();
    assert_eq!(reopened, order);
    again.update(Action::Tab(5));
    let rows = screen(&again, 120, 40);
    assert!(
        rows.iter().any(|r| r.contains("[! 原文已改]")),
        "{}",
        rows.join("\n")
    );
    assert!(rows.iter().any(|r| r.contains("笔记：要点：展会")));

    // Remove and undo.
    again.update(Action::RemovePoint);
    assert_eq!(again.points.points().len(), 3);
    again.update(Action::Undo);
    let undone: Vec<String> = again
        .points
        .points()
        .iter()
        .map(|p| p.reference.clone())
        .collect();
    assert_eq!(undone, order);

    // Export (grouped by theme, the first choice): a file beside the points and the
    // same text for the clipboard, where the stale point is marked.
    again.update(Action::Export);
    again.update(Action::Submit);
    let written = std::fs::read_to_string(dir.join("talking-points.md")).expect("exported");
    assert_eq!(again.clipboard.as_deref(), Some(written.as_str()));
    assert!(written.contains("要点：展会"), "{written}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn saved_views_recall_a_set_of_filters() {
    let dir = scratch("views");
    let path = dir.join("saved-views.yaml");
    let mut app = app(Lang::Zh, 120, 40);
    assert!(app.open_saved_views_file(&path).is_none());
    app.update(Action::Tab(2));
    pick_theme(&mut app, "wl");
    app.update(Action::SaveView);
    typed(&mut app, "物流");
    app.update(Action::Submit);
    let wanted = app.measures.filter.clone();
    app.update(Action::ClearFilters);

    let mut again = common::app(Lang::Zh, 120, 40);
    again.open_saved_views_file(&path);
    again.update(Action::Tab(1));
    again.update(Action::Tab(2));
    again.update(Action::RecallView);
    assert!(again.picker.is_some());
    again.update(Action::Submit);
    assert_eq!(again.measures.filter, wanted);
    assert_eq!(again.mode, Mode::Measures);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_new_view_fits_small_and_large_terminals() {
    for (w, h) in [(24, 6), (40, 12), (80, 24), (200, 60)] {
        let mut app = app(Lang::En, w, h);
        for tab in 1..=5 {
            app.update(Action::Tab(tab));
            let rows = screen(&app, w, h);
            for row in &rows {
                assert!(width(row) <= usize::from(w), "{tab} at {w}×{h}: {row}");
            }
            app.update(Action::PickThemes);
            let _ = screen(&app, w, h);
            app.update(Action::Back);
            app.update(Action::ToggleHelp);
            let help = screen(&app, w, h).join("\n");
            if h >= 24 {
                assert!(help.contains("1-5"), "help lists the view keys:\n{help}");
            }
            app.update(Action::ToggleHelp);
        }
    }
}
