//! Checking benchmark, three ratios measured in one run:
//!
//! 1. full check of a generated 10,000-document site (load + every default
//!    rule, Markdown bodies included) against a baseline of the YAML and
//!    Markdown libraries alone (serde_yaml on the front matter, comrak on the
//!    body) parsing the same files — goal ≤ 1.5×;
//! 2. checking one staged file (the pre-commit case: only the others' front
//!    matter is read) against the full check — goal ≤ 40 %;
//! 3. `masthead check` of the example site scaled up to about 1,250
//!    documents against `jekyll build` of the same site (Debian's jekyll;
//!    skipped when it is not installed) — goal ≥ 100× faster.
//!
//! Run: `cargo bench --bench check` (`-- --docs N --runs N --skip-jekyll`;
//! `--only full|staged|baseline` repeats one measure for a profiler, as
//! `scripts/bench-instructions.sh` does to count instructions).

// Benches may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead::lint::{CheckOptions, Engine, LintConfig};
use masthead::model::date::Instant;
use masthead::model::site::Site;
use masthead::{LoadOptions, load_site};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant as Clock};

mod support;

/// The allocator the `masthead` binary uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut docs = 10_000usize;
    let mut runs = 11usize;
    let mut jekyll = true;
    // For profilers: run only one measure, `runs` times, and stop.
    let mut only_measure: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--docs" => docs = args.next().and_then(|v| v.parse().ok()).unwrap_or(docs),
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).unwrap_or(runs),
            "--skip-jekyll" => jekyll = false,
            "--only" => only_measure = args.next(),
            // Write the example site scaled up to 1,250 documents and stop.
            "--scaled-only" => {
                let to = PathBuf::from(args.next().unwrap_or_else(|| "scaled-site".into()));
                std::fs::create_dir_all(&to).expect("output folder");
                scale_example_site(&to, 1_250);
                return;
            }
            // Write the generated site to a folder and stop (to inspect it).
            "--generate-only" => {
                let to = PathBuf::from(args.next().unwrap_or_else(|| "generated-site".into()));
                std::fs::create_dir_all(&to).expect("output folder");
                support::generate(&to, docs);
                return;
            }
            _ => {}
        }
    }
    let now = Instant::parse("2026-11-22T12:00:00Z").expect("fixed now");
    let dir = tempfile::tempdir().expect("temporary folder");
    let files = support::generate(dir.path(), docs);
    let staged = files[files.len() / 2]
        .strip_prefix(dir.path())
        .expect("inside the site")
        .to_string_lossy()
        .replace('\\', "/");

    if let Some(measure) = only_measure {
        // The loaded sites are never freed, as in the timed runs (which
        // stop the clock first): the process is about to exit.
        let mut kept = Vec::new();
        for _ in 0..runs {
            let n = match measure.as_str() {
                "baseline" => baseline(&files),
                "full" | "staged" => {
                    let (n, site) = if measure == "full" {
                        full_check(dir.path(), now)
                    } else {
                        staged_check(dir.path(), now, &staged)
                    };
                    kept.push(site);
                    n
                }
                other => panic!("--only takes baseline, full or staged, not {other}"),
            };
            std::hint::black_box(n);
        }
        std::mem::forget(kept);
        return;
    }

    // Warm up every path once.
    let _ = baseline(&files);
    let _ = full_check(dir.path(), now);
    let _ = staged_check(dir.path(), now, &staged);

    let (mut base, mut full, mut one) = (Vec::new(), Vec::new(), Vec::new());
    let mut findings = 0;
    for _ in 0..runs {
        let t = Clock::now();
        std::hint::black_box(baseline(&files));
        base.push(t.elapsed());
        let t = Clock::now();
        let (n, site) = full_check(dir.path(), now);
        full.push(t.elapsed());
        findings = n;
        drop(site);
        let t = Clock::now();
        let (n, site) = staged_check(dir.path(), now, &staged);
        one.push(t.elapsed());
        std::hint::black_box(n);
        drop(site);
    }
    // Each run times the three measures back to back, so their ratios in
    // one run share the machine's state; the median of those ratios is the
    // figure to quote on a shared machine whose speed drifts between runs.
    let full_base = support::paired_ratio(&full, &base);
    let one_full = support::paired_ratio(&one, &full);
    let (base, full, one) = (median(&mut base), median(&mut full), median(&mut one));
    println!(
        "documents: {docs}, runs: {runs}, threads: {}, findings: {findings}",
        rayon::current_num_threads()
    );
    println!("baseline  serde_yaml + comrak parse:  {:>9.2} ms", ms(base));
    println!("masthead  full check:                 {:>9.2} ms", ms(full));
    println!("masthead  one staged file:            {:>9.2} ms", ms(one));
    println!(
        "ratio full check / baseline:          {:>9.2}x (goal <= 1.5; of the medians {:.2}x)",
        full_base,
        ratio(full, base)
    );
    println!(
        "ratio staged / full check:            {:>9.1} % (goal <= 40; of the medians {:.1} %)",
        100.0 * one_full,
        100.0 * ratio(one, full)
    );

    if jekyll {
        compare_with_jekyll();
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The YAML and Markdown libraries alone: read each file, cut the front
/// matter at the fences, parse it with serde_yaml and the body with comrak.
fn baseline(files: &[PathBuf]) -> usize {
    files
        .par_iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            let rest = text.strip_prefix("---\n").unwrap_or(&text);
            let (yaml, body) = rest.split_once("\n---\n").unwrap_or(("", rest));
            let value: serde_yaml::Value =
                serde_yaml::from_str(yaml).unwrap_or(serde_yaml::Value::Null);
            let arena = comrak::Arena::new();
            let root = comrak::parse_document(&arena, body, &support::markdown_options());
            usize::from(!value.is_null()) + root.children().count()
        })
        .sum()
}

