//! `brief check`: the rules of "Checks that always hold" in the format.
//!
//! Every brief in a directory is checked against every rule and every problem is
//! reported, as `file:line: message`, so one run shows all there is to fix. The rules
//! are small functions over a loaded brief; the YAML line of an item comes from a
//! one-pass scan of the file's text, because serde does not keep positions.
//!
//! Decisions the format leaves open:
//! - measures and figures found in the lead use section `"0"`;
//! - section ids are numbered 1, 2, … under their parent with no gaps;
//! - text is compared with white space removed (`util::strip_blank`), since layout
//!   moves spaces and line breaks around; a dropped artifact is removed from its line
//!   verbatim, or white space aside when the brief normalised its spaces;
//! - a problem with no position in the file (a missing file) has line 0 and is shown
//!   as `file: message`.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use super::cache::{Cache, Session};
use super::load::{self, LoadError};
use super::{Brief, FigureKind, Section};
use crate::convert::{clean, decode};
use crate::themes::Taxonomy;
use crate::util::{is_blank, sha256_hex, strip_blank};

/// The section id of the lead, the text before the first heading.
pub const LEAD_SECTION: &str = "0";

/// How many characters of text a message quotes.
const EXCERPT_CHARS: usize = 16;

/// Failed lookups that also search the whole source to say where the text really is.
/// Bounded so a brief whose every line is off stays linear to check.
const LOCATE_BUDGET: usize = 64;

/// One thing wrong with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based line in `file`; 0 when the problem has no position (a missing file).
    pub line: usize,
    pub message: String,
}

/// One printable line (`load::printable`): messages quote the brief's own text, which
/// must not reach the terminal as control sequences.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = if self.line == 0 {
            format!("{}: {}", self.file.display(), self.message)
        } else {
            format!("{}:{}: {}", self.file.display(), self.line, self.message)
        };
        f.write_str(&load::printable(&text))
    }
}

impl Problem {
    fn from_load(error: &LoadError) -> Problem {
        Problem {
            file: error.path.clone(),
            line: error.line.unwrap_or(0),
            message: error.message.clone(),
        }
    }
}

/// What `check_dir` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Sorted by file, then by line within a file.
    pub problems: Vec<Problem>,
    /// Brief files looked at (not counting `themes.yaml`).
    pub files_checked: usize,
}

impl CheckReport {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// Brief files with at least one problem.
    pub fn files_with_problems(&self) -> usize {
        self.problems
            .iter()
            .map(|p| p.file.as_path())
            .collect::<HashSet<_>>()
            .len()
    }
}

/// Checks every brief in `dir` (a `briefs/` directory; its parent is the repository
/// root that `source.path` is relative to) against every rule, on all cores, reading
/// the briefs through the user's cache of parsed briefs (`Cache::from_env`).
pub fn check_dir(dir: &Path) -> CheckReport {
    let cache = Cache::from_env(|key| std::env::var(key).ok());
    check_dir_cached(dir, cache.as_ref())
}

/// `check_dir` with the given cache, or none.
pub fn check_dir_cached(dir: &Path, cache: Option<&Cache>) -> CheckReport {
    let mut report = CheckReport::default();
    let themes = load_theme_ids(dir, &mut report.problems);
    let files = match load::brief_files(dir) {
        Ok(files) => files,
        Err(error) => {
            report.problems.push(Problem::from_load(&error));
            return report;
        }
    };
    let root = repo_root(dir);
    let session = load::open_session(dir, &files, cache);
    let results = load::in_parallel(&files, |order, path| {
        let mut problems = check_file(path, &root, themes.as_ref(), &session, order);
        // Stable, so problems on one line keep the order of the rules.
        problems.sort_by_key(|p| p.line);
        problems
    });
    let _ = session.finish();
    report.files_checked = files.len();
    report.problems.extend(results.into_iter().flatten());
    report
}

/// The directory that holds `dir`: `briefs` → `.`, `/repo/briefs` → `/repo`.
fn repo_root(dir: &Path) -> PathBuf {
    match (dir.file_name(), dir.parent()) {
        (Some(_), Some(parent)) if parent.as_os_str().is_empty() => PathBuf::from("."),
        (Some(_), Some(parent)) => parent.to_path_buf(),
        // `.`, `..` or `/`: no name to strip, so go up explicitly.
        _ => dir.join(".."),
    }
}

/// The theme ids of `dir/themes.yaml`, or `None` (and a problem) when it is unusable;
/// then measure themes are not checked against it, to avoid one complaint per measure.
fn load_theme_ids(dir: &Path, problems: &mut Vec<Problem>) -> Option<HashSet<String>> {
    let path = dir.join("themes.yaml");
    let mut out = Out::new(&path);
    let ids = theme_ids(&path, &mut out);
    problems.extend(out.problems);
    ids
}

fn theme_ids(path: &Path, out: &mut Out) -> Option<HashSet<String>> {
    if !path.exists() {
        out.push(
            0,
            "missing: measure themes cannot be checked without the taxonomy",
        );
        return None;
    }
    let text = match load::read_text(path) {
        Ok(text) => text,
        Err(error) => {
            out.problems.push(Problem::from_load(&error));
            return None;
        }
    };
    let taxonomy = match Taxonomy::parse(&text) {
        Ok(taxonomy) => taxonomy,
        Err(error) => {
            let line = error.location().map_or(1, |l| l.line());
            out.push(line, load::yaml_message(&error));
            return None;
        }
    };
    let index = YamlIndex::build(&text);
    let lines = index.item_lines(Block::Top, taxonomy.themes().iter().map(|t| t.id.as_str()));
    report_duplicates(
        "theme",
        taxonomy.themes().iter().map(|t| t.id.as_str()),
        &lines,
        out,
    );
    Some(taxonomy.into_themes().into_iter().map(|t| t.id).collect())
}

/// All problems of one brief file, the `order`-th of its directory.
fn check_file(
    path: &Path,
    root: &Path,
    themes: Option<&HashSet<String>>,
    session: &Session,
    order: usize,
) -> Vec<Problem> {
    let mut out = Out::new(path);
    let loaded = load::read_text(path)
        .and_then(|text| session.parse(order, path, &text).map(|brief| (text, brief)));
    let (text, brief) = match loaded {
        Ok(loaded) => loaded,
        Err(error) => return vec![Problem::from_load(&error)],
    };
    let ctx = Ctx::new(path, &brief, &text);
    check_brief(&ctx, root, themes, &mut out);
    out.problems
}

/// The problems of the brief in `text` (a file named `path`) by every rule that needs
/// no other file: the schema, ids, the section tree, references, themes (against
/// `themes` when given), figure values and the date; sorted by line. For the fuzzer,
/// and for checking a brief before it is saved.
pub fn check_text(path: &Path, text: &str, themes: Option<&HashSet<String>>) -> Vec<Problem> {
    let brief = match load::parse_brief(path, text) {
        Ok(brief) => brief,
        Err(error) => return vec![Problem::from_load(&error)],
    };
    let mut out = Out::new(path);
    let ctx = Ctx::new(path, &brief, text);
    check_alone(&ctx, themes, &mut out);
    out.problems.sort_by_key(|p| p.line);
    out.problems
}

/// The rules on the brief alone.
fn check_alone(ctx: &Ctx, themes: Option<&HashSet<String>>, out: &mut Out) {
    check_id(ctx, out);
    check_unique_ids(ctx, out);
    check_section_tree(ctx, out);
    check_references(ctx, out);
    check_themes(ctx, themes, out);
    check_figure_values(ctx, out);
    check_date(ctx, out);
}

