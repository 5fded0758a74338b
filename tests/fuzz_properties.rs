//! The properties of the cargo-fuzz targets (fuzz/, docs/fuzzing.md) as
//! proptests, so that stable builds check them too, on generated
//! front-matter-shaped documents:
//!
//! - `split`: spans in order, inside the text, on char boundaries;
//! - `yaml_model`: the fast path agrees with libyaml, spans lie inside the
//!   text, and the loader's typed decoding never panics;
//! - `check_document`: one document checked with every rule, every finding
//!   inside its file;
//! - `render_document`: one document rendered by every built-in renderer,
//!   every artifact path checked and normal;
//! - `edit_roundtrip`: the editor writes back what it read, reads what the
//!   loader reads, and an edit changes that value alone.
//!
//! The other properties of the pipeline have proptests next to their code:
//! crates/masthead-source/src/fuzz_tests.rs (split, parse and decode never
//! panic), crates/masthead-yaml/src/{tests,fast_tests}.rs (the parser, the
//! fast path against libyaml) and crates/masthead-edit/tests/proptest_edits.rs
//! (sequences of edits).

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead::diagnostics::{Diagnostic, Span};
use masthead::edit::{FrontMatterEditor, Position};
use masthead::lint::{CheckOptions, Engine, LintConfig, Registry};
use masthead::model::config::SiteConfig;
use masthead::model::date::Instant;
use masthead::model::frontmatter::{
    AuthorFrontMatter, EventFrontMatter, GenericFrontMatter, PostFrontMatter,
};
use masthead::model::site::Site;
use masthead::model::{KeyPath, Map, Segment, Value};
use masthead::render::{Renderer, check_output_path, render_site};
use masthead::source::split::{Split, split};
use masthead::yaml::{Node, ParseOptions, from_node_skipping, struct_fields};
use masthead::{LoadOptions, load_site};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::HashSet;
use std::path::Path;

/// The `_config.yml` of the one-document site (as in fuzz/src/lib.rs).
const CONFIG: &str = "\
title: Fuzz <site> & \"Café\"
url: https://www.example.org
baseurl: /blog
timezone: Europe/London
permalink: pretty
plugins:
  - jekyll-redirect-from
collections:
  news:
    output: true
    permalink: /:collection/:year/:month/:day/:title
  events:
    output: true
    permalink: /:collection/:year/:title/
  team:
    output: true
    permalink: /team/:title/
masthead:
  collections:
    news: post
    events: event
    team: author
  lint:
    select: [ALL]
  render:
    html:
      toc: true
";

/// The document is written as a post, an event and an author.
const DOCUMENTS: [&str; 3] = [
    "_news/2021-11-22-x.md",
    "_events/2021-11-22-x.md",
    "_team/x.md",
];

fn now() -> Instant {
    Instant::parse("2026-11-30T12:00:00Z").unwrap()
}

/// A site folder with [`CONFIG`]; [`load`] writes each document into it.
fn site_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["_news", "_events", "_team"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
    }
    std::fs::write(dir.path().join("_config.yml"), CONFIG).unwrap();
    dir
}

fn load(root: &Path, text: &str) -> Site {
    for rel in DOCUMENTS {
        std::fs::write(root.join(rel), text).unwrap();
    }
    load_site(root, &LoadOptions::default().with_now(now())).unwrap()
}

/// Whether `span` lies inside `text` on char boundaries.
fn span_in(text: &str, span: Span) -> bool {
    span.start <= span.end && text.get(span.start..span.end).is_some()
}

/// Every span of `d` in its own file lies inside it on char boundaries.
fn in_bounds(site: &Site, d: &Diagnostic) -> Result<(), TestCaseError> {
    let Some(source) = d.file.as_deref().and_then(|f| site.sources.get(f)) else {
        return Ok(());
    };
    let spans = d
        .primary
        .iter()
        .map(|l| l.span)
        .chain(d.labels.iter().filter(|l| l.file.is_none()).map(|l| l.span))
        .chain(d.fix.iter().map(|f| f.span));
    for span in spans {
        prop_assert!(span_in(source, span), "{span:?} outside the file: {d:?}");
    }
    let _ = masthead::diagnostics::render_human(d, site);
    Ok(())
}

