//! One-line text cut to a column width, for list rows and titles.

use std::borrow::Cow;

use super::ambiguous::AmbiguousWidth;
use super::width::{grapheme_width, graphemes, width};

/// The ellipsis `truncate` appends: `…` (one cell) in `Narrow` mode; `...` in `Wide`
/// mode, where `…` is ambiguous and would take two cells that ratatui counts as one.
pub fn ellipsis(setting: AmbiguousWidth) -> &'static str {
    match setting {
        AmbiguousWidth::Narrow => "…",
        AmbiguousWidth::Wide => "...",
    }
}

/// `text` cut to at most `width` cells, ending with [`ellipsis`] when anything was
/// cut; borrowed when it fits. Cuts only between graphemes, so a wide character that
/// does not fit whole is left out rather than halved, and the result may then be a
/// cell narrower than `width`: callers pad by [`width`](super::width). Spaces before
/// the ellipsis are dropped. A `\n` counts as hidden text: the line is cut there.
/// When even the ellipsis does not fit (`...` at width 2) as many dots as fit are
/// returned. Takes sanitized text, like [`wrap`](super::wrap).
pub fn truncate(text: &str, width: usize, setting: AmbiguousWidth) -> Cow<'_, str> {
    if !text.contains('\n') && self::width(text) <= width {
        return Cow::Borrowed(text);
    }
    let dots = ellipsis(setting);
    let dots_width = self::width(dots);
    if width < dots_width {
        return Cow::Owned(".".repeat(width));
    }
    let room = width - dots_width;
    let mut used = 0;
    let mut cut = 0;
    for (i, g) in graphemes(text) {
        let w = grapheme_width(g);
        if g == "\n" || g == "\r\n" || used + w > room {
            break;
        }
        used += w;
        cut = i + g.len();
    }
    let kept = text.get(..cut).unwrap_or("").trim_end_matches(' ');
    let mut out = String::with_capacity(kept.len() + dots.len());
    out.push_str(kept);
    out.push_str(dots);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use AmbiguousWidth::{Narrow, Wide};

    #[test]
    fn fitting_text_is_borrowed() {
        assert!(matches!(
            truncate("义乌市", 6, Narrow),
            Cow::Borrowed("义乌市")
        ));
        assert!(matches!(truncate("", 0, Wide), Cow::Borrowed("")));
    }

    #[test]
    fn cut_with_an_ellipsis() {
        assert_eq!(truncate("义乌市进出口额", 7, Narrow), "义乌市…");
        assert_eq!(truncate("义乌市进出口额", 7, Wide), "义乌...");
        assert_eq!(truncate("Chinagoods", 5, Narrow), "Chin…");
        assert_eq!(truncate("Chinagoods", 5, Wide), "Ch...");
    }

    #[test]
    fn never_half_a_wide_character() {
        // Six cells for text: three characters; at five, two and a gap.
        assert_eq!(truncate("义乌市进出口额", 6, Narrow), "义乌…");
        assert_eq!(width(&truncate("义乌市进出口额", 6, Narrow)), 5);
        assert_eq!(truncate("义乌", 1, Narrow), "…");
        assert_eq!(
            truncate("👨\u{200d}👩\u{200d}👧 family", 3, Narrow),
            "👨\u{200d}👩\u{200d}👧…"
        );
    }

    #[test]
    fn tiny_widths() {
        assert_eq!(truncate("义乌", 0, Narrow), "");
        assert_eq!(truncate("义乌", 2, Wide), "..");
        assert_eq!(truncate("义乌", 3, Wide), "...");
    }

    #[test]
    fn spaces_before_the_ellipsis_go_and_a_newline_cuts() {
        assert_eq!(truncate("ab   cdefgh", 5, Narrow), "ab…");
        assert_eq!(truncate("义乌\n第二行", 20, Narrow), "义乌…");
        assert_eq!(truncate("a\r\nb", 20, Narrow), "a…");
    }

    #[test]
    fn never_wider_than_asked() {
        let text = "今年1-5月,义乌市进出口额2645.0亿元,同比增长22.0%“三化并举”……";
        for setting in [Narrow, Wide] {
            for w in 0..60 {
                let out = truncate(text, w, setting);
                assert!(width(&out) <= w, "{w} {out}");
            }
        }
    }
}
