//! The masthead Renderer API.
//!
//! A [`Renderer`] turns a loaded [`Site`] into artifacts (a relative output
//! path, bytes and a media type) collected in memory by a [`Sink`]. Nothing is
//! written while rendering: the caller writes the sink ([`Sink::write_to`]),
//! compares it with a committed tree ([`Sink::check_against`], for
//! `masthead render --check`) or lists it ([`Sink::listing`], for
//! `--dry-run`). Every output path is checked when it is added, so no
//! permalink or redirect can make masthead write outside the output folder.
//!
//! Each renderer has a name, which is also its settings key:
//! `masthead.render.<name>` in `_config.yml`, handed to it typed through
//! [`RenderContext::settings`]. Problems are [`Diagnostic`]s, never panics.
//!
//! ```
//! use masthead_render::{RenderContext, Renderer, Sink, render_site};
//! use masthead_model::site::Site;
//!
//! /// Writes `count.txt` with the number of documents.
//! struct Count;
//! impl Renderer for Count {
//!     fn name(&self) -> &str { "count" }
//!     fn render(&self, cx: &RenderContext<'_>, sink: &mut Sink) {
//!         let n = cx.site().documents.len();
//!         sink.add("count.txt", format!("{n}\n"), "text/plain; charset=utf-8");
//!     }
//! }
//!
//! let site = Site::default();
//! let run = render_site(&site, &[&Count]);
//! assert_eq!(run.sink.get("count.txt").unwrap().bytes, b"0\n");
//! assert!(run.diagnostics.is_empty());
//! ```

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod escape;
pub mod redirects;
mod sink;

pub use sink::{Artifact, Difference, DifferenceKind, Sink, check_output_path};

use masthead_diagnostics::{Diagnostic, Severity, Span};
use masthead_model::Value;
use masthead_model::site::Site;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::any::Any;
use std::cell::RefCell;
use std::sync::Arc;

/// Diagnostic codes of the render stage (docs/rendering.md lists them).
pub mod codes {
    /// An output path is absolute, has `..`, a NUL, a backslash or is empty.
    pub const BAD_OUTPUT_PATH: &str = "RND001";
    /// Two artifacts claim one output path (or one is inside the other).
    pub const OUTPUT_CONFLICT: &str = "RND002";
    /// Writing an artifact was refused (a symlink leads out of the output folder) or failed.
    pub const WRITE_REFUSED: &str = "RND003";
    /// A `masthead.render.<name>` section does not have the renderer's shape.
    pub const BAD_SETTINGS: &str = "RND004";
    /// A redirect target uses a scheme other than http(s), or control characters.
    pub const UNSAFE_REDIRECT: &str = "RND010";
    /// A redirect cannot be written in one output format (whitespace or quotes in a path).
    pub const REDIRECT_NOT_EXPRESSIBLE: &str = "RND011";
    /// A link masthead would generate (the site's `url`, an event's
    /// registration link) uses a scheme other than http(s) or mailto, or
    /// control characters; it is left out.
    pub const UNSAFE_LINK: &str = "RND012";
    /// A document's body could not be rendered (its source text is missing).
    pub const NO_SOURCE: &str = "RND020";
}

/// A renderer: one kind of output built from the whole site.
///
/// Implementations are stateless values; everything they need is in the
/// [`RenderContext`]. They must not write files themselves: they add
/// artifacts to the [`Sink`], which checks each path.
pub trait Renderer: Send + Sync {
    /// The renderer's name: what `--renderer` selects and the key of its
    /// settings under `masthead.render` in `_config.yml`. Lowercase, stable.
    fn name(&self) -> &str;

    /// One line saying what it writes, for `masthead render --help` and docs.
    fn description(&self) -> &str {
        ""
    }

    /// Renders the site into `sink`, reporting problems through `cx`.
    fn render(&self, cx: &RenderContext<'_>, sink: &mut Sink);
}

/// Watches a render as it goes, for progress bars: told when each renderer
/// starts and finishes, and of the progress renderers report through
/// [`RenderContext::progress`]. Every method does nothing by default; `()`
/// is the observer that watches nothing.
///
/// Calls come from the thread running [`render_site_observed`], in order;
/// `Sync` lets an implementation hand its state to other threads.
pub trait RenderObserver: Sync {
    /// Renderer `name` starts; it is number `index` (from 0) of `total`.
    fn renderer_started(&self, name: &str, index: usize, total: usize) {
        let _ = (name, index, total);
    }

    /// Renderer `name` is done; it added `artifacts` artifacts to the sink.
    fn renderer_finished(&self, name: &str, artifacts: usize) {
        let _ = (name, artifacts);
    }

