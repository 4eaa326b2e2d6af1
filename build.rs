//! Embeds the briefs of `briefs/` in the binary, so `brief` opens on them from any
//! directory where there is no `briefs/` of the user's own.

use std::fmt::Write;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=briefs");
    let dir = Path::new("briefs");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".yaml") && n != "themes.yaml" && n != "metrics.yaml")
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from(
        "/// `(file name, YAML)` of every brief in `briefs/` at build time.\npub const EMBEDDED: &[(&str, &str)] = &[\n",
    );
    for name in &names {
        println!("cargo:rerun-if-changed=briefs/{name}");
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/briefs/{name}\"))),"
        );
    }
    code.push_str("];\n");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("embedded.rs"), code).expect("OUT_DIR is writable");
}
