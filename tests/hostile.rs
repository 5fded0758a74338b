//! Hostile input: content anyone can send in a pull request, run through
//! the real `masthead` binary in a child process with a deadline. Each case
//! asserts that the run finishes, without a panic, with the exact
//! diagnostics (code, file, line) it should give. docs/security.md lists
//! what these cases prove.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The configuration of every case's site unless it sets its own.
const CONFIG: &str = "title: Hostile\ntimezone: Europe/London\nurl: https://www.example.org\ncollections:\n  news:\n    output: true\n    permalink: /news/:year/:month/:day/:title\n";

/// The file most cases write their content into.
const POST: &str = "_news/2022-01-01-post.md";

/// How long any one run may take before the case fails as a hang (debug
/// builds on a loaded 2-core machine included).
const DEADLINE: Duration = Duration::from_secs(240);

/// A temporary site.
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// A site with [`CONFIG`] and `files` (path, bytes).
    fn new(files: &[(&str, &[u8])]) -> Site {
        Site::with_config(Some(CONFIG.as_bytes()), files)
    }

    /// A site with this `_config.yml` (none when `None`) and `files`.
    fn with_config(config: Option<&[u8]>, files: &[(&str, &[u8])]) -> Site {
        let dir = tempfile::tempdir().unwrap();
        if let Some(config) = config {
            std::fs::write(dir.path().join("_config.yml"), config).unwrap();
        }
        let site = Site { dir };
        for (path, bytes) in files {
            site.write(path, bytes);
        }
        site
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    fn write(&self, rel: &str, bytes: &[u8]) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// `masthead check --format json` with extra arguments.
    fn check_with(&self, extra: &[&str]) -> Checked {
        let mut args = vec!["check", "--format", "json", "--now", "2026-11-22T12:00:00Z"];
        args.extend_from_slice(extra);
        let run = run(self.root(), &args);
        let findings: serde_json::Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout, run.stderr));
        let found = findings
            .as_array()
            .unwrap()
            .iter()
            .map(|f| Found {
                code: f["code"].as_str().unwrap().to_string(),
                file: f["file"].as_str().unwrap_or("").to_string(),
                line: f["line"].as_u64(),
                column: f["column"].as_u64(),
                message: f["message"].as_str().unwrap().to_string(),
            })
            .collect();
        Checked { run, found }
    }

    fn check(&self) -> Checked {
        self.check_with(&[])
    }

    /// `masthead render --dry-run`: the artifact paths it would write.
    fn render_paths(&self) -> (Run, Vec<String>) {
        let out = self.dir.path().join("_out-never-written");
        let run = run(
            self.root(),
            &["render", "--dry-run", "--out", out.to_str().unwrap()],
        );
        let paths = run
            .stdout
            .lines()
            .map(|l| l.split('\t').next().unwrap_or("").to_string())
            .collect();
        (run, paths)
    }
}

/// One finished run of the binary.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// One diagnostic of `check --format json`.
#[derive(Debug)]
struct Found {
    code: String,
    file: String,
    line: Option<u64>,
    column: Option<u64>,
    message: String,
}

/// A check's run and its diagnostics.
struct Checked {
    run: Run,
    found: Vec<Found>,
}

impl Checked {
    /// The diagnostics as (code, file, line), in output order.
    fn places(&self) -> Vec<(&str, &str, Option<u64>)> {
        self.found
            .iter()
            .map(|f| (f.code.as_str(), f.file.as_str(), f.line))
            .collect()
    }

    fn assert_places(&self, expected: &[(&str, &str, Option<u64>)]) {
        assert_eq!(self.places(), expected, "stderr: {}", self.run.stderr);
        let want = if expected.is_empty() {
            0
        } else {
            self.run.code
        };
        assert_eq!(self.run.code, want);
    }
}

