//! The events rules: what an event page must tell its readers (where, how
//! to register), and past events still presented as upcoming.

use crate::dates::clock;
use crate::frontmatter::{labelled, value_at};
use masthead_diagnostics::{Diagnostic, Severity, Span};
use masthead_lint::{DocumentContext, FixAvailability, Rule, RuleMeta};
use masthead_model::document::Document;
use masthead_model::frontmatter::FrontMatter;
use masthead_model::{KeyPath, Value};

/// The rules of this family.
pub(crate) fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(EventMissingLocation),
        Box::new(EventNoRegistration),
        Box::new(PastEventUpcoming),
    ]
}

/// Whether the event's `event:` mapping was read (when it is missing or of
/// the wrong type the loader reports it, and these rules stay quiet).
fn has_details(doc: &Document) -> bool {
    matches!(&doc.front_matter, FrontMatter::Event(f) if f.event.is_some())
}

/// Whether `event.<key>` is written, in the file or in a default.
fn has_event_key(doc: &Document, key: &str) -> bool {
    let path = KeyPath::root().key("event").key(key);
    doc.spans.get(&path).is_some() || value_at(&doc.data, &path).is_some()
}

/// Where to point about the event as a whole: its `event:` key, else the
/// opening `---`.
fn event_key_span(cx: &DocumentContext<'_>) -> Span {
    cx.key_span("event")
        .unwrap_or_else(|| cx.front_matter_span())
}

// ---------------------------------------------------------------------------
// EV001 event-missing-location

static EVENT_MISSING_LOCATION: RuleMeta = RuleMeta {
    code: "EV001",
    name: "event-missing-location",
    family: "events",
    summary: "An event does not say where it takes place.",
    doc: "## What it does\n\
Reports an event whose `event:` has no `location` key. It points at \
`event:`. A `location` that is present but empty is `empty-value` \
(FM013), and one with nothing after the colon `empty-toggle` (FM014), so \
one problem gets one report.\n\n\
## Why is this bad?\n\
Readers cannot tell whether to travel or to join a call, and calendar \
entries built from the page have no place.\n\n\
## Example\n\
```yaml\n\
event:\n  start: 2022-11-08T13:00:00.000Z\n  host: \"Civic Staff LGBT+ Network\"\n  # location: \"Online (Microsoft Teams)\"   <- missing\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// EV001.
struct EventMissingLocation;

impl Rule for EventMissingLocation {
    fn meta(&self) -> &'static RuleMeta {
        &EVENT_MISSING_LOCATION
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.document;
        if !has_details(doc) || has_event_key(doc, "location") {
            return;
        }
        out.push(
            labelled(
                cx.report(
                    self.meta(),
                    event_key_span(cx),
                    "this event has no location",
                ),
                "no `location` in these details",
            )
            .with_help(
                "add `location:` under `event:`: an address, \"Online\", or both \
                 (for example `location: \"Online (Microsoft Teams)\"`)",
            ),
        );
    }
}

// ---------------------------------------------------------------------------
// EV002 event-no-registration

static EVENT_NO_REGISTRATION: RuleMeta = RuleMeta {
    code: "EV002",
    name: "event-no-registration",
    family: "events",
    summary: "An event says neither how to register nor that no registration is needed.",
    doc: "## What it does\n\
Reports an event whose `event:` has none of `link` (a registration page), \
`email` (an address to register with) and `no-register` (text saying no \
registration is needed, such as \"Just turn up.\"). It points at `event:`. \
Keys that are present but empty are `empty-value` (FM013) or `empty-toggle` \
(FM014).\n\n\
## Why is this bad?\n\
An event page is where readers find out how to take part; with none of \
these they cannot tell whether they need to sign up, or how, and the \
organisers get questions instead of registrations.\n\n\
## Example\n\
```yaml\n\
event:\n  start: 2022-05-03T12:00:00.000Z\n  location: \"Regent's Park, London\"\n  # add one of: link, email, no-register: \"Just turn up.\"\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// EV002.
struct EventNoRegistration;

impl Rule for EventNoRegistration {
    fn meta(&self) -> &'static RuleMeta {
        &EVENT_NO_REGISTRATION
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.document;
        if !has_details(doc)
            || ["link", "email", "no-register"]
                .iter()
                .any(|k| has_event_key(doc, k))
        {
            return;
        }
        out.push(
            labelled(
                cx.report(
                    self.meta(),
                    event_key_span(cx),
                    "this event says neither how to register nor that no registration is needed",
                ),
                "no `link`, `email` or `no-register` in these details",
            )
            .with_help(
                "add one under `event:`: `link:` (a registration page), `email:` (an address \
                 to register with) or `no-register:` (for example \"Just turn up.\")",
            ),
        );
    }
}

