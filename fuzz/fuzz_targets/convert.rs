//! Any bytes through the whole converter: decode, clean, outline, measures, figures,
//! themes, and the YAML it would write. Nothing may panic; every brief must serialise.

#![no_main]

use brief::convert::{Input, batch, convert};
use brief::themes::Taxonomy;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn taxonomy() -> &'static Taxonomy {
    static TAXONOMY: OnceLock<Taxonomy> = OnceLock::new();
    TAXONOMY.get_or_init(Taxonomy::builtin)
}

fuzz_target!(|data: &[u8]| {
    let input = Input {
        source_path: "fuzz.txt".to_owned(),
        stem: "fuzz".to_owned(),
        sidecar: Default::default(),
        taxonomy: taxonomy(),
        explain: true,
    };
    if let Ok(conversion) = convert(data, &input) {
        let yaml = batch::to_yaml(&conversion.brief).expect("a brief always serialises");
        assert!(!yaml.is_empty());
        let _ = conversion.explain.render();
    }
});
