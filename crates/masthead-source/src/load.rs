//! Building a [`Site`] from a folder: discover, type each collection, read,
//! split, parse and resolve each file (in parallel, one file at a time while
//! its YAML tree is fresh), then the site-wide links: authors and redirects.

use crate::config::LoadedConfig;
use crate::decode::{Decoded, decode};
use crate::discover::{Found, Skip, Skipped, collection_files};
use crate::split::{Split, split};
use crate::{checks, codes, defaults};
use masthead_diagnostics::{Diagnostic, Severity, Span};
use masthead_model::config::{DocumentType, SiteConfig};
use masthead_model::date::{DateSource, DateValue, Instant, ResolvedDate, TimeZone, filename_date};
use masthead_model::document::{
    Author, AuthorRef, Content, Document, DocumentId, Event, Layout, Post, Publication,
    RedirectFrom, SpanMap,
};
use masthead_model::frontmatter::{
    AuthorFrontMatter, EventDetails, EventFrontMatter, FrontMatter, GenericFrontMatter, OneOrMany,
    OptionalDate, PostFrontMatter,
};
use masthead_model::permalink::{self, PermalinkStyle, Placeholders};
use masthead_model::site::{Collection, Redirect, RedirectOrigin, Site};
use masthead_model::{KeyPath, Map, Value};
use masthead_yaml::{Node, ParseOptions, YamlErrorKind};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The largest file [`LoadOptions::default`] reads: 10 MiB. Real posts
/// are a few kilobytes; a file a thousand times larger is a mistake or an
/// attack, and reading it would cost its size in memory several times.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// The most files in collections [`LoadOptions::default`] reads: 200,000,
/// twenty times the largest sites masthead is measured on (each costs a
/// few kilobytes of memory once loaded).
pub const DEFAULT_MAX_DOCUMENTS: usize = 200_000;

/// How to load a site.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct LoadOptions {
    /// The moment "future" is measured from; `None` is the current time.
    /// Set it (the CLI's `--now`, `MASTHEAD_NOW`) for reproducible results.
    pub now: Option<Instant>,
    /// Limits for YAML parsing: nesting depth and values after aliases.
    pub parse: ParseOptions,
    /// Files larger than this many bytes are not read: a `LIM001`
    /// diagnostic says so instead. Content comes from pull requests, so
    /// the limit is the caller's (a CLI flag), never the site's.
    pub max_file_bytes: u64,
    /// At most this many files in collections are read, the first in path
    /// order; a `LIM002` diagnostic reports the rest.
    pub max_documents: usize,
    /// Read whole files only for these paths (relative to the site root);
    /// of every other file read just the front matter. `None` reads every
    /// file whole. A pre-commit hook checking a few staged files sets it:
    /// cross-document rules need the others' front matter, not their bodies.
    pub bodies_for: Option<std::collections::HashSet<String>>,
    /// Look for the problems that concern one file alone (repeated keys,
    /// whitespace left inside quotes) only in these paths; `None` looks in
    /// every file. The model is the same either way, and so are findings
    /// across files; [`Site::diagnostics`] may leave out the other files'.
    /// A pre-commit hook sets it to the staged files it reports on.
    pub diagnose_only: Option<std::collections::HashSet<String>>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            now: None,
            parse: ParseOptions::default(),
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            max_documents: DEFAULT_MAX_DOCUMENTS,
            bodies_for: None,
            diagnose_only: None,
        }
    }
}

impl LoadOptions {
    /// Options with a fixed "now".
    pub fn with_now(mut self, now: Instant) -> Self {
        self.now = Some(now);
        self
    }
}

/// Why a site could not be loaded at all. Problems *in* the site are
/// diagnostics on [`Site::diagnostics`], never errors.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The site root does not exist or is not a folder.
    #[error("`{0}` is not a folder")]
    NotAFolder(PathBuf),
}

/// A file after the first pass: read, split and parsed, not yet typed.
struct Parsed {
    found: Found,
    text: String,
    split: Split,
    root: Option<Node>,
    /// The YAML could not be read: later stages stay quiet about this file.
    broken: bool,
    diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    fn is_document(&self) -> bool {
        !matches!(self.split, Split::None { .. })
    }

    fn front_matter_date(&self) -> bool {
        self.root
            .as_ref()
            .and_then(Node::as_mapping)
            .is_some_and(|m| m.get("date").is_some_and(|d| !d.is_null()))
    }

    fn basename(&self) -> &str {
        basename(&self.found.rel)
    }
}

