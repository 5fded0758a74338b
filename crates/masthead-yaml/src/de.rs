//! A serde `Deserializer` over [`Node`]s that knows where every value is.
//!
//! serde_yaml reports a missing field or a duplicate key at line 1, column 1
//! (the start of the mapping); this one reports each error with the key path
//! and the span of the value that caused it, and reads duplicate keys the way
//! Jekyll does (the last one wins) instead of failing.

use crate::resolve::Resolved;
use crate::{Node, NodeKind};
use masthead_diagnostics::Span;
use masthead_model::KeyPath;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use std::collections::HashSet;
use std::fmt;

/// Why a value could not be read into its type.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The value has the wrong shape (a list where a string was expected…).
    InvalidType,
    /// The value has the right shape but not an allowed value (an unknown role…).
    InvalidValue,
    /// A required field is absent; holds the field name.
    MissingField(String),
    /// Anything else the type said.
    Custom,
}

/// A value that could not be read into its type, with its position.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DecodeError {
    /// Where the value is (`event.start`); for a missing field, the mapping
    /// that lacks it.
    pub path: KeyPath,
    /// The value's span (the mapping's, for a missing field).
    pub span: Span,
    /// What is wrong, in serde's words ("invalid type: sequence, expected a string").
    pub message: String,
    /// The kind of problem.
    pub kind: DecodeErrorKind,
    located: bool,
}

impl DecodeError {
    fn locate(mut self, span: Span) -> Self {
        if !self.located {
            self.span = span;
            self.located = true;
        }
        self
    }

    fn unlocated(message: String, kind: DecodeErrorKind) -> Self {
        DecodeError {
            path: KeyPath::root(),
            span: Span::default(),
            message,
            kind,
            located: false,
        }
    }
}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DecodeError::unlocated(msg.to_string(), DecodeErrorKind::Custom)
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DecodeError::unlocated(
            format!("expected {exp}, found {}", unexpected(unexp)),
            DecodeErrorKind::InvalidType,
        )
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DecodeError::unlocated(
            format!("expected {exp}, found {}", unexpected(unexp)),
            DecodeErrorKind::InvalidValue,
        )
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        DecodeError::unlocated(
            format!("`{variant}` is not one of {}", one_of(expected)),
            DecodeErrorKind::InvalidValue,
        )
    }

    fn missing_field(field: &'static str) -> Self {
        DecodeError::unlocated(
            format!("missing required field `{field}`"),
            DecodeErrorKind::MissingField(field.to_string()),
        )
    }
}

fn one_of(expected: &[&str]) -> String {
    let quoted: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
    quoted.join(", ")
}

fn unexpected(u: de::Unexpected<'_>) -> String {
    match u {
        de::Unexpected::Seq => "a list".into(),
        de::Unexpected::Map => "a mapping".into(),
        de::Unexpected::Unit | de::Unexpected::Option => "null".into(),
        de::Unexpected::Str(s) => format!("the string {s:?}"),
        other => other.to_string(),
    }
}

/// Reads `T` from `node`. Errors carry the key path and span of the value
/// at fault, relative to `path` (pass [`KeyPath::root`] for a whole document).
pub fn from_node<'de, T: de::Deserialize<'de>>(
    node: &Node,
    path: &KeyPath,
) -> Result<T, DecodeError> {
    from_node_skipping(node, path, &HashSet::new())
}

/// Like [`from_node`], but the top-level keys in `skip` are treated as absent.
///
/// The loader uses this to recover: when one field has the wrong type it is
/// reported, skipped, and the rest of the document still loads typed.
pub fn from_node_skipping<'de, T: de::Deserialize<'de>>(
    node: &Node,
    path: &KeyPath,
    skip: &HashSet<String>,
) -> Result<T, DecodeError> {
    T::deserialize(NodeDe { node, skip })
        .map_err(|e| e.locate(node.span))
        .map_err(|mut e| {
            // Paths are worked out only for the rare value that fails: the
            // deepest node with the error's span.
            let relative = node
                .key_spans()
                .into_iter()
                .rev()
                .find(|ks| ks.value == e.span)
                .map(|ks| ks.path)
                .unwrap_or_default();
            let mut full = path.clone();
            for seg in relative.segments() {
                full = match seg {
                    masthead_model::Segment::Key(k) => full.key(k.clone()),
                    masthead_model::Segment::Index(i) => full.index(*i),
                };
            }
            e.path = full;
            e
        })
}

