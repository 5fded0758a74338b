//! The `json` renderer over a fixture site: the whole output tree compared
//! byte for byte with `tests/fixtures/render/json/expected/`, every file
//! validated against the JSON Schema the render writes for its shape, and
//! escaping checked by parsing values back.
//!
//! After an intended change, regenerate the expected tree with:
//!
//! ```sh
//! UPDATE_RENDER_SNAPSHOTS=1 cargo test --test render_json
//! ```

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead::json_api::{
    CategoryFile, CollectionPage, DocumentFile, Fields, JsonRenderer, UpcomingEvents,
    schema_for_path,
};
use masthead::model::site::Site;
use masthead::render::{RenderRun, render_site};
use std::path::{Path, PathBuf};

#[path = "support/render.rs"]
mod render_support;
use render_support::{assert_renders_as_expected, load};
mod support;
use support::copy_dir;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/render/json")
}

fn render() -> (Site, RenderRun) {
    let site = load(&fixture().join("site"));
    let run = render_site(&site, &[&JsonRenderer]);
    (site, run)
}

fn json<T: serde::de::DeserializeOwned>(run: &RenderRun, path: &str) -> T {
    let artifact = run
        .sink
        .get(path)
        .unwrap_or_else(|| panic!("{path} is not rendered"));
    serde_json::from_slice(&artifact.bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn output_tree_matches_byte_for_byte() {
    assert_renders_as_expected(&fixture(), "json", &[Box::new(JsonRenderer)], "render_json");
}

/// Validates every API file of `run` against the schema the run wrote for
/// its shape; returns how many files were checked.
fn validate_all(run: &RenderRun) -> usize {
    let mut checked = 0;
    for artifact in run.sink.artifacts() {
        let relative = artifact.path.strip_prefix("api/").expect("under api/");
        let Some(kind) = schema_for_path(relative) else {
            continue;
        };
        let schema: serde_json::Value = json(run, &format!("api/schema/{kind}.schema.json"));
        let validator = jsonschema::validator_for(&schema).expect("schema compiles");
        let value: serde_json::Value = serde_json::from_slice(&artifact.bytes).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", artifact.path);
        checked += 1;
    }
    checked
}

#[test]
fn every_file_validates_against_its_schema() {
    let (_, run) = render();
    let checked = validate_all(&run);
    // Documents: 3 news + 4 events + 2 team + 1 topic; index pages: news 2,
    // events 2, team, topics and Jekyll's posts 1 each; 2 authors, 2
    // categories, the upcoming list. Everything but the 5 schemas.
    assert_eq!(checked, 10 + 7 + 2 + 2 + 1);
    assert_eq!(checked + 5, run.sink.len());
}

#[test]
fn example_site_renders_valid_json() {
    let site = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/site"));
    let run = render_site(&site, &[&JsonRenderer]);
    assert!(run.diagnostics.is_empty(), "{:?}", run.diagnostics);
    assert!(validate_all(&run) > 20);
    let upcoming: UpcomingEvents = json(&run, "api/events/upcoming.json");
    assert!(
        upcoming
            .events
            .iter()
            .all(|e| e.start.as_str() > "2025-01-01")
    );
}

#[test]
fn schemas_reject_a_wrong_shape() {
    let (_, run) = render();
    let schema: serde_json::Value = json(&run, "api/schema/document.schema.json");
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut doc: serde_json::Value = json(&run, "api/news/q-and-a.json");
    assert!(validator.is_valid(&doc));
    doc["fields"]["type"] = "podcast".into();
    assert!(!validator.is_valid(&doc));
    doc["fields"]["type"] = "post".into();
    doc["categories"] = 3.into();
    assert!(!validator.is_valid(&doc));
}

#[test]
fn values_round_trip_with_markup_quotes_and_non_ascii() {
    let (_, run) = render();
    let doc: DocumentFile = json(&run, "api/news/q-and-a.json");
    assert_eq!(
        doc.title.as_deref(),
        Some("Q&A: \"<Pride>\" & 'Café' — Zürich")
    );
    assert_eq!(
        doc.url.as_deref(),
        Some("https://www.example.org/blog/news/2024/q-and-a/")
    );
    assert_eq!(doc.date.as_deref(), Some("2024-05-01T00:00:00+01:00"));
    assert_eq!(doc.categories, ["pride", "Ünïcode Topic"]);
    let Fields::Post(fields) = &doc.fields else {
        panic!("a post: {:?}", doc.fields)
    };
    assert_eq!(fields.excerpt.as_deref(), Some("Tom & Jerry <b>say</b> hi"));
    assert!(
        doc.html
            .contains("<a href=\"/blog/team/\">our team</a> &amp; friends")
    );
    assert!(
        doc.html
            .contains("A <b>bold</b> claim &amp; a <code>&lt;code&gt;</code>")
    );
    let author = doc.author.expect("resolved author");
    assert_eq!(author.name, "Zoë O'Brien");
    assert_eq!(
        author.url.as_deref(),
        Some("https://www.example.org/blog/team/zoe-obrien/")
    );
    assert_eq!(
        author.bio.as_deref(),
        Some("Zoë chairs the network & writes lots.")
    );
    // The bytes: UTF-8 as is, quotes and backslashes escaped, nothing else.
    let text = std::str::from_utf8(&run.sink.get("api/news/q-and-a.json").unwrap().bytes)
        .unwrap()
        .to_string();
    assert!(text.contains(r#""title": "Q&A: \"<Pride>\" & 'Café' — Zürich","#));
    let update =
        std::str::from_utf8(&run.sink.get("api/news/summer-update.json").unwrap().bytes).unwrap();
    assert!(
        update.contains(r"a tab\tand a backslash \\ here"),
        "{update}"
    );
}

/// Each document's `toc` lists its top-level headings with the ids they
/// have in its `html`; bodies without headings have an empty one.
#[test]
fn toc_ids_are_the_ids_in_html() {
    let (_, run) = render();
    let doc: DocumentFile = json(&run, "api/news/q-and-a.json");
    let toc: Vec<(u8, &str, &str)> = doc
        .toc
        .iter()
        .map(|e| (e.level, e.text.as_str(), e.id.as_str()))
        .collect();
    assert_eq!(
        toc,
        [
            (2, "Ask & answer", "ask--answer"),
            (3, "Zürich \"day\"", "zürich-day"),
            (2, "Ask & answer", "ask--answer-1"),
        ]
    );
    for e in &doc.toc {
        assert!(
            doc.html.contains(&format!(" id=\"{}\">", e.id)),
            "{}",
            doc.html
        );
    }
    let winter: DocumentFile = json(&run, "api/news/winter.json");
    assert!(winter.toc.is_empty());
}

#[test]
fn pages_link_to_each_other() {
    let (_, run) = render();
    let first: CollectionPage = json(&run, "api/news/index.json");
    let second: CollectionPage = json(&run, "api/news/page-2.json");
    assert_eq!((first.page, first.pages, first.total), (1, 2, 3));
    assert_eq!(
        first.next.as_deref(),
        Some("https://www.example.org/blog/api/news/page-2.json")
    );
    assert_eq!(first.prev, None);
    assert_eq!(
        second.prev.as_deref(),
        Some("https://www.example.org/blog/api/news/index.json")
    );
    assert_eq!(second.next, None);
    // Newest first; the unpublished post and the redirect are left out.
    let slugs: Vec<&str> = first
        .items
        .iter()
        .chain(&second.items)
        .map(|s| s.slug.as_str())
        .collect();
    assert_eq!(slugs, ["summer-update", "q-and-a", "winter"]);
    assert!(run.sink.get("api/news/draft.json").is_none());
    assert!(run.sink.get("api/news/moved.json").is_none());
}

#[test]
fn upcoming_events_start_after_now_in_the_site_zone() {
    let (_, run) = render();
    let upcoming: UpcomingEvents = json(&run, "api/events/upcoming.json");
    assert_eq!(upcoming.as_of, "2025-01-01");
    let slugs: Vec<&str> = upcoming
        .events
        .iter()
        .map(|e| e.summary.slug.as_str())
        .collect();
    // The event slugged `upcoming` does not take the list's file.
    assert_eq!(slugs, ["winter-call", "upcoming-2", "summer-summit"]);
    // 09:30 UTC is 10:30 in London in June.
    assert_eq!(upcoming.events[2].start, "2025-06-20T10:30:00+01:00");
    assert_eq!(
        upcoming.events[2].link.as_deref(),
        Some("https://www.example.org/register?a=1&b=2")
    );
}

#[test]
fn categories_and_authors_list_their_documents() {
    let (_, run) = render();
    let pride: CategoryFile = json(&run, "api/categories/pride.json");
    assert_eq!(pride.title.as_deref(), Some("Pride & <Joy>"));
    let slugs: Vec<&str> = pride.documents.iter().map(|d| d.slug.as_str()).collect();
    // The topic page carries the category too, so it is listed.
    assert_eq!(slugs, ["past-picnic", "summer-update", "q-and-a", "pride"]);
    let unicode: CategoryFile = json(&run, "api/categories/ünïcode-topic.json");
    assert_eq!(unicode.name, "Ünïcode Topic");
    let zoe: masthead::json_api::AuthorFile = json(&run, "api/authors/zoe-obrien.json");
    let posts: Vec<&str> = zoe.posts.iter().map(|d| d.slug.as_str()).collect();
    assert_eq!(posts, ["summer-summit", "q-and-a"]);
    let sam: masthead::json_api::AuthorFile = json(&run, "api/authors/sam-lee.json");
    assert!(sam.fields.archived);
}

#[test]
fn page_size_is_configurable_and_zero_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let site_dir = fixture().join("site");
    copy_dir(&site_dir, dir.path());
    let config = std::fs::read_to_string(dir.path().join("_config.yml"))
        .unwrap()
        .replace("page_size: 2", "page_size: 0\n      dir: /data/v1/");
    std::fs::write(dir.path().join("_config.yml"), config).unwrap();
    let site = load(dir.path());
    let run = render_site(&site, &[&JsonRenderer]);
    assert_eq!(run.diagnostics.len(), 1, "{:?}", run.diagnostics);
    assert_eq!(run.diagnostics[0].code, "RND004");
    let index: CollectionPage = json(&run, "data/v1/news/index.json");
    assert_eq!(index.pages, 1);
    assert_eq!(index.items.len(), 3);
}