/// The file name of a `/`-separated relative path.
fn basename(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

/// Loads the site at `root`.
pub fn load_site(root: &Path, options: &LoadOptions) -> Result<Site, LoadError> {
    if !root.is_dir() {
        return Err(LoadError::NotAFolder(root.to_path_buf()));
    }
    let config = crate::config::load(root, &options.parse);
    let now = options.now.unwrap_or_else(Instant::now);
    let mut diagnostics = config.diagnostics.clone();
    let timezone = site_timezone(&config, &mut diagnostics);
    let collections = collections(&config.config);
    let exclude = config.config.exclude.clone().unwrap_or_default();

    // Types per collection that the config or the label decide; the others
    // (typed by their content) are guessed from their file names once
    // walked, so that each file can be read, parsed and resolved in one go
    // while its YAML tree is fresh in the cache. The guess is checked below.
    let mut inferred = vec![false; collections.len()];
    let mut collections: Vec<Collection> = collections
        .into_iter()
        .enumerate()
        .map(|(i, mut c)| {
            match declared_type(&c.label, &config.config) {
                Some(declared) => c.doc_type = declared,
                None => {
                    if let Some(flag) = inferred.get_mut(i) {
                        *flag = true;
                    }
                }
            }
            c
        })
        .collect();
    report_unknown_mappings(&config, &collections, &mut diagnostics);
    report_missing_folders(root, &config, &collections, &mut diagnostics);

    let ctx = Context {
        config: &config.config,
        timezone: timezone.clone().unwrap_or_else(TimeZone::utc),
        now,
    };
    // Each collection is walked and its files then read, parsed and
    // resolved, the collections side by side: while one core walks the
    // largest folder, the other resolves the files of the rest. All files
    // of a collection start with its folder and a `/`, so collections in
    // that order, each in path order, list every file in path order
    // (checked below, for collections nested in one another).
    let mut order: Vec<usize> = (0..collections.len()).collect();
    order.sort_by_cached_key(|&i| collections.get(i).map(|c| format!("{}/", c.dir)));
    type Loaded = (
        usize,
        Option<DocumentType>,
        Vec<Option<Document>>,
        Vec<Rest>,
    );
    // Every collection is walked first (side by side), so that the
    // document limit keeps the same files whatever the timing: the first
    // in path order.
    let mut walked: Vec<(usize, Vec<Found>)> = Vec::with_capacity(order.len());
    let mut skipped = Vec::new();
    let walks: Vec<(usize, Vec<Found>, Vec<Skipped>)> = order
        .par_iter()
        .filter_map(|&i| Some((i, collections.get(i)?)))
        .map(|(i, declared)| {
            let (files, skipped) = collection_files(root, &declared.dir, &exclude);
            (i, files, skipped)
        })
        .collect();
    for (i, files, s) in walks {
        walked.push((i, files));
        skipped.extend(s);
    }
    diagnostics.extend(
        skipped
            .into_iter()
            .filter(|s| in_set(&options.diagnose_only, &s.rel))
            .map(skipped_diagnostic),
    );
    diagnostics.extend(limit_documents(&mut walked, options.max_documents));
    let per_collection: Vec<Loaded> = walked
        .into_par_iter()
        .filter_map(|(i, files)| Some((i, collections.get(i)?, files)))
        .map(|(i, declared, files)| {
            let mut guessed = None;
            let mut collection = std::borrow::Cow::Borrowed(declared);
            if inferred.get(i).copied().unwrap_or(false) {
                let dated = files
                    .iter()
                    .any(|f| filename_date(basename(&f.rel)).is_some());
                collection.to_mut().doc_type = inferred_type(dated);
                guessed = Some(collection.doc_type);
            }
            // Documents (large values) and the rest are collected apart;
            // an indexed `map` lets rayon write both straight into their
            // place. A file deleted since the walk leaves an empty slot.
            let (docs, rest): (Vec<Option<Document>>, Vec<Rest>) = files
                .into_par_iter()
                .map(|found| {
                    let read = ReadHow {
                        whole: in_set(&options.bodies_for, &found.rel),
                        report: in_set(&options.diagnose_only, &found.rel),
                        max_bytes: options.max_file_bytes,
                    };
                    match read_and_parse(found, &options.parse, read) {
                        Ok(parsed) => resolve_parsed(i, parsed, &collection, &ctx),
                        Err(gone) => (None, Rest::vanished(i, gone.rel)),
                    }
                })
                .unzip();
            (i, guessed, docs, rest)
        })
        .collect();
    let total = per_collection
        .iter()
        .map(|(_, _, docs, _)| docs.len())
        .sum();
    let mut resolved: Vec<Option<Document>> = Vec::with_capacity(total);
    let mut rest: Vec<Rest> = Vec::with_capacity(total);
    for (i, guessed, docs, rests) in per_collection {
        if let (Some(guessed), Some(c)) = (guessed, collections.get_mut(i)) {
            c.doc_type = guessed;
        }
        resolved.extend(docs);
        rest.extend(rests);
    }
    if !rest.is_sorted_by(|a, b| a.rel <= b.rel) {
        let mut pairs: Vec<(Option<Document>, Rest)> = resolved.into_iter().zip(rest).collect();
        pairs.sort_by(|a, b| a.1.rel.cmp(&b.1.rel));
        (resolved, rest) = pairs.into_iter().unzip();
    }

    // The zero-config rule: a collection holding a document dated by its
    // file name or its front matter holds posts. Where the guess from file
    // names alone was wrong (a dated file without front matter, or dates
    // only inside front matter), its documents are resolved again.
    for (i, collection) in collections.iter_mut().enumerate() {
        if inferred.get(i) != Some(&true) {
            continue;
        }
        let exact = inferred_type(rest.iter().any(|r| r.collection == i && r.dated));
        if exact == collection.doc_type {
            continue;
        }
        collection.doc_type = exact;
        let redo: Vec<usize> = rest
            .iter()
            .zip(&resolved)
            .enumerate()
            .filter(|(_, (r, doc))| r.collection == i && doc.is_some())
            .map(|(j, _)| j)
            .collect();
        let again: Vec<(Option<Document>, Rest)> = redo
            .par_iter()
            .map(|&j| {
                #[expect(clippy::indexing_slicing, reason = "redo holds indexes of rest")]
                let r = &rest[j];
                let found = Found {
                    abs: root.join(&r.rel),
                    rel: r.rel.clone(),
                };
                let report = in_set(&options.diagnose_only, &found.rel);
                let parsed = parse_text(found, r.text.clone(), None, &options.parse, report);
                resolve_parsed(i, parsed, collection, &ctx)
            })
            .collect();
        for (j, (doc, r)) in redo.into_iter().zip(again) {
            if let (Some(old_doc), Some(old_rest)) = (resolved.get_mut(j), rest.get_mut(j)) {
                (*old_doc, *old_rest) = (doc, r);
            }
        }
    }

    debug_assert!(rest.is_sorted_by(|a, b| a.rel <= b.rel));
    // Three independent jobs side by side: the sources and diagnostics of
    // the files; the documents, their authors and redirects; the pages.
    let is_document: Vec<bool> = resolved.iter().map(Option::is_some).collect();
    let style = PermalinkStyle::parse(config.config.permalink.as_deref().unwrap_or("date"));
    let (
        (mut sources, file_diagnostics),
        ((documents, redirects), (pages, static_files, too_large)),
    ) = rayon::join(
        || {
            let mut sources = HashMap::with_capacity_and_hasher(rest.len() + 1, Default::default());
            let mut found = Vec::new();
            for (is_document, r) in is_document.iter().zip(rest) {
                // Files with problems keep their text too, so every
                // diagnostic can show its line.
                if *is_document || !r.diags.is_empty() {
                    sources.insert(r.rel, r.text);
                }
                found.extend(r.diags);
            }
            (sources, found)
        },
        || {
            rayon::join(
                || {
                    // `Option<Document>` is as large as `Document`, so
                    // this reuses the vector's memory instead of copying
                    // every document into new memory. `filter_map`
                    // collects in place; `flatten` does not.
                    #[allow(clippy::filter_map_identity)]
                    let mut documents: Vec<Document> =
                        resolved.into_iter().filter_map(|d| d).collect();
                    for (i, doc) in documents.iter_mut().enumerate() {
                        doc.id = DocumentId(i);
                    }
                    resolve_authors(&mut documents);
                    let redirects = redirect_graph(&documents, &collections);
                    (documents, redirects)
                },
                || {
                    crate::pages::pages_and_static_files(
                        root,
                        &exclude,
                        &style,
                        options.max_file_bytes,
                    )
                },
            )
        },
    );
    if let (Some(file), Some(text)) = (&config.file, &config.text) {
        sources.insert(file.clone(), text.clone());
    }
    diagnostics.extend(file_diagnostics);
    diagnostics.extend(too_large);
    diagnostics.sort_by(|a, b| {
        a.file.cmp(&b.file).then_with(|| {
            a.primary
                .as_ref()
                .map(|p| p.span.start)
                .cmp(&b.primary.as_ref().map(|p| p.span.start))
        })
    });

    let mut site = Site::default();
    site.config_file = config.file.clone();
    if let Some(node) = &config.root {
        site.config_spans = node.span_map();
    }
    site.pages = pages;
    site.static_files = static_files;
    site.root = root.to_path_buf();
    site.config = config.config;
    site.timezone = timezone;
    site.now = Some(now);
    site.collections = collections;
    site.documents = documents;
    site.redirects = redirects;
    site.diagnostics = diagnostics;
    site.sources = sources;
    Ok(site)
}

fn site_timezone(config: &LoadedConfig, diagnostics: &mut Vec<Diagnostic>) -> Option<TimeZone> {
    let name = config.config.timezone.as_deref()?;
    match TimeZone::named(name) {
        Ok(tz) => Some(tz),
        Err(e) => {
            let mut d = Diagnostic::new(
                codes::UNKNOWN_TIMEZONE,
                Severity::Error,
                format!("`timezone: {name}` is not a time zone masthead knows: {e}"),
            )
            .with_help(
                "use an IANA name such as `Europe/London`; masthead reads dates in UTC meanwhile",
            );
            if let (Some(file), Some(span)) = (&config.file, config.span_of("timezone")) {
                d = d
                    .in_file(file.clone())
                    .with_primary(span, "unknown time zone");
            }
            diagnostics.push(d);
            None
        }
    }
}

/// The collections Jekyll reads: `posts` always, then those declared in config.
fn collections(config: &SiteConfig) -> Vec<Collection> {
    let style = PermalinkStyle::parse(config.permalink.as_deref().unwrap_or("date"));
    let base = config
        .collections_dir
        .as_deref()
        .map(|d| d.trim_matches('/'))
        .filter(|d| !d.is_empty());
    let mut entries = config
        .collections
        .as_ref()
        .map(|c| c.entries())
        .unwrap_or_default();
    if !entries.iter().any(|(l, _)| l == "posts") {
        entries.insert(0, ("posts".to_string(), Default::default()));
    }
    entries
        .into_iter()
        .map(|(label, settings)| {
            let is_posts = label == "posts";
            let permalink = match (&settings.permalink, is_posts) {
                (Some(p), _) => p.clone(),
                (None, true) => style.posts_template(),
                (None, false) => style.collection_template(),
            };
            let dir = match base {
                Some(b) => format!("{b}/_{label}"),
                None => format!("_{label}"),
            };
            Collection {
                output: is_posts || settings.output.unwrap_or(false),
                declared: !is_posts,
                label,
                dir,
                permalink,
                doc_type: DocumentType::Document,
            }
        })
        .collect()
}

/// A collection's type when `masthead.collections` or its label says it;
/// `None` leaves it to the zero-config rule ([`inferred_type`]).
fn declared_type(label: &str, config: &SiteConfig) -> Option<DocumentType> {
    if let Some(mapping) = config
        .masthead
        .as_ref()
        .and_then(|m| m.collections.get(label))
    {
        return Some(mapping.doc_type());
    }
    match label {
        "events" => Some(DocumentType::Event),
        "team" | "authors" => Some(DocumentType::Author),
        "posts" => Some(DocumentType::Post),
        _ => None,
    }
}

/// The zero-config type of any other collection: posts when one of its
/// documents is dated (by file name or front matter), else plain documents.
fn inferred_type(has_dates: bool) -> DocumentType {
    if has_dates {
        DocumentType::Post
    } else {
        DocumentType::Document
    }
}

/// What the site keeps of each file besides its document.
struct Rest {
    /// Index of the file's collection.
    collection: usize,
    /// A document dated by its file name or its front matter (what the
    /// zero-config rule asks).
    dated: bool,
    diags: Vec<Diagnostic>,
    rel: String,
    text: String,
}

impl Rest {
    /// A file gone between the walk and its read: no text, nothing to say.
    fn vanished(collection: usize, rel: String) -> Self {
        Rest {
            collection,
            dated: false,
            diags: Vec::new(),
            rel,
            text: String::new(),
        }
    }
}

/// Types and resolves a parsed file of collection `index`: its document,
/// if it is one, and the rest.
fn resolve_parsed(
    index: usize,
    mut p: Parsed,
    collection: &Collection,
    ctx: &Context<'_>,
) -> (Option<Document>, Rest) {
    let mut diags = std::mem::take(&mut p.diagnostics);
    let is_document = p.is_document();
    let from_filename = is_document
        .then(|| filename_date(basename(&p.found.rel)))
        .flatten();
    let dated = from_filename.is_some() || (is_document && p.front_matter_date());
    let root = p.root.take();
    let doc =
        is_document.then(|| resolve_document(&p, root, from_filename, collection, ctx, &mut diags));
    for d in &mut diags {
        if d.file.is_none() {
            d.file = Some(p.found.rel.clone());
        }
    }
    let rest = Rest {
        collection: index,
        dated,
        diags,
        rel: p.found.rel,
        text: p.text,
    };
    (doc, rest)
}

fn report_unknown_mappings(
    config: &LoadedConfig,
    collections: &[Collection],
    out: &mut Vec<Diagnostic>,
) {
    let Some(m) = &config.config.masthead else {
        return;
    };
    for label in m.collections.keys() {
        if collections.iter().any(|c| &c.label == label) {
            continue;
        }
        let mut d = Diagnostic::new(
            codes::UNKNOWN_COLLECTION,
            Severity::Warning,
            format!(
                "`masthead.collections` maps `{label}`, which is not a collection of this site"
            ),
        )
        .with_help("declare it under `collections:` or remove the mapping");
        if let (Some(file), Some(root)) = (&config.file, &config.root) {
            let path = KeyPath::root().key("masthead").key("collections");
            if let Some(entry) = root
                .at(&path)
                .and_then(Node::as_mapping)
                .and_then(|map| map.get_entry(label))
            {
                d = d
                    .in_file(file.clone())
                    .with_primary(entry.key.span, "no such collection");
            }
        }
        out.push(d);
    }
}

/// Reads the start of a file, up to and including its front matter's
/// closing line (or the first block when it has none), never splitting a
/// character.
///
/// The first block is read into a buffer each thread reuses, and copied
/// into a vector of exactly the size kept: a pre-commit check reads 10,000
/// such beginnings, and vectors with a whole block's capacity each cost a
/// page of fresh memory (twice the wall-clock time of reading the whole
/// files), as a zeroed buffer per file costs a block of writes.
///
/// Returns the bytes, and how [`split`] reads them when it had to look.
///
/// More than `max_bytes` read is an error of kind `FileTooLarge`: front
/// matter that never closes would otherwise have the whole file read.
fn read_front_matter(path: &Path, max_bytes: u64) -> std::io::Result<(Vec<u8>, Option<Split>)> {
    const CHUNK: usize = 8192;
    thread_local! {
        static BLOCK: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0; CHUNK]);
    }
    let file = std::fs::File::open(path)?;
    BLOCK.with_borrow_mut(|block| read_front_matter_with(file, block, max_bytes))
}

