//! Differential test: masthead against the real Jekyll.
//!
//! For the example site (`examples/site`) and every fixture site under
//! `tests/fixtures/sites/`, this test runs
//!
//! * `ruby tests/jekyll/dump.rb <site>`: Jekyll 4.3 with jekyll-redirect-from,
//!   the oracle (see that script for what it prints), and
//! * `masthead list --site <site> --format json`,
//!
//! both with `TZ=UTC`, and compares every document (matched by its `path`
//! relative to the site root):
//!
//! | field           | masthead `list` key | Jekyll, as dump.rb prints it                   |
//! |-----------------|---------------------|------------------------------------------------|
//! | presence        | listed              | read as a document (not a static file)         |
//! | `collection`    | `collection`        | the collection's label                         |
//! | `url`           | `url`               | `doc.url`                                      |
//! | `output`        | `output`            | `doc.destination`; null for `output: false`    |
//! | `date`          | `date`              | `doc.date.iso8601`; null with no date of its own |
//! | `date_source`   | `date_source`       | `front_matter`, `filename` or `none`           |
//! | `published`     | `published`         | `written`: in the normal build's `docs_to_write` (¹) |
//! | `redirect_from` | `redirect_from`     | `from` of each stub page generated for it (²)  |
//! | `redirect_to`   | `redirect_to`       | the target generated for it (²)                |
//!
//! ¹ For a collection with `output: false`, which Jekyll never writes, the
//! publisher's verdict instead (`publishable`: not unpublished, not future).
//!
//! ² From a build with `future: true, unpublished: true`, so unpublished and
//! future documents show the redirects they would get; jekyll-redirect-from
//! makes none for documents of a collection with `output: false`.
//!
//! Dates are compared as instants at one-second precision, plus the local
//! calendar date (the `YYYY-MM-DD` as printed, which is what URLs use).
//! `redirect_to` matches when masthead prints Jekyll's target exactly, or the
//! site path that remains once the site's `url` + `baseurl` is taken off it.
//!
//! Where masthead deliberately differs from Jekyll the difference is listed,
//! with its reason, in [`EXCEPTIONS`]. All other mismatches are collected and
//! reported together in one table.
//!
//! When `ruby` or the Jekyll library is missing the test is skipped with a
//! message, unless `MASTHEAD_REQUIRE_JEKYLL=1` is set (CI sets it, after
//! `apt-get install -y jekyll ruby-jekyll-redirect-from`), in which case it
//! fails.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

/// A deliberate difference between masthead and Jekyll.
struct Exception {
    /// Site label: `example` for `examples/site`, else the fixture folder name.
    site: &'static str,
    /// Document path relative to the site root.
    path: &'static str,
    /// Compared field (`presence`, `url`, `output`, `date`, ...).
    field: &'static str,
    /// Why masthead differs on purpose.
    reason: &'static str,
}

const EXCEPTIONS: &[Exception] = &[
    Exception {
        site: "publishing",
        path: "_news/2021-02-11-byte-order-mark.md",
        field: "presence",
        reason: "Jekyll's has_yaml_header? reads raw bytes, so a UTF-8 BOM before `---` makes \
                 the file a static file (copied to news/:year/:month/:day.md); masthead reads \
                 the front matter and loads the document, with a warning that Jekyll will not",
    },
    Exception {
        site: "publishing",
        path: "_news/2021-02-13-bom-and-crlf.md",
        field: "presence",
        reason: "as above: BOM (with CRLF line endings) makes it a static file for Jekyll; \
                 masthead loads it and warns",
    },
    Exception {
        site: "permalinks",
        path: "_dated/undated.md",
        field: "url",
        reason: "no date in the filename or front matter: Jekyll puts the build time into \
                 :year/:month/:day, so the URL changes with the day of the build",
    },
    Exception {
        site: "permalinks",
        path: "_dated/undated.md",
        field: "output",
        reason: "as for url: Jekyll derives the output path from the build time",
    },
];

/// One disagreement between masthead and Jekyll.
struct Mismatch {
    site: String,
    path: String,
    field: String,
    jekyll: String,
    masthead: String,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sites to compare: `(label, path relative to the workspace root)`.
fn sites() -> Vec<(String, String)> {
    let mut sites = vec![("example".to_owned(), "examples/site".to_owned())];
    let fixtures = root().join("tests/fixtures/sites");
    let mut names: Vec<String> = std::fs::read_dir(&fixtures)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", fixtures.display()))
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().join("_config.yml").is_file())
        .filter_map(|entry| entry.file_name().to_str().map(str::to_owned))
        .collect();
    names.sort();
    for name in names {
        let path = format!("tests/fixtures/sites/{name}");
        sites.push((name, path));
    }
    sites
}

