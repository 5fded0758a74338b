//! The `json` renderer: a static JSON content API for front ends that read
//! content over HTTP instead of templates.
//!
//! Under `api/` (the `dir` setting) it writes, for the published documents
//! of every collection (redirects left out):
//!
//! - `<collection>/index.json`, `page-2.json`…: pages of [`Summary`]s,
//!   newest first ([`CollectionPage`]);
//! - `<collection>/<slug>.json`: each document ([`DocumentFile`]);
//! - `authors/<slug>.json`: each author with their posts ([`AuthorFile`]);
//! - `categories/<slug>.json`: each category with its documents ([`CategoryFile`]);
//! - `events/upcoming.json`: events starting after the render's `now` ([`UpcomingEvents`]);
//! - `schema/<kind>.schema.json`: the JSON Schema of each shape ([`schemas`]).
//!
//! Output is deterministic: keys in the order the structs declare, documents
//! in a defined order, dates in RFC 3339 in the site's time zone.
//!
//! ```
//! use masthead_json_api::JsonRenderer;
//! use masthead_model::site::Site;
//! use masthead_render::render_site;
//!
//! let run = render_site(&Site::default(), &[&JsonRenderer]);
//! assert!(run.sink.get("api/events/upcoming.json").is_some());
//! assert!(run.sink.get("api/schema/document.schema.json").is_some());
//! ```

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod shapes;

pub use shapes::{
    AuthorFields, AuthorFile, AuthorLink, CategoryFile, CollectionPage, DocumentFile, EventFields,
    EventSummary, Fields, PostFields, Summary, TocItem, UpcomingEvents,
};

use masthead_diagnostics::Severity;
use masthead_html::{Bodies, MarkdownOptions};
use masthead_model::date::{Instant, ResolvedDate, TimeZone};
use masthead_model::document::{Content, Document};
use masthead_model::site::Site;
use masthead_model::slug::{SlugMode, slugify};
use masthead_render::{RenderContext, Renderer, Sink, codes};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

/// The media type of every file the renderer writes.
const JSON: &str = "application/json";

/// `masthead.render.json` in `_config.yml`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct JsonSettings {
    /// The folder, inside the output folder, the API is written to.
    pub dir: String,
    /// Documents per index page (at least 1).
    pub page_size: usize,
    /// Write `schema/*.schema.json` with the API.
    pub schemas: bool,
    /// Clean raw HTML in bodies with the allow-list sanitizer.
    pub sanitize: bool,
    /// An `id` on each heading of a body.
    pub heading_ids: bool,
}

impl Default for JsonSettings {
    fn default() -> Self {
        JsonSettings {
            dir: "api".into(),
            page_size: 50,
            schemas: true,
            sanitize: false,
            heading_ids: true,
        }
    }
}

/// The JSON content API renderer; its settings are [`JsonSettings`].
#[derive(Clone, Copy, Debug, Default)]
pub struct JsonRenderer;

/// The JSON Schema of each shape, by file stem (`document` for
/// `schema/document.schema.json`), generated from the structs the
/// renderer serialises.
pub fn schemas() -> Vec<(&'static str, serde_json::Value)> {
    #[expect(
        clippy::expect_used,
        reason = "a schemars Schema is a JSON value already, which serialises"
    )]
    fn one<T: schemars::JsonSchema>() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(T)).expect("schemas serialise")
    }
    vec![
        ("document", one::<DocumentFile>()),
        ("collection-page", one::<CollectionPage>()),
        ("author", one::<AuthorFile>()),
        ("category", one::<CategoryFile>()),
        ("upcoming-events", one::<UpcomingEvents>()),
    ]
}

/// Which schema (a stem of [`schemas`]) an output file of the API
/// follows, given its path relative to the API folder (`news/page-2.json`).
/// `None` for the schema files themselves.
pub fn schema_for_path(relative: &str) -> Option<&'static str> {
    let (folder, file) = relative.rsplit_once('/')?;
    if folder == "schema" {
        return None;
    }
    Some(match (folder, file) {
        ("authors", _) => "author",
        ("categories", _) => "category",
        ("events", "upcoming.json") => "upcoming-events",
        (_, "index.json") => "collection-page",
        (_, f) if is_page_file(f) => "collection-page",
        _ => "document",
    })
}

