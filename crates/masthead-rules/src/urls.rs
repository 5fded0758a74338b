//! The urls rules: permalinks, output paths and the redirect graph that
//! jekyll-redirect-from builds from `redirect_from` and `redirect_to`.
//!
//! (URL001 and URL002 are reported by the loader itself.)

use masthead_diagnostics::{Diagnostic, Fix, Severity, Span};
use masthead_lint::{DocumentContext, FixAvailability, Rule, RuleMeta, SiteContext};
use masthead_model::document::{Document, DocumentId, Publication};
use masthead_model::permalink::unescape_path;
use masthead_model::site::{Redirect, RedirectOrigin, Site, canonical_url};
use masthead_model::value::Value;
use std::borrow::Cow;
/// Maps keyed by the site's paths: foldhash (seeded, several times faster
/// than SipHash on short strings), as the model's own maps.
type HashMap<K, V> = std::collections::HashMap<K, V, masthead_model::MapHasher>;
use std::sync::Arc;

/// The rules of this family.
pub(crate) fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(PermalinkMissingSlash),
        Box::new(PermalinkWithDomain),
        Box::new(OutputCollision),
        Box::new(RedirectShadowsDocument),
        Box::new(RedirectCollision),
        Box::new(RedirectChain),
        Box::new(RedirectLoop),
        Box::new(RedirectUnsafeScheme),
        Box::new(RedirectNotAPath),
        Box::new(UnpublishedRedirects),
    ]
}

// ---------------------------------------------------------------------------
// Shared helpers

/// Sets the primary label's text of a finding built by `report`.
fn labelled(mut d: Diagnostic, label: impl Into<String>) -> Diagnostic {
    if let Some(p) = d.primary.as_mut() {
        p.message = label.into();
    }
    d
}

/// The opening `---` of `doc`.
fn fence(doc: &Document) -> Span {
    doc.layout
        .open_fence
        .map_or(Span::default(), |s| Span::new(s.start, s.start + 3))
}

/// Where `doc`'s URL comes from: its `permalink`, else its `slug`, else
/// (the URL comes from the collection's pattern) its `title`, else its
/// opening `---`.
fn url_anchor(doc: &Document) -> Span {
    ["permalink", "slug", "title"]
        .iter()
        .find_map(|k| doc.spans.value_span(k))
        .unwrap_or_else(|| fence(doc))
}

/// Whether a list item's source text is an empty (null) YAML value, which
/// the model drops from `redirect_from`.
fn is_null_text(text: &str) -> bool {
    matches!(text.trim(), "" | "~" | "null" | "Null" | "NULL")
}

/// The span of entry `index` of list `key` (`redirect_from`,
/// `redirect_to`) in `doc`, whose source is `source`, counting entries as
/// the model does (empty items dropped); the whole value for a single string.
fn item_span(doc: &Document, source: &str, key: &str, index: usize) -> Option<Span> {
    if doc.spans.value_span(&format!("{key}[0]")).is_none() {
        return doc.spans.value_span(key);
    }
    let mut seen = 0;
    for k in 0.. {
        let span = doc.spans.value_span(&format!("{key}[{k}]"))?;
        let text = source.get(span.start..span.end).unwrap_or("");
        if is_null_text(text) {
            continue;
        }
        if seen == index {
            return Some(span);
        }
        seen += 1;
    }
    None
}

/// The span of `redirect_from` entry `index`.
fn redirect_from_span(doc: &Document, source: &str, index: usize) -> Option<Span> {
    item_span(doc, source, "redirect_from", index)
}

/// The span of the `redirect_to` value that counts (the first entry).
fn redirect_to_span(doc: &Document, source: &str) -> Option<Span> {
    item_span(doc, source, "redirect_to", 0)
}

/// The file and span that declare redirect `r`.
fn edge_location(site: &Site, r: &Redirect) -> Option<(String, Span)> {
    let doc = site.document(r.document)?;
    let source = site.sources.get(&doc.path).map_or("", String::as_str);
    let span = match r.origin {
        RedirectOrigin::RedirectFrom { index } => redirect_from_span(doc, source, index),
        RedirectOrigin::RedirectTo => redirect_to_span(doc, source),
    }
    .unwrap_or_else(|| fence(doc));
    Some((doc.path.clone(), span))
}

/// [`canonical_url`] of `url` with its query and fragment dropped and its
/// percent-escapes decoded: the forms a static host serves from one file.
fn canonical(url: &str) -> Cow<'_, str> {
    // Byte by byte: every document's URL comes through here, several times.
    let end = url
        .bytes()
        .position(|b| matches!(b, b'?' | b'#'))
        .unwrap_or(url.len());
    let url = url.get(..end).unwrap_or(url);
    if url.contains('%') {
        Cow::Owned(canonical_url(&unescape_path(url)).into_owned())
    } else {
        canonical_url(url)
    }
}

/// The scheme of an absolute URL (`https`, `javascript`), lowercased, as a
/// browser reads it (tabs and line breaks inside are ignored).
fn scheme_of(url: &str) -> Option<String> {
    // No colon, no scheme (most values are site paths): skip the copy.
    if !url.contains(':') {
        return None;
    }
    let cleaned: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let cleaned = cleaned.trim_start_matches(|c: char| c <= ' ');
    let (scheme, _) = cleaned.split_once(':')?;
    let ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then(|| scheme.to_ascii_lowercase())
}

/// `scheme://host/rest` or `//host/rest` split into host and the rest (the
/// path, with a leading `/`).
fn split_host(url: &str) -> Option<(&str, String)> {
    let (host, rest) = host_and_rest(url)?;
    let rest = if rest.starts_with('/') {
        rest.to_string()
    } else {
        format!("/{rest}")
    };
    Some((host, rest))
}

/// [`split_host`] without the copy: the rest as written (it may lack its
/// leading `/`).
fn host_and_rest(url: &str) -> Option<(&str, &str)> {
    let after = match url.find("://") {
        Some(i) => url.get(i + 3..)?,
        None => url.strip_prefix("//")?,
    };
    match after.find(['/', '?', '#']) {
        Some(i) => Some((after.get(..i)?, after.get(i..)?)),
        None => Some((after, "")),
    }
}

/// Whether `host` is the host of the site's `url` (`www.example.org`),
/// ignoring case; never when the site has no `url` or it names no host.
fn is_site_host(site: &Site, host: &str) -> bool {
    site.config
        .url
        .as_deref()
        .and_then(|url| host_and_rest(url.trim()))
        .is_some_and(|(own, _)| !own.is_empty() && own.eq_ignore_ascii_case(host))
}

/// The first segment of a path-like value (`www.example.org` in
/// `/www.example.org/news/`).
fn first_segment(text: &str) -> &str {
    text.trim_start_matches('/').split('/').next().unwrap_or("")
}

/// Whether a first segment is a host name: one starting with `www.`, or
/// the site's own host (either in any case).
fn is_host_name(segment: &str, site: &Site) -> bool {
    segment
        .as_bytes()
        .get(..4)
        .is_some_and(|b| b.eq_ignore_ascii_case(b"www."))
        || is_site_host(site, segment)
}

/// A redirect target as a path on this site, when it is one: site paths as
/// they are, absolute URLs on the site's own host (`url` in `_config.yml`)
/// as their path without `baseurl`. `None` for other sites and schemes.
fn site_path<'a>(to: &'a str, site: &Site) -> Option<Cow<'a, str>> {
    let to = to.trim();
    if to.starts_with('/') && !to.starts_with("//") {
        return Some(Cow::Borrowed(to));
    }
    if !(to.starts_with("//") || matches!(scheme_of(to).as_deref(), Some("http" | "https"))) {
        return None;
    }
    let (host, rest) = split_host(to)?;
    if !is_site_host(site, host) {
        return None;
    }
    let base = site
        .config
        .baseurl
        .as_deref()
        .unwrap_or("")
        .trim_end_matches('/');
    match rest.strip_prefix(base) {
        Some(r) if !base.is_empty() && (r.is_empty() || r.starts_with(['/', '?', '#'])) => {
            Some(Cow::Owned(if r.starts_with('/') {
                r.to_string()
            } else {
                format!("/{r}")
            }))
        }
        _ => Some(Cow::Owned(rest)),
    }
}

