//! The talking-points file: read without ever losing what is in it, saved atomically
//! on every change, and never overwritten when it holds something we do not
//! understand.
//!
//! Version 1 of the file is the bare YAML list of BRIEFS.md. That is also how it marks
//! its version: a later format that needs more than entries will be a mapping
//! (`{schema: 2, points: […]}`), and this version opens any mapping, or any entry with
//! a field it does not know, read-only.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::clock;
use super::model::Point;
use crate::util::write_atomically;

/// The file name in a briefs root and in the data directory.
pub const FILE_NAME: &str = "talking-points.yaml";

/// Where the points live: `$BRIEF_POINTS`; else `<root>/talking-points.yaml`, `root`
/// being the directory that holds `briefs/`; else `$XDG_DATA_HOME/brief/`, else
/// `~/.local/share/brief/`; with no home at all, the current directory.
pub fn default_path(root: Option<&Path>, env: impl Fn(&str) -> Option<String>) -> PathBuf {
    let set = |key: &str| env(key).filter(|v| !v.is_empty());
    if let Some(path) = set("BRIEF_POINTS") {
        return PathBuf::from(path);
    }
    if let Some(root) = root {
        return root.join(FILE_NAME);
    }
    let data = set("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| set("HOME").map(|home| Path::new(&home).join(".local/share")));
    match data {
        Some(dir) => dir.join("brief").join(FILE_NAME),
        None => PathBuf::from(FILE_NAME),
    }
}

/// Whether changes reach the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Writable,
    /// The file must not be overwritten (a newer format, or it could not be read);
    /// changes stay in memory.
    ReadOnly {
        why: String,
    },
}

/// Something the user should be told once, after opening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub path: PathBuf,
    pub kind: NoticeKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeKind {
    /// The file did not parse. Its bytes were copied to `backup` (or the copy failed
    /// with the message in `Err`, and the file will not be overwritten until a copy
    /// succeeds); `salvaged` entries were read from the parts that did parse.
    Corrupt {
        line: Option<usize>,
        message: String,
        backup: Result<PathBuf, String>,
        salvaged: usize,
    },
    /// The file is shown but will not be written: see `why`.
    ReadOnly { why: String },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.kind {
            NoticeKind::Corrupt {
                line,
                message,
                backup,
                salvaged,
            } => {
                match line {
                    Some(line) => write!(f, "{path}:{line}: {message}")?,
                    None => write!(f, "{path}: {message}")?,
                }
                match backup {
                    Ok(copy) => write!(f, "; the file was copied to {}", copy.display())?,
                    Err(e) => write!(
                        f,
                        "; copying it aside failed ({e}), so it will not be overwritten"
                    )?,
                }
                write!(
                    f,
                    "; going on with the {salvaged} point(s) that could be read"
                )
            }
            NoticeKind::ReadOnly { why } => {
                write!(f, "{path}: {why}; changes will not be saved")
            }
        }
    }
}

/// A change that was made in memory but could not be written.
#[derive(Debug)]
pub enum SaveError {
    /// The store is read-only (see [`Mode::ReadOnly`]).
    ReadOnly { path: PathBuf, why: String },
    /// Writing failed; the next change tries again.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::ReadOnly { path, why } => {
                write!(
                    f,
                    "not saved to {}: {why}; the change is kept until you quit",
                    path.display()
                )
            }
            SaveError::Io { path, error } => write!(
                f,
                "could not save {}: {error}; the change is kept and saving is retried on the next one",
                path.display()
            ),
        }
    }
}

impl std::error::Error for SaveError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SaveError::Io { error, .. } => Some(error),
            SaveError::ReadOnly { .. } => None,
        }
    }
}

/// The user's talking points, in their order, tied to the file they are saved in.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    points: Vec<Point>,
    mode: Mode,
    /// The bytes of a corrupt file that still have to be copied aside before the file
    /// may be overwritten (the copy failed at open).
    pending_backup: Option<Vec<u8>>,
    /// False when memory holds changes the file does not.
    saved: bool,
}

impl Store {
    /// Opens the points at `path`. Never fails: a missing file is an empty list; a
    /// corrupt one is copied aside and what could be read is kept; a newer or
    /// unreadable one is opened read-only. The notice says what happened, when
    /// anything did.
    pub fn open(path: &Path) -> (Store, Option<Notice>) {
        Store::open_at(path, SystemTime::now())
    }