fn is_page_file(file: &str) -> bool {
    file.strip_prefix("page-")
        .and_then(|r| r.strip_suffix(".json"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Serialises `value` as the API writes it: pretty, two-space indent, a
/// final newline, non-ASCII as UTF-8.
fn to_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    to_bytes_sized(value, 1024)
}

/// [`to_bytes`] into a buffer of `capacity` bytes to begin with: a
/// document's file is about its HTML and 2 KB, and a buffer grown from
/// nothing copies it several times on the way.
fn to_bytes_sized<T: Serialize>(value: &T, capacity: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(capacity);
    #[expect(
        clippy::expect_used,
        reason = "a Vec has no I/O errors, and the API shapes have string keys only \
                  (serde_json fails on others; it writes NaN and infinities as null)"
    )]
    serde_json::to_writer_pretty(&mut bytes, value).expect("API shapes serialise");
    bytes.push(b'\n');
    bytes
}

/// Makes a file of each of `items` on every core (`build` gives its path
/// and shape), serialises it there, and adds the files to `sink` in order.
fn add_built<I: Sync, T: Serialize>(
    sink: &mut Sink,
    items: &[I],
    build: impl Fn(&I) -> (String, T) + Sync,
) {
    let files: Vec<(String, Vec<u8>)> = items
        .par_iter()
        .map(|item| {
            let (path, file) = build(item);
            (path, to_bytes(&file))
        })
        .collect();
    for (path, bytes) in files {
        sink.add(&path, bytes, JSON);
    }
}

/// Each document's [`Summary`], made once (on every core) for the
/// listings that repeat it: indexes, authors and categories.
struct Summaries(HashMap<usize, Summary>);

impl Summaries {
    fn new(api: &Api<'_>, docs: &[&Document]) -> Self {
        Summaries(docs.par_iter().map(|d| (d.id.0, api.summary(d))).collect())
    }

    fn of(&self, api: &Api<'_>, doc: &Document) -> Summary {
        self.0
            .get(&doc.id.0)
            .cloned()
            .unwrap_or_else(|| api.summary(doc))
    }
}

/// Newest first, undated last; ties and undated ones by path.
fn newest_first(a: &Document, b: &Document) -> Ordering {
    match (&a.date, &b.date) {
        (Some(x), Some(y)) => y.cmp(x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.path.cmp(&b.path))
}

fn rfc3339(date: Option<&ResolvedDate>) -> Option<String> {
    date.map(ResolvedDate::to_rfc3339)
}

/// What every part of the render shares.
struct Api<'a> {
    site: &'a Site,
    dir: String,
    /// The file slug of each included document, by document index.
    slugs: HashMap<usize, String>,
    /// The file slug of each author document, by document index.
    author_slugs: HashMap<usize, String>,
    /// Author bios (first paragraph as text), by document index.
    bios: HashMap<usize, String>,
    options: MarkdownOptions,
}

