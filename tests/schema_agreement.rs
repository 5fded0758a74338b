//! The front-matter schemas agree with the loader, both ways: a generated
//! front matter (valid, or mutated with wrong types, missing required
//! fields, bad enum values, odd dates and extra keys) is accepted by its
//! type's JSON Schema (checked with the `jsonschema` crate) exactly when
//! the loader reads it without an error-severity problem. Warnings, such as
//! a malformed date Jekyll still reads, are accepted by both.
//!
//! The JSON instance is masthead's own reading of the YAML
//! (`masthead_schema::to_json`). The known disagreements are the ones
//! docs/decisions/0004-schema-agreement.md lists; each is recognised here
//! precisely and must go the documented way.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead::lint::{CheckOptions, Engine, LintConfig};
use masthead::model::config::DocumentType;
use masthead::model::date::{DateValue, Instant};
use masthead::model::{KeyPath, Value};
use masthead::{LoadOptions, load_site};
use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;
use serde_json::json;
use std::path::Path;
use std::sync::LazyLock;

// ---------------------------------------------------------------------------
// A small YAML model and emitter

/// A YAML value as the generator writes it: scalars keep their spelling.
#[derive(Clone, Debug)]
enum Y {
    /// A scalar written plain when that is safe, else double-quoted.
    Plain(String),
    /// A scalar always double-quoted (a string whatever it says).
    Quoted(String),
    /// A list, in flow or block style.
    List(Vec<Y>, bool),
    /// A mapping, in flow or block style.
    Map(Vec<(String, Y)>, bool),
}

/// Whether `text` can be written as a plain scalar in any context and
/// read back as the same text.
fn plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let last = text.chars().last().unwrap_or(' ');
    let first_ok = first.is_ascii_alphanumeric()
        || matches!(first, '.' | '~' | '+' | '/')
        || (first == '-'
            && text
                .chars()
                .nth(1)
                .is_some_and(|c| c.is_ascii_digit() || c == '.'));
    first_ok
        && !matches!(last, ' ' | '\t' | ':')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.contains(":,")
        && text.chars().all(|c| {
            !c.is_control()
                && !matches!(
                    c,
                    ',' | '['
                        | ']'
                        | '{'
                        | '}'
                        | '#'
                        | '&'
                        | '*'
                        | '!'
                        | '|'
                        | '>'
                        | '\''
                        | '"'
                        | '%'
                        | '@'
                        | '`'
                )
                && (c.is_ascii() || !c.is_whitespace())
        })
}

fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

fn scalar(text: &str, force_quotes: bool) -> String {
    if !force_quotes && (text.is_empty() || plain_safe(text)) {
        text.to_string()
    } else {
        quoted(text)
    }
}

