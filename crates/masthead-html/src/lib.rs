//! Markdown to HTML for masthead, and the `html` renderer.
//!
//! comrak does the parsing and rendering, behind masthead's own
//! [`MarkdownOptions`] so that no comrak type is part of masthead's API and
//! the engine can change without breaking users. On top of comrak this crate
//! adds what a Jekyll-style site needs: site-relative links rewritten with
//! `baseurl`, optional allow-list sanitizing (ammonia), excerpts and a
//! plain-text rendering for search indexes and feeds.
//!
//! ```
//! use masthead_html::{MarkdownOptions, to_html, to_plain_text};
//!
//! let mut options = MarkdownOptions::default();
//! options.baseurl = "/blog".into();
//! assert_eq!(
//!     to_html("See [the team](/team/) ~~now~~.", &options),
//!     "<p>See <a href=\"/blog/team/\">the team</a> <del>now</del>.</p>\n"
//! );
//! assert_eq!(to_plain_text("# Hi *there*\n\nA `b` c", &options), "Hi there\n\nA b c");
//! ```

#![deny(clippy::print_stdout, clippy::print_stderr)]

mod bodies;
mod renderer;
mod toc;

pub use bodies::{Bodies, RenderedBody};
pub use renderer::{HtmlRenderer, HtmlSettings, page_html};
pub use toc::{TocEntry, toc, toc_html};

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};
use masthead_model::document::Document;
use masthead_model::site::Site;
use std::sync::Arc;

/// What to do with raw HTML written in Markdown bodies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum RawHtml {
    /// Pass it through unchanged, as Jekyll (kramdown) does: the site's
    /// authors are trusted, and bodies use `<b>`, `<iframe>` and the like.
    #[default]
    PassThrough,
    /// Keep only an allow-list of safe tags and attributes (ammonia's
    /// defaults, plus `id`): for content from less trusted authors.
    Sanitize,
}

impl RawHtml {
    /// `html` as this setting leaves it: unchanged, or cleaned.
    pub(crate) fn apply(self, html: String) -> String {
        match self {
            RawHtml::PassThrough => html,
            RawHtml::Sanitize => sanitize(&html),
        }
    }
}

/// How Markdown is read and written: masthead's own options, mapped onto
/// comrak's.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct MarkdownOptions {
    /// GFM tables.
    pub tables: bool,
    /// GFM `~~strikethrough~~`.
    pub strikethrough: bool,
    /// GFM autolinks (`www.example.org`, bare URLs).
    pub autolinks: bool,
    /// GFM task lists (`- [x] done`).
    pub tasklists: bool,
    /// Footnotes (`[^1]`).
    pub footnotes: bool,
    /// An `id` on each heading (its slug) with an anchor link to it.
    pub heading_ids: bool,
    /// Raw HTML handling.
    pub raw_html: RawHtml,
    /// Prefix for site-relative link and image URLs (`/blog`; empty for
    /// none): `/team/` becomes `/blog/team/`. Protocol-relative (`//host`)
    /// and already-prefixed URLs are left alone.
    pub baseurl: String,
}

impl Default for MarkdownOptions {
    /// Everything a Jekyll site expects: the GFM extensions, footnotes,
    /// heading ids, raw HTML passed through.
    fn default() -> Self {
        MarkdownOptions {
            tables: true,
            strikethrough: true,
            autolinks: true,
            tasklists: true,
            footnotes: true,
            heading_ids: true,
            raw_html: RawHtml::PassThrough,
            baseurl: String::new(),
        }
    }
}

impl MarkdownOptions {
    /// The options a renderer reads `site`'s bodies with: the default
    /// dialect, links under the site's `baseurl`, heading ids and raw HTML
    /// as its settings say. Renderers whose settings agree get equal
    /// options, and so share rendered bodies ([`Bodies`]).
    pub fn for_site(site: &Site, heading_ids: bool, sanitize: bool) -> Self {
        MarkdownOptions {
            heading_ids,
            baseurl: masthead_render::baseurl(site),
            raw_html: if sanitize {
                RawHtml::Sanitize
            } else {
                RawHtml::PassThrough
            },
            ..MarkdownOptions::default()
        }
    }

    /// Plain CommonMark: every extension off, raw HTML passed through (as
    /// the spec requires). The CommonMark spec tests run with this.
    pub fn commonmark() -> Self {
        MarkdownOptions {
            tables: false,
            strikethrough: false,
            autolinks: false,
            tasklists: false,
            footnotes: false,
            heading_ids: false,
            raw_html: RawHtml::PassThrough,
            baseurl: String::new(),
        }
    }