impl Api<'_> {
    /// The absolute URL of `relative` inside the API folder.
    fn url(&self, relative: &str) -> String {
        masthead_render::absolute_url(self.site, &format!("/{}/{relative}", self.dir))
    }

    fn path(&self, relative: &str) -> String {
        format!("{}/{relative}", self.dir)
    }

    fn page_url(&self, doc: &Document) -> Option<String> {
        doc.output
            .as_ref()
            .map(|_| masthead_render::absolute_url(self.site, &doc.url))
    }

    fn doc_relative(&self, doc: &Document) -> String {
        format!("{}/{}.json", doc.collection, slug_of(&self.slugs, doc))
    }

    fn summary(&self, doc: &Document) -> Summary {
        Summary {
            collection: doc.collection.clone(),
            slug: slug_of(&self.slugs, doc).to_owned(),
            title: doc.title.clone(),
            url: self.page_url(doc),
            api: self.url(&self.doc_relative(doc)),
            date: rfc3339(doc.date.as_ref()),
            categories: doc.categories.clone(),
            author: doc
                .post()
                .and_then(|p| p.author.as_ref())
                .map(|a| self.author_name(a)),
        }
    }

    /// The author's name: the author entry's `name`, else as written.
    /// [`Api::author_link`] gives it too; summaries need only this.
    fn author_name(&self, a: &masthead_model::document::AuthorRef) -> String {
        a.author
            .and_then(|id| self.site.document(id))
            .and_then(|author| author.author())
            .and_then(|f| f.name.clone())
            .unwrap_or_else(|| a.name.clone())
    }

    fn author_link(&self, a: &masthead_model::document::AuthorRef) -> AuthorLink {
        let resolved = a.author.and_then(|id| self.site.document(id));
        match resolved {
            Some(author) => AuthorLink {
                name: self.author_name(a),
                url: self.page_url(author),
                api: self
                    .author_slugs
                    .get(&author.id.0)
                    .map(|s| self.url(&format!("authors/{s}.json"))),
                bio: self.bios.get(&author.id.0).cloned(),
            },
            None => AuthorLink {
                name: a.name.clone(),
                url: None,
                api: None,
                bio: None,
            },
        }
    }

    fn fields(&self, doc: &Document) -> Fields {
        match &doc.content {
            Content::Post(p) => Fields::Post(PostFields {
                excerpt: p.excerpt.clone(),
                image: p.image.clone(),
                image_alt: p.image_alt.clone(),
                video: p.video.clone(),
                link: p.link.clone(),
                end_date: rfc3339(p.end_date.as_ref()),
            }),
            Content::Event(e) => Fields::Event(EventFields {
                excerpt: e.post.excerpt.clone(),
                image: e.post.image.clone(),
                image_alt: e.post.image_alt.clone(),
                start: rfc3339(e.start.as_ref()),
                end: rfc3339(e.end.as_ref()),
                deadline: rfc3339(e.deadline.as_ref()),
                host: e.host.clone(),
                location: e.location.clone(),
                link: e.link.clone(),
                email: e.email.clone(),
                no_register: e.no_register.clone(),
            }),
            Content::Author(_) => Fields::Author(author_fields(doc)),
            Content::Document => Fields::Document,
        }
    }

    fn document_file(&self, doc: &Document, (html, toc): Body) -> DocumentFile {
        DocumentFile {
            collection: doc.collection.clone(),
            slug: slug_of(&self.slugs, doc).to_owned(),
            path: doc.path.clone(),
            url: self.page_url(doc),
            api: self.url(&self.doc_relative(doc)),
            title: doc.title.clone(),
            date: rfc3339(doc.date.as_ref()),
            categories: doc.categories.clone(),
            author: doc
                .post()
                .and_then(|p| p.author.as_ref())
                .map(|a| self.author_link(a)),
            fields: self.fields(doc),
            extra: doc.front_matter.extra().clone(),
            toc,
            html,
        }
    }
}

fn author_fields(doc: &Document) -> AuthorFields {
    let a = doc.author().cloned().unwrap_or_default();
    AuthorFields {
        name: a.name,
        role: a.role,
        email: a.email,
        project: a.project,
        region: a.region,
        archived: a.archived,
        image: a.image,
    }
}

/// A body as HTML, and its table of contents.
type Body = (String, Vec<TocItem>);

/// The body of `doc` as HTML, as the `html` renderer makes it (shared
/// with it through [`Bodies`]), and the table of contents of a Markdown
/// body; empty when the site has no text for it.
fn body_html(bodies: &Bodies<'_>, doc: &Document) -> Body {
    let Some(body) = bodies.get(doc) else {
        return Body::default();
    };
    let toc = body
        .toc
        .iter()
        .map(|e| TocItem {
            level: e.level,
            text: e.text.clone(),
            id: e.id.clone(),
        })
        .collect();
    let html = match body {
        Cow::Borrowed(b) => b.html.clone(),
        Cow::Owned(b) => b.html,
    };
    (html, toc)
}