/// Runs `masthead ARGS --site ROOT` in a child process; fails the case if
/// it does not finish by [`DEADLINE`], exits with a code other than 0–2 (a
/// crash) or prints a panic.
fn run(root: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_masthead"))
        .args(args)
        .arg("--site")
        .arg(root)
        .env_remove("MASTHEAD_NOW")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain both pipes on threads, so a large output cannot block the child.
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        out_pipe.read_to_end(&mut s).map(|_| s)
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        err_pipe.read_to_end(&mut s).map(|_| s)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!(
                "`masthead {}` did not finish in {DEADLINE:?}",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = String::from_utf8(out.join().unwrap().unwrap()).expect("stdout is UTF-8");
    let stderr = String::from_utf8(err.join().unwrap().unwrap()).expect("stderr is UTF-8");
    assert!(!stderr.contains("panicked"), "a panic: {stderr}");
    let code = status
        .code()
        .unwrap_or_else(|| panic!("killed by a signal: {status:?}\n{stderr}"));
    assert!((0..=2).contains(&code), "exit code {code}: {stderr}");
    Run {
        code,
        stdout,
        stderr,
    }
}

/// A post's text with this front matter.
fn post(front_matter: &str) -> Vec<u8> {
    format!("---\n{front_matter}\n---\nBody.\n").into_bytes()
}

// --- Front matter that is not what it seems -------------------------------

#[test]
fn an_empty_file_is_no_document_and_no_problem() {
    let site = Site::new(&[(POST, b"")]);
    site.check().assert_places(&[]);
}

#[test]
fn only_an_opening_fence_is_unclosed_front_matter() {
    Site::new(&[(POST, b"---\n")])
        .check()
        .assert_places(&[("FM006", POST, Some(1))]);
}

#[test]
fn front_matter_never_closed() {
    Site::new(&[(POST, b"---\ntitle: Never closed\n\nThe body.\n")])
        .check()
        .assert_places(&[("FM006", POST, Some(1))]);
}

#[test]
fn front_matter_that_is_a_list_or_a_scalar() {
    let list = "_news/2022-01-01-list.md";
    let scalar = "_news/2022-01-02-scalar.md";
    Site::new(&[
        (list, b"---\n- a\n- b\n---\n"),
        (scalar, b"---\njust some text\n---\n"),
    ])
    .check()
    .assert_places(&[("FM007", list, Some(2)), ("FM007", scalar, Some(2))]);
}

#[test]
fn keys_that_are_numbers_booleans_null_or_lists() {
    let text = post("title: Keys\n1: one\nyes: agreed\n~: nothing\n? [a, b]\n: pair");
    let checked = Site::new(&[(POST, &text)]).check();
    checked.assert_places(&[
        ("FM016", POST, Some(3)),
        ("FM016", POST, Some(4)),
        ("FM016", POST, Some(5)),
        ("FM016", POST, Some(6)),
    ]);
    assert!(checked.found[1].message.contains("the boolean true"));
}

#[test]
fn ruby_object_tags_are_refused_on_values_and_on_keys() {
    let value = "_news/2022-01-01-value.md";
    let key = "_news/2022-01-02-key.md";
    let checked = Site::new(&[
        (
            value,
            &post("title: Tagged\nauthor: !ruby/object:Gem::Installer\n  i: x"),
        ),
        (key, &post("title: Tagged key\n? !ruby/sym admin\n: true")),
    ])
    .check();
    checked.assert_places(&[("FM010", value, Some(3)), ("FM010", key, Some(3))]);
    // A refused tag empties the front matter, as Jekyll's safe loader does:
    // the title is gone too, so nothing else is reported about it.
}

#[test]
fn binary_tags_are_accepted_as_psych_accepts_them() {
    Site::new(&[(POST, &post("title: Binary\nlogo: !!binary aGVsbG8="))])
        .check()
        .assert_places(&[]);
}

#[test]
fn anchors_aliases_and_merge_keys_resolve() {
    let text = post(
        "title: &t Anchored\nexcerpt: *t\nbase: &b {layout: news}\nextra:\n  <<: *b\n  more: yes",
    );
    Site::new(&[(POST, &text)]).check().assert_places(&[]);
}

#[test]
fn a_billion_laughs_stops_at_the_value_limit() {
    let mut yaml =
        String::from("title: Laughs\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 0..8u8 {
        let (prev, this) = ((b'a' + i) as char, (b'b' + i) as char);
        let refs = vec![format!("*{prev}"); 9].join(", ");
        yaml.push_str(&format!("{this}: &{this} [{refs}]\n"));
    }
    let site = Site::new(&[(POST, &post(yaml.trim_end()))]);
    site.check().assert_places(&[("FM009", POST, Some(8))]);
    // The limit is the caller's: lowered, it stops the bomb earlier.
    let checked = site.check_with(&["--max-values", "500"]);
    checked.assert_places(&[("FM009", POST, Some(5))]);
    assert!(checked.found[0].message.contains("more than 500 values"));
}

#[test]
fn nesting_ten_thousand_levels_deep_stops_at_the_depth_limit() {
    let flow = "_news/2022-01-01-flow.md";
    let block = "_news/2022-01-02-block.md";
    let flow_text = post(&format!(
        "title: Deep\nx: {}{}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    ));
    let block_text = post(&format!("title: Deep\nx:\n{}leaf", "- ".repeat(10_000)));
    Site::new(&[(flow, &flow_text), (block, &block_text)])
        .check()
        .assert_places(&[("FM009", flow, Some(3)), ("FM009", block, Some(4))]);
    // The limit is the caller's (and holds for `_config.yml` too, which
    // nests 3 levels here).
    let shallow = Site::new(&[(POST, &post("title: T\nx: [[[[[1]]]]]"))]);
    shallow.check().assert_places(&[]);
    let checked = shallow.check_with(&["--max-nesting", "4"]);
    checked.assert_places(&[("FM009", POST, Some(3))]);
    assert!(checked.found[0].message.contains("more than 4 levels deep"));
}

// --- Size ------------------------------------------------------------------

#[test]
fn a_file_of_50_mb_is_not_read() {
    let mut text = post("title: Huge");
    text.resize(50 * 1024 * 1024, b'x');
    let checked = Site::new(&[(POST, &text)]).check();
    checked.assert_places(&[("LIM001", POST, None)]);
    assert!(
        checked.found[0].message.contains("50 MiB (52428800 bytes)"),
        "{}",
        checked.found[0].message
    );
}

#[test]
fn a_line_of_10_mb_under_the_limit_is_read() {
    let title = "a".repeat(10_000_000);
    let site = Site::new(&[(POST, &post(&format!("title: {title}")))]);
    site.check().assert_places(&[]);
    let (run, paths) = site.render_paths();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(paths.iter().any(|p| p.starts_with("news/2022/01/01/")));
}

#[test]
fn the_file_size_limit_is_set_on_the_command_line() {
    let small = "_news/2022-01-01-small.md";
    let site = Site::new(&[
        (small, &post("title: Small")),
        (POST, &post(&format!("title: {}", "b".repeat(4096)))),
    ]);
    site.write(
        "about.md",
        &post(&format!("title: About\n# {}", "c".repeat(3000))),
    );
    site.check().assert_places(&[]);
    site.check_with(&["--max-file-size", "2KiB"])
        .assert_places(&[("LIM001", POST, None), ("LIM001", "about.md", None)]);
    let bad = run(site.root(), &["check", "--max-file-size", "ten"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

#[test]
fn the_document_limit_keeps_the_first_files_in_path_order() {
    let files: Vec<(String, Vec<u8>)> = (0..8)
        .map(|i| (format!("_news/2022-01-0{}-p.md", i + 1), post("title: P")))
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let site = Site::new(&refs);
    let checked = site.check_with(&["--max-documents", "5"]);
    checked.assert_places(&[("LIM002", "_news/2022-01-06-p.md", None)]);
    assert!(checked.found[0].message.contains("hold 8 files"));
    let list = run(site.root(), &["list", "--max-documents", "5"]);
    assert_eq!(
        list.stdout.lines().count(),
        6,
        "a header and five documents:\n{}",
        list.stdout
    );
}

// --- Encodings and bytes ------------------------------------------------------

#[test]
fn nul_bytes_in_front_matter_are_a_yaml_error() {
    Site::new(&[(POST, b"---\ntitle: a\x00b\n---\n")])
        .check()
        .assert_places(&[("FM001", POST, Some(1))]);
}

#[test]
fn nul_bytes_in_a_body_are_a_warning() {
    let mut text = post("title: Pasted");
    text.extend(b"Some text\x00\x01\x02 and more.\n");
    let checked = Site::new(&[(POST, &text)]).check();
    checked.assert_places(&[("ENC004", POST, Some(5))]);
    assert_eq!(checked.found[0].column, Some(10));
}

#[test]
fn binary_files_in_a_collection_are_static_files() {
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend((0..=255u8).cycle().take(4096));
    Site::new(&[
        ("_news/logo.png", &png),
        (POST, &post("title: With a logo")),
    ])
    .check()
    .assert_places(&[]);
}

#[test]
fn invalid_utf8_is_reported_with_its_byte_offset() {
    let checked = Site::new(&[(POST, b"---\ntitle: Caf\xe9\n---\n")]).check();
    checked.assert_places(&[("ENC001", POST, Some(2))]);
    assert!(checked.found[0].message.contains("offset 14"));
    assert_eq!(checked.found[0].column, Some(11));
}

#[test]
fn invalid_utf8_far_into_a_body_is_found_by_full_and_staged_checks() {
    let mut text = post("title: Long");
    text.extend(b"a".repeat(9000));
    text.extend(b"\xff\n");
    let site = Site::new(&[(POST, &text)]);
    site.check().assert_places(&[("ENC001", POST, Some(5))]);
    let file = site.path(POST);
    site.check_with(&[file.to_str().unwrap()])
        .assert_places(&[("ENC001", POST, Some(5))]);
}

#[test]
fn utf16_with_a_byte_order_mark_is_named() {
    let mut text = vec![0xFF, 0xFE];
    for unit in "---\ntitle: Sixteen\n---\n".encode_utf16() {
        text.extend(unit.to_le_bytes());
    }
    let checked = Site::new(&[(POST, &text)]).check();
    checked.assert_places(&[("ENC003", POST, Some(1))]);
    assert!(checked.found[0].message.contains("little-endian"));
}

#[test]
fn a_utf8_byte_order_mark_outside_posts_is_a_warning() {
    Site::new(&[(POST, b"\xef\xbb\xbf---\ntitle: BOM\n---\n")])
        .check()
        .assert_places(&[("ENC002", POST, Some(1))]);
}

#[test]
fn mixed_crlf_and_lf_line_ends_keep_lines_right() {
    let checked = Site::new(&[(
        POST,
        b"---\r\ntitle: Mixed\nlayout: news\r\ndate: nope\n---\r\nBody\n",
    )])
    .check();
    checked.assert_places(&[("DT002", POST, Some(4))]);
    assert_eq!(checked.found[0].column, Some(7));
}

#[test]
fn tabs_everywhere_are_a_yaml_error_at_the_first_tab() {
    let checked =
        Site::new(&[(POST, b"---\n\ttitle:\tTabs\n\tlayout:\tnews\n---\n\tBody\n")]).check();
    checked.assert_places(&[("FM001", POST, Some(2))]);
    assert_eq!(checked.found[0].column, Some(1));
}

#[test]
fn control_characters_are_shown_not_sent_to_the_terminal() {
    // An ANSI escape and a carriage return in a value quoted by a diagnostic
    // (an unknown time zone quotes it) and in the source line shown.
    // (YAML's `\e` and `\r` escapes: libyaml refuses raw control characters.)
    let config = format!("{CONFIG}timezone: \"Europe/\\e[2J\\rLondon\"\n");
    let site = Site::with_config(
        Some(config.replace("timezone: Europe/London\n", "").as_bytes()),
        &[(POST, &post("title: T"))],
    );
    for format in ["human", "concise", "github"] {
        let run = run(site.root(), &["check", "--format", format]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(all.contains("CFG003"), "{format}: {all}");
        assert!(
            !all.contains('\x1b') && !all.contains('\r'),
            "{format}: {all:?}"
        );
        assert!(all.contains('␛'), "{format}: {all}");
    }
}

// --- The file system ---------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_not_read() {
    use std::os::unix::ffi::OsStrExt;
    let site = Site::new(&[(POST, &post("title: Fine"))]);
    let name = std::ffi::OsStr::from_bytes(b"2022-01-02-caf\xe9.md");
    std::fs::write(site.path("_news").join(name), post("title: Latin-1 name")).unwrap();
    site.check()
        .assert_places(&[("IO003", "_news/2022-01-02-caf\u{FFFD}.md", None)]);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_not_followed() {
    let site = Site::new(&[(POST, &post("title: Fine"))]);
    std::os::unix::fs::symlink(".", site.path("_news/loop")).unwrap();
    site.check().assert_places(&[("IO002", "_news/loop", None)]);
}

#[cfg(unix)]
#[test]
fn symlinks_leading_outside_the_site_are_not_read_or_rendered() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, post("title: SECRET-TITLE")).unwrap();
    std::fs::create_dir(outside.path().join("folder")).unwrap();
    std::fs::write(
        outside.path().join("folder/2022-01-03-s.md"),
        post("title: SECRET-FOLDER"),
    )
    .unwrap();
    let site = Site::new(&[(POST, &post("title: Fine"))]);
    std::os::unix::fs::symlink(&secret, site.path("_news/2022-01-02-link.md")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("folder"), site.path("_news/folder")).unwrap();
    site.check().assert_places(&[
        ("IO002", "_news/2022-01-02-link.md", None),
        ("IO002", "_news/folder", None),
    ]);
    let (run, paths) = site.render_paths();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !paths
            .iter()
            .any(|p| p.contains("link") || p.contains("2022/01/03")),
        "{paths:?}"
    );
    let list = self::run(site.root(), &["list", "--format", "json"]);
    assert!(!list.stdout.contains("SECRET"), "{}", list.stdout);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::new(&[(POST, &post("title: Locked"))]);
    let path = site.path(POST);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    let checked = site.check();
    if std::fs::read(&path).is_ok() {
        // Root reads any file: the post is read and is fine.
        checked.assert_places(&[]);
    } else {
        checked.assert_places(&[("IO001", POST, None)]);
    }
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_a_collection_does_not_block_the_run() {
    let site = Site::new(&[(POST, &post("title: Fine"))]);
    let fifo = site.path("_news/2022-01-02-pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available; skipped");
        return;
    }
    site.check().assert_places(&[]);
    let (run, _) = site.render_paths();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

// --- Many documents ----------------------------------------------------------

#[test]
fn a_hundred_thousand_documents_sharing_one_permalink() {
    let site = Site::new(&[]);
    std::fs::create_dir_all(site.path("_news")).unwrap();
    let text = post("title: Same\npermalink: /same/");
    for i in 0..100_000 {
        std::fs::write(site.path(&format!("_news/2022-01-01-p{i:06}.md")), &text).unwrap();
    }
    let checked = site.check();
    assert_eq!(checked.run.code, 1);
    assert_eq!(checked.found.len(), 99_999, "{}", checked.run.stderr);
    assert!(
        checked
            .found
            .iter()
            .all(|f| f.code == "URL005" && f.line == Some(3))
    );
    // The first document keeps the URL; every other one is reported.
    assert!(
        !checked
            .found
            .iter()
            .any(|f| f.file == "_news/2022-01-01-p000000.md")
    );
}

#[test]
fn a_redirect_cycle_of_ten_thousand_documents_is_reported_once() {
    let site = Site::new(&[]);
    std::fs::create_dir_all(site.path("_news")).unwrap();
    let n = 10_000;
    for i in 0..n {
        let text = post(&format!(
            "title: P{i}\npermalink: /p{i}/\nredirect_to: /p{}/",
            (i + 1) % n
        ));
        std::fs::write(site.path(&format!("_news/2022-01-01-p{i:05}.md")), text).unwrap();
    }
    let checked = site.check();
    checked.assert_places(&[("URL009", "_news/2022-01-01-p00000.md", Some(4))]);
    let message = &checked.found[0].message;
    assert!(
        message.starts_with("redirect loop of 10000 redirects: `/p0/` → `/p1/`"),
        "{message}"
    );
    assert!(message.len() < 300, "{message}");
}

// --- Configuration -------------------------------------------------------------

#[test]
fn a_config_that_is_a_list_or_a_scalar_stops_the_check() {
    for config in [&b"- a\n- b\n"[..], b"just text\n"] {
        let site = Site::with_config(Some(config), &[(POST, &post("title: T"))]);
        let run = run(site.root(), &["check", "--format", "concise"]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stdout.contains("_config.yml:1:1: error[CFG001]"),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn a_config_mapping_a_collection_that_does_not_exist() {
    let config = format!("{CONFIG}masthead:\n  collections:\n    nope: {{type: post}}\n");
    Site::with_config(Some(config.as_bytes()), &[(POST, &post("title: T"))])
        .check()
        .assert_places(&[("CFG004", "_config.yml", Some(10))]);
}

#[test]
fn a_config_declaring_collections_that_have_no_folder() {
    let mapping = format!("{CONFIG}  evnets:\n    output: true\n");
    Site::with_config(Some(mapping.as_bytes()), &[(POST, &post("title: T"))])
        .check()
        .assert_places(&[("CFG006", "_config.yml", Some(8))]);
    let list = "collections: [news, nope]\n";
    Site::with_config(Some(list.as_bytes()), &[(POST, &post("title: T"))])
        .check()
        .assert_places(&[("CFG006", "_config.yml", Some(1))]);
}

#[test]
fn a_config_that_is_not_utf8() {
    let site = Site::with_config(Some(b"title: Caf\xe9\n"), &[]);
    let checked = site.check();
    assert_eq!(checked.places(), [("ENC001", "_config.yml", None)]);
}

// --- URLs ------------------------------------------------------------------------

#[test]
fn script_urls_in_redirect_to_are_refused() {
    for url in [
        "javascript:alert(1)",
        "data:text/html,<script>x</script>",
        "VBScript:msgbox",
    ] {
        let checked =
            Site::new(&[(POST, &post(&format!("title: T\nredirect_to: \"{url}\"")))]).check();
        checked.assert_places(&[("URL010", POST, Some(3))]);
    }
}

#[test]
fn a_permalink_climbing_out_of_the_site_stays_inside_the_output() {
    let site = Site::new(&[(POST, &post("title: T\npermalink: /../../../etc/passwd"))]);
    let (run, paths) = site.render_paths();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(paths.contains(&"etc/passwd.html".to_string()), "{paths:?}");
    assert!(
        paths
            .iter()
            .all(|p| !p.starts_with('/') && !p.split('/').any(|s| s == ".."))
    );
}

#[test]
fn script_urls_never_reach_generated_links() {
    let config = "title: Hostile\nurl: \"JavaScript:alert(1)//\"\ncollections:\n  news:\n    output: true\n  events:\n    output: true\n";
    let event = "---\ntitle: Picnic\nevent:\n  start: 2099-06-01 12:00\n  location: The park\n  link: \" java\\tscript:alert(2)\"\n---\nBring food.\n";
    let site = Site::with_config(
        Some(config.as_bytes()),
        &[
            ("_events/2026-01-01-picnic.md", event.as_bytes()),
            (POST, &post("title: News\nredirect_from: /old/")),
        ],
    );
    let out = tempfile::tempdir().unwrap();
    let run = run(
        site.root(),
        &[
            "render",
            "--now",
            "2026-11-22",
            "--out",
            out.path().to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("_config.yml:2:6: error[RND012]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("_events/2026-01-01-picnic.md:6:9: error[RND012]"),
        "{}",
        run.stderr
    );
    let mut stack = vec![out.path().to_path_buf()];
    let mut files = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            files += 1;
            let text = std::fs::read_to_string(&path).unwrap().to_ascii_lowercase();
            // The JSON API delivers `event.link` as written (data, with its
            // escapes); every link masthead makes leaves it out.
            if path.to_string_lossy().contains("/api/") {
                continue;
            }
            assert!(
                !text.contains("script:alert"),
                "{}:\n{text}",
                path.display()
            );
        }
    }
    assert!(files > 10, "{files} files");
}
