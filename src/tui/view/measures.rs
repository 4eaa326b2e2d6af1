//! The measures view: the active filters, the count per city, the list, and the
//! selected measure in full with its figures.

use super::{fit, palette, pane, row_text, wrapped};
use crate::brief::{ChangeBasis, Figure};
use crate::query::MeasureRef;
use crate::tui::app::App;
use crate::tui::layout;
use crate::tui::measures::{Chip, chips};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let (filters, counts, list_area, detail_area) = layout::measures(body);
    filter_line(app, frame, filters);
    count_line(app, frame, counts);
    list(app, frame, list_area);
    if let Some(area) = detail_area {
        let hit = app.measures.hits.get(app.measures.selected).copied();
        detail(app, frame, area, hit);
    }
}

/// The active filters as chips, each removable (`x` takes the last).
fn filter_line(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.settings.lang;
    let p = palette(app);
    let chips = chips(&app.measures.filter);
    let mut spans = vec![Span::styled(lang.pick("条件 ", "filters "), p.dim())];
    if chips.is_empty() {
        spans.push(Span::styled(
            lang.pick(
                "无 —— t 主题  c 城市  s 状态  d 类型  / 搜索",
                "none — t themes  c cities  s status  d kind  / search",
            ),
            p.dim(),
        ));
    }
    for chip in &chips {
        spans.push(Span::styled(
            format!("[{}]", chip_label(app, chip)),
            p.chip(),
        ));
        spans.push(Span::raw(" "));
    }
    let line = Line::from(spans);
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    if crate::text::width(&text) > usize::from(area.width) {
        // Too many chips for the line: one string, cut with an ellipsis.
        frame.render_widget(
            Paragraph::new(fit(app, &text, usize::from(area.width))).style(p.chip()),
            area,
        );
    } else {
        frame.render_widget(Paragraph::new(line), area);
    }
}

pub(super) fn chip_label(app: &App, chip: &Chip) -> String {
    let lang = app.settings.lang;
    match chip {
        Chip::Theme(id) => format!("{} {}", lang.pick("主题", "theme"), app.theme_label(id)),
        Chip::City(city) => format!("{} {city}", lang.pick("城市", "city")),
        Chip::Status(status) => lang.status(*status).to_owned(),
        Chip::Kind(kind) => lang.kind(*kind).to_owned(),
        Chip::Text(text) => format!("«{text}»"),
    }
}

fn count_line(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.settings.lang;
    let mut parts = vec![format!(
        "{} {}",
        lang.pick("共", "total"),
        app.measures.hits.len()
    )];
    parts.extend(
        app.measures
            .counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(city, n)| format!("{city} {n}")),
    );
    let text = fit(app, &parts.join(" · "), usize::from(area.width));
    frame.render_widget(Paragraph::new(text).style(palette(app).dim()), area);
}

