//! Resolved documents: what the site means once dates, permalinks, defaults
//! and references are worked out.

use crate::KeyPath;
use crate::config::DocumentType;
use crate::date::{DateSource, ResolvedDate};
use crate::frontmatter::{FrontMatter, Region, Role};
use crate::value::Map;
use indexmap::IndexMap;
use masthead_diagnostics::Span;
use serde::Serialize;

/// A document's index in [`crate::site::Site::documents`]; stable for one load.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct DocumentId(pub usize);

/// Whether a document is built, and if not, why not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Publication {
    /// Built.
    Published,
    /// `published: false` in front matter or defaults.
    Unpublished,
    /// Dated after "now": Jekyll skips it until then.
    Future,
}

/// Where the value of a front-matter key is in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct FieldSpan {
    /// The key's bytes, for mapping entries.
    pub key: Option<Span>,
    /// The value's bytes.
    pub value: Span,
}

/// Key path → position, for every value in a document's front matter
/// (the last occurrence, for repeated keys, since that is the one that counts).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SpanMap {
    // Looked up by every rule for every document: a fast, seeded hash.
    spans: IndexMap<KeyPath, FieldSpan, crate::MapHasher>,
}

impl SpanMap {
    /// An empty map with room for `n` positions (the loader knows how many
    /// values a document has, and saves the map's regrowing).
    pub fn with_capacity(n: usize) -> Self {
        SpanMap {
            spans: IndexMap::with_capacity_and_hasher(n, Default::default()),
        }
    }

    /// Records a position; a later insert for the same path replaces the earlier one.
    pub fn insert(&mut self, path: KeyPath, span: FieldSpan) {
        self.spans.insert(path, span);
    }

    /// The position of the value at `path`.
    pub fn get(&self, path: &KeyPath) -> Option<FieldSpan> {
        self.spans.get(path).copied()
    }

    /// The value's span at the path written as text (`event.start`).
    pub fn value_span(&self, path: &str) -> Option<Span> {
        // A plain top-level key (most lookups) needs no path built.
        if !path.is_empty() && !path.contains(['.', '[']) {
            return self
                .spans
                .get(&crate::keypath::TopKey(path))
                .map(|s| s.value);
        }
        self.get(&KeyPath::parse(path)).map(|s| s.value)
    }

    /// Every recorded path and position, in file order.
    pub fn iter(&self) -> impl Iterator<Item = (&KeyPath, &FieldSpan)> {
        self.spans.iter()
    }
}

/// Positions of the parts of a document file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Layout {
    /// Length of the byte-order mark (0 or 3).
    pub bom: usize,
    /// The opening `---` line, when the file has front matter.
    pub open_fence: Option<Span>,
    /// The YAML between the fences.
    pub front_matter: Option<Span>,
    /// The closing `---` (or `...`) line.
    pub close_fence: Option<Span>,
    /// The body after the front matter.
    pub body: Span,
    /// Whether the file uses CRLF line endings.
    pub crlf: bool,
}

/// An `author:` value and the author document it names, if any.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuthorRef {
    /// As written.
    pub written: String,
    /// Trimmed, stray quotes removed, inner whitespace collapsed: what is
    /// matched against authors' `person-name`.
    pub name: String,
    /// The author document with that name (case-insensitive), when there is one.
    pub author: Option<DocumentId>,
}

impl AuthorRef {
    /// Normalises a written author name (stray tabs, quotes, doubled spaces).
    pub fn normalize(written: &str) -> String {
        let trimmed = written
            .trim()
            .trim_matches(|c| c == '"' || c == '\'' || c == '“' || c == '”');
        trimmed.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// A post: typed fields after resolution.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Post {
    /// Excerpt as written (trailing whitespace kept, as Jekyll keeps it).
    pub excerpt: Option<String>,
    /// The author reference.
    pub author: Option<AuthorRef>,
    /// Lead image.
    pub image: Option<String>,
    /// Alternative text for the image.
    pub image_alt: Option<String>,
    /// YouTube URL.
    pub video: Option<String>,
    /// Consultations: where to respond.
    pub link: Option<String>,
    /// Consultations: closing date.
    pub end_date: Option<ResolvedDate>,
}

/// An event: post fields plus when, where and how to register.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Event {
    /// The post fields.
    pub post: Post,
    /// Start (required; `None` only when missing or unreadable, with a diagnostic).
    pub start: Option<ResolvedDate>,
    /// End, if any.
    pub end: Option<ResolvedDate>,
    /// Registration deadline, if any.
    pub deadline: Option<ResolvedDate>,
    /// Who runs it: as written, else the site's title.
    pub host: Option<String>,
    /// Where.
    pub location: Option<String>,
    /// Registration URL.
    pub link: Option<String>,
    /// Registration email.
    pub email: Option<String>,
    /// Text instead of registration.
    pub no_register: Option<String>,
}

