//! Convert throughput: `cargo bench --bench convert`.
//!
//! Measures MB/s of source text converted (decode → brief, YAML not written) on the
//! seeds and on a generated 50 MB corpus of the genre, on one core and on all cores.
//! `BRIEF_BENCH_MB` changes the corpus size.

use brief::convert::{Input, convert};
use brief::synth;
use brief::themes::Taxonomy;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

fn convert_one(bytes: &[u8], name: &str, taxonomy: &Taxonomy) -> usize {
    let input = Input {
        source_path: name.to_owned(),
        stem: name.to_owned(),
        sidecar: Default::default(),
        taxonomy,
        explain: false,
    };
    convert(bytes, &input)
        .map(|c| c.brief.figures.len() + c.brief.measures.len())
        .unwrap_or(0)
}

/// Converts every document `rounds` times on `threads` threads; returns MB/s.
fn throughput(
    docs: &[(String, Vec<u8>)],
    taxonomy: &Taxonomy,
    threads: usize,
    rounds: usize,
) -> f64 {
    let bytes: usize = docs.iter().map(|d| d.1.len()).sum::<usize>() * rounds;
    let next = AtomicUsize::new(0);
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut found = 0;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= docs.len() * rounds {
                        break;
                    }
                    let (name, text) = &docs[i % docs.len()];
                    found += convert_one(text, name, taxonomy);
                }
                std::hint::black_box(found);
            });
        }
    });
    bytes as f64 / 1e6 / start.elapsed().as_secs_f64()
}

fn report(label: &str, docs: &[(String, Vec<u8>)], taxonomy: &Taxonomy, rounds: usize) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mb = docs.iter().map(|d| d.1.len()).sum::<usize>() as f64 / 1e6;
    let one = throughput(docs, taxonomy, 1, rounds);
    let all = throughput(docs, taxonomy, cores, rounds);
    println!(
        "{label:<28} {mb:>8.2} MB × {rounds:<3} 1 core {one:>7.1} MB/s   {cores} cores {all:>7.1} MB/s"
    );
}

fn main() {
    let taxonomy = Taxonomy::builtin();
    let mut seeds = Vec::new();
    for entry in std::fs::read_dir("seeds").expect("run from the repository root") {
        let path = entry.expect("readable seeds/").path();
        if path.extension().is_some_and(|e| e == "txt") {
            seeds.push((
                path.display().to_string(),
                std::fs::read(&path).expect("readable seed"),
            ));
        }
    }
    seeds.sort();
    report("seeds", &seeds, &taxonomy, 40);
    let megabytes: usize = std::env::var("BRIEF_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let corpus: Vec<(String, Vec<u8>)> = synth::corpus_of_size(42, megabytes * 1_000_000)
        .into_iter()
        .map(|d| (d.name, d.text.into_bytes()))
        .collect();
    report(
        &format!("synthetic corpus ({} docs)", corpus.len()),
        &corpus,
        &taxonomy,
        1,
    );
}
