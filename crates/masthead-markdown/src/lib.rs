//! Markdown for masthead: the facts rules need about a document's body —
//! its links, images, headings, kramdown leftovers and raw HTML — each with
//! the exact byte range it occupies in the body.
//!
//! The body is parsed as CommonMark with the GitHub extensions (tables,
//! strikethrough, autolinks, task lists, footnotes), by
//! [comrak](https://docs.rs/comrak). No comrak type appears in this API, so
//! the parser can be upgraded without breaking callers. Nothing here
//! renders HTML.
//!
//! Spans are byte ranges into the text given to [`analyze`]; a caller that
//! analysed a document's body adds the body's offset in the file to get
//! file positions. They come from comrak's line/column positions, checked
//! against the source and corrected where comrak is known to misplace
//! things: after an escaped `\|` in a table cell, in a paragraph that
//! starts with reference definitions, and after a link whose destination or
//! title continues on the next line. Every span is a valid range on
//! character boundaries, whatever the input.
//!
//! ```
//! use masthead_markdown::{analyze, KramdownKind, LinkKind};
//!
//! let body = "## Join us – “Pride”\n\nSign up on [the events page](/events/) {:.warning-text}\n";
//! let facts = analyze(body);
//!
//! let link = &facts.links[0];
//! assert_eq!(link.url, "/events/");
//! assert_eq!(link.kind, LinkKind::Inline);
//! assert_eq!(&body[link.span.clone()], "[the events page](/events/)");
//! assert_eq!(link.url_span.clone().map(|s| &body[s]), Some("/events/"));
//!
//! assert_eq!(facts.headings[0].level, 2);
//! assert_eq!(facts.headings[0].text, "Join us – “Pride”");
//!
//! let marker = &facts.kramdown[0];
//! assert_eq!(marker.kind, KramdownKind::AttributeList);
//! assert_eq!(&body[marker.span.clone()], "{:.warning-text}");
//! ```

#![deny(clippy::print_stdout, clippy::print_stderr)]

mod lines;
mod syntax;

use comrak::nodes::{AstNode, NodeHeading, NodeValue};
use comrak::{Arena, Options, parse_document};
use lines::Lines;
use std::collections::HashMap;
use std::ops::Range;

/// Everything [`analyze`] found in a body, each list in source order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct BodyFacts {
    /// Links: inline, reference and autolinks.
    pub links: Vec<Link>,
    /// Images written in Markdown (`![alt](src)`); `<img>` tags are in
    /// [`BodyFacts::raw_html`].
    pub images: Vec<Image>,
    /// Headings, ATX (`## Title`) and setext (underlined).
    pub headings: Vec<Heading>,
    /// Kramdown syntax that CommonMark shows as literal text.
    pub kramdown: Vec<Kramdown>,
    /// Raw HTML, inline and block, comments included.
    pub raw_html: Vec<RawHtml>,
}

/// Which form a link is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LinkKind {
    /// `[text](destination "title")`.
    Inline,
    /// `[text][label]`, `[text][]` or `[text]`, with a definition
    /// `[label]: destination` elsewhere.
    Reference,
    /// `<https://example.org>`, `<name@example.org>`, or a bare
    /// `https://…` / `www.…` address (GitHub's extended autolinks).
    Autolink,
}

/// A link.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Link {
    /// The destination as written, with Markdown's backslash escapes and
    /// entities resolved; not percent-decoded or resolved against the site.
    /// Autolinks get the scheme comrak adds: `mailto:` for an e-mail
    /// address, `http://` for a `www.` address.
    pub url: String,
    /// The link text as plain text (markup dropped).
    pub text: String,
    /// The whole link, brackets and destination included.
    pub span: Range<usize>,
    /// Where the destination is written: inside the parentheses (and any
    /// `<...>`) of an inline link, in the definition of a reference link,
    /// the address of an autolink. `None` when it cannot be found (a
    /// definition spread over lines, say).
    pub url_span: Option<Range<usize>>,
    /// The form it is written in.
    pub kind: LinkKind,
}

/// An image.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Image {
    /// The source as written (escapes and entities resolved).
    pub url: String,
    /// The alternative text as plain text; empty for `![](src)`.
    pub alt: String,
    /// The whole image, `![` to the closing `)` or `]`.
    pub span: Range<usize>,
    /// Where the source is written, as for [`Link::url_span`].
    pub url_span: Option<Range<usize>>,
}

