//! Jekyll's front-matter defaults (`defaults:` in `_config.yml`), matched and
//! merged as `Jekyll::FrontmatterDefaults#all` does.

use masthead_model::config::DefaultsEntry;
use masthead_model::{Map, Value};

/// The defaults that apply to a document at `path` (relative to the
/// collections folder) in collection `label`, merged by precedence.
pub(crate) fn applicable(entries: &[DefaultsEntry], path: &str, label: &str) -> Map {
    let mut merged = Map::default();
    let mut old_scope: Option<&DefaultsEntry> = None;
    for entry in entries.iter().filter(|e| applies(e, path, label)) {
        if has_precedence(old_scope, entry) {
            deep_merge(&mut merged, &entry.values);
            old_scope = Some(entry);
        } else {
            let mut lower = entry.values.clone();
            deep_merge(&mut lower, &merged);
            merged = lower;
        }
    }
    merged
}

fn sanitize(path: Option<&str>) -> &str {
    path.map(|p| p.strip_prefix('/').unwrap_or(p)).unwrap_or("")
}

fn applies(entry: &DefaultsEntry, path: &str, label: &str) -> bool {
    let type_ok = entry.scope.type_.as_deref().is_none_or(|t| t == label);
    let scope_path = entry.scope.path.as_deref().unwrap_or("");
    let path_ok = if scope_path.is_empty() {
        true
    } else if scope_path.contains('*') {
        glob_applies(scope_path, path)
    } else {
        path.starts_with(sanitize(Some(scope_path)))
    };
    type_ok && path_ok
}

/// Jekyll globs the scope against the file system and then asks whether the
/// document lies under a match; matching the glob against the document's
/// path and each of its parent folders gives the same answer.
fn glob_applies(pattern: &str, path: &str) -> bool {
    let Ok(glob) = globset::GlobBuilder::new(sanitize(Some(pattern)))
        .literal_separator(true)
        .build()
    else {
        return false;
    };
    let matcher = glob.compile_matcher();
    let mut prefix = String::new();
    for part in path.split('/') {
        if !prefix.is_empty() {
            prefix.push('/');
        }
        prefix.push_str(part);
        if matcher.is_match(&prefix) {
            return true;
        }
    }
    false
}

fn has_precedence(old: Option<&DefaultsEntry>, new: &DefaultsEntry) -> bool {
    let Some(old) = old else { return true };
    let new_path = sanitize(new.scope.path.as_deref());
    let old_path = sanitize(old.scope.path.as_deref());
    if new_path.len() != old_path.len() {
        new_path.len() >= old_path.len()
    } else if new.scope.type_.is_some() {
        true
    } else {
        old.scope.type_.is_none()
    }
}

/// `Utils.deep_merge_hashes!`: mappings merge key by key, anything else is replaced.
pub(crate) fn deep_merge(target: &mut Map, overwrite: &Map) {
    for (key, value) in overwrite {
        match (target.get_mut(key), value) {
            (Some(Value::Map(existing)), Value::Map(new)) => deep_merge(existing, new),
            _ => {
                target.insert(key.clone(), value.clone());
            }
        }
    }
}

/// [`deep_merge`] taking the overwriting map by value, so its values move
/// instead of being copied (a document's own front matter over its defaults).
pub(crate) fn deep_merge_owned(target: &mut Map, overwrite: Map) {
    // Room for every new key at once, rather than regrowing (and rehashing)
    // the few defaults' map key by key.
    target.reserve(overwrite.len());
    for (key, value) in overwrite {
        match (target.get_mut(&key), value) {
            (Some(Value::Map(existing)), Value::Map(new)) => deep_merge_owned(existing, *new),
            (_, value) => {
                target.insert(key, value);
            }
        }
    }
}

/// `defaults` deep-merged under `own` (a document's front matter), as
/// [`deep_merge_owned`] on a copy of `defaults` gives it: the defaults'
/// keys first, in their order, then the document's other keys in its
/// order. Built from `own`, since a document has many keys and its
/// defaults few: each default is placed, rather than every key reinserted.
pub(crate) fn under_defaults(defaults: Map, mut own: Map) -> Map {
    own.reserve(defaults.len());
    for (place, (key, default)) in defaults.into_iter().enumerate() {
        match own.get_index_of(&key) {
            Some(at) => {
                // Two maps merge, the document's keys over the default's;
                // otherwise the document's value stands.
                if let (Value::Map(mut merged), Some((_, Value::Map(mine)))) =
                    (default, own.get_index_mut(at))
                {
                    deep_merge_owned(&mut merged, std::mem::take(&mut **mine));
                    *mine = merged;
                }
                own.move_index(at, place);
            }
            None => {
                own.shift_insert(place, key, default);
            }
        }
    }
    own
}

