//! Excerpts and plain text of documents of a loaded site.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead_html::{MarkdownOptions, excerpt};
use masthead_model::date::Instant;
use masthead_source::{LoadOptions, load_site};

#[test]
fn excerpt_is_the_front_matter_one_else_the_first_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("_config.yml"),
        "collections:\n  news:\n    output: true\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("_news")).unwrap();
    std::fs::write(
        dir.path().join("_news/2024-01-01-written.md"),
        "---\ntitle: Written\nexcerpt: \"Tom & *Jerry* <b>say</b> hi\"\n---\nThe body.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("_news/2024-01-02-first.md"),
        "---\ntitle: First\n---\r\n\r\nFirst **paragraph**\r\nstill first.\r\n\r\nSecond.\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("_news/2024-01-03-empty.md"),
        "---\ntitle: Empty\n---\n\n\n",
    )
    .unwrap();
    let options = LoadOptions::default().with_now(Instant::parse("2025-01-01").unwrap());
    let site = load_site(dir.path(), &options).unwrap();
    let md = MarkdownOptions::default();
    let body = |path: &str| {
        let doc = site.by_path(path).unwrap();
        (doc, doc.body(&site.sources[path]))
    };

    let (doc, text) = body("_news/2024-01-01-written.md");
    let e = excerpt(doc, text, &md).unwrap();
    assert!(e.from_front_matter);
    assert_eq!(e.html, "<p>Tom &amp; <em>Jerry</em> <b>say</b> hi</p>\n");
    assert_eq!(e.text, "Tom & Jerry say hi");

    let (doc, text) = body("_news/2024-01-02-first.md");
    let e = excerpt(doc, text, &md).unwrap();
    assert!(!e.from_front_matter);
    assert_eq!(
        e.html,
        "<p>First <strong>paragraph</strong>\nstill first.</p>\n"
    );
    assert_eq!(e.text, "First paragraph still first.");

    let (doc, text) = body("_news/2024-01-03-empty.md");
    assert_eq!(excerpt(doc, text, &md), None);
}
