//! Resolved documents: what the site means once dates, permalinks, defaults
//! and references are worked out.

use crate::config::DocumentType;
use crate::date::{DateSource, ResolvedDate};
use crate::frontmatter::{FrontMatter, Region, Role};
use crate::value::Map;
use crate::{KeyPath, Segment};
use masthead_diagnostics::Span;
use serde::Serialize;

/// A document's index in [`crate::site::Site::documents`]; stable for one load.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct DocumentId(pub usize);

/// Whether a document is built, and if not, why not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Publication {
    /// Built.
    Published,
    /// `published: false` in front matter or defaults.
    Unpublished,
    /// Dated after "now": Jekyll skips it until then.
    Future,
}

/// Where the value of a front-matter key is in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct FieldSpan {
    /// The key's bytes, for mapping entries.
    pub key: Option<Span>,
    /// The value's bytes.
    pub value: Span,
}

/// Key path → position, for every value in a document's front matter
/// (the last occurrence, for repeated keys, since that is the one that counts).
///
/// Kept as the front matter's tree, flattened in file order, with the keys'
/// text in one string: the loader builds one per document, so it costs no
/// allocation per value, and a lookup compares a few dozen entries at most.
#[derive(Clone, Debug, Default)]
pub struct SpanMap {
    /// Every value in file order, parents before children.
    nodes: Vec<SpanNode>,
    /// The text of every key, one after the other.
    keys: String,
    /// Whether a path was recorded twice (a repeated key): worked out when
    /// [`SpanMap::iter`] first needs it, not on every push (most maps are
    /// never listed).
    repeats: std::sync::OnceLock<bool>,
}

impl PartialEq for SpanMap {
    fn eq(&self, other: &Self) -> bool {
        self.nodes == other.nodes && self.keys == other.keys
    }
}

/// A value in a [`SpanMap`]: returned by [`SpanMap::push`] so its children
/// can name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpanId(u32);

/// How a value hangs under its parent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Step {
    /// The whole front matter.
    Root,
    /// A mapping key: its text's range in [`SpanMap::keys`].
    Key(u32, u32),
    /// A sequence index.
    Index(u32),
}

/// One value of a [`SpanMap`], in 32 bytes (64 with `usize` offsets and
/// `Option`s): a map is kept per document, and its size is memory the
/// kernel must zero on every run.
#[derive(Clone, Copy, Debug, PartialEq)]
struct SpanNode {
    /// The parent's index; [`NO_PARENT`] for the root and top-level keys.
    parent: u32,
    step: Step,
    span: PackedSpan,
}

/// [`SpanNode::parent`] of a value that names none.
const NO_PARENT: u32 = u32::MAX;

impl SpanNode {
    fn parent(&self) -> Option<SpanId> {
        (self.parent != NO_PARENT).then_some(SpanId(self.parent))
    }
}

/// A [`FieldSpan`] with `u32` offsets (front matter never comes near
/// 4 GiB; a larger offset would saturate); a key starting at `u32::MAX`
/// is no key.
#[derive(Clone, Copy, Debug, PartialEq)]
struct PackedSpan {
    key: (u32, u32),
    value: (u32, u32),
}

impl PackedSpan {
    fn pack(span: FieldSpan) -> Self {
        let pair = |s: Span| (to_u32(s.start), to_u32(s.end));
        PackedSpan {
            key: span.key.map_or((u32::MAX, u32::MAX), pair),
            value: pair(span.value),
        }
    }

    fn unpack(self) -> FieldSpan {
        let span = |(start, end): (u32, u32)| Span::new(start as usize, end as usize);
        FieldSpan {
            key: (self.key.0 != u32::MAX).then(|| span(self.key)),
            value: span(self.value),
        }
    }
}

/// A value listed by [`SpanMap::iter`].
#[derive(Clone, Copy, Debug)]
pub struct SpanEntry<'a> {
    map: &'a SpanMap,
    index: usize,
    span: FieldSpan,
}