    fn comrak(&self) -> Options<'static> {
        let mut o = Options::default();
        o.extension.table = self.tables;
        o.extension.strikethrough = self.strikethrough;
        o.extension.autolink = self.autolinks;
        o.extension.tasklist = self.tasklists;
        o.extension.footnotes = self.footnotes;
        o.extension.header_id_prefix = self.heading_ids.then(String::new);
        // Sanitizing happens after rendering, on the whole fragment.
        o.render.r#unsafe = true;
        let base = self.baseurl.trim_end_matches('/').to_string();
        if !base.is_empty() {
            let rewrite = Arc::new(move |url: &str| with_baseurl(&base, url));
            o.extension.link_url_rewriter = Some(rewrite.clone());
            o.extension.image_url_rewriter = Some(rewrite);
        }
        o
    }
}

/// `base + url` for a site-relative `url` not already under `base`.
fn with_baseurl(base: &str, url: &str) -> String {
    let under_base = url
        .strip_prefix(base)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#']));
    if url.starts_with('/') && !url.starts_with("//") && !under_base {
        format!("{base}{url}")
    } else {
        url.to_string()
    }
}

/// Renders Markdown to an HTML fragment.
pub fn to_html(markdown: &str, options: &MarkdownOptions) -> String {
    options
        .raw_html
        .apply(comrak::markdown_to_html(markdown, &options.comrak()))
}

/// [`to_html`] and [`toc`] of one document from a single parse: what a
/// renderer that needs both pays for once.
///
/// ```
/// use masthead_html::{MarkdownOptions, to_html, to_html_and_toc, toc};
///
/// let md = "# Intro\n\nText with a [link](/a/).\n";
/// let options = MarkdownOptions::default();
/// assert_eq!(to_html_and_toc(md, &options), (to_html(md, &options), toc(md, &options)));
/// ```
pub fn to_html_and_toc(markdown: &str, options: &MarkdownOptions) -> (String, Vec<TocEntry>) {
    let comrak_options = options.comrak();
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &comrak_options);
    let entries = toc::toc_of(root, options);
    let mut html = String::with_capacity(markdown.len() + markdown.len() / 4);
    // Writing into a `String` cannot fail; comrak's `fmt::Result` is for
    // other writers.
    let _ = comrak::format_html(root, &comrak_options, &mut html);
    (options.raw_html.apply(html), entries)
}

/// Cleans an HTML fragment with ammonia's allow-list (plus `id`, so heading
/// anchors still work).
pub fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id"])
        .clean(html)
        .to_string()
}

/// The text of a Markdown document, without markup: for search indexes and
/// feed summaries. Blocks are separated by a blank line, soft breaks become
/// spaces, raw HTML tags are dropped (the text between them is kept).
pub fn to_plain_text(markdown: &str, options: &MarkdownOptions) -> String {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options.comrak());
    let mut out = String::new();
    plain(root, &mut out);
    // Blocks each end with a blank line; collapse runs and trim.
    let mut text = String::with_capacity(out.len());
    let mut newlines = 0;
    for c in out.trim().chars() {
        if c == '\n' {
            newlines += 1;
            if newlines <= 2 {
                text.push(c);
            }
        } else {
            newlines = 0;
            text.push(c);
        }
    }
    text
}

fn plain<'a>(node: &'a AstNode<'a>, out: &mut String) {
    let block_end = {
        let data = node.data();
        match &data.value {
            NodeValue::Text(t) => {
                out.push_str(t);
                return;
            }
            NodeValue::Code(c) => {
                out.push_str(&c.literal);
                return;
            }
            NodeValue::CodeBlock(c) => {
                out.push_str(&c.literal);
                out.push_str("\n\n");
                return;
            }
            NodeValue::SoftBreak => {
                out.push(' ');
                return;
            }
            NodeValue::LineBreak => {
                out.push('\n');
                return;
            }
            NodeValue::HtmlInline(_) | NodeValue::HtmlBlock(_) => return,
            NodeValue::TableCell => Some(" "),
            NodeValue::Paragraph
            | NodeValue::Heading(_)
            | NodeValue::TableRow(_)
            | NodeValue::Item(_)
            | NodeValue::BlockQuote
            | NodeValue::ThematicBreak => Some("\n\n"),
            _ => None,
        }
    };
    for child in node.children() {
        plain(child, out);
    }
    if let Some(end) = block_end {
        out.push_str(end);
    }
}

/// A document's excerpt, as HTML and as plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    /// Rendered HTML fragment.
    pub html: String,
    /// Plain text.
    pub text: String,
    /// Whether it came from the front matter's `excerpt` (else the body's
    /// first paragraph).
    pub from_front_matter: bool,
}

