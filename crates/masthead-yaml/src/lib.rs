//! YAML with source positions, parsed the way Jekyll parses it.
//!
//! Jekyll reads front matter with Ruby's Psych, which is libyaml 0.2.5 plus
//! Psych's own scalar resolution. masthead drives `unsafe-libyaml` (the Rust
//! translation of that same libyaml) event by event and builds its own tree
//! of [`Node`]s, each with the byte [`Span`] it came from, so:
//!
//! - acceptance is libyaml's: the multi-line quoted excerpt that closes in
//!   column 1, tabs after `key:`, anything Jekyll reads, masthead reads;
//! - duplicate keys are kept (Jekyll keeps the last; both positions stay
//!   available through [`Mapping::duplicates`]);
//! - every value, and every error, has an exact byte range.
//!
//! Typed access goes through serde: [`from_node`] deserialises any
//! `Deserialize` type from a node and reports errors with the key path and
//! span of the offending value. No libyaml type appears in this API.
//!
//! ```
//! let doc = masthead_yaml::parse("title:\t\"Hello\"\ntitle: Again\n", &Default::default()).unwrap();
//! let root = doc.root().unwrap();
//! let map = root.as_mapping().unwrap();
//! assert_eq!(map.get("title").unwrap().as_str(), Some("Again"));
//! assert_eq!(map.duplicates().count(), 1);
//! ```

#![deny(clippy::print_stdout, clippy::print_stderr)]

mod builder;
mod de;
mod fast;
mod libyaml;
mod resolve;

pub use de::{DecodeError, DecodeErrorKind, from_node, from_node_skipping, struct_fields};
pub use resolve::Resolved;

use masthead_diagnostics::Span;
use masthead_model::document::{FieldSpan, SpanId, SpanMap, SpanStep};
use masthead_model::{KeyPath, Map, Segment, Value};
use std::borrow::Cow;

/// Limits that keep hostile input from exhausting memory or stack.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParseOptions {
    /// Deepest nesting of sequences and mappings accepted.
    pub max_depth: usize,
    /// Most nodes a document may expand to, aliases included (stops "billion laughs").
    pub max_nodes: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            max_depth: 128,
            max_nodes: 100_000,
        }
    }
}

/// A YAML syntax error, or a limit from [`ParseOptions`] reached.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    /// What went wrong, in libyaml's words where it said something.
    pub message: String,
    /// Where libyaml stopped (usually an empty span at the offending character).
    pub span: Span,
    /// What libyaml was reading when it stopped, and where that started
    /// ("while scanning a quoted scalar" at the opening quote).
    pub context: Option<(String, Span)>,
    /// What kind of problem this is.
    pub kind: YamlErrorKind,
}

/// The kinds of [`YamlError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum YamlErrorKind {
    /// The text is not YAML libyaml (and so Jekyll) accepts.
    Syntax,
    /// Nesting deeper than [`ParseOptions::max_depth`].
    TooDeep,
    /// More nodes than [`ParseOptions::max_nodes`], usually through aliases.
    TooLarge,
    /// An alias names an anchor that was never defined.
    UnknownAnchor,
}

/// How a scalar was written, so editors can keep the file's quoting style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarStyle {
    /// `key: value`
    Plain,
    /// `key: 'value'`
    SingleQuoted,
    /// `key: "value"`
    DoubleQuoted,
    /// `key: |`
    Literal,
    /// `key: >`
    Folded,
}

impl ScalarStyle {
    /// Whether the scalar was quoted (its text is always a string).
    pub fn is_quoted(self) -> bool {
        matches!(self, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted)
    }
}

/// A scalar: its text after YAML unescaping and folding, and how it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    /// The value as YAML reads it (quotes removed, escapes and line folds applied).
    pub text: String,
    /// The quoting style.
    pub style: ScalarStyle,
}

/// One `key: value` pair of a mapping, both with spans.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key node (almost always a plain scalar).
    pub key: Node,
    /// The value node.
    pub value: Node,
}

impl Entry {
    /// The key as text: a scalar key's text, or the YAML-ish rendering of a complex key.
    pub fn key_text(&self) -> Cow<'_, str> {
        self.key.key_text()
    }
}

