//! A loaded site: its collections, documents, redirects and problems, and
//! the queries front ends ask of it.

use crate::config::{DocumentType, SiteConfig};
use crate::date::{Instant, TimeZone};
use crate::document::{Document, DocumentId};
use masthead_diagnostics::{Diagnostic, SourceLookup};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;

/// A collection as the site defines it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Collection {
    /// Label (`news`).
    pub label: String,
    /// Folder relative to the site root (`_news`).
    pub dir: String,
    /// Whether Jekyll writes its documents.
    pub output: bool,
    /// The permalink pattern its documents use unless they set their own.
    pub permalink: String,
    /// The type its documents are read as.
    pub doc_type: DocumentType,
    /// Whether it is declared in `_config.yml` (undeclared `_folders` are not collections to Jekyll).
    pub declared: bool,
}

/// Which front-matter key a redirect came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "key")]
pub enum RedirectOrigin {
    /// Entry `index` of `redirect_from`.
    RedirectFrom {
        /// Position in the list (0 for a single string).
        index: usize,
    },
    /// The document's `redirect_to`.
    RedirectTo,
}

/// One edge of the redirect graph: requests for `from` go to `to`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Redirect {
    /// Site path redirected from (leading slash, not percent-decoded).
    pub from: String,
    /// Target: a site URL path, or an absolute URL for external `redirect_to`.
    pub to: String,
    /// The document that declares it.
    pub document: DocumentId,
    /// Which key declared it.
    pub origin: RedirectOrigin,
    /// The stub file jekyll-redirect-from writes, relative to the destination.
    pub output: Option<String>,
}

/// Everything masthead read from one site.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Site {
    /// The site root on disk.
    pub root: PathBuf,
    /// `_config.yml`, typed.
    pub config: SiteConfig,
    /// The site's time zone (UTC when `timezone:` is absent).
    pub timezone: Option<TimeZone>,
    /// The moment "future" is measured from.
    pub now: Option<Instant>,
    /// Collections, in config order, then undeclared ones found on disk.
    pub collections: Vec<Collection>,
    /// Every document, sorted by path.
    pub documents: Vec<Document>,
    /// The redirect graph of published documents, in document order.
    pub redirects: Vec<Redirect>,
    /// Every problem recorded while loading, in path order.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of every file read, by relative path, for printing diagnostics.
    pub sources: HashMap<String, String, crate::MapHasher>,
    /// `_config.yml`'s relative name, when the site has one.
    pub config_file: Option<String>,
    /// Where each value of `_config.yml` is (for diagnostics about settings).
    pub config_spans: crate::document::SpanMap,
    /// Pages outside collections (`index.md`, `events.md`) with their URLs.
    pub pages: Vec<Page>,
    /// Other files Jekyll copies as they are (images, PDFs), as site paths
    /// with a leading slash.
    pub static_files: Vec<String>,
    /// Every served path, normalised, built on first use by [`Site::serves`]
    /// (link checks ask once per link). Reset it to `Default::default()`
    /// after changing a loaded site's documents.
    #[doc(hidden)]
    pub served: std::sync::OnceLock<std::collections::HashSet<String, crate::MapHasher>>,
    /// Canonical URL → first document with it, built on first use by
    /// [`Site::by_url`]; reset it like `served`.
    #[doc(hidden)]
    pub url_index: std::sync::OnceLock<HashMap<String, usize, crate::MapHasher>>,
    /// Category slug (ASCII lowercase) → first generic document that
    /// describes it, built on first use by [`Site::category_page`] (asked
    /// once per category by the JSON API); reset it like `served`.
    #[doc(hidden)]
    pub category_index: std::sync::OnceLock<HashMap<String, usize, crate::MapHasher>>,
}

/// A page outside any collection: not a document, but a URL links can reach.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Page {
    /// Path relative to the site root.
    pub path: String,
    /// URL, as Jekyll computes it for pages.
    pub url: String,
}

impl SourceLookup for Site {
    fn source(&self, file: &str) -> Option<&str> {
        self.sources.get(file).map(String::as_str)
    }
}

