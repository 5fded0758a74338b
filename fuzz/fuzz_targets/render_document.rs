//! Rendering one document with every built-in renderer: the input is
//! written into a small site (`masthead_fuzz::CONFIG`) as a post, an event
//! and an author, the site is loaded, and every renderer `masthead render`
//! runs (HTML, redirects, feeds, iCalendar, JSON) renders it into the
//! in-memory sink.
//!
//! Properties: no panic; every artifact's path passes
//! `masthead_render::check_output_path` unchanged (it is already
//! normalised) and has no `..` segment; every diagnostic's spans lie inside
//! its file.

#![no_main]

use libfuzzer_sys::fuzz_target;
use masthead_fuzz::{TempSite, assert_diagnostic_in_bounds, renderers};
use masthead_render::{Renderer, check_output_path, render_site};
use std::sync::LazyLock;

static SITE: LazyLock<TempSite> = LazyLock::new(|| TempSite::new("render_document"));
static RENDERERS: LazyLock<Vec<Box<dyn Renderer>>> = LazyLock::new(renderers);

fuzz_target!(|data: &[u8]| {
    let site = SITE.load(data);
    let chosen: Vec<&dyn Renderer> = RENDERERS.iter().map(|r| r.as_ref()).collect();
    let run = render_site(&site, &chosen);
    for artifact in run.sink.artifacts() {
        let path = &artifact.path;
        assert_eq!(
            check_output_path(path).as_deref(),
            Ok(path.as_str()),
            "artifact path {path:?} from {}",
            artifact.renderer
        );
        assert!(
            !path.split('/').any(|s| s == ".."),
            "artifact path {path:?} goes up"
        );
    }
    for d in site.diagnostics.iter().chain(&run.diagnostics) {
        assert_diagnostic_in_bounds(&site, d);
    }
});
