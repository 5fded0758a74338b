//! `masthead schema`: write the site's JSON Schemas (front matter by type
//! and by collection, declared `_data` files, `_config.yml`) and the VS Code
//! settings that point the YAML extension at them.

use crate::{EXIT_FAILED, EXIT_OK, SiteArgs};
use masthead_model::site::Site;
use masthead_schema::{SchemaFile, site_schemas, vscode_settings};
use masthead_source::load_site;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// The VS Code fragment's file name in the output folder.
pub(crate) const VSCODE_SETTINGS: &str = "vscode-settings.json";

/// Arguments of `masthead schema`.
#[derive(Debug, clap::Args)]
pub(crate) struct SchemaArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Folder to write the schemas into (created when missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Compare with the files in `--out` instead of writing them; exit 1,
    /// naming each stale file, when they differ (for CI).
    #[arg(long)]
    check: bool,
    /// Also write each document's own front matter as JSON, to
    /// `DIR/<schema>/<file>.json` (`<schema>.schema.json` describes it), for
    /// validators such as check-jsonschema.
    #[arg(long, value_name = "DIR")]
    front_matter_json: Option<PathBuf>,
}

pub(crate) fn run(
    args: &SchemaArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Box<dyn std::error::Error>> {
    let root = args.site.root();
    let options = args.site.load_options()?;
    let site = load_site(&root, &options)?;
    let schemas = site_schemas(&site);
    let cwd = std::env::current_dir()?;
    let schema_dir = relative_path(&lexical(&cwd, &root), &lexical(&cwd, &args.out));
    let files = rendered(&schemas, &schema_dir);

    if args.check {
        let stale = stale_files(&args.out, &files);
        if stale.is_empty() {
            writeln!(out, "{} schema files are up to date.", files.len())?;
            return Ok(EXIT_OK);
        }
        for name in &stale {
            writeln!(err, "stale: {}", args.out.join(name).display())?;
        }
        writeln!(
            err,
            "regenerate them with `masthead schema --site {} --out {}`",
            root.display(),
            args.out.display()
        )?;
        return Ok(EXIT_FAILED);
    }

    std::fs::create_dir_all(&args.out)?;
    for (name, text) in &files {
        std::fs::write(args.out.join(name), text)?;
    }
    writeln!(
        out,
        "Wrote {} schemas and {VSCODE_SETTINGS} to {}.",
        files.len() - 1,
        args.out.display()
    )?;
    if let Some(dir) = &args.front_matter_json {
        let written = write_front_matter_json(&site, &schemas, dir)?;
        writeln!(
            out,
            "Wrote the front matter of {written} documents as JSON to {}.",
            dir.display()
        )?;
    }
    Ok(EXIT_OK)
}

/// Every output file's name and text (pretty JSON with a final newline).
fn rendered(schemas: &[SchemaFile], schema_dir: &str) -> BTreeMap<String, String> {
    let pretty = |v: &serde_json::Value| {
        let mut text = serde_json::to_string_pretty(v).unwrap_or_default();
        text.push('\n');
        text
    };
    let mut files: BTreeMap<String, String> = schemas
        .iter()
        .map(|s| (s.name.clone(), pretty(&s.schema)))
        .collect();
    files.insert(
        VSCODE_SETTINGS.to_string(),
        pretty(&vscode_settings(schemas, schema_dir)),
    );
    files
}

/// Files of `dir` that differ from `files`, are missing, or are schemas
/// masthead would no longer write.
fn stale_files(dir: &Path, files: &BTreeMap<String, String>) -> Vec<String> {
    let mut stale: Vec<String> = files
        .iter()
        .filter(|(name, text)| std::fs::read_to_string(dir.join(name)).ok().as_ref() != Some(*text))
        .map(|(name, _)| name.clone())
        .collect();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".schema.json") && !files.contains_key(&name) {
                stale.push(name);
            }
        }
    }
    stale.sort();
    stale
}

/// Writes each document's own front matter (without defaults) as JSON
/// under `dir/<schema stem>/`; returns how many it wrote.
fn write_front_matter_json(
    site: &Site,
    schemas: &[SchemaFile],
    dir: &Path,
) -> std::io::Result<usize> {
    let mut written = 0;
    for schema in schemas {
        let Some(label) = &schema.collection else {
            continue;
        };
        let stem = schema.name.trim_end_matches(".schema.json");
        let folder = dir.join(stem);
        std::fs::create_dir_all(&folder)?;
        let Some(collection) = site.collections.iter().find(|c| &c.label == label) else {
            continue;
        };
        for doc in site.by_collection(label) {
            let Some(json) = site
                .sources
                .get(&doc.path)
                .and_then(|text| own_front_matter(text, doc))
            else {
                continue;
            };
            let inside = doc
                .path
                .strip_prefix(&format!("{}/", collection.dir))
                .unwrap_or(&doc.path)
                .replace('/', "--");
            let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
            text.push('\n');
            std::fs::write(folder.join(format!("{inside}.json")), text)?;
            written += 1;
        }
    }
    Ok(written)
}

/// A document's front matter as written (no defaults), as the JSON the
/// schemas describe; `None` when it cannot be read as a mapping.
fn own_front_matter(
    text: &str,
    doc: &masthead_model::document::Document,
) -> Option<serde_json::Value> {
    let span = doc.layout.front_matter?;
    let yaml = text.get(span.start..span.end)?;
    let parsed = masthead_yaml::parse(yaml, &Default::default()).ok()?;
    match parsed.root().map(masthead_yaml::Node::to_value) {
        None | Some(masthead_model::Value::Null) => Some(serde_json::json!({})),
        Some(value @ masthead_model::Value::Map(_)) => Some(masthead_schema::to_json(&value)),
        Some(_) => None,
    }
}

/// `path` made absolute against `cwd`, `.` and `..` resolved by text.
fn lexical(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `to` relative to `from` (both absolute), `/`-separated: `../site-schemas`.
fn relative_path(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to.iter()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_between_folders() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(
            relative_path(&p("/a/site"), &p("/a/site-schemas")),
            "../site-schemas"
        );
        assert_eq!(
            relative_path(&p("/a/site"), &p("/a/site/_schemas")),
            "_schemas"
        );
        assert_eq!(relative_path(&p("/a/site"), &p("/a/site")), ".");
    }
}