/// A mapping, with every entry as written, duplicates included.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Mapping {
    /// Entries in file order.
    pub entries: Vec<Entry>,
}

/// A key written more than once in one mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Duplicate<'a> {
    /// The key text.
    pub key: String,
    /// An earlier entry with the key (ignored, as in Jekyll).
    pub first: &'a Entry,
    /// The later entry, which wins.
    pub later: &'a Entry,
}

impl Mapping {
    /// The value Jekyll sees for `key`: the last entry with that key.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.get_entry(key).map(|e| &e.value)
    }

    /// The last entry with that key.
    pub fn get_entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().rev().find(|e| e.key.is_key(key))
    }

    /// One entry per distinct key, in order of first appearance, each holding
    /// the last value written (Ruby's `Hash` semantics for repeated keys).
    pub fn effective(&self) -> Vec<&Entry> {
        let mut out: Vec<&Entry> = Vec::with_capacity(self.entries.len());
        let mut keys: Vec<Cow<'_, str>> = Vec::with_capacity(self.entries.len());
        for entry in &self.entries {
            let key = entry.key_text();
            match keys
                .iter()
                .position(|k| *k == key)
                .and_then(|i| out.get_mut(i))
            {
                Some(slot) => *slot = entry,
                None => {
                    keys.push(key);
                    out.push(entry);
                }
            }
        }
        out
    }

    /// Each repeated key as (previous occurrence, later occurrence) pairs.
    pub fn duplicates(&self) -> impl Iterator<Item = Duplicate<'_>> {
        self.entries
            .iter()
            .enumerate()
            .filter_map(move |(i, later)| {
                let key = later.key_text();
                self.entries
                    .get(..i)
                    .unwrap_or_default()
                    .iter()
                    .rev()
                    .find(|e| e.key_text() == key)
                    .map(|first| Duplicate {
                        key: key.into_owned(),
                        first,
                        later,
                    })
            })
    }
}

/// What a node holds.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// A scalar.
    Scalar(Scalar),
    /// A sequence.
    Sequence(Vec<Node>),
    /// A mapping.
    Mapping(Mapping),
}

/// A YAML node and the byte range it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The content.
    pub kind: NodeKind,
    /// Byte range in the parsed text (quotes and indicators included).
    pub span: Span,
    /// An explicit tag (`!!str`, `!ruby/object`), when one was written.
    pub tag: Option<String>,
}

impl Node {
    /// The scalar, if this is one.
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The mapping, if this is one.
    pub fn as_mapping(&self) -> Option<&Mapping> {
        match &self.kind {
            NodeKind::Mapping(m) => Some(m),
            _ => None,
        }
    }

