//! The `ical` renderer: iCalendar (RFC 5545) files for events.
//!
//! Writes `events.ics`, one calendar with every upcoming event (not yet
//! finished at the site's "now"), and one `.ics` per published event beside
//! its page (`events/2027/05/17/walk/index.html` gets
//! `events/2027/05/17/walk.ics`). The `icalendar` crate writes the files, so
//! text values are escaped (`\\`, `\,`, `\;`, `\n`) and lines are folded at
//! 75 octets, never inside a UTF-8 character.
//!
//! Times are UTC (`DTSTART:20270517T120000Z`), which every client reads
//! without a `VTIMEZONE`. UIDs come from the document's source path and the
//! site's host, so they survive rebuilds and permalink changes; `DTSTAMP`
//! is the document's date, not the clock, so the output is reproducible.
//!
//! ```
//! use masthead_ical::IcalRenderer;
//! use masthead_model::site::Site;
//! use masthead_render::render_site;
//!
//! let run = render_site(&Site::default(), &[&IcalRenderer]);
//! let ics = &run.sink.get("events.ics").unwrap().bytes;
//! assert!(ics.starts_with(b"BEGIN:VCALENDAR\r\n"));
//! ```

#![deny(clippy::print_stdout, clippy::print_stderr)]

use icalendar::{Calendar, Component, EventLike, Property};
use masthead_diagnostics::Severity;
use masthead_model::date::{Instant, ResolvedDate, TimeZone};
use masthead_model::document::Document;
use masthead_model::site::Site;
use masthead_render::{RenderContext, Renderer, Sink, absolute_url};
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::HashSet;

/// Diagnostic codes of the `ical` renderer (docs/rendering.md lists them).
pub mod ical_codes {
    /// A published event has no readable start; it is left out of every calendar.
    pub const NO_START: &str = "RND040";
}

/// The calendars' `PRODID`.
pub const PRODID: &str = "-//masthead//masthead ical renderer//EN";

/// `masthead.render.ical` in `_config.yml`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct IcalSettings {
    /// Path of the calendar of upcoming events; empty for none.
    pub calendar: String,
    /// Write one `.ics` per published event beside its page.
    pub per_event: bool,
    /// The calendar's name (`X-WR-CALNAME`); default: the site's title.
    pub name: Option<String>,
}

impl Default for IcalSettings {
    fn default() -> Self {
        IcalSettings {
            calendar: "events.ics".into(),
            per_event: true,
            name: None,
        }
    }
}

/// The iCalendar renderer; its settings are [`IcalSettings`].
#[derive(Clone, Copy, Debug, Default)]
pub struct IcalRenderer;

const MEDIA_TYPE: &str = "text/calendar; charset=utf-8";

impl Renderer for IcalRenderer {
    fn name(&self) -> &str {
        "ical"
    }

    fn description(&self) -> &str {
        "iCalendar (RFC 5545): events.ics for upcoming events and one .ics per event"
    }

