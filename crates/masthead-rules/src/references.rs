//! The references rules: values that name another document (an author, a
//! category's topic page) and documents nothing names.

use crate::similar::closest;
use masthead_diagnostics::{Diagnostic, Severity, Span};
use masthead_lint::{DocumentContext, FixAvailability, Rule, RuleMeta, SiteContext};
use masthead_model::config::DocumentType;
use masthead_model::document::{AuthorRef, Document, DocumentId};
use masthead_model::site::Site;
use masthead_model::value::Value;

/// The rules of this family.
pub(crate) fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(UnknownAuthor),
        Box::new(UnknownCategory),
        Box::new(OrphanedAuthor),
    ]
}

/// Sets the primary label's text of a finding built by `report`.
fn labelled(mut d: Diagnostic, label: impl Into<String>) -> Diagnostic {
    if let Some(p) = d.primary.as_mut() {
        p.message = label.into();
    }
    d
}

/// Where to point in `doc` when a label should name the document itself: its
/// `person-name` or `title`, else its opening `---`.
fn document_anchor(doc: &Document) -> Span {
    ["person-name", "title", "category"]
        .iter()
        .find_map(|k| doc.spans.value_span(k))
        .or_else(|| {
            doc.layout
                .open_fence
                .map(|s| Span::new(s.start, s.start + 3))
        })
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------
// RF001 unknown-author

static UNKNOWN_AUTHOR: RuleMeta = RuleMeta {
    code: "RF001",
    name: "unknown-author",
    family: "references",
    summary: "A post's `author:` names no author document.",
    doc: "## What it does\n\
Reports a post or event whose `author:` matches the `person-name` of no \
author document (the `team` collection), ignoring case, stray quotes and \
extra spaces. The site's own `title` is accepted (the organisation posting as \
itself), and so is every name in `masthead.lint.author-aliases`. It suggests \
the closest author's name, and says so when the only difference is case, \
spacing or quotes. It stays quiet on sites without author documents.\n\n\
## Why is this bad?\n\
The post shows no author card, and the author's page does not list it: the \
layout looks the author up by name, and a misspelt or changed name finds \
nobody.\n\n\
## Example\n\
```yaml\n\
author: \"Alex Morgen\"   # the team page says `person-name: \"Alex Morgan\"`\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// RF001.
struct UnknownAuthor;

/// Folds a name for "differs only in case, whitespace or quotes".
fn fold_name(s: &str, case: bool, space: bool, quotes: bool) -> String {
    s.chars()
        .filter(|c| !(space && (c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}'))))
        .filter(|c| !(quotes && is_quote(*c)))
        .flat_map(|c| {
            let lower: Vec<char> = if case {
                c.to_lowercase().collect()
            } else {
                vec![c]
            };
            lower
        })
        .collect()
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '`' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‚'
    )
}

/// When `written` and `name` differ only in case, whitespace or quotes, the
/// list of those differences (`["case", "spacing"]`).
fn only_differences(written: &str, name: &str) -> Option<Vec<&'static str>> {
    if written == name || fold_name(written, true, true, true) != fold_name(name, true, true, true)
    {
        return None;
    }
    let mut kinds = Vec::new();
    if fold_name(written, false, true, true) != fold_name(name, false, true, true) {
        kinds.push("case");
    }
    if fold_name(written, true, false, true) != fold_name(name, true, false, true) {
        kinds.push("spacing");
    }
    if fold_name(written, true, true, false) != fold_name(name, true, true, false) {
        kinds.push("quotes");
    }
    (!kinds.is_empty()).then_some(kinds)
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Whether `name` is accepted without an author document: the site's title
/// or a configured alias (compared like author names).
fn is_accepted_alias(name: &str, site: &Site, aliases: &[String]) -> bool {
    let wanted = name.to_lowercase();
    site.config
        .title
        .iter()
        .chain(aliases.iter())
        .any(|a| AuthorRef::normalize(a).to_lowercase() == wanted)
}

/// Every author document's normalised name, in path order, and the
/// answers already worked out for unknown names.
struct AuthorNames(
    Vec<(String, masthead_model::document::DocumentId)>,
    std::sync::Mutex<std::collections::HashMap<String, AuthorMatch>>,
);

/// What an unknown `author:` is closest to.
#[derive(Clone)]
enum AuthorMatch {
    /// The author at this index, differing only in these ways.
    Exact(usize, Vec<&'static str>),
    /// A likely typo of this name.
    Close(String),
    /// Nothing close.
    Nothing,
}

impl AuthorNames {
    fn new(site: &masthead_model::site::Site) -> Self {
        AuthorNames(
            site.of_type(DocumentType::Author)
                .filter_map(|d| Some((d.author()?.name.clone()?, d.id)))
                .filter(|(n, _)| !n.is_empty())
                .collect(),
            Default::default(),
        )
    }

    fn lookup(&self, name: &str, work: impl FnOnce() -> AuthorMatch) -> AuthorMatch {
        if let Some(hit) = self.1.lock().ok().and_then(|m| m.get(name).cloned()) {
            return hit;
        }
        let found = work();
        if let Ok(mut m) = self.1.lock() {
            m.insert(name.to_string(), found.clone());
        }
        found
    }
}

impl Rule for UnknownAuthor {
    fn meta(&self) -> &'static RuleMeta {
        &UNKNOWN_AUTHOR
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(author) = cx.document.post().and_then(|p| p.author.as_ref()) else {
            return;
        };
        if author.author.is_some() || author.name.is_empty() {
            return;
        }
        // The authors' names, listed once per check rather than per post.
        let names = cx.shared_memo(|| AuthorNames::new(cx.site));
        let authors: Vec<(&str, &Document)> = names
            .0
            .iter()
            .filter_map(|(n, id)| Some((n.as_str(), cx.site.document(*id)?)))
            .collect();
        if authors.is_empty() || is_accepted_alias(&author.name, cx.site, &cx.config.author_aliases)
        {
            return;
        }
        let meta = self.meta();
        let span = cx
            .value_span("author")
            .unwrap_or_else(|| cx.front_matter_span());
        let mut d = labelled(
            cx.report(meta, span, format!("no author is named `{}`", author.name)),
            "no author document has this `person-name`",
        );
        // Names that differ only in case, spacing or quotes first; then a
        // likely typo among the authors (and the accepted aliases). The
        // answer depends on the name alone, so it is worked out once per
        // name and check, not once per post.
        let found = names.lookup(&author.name, || {
            if let Some((i, kinds)) = authors
                .iter()
                .enumerate()
                .find_map(|(i, (n, _))| only_differences(&author.name, n).map(|k| (i, k)))
            {
                return AuthorMatch::Exact(i, kinds);
            }
            let aliases: Vec<String> = cx
                .site
                .config
                .title
                .iter()
                .chain(cx.config.author_aliases.iter())
                .map(|a| AuthorRef::normalize(a))
                .collect();
            let candidates = authors
                .iter()
                .map(|(n, _)| *n)
                .chain(aliases.iter().map(String::as_str));
            match closest(&author.name, candidates) {
                Some(name) => AuthorMatch::Close(name.to_string()),
                None => AuthorMatch::Nothing,
            }
        });
        match found {
            AuthorMatch::Exact(i, kinds) => {
                if let Some((name, doc)) = authors.get(i) {
                    d = d
                        .with_help(format!(
                            "write `author: \"{name}\"`: it differs from the author's `person-name` only in {}",
                            and_list(&kinds)
                        ))
                        .with_label_in(
                            doc.path.clone(),
                            document_anchor(doc),
                            "the author's `person-name`",
                        );
                }
            }
            AuthorMatch::Close(name) => {
                d = d.with_help(format!("did you mean `{name}`?"));
                if let Some((_, doc)) = authors.iter().find(|(n, _)| *n == name) {
                    d = d.with_label_in(
                        doc.path.clone(),
                        document_anchor(doc),
                        "the closest author",
                    );
                }
            }
            AuthorMatch::Nothing => {
                let dir = cx
                    .site
                    .collections
                    .iter()
                    .find(|c| c.doc_type == DocumentType::Author)
                    .map_or("the team collection".to_string(), |c| {
                        format!("`{}/`", c.dir)
                    });
                d = d.with_help(format!(
                    "use the `person-name` of an author in {dir}, add an author document for them, \
                     or list the name in `masthead.lint.author-aliases` in `_config.yml`"
                ));
            }
        }
        out.push(d);
    }
}

// ---------------------------------------------------------------------------
// RF002 unknown-category

static UNKNOWN_CATEGORY: RuleMeta = RuleMeta {
    code: "RF002",
    name: "unknown-category",
    family: "references",
    summary: "A post's category has no topic page.",
    doc: "## What it does\n\
Reports a category slug in a post's or event's `category` (or `categories`) \
that no topic page describes: no document of a generic collection (such as \
`topics`) carries that slug as its own `category`. It suggests the closest \
known slug. It stays quiet on sites without topic pages.\n\n\
## Why is this bad?\n\
The post is missing from its topic's listing, and the category link on the \
post leads nowhere. A typo (`wellbeeing`) or a renamed topic is the usual \
cause.\n\n\
## Example\n\
```yaml\n\
category:\n\
- network-chairs\n\
- wellbeeing      # the topic page says `category: wellbeing`\n\
```\n",
    default_severity: Severity::Warning,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// RF002.
struct UnknownCategory;

/// Each category slug the file itself writes under `key`, with its span.
/// A string `categories` is split on whitespace, as Jekyll does.
fn written_categories(cx: &DocumentContext<'_>, key: &str) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let Some(value) = cx.document.data.get(key) else {
        return out;
    };
    let Some(whole) = cx.value_span(key) else {
        // From `defaults` in `_config.yml`, not from this file.
        return out;
    };
    match value {
        Value::List(items) => {
            for (i, item) in items.iter().enumerate() {
                let Some(text) = scalar(item) else { continue };
                let span = cx.value_span(&format!("{key}[{i}]")).unwrap_or(whole);
                out.push((text, span));
            }
        }
        Value::String(s) if key == "categories" => {
            let raw = cx.source.get(whole.start..whole.end).unwrap_or("");
            let mut from = 0;
            for word in s.split_whitespace() {
                let span = match raw.get(from..).and_then(|r| r.find(word)) {
                    Some(at) => {
                        let start = whole.start + from + at;
                        from += at + word.len();
                        Span::new(start, start + word.len())
                    }
                    None => whole,
                };
                out.push((word.to_string(), span));
            }
        }
        other => {
            if let Some(text) = scalar(other) {
                out.push((text, whole));
            }
        }
    }
    out
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Integer(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The category slugs of the site's topic pages.
struct KnownCategories {
    sorted: Vec<String>,
    lowercase: std::collections::HashSet<String>,
}

impl KnownCategories {
    fn new(site: &masthead_model::site::Site) -> Self {
        let mut sorted: Vec<String> = site
            .of_type(DocumentType::Document)
            .flat_map(|d| d.categories.iter().cloned())
            .filter(|c| !c.trim().is_empty())
            .collect();
        sorted.sort_unstable();
        sorted.dedup();
        let lowercase = sorted.iter().map(|c| c.to_lowercase()).collect();
        KnownCategories { sorted, lowercase }
    }
}

impl Rule for UnknownCategory {
    fn meta(&self) -> &'static RuleMeta {
        &UNKNOWN_CATEGORY
    }

    fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        if cx.document.post().is_none() {
            return;
        }
        // The slugs topic pages describe, listed once per check.
        let known = cx.shared_memo(|| KnownCategories::new(cx.site));
        if known.sorted.is_empty() {
            return;
        }
        let known_slugs = &known.sorted;
        let meta = self.meta();
        for key in ["categories", "category"] {
            for (slug, span) in written_categories(cx, key) {
                if known.lowercase.contains(&slug.to_lowercase()) {
                    continue;
                }
                let mut d = labelled(
                    cx.report(meta, span, format!("no topic page for category `{slug}`")),
                    "no topic page has this `category`",
                );
                let trimmed = slug.trim();
                let suggestion = if trimmed != slug && cx.site.category_page(trimmed).is_some() {
                    Some(trimmed)
                } else {
                    closest(&slug, known_slugs.iter().map(String::as_str))
                };
                match suggestion {
                    Some(s) => {
                        d = d.with_help(format!("did you mean `{s}`?"));
                        if let Some(page) = cx.site.category_page(s) {
                            let at = page
                                .spans
                                .value_span("category")
                                .unwrap_or_else(|| document_anchor(page));
                            d = d.with_label_in(
                                page.path.clone(),
                                at,
                                format!("the topic page for `{s}`"),
                            );
                        }
                    }
                    None => {
                        d = d.with_help(format!(
                            "use one of the topics' slugs ({}), or add a topic page with `category: {slug}`",
                            known_list(&known_slugs.iter().map(String::as_str).collect::<Vec<_>>())
                        ));
                    }
                }
                out.push(d);
            }
        }
    }
}

/// Up to eight known slugs, for help text.
fn known_list(known: &[&str]) -> String {
    let shown: Vec<String> = known.iter().take(8).map(|k| format!("`{k}`")).collect();
    if known.len() > shown.len() {
        format!("{}, …", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

// ---------------------------------------------------------------------------
// RF003 orphaned-author

static ORPHANED_AUTHOR: RuleMeta = RuleMeta {
    code: "RF003",
    name: "orphaned-author",
    family: "references",
    summary: "An author document that no post names.",
    doc: "## What it does\n\
Reports an author document (not archived) whose `person-name` no post or \
event names in `author:`.\n\n\
## Why is this bad?\n\
Often it is harmless (a committee member who has not written yet), but it is \
also what a renamed author looks like: posts still carry the old spelling, \
and this page lists none of them. Archive former members with \
`archive: true`.\n\n\
## Example\n\
```yaml\n\
person-name: \"Sam Okafor\"   # every post says `author: \"Samuel Okafor\"`\n\
```\n",
    default_severity: Severity::Info,
    fix: FixAvailability::None,
    enabled_by_default: true,
};

/// RF003.
struct OrphanedAuthor;

impl Rule for OrphanedAuthor {
    fn meta(&self) -> &'static RuleMeta {
        &ORPHANED_AUTHOR
    }

    fn check_site(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let meta = self.meta();
        // Which authors are named by a post, in one pass over the site
        // (`Site::by_author` per author would be one pass each).
        let mut named = vec![false; cx.site.documents.len()];
        for d in &cx.site.documents {
            if let Some(DocumentId(i)) = d.post().and_then(|p| p.author.as_ref()?.author)
                && let Some(slot) = named.get_mut(i)
            {
                *slot = true;
            }
        }
        for doc in cx.site.of_type(DocumentType::Author) {
            let Some(author) = doc.author() else { continue };
            let Some(name) = author.name.as_deref().filter(|n| !n.is_empty()) else {
                continue;
            };
            if author.archived || named.get(doc.id.0).copied().unwrap_or(false) {
                continue;
            }
            let span = doc
                .spans
                .value_span("person-name")
                .unwrap_or_else(|| document_anchor(doc));
            let mut d = labelled(
                cx.report(
                    meta,
                    &doc.path,
                    span,
                    format!("no post names `{name}` as its author"),
                ),
                "no post or event has this `author:`",
            );
            // A post whose unknown author is close to this name is probably
            // meant for this author.
            let near = cx.site.documents.iter().find_map(|p| {
                let a = p.post()?.author.as_ref()?;
                if a.author.is_some() || a.name.is_empty() {
                    return None;
                }
                let hit =
                    only_differences(&a.name, name).is_some() || closest(&a.name, [name]).is_some();
                hit.then_some((p, a))
            });
            d = match near {
                Some((post, a)) => d
                    .with_label_in(
                        post.path.clone(),
                        post.spans
                            .value_span("author")
                            .unwrap_or_else(|| document_anchor(post)),
                        format!("`{}` may be meant for this author", a.name),
                    )
                    .with_help(format!(
                        "make the posts' `author:` match this `person-name`, or set `archive: true` if {name} has left"
                    )),
                None => d.with_help(format!(
                    "set `archive: true` if {name} has left; otherwise nothing needs to change until they write"
                )),
            };
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {

    const CONFIG: &str = "\
timezone: Europe/London
title: Civic Staff LGBT+ Network
url: https://www.example.org
collections:
  news:
    output: true
    permalink: /news/:year/:month/:day/:title
  team:
    output: true
    permalink: /team/:title/
  topics:
    output: true
    permalink: /topics/:title/
";

    /// A throwaway site made of `files`, checked with only `code` selected;
    /// the findings as `file:line:col: severity[code]: message | help` lines.
    fn check(code: &str, files: &[(&str, &str)]) -> Vec<String> {
        crate::test_support::check_only(code, CONFIG, files)
            .into_iter()
            .map(|(line, d)| format!("{line} | {}", d.help.unwrap_or_default()))
            .collect()
    }

    const ALEX: (&str, &str) = (
        "_team/alex-morgan.md",
        "---\nperson-name: \"Alex Morgan\"\nrole: chair\n---\nBio.\n",
    );

    fn post(author: &str) -> String {
        format!("---\ntitle: \"Hello\"\nauthor: {author}\ncategory:\n- pride\n---\nBody.\n")
    }

    #[test]
    fn unknown_author_with_a_typo_suggests_the_author() {
        let p = post("\"Alex Morgen\"");
        let found = check("RF001", &[ALEX, ("_news/2021-01-01-a.md", &p)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(
                "_news/2021-01-01-a.md:3:9: warning[RF001]: no author is named `Alex Morgen`"
            ),
            "{found:?}"
        );
        assert!(
            found[0].ends_with("did you mean `Alex Morgan`?"),
            "{found:?}"
        );
    }

    #[test]
    fn unknown_author_differing_only_in_spacing_and_quotes_says_so() {
        let p = post("\"AlexMorgan\"");
        let found = check("RF001", &[ALEX, ("_news/2021-01-01-a.md", &p)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains(":3:9: warning[RF001]"), "{found:?}");
        assert!(found[0].ends_with("only in spacing"), "{found:?}");

        let p = post("\"Alex ‘Morgan’\"");
        let found = check("RF001", &[ALEX, ("_news/2021-01-01-a.md", &p)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].ends_with("only in quotes"), "{found:?}");

        let p = post("\"ALEXMORGAN\"");
        let found = check("RF001", &[ALEX, ("_news/2021-01-01-a.md", &p)]);
        assert!(found[0].ends_with("only in case and spacing"), "{found:?}");
    }

    #[test]
    fn author_matching_after_normalisation_title_or_alias_is_accepted() {
        let tabbed = post("\"\\tALEX   morgan \"");
        let org = post("\"Civic Staff LGBT+ Network\"");
        let alias = post("Network Wales");
        let config =
            format!("{CONFIG}masthead:\n  lint:\n    author-aliases: [\"Network Wales\"]\n");
        let found = check(
            "RF001",
            &[
                ("_config.yml", &config),
                ALEX,
                ("_news/2021-01-01-a.md", &tabbed),
                ("_news/2021-01-02-b.md", &org),
                ("_news/2021-01-03-c.md", &alias),
            ],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn unknown_author_is_quiet_without_author_documents() {
        let p = post("\"Somebody\"");
        assert!(check("RF001", &[("_news/2021-01-01-a.md", &p)]).is_empty());
    }

    #[test]
    fn unknown_author_far_from_every_name_gets_general_help() {
        let p = post("\"Jordan Lee\"");
        let found = check("RF001", &[ALEX, ("_news/2021-01-01-a.md", &p)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("author-aliases"), "{found:?}");
    }

    const PRIDE: (&str, &str) = (
        "_topics/pride.md",
        "---\ntitle: \"Pride\"\ncategory: pride\n---\n",
    );
    const WELLBEING: (&str, &str) = (
        "_topics/wellbeing.md",
        "---\ntitle: \"Wellbeing\"\ncategory: wellbeing\n---\n",
    );

    #[test]
    fn unknown_category_points_at_the_list_item() {
        let p = "---\ntitle: \"A\"\ncategory:\n- pride\n- wellbeeing\n---\n";
        let found = check("RF002", &[PRIDE, WELLBEING, ("_news/2021-01-01-a.md", p)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(
                "_news/2021-01-01-a.md:5:3: warning[RF002]: no topic page for category `wellbeeing`"
            ),
            "{found:?}"
        );
        assert!(found[0].ends_with("did you mean `wellbeing`?"), "{found:?}");
    }

    #[test]
    fn unknown_category_as_a_single_string_and_in_categories() {
        let p = "---\ntitle: \"A\"\ncategory: \"prid\"\n---\n";
        let found = check("RF002", &[PRIDE, WELLBEING, ("_news/2021-01-01-a.md", p)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains(":3:11: warning[RF002]"), "{found:?}");

        let p = "---\ntitle: \"A\"\ncategories: pride welbeing\n---\n";
        let found = check("RF002", &[PRIDE, WELLBEING, ("_news/2021-01-01-a.md", p)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains(":3:19: warning[RF002]"), "{found:?}");
    }

    #[test]
    fn unknown_category_is_quiet_without_topic_pages_and_for_known_slugs() {
        let p = "---\ntitle: \"A\"\ncategory:\n- anything\n---\n";
        assert!(check("RF002", &[("_news/2021-01-01-a.md", p)]).is_empty());
        let p = "---\ntitle: \"A\"\ncategory:\n- Pride\n- \n---\n";
        assert!(check("RF002", &[PRIDE, ("_news/2021-01-01-a.md", p)]).is_empty());
    }

    #[test]
    fn orphaned_author_is_reported_at_person_name_unless_archived() {
        let sam = (
            "_team/sam-okafor.md",
            "---\nperson-name: \"Sam Okafor\"\nrole: treasurer\n---\n",
        );
        let former = (
            "_team/jo-bloggs.md",
            "---\nperson-name: \"Jo Bloggs\"\narchive: \"true\"\n---\n",
        );
        let p = post("\"Alex Morgan\"");
        let found = check("RF003", &[ALEX, sam, former, ("_news/2021-01-01-a.md", &p)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .starts_with("_team/sam-okafor.md:2:14: info[RF003]: no post names `Sam Okafor`"),
            "{found:?}"
        );
    }
}