fn key(text: &str) -> String {
    if plain_safe(text) && !text.contains(':') {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// `y` in flow style: inside a flow collection (`nested`), or as a value
/// on its key's line.
fn flow(y: &Y, nested: bool) -> String {
    match y {
        Y::Plain(t) if t.is_empty() => "null".into(),
        // Inside a flow collection libyaml (and so Psych) refuses a `:`
        // that a non-blank follows in a plain scalar (`[a:b]`).
        Y::Plain(t) => scalar(t, nested && t.contains(':')),
        Y::Quoted(t) => quoted(t),
        Y::List(items, _) => format!(
            "[{}]",
            items
                .iter()
                .map(|item| flow(item, true))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Y::Map(entries, _) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{}: {}", key(k), flow(v, true)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `value` after `key:` at `indent`: inline for scalars and flow
/// collections, on the following lines for block ones.
fn block(y: &Y, indent: usize) -> String {
    let pad = " ".repeat(indent);
    match y {
        Y::List(items, false) if !items.is_empty() => items
            .iter()
            .map(|item| format!("\n{pad}  -{}", block(item, indent + 4)))
            .collect(),
        Y::Map(entries, false) if !entries.is_empty() => entries
            .iter()
            .map(|(k, v)| format!("\n{pad}  {}:{}", key(k), block(v, indent + 2)))
            .collect(),
        Y::Plain(t) if t.is_empty() => String::new(),
        other => format!(" {}", flow(other, false)),
    }
}

fn front_matter(entries: &[(String, Y)]) -> String {
    entries
        .iter()
        .map(|(k, v)| format!("{}:{}\n", key(k), block(v, 0)))
        .collect()
}

// ---------------------------------------------------------------------------
// Generators

fn text_pool() -> BoxedStrategy<String> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9 ._/-]{0,14}",
        Just("Our pride season plans".to_string()),
        Just("2021".to_string()),
        Just("a: b".to_string()),
        Just(" padded ".to_string()),
        Just("".to_string()),
        Just("ünïcödé – “quotes”".to_string()),
        "[ -~]{0,8}",
    ]
    .boxed()
}

/// Plain texts YAML (Psych) reads as something other than a string.
fn typed_scalar() -> BoxedStrategy<Y> {
    prop_oneof![
        prop::sample::select(vec![
            "12",
            "-3",
            "012",
            "0x1F",
            "0b101",
            "1_000",
            "1,000",
            "1:30",
            "99999999999999999999",
            "1.5",
            "1.0",
            "-0.5",
            "1.",
            ".5",
            ".inf",
            "-.inf",
            ".nan",
            "1e3",
            "yes",
            "No",
            "true",
            "FALSE",
            "on",
            "off",
            "~",
            "null",
            "",
        ])
        .prop_map(|s| Y::Plain(s.to_string())),
        any::<i32>().prop_map(|i| Y::Plain(i.to_string())),
    ]
    .boxed()
}

fn any_scalar() -> BoxedStrategy<Y> {
    prop_oneof![
        3 => typed_scalar(),
        3 => text_pool().prop_map(Y::Plain),
        2 => text_pool().prop_map(Y::Quoted),
    ]
    .boxed()
}

/// Anything at all, a scalar or a small nested collection.
fn any_value() -> BoxedStrategy<Y> {
    any_scalar()
        .prop_recursive(2, 8, 3, |inner| {
            prop_oneof![
                (prop::collection::vec(inner.clone(), 0..3), any::<bool>())
                    .prop_map(|(v, f)| Y::List(v, f)),
                (
                    prop::collection::vec(("[a-z]{1,6}", inner), 0..3),
                    any::<bool>()
                )
                    .prop_map(|(mut v, f)| {
                        // Repeated keys are FM004, which JSON cannot show
                        // (docs/decisions/0004, item 5).
                        let mut seen = std::collections::HashSet::new();
                        v.retain(|(k, _)| seen.insert(k.clone()));
                        Y::Map(v, f)
                    }),
            ]
        })
        .boxed()
}

/// Date texts close to what front matter holds, valid and not.
const DATES: &str = "[ ]?(19|20|00|99)[0-9]{2}-(0?[1-9]|1[0-2]|00|13)-(0?[1-9]|[12][0-9]|3[0-2])(( |T)([01]?[0-9]|2[0-5]):[0-6][0-9](:[0-6][0-9](\\.[0-9]{1,3})?)?( ?(am|pm))?( ?([+-](0[0-9]|1[0-4]|2[2-4])(:?[0-6][0-9])?|Z|UTC|EST|A|[+-][0-9]))?)?[ ]?";

fn date_text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => DATES,
        1 => prop::sample::select(vec![
            "2021-11-22", "2021-02-30", "2021-13-45", "next tuesday", "22 Nov 2021",
            "2020-10-05T11:00:00.000ZT11:00:00.000Z", "2021-11-22 10:00:00 +1", "",
        ]).prop_map(str::to_string),
    ]
    .boxed()
}

fn date_value() -> BoxedStrategy<Y> {
    prop_oneof![
        8 => (date_text(), any::<bool>()).prop_map(|(d, q)| if q { Y::Quoted(d) } else { Y::Plain(d) }),
        1 => any_value(),
    ]
    .boxed()
}

fn optional_date() -> BoxedStrategy<Y> {
    prop_oneof![
        6 => date_value(),
        1 => prop::sample::select(vec!["", " ", "\u{3000}"]).prop_map(|s| Y::Quoted(s.to_string())),
        1 => Just(Y::Plain(String::new())),
    ]
    .boxed()
}

fn text_value() -> BoxedStrategy<Y> {
    prop_oneof![6 => any_scalar(), 1 => any_value()].boxed()
}

