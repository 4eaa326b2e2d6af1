//! Loading briefs from YAML with errors that name the file and line.
//!
//! Briefs are edited by hand, so every error must say where it is: `path:line: message`,
//! the form editors and terminals turn into a link.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::cache::{Cache, Session};
use super::{Brief, SCHEMA_VERSION};

mod guard;

/// Briefs are a few hundred kilobytes; anything this large is not a brief, and reading
/// it whole would only exhaust memory.
pub const MAX_BRIEF_BYTES: u64 = 64 * 1024 * 1024;

/// Files in a briefs directory that are not briefs.
const NOT_BRIEFS: [&str; 4] = [
    "themes.yaml",
    "metrics.yaml",
    "talking-points.yaml",
    "saved-views.yaml",
];

/// Why a brief could not be loaded, with where in the file, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    /// 1-based line, when the error has a position.
    pub line: Option<usize>,
    /// 1-based column, when the error has a position.
    pub column: Option<usize>,
    pub message: String,
}

impl LoadError {
    pub(crate) fn new(path: &Path, message: impl Into<String>) -> LoadError {
        LoadError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    fn at(
        path: &Path,
        line: usize,
        column: Option<usize>,
        message: impl Into<String>,
    ) -> LoadError {
        LoadError {
            line: Some(line),
            column,
            ..LoadError::new(path, message)
        }
    }

    /// A YAML or schema error, positioned where serde_yaml says it is.
    pub(crate) fn from_yaml(path: &Path, error: &serde_yaml::Error) -> LoadError {
        let message = yaml_message(error);
        match error.location() {
            Some(loc) => LoadError::at(path, loc.line(), Some(loc.column()), message),
            None => LoadError::new(path, message),
        }
    }
}

/// One line, with every control character shown as a visible symbol: file names and
/// YAML messages quote the file's own bytes, which must not reach a terminal as escape
/// sequences or break the one-error-per-line output.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self.line {
            Some(line) => format!("{}:{}: {}", self.path.display(), line, self.message),
            None => format!("{}: {}", self.path.display(), self.message),
        };
        f.write_str(&printable(&text))
    }
}

/// `text` as one printable line: control characters as their visible symbols (`␛`),
/// line breaks as `␊`.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    match crate::text::sanitize(text) {
        std::borrow::Cow::Borrowed(text) if !text.contains('\n') => {
            std::borrow::Cow::Borrowed(text)
        }
        sanitized => std::borrow::Cow::Owned(sanitized.replace('\n', "\u{240a}")),
    }
}

impl std::error::Error for LoadError {}

/// serde_yaml's message without its trailing " at line L column C": we show the
/// position in front, as `path:line:`, and saying it twice is noise.
pub(crate) fn yaml_message(error: &serde_yaml::Error) -> String {
    let text = error.to_string();
    // serde_yaml's own limits, said in terms of a brief.
    let text = if text.starts_with("recursion limit exceeded") {
        text.replacen(
            "recursion limit exceeded",
            "nested more than 128 levels deep (the YAML parser's limit); a brief needs a few",
            1,
        )
    } else if text.starts_with("repetition limit exceeded") {
        text.replacen(
            "repetition limit exceeded",
            "aliases expand too much (the YAML parser's limit); briefs use no aliases",
            1,
        )
    } else {
        text
    };
    match error.location() {
        Some(loc) => text.replacen(
            &format!(" at line {} column {}", loc.line(), loc.column()),
            "",
            1,
        ),
        None => text,
    }
}

/// Reads a file of at most `MAX_BRIEF_BYTES`, refusing larger ones before reading them.
pub(crate) fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    let file = std::fs::File::open(path).map_err(|e| LoadError::new(path, e.to_string()))?;
    let too_large = || {
        LoadError::new(
            path,
            format!("file is larger than {MAX_BRIEF_BYTES} bytes; not reading it"),
        )
    };
    let size = file.metadata().map_or(0, |meta| meta.len());
    if size > MAX_BRIEF_BYTES {
        return Err(too_large());
    }
    // The file may grow after the size check, so the read itself is bounded too. Sized
    // up front: growing the buffer by doubling would copy a large brief several times.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0) + 1);
    file.take(MAX_BRIEF_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError::new(path, e.to_string()))?;
    if bytes.len() as u64 > MAX_BRIEF_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Loads and validates the schema of one brief.
