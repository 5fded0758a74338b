//! Shared pieces of masthead's fuzz targets: a small site on disk that one
//! input is written into, the built-in renderers, and the span checks every
//! target makes. See docs/fuzzing.md.

use masthead_diagnostics::{Diagnostic, Span};
use masthead_model::date::Instant;
use masthead_model::site::Site;
use masthead_render::Renderer;
use masthead_source::{LoadOptions, load_site};
use std::path::{Path, PathBuf};

/// The site's `_config.yml`: a post collection (`news`), an event
/// collection (`events`) and an author collection (`team`), every rule
/// selected, every renderer's options at values that do the most work
/// (a table of contents, redirect stubs, absolute URLs with a base URL).
pub const CONFIG: &str = "\
title: Fuzz <site> & \"Café\"
description: A site for fuzzing.
url: https://www.example.org
baseurl: /blog
timezone: Europe/London
permalink: pretty
plugins:
  - jekyll-redirect-from
collections:
  news:
    output: true
    permalink: /:collection/:year/:month/:day/:title
  events:
    output: true
    permalink: /:collection/:year/:title/
  team:
    output: true
    permalink: /team/:title/
masthead:
  collections:
    news: post
    events: event
    team: author
  lint:
    select: [ALL]
  render:
    html:
      toc: true
";

/// Where the input is written, relative to the site root: once as a post,
/// once as an event and once as an author, so that the rules and renderers
/// of every document type see it.
pub const DOCUMENTS: [&str; 3] = [
    "_news/2021-11-22-x.md",
    "_events/2021-11-22-x.md",
    "_team/x.md",
];

/// The "now" every load and check is measured from (fixed, so that a crash
/// reproduces whatever the day).
pub const NOW: &str = "2026-11-30T12:00:00Z";

/// [`NOW`] as an instant.
pub fn now() -> Instant {
    Instant::parse(NOW).expect("NOW is a valid instant")
}

/// A site folder of this process, with [`CONFIG`] written once; each input
/// overwrites the [`DOCUMENTS`].
pub struct TempSite {
    root: PathBuf,
}

impl TempSite {
    /// Makes the folder under `$TMPDIR`, else `/dev/shm` when it exists
    /// (no disk writes), else the system's temporary folder. The folder is
    /// named after `target` and the process id, and is left behind when
    /// libFuzzer exits (it runs no destructors): a few small files.
    pub fn new(target: &str) -> TempSite {
        let base = match std::env::var_os("TMPDIR") {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ if Path::new("/dev/shm").is_dir() => PathBuf::from("/dev/shm"),
            _ => std::env::temp_dir(),
        };
        let root = base.join(format!("masthead-fuzz-{target}-{}", std::process::id()));
        for dir in ["_news", "_events", "_team"] {
            std::fs::create_dir_all(root.join(dir)).expect("create the site folders");
        }
        std::fs::write(root.join("_config.yml"), CONFIG).expect("write _config.yml");
        TempSite { root }
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Writes `bytes` as each of the [`DOCUMENTS`] and loads the site as
    /// of [`NOW`].
    pub fn load(&self, bytes: &[u8]) -> Site {
        for rel in DOCUMENTS {
            std::fs::write(self.root.join(rel), bytes).expect("write the document");
        }
        let options = LoadOptions::default().with_now(now());
        load_site(&self.root, &options).expect("the site folder exists")
    }
}

/// Every built-in renderer, in the order `masthead render` runs them
/// (`crates/masthead-cli/src/render.rs`, `builtins`).
pub fn renderers() -> Vec<Box<dyn Renderer>> {
    vec![
        Box::new(masthead_html::HtmlRenderer),
        Box::new(masthead_render::redirects::RedirectsRenderer),
        Box::new(masthead_feeds::FeedsRenderer),
        Box::new(masthead_ical::IcalRenderer),
        Box::new(masthead_json_api::JsonRenderer),
    ]
}

/// Whether `span` lies inside `text` with both ends on char boundaries.
pub fn span_in(text: &str, span: Span) -> bool {
    span.start <= span.end && text.get(span.start..span.end).is_some()
}

/// Panics unless every span of `d` that points into a file of `site`
/// (its primary label, its same-file labels, its fix) lies inside that
/// file's text on char boundaries, and the human and concise renderings
/// of it can be made. The one exception is the invalid-UTF-8 finding
/// (ENC001), whose one-byte span points at the bad byte of the file as
/// read, inside the U+FFFD that replaces it in the kept text: it need only
/// lie inside the text.
pub fn assert_diagnostic_in_bounds(site: &Site, d: &Diagnostic) {
    if let Some(source) = d.file.as_deref().and_then(|f| site.sources.get(f)) {
        let mut spans: Vec<Span> = Vec::new();
        spans.extend(d.primary.iter().map(|l| l.span));
        spans.extend(d.labels.iter().filter(|l| l.file.is_none()).map(|l| l.span));
        let inside = |span: Span| span.start <= span.end && span.end <= source.len();
        for span in spans {
            let ok = if d.code == masthead_source::codes::INVALID_UTF8 {
                inside(span)
            } else {
                span_in(source, span)
            };
            assert!(
                ok,
                "{}: span {span:?} is not inside {:?} ({} bytes) on char boundaries: {d:?}",
                d.code,
                d.file,
                source.len()
            );
        }
        if let Some(fix) = &d.fix {
            assert!(
                span_in(source, fix.span),
                "{}: fix span {:?} is not inside {:?} ({} bytes) on char boundaries: {d:?}",
                d.code,
                fix.span,
                d.file,
                source.len()
            );
        }
    }
    let _ = masthead_diagnostics::render_human(d, site);
    let _ = masthead_diagnostics::render_concise(d, site);
}
