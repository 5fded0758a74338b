//! One site with exactly one instance of every built-in rule
//! (tests/fixtures/lint/every-rule, `select: [ALL]` in its `_config.yml`),
//! checked through `masthead_cli::run` in every output format: each rule
//! is reported once, at the place written in [`EXPECTED`], or is exempt for
//! a reason written in [`EXEMPT`]; each format's output is compared byte for
//! byte with tests/snapshots/every-rule.<format> (`UPDATE_SNAPSHOTS=1`
//! rewrites them).
//!
//! The fixture's paths in the human, concise, github and sarif formats are
//! relative to the current folder, which `cargo test` sets to the package
//! root.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use std::collections::BTreeMap;
use std::process::ExitCode;

mod support;
use support::assert_snapshot;

const NOW: &str = "2026-11-22T12:00:00Z";

/// The fixture site, relative to the package root.
const SITE: &str = "tests/fixtures/lint/every-rule";

/// Where each rule's one finding is: code, file (relative to the site
/// root, as the json format writes it), line, column.
#[rustfmt::skip]
const EXPECTED: &[(&str, &str, u64, u64)] = &[
    ("BD001",  "_news/2022-05-10-our-pride-season-plans.md",                 31,  72),
    ("BD002",  "_news/2021-11-22-relaunching-the-network-chairs-forum.md",   29, 186),
    ("BD003",  "_news/2022-02-01-lgbt-history-month-2022.md",                29,   1),
    ("BD004",  "_news/2024-05-17-idahobit-2024.md",                          26,   1),
    ("BD005",  "_news/2022-06-25-pride-in-london-2022.md",                   23,   1),
    ("BD006",  "_news/2023-03-31-trans-day-of-visibility-2023.md",           24,   1),
    ("BD007",  "_news/2025-09-01-we-are-looking-for-local-organisers.md",    22,   1),
    ("CFG002", "_config.yml",                                                16,  10),
    ("CFG004", "_config.yml",                                                58,   5),
    ("CFG005", "_config.yml",                                                67,  14),
    ("DT001",  "_news/2020-10-05-our-drop-in-is-back.md",                     7,   7),
    ("DT002",  "_news/2022-07-25-summer-reading-list.md",                     7,   7),
    ("DT003",  "_news/2027-01-11-pride-2027-call-for-volunteers.md",          7,   7),
    ("DT004",  "_news/2025-09-01-we-are-looking-for-local-organisers.md",     7,   7),
    ("DT005",  "_events/2022-05-20-summer-social.md",                        14,  10),
    ("DT006",  "_events/2022-10-10-allyship-webinar.md",                     15,   8),
    ("DT007",  "_events/2025-10-06-new-year-networking-call.md",             16,  13),
    ("ENC001", "_news/2022-03-08-international-womens-day-2022.md",           6,  20),
    ("ENC002", "_news/2022-08-15-summer-social-photos.md",                    1,   1),
    ("EV001",  "_events/2025-11-17-history-month-2028-lecture.md",           13,   1),
    ("EV002",  "_events/2022-05-03-pride-picnic-2022.md",                    16,   1),
    ("EV003",  "_events/2022-05-20-summer-social.md",                        18,   9),
    ("FM001",  "_news/2022-09-12-our-new-website.md",                        10,   1),
    ("FM002",  "_team/priya-natarajan.md",                                    3,   7),
    ("FM003",  "_news/2023-07-03-pride-month-round-up.md",                    1,   1),
    ("FM004",  "_news/2022-06-25-pride-in-london-2022.md",                   13,   1),
    ("FM005",  "_news/2021-11-22-relaunching-the-network-chairs-forum.md",    6,  10),
    ("FM006",  "_news/2023-09-04-autumn-newsletter.md",                       1,   1),
    ("FM007",  "_topics/allies.md",                                           2,   1),
    ("FM008",  "_news/2024-05-17-idahobit-2024.md",                          16,  12),
    ("FM009",  "_news/2021-06-30-pride-quiz.md",                             23,  14),
    ("FM010",  "_news/2023-11-20-trans-day-of-remembrance-2023.md",           8,   9),
    ("FM011",  "_news/2021-12-14-launching-our-reverse-mentoring-scheme.md", 12,   1),
    ("FM012",  "_news/2024-05-17-idahobit-2024.md",                          17,   1),
    ("FM013",  "_news/2023-03-31-trans-day-of-visibility-2023.md",           12,  12),
    ("FM014",  "_news/2021-11-22-relaunching-the-network-chairs-forum.md",   15,   1),
    ("FM015",  "_topics/pride.md",                                            4,  11),
    ("RF001",  "_news/2021-12-14-launching-our-reverse-mentoring-scheme.md",  8,   9),
    ("RF002",  "_news/2022-02-01-lgbt-history-month-2022.md",                11,   3),
    ("RF003",  "_team/jordan-ellis.md",                                       2,  14),
    ("URL001", "_news/2022-02-01-lgbt-history-month-2022.md",                18,   3),
    ("URL002", "_news/2023-03-31-trans-day-of-visibility-2023.md",           14,  33),
    ("URL003", "_news/2024-05-17-idahobit-2024.md",                          15,  12),
    ("URL004", "_news/2021-12-14-launching-our-reverse-mentoring-scheme.md", 14,  12),
    ("URL005", "_news/2022-06-27-pride-in-london-photos.md",                 13,  12),
    ("URL006", "_news/2022-05-10-our-pride-season-plans.md",                 17,   3),
    ("URL007", "_events/2022-05-03-pride-picnic-2022.md",                    15,   3),
    ("URL008", "_news/2020-03-20-chairs-forum-postponed.md",                 17,   3),
    ("URL009", "_news/2019-05-01-volunteer-with-us.md",                      17,   3),
    ("URL010", "_news/2019-02-01-join-our-mailing-list.md",                  17,   3),
    ("URL011", "_news/2022-05-10-our-pride-season-plans.md",                 18,   3),
    ("URL012", "_news/2023-03-31-our-wellbeing-guide-has-moved.md",          15,   1),
];