fn one_or_many() -> BoxedStrategy<Y> {
    prop_oneof![
        3 => text_pool().prop_map(Y::Plain),
        3 => (prop::collection::vec(any_scalar(), 0..4), any::<bool>()).prop_map(|(v, f)| Y::List(v, f)),
        2 => typed_scalar(),
        1 => any_value(),
    ]
    .boxed()
}

fn loose_bool() -> BoxedStrategy<Y> {
    prop_oneof![
        4 => prop::sample::select(vec!["true", "false", "yes", "off"]).prop_map(|s| Y::Plain(s.into())),
        2 => prop::sample::select(vec!["true", "false", "maybe", ""]).prop_map(|s| Y::Quoted(s.into())),
        2 => typed_scalar(),
        1 => any_value(),
    ]
    .boxed()
}

fn one_of(good: &'static [&'static str]) -> BoxedStrategy<Y> {
    prop_oneof![
        5 => prop::sample::select(good).prop_map(|s| Y::Plain(s.into())),
        1 => prop::sample::select(good).prop_map(|s| Y::Quoted(s.into())),
        2 => prop::sample::select(vec!["Chair", "boss", "london", "North  East", "chair "])
            .prop_map(|s| Y::Quoted(s.into())),
        2 => any_value(),
    ]
    .boxed()
}

const ROLES: &[&str] = &[
    "chair",
    "interim chair",
    "vice chair",
    "interim vice chair",
    "project team",
    "local organiser",
];
const REGIONS: &[&str] = &[
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
];

/// Permalinks with known and unknown placeholders. Only placeholders whose
/// values cannot break a URL are used (see the module docs).
fn permalink() -> BoxedStrategy<Y> {
    let part = prop::sample::select(vec![
        "/news/",
        "/",
        ":year",
        ":month",
        ":day",
        ":title",
        ":slug",
        ":collection",
        ":name",
        ":output_ext",
        ":title_",
        ":i_month",
        ":short_year",
        ":__id___",
        ":to_s",
        ":foo",
        ":titles",
        ":Title",
        "::",
        ":",
        ":title__",
        ":__id__",
        "-",
        ".html",
        ":_",
    ]);
    prop_oneof![
        6 => (prop::collection::vec(part, 1..5), any::<bool>()).prop_map(|(parts, q)| {
            let text = parts.concat();
            if q { Y::Quoted(text) } else { Y::Plain(text) }
        }),
        1 => any_value(),
    ]
    .boxed()
}

/// `slug` feeds `:title` and `:slug`: kept to what a URL can hold.
fn slug() -> BoxedStrategy<Y> {
    prop_oneof![
        4 => "[a-z0-9][a-z0-9-]{0,8}".prop_map(Y::Plain),
        1 => prop::sample::select(vec!["12", "yes", "1.5", "~"]).prop_map(|s| Y::Plain(s.into())),
        1 => prop::collection::vec(any_scalar(), 0..2).prop_map(|v| Y::List(v, true)),
    ]
    .boxed()
}

fn event_details() -> BoxedStrategy<Y> {
    let fields = (
        prop::option::weighted(0.85, date_value()),
        prop::option::weighted(0.5, optional_date()),
        prop::option::weighted(0.3, optional_date()),
        prop::option::weighted(0.4, text_value()),
        prop::option::weighted(0.3, text_value()),
        prop::option::weighted(0.2, ("[a-z]{2,6}", any_value())),
        any::<bool>(),
    );
    prop_oneof![
        8 => fields.prop_map(|(start, end, deadline, host, link, extra, flow)| {
            let mut entries = Vec::new();
            for (k, v) in [("start", start), ("end", end), ("deadline", deadline), ("host", host), ("link", link)] {
                if let Some(v) = v {
                    entries.push((k.to_string(), v));
                }
            }
            if let Some((k, v)) = extra {
                entries.push((k, v));
            }
            Y::Map(entries, flow)
        }),
        1 => any_value(),
    ]
    .boxed()
}

#[derive(Clone, Copy)]
enum Kind {
    Text,
    Date,
    OneOrMany,
    LooseBool,
    Role,
    Region,
    Permalink,
    Slug,
    Event,
}