/// [`read_front_matter`] with the block to read into.
fn read_front_matter_with(
    file: std::fs::File,
    block: &mut [u8],
    max_bytes: u64,
) -> std::io::Result<(Vec<u8>, Option<Split>)> {
    use std::io::Read;
    // One byte more than allowed tells a file at the limit from a larger one.
    let mut file = file.take(max_bytes.saturating_add(1));
    let mut buf: Vec<u8> = Vec::new();
    let too_large = |read: usize| {
        if read as u64 > max_bytes {
            Err(too_large_error(None, max_bytes))
        } else {
            Ok(())
        }
    };
    loop {
        let n = match file.read(block) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok((buf, None));
        }
        too_large(buf.len() + n)?;
        #[expect(
            clippy::indexing_slicing,
            reason = "`Read::read` returns at most the buffer's length"
        )]
        let read = &block[..n];
        let (valid, complete) = {
            let so_far: &[u8] = if buf.is_empty() {
                read
            } else {
                buf.extend_from_slice(read);
                &buf
            };
            match std::str::from_utf8(so_far) {
                Ok(text) => (text.len(), front_matter_complete(text)),
                // Cut in the middle of a character: look at what is complete.
                Err(e) if e.error_len().is_none() => {
                    let valid = e.valid_up_to();
                    let complete = so_far.get(..valid).unwrap_or_default();
                    let text = std::str::from_utf8(complete).unwrap_or("");
                    (valid, front_matter_complete(text))
                }
                // Not UTF-8: read it all so the usual diagnostic has its offset.
                Err(_) => {
                    if buf.is_empty() {
                        buf.extend_from_slice(read);
                    }
                    file.read_to_end(&mut buf)?;
                    too_large(buf.len())?;
                    return Ok((buf, None));
                }
            }
        };
        if let Some((keep, split)) = complete {
            debug_assert!(keep <= valid);
            if buf.is_empty() {
                // As `truncate` below, keeping all when `keep` is past the end.
                return Ok((read.get(..keep).unwrap_or(read).to_vec(), Some(split)));
            }
            buf.truncate(keep);
            buf.shrink_to_fit();
            return Ok((buf, Some(split)));
        }
        if buf.is_empty() {
            buf.extend_from_slice(read);
        }
    }
}

/// Reads a whole file of at most `max_bytes` bytes; a larger one is an
/// error of kind `FileTooLarge`, found from its size before reading it
/// (or while reading, for a file that grows).
pub(crate) fn read_whole(path: &Path, max_bytes: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let size = file.metadata().map(|m| m.len()).ok();
    if let Some(size) = size.filter(|&s| s > max_bytes) {
        return Err(too_large_error(Some(size), max_bytes));
    }
    let mut bytes = Vec::with_capacity(size.unwrap_or(0).try_into().unwrap_or(0));
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large_error(None, max_bytes));
    }
    Ok(bytes)
}

/// The error [`read_whole`] and [`read_front_matter`] give for a file over
/// `max_bytes` (`size`, when known).
fn too_large_error(size: Option<u64>, max_bytes: u64) -> std::io::Error {
    let size = match size {
        Some(size) => format!("{} ({size} bytes)", human_bytes(size)),
        None => format!("more than {}", human_bytes(max_bytes)),
    };
    std::io::Error::new(
        std::io::ErrorKind::FileTooLarge,
        format!(
            "this file is {size}, larger than the largest masthead reads ({}); it is not read",
            human_bytes(max_bytes)
        ),
    )
}

/// `n` with a comma between each group of three digits (`100,000`).
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `bytes` in the largest binary unit that keeps it at least 1.
fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 3] = ["KiB", "MiB", "GiB"];
    let mut value = bytes as f64;
    let mut unit = None;
    for name in UNITS {
        if value < 1024.0 {
            break;
        }
        value /= 1024.0;
        unit = Some(name);
    }
    match unit {
        None => format!("{bytes} bytes"),
        Some(unit) if value.fract() == 0.0 => format!("{value:.0} {unit}"),
        Some(unit) => format!("{value:.1} {unit}"),
    }
}

/// The `LIM001` diagnostic for a file over the size limit (`e` from
/// [`too_large_error`] says the sizes).
pub(crate) fn too_large_diagnostic(e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(codes::FILE_TOO_LARGE, Severity::Error, e.to_string()).with_help(
        "split the file, or raise the limit with `--max-file-size` if it is really content",
    )
}

/// `ENC003` for a document saved as UTF-16 (a UTF-16 byte-order mark at
/// its start); `None` for other files, which Jekyll copies as they are.
fn utf16_diagnostic(bytes: &[u8], rel: &str) -> Option<Diagnostic> {
    let endian = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => "little-endian",
        Some([0xFE, 0xFF]) => "big-endian",
        _ => return None,
    };
    let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
    if !(is_markdown_ext(ext)
        || ext.eq_ignore_ascii_case("html")
        || ext.eq_ignore_ascii_case("htm"))
    {
        return None;
    }
    Some(
        Diagnostic::new(
            codes::UTF16,
            Severity::Error,
            format!("this document is saved as UTF-16 ({endian}); Jekyll reads only UTF-8 and copies it as a static file"),
        )
        .with_primary(Span::new(0, 2), "UTF-16 byte-order mark")
        .with_help("save the file as UTF-8 (in most editors: Save with Encoding → UTF-8)"),
    )
}

