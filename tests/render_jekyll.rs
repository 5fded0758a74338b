//! The `redirects` renderer against the real jekyll-redirect-from: each
//! site is built with Jekyll, and every redirect stub and `redirects.json`
//! masthead writes (with `keep_query_and_hash: false`) must equal Jekyll's
//! byte for byte, except that masthead escapes the target where Jekyll
//! writes it raw (`&` as `&amp;` in attributes, quotes and `<` escaped).
//! Every stub Jekyll writes must be among masthead's.
//!
//! Needs `jekyll` and `ruby-jekyll-redirect-from` (Debian packages). When
//! they are missing the test says so and passes, unless
//! `MASTHEAD_REQUIRE_JEKYLL=1` (as in CI and scripts/test.sh), which makes
//! it fail.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead::model::date::Instant;
use masthead::model::{Map, Value};
use masthead::render::escape::{html, js_string};
use masthead::render::redirects::RedirectsRenderer;
use masthead::render::render_site;
use masthead::{LoadOptions, load_site};
use std::path::{Path, PathBuf};
use std::process::Command;

const STUB_START: &str = "<!DOCTYPE html>\n<html lang=\"en-US\">\n  <meta charset=\"utf-8\">\n  <title>Redirecting&hellip;</title>\n";

fn jekyll_available() -> Result<(), String> {
    let ok = Command::new("ruby")
        .args(["-e", "require 'jekyll'; require 'jekyll-redirect-from'"])
        .output()
        .map_err(|e| format!("cannot run ruby: {e}"))?;
    if !ok.status.success() {
        return Err("ruby cannot load jekyll and jekyll-redirect-from".into());
    }
    Command::new("jekyll")
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run jekyll: {e}"))
        .map(drop)
}

fn files(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        if entry.file_type().unwrap().is_dir() {
            files(&entry.path(), &rel, out);
        } else {
            out.push(rel);
        }
    }
}

/// Jekyll's stub with the target escaped as masthead escapes it.
fn escaped_like_masthead(jekyll: &str) -> String {
    let start = jekyll.find("<link rel=\"canonical\" href=\"").unwrap() + 28;
    let end = start + jekyll[start..].find("\">\n").unwrap();
    let raw = &jekyll[start..end];
    jekyll
        .replace(
            &format!("location=\"{raw}\""),
            &format!("location=\"{}\"", js_string(raw)),
        )
        .replace(
            &format!("href=\"{raw}\""),
            &format!("href=\"{}\"", html(raw)),
        )
        .replace(&format!("url={raw}\""), &format!("url={}\"", html(raw)))
}

fn compare(site_dir: &Path) -> (usize, Vec<String>) {
    let dest = tempfile::tempdir().unwrap();
    let built = Command::new("jekyll")
        .args(["build", "--quiet", "--disable-disk-cache", "-s"])
        .arg(site_dir)
        .arg("-d")
        .arg(dest.path())
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "jekyll build {}: {}",
        site_dir.display(),
        String::from_utf8_lossy(&built.stderr)
    );

    let options = LoadOptions::default().with_now(Instant::now());
    let mut site = load_site(site_dir, &options).unwrap();
    let mut masthead = site.config.masthead.clone().unwrap_or_default();
    let mut settings = Map::default();
    settings.insert("keep_query_and_hash".into(), Value::Bool(false));
    masthead
        .render
        .insert("redirects".into(), Value::from(settings));
    site.config.masthead = Some(masthead);
    let run = render_site(&site, &[&RedirectsRenderer]);
    assert!(run.diagnostics.is_empty(), "{:?}", run.diagnostics);

    let mut problems = Vec::new();
    let mut compared = 0;
    for a in run.sink.artifacts() {
        let is_stub = a.media_type.starts_with("text/html");
        if !is_stub && a.path != "redirects.json" {
            continue;
        }
        let Ok(jekyll) = std::fs::read(dest.path().join(&a.path)) else {
            problems.push(format!(
                "{}: Jekyll wrote no {}",
                site_dir.display(),
                a.path
            ));
            continue;
        };
        let want = if is_stub {
            escaped_like_masthead(&String::from_utf8(jekyll).unwrap()).into_bytes()
        } else {
            jekyll
        };
        compared += 1;
        if want != a.bytes {
            problems.push(format!(
                "{}: {} differs\n--- jekyll\n{}\n--- masthead\n{}",
                site_dir.display(),
                a.path,
                String::from_utf8_lossy(&want),
                String::from_utf8_lossy(&a.bytes)
            ));
        }
    }
    let mut written = Vec::new();
    files(dest.path(), "", &mut written);
    for path in written {
        let text = std::fs::read_to_string(dest.path().join(&path)).unwrap_or_default();
        if text.starts_with(STUB_START) && run.sink.get(&path).is_none() {
            problems.push(format!(
                "{}: masthead writes no stub at {path}",
                site_dir.display()
            ));
        }
    }
    (compared, problems)
}

#[test]
fn redirect_outputs_match_jekyll_redirect_from() {
    if let Err(why) = jekyll_available() {
        if std::env::var_os("MASTHEAD_REQUIRE_JEKYLL").is_some_and(|v| v == "1") {
            panic!("{why} (MASTHEAD_REQUIRE_JEKYLL=1)");
        }
        eprintln!("skipping: {why}");
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut total = 0;
    let mut problems = Vec::new();
    for site in [
        "examples/site",
        "tests/fixtures/render/redirect-compat/site",
        "tests/fixtures/render/sanitize/site",
    ] {
        let (n, p) = compare(&root.join(site));
        assert!(n > 1, "{site}: only {n} file(s) compared");
        total += n;
        problems.extend(p);
    }
    eprintln!("{total} redirect outputs identical to jekyll-redirect-from's");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
