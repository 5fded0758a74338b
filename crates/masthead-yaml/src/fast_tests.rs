//! The fast path against libyaml: wherever the fast path answers, its tree
//! (values, styles and every span) must equal the one built from libyaml's
//! events. Checked on every front matter in the repository's fixtures and
//! on generated front matter built from the pieces real files are made of.

use crate::{ParseOptions, builder, fast};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// Compares the two readers on `text`; returns whether the fast path answered.
fn agree(text: &str) -> bool {
    let options = ParseOptions::default();
    let Some(quick) = fast::parse(text, &options) else {
        return false;
    };
    let reference = builder::build(text, &options);
    assert_eq!(
        Ok(&quick),
        reference.as_ref(),
        "fast path and libyaml differ on:\n{text}"
    );
    true
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "md" || e == "markdown" || e == "html")
        {
            out.push(path);
        }
    }
}

/// The YAML text the loader hands to `parse`: the opening fence line and the
/// lines up to the closing one.
fn front_matter(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("---\n")?;
    let close = rest
        .match_indices("\n---")
        .map(|(i, _)| i + 1)
        .find(|&i| matches!(rest.as_bytes().get(i + 3), None | Some(b'\n' | b' ')))?;
    Some(&text[..4 + close])
}

#[test]
fn fast_path_agrees_with_libyaml_on_every_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut found = Vec::new();
    for dir in [
        "examples",
        "tests/fixtures",
        "crates/masthead-rules/fixtures",
    ] {
        files(&root.join(dir), &mut found);
    }
    assert!(
        found.len() > 100,
        "fixtures not found under {}",
        root.display()
    );
    let (mut fast_count, mut total) = (0, 0);
    for path in &found {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let Some(yaml) = front_matter(&text) else {
            continue;
        };
        total += 1;
        if agree(yaml) {
            fast_count += 1;
        }
    }
    // Most real front matter is simple; the fast path must take it.
    assert!(
        fast_count * 2 > total,
        "fast path took only {fast_count} of {total} front matters"
    );
}

#[test]
fn fast_path_takes_the_house_template() {
    let text = "---\n# Adding or removing a '#' in front of a line will toggle that information off and on from being processed. \n\nlayout: news\ntitle: \"Relaunching the network chairs forum\"\nexcerpt: \"Our chairs forum is a quarterly chance to discuss issues.\n\"\ndate: 2021-11-22\nauthor: \"Jane Doe\"\ncategory: \n- chairs\n# video: \"\"\nredirect_from:\n  - /old/1\n  -\nevent:\n  start: 2024-01-01 10:00\n  location: 'Room ''A'''\n---\n";
    let yaml = front_matter(text).unwrap();
    assert!(agree(yaml), "the house template should take the fast path");
}

#[test]
fn fast_path_declines_what_it_does_not_know() {
    for text in [
        "---\ntitle:\tx\n",
        "---\ntitle: [a, b]\n",
        "---\ntitle: &a x\nother: *a\n",
        "---\ntitle: !!str 1\n",
        "---\ntitle: |\n  text\n",
        "---\ntitle: one\n  two\n",
        "---\ntitle: \"a\\x41\"\n",
        "---\ntitle: a: b\n",
        "---\ntitle: \"open\n---\n",
        "---\n- a\n",
        "---\n\"quoted key\": 1\n",
        "---\n",
        "---\ntitle: x\r\n",
    ] {
        assert!(
            fast::parse(text, &ParseOptions::default()).is_none(),
            "fast path should decline {text:?}"
        );
    }
}

/// Pieces of front matter lines, tricky ones included.
fn line() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "title",
        "date",
        "author",
        "tags",
        "event",
        "x-y",
        "a_b",
        "redirect_from",
        "start",
    ]);
    let value = prop::sample::select(vec![
        "",
        " ",
        "plain",
        "plain words  ",
        "two words # comment",
        "a#b",
        "https://example.org/a?b=c",
        "/path/to",
        "2021-11-22",
        "2021-11-22 10:00:00 +01:00",
        "'single'",
        "'it''s'",
        "\"double\"",
        "\"with \\\"escape\\\" and \\\\\"",
        "\"open",
        "ends\"",
        "\"a\" # c",
        "\"a\"x",
        "'a'#c",
        "-",
        "- item",
        "-5",
        "[a]",
        "{a: b}",
        "&x y",
        "*x",
        "!t y",
        "|",
        ">",
        "a: b",
        "a:",
        "~",
        "null",
        "true",
        "12",
        "1.5",
        "é ü – “quotes”",
        "\"\\u00e9\"",
        "...",
        "---",
        "%x",
        "@x",
    ]);
    let indent = prop::sample::select(vec!["", "", "", " ", "  ", "    "]);
    prop_oneof![
        (indent.clone(), key, value.clone()).prop_map(|(i, k, v)| if v.is_empty() {
            format!("{i}{k}:")
        } else {
            format!("{i}{k}: {v}")
        }),
        (indent.clone(), value.clone()).prop_map(|(i, v)| format!("{i}- {v}")),
        indent.clone().prop_map(|i| format!("{i}-")),
        (indent.clone(), value).prop_map(|(i, v)| format!("{i}{v}")),
        indent.clone().prop_map(|i| format!("{i}# comment ")),
        Just(String::new()),
        Just("\"".to_string()),
        Just("  continued\"".to_string()),
    ]
}

