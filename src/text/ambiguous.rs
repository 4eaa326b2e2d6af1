//! East Asian Ambiguous characters (`“”‘’…—·①×` …): one cell in most terminals, two
//! in terminals set for CJK. ratatui's buffer always assumes one, so in a terminal
//! that draws them wide every column after one of them shifts. The fix has to be
//! ours: in `Wide` mode the common ones are replaced by characters whose width no
//! terminal disputes, and borders are drawn in ASCII (box-drawing lines are
//! ambiguous too).

use std::borrow::Cow;
use std::fmt::Write;

/// How the terminal draws East Asian Ambiguous characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AmbiguousWidth {
    /// One cell, as ratatui assumes: text is shown as written.
    #[default]
    Narrow,
    /// Two cells: ambiguous characters are replaced before layout.
    Wide,
}

/// The setting for this terminal, read through `env` (`|k| std::env::var(k).ok()`).
///
/// `BRIEF_AMBIGUOUS=narrow|wide` decides when set (any other value is ignored).
/// Otherwise the locale in force (the first non-empty of `LC_ALL`, `LC_CTYPE`,
/// `LANG`, POSIX order) decides: `Wide` only for a Chinese, Japanese or Korean
/// locale with a legacy codeset (`zh_CN.GBK`, `zh_CN.GB18030`, `zh_TW.Big5`,
/// `ja_JP.eucJP`, or none, as in `zh_CN`, which glibc reads as GB2312). Those
/// encodings drew these characters two cells wide, and terminals configured for them
/// still do. A UTF-8 CJK locale (`zh_CN.UTF-8`) gives `Narrow`: GNOME Terminal,
/// Konsole, iTerm2, Windows Terminal and Terminal.app all default to narrow there,
/// and replacing “” by 「」 for every mainland reader would be the larger harm.
/// Readers whose terminal is set to wide set `BRIEF_AMBIGUOUS=wide`.
pub fn detect_ambiguous(env: impl Fn(&str) -> Option<String>) -> AmbiguousWidth {
    if let Some(value) = env("BRIEF_AMBIGUOUS") {
        match value.trim().to_ascii_lowercase().as_str() {
            "wide" => return AmbiguousWidth::Wide,
            "narrow" => return AmbiguousWidth::Narrow,
            _ => {}
        }
    }
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|key| env(key).filter(|v| !v.is_empty()));
    match locale {
        Some(locale) if is_legacy_cjk(&locale) => AmbiguousWidth::Wide,
        _ => AmbiguousWidth::Narrow,
    }
}

/// `language[_territory][.codeset][@modifier]` with a CJK language and a codeset
/// that is not UTF-8.
fn is_legacy_cjk(locale: &str) -> bool {
    let locale = locale.split('@').next().unwrap_or("");
    let (name, codeset) = locale.split_once('.').unwrap_or((locale, ""));
    let language = name.split('_').next().unwrap_or("");
    if !matches!(language, "zh" | "ja" | "ko") {
        return false;
    }
    let codeset: String = codeset
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    codeset != "utf8"
}

/// `text` with the ambiguous characters common in these documents replaced, in
/// `Wide` mode, by forms every terminal draws at the width ratatui assumes; `Narrow`
/// mode returns it unchanged. Quotes become corner brackets (`“‘’”` → `「『』」`, the
/// Chinese form that is always wide), except an apostrophe between Latin letters;
/// `…` → `⋯`, `—` → `－`, `·` → `・`, `①` → `(1)`, `×` → `x`, `≥` → `>=`,
/// `℃` → `摄氏度`, `5‰` → `千分之5` and so on (see `replacement`).
pub fn unambiguous(text: &str, setting: AmbiguousWidth) -> Cow<'_, str> {
    if setting == AmbiguousWidth::Narrow || !text.chars().any(is_replaced) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut prev = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '‰' => per_mille(&mut out),
            '’' if prev.is_some_and(|p: char| p.is_ascii_alphabetic())
                && next.is_some_and(|n| n.is_ascii_alphabetic()) =>
            {
                out.push('\'');
            }
            '\u{2460}'..='\u{2473}' => push_number(&mut out, "(", c as u32 - 0x2460 + 1, ")"),
            '\u{2474}'..='\u{2487}' => push_number(&mut out, "(", c as u32 - 0x2474 + 1, ")"),
            '\u{2488}'..='\u{249b}' => push_number(&mut out, "", c as u32 - 0x2488 + 1, "."),
            c => match replacement(c) {
                Some(r) => out.push_str(r),
                None => out.push(c),
            },
        }
        prev = Some(c);
    }
    Cow::Owned(out)
}

