//! The loader on the variants of real files (CONTENT-MODEL "What real files
//! look like"): each test asserts the typed value, or the exact line:column
//! of the recorded problem.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead::diagnostics::{Diagnostic, LineIndex, Severity};
use masthead::model::config::DocumentType;
use masthead::model::date::{DateSource, Instant};
use masthead::model::document::{Document, Publication};
use masthead::model::frontmatter::{FrontMatter, OneOrMany, Region, Role};
use masthead::model::site::Site;
use masthead::model::{KeyPath, Value};
use masthead::{LoadOptions, load_site};

const CONFIG: &str = "title: Civic Staff LGBT+ Network\ntimezone: Europe/London\nurl: https://www.example.org\ncollections:\n  news:\n    output: true\n    permalink: /news/:year/:month/:day/:title\n  events:\n    output: true\n  team:\n    output: true\n    permalink: /team/:title/\n  topics:\n    output: true\ndefaults:\n  - scope: {type: news}\n    values: {layout: news}\n";

/// The 2021-11-22 news post's exact shape (own text): comment line with a
/// trailing space, blank line, double-quoted excerpt closing in column 1,
/// `category: ` with a trailing space, commented-out toggles.
const SEED_1122: &str = "---\n# Adding or removing a '#' in front of a line will toggle that information off and on from being processed. \n\nlayout: news\ntitle: \"Relaunching the network chairs forum\"\nexcerpt: \"Our chairs forum is a quarterly chance for people who lead departmental networks to discuss issues affecting LGBT+ staff.\n\"\ndate: 2021-11-22\nauthor: \"Alex Morgan\"\ncategory: \n- network-chairs\nimage: \"https://www.example.org/images/store/chairs-forum/logo.png\"\n# video: \"\"\npermalink: /news/2021/11/22/relaunching-the-network-chairs-forum\n# redirect_from: \n# - \n# redirect_to: \n# - \n---\n\nThe **Civic Staff LGBT+ Network** is a network of networks – every organisation is different.\n\nIf you have an item, please [email me directly](mailto:alex.morgan@example.org). See [our events page](/events). \n";

/// The 2021-12-14 news post's shape: an instant with `Z`, categories and
/// image commented out.
const SEED_1214: &str = "---\n# Adding or removing a '#' in front of a line will toggle that information off and on from being processed. \n\nlayout: news\ntitle: \"A conference for LGBT+ civic servants\"\nexcerpt: \"Learn more about our plans for a development and workplace inclusion conference in 2022\"\ndate: 2021-12-14T00:00:00.00Z\nauthor: \"Sam Okafor\"\n# category: \n# - \n# image: \"\"\n# video: \"\"\npermalink: /news/2021/12/14/a-conference-for-lgbt-civic-servants\n# redirect_from: \n# - \n# redirect_to: \n# - \n---\n\nThat’s why we’re holding a conference. Get in touch at <sam.okafor@example.org>.\n\n## What’s next? \n";

const AUTHOR: &str = "---\nperson-name: Alex Morgan\nrole: chair\nemail: alex.morgan@example.org\nregion: null\narchive: \"false\"\n---\n\nAlex chairs the network.\n";

struct Loaded {
    _dir: tempfile::TempDir,
    site: Site,
}

fn load(files: &[(&str, &str)]) -> Loaded {
    load_with(CONFIG, files)
}

fn load_with(config: &str, files: &[(&str, &str)]) -> Loaded {
    load_bytes(
        config,
        &files
            .iter()
            .map(|(p, t)| (*p, t.as_bytes()))
            .collect::<Vec<_>>(),
    )
}