/// `ENC004` at the first NUL byte of a document's `body`, which is binary
/// content more often than text (NUL in front matter is a YAML error).
fn nul_in_body(text: &str, body: Span) -> Option<Diagnostic> {
    let at = body.start + memchr::memchr(0, text.as_bytes().get(body.start..body.end)?)?;
    Some(
        Diagnostic::new(
            codes::NUL_BYTE,
            Severity::Warning,
            "the body contains a NUL byte, a sign of binary content pasted or saved into the text",
        )
        .with_primary(Span::new(at, at + 1), "NUL byte")
        .with_help("remove it; Markdown renders it as U+FFFD (\u{FFFD})"),
    )
}

/// `CFG006` for each declared collection whose folder does not exist: a
/// typo in the label or the folder, which Jekyll passes over in silence.
fn report_missing_folders(
    root: &Path,
    config: &LoadedConfig,
    collections: &[Collection],
    out: &mut Vec<Diagnostic>,
) {
    for c in collections.iter().filter(|c| c.declared) {
        if root.join(&c.dir).is_dir() {
            continue;
        }
        let mut d = Diagnostic::new(
            codes::MISSING_COLLECTION_FOLDER,
            Severity::Warning,
            format!(
                "the collection `{}` is declared, but its folder `{}` does not exist",
                c.label, c.dir
            ),
        )
        .with_help(format!(
            "create `{}/`, or correct the label if the folder has another name",
            c.dir
        ));
        if let (Some(file), Some(root)) = (&config.file, &config.root) {
            let path = KeyPath::root().key("collections");
            let entry = root.at(&path).and_then(|n| match &n.kind {
                masthead_yaml::NodeKind::Mapping(m) => m.get_entry(&c.label).map(|e| e.key.span),
                masthead_yaml::NodeKind::Sequence(items) => items
                    .iter()
                    .find(|i| i.as_scalar().is_some_and(|s| s.text == c.label))
                    .map(|i| i.span),
                masthead_yaml::NodeKind::Scalar(_) => None,
            });
            d = d.in_file(file.clone());
            if let Some(span) = entry {
                d = d.with_primary(span, "no folder for this collection");
            }
        }
        out.push(d);
    }
}

/// The diagnostic for a collection entry the walk did not read.
fn skipped_diagnostic(s: Skipped) -> Diagnostic {
    let d = match s.why {
        Skip::Symlink { target } => Diagnostic::new(
            codes::SYMLINK,
            Severity::Warning,
            format!(
                "this is a symbolic link (to `{}`); masthead does not follow links, so what it points to is not checked or rendered",
                target.escape_debug()
            ),
        )
        .with_help("copy the file into the collection instead; GitHub Pages' Jekyll ignores links too"),
        Skip::NotUtf8Name => Diagnostic::new(
            codes::NON_UTF8_NAME,
            Severity::Warning,
            "this file's name is not valid UTF-8, so it cannot become a URL; it is not read",
        )
        .with_help("rename the file using UTF-8 (most often a name saved in Latin-1)"),
        Skip::Unreadable(why) => Diagnostic::new(
            codes::UNREADABLE,
            Severity::Error,
            format!("cannot read this folder: {why}"),
        ),
    };
    d.in_file(s.rel)
}

/// Keeps the first `max` files of `walked` (collections in path order, each
/// in path order) and reports the rest once (`LIM002`).
fn limit_documents(walked: &mut [(usize, Vec<Found>)], max: usize) -> Option<Diagnostic> {
    let total: usize = walked.iter().map(|(_, files)| files.len()).sum();
    if total <= max {
        return None;
    }
    let mut budget = max;
    let mut first_left_out = None;
    for (_, files) in walked.iter_mut() {
        let keep = budget.min(files.len());
        if first_left_out.is_none() {
            first_left_out = files.get(keep).map(|f| f.rel.clone());
        }
        files.truncate(keep);
        budget -= keep;
    }
    let mut d = Diagnostic::new(
        codes::TOO_MANY_DOCUMENTS,
        Severity::Error,
        format!(
            "the collections hold {total} files, more than the {max} masthead reads; the first {max} in path order are read, the other {} are not",
            total - max
        ),
    )
    .with_help("raise the limit with `--max-documents` if the site is really this large");
    if let Some(rel) = first_left_out {
        d = d.in_file(rel).with_note("this is the first file not read");
    }
    Some(d)
}

/// How much of the beginning `text` to keep and how [`split`] reads it,
/// once more of the file could not change that: when the closing fence's
/// line is whole (keep the front matter and its fences, with an empty
/// body), or when the first line is whole and opens no front matter.
fn front_matter_complete(text: &str) -> Option<(usize, Split)> {
    match split(text) {
        Split::Closed {
            bom,
            open,
            yaml,
            close,
            ..
        } if text[..close.end].ends_with('\n') => Some((
            close.end,
            Split::Closed {
                bom,
                open,
                yaml,
                close,
                body: Span::new(close.end, close.end),
            },
        )),
        none @ Split::None { .. } if text.contains('\n') => Some((text.len(), none)),
        _ => None,
    }
}

/// Whether `rel` is in an optional set of paths (`None`: every path is).
/// A hook's few staged files are compared directly, without hashing each
/// of the site's paths.
fn in_set(set: &Option<std::collections::HashSet<String>>, rel: &str) -> bool {
    set.as_ref().is_none_or(|s| {
        if s.len() <= 8 {
            s.iter().any(|p| p == rel)
        } else {
            s.contains(rel)
        }
    })
}

/// How [`read_and_parse`] reads one file.
#[derive(Clone, Copy)]
struct ReadHow {
    /// The whole file, or only its front matter.
    whole: bool,
    /// With the problems of the file alone, or only what the model needs.
    report: bool,
    /// Files larger than this are not read ([`LoadOptions::max_file_bytes`]).
    max_bytes: u64,
}

/// Reads and parses one file as `read` says. `Err` gives the file back
/// when it vanished between listing and reading (nothing to report about
/// a file that is not there).
fn read_and_parse(found: Found, options: &ParseOptions, read: ReadHow) -> Result<Parsed, Found> {
    // A file that cannot be read is no document; it keeps its diagnostics.
    let unreadable = |found: Found, diagnostics: Vec<Diagnostic>| Parsed {
        found,
        text: String::new(),
        split: Split::None { bom: 0 },
        root: None,
        broken: true,
        diagnostics,
    };
    let mut diagnostics = Vec::new();
    let result = if read.whole {
        read_whole(&found.abs, read.max_bytes).map(|b| (b, None))
    } else {
        read_front_matter(&found.abs, read.max_bytes)
    };
    let (bytes, known_split) = match result {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(found),
        Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => {
            diagnostics.push(too_large_diagnostic(&e));
            return Ok(unreadable(found, diagnostics));
        }
        Err(e) => {
            diagnostics.push(Diagnostic::new(
                codes::UNREADABLE,
                Severity::Error,
                format!("cannot read this file: {e}"),
            ));
            return Ok(unreadable(found, diagnostics));
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let front = split(&text);
            // Only a file that would be a document is worth a diagnostic:
            // binary files in a collection are Jekyll's static files.
            if let Some(d) = utf16_diagnostic(e.as_bytes(), &found.rel) {
                diagnostics.push(d);
            } else if !matches!(front, Split::None { .. }) {
                diagnostics.push(
                    Diagnostic::new(
                        codes::INVALID_UTF8,
                        Severity::Error,
                        format!("this file is not valid UTF-8: the byte at offset {at} is not part of a UTF-8 character"),
                    )
                    .with_primary(Span::new(at, at + 1), "not UTF-8")
                    .with_help(format!(
                        "save the file as UTF-8{}",
                        match e.as_bytes().get(at) {
                            Some(0x80..=0x9f) => " (byte 0x80–0x9F: probably Windows-1252 text, such as a curly quote)",
                            _ => "",
                        }
                    )),
                );
            }
            // Keep the text (lossily) so the diagnostic can show its line;
            // offsets before the first bad byte are unchanged.
            let mut parsed = unreadable(found, diagnostics);
            parsed.text = text;
            return Ok(parsed);
        }
    };
    debug_assert!(diagnostics.is_empty(), "read problems return early");
    Ok(parse_text(found, text, known_split, options, read.report))
}

