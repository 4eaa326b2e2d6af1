//! Copying to the clipboard through the terminal (OSC 52), which works over SSH and
//! inside tmux where no clipboard program can be reached. The sequence carries its
//! text in base64; the encoder is a dozen lines, not worth a crate.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 (RFC 4648 §4) with `=` padding.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let group = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        // A chunk of n bytes fills n + 1 six-bit digits; the rest are padding.
        for digit in 0..4 {
            if digit <= chunk.len() {
                let index = (group >> (18 - 6 * digit)) & 0x3f;
                out.push(char::from(ALPHABET[index as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The OSC 52 sequence that asks the terminal to put `text` on the system clipboard:
/// `ESC ] 52 ; c ; <base64 of the UTF-8 bytes> BEL`.
///
/// Write it to the terminal as is. Inside tmux it reaches the outer terminal when tmux
/// has `set-clipboard on` (its default `external` also works for applications).
/// Terminals cap the length they accept (xterm about 100 000 bytes of base64 by
/// default), so a very long export may need a file instead.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_test_vectors() {
        // RFC 4648 §10.
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (input, expected) in vectors {
            assert_eq!(base64(input.as_bytes()), expected, "{input:?}");
        }
    }

    #[test]
    fn every_byte_value_and_the_last_two_digits() {
        // 0xfb 0xff → "+/8=": exercises the two symbols that differ between alphabets.
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
        assert_eq!(base64(&[0, 0, 0]), "AAAA");
        assert_eq!(base64(&[0xff, 0xff, 0xff]), "////");
    }

    #[test]
    fn osc52_of_chinese_text() {
        // "要点" is E8 A6 81 E7 82 B9 in UTF-8; checked with `printf 要点 | base64`.
        assert_eq!(osc52("要点"), "\x1b]52;c;6KaB54K5\x07");
        assert_eq!(osc52(""), "\x1b]52;c;\x07");
    }
}
