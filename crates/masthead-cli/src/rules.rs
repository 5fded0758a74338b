//! `masthead explain` and `masthead rules`: what each rule finds, and the
//! generated pages under docs/rules/.

use crate::{EXIT_ERROR, EXIT_OK};
use masthead_diagnostics::Severity;
use masthead_lint::{FixAvailability, RuleMeta};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `masthead explain`.
#[derive(Debug, clap::Args)]
pub(crate) struct ExplainArgs {
    /// A rule code (`FM004`, any case) or name (`duplicate-key`).
    #[arg(value_name = "CODE|NAME")]
    rule: String,
}

/// Arguments of `masthead rules`.
#[derive(Debug, clap::Args)]
pub(crate) struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write one Markdown page per rule and an index (README.md) into DIR,
    /// replacing the Markdown files there: how docs/rules/ is generated.
    #[arg(long, value_name = "DIR", hide = true)]
    write_docs: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// An aligned table for people.
    Table,
    /// A JSON array, one object per rule.
    Json,
}

fn fix_text(fix: FixAvailability) -> &'static str {
    match fix {
        FixAvailability::None => "none",
        FixAvailability::Safe => "safe",
        FixAvailability::Unsafe => "unsafe",
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// One rule in `masthead rules --format json` (documented in docs/cli.md).
#[derive(Debug, Serialize)]
struct RuleEntry {
    code: &'static str,
    name: &'static str,
    family: &'static str,
    summary: &'static str,
    default_severity: Severity,
    fix: FixAvailability,
    enabled_by_default: bool,
    doc: &'static str,
}

impl RuleEntry {
    fn new(meta: &'static RuleMeta) -> Self {
        RuleEntry {
            code: meta.code,
            name: meta.name,
            family: meta.family,
            summary: meta.summary,
            default_severity: meta.default_severity,
            fix: meta.fix,
            enabled_by_default: meta.enabled_by_default,
            doc: meta.doc,
        }
    }
}

pub(crate) fn explain(
    args: &ExplainArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Box<dyn std::error::Error>> {
    let registry = masthead_rules::registry();
    let Some(meta) = registry.lookup(args.rule.trim()) else {
        write!(err, "error: `{}` is not a rule code or name", args.rule)?;
        let metas = registry.metas();
        let candidates = metas.iter().flat_map(|m| [m.code, m.name]);
        match closest(args.rule.trim(), candidates) {
            Some(near) => writeln!(err, "; did you mean `{near}`?")?,
            None => writeln!(err)?,
        }
        writeln!(err, "`masthead rules` lists every rule")?;
        return Ok(EXIT_ERROR);
    };
    writeln!(out, "{} {}", meta.code, meta.name)?;
    writeln!(out)?;
    writeln!(out, "{}", meta.summary)?;
    writeln!(out)?;
    writeln!(out, "Family:             {}", meta.family)?;
    writeln!(out, "Default severity:   {}", meta.default_severity)?;
    writeln!(out, "Fix:                {}", fix_text(meta.fix))?;
    writeln!(
        out,
        "Enabled by default: {}",
        yes_no(meta.enabled_by_default)
    )?;
    writeln!(out)?;
    writeln!(out, "{}", meta.doc.trim_end())?;
    Ok(EXIT_OK)
}

pub(crate) fn list(
    args: &RulesArgs,
    out: &mut dyn Write,
) -> Result<u8, Box<dyn std::error::Error>> {
    let metas = masthead_rules::registry().metas();
    if let Some(dir) = &args.write_docs {
        write_docs(dir, &metas)?;
        writeln!(
            out,
            "wrote {} rule pages and README.md to {}",
            metas.len(),
            dir.display()
        )?;
        return Ok(EXIT_OK);
    }
    match args.format {
        Format::Json => {
            let entries: Vec<RuleEntry> = metas.iter().map(|m| RuleEntry::new(m)).collect();
            serde_json::to_writer_pretty(&mut *out, &entries)?;
            writeln!(out)?;
        }
        Format::Table => {
            let header = [
                "CODE", "NAME", "FAMILY", "SEVERITY", "FIX", "DEFAULT", "SUMMARY",
            ]
            .map(String::from);
            let rows: Vec<[String; 7]> = metas
                .iter()
                .map(|m| {
                    [
                        m.code.to_string(),
                        m.name.to_string(),
                        m.family.to_string(),
                        m.default_severity.to_string(),
                        fix_text(m.fix).to_string(),
                        if m.enabled_by_default { "on" } else { "off" }.to_string(),
                        m.summary.to_string(),
                    ]
                })
                .collect();
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
        }
    }
    Ok(EXIT_OK)
}

/// The last line of every generated page.
const GENERATED: &str =
    "<!-- Generated by `masthead rules --write-docs docs/rules`; edit the rule's doc instead. -->";

/// The Markdown page of one rule: `docs/rules/<CODE>.md`.
pub(crate) fn rule_page(meta: &RuleMeta) -> String {
    format!(
        "# {code} {name}\n\
         \n\
         {summary}\n\
         \n\
         - Family: {family}\n\
         - Default severity: {severity}\n\
         - Fix: {fix}\n\
         - Enabled by default: {enabled}\n\
         \n\
         {doc}\n\
         \n\
         {GENERATED}\n",
        code = meta.code,
        name = meta.name,
        summary = meta.summary,
        family = meta.family,
        severity = meta.default_severity,
        fix = fix_text(meta.fix),
        enabled = yes_no(meta.enabled_by_default),
        doc = meta.doc.trim_end(),
    )
}

/// A Markdown table cell: pipes escaped, lines joined.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// `docs/rules/README.md`: every rule, by family.
pub(crate) fn index_page(metas: &[&'static RuleMeta]) -> String {
    let mut families: Vec<&str> = metas.iter().map(|m| m.family).collect();
    families.sort_unstable();
    families.dedup();
    let mut out = String::from(
        "# Rules\n\
         \n\
         Every problem `masthead check` reports, by family. Each page says what \
         the rule finds, why it matters and shows an example; `masthead explain \
         CODE` prints the same. Select, ignore and re-grade rules by code, code \
         prefix or name (see [../cli.md](../cli.md)).\n",
    );
    for family in families {
        out.push_str(&format!(
            "\n## {family}\n\n\
             | Code | Name | Summary | Severity | Fix | Default |\n\
             |---|---|---|---|---|---|\n"
        ));
        for m in metas.iter().filter(|m| m.family == family) {
            out.push_str(&format!(
                "| [{code}]({code}.md) | `{name}` | {summary} | {severity} | {fix} | {default} |\n",
                code = m.code,
                name = m.name,
                summary = cell(m.summary),
                severity = m.default_severity,
                fix = fix_text(m.fix),
                default = if m.enabled_by_default { "on" } else { "off" },
            ));
        }
    }
    out.push('\n');
    out.push_str(GENERATED);
    out.push('\n');
    out
}

/// Every generated file: (file name, contents).
pub(crate) fn doc_files(metas: &[&'static RuleMeta]) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = metas
        .iter()
        .map(|m| (format!("{}.md", m.code), rule_page(m)))
        .collect();
    files.push(("README.md".to_string(), index_page(metas)));
    files
}

/// Writes [`doc_files`] into `dir`, removing Markdown files that are no
/// longer generated (a rule that was removed).
fn write_docs(dir: &Path, metas: &[&'static RuleMeta]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let files = doc_files(metas);
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".md") && !files.iter().any(|(f, _)| f == name) {
            std::fs::remove_file(&path)?;
        }
    }
    for (name, text) in files {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}

/// The candidate nearest to `wanted` by edit distance (ignoring case), if
/// it is near enough to be a likely typo.
fn closest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = wanted.to_ascii_lowercase();
    let limit = (wanted.chars().count() / 3).max(1);
    candidates
        .map(|c| (distance(&wanted, &c.to_ascii_lowercase()), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let delete = previous.get(j + 1).copied().unwrap_or(0) + 1;
            let insert = current.get(j).copied().unwrap_or(0) + 1;
            current.push(substitute.min(delete).min(insert));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_are_suggested() {
        let names = ["duplicate-key", "FM004", "yaml-syntax"];
        assert_eq!(
            closest("duplicat-key", names.iter().copied()),
            Some("duplicate-key")
        );
        assert_eq!(closest("fm04", names.iter().copied()), Some("FM004"));
        assert_eq!(closest("something else", names.iter().copied()), None);
    }

    #[test]
    fn every_rule_gets_a_page_and_a_row() {
        let metas = masthead_rules::registry().metas();
        let files = doc_files(&metas);
        assert_eq!(files.len(), metas.len() + 1);
        let index = &files.last().unwrap().1;
        for m in &metas {
            assert!(
                index.contains(&format!("[{0}]({0}.md)", m.code)),
                "{}",
                m.code
            );
        }
    }
}
