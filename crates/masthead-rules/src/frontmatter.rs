//! The front-matter rules: keys a document's type does not know (likely
//! typos, and for strict sites any extra key), and values left empty.
//!
//! The loader already reports what stops a value from being read
//! (FM001–FM010); these rules look at front matter that reads fine but
//! probably does not say what was meant.

use crate::similar::closest;
use masthead_diagnostics::{Diagnostic, Fix, Severity, Span};
use masthead_lint::{DocumentContext, FixAvailability, Rule, RuleMeta};
use masthead_model::config::DocumentType;
use masthead_model::document::Document;
use masthead_model::frontmatter::FrontMatter;
use masthead_model::site::Site;
use masthead_model::{KeyPath, Map, Segment, Value};

/// The rules of this family.
pub(crate) fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(UnknownKey),
        Box::new(UndeclaredKey),
        Box::new(EmptyValue),
        Box::new(EmptyToggle),
    ]
}

// ---------------------------------------------------------------------------
// Shared helpers (also used by the dates and events rules)

/// Sets the primary label's text of a finding built by `report`.
pub(crate) fn labelled(mut d: Diagnostic, label: impl Into<String>) -> Diagnostic {
    if let Some(p) = d.primary.as_mut() {
        p.message = label.into();
    }
    d
}

/// The value at `path` in `map` (a document's effective front matter).
pub(crate) fn value_at<'a>(map: &'a Map, path: &KeyPath) -> Option<&'a Value> {
    let mut segments = path.segments().iter();
    let mut value = match segments.next()? {
        Segment::Key(k) => map.get(k)?,
        Segment::Index(_) => return None,
    };
    for segment in segments {
        value = match (segment, value) {
            (Segment::Key(k), Value::Map(m)) => m.get(k)?,
            (Segment::Index(i), Value::List(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(value)
}

/// The text the file has at `span` (empty when out of range).
pub(crate) fn text_at(source: &str, span: Span) -> &str {
    source.get(span.start..span.end).unwrap_or("")
}

/// What to call a document of this type in messages.
pub(crate) fn type_noun(doc: &Document) -> &'static str {
    match doc.doc_type {
        DocumentType::Post => "post",
        DocumentType::Event => "event",
        DocumentType::Author => "author",
        DocumentType::Document => "document",
    }
}

/// The plural of [`type_noun`], for "a key of posts".
fn type_plural(doc: &Document) -> &'static str {
    match doc.doc_type {
        DocumentType::Post => "posts",
        DocumentType::Event => "events",
        DocumentType::Author => "authors",
        DocumentType::Document => "documents of untyped collections",
    }
}

// ---------------------------------------------------------------------------
// Known keys per type

/// The top-level keys of `PostFrontMatter`, as serde names them.
const POST_KEYS: &[&str] = &[
    "layout",
    "title",
    "excerpt",
    "date",
    "author",
    "category",
    "categories",
    "image",
    "image-alt",
    "video",
    "permalink",
    "slug",
    "redirect_from",
    "redirect_to",
    "published",
    "link",
    "end-date",
];

/// The top-level keys of `EventFrontMatter`.
const EVENT_KEYS: &[&str] = &[
    "layout",
    "title",
    "excerpt",
    "date",
    "author",
    "category",
    "categories",
    "image",
    "image-alt",
    "video",
    "permalink",
    "slug",
    "redirect_from",
    "redirect_to",
    "published",
    "event",
];

/// The keys of `EventDetails` (inside `event:`).
const EVENT_DETAIL_KEYS: &[&str] = &[
    "start",
    "end",
    "deadline",
    "host",
    "location",
    "link",
    "email",
    "no-register",
];

/// The top-level keys of `AuthorFrontMatter`.
const AUTHOR_KEYS: &[&str] = &[
    "layout",
    "person-name",
    "role",
    "email",
    "project",
    "region",
    "archive",
    "image",
    "permalink",
    "title",
    "redirect_from",
    "redirect_to",
    "published",
];

/// The top-level keys of `GenericFrontMatter`.
const DOCUMENT_KEYS: &[&str] = &[
    "layout",
    "title",
    "date",
    "category",
    "categories",
    "permalink",
    "slug",
    "redirect_from",
    "redirect_to",
    "published",
];

/// Known keys whose values are not free text (dates, booleans, enums, the
/// `event` mapping): an empty one is another rule's business.
const NOT_TEXT: &[&str] = &[
    "date",
    "end-date",
    "published",
    "role",
    "region",
    "archive",
    "event",
    "start",
    "end",
    "deadline",
];

/// The top-level keys `fm`'s type knows.
pub(crate) fn known_keys(fm: &FrontMatter) -> &'static [&'static str] {
    match fm {
        FrontMatter::Post(_) => POST_KEYS,
        FrontMatter::Event(_) => EVENT_KEYS,
        FrontMatter::Author(_) => AUTHOR_KEYS,
        FrontMatter::Document(_) => DOCUMENT_KEYS,
    }
}

