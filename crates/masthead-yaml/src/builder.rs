//! Builds a [`Node`] tree from libyaml events, iteratively (no recursion, so
//! deep nesting cannot overflow the stack) and within the configured limits.

use crate::libyaml::{Event, Mark, ParseError, Parser, Style};
use crate::{
    Document, Entry, Mapping, Node, NodeKind, ParseOptions, Scalar, ScalarStyle, YamlError,
    YamlErrorKind,
};
use masthead_diagnostics::Span;
use std::collections::HashMap;

/// A collection being filled.
enum Open {
    Sequence {
        items: Vec<Node>,
        start: usize,
        tag: Option<String>,
        anchor: Option<String>,
    },
    Mapping {
        entries: Vec<Entry>,
        pending_key: Option<Node>,
        start: usize,
        tag: Option<String>,
        anchor: Option<String>,
    },
}

struct Builder<'o> {
    options: &'o ParseOptions,
    stack: Vec<Open>,
    anchors: HashMap<String, Node>,
    nodes: usize,
    root: Option<Node>,
}

pub(crate) fn build(text: &str, options: &ParseOptions) -> Result<Document, YamlError> {
    let mut parser = Parser::new(text);
    let mut b = Builder {
        options,
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        root: None,
    };
    let mut documents = 0usize;
    loop {
        let (event, start, end) = parser.next_event().map_err(syntax_error)?;
        match event {
            Event::StreamStart => {}
            Event::StreamEnd => break,
            Event::DocumentStart => documents += 1,
            // Psych's safe_load keeps the first document only.
            Event::DocumentEnd if documents >= 1 => break,
            Event::DocumentEnd => {}
            Event::Alias { anchor } => {
                let Some(target) = b.anchors.get(&anchor).cloned() else {
                    return Err(YamlError {
                        message: format!(
                            "unknown alias `*{anchor}`: no anchor `&{anchor}` before it"
                        ),
                        span: Span::new(start.index, end.index),
                        context: None,
                        kind: YamlErrorKind::UnknownAnchor,
                    });
                };
                b.count(count_nodes(&target), start)?;
                let mut node = target;
                node.span = Span::new(start.index, end.index);
                b.push_node(node, None);
            }
            Event::Scalar {
                anchor,
                tag,
                value,
                style,
            } => {
                b.count(1, start)?;
                let node = Node {
                    kind: NodeKind::Scalar(Scalar {
                        text: value,
                        style: convert_style(style),
                    }),
                    span: Span::new(start.index, end.index),
                    tag: tag.filter(|t| t != "!"),
                };
                b.push_node(node, anchor);
            }
            Event::SequenceStart { anchor, tag } => {
                b.count(1, start)?;
                b.open(start)?;
                b.stack.push(Open::Sequence {
                    items: Vec::new(),
                    start: start.index,
                    tag,
                    anchor,
                });
            }
            Event::MappingStart { anchor, tag } => {
                b.count(1, start)?;
                b.open(start)?;
                b.stack.push(Open::Mapping {
                    entries: Vec::new(),
                    pending_key: None,
                    start: start.index,
                    tag,
                    anchor,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node_and_anchor = match b.stack.pop() {
                    Some(Open::Sequence {
                        items,
                        start,
                        tag,
                        anchor,
                    }) => (
                        Node {
                            kind: NodeKind::Sequence(items),
                            span: Span::new(start, end.index),
                            tag,
                        },
                        anchor,
                    ),
                    Some(Open::Mapping {
                        entries,
                        start,
                        tag,
                        anchor,
                        ..
                    }) => (
                        Node {
                            kind: NodeKind::Mapping(merge_keys(Mapping { entries })),
                            span: Span::new(start, end.index),
                            tag,
                        },
                        anchor,
                    ),
                    // libyaml never ends a collection it did not start.
                    None => continue,
                };
                b.push_node(node_and_anchor.0, node_and_anchor.1);
            }
        }
    }
    Ok(Document { root: b.root })
}

impl Builder<'_> {
    fn count(&mut self, n: usize, at: Mark) -> Result<(), YamlError> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > self.options.max_nodes {
            return Err(YamlError {
                message: format!(
                    "this YAML expands to more than {} values (aliases included); masthead stops here",
                    self.options.max_nodes
                ),
                span: Span::point(at.index),
                context: None,
                kind: YamlErrorKind::TooLarge,
            });
        }
        Ok(())
    }

    fn open(&self, at: Mark) -> Result<(), YamlError> {
        if self.stack.len() >= self.options.max_depth {
            return Err(YamlError {
                message: format!(
                    "lists and mappings are nested more than {} levels deep; masthead stops here",
                    self.options.max_depth
                ),
                span: Span::point(at.index),
                context: None,
                kind: YamlErrorKind::TooDeep,
            });
        }
        Ok(())
    }

    fn push_node(&mut self, node: Node, anchor: Option<String>) {
        if let Some(anchor) = anchor {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Open::Sequence { items, .. }) => items.push(node),
            Some(Open::Mapping {
                entries,
                pending_key,
                ..
            }) => match pending_key.take() {
                None => *pending_key = Some(node),
                Some(key) => entries.push(Entry { key, value: node }),
            },
        }
    }
}

/// Psych applies YAML merge keys (`<<: *defaults`): the merged mapping's
/// entries come first, so keys written in this mapping win.
fn merge_keys(mapping: Mapping) -> Mapping {
    if !mapping
        .entries
        .iter()
        .any(|e| matches!(&e.key.kind, NodeKind::Scalar(s) if s.text == "<<" && s.style == ScalarStyle::Plain))
    {
        return mapping;
    }
    let mut merged = Vec::new();
    let mut own = Vec::new();
    for entry in mapping.entries {
        let is_merge = matches!(&entry.key.kind, NodeKind::Scalar(s) if s.text == "<<" && s.style == ScalarStyle::Plain);
        if !is_merge {
            own.push(entry);
            continue;
        }
        match entry.value.kind {
            NodeKind::Mapping(m) => merged.extend(m.entries),
            NodeKind::Sequence(items) => {
                for item in items {
                    if let NodeKind::Mapping(m) = item.kind {
                        merged.extend(m.entries);
                    }
                }
            }
            // Psych keeps a `<<` whose value is not a mapping as an ordinary key.
            NodeKind::Scalar(_) => own.push(entry),
        }
    }
    merged.extend(own);
    Mapping { entries: merged }
}

fn count_nodes(node: &Node) -> usize {
    let mut count = 0usize;
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        count += 1;
        match &n.kind {
            NodeKind::Scalar(_) => {}
            NodeKind::Sequence(items) => stack.extend(items.iter()),
            NodeKind::Mapping(m) => {
                for e in &m.entries {
                    stack.push(&e.key);
                    stack.push(&e.value);
                }
            }
        }
    }
    count
}

fn convert_style(style: Style) -> ScalarStyle {
    match style {
        Style::Plain => ScalarStyle::Plain,
        Style::SingleQuoted => ScalarStyle::SingleQuoted,
        Style::DoubleQuoted => ScalarStyle::DoubleQuoted,
        Style::Literal => ScalarStyle::Literal,
        Style::Folded => ScalarStyle::Folded,
    }
}

fn syntax_error(e: ParseError) -> YamlError {
    YamlError {
        message: e.problem,
        span: Span::point(e.problem_mark.index),
        context: e
            .context
            .map(|(text, mark)| (text, Span::point(mark.index))),
        kind: YamlErrorKind::Syntax,
    }
}