fn value_of(kind: Kind) -> BoxedStrategy<Y> {
    match kind {
        Kind::Text => text_value(),
        Kind::Date => date_value(),
        Kind::OneOrMany => one_or_many(),
        Kind::LooseBool => loose_bool(),
        Kind::Role => one_of(ROLES),
        Kind::Region => one_of(REGIONS),
        Kind::Permalink => permalink(),
        Kind::Slug => slug(),
        Kind::Event => event_details(),
    }
}

fn fields(t: DocumentType) -> Vec<(&'static str, Kind)> {
    use Kind::*;
    let common_post = vec![
        ("layout", Text),
        ("title", Text),
        ("excerpt", Text),
        ("date", Date),
        ("author", Text),
        ("category", OneOrMany),
        ("categories", OneOrMany),
        ("image", Text),
        ("image-alt", Text),
        ("video", Text),
        ("permalink", Permalink),
        ("slug", Slug),
        ("redirect_from", OneOrMany),
        ("redirect_to", OneOrMany),
        ("published", LooseBool),
    ];
    match t {
        DocumentType::Post => [common_post, vec![("link", Text), ("end-date", Date)]].concat(),
        DocumentType::Event => [common_post, vec![("event", Event)]].concat(),
        DocumentType::Author => vec![
            ("layout", Text),
            ("person-name", Text),
            ("role", Role),
            ("email", Text),
            ("project", Text),
            ("region", Region),
            ("archive", LooseBool),
            ("image", Text),
            ("permalink", Permalink),
            ("title", Text),
            ("redirect_from", OneOrMany),
            ("redirect_to", OneOrMany),
            ("published", LooseBool),
        ],
        DocumentType::Document => vec![
            ("layout", Text),
            ("title", Text),
            ("date", Date),
            ("category", OneOrMany),
            ("categories", OneOrMany),
            ("permalink", Permalink),
            ("slug", Slug),
            ("redirect_from", OneOrMany),
            ("redirect_to", OneOrMany),
            ("published", LooseBool),
        ],
    }
}

fn required(t: DocumentType) -> &'static [&'static str] {
    match t {
        DocumentType::Post => &["title"],
        DocumentType::Event => &["title", "event"],
        DocumentType::Author => &["person-name"],
        DocumentType::Document => &[],
    }
}

/// A front matter of type `t`: each field present or not (required ones
/// usually present), plus extra keys of the site's own.
fn document(t: DocumentType) -> BoxedStrategy<Vec<(String, Y)>> {
    let per_field: Vec<BoxedStrategy<Option<(String, Y)>>> = fields(t)
        .into_iter()
        .map(|(name, kind)| {
            let p = if required(t).contains(&name) {
                0.85
            } else {
                0.35
            };
            prop::option::weighted(p, value_of(kind))
                .prop_map(move |v| v.map(|v| (name.to_string(), v)))
                .boxed()
        })
        .collect();
    let extras = prop::collection::vec(
        (
            prop_oneof![
                "[a-z][a-z_-]{0,8}",
                Just("titel".to_string()),
                Just("Title".to_string()),
                Just("type".to_string()),
                Just("tags".to_string())
            ],
            any_value(),
        ),
        0..3,
    );
    (per_field, extras)
        .prop_map(|(fields, extras)| {
            let mut entries: Vec<(String, Y)> = fields.into_iter().flatten().collect();
            for (k, v) in extras {
                if !entries.iter().any(|(e, _)| *e == k) {
                    entries.push((k, v));
                }
            }
            entries
        })
        .boxed()
}

// ---------------------------------------------------------------------------
// The two verdicts

fn now() -> Instant {
    Instant::parse("2026-11-22T12:00:00Z").unwrap()
}

/// A site with one collection, `things`, of type `t`, with the fields of
/// [`DECLARED`] when `declared`.
fn site_dir(t: DocumentType, declared: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "title: Test\ntimezone: Europe/London\ncollections:\n  things:\n    output: true\n    permalink: /things/:title/\nmasthead:\n  collections:\n    things:\n      type: {}\n{}",
        t.as_str(),
        if declared { DECLARED } else { "" }
    );
    std::fs::write(dir.path().join("_config.yml"), config).unwrap();
    std::fs::create_dir(dir.path().join("_things")).unwrap();
    dir
}

