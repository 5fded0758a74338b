//! The schemas of one site: its collections as configured, its declared
//! `_data` files and its `_config.yml`, plus the VS Code settings that
//! point the YAML extension at them.

use crate::fields::fields_schema;
use crate::json::{set, to_json};
use crate::types::{DIALECT, front_matter_schema};
use masthead_model::Map;
use masthead_model::config::{
    DataFileSpec, DataShape, DefaultsEntry, DocumentType, FieldSpec, SiteConfig,
};
use masthead_model::site::{Collection, Site};
use schemars::generate::SchemaSettings;
use serde_json::{Value, json};

/// One schema file of a site, with the files it describes.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct SchemaFile {
    /// File name (`news.schema.json`).
    pub name: String,
    /// The schema.
    pub schema: Value,
    /// Globs (relative to the site root) of the YAML or JSON files it
    /// describes (`_data/navigation.yml`); empty for front matter, which
    /// lives inside Markdown files that editors' YAML support cannot reach.
    pub files: Vec<String>,
    /// For front-matter schemas, the collection whose documents it describes.
    pub collection: Option<String>,
}

const TYPES: [DocumentType; 4] = [
    DocumentType::Post,
    DocumentType::Event,
    DocumentType::Author,
    DocumentType::Document,
];

/// File-name stems masthead uses itself; a collection with one of these
/// labels gets `collection-<label>`.
fn reserved(stem: &str) -> bool {
    TYPES.iter().any(|t| t.as_str() == stem)
        || stem == "config"
        || stem.starts_with("data-")
        || stem.starts_with("collection-")
}

/// The schema-file stem of a collection's front matter.
pub fn collection_stem(label: &str) -> String {
    if reserved(label) {
        format!("collection-{label}")
    } else {
        label.to_string()
    }
}

/// Every schema of `site`: one per document type, one per collection (its
/// type with its defaults and declared fields), one per declared `_data`
/// file, and `config.schema.json`. Collections are those `_config.yml`
/// declares plus any that hold documents.
pub fn site_schemas(site: &Site) -> Vec<SchemaFile> {
    let mut out: Vec<SchemaFile> = TYPES
        .iter()
        .map(|&t| SchemaFile {
            name: format!("{}.schema.json", t.as_str()),
            schema: tidy(front_matter_schema(t)),
            files: Vec::new(),
            collection: None,
        })
        .collect();
    let masthead = site.config.masthead.as_ref();
    for collection in &site.collections {
        if !collection.declared && site.by_collection(&collection.label).next().is_none() {
            continue;
        }
        let fields = masthead
            .and_then(|m| m.collections.get(&collection.label))
            .map(|m| m.fields())
            .unwrap_or(&[]);
        let defaults = collection_defaults(&site.config.defaults, collection);
        out.push(SchemaFile {
            name: format!("{}.schema.json", collection_stem(&collection.label)),
            schema: tidy(collection_schema(collection, fields, &defaults)),
            files: Vec::new(),
            collection: Some(collection.label.clone()),
        });
    }
    if let Some(m) = masthead {
        for (name, spec) in &m.data {
            let base = format!("_data/{}", name.trim_matches('/'));
            out.push(SchemaFile {
                name: format!(
                    "data-{}.schema.json",
                    name.trim_matches('/').replace('/', ".")
                ),
                schema: tidy(data_file_schema(name, spec)),
                files: ["yml", "yaml", "json"]
                    .iter()
                    .map(|ext| format!("{base}.{ext}"))
                    .collect(),
                collection: None,
            });
        }
    }
    out.push(SchemaFile {
        name: "config.schema.json".into(),
        schema: tidy(config_schema()),
        files: vec!["_config.yml".into(), "_config.yaml".into()],
        collection: None,
    });
    out
}

/// The defaults that apply to every document of `collection` (scoped to
/// its label or to no type, with no path or the collection's own folder),
/// merged in order. Defaults scoped to a subfolder apply to some documents
/// only, so they are not part of the collection's schema.
pub fn collection_defaults(entries: &[DefaultsEntry], collection: &Collection) -> Map {
    let mut merged = Map::default();
    for entry in entries {
        let type_ok = entry
            .scope
            .type_
            .as_deref()
            .is_none_or(|t| t == collection.label);
        let path = entry.scope.path.as_deref().unwrap_or("").trim_matches('/');
        let path_ok = path.is_empty() || path == collection.dir.trim_matches('/');
        if type_ok && path_ok {
            for (k, v) in &entry.values {
                merged.insert(k.clone(), v.clone());
            }
        }
    }
    merged
}