/// What the site's own content serves, by canonical path: published,
/// written documents and pages (redirect stubs aside).
struct Served<'s> {
    site: &'s Site,
    index: Arc<ServedIndex>,
}

/// [`Served`] by position in the site's documents and pages: built once
/// per check and shared by every rule that needs it.
#[derive(Default)]
struct ServedIndex {
    documents: HashMap<String, usize>,
    outputs: HashMap<String, usize>,
    pages: HashMap<String, usize>,
}

impl ServedIndex {
    fn new(site: &Site) -> Self {
        let sized = |n| HashMap::with_capacity_and_hasher(n, Default::default());
        let mut index = ServedIndex {
            documents: sized(site.documents.len()),
            outputs: sized(site.documents.len()),
            pages: sized(site.pages.len()),
        };
        for (i, d) in site.documents.iter().enumerate() {
            if !d.is_published() {
                continue;
            }
            if let Some(output) = d.output.as_deref() {
                index
                    .documents
                    .entry(canonical(&d.url).into_owned())
                    .or_insert(i);
                index.outputs.entry(output.to_string()).or_insert(i);
            }
        }
        for (i, p) in site.pages.iter().enumerate() {
            index
                .pages
                .entry(canonical(&p.url).into_owned())
                .or_insert(i);
        }
        index
    }
}

impl<'s> Served<'s> {
    /// The check's shared index (built by the first rule that asks).
    fn of(cx: &SiteContext<'s>) -> Self {
        Served {
            site: cx.site,
            index: cx.shared_memo(|| ServedIndex::new(cx.site)),
        }
    }

    /// The document written at canonical path `canon` (or to output file
    /// `output`), if any.
    fn document(&self, canon: &str, output: Option<&str>) -> Option<&'s Document> {
        self.index
            .documents
            .get(canon)
            .or_else(|| output.and_then(|o| self.index.outputs.get(o)))
            .and_then(|&i| self.site.documents.get(i))
    }

    /// The path of the page served at canonical path `canon`, if any.
    fn page(&self, canon: &str) -> Option<&'s str> {
        self.index
            .pages
            .get(canon)
            .and_then(|&i| self.site.pages.get(i))
            .map(|p| p.path.as_str())
    }

    /// Whether a document or a page answers canonical path `canon`.
    fn serves(&self, canon: &str) -> bool {
        self.index.documents.contains_key(canon) || self.index.pages.contains_key(canon)
    }
}

/// What a value that should be a site path carries instead, if anything: a
/// scheme or host, whitespace, a query or fragment, backslashes. The first
/// such problem, with a short label and the path meant, when one can be
/// guessed.
fn not_a_path(written: &str, site: &Site) -> Option<(&'static str, String, Option<String>)> {
    let t = written.trim();
    if t.contains("://") || t.starts_with("//") {
        let path = split_host(t).map(|(_, rest)| rest);
        return Some((
            "a full URL, not a path",
            "contains a scheme or host name".into(),
            path,
        ));
    }
    if is_host_name(first_segment(t), site) {
        let rest = t.trim_start_matches('/');
        let path = rest.find('/').map_or("/", |i| rest.get(i..).unwrap_or("/"));
        return Some((
            "starts with a host name",
            format!(
                "starts with the host name `{}`",
                first_segment(t).to_ascii_lowercase()
            ),
            Some(path.to_string()),
        ));
    }
    if t.contains('\\') {
        return Some((
            "backslashes",
            "contains backslashes".into(),
            Some(t.replace('\\', "/")),
        ));
    }
    if written.chars().any(char::is_whitespace) {
        return Some((
            "whitespace",
            "contains whitespace".into(),
            Some(written.split_whitespace().collect::<Vec<_>>().join("%20")),
        ));
    }
    if let Some(i) = t.find(['?', '#']) {
        let what = if t.get(i..i + 1) == Some("?") {
            "a `?` query"
        } else {
            "a `#` fragment"
        };
        let path = t.get(..i).unwrap_or("").to_string();
        return Some((
            "a query or fragment",
            format!("contains {what}, which a static host never matches"),
            Some(if path.is_empty() { "/".into() } else { path }),
        ));
    }
    None
}

// ---------------------------------------------------------------------------
// URL003 permalink-missing-slash

static PERMALINK_MISSING_SLASH: RuleMeta = RuleMeta {
    code: "URL003",
    name: "permalink-missing-slash",
    family: "urls",
    summary: "A front-matter `permalink` does not start with `/`.",
    doc: "## What it does\n\
Reports a document's own `permalink` that does not start with `/`. The fix \
adds it.\n\n\
## Why is this bad?\n\
Jekyll quietly adds the slash, so the URL is not the one written; the file \
reads like a relative link, and tools that copy the value (link checkers, \
the CMS preview) resolve it against the wrong folder.\n\n\
## Example\n\
```yaml\n\
permalink: news/2021/11/22/relaunching-the-forum   # write /news/2021/…\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::Safe,
    enabled_by_default: true,
};

/// URL003.
struct PermalinkMissingSlash;

/// The document's own `permalink` text and its span, when the file sets one.
fn own_permalink<'a>(cx: &DocumentContext<'a>) -> Option<(&'a str, Span)> {
    let span = cx.value_span("permalink")?;
    let text = cx.document.data.get("permalink")?.as_str()?;
    (!text.trim().is_empty()).then_some((text, span))
}

/// Whether a permalink names a scheme or host (URL004's concern).
fn permalink_has_domain(text: &str, site: &Site) -> bool {
    let t = text.trim();
    t.contains("://")
        || t.starts_with("//")
        || matches!(scheme_of(t).as_deref(), Some("http" | "https"))
        || is_host_name(first_segment(t), site)
}

impl Rule for PermalinkMissingSlash {
    fn meta(&self) -> &'static RuleMeta {
        &PERMALINK_MISSING_SLASH
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some((text, span)) = own_permalink(cx) else {
            return;
        };
        if text.starts_with('/') || permalink_has_domain(text, cx.site) {
            return;
        }
        let wanted = format!("/{}", text.trim_start());
        // Insert after an opening quote, when the value is quoted.
        let quoted = cx
            .source
            .get(span.start..)
            .is_some_and(|s| s.starts_with(['"', '\'']));
        let at = span.start + usize::from(quoted);
        let d = labelled(
            cx.report(
                self.meta(),
                span,
                format!("permalink `{text}` does not start with `/`"),
            ),
            "no leading `/`",
        )
        .with_help(format!("write `permalink: {wanted}`"))
        .with_note(format!(
            "Jekyll adds the slash: the URL is `{}`",
            cx.document.url
        ))
        .with_fix(Fix {
            span: Span::point(at),
            replacement: "/".into(),
            message: "add the leading `/`".into(),
            safe: true,
        });
        out.push(d);
    }
}

// ---------------------------------------------------------------------------
// URL004 permalink-with-domain

static PERMALINK_WITH_DOMAIN: RuleMeta = RuleMeta {
    code: "URL004",
    name: "permalink-with-domain",
    family: "urls",
    summary: "A front-matter `permalink` contains a scheme or host name.",
    doc: "## What it does\n\
Reports a document's own `permalink` written as a full address \
(`https://www.example.org/news/…`, `//www.example.org/…`) or starting with a \
host name, instead of a path on the site.\n\n\
## Why is this bad?\n\
A permalink is a path: Jekyll glues the whole value onto the site, so the \
page is written to `_site/https:/www.example.org/news/….html` and served at \
an address nobody will ever visit, while the intended address is a 404.\n\n\
## Example\n\
```yaml\n\
permalink: https://www.example.org/news/2021/11/22/relaunching-the-forum\n\
# write: /news/2021/11/22/relaunching-the-forum\n\
```\n",
    default_severity: Severity::Error,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// URL004.
struct PermalinkWithDomain;

impl Rule for PermalinkWithDomain {
    fn meta(&self) -> &'static RuleMeta {
        &PERMALINK_WITH_DOMAIN
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some((text, span)) = own_permalink(cx) else {
            return;
        };
        if !permalink_has_domain(text, cx.site) {
            return;
        }
        let t = text.trim();
        let path = split_host(t).map(|(_, rest)| rest).unwrap_or_else(|| {
            let rest = t.trim_start_matches('/');
            match rest.split_once('/') {
                Some((_, p)) => format!("/{p}"),
                None => format!("/{rest}"),
            }
        });
        let d = labelled(
            cx.report(
                self.meta(),
                span,
                format!("permalink `{t}` is a full address, not a path on the site"),
            ),
            "scheme or host name in a permalink",
        )
        .with_help(format!("write only the path: `permalink: {path}`"))
        .with_note(format!(
            "Jekyll reads it as a path and serves the page at `{}`",
            cx.document.url
        ));
        out.push(d);
    }
}

