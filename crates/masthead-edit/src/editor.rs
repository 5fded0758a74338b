//! The lossless front-matter editor.

use crate::render::{self, Quote};
use masthead_diagnostics::Span;
use masthead_model::{KeyPath, Map, Segment, Value};
use masthead_source::split::{Split, split};
use masthead_yaml::{Entry, Mapping, Node, NodeKind, ParseOptions, ScalarStyle};
use std::ops::Range;

/// Why an edit was refused. Nothing is changed when an edit fails.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EditError {
    /// The text has no closed `---` front matter to edit.
    #[error("the file has no front matter (no closing `---` line)")]
    NoFrontMatter,
    /// The front matter is not YAML masthead (and Jekyll) can read.
    #[error("the front matter is not valid YAML at byte {offset}: {message}")]
    Yaml {
        /// libyaml's message.
        message: String,
        /// Byte offset in the whole text.
        offset: usize,
    },
    /// The key path names nothing in the front matter.
    #[error("`{0}` is not in the front matter")]
    NotFound(String),
    /// The key is already set (adding or uncommenting it would repeat it).
    #[error("`{0}` is already set")]
    AlreadyExists(String),
    /// The edit needs a shape of YAML the editor does not rewrite.
    #[error("cannot edit `{path}`: {reason}")]
    Unsupported {
        /// The key path.
        path: String,
        /// What is in the way.
        reason: String,
    },
    /// Byte-range edits overlap or fall outside the text.
    #[error("the edits overlap or fall outside the text")]
    BadRange,
    /// The edited text did not read back as intended; it was not kept.
    #[error("the edit was not applied: {0}")]
    Rejected(String),
}

/// One byte-range replacement in a document's full text.
///
/// Every change the editor makes is a list of these, so a caller (a rule's
/// fix, a `--diff` preview) can show, combine or re-check them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The bytes replaced (empty for an insertion).
    pub range: Range<usize>,
    /// What replaces them.
    pub replacement: String,
}

impl Edit {
    /// Replaces `range` with `replacement`.
    pub fn new(range: Range<usize>, replacement: impl Into<String>) -> Self {
        Edit {
            range,
            replacement: replacement.into(),
        }
    }

    /// Applies non-overlapping edits to `text` (in any order).
    pub fn apply_all(text: &str, edits: &[Edit]) -> Result<String, EditError> {
        let mut sorted: Vec<&Edit> = edits.iter().collect();
        sorted.sort_by_key(|e| (e.range.start, e.range.end));
        let mut out = String::with_capacity(text.len() + 64);
        let mut at = 0;
        for e in sorted {
            if e.range.start < at
                || e.range.end < e.range.start
                || text.get(e.range.clone()).is_none()
            {
                return Err(EditError::BadRange);
            }
            out.push_str(&text[at..e.range.start]);
            out.push_str(&e.replacement);
            at = e.range.end;
        }
        out.push_str(&text[at..]);
        Ok(out)
    }
}

/// A planned change: its byte edits and the front matter it must produce.
///
/// [`FrontMatterEditor::apply`] applies the edits, re-parses the result and
/// keeps it only if every expected value reads back and nothing else in the
/// front matter or body changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The byte edits, non-overlapping.
    pub edits: Vec<Edit>,
    /// Each key path the change sets (`Some`) or removes (`None`).
    pub expect: Vec<(KeyPath, Option<Value>)>,
}

impl Change {
    /// A change whose only promise is the listed values; every other value
    /// of the front matter must stay the same.
    pub fn new(edits: Vec<Edit>, expect: Vec<(KeyPath, Option<Value>)>) -> Self {
        Change { edits, expect }
    }

    /// Whether the change edits nothing.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }
}

/// Where a value goes when a key is added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position<'a> {
    /// After the mapping's last key (before trailing comment lines).
    End,
    /// Right after the entry of this sibling key.
    After(&'a str),
}

#[derive(Clone, Debug)]
struct Parsed {
    yaml: Span,
    body: Span,
    root: Option<Node>,
    newline: &'static str,
}

