//! What each grapheme is to the line breaker: the W3C clreq prohibition sets
//! (characters that may not start or end a line), and the kinds of character that
//! hold together (words, numbers, a number and its unit).

/// The line-breaking class of a grapheme, decided by its first char.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// U+0020: a break opportunity; spaces at a line end hang (not drawn).
    Space,
    /// Must not end a line: `“（《` `(` `$` `/` …
    Open,
    /// Must not start a line: `，。、）”` `,.%` `—…` …
    Close,
    /// A digit (ASCII or full-width), or `*`, which masks digits in these documents
    /// (`*万户`).
    Digit,
    /// A narrow letter or symbol, or a full-width letter: part of a word or code.
    Alpha,
    /// Wide and not punctuation (ideographs, kana, hangul, emoji): breaks allowed on
    /// either side.
    Ideo,
    /// Never break beside it: no-break spaces, word joiners, and the ASCII quotes
    /// `"` `'`, which these documents use as Chinese quotes without telling opening
    /// from closing.
    Glue,
    /// U+200B ZERO WIDTH SPACE: a break after it, none before.
    ZeroWidthSpace,
}

impl Class {
    pub(crate) fn of(first: char, width: usize) -> Class {
        match first {
            ' ' => Class::Space,
            '\u{200b}' => Class::ZeroWidthSpace,
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2060}' | '\u{feff}' | '"' | '\'' => {
                Class::Glue
            }
            '0'..='9' | '０'..='９' | '*' => Class::Digit,
            c if is_open(c) => Class::Open,
            c if is_close(c) => Class::Close,
            'Ａ'..='Ｚ' | 'ａ'..='ｚ' => Class::Alpha,
            _ if width >= 2 => Class::Ideo,
            _ => Class::Alpha,
        }
    }

    /// Part of a word, code or number.
    pub(crate) fn is_word(self) -> bool {
        matches!(self, Class::Digit | Class::Alpha)
    }
}

/// clreq: must not start a line. The brief's list plus `⋯` (what `…` becomes in
/// `Wide` mode) and the double prime quotes `〞〟`.
pub(crate) fn is_close(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '；'
            | '：'
            | '？'
            | '！'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | '”'
            | '’'
            | '」'
            | '』'
            | '）'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '〗'
            | '〙'
            | '］'
            | '｝'
            | ')'
            | ']'
            | '}'
            | '·'
            | '・'
            | '～'
            | '－'
            | '％'
            | '%'
            | '‰'
            | '℃'
            | '°'
            | '′'
            | '″'
            | '々'
            | '〃'
            | '—'
            | '…'
            | '⋯'
            | '〞'
            | '〟'
            | '｠'
    )
}

/// clreq: must not end a line.
pub(crate) fn is_open(c: char) -> bool {
    matches!(
        c,
        '“' | '‘'
            | '「'
            | '『'
            | '（'
            | '《'
            | '〈'
            | '【'
            | '〔'
            | '〖'
            | '〘'
            | '［'
            | '｛'
            | '('
            | '['
            | '{'
            | '￥'
            | '¥'
            | '＄'
            | '$'
            | '£'
            | '／'
            | '/'
            | '〝'
            | '｟'
    )
}

/// Punctuation that joins the two alphanumerics around it into one token:
/// `2645.0`, `1,310`, `1/6`, `25～28`, `10:30`, `www.x.cn`.
pub(crate) fn is_connector(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ':' | '/' | '-' | '~' | '．' | '／' | '－' | '～'
    )
}

/// Units that stay with the number before them (`2645.0亿元`, `15.7个百分点`),
/// longest first among those sharing a start. `%` needs no entry: it must not start
/// a line anyway.
const UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "个月",
    "个",
    "亿美元",
    "万美元",
    "美元",
    "亿元",
    "万元",
    "元",
    "万人次",
    "人次",
    "万人",
    "人",
    "万户",
    "户",
    "家",
    "场",
    "亿件",
    "万件",
    "件",
    "万标箱",
    "标箱",
    "箱",
    "倍",
    "列",
    "亿吨",
    "万吨",
    "吨",
    "万平方米",
    "平方米",
    "平方公里",
    "公里",
    "千米",
    "米",
    "万亩",
    "亩",
    "天",
    "年",
    "月",
    "日",
    "号",
    "小时",
    "分钟",
    "次",
    "项",
    "条",
    "批",
    "台",
    "辆",
    "艘",
    "架",
    "款",
    "种",
    "位",
    "名",
    "所",
    "座",
    "届",
    "期",
    "岁",
    "摄氏度",
    "度",
    "亿",
    "万",
    "千",
    "百",
];

/// Byte length of the unit at the start of `rest` (which follows a digit), 0 if
/// none. An approximation word may come first: `20余场`, `300多家`.
pub(crate) fn unit_len(rest: &str) -> usize {
    let (skip, rest) = match rest.strip_prefix('余').or_else(|| rest.strip_prefix('多')) {
        Some(after) => ('余'.len_utf8(), after),
        None => (0, rest),
    };
    let unit = UNITS
        .iter()
        .filter(|u| rest.starts_with(**u))
        .map(|u| u.len())
        .max()
        .unwrap_or(0);
    skip + unit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_brief_lists_are_covered() {
        for c in "、。，．；：？！,.;:?!”’」』）》〉】〕〗〙］｝)]}·・～－％%‰℃°′″々〃—…".chars()
        {
            assert!(is_close(c), "{c}");
            assert!(!is_open(c), "{c}");
        }
        for c in "“‘「『（《〈【〔〖〘［｛([{￥¥＄$£／/".chars() {
            assert!(is_open(c), "{c}");
        }
    }

    #[test]
    fn units_follow_numbers() {
        assert_eq!(unit_len("亿元,同比"), "亿元".len());
        assert_eq!(unit_len("个百分点。"), "个百分点".len());
        assert_eq!(unit_len("万标箱"), "万标箱".len());
        assert_eq!(unit_len("余场展会"), "余场".len());
        assert_eq!(unit_len("多家"), "多家".len());
        assert_eq!(unit_len("余"), "余".len());
        assert_eq!(unit_len("同比"), 0);
        assert_eq!(unit_len(""), 0);
    }

    #[test]
    fn classes() {
        assert_eq!(Class::of('义', 2), Class::Ideo);
        assert_eq!(Class::of('，', 2), Class::Close);
        assert_eq!(Class::of('“', 1), Class::Open);
        assert_eq!(Class::of('２', 2), Class::Digit);
        assert_eq!(Class::of('Ｈ', 2), Class::Alpha);
        assert_eq!(Class::of('😀', 2), Class::Ideo);
        assert_eq!(Class::of('①', 1), Class::Alpha);
        assert_eq!(Class::of('"', 1), Class::Glue);
    }
}