    /// The sequence items, if this is a sequence.
    pub fn as_sequence(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Sequence(s) => Some(s),
            _ => None,
        }
    }

    /// The text of a scalar that resolves to a string (quoted, or plain and not
    /// null/bool/number).
    pub fn as_str(&self) -> Option<&str> {
        match self.resolve() {
            Some(Resolved::String) => self.as_scalar().map(|s| s.text.as_str()),
            _ => None,
        }
    }

    /// Whether this is a null scalar (`~`, `null`, or nothing).
    pub fn is_null(&self) -> bool {
        self.as_scalar()
            .is_some_and(|s| resolve::is_null(&s.text, s.style, self.tag.as_deref()))
    }

    /// Psych's reading of this scalar (None for collections).
    pub fn resolve(&self) -> Option<Resolved> {
        self.as_scalar()
            .map(|s| resolve::resolve(&s.text, s.style, self.tag.as_deref()))
    }

    /// A short name of the node's type for messages ("a string", "a list").
    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Sequence(_) => "a list",
            NodeKind::Mapping(_) => "a mapping",
            NodeKind::Scalar(_) => match self.resolve() {
                Some(Resolved::Null) => "null",
                Some(Resolved::Bool(_)) => "a boolean",
                Some(Resolved::Integer(_)) => "an integer",
                Some(Resolved::Float(_)) => "a number",
                _ => "a string",
            },
        }
    }

    fn is_key(&self, key: &str) -> bool {
        match &self.kind {
            NodeKind::Scalar(s) => s.text == key,
            _ => self.key_text() == key,
        }
    }

    fn key_text(&self) -> Cow<'_, str> {
        match &self.kind {
            NodeKind::Scalar(s) => Cow::Borrowed(&s.text),
            _ => Cow::Owned(format!("{:?}", self.to_value())),
        }
    }

    /// The node's value without spans, resolved as Psych resolves scalars.
    pub fn to_value(&self) -> Value {
        match &self.kind {
            NodeKind::Scalar(s) => scalar_value(
                resolve::resolve(&s.text, s.style, self.tag.as_deref()),
                || s.text.clone(),
            ),
            NodeKind::Sequence(items) => Value::List(items.iter().map(Node::to_value).collect()),
            NodeKind::Mapping(m) => {
                // Inserting every entry in file order gives what
                // `Mapping::effective` gives: a repeated key keeps its first
                // place and takes its last value.
                let mut map = Map::with_capacity_and_hasher(m.entries.len(), Default::default());
                for entry in &m.entries {
                    map.insert(entry.key_text().into_owned(), entry.value.to_value());
                }
                Value::from(map)
            }
        }
    }

    /// [`Node::to_value`], moving the tree's text instead of copying it:
    /// for a tree that is not needed afterwards.
    pub fn into_value(self) -> Value {
        match self.kind {
            NodeKind::Scalar(s) => {
                let resolved = resolve::resolve(&s.text, s.style, self.tag.as_deref());
                scalar_value(resolved, || s.text)
            }
            NodeKind::Sequence(items) => {
                Value::List(items.into_iter().map(Node::into_value).collect())
            }
            NodeKind::Mapping(m) => Value::from(mapping_into_map(m)),
        }
    }

    /// [`Node::into_value`] of a mapping, as the [`Map`] itself rather than
    /// boxed in a [`Value`] (a document's front matter, which the loader
    /// merges at once); `None` for any other node.
    pub fn into_map(self) -> Option<Map> {
        match self.kind {
            NodeKind::Mapping(m) => Some(mapping_into_map(m)),
            _ => None,
        }
    }

    /// The node at `path` (following the effective, last-wins entries).
    pub fn at(&self, path: &KeyPath) -> Option<&Node> {
        let mut node = self;
        for seg in path.segments() {
            node = match (seg, &node.kind) {
                (masthead_model::Segment::Key(k), NodeKind::Mapping(m)) => m.get(k)?,
                (masthead_model::Segment::Index(i), NodeKind::Sequence(items)) => items.get(*i)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// Every value in the tree with its key path, the span of its key (for
    /// mapping entries) and the span of its value, in file order. Repeated
    /// keys appear once per occurrence.
    pub fn key_spans(&self) -> Vec<KeySpan> {
        let mut out = Vec::new();
        collect_spans(self, &mut KeyPath::root(), None, &mut out);
        out
    }

    /// Where every value in the tree is, by key path: [`Node::key_spans`]
    /// as the map the model keeps, built without a path per value.
    pub fn span_map(&self) -> SpanMap {
        let mut map = SpanMap::with_capacity(16, 128);
        push_spans(self, None, SpanStep::Root, None, &mut map);
        map
    }

    /// This node with every span moved `by` bytes later.
    pub fn shift(&mut self, by: usize) {
        self.span = self.span.shifted(by);
        match &mut self.kind {
            NodeKind::Scalar(_) => {}
            NodeKind::Sequence(items) => items.iter_mut().for_each(|n| n.shift(by)),
            NodeKind::Mapping(m) => m.entries.iter_mut().for_each(|e| {
                e.key.shift(by);
                e.value.shift(by);
            }),
        }
    }
}

/// A value's position: see [`Node::key_spans`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeySpan {
    /// Where the value sits.
    pub path: KeyPath,
    /// The key's span, when the value is a mapping entry.
    pub key: Option<Span>,
    /// The value's span.
    pub value: Span,
}

/// Every node's span under `path`, depth first. `path` is extended and
/// restored in place: only the copies stored in `out` are allocated.
fn collect_spans(node: &Node, path: &mut KeyPath, key: Option<Span>, out: &mut Vec<KeySpan>) {
    out.push(KeySpan {
        path: path.clone(),
        key,
        value: node.span,
    });
    match &node.kind {
        NodeKind::Scalar(_) => {}
        NodeKind::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Segment::Index(i));
                collect_spans(item, path, None, out);
                path.pop();
            }
        }
        NodeKind::Mapping(m) => {
            for entry in &m.entries {
                path.push(Segment::Key(entry.key_text().into_owned()));
                collect_spans(&entry.value, path, Some(entry.key.span), out);
                path.pop();
            }
        }
    }
}

