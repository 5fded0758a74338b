//! The `feeds` renderer: Atom, RSS 2.0 and JSON Feed 1.1.
//!
//! One set of three feeds for the site's posts (every collection of type
//! `post`, merged), and one set for each collection and category named in
//! `masthead.render.feeds` (see [`FeedsSettings`]). Entries are the newest
//! published, dated documents, newest first, up to `limit`.
//!
//! No XML is written by hand: Atom goes through `atom_syndication`, RSS
//! through `rss` and JSON Feed through `serde_json`, so every title, excerpt
//! and URL is escaped by the serializer of its format. Dates are RFC 3339
//! in the site's time zone (RFC 2822 in RSS, as RSS requires) and come from
//! the documents, never from the clock, so the output is reproducible.
//!
//! ```
//! use masthead_feeds::FeedsRenderer;
//! use masthead_model::site::Site;
//! use masthead_render::render_site;
//!
//! let site = Site::default();
//! let run = render_site(&site, &[&FeedsRenderer]);
//! let atom = run.sink.get("feed.xml").unwrap();
//! assert!(std::str::from_utf8(&atom.bytes).unwrap().contains("<feed"));
//! ```

#![deny(clippy::print_stdout, clippy::print_stderr)]

use atom_syndication as atom;
use masthead_diagnostics::Severity;
use masthead_html::{Bodies, MarkdownOptions};
use masthead_model::config::DocumentType;
use masthead_model::date::ResolvedDate;
use masthead_model::document::Document;
use masthead_model::site::Site;
use masthead_model::slug::{SlugMode, slugify};
use masthead_render::{RenderContext, Renderer, Sink, absolute_url, codes};
use serde::Deserialize;
use serde_json::json;

/// Diagnostic codes of the `feeds` renderer (docs/rendering.md lists them).
pub mod feed_codes {
    /// `masthead.render.feeds.collections` names a collection the site does not have.
    pub const UNKNOWN_COLLECTION: &str = "RND030";
    /// A feed names a category no published, dated document has.
    pub const EMPTY_CATEGORY: &str = "RND031";
}

/// The JSON Feed version URL written in every `feed.json`.
pub const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";

/// `masthead.render.feeds` in `_config.yml`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct FeedsSettings {
    /// Write the site-wide feeds of every `post` collection (`feed.xml`,
    /// `rss.xml`, `feed.json` at the root).
    pub posts: bool,
    /// Collections with their own feeds (`<label>/feed.xml`…). Absent:
    /// every collection of type `post` that has documents.
    pub collections: Option<Vec<String>>,
    /// Categories with their own feeds (`categories/<slug>/feed.xml`…).
    pub categories: Vec<String>,
    /// Entries per feed, newest first; 0 for all.
    pub limit: usize,
    /// Write Atom (`feed.xml`).
    pub atom: bool,
    /// Write RSS 2.0 (`rss.xml`).
    pub rss: bool,
    /// Write JSON Feed 1.1 (`feed.json`).
    pub json: bool,
    /// Clean raw HTML in entry content with the allow-list sanitizer.
    pub sanitize: bool,
}

impl Default for FeedsSettings {
    fn default() -> Self {
        FeedsSettings {
            posts: true,
            collections: None,
            categories: Vec::new(),
            limit: 20,
            atom: true,
            rss: true,
            json: true,
            sanitize: false,
        }
    }
}

/// The feeds renderer; its settings are [`FeedsSettings`].
#[derive(Clone, Copy, Debug, Default)]
pub struct FeedsRenderer;

/// One feed before it is written in any format: what the three writers share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedData {
    /// Folder the files go in (`""` for the root, `news/`, `categories/pride/`).
    pub dir: String,
    /// Feed title.
    pub title: String,
    /// The site's home page (absolute).
    pub home_page_url: String,
    /// Newest entry's date, RFC 3339 (the Unix epoch for an empty feed).
    pub updated: String,
    /// The site's title, the feed-level author.
    pub site_author: String,
    /// Entries, newest first.
    pub entries: Vec<EntryData>,
}

