//! Loading benchmark: a generated site of 10,000 documents, loaded with
//! `masthead::load_site`, against a baseline measured in the same run:
//! reading the same files from disk (in parallel, as the loader does).
//!
//! Run: `cargo bench --bench load` (optionally `-- --docs 10000 --runs 15`).
//! The figures go to docs/performance.md as ratios.

// Benches may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead::model::date::Instant;
use masthead::{LoadOptions, load_site};
use rayon::prelude::*;
use std::path::PathBuf;

mod support;

/// The allocator the `masthead` binary uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::{Duration, Instant as Clock};
use support::generate;

fn main() {
    let mut docs = 10_000usize;
    let mut runs = 15usize;
    let mut load_only = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--docs" => docs = args.next().and_then(|v| v.parse().ok()).unwrap_or(docs),
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).unwrap_or(runs),
            // For profilers: only the loader, `runs` times.
            "--load-only" => load_only = true,
            _ => {} // cargo bench passes --bench
        }
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let files = generate(dir.path(), docs);
    let options = LoadOptions::default().with_now(Instant::from_unix_seconds(1_800_000_000));

    // Warm the page cache and both code paths once.
    let _ = read_all(&files);
    let site = load_site(dir.path(), &options).expect("site loads");
    assert_eq!(
        site.documents.len(),
        docs,
        "every generated file is a document"
    );
    if load_only {
        for _ in 0..runs {
            std::hint::black_box(load_site(dir.path(), &options).expect("site loads"));
        }
        return;
    }

    let mut read = Vec::with_capacity(runs);
    let mut parse = Vec::with_capacity(runs);
    let mut libyaml = Vec::with_capacity(runs);
    let mut load = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Clock::now();
        let bytes = read_all(&files);
        read.push(t.elapsed());
        std::hint::black_box(bytes);

        let t = Clock::now();
        let nodes = read_and_parse_yaml(&files, masthead::yaml::parse);
        parse.push(t.elapsed());
        std::hint::black_box(nodes);

        let t = Clock::now();
        let nodes = read_and_parse_yaml(&files, masthead::yaml::parse_with_libyaml);
        libyaml.push(t.elapsed());
        std::hint::black_box(nodes);

        let t = Clock::now();
        let site = load_site(dir.path(), &options).expect("site loads");
        load.push(t.elapsed());
        std::hint::black_box(site.documents.len());
    }
    let (read, parse, libyaml, load) = (
        median(&mut read),
        median(&mut parse),
        median(&mut libyaml),
        median(&mut load),
    );
    let ratio = load.as_secs_f64() / read.as_secs_f64();
    println!(
        "documents: {docs}, runs: {runs}, threads: {}",
        rayon::current_num_threads()
    );
    println!("baseline  read files (parallel): {:>9.2} ms", ms(read));
    println!("baseline  read + split + YAML:   {:>9.2} ms", ms(parse));
    println!("  (the same through libyaml only: {:>7.2} ms)", ms(libyaml));
    println!("masthead  load_site:             {:>9.2} ms", ms(load));
    println!(
        "ratio load/(read+YAML): {:.1}x",
        load.as_secs_f64() / parse.as_secs_f64()
    );
    println!(
        "ratio load/read: {ratio:.1}x; per document: {:.1} µs",
        load.as_secs_f64() * 1e6 / docs as f64
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn read_all(files: &[PathBuf]) -> usize {
    files
        .par_iter()
        .map(|f| std::fs::read_to_string(f).map(|s| s.len()).unwrap_or(0))
        .sum()
}

/// The signature of `masthead::yaml::parse` and of its libyaml-only twin.
type YamlParser = fn(
    &str,
    &masthead::yaml::ParseOptions,
) -> Result<masthead::yaml::Document, masthead::yaml::YamlError>;

/// Reads every file, splits its front matter and parses the YAML into
/// masthead's span tree with `parse`: the work no loader can skip.
fn read_and_parse_yaml(files: &[PathBuf], parse: YamlParser) -> usize {
    files
        .par_iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            match masthead::source::split::split(&text) {
                masthead::source::split::Split::Closed { open, yaml, .. } => {
                    parse(&text[open.start..yaml.end], &Default::default())
                        .map(|d| d.root().is_some() as usize)
                        .unwrap_or(0)
                }
                _ => 0,
            }
        })
        .sum()
}
