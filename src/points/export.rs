//! Talking points as a Markdown document to paste into meeting papers: a title, when
//! it was made, one heading per theme or city, and under it each point with its quote,
//! the user's note, the figures it holds and a citation precise enough to find the
//! words again (city, document, date, section, source file and line).

use std::time::SystemTime;

use super::clock;
use super::model::{Point, Target};
use super::resolve::{Resolved, resolve};
use crate::brief::{Brief, ChangeBasis, Figure, FigureKind, Theme};

/// How points are grouped under headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// By the point's first theme (the others are named under it).
    Theme,
    /// By the city of its brief.
    City,
}

/// The language of the document's own words (the briefs' text stays as it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Zh,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportOptions {
    pub by: GroupBy,
    pub language: Language,
    /// The time the "generated on" line gives.
    pub generated: SystemTime,
}

/// The document, in the user's order within each group; groups come in the order of
/// their first point, and points whose brief or item is gone come last.
pub fn export_markdown(
    briefs: &[Brief],
    themes: &[Theme],
    points: &[Point],
    options: &ExportOptions,
) -> String {
    let words = Words::of(options.language);
    let resolved: Vec<Resolved<'_>> = points.iter().map(|p| resolve(briefs, p)).collect();
    let stale = resolved.iter().filter(|r| r.is_stale_or_missing()).count();

    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", words.title));
    out.push_str(&(words.generated)(
        &clock::minutes_utc(options.generated),
        points.len(),
        options.by,
        stale,
    ));
    out.push_str("\n\n");

    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut missing: Vec<usize> = Vec::new();
    for (i, r) in resolved.iter().enumerate() {
        let key = match (r.brief(), r.target()) {
            (Some(brief), Some(target)) => group_key(brief, target, themes, options, &words),
            _ => {
                missing.push(i);
                continue;
            }
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    if !missing.is_empty() {
        groups.push((words.not_found.to_owned(), missing));
    }

    let mut number = 0;
    for (heading, members) in &groups {
        out.push_str(&format!("## {}\n\n", inline(heading)));
        for &i in members {
            number += 1;
            write_point(&mut out, number, &points[i], &resolved[i], themes, &words);
        }
    }
    out
}

/// The heading a point goes under.
fn group_key(
    brief: &Brief,
    target: Target<'_>,
    themes: &[Theme],
    options: &ExportOptions,
    words: &Words,
) -> String {
    match options.by {
        GroupBy::City => city_name(brief, words),
        GroupBy::Theme => match themes_of(brief, target, themes).first() {
            Some(id) => theme_label(id, themes, options.language),
            None => words.no_theme.to_owned(),
        },
    }
}

fn city_name(brief: &Brief, words: &Words) -> String {
    match (&brief.city, &brief.city_en, words.language) {
        (Some(city), Some(en), Language::En) => format!("{en} ({city})"),
        (Some(city), _, _) => city.clone(),
        (None, _, _) => words.unknown_city.to_owned(),
    }
}

fn theme_label(id: &str, themes: &[Theme], language: Language) -> String {
    match themes.iter().find(|t| t.id == id) {
        Some(t) => match (language, &t.label_en) {
            (Language::En, Some(en)) => en.clone(),
            _ => t.label.clone(),
        },
        None => id.to_owned(),
    }
}

/// The theme ids of a point's item: a measure's own; for a figure, those of the
/// measure quoting it; for a section or paragraph (or a figure outside measures),
/// those of the measures of its section; else the catch-all theme.
pub fn themes_of(brief: &Brief, target: Target<'_>, themes: &[Theme]) -> Vec<String> {
    fn add(ids: &mut Vec<String>, list: &[String]) {
        for id in list {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
    let mut ids: Vec<String> = Vec::new();
    match target {
        Target::Measure(m) => add(&mut ids, &m.themes),
        Target::Figure(f) => {
            for m in brief.measures.iter().filter(|m| m.figures.contains(&f.id)) {
                add(&mut ids, &m.themes);
            }
        }
        Target::Section(_) | Target::Paragraph { .. } => {}
    }
    if ids.is_empty() && !matches!(target, Target::Measure(_)) {
        let section = target.section_id();
        for m in brief.measures.iter().filter(|m| m.section == section) {
            add(&mut ids, &m.themes);
        }
    }
    if ids.is_empty() {
        let catch_all = themes
            .iter()
            .find(|t| t.id == crate::themes::CATCH_ALL_ID)
            .or_else(|| themes.first());
        if let Some(theme) = catch_all {
            ids.push(theme.id.clone());
        }
    }
    ids
}

fn write_point(
    out: &mut String,
    number: usize,
    point: &Point,
    resolved: &Resolved<'_>,
    themes: &[Theme],
    words: &Words,
) {
    let target = resolved.target();
    let label = match target {
        Some(t) => label_of(t, words),
        None => point.reference.clone(),
    };
    out.push_str(&format!("### {number}. {}\n\n", inline(&label)));
    let quote = match (point.quote.is_empty(), target) {
        (true, Some(t)) => t.text(),
        _ => point.quote.as_str(),
    };
    if !quote.trim().is_empty() {
        for line in quote.lines() {
            out.push_str(&format!("> {}\n", inline(line)));
        }
        out.push('\n');
    }
    match resolved {
        Resolved::Found { .. } => {}
        Resolved::Stale { why, .. } => out.push_str(&format!(
            "- **{}**{}{}\n",
            words.stale,
            words.colon,
            match why {
                super::resolve::Stale::Changed => words.stale_changed,
                super::resolve::Stale::Moved => words.stale_moved,
            }
        )),
        Resolved::Missing { why, .. } => out.push_str(&format!(
            "- **{}**{}{}\n",
            words.missing,
            words.colon,
            inline(&why.to_string())
        )),
    }
    if let Some(note) = point.note.as_deref().filter(|n| !n.trim().is_empty()) {
        out.push_str(&format!(
            "- {}{}{}\n",
            words.note,
            words.colon,
            indented(note)
        ));
    }
    if let (Some(brief), Some(t)) = (resolved.brief(), target) {
        let figures = figures_of(brief, t);
        if !figures.is_empty() {
            out.push_str(&format!("- {}{}\n", words.figures, words.colon.trim_end()));
            for f in figures {
                out.push_str(&format!("  - {}\n", inline(&describe_figure(f, words))));
            }
        }
        let ids = themes_of(brief, t, themes);
        if ids.len() > 1 {
            let labels: Vec<String> = ids
                .iter()
                .map(|id| theme_label(id, themes, words.language))
                .collect();
            out.push_str(&format!(
                "- {}{}{}\n",
                words.themes,
                words.colon,
                inline(&labels.join(words.list_sep))
            ));
        }
        out.push_str(&format!(
            "- {}{}{}\n",
            words.source,
            words.colon,
            inline(&citation(brief, t, words))
        ));
    } else {
        out.push_str(&format!(
            "- {}{}{}\n",
            words.source,
            words.colon,
            inline(&point.reference)
        ));
    }
    out.push('\n');
}

/// A short name for the item: a measure's title, a figure's metric, a heading, or the
/// start of a paragraph.
fn label_of(target: Target<'_>, words: &Words) -> String {
    match target {
        Target::Measure(m) => m.title.clone(),
        Target::Figure(f) => f.metric.clone(),
        Target::Section(s) => s.heading.clone(),
        Target::Paragraph { text, .. } => {
            const MAX: usize = 24;
            let first = text
                .split_inclusive(['。', '！', '？'])
                .next()
                .unwrap_or(text);
            let first = first.trim_end_matches(['。', '！', '？']);
            if first.chars().count() <= MAX {
                first.to_owned()
            } else {
                let cut: String = first.chars().take(MAX).collect();
                format!("{cut}{}", words.ellipsis)
            }
        }
    }
}

/// The figures an item holds: a measure's, or the figure itself.
fn figures_of<'a>(brief: &'a Brief, target: Target<'a>) -> Vec<&'a Figure> {
    match target {
        Target::Figure(f) => vec![f],
        Target::Measure(m) => m
            .figures
            .iter()
            .filter_map(|id| brief.figures.iter().find(|f| &f.id == id))
            .collect(),
        Target::Section(_) | Target::Paragraph { .. } => Vec::new(),
    }
}

/// Qualifiers written before the number (超1310亿元); the others follow it (4000家以上).
const LEADING_QUALIFIERS: [&str; 8] = ["超", "超过", "近", "约", "逾", "达", "不到", "不足"];

/// `义乌市进出口额：2645亿元（2024-01至2024-05，同比增长22%）`.
pub fn describe_figure(f: &Figure, words: &Words) -> String {
    let value = match f.value {
        Some(v) => format_number(v),
        None => "*".to_owned(),
    };
    let amount = match f.qualifier.as_deref() {
        Some(q) if LEADING_QUALIFIERS.contains(&q) => format!("{q}{value}{}", f.unit),
        Some(q) => format!("{value}{}{q}", f.unit),
        None => format!("{value}{}", f.unit),
    };
    let mut details: Vec<String> = Vec::new();
    match f.kind {
        FigureKind::Actual => {}
        FigureKind::Target => details.push(words.target.to_owned()),
        FigureKind::Masked => details.push(words.masked.to_owned()),
    }
    if let Some(period) = &f.period {
        details.push(match period.split_once('/') {
            Some((from, to)) => format!("{from}{}{to}", words.to),
            None => period.clone(),
        });
    }
    if let Some(change) = &f.change {
        details.push(describe_change(
            change.value,
            &change.unit,
            change.basis,
            words,
        ));
    }
    match details.is_empty() {
        true => format!("{}{}{amount}", f.metric, words.colon),
        false => format!(
            "{}{}{amount}{}{}{}",
            f.metric,
            words.colon,
            words.open,
            details.join(words.list_sep),
            words.close
        ),
    }
}

fn describe_change(value: f64, unit: &str, basis: ChangeBasis, words: &Words) -> String {
    let rising = value >= 0.0;
    let size = format!("{}{unit}", format_number(value.abs()));
    match words.language {
        Language::Zh => {
            let verb = if rising { "增长" } else { "下降" };
            match basis {
                ChangeBasis::Yoy => format!("同比{verb}{size}"),
                ChangeBasis::Mom => format!("环比{verb}{size}"),
                ChangeBasis::Annual => format!("年均{verb}{size}"),
                ChangeBasis::VsNational if rising => format!("高于全国平均{size}"),
                ChangeBasis::VsNational => format!("低于全国平均{size}"),
                ChangeBasis::Unspecified => format!("{verb}{size}"),
            }
        }
        Language::En => {
            let sign = if rising { "+" } else { "−" };
            match basis {
                ChangeBasis::Yoy => format!("{sign}{size} year on year"),
                ChangeBasis::Mom => format!("{sign}{size} on the previous period"),
                ChangeBasis::Annual => format!("{sign}{size} a year on average"),
                ChangeBasis::VsNational if rising => format!("{size} above the national average"),
                ChangeBasis::VsNational => format!("{size} below the national average"),
                ChangeBasis::Unspecified => format!("{sign}{size}"),
            }
        }
    }
}

/// A number as people write it: no trailing `.0`, no exponent.
fn format_number(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// `义乌 ·《title》· 2024-07-15 · 1.1.1 副市长罗祖盘答: · seeds/x.txt 第 21 行`.
fn citation(brief: &Brief, target: Target<'_>, words: &Words) -> String {
    let mut parts = vec![
        city_name(brief, words),
        format!("《{}》", brief.title),
        brief
            .date
            .clone()
            .unwrap_or_else(|| words.no_date.to_owned()),
    ];
    let section_id = target.section_id();
    let heading = brief
        .sections_in_order()
        .into_iter()
        .find(|(s, _)| s.id == section_id)
        .map(|(s, _)| s.heading.clone());
    parts.push(match heading {
        Some(h) => format!("{section_id} {h}"),
        None => words.lead.to_owned(),
    });
    let line = match target {
        Target::Paragraph { .. } => target.line().map(|l| (words.section_at)(l)),
        _ => target.line().map(|l| (words.line)(l)),
    };
    parts.push(match line {
        Some(line) => format!("{} {line}", brief.source.path),
        None => brief.source.path.clone(),
    });
    parts.join(" · ")
}

/// Text from a brief or a note as inline Markdown: control characters made visible,
/// and the characters Markdown would read as markup escaped (a masked `*万户` must not
/// start emphasis).
fn inline(text: &str) -> String {
    let text = crate::text::sanitize(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A note of several lines, continued inside its list item.
fn indented(note: &str) -> String {
    let lines: Vec<String> = note.lines().map(inline).collect();
    lines.join("\n  ")
}

/// The document's own words in one language.
pub struct Words {
    language: Language,
    title: &'static str,
    generated: fn(&str, usize, GroupBy, usize) -> String,
    not_found: &'static str,
    no_theme: &'static str,
    unknown_city: &'static str,
    stale: &'static str,
    stale_changed: &'static str,
    stale_moved: &'static str,
    missing: &'static str,
    note: &'static str,
    figures: &'static str,
    themes: &'static str,
    source: &'static str,
    lead: &'static str,
    no_date: &'static str,
    target: &'static str,
    masked: &'static str,
    to: &'static str,
    list_sep: &'static str,
    colon: &'static str,
    open: &'static str,
    close: &'static str,
    ellipsis: &'static str,
    line: fn(u32) -> String,
    section_at: fn(u32) -> String,
}

impl Words {
    pub fn of(language: Language) -> Words {
        match language {
            Language::Zh => Words {
                language,
                title: "谈话要点",
                generated: |at, n, by, stale| {
                    let by = match by {
                        GroupBy::Theme => "按主题分组",
                        GroupBy::City => "按城市分组",
                    };
                    let stale = match stale {
                        0 => String::new(),
                        n => format!("，其中 {n} 条原文已变动"),
                    };
                    format!("生成于 {at}，共 {n} 条，{by}{stale}。")
                },
                not_found: "未找到的要点",
                no_theme: "未分类",
                unknown_city: "城市不详",
                stale: "原文已变动",
                stale_changed: "此条内容在添加后已修改，上面引用的是添加时的原文",
                stale_moved: "此条原文现在位于文件的另一处（文件重新生成过），上面引用的是添加时的原文",
                missing: "未找到",
                note: "备注",
                figures: "数据",
                themes: "主题",
                source: "出处",
                lead: "导语",
                no_date: "日期不详",
                target: "目标",
                masked: "数字已隐去",
                to: "至",
                list_sep: "；",
                colon: "：",
                open: "（",
                close: "）",
                ellipsis: "…",
                line: |l| format!("第 {l} 行"),
                section_at: |l| format!("第 {l} 行起的一节"),
            },
            Language::En => Words {
                language,
                title: "Talking points",
                generated: |at, n, by, stale| {
                    let by = match by {
                        GroupBy::Theme => "by theme",
                        GroupBy::City => "by city",
                    };
                    let stale = match stale {
                        0 => String::new(),
                        n => format!("; {n} changed in the source since added"),
                    };
                    format!("Generated on {at}: {n} point(s), {by}{stale}.")
                },
                not_found: "Points not found",
                no_theme: "No theme",
                unknown_city: "Place unknown",
                stale: "Changed",
                stale_changed: "the item was edited after the point was added; the quote above is the text as added",
                stale_moved: "the quoted text is now elsewhere in the brief (it was converted again); the quote above is the text as added",
                missing: "Not found",
                note: "Note",
                figures: "Figures",
                themes: "Themes",
                source: "Source",
                lead: "opening",
                no_date: "date unknown",
                target: "target",
                masked: "digits masked",
                to: " to ",
                list_sep: "; ",
                colon: ": ",
                open: " (",
                close: ")",
                ellipsis: "…",
                line: |l| format!("line {l}"),
                section_at: |l| format!("section from line {l}"),
            },
        }
    }
}
