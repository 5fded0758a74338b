//! The dates rules: dates that read fine but disagree with each other or
//! with what the editor most likely meant.
//!
//! The loader already reports dates that are malformed, unreadable or in
//! the future (DT001–DT003). Every comparison here is made on what Jekyll
//! reads: instants, and days in the site's time zone (`timezone:`, else UTC).

use crate::frontmatter::{labelled, type_noun};
use masthead_diagnostics::{Diagnostic, Severity, Span};
use masthead_lint::{DocumentContext, FixAvailability, Rule, RuleMeta};
use masthead_model::CivilDateTime;
use masthead_model::date::{
    DateForm, DateProblem, DateValue, ResolvedDate, TimeZone, filename_date,
};
use masthead_model::frontmatter::{FrontMatter, OptionalDate};

/// The rules of this family.
pub(crate) fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(FilenameDateMismatch),
        Box::new(TimezoneLessDatetime),
        Box::new(EventEndBeforeStart),
        Box::new(DeadlineAfterStart),
    ]
}

/// The site's time zone, UTC when `timezone:` is absent (as Jekyll on a UTC
/// machine).
fn site_zone(cx: &DocumentContext<'_>) -> TimeZone {
    cx.site.timezone.clone().unwrap_or_else(TimeZone::utc)
}

/// `2022-11-08 13:00` (seconds only when not zero): a wall-clock time for
/// messages.
pub(crate) fn clock(c: CivilDateTime) -> String {
    let mut text = format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        c.year, c.month, c.day, c.hour, c.minute
    );
    if c.second != 0 || c.nanosecond != 0 {
        text.push_str(&format!(":{:02}", c.second));
    }
    text
}

/// `2022-11-08`: the day of a wall-clock time.
fn day(c: CivilDateTime) -> String {
    format!("{:04}-{:02}-{:02}", c.year, c.month, c.day)
}

/// The front matter's own `date`, for the types that have one.
fn front_matter_date(fm: &FrontMatter) -> Option<&DateValue> {
    match fm {
        FrontMatter::Post(f) => f.date.as_ref(),
        FrontMatter::Event(f) => f.date.as_ref(),
        FrontMatter::Document(f) => f.date.as_ref(),
        FrontMatter::Author(_) => None,
    }
}

/// Every date value of the front matter, with its key path.
fn dated_values(fm: &FrontMatter) -> Vec<(&'static str, &DateValue)> {
    let mut out = Vec::new();
    if let Some(d) = front_matter_date(fm) {
        out.push(("date", d));
    }
    match fm {
        FrontMatter::Post(f) => {
            if let Some(d) = &f.end_date {
                out.push(("end-date", d));
            }
        }
        FrontMatter::Event(f) => {
            if let Some(e) = &f.event {
                for (path, slot) in [
                    ("event.start", &e.start),
                    ("event.end", &e.end),
                    ("event.deadline", &e.deadline),
                ] {
                    if let Some(d) = slot.as_ref().and_then(OptionalDate::date) {
                        out.push((path, d));
                    }
                }
            }
        }
        _ => {}
    }
    out
}

// ---------------------------------------------------------------------------
// DT004 filename-date-mismatch