/// A temporary site folder holding `_config.yml` and `files`.
fn write_site(config: &str, files: &[(&str, impl AsRef<[u8]>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("_config.yml"), config).unwrap();
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    dir
}

fn load_bytes(config: &str, files: &[(&str, &[u8])]) -> Loaded {
    let dir = write_site(config, files);
    let now = Instant::parse("2026-11-22T12:00:00Z").unwrap();
    let site = load_site(dir.path(), &LoadOptions::default().with_now(now)).unwrap();
    Loaded { _dir: dir, site }
}

impl Loaded {
    fn doc(&self, path: &str) -> &Document {
        self.site
            .by_path(path)
            .unwrap_or_else(|| panic!("no document {path}"))
    }

    /// The diagnostics with `code` in `file`, as `(line, column)` of their primary span.
    fn at(&self, code: &str, file: &str) -> Vec<(usize, usize)> {
        self.with_code(code, file)
            .iter()
            .map(|d| {
                let text = &self.site.sources[file];
                let span = d.primary.as_ref().expect("primary span").span;
                LineIndex::new(text).line_col(text, span.start)
            })
            .collect()
    }

    fn with_code(&self, code: &str, file: &str) -> Vec<&Diagnostic> {
        self.site
            .diagnostics
            .iter()
            .filter(|d| d.code == code && d.file.as_deref() == Some(file))
            .collect()
    }

    fn codes<'a>(&'a self, file: &'a str) -> Vec<&'a str> {
        self.site
            .diagnostics_for(file)
            .map(|d| d.code.as_ref())
            .collect()
    }
}

fn post_fm(doc: &Document) -> &masthead::model::frontmatter::PostFrontMatter {
    match &doc.front_matter {
        FrontMatter::Post(f) => f,
        other => panic!("not a post: {other:?}"),
    }
}

#[test]
fn seed_1122_loads_with_every_field_typed() {
    let path = "_news/2021-11-22-relaunching-the-network-chairs-forum.md";
    let l = load(&[(path, SEED_1122), ("_team/alex-morgan.md", AUTHOR)]);
    let doc = l.doc(path);
    let fm = post_fm(doc);
    assert_eq!(doc.doc_type, DocumentType::Post);
    assert_eq!(fm.layout.as_deref(), Some("news"));
    assert_eq!(
        fm.title.as_deref(),
        Some("Relaunching the network chairs forum")
    );
    // The line break before the closing quote folds into one trailing space, kept as Jekyll keeps it.
    assert_eq!(
        fm.excerpt.as_deref(),
        Some(
            "Our chairs forum is a quarterly chance for people who lead departmental networks to discuss issues affecting LGBT+ staff. "
        )
    );
    assert_eq!(fm.date.as_ref().unwrap().written(), "2021-11-22");
    assert_eq!(fm.author.as_deref(), Some("Alex Morgan"));
    assert_eq!(
        fm.category,
        Some(OneOrMany::Many(vec!["network-chairs".into()]))
    );
    assert_eq!(
        fm.image.as_deref(),
        Some("https://www.example.org/images/store/chairs-forum/logo.png")
    );
    assert_eq!(fm.video, None, "commented out");
    assert_eq!(fm.redirect_from, None, "commented out");
    assert!(fm.extra.is_empty(), "{:?}", fm.extra);
    assert_eq!(
        doc.url,
        "/news/2021/11/22/relaunching-the-network-chairs-forum"
    );
    assert_eq!(
        doc.output.as_deref(),
        Some("news/2021/11/22/relaunching-the-network-chairs-forum.html")
    );
    assert_eq!(
        doc.date.as_ref().unwrap().to_rfc3339(),
        "2021-11-22T00:00:00+00:00"
    );
    assert_eq!(doc.date_source, DateSource::FrontMatter);
    assert_eq!(doc.categories, ["network-chairs"]);
    assert_eq!(doc.publication, Publication::Published);
    let author = doc.post().unwrap().author.as_ref().unwrap();
    assert_eq!(author.author, Some(l.doc("_team/alex-morgan.md").id));
    assert_eq!(doc.data.get("layout"), Some(&Value::String("news".into())));
    // The one problem: the folded trailing space, at line 6 (the excerpt's opening quote).
    assert_eq!(l.codes(path), ["FM005"]);
    assert_eq!(l.at("FM005", path), [(6, 10)]);
    let d = l.with_code("FM005", path)[0];
    assert!(
        d.help.as_deref().unwrap().contains("closing \""),
        "{:?}",
        d.help
    );
    // Body starts after the closing fence and is kept byte for byte.
    let body = doc.body(&l.site.sources[path]);
    assert!(body.starts_with("\nThe **Civic Staff LGBT+ Network**"));
    assert!(body.ends_with("See [our events page](/events). \n"));
}

#[test]
fn seed_1214_instant_with_z_resolves_in_the_site_zone() {
    let path = "_news/2021-12-14-a-conference-for-lgbt-civic-servants.md";
    let l = load(&[(path, SEED_1214)]);
    let doc = l.doc(path);
    let fm = post_fm(doc);
    assert_eq!(
        fm.date.as_ref().unwrap().written(),
        "2021-12-14T00:00:00.00Z"
    );
    assert_eq!(
        doc.date.as_ref().unwrap().to_rfc3339(),
        "2021-12-14T00:00:00+00:00"
    );
    assert_eq!(fm.category, None);
    assert_eq!(fm.image, None);
    assert_eq!(fm.author.as_deref(), Some("Sam Okafor"));
    assert!(doc.categories.is_empty());
    assert!(l.codes(path).is_empty(), "{:?}", l.codes(path));
}

#[test]
fn tabs_after_keys_and_inside_values() {
    let path = "_news/2022-01-01-tabs.md";
    let text = "---\ntitle:\t\"Tabbed title\"\nauthor: \tAlex\tMorgan \nlayout:\tnews\n---\nBody\n";
    let l = load(&[(path, text), ("_team/alex-morgan.md", AUTHOR)]);
    let doc = l.doc(path);
    assert_eq!(doc.title.as_deref(), Some("Tabbed title"));
    let author = doc.post().unwrap().author.as_ref().unwrap();
    assert_eq!(author.written, "Alex\tMorgan");
    assert_eq!(author.name, "Alex Morgan");
    assert!(
        author.author.is_some(),
        "tab inside the name still resolves"
    );
    assert!(l.codes(path).is_empty(), "{:?}", l.codes(path));
}

#[test]
fn tab_indentation_is_a_yaml_error_at_the_tab() {
    let path = "_news/2022-01-02-tab-indent.md";
    let text = "---\ntitle: Tabs\ncategory:\n\t- pride\n---\n";
    let l = load(&[(path, text)]);
    assert_eq!(l.at("FM001", path), [(4, 1)]);
    let d = l.with_code("FM001", path)[0];
    assert_eq!(
        d.help.as_deref(),
        Some("YAML does not allow tabs for indentation; indent with spaces")
    );
    // Reported once: no missing-title on top of the syntax error.
    assert_eq!(l.codes(path), ["FM001"]);
    // Like Jekyll, the document is still there, with no front matter.
    assert_eq!(l.doc(path).title, None);
}

#[test]
fn duplicate_keys_last_wins_and_both_positions_are_reported() {
    let path = "_news/2022-01-03-dup.md";
    let text = "---\ntitle: First\nlayout: news\ntitle: Second\nauthor: A\nauthor: A\n---\n";
    let l = load(&[(path, text)]);
    assert_eq!(l.doc(path).title.as_deref(), Some("Second"));
    let dups = l.with_code("FM004", path);
    assert_eq!(l.at("FM004", path), [(4, 1), (6, 1)]);
    assert_eq!(dups[0].severity, Severity::Error, "values differ");
    assert_eq!(dups[1].severity, Severity::Warning, "same value");
    let text_ = &l.site.sources[path];
    let first = dups[0].labels[0].span.start;
    assert_eq!(LineIndex::new(text_).line_col(text_, first), (2, 1));
}

#[test]
fn quoted_and_unquoted_dates() {
    let quoted = "_news/2018-11-15-quoted.md";
    let zoneless_plain = "_news/2021-11-22-plain.md";
    let zoneless_quoted = "_news/2021-11-22-quoted-time.md";
    let offset = "_news/2021-11-22-offset.md";
    let l = load(&[
        (quoted, "---\ntitle: Q\ndate: '2018-11-15'\n---\n"),
        (
            zoneless_plain,
            "---\ntitle: P\ndate: 2021-06-22 10:00:00\n---\n",
        ),
        (
            zoneless_quoted,
            "---\ntitle: P\ndate: \"2021-06-22 10:00:00\"\n---\n",
        ),
        (
            offset,
            "---\ntitle: O\ndate: 2021-11-22 10:00:00 +0100\n---\n",
        ),
    ]);
    let rfc = |p: &str| l.doc(p).date.as_ref().unwrap().to_rfc3339();
    assert_eq!(rfc(quoted), "2018-11-15T00:00:00+00:00");
    // Unquoted: a YAML timestamp, which Psych reads as UTC; 11:00 in London (BST).
    assert_eq!(rfc(zoneless_plain), "2021-06-22T11:00:00+01:00");
    // Quoted: a string, read as wall-clock time in the site zone.
    assert_eq!(rfc(zoneless_quoted), "2021-06-22T10:00:00+01:00");
    assert_eq!(rfc(offset), "2021-11-22T09:00:00+00:00");
    assert_eq!(l.doc(quoted).date_source, DateSource::FrontMatter);
}

#[test]
fn a_utc_instant_late_in_the_evening_moves_the_url_day() {
    let config = CONFIG.replace("timezone: Europe/London", "timezone: America/New_York");
    let path = "_news/2021-12-14-shift.md";
    let l = load_with(
        &config,
        &[(path, "---\ntitle: S\ndate: 2021-12-14T00:00:00.00Z\n---\n")],
    );
    let doc = l.doc(path);
    assert_eq!(
        doc.date.as_ref().unwrap().to_rfc3339(),
        "2021-12-13T19:00:00-05:00"
    );
    assert_eq!(doc.url, "/news/2021/12/13/shift");
}

#[test]
fn filename_date_when_front_matter_has_none() {
    let path = "_news/2021-03-04-from-filename.md";
    let l = load(&[(path, "---\ntitle: F\n---\n")]);
    let doc = l.doc(path);
    assert_eq!(doc.date_source, DateSource::Filename);
    assert_eq!(
        doc.date.as_ref().unwrap().to_rfc3339(),
        "2021-03-04T00:00:00+00:00"
    );
    assert_eq!(doc.slug, "from-filename");
}

#[test]
fn glued_cms_timestamp_loads_as_jekyll_reads_it_with_a_warning() {
    let path = "_news/2020-10-05-glued.md";
    let text = "---\ntitle: G\ndate: 2020-10-05T11:00:00.000ZT11:00:00.000Z\n---\n";
    let l = load(&[(path, text)]);
    // Jekyll reads it as a string and Ruby drops the `Z` with the rest: 11:00 site time (BST).
    assert_eq!(
        l.doc(path).date.as_ref().unwrap().to_rfc3339(),
        "2020-10-05T11:00:00+01:00"
    );
    assert_eq!(l.at("DT001", path), [(3, 7)]);
}

#[test]
fn unreadable_date_is_an_error_and_the_filename_date_is_used() {
    let path = "_news/2021-05-06-bad-date.md";
    let l = load(&[(path, "---\ntitle: B\ndate: next tuesday\n---\n")]);
    assert_eq!(l.at("DT002", path), [(3, 7)]);
    let doc = l.doc(path);
    assert_eq!(doc.date_source, DateSource::Filename);
    assert_eq!(doc.title.as_deref(), Some("B"), "the rest still loads");
}

#[test]
fn event_details_with_empty_end_and_default_host() {
    let path = "_events/2026-10-01-forum.md";
    let text = "---\ntitle: Forum\nevent:\n  start: 2027-01-19T10:00:00.000Z\n  end: \"\"\n  location: Online\n  no-register: Just turn up.\n  livestream: yes\n---\n";
    let l = load(&[(path, text)]);
    let doc = l.doc(path);
    assert_eq!(doc.doc_type, DocumentType::Event);
    let e = doc.event().unwrap();
    assert_eq!(
        e.start.as_ref().unwrap().to_rfc3339(),
        "2027-01-19T10:00:00+00:00"
    );
    assert_eq!(e.end, None, "`end: \"\"` means no end");
    assert_eq!(e.host.as_deref(), Some("Civic Staff LGBT+ Network"));
    assert_eq!(e.no_register.as_deref(), Some("Just turn up."));
    let FrontMatter::Event(fm) = &doc.front_matter else {
        panic!()
    };
    let details = fm.event.as_ref().unwrap();
    assert_eq!(
        details.extra.get("livestream"),
        Some(&Value::Bool(true)),
        "unknown keys inside `event` are kept"
    );
    assert!(l.codes(path).is_empty(), "{:?}", l.codes(path));
    let now = Instant::parse("2026-11-22").unwrap();
    assert_eq!(l.site.upcoming_events(now).len(), 1);
}

#[test]
fn event_without_start_points_at_the_event_key() {
    let path = "_events/2027-02-01-no-start.md";
    let l = load(&[(path, "---\ntitle: T\nevent:\n  location: Leeds\n---\n")]);
    assert_eq!(l.at("FM003", path), [(3, 1)]);
}

#[test]
fn author_with_string_booleans_null_region_and_role() {
    let path = "_team/sam-okafor.md";
    let text = "---\nperson-name: \"Sam Okafor\"\nrole: interim vice chair\nregion: ~\narchive: \"true\"\nbreadcrumbs: [team]\n---\nBio.\n";
    let l = load(&[(path, text)]);
    let a = l.doc(path).author().unwrap();
    assert_eq!(a.name.as_deref(), Some("Sam Okafor"));
    assert_eq!(a.role, Some(Role::InterimViceChair));
    assert_eq!(a.region, None);
    assert!(a.archived, "\"true\" counts");
    assert_eq!(l.doc(path).title.as_deref(), Some("Sam Okafor"));
    let regions = load(&[(
        path,
        "---\nperson-name: S\nregion: Yorkshire and the Humber\n---\n",
    )]);
    assert_eq!(
        regions.doc(path).author().unwrap().region,
        Some(Region::YorkshireAndTheHumber)
    );
}

#[test]
fn wrong_enum_value_is_reported_at_the_value_and_the_rest_loads() {
    let path = "_team/boss.md";
    let l = load(&[(
        path,
        "---\nperson-name: Pat\nrole: boss\nemail: pat@example.org\n---\n",
    )]);
    assert_eq!(l.at("FM002", path), [(3, 7)]);
    let d = l.with_code("FM002", path)[0];
    assert!(
        d.message.contains("`boss` is not one of `chair`"),
        "{}",
        d.message
    );
    let a = l.doc(path).author().unwrap();
    assert_eq!(a.role, None);
    assert_eq!(a.email.as_deref(), Some("pat@example.org"));
}

#[test]
fn wrong_type_is_reported_at_the_value_and_other_fields_stay_typed() {
    let path = "_news/2022-01-04-wrong.md";
    let text = "---\ntitle: W\ncategory:\n  pride: yes\nredirect_from:\n  - /a\n  - [nested]\nauthor: Alex\n---\n";
    let l = load(&[(path, text)]);
    assert_eq!(l.at("FM002", path), [(4, 3), (7, 5)]);
    let fm = post_fm(l.doc(path));
    assert_eq!(fm.author.as_deref(), Some("Alex"));
    assert_eq!(fm.title.as_deref(), Some("W"));
}

#[test]
fn missing_title_points_at_the_opening_fence() {
    let path = "_news/2022-01-05-untitled.md";
    let l = load(&[(path, "---\nlayout: news\n---\n")]);
    assert_eq!(l.at("FM003", path), [(1, 1)]);
}

#[test]
fn published_false_string_and_future() {
    let l = load(&[
        (
            "_news/2021-01-01-off.md",
            "---\ntitle: A\npublished: false\n---\n",
        ),
        (
            "_news/2021-01-02-string.md",
            "---\ntitle: B\npublished: \"false\"\n---\n",
        ),
        (
            "_news/2021-01-03-no.md",
            "---\ntitle: C\npublished: no\n---\n",
        ),
        ("_news/2099-01-01-future.md", "---\ntitle: D\n---\n"),
    ]);
    assert_eq!(
        l.doc("_news/2021-01-01-off.md").publication,
        Publication::Unpublished
    );
    assert_eq!(
        l.doc("_news/2021-01-02-string.md").publication,
        Publication::Published
    );
    assert_eq!(l.at("FM008", "_news/2021-01-02-string.md"), [(3, 12)]);
    assert_eq!(
        l.doc("_news/2021-01-03-no.md").publication,
        Publication::Unpublished
    );
    assert_eq!(
        l.doc("_news/2099-01-01-future.md").publication,
        Publication::Future
    );
    assert_eq!(l.with_code("DT003", "_news/2099-01-01-future.md").len(), 1);
}

#[test]
fn redirect_from_without_leading_slash_is_reported_at_its_list_item() {
    let path = "_news/2022-01-06-moved.md";
    let text = "---\ntitle: M\nredirect_from:\n  - /old/one\n  - old/two\nredirect_to:\n  - https://example.org/x\n  - /ignored\n---\n";
    let l = load(&[(path, text)]);
    let doc = l.doc(path);
    let froms: Vec<&str> = doc.redirect_from.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(froms, ["/old/one", "/old/two"]);
    assert_eq!(
        doc.redirect_to.as_deref(),
        Some("https://example.org/x"),
        "the first entry counts"
    );
    assert_eq!(l.at("URL001", path), [(5, 5)]);
    let single = load(&[(path, "---\ntitle: M\nredirect_from: old/three\n---\n")]);
    assert_eq!(single.at("URL001", path), [(3, 16)]);
    assert!(l.site.redirect_from("/old/two").is_some());
    // An empty item is dropped, as Jekyll's `compact` does, but still
    // counts for the position of the items after it.
    let gap = "---\ntitle: M\nredirect_from:\n  -\n  - /old/one\n  -\n  - old/two\n---\n";
    let gap = load(&[(path, gap)]);
    let froms: Vec<&str> = gap
        .doc(path)
        .redirect_from
        .iter()
        .map(|r| r.path.as_str())
        .collect();
    assert_eq!(froms, ["/old/one", "/old/two"]);
    assert_eq!(gap.at("URL001", path), [(7, 5)]);
}

#[test]
fn crlf_files_load_and_positions_count_lines_alike() {
    let path = "_news/2022-01-07-crlf.md";
    let text = "---\r\ntitle: \"Windows\"\r\nauthor: \"x \"\r\n---\r\nBody\r\n";
    let l = load(&[(path, text)]);
    let doc = l.doc(path);
    assert_eq!(doc.title.as_deref(), Some("Windows"));
    assert!(doc.layout.crlf);
    assert_eq!(l.at("FM005", path), [(3, 9)]);
    assert_eq!(doc.body(&l.site.sources[path]), "Body\r\n");
}

#[test]
fn byte_order_mark_loads_and_warns_outside_posts() {
    let path = "_news/2022-01-08-bom.md";
    let l = load(&[(path, "\u{feff}---\ntitle: BOM\n---\nBody\n")]);
    assert_eq!(l.doc(path).title.as_deref(), Some("BOM"));
    assert_eq!(l.at("ENC002", path), [(1, 1)]);
    let posts = load(&[("_posts/2022-01-08-bom.md", "\u{feff}---\ntitle: BOM\n---\n")]);
    assert!(posts.codes("_posts/2022-01-08-bom.md").is_empty());
}

#[test]
fn unclosed_front_matter_and_non_mapping_front_matter() {
    let l = load(&[
        (
            "_news/2022-01-09-unclosed.md",
            "---\ntitle: Never closed\n\nBody\n",
        ),
        ("_news/2022-01-10-list.md", "---\n- a\n- b\n---\n"),
    ]);
    assert_eq!(l.at("FM006", "_news/2022-01-09-unclosed.md"), [(1, 1)]);
    assert_eq!(l.codes("_news/2022-01-09-unclosed.md"), ["FM006"]);
    assert_eq!(l.at("FM007", "_news/2022-01-10-list.md"), [(2, 1)]);
}

#[test]
fn unclosed_quote_is_reported_with_where_it_opened() {
    let path = "_news/2022-01-11-quote.md";
    let l = load(&[(path, "---\ntitle: \"Open\nlayout: news\n---\n")]);
    let d = l.with_code("FM001", path)[0];
    let text = &l.site.sources[path];
    let label = d.labels[0].span.start;
    assert_eq!(LineIndex::new(text).line_col(text, label), (2, 8));
    assert_eq!(d.labels[0].message, "while scanning a quoted scalar");
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let path = "_news/2022-01-12-latin1.md";
    let l = load_bytes(CONFIG, &[(path, b"---\ntitle: Caf\xe9\n---\n")]);
    let d = &l
        .site
        .diagnostics
        .iter()
        .find(|d| d.code == "ENC001")
        .unwrap();
    assert_eq!(d.file.as_deref(), Some(path));
    assert!(d.message.contains("offset 14"), "{}", d.message);
    assert!(l.site.by_path(path).is_none());
}

#[test]
fn unknown_keys_are_kept_in_file_order() {
    let path = "_news/2022-01-13-extra.md";
    let text = "---\ntitle: E\nbreadcrumbs: true\npreview: /img/p.png\nmeta-info:\n  type: blog\nloop: 3\n---\n";
    let l = load(&[(path, text)]);
    let keys: Vec<&String> = post_fm(l.doc(path)).extra.keys().collect();
    assert_eq!(keys, ["breadcrumbs", "preview", "meta-info", "loop"]);
    assert_eq!(
        post_fm(l.doc(path)).extra.get("loop"),
        Some(&Value::Integer(3))
    );
    let span = l
        .doc(path)
        .spans
        .get(&KeyPath::parse("meta-info.type"))
        .unwrap()
        .value;
    let t = &l.site.sources[path];
    assert_eq!(LineIndex::new(t).line_col(t, span.start), (6, 9));
}

#[test]
fn categories_single_string_list_and_plural() {
    let l = load(&[
        (
            "_news/2022-02-01-one.md",
            "---\ntitle: A\ncategory: pride\n---\n",
        ),
        (
            "_news/2022-02-02-many.md",
            "---\ntitle: B\ncategory:\n- pride\n- wellbeing\n---\n",
        ),
        (
            "_news/2022-02-03-plural.md",
            "---\ntitle: C\ncategories: Pride Events\n---\n",
        ),
        (
            "_topics/pride.md",
            "---\ntitle: Pride\ncategory: pride\n---\n",
        ),
    ]);
    assert_eq!(l.doc("_news/2022-02-01-one.md").categories, ["pride"]);
    assert_eq!(
        l.doc("_news/2022-02-02-many.md").categories,
        ["pride", "wellbeing"]
    );
    assert_eq!(
        l.doc("_news/2022-02-03-plural.md").categories,
        ["Pride", "Events"]
    );
    // Case-insensitive, as Jekyll lowercases categories in URLs: "Pride" counts.
    assert_eq!(l.site.by_category("pride").count(), 4);
    assert_eq!(l.doc("_topics/pride.md").doc_type, DocumentType::Document);
    assert_eq!(
        l.site.category_page("pride").unwrap().path,
        "_topics/pride.md"
    );
    assert_eq!(
        l.site.category_page("PRIDE").unwrap().path,
        "_topics/pride.md",
        "a slug names its page in any case"
    );
    assert!(
        l.site.category_page("wellbeing").is_none(),
        "no topic page for it"
    );
}

#[test]
fn kramdown_and_raw_html_bodies_are_kept_untouched() {
    let path = "_news/2022-03-01-body.md";
    let body = "\n* TOC\n{:toc}\n\n<b>Important</b> {:.warning-text}\n";
    let l = load(&[(path, &format!("---\ntitle: K\n---\n{body}"))]);
    assert_eq!(l.doc(path).body(&l.site.sources[path]), body);
}

#[test]
fn queries_by_author_url_path_and_date_range() {
    let l = load(&[
        (
            "_news/2021-11-22-a.md",
            "---\ntitle: A\nauthor: \"  alex morgan\"\n---\n",
        ),
        (
            "_news/2022-11-22-b.md",
            "---\ntitle: B\nauthor: Someone Else\n---\n",
        ),
        ("_team/alex-morgan.md", AUTHOR),
    ]);
    let alex = l.site.author_named("Alex Morgan").unwrap().id;
    let by: Vec<&str> = l.site.by_author(alex).map(|d| d.path.as_str()).collect();
    assert_eq!(by, ["_news/2021-11-22-a.md"]);
    assert_eq!(
        l.site.by_url("/news/2022/11/22/b").unwrap().path,
        "_news/2022-11-22-b.md"
    );
    assert_eq!(
        l.site.by_url("/team/alex-morgan/index.html").unwrap().path,
        "_team/alex-morgan.md"
    );
    let from = Instant::parse("2022-01-01").unwrap();
    let to = Instant::parse("2023-01-01").unwrap();
    let in_range: Vec<&str> = l
        .site
        .in_date_range(from, to)
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(in_range, ["_news/2022-11-22-b.md"]);
    let ordered: Vec<&str> = l
        .site
        .in_date_order()
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(ordered, ["_news/2021-11-22-a.md", "_news/2022-11-22-b.md"]);
}

#[test]
fn zero_config_types_and_masthead_overrides() {
    let config = "collections:\n  people:\n    output: true\n  pages:\n    output: true\nmasthead:\n  collections:\n    people: author\n    nowhere: post\n";
    let l = load_with(
        config,
        &[
            ("_people/pat.md", "---\nperson-name: Pat\n---\n"),
            ("_pages/about.md", "---\ntitle: About\n---\n"),
            ("_pages/2021-01-01-dated.md", "---\ntitle: Dated\n---\n"),
        ],
    );
    assert_eq!(l.doc("_people/pat.md").doc_type, DocumentType::Author);
    assert_eq!(
        l.doc("_pages/about.md").doc_type,
        DocumentType::Post,
        "a dated file makes the collection posts"
    );
    let unknown = l
        .site
        .diagnostics
        .iter()
        .find(|d| d.code == "CFG004")
        .unwrap();
    assert_eq!(unknown.file.as_deref(), Some("_config.yml"));
}

/// Collections load side by side, yet documents come out in path order,
/// whatever the folders' names (`_news-x/` sorts before `_news/`).
#[test]
fn documents_come_out_in_path_order_across_collections() {
    let config = "collections:\n  news:\n    output: true\n  news-x:\n    output: true\n  a:\n    output: true\n";
    let doc = "---\ntitle: T\n---\n";
    let l = load_with(
        config,
        &[
            ("_news/2021-01-02-b.md", doc),
            ("_news/2021-01-01-a.md", doc),
            ("_news-x/z.md", doc),
            ("_news-x/sub/y.md", doc),
            ("_a/q.md", doc),
            ("_posts/2021-01-01-p.md", doc),
        ],
    );
    let paths: Vec<&str> = l.site.documents.iter().map(|d| d.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort_unstable();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), 6);
    for (i, d) in l.site.documents.iter().enumerate() {
        assert_eq!(d.id.0, i);
    }
}

