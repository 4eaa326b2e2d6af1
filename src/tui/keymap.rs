//! Keys are data: one table per view of key → action → description, from which the
//! help overlay and the hint bar are generated, so they can never disagree with
//! what the keys do.

use super::action::Action;
use super::app::{App, Mode};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind};

/// One binding: the keys as shown, the action, and what it does in both languages.
pub struct Binding {
    pub keys: &'static str,
    pub action: Action,
    pub zh: &'static str,
    pub en: &'static str,
    /// Shown in the one-line hint bar.
    pub hint: bool,
}

const fn bind(
    keys: &'static str,
    action: Action,
    zh: &'static str,
    en: &'static str,
    hint: bool,
) -> Binding {
    Binding {
        keys,
        action,
        zh,
        en,
        hint,
    }
}

const COMMON: &[Binding] = &[
    bind("↑↓ j k", Action::Move(1), "上下移动", "move", true),
    bind("PgUp PgDn", Action::Page(1), "翻页", "page", false),
    bind("g G", Action::Top, "到开头 / 结尾", "top / bottom", false),
    bind("?", Action::ToggleHelp, "帮助", "help", true),
    bind("q", Action::Quit, "退出", "quit", true),
];

const LIBRARY: &[Binding] = &[
    bind("Enter", Action::Open, "阅读", "read", true),
    bind("Space", Action::Mark, "标记并排", "mark", true),
    bind("c", Action::Compare, "并排对照", "side by side", true),
    bind("s", Action::CycleSort, "排序", "sort", true),
    bind("/", Action::StartSearch, "输入跳转", "jump", true),
];

const READER: &[Binding] = &[
    bind(
        "Tab",
        Action::NextPane,
        "目录 / 正文",
        "outline / text",
        true,
    ),
    bind("Enter", Action::Open, "跳到章节", "go to section", false),
    bind(
        "m M",
        Action::NextMeasure,
        "下 / 上一项举措",
        "next / prev measure",
        true,
    ),
    bind(
        "f F",
        Action::NextFigure,
        "下 / 上一个数据",
        "next / prev figure",
        true,
    ),
    bind("o", Action::ShowSource, "来源行号", "source line", true),
    bind("/", Action::StartSearch, "搜索", "search", true),
    bind(
        "n N",
        Action::NextMatch,
        "下 / 上一处",
        "next / prev match",
        false,
    ),
    bind("c", Action::Compare, "与下一份并排", "side by side", false),
    bind("Esc", Action::Back, "返回书库", "back", true),
];

const COMPARE: &[Binding] = &[
    bind(
        "Tab ← → h l",
        Action::NextPane,
        "切换栏",
        "switch column",
        true,
    ),
    bind(
        "y",
        Action::ToggleSync,
        "同步 / 分别滚动",
        "sync scrolling",
        true,
    ),
    bind(
        "] [",
        Action::NextSection,
        "对齐下 / 上一节",
        "align next / prev section",
        true,
    ),
    bind("Enter", Action::Open, "阅读此栏", "read this column", false),
    bind("Esc", Action::Back, "返回书库", "back", true),
];

const SEARCH: &[Binding] = &[
    bind("Enter", Action::Submit, "确定", "done", true),
    bind("Esc", Action::Back, "取消", "cancel", true),
];

/// The bindings of the current view, common keys last.
pub fn bindings(app: &App) -> Vec<&'static Binding> {
    if app.search.typing {
        return SEARCH.iter().collect();
    }
    let own = match app.mode {
        Mode::Library => LIBRARY,
        Mode::Reader => READER,
        Mode::Compare => COMPARE,
    };
    own.iter().chain(COMMON).collect()
}

/// The action for a key press in the current view, if any. Releases and repeats
/// reported by some terminals are not presses and are ignored.
pub fn action_for_key(app: &App, key: KeyEvent) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    if app.search.typing {
        return match key.code {
            KeyCode::Enter => Some(Action::Submit),
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Backspace => Some(Action::Backspace),
            KeyCode::Char(c) if !c.is_control() => Some(Action::Type(c)),
            _ => None,
        };
    }
    Some(match key.code {
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Esc | KeyCode::Backspace => Action::Back,
        KeyCode::Char('?') | KeyCode::F(1) => Action::ToggleHelp,
        KeyCode::Down | KeyCode::Char('j') => Action::Move(1),
        KeyCode::Up | KeyCode::Char('k') => Action::Move(-1),
        KeyCode::PageDown | KeyCode::Char(' ') if app.mode != Mode::Library => Action::Page(1),
        KeyCode::PageDown => Action::Page(1),
        KeyCode::PageUp => Action::Page(-1),
        KeyCode::Home | KeyCode::Char('g') => Action::Top,
        KeyCode::End | KeyCode::Char('G') => Action::Bottom,
        KeyCode::Enter => Action::Open,
        KeyCode::Tab => Action::NextPane,
        KeyCode::BackTab => Action::PrevPane,
        KeyCode::Right | KeyCode::Char('l') if app.mode != Mode::Library => Action::NextPane,
        KeyCode::Left | KeyCode::Char('h') if app.mode != Mode::Library => Action::PrevPane,
        KeyCode::Char(' ') => Action::Mark,
        KeyCode::Char('c') => Action::Compare,
        KeyCode::Char('s') => Action::CycleSort,
        KeyCode::Char('m') => Action::NextMeasure,
        KeyCode::Char('M') => Action::PrevMeasure,
        KeyCode::Char('f') => Action::NextFigure,
        KeyCode::Char('F') => Action::PrevFigure,
        KeyCode::Char('o') => Action::ShowSource,
        KeyCode::Char('y') => Action::ToggleSync,
        KeyCode::Char(']') => Action::NextSection,
        KeyCode::Char('[') => Action::PrevSection,
        KeyCode::Char('/') => Action::StartSearch,
        KeyCode::Char('n') => Action::NextMatch,
        KeyCode::Char('N') => Action::PrevMatch,
        _ => return None,
    })
}

/// Wheel and left click; the wheel scrolls three rows, as most terminals do.
pub fn action_for_mouse(mouse: MouseEvent) -> Option<Action> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Scroll {
            column,
            row,
            lines: 3,
        }),
        MouseEventKind::ScrollUp => Some(Action::Scroll {
            column,
            row,
            lines: -3,
        }),
        MouseEventKind::Down(crossterm::event::MouseButton::Left) => {
            Some(Action::Click { column, row })
        }
        _ => None,
    }
}
