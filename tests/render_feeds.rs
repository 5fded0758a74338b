//! The `feeds` and `ical` renderers over fixture sites, compared byte for
//! byte with committed output trees, every output parsed back with the
//! format's own crate (or a strict parser), and `masthead render` over the
//! example site.
//!
//! Each `tests/fixtures/render/feeds/<name>/site` is rendered once per
//! renderer; the output must equal `expected/<renderer>/` exactly and the
//! diagnostics `expected/<renderer>.diagnostics.txt`. After an intended
//! change, regenerate with:
//!
//! ```sh
//! UPDATE_RENDER_SNAPSHOTS=1 cargo test --test render_feeds
//! ```

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead::model::site::Site;
use masthead::render::{RenderRun, Renderer, render_site};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[path = "support/render.rs"]
mod render_support;
use render_support::{NOW, assert_renders_as_expected, load};

fn renderers() -> Vec<Box<dyn Renderer>> {
    vec![
        Box::new(masthead::feeds::FeedsRenderer),
        Box::new(masthead::ical::IcalRenderer),
    ]
}

fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/render/feeds")
        .join(name)
}

fn render(site: &Site, name: &str) -> RenderRun {
    let all = renderers();
    let r = all.iter().find(|r| r.name() == name).unwrap();
    render_site(site, &[r.as_ref()])
}

/// Renders fixture `name` with each renderer and compares (or, with
/// UPDATE_RENDER_SNAPSHOTS=1, rewrites) the expected trees.
fn snapshot(name: &str) {
    assert_renders_as_expected(&fixture_dir(name), name, &renderers(), "render_feeds");
}

#[test]
fn escaping_fixture() {
    snapshot("escaping");
}

#[test]
fn settings_fixture() {
    snapshot("settings");
}

// ---------------------------------------------------------------------------
// Feeds parsed back
// ---------------------------------------------------------------------------

const TRICKY_TITLE: &str = "Q&A: <b>bold</b> & \"quotes\" — Zoë's café ]]>";
const TRICKY_EXCERPT: &str = "Tom & Jerry say 2 < 3 — “naïve” ]]> end";
const SITE_TITLE: &str = "Q&A <Network> \"Café\"";

fn text(run: &RenderRun, path: &str) -> String {
    let artifact = run
        .sink
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not rendered; got {:?}", run.sink.listing()));
    String::from_utf8(artifact.bytes.clone()).unwrap()
}

fn json_feed_validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture_dir("jsonfeed-1.1.schema.json")).unwrap(),
    )
    .unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

/// Every feed the renderer writes parses back with its format's crate (or
/// validates against the JSON Feed 1.1 schema), and each format agrees on
/// the entries.
#[test]
fn every_feed_parses_back() {
    let site = load(&fixture_dir("escaping").join("site"));
    let run = render(&site, "feeds");
    assert!(!run.has_errors(), "{:?}", run.diagnostics);
    let validator = json_feed_validator();
    let mut feeds = 0;
    for artifact in run.sink.artifacts() {
        let path = artifact.path.as_str();
        let bytes = &artifact.bytes[..];
        if path.ends_with("feed.xml") {
            let feed = atom_syndication::Feed::read_from(bytes).unwrap();
            assert_eq!(artifact.media_type, "application/atom+xml");
            assert!(feed.title.value.starts_with(SITE_TITLE), "{path}");
            for e in &feed.entries {
                assert!(e.id.starts_with("tag:www.example.org,"), "{}", e.id);
                assert!(e.links[0].href.starts_with("https://www.example.org/blog/"));
            }
        } else if path.ends_with("rss.xml") {
            let channel = rss::Channel::read_from(bytes).unwrap();
            assert!(channel.title.starts_with(SITE_TITLE), "{path}");
            for item in &channel.items {
                // RFC 2822, as RSS 2.0 requires.
                let date = item.pub_date.as_deref().unwrap();
                assert!(date.ends_with("+0000") || date.ends_with("+0100"), "{date}");
            }
        } else if path.ends_with("feed.json") {
            let value: serde_json::Value = serde_json::from_slice(bytes).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{path}: {errors:?}");
        } else {
            panic!("unexpected output {path}");
        }
        feeds += 1;
    }
    // Root, news, events and the `pride` category, three formats each.
    assert_eq!(feeds, 12, "{:?}", run.sink.listing());
}