/// The zero-config type is guessed from file names so that each file is
/// resolved as soon as it is parsed; where the names mislead, the
/// collection's documents are resolved again with the type the rule gives,
/// whether files are read whole or only their front matter.
#[test]
fn zero_config_types_hold_where_file_names_mislead() {
    let config = "collections:\n  pages:\n    output: true\n    permalink: /:collection/:year/:title/\n  notes:\n    output: true\n";
    let files: &[(&str, &str)] = &[
        // No dated name, but a front-matter date: posts.
        (
            "_pages/about.md",
            "---\ntitle: About\ndate: 2021-03-04\n---\nBody\n",
        ),
        (
            "_pages/contact.md",
            "---\ntitle: Contact\nauthor: [unclosed\n---\n",
        ),
        // A dated name on a file without front matter counts for nothing.
        ("_notes/2021-01-01-static.md", "Just text\n"),
        ("_notes/plain.md", "---\ntitle: Plain\n---\nBody\n"),
    ];
    let dir = write_site(config, files);
    let now = Instant::parse("2026-11-22T12:00:00Z").unwrap();
    let whole = LoadOptions::default().with_now(now);
    let mut front_only = whole.clone();
    front_only.bodies_for = Some(std::collections::HashSet::new());
    for options in [whole, front_only] {
        let site = load_site(dir.path(), &options).unwrap();
        let about = site.by_path("_pages/about.md").unwrap();
        assert_eq!(about.doc_type, DocumentType::Post);
        assert_eq!(about.url, "/pages/2021/about/");
        assert_eq!(
            site.by_path("_pages/contact.md").unwrap().doc_type,
            DocumentType::Post
        );
        let plain = site.by_path("_notes/plain.md").unwrap();
        assert_eq!(plain.doc_type, DocumentType::Document);
        assert!(site.by_path("_notes/2021-01-01-static.md").is_none());
        // The broken file's diagnostic is reported once, not once a pass.
        let yaml: Vec<_> = site
            .diagnostics
            .iter()
            .filter(|d| d.file.as_deref() == Some("_pages/contact.md"))
            .map(|d| d.code.as_ref())
            .collect();
        assert_eq!(yaml.len(), 1, "{yaml:?}");
        assert!(site.sources.contains_key("_pages/contact.md"));
    }
}

