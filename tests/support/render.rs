//! Shared by the render tests (`render`, `render_feeds`, `render_json`):
//! loading fixture sites at a fixed moment, and comparing a render with the
//! committed output tree of its renderer.

use masthead::diagnostics::render_concise;
use masthead::model::date::Instant;
use masthead::model::site::Site;
use masthead::render::{RenderRun, Renderer, render_site};
use masthead::{LoadOptions, load_site};
use std::path::Path;

/// The moment every render test measures "upcoming" and "future" from.
pub(crate) const NOW: &str = "2025-01-01T00:00:00Z";

/// The site at `dir`, loaded as of [`NOW`].
pub(crate) fn load(dir: &Path) -> Site {
    let mut options = LoadOptions::default();
    options.now = Some(Instant::parse(NOW).unwrap());
    load_site(dir, &options).unwrap()
}

/// How `run` (of `renderer` on `site`) differs from the fixture's
/// `expected/<renderer>/` tree and `expected/<renderer>.diagnostics.txt`,
/// one line per difference. With `UPDATE_RENDER_SNAPSHOTS=1` it rewrites
/// them instead and reports nothing.
pub(crate) fn compare_with_expected(
    site: &Site,
    run: &RenderRun,
    fixture: &Path,
    renderer: &str,
) -> Vec<String> {
    let expected = fixture.join("expected").join(renderer);
    let diag_file = fixture
        .join("expected")
        .join(format!("{renderer}.diagnostics.txt"));
    let diagnostics: String = run
        .diagnostics
        .iter()
        .map(|d| format!("{}\n", render_concise(d, site)))
        .collect();
    if std::env::var_os("UPDATE_RENDER_SNAPSHOTS").is_some_and(|v| v == "1") {
        let _ = std::fs::remove_dir_all(&expected);
        std::fs::create_dir_all(&expected).unwrap();
        assert!(run.sink.write_to(&expected).unwrap().is_empty());
        std::fs::write(&diag_file, &diagnostics).unwrap();
        return Vec::new();
    }
    let mut failures: Vec<String> = run
        .sink
        .check_against(&expected)
        .unwrap()
        .into_iter()
        .map(|d| format!("{renderer}: {:?} {}", d.kind, d.path))
        .collect();
    let want = std::fs::read_to_string(&diag_file).unwrap_or_default();
    if want != diagnostics {
        failures.push(format!(
            "{renderer}: diagnostics differ\n--- expected\n{want}--- got\n{diagnostics}"
        ));
    }
    failures
}

/// Renders the fixture site in `fixture` (named `name` in messages) with
/// each of `renderers` and asserts every output tree and diagnostics file
/// is as expected (`test` is the test target, for the regeneration hint).
pub(crate) fn assert_renders_as_expected(
    fixture: &Path,
    name: &str,
    renderers: &[Box<dyn Renderer>],
    test: &str,
) {
    let site = load(&fixture.join("site"));
    let failures: Vec<String> = renderers
        .iter()
        .flat_map(|renderer| {
            let run = render_site(&site, &[renderer.as_ref()]);
            compare_with_expected(&site, &run, fixture, renderer.name())
        })
        .map(|f| format!("{name}/{f}"))
        .collect();
    assert!(
        failures.is_empty(),
        "{}\n(regenerate with UPDATE_RENDER_SNAPSHOTS=1 cargo test --test {test})",
        failures.join("\n")
    );
}