impl SpanEntry<'_> {
    /// Its key path.
    pub fn path(&self) -> KeyPath {
        self.map.path_of(self.index)
    }

    /// Where it is (for a repeated path, the last occurrence).
    pub fn span(&self) -> FieldSpan {
        self.span
    }

    /// How many keys and indices lead to it (0 for the whole front matter).
    pub fn depth(&self) -> usize {
        let mut depth = 0;
        let mut at = self.map.nodes.get(self.index);
        while let Some(node) = at {
            if node.step != Step::Root {
                depth += 1;
            }
            at = node.parent().and_then(|p| self.map.nodes.get(p.0 as usize));
        }
        depth
    }
}

/// One step of a path, borrowed: what [`SpanMap::push`] takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanStep<'a> {
    /// The whole front matter (the tree's root, pushed first).
    Root,
    /// A mapping entry's key.
    Key(&'a str),
    /// A sequence item's index.
    Index(usize),
}

impl SpanMap {
    /// An empty map with room for `n` positions and `key_bytes` of key text
    /// (the loader knows both, and saves the regrowing).
    pub fn with_capacity(n: usize, key_bytes: usize) -> Self {
        SpanMap {
            nodes: Vec::with_capacity(n),
            keys: String::with_capacity(key_bytes),
            repeats: std::sync::OnceLock::new(),
        }
    }

    /// Records the position of the value reached by `step` from `parent`
    /// (none for the root and for top-level keys). Values are pushed in
    /// file order, a parent before its children; a repeated path's last
    /// push is the one [`SpanMap::get`] finds.
    pub fn push(&mut self, parent: Option<SpanId>, step: SpanStep<'_>, span: FieldSpan) -> SpanId {
        // The root's children are the top-level keys: they name no parent.
        let parent = parent.filter(|p| {
            self.nodes
                .get(p.0 as usize)
                .is_some_and(|n| n.step != Step::Root)
        });
        let parent_index = parent.map_or(NO_PARENT, |p| p.0);
        let step = match step {
            SpanStep::Root => Step::Root,
            SpanStep::Key(k) => {
                let start = self.keys.len();
                self.keys.push_str(k);
                Step::Key(to_u32(start), to_u32(self.keys.len()))
            }
            SpanStep::Index(i) => Step::Index(to_u32(i)),
        };
        let id = SpanId(to_u32(self.nodes.len()));
        self.nodes.push(SpanNode {
            parent: parent_index,
            step,
            span: PackedSpan::pack(span),
        });
        id
    }

    /// The position of the value at `path`.
    pub fn get(&self, path: &KeyPath) -> Option<FieldSpan> {
        self.find(path.segments())
            .and_then(|id| self.nodes.get(id.0 as usize))
            .map(|n| n.span.unpack())
    }

    /// The value's span at the path written as text (`event.start`).
    pub fn value_span(&self, path: &str) -> Option<Span> {
        // A plain top-level key (most lookups) needs no path built.
        if !path.is_empty() && !path.contains(['.', '[']) {
            return self
                .nodes
                .iter()
                .rev()
                .find(|n| n.parent == NO_PARENT && self.is_key(n.step, path))
                .map(|n| n.span.unpack().value);
        }
        self.get(&KeyPath::parse(path)).map(|s| s.value)
    }

    /// Every recorded value in file order (a repeated path where it first
    /// appears, with its last position). Paths are built on demand: ask an
    /// entry its [`SpanEntry::depth`] first to skip the ones not wanted.
    pub fn iter(&self) -> impl Iterator<Item = SpanEntry<'_>> + '_ {
        self.nodes.iter().enumerate().filter_map(|(i, node)| {
            if !self.has_repeats() {
                return Some(SpanEntry {
                    map: self,
                    index: i,
                    span: node.span.unpack(),
                });
            }
            let path = self.path_of(i);
            let last = self.find(path.segments())?;
            let first = self.nodes.iter().position(|other| {
                std::ptr::eq(other, node) || self.same_path(other, path.segments())
            })?;
            (first == i).then(|| SpanEntry {
                map: self,
                index: i,
                span: self
                    .nodes
                    .get(last.0 as usize)
                    .map_or(node.span, |n| n.span)
                    .unpack(),
            })
        })
    }