/// The loader's error-severity problems for the one document, after
/// running `rules` (codes) too.
fn loader_errors(dir: &Path, yaml: &str, rules: &[&str]) -> Vec<String> {
    std::fs::write(
        dir.join("_things/doc.md"),
        format!("---\n{yaml}---\nBody.\n"),
    )
    .unwrap();
    let site = load_site(dir, &LoadOptions::default().with_now(now())).unwrap();
    let mut diags = site.diagnostics.clone();
    if !rules.is_empty() {
        let registry = masthead::rules::registry();
        let (mut config, problems) = LintConfig::from_site(&site, &registry);
        let select: Vec<String> = rules.iter().map(|r| r.to_string()).collect();
        config
            .apply_command_line(&registry, Some(&select), &[], &[], &[])
            .unwrap();
        let engine = Engine::new(&registry, config, problems);
        diags.extend(engine.check(&site, &CheckOptions::new(now())).diagnostics);
    }
    diags
        .iter()
        .filter(|d| d.severity == masthead::diagnostics::Severity::Error)
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect()
}

/// masthead's reading of the YAML, as the value and as JSON.
fn instance(yaml: &str) -> (Value, serde_json::Value) {
    let parsed = masthead::yaml::parse(yaml, &Default::default())
        .unwrap_or_else(|e| panic!("generated YAML does not parse: {e:?}\n{yaml}"));
    let value = parsed
        .root()
        .map(masthead::yaml::Node::to_value)
        .filter(|v| !v.is_null())
        .unwrap_or_else(|| Value::Map(Default::default()));
    let json = masthead::schema::to_json(&value);
    (value, json)
}

fn validator(schema: serde_json::Value) -> jsonschema::Validator {
    jsonschema::validator_for(&schema).expect("schema compiles")
}

static TYPE_VALIDATORS: LazyLock<Vec<(DocumentType, jsonschema::Validator)>> =
    LazyLock::new(|| {
        [
            DocumentType::Post,
            DocumentType::Event,
            DocumentType::Author,
            DocumentType::Document,
        ]
        .into_iter()
        .map(|t| (t, validator(masthead::schema::front_matter_schema(t))))
        .collect()
    });

fn type_validator(t: DocumentType) -> &'static jsonschema::Validator {
    &TYPE_VALIDATORS.iter().find(|(x, _)| *x == t).unwrap().1
}

static DATE_VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let mut schema = masthead::schema::date::date_schema(None);
    schema["$schema"] = json!(masthead::schema::DIALECT);
    validator(schema)
});

// ---------------------------------------------------------------------------
// The documented disagreements (docs/decisions/0004-schema-agreement.md)

const DATE_FIELDS: &[&str] = &[
    "date",
    "end-date",
    "event.start",
    "event.end",
    "event.deadline",
];
const ONE_OR_MANY_FIELDS: &[&str] = &["category", "categories", "redirect_from", "redirect_to"];
const LOOSE_BOOL_FIELDS: &[&str] = &["published", "archive"];

fn at<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    let mut v = value;
    for seg in KeyPath::parse(path).segments() {
        match seg {
            masthead::model::Segment::Key(k) => v = v.as_map()?.get(k)?,
            masthead::model::Segment::Index(_) => return None,
        }
    }
    Some(v)
}

/// 1. A date with an offset whose fields are out of range, which Ruby's
///    offset arithmetic carries back: the parser reads it (with a
///    warning), the schema refuses it.
fn offset_carry_date(value: &Value) -> bool {
    DATE_FIELDS.iter().any(|f| {
        at(value, f)
            .and_then(Value::as_str)
            .is_some_and(|s| DateValue::parse(s).is_ok() && !DATE_VALIDATOR.is_valid(&json!(s)))
    })
}

/// 2. A YAML float JSON cannot tell from an integer or a string (`1.0`,
///    `.inf`, `.nan`) in a field that takes integers or strings but refuses
///    floats: the schema accepts it, the loader refuses it.
fn float_json_cannot_show(value: &Value) -> bool {
    let odd = |v: Option<&Value>| matches!(v, Some(Value::Float(f)) if f.fract() == 0.0 || !f.is_finite());
    let non_finite = |v: Option<&Value>| matches!(v, Some(Value::Float(f)) if !f.is_finite());
    ONE_OR_MANY_FIELDS.iter().any(|f| odd(at(value, f)))
        || LOOSE_BOOL_FIELDS.iter().any(|f| non_finite(at(value, f)))
}

