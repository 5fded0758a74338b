//! An example of a third-party rule crate for masthead.
//!
//! It adds one rule, `EX001 long-excerpt`: a post's `excerpt` longer than a
//! news listing shows (by default 200 characters). A site's own tooling
//! registers it next to the built-in rules:
//!
//! ```
//! let registry = masthead_rules::registry().with(Box::new(masthead_example_rule::LongExcerpt::default()));
//! assert!(registry.lookup("long-excerpt").is_some());
//! ```

use masthead_diagnostics::{Diagnostic, Severity};
use masthead_lint::{DocumentContext, FixAvailability, Rule, RuleMeta};

static LONG_EXCERPT: RuleMeta = RuleMeta {
    code: "EX001",
    name: "long-excerpt",
    family: "example",
    summary: "A post's excerpt is longer than the news listing shows.",
    doc: "## What it does\nReports an `excerpt` longer than a limit (200 characters by default).\n\n\
          ## Why is this bad?\nThe news listing cuts it off mid-sentence.\n\n\
          ## Example\n```yaml\nexcerpt: \"A very long summary that goes on and on …\"\n```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// Reports excerpts longer than `max_chars`.
#[derive(Clone, Debug)]
pub struct LongExcerpt {
    /// The longest excerpt the listing shows in full.
    pub max_chars: usize,
}

impl Default for LongExcerpt {
    fn default() -> Self {
        LongExcerpt { max_chars: 200 }
    }
}

impl Rule for LongExcerpt {
    fn meta(&self) -> &'static RuleMeta {
        &LONG_EXCERPT
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(excerpt) = cx.document.post().and_then(|p| p.excerpt.as_deref()) else {
            return;
        };
        let len = excerpt.trim().chars().count();
        if len <= self.max_chars {
            return;
        }
        let span = cx
            .value_span("excerpt")
            .unwrap_or_else(|| cx.front_matter_span());
        let mut d = cx.report(
            self.meta(),
            span,
            format!(
                "the excerpt is {len} characters; the listing shows {}",
                self.max_chars
            ),
        );
        if let Some(p) = d.primary.as_mut() {
            p.message = "too long for the listing".into();
        }
        out.push(d.with_help("shorten it, or leave it out and let the first paragraph serve"));
    }
}
