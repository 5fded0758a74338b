//! The `masthead` binary, end to end.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use std::process::Command;

mod support;
use support::{assert_snapshot, root};

fn masthead() -> Command {
    Command::new(env!("CARGO_BIN_EXE_masthead"))
}

#[test]
fn list_json_of_the_example_site_has_exactly_the_documented_keys() {
    let out = masthead()
        .args([
            "list",
            "--site",
            "examples/site",
            "--format",
            "json",
            "--now",
            "2026-11-22T12:00:00Z",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "the example site is clean: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = json.as_array().unwrap();
    assert!(docs.len() >= 20, "{}", docs.len());
    let keys = [
        "path",
        "collection",
        "type",
        "url",
        "output",
        "date",
        "date_source",
        "title",
        "published",
        "redirect_from",
        "redirect_to",
    ];
    for doc in docs {
        let got: Vec<&str> = doc
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(got, keys);
    }
    assert_snapshot(
        "list-example-site.json",
        &String::from_utf8(out.stdout).unwrap(),
    );
}

#[test]
fn list_table_of_the_example_site() {
    let out = masthead()
        .args([
            "list",
            "--site",
            "examples/site",
            "--now",
            "2026-11-22T12:00:00Z",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_snapshot(
        "list-example-site.txt",
        &String::from_utf8(out.stdout).unwrap(),
    );
}

#[test]
fn site_defaults_to_the_nearest_folder_with_a_config() {
    let out = masthead()
        .args(["list", "--format", "json"])
        .env("MASTHEAD_NOW", "2026-11-22")
        .current_dir(root().join("examples/site/_news"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .any(|d| d["collection"] == "events")
    );
}

#[test]
fn problems_go_to_stderr_with_file_line_and_column_and_exit_is_still_0() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("_config.yml"),
        "collections:\n  news:\n    output: true\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("_news")).unwrap();
    std::fs::write(
        dir.path().join("_news/2021-01-01-a.md"),
        "---\ntitle: A\ntitle: B\n---\n",
    )
    .unwrap();
    let out = masthead()
        .args(["list", "--site"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("_news/2021-01-01-a.md:3:1: error[FM004]: `title` is written twice with different values"),
        "{stderr}"
    );
    let quiet = masthead()
        .args(["list", "--quiet", "--site"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(quiet.stderr.is_empty());
}

#[test]
fn a_missing_site_or_a_bad_now_cannot_run() {
    let out = masthead()
        .args(["list", "--site", "/nonexistent/site"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a folder"));
    let out = masthead()
        .args(["list", "--site", "examples/site", "--now", "soon"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--now `soon`"));
}