#[test]
fn bad_timezone_is_reported_in_config_and_utc_is_used() {
    let config = CONFIG.replace("Europe/London", "Europe/Londn");
    let path = "_news/2021-06-01-tz.md";
    let l = load_with(&config, &[(path, "---\ntitle: T\n---\n")]);
    assert_eq!(l.at("CFG003", "_config.yml"), [(2, 11)]);
    assert_eq!(
        l.doc(path).date.as_ref().unwrap().to_rfc3339(),
        "2021-06-01T00:00:00+00:00"
    );
}

#[test]
fn files_without_front_matter_are_not_documents() {
    let l = load(&[
        ("_news/2022-01-01-static.md", "Just text\n"),
        ("_news/notes.txt", "---\ntitle: Text document\n---\n"),
    ]);
    assert!(l.site.by_path("_news/2022-01-01-static.md").is_none());
    assert_eq!(
        l.doc("_news/notes.txt").title.as_deref(),
        Some("Text document")
    );
}

#[test]
fn front_matter_defaults_fill_missing_keys_only() {
    let l = load(&[
        ("_news/2022-01-01-a.md", "---\ntitle: A\n---\n"),
        (
            "_news/2022-01-02-b.md",
            "---\ntitle: B\nlayout: special\n---\n",
        ),
    ]);
    assert_eq!(
        l.doc("_news/2022-01-01-a.md").data.get("layout"),
        Some(&Value::String("news".into()))
    );
    assert_eq!(
        l.doc("_news/2022-01-02-b.md").data.get("layout"),
        Some(&Value::String("special".into()))
    );
}