/// Titles, excerpts and bodies with `<`, `&`, quotes, `]]>` and non-ASCII
/// come back exactly from every format.
#[test]
fn tricky_text_round_trips_in_every_format() {
    let site = load(&fixture_dir("escaping").join("site"));
    let run = render(&site, "feeds");

    let atom = atom_syndication::Feed::read_from(text(&run, "feed.xml").as_bytes()).unwrap();
    assert_eq!(atom.title.value, SITE_TITLE);
    let entry = atom
        .entries
        .iter()
        .find(|e| e.title.value == TRICKY_TITLE)
        .expect("tricky title comes back exactly from Atom");
    assert_eq!(entry.summary.as_ref().unwrap().value, TRICKY_EXCERPT);
    assert_eq!(entry.authors[0].name, "Zoë O'Brien");
    let content = entry.content.as_ref().unwrap().value.as_deref().unwrap();
    assert!(
        content.contains("<p data-marker=\"]]>\">CDATA end marker ]]> inside raw HTML</p>"),
        "{content}"
    );
    assert!(content.contains("<a href=\"/blog/team/\">"), "{content}");
    assert!(content.contains("<script>alert(\"kept\")</script>"));
    assert_eq!(
        entry.published.unwrap().to_rfc3339(),
        "2024-05-01T00:00:00+01:00"
    );
    assert_eq!(
        entry.id,
        "tag:www.example.org,2024-05-01:_news/2024-05-01-q-and-a.md"
    );

    let channel = rss::Channel::read_from(text(&run, "rss.xml").as_bytes()).unwrap();
    assert_eq!(channel.title, SITE_TITLE);
    let item = channel
        .items
        .iter()
        .find(|i| i.title.as_deref() == Some(TRICKY_TITLE))
        .expect("tricky title comes back exactly from RSS");
    assert_eq!(item.description.as_deref(), Some(TRICKY_EXCERPT));
    assert!(
        item.content
            .as_deref()
            .unwrap()
            .contains("<p data-marker=\"]]>\">CDATA end marker ]]> inside raw HTML</p>")
    );
    assert_eq!(item.guid.as_ref().unwrap().value, entry.id);
    assert_eq!(
        item.dublin_core_ext.as_ref().unwrap().creators,
        vec!["Zoë O'Brien".to_string()]
    );
    assert_eq!(
        item.pub_date.as_deref(),
        Some("Wed, 1 May 2024 00:00:00 +0100")
    );

    let json: serde_json::Value = serde_json::from_str(&text(&run, "feed.json")).unwrap();
    assert_eq!(json["title"], SITE_TITLE);
    let item = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == TRICKY_TITLE)
        .expect("tricky title comes back exactly from JSON Feed");
    assert_eq!(item["summary"], TRICKY_EXCERPT);
    assert_eq!(item["id"], entry.id.as_str());
    assert_eq!(item["date_published"], "2024-05-01T00:00:00+01:00");
    assert_eq!(item["authors"][0]["name"], "Zoë O'Brien");
    assert_eq!(
        item["url"],
        "https://www.example.org/blog/news/2024/q-and-a/"
    );
}

/// Entries are newest first; redirecting documents and undated or
/// unpublished ones are left out; the category feed matches any case.
#[test]
fn entries_are_selected_and_ordered() {
    let site = load(&fixture_dir("escaping").join("site"));
    let run = render(&site, "feeds");
    let titles = |path: &str| -> Vec<String> {
        let feed = atom_syndication::Feed::read_from(text(&run, path).as_bytes()).unwrap();
        feed.entries.into_iter().map(|e| e.title.value).collect()
    };
    assert_eq!(titles("feed.xml"), vec!["Summer news", TRICKY_TITLE]);
    assert_eq!(titles("news/feed.xml"), titles("feed.xml"));
    let pride = titles("categories/pride/feed.xml");
    assert_eq!(pride.len(), 2, "{pride:?}");
    assert!(pride[0].starts_with("Picnic, games;"));
    assert_eq!(pride[1], "Summer news");
    // The feed's own date is its newest entry's, not the clock's.
    let feed = atom_syndication::Feed::read_from(text(&run, "feed.xml").as_bytes()).unwrap();
    // Its newest `updated`: the summer post's `last_modified_at`.
    assert_eq!(feed.updated.to_rfc3339(), "2024-07-20T09:00:00+01:00");
    let summer = &feed.entries[0];
    assert_eq!(
        summer.published.unwrap().to_rfc3339(),
        "2024-07-15T19:30:00+01:00"
    );
}

/// `limit`, format switches and unknown collections.
#[test]
fn settings_limit_formats_and_unknown_collections() {
    let site = load(&fixture_dir("settings").join("site"));
    let run = render(&site, "feeds");
    let listing: Vec<&str> = run.sink.artifacts().map(|a| a.path.as_str()).collect();
    assert_eq!(listing, vec!["notices/feed.json", "notices/feed.xml"]);
    let feed =
        atom_syndication::Feed::read_from(text(&run, "notices/feed.xml").as_bytes()).unwrap();
    assert_eq!(feed.entries.len(), 2);
    assert_eq!(feed.entries[0].title.value, "Third notice");
    assert!(
        run.diagnostics
            .iter()
            .any(|d| d.code == "RND030" && d.message.contains("`nope`")),
        "{:?}",
        run.diagnostics
    );
}