fn list(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.settings.lang;
    let block = pane(app, lang.pick(" 举措 ", " measures "), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.measures.hits.is_empty() {
        let message = lang.pick(
            "没有符合条件的举措（x 去掉最后一个条件）",
            "no measure matches (x removes the last filter)",
        );
        frame.render_widget(
            Paragraph::new(fit(app, message, usize::from(inner.width))).style(palette(app).dim()),
            inner,
        );
        return;
    }
    let height = usize::from(inner.height);
    let offset = layout::list_offset(app.measures.selected, height);
    let widths = [8usize, 7];
    let lines: Vec<Line> = app
        .measures
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(position, &hit)| {
            let selected = position == app.measures.selected;
            measure_row(app, hit, selected, &widths, inner.width)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One measure as a list row: marker, city, status, title and themes.
fn measure_row(
    app: &App,
    hit: MeasureRef,
    selected: bool,
    widths: &[usize],
    total: u16,
) -> Line<'static> {
    let lang = app.settings.lang;
    let brief = &app.briefs[hit.brief as usize];
    let measure = &brief.measures[hit.measure as usize];
    let collected = app
        .points
        .has(&format!("{}#{}", brief.id, measure.id), None);
    let marker = match (selected, collected) {
        (true, true) => ">*",
        (true, false) => "> ",
        (false, true) => " *",
        (false, false) => "  ",
    };
    let themes: Vec<&str> = measure.themes.iter().map(|t| app.theme_label(t)).collect();
    let title = format!("{}  ({})", measure.title, themes.join(" "));
    let cells = [
        app.index.city_of(hit.brief),
        lang.status(measure.status),
        title.as_str(),
    ];
    let text = row_text(app, marker, &cells, widths, total);
    let style = if selected {
        palette(app).selected()
    } else {
        Style::new()
    };
    Line::styled(text, style)
}

/// The measure in full under the list: where it comes from, its text, its figures.
pub(super) fn detail(app: &App, frame: &mut Frame, area: Rect, hit: Option<MeasureRef>) {
    let lang = app.settings.lang;
    let block = pane(app, lang.pick(" 原文 ", " text "), false);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(hit) = hit else { return };
    let brief = &app.briefs[hit.brief as usize];
    let measure = &brief.measures[hit.measure as usize];
    let cells = usize::from(inner.width);
    let p = palette(app);
    let source = format!(
        "{} · {} · {} · {}:{}{}",
        brief.city.as_deref().unwrap_or("?"),
        brief.title,
        brief.date.as_deref().unwrap_or("?"),
        brief.source.path,
        measure.line,
        measure
            .actor
            .as_deref()
            .map(|a| format!(" · {a}"))
            .unwrap_or_default()
    );
    let mut lines = vec![Line::styled(fit(app, &source, cells), p.dim())];
    let figures: Vec<&Figure> = measure
        .figures
        .iter()
        .filter_map(|id| brief.figures.iter().find(|f| &f.id == id))
        .collect();
    let room = usize::from(inner.height).saturating_sub(1 + figures.len().min(3));
    lines.extend(
        wrapped(app, &measure.text, cells, room)
            .into_iter()
            .map(Line::raw),
    );
    for figure in figures
        .iter()
        .take(usize::from(inner.height).saturating_sub(lines.len()))
    {
        lines.push(Line::styled(
            fit(app, &format!("▪ {}", figure_summary(app, figure)), cells),
            p.figure(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `进出口总额 1234.5亿元 同比 +5.6% (2023, 目标)`: a figure in one line.
pub(super) fn figure_summary(app: &App, f: &Figure) -> String {
    let lang = app.settings.lang;
    let value = value_text(f);
    let change = f
        .change
        .as_ref()
        .map(|c| {
            let basis = match c.basis {
                ChangeBasis::Yoy => lang.pick("同比", "yoy"),
                ChangeBasis::Mom => lang.pick("环比", "mom"),
                ChangeBasis::Annual => lang.pick("年均", "per year"),
                ChangeBasis::VsNational => lang.pick("高于全国", "vs national"),
                ChangeBasis::Unspecified => lang.pick("增减", "change"),
            };
            format!(" {basis} {}{}", signed(c.value), c.unit)
        })
        .unwrap_or_default();
    let mut notes: Vec<String> = Vec::new();
    if let Some(period) = &f.period {
        notes.push(period.clone());
    }
    notes.push(lang.figure_kind(f.kind).to_owned());
    format!("{} {value}{change} ({})", f.metric, notes.join(", "))
}

/// The value as Chinese writes it, with its qualifier and unit: 超500万, 20余个,
/// 8家以上; `*` for a masked value.
pub(super) fn value_text(f: &Figure) -> String {
    let number = f.value.map_or_else(|| "*".to_owned(), format_number);
    let qualifier = f.qualifier.as_deref().unwrap_or("");
    match qualifier_place(qualifier) {
        QualifierPlace::Range(range) => format!("{range}{}", f.unit),
        QualifierPlace::Before => format!("{qualifier}{number}{}", f.unit),
        QualifierPlace::BeforeUnit => format!("{number}{qualifier}{}", f.unit),
        QualifierPlace::After => format!("{number}{}{qualifier}", f.unit),
    }
}

/// Where a qualifier stands around a number and its unit.
pub(super) enum QualifierPlace<'a> {
    /// A range written in the qualifier (`范围1-2`): shown instead of the number.
    Range(&'a str),
    /// 超 / 近 / 约 / 突破 500万
    Before,
    /// 20 余 / 多 个
    BeforeUnit,
    /// 8家 以上 / 以下 / 左右, 翻番
    After,
}

pub(super) fn qualifier_place(qualifier: &str) -> QualifierPlace<'_> {
    if let Some(range) = qualifier.strip_prefix("范围") {
        return QualifierPlace::Range(range);
    }
    match qualifier {
        "余" | "多" | "几" => QualifierPlace::BeforeUnit,
        "" | "以上" | "以下" | "左右" | "上下" | "翻番" => QualifierPlace::After,
        _ => QualifierPlace::Before,
    }
}

/// `+5.6` / `-3`: a change with its sign.
pub(super) fn signed(value: f64) -> String {
    let text = format_number(value);
    if value > 0.0 {
        format!("+{text}")
    } else {
        text
    }
}

/// A number without a trailing `.0`.
pub(super) fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::FigureKind;

    fn figure(value: Option<f64>, unit: &str, qualifier: Option<&str>) -> Figure {
        Figure {
            id: "f1".into(),
            section: "1".into(),
            metric: "m".into(),
            value,
            unit: unit.into(),
            base: value,
            base_unit: unit.into(),
            kind: if value.is_some() {
                FigureKind::Actual
            } else {
                FigureKind::Masked
            },
            qualifier: qualifier.map(str::to_owned),
            period: None,
            change: None,
            quote: String::new(),
            line: 1,
        }
    }

    #[test]
    fn qualifiers_stand_where_chinese_puts_them() {
        assert_eq!(
            value_text(&figure(Some(500.0), "万", Some("超"))),
            "超500万"
        );
        assert_eq!(value_text(&figure(Some(20.0), "个", Some("余"))), "20余个");
        assert_eq!(
            value_text(&figure(Some(8.0), "家", Some("以上"))),
            "8家以上"
        );
        assert_eq!(
            value_text(&figure(Some(1.0), "个", Some("范围1-2"))),
            "1-2个"
        );
        assert_eq!(value_text(&figure(Some(2.5), "%", None)), "2.5%");
        assert_eq!(
            value_text(&figure(None, "万户", None)),
            "*万户",
            "masked is never 0"
        );
    }
}