    /// Whether two values sit at one path (a repeated key): two nodes with
    /// one parent and one step. Hashed, so that a front matter of many
    /// thousand keys costs no quadratic scan; a front matter of a few dozen
    /// values (most) is compared pair by pair, without a set to allocate.
    fn has_repeats(&self) -> bool {
        *self.repeats.get_or_init(|| {
            const COMPARED: usize = 32;
            let step = |n: &SpanNode| match n.step {
                Step::Key(start, end) => Ok(self.key_text(start, end)),
                other => Err(other),
            };
            if self.nodes.len() <= COMPARED {
                return self.nodes.iter().enumerate().any(|(i, a)| {
                    self.nodes
                        .iter()
                        .take(i)
                        .any(|b| a.parent == b.parent && step(a) == step(b))
                });
            }
            let mut seen = std::collections::HashSet::with_capacity_and_hasher(
                self.nodes.len(),
                crate::MapHasher::default(),
            );
            !self.nodes.iter().all(|n| seen.insert((n.parent, step(n))))
        })
    }

    /// The number of recorded values, repeats included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The last node whose path is `segments`.
    fn find(&self, segments: &[Segment]) -> Option<SpanId> {
        self.nodes
            .iter()
            .rposition(|n| self.same_path(n, segments))
            .map(|i| SpanId(to_u32(i)))
    }

    /// Whether `node` sits at `segments`, compared from the innermost step out.
    fn same_path(&self, node: &SpanNode, segments: &[Segment]) -> bool {
        let Some((last, outer)) = segments.split_last() else {
            return node.step == Step::Root;
        };
        let here = match (node.step, last) {
            (Step::Key(..), Segment::Key(k)) => self.is_key(node.step, k),
            (Step::Index(i), Segment::Index(n)) => i as usize == *n,
            _ => false,
        };
        here && match node.parent() {
            None => outer.is_empty(),
            Some(p) => self
                .nodes
                .get(p.0 as usize)
                .is_some_and(|parent| self.same_path(parent, outer)),
        }
    }

    fn is_key(&self, step: Step, key: &str) -> bool {
        matches!(step, Step::Key(start, end) if self.key_text(start, end) == key)
    }

    /// The text of the key at `start..end` of [`SpanMap::keys`].
    fn key_text(&self, start: u32, end: u32) -> &str {
        self.keys.get(start as usize..end as usize).unwrap_or("")
    }

    /// The path of the node at `index`.
    fn path_of(&self, index: usize) -> KeyPath {
        let mut steps = Vec::new();
        let mut at = self.nodes.get(index);
        while let Some(node) = at {
            match node.step {
                Step::Root => {}
                Step::Key(start, end) => {
                    steps.push(Segment::Key(self.key_text(start, end).to_string()));
                }
                Step::Index(i) => steps.push(Segment::Index(i as usize)),
            }
            at = node.parent().and_then(|p| self.nodes.get(p.0 as usize));
        }
        let mut path = KeyPath::root();
        for step in steps.into_iter().rev() {
            path.push(step);
        }
        path
    }
}

/// Node numbers and key offsets as `u32`, which front matter (a few
/// kilobytes) never outgrows; past 4 Gi they saturate rather than wrap, so
/// lookups may miss but nothing panics.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Serialize for SpanMap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        for entry in self.iter() {
            map.serialize_entry(&entry.path(), &entry.span())?;
        }
        map.end()
    }
}

/// Positions of the parts of a document file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Layout {
    /// Length of the byte-order mark (0 or 3).
    pub bom: usize,
    /// The opening `---` line, when the file has front matter.
    pub open_fence: Option<Span>,
    /// The YAML between the fences.
    pub front_matter: Option<Span>,
    /// The closing `---` (or `...`) line.
    pub close_fence: Option<Span>,
    /// The body after the front matter.
    pub body: Span,
    /// Whether the file uses CRLF line endings.
    pub crlf: bool,
}