pub fn load_brief(path: &Path) -> Result<Brief, LoadError> {
    let text = read_text(path)?;
    parse_brief(path, &text)
}

/// The text of a YAML file: size-limited, and UTF-8 as YAML requires.
pub(crate) fn read_text(path: &Path) -> Result<String, LoadError> {
    text_of(path, read_limited(path)?)
}

/// `bytes` of the file `path` as text, or where they stop being UTF-8.
pub(crate) fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String, LoadError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = 1 + bytes
            .get(..valid)
            .unwrap_or(bytes)
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        LoadError::at(
            path,
            line,
            None,
            "not UTF-8 text; briefs are written in UTF-8",
        )
    })
}

/// Parses the text of a brief; `path` only names it in errors.
///
/// Text with YAML aliases or deeply nested flow collections is refused before it
/// reaches the YAML parser (`guard`): no brief has them, and they are how a small
/// file can cost gigabytes or minutes.
pub fn parse_brief(path: &Path, text: &str) -> Result<Brief, LoadError> {
    guard::check(text).map_err(|r| LoadError::at(path, r.line, None, r.message))?;
    match serde_yaml::from_str::<Brief>(text) {
        Ok(brief) if brief.schema == SCHEMA_VERSION => Ok(brief),
        Ok(brief) => Err(newer_schema(path, text, u64::from(brief.schema))),
        Err(typed) => Err(explain_failure(path, text, &typed)),
    }
}

/// Why a text is not a brief. An untyped parse first, so that "not a mapping" and
/// "newer schema" get their own messages instead of a confusing complaint about some
/// field; done only on failure, since parsing twice would double the cost of loading.
fn explain_failure(path: &Path, text: &str, typed: &serde_yaml::Error) -> LoadError {
    let value: serde_yaml::Value = match serde_yaml::from_str(text) {
        Ok(value) => value,
        Err(error) => return LoadError::from_yaml(path, &error),
    };
    let map = match &value {
        serde_yaml::Value::Mapping(map) => map,
        other => {
            return LoadError::at(
                path,
                1,
                None,
                format!(
                    "a brief is a YAML mapping (schema: 1, id: …), not {}",
                    describe(other)
                ),
            );
        }
    };
    match map.get("schema").and_then(serde_yaml::Value::as_u64) {
        Some(version) if version != u64::from(SCHEMA_VERSION) => newer_schema(path, text, version),
        _ => LoadError::from_yaml(path, typed),
    }
}

fn newer_schema(path: &Path, text: &str, version: u64) -> LoadError {
    let line = top_level_key_line(text, "schema").unwrap_or(1);
    LoadError::at(
        path,
        line,
        None,
        format!(
            "schema {version}: written by a newer brief? this build reads schema {SCHEMA_VERSION}"
        ),
    )
}

/// The line of `key:` at the start of a line (a top-level key), 1-based.
fn top_level_key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

fn describe(value: &serde_yaml::Value) -> &'static str {
    match value {
        serde_yaml::Value::Null => "an empty document",
        serde_yaml::Value::Bool(_) => "a boolean",
        serde_yaml::Value::Number(_) => "a number",
        serde_yaml::Value::String(_) => "a string",
        serde_yaml::Value::Sequence(_) => "a list",
        serde_yaml::Value::Mapping(_) => "a mapping",
        serde_yaml::Value::Tagged(_) => "a tagged value",
    }
}

/// True for the files of a briefs directory that hold briefs.
fn is_brief_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.ends_with(".yaml") && !NOT_BRIEFS.contains(&name) && path.is_file()
}

