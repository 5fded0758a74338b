//! Fields a site declares for itself (`masthead.collections.<label>.fields`,
//! `masthead.data.<name>.fields`): their schemas, and validation with
//! errors located by key path.

use crate::date;
use crate::json::{set, to_json};
use masthead_model::config::{FieldSpec, FieldType};
use masthead_model::{KeyPath, Map};
use serde_json::{Value, json};

/// The schema of one declared field's value.
///
/// `pattern` applies to text: a `string` or `date` value, or each item of a
/// `list`; `enum` likewise constrains a `list`'s items. On other types they
/// are left out (ajv's strict mode refuses a `pattern` on a number).
pub fn field_schema(spec: &FieldSpec) -> Value {
    let constraints = |mut schema: Value| {
        if let Some(pattern) = &spec.pattern {
            set(&mut schema, "pattern", json!(pattern));
        }
        schema
    };
    let allowed = spec
        .allowed
        .as_ref()
        .map(|values| Value::Array(values.iter().map(to_json).collect()));
    let mut schema = match spec.field_type {
        FieldType::String => constraints(json!({"type": "string"})),
        FieldType::Date => {
            let mut d = date::date_schema(None);
            if let Some(obj) = d.as_object_mut() {
                obj.remove("description");
            }
            match &spec.pattern {
                Some(pattern) => {
                    set(&mut d, "allOf", json!([{"pattern": pattern}]));
                    d
                }
                None => d,
            }
        }
        FieldType::Integer => json!({"type": "integer"}),
        FieldType::Number => json!({"type": "number"}),
        FieldType::Boolean => json!({"type": "boolean"}),
        FieldType::Mapping => json!({"type": "object"}),
        FieldType::List => {
            let mut items = serde_json::Map::new();
            if spec.pattern.is_some() {
                items.insert("type".into(), json!("string"));
                if let Some(pattern) = &spec.pattern {
                    items.insert("pattern".into(), json!(pattern));
                }
            }
            if let Some(values) = &allowed {
                items.insert("enum".into(), values.clone());
            }
            let mut list = json!({"type": "array"});
            if !items.is_empty() {
                set(&mut list, "items", Value::Object(items));
            }
            list
        }
    };
    if spec.field_type != FieldType::List
        && let Some(values) = allowed
    {
        set(&mut schema, "enum", values);
    }
    let mut out = serde_json::Map::new();
    if let Some(d) = &spec.description {
        out.insert("description".into(), json!(d));
    }
    if let Some(obj) = schema.as_object() {
        out.extend(obj.clone());
    }
    Value::Object(out)
}

/// An object schema holding `fields`: a property each, and `required` for
/// the required ones, except those `defaults` supplies.
pub fn fields_schema(fields: &[FieldSpec], defaults: &Map) -> Value {
    let mut properties = serde_json::Map::new();
    let mut required = Vec::new();
    for field in fields {
        let mut schema = field_schema(field);
        if let Some(value) = defaults.get(&field.name) {
            set(&mut schema, "default", to_json(value));
        } else if field.required {
            required.push(json!(field.name));
        }
        properties.insert(field.name.clone(), schema);
    }
    let mut schema = json!({"type": "object", "properties": properties});
    if !required.is_empty() {
        set(&mut schema, "required", Value::Array(required));
    }
    schema
}

/// One way a document breaks the site's field declarations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// Where the offending value is (`subtitle`, `tags[2]`); for a missing
    /// field, the mapping that lacks it (the root for front matter).
    pub path: KeyPath,
    /// The declared field that is missing, when that is the problem.
    pub missing: Option<String>,
    /// What is wrong, in words.
    pub message: String,
}

/// The site's field declarations for one collection or data file, compiled
/// once and applied to each document: `masthead check`'s `site-field` rule
/// and the editors' schemas enforce the same JSON Schema.
pub struct FieldsValidator {
    validator: jsonschema::Validator,
    /// The declared names: the only keys the schema constrains (it allows
    /// any others), so the only ones converted to JSON for it.
    names: Vec<String>,
}

impl std::fmt::Debug for FieldsValidator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FieldsValidator").finish_non_exhaustive()
    }
}

impl FieldsValidator {
    /// Compiles `fields`. Fails with a message when a declared `pattern` is
    /// not a regular expression.
    pub fn new(fields: &[FieldSpec]) -> Result<FieldsValidator, String> {
        let mut schema = fields_schema(fields, &Map::default());
        set(&mut schema, "$schema", json!(crate::DIALECT));
        let validator = jsonschema::options()
            .should_validate_formats(false)
            .build(&schema)
            .map_err(|e| e.to_string())?;
        Ok(FieldsValidator {
            validator,
            names: fields.iter().map(|f| f.name.clone()).collect(),
        })
    }

    /// Every way `data` (a document's front matter with its defaults)
    /// breaks the declarations, in the order of the declarations' checks.
    pub fn validate(&self, data: &Map) -> Vec<FieldError> {
        let instance = Value::Object(
            self.names
                .iter()
                .filter_map(|name| Some((name.clone(), crate::json::to_json(data.get(name)?))))
                .collect(),
        );
        // Most documents are valid: the quick answer first.
        if self.validator.is_valid(&instance) {
            return Vec::new();
        }
        self.validator
            .iter_errors(&instance)
            .map(|e| {
                let mut path = KeyPath::root();
                for segment in e.instance_path().segments() {
                    path = match segment {
                        jsonschema::paths::LocationSegment::Property(p) => path.key(p.to_string()),
                        jsonschema::paths::LocationSegment::Index(i) => path.index(i),
                    };
                }
                let missing = match e.kind() {
                    jsonschema::error::ValidationErrorKind::Required { property } => {
                        property.as_str().map(str::to_string)
                    }
                    _ => None,
                };
                FieldError {
                    path,
                    missing,
                    message: e.to_string(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use masthead_model::Value as Yaml;

    fn spec(name: &str, t: FieldType) -> FieldSpec {
        FieldSpec::new(name, t)
    }

    #[test]
    fn errors_name_the_value_at_fault() {
        let mut tags = spec("tags", FieldType::List);
        tags.allowed = Some(vec![Yaml::String("a".into()), Yaml::String("b".into())]);
        let mut region = spec("region", FieldType::String);
        region.required = true;
        let v = FieldsValidator::new(&[tags, region]).unwrap();
        let mut data = Map::default();
        data.insert(
            "tags".into(),
            Yaml::List(vec![Yaml::String("a".into()), Yaml::String("c".into())]),
        );
        let errors = v.validate(&data);
        assert_eq!(errors.len(), 2, "{errors:?}");
        let tag = errors.iter().find(|e| e.missing.is_none()).unwrap();
        assert_eq!(tag.path.to_string(), "tags[1]");
        let missing = errors.iter().find(|e| e.missing.is_some()).unwrap();
        assert_eq!(missing.path, KeyPath::root());
        assert_eq!(missing.missing.as_deref(), Some("region"));
    }

    #[test]
    fn a_default_satisfies_required() {
        let mut region = spec("region", FieldType::String);
        region.required = true;
        let mut defaults = Map::default();
        defaults.insert("region".into(), Yaml::String("London".into()));
        let schema = fields_schema(&[region], &defaults);
        assert!(schema.get("required").is_none());
        assert_eq!(schema["properties"]["region"]["default"], json!("London"));
    }

    #[test]
    fn a_bad_pattern_is_reported_not_a_panic() {
        let mut f = spec("code", FieldType::String);
        f.pattern = Some("(".into());
        assert!(FieldsValidator::new(&[f]).is_err());
    }
}