/// A heading.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Heading {
    /// 1 to 6 (setext headings are 1 or 2).
    pub level: u8,
    /// The heading text as plain text.
    pub text: String,
    /// From the first `#` (or the first character of a setext heading's
    /// text) to the end of its last line (the underline, for setext).
    pub span: Range<usize>,
    /// Whether it is underlined (`===`, `---`) rather than `#`-prefixed.
    pub setext: bool,
}

/// What a kramdown marker is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KramdownKind {
    /// `{:toc}`: the table-of-contents marker.
    Toc,
    /// An inline attribute list: `{: #id .class key="value"}`, `{:.note}`.
    AttributeList,
    /// An attribute list definition: `{:name: .class}`.
    AttributeDefinition,
    /// An extension: `{::options ... /}`, `{::comment}`, `{:/comment}`.
    Extension,
    /// A header id at the end of a heading: `## Title {#id}`.
    HeaderId,
}

/// Kramdown syntax that CommonMark renders as literal text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Kramdown {
    /// The marker as written, braces included.
    pub text: String,
    /// Exactly the `{...}`.
    pub span: Range<usize>,
    /// What it is.
    pub kind: KramdownKind,
}

/// Whether raw HTML is inline or a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RawHtmlKind {
    /// A tag inside a paragraph: `<b>`, `</b>`, `<br/>`.
    Inline,
    /// An HTML block: lines starting with `<div>`, `<!-- -->`, ….
    Block,
}

/// Raw HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RawHtml {
    /// The element name of its (first) tag, lower-cased; `None` for a
    /// comment, declaration, processing instruction or CDATA.
    pub tag: Option<String>,
    /// Whether that tag is a closing tag (`</div>`).
    pub closing: bool,
    /// Inline or block.
    pub kind: RawHtmlKind,
    /// The tag (inline) or the block's lines (block), without the final
    /// line ending.
    pub span: Range<usize>,
}

/// The CommonMark + GFM options masthead reads bodies with.
fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options
}

/// Parses `body` and collects its links, images, headings, kramdown markers
/// and raw HTML with their byte spans in `body`. Never fails: anything that
/// is not valid Markdown syntax is text.
pub fn analyze(body: &str) -> BodyFacts {
    let arena = Arena::new();
    let root = parse_document(&arena, body, &options());
    let mut walker = Walker {
        src: body,
        lines: Lines::new(body),
        facts: BodyFacts::default(),
        references: Vec::new(),
        blocks: Vec::new(),
        shifts: HashMap::new(),
        missed: Vec::new(),
    };
    for node in root.descendants() {
        walker.visit(node);
    }
    walker.finish()
}

/// How far (in bytes) a span comrak reports may be moved to find the text
/// it names: comrak's positions drift by a byte per escaped `\|` in a
/// table cell.
const MAX_DRIFT: usize = 32;

/// Lines of reference definitions comrak removed from the start of a
/// paragraph, which its inline positions do not count.
#[derive(Clone, Copy, Debug)]
struct Shift {
    /// The paragraph's first line (where the definitions are).
    first_line: usize,
    /// The paragraph's first column.
    first_column: usize,
    /// How many lines the definitions took.
    lines: usize,
}

impl Shift {
    /// The byte offset (0-based) in the paragraph's `j`th line where comrak
    /// starts its content: the paragraph's column on its first line; on
    /// later lines, after the containers' prefixes and the indentation
    /// comrak strips (`>` markers, spaces and tabs).
    fn offset(&self, walker: &Walker<'_>, j: usize) -> usize {
        if j == 0 {
            return self.first_column.saturating_sub(1);
        }
        let at = walker.lines.offset(self.first_line + j, 1);
        let line = walker.lines.line_around(at);
        walker
            .text(line)
            .bytes()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'>'))
            .count()
    }

    /// The true position of what comrak places at `pos`.
    fn fix(&self, walker: &Walker<'_>, pos: (usize, usize)) -> (usize, usize) {
        let Some(k) = pos.0.checked_sub(self.first_line) else {
            return pos;
        };
        let column =
            (pos.1 + self.offset(walker, k + self.lines)).saturating_sub(self.offset(walker, k));
        (pos.0 + self.lines, column)
    }
}

/// How far each end of a span may move independently when a same-length
/// move finds nothing.
const MAX_END_DRIFT: usize = 8;

/// A link waiting for its reference definition.
struct PendingReference {
    /// Index in `facts.links` or `facts.images`.
    index: usize,
    /// Whether it is an image.
    image: bool,
    /// The normalised label.
    label: String,
}

