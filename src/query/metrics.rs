//! Metric groups (`briefs/metrics.yaml`): the wordings under which documents quote
//! the same quantity (进出口额, 外贸进出口总额, 货物贸易进出口 …), so the figures
//! table can put one city's 进出口总额 beside another's 进出口额. Users edit the file;
//! a copy is built into the program for when there is none.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::brief::Figure;
use crate::brief::load::LoadError;
use crate::query::fold::fold;

/// The groups shipped with the binary, from `briefs/metrics.yaml`.
pub const BUILTIN_METRICS_YAML: &str = include_str!("../../briefs/metrics.yaml");

/// One entry of `metrics.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricGroup {
    pub label: String,
    #[serde(default)]
    pub label_en: Option<String>,
    /// Base units a figure must have to join (empty: any unit).
    #[serde(default)]
    pub units: Vec<String>,
    /// The wordings; a metric equal to one or ending with one belongs to the group.
    pub metrics: Vec<String>,
}

/// The groups, with every wording folded and indexed by its last character so that
/// finding a metric's group looks at a handful of wordings, not all of them.
#[derive(Debug, Clone)]
pub struct MetricGroups {
    groups: Vec<MetricGroup>,
    /// Folded wording → group, bucketed by the wording's last character.
    by_last_char: HashMap<char, Vec<(String, usize)>>,
}

impl MetricGroups {
    pub fn new(groups: Vec<MetricGroup>) -> MetricGroups {
        let mut by_last_char: HashMap<char, Vec<(String, usize)>> = HashMap::new();
        for (i, group) in groups.iter().enumerate() {
            for wording in &group.metrics {
                let folded = fold(wording.trim());
                if let Some(last) = folded.chars().next_back() {
                    by_last_char.entry(last).or_default().push((folded, i));
                }
            }
        }
        MetricGroups {
            groups,
            by_last_char,
        }
    }

    /// The groups built into the program.
    pub fn builtin() -> MetricGroups {
        MetricGroups::parse(BUILTIN_METRICS_YAML).expect("built-in metrics.yaml is valid")
    }

    pub fn parse(yaml: &str) -> Result<MetricGroups, serde_yaml::Error> {
        Ok(MetricGroups::new(serde_yaml::from_str(yaml)?))
    }

    /// Reads and validates a user's `metrics.yaml`; errors name the file and, for
    /// YAML errors, the line.
    pub fn load(path: &Path) -> Result<MetricGroups, LoadError> {
        let yaml =
            std::fs::read_to_string(path).map_err(|e| LoadError::new(path, e.to_string()))?;
        let groups = MetricGroups::parse(&yaml).map_err(|e| LoadError::from_yaml(path, &e))?;
        let problems = groups.validate();
        if problems.is_empty() {
            Ok(groups)
        } else {
            Err(LoadError::new(path, problems.join("; ")))
        }
    }

    /// What makes the groups unusable: an empty label, a group without wordings, an
    /// empty wording, or a wording in two groups (which group would it mean?).
    pub fn validate(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut first_group: HashMap<String, usize> = HashMap::new();
        for (i, group) in self.groups.iter().enumerate() {
            let n = i + 1;
            if group.label.trim().is_empty() {
                problems.push(format!("group {n}: empty label"));
            }
            if group.metrics.is_empty() {
                problems.push(format!("group {n} ({}): no metrics", group.label));
            }
            for wording in &group.metrics {
                let folded = fold(wording.trim());
                if folded.is_empty() {
                    problems.push(format!("group {n} ({}): empty metric", group.label));
                    continue;
                }
                match first_group.get(&folded) {
                    Some(&other) if other != i => problems.push(format!(
                        "group {n} ({}): metric {wording:?} is also in group {} ({})",
                        group.label,
                        other + 1,
                        self.groups[other].label
                    )),
                    _ => {
                        first_group.insert(folded, i);
                    }
                }
            }
        }
        problems
    }

    /// The group of a metric, by its wording alone: the group of the longest wording
    /// that the metric equals or ends with.
    pub fn group_of(&self, metric: &str) -> Option<usize> {
        let folded = fold(metric.trim());
        let trimmed =
            folded.trim_end_matches(|c: char| c.is_whitespace() || "\"'”’」』".contains(c));
        let last = trimmed.chars().next_back()?;
        self.by_last_char
            .get(&last)?
            .iter()
            .filter(|(wording, _)| trimmed.ends_with(wording.as_str()))
            .max_by_key(|(wording, group)| (wording.len(), std::cmp::Reverse(*group)))
            .map(|&(_, group)| group)
    }

    /// The group of a figure: by its metric, if its base unit is one the group allows.
    pub fn group_of_figure(&self, figure: &Figure) -> Option<usize> {
        let group = self.group_of(&figure.metric)?;
        let units = &self.groups[group].units;
        (units.is_empty() || units.iter().any(|u| u == &figure.base_unit)).then_some(group)
    }

    /// The label of a group, as shown in tables.
    pub fn label(&self, group: usize) -> &str {
        self.groups.get(group).map_or("", |g| g.label.as_str())
    }

    pub fn groups(&self) -> &[MetricGroup] {
        &self.groups
    }

    pub fn len(&self) -> usize {
        self.groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

impl Default for MetricGroups {
    fn default() -> MetricGroups {
        MetricGroups::builtin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_groups_are_valid() {
        let groups = MetricGroups::builtin();
        assert!(groups.len() >= 15);
        assert_eq!(groups.validate(), Vec::<String>::new());
    }

    #[test]
    fn longest_ending_wins() {
        let groups = MetricGroups::builtin();
        let label = |metric: &str| groups.group_of(metric).map(|g| groups.label(g));
        assert_eq!(label("义乌市进出口额"), Some("进出口额"));
        assert_eq!(label("外贸进出口总额"), Some("进出口额"));
        assert_eq!(label("货物贸易进出口"), Some("进出口额"));
        assert_eq!(label("出口额"), Some("出口额"));
        assert_eq!(label("跨境电商综试区出口"), Some("跨境电商交易额"));
        assert_eq!(label("市场采购贸易试点出口"), Some("市场采购贸易出口"));
        assert_eq!(label("社零额"), Some("社会消费品零售总额"));
        assert_eq!(label("义乌开行“义新欧”班列"), Some("中欧班列开行"));
        assert_eq!(label("对东盟进出口额占比"), None);
        assert_eq!(label("实际利用外资年均增长"), None);
        assert_eq!(label(""), None);
    }

    #[test]
    fn a_duplicate_wording_is_reported() {
        let groups = MetricGroups::parse(
            "- {label: a, metrics: [进出口额]}\n- {label: b, metrics: [出口, 进出口额]}\n- {label: '', metrics: []}\n",
        )
        .unwrap();
        let problems = groups.validate();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].contains("also in group 1"), "{problems:?}");
    }

    #[test]
    fn load_errors_name_the_file_and_line() {
        let dir = std::env::temp_dir().join(format!("brief-metrics-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("metrics.yaml");
        std::fs::write(&path, "- label: a\n  metrics: [x]\n  colour: red\n").unwrap();
        let err = MetricGroups::load(&path).unwrap_err();
        assert_eq!(err.line, Some(3), "{err}");
        std::fs::write(&path, "- label: a\n  metrics: [进口]\n").unwrap();
        assert_eq!(MetricGroups::load(&path).unwrap().len(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
