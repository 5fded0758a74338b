//! Random sequences of edits on generated front matter: after every step the
//! file parses to exactly the intended values, a refused edit changes no
//! byte, and the lines of keys the step did not touch stay byte-identical.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead_edit::{FrontMatterEditor, Position};
use masthead_model::{Map, Value};
use proptest::prelude::*;
use std::collections::HashMap;

/// Every commented-out value of each key (uncommenting takes one of them).
type Commented = HashMap<String, Vec<Value>>;

const KEYS: [&str; 6] = ["title", "author", "image", "category", "event", "video"];

#[derive(Clone, Debug)]
enum Shape {
    Str(String, u8),
    Int(i64),
    List(Vec<String>),
    Nested(String, String),
}

#[derive(Clone, Debug)]
enum Op {
    Set(usize, String),
    SetNested(usize, String),
    Add(usize, String, Option<usize>),
    Remove(usize),
    CommentOut(usize),
    Uncomment(usize),
}

fn text_strategy() -> impl Strategy<Value = String> {
    // Colons, hashes, quotes, leading/trailing spaces, non-ASCII, escapes.
    proptest::string::string_regex("[a-zA-Z0-9 :#'\"\\\\é–!-]{0,12}").unwrap()
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        (text_strategy(), 0u8..3).prop_map(|(s, q)| Shape::Str(s, q)),
        any::<i32>().prop_map(|i| Shape::Int(i.into())),
        proptest::collection::vec("c-[a-z-]{0,6}", 1..3).prop_map(Shape::List),
        ("s[a-z ]{0,7}", "[a-z]{1,8}").prop_map(|(a, b)| Shape::Nested(a, b)),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let k = 0..KEYS.len();
    prop_oneof![
        (k.clone(), text_strategy()).prop_map(|(k, s)| Op::Set(k, s)),
        (k.clone(), text_strategy()).prop_map(|(k, s)| Op::SetNested(k, s)),
        (
            k.clone(),
            text_strategy(),
            proptest::option::of(0..KEYS.len())
        )
            .prop_map(|(k, s, a)| Op::Add(k, s, a)),
        k.clone().prop_map(Op::Remove),
        k.clone().prop_map(Op::CommentOut),
        k.prop_map(Op::Uncomment),
    ]
}

fn quote(s: &str, style: u8) -> String {
    match style {
        0 => format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")),
        1 => format!("'{}'", s.replace('\'', "''")),
        // Plain only where plain reads back as the string.
        _ if s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && !s.contains([':', '#', '\'', '"', '\\'])
            && !s.ends_with(' ')
            && !["yes", "no", "on", "off", "true", "false", "null", "y", "n"]
                .contains(&s.to_ascii_lowercase().as_str()) =>
        {
            s.to_owned()
        }
        _ => quote(s, 0),
    }
}

/// The text of an entry and its value.
fn entry(key: &str, shape: &Shape) -> (String, Value) {
    match shape {
        Shape::Str(s, q) => (
            format!("{key}: {}\n", quote(s, *q)),
            Value::String(s.clone()),
        ),
        Shape::Int(i) => (format!("{key}: {i}\n"), Value::Integer(*i)),
        Shape::List(items) => {
            let mut t = format!("{key}: \n");
            for i in items {
                t.push_str(&format!("- {i}\n"));
            }
            (
                t,
                Value::List(items.iter().cloned().map(Value::String).collect()),
            )
        }
        Shape::Nested(a, b) => {
            let mut m = Map::default();
            m.insert("start".into(), Value::String(a.trim().to_owned()));
            m.insert("host".into(), Value::String(b.clone()));
            (
                format!(
                    "{key}:\n  start: {}\n  # note \n  host: \"{b}\"\n",
                    a.trim()
                ),
                Value::from(m),
            )
        }
    }
}

/// (file text, live values, commented-out values of each key).
fn document() -> impl Strategy<Value = (String, Map, Commented)> {
    (
        proptest::collection::vec(
            (proptest::option::of(shape()), any::<bool>(), 0u8..3),
            KEYS.len(),
        ),
        any::<bool>(),
    )
        .prop_map(|(slots, crlf)| {
            let mut text = String::from(
                "---\n# Put a '#' at the start of a line to switch that setting off. \n\n",
            );
            let (mut live, mut commented) = (Map::default(), Commented::new());
            for (i, (shape, on, extra)) in slots.iter().enumerate() {
                let Some(shape) = shape else { continue };
                let (t, v) = entry(KEYS[i], shape);
                if let Shape::Nested(a, _) = shape
                    && a.trim().is_empty()
                {
                    continue;
                }
                if *on {
                    text.push_str(&t);
                    live.insert(KEYS[i].into(), v);
                } else {
                    for l in t.lines() {
                        text.push_str(&format!("# {l}\n"));
                    }
                    commented.entry(KEYS[i].into()).or_default().push(v);
                }
                match extra {
                    1 => text.push('\n'),
                    2 => text.push_str("# a comment \n"),
                    _ => {}
                }
            }
            text.push_str("---\n\nBody: not front matter.\n");
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            (text, live, commented)
        })
}

