//! Drawing. Every view renders from `&App` into a frame and changes nothing. Text is
//! wrapped by our own rules (`rows`), never by `Paragraph::wrap`, and every string
//! from a brief has been made safe for the terminal before it gets here.

use super::app::{App, Mode, Pane, PromptKind, Target};
use super::doc::BlockKind;
use super::keymap;
use super::layout;
use super::rows::Row;
use super::style::Palette;
use crate::text::{AmbiguousWidth, Borders, border_set, prepare, truncate, width};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

mod figures;
mod lens;
mod measures;
mod picker;
mod points;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if layout::too_small(area) {
        let message = app.settings.lang.pick("窗口太小", "window too small");
        let fitted = truncate(message, usize::from(area.width), app.settings.ambiguous);
        frame.render_widget(Paragraph::new(fitted.into_owned()), area);
        return;
    }
    let parts = layout::frame(area);
    title_bar(app, frame, parts.title);
    match app.mode {
        Mode::Library => library(app, frame, parts.body),
        Mode::Reader => reader(app, frame, parts.body),
        Mode::Compare => compare(app, frame),
        Mode::Measures => measures::render(app, frame, parts.body),
        Mode::Lens => lens::render(app, frame, parts.body),
        Mode::Figures => figures::render(app, frame, parts.body),
        Mode::Points => points::render(app, frame, parts.body),
    }
    status_line(app, frame, parts.status);
    hint_bar(app, frame, parts.hints);
    if let Some(open) = &app.picker {
        picker::render(app, open, frame, parts.body);
    }
    if app.help {
        help(app, frame, parts.body);
    }
}

fn palette(app: &App) -> Palette {
    Palette {
        color: app.settings.color,
    }
}

fn fit(app: &App, text: &str, cells: usize) -> String {
    truncate(
        &prepare(text, app.settings.ambiguous),
        cells,
        app.settings.ambiguous,
    )
    .into_owned()
}

fn pane(app: &App, title: &str, focused: bool) -> Block<'static> {
    let set = match border_set(app.settings.ambiguous) {
        Borders::Lines => border::PLAIN,
        Borders::Ascii => border::Set {
            top_left: "+",
            top_right: "+",
            bottom_left: "+",
            bottom_right: "+",
            vertical_left: "|",
            vertical_right: "|",
            horizontal_top: "-",
            horizontal_bottom: "-",
        },
    };
    let style = if focused {
        palette(app).focused_border()
    } else {
        Style::new()
    };
    Block::bordered()
        .border_set(set)
        .border_style(style)
        .title(title.to_owned())
}

