//! The `html` renderer: each published document's body as an HTML page.

use crate::{Bodies, MarkdownOptions};
use masthead_diagnostics::Severity;
use masthead_model::document::Document;
use masthead_render::escape::html as esc;
use masthead_render::{RenderContext, Renderer, Sink, codes};
use serde::Deserialize;

/// `masthead.render.html` in `_config.yml`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct HtmlSettings {
    /// Clean raw HTML in bodies with an allow-list (ammonia) instead of
    /// passing it through as Jekyll does.
    pub sanitize: bool,
    /// Wrap each body in a minimal page ([`page_html`]); `false` writes the
    /// bare fragment, for front ends that have their own templates.
    pub wrap: bool,
    /// The page's `lang` attribute.
    pub lang: String,
    /// Give headings `id`s and anchor links.
    pub heading_ids: bool,
    /// Put a table of contents ([`crate::toc_html`]) before each Markdown
    /// body, linking to its headings (their ids need `heading_ids`).
    pub toc: bool,
}

impl Default for HtmlSettings {
    fn default() -> Self {
        HtmlSettings {
            sanitize: false,
            wrap: true,
            lang: "en".into(),
            heading_ids: true,
            toc: false,
        }
    }
}

/// The HTML renderer; its settings are [`HtmlSettings`].
///
/// Writes each published document with an output path, except documents
/// with `redirect_to` (the `redirects` renderer writes a stub there).
/// Markdown bodies are rendered; other bodies (`.html`) are copied, or
/// sanitized when `sanitize` is on. Liquid is not evaluated.
#[derive(Clone, Copy, Debug, Default)]
pub struct HtmlRenderer;

/// The minimal page around a body: doctype, `lang`, charset, the escaped
/// title, a canonical link to `canonical` (escaped), and the body inside
/// `<article>` under an `<h1>` with the title (when there is one).
///
/// ```
/// let page = masthead_html::page_html("en", Some("Q&A <live>"), "/q/", "<p>Hi</p>\n");
/// assert!(page.contains("<title>Q&amp;A &lt;live&gt;</title>"));
/// ```
pub fn page_html(lang: &str, title: Option<&str>, canonical: &str, body: &str) -> String {
    let heading = title
        .map(|t| format!("<h1>{}</h1>\n", esc(t)))
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<link rel=\"canonical\" href=\"{canonical}\">\n</head>\n<body>\n<article>\n{heading}{body}</article>\n</body>\n</html>\n",
        lang = esc(lang),
        title = esc(title.unwrap_or("")),
        canonical = esc(canonical),
    )
}

fn media_type(path: &str) -> &'static str {
    match path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("html" | "htm") | None => "text/html; charset=utf-8",
        Some("xml") => "application/xml",
        Some("json") => "application/json",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

impl Renderer for HtmlRenderer {
    fn name(&self) -> &str {
        "html"
    }

    fn description(&self) -> &str {
        "each published document's body as HTML at its output path"
    }

    fn render(&self, cx: &RenderContext<'_>, sink: &mut Sink) {
        let settings: HtmlSettings = cx.settings();
        let site = cx.site();
        let options = MarkdownOptions::for_site(site, settings.heading_ids, settings.sanitize);
        let docs: Vec<&Document> = site
            .published()
            .filter(|d| d.output.is_some() && d.redirect_to.is_none())
            .collect();
        let bodies = Bodies::new(cx, &options);
        // Pages are made on every core; the sink takes them in document
        // order meanwhile.
        let total = docs.len();
        let page = |doc: &&Document| {
            let span = doc.spans.value_span("permalink");
            let body = bodies.get(doc)?;
            let mut html = String::new();
            if settings.toc {
                html.push_str(&crate::toc_html(&body.toc));
            }
            html.push_str(&body.html);
            let page = if settings.wrap {
                let canonical = masthead_render::absolute_url(site, &doc.url);
                page_html(&settings.lang, doc.title.as_deref(), &canonical, &html)
            } else {
                html
            };
            Some((page, span))
        };
        cx.for_each_in_parallel(&docs, page, |doc, page| {
            let Some(output) = &doc.output else { return };
            let Some((bytes, span)) = page else {
                cx.report(cx.document_diagnostic(
                    doc,
                    "",
                    codes::NO_SOURCE,
                    Severity::Error,
                    format!(
                        "the text of `{}` was not loaded; it is not rendered",
                        doc.path
                    ),
                ));
                return;
            };
            sink.add_from(&doc.path, span, output, bytes, media_type(output));
        });
        if total == 0 {
            cx.progress(0, 0);
        }
    }
}
