//! Tables of contents: the headings of a Markdown body, with the ids
//! [`crate::to_html`] gives them, and a nested `<nav>` of links to them.
//!
//! Only the document's own section headings are listed: a heading inside a
//! block quote, list item or footnote is quoted or aside material and is
//! left out. It still takes its id in the HTML, so it is still counted when
//! repeated headings get their `-1`, `-2` suffixes, and every listed id is
//! exactly the one in the rendered page.

use crate::MarkdownOptions;
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Anchorizer, Arena, parse_document};
use masthead_model::MapHasher;
use masthead_render::escape::html as esc;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// One heading of a document, for a table of contents.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct TocEntry {
    /// The heading's level: 1 for `#`, up to 6.
    pub level: u8,
    /// The heading's text, without markup (code spans keep their text).
    pub text: String,
    /// The `id` the heading has in [`crate::to_html`]'s output with the
    /// same options; empty when [`MarkdownOptions::heading_ids`] is off
    /// (the heading then has no id to link to).
    pub id: String,
}

impl TocEntry {
    /// An entry; `level` is clamped to 1–6. For callers building a table
    /// of their own to hand to [`toc_html`].
    pub fn new(level: u8, text: impl Into<String>, id: impl Into<String>) -> Self {
        TocEntry {
            level: level.clamp(1, 6),
            text: text.into(),
            id: id.into(),
        }
    }
}

/// The table of contents of a Markdown document: its top-level headings in
/// order, each with its level, plain text and the id
/// [`to_html`](crate::to_html) gives it with the same `options` (including
/// the `-1`, `-2` suffixes of repeated headings). Headings inside block
/// quotes, lists and footnotes are not listed (see the module docs).
///
/// ```
/// use masthead_html::{MarkdownOptions, toc};
///
/// let entries = toc("# Intro\n\n## Setup\n\n## Setup\n", &MarkdownOptions::default());
/// let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
/// assert_eq!(ids, ["intro", "setup", "setup-1"]);
/// ```
pub fn toc(markdown: &str, options: &MarkdownOptions) -> Vec<TocEntry> {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options.comrak());
    toc_of(root, options)
}

/// The table of contents of a parsed document (see [`toc`]).
pub(crate) fn toc_of<'a>(root: &'a AstNode<'a>, options: &MarkdownOptions) -> Vec<TocEntry> {
    let mut anchorizer = Ids::default();
    let mut entries = Vec::new();
    // comrak names headings in document order, after moving footnote
    // definitions to the end: the order of this walk.
    collect(
        root,
        true,
        options.heading_ids,
        &mut anchorizer,
        &mut entries,
    );
    entries
}

fn collect<'a>(
    node: &'a AstNode<'a>,
    top_level: bool,
    ids: bool,
    anchorizer: &mut Ids,
    entries: &mut Vec<TocEntry>,
) {
    for child in node.children() {
        let level = match &child.data().value {
            NodeValue::Heading(h) => Some(h.level),
            _ => None,
        };
        match level {
            Some(level) => {
                let text = child.collect_text();
                let id = if ids {
                    anchorizer.anchorize(&text)
                } else {
                    String::new()
                };
                if top_level {
                    entries.push(TocEntry::new(level, text, id));
                }
            }
            None => collect(child, false, ids, anchorizer, entries),
        }
    }
}

/// Heading ids exactly as comrak's `Anchorizer` gives them in the HTML
/// (lowercase; letters, marks, numbers, connectors, `-` and spaces kept,
/// spaces as `-`; `-1`, `-2`… on repeats), without its cost for the
/// common case: ASCII headings are reduced here, and only other text goes
/// through comrak's Unicode categories (a fresh `Anchorizer`, which
/// returns the reduced text as it is). Tested against comrak's on random
/// sequences of headings.
#[derive(Default)]
struct Ids {
    taken: HashSet<String, MapHasher>,
    next_suffix: HashMap<String, usize, MapHasher>,
}