/// Edits the front matter of one document's full text (fences, BOM and
/// body included), changing only the bytes each edit is about.
///
/// ```
/// use masthead_edit::FrontMatterEditor;
/// let text = "---\n# Remove the '#' to switch a key on. \ntitle: \"Old\"\n# video: \"\"\n---\nBody\n";
/// let mut ed = FrontMatterEditor::new(text)?;
/// ed.set_str("title", "Café: \"new\" #1")?;
/// ed.uncomment("video")?;
/// ed.set_str("video", "https://example.org/v")?;
/// assert_eq!(
///     ed.text(),
///     "---\n# Remove the '#' to switch a key on. \ntitle: \"Café: \\\"new\\\" #1\"\nvideo: \"https://example.org/v\"\n---\nBody\n"
/// );
/// # Ok::<(), masthead_edit::EditError>(())
/// ```
#[derive(Clone, Debug)]
pub struct FrontMatterEditor {
    text: String,
    parsed: Parsed,
}

fn parse(text: &str) -> Result<Parsed, EditError> {
    let Split::Closed {
        open, yaml, body, ..
    } = split(text)
    else {
        return Err(EditError::NoFrontMatter);
    };
    // Parsed from the opening fence, as the loader (and Jekyll) parse it:
    // the fence's `\s*` can take whole lines (a tab or a form feed there is
    // no YAML whitespace), and a lone `\r` ends a line for YAML but not for
    // the splitter, so a `---` after one starts a second document, which
    // is ignored.
    let doc = masthead_yaml::parse(&text[open.start..yaml.end], &ParseOptions::default()).map_err(
        |e| EditError::Yaml {
            message: e.message,
            offset: open.start + e.span.start,
        },
    )?;
    // A document with no content (`---` alone) reads as an empty plain
    // scalar: no root, as for an empty stream.
    let mut root = doc.into_root().filter(|r| {
        r.tag.is_some()
            || !matches!(&r.kind, NodeKind::Scalar(s) if s.text.is_empty() && s.style == ScalarStyle::Plain)
    });
    if let Some(r) = &mut root {
        r.shift(open.start);
    }
    let newline = if text[open.start..open.end].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    Ok(Parsed {
        yaml,
        body,
        root,
        newline,
    })
}

fn model(root: Option<&Node>) -> Value {
    match root.map(Node::to_value) {
        None | Some(Value::Null) => Value::from(Map::default()),
        Some(v) => v,
    }
}

impl FrontMatterEditor {
    /// Reads `text`; fails if it has no closed front matter or the front
    /// matter is not valid YAML.
    pub fn new(text: impl Into<String>) -> Result<Self, EditError> {
        let text = text.into();
        let parsed = parse(&text)?;
        Ok(FrontMatterEditor { text, parsed })
    }

    /// The current text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The current text, taken.
    pub fn into_text(self) -> String {
        self.text
    }

    /// The front matter as values (an empty map when there is none).
    pub fn value(&self) -> Value {
        model(self.parsed.root.as_ref())
    }

