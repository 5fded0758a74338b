//! The site configuration: the parts of `_config.yml` that decide what
//! documents exist and where they go, plus masthead's own `masthead:` section.

use crate::value::{Map, Value};
use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

/// The four document types masthead models, plus the generic one.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum DocumentType {
    /// A dated article: news, publications, notices, consultations.
    Post,
    /// A post with `event` details (start, end, registration).
    Event,
    /// A person who writes posts (the site's `team`).
    Author,
    /// Anything else: loaded, addressed, never typed beyond Jekyll's own keys.
    Document,
}

impl DocumentType {
    /// The lowercase name used in config and output (`post`, `event`…).
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentType::Post => "post",
            DocumentType::Event => "event",
            DocumentType::Author => "author",
            DocumentType::Document => "document",
        }
    }
}

/// `_config.yml`, typed where masthead needs it; every other key in `extra`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct SiteConfig {
    /// Site name; the default event host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Scheme and host (`https://www.example.org`), used for absolute URLs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Path prefix when the site is not served from the root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseurl: Option<String>,
    /// IANA zone (`Europe/London`) for date-only and zone-less dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Site-wide permalink style (`date`, `pretty`, …) or pattern.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permalink: Option<String>,
    /// Folder that holds the `_<collection>` folders (default: the site root).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collections_dir: Option<String>,
    /// Collections: a mapping of label to settings, or a list of labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collections: Option<CollectionsConfig>,
    /// Front-matter defaults by scope.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub defaults: Vec<DefaultsEntry>,
    /// Build future-dated documents too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub future: Option<bool>,
    /// Build `published: false` documents too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unpublished: Option<bool>,
    /// Paths Jekyll skips.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclude: Option<Vec<String>>,
    /// Paths Jekyll reads even though they start with `.` or `_`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include: Option<Vec<String>>,
    /// Output folder (default `_site`), never read as content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    /// masthead's own settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub masthead: Option<MastheadConfig>,
    /// Every other key, in file order.
    #[serde(skip_deserializing, skip_serializing_if = "Map::is_empty")]
    #[schemars(skip)]
    pub extra: Map,
}

/// Jekyll accepts `collections:` as a mapping or as a list of labels.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum CollectionsConfig {
    /// `collections: {news: {output: true}}`
    Map(IndexMap<String, CollectionConfig>),
    /// `collections: [news, events]`
    List(Vec<String>),
}

impl CollectionsConfig {
    /// Each label with its settings (defaults for the list form).
    pub fn entries(&self) -> Vec<(String, CollectionConfig)> {
        match self {
            CollectionsConfig::Map(m) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            CollectionsConfig::List(l) => l
                .iter()
                .map(|k| (k.clone(), CollectionConfig::default()))
                .collect(),
        }
    }
}

impl<'de> Deserialize<'de> for CollectionsConfig {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = CollectionsConfig;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a mapping of collection names to settings, or a list of names")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = IndexMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value: Option<CollectionConfig> = map.next_value()?;
                    out.insert(key, value.unwrap_or_default());
                }
                Ok(CollectionsConfig::Map(out))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    out.push(item);
                }
                Ok(CollectionsConfig::List(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// One collection's settings in `_config.yml`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct CollectionConfig {
    /// Whether Jekyll writes the collection's documents (default false, except posts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<bool>,
    /// Permalink pattern for the collection's documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permalink: Option<String>,
}

/// One entry of `defaults:`: values applied to documents in scope.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct DefaultsEntry {
    /// Which documents it applies to.
    #[serde(default)]
    pub scope: DefaultsScope,
    /// The default front-matter values.
    #[serde(default)]
    pub values: Map,
}

/// The scope of a [`DefaultsEntry`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct DefaultsScope {
    /// Path prefix (or glob with `*`) relative to the site root; empty for all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Collection label (or `pages`, `posts`).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
}

/// The `masthead:` section of `_config.yml`, the one place for masthead's settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MastheadConfig {
    /// Collection label → document type, overriding the zero-config mapping,
    /// with any fields of its own the site declares for the collection.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub collections: IndexMap<String, CollectionMapping>,
    /// `_data` files the site declares, by name under `_data` without the
    /// extension (`navigation` for `_data/navigation.yml`): what editors
    /// check them against (`masthead schema`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub data: IndexMap<String, DataFileSpec>,
    /// Which checks run, and how severe each is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lint: Option<LintSection>,
    /// Renderer name → that renderer's settings (`masthead.render.html`),
    /// read by each renderer as its own typed section (docs/rendering.md).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub render: IndexMap<String, Value>,
}