static FILENAME_DATE_MISMATCH: RuleMeta = RuleMeta {
    code: "DT004",
    name: "filename-date-mismatch",
    family: "dates",
    summary: "The filename's date and the front-matter `date` fall on different days.",
    doc: "## What it does\n\
Reports a document whose filename starts with a date (`2021-11-22-slug.md`) \
and whose front matter has a `date` on another day. Both are compared as \
Jekyll reads them, as days in the site's time zone (`timezone:`, else UTC): \
`2021-11-21T23:30:00Z` is 21 November in UTC but 22 November in \
`Europe/Paris`. It points at the `date` value.\n\n\
## Why is this bad?\n\
Jekyll dates the document, and builds its URL, from the front-matter `date` \
and ignores the filename's. The file says one day, the site another: links \
written from the filename break, and the next editor fixes the wrong one.\n\n\
## Example\n\
```yaml\n\
# _news/2021-11-22-relaunching-the-network-chairs-forum.md\n\
date: 2021-11-23   # the URL is /news/2021/11/23/…\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// DT004.
struct FilenameDateMismatch;

impl Rule for FilenameDateMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &FILENAME_DATE_MISMATCH
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.document;
        let basename = doc.path.rsplit('/').next().unwrap_or(&doc.path);
        let Some((from_name, rest)) = filename_date(basename) else {
            return;
        };
        let Some(written) = front_matter_date(&doc.front_matter) else {
            return;
        };
        let tz = site_zone(cx);
        let (name_local, date_local) =
            (from_name.resolve(&tz).local(), written.resolve(&tz).local());
        let same_day = |a: &CivilDateTime, b: &CivilDateTime| {
            (a.year, a.month, a.day) == (b.year, b.month, b.day)
        };
        if same_day(&name_local, &date_local) {
            return;
        }
        let Some(span) = cx.value_span("date") else {
            return;
        };
        let (name_day, date_day) = (day(name_local), day(date_local));
        let zone = tz.name();
        out.push(
            labelled(
                cx.report(
                    self.meta(),
                    span,
                    format!(
                        "the filename `{basename}` says {name_day}, but `date` puts this {} on {date_day}",
                        type_noun(doc)
                    ),
                ),
                format!("{date_day} in the site's time zone ({zone})"),
            )
            .with_help(format!(
                "Jekyll uses the front-matter `date`, for the URL too, and ignores the filename's date; \
                 rename the file to `{date_day}-{rest}`, or change `date` to {name_day}"
            )),
        );
    }
}

// ---------------------------------------------------------------------------
// DT005 timezone-less-datetime