#[cfg(test)]
mod tests {
    use super::*;
    use masthead_model::config::DefaultsScope;

    fn entry(path: Option<&str>, type_: Option<&str>, key: &str, value: &str) -> DefaultsEntry {
        let mut values = Map::default();
        values.insert(key.into(), Value::String(value.into()));
        let mut e = DefaultsEntry::default();
        let mut scope = DefaultsScope::default();
        scope.path = path.map(Into::into);
        scope.type_ = type_.map(Into::into);
        e.scope = scope;
        e.values = values;
        e
    }

    #[test]
    fn more_specific_path_wins_regardless_of_order() {
        let entries = [
            entry(Some("_news/special"), None, "layout", "special"),
            entry(Some(""), Some("news"), "layout", "news"),
        ];
        let got = applicable(&entries, "_news/special/2021-01-01-a.md", "news");
        assert_eq!(got.get("layout"), Some(&Value::String("special".into())));
        let got = applicable(&entries, "_news/2021-01-01-a.md", "news");
        assert_eq!(got.get("layout"), Some(&Value::String("news".into())));
    }

    #[test]
    fn owned_merge_equals_borrowed_merge() {
        let mut nested = Map::default();
        nested.insert("a".into(), Value::String("1".into()));
        let mut base = Map::default();
        base.insert("layout".into(), Value::String("news".into()));
        base.insert("event".into(), Value::from(nested.clone()));
        let mut own = Map::default();
        nested.insert("b".into(), Value::String("2".into()));
        own.insert("event".into(), Value::from(nested));
        own.insert("title".into(), Value::String("T".into()));
        let mut borrowed = base.clone();
        deep_merge(&mut borrowed, &own);
        let mut owned = base;
        deep_merge_owned(&mut owned, own);
        assert_eq!(borrowed, owned);
        assert_eq!(
            owned.keys().collect::<Vec<_>>(),
            ["layout", "event", "title"]
        );
    }

    #[test]
    fn type_scope_only_matches_its_collection() {
        let entries = [entry(None, Some("events"), "layout", "event")];
        assert!(applicable(&entries, "_news/a.md", "news").is_empty());
        assert_eq!(applicable(&entries, "_events/a.md", "events").len(), 1);
    }

    #[test]
    fn glob_scopes_match_documents_below_them() {
        let entries = [entry(Some("_news/*"), None, "layout", "g")];
        assert_eq!(applicable(&entries, "_news/a.md", "news").len(), 1);
        assert!(applicable(&entries, "_events/a.md", "events").is_empty());
    }

    fn value() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![Just(Value::Null), (0i64..3).prop_map(Value::Integer)];
        leaf.prop_recursive(3, 12, 4, |inner| {
            prop::collection::vec(
                (prop::sample::select(vec!["a", "b", "c", "d"]), inner),
                0..4,
            )
            .prop_map(|entries| {
                Value::from(
                    entries
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v))
                        .collect::<Map>(),
                )
            })
        })
    }

    fn map() -> impl proptest::strategy::Strategy<Value = Map> {
        use proptest::prelude::*;
        prop::collection::vec(
            (prop::sample::select(vec!["a", "b", "c", "d", "e"]), value()),
            0..5,
        )
        .prop_map(|entries| {
            entries
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect()
        })
    }

    proptest::proptest! {
        /// Placing the defaults into the document's map gives what merging
        /// the document's map into the defaults gives, order included.
        #[test]
        fn under_defaults_merges_like_deep_merge(defaults in map(), own in map()) {
            let mut expected = defaults.clone();
            deep_merge_owned(&mut expected, own.clone());
            let got = under_defaults(defaults, own);
            proptest::prop_assert_eq!(
                serde_json::to_string(&got).unwrap(),
                serde_json::to_string(&expected).unwrap()
            );
        }
    }
}