#[test]
fn bodies_for_reads_only_the_front_matter_of_other_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("_config.yml"), CONFIG).unwrap();
    for folder in ["_news", "_events", "_team", "_topics"] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
    }
    let long_body = "Body – with “quotes” and more.\n".repeat(2000);
    for name in ["2022-01-01-staged.md", "2022-01-02-other.md"] {
        let text = format!("---\ntitle: \"{name}\"\nauthor: Alex\n---\n{long_body}");
        std::fs::write(dir.path().join("_news").join(name), text).unwrap();
    }
    let mut options = LoadOptions::default().with_now(Instant::parse("2026-11-22").unwrap());
    options.bodies_for = Some(["_news/2022-01-01-staged.md".to_string()].into());
    let site = load_site(dir.path(), &options).unwrap();
    let staged = site.by_path("_news/2022-01-01-staged.md").unwrap();
    let other = site.by_path("_news/2022-01-02-other.md").unwrap();
    assert_eq!(staged.body(&site.sources[&staged.path]), long_body);
    assert_eq!(
        site.sources[&other.path], "---\ntitle: \"2022-01-02-other.md\"\nauthor: Alex\n---\n",
        "only the front matter is kept"
    );
    assert_eq!(other.body(&site.sources[&other.path]), "");
    assert_eq!(
        other.title.as_deref(),
        Some("2022-01-02-other.md"),
        "front matter is complete"
    );
    assert!(site.diagnostics.is_empty(), "{:?}", site.diagnostics);
}