    fn render(&self, cx: &RenderContext<'_>, sink: &mut Sink) {
        let settings: IcalSettings = cx.settings();
        let site = cx.site();
        let name = settings
            .name
            .clone()
            .or_else(|| site.config.title.clone())
            .unwrap_or_else(|| "Events".into());

        let mut events: Vec<&Document> = Vec::new();
        for doc in site.published() {
            let Some(event) = doc.event() else { continue };
            if event.start.is_none() {
                let key = if doc.spans.value_span("event.start").is_some() {
                    "event.start"
                } else {
                    "event"
                };
                cx.report(cx.document_diagnostic(
                    doc,
                    key,
                    ical_codes::NO_START,
                    Severity::Warning,
                    format!(
                        "`{}` has no readable `event.start`; it is in no calendar",
                        doc.path
                    ),
                ));
                continue;
            }
            if let Some(link) = event.link.as_deref()
                && !masthead_render::is_safe_link(link.trim())
            {
                cx.report(cx.document_diagnostic(
                    doc,
                    "event.link",
                    masthead_render::codes::UNSAFE_LINK,
                    Severity::Error,
                    format!(
                        "`event.link` is not a web or mail address (`{}`); the calendar leaves it out",
                        link.trim().escape_debug()
                    ),
                ));
            }
            events.push(doc);
        }

        // Each event's own calendar on every core, beside the one for all.
        let (own, all) = rayon::join(
            || {
                if !settings.per_event {
                    return Vec::new();
                }
                events
                    .par_iter()
                    .filter_map(|doc| {
                        let path = ics_path_for(doc.output.as_deref()?);
                        Some((*doc, path, calendar(site, &name, [*doc])))
                    })
                    .collect()
            },
            || {
                if settings.calendar.is_empty() {
                    return None;
                }
                let now = site.now.unwrap_or_else(Instant::now);
                let listed: HashSet<_> = events.iter().map(|e| e.id).collect();
                let upcoming = site
                    .upcoming_events(now)
                    .into_iter()
                    .filter(|d| listed.contains(&d.id));
                Some(calendar(site, &name, upcoming))
            },
        );
        for (doc, path, ics) in own {
            let span = doc.spans.value_span("permalink");
            sink.add_from(&doc.path, span, &path, ics, MEDIA_TYPE);
        }
        if let Some(ics) = all {
            sink.add(&settings.calendar, ics, MEDIA_TYPE);
        }
    }
}

/// Where an event's own `.ics` goes, from its page's output path:
/// `a/b/index.html` → `a/b.ics`, `a/b.html` → `a/b.ics`, `a/b/` → `a/b.ics`.
pub fn ics_path_for(output: &str) -> String {
    let trimmed = output
        .strip_suffix("/index.html")
        .or_else(|| output.strip_suffix("/index.htm"))
        .unwrap_or(output)
        .trim_end_matches('/');
    let stem = match trimmed.rsplit_once('/') {
        Some((dir, file)) => match file.rsplit_once('.') {
            Some((base, _)) if !base.is_empty() => format!("{dir}/{base}"),
            _ => trimmed.to_string(),
        },
        None => match trimmed.rsplit_once('.') {
            Some((base, _)) if !base.is_empty() => base.to_string(),
            _ => trimmed.to_string(),
        },
    };
    if stem.is_empty() {
        "event.ics".into()
    } else {
        format!("{stem}.ics")
    }
}

/// A calendar (`VCALENDAR`) with one `VEVENT` per document, as text.
pub fn calendar<'a>(
    site: &Site,
    name: &str,
    docs: impl IntoIterator<Item = &'a Document>,
) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new("PRODID", PRODID));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(Property::new("METHOD", "PUBLISH"));
    cal.append_property(Property::new("X-WR-CALNAME", clean(name)));
    for doc in docs {
        if let Some(event) = vevent(site, doc) {
            cal.push(event);
        }
    }
    serialize(&cal)
}

/// The calendar as RFC 5545 text, folded by [`fold`].
///
/// The `icalendar` crate writes and escapes every property, but its own
/// folding can leave a last continuation line of 76 octets; so its folds
/// are undone (it only ever inserts CRLF + space, and no value here holds
/// a raw CR or LF) and the lines folded again.
pub fn serialize(cal: &Calendar) -> String {
    let written = cal.to_string().replace("\r\n ", "");
    let mut out = String::with_capacity(written.len() + written.len() / 25);
    for line in written.split_terminator("\r\n") {
        out.push_str(&fold(line));
        out.push_str("\r\n");
    }
    out
}

/// Folds one content line (RFC 5545 §3.1): at most 75 octets per physical
/// line, continuation lines starting with a space, never splitting a UTF-8
/// character. Lines are joined with CRLF; no final line break.
///
/// ```
/// let folded = masthead_ical::fold(&"é".repeat(50));
/// assert!(folded.split("\r\n").all(|l| l.len() <= 75));
/// assert_eq!(folded.replace("\r\n ", ""), "é".repeat(50));
/// ```
pub fn fold(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / 24);
    let mut rest = line;
    let mut room = LIMIT;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = LIMIT - 1;
    }
    out.push_str(rest);
    out
}

