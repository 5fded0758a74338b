//! The example site is clean under every default rule, whatever the date:
//! rules that depend on "now" must not start firing as time passes.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead_diagnostics::render_concise;
use masthead_lint::{CheckOptions, Engine, LintConfig};
use masthead_model::date::Instant;
use masthead_source::{LoadOptions, load_site};
use std::path::Path;

#[test]
fn example_site_is_clean_whatever_the_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/site");
    let registry = masthead_rules::registry();
    for now in [
        "2026-11-22T12:00:00Z",
        "2028-03-01T09:00:00Z",
        "2035-01-01T00:00:00Z",
    ] {
        let now = Instant::parse(now).unwrap();
        let site = load_site(&root, &LoadOptions::default().with_now(now)).unwrap();
        let (config, problems) = LintConfig::from_site(&site, &registry);
        let report = Engine::new(&registry, config, problems).check(&site, &CheckOptions::new(now));
        let lines: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| render_concise(d, &site))
            .collect();
        assert!(lines.is_empty(), "at {now}:\n{}", lines.join("\n"));
    }
}
