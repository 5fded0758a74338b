//! Loading benchmark: a generated site of 10,000 documents, loaded with
//! `masthead::load_site`, against a baseline measured in the same run:
//! reading the same files from disk (in parallel, as the loader does).
//!
//! Run: `cargo bench --bench load` (optionally `-- --docs 10000 --runs 15`).
//! The figures go to docs/performance.md as ratios.

use masthead::model::date::Instant;
use masthead::{LoadOptions, load_site};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant as Clock};

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
    let mut load = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Clock::now();
        let bytes = read_all(&files);
        read.push(t.elapsed());
        std::hint::black_box(bytes);

        let t = Clock::now();
        let nodes = read_and_parse_yaml(&files);
        parse.push(t.elapsed());
        std::hint::black_box(nodes);

        let t = Clock::now();
        let site = load_site(dir.path(), &options).expect("site loads");
        load.push(t.elapsed());
        std::hint::black_box(site.documents.len());
    }
    let (read, parse, load) = (median(&mut read), median(&mut parse), median(&mut load));
    let ratio = load.as_secs_f64() / read.as_secs_f64();
    println!(
        "documents: {docs}, runs: {runs}, threads: {}",
        rayon::current_num_threads()
    );
    println!("baseline  read files (parallel): {:>9.2} ms", ms(read));
    println!("baseline  read + split + YAML:   {:>9.2} ms", ms(parse));
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

/// Reads every file, splits its front matter and parses the YAML into
/// masthead's span tree: the work no loader can skip.
fn read_and_parse_yaml(files: &[PathBuf]) -> usize {
    files
        .par_iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            match masthead::source::split::split(&text) {
                masthead::source::split::Split::Closed { open, yaml, .. } => {
                    masthead::yaml::parse(&text[open.start..yaml.end], &Default::default())
                        .map(|d| d.root().is_some() as usize)
                        .unwrap_or(0)
                }
                _ => 0,
            }
        })
        .sum()
}

/// A site shaped like the example site: news posts in the house template,
/// events, a team of authors, topics; 80 % news, 10 % events, the rest team
/// and topics.
fn generate(root: &Path, docs: usize) -> Vec<PathBuf> {
    std::fs::write(
        root.join("_config.yml"),
        "title: Bench Network\ntimezone: Europe/London\npermalink: pretty\ncollections:\n  news:\n    output: true\n    permalink: /news/:year/:month/:day/:title\n  events:\n    output: true\n  team:\n    output: true\n  topics:\n    output: true\ndefaults:\n  - scope: {type: news}\n    values: {layout: news}\n",
    )
    .expect("config");
    for d in ["_news", "_events", "_team", "_topics"] {
        std::fs::create_dir_all(root.join(d)).expect("folder");
    }
    let body = "The **network** is both a network of members and a network of networks – every organisation is different.\n\n## It's for chairs\n\nIf you have an item, [email me](mailto:chair@example.org) or see [the events page](/events).\n\n".repeat(4);
    let mut files = Vec::with_capacity(docs);
    for i in 0..docs {
        let (y, m, d) = (2015 + (i % 10), 1 + (i % 12), 1 + (i % 28));
        let (path, text) = match i % 10 {
            0..=7 => (
                format!("_news/{y}-{m:02}-{d:02}-post-number-{i}.md"),
                format!(
                    "---\n# Adding or removing a '#' in front of a line will toggle that information off and on from being processed. \n\nlayout: news\ntitle: \"Post number {i}\"\nexcerpt: \"A summary of post {i} that runs on for a while so that it wraps.\n\"\ndate: {y}-{m:02}-{d:02}\nauthor: \"Author {a}\"\ncategory: \n- topic-{t}\nimage: \"https://www.example.org/images/{i}.png\"\n# video: \"\"\npermalink: /news/{y}/{m:02}/{d:02}/post-number-{i}\nredirect_from:\n- /old/{i}\n# redirect_to: \n# - \n---\n\n{body}",
                    a = i % 50,
                    t = i % 20
                ),
            ),
            8 => (
                format!("_events/{y}-{m:02}-{d:02}-event-{i}.md"),
                format!(
                    "---\nlayout: event\ntitle: \"Event {i}\"\ndate: {y}-{m:02}-{d:02}\nevent:\n  start: {y}-{m:02}-{d:02}T10:00:00.000Z\n  end: \"\"\n  location: Online\n  link: https://example.org/register/{i}\n---\n\n{body}"
                ),
            ),
            _ if i % 20 == 9 => (
                format!("_team/person-{i}.md"),
                format!(
                    "---\nperson-name: Author {a}\nrole: project team\nregion: London\narchive: \"false\"\n---\n\n{body}",
                    a = i % 50
                ),
            ),
            _ => (
                format!("_topics/topic-{i}.md"),
                format!(
                    "---\ntitle: Topic {i}\ncategory: topic-{t}\n---\n\n{body}",
                    t = i % 20
                ),
            ),
        };
        let full = root.join(&path);
        std::fs::write(&full, text).expect("document");
        files.push(full);
    }
    files
}