/// The `VEVENT` of one event document (`None` without a start).
pub fn vevent(site: &Site, doc: &Document) -> Option<icalendar::Event> {
    let event = doc.event()?;
    let start = event.start.as_ref()?;
    let mut out = icalendar::Event::new();
    out.uid(&uid(site, doc));
    let stamp = doc.date.as_ref().unwrap_or(start);
    out.add_property("DTSTAMP", utc(stamp));
    out.add_property("DTSTART", utc(start));
    if let Some(end) = event
        .end
        .as_ref()
        .filter(|e| e.instant() >= start.instant())
    {
        out.add_property("DTEND", utc(end));
    }
    out.summary(&clean(doc.title.as_deref().unwrap_or(&doc.slug)));
    if let Some(location) = event.location.as_deref().filter(|l| !l.trim().is_empty()) {
        out.location(&clean(location));
    }
    let url = absolute_url(site, &doc.url);
    if !url.chars().any(|c| c.is_control() || c == ' ') && !url.is_empty() {
        out.url(&url);
    }
    out.description(&description(site, doc, &url));
    Some(out.done())
}

/// The text of `DESCRIPTION`: excerpt, host, registration (link, email or
/// the `no-register` text), the registration deadline in the site's zone,
/// and the page's URL.
pub fn description(site: &Site, doc: &Document, url: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let event = doc.event();
    if let Some(source) = site.sources.get(&doc.path) {
        let mut options = masthead_html::MarkdownOptions::default();
        options.baseurl = masthead_render::baseurl(site);
        if let Some(excerpt) = masthead_html::excerpt(doc, doc.body(source), &options) {
            parts.push(excerpt.text.trim().to_string());
        }
    }
    if let Some(e) = event {
        if let Some(host) = e.host.as_deref().filter(|h| !h.trim().is_empty()) {
            parts.push(format!("Host: {}", host.trim()));
        }
        // A `javascript:` link is left out (RND012, reported by the renderer).
        if let Some(link) = e
            .link
            .as_deref()
            .filter(|l| !l.trim().is_empty() && masthead_render::is_safe_link(l.trim()))
        {
            parts.push(format!("Register: {}", link.trim()));
        } else if let Some(email) = e.email.as_deref().filter(|l| !l.trim().is_empty()) {
            parts.push(format!("Register by email: {}", email.trim()));
        }
        if let Some(text) = e.no_register.as_deref().filter(|l| !l.trim().is_empty()) {
            parts.push(text.trim().to_string());
        }
        if let Some(deadline) = &e.deadline {
            parts.push(format!("Registration closes: {}", human(deadline)));
        }
    }
    parts.push(format!("More: {url}"));
    clean(&parts.join("\n\n"))
}

/// `YYYY-MM-DD HH:MM (UTC+HH:MM)` in the site's zone.
fn human(date: &ResolvedDate) -> String {
    let l = date.local();
    let off = date.offset_seconds();
    let sign = if off < 0 { '-' } else { '+' };
    let off = off.unsigned_abs();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} (UTC{sign}{:02}:{:02})",
        l.year,
        l.month,
        l.day,
        l.hour,
        l.minute,
        off / 3600,
        off % 3600 / 60
    )
}

/// A stable UID: the document's source path (percent-encoded) `@` the
/// site's host (`masthead.invalid` when the site has no `url`).
pub fn uid(site: &Site, doc: &Document) -> String {
    let host = site
        .config
        .url
        .as_deref()
        .and_then(|u| u.trim().split_once("://"))
        .and_then(|(_, rest)| rest.split(['/', '?', '#', ':']).next())
        .filter(|h| !h.is_empty())
        .map(str::to_ascii_lowercase)
        .unwrap_or_else(|| "masthead.invalid".into());
    let mut path = String::new();
    for b in doc.path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            path.push(b as char);
        } else {
            path.push_str(&format!("%{b:02X}"));
        }
    }
    format!("{path}@{host}")
}

/// `YYYYMMDDTHHMMSSZ`: the instant in UTC (RFC 5545 form 2), seconds truncated.
pub fn utc(date: &ResolvedDate) -> String {
    let l = date.instant().in_zone(&TimeZone::utc()).local();
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        l.year, l.month, l.day, l.hour, l.minute, l.second
    )
}