/// Splits and parses the text of a file read by [`read_and_parse`] (the
/// split, when the read already found it); `report` as there.
fn parse_text(
    found: Found,
    text: String,
    known_split: Option<Split>,
    options: &ParseOptions,
    report: bool,
) -> Parsed {
    let mut diagnostics = Vec::new();
    let front = known_split.unwrap_or_else(|| split(&text));
    let mut root = None;
    let mut broken = false;
    match &front {
        Split::None { .. } => {}
        Split::Unclosed { open, .. } => {
            broken = true;
            diagnostics.push(
                Diagnostic::new(
                    codes::UNCLOSED_FRONT_MATTER,
                    Severity::Error,
                    "front matter is opened here but never closed",
                )
                .with_primary(Span::new(open.start, open.start + 3), "no `---` line closes this")
                .with_help("add a line `---` after the last front-matter key; until then Jekyll reads the whole file as body"),
            );
        }
        Split::Closed {
            open, yaml, body, ..
        } => {
            if report && let Some(d) = nul_in_body(&text, *body) {
                diagnostics.push(d);
            }
            let yaml_text = &text[open.start..yaml.end];
            match masthead_yaml::parse(yaml_text, options) {
                Ok(doc) => {
                    if let Some(mut node) = doc.into_root() {
                        node.shift(open.start);
                        if node.as_mapping().is_some() {
                            // Jekyll's safe loader refuses the whole front
                            // matter over one refused tag; so does masthead.
                            if report {
                                let found = checks::tree_checks(&node, &text);
                                broken = found.iter().any(|d| d.code == codes::DISALLOWED_TAG);
                                diagnostics.extend(found);
                            } else {
                                broken = checks::refuses_tag(&node);
                            }
                            if !broken {
                                root = Some(node);
                            }
                        } else if !node.is_null() {
                            broken = true;
                            diagnostics.push(
                                Diagnostic::new(
                                    codes::NOT_A_MAPPING,
                                    Severity::Error,
                                    format!(
                                        "front matter must be a mapping of keys to values, not {}",
                                        node.type_name()
                                    ),
                                )
                                .with_primary(node.span, "this is not `key: value` lines")
                                .with_help("write front matter as `key: value` lines"),
                            );
                        }
                    }
                }
                Err(e) => {
                    broken = true;
                    diagnostics.push(yaml_error_diagnostic(&e, &text, open.start, options));
                }
            }
        }
    }
    Parsed {
        found,
        text,
        split: front,
        root,
        broken,
        diagnostics,
    }
}

/// The diagnostic for YAML masthead could not read: libyaml's syntax errors
/// (which Jekyll shares), or masthead's own limits (which Jekyll does not have).
fn yaml_error_diagnostic(
    e: &masthead_yaml::YamlError,
    text: &str,
    offset: usize,
    limits: &ParseOptions,
) -> Diagnostic {
    let at = e.span.shifted(offset);
    match e.kind {
        YamlErrorKind::TooDeep | YamlErrorKind::TooLarge => {
            let what = if e.kind == YamlErrorKind::TooDeep {
                format!(
                    "nests lists and mappings more than {} levels deep",
                    thousands(limits.max_depth)
                )
            } else {
                format!(
                    "expands to more than {} values through aliases",
                    thousands(limits.max_nodes)
                )
            };
            Diagnostic::new(
                codes::YAML_LIMIT,
                Severity::Error,
                format!("front matter {what}; masthead stops reading it"),
            )
            .with_primary(at, "the limit is passed here")
            .with_help("write the values out instead of nesting aliases and collections")
            .with_note(
                "Jekyll may still read it; masthead's model of this document has no front matter",
            )
        }
        _ => {
            let mut d = Diagnostic::new(
                codes::YAML_SYNTAX,
                Severity::Error,
                format!("front matter is not valid YAML: {}", e.message),
            )
            .with_primary(at, syntax_label(&e.message));
            if let Some((ctx, span)) = &e.context {
                let span = span.shifted(offset);
                if span.start != at.start {
                    d = d.with_label(span, ctx.clone());
                }
            }
            if let Some(help) = syntax_help(&e.message, text, at.start) {
                d = d.with_help(help);
            }
            d.with_note("Jekyll reads no front matter from this file")
        }
    }
}

pub(crate) fn syntax_label(message: &str) -> &'static str {
    if message.contains("cannot start any token") {
        "this character cannot start a value"
    } else {
        "libyaml stopped here"
    }
}

/// A hint for the syntax errors seen in real files.
pub(crate) fn syntax_help(message: &str, text: &str, at: usize) -> Option<String> {
    let ch = text.get(at..).and_then(|r| r.chars().next());
    if message.contains("cannot start any token") && ch == Some('\t') {
        return Some("YAML does not allow tabs for indentation; indent with spaces".into());
    }
    if message.contains("cannot start any token") && ch == Some('@') {
        return Some("a value cannot start with `@`; put it in quotes".into());
    }
    if message.contains("mapping values are not allowed") {
        return Some("a value containing `: ` must be quoted".into());
    }
    if message.contains("did not find expected key") {
        return Some(
            "check the indentation of this line and the one before it, and for an unclosed quote"
                .into(),
        );
    }
    None
}

struct Context<'a> {
    config: &'a SiteConfig,
    timezone: TimeZone,
    now: Instant,
}

/// Whether `ext` (without its dot, in any case) is an extension Jekyll's
/// Markdown converter takes: what makes a document's or a page's output
/// `.html`, and a UTF-16 file worth a diagnostic.
pub(crate) fn is_markdown_ext(ext: &str) -> bool {
    ["markdown", "mkdown", "mkdn", "mkd", "md"]
        .iter()
        .any(|m| m.eq_ignore_ascii_case(ext))
}