    /// The line break the document uses (`"\r\n"` or `"\n"`).
    pub fn newline(&self) -> &'static str {
        self.parsed.newline
    }

    /// Applies a planned change: the edits, then the check. On failure the
    /// text is left as it was.
    pub fn apply(&mut self, change: &Change) -> Result<(), EditError> {
        if change.edits.is_empty() {
            return Ok(());
        }
        let text = Edit::apply_all(&self.text, &change.edits)?;
        let parsed = parse(&text).map_err(|e| EditError::Rejected(e.to_string()))?;
        if parsed.yaml.start != self.parsed.yaml.start
            || text[parsed.body.start..] != self.text[self.parsed.body.start..]
        {
            return Err(EditError::Rejected(
                "the fences or the body would change".into(),
            ));
        }
        let mut expected = self.value();
        for (path, value) in &change.expect {
            if !put(&mut expected, path.segments(), value.clone()) {
                return Err(EditError::Rejected(format!(
                    "`{path}` has no place in the front matter"
                )));
            }
        }
        let actual = model(parsed.root.as_ref());
        if actual != expected {
            return Err(EditError::Rejected(
                "the front matter would not read back as intended".into(),
            ));
        }
        self.text = text;
        self.parsed = parsed;
        Ok(())
    }

    /// Sets the scalar at `path` (`title`, `event.start`,
    /// `redirect_from[1]`), adding the key at the end of its mapping if it
    /// is missing. Setting the value a key already has changes nothing.
    pub fn set(&mut self, path: &str, value: &Value) -> Result<(), EditError> {
        let change = self.plan_set(&KeyPath::parse(path), value)?;
        self.apply(&change)
    }

    /// [`set`](Self::set) with a string.
    pub fn set_str(&mut self, path: &str, value: &str) -> Result<(), EditError> {
        self.set(path, &Value::String(value.to_owned()))
    }

    /// Adds a key that is not set yet, at `position` in its mapping.
    pub fn insert(
        &mut self,
        path: &str,
        value: &Value,
        position: Position<'_>,
    ) -> Result<(), EditError> {
        let change = self.plan_insert(&KeyPath::parse(path), value, position)?;
        self.apply(&change)
    }

    /// Removes a key, every line of it (all occurrences of a repeated key).
    pub fn remove(&mut self, path: &str) -> Result<(), EditError> {
        let change = self.plan_remove(&KeyPath::parse(path), false)?;
        self.apply(&change)
    }

    /// Comments a key out, `# ` in front of each of its lines, as the house
    /// template does for optional keys.
    pub fn comment_out(&mut self, path: &str) -> Result<(), EditError> {
        let change = self.plan_remove(&KeyPath::parse(path), true)?;
        self.apply(&change)
    }

    /// Switches a commented-out key back on (the first commented occurrence,
    /// with its commented continuation lines such as `# - ` list items).
    pub fn uncomment(&mut self, path: &str) -> Result<(), EditError> {
        let change = self.plan_uncomment(&KeyPath::parse(path))?;
        self.apply(&change)
    }

    /// Appends a scalar to the list at `path` (`redirect_from`), as a new
    /// `- item` line in a block list or a new item before the `]` of a
    /// flow list.
    pub fn push(&mut self, path: &str, value: &Value) -> Result<(), EditError> {
        let change = self.plan_push(&KeyPath::parse(path), value)?;
        self.apply(&change)
    }

    /// Plans [`push`](Self::push).
    pub fn plan_push(&self, path: &KeyPath, value: &Value) -> Result<Change, EditError> {
        let name = path.to_string();
        let unsupported = |reason: &str| EditError::Unsupported {
            path: name.clone(),
            reason: reason.to_owned(),
        };
        let Some(node) = self.node(path) else {
            return Err(EditError::NotFound(name));
        };
        let Some(items) = node.as_sequence() else {
            return Err(unsupported("it is not a list"));
        };
        let expect = vec![(path.index(items.len()), Some(value.clone()))];
        let text = &self.text;
        if text[node.span.start..].starts_with('[') {
            let rendered = self.render(value, None, true, true, &name)?;
            let close = node.span.end.saturating_sub(1);
            if !text[close..].starts_with(']') {
                return Err(unsupported("its `]` was not found"));
            }
            let sep = if items.is_empty() { "" } else { ", " };
            return Ok(Change::new(
                vec![Edit::new(close..close, format!("{sep}{rendered}"))],
                expect,
            ));
        }
        let Some(last) = items.last() else {
            return Err(unsupported("the list is empty"));
        };
        let rendered = self.render(value, None, false, true, &name)?;
        let line = line_start(text, last.span.start);
        let lead = &text[line..last.span.start];
        let indent = lead.bytes().take_while(|b| *b == b' ').count();
        if !lead[indent..].starts_with('-') || last.as_scalar().is_none() {
            return Err(unsupported("its last item is not a `- value` line"));
        }
        let end = line_end(text, content_end(text, last).max(last.span.start + 1) - 1);
        let nl = self.parsed.newline;
        let prefix = if text[..end].ends_with('\n') { "" } else { nl };
        Ok(Change::new(
            vec![Edit::new(
                end..end,
                format!("{prefix}{}- {rendered}{nl}", " ".repeat(indent)),
            )],
            expect,
        ))
    }

    /// Plans [`set`](Self::set).
    pub fn plan_set(&self, path: &KeyPath, value: &Value) -> Result<Change, EditError> {
        let name = path.to_string();
        let unsupported = |reason: &str| EditError::Unsupported {
            path: name.clone(),
            reason: reason.to_owned(),
        };
        if matches!(value, Value::List(_) | Value::Map(_)) {
            return Err(unsupported("only scalar values can be written"));
        }
        let Some((parent_path, last)) = split_last(path) else {
            return Err(unsupported("the root is not a scalar"));
        };
        let Some(parent) = self.node(&parent_path) else {
            if parent_path.is_root() {
                return self.plan_insert(path, value, Position::End);
            }
            return Err(EditError::NotFound(parent_path.to_string()));
        };
        let expect = vec![(path.clone(), Some(value.clone()))];
        let text = &self.text;
        let in_flow = text[parent.span.start..].starts_with(['[', '{']);
        match (last, &parent.kind) {
            (Segment::Key(k), NodeKind::Mapping(m)) => {
                let Some(entry) = m.get_entry(k) else {
                    return self.plan_insert(path, value, Position::End);
                };
                if entry.value.to_value() == *value {
                    return Ok(Change::new(Vec::new(), expect));
                }
                let edit = match &entry.value.kind {
                    NodeKind::Scalar(_) => {
                        self.scalar_edit(&entry.value, value, in_flow, false, &name)?
                    }
                    _ => {
                        // A list or map replaced by a scalar: everything after
                        // the colon up to the end of the entry.
                        if in_flow {
                            return Err(unsupported("a list or map inside `[...]`/`{...}`"));
                        }
                        let colon = self.colon_after(entry.key.span.end, &name)?;
                        let (_, end) = self.entry_lines(entry, &name)?;
                        let end = strip_newline(text, end);
                        let rendered = self.render(value, None, false, false, &name)?;
                        Edit::new(colon + 1..end, format!(" {rendered}"))
                    }
                };
                Ok(Change::new(vec![edit], expect))
            }
            (Segment::Index(i), NodeKind::Sequence(items)) => {
                let Some(item) = items.get(*i) else {
                    return Err(EditError::NotFound(name));
                };
                if item.to_value() == *value {
                    return Ok(Change::new(Vec::new(), expect));
                }
                if item.as_scalar().is_none() {
                    return Err(unsupported("the list item is not a scalar"));
                }
                let edit = self.scalar_edit(item, value, in_flow, true, &name)?;
                Ok(Change::new(vec![edit], expect))
            }
            _ => Err(EditError::NotFound(name)),
        }
    }

    /// Plans [`insert`](Self::insert).
    pub fn plan_insert(
        &self,
        path: &KeyPath,
        value: &Value,
        position: Position<'_>,
    ) -> Result<Change, EditError> {
        let name = path.to_string();
        let unsupported = |reason: &str| EditError::Unsupported {
            path: name.clone(),
            reason: reason.to_owned(),
        };
        let Some((parent_path, Segment::Key(key))) = split_last(path) else {
            return Err(unsupported("only mapping keys can be added"));
        };
        let nl = self.parsed.newline;
        let rendered = self.render(value, None, false, false, &name)?;
        let expect = vec![(path.clone(), Some(value.clone()))];
        let line =
            |indent: usize| format!("{}{}: {rendered}{nl}", " ".repeat(indent), render::key(key));
        let parent = self.node(&parent_path);
        let (parent, mapping) = match parent.map(|p| (p, &p.kind)) {
            Some((p, NodeKind::Mapping(m))) => (p, m),
            None if parent_path.is_root() => {
                // No keys yet: the first line of the front matter.
                let at = self.parsed.yaml.end;
                return Ok(Change::new(vec![Edit::new(at..at, line(0))], expect));
            }
            None => return Err(EditError::NotFound(parent_path.to_string())),
            Some(_) => return Err(unsupported("its parent is not a mapping")),
        };
        if mapping.get_entry(key).is_some() {
            return Err(EditError::AlreadyExists(name));
        }
        if self.text[parent.span.start..].starts_with('{') {
            return Err(unsupported("its mapping is written `{...}`"));
        }
        let anchor = match position {
            Position::End => mapping.entries.last(),
            Position::After(sibling) => Some(
                mapping
                    .get_entry(sibling)
                    .ok_or_else(|| EditError::NotFound(parent_path.key(sibling).to_string()))?,
            ),
        };
        let Some(anchor) = anchor else {
            return Err(unsupported("its mapping is empty"));
        };
        let indent = self.indent_of(&anchor.key, &name)?;
        let (_, end) = self.entry_lines(anchor, &name)?;
        // A last line without a line break (cannot happen before a fence, but
        // stay safe): add one first.
        let prefix = if self.text[..end].ends_with('\n') {
            ""
        } else {
            nl
        };
        Ok(Change::new(
            vec![Edit::new(end..end, format!("{prefix}{}", line(indent)))],
            expect,
        ))
    }

    /// Plans [`remove`](Self::remove) (`comment: false`) or
    /// [`comment_out`](Self::comment_out) (`comment: true`).
    pub fn plan_remove(&self, path: &KeyPath, comment: bool) -> Result<Change, EditError> {
        let name = path.to_string();
        let Some((parent_path, Segment::Key(key))) = split_last(path) else {
            return Err(EditError::Unsupported {
                path: name,
                reason: "only mapping keys can be removed or commented out".into(),
            });
        };
        let Some(NodeKind::Mapping(mapping)) = self.node(&parent_path).map(|p| &p.kind) else {
            return Err(EditError::NotFound(name));
        };
        let entries: Vec<&Entry> = mapping
            .entries
            .iter()
            .filter(|e| e.key_text() == *key)
            .collect();
        if entries.is_empty() {
            return Err(EditError::NotFound(name));
        }
        let mut edits = Vec::new();
        for entry in &entries {
            let (start, end) = self.entry_lines(entry, &name)?;
            if comment {
                let indent = self.indent_of(&entry.key, &name)?;
                let mut at = start;
                while at < end {
                    let lead = self.text[at..end]
                        .bytes()
                        .take_while(|b| *b == b' ')
                        .count();
                    let col = at + lead.min(indent);
                    edits.push(Edit::new(col..col, "# "));
                    at = line_end(&self.text, at);
                }
            } else {
                edits.push(Edit::new(start..end, ""));
            }
        }
        let expect = if mapping_emptied(mapping, key) && !parent_path.is_root() {
            vec![(parent_path, Some(Value::Null))]
        } else {
            vec![(path.clone(), None)]
        };
        Ok(Change::new(edits, expect))
    }

    /// Plans [`uncomment`](Self::uncomment).
    pub fn plan_uncomment(&self, path: &KeyPath) -> Result<Change, EditError> {
        let name = path.to_string();
        let Some((parent_path, Segment::Key(key))) = split_last(path) else {
            return Err(EditError::Unsupported {
                path: name,
                reason: "only mapping keys can be uncommented".into(),
            });
        };
        let text = &self.text;
        // The lines to search and the indentation the key must have.
        let (mut at, limit, indent) = if parent_path.is_root() {
            let indent = match self.parsed.root.as_ref().map(|r| &r.kind) {
                Some(NodeKind::Mapping(m)) if let Some(first) = m.entries.first() => {
                    self.indent_of(&first.key, &name)?
                }
                _ => 0,
            };
            (self.parsed.yaml.start, self.parsed.yaml.end, indent)
        } else {
            let (gp, Segment::Key(pk)) = split_last(&parent_path)
                .ok_or_else(|| EditError::NotFound(parent_path.to_string()))?
            else {
                return Err(EditError::NotFound(parent_path.to_string()));
            };
            let Some(entry) = self
                .node(&gp)
                .and_then(|g| g.as_mapping())
                .and_then(|m| m.get_entry(pk))
            else {
                return Err(EditError::NotFound(parent_path.to_string()));
            };
            let indent = match &entry.value.kind {
                NodeKind::Mapping(m) if let Some(first) = m.entries.first() => {
                    self.indent_of(&first.key, &name)?
                }
                _ => self.indent_of(&entry.key, &name)? + 2,
            };
            let start = line_end(text, entry.key.span.start);
            // Down to the first line that is neither blank, a comment, nor
            // indented under the parent.
            let mut end = start;
            while end < self.parsed.yaml.end {
                let l = &text[end..line_end(text, end)];
                let trimmed = l.trim_start_matches(' ');
                let lead = l.len() - trimmed.len();
                if !(trimmed.trim().is_empty() || trimmed.starts_with('#') || lead >= indent) {
                    break;
                }
                end = line_end(text, end);
            }
            (start, end, indent)
        };
        if self
            .node(&parent_path)
            .and_then(|p| p.as_mapping())
            .is_some_and(|m| m.get_entry(key).is_some())
        {
            return Err(EditError::AlreadyExists(name));
        }
        while at < limit {
            let next = line_end(text, at);
            if let Some(line) = uncommented(&text[at..next], indent)
                && key_of_line(&line, indent) == Some(key.as_str())
            {
                let mut edits = vec![uncomment_edit(text, at, next)];
                let mut restored = line;
                let mut cont = next;
                // Commented comments inside the entry (`#   # note`) count
                // only when more of the entry follows them.
                let mut pending: Vec<(Edit, String)> = Vec::new();
                while cont < limit {
                    let cont_end = line_end(text, cont);
                    match uncommented(&text[cont..cont_end], 0) {
                        Some(l) if continues(&l, indent) => {
                            for (e, l) in pending.drain(..) {
                                edits.push(e);
                                restored.push_str(&l);
                            }
                            edits.push(uncomment_edit(text, cont, cont_end));
                            restored.push_str(&l);
                        }
                        Some(l) if inner_comment(&l, indent) => {
                            pending.push((uncomment_edit(text, cont, cont_end), l));
                        }
                        _ => break,
                    }
                    cont = cont_end;
                }
                // A quoted value whose lines ran on in column 1 (the seeds'
                // multi-line excerpt) only ends where its quote closes: take
                // further commented lines while the entry does not parse.
                while parse_entry(&restored, key).is_none() && pending.is_empty() && cont < limit {
                    let cont_end = line_end(text, cont);
                    let Some(l) = uncommented(&text[cont..cont_end], 0) else {
                        break;
                    };
                    edits.push(uncomment_edit(text, cont, cont_end));
                    restored.push_str(&l);
                    cont = cont_end;
                }
                let value = parse_entry(&restored, key).ok_or_else(|| {
                    EditError::Rejected(format!("the commented `{name}` is not valid YAML"))
                })?;
                return Ok(Change::new(edits, vec![(path.clone(), Some(value))]));
            }
            at = next;
        }
        Err(EditError::NotFound(name))
    }

    fn node(&self, path: &KeyPath) -> Option<&Node> {
        match &self.parsed.root {
            Some(root) => root.at(path),
            None => None,
        }
    }

    /// The quoting a new or replaced string gets: the replaced scalar's own
    /// style when it was a string, else the file's habit.
    fn render(
        &self,
        value: &Value,
        old: Option<&Node>,
        in_flow: bool,
        list_item: bool,
        name: &str,
    ) -> Result<String, EditError> {
        let quote = match old {
            Some(n) if n.as_str().is_some() => {
                Quote::from_style(n.as_scalar().map_or(ScalarStyle::Plain, |s| s.style))
            }
            _ => self.house_quote(list_item),
        };
        // A plain date replaced by a date stays plain: Jekyll reads both as
        // times, and quoting would turn the new one into a string.
        if let (Some(old), Value::String(new)) = (old.and_then(Node::as_scalar), value)
            && old.style == ScalarStyle::Plain
            && render::looks_like_date(&old.text)
            && render::looks_like_date(new)
            && !in_flow
            && render::reads_back_as(new, value)
        {
            return Ok(new.clone());
        }
        let text = render::scalar(value, quote, in_flow).ok_or_else(|| EditError::Unsupported {
            path: name.to_owned(),
            reason: "only scalar values can be written".into(),
        })?;
        if !in_flow && !render::reads_back_as(&text, value) {
            return Err(EditError::Rejected(format!(
                "`{name}` would not read back as the value given"
            )));
        }
        Ok(text)
    }

    /// Double quotes when the file writes more strings double-quoted than
    /// plain, counting list items and mapping values apart (the house
    /// template quotes titles but not category slugs).
    fn house_quote(&self, list_item: bool) -> Quote {
        let (mut quoted, mut plain) = (0usize, 0usize);
        if let Some(root) = &self.parsed.root {
            count_styles(root, list_item, false, &mut quoted, &mut plain);
        }
        if quoted > plain {
            Quote::Double
        } else {
            Quote::PreferPlain
        }
    }

    fn scalar_edit(
        &self,
        node: &Node,
        value: &Value,
        in_flow: bool,
        list_item: bool,
        name: &str,
    ) -> Result<Edit, EditError> {
        let rendered = self.render(value, Some(node), in_flow, list_item, name)?;
        if node.span.start < node.span.end {
            return Ok(Edit::new(node.span.start..node.span.end, rendered));
        }
        // An empty (null) scalar sits right after its `:` or `-`.
        let at = node.span.start;
        let rest = &self.text[at..line_end(&self.text, at)];
        let spaces = rest
            .bytes()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        if rest[spaces..].trim().is_empty() {
            Ok(Edit::new(at..at + spaces, format!(" {rendered}")))
        } else {
            Ok(Edit::new(at..at, format!(" {rendered}")))
        }
    }

    fn colon_after(&self, key_end: usize, name: &str) -> Result<usize, EditError> {
        let rest = &self.text[key_end..];
        let skip = rest
            .bytes()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        if rest[skip..].starts_with(':') {
            Ok(key_end + skip)
        } else {
            Err(EditError::Unsupported {
                path: name.to_owned(),
                reason: "its key is not followed by `:`".into(),
            })
        }
    }

    /// The key's column, when it is the first thing on its line.
    fn indent_of(&self, key: &Node, name: &str) -> Result<usize, EditError> {
        let start = line_start(&self.text, key.span.start);
        let lead = &self.text[start..key.span.start];
        if lead.bytes().all(|b| b == b' ') {
            Ok(lead.len())
        } else {
            Err(EditError::Unsupported {
                path: name.to_owned(),
                reason: "its key does not start its line".into(),
            })
        }
    }

    /// The byte range of the whole lines an entry occupies: from its key's
    /// line to the last line of its value, comment and blank lines after it
    /// excluded.
    fn entry_lines(&self, entry: &Entry, name: &str) -> Result<(usize, usize), EditError> {
        let text = &self.text;
        let indent = self.indent_of(&entry.key, name)?;
        let start = line_start(text, entry.key.span.start);
        let mut last = entry.key.span.end.max(content_end(text, &entry.value));
        let is_seq = matches!(entry.value.kind, NodeKind::Sequence(_));
        let mut at = line_end(text, entry.key.span.start);
        while at < self.parsed.yaml.end {
            let next = line_end(text, at);
            let l = &text[at..next];
            let trimmed = l.trim_start_matches(' ');
            let lead = l.len() - trimmed.len();
            let body = trimmed.trim_end();
            if body.is_empty() || body.starts_with('#') {
                at = next;
                continue;
            }
            let belongs = lead > indent
                || (lead == indent
                    && is_seq
                    && (body == "-" || body.starts_with("- ") || body.starts_with("-\t")));
            if belongs || at < last {
                last = last.max(at + l.trim_end().len().max(1));
                at = next;
                continue;
            }
            break;
        }
        Ok((start, line_end(text, last.saturating_sub(1).max(start))))
    }
}