/// One feed entry, format-neutral.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryData {
    /// Title (the slug when the document has none).
    pub title: String,
    /// Absolute URL of the document.
    pub url: String,
    /// Stable id: a `tag:` URI from the site's host, the document's day and
    /// its source path, so it survives permalink changes.
    pub id: String,
    /// Publication date, RFC 3339 in the site's time zone.
    pub published: String,
    /// Last update, RFC 3339 (`last_modified_at` when set, else `published`).
    pub updated: String,
    /// The author's resolved name.
    pub author: Option<String>,
    /// Plain-text excerpt.
    pub summary: Option<String>,
    /// The body as HTML.
    pub content_html: String,
    /// Categories as written.
    pub categories: Vec<String>,
}

const EPOCH: &str = "1970-01-01T00:00:00+00:00";

impl Renderer for FeedsRenderer {
    fn name(&self) -> &str {
        "feeds"
    }

    fn description(&self) -> &str {
        "Atom, RSS 2.0 and JSON Feed 1.1 for posts and configured collections and categories"
    }

    fn render(&self, cx: &RenderContext<'_>, sink: &mut Sink) {
        let settings: FeedsSettings = cx.settings();
        let site = cx.site();
        // Anchor links inside headings mean nothing in a feed reader.
        let bodies = Bodies::new(
            cx,
            &MarkdownOptions::for_site(site, false, settings.sanitize),
        );
        let site_title = site
            .config
            .title
            .clone()
            .unwrap_or_else(|| "masthead".to_string());
        let post_collections: Vec<&str> = site
            .collections
            .iter()
            .filter(|c| c.doc_type == DocumentType::Post)
            .map(|c| c.label.as_str())
            .collect();

        let mut feeds = Vec::new();
        if settings.posts {
            let docs = site
                .published()
                .filter(|d| post_collections.contains(&d.collection.as_str()));
            feeds.push(build(
                cx,
                &bodies,
                "",
                site_title.clone(),
                docs,
                settings.limit,
            ));
        }
        let collections: Vec<String> = match &settings.collections {
            Some(list) => list.clone(),
            // By default only the post collections that have documents.
            None => post_collections
                .iter()
                .filter(|label| site.by_collection(label).next().is_some())
                .map(|s| s.to_string())
                .collect(),
        };
        for (i, label) in collections.iter().enumerate() {
            if !site.collections.iter().any(|c| &c.label == label) {
                cx.report(
                    cx.config_diagnostic(
                        &format!("masthead.render.feeds.collections[{i}]"),
                        feed_codes::UNKNOWN_COLLECTION,
                        Severity::Warning,
                        format!("there is no collection `{label}`; it has no feed"),
                    )
                    .with_help("name a collection from `collections:` in _config.yml"),
                );
                continue;
            }
            let docs = site.published().filter(|d| &d.collection == label);
            let title = format!("{site_title}: {label}");
            feeds.push(build(
                cx,
                &bodies,
                &format!("{label}/"),
                title,
                docs,
                settings.limit,
            ));
        }
        for (i, category) in settings.categories.iter().enumerate() {
            let slug = slugify(category, SlugMode::parse("default"), false);
            let docs = site.published().filter(|d| {
                d.categories.iter().any(|c| {
                    c.eq_ignore_ascii_case(category)
                        || slugify(c, SlugMode::parse("default"), false) == slug
                })
            });
            let title = format!("{site_title}: {category}");
            let feed = build(
                cx,
                &bodies,
                &format!("categories/{slug}/"),
                title,
                docs,
                settings.limit,
            );
            if feed.entries.is_empty() {
                cx.report(cx.config_diagnostic(
                    &format!("masthead.render.feeds.categories[{i}]"),
                    feed_codes::EMPTY_CATEGORY,
                    Severity::Warning,
                    format!("no published, dated document has the category `{category}`; its feed is empty"),
                ));
            }
            feeds.push(feed);
        }

        for feed in &feeds {
            if settings.atom {
                sink.add(
                    &format!("{}feed.xml", feed.dir),
                    atom_xml(site, feed),
                    "application/atom+xml",
                );
            }
            if settings.rss {
                sink.add(
                    &format!("{}rss.xml", feed.dir),
                    rss_xml(feed),
                    "application/rss+xml",
                );
            }
            if settings.json {
                sink.add(
                    &format!("{}feed.json", feed.dir),
                    json_feed(site, feed),
                    "application/feed+json",
                );
            }
        }
    }
}