/// The brief files of `dir`, sorted by file name, or why the directory is unreadable.
pub(crate) fn brief_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let entries = std::fs::read_dir(dir).map_err(|e| LoadError::new(dir, e.to_string()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| is_brief_file(path))
        .collect();
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(files)
}

/// Loads every brief in `dir`, on all cores. A bad file does not stop the others:
/// the briefs that loaded come back, in file-name order, with the errors of those that
/// did not.
pub fn load_dir(dir: &Path) -> (Vec<(PathBuf, Brief)>, Vec<LoadError>) {
    load_dir_cached(dir, None)
}

/// `load_dir` through `cache` (see `cache.rs`): the same result, faster for a large
/// directory loaded before. A cache that cannot be written is silently skipped.
pub fn load_dir_cached(
    dir: &Path,
    cache: Option<&Cache>,
) -> (Vec<(PathBuf, Brief)>, Vec<LoadError>) {
    let files = match brief_files(dir) {
        Ok(files) => files,
        Err(error) => return (Vec::new(), vec![error]),
    };
    let session = open_session(dir, &files, cache);
    let results = in_parallel(&files, |order, path| {
        read_limited(path).and_then(|bytes| session.load(order, path, bytes))
    });
    let _ = session.finish();
    let mut briefs = Vec::new();
    let mut errors = Vec::new();
    for (path, result) in files.into_iter().zip(results) {
        match result {
            Ok(brief) => briefs.push((path, brief)),
            Err(error) => errors.push(error),
        }
    }
    (briefs, errors)
}

/// A cache session for `files` of `dir`, or a disabled one without a cache.
pub(crate) fn open_session(dir: &Path, files: &[PathBuf], cache: Option<&Cache>) -> Session {
    match cache {
        Some(cache) => {
            let total: u64 = files
                .iter()
                .filter_map(|f| std::fs::metadata(f).ok())
                .map(|m| m.len())
                .sum();
            cache.session(dir, total)
        }
        None => Session::disabled(),
    }
}