/// Equality that takes a NaN for equal to itself (`.nan` reads as one).
fn same(a: &Value, b: &Value) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

/// Front matter made of the pieces real files and YAML's corners are made
/// of, then a Markdown body: a document the loader, the rules, the
/// renderers and the editor all have something to say about. Most entries
/// are well-formed (`key: value`, a key with a block list or a nested
/// mapping, a comment), some are any line of YAML-ish text, and most
/// documents close their front matter.
fn document() -> impl Strategy<Value = String> {
    const KEY: &str = "(title|date|layout|permalink|redirect_from|redirect_to|categories|category|tags|author|published|excerpt|image|event|start|end|location|slug|name|x)";
    const VALUE: &str = "( \"[a-z :#/é'-]{0,10}\"| '[a-z :#\"]{0,8}'| [a-z][a-z/.-]{0,12}| 2021-11-22| 2021-11-22 10:00:00 \\+01:00| 2021-02-30| /:year/:title/| \\.\\./x| https://www\\.example\\.org/[a-z]{0,4}| yes| ~| \\.nan| 012| 1:30| &a [a-z]{1,3}| \\*a| !ruby/object x| !!binary aGk=| \\[a, b\\]| \\{a: 1\\}| \\|\n  [a-z ]{0,8}| >-\n  [a-z ]{0,8}|)";
    let re = |r: String| proptest::string::string_regex(&r).unwrap();
    let entry = prop_oneof![
        6 => re(format!("{KEY}:{VALUE}")),
        2 => re(format!("{KEY}:( \n- [a-z/:]{{1,10}}){{1,3}}")),
        1 => re(format!("{KEY}:(\n  (start|end|host|url):{VALUE}){{1,2}}")),
        1 => re("# ([a-z]{1,8}: [a-z\"]{0,6}|[a-z ]{0,10})".to_string()),
        1 => re(format!("(  |- |<<: \\*a|\t|[a-z]{{0,4}})(:{VALUE})?")),
    ];
    let close = prop_oneof![8 => Just("---"), 1 => Just("..."), 1 => Just("-- "), 1 => Just("")];
    let body = "(# [A-Za-z ]{0,10}|\\[a\\]\\(/b\\)|<script>x</script>|<!--more-->|\\{% link x %\\}|[A-Za-z .,é]{0,30}|)";
    (
        proptest::bool::weighted(0.1),
        proptest::bool::weighted(0.2),
        proptest::collection::vec(entry, 0..10),
        close,
        proptest::collection::vec(proptest::string::string_regex(body).unwrap(), 0..6),
    )
        .prop_map(|(bom, crlf, entries, close, body)| {
            let eol = if crlf { "\r\n" } else { "\n" };
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            text.push_str("---\n");
            for e in &entries {
                text.push_str(e);
                text.push('\n');
            }
            text.push_str(close);
            text.push('\n');
            for b in &body {
                text.push_str(b);
                text.push_str("\n\n");
            }
            if crlf {
                text = text.replace('\n', eol);
            }
            text
        })
}

/// The loader's recovering decode: skip the top-level key each failure
/// blames and decode again.
fn decode<T: DeserializeOwned + Default>(node: &Node, text: &str) -> Result<(), TestCaseError> {
    let _ = struct_fields::<T>();
    let mut skip = HashSet::new();
    loop {
        match from_node_skipping::<T>(node, &KeyPath::root(), &skip) {
            Ok(_) => return Ok(()),
            Err(err) => {
                prop_assert!(span_in(text, err.span), "{err:?}");
                match err.path.top_key().map(str::to_string) {
                    Some(key) if !skip.contains(&key) => {
                        skip.insert(key);
                    }
                    _ => return Ok(()),
                }
            }
        }
    }
}

