//! Each kind of edit changes exactly the expected bytes: the unified diff of
//! every edit is compared with a snapshot under tests/snapshots/
//! (`UPDATE_SNAPSHOTS=1` rewrites them), and edits that must fail leave the
//! text alone.

// Tests may unwrap, expect, index and panic; library code may not (see
// `[workspace.lints.clippy]` in Cargo.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::panic, clippy::unreachable)]

use masthead_edit::{EditError, FrontMatterEditor, Position};
use masthead_model::Value;
use std::path::Path;

/// The house template, as the example site's news posts are written
/// (trailing space on the comment lines is the user's).
const SEED: &str = "---\n\
# Put a '#' at the start of a line to switch that setting off, and remove the '#' to switch it back on. \n\
\n\
layout: news\n\
title: \"Relaunching the network chairs forum\"\n\
excerpt: \"Our forum meets every quarter\n\
so that chairs can compare notes.\"\n\
date: 2021-11-22\n\
author: \"Alex Morgan\"\n\
category: \n\
- network-chairs\n\
image: \"https://www.example.org/logo.png\"\n\
# video: \"\"\n\
permalink: /news/2021/11/22/relaunching\n\
event:\n  start: 2027-01-19T10:00:00.000Z\n  # host: \"Civic\"\n  end: 2027-01-19T11:00:00.000Z\n\
redirect_from:\n- /old\n- /older\n\
# redirect_to: \n\
# - \n\
---\n\
\n\
Body text: kept.\n";

/// A unified diff of two texts (no context lines): a longest-common-
/// subsequence line diff, one `@@` header per run of changes, line breaks
/// shown (`\r` as `␍`) so line-ending changes are visible.
fn diff(before: &str, after: &str) -> String {
    let a: Vec<&str> = before.split_inclusive('\n').collect();
    let b: Vec<&str> = after.split_inclusive('\n').collect();
    // lcs[i][j]: common lines of a[i..] and b[j..].
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let show = |l: &str| l.replace('\r', "␍").trim_end_matches('\n').to_owned();
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        let (i0, j0) = (i, j);
        let mut lines = String::new();
        while i < a.len() || j < b.len() {
            if i < a.len() && j < b.len() && a[i] == b[j] {
                break;
            }
            if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
                lines.push_str(&format!("-{}\n", show(a[i])));
                i += 1;
            } else {
                lines.push_str(&format!("+{}\n", show(b[j])));
                j += 1;
            }
        }
        out.push_str(&format!(
            "@@ -{},{} +{},{} @@\n{lines}",
            i0 + 1,
            i - i0,
            j0 + 1,
            j - j0
        ));
    }
    out
}

fn assert_snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing snapshot {}; run with UPDATE_SNAPSHOTS=1",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "snapshot {name} differs; run with UPDATE_SNAPSHOTS=1 to accept.\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

type Op = fn(&mut FrontMatterEditor) -> Result<(), EditError>;

fn s(v: &str) -> Value {
    Value::String(v.to_owned())
}

const CASES: &[(&str, Op)] = &[
    ("set-quoted", |e| {
        e.set_str("title", "Café: \"the\" #1 forum – 2026")
    }),
    ("set-plain", |e| e.set_str("layout", "post")),
    ("set-plain-needs-quotes", |e| e.set_str("layout", "yes")),
    ("set-leading-spaces", |e| {
        e.set_str("author", "  Sam O'Kafor")
    }),
    ("set-multiline-quoted", |e| e.set_str("excerpt", "Short.")),
    ("set-nested", |e| {
        e.set_str("event.start", "2027-02-01T10:00:00Z")
    }),
    ("set-list-item", |e| {
        e.set_str("redirect_from[1]", "/news/old")
    }),
    ("set-list-to-scalar", |e| e.set_str("category", "pride")),
    ("set-bool", |e| e.set("published", &Value::Bool(false))),
    ("push-block", |e| {
        e.push("redirect_from", &s("/news/2021/forum"))
    }),
    ("push-block-after-null", |e| {
        e.uncomment("redirect_to")?;
        e.push("redirect_to", &s("https://example.org/x"))
    }),
    ("add-end", |e| e.set_str("subtitle", "A new: subtitle")),
    ("add-after", |e| {
        e.insert("slug", &s("forum"), Position::After("title"))
    }),
    ("add-nested", |e| e.set_str("event.location", "Online")),
    ("remove-scalar", |e| e.remove("image")),
    ("remove-multiline", |e| e.remove("excerpt")),
    ("remove-list", |e| e.remove("category")),
    ("remove-nested", |e| e.remove("event.end")),
    ("comment-out-scalar", |e| e.comment_out("author")),
    ("comment-out-list", |e| e.comment_out("redirect_from")),
    ("comment-out-mapping", |e| e.comment_out("event")),
    ("uncomment-scalar", |e| e.uncomment("video")),
    ("uncomment-list", |e| e.uncomment("redirect_to")),
    ("uncomment-nested", |e| e.uncomment("event.host")),
];

