//! The real binary in a real terminal: tmux runs `brief`, keys go in with
//! `send-keys`, and what a person would see comes back with `capture-pane`.
//! Needs tmux (`apt-get install tmux`; `.ci/run` installs it).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// A tmux server of our own, so tests never touch a user's sessions.
struct Tmux {
    socket: String,
    state: PathBuf,
    /// The talking-points file, in a directory of its own (saved views and exports
    /// go beside it).
    points: PathBuf,
}

impl Tmux {
    fn start(name: &str, width: u16, height: u16, env: &[(&str, &str)]) -> Tmux {
        Tmux::start_in(
            name,
            width,
            height,
            env,
            Path::new(env!("CARGO_MANIFEST_DIR")),
        )
    }

    fn start_in(name: &str, width: u16, height: u16, env: &[(&str, &str)], dir: &Path) -> Tmux {
        let status = Command::new("tmux").arg("-V").output();
        assert!(
            status.is_ok(),
            "tmux is needed for this test: apt-get install tmux"
        );
        let socket = format!("brief-e2e-{name}-{}", std::process::id());
        let state = std::env::temp_dir().join(format!("{socket}.yaml"));
        let _ = std::fs::remove_file(&state);
        let points_dir = std::env::temp_dir().join(format!("{socket}-points"));
        let _ = std::fs::remove_dir_all(&points_dir);
        std::fs::create_dir_all(&points_dir).unwrap();
        let points = points_dir.join("talking-points.yaml");
        let mut command = format!(
            "BRIEF_STATE={} BRIEF_POINTS={} ",
            state.display(),
            points.display()
        );
        for (key, value) in env {
            command.push_str(&format!("{key}={value} "));
        }
        command.push_str(&format!(
            "{}; echo EXIT=$?; sleep 30",
            env!("CARGO_BIN_EXE_brief")
        ));
        let tmux = Tmux {
            socket,
            state,
            points,
        };
        tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "-c",
            &dir.display().to_string(),
            &command,
        ]);
        tmux.wait_for("┌");
        tmux
    }

    fn run(&self, args: &[&str]) -> String {
        let output = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", "e2e", key]);
            // Esc followed at once by a key reads as Alt+key; people type slower.
            sleep(Duration::from_millis(120));
        }
    }

    fn text(&self, text: &str) {
        self.run(&["send-keys", "-t", "e2e", "-l", text]);
        sleep(Duration::from_millis(120));
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// Waits until the screen shows `needle`, and returns the screen.
    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "never saw {needle:?}; screen:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }

    fn resize(&self, width: u16, height: u16) {
        self.run(&[
            "resize-window",
            "-t",
            "e2e",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
        sleep(Duration::from_millis(200));
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
        let _ = std::fs::remove_file(&self.state);
        if let Some(dir) = self.points.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

#[test]
fn read_search_compare_help_resize_quit() {
    let tmux = Tmux::start("main", 100, 30, &[("LANG", "zh_CN.UTF-8")]);
    let screen = tmux.wait_for("简报库 (5)");
    assert!(screen.contains("> 临沂"), "{screen}");

    // Down to Yiwu, open it, jump to a measure: its source line shows.
    tmux.keys(&["G", "Enter"]);
    tmux.wait_for("目录");
    tmux.keys(&["m"]);
    let screen = tmux.wait_for("seeds/002_3a939fd7fb08cf59.txt:21");
    assert!(screen.contains("推动市场发展稳中向好"), "{screen}");

    // Incremental search for a Chinese phrase, then the next match.
    tmux.keys(&["/"]);
    tmux.text("中欧班列");
    tmux.wait_for("/中欧班列");
    tmux.keys(&["Enter", "n"]);
    let screen = tmux.wait_for("«中欧班列»");
    assert!(screen.contains("2/"), "{screen}");

    // Help lists the reader's keys; Esc closes it, Esc again goes back to the library.
    tmux.keys(&["?"]);
    tmux.wait_for("按键");
    tmux.keys(&["Escape", "Escape"]);
    tmux.wait_for("简报库");

    // Two briefs side by side.
    tmux.keys(&["g", "Space", "j", "j", "Space", "c"]);
    let screen = tmux.wait_for("并排对照 (2)");
    assert!(
        screen.contains("临沂") && screen.contains("武汉"),
        "{screen}"
    );

    // Small, tiny and large terminals.
    tmux.resize(40, 12);
    tmux.wait_for("并排对照");
    tmux.resize(12, 4);
    tmux.wait_for("窗口太小");
    tmux.resize(200, 60);
    let screen = tmux.wait_for("并排对照 (2)");
    assert!(
        screen
            .lines()
            .any(|l| l.contains("临沂") && l.contains("武汉")),
        "{screen}"
    );

    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
    let state = std::fs::read_to_string(&tmux.state).expect("the position is saved on quit");
    assert!(state.contains("view: compare"), "{state}");
}

#[test]
fn filter_collect_points_note_reopen_export() {
    let tmux = Tmux::start("points", 100, 30, &[("LANG", "zh_CN.UTF-8")]);
    tmux.wait_for("简报库 (5)");

    // Measures of two themes, picked by typing pinyin initials in the theme list.
    tmux.keys(&["2", "t"]);
    tmux.text("wl");
    tmux.wait_for("[ ] 物流与供应链");
    tmux.keys(&["Space", "BSpace", "BSpace"]);
    tmux.text("kjds");
    tmux.wait_for("[ ] 跨境电商");
    tmux.keys(&["Space", "Enter"]);
    tmux.wait_for("[主题 跨境电商]");
    // … in one city.
    tmux.keys(&["c"]);
    tmux.text("义乌");
    tmux.wait_for("[ ] 义乌");
    tmux.keys(&["Space", "Enter"]);
    let screen = tmux.wait_for("[城市 义乌]");
    assert!(screen.contains("[主题 物流与供应链]"), "{screen}");
    let counts = screen
        .lines()
        .find(|l| l.starts_with("共 "))
        .expect("the count line");
    assert!(
        counts.contains("· 义乌 ") && !counts.contains("武汉"),
        "only Yiwu matches: {counts}"
    );

    // Three points, a note in Chinese on the first.
    tmux.keys(&["Space", "j", "Space", "j", "Space"]);
    tmux.wait_for("已加入要点 (3)");
    tmux.keys(&["5"]);
    tmux.wait_for("会议要点 (3)");
    tmux.keys(&["e"]);
    tmux.text("可借鉴：展场联动");
    tmux.keys(&["Enter"]);
    tmux.wait_for("笔记：可借鉴：展场联动");
    tmux.keys(&["q"]);
    tmux.wait_for("EXIT=0");
    let saved = std::fs::read_to_string(&tmux.points).expect("points saved");
    assert_eq!(saved.matches("- ref: yiwu-2024-qa#m").count(), 3, "{saved}");
    assert!(saved.contains("note: 可借鉴：展场联动"), "{saved}");

    // Reopen: the points view comes back with the points and the note.
    let again = Tmux::start(
        "points2",
        100,
        30,
        &[
            ("LANG", "zh_CN.UTF-8"),
            ("BRIEF_STATE", &tmux.state.display().to_string()),
            ("BRIEF_POINTS", &tmux.points.display().to_string()),
        ],
    );
    let screen = again.wait_for("会议要点 (3)");
    assert!(screen.contains("笔记：可借鉴：展场联动"), "{screen}");

    // Export grouped by city: Markdown beside the points file.
    again.keys(&["x"]);
    again.wait_for("按城市分组");
    again.keys(&["Down", "Enter"]);
    again.wait_for("已导出到");
    let markdown = std::fs::read_to_string(tmux.points.with_extension("md")).expect("exported");
    assert!(markdown.starts_with("# "), "{markdown}");
    assert!(markdown.contains("义乌"), "{markdown}");
    assert!(markdown.contains("可借鉴：展场联动"), "{markdown}");
    // The citation names the source file (Markdown escapes its underscore).
    assert!(markdown.contains("3a939fd7fb08cf59.txt 第 "), "{markdown}");
    for quote in saved.lines().filter_map(|l| l.strip_prefix("  quote: ")) {
        let start: String = quote.chars().take(12).collect();
        assert!(markdown.contains(&start), "{start} in\n{markdown}");
    }
    drop(again);
}

#[test]
fn position_comes_back_on_the_next_start() {
    let first = Tmux::start("resume", 100, 30, &[("LANG", "en_US.UTF-8")]);
    first.wait_for("library (5)");
    first.keys(&["G", "Enter", "m", "m", "m"]);
    first.wait_for("m3");
    first.keys(&["q"]);
    first.wait_for("EXIT=0");
    let state = std::fs::read_to_string(&first.state).unwrap();
    assert!(
        state.contains("view: reader") && state.contains("yiwu-2024-qa"),
        "{state}"
    );

    // A second viewer with the same state file opens where the first left off.
    let second_state = first.state.clone();
    let again = Tmux::start(
        "resume2",
        100,
        30,
        &[
            ("LANG", "en_US.UTF-8"),
            ("BRIEF_STATE", &second_state.display().to_string()),
        ],
    );
    let screen = again.wait_for("outline");
    assert!(screen.contains("义乌"), "{screen}");
    drop(again);
    drop(first);
}

/// True when an SGR sequence sets a foreground colour: 30–37, 90–97 or 38;… (tmux
/// reports the basic colours as 38;5;N). 39 is "default colour", a reset.
fn has_colour(styled: &str) -> bool {
    styled.split('\u{1b}').any(|sequence| {
        let Some(params) = sequence.strip_prefix('[').and_then(|s| s.split('m').next()) else {
            return false;
        };
        params
            .split(';')
            .any(|p| matches!(p.parse::<u32>(), Ok(30..=38 | 90..=97)))
    })
}

#[test]
fn no_color_keeps_the_selection_visible() {
    let tmux = Tmux::start(
        "nocolor",
        80,
        24,
        &[("NO_COLOR", "1"), ("LANG", "en_US.UTF-8")],
    );
    let screen = tmux.wait_for("library (5)");
    assert!(screen.contains("> 临沂"), "marker without colour: {screen}");
    let styled = tmux.run(&["capture-pane", "-p", "-e", "-t", "e2e"]);
    // Colours are SGR 30–37, 90–97 (and 38;…); 39 is "default colour", a reset.
    assert!(
        !has_colour(&styled),
        "no foreground colour codes with NO_COLOR:\n{styled}"
    );
    // With colour, there are some: the check above can fail.
    let coloured = Tmux::start("color", 80, 24, &[("LANG", "en_US.UTF-8")]);
    coloured.wait_for("library (5)");
    let styled = coloured.run(&["capture-pane", "-p", "-e", "-t", "e2e"]);
    assert!(
        has_colour(&styled),
        "colour codes without NO_COLOR:\n{styled}"
    );
}

#[test]
fn outside_the_repository_the_built_in_briefs_open() {
    let elsewhere =
        std::env::temp_dir().join(format!("brief-e2e-elsewhere-{}", std::process::id()));
    std::fs::create_dir_all(&elsewhere).unwrap();
    let tmux = Tmux::start_in("elsewhere", 100, 30, &[("LANG", "en_US.UTF-8")], &elsewhere);
    let screen = tmux.wait_for("library (5)");
    assert!(
        screen.contains("武汉") && screen.contains("义乌"),
        "{screen}"
    );
    drop(tmux);
    let _ = std::fs::remove_dir_all(&elsewhere);
}

#[test]
fn not_a_terminal_is_a_clear_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "nothing on stdout");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
}