/// Pass 2 for one document.
/// Types and resolves document `p`, whose YAML tree `root` (taken out of
/// `p`) becomes the document's data map; `from_filename` is the date in its
/// file name, if any, and the rest of the name.
fn resolve_document(
    p: &Parsed,
    root: Option<Node>,
    from_filename: Option<(DateValue, &str)>,
    collection: &Collection,
    ctx: &Context<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Document {
    let empty = Node {
        kind: masthead_yaml::NodeKind::Mapping(Default::default()),
        span: Span::default(),
        tag: None,
    };
    let node = root.as_ref().unwrap_or(&empty);
    let spans = node.span_map();
    let layout = layout(p);
    let open_line = layout
        .open_fence
        .map_or(Span::default(), |s| Span::new(s.start, s.start + 3));

    // Typed raw front matter.
    let front_matter = match collection.doc_type {
        DocumentType::Post => {
            FrontMatter::Post(Box::new(typed::<PostFrontMatter>(node, diags, |f, e| {
                f.extra = e
            })))
        }
        DocumentType::Event => {
            let mut f = typed::<EventFrontMatter>(node, diags, |f, e| f.extra = e);
            if let (Some(details), Some(event)) = (
                f.event.as_mut(),
                node.as_mapping().and_then(|m| m.get("event")),
            ) {
                details.extra = crate::decode::extra_keys(
                    event,
                    masthead_yaml::struct_fields::<EventDetails>(),
                );
            }
            FrontMatter::Event(Box::new(f))
        }
        DocumentType::Author => {
            FrontMatter::Author(Box::new(typed::<AuthorFrontMatter>(node, diags, |f, e| {
                f.extra = e
            })))
        }
        DocumentType::Document => FrontMatter::Document(Box::new(typed::<GenericFrontMatter>(
            node,
            diags,
            |f, e| f.extra = e,
        ))),
    };
    let mut front_matter = front_matter;
    reread_plain_dates(&mut front_matter, node);

    if layout.bom > 0 && collection.label != "posts" {
        diags.push(
            Diagnostic::new(
                codes::BOM_STATIC_FILE,
                Severity::Warning,
                "this file starts with a byte-order mark, so Jekyll copies it as a static file instead of reading its front matter",
            )
            .with_primary(Span::new(0, layout.bom), "byte-order mark")
            .with_help("save the file as UTF-8 without a byte-order mark"),
        );
    }

    // Effective data: defaults under the file's own keys.
    // Where each typed `redirect_from` item sits in the file: the typed
    // list drops empty items (`- ` alone), as Jekyll's `compact` does, and
    // positions count them. `None` when none was dropped.
    let redirect_positions: Option<Vec<usize>> = node
        .as_mapping()
        .and_then(|m| m.get("redirect_from"))
        .and_then(Node::as_sequence)
        .filter(|items| items.iter().any(Node::is_null))
        .map(|items| {
            items
                .iter()
                .enumerate()
                .filter(|(_, n)| !n.is_null())
                .map(|(i, _)| i)
                .collect()
        });

    // Effective data: defaults under the file's own keys, whose text moves
    // from the YAML tree (not needed after this) into the data map.
    let in_collections = strip_collections_dir(&p.found.rel, ctx.config);
    let mut data = defaults::applicable(&ctx.config.defaults, in_collections, &collection.label);
    if let Some(own) = root.and_then(Node::into_map) {
        data = defaults::under_defaults(data, own);
    }

    // Filename, slug, extension.
    let basename = p.basename();
    let (ext, stem) = match basename.rfind('.') {
        Some(i) if i > 0 => (&basename[i..], &basename[..i]),
        _ => ("", basename),
    };
    let file_slug = match &from_filename {
        Some((_, rest)) => rest.rfind('.').map_or(*rest, |i| &rest[..i]),
        None => stem,
    }
    .trim_end_matches('.')
    .to_string();
    let slug = data
        .get("slug")
        .and_then(scalar_text)
        .unwrap_or_else(|| file_slug.clone());
    // Jekyll's Renderer#output_ext: a front-matter permalink's own
    // extension wins (`/feeds/data.json`), else the converter's.
    let front_permalink = data.get("permalink").and_then(scalar_text);
    let output_ext = match front_permalink
        .as_deref()
        .and_then(permalink::permalink_ext)
    {
        Some(ext) => ext.to_string(),
        None if is_markdown_ext(ext.trim_start_matches('.')) => ".html".to_string(),
        None => ext.to_string(),
    };

    // Date.
    diags.extend(malformed_dates(&front_matter, &spans, &ctx.timezone));
    let (date, date_source) = resolve_date(
        &front_matter,
        &data,
        from_filename.as_ref().map(|d| &d.0),
        &spans,
        ctx,
        diags,
    );

    // Categories, as Jekyll's populate_categories merges them.
    let categories = categories(&data);

    // Publication.
    // Jekyll leaves a document unwritten when `published` is present and
    // falsy in Ruby: `false` (also `no`/`off`) or an empty value (nil).
    let published_value = data.get("published");
    let falsy = matches!(published_value, Some(Value::Bool(false) | Value::Null));
    let mut publication = if falsy && ctx.config.unpublished != Some(true) {
        Publication::Unpublished
    } else {
        Publication::Published
    };
    if let Some(Value::String(s)) = published_value
        && s.trim().eq_ignore_ascii_case("false")
    {
        let span = spans.value_span("published").unwrap_or(open_line);
        diags.push(
            Diagnostic::new(
                codes::STRING_BOOLEAN,
                Severity::Warning,
                format!("`published: {s:?}` is a string, so Jekyll publishes this document"),
            )
            .with_primary(span, "a string, not the boolean `false`")
            .with_help("write `published: false` without quotes to keep it unpublished"),
        );
    }
    if publication == Publication::Published
        && ctx.config.future != Some(true)
        && let Some(d) = &date
        && d.instant() > ctx.now
    {
        publication = Publication::Future;
        let span = match date_source {
            DateSource::FrontMatter => spans.value_span("date"),
            _ => None,
        };
        let mut diag = Diagnostic::new(
            codes::FUTURE_DOCUMENT,
            Severity::Info,
            format!(
                "dated {}, in the future: Jekyll will not build it until then",
                d.to_rfc3339()
            ),
        );
        if let Some(span) = span {
            diag = diag.with_primary(span, "future date");
        }
        diags.push(diag.with_help("set `future: true` in _config.yml to build future documents"));
    }

    // URL and output path.
    let placeholder_date = date
        .as_ref()
        .map(ResolvedDate::local)
        .unwrap_or_else(|| ctx.now.in_zone(&ctx.timezone).local());
    let cleaned = permalink::cleaned_relative_path(&p.found.rel, &collection.dir, ext);
    let placeholders = Placeholders {
        collection: &collection.label,
        path: &cleaned,
        basename: stem,
        slug: &slug,
        categories: &categories,
        date: placeholder_date,
        output_ext: &output_ext,
    };
    let url = match front_permalink
        .as_deref()
        .map(|t| permalink::expand(t, &placeholders))
    {
        Some(Ok(url)) => url,
        other => {
            if let Some(Err(e)) = other {
                let span = spans.value_span("permalink").unwrap_or(open_line);
                diags.push(permalink_error(&e, span, &p.text));
            }
            match permalink::expand(&collection.permalink, &placeholders) {
                Ok(url) => url,
                Err(e) => {
                    diags.push(Diagnostic::new(
                        codes::INVALID_PERMALINK,
                        Severity::Error,
                        format!(
                            "the `{}` collection's permalink cannot be expanded: {e}",
                            collection.label
                        ),
                    ));
                    format!("/{}/{}", collection.label, file_slug)
                }
            }
        }
    };
    let output = collection
        .output
        .then(|| permalink::document_output_path(&url, &output_ext));

    // Redirects.
    let (redirect_from_raw, redirect_to_raw) = redirect_fields(&front_matter);
    let mut redirect_from = Vec::new();
    if let Some(list) = redirect_from_raw {
        let single = matches!(list, OneOrMany::One(_));
        for (n, written) in list.as_slice().iter().enumerate() {
            let index = redirect_positions
                .as_ref()
                .and_then(|at| at.get(n).copied())
                .unwrap_or(n);
            // jekyll-redirect-from's `ensure_leading_slash`: the key it
            // writes to redirects.json.
            let path = if written.starts_with('/') {
                written.clone()
            } else {
                format!("/{written}")
            };
            if !written.starts_with('/') {
                let key = if single {
                    "redirect_from".to_string()
                } else {
                    format!("redirect_from[{index}]")
                };
                let span = spans.value_span(&key).unwrap_or(open_line);
                diags.push(
                    Diagnostic::new(
                        codes::REDIRECT_MISSING_SLASH,
                        Severity::Warning,
                        format!("redirect path `{written}` has no leading slash; jekyll-redirect-from reads it as `{path}`"),
                    )
                    .with_primary(span, "no leading `/`")
                    .with_help(format!("write `{path}`")),
                );
            }
            redirect_from.push(RedirectFrom {
                written: written.clone(),
                path,
                index,
            });
        }
    }
    // The first entry counts (`compact.first`: items left empty are
    // skipped, but `""` is an entry, which redirects to the home page).
    let redirect_to =
        redirect_to_raw.and_then(|r| r.as_slice().first().map(|t| redirect_target(t)));

    // Typed content and required fields.
    let host_default = ctx.config.title.clone();
    let (content, title) = content(
        &front_matter,
        host_default,
        &ctx.timezone,
        &spans,
        open_line,
        p.broken,
        diags,
    );

    Document {
        id: DocumentId(0),
        path: p.found.rel.clone(),
        collection: collection.label.clone(),
        doc_type: collection.doc_type,
        front_matter,
        data,
        spans,
        layout,
        content,
        title,
        slug,
        categories,
        date,
        date_source,
        url,
        output,
        publication,
        redirect_from,
        redirect_to,
    }
}

/// Unquoted timestamps reach Jekyll as YAML timestamps (UTC when they have
/// no zone), quoted ones as strings (site time): the typed pass read every
/// date as a string, so re-read the unquoted ones.
fn reread_plain_dates(fm: &mut FrontMatter, node: &Node) {
    /// The plain scalar at `path` (keys from the root, last one winning),
    /// read as a YAML timestamp.
    fn plain(node: &Node, path: &[&str]) -> Option<DateValue> {
        let n = path
            .iter()
            .try_fold(node, |n, key| n.as_mapping()?.get(key))?;
        let s = n
            .as_scalar()
            .filter(|s| s.style == masthead_yaml::ScalarStyle::Plain && n.tag.is_none())?;
        DateValue::parse_plain_yaml(&s.text).ok()
    }
    fn fix(slot: &mut Option<DateValue>, node: &Node, path: &[&str]) {
        if slot.is_some()
            && let Some(d) = plain(node, path)
        {
            *slot = Some(d);
        }
    }
    fn fix_optional(slot: &mut Option<OptionalDate>, node: &Node, path: &[&str]) {
        if matches!(slot, Some(OptionalDate::Date(_)))
            && let Some(d) = plain(node, path)
        {
            *slot = Some(OptionalDate::Date(d));
        }
    }
    match fm {
        FrontMatter::Post(f) => {
            fix(&mut f.date, node, &["date"]);
            fix(&mut f.end_date, node, &["end-date"]);
        }
        FrontMatter::Event(f) => {
            fix(&mut f.date, node, &["date"]);
            if let Some(e) = f.event.as_mut() {
                fix_optional(&mut e.start, node, &["event", "start"]);
                fix_optional(&mut e.end, node, &["event", "end"]);
                fix_optional(&mut e.deadline, node, &["event", "deadline"]);
            }
        }
        FrontMatter::Document(f) => fix(&mut f.date, node, &["date"]),
        FrontMatter::Author(_) => {}
    }
}

/// The diagnostic for a front-matter permalink Jekyll cannot expand,
/// pointing at the placeholder itself when it can be found.
fn permalink_error(e: &permalink::PermalinkError, span: Span, text: &str) -> Diagnostic {
    let d = Diagnostic::new(
        codes::INVALID_PERMALINK,
        Severity::Error,
        format!("permalink cannot be expanded: {e}"),
    );
    match e {
        permalink::PermalinkError::UnknownPlaceholder { placeholder, .. } => {
            let needle = format!(":{placeholder}");
            let at = text
                .get(span.start..span.end)
                .and_then(|v| v.find(&needle))
                .map(|i| Span::new(span.start + i, span.start + i + needle.len()))
                .unwrap_or(span);
            d.with_primary(at, "Jekyll reads this as a placeholder")
                .with_help("a `:` followed by letters is a placeholder; if it is part of the address, write `-` instead, else use a placeholder Jekyll knows (`:title`, `:year`, …)")
                .with_note("Jekyll stops the build on this permalink")
        }
        _ => d
            .with_primary(span, "this permalink")
            .with_note("Jekyll stops the build on this permalink"),
    }
}

fn typed<T: serde::de::DeserializeOwned + Default>(
    node: &Node,
    diags: &mut Vec<Diagnostic>,
    set_extra: impl FnOnce(&mut T, Map),
) -> T {
    let Decoded {
        mut value,
        extra,
        diagnostics,
    } = decode::<T>(node, "front matter");
    diags.extend(diagnostics);
    set_extra(&mut value, extra);
    value
}

fn layout(p: &Parsed) -> Layout {
    let mut l = Layout {
        bom: p.split.bom(),
        body: p.split.body(p.text.len()),
        crlf: p.text.contains("\r\n"),
        ..Layout::default()
    };
    match &p.split {
        Split::Closed {
            open, yaml, close, ..
        } => {
            l.open_fence = Some(*open);
            l.front_matter = Some(*yaml);
            l.close_fence = Some(*close);
        }
        Split::Unclosed { open, .. } => l.open_fence = Some(*open),
        Split::None { .. } => {}
    }
    l
}

fn strip_collections_dir<'a>(rel: &'a str, config: &SiteConfig) -> &'a str {
    match config
        .collections_dir
        .as_deref()
        .map(|d| d.trim_matches('/'))
    {
        Some(d) if !d.is_empty() => rel
            .strip_prefix(d)
            .map(|r| r.trim_start_matches('/'))
            .unwrap_or(rel),
        _ => rel,
    }
}