/// Line ends made `\n` and control characters other than tab dropped, so the
/// crate's escaping (which knows `\n` only) covers every character.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| matches!(c, '\n' | '\t') || !c.is_control())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ics_paths_sit_beside_the_page() {
        assert_eq!(
            ics_path_for("events/2027/walk/index.html"),
            "events/2027/walk.ics"
        );
        assert_eq!(
            ics_path_for("events/2027/walk.html"),
            "events/2027/walk.ics"
        );
        assert_eq!(ics_path_for("events/2027/walk"), "events/2027/walk.ics");
        assert_eq!(ics_path_for("walk.html"), "walk.ics");
        assert_eq!(ics_path_for("index.html"), "index.ics");
    }

    #[test]
    fn utc_times_use_the_instant_not_the_wall_clock() {
        let tz = TimeZone::named("Europe/London").unwrap();
        let summer = Instant::parse("2025-06-01T11:00:00Z").unwrap().in_zone(&tz);
        assert_eq!(summer.local().hour, 12);
        assert_eq!(utc(&summer), "20250601T110000Z");
    }

    #[test]
    fn clean_keeps_newlines_and_drops_other_controls() {
        assert_eq!(clean("a\r\nb\rc\u{7}d\te"), "a\nb\ncd\te");
    }

    #[test]
    fn long_non_ascii_lines_fold_within_75_octets_on_char_boundaries() {
        let mut cal = Calendar::empty();
        cal.append_property(Property::new("VERSION", "2.0"));
        let mut event = icalendar::Event::new();
        event.uid("x@y");
        event.add_property("DTSTAMP", "20250101T000000Z");
        let title = "é日本語, ; \\ ".repeat(40);
        event.summary(&title);
        cal.push(event.done());
        let text = serialize(&cal);
        let mut unfolded = String::new();
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
            match line.strip_prefix(' ') {
                Some(rest) => unfolded.push_str(rest),
                None => {
                    unfolded.push('\n');
                    unfolded.push_str(line);
                }
            }
        }
        let escaped = title
            .replace('\\', "\\\\")
            .replace(',', "\\,")
            .replace(';', "\\;");
        assert!(
            unfolded.contains(&format!("SUMMARY:{escaped}")),
            "{unfolded}"
        );
    }

    fn unescape(value: &str) -> String {
        let mut out = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('\\') => out.push('\\'),
                    Some(';') => out.push(';'),
                    Some(',') => out.push(','),
                    Some('n') => out.push('\n'),
                    other => panic!("bad escape {other:?} in {value:?}"),
                },
                ';' | ',' => panic!("unescaped {c:?} in {value:?}"),
                c => out.push(c),
            }
        }
        out
    }

    proptest::proptest! {
        /// Any text, ASCII or not, with separators and control characters:
        /// every physical line is at most 75 octets and valid UTF-8 on its
        /// own, and unfolding then unescaping gives the cleaned text back.
        #[test]
        fn any_text_folds_and_round_trips(text in "[a-zé日😀,;:\\\\ \t\r\n\u{7}]{0,300}") {
            let mut cal = Calendar::empty();
            let mut event = icalendar::Event::new();
            event.uid("x@y");
            event.add_property("DTSTAMP", "20250101T000000Z");
            event.summary(&clean(&text));
            cal.push(event.done());
            let out = serialize(&cal);
            let mut logical: Vec<String> = Vec::new();
            for line in out.trim_end_matches("\r\n").split("\r\n") {
                proptest::prop_assert!(line.len() <= 75, "{} octets", line.len());
                proptest::prop_assert!(!line.contains(['\r', '\n']));
                match line.strip_prefix(' ') {
                    Some(rest) => logical.last_mut().unwrap().push_str(rest),
                    None => logical.push(line.to_string()),
                }
            }
            let summary = logical.iter().find_map(|l| l.strip_prefix("SUMMARY:")).unwrap();
            proptest::prop_assert_eq!(unescape(summary), clean(&text));
        }
    }
}
