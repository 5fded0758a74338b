//! The pre-commit hook of .pre-commit-hooks.yaml, run by the real
//! `pre-commit` (from PyPI; `scripts/test.sh` installs it) on a small site
//! in a temporary git repository.
//!
//! `pre-commit try-repo` builds masthead from a git commit (`language: rust`
//! runs `cargo install --path .` in its own clone). So that the test checks
//! the working tree as it is (uncommitted and untracked files included, as
//! they are while developing; in CI's clean checkout that is the commit
//! itself) rather than only the last commit, it commits a copy of the
//! working tree's files into a snapshot repository under `target/` and
//! passes that commit with `--ref`.
//!
//! try-repo clones and installs into a temporary store on every call (it
//! ignores `PRE_COMMIT_HOME`), so what is reused between runs is the build
//! itself: `CARGO_TARGET_DIR` points the hook's release build at a folder
//! under `target/`, and each call recompiles masthead's own crates (tens of
//! seconds) but not its dependencies. The very first run takes a few
//! minutes.
//!
//! Without `pre-commit` the test is skipped, unless
//! `MASTHEAD_REQUIRE_PRE_COMMIT=1` (set by scripts/test.sh after installing
//! it) makes that a failure.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;
use support::{copy_dir, root};

/// How to start `pre-commit`: the script, or `python3 -m pre_commit` when
/// pip put the module where the script is not on `PATH`; `None` when
/// neither runs.
fn pre_commit() -> Option<Vec<&'static str>> {
    [vec!["pre-commit"], vec!["python3", "-m", "pre_commit"]]
        .into_iter()
        .find(|argv| {
            Command::new(argv[0])
                .args(&argv[1..])
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

fn run(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = run(Command::new("git")
        .args([
            "-c",
            "user.name=masthead tests",
            "-c",
            "user.email=tests@example.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "core.hooksPath=/dev/null",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", "2000-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2000-01-01T00:00:00Z"));
    assert!(
        out.status.success(),
        "git {args:?} in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Commits a copy of this repository's working tree (tracked and untracked
/// files that are not ignored) to a fresh repository at `dest`; returns the
/// commit, which depends only on the files.
fn snapshot_of_this_repository(dest: &Path) -> String {
    let listing = git(
        root(),
        &[
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ],
    );
    if dest.exists() {
        std::fs::remove_dir_all(dest).unwrap();
    }
    std::fs::create_dir_all(dest).unwrap();
    for rel in listing.split('\0').filter(|r| !r.is_empty()) {
        let from = root().join(rel);
        // Deleted but not yet committed as deleted.
        if !from.is_file() {
            continue;
        }
        let to = dest.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&from, &to).unwrap();
    }
    git(dest, &["init", "-q"]);
    git(dest, &["add", "-A"]);
    git(
        dest,
        &["commit", "-q", "--no-verify", "-m", "masthead working tree"],
    );
    git(dest, &["rev-parse", "HEAD"]).trim().to_string()
}

/// A post with its title written twice, differently: an error at 4:1.
const BROKEN_POST: &str = "---
# Adding or removing a '#' in front of a line will toggle that information off and on from being processed. 
title: \"Our autumn social\"
title: \"Our autumn social at the museum\"
date: 2026-10-01 18:00:00
---
Join us for drinks after work.
";

#[test]
fn the_hook_fails_on_a_staged_problem_and_passes_a_clean_file() {
    let Some(pre_commit) = pre_commit() else {
        assert!(
            std::env::var("MASTHEAD_REQUIRE_PRE_COMMIT").as_deref() != Ok("1"),
            "MASTHEAD_REQUIRE_PRE_COMMIT=1 but `pre-commit --version` does not run"
        );
        eprintln!(
            "skipping the pre-commit test: `pre-commit` is not installed \
             (`python3 -m pip install pre-commit`, or run scripts/test.sh)"
        );
        return;
    };
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pre-commit");
    let snapshot = work.join("masthead-working-tree");
    let commit = snapshot_of_this_repository(&snapshot);

    // The site is the repository root, as in most site repositories.
    let repo = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples/site"), repo.path());
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "--no-verify", "-m", "site"]);
    let broken = "_news/2026-10-01-our-autumn-social.md";
    std::fs::write(repo.path().join(broken), BROKEN_POST).unwrap();
    git(repo.path(), &["add", broken]);

    let try_repo = |file: &str| -> Output {
        run(Command::new(pre_commit[0])
            .args(&pre_commit[1..])
            .args([
                "try-repo",
                "--color",
                "never",
                "--verbose",
                "--ref",
                &commit,
            ])
            .arg(&snapshot)
            .args(["masthead-check", "--files", file])
            .current_dir(repo.path())
            // Where pre-commit's own `run` keeps its logs; try-repo
            // installs into a store of its own.
            .env("PRE_COMMIT_HOME", work.join("home"))
            .env("CARGO_TARGET_DIR", work.join("cargo-target"))
            .env("MASTHEAD_NOW", "2026-11-22T12:00:00Z")
            .env_remove("SKIP"))
    };
    let failing = try_repo(broken);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&failing.stdout),
        String::from_utf8_lossy(&failing.stderr)
    );
    assert_eq!(failing.status.code(), Some(1), "{text}");
    assert!(text.contains("masthead check"), "{text}");
    assert!(
        text.contains(&format!("{broken}:4:1")) && text.contains("error[FM004]"),
        "{text}"
    );

    let clean = "_news/2022-05-10-our-pride-season-plans.md";
    let passing = try_repo(clean);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&passing.stdout),
        String::from_utf8_lossy(&passing.stderr)
    );
    assert_eq!(passing.status.code(), Some(0), "{text}");
    assert!(text.contains("Passed"), "{text}");
}
