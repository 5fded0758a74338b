//! Front matter as JSON: the instance every schema here describes.

use masthead_model::Value;
use serde_json::{Map as JsonMap, Number, Value as Json};

/// A front-matter value as the JSON a schema validator sees.
///
/// Scalars keep the type Psych gave them (`yes` is `true`, `012` is 10).
/// JSON has no infinity or NaN, so `.inf`, `-.inf` and `.nan` become those
/// strings (docs/decisions/0004-schema-agreement.md lists what that hides).
pub fn to_json(value: &Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Integer(i) => Json::Number((*i).into()),
        Value::Float(f) => match Number::from_f64(*f) {
            Some(n) => Json::Number(n),
            None if f.is_nan() => Json::String(".nan".into()),
            None if *f > 0.0 => Json::String(".inf".into()),
            None => Json::String("-.inf".into()),
        },
        Value::String(s) => Json::String(s.clone()),
        Value::List(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(map) => Json::Object(map_to_json(map)),
    }
}

/// `schema[key] = value` for a schema that is an object (every schema built
/// here is): the same entry, in the same place, without the panic
/// `serde_json`'s `IndexMut` has for values that are neither an object nor null.
pub(crate) fn set(schema: &mut Json, key: &str, value: Json) {
    if let Some(object) = schema.as_object_mut() {
        object.insert(key.to_owned(), value);
    }
}

/// A front-matter mapping as a JSON object, keys in file order.
pub fn map_to_json(map: &masthead_model::Map) -> JsonMap<String, Json> {
    map.iter().map(|(k, v)| (k.clone(), to_json(v))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_keep_their_yaml_types_and_non_finite_floats_become_text() {
        let mut map = masthead_model::Map::default();
        map.insert("a".into(), Value::Float(f64::INFINITY));
        map.insert("b".into(), Value::Float(f64::NAN));
        map.insert("c".into(), Value::Integer(10));
        map.insert(
            "d".into(),
            Value::List(vec![Value::Bool(true), Value::Null]),
        );
        assert_eq!(
            to_json(&Value::from(map)),
            serde_json::json!({"a": ".inf", "b": ".nan", "c": 10, "d": [true, null]})
        );
        assert_eq!(
            to_json(&Value::Float(f64::NEG_INFINITY)),
            serde_json::json!("-.inf")
        );
    }
}