fn check_brief(ctx: &Ctx, root: &Path, themes: Option<&HashSet<String>>, out: &mut Out) {
    check_alone(ctx, themes, out);
    let source = load_source(ctx, root, out);
    let line_count = source
        .as_deref()
        .map(|text| line_count(&decode::lines(text)));
    check_line_ranges(ctx, line_count, out);
    if let Some(text) = source {
        let view = SourceView::build(&decode::lines(&text), ctx.brief);
        check_dropped(ctx, &view, out);
        check_headings(ctx, &view, out);
        check_quotes(ctx, &view, out);
        check_measure_texts(ctx, &view, out);
        check_coverage(ctx, &view, out);
    }
}

/// Collects the problems of one file.
struct Out {
    file: PathBuf,
    problems: Vec<Problem>,
}

impl Out {
    fn new(file: &Path) -> Out {
        Out {
            file: file.to_path_buf(),
            problems: Vec::new(),
        }
    }

    fn push(&mut self, line: usize, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.file.clone(),
            line,
            message: message.into(),
        });
    }
}

/// A brief with the YAML line of each of its items, computed once.
struct Ctx<'a> {
    /// The file name without `.yaml`, which the id must equal.
    stem: String,
    brief: &'a Brief,
    index: YamlIndex,
    /// Sections in pre-order (as `Brief::sections_in_order`).
    sections: Vec<&'a Section>,
    section_lines: Vec<usize>,
    measure_lines: Vec<usize>,
    figure_lines: Vec<usize>,
}

impl<'a> Ctx<'a> {
    fn new(path: &Path, brief: &'a Brief, text: &str) -> Ctx<'a> {
        let index = YamlIndex::build(text);
        let sections: Vec<&Section> = brief
            .sections_in_order()
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        let section_lines =
            index.item_lines(Block::Sections, sections.iter().map(|s| s.id.as_str()));
        let measure_lines = index.item_lines(
            Block::Measures,
            brief.measures.iter().map(|m| m.id.as_str()),
        );
        let figure_lines =
            index.item_lines(Block::Figures, brief.figures.iter().map(|f| f.id.as_str()));
        Ctx {
            stem: path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            brief,
            index,
            sections,
            section_lines,
            measure_lines,
            figure_lines,
        }
    }

    fn key_line(&self, key: &str) -> usize {
        self.index.key_line(key)
    }
}

// ---------------------------------------------------------------------------------
// Lines in the YAML text
// ---------------------------------------------------------------------------------

/// The top-level list an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Block {
    /// Top-level keys, or the items of a file that is itself a list (`themes.yaml`).
    Top,
    Source,
    Sections,
    Measures,
    Figures,
    Dropped,
    Other,
}

impl Block {
    fn of_key(key: &str) -> Block {
        match key {
            "source" => Block::Source,
            "sections" => Block::Sections,
            "measures" => Block::Measures,
            "figures" => Block::Figures,
            "dropped" => Block::Dropped,
            _ => Block::Other,
        }
    }
}

/// Where things are in a YAML file, from one pass over its lines. A heuristic for the
/// block style the converter writes (and people keep when editing); anything it cannot
/// place falls back to its list's key, then to line 1.
#[derive(Debug, Default)]
struct YamlIndex {
    /// Top-level key → line.
    keys: HashMap<String, usize>,
    /// Keys inside a block (`source.sha256`) → line of the first occurrence.
    block_keys: HashMap<(Block, String), usize>,
    /// `id:` values per block → their lines, in file order.
    ids: HashMap<(Block, String), Vec<usize>>,
    /// The line where each `dropped` entry starts, in order.
    dropped: Vec<usize>,
}

impl YamlIndex {
    fn build(text: &str) -> YamlIndex {
        let mut index = YamlIndex::default();
        let mut block = Block::Top;
        // Inside a `|` or `>` scalar: lines indented more than this are its text.
        let mut scalar_indent: Option<usize> = None;
        let mut dropped_indent: Option<usize> = None;
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let body = raw.trim_start_matches(' ');
            let indent = raw.len() - body.len();
            if body.trim().is_empty() || body.starts_with('#') {
                continue;
            }
            if let Some(limit) = scalar_indent {
                if indent > limit {
                    continue;
                }
                scalar_indent = None;
            }
            let (dashes, rest) = strip_dashes(body);
            let key_column = raw.len() - rest.len();
            if indent == 0 && dashes == 0 {
                if let Some((key, value)) = rest.split_once(':') {
                    let key = unquote(key);
                    index.keys.entry(key.to_owned()).or_insert(line);
                    block = Block::of_key(key);
                    dropped_indent = None;
                    if opens_block_scalar(value) {
                        scalar_indent = Some(key_column);
                    }
                }
                continue;
            }
            if dashes > 0
                && block == Block::Dropped
                && *dropped_indent.get_or_insert(indent) == indent
            {
                index.dropped.push(line);
            }
            if dashes > 0 && opens_block_scalar(rest) {
                // `- |`: a list item that is itself a block scalar.
                scalar_indent = Some(indent);
                continue;
            }
            let rest = rest.trim_start_matches('{').trim_start();
            if let Some((key, value)) = rest.split_once(':') {
                let key = unquote(key);
                index
                    .block_keys
                    .entry((block, key.to_owned()))
                    .or_insert(line);
                if key == "id" {
                    let id = scalar_value(value).to_owned();
                    index.ids.entry((block, id)).or_default().push(line);
                }
                if opens_block_scalar(value) {
                    scalar_indent = Some(key_column);
                }
            }
        }
        index
    }

    /// The line of a top-level key, or 1.
    fn key_line(&self, key: &str) -> usize {
        self.keys.get(key).copied().unwrap_or(1)
    }

    fn block_key_line(&self, block: Block, key: &str) -> Option<usize> {
        self.block_keys.get(&(block, key.to_owned())).copied()
    }

    /// The line of each item of a list, given their ids in order: the n-th item with a
    /// given id is the n-th `id:` line with that value, so duplicates point at
    /// themselves. Unplaceable items get the line of the list's key.
    fn item_lines<'a>(&self, block: Block, ids: impl Iterator<Item = &'a str>) -> Vec<usize> {
        let fallback = match block {
            Block::Sections => self.key_line("sections"),
            Block::Measures => self.key_line("measures"),
            Block::Figures => self.key_line("figures"),
            _ => 1,
        };
        let mut seen: HashMap<&str, usize> = HashMap::new();
        ids.map(|id| {
            let nth = seen.entry(id).or_insert(0);
            let lines = self.ids.get(&(block, id.to_owned()));
            let line = lines
                .and_then(|l| l.get(*nth).or_else(|| l.first()))
                .copied()
                .unwrap_or(fallback);
            *nth += 1;
            line
        })
        .collect()
    }

    fn dropped_line(&self, i: usize) -> usize {
        self.dropped
            .get(i)
            .copied()
            .unwrap_or_else(|| self.key_line("dropped"))
    }
}

/// `- - id: x` → (2, `id: x`).
fn strip_dashes(mut body: &str) -> (usize, &str) {
    let mut dashes = 0;
    loop {
        if body == "-" {
            return (dashes + 1, "");
        }
        match body.strip_prefix("- ") {
            Some(rest) => {
                dashes += 1;
                body = rest.trim_start_matches(' ');
            }
            None => return (dashes, body),
        }
    }
}

fn unquote(key: &str) -> &str {
    key.trim().trim_matches(|c| c == '"' || c == '\'')
}

/// The value of `id: "4.1"  # comment` or of `{id: m1, …}` as a string.
fn scalar_value(value: &str) -> &str {
    let value = value.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote) {
            return inner.split(quote).next().unwrap_or(inner);
        }
    }
    value.split([',', '}', '#']).next().unwrap_or(value).trim()
}

fn opens_block_scalar(value: &str) -> bool {
    let value = value.trim_start();
    value.starts_with('|') || value.starts_with('>')
}

