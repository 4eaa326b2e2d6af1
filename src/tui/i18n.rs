//! Interface labels in Chinese and English. The language comes from `--lang`, else
//! from the locale (LC_ALL, LC_MESSAGES, LANG): Chinese for zh_*, English otherwise.

use crate::brief::{DocKind, FigureKind, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// The language the environment asks for.
    pub fn detect(env: impl Fn(&str) -> Option<String>) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| env(k).filter(|v| !v.is_empty()))
            .unwrap_or_default();
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    pub fn parse(text: &str) -> Option<Lang> {
        match text {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the label for this language.
    pub fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    pub fn kind(self, kind: DocKind) -> &'static str {
        match kind {
            DocKind::Speech => self.pick("讲话", "speech"),
            DocKind::Article => self.pick("文章", "article"),
            DocKind::Qa => self.pick("问答", "Q&A"),
            DocKind::WorkReport => self.pick("工作报告", "work report"),
            DocKind::Plan => self.pick("规划", "plan"),
        }
    }

    pub fn figure_kind(self, kind: FigureKind) -> &'static str {
        match kind {
            FigureKind::Actual => self.pick("实际", "actual"),
            FigureKind::Target => self.pick("目标", "target"),
            FigureKind::Masked => self.pick("隐去", "masked"),
        }
    }

    pub fn status(self, status: Status) -> &'static str {
        match status {
            Status::Done => self.pick("已完成", "done"),
            Status::Planned => self.pick("计划", "planned"),
            Status::Ongoing => self.pick("进行中", "ongoing"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_decides_the_default() {
        let env = |v: &'static str| move |k: &str| (k == "LANG").then(|| v.to_owned());
        assert_eq!(Lang::detect(env("zh_CN.UTF-8")), Lang::Zh);
        assert_eq!(Lang::detect(env("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::detect(|_: &str| None), Lang::En);
        let all = |k: &str| match k {
            "LC_ALL" => Some("en_GB.UTF-8".to_owned()),
            "LANG" => Some("zh_TW.UTF-8".to_owned()),
            _ => None,
        };
        assert_eq!(Lang::detect(all), Lang::En, "LC_ALL wins over LANG");
    }
}