/// Lines of `before` removed by a step must belong to `key` (its line,
/// continuation lines, or their commented forms).
fn only_key_lines_changed(before: &str, after: &str, key: &str) -> Result<(), String> {
    let a: Vec<&str> = before.split_inclusive('\n').collect();
    let b: Vec<&str> = after.split_inclusive('\n').collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    for line in &a[prefix..a.len() - suffix] {
        let l = line.strip_prefix("# ").unwrap_or(line);
        let ok = l.starts_with(&format!("{key}:"))
            || l.starts_with(' ')
            || l.starts_with('-')
            || l.starts_with("#   ");
        if !ok {
            return Err(format!("{line:?} changed while editing {key}"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn random_edits_change_exactly_what_they_say((text, mut live, mut commented) in document(), ops in proptest::collection::vec(op(), 1..8)) {
        let mut ed = FrontMatterEditor::new(text.clone()).unwrap();
        prop_assert_eq!(ed.value(), Value::from(live.clone()));
        let crlf = text.contains("\r\n");
        for op in ops {
            let before = ed.text().to_owned();
            let (key, result) = match &op {
                Op::Set(k, s) => {
                    let r = ed.set_str(KEYS[*k], s);
                    if r.is_ok() {
                        live.insert(KEYS[*k].into(), Value::String(s.clone()));
                    } else {
                        // Only a scalar can be written.
                        prop_assert!(false, "set {} refused: {:?}", KEYS[*k], r);
                    }
                    (KEYS[*k], r)
                }
                Op::SetNested(k, s) => {
                    let key = KEYS[*k];
                    let r = ed.set_str(&format!("{key}.host"), s);
                    match live.get_mut(key) {
                        Some(Value::Map(m)) => {
                            prop_assert!(r.is_ok(), "nested set refused: {:?}", r);
                            m.insert("host".into(), Value::String(s.clone()));
                        }
                        _ => prop_assert!(r.is_err()),
                    }
                    (key, r)
                }
                Op::Add(k, s, after) => {
                    let key = KEYS[*k];
                    let pos = match after {
                        Some(a) if live.contains_key(KEYS[*a]) && *a != *k => Position::After(KEYS[*a]),
                        _ => Position::End,
                    };
                    let r = ed.insert(key, &Value::String(s.clone()), pos);
                    if live.contains_key(key) {
                        prop_assert!(r.is_err());
                    } else {
                        prop_assert!(r.is_ok(), "add {} refused: {:?}", key, r);
                        live.insert(key.into(), Value::String(s.clone()));
                    }
                    (key, r)
                }
                Op::Remove(k) => {
                    let key = KEYS[*k];
                    let r = ed.remove(key);
                    prop_assert_eq!(r.is_ok(), live.shift_remove(key).is_some(), "{:?}", r);
                    (key, r)
                }
                Op::CommentOut(k) => {
                    let key = KEYS[*k];
                    let r = ed.comment_out(key);
                    match live.shift_remove(key) {
                        Some(v) => {
                            prop_assert!(r.is_ok(), "comment out {} refused: {:?}", key, r);
                            commented.entry(key.into()).or_default().push(v);
                        }
                        None => prop_assert!(r.is_err()),
                    }
                    (key, r)
                }
                Op::Uncomment(k) => {
                    let key = KEYS[*k];
                    let r = ed.uncomment(key);
                    let candidates = commented.entry(key.into()).or_default();
                    if live.contains_key(key) || candidates.is_empty() {
                        prop_assert!(r.is_err());
                    } else {
                        prop_assert!(r.is_ok(), "uncomment {} refused: {:?}", key, r);
                        // One of the commented copies (the first in the file) came back.
                        let now = ed.value().as_map().and_then(|m| m.get(key)).cloned();
                        let i = candidates.iter().position(|c| Some(c) == now.as_ref());
                        prop_assert!(i.is_some(), "uncommented {:?}, not one of {:?}", now, candidates);
                        live.insert(key.into(), candidates.remove(i.unwrap()));
                    }
                    (key, r)
                }
            };
            if result.is_err() {
                prop_assert_eq!(ed.text(), before.as_str(), "a refused edit changed the text");
            }
            prop_assert_eq!(ed.value(), Value::from(live.clone()), "after {:?}:\n{}", op, ed.text());
            let reread = FrontMatterEditor::new(ed.text()).unwrap();
            prop_assert_eq!(reread.value(), Value::from(live.clone()));
            let tail = if crlf { "---\r\n\r\nBody: not front matter.\r\n" } else { "---\n\nBody: not front matter.\n" };
            prop_assert!(ed.text().ends_with(tail), "the body moved");
            if crlf {
                prop_assert!(!ed.text().replace("\r\n", "").contains('\n'));
            }
            if let Err(e) = only_key_lines_changed(&before, ed.text(), key) {
                prop_assert!(false, "{}\nbefore:\n{}\nafter:\n{}", e, before, ed.text());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    /// Any text, any edit: no panic; an edit either fails leaving the text
    /// as it was, or gives front matter that parses with the body unmoved.
    #[test]
    fn arbitrary_text_never_panics(
        yaml in "([a-z]{1,3}|:|-|#|'|\"|\\[|\\]|\\{|\\}|,|&a|\\*a| |\t|\r?\n|é|…){0,60}",
        ops in proptest::collection::vec((0..6usize, 0..4usize, text_strategy()), 1..5),
    ) {
        let text = format!("---\n{yaml}\n---\nbody\n");
        let Ok(mut ed) = FrontMatterEditor::new(text) else { return Ok(()) };
        for (kind, key, value) in ops {
            let path = ["a", "ab", "a.b", "a[0]"][key];
            let before = ed.text().to_owned();
            let result = match kind {
                0 => ed.set_str(path, &value),
                1 => ed.insert(path, &Value::String(value), Position::End),
                2 => ed.remove(path),
                3 => ed.comment_out(path),
                4 => ed.uncomment(path),
                _ => ed.push(path, &Value::String(value)),
            };
            match result {
                Ok(()) => {
                    prop_assert!(FrontMatterEditor::new(ed.text()).is_ok());
                    prop_assert!(ed.text().ends_with("\n---\nbody\n"));
                }
                Err(_) => prop_assert_eq!(ed.text(), before.as_str()),
            }
        }
    }
}