/// Keys sites commonly add on purpose (Jekyll's own variables, popular
/// plugins and themes) that are never reported as misspellings, even when
/// they are a letter or two from a known key (`name`/`date`, `time`/`title`).
const COMMON_EXTRAS: &[&str] = &[
    "tags",
    "tag",
    "name",
    "time",
    "type",
    "lang",
    "description",
    "summary",
    "subtitle",
    "sitemap",
    "hidden",
    "draft",
    "order",
    "menu",
    "nav_order",
    "parent",
    "toc",
    "comments",
    "share",
    "excerpt_separator",
    "render_with_liquid",
    "last_modified_at",
    "canonical_url",
];

/// A key of `fm` (top-level, or inside `event:`) that its type does not know.
struct Unknown {
    path: KeyPath,
    key: String,
    known: &'static [&'static str],
}

/// Every key of `doc` its type does not know, in file order: top-level ones
/// first, then those inside `event:`. Keys the site declares for the
/// collection (`masthead.collections.<label>.fields`) are known too.
fn unknown_keys(site: &Site, doc: &Document) -> Vec<Unknown> {
    let known = known_keys(&doc.front_matter);
    let declared = site
        .config
        .masthead
        .as_ref()
        .and_then(|m| m.collections.get(&doc.collection))
        .map_or(&[][..], |m| m.fields());
    let mut out: Vec<Unknown> = doc
        .front_matter
        .extra()
        .keys()
        .filter(|k| !declared.iter().any(|f| &f.name == *k))
        .map(|k| Unknown {
            path: KeyPath::root().key(k.clone()),
            key: k.clone(),
            known,
        })
        .collect();
    if let FrontMatter::Event(f) = &doc.front_matter
        && let Some(details) = &f.event
    {
        out.extend(details.extra.keys().map(|k| Unknown {
            path: KeyPath::root().key("event").key(k.clone()),
            key: k.clone(),
            known: EVENT_DETAIL_KEYS,
        }));
    }
    out
}

/// The known key `key` is probably a misspelling of, if any.
fn misspelling_of(key: &str, known: &'static [&'static str]) -> Option<&'static str> {
    if COMMON_EXTRAS
        .iter()
        .any(|c| c.eq_ignore_ascii_case(key.trim()))
    {
        return None;
    }
    let suggestion = closest(key, known.iter().copied())?;
    // Short words a letter or two apart are as often different words
    // (`name`, `date`) as typos; trust them only when they start alike.
    let first = |w: &str| w.chars().next().map(|c| c.to_lowercase().to_string());
    if key.chars().count() <= 4 && first(key) != first(suggestion) {
        return None;
    }
    Some(suggestion)
}

/// The `where` part of messages: `` `titel` `` or `` `event.loaction` ``.
fn shown(path: &KeyPath) -> String {
    format!("`{path}`")
}

// ---------------------------------------------------------------------------
// FM011 unknown-key

static UNKNOWN_KEY: RuleMeta = RuleMeta {
    code: "FM011",
    name: "unknown-key",
    family: "front-matter",
    summary: "A front-matter key is probably a misspelling of a key the document's type knows.",
    doc: "## What it does\n\
Reports a key that the document's type does not know (top-level, or inside \
an event's `event:`) when it is a letter or two from one it does know: \
`titel` for `title`, `image_alt` for `image-alt`, `redirect-from` for \
`redirect_from`, `event.loaction` for `event.location`. The comparison \
ignores case and treats `_`, `-` and spaces alike. Keys with no close match \
are taken to be the site's own extras and left alone (see \
`undeclared-key`), and so are common extras such as `tags`, `name` and \
`time`. The fix renames the key (unsafe: the value starts to count).\n\n\
## Why is this bad?\n\
Jekyll keeps the misspelt key as a variable of its own that nothing reads: \
the field the editor meant stays unset, silently. A post without its \
`image-alt` has an image without a description; a `redirect-from` creates \
no redirect.\n\n\
## Example\n\
```yaml\n\
titel: \"Relaunching the network chairs forum\"   # write: title\n\
image_alt: \"The forum's logo\"                  # write: image-alt\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    enabled_by_default: true,
};

/// FM011.
struct UnknownKey;

impl Rule for UnknownKey {
    fn meta(&self) -> &'static RuleMeta {
        &UNKNOWN_KEY
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.document;
        for unknown in unknown_keys(cx.site, doc) {
            let Some(suggestion) = misspelling_of(&unknown.key, unknown.known) else {
                continue;
            };
            let Some(field) = doc.spans.get(&unknown.path) else {
                continue;
            };
            let key_span = field.key.unwrap_or(field.value);
            let nested = unknown.path.segments().len() > 1;
            let meant = if nested {
                KeyPath::root().key("event").key(suggestion)
            } else {
                KeyPath::root().key(suggestion)
            };
            let of = if nested {
                "`event:`".to_string()
            } else {
                type_plural(doc).to_string()
            };
            let key = &unknown.key;
            let also = doc.spans.get(&meant);
            let mut d = match also {
                Some(other) => labelled(
                    cx.report(
                        self.meta(),
                        key_span,
                        format!(
                            "`{key}` is not a key of {of}: it looks like a misspelling of `{suggestion}`, which is also set"
                        ),
                    ),
                    format!("a misspelling of `{suggestion}`?"),
                )
                .with_label(other.key.unwrap_or(other.value), format!("`{suggestion}` is set here"))
                .with_help(format!(
                    "remove this line, or move its value into `{suggestion}` and then remove it"
                )),
                None => labelled(
                    cx.report(
                        self.meta(),
                        key_span,
                        format!("`{key}` is not a key of {of}: did you mean `{suggestion}`?"),
                    ),
                    format!("did you mean `{suggestion}`?"),
                )
                .with_help(format!("rename `{key}` to `{suggestion}`"))
                .with_fix(Fix {
                    span: key_span,
                    replacement: suggestion.to_string(),
                    message: format!("rename `{key}` to `{suggestion}`"),
                    safe: false,
                }),
            };
            d = d.with_note(format!(
                "Jekyll keeps `{key}` as a variable of its own that templates do not read: this line does not set the {}'s `{meant}`",
                type_noun(doc)
            ));
            out.push(d);
        }
    }
}