/// Rules that this site cannot hold, with the reason.
const EXEMPT: &[(&str, &str)] = &[
    (
        "CFG001",
        "an unreadable `_config.yml` leaves the site with no collection but `_posts` and \
         no lint settings (so no `select: [ALL]`), and `check` then exits 2: the rest of \
         this site could not be checked in the same run",
    ),
    (
        "CFG003",
        "an unknown `timezone:` leaves the site without a time zone, which turns DT005 \
         (timezone-less-datetime) off: one site cannot hold both, and this one keeps \
         DT005; crates/masthead-rules/fixtures/CFG003 covers CFG003",
    ),
    (
        "IO001",
        "an unreadable file cannot be committed, and root (CI) reads any file; the \
         loader's error path is covered by its unit tests",
    ),
    (
        "FM016",
        "a key read as a boolean or number: crates/masthead-rules/fixtures/FM016 and \
         tests/hostile.rs cover it; this site's snapshots keep to its documents' own keys",
    ),
    (
        "ENC003",
        "a UTF-16 document: crates/masthead-rules/fixtures/ENC003 and tests/hostile.rs \
         cover it",
    ),
    (
        "ENC004",
        "a NUL byte in a body: crates/masthead-rules/fixtures/ENC004 and tests/hostile.rs \
         cover it",
    ),
    (
        "CFG006",
        "a collection without a folder: crates/masthead-rules/fixtures/CFG006 and \
         tests/hostile.rs cover it",
    ),
    (
        "IO002",
        "a symbolic link in a collection: crates/masthead-rules/fixtures/IO002 and \
         tests/hostile.rs cover it",
    ),
    (
        "IO003",
        "a file name that is not UTF-8 cannot be checked out everywhere; tests/hostile.rs \
         makes one at test time",
    ),
    (
        "LIM001",
        "a file over 10 MiB is too large to commit; tests/hostile.rs makes one at test time",
    ),
    (
        "LIM002",
        "a site over the document limit: tests/hostile.rs lowers the limit with \
         --max-documents",
    ),
];

/// Output and exit code of one in-process run of the command line.
struct Run {
    code: ExitCode,
    stdout: String,
    stderr: String,
}

/// `masthead check` on the fixture site in `format`, with the fixed "now".
fn check(format: &str) -> Run {
    let mut args = vec![
        "masthead", "check", "--site", SITE, "--now", NOW, "--format", format,
    ];
    if format == "human" {
        args.extend(["--color", "never"]);
    }
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = masthead_cli::run(args, &mut out, &mut err);
    Run {
        code,
        stdout: String::from_utf8(out).unwrap(),
        stderr: String::from_utf8(err).unwrap(),
    }
}

