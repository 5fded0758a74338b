//! The lossless editor (`masthead_edit::FrontMatterEditor`) on any text.
//!
//! Properties, for every input the editor accepts:
//! - read and written back with no edit, the text is byte-identical;
//! - the editor reads the same front matter as the loader (which parses
//!   from the opening `---` line; the editor from the line after it);
//! - setting a value to the value it already has changes no byte;
//! - setting a value to another one either is refused, leaving the text as
//!   it was, or gives a text that a fresh editor reads as the old front
//!   matter with just that value changed, with every byte before the first
//!   edit, after the last edit and outside the YAML between the fences
//!   unchanged;
//! - removing, commenting out, uncommenting, adding and appending (each
//!   top-level key) never panic, and either are refused leaving the text
//!   as it was or give a text that reads back with the fences and the
//!   body unchanged.

#![no_main]

use libfuzzer_sys::fuzz_target;
use masthead_edit::{Change, Edit, FrontMatterEditor, Position};
use masthead_model::{KeyPath, Map, Segment, Value};
use masthead_source::split::{Split, split};
use masthead_yaml::ParseOptions;

/// At most this many values are edited per input (each edit re-parses).
const MAX_VALUES: usize = 8;

/// Front matter whose values (aliases expanded) number more than this is
/// "large": one value is set and one key removed, not the whole round of
/// edits. Each edit re-parses and compares the whole front matter, and a
/// document near `ParseOptions::max_nodes` (100,000) took 37 s for the
/// whole round under AddressSanitizer: a timeout of the harness, not a
/// slow editor.
const LARGE: usize = 2_000;

/// [`Value`]'s equality, except that a NaN equals a NaN (`.nan` reads as
/// one, and a front matter holding one must still equal itself).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// How many values `value` holds, counting stops past `limit`.
fn size(value: &Value, limit: usize) -> usize {
    match value {
        Value::Map(m) => m
            .values()
            .fold(1, |n, v| if n > limit { n } else { n + size(v, limit - n) }),
        Value::List(l) => l
            .iter()
            .fold(1, |n, v| if n > limit { n } else { n + size(v, limit - n) }),
        _ => 1,
    }
}

/// The first `max` scalars in `value` with their paths, in file order.
fn leaves(value: &Value, path: &KeyPath, max: usize, out: &mut Vec<(KeyPath, Value)>) {
    if out.len() >= max {
        return;
    }
    match value {
        Value::Map(m) => m
            .iter()
            .for_each(|(k, v)| leaves(v, &path.key(k.clone()), max, out)),
        Value::List(l) => l
            .iter()
            .enumerate()
            .for_each(|(i, v)| leaves(v, &path.index(i), max, out)),
        scalar => out.push((path.clone(), scalar.clone())),
    }
}

/// `root` with the value at `path` replaced.
fn put(root: &mut Value, path: &KeyPath, value: Value) {
    let mut node = root;
    for seg in path.segments() {
        node = match (seg, node) {
            (Segment::Key(k), Value::Map(m)) => m.get_mut(k).expect("paths come from the value"),
            (Segment::Index(i), Value::List(l)) => &mut l[*i],
            _ => unreachable!("paths come from the value"),
        };
    }
    *node = value;
}

/// The front matter as the loader reads it: parsed from the opening
/// fence, an empty document an empty mapping (the editor's reading).
fn as_loader_reads(text: &str) -> Value {
    let Split::Closed { open, yaml, .. } = split(text) else {
        panic!("the editor read front matter the splitter does not find");
    };
    let doc = masthead_yaml::parse(&text[open.start..yaml.end], &ParseOptions::default())
        .unwrap_or_else(|e| panic!("the editor read front matter the loader refuses: {e:?}"));
    match doc.root().map(|r| r.to_value()) {
        None | Some(Value::Null) => Value::from(Map::default()),
        Some(v) => v,
    }
}

/// The YAML between the fences, as a byte range.
fn yaml_range(text: &str) -> (usize, usize) {
    match split(text) {
        Split::Closed { yaml, .. } => (yaml.start, yaml.end),
        _ => unreachable!("the editor read it"),
    }
}