/// Whether `slug` names a file the API writes itself in folder `group`
/// (`index`, `page-2`, and `upcoming` among events).
fn reserved(group: &str, slug: &str) -> bool {
    slug == "index"
        || is_page_file(&format!("{slug}.json"))
        || (group == "events" && slug == "upcoming")
}

/// `doc`'s file slug in `slugs` (made by [`unique_slugs`] from every
/// document the API writes); its own slug for another, which cannot happen.
fn slug_of<'a>(slugs: &'a HashMap<usize, String>, doc: &'a Document) -> &'a str {
    slugs
        .get(&doc.id.0)
        .map_or(doc.slug.as_str(), String::as_str)
}

/// Gives each document a file slug unique in its group: its own slug, else
/// (taken already, in path order, or the name of an index file) `slug-2`,
/// `slug-3`…
fn unique_slugs<'d>(docs: impl Iterator<Item = (&'d str, &'d Document)>) -> HashMap<usize, String> {
    let mut by_group: BTreeMap<&str, Vec<&Document>> = BTreeMap::new();
    for (group, doc) in docs {
        by_group.entry(group).or_default().push(doc);
    }
    let mut slugs = HashMap::new();
    for (group, mut docs) in by_group {
        docs.sort_by(|a, b| a.path.cmp(&b.path));
        let mut taken = std::collections::HashSet::new();
        for doc in docs {
            let base = if doc.slug.is_empty() {
                "untitled".to_string()
            } else {
                doc.slug.clone()
            };
            let mut slug = base.clone();
            let mut n = 2;
            while reserved(group, &slug) || !taken.insert(slug.clone()) {
                slug = format!("{base}-{n}");
                n += 1;
            }
            slugs.insert(doc.id.0, slug);
        }
    }
    slugs
}

impl Renderer for JsonRenderer {
    fn name(&self) -> &str {
        "json"
    }

    fn description(&self) -> &str {
        "a static JSON content API: paginated collection indexes, documents, authors, categories, upcoming events, and their JSON Schemas"
    }

    fn render(&self, cx: &RenderContext<'_>, sink: &mut Sink) {
        let mut settings: JsonSettings = cx.settings();
        if settings.page_size == 0 {
            cx.report(cx.config_diagnostic(
                "masthead.render.json.page_size",
                codes::BAD_SETTINGS,
                Severity::Error,
                "`masthead.render.json.page_size` must be at least 1; 50 is used".into(),
            ));
            settings.page_size = 50;
        }
        let site = cx.site();
        let dir = settings.dir.trim_matches('/').to_string();
        let dir = if dir.is_empty() { "api".into() } else { dir };

        let mut docs: Vec<&Document> = site
            .published()
            .filter(|d| d.redirect_to.is_none())
            .collect();
        docs.sort_by(|a, b| newest_first(a, b));

        let options = MarkdownOptions::for_site(site, settings.heading_ids, settings.sanitize);
        let authors: Vec<&Document> = docs
            .iter()
            .copied()
            .filter(|d| d.author().is_some())
            .collect();
        let bios = authors
            .par_iter()
            .filter_map(|a| {
                let source = site.sources.get(&a.path)?;
                let e = masthead_html::excerpt(a, a.body(source), &options)?;
                Some((a.id.0, e.text.trim().to_string()))
            })
            .collect();
        let api = Api {
            site,
            slugs: unique_slugs(docs.iter().map(|d| (d.collection.as_str(), *d))),
            author_slugs: unique_slugs(authors.iter().map(|d| ("", *d))),
            bios,
            dir,
            options,
        };

        let bodies = Bodies::new(cx, &api.options);
        // Bodies are the expensive part: render them on every core.
        let file = |d: &&Document| {
            let body = body_html(&bodies, d);
            let file = api.document_file(d, body);
            let span = d.spans.value_span("slug");
            let loaded = site.sources.contains_key(&d.path);
            let bytes = to_bytes_sized(&file, file.html.len() + 2048);
            (api.path(&api.doc_relative(d)), bytes, span, loaded)
        };
        cx.for_each_in_parallel(&docs, file, |doc, (path, bytes, span, loaded)| {
            if !loaded {
                cx.report(cx.document_diagnostic(
                    doc,
                    "",
                    codes::NO_SOURCE,
                    Severity::Error,
                    format!(
                        "the text of `{}` was not loaded; its `html` in the JSON API is empty",
                        doc.path
                    ),
                ));
            }
            sink.add_from(&doc.path, span, &path, bytes, JSON);
        });

        let summaries = Summaries::new(&api, &docs);
        self.indexes(&api, &summaries, &docs, settings.page_size, sink);
        self.authors(&api, &summaries, &docs, &authors, sink);
        self.categories(&api, &summaries, &docs, sink);
        self.upcoming(&api, sink);
        if settings.schemas {
            for (name, schema) in schemas() {
                sink.add(
                    &api.path(&format!("schema/{name}.schema.json")),
                    to_bytes(&schema),
                    "application/schema+json",
                );
            }
        }
    }
}