fn title_bar(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.settings.lang;
    let p = palette(app);
    let mut spans = Vec::new();
    let mut used = 0;
    // Narrow screens name only the current tab; the others show their number.
    let compact = area.width < 70;
    for (n, mode) in Mode::TABS.iter().enumerate() {
        let current = app.mode.tab() == *mode;
        let label = if compact && !current {
            format!("{}", n + 1)
        } else {
            format!(" {}{} ", n + 1, tab_label(app, *mode))
        };
        used += width(&label);
        let style = if current { p.selected() } else { p.dim() };
        // Without colour the current tab is also bracketed, since reverse video can be lost.
        let label = if current && !app.settings.color {
            format!("[{}]", label.trim())
        } else {
            label
        };
        spans.push(Span::styled(label, style));
    }
    let context = match app.mode {
        Mode::Library => format!("{} ({})", lang.pick("简报库", "library"), app.briefs.len()),
        Mode::Reader => {
            let b = &app.briefs[app.reader.brief];
            format!("{} · {}", b.city.as_deref().unwrap_or("?"), b.title)
        }
        Mode::Compare => format!(
            "{} ({})",
            lang.pick("并排对照", "side by side"),
            app.compare.briefs.len()
        ),
        Mode::Measures => format!(
            "{} {}/{}",
            lang.pick("举措", "measures"),
            app.measures.hits.len(),
            app.measures.total
        ),
        Mode::Lens => {
            let labels: Vec<&str> = app.lens.themes.iter().map(|t| app.theme_label(t)).collect();
            format!(
                "{}: {}",
                lang.pick("主题对照", "theme lens"),
                labels.join(" + ")
            )
        }
        Mode::Figures => format!(
            "{} {}/{}",
            lang.pick("数据", "figures"),
            app.figures.hits.len(),
            app.briefs.iter().map(|b| b.figures.len()).sum::<usize>()
        ),
        Mode::Points => format!(
            "{} ({})",
            lang.pick("会议要点", "talking points"),
            app.points.points().len()
        ),
    };
    let room = usize::from(area.width).saturating_sub(used + 2);
    spans.push(Span::styled(
        format!("  {}", fit(app, &context, room)),
        p.title(),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn tab_label(app: &App, mode: Mode) -> &'static str {
    let lang = app.settings.lang;
    match mode {
        Mode::Library | Mode::Reader | Mode::Compare => lang.pick("书库", "library"),
        Mode::Measures => lang.pick("举措", "measures"),
        Mode::Lens => lang.pick("主题", "lens"),
        Mode::Figures => lang.pick("数据", "figures"),
        Mode::Points => lang.pick("要点", "points"),
    }
}

fn status_line(app: &App, frame: &mut Frame, area: Rect) {
    let Some(prompt) = &app.prompt else {
        let text = app.status.clone().unwrap_or_default();
        let line = fit(app, &text, usize::from(area.width));
        frame.render_widget(Paragraph::new(line), area);
        return;
    };
    let lang = app.settings.lang;
    let label = match prompt.kind {
        PromptKind::Search => "/",
        PromptKind::MeasureText => lang.pick("搜索（汉字或拼音）：", "search (hanzi or pinyin): "),
        PromptKind::FigureText => lang.pick("搜索指标：", "search metric: "),
        PromptKind::ViewName => lang.pick("视图名称：", "name of the view: "),
        PromptKind::Note(_) => lang.pick("笔记：", "note: "),
    };
    let label = fit(app, label, usize::from(area.width) / 2);
    let room = usize::from(area.width).saturating_sub(width(&label));
    let shown = prompt.input.shown(room);
    let text = prepare(shown.text, app.settings.ambiguous);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(label.clone(), palette(app).dim()),
            Span::raw(text.into_owned()),
        ])),
        area,
    );
    // The terminal cursor at the caret, so an input method's window appears there.
    let caret = area
        .x
        .saturating_add((width(&label) + shown.caret_column) as u16)
        .min(area.x + area.width.saturating_sub(1));
    frame.set_cursor_position((caret, area.y));
}

/// `text` wrapped to `cells` columns as owned lines (sanitised first), at most `max`.
fn wrapped(app: &App, text: &str, cells: usize, max: usize) -> Vec<String> {
    let text = prepare(text, app.settings.ambiguous);
    crate::text::wrap(&text, cells.max(1))
        .iter()
        .take(max)
        .map(|line| line.text(&text).to_owned())
        .collect()
}

fn hint_bar(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.settings.lang;
    let mut spans = Vec::new();
    let mut used = 0;
    for binding in keymap::bindings(app).into_iter().filter(|b| b.hint) {
        let label = lang.pick(binding.zh, binding.en);
        let piece = width(binding.keys) + width(label) + 3;
        if used + piece > usize::from(area.width) {
            break;
        }
        used += piece;
        spans.push(Span::styled(
            binding.keys,
            Style::new().add_modifier(Modifier::BOLD),
        ));
        spans.push(Span::raw(format!(" {label}  ")));
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(palette(app).dim()),
        area,
    );
}

// ---------------------------------------------------------------- library