// ---------------------------------------------------------------------------------
// Rules on the brief alone
// ---------------------------------------------------------------------------------

/// `[a-z0-9-]+`: ids appear in file names and URLs.
fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn check_id(ctx: &Ctx, out: &mut Out) {
    let id = &ctx.brief.id;
    let line = ctx.key_line("id");
    if !is_valid_id(id) {
        out.push(line, format!("id {id:?} must match [a-z0-9-]+"));
    }
    if *id != ctx.stem {
        out.push(
            line,
            format!("id {id:?} must equal the file name {:?}", ctx.stem),
        );
    }
}

/// Reports every id after its first occurrence, at its own line.
fn report_duplicates<'a>(
    what: &str,
    ids: impl Iterator<Item = &'a str>,
    lines: &[usize],
    out: &mut Out,
) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        let line = lines.get(i).copied().unwrap_or(1);
        match first.get(id) {
            Some(first_line) => out.push(
                line,
                format!("duplicate {what} id {id:?} (first at line {first_line})"),
            ),
            None => {
                first.insert(id, line);
            }
        }
    }
}

fn check_unique_ids(ctx: &Ctx, out: &mut Out) {
    let brief = ctx.brief;
    report_duplicates(
        "section",
        ctx.sections.iter().map(|s| s.id.as_str()),
        &ctx.section_lines,
        out,
    );
    report_duplicates(
        "measure",
        brief.measures.iter().map(|m| m.id.as_str()),
        &ctx.measure_lines,
        out,
    );
    report_duplicates(
        "figure",
        brief.figures.iter().map(|f| f.id.as_str()),
        &ctx.figure_lines,
        out,
    );
    // A talking point names `brief#id`, so one id must not name two things.
    let measures: HashSet<&str> = brief.measures.iter().map(|m| m.id.as_str()).collect();
    for (figure, &line) in brief.figures.iter().zip(&ctx.figure_lines) {
        if measures.contains(figure.id.as_str()) {
            out.push(
                line,
                format!("figure id {:?} is also a measure id", figure.id),
            );
        }
    }
}

/// Section ids are the dotted path of their place in the tree: the k-th child of
/// `"2"` is `"2.k"`. Checked against the parent's actual id, so one wrong parent does
/// not also flag all its children.
fn check_section_tree(ctx: &Ctx, out: &mut Out) {
    let mut position = 0;
    walk_sections(&ctx.brief.sections, None, ctx, &mut position, out);
}

fn walk_sections(
    sections: &[Section],
    parent: Option<&str>,
    ctx: &Ctx,
    position: &mut usize,
    out: &mut Out,
) {
    for (k, section) in sections.iter().enumerate() {
        let line = ctx.section_lines.get(*position).copied().unwrap_or(1);
        *position += 1;
        let expected = match parent {
            Some(parent) => format!("{parent}.{}", k + 1),
            None => (k + 1).to_string(),
        };
        if section.id != expected {
            out.push(
                line,
                format!(
                    "section id {:?} should be {expected:?}: ids are dotted paths numbered in order",
                    section.id
                ),
            );
        }
        walk_sections(&section.sections, Some(&section.id), ctx, position, out);
    }
}

fn check_references(ctx: &Ctx, out: &mut Out) {
    let brief = ctx.brief;
    let sections: HashSet<&str> = ctx.sections.iter().map(|s| s.id.as_str()).collect();
    let section_exists = |id: &str| id == LEAD_SECTION || sections.contains(id);
    let figures: HashSet<&str> = brief.figures.iter().map(|f| f.id.as_str()).collect();
    for (measure, &line) in brief.measures.iter().zip(&ctx.measure_lines) {
        if !section_exists(&measure.section) {
            out.push(
                line,
                missing_section("measure", &measure.id, &measure.section),
            );
        }
        for figure in &measure.figures {
            if !figures.contains(figure.as_str()) {
                out.push(
                    line,
                    format!("measure {}: figure {figure:?} does not exist", measure.id),
                );
            }
        }
    }
    for (figure, &line) in brief.figures.iter().zip(&ctx.figure_lines) {
        if !section_exists(&figure.section) {
            out.push(line, missing_section("figure", &figure.id, &figure.section));
        }
    }
}

fn missing_section(what: &str, id: &str, section: &str) -> String {
    format!("{what} {id}: section {section:?} does not exist (the lead is \"{LEAD_SECTION}\")")
}

/// Every measure has a theme, and every theme is in the taxonomy (when it loaded).
fn check_themes(ctx: &Ctx, taxonomy: Option<&HashSet<String>>, out: &mut Out) {
    for (measure, &line) in ctx.brief.measures.iter().zip(&ctx.measure_lines) {
        if measure.themes.is_empty() {
            out.push(
                line,
                format!(
                    "measure {}: no theme; every measure has at least one",
                    measure.id
                ),
            );
        }
        let Some(taxonomy) = taxonomy else { continue };
        for theme in &measure.themes {
            if !taxonomy.contains(theme) {
                out.push(
                    line,
                    format!(
                        "measure {}: theme {theme:?} is not in themes.yaml",
                        measure.id
                    ),
                );
            }
        }
    }
}

/// masked ⇔ no value; no base without a value; numbers are numbers.
fn check_figure_values(ctx: &Ctx, out: &mut Out) {
    for (figure, &line) in ctx.brief.figures.iter().zip(&ctx.figure_lines) {
        let id = &figure.id;
        let masked = figure.kind == FigureKind::Masked;
        match (masked, figure.value) {
            (true, Some(value)) => out.push(
                line,
                format!("figure {id}: kind is masked but value is {value}; masked figures have value null"),
            ),
            (false, None) => out.push(
                line,
                format!(
                    "figure {id}: value is null but kind is {}; a null value means kind masked",
                    figure.kind.as_str()
                ),
            ),
            _ => {}
        }
        if figure.value.is_none() && figure.base.is_some() {
            out.push(
                line,
                format!("figure {id}: base must be null when value is null"),
            );
        }
        let finite = |n: Option<f64>| n.is_none_or(f64::is_finite);
        if !finite(figure.value) || !finite(figure.base) {
            out.push(
                line,
                format!("figure {id}: value and base must be finite numbers"),
            );
        }
    }
}

fn check_date(ctx: &Ctx, out: &mut Out) {
    if let Some(date) = &ctx.brief.date
        && !is_valid_date(date)
    {
        out.push(
            ctx.key_line("date"),
            format!("date {date:?} is not YYYY, YYYY-MM or YYYY-MM-DD"),
        );
    }
}