/// An `author:` value and the author document it names, if any.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuthorRef {
    /// As written.
    pub written: String,
    /// Trimmed, stray quotes removed, inner whitespace collapsed: what is
    /// matched against authors' `person-name`.
    pub name: String,
    /// The author document with that name (case-insensitive), when there is one.
    pub author: Option<DocumentId>,
}

impl AuthorRef {
    /// Normalises a written author name (stray tabs, quotes, doubled spaces).
    pub fn normalize(written: &str) -> String {
        let trimmed = written
            .trim()
            .trim_matches(|c| c == '"' || c == '\'' || c == '“' || c == '”');
        trimmed.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// A post: typed fields after resolution.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Post {
    /// Excerpt as written (trailing whitespace kept, as Jekyll keeps it).
    pub excerpt: Option<String>,
    /// The author reference.
    pub author: Option<AuthorRef>,
    /// Lead image.
    pub image: Option<String>,
    /// Alternative text for the image.
    pub image_alt: Option<String>,
    /// YouTube URL.
    pub video: Option<String>,
    /// Consultations: where to respond.
    pub link: Option<String>,
    /// Consultations: closing date.
    pub end_date: Option<ResolvedDate>,
}

/// An event: post fields plus when, where and how to register.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Event {
    /// The post fields.
    pub post: Post,
    /// Start (required; `None` only when missing or unreadable, with a diagnostic).
    pub start: Option<ResolvedDate>,
    /// End, if any.
    pub end: Option<ResolvedDate>,
    /// Registration deadline, if any.
    pub deadline: Option<ResolvedDate>,
    /// Who runs it: as written, else the site's title.
    pub host: Option<String>,
    /// Where.
    pub location: Option<String>,
    /// Registration URL.
    pub link: Option<String>,
    /// Registration email.
    pub email: Option<String>,
    /// Text instead of registration.
    pub no_register: Option<String>,
}

/// An author (team member).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Author {
    /// `person-name`, normalised like [`AuthorRef::name`].
    pub name: Option<String>,
    /// Role.
    pub role: Option<Role>,
    /// Email.
    pub email: Option<String>,
    /// Project.
    pub project: Option<String>,
    /// Region.
    pub region: Option<Region>,
    /// Archived (former member); `"true"` strings count.
    pub archived: bool,
    /// Portrait.
    pub image: Option<String>,
}

/// The typed content of a document, by type (boxed, as [`FrontMatter`]'s
/// shapes are, so that a document moves cheaply).
///
/// [`FrontMatter`]: crate::frontmatter::FrontMatter
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Content {
    /// A post.
    Post(Box<Post>),
    /// An event.
    Event(Box<Event>),
    /// An author.
    Author(Box<Author>),
    /// A generic document.
    Document,
}

/// A `redirect_from` entry of a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RedirectFrom {
    /// As written.
    pub written: String,
    /// Normalised like jekyll-redirect-from (leading slash added).
    pub path: String,
    /// The entry's position in the file's `redirect_from` list, empty items
    /// counted (0 for a single string).
    pub index: usize,
}

/// One document: a file with front matter in a collection folder.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    /// Its index in the site.
    pub id: DocumentId,
    /// Path relative to the site root, `/`-separated.
    pub path: String,
    /// Collection label (`news` for `_news/`).
    pub collection: String,
    /// The type its collection maps to.
    pub doc_type: DocumentType,
    /// Raw front matter, typed by `doc_type`.
    pub front_matter: FrontMatter,
    /// Effective front matter: the file's keys over the config's `defaults`.
    pub data: Map,
    /// Where each front-matter value is in the file.
    pub spans: SpanMap,
    /// Where the front matter and body are.
    pub layout: Layout,
    /// Typed content.
    pub content: Content,
    /// Title as written, else (authors) the person's name.
    pub title: Option<String>,
    /// The slug used by `:title`/`:slug` (front matter `slug`, else from the filename).
    pub slug: String,
    /// Categories as Jekyll merges them (`categories` then `category`).
    pub categories: Vec<String>,
    /// The document's date, and where it came from.
    pub date: Option<ResolvedDate>,
    /// Which source gave the date.
    pub date_source: DateSource,
    /// URL path (percent-encoded), as Jekyll computes it.
    pub url: String,
    /// Output file relative to the destination, when the collection is output.
    pub output: Option<String>,
    /// Built or not, and why.
    pub publication: Publication,
    /// Paths that redirect here.
    pub redirect_from: Vec<RedirectFrom>,
    /// Where this document redirects to (the first `redirect_to`), if anywhere.
    pub redirect_to: Option<String>,
}

