//! A YAML value as masthead keeps it: ordered, spanless, serialisable.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An ordered map of front-matter keys to values; order is the file's order.
pub type Map = IndexMap<String, Value, MapHasher>;

/// The hasher of [`Map`] (and of other maps keyed by what content says):
/// foldhash, several times faster than the standard library's SipHash on
/// short keys, and randomly seeded so that crafted keys cannot force
/// collisions.
pub type MapHasher = foldhash::fast::RandomState;

/// A front-matter value after YAML scalar resolution (as Jekyll's SafeYAML does it:
/// `yes`/`no`/`on`/`off`/`true`/`false` are booleans, `~` and empty are null).
///
/// Timestamps stay strings exactly as written: masthead types dates where the
/// model expects them ([`crate::date::DateValue`]), and elsewhere keeps the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(untagged)]
pub enum Value {
    /// `~`, `null`, or nothing after the colon.
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer that fits in 64 bits.
    Integer(i64),
    /// A float.
    Float(f64),
    /// A string (also any scalar that is not one of the above, dates included).
    String(String),
    /// A sequence.
    List(Vec<Value>),
    /// A mapping; keys that are not strings are kept as their YAML text.
    // Boxed: a map is 64 bytes where the other variants take 24 at most,
    // and every value of every front matter would pay for it (a `Value` is
    // 32 bytes, not 64). Make one with `Value::from(map)`. (A plain comment:
    // doc comments become descriptions in the JSON Schemas.)
    Map(Box<Map>),
}

/// A map as a [`Value`] (boxed, as [`Value::Map`] holds it).
impl From<Map> for Value {
    fn from(map: Map) -> Self {
        Value::Map(Box::new(map))
    }
}

impl Value {
    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The map, when this is one.
    pub fn as_map(&self) -> Option<&Map> {
        match self {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// Whether this is `Null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
}