    /// Renderer `name` has done `done` of its `total` items (documents,
    /// usually). Never more than about a hundred calls per renderer.
    fn progress(&self, name: &str, done: usize, total: usize) {
        let _ = (name, done, total);
    }
}

/// Observes nothing.
impl RenderObserver for () {}

/// The observer slot of a [`RenderContext`] (trait objects have no `Debug`).
#[derive(Clone, Copy)]
struct Observer<'a>(Option<&'a dyn RenderObserver>);

impl std::fmt::Debug for Observer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "Some(..)" } else { "None" })
    }
}

/// What a renderer sees: the loaded site, its own settings section and a
/// place to report diagnostics.
#[derive(Debug)]
pub struct RenderContext<'a> {
    site: &'a Site,
    name: String,
    settings: Option<&'a Value>,
    diagnostics: RefCell<Vec<Diagnostic>>,
    observer: Observer<'a>,
    shared: Shared<'a>,
}

/// Values computed once per render and shared by every renderer of the
/// run: each document's body rendered to HTML, say, which the `html`,
/// `json` and `feeds` renderers all need. [`render_site`] makes one per
/// run; see [`RenderContext::shared`].
pub type RenderMemo = masthead_model::memo::TypeMemo;

/// The memo of a [`RenderContext`]: the run's, or its own.
#[derive(Debug)]
enum Shared<'a> {
    Run(&'a RenderMemo),
    Own(RenderMemo),
}

impl<'a> RenderContext<'a> {
    /// A context for the renderer called `name`: its settings are
    /// `masthead.render.<name>` of the site's config, when present.
    pub fn new(site: &'a Site, name: &str) -> Self {
        let settings = site
            .config
            .masthead
            .as_ref()
            .and_then(|m| m.render.get(name));
        RenderContext {
            site,
            name: name.to_string(),
            settings,
            diagnostics: RefCell::new(Vec::new()),
            observer: Observer(None),
            shared: Shared::Own(RenderMemo::default()),
        }
    }

    /// This context, sharing `memo` with the other renderers of a run (as
    /// [`render_site_observed`] makes it).
    pub fn with_memo(mut self, memo: &'a RenderMemo) -> Self {
        self.shared = Shared::Run(memo);
        self
    }

    /// The value of type `T` shared by every renderer of this run, made by
    /// `init` the first time one asks: work several renderers need (bodies
    /// rendered to HTML) is done once. A context made with
    /// [`RenderContext::new`] alone shares with nobody.
    pub fn shared<T: Any + Send + Sync>(&self, init: impl FnOnce() -> T) -> Arc<T> {
        match &self.shared {
            Shared::Run(memo) => memo.get_or_init(init),
            Shared::Own(memo) => memo.get_or_init(init),
        }
    }

    /// This context, reporting progress to `observer` (as
    /// [`render_site_observed`] makes it).
    pub fn with_observer(mut self, observer: &'a dyn RenderObserver) -> Self {
        self.observer = Observer(Some(observer));
        self
    }

    /// Tells the observer, if any, that `done` of `total` items are
    /// rendered; a no-op otherwise. Renderers call it now and then (at
    /// most about a hundred times a run, see [`progress_step`]) from the
    /// thread that called [`Renderer::render`].
    pub fn progress(&self, done: usize, total: usize) {
        if let Some(observer) = self.observer.0 {
            observer.progress(&self.name, done, total);
        }
    }

    /// `f` of every item, made on every core and returned in order, with
    /// [`RenderContext::progress`] told between chunks: how a renderer does
    /// its per-document work (at least 64 items a chunk, so that small
    /// sites still use every core).
    pub fn map_in_parallel<T: Sync, R: Send>(
        &self,
        items: &[T],
        f: impl Fn(&T) -> R + Sync + Send,
    ) -> Vec<R> {
        let total = items.len();
        let step = progress_step(total).max(64);
        let mut out = Vec::with_capacity(total);
        for chunk in items.chunks(step) {
            out.par_extend(chunk.par_iter().map(&f));
            self.progress(out.len(), total);
        }
        out
    }