impl Ids {
    fn anchorize(&mut self, heading: &str) -> String {
        let id: String = if heading.is_ascii() {
            heading
                .bytes()
                .map(|b| b.to_ascii_lowercase())
                .filter(|b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b'-' | b'_'))
                .map(|b| if b == b' ' { '-' } else { char::from(b) })
                .collect()
        } else {
            Anchorizer::new().anchorize(heading)
        };
        let mut suffix = self.next_suffix.get(&id).copied().unwrap_or(0);
        let chosen = loop {
            let candidate = if suffix == 0 {
                id.clone()
            } else {
                format!("{id}-{suffix}")
            };
            if !self.taken.contains(&candidate) {
                break candidate;
            }
            suffix += 1;
        };
        self.taken.insert(chosen.clone());
        self.next_suffix.insert(id, suffix + 1);
        chosen
    }
}

/// A table of contents as HTML: `<nav class="toc">` around nested ordered
/// lists of links (`<a href="#id">`), text and ids escaped. A heading
/// deeper than the one before it opens one nested list, however many
/// levels it skips (h2 → h4); the first entry's level is the top, whatever
/// it is, and a later shallower heading joins the outermost list. Entries
/// without an id are listed without a link. Empty when there are no
/// entries.
///
/// ```
/// use masthead_html::{TocEntry, toc_html};
///
/// let html = toc_html(&[TocEntry::new(2, "A & B", "a--b"), TocEntry::new(3, "C", "c")]);
/// assert_eq!(
///     html,
///     "<nav class=\"toc\">\n<ol>\n<li><a href=\"#a--b\">A &amp; B</a>\n<ol>\n<li><a href=\"#c\">C</a></li>\n</ol>\n</li>\n</ol>\n</nav>\n"
/// );
/// ```
pub fn toc_html(entries: &[TocEntry]) -> String {
    if entries.is_empty() {
        return String::new();
    }
    let mut out = String::from("<nav class=\"toc\">\n");
    // The level of each open list, outermost first. Inside every open list
    // but the innermost, an item is open; the innermost has one open once
    // it has an entry.
    let mut open: Vec<u8> = Vec::new();
    for entry in entries {
        let level = entry.level;
        // Close lists until this heading is deeper than the parent list.
        while let [.., parent, _] = open[..]
            && level <= parent
        {
            out.push_str("</li>\n</ol>\n");
            open.pop();
        }
        match open.last_mut() {
            None => {
                out.push_str("<ol>\n");
                open.push(level);
            }
            Some(top) if level > *top => {
                out.push_str("\n<ol>\n");
                open.push(level);
            }
            Some(top) => {
                // A sibling; a shallower one than the list's first makes
                // later deeper headings nest under it.
                out.push_str("</li>\n");
                *top = level;
            }
        }
        out.push_str("<li>");
        if entry.id.is_empty() {
            out.push_str(&esc(&entry.text));
        } else {
            let _ = write!(
                out,
                "<a href=\"#{}\">{}</a>",
                esc(&entry.id),
                esc(&entry.text)
            );
        }
    }
    for _ in open {
        out.push_str("</li>\n</ol>\n");
    }
    out.push_str("</nav>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{RawHtml, to_html};

    proptest::proptest! {
        #[test]
        fn ids_are_comrak_s_ids(
            headings in proptest::collection::vec(
                "(Setup|setup|Set up|set-up|Setup-1|setup 1|x_y|É|é|İ|Σ|e\u{301}|1)?[ A-Za-z0-9_.!&-]{0,6}(é|ß|🎉|\u{2040})?",
                1..10,
            )
        ) {
            let mut ours = Ids::default();
            let mut comrak = Anchorizer::new();
            for heading in &headings {
                proptest::prop_assert_eq!(ours.anchorize(heading), comrak.anchorize(heading), "{:?}", headings);
            }
        }
    }

    fn e(level: u8, id: &str) -> TocEntry {
        TocEntry::new(level, id.to_uppercase(), id)
    }

    /// Every `id="…"` in `html`.
    fn ids_in(html: &str) -> Vec<String> {
        html.split(" id=\"")
            .skip(1)
            .map(|rest| rest[..rest.find('"').unwrap()].to_string())
            .collect()
    }

    /// Each entry's id is an id of `to_html`'s output, in the same order.
    fn assert_ids_match_html(markdown: &str, options: &MarkdownOptions) -> Vec<TocEntry> {
        let entries = toc(markdown, options);
        let html = to_html(markdown, options);
        let in_html = ids_in(&html);
        let mut from = 0;
        for entry in &entries {
            let at = in_html[from..]
                .iter()
                .position(|id| *id == entry.id)
                .unwrap_or_else(|| panic!("`{}` not in order in {html}", entry.id));
            from += at + 1;
        }
        entries
    }

    #[test]
    fn ids_are_comraks_with_dedup_suffixes() {
        let md = "# Setup\n\n## Setup\n\nSetup\n-----\n\n## Setup-1\n\n## Setup\n";
        let entries = assert_ids_match_html(md, &MarkdownOptions::default());
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["setup", "setup-1", "setup-2", "setup-1-1", "setup-3"]);
        let levels: Vec<u8> = entries.iter().map(|e| e.level).collect();
        assert_eq!(levels, [1, 2, 2, 2, 2]);
    }

    #[test]
    fn text_is_plain_and_non_ascii_is_kept() {
        let md = "## Q&A: *„Zürich“* `<code>` — [Café](/c/) ünïcode\n\n### 日本語の見出し\n\n## Ελληνικά!\n";
        let entries = assert_ids_match_html(md, &MarkdownOptions::default());
        assert_eq!(entries[0].text, "Q&A: „Zürich“ <code> — Café ünïcode");
        assert_eq!(entries[0].id, "qa-zürich-code--café-ünïcode");
        assert_eq!(entries[1].id, "日本語の見出し");
        assert_eq!(entries[2].text, "Ελληνικά!");
        assert_eq!(entries[2].id, "ελληνικά");
    }

    #[test]
    fn nested_headings_are_left_out_but_counted() {
        let md = "## Notes\n\n> ## Notes\n\n- item\n\n  ## Notes\n\nA note[^n].\n\n## Notes\n\n[^n]: ## Notes\n\n## Last\n";
        let entries = assert_ids_match_html(md, &MarkdownOptions::default());
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        // notes-1 (quote) and notes-2 (list) are in the HTML, not the TOC;
        // the footnote's heading is rendered last, so it is notes-4.
        assert_eq!(ids, ["notes", "notes-3", "last"]);
        let html = to_html(md, &MarkdownOptions::default());
        for id in ["notes-1", "notes-2", "notes-4"] {
            assert!(ids_in(&html).iter().any(|i| i == id), "{id} in {html}");
        }
    }

    #[test]
    fn ids_survive_sanitizing_and_are_empty_without_heading_ids() {
        let o = MarkdownOptions {
            raw_html: RawHtml::Sanitize,
            ..MarkdownOptions::default()
        };
        assert_ids_match_html("# A <b>b</b>\n\n# A b\n", &o);
        let off = MarkdownOptions {
            heading_ids: false,
            ..MarkdownOptions::default()
        };
        let entries = toc("# A\n\n## B\n", &off);
        assert!(entries.iter().all(|e| e.id.is_empty()), "{entries:?}");
        assert_eq!(
            toc_html(&entries),
            "<nav class=\"toc\">\n<ol>\n<li>A\n<ol>\n<li>B</li>\n</ol>\n</li>\n</ol>\n</nav>\n"
        );
    }

    #[test]
    fn no_headings_no_nav() {
        assert!(toc("Just text.\n", &MarkdownOptions::default()).is_empty());
        assert_eq!(toc_html(&[]), "");
    }

    /// The structure only: `[` opens a list, `]` closes one, ids for items.
    fn shape(html: &str) -> String {
        let inner = html
            .strip_prefix("<nav class=\"toc\">\n")
            .and_then(|h| h.strip_suffix("</nav>\n"))
            .expect("wrapped in a nav");
        let mut s = String::new();
        let mut rest = inner;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix("<ol>") {
                s.push('[');
                rest = r;
            } else if let Some(r) = rest.strip_prefix("</ol>") {
                s.push(']');
                rest = r;
            } else if let Some(r) = rest.strip_prefix("<li><a href=\"#") {
                let end = r.find('"').unwrap();
                s.push_str(&r[..end]);
                s.push(' ');
                rest = &r[r.find("</a>").unwrap() + 4..];
            } else if let Some(r) = rest.strip_prefix("</li>") {
                rest = r;
            } else {
                assert!(rest.starts_with('\n'), "unexpected markup: {rest}");
                rest = &rest[1..];
            }
        }
        s
    }

    /// Opened and closed tags balance, and every `<li>` is closed in its list.
    fn assert_balanced(html: &str) {
        let mut stack = Vec::new();
        for (i, _) in html.match_indices('<') {
            let tag = &html[i + 1..i + html[i..].find('>').unwrap()];
            let name = tag.split(' ').next().unwrap();
            if let Some(closing) = name.strip_prefix('/') {
                assert_eq!(stack.pop(), Some(closing.to_string()), "{html}");
            } else {
                if name == "li" {
                    assert_eq!(stack.last().map(String::as_str), Some("ol"), "{html}");
                }
                if name == "ol" {
                    assert!(
                        matches!(stack.last().map(String::as_str), Some("li" | "nav")),
                        "{html}"
                    );
                }
                stack.push(name.to_string());
            }
        }
        assert!(stack.is_empty(), "{html}");
    }

    #[test]
    fn nesting_follows_levels() {
        let cases: &[(&[TocEntry], &str)] = &[
            (&[e(2, "a"), e(2, "b")], "[a b ]"),
            (&[e(2, "a"), e(3, "b"), e(2, "c")], "[a [b ]c ]"),
            // Skipped levels open one list, not two.
            (&[e(2, "a"), e(4, "b"), e(2, "c")], "[a [b ]c ]"),
            // h3 after h4 under an h2 is the h4's sibling…
            (&[e(2, "a"), e(4, "b"), e(3, "c")], "[a [b c ]]"),
            // …and a later h4 nests under that h3.
            (
                &[e(2, "a"), e(4, "b"), e(3, "c"), e(4, "d")],
                "[a [b c [d ]]]",
            ),
            // Starting below h2, and a later shallower heading.
            (
                &[e(3, "a"), e(4, "b"), e(2, "c"), e(3, "d")],
                "[a [b ]c [d ]]",
            ),
            (
                &[e(1, "a"), e(6, "b"), e(6, "c"), e(1, "d")],
                "[a [b c ]d ]",
            ),
            (
                &[e(1, "a"), e(2, "b"), e(3, "c"), e(4, "d"), e(1, "e")],
                "[a [b [c [d ]]]e ]",
            ),
        ];
        for (entries, want) in cases {
            let html = toc_html(entries);
            assert_balanced(&html);
            assert_eq!(shape(&html), *want, "{html}");
        }
    }

    #[test]
    fn text_and_ids_are_escaped() {
        let html = toc_html(&[TocEntry::new(2, "<script>\"x\" & 'y'", "a\"><b")]);
        assert!(
            html.contains(
                "<a href=\"#a&quot;&gt;&lt;b\">&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;</a>"
            ),
            "{html}"
        );
        assert_balanced(&html);
    }

    #[test]
    fn levels_are_clamped() {
        assert_eq!(TocEntry::new(0, "a", "a").level, 1);
        assert_eq!(TocEntry::new(9, "a", "a").level, 6);
    }
}