impl Site {
    /// The document with this id.
    pub fn document(&self, id: DocumentId) -> Option<&Document> {
        self.documents.get(id.0)
    }

    /// Documents of one collection, in path order.
    pub fn by_collection<'a>(&'a self, label: &'a str) -> impl Iterator<Item = &'a Document> + 'a {
        self.documents.iter().filter(move |d| d.collection == label)
    }

    /// Documents of one type, in path order.
    pub fn of_type(&self, doc_type: DocumentType) -> impl Iterator<Item = &Document> + '_ {
        self.documents
            .iter()
            .filter(move |d| d.doc_type == doc_type)
    }

    /// Published documents (not `published: false`, not future).
    pub fn published(&self) -> impl Iterator<Item = &Document> + '_ {
        self.documents.iter().filter(|d| d.is_published())
    }

    /// Dated documents, oldest first; ties broken by path.
    pub fn in_date_order(&self) -> Vec<&Document> {
        let mut docs: Vec<&Document> = self.documents.iter().filter(|d| d.date.is_some()).collect();
        docs.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.path.cmp(&b.path)));
        docs
    }

    /// Documents dated in `from..to` (start inclusive, end exclusive), oldest first.
    pub fn in_date_range(&self, from: Instant, to: Instant) -> Vec<&Document> {
        self.in_date_order()
            .into_iter()
            .filter(|d| {
                d.date
                    .as_ref()
                    .is_some_and(|date| date.instant() >= from && date.instant() < to)
            })
            .collect()
    }

    /// Published events that have not finished at `now` (end, else start, is
    /// at or after `now`), soonest first.
    pub fn upcoming_events(&self, now: Instant) -> Vec<&Document> {
        let mut events: Vec<(&Document, Instant)> = self
            .published()
            .filter_map(|d| {
                let e = d.event()?;
                let start = e.start.as_ref()?;
                let last = e.end.as_ref().unwrap_or(start);
                (last.instant() >= now).then_some((d, start.instant()))
            })
            .collect();
        events.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.path.cmp(&b.0.path)));
        events.into_iter().map(|(d, _)| d).collect()
    }

    /// Documents that list `slug` among their categories (case-insensitive,
    /// as Jekyll lowercases categories in URLs).
    pub fn by_category<'a>(&'a self, slug: &'a str) -> impl Iterator<Item = &'a Document> + 'a {
        self.documents
            .iter()
            .filter(move |d| d.categories.iter().any(|c| c.eq_ignore_ascii_case(slug)))
    }

    /// Posts and events whose `author:` resolves to the author document `author`.
    pub fn by_author(&self, author: DocumentId) -> impl Iterator<Item = &Document> + '_ {
        self.documents.iter().filter(move |d| {
            d.post()
                .and_then(|p| p.author.as_ref())
                .is_some_and(|a| a.author == Some(author))
        })
    }

    /// The author document whose name matches `name` (normalised, case-insensitive).
    pub fn author_named(&self, name: &str) -> Option<&Document> {
        let wanted = crate::document::AuthorRef::normalize(name).to_lowercase();
        self.of_type(DocumentType::Author).find(|d| {
            d.author()
                .and_then(|a| a.name.as_deref())
                .is_some_and(|n| n.to_lowercase() == wanted)
        })
    }

    /// The page that describes category `slug`: a document of a generic
    /// collection (topics) whose own `category` is that slug. Posts name
    /// categories by slug; this resolves the slug to its entry, if it has one.
    pub fn category_page(&self, slug: &str) -> Option<&Document> {
        let index = self.category_index.get_or_init(|| {
            let mut index = HashMap::default();
            for (i, d) in self.documents.iter().enumerate() {
                if d.doc_type == DocumentType::Document {
                    for c in &d.categories {
                        index.entry(c.to_ascii_lowercase()).or_insert(i);
                    }
                }
            }
            index
        });
        index
            .get(&slug.to_ascii_lowercase())
            .and_then(|&i| self.documents.get(i))
    }

    /// The document served at `url`. `/a/` and `/a/index.html` are the same
    /// page, and so are `/a` and `/a.html`, as a web server sees them.
    pub fn by_url(&self, url: &str) -> Option<&Document> {
        let index = self.url_index.get_or_init(|| {
            let mut index =
                HashMap::with_capacity_and_hasher(self.documents.len(), Default::default());
            for (i, d) in self.documents.iter().enumerate() {
                index.entry(canonical_url(&d.url).into_owned()).or_insert(i);
            }
            index
        });
        index
            .get(&*canonical_url(url))
            .and_then(|&i| self.documents.get(i))
    }

    /// The document read from `path` (relative to the site root).
    pub fn by_path(&self, path: &str) -> Option<&Document> {
        let path = path.trim_start_matches("./");
        self.documents.iter().find(|d| d.path == path)
    }

    /// The redirect from `path`, if one is declared.
    pub fn redirect_from(&self, path: &str) -> Option<&Redirect> {
        let wanted = canonical_url(path);
        self.redirects
            .iter()
            .find(|r| canonical_url(&r.from) == wanted)
    }

    /// Whether a request for site path `path` is served: by a document, a
    /// page, a static file or a redirect (query and fragment ignored;
    /// `/a`, `/a/`, `/a.html` and `/a/index.html` count as one).
    pub fn serves(&self, path: &str) -> bool {
        let path = path.split(['?', '#']).next().unwrap_or("");
        self.served
            .get_or_init(|| {
                let documents = self
                    .documents
                    .iter()
                    .filter(|d| d.output.is_some() && d.is_published())
                    .map(|d| d.url.as_str());
                let mut served = std::collections::HashSet::with_capacity_and_hasher(
                    self.documents.len()
                        + self.pages.len()
                        + self.static_files.len()
                        + self.redirects.len(),
                    Default::default(),
                );
                served.extend(
                    documents
                        .chain(self.pages.iter().map(|p| p.url.as_str()))
                        .chain(self.static_files.iter().map(String::as_str))
                        .chain(self.redirects.iter().map(|r| r.from.as_str()))
                        .map(served_key),
                );
                served
            })
            .contains(&served_key(path))
    }

    /// Diagnostics of one file.
    pub fn diagnostics_for<'a>(
        &'a self,
        path: &'a str,
    ) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.diagnostics
            .iter()
            .filter(move |d| d.file.as_deref() == Some(path))
    }
}