/// A scalar as it may follow `key: ` or `- `: mostly valid, sometimes not.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(vec![
            "plain", "plain words  ", "two words # comment", "a#b", "https://example.org/a?b=c",
            "/path/to", "2021-11-22", "2021-11-22 10:00:00 +01:00", "'single'", "'it''s'",
            "\"double\"", "\"with \\\"escape\\\" and \\\\\"", "\"a\" # c", "~", "null", "true",
            "12", "1.5", "é ü – “quotes”", "...", "x:y", "a -b", "'  spaced  '", "\"  spaced  \"",
        ]).prop_map(str::to_string),
        // Quoted scalars over several lines, closing anywhere.
        2 => (prop::sample::select(vec!["\"", "'"]), prop::collection::vec(
            prop::sample::select(vec!["", " ", "word", "two words ", "  indented", "it''s", "\\\"", "---", "...", "#x"]), 1..4),
            prop::sample::select(vec!["", " ", "  "]))
            .prop_map(|(q, lines, close)| format!("{q}{}\n{close}{q}", lines.join("\n"))),
        1 => prop::sample::select(vec![
            "\"open", "ends\"", "\"a\"x", "'a'#c", "-5", "[a]", "{a: b}", "&x y", "*x", "!t y",
            "|", ">", "a: b", "a:", "%x", "@x", "\"\\u00e9\"", "- nested",
        ]).prop_map(str::to_string),
    ]
}

/// Blank and comment lines, which may sit anywhere.
fn filler() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["", "", "# comment ", "  # indented comment", "#", " "])
        .prop_map(str::to_string)
}

/// One `key: …` entry at column `indent`, as lines.
fn entry(indent: usize) -> impl Strategy<Value = Vec<String>> {
    let key = prop::sample::select(vec![
        "title", "date", "tags", "event", "x-y", "a_b", "start", "title",
    ]);
    let pad = " ".repeat(indent);
    let item_indent = prop::sample::select(vec![indent, indent + 2, indent + 1]);
    prop_oneof![
        // key: scalar
        4 => (key.clone(), scalar(), filler(), any::<bool>()).prop_map({
            let pad = pad.clone();
            move |(k, v, f, extra)| {
                let mut out = vec![format!("{pad}{k}: {v}")];
                if extra { out.push(f); }
                out
            }
        }),
        // key: (empty)
        1 => (key.clone(), prop::sample::select(vec!["", " ", " # c"])).prop_map({
            let pad = pad.clone();
            move |(k, tail)| vec![format!("{pad}{k}:{tail}")]
        }),
        // key: with a list below
        2 => (key.clone(), item_indent, prop::collection::vec((prop::option::of(scalar()), filler(), any::<bool>()), 1..4)).prop_map({
            let pad = pad.clone();
            move |(k, at, items)| {
                let mut out = vec![format!("{pad}{k}: ")];
                for (item, f, extra) in items {
                    let dash = " ".repeat(at);
                    out.push(match item { Some(v) => format!("{dash}- {v}"), None => format!("{dash}-") });
                    if extra { out.push(f); }
                }
                out
            }
        }),
        // key: with a nested mapping below
        1 => (key, prop::collection::vec((prop::sample::select(vec!["start", "end", "location", "url"]), scalar()), 1..4),
              prop::sample::select(vec![indent + 2, indent + 2, indent + 4, indent + 1])).prop_map(move |(k, pairs, at)| {
            let mut out = vec![format!("{pad}{k}:")];
            for (nk, v) in pairs {
                out.push(format!("{}{nk}: {v}", " ".repeat(at)));
            }
            out
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn fast_path_agrees_with_libyaml_on_structured_front_matter(
        entries in prop::collection::vec((entry(0), filler(), any::<bool>()), 1..10),
        stray in prop::option::of((0..10usize, line())),
        trailing_newline in any::<bool>(),
    ) {
        let mut lines = vec!["---".to_string()];
        for (e, f, extra) in entries {
            lines.extend(e);
            if extra { lines.push(f); }
        }
        if let Some((at, l)) = stray {
            let at = 1 + at % lines.len();
            lines.insert(at.min(lines.len()), l);
        }
        let mut text = lines.join("\n");
        if trailing_newline {
            text.push('\n');
        }
        agree(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn fast_path_agrees_with_libyaml_on_generated_front_matter(
        lines in prop::collection::vec(line(), 1..14),
        trailing_newline in any::<bool>(),
    ) {
        let mut text = String::from("---\n");
        text.push_str(&lines.join("\n"));
        if trailing_newline {
            text.push('\n');
        }
        agree(&text);
    }
}
