//! `masthead check`, `explain` and `rules`, end to end: exit codes, every
//! output format (snapshots under tests/snapshots/check-*), file filtering
//! as pre-commit uses it, and the generated docs/rules/ pages.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;
use support::{assert_snapshot, root};

const NOW: &str = "2026-11-22T12:00:00Z";

fn masthead() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_masthead"));
    cmd.env_remove("MASTHEAD_NOW").env_remove("NO_COLOR");
    cmd
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const CONFIG: &str = "\
title: Civic Staff LGBT+ Network
url: https://www.example.org
timezone: Europe/London
collections:
  news:
    output: true
    permalink: /news/:year/:month/:day/:title
";

/// A repository holding a small site in `site/` with one problem of each
/// severity: a title written twice (error, with a label), a redirect
/// without its slash after a non-ASCII entry (warning; columns count
/// characters), and a post dated after "now" (info, no position).
fn problem_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    write(&site, "_config.yml", CONFIG);
    write(
        &site,
        "_news/2021-11-22-relaunching-the-forum.md",
        "---\n\
         # Adding or removing a '#' in front of a line will toggle that information off and on from being processed. \n\
         title: \"Relaunching the chairs' forum\"\n\
         date: 2021-11-22\n\
         title: \"Relaunching the network chairs' forum\"\n\
         redirect_from: [\"/actualités/forum\", \"news/forum\"]\n\
         ---\n\
         The forum meets again.\n",
    );
    write(
        &site,
        "_news/2099-01-01-a-future-post.md",
        "---\ntitle: \"A future post\"\n---\nLater.\n",
    );
    write(
        &site,
        "_news/2022-02-01-lgbt-history-month.md",
        "---\ntitle: \"LGBT+ History Month\"\n---\nA clean post.\n",
    );
    write(dir.path(), "README.md", "# Not part of the site\n");
    dir
}

/// The loader's codes only, so that new rules do not change these snapshots.
const SELECT: &str = "FM004,URL001,DT003";

fn check_problems(dir: &Path, extra: &[&str]) -> Output {
    masthead()
        .args(["check", "--site", "site", "--now", NOW, "--select", SELECT])
        .args(extra)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn the_example_site_is_clean() {
    let out = masthead()
        .args(["check", "--site", "examples/site", "--now", NOW])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "No problems found.\n");
    assert_eq!(stderr(&out), "");
    let concise = masthead()
        .args(["check", "--site", "examples/site", "--format", "concise"])
        .env("MASTHEAD_NOW", NOW)
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(concise.status.code(), Some(0));
    assert_eq!(stdout(&concise), "");
}

