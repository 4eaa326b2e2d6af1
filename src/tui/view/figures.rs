//! The figures table: metric (its synonym group where it has one), city, period,
//! value, unit, change, actual / target; the sorted column marked; the selected
//! figure's quote and source below.

use super::measures::{QualifierPlace, format_number, qualifier_place, signed};
use super::{fit, palette, pane, row_text, wrapped};
use crate::query::{FigureColumn, FigureRef};
use crate::tui::app::App;
use crate::tui::layout;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Column widths in cells; the metric takes what is left.
const WIDTHS: [usize; 7] = [0, 8, 16, 10, 7, 9, 5];

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let (filters, table_area, detail_area) = layout::figures(body);
    filter_line(app, frame, filters);
    table(app, frame, table_area);
    if let Some(area) = detail_area {
        detail(
            app,
            frame,
            area,
            app.figures.hits.get(app.figures.selected).copied(),
        );
    }
}

fn filter_line(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.settings.lang;
    let f = &app.figures.filter;
    let mut parts: Vec<String> = Vec::new();
    parts.extend(f.themes.iter().map(|t| format!("[{}]", app.theme_label(t))));
    parts.extend(f.cities.iter().map(|c| format!("[{c}]")));
    parts.extend(
        f.kinds
            .iter()
            .map(|k| format!("[{}]", lang.figure_kind(*k))),
    );
    if !f.metric.is_empty() {
        parts.push(format!("[{}]", f.metric));
    }
    if !f.text.is_empty() {
        parts.push(format!("«{}»", f.text));
    }
    let text = if parts.is_empty() {
        lang.pick(
            "条件 无 —— t 主题  c 城市  a 实际/目标  / 搜索指标  s 排序",
            "filters none — t themes  c cities  a actual/target  / search  s sort",
        )
        .to_owned()
    } else {
        format!("{} {}", lang.pick("条件", "filters"), parts.join(" "))
    };
    let style = if parts.is_empty() {
        palette(app).dim()
    } else {
        palette(app).chip()
    };
    frame.render_widget(
        Paragraph::new(fit(app, &text, usize::from(area.width))).style(style),
        area,
    );
}

fn header(app: &App) -> [String; 7] {
    let lang = app.settings.lang;
    let names = [
        lang.pick("指标", "metric"),
        lang.pick("城市", "city"),
        lang.pick("时间", "period"),
        lang.pick("数值", "value"),
        lang.pick("单位", "unit"),
        lang.pick("增减", "change"),
        lang.pick("类型", "kind"),
    ];
    let arrow = if app.figures.descending { "↓" } else { "↑" };
    let mut out: [String; 7] = names.map(str::to_owned);
    for (i, column) in FigureColumn::ALL.iter().enumerate() {
        if *column == app.figures.sort {
            out[i] = format!("{}{arrow}", out[i]);
        }
    }
    out
}

fn table(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.settings.lang;
    let block = pane(app, lang.pick(" 数据 ", " figures "), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let metric_width = usize::from(inner.width)
        .saturating_sub(2 + WIDTHS[1..].iter().sum::<usize>())
        .max(8);
    let mut widths = WIDTHS;
    widths[0] = metric_width;
    let header = header(app);
    let header_cells: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut lines = vec![Line::styled(
        row_text(app, "  ", &header_cells, &widths, inner.width),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    let height = usize::from(inner.height).saturating_sub(1);
    let offset = layout::list_offset(app.figures.selected, height);
    for (position, &hit) in app
        .figures
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
    {
        let selected = position == app.figures.selected;
        let cells = row_cells(app, hit);
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        let brief = &app.briefs[hit.brief as usize];
        let figure = &brief.figures[hit.figure as usize];
        let collected = app.points.has(&format!("{}#{}", brief.id, figure.id), None);
        let marker = match (selected, collected) {
            (true, true) => ">*",
            (true, false) => "> ",
            (false, true) => " *",
            (false, false) => "  ",
        };
        let style = if selected {
            palette(app).selected()
        } else {
            Style::new()
        };
        lines.push(Line::styled(
            row_text(app, marker, &cells, &widths, inner.width),
            style,
        ));
    }
    if app.figures.hits.is_empty() {
        lines.push(Line::styled(
            fit(
                app,
                lang.pick("没有符合条件的数据", "no figure matches"),
                usize::from(inner.width),
            ),
            palette(app).dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The cells of one figure: the metric shows its group's label first when the
/// synonym list groups it, so like metrics read alike down the column.
fn row_cells(app: &App, hit: FigureRef) -> [String; 7] {
    let lang = app.settings.lang;
    let f = &app.briefs[hit.brief as usize].figures[hit.figure as usize];
    let metric = match app.index.metric_group(hit) {
        Some(group) if app.index.metric_label(group) != f.metric => {
            format!("{}｜{}", app.index.metric_label(group), f.metric)
        }
        _ => f.metric.clone(),
    };
    // Masked values say so; they are never shown as a number.
    let value = match f.value {
        Some(v) => {
            let q = f.qualifier.as_deref().unwrap_or("");
            match qualifier_place(q) {
                QualifierPlace::Range(range) => range.to_owned(),
                QualifierPlace::Before => format!("{q}{}", format_number(v)),
                _ => format!("{}{q}", format_number(v)),
            }
        }
        None => lang.pick("＊隐去", "*masked").to_owned(),
    };
    let change = f
        .change
        .as_ref()
        .map(|c| format!("{}{}", signed(c.value), c.unit))
        .unwrap_or_default();
    [
        metric,
        app.index.city_of(hit.brief).to_owned(),
        f.period.clone().unwrap_or_default(),
        value,
        f.unit.clone(),
        change,
        lang.figure_kind(f.kind).to_owned(),
    ]
}

fn detail(app: &App, frame: &mut Frame, area: Rect, hit: Option<FigureRef>) {
    let lang = app.settings.lang;
    let block = pane(app, lang.pick(" 原文 ", " quote "), false);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(hit) = hit else { return };
    let brief = &app.briefs[hit.brief as usize];
    let f = &brief.figures[hit.figure as usize];
    let cells = usize::from(inner.width);
    let base = match f.base {
        Some(base) if f.base_unit != f.unit => {
            format!(" = {}{}", format_number(base), f.base_unit)
        }
        _ => String::new(),
    };
    let source = format!(
        "{} · {} · {}:{}{base}",
        brief.city.as_deref().unwrap_or("?"),
        brief.title,
        brief.source.path,
        f.line
    );
    let mut lines = vec![Line::styled(fit(app, &source, cells), palette(app).dim())];
    let room = usize::from(inner.height).saturating_sub(1);
    lines.extend(
        wrapped(app, &f.quote, cells, room)
            .into_iter()
            .map(Line::raw),
    );
    frame.render_widget(Paragraph::new(lines), inner);
}