// ---------------------------------------------------------------------------
// EV003 past-event-upcoming

static PAST_EVENT_UPCOMING: RuleMeta = RuleMeta {
    code: "EV003",
    name: "past-event-upcoming",
    family: "events",
    summary: "An event that has finished is still presented as upcoming.",
    doc: "## What it does\n\
Reports a published event that has finished (its `end`, else its `start`, \
is before now; `--now` or `MASTHEAD_NOW` fix \"now\") but is still presented \
as upcoming. It is presented as upcoming when:\n\n\
* its front matter says so: `upcoming` among its `category` or \
  `categories`, among its `tags`, or a key `upcoming: true` (also \
  `\"true\"`); or\n\
* its registration is still offered: it has a non-empty `link` or `email` \
  and either no `deadline` or a `deadline` after now. A `deadline` before \
  now closes registration, and `no-register` offers none.\n\n\
It reports once per event, at the first reason (the others are labels), \
with the end (or start) as a label. Events with no readable start, and \
unpublished ones, are left alone.\n\n\
## Why is this bad?\n\
Readers find an invitation to something that is over: a registration link \
that leads nowhere, or an \"upcoming\" list that starts in the past.\n\n\
## Example\n\
```yaml\n\
category:\n- upcoming                 # the event was in 2022\n\
event:\n  start: 2022-11-08T13:00:00.000Z\n  link: \"https://www.example.org/register/allyship-webinar\"   # no deadline\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// EV003.
struct PastEventUpcoming;

/// One thing that presents an event as upcoming.
struct Reason {
    span: Span,
    label: String,
    help: String,
}

/// Whether `word` is `upcoming`, ignoring case and surrounding space.
fn is_upcoming(word: &str) -> bool {
    word.trim().eq_ignore_ascii_case("upcoming")
}

/// `upcoming` in a list-or-string key (`category`, `categories`, `tags`):
/// the span of the item (or of the whole string) that says it.
fn upcoming_in(doc: &Document, key: &str) -> Option<Span> {
    let path = KeyPath::root().key(key);
    match value_at(&doc.data, &path)? {
        // Jekyll splits a `categories` or `tags` string on spaces.
        Value::String(s) if s.split_whitespace().any(is_upcoming) || is_upcoming(s) => {
            doc.spans.value_span(key)
        }
        Value::List(items) => items.iter().enumerate().find_map(|(i, item)| {
            item.as_str()
                .filter(|s| is_upcoming(s))
                .and_then(|_| doc.spans.get(&path.index(i)).map(|f| f.value))
        }),
        _ => None,
    }
}

/// Whether a front-matter value is `true`, as a boolean or the CMS's string.
fn is_true(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::String(s) => s.trim().eq_ignore_ascii_case("true"),
        _ => false,
    }
}

impl Rule for PastEventUpcoming {
    fn meta(&self) -> &'static RuleMeta {
        &PAST_EVENT_UPCOMING
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.document;
        let Some(event) = doc.event() else {
            return;
        };
        if !doc.is_published() {
            return;
        }
        let Some(start) = &event.start else {
            return;
        };
        let (last, last_key) = match &event.end {
            Some(end) => (end, "end"),
            None => (start, "start"),
        };
        if last.instant() >= cx.now {
            return;
        }

