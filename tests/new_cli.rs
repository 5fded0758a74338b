//! `masthead new`, end to end through `masthead_cli::run`: for each
//! collection of the example site (copied to a temporary folder), a title
//! alone gives a file named like the collection's documents, shaped like its
//! seeds (snapshots under tests/snapshots/new-*; `UPDATE_SNAPSHOTS=1`
//! rewrites them), on which `masthead check` exits 0. Then the options, the
//! site's own archetypes, and the refusals: an existing file, an unknown
//! collection, a title with no letters.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod support;
use support::{assert_snapshot, root};

const NOW: &str = "2026-11-22T12:00:00Z";

struct Run {
    code: ExitCode,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = masthead_cli::run(
        std::iter::once("masthead").chain(args.iter().copied()),
        &mut out,
        &mut err,
    );
    Run {
        code,
        stdout: String::from_utf8(out).unwrap(),
        stderr: String::from_utf8(err).unwrap(),
    }
}

/// A copy of examples/site in a temporary folder.
fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    support::copy_dir(&root().join("examples/site"), &site);
    (dir, site)
}

fn new(site: &Path, args: &[&str]) -> Run {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--site", site.to_str().unwrap(), "--now", NOW]);
    run(&all)
}

fn check(site: &Path) -> Run {
    run(&["check", "--site", site.to_str().unwrap(), "--now", NOW])
}

#[test]
fn each_collection_gets_a_seed_shaped_file_that_checks_clean() {
    let (_dir, site) = site();
    for (collection, file) in [
        ("news", "_news/2026-11-22-cafe-pride-2026.md"),
        ("events", "_events/2026-11-22-cafe-pride-2026.md"),
        ("team", "_team/cafe-pride-2026.md"),
        ("topics", "_topics/cafe-pride-2026.md"),
    ] {
        let r = new(&site, &[collection, "Café Pride – 2026!"]);
        assert_eq!(r.code, ExitCode::SUCCESS, "{collection}: {}", r.stderr);
        let path = site.join(file);
        assert_eq!(r.stdout, format!("{}\n", path.display()));
        let text = std::fs::read_to_string(&path).unwrap();
        // The house template: the toggle note (its trailing space kept), a
        // blank line, optional keys commented out.
        assert!(text.starts_with("---\n# Put a '#' at the start of a line to switch that setting off, and remove the '#' to switch it back on. \n\n"));
        assert_snapshot(&format!("new-{collection}.md"), &text);
        let c = check(&site);
        assert_eq!(
            c.code,
            ExitCode::SUCCESS,
            "{collection}:\n{}{}",
            c.stdout,
            c.stderr
        );
    }
}

#[test]
fn options_fill_the_template_and_the_permalink_follows_them() {
    let (_dir, site) = site();
    let r = new(
        &site,
        &[
            "news",
            "Relaunching: the forum",
            "--date",
            "2026-01-05",
            "--author",
            "Alex Morgan",
            "--category",
            "network-chairs",
            "--category",
            "pride",
        ],
    );
    assert_eq!(r.code, ExitCode::SUCCESS, "{}", r.stderr);
    let text =
        std::fs::read_to_string(site.join("_news/2026-01-05-relaunching-the-forum.md")).unwrap();
    assert_snapshot("new-news-options.md", &text);
    let c = check(&site);
    assert_eq!(c.code, ExitCode::SUCCESS, "{}{}", c.stdout, c.stderr);
    // The URL masthead computes for the file is the permalink it wrote.
    let list = run(&[
        "list",
        "--format",
        "json",
        "--site",
        site.to_str().unwrap(),
        "--now",
        NOW,
    ]);
    assert!(
        list.stdout
            .contains("\"url\": \"/news/2026/01/05/relaunching-the-forum\""),
        "{}",
        list.stdout
    );
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let (_dir, site) = site();
    let existing = site.join("_news/2021-11-22-relaunching-the-network-chairs-forum.md");
    let before = std::fs::read(&existing).unwrap();
    let r = new(
        &site,
        &[
            "news",
            "Relaunching the network chairs forum",
            "--date",
            "2021-11-22",
        ],
    );
    assert_eq!(r.code, ExitCode::from(2));
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert_eq!(std::fs::read(&existing).unwrap(), before);
}

#[test]
fn slugs_stay_in_the_collection_folder() {
    let (_dir, site) = site();
    let r = new(&site, &["topics", "../../etc/passwd"]);
    assert_eq!(r.code, ExitCode::SUCCESS, "{}", r.stderr);
    assert!(site.join("_topics/etc-passwd.md").is_file());
    let r = new(&site, &["topics", "!!! ???"]);
    assert_eq!(r.code, ExitCode::from(2));
    assert!(r.stderr.contains("no letters or digits"), "{}", r.stderr);
    for bad in ["2026-02-30", "5 January", "2026-1-5"] {
        let r = new(&site, &["news", "Dated", "--date", bad]);
        assert_eq!(r.code, ExitCode::from(2), "{bad}");
        assert!(r.stderr.contains("not a real day"), "{}", r.stderr);
    }
    let r = new(&site, &["nope", "Title"]);
    assert_eq!(r.code, ExitCode::from(2));
    assert!(r.stderr.contains("no collection `nope`"), "{}", r.stderr);
}

#[test]
fn dry_run_writes_nothing() {
    let (_dir, site) = site();
    let r = new(&site, &["events", "Winter social", "--dry-run"]);
    assert_eq!(r.code, ExitCode::SUCCESS, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("_events/2026-11-22-winter-social.md\n---\n"),
        "{}",
        r.stdout
    );
    assert!(!site.join("_events/2026-11-22-winter-social.md").exists());
}

#[test]
fn the_site_archetype_wins_and_keeps_its_bytes() {
    let (_dir, site) = site();
    let archetype = "---\r\n# Our own template \r\ntitle: ''\r\nlayout: topic\r\n\r\n# colour: \"pink\"\r\n---\r\nWrite here.\r\n";
    std::fs::create_dir_all(site.join("_archetypes")).unwrap();
    std::fs::write(site.join("_archetypes/topics.md"), archetype).unwrap();
    let r = new(&site, &["topics", "It's Pride"]);
    assert_eq!(r.code, ExitCode::SUCCESS, "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(site.join("_topics/it-s-pride.md")).unwrap(),
        archetype.replace("title: ''", "title: 'It''s Pride'")
    );
    let c = check(&site);
    assert_eq!(c.code, ExitCode::SUCCESS, "{}{}", c.stdout, c.stderr);
}