/// A scalar value as Ruby's `to_s` would print it.
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Integer(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn categories(data: &Map) -> Vec<String> {
    fn to_list(v: &Value) -> Vec<String> {
        match v {
            Value::Null => Vec::new(),
            Value::List(items) => items
                .iter()
                .flat_map(|i| match i {
                    Value::List(_) => to_list(i),
                    Value::Null => vec![String::new()],
                    other => vec![scalar_text(other).unwrap_or_default()],
                })
                .collect(),
            other => scalar_text(other).into_iter().collect(),
        }
    }
    // Document#merge_categories! splits a string `categories` on whitespace
    // as it merges the front matter in.
    let mut out = match data.get("categories") {
        Some(Value::String(s)) => s.split_whitespace().map(str::to_string).collect(),
        Some(other) => to_list(other),
        None => Vec::new(),
    };
    let singular = data.get("category").filter(|v| !v.is_null());
    let extra = match singular {
        Some(Value::List(items)) => items
            .iter()
            .filter(|i| !i.is_null())
            .flat_map(to_list)
            .collect(),
        Some(other) => to_list(other),
        None => match data.get("categories") {
            Some(Value::String(s)) => s.split_whitespace().map(str::to_string).collect(),
            Some(Value::List(items)) => items
                .iter()
                .filter(|i| !i.is_null())
                .flat_map(to_list)
                .collect(),
            _ => Vec::new(),
        },
    };
    out.extend(extra);
    dedup_in_order(&mut out);
    out
}

/// Drops the repeats of each string after its first place. A document has
/// a few categories: comparing each with those kept beats hashing copies;
/// a long list (hostile input) is hashed.
fn dedup_in_order(list: &mut Vec<String>) {
    if list.len() > 16 {
        let first: Vec<bool> = {
            let mut seen = std::collections::HashSet::with_capacity(list.len());
            list.iter().map(|c| seen.insert(c.as_str())).collect()
        };
        let mut first = first.into_iter();
        list.retain(|_| first.next().unwrap_or(true));
        return;
    }
    let mut kept = 0;
    for j in 0..list.len() {
        let (Some(earlier), Some(item)) = (list.get(..kept), list.get(j)) else {
            break;
        };
        if !earlier.contains(item) {
            list.swap(kept, j);
            kept += 1;
        }
    }
    list.truncate(kept);
}

/// DT001 for every date of the front matter that Jekyll reads, but not as
/// written. A zone-less unquoted timestamp is left to the rule that explains
/// time zones (DT005): it is well-formed, just surprising.
fn malformed_dates(fm: &FrontMatter, spans: &SpanMap, tz: &TimeZone) -> Vec<Diagnostic> {
    let mut dates: Vec<(&str, Option<&DateValue>)> = Vec::new();
    match fm {
        FrontMatter::Post(f) => {
            dates.push(("date", f.date.as_ref()));
            dates.push(("end-date", f.end_date.as_ref()));
        }
        FrontMatter::Event(f) => {
            dates.push(("date", f.date.as_ref()));
            if let Some(e) = &f.event {
                dates.push(("event.start", e.start.as_ref().and_then(OptionalDate::date)));
                dates.push(("event.end", e.end.as_ref().and_then(OptionalDate::date)));
                dates.push((
                    "event.deadline",
                    e.deadline.as_ref().and_then(OptionalDate::date),
                ));
            }
        }
        FrontMatter::Document(f) => dates.push(("date", f.date.as_ref())),
        FrontMatter::Author(_) => {}
    }
    let mut out = Vec::new();
    for (path, date) in dates {
        let Some(d) = date else { continue };
        let Some(problem) = d.problems().iter().find(|p| {
            !matches!(
                p,
                masthead_model::date::DateProblem::UnquotedWithoutZone { .. }
            )
        }) else {
            continue;
        };
        let span = spans.value_span(path).unwrap_or_default();
        out.push(
            Diagnostic::new(
                codes::MALFORMED_DATE,
                Severity::Warning,
                format!("`{path}: {}` is malformed", d.written()),
            )
            .with_primary(span, problem.to_string())
            .with_help(format!("write `{}`", d.resolve(tz).to_rfc3339())),
        );
    }
    out
}

fn resolve_date(
    fm: &FrontMatter,
    data: &Map,
    from_filename: Option<&DateValue>,
    spans: &SpanMap,
    ctx: &Context<'_>,
    diags: &mut Vec<Diagnostic>,
) -> (Option<ResolvedDate>, DateSource) {
    let typed_date = match fm {
        FrontMatter::Post(f) => f.date.clone(),
        FrontMatter::Event(f) => f.date.clone(),
        FrontMatter::Document(f) => f.date.clone(),
        FrontMatter::Author(_) => None,
    };
    let date_span = spans.value_span("date");
    // A date the typed pass rejected has been reported (DT002 is given below
    // for its text); one that only defaults supply is read from the data.
    let written = typed_date.or_else(|| {
        let text = data.get("date").and_then(scalar_text)?;
        match DateValue::parse(&text) {
            Ok(d) => Some(d),
            Err(_) if date_span.is_some() => None,
            Err(e) => {
                diags.push(Diagnostic::new(
                    codes::INVALID_DATE,
                    Severity::Error,
                    format!("the default `date: {text}` cannot be read: {e}"),
                ));
                None
            }
        }
    });
    if let Some(d) = written {
        return (Some(d.resolve(&ctx.timezone)), DateSource::FrontMatter);
    }
    if let Some(d) = from_filename {
        return (Some(d.resolve(&ctx.timezone)), DateSource::Filename);
    }
    (None, DateSource::None)
}

/// A `redirect_to` target as jekyll-redirect-from resolves it, without the
/// site's `url` and `baseurl`: an absolute URL (any scheme) as written, a
/// site path with a leading slash (`team/x/` → `/team/x/`, `""` → `/`).
pub(crate) fn redirect_target(written: &str) -> String {
    let t = written.trim();
    let scheme = t.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if scheme || t.starts_with('/') {
        t.to_string()
    } else {
        format!("/{t}")
    }
}

fn redirect_fields(fm: &FrontMatter) -> (Option<&OneOrMany<String>>, Option<&OneOrMany<String>>) {
    match fm {
        FrontMatter::Post(f) => (f.redirect_from.as_ref(), f.redirect_to.as_ref()),
        FrontMatter::Event(f) => (f.redirect_from.as_ref(), f.redirect_to.as_ref()),
        FrontMatter::Author(f) => (f.redirect_from.as_ref(), f.redirect_to.as_ref()),
        FrontMatter::Document(f) => (f.redirect_from.as_ref(), f.redirect_to.as_ref()),
    }
}

fn missing(field: &str, what: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        codes::MISSING_FIELD,
        Severity::Error,
        format!("{what} has no `{field}`"),
    )
    .with_primary(span, format!("`{field}` is required in this front matter"))
    .with_help(format!("add `{field}:` to the front matter"))
}