/// An author (team member).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Author {
    /// `person-name`, normalised like [`AuthorRef::name`].
    pub name: Option<String>,
    /// Role.
    pub role: Option<Role>,
    /// Email.
    pub email: Option<String>,
    /// Project.
    pub project: Option<String>,
    /// Region.
    pub region: Option<Region>,
    /// Archived (former member); `"true"` strings count.
    pub archived: bool,
    /// Portrait.
    pub image: Option<String>,
}

/// The typed content of a document, by type.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
#[expect(
    clippy::large_enum_variant,
    reason = "one per document, matched far more often than moved; a box would only add indirection"
)]
pub enum Content {
    /// A post.
    Post(Post),
    /// An event.
    Event(Event),
    /// An author.
    Author(Author),
    /// A generic document.
    Document,
}

/// A `redirect_from` entry of a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RedirectFrom {
    /// As written.
    pub written: String,
    /// Normalised like jekyll-redirect-from (leading slash added).
    pub path: String,
    /// The entry's position in the file's `redirect_from` list, empty items
    /// counted (0 for a single string).
    pub index: usize,
}

/// One document: a file with front matter in a collection folder.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    /// Its index in the site.
    pub id: DocumentId,
    /// Path relative to the site root, `/`-separated.
    pub path: String,
    /// Collection label (`news` for `_news/`).
    pub collection: String,
    /// The type its collection maps to.
    pub doc_type: DocumentType,
    /// Raw front matter, typed by `doc_type`.
    pub front_matter: FrontMatter,
    /// Effective front matter: the file's keys over the config's `defaults`.
    pub data: Map,
    /// Where each front-matter value is in the file.
    pub spans: SpanMap,
    /// Where the front matter and body are.
    pub layout: Layout,
    /// Typed content.
    pub content: Content,
    /// Title as written, else (authors) the person's name.
    pub title: Option<String>,
    /// The slug used by `:title`/`:slug` (front matter `slug`, else from the filename).
    pub slug: String,
    /// Categories as Jekyll merges them (`categories` then `category`).
    pub categories: Vec<String>,
    /// The document's date, and where it came from.
    pub date: Option<ResolvedDate>,
    /// Which source gave the date.
    pub date_source: DateSource,
    /// URL path (percent-encoded), as Jekyll computes it.
    pub url: String,
    /// Output file relative to the destination, when the collection is output.
    pub output: Option<String>,
    /// Built or not, and why.
    pub publication: Publication,
    /// Paths that redirect here.
    pub redirect_from: Vec<RedirectFrom>,
    /// Where this document redirects to (the first `redirect_to`), if anywhere.
    pub redirect_to: Option<String>,
}

impl Document {
    /// Whether Jekyll builds it now.
    pub fn is_published(&self) -> bool {
        self.publication == Publication::Published
    }

    /// The post fields of a post or event.
    pub fn post(&self) -> Option<&Post> {
        match &self.content {
            Content::Post(p) => Some(p),
            Content::Event(e) => Some(&e.post),
            _ => None,
        }
    }

    /// The event fields, for an event.
    pub fn event(&self) -> Option<&Event> {
        match &self.content {
            Content::Event(e) => Some(e),
            _ => None,
        }
    }

    /// The author fields, for an author.
    pub fn author(&self) -> Option<&Author> {
        match &self.content {
            Content::Author(a) => Some(a),
            _ => None,
        }
    }

    /// The body text, given the file's source.
    pub fn body<'s>(&self, source: &'s str) -> &'s str {
        source
            .get(self.layout.body.start..self.layout.body.end)
            .unwrap_or("")
    }
}