static TIMEZONE_LESS_DATETIME: RuleMeta = RuleMeta {
    code: "DT005",
    name: "timezone-less-datetime",
    family: "dates",
    summary: "A date with a time has no time zone, on a site with `timezone:`.",
    doc: "## What it does\n\
On a site whose `_config.yml` sets `timezone:` (to a zone that is not UTC \
all year), reports a `date`, `end-date`, `event.start`, `event.end` or \
`event.deadline` written with a time but no zone. There are two cases:\n\n\
* quoted (`\"2022-11-08 13:00:00\"`), or without seconds: Jekyll reads it \
  in the site's time zone, which is probably what was meant, but the file \
  alone does not say so: add the offset;\n\
* unquoted with seconds (`2022-11-08 13:00:00`): YAML reads it as a \
  timestamp in **UTC**, not in the site's time zone, so in a British summer \
  it is an hour late. The message says which instant Jekyll uses.\n\n\
## Why is this bad?\n\
Whether the same text means site time or UTC depends on quotes, which \
nobody sees as meaningful; events then show, sort and expire an hour out, \
and posts can land on the next day's URL.\n\n\
## Example\n\
```yaml\n\
event:\n  start: 2022-06-14 18:30:00        # UTC: 19:30 in London\n  end: \"2022-06-14 20:00:00\"        # London time, but say so:\n  # end: 2022-06-14T20:00:00+01:00\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// DT005.
struct TimezoneLessDatetime;

/// Whether `tz` is UTC in both January and July of `year`, so that site
/// time and UTC cannot differ.
/// Which years the site's zone is UTC all year, worked out once per check:
/// resolving dates in a zone is not free, and every dated document asks.
struct UtcYears {
    /// From [`UtcYears::FIRST`] on.
    years: Vec<bool>,
}

impl UtcYears {
    const FIRST: i16 = 1970;
    const LAST: i16 = 2100;

    fn all_year(&self, tz: &TimeZone, year: i16) -> bool {
        year.checked_sub(Self::FIRST)
            .and_then(|i| self.years.get(usize::try_from(i).ok()?))
            .copied()
            .unwrap_or_else(|| utc_all_year(tz, year))
    }
}

fn utc_years(cx: &DocumentContext<'_>, tz: &TimeZone) -> std::sync::Arc<UtcYears> {
    cx.shared_memo(|| UtcYears {
        years: (UtcYears::FIRST..=UtcYears::LAST)
            .map(|y| utc_all_year(tz, y))
            .collect(),
    })
}

fn utc_all_year(tz: &TimeZone, year: i16) -> bool {
    [1, 7].iter().all(|month| {
        DateValue::parse(&format!("{year:04}-{month:02}-15"))
            .map(|d| d.resolve(tz).offset_seconds() == 0)
            .unwrap_or(false)
    })
}

/// `2022-11-08T13:00:00Z`: the written clock of an instant read as UTC.
fn as_utc_text(c: CivilDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

impl TimezoneLessDatetime {
    /// The finding for an unquoted timestamp without a zone (read as UTC).
    fn unquoted(
        &self,
        cx: &DocumentContext<'_>,
        path: &str,
        span: Span,
        value: &DateValue,
        tz: &TimeZone,
    ) -> Option<Diagnostic> {
        let zone = tz.name();
        let used = value.resolve(tz);
        let meant = DateValue::parse(value.written()).ok()?.resolve(tz);
        let written_clock = clock(value.civil());
        let message = if used.instant() == meant.instant() {
            format!(
                "`{path}` is an unquoted time without a zone, which YAML reads as UTC, not {zone} time; \
                 on this date the two agree, but not when the clocks change"
            )
        } else {
            format!(
                "`{path}` is an unquoted time without a zone, which YAML reads as UTC: \
                 Jekyll uses {} {zone} time ({}), not {written_clock} as written",
                clock(used.local()),
                used.to_rfc3339()
            )
        };
        Some(
            labelled(
                cx.report(self.meta(), span, message),
                format!("{written_clock} UTC"),
            )
            .with_help(format!(
                "to mean {written_clock} in {zone}, quote it (`\"{}\"`) or add the offset (`{}`); \
                 to mean UTC, write `{}`",
                value.written(),
                meant.to_rfc3339(),
                as_utc_text(value.civil())
            )),
        )
    }

    /// The finding for a time read in the site's zone without saying so.
    fn local(
        &self,
        cx: &DocumentContext<'_>,
        path: &str,
        span: Span,
        value: &DateValue,
        tz: &TimeZone,
    ) -> Diagnostic {
        let zone = tz.name();
        let used = value.resolve(tz);
        labelled(
            cx.report(
                self.meta(),
                span,
                format!(
                    "`{path}` has a time but no zone: Jekyll reads it as {zone} time ({}), \
                     but the file alone does not say so",
                    used.to_rfc3339()
                ),
            ),
            format!("{} {zone} time", clock(value.civil())),
        )
        .with_help(format!(
            "add the offset so that it reads the same everywhere: `{}`",
            used.to_rfc3339()
        ))
    }
}

impl Rule for TimezoneLessDatetime {
    fn meta(&self) -> &'static RuleMeta {
        &TIMEZONE_LESS_DATETIME
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(tz) = cx.site.timezone.as_ref() else {
            return;
        };
        let doc = cx.document;
        for (path, value) in dated_values(&doc.front_matter) {
            let Some(span) = cx.value_span(path) else {
                continue;
            };
            if utc_years(cx, tz).all_year(tz, value.civil().year) {
                continue;
            }
            let unquoted = value
                .problems()
                .iter()
                .any(|p| matches!(p, DateProblem::UnquotedWithoutZone { .. }));
            if unquoted {
                // The loader leaves this case to this rule (it is well
                // formed, only surprising), so it is reported once.
                if let Some(d) = self.unquoted(cx, path, span, value, tz) {
                    out.push(d);
                }
            } else if value.form() == DateForm::Local && value.problems().is_empty() {
                out.push(self.local(cx, path, span, value, tz));
            }
        }
    }
}

// ---------------------------------------------------------------------------
// DT006 event-end-before-start

static EVENT_END_BEFORE_START: RuleMeta = RuleMeta {
    code: "DT006",
    name: "event-end-before-start",
    family: "dates",
    summary: "An event ends before it starts.",
    doc: "## What it does\n\
Reports an event whose `event.end` is earlier than its `event.start`, \
comparing the instants Jekyll reads. It points at `end`, with `start` as a \
label. A common cause is an end written as a date alone, which means \
midnight at the *start* of that day.\n\n\
## Why is this bad?\n\
Calendars and event listings get a negative duration: some drop the event, \
others show it as over before it began, and \"upcoming\" lists that look at \
the end hide it early.\n\n\
## Example\n\
```yaml\n\
event:\n  start: 2022-11-08T13:00:00.000Z\n  end: 2022-11-08            # midnight: before the start\n\
```\n",
    default_severity: Severity::Error,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// DT006.
struct EventEndBeforeStart;

/// The raw `event.<key>` date of an event's front matter.
fn raw_event_date<'a>(fm: &'a FrontMatter, key: &str) -> Option<&'a DateValue> {
    let FrontMatter::Event(f) = fm else {
        return None;
    };
    let e = f.event.as_ref()?;
    let slot = match key {
        "start" => &e.start,
        "end" => &e.end,
        _ => &e.deadline,
    };
    slot.as_ref().and_then(OptionalDate::date)
}