#[test]
fn human_format() {
    let dir = problem_repo();
    let out = check_problems(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let text = stdout(&out);
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
    assert!(text.ends_with("1 error, 1 warning, 1 info\n"), "{text}");
    assert_snapshot("check-human.txt", &text);

    let colored = stdout(&check_problems(dir.path(), &["--color", "always"]));
    assert!(
        colored.contains("\x1b[1;31merror[FM004]\x1b[0m"),
        "{colored}"
    );
    let never = masthead()
        .args(["check", "--site", "site", "--now", NOW, "--color", "never"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stdout(&never).contains('\x1b'));
}

#[test]
fn concise_format() {
    let dir = problem_repo();
    let out = check_problems(dir.path(), &["--format", "concise"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(
            "site/_news/2021-11-22-relaunching-the-forum.md:5:1: error[FM004]: `title` is written twice"
        ),
        "{text}"
    );
    assert_snapshot("check-concise.txt", &text);
}

#[test]
fn json_format_has_exactly_the_documented_keys() {
    let dir = problem_repo();
    let out = check_problems(dir.path(), &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let findings = json.as_array().unwrap();
    assert_eq!(findings.len(), 3);
    let keys = [
        "code",
        "name",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "help",
    ];
    for finding in findings {
        let got: Vec<&str> = finding
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .filter(|k| *k != "labels" && *k != "fix")
            .collect();
        assert_eq!(got, keys);
        assert!(
            finding["file"].as_str().unwrap().starts_with("_news/"),
            "files are relative to the site root: {finding}"
        );
        if let Some(labels) = finding.get("labels") {
            assert!(!labels.as_array().unwrap().is_empty());
            for label in labels.as_array().unwrap() {
                let got: Vec<&str> = label
                    .as_object()
                    .unwrap()
                    .keys()
                    .map(String::as_str)
                    .collect();
                assert_eq!(
                    got,
                    [
                        "file",
                        "line",
                        "column",
                        "end_line",
                        "end_column",
                        "message"
                    ]
                );
            }
        }
    }
    let redirect = &findings[1];
    assert_eq!(redirect["code"], "URL001");
    assert_eq!(redirect["name"], "redirect-missing-slash");
    // `redirect_from: ["/actualités/forum", "news/forum"]`: the second
    // entry's quote is at character 38 (byte 39).
    assert_eq!(
        (redirect["line"].clone(), redirect["column"].clone()),
        (6.into(), 38.into())
    );
    assert_eq!(redirect["end_column"], 50);
    assert!(findings[0].get("labels").is_some());
    assert!(findings[1].get("labels").is_none());
    assert_snapshot("check-json.json", &text);
}

#[test]
fn github_format() {
    let dir = problem_repo();
    let out = check_problems(dir.path(), &["--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].starts_with(
            "::error file=site/_news/2021-11-22-relaunching-the-forum.md,line=5,col=1,endLine=5,endColumn=6,title=FM004 duplicate-key::"
        ),
        "{text}"
    );
    assert!(lines[1].starts_with("::warning "), "{text}");
    assert!(lines[2].starts_with("::notice "), "{text}");
    assert_snapshot("check-github.txt", &text);
}

#[test]
fn sarif_format_has_the_required_structure() {
    let dir = problem_repo();
    let out = check_problems(dir.path(), &["--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "masthead");
    assert!(driver["version"].is_string());
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let rules = driver["rules"].as_array().unwrap();
    let levels = ["error", "warning", "note"];
    for rule in rules {
        for text_property in ["shortDescription", "fullDescription", "help"] {
            assert!(
                !rule[text_property]["text"].as_str().unwrap().is_empty(),
                "{text_property}: {rule}"
            );
        }
        assert!(rule["id"].is_string() && rule["name"].is_string());
        assert!(levels.contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    let results = runs[0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(levels.contains(&result["level"].as_str().unwrap()));
        assert!(result["message"]["text"].is_string());
        let location = &result["locations"][0]["physicalLocation"];
        assert!(
            location["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .starts_with("site/_news/")
        );
        if let Some(region) = location.get("region") {
            for key in ["startLine", "startColumn", "endLine", "endColumn"] {
                assert!(region[key].as_u64().unwrap() >= 1, "{key}: {region}");
            }
        }
    }
    assert_eq!(results[0]["level"], "error");
    assert_eq!(results[2]["level"], "note");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        5
    );
    assert_snapshot("check-sarif.json", &text);
}

#[test]
fn default_selection_reports_the_loaders_problems_too() {
    let dir = problem_repo();
    let out = masthead()
        .args([
            "check", "--site", "site", "--now", NOW, "--format", "concise",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    for code in ["error[FM004]", "warning[URL001]", "info[DT003]"] {
        assert!(text.contains(code), "{code}: {text}");
    }
}

#[test]
fn paths_limit_the_report_to_those_files() {
    let dir = problem_repo();
    let future = "site/_news/2099-01-01-a-future-post.md";
    // As pre-commit passes them: relative to the repository root, with
    // files outside the site among them.
    let out = check_problems(dir.path(), &["--format", "concise", future, "README.md"]);
    assert_eq!(out.status.code(), Some(0), "only an info finding");
    assert_eq!(
        stdout(&out),
        "site/_news/2099-01-01-a-future-post.md: info[DT003]: dated 2099-01-01T00:00:00+00:00, in the future: Jekyll will not build it until then\n"
    );
    // Absolute paths, and a file that is clean.
    let clean = dir
        .path()
        .join("site/_news/2022-02-01-lgbt-history-month.md");
    let out = check_problems(
        dir.path(),
        &["--format", "concise", clean.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
    // From inside the site, paths relative to that folder; output relative to the site.
    let out = masthead()
        .args([
            "check", "--now", NOW, "--select", SELECT, "--format", "concise",
        ])
        .arg("2021-11-22-relaunching-the-forum.md")
        .current_dir(dir.path().join("site/_news"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("_news/2021-11-22-relaunching-the-forum.md:5:1: error[FM004]"),
        "{text}"
    );
    assert!(!text.contains("DT003"), "{text}");
    // Nothing of the site among the paths: nothing to report.
    let out = check_problems(dir.path(), &["README.md", "/elsewhere/x.md"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "No problems found.\n");
}

#[test]
fn deny_and_severity_decide_what_fails() {
    let dir = problem_repo();
    let warning_only = |extra: &[&str]| {
        let mut args = vec!["--select", "URL001,DT003", "--format", "concise"];
        args.extend_from_slice(extra);
        masthead()
            .args(["check", "--site", "site", "--now", NOW])
            .args(&args)
            .current_dir(dir.path())
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(warning_only(&[]), Some(0), "warnings pass by default");
    assert_eq!(warning_only(&["--deny", "warnings"]), Some(1));
    assert_eq!(
        warning_only(&["--ignore", "URL001", "--deny", "warnings"]),
        Some(0)
    );
    assert_eq!(
        warning_only(&["--ignore", "URL001", "--deny", "info"]),
        Some(1)
    );
    assert_eq!(
        warning_only(&["--severity", "URL001=error"]),
        Some(1),
        "re-graded to an error"
    );
    let downgraded = check_problems(dir.path(), &["--severity", "FM004=warning"]);
    assert_eq!(downgraded.status.code(), Some(0));
    assert!(stdout(&downgraded).ends_with("2 warnings, 1 info\n"));
    let ignored = check_problems(dir.path(), &["--ignore", "duplicate-key"]);
    assert_eq!(ignored.status.code(), Some(0));
    assert!(!stdout(&ignored).contains("FM004"));
}

#[test]
fn the_tool_could_not_run() {
    let dir = problem_repo();
    let cases: [(&[&str], &str); 5] = [
        (&["--site", "no-such-site"], "is not a folder"),
        (
            &["--site", "site", "--select", "FM999"],
            "`FM999` names no rule",
        ),
        (
            &["--site", "site", "--ignore", "nonsense"],
            "`nonsense` names no rule",
        ),
        (&["--site", "site", "--now", "soon"], "--now `soon`"),
        (
            &["--site", "site", "--severity", "FM004=loud"],
            "`loud` is not a severity",
        ),
    ];
    for (args, message) in cases {
        let out = masthead()
            .arg("check")
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn an_unreadable_config_cannot_run_even_when_other_files_are_named() {
    let dir = problem_repo();
    write(
        &dir.path().join("site"),
        "_config.yml",
        "collections:\n  news:\n\toutput: true\n",
    );
    let out = check_problems(
        dir.path(),
        &[
            "--format",
            "concise",
            "site/_news/2022-02-01-lgbt-history-month.md",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).starts_with("site/_config.yml:3:1: error[CFG001]"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("cannot be read"), "{}", stderr(&out));
}

#[test]
fn explain_by_code_or_name() {
    let by_code = masthead().args(["explain", "fm004"]).output().unwrap();
    assert_eq!(by_code.status.code(), Some(0));
    let text = stdout(&by_code);
    assert!(
        text.starts_with("FM004 duplicate-key\n\nA key is written twice.\n"),
        "{text}"
    );
    for line in [
        "Family:             front-matter",
        "Default severity:   warning",
        "Fix:                safe",
        "Enabled by default: yes",
        "## What it does",
        "## Example",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
    let by_name = masthead()
        .args(["explain", "duplicate-key"])
        .output()
        .unwrap();
    assert_eq!(stdout(&by_name), text);
    let unknown = masthead()
        .args(["explain", "duplicat-key"])
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("did you mean `duplicate-key`?"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn rules_lists_every_rule() {
    let table = masthead().arg("rules").output().unwrap();
    assert_eq!(table.status.code(), Some(0));
    let text = stdout(&table);
    assert!(text.starts_with("CODE "), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("FM004 ") && l.contains("duplicate-key"))
    );
    let json = masthead()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let rules = rules.as_array().unwrap();
    assert_eq!(rules.len() + 1, text.lines().count(), "one row per rule");
    for rule in rules {
        let keys: Vec<&str> = rule
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "code",
                "name",
                "family",
                "summary",
                "default_severity",
                "fix",
                "enabled_by_default",
                "doc"
            ]
        );
    }
}

fn markdown_files(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
                .map(|p: PathBuf| {
                    (
                        p.file_name().unwrap().to_string_lossy().into_owned(),
                        std::fs::read_to_string(&p).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn docs_rules_is_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let out = masthead()
        .args(["rules", "--write-docs"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let fresh = markdown_files(dir.path());
    let committed = markdown_files(&root().join("docs/rules"));
    let names = |files: &[(String, String)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    let stale: Vec<&str> = fresh
        .iter()
        .filter(|f| !committed.contains(f))
        .map(|f| f.0.as_str())
        .chain(
            committed
                .iter()
                .filter(|c| !names(&fresh).contains(&c.0))
                .map(|c| c.0.as_str()),
        )
        .collect();
    assert!(
        stale.is_empty(),
        "docs/rules/ is stale ({}); regenerate it with\n\n    cargo run -- rules --write-docs docs/rules\n",
        stale.join(", ")
    );
}