    /// `f` of every item, made on every core, each result handed to `take`
    /// on this thread, in item order, as soon as its chunk is made, while
    /// the other cores make the next chunk; [`RenderContext::progress`] is
    /// told after each chunk. How a renderer adds per-document artifacts
    /// to the sink (work on one thread) without leaving the other cores
    /// idle meanwhile.
    pub fn for_each_in_parallel<T: Sync, R: Send>(
        &self,
        items: &[T],
        f: impl Fn(&T) -> R + Sync + Send,
        mut take: impl FnMut(&T, R),
    ) {
        let total = items.len();
        let step = progress_step(total).max(64);
        let mut chunks = items.chunks(step);
        let mut ready: Option<(&[T], Vec<R>)> = None;
        let mut done = 0;
        loop {
            let next = chunks.next();
            let mut made: Vec<R> = Vec::new();
            rayon::in_place_scope(|scope| {
                if let Some(chunk) = next {
                    let (made, f) = (&mut made, &f);
                    scope.spawn(move |_| made.par_extend(chunk.par_iter().map(f)));
                }
                if let Some((chunk, results)) = ready.take() {
                    for (item, result) in chunk.iter().zip(results) {
                        take(item, result);
                    }
                    done += chunk.len();
                    self.progress(done, total);
                }
            });
            match next {
                Some(chunk) => ready = Some((chunk, made)),
                None => break,
            }
        }
    }

    /// The loaded site.
    pub fn site(&self) -> &'a Site {
        self.site
    }

    /// The renderer's name this context was made for.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The raw `masthead.render.<name>` section, as written.
    pub fn raw_settings(&self) -> Option<&'a Value> {
        self.settings
    }

    /// The settings section read as `T` (defaults when absent). A section
    /// of the wrong shape is reported (RND004, at its place in
    /// `_config.yml`) and the defaults are used, so one typo never stops a
    /// build without saying why.
    pub fn settings<T: DeserializeOwned + Default>(&self) -> T {
        let Some(value) = self.settings else {
            return T::default();
        };
        let read = serde_json::to_value(value).and_then(serde_json::from_value::<T>);
        match read {
            Ok(t) => t,
            Err(e) => {
                let key = format!("masthead.render.{}", self.name);
                self.report(
                    self.config_diagnostic(
                        &key,
                        codes::BAD_SETTINGS,
                        Severity::Error,
                        format!("`{key}` is not valid: {e}"),
                    )
                    .with_help("docs/rendering.md lists each renderer's settings; the defaults are used instead"),
                );
                T::default()
            }
        }
    }

    /// A diagnostic located at the value of `key` (a dotted path such as
    /// `masthead.render.html`) in the site's `_config.yml`.
    pub fn config_diagnostic(
        &self,
        key: &str,
        code: &'static str,
        severity: Severity,
        message: String,
    ) -> Diagnostic {
        let mut d = Diagnostic::new(code, severity, message);
        if let Some(file) = &self.site.config_file {
            d = d.in_file(file.clone());
            if let Some(span) = self.site.config_spans.value_span(key) {
                d = d.with_primary(span, "this setting");
            }
        }
        d
    }

    /// A diagnostic about a document's front-matter value at `key`
    /// (located there when the key is in the file).
    pub fn document_diagnostic(
        &self,
        doc: &masthead_model::document::Document,
        key: &str,
        code: &'static str,
        severity: Severity,
        message: String,
    ) -> Diagnostic {
        let d = Diagnostic::new(code, severity, message).in_file(doc.path.clone());
        match doc.spans.value_span(key) {
            Some(span) => d.with_primary(span, "here"),
            None => d.with_primary(Span::point(doc.layout.bom), "in this document"),
        }
    }

    /// Records a problem.
    pub fn report(&self, diagnostic: Diagnostic) {
        self.diagnostics.borrow_mut().push(diagnostic);
    }

    /// The problems reported so far, taken out of the context.
    pub fn take_diagnostics(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diagnostics.borrow_mut())
    }
}

/// The result of [`render_site`]: every artifact, and every problem in
/// renderer order (the renderer's own, then the sink's path checks).
#[derive(Debug, Default)]
pub struct RenderRun {
    /// The artifacts, by output path.
    pub sink: Sink,
    /// Problems reported while rendering.
    pub diagnostics: Vec<Diagnostic>,
    /// What the renderers shared (the rendered bodies): kept to be freed
    /// with the run, which `masthead render` does on a background thread
    /// while it exits, rather than on one core before the run is returned.
    shared: RenderMemo,
}