fn library(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.settings.lang;
    let block = pane(app, lang.pick(" 简报 ", " briefs "), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let header = [
        lang.pick("城市", "city"),
        lang.pick("类型", "kind"),
        lang.pick("日期", "date"),
        lang.pick("章节", "sect."),
        lang.pick("举措", "meas."),
        lang.pick("数据", "fig."),
        lang.pick("标题", "title"),
    ];
    let widths = [8usize, 12, 11, 6, 6, 6];
    let mut lines = vec![Line::styled(
        row_text(app, "  ", &header, &widths, inner.width),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    let visible = usize::from(inner.height).saturating_sub(1);
    let offset = app.library_offset();
    for (position, &index) in app
        .library
        .order
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
    {
        let b = &app.briefs[index];
        let selected = position == app.library.selected;
        let marked = app.library.marked.iter().position(|&m| m == index);
        let marker = match (selected, marked) {
            (true, Some(n)) => format!(">{}", n + 1),
            (true, None) => "> ".to_owned(),
            (false, Some(n)) => format!(" {}", n + 1),
            (false, None) => "  ".to_owned(),
        };
        let cells = [
            b.city.as_deref().unwrap_or("?"),
            lang.kind(b.kind),
            b.date.as_deref().unwrap_or("?"),
            &b.sections_in_order().len().to_string(),
            &b.measures.len().to_string(),
            &b.figures.len().to_string(),
            &b.title,
        ];
        let text = row_text(app, &marker, &cells, &widths, inner.width);
        let style = if selected {
            palette(app).selected()
        } else {
            Style::new()
        };
        lines.push(Line::styled(text, style));
    }
    for error in &app.errors {
        lines.push(Line::styled(
            fit(app, &format!("! {error}"), usize::from(inner.width)),
            palette(app).error(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Cells padded to column widths by display width; the last cell takes the rest.
fn row_text(app: &App, marker: &str, cells: &[&str], widths: &[usize], total: u16) -> String {
    let mut out = marker.to_owned();
    for (i, cell) in cells.iter().enumerate() {
        let used = width(&out);
        let room = usize::from(total).saturating_sub(used);
        let column = widths.get(i).copied().unwrap_or(room).min(room);
        let text = fit(app, cell, column.saturating_sub(1));
        out.push_str(&text);
        if i + 1 < cells.len() {
            out.push_str(&" ".repeat(column.saturating_sub(width(&text))));
        }
    }
    out
}

// ---------------------------------------------------------------- reader

fn reader(app: &App, frame: &mut Frame, body: Rect) {
    let lang = app.settings.lang;
    let (outline_area, text_area) = layout::reader(body);
    if let Some(area) = outline_area {
        outline(app, frame, area);
    }
    let focused = app.reader.focus == Pane::Text || outline_area.is_none();
    let block = pane(app, lang.pick(" 正文 ", " text "), focused);
    let inner = block.inner(text_area);
    frame.render_widget(block, text_area);
    text_pane(app, frame, app.reader.brief, app.reader.top, inner, true);
}

fn outline(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.settings.lang;
    let focused = app.reader.focus == Pane::Outline;
    let block = pane(app, lang.pick(" 目录 ", " outline "), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let doc = app.doc(app.reader.brief);
    let height = usize::from(inner.height);
    let offset = app.outline_offset(height);
    let lines: Vec<Line> = doc
        .outline
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, entry)| {
            let selected = i == app.reader.outline && focused;
            let indent = "  ".repeat(entry.depth.saturating_sub(1));
            let marker = if selected { ">" } else { " " };
            let text = fit(
                app,
                &format!("{marker}{indent}{}", entry.heading),
                usize::from(inner.width),
            );
            let style = if selected {
                palette(app).selected()
            } else {
                palette(app).heading(entry.depth + 1)
            };
            Line::styled(text, style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The rows of a brief from `top`, drawn into `area` (already inside the border).
fn text_pane(
    app: &App,
    frame: &mut Frame,
    brief: usize,
    top: usize,
    area: Rect,
    with_search: bool,
) {
    if area.width < 3 || area.height == 0 {
        return;
    }
    let rows = app.rows(brief, usize::from(area.width.saturating_sub(2)).max(1));
    let lines: Vec<Line> = rows
        .rows
        .iter()
        .skip(top)
        .take(usize::from(area.height))
        .map(|&row| row_line(app, brief, row, with_search, usize::from(area.width)))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn row_line(app: &App, brief: usize, row: Row, with_search: bool, cells: usize) -> Line<'static> {
    let p = palette(app);
    let doc = app.doc(brief);
    let b = &app.briefs[brief];
    let lang = app.settings.lang;
    match row {
        Row::Blank => Line::default(),
        Row::Meta => {
            let meta = [
                b.city.clone(),
                Some(lang.kind(b.kind).to_owned()),
                b.date.clone(),
                b.issuer.clone(),
            ];
            let text: Vec<String> = meta.into_iter().flatten().collect();
            Line::styled(fit(app, &text.join(" · "), cells), p.dim())
        }
        Row::MeasureTag { measure, .. } => {
            let m = &b.measures[measure];
            let current =
                app.mode == Mode::Reader && app.reader.target == Some(Target::Measure(measure));
            let themes: Vec<&str> = m.themes.iter().map(|t| app.theme_label(t)).collect();
            let themes = themes.join(" ");
            let marker = if current { "▶ " } else { "● " };
            let collected = app.points.has(&format!("{}#{}", b.id, m.id), None);
            let marker = if collected {
                format!("{marker}* ")
            } else {
                marker.to_owned()
            };
            let tag = format!(
                "{marker}{} · {} · {}",
                lang.status(m.status),
                m.title,
                themes
            );
            let style = if current {
                p.target()
            } else {
                p.status(m.status)
            };
            Line::styled(fit(app, &tag, cells), style)
        }
        Row::Text { block, start, end } => {
            let data = &doc.blocks[block];
            let base = match data.kind {
                BlockKind::Title => p.title(),
                BlockKind::Heading { depth } => p.heading(depth),
                _ => Style::new(),
            };
            let gutter = match data.kind {
                BlockKind::Measure { .. } => "│ ",
                _ => "  ",
            };
            let mut highlights: Vec<(usize, usize, Style)> = Vec::new();
            for &(fs, fe, figure) in &data.figures {
                let current =
                    app.mode == Mode::Reader && app.reader.target == Some(Target::Figure(figure));
                highlights.push((fs, fe, if current { p.target() } else { p.figure() }));
            }
            if with_search && app.mode == Mode::Reader && brief == app.reader.brief {
                for &(mb, ms, me) in &app.search.matches {
                    if mb == block {
                        highlights.push((ms, me, p.search_match()));
                    }
                }
            }
            let mut spans = vec![Span::styled(gutter_text(app, gutter), p.dim())];
            spans.extend(styled_spans(&data.text, start, end, base, &highlights));
            Line::from(spans)
        }
    }
}

fn gutter_text(app: &App, gutter: &'static str) -> &'static str {
    match (app.settings.ambiguous, gutter) {
        (AmbiguousWidth::Wide, "│ ") => "| ",
        _ => gutter,
    }
}

/// `text[start..end]` as spans: `base` style, with each highlight laid over the part
/// of it inside the range. Boundaries come from the ranges, which fall on characters.
fn styled_spans(
    text: &str,
    start: usize,
    end: usize,
    base: Style,
    highlights: &[(usize, usize, Style)],
) -> Vec<Span<'static>> {
    let mut cuts = vec![start, end];
    for &(s, e, _) in highlights {
        for edge in [s, e] {
            if edge > start && edge < end && text.is_char_boundary(edge) {
                cuts.push(edge);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|w| {
            let piece = text.get(w[0]..w[1])?;
            let style = highlights
                .iter()
                .filter(|&&(s, e, _)| s <= w[0] && w[1] <= e)
                .fold(base, |style, &(_, _, over)| style.patch(over));
            Some(Span::styled(piece.to_owned(), style))
        })
        .collect()
}

// ---------------------------------------------------------------- side by side

/// Columns laid out as `App::compare_panes` says, so drawing and scrolling agree.
fn compare(app: &App, frame: &mut Frame) {
    let panes = app.compare_panes();
    for (column, (&brief, area)) in app.compare.briefs.iter().zip(panes).enumerate() {
        let b = &app.briefs[brief];
        let title = format!(
            " {} · {} · {} ",
            b.city.as_deref().unwrap_or("?"),
            app.settings.lang.kind(b.kind),
            b.date.as_deref().unwrap_or("?")
        );
        let title = fit(app, &title, usize::from(area.width.saturating_sub(2)));
        let focused = column == app.compare.focus;
        let block = pane(app, &title, focused);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        text_pane(app, frame, brief, app.compare.tops[column], inner, false);
    }
}

// ---------------------------------------------------------------- help

fn help(app: &App, frame: &mut Frame, body: Rect) {
    let lang = app.settings.lang;
    let bindings = keymap::bindings(app);
    let key_width = bindings.iter().map(|b| width(b.keys)).max().unwrap_or(0);
    let mut lines: Vec<Line> = bindings
        .iter()
        .map(|b| {
            let keys = format!("{}{}", b.keys, " ".repeat(key_width - width(b.keys)));
            Line::from(vec![
                Span::styled(keys, Style::new().add_modifier(Modifier::BOLD)),
                Span::raw("  "),
                Span::raw(lang.pick(b.zh, b.en)),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(
        lang.pick(
            "鼠标：滚轮滚动所指窗格，单击选择",
            "mouse: wheel scrolls the pane under it, click selects",
        ),
        palette(app).dim(),
    ));
    let content_width = lines.iter().map(Line::width).max().unwrap_or(10) as u16 + 4;
    let w = content_width.min(body.width);
    let h = (lines.len() as u16 + 2).min(body.height);
    let area = Rect::new(
        body.x + (body.width - w) / 2,
        body.y + (body.height - h) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, area);
    let block = pane(app, lang.pick(" 按键 ", " keys "), true).title_alignment(Alignment::Center);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