fn is_replaced(c: char) -> bool {
    matches!(c, '‰' | '\u{2460}'..='\u{249b}') || replacement(c).is_some()
}

/// The fixed replacements. Each is either ASCII or East Asian Wide/Fullwidth, never
/// Ambiguous (box-drawing `─` and `°` are ambiguous themselves, hence `－`, `摄氏度`).
fn replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '“' => "「",
        '”' => "」",
        '‘' => "『",
        '’' => "』",
        '…' => "⋯",
        '—' | '―' => "－",
        '·' => "・",
        '※' => "＊",
        '●' => "⚫",
        '○' => "⚪",
        '◎' => "⚪",
        '■' => "⬛",
        '□' => "⬜",
        '×' => "x",
        '÷' => "/",
        '≥' => ">=",
        '≤' => "<=",
        '±' => "+/-",
        '℃' => "摄氏度",
        '°' => "度",
        '§' => "节",
        '№' => "No.",
        '→' => "->",
        '←' => "<-",
        _ => return None,
    })
}

fn push_number(out: &mut String, before: &str, n: u32, after: &str) {
    // Writing to a String cannot fail.
    let _ = write!(out, "{before}{n}{after}");
}

/// `‰` has no unambiguous form, so `5‰` is written out as `千分之5`: the words go
/// before the number already copied to `out`.
fn per_mille(out: &mut String) {
    let number_start = out
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_digit(c) || matches!(c, '.' | ',' | '．'))
        .filter(|&(_, c)| is_digit(c))
        .last()
        .map_or(out.len(), |(i, _)| i);
    out.insert_str(number_start, "千分之");
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Which characters a view draws its borders with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Borders {
    /// Box-drawing lines `┌─┐│└┘`: ambiguous width, so for `Narrow` terminals only.
    Lines,
    /// `+-|`: the same width everywhere.
    Ascii,
}

/// The characters of a border, in the order ratatui's `border::Set` takes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BorderChars {
    pub top_left: &'static str,
    pub top_right: &'static str,
    pub bottom_left: &'static str,
    pub bottom_right: &'static str,
    pub vertical: &'static str,
    pub horizontal: &'static str,
}

impl Borders {
    pub fn chars(self) -> BorderChars {
        match self {
            Borders::Lines => BorderChars {
                top_left: "┌",
                top_right: "┐",
                bottom_left: "└",
                bottom_right: "┘",
                vertical: "│",
                horizontal: "─",
            },
            Borders::Ascii => BorderChars {
                top_left: "+",
                top_right: "+",
                bottom_left: "+",
                bottom_right: "+",
                vertical: "|",
                horizontal: "-",
            },
        }
    }
}