/// Gathers a feed's entries from `docs`: dated documents with an output
/// page and no `redirect_to`, newest first (ties by path), at most `limit`.
fn build<'a>(
    cx: &RenderContext<'_>,
    bodies: &Bodies<'_>,
    dir: &str,
    title: String,
    docs: impl Iterator<Item = &'a Document>,
    limit: usize,
) -> FeedData {
    let site = cx.site();
    let mut docs: Vec<&Document> = docs
        .filter(|d| d.date.is_some() && d.output.is_some() && d.redirect_to.is_none())
        .collect();
    docs.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)));
    if limit > 0 {
        docs.truncate(limit);
    }
    let entries: Vec<EntryData> = docs
        .into_iter()
        .filter_map(|d| entry(cx, bodies, d))
        .collect();
    let updated = entries
        .iter()
        .map(|e| e.updated.as_str())
        .max_by(|a, b| rfc3339(a).cmp(&rfc3339(b)))
        .unwrap_or(EPOCH)
        .to_string();
    FeedData {
        dir: dir.to_string(),
        title,
        home_page_url: absolute_url(site, "/"),
        updated,
        site_author: site
            .config
            .title
            .clone()
            .unwrap_or_else(|| "masthead".into()),
        entries,
    }
}

fn entry(cx: &RenderContext<'_>, bodies: &Bodies<'_>, doc: &Document) -> Option<EntryData> {
    let site = cx.site();
    let date = doc.date.as_ref()?;
    let Some(source) = site.sources.get(&doc.path) else {
        cx.report(cx.document_diagnostic(
            doc,
            "",
            codes::NO_SOURCE,
            Severity::Error,
            format!(
                "the text of `{}` was not loaded; it has no feed entry",
                doc.path
            ),
        ));
        return None;
    };
    let body = doc.body(source);
    let content_html = bodies.get(doc).map(|b| b.html.clone()).unwrap_or_default();
    let summary = masthead_html::excerpt(doc, body, bodies.options()).map(|e| e.text);
    let published = date.to_rfc3339();
    let updated = last_modified(doc).unwrap_or_else(|| published.clone());
    Some(EntryData {
        title: doc.title.clone().unwrap_or_else(|| doc.slug.clone()),
        url: absolute_url(site, &doc.url),
        id: entry_id(site, doc, date),
        published,
        updated,
        author: author_name(site, doc),
        summary,
        content_html,
        categories: doc.categories.clone(),
    })
}

/// `last_modified_at` from the front matter, when it is a quoted RFC 3339
/// time with an offset (anything else is ignored and `published` is used).
fn last_modified(doc: &Document) -> Option<String> {
    let written = doc.data.get("last_modified_at")?.as_str()?;
    let parsed = atom::FixedDateTime::parse_from_rfc3339(written.trim()).ok()?;
    Some(parsed.to_rfc3339())
}

/// The resolved author's name: the author document's `person-name` when
/// `author:` names one, else the name as written (normalised).
pub fn author_name(site: &Site, doc: &Document) -> Option<String> {
    let author = doc.post()?.author.as_ref()?;
    let resolved = author
        .author
        .and_then(|id| site.document(id))
        .and_then(|d| d.author())
        .and_then(|a| a.name.clone());
    let name = resolved.unwrap_or_else(|| author.name.clone());
    (!name.is_empty()).then_some(name)
}

/// A stable entry id: `tag:<host>,<YYYY-MM-DD>:<source path>` (RFC 4151)
/// when the site has a `url`, else `urn:masthead:<source path>`. Characters
/// a URI cannot hold are percent-encoded.
pub fn entry_id(site: &Site, doc: &Document, date: &ResolvedDate) -> String {
    let path = percent_encode(&doc.path);
    match site_host(site) {
        Some(host) => format!("tag:{host},{}:{path}", date.date_string()),
        None => format!("urn:masthead:{path}"),
    }
}

