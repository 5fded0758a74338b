//! The body rules: what the Markdown after the front matter links to, how
//! its headings are ordered, and syntax that will not render as meant
//! (kramdown leftovers, raw HTML, images without alt text).
//!
//! Every rule reads the same [`BodyFacts`], computed once per document with
//! [`DocumentContext::memo`]; their spans are relative to the body and are
//! shifted by [`DocumentContext::body_offset`] into the file.

use crate::similar::closest;
use masthead_diagnostics::{Diagnostic, Severity, Span};
use masthead_lint::{DocumentContext, FixAvailability, Rule, RuleMeta};
use masthead_markdown::{BodyFacts, Heading, KramdownKind, LinkKind};
use masthead_model::Value;
use masthead_model::permalink;
use masthead_model::site::Site;
use std::ops::Range;
use std::rc::Rc;

/// The rules of this family.
pub(crate) fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(BrokenLink),
        Box::new(MalformedMailto),
        Box::new(HeadingSkip),
        Box::new(HeadingH1),
        Box::new(ImageMissingAlt),
        Box::new(KramdownSyntax),
        Box::new(RawHtmlRule),
    ]
}

/// The body's facts, parsed once per document and shared by these rules.
fn facts(cx: &DocumentContext<'_>) -> Rc<BodyFacts> {
    cx.memo(|| masthead_markdown::analyze(cx.body()))
}

/// A body range as a file span.
fn file_span(cx: &DocumentContext<'_>, range: &Range<usize>) -> Span {
    Span::new(range.start, range.end).shifted(cx.body_offset())
}

/// A finding at `range` of the body with a primary label.
fn finding(
    cx: &DocumentContext<'_>,
    meta: &RuleMeta,
    range: &Range<usize>,
    message: impl Into<String>,
    label: impl Into<String>,
) -> Diagnostic {
    let mut d = cx.report(meta, file_span(cx, range), message);
    if let Some(p) = d.primary.as_mut() {
        p.message = label.into();
    }
    d
}

/// The text of a body range.
fn body_text<'a>(cx: &DocumentContext<'a>, range: &Range<usize>) -> &'a str {
    cx.body().get(range.clone()).unwrap_or("")
}

// ---------------------------------------------------------------------------
// BD001 broken-link

static BROKEN_LINK: RuleMeta = RuleMeta {
    code: "BD001",
    name: "broken-link",
    family: "body",
    summary: "A link or image points at a site path that nothing on the site serves.",
    doc: "## What it does\n\
Reports links and images whose destination is a path on this site (it \
starts with `/`, not `//`) that no published document, page, static file \
or redirect answers. `/a`, `/a/`, `/a.html` and `/a/index.html` count as \
one; `?query` and `#fragment` are ignored; percent-escapes are decoded; the \
`baseurl`, when the site has one, is taken off first. It points at the \
destination (for a reference link, at the link, with the definition as a \
label) and suggests the closest address the site has. Relative links \
(`../x`), external URLs and destinations written with Liquid \
(`{{ site.baseurl }}/x`) are not checked.\n\n\
## Why is this bad?\n\
Readers who follow the link get a \"page not found\" error, and an image \
that is not there shows as a broken picture. Pages move when a post is \
renamed or a date is corrected; a `redirect_from` on the moved page keeps \
old links working.\n\n\
## Example\n\
```markdown\n\
Sign up through [the events page](/evnts/).   <!-- the page is /events/ -->\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// BD001.
struct BrokenLink;

/// Paths that Jekyll plugins generate, with the plugin that makes them.
const PLUGIN_OUTPUTS: &[(&str, &str)] = &[
    ("/feed.xml", "jekyll-feed"),
    ("/sitemap.xml", "jekyll-sitemap"),
    ("/robots.txt", "jekyll-sitemap"),
];

/// Whether `_config.yml` lists `plugin` under `plugins:` (or the older `gems:`).
fn has_plugin(site: &Site, plugin: &str) -> bool {
    ["plugins", "gems"]
        .iter()
        .any(|key| match site.config.extra.get(*key) {
            Some(Value::List(items)) => items.iter().any(|v| v.as_str() == Some(plugin)),
            Some(Value::String(s)) => s == plugin,
            _ => false,
        })
}

/// The site path a destination names, when it is one to check: starts with
/// a single `/`, has no Liquid, and has the site's `baseurl` taken off.
fn site_path<'u>(site: &Site, url: &'u str) -> Option<&'u str> {
    if !url.starts_with('/') || url.starts_with("//") || url.contains("{{") || url.contains("{%") {
        return None;
    }
    let base = site
        .config
        .baseurl
        .as_deref()
        .unwrap_or("")
        .trim_end_matches('/');
    if !base.is_empty()
        && let Some(rest) = url.strip_prefix(base)
    {
        if rest.is_empty() {
            return Some("/");
        }
        if rest.starts_with(['/', '?', '#']) {
            return Some(rest);
        }
    }
    Some(url)
}

/// The path without its query and fragment.
fn without_query(path: &str) -> &str {
    path.split(['?', '#']).next().unwrap_or(path)
}

