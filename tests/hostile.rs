//! Hostile briefs: each case gives a clear error naming the file and line, or loads
//! and works, and nothing panics, hangs or overflows the stack. Cases that are about
//! what a user sees run through the real binary (`brief check`) and through the
//! viewer's loading function and screens (ratatui's TestBackend).

use brief::brief::cache::Cache;
use brief::brief::check::{CheckReport, check_dir_cached};
use brief::brief::load::{MAX_BRIEF_BYTES, load_brief, load_dir_cached, parse_brief};
use brief::brief::{Brief, DocKind, Figure, FigureKind, Measure, Section, Source, Status};
use brief::convert::batch;
use brief::text::AmbiguousWidth;
use brief::themes::BUILTIN_THEMES_YAML;
use brief::tui::action::Action;
use brief::tui::app::{App, Mode, Settings};
use brief::tui::i18n::Lang;
use brief::tui::{Loaded, Source as ViewSource, load_with_cache, view};
use brief::util::sha256_hex;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

// ------------------------------------------------------------------ scaffolding

/// A scratch repository: `seeds/`, `briefs/` (with the built-in `themes.yaml`) and a
/// cache directory of its own, removed on drop.
struct Repo {
    root: PathBuf,
}

impl Repo {
    fn new(name: &str) -> Repo {
        let root =
            std::env::temp_dir().join(format!("brief-hostile-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("seeds")).unwrap();
        std::fs::create_dir_all(root.join("briefs")).unwrap();
        std::fs::write(root.join("briefs/themes.yaml"), BUILTIN_THEMES_YAML).unwrap();
        Repo { root }
    }

    fn briefs(&self) -> PathBuf {
        self.root.join("briefs")
    }

    fn cache(&self) -> Cache {
        Cache::in_dir(self.root.join("cache"))
    }

    fn source(&self, name: &str, text: &str) -> String {
        std::fs::write(self.root.join("seeds").join(name), text).unwrap();
        format!("seeds/{name}")
    }

    fn write_yaml(&self, name: &str, yaml: &str) -> PathBuf {
        let path = self.briefs().join(name);
        std::fs::write(&path, yaml).unwrap();
        path
    }

    fn write_brief(&self, brief: &Brief) -> PathBuf {
        self.write_yaml(
            &format!("{}.yaml", brief.id),
            &batch::to_yaml(brief).unwrap(),
        )
    }

    /// `brief check` on `briefs/`, through the binary, with the repository's cache.
    fn check_binary(&self) -> Output {
        Command::new(env!("CARGO_BIN_EXE_brief"))
            .arg("check")
            .arg(self.briefs())
            .env("BRIEF_CACHE", self.root.join("cache"))
            .output()
            .unwrap()
    }

    fn check(&self) -> CheckReport {
        check_dir_cached(&self.briefs(), Some(&self.cache()))
    }

    /// The viewer's loading function on `briefs/`.
    fn view_load(&self) -> Loaded {
        load_with_cache(&ViewSource::Dir(self.briefs()), Some(&self.cache()))
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// A brief of `source_text` at `source_path`, with nothing in it yet.
fn empty_brief(id: &str, source_path: &str, source_text: &str) -> Brief {
    Brief {
        schema: 1,
        id: id.to_owned(),
        title: "标题".to_owned(),
        city: None,
        city_en: None,
        province: None,
        level: None,
        kind: DocKind::Plan,
        date: None,
        issuer: None,
        source: Source {
            path: source_path.to_owned(),
            sha256: sha256_hex(source_text.as_bytes()),
            masked: false,
        },
        lead: String::new(),
        sections: Vec::new(),
        measures: Vec::new(),
        figures: Vec::new(),
        dropped: Vec::new(),
    }
}

fn section(id: String, heading: String, line: u32, sections: Vec<Section>) -> Section {
    Section {
        id,
        heading,
        line,
        paragraphs: Vec::new(),
        sections,
    }
}

fn measure(id: &str, section: &str, text: &str, figures: &[&str], line: u32) -> Measure {
    Measure {
        id: id.to_owned(),
        section: section.to_owned(),
        title: text.to_owned(),
        text: text.to_owned(),
        status: Status::Done,
        themes: vec!["general".to_owned()],
        actor: None,
        figures: figures.iter().map(|f| f.to_string()).collect(),
        line,
    }
}

fn figure(id: &str, section: &str, quote: &str, line: u32) -> Figure {
    Figure {
        id: id.to_owned(),
        section: section.to_owned(),
        metric: "进出口总额".to_owned(),
        value: Some(474.4),
        unit: "亿元".to_owned(),
        base: Some(47_440_000_000.0),
        base_unit: "元".to_owned(),
        kind: FigureKind::Actual,
        qualifier: None,
        period: None,
        change: None,
        quote: quote.to_owned(),
        line,
    }
}

fn settings() -> Settings {
    Settings {
        lang: Lang::Zh,
        color: true,
        ambiguous: AmbiguousWidth::Narrow,
    }
}

fn app(loaded: Loaded, w: u16, h: u16) -> App {
    let mut app = App::new(
        loaded.briefs,
        loaded.errors,
        &loaded.themes,
        settings(),
        Rect::new(0, 0, w, h),
    );
    app.source_root = loaded.root;
    app
}

/// The screen as one string per row (the second cell of a wide character skipped).
fn screen(app: &App, w: u16, h: u16) -> Vec<String> {
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
                skip = brief::text::width(symbol).saturating_sub(1);
                row.push_str(symbol);
            }
            row
        })
        .collect()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_no_panic(output: &Output) {
    let err = stderr(output);
    assert!(!err.contains("panicked"), "panicked: {err}");
    assert!(output.status.code().is_some(), "killed by a signal: {err}");
}

/// A brief YAML with `tail` appended after valid required fields.
fn yaml_with(id: &str, tail: &str) -> String {
    format!(
        "schema: 1\nid: {id}\ntitle: t\ncity: null\nlevel: null\nkind: plan\ndate: null\nsource:\n  path: seeds/x.txt\n  sha256: x\n  masked: false\n{tail}"
    )
}

/// The loader, the viewer's loading and `brief check` all refuse `yaml` (written as
/// `name`) with `message`, at `line`.
fn assert_refused_everywhere(repo: &Repo, name: &str, line: usize, message: &str) {
    let path = repo.briefs().join(name);
    let error = load_brief(&path).unwrap_err();
    assert_eq!(error.line, Some(line), "{error}");
    assert!(error.message.contains(message), "{error}");
    let shown = format!("{}:{line}: ", path.display());
    assert!(error.to_string().starts_with(&shown), "{error}");

    let loaded = repo.view_load();
    assert!(
        loaded
            .errors
            .iter()
            .any(|e| e.starts_with(&shown) && e.contains(message)),
        "{:?}",
        loaded.errors
    );
    let output = repo.check_binary();
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    assert!(
        printed
            .lines()
            .any(|l| l.starts_with(&shown) && l.contains(message)),
        "{printed}"
    );
}

// ------------------------------------------------------------------ YAML bombs

/// Each level refers ten times to the one before: nine levels would be a billion
/// strings once expanded.
fn billion_laughs() -> String {
    let mut text = String::from("lead: &a0 \"哈哈\"\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("l{i}: &a{i} [{refs}]\n"));
    }
    text
}

#[test]
fn an_alias_bomb_is_refused_at_its_first_alias() {
    let repo = Repo::new("bomb");
    let yaml = yaml_with("bomb", &billion_laughs());
    repo.write_yaml("bomb.yaml", &yaml);
    // Line 13: the first line with an alias, after the 11 lines of fields and the anchor.
    assert!(yaml.lines().nth(12).unwrap().contains("*a0"));
    assert_refused_everywhere(&repo, "bomb.yaml", 13, "YAML alias");
}

#[test]
fn an_alias_to_a_large_string_is_refused() {
    // Few aliases, but each would copy 4 MB: the expansion limit of the YAML parser
    // counts aliases, not bytes.
    let big = "长".repeat(4 << 20);
    let tail = format!(
        "lead: &big \"{big}\"\nsections: [{}]\n",
        vec!["*big"; 100].join(", ")
    );
    let error = parse_brief(Path::new("big.yaml"), &yaml_with("big", &tail)).unwrap_err();
    assert_eq!(error.line, Some(13));
    assert!(error.message.contains("YAML alias"), "{error}");
}

#[test]
fn deep_flow_nesting_is_refused_with_its_line() {
    let repo = Repo::new("flow");
    // A million brackets on line 12: the YAML scanner alone would take minutes.
    let tail = format!("lead: {}\n", "[".repeat(1_000_000));
    repo.write_yaml("flow.yaml", &yaml_with("flow", &tail));
    assert_refused_everywhere(&repo, "flow.yaml", 12, "nested more than 32 deep");
}

#[test]
fn deep_block_nesting_is_refused_with_its_line() {
    let repo = Repo::new("block");
    let mut tail = String::from("lead:\n");
    for depth in 1..=2000 {
        tail.push_str(&" ".repeat(depth));
        tail.push_str(&format!("k{depth}:\n"));
    }
    repo.write_yaml("block.yaml", &yaml_with("block", &tail));
    // The parser stops at 128 levels: the 128th key under `lead` is on line 12 + 128.
    assert_refused_everywhere(&repo, "block.yaml", 140, "nested more than 128 levels deep");
}

// ------------------------------------------------------------------ sections at scale

/// A source of `n` numbered headings, and a brief of them as a flat list. The YAML is
/// written by hand, one flow mapping per section: as the converter writes them, a
/// million sections would be over the size limit.
fn flat_repo(n: u32) -> (Repo, Brief) {
    let repo = Repo::new(&format!("flat-{n}"));
    let mut text = String::new();
    let mut sections = Vec::with_capacity(n as usize);
    let mut yaml = String::from("sections:\n");
    for i in 1..=n {
        let heading = format!("第{i}节");
        text.push_str(&heading);
        text.push('\n');
        yaml.push_str(&format!("- {{id: '{i}', heading: {heading}, line: {i}}}\n"));
        sections.push(section(i.to_string(), heading, i, Vec::new()));
    }
    let path = repo.source("flat.txt", &text);
    let mut brief = empty_brief("flat", &path, &text);
    brief.sections = sections;
    brief.measures = vec![measure("m1", "1", "第1节", &[], 1)];
    brief.figures = vec![figure("f1", &n.to_string(), &format!("第{n}节"), n)];
    // The rest of the brief as the converter writes it, the sections by hand.
    let mut rest = brief.clone();
    rest.sections.clear();
    let head = batch::to_yaml(&rest)
        .unwrap()
        .replace("sections: []\n", &yaml);
    repo.write_yaml("flat.yaml", &head);
    (repo, brief)
}

#[test]
fn a_million_sections_load_check_and_render() {
    let (repo, brief) = flat_repo(1_000_000);
    let (loaded, errors) = load_dir_cached(&repo.briefs(), None);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(loaded[0].1, brief);
    let report = repo.check();
    assert!(report.is_clean(), "{:?}", report.problems.first());
    // Through the binary, as a user runs it (the cache from `check` above is warm).
    let output = repo.check_binary();
    assert_no_panic(&output);
    assert!(output.status.success(), "{}", stdout(&output));

    let mut app = app(repo.view_load(), 120, 40);
    let rows = screen(&app, 120, 40);
    // The count column is narrow: 1000000 shows as "1000…".
    assert!(rows[3].contains("1000"), "section count shown: {rows:#?}");
    app.open_reader(0);
    app.update(Action::Bottom);
    app.update(Action::NextPane);
    app.update(Action::Bottom);
    let rows = screen(&app, 120, 40);
    assert!(rows.iter().any(|r| r.contains("第1000000节")), "{rows:#?}");
}

/// Sections nested `depth` deep, one per level, each heading on its own line.
fn nested_repo(name: &str, depth: u32) -> Repo {
    let repo = Repo::new(name);
    let mut text = String::new();
    for level in 1..=depth {
        text.push_str(&format!("第{level}层\n"));
    }
    let path = repo.source("deep.txt", &text);
    let mut node: Option<Section> = None;
    for level in (1..=depth).rev() {
        let id = vec!["1"; level as usize].join(".");
        node = Some(section(
            id,
            format!("第{level}层"),
            level,
            node.into_iter().collect(),
        ));
    }
    let mut brief = empty_brief("deep", &path, &text);
    brief.sections = node.into_iter().collect();
    repo.write_brief(&brief);
    repo
}

#[test]
fn sections_nested_as_deep_as_yaml_allows_work_everywhere() {
    // 60 levels of sections are 121 levels of YAML, just inside the parser's limit.
    let repo = nested_repo("nested-ok", 60);
    let report = repo.check();
    assert!(report.is_clean(), "{:?}", report.problems);
    let output = repo.check_binary();
    assert!(output.status.success(), "{}", stdout(&output));
    let mut app = app(repo.view_load(), 100, 30);
    app.open_reader(0);
    app.update(Action::Bottom);
    let rows = screen(&app, 100, 30);
    assert!(rows.iter().any(|r| r.contains("第60层")), "{rows:#?}");
}

#[test]
fn sections_nested_deeper_than_yaml_allows_are_refused_with_a_line() {
    let repo = nested_repo("nested-deep", 100);
    // Level 1 is at line 13 and each level takes 5 lines; the parser gives up at its
    // 128th level, inside the 64th section.
    let yaml = std::fs::read_to_string(repo.briefs().join("deep.yaml")).unwrap();
    let line = yaml.lines().position(|l| l.contains("第64层")).unwrap() + 1;
    let error = load_brief(&repo.briefs().join("deep.yaml")).unwrap_err();
    let at = error.line.unwrap();
    assert!(at.abs_diff(line) <= 3, "error at {at}, level 64 at {line}");
    assert_refused_everywhere(&repo, "deep.yaml", at, "nested more than 128 levels deep");
}

// ------------------------------------------------------------------ bad references

/// A small valid repository: a source of two headed sections with one figure.
fn small_repo(name: &str) -> (Repo, Brief) {
    let repo = Repo::new(name);
    let text = "一、外贸\n全年进出口总额474.4亿元。\n二、消费\n推动消费升级。\n";
    let path = repo.source("small.txt", text);
    let mut brief = empty_brief("small", &path, text);
    brief.sections = vec![
        Section {
            paragraphs: vec!["全年进出口总额474.4亿元。".to_owned()],
            ..section("1".into(), "一、外贸".into(), 1, Vec::new())
        },
        Section {
            paragraphs: vec!["推动消费升级。".to_owned()],
            ..section("2".into(), "二、消费".into(), 3, Vec::new())
        },
    ];
    brief.measures = vec![measure("m1", "2", "推动消费升级。", &[], 4)];
    brief.figures = vec![figure("f1", "1", "进出口总额474.4亿元", 2)];
    (repo, brief)
}

/// The viewer opens the first brief and visits every measure and figure.
fn walk_in_viewer(repo: &Repo) -> Vec<String> {
    let mut app = app(repo.view_load(), 100, 30);
    app.open_reader(0);
    for action in [
        Action::NextMeasure,
        Action::NextMeasure,
        Action::NextFigure,
        Action::NextFigure,
        Action::PrevMeasure,
        Action::ShowSource,
        Action::NextSection,
    ] {
        app.update(action);
        screen(&app, 100, 30);
    }
    screen(&app, 100, 30)
}

#[test]
fn the_small_repo_is_valid() {
    let (repo, brief) = small_repo("small-valid");
    repo.write_brief(&brief);
    let report = repo.check();
    assert!(report.is_clean(), "{:?}", report.problems);
}

#[test]
fn duplicate_ids_are_reported_and_the_viewer_copes() {
    let (repo, mut brief) = small_repo("dup");
    brief.sections[1].id = "1".to_owned();
    brief.measures.push(brief.measures[0].clone());
    brief.figures.push(brief.figures[0].clone());
    let path = repo.write_brief(&brief);
    let output = repo.check_binary();
    assert_no_panic(&output);
    let printed = stdout(&output);
    for what in ["section id \"1\"", "measure id \"m1\"", "figure id \"f1\""] {
        let line = printed
            .lines()
            .find(|l| l.contains(&format!("duplicate {what}")))
            .unwrap_or_else(|| panic!("no duplicate {what} in {printed}"));
        assert!(line.starts_with(&format!("{}:", path.display())), "{line}");
    }
    let rows = walk_in_viewer(&repo);
    assert!(rows.iter().any(|r| r.contains("消费")), "{rows:#?}");
}

#[test]
fn missing_references_are_reported_and_the_viewer_copes() {
    let (repo, mut brief) = small_repo("refs");
    brief.measures[0].section = "9.9".to_owned();
    brief.measures[0].figures = vec!["f404".to_owned()];
    brief.figures[0].section = "7".to_owned();
    let path = repo.write_brief(&brief);
    let output = repo.check_binary();
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    for message in [
        "measure m1: section \"9.9\" does not exist",
        "measure m1: figure \"f404\" does not exist",
        "figure f1: section \"7\" does not exist",
    ] {
        assert!(
            printed
                .lines()
                .any(|l| l.starts_with(&format!("{}:", path.display())) && l.contains(message)),
            "{message} not in {printed}"
        );
    }
    let rows = walk_in_viewer(&repo);
    assert!(rows.iter().any(|r| r.contains("外贸")), "{rows:#?}");
}

// ------------------------------------------------------------------ huge strings

#[test]
fn a_brief_over_the_size_limit_is_refused_naming_the_file() {
    let repo = Repo::new("huge");
    let mut yaml = yaml_with("huge", "lead: \"");
    let chunk = "全年实现进出口总额474.4亿元，同比下降0.4%。";
    while (yaml.len() as u64) < 100 * 1024 * 1024 {
        yaml.push_str(chunk);
    }
    yaml.push_str("\"\n");
    let path = repo.write_yaml("huge.yaml", &yaml);
    drop(yaml);
    let message = format!("larger than {MAX_BRIEF_BYTES} bytes");
    let error = load_brief(&path).unwrap_err();
    assert!(error.message.contains(&message), "{error}");
    assert_eq!(
        error.to_string(),
        format!("{}: {}", path.display(), error.message)
    );
    let loaded = repo.view_load();
    assert!(loaded.briefs.is_empty());
    assert_eq!(loaded.errors, [error.to_string()]);
    let output = repo.check_binary();
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains(&error.to_string()),
        "{}",
        stdout(&output)
    );
}

/// Strings under the limit are accepted; the viewer's first frames still come (the
/// library truncates, the reader wraps only what it lays out).
#[test]
fn a_huge_string_under_the_limit_loads_and_renders() {
    let (repo, mut brief) = small_repo("long");
    let long = "全年实现进出口总额474.4亿元，同比下降0.4%。".repeat(500_000); // 29 MB
    brief.title = long.clone();
    brief.sections[0].paragraphs.push(long);
    repo.write_brief(&brief);
    let loaded = repo.view_load();
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let mut app = app(loaded, 120, 40);
    let rows = screen(&app, 120, 40);
    assert!(rows[3].contains("全年实现进出口总额"), "{}", rows[3]);
    app.open_reader(0);
    app.update(Action::Page(3));
    let rows = screen(&app, 120, 40);
    assert!(
        rows.iter().filter(|r| r.contains("进出口总额")).count() > 10,
        "{rows:#?}"
    );
}

// ------------------------------------------------------------------ control characters

/// Every C0 control, DEL, some C1 controls and a few escape sequences.
fn controls() -> String {
    let mut text: String = (0u32..0x20).filter_map(char::from_u32).collect();
    text.push_str("\u{7f}\u{80}\u{85}\u{9b}\u{9f}\u{1b}[2J\u{1b}]0;title\u{7}\u{1b}[31m红\u{9b}0m");
    text
}

fn has_control(text: &str) -> bool {
    text.chars().any(char::is_control)
}

#[test]
fn control_characters_never_reach_the_screen_or_the_check_output() {
    let repo = Repo::new("controls");
    let c = controls();
    let text = format!("一、外贸{c}\n全年进出口总额474.4亿元{c}。\n");
    let path = repo.source("ctl.txt", &text);
    let mut brief = empty_brief("ctl", &path, &text);
    brief.title = format!("标题{c}");
    brief.city = Some(format!("城{c}"));
    brief.city_en = Some(format!("City{c}"));
    brief.province = Some(format!("省{c}"));
    brief.date = Some(format!("2024{c}"));
    brief.issuer = Some(format!("局{c}"));
    brief.lead = format!("导语{c}");
    brief.sections = vec![Section {
        paragraphs: vec![format!("全年进出口总额474.4亿元{c}。")],
        ..section(format!("1{c}"), format!("一、外贸{c}"), 1, Vec::new())
    }];
    let mut m = measure("m1", "1", &format!("措施{c}"), &["f1"], 2);
    m.title = format!("题{c}");
    m.themes = vec![format!("主题{c}"), "general".into()];
    m.actor = Some(format!("商务局{c}"));
    brief.measures = vec![m];
    let mut f = figure("f1", "1", &format!("进出口总额474.4亿元{c}"), 2);
    f.metric = format!("指标{c}");
    f.unit = format!("亿元{c}");
    f.base_unit = format!("元{c}");
    f.qualifier = Some(format!("约{c}"));
    f.period = Some(format!("2024{c}"));
    brief.figures = vec![f];
    brief.dropped = vec![brief::brief::Dropped {
        line: 1,
        kind: brief::brief::DropKind::PageNumber,
        text: format!("— 5 —{c}"),
    }];
    repo.write_brief(&brief);
    // A second brief whose file name itself holds an escape sequence.
    repo.write_yaml("\u{1b}[2Jevil.yaml", "schema: [\n");

    let output = repo.check_binary();
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    assert!(printed.contains("evil.yaml"), "{printed}");
    assert!(printed.lines().count() > 5, "{printed}");
    for line in printed.lines().chain(stderr(&output).lines()) {
        assert!(!has_control(line), "control character in: {line:?}");
    }

    let loaded = repo.view_load();
    assert_eq!((loaded.briefs.len(), loaded.errors.len()), (1, 1));
    let (w, h) = (160, 50);
    let mut app = app(loaded, w, h);
    let mut screens = vec![screen(&app, w, h)];
    app.update(Action::ToggleHelp);
    screens.push(screen(&app, w, h));
    app.update(Action::ToggleHelp);
    app.update(Action::StartSearch);
    app.update(Action::Type('\u{1b}'));
    app.update(Action::Type('\u{9b}'));
    screens.push(screen(&app, w, h));
    app.update(Action::Back);
    app.open_reader(0);
    for action in [
        Action::NextMeasure,
        Action::NextFigure,
        Action::ShowSource,
        Action::NextPane,
    ] {
        app.update(action);
        screens.push(screen(&app, w, h));
    }
    app.update(Action::StartSearch);
    app.update(Action::Type('\u{1b}'));
    app.update(Action::Submit);
    screens.push(screen(&app, w, h));
    app.update(Action::Back);
    app.update(Action::Back);
    app.update(Action::Back);
    app.update(Action::Compare);
    screens.push(screen(&app, w, h));
    for rows in &screens {
        for row in rows {
            assert!(!has_control(row), "control character on screen: {row:?}");
        }
    }
    let all: String = screens.concat().concat();
    // The text is there, its controls shown as symbols.
    assert!(all.contains("标题␀␁"), "title not shown");
    assert!(all.contains("␛[2J"), "escape not shown as ␛");
}

// ------------------------------------------------------------------ read-only directory

/// Makes `dir` unwritable, even for root (as these tests may run): mode 0555, and
/// where that does not stop the current user, the immutable attribute.
struct ReadOnly {
    dir: PathBuf,
    immutable: bool,
}

impl ReadOnly {
    fn make(dir: &Path) -> ReadOnly {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        let mut guard = ReadOnly {
            dir: dir.to_path_buf(),
            immutable: false,
        };
        if writable(dir) {
            let status = Command::new("chattr").arg("+i").arg(dir).status();
            guard.immutable = status.is_ok_and(|s| s.success());
        }
        assert!(
            !writable(dir),
            "cannot make {} read-only for this user (chattr +i failed)",
            dir.display()
        );
        guard
    }
}

fn writable(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    let ok = std::fs::write(&probe, "").is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.immutable {
            let _ = Command::new("chattr").arg("-i").arg(&self.dir).status();
        }
        let _ = std::fs::set_permissions(&self.dir, std::fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn a_read_only_briefs_directory() {
    let (repo, brief) = small_repo("readonly");
    repo.write_brief(&brief);
    let source = repo.root.join("seeds/new.txt");
    std::fs::write(&source, "一、外贸\n全年进出口总额474.4亿元。\n").unwrap();
    let listing = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = listing(&repo.briefs());
    let _guard = ReadOnly::make(&repo.briefs());

    let output = Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(&repo.root)
        .args(["convert", "seeds/new.txt", "-o", "briefs"])
        .output()
        .unwrap();
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("briefs/new.yaml: "),
        "the file is named: {err}"
    );
    assert_eq!(listing(&repo.briefs()), before, "nothing half-written");

    // The viewer still opens it (its cache, elsewhere, is no matter), and so does check.
    let loaded = repo.view_load();
    assert_eq!(loaded.briefs.len(), 1, "{:?}", loaded.errors);
    let output = repo.check_binary();
    assert!(output.status.success(), "{}", stdout(&output));
    assert_eq!(listing(&repo.briefs()), before);
}

// ------------------------------------------------------------------ terminal sizes

fn real_app(w: u16, h: u16) -> App {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("briefs");
    app(load_with_cache(&ViewSource::Dir(dir), None), w, h)
}

/// Library, help, reader (both panes, after a search), side by side.
fn every_view(app: &mut App, w: u16, h: u16) -> Vec<Vec<String>> {
    let mut screens = vec![screen(app, w, h)];
    app.update(Action::ToggleHelp);
    screens.push(screen(app, w, h));
    app.update(Action::ToggleHelp);
    app.update(Action::Open);
    screens.push(screen(app, w, h));
    app.update(Action::NextPane);
    app.update(Action::NextMeasure);
    screens.push(screen(app, w, h));
    app.update(Action::StartSearch);
    app.update(Action::Type('消'));
    app.update(Action::Submit);
    screens.push(screen(app, w, h));
    app.update(Action::Back);
    app.update(Action::Back);
    for _ in 0..4 {
        app.update(Action::Mark);
        app.update(Action::Move(1));
    }
    app.update(Action::Compare);
    assert_eq!(app.mode, Mode::Compare);
    screens.push(screen(app, w, h));
    screens
}

#[test]
fn a_one_by_one_terminal() {
    let mut app = real_app(1, 1);
    for rows in every_view(&mut app, 1, 1) {
        assert_eq!(rows.len(), 1);
        assert!(brief::text::width(&rows[0]) <= 1, "{rows:?}");
    }
    // And a resize down to it from a usable size.
    let mut app = real_app(80, 24);
    app.update(Action::Open);
    app.update(Action::Resize(1, 1));
    assert_eq!(screen(&app, 1, 1).len(), 1);
}

#[test]
fn a_five_hundred_by_two_hundred_terminal() {
    let (w, h) = (500, 200);
    let mut app = real_app(w, h);
    let screens = every_view(&mut app, w, h);
    for rows in &screens {
        for row in rows {
            assert_eq!(brief::text::width(row), usize::from(w), "{row}");
        }
    }
    let library = &screens[0];
    assert!(library[0].contains("简报库 (5)"), "{}", library[0]);
    for city in ["临沂", "鹿城", "武汉", "徐州", "义乌"] {
        assert!(library.iter().any(|r| r.contains(city)), "{city}");
    }
    // The reader uses the height: the text pane is filled, not a strip at the top.
    let cjk = |row: &String| row.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let mut wuhan = real_app(w, h);
    wuhan.update(Action::Move(2));
    wuhan.update(Action::Open);
    let reader = screen(&wuhan, w, h);
    assert!(reader[0].contains("武汉"), "{}", reader[0]);
    let text_rows = reader.iter().filter(|r| cjk(r)).count();
    assert!(
        text_rows > 120,
        "{text_rows} of {h} rows with text: {reader:#?}"
    );
    let bottom = &reader[usize::from(h) - 12..usize::from(h) - 3];
    assert!(
        bottom.iter().any(cjk),
        "text down to the bottom: {bottom:#?}"
    );
    // Four columns side by side.
    let compare = &screens[5];
    assert_eq!(compare[1].matches('┌').count(), 4, "{}", compare[1]);
}