/// `work(i, item)` for every item, on as many threads as there are cores (each taking
/// the next item when done, so one large file does not hold the others back), with
/// the results in the order of `items`.
pub(crate) fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(usize, &T) -> R + Sync,
) -> Vec<R> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().enumerate().map(|(i, t)| work(i, t)).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let result = work(i, item);
                    if let Ok(mut slots) = slots.lock() {
                        slots[i] = Some(result);
                    }
                }
            });
        }
    });
    slots
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A fresh, empty directory under the system temp dir, removed on drop.
    pub(crate) struct TempDir(pub PathBuf);

    impl TempDir {
        pub(crate) fn new(tag: &str) -> TempDir {
            use std::sync::atomic::{AtomicUsize, Ordering};
            static COUNTER: AtomicUsize = AtomicUsize::new(0);
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let dir =
                std::env::temp_dir().join(format!("brief-test-{tag}-{}-{n}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }

        pub(crate) fn write(&self, name: &str, text: &str) -> PathBuf {
            let path = self.0.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).unwrap();
            }
            std::fs::write(&path, text).unwrap();
            path
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    const MINIMAL: &str = "schema: 1
id: tiny
title: 标题
city: null
level: null
kind: article
date: null
source:
  path: seeds/tiny.txt
  sha256: abc
  masked: false
";

    #[test]
    fn loads_a_minimal_brief() {
        let dir = TempDir::new("load-min");
        let path = dir.write("tiny.yaml", MINIMAL);
        let brief = load_brief(&path).unwrap();
        assert_eq!(brief.id, "tiny");
        assert!(brief.sections.is_empty());
    }

    #[test]
    fn syntax_error_has_file_and_line() {
        let dir = TempDir::new("load-syntax");
        let path = dir.write("bad.yaml", "schema: 1\nid: bad\ntitle: [unclosed\n");
        let err = load_brief(&path).unwrap_err();
        assert!(err.line.is_some(), "{err}");
        let shown = err.to_string();
        assert!(
            shown.starts_with(&format!("{}:", path.display())),
            "{shown}"
        );
        assert_eq!(err.line, Some(4));
        // The position is shown once, in front; the context mark (where the list
        // opened) stays, since it helps.
        assert!(
            !shown.contains("line 4 column"),
            "position said twice: {shown}"
        );
        assert!(shown.contains("line 3 column 8"), "{shown}");
    }

    #[test]
    fn schema_error_has_the_line_of_the_field() {
        let dir = TempDir::new("load-field");
        let text = MINIMAL.replace("kind: article", "kind: poem");
        let path = dir.write("tiny.yaml", &text);
        let err = load_brief(&path).unwrap_err();
        assert_eq!(err.line, Some(6));
        assert!(err.message.contains("poem"), "{err}");
        assert_eq!(
            err.to_string(),
            format!("{}:6: {}", path.display(), err.message)
        );
    }

    #[test]
    fn refuses_a_list() {
        let dir = TempDir::new("load-list");
        let path = dir.write("list.yaml", "- a\n- b\n");
        let err = load_brief(&path).unwrap_err();
        assert_eq!(err.line, Some(1));
        assert!(err.message.contains("not a list"), "{err}");
    }

    #[test]
    fn refuses_an_empty_file() {
        let dir = TempDir::new("load-empty");
        let path = dir.write("empty.yaml", "");
        let err = load_brief(&path).unwrap_err();
        assert!(err.message.contains("empty document"), "{err}");
    }

    #[test]
    fn refuses_a_newer_schema_naming_it() {
        let dir = TempDir::new("load-schema");
        let text = format!("# comment\n{}", MINIMAL.replace("schema: 1", "schema: 2"));
        let path = dir.write("tiny.yaml", &text);
        let err = load_brief(&path).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert_eq!(
            err.message,
            "schema 2: written by a newer brief? this build reads schema 1"
        );
    }

    #[test]
    fn refuses_non_utf8() {
        let dir = TempDir::new("load-bytes");
        let path = dir.0.join("gbk.yaml");
        std::fs::write(&path, b"schema: 1\nid: \xff\xfe\n").unwrap();
        let err = load_brief(&path).unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn refuses_a_huge_file_without_reading_it() {
        let dir = TempDir::new("load-huge");
        let path = dir.0.join("huge.yaml");
        // Sparse: the size is set, nothing is written.
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(MAX_BRIEF_BYTES + 1).unwrap();
        let err = load_brief(&path).unwrap_err();
        assert_eq!(err.line, None);
        assert!(err.message.contains("larger than"), "{err}");
    }

    #[test]
    fn missing_file_is_an_error_not_a_panic() {
        let err = load_brief(Path::new("/nonexistent/brief/x.yaml")).unwrap_err();
        assert_eq!(err.line, None);
        assert!(err.to_string().starts_with("/nonexistent/brief/x.yaml: "));
    }

    #[test]
    fn load_dir_sorts_skips_non_briefs_and_keeps_going() {
        let dir = TempDir::new("load-dir");
        dir.write("b.yaml", &MINIMAL.replace("id: tiny", "id: b"));
        dir.write("a.yaml", &MINIMAL.replace("id: tiny", "id: a"));
        dir.write("c.yaml", "schema: [\n");
        dir.write("d.yaml", "- 1\n");
        dir.write("themes.yaml", "- id: general\n  label: 综合\n");
        dir.write("talking-points.yaml", "[]\n");
        dir.write("notes.txt", "not yaml");
        let (briefs, errors) = load_dir(&dir.0);
        let ids: Vec<&str> = briefs.iter().map(|(_, b)| b.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(briefs[0].0, dir.0.join("a.yaml"));
        let failed: Vec<PathBuf> = errors.iter().map(|e| e.path.clone()).collect();
        assert_eq!(failed, [dir.0.join("c.yaml"), dir.0.join("d.yaml")]);
    }

    #[test]
    fn load_dir_on_a_missing_directory_reports_it() {
        let (briefs, errors) = load_dir(Path::new("/nonexistent/briefs"));
        assert!(briefs.is_empty());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, Path::new("/nonexistent/briefs"));
    }
}