#[test]
fn each_edit_changes_exactly_the_expected_bytes() {
    let mut all = String::new();
    for (name, op) in CASES {
        let mut ed = FrontMatterEditor::new(SEED).unwrap();
        op(&mut ed).unwrap_or_else(|e| panic!("{name}: {e}"));
        all.push_str(&format!("## {name}\n{}\n", diff(SEED, ed.text())));
        // The body and the fences never move.
        assert!(ed.text().ends_with("---\n\nBody text: kept.\n"), "{name}");
    }
    assert_snapshot("edits.diff", &all);
}

#[test]
fn crlf_and_bom_are_kept() {
    let text = "\u{feff}---\r\ntitle: \"A\"\r\n# video: \"\"\r\nevent:\r\n  start: 2027-01-19\r\n---\r\nBody\r\n";
    let mut ed = FrontMatterEditor::new(text).unwrap();
    ed.set_str("title", "B").unwrap();
    ed.set_str("author", "Alex").unwrap();
    ed.set_str("event.end", "2027-01-20").unwrap();
    ed.uncomment("video").unwrap();
    ed.comment_out("title").unwrap();
    let out = ed.text().to_owned();
    assert_snapshot("crlf-bom.diff", &diff(text, &out));
    assert!(out.starts_with('\u{feff}'));
    assert!(!out.replace("\r\n", "").contains('\n'), "{out:?}");
}

#[test]
fn idempotent_and_undoable() {
    let mut ed = FrontMatterEditor::new(SEED).unwrap();
    ed.set_str("title", "Relaunching the network chairs forum")
        .unwrap();
    assert_eq!(ed.text(), SEED, "setting the current value changes nothing");
    ed.comment_out("redirect_from").unwrap();
    ed.uncomment("redirect_from").unwrap();
    assert_eq!(ed.text(), SEED, "comment out then uncomment is a no-op");
    ed.comment_out("event.end").unwrap();
    ed.uncomment("event.end").unwrap();
    assert_eq!(ed.text(), SEED);
    // The excerpt's second line starts in column 1, as in the seeds.
    ed.comment_out("excerpt").unwrap();
    assert!(ed.text().contains("# so that chairs"));
    ed.uncomment("excerpt").unwrap();
    assert_eq!(ed.text(), SEED);
}

#[test]
fn refused_edits_change_nothing() {
    let mut ed = FrontMatterEditor::new(SEED).unwrap();
    let cases: Vec<(Result<(), EditError>, &str)> = vec![
        (ed.clone().remove("nope"), "not found"),
        (ed.clone().set_str("nope.deeper", "x"), "missing parent"),
        (ed.clone().uncomment("title"), "already set"),
        (ed.clone().uncomment("missing"), "no commented line"),
        (
            ed.clone().insert("title", &s("x"), Position::End),
            "already exists",
        ),
        (ed.clone().set_str("redirect_from[5]", "x"), "no such item"),
        (
            ed.clone().set("category", &Value::List(vec![])),
            "lists are not scalars",
        ),
    ];
    for (result, why) in cases {
        assert!(result.is_err(), "{why}");
    }
    assert!(ed.set_str("title", "ok").is_ok());
    assert!(FrontMatterEditor::new("no front matter\n").is_err());
    assert!(matches!(
        FrontMatterEditor::new("---\ntitle: [\n---\n"),
        Err(EditError::Yaml { .. })
    ));
}

/// Found by fuzzing (fuzz target `edit_roundtrip`, and the proptest
/// `the_editor_round_trips_and_changes_one_value` in
/// tests/fuzz_properties.rs): the editor parsed the front matter from the
/// line after the opening fence, the loader and Jekyll parse it from the
/// fence, and the two readings differed. The opening fence's `\s*` takes
/// a form feed or a line holding a tab, which the loader refuses ("control
/// characters are not allowed", "found character that cannot start any
/// token"); and a lone `\r` ends a line for YAML but not for the splitter,
/// so a `---` after one starts a second document the loader ignores (its
/// front matter is empty). The editor now reads what the loader reads.
#[test]
fn the_editor_reads_the_front_matter_from_the_fence_as_the_loader_does() {
    for text in ["---\x0c\n---", "---\n\t\n---\n"] {
        assert!(
            matches!(
                FrontMatterEditor::new(text),
                Err(EditError::Yaml { offset: 0..=4, .. })
            ),
            "{text:?}: {:?}",
            FrontMatterEditor::new(text)
        );
    }
    let text = "---\r\n# te: 2021-02-12\r---\ntitle: Summer news\n---\nBody\n";
    let ed = FrontMatterEditor::new(text).unwrap();
    assert_eq!(ed.value(), Value::from(masthead_model::Map::default()));
    // Blank lines of spaces after the fence are fine.
    let mut ed = FrontMatterEditor::new("--- \n  \ntitle: a\n---\n").unwrap();
    ed.set_str("title", "b").unwrap();
    assert_eq!(ed.text(), "--- \n  \ntitle: b\n---\n");
}