/// The border style for views under `setting`.
pub fn border_set(setting: AmbiguousWidth) -> Borders {
    match setting {
        AmbiguousWidth::Narrow => Borders::Lines,
        AmbiguousWidth::Wide => Borders::Ascii,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }

    #[test]
    fn override_wins_over_locale() {
        use AmbiguousWidth::*;
        assert_eq!(
            detect_ambiguous(env(&[("BRIEF_AMBIGUOUS", "wide"), ("LANG", "C")])),
            Wide
        );
        assert_eq!(
            detect_ambiguous(env(&[("BRIEF_AMBIGUOUS", "Narrow"), ("LANG", "zh_CN.GBK")])),
            Narrow
        );
        // A value we do not know is ignored rather than guessed at.
        assert_eq!(
            detect_ambiguous(env(&[("BRIEF_AMBIGUOUS", "2"), ("LANG", "zh_CN.GBK")])),
            Wide
        );
    }

    #[test]
    fn only_legacy_cjk_locales_are_wide() {
        use AmbiguousWidth::*;
        for (locale, want) in [
            ("zh_CN.UTF-8", Narrow),
            ("zh_CN.utf8", Narrow),
            ("ja_JP.UTF-8@cjk", Narrow),
            ("en_US.UTF-8", Narrow),
            ("C", Narrow),
            ("zh_CN.GBK", Wide),
            ("zh_CN.GB18030", Wide),
            ("zh_TW.Big5", Wide),
            ("ja_JP.eucJP", Wide),
            ("ko_KR.euc-kr", Wide),
            ("zh_CN", Wide),
        ] {
            assert_eq!(detect_ambiguous(env(&[("LANG", locale)])), want, "{locale}");
        }
        assert_eq!(detect_ambiguous(env(&[])), Narrow);
    }

    #[test]
    fn locale_variables_in_posix_order() {
        use AmbiguousWidth::*;
        let e = env(&[("LC_ALL", "en_US.UTF-8"), ("LC_CTYPE", "zh_CN.GBK")]);
        assert_eq!(detect_ambiguous(e), Narrow);
        let e = env(&[("LC_ALL", ""), ("LC_CTYPE", "zh_CN.GBK"), ("LANG", "C")]);
        assert_eq!(detect_ambiguous(e), Wide);
    }

    #[test]
    fn narrow_mode_changes_nothing() {
        let text = "坚持“三化并举”……①";
        assert!(matches!(
            unambiguous(text, AmbiguousWidth::Narrow),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn wide_mode_replaces_the_common_ones() {
        let wide = |t| unambiguous(t, AmbiguousWidth::Wide).into_owned();
        assert_eq!(wide("坚持“三化并举”"), "坚持「三化并举」");
        assert_eq!(wide("‘一带一路’"), "『一带一路』");
        assert_eq!(wide("China’s"), "China's");
        assert_eq!(wide("等等……"), "等等⋯⋯");
        assert_eq!(wide("——中欧·义乌"), "－－中欧・义乌");
        assert_eq!(wide("①加快⑳"), "(1)加快(20)");
        assert_eq!(wide("增长5‰"), "增长千分之5");
        assert_eq!(wide("0.5‰,"), "千分之0.5,");
        assert_eq!(wide("年,5‰"), "年,千分之5");
        assert_eq!(wide("25℃"), "25摄氏度");
        assert_eq!(wide("3×3≥±→"), "3x3>=+/-->");
        assert!(matches!(
            unambiguous("义乌", AmbiguousWidth::Wide),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn replacements_are_never_ambiguous() {
        // unicode-width's CJK width differs from its plain width exactly on the
        // ambiguous characters it knows.
        let mut all: String = "“”‘’…—―·※●○◎■□×÷≥≤±℃°§№→←‰".into();
        all.extend((0x2460..=0x249b).filter_map(char::from_u32));
        let out = unambiguous(&all, AmbiguousWidth::Wide);
        for c in out.chars() {
            let s = c.to_string();
            assert_eq!(s.width(), s.width_cjk(), "{c:?} U+{:04X}", c as u32);
        }
        assert_eq!(out.width(), out.width_cjk());
    }

    #[test]
    fn borders_follow_the_setting() {
        assert_eq!(border_set(AmbiguousWidth::Wide), Borders::Ascii);
        assert_eq!(border_set(AmbiguousWidth::Narrow), Borders::Lines);
        let ascii = Borders::Ascii.chars();
        assert!(
            [ascii.top_left, ascii.vertical, ascii.horizontal]
                .iter()
                .all(|s| s.is_ascii())
        );
    }
}
