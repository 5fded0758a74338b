//! Every CommonMark spec example through masthead's renderer in CommonMark
//! mode, and through comrak directly with the same options: the pass counts
//! must be equal (masthead adds nothing to comrak's CommonMark), and every
//! example must pass or fail alike.
//!
//! The input, `tests/spec/commonmark.json`, is extracted from the
//! `commonmark-spec` npm package by `scripts/update-commonmark-spec.sh` and
//! committed, so this test needs no network. A missing file is a failure.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead_html::{MarkdownOptions, to_html};

#[derive(serde::Deserialize)]
struct Spec {
    version: String,
    examples: Vec<Example>,
}

#[derive(serde::Deserialize)]
struct Example {
    number: u32,
    section: String,
    markdown: String,
    html: String,
}

#[test]
fn commonmark_spec_pass_count_equals_comrak() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/spec/commonmark.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("{path}: {e}; run scripts/update-commonmark-spec.sh to extract the spec")
    });
    let spec: Spec = serde_json::from_str(&text).expect("the spec JSON parses");
    assert!(
        spec.examples.len() > 600,
        "only {} examples",
        spec.examples.len()
    );

    let ours = MarkdownOptions::commonmark();
    let mut comrak_options = comrak::Options::default();
    comrak_options.render.r#unsafe = true;

    let (mut masthead_pass, mut comrak_pass) = (0, 0);
    let mut disagreements = Vec::new();
    let mut failures = Vec::new();
    for ex in &spec.examples {
        let m = to_html(&ex.markdown, &ours) == ex.html;
        let c = comrak::markdown_to_html(&ex.markdown, &comrak_options) == ex.html;
        masthead_pass += usize::from(m);
        comrak_pass += usize::from(c);
        if m != c {
            disagreements.push(ex.number);
        }
        if !m {
            failures.push(format!("{} ({})", ex.number, ex.section));
        }
    }
    let total = spec.examples.len();
    eprintln!(
        "CommonMark {}: masthead {masthead_pass}/{total}, comrak {comrak_pass}/{total}; failing: {}",
        spec.version,
        if failures.is_empty() {
            "none".to_string()
        } else {
            failures.join(", ")
        }
    );
    assert!(
        disagreements.is_empty(),
        "masthead and comrak differ on examples {disagreements:?}"
    );
    assert_eq!(masthead_pass, comrak_pass);
    // Pinned so a comrak upgrade that changes conformance is noticed.
    assert_eq!(
        masthead_pass, total,
        "CommonMark {}: {masthead_pass}/{total}",
        spec.version
    );
}