#[test]
fn empty_front_matter_gets_its_first_key() {
    let mut ed = FrontMatterEditor::new("---\n---\nBody\n").unwrap();
    ed.set_str("title", "Hello").unwrap();
    assert_eq!(ed.text(), "---\ntitle: Hello\n---\nBody\n");
}

#[test]
fn flow_lists_get_quoted_items() {
    let text = "---\nredirect_from: [/a, \"/b\"]\n---\n";
    let mut ed = FrontMatterEditor::new(text).unwrap();
    ed.set_str("redirect_from[0]", "/x, y").unwrap();
    assert_eq!(ed.text(), "---\nredirect_from: [\"/x, y\", \"/b\"]\n---\n");
    ed.push("redirect_from", &s("/c")).unwrap();
    assert_eq!(
        ed.text(),
        "---\nredirect_from: [\"/x, y\", \"/b\", \"/c\"]\n---\n"
    );
    let mut empty = FrontMatterEditor::new("---\ntags: []\n---\n").unwrap();
    empty.push("tags", &s("a")).unwrap();
    assert_eq!(empty.text(), "---\ntags: [\"a\"]\n---\n");
}

/// The example of docs/authoring.md.
#[test]
fn the_documented_example_holds() {
    let text =
        "---\n# Remove the '#' to switch a key on. \ntitle: \"Old\"\n# video: \"\"\n---\nBody\n";
    let mut ed = FrontMatterEditor::new(text).unwrap();
    ed.set_str("title", "Café: \"new\" #1").unwrap();
    ed.uncomment("video").unwrap();
    ed.set_str("video", "https://example.org/v").unwrap();
    ed.insert("published", &Value::Bool(false), Position::After("title"))
        .unwrap();
    assert_eq!(
        ed.set_str("event.start", "2027-01-19"),
        Err(EditError::NotFound("event".into()))
    );
    assert_eq!(
        ed.text(),
        "---\n# Remove the '#' to switch a key on. \ntitle: \"Café: \\\"new\\\" #1\"\npublished: false\nvideo: \"https://example.org/v\"\n---\nBody\n"
    );
    assert_eq!(
        masthead_model::slug::ascii_title_slug("Straße Café Pride – 2026!"),
        "strasse-cafe-pride-2026"
    );
}

/// `apply` re-parses and refuses what does not read back as promised.
#[test]
fn apply_checks_the_result_and_keeps_the_text_on_failure() {
    use masthead_edit::{Change, Edit};
    use masthead_model::KeyPath;
    let mut ed = FrontMatterEditor::new(SEED).unwrap();
    let title = SEED.find("\"Relaunching").unwrap();
    let end = title + "\"Relaunching the network chairs forum\"".len();
    let cases = [
        // Promises one value, writes another.
        Change::new(
            vec![Edit::new(title..end, "\"A\"")],
            vec![(KeyPath::parse("title"), Some(s("B")))],
        ),
        // Changes a value it does not mention.
        Change::new(vec![Edit::new(title..end, "\"A\"")], vec![]),
        // Breaks the YAML.
        Change::new(
            vec![Edit::new(title..end, "\"A")],
            vec![(KeyPath::parse("title"), Some(s("A")))],
        ),
        // Moves the closing fence.
        Change::new(
            vec![Edit::new(title..title, "x\n---\n")],
            vec![(KeyPath::parse("title"), None)],
        ),
        // Overlapping ranges.
        Change::new(
            vec![Edit::new(title..end, ""), Edit::new(title + 1..end, "")],
            vec![],
        ),
    ];
    for change in &cases {
        assert!(ed.apply(change).is_err(), "{change:?}");
        assert_eq!(ed.text(), SEED);
    }
    // The same edit with the right promise is kept.
    ed.apply(&Change::new(
        vec![Edit::new(title..end, "\"A\"")],
        vec![(KeyPath::parse("title"), Some(s("A")))],
    ))
    .unwrap();
    assert_eq!(ed.value().as_map().unwrap()["title"], s("A"));
}
