//! Document bodies rendered once per render run and shared by renderers.
//!
//! The `html`, `json` and `feeds` renderers all need documents' bodies as
//! HTML; rendering each body once per run, and on every core, instead of
//! once per renderer is most of what a render costs. [`Bodies`] keeps them
//! in the run's memo ([`RenderContext::shared`]), one table per set of
//! [`MarkdownOptions`], so renderers with different options (feeds turn
//! heading ids off) never see each other's HTML.

use crate::{MarkdownOptions, TocEntry, is_markdown_path, to_html_and_toc};
use masthead_model::document::Document;
use masthead_model::site::Site;
use masthead_render::RenderContext;
use rayon::prelude::*;
use std::borrow::Cow;
use std::sync::{Arc, Mutex, OnceLock};

/// A document's body as HTML, with its table of contents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RenderedBody {
    /// The body as an HTML fragment: Markdown rendered, other bodies
    /// (`.html`) as written, or sanitized when the options say so.
    pub html: String,
    /// The headings of a Markdown body ([`crate::toc`]); empty for other
    /// bodies.
    pub toc: Vec<TocEntry>,
}

/// One cell per document of the site, filled on first use.
type Cells = Arc<[OnceLock<RenderedBody>]>;

/// Every table of the run, one per set of options (a handful at most).
#[derive(Default)]
struct Tables(Mutex<Vec<(MarkdownOptions, Cells)>>);

/// The site's bodies rendered with one set of options, shared by every
/// renderer of the run that asks for the same options.
///
/// ```
/// use masthead_html::{Bodies, MarkdownOptions};
/// use masthead_render::RenderContext;
/// # let site = masthead_model::site::Site::default();
/// let cx = RenderContext::new(&site, "mine");
/// let bodies = Bodies::new(&cx, &MarkdownOptions::default());
/// for doc in site.published() {
///     if let Some(body) = bodies.get(doc) {
///         println!("{}: {} bytes", doc.url, body.html.len());
///     }
/// }
/// ```
pub struct Bodies<'s> {
    site: &'s Site,
    options: MarkdownOptions,
    cells: Cells,
}

impl std::fmt::Debug for Bodies<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bodies")
            .field("options", &self.options)
            .field("documents", &self.cells.len())
            .finish()
    }
}

impl<'s> Bodies<'s> {
    /// The run's bodies for `options` (an empty table the first time).
    pub fn new(cx: &RenderContext<'s>, options: &MarkdownOptions) -> Self {
        let site = cx.site();
        let tables = cx.shared(Tables::default);
        // A poisoned lock only means another renderer panicked; the list
        // itself is always consistent.
        let mut tables = tables.0.lock().unwrap_or_else(|e| e.into_inner());
        let cells = match tables.iter().find(|(o, _)| o == options) {
            Some((_, cells)) => cells.clone(),
            None => {
                let cells: Cells = (0..site.documents.len()).map(|_| OnceLock::new()).collect();
                tables.push((options.clone(), cells.clone()));
                cells
            }
        };
        Bodies {
            site,
            options: options.clone(),
            cells,
        }
    }

    /// The options these bodies are rendered with.
    pub fn options(&self) -> &MarkdownOptions {
        &self.options
    }

    /// `doc`'s body, rendered now unless a renderer already did; `None`
    /// when the site has no text for it (the caller reports that). A
    /// document that is not one of the site's own is rendered without
    /// being kept.
    pub fn get(&self, doc: &Document) -> Option<Cow<'_, RenderedBody>> {
        let source = self.site.sources.get(&doc.path)?;
        let own = self
            .site
            .documents
            .get(doc.id.0)
            .is_some_and(|d| std::ptr::eq(d, doc));
        match self.cells.get(doc.id.0) {
            Some(cell) if own => {
                Some(Cow::Borrowed(cell.get_or_init(|| {
                    render(doc, doc.body(source), &self.options)
                })))
            }
            _ => Some(Cow::Owned(render(doc, doc.body(source), &self.options))),
        }
    }

    /// Renders the bodies of `docs` that are not rendered yet, on every
    /// core, so that the [`Bodies::get`] calls that follow only look them up.
    pub fn prepare(&self, docs: &[&Document]) {
        docs.par_iter().for_each(|doc| {
            let _ = self.get(doc);
        });
    }
}