// ---------------------------------------------------------------------------
// iCalendar parsed back
// ---------------------------------------------------------------------------

/// One content line, unfolded: name, parameters, raw value.
#[derive(Debug, Clone)]
struct Line {
    name: String,
    params: String,
    value: String,
}

/// A strict RFC 5545 reader: CRLF line ends only, every physical line at
/// most 75 octets, continuation lines start with one space, no fold splits a
/// UTF-8 character (each physical line is valid UTF-8 on its own).
fn strict_unfold(ics: &[u8]) -> Vec<Line> {
    assert!(ics.ends_with(b"\r\n"), "a calendar ends with CRLF");
    let mut logical: Vec<Vec<u8>> = Vec::new();
    for (n, physical) in ics[..ics.len() - 1].split(|b| *b == b'\n').enumerate() {
        let physical = physical
            .strip_suffix(b"\r")
            .unwrap_or_else(|| panic!("line {} does not end with CRLF", n + 1));
        assert!(!physical.contains(&b'\r'), "bare CR on line {}", n + 1);
        assert!(
            physical.len() <= 75,
            "line {} is {} octets: {:?}",
            n + 1,
            physical.len(),
            String::from_utf8_lossy(physical)
        );
        assert!(
            std::str::from_utf8(physical).is_ok(),
            "line {} splits a UTF-8 character",
            n + 1
        );
        if let Some(rest) = physical.strip_prefix(b" ") {
            logical
                .last_mut()
                .expect("no continuation first")
                .extend_from_slice(rest);
        } else {
            logical.push(physical.to_vec());
        }
    }
    logical
        .into_iter()
        .map(|l| {
            let l = String::from_utf8(l).unwrap();
            let colon = l.find(':').unwrap_or_else(|| panic!("no colon in {l:?}"));
            let (head, value) = (&l[..colon], &l[colon + 1..]);
            let (name, params) = head.split_once(';').unwrap_or((head, ""));
            assert!(
                name.chars().all(|c| c.is_ascii_uppercase() || c == '-'),
                "bad name {name:?}"
            );
            Line {
                name: name.to_string(),
                params: params.to_string(),
                value: value.to_string(),
            }
        })
        .collect()
}

/// RFC 5545 TEXT unescaping; any other backslash sequence, or an unescaped
/// `;` or `,`, is an error.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\\') => out.push('\\'),
                Some(';') => out.push(';'),
                Some(',') => out.push(','),
                Some('n' | 'N') => out.push('\n'),
                other => panic!("bad escape \\{other:?} in {value:?}"),
            },
            ';' | ',' => panic!("unescaped {c:?} in {value:?}"),
            c if c.is_control() => panic!("control character in {value:?}"),
            c => out.push(c),
        }
    }
    out
}

/// The VEVENTs of a calendar, each as property name → unfolded lines.
fn vevents(ics: &[u8]) -> Vec<BTreeMap<String, Line>> {
    let lines = strict_unfold(ics);
    assert_eq!(lines.first().unwrap().value, "VCALENDAR");
    assert_eq!(lines.last().unwrap().value, "VCALENDAR");
    let mut events = Vec::new();
    let mut current: Option<BTreeMap<String, Line>> = None;
    for line in lines {
        match (line.name.as_str(), line.value.as_str()) {
            ("BEGIN", "VEVENT") => current = Some(BTreeMap::new()),
            ("END", "VEVENT") => events.push(current.take().unwrap()),
            _ => {
                if let Some(event) = current.as_mut() {
                    assert!(
                        event.insert(line.name.clone(), line).is_none(),
                        "a property twice"
                    );
                }
            }
        }
    }
    // The icalendar crate's parser agrees on the structure.
    let text = String::from_utf8(ics.to_vec()).unwrap();
    let unfolded = icalendar::parser::unfold(&text);
    let parsed = icalendar::parser::read_calendar(&unfolded).unwrap();
    let parsed_events = parsed
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .count();
    assert_eq!(parsed_events, events.len());
    events
}

const PICNIC: &str = "Picnic, games; fun \\ more — Zoë’s very long event title that keeps going so that the SUMMARY line must be folded é";

