//! The rule engine of masthead: the [`Rule`] plugin API, rule metadata, the
//! [`Registry`], selection and severity configuration, and the runner.
//!
//! A rule looks at one document ([`Rule::check_document`], run in parallel)
//! or at the whole site ([`Rule::check_site`]: duplicates, dangling
//! references, redirect loops) and reports [`Diagnostic`]s with spans. Rules
//! never decide severity, print, or pick an exit code: the engine applies
//! the configuration (selection, severity, per-file ignores, inline allows)
//! to their findings and to the loader's own problems alike.
//!
//! ```
//! use masthead_lint::{DocumentContext, FixAvailability, Registry, Rule, RuleMeta};
//! use masthead_diagnostics::{Diagnostic, Severity};
//!
//! /// Titles should not shout.
//! struct ShoutingTitle;
//!
//! static SHOUTING_TITLE: RuleMeta = RuleMeta {
//!     code: "X001",
//!     name: "shouting-title",
//!     family: "example",
//!     summary: "A title is written in capitals.",
//!     doc: "## What it does\nFlags titles in capitals.\n\n## Why is this bad?\nThey read as shouting.\n\n## Example\n```yaml\ntitle: BIG NEWS\n```\n",
//!     default_severity: Severity::Warning,
//!     fix: FixAvailability::None,
//!     enabled_by_default: true,
//! };
//!
//! impl Rule for ShoutingTitle {
//!     fn meta(&self) -> &'static RuleMeta {
//!         &SHOUTING_TITLE
//!     }
//!     fn check_document(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
//!         let Some(title) = cx.document.title.as_deref() else { return };
//!         if title.len() > 3 && title == title.to_uppercase() {
//!             let span = cx.value_span("title").unwrap_or_default();
//!             out.push(cx.report(self.meta(), span, "this title is in capitals"));
//!         }
//!     }
//! }
//!
//! let registry = Registry::new().with(Box::new(ShoutingTitle));
//! assert!(registry.lookup("shouting-title").is_some());
//! ```

#![deny(clippy::print_stdout, clippy::print_stderr)]

mod config;
mod engine;

pub use config::{LintConfig, Selector, UNKNOWN_RULE};
pub use engine::{CheckOptions, Engine, Report};
pub use masthead_diagnostics::{Diagnostic, Fix, Label, Severity, Span};

use masthead_model::date::Instant;
use masthead_model::document::Document;
use masthead_model::site::Site;
use std::any::{Any, TypeId};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// Whether a rule can mend what it finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAvailability {
    /// No fix.
    None,
    /// A fix that never changes meaning unexpectedly (`--fix`).
    Safe,
    /// A fix that needs a human look (`--unsafe-fixes`).
    Unsafe,
}

/// A rule's static description: what `masthead rules` lists and
/// `masthead explain` prints, and what configuration selects by.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code such as `FM005`; never reused for another meaning.
    pub code: &'static str,
    /// Kebab-case name that reads as "allow `<name>`", e.g. `stray-whitespace`.
    pub name: &'static str,
    /// The family it belongs to (`front-matter`, `dates`, `references`,
    /// `urls`, `body`, `events`), for listing.
    pub family: &'static str,
    /// One sentence.
    pub summary: &'static str,
    /// Markdown with the headings `## What it does`, `## Why is this bad?`
    /// and `## Example`.
    pub doc: &'static str,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// Whether it offers fixes.
    pub fix: FixAvailability,
    /// Whether it runs without being selected.
    pub enabled_by_default: bool,
}

/// A check. Implement one or both entry points; both default to nothing.
pub trait Rule: Send + Sync {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;

    /// Checks one document. Called in parallel across documents.
    fn check_document(&self, _cx: &DocumentContext<'_>, _out: &mut Vec<Diagnostic>) {}

    /// Checks the site as a whole (collisions, references, redirect graphs).
    fn check_site(&self, _cx: &SiteContext<'_>, _out: &mut Vec<Diagnostic>) {}
}

/// What a whole-site check sees.
pub struct SiteContext<'a> {
    /// The loaded site.
    pub site: &'a Site,
    /// The moment "past" and "future" are measured from.
    pub now: Instant,
    /// The configuration in force.
    pub config: &'a LintConfig,
    shared: Option<&'a SharedMemo>,
}

impl<'a> SiteContext<'a> {
    /// A context for checking `site` as a whole.
    pub fn new(site: &'a Site, now: Instant, config: &'a LintConfig) -> Self {
        SiteContext {
            site,
            now,
            config,
            shared: None,
        }
    }