// ---------------------------------------------------------------------------
// FM012 undeclared-key

static UNDECLARED_KEY: RuleMeta = RuleMeta {
    code: "FM012",
    name: "undeclared-key",
    family: "front-matter",
    summary: "A front-matter key is not one the document's type knows.",
    doc: "## What it does\n\
Reports every key the document's type does not know, top-level or inside an \
event's `event:`, with the keys the type does know. Keys the site declares \
for the collection (`masthead.collections.<label>.fields`, checked by \
`invalid-field`) are not reported. It is off by default: \
most sites add keys of their own that their templates read (`tags`, \
`description`, …). Sites that want strict front matter select it, and allow \
a deliberate extra per file with `# masthead: allow undeclared-key`. When \
`unknown-key` is enabled too, a key it reports as a misspelling is not \
reported again here.\n\n\
## Why is this bad?\n\
A key no template reads is dead weight at best, and at worst a field the \
editor believed was doing something: a leftover from an old layout, a key \
copied from another collection (`person-name` in a news post), or a \
misspelling too far from the right name to be recognised.\n\n\
## Example\n\
```yaml\n\
layout: news\n\
title: \"Our pride season plans\"\n\
person-name: \"Alex Morgan\"   # a team member's key, not a post's\n\
```\n",
    default_severity: Severity::Info,
    fix: FixAvailability::None,
    enabled_by_default: false,
};

/// FM012.
struct UndeclaredKey;

impl Rule for UndeclaredKey {
    fn meta(&self) -> &'static RuleMeta {
        &UNDECLARED_KEY
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.document;
        let typos_reported =
            cx.config.enabled(&UNKNOWN_KEY) && !cx.config.ignored_in(&UNKNOWN_KEY, &doc.path);
        for unknown in unknown_keys(cx.site, doc) {
            if typos_reported && misspelling_of(&unknown.key, unknown.known).is_some() {
                continue;
            }
            let Some(field) = doc.spans.get(&unknown.path) else {
                continue;
            };
            let nested = unknown.path.segments().len() > 1;
            let (of, knows) = if nested {
                ("`event:`".to_string(), "`event:` knows")
            } else {
                (type_plural(doc).to_string(), "this type knows")
            };
            let known: Vec<String> = unknown.known.iter().map(|k| format!("`{k}`")).collect();
            out.push(
                labelled(
                    cx.report(
                        self.meta(),
                        field.key.unwrap_or(field.value),
                        format!("{} is not a key of {of}", shown(&unknown.path)),
                    ),
                    "not a known key",
                )
                .with_help(
                    "remove it if nothing reads it; if the site's templates use it, add `# masthead: allow undeclared-key` to this front matter",
                )
                .with_note(format!("{knows} {}", known.join(", "))),
            );
        }
    }
}

// ---------------------------------------------------------------------------
// FM013 empty-value