/// Parses `yaml` (fast path checked against libyaml), checking spans.
fn read_yaml(yaml: &str) -> Result<Option<Node>, TestCaseError> {
    let options = ParseOptions::default();
    let parsed = masthead::yaml::parse(yaml, &options);
    if masthead::yaml::takes_fast_path(yaml, &options) {
        prop_assert_eq!(
            &parsed,
            &masthead::yaml::parse_with_libyaml(yaml, &options),
            "fast path and libyaml differ on {:?}",
            yaml
        );
    }
    match parsed {
        Err(e) => {
            prop_assert!(span_in(yaml, e.span), "{e:?}");
            Ok(None)
        }
        Ok(doc) => {
            let Some(root) = doc.into_root() else {
                return Ok(None);
            };
            for ks in root.key_spans() {
                prop_assert!(span_in(yaml, ks.value), "{ks:?}");
            }
            Ok(Some(root))
        }
    }
}

fn leaves(value: &Value, path: &KeyPath, out: &mut Vec<(KeyPath, Value)>) {
    match value {
        Value::Map(m) => m
            .iter()
            .for_each(|(k, v)| leaves(v, &path.key(k.clone()), out)),
        Value::List(l) => l
            .iter()
            .enumerate()
            .for_each(|(i, v)| leaves(v, &path.index(i), out)),
        scalar => out.push((path.clone(), scalar.clone())),
    }
}

fn put(root: &mut Value, path: &KeyPath, value: Value) {
    let mut node = root;
    for seg in path.segments() {
        node = match (seg, node) {
            (Segment::Key(k), Value::Map(m)) => m.get_mut(k).unwrap(),
            (Segment::Index(i), Value::List(l)) => &mut l[*i],
            _ => unreachable!("paths come from the value"),
        };
    }
    *node = value;
}