/// Whether the site serves `path`, counting what its plugins generate.
/// Document URLs are percent-encoded with uppercase hex, as Jekyll writes
/// them; a link written with lowercase escapes or with the characters
/// themselves (`/news/café/`) is compared in that form too.
fn is_served(site: &Site, path: &str) -> bool {
    let bare = without_query(path);
    site.serves(path)
        || site.serves(&permalink::escape_path(&permalink::unescape_path(bare)))
        || PLUGIN_OUTPUTS.iter().any(|(output, plugin)| {
            without_query(path).eq_ignore_ascii_case(output) && has_plugin(site, plugin)
        })
}

/// Every address the site serves that a link could have meant.
/// Did-you-mean over the site's URLs, shared by every document of a check
/// and remembered per broken path: the same broken link in a thousand posts
/// is looked up once.
struct Suggestions {
    urls: Vec<String>,
    seen: std::sync::Mutex<std::collections::HashMap<String, Option<String>>>,
}

impl Suggestions {
    fn new(site: &Site) -> Self {
        let urls = site
            .documents
            .iter()
            .filter(|d| d.output.is_some() && d.is_published())
            .map(|d| d.url.clone())
            .chain(site.pages.iter().map(|p| p.url.clone()))
            .chain(site.static_files.iter().cloned())
            .collect();
        Suggestions {
            urls,
            seen: Default::default(),
        }
    }

    fn closest(&self, path: &str) -> Option<String> {
        if let Some(hit) = self.seen.lock().ok().and_then(|m| m.get(path).cloned()) {
            return hit;
        }
        let found = closest(path, self.urls.iter().map(String::as_str)).map(str::to_string);
        if let Ok(mut m) = self.seen.lock() {
            m.insert(path.to_string(), found.clone());
        }
        found
    }
}

impl Rule for BrokenLink {
    fn meta(&self) -> &'static RuleMeta {
        &BROKEN_LINK
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let facts = facts(cx);
        let links = facts
            .links
            .iter()
            .map(|l| (false, &l.url, &l.span, &l.url_span, l.kind));
        let images = facts
            .images
            .iter()
            .map(|i| (true, &i.url, &i.span, &i.url_span, image_kind(cx, &i.span)));
        for (image, url, span, url_span, kind) in links.chain(images) {
            let Some(path) = site_path(cx.site, url) else {
                continue;
            };
            if is_served(cx.site, path) {
                continue;
            }
            let what = if image { "image" } else { "link" };
            let label = if image {
                "no file of the site is at this path"
            } else {
                "no document, page, file or redirect is at this path"
            };
            // Point at the destination where it is written in the link;
            // a reference link's destination is in its definition.
            let mut d = match (kind, url_span) {
                (LinkKind::Reference, Some(def)) => finding(
                    cx,
                    self.meta(),
                    span,
                    format!("{what} to `{url}`, which the site does not serve"),
                    label,
                )
                .with_label(file_span(cx, def), "its destination is defined here"),
                (_, Some(u)) if !u.is_empty() => finding(
                    cx,
                    self.meta(),
                    u,
                    format!("{what} to `{url}`, which the site does not serve"),
                    label,
                ),
                _ => finding(
                    cx,
                    self.meta(),
                    span,
                    format!("{what} to `{url}`, which the site does not serve"),
                    label,
                ),
            };
            let bare = without_query(path);
            if let Some(doc) = cx.site.by_url(bare) {
                let why = if doc.output.is_none() {
                    format!("its collection `{}` is not output", doc.collection)
                } else {
                    "it is not published (`published: false`, or dated in the future)".to_string()
                };
                d = d.with_note(format!("`{}` has this URL, but {why}", doc.path));
            }
            let suggestions = cx.shared_memo(|| Suggestions::new(cx.site));
            d = match suggestions.closest(bare) {
                Some(suggestion) => d.with_help(format!("did you mean `{suggestion}`?")),
                None => d.with_help(
                    "correct the path, or remove the link; when a page moves, a \
                     `redirect_from:` entry on it keeps its old address working",
                ),
            };
            out.push(d);
        }
    }
}

/// Whether an image is written as a reference (`![alt][label]`), for
/// pointing at it the way links are.
fn image_kind(cx: &DocumentContext<'_>, span: &Range<usize>) -> LinkKind {
    if body_text(cx, span).ends_with(']') {
        LinkKind::Reference
    } else {
        LinkKind::Inline
    }
}

// ---------------------------------------------------------------------------
// BD002 malformed-mailto