fn split_last(path: &KeyPath) -> Option<(KeyPath, &Segment)> {
    let segs = path.segments();
    let (last, rest) = segs.split_last()?;
    let mut parent = KeyPath::root();
    for s in rest {
        parent = match s {
            Segment::Key(k) => parent.key(k.clone()),
            Segment::Index(i) => parent.index(*i),
        };
    }
    Some((parent, last))
}

/// Sets (`Some`) or removes (`None`) the value at `segs` in `root`.
fn put(root: &mut Value, segs: &[Segment], value: Option<Value>) -> bool {
    let Some((last, rest)) = segs.split_last() else {
        return false;
    };
    let mut node = root;
    for s in rest {
        node = match (s, node) {
            (Segment::Key(k), Value::Map(m)) => match m.get_mut(k) {
                Some(v) => v,
                None => return false,
            },
            (Segment::Index(i), Value::List(l)) => match l.get_mut(*i) {
                Some(v) => v,
                None => return false,
            },
            _ => return false,
        };
    }
    match (last, node, value) {
        (Segment::Key(k), Value::Map(m), Some(v)) => {
            m.insert(k.clone(), v);
            true
        }
        (Segment::Key(k), Value::Map(m), None) => m.shift_remove(k).is_some(),
        (Segment::Index(i), Value::List(l), Some(v)) if *i < l.len() => {
            if let Some(slot) = l.get_mut(*i) {
                *slot = v;
            }
            true
        }
        (Segment::Index(i), Value::List(l), Some(v)) if *i == l.len() => {
            l.push(v);
            true
        }
        _ => false,
    }
}