        let mut reasons = Vec::new();
        for key in ["category", "categories"] {
            if let Some(span) = upcoming_in(doc, key) {
                reasons.push(Reason {
                    span,
                    label: "in the `upcoming` category".into(),
                    help: format!("remove `upcoming` from `{key}`"),
                });
            }
        }
        if let Some(span) = upcoming_in(doc, "tags") {
            reasons.push(Reason {
                span,
                label: "tagged `upcoming`".into(),
                help: "remove `upcoming` from `tags`".into(),
            });
        }
        if value_at(&doc.data, &KeyPath::root().key("upcoming")).is_some_and(is_true)
            && let Some(span) = cx.value_span("upcoming")
        {
            reasons.push(Reason {
                span,
                label: "marked `upcoming`".into(),
                help: "set `upcoming: false`, or remove the key".into(),
            });
        }
        let offered = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
        let open = match &event.deadline {
            None => Some("with no `deadline`".to_string()),
            Some(deadline) if deadline.instant() > cx.now => {
                Some(format!("until the deadline, {}", clock(deadline.local())))
            }
            Some(_) => None,
        };
        if let Some(open) = open {
            // With `no-register` ("Just turn up."), an email is a contact
            // address, not a way to register.
            let channel = if offered(&event.link) {
                Some("link")
            } else if offered(&event.email) && !offered(&event.no_register) {
                Some("email")
            } else {
                None
            };
            if let Some(key) = channel
                && let Some(span) = cx.value_span(&format!("event.{key}"))
            {
                reasons.push(Reason {
                    span,
                    label: format!("registration still offered, {open}"),
                    help: if event.deadline.is_some() {
                        "move `deadline` to when registration closed".into()
                    } else {
                        "add a `deadline:` (when registration closed), or remove the registration `link`/`email`"
                            .into()
                    },
                });
            }
        }
        let Some(first) = reasons.first() else {
            return;
        };