impl JsonRenderer {
    fn indexes(
        &self,
        api: &Api<'_>,
        summaries: &Summaries,
        docs: &[&Document],
        page_size: usize,
        sink: &mut Sink,
    ) {
        let members: Vec<(&str, Vec<&Document>)> = api
            .site
            .collections
            .iter()
            .map(|c| {
                let label = c.label.as_str();
                (
                    label,
                    docs.iter()
                        .copied()
                        .filter(|d| d.collection == label)
                        .collect(),
                )
            })
            .collect();
        // (collection, its documents, page number, page count)
        let mut pages = Vec::new();
        for (label, members) in &members {
            let count = members.len().div_ceil(page_size).max(1);
            pages.extend((1..=count).map(|page| (*label, members, page, count)));
        }
        let name = |label: &str, page: usize| {
            if page == 1 {
                format!("{label}/index.json")
            } else {
                format!("{label}/page-{page}.json")
            }
        };
        add_built(sink, &pages, |&(label, members, page, pages)| {
            let file = CollectionPage {
                collection: label.to_string(),
                page,
                pages,
                total: members.len(),
                items: members
                    .iter()
                    .skip((page - 1) * page_size)
                    .take(page_size)
                    .map(|d| summaries.of(api, d))
                    .collect(),
                next: (page < pages).then(|| api.url(&name(label, page + 1))),
                prev: (page > 1).then(|| api.url(&name(label, page - 1))),
            };
            (api.path(&name(label, page)), file)
        });
    }

    fn authors(
        &self,
        api: &Api<'_>,
        summaries: &Summaries,
        docs: &[&Document],
        authors: &[&Document],
        sink: &mut Sink,
    ) {
        let mut posts: HashMap<usize, Vec<&Document>> = HashMap::new();
        for d in docs {
            if let Some(id) = d
                .post()
                .and_then(|p| p.author.as_ref())
                .and_then(|a| a.author)
            {
                posts.entry(id.0).or_default().push(d);
            }
        }
        add_built(sink, authors, |a| {
            let slug = slug_of(&api.author_slugs, a).to_owned();
            let relative = format!("authors/{slug}.json");
            let fields = author_fields(a);
            let file = AuthorFile {
                name: fields.name.clone().or_else(|| a.title.clone()),
                url: api.page_url(a),
                api: api.url(&relative),
                bio: api.bios.get(&a.id.0).cloned(),
                fields,
                posts: posts
                    .get(&a.id.0)
                    .map(|ds| ds.iter().map(|d| summaries.of(api, d)).collect())
                    .unwrap_or_default(),
                slug,
            };
            (api.path(&relative), file)
        });
    }