// ---------------------------------------------------------------------------
// URL005 output-collision

static OUTPUT_COLLISION: RuleMeta = RuleMeta {
    code: "URL005",
    name: "output-collision",
    family: "urls",
    summary: "Two published documents are written to one output file.",
    doc: "## What it does\n\
Reports a published document whose output file (its URL as a file under \
`_site/`) is also another published document's, at the later of the two, \
with the other as a label.\n\n\
## Why is this bad?\n\
Jekyll writes both to the same file: one page silently replaces the other, \
and which one survives depends on the build order. Two posts with the same \
title on the same day, or a copied `permalink`, are the usual causes.\n\n\
## Example\n\
```yaml\n\
# _news/2022-06-25-pride.md and _news/2022-06-25-pride-in-london.md both say:\n\
permalink: /news/2022/06/25/pride-in-london\n\
```\n",
    default_severity: Severity::Error,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// URL005.
struct OutputCollision;

impl Rule for OutputCollision {
    fn meta(&self) -> &'static RuleMeta {
        &OUTPUT_COLLISION
    }

    fn check_site(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let mut first_at: HashMap<&str, &Document> =
            HashMap::with_capacity_and_hasher(cx.site.documents.len(), Default::default());
        for doc in cx.site.published() {
            let Some(output) = doc.output.as_deref() else {
                continue;
            };
            let Some(first) = first_at.get(output).copied() else {
                first_at.insert(output, doc);
                continue;
            };
            let d = labelled(
                cx.report(
                    self.meta(),
                    &doc.path,
                    url_anchor(doc),
                    format!(
                        "`{}` and `{}` are both written to `{output}`",
                        doc.path, first.path
                    ),
                ),
                format!("this document's URL is `{}`", doc.url),
            )
            .with_label_in(
                first.path.clone(),
                url_anchor(first),
                format!("`{}` is also written there", first.path),
            )
            .with_help(
                "give one of them its own `permalink` (or unpublish the one that should not be on the site)",
            )
            .with_note("Jekyll writes one over the other: only one of them will be on the site");
            out.push(d);
        }
    }
}

// ---------------------------------------------------------------------------
// URL006 redirect-shadows-document

static REDIRECT_SHADOWS_DOCUMENT: RuleMeta = RuleMeta {
    code: "URL006",
    name: "redirect-shadows-document",
    family: "urls",
    summary: "A `redirect_from` path is the URL of a document or page.",
    doc: "## What it does\n\
Reports a `redirect_from` entry whose path a published document or a page \
already serves, including the document's own URL.\n\n\
## Why is this bad?\n\
jekyll-redirect-from writes its redirect stub to the same file as the page: \
one replaces the other. Either the page disappears behind a redirect, or \
(for the document's own URL) the page redirects to itself forever.\n\n\
## Example\n\
```yaml\n\
# _news/2022-05-10-our-pride-season-plans.md, served at /news/2022/05/10/our-pride-season-plans\n\
redirect_from:\n\
- /news/2022/05/10/our-pride-season-plans\n\
- /events/          # the events page lives here\n\
```\n",
    default_severity: Severity::Error,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// URL006.
struct RedirectShadowsDocument;

impl Rule for RedirectShadowsDocument {
    fn meta(&self) -> &'static RuleMeta {
        &REDIRECT_SHADOWS_DOCUMENT
    }

    fn check_site(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let site = cx.site;
        let served = Served::of(cx);
        for r in &site.redirects {
            if !matches!(r.origin, RedirectOrigin::RedirectFrom { .. }) {
                continue;
            }
            let from = canonical(&r.from);
            let doc = served.document(&from, r.output.as_deref());
            if doc.is_none() && served.page(&from).is_none() {
                continue;
            }
            // Located only when reported: most redirects shadow nothing.
            let Some((file, span)) = edge_location(site, r) else {
                continue;
            };
            let d = if let Some(doc) = doc {
                if doc.id == r.document {
                    labelled(
                        cx.report(
                            self.meta(),
                            &file,
                            span,
                            format!("`{}` redirects from its own URL", r.from),
                        ),
                        "this is the document's own URL",
                    )
                    .with_help("remove this entry: a redirect from a page's own address replaces the page")
                    .with_note(format!(
                        "the document is served at `{}`; the redirect stub would be written over it and point at itself",
                        doc.url
                    ))
                } else {
                    labelled(
                        cx.report(
                            self.meta(),
                            &file,
                            span,
                            format!("`{}` is the URL of `{}`", r.from, doc.path),
                        ),
                        "a document is served at this path",
                    )
                    .with_label_in(
                        doc.path.clone(),
                        url_anchor(doc),
                        format!("`{}` is served at `{}`", doc.path, doc.url),
                    )
                    .with_help(
                        "remove this entry: a redirect stub and a document cannot share an address",
                    )
                    .with_note("jekyll-redirect-from would write its stub over the document, or the document over the stub")
                }
            } else if let Some(page) = served.page(&from) {
                labelled(
                    cx.report(
                        self.meta(),
                        &file,
                        span,
                        format!("`{}` is the URL of the page `{page}`", r.from),
                    ),
                    "a page is served at this path",
                )
                .with_help("remove this entry: a redirect stub and a page cannot share an address")
                .with_note("jekyll-redirect-from would write its stub over the page, or the page over the stub")
            } else {
                continue;
            };
            out.push(d);
        }
    }
}

// ---------------------------------------------------------------------------
// URL007 redirect-collision

static REDIRECT_COLLISION: RuleMeta = RuleMeta {
    code: "URL007",
    name: "redirect-collision",
    family: "urls",
    summary: "Two documents redirect from the same path.",
    doc: "## What it does\n\
Reports a `redirect_from` entry whose path another document also redirects \
from, at the later one (in the order Jekyll writes them), with the earlier \
as a label.\n\n\
## Why is this bad?\n\
jekyll-redirect-from writes both stubs to one file without a warning: the \
later silently replaces the earlier, and the old address leads to only one \
of the two pages.\n\n\
## Example\n\
```yaml\n\
# in _news/2022-06-25-pride-in-london-2022.md and in _events/2022-07-02-pride-in-london.md:\n\
redirect_from:\n\
- /pride/\n\
```\n",
    default_severity: Severity::Error,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// URL007.
struct RedirectCollision;

impl Rule for RedirectCollision {
    fn meta(&self) -> &'static RuleMeta {
        &REDIRECT_COLLISION
    }

    fn check_site(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let site = cx.site;
        // Jekyll writes collections in config order, each in path order.
        let order = |id: DocumentId| {
            site.document(id).map(|d| {
                let c = site
                    .collections
                    .iter()
                    .position(|c| c.label == d.collection)
                    .unwrap_or(usize::MAX);
                (c, d.path.as_str())
            })
        };
        let mut edges: Vec<&Redirect> = site
            .redirects
            .iter()
            .filter(|r| matches!(r.origin, RedirectOrigin::RedirectFrom { .. }))
            .collect();
        edges.sort_by_key(|r| (order(r.document), r.origin_index()));
        let mut first_at: HashMap<String, &Redirect> =
            HashMap::with_capacity_and_hasher(edges.len(), Default::default());
        for r in edges {
            let key = r
                .output
                .clone()
                .unwrap_or_else(|| canonical(&r.from).into_owned());
            let Some(first) = first_at.get(&key).copied() else {
                first_at.insert(key, r);
                continue;
            };
            if first.document == r.document {
                continue;
            }
            let (Some((file, span)), Some((first_file, first_span))) =
                (edge_location(site, r), edge_location(site, first))
            else {
                continue;
            };
            let d = labelled(
                cx.report(
                    self.meta(),
                    &file,
                    span,
                    format!(
                        "`{}` is redirected twice: here and in `{first_file}`",
                        r.from
                    ),
                ),
                format!("redirects `{}` to `{}`", r.from, r.to),
            )
            .with_label_in(
                first_file,
                first_span,
                format!("also redirects `{}`, to `{}`", first.from, first.to),
            )
            .with_help("keep the entry in the document the old address should lead to, and remove the other")
            .with_note(format!(
                "jekyll-redirect-from writes both stubs to `{}`: this one replaces the other without a warning",
                r.output.as_deref().unwrap_or(&r.from)
            ));
            out.push(d);
        }
    }
}

