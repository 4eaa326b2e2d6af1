//! Converting many files: finding sources and their sidecars, converting them in
//! parallel (one document per core at a time), giving every brief a unique id, and
//! writing each brief atomically. A file that fails does not stop the others.

use super::explain::Explain;
use super::meta::Sidecar;
use super::{Input, convert};
use crate::brief::Brief;
use crate::themes::Taxonomy;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The result of converting one source file.
pub struct Outcome {
    pub source: PathBuf,
    pub result: Result<(Brief, Explain), String>,
}

/// Every `*.txt` in `dir`, sorted by name so the output order is stable.
pub fn sources_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt") && p.is_file())
        .collect();
    found.sort();
    Ok(found)
}

/// `seeds/x.meta.yaml` (or `seeds/x.txt.meta.yaml`) beside `seeds/x.txt`.
pub fn sidecar_path(source: &Path) -> Option<PathBuf> {
    let stem = source.file_stem()?.to_string_lossy().into_owned();
    let name = source.file_name()?.to_string_lossy().into_owned();
    let dir = source.parent().unwrap_or(Path::new(""));
    [format!("{stem}.meta.yaml"), format!("{name}.meta.yaml")]
        .into_iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
}

/// Reads the sidecar of `source`, if it has one; errors name the file and line.
pub fn read_sidecar(source: &Path) -> Result<Sidecar, String> {
    let Some(path) = sidecar_path(source) else {
        return Ok(Sidecar::default());
    };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_yaml::from_str(&text).map_err(|e| {
        let line = e.location().map(|l| l.line()).unwrap_or(1);
        format!("{}:{line}: {e}", path.display())
    })
}

/// `source` relative to `root` with `/` separators, as `source.path` wants it.
pub fn relative_path(source: &Path, root: &Path) -> String {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let source_abs = canonical(source);
    let relative = source_abs
        .strip_prefix(canonical(root))
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| source.to_path_buf());
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Converts one file; `explain` also records the `--explain` report.
pub fn convert_file(
    source: &Path,
    root: &Path,
    taxonomy: &Taxonomy,
    explain: bool,
) -> Result<(Brief, Explain), String> {
    let bytes = std::fs::read(source).map_err(|e| format!("{}: {e}", source.display()))?;
    let sidecar = read_sidecar(source)?;
    let input = Input {
        source_path: relative_path(source, root),
        stem: source
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        sidecar,
        taxonomy,
        explain,
    };
    let converted = convert(&bytes, &input).map_err(|e| format!("{}:{e}", source.display()))?;
    Ok((converted.brief, converted.explain))
}

/// Converts `sources` on all cores; the outcomes come back in the order of `sources`,
/// with ids made unique (a second `wuhan-2021-plan` becomes `wuhan-2021-plan-2`).
pub fn convert_all(sources: &[PathBuf], root: &Path, taxonomy: &Taxonomy) -> Vec<Outcome> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(sources.len().max(1));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> =
        Mutex::new((0..sources.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(source) = sources.get(index) else {
                        break;
                    };
                    let result = convert_file(source, root, taxonomy, false);
                    let outcome = Outcome {
                        source: source.clone(),
                        result,
                    };
                    if let Ok(mut slots) = results.lock() {
                        slots[index] = Some(outcome);
                    }
                }
            });
        }
    });
    let mut outcomes: Vec<Outcome> = results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect();
    make_ids_unique(&mut outcomes);
    outcomes
}

fn make_ids_unique(outcomes: &mut [Outcome]) {
    let mut seen = std::collections::HashSet::new();
    for outcome in outcomes.iter_mut() {
        if let Ok((brief, _)) = &mut outcome.result {
            let base = brief.id.clone();
            let mut n = 1;
            while !seen.insert(brief.id.clone()) {
                n += 1;
                brief.id = format!("{base}-{n}");
            }
        }
    }
}

/// The YAML text of a brief, with a header saying where it came from.
pub fn to_yaml(brief: &Brief) -> Result<String, serde_yaml::Error> {
    let body = serde_yaml::to_string(brief)?;
    Ok(format!(
        "# Generated by `brief convert` from {}. Edit the source or its sidecar and convert again.\n{body}",
        brief.source.path
    ))
}

/// Writes `brief` as `<out_dir>/<id>.yaml`, atomically, and only when it changed.
pub fn write_brief(brief: &Brief, out_dir: &Path) -> Result<PathBuf, String> {
    let path = out_dir.join(format!("{}.yaml", brief.id));
    let yaml = to_yaml(brief).map_err(|e| format!("{}: {e}", path.display()))?;
    if std::fs::read(&path).is_ok_and(|old| old == yaml.as_bytes()) {
        return Ok(path);
    }
    crate::util::write_atomically(&path, yaml.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}
