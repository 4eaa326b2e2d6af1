//! The forms of a text that search compares: folded so that a query typed on any
//! keyboard finds the text as the document wrote it. The same folding is applied to
//! the text and to the query, so only the two need to agree, not the reader.

/// `text` folded for comparison: Latin letters lowercased, full-width ASCII forms
/// (`ＡＢＣ１２３（）`) turned into ASCII, the ideographic space into a space, and
/// control characters into spaces (a query never contains them, so nothing can
/// match across them).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        out.push(fold_char(c));
    }
    out
}

/// One character folded as [`fold`] does.
pub fn fold_char(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{ff01}'..='\u{ff5e}' => {
            let ascii = char::from_u32(c as u32 - 0xff01 + 0x21).unwrap_or(c);
            ascii.to_ascii_lowercase()
        }
        '\u{3000}' => ' ',
        c if c.is_control() => ' ',
        c => c,
    }
}

/// A folded text without its bracketed asides: `中欧(义新欧)班列` → `中欧班列`, so
/// that a query for the plain name finds a text that glosses it. Works on folded
/// text, where full-width brackets are already ASCII. Nested asides go as a whole;
/// an opening bracket that never closes is kept with what follows it, since
/// dropping the rest of the text would hide it from every query. `None` when the
/// text has no aside (the caller then need not keep a second form).
pub fn without_asides(folded: &str) -> Option<String> {
    if !folded.contains('(') {
        return None;
    }
    let mut out = String::with_capacity(folded.len());
    let mut depth = 0usize;
    // Where the outermost open aside started, to restore it if it never closes.
    let mut open_at = 0;
    for (i, c) in folded.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    open_at = i;
                }
                depth += 1;
            }
            ')' if depth > 0 => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    if depth > 0 {
        out.push_str(folded.get(open_at..).unwrap_or(""));
    }
    (out != folded).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_and_full_width_fold_to_lowercase_ascii() {
        assert_eq!(fold("Temu ＴＥＭＵ ５Ｇ（义新欧）"), "temu temu 5g(义新欧)");
        assert_eq!(fold("义乌\u{3000}市"), "义乌 市");
        assert_eq!(fold("a\u{1b}b"), "a b");
    }

    #[test]
    fn asides_are_removed() {
        let text = fold("中欧（义新欧）班列");
        assert_eq!(without_asides(&text).as_deref(), Some("中欧班列"));
        assert_eq!(without_asides("a(b(c)d)e(f)g").as_deref(), Some("aeg"));
        assert_eq!(without_asides("中欧班列"), None);
    }

    #[test]
    fn an_unclosed_aside_is_kept() {
        assert_eq!(without_asides("a(b)c(d e").as_deref(), Some("ac(d e"));
        assert_eq!(without_asides("a(b"), None);
        assert_eq!(without_asides("a)b"), None);
    }
}