/// 3. A permalink whose placeholders Jekyll knows but whose values it
///    cannot put in a URL (`:output_ext` right before `:`, a category
///    such as `2021: review`) or that need a real calendar date: the
///    schema checks the placeholders, not what they expand to.
fn permalink_value_error(error: &str) -> bool {
    error.starts_with("URL002")
        && (error.contains("which Jekyll cannot put in a URL")
            || error.contains("needs a valid date"))
}

fn agree(
    t: DocumentType,
    dir: &Path,
    entries: &[(String, Y)],
    rules: &[&str],
    schema: &jsonschema::Validator,
) -> Result<(), TestCaseError> {
    let yaml = front_matter(entries);
    let errors = loader_errors(dir, &yaml, rules);
    let (value, json) = instance(&yaml);
    let loader_ok = errors.is_empty();
    let schema_ok = schema.is_valid(&json);
    if loader_ok == schema_ok {
        return Ok(());
    }
    let explained = if loader_ok {
        offset_carry_date(&value)
    } else {
        float_json_cannot_show(&value) || errors.iter().all(|e| permalink_value_error(e))
    };
    prop_assert!(
        explained,
        "{} front matter:\n{yaml}\nloader errors: {errors:?}\nschema accepts: {schema_ok}\nJSON: {json}",
        t.as_str()
    );
    Ok(())
}

/// 300 cases per property by default; `PROPTEST_CASES=5000` for a longer run.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(300),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

macro_rules! agreement {
    ($name:ident, $t:expr) => {
        proptest! {
            #![proptest_config(config())]
            #[test]
            fn $name(entries in document($t)) {
                thread_local! {
                    static DIR: tempfile::TempDir = site_dir($t, false);
                }
                DIR.with(|dir| agree($t, dir.path(), &entries, &[], type_validator($t)))?;
            }
        }
    };
}

agreement!(posts_agree_with_the_loader, DocumentType::Post);
agreement!(events_agree_with_the_loader, DocumentType::Event);
agreement!(authors_agree_with_the_loader, DocumentType::Author);
agreement!(documents_agree_with_the_loader, DocumentType::Document);

// ---------------------------------------------------------------------------
// A collection with fields of the site's own: its schema agrees with the
// loader plus `masthead check`'s FM015.

const DECLARED: &str = "      fields:
        - {name: audience, type: string, enum: [everyone, members, allies]}
        - {name: tags, type: list, pattern: '^[a-z0-9-]+$'}
        - {name: pages, type: integer, required: true}
        - {name: access, required: true}
        - {name: when, type: date}
defaults:
  - scope: {type: things}
    values: {access: To be confirmed}
";

fn declared_document() -> BoxedStrategy<Vec<(String, Y)>> {
    let declared = (
        prop::option::weighted(0.6, one_of(&["everyone", "members", "allies"])),
        prop::option::weighted(
            0.5,
            prop_oneof![
                3 => prop::collection::vec(
                    prop_oneof![
                        "[a-z0-9-]{1,6}".prop_map(Y::Plain),
                        Just(Y::Quoted("Bad Tag".into())),
                        typed_scalar()
                    ],
                    0..3
                )
                .prop_map(|v| Y::List(v, false)),
                1 => any_value(),
            ],
        ),
        prop::option::weighted(
            0.8,
            prop_oneof![3 => any::<u8>().prop_map(|n| Y::Plain(n.to_string())), 1 => any_scalar()],
        ),
        prop::option::weighted(0.4, text_value()),
        prop::option::weighted(0.4, date_value()),
    );
    (document(DocumentType::Post), declared)
        .prop_map(|(mut entries, (audience, tags, pages, access, when))| {
            for (k, v) in [
                ("audience", audience),
                ("tags", tags),
                ("pages", pages),
                ("access", access),
                ("when", when),
            ] {
                entries.retain(|(e, _)| e != k);
                if let Some(v) = v {
                    entries.push((k.to_string(), v));
                }
            }
            entries
        })
        .boxed()
}