impl RenderRun {
    /// Whether any problem is an error (the CLI then exits 1).
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Runs each renderer over `site` into one sink, in the order given.
pub fn render_site(site: &Site, renderers: &[&dyn Renderer]) -> RenderRun {
    render_site_observed(site, renderers, &())
}

/// [`render_site`], telling `observer` as each renderer starts, reports
/// progress and finishes (for the CLI's progress bar).
pub fn render_site_observed(
    site: &Site,
    renderers: &[&dyn Renderer],
    observer: &dyn RenderObserver,
) -> RenderRun {
    let mut run = RenderRun::default();
    if let Some(url) = site.config.url.as_deref().filter(|u| !is_site_url(u)) {
        let cx = RenderContext::new(site, "");
        run.diagnostics.push(cx.config_diagnostic(
            "url",
            codes::UNSAFE_LINK,
            Severity::Error,
            format!(
                "`url: {}` is not a web address; links are made without it",
                url.escape_debug()
            ),
        ));
    }
    let memo = RenderMemo::default();
    for (index, renderer) in renderers.iter().enumerate() {
        observer.renderer_started(renderer.name(), index, renderers.len());
        let before = run.sink.len();
        let cx = RenderContext::new(site, renderer.name())
            .with_observer(observer)
            .with_memo(&memo);
        run.sink.set_renderer(renderer.name());
        renderer.render(&cx, &mut run.sink);
        run.diagnostics.extend(cx.take_diagnostics());
        run.diagnostics.extend(run.sink.take_diagnostics());
        observer.renderer_finished(renderer.name(), run.sink.len().saturating_sub(before));
    }
    // Put the artifacts in path order now, on every core, rather than in
    // whichever caller first lists them.
    run.sink.in_path_order();
    run.shared = memo;
    run
}

/// How many items a renderer with `total` items does between two
/// [`RenderContext::progress`] calls, so that it makes at most about fifty:
/// call it when `done % step == 0 || done == total`.
pub fn progress_step(total: usize) -> usize {
    total.div_ceil(50).max(1)
}

/// The site's `baseurl` as a path prefix: empty, or `/blog` (leading slash,
/// no trailing slash).
pub fn baseurl(site: &Site) -> String {
    let base = site.config.baseurl.as_deref().unwrap_or("").trim();
    let base = base.trim_end_matches('/');
    if base.is_empty() {
        String::new()
    } else if base.starts_with('/') {
        base.to_string()
    } else {
        format!("/{base}")
    }
}

/// `site.url + baseurl + path`, as Jekyll's `absolute_url` filter builds it
/// (just `baseurl + path` when the site has no `url`). `path` is a site
/// path with a leading slash; URLs that already have a scheme are returned
/// as they are.
pub fn absolute_url(site: &Site, path: &str) -> String {
    // A site path (`/a/`) has no scheme; only other values need the check.
    let site_path = path.starts_with('/') && !path.starts_with("//");
    if !site_path && (has_scheme(path) || path.starts_with("//")) {
        return path.to_string();
    }
    // A `url:` that is not a web address (`javascript:`) is left out of
    // every link; `render_site` reports it (RND012).
    let url = site
        .config
        .url
        .as_deref()
        .filter(|u| is_site_url(u))
        .unwrap_or("")
        .trim()
        .trim_end_matches('/');
    let sep = if path.starts_with('/') || path.is_empty() {
        ""
    } else {
        "/"
    };
    format!("{url}{}{sep}{path}", baseurl(site))
}

/// Whether masthead places `url` in a link it generates: a path, a
/// relative URL, or an `http`, `https` or `mailto` URL, without control
/// characters. `javascript:`, `data:`, `vbscript:` and every other scheme
/// are refused however they are disguised (case, tabs, leading spaces),
/// since content comes from pull requests.
///
/// ```
/// use masthead_render::is_safe_link;
/// assert!(is_safe_link("https://example.org/register"));
/// assert!(is_safe_link("mailto:events@example.org"));
/// assert!(is_safe_link("/events/picnic/"));
/// assert!(!is_safe_link("JavaScript:alert(1)"));
/// assert!(!is_safe_link(" java\tscript:alert(1)"));
/// assert!(!is_safe_link("data:text/html,<script>alert(1)</script>"));
/// ```
pub fn is_safe_link(url: &str) -> bool {
    !url.chars().any(char::is_control)
        && url_scheme(url).is_none_or(|s| matches!(s.as_str(), "http" | "https" | "mailto"))
}

/// Whether the site's `url:` is used in absolute URLs: [`is_safe_link`],
/// and not `mailto:`.
fn is_site_url(url: &str) -> bool {
    is_safe_link(url) && url_scheme(url).is_none_or(|s| s != "mailto")
}

/// The scheme of a URL (`https`, `javascript`), lowercased, when it has
/// one. Tabs and newlines are ignored as browsers ignore them, so
/// `java\tscript:` is seen for what it is.
pub fn url_scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = cleaned.find(':')?;
    let scheme = &cleaned[..end];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| scheme.to_ascii_lowercase())
}

