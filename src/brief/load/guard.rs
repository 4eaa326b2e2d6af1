//! A pass over the YAML text before the YAML parser sees it, refusing two shapes that
//! no brief has and that would make parsing hostile input slow or huge:
//!
//! - aliases (`*name`): a few lines of anchors and aliases can expand into gigabytes
//!   ("billion laughs"); serde_yaml bounds the number of expansions but not the size
//!   of what each one copies. The converter never writes anchors or aliases, and a
//!   person editing a brief has no need for them.
//! - flow collections (`[…]`, `{…}`) nested more than `MAX_FLOW_DEPTH` deep: the YAML
//!   scanner (libyaml) does work proportional to the flow depth for every token, so a
//!   file of `[[[[…` takes time quadratic in its size. Briefs use flow style only for
//!   short lists (`themes: [markets]`); even sections written in flow style by hand
//!   stay far below the limit.
//!
//! Deep block nesting (by indentation) is left to serde_yaml, which stops at 128
//! levels; it costs the scanner nothing extra, and indentation makes it large anyway.
//!
//! The pass reads bytes, not characters (every indicator is ASCII, and no byte of a
//! multi-byte UTF-8 character is ASCII), knows quoted scalars, comments and block
//! scalars (`|`, `>`), and looks at an indicator only where YAML would: at the start
//! of a value. Its only mistake would be refusing a hand-written plain scalar
//! continued on a line that starts with `*`; the message says to quote it.

/// Flow collections nested deeper than this are refused.
pub const MAX_FLOW_DEPTH: usize = 32;

/// Why a text is refused, at which 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub line: usize,
    pub message: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
}

