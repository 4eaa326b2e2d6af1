//! The theme lens: one column per city with that city's measures on the chosen
//! themes, each with its figures inline; the selected measure in full below.

use super::measures::{detail, figure_summary};
use super::{fit, palette, pane};
use crate::tui::app::App;
use crate::tui::layout;
use crate::tui::lens::LensColumn;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let lang = app.settings.lang;
    if app.lens.columns.is_empty() {
        let message = lang.pick(
            "这些主题下没有举措（] [ 换主题，t 选择）",
            "no measures on these themes (] [ cycle, t picks)",
        );
        frame.render_widget(
            Paragraph::new(fit(app, message, usize::from(body.width))).style(palette(app).dim()),
            body,
        );
        return;
    }
    let (columns_area, detail_area) = layout::list_and_detail(body);
    let visible = app.lens_visible_columns();
    let shown =
        &app.lens.columns[app.lens.first..(app.lens.first + visible).min(app.lens.columns.len())];
    let panes = layout::columns(columns_area, shown.len());
    for (offset, (column, area)) in shown.iter().zip(panes).enumerate() {
        let index = app.lens.first + offset;
        // Arrows on the outer columns when more cities lie beyond them.
        let left = offset == 0 && app.lens.first > 0;
        let right = offset + 1 == shown.len() && index + 1 < app.lens.columns.len();
        let title = format!(
            " {}{} ({}){} ",
            if left { "< " } else { "" },
            column.city,
            column.hits.len(),
            if right { " >" } else { "" }
        );
        render_column(app, frame, area, column, &title, index == app.lens.focus);
    }
    if let Some(area) = detail_area {
        let hit = app
            .lens
            .columns
            .get(app.lens.focus)
            .and_then(|c| c.hits.get(c.selected).copied());
        detail(app, frame, area, hit);
    }
}

/// A city's column: a card per measure (marker and title, then one line per figure).
fn render_column(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    column: &LensColumn,
    title: &str,
    focused: bool,
) {
    let title = fit(app, title, usize::from(area.width.saturating_sub(2)));
    let block = pane(app, &title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cells = usize::from(inner.width);
    let p = palette(app);
    // Cards from the selected one upwards until the column is full, so the selected
    // card is always on screen, then as many below it as fit.
    let mut cards: Vec<Vec<Line>> = Vec::with_capacity(column.hits.len());
    for (position, hit) in column.hits.iter().enumerate() {
        let brief = &app.briefs[hit.brief as usize];
        let measure = &brief.measures[hit.measure as usize];
        let selected = focused && position == column.selected;
        let collected = app
            .points
            .has(&format!("{}#{}", brief.id, measure.id), None);
        let marker = match (selected, collected) {
            (true, true) => ">*",
            (true, false) => "> ",
            (false, true) => " *",
            (false, false) => "  ",
        };
        let head = format!(
            "{marker}{} · {}",
            app.settings.lang.status(measure.status),
            measure.title
        );
        let style = if selected {
            p.selected()
        } else {
            p.status(measure.status)
        };
        let mut card = vec![Line::styled(fit(app, &head, cells), style)];
        for id in &measure.figures {
            if let Some(figure) = brief.figures.iter().find(|f| &f.id == id) {
                card.push(Line::styled(
                    fit(app, &format!("   {}", figure_summary(app, figure)), cells),
                    p.figure(),
                ));
            }
        }
        cards.push(card);
    }
    let height = usize::from(inner.height);
    let selected = column.selected.min(cards.len().saturating_sub(1));
    let mut first = selected;
    let mut used = cards.get(selected).map_or(0, Vec::len);
    while first > 0 && used + cards[first - 1].len() <= height {
        first -= 1;
        used += cards[first].len();
    }
    let lines: Vec<Line> = cards[first..]
        .iter()
        .flatten()
        .take(height)
        .cloned()
        .collect();
    frame.render_widget(Paragraph::new(lines).style(Style::new()), inner);
}