/// A run that found errors, so failed (exit 1), and said nothing on stderr.
fn assert_failed_cleanly(run: &Run, format: &str) {
    assert_eq!(
        run.code,
        ExitCode::from(masthead_cli::EXIT_FAILED),
        "{format}: {}",
        run.stderr
    );
    assert_eq!(run.stderr, "", "{format}");
}

/// Every registered rule is reported exactly once, where [`EXPECTED`] says,
/// unless [`EXEMPT`] says why it cannot be.
#[test]
fn every_rule_is_reported_once_where_expected() {
    let registry = masthead::rules::registry();
    let registered: Vec<&str> = registry.metas().iter().map(|m| m.code).collect();
    let expected: BTreeMap<&str, (&str, u64, u64)> = EXPECTED
        .iter()
        .map(|&(code, file, line, column)| (code, (file, line, column)))
        .collect();
    assert_eq!(expected.len(), EXPECTED.len(), "a code is listed twice");
    for (code, reason) in EXEMPT {
        assert!(!reason.is_empty(), "{code} is exempt without a reason");
        assert!(
            !expected.contains_key(code),
            "{code} is both expected and exempt"
        );
    }
    let exempt = |code: &str| EXEMPT.iter().any(|(c, _)| *c == code);
    for code in &registered {
        assert!(
            expected.contains_key(code) || exempt(code),
            "{code} is registered but neither expected nor exempt: add an instance to {SITE}"
        );
    }
    for code in expected.keys().copied().chain(EXEMPT.iter().map(|e| e.0)) {
        assert!(registered.contains(&code), "{code} is no registered rule");
    }

    let run = check("json");
    assert_failed_cleanly(&run, "json");
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut reported: BTreeMap<&str, Vec<(&str, u64, u64)>> = BTreeMap::new();
    for finding in findings.as_array().unwrap() {
        let at = (
            finding["file"].as_str().unwrap(),
            finding["line"].as_u64().unwrap(),
            finding["column"].as_u64().unwrap(),
        );
        reported
            .entry(finding["code"].as_str().unwrap())
            .or_default()
            .push(at);
    }
    for (code, places) in &reported {
        assert_eq!(
            places.len(),
            1,
            "{code} is reported {} times: {places:?}",
            places.len()
        );
        assert!(!exempt(code), "{code} is exempt but reported at {places:?}");
    }
    let missing: Vec<&&str> = expected
        .keys()
        .filter(|c| !reported.contains_key(*c))
        .collect();
    assert!(missing.is_empty(), "not reported: {missing:?}");
    for (code, at) in &expected {
        assert_eq!(reported[code][0], *at, "{code}");
    }
    assert_eq!(reported.len(), expected.len());
}

/// The same check twice gives the same bytes (rules run in parallel).
#[test]
fn the_report_is_deterministic() {
    let first = check("json");
    let second = check("json");
    assert!(first.stdout == second.stdout, "two runs differ");
}

#[test]
fn human_snapshot() {
    let run = check("human");
    assert_failed_cleanly(&run, "human");
    assert!(!run.stdout.contains('\x1b'), "no colour with --color never");
    assert_snapshot("every-rule.human", &run.stdout);
}

#[test]
fn concise_snapshot() {
    let run = check("concise");
    assert_failed_cleanly(&run, "concise");
    assert_eq!(run.stdout.lines().count(), EXPECTED.len());
    assert_snapshot("every-rule.concise", &run.stdout);
}

#[test]
fn json_snapshot() {
    let run = check("json");
    assert_failed_cleanly(&run, "json");
    assert_snapshot("every-rule.json", &run.stdout);
}

#[test]
fn github_snapshot() {
    let run = check("github");
    assert_failed_cleanly(&run, "github");
    assert_eq!(run.stdout.lines().count(), EXPECTED.len());
    assert_snapshot("every-rule.github", &run.stdout);
}

#[test]
fn sarif_snapshot() {
    let run = check("sarif");
    assert_failed_cleanly(&run, "sarif");
    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        log["runs"][0]["results"].as_array().unwrap().len(),
        EXPECTED.len()
    );
    assert_snapshot("every-rule.sarif", &run.stdout);
}
