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
    bind(
        "1-5",
        Action::Tab(1),
        "书库 举措 主题 数据 要点",
        "library measures lens figures points",
        true,
    ),
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
    bind(
        "Space",
        Action::AddPoint,
        "加入 / 移出要点",
        "add to points",
        true,
    ),
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

const MEASURES: &[Binding] = &[
    bind("Enter", Action::Open, "阅读原文", "read in place", true),
    bind(
        "Space",
        Action::AddPoint,
        "加入 / 移出要点",
        "add to points",
        true,
    ),
    bind("t", Action::PickThemes, "主题", "themes", true),
    bind("c", Action::PickCities, "城市", "cities", true),
    bind("s", Action::PickStatuses, "状态", "status", true),
    bind("d", Action::PickKinds, "文件类型", "document kind", false),
    bind(
        "/",
        Action::StartSearch,
        "搜索（汉字或拼音）",
        "search (hanzi or pinyin)",
        true,
    ),
    bind(
        "x",
        Action::RemoveFilter,
        "去掉最后一个条件",
        "remove last filter",
        true,
    ),
    bind(
        "X",
        Action::ClearFilters,
        "清除全部条件",
        "clear filters",
        false,
    ),
    bind("v", Action::SaveView, "保存为视图", "save view", false),
    bind(
        "V",
        Action::RecallView,
        "打开保存的视图",
        "saved views",
        true,
    ),
];

const LENS: &[Binding] = &[
    bind(
        "] [",
        Action::CycleTheme(1),
        "下 / 上一个主题",
        "next / prev theme",
        true,
    ),
    bind("t", Action::PickThemes, "选择主题", "pick themes", true),
    bind(
        "Tab ← → h l",
        Action::NextPane,
        "切换城市",
        "switch city",
        true,
    ),
    bind("Enter", Action::Open, "阅读原文", "read in place", true),
    bind(
        "Space",
        Action::AddPoint,
        "加入 / 移出要点",
        "add to points",
        true,
    ),
];

const FIGURES: &[Binding] = &[
    bind(
        "s",
        Action::CycleSort,
        "按下一列排序",
        "sort by next column",
        true,
    ),
    bind("r", Action::ReverseSort, "倒序", "reverse", true),
    bind("t", Action::PickThemes, "主题", "themes", true),
    bind("c", Action::PickCities, "城市", "cities", true),
    bind(
        "a",
        Action::PickKinds,
        "实际 / 目标",
        "actual / target",
        true,
    ),
    bind("/", Action::StartSearch, "搜索指标", "search metric", true),
    bind(
        "x",
        Action::RemoveFilter,
        "去掉一个条件",
        "remove a filter",
        false,
    ),
    bind(
        "X",
        Action::ClearFilters,
        "清除全部条件",
        "clear filters",
        false,
    ),
    bind("Enter", Action::Open, "阅读原文", "read in place", true),
    bind(
        "Space",
        Action::AddPoint,
        "加入 / 移出要点",
        "add to points",
        false,
    ),
];

const POINTS: &[Binding] = &[
    bind("Enter", Action::Open, "阅读原文", "read in place", true),
    bind("e", Action::EditNote, "写笔记", "note", true),
    bind(
        "K J",
        Action::MovePoint(-1),
        "上移 / 下移",
        "move up / down",
        true,
    ),
    bind("d", Action::RemovePoint, "删除", "remove", true),
    bind("u", Action::Undo, "撤销删除", "undo remove", false),
    bind(
        "x",
        Action::Export,
        "导出 Markdown",
        "export Markdown",
        true,
    ),
];

const SEARCH: &[Binding] = &[
    bind("Enter", Action::Submit, "确定", "done", true),
    bind("Esc", Action::Back, "取消", "cancel", true),
    bind(
        "← → Home End",
        Action::CaretLeft,
        "移动光标",
        "move caret",
        false,
    ),
];

const PICKER: &[Binding] = &[
    bind("Space", Action::Mark, "勾选", "tick", true),
    bind("Enter", Action::Submit, "确定", "done", true),
    bind("Esc", Action::Back, "关闭", "close", true),
    bind("↑↓", Action::Move(1), "上下移动", "move", true),
    bind(
        "abc 汉字",
        Action::Type('a'),
        "筛选列表",
        "narrow the list",
        true,
    ),
];

/// The bindings of the current view, common keys last.
pub fn bindings(app: &App) -> Vec<&'static Binding> {
    if app.prompt.is_some() {
        return SEARCH.iter().collect();
    }
    if app.picker.is_some() {
        return PICKER.iter().collect();
    }
    let own = match app.mode {
        Mode::Library => LIBRARY,
        Mode::Reader => READER,
        Mode::Compare => COMPARE,
        Mode::Measures => MEASURES,
        Mode::Lens => LENS,
        Mode::Figures => FIGURES,
        Mode::Points => POINTS,
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
    if app.prompt.is_some() {
        return match key.code {
            KeyCode::Enter => Some(Action::Submit),
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Backspace => Some(Action::Backspace),
            KeyCode::Delete => Some(Action::Delete),
            KeyCode::Left => Some(Action::CaretLeft),
            KeyCode::Right => Some(Action::CaretRight),
            KeyCode::Home => Some(Action::CaretHome),
            KeyCode::End => Some(Action::CaretEnd),
            KeyCode::Char(c) if !c.is_control() => Some(Action::Type(c)),
            _ => None,
        };
    }
    if app.picker.is_some() {
        return match key.code {
            KeyCode::Enter => Some(Action::Submit),
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Backspace => Some(Action::Backspace),
            KeyCode::Delete => Some(Action::Delete),
            KeyCode::Down => Some(Action::Move(1)),
            KeyCode::Up => Some(Action::Move(-1)),
            KeyCode::PageDown => Some(Action::Page(1)),
            KeyCode::PageUp => Some(Action::Page(-1)),
            KeyCode::Char(' ') => Some(Action::Mark),
            KeyCode::Char(c) if !c.is_control() => Some(Action::Type(c)),
            _ => None,
        };
    }
    if let Some(action) = common_key(key.code) {
        return Some(action);
    }
    match app.mode {
        Mode::Library => library_key(key.code),
        Mode::Reader => reader_key(key.code),
        Mode::Compare => compare_key(key.code),
        Mode::Measures => measures_key(key.code),
        Mode::Lens => lens_key(key.code),
        Mode::Figures => figures_key(key.code),
        Mode::Points => points_key(key.code),
    }
}