/// The field names a derived `Deserialize` struct knows (for "unknown key"
/// checks and for sorting keys into typed fields and `extra`).
pub fn struct_fields<'de, T: de::Deserialize<'de>>() -> &'static [&'static str] {
    struct Probe(Option<&'static [&'static str]>);
    impl<'de> de::Deserializer<'de> for &mut Probe {
        type Error = DecodeError;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, DecodeError> {
            Err(de::Error::custom("probe"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, DecodeError> {
            self.0 = Some(fields);
            Err(de::Error::custom("probe"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    let mut probe = Probe(None);
    let _ = T::deserialize(&mut probe);
    probe.0.unwrap_or(&[])
}

struct NodeDe<'a> {
    node: &'a Node,
    skip: &'a HashSet<String>,
}

static NO_SKIP: std::sync::LazyLock<HashSet<String>> = std::sync::LazyLock::new(HashSet::new);

impl<'a> NodeDe<'a> {
    fn child(&self, node: &'a Node) -> NodeDe<'a> {
        NodeDe {
            node,
            skip: &NO_SKIP,
        }
    }

    fn scalar_text(&self) -> Option<&'a str> {
        self.node.as_scalar().map(|s| s.text.as_str())
    }

    fn invalid_type(&self, exp: &dyn de::Expected) -> DecodeError {
        let found = self.node.type_name();
        DecodeError::unlocated(
            format!("expected {exp}, found {found}"),
            DecodeErrorKind::InvalidType,
        )
    }
}

impl<'de> de::Deserializer<'de> for NodeDe<'_> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match &self.node.kind {
            NodeKind::Scalar(s) => match self.node.resolve() {
                Some(Resolved::Null) => visitor.visit_unit(),
                Some(Resolved::Bool(b)) => visitor.visit_bool(b),
                Some(Resolved::Integer(i)) => visitor.visit_i64(i),
                Some(Resolved::Float(f)) => visitor.visit_f64(f),
                _ => visitor.visit_str(&s.text),
            },
            NodeKind::Sequence(_) => self.deserialize_seq(visitor),
            NodeKind::Mapping(_) => self.deserialize_map(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.node.resolve() {
            Some(Resolved::Bool(b)) => visitor.visit_bool(b),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        // A plain `2021` or `true` where the model wants text is that text:
        // Liquid prints it the same either way, and nothing is lost.
        match self.scalar_text() {
            Some(text) if !self.node.is_null() => visitor.visit_str(text),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        if self.node.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        if self.node.is_null() {
            visitor.visit_unit()
        } else {
            Err(self.invalid_type(&visitor))
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match &self.node.kind {
            NodeKind::Sequence(items) => visitor.visit_seq(SeqAccess {
                parent: &self,
                items: items.iter(),
            }),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match &self.node.kind {
            NodeKind::Mapping(m) => {
                let mut entries = m.effective();
                if !self.skip.is_empty() {
                    entries.retain(|e| !self.skip.contains(e.key_text().as_ref()));
                }
                visitor.visit_map(MapAccess {
                    parent: &self,
                    entries: entries.into_iter(),
                    value: None,
                })
            }
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        match self.scalar_text() {
            Some(text) if !self.node.is_null() => visitor.visit_enum(text.into_deserializer()),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 bytes byte_buf unit_struct
        tuple_struct identifier
    }
}

struct SeqAccess<'p, 'a> {
    parent: &'p NodeDe<'a>,
    items: std::slice::Iter<'a, Node>,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_, '_> {
    type Error = DecodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DecodeError> {
        let Some(node) = self.items.next() else {
            return Ok(None);
        };
        seed.deserialize(self.parent.child(node))
            .map(Some)
            .map_err(|e| e.locate(node.span))
    }
}

struct MapAccess<'p, 'a> {
    parent: &'p NodeDe<'a>,
    entries: std::vec::IntoIter<&'a crate::Entry>,
    value: Option<&'a crate::Entry>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'_, '_> {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(entry);
        let key = entry.key_text();
        let de: de::value::StrDeserializer<'_, DecodeError> = key.as_ref().into_deserializer();
        seed.deserialize(de)
            .map(Some)
            .map_err(|e| e.locate(entry.key.span))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DecodeError> {
        let Some(entry) = self.value.take() else {
            return Err(de::Error::custom("value requested before key"));
        };
        seed.deserialize(self.parent.child(&entry.value))
            .map_err(|e| e.locate(entry.value.span))
    }
}
