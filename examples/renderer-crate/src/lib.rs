//! An example third-party renderer for masthead: `sitemap.txt`, the plain
//! text sitemap search engines accept (one absolute URL per line), listing
//! every published document and page.
//!
//! A renderer crate depends on `masthead-render` (the API), the model and
//! diagnostics only. Its settings live under `masthead.render.sitemap` in
//! the site's `_config.yml`:
//!
//! ```yaml
//! masthead:
//!   render:
//!     sitemap:
//!       exclude: [/team/]   # URL prefixes left out
//! ```
//!
//! A program registers it next to the built-in renderers:
//!
//! ```
//! use masthead_render::{Renderer, render_site};
//! let site = masthead_model::site::Site::default();
//! let run = render_site(&site, &[&masthead_example_renderer::Sitemap]);
//! assert_eq!(run.sink.get("sitemap.txt").unwrap().bytes, b"");
//! ```

#![deny(clippy::print_stdout, clippy::print_stderr)]

use masthead_diagnostics::Severity;
use masthead_render::{RenderContext, Renderer, Sink, absolute_url};
use serde::Deserialize;

/// `masthead.render.sitemap`: the renderer's typed settings.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SitemapSettings {
    /// URL prefixes (site paths, `/team/`) to leave out.
    pub exclude: Vec<String>,
}

/// Writes `sitemap.txt`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Sitemap;

impl Renderer for Sitemap {
    fn name(&self) -> &str {
        "sitemap"
    }

    fn description(&self) -> &str {
        "sitemap.txt: one absolute URL per published page"
    }

    fn render(&self, cx: &RenderContext<'_>, sink: &mut Sink) {
        let settings: SitemapSettings = cx.settings();
        let site = cx.site();
        if site.config.url.is_none() {
            cx.report(cx.config_diagnostic(
                "url",
                "EXR001",
                Severity::Warning,
                "the site has no `url`, so sitemap.txt lists paths, which search engines ignore"
                    .into(),
            ));
        }
        let documents = site
            .published()
            .filter(|d| d.output.is_some() && d.redirect_to.is_none())
            .map(|d| d.url.as_str());
        let mut urls: Vec<&str> = documents
            .chain(site.pages.iter().map(|p| p.url.as_str()))
            .filter(|u| !settings.exclude.iter().any(|e| u.starts_with(e.as_str())))
            .collect();
        urls.sort_unstable();
        urls.dedup();
        let text: String = urls
            .iter()
            .map(|u| format!("{}\n", absolute_url(site, u)))
            .collect();
        sink.add("sitemap.txt", text, "text/plain; charset=utf-8");
    }
}