/// Sort helper: a redirect's position within its document.
trait OriginIndex {
    fn origin_index(&self) -> usize;
}

impl OriginIndex for Redirect {
    fn origin_index(&self) -> usize {
        match self.origin {
            RedirectOrigin::RedirectFrom { index } => index,
            RedirectOrigin::RedirectTo => usize::MAX,
        }
    }
}

// ---------------------------------------------------------------------------
// The redirect graph (URL008, URL009)

/// The redirect graph: each edge a redirect that leads somewhere, with the
/// edges its target leads on to.
struct Graph<'s> {
    /// Edges that lead somewhere (a redirect from a document's own URL
    /// back to that document is URL006's, not a hop).
    edges: Vec<&'s Redirect>,
    shape: Arc<GraphShape>,
}

/// A [`Graph`] by position in the site's redirects: built once per check
/// and shared by the chain and loop rules.
struct GraphShape {
    /// The edges, as indexes into `site.redirects`.
    edges: Vec<usize>,
    /// For each edge, the edges its target leads on to.
    next: Vec<Vec<usize>>,
    /// For each edge, whether it is part of a loop.
    in_loop: Vec<bool>,
    /// The loops: strongly connected sets of edges.
    loops: Vec<Vec<usize>>,
}

impl std::ops::Deref for Graph<'_> {
    type Target = GraphShape;

    fn deref(&self) -> &GraphShape {
        &self.shape
    }
}

impl<'s> Graph<'s> {
    /// The check's shared graph (built by the first rule that asks).
    fn of(cx: &SiteContext<'s>) -> Self {
        let site = cx.site;
        let shape = cx.shared_memo(|| GraphShape::new(cx));
        let edges = shape
            .edges
            .iter()
            .filter_map(|&i| site.redirects.get(i))
            .collect();
        Graph { edges, shape }
    }
}

impl GraphShape {
    fn new(cx: &SiteContext<'_>) -> Self {
        let site = cx.site;
        // Each edge with its source's canonical form, borrowed from the
        // site where it is canonical already (most are).
        let (edges, froms): (Vec<usize>, Vec<Cow<'_, str>>) = site
            .redirects
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let from = canonical(&r.from);
                let edge = match r.origin {
                    RedirectOrigin::RedirectFrom { .. } => from != canonical(&r.to),
                    RedirectOrigin::RedirectTo => true,
                };
                edge.then_some((i, from))
            })
            .unzip();
        let redirect = |e: &usize| site.redirects.get(*e);
        let mut by_from: HashMap<&str, Vec<usize>> =
            HashMap::with_capacity_and_hasher(edges.len(), Default::default());
        for (i, from) in froms.iter().enumerate() {
            by_from.entry(from).or_default().push(i);
        }
        // What the site serves is needed only for a target that a
        // redirect from its folder could answer (rare): asked for then, so
        // the graph need not wait for that index.
        let served = std::cell::OnceCell::new();
        let mut folder = String::new();
        let next: Vec<Vec<usize>> = edges
            .iter()
            .filter_map(redirect)
            .map(|r| {
                let Some(path) = site_path(&r.to, site) else {
                    return Vec::new();
                };
                let to = canonical(&path);
                if let Some(n) = by_from.get(&*to) {
                    return n.clone();
                }
                // A static host answers `/a` with a redirect to `/a/` when
                // only the folder exists.
                if to.ends_with('/') {
                    return Vec::new();
                }
                folder.clear();
                folder.push_str(&to);
                folder.push('/');
                match by_from.get(folder.as_str()) {
                    Some(n) if !served.get_or_init(|| Served::of(cx)).serves(&to) => n.clone(),
                    _ => Vec::new(),
                }
            })
            .collect();
        let components = strongly_connected(&next);
        let mut in_loop = vec![false; edges.len()];
        let mut loops = Vec::new();
        for c in components {
            let cyclic = match c.as_slice() {
                [one] => next.get(*one).is_some_and(|n| n.contains(one)),
                _ => true,
            };
            if cyclic {
                for &e in &c {
                    if let Some(slot) = in_loop.get_mut(e) {
                        *slot = true;
                    }
                }
                loops.push(c);
            }
        }
        GraphShape {
            edges,
            next,
            in_loop,
            loops,
        }
    }
}

