//! The example rule, registered next to the built-in rules, on a real site.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead_diagnostics::LineIndex;
use masthead_lint::{CheckOptions, Engine, LintConfig};
use masthead_model::date::Instant;
use masthead_source::{LoadOptions, load_site};

#[test]
fn long_excerpts_are_reported_at_the_excerpt() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("_config.yml"),
        "collections:\n  news:\n    output: true\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("_news")).unwrap();
    let long = "word ".repeat(60);
    std::fs::write(
        dir.path().join("_news/2021-11-22-long.md"),
        format!("---\ntitle: Long\nexcerpt: \"{long}\"\n---\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("_news/2021-11-23-short.md"),
        "---\ntitle: Short\nexcerpt: Brief.\n---\n",
    )
    .unwrap();

    let now = Instant::parse("2026-11-22").unwrap();
    let site = load_site(dir.path(), &LoadOptions::default().with_now(now)).unwrap();
    let registry =
        masthead_rules::registry().with(Box::new(masthead_example_rule::LongExcerpt::default()));
    let (config, problems) = LintConfig::from_site(&site, &registry);
    let report = Engine::new(&registry, config, problems).check(&site, &CheckOptions::new(now));
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "EX001")
        .collect();
    assert_eq!(found.len(), 1);
    let d = found[0];
    assert_eq!(d.file.as_deref(), Some("_news/2021-11-22-long.md"));
    let text = &site.sources["_news/2021-11-22-long.md"];
    let start = d.primary.as_ref().unwrap().span.start;
    assert_eq!(LineIndex::new(text).line_col(text, start), (3, 10));
    assert_eq!(
        d.message,
        "the excerpt is 299 characters; the listing shows 200"
    );
}
