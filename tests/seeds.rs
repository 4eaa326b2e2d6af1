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
        if name.ends_with(".yaml") && name != "themes.yaml" {
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