/// Keys that mean the same in every view.
fn common_key(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Esc | KeyCode::Backspace => Action::Back,
        KeyCode::Char('?') | KeyCode::F(1) => Action::ToggleHelp,
        KeyCode::Char(c @ '1'..='5') => Action::Tab(c as u8 - b'0'),
        KeyCode::Down | KeyCode::Char('j') => Action::Move(1),
        KeyCode::Up | KeyCode::Char('k') => Action::Move(-1),
        KeyCode::PageDown => Action::Page(1),
        KeyCode::PageUp => Action::Page(-1),
        KeyCode::Home | KeyCode::Char('g') => Action::Top,
        KeyCode::End | KeyCode::Char('G') => Action::Bottom,
        KeyCode::Enter => Action::Open,
        KeyCode::Tab => Action::NextPane,
        KeyCode::BackTab => Action::PrevPane,
        _ => return None,
    })
}

fn library_key(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Char(' ') => Action::Mark,
        KeyCode::Char('c') => Action::Compare,
        KeyCode::Char('s') => Action::CycleSort,
        KeyCode::Char('/') => Action::StartSearch,
        _ => return None,
    })
}

fn reader_key(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Right | KeyCode::Char('l') => Action::NextPane,
        KeyCode::Left | KeyCode::Char('h') => Action::PrevPane,
        KeyCode::Char(' ') => Action::AddPoint,
        KeyCode::Char('c') => Action::Compare,
        KeyCode::Char('m') => Action::NextMeasure,
        KeyCode::Char('M') => Action::PrevMeasure,
        KeyCode::Char('f') => Action::NextFigure,
        KeyCode::Char('F') => Action::PrevFigure,
        KeyCode::Char('o') => Action::ShowSource,
        KeyCode::Char('/') => Action::StartSearch,
        KeyCode::Char('n') => Action::NextMatch,
        KeyCode::Char('N') => Action::PrevMatch,
        _ => return None,
    })
}

fn compare_key(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Right | KeyCode::Char('l') => Action::NextPane,
        KeyCode::Left | KeyCode::Char('h') => Action::PrevPane,
        KeyCode::Char(' ') => Action::Page(1),
        KeyCode::Char('y') => Action::ToggleSync,
        KeyCode::Char(']') => Action::NextSection,
        KeyCode::Char('[') => Action::PrevSection,
        _ => return None,
    })
}

fn measures_key(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Char(' ') => Action::AddPoint,
        KeyCode::Char('t') => Action::PickThemes,
        KeyCode::Char('c') => Action::PickCities,
        KeyCode::Char('s') => Action::PickStatuses,
        KeyCode::Char('d') => Action::PickKinds,
        KeyCode::Char('/') => Action::StartSearch,
        KeyCode::Char('x') | KeyCode::Delete => Action::RemoveFilter,
        KeyCode::Char('X') => Action::ClearFilters,
        KeyCode::Char('v') => Action::SaveView,
        KeyCode::Char('V') => Action::RecallView,
        _ => return None,
    })
}

fn lens_key(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Char(']') => Action::CycleTheme(1),
        KeyCode::Char('[') => Action::CycleTheme(-1),
        KeyCode::Char('t') => Action::PickThemes,
        KeyCode::Right | KeyCode::Char('l') => Action::NextPane,
        KeyCode::Left | KeyCode::Char('h') => Action::PrevPane,
        KeyCode::Char(' ') => Action::AddPoint,
        _ => return None,
    })
}

fn figures_key(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Char('s') => Action::CycleSort,
        KeyCode::Char('r') => Action::ReverseSort,
        KeyCode::Char('t') => Action::PickThemes,
        KeyCode::Char('c') => Action::PickCities,
        KeyCode::Char('a') => Action::PickKinds,
        KeyCode::Char('/') => Action::StartSearch,
        KeyCode::Char('x') | KeyCode::Delete => Action::RemoveFilter,
        KeyCode::Char('X') => Action::ClearFilters,
        KeyCode::Char(' ') => Action::AddPoint,
        _ => return None,
    })
}

fn points_key(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Char('e') => Action::EditNote,
        KeyCode::Char('K') => Action::MovePoint(-1),
        KeyCode::Char('J') => Action::MovePoint(1),
        KeyCode::Char('d') | KeyCode::Delete => Action::RemovePoint,
        KeyCode::Char('u') => Action::Undo,
        KeyCode::Char('x') => Action::Export,
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