/// A check of a few files looks for one-file problems in those files only;
/// the model of every file stays the same.
#[test]
fn diagnose_only_leaves_the_model_alone() {
    let text = "---\ntitle: \"Twice \"\ntitle: \"Twice \"\nauthor: Alex\n---\nBody\n";
    let tagged = "---\ntitle: T\nx: !ruby/object:Foo {a: 1}\n---\n";
    let dir = write_site(
        CONFIG,
        &[
            ("_news/2022-01-01-staged.md", text),
            ("_news/2022-01-02-other.md", text),
            ("_news/2022-01-03-tagged.md", tagged),
        ],
    );
    // The other declared collections exist, so the config has nothing to say.
    for folder in ["_events", "_team", "_topics"] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
    }
    let now = Instant::parse("2026-11-22").unwrap();
    let every = load_site(dir.path(), &LoadOptions::default().with_now(now)).unwrap();
    let mut options = LoadOptions::default().with_now(now);
    options.diagnose_only = Some(["_news/2022-01-01-staged.md".to_string()].into());
    let some = load_site(dir.path(), &options).unwrap();
    let files = |site: &Site| -> Vec<String> {
        let mut f: Vec<String> = site
            .diagnostics
            .iter()
            .filter_map(|d| d.file.clone())
            .collect();
        f.dedup();
        f
    };
    assert_eq!(
        files(&every),
        [
            "_news/2022-01-01-staged.md",
            "_news/2022-01-02-other.md",
            "_news/2022-01-03-tagged.md"
        ]
    );
    assert_eq!(files(&some), ["_news/2022-01-01-staged.md"]);
    for path in ["_news/2022-01-02-other.md", "_news/2022-01-03-tagged.md"] {
        let (a, b) = (every.by_path(path).unwrap(), some.by_path(path).unwrap());
        assert_eq!(a.data, b.data, "{path}");
        assert_eq!(a.title, b.title, "{path}");
    }
    assert!(
        some.by_path("_news/2022-01-03-tagged.md")
            .unwrap()
            .data
            .get("x")
            .is_none(),
        "a refused tag still empties the front matter"
    );
}