/// The front matter as the loader parses it (from the opening fence).
fn as_loader_reads(text: &str) -> Option<Value> {
    let Split::Closed { open, yaml, .. } = split(text) else {
        return None;
    };
    let doc = masthead::yaml::parse(&text[open.start..yaml.end], &ParseOptions::default()).ok()?;
    Some(match doc.root().map(Node::to_value) {
        None | Some(Value::Null) => Value::from(Map::default()),
        Some(v) => v,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// fuzz target `split`.
    #[test]
    fn split_spans_are_in_order_inside_the_text(
        text in prop_oneof![document(), "\\PC{0,80}", "(---|\\.\\.\\.|\r|\n| |\t|\u{feff}|a)*"],
    ) {
        let front = split(&text);
        let body = front.body(text.len());
        prop_assert!(span_in(&text, body));
        prop_assert_eq!(body.end, text.len());
        match front {
            Split::None { bom } => prop_assert_eq!(body.start, bom),
            Split::Unclosed { bom, open } => {
                prop_assert!(span_in(&text, open));
                prop_assert_eq!(open.start, bom);
                prop_assert!(text[open.start..open.end].starts_with("---"));
            }
            Split::Closed { bom, open, yaml, close, .. } => {
                for span in [open, yaml, close, body] {
                    prop_assert!(span_in(&text, span), "{:?}", span);
                }
                prop_assert_eq!(open.start, bom);
                prop_assert_eq!(open.end, yaml.start);
                prop_assert_eq!(yaml.end, close.start);
                prop_assert_eq!(close.end, body.start);
                let closing = &text[close.start..close.end];
                prop_assert!(closing.starts_with("---") || closing.starts_with("..."));
            }
        }
    }

    /// fuzz target `yaml_model`.
    #[test]
    fn yaml_reads_into_the_model_as_the_loader_reads_it(text in document()) {
        if let Split::Closed { open, yaml, .. } = split(&text)
            && let Some(mut root) = read_yaml(&text[open.start..yaml.end])?
        {
            root.shift(open.start);
            if root.as_mapping().is_some() {
                decode::<PostFrontMatter>(&root, &text)?;
                decode::<EventFrontMatter>(&root, &text)?;
                decode::<AuthorFrontMatter>(&root, &text)?;
                decode::<GenericFrontMatter>(&root, &text)?;
            }
        }
        if let Some(root) = read_yaml(&text)?
            && root.as_mapping().is_some()
        {
            decode::<SiteConfig>(&root, &text)?;
        }
    }

    /// fuzz target `edit_roundtrip`.
    #[test]
    fn the_editor_round_trips_and_changes_one_value(text in document()) {
        let Ok(ed) = FrontMatterEditor::new(text.clone()) else { return Ok(()) };
        prop_assert_eq!(ed.text(), text.as_str());
        let before = ed.value();
        let loader = as_loader_reads(&text);
        prop_assert!(
            loader.as_ref().is_some_and(|l| same(l, &before)),
            "the editor reads {:?}, the loader {:?}", before, loader
        );
        let mut found = Vec::new();
        leaves(&before, &KeyPath::root(), &mut found);
        for (path, value) in found.into_iter().take(8) {
            let mut e = ed.clone();
            if let Ok(change) = e.plan_set(&path, &value)
                && e.apply(&change).is_ok()
            {
                prop_assert_eq!(e.text(), text.as_str(), "setting {} to its own value", path);
            }
            let mut e = ed.clone();
            let new = Value::String(format!("new: \"{path}\" # é"));
            let Ok(change) = e.plan_set(&path, &new) else { continue };
            match e.apply(&change) {
                Ok(()) => {
                    let reread = FrontMatterEditor::new(e.text()).unwrap();
                    let mut expected = before.clone();
                    put(&mut expected, &path, new);
                    prop_assert!(same(&reread.value(), &expected), "setting {}:\n{}", path, e.text());
                    let first = change.edits.iter().map(|x| x.range.start).min().unwrap_or(0);
                    prop_assert_eq!(&e.text()[..first], &text[..first]);
                }
                Err(_) => prop_assert_eq!(e.text(), text.as_str()),
            }
        }
        for key in ["title", "redirect_from", "x"] {
            for op in 0..4 {
                let mut e = ed.clone();
                let item = Value::String("item: x".into());
                let result = match op {
                    0 => e.remove(key),
                    1 => e.comment_out(key),
                    2 => e.push(key, &item),
                    _ => e.insert(key, &item, Position::End),
                };
                match result {
                    Ok(()) => prop_assert!(FrontMatterEditor::new(e.text()).is_ok()),
                    Err(_) => prop_assert_eq!(e.text(), text.as_str()),
                }
            }
        }
    }
}

proptest! {
    // Each case loads a site from disk and runs every rule or renderer.
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// fuzz target `check_document`.
    #[test]
    fn one_document_checked_with_every_rule(text in document()) {
        thread_local! {
            static DIR: tempfile::TempDir = site_dir();
            static REGISTRY: Registry = masthead::rules::registry();
        }
        let site = DIR.with(|d| load(d.path(), &text));
        REGISTRY.with(|registry| -> Result<(), TestCaseError> {
            let (mut config, problems) = LintConfig::from_site(&site, registry);
            config
                .apply_command_line(registry, Some(&["ALL".to_string()]), &[], &[], &[])
                .unwrap();
            let report = Engine::new(registry, config, problems).check(&site, &CheckOptions::new(now()));
            for d in site.diagnostics.iter().chain(&report.diagnostics) {
                in_bounds(&site, d)?;
            }
            Ok(())
        })?;
    }

    /// fuzz target `render_document`.
    #[test]
    fn one_document_rendered_by_every_renderer(text in document()) {
        thread_local! {
            static DIR: tempfile::TempDir = site_dir();
        }
        let site = DIR.with(|d| load(d.path(), &text));
        let renderers = masthead::builtin_renderers();
        let chosen: Vec<&dyn Renderer> = renderers.iter().map(|r| r.as_ref()).collect();
        let run = render_site(&site, &chosen);
        for a in run.sink.artifacts() {
            let checked = check_output_path(&a.path);
            prop_assert_eq!(checked.as_deref(), Ok(a.path.as_str()));
            prop_assert!(!a.path.split('/').any(|s| s == ".."), "{}", a.path);
        }
        for d in site.diagnostics.iter().chain(&run.diagnostics) {
            in_bounds(&site, d)?;
        }
    }
}