impl Rule for EventEndBeforeStart {
    fn meta(&self) -> &'static RuleMeta {
        &EVENT_END_BEFORE_START
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(event) = cx.document.event() else {
            return;
        };
        let (Some(start), Some(end)) = (&event.start, &event.end) else {
            return;
        };
        if end.instant() >= start.instant() {
            return;
        }
        let Some(end_span) = cx.value_span("event.end") else {
            return;
        };
        let zone = site_zone(cx);
        let help = match raw_event_date(&cx.document.front_matter, "end").map(DateValue::form) {
            Some(DateForm::DateOnly) => format!(
                "a date alone means midnight at the start of that day: give `end` a time too, \
                 for example `{}`",
                later_same_day(start)
            ),
            _ => "correct `end` (or `start`); for an event without an end time, write `end: \"\"`"
                .to_string(),
        };
        let mut d = labelled(
            cx.report(
                self.meta(),
                end_span,
                format!(
                    "this event ends before it starts: `end` is {}, `start` is {} ({} time)",
                    clock(end.local()),
                    clock(start.local()),
                    zone.name()
                ),
            ),
            format!("ends {}", clock(end.local())),
        )
        .with_help(help);
        if let Some(start_span) = cx.value_span("event.start") {
            d = d.with_label(start_span, format!("starts {}", clock(start.local())));
        }
        out.push(d);
    }
}

/// An example end for an event starting at `start`: two hours later on the
/// same day (23:59 at the latest), in RFC 3339 with the start's offset.
fn later_same_day(start: &ResolvedDate) -> String {
    let local = start.local();
    let (hour, minute) = if local.hour <= 21 {
        (local.hour + 2, local.minute)
    } else {
        (23, 59)
    };
    let offset = start.offset_seconds();
    let sign = if offset < 0 { '-' } else { '+' };
    let minutes = offset.unsigned_abs() / 60;
    format!(
        "{:04}-{:02}-{:02}T{hour:02}:{minute:02}:00{sign}{:02}:{:02}",
        local.year,
        local.month,
        local.day,
        minutes / 60,
        minutes % 60
    )
}

// ---------------------------------------------------------------------------
// DT007 deadline-after-start

