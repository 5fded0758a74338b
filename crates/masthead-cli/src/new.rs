//! `masthead new`: a new document from the collection's archetype, named
//! and shaped like the collection's existing documents.

use crate::{EXIT_OK, SiteArgs};
use masthead_edit::{EditError, FrontMatterEditor, WriteError, create_new};
use masthead_model::config::DocumentType;
use masthead_model::date::{DateValue, Instant, TimeZone};
use masthead_model::permalink::{self, Placeholders};
use masthead_model::site::{Collection, Site};
use masthead_model::slug::ascii_title_slug;
use masthead_model::{CivilDateTime, Value};
use masthead_source::load_site;
use std::io::Write;
use std::path::Path;

/// Arguments of `masthead new`.
#[derive(Debug, clap::Args)]
pub(crate) struct NewArgs {
    /// The collection's label (`news`) or folder (`_news`).
    collection: String,
    /// The document's title (or, for authors, the person's name).
    title: String,
    #[command(flatten)]
    site: SiteArgs,
    /// The document's date, `YYYY-MM-DD` (default: today in the site's time zone).
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// The author's name, as the team's documents write it.
    #[arg(long, value_name = "NAME")]
    author: Option<String>,
    /// A category slug. Repeatable.
    #[arg(long, value_name = "SLUG")]
    category: Vec<String>,
    /// Print the file instead of writing it.
    #[arg(long)]
    dry_run: bool,
}

/// The house template's first line, as the example site's documents have it.
const TOGGLE_NOTE: &str = "# Put a '#' at the start of a line to switch that setting off, and remove the '#' to switch it back on. \n";

fn builtin_archetype(doc_type: DocumentType) -> String {
    let body = match doc_type {
        DocumentType::Post => {
            "\ntitle: \"\"\n# excerpt: \"\"\ndate: 2000-01-01\n# author: \"\"\n# category: \n# - \n\
             # image: \"\"\n# video: \"\"\n# permalink: \n# redirect_from: \n# - \n# redirect_to: \n# - \n"
        }
        DocumentType::Event => {
            "\ntitle: \"\"\n# excerpt: \"\"\ndate: 2000-01-01\n# author: \"\"\n# category: \n# - \n\
             # image: \"\"\n# permalink: \nevent:\n  start: 2000-01-01\n  # end: \n  # deadline: \n\
             \x20 # host: \"\"\n  # location: \"\"\n  # link: \"\"\n  # email: \"\"\n  # no-register: \"\"\n"
        }
        DocumentType::Author => {
            "\nperson-name: \"\"\n# role: \n# email: \"\"\n# region: \n# image: \"\"\n"
        }
        DocumentType::Document => "\ntitle: \"\"\n",
    };
    format!("---\n{TOGGLE_NOTE}{body}---\n\n")
}

/// A problem the user must fix; the caller prints it and exits with 2.
fn refused(message: impl Into<String>) -> Box<dyn std::error::Error> {
    message.into().into()
}

pub(crate) fn run(
    args: &NewArgs,
    out: &mut dyn Write,
    _err: &mut dyn Write,
) -> Result<u8, Box<dyn std::error::Error>> {
    let root = args.site.root();
    let options = args.site.load_options()?;
    let site = load_site(&root, &options)?;
    let wanted = args.collection.trim_start_matches('_');
    let Some(collection) = site
        .collections
        .iter()
        .find(|c| c.label == wanted || c.dir.trim_start_matches('_') == wanted)
    else {
        let labels: Vec<&str> = site.collections.iter().map(|c| c.label.as_str()).collect();
        return Err(refused(format!(
            "no collection `{}` in this site (collections: {})",
            args.collection,
            labels.join(", ")
        )));
    };

    let tz = site.timezone.clone().unwrap_or_else(TimeZone::utc);
    let date = match &args.date {
        Some(text) => parse_day(text).ok_or_else(|| {
            refused(format!(
                "--date `{text}` is not a real day written YYYY-MM-DD"
            ))
        })?,
        None => {
            let c = site.now.unwrap_or_else(Instant::now).in_zone(&tz).local();
            CivilDateTime::midnight(c.year, c.month, c.day)
        }
    };
    let day = format!("{:04}-{:02}-{:02}", date.year, date.month, date.day);

    let slug = ascii_title_slug(&args.title);
    if slug.is_empty() {
        return Err(refused(format!(
            "the title {:?} has no letters or digits to make a file name from",
            args.title
        )));
    }
    let dated = matches!(
        collection.doc_type,
        DocumentType::Post | DocumentType::Event
    );
    let stem = if dated {
        format!("{day}-{slug}")
    } else {
        slug.clone()
    };
    let rel = format!("{}/{stem}.md", collection.dir);

    let template = match std::fs::read_to_string(
        root.join("_archetypes")
            .join(format!("{}.md", collection.label)),
    ) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            builtin_archetype(collection.doc_type)
        }
        Err(e) => return Err(format!("_archetypes/{}.md: {e}", collection.label).into()),
    };
    let permalink = writes_permalinks(&site, collection)
        .then(|| jekyll_url(collection, &rel, &stem, &slug, &args.category, date))
        .transpose()?;
    let text = fill(
        &template,
        collection.doc_type,
        args,
        &day,
        permalink.as_deref(),
    )
    .map_err(|e| format!("the archetype of `{}`: {e}", collection.label))?;

    if args.dry_run {
        writeln!(out, "{rel}")?;
        out.write_all(text.as_bytes())?;
        return Ok(EXIT_OK);
    }
    let dir = root.join(&collection.dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    match create_new(&root, Path::new(&rel), text.as_bytes()) {
        Ok(_) => {}
        Err(WriteError::Exists(_)) => {
            return Err(refused(format!(
                "{} already exists; it was not overwritten (choose another title or --date)",
                root.join(&rel).display()
            )));
        }
        Err(e) => return Err(e.into()),
    }
    writeln!(out, "{}", root.join(&rel).display())?;
    Ok(EXIT_OK)
}

