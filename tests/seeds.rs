//! The briefs in `briefs/` are exactly what the converter makes of `seeds/`, and they
//! satisfy every rule of the format. Regenerate with `cargo run --release -- convert`.

use brief::convert::batch;
use brief::themes::Taxonomy;
use std::collections::BTreeSet;
use std::path::Path;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn converted() -> Vec<(String, String)> {
    let sources = batch::sources_in(&repo().join("seeds")).unwrap();
    assert_eq!(sources.len(), 5, "five seed documents");
    let taxonomy = Taxonomy::load(&repo().join("briefs/themes.yaml")).unwrap();
    batch::convert_all(&sources, repo(), &taxonomy)
        .into_iter()
        .map(|outcome| {
            let (brief, _) = outcome.result.unwrap();
            (
                format!("{}.yaml", brief.id),
                batch::to_yaml(&brief).unwrap(),
            )
        })
        .collect()
}

#[test]
fn committed_briefs_match_a_fresh_conversion() {
    let fresh = converted();
    for (name, yaml) in &fresh {
        let committed = std::fs::read_to_string(repo().join("briefs").join(name))
            .unwrap_or_else(|e| panic!("briefs/{name}: {e}; run `cargo run --release -- convert`"));
        assert!(
            committed == *yaml,
            "briefs/{name} differs from a fresh conversion; run `cargo run --release -- convert` and review the diff"
        );
    }
    let produced: BTreeSet<&str> = fresh.iter().map(|(n, _)| n.as_str()).collect();
    for entry in std::fs::read_dir(repo().join("briefs")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".yaml") && name != "themes.yaml" && name != "metrics.yaml" {
            assert!(
                produced.contains(name.as_str()),
                "briefs/{name} has no source in seeds/"
            );
        }
    }
}

#[test]
fn conversion_is_deterministic() {
    assert_eq!(converted(), converted());
}

#[test]
fn expected_briefs_exist() {
    let names: BTreeSet<String> = converted().into_iter().map(|(n, _)| n).collect();
    let expected: BTreeSet<String> = [
        "linyi-2015-speech.yaml",
        "xuzhou-2017-article.yaml",
        "yiwu-2024-qa.yaml",
        "lucheng-2023-work-report.yaml",
        "wuhan-2021-plan.yaml",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(names, expected);
}

#[test]
fn committed_briefs_pass_every_check() {
    let report = brief::brief::check::check_dir(&repo().join("briefs"));
    let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(report.files_checked, 5);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// A scratch copy of the repository's seeds and briefs that a test may break.
fn scratch_copy(name: &str) -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("brief-seeds-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for dir in ["seeds", "briefs"] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
        for entry in std::fs::read_dir(repo().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, root.join(dir).join(path.file_name().unwrap())).unwrap();
        }
    }
    root
}

#[test]
fn check_reports_every_broken_file_with_its_line() {
    let root = scratch_copy("broken");
    let yiwu = root.join("briefs/yiwu-2024-qa.yaml");
    let text = std::fs::read_to_string(&yiwu).unwrap();
    // A figure whose quote the source never says, and a theme nobody defined.
    let text = text.replacen(
        "quote: 义乌市进出口额2645.0亿元",
        "quote: 义乌市进出口额9999.0亿元",
        1,
    );
    let text = text.replacen("- logistics", "- teleportation", 1);
    std::fs::write(&yiwu, text).unwrap();
    let wuhan = root.join("briefs/wuhan-2021-plan.yaml");
    let text = std::fs::read_to_string(&wuhan).unwrap().replacen(
        "heading: 一、发展基础",
        "heading: 一、发展成就",
        1,
    );
    std::fs::write(&wuhan, text).unwrap();

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(&root)
        .arg("check")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("briefs/yiwu-2024-qa.yaml:") && l.contains("9999.0")),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("briefs/yiwu-2024-qa.yaml:") && l.contains("teleportation")),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("briefs/wuhan-2021-plan.yaml:") && l.contains("一、发展成就")),
        "{stdout}"
    );
    // Every problem names a line: file:N: message.
    for line in &lines {
        let mut parts = line.splitn(3, ':');
        let (_, number) = (parts.next(), parts.next().unwrap_or(""));
        assert!(number.parse::<usize>().is_ok(), "no line number in {line}");
    }
    let _ = std::fs::remove_dir_all(&root);
}
