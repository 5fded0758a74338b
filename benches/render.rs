//! Rendering benchmark, two ratios measured in one run:
//!
//! 1. loading a generated 10,000-document site and rendering it with every
//!    built-in renderer into memory (what `masthead render --dry-run`
//!    does: the sink, no writes) against the YAML and Markdown libraries
//!    alone (serde_yaml on the front matter, comrak parsing and rendering
//!    each body to HTML, in parallel with rayon) — goal ≤ 1.5×;
//! 2. the same against `hugo --renderToMemory` over the same content laid
//!    out as a Hugo site (Debian's hugo; skipped when it is not installed)
//!    — goal: masthead ≥ 10× faster.
//!
//! Each ratio is the median of the ratios within one run (both measures
//! back to back), beside the ratio of the medians.
//!
//! Run: `cargo bench --bench render` (`-- --docs N --runs N --skip-hugo`;
//! `--only masthead|baseline` repeats one measure for a profiler).

// Benches may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead::model::date::Instant;
use masthead::model::site::Site;
use masthead::render::{RenderRun, Renderer, render_site};
use masthead::{LoadOptions, load_site};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant as Clock};

mod support;

/// The allocator the `masthead` binary uses.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Every built-in renderer, in the order `masthead render` runs them
/// (crates/masthead-cli/src/render.rs).
fn renderers() -> Vec<Box<dyn Renderer>> {
    vec![
        Box::new(masthead::html::HtmlRenderer),
        Box::new(masthead::render::redirects::RedirectsRenderer),
        Box::new(masthead::feeds::FeedsRenderer),
        Box::new(masthead::ical::IcalRenderer),
        Box::new(masthead::json_api::JsonRenderer),
    ]
}

fn main() {
    let mut docs = 10_000usize;
    let mut runs = 7usize;
    let mut hugo = true;
    let mut only_measure: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--docs" => docs = args.next().and_then(|v| v.parse().ok()).unwrap_or(docs),
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).unwrap_or(runs),
            "--skip-hugo" => hugo = false,
            "--only" => only_measure = args.next(),
            _ => {}
        }
    }
    let now = Instant::parse("2026-11-22T12:00:00Z").expect("fixed now");
    let dir = tempfile::tempdir().expect("temporary folder");
    let files = support::generate(dir.path(), docs);
    let all = renderers();

    if let Some(measure) = only_measure {
        for _ in 0..runs {
            let n = match measure.as_str() {
                "baseline" => baseline(&files),
                "masthead" => masthead(dir.path(), now, &all).0,
                other => panic!("--only takes masthead or baseline, not {other}"),
            };
            std::hint::black_box(n);
        }
        return;
    }

    let hugo_site = tempfile::tempdir().expect("temporary folder");
    let hugo_bin = hugo.then(hugo_available).flatten();
    if hugo_bin.is_some() {
        hugo_layout(&files, hugo_site.path());
    }

    // Warm the page cache and the thread pool.
    std::hint::black_box(baseline(&files));
    std::hint::black_box(masthead(dir.path(), now, &all));

    let mut t_base = Vec::new();
    let mut t_mast = Vec::new();
    let mut t_hugo = Vec::new();
    let mut artifacts = 0;
    // Processor time beside wall-clock time: how many cores each measure
    // kept busy, on average.
    let (mut cpu_base, mut cpu_mast) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..runs {
        let cpu = cpu_time();
        let start = Clock::now();
        std::hint::black_box(baseline(&files));
        t_base.push(start.elapsed());
        cpu_base += cpu_time().saturating_sub(cpu);

        let cpu = cpu_time();
        let start = Clock::now();
        let (n, _, kept) = masthead(dir.path(), now, &all);
        t_mast.push(start.elapsed());
        cpu_mast += cpu_time().saturating_sub(cpu);
        artifacts = n;
        drop(kept);

        if let Some(bin) = &hugo_bin {
            let start = Clock::now();
            let status = Command::new(bin)
                .args(["--renderToMemory", "--quiet", "--source"])
                .arg(hugo_site.path())
                .status()
                .expect("hugo runs");
            t_hugo.push(start.elapsed());
            assert!(status.success(), "hugo failed on the generated site");
        }
    }

    // Where the time goes: load, then each renderer alone (one more run).
    let start = Clock::now();
    let site = load_site(dir.path(), &LoadOptions::default().with_now(now)).expect("site loads");
    let load = start.elapsed();
    let mut parts = vec![("load".to_string(), load)];
    for r in &all {
        let start = Clock::now();
        std::hint::black_box(render_site(&site, &[r.as_ref()]));
        parts.push((r.name().to_string(), start.elapsed()));
    }

    // Each run times both back to back: the figures quoted are paired
    // ratios (`support::paired_ratio`), as the check benchmark's are.
    let busy = |cpu: Duration, wall: &[Duration]| {
        cpu.as_secs_f64() / wall.iter().sum::<Duration>().as_secs_f64()
    };
    let (busy_base, busy_mast) = (busy(cpu_base, &t_base), busy(cpu_mast, &t_mast));
    let mast_base = support::paired_ratio(&t_mast, &t_base);
    let hugo_mast = (!t_hugo.is_empty()).then(|| support::paired_ratio(&t_hugo, &t_mast));
    let base = median(&mut t_base);
    let mast = median(&mut t_mast);
    println!(
        "render bench: {docs} documents, {artifacts} artifacts, {} renderers, median of {runs} runs, {} threads",
        all.len(),
        rayon::current_num_threads()
    );
    println!(
        "  baseline (serde_yaml + comrak to HTML, rayon): {} ({busy_base:.2} cores busy)",
        ms(base)
    );
    println!(
        "  masthead load + render (every renderer, in memory): {} ({busy_mast:.2} cores busy)",
        ms(mast)
    );
    let breakdown: Vec<String> = parts
        .iter()
        .map(|(n, t)| format!("{n} {}", ms(*t)))
        .collect();
    println!("    one run, by stage: {}", breakdown.join(", "));
    let ratio = mast.as_secs_f64() / base.as_secs_f64();
    println!(
        "  (a) masthead / libraries alone: {mast_base:.2}x (goal <= 1.5: {}; of the medians {ratio:.2}x)",
        if mast_base <= 1.5 { "met" } else { "NOT met" }
    );
    match hugo_mast {
        Some(speedup) => {
            let h = median(&mut t_hugo);
            let of_medians = h.as_secs_f64() / mast.as_secs_f64();
            println!("  hugo --renderToMemory: {}", ms(h));
            println!(
                "  (b) hugo / masthead: {speedup:.2}x (goal >= 10: {}; of the medians {of_medians:.2}x)",
                if speedup >= 10.0 { "met" } else { "NOT met" }
            );
        }
        None => println!("  hugo: not installed, skipped"),
    }
}