    /// [`Store::open`] with the time that names a backup.
    pub fn open_at(path: &Path, now: SystemTime) -> (Store, Option<Notice>) {
        let mut store = Store {
            path: path.to_path_buf(),
            points: Vec::new(),
            mode: Mode::Writable,
            pending_backup: None,
            saved: true,
        };
        let notice = match super::read::read(path) {
            super::read::Read::Points(points) => {
                store.points = points;
                None
            }
            super::read::Read::ReadOnly { points, why } => {
                store.points = points;
                store.mode = Mode::ReadOnly { why: why.clone() };
                Some(NoticeKind::ReadOnly { why })
            }
            super::read::Read::Corrupt {
                bytes,
                salvaged,
                line,
                message,
            } => {
                let backup = backup(path, &bytes, now);
                if backup.is_err() {
                    store.pending_backup = Some(bytes);
                }
                let notice = NoticeKind::Corrupt {
                    line,
                    message,
                    backup,
                    salvaged: salvaged.len(),
                };
                store.points = salvaged;
                Some(notice)
            }
        };
        let notice = notice.map(|kind| Notice {
            path: path.to_path_buf(),
            kind,
        });
        (store, notice)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn points(&self) -> &[Point] {
        &self.points
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// True when the file holds every change made (false after a failed save).
    pub fn is_saved(&self) -> bool {
        self.saved
    }

    /// The index of the point on `reference` (and `paragraph`), if collected.
    pub fn contains(&self, reference: &str, paragraph: Option<u32>) -> Option<usize> {
        self.points
            .iter()
            .position(|p| p.reference == reference && p.paragraph == paragraph)
    }

    /// Appends `point`, and saves.
    pub fn add(&mut self, point: Point) -> Result<(), SaveError> {
        self.points.push(point);
        self.changed()
    }

    /// Removes point `i`, and saves; an index out of range changes nothing.
    pub fn remove(&mut self, i: usize) -> Result<(), SaveError> {
        if i >= self.points.len() {
            return Ok(());
        }
        self.points.remove(i);
        self.changed()
    }

    /// Moves point `from` to position `to` (clamped to the end), and saves; nothing
    /// happens when `from` is out of range or equals `to`.
    pub fn move_to(&mut self, from: usize, to: usize) -> Result<(), SaveError> {
        let to = to.min(self.points.len().saturating_sub(1));
        if from >= self.points.len() || from == to {
            return Ok(());
        }
        let point = self.points.remove(from);
        self.points.insert(to, point);
        self.changed()
    }

    /// Moves point `i` one place up (towards the start).
    pub fn move_up(&mut self, i: usize) -> Result<(), SaveError> {
        match i.checked_sub(1) {
            Some(to) => self.move_to(i, to),
            None => Ok(()),
        }
    }

    /// Moves point `i` one place down (towards the end).
    pub fn move_down(&mut self, i: usize) -> Result<(), SaveError> {
        if i + 1 >= self.points.len() {
            return Ok(());
        }
        self.move_to(i, i + 1)
    }

    /// Sets the note of point `i` (`None` or blank text removes it), and saves.
    pub fn set_note(&mut self, i: usize, note: Option<String>) -> Result<(), SaveError> {
        let Some(point) = self.points.get_mut(i) else {
            return Ok(());
        };
        let note = note.filter(|n| !n.trim().is_empty());
        if point.note == note {
            return Ok(());
        }
        point.note = note;
        self.changed()
    }

    /// Writes the points now (after a failed save, to retry without a change).
    pub fn save(&mut self) -> Result<(), SaveError> {
        if let Mode::ReadOnly { why } = &self.mode {
            return Err(SaveError::ReadOnly {
                path: self.path.clone(),
                why: why.clone(),
            });
        }
        let io = |error| SaveError::Io {
            path: self.path.clone(),
            error,
        };
        if let Some(bytes) = &self.pending_backup {
            backup(&self.path, bytes, SystemTime::now()).map_err(|e| {
                io(std::io::Error::other(format!(
                    "{e}; not overwriting the unreadable file before it is copied aside"
                )))
            })?;
            self.pending_backup = None;
        }
        let yaml = serde_yaml::to_string(&self.points).map_err(|e| io(std::io::Error::other(e)))?;
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        write_atomically(&self.path, yaml.as_bytes()).map_err(io)?;
        self.saved = true;
        Ok(())
    }

    fn changed(&mut self) -> Result<(), SaveError> {
        self.saved = false;
        self.save()
    }
}

/// Copies `bytes` (a file that did not parse) to `<path>.bak-<UTC stamp>` beside it,
/// adding `-2`, `-3` … rather than ever replacing an earlier copy.
fn backup(path: &Path, bytes: &[u8], now: SystemTime) -> Result<PathBuf, String> {
    use std::io::Write;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| FILE_NAME.to_owned());
    let stem = format!("{name}.bak-{}", clock::file_stamp(now));
    for n in 1..1000 {
        let candidate = match n {
            1 => path.with_file_name(&stem),
            _ => path.with_file_name(format!("{stem}-{n}")),
        };
        // create_new fails if the name is taken, so an earlier copy is never replaced.
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(mut file) => {
                let written = file.write_all(bytes).and_then(|()| file.sync_all());
                return match written {
                    Ok(()) => Ok(candidate),
                    Err(e) => {
                        // A partial copy would pass for a backup; the next try starts afresh.
                        let _ = std::fs::remove_file(&candidate);
                        Err(format!("{}: {e}", candidate.display()))
                    }
                };
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(format!("{}: {e}", candidate.display())),
        }
    }
    Err(format!("{}: too many backups already", path.display()))
}