fn optional_date(d: Option<&OptionalDate>, tz: &TimeZone) -> Option<ResolvedDate> {
    d.and_then(OptionalDate::date).map(|d| d.resolve(tz))
}

#[allow(clippy::too_many_arguments)]
fn content(
    fm: &FrontMatter,
    host_default: Option<String>,
    tz: &TimeZone,
    spans: &SpanMap,
    open_line: Span,
    broken: bool,
    diags: &mut Vec<Diagnostic>,
) -> (Content, Option<String>) {
    let post_of = |excerpt: &Option<String>,
                   author: &Option<String>,
                   image: &Option<String>,
                   image_alt: &Option<String>,
                   video: &Option<String>| {
        let mut post = Post::default();
        post.excerpt = excerpt.clone();
        post.author = author.as_ref().map(|w| AuthorRef {
            written: w.clone(),
            name: AuthorRef::normalize(w),
            author: None,
        });
        post.image = image.clone();
        post.image_alt = image_alt.clone();
        post.video = video.clone();
        post
    };
    match fm {
        FrontMatter::Post(f) => {
            if f.title.is_none() && !broken && !diags_mention(diags, "title") {
                diags.push(missing("title", "this post", open_line));
            }
            let mut post = post_of(&f.excerpt, &f.author, &f.image, &f.image_alt, &f.video);
            post.link = f.link.clone();
            post.end_date = f.end_date.as_ref().map(|d| d.resolve(tz));
            (Content::Post(Box::new(post)), f.title.clone())
        }
        FrontMatter::Event(f) => {
            if f.title.is_none() && !broken && !diags_mention(diags, "title") {
                diags.push(missing("title", "this event", open_line));
            }
            let details = f.event.clone().unwrap_or_default();
            if details
                .start
                .as_ref()
                .and_then(OptionalDate::date)
                .is_none()
                && !broken
                && !diags_mention(diags, "event")
            {
                let span = spans
                    .get(&KeyPath::parse("event"))
                    .and_then(|s| s.key)
                    .unwrap_or(open_line);
                diags.push(missing("event.start", "this event", span));
            }
            let mut event = Event::default();
            event.post = post_of(&f.excerpt, &f.author, &f.image, &f.image_alt, &f.video);
            event.start = optional_date(details.start.as_ref(), tz);
            event.end = optional_date(details.end.as_ref(), tz);
            event.deadline = optional_date(details.deadline.as_ref(), tz);
            event.host = details.host.clone().or(host_default);
            event.location = details.location.clone();
            event.link = details.link.clone();
            event.email = details.email.clone();
            event.no_register = details.no_register.clone();
            (Content::Event(Box::new(event)), f.title.clone())
        }
        FrontMatter::Author(f) => {
            if f.person_name.is_none() && !broken && !diags_mention(diags, "person-name") {
                diags.push(missing("person-name", "this author", open_line));
            }
            let mut author = Author::default();
            author.name = f.person_name.as_deref().map(AuthorRef::normalize);
            author.role = f.role;
            author.email = f.email.clone();
            author.project = f.project.clone();
            author.region = f.region;
            author.archived = f
                .archive
                .as_ref()
                .and_then(|a| a.as_bool())
                .unwrap_or(false);
            author.image = f.image.clone();
            let title = f.title.clone().or_else(|| f.person_name.clone());
            (Content::Author(Box::new(author)), title)
        }
        FrontMatter::Document(f) => (Content::Document, f.title.clone()),
    }
}

/// Whether a wrong-type diagnostic already names `key`, so a missing-field
/// one is not added on top (one problem, one report).
fn diags_mention(diags: &[Diagnostic], key: &str) -> bool {
    diags
        .iter()
        .any(|d| d.code == codes::WRONG_TYPE && d.message.starts_with(&format!("`{key}")))
}

/// Links each post's `author:` to the author document with that name.
fn resolve_authors(documents: &mut [Document]) {
    let by_name: HashMap<String, DocumentId> = documents
        .iter()
        .filter_map(|d| Some((d.author()?.name.as_ref()?.to_lowercase(), d.id)))
        .collect();
    // On every core: the pass touches every document, most of them cold.
    documents.par_iter_mut().for_each(|doc| {
        let author = match &mut doc.content {
            Content::Post(p) => p.author.as_mut(),
            Content::Event(e) => e.post.author.as_mut(),
            _ => None,
        };
        if let Some(a) = author {
            a.author = by_name.get(&a.name.to_lowercase()).copied();
        }
    });
}

/// The redirects jekyll-redirect-from generates: for published documents of
/// output collections only, as it works on `site.docs_to_write`.
fn redirect_graph(documents: &[Document], collections: &[Collection]) -> Vec<Redirect> {
    // On every core (normalising paths is most of it); `collect` keeps the
    // documents' order.
    documents
        .par_iter()
        .flat_map_iter(|doc| {
            let output = collections
                .iter()
                .any(|c| c.label == doc.collection && c.output);
            let listed = doc.is_published() && output;
            let from = doc
                .redirect_from
                .iter()
                .filter(move |_| listed)
                .map(move |rf| {
                    let (from, output) = permalink::redirect_paths(&rf.written);
                    Redirect {
                        from,
                        to: doc.url.clone(),
                        document: doc.id,
                        origin: RedirectOrigin::RedirectFrom { index: rf.index },
                        output: Some(output),
                    }
                });
            let to = doc
                .redirect_to
                .as_ref()
                .filter(|_| listed)
                .map(|to| Redirect {
                    from: doc.url.clone(),
                    to: to.clone(),
                    document: doc.id,
                    origin: RedirectOrigin::RedirectTo,
                    output: doc.output.clone(),
                });
            from.chain(to)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file listed by the walk and deleted before it is read (a branch
    /// switched while a hook runs) is left out quietly, whole read or not.
    #[test]
    fn a_file_deleted_between_walk_and_read_is_left_out() {
        let dir = tempfile::tempdir().unwrap();
        for whole in [true, false] {
            let found = Found {
                abs: dir.path().join("_news/2022-01-01-gone.md"),
                rel: "_news/2022-01-01-gone.md".into(),
            };
            let how = ReadHow {
                whole,
                report: true,
                max_bytes: DEFAULT_MAX_FILE_BYTES,
            };
            let gone = read_and_parse(found, &ParseOptions::default(), how)
                .err()
                .expect("a vanished file comes back as Err");
            assert_eq!(gone.rel, "_news/2022-01-01-gone.md");
        }
    }

    /// The size limit holds for both ways of reading, at the exact byte.
    #[test]
    fn files_over_the_limit_are_refused_at_the_exact_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        // Unclosed front matter: a front-matter read has to read on.
        std::fs::write(&path, format!("---\ntitle: x\n{}", "y".repeat(100))).unwrap();
        let len = std::fs::metadata(&path).unwrap().len();
        for max in [len - 1, len] {
            let whole = read_whole(&path, max);
            let front = read_front_matter(&path, max);
            let refused = max < len;
            assert_eq!(
                whole.as_ref().err().map(|e| e.kind()),
                refused.then_some(std::io::ErrorKind::FileTooLarge)
            );
            assert_eq!(
                front.as_ref().err().map(|e| e.kind()),
                refused.then_some(std::io::ErrorKind::FileTooLarge)
            );
        }
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(128), "128");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn sizes_are_named_in_binary_units() {
        assert_eq!(human_bytes(512), "512 bytes");
        assert_eq!(human_bytes(10 * 1024 * 1024), "10 MiB");
        assert_eq!(human_bytes(1536), "1.5 KiB");
    }

    proptest::proptest! {
        /// Both ways of dropping repeats keep what a set of seen values
        /// keeps, in order.
        #[test]
        fn dedup_in_order_keeps_first_places(
            list in proptest::collection::vec("[a-c]{0,2}", 0..40),
        ) {
            let mut seen = std::collections::HashSet::new();
            let mut expected = list.clone();
            expected.retain(|c| seen.insert(c.clone()));
            let mut got = list;
            dedup_in_order(&mut got);
            proptest::prop_assert_eq!(got, expected);
        }
    }
}
