//! The example renderer, run next to the built-in ones on a real site.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead_model::date::Instant;
use masthead_render::render_site;
use masthead_source::{LoadOptions, load_site};

#[test]
fn sitemap_lists_published_pages_with_settings_applied() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../site");
    let now = Instant::parse("2026-11-22").unwrap();
    let site = load_site(root.as_ref(), &LoadOptions::default().with_now(now)).unwrap();
    let run = render_site(
        &site,
        &[
            &masthead_render::redirects::RedirectsRenderer,
            &masthead_example_renderer::Sitemap,
        ],
    );
    assert!(run.diagnostics.is_empty(), "{:?}", run.diagnostics);
    let text = String::from_utf8(run.sink.get("sitemap.txt").unwrap().bytes.clone()).unwrap();
    assert!(
        text.lines()
            .all(|l| l.starts_with("https://www.example.org/")),
        "{text}"
    );
    assert!(
        text.contains("https://www.example.org/team/alex-morgan/\n"),
        "{text}"
    );
    assert_eq!(run.sink.get("sitemap.txt").unwrap().renderer, "sitemap");
    assert!(run.sink.get("redirects.json").is_some());

    // Settings come from `masthead.render.sitemap`.
    let mut site = site;
    let mut masthead = site.config.masthead.clone().unwrap_or_default();
    masthead.render.insert(
        "sitemap".into(),
        masthead_model::Value::from(
            [(
                "exclude".to_string(),
                masthead_model::Value::List(vec![masthead_model::Value::String("/team/".into())]),
            )]
            .into_iter()
            .collect::<masthead_model::Map>(),
        ),
    );
    site.config.masthead = Some(masthead);
    site.config.url = None;
    let run = render_site(&site, &[&masthead_example_renderer::Sitemap]);
    let text = String::from_utf8(run.sink.get("sitemap.txt").unwrap().bytes.clone()).unwrap();
    assert!(!text.contains("/team/"), "{text}");
    assert!(text.contains("/news/"), "{text}");
    assert_eq!(run.diagnostics.len(), 1);
    assert_eq!(run.diagnostics[0].code, "EXR001");
}