/// Whether `ruby` can load Jekyll and jekyll-redirect-from.
fn jekyll_available() -> Result<(), String> {
    let output = Command::new("ruby")
        .args(["-e", "require 'jekyll'; require 'jekyll-redirect-from'"])
        .current_dir(root())
        .output();
    match output {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => Err(format!(
            "ruby cannot load jekyll and jekyll-redirect-from: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        )),
        Err(e) => Err(format!("cannot run ruby: {e}")),
    }
}

/// Runs a command and parses its standard output as JSON.
fn run_json(command: &mut Command, what: &str) -> Result<Value, String> {
    let output = command
        .output()
        .map_err(|e| format!("cannot run {what}: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    match serde_json::from_str::<Value>(&stdout) {
        Ok(value) => Ok(value),
        Err(e) => Err(format!(
            "{what} exited with {}; its stdout is not JSON ({e}); stderr: {}",
            output.status,
            one_line(stderr.trim(), 400)
        )),
    }
}

fn jekyll_dump(site: &str) -> Result<Value, String> {
    run_json(
        Command::new("ruby")
            .args(["tests/jekyll/dump.rb", site])
            .current_dir(root())
            .env("TZ", "UTC"),
        "ruby tests/jekyll/dump.rb",
    )
}

fn masthead_list(bin: &str, site: &str) -> Result<Value, String> {
    run_json(
        Command::new(bin)
            .args(["list", "--site", site, "--format", "json"])
            .current_dir(root())
            .env("TZ", "UTC")
            // Jekyll uses the real current time; so must masthead.
            .env_remove("MASTHEAD_NOW"),
        "masthead list",
    )
}

fn one_line(text: &str, max: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    if flat.chars().count() > max {
        let cut: String = flat.chars().take(max).collect();
        format!("{cut}…")
    } else {
        flat
    }
}

fn show(value: Option<&Value>) -> String {
    match value {
        None => "(absent)".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// Documents of one listing, keyed by path (with `/` separators).
fn by_path(
    list: &Value,
    label: &str,
    who: &str,
    mismatches: &mut Vec<Mismatch>,
) -> BTreeMap<String, serde_json::Map<String, Value>> {
    let mut map = BTreeMap::new();
    let Some(items) = list.as_array() else {
        mismatches.push(Mismatch {
            site: label.to_owned(),
            path: "-".to_owned(),
            field: "run".to_owned(),
            jekyll: String::new(),
            masthead: format!("{who}: expected a JSON array of documents"),
        });
        return map;
    };
    for item in items {
        let Some(object) = item.as_object() else {
            continue;
        };
        let path = object
            .get("path")
            .and_then(Value::as_str)
            .unwrap_or("(no path)")
            .replace('\\', "/");
        if map.insert(path.clone(), object.clone()).is_some() {
            mismatches.push(Mismatch {
                site: label.to_owned(),
                path,
                field: "presence".to_owned(),
                jekyll: String::new(),
                masthead: format!("{who} lists this path more than once"),
            });
        }
    }
    map
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM|±HHMM]` into
/// (Unix seconds, truncated to the second; the local date as printed).
fn parse_timestamp(text: &str) -> Option<(i64, String)> {
    let b = text.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &fraction[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let zone = rest[1..].replace(':', "");
            if zone.len() != 4 || !zone.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            let hours: i64 = zone[0..2].parse().ok()?;
            let minutes: i64 = zone[2..4].parse().ok()?;
            sign * (hours * 3600 + minutes * 60)
        }
    };
    let local = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    Some((local - offset, text[0..10].to_owned()))
}

/// `prefix` is `url` + `baseurl`; returns the site path left after it.
fn strip_site_prefix<'a>(target: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = target.strip_prefix(prefix)?;
    if rest.is_empty() || rest.starts_with('/') {
        Some(rest)
    } else {
        None
    }
}

fn redirect_to_matches(jekyll: Option<&str>, masthead: Option<&str>, site_prefix: &str) -> bool {
    match (jekyll, masthead) {
        (None, None) => true,
        (Some(j), Some(m)) if j == m => true,
        (Some(j), Some(m)) => match strip_site_prefix(j, site_prefix) {
            Some("") => m == "/" || m.is_empty(),
            Some(path) => path == m,
            None => false,
        },
        _ => false,
    }
}

fn string_list(value: Option<&Value>) -> Option<Vec<String>> {
    value?
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// Compares one site; pushes every disagreement.
fn compare_site(label: &str, jekyll: &Value, masthead: &Value, mismatches: &mut Vec<Mismatch>) {
    let mut push = |path: &str, field: &str, j: String, m: String| {
        mismatches.push(Mismatch {
            site: label.to_owned(),
            path: path.to_owned(),
            field: field.to_owned(),
            jekyll: j,
            masthead: m,
        });
    };

    let site_url = jekyll
        .pointer("/site/url")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim_end_matches('/');
    let baseurl = jekyll
        .pointer("/site/baseurl")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim_end_matches('/');
    let baseurl = if baseurl.is_empty() || baseurl.starts_with('/') {
        baseurl.to_owned()
    } else {
        format!("/{baseurl}")
    };
    let site_prefix = format!("{site_url}{baseurl}");

    let static_files: BTreeSet<String> = jekyll
        .get("static_files")
        .and_then(Value::as_array)
        .map(|files| {
            files
                .iter()
                .filter_map(|f| f.get("path").and_then(Value::as_str).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();

    let mut inner = Vec::new();
    let j_docs = by_path(
        jekyll.get("documents").unwrap_or(&Value::Null),
        label,
        "dump.rb",
        &mut inner,
    );
    let m_docs = by_path(masthead, label, "masthead", &mut inner);
    for m in inner {
        push(&m.path, &m.field, m.jekyll, m.masthead);
    }

    for (path, j) in &j_docs {
        let Some(m) = m_docs.get(path) else {
            push(
                path,
                "presence",
                "document".to_owned(),
                "not listed".to_owned(),
            );
            continue;
        };

        for field in ["collection", "url", "output", "date_source"] {
            if j.get(field) != m.get(field) {
                push(path, field, show(j.get(field)), show(m.get(field)));
            }
        }

        // date: same instant (to the second) and same local calendar date.
        let j_date = j.get("date").and_then(Value::as_str);
        let m_date = m.get("date").and_then(Value::as_str);
        let dates_agree = match (j_date, m_date) {
            (None, None) => true,
            (Some(jd), Some(md)) => match (parse_timestamp(jd), parse_timestamp(md)) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
            _ => false,
        };
        if !dates_agree {
            push(path, "date", show(j.get("date")), show(m.get("date")));
        }

        // published (masthead) must be Jekyll's "written"; in a collection
        // with `output: false`, which Jekyll never writes, the publisher's
        // verdict instead (false only for unpublished and future documents).
        let expected = if j.get("output").is_some_and(Value::is_null) {
            j.get("publishable")
        } else {
            j.get("written")
        };
        if expected != m.get("published") {
            push(path, "published", show(expected), show(m.get("published")));
        }

        let j_from = string_list(j.get("redirect_from"));
        let m_from = string_list(m.get("redirect_from"));
        if j_from.is_none() || j_from != m_from {
            push(
                path,
                "redirect_from",
                show(j.get("redirect_from")),
                show(m.get("redirect_from")),
            );
        }

        let j_to = j.get("redirect_to").and_then(Value::as_str);
        let m_to = m.get("redirect_to").and_then(Value::as_str);
        let m_to_ok = matches!(m.get("redirect_to"), Some(Value::Null | Value::String(_)));
        if !m_to_ok || !redirect_to_matches(j_to, m_to, &site_prefix) {
            push(
                path,
                "redirect_to",
                show(j.get("redirect_to")),
                show(m.get("redirect_to")),
            );
        }
    }

    for path in m_docs.keys() {
        if !j_docs.contains_key(path) {
            let jekyll_says = if static_files.contains(path) {
                "static file (not a document)"
            } else {
                "not read"
            };
            push(
                path,
                "presence",
                jekyll_says.to_owned(),
                "document".to_owned(),
            );
        }
    }
}

fn table(rows: &[&Mismatch]) -> String {
    let header = ["site", "path", "field", "jekyll", "masthead"];
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|m| {
            [
                m.site.clone(),
                m.path.clone(),
                m.field.clone(),
                one_line(&m.jekyll, 90),
                one_line(&m.masthead, 90),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |row: &[String]| {
        let mut text = String::new();
        for (i, cell) in row.iter().enumerate() {
            let pad = widths[i] - cell.chars().count();
            let _ = write!(text, "| {cell}{} ", " ".repeat(pad));
        }
        out.push_str(&text);
        out.push_str("|\n");
    };
    line(&header.map(str::to_owned));
    line(&widths.map(|w| "-".repeat(w)));
    for row in &cells {
        line(row);
    }
    out
}

#[test]
#[allow(clippy::print_stderr)]
fn masthead_agrees_with_jekyll() {
    if let Err(why) = jekyll_available() {
        if std::env::var("MASTHEAD_REQUIRE_JEKYLL").as_deref() == Ok("1") {
            panic!(
                "MASTHEAD_REQUIRE_JEKYLL=1 but Jekyll is not usable: {why}\n\
                 install it with: apt-get install -y jekyll ruby-jekyll-redirect-from"
            );
        }
        eprintln!(
            "skipping jekyll_differential: {why} \
             (set MASTHEAD_REQUIRE_JEKYLL=1 to make this a failure)"
        );
        return;
    }

    let Some(bin) = option_env!("CARGO_BIN_EXE_masthead") else {
        panic!("the root package has no `masthead` binary target to test");
    };

    let mut mismatches = Vec::new();
    let sites = sites();
    for (label, site) in &sites {
        let failed = |what: String| Mismatch {
            site: label.clone(),
            path: "-".to_owned(),
            field: "run".to_owned(),
            jekyll: String::new(),
            masthead: what,
        };
        let jekyll = match jekyll_dump(site) {
            Ok(v) => v,
            Err(e) => {
                mismatches.push(Mismatch {
                    jekyll: e,
                    masthead: String::new(),
                    ..failed(String::new())
                });
                continue;
            }
        };
        let masthead = match masthead_list(bin, site) {
            Ok(v) => v,
            Err(e) => {
                mismatches.push(failed(e));
                continue;
            }
        };
        compare_site(label, &jekyll, &masthead, &mut mismatches);
    }

    let excepted = |m: &Mismatch| {
        EXCEPTIONS
            .iter()
            .any(|e| e.site == m.site && e.path == m.path && e.field == m.field)
    };
    let (known, unexpected): (Vec<&Mismatch>, Vec<&Mismatch>) =
        mismatches.iter().partition(|m| excepted(m));

    if !known.is_empty() {
        eprintln!(
            "jekyll_differential: {} deliberate difference(s) (see EXCEPTIONS):",
            known.len()
        );
        for m in &known {
            let reason = EXCEPTIONS
                .iter()
                .find(|e| e.site == m.site && e.path == m.path && e.field == m.field)
                .map_or("", |e| e.reason);
            eprintln!(
                "  {} {} {}: {}",
                m.site,
                m.path,
                m.field,
                one_line(reason, 160)
            );
        }
    }
    let unused: Vec<&Exception> = EXCEPTIONS
        .iter()
        .filter(|e| {
            !mismatches
                .iter()
                .any(|m| e.site == m.site && e.path == m.path && e.field == m.field)
        })
        .collect();
    if !unused.is_empty() {
        eprintln!("jekyll_differential: exceptions that matched nothing (masthead now agrees?):");
        for e in unused {
            eprintln!("  {} {} {}", e.site, e.path, e.field);
        }
    }

    assert!(
        unexpected.is_empty(),
        "masthead disagrees with Jekyll {} time(s) over {} site(s):\n\n{}\n\
         Reproduce with: TZ=UTC ruby tests/jekyll/dump.rb <site> and \
         TZ=UTC masthead list --site <site> --format json",
        unexpected.len(),
        sites.len(),
        table(&unexpected)
    );
}

#[test]
fn timestamps_parse() {
    assert_eq!(
        parse_timestamp("1970-01-01T00:00:00Z"),
        Some((0, "1970-01-01".to_owned()))
    );
    assert_eq!(
        parse_timestamp("2021-12-13T19:00:00-05:00"),
        parse_timestamp("2021-12-14T00:00:00.000+00:00").map(|(t, _)| (t, "2021-12-13".to_owned()))
    );
    assert_eq!(
        parse_timestamp("2025-10-21T06:23:56.055-04:00").map(|(t, _)| t),
        parse_timestamp("2025-10-21T10:23:56+00:00").map(|(t, _)| t)
    );
    assert_eq!(
        parse_timestamp("2021-06-10T23:45:00+0530").map(|(t, _)| t),
        parse_timestamp("2021-06-10T18:15:00Z").map(|(t, _)| t)
    );
    assert_eq!(parse_timestamp("2021-11-22"), None);
    assert_eq!(parse_timestamp("2021-11-22T10:00:00"), None);
}

#[test]
fn redirect_targets_match_as_url_or_site_path() {
    let prefix = "https://www.example.org/network";
    let j = Some("https://www.example.org/network/events");
    assert!(redirect_to_matches(j, j, prefix));
    assert!(redirect_to_matches(j, Some("/events"), prefix));
    assert!(!redirect_to_matches(j, Some("/network/events"), prefix));
    assert!(!redirect_to_matches(j, None, prefix));
    let external = Some("https://events.example.org/booking?id=42");
    assert!(redirect_to_matches(external, external, prefix));
    assert!(!redirect_to_matches(
        external,
        Some("/booking?id=42"),
        prefix
    ));
    assert!(redirect_to_matches(Some(prefix), Some("/"), prefix));
    assert!(redirect_to_matches(None, None, prefix));
    // A sibling path that merely shares the prefix is not the site.
    assert!(!redirect_to_matches(
        Some("https://www.example.org/networking"),
        Some("ing"),
        prefix
    ));
}

#[test]
fn every_site_has_a_config() {
    for (_, site) in sites() {
        assert!(
            root().join(&site).join("_config.yml").is_file(),
            "{site} has no _config.yml"
        );
    }
}
