//! `masthead check --format sarif`: a SARIF 2.1.0 log, the format code
//! scanning services (GitHub's among them) read.
//!
//! One run; the tool's driver describes each rule the results refer to (so
//! a service can show a rule's documentation next to its findings), and each
//! result points at its rule by id and index. Columns count Unicode code
//! points, as the run says.

use masthead_diagnostics::{Diagnostic, Position, Severity, SourceLookup};
use masthead_lint::{FixAvailability, Registry, RuleMeta};
use serde_json::{Value, json};

/// Where masthead is documented.
const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: `/` kept, everything outside the
/// unreserved characters percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char);
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn region(position: &Position) -> Value {
    json!({
        "startLine": position.line,
        "startColumn": position.column,
        "endLine": position.end_line,
        "endColumn": position.end_column,
    })
}

/// A physical location: the file, and the region when it can be computed.
fn physical(file: &str, position: Option<&Position>) -> Value {
    let mut location = json!({ "artifactLocation": { "uri": uri(file) } });
    if let (Some(p), Some(map)) = (position, location.as_object_mut()) {
        map.insert("region".into(), region(p));
    }
    location
}

/// The text of the doc's `## What it does` section.
fn what_it_does(doc: &str) -> &str {
    let Some(start) = doc.find("## What it does") else {
        return doc.trim();
    };
    let rest = doc
        .get(start + "## What it does".len()..)
        .unwrap_or_default();
    rest.split("\n## ").next().unwrap_or(rest).trim()
}

fn rule(meta: &RuleMeta) -> Value {
    json!({
        "id": meta.code,
        "name": meta.name,
        "shortDescription": { "text": meta.summary },
        "fullDescription": { "text": what_it_does(meta.doc) },
        "help": { "text": meta.doc, "markdown": meta.doc },
        "defaultConfiguration": {
            "enabled": meta.enabled_by_default,
            "level": level(meta.default_severity),
        },
        "properties": {
            "tags": [meta.family],
            "fix": match meta.fix {
                FixAvailability::None => "none",
                FixAvailability::Safe => "safe",
                FixAvailability::Unsafe => "unsafe",
            },
        },
    })
}

fn result(diag: &Diagnostic, sources: &dyn SourceLookup, rules: &[&RuleMeta]) -> Value {
    let mut message = diag.message.clone();
    if let Some(help) = &diag.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    for note in &diag.notes {
        message.push_str("\nnote: ");
        message.push_str(note);
    }
    let mut result = serde_json::Map::new();
    result.insert("ruleId".into(), json!(diag.code));
    if let Some(index) = rules.iter().position(|m| m.code == diag.code) {
        result.insert("ruleIndex".into(), json!(index));
    }
    result.insert("level".into(), json!(level(diag.severity)));
    result.insert("message".into(), json!({ "text": message }));
    if let Some(file) = &diag.file {
        let position = Position::of_primary(diag, sources);
        result.insert(
            "locations".into(),
            json!([{ "physicalLocation": physical(file, position.as_ref()) }]),
        );
    }
    let related: Vec<Value> = diag
        .labels
        .iter()
        .enumerate()
        .filter_map(|(i, label)| {
            let file = label.file.as_deref().or(diag.file.as_deref())?;
            let position = Position::of_label(diag, label, sources);
            Some(json!({
                "id": i + 1,
                "physicalLocation": physical(file, position.as_ref()),
                "message": { "text": label.message },
            }))
        })
        .collect();
    if !related.is_empty() {
        result.insert("relatedLocations".into(), Value::Array(related));
    }
    if let (Some(fix), Some(file)) = (&diag.fix, &diag.file)
        && let Some(position) = Position::of_span(file, fix.span, sources)
    {
        result.insert(
            "fixes".into(),
            json!([{
                "description": { "text": fix.message },
                "artifactChanges": [{
                    "artifactLocation": { "uri": uri(file) },
                    "replacements": [{
                        "deletedRegion": region(&position),
                        "insertedContent": { "text": fix.replacement },
                    }],
                }],
            }]),
        );
    }
    Value::Object(result)
}

/// The SARIF log of `diagnostics` (with files as they should appear:
/// relative to the folder the check ran in).
pub(crate) fn log(
    diagnostics: &[Diagnostic],
    sources: &dyn SourceLookup,
    registry: &Registry,
) -> Value {
    let mut rules: Vec<&RuleMeta> = registry
        .metas()
        .into_iter()
        .filter(|m| diagnostics.iter().any(|d| d.code == m.code))
        .collect();
    rules.dedup_by_key(|m| m.code);
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "masthead",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": rules.iter().map(|m| rule(m)).collect::<Vec<_>>(),
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": diagnostics
                .iter()
                .map(|d| result(d, sources, &rules))
                .collect::<Vec<_>>(),
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_description_is_what_the_rule_does() {
        let doc = "## What it does\nFinds X.\n\n## Why is this bad?\nY.\n\n## Example\n```yaml\na: 1\n```\n";
        assert_eq!(what_it_does(doc), "Finds X.");
        assert_eq!(what_it_does("no headings"), "no headings");
    }

    #[test]
    fn uris_keep_slashes_and_encode_the_rest() {
        assert_eq!(uri("site/_news/a b%.md"), "site/_news/a%20b%25.md");
        assert_eq!(uri("é.md"), "%C3%A9.md");
    }
}