static EMPTY_VALUE: RuleMeta = RuleMeta {
    code: "FM013",
    name: "empty-value",
    family: "front-matter",
    summary: "A text field is present but empty.",
    doc: "## What it does\n\
Reports a text field the document's type knows (`title`, `excerpt`, \
`author`, `image`, `image-alt`, `video`, `permalink`, an event's \
`location`, `host`, `link`, `email`, `no-register`, …) written as an empty \
string or only whitespace, and empty strings in lists such as `category` or \
`redirect_from`. Dates are left to the date rules: the CMS writes `end: \"\"` \
on purpose for an event without an end time. A key with nothing at all \
after the colon is `empty-toggle`.\n\n\
## Why is this bad?\n\
An empty string is not the same as no value. Liquid treats `\"\"` as true, \
so `{% if page.image %}` passes and the page shows an image with no \
source; an empty `excerpt` replaces the automatic one, so lists show no \
summary; an empty `title` gives a blank headline.\n\n\
## Example\n\
```yaml\n\
title: \"Pride in London 2022\"\n\
excerpt: \"\"          # write the summary, or remove the line\n\
image-alt: \"\"\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// FM013.
struct EmptyValue;

/// The text fields of `doc` checked by FM013, as paths: those that hold a
/// blank string, or a list with one:
/// the only ones EmptyValue has to look at (most documents have none, so
/// no key path is built for them).
fn text_fields(doc: &Document) -> Vec<KeyPath> {
    fn has_blank(value: Option<&Value>) -> bool {
        let blank = |v: &Value| matches!(v, Value::String(s) if s.trim().is_empty());
        match value {
            Some(Value::List(items)) => items.iter().any(blank),
            Some(v) => blank(v),
            None => false,
        }
    }
    let mut paths: Vec<KeyPath> = known_keys(&doc.front_matter)
        .iter()
        .filter(|k| !NOT_TEXT.contains(k) && has_blank(doc.data.get(**k)))
        .map(|k| KeyPath::root().key(*k))
        .collect();
    if matches!(doc.front_matter, FrontMatter::Event(_))
        && let Some(Value::Map(event)) = doc.data.get("event")
    {
        paths.extend(
            EVENT_DETAIL_KEYS
                .iter()
                .filter(|k| !NOT_TEXT.contains(k) && has_blank(event.get(**k)))
                .map(|k| KeyPath::root().key("event").key(*k)),
        );
    }
    paths
}

/// What an empty value of `field` does, for the note.
fn empty_consequence(field: &str, noun: &str) -> String {
    match field {
        "title" => format!("the {noun} shows a blank headline in lists, feeds and the browser tab"),
        "excerpt" => "an `excerpt` key replaces the automatic one (the first paragraph), so lists and feeds show no summary".into(),
        "author" => format!("the {noun} shows no author, and no author page lists it"),
        "image-alt" => "screen readers announce nothing for the image".into(),
        "person-name" => "posts cannot name this author, and the team page shows no name".into(),
        "location" => "the event page says nothing about where the event is".into(),
        _ => "Liquid treats an empty string as true: `{% if page.… %}` passes and the template renders an empty value".into(),
    }
}

impl Rule for EmptyValue {
    fn meta(&self) -> &'static RuleMeta {
        &EMPTY_VALUE
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.document;
        let noun = type_noun(doc);
        let blank = |s: &str| s.trim().is_empty();
        let what = |s: &str| {
            if s.is_empty() {
                "an empty string"
            } else {
                "only whitespace"
            }
        };
        for path in text_fields(doc) {
            let Some(value) = value_at(&doc.data, &path) else {
                continue;
            };
            let field = match path.segments().last() {
                Some(Segment::Key(k)) => k.as_str(),
                _ => continue,
            };
            match value {
                Value::String(s) if blank(s) => {
                    let Some(span) = doc.spans.value_span(&path.to_string()) else {
                        continue;
                    };
                    out.push(
                        labelled(
                            cx.report(
                                self.meta(),
                                span,
                                format!("`{path}` is {}", what(s)),
                            ),
                            what(s),
                        )
                        .with_help(format!(
                            "fill in `{field}`, or comment the line out with `#` if this {noun} has none"
                        ))
                        .with_note(empty_consequence(field, noun)),
                    );
                }
                Value::List(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let Value::String(s) = item else { continue };
                        if !blank(s) {
                            continue;
                        }
                        let item_path = path.index(i);
                        let Some(span) = doc.spans.get(&item_path).map(|f| f.value) else {
                            continue;
                        };
                        out.push(
                            labelled(
                                cx.report(
                                    self.meta(),
                                    span,
                                    format!("item {} of `{path}` is {}", i + 1, what(s)),
                                ),
                                what(s),
                            )
                            .with_help(format!("fill in the item, or remove it from `{path}`")),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

// ---------------------------------------------------------------------------
// FM014 empty-toggle

static EMPTY_TOGGLE: RuleMeta = RuleMeta {
    code: "FM014",
    name: "empty-toggle",
    family: "front-matter",
    summary: "A key was switched on (uncommented) but left without a value.",
    doc: "## What it does\n\
Reports a key with nothing after the colon (`image:`), or a list whose items \
are all empty (`redirect_from:` followed by a bare `- `): what the CMS's \
house template gives when a commented-out toggle such as `# redirect_from: ` \
/ `# - ` is uncommented and never filled in. It looks at top-level keys and \
the keys inside an event's `event:`, and points at the key. An explicit \
`~` or `null` is taken as meant; `published:` (which unpublishes) and \
required fields (reported by `missing-field`) are left to other rules. The \
fix comments the lines out again (unsafe: a default from `_config.yml` may \
then apply).\n\n\
## Why is this bad?\n\
YAML reads nothing as null. Jekyll passes it to templates as `nil` and it \
hides any default for the key; a `redirect_from` of empty items looks like \
a redirect but creates none. The editor meant either to fill it in or to \
leave the toggle off.\n\n\
## Example\n\
```yaml\n\
# video: \"\"\n\
redirect_from: \n\
- \n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    enabled_by_default: true,
};

/// FM014.
struct EmptyToggle;

/// Keys FM014 leaves alone: a null `published` unpublishes (a meaning), and
/// a missing required field is the loader's FM003.
fn toggle_exempt(doc: &Document, path: &KeyPath) -> bool {
    let keys: Vec<&str> = path
        .segments()
        .iter()
        .filter_map(|s| match s {
            Segment::Key(k) => Some(k.as_str()),
            Segment::Index(_) => None,
        })
        .collect();
    matches!(
        (doc.doc_type, keys.as_slice()),
        (_, ["published"])
            | (DocumentType::Post | DocumentType::Event, ["title"])
            | (DocumentType::Event, ["event"] | ["event", "start"])
            | (DocumentType::Author, ["person-name"])
    )
}

/// The paths FM014 looks at: top-level keys, and keys inside an event's
/// `event:`.
fn is_toggle_path(doc: &Document, path: &KeyPath) -> bool {
    match path.segments() {
        [Segment::Key(_)] => true,
        [Segment::Key(e), Segment::Key(_)] => {
            e == "event" && matches!(doc.front_matter, FrontMatter::Event(_))
        }
        _ => false,
    }
}

/// The fix that comments out `key_span`'s line and the lines up to `last`
/// (the end of the value): `# ` after each line's indentation, as the house
/// template writes toggles. `None` when the key does not start its line or
/// a following line is more than a bare `-`.
fn comment_out(source: &str, key_span: Span, last: usize) -> Option<Fix> {
    let line_start = source
        .get(..key_span.start)?
        .rfind('\n')
        .map_or(0, |i| i + 1);
    if !source.get(line_start..key_span.start)?.trim().is_empty() {
        return None;
    }
    let from_last = source.get(last.max(key_span.end)..)?;
    let end = last.max(key_span.end) + from_last.find('\n').unwrap_or(from_last.len());
    let block = source.get(line_start..end)?;
    let mut lines = block.split('\n');
    let first = lines.next()?;
    let mut replaced = vec![indent_comment(first)];
    for line in lines {
        if line.trim() != "-" {
            return None;
        }
        replaced.push(indent_comment(line));
    }
    Some(Fix {
        span: Span::new(line_start, end),
        replacement: replaced.join("\n"),
        message: "comment the toggle out again".into(),
        safe: false,
    })
}

/// `line` with `# ` inserted after its indentation.
fn indent_comment(line: &str) -> String {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let (lead, rest) = line.split_at(indent);
    format!("{lead}# {rest}")
}

impl Rule for EmptyToggle {
    fn meta(&self) -> &'static RuleMeta {
        &EMPTY_TOGGLE
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.document;
        let source = cx.source;
        let nothing = |span: Span| text_at(source, span).trim().is_empty();
        for entry in doc.spans.iter().filter(|e| matches!(e.depth(), 1 | 2)) {
            let field = entry.span();
            // Both findings need a value with no text, or a block list of
            // bare `-` items (perhaps after an anchor, a tag or a comment).
            // Most values are neither: skip them before building a path.
            let text = text_at(source, field.value).trim_start();
            if !(text.is_empty() || text.starts_with(['-', '&', '!', '#'])) {
                continue;
            }
            let path = &entry.path();
            if !is_toggle_path(doc, path) || toggle_exempt(doc, path) {
                continue;
            }
            let Some(key_span) = field.key else { continue };
            let Some(value) = value_at(&doc.data, path) else {
                continue;
            };
            let (message, label, last) = match value {
                Value::Null if nothing(field.value) => (
                    format!("`{path}` has no value: it was switched on but not filled in"),
                    "nothing after the colon".to_string(),
                    field.value.end,
                ),
                Value::List(items)
                    if !items.is_empty()
                        && items.iter().enumerate().all(|(i, item)| {
                            item.is_null()
                                && doc
                                    .spans
                                    .get(&path.index(i))
                                    .is_some_and(|f| nothing(f.value))
                        }) =>
                {
                    let last = doc
                        .spans
                        .get(&path.index(items.len() - 1))
                        .map_or(field.value.end, |f| f.value.end);
                    (
                        format!(
                            "`{path}` lists only empty items: it was switched on but not filled in"
                        ),
                        if items.len() == 1 {
                            "followed by an empty `- ` item".to_string()
                        } else {
                            format!("followed by {} empty `- ` items", items.len())
                        },
                        last,
                    )
                }
                _ => continue,
            };
            let key = text_at(source, key_span);
            let mut d = labelled(cx.report(self.meta(), key_span, message), label)
                .with_help(format!(
                    "comment it out again with `#` (`# {key}: `), or give it a value"
                ))
                .with_note(
                    "YAML reads nothing after `:` or `-` as null: Jekyll passes it on as `nil`, which also hides any default for the key",
                );
            if let Some(fix) = comment_out(source, key_span, last) {
                d = d.with_fix(fix);
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Loads a small site from text and runs rules on it, for unit tests.

    use masthead_diagnostics::{Diagnostic, LineIndex};
    use masthead_lint::{DocumentContext, LintConfig, Rule, SiteContext};
    use masthead_model::date::Instant;
    use masthead_model::site::Site;
    use masthead_source::{LoadOptions, load_site};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// The `_config.yml` used unless a test gives its own.
    pub(crate) const CONFIG: &str = "title: Civic Staff LGBT+ Network\nurl: https://www.example.org\ntimezone: Europe/London\ncollections:\n  news:\n    output: true\n    permalink: /news/:year/:month/:day/:title\n  events:\n    output: true\n    permalink: /events/:year/:month/:day/:title\n  team:\n    output: true\n    permalink: /team/:title/\n  topics:\n    output: true\n    permalink: /topics/:title/\nmasthead:\n  collections:\n    team: author\n";

    /// The fixtures' "now": 2026-11-22 12:00 UTC.
    pub(crate) fn now() -> Instant {
        Instant::parse("2026-11-22T12:00:00Z").unwrap_or_else(|_| Instant::from_unix_seconds(0))
    }

    /// Writes `files` (path, text) to a fresh folder, with [`CONFIG`] unless
    /// `_config.yml` is among them, and loads it.
    pub(crate) fn site(files: &[(&str, &str)]) -> Site {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "masthead-rules-test-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let mut all: Vec<(&str, &str)> = files.to_vec();
        if !files.iter().any(|(p, _)| *p == "_config.yml") {
            all.push(("_config.yml", CONFIG));
        }
        for (path, text) in all {
            let file = dir.join(path);
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent).expect("create test folder");
            }
            std::fs::write(&file, text).expect("write test file");
        }
        let site = load_site(&dir, &LoadOptions::default().with_now(now())).expect("load");
        let _ = std::fs::remove_dir_all(&dir);
        site
    }

    /// One finding, with its position as `CODE path:line:col`.
    #[derive(Debug)]
    pub(crate) struct Finding {
        /// `CODE path:line:col` of the primary label.
        pub(crate) at: String,
        /// The whole diagnostic.
        pub(crate) diagnostic: Diagnostic,
    }

    /// Runs `rule` over `site` as the engine does (default configuration).
    pub(crate) fn run_on(rule: &dyn Rule, site: &Site) -> Vec<Finding> {
        let config = LintConfig::default();
        let mut out = Vec::new();
        for doc in &site.documents {
            let cx = DocumentContext::new(site, doc, now(), &config);
            rule.check_document(&cx, &mut out);
        }
        let cx = SiteContext::new(site, now(), &config);
        rule.check_site(&cx, &mut out);
        out.into_iter()
            .map(|d| {
                let file = d.file.clone().unwrap_or_default();
                let text = site.sources.get(&file).map_or("", String::as_str);
                let (line, col) = d.primary.as_ref().map_or((0, 0), |p| {
                    LineIndex::new(text).line_col(text, p.span.start)
                });
                Finding {
                    at: format!("{} {file}:{line}:{col}", d.code),
                    diagnostic: d,
                }
            })
            .collect()
    }

    /// Loads `files` and runs `rule`.
    pub(crate) fn run(rule: &dyn Rule, files: &[(&str, &str)]) -> Vec<Finding> {
        run_on(rule, &site(files))
    }

    /// The `CODE path:line:col` of every finding.
    pub(crate) fn positions(found: &[Finding]) -> Vec<&str> {
        found.iter().map(|f| f.at.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use masthead_model::frontmatter::{
        AuthorFrontMatter, EventDetails, EventFrontMatter, GenericFrontMatter, PostFrontMatter,
    };

    /// The field names of a struct as its derived `Debug` prints them (all
    /// `None` or empty in a default value, so no value contains `, `).
    fn debug_fields(debug: &str) -> Vec<String> {
        let inner = debug
            .split_once('{')
            .and_then(|(_, rest)| rest.rsplit_once('}'))
            .map_or("", |(inner, _)| inner);
        let mut names: Vec<String> = inner
            .split(", ")
            .filter_map(|f| f.split_once(':').map(|(name, _)| name.trim().to_string()))
            .filter(|name| name != "extra")
            .collect();
        names.sort();
        names
    }

    fn rust_names(keys: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = keys.iter().map(|k| k.replace('-', "_")).collect();
        names.sort();
        names
    }

    /// Every field of each front-matter struct is in its list (the `Debug`
    /// names), and every listed key is spelled as the loader knows it (a
    /// document with all of them has no extra keys).
    #[test]
    fn known_key_lists_match_the_structs() {
        let pairs = [
            (format!("{:?}", PostFrontMatter::default()), POST_KEYS),
            (format!("{:?}", EventFrontMatter::default()), EVENT_KEYS),
            (format!("{:?}", EventDetails::default()), EVENT_DETAIL_KEYS),
            (format!("{:?}", AuthorFrontMatter::default()), AUTHOR_KEYS),
            (
                format!("{:?}", GenericFrontMatter::default()),
                DOCUMENT_KEYS,
            ),
        ];
        for (debug, keys) in pairs {
            assert_eq!(debug_fields(&debug), rust_names(keys), "{debug}");
        }

        let front = |keys: &[&str]| {
            let mut text = String::from("---\n");
            for key in keys {
                match *key {
                    "date" | "end-date" => text.push_str(&format!("{key}: 2021-11-22\n")),
                    "event" => {
                        text.push_str("event:\n");
                        for k in EVENT_DETAIL_KEYS {
                            let v = match *k {
                                "start" | "deadline" => "2021-11-22",
                                "end" => "\"\"",
                                _ => "x",
                            };
                            text.push_str(&format!("  {k}: {v}\n"));
                        }
                    }
                    _ => text.push_str(&format!("{key}: x\n")),
                }
            }
            text.push_str("zzz: 1\n---\n");
            text
        };
        let config = format!("{CONFIG}    topics: document\n");
        let site = site(&[
            ("_config.yml", &config),
            ("_news/2021-11-22-a.md", &front(POST_KEYS)),
            ("_events/2021-11-22-b.md", &front(EVENT_KEYS)),
            ("_team/c.md", &front(AUTHOR_KEYS)),
            ("_topics/d.md", &front(DOCUMENT_KEYS)),
        ]);
        assert_eq!(site.documents.len(), 4);
        for doc in &site.documents {
            let extra: Vec<&String> = doc.front_matter.extra().keys().collect();
            assert_eq!(extra, ["zzz"], "{}", doc.path);
            assert_eq!(
                known_keys(&doc.front_matter),
                match doc.collection.as_str() {
                    "news" => POST_KEYS,
                    "events" => EVENT_KEYS,
                    "team" => AUTHOR_KEYS,
                    _ => DOCUMENT_KEYS,
                }
            );
            if let FrontMatter::Event(f) = &doc.front_matter {
                let details = f.event.as_ref().expect("event details");
                assert!(details.extra.is_empty(), "{:?}", details.extra);
            }
        }
    }

    const NEWS: &str = "_news/2021-11-22-relaunching-the-forum.md";

    #[test]
    fn fm011_suggests_the_key_meant() {
        let found = run(
            &UnknownKey,
            &[(
                NEWS,
                "---\nlayout: news\ntitel: \"Relaunching the forum\"\nimage_alt: \"Logo\"\ntags: [forum]\nname: x\ntime: 6pm\nbreadcrumbs: true\n---\n",
            )],
        );
        assert_eq!(
            positions(&found),
            [
                "FM011 _news/2021-11-22-relaunching-the-forum.md:3:1",
                "FM011 _news/2021-11-22-relaunching-the-forum.md:4:1",
            ]
        );
        let d = &found[0].diagnostic;
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(
            d.message,
            "`titel` is not a key of posts: did you mean `title`?"
        );
        let fix = d.fix.as_ref().expect("a fix");
        assert_eq!(fix.replacement, "title");
        assert!(!fix.safe);
        assert_eq!(
            found[1].diagnostic.message,
            "`image_alt` is not a key of posts: did you mean `image-alt`?"
        );
    }

    #[test]
    fn fm011_says_when_the_right_key_is_also_set_and_looks_inside_event() {
        let found = run(
            &UnknownKey,
            &[(
                "_events/2022-10-10-webinar.md",
                "---\ntitle: \"Webinar\"\nTitle: \"Old\"\nevent:\n  start: 2022-11-08T13:00:00Z\n  loaction: \"Online\"\n---\n",
            )],
        );
        assert_eq!(
            positions(&found),
            [
                "FM011 _events/2022-10-10-webinar.md:3:1",
                "FM011 _events/2022-10-10-webinar.md:6:3",
            ]
        );
        let also = &found[0].diagnostic;
        assert!(
            also.message.contains("which is also set"),
            "{}",
            also.message
        );
        assert!(also.fix.is_none());
        assert_eq!(also.labels.len(), 1);
        assert_eq!(
            found[1].diagnostic.message,
            "`loaction` is not a key of `event:`: did you mean `location`?"
        );
    }

    #[test]
    fn fm011_leaves_common_extras_alone() {
        for key in [
            "tags",
            "name",
            "time",
            "type",
            "lang",
            "description",
            "sitemap",
            "order",
        ] {
            for known in [POST_KEYS, EVENT_KEYS, AUTHOR_KEYS, DOCUMENT_KEYS] {
                assert_eq!(misspelling_of(key, known), None, "{key}");
            }
        }
        assert_eq!(misspelling_of("catgory", POST_KEYS), Some("category"));
        assert_eq!(
            misspelling_of("redirect-from", POST_KEYS),
            Some("redirect_from")
        );
        assert_eq!(
            misspelling_of("personname", AUTHOR_KEYS),
            Some("person-name")
        );
        assert_eq!(
            misspelling_of("no_register", EVENT_DETAIL_KEYS),
            Some("no-register")
        );
    }

    #[test]
    fn fm012_reports_every_extra_except_what_fm011_reports() {
        let files = [(
            NEWS,
            "---\ntitle: \"x\"\ntitel: \"y\"\ntags: [a]\nperson-name: \"Alex Morgan\"\n---\n",
        )];
        let found = run(&UndeclaredKey, &files);
        // FM011 is enabled by default, so `titel` is its.
        assert_eq!(
            positions(&found),
            [
                "FM012 _news/2021-11-22-relaunching-the-forum.md:4:1",
                "FM012 _news/2021-11-22-relaunching-the-forum.md:5:1",
            ]
        );
        let d = &found[0].diagnostic;
        assert_eq!(d.severity, Severity::Info);
        assert_eq!(d.message, "`tags` is not a key of posts");
        assert!(
            d.notes[0].starts_with("this type knows `layout`, `title`"),
            "{:?}",
            d.notes
        );
        assert!(!UNDECLARED_KEY.enabled_by_default);
    }

    #[test]
    fn fm013_reports_empty_and_blank_text() {
        let found = run(
            &EmptyValue,
            &[
                (
                    NEWS,
                    "---\ntitle: \"  \"\nexcerpt: \"\"\nauthor: \"Alex Morgan\"\ncategory:\n- \"\"\n- forum\nimage-alt: ''\nmood: \"\"\n---\n",
                ),
                (
                    "_events/2022-10-10-webinar.md",
                    "---\ntitle: \"Webinar\"\nevent:\n  start: 2022-11-08T13:00:00Z\n  end: \"\"\n  location: \"\"\n  link: \"https://example.org/r\"\n---\n",
                ),
                ("_team/alex-morgan.md", "---\nperson-name: \"\"\n---\n"),
            ],
        );
        assert_eq!(
            positions(&found),
            [
                "FM013 _events/2022-10-10-webinar.md:6:13",
                "FM013 _news/2021-11-22-relaunching-the-forum.md:2:8",
                "FM013 _news/2021-11-22-relaunching-the-forum.md:3:10",
                "FM013 _news/2021-11-22-relaunching-the-forum.md:6:3",
                "FM013 _news/2021-11-22-relaunching-the-forum.md:8:12",
                "FM013 _team/alex-morgan.md:2:14",
            ]
        );
        let messages: Vec<&str> = found
            .iter()
            .map(|f| f.diagnostic.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "`event.location` is an empty string",
                "`title` is only whitespace",
                "`excerpt` is an empty string",
                "item 1 of `category` is an empty string",
                "`image-alt` is an empty string",
                "`person-name` is an empty string",
            ]
        );
    }

    #[test]
    fn fm014_reports_uncommented_toggles_at_the_key() {
        let text = "---\n# Adding or removing a '#' in front of a line will toggle that information off and on from being processed. \ntitle: \"x\"\nimage:\nvideo: ~\npublished:\nredirect_from: \n- \nredirect_to:\n- /a\n- \n---\n";
        let found = run(&EmptyToggle, &[(NEWS, text)]);
        assert_eq!(
            positions(&found),
            [
                "FM014 _news/2021-11-22-relaunching-the-forum.md:4:1",
                "FM014 _news/2021-11-22-relaunching-the-forum.md:7:1",
            ]
        );
        assert_eq!(
            found[1].diagnostic.message,
            "`redirect_from` lists only empty items: it was switched on but not filled in"
        );
        let fix = found[1].diagnostic.fix.as_ref().expect("fix");
        assert_eq!(fix.replacement, "# redirect_from: \n# - ");
        assert_eq!(
            text.get(fix.span.start..fix.span.end),
            Some("redirect_from: \n- ")
        );
        let fix = found[0].diagnostic.fix.as_ref().expect("fix");
        assert_eq!(fix.replacement, "# image:");
    }

    #[test]
    fn fm014_finds_empty_lists_behind_anchors_tags_and_comments() {
        // Values skipped before their path is built start otherwise: none
        // of these may be skipped.
        let text = "---\ntitle: \"x\"\nimage: &a\n- \ncategory: !!seq\n- \n- \nvideo: # to do\nlink:   \nredirect_from: -5\n---\n";
        let found = run(&EmptyToggle, &[(NEWS, text)]);
        assert_eq!(
            positions(&found),
            [
                "FM014 _news/2021-11-22-relaunching-the-forum.md:3:1",
                "FM014 _news/2021-11-22-relaunching-the-forum.md:5:1",
                "FM014 _news/2021-11-22-relaunching-the-forum.md:8:1",
                "FM014 _news/2021-11-22-relaunching-the-forum.md:9:1",
            ]
        );
    }

    #[test]
    fn fm014_looks_inside_event_but_not_at_required_keys() {
        let found = run(
            &EmptyToggle,
            &[
                (
                    "_events/2022-10-10-webinar.md",
                    "---\ntitle:\nevent:\n  start: 2022-11-08T13:00:00Z\n  link:\n---\n",
                ),
                ("_topics/pride.md", "---\ntitle:\ncategory: pride\n---\n"),
            ],
        );
        assert_eq!(
            positions(&found),
            [
                "FM014 _events/2022-10-10-webinar.md:5:3",
                "FM014 _topics/pride.md:2:1",
            ]
        );
        let fix = found[0].diagnostic.fix.as_ref().expect("fix");
        assert_eq!(fix.replacement, "  # link:");
    }

    #[test]
    fn comment_out_refuses_flow_and_filled_lines() {
        assert_eq!(comment_out("{a: , b: 1}", Span::new(1, 2), 3), None);
        assert_eq!(comment_out("a:\n- \n- x\n", Span::new(0, 1), 9), None);
        assert_eq!(comment_out("", Span::new(5, 9), 12), None);
    }
}
