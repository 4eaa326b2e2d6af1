//! A pop-up list over the body: what was typed to narrow it, then the items with
//! their ticks and counts. The terminal cursor sits at the typed text's caret.

use super::{fit, pane};
use crate::text::width;
use crate::tui::app::App;
use crate::tui::picker::Picker;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

pub fn render(app: &App, picker: &Picker, frame: &mut Frame, body: Rect) {
    let lang = app.settings.lang;
    let p = super::palette(app);
    let visible = picker.visible();
    let w = body.width.min(96);
    let h = (visible.len() as u16)
        .saturating_add(4)
        .max(5)
        .min(body.height);
    let area = Rect::new(
        body.x + (body.width - w) / 2,
        body.y + (body.height - h) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, area);
    let block = pane(app, &picker.title, true).title_alignment(Alignment::Center);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let cells = usize::from(inner.width);
    let label = lang.pick("筛选：", "filter: ");
    let shown = picker
        .filter
        .shown(cells.saturating_sub(width(label)).max(1));
    let mut lines = vec![Line::raw(fit(
        app,
        &format!("{label}{}", shown.text),
        cells,
    ))];
    let rows = usize::from(inner.height).saturating_sub(1);
    let offset = picker.selected.saturating_sub(rows.saturating_sub(1));
    let label_width = picker
        .items
        .iter()
        .map(|i| width(&i.label))
        .max()
        .unwrap_or(0)
        .min(cells / 2);
    for (position, &i) in visible.iter().enumerate().skip(offset).take(rows) {
        let item = &picker.items[i];
        let selected = position == picker.selected;
        let tick = match (picker.multi, item.checked) {
            (true, true) => "[x] ",
            (true, false) => "[ ] ",
            (false, _) => "",
        };
        let marker = if selected { ">" } else { " " };
        let name = fit(app, &item.label, label_width);
        let pad = " ".repeat(label_width.saturating_sub(width(&name)));
        let text = fit(
            app,
            &format!("{marker}{tick}{name}{pad}  {}", item.detail),
            cells,
        );
        let style = if selected {
            p.selected()
        } else if item.checked {
            p.chip()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(text, style));
    }
    if visible.is_empty() {
        lines.push(Line::styled(
            fit(app, lang.pick(" 没有匹配项", " nothing matches"), cells),
            p.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if app.prompt.is_none() {
        let caret =
            inner.x + (width(label) + shown.caret_column).min(cells.saturating_sub(1)) as u16;
        frame.set_cursor_position((caret, inner.y));
    }
}