proptest! {
    #![proptest_config(config())]
    #[test]
    fn declared_fields_agree_with_the_loader_and_fm015(entries in declared_document()) {
        thread_local! {
            static DIR: tempfile::TempDir = site_dir(DocumentType::Post, true);
            static SCHEMA: jsonschema::Validator = {
                let dir = site_dir(DocumentType::Post, true);
                let site = load_site(dir.path(), &LoadOptions::default().with_now(now())).unwrap();
                let file = masthead::schema::site_schemas(&site)
                    .into_iter()
                    .find(|f| f.collection.as_deref() == Some("things"))
                    .expect("the collection has a schema");
                validator(file.schema)
            };
        }
        DIR.with(|dir| SCHEMA.with(|schema| agree(DocumentType::Post, dir.path(), &entries, &["FM015"], schema)))?;
    }
}

// ---------------------------------------------------------------------------
// Fixed cases: one of each kind of mutation, so the properties above are
// known to meet both verdicts.

fn verdicts(t: DocumentType, yaml: &str) -> (bool, bool) {
    let dir = site_dir(t, false);
    let loader_ok = loader_errors(dir.path(), yaml, &[]).is_empty();
    let (_, json) = instance(yaml);
    (loader_ok, type_validator(t).is_valid(&json))
}

#[test]
fn fixed_cases_meet_both_verdicts() {
    let cases: &[(DocumentType, &str, bool)] = &[
        (DocumentType::Post, "title: Hello\ndate: 2021-11-22\n", true),
        (
            DocumentType::Post,
            "title: 2021\npublished: \"false\"\n",
            true,
        ),
        (DocumentType::Post, "title: [a, b]\n", false),
        (DocumentType::Post, "layout: news\n", false),
        (
            DocumentType::Post,
            "title: Hello\ndate: 2021-13-45\n",
            false,
        ),
        (DocumentType::Post, "title: Hello\ndate: 2021-02-30\n", true),
        (
            DocumentType::Post,
            "title: Hello\npermalink: /:foo/\n",
            false,
        ),
        (
            DocumentType::Post,
            "title: Hello\npermalink: /:year/:title_/\n",
            true,
        ),
        (DocumentType::Post, "title: Hello\ncategory: true\n", false),
        (
            DocumentType::Post,
            "title: Hello\ncategory: [a, ~, 1.5]\n",
            true,
        ),
        (DocumentType::Post, "title: Hello\npublished: 1\n", false),
        (
            DocumentType::Post,
            "title: Hello\nanything: {a: [1, 2]}\n",
            true,
        ),
        (
            DocumentType::Event,
            "title: Walk\nevent:\n  start: 2027-05-17 10:00\n  end: \"\"\n",
            true,
        ),
        (
            DocumentType::Event,
            "title: Walk\nevent:\n  start: \"\"\n",
            false,
        ),
        (DocumentType::Event, "title: Walk\nevent: tomorrow\n", false),
        (
            DocumentType::Author,
            "person-name: Alex\nrole: chair\nregion: ~\n",
            true,
        ),
        (
            DocumentType::Author,
            "person-name: Alex\nrole: boss\n",
            false,
        ),
        (DocumentType::Author, "role: chair\n", false),
        (DocumentType::Document, "", true),
        (DocumentType::Document, "date: yes\n", false),
    ];
    for (t, yaml, ok) in cases {
        assert_eq!(
            verdicts(*t, yaml),
            (*ok, *ok),
            "{} front matter:\n{yaml}",
            t.as_str()
        );
    }
}

#[test]
fn the_documented_disagreements_go_the_documented_way() {
    // Ruby carries 75 minutes into the hour: the loader reads it.
    assert_eq!(
        verdicts(
            DocumentType::Post,
            "title: x\ndate: \"2021-11-22 10:75:00 +00:30\"\n"
        ),
        (true, false)
    );
    // `1.0` is an integer to JSON Schema, a float to the loader.
    assert_eq!(
        verdicts(DocumentType::Post, "title: x\ncategory: 1.0\n"),
        (false, true)
    );
    assert_eq!(
        verdicts(DocumentType::Post, "title: x\npublished: .nan\n"),
        (false, true)
    );
}
