//! The shapes of the JSON content API: every file the `json` renderer
//! writes is one of these structs, serialised with its fields in the order
//! declared here. Their JSON Schemas ([`crate::schemas`]) are generated
//! from these same structs, so shape and schema cannot drift apart.
//!
//! Optional values are always present, as `null` when absent, so a client
//! sees the same keys in every file of one kind.

use masthead_model::Map;
use masthead_model::frontmatter::{Region, Role};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `api/<collection>/<slug>.json`: one document, everything a front end
/// needs to show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct DocumentFile {
    /// The collection's label (`news` for `_news/`).
    pub collection: String,
    /// The document's slug: this file's name without `.json`.
    pub slug: String,
    /// The source file, relative to the site root.
    pub path: String,
    /// The page's absolute URL (`url` + `baseurl` + permalink), or `null`
    /// when the collection is not output.
    pub url: Option<String>,
    /// The URL of this JSON file.
    pub api: String,
    /// The title, if any (authors: the person's name).
    pub title: Option<String>,
    /// The date in RFC 3339, in the site's time zone (`+01:00`, never `Z`).
    pub date: Option<String>,
    /// Categories as Jekyll merges them (`categories`, then `category`).
    pub categories: Vec<String>,
    /// The resolved `author:` of a post or event.
    pub author: Option<AuthorLink>,
    /// The typed front matter of the document's type, tagged by `type`.
    pub fields: Fields,
    /// Front-matter keys the document's type does not know, as written.
    pub extra: Map,
    /// The body's table of contents: its top-level headings in order, each
    /// with the `id` it has in `html` (empty for HTML bodies).
    pub toc: Vec<TocItem>,
    /// The body as HTML (Markdown rendered; HTML bodies as written).
    pub html: String,
}

/// One heading of a document's table of contents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct TocItem {
    /// The heading's level, 1 (`#`) to 6.
    #[schemars(range(min = 1, max = 6))]
    pub level: u8,
    /// The heading's text, without markup.
    pub text: String,
    /// The heading's `id` in `html`, to link to as `#id`; empty when
    /// `heading_ids` is off.
    pub id: String,
}

/// The typed front matter of a document, by its type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "lowercase")]
#[non_exhaustive]
pub enum Fields {
    /// A post.
    Post(PostFields),
    /// An event.
    Event(EventFields),
    /// An author.
    Author(AuthorFields),
    /// A document of a collection mapped to no type.
    Document,
}

/// A post's typed fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct PostFields {
    /// The excerpt as written in the front matter.
    pub excerpt: Option<String>,
    /// Lead image (a URL or site path, as written).
    pub image: Option<String>,
    /// The image's alternative text.
    pub image_alt: Option<String>,
    /// Video URL.
    pub video: Option<String>,
    /// Consultations: where to respond.
    pub link: Option<String>,
    /// Consultations: the closing date, RFC 3339 in the site's zone.
    pub end_date: Option<String>,
}

/// An event's typed fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct EventFields {
    /// The excerpt as written in the front matter.
    pub excerpt: Option<String>,
    /// Lead image (a URL or site path, as written).
    pub image: Option<String>,
    /// The image's alternative text.
    pub image_alt: Option<String>,
    /// Start, RFC 3339 in the site's zone.
    pub start: Option<String>,
    /// End, RFC 3339 in the site's zone.
    pub end: Option<String>,
    /// Registration deadline, RFC 3339 in the site's zone.
    pub deadline: Option<String>,
    /// Who runs it (as written, else the site's title).
    pub host: Option<String>,
    /// Where.
    pub location: Option<String>,
    /// Registration URL.
    pub link: Option<String>,
    /// Registration email.
    pub email: Option<String>,
    /// Text shown instead of registration.
    pub no_register: Option<String>,
}

