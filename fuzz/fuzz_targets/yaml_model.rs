//! YAML into the model, the way the loader reads it: the input's front
//! matter (from its `---` line, as `masthead_source` parses it) and the
//! input as a whole YAML file (`_config.yml`) are parsed with the default
//! limits, then decoded into each typed front matter (and the site config)
//! with the loader's recovery loop (`crates/masthead-source/src/decode.rs`:
//! a field that fails is skipped and the rest decoded again).
//!
//! Properties: no panic; wherever the fast path answers, its tree (values,
//! styles, tags, every span) equals the one built from libyaml's events;
//! every span of a tree or an error lies inside the parsed text on char
//! boundaries; `into_value` equals `to_value`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use masthead_fuzz::span_in;
use masthead_model::KeyPath;
use masthead_model::config::SiteConfig;
use masthead_model::frontmatter::{
    AuthorFrontMatter, EventFrontMatter, GenericFrontMatter, PostFrontMatter,
};
use masthead_source::split::{Split, split};
use masthead_yaml::{Node, ParseOptions, from_node_skipping, struct_fields};
use serde::de::DeserializeOwned;
use std::collections::HashSet;

/// Parses `yaml` (the fast path checked against libyaml) and checks the
/// spans of the tree or the error.
fn read(yaml: &str) -> Option<Node> {
    let options = ParseOptions::default();
    let parsed = masthead_yaml::parse(yaml, &options);
    if masthead_yaml::takes_fast_path(yaml, &options) {
        let reference = masthead_yaml::parse_with_libyaml(yaml, &options);
        assert_eq!(
            parsed, reference,
            "the fast path and libyaml differ on {yaml:?}"
        );
    }
    match parsed {
        Err(e) => {
            assert!(span_in(yaml, e.span), "{e:?} in {yaml:?}");
            if let Some((_, span)) = &e.context {
                assert!(span_in(yaml, *span), "{e:?} in {yaml:?}");
            }
            None
        }
        Ok(doc) => {
            let root = doc.into_root()?;
            check_spans(&root, yaml);
            assert!(values_equal(&root.clone().into_value(), &root.to_value()));
            Some(root)
        }
    }
}

/// Equality that takes a NaN for equal to itself (`.nan` reads as one).
fn values_equal(a: &masthead_model::Value, b: &masthead_model::Value) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

fn check_spans(root: &Node, text: &str) {
    assert!(span_in(text, root.span), "root {:?} in {text:?}", root.span);
    for ks in root.key_spans() {
        assert!(span_in(text, ks.value), "{ks:?} in {text:?}");
        if let Some(key) = ks.key {
            assert!(span_in(text, key), "{ks:?} in {text:?}");
        }
    }
    let _ = root.span_map();
    if let Some(mapping) = root.as_mapping() {
        for d in mapping.duplicates() {
            let _ = format!("{d:?}");
        }
    }
}

/// The loader's `decode`: on each failure skip the top-level key blamed
/// and try again, until the value decodes or no key is left to blame.
fn decode<T: DeserializeOwned + Default>(node: &Node, text: &str) {
    let known = struct_fields::<T>();
    if let Some(mapping) = node.as_mapping() {
        for entry in mapping.effective() {
            let _ = known.contains(&&*entry.key_text());
        }
    }
    let mut skip: HashSet<String> = HashSet::new();
    loop {
        match from_node_skipping::<T>(node, &KeyPath::root(), &skip) {
            Ok(_) => break,
            Err(err) => {
                assert!(span_in(text, err.span), "{err:?} in {text:?}");
                let _ = err.to_string();
                match err.path.top_key().map(str::to_string) {
                    Some(key) if !skip.contains(&key) => {
                        skip.insert(key);
                    }
                    _ => break,
                }
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The input as a document: its front matter, from the `---` line.
    if let Split::Closed { open, yaml, .. } = split(text)
        && let Some(mut root) = read(&text[open.start..yaml.end])
    {
        root.shift(open.start);
        check_spans(&root, text);
        if root.as_mapping().is_some() {
            decode::<PostFrontMatter>(&root, text);
            decode::<EventFrontMatter>(&root, text);
            decode::<AuthorFrontMatter>(&root, text);
            decode::<GenericFrontMatter>(&root, text);
        }
    }
    // The input as a whole YAML file (a `_config.yml`).
    if let Some(root) = read(text)
        && root.as_mapping().is_some()
    {
        decode::<SiteConfig>(&root, text);
    }
});
