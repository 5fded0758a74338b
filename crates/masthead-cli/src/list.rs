//! `masthead list`: one row per document.

use crate::{EXIT_OK, SiteArgs};
use masthead_diagnostics::{printable, render_concise};
use masthead_model::document::Document;
use masthead_source::load_site;
use serde::Serialize;
use std::io::Write;

/// Arguments of `masthead list`.
#[derive(Debug, clap::Args)]
pub(crate) struct ListArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Do not print the problems found while loading.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// A JSON array, one object per document (a stable, documented shape).
    Json,
    /// An aligned table for people.
    Table,
}

/// One document in `masthead list --format json`. This shape is a public
/// interface (docs/cli.md): keys are only ever added in a major version.
#[derive(Debug, Serialize)]
pub(crate) struct ListEntry<'a> {
    path: &'a str,
    collection: &'a str,
    #[serde(rename = "type")]
    doc_type: &'static str,
    url: &'a str,
    output: Option<&'a str>,
    date: Option<String>,
    date_source: masthead_model::date::DateSource,
    title: Option<&'a str>,
    published: bool,
    redirect_from: Vec<&'a str>,
    redirect_to: Option<&'a str>,
}

impl<'a> ListEntry<'a> {
    pub(crate) fn new(doc: &'a Document) -> Self {
        ListEntry {
            path: &doc.path,
            collection: &doc.collection,
            doc_type: doc.doc_type.as_str(),
            url: &doc.url,
            output: doc.output.as_deref(),
            date: doc.date.as_ref().map(|d| d.to_rfc3339()),
            date_source: doc.date_source,
            title: doc.title.as_deref(),
            published: doc.is_published(),
            // Only redirects that take effect: jekyll-redirect-from ignores
            // documents of collections that are not output.
            redirect_from: match doc.output {
                Some(_) => doc.redirect_from.iter().map(|r| r.path.as_str()).collect(),
                None => Vec::new(),
            },
            redirect_to: doc.output.as_ref().and(doc.redirect_to.as_deref()),
        }
    }
}

pub(crate) fn run(
    args: &ListArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Box<dyn std::error::Error>> {
    let options = args.site.load_options()?;
    let site = load_site(&args.site.root(), &options)?;
    let entries: Vec<ListEntry<'_>> = site.documents.iter().map(ListEntry::new).collect();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &entries)?;
            writeln!(out)?;
        }
        Format::Table => write_table(&entries, out)?,
    }
    if !args.quiet && !site.diagnostics.is_empty() {
        for d in &site.diagnostics {
            writeln!(err, "{}", render_concise(d, &site))?;
        }
        writeln!(
            err,
            "{} problem(s) recorded while loading",
            site.diagnostics.len()
        )?;
    }
    Ok(EXIT_OK)
}

fn write_table(entries: &[ListEntry<'_>], out: &mut dyn Write) -> std::io::Result<()> {
    let rows: Vec<[String; 5]> = entries
        .iter()
        .map(|e| {
            // File names and URLs come from the content: control
            // characters in them are shown, not sent to the terminal.
            [
                printable(e.path).into_owned(),
                e.doc_type.to_string(),
                e.date
                    .as_deref()
                    .map(|d| d.get(..10).unwrap_or(d))
                    .unwrap_or("-")
                    .to_string(),
                if e.published { "yes" } else { "no" }.to_string(),
                printable(e.url).into_owned(),
            ]
        })
        .collect();
    let header = ["PATH", "TYPE", "DATE", "PUBLISHED", "URL"].map(String::from);
    let mut widths = header.clone().map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<w$}  "));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