    fn categories(
        &self,
        api: &Api<'_>,
        summaries: &Summaries,
        docs: &[&Document],
        sink: &mut Sink,
    ) {
        // slug → (name as first written, documents); documents in `docs` order.
        let mut categories: BTreeMap<String, (String, Vec<&Document>)> = BTreeMap::new();
        for d in docs {
            let mut seen = Vec::new();
            for c in &d.categories {
                let slug = slugify(c, SlugMode::Default, false);
                if slug.is_empty() || seen.contains(&slug) {
                    continue;
                }
                seen.push(slug.clone());
                categories
                    .entry(slug)
                    .or_insert_with(|| (c.clone(), Vec::new()))
                    .1
                    .push(d);
            }
        }
        let categories: Vec<_> = categories.into_iter().collect();
        add_built(sink, &categories, |(slug, (name, members))| {
            let page = api.site.category_page(name).filter(|p| p.is_published());
            let relative = format!("categories/{slug}.json");
            let file = CategoryFile {
                title: page.and_then(|p| p.title.clone()),
                url: page.and_then(|p| api.page_url(p)),
                api: api.url(&relative),
                documents: members.iter().map(|d| summaries.of(api, d)).collect(),
                name: name.clone(),
                slug: slug.clone(),
            };
            (api.path(&relative), file)
        });
    }

    fn upcoming(&self, api: &Api<'_>, sink: &mut Sink) {
        let site = api.site;
        let now = site.now.unwrap_or_else(Instant::now);
        let zone = site.timezone.clone().unwrap_or_else(TimeZone::utc);
        let events = site
            .upcoming_events(now)
            .into_iter()
            .filter(|d| d.redirect_to.is_none() && api.slugs.contains_key(&d.id.0))
            .filter_map(|d| {
                let e = d.event()?;
                let start = e.start.as_ref()?;
                (start.instant() > now).then(|| EventSummary {
                    summary: api.summary(d),
                    start: start.to_rfc3339(),
                    end: rfc3339(e.end.as_ref()),
                    deadline: rfc3339(e.deadline.as_ref()),
                    location: e.location.clone(),
                    link: e.link.clone(),
                })
            })
            .collect();
        let file = UpcomingEvents {
            as_of: {
                let day = now.in_zone(&zone).local();
                format!("{:04}-{:02}-{:02}", day.year, day.month, day.day)
            },
            events,
        };
        sink.add(&api.path("events/upcoming.json"), to_bytes(&file), JSON);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_of_each_path() {
        assert_eq!(schema_for_path("news/index.json"), Some("collection-page"));
        assert_eq!(
            schema_for_path("news/page-12.json"),
            Some("collection-page")
        );
        assert_eq!(schema_for_path("news/page-x.json"), Some("document"));
        assert_eq!(schema_for_path("news/q-and-a.json"), Some("document"));
        assert_eq!(schema_for_path("authors/zoe.json"), Some("author"));
        assert_eq!(schema_for_path("categories/pride.json"), Some("category"));
        assert_eq!(
            schema_for_path("events/upcoming.json"),
            Some("upcoming-events")
        );
        assert_eq!(schema_for_path("events/summit.json"), Some("document"));
        assert_eq!(schema_for_path("schema/document.schema.json"), None);
    }

    #[test]
    fn empty_site_has_one_empty_page_per_collection_and_the_schemas() {
        let mut site = Site::default();
        site.collections.push(masthead_model::site::Collection {
            label: "news".into(),
            dir: "_news".into(),
            output: true,
            permalink: "/news/:title/".into(),
            doc_type: masthead_model::config::DocumentType::Post,
            declared: true,
        });
        let run = masthead_render::render_site(&site, &[&JsonRenderer]);
        assert!(run.diagnostics.is_empty(), "{:?}", run.diagnostics);
        let index: CollectionPage =
            serde_json::from_slice(&run.sink.get("api/news/index.json").unwrap().bytes).unwrap();
        assert_eq!((index.page, index.pages, index.total), (1, 1, 0));
        assert_eq!((index.next, index.prev), (None, None));
        for (name, _) in schemas() {
            assert!(
                run.sink
                    .get(&format!("api/schema/{name}.schema.json"))
                    .is_some()
            );
        }
    }
}
