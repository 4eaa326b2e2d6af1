//! Bytes → text. Government files arrive as UTF-8 (with or without a BOM), UTF-16 with
//! a BOM, or GB18030/GBK; we accept exactly those and refuse anything else with the
//! byte and line where decoding failed, rather than guessing and producing mojibake.

use std::borrow::Cow;
use std::fmt;

/// Text decoded from a source file, with the encoding it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// Borrowed from the input when it is UTF-8 already: no copy of a large file.
    pub text: Cow<'a, str>,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE` or `GB18030`.
    pub encoding: &'static str,
    pub had_bom: bool,
}

/// Why a file is not text we can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A NUL byte: a binary file (images, archives, office documents).
    Binary { line: usize },
    /// Neither valid UTF-8 nor valid GB18030.
    Undecodable { offset: usize, line: usize },
}

impl DecodeError {
    /// The 1-based line where decoding failed.
    pub fn line(&self) -> usize {
        match self {
            DecodeError::Binary { line } | DecodeError::Undecodable { line, .. } => *line,
        }
    }
}

/// Displays as `line: message`, to follow a file name: `x.txt:3: binary data …`.
impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary { line } => write!(
                f,
                "{line}: binary data (a NUL byte); expected a text document"
            ),
            DecodeError::Undecodable { offset, line } => write!(
                f,
                "{line}: byte {offset} is neither UTF-8 nor GB18030/GBK text"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes a source document. UTF-8 is tried first because a valid GB18030 reading of
/// UTF-8 bytes is almost never valid UTF-8 the other way round.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if encoding == encoding_rs::UTF_8 {
            return decode_utf8(body, true);
        }
        // UTF-16: NUL bytes are normal here, so the binary check comes after decoding.
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            return Err(DecodeError::Undecodable {
                offset: bom_len,
                line: 1,
            });
        }
        if let Some(pos) = text.find('\0') {
            return Err(DecodeError::Binary {
                line: line_of_char_offset(&text, pos),
            });
        }
        return Ok(Decoded {
            text: Cow::Owned(text.into_owned()),
            encoding: encoding.name(),
            had_bom: true,
        });
    }
    decode_utf8(bytes, false)
}

fn decode_utf8(bytes: &[u8], had_bom: bool) -> Result<Decoded<'_>, DecodeError> {
    if let Some(pos) = memchr_nul(bytes) {
        return Err(DecodeError::Binary {
            line: line_of_byte(bytes, pos),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: "UTF-8",
            had_bom,
        }),
        Err(utf8_error) if !had_bom => decode_gb18030(bytes).ok_or(DecodeError::Undecodable {
            offset: utf8_error.valid_up_to(),
            line: line_of_byte(bytes, utf8_error.valid_up_to()),
        }),
        Err(utf8_error) => Err(DecodeError::Undecodable {
            offset: utf8_error.valid_up_to() + 3,
            line: line_of_byte(bytes, utf8_error.valid_up_to()),
        }),
    }
}

fn decode_gb18030(bytes: &[u8]) -> Option<Decoded<'_>> {
    let text = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)?;
    Some(Decoded {
        text: Cow::Owned(text.into_owned()),
        encoding: "GB18030",
        had_bom: false,
    })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

fn line_of_byte(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

fn line_of_char_offset(text: &str, byte_offset: usize) -> usize {
    line_of_byte(text.as_bytes(), byte_offset)
}

/// The source split into lines as an editor numbers them: `\n` ends a line and a `\r`
/// before it (CRLF) is not part of the line. Line `i` of the result is line `i + 1`.
pub fn lines(text: &str) -> Vec<&str> {
    text.split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("一、总体要求".as_bytes()).unwrap();
        assert_eq!(plain.text, "一、总体要求");
        assert!(!plain.had_bom);
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice("一、总体要求".as_bytes());
        let decoded = decode(&with_bom).unwrap();
        assert_eq!(decoded.text, "一、总体要求");
        assert!(decoded.had_bom);
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = encoding_rs::GBK.encode("同比增长22.0%，进出口额2645.0亿元");
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.encoding, "GB18030");
        assert_eq!(decoded.text, "同比增长22.0%，进出口额2645.0亿元");
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "商务局".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().text, "商务局");
    }

    #[test]
    fn binary_is_refused_with_line() {
        let err = decode(b"abc\ndef\0ghi").unwrap_err();
        assert_eq!(err, DecodeError::Binary { line: 2 });
        assert!(err.to_string().starts_with("2: binary"));
    }

    #[test]
    fn invalid_utf8_that_is_not_gbk_is_refused() {
        // 0xFF never starts a GB18030 sequence and is never valid UTF-8.
        let err = decode(b"first line\n\xFF\xFF\xFF").unwrap_err();
        assert!(
            matches!(err, DecodeError::Undecodable { line: 2, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn crlf_lines() {
        assert_eq!(lines("a\r\nb\r\n"), vec!["a", "b", ""]);
    }
}
