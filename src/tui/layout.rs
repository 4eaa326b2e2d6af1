//! Where each pane goes, as pure functions of the screen size, so the code that
//! scrolls (`App::update`) and the code that draws agree on every width.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this the views cannot show anything useful; the screen says so instead.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 6;

/// The screen split into title bar, body, status line and key hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    pub title: Rect,
    pub body: Rect,
    pub status: Rect,
    pub hints: Rect,
}

pub fn frame(area: Rect) -> Frame {
    let [title, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    Frame {
        title,
        body,
        status,
        hints,
    }
}

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The reader: outline on the left (a third, at most 36 cells), text on the right.
/// On narrow screens the outline gives way to the text.
pub fn reader(body: Rect) -> (Option<Rect>, Rect) {
    if body.width < 60 {
        return (None, body);
    }
    let outline = (body.width / 3).min(36);
    let [left, right] =
        Layout::horizontal([Constraint::Length(outline), Constraint::Min(1)]).areas(body);
    (Some(left), right)
}

/// A list above and, when there is room, the selected item in full below it: the
/// detail gets a third of the height, between 5 and 12 rows.
pub fn list_and_detail(area: Rect) -> (Rect, Option<Rect>) {
    if area.height < 14 {
        return (area, None);
    }
    let detail = (area.height / 3).clamp(5, 12);
    let [list, below] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(detail)]).areas(area);
    (list, Some(below))
}

/// The measures view: the filter line, the count line, the list, the detail.
pub fn measures(body: Rect) -> (Rect, Rect, Rect, Option<Rect>) {
    let [filters, counts, rest] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(body);
    let (list, detail) = list_and_detail(rest);
    (filters, counts, list, detail)
}

/// The figures view: the filter line, the table, the detail.
pub fn figures(body: Rect) -> (Rect, Rect, Option<Rect>) {
    let [filters, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
    let (table, detail) = list_and_detail(rest);
    (filters, table, detail)
}

/// The first row of a list of `height` rows that keeps `selected` in view.
pub fn list_offset(selected: usize, height: usize) -> usize {
    selected.saturating_sub(height.saturating_sub(1))
}

/// Inside a bordered pane: the text area, one cell in from each side.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// Columns side by side, equal widths.
pub fn columns(body: Rect, count: usize) -> Vec<Rect> {
    let count = count.max(1) as u32;
    Layout::horizontal((0..count).map(|_| Constraint::Ratio(1, count)))
        .split(body)
        .to_vec()
}

/// Width of wrapped text in a bordered pane, after the two-cell measure gutter.
pub fn text_width(pane: Rect) -> usize {
    usize::from(inner(pane).width.saturating_sub(2)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_hides_outline_when_narrow() {
        assert!(reader(Rect::new(0, 0, 50, 20)).0.is_none());
        let (outline, text) = reader(Rect::new(0, 0, 160, 40));
        assert_eq!(outline.unwrap().width, 36);
        assert_eq!(text.width, 124);
    }

    #[test]
    fn columns_share_the_width() {
        let cols = columns(Rect::new(0, 0, 160, 40), 4);
        assert_eq!(cols.iter().map(|c| c.width).sum::<u16>(), 160);
    }
}
