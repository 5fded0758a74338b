//! Every fixture file of the repository (the example site, the loader's
//! and the rules' fixtures) survives the editor: read and written back with
//! no edit it is byte-identical, setting any value to what it already is
//! changes nothing, and setting any value to something else changes that
//! value alone (or is refused, leaving the text as it was).

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead_edit::{Change, FrontMatterEditor};
use masthead_model::{KeyPath, Value};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn fixtures() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut paths = Vec::new();
    for dir in [
        "examples/site",
        "tests/fixtures",
        "crates/masthead-rules/fixtures",
    ] {
        files(&root.join(dir), &mut paths);
    }
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            // Text files only; bytes are compared as read.
            let text = String::from_utf8(std::fs::read(&p).ok()?).ok()?;
            Some((p, text))
        })
        .collect()
}

/// Every scalar in `value` with its path.
fn leaves(value: &Value, path: &KeyPath, out: &mut Vec<(KeyPath, Value)>) {
    match value {
        Value::Map(m) => m
            .iter()
            .for_each(|(k, v)| leaves(v, &path.key(k.clone()), out)),
        Value::List(l) => l
            .iter()
            .enumerate()
            .for_each(|(i, v)| leaves(v, &path.index(i), out)),
        scalar => out.push((path.clone(), scalar.clone())),
    }
}

fn put(root: &mut Value, path: &KeyPath, value: Value) {
    let mut node = root;
    for seg in path.segments() {
        node = match (seg, node) {
            (masthead_model::Segment::Key(k), Value::Map(m)) => m.get_mut(k).unwrap(),
            (masthead_model::Segment::Index(i), Value::List(l)) => &mut l[*i],
            _ => unreachable!("paths come from the value"),
        };
    }
    *node = value;
}

#[test]
fn every_fixture_round_trips_byte_for_byte() {
    let all = fixtures();
    assert!(all.len() > 500, "found only {} fixture files", all.len());
    let (mut editable, mut values, mut changed, mut refused) = (0, 0, 0, 0);
    for (path, text) in &all {
        let Ok(mut ed) = FrontMatterEditor::new(text.clone()) else {
            continue;
        };
        editable += 1;
        ed.apply(&Change::new(Vec::new(), Vec::new())).unwrap();
        assert_eq!(ed.text(), text, "{}", path.display());
        let before = ed.value();
        let mut found = Vec::new();
        leaves(&before, &KeyPath::root(), &mut found);
        for (key, value) in found {
            values += 1;
            // The same value: not a byte moves.
            let same = ed.plan_set(&key, &value).unwrap();
            ed.apply(&same).unwrap();
            assert_eq!(ed.text(), text, "{} {key}", path.display());
            // Another value: only that value changes, read by a fresh parse.
            let mut other = ed.clone();
            let new = Value::String(format!("new: \"{key}\" # é"));
            match other.plan_set(&key, &new).and_then(|c| other.apply(&c)) {
                Ok(()) => {
                    changed += 1;
                    let reread = FrontMatterEditor::new(other.text()).unwrap();
                    let mut expected = before.clone();
                    put(&mut expected, &key, new);
                    assert_eq!(reread.value(), expected, "{} {key}", path.display());
                }
                Err(e) => {
                    refused += 1;
                    eprintln!("refused: {} {key}: {e}", path.display());
                    assert_eq!(
                        other.text(),
                        text,
                        "a refused edit changed {}",
                        path.display()
                    );
                }
            }
        }
    }
    eprintln!(
        "{} files, {editable} with front matter, {values} values: {changed} rewritten, {refused} refused",
        all.len()
    );
    assert!(editable > 400, "{editable}");
    assert!(changed * 10 > values * 9, "{changed} of {values}");
}

/// Commenting a key out and back in is a no-op on every fixture where the
/// editor can do both: multi-line quoted values whose lines run on in column
/// 1 included (the seeds' excerpts).
#[test]
fn comment_out_then_uncomment_is_byte_identical() {
    let (mut keys, mut identical, mut refused) = (0, 0, 0);
    for (path, text) in fixtures() {
        let Ok(ed) = FrontMatterEditor::new(text.clone()) else {
            continue;
        };
        let Value::Map(map) = ed.value() else {
            continue;
        };
        for key in map.keys() {
            keys += 1;
            let mut e = ed.clone();
            let done = e
                .plan_remove(&KeyPath::root().key(key.clone()), true)
                .and_then(|c| e.apply(&c))
                .and_then(|()| {
                    e.plan_uncomment(&KeyPath::root().key(key.clone()))
                        .and_then(|c| e.apply(&c))
                });
            match done {
                Ok(()) if e.text() == text => identical += 1,
                Ok(()) => {
                    // Only a key written more than once may come back as
                    // its first commented copy.
                    assert!(
                        text.matches(&format!("\n{key}:")).count() > 1,
                        "{} {key}:\n{}",
                        path.display(),
                        e.text()
                    );
                    refused += 1;
                }
                Err(err) => {
                    refused += 1;
                    eprintln!("not undone: {} {key}: {err}", path.display());
                }
            }
        }
    }
    eprintln!("{keys} keys: {identical} identical, {refused} refused or repeated");
    assert!(identical * 1000 >= keys * 995, "{identical} of {keys}");
}