fn has_scheme(url: &str) -> bool {
    url_scheme(url).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_found_through_whitespace_tricks() {
        assert_eq!(url_scheme("https://a").as_deref(), Some("https"));
        assert_eq!(
            url_scheme(" java\tscript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(url_scheme("JavaScript:x").as_deref(), Some("javascript"));
        assert_eq!(url_scheme("/a:b"), None);
        assert_eq!(url_scheme("a/b:c"), None);
    }

    /// Adds `n` artifacts, ticking as the built-in renderers do.
    struct Items(&'static str, usize);
    impl Renderer for Items {
        fn name(&self) -> &str {
            self.0
        }
        fn render(&self, cx: &RenderContext<'_>, sink: &mut Sink) {
            let step = progress_step(self.1);
            for i in 1..=self.1 {
                sink.add(&format!("{}/{i}.txt", self.0), "x", "text/plain");
                if i % step == 0 || i == self.1 {
                    cx.progress(i, self.1);
                }
            }
        }
    }

    #[derive(Default)]
    struct Counting {
        events: std::sync::Mutex<Vec<String>>,
        ticks: std::sync::Mutex<Vec<(String, usize, usize)>>,
    }
    impl RenderObserver for Counting {
        fn renderer_started(&self, name: &str, index: usize, total: usize) {
            let e = format!("start {name} {index}/{total}");
            self.events.lock().unwrap().push(e);
        }
        fn renderer_finished(&self, name: &str, artifacts: usize) {
            let e = format!("finish {name} {artifacts}");
            self.events.lock().unwrap().push(e);
        }
        fn progress(&self, name: &str, done: usize, total: usize) {
            self.ticks
                .lock()
                .unwrap()
                .push((name.to_string(), done, total));
        }
    }

    #[test]
    fn observers_see_each_renderer_and_monotonic_ticks() {
        let site = Site::default();
        let counting = Counting::default();
        let renderers: [&dyn Renderer; 3] = [&Items("a", 3), &Items("b", 0), &Items("c", 1000)];
        let run = render_site_observed(&site, &renderers, &counting);
        assert_eq!(run.sink.len(), 1003);
        assert_eq!(
            *counting.events.lock().unwrap(),
            [
                "start a 0/3",
                "finish a 3",
                "start b 1/3",
                "finish b 0",
                "start c 2/3",
                "finish c 1000"
            ]
        );
        let ticks = counting.ticks.lock().unwrap();
        for name in ["a", "c"] {
            let mine: Vec<_> = ticks.iter().filter(|t| t.0 == name).collect();
            assert!(!mine.is_empty() && mine.len() <= 100, "{name}: {mine:?}");
            assert!(mine.windows(2).all(|w| w[0].1 < w[1].1), "{mine:?}");
            let last = mine.last().unwrap();
            assert_eq!(last.1, last.2, "{name} ends at its total");
        }
        assert!(!ticks.iter().any(|t| t.0 == "b"));
        // Without an observer the same run ticks nowhere and is identical.
        let plain = render_site(&site, &renderers);
        assert_eq!(plain.sink.listing(), run.sink.listing());
    }

    #[test]
    fn results_made_in_parallel_are_taken_in_order_with_progress() {
        let site = Site::default();
        let counting = Counting::default();
        let cx = RenderContext::new(&site, "n").with_observer(&counting);
        for total in [0, 1, 63, 64, 65, 5000] {
            let items: Vec<usize> = (0..total).collect();
            let mut taken = Vec::new();
            cx.for_each_in_parallel(
                &items,
                |i| i * 2,
                |item, made| {
                    assert_eq!(made, item * 2);
                    taken.push(*item);
                },
            );
            assert_eq!(taken, items, "every item once, in order");
        }
        let ticks = counting.ticks.lock().unwrap();
        let of_5000: Vec<usize> = ticks.iter().filter(|t| t.2 == 5000).map(|t| t.1).collect();
        assert!(of_5000.len() <= 100 && of_5000.is_sorted(), "{of_5000:?}");
        assert_eq!(of_5000.last(), Some(&5000));
    }

    #[test]
    fn progress_steps_keep_ticks_few() {
        assert_eq!(progress_step(0), 1);
        assert_eq!(progress_step(49), 1);
        assert_eq!(progress_step(51), 2);
        assert!(100_000usize.div_ceil(progress_step(100_000)) <= 50);
    }

    #[test]
    fn absolute_urls_join_url_baseurl_and_path() {
        let mut site = Site::default();
        assert_eq!(absolute_url(&site, "/a/"), "/a/");
        site.config.baseurl = Some("blog/".into());
        site.config.url = Some("https://example.org/".into());
        assert_eq!(absolute_url(&site, "/a/"), "https://example.org/blog/a/");
        assert_eq!(absolute_url(&site, "https://x.test/"), "https://x.test/");
    }
}