/// The host of the site's `url` (`www.example.org`), when it has one.
pub fn site_host(site: &Site) -> Option<String> {
    let url = site.config.url.as_deref()?.trim();
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn rfc3339(s: &str) -> atom::FixedDateTime {
    atom::FixedDateTime::parse_from_rfc3339(s).unwrap_or_default()
}

fn feed_url(site: &Site, feed: &FeedData, file: &str) -> String {
    absolute_url(site, &format!("/{}{file}", feed.dir))
}

/// The Atom feed's id: its absolute URL, or `urn:masthead:feed:<path>`
/// when the site has no `url` (an Atom id must be an absolute IRI).
fn feed_id(site: &Site, feed: &FeedData) -> String {
    match site_host(site) {
        Some(_) => feed_url(site, feed, "feed.xml"),
        None => format!(
            "urn:masthead:feed:{}",
            percent_encode(&format!("{}feed.xml", feed.dir))
        ),
    }
}

/// The feed as Atom (RFC 4287), serialized by `atom_syndication`.
pub fn atom_xml(site: &Site, feed: &FeedData) -> Vec<u8> {
    let person = |name: &str| atom::Person {
        name: name.to_string(),
        ..Default::default()
    };
    let link = |href: String, rel: &str, mime: &str| atom::Link {
        href,
        rel: rel.to_string(),
        mime_type: Some(mime.to_string()),
        ..Default::default()
    };
    let entries = feed
        .entries
        .iter()
        .map(|e| atom::Entry {
            title: atom::Text::plain(e.title.clone()),
            id: e.id.clone(),
            updated: rfc3339(&e.updated),
            published: Some(rfc3339(&e.published)),
            authors: e.author.as_deref().map(person).into_iter().collect(),
            links: vec![link(e.url.clone(), "alternate", "text/html")],
            summary: e.summary.clone().map(atom::Text::plain),
            content: Some(atom::Content {
                value: Some(e.content_html.clone()),
                content_type: Some("html".into()),
                ..Default::default()
            }),
            categories: e
                .categories
                .iter()
                .map(|c| atom::Category {
                    term: c.clone(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        })
        .collect();
    let out = atom::Feed {
        title: atom::Text::plain(feed.title.clone()),
        id: feed_id(site, feed),
        updated: rfc3339(&feed.updated),
        authors: vec![person(&feed.site_author)],
        links: vec![
            link(
                feed_url(site, feed, "feed.xml"),
                "self",
                "application/atom+xml",
            ),
            link(feed.home_page_url.clone(), "alternate", "text/html"),
        ],
        generator: Some(atom::Generator {
            value: "masthead".into(),
            ..Default::default()
        }),
        entries,
        ..Default::default()
    };
    let config = atom::WriteConfig {
        write_document_declaration: true,
        indent_size: Some(2),
    };
    #[expect(
        clippy::expect_used,
        reason = "the writer fails on I/O errors only, and a Vec has none"
    )]
    let mut bytes = out
        .write_with_config(Vec::new(), config)
        .expect("writing to memory cannot fail");
    bytes.push(b'\n');
    bytes
}

/// The feed as RSS 2.0, serialized by `rss`: `pubDate` in RFC 2822 (in the
/// site's zone), the body in `content:encoded`, the author in `dc:creator`
/// (RSS's own `author` must be an email address).
pub fn rss_xml(feed: &FeedData) -> Vec<u8> {
    let items = feed
        .entries
        .iter()
        .map(|e| rss::Item {
            title: Some(e.title.clone()),
            link: Some(e.url.clone()),
            description: e.summary.clone(),
            guid: Some(rss::Guid {
                value: e.id.clone(),
                permalink: false,
            }),
            pub_date: Some(rfc3339(&e.published).to_rfc2822()),
            content: Some(e.content_html.clone()),
            dublin_core_ext: e.author.as_ref().map(|a| {
                rss::extension::dublincore::DublinCoreExtension {
                    creators: vec![a.clone()],
                    ..Default::default()
                }
            }),
            categories: e
                .categories
                .iter()
                .map(|c| rss::Category {
                    name: c.clone(),
                    domain: None,
                })
                .collect(),
            ..Default::default()
        })
        .collect();
    let channel = rss::Channel {
        title: feed.title.clone(),
        link: feed.home_page_url.clone(),
        description: feed.title.clone(),
        last_build_date: Some(rfc3339(&feed.updated).to_rfc2822()),
        generator: Some("masthead".into()),
        items,
        ..Default::default()
    };
    #[expect(
        clippy::expect_used,
        reason = "the writer fails on I/O errors only, and a Vec has none"
    )]
    let mut bytes = channel
        .pretty_write_to(Vec::new(), b' ', 2)
        .expect("writing to memory cannot fail");
    bytes.push(b'\n');
    bytes
}