fn engine_check(
    site: &masthead::model::site::Site,
    now: Instant,
    only: Option<HashSet<String>>,
) -> usize {
    let registry = masthead::rules::registry();
    let (config, problems) = LintConfig::from_site(site, &registry);
    let engine = Engine::new(&registry, config, problems);
    let mut options = CheckOptions::new(now);
    if let Some(only) = only {
        options = options.only(only);
    }
    engine.check(site, &options).diagnostics.len()
}

/// A full check: the number of findings, and the loaded site, which the
/// caller drops after stopping the clock, as `masthead check` frees it on a
/// background thread while the process exits.
fn full_check(root: &Path, now: Instant) -> (usize, Site) {
    let site = load_site(root, &LoadOptions::default().with_now(now)).expect("site loads");
    (engine_check(&site, now, None), site)
}

/// A pre-commit check of one staged file (see [`full_check`]).
fn staged_check(root: &Path, now: Instant, staged: &str) -> (usize, Site) {
    let only: HashSet<String> = [staged.to_string()].into();
    let mut options = LoadOptions::default().with_now(now);
    options.bodies_for = Some(only.clone());
    options.diagnose_only = Some(only.clone());
    let site = load_site(root, &options).expect("site loads");
    (engine_check(&site, now, Some(only)), site)
}

/// `masthead check` (the binary) against `jekyll build` on the example site
/// scaled up to about 1,250 documents.
fn compare_with_jekyll() {
    let have_jekyll = Command::new("jekyll")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_jekyll {
        println!(
            "jekyll: not installed, comparison skipped (apt-get install jekyll ruby-jekyll-redirect-from)"
        );
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let site = dir.path().join("site");
    let count = scale_example_site(&site, 1_250);
    let dest = dir.path().join("_site");
    // Rounds of one Jekyll build and then five masthead checks: the
    // machine's speed drifts over the minute this takes, so each round's
    // ratio compares runs made under the same conditions, and the median
    // of those is the figure (as the other comparisons here do).
    let jekyll_run = || {
        let t = Clock::now();
        let status = Command::new("jekyll")
            .args(["build", "--quiet", "--source"])
            .arg(&site)
            .arg("--destination")
            .arg(&dest)
            .env("TZ", "UTC")
            .status()
            .expect("jekyll runs");
        assert!(status.success(), "jekyll build failed");
        t.elapsed()
    };
    let masthead_run = || {
        let t = Clock::now();
        let out = Command::new(env!("CARGO_BIN_EXE_masthead"))
            .args([
                "check",
                "--format",
                "concise",
                "--now",
                "2026-11-22T12:00:00Z",
                "--site",
            ])
            .arg(&site)
            .output()
            .expect("masthead runs");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        t.elapsed()
    };
    let (mut jekyll, mut masthead, mut per_round) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..3 {
        jekyll.push(jekyll_run());
        let mut round: Vec<Duration> = (0..5).map(|_| masthead_run()).collect();
        per_round.push(median(&mut round));
        masthead.extend(round);
    }
    let paired = support::paired_ratio(&jekyll, &per_round);
    let (j, m) = (median(&mut jekyll), median(&mut masthead));
    println!("scaled example site: {count} documents");
    println!("jekyll build (median of 3):           {:>9.2} ms", ms(j));
    println!("masthead check (binary, median of 15): {:>8.2} ms", ms(m));
    println!(
        "ratio jekyll / masthead:              {:>9.1}x (goal >= 100; of the medians {:.1}x)",
        paired,
        ratio(j, m)
    );
}

/// Copies `examples/site` to `to` and adds copies of its news posts (new
/// dates, slugs and permalinks, no redirects) until it holds `target`
/// documents. Returns the number of documents.
fn scale_example_site(to: &Path, target: usize) -> usize {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/site");
    copy_dir(&from, to);
    let news: Vec<(String, String)> = std::fs::read_dir(to.join("_news"))
        .expect("news folder")
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(e.path()).expect("readable"))
        })
        .collect();
    let existing = ["_news", "_events", "_team", "_topics"]
        .iter()
        .map(|d| {
            std::fs::read_dir(to.join(d))
                .map(|r| r.count())
                .unwrap_or(0)
        })
        .sum::<usize>();
    let mut count = existing;
    let mut copy = 0;
    while count < target {
        for (name, text) in &news {
            if count >= target {
                break;
            }
            copy += 1;
            let stem = name.trim_end_matches(".md");
            let new_name = format!("{stem}-copy-{copy}.md");
            let mut out = String::new();
            let mut skipping_list = false;
            for line in text.lines() {
                if skipping_list && line.trim_start().starts_with('-') {
                    continue;
                }
                skipping_list = false;
                if line.starts_with("redirect_from:") || line.starts_with("redirect_to:") {
                    skipping_list = true;
                    continue;
                }
                if let Some(p) = line.strip_prefix("permalink: ") {
                    out.push_str(&format!("permalink: {p}-copy-{copy}\n"));
                    continue;
                }
                out.push_str(line);
                out.push('\n');
            }
            std::fs::write(to.join("_news").join(new_name), out).expect("write copy");
            count += 1;
        }
    }
    count
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}
