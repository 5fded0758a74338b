//! `masthead check --fix`, `--unsafe-fixes` and `--diff`, end to end.
//!
//! Each folder of tests/fixtures/fix/ is one fixable rule: `site/` is a site
//! where it fires, `expected/` holds each file as `--fix` must leave it
//! (byte for byte; every other file must not change), and an optional
//! `args` file holds extra flags (`--unsafe-fixes`). The `--diff` output of
//! every case is compared with tests/snapshots/fix.diff
//! (`UPDATE_SNAPSHOTS=1` rewrites it).

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;
use support::{assert_snapshot, root};

const NOW: &str = "2026-11-22T12:00:00Z";

fn masthead() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_masthead"));
    cmd.env_remove("MASTHEAD_NOW").env_remove("NO_COLOR");
    cmd.current_dir(root());
    cmd
}

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/fix"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 6, "the fix fixtures are missing");
    dirs
}

/// Every file under `dir`, relative path → bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).unwrap().to_string_lossy();
                out.insert(rel.replace('\\', "/"), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn copy_to_temp(site: &Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (rel, bytes) in files(site) {
        let to = tmp.path().join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, bytes).unwrap();
    }
    tmp
}

fn extra_args(case: &Path) -> Vec<String> {
    std::fs::read_to_string(case.join("args"))
        .map(|s| s.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

fn run(site: &Path, args: &[&str]) -> Output {
    masthead()
        .args(["check", "--now", NOW, "--site"])
        .arg(site)
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn each_fixable_rule_is_fixed_byte_for_byte_and_a_second_run_changes_nothing() {
    for case in cases() {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let original = files(&case.join("site"));
        let expected = files(&case.join("expected"));
        assert!(!expected.is_empty(), "{name}: no expected files");
        let tmp = copy_to_temp(&case.join("site"));
        let mut args: Vec<String> = vec!["--fix".into()];
        args.extend(extra_args(&case));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();

        let first = run(tmp.path(), &args);
        let out = text(&first.stdout);
        assert!(
            out.contains("in 1 file\n") && !out.contains("fixed 0 problems"),
            "{name}: {out}\n{}",
            text(&first.stderr)
        );
        let after = files(tmp.path());
        assert_eq!(
            after.keys().collect::<Vec<_>>(),
            original.keys().collect::<Vec<_>>(),
            "{name}: files were added or removed"
        );
        for (rel, bytes) in &after {
            let want = expected.get(rel).unwrap_or(&original[rel]);
            assert!(
                bytes == want,
                "{name}: {rel} differs from the expected file:\n{}",
                text(bytes)
            );
        }

        // The fixed point: nothing is left to fix.
        let second = run(tmp.path(), &args);
        assert!(
            text(&second.stdout).contains("fixed 0 problems in 0 files\n"),
            "{name}: {}",
            text(&second.stdout)
        );
        assert_eq!(
            files(tmp.path()),
            after,
            "{name}: the second run changed bytes"
        );
    }
}

#[test]
fn unsafe_fixes_need_their_flag() {
    let case = root().join("tests/fixtures/fix/FM011");
    let tmp = copy_to_temp(&case.join("site"));
    let out = run(tmp.path(), &["--fix"]);
    assert!(text(&out.stdout).contains("fixed 0 problems in 0 files\n"));
    assert_eq!(files(tmp.path()), files(&case.join("site")));
    // The human report offers it, naming the flag.
    assert!(
        text(&out.stdout).contains("(`--unsafe-fixes`)\n"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn the_seed_post_changes_only_in_its_excerpt() {
    let site = root().join("tests/fixtures/fix/FM005/site");
    let tmp = copy_to_temp(&site);
    let rel = "_news/2021-11-22-relaunching-the-network-chairs-forum.md";
    let before = std::fs::read(site.join(rel)).unwrap();
    // Every rule runs: only the excerpt's fix may apply.
    let out = run(tmp.path(), &["--fix"]);
    assert!(
        text(&out.stdout).ends_with("fixed 1 problem in 1 file\n"),
        "{}",
        text(&out.stdout)
    );
    let after = std::fs::read(tmp.path().join(rel)).unwrap();
    let head = before
        .iter()
        .zip(&after)
        .take_while(|(a, b)| a == b)
        .count();
    let tail = before
        .iter()
        .rev()
        .zip(after.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    assert_eq!(
        after.len() + 1,
        before.len(),
        "exactly one byte goes: {}",
        text(&after)
    );
    assert_eq!(head + tail, after.len());
    assert!(before[..head].ends_with(b"LGBT+ staff."));
    assert_eq!(&before[head..before.len() - tail], b"\n");
    assert!(after[head..].starts_with(b"\"\ndate: 2021-11-22\n"));
    // The template's comment lines keep the user's trailing spaces.
    let comment = b"from being processed. \n";
    assert!(after.windows(comment.len()).any(|w| w == comment));
    assert!(after.windows(17).any(|w| w == b"# redirect_from: "));
}

#[test]
fn diff_shows_every_fix_writes_nothing_and_exits_as_after_fixing() {
    let mut all = String::new();
    for case in cases() {
        let site = case.join("site");
        let before = files(&site);
        let rel_site = site.strip_prefix(root()).unwrap();
        let mut args = vec!["--diff".to_string()];
        args.extend(extra_args(&case));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(rel_site, &args);
        assert_eq!(files(&site), before, "--diff wrote to {}", site.display());
        all.push_str(&text(&out.stdout));
        assert!(
            text(&out.stderr).starts_with("would fix "),
            "{}",
            text(&out.stderr)
        );
    }
    assert_snapshot("fix.diff", &all);

    // DT001 is a warning: `--deny warnings` fails the check, but not once
    // the date is fixed, and `--diff` answers for the fixed site.
    let site = Path::new("tests/fixtures/fix/DT001/site");
    let plain = run(site, &["--deny", "warnings", "--select", "DT001"]);
    assert_eq!(plain.status.code(), Some(1));
    let diff = run(site, &["--deny", "warnings", "--select", "DT001", "--diff"]);
    assert_eq!(diff.status.code(), Some(0), "{}", text(&diff.stderr));
}

#[test]
fn every_rule_site_reaches_a_fixed_point_in_one_run() {
    let tmp = copy_to_temp(&root().join("tests/fixtures/lint/every-rule"));
    let first = run(
        tmp.path(),
        &["--fix", "--unsafe-fixes", "--format", "concise"],
    );
    let out = text(&first.stdout);
    // DT001, FM005, FM014 (unsafe), FM011 (unsafe), URL001, URL003.
    assert!(out.ends_with("fixed 6 problems in 5 files\n"), "{out}");
    for code in ["DT001", "FM005", "FM011", "FM014", "URL001", "URL003"] {
        assert!(!out.contains(&format!("[{code}]")), "{code} is left: {out}");
    }
    assert!(out.contains("[FM004]"), "FM004 with different values stays");
    let after = files(tmp.path());
    let second = run(
        tmp.path(),
        &["--fix", "--unsafe-fixes", "--format", "concise"],
    );
    assert!(text(&second.stdout).ends_with("fixed 0 problems in 0 files\n"));
    assert_eq!(files(tmp.path()), after);
}

#[test]
fn fix_leaves_the_example_site_alone() {
    let site = root().join("examples/site");
    let tmp = copy_to_temp(&site);
    let out = run(tmp.path(), &["--fix"]);
    assert!(
        text(&out.stdout).contains("fixed 0 problems in 0 files\n"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(files(tmp.path()), files(&site));
}

#[test]
fn json_output_carries_the_fix_and_stdout_stays_json_when_fixing() {
    let site = root().join("tests/fixtures/fix/URL001/site");
    let out = run(&site, &["--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let url001 = value
        .as_array()
        .or_else(|| value["diagnostics"].as_array())
        .unwrap()
        .iter()
        .find(|d| d["code"] == "URL001")
        .cloned()
        .unwrap();
    assert_eq!(url001["fix"]["replacement"], "/");
    assert_eq!(url001["fix"]["safe"], true);

    let tmp = copy_to_temp(&site);
    let fixed = run(tmp.path(), &["--fix", "--format", "json"]);
    let _: serde_json::Value = serde_json::from_slice(&fixed.stdout).unwrap();
    assert_eq!(text(&fixed.stderr), "fixed 1 problem in 1 file\n");
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_site_is_never_written_through() {
    let case = root().join("tests/fixtures/fix/URL001/site");
    let tmp = copy_to_temp(&case);
    let outside = tempfile::tempdir().unwrap();
    let rel = "_news/2022-02-01-lgbt-history-month-2022.md";
    let target = outside.path().join("post.md");
    std::fs::rename(tmp.path().join(rel), &target).unwrap();
    std::os::unix::fs::symlink(&target, tmp.path().join(rel)).unwrap();
    let before = std::fs::read(&target).unwrap();
    let out = run(tmp.path(), &["--fix"]);
    assert_eq!(std::fs::read(&target).unwrap(), before);
    assert!(
        std::fs::symlink_metadata(tmp.path().join(rel))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        text(&out.stdout).contains("fixed 0 problems in 0 files"),
        "{}",
        text(&out.stdout)
    );
}