/// YYYY, YYYY-MM or YYYY-MM-DD, with a month and day that exist.
fn is_valid_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let number = |s: &str, len: usize| -> Option<u32> {
        if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let Some(year) = parts.first().and_then(|y| number(y, 4)) else {
        return false;
    };
    let month = match parts.get(1) {
        None => return parts.len() == 1,
        Some(m) => match number(m, 2) {
            Some(m @ 1..=12) => m,
            _ => return false,
        },
    };
    match parts.get(2) {
        None => parts.len() == 2,
        Some(d) => {
            parts.len() == 3
                && number(d, 2).is_some_and(|d| d >= 1 && d <= days_in_month(year, month))
        }
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// ---------------------------------------------------------------------------------
// Rules against the source
// ---------------------------------------------------------------------------------

/// The decoded source text, after checking that it exists and that its hash matches.
/// `None` (with a problem) when it cannot be read or decoded.
fn load_source(ctx: &Ctx, root: &Path, out: &mut Out) -> Option<String> {
    let source = &ctx.brief.source;
    let path_line = ctx
        .index
        .block_key_line(Block::Source, "path")
        .unwrap_or_else(|| ctx.key_line("source"));
    let relative = Path::new(&source.path);
    if source.path.is_empty() || relative.is_absolute() {
        out.push(
            path_line,
            format!(
                "source.path {:?} must be a path relative to the repository root",
                source.path
            ),
        );
        return None;
    }
    let full = root.join(relative);
    if !full.is_file() {
        out.push(
            path_line,
            format!(
                "source file {} not found (looked for {})",
                source.path,
                full.display()
            ),
        );
        return None;
    }
    let bytes = match load::read_limited(&full) {
        Ok(bytes) => bytes,
        Err(error) => {
            out.push(
                path_line,
                format!("source file {}: {}", source.path, error.message),
            );
            return None;
        }
    };
    let actual = sha256_hex(&bytes);
    if !actual.eq_ignore_ascii_case(source.sha256.trim()) {
        let line = ctx
            .index
            .block_key_line(Block::Source, "sha256")
            .unwrap_or(path_line);
        out.push(
            line,
            format!(
                "source.sha256 is {:?} but {} has sha256 {actual}",
                source.sha256, source.path
            ),
        );
    }
    match decode::decode(&bytes) {
        Ok(decoded) => Some(decoded.text.into_owned()),
        Err(error) => {
            out.push(path_line, format!("source file {}: {error}", source.path));
            None
        }
    }
}

/// Lines as an editor counts them: a final newline does not start another line.
fn line_count(lines: &[&str]) -> usize {
    match lines {
        [rest @ .., last] if last.is_empty() && !rest.is_empty() => rest.len(),
        _ => lines.len(),
    }
}

/// Every `line` is in 1..=the source's line count (only ≥ 1 when the source is missing).
fn check_line_ranges(ctx: &Ctx, line_count: Option<usize>, out: &mut Out) {
    let brief = ctx.brief;
    let mut check = |what: String, line: u32, yaml_line: usize| {
        let line = line as usize;
        if line == 0 {
            out.push(
                yaml_line,
                format!("{what}: line 0; lines are counted from 1"),
            );
        } else if let Some(count) = line_count.filter(|&count| line > count) {
            out.push(
                yaml_line,
                format!("{what}: line {line} is past the end of the source ({count} lines)"),
            );
        }
    };
    for (section, &yaml_line) in ctx.sections.iter().zip(&ctx.section_lines) {
        check(format!("section {}", section.id), section.line, yaml_line);
    }
    for (measure, &yaml_line) in brief.measures.iter().zip(&ctx.measure_lines) {
        check(format!("measure {}", measure.id), measure.line, yaml_line);
    }
    for (figure, &yaml_line) in brief.figures.iter().zip(&ctx.figure_lines) {
        check(format!("figure {}", figure.id), figure.line, yaml_line);
    }
    for (i, dropped) in brief.dropped.iter().enumerate() {
        check(
            format!("dropped text {}", i + 1),
            dropped.line,
            ctx.index.dropped_line(i),
        );
    }
}

/// Source lines with white space removed, concatenated, with where each line starts:
/// text that runs over line breaks is found with one substring search.
#[derive(Debug, Default)]
struct Stream {
    text: String,
    /// `starts[i]` is the offset of line `i + 1`; one more entry marks the end.
    starts: Vec<usize>,
}

impl Stream {
    fn push_line(&mut self, line: &str) {
        self.starts.push(self.text.len());
        self.text.extend(line.chars().filter(|&c| !is_blank(c)));
    }

    fn finish(&mut self) {
        self.starts.push(self.text.len());
    }

    /// Whether `needle` (already stripped, non-empty) occurs starting on 1-based
    /// `line`. Only the line and the needle's length after it are searched.
    fn starts_on_line(&self, needle: &str, line: usize) -> bool {
        let (Some(&start), Some(&end)) =
            (self.starts.get(line.wrapping_sub(1)), self.starts.get(line))
        else {
            return false;
        };
        let limit = ceil_char_boundary(&self.text, end.saturating_add(needle.len()));
        let Some(window) = self.text.get(start..limit) else {
            return false;
        };
        window.find(needle).is_some_and(|pos| start + pos < end)
    }

    /// The 1-based line holding offset `offset` of `text` (the last line at the end).
    fn line_at(&self, offset: usize) -> usize {
        let lines = self.starts.len().saturating_sub(1);
        let starts = self.starts.get(..lines).unwrap_or(&[]);
        starts.partition_point(|&s| s <= offset).max(1)
    }

    /// The line where `needle` first starts, if anywhere.
    fn find_line(&self, needle: &str) -> Option<usize> {
        self.text.find(needle).map(|pos| self.line_at(pos))
    }
}

fn ceil_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

/// The source prepared once per brief: as is, and with the dropped texts taken out.
struct SourceView {
    raw: Stream,
    cleaned: Stream,
    /// For each `dropped` entry: whether its text was found on its line
    /// (`None` when its line is out of range, which another rule reports).
    found: Vec<Option<bool>>,
    /// Failed lookups left that may search the whole source (`LOCATE_BUDGET`).
    locate_budget: Cell<usize>,
    line_count: usize,
}

impl SourceView {
    fn build(lines: &[&str], brief: &Brief) -> SourceView {
        let mut by_line: Vec<Vec<usize>> = vec![Vec::new(); lines.len()];
        for (i, dropped) in brief.dropped.iter().enumerate() {
            if let Some(entries) = (dropped.line as usize)
                .checked_sub(1)
                .and_then(|l| by_line.get_mut(l))
            {
                entries.push(i);
            }
        }
        let mut found = vec![None; brief.dropped.len()];
        let mut raw = Stream::default();
        let mut cleaned = Stream::default();
        for (line, entries) in lines.iter().zip(&by_line) {
            raw.push_line(line);
            if entries.is_empty() {
                cleaned.push_line(line);
                continue;
            }
            let mut rest = (*line).to_owned();
            for &i in entries {
                found[i] = Some(remove_first(&mut rest, &brief.dropped[i].text));
            }
            cleaned.push_line(&rest);
        }
        raw.finish();
        cleaned.finish();
        SourceView {
            raw,
            cleaned,
            found,
            locate_budget: Cell::new(LOCATE_BUDGET),
            line_count: line_count(lines),
        }
    }

    /// Why `text` does not start on `line`, or `None` when it does. `raw_too` also
    /// accepts the source with its artifacts (quotes and headings are verbatim).
    fn mismatch(&self, text: &str, line: u32, raw_too: bool) -> Option<String> {
        let needle = strip_blank(text);
        if needle.is_empty() {
            return Some("is empty".to_owned());
        }
        let line = line as usize;
        if self.cleaned.starts_on_line(&needle, line)
            || (raw_too && self.raw.starts_on_line(&needle, line))
        {
            return None;
        }
        let shown = excerpt(text.trim());
        let budget = self.locate_budget.get();
        if budget == 0 {
            return Some(format!("{shown:?} does not start on source line {line}"));
        }
        self.locate_budget.set(budget - 1);
        let elsewhere = self
            .cleaned
            .find_line(&needle)
            .or_else(|| raw_too.then(|| self.raw.find_line(&needle)).flatten());
        Some(match elsewhere {
            Some(at) => format!("{shown:?} is on source line {at}, not line {line}"),
            None => format!("{shown:?} is not in the source"),
        })
    }
}

/// Removes the first occurrence of `text` from `line`: verbatim if it is there, else
/// white space aside (then `line` is left without white space, which the streams
/// drop anyway). False when it is not there at all.
fn remove_first(line: &mut String, text: &str) -> bool {
    if let Some(pos) = line.find(text) {
        line.replace_range(pos..pos + text.len(), "");
        return true;
    }
    let wanted = strip_blank(text);
    let mut stripped = strip_blank(line);
    match stripped.find(&wanted) {
        Some(pos) => {
            stripped.replace_range(pos..pos + wanted.len(), "");
            *line = stripped;
            true
        }
        None => false,
    }
}

/// At most `EXCERPT_CHARS` characters of `text`, with "…" when cut.
fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// The end of `text` as "…" plus its last few characters, to show where a difference is.
fn tail(text: &str) -> String {
    let n = text.chars().count();
    match text.char_indices().nth(n.saturating_sub(6)) {
        Some((start, _)) if start > 0 => format!("…{}", &text[start..]),
        _ => text.to_owned(),
    }
}

/// Each dropped text is on its line, and has the shape of its kind of artifact, so
/// that calling body text "dropped" cannot hide it from the coverage rule.
fn check_dropped(ctx: &Ctx, view: &SourceView, out: &mut Out) {
    for (i, dropped) in ctx.brief.dropped.iter().enumerate() {
        let line = ctx.index.dropped_line(i);
        let shown = excerpt(&dropped.text);
        if view.found.get(i).copied().flatten() == Some(false) {
            out.push(
                line,
                format!(
                    "dropped text {shown:?} is not on source line {}",
                    dropped.line
                ),
            );
        }
        if !clean::artifact_matches(dropped.kind, &dropped.text) {
            out.push(
                line,
                format!(
                    "dropped text {shown:?} does not look like a {} artifact",
                    dropped.kind.as_str()
                ),
            );
        }
    }
}

/// Whether a line is in the source, so text rules skip what the range rule reports.
fn in_range(view: &SourceView, line: u32) -> bool {
    line >= 1 && line as usize <= view.line_count
}

fn check_headings(ctx: &Ctx, view: &SourceView, out: &mut Out) {
    for (section, &yaml_line) in ctx.sections.iter().zip(&ctx.section_lines) {
        if !in_range(view, section.line) {
            continue;
        }
        if let Some(why) = view.mismatch(&section.heading, section.line, true) {
            out.push(yaml_line, format!("section {}: heading {why}", section.id));
        }
    }
}

fn check_quotes(ctx: &Ctx, view: &SourceView, out: &mut Out) {
    for (figure, &yaml_line) in ctx.brief.figures.iter().zip(&ctx.figure_lines) {
        if !in_range(view, figure.line) {
            continue;
        }
        if let Some(why) = view.mismatch(&figure.quote, figure.line, true) {
            out.push(yaml_line, format!("figure {}: quote {why}", figure.id));
        }
    }
}

/// Measure texts are body text, so they are found with the artifacts taken out.
fn check_measure_texts(ctx: &Ctx, view: &SourceView, out: &mut Out) {
    for (measure, &yaml_line) in ctx.brief.measures.iter().zip(&ctx.measure_lines) {
        if !in_range(view, measure.line) {
            continue;
        }
        if let Some(why) = view.mismatch(&measure.text, measure.line, false) {
            out.push(yaml_line, format!("measure {}: text {why}", measure.id));
        }
    }
}

/// The coverage rule: the source without its dropped texts is, white space aside,
/// exactly lead + headings and paragraphs in pre-order. One problem, at the first
/// difference, since everything after it would differ too.
fn check_coverage(ctx: &Ctx, view: &SourceView, out: &mut Out) {
    let (expected, parts) = body_of(ctx);
    let actual = &view.cleaned.text;
    let Some(at) = first_difference(actual, &expected) else {
        return;
    };
    // The brief item holding the difference: the last one starting at or before it.
    let part = parts.partition_point(|&(start, _)| start <= at).max(1) - 1;
    let yaml_line = parts.get(part).map_or(1, |&(_, line)| line);
    let source_line = view.cleaned.line_at(at);
    let (Some(before), Some(ours), Some(theirs)) =
        (actual.get(..at), actual.get(at..), expected.get(at..))
    else {
        return;
    };
    let message = describe_difference(ours, theirs, source_line);
    let context = if before.is_empty() {
        String::new()
    } else {
        format!(" (after {:?})", tail(before))
    };
    out.push(yaml_line, format!("coverage: {message}{context}"));
}

/// The brief's body with white space removed, and where each item starts in it with
/// its YAML line.
fn body_of(ctx: &Ctx) -> (String, Vec<(usize, usize)>) {
    let mut body = strip_blank(&ctx.brief.lead);
    let mut parts = vec![(0, ctx.key_line("lead"))];
    for (section, &line) in ctx.sections.iter().zip(&ctx.section_lines) {
        parts.push((body.len(), line));
        body.push_str(&strip_blank(&section.heading));
        for paragraph in &section.paragraphs {
            body.push_str(&strip_blank(paragraph));
        }
    }
    (body, parts)
}

/// Byte offset of the first differing character, or `None` when equal. It is a char
/// boundary in both strings, since they agree on everything before it.
fn first_difference(a: &str, b: &str) -> Option<usize> {
    if a == b {
        return None;
    }
    let differing = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, ca), cb)| ca != cb)
        .map(|((i, _), _)| i);
    Some(differing.unwrap_or(a.len().min(b.len())))
}

