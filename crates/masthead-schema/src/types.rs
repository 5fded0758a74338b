//! The front-matter schema of each document type, generated from the raw
//! types with schemars and then adjusted to what the loader accepts.
//!
//! schemars describes the Rust types; the loader is more lenient than some
//! of them (a plain `2021` is accepted as the text of a `String` field) and
//! stricter than others (a post without `title` is an error at resolution,
//! though the raw field is optional). The adjustments here close those
//! gaps; the agreement test (`tests/schema_agreement.rs`) checks the result
//! against the loader on generated documents.

use crate::date;
use crate::json::set;
use masthead_model::config::DocumentType;
use masthead_model::frontmatter::{
    AuthorFrontMatter, EventFrontMatter, GenericFrontMatter, PostFrontMatter,
};
use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::{Value, json};

/// The JSON Schema dialect of every schema masthead writes.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The JSON Schema of `doc_type`'s front matter: what a file of a
/// collection of that type may hold, before any site-specific fields.
pub fn front_matter_schema(doc_type: DocumentType) -> Value {
    let mut schema = match doc_type {
        DocumentType::Post => generate::<PostFrontMatter>(),
        DocumentType::Event => generate::<EventFrontMatter>(),
        DocumentType::Author => generate::<AuthorFrontMatter>(),
        DocumentType::Document => generate::<GenericFrontMatter>(),
    };
    if let Some(defs) = schema.get_mut("$defs").and_then(Value::as_object_mut) {
        if defs.contains_key("OneOrMany") {
            defs.insert("OneOrMany".into(), one_or_many());
        }
        if defs.contains_key("OptionalDate") {
            defs.insert("OptionalDate".into(), optional_date());
        }
        for def in defs.values_mut() {
            adjust_properties(def);
        }
    }
    adjust_properties(&mut schema);
    let (title, required): (&str, &[&str]) = match doc_type {
        DocumentType::Post => ("Post front matter", &["title"]),
        DocumentType::Event => ("Event front matter", &["title", "event"]),
        DocumentType::Author => ("Author front matter", &["person-name"]),
        DocumentType::Document => ("Document front matter", &[]),
    };
    set(&mut schema, "title", json!(title));
    for field in required {
        require(&mut schema, field);
    }
    if doc_type == DocumentType::Event
        && let Some(details) = schema.pointer_mut("/$defs/EventDetails")
    {
        // An event needs a start that is a date: missing, null and `""`
        // are all "no start" to the loader.
        let description = details
            .pointer("/properties/start/description")
            .cloned()
            .unwrap_or(Value::Null);
        let mut start = date::date_schema(None);
        set(&mut start, "description", description);
        if let Some(properties) = details.get_mut("properties") {
            set(properties, "start", start);
        }
        set(details, "required", json!(["start"]));
    }
    schema
}

/// Applies the loader's leniency to every object schema of `schema` (the
/// root and each definition).
pub(crate) fn adjust_all(schema: &mut Value) {
    if let Some(defs) = schema.get_mut("$defs").and_then(Value::as_object_mut) {
        for def in defs.values_mut() {
            adjust_properties(def);
            for branch in ["anyOf", "oneOf"] {
                if let Some(list) = def.get_mut(branch).and_then(Value::as_array_mut) {
                    list.iter_mut().for_each(adjust_properties);
                }
            }
        }
    }
    adjust_properties(schema);
}

/// schemars' draft 2020-12 schema for `T`, as JSON.
fn generate<T: JsonSchema>() -> Value {
    SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value()
}

/// What schemars gives `DateValue` (it has no name of its own in the
/// output, being inlined): recognised by its examples.
fn is_date(schema: &Value) -> bool {
    schema.get("examples") == date::date_schema(None).get("examples")
}

/// Rewrites the properties of an object schema that schemars describes by
/// their Rust type into what the loader accepts.
fn adjust_properties(schema: &mut Value) {
    let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    for (name, property) in properties.iter_mut() {
        if property.get("type") != Some(&json!(["string", "null"])) {
            continue;
        }
        let mut out = serde_json::Map::new();
        if let Some(d) = property.get("description") {
            out.insert("description".into(), d.clone());
        }
        if is_date(property) {
            let mut date = date::date_schema(None);
            if let Some(obj) = date.as_object_mut() {
                obj.remove("description");
                if let Some(examples) = obj.remove("examples") {
                    out.insert("examples".into(), examples);
                }
            }
            out.insert("anyOf".into(), json!([date, {"type": "null"}]));
        } else {
            if let Some(e) = property.get("examples") {
                out.insert("examples".into(), e.clone());
            }
            let mut text = json!({"type": "string"});
            if let Some(f) = property.get("format") {
                set(&mut text, "format", f.clone());
            }
            if name == "permalink" {
                set(&mut text, "pattern", json!(permalink_pattern()));
            }
            out.insert("anyOf".into(), scalar_branches(text));
        }
        *property = Value::Object(out);
    }
}

/// Any scalar: the loader reads a plain `2021`, `1.5` or `yes` where it
/// wants text as that text. `text` is the string branch (with its format).
fn scalar_branches(text: Value) -> Value {
    json!([text, {"type": "number"}, {"type": "boolean"}, {"type": "null"}])
}

