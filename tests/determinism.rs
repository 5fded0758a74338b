//! The same site gives byte-identical `list`, `check` and `render` output on
//! every run, whatever the number of threads: the example site, grown with
//! generated documents that collide, redirect in chains, link to missing
//! pages and share categories, so that the parallel stages have real work
//! to split and many findings to order.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

mod support;

/// A copy of `examples/site` with `extra` generated news posts.
fn grown_site(extra: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    support::copy_dir(&support::root().join("examples/site"), dir.path());
    for i in 0..extra {
        let text = format!(
            "---\nlayout: news\ntitle: \"Generated <post> {i} & co\"\ndate: 2022-0{}-{:02}\nauthor: \"Author {}\"\ncategory:\n- topic-{}\npermalink: /news/generated/{}/\nredirect_from:\n- /old/{}/\n---\n\nSee [the next one](/news/generated/{}/) and [a missing page](/nowhere/{i}/).\n\n## Heading {i}\n\nText with a footnote.[^1]\n\n[^1]: The note.\n",
            1 + i % 9,
            1 + i % 28,
            i % 7,
            i % 11,
            // Every tenth post shares its neighbour's permalink (URL005).
            if i % 10 == 9 { i - 1 } else { i },
            // Redirect chains: old/i leads to a page that old/i+1 also names.
            i / 2,
            i + 1,
        );
        std::fs::write(
            dir.path()
                .join(format!("_news/2022-01-01-generated-{i:04}.md")),
            text,
        )
        .unwrap();
    }
    dir
}

/// stdout, stderr and exit code of `masthead ARGS` on `threads` threads.
fn run(site: &Path, threads: usize, args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_masthead"))
        .args(args)
        .arg("--site")
        .arg(site)
        .env("RAYON_NUM_THREADS", threads.to_string())
        .env("MASTHEAD_NOW", "2026-11-22T12:00:00Z")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// The first line where `a` and `b` differ, to keep failures readable.
fn first_difference(a: &str, b: &str) -> Option<(usize, String, String)> {
    let (mut la, mut lb) = (a.lines(), b.lines());
    for n in 1.. {
        match (la.next(), lb.next()) {
            (None, None) => return None,
            (x, y) if x != y => {
                return Some((n, x.unwrap_or("").to_string(), y.unwrap_or("").to_string()));
            }
            _ => {}
        }
    }
    None
}

/// Every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn list_check_and_render_are_byte_identical_on_any_number_of_threads() {
    let site = grown_site(300);
    let commands: [&[&str]; 6] = [
        &["list", "--format", "json"],
        &["list"],
        &["check", "--format", "json"],
        &["check", "--format", "human"],
        &["check", "--format", "sarif"],
        &["render", "--dry-run", "--out", "unused"],
    ];
    for args in commands {
        let first = run(site.path(), 1, args);
        assert!(
            first.0.len() > 100,
            "`{}` printed little:\n{}\n{}",
            args.join(" "),
            first.0,
            first.1
        );
        for threads in [2, 8] {
            let again = run(site.path(), threads, args);
            assert!(
                again == first,
                "`masthead {}` differs between 1 and {threads} threads, first at: {:?}",
                args.join(" "),
                first_difference(
                    &format!("{}{}", again.0, again.1),
                    &format!("{}{}", first.0, first.1)
                )
            );
        }
    }
    // The check found plenty to order: collisions, chains, broken links.
    let (json, _, code) = run(site.path(), 2, &["check", "--format", "json"]);
    assert_eq!(code, 1);
    for code in ["URL005", "RF001"] {
        assert!(
            json.contains(&format!("\"{code}\"")),
            "no {code} in the check"
        );
    }

    let mut trees = Vec::new();
    for threads in [1, 2, 8] {
        let out = tempfile::tempdir().unwrap();
        let (_, stderr, code) = run(
            site.path(),
            threads,
            &["render", "--out", out.path().to_str().unwrap()],
        );
        assert!(code == 0 || code == 1, "{stderr}");
        let stderr = stderr.replace(out.path().to_str().unwrap(), "OUT");
        trees.push((threads, stderr, tree(out.path())));
    }
    let (_, first_err, first_tree) = &trees[0];
    assert!(first_tree.len() > 800, "{} files", first_tree.len());
    for (threads, stderr, files) in &trees[1..] {
        assert!(
            stderr == first_err,
            "render diagnostics differ on {threads} threads, first at: {:?}",
            first_difference(stderr, first_err)
        );
        assert!(
            files == first_tree,
            "the rendered tree differs between 1 and {threads} threads"
        );
    }
}
