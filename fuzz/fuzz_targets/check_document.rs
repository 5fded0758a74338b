//! Checking one document with every rule: the input is written into a
//! small site (`masthead_fuzz::CONFIG`) as a post, an event and an author,
//! the site is loaded, and the lint engine runs every rule of
//! `masthead_rules::registry()` (`select: [ALL]`) over it, as
//! `masthead check` does.
//!
//! Properties: no panic; every finding's spans (and its fix's) lie inside
//! its file on char boundaries; every finding renders.

#![no_main]

use libfuzzer_sys::fuzz_target;
use masthead_fuzz::{TempSite, assert_diagnostic_in_bounds, now};
use masthead_lint::{CheckOptions, Engine, LintConfig, Registry};
use std::sync::LazyLock;

static SITE: LazyLock<TempSite> = LazyLock::new(|| TempSite::new("check_document"));
static REGISTRY: LazyLock<Registry> = LazyLock::new(masthead_rules::registry);

fuzz_target!(|data: &[u8]| {
    let site = SITE.load(data);
    let (mut config, problems) = LintConfig::from_site(&site, &REGISTRY);
    config
        .apply_command_line(&REGISTRY, Some(&["ALL".to_string()]), &[], &[], &[])
        .expect("ALL selects every rule");
    let engine = Engine::new(&REGISTRY, config, problems);
    let report = engine.check(&site, &CheckOptions::new(now()));
    for d in site.diagnostics.iter().chain(&report.diagnostics) {
        assert_diagnostic_in_bounds(&site, d);
    }
});
