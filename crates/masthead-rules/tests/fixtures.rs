//! Every rule against its fixtures: `fixtures/<CODE>/positive` is a site
//! where the rule fires (and only it, when only it is selected),
//! `fixtures/<CODE>/negative` a site where it stays quiet, and
//! `fixtures/<CODE>/expected.txt` the rendered diagnostics of the positive
//! site. `UPDATE_SNAPSHOTS=1 cargo test -p masthead-rules` rewrites every
//! snapshot; `UPDATE_SNAPSHOTS=URL0` only those of codes starting so.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead_diagnostics::render_human;
use masthead_lint::{CheckOptions, Engine, FixAvailability, LintConfig, Report};
use masthead_model::date::Instant;
use masthead_source::{LoadOptions, load_site};
use std::path::{Path, PathBuf};

/// The fixed "now" of every fixture: 2026-11-22 12:00 UTC.
fn now() -> Instant {
    Instant::parse("2026-11-22T12:00:00Z").unwrap()
}

/// Rules whose trigger cannot be committed as a file, with the reason.
const NO_STATIC_FIXTURE: &[(&str, &str)] = &[
    (
        "IO001",
        "an unreadable file cannot be committed, and root (CI) reads any file; \
         the loader's error path is covered by its unit tests",
    ),
    (
        "IO003",
        "a file name that is not UTF-8 cannot be checked out on every system; \
         tests/hostile.rs makes one at test time",
    ),
    (
        "LIM001",
        "a file over 10 MiB is too large to commit; tests/hostile.rs makes one at test time",
    ),
    (
        "LIM002",
        "200,000 files are too many to commit; tests/hostile.rs lowers the limit instead",
    ),
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn check_only(code: &str, site_dir: &Path) -> (Report, masthead_model::site::Site) {
    let registry = masthead_rules::registry();
    let site = load_site(site_dir, &LoadOptions::default().with_now(now())).unwrap();
    let (mut config, problems) = LintConfig::from_site(&site, &registry);
    config
        .apply_command_line(&registry, Some(&[code.to_string()]), &[], &[], &[])
        .unwrap();
    let engine = Engine::new(&registry, config, problems);
    (engine.check(&site, &CheckOptions::new(now())), site)
}

#[test]
fn every_rule_has_a_doc_with_the_three_headings() {
    for meta in masthead_rules::registry().metas() {
        for heading in ["## What it does", "## Why is this bad?", "## Example"] {
            assert!(
                meta.doc.contains(heading),
                "{} lacks `{heading}`",
                meta.code
            );
        }
        assert!(!meta.summary.is_empty(), "{} has no summary", meta.code);
        let name_ok = meta
            .name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        assert!(name_ok, "{}: `{}` is not kebab-case", meta.code, meta.name);
    }
}

#[test]
fn codes_and_names_are_unique() {
    let metas = masthead_rules::registry().metas();
    let mut codes: Vec<_> = metas.iter().map(|m| m.code).collect();
    let mut names: Vec<_> = metas.iter().map(|m| m.name).collect();
    codes.sort();
    names.sort();
    let (nc, nn) = (codes.len(), names.len());
    codes.dedup();
    names.dedup();
    assert_eq!(codes.len(), nc, "duplicate code");
    assert_eq!(names.len(), nn, "duplicate name");
}

#[test]
fn loader_codes_match_the_loader() {
    let registry = masthead_rules::registry();
    for info in masthead_source::codes::ALL {
        let meta = registry
            .lookup(info.code)
            .unwrap_or_else(|| panic!("{} has no rule metadata", info.code));
        assert_eq!(meta.name, info.name, "{}", info.code);
        assert_eq!(meta.default_severity, info.severity, "{}", info.code);
    }
}

/// Fixable rules whose positive fixture shows a finding that has no fix
/// (FM004's fixture has differing values; only equal ones are fixed).
const FIXABLE_WITHOUT_FIX_ON_FIXTURE: &[&str] = &["FM004"];

#[test]
fn every_rule_fires_on_its_positive_fixture_and_not_on_its_negative() {
    let registry = masthead_rules::registry();
    let update = std::env::var("UPDATE_SNAPSHOTS").ok();
    let updating = |code: &str| match update.as_deref() {
        None => false,
        Some("1") => true,
        Some(prefix) => code.starts_with(prefix),
    };
    let mut failures = Vec::new();
    for meta in registry.metas() {
        if NO_STATIC_FIXTURE.iter().any(|(code, _)| *code == meta.code) {
            continue;
        }
        let dir = fixtures().join(meta.code);
        let (positive, negative) = (dir.join("positive"), dir.join("negative"));
        if !positive.join("_config.yml").is_file() || !negative.join("_config.yml").is_file() {
            failures.push(format!(
                "{}: fixtures/{0}/positive and negative sites are missing",
                meta.code
            ));
            continue;
        }
        let (report, site) = check_only(meta.code, &positive);
        let mine: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == meta.code)
            .collect();
        if mine.is_empty() {
            failures.push(format!(
                "{}: does not fire on its positive fixture",
                meta.code
            ));
        }
        // The metadata tells the truth about fixes: a rule offers only the
        // kind it declares, and a fixable rule offers one on its fixture.
        for d in &mine {
            let offered = match &d.fix {
                None => continue,
                Some(f) if f.safe => FixAvailability::Safe,
                Some(_) => FixAvailability::Unsafe,
            };
            if meta.fix == FixAvailability::None
                || (meta.fix == FixAvailability::Safe && offered == FixAvailability::Unsafe)
            {
                failures.push(format!(
                    "{}: offers a {offered:?} fix but its metadata says {:?}",
                    meta.code, meta.fix
                ));
            }
        }
        if meta.fix != FixAvailability::None
            && !FIXABLE_WITHOUT_FIX_ON_FIXTURE.contains(&meta.code)
            && !mine.iter().any(|d| d.fix.is_some())
        {
            failures.push(format!(
                "{}: declares fixes but offers none on its positive fixture",
                meta.code
            ));
        }
        let rendered: String = report
            .diagnostics
            .iter()
            .map(|d| render_human(d, &site))
            .collect::<Vec<_>>()
            .join("\n");
        let snapshot = dir.join("expected.txt");
        if updating(meta.code) {
            std::fs::write(&snapshot, &rendered).unwrap();
        } else {
            match std::fs::read_to_string(&snapshot) {
                Ok(expected) if expected == rendered => {}
                Ok(expected) => failures.push(format!(
                    "{}: rendered diagnostics differ from expected.txt\n--- expected\n{expected}\n--- actual\n{rendered}",
                    meta.code
                )),
                Err(_) => failures.push(format!("{}: no expected.txt (UPDATE_SNAPSHOTS=1)", meta.code)),
            }
        }
        let (report, _) = check_only(meta.code, &negative);
        let stray: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == meta.code)
            .collect();
        if !stray.is_empty() {
            failures.push(format!(
                "{}: fires on its negative fixture: {:?}",
                meta.code, stray[0].message
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