    /// The same context, sharing `memo` with the other rules (and the
    /// documents' checks) of a check.
    pub fn with_shared(mut self, memo: &'a SharedMemo) -> Self {
        self.shared = Some(memo);
        self
    }

    /// A value computed once per check and shared by every rule that asks
    /// (an index of what the site serves, a redirect graph), across
    /// threads: a rule asking while another computes it waits, so `init`
    /// must not use rayon. Without a shared memo it is computed for this
    /// call alone.
    pub fn shared_memo<T: Any + Send + Sync>(&self, init: impl FnOnce() -> T) -> Arc<T> {
        shared_in(self.shared, init)
    }
}

impl SiteContext<'_> {
    /// A finding of `meta`'s rule in `file` at `span`, with the rule's code
    /// and default severity (the engine applies configuration later).
    pub fn report(
        &self,
        meta: &RuleMeta,
        file: &str,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        finding(meta, file, span, message)
    }
}

/// What a per-document check sees.
pub struct DocumentContext<'a> {
    /// The loaded site (for lookups; per-document rules must not report on
    /// other files).
    pub site: &'a Site,
    /// The document being checked.
    pub document: &'a Document,
    /// The document's full source text.
    pub source: &'a str,
    /// The moment "past" and "future" are measured from.
    pub now: Instant,
    /// The configuration in force.
    pub config: &'a LintConfig,
    memo: RefCell<HashMap<TypeId, Rc<dyn Any>>>,
    shared: Option<&'a SharedMemo>,
}

/// Values computed once per check and shared by every document's rules,
/// across threads (an index of the site's URLs, say).
pub type SharedMemo = masthead_model::memo::TypeMemo;

/// The value from `memo` (made once, other threads waiting for it; see
/// [`TypeMemo::get_or_wait`]), or made for this caller alone without one.
///
/// [`TypeMemo::get_or_wait`]: masthead_model::memo::TypeMemo::get_or_wait
fn shared_in<T: Any + Send + Sync>(memo: Option<&SharedMemo>, init: impl FnOnce() -> T) -> Arc<T> {
    match memo {
        Some(memo) => memo.get_or_wait(init),
        None => Arc::new(init()),
    }
}

impl<'a> DocumentContext<'a> {
    /// A context for `document` of `site`.
    pub fn new(
        site: &'a Site,
        document: &'a Document,
        now: Instant,
        config: &'a LintConfig,
    ) -> Self {
        DocumentContext {
            site,
            document,
            source: site.sources.get(&document.path).map_or("", String::as_str),
            now,
            config,
            memo: RefCell::new(HashMap::new()),
            shared: None,
        }
    }

    /// The same context, sharing `memo` with the other documents of a check.
    pub fn with_shared(mut self, memo: &'a SharedMemo) -> Self {
        self.shared = Some(memo);
        self
    }

    /// A value computed once per check and shared by every document (and
    /// thread): a site-wide index. A rule asking while another computes it
    /// waits, so `init` must not use rayon. Without a shared memo (a context
    /// built by hand), it is computed for this document alone.
    pub fn shared_memo<T: Any + Send + Sync>(&self, init: impl FnOnce() -> T) -> Arc<T> {
        shared_in(self.shared, init)
    }

    /// The body text (after the front matter).
    pub fn body(&self) -> &'a str {
        self.document.body(self.source)
    }

    /// Byte offset of the body in the file, to turn body-relative spans
    /// into file spans.
    pub fn body_offset(&self) -> usize {
        self.document.layout.body.start
    }

    /// The span of the front-matter value at `path` (`event.start`).
    pub fn value_span(&self, path: &str) -> Option<Span> {
        self.document.spans.value_span(path)
    }

    /// The span of the key at `path`, falling back to its value.
    pub fn key_span(&self, path: &str) -> Option<Span> {
        let span = self
            .document
            .spans
            .get(&masthead_model::KeyPath::parse(path))?;
        Some(span.key.unwrap_or(span.value))
    }

    /// The opening `---` of the front matter: where to point when something
    /// is missing rather than wrong.
    pub fn front_matter_span(&self) -> Span {
        self.document
            .layout
            .open_fence
            .map_or(Span::default(), |s| Span::new(s.start, s.start + 3))
    }

    /// A finding of `meta`'s rule in this document.
    pub fn report(&self, meta: &RuleMeta, span: Span, message: impl Into<String>) -> Diagnostic {
        finding(meta, &self.document.path, span, message)
    }

    /// A value computed once per document and shared by every rule that
    /// asks for the same type (a parsed body, say).
    pub fn memo<T: Any>(&self, init: impl FnOnce() -> T) -> Rc<T> {
        let id = TypeId::of::<T>();
        let cached = self.memo.borrow().get(&id).cloned();
        if let Some(Ok(v)) = cached.map(|v| v.downcast::<T>()) {
            return v;
        }
        let v = Rc::new(init());
        self.memo.borrow_mut().insert(id, v.clone());
        v
    }
}