/// How far ahead to look for the two texts to agree again.
const RESYNC_WINDOW: usize = 4096;
const RESYNC_PROBE_CHARS: usize = 8;

/// Says what differs, from the source's rest and the brief's rest: text the brief
/// lacks, text the source lacks, or text that differs. Looks a bounded way ahead for
/// where they agree again, so this stays cheap on long documents.
fn describe_difference(source: &str, brief: &str, source_line: usize) -> String {
    if brief.is_empty() {
        return format!(
            "source line {source_line} has {:?} which the brief lacks",
            excerpt(source)
        );
    }
    if source.is_empty() {
        return format!(
            "the brief has {:?} after the end of the source",
            excerpt(brief)
        );
    }
    if let Some(skip) = resync(source, brief) {
        let missing = source.get(..skip).unwrap_or(source);
        return format!(
            "source line {source_line} has {:?} which the brief lacks",
            excerpt(missing)
        );
    }
    if let Some(skip) = resync(brief, source) {
        let extra = brief.get(..skip).unwrap_or(brief);
        return format!(
            "the brief has {:?} which source line {source_line} lacks",
            excerpt(extra)
        );
    }
    format!(
        "source line {source_line} has {:?} where the brief has {:?}",
        excerpt(source),
        excerpt(brief)
    )
}

