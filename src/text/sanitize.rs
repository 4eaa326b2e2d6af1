//! Control characters made visible, so text from a file can never reach the terminal
//! as a control sequence (an ESC in a policy document could clear the screen or
//! retitle the window).

use std::borrow::Cow;

/// `text` with every control character replaced by a visible symbol:
/// C0 controls by their Control Pictures (`␀`…`␟`, so ESC is `␛`), DEL by `␡`,
/// C1 controls by `�`; a tab becomes one space.
///
/// Kept: `\n`, the hard line break [`wrap`](super::wrap) ends lines at and never
/// puts inside a drawn range, and `\r\n`, which becomes `\n` (files from Windows).
/// A lone `\r` is shown as `␍`. Only the ESC of an escape sequence is replaced: the
/// rest (`[2J`) is printable and stays, so the reader sees what the file contains.
/// Borrowed when there is nothing to replace.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        match c {
            '\n' | ' ' => out.push(c),
            '\t' => out.push(' '),
            '\r' if is_crlf(text, i, c) => {}
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
            '\u{7f}' => out.push('\u{2421}'),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn is_crlf(text: &str, i: usize, c: char) -> bool {
    c == '\r' && text.as_bytes().get(i + 1) == Some(&b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        let text = "今年1-5月,义乌市进出口额2645.0亿元\n同比增长22.0%";
        assert!(matches!(sanitize(text), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_lose_their_escape() {
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a\u{241b}[2Jb");
        assert_eq!(sanitize("\u{1b}]0;title\u{7}"), "\u{241b}]0;title\u{2407}");
    }

    #[test]
    fn every_control_becomes_visible() {
        assert_eq!(
            sanitize("\u{0}\u{1f}\u{7f}\u{85}\u{9b}"),
            "\u{2400}\u{241f}\u{2421}\u{fffd}\u{fffd}"
        );
        assert_eq!(sanitize("a\tb"), "a b");
        assert_eq!(sanitize("a\r\nb\rc"), "a\nb\u{240d}c");
        let all: String = (0u32..0xa0).filter_map(char::from_u32).collect();
        assert!(!sanitize(&all).chars().any(|c| c.is_control() && c != '\n'));
    }
}