/// Whether removing every entry named `key` leaves the mapping empty.
fn mapping_emptied(m: &Mapping, key: &str) -> bool {
    m.entries.iter().all(|e| e.key_text() == key)
}

/// Counts the string scalars written double-quoted and plain, among list
/// items (`list_items`) or among mapping values.
fn count_styles(
    node: &Node,
    list_items: bool,
    is_item: bool,
    quoted: &mut usize,
    plain: &mut usize,
) {
    match &node.kind {
        NodeKind::Scalar(s) => {
            if node.as_str().is_some() && is_item == list_items {
                match s.style {
                    ScalarStyle::DoubleQuoted => *quoted += 1,
                    ScalarStyle::Plain => *plain += 1,
                    _ => {}
                }
            }
        }
        NodeKind::Sequence(items) => items
            .iter()
            .for_each(|n| count_styles(n, list_items, true, quoted, plain)),
        NodeKind::Mapping(m) => m
            .entries
            .iter()
            .for_each(|e| count_styles(&e.value, list_items, false, quoted, plain)),
    }
}

/// The end of the last byte of content in a value: non-empty scalars and
/// flow collections have exact spans; block collections' spans run on over
/// trailing comments, so they are measured by their contents.
fn content_end(text: &str, node: &Node) -> usize {
    match &node.kind {
        NodeKind::Scalar(s) => match s.style {
            ScalarStyle::Literal | ScalarStyle::Folded => {
                node.span.start + text[node.span.start..node.span.end].trim_end().len()
            }
            _ => node.span.end,
        },
        _ if text[node.span.start..].starts_with(['[', '{']) => node.span.end,
        NodeKind::Sequence(items) => items
            .iter()
            .map(|n| content_end(text, n))
            .max()
            .unwrap_or(node.span.start),
        NodeKind::Mapping(m) => m
            .entries
            .iter()
            .map(|e| e.key.span.end.max(content_end(text, &e.value)))
            .max()
            .unwrap_or(node.span.start),
    }
}