/// Marks `field` as required and no longer nullable: the loader reports a
/// missing or empty required field alike.
fn require(schema: &mut Value, field: &str) {
    if let Some(property) = schema.pointer_mut(&format!("/properties/{field}")) {
        let branches = property
            .get_mut("anyOf")
            .and_then(Value::as_array_mut)
            .map(|branches| {
                branches.retain(|b| b != &json!({"type": "null"}));
                branches.clone()
            });
        if let (Some([only]), Some(obj)) = (branches.as_deref(), property.as_object_mut()) {
            // `anyOf` with one branch reads better as that branch.
            obj.remove("anyOf");
            if let Some(only) = only.as_object() {
                for (k, v) in only {
                    obj.insert(k.clone(), v.clone());
                }
            }
        }
    }
    let required = schema
        .as_object_mut()
        .map(|o| o.entry("required").or_insert_with(|| json!([])));
    if let Some(Value::Array(list)) = required
        && !list.iter().any(|v| v == field)
    {
        list.push(json!(field));
    }
}

/// `category`, `redirect_from`…: one text or a list. The loader takes a
/// string or an integer alone, and any scalars in a list (empty items are
/// dropped); a float or boolean alone is an error.
fn one_or_many() -> Value {
    json!({
        "description": "One value, or a list of values (`category: news` or `category: [news, events]`).",
        "anyOf": [
            {"type": "string"},
            {"type": "integer"},
            {
                "type": "array",
                "items": {
                    "anyOf": [
                        {"type": "string"},
                        {"type": "number"},
                        {"type": "boolean"},
                        {"type": "null"}
                    ]
                }
            }
        ]
    })
}

/// An event's `end` or `deadline`: a date, or blank for "none".
fn optional_date() -> Value {
    json!({
        "description": "A date, or `\"\"` when there is none.",
        "anyOf": [date::date_schema(None), date::blank_schema()]
    })
}

/// Placeholders Jekyll's `UrlDrop` answers, by the name looked up (after
/// Ruby chomps one trailing `_`). Kept in step with
/// `masthead_model::permalink::expand` by a test.
pub(crate) const PLACEHOLDERS: &[&str] = &[
    "collection",
    "path",
    "output_ext",
    "name",
    "title",
    "slug",
    "categories",
    "slugified_categories",
    "year",
    "short_year",
    "month",
    "i_month",
    "day",
    "i_day",
    "hour",
    "minute",
    "second",
    "short_month",
    "long_month",
    "y_day",
    "week",
    "w_year",
    "w_day",
    "short_day",
    "long_day",
    // Ruby methods of the drop that answer nil (an empty value).
    "__id__",
    "__send__",
    "chain",
    "chunk",
    "chunk_while",
    "class",
    "clone",
    "collect",
    "collect_concat",
    "compact",
    "cycle",
    "define_singleton_method",
    "detect",
    "display",
    "drop",
    "drop_while",
    "dup",
    "each",
    "each_cons",
    "each_entry",
    "each_slice",
    "each_with_index",
    "each_with_object",
    "entries",
    "enum_for",
    "extend",
    "filter",
    "filter_map",
    "find",
    "find_all",
    "find_index",
    "flat_map",
    "freeze",
    "grep",
    "grep_v",
    "group_by",
    "hash",
    "inject",
    "inspect",
    "instance_eval",
    "instance_exec",
    "instance_variable_get",
    "instance_variable_set",
    "instance_variables",
    "invoke_drop",
    "itself",
    "lazy",
    "liquid_method_missing",
    "map",
    "max_by",
    "method",
    "methods",
    "min_by",
    "minmax",
    "minmax_by",
    "object_id",
    "partition",
    "private_methods",
    "protected_methods",
    "public_method",
    "public_methods",
    "public_send",
    "reduce",
    "reject",
    "remove_instance_variable",
    "reverse_each",
    "select",
    "send",
    "singleton_class",
    "singleton_method",
    "singleton_methods",
    "slice_after",
    "slice_before",
    "slice_when",
    "sort_by",
    "sum",
    "taint",
    "take",
    "take_while",
    "tally",
    "tap",
    "then",
    "to_a",
    "to_enum",
    "to_h",
    "to_json",
    "to_s",
    "to_set",
    "to_yaml",
    "trust",
    "uniq",
    "untaint",
    "untrust",
    "yield_self",
    "zip",
];

/// A permalink whose every placeholder Jekyll knows. A placeholder is `:`
/// and the longest run of `[a-z_]` after it; one trailing `_` is dropped
/// before the lookup (`:title_` is `:title`, and `__id__` needs `:__id___`).
pub fn permalink_pattern() -> String {
    let all = PLACEHOLDERS.join("|");
    let plain: Vec<&str> = PLACEHOLDERS
        .iter()
        .copied()
        .filter(|p| !p.ends_with('_'))
        .collect();
    format!(
        "^(?:[^:]|:(?![a-z_])|:(?:(?:{all})_|(?:{plain}))(?![a-z_]))*$",
        plain = plain.join("|")
    )
}