/// Refuses `text` if it has an alias or flow collections nested too deep.
pub fn check(text: &str) -> Result<(), Refusal> {
    let mut flow = 0usize;
    let mut quote = Quote::None;
    // Inside a block scalar: lines indented more than this belong to it.
    let mut block_scalar: Option<usize> = None;
    for (index, line) in text.split('\n').enumerate() {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        if let Some(limit) = block_scalar {
            if indent >= bytes.len() || indent > limit {
                continue;
            }
            block_scalar = None;
        }
        let mut at_value = quote == Quote::None;
        let mut i = if quote == Quote::None { indent } else { 0 };
        while let Some(&b) = bytes.get(i) {
            let next = bytes.get(i + 1).copied();
            let spaced = matches!(next, None | Some(b' ' | b'\t' | b'\r'));
            match quote {
                Quote::Double => {
                    match b {
                        b'\\' => i += 1,
                        b'"' => quote = Quote::None,
                        _ => {}
                    }
                    i += 1;
                    continue;
                }
                Quote::Single => {
                    if b == b'\'' {
                        if next == Some(b'\'') {
                            i += 1;
                        } else {
                            quote = Quote::None;
                        }
                    }
                    i += 1;
                    continue;
                }
                Quote::None => {}
            }
            match b {
                b' ' | b'\t' => {}
                b'#' if at_value || matches!(bytes.get(i.wrapping_sub(1)), Some(b' ' | b'\t')) => {
                    break;
                }
                b'"' if at_value => quote = Quote::Double,
                b'\'' if at_value => quote = Quote::Single,
                b'*' if at_value => {
                    return Err(Refusal {
                        line: index + 1,
                        message: "a YAML alias (`*…`): briefs use no anchors or aliases, which \
                                  can expand a small file into gigabytes; if this is text, quote it"
                            .to_owned(),
                    });
                }
                // Anchors and tags before a value leave it a value: skip their names.
                b'&' | b'!' if at_value => {
                    while bytes.get(i + 1).is_some_and(|&c| c != b' ' && c != b'\t') {
                        i += 1;
                    }
                }
                // Inside a flow collection every bracket outside quotes is one: plain
                // scalars there cannot hold them.
                b'[' | b'{' if at_value || flow > 0 => {
                    flow += 1;
                    if flow > MAX_FLOW_DEPTH {
                        return Err(Refusal {
                            line: index + 1,
                            message: format!(
                                "flow collections (`[`, `{{`) nested more than {MAX_FLOW_DEPTH} deep; \
                                 a brief needs a few levels at most"
                            ),
                        });
                    }
                }
                b']' | b'}' if flow > 0 => {
                    flow -= 1;
                    at_value = false;
                }
                b',' if flow > 0 => at_value = true,
                // In flow context libyaml takes every `:` as a value indicator.
                b':' if spaced || flow > 0 => at_value = true,
                b'-' | b'?' if spaced => at_value = true,
                b'|' | b'>' if at_value && flow == 0 => {
                    block_scalar = Some(indent);
                    break;
                }
                _ => at_value = false,
            }
            i += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused_at(text: &str) -> Option<usize> {
        check(text).err().map(|r| r.line)
    }

    #[test]
    fn real_briefs_pass() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("briefs");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            assert_eq!(check(&text), Ok(()));
        }
    }

    #[test]
    fn aliases_are_refused_at_their_line() {
        assert_eq!(refused_at("a: &x [1]\nb: *x\n"), Some(2));
        assert_eq!(refused_at("a: &x 1\nb: [1, *x]\n"), Some(2));
        assert_eq!(refused_at("- *x\n"), Some(1));
        assert_eq!(refused_at("a: {k: *x}\n"), Some(1));
    }

    #[test]
    fn asterisks_in_text_are_not_aliases() {
        for text in [
            "text: 发展电商*万户\n",
            "text: '*商城管委会'\n",
            "text: \"*商城\"\n",
            "- '*'\n",
            "text: |\n  *商城\n  * 一条\n",
            "text: >-\n  *商城\nnext: 1\n",
            "# *comment\n",
            "a: 1 # *x\n",
            "text: \"a\n  *b\"\n",
            "text: 'it''s *x'\n",
            "text: \"say \\\" *x\"\n",
        ] {
            assert_eq!(check(text), Ok(()), "{text:?}");
        }
    }

    #[test]
    fn deep_flow_nesting_is_refused() {
        let ok = format!(
            "a: {}{}\n",
            "[".repeat(MAX_FLOW_DEPTH),
            "]".repeat(MAX_FLOW_DEPTH)
        );
        assert_eq!(check(&ok), Ok(()));
        let deep = format!("a: {}\n", "[".repeat(MAX_FLOW_DEPTH + 1));
        assert_eq!(refused_at(&deep), Some(1));
        let over_lines = format!("a: [\n{}\n", "{k: [\n".repeat(MAX_FLOW_DEPTH));
        assert!(refused_at(&over_lines).is_some());
        // Brackets inside text and strings are not collections.
        let text = format!("a: 见[{}\nb: '{}'\n", "[".repeat(100), "{".repeat(100));
        assert_eq!(check(&text), Ok(()));
        // Anchors and tags do not hide a collection.
        let tagged = format!("a: {}\n", "&x !!seq [".repeat(MAX_FLOW_DEPTH + 1));
        assert_eq!(refused_at(&tagged), Some(1));
        let keyed = format!("a: {}\n", "{k:[".repeat(MAX_FLOW_DEPTH));
        assert_eq!(refused_at(&keyed), Some(1));
        // Closing brackets bring the depth back down.
        let many = "a: [[1], [2], {k: [3]}]\n".repeat(100);
        assert_eq!(check(&many), Ok(()));
    }

    #[test]
    fn block_scalar_lines_are_text() {
        let text = format!("lead: |\n  {}\n  *x\nid: x\n", "[".repeat(100));
        assert_eq!(check(&text), Ok(()));
        // After the block scalar ends, indicators count again.
        assert_eq!(refused_at("lead: |\n  text\nid: *x\n"), Some(3));
    }
}
