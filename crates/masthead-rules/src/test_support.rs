//! Shared by the rule modules' unit tests: a throwaway site checked with one
//! rule selected.

use masthead_diagnostics::{Diagnostic, render_concise};
use masthead_lint::{CheckOptions, Engine, LintConfig};
use masthead_model::date::Instant;
use masthead_source::{LoadOptions, load_site};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Writes `files` (plus `default_config` as `_config.yml` unless `files` has
/// one) to a temporary folder, checks it as of 2026-11-22 12:00 UTC with
/// only `code` selected, and returns that code's findings, each with its
/// `file:line:col: severity[code]: message` line.
pub(crate) fn check_only(
    code: &str,
    default_config: &str,
    files: &[(&str, &str)],
) -> Vec<(String, Diagnostic)> {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "masthead-rules-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().expect("a parent folder")).expect("create folder");
        std::fs::write(p, text).expect("write fixture");
    }
    if !files.iter().any(|(p, _)| *p == "_config.yml") {
        std::fs::write(dir.join("_config.yml"), default_config).expect("write config");
    }
    let now = Instant::parse("2026-11-22T12:00:00Z").expect("fixed now");
    let site = load_site(&dir, &LoadOptions::default().with_now(now)).expect("site loads");
    let registry = crate::registry();
    let (mut config, problems) = LintConfig::from_site(&site, &registry);
    config
        .apply_command_line(&registry, Some(&[code.to_string()]), &[], &[], &[])
        .expect("a known code");
    let report = Engine::new(&registry, config, problems).check(&site, &CheckOptions::new(now));
    let _ = std::fs::remove_dir_all(&dir);
    report
        .diagnostics
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| (render_concise(&d, &site), d))
        .collect()
}
