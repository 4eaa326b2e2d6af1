//! Named sets of measure filters ("logistics in Zhejiang cities"), saved in a YAML
//! file next to the talking points so a view used last week is one key away.
//!
//! The file is a list of `{name, filter}`; saving a name again replaces that view.
//! A file that does not parse is never overwritten: the views in it stay on disk,
//! the viewer says so and keeps new views in memory only.

use crate::query::MeasureFilter;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file name, beside `talking-points.yaml`.
pub const FILE_NAME: &str = "saved-views.yaml";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedView {
    pub name: String,
    pub filter: MeasureFilter,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SavedViews {
    /// `None`: kept in memory only (no file, or a file we must not overwrite).
    path: Option<PathBuf>,
    pub views: Vec<SavedView>,
}

impl SavedViews {
    pub fn in_memory() -> SavedViews {
        SavedViews::default()
    }

    /// The views in `path`; a missing file is none. A file that cannot be read is
    /// left alone and the message says why (`file:line: …`).
    pub fn open(path: &Path) -> (SavedViews, Option<String>) {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (
                    SavedViews {
                        path: Some(path.to_path_buf()),
                        views: Vec::new(),
                    },
                    None,
                );
            }
            Err(e) => {
                return (
                    SavedViews::default(),
                    Some(format!("{}: {e}", path.display())),
                );
            }
        };
        match serde_yaml::from_str::<Option<Vec<SavedView>>>(&text) {
            Ok(views) => (
                SavedViews {
                    path: Some(path.to_path_buf()),
                    views: views.unwrap_or_default(),
                },
                None,
            ),
            Err(e) => {
                let line = e
                    .location()
                    .map_or(String::new(), |l| format!(":{}", l.line()));
                let message = format!(
                    "{}{line}: {e}; saved views are kept in memory only, the file is left as it is",
                    path.display()
                );
                (SavedViews::default(), Some(message))
            }
        }
    }

    /// Saves `filter` as `name` (replacing a view of that name) and writes the file.
    pub fn save(&mut self, name: &str, filter: &MeasureFilter) -> std::io::Result<()> {
        let view = SavedView {
            name: name.trim().to_owned(),
            filter: filter.clone(),
        };
        match self.views.iter_mut().find(|v| v.name == view.name) {
            Some(existing) => *existing = view,
            None => self.views.push(view),
        }
        self.write()
    }

    pub fn remove(&mut self, name: &str) -> std::io::Result<()> {
        self.views.retain(|v| v.name != name);
        self.write()
    }

    pub fn get(&self, name: &str) -> Option<&SavedView> {
        self.views.iter().find(|v| v.name == name)
    }

    fn write(&self) -> std::io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let yaml = serde_yaml::to_string(&self.views).map_err(std::io::Error::other)?;
        crate::util::write_atomically(path, yaml.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::Status;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("brief-views-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(FILE_NAME)
    }

    #[test]
    fn views_survive_a_reopen_and_a_name_is_replaced() {
        let path = temp("reopen");
        let (mut views, notice) = SavedViews::open(&path);
        assert!(notice.is_none());
        let mut filter = MeasureFilter::default();
        filter.themes.insert("logistics".into());
        filter.cities.insert("义乌".into());
        views.save("浙江物流", &filter).unwrap();
        filter.statuses.insert(Status::Planned);
        views.save(" 浙江物流 ", &filter).unwrap();
        views.save("会展", &MeasureFilter::default()).unwrap();
        let (again, _) = SavedViews::open(&path);
        assert_eq!(again.views.len(), 2);
        assert_eq!(again.get("浙江物流").unwrap().filter, filter);
        let mut again = again;
        again.remove("会展").unwrap();
        assert_eq!(SavedViews::open(&path).0.views.len(), 1);
    }

    #[test]
    fn a_file_that_does_not_parse_is_left_alone() {
        let path = temp("corrupt");
        std::fs::write(&path, "- name: x\n  filter: [unclosed\n").unwrap();
        let (mut views, notice) = SavedViews::open(&path);
        let notice = notice.expect("told");
        assert!(
            notice.contains(FILE_NAME) && notice.contains(":2"),
            "{notice}"
        );
        views.save("new", &MeasureFilter::default()).unwrap();
        assert_eq!(views.views.len(), 1, "kept in memory");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "- name: x\n  filter: [unclosed\n"
        );
    }
}
