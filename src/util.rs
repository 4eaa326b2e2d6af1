//! Small helpers shared by the converter and the checker.

use std::io::Write;
use std::path::Path;

/// True for characters that carry no content when texts are compared: ASCII and
/// Unicode white space, including the ideographic space U+3000.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace()
}

/// `text` without any white space: the form in which quotes, headings and paragraphs
/// are compared with their source, since layout moves spaces and line breaks around.
pub fn strip_blank(text: &str) -> String {
    text.chars().filter(|&c| !is_blank(c)).collect()
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a
/// rename, so a crash midway leaves either the old file or the new one, never half.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_owned());
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for byte in digest.iter() {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}
