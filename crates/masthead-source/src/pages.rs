//! The files outside collections that still answer a URL: pages (Markdown or
//! HTML with front matter) and static files. Rules use them to tell a broken
//! link from a link to `/events` or `/images/logo.png`.

use crate::split::{Split, split};
use masthead_diagnostics::Diagnostic;
use masthead_model::permalink::{self, PermalinkStyle, Placeholders};
use masthead_model::site::Page;
use masthead_model::{CivilDateTime, Value};
use masthead_yaml::ParseOptions;
use std::path::Path;

/// Folders and files Jekyll never publishes from the site root.
const SKIPPED: &[&str] = &["node_modules", "vendor", "Gemfile", "Gemfile.lock"];

/// Pages and static files under `root`, outside `_` and `.` folders and
/// `exclude`, and a `LIM001` diagnostic for each Markdown or HTML file over
/// `max_bytes`, which is not read (and counts as a static file).
pub(crate) fn pages_and_static_files(
    root: &Path,
    exclude: &[String],
    style: &PermalinkStyle,
    max_bytes: u64,
) -> (Vec<Page>, Vec<String>, Vec<Diagnostic>) {
    let mut too_large = Vec::new();
    let mut pages = Vec::new();
    let mut statics = Vec::new();
    let exclude = crate::discover::Excludes::new(exclude);
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .ignore(false)
        .follow_links(false)
        // No sorted walk: walkdir reads and sorts a whole folder's listing
        // before the filter can skip it, and the skipped folders are the
        // collections, with thousands of files. The results are sorted below.
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(name.starts_with(['_', '.', '#', '~'])
                    || name.ends_with('~')
                    || SKIPPED.contains(&name.as_ref()))
        })
        .build();
    for entry in walker.flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        let rel = crate::discover::relative_path(rel);
        if exclude.matches(&rel) {
            continue;
        }
        match page_url(entry.path(), &rel, style, max_bytes) {
            Ok(Some(url)) => pages.push(Page { path: rel, url }),
            Ok(None) => statics.push(format!("/{rel}")),
            Err(e) => {
                too_large.push(crate::load::too_large_diagnostic(&e).in_file(rel.clone()));
                statics.push(format!("/{rel}"));
            }
        }
    }
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    statics.sort();
    too_large.sort_by(|a, b| a.file.cmp(&b.file));
    (pages, statics, too_large)
}

/// The URL of a page (Jekyll's `Page#template` and `permalink`), or `None`
/// when the file has no front matter (a static file); `Err` (of kind
/// `FileTooLarge`) for a page over `max_bytes`, which is not read.
fn page_url(
    abs: &Path,
    rel: &str,
    style: &PermalinkStyle,
    max_bytes: u64,
) -> std::io::Result<Option<String>> {
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let (basename, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    let markdown = ext
        .strip_prefix('.')
        .is_some_and(crate::load::is_markdown_ext);
    if !markdown && !matches!(ext, ".html" | ".htm") {
        return Ok(None);
    }
    let text = match crate::load::read_whole(abs, max_bytes) {
        Ok(bytes) => String::from_utf8(bytes).ok(),
        Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => return Err(e),
        Err(_) => None,
    };
    let Some(text) = text else {
        return Ok(None);
    };
    let Split::Closed { open, yaml, .. } = split(&text) else {
        return Ok(None);
    };
    let front_permalink =
        masthead_yaml::parse(&text[open.start..yaml.end], &ParseOptions::default())
            .ok()
            .and_then(|d| d.into_root())
            .and_then(|root| match root.to_value() {
                Value::Map(m) => m
                    .get("permalink")
                    .and_then(|v| v.as_str().map(str::to_string)),
                _ => None,
            });
    let output_ext = if markdown { ".html" } else { ext };
    let template = match &front_permalink {
        Some(p) => p.clone(),
        None if output_ext != ".html" => "/:path/:basename:output_ext".to_string(),
        None if basename == "index" => "/:path/".to_string(),
        None => {
            // Utils.add_permalink_suffix("/:path/:basename", style)
            let base = "/:path/:basename";
            match style {
                PermalinkStyle::Pretty => format!("{base}/"),
                PermalinkStyle::Date | PermalinkStyle::Ordinal | PermalinkStyle::None => {
                    format!("{base}:output_ext")
                }
                PermalinkStyle::Pattern(p) if p.ends_with('/') => format!("{base}/"),
                PermalinkStyle::Pattern(p) if p.ends_with(":output_ext") => {
                    format!("{base}:output_ext")
                }
                _ => base.to_string(),
            }
        }
    };
    let expanded = template
        .replace(":path", dir)
        .replace(":basename", basename)
        .replace(":output_ext", output_ext);
    // Reuse Jekyll's URL sanitising (doubled slashes, `..`).
    let placeholders = Placeholders {
        collection: "",
        path: "",
        basename,
        slug: basename,
        categories: &[],
        date: CivilDateTime::midnight(2000, 1, 1),
        output_ext,
    };
    Ok(Some(
        permalink::expand(&expanded, &placeholders).unwrap_or(expanded),
    ))
}