/// A mapping's entries as a [`Map`], moving their text ([`Node::into_value`]):
/// as in [`Node::to_value`], a repeated key keeps its first place and takes
/// its last value.
fn mapping_into_map(m: Mapping) -> Map {
    let mut map = Map::with_capacity_and_hasher(m.entries.len(), Default::default());
    for Entry { key, value } in m.entries {
        let key = match key.kind {
            NodeKind::Scalar(s) => s.text,
            kind => Node { kind, ..key }.key_text().into_owned(),
        };
        map.insert(key, value.into_value());
    }
    map
}

/// The value of a scalar resolved as `resolved`; its text is taken (copied
/// or moved, as the caller can) only when it is a string.
fn scalar_value(resolved: Resolved, text: impl FnOnce() -> String) -> Value {
    match resolved {
        Resolved::Null => Value::Null,
        Resolved::Bool(b) => Value::Bool(b),
        Resolved::Integer(i) => Value::Integer(i),
        Resolved::Float(f) => Value::Float(f),
        Resolved::String => Value::String(text()),
    }
}

/// [`Node::span_map`]'s walk: `node` under `parent`, then its children.
fn push_spans(
    node: &Node,
    parent: Option<SpanId>,
    step: SpanStep<'_>,
    key: Option<Span>,
    map: &mut SpanMap,
) {
    let span = FieldSpan {
        key,
        value: node.span,
    };
    let id = map.push(parent, step, span);
    match &node.kind {
        NodeKind::Scalar(_) => {}
        NodeKind::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                push_spans(item, Some(id), SpanStep::Index(i), None, map);
            }
        }
        NodeKind::Mapping(m) => {
            for entry in &m.entries {
                let key = entry.key_text();
                push_spans(
                    &entry.value,
                    Some(id),
                    SpanStep::Key(&key),
                    Some(entry.key.span),
                    map,
                );
            }
        }
    }
}

/// A parsed YAML stream: the first document's root, if it has one.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    root: Option<Node>,
}

impl Document {
    /// The root node; `None` for an empty document (only comments and blank lines).
    pub fn root(&self) -> Option<&Node> {
        self.root.as_ref()
    }

    /// Takes the root node.
    pub fn into_root(self) -> Option<Node> {
        self.root
    }
}

/// Parses `text` (the YAML between the front-matter fences, or a whole data
/// file) into a tree with spans relative to the start of `text`.
///
/// Only the first document of a stream is kept, as Psych's `safe_load` does.
pub fn parse(text: &str, options: &ParseOptions) -> Result<Document, YamlError> {
    // The common shapes of front matter are read directly; anything the
    // fast path is not sure of goes to libyaml, the reference.
    match fast::parse(text, options) {
        Some(doc) => Ok(doc),
        None => builder::build(text, options),
    }
}

/// [`parse`] through libyaml alone, bypassing the fast path: the reference
/// the fast path is tested against, and a way to measure it.
#[doc(hidden)]
pub fn parse_with_libyaml(text: &str, options: &ParseOptions) -> Result<Document, YamlError> {
    builder::build(text, options)
}

/// Whether [`parse`] reads `text` without libyaml (for tests and benchmarks).
#[doc(hidden)]
pub fn takes_fast_path(text: &str, options: &ParseOptions) -> bool {
    fast::parse(text, options).is_some()
}

#[cfg(test)]
mod fast_tests;
#[cfg(test)]
mod tests;