/// Reading only the front matter (a pre-commit check's other files) must
/// give each file the front matter and diagnostics a whole read gives,
/// whatever the shape of its beginning and wherever the read blocks end.
#[test]
fn front_matter_reads_agree_with_whole_reads() {
    let filler = |n: usize| "# ".to_string() + &"x".repeat(n.saturating_sub(3)) + "\n";
    let list: String = (0..1500).map(|i| format!("  - tag-{i}\n")).collect();
    let mut files: Vec<(String, String)> = vec![
        (
            "long-list".into(),
            format!("---\ntitle: Long\ntags:\n{list}---\nBody\n"),
        ),
        (
            "no-newline-after-fence".into(),
            "---\ntitle: End\n---".into(),
        ),
        ("dots-fence".into(), "---\ntitle: Dots\n...\nBody\n".into()),
        (
            "crlf".into(),
            "---\r\ntitle: Crlf\r\n---\r\nBody\r\n".into(),
        ),
        (
            "unclosed".into(),
            format!("---\ntitle: Open\n{}", "a\n".repeat(6000)),
        ),
        (
            "no-front-matter".into(),
            "Just text, --- not a fence\n".repeat(500),
        ),
        (
            "spaces-after-opening".into(),
            "---   \n\ntitle: Spaced\n---\n".into(),
        ),
    ];
    // The closing fence's line ending on each side of the first 8 KiB block.
    for end in [8190, 8191, 8192, 8193, 8194, 8196] {
        let head = "---\ntitle: Edge\n";
        let close = "---\n";
        let pad = end - head.len() - close.len();
        files.push((
            format!("edge-{end}"),
            format!("{head}{}{close}Body “quoted” text\n", filler(pad)),
        ));
    }
    // A `----` line (no fence) whose first three dashes end the first block.
    let head = "---\ntitle: Dashes\nnote: |\n";
    files.push((
        "dashes-at-block-end".into(),
        format!(
            "{head}{}----\n---\nBody\n",
            filler(8192 - 3 - head.len()).replace("# ", "  ")
        ),
    ));
    let named: Vec<(String, String)> = files
        .iter()
        .map(|(name, text)| (format!("_news/2022-01-01-{name}.md"), text.clone()))
        .collect();
    let borrowed: Vec<(&str, &str)> = named
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let whole = load(&borrowed);

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("_config.yml"), CONFIG).unwrap();
    std::fs::create_dir_all(dir.path().join("_news")).unwrap();
    for (name, text) in &named {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let now = Instant::parse("2026-11-22T12:00:00Z").unwrap();
    let mut options = LoadOptions::default().with_now(now);
    options.bodies_for = Some(Default::default());
    let partial = load_site(dir.path(), &options).unwrap();

    assert_eq!(whole.site.documents.len(), partial.documents.len());
    for (a, b) in whole.site.documents.iter().zip(&partial.documents) {
        assert_eq!(a.path, b.path);
        assert!(a.data == b.data, "{}: the front matter differs", a.path);
        assert_eq!(a.url, b.url, "{}", a.path);
    }
    let codes = |site: &Site| -> Vec<(Option<String>, String)> {
        site.diagnostics
            .iter()
            .map(|d| (d.file.clone(), d.code.to_string()))
            .collect()
    };
    assert_eq!(codes(&whole.site), codes(&partial));
}
