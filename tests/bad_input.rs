//! Hostile and degenerate inputs: each gives a valid brief or a clear error naming
//! the file and line, and nothing panics. Runs the real binary, as a user would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch repository: `seeds/` for sources, `briefs/` for output.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Scratch {
        let root =
            std::env::temp_dir().join(format!("brief-bad-input-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("seeds")).unwrap();
        Scratch { root }
    }

    fn source(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.root.join("seeds").join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn convert(&self, source: &Path) -> Output {
        Command::new(env!("CARGO_BIN_EXE_brief"))
            .current_dir(&self.root)
            .arg("convert")
            .arg(source)
            .output()
            .unwrap()
    }

    fn brief(&self, id: &str) -> String {
        std::fs::read_to_string(self.root.join("briefs").join(format!("{id}.yaml"))).unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_no_panic(output: &Output) {
    let err = stderr(output);
    assert!(!err.contains("panicked"), "panicked: {err}");
    assert!(output.status.code().is_some(), "killed by a signal: {err}");
}

#[test]
fn empty_file_gives_an_empty_brief() {
    let scratch = Scratch::new("empty");
    let source = scratch.source("empty.txt", b"");
    let output = scratch.convert(&source);
    assert_no_panic(&output);
    assert!(output.status.success(), "{}", stderr(&output));
    let yaml = scratch.brief("empty");
    assert!(yaml.contains("sections: []"), "{yaml}");
    assert!(yaml.contains("measures: []"), "{yaml}");
}

#[test]
fn binary_file_is_refused_with_file_and_line() {
    let scratch = Scratch::new("binary");
    let source = scratch.source("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    let output = scratch.convert(&source);
    assert_no_panic(&output);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("image.txt:3: ") && err.contains("binary"),
        "{err}"
    );
    assert!(!scratch.root.join("briefs/image.yaml").exists());
}

#[test]
fn invalid_utf8_that_is_not_gbk_is_refused() {
    let scratch = Scratch::new("invalid");
    let mut bytes = "一、总体要求\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff\xfe\xfd broken");
    let source = scratch.source("broken.txt", &bytes);
    let output = scratch.convert(&source);
    assert_no_panic(&output);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("broken.txt:2: ") && err.contains("GB18030"),
        "{err}"
    );
}

#[test]
fn gbk_file_converts() {
    let scratch = Scratch::new("gbk");
    let text = "某市商务局2023年工作总结\r\n一、主要工作\r\n一是推动外贸稳中提质。全年进出口总额474.4亿元，同比下降0.4%。\r\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    let source = scratch.source("gbk.txt", &bytes);
    let output = scratch.convert(&source);
    assert!(output.status.success(), "{}", stderr(&output));
    let yaml = scratch.brief("gbk");
    assert!(yaml.contains("heading: 一、主要工作"), "{yaml}");
    assert!(yaml.contains("推动外贸稳中提质"), "{yaml}");
}

#[test]
fn text_without_headings_or_with_only_punctuation() {
    let scratch = Scratch::new("plain");
    let plain = scratch.source(
        "plain.txt",
        "这是一段没有标题的文字。它只有两句话。".as_bytes(),
    );
    assert!(scratch.convert(&plain).status.success());
    assert!(
        scratch
            .brief("plain")
            .contains("lead: 这是一段没有标题的文字。它只有两句话。")
    );
    let punctuation = scratch.source("punct.txt", "。，、；！？……——“”（）\n、、、\n".as_bytes());
    let output = scratch.convert(&punctuation);
    assert_no_panic(&output);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn escape_sequences_stay_text() {
    let scratch = Scratch::new("escapes");
    let text =
        "一、总体\n一是\u{1b}[2J\u{1b}]52;c;aGk=\u{7}推动外贸。二是发展\u{1b}[31m电商\u{1b}[0m。\n";
    let source = scratch.source("escape.txt", text.as_bytes());
    let output = scratch.convert(&source);
    assert_no_panic(&output);
    assert!(output.status.success(), "{}", stderr(&output));
    let yaml = scratch.brief("escape");
    // YAML escapes control characters; the raw ESC byte never reaches the file.
    assert!(!yaml.contains('\u{1b}'), "{yaml}");
    let explain = Command::new(env!("CARGO_BIN_EXE_brief"))
        .current_dir(&scratch.root)
        .args(["convert", "--explain"])
        .arg(&source)
        .output()
        .unwrap();
    assert!(explain.status.success());
    assert!(
        !explain.stdout.contains(&0x1b),
        "explain printed a raw escape"
    );
}

#[test]
fn a_hundred_megabytes_without_a_line_break() {
    let scratch = Scratch::new("huge");
    let sentence =
        "全年实现进出口总额474.4亿元，同比下降0.4%，一是推动外贸稳中提质，二是拓展新兴市场。";
    let mut text = String::with_capacity(100 * 1024 * 1024 + sentence.len());
    while text.len() < 100 * 1024 * 1024 {
        text.push_str(sentence);
    }
    let source = scratch.source("huge.txt", text.as_bytes());
    drop(text);
    let output = scratch.convert(&source);
    assert_no_panic(&output);
    assert!(output.status.success(), "{}", stderr(&output));
}