/// One pass over comrak's tree.
struct Walker<'s> {
    src: &'s str,
    lines: Lines<'s>,
    facts: BodyFacts,
    /// Reference links and images, resolved against definitions at the end.
    references: Vec<PendingReference>,
    /// Code and HTML blocks, where definitions cannot be.
    blocks: Vec<Range<usize>>,
    /// Position corrections by paragraph (keyed by node address).
    shifts: HashMap<usize, Shift>,
    /// Line breaks comrak did not count inside a link's destination or
    /// title: (paragraph key, the link's last line as comrak numbers it,
    /// how many). Inlines on later lines of that paragraph are that many
    /// lines further down; those on the link's own last line come out
    /// right, as comrak's columns run on past the line end.
    missed: Vec<(usize, usize, usize)>,
}

impl Walker<'_> {
    /// The span comrak gives `node`, corrected for definitions comrak
    /// removed from the start of its paragraph (see [`Walker::shift_of`]).
    fn span_of<'a>(&mut self, node: &'a AstNode<'a>) -> Range<usize> {
        let pos = node.data().sourcepos;
        let mut start = (pos.start.line, pos.start.column);
        let mut end = (pos.end.line, pos.end.column);
        let block = node.ancestors().find(|n| {
            matches!(
                n.data().value,
                NodeValue::Paragraph | NodeValue::Heading(NodeHeading { setext: true, .. })
            )
        });
        if let Some(block) = block {
            // Line breaks comrak missed in earlier links of this paragraph.
            let key = std::ptr::from_ref(block) as usize;
            for (b, after, missing) in &self.missed {
                if *b == key {
                    if start.0 > *after {
                        start.0 += missing;
                    }
                    if end.0 > *after {
                        end.0 += missing;
                    }
                }
            }
            let shift = self.shift_of(block);
            if shift.lines > 0 {
                if std::ptr::eq(block, node) {
                    start = (
                        shift.first_line + shift.lines,
                        shift.offset(self, shift.lines) + 1,
                    );
                } else {
                    start = shift.fix(self, start);
                    end = shift.fix(self, end);
                }
            }
        }
        self.lines.range(start, end)
    }

    /// How comrak's inline positions in `block` (a paragraph or setext
    /// heading) are off. comrak removes reference definitions from the
    /// start of a paragraph (`[r]: /r` followed by text on the next line)
    /// but keeps counting inline lines from the paragraph's first line, and
    /// takes their columns from the wrong lines' indentation.
    fn shift_of<'a>(&mut self, block: &'a AstNode<'a>) -> Shift {
        let key = std::ptr::from_ref(block) as usize;
        if let Some(shift) = self.shifts.get(&key) {
            return *shift;
        }
        let data = block.data();
        let pos = data.sourcepos;
        let setext = matches!(data.value, NodeValue::Heading(_));
        let content_end = pos.end.line.saturating_sub(usize::from(setext));
        let start = self.lines.offset(pos.start.line, pos.start.column);
        let end = self
            .lines
            .line_around(self.lines.offset(content_end, 1))
            .end;
        // Never the whole paragraph: comrak drops a paragraph that is only
        // definitions.
        let mut lines = syntax::definition_lines(self.src, start, end)
            .min(content_end.saturating_sub(pos.start.line));
        // comrak leaves the definitions in as text when a table interrupts
        // the paragraph: `[r]: /r` is then its first text (or `[r]` a link
        // followed by `: /r`).
        let label = syntax::matching_bracket(self.src, start, end)
            .and_then(|close| self.src.get(start + 1..close))
            .unwrap_or("");
        let first = block.first_child();
        let kept = first.is_some_and(|f| match &f.data().value {
            NodeValue::Text(t) => syntax::definition_at(t, 0, t.len()).is_some(),
            NodeValue::Link(_) => {
                plain_text(f) == label
                    && f.next_sibling().is_some_and(
                        |n| matches!(&n.data().value, NodeValue::Text(t) if t.starts_with(':')),
                    )
            }
            _ => false,
        });
        if kept {
            lines = 0;
        }
        let shift = Shift {
            first_line: pos.start.line,
            first_column: pos.start.column,
            lines,
        };
        self.shifts.insert(key, shift);
        shift
    }

    /// `guess` if `ok` accepts its text, else the nearest range of the same
    /// length (on either side, up to [`MAX_DRIFT`] bytes) that it accepts,
    /// else `guess` unchanged.
    fn settle(&self, guess: Range<usize>, ok: impl Fn(Range<usize>) -> bool) -> Range<usize> {
        if ok(guess.clone()) {
            return guess;
        }
        for d in 1..=MAX_DRIFT {
            let later = guess.start + d..guess.end + d;
            if self.src.get(later.clone()).is_some() && ok(later.clone()) {
                return later;
            }
            if let (Some(s), Some(e)) = (guess.start.checked_sub(d), guess.end.checked_sub(d))
                && self.src.get(s..e).is_some()
                && ok(s..e)
            {
                return s..e;
            }
        }
        // Both ends off by different amounts (a node over several lines
        // whose lines comrak misplaced differently): try each pair of
        // nearby ends, closest first.
        let near = |x: usize| {
            (0..=MAX_END_DRIFT).flat_map(move |d| {
                let lower = x.checked_sub(d).filter(|_| d > 0);
                [Some(x + d), lower].into_iter().flatten()
            })
        };
        let mut pairs: Vec<(usize, Range<usize>)> = near(guess.start)
            .flat_map(|s| near(guess.end).map(move |e| (s, e)))
            .filter(|(s, e)| s < e)
            .map(|(s, e)| (s.abs_diff(guess.start) + e.abs_diff(guess.end), s..e))
            .collect();
        pairs.sort_by_key(|(cost, r)| (*cost, r.start, r.end));
        pairs
            .into_iter()
            .map(|(_, r)| r)
            .find(|r| self.src.get(r.clone()).is_some() && ok(r.clone()))
            .unwrap_or(guess)
    }

    /// The link (or image) that starts where comrak says, with its end
    /// read forward from the source: comrak misplaces the end of a link
    /// whose destination or title continues on the next line. `None` when
    /// `guess` does not start with `[` (`![`).
    fn read_forward(
        &self,
        guess: &Range<usize>,
        image: bool,
    ) -> Option<(Range<usize>, syntax::Bracketed)> {
        let opener = if image { "![" } else { "[" };
        if !self.text(guess.start..self.src.len()).starts_with(opener) {
            return None;
        }
        let bracket = guess.start + opener.len() - 1;
        let ends = syntax::link_ends(self.src, bracket);
        let is_inline = |e: &&usize| self.src.as_bytes().get(e.wrapping_sub(1)) == Some(&b')');
        let end = ends
            .iter()
            .find(is_inline)
            .or_else(|| ends.iter().min_by_key(|e| e.abs_diff(guess.end)))?;
        let span = guess.start..*end;
        syntax::bracketed(self.src, bracket..*end).map(|b| (span, b))
    }

    /// Records line breaks inside `span` (the true extent of link or image
    /// `node`) that comrak's positions for it do not count.
    fn note_missed_lines<'a>(&mut self, node: &'a AstNode<'a>, span: &Range<usize>) {
        let pos = node.data().sourcepos;
        let reported = pos.end.line.saturating_sub(pos.start.line);
        let written = self.text(span.clone());
        let actual = line_breaks(written);
        let Some(block) = node
            .ancestors()
            .find(|n| matches!(n.data().value, NodeValue::Paragraph | NodeValue::Heading(_)))
        else {
            return;
        };
        if actual > reported {
            let key = std::ptr::from_ref(block) as usize;
            self.missed.push((key, pos.end.line, actual - reported));
        }
    }

    /// Whether `link` (as [`syntax::bracketed`] read it) is an inline link
    /// whose destination reads as `url`.
    fn destination_is(&self, link: &syntax::Bracketed, url: &str) -> bool {
        link.url
            .clone()
            .is_some_and(|u| syntax::unescapes_to(self.text(u), url))
    }

    /// The text of `range`, or "" when it is not on character boundaries.
    fn text(&self, range: Range<usize>) -> &str {
        self.src.get(range).unwrap_or("")
    }

    fn visit<'a>(&mut self, node: &'a AstNode<'a>) {
        // comrak keeps nodes in `RefCell`s; the handlers below only borrow
        // them again immutably, so holding this borrow is fine.
        let data = node.data();
        match &data.value {
            NodeValue::Link(link) => self.link(node, link.url.clone()),
            NodeValue::Image(image) => self.image(node, image.url.clone()),
            NodeValue::Heading(h) => self.heading(node, h.level, h.setext),
            NodeValue::Text(text) => self.kramdown_in_text(node, text),
            NodeValue::HtmlInline(html) => {
                let guess = self.span_of(node);
                let span = self.settle(guess, |r| {
                    let t = self.text(r);
                    t.starts_with('<') && t.ends_with('>') && same_but_indent(t, html)
                });
                self.raw_html(html, RawHtmlKind::Inline, span);
            }
            NodeValue::HtmlBlock(block) => {
                let span = self.span_of(node);
                self.blocks.push(span.clone());
                self.raw_html(&block.literal, RawHtmlKind::Block, span);
            }
            NodeValue::CodeBlock(_) => {
                let span = self.span_of(node);
                self.blocks.push(span);
            }
            _ => {}
        }
    }

    fn link<'a>(&mut self, node: &'a AstNode<'a>, url: String) {
        let text = plain_text(node);
        let guess = self.span_of(node);
        // What the source can look like: bracketed, <autolink>, or the
        // bare address itself.
        let shape_ok = |r: Range<usize>| {
            let s = self.text(r.clone());
            syntax::bracketed(self.src, r).is_some()
                || (s.starts_with('<') && s.ends_with('>'))
                || bare_autolink(s, &text)
        };
        // A link read forward from comrak's start whose destination is
        // comrak's is the surest; else comrak's span if it has a link's
        // shape; else whatever the forward read or a nearby search finds.
        let forward = self.read_forward(&guess, false);
        let (span, read) = match forward {
            Some((r, b)) if self.destination_is(&b, &url) => (r, Some(b)),
            _ if shape_ok(guess.clone()) => (guess, None),
            Some((r, b)) => (r, Some(b)),
            None => (self.settle(guess, shape_ok), None),
        };
        self.note_missed_lines(node, &span);
        let written = self.text(span.clone());
        // The forward read already parsed the chosen span.
        let bracketed = read.or_else(|| syntax::bracketed(self.src, span.clone()));
        let (kind, url_span, label) = if let Some(b) = bracketed {
            (b.kind, b.url, b.label)
        } else if written.starts_with('<') && written.len() >= 2 {
            (LinkKind::Autolink, Some(span.start + 1..span.end - 1), None)
        } else if bare_autolink(written, &text) {
            (LinkKind::Autolink, Some(span.clone()), None)
        } else if written.ends_with(')') {
            (LinkKind::Inline, None, None)
        } else {
            (LinkKind::Reference, None, None)
        };
        if let Some(label) = label {
            self.references.push(PendingReference {
                index: self.facts.links.len(),
                image: false,
                label: syntax::normalize_label(self.text(label)),
            });
        }
        self.facts.links.push(Link {
            url,
            text,
            span,
            url_span,
            kind,
        });
    }

    fn image<'a>(&mut self, node: &'a AstNode<'a>, url: String) {
        let alt = plain_text(node);
        let guess = self.span_of(node);
        let after_bang = |r: Range<usize>| r.start.saturating_add(1)..r.end;
        let ok = |r: Range<usize>| {
            self.text(r.clone()).starts_with('!')
                && syntax::bracketed(self.src, after_bang(r)).is_some()
        };
        let forward = self.read_forward(&guess, true);
        let (span, read) = match forward {
            Some((r, b)) if self.destination_is(&b, &url) => (r, Some(b)),
            _ if ok(guess.clone()) => (guess, None),
            Some((r, b)) => (r, Some(b)),
            None => (self.settle(guess, ok), None),
        };
        // A forward read starts with `![` and parsed after it: what `ok`
        // checks; other spans are parsed here.
        let parsed = match read {
            Some(b) => Some(b),
            None => ok(span.clone())
                .then(|| syntax::bracketed(self.src, after_bang(span.clone())))
                .flatten(),
        };
        self.note_missed_lines(node, &span);
        let mut url_span = None;
        if let Some(b) = parsed {
            url_span = b.url;
            if let Some(label) = b.label {
                self.references.push(PendingReference {
                    index: self.facts.images.len(),
                    image: true,
                    label: syntax::normalize_label(self.text(label)),
                });
            }
        }
        self.facts.images.push(Image {
            url,
            alt,
            span,
            url_span,
        });
    }

    fn heading<'a>(&mut self, node: &'a AstNode<'a>, level: u8, setext: bool) {
        let guess = self.span_of(node);
        let span = if setext {
            guess
        } else {
            self.settle(guess, |r| self.text(r).starts_with('#'))
        };
        self.facts.headings.push(Heading {
            level,
            text: plain_text(node).trim().to_string(),
            span,
            setext,
        });
        // `## Title {#id}`: kramdown's header id, in the last text child.
        if let Some(last) = node.last_child()
            && let NodeValue::Text(text) = &last.data().value
            && let Some(at) = syntax::header_id(text)
        {
            let literal = text.get(at).unwrap_or("").to_string();
            let guess = self.span_of(last);
            let line = self.lines.line_around(guess.start);
            // The marker is in the text's source; find it there.
            let found = self
                .text(line.clone())
                .rfind(&literal)
                .map(|i| line.start + i..line.start + i + literal.len());
            if let Some(span) = found {
                self.facts.kramdown.push(Kramdown {
                    text: literal,
                    span,
                    kind: KramdownKind::HeaderId,
                });
            }
        }
    }

    fn kramdown_in_text<'a>(&mut self, node: &'a AstNode<'a>, literal: &str) {
        let wanted = syntax::kramdown_markers(literal).len();
        if wanted == 0 {
            return;
        }
        let guess = self.span_of(node);
        let span = self.settle(guess, |r| {
            syntax::kramdown_markers(self.text(r)).len() == wanted
        });
        for marker in syntax::kramdown_markers(self.text(span.clone())) {
            let range = span.start + marker.range.start..span.start + marker.range.end;
            self.facts.kramdown.push(Kramdown {
                text: self.text(range.clone()).to_string(),
                span: range,
                kind: marker.kind,
            });
        }
    }

    fn raw_html(&mut self, literal: &str, kind: RawHtmlKind, span: Range<usize>) {
        let (tag, closing) = match syntax::tag_name(literal) {
            Some((tag, closing)) => (Some(tag), closing),
            None => (None, false),
        };
        self.facts.raw_html.push(RawHtml {
            tag,
            closing,
            kind,
            span,
        });
    }

    /// Resolves reference links to their definitions and sorts every list
    /// by position (footnote definitions come last in comrak's tree).
    fn finish(mut self) -> BodyFacts {
        if !self.references.is_empty() {
            let definitions = syntax::definitions(self.src, self.lines.all(), &self.blocks);
            for pending in &self.references {
                let (url, slot) = if pending.image {
                    match self.facts.images.get_mut(pending.index) {
                        Some(i) => (i.url.clone(), &mut i.url_span),
                        None => continue,
                    }
                } else {
                    match self.facts.links.get_mut(pending.index) {
                        Some(l) => (l.url.clone(), &mut l.url_span),
                        None => continue,
                    }
                };
                let same_label = || definitions.iter().filter(|d| d.label == pending.label);
                let written = |d: &&syntax::Definition| {
                    let raw = self.src.get(d.url.clone()).unwrap_or("");
                    syntax::unescape(raw) == url
                };
                let chosen = same_label().find(written).or_else(|| same_label().next());
                *slot = chosen.map(|d| d.url.clone());
            }
        }
        let facts = &mut self.facts;
        facts.links.sort_by_key(|l| (l.span.start, l.span.end));
        facts.images.sort_by_key(|i| (i.span.start, i.span.end));
        facts.headings.sort_by_key(|h| h.span.start);
        facts.kramdown.sort_by_key(|k| k.span.start);
        facts.kramdown.dedup_by_key(|k| k.span.clone());
        facts.raw_html.sort_by_key(|h| h.span.start);
        self.facts
    }
}

/// Whether `a` and `b` are the same text but for whitespace: comrak drops
/// the indentation of continuation lines from inline HTML.
fn same_but_indent(a: &str, b: &str) -> bool {
    let mut a = a.chars().filter(|c| !c.is_whitespace());
    let mut b = b.chars().filter(|c| !c.is_whitespace());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (x, y) if x != y => return false,
            _ => {}
        }
    }
}

/// Whether `written` is a bare (GFM) autolink whose text is `text`; in a
/// table cell comrak has already turned `\|` into `|`.
fn bare_autolink(written: &str, text: &str) -> bool {
    !written.is_empty() && (written == text || written.replace("\\|", "|") == text)
}

/// The text of `node`'s descendants, markup dropped: text, code, line
/// breaks as spaces, images by their alt text.
fn plain_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    for d in node.descendants().skip(1) {
        match &d.data().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// The line breaks in `text`: `\n`, `\r\n` and a lone `\r` count one each.
fn line_breaks(text: &str) -> usize {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&i| bytes.get(i) == Some(&b'\n') || bytes.get(i + 1) != Some(&b'\n'))
        .count()
}

#[cfg(test)]
mod tests;