/// The feed as JSON Feed 1.1, serialized by `serde_json` (pretty, keys in
/// the spec's order, a final newline).
pub fn json_feed(site: &Site, feed: &FeedData) -> Vec<u8> {
    let items: Vec<serde_json::Value> = feed
        .entries
        .iter()
        .map(|e| {
            let mut item = json!({
                "id": e.id,
                "url": e.url,
                "title": e.title,
                "content_html": e.content_html,
            });
            if let Some(map) = item.as_object_mut() {
                if let Some(summary) = &e.summary {
                    map.insert("summary".into(), summary.clone().into());
                }
                map.insert("date_published".into(), e.published.clone().into());
                map.insert("date_modified".into(), e.updated.clone().into());
                if let Some(author) = &e.author {
                    map.insert("authors".into(), json!([{ "name": author }]));
                }
                if !e.categories.is_empty() {
                    map.insert("tags".into(), json!(e.categories));
                }
            }
            item
        })
        .collect();
    let mut value = json!({
        "version": JSON_FEED_VERSION,
        "title": feed.title,
    });
    if let Some(map) = value.as_object_mut() {
        // Both must be absolute URLs: left out when the site has no `url`.
        if site_host(site).is_some() {
            map.insert("home_page_url".into(), feed.home_page_url.clone().into());
            map.insert("feed_url".into(), feed_url(site, feed, "feed.json").into());
        }
        map.insert("authors".into(), json!([{ "name": feed.site_author }]));
        map.insert("items".into(), items.into());
    }
    #[expect(
        clippy::expect_used,
        reason = "a JSON value serialises: its keys are strings, and a Vec has no I/O errors"
    )]
    let mut bytes = serde_json::to_vec_pretty(&value).expect("JSON values serialise");
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_host_is_read_from_the_url() {
        let mut site = Site::default();
        assert_eq!(site_host(&site), None);
        site.config.url = Some("https://user@WWW.Example.org:8080/x/".into());
        assert_eq!(site_host(&site).as_deref(), Some("www.example.org"));
    }

    #[test]
    fn ids_percent_encode_what_a_uri_cannot_hold() {
        assert_eq!(percent_encode("_news/a b/é.md"), "_news/a%20b/%C3%A9.md");
    }

    #[test]
    fn an_empty_site_still_writes_valid_feeds() {
        let site = Site::default();
        let run = masthead_render::render_site(&site, &[&FeedsRenderer]);
        let feed = atom::Feed::read_from(&run.sink.get("feed.xml").unwrap().bytes[..]).unwrap();
        assert!(feed.entries.is_empty());
        assert_eq!(feed.updated.to_rfc3339(), EPOCH);
        let channel = rss::Channel::read_from(&run.sink.get("rss.xml").unwrap().bytes[..]).unwrap();
        assert!(channel.items.is_empty());
        let json: serde_json::Value =
            serde_json::from_slice(&run.sink.get("feed.json").unwrap().bytes).unwrap();
        assert_eq!(json["version"], JSON_FEED_VERSION);
        assert_eq!(json["items"], serde_json::json!([]));
        // No `url`: ids are URNs and JSON Feed leaves out the relative URLs.
        assert_eq!(feed.id, "urn:masthead:feed:feed.xml");
        assert!(json.get("home_page_url").is_none() && json.get("feed_url").is_none());
    }

    #[test]
    fn bad_settings_are_reported_and_defaults_used() {
        let settings: Result<FeedsSettings, _> =
            serde_json::from_value(serde_json::json!({ "limt": 3 }));
        assert!(settings.is_err());
        let settings: FeedsSettings =
            serde_json::from_value(serde_json::json!({ "limit": 3 })).unwrap();
        assert_eq!(settings.limit, 3);
        assert!(settings.atom && settings.rss && settings.json && settings.posts);
    }
}