static DEADLINE_AFTER_START: RuleMeta = RuleMeta {
    code: "DT007",
    name: "deadline-after-start",
    family: "dates",
    summary: "An event's registration deadline is after the event starts.",
    doc: "## What it does\n\
Reports an event whose `event.deadline` (when registration closes) is later \
than its `event.start`, comparing the instants Jekyll reads. It points at \
the deadline, with the start as a label.\n\n\
## Why is this bad?\n\
The page keeps inviting people to register for an event that has already \
begun, or has finished; usually the deadline was copied from another event \
or has the wrong month or year.\n\n\
## Example\n\
```yaml\n\
event:\n  start: 2022-11-08T13:00:00.000Z\n  deadline: 2022-12-04T17:00:00.000Z   # a month late\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// DT007.
struct DeadlineAfterStart;

impl Rule for DeadlineAfterStart {
    fn meta(&self) -> &'static RuleMeta {
        &DEADLINE_AFTER_START
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(event) = cx.document.event() else {
            return;
        };
        let (Some(start), Some(deadline)) = (&event.start, &event.deadline) else {
            return;
        };
        if deadline.instant() <= start.instant() {
            return;
        }
        let Some(span) = cx.value_span("event.deadline") else {
            return;
        };
        let zone = site_zone(cx);
        let mut d = labelled(
            cx.report(
                self.meta(),
                span,
                format!(
                    "registration closes after the event starts: `deadline` is {}, `start` is {} ({} time)",
                    clock(deadline.local()),
                    clock(start.local()),
                    zone.name()
                ),
            ),
            format!("closes {}", clock(deadline.local())),
        )
        .with_help(format!(
            "set `deadline` on or before the start ({}), or remove it if registration stays open until the event begins",
            clock(start.local())
        ));
        if let Some(start_span) = cx.value_span("event.start") {
            d = d.with_label(start_span, format!("starts {}", clock(start.local())));
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::testing::*;

    const NEWS: &str = "_news/2021-11-22-relaunching-the-forum.md";
    const EVENT: &str = "_events/2022-10-10-allyship-webinar.md";

    fn event(details: &str) -> String {
        format!("---\ntitle: \"Webinar\"\ndate: 2022-10-10\nevent:\n{details}---\n")
    }

    #[test]
    fn dt004_compares_days_in_the_site_zone() {
        let found = run(
            &FilenameDateMismatch,
            &[
                (NEWS, "---\ntitle: \"x\"\ndate: 2021-11-23\n---\n"),
                // 23:30 UTC in summer is the next day in London: the 22nd.
                (
                    "_news/2021-06-22-summer.md",
                    "---\ntitle: \"x\"\ndate: 2021-06-21T23:30:00Z\n---\n",
                ),
                // 00:30 London time in summer is still the 22nd in London.
                (
                    "_news/2021-06-22-early.md",
                    "---\ntitle: \"x\"\ndate: \"2021-06-22 00:30:00\"\n---\n",
                ),
                (
                    "_news/undated.md",
                    "---\ntitle: \"x\"\ndate: 2021-11-23\n---\n",
                ),
            ],
        );
        assert_eq!(
            positions(&found),
            ["DT004 _news/2021-11-22-relaunching-the-forum.md:3:7"]
        );
        let d = &found[0].diagnostic;
        assert_eq!(
            d.message,
            "the filename `2021-11-22-relaunching-the-forum.md` says 2021-11-22, but `date` puts this post on 2021-11-23"
        );
        assert!(
            d.help
                .as_deref()
                .is_some_and(|h| h.contains("`2021-11-23-relaunching-the-forum.md`")),
            "{:?}",
            d.help
        );
    }

    #[test]
    fn dt004_uses_utc_without_timezone() {
        let config = "title: T\ncollections:\n  news:\n    output: true\n";
        let found = run(
            &FilenameDateMismatch,
            &[
                ("_config.yml", config),
                (
                    "_news/2021-06-22-summer.md",
                    "---\ntitle: \"x\"\ndate: 2021-06-21T23:30:00Z\n---\n",
                ),
            ],
        );
        assert_eq!(positions(&found), ["DT004 _news/2021-06-22-summer.md:3:7"]);
        assert!(
            found[0]
                .diagnostic
                .primary
                .as_ref()
                .is_some_and(|p| p.message == "2021-06-21 in the site's time zone (UTC)")
        );
    }

    #[test]
    fn dt005_tells_quoted_from_unquoted() {
        let found = run(
            &TimezoneLessDatetime,
            &[(
                EVENT,
                &event(
                    "  start: 2022-06-14 18:30:00\n  end: \"2022-06-14 20:00:00\"\n  deadline: 2022-06-10T17:00:00Z\n",
                ),
            )],
        );
        assert_eq!(
            positions(&found),
            [
                "DT005 _events/2022-10-10-allyship-webinar.md:5:10",
                "DT005 _events/2022-10-10-allyship-webinar.md:6:8",
            ]
        );
        assert_eq!(
            found[0].diagnostic.message,
            "`event.start` is an unquoted time without a zone, which YAML reads as UTC: \
             Jekyll uses 2022-06-14 19:30 Europe/London time (2022-06-14T19:30:00+01:00), not 2022-06-14 18:30 as written"
        );
        assert_eq!(
            found[0].diagnostic.help.as_deref(),
            Some(
                "to mean 2022-06-14 18:30 in Europe/London, quote it (`\"2022-06-14 18:30:00\"`) \
                 or add the offset (`2022-06-14T18:30:00+01:00`); to mean UTC, write `2022-06-14T18:30:00Z`"
            )
        );
        assert_eq!(
            found[1].diagnostic.message,
            "`event.end` has a time but no zone: Jekyll reads it as Europe/London time \
             (2022-06-14T20:00:00+01:00), but the file alone does not say so"
        );
    }

    #[test]
    fn dt005_reports_unquoted_dates_and_skips_utc_sites() {
        // The loader leaves unquoted zone-less dates to this rule.
        let text =
            "---\ntitle: \"x\"\ndate: 2021-11-22 10:00:00\nend-date: 2021-12-01 17:00:00\n---\n";
        let found = run(&TimezoneLessDatetime, &[(NEWS, text)]);
        assert_eq!(
            positions(&found),
            [
                "DT005 _news/2021-11-22-relaunching-the-forum.md:3:7",
                "DT005 _news/2021-11-22-relaunching-the-forum.md:4:11"
            ]
        );
        assert!(
            found[1]
                .diagnostic
                .message
                .contains("on this date the two agree"),
            "{}",
            found[1].diagnostic.message
        );
        let utc = "title: T\ntimezone: Etc/UTC\ncollections:\n  news:\n    output: true\n";
        assert!(run(&TimezoneLessDatetime, &[("_config.yml", utc), (NEWS, text)]).is_empty());
        let none = "title: T\ncollections:\n  news:\n    output: true\n";
        assert!(
            run(
                &TimezoneLessDatetime,
                &[("_config.yml", none), (NEWS, text)]
            )
            .is_empty()
        );
    }

    #[test]
    fn dt005_ignores_dates_alone_and_explicit_zones() {
        let found = run(
            &TimezoneLessDatetime,
            &[(
                EVENT,
                &event(
                    "  start: 2022-11-08T13:00:00.000Z\n  end: \"2022-11-08 15:00:00 +0000\"\n  deadline: 2022-11-04\n",
                ),
            )],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn dt006_points_at_the_end_and_explains_dates_alone() {
        let found = run(
            &EventEndBeforeStart,
            &[(
                EVENT,
                &event("  start: 2022-11-08T13:00:00.000Z\n  end: 2022-11-08\n"),
            )],
        );
        assert_eq!(
            positions(&found),
            ["DT006 _events/2022-10-10-allyship-webinar.md:6:8"]
        );
        let d = &found[0].diagnostic;
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(
            d.message,
            "this event ends before it starts: `end` is 2022-11-08 00:00, `start` is 2022-11-08 13:00 (Europe/London time)"
        );
        assert_eq!(d.labels.len(), 1);
        assert!(
            d.help
                .as_deref()
                .is_some_and(|h| h.contains("`2022-11-08T15:00:00+00:00`")),
            "{:?}",
            d.help
        );
        // Equal, empty or later ends are fine.
        for end in ["2022-11-08T13:00:00Z", "\"\"", "2022-11-08T15:00:00Z"] {
            let found = run(
                &EventEndBeforeStart,
                &[(
                    EVENT,
                    &event(&format!("  start: 2022-11-08T13:00:00Z\n  end: {end}\n")),
                )],
            );
            assert!(found.is_empty(), "{end}: {found:?}");
        }
    }

    #[test]
    fn dt007_reports_a_deadline_after_the_start() {
        let found = run(
            &DeadlineAfterStart,
            &[
                (
                    EVENT,
                    &event("  start: 2022-11-08T13:00:00Z\n  deadline: 2022-12-04T17:00:00Z\n"),
                ),
                (
                    "_events/2022-05-03-picnic.md",
                    &event("  start: 2022-06-04T12:00:00Z\n  deadline: 2022-06-04T12:00:00Z\n"),
                ),
            ],
        );
        assert_eq!(
            positions(&found),
            ["DT007 _events/2022-10-10-allyship-webinar.md:6:13"]
        );
        assert_eq!(
            found[0].diagnostic.message,
            "registration closes after the event starts: `deadline` is 2022-12-04 17:00, `start` is 2022-11-08 13:00 (Europe/London time)"
        );
    }

    #[test]
    fn clock_shows_seconds_only_when_set() {
        let mut c = CivilDateTime::midnight(2022, 11, 8);
        assert_eq!(clock(c), "2022-11-08 00:00");
        c.second = 5;
        assert_eq!(clock(c), "2022-11-08 00:00:05");
    }
}