/// Tarjan's strongly connected components, iteratively (redirect chains
/// come from content and may be long).
#[expect(
    clippy::indexing_slicing,
    reason = "index, low and on_stack have n entries; every node indexed is a root (below n) \
              or a successor checked below n before it is pushed"
)]
fn strongly_connected(next: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = next.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut out = Vec::new();
    let mut counter = 0;
    for root in 0..n {
        if index.get(root) != Some(&usize::MAX) {
            continue;
        }
        // (node, position in its successor list)
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut pos)) = work.last_mut() {
            if *pos == 0 && index.get(v) == Some(&usize::MAX) {
                index[v] = counter;
                low[v] = counter;
                counter += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            let succ = next.get(v).map_or(&[][..], Vec::as_slice);
            if let Some(&w) = succ.get(*pos) {
                *pos += 1;
                if w >= n {
                    continue;
                }
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                component.sort_unstable();
                out.push(component);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// URL008 redirect-chain

static REDIRECT_CHAIN: RuleMeta = RuleMeta {
    code: "URL008",
    name: "redirect-chain",
    family: "urls",
    summary: "A redirect leads to another redirect.",
    doc: "## What it does\n\
Reports a redirect (`redirect_from` or `redirect_to`) whose target is itself \
redirected (A → B → C), with the next hop as a label, and says where the \
chain ends. Absolute URLs on the site's own `url` count as site paths.\n\n\
## Why is this bad?\n\
Each hop is another page load (jekyll-redirect-from's stubs are HTML pages \
with a meta refresh, not fast server redirects), search engines give up on \
long chains, and a chain is one edit away from becoming a loop.\n\n\
## Example\n\
```yaml\n\
# _news/2021-01-10-a.md\n\
redirect_to: /news/2021/01/10/b      # which has redirect_to: /topics/pride/\n\
# write: redirect_to: /topics/pride/\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// URL008.
struct RedirectChain;

impl Rule for RedirectChain {
    fn meta(&self) -> &'static RuleMeta {
        &REDIRECT_CHAIN
    }

    fn check_site(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let site = cx.site;
        let g = Graph::of(cx);
        for (i, r) in g.edges.iter().enumerate() {
            if g.in_loop.get(i).copied().unwrap_or(true) {
                continue;
            }
            let Some(&hop) = g.next.get(i).and_then(|n| n.last()) else {
                continue;
            };
            // Follow the chain to its end; a chain into a loop is left to
            // URL009.
            let mut cur = hop;
            let mut hops = 1;
            let mut into_loop = false;
            while let Some(&n) = g.next.get(cur).and_then(|n| n.last()) {
                if g.in_loop.get(n).copied().unwrap_or(true) || hops > g.edges.len() {
                    into_loop = true;
                    break;
                }
                cur = n;
                hops += 1;
            }
            if into_loop || g.in_loop.get(hop).copied().unwrap_or(true) {
                continue;
            }
            let (Some(next), Some(last)) = (g.edges.get(hop), g.edges.get(cur)) else {
                continue;
            };
            let Some((file, span)) = edge_location(site, r) else {
                continue;
            };
            let end = last.to.as_str();
            let again = if hops == 1 {
                String::new()
            } else {
                format!(" ({hops} more hops)")
            };
            let mut d = labelled(
                cx.report(
                    self.meta(),
                    &file,
                    span,
                    format!(
                        "`{}` redirects to `{}`, which redirects again{again}",
                        r.from, r.to
                    ),
                ),
                format!("redirects to `{}`", r.to),
            );
            if let Some((next_file, next_span)) = edge_location(site, next) {
                let msg = format!("`{}` redirects on to `{}` here", next.from, next.to);
                d = if next_file == file {
                    d.with_label(next_span, msg)
                } else {
                    d.with_label_in(next_file, next_span, msg)
                };
            }
            let help = match r.origin {
                RedirectOrigin::RedirectTo => {
                    format!("point it at the final address directly: `redirect_to: {end}`")
                }
                RedirectOrigin::RedirectFrom { .. } => {
                    let target = site_path(end, site)
                        .map(|p| canonical(&p).into_owned())
                        .and_then(|p| {
                            site.published()
                                .find(|d| d.output.is_some() && canonical(&d.url) == p)
                        })
                        .filter(|d| d.redirect_to.is_none());
                    match target {
                        Some(doc) => format!(
                            "redirect `{}` to `{end}` directly: move this entry to the `redirect_from` of `{}`",
                            r.from, doc.path
                        ),
                        None => format!(
                            "redirect `{}` to `{end}` directly, from a document that redirects there",
                            r.from
                        ),
                    }
                }
            };
            d = d
                .with_help(help)
                .with_note(format!("the chain ends at `{end}`"));
            out.push(d);
        }
    }
}

// ---------------------------------------------------------------------------
// URL009 redirect-loop

/// How many redirects of a loop URL009 names and labels; the rest are
/// counted in a note.
const LOOP_SHOWN: usize = 8;

static REDIRECT_LOOP: RuleMeta = RuleMeta {
    code: "URL009",
    name: "redirect-loop",
    family: "urls",
    summary: "Redirects lead in a circle.",
    doc: "## What it does\n\
Reports a cycle of redirects (`redirect_from` and `redirect_to` together): a \
document that redirects to itself, two that redirect to each other, or a \
longer ring. Each loop is reported once, at the first document in it (by \
path), listing the whole cycle, with the other hops as labels.\n\n\
## Why is this bad?\n\
Browsers follow the redirects round and round and then show an error; \
nothing in the loop can be reached.\n\n\
## Example\n\
```yaml\n\
# _news/2021-01-10-a.md, served at /news/2021/01/10/a\n\
redirect_to: /news/2021/01/10/b\n\
# _news/2021-01-10-b.md, served at /news/2021/01/10/b\n\
redirect_to: /news/2021/01/10/a\n\
```\n",
    default_severity: Severity::Error,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// URL009.
struct RedirectLoop;

/// A path through `g` from the target of edge `start` back to `start`,
/// staying inside `component`: the cycle, `start` first.
fn cycle_through(g: &Graph<'_>, start: usize, component: &[usize]) -> Vec<usize> {
    // Breadth-first from `start`'s successors, remembering parents.
    let mut parent: HashMap<usize, usize> = HashMap::default();
    let mut queue = std::collections::VecDeque::from([start]);
    let mut found = false;
    'search: while let Some(e) = queue.pop_front() {
        for &n in g.next.get(e).map_or(&[][..], Vec::as_slice) {
            if !component.contains(&n) {
                continue;
            }
            if n == start {
                parent.insert(start, e);
                found = true;
                break 'search;
            }
            if let std::collections::hash_map::Entry::Vacant(slot) = parent.entry(n) {
                slot.insert(e);
                queue.push_back(n);
            }
        }
    }
    if !found {
        return vec![start];
    }
    let mut cycle = Vec::new();
    let mut cur = parent.get(&start).copied().unwrap_or(start);
    while cur != start && cycle.len() <= component.len() {
        cycle.push(cur);
        cur = parent.get(&cur).copied().unwrap_or(start);
    }
    cycle.push(start);
    cycle.reverse();
    cycle
}

impl Rule for RedirectLoop {
    fn meta(&self) -> &'static RuleMeta {
        &REDIRECT_LOOP
    }

    fn check_site(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let site = cx.site;
        let g = Graph::of(cx);
        let path_of = |e: usize| {
            g.edges
                .get(e)
                .and_then(|r| site.document(r.document))
                .map_or("", |d| d.path.as_str())
        };
        for component in &g.loops {
            let Some(&start) = component.iter().min_by(|&&a, &&b| {
                path_of(a).cmp(path_of(b)).then_with(|| {
                    let oa = g.edges.get(a).map(|r| r.origin_index());
                    let ob = g.edges.get(b).map(|r| r.origin_index());
                    oa.cmp(&ob)
                })
            }) else {
                continue;
            };
            let cycle = cycle_through(&g, start, component);
            let Some(first) = g.edges.get(start) else {
                continue;
            };
            let Some((file, span)) = edge_location(site, first) else {
                continue;
            };
            let mut listing = vec![format!("`{}`", first.from)];
            listing.extend(
                cycle
                    .iter()
                    .filter_map(|&e| g.edges.get(e))
                    .map(|r| format!("`{}`", r.to)),
            );
            // A loop a pull request made of thousands of redirects is named by
            // its start and end, not spelled out in a line of megabytes.
            let message = if cycle.len() == 1 {
                format!("`{}` redirects to itself", first.from)
            } else if listing.len() > LOOP_SHOWN + 2 {
                format!(
                    "redirect loop of {} redirects: {} → … → {}",
                    cycle.len(),
                    listing.get(..LOOP_SHOWN).unwrap_or_default().join(" → "),
                    listing
                        .get(listing.len() - 2..)
                        .unwrap_or_default()
                        .join(" → ")
                )
            } else {
                format!("redirect loop: {}", listing.join(" → "))
            };
            let mut d = labelled(
                cx.report(self.meta(), &file, span, message),
                format!("redirects `{}` to `{}`", first.from, first.to),
            );
            for &e in cycle.iter().skip(1).take(LOOP_SHOWN) {
                let Some(r) = g.edges.get(e) else { continue };
                let Some((f, s)) = edge_location(site, r) else {
                    continue;
                };
                let msg = format!("then `{}` redirects to `{}`", r.from, r.to);
                d = if f == file {
                    d.with_label(s, msg)
                } else {
                    d.with_label_in(f, s, msg)
                };
            }
            if cycle.len() > LOOP_SHOWN + 1 {
                d = d.with_note(format!(
                    "the other {} redirects of the loop are not shown",
                    cycle.len() - LOOP_SHOWN - 1
                ));
            }
            d = if cycle.len() == 1 {
                d.with_help(match first.origin {
                    RedirectOrigin::RedirectTo => {
                        "point `redirect_to` at another page, or remove it".to_string()
                    }
                    RedirectOrigin::RedirectFrom { .. } => "remove this entry".to_string(),
                })
            } else {
                d.with_help(
                    "decide which page should finally be shown, and remove the redirect that leads away from it",
                )
            }
            .with_note(format!(
                "browsers follow the {} round until they give up with an error",
                if cycle.len() == 1 {
                    "redirect"
                } else {
                    "redirects"
                }
            ));
            out.push(d);
        }
    }
}

// ---------------------------------------------------------------------------
// URL010 redirect-unsafe-scheme

static REDIRECT_UNSAFE_SCHEME: RuleMeta = RuleMeta {
    code: "URL010",
    name: "redirect-unsafe-scheme",
    family: "urls",
    summary: "A `redirect_to` target is not an http or https address.",
    doc: "## What it does\n\
Reports a `redirect_to` whose scheme is not `http` or `https`: \
`javascript:`, `data:`, `vbscript:`, `file:`, `ftp:`, `mailto:` and the \
like. Tabs and line breaks inside the scheme are ignored, as browsers \
ignore them.\n\n\
## Why is this bad?\n\
jekyll-redirect-from puts the target into a meta refresh and a link. A \
`javascript:` or `data:` target runs code on the site's own origin (or is \
blocked by the browser), and the rest lead nowhere a visitor can read.\n\n\
## Example\n\
```yaml\n\
redirect_to: \"javascript:alert('hi')\"\n\
redirect_to: \"mailto:events@example.org\"   # link to it from the page instead\n\
```\n",
    default_severity: Severity::Error,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// URL010.
struct RedirectUnsafeScheme;

impl Rule for RedirectUnsafeScheme {
    fn meta(&self) -> &'static RuleMeta {
        &REDIRECT_UNSAFE_SCHEME
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        // The entry that counts: the first that is not empty. (Looked at
        // before its position, which costs more and is rarely needed.)
        let written = match cx.document.data.get("redirect_to") {
            Some(Value::String(s)) => s.as_str(),
            Some(Value::List(items)) => match items.iter().find(|i| !i.is_null()) {
                Some(Value::String(s)) => s.as_str(),
                _ => return,
            },
            _ => return,
        };
        let Some(scheme) = scheme_of(written) else {
            return;
        };
        if matches!(scheme.as_str(), "http" | "https") {
            return;
        }
        let Some(span) = redirect_to_span(cx.document, cx.source) else {
            return;
        };
        let help = match scheme.as_str() {
            "mailto" | "tel" | "sms" => format!(
                "a redirect must lead to a web page: remove `redirect_to` and put a `{scheme}:` link in the body"
            ),
            _ => "redirect to an `https://` address or to a path on this site (`/news/…`)".into(),
        };
        let d = labelled(
            cx.report(
                self.meta(),
                span,
                format!("`redirect_to` uses the `{scheme}:` scheme"),
            ),
            "not an http or https address",
        )
        .with_help(help);
        out.push(d);
    }
}

// ---------------------------------------------------------------------------
// URL011 redirect-not-a-path

static REDIRECT_NOT_A_PATH: RuleMeta = RuleMeta {
    code: "URL011",
    name: "redirect-not-a-path",
    family: "urls",
    summary: "A `redirect_from` entry is not a path on the site.",
    doc: "## What it does\n\
Reports a `redirect_from` entry that does not look like a path on the site: \
a full address or host name (`https://old.example.org/x`), whitespace, a \
`?` query or `#` fragment, or backslashes. It suggests the path meant.\n\n\
## Why is this bad?\n\
jekyll-redirect-from turns each entry into a file under `_site/`. A host \
name becomes a folder called `https:` that no request reaches, and a static \
host never matches a query or fragment against a file name, so the old \
address still ends in a 404.\n\n\
## Example\n\
```yaml\n\
redirect_from:\n\
- https://www.example.org/pride-2022/   # write: /pride-2022/\n\
- /events?id=12                         # the host ignores `?id=12`\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// URL011.
struct RedirectNotAPath;

impl Rule for RedirectNotAPath {
    fn meta(&self) -> &'static RuleMeta {
        &REDIRECT_NOT_A_PATH
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        for rf in &cx.document.redirect_from {
            let Some((label, what, path)) = not_a_path(&rf.written, cx.site) else {
                continue;
            };
            let span = redirect_from_span(cx.document, cx.source, rf.index)
                .unwrap_or_else(|| cx.front_matter_span());
            let mut d = labelled(
                cx.report(
                    self.meta(),
                    span,
                    format!(
                        "redirect path `{}` {what}",
                        rf.written.replace('\n', "\\n").replace('\t', "\\t")
                    ),
                ),
                label,
            );
            d = match path {
                Some(p) if p != rf.written => {
                    d.with_help(format!("write the path on this site: `{p}`"))
                }
                _ => d.with_help("write a path on this site, starting with `/`"),
            };
            out.push(d);
        }
    }
}

// ---------------------------------------------------------------------------
// URL012 unpublished-redirects

static UNPUBLISHED_REDIRECTS: RuleMeta = RuleMeta {
    code: "URL012",
    name: "unpublished-redirects",
    family: "urls",
    summary: "An unpublished or future document declares redirects.",
    doc: "## What it does\n\
Reports `redirect_from` or `redirect_to` in a document that is not built: \
`published: false`, or dated in the future.\n\n\
## Why is this bad?\n\
jekyll-redirect-from only writes redirects for documents Jekyll builds. The \
old addresses keep returning 404 until the document is published, which is \
easy to miss when the redirect was the point of the edit.\n\n\
## Example\n\
```yaml\n\
published: false\n\
redirect_from:\n\
- /pride-2022/     # does not redirect until the post is published\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// URL012.
struct UnpublishedRedirects;

impl Rule for UnpublishedRedirects {
    fn meta(&self) -> &'static RuleMeta {
        &UNPUBLISHED_REDIRECTS
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.document;
        if doc.is_published() || doc.output.is_none() {
            return;
        }
        let key = if !doc.redirect_from.is_empty() {
            "redirect_from"
        } else if doc.redirect_to.is_some() {
            "redirect_to"
        } else {
            return;
        };
        let Some(span) = cx.key_span(key) else {
            return;
        };
        let (why, label_at, label) = match doc.publication {
            Publication::Future => {
                let when = doc
                    .date
                    .as_ref()
                    .map_or_else(String::new, |d| format!(" ({})", d.date_string()));
                (
                    format!("it is dated in the future{when}"),
                    cx.value_span("date"),
                    "dated after today",
                )
            }
            _ => (
                "it is not published".to_string(),
                cx.value_span("published"),
                "not published",
            ),
        };
        let what = if key == "redirect_from" {
            "its `redirect_from` redirects"
        } else {
            "its `redirect_to` redirect"
        };
        let mut d = labelled(
            cx.report(self.meta(), span, format!("{what} will not exist: {why}")),
            "not written while the document is not built",
        );
        if let Some(at) = label_at {
            d = d.with_label(at, label);
        }
        d = d.with_help(match doc.publication {
            Publication::Future => {
                "this is fine if the redirects should start on that date; otherwise date the document today or move the redirects to a published document"
            }
            _ => {
                "publish the document, or move the redirects to a published document that should receive the old addresses"
            }
        });
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "\
timezone: Europe/London
title: Civic Staff LGBT+ Network
url: https://www.example.org
collections:
  news:
    output: true
    permalink: /news/:year/:month/:day/:title
  team:
    output: true
    permalink: /team/:title/
";

    /// A throwaway site made of `files`, checked with only `code` selected.
    fn check_full(code: &str, files: &[(&str, &str)]) -> Vec<(String, Diagnostic)> {
        crate::test_support::check_only(code, CONFIG, files)
    }

    fn check(code: &str, files: &[(&str, &str)]) -> Vec<String> {
        check_full(code, files)
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }

    /// A news post dated `day` (January 2021), slug `slug`, with extra front matter.
    fn news(day: u32, slug: &str, extra: &str) -> (String, String) {
        (
            format!("_news/2021-01-{day:02}-{slug}.md"),
            format!("---\ntitle: \"{slug}\"\n{extra}---\nBody.\n"),
        )
    }

    fn run(code: &str, docs: &[(String, String)]) -> Vec<String> {
        let files: Vec<(&str, &str)> = docs.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        check(code, &files)
    }

    // URL008 / URL009 --------------------------------------------------------

    #[test]
    fn loop_of_length_one_redirect_to_own_url() {
        let a = news(10, "a", "redirect_to: /news/2021/01/10/a\n");
        let found = run("URL009", std::slice::from_ref(&a));
        assert_eq!(
            found,
            ["_news/2021-01-10-a.md:3:14: error[URL009]: `/news/2021/01/10/a` redirects to itself"]
        );
        assert!(run("URL008", &[a]).is_empty());
    }

    #[test]
    fn loop_of_length_one_through_the_site_url() {
        let a = news(
            10,
            "a",
            "redirect_to: \"https://www.example.org/news/2021/01/10/a\"\n",
        );
        let found = run("URL009", &[a]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("_news/2021-01-10-a.md:3:14: error[URL009]"));
    }

    #[test]
    fn loop_of_length_two_is_reported_once_at_the_first_document() {
        let a = news(10, "a", "redirect_to: /news/2021/01/11/b\n");
        let b = news(11, "b", "redirect_to: /news/2021/01/10/a\n");
        let found = check_full("URL009", &[(&a.0, &a.1), (&b.0, &b.1)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].0,
            "_news/2021-01-10-a.md:3:14: error[URL009]: redirect loop: `/news/2021/01/10/a` → `/news/2021/01/11/b` → `/news/2021/01/10/a`"
        );
        let labels = &found[0].1.labels;
        assert_eq!(labels.len(), 1);
        assert_eq!(labels[0].file.as_deref(), Some("_news/2021-01-11-b.md"));
        assert!(run("URL008", &[a, b]).is_empty());
    }

    #[test]
    fn loop_of_length_three_mixing_redirect_from_and_redirect_to() {
        // /a → /b (a's redirect_to), /b → /c (c's redirect_from: /b is no
        // document), /c → /a (c's redirect_to).
        let a = news(10, "a", "redirect_to: /b/\n");
        let c = news(
            12,
            "c",
            "redirect_from:\n- \n- /b/\nredirect_to: /news/2021/01/10/a\n",
        );
        let found = run("URL009", &[a.clone(), c.clone()]);
        assert_eq!(
            found,
            [
                "_news/2021-01-10-a.md:3:14: error[URL009]: redirect loop: `/news/2021/01/10/a` → `/b/` → `/news/2021/01/12/c` → `/news/2021/01/10/a`"
            ]
        );
        assert!(run("URL008", &[a, c]).is_empty());
    }

    #[test]
    fn loop_through_the_hosts_folder_redirect() {
        // `/team/b` is no file; the host sends it on to `/team/b/`.
        let a = (
            "_team/a.md",
            "---\nperson-name: \"A\"\nredirect_to: /team/b\n---\n",
        );
        let b = (
            "_team/b.md",
            "---\nperson-name: \"B\"\nredirect_to: /team/a\n---\n",
        );
        let found = check("URL009", &[a, b]);
        assert_eq!(
            found,
            ["_team/a.md:3:14: error[URL009]: redirect loop: `/team/a/` → `/team/b` → `/team/a`"]
        );
    }

    #[test]
    fn loop_starting_elsewhere_still_reported_once() {
        let b = news(11, "b", "redirect_to: /news/2021/01/12/c\n");
        let c = news(12, "c", "redirect_to: /news/2021/01/13/d\n");
        let d = news(13, "d", "redirect_to: /news/2021/01/11/b\n");
        let feeder = news(10, "a", "redirect_to: /news/2021/01/11/b\n");
        let found = run("URL009", &[b.clone(), c.clone(), d.clone(), feeder.clone()]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("_news/2021-01-11-b.md:3:14: error[URL009]"));
        // The feeder runs into the loop: the loop is the problem to fix.
        assert!(run("URL008", &[b, c, d, feeder]).is_empty());
    }

    #[test]
    fn chain_of_two_hops_suggests_the_final_target() {
        let a = news(10, "a", "redirect_to: /news/2021/01/11/b\n");
        let b = news(11, "b", "redirect_to: /news/2021/01/12/c\n");
        let c = news(12, "c", "");
        let found = check_full("URL008", &[(&a.0, &a.1), (&b.0, &b.1), (&c.0, &c.1)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].0,
            "_news/2021-01-10-a.md:3:14: warning[URL008]: `/news/2021/01/10/a` redirects to `/news/2021/01/11/b`, which redirects again"
        );
        assert_eq!(
            found[0].1.help.as_deref(),
            Some("point it at the final address directly: `redirect_to: /news/2021/01/12/c`")
        );
        assert!(run("URL009", &[a, b, c]).is_empty());
    }

    #[test]
    fn chain_of_three_redirects_reports_each_hop_that_leads_to_another() {
        // /old → a (a's redirect_from), a → b, b → c.
        let a = news(
            10,
            "a",
            "redirect_from: /old/\nredirect_to: /news/2021/01/11/b\n",
        );
        let b = news(
            11,
            "b",
            "redirect_to: https://www.example.org/news/2021/01/12/c\n",
        );
        let c = news(12, "c", "");
        let found = check_full("URL008", &[(&a.0, &a.1), (&b.0, &b.1), (&c.0, &c.1)]);
        let lines: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            lines,
            [
                "_news/2021-01-10-a.md:3:16: warning[URL008]: `/old/` redirects to `/news/2021/01/10/a`, which redirects again (2 more hops)",
                "_news/2021-01-10-a.md:4:14: warning[URL008]: `/news/2021/01/10/a` redirects to `/news/2021/01/11/b`, which redirects again",
            ]
        );
        assert_eq!(
            found[0].1.help.as_deref(),
            Some(
                "redirect `/old/` to `https://www.example.org/news/2021/01/12/c` directly: move this entry to the `redirect_from` of `_news/2021-01-12-c.md`"
            )
        );
        assert!(run("URL009", &[a, b, c]).is_empty());
    }

    #[test]
    fn redirects_to_other_sites_end_chains() {
        let a = news(10, "a", "redirect_to: /news/2021/01/11/b\n");
        let b = news(
            11,
            "b",
            "redirect_to: https://other.example.net/news/2021/01/10/a\n",
        );
        assert_eq!(run("URL009", &[a.clone(), b.clone()]), Vec::<String>::new());
        assert_eq!(run("URL008", &[a, b]).len(), 1);
    }

    #[test]
    fn unpublished_documents_are_not_part_of_the_graph() {
        let a = news(10, "a", "redirect_to: /news/2021/01/11/b\n");
        let b = news(
            11,
            "b",
            "published: false\nredirect_to: /news/2021/01/10/a\n",
        );
        assert!(run("URL009", &[a.clone(), b.clone()]).is_empty());
        assert!(run("URL008", &[a, b]).is_empty());
    }

    #[test]
    fn tarjan_finds_self_loops_and_rings() {
        let next = vec![vec![1], vec![2], vec![0], vec![3], vec![0]];
        let mut c = strongly_connected(&next);
        c.sort();
        assert_eq!(c, vec![vec![0, 1, 2], vec![3], vec![4]]);
    }

    // Other rules -----------------------------------------------------------

    #[test]
    fn permalink_without_slash_is_fixed_inside_the_quotes() {
        let a = news(10, "a", "permalink: \"news/a\"\n");
        let found = check_full("URL003", &[(&a.0, &a.1)]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].0,
            "_news/2021-01-10-a.md:3:12: warning[URL003]: permalink `news/a` does not start with `/`"
        );
        let fix = found[0].1.fix.clone().unwrap();
        assert_eq!(
            a.1.get(..fix.span.start).unwrap().lines().last(),
            Some("permalink: \"")
        );
        // A full address is URL004's, not URL003's.
        let b = news(11, "b", "permalink: https://www.example.org/news/b\n");
        assert!(run("URL003", std::slice::from_ref(&b)).is_empty());
        let found = check_full("URL004", &[(&b.0, &b.1)]);
        assert_eq!(
            found[0].0,
            "_news/2021-01-11-b.md:3:12: error[URL004]: permalink `https://www.example.org/news/b` is a full address, not a path on the site"
        );
        assert_eq!(
            found[0].1.help.as_deref(),
            Some("write only the path: `permalink: /news/b`")
        );
    }

    #[test]
    fn permalink_with_host_but_no_scheme() {
        let a = news(10, "a", "permalink: //www.example.org/news/a/\n");
        let b = news(11, "b", "permalink: www.example.org/news/b/\n");
        let c = news(12, "c", "permalink: /news/v1.2/c/\n");
        let found = run("URL004", &[a, b, c]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("_news/2021-01-10-a.md:3:12: error[URL004]"));
        assert!(found[1].starts_with("_news/2021-01-11-b.md:3:12: error[URL004]"));
    }

    #[test]
    fn permalinks_with_a_domain_in_any_case() {
        let mut site = Site::default();
        site.config.url = Some("https://Www.Example.org/".into());
        for (permalink, domain) in [
            ("/news/a/", false),
            ("news/a", false),
            ("/news/v1.2/c/", false),
            ("/a:b/", false),
            ("HTTPS://elsewhere.test/a", true),
            ("//cdn.test/a", true),
            ("mailto:a@b.test", false),
            ("WWW.elsewhere.test/a", true),
            ("/www.x/a", true),
            ("ww/a", false),
            ("www.example.org/news", true),
            ("WWW.EXAMPLE.ORG", true),
            ("example.org/news", false),
            ("", false),
        ] {
            assert_eq!(
                permalink_has_domain(permalink, &site),
                domain,
                "{permalink:?}"
            );
        }
        site.config.url = Some("https://example.org".into());
        assert!(permalink_has_domain("Example.ORG/news", &site));
        site.config.url = None;
        assert!(!permalink_has_domain("example.org/news", &site));
    }

    #[test]
    fn output_collision_reports_the_later_document() {
        let a = news(10, "a", "permalink: /news/same/\n");
        let b = news(11, "b", "permalink: /news/same/index.html\n");
        let c = news(12, "c", "published: false\npermalink: /news/same/\n");
        let found = check_full("URL005", &[(&a.0, &a.1), (&b.0, &b.1), (&c.0, &c.1)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].0,
            "_news/2021-01-11-b.md:3:12: error[URL005]: `_news/2021-01-11-b.md` and `_news/2021-01-10-a.md` are both written to `news/same/index.html`"
        );
        assert_eq!(
            found[0].1.labels[0].file.as_deref(),
            Some("_news/2021-01-10-a.md")
        );
    }

    #[test]
    fn output_collision_from_the_collection_pattern_points_at_the_title() {
        let a = news(10, "a", "");
        let b = ("_news/archive/2021-01-10-a.md".to_string(), a.1.clone());
        let found = run("URL005", &[a, b]);
        assert_eq!(
            found,
            [
                "_news/archive/2021-01-10-a.md:2:8: error[URL005]: `_news/archive/2021-01-10-a.md` and `_news/2021-01-10-a.md` are both written to `news/2021/01/10/a.html`"
            ]
        );
    }

    #[test]
    fn redirect_from_own_url_and_other_documents_url() {
        let a = news(
            10,
            "a",
            "redirect_from:\n- /fine/\n- /news/2021/01/10/a.html\n- /news/2021/01/11/b\n",
        );
        let b = news(11, "b", "");
        let found = run("URL006", &[a, b]);
        assert_eq!(
            found,
            [
                "_news/2021-01-10-a.md:5:3: error[URL006]: `/news/2021/01/10/a.html` redirects from its own URL",
                "_news/2021-01-10-a.md:6:3: error[URL006]: `/news/2021/01/11/b` is the URL of `_news/2021-01-11-b.md`",
            ]
        );
    }

    #[test]
    fn redirect_from_a_pages_url() {
        let page = (
            "events.md",
            "---\ntitle: Events\npermalink: /events/\n---\nAll events.\n",
        );
        let a = news(10, "a", "redirect_from: /events/index.html\n");
        let found = check("URL006", &[page, (&a.0, &a.1)]);
        assert_eq!(
            found,
            [
                "_news/2021-01-10-a.md:3:16: error[URL006]: `/events/index.html` is the URL of the page `events.md`"
            ]
        );
    }

    #[test]
    fn redirect_from_the_folder_form_of_a_document_is_not_shadowing() {
        // `/a/` → `/a`: the stub is `a/index.html`, the page `a.html`.
        let a = news(10, "a", "redirect_from: /news/2021/01/10/a/\n");
        assert!(run("URL006", std::slice::from_ref(&a)).is_empty());
        assert!(run("URL009", &[a]).is_empty());
    }

    #[test]
    fn redirect_collision_is_reported_at_the_later_document_only() {
        let a = news(10, "a", "redirect_from:\n- /pride/\n- /pride/\n");
        let b = news(11, "b", "redirect_from: [\"/x/\", \"/pride/index.html\"]\n");
        let found = check_full("URL007", &[(&a.0, &a.1), (&b.0, &b.1)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].0,
            "_news/2021-01-11-b.md:3:24: error[URL007]: `/pride/index.html` is redirected twice: here and in `_news/2021-01-10-a.md`"
        );
    }

    #[test]
    fn unsafe_schemes_in_redirect_to() {
        let cases = [
            ("\"javascript:alert(1)\"", Some("javascript")),
            ("\"java\\tscript:alert(1)\"", Some("javascript")),
            ("\"data:text/html,hi\"", Some("data")),
            ("VBScript:msgbox", Some("vbscript")),
            ("ftp://files.example.org/x", Some("ftp")),
            ("\n- mailto:events@example.org", Some("mailto")),
            ("\n- \n- \"javascript:void(0)\"", Some("javascript")),
            ("https://www.example.org/x", None),
            ("HTTP://www.example.org/x", None),
            ("/news/x/", None),
            ("//cdn.example.org/x", None),
        ];
        for (value, scheme) in cases {
            let a = news(10, "a", &format!("redirect_to: {value}\n"));
            let found = run("URL010", &[a]);
            match scheme {
                Some(s) => {
                    assert_eq!(found.len(), 1, "{value}: {found:?}");
                    let at = if value.starts_with("\n- \n") {
                        ":5:3:"
                    } else if value.starts_with('\n') {
                        ":4:3:"
                    } else {
                        ":3:14:"
                    };
                    assert!(
                        found[0].starts_with(&format!("_news/2021-01-10-a.md{at}")),
                        "{found:?}"
                    );
                    assert!(
                        found[0].ends_with(&format!("`redirect_to` uses the `{s}:` scheme")),
                        "{found:?}"
                    );
                }
                None => assert!(found.is_empty(), "{value}: {found:?}"),
            }
        }
    }

    #[test]
    fn redirect_from_entries_that_are_not_paths() {
        let a = news(
            10,
            "a",
            "redirect_from:\n- \"https://old.example.org/x\"\n- \"/old page/\"\n- /events?id=12\n- /pride#2022\n- '\\old\\x'\n- /fine/\n- old/relative\n",
        );
        let found = check_full("URL011", &[(&a.0, &a.1)]);
        let lines: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            lines,
            [
                "_news/2021-01-10-a.md:4:3: warning[URL011]: redirect path `https://old.example.org/x` contains a scheme or host name",
                "_news/2021-01-10-a.md:5:3: warning[URL011]: redirect path `/old page/` contains whitespace",
                "_news/2021-01-10-a.md:6:3: warning[URL011]: redirect path `/events?id=12` contains a `?` query, which a static host never matches",
                "_news/2021-01-10-a.md:7:3: warning[URL011]: redirect path `/pride#2022` contains a `#` fragment, which a static host never matches",
                "_news/2021-01-10-a.md:8:3: warning[URL011]: redirect path `\\old\\x` contains backslashes",
            ]
        );
        assert_eq!(
            found[0].1.help.as_deref(),
            Some("write the path on this site: `/x`")
        );
        assert_eq!(
            found[2].1.help.as_deref(),
            Some("write the path on this site: `/events`")
        );
    }

    #[test]
    fn unpublished_and_future_documents_with_redirects() {
        let a = news(10, "a", "published: false\nredirect_from:\n- /old-a/\n");
        let b = (
            "_news/2027-01-01-b.md".to_string(),
            "---\ntitle: \"b\"\nredirect_to: /x/\n---\n".to_string(),
        );
        let c = news(12, "c", "redirect_from:\n- /old-c/\n");
        let found = run("URL012", &[a, b, c]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with(
            "_news/2021-01-10-a.md:4:1: warning[URL012]: its `redirect_from` redirects will not exist: it is not published"
        ), "{found:?}");
        assert!(found[1].starts_with(
            "_news/2027-01-01-b.md:3:1: warning[URL012]: its `redirect_to` redirect will not exist: it is dated in the future"
        ), "{found:?}");
    }
}