/// Where in `longer` the start of `shorter` reappears (after at least one char),
/// within `RESYNC_WINDOW` bytes.
fn resync(longer: &str, shorter: &str) -> Option<usize> {
    let probe_end = shorter
        .char_indices()
        .nth(RESYNC_PROBE_CHARS)
        .map_or(shorter.len(), |(i, _)| i);
    let probe = shorter.get(..probe_end)?;
    let first = longer.chars().next()?.len_utf8();
    let window = longer.get(first..ceil_char_boundary(longer, RESYNC_WINDOW))?;
    window.find(probe).map(|pos| first + pos)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::load::tests::TempDir;

    const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/check/valid");

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(Path::new(FIXTURE).join(name)).unwrap()
    }

    /// A copy of the valid fixture repository in a temp dir, with `sample.yaml`
    /// rewritten by `edit`.
    struct Repo {
        dir: TempDir,
        yaml: String,
    }

    impl Repo {
        fn with(edit: impl FnOnce(String) -> String) -> Repo {
            let dir = TempDir::new("check");
            dir.write("seeds/sample.txt", &fixture("seeds/sample.txt"));
            dir.write("briefs/themes.yaml", &fixture("briefs/themes.yaml"));
            let yaml = edit(fixture("briefs/sample.yaml"));
            dir.write("briefs/sample.yaml", &yaml);
            Repo { dir, yaml }
        }

        /// Replaces exactly one occurrence, so a fixture edit cannot silently miss.
        fn replacing(from: &str, to: &str) -> Repo {
            let (from, to) = (from.to_owned(), to.to_owned());
            Repo::with(move |yaml| {
                assert_eq!(yaml.matches(&from).count(), 1, "{from:?} in fixture");
                yaml.replacen(&from, &to, 1)
            })
        }

        fn briefs(&self) -> PathBuf {
            self.dir.0.join("briefs")
        }

        fn sample(&self) -> PathBuf {
            self.briefs().join("sample.yaml")
        }

        fn check(&self) -> CheckReport {
            check_dir(&self.briefs())
        }

        /// The 1-based line of the first line of `sample.yaml` containing `needle`.
        fn line_of(&self, needle: &str) -> usize {
            self.yaml
                .lines()
                .position(|l| l.contains(needle))
                .map(|i| i + 1)
                .unwrap_or_else(|| panic!("{needle:?} not in the brief"))
        }
    }

    /// Asserts the report holds exactly one problem, in `file` at `line`, with `message`.
    fn assert_only(report: &CheckReport, file: &Path, line: usize, message: &str) {
        let shown: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(report.problems.len(), 1, "{shown:#?}");
        let problem = &report.problems[0];
        assert_eq!(problem.file, file, "{shown:#?}");
        assert_eq!(problem.line, line, "{shown:#?}");
        assert_eq!(problem.message, message, "{shown:#?}");
    }

    /// Asserts the report holds a problem in `file` at `line` with `message`.
    fn assert_has(report: &CheckReport, file: &Path, line: usize, message: &str) {
        let shown: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.file == file && p.line == line && p.message == message),
            "{file:?}:{line}: {message}\nnot in {shown:#?}"
        );
    }

    #[test]
    fn check_text_applies_the_rules_that_need_no_file() {
        let yaml = fixture("briefs/sample.yaml").replacen("figures: [", "figures: [f999, ", 1);
        let path = Path::new("sample.yaml");
        let problems = check_text(path, &yaml, None);
        let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 1, "{shown:#?}");
        assert!(
            problems[0]
                .message
                .contains("figure \"f999\" does not exist"),
            "{shown:#?}"
        );
        // The source is not looked at: a wrong hash is no problem here.
        let rehashed = fixture("briefs/sample.yaml").replace("sha256: ", "sha256: 0");
        assert!(check_text(path, &rehashed, None).is_empty());
        let broken = check_text(path, "schema: [", None);
        assert_eq!(broken.len(), 1);
        assert!(broken[0].line > 0);
    }

    #[test]
    fn the_valid_fixture_passes() {
        let report = check_dir(&Path::new(FIXTURE).join("briefs"));
        let shown: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        assert!(report.is_clean(), "{shown:#?}");
        assert_eq!(report.files_checked, 1);
    }

    #[test]
    fn a_copied_valid_repo_passes() {
        let repo = Repo::with(|yaml| yaml);
        let report = repo.check();
        assert!(report.is_clean(), "{:#?}", report.problems);
        assert_eq!(report.files_with_problems(), 0);
    }

    #[test]
    fn yaml_syntax_error_is_reported_at_its_line() {
        let repo = Repo::replacing("kind: article", "kind: [article");
        let report = repo.check();
        assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
        let problem = &report.problems[0];
        assert_eq!(problem.file, repo.sample());
        assert!(problem.line >= repo.line_of("kind: [article"), "{problem}");
        assert!(problem.to_string().starts_with(&format!(
            "{}:{}: ",
            repo.sample().display(),
            problem.line
        )));
    }

    #[test]
    fn schema_error_is_reported_at_its_line() {
        let repo = Repo::replacing("  status: planned", "  status: someday");
        let report = repo.check();
        assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
        assert_eq!(report.problems[0].line, repo.line_of("status: someday"));
        assert!(report.problems[0].message.contains("someday"));
    }

    #[test]
    fn two_bad_files_are_both_reported() {
        let repo = Repo::replacing("date: 2024-07", "date: 2024-7");
        let other = repo
            .dir
            .write("briefs/other.yaml", "schema: 1\nid: other\ntitle: [\n");
        let report = repo.check();
        assert_eq!(report.files_checked, 2);
        assert_eq!(report.files_with_problems(), 2);
        // Sorted by file name: other.yaml before sample.yaml.
        assert_eq!(report.problems[0].file, other);
        assert_eq!(report.problems[1].file, repo.sample());
        assert_eq!(report.problems[1].line, repo.line_of("date:"));
    }

    #[test]
    fn id_must_match_the_pattern() {
        let repo = Repo::replacing("id: sample", "id: Sample");
        let report = repo.check();
        let file = repo.sample();
        assert_has(&report, &file, 2, "id \"Sample\" must match [a-z0-9-]+");
        assert_has(
            &report,
            &file,
            2,
            "id \"Sample\" must equal the file name \"sample\"",
        );
        assert_eq!(report.problems.len(), 2);
    }

    #[test]
    fn id_must_equal_the_file_stem() {
        let repo = Repo::replacing("id: sample", "id: example");
        assert_only(
            &repo.check(),
            &repo.sample(),
            2,
            "id \"example\" must equal the file name \"sample\"",
        );
    }

    #[test]
    fn duplicate_measure_ids_are_reported_at_the_second() {
        let repo = Repo::replacing("- id: m2", "- id: m1");
        let first = repo.line_of("- id: m1");
        let second = first
            + 1
            + repo
                .yaml
                .lines()
                .skip(first)
                .position(|l| l == "- id: m1")
                .unwrap();
        assert_only(
            &repo.check(),
            &repo.sample(),
            second,
            &format!("duplicate measure id \"m1\" (first at line {first})"),
        );
    }

    #[test]
    fn duplicate_figure_ids_are_reported() {
        let repo = Repo::replacing("- id: f4", "- id: f0");
        let report = repo.check();
        assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
        assert!(
            report.problems[0]
                .message
                .starts_with("duplicate figure id \"f0\"")
        );
    }

    #[test]
    fn a_figure_may_not_share_a_measure_id() {
        let repo = Repo::replacing("- id: f4", "- id: m3");
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("  metric: 外商出入境") - 2,
            "figure id \"m3\" is also a measure id",
        );
    }

    #[test]
    fn section_ids_follow_the_tree() {
        let repo = Repo::with(|yaml| yaml.replace("\"2.1\"", "\"2.2\""));
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("- id: \"2.2\""),
            "section id \"2.2\" should be \"2.1\": ids are dotted paths numbered in order",
        );
    }

    #[test]
    fn duplicate_section_ids_are_reported() {
        let repo = Repo::replacing("- id: \"2\"", "- id: \"1\"");
        let report = repo.check();
        let line = repo.line_of("heading: 二、拓展国际市场") - 1;
        assert_has(
            &report,
            &repo.sample(),
            line,
            "duplicate section id \"1\" (first at line 14)",
        );
        assert_has(
            &report,
            &repo.sample(),
            line,
            "section id \"1\" should be \"2\": ids are dotted paths numbered in order",
        );
    }

    #[test]
    fn measure_section_must_exist() {
        let repo = Repo::replacing(
            "  section: \"1\"\n  title: 建设",
            "  section: \"9\"\n  title: 建设",
        );
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("- id: m1"),
            "measure m1: section \"9\" does not exist (the lead is \"0\")",
        );
    }

    #[test]
    fn figure_section_must_exist() {
        let repo = Repo::replacing("  section: \"0\"", "  section: \"\"");
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("- id: f0"),
            "figure f0: section \"\" does not exist (the lead is \"0\")",
        );
    }

    #[test]
    fn measure_figures_must_exist() {
        let repo = Repo::replacing("figures: [f1]", "figures: [f1, f9]");
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("- id: m1"),
            "measure m1: figure \"f9\" does not exist",
        );
    }

    #[test]
    fn measures_need_a_theme() {
        let repo = Repo::replacing("themes: [ecommerce]", "themes: []");
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("- id: m2"),
            "measure m2: no theme; every measure has at least one",
        );
    }

    #[test]
    fn themes_must_be_in_the_taxonomy() {
        let repo = Repo::replacing("themes: [ecommerce]", "themes: [e-commerce]");
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("- id: m2"),
            "measure m2: theme \"e-commerce\" is not in themes.yaml",
        );
    }

    #[test]
    fn a_missing_taxonomy_is_one_problem() {
        let repo = Repo::with(|yaml| yaml);
        let themes = repo.briefs().join("themes.yaml");
        std::fs::remove_file(&themes).unwrap();
        let report = repo.check();
        assert_only(
            &report,
            &themes,
            0,
            "missing: measure themes cannot be checked without the taxonomy",
        );
        assert_eq!(
            report.problems[0].to_string(),
            format!("{}: {}", themes.display(), report.problems[0].message)
        );
    }

    #[test]
    fn a_broken_taxonomy_is_reported_at_its_line() {
        let repo = Repo::with(|yaml| yaml);
        let themes = repo.dir.write(
            "briefs/themes.yaml",
            "- id: markets\n  label: 市场\n- id: ecommerce\n  lable: 电商\n",
        );
        let report = repo.check();
        assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
        assert_eq!(report.problems[0].file, themes);
        assert_eq!(report.problems[0].line, 4);
        assert!(report.problems[0].message.contains("lable"));
    }

    #[test]
    fn duplicate_themes_are_reported() {
        let repo = Repo::with(|yaml| yaml);
        let mut text = fixture("briefs/themes.yaml");
        text.push_str("- id: markets\n  label: 又是市场\n");
        let themes = repo.dir.write("briefs/themes.yaml", &text);
        assert_only(
            &repo.check(),
            &themes,
            13,
            "duplicate theme id \"markets\" (first at line 1)",
        );
    }

    #[test]
    fn source_hash_must_match() {
        let repo = Repo::with(|yaml| yaml.replace("sha256: 1ff5", "sha256: 0ff5"));
        let report = repo.check();
        assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
        assert_eq!(report.problems[0].line, repo.line_of("sha256:"));
        assert!(
            report.problems[0].message.starts_with("source.sha256 is \"0ff5")
                && report.problems[0]
                    .message
                    .ends_with("but seeds/sample.txt has sha256 1ff5ebf3acb314fe39f335a8e5200388d1b491da51397621bef211fd5bff8be0"),
            "{}",
            report.problems[0]
        );
    }

    #[test]
    fn a_missing_source_is_a_problem() {
        let repo = Repo::replacing("path: seeds/sample.txt", "path: seeds/gone.txt");
        let report = repo.check();
        assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
        assert_eq!(
            report.problems[0].line,
            repo.line_of("path: seeds/gone.txt")
        );
        assert!(
            report.problems[0]
                .message
                .starts_with("source file seeds/gone.txt not found")
        );
    }

    #[test]
    fn an_absolute_source_path_is_a_problem() {
        let repo = Repo::replacing("path: seeds/sample.txt", "path: /etc/hostname");
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("path: /etc"),
            "source.path \"/etc/hostname\" must be a path relative to the repository root",
        );
    }

    #[test]
    fn a_quote_must_be_in_the_source() {
        let repo = Repo::replacing(
            "quote: 全市电商主体65.46万户",
            "quote: 全市电商主体65.47万户",
        );
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("- id: f2"),
            "figure f2: quote \"全市电商主体65.47万户\" is not in the source",
        );
    }

    #[test]
    fn a_quote_must_start_on_its_line() {
        let repo = Repo::with(|yaml| {
            yaml.replacen(
                "quote: 全市电商主体65.46万户\n  line: 10",
                "quote: 全市电商主体65.46万户\n  line: 8",
                1,
            )
        });
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("- id: f2"),
            "figure f2: quote \"全市电商主体65.46万户\" is on source line 10, not line 8",
        );
    }

    #[test]
    fn a_quote_may_run_over_a_dropped_page_number() {
        // f4 starts on line 16 and ends on line 18, past "— 7 —" on line 17.
        let repo = Repo::with(|yaml| yaml);
        assert!(
            repo.yaml
                .contains("quote: 外商出入境24.99万人次\n  line: 16")
        );
        assert!(repo.check().is_clean());
    }

    #[test]
    fn a_heading_must_start_on_its_line() {
        let repo = Repo::replacing("line: 12", "line: 11");
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("- id: \"2\""),
            "section 2: heading \"二、拓展国际市场\" is on source line 12, not line 11",
        );
    }

    #[test]
    fn a_heading_must_be_in_the_source() {
        let repo = Repo::replacing("heading: （一）境外展会", "heading: （一）境外展销会");
        let report = repo.check();
        assert_has(
            &report,
            &repo.sample(),
            repo.line_of("- id: \"2.1\""),
            "section 2.1: heading \"（一）境外展销会\" is not in the source",
        );
    }

    #[test]
    fn a_measure_text_must_start_on_its_line() {
        let repo = Repo::with(|yaml| {
            yaml.replacen(
                "  figures: [f2]\n  line: 10",
                "  figures: [f2]\n  line: 8",
                1,
            )
        });
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("- id: m2"),
            "measure m2: text \"二是发展数字贸易。全市电商主体6…\" is on source line 10, not line 8",
        );
    }

    #[test]
    fn a_measure_text_runs_over_dropped_text_only() {
        // m3 spans line 14, the dropped "- 6 -" on 15, and line 16; without the
        // dropped entry the page number is body text and the text is not found.
        let repo = Repo::with(|yaml| {
            yaml.replace("- line: 15\n  kind: page-number\n  text: \"- 6 -\"\n", "")
        });
        let report = repo.check();
        assert_has(
            &report,
            &repo.sample(),
            repo.line_of("- id: m3"),
            "measure m3: text \"全年举办境外展会*场,覆盖沙特、…\" is not in the source",
        );
    }

    #[test]
    fn dropped_text_must_be_on_its_line() {
        let repo = Repo::replacing("- line: 9\n", "- line: 8\n");
        let report = repo.check();
        assert_has(
            &report,
            &repo.sample(),
            repo.line_of("- line: 8"),
            "dropped text \"— 5 —\" is not on source line 8",
        );
        // The page number on line 9 is now body text the brief lacks.
        assert_has(
            &report,
            &repo.sample(),
            repo.line_of("- id: \"1\""),
            "coverage: source line 9 has \"—5—\" which the brief lacks (after \"…00家以上。\")",
        );
    }

    #[test]
    fn coverage_finds_text_the_brief_lacks() {
        let repo = Repo::replacing("。二是发展数字贸易。全市电商主体", "。全市电商主体");
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("- id: \"1\""),
            "coverage: source line 10 has \"二是发展数字贸易。\" which the brief lacks (after \"…00家以上。\")",
        );
    }

    #[test]
    fn coverage_finds_text_the_source_lacks() {
        let repo = Repo::replacing("    - 外商出入境", "    - 另外,外商出入境");
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("- id: \"2.1\""),
            "coverage: the brief has \"另外,\" which source line 16 lacks (after \"…、迪拜等地。\")",
        );
    }

    #[test]
    fn coverage_finds_changed_text() {
        let repo = Repo::replacing("lead: 今年1-5月", "lead: 今年1-6月");
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("lead:"),
            "coverage: source line 5 has \"5月,义乌市进出口额2645.0…\" where the brief has \"6月,义乌市进出口额2645.0…\" (after \"今年1-\")",
        );
    }

    #[test]
    fn coverage_finds_a_missing_end() {
        let repo = Repo::replacing("    - 外商出入境24.99万人次,增长95.1%。\n", "");
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("- id: \"2.1\""),
            "coverage: source line 16 has \"外商出入境24.99万人次,增长…\" which the brief lacks (after \"…、迪拜等地。\")",
        );
    }

    #[test]
    fn masked_figures_have_no_value() {
        let repo = Repo::with(|yaml| {
            yaml.replace("value: null\n", "value: 5\n")
                .replace("base: null\n", "base: 5\n")
        });
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("- id: f3"),
            "figure f3: kind is masked but value is 5; masked figures have value null",
        );
    }

    #[test]
    fn null_values_are_masked() {
        let repo = Repo::replacing("kind: masked", "kind: actual");
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("- id: f3"),
            "figure f3: value is null but kind is actual; a null value means kind masked",
        );
    }

    #[test]
    fn no_base_without_a_value() {
        let repo = Repo::replacing("base: null", "base: 3");
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("- id: f3"),
            "figure f3: base must be null when value is null",
        );
    }

    #[test]
    fn date_must_be_a_date() {
        let repo = Repo::replacing("date: 2024-07", "date: 2024-13");
        assert_only(
            &repo.check(),
            &repo.sample(),
            7,
            "date \"2024-13\" is not YYYY, YYYY-MM or YYYY-MM-DD",
        );
    }

    #[test]
    fn lines_must_be_in_the_source() {
        let repo = Repo::replacing("line: 16", "line: 99");
        assert_only(
            &repo.check(),
            &repo.sample(),
            repo.line_of("- id: f4"),
            "figure f4: line 99 is past the end of the source (18 lines)",
        );
        let repo = Repo::replacing("- line: 17\n", "- line: 0\n");
        let report = repo.check();
        assert_has(
            &report,
            &repo.sample(),
            repo.line_of("- line: 0"),
            "dropped text 5: line 0; lines are counted from 1",
        );
    }

    #[test]
    fn a_missing_directory_is_one_problem() {
        let report = check_dir(Path::new("/nonexistent/briefs"));
        assert!(!report.is_clean());
        assert_eq!(report.files_checked, 0);
    }

    // ----- helpers -----

    #[test]
    fn repo_root_is_the_parent() {
        assert_eq!(repo_root(Path::new("briefs")), Path::new("."));
        assert_eq!(repo_root(Path::new("/r/briefs")), Path::new("/r"));
        assert_eq!(repo_root(Path::new("/r/briefs/")), Path::new("/r"));
        assert_eq!(repo_root(Path::new(".")), Path::new("./.."));
    }

    #[test]
    fn valid_ids() {
        assert!(is_valid_id("yiwu-2024-qa"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("Yiwu"));
        assert!(!is_valid_id("yiwu_2024"));
        assert!(!is_valid_id("义乌"));
    }

    #[test]
    fn valid_dates() {
        for ok in ["2024", "2024-07", "2024-07-15", "2024-02-29", "2000-02-29"] {
            assert!(is_valid_date(ok), "{ok}");
        }
        for bad in [
            "",
            "24",
            "2024-7",
            "2024-00",
            "2024-13",
            "2024-07-32",
            "2023-02-29",
            "1900-02-29",
            "2024-07-15-01",
            "2024/07",
            "２０２４",
            "2024-",
            "-07",
        ] {
            assert!(!is_valid_date(bad), "{bad}");
        }
    }

    #[test]
    fn yaml_index_places_ids_by_block() {
        let text = "id: doc\nsections:\n- id: \"1\"\n  paragraphs:\n  - |\n    id: not-this\n  sections:\n  - heading: x\n    id: '1.1'  # note\nmeasures:\n- {id: m1, section: \"1\"}\n-   id: m2\ndropped:\n- line: 3\n  text: a\n- line: 4\n  text: |\n    - b\n";
        let index = YamlIndex::build(text);
        assert_eq!(index.key_line("id"), 1);
        assert_eq!(index.key_line("nope"), 1);
        let sections = index.item_lines(Block::Sections, ["1", "1.1", "9"].into_iter());
        assert_eq!(sections, [3, 9, 2]);
        assert!(
            !index
                .ids
                .contains_key(&(Block::Sections, "not-this".to_owned()))
        );
        assert_eq!(
            index.item_lines(Block::Measures, ["m1", "m2"].into_iter()),
            [11, 12]
        );
        assert_eq!(index.dropped, [14, 16]);
        assert_eq!(index.dropped_line(5), 13);
    }

    #[test]
    fn yaml_index_duplicates_point_at_themselves() {
        let index = YamlIndex::build("figures:\n- id: f1\n- id: f1\n- id: f2\n");
        let lines = index.item_lines(Block::Figures, ["f1", "f1", "f2", "f1"].into_iter());
        assert_eq!(lines, [2, 3, 4, 2]);
    }

    #[test]
    fn stream_finds_text_starting_on_a_line() {
        let mut stream = Stream::default();
        for line in ["标题", "", "一是 建设", "市场。二是"] {
            stream.push_line(line);
        }
        stream.finish();
        assert!(stream.starts_on_line("一是建设市场", 3));
        assert!(!stream.starts_on_line("一是建设市场", 4));
        assert!(!stream.starts_on_line("一是建设市场", 2));
        assert!(stream.starts_on_line("市场", 4));
        assert!(!stream.starts_on_line("二是", 3));
        assert!(!stream.starts_on_line("标题", 0));
        assert!(!stream.starts_on_line("标题", 99));
        assert_eq!(stream.find_line("二是"), Some(4));
        assert_eq!(stream.line_at(0), 1);
        assert_eq!(stream.line_at(stream.text.len()), 4);
    }

    #[test]
    fn remove_first_is_verbatim_then_blank_insensitive() {
        let mut line = "— 5 — 正文 — 5 —".to_owned();
        assert!(remove_first(&mut line, "— 5 —"));
        assert_eq!(line, " 正文 — 5 —");
        let mut line = "正文 — 5 —".to_owned();
        assert!(remove_first(&mut line, "—5—"));
        assert_eq!(line, "正文");
        assert!(!remove_first(&mut line, "— 6 —"));
    }

    #[test]
    fn differences_are_found_at_char_boundaries() {
        assert_eq!(first_difference("市场", "市场"), None);
        assert_eq!(first_difference("市场", "市民"), Some(3));
        assert_eq!(first_difference("市场", "市场a"), Some(6));
        assert_eq!(first_difference("", "a"), Some(0));
        // 'é' and 'è' share a first byte; the difference is at the char.
        assert_eq!(first_difference("aé", "aè"), Some(1));
    }

    #[test]
    fn excerpts_cut_on_chars() {
        assert_eq!(excerpt("短"), "短");
        assert_eq!(excerpt(&"长".repeat(20)), format!("{}…", "长".repeat(16)));
        assert_eq!(tail("一二三四五六七八"), "…三四五六七八");
        assert_eq!(tail("一二"), "一二");
    }

    #[test]
    fn line_count_ignores_the_final_newline() {
        assert_eq!(line_count(&decode::lines("a\nb\n")), 2);
        assert_eq!(line_count(&decode::lines("a\nb")), 2);
        assert_eq!(line_count(&decode::lines("")), 1);
    }

    #[test]
    fn problems_display_as_file_line_message() {
        let problem = Problem {
            file: PathBuf::from("briefs/x.yaml"),
            line: 120,
            message: "coverage: …".to_owned(),
        };
        assert_eq!(problem.to_string(), "briefs/x.yaml:120: coverage: …");
    }
}