/// Loads the site and renders it with `renderers` into memory; returns the
/// artifact and diagnostic counts, and the site and the render, which the
/// caller frees after stopping the clock, as `masthead render` frees them
/// on a background thread while the process exits.
fn masthead(
    root: &Path,
    now: Instant,
    renderers: &[Box<dyn Renderer>],
) -> (usize, usize, (Site, RenderRun)) {
    let site = load_site(root, &LoadOptions::default().with_now(now)).expect("site loads");
    let chosen: Vec<&dyn Renderer> = renderers.iter().map(|r| r.as_ref()).collect();
    let run = render_site(&site, &chosen);
    (run.sink.len(), run.diagnostics.len(), (site, run))
}

/// The libraries alone: read each file, parse its front matter with
/// serde_yaml, parse and render its body with comrak (the extensions
/// masthead turns on), in parallel.
fn baseline(files: &[PathBuf]) -> usize {
    let mut options = support::markdown_options();
    options.extension.header_id_prefix = Some(String::new());
    options.render.r#unsafe = true;
    files
        .par_iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            let rest = text.strip_prefix("---\n").unwrap_or(&text);
            let (yaml, body) = rest.split_once("\n---\n").unwrap_or(("", rest));
            let value: serde_yaml::Value =
                serde_yaml::from_str(yaml).unwrap_or(serde_yaml::Value::Null);
            let html = comrak::markdown_to_html(body, &options);
            usize::from(!value.is_null()) + html.len()
        })
        .sum()
}

/// The processor time (user and system) this process has used so far, from
/// `/proc/self/stat` in clock ticks of 10 ms (zero where there is no
/// `/proc`): summed over a benchmark's runs, precise enough to tell how
/// many cores a measure kept busy.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces), from field 3.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: u64 = after
        .split_whitespace()
        .skip(11) // fields 3..=13; 14 and 15 are utime and stime
        .take(2)
        .filter_map(|t| t.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

/// The `hugo` binary, when it runs.
fn hugo_available() -> Option<PathBuf> {
    let ok = Command::new("hugo")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then(|| PathBuf::from("hugo"))
}

/// The generated documents as a Hugo site: `content/news/*.md` with the
/// front matter Hugo reads (`redirect_from` → `aliases`, `category` →
/// `categories`; Jekyll's `layout` and `permalink` dropped), one
/// `layouts/_default/single.html`, raw HTML passed through as masthead does.
fn hugo_layout(files: &[PathBuf], to: &Path) {
    std::fs::create_dir_all(to.join("content/news")).expect("content folder");
    std::fs::create_dir_all(to.join("layouts/_default")).expect("layouts folder");
    std::fs::write(
        to.join("hugo.toml"),
        "baseURL = 'https://www.example.org/'\ntitle = 'Bench Network'\ntimeZone = 'Europe/London'\n[markup.goldmark.renderer]\nunsafe = true\n",
    )
    .expect("hugo config");
    std::fs::write(
        to.join("layouts/_default/single.html"),
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{{ .Title }}</title>\n<link rel=\"canonical\" href=\"{{ .Permalink }}\">\n</head>\n<body>\n<article>\n<h1>{{ .Title }}</h1>\n{{ .Content }}</article>\n</body>\n</html>\n",
    )
    .expect("hugo layout");
    for (i, f) in files.iter().enumerate() {
        let text = std::fs::read_to_string(f).expect("generated file");
        let rest = text.strip_prefix("---\n").unwrap_or(&text);
        let (yaml, body) = rest.split_once("\n---\n").unwrap_or(("", rest));
        let mut front = String::new();
        for line in yaml.lines() {
            if line.starts_with("layout:") || line.starts_with("permalink:") {
                continue;
            }
            let line = match line {
                "redirect_from:" => "aliases:",
                "category: " | "category:" => "categories:",
                other if other.starts_with("category: ") => {
                    front.push_str(&format!("categories: [{}]\n", &other[10..]));
                    continue;
                }
                other => other,
            };
            front.push_str(line);
            front.push('\n');
        }
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("doc.md");
        std::fs::write(
            to.join(format!("content/news/{i:05}-{name}")),
            format!("---\n{front}---\n{body}"),
        )
        .expect("hugo content");
    }
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}