/// A diagnostic with `meta`'s code and default severity.
pub fn finding(meta: &RuleMeta, file: &str, span: Span, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(meta.code, meta.default_severity, message)
        .in_file(file)
        .with_primary(span, "")
}

/// The rules an engine knows: built-in and third-party alike.
#[derive(Default)]
pub struct Registry {
    rules: Vec<Box<dyn Rule>>,
    /// Codes reported by the loader itself (no check functions), so that
    /// configuration, `explain` and `rules` treat them like any other rule.
    loader: Vec<&'static RuleMeta>,
    /// Upper-case code and name → metadata: the engine looks a rule up for
    /// every finding.
    index: HashMap<String, &'static RuleMeta>,
    /// Offers fixes for the loader's own findings (see [`LoaderFixer`]).
    loader_fixers: Vec<LoaderFixer>,
}

/// Computes a fix for a finding the loader reported (which has no rule to
/// offer one), from the finding and its file's full source text.
///
/// The loader finds problems while reading and cannot know about editing;
/// a fixer attached with [`Registry::with_loader_fixer`] mends them all the
/// same, so `--fix` treats loader codes like any rule's. Returns `None` when
/// it has no fix for this finding.
pub type LoaderFixer = fn(&Diagnostic, &str) -> Option<Fix>;

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Registry::default()
    }

    /// Adds a rule.
    pub fn with(mut self, rule: Box<dyn Rule>) -> Self {
        self.index_meta(rule.meta());
        self.rules.push(rule);
        self
    }

    /// Adds the metadata of a problem the loader reports itself.
    pub fn with_loader_code(mut self, meta: &'static RuleMeta) -> Self {
        self.index_meta(meta);
        self.loader.push(meta);
        self
    }

    /// Adds a fixer for the loader's findings; the engine asks it about
    /// every loader finding without a fix (the first fixer to answer wins).
    pub fn with_loader_fixer(mut self, fixer: LoaderFixer) -> Self {
        self.loader_fixers.push(fixer);
        self
    }

    /// The fix the loader fixers offer for `diag` in a file with `source`.
    pub fn loader_fix(&self, diag: &Diagnostic, source: &str) -> Option<Fix> {
        self.loader_fixers.iter().find_map(|f| f(diag, source))
    }

    fn index_meta(&mut self, meta: &'static RuleMeta) {
        self.index.insert(meta.code.to_ascii_uppercase(), meta);
        self.index.insert(meta.name.to_string(), meta);
    }

    /// The rules with check functions.
    pub fn rules(&self) -> &[Box<dyn Rule>] {
        &self.rules
    }

    /// Every rule's metadata (loader codes included), sorted by code.
    pub fn metas(&self) -> Vec<&'static RuleMeta> {
        let mut all: Vec<&'static RuleMeta> = self
            .rules
            .iter()
            .map(|r| r.meta())
            .chain(self.loader.iter().copied())
            .collect();
        all.sort_by_key(|m| natural_code(m.code));
        all
    }

    /// A rule by code (any case) or name.
    pub fn lookup(&self, code_or_name: &str) -> Option<&'static RuleMeta> {
        self.index
            .get(code_or_name)
            .or_else(|| self.index.get(&code_or_name.to_ascii_uppercase()))
            .copied()
    }
}

/// Sort key: family letters, then the number (`URL2` before `URL10`).
fn natural_code(code: &str) -> (String, u32) {
    let split = code
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(code.len());
    (
        code[..split].to_string(),
        code[split..].parse().unwrap_or(0),
    )
}
