//! Problems visible in the YAML tree itself, before typing: repeated keys,
//! whitespace left inside quotes, tags Jekyll's safe loader refuses.

use crate::codes;
use masthead_diagnostics::{Diagnostic, Severity};
use masthead_model::KeyPath;
use masthead_yaml::{Node, NodeKind, ScalarStyle};

/// Walks `root` (iteratively; depth is bounded by the parser anyway) and
/// reports every repeated key, stray whitespace and refused tag.
pub(crate) fn tree_checks(root: &Node, source: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut path = Vec::new();
    walk(root, &mut path, source, &mut out);
    out.sort_by_key(|d| d.primary.as_ref().map(|p| p.span.start));
    out
}

/// Whether a tag Jekyll's safe loader refuses appears anywhere in `node`:
/// what [`tree_checks`] decides the model by, without its findings.
pub(crate) fn refuses_tag(node: &Node) -> bool {
    node.tag.as_deref().is_some_and(refused)
        || match &node.kind {
            NodeKind::Scalar(_) => false,
            NodeKind::Sequence(items) => items.iter().any(refuses_tag),
            // Keys too: Psych refuses `? !ruby/sym k` as it refuses values.
            NodeKind::Mapping(m) => m
                .entries
                .iter()
                .any(|e| refuses_tag(&e.key) || refuses_tag(&e.value)),
        }
}

/// A tag Jekyll's safe loader refuses.
fn refused(tag: &str) -> bool {
    tag.starts_with("!ruby/") || tag.starts_with("tag:ruby.yaml.org")
}

/// One step down the tree, borrowing the key's text where it can.
enum Step<'a> {
    Key(std::borrow::Cow<'a, str>),
    Index(usize),
}

/// Depth-first; `path` holds the steps down to `node` and is turned into
/// a [`KeyPath`] only when there is something to report (the parser bounds
/// the depth, so recursion is safe).
fn walk<'a>(node: &'a Node, path: &mut Vec<Step<'a>>, source: &str, out: &mut Vec<Diagnostic>) {
    let key_path = |path: &[Step<'_>]| {
        path.iter().fold(KeyPath::root(), |p, s| match s {
            Step::Key(k) => p.key(k.to_string()),
            Step::Index(i) => p.index(*i),
        })
    };
    if let Some(tag) = &node.tag
        && refused(tag)
    {
        out.push(refused_tag(tag, node));
    }
    match &node.kind {
        NodeKind::Scalar(s) => {
            if s.style.is_quoted() && s.text != s.text.trim() && !s.text.trim().is_empty() {
                out.push(whitespace(node, &key_path(path), &s.text, s.style, source));
            }
        }
        NodeKind::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                walk(item, path, source, out);
                path.pop();
            }
        }
        NodeKind::Mapping(m) => {
            for dup in m.duplicates() {
                let same = dup.first.value.to_value() == dup.later.value.to_value();
                let dup_path = key_path(path).key(dup.key.clone());
                let (severity, msg) = if same {
                    (
                        Severity::Warning,
                        format!("`{dup_path}` is written twice with the same value"),
                    )
                } else {
                    (
                        Severity::Error,
                        format!(
                            "`{dup_path}` is written twice with different values; Jekyll keeps the last"
                        ),
                    )
                };
                out.push(
                    Diagnostic::new(codes::DUPLICATE_KEY, severity, msg)
                        .with_primary(dup.later.key.span, "this one wins")
                        .with_label(dup.first.key.span, "first written here")
                        .with_help("remove one of the two lines"),
                );
            }
            for entry in &m.entries {
                if let Some(d) = non_string_key(&entry.key) {
                    out.push(d);
                }
                path.push(Step::Key(entry.key_text()));
                // A key's tag is refused as a value's is; keys hold nothing
                // else to report.
                if entry.key.tag.is_some() || !matches!(entry.key.kind, NodeKind::Scalar(_)) {
                    walk_tags(&entry.key, out);
                }
                walk(&entry.value, path, source, out);
                path.pop();
            }
        }
    }
}

/// `FM010` for every refused tag in `node` (a key), and nothing else.
fn walk_tags(node: &Node, out: &mut Vec<Diagnostic>) {
    if let Some(tag) = &node.tag
        && refused(tag)
    {
        out.push(refused_tag(tag, node));
    }
    match &node.kind {
        NodeKind::Scalar(_) => {}
        NodeKind::Sequence(items) => items.iter().for_each(|i| walk_tags(i, out)),
        NodeKind::Mapping(m) => m.entries.iter().for_each(|e| {
            walk_tags(&e.key, out);
            walk_tags(&e.value, out);
        }),
    }
}