/// `doc`'s body as the `html` renderer writes it.
fn render(doc: &Document, body: &str, options: &MarkdownOptions) -> RenderedBody {
    if is_markdown_path(&doc.path) {
        let (html, toc) = to_html_and_toc(body, options);
        RenderedBody { html, toc }
    } else {
        RenderedBody {
            html: options.raw_html.apply(body.to_string()),
            toc: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RawHtml;

    const A: &str = "# A\n\nSee [b](/b/).\n";

    /// A site of two documents: `a.md` (Markdown) and `b.html` (raw HTML).
    fn site() -> (tempfile::TempDir, Site) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("_config.yml"),
            "collections:\n  news:\n    output: true\n",
        )
        .unwrap();
        std::fs::create_dir(root.join("_news")).unwrap();
        std::fs::write(root.join("_news/a.md"), format!("---\ntitle: A\n---\n{A}")).unwrap();
        std::fs::write(
            root.join("_news/b.html"),
            "---\ntitle: B\n---\n<p>raw <script>x()</script></p>\n",
        )
        .unwrap();
        let site = masthead_source::load_site(root, &Default::default()).unwrap();
        assert_eq!(site.documents.len(), 2, "{:?}", site.diagnostics);
        (dir, site)
    }

    #[test]
    fn one_render_per_document_and_options_shared_by_renderers() {
        let (_dir, site) = site();
        let memo = masthead_render::RenderMemo::default();
        let first = RenderContext::new(&site, "one").with_memo(&memo);
        let second = RenderContext::new(&site, "two").with_memo(&memo);
        let options = MarkdownOptions::default();
        let a = Bodies::new(&first, &options);
        a.prepare(&site.documents.iter().collect::<Vec<_>>());
        let b = Bodies::new(&second, &options);
        let doc = &site.documents[0];
        let (Some(Cow::Borrowed(x)), Some(Cow::Borrowed(y))) = (a.get(doc), b.get(doc)) else {
            panic!("site documents are kept");
        };
        assert!(
            std::ptr::eq(x, y),
            "the second renderer reuses the first's HTML"
        );
        assert_eq!(x.html, crate::to_html(A, &options));
        assert_eq!(x.toc, crate::toc(A, &options));
        // Without a shared memo, nothing is shared.
        let alone = RenderContext::new(&site, "three");
        let c = Bodies::new(&alone, &options);
        let Some(Cow::Borrowed(z)) = c.get(doc) else {
            panic!("kept in its own table");
        };
        assert!(!std::ptr::eq(x, z));
        assert_eq!(x, z);
    }

    #[test]
    fn different_options_different_tables() {
        let (_dir, site) = site();
        let cx = RenderContext::new(&site, "one");
        let sanitizing = MarkdownOptions {
            raw_html: RawHtml::Sanitize,
            ..MarkdownOptions::default()
        };
        let plain = Bodies::new(&cx, &MarkdownOptions::default());
        let clean = Bodies::new(&cx, &sanitizing);
        let doc = &site.documents[1];
        assert!(plain.get(doc).unwrap().html.contains("<script>"));
        assert!(!clean.get(doc).unwrap().html.contains("<script>"));
        assert!(clean.get(doc).unwrap().toc.is_empty());
    }

    #[test]
    fn strangers_and_missing_text() {
        let (_dir, site) = site();
        let cx = RenderContext::new(&site, "one");
        let bodies = Bodies::new(&cx, &MarkdownOptions::default());
        // Same id as a site document, but not it: rendered, not kept.
        let mut stranger = site.documents[0].clone();
        stranger.path = site.documents[1].path.clone();
        assert!(matches!(bodies.get(&stranger), Some(Cow::Owned(_))));
        let mut missing = site.documents[0].clone();
        missing.path = "_news/none.md".into();
        assert!(bodies.get(&missing).is_none());
    }
}