/// `masthead.lint`: rule selection and severities, in the style of ruff.
///
/// Selectors are rule codes (`FM005`), code prefixes (`FM`, `URL0`), rule
/// names (`stray-whitespace`) or `ALL`; the most specific selector wins.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
pub struct LintSection {
    /// Rules to run instead of the default set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub select: Option<Vec<String>>,
    /// Rules to run in addition to the selection.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extend_select: Vec<String>,
    /// Rules not to run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
    /// Severity per selector: `error`, `warning`, `info`, or `off`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub severity: IndexMap<String, String>,
    /// Glob (relative to the site root) → selectors ignored in matching files.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub per_file_ignores: IndexMap<String, Vec<String>>,
    /// Names accepted in `author:` besides the authors' `person-name`s
    /// (the organisation itself; the site's `title` is always accepted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub author_aliases: Vec<String>,
}

/// How one collection maps to a type: `team: author`, or `team: {type: author}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum CollectionMapping {
    /// Shorthand: just the type.
    Type(DocumentType),
    /// Full form.
    Detailed {
        /// The type.
        #[serde(rename = "type")]
        doc_type: DocumentType,
        /// Front-matter keys of the site's own (beyond the type's), checked
        /// in editors and by `masthead check` (`site-field`).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        fields: Vec<FieldSpec>,
    },
}

impl CollectionMapping {
    /// The mapped type.
    pub fn doc_type(&self) -> DocumentType {
        match self {
            CollectionMapping::Type(t) | CollectionMapping::Detailed { doc_type: t, .. } => *t,
        }
    }

    /// The fields the site declares for the collection (none in the shorthand).
    pub fn fields(&self) -> &[FieldSpec] {
        match self {
            CollectionMapping::Type(_) => &[],
            CollectionMapping::Detailed { fields, .. } => fields,
        }
    }
}

/// A key the site declares for a collection's front matter or a data file's
/// entries: the site's own extension of the model, which `masthead schema`
/// turns into JSON Schema and `masthead check` enforces.
///
/// ```yaml
/// - name: region
///   type: string
///   required: true
///   enum: [London, Wales]
///   description: Where the event happens.
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FieldSpec {
    /// The key as written in front matter (`subtitle`, `event-type`).
    pub name: String,
    /// What kind of value it holds.
    #[serde(default, rename = "type")]
    pub field_type: FieldType,
    /// Whether every document must have it (a default in `defaults:` counts).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// The only values allowed. Quote words YAML reads as booleans (`"yes"`).
    #[serde(default, rename = "enum", skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<Value>>,
    /// A regular expression (ECMA-262 syntax, unanchored) string values must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// What the field is for; editors show it on hover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl FieldSpec {
    /// A field with this name and type, optional, with no other constraint.
    pub fn new(name: impl Into<String>, field_type: FieldType) -> Self {
        FieldSpec {
            name: name.into(),
            field_type,
            required: false,
            allowed: None,
            pattern: None,
            description: None,
        }
    }
}

/// The kinds of value a [`FieldSpec`] can declare.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    /// Text (quote numbers and `yes`/`no` to keep them text).
    #[default]
    String,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A date as Jekyll reads it (`2021-11-22`, `2021-11-22 10:00:00 +0100`).
    Date,
    /// A list of values.
    List,
    /// A mapping of keys to values.
    Mapping,
}

impl FieldType {
    /// The lowercase name used in config and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Boolean => "boolean",
            FieldType::Date => "date",
            FieldType::List => "list",
            FieldType::Mapping => "mapping",
        }
    }
}

/// A `_data` file the site declares in `masthead.data`.
///
/// ```yaml
/// masthead:
///   data:
///     navigation:
///       description: The links in the site's header.
///       shape: list
///       fields:
///         - {name: title, required: true}
///         - {name: url, required: true, pattern: "^/"}
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DataFileSpec {
    /// What the file holds; editors show it on hover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the file is a list of entries or a single mapping.
    #[serde(default)]
    pub shape: DataShape,
    /// The fields of each entry (of the mapping, for `shape: mapping`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldSpec>,
}

/// The top-level shape of a `_data` file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DataShape {
    /// A list of entries (`- title: Home`), the usual shape for menus and people.
    #[default]
    List,
    /// One mapping of keys to values (`phone: …`, `email: …`).
    Mapping,
}
