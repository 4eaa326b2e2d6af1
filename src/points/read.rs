//! Reading the talking-points file into what can be shown and whether it may be
//! written back, without changing anything on disk (the store decides that).

use serde_yaml::Value;
use std::path::Path;

use super::model::Point;
use crate::brief::load::{read_limited, yaml_message};

/// The fields a version-1 entry may have.
const KNOWN_FIELDS: [&str; 6] = ["ref", "paragraph", "note", "added", "quote", "fingerprint"];

/// What the file holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    /// A version-1 list (empty when the file does not exist or is empty).
    Points(Vec<Point>),
    /// Points to show from a file this version must not overwrite.
    ReadOnly { points: Vec<Point>, why: String },
    /// The file does not parse as version 1: `bytes` are its content, `salvaged` the
    /// entries that could be read, `line` where the first error is.
    Corrupt {
        bytes: Vec<u8>,
        salvaged: Vec<Point>,
        line: Option<usize>,
        message: String,
    },
}

/// Reads the points at `path`.
pub fn read(path: &Path) -> Read {
    if let Err(e) = std::fs::symlink_metadata(path)
        && matches!(
            e.kind(),
            std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
        )
    {
        // Nothing there to lose; whether it can be written shows on the first save.
        return Read::Points(Vec::new());
    }
    let bytes = match read_limited(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            return Read::ReadOnly {
                points: Vec::new(),
                why: format!("it could not be read ({})", error.message),
            };
        }
    };
    parse(bytes)
}

/// Classifies the content of a points file.
pub fn parse(bytes: Vec<u8>) -> Read {
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            let salvaged = salvage(&String::from_utf8_lossy(&bytes[..e.valid_up_to()]));
            return Read::Corrupt {
                salvaged,
                line: Some(line),
                message: "not UTF-8 text (cut off in the middle of a character?)".to_owned(),
                bytes,
            };
        }
    };
    // The common case, and the one whose errors carry a line.
    let typed = match serde_yaml::from_str::<Option<Vec<Point>>>(text) {
        Ok(points) => return Read::Points(points.unwrap_or_default()),
        Err(e) => e,
    };
    let line = typed.location().map(|l| l.line());
    let corrupt = |bytes: Vec<u8>, salvaged: Vec<Point>| Read::Corrupt {
        line,
        message: yaml_message(&typed),
        salvaged,
        bytes,
    };
    let value: Value = match serde_yaml::from_str(text) {
        Ok(value) => value,
        Err(_) => {
            let salvaged = salvage(text);
            return corrupt(bytes, salvaged);
        }
    };
    match value {
        Value::Mapping(map) => {
            let schema = map
                .get("schema")
                .map(describe)
                .unwrap_or_else(|| "no schema".to_owned());
            let points = map
                .get("points")
                .and_then(Value::as_sequence)
                .map(|entries| entries.iter().filter_map(lenient).collect())
                .unwrap_or_default();
            Read::ReadOnly {
                points,
                why: format!(
                    "it is a mapping ({schema}), not the list this version writes: a newer format"
                ),
            }
        }
        Value::Sequence(entries) => {
            let mut unknown: Vec<String> = entries.iter().flat_map(unknown_fields).collect();
            let points: Vec<Point> = entries.iter().filter_map(lenient).collect();
            // Fields we do not know mean a newer writer: its file is not ours to
            // rewrite, even if some entry is also damaged.
            if !unknown.is_empty() {
                unknown.sort();
                unknown.dedup();
                return Read::ReadOnly {
                    points,
                    why: format!(
                        "its entries have fields this version does not know ({}): a newer format",
                        unknown.join(", ")
                    ),
                };
            }
            corrupt(bytes, points)
        }
        _ => corrupt(bytes, Vec::new()),
    }
}

/// A scalar's YAML text, for messages.
fn describe(value: &Value) -> String {
    match value {
        Value::Number(n) => format!("schema {n}"),
        Value::String(s) => format!("schema {s}"),
        _ => "schema ?".to_owned(),
    }
}

/// The keys of an entry that version 1 does not know.
fn unknown_fields(entry: &Value) -> Vec<String> {
    let Some(map) = entry.as_mapping() else {
        return Vec::new();
    };
    map.keys()
        .map(|k| k.as_str().map_or_else(|| format!("{k:?}"), str::to_owned))
        .filter(|k| !KNOWN_FIELDS.contains(&k.as_str()))
        .collect()
}

/// An entry read with fields we do not know left out; `None` when even the known
/// fields do not make a point.
fn lenient(entry: &Value) -> Option<Point> {
    let mut map = entry.as_mapping()?.clone();
    map.retain(|k, _| k.as_str().is_some_and(|k| KNOWN_FIELDS.contains(&k)));
    let point: Point = serde_yaml::from_value(Value::Mapping(map)).ok()?;
    (!point.reference.is_empty()).then_some(point)
}

/// The entries of a damaged list that still parse: the text is cut where top-level
/// items start (`-` in the first column, as we write them) and each piece is read on
/// its own, so one damaged entry (or a cut-off end) costs only itself.
fn salvage(text: &str) -> Vec<Point> {
    let mut pieces: Vec<String> = Vec::new();
    for line in text.split_inclusive('\n') {
        if line.starts_with('-') || pieces.is_empty() {
            pieces.push(String::new());
        }
        if let Some(piece) = pieces.last_mut() {
            piece.push_str(line);
        }
    }
    pieces
        .iter()
        .filter_map(|piece| serde_yaml::from_str::<Vec<Value>>(piece).ok())
        .flatten()
        .filter(|entry| unknown_fields(entry).is_empty())
        .filter_map(|entry| lenient(&entry))
        .collect()
}