static MALFORMED_MAILTO: RuleMeta = RuleMeta {
    code: "BD002",
    name: "malformed-mailto",
    family: "body",
    summary: "A `mailto:` link's address is not a valid e-mail address.",
    doc: "## What it does\n\
Reports `mailto:` links whose address is not of the form \
`local@domain.tld`: empty, with a space, without `@` or with several, \
without a top-level domain, or ending with a dot. Several addresses \
separated by commas, percent-escapes and a query (`?subject=Pride`) are \
fine. It points at the destination.\n\n\
## Why is this bad?\n\
The reader's mail program opens with an address that bounces, or does not \
open at all, and the message never reaches the organisers.\n\n\
## Example\n\
```markdown\n\
[Tell the organisers](mailto:pride@example) if you have access needs.\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// BD002.
struct MalformedMailto;

/// Decodes `%XX` escapes (invalid escapes are kept as written).
fn percent_decode(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('%') {
        return std::borrow::Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |at: usize| bytes.get(at).and_then(|c| (*c as char).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    std::borrow::Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// What is wrong with the address of a `mailto:` URL, if anything.
fn mailto_problem(url: &str) -> Option<String> {
    let rest = url.get("mailto:".len()..)?;
    let addresses = percent_decode(rest.split('?').next().unwrap_or(""));
    if addresses.trim().is_empty() {
        return Some("it has no address".into());
    }
    for address in addresses.split(',') {
        let problem = if address.is_empty() {
            Some("it has an empty address between commas".to_string())
        } else if address.chars().any(char::is_whitespace) {
            Some(format!("`{address}` contains a space"))
        } else {
            match address.matches('@').count() {
                0 => Some(format!("`{address}` has no `@`")),
                1 => domain_problem(address),
                n => Some(format!("`{address}` has {n} `@` signs")),
            }
        };
        if problem.is_some() {
            return problem;
        }
    }
    None
}

/// What is wrong with `local@domain`, which has exactly one `@`.
fn domain_problem(address: &str) -> Option<String> {
    let (local, domain) = address.split_once('@')?;
    if local.is_empty() {
        Some(format!("`{address}` has nothing before the `@`"))
    } else if domain.is_empty() {
        Some(format!("`{address}` has no domain after the `@`"))
    } else if domain.ends_with('.') || local.ends_with('.') {
        Some(format!("`{address}` has a trailing dot"))
    } else if !domain.contains('.') {
        Some(format!(
            "`{address}` has no top-level domain (such as `.org` or `.uk`)"
        ))
    } else if domain.starts_with('.') || domain.contains("..") || local.starts_with('.') {
        Some(format!("`{address}` has an empty part between dots"))
    } else {
        None
    }
}

impl Rule for MalformedMailto {
    fn meta(&self) -> &'static RuleMeta {
        &MALFORMED_MAILTO
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let facts = facts(cx);
        for link in &facts.links {
            let is_mailto = link
                .url
                .get(..7)
                .is_some_and(|s| s.eq_ignore_ascii_case("mailto:"));
            if !is_mailto {
                continue;
            }
            let Some(problem) = mailto_problem(&link.url) else {
                continue;
            };
            let at = match &link.url_span {
                Some(u) if !u.is_empty() && link.kind != LinkKind::Reference => u,
                _ => &link.span,
            };
            out.push(
                finding(
                    cx,
                    self.meta(),
                    at,
                    format!("`{}` is not a valid e-mail link: {problem}", link.url),
                    "malformed address",
                )
                .with_help(
                    "write one full address after `mailto:`, as in \
                     `mailto:pride@example.org` (a subject may follow: \
                     `mailto:pride@example.org?subject=Pride`)",
                ),
            );
        }
    }
}

// ---------------------------------------------------------------------------
// BD003 heading-skip

static HEADING_SKIP: RuleMeta = RuleMeta {
    code: "BD003",
    name: "heading-skip",
    family: "body",
    summary: "A heading is more than one level deeper than the heading before it.",
    doc: "## What it does\n\
Reports a heading more than one level deeper than the previous heading \
(`##` followed by `####`). The layout prints the page title as the level-1 \
heading, so the body's first heading counts from level 1: it should be \
`##`. It points at the heading's `#` marks, with the previous heading as a \
label.\n\n\
## Why is this bad?\n\
Screen-reader users move around a page by its headings; a skipped level \
reads as a missing section. Pick heading levels by structure, and change \
their size with the site's styles, not by skipping a level.\n\n\
## Example\n\
```markdown\n\
## Marching with us\n\n\
#### Accessibility     <!-- should be ### -->\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// BD003.
struct HeadingSkip;

/// The `#` marks of an ATX heading, or (setext) its whole span.
fn marker_range(cx: &DocumentContext<'_>, heading: &Heading) -> Range<usize> {
    if heading.setext {
        // The underline: the last line of the span.
        let text = body_text(cx, &heading.span);
        let last = text.rfind(['\n', '\r']).map_or(0, |i| i + 1);
        return heading.span.start + last..heading.span.end;
    }
    let hashes = body_text(cx, &heading.span)
        .bytes()
        .take_while(|b| *b == b'#')
        .count();
    heading.span.start..heading.span.start + hashes.max(1)
}

impl Rule for HeadingSkip {
    fn meta(&self) -> &'static RuleMeta {
        &HEADING_SKIP
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let facts = facts(cx);
        let mut previous: Option<&Heading> = None;
        for heading in &facts.headings {
            let before = previous.map_or(1, |p| p.level);
            if heading.level > before + 1 {
                let wanted = before + 1;
                let message = match previous {
                    Some(_) => format!(
                        "heading level {} follows level {before}: level {wanted} is skipped",
                        heading.level
                    ),
                    None => format!(
                        "the first heading is level {}: the page title is level 1, so level {wanted} is skipped",
                        heading.level
                    ),
                };
                let mut d = finding(
                    cx,
                    self.meta(),
                    &marker_range(cx, heading),
                    message,
                    format!("level {}", heading.level),
                )
                .with_help(format!(
                    "make it level {wanted} (`{}`), or add the missing level-{wanted} heading above it",
                    "#".repeat(usize::from(wanted))
                ));
                if let Some(p) = previous {
                    d = d.with_label(
                        file_span(cx, &marker_range(cx, p)),
                        format!("the previous heading is level {before}"),
                    );
                }
                out.push(d);
            }
            previous = Some(heading);
        }
    }
}

// ---------------------------------------------------------------------------
// BD004 heading-h1

static HEADING_H1: RuleMeta = RuleMeta {
    code: "BD004",
    name: "heading-h1",
    family: "body",
    summary: "The body has a level-1 heading, but the layout already prints the title as one.",
    doc: "## What it does\n\
Reports level-1 headings in the body: `# Heading`, or text underlined \
with `===`. It points at the `#` (or the underline).\n\n\
## Why is this bad?\n\
The layout prints the document's `title` as the page's level-1 heading. A \
second one splits the page into two top-level sections for screen readers \
and search engines, and often just repeats the title.\n\n\
## Example\n\
```markdown\n\
# Marching with us      <!-- write: ## Marching with us -->\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// BD004.
struct HeadingH1;

impl Rule for HeadingH1 {
    fn meta(&self) -> &'static RuleMeta {
        &HEADING_H1
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let facts = facts(cx);
        for heading in facts.headings.iter().filter(|h| h.level == 1) {
            let repeats_title = cx
                .document
                .title
                .as_deref()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case(heading.text.trim()));
            let help = if repeats_title {
                "this repeats the title, which the layout already shows: remove the line"
                    .to_string()
            } else if heading.setext {
                "underline it with `---` instead, for a level-2 section heading".to_string()
            } else {
                "write `##` for a section heading (and one more `#` for each heading under it)"
                    .to_string()
            };
            out.push(
                finding(
                    cx,
                    self.meta(),
                    &marker_range(cx, heading),
                    format!(
                        "level-1 heading `{}` in the body: the layout already prints the title as the level-1 heading",
                        heading.text
                    ),
                    "level 1",
                )
                .with_help(help),
            );
        }
    }
}

// ---------------------------------------------------------------------------
// BD005 image-missing-alt

static IMAGE_MISSING_ALT: RuleMeta = RuleMeta {
    code: "BD005",
    name: "image-missing-alt",
    family: "body",
    summary: "An image has no alt text.",
    doc: "## What it does\n\
Reports Markdown images whose alt text (between `![` and `]`) is empty or \
blank. It points at the brackets. (`<img>` tags are raw HTML: see \
`raw-html`.)\n\n\
## Why is this bad?\n\
Screen readers announce an image without alt text as \"image\" or read out \
its file name, and readers whose images do not load see nothing. The alt \
text says what the picture shows.\n\n\
## Example\n\
```markdown\n\
![](/images/pride-2022-march.jpg)\n\
<!-- write: ![Members marching behind the Network banner](/images/pride-2022-march.jpg) -->\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// BD005.
struct ImageMissingAlt;

impl Rule for ImageMissingAlt {
    fn meta(&self) -> &'static RuleMeta {
        &IMAGE_MISSING_ALT
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let facts = facts(cx);
        for image in facts.images.iter().filter(|i| i.alt.trim().is_empty()) {
            // `![` to the first `]`: the (empty) alt text's brackets.
            let text = body_text(cx, &image.span);
            let at = match text.find(']') {
                Some(close) if text.starts_with("![") => {
                    image.span.start..image.span.start + close + 1
                }
                _ => image.span.clone(),
            };
            out.push(
                finding(
                    cx,
                    self.meta(),
                    &at,
                    format!("image `{}` has no alt text", image.url),
                    "empty alt text",
                )
                .with_help(format!(
                    "say what the image shows between the brackets: `![Members marching behind the banner]({})`",
                    image.url
                )),
            );
        }
    }
}

// ---------------------------------------------------------------------------
// BD006 kramdown-syntax

static KRAMDOWN_SYNTAX: RuleMeta = RuleMeta {
    code: "BD006",
    name: "kramdown-syntax",
    family: "body",
    summary: "Kramdown-only syntax that CommonMark shows as literal text.",
    doc: "## What it does\n\
Reports kramdown's `{...}` markers: the table-of-contents marker \
`{:toc}`, attribute lists (`{: .warning-text}`, `{:#id}`), attribute list \
definitions (`{:name: .class}`), extensions (`{::options ... /}`, \
`{::comment}`) and header ids (`## Title {#id}`). Markers inside code \
are not reported. It points at the `{...}` and says what to write \
instead.\n\n\
## Why is this bad?\n\
masthead reads bodies as CommonMark, which has none of these: each shows \
on the page as literal braces (\"{:toc}\" as a bullet point, \
\"{: .warning-text}\" under a paragraph).\n\n\
## Example\n\
```markdown\n\
* TOC\n\
{:toc}\n\n\
Places are limited.\n\
{: .warning-text}\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// BD006.
struct KramdownSyntax;

/// The `class="..." id="..."` an attribute list stands for, for help text.
fn html_attributes(marker: &str) -> String {
    let inner = marker
        .trim_start_matches('{')
        .trim_start_matches(':')
        .trim_end_matches('}');
    let mut classes = Vec::new();
    let mut id = None;
    let mut others = Vec::new();
    for token in inner.split_whitespace() {
        if let Some(c) = token.strip_prefix('.') {
            classes.push(c);
        } else if let Some(i) = token.strip_prefix('#') {
            id = Some(i);
        } else if token.contains('=') {
            others.push(token);
        }
    }
    let mut attrs = Vec::new();
    if let Some(id) = id {
        attrs.push(format!("id=\"{id}\""));
    }
    if !classes.is_empty() {
        attrs.push(format!("class=\"{}\"", classes.join(" ")));
    }
    attrs.extend(others.into_iter().map(str::to_string));
    attrs.join(" ")
}

/// The message and help for a marker.
fn kramdown_advice(kind: KramdownKind, text: &str) -> (String, String) {
    match kind {
        KramdownKind::Toc => (
            "kramdown's table-of-contents marker `{:toc}` is shown as text".into(),
            "remove `{:toc}` and the list item above it: CommonMark makes no table of \
             contents, so write the list of sections by hand if the page needs one"
                .into(),
        ),
        KramdownKind::AttributeList => {
            let attrs = html_attributes(text);
            let how = if attrs.is_empty() {
                "remove it".to_string()
            } else {
                format!(
                    "remove it and use the plain element, or, if the styling matters, write \
                     the element as raw HTML with `{attrs}` (for a paragraph: `<p {attrs}>…</p>`)"
                )
            };
            (
                format!("kramdown attribute list `{text}` is shown as text"),
                how,
            )
        }
        KramdownKind::AttributeDefinition => (
            format!("kramdown attribute list definition `{text}` is shown as text"),
            "remove it and the attribute lists that refer to it".into(),
        ),
        KramdownKind::Extension => {
            let help = if text.contains("comment") {
                "write an HTML comment (`<!-- … -->`) instead, or remove it"
            } else if text.contains("nomarkdown") {
                "remove the markers and keep the raw HTML between them"
            } else {
                "remove it: kramdown's extensions and options only change how kramdown reads the page"
            };
            (
                format!("kramdown extension `{text}` is shown as text"),
                help.into(),
            )
        }
        KramdownKind::HeaderId => {
            let id = text.trim_start_matches("{#").trim_end_matches('}');
            (
                format!("kramdown header id `{text}` is shown as part of the heading"),
                format!(
                    "remove it; if links point at `#{id}`, write the heading as raw HTML \
                     (`<h2 id=\"{id}\">…</h2>`)"
                ),
            )
        }
        _ => (
            format!("kramdown syntax `{text}` is shown as text"),
            "remove it".into(),
        ),
    }
}

impl Rule for KramdownSyntax {
    fn meta(&self) -> &'static RuleMeta {
        &KRAMDOWN_SYNTAX
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let facts = facts(cx);
        for marker in &facts.kramdown {
            let (message, help) = kramdown_advice(marker.kind, &marker.text);
            let mut d = finding(
                cx,
                self.meta(),
                &marker.span,
                message,
                "CommonMark shows this as literal text",
            )
            .with_help(help);
            if marker.kind == KramdownKind::Toc
                && let Some(item) = toc_placeholder(cx.body(), marker.span.start)
            {
                d = d.with_label(
                    file_span(cx, &item),
                    "and this shows as a bullet point reading \"TOC\"",
                );
            }
            out.push(d);
        }
    }
}

/// The `* TOC` list item on the line before the `{:toc}` at `at`, if any.
fn toc_placeholder(body: &str, at: usize) -> Option<Range<usize>> {
    let line_start = body.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    if body.get(line_start..at)?.trim() != "" {
        return None;
    }
    let before = body.get(..line_start)?.trim_end_matches(['\n', '\r']);
    let prev_start = before.rfind('\n').map_or(0, |i| i + 1);
    let prev = before.get(prev_start..)?;
    let item = prev.trim_start();
    let marker = item.strip_prefix(['*', '-', '+'])?;
    let label = marker.trim();
    if !label.eq_ignore_ascii_case("toc") && !label.eq_ignore_ascii_case("table of contents") {
        return None;
    }
    let start = prev_start + (prev.len() - item.len());
    Some(start..before.len())
}

// ---------------------------------------------------------------------------
// BD007 raw-html

static RAW_HTML: RuleMeta = RuleMeta {
    code: "BD007",
    name: "raw-html",
    family: "body",
    summary: "The body contains raw HTML.",
    doc: "## What it does\n\
Reports raw HTML tags in a body, inline (`<b>`, `<br>`) and as blocks \
(`<div>`), once per element (closing tags and comments are not reported), \
and says how to write the same in Markdown. It is off unless selected: \
for sites whose editors should write Markdown only.\n\n\
## Why is this bad?\n\
Raw HTML bypasses the site's styles and the CMS editor's preview, is easy \
to leave unclosed (which breaks the rest of the page), and some renderers \
strip it for safety.\n\n\
## Example\n\
```markdown\n\
Places are <b>limited</b>.<br>\n\
<div class=\"warning\">Book early.</div>\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: false,
};

/// BD007.
struct RawHtmlRule;

/// How to write an element in Markdown instead.
fn markdown_for(tag: &str) -> &'static str {
    match tag {
        "b" | "strong" => "write `**text**` for bold",
        "i" | "em" => "write `*text*` for emphasis",
        "a" => "write a Markdown link: `[text](/path/)`",
        "img" => "write a Markdown image: `![what it shows](/images/file.jpg)`",
        "br" => "end the line with a backslash (`\\`) for a line break, or start a new paragraph",
        "p" => "separate paragraphs with a blank line",
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => "write a Markdown heading: `## Heading`",
        "ul" | "ol" | "li" => "write a Markdown list (`- item` or `1. item`)",
        "table" | "tr" | "td" | "th" | "thead" | "tbody" => {
            "write a Markdown table (`| a | b |` rows under a `|---|---|` line)"
        }
        "code" => "write inline code between backticks",
        "pre" => "write a code block between ``` fences",
        "hr" => "write `---` on a line of its own",
        "blockquote" => "start each quoted line with `> `",
        "s" | "del" | "strike" => "write `~~text~~` for struck-through text",
        _ => "write it in Markdown, or move it into a layout or include",
    }
}

impl Rule for RawHtmlRule {
    fn meta(&self) -> &'static RuleMeta {
        &RAW_HTML
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let facts = facts(cx);
        for html in facts.raw_html.iter().filter(|h| !h.closing) {
            let Some(tag) = &html.tag else {
                continue;
            };
            // Point at the first line of a block, where its tag is.
            let text = body_text(cx, &html.span);
            let first_line = text.find(['\n', '\r']).unwrap_or(text.len());
            let at = html.span.start..html.span.start + first_line;
            out.push(
                finding(
                    cx,
                    self.meta(),
                    &at,
                    format!("raw HTML `<{tag}>` in the body"),
                    "raw HTML",
                )
                .with_help(format!(
                    "this site keeps HTML out of bodies: {}",
                    markdown_for(tag)
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use masthead_diagnostics::LineIndex;
    use masthead_lint::LintConfig;
    use masthead_model::date::Instant;
    use masthead_source::{LoadOptions, load_site};
    use std::sync::atomic::{AtomicUsize, Ordering};

    const CONFIG: &str = "title: Civic Staff LGBT+ Network\nurl: https://www.example.org\ntimezone: Europe/London\nplugins:\n  - jekyll-redirect-from\n  - jekyll-feed\ncollections:\n  news:\n    output: true\n    permalink: /news/:year/:month/:day/:title\n  events:\n    output: true\n    permalink: /events/:year/:month/:day/:title\n  team:\n    output: true\n    permalink: /team/:title/\nmasthead:\n  collections:\n    team: author\n";

    const POST: &str = "_news/2022-05-10-our-pride-season-plans.md";

    fn now() -> Instant {
        Instant::parse("2026-11-22T12:00:00Z").unwrap()
    }

    /// Loads a site made of `files` (plus [`CONFIG`] unless given).
    fn site(files: &[(&str, &str)]) -> Site {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "masthead-body-test-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let mut all = files.to_vec();
        if !files.iter().any(|(p, _)| *p == "_config.yml") {
            all.push(("_config.yml", CONFIG));
        }
        for (path, text) in all {
            let file = dir.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, text).unwrap();
        }
        let site = load_site(&dir, &LoadOptions::default().with_now(now())).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        site
    }

    /// Runs `rule` on every document; findings as `CODE path:line:col`.
    fn run(rule: &dyn Rule, site: &Site) -> Vec<(String, Diagnostic)> {
        let config = LintConfig::default();
        let mut out = Vec::new();
        for doc in &site.documents {
            let cx = DocumentContext::new(site, doc, now(), &config);
            rule.check_document(&cx, &mut out);
        }
        out.into_iter()
            .map(|d| {
                let file = d.file.clone().unwrap_or_default();
                let text = site.sources.get(&file).map_or("", String::as_str);
                let start = d.primary.as_ref().map_or(0, |p| p.span.start);
                let (line, col) = LineIndex::new(text).line_col(text, start);
                (format!("{} {file}:{line}:{col}", d.code), d)
            })
            .collect()
    }

    /// A news post with `body` (front matter of 4 lines: the body starts
    /// on line 5).
    fn post(body: &str) -> String {
        format!("---\ntitle: \"Our Pride season plans\"\ndate: 2022-05-10\n---\n{body}")
    }

    fn at(found: &[(String, Diagnostic)]) -> Vec<&str> {
        found.iter().map(|(a, _)| a.as_str()).collect()
    }

    /// The text under each finding's primary span.
    fn spans<'s>(site: &'s Site, found: &[(String, Diagnostic)]) -> Vec<&'s str> {
        found
            .iter()
            .map(|(_, d)| {
                let text = &site.sources[d.file.as_deref().unwrap()];
                let p = d.primary.as_ref().unwrap();
                &text[p.span.start..p.span.end]
            })
            .collect()
    }

    #[test]
    fn bd001_checks_site_paths_only() {
        let body = "See [events](/events/) – “soon”, [page](/events.html), [the logo](/images/logo.png?v=2),\n\
                    [old](/pride-2022#march), [feed](/feed.xml), [ext](https://example.org/x),\n\
                    [proto](//cdn.example.org/x), [rel](../x), [liquid]({{ site.baseurl }}/x),\n\
                    [typo](/evnts/) and ![logo](/images/logo.pgn).\n";
        let s = site(&[
            (POST, &post(body)),
            (
                "events.md",
                "---\ntitle: Events\npermalink: /events/\n---\n",
            ),
            ("images/logo.png", "png"),
            (
                "_news/2021-11-22-forum.md",
                "---\ntitle: \"Forum\"\nredirect_from: /pride-2022\n---\n",
            ),
        ]);
        let found = run(&BrokenLink, &s);
        assert_eq!(
            at(&found),
            [format!("BD001 {POST}:8:8"), format!("BD001 {POST}:8:29")]
        );
        assert_eq!(spans(&s, &found), ["/evnts/", "/images/logo.pgn"]);
        assert_eq!(found[0].1.help.as_deref(), Some("did you mean `/events/`?"));
        assert_eq!(
            found[1].1.help.as_deref(),
            Some("did you mean `/images/logo.png`?")
        );
        assert_eq!(
            found[0].1.message,
            "link to `/evnts/`, which the site does not serve"
        );
    }

    #[test]
    fn bd001_decodes_escapes_and_strips_the_baseurl() {
        let config = CONFIG.replace("url: https", "baseurl: /network\nurl: https");
        let body = "[a](/network/news/2021/11/22/caf%C3%A9/) [b](/network) [c](/news/2021/11/22/caf%c3%a9) [e](/news/2021/11/22/café/) [d](/network/nope/)\n";
        let s = site(&[
            ("_config.yml", &config),
            (POST, &post(body)),
            ("index.md", "---\ntitle: Home\n---\n"),
            ("_news/2021-11-22-café.md", "---\ntitle: \"Café\"\n---\n"),
        ]);
        let found = run(&BrokenLink, &s);
        assert_eq!(spans(&s, &found), ["/network/nope/"]);
    }

    #[test]
    fn bd001_reference_links_point_at_the_use_and_label_the_definition() {
        let body = "Read [the plan][plan].\r\n\r\n[plan]: /plans/\r\n";
        let s = site(&[(POST, &post(body))]);
        let found = run(&BrokenLink, &s);
        assert_eq!(at(&found), [format!("BD001 {POST}:5:6")]);
        assert_eq!(spans(&s, &found), ["[the plan][plan]"]);
        let label = &found[0].1.labels[0];
        let text = &s.sources[POST];
        assert_eq!(&text[label.span.start..label.span.end], "/plans/");
    }

    #[test]
    fn bd001_notes_unpublished_targets() {
        let s = site(&[
            (POST, &post("[draft](/news/2022/06/01/draft)\n")),
            (
                "_news/2022-06-01-draft.md",
                "---\ntitle: \"Draft\"\npublished: false\n---\n",
            ),
        ]);
        let found = run(&BrokenLink, &s);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].1.notes[0].contains("not published"),
            "{:?}",
            found[0].1.notes
        );
    }

    #[test]
    fn bd002_mailto_addresses() {
        for good in [
            "mailto:pride@example.org",
            "MAILTO:a.b@events.example.org.uk?subject=Pride%20march",
            "mailto:a@example.org,b@example.org",
            "mailto:pride%40example.org",
        ] {
            assert_eq!(mailto_problem(good), None, "{good}");
        }
        for (bad, why) in [
            ("mailto:", "it has no address"),
            ("mailto:?subject=x", "it has no address"),
            (
                "mailto:pride example.org",
                "`pride example.org` contains a space",
            ),
            (
                "mailto:pride%20@example.org",
                "`pride @example.org` contains a space",
            ),
            ("mailto:pride.example.org", "`pride.example.org` has no `@`"),
            (
                "mailto:a@b@example.org",
                "`a@b@example.org` has 2 `@` signs",
            ),
            (
                "mailto:pride@example.org.",
                "`pride@example.org.` has a trailing dot",
            ),
            (
                "mailto:pride@example",
                "`pride@example` has no top-level domain (such as `.org` or `.uk`)",
            ),
            (
                "mailto:@example.org",
                "`@example.org` has nothing before the `@`",
            ),
            ("mailto:pride@", "`pride@` has no domain after the `@`"),
            (
                "mailto:a@example..org",
                "`a@example..org` has an empty part between dots",
            ),
        ] {
            assert_eq!(mailto_problem(bad).as_deref(), Some(why), "{bad}");
        }
    }

    #[test]
    fn bd002_points_at_the_destination() {
        let body =
            "We’ll reply – [mail us](mailto:pride@example) or <mailto:x> or <ok@example.org>.\n";
        let s = site(&[(POST, &post(body))]);
        let found = run(&MalformedMailto, &s);
        assert_eq!(
            at(&found),
            [format!("BD002 {POST}:5:25"), format!("BD002 {POST}:5:51")]
        );
        assert_eq!(spans(&s, &found), ["mailto:pride@example", "mailto:x"]);
    }

    #[test]
    fn bd003_heading_skips() {
        let body = "#### First\n\n## Two\n\n### Three\n\n##### Five – “deep”\n\nSetext\n------\n";
        let s = site(&[(POST, &post(body))]);
        let found = run(&HeadingSkip, &s);
        assert_eq!(
            at(&found),
            [format!("BD003 {POST}:5:1"), format!("BD003 {POST}:11:1")]
        );
        assert_eq!(spans(&s, &found), ["####", "#####"]);
        assert!(
            found[0]
                .1
                .message
                .starts_with("the first heading is level 4")
        );
        assert_eq!(
            found[1].1.message,
            "heading level 5 follows level 3: level 4 is skipped"
        );
        assert_eq!(found[1].1.labels.len(), 1);
        // Going back up any number of levels is fine.
        let s = site(&[(POST, &post("## a\n\n### b\n\n#### c\n\n## d\n\n### e\n"))]);
        assert!(run(&HeadingSkip, &s).is_empty());
    }

    #[test]
    fn bd004_level_one_headings() {
        let body = "# Our Pride season plans\n\nIntro\n\nMarching\n===\n\n## Fine\n";
        let s = site(&[(POST, &post(body))]);
        let found = run(&HeadingH1, &s);
        assert_eq!(
            at(&found),
            [format!("BD004 {POST}:5:1"), format!("BD004 {POST}:10:1")]
        );
        assert_eq!(spans(&s, &found), ["#", "==="]);
        assert!(
            found[0]
                .1
                .help
                .as_deref()
                .unwrap()
                .contains("repeats the title")
        );
        assert!(found[1].1.help.as_deref().unwrap().contains("`---`"));
    }

    #[test]
    fn bd005_images_without_alt() {
        let body =
            "“Photos” – ![](/a.jpg) ![ ](/b.jpg) ![Members marching](/c.jpg) [![](/d.jpg)](/x)\n";
        let s = site(&[(POST, &post(body))]);
        let found = run(&ImageMissingAlt, &s);
        assert_eq!(
            at(&found),
            [
                format!("BD005 {POST}:5:12"),
                format!("BD005 {POST}:5:24"),
                format!("BD005 {POST}:5:66"),
            ]
        );
        assert_eq!(spans(&s, &found), ["![]", "![ ]", "![]"]);
    }

    #[test]
    fn bd006_kramdown_markers() {
        let body = "* TOC\n{:toc}\n\nPlaces are limited – book early.\n{: .warning-text #book}\n\n\
                    `{:.in-code}`\n\n## Plans {#plans}\n";
        let s = site(&[(POST, &post(body))]);
        let found = run(&KramdownSyntax, &s);
        assert_eq!(
            at(&found),
            [
                format!("BD006 {POST}:6:1"),
                format!("BD006 {POST}:9:1"),
                format!("BD006 {POST}:13:10"),
            ]
        );
        assert_eq!(
            spans(&s, &found),
            ["{:toc}", "{: .warning-text #book}", "{#plans}"]
        );
        // The `* TOC` line is labelled.
        let text = &s.sources[POST];
        let label = &found[0].1.labels[0];
        assert_eq!(&text[label.span.start..label.span.end], "* TOC");
        assert!(
            found[1]
                .1
                .help
                .as_deref()
                .unwrap()
                .contains("`id=\"book\" class=\"warning-text\"`")
        );
    }

    #[test]
    fn bd007_raw_html_once_per_element() {
        let body = "Places are <b>limited</b> – “book”.<br>\n\n<div class=\"warning\">\nBook early.\n</div>\n\n<!-- a comment -->\n";
        let s = site(&[(POST, &post(body))]);
        let found = run(&RawHtmlRule, &s);
        assert_eq!(
            at(&found),
            [
                format!("BD007 {POST}:5:12"),
                format!("BD007 {POST}:5:36"),
                format!("BD007 {POST}:7:1"),
            ]
        );
        assert_eq!(
            spans(&s, &found),
            ["<b>", "<br>", "<div class=\"warning\">"]
        );
        assert!(!RAW_HTML.enabled_by_default);
    }

    #[test]
    fn toc_placeholder_lines() {
        let body = "Intro\n\n  - Table of contents\n{:toc}\n";
        let at = body.find("{:toc}").unwrap();
        assert_eq!(
            toc_placeholder(body, at).map(|r| &body[r]),
            Some("- Table of contents")
        );
        assert_eq!(toc_placeholder("{:toc}", 0), None);
        assert_eq!(toc_placeholder("* Intro\n{:toc}", 8), None);
    }
}