impl Document {
    /// Whether Jekyll builds it now.
    pub fn is_published(&self) -> bool {
        self.publication == Publication::Published
    }

    /// The post fields of a post or event.
    pub fn post(&self) -> Option<&Post> {
        match &self.content {
            Content::Post(p) => Some(p),
            Content::Event(e) => Some(&e.post),
            _ => None,
        }
    }

    /// The event fields, for an event.
    pub fn event(&self) -> Option<&Event> {
        match &self.content {
            Content::Event(e) => Some(e),
            _ => None,
        }
    }

    /// The author fields, for an author.
    pub fn author(&self) -> Option<&Author> {
        match &self.content {
            Content::Author(a) => Some(a),
            _ => None,
        }
    }

    /// The body text, given the file's source.
    pub fn body<'s>(&self, source: &'s str) -> &'s str {
        source
            .get(self.layout.body.start..self.layout.body.end)
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn span_nodes_are_32_bytes_and_keep_their_spans() {
        assert_eq!(std::mem::size_of::<SpanNode>(), 32);
        for span in [
            FieldSpan {
                key: Some(Span::new(4, 9)),
                value: Span::new(11, 40),
            },
            FieldSpan {
                key: None,
                value: Span::new(0, 0),
            },
            FieldSpan {
                key: Some(Span::new(0, 0)),
                value: Span::new(u32::MAX as usize - 1, u32::MAX as usize - 1),
            },
        ] {
            assert_eq!(PackedSpan::pack(span).unpack(), span);
        }
    }

    /// Records a position by path, making missing ancestors with the same
    /// position: how the tests build maps without a YAML tree.
    fn insert(map: &mut SpanMap, path: KeyPath, span: FieldSpan) {
        let segments = path.segments();
        if segments.is_empty() {
            map.push(None, SpanStep::Root, span);
            return;
        }
        let mut parent = None;
        for (i, segment) in segments.iter().enumerate() {
            let found = map.find(&segments[..=i]);
            let last = i + 1 == segments.len();
            if last || found.is_none() {
                let step = match segment {
                    Segment::Key(k) => SpanStep::Key(k),
                    Segment::Index(n) => SpanStep::Index(*n),
                };
                parent = Some(map.push(parent, step, span));
            } else {
                parent = found;
            }
        }
    }

    fn at(n: usize) -> FieldSpan {
        FieldSpan {
            key: Some(Span::new(n, n + 1)),
            value: Span::new(n + 2, n + 3),
        }
    }

    #[test]
    fn top_level_lookups_find_one_key_paths_only() {
        let mut map = SpanMap::default();
        for (i, path) in ["", "title", "event.start", "redirect_from[1]", "event"]
            .into_iter()
            .enumerate()
        {
            insert(&mut map, KeyPath::parse(path), at(i * 10));
        }
        assert_eq!(map.value_span("title"), Some(at(10).value));
        assert_eq!(map.value_span("event"), Some(at(40).value));
        assert_eq!(map.value_span("start"), None);
        assert_eq!(
            map.value_span("redirect_from"),
            Some(at(30).value),
            "made on the way"
        );
        assert_eq!(map.value_span("event.start"), Some(at(20).value));
        assert_eq!(map.value_span("redirect_from[1]"), Some(at(30).value));
        assert_eq!(map.value_span("redirect_from[0]"), None);
        assert_eq!(map.get(&KeyPath::root()), Some(at(0)));
    }

    #[test]
    fn a_repeated_key_keeps_its_first_place_and_last_position() {
        // `a: {x: 1}`, `b: 2`, `a: {y: 3}`, as a YAML tree pushes them.
        let mut map = SpanMap::default();
        let root = map.push(None, SpanStep::Root, at(0));
        let a = map.push(Some(root), SpanStep::Key("a"), at(10));
        map.push(Some(a), SpanStep::Key("x"), at(20));
        map.push(Some(root), SpanStep::Key("b"), at(30));
        let a2 = map.push(Some(root), SpanStep::Key("a"), at(40));
        map.push(Some(a2), SpanStep::Key("y"), at(50));
        let listed: Vec<(String, FieldSpan)> = map
            .iter()
            .map(|e| (e.path().to_string(), e.span()))
            .collect();
        let expected: Vec<(String, FieldSpan)> = [
            ("", at(0)),
            ("a", at(40)),
            ("a.x", at(20)),
            ("b", at(30)),
            ("a.y", at(50)),
        ]
        .into_iter()
        .map(|(p, s)| (p.to_string(), s))
        .collect();
        assert_eq!(listed, expected);
        assert_eq!(map.value_span("a.x"), Some(at(20).value));
        assert_eq!(
            serde_json::to_value(&map).unwrap()["a"]["value"]["start"],
            serde_json::json!(42)
        );
    }

    fn segment() -> impl Strategy<Value = Segment> {
        prop_oneof![
            prop::sample::select(vec!["a", "b", "title", "x"]).prop_map(|k| Segment::Key(k.into())),
            (0usize..3).prop_map(Segment::Index),
        ]
    }

    proptest! {
        /// Repeats are found alike by the pairwise comparison of small
        /// maps and by the hashed search of large ones: against a set of
        /// (parent, step) built here, for maps on both sides of the line.
        #[test]
        fn repeats_are_found_whatever_the_size(
            pushes in prop::collection::vec((0usize..8, 0usize..12, any::<bool>()), 0..70)
        ) {
            let mut map = SpanMap::default();
            let mut ids = vec![map.push(None, SpanStep::Root, at(0))];
            let mut seen = std::collections::HashSet::new();
            let mut repeated = false;
            for (i, (parent, step, is_key)) in pushes.into_iter().enumerate() {
                let parent = ids[parent % ids.len()];
                let key = format!("k{step}");
                let step = if is_key { SpanStep::Key(&key) } else { SpanStep::Index(step) };
                // Top-level keys hang from the root, which names no parent.
                let slot = (if parent == ids[0] { None } else { Some(parent.0) }, format!("{step:?}"));
                repeated |= !seen.insert(slot);
                ids.push(map.push(Some(parent), step, at(i + 1)));
            }
            prop_assert_eq!(map.has_repeats(), repeated);
        }

        /// The flat tree answers as a map from path to position did: a
        /// later insert for a path wins, in the place of the first.
        #[test]
        fn answers_like_a_map_of_paths(paths in prop::collection::vec(prop::collection::vec(segment(), 0..4), 0..12)) {
            let mut map = SpanMap::default();
            let mut reference: indexmap::IndexMap<KeyPath, FieldSpan> = Default::default();
            for (i, segments) in paths.iter().enumerate() {
                let mut path = KeyPath::root();
                for s in segments {
                    path.push(s.clone());
                }
                insert(&mut map, path.clone(), at(i * 10));
                // Missing ancestors are made with the value's position.
                let mut prefix = KeyPath::root();
                for s in segments.iter().take(segments.len().saturating_sub(1)) {
                    prefix.push(s.clone());
                    if !prefix.is_root() {
                        reference.entry(prefix.clone()).or_insert(at(i * 10));
                    }
                }
                reference.insert(path, at(i * 10));
            }
            for (path, span) in &reference {
                prop_assert_eq!(map.get(path), Some(*span), "{}", path);
            }
            let listed: Vec<(KeyPath, FieldSpan)> = map.iter().map(|e| (e.path(), e.span())).collect();
            let expected: Vec<(KeyPath, FieldSpan)> =
                reference.iter().map(|(p, s)| (p.clone(), *s)).collect();
            prop_assert_eq!(listed, expected);
        }
    }
}