/// The `FM010` diagnostic for `tag` on `node`.
fn refused_tag(tag: &str, node: &Node) -> Diagnostic {
    Diagnostic::new(
        codes::DISALLOWED_TAG,
        Severity::Error,
        format!("the tag `{tag}` is refused by Jekyll's safe YAML loader"),
    )
    .with_primary(
        node.span,
        "Jekyll stops reading this file's front matter here",
    )
    .with_help("remove the tag; front matter holds plain values")
}

/// `FM016` for a key Psych reads as something other than text: templates
/// look keys up by name (`page.yes`), and never find `true`, `1` or a list.
fn non_string_key(key: &Node) -> Option<Diagnostic> {
    use masthead_yaml::Resolved;
    let what = match &key.kind {
        NodeKind::Scalar(_) => match key.resolve()? {
            Resolved::String => return None,
            Resolved::Null => "null".to_string(),
            Resolved::Bool(b) => format!("the boolean {b}"),
            Resolved::Integer(i) => format!("the integer {i}"),
            Resolved::Float(_) => "a floating-point number".to_string(),
        },
        NodeKind::Sequence(_) => "a list".to_string(),
        NodeKind::Mapping(_) => "a mapping".to_string(),
    };
    let written = match &key.kind {
        NodeKind::Scalar(s) => format!("`{}`", s.text),
        _ => "this key".to_string(),
    };
    let help = match &key.kind {
        NodeKind::Scalar(s) => format!("quote it to keep it text: `\"{}\":`", s.text),
        _ => "use a plain word as the key".to_string(),
    };
    Some(
        Diagnostic::new(
            codes::NON_STRING_KEY,
            Severity::Warning,
            format!("{written} is read by Jekyll as {what}, not as text, so templates cannot reach it by name"),
        )
        .with_primary(key.span, "not a text key")
        .with_help(help),
    )
}

fn whitespace(
    node: &Node,
    path: &KeyPath,
    text: &str,
    style: ScalarStyle,
    source: &str,
) -> Diagnostic {
    let leading = text.len() - text.trim_start().len();
    let trailing = text.len() - text.trim_end().len();
    let raw = source.get(node.span.start..node.span.end).unwrap_or("");
    let folded_break = trailing > 0 && raw.trim_end_matches(['"', '\'']).ends_with('\n');
    let where_ = match (leading > 0, trailing > 0) {
        (true, true) => "starts and ends",
        (true, false) => "starts",
        _ => "ends",
    };
    let mut d = Diagnostic::new(
        codes::STRAY_WHITESPACE,
        Severity::Warning,
        format!("`{path}` {where_} with whitespace, which Jekyll keeps"),
    )
    .with_primary(node.span, "inside these quotes");
    if folded_break {
        let quote = if style == ScalarStyle::SingleQuoted {
            '\''
        } else {
            '"'
        };
        d = d
            .with_help(format!(
                "the line break before the closing {quote} folds into a space; move the {quote} to the end of the text"
            ))
            .with_note("YAML folds a line break inside quotes into one space");
    } else {
        d = d.with_help("remove the spaces inside the quotes");
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use masthead_yaml::{ParseOptions, parse};

    fn root(text: &str) -> Node {
        parse(text, &ParseOptions::default())
            .unwrap()
            .into_root()
            .unwrap()
    }

    /// What decides the model without the findings must agree with the
    /// findings: a refused tag on any value or key, at any depth, and not
    /// a tag the safe loader takes.
    #[test]
    fn refuses_tag_agrees_with_the_tree_checks() {
        for (text, refused) in [
            ("a: 1\nb: [x, {c: d}]\n", false),
            ("a: !ruby/object:Foo {x: 1}\n", true),
            ("a: [1, !ruby/hash {x: 1}]\n", true),
            ("a:\n  b:\n    - !<tag:ruby.yaml.org,2002:object> x\n", true),
            ("? !ruby/sym k\n: v\n", true),
            ("a:\n  ? [x, !ruby/object y]\n  : v\n", true),
            ("? !!str k\n: v\n", false),
            ("a: !!str 12\nb: !!binary aGk=\n", false),
            ("a: x\na: !ruby/object y\n", true),
        ] {
            let node = root(text);
            let found = tree_checks(&node, text)
                .iter()
                .any(|d| d.code == codes::DISALLOWED_TAG);
            assert_eq!(found, refused, "{text}");
            assert_eq!(refuses_tag(&node), refused, "{text}");
        }
    }
}