/// A document's excerpt: its front matter's `excerpt`, else the body's text
/// up to the first blank line (Jekyll's default `excerpt_separator`), both
/// read as Markdown. `None` when both are empty.
pub fn excerpt(doc: &Document, body: &str, options: &MarkdownOptions) -> Option<Excerpt> {
    let written = doc
        .post()
        .and_then(|p| p.excerpt.as_deref())
        .or_else(|| doc.data.get("excerpt").and_then(|v| v.as_str()));
    let (source, from_front_matter) = match written {
        Some(e) if !e.trim().is_empty() => (e.to_string(), true),
        _ => {
            let body = body.replace("\r\n", "\n");
            let first = body
                .trim_start_matches(['\n', ' ', '\t'])
                .split("\n\n")
                .next()
                .unwrap_or("")
                .to_string();
            (first, false)
        }
    };
    if source.trim().is_empty() {
        return None;
    }
    Some(Excerpt {
        html: to_html(&source, options),
        text: to_plain_text(&source, options),
        from_front_matter,
    })
}

/// Whether a file is Markdown to Jekyll, by its extension (`.md`,
/// `.markdown`, `.mkd`, `.mkdn`, `.mkdown`, `.mdown`; any case).
pub fn is_markdown_path(path: &str) -> bool {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(
        ext.as_deref(),
        Some("md" | "markdown" | "mkd" | "mkdn" | "mkdown" | "mdown")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gfm_extensions_and_heading_ids() {
        let o = MarkdownOptions::default();
        let html = to_html(
            "## Plan\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\nSee www.example.org and a note[^n].\n\n[^n]: Note.\n",
            &o,
        );
        assert!(html.contains("<h2 id=\"plan\">"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("type=\"checkbox\""), "{html}");
        assert!(
            html.contains("<a href=\"http://www.example.org\">"),
            "{html}"
        );
        assert!(html.contains("footnote"), "{html}");
    }

    #[test]
    fn raw_html_passes_or_is_cleaned() {
        let md =
            "<b>bold</b> <script>alert(1)</script> <a href=\"javascript:x\" onclick=\"y\">l</a>\n";
        let kept = to_html(md, &MarkdownOptions::default());
        assert!(
            kept.contains("<b>bold</b>") && kept.contains("<script>"),
            "{kept}"
        );
        let o = MarkdownOptions {
            raw_html: RawHtml::Sanitize,
            ..MarkdownOptions::default()
        };
        let clean = to_html(md, &o);
        assert!(clean.contains("<b>bold</b>"), "{clean}");
        assert!(
            !clean.contains("script")
                && !clean.contains("javascript")
                && !clean.contains("onclick"),
            "{clean}"
        );
    }

    /// Markdown links are the authors' as raw HTML is: kept by default,
    /// and without script URLs once sanitized.
    #[test]
    fn sanitizing_removes_script_urls_from_markdown_links() {
        let md = "[a](javascript:alert(1)) [b](JAVASCRIPT:x) [c](data:text/html,x) \
                  [d](vbscript:msgbox) [e](https://example.org/) [f](mailto:a@example.org) [g](/rel/)\n";
        let kept = to_html(md, &MarkdownOptions::default());
        assert!(kept.contains("href=\"javascript:alert(1)\""), "{kept}");
        let o = MarkdownOptions {
            raw_html: RawHtml::Sanitize,
            ..MarkdownOptions::default()
        };
        let clean = to_html(md, &o).to_ascii_lowercase();
        for gone in ["javascript:", "data:", "vbscript:"] {
            assert!(!clean.contains(gone), "{gone} in {clean}");
        }
        for kept in ["https://example.org/", "mailto:a@example.org", "/rel/"] {
            assert!(clean.contains(kept), "{kept} missing from {clean}");
        }
    }

    #[test]
    fn baseurl_prefixes_site_relative_links_only() {
        assert_eq!(with_baseurl("/blog", "/a/"), "/blog/a/");
        assert_eq!(with_baseurl("/blog", "/blog/a/"), "/blog/a/");
        assert_eq!(with_baseurl("/blog", "/blogger/"), "/blog/blogger/");
        assert_eq!(
            with_baseurl("/blog", "//cdn.test/x.png"),
            "//cdn.test/x.png"
        );
        assert_eq!(
            with_baseurl("/blog", "https://x.test/a"),
            "https://x.test/a"
        );
        assert_eq!(with_baseurl("/blog", "a/b"), "a/b");
        let o = MarkdownOptions {
            baseurl: "/blog/".into(),
            ..MarkdownOptions::default()
        };
        assert_eq!(
            to_html("![i](/i.png)", &o),
            "<p><img src=\"/blog/i.png\" alt=\"i\" /></p>\n"
        );
    }

    #[test]
    fn plain_text_drops_markup() {
        let o = MarkdownOptions::default();
        assert_eq!(
            to_plain_text(
                "Some <b>bold</b> & [link](/x).\nNext line.\n\n```\ncode\n```\n\n- one\n- two\n",
                &o
            ),
            "Some bold & link. Next line.\n\ncode\n\none\n\ntwo"
        );
    }

    #[test]
    fn markdown_paths() {
        assert!(is_markdown_path("_posts/a.md") && is_markdown_path("x.MARKDOWN"));
        assert!(!is_markdown_path("_posts/a.html") && !is_markdown_path("md"));
    }
}
