//! Any text at any width through the Chinese line wrapper: no panic, lines tile the
//! text, no line wider than the width except a lone over-wide grapheme.

#![no_main]

use brief::text::{AmbiguousWidth, prepare, truncate, width, wrap};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&w, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let cells = usize::from(w % 200) + 1;
    for setting in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
        let prepared = prepare(text, setting);
        let lines = wrap(&prepared, cells);
        let mut at = 0;
        for line in &lines {
            assert_eq!(line.start, at, "lines tile the text");
            assert!(line.start <= line.end && line.end <= line.next);
            let drawn = &prepared[line.start..line.end];
            assert_eq!(width(drawn), line.width);
            // Only a lone grapheme wider than the line (width 2 at 1 cell) may exceed it.
            assert!(line.width <= cells.max(2), "too wide: {drawn:?}");
            at = line.next;
        }
        assert!(lines.is_empty() || at == prepared.len());
        assert!(width(&truncate(&prepared, cells, setting)) <= cells);
    }
});