fn line_start(text: &str, at: usize) -> usize {
    // Past the end: the whole text, as for an `at` at its end.
    let before = text.as_bytes().get(..at).unwrap_or(text.as_bytes());
    before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1)
}

/// The end of the line holding byte `at`, its line break included.
fn line_end(text: &str, at: usize) -> usize {
    // Bytes, not chars: `at` may fall inside a character.
    // Past the end: nothing left, so the end of the text.
    let after = text.as_bytes().get(at..).unwrap_or_default();
    after
        .iter()
        .position(|b| *b == b'\n')
        .map_or(text.len(), |i| at + i + 1)
}

fn strip_newline(text: &str, end: usize) -> usize {
    let t = &text[..end];
    let t = t.strip_suffix('\n').unwrap_or(t);
    t.strip_suffix('\r').unwrap_or(t).len()
}

/// A comment line with its `#` (and one space after it) removed, when the
/// `#` is at or after column `min_indent` and only spaces precede it.
fn uncommented(line: &str, min_indent: usize) -> Option<String> {
    let lead = line.bytes().take_while(|b| *b == b' ').count();
    if lead < min_indent || !line[lead..].starts_with('#') {
        return None;
    }
    let rest = &line[lead + 1..];
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    Some(format!("{}{rest}", &line[..lead]))
}

