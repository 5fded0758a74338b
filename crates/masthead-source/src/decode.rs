//! Typed decoding of a YAML node with recovery: a field of the wrong type is
//! reported at its value and skipped, and the rest of the mapping still loads.

use crate::codes;
use masthead_diagnostics::{Diagnostic, Span};
use masthead_model::{KeyPath, Map};
use masthead_yaml::{DecodeError, DecodeErrorKind, Node, from_node_skipping, struct_fields};
use serde::de::DeserializeOwned;
use std::collections::HashSet;

/// The outcome of [`decode`]: the value (with failed fields left out), the
/// keys the type does not know, and one diagnostic per failed field.
pub(crate) struct Decoded<T> {
    pub(crate) value: T,
    pub(crate) extra: Map,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Decodes `node` (a mapping) into `T`, skipping and reporting bad fields.
///
/// `what` names the thing in messages ("front matter", "`_config.yml`").
pub(crate) fn decode<T: DeserializeOwned + Default>(node: &Node, what: &str) -> Decoded<T> {
    let mut skip: HashSet<String> = HashSet::new();
    let mut diagnostics = Vec::new();
    let known = struct_fields::<T>();
    let extra = extra_keys(node, known);
    // Each failure removes one top-level key; the loop ends when the value
    // decodes or no key is left to blame.
    let value = loop {
        match from_node_skipping::<T>(node, &KeyPath::root(), &skip) {
            Ok(v) => break v,
            Err(err) => {
                let blamed = err.path.top_key().map(str::to_string);
                diagnostics.push(type_error(&err, what));
                match blamed {
                    Some(key) if !skip.contains(&key) => {
                        skip.insert(key);
                    }
                    _ => break T::default(),
                }
            }
        }
    };
    Decoded {
        value,
        extra,
        diagnostics,
    }
}

/// The keys of mapping `node` not in `known`, with their values, in file order.
pub(crate) fn extra_keys(node: &Node, known: &[&str]) -> Map {
    let mut extra = Map::default();
    if let Some(mapping) = node.as_mapping() {
        for entry in mapping.effective() {
            let key = entry.key_text();
            // Most keys are known: a first-byte test skips most of the
            // string comparisons against the type's field names.
            let first = key.as_bytes().first();
            let is_known = known
                .iter()
                .any(|k| k.as_bytes().first() == first && *k == key.as_ref());
            if !is_known {
                extra.insert(key.into_owned(), entry.value.to_value());
            }
        }
    }
    extra
}

/// The diagnostic for a value that does not fit its field.
pub(crate) fn type_error(err: &DecodeError, what: &str) -> Diagnostic {
    match &err.kind {
        DecodeErrorKind::MissingField(field) => Diagnostic::new(
            codes::MISSING_FIELD,
            masthead_diagnostics::Severity::Error,
            format!("{what} has no `{field}`"),
        )
        .with_primary(err.span, format!("`{field}` is required here")),
        // In masthead's front-matter types only dates raise custom errors.
        DecodeErrorKind::Custom if !err.path.is_root() => {
            let d = Diagnostic::new(
                codes::INVALID_DATE,
                masthead_diagnostics::Severity::Error,
                format!(
                    "`{}` is not a date Jekyll can read: {}",
                    err.path, err.message
                ),
            )
            .with_primary(non_empty(err.span), "Jekyll stops the build on this value")
            .with_help(
                "write it as `2021-11-22`, `2021-11-22 10:00:00` or `2021-11-22T10:00:00+01:00`",
            );
            if err.path.to_string() == "date" {
                d.with_note("masthead uses the filename date instead, when the file name has one")
            } else {
                d
            }
        }
        _ => {
            let at = if err.path.is_root() {
                what.to_string()
            } else {
                format!("`{}`", err.path)
            };
            Diagnostic::new(
                codes::WRONG_TYPE,
                masthead_diagnostics::Severity::Error,
                format!("{at}: {}", err.message),
            )
            .with_primary(non_empty(err.span), "this value")
            .with_help("masthead ignores this value; fix it so that it is read")
        }
    }
}

/// Widens an empty span to one byte so that it underlines something.
fn non_empty(span: Span) -> Span {
    if span.is_empty() {
        Span::new(span.start, span.start + 1)
    } else {
        span
    }
}
