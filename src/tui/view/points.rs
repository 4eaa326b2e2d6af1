//! The talking points: each as a card — its number, its quote, the user's note, and
//! where it comes from — with stale points flagged.

use super::{fit, palette, pane};
use crate::points::model::split_reference;
use crate::tui::app::App;
use crate::tui::points_view::Freshness;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Rows per card: quote, note, citation.
const CARD: usize = 3;

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let lang = app.settings.lang;
    let file = app
        .points
        .store
        .as_ref()
        .map(|s| format!(" {} ", s.path().display()))
        .unwrap_or_else(|| lang.pick(" 要点 ", " points ").to_owned());
    let block = pane(
        app,
        &fit(app, &file, usize::from(body.width.saturating_sub(4))),
        true,
    );
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let cells = usize::from(inner.width);
    let p = palette(app);
    let points = app.points.points();
    if points.is_empty() {
        let message = lang.pick(
            "还没有要点：在阅读、举措、主题或数据视图中按空格加入",
            "no points yet: press Space on a measure, figure or paragraph to add one",
        );
        frame.render_widget(
            Paragraph::new(fit(app, message, cells)).style(p.dim()),
            inner,
        );
        return;
    }
    let cards = (usize::from(inner.height) / CARD).max(1);
    let offset = crate::tui::layout::list_offset(app.points.selected, cards);
    let mut lines: Vec<Line> = Vec::new();
    for (i, point) in points.iter().enumerate().skip(offset).take(cards) {
        let selected = i == app.points.selected;
        let marker = if selected { ">" } else { " " };
        let mut head = vec![Span::raw(format!("{marker}{:>2}. ", i + 1))];
        if let Some(Freshness::Stale(why) | Freshness::Missing(why)) = app.points.freshness.get(i) {
            head.push(Span::styled(format!("[! {why}] "), p.stale()))
        }
        let used: usize = head.iter().map(|s| crate::text::width(&s.content)).sum();
        head.push(Span::raw(fit(
            app,
            &point.quote,
            cells.saturating_sub(used),
        )));
        let mut head = Line::from(head);
        if selected {
            head = head.style(p.selected());
        }
        lines.push(head);
        let note = match &point.note {
            Some(note) => format!("    {}{note}", lang.pick("笔记：", "note: ")),
            None => format!("    {}", lang.pick("（e 写笔记）", "(e adds a note)")),
        };
        lines.push(Line::styled(fit(app, &note, cells), p.chip()));
        lines.push(Line::styled(fit(app, &citation(app, i), cells), p.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `义乌 · 标题 · 2024-07-15 · seeds/…:31`, or the bare reference when the brief is gone.
fn citation(app: &App, index: usize) -> String {
    let point = &app.points.points()[index];
    let found = split_reference(&point.reference)
        .and_then(|(brief, _)| app.briefs.iter().find(|b| b.id == brief));
    match found {
        Some(brief) => format!(
            "    {} · {} · {} · {}",
            brief.city.as_deref().unwrap_or("?"),
            brief.title,
            brief.date.as_deref().unwrap_or("?"),
            point.reference,
        ),
        None => format!("    {}", point.reference),
    }
}