/// The form two paths share when a server answers them alike: escapes
/// decoded, `index.html` and `.html` dropped, no trailing slash.
fn served_key(url: &str) -> String {
    let decoded = crate::permalink::unescape_path(url);
    canonical_url(&decoded).trim_end_matches('/').to_string()
}

/// The form of a site path that a static host serves from one file: a
/// leading `/`, `/a/index.html` → `/a/`, `/a.html` → `/a`. Borrowed when
/// `url` has that form already, as most URLs do. Query, fragment and
/// percent-escapes are left to the caller.
pub fn canonical_url(url: &str) -> Cow<'_, str> {
    if url.starts_with('/') && !url.ends_with(".html") {
        return Cow::Borrowed(url);
    }
    let slashed: Cow<'_, str> = if url.starts_with('/') {
        Cow::Borrowed(url)
    } else {
        Cow::Owned(format!("/{url}"))
    };
    if let Some(dir) = slashed.strip_suffix("index.html") {
        return Cow::Owned(dir.to_string());
    }
    match slashed.strip_suffix(".html") {
        Some(stem) => Cow::Owned(stem.to_string()),
        None => slashed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_urls_borrow_only_what_is_canonical_already() {
        for (url, canonical, borrowed) in [
            ("/news/a/", "/news/a/", true),
            ("/news/a", "/news/a", true),
            ("/", "/", true),
            ("/news/a/index.html", "/news/a/", false),
            ("/news/a.html", "/news/a", false),
            ("/index.html", "/", false),
            ("news/a/", "/news/a/", false),
            ("index.html", "/", false),
            ("a.html", "/a", false),
            ("", "/", false),
        ] {
            let got = canonical_url(url);
            assert_eq!(got, canonical, "{url}");
            assert_eq!(matches!(got, Cow::Borrowed(_)), borrowed, "{url}");
        }
    }
}