/// The front-matter schema of one collection: its type's schema, the
/// defaults as `default` annotations, and the fields the site declares.
/// A declared field the defaults supply is not required in the file (the
/// loader and `masthead check` read front matter with its defaults).
pub fn collection_schema(collection: &Collection, fields: &[FieldSpec], defaults: &Map) -> Value {
    let mut schema = front_matter_schema(collection.doc_type);
    set(
        &mut schema,
        "title",
        json!(format!(
            "Front matter of `{}` ({})",
            collection.label,
            collection.doc_type.as_str()
        )),
    );
    let article = match collection.doc_type {
        DocumentType::Event | DocumentType::Author => "an",
        DocumentType::Post | DocumentType::Document => "a",
    };
    set(
        &mut schema,
        "description",
        json!(format!(
            "A document in `{}/`, read as {article} {}{}.",
            collection.dir,
            collection.doc_type.as_str(),
            if fields.is_empty() {
                String::new()
            } else {
                format!(
                    ", with the site's own fields {}",
                    fields
                        .iter()
                        .map(|f| format!("`{}`", f.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        )),
    );
    for (key, value) in defaults {
        if let Some(property) = schema.pointer_mut(&format!("/properties/{}", pointer_escape(key)))
            && fields.iter().all(|f| &f.name != key)
        {
            set(property, "default", to_json(value));
        }
    }
    let declared = fields_schema(fields, defaults);
    if let (Some(props), Some(declared_props)) = (
        schema.get_mut("properties").and_then(Value::as_object_mut),
        declared.get("properties").and_then(Value::as_object),
    ) {
        for (name, field) in declared_props {
            let merged = match props.remove(name) {
                // A field the type already has: both must hold.
                Some(existing) => {
                    let mut both = json!({"allOf": [existing, field]});
                    if let Some(d) = field.get("description") {
                        set(&mut both, "description", d.clone());
                    }
                    both
                }
                None => field.clone(),
            };
            props.insert(name.clone(), merged);
        }
    }
    if let Some(Value::Array(required)) = declared.get("required") {
        let list = schema
            .as_object_mut()
            .map(|o| o.entry("required").or_insert_with(|| json!([])));
        if let Some(Value::Array(list)) = list {
            for r in required {
                if !list.contains(r) {
                    list.push(r.clone());
                }
            }
        }
    }
    schema
}

/// `~` and `/` escaped for a JSON Pointer segment.
fn pointer_escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The schema of a declared `_data` file.
pub fn data_file_schema(name: &str, spec: &DataFileSpec) -> Value {
    let entry = fields_schema(&spec.fields, &Map::default());
    let mut schema = match spec.shape {
        DataShape::List => json!({"type": "array", "items": entry}),
        DataShape::Mapping => entry,
    };
    set(&mut schema, "$schema", json!(DIALECT));
    set(&mut schema, "title", json!(format!("`_data/{name}`")));
    set(
        &mut schema,
        "description",
        json!(spec.description.clone().unwrap_or_else(|| format!(
            "Site data read by templates as `site.data.{}`.",
            name.replace('/', ".")
        ))),
    );
    schema
}

/// The schema of `_config.yml`: the keys masthead reads (Jekyll's own,
/// and the `masthead:` section), every other key allowed.
pub fn config_schema() -> Value {
    let mut schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<SiteConfig>()
        .to_value();
    set(
        &mut schema,
        "title",
        json!("Jekyll `_config.yml` with masthead's `masthead:` section"),
    );
    crate::types::adjust_all(&mut schema);
    schema
}

/// The VS Code `settings.json` fragment pointing the YAML extension (and
/// VS Code's JSON support) at the schemas of `files`. `schema_dir` is the
/// folder holding them, as a path relative to the site root (the editor's
/// workspace folder).
pub fn vscode_settings(files: &[SchemaFile], schema_dir: &str) -> Value {
    let dir = schema_dir.trim_end_matches('/');
    let dir = if dir.is_empty() { "." } else { dir };
    let mut yaml = serde_json::Map::new();
    let mut json_entries = Vec::new();
    for file in files.iter().filter(|f| !f.files.is_empty()) {
        let url = if dir.starts_with('.') || dir.starts_with('/') {
            format!("{dir}/{}", file.name)
        } else {
            format!("./{dir}/{}", file.name)
        };
        let (yaml_globs, json_globs): (Vec<&String>, Vec<&String>) =
            file.files.iter().partition(|g| !g.ends_with(".json"));
        if !yaml_globs.is_empty() {
            yaml.insert(url.clone(), json!(yaml_globs));
        }
        if !json_globs.is_empty() {
            json_entries.push(json!({"fileMatch": json_globs, "url": url}));
        }
    }
    let mut settings = json!({"yaml.schemas": yaml});
    if !json_entries.is_empty() {
        set(&mut settings, "json.schemas", Value::Array(json_entries));
    }
    settings
}

/// Puts the keys a reader looks for first at the top of a root schema.
fn tidy(schema: Value) -> Value {
    let Value::Object(mut map) = schema else {
        return schema;
    };
    let mut out = serde_json::Map::new();
    for key in [
        "$schema",
        "title",
        "description",
        "type",
        "required",
        "properties",
    ] {
        if let Some(v) = map.remove(key) {
            out.insert(key.into(), v);
        }
    }
    out.extend(map);
    Value::Object(out)
}