        let what: Vec<&str> = reasons.iter().map(|r| r.label.as_str()).collect();
        let mut d = labelled(
            cx.report(
                self.meta(),
                first.span,
                format!(
                    "this event finished on {}, but it is still presented as upcoming: {}",
                    clock(last.local()),
                    what.join("; ")
                ),
            ),
            first.label.clone(),
        );
        for reason in reasons.iter().skip(1) {
            d = d.with_label(reason.span, reason.label.clone());
        }
        if let Some(span) = cx.value_span(&format!("event.{last_key}")) {
            let verb = if last_key == "end" {
                "ended"
            } else {
                "started"
            };
            d = d.with_label(span, format!("{verb} {}", clock(last.local())));
        }
        let help: Vec<&str> = reasons.iter().map(|r| r.help.as_str()).collect();
        out.push(d.with_help(help.join("; ")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::testing::*;

    const EVENT: &str = "_events/2022-10-10-allyship-webinar.md";

    fn event(top: &str, details: &str) -> String {
        format!("---\ntitle: \"Webinar\"\ndate: 2022-10-10\n{top}event:\n{details}---\n")
    }

    #[test]
    fn ev001_reports_a_missing_location_at_event() {
        let found = run(
            &EventMissingLocation,
            &[
                (
                    EVENT,
                    &event(
                        "",
                        "  start: 2022-11-08T13:00:00Z\n  email: \"e@example.org\"\n",
                    ),
                ),
                // Present but empty: FM013's.
                (
                    "_events/2022-05-03-picnic.md",
                    &event("", "  start: 2022-06-04T12:00:00Z\n  location: \"\"\n"),
                ),
                // No `event:` at all: the loader's FM003.
                ("_events/2022-01-01-bare.md", "---\ntitle: \"Bare\"\n---\n"),
            ],
        );
        assert_eq!(
            positions(&found),
            ["EV001 _events/2022-10-10-allyship-webinar.md:4:1"]
        );
        assert_eq!(found[0].diagnostic.message, "this event has no location");
    }

    #[test]
    fn ev002_accepts_any_of_link_email_no_register() {
        let mut files = vec![(
            EVENT.to_string(),
            event(
                "",
                "  start: 2022-11-08T13:00:00Z\n  location: \"Online\"\n",
            ),
        )];
        for (i, key) in ["link", "email", "no-register"].iter().enumerate() {
            files.push((
                format!("_events/2022-05-0{i}-ok.md"),
                event(
                    "",
                    &format!(
                        "  start: 2022-11-08T13:00:00Z\n  location: \"Online\"\n  {key}: \"x\"\n"
                    ),
                ),
            ));
        }
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let found = run(&EventNoRegistration, &files);
        assert_eq!(
            positions(&found),
            ["EV002 _events/2022-10-10-allyship-webinar.md:4:1"]
        );
    }

    #[test]
    fn ev003_reports_open_registration_after_the_event() {
        let found = run(
            &PastEventUpcoming,
            &[(
                EVENT,
                &event(
                    "",
                    "  start: 2022-11-08T13:00:00Z\n  end: 2022-11-08T14:00:00Z\n  link: \"https://example.org/r\"\n",
                ),
            )],
        );
        assert_eq!(
            positions(&found),
            ["EV003 _events/2022-10-10-allyship-webinar.md:7:9"]
        );
        let d = &found[0].diagnostic;
        assert_eq!(
            d.message,
            "this event finished on 2022-11-08 14:00, but it is still presented as upcoming: \
             registration still offered, with no `deadline`"
        );
        assert_eq!(d.labels.len(), 1, "{:?}", d.labels);
        assert_eq!(d.labels[0].message, "ended 2022-11-08 14:00");
    }

    #[test]
    fn ev003_reads_categories_tags_and_the_upcoming_key() {
        let found = run(
            &PastEventUpcoming,
            &[(
                EVENT,
                &event(
                    "category:\n- wellbeing\n- Upcoming\ntags: events upcoming\nupcoming: \"true\"\n",
                    "  start: 2022-11-08T13:00:00Z\n  deadline: 2022-11-04T17:00:00Z\n  link: \"https://example.org/r\"\n",
                ),
            )],
        );
        assert_eq!(
            positions(&found),
            ["EV003 _events/2022-10-10-allyship-webinar.md:6:3"]
        );
        let d = &found[0].diagnostic;
        assert!(
            d.message
                .ends_with("in the `upcoming` category; tagged `upcoming`; marked `upcoming`"),
            "{}",
            d.message
        );
        // Two more reasons and the start.
        assert_eq!(d.labels.len(), 3, "{:?}", d.labels);
    }

    #[test]
    fn ev003_leaves_closed_future_and_unpublished_events_alone() {
        let found = run(
            &PastEventUpcoming,
            &[
                // Registration closed before now.
                (
                    EVENT,
                    &event(
                        "",
                        "  start: 2022-11-08T13:00:00Z\n  deadline: 2022-11-04T17:00:00Z\n  link: \"https://example.org/r\"\n",
                    ),
                ),
                // Not finished: ends after now.
                (
                    "_events/2026-11-01-conference.md",
                    "---\ntitle: \"Conference\"\ndate: 2026-11-01\ncategory: upcoming\nevent:\n  start: 2026-11-20T09:00:00Z\n  end: 2026-11-23T17:00:00Z\n  link: \"https://example.org/c\"\n---\n",
                ),
                // Unpublished.
                (
                    "_events/2022-05-03-picnic.md",
                    &event(
                        "published: false\ncategory: upcoming\n",
                        "  start: 2022-06-04T12:00:00Z\n",
                    ),
                ),
                // No registration offered, nothing says upcoming.
                (
                    "_events/2022-02-01-walk.md",
                    &event(
                        "",
                        "  start: 2022-02-04T12:00:00Z\n  no-register: \"Just turn up.\"\n",
                    ),
                ),
            ],
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