/// A `YYYY-MM-DD` that names a real day (Jekyll would roll `2026-02-30` over).
fn parse_day(text: &str) -> Option<CivilDateTime> {
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    let value = DateValue::parse(text).ok()?;
    let c = value.civil();
    let same = format!("{:04}-{:02}-{:02}", c.year, c.month, c.day) == text;
    (same && value.problem().is_none()).then(|| CivilDateTime::midnight(c.year, c.month, c.day))
}

/// Whether the collection's documents write `permalink:` themselves.
fn writes_permalinks(site: &Site, collection: &Collection) -> bool {
    site.by_collection(&collection.label)
        .any(|d| d.spans.value_span("permalink").is_some())
}

/// The URL Jekyll computes for the new file from the collection's pattern.
fn jekyll_url(
    collection: &Collection,
    rel: &str,
    stem: &str,
    slug: &str,
    categories: &[String],
    date: CivilDateTime,
) -> Result<String, Box<dyn std::error::Error>> {
    let path = permalink::cleaned_relative_path(rel, &collection.dir, ".md");
    let placeholders = Placeholders {
        collection: &collection.label,
        path: &path,
        basename: stem,
        slug,
        categories,
        date,
        output_ext: ".html",
    };
    Ok(permalink::expand(&collection.permalink, &placeholders)?)
}

/// Sets `key` to `value`, switching it on first if the archetype has it
/// commented out.
fn switch_on(ed: &mut FrontMatterEditor, key: &str, value: &str) -> Result<(), EditError> {
    match ed.uncomment(key) {
        Ok(()) | Err(EditError::NotFound(_) | EditError::AlreadyExists(_)) => {}
        Err(e) => return Err(e),
    }
    if key == "category"
        && matches!(
            ed.value().as_map().and_then(|m| m.get(key)),
            Some(Value::List(_))
        )
    {
        return ed.set_str("category[0]", value);
    }
    ed.set_str(key, value)
}

fn has(ed: &FrontMatterEditor, path: &str) -> bool {
    let mut value = ed.value();
    for key in path.split('.') {
        value = match value {
            Value::Map(mut m) => match m.shift_remove(key) {
                Some(v) => v,
                None => return false,
            },
            _ => return false,
        };
    }
    true
}

/// The archetype with the title, date, author, category and permalink filled in.
fn fill(
    template: &str,
    doc_type: DocumentType,
    args: &NewArgs,
    day: &str,
    permalink: Option<&str>,
) -> Result<String, EditError> {
    let mut ed = FrontMatterEditor::new(template)?;
    let name_key = if doc_type == DocumentType::Author && !has(&ed, "title") {
        "person-name"
    } else {
        "title"
    };
    ed.set_str(name_key, &args.title)?;
    if has(&ed, "date") || matches!(doc_type, DocumentType::Post | DocumentType::Event) {
        ed.set_str("date", day)?;
    }
    if has(&ed, "event.start") {
        ed.set_str("event.start", day)?;
    }
    if let Some(author) = &args.author {
        switch_on(&mut ed, "author", author)?;
    }
    if let Some((first, rest)) = args.category.split_first() {
        switch_on(&mut ed, "category", first)?;
        for category in rest {
            if matches!(
                ed.value().as_map().and_then(|m| m.get("category")),
                Some(Value::List(_))
            ) {
                ed.push("category", &Value::String(category.clone()))?;
            } else {
                return Err(EditError::Unsupported {
                    path: "category".into(),
                    reason: "the archetype's `category` is not a list, so it holds one".into(),
                });
            }
        }
    }
    if let Some(url) = permalink {
        switch_on(&mut ed, "permalink", url)?;
    }
    Ok(ed.into_text())
}
