//! Running rules over a site and applying the configuration to what they
//! (and the loader) found.

use crate::config::{Selector, inline_allows};
use crate::{DocumentContext, LintConfig, Registry, SiteContext};
use masthead_diagnostics::{Diagnostic, Severity};
use masthead_model::date::Instant;
use masthead_model::site::Site;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// What to check.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct CheckOptions {
    /// The moment "past" and "future" are measured from.
    pub now: Instant,
    /// Report only on these files (relative to the site root); `None` for
    /// all. The whole site is still loaded, so cross-document rules see
    /// everything.
    pub only_files: Option<HashSet<String>>,
}

impl CheckOptions {
    /// Check everything, as of `now`.
    pub fn new(now: Instant) -> Self {
        CheckOptions {
            now,
            only_files: None,
        }
    }

    /// Report only on `files`.
    pub fn only(mut self, files: HashSet<String>) -> Self {
        self.only_files = Some(files);
        self
    }
}

/// The findings of a check, configuration applied, sorted by file and position.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Every finding.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// How many findings have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Whether any finding is at or above `severity`.
    pub fn fails_at(&self, severity: Severity) -> bool {
        self.diagnostics.iter().any(|d| d.severity >= severity)
    }
}

/// Rules plus configuration.
pub struct Engine<'r> {
    registry: &'r Registry,
    config: LintConfig,
    config_problems: Vec<Diagnostic>,
}

impl<'r> Engine<'r> {
    /// An engine running `registry`'s rules under `config`.
    /// `config_problems` (from [`LintConfig::from_site`]) are reported with
    /// the findings.
    pub fn new(
        registry: &'r Registry,
        config: LintConfig,
        config_problems: Vec<Diagnostic>,
    ) -> Self {
        Engine {
            registry,
            config,
            config_problems,
        }
    }

    /// The configuration in force.
    pub fn config(&self) -> &LintConfig {
        &self.config
    }

    /// Runs every enabled rule on `site` and applies the configuration to
    /// their findings and to the loader's.
    pub fn check(&self, site: &Site, options: &CheckOptions) -> Report {
        let wanted = |file: Option<&str>| match (&options.only_files, file) {
            (None, _) => true,
            (Some(only), Some(f)) => only.contains(f),
            (Some(_), None) => false,
        };
        let enabled: Vec<&dyn crate::Rule> = self
            .registry
            .rules()
            .iter()
            .map(|r| r.as_ref())
            .filter(|r| self.config.enabled(r.meta()))
            .collect();

        let shared = crate::SharedMemo::default();
        let site_cx = SiteContext::new(site, options.now, &self.config).with_shared(&shared);
        // Documents and whole-site rules in one parallel region: a check of
        // a few staged files leaves most threads free for the site's rules.
        // `collect` keeps each side's order.
        let (mut found, from_site): (Vec<Diagnostic>, Vec<Vec<Diagnostic>>) = rayon::join(
            || {
                site.documents
                    .par_iter()
                    .filter(|d| wanted(Some(&d.path)))
                    .flat_map_iter(|doc| {
                        let cx = DocumentContext::new(site, doc, options.now, &self.config)
                            .with_shared(&shared);
                        let mut out = Vec::new();
                        for rule in &enabled {
                            rule.check_document(&cx, &mut out);
                        }
                        out
                    })
                    .collect()
            },
            || {
                enabled
                    .par_iter()
                    .map(|rule| {
                        let mut out = Vec::new();
                        rule.check_site(&site_cx, &mut out);
                        out
                    })
                    .collect()
            },
        );
        found.extend(from_site.into_iter().flatten());
        // The loader's findings have no rule to offer a fix: ask the fixers.
        found.extend(site.diagnostics.iter().map(|d| {
            let mut d = d.clone();
            if d.fix.is_none()
                && let Some(source) = d.file.as_deref().and_then(|f| site.sources.get(f))
            {
                d.fix = self.registry.loader_fix(&d, source);
            }
            d
        }));
        found.extend(self.config_problems.iter().cloned());

        // Inline allows, read only from the files that have findings.
        let with_findings: HashSet<&str> = found.iter().filter_map(|d| d.file.as_deref()).collect();
        let allows: HashMap<&str, Vec<Selector>> = site
            .documents
            .iter()
            .filter(|d| with_findings.contains(d.path.as_str()))
            .map(|d| {
                let source = site.sources.get(&d.path).map_or("", String::as_str);
                (
                    d.path.as_str(),
                    inline_allows(source, d.layout.front_matter),
                )
            })
            .filter(|(_, a)| !a.is_empty())
            .collect();

        let mut out: Vec<Diagnostic> = found
            .into_iter()
            .filter(|d| wanted(d.file.as_deref()))
            .filter_map(|mut d| {
                let Some(meta) = self.registry.lookup(&d.code) else {
                    return Some(d);
                };
                if !self.config.enabled(meta) {
                    return None;
                }
                let file = d.file.as_deref().unwrap_or("");
                if self.config.ignored_in(meta, file) {
                    return None;
                }
                if allows
                    .get(file)
                    .is_some_and(|a| a.iter().any(|s| s.specificity(meta).is_some()))
                {
                    return None;
                }
                // A configured severity wins; otherwise the finding keeps the
                // severity it was reported with (a rule may report some
                // findings above its default, as FM004 does for differing values).
                if let Some(level) = self.config.configured_severity(meta) {
                    d.severity = level?;
                }
                Some(d)
            })
            .collect();
        out.sort_by(|a, b| {
            a.file
                .cmp(&b.file)
                .then_with(|| {
                    let pa = a.primary.as_ref().map(|p| p.span.start);
                    let pb = b.primary.as_ref().map(|p| p.span.start);
                    pa.cmp(&pb)
                })
                .then_with(|| a.code.cmp(&b.code))
                .then_with(|| a.message.cmp(&b.message))
        });
        out.dedup();
        Report { diagnostics: out }
    }
}