#[test]
fn calendars_parse_back_with_exact_text() {
    let site = load(&fixture_dir("escaping").join("site"));
    let run = render(&site, "ical");
    let ics_files: Vec<&str> = run.sink.artifacts().map(|a| a.path.as_str()).collect();
    assert_eq!(
        ics_files,
        vec![
            "events.ics",
            "events/2024/01/past-talk.ics",
            "events/2024/12/picnic.ics"
        ]
    );
    for artifact in run.sink.artifacts() {
        assert_eq!(artifact.media_type, "text/calendar; charset=utf-8");
        vevents(&artifact.bytes);
    }

    // Only the upcoming event is in events.ics.
    let all = vevents(&run.sink.get("events.ics").unwrap().bytes);
    assert_eq!(all.len(), 1);
    let picnic = &all[0];
    assert_eq!(unescape(&picnic["SUMMARY"].value), PICNIC);
    assert_eq!(
        unescape(&picnic["LOCATION"].value),
        "Victoria Park, Gate 2; by the café\\bandstand"
    );
    // 12:00 and 16:30 in London (BST) are 11:00 and 15:30 UTC.
    assert_eq!(picnic["DTSTART"].value, "20250601T110000Z");
    assert_eq!(picnic["DTEND"].value, "20250601T153000Z");
    assert_eq!(picnic["DTSTART"].params, "");
    // DTSTAMP is the document's date (midnight in London, GMT), not the clock.
    assert_eq!(picnic["DTSTAMP"].value, "20241201T000000Z");
    assert_eq!(
        picnic["UID"].value,
        "_events/2024-12-01-picnic.md@www.example.org"
    );
    assert_eq!(
        picnic["URL"].value,
        "https://www.example.org/blog/events/2024/12/picnic/"
    );
    let description = unescape(&picnic["DESCRIPTION"].value);
    assert!(
        description
            .starts_with("Bring food, drinks; and friends. A second line with a backslash \\ too.")
            || description.starts_with(
                "Bring food, drinks; and friends.\nA second line with a backslash \\ too."
            ),
        "{description}"
    );
    assert!(
        description.contains("Register: https://www.example.org/register?event=picnic&lang=cy")
    );
    assert!(description.contains("Registration closes: 2025-05-20 17:00 (UTC+01:00)"));
    assert!(description.contains("Host: Q&A <Network>"));
    assert!(description.contains("More: https://www.example.org/blog/events/2024/12/picnic/"));

    // The per-event file has the same VEVENT.
    let own = vevents(&run.sink.get("events/2024/12/picnic.ics").unwrap().bytes);
    assert_eq!(unescape(&own[0]["SUMMARY"].value), PICNIC);
    assert_eq!(own[0]["UID"].value, picnic["UID"].value);

    let past = vevents(&run.sink.get("events/2024/01/past-talk.ics").unwrap().bytes);
    assert!(!past[0].contains_key("DTEND"));
    // A 150-octet SUMMARY line: where the icalendar crate's own folding
    // leaves a 76-octet last line (see `masthead_ical::serialize`).
    let summary = &past[0]["SUMMARY"].value;
    assert_eq!(format!("SUMMARY:{summary}").len(), 150);
    assert!(summary.starts_with("Past talk: the-quick-brown-fox"));
    assert!(
        unescape(&past[0]["DESCRIPTION"].value).contains("Register by email: talks@example.org")
    );
}

/// Rendering twice gives the same bytes: nothing comes from the clock.
#[test]
fn output_is_reproducible() {
    let site = load(&fixture_dir("escaping").join("site"));
    for name in ["feeds", "ical"] {
        let a = render(&site, name);
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let b = render(&site, name);
        let bytes = |r: &RenderRun| -> Vec<(String, Vec<u8>)> {
            r.sink
                .artifacts()
                .map(|x| (x.path.clone(), x.bytes.clone()))
                .collect()
        };
        assert_eq!(bytes(&a), bytes(&b), "{name}");
    }
}

// ---------------------------------------------------------------------------
// CLI over the example site
// ---------------------------------------------------------------------------

#[test]
fn example_site_renders_feeds_and_calendars_from_the_cli() {
    let out = tempfile::tempdir().unwrap();
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/site");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_masthead"))
        .args(["render", "--site"])
        .arg(&site)
        .arg("--out")
        .arg(out.path())
        .args(["--renderer", "feeds", "--renderer", "ical", "--now", NOW])
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let atom = std::fs::read(out.path().join("feed.xml")).unwrap();
    let feed = atom_syndication::Feed::read_from(&atom[..]).unwrap();
    assert!(!feed.entries.is_empty());
    let rss = std::fs::read(out.path().join("rss.xml")).unwrap();
    assert_eq!(
        rss::Channel::read_from(&rss[..]).unwrap().items.len(),
        feed.entries.len()
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("feed.json")).unwrap()).unwrap();
    assert!(json_feed_validator().is_valid(&json));
    let ics = std::fs::read(out.path().join("events.ics")).unwrap();
    vevents(&ics);
    let one = std::fs::read(out.path().join("events/2022/05/03/pride-picnic-2022.ics")).unwrap();
    assert_eq!(vevents(&one).len(), 1);
}