fn uncomment_edit(text: &str, start: usize, end: usize) -> Edit {
    let line = &text[start..end];
    let hash = start + line.bytes().take_while(|b| *b == b' ').count();
    let len = if text[hash + 1..].starts_with(' ') {
        2
    } else {
        1
    };
    Edit::new(hash..hash + len, "")
}

/// The key of `key: …` written at exactly column `indent`.
fn key_of_line(line: &str, indent: usize) -> Option<&str> {
    let lead = line.bytes().take_while(|b| *b == b' ').count();
    if lead != indent {
        return None;
    }
    let rest = &line[lead..];
    let colon = rest.find(':')?;
    let after = &rest[colon + 1..];
    if !(after.is_empty() || after.starts_with([' ', '\t', '\r', '\n'])) {
        return None;
    }
    let key = &rest[..colon];
    (!key.is_empty() && !key.starts_with(['#', '-', '"', '\'']) && !key.ends_with(' '))
        .then_some(key)
}

/// Whether an uncommented line continues an entry keyed at `indent`.
fn continues(line: &str, indent: usize) -> bool {
    let trimmed = line.trim_start_matches(' ');
    let lead = line.len() - trimmed.len();
    let body = trimmed.trim_end();
    !body.is_empty()
        && !body.starts_with('#')
        && (lead > indent
            || (lead == indent
                && (body == "-" || body.starts_with("- ") || body.starts_with("-\t"))))
}

/// Whether an uncommented line is a comment indented under an entry keyed at `indent`.
fn inner_comment(line: &str, indent: usize) -> bool {
    let trimmed = line.trim_start_matches(' ');
    line.len() - trimmed.len() > indent && trimmed.starts_with('#')
}

fn parse_entry(lines: &str, key: &str) -> Option<Value> {
    let doc = masthead_yaml::parse(lines, &ParseOptions::default()).ok()?;
    doc.root()?.as_mapping()?.get(key).map(Node::to_value)
}