/// An author's typed fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct AuthorFields {
    /// `person-name`, whitespace normalised.
    pub name: Option<String>,
    /// Their role.
    pub role: Option<Role>,
    /// Contact address.
    pub email: Option<String>,
    /// What they work on.
    pub project: Option<String>,
    /// Where they are based.
    pub region: Option<Region>,
    /// A former member.
    pub archived: bool,
    /// Portrait (a URL or site path, as written).
    pub image: Option<String>,
}

/// A post's `author:`, resolved to the author's page when one matches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct AuthorLink {
    /// The name (the author page's `person-name`, else as written).
    pub name: String,
    /// The author page's absolute URL, when it resolves to an output page.
    pub url: Option<String>,
    /// The URL of `api/authors/<slug>.json`, when it resolves.
    pub api: Option<String>,
    /// The author page's first paragraph as plain text, when it resolves.
    pub bio: Option<String>,
}

/// One document in a listing (indexes, authors, categories).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Summary {
    /// The collection's label.
    pub collection: String,
    /// The document's slug.
    pub slug: String,
    /// The title, if any.
    pub title: Option<String>,
    /// The page's absolute URL, or `null` when the collection is not output.
    pub url: Option<String>,
    /// The URL of the document's JSON file.
    pub api: String,
    /// The date in RFC 3339, in the site's time zone.
    pub date: Option<String>,
    /// Categories.
    pub categories: Vec<String>,
    /// The author's name, for posts and events that have one.
    pub author: Option<String>,
}

/// `api/<collection>/index.json`, `page-2.json`…: one page of a
/// collection's documents, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct CollectionPage {
    /// The collection's label.
    pub collection: String,
    /// This page's number, from 1.
    pub page: usize,
    /// How many pages there are (at least 1).
    pub pages: usize,
    /// How many documents the collection has in all.
    pub total: usize,
    /// The documents on this page.
    pub items: Vec<Summary>,
    /// The next page's URL, `null` on the last.
    pub next: Option<String>,
    /// The previous page's URL, `null` on the first.
    pub prev: Option<String>,
}

/// `api/authors/<slug>.json`: an author and their posts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct AuthorFile {
    /// The author document's slug: this file's name without `.json`.
    pub slug: String,
    /// The name (`person-name`, else the title).
    pub name: Option<String>,
    /// The author page's absolute URL, or `null` when not output.
    pub url: Option<String>,
    /// The URL of this JSON file.
    pub api: String,
    /// The author page's first paragraph as plain text.
    pub bio: Option<String>,
    /// The author's typed fields.
    pub fields: AuthorFields,
    /// Their posts and events, newest first.
    pub posts: Vec<Summary>,
}

/// `api/categories/<slug>.json`: a category and its documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct CategoryFile {
    /// The category's slug: this file's name without `.json`.
    pub slug: String,
    /// The category as first written (documents are matched ignoring case).
    pub name: String,
    /// The title of the page describing the category, when the site has one.
    pub title: Option<String>,
    /// That page's absolute URL.
    pub url: Option<String>,
    /// The URL of this JSON file.
    pub api: String,
    /// Documents in the category, newest first.
    pub documents: Vec<Summary>,
}

/// `api/events/upcoming.json`: events that start after the render's `now`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct UpcomingEvents {
    /// The day of the render in the site's zone (`YYYY-MM-DD`). A day, not
    /// the exact moment, so that renders on one day give identical bytes
    /// and `masthead render --check` in a hook does not fail on the clock.
    pub as_of: String,
    /// The events, soonest first.
    pub events: Vec<EventSummary>,
}

/// One upcoming event: its listing entry plus when, where and how to register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct EventSummary {
    /// The event's listing entry.
    #[serde(flatten)]
    pub summary: Summary,
    /// Start, RFC 3339 in the site's zone.
    pub start: String,
    /// End, RFC 3339 in the site's zone.
    pub end: Option<String>,
    /// Registration deadline.
    pub deadline: Option<String>,
    /// Where.
    pub location: Option<String>,
    /// Registration URL.
    pub link: Option<String>,
}