/// Bytes before the first edit, after the last and outside the YAML stay.
fn outside_unchanged(before: &str, after: &str, edits: &[Edit]) {
    let first = edits.iter().map(|e| e.range.start).min().unwrap_or(0);
    let last = edits
        .iter()
        .map(|e| e.range.end)
        .max()
        .unwrap_or(before.len());
    assert_eq!(before.as_bytes()[..first], after.as_bytes()[..first]);
    let tail = before.len() - last;
    assert_eq!(
        before.as_bytes()[last..],
        after.as_bytes()[after.len() - tail..]
    );
    let (start, end) = yaml_range(before);
    assert!(
        edits
            .iter()
            .all(|e| start <= e.range.start && e.range.end <= end),
        "an edit outside the YAML: {edits:?}"
    );
    assert!(after.starts_with(&before[..start]));
    assert!(after.ends_with(&before[end..]));
}

/// A refused edit leaves the text; an accepted one re-parses with the
/// fences and body in place.
fn refused_or_sound(
    before: &str,
    ed: &FrontMatterEditor,
    result: Result<(), masthead_edit::EditError>,
) {
    match result {
        Err(_) => assert_eq!(ed.text(), before, "a refused edit changed the text"),
        Ok(()) => {
            let reread = FrontMatterEditor::new(ed.text()).expect("an accepted edit re-parses");
            assert!(same(&reread.value(), &ed.value()));
            let (start, end) = yaml_range(before);
            assert!(ed.text().starts_with(&before[..start]));
            assert!(ed.text().ends_with(&before[end..]));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(ed) = FrontMatterEditor::new(text) else {
        return;
    };
    // Read and written back with no edit: byte-identical.
    assert_eq!(ed.text(), text);
    let mut unchanged = ed.clone();
    unchanged
        .apply(&Change::new(Vec::new(), Vec::new()))
        .expect("an empty change applies");
    assert_eq!(unchanged.into_text(), text);

    let before = ed.value();
    assert!(
        same(&as_loader_reads(text), &before),
        "the editor reads {before:?}, the loader {:?}",
        as_loader_reads(text)
    );

    let large = size(&before, LARGE) > LARGE;
    let mut found = Vec::new();
    let max = if large { 1 } else { MAX_VALUES };
    leaves(&before, &KeyPath::root(), max, &mut found);
    for (path, value) in found {
        // The value it already has: not a byte moves.
        let mut e = ed.clone();
        if let Ok(change) = e.plan_set(&path, &value)
            && !large
        {
            let result = e.apply(&change);
            if result.is_ok() {
                assert!(same(&e.value(), &before));
                assert_eq!(
                    e.text(),
                    text,
                    "setting {path} to its own value changed the text"
                );
            }
            refused_or_sound(text, &e, result);
        }
        // Another value: only that value changes, as a fresh parse reads it.
        let mut e = ed.clone();
        let new = Value::String(format!("new: \"{path}\" # é"));
        if let Ok(change) = e.plan_set(&path, &new) {
            match e.apply(&change) {
                Ok(()) => {
                    let reread =
                        FrontMatterEditor::new(e.text()).expect("an applied edit re-parses");
                    let mut expected = before.clone();
                    put(&mut expected, &path, new);
                    assert!(
                        same(&reread.value(), &expected),
                        "setting {path}: read back {:?}, expected {expected:?}",
                        reread.value()
                    );
                    assert!(same(&as_loader_reads(e.text()), &expected));
                    outside_unchanged(text, e.text(), &change.edits);
                }
                Err(_) => assert_eq!(e.text(), text, "a refused edit changed the text"),
            }
        }
    }

    // Every other kind of edit, on the first top-level keys and one new key.
    let mut keys: Vec<String> = match &before {
        Value::Map(m) => m.keys().take(if large { 1 } else { 4 }).cloned().collect(),
        _ => Vec::new(),
    };
    if !large {
        keys.push("fuzz_new".to_string());
    }
    for key in &keys {
        let item = Value::String("item: x".into());
        for op in 0..if large { 1 } else { 5 } {
            let mut e = ed.clone();
            let result = match op {
                0 => e.remove(key),
                1 => e.comment_out(key),
                2 => e.uncomment(key),
                3 => e.push(key, &item),
                _ => e.insert(key, &item, Position::End),
            };
            refused_or_sound(text, &e, result);
        }
    }
});
