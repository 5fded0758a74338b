//! `masthead check`: run the rules over a site and report what they find,
//! in the format a person, an editor, a program or a CI system reads.

use crate::{EXIT_ERROR, EXIT_FAILED, EXIT_OK, SiteArgs, fix, json, paths, sarif};
use masthead_diagnostics::{
    Diagnostic, Severity, SourceLookup, render_concise, render_github, render_human,
    render_human_colored,
};
use masthead_lint::{CheckOptions, Engine, LintConfig, Registry, Report};
use masthead_model::date::Instant;
use masthead_model::site::Site;
use masthead_source::{codes, load_site};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Arguments of `masthead check`.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Report only on these files (relative to the current folder, or
    /// absolute). The whole site is still read, so checks across documents
    /// see everything. Files outside the site are ignored.
    #[arg(value_name = "PATHS")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to colour the human format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
    /// Run only these rules (codes, code prefixes, names or ALL; comma-separated, repeatable).
    #[arg(long, value_name = "RULES")]
    select: Vec<String>,
    /// Run these rules as well as the selected ones.
    #[arg(long, value_name = "RULES")]
    extend_select: Vec<String>,
    /// Do not run these rules.
    #[arg(long, value_name = "RULES")]
    ignore: Vec<String>,
    /// Report a rule's findings at another severity (`error`, `warning`,
    /// `info` or `off`): `--severity FM005=error`. Repeatable.
    #[arg(long, value_name = "CODE=LEVEL")]
    severity: Vec<String>,
    /// Fail on warnings too (`warnings`), or on anything (`info`).
    /// Default: fail on errors only.
    #[arg(long, value_enum, value_name = "LEVEL")]
    deny: Vec<Deny>,
    /// Apply the safe fixes the rules offer, re-checking until nothing more
    /// changes, then report what is left.
    #[arg(long)]
    fix: bool,
    /// Apply unsafe fixes too (they may change meaning: review them).
    /// Implies `--fix`.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them. Implies
    /// `--fix`; the exit code is the one the check gives after fixing.
    #[arg(long)]
    diff: bool,
}

/// How `check` prints its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// rustc-style reports with the source line and underlines, and a summary.
    Human,
    /// One line per finding: `file:line:col: severity[code]: message`.
    Concise,
    /// A JSON array, one object per finding (a documented, stable shape).
    Json,
    /// GitHub Actions workflow commands, shown as annotations on the code.
    Github,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ColorChoice {
    /// Colour when standard output is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// `--deny`: the lowest severity that fails the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Deny {
    /// Errors fail the run (the default).
    #[value(alias = "error")]
    Errors,
    /// Warnings and errors fail the run.
    #[value(alias = "warning")]
    Warnings,
    /// Every finding fails the run.
    Info,
}

impl Deny {
    fn severity(self) -> Severity {
        match self {
            Deny::Errors => Severity::Error,
            Deny::Warnings => Severity::Warning,
            Deny::Info => Severity::Info,
        }
    }
}

impl ColorChoice {
    fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

pub(crate) fn run(
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Box<dyn std::error::Error>> {
    let now = args.site.now()?.unwrap_or_else(Instant::now);
    let root = args.site.root();
    let cwd = std::env::current_dir()?;
    let only = (!args.paths.is_empty()).then(|| paths::site_files(&cwd, &root, &args.paths));

    let registry = masthead_rules::registry();
    let fixing = args.fix || args.unsafe_fixes || args.diff;
    let mut fixed: Option<fix::Outcome> = None;
    let mut diff_text = String::new();
    if fixing {
        // A dry run fixes a private copy of the site.
        let scratch = if args.diff {
            let dir = fix::ScratchDir::new()?;
            fix::copy_site(&root, dir.path())?;
            Some(dir)
        } else {
            None
        };
        let work = scratch.as_ref().map_or(root.as_path(), |d| d.path());
        let mut check_at = |at: &std::path::Path| {
            check_site(args, &registry, at, now, only.clone())
                .map(|(site, mut report)| {
                    // Without a readable `_config.yml` the findings mean
                    // little: nothing is fixed.
                    if site
                        .diagnostics
                        .iter()
                        .any(|d| d.code == codes::CONFIG_SYNTAX)
                    {
                        report.diagnostics.clear();
                    }
                    // Only the texts of the files with fixes are needed.
                    let sources = report
                        .diagnostics
                        .iter()
                        .filter(|d| d.fix.is_some())
                        .filter_map(|d| d.file.as_deref())
                        .filter_map(|f| Some((f.to_string(), site.source(f)?.to_string())))
                        .collect();
                    (report, sources)
                })
                .map_err(|e| e.to_string())
        };
        let (outcome, _) = fix::fix_rounds(work, args.unsafe_fixes, &mut check_at)?;
        for (file, why) in &outcome.skipped {
            writeln!(err, "warning: `{file}` was not fixed: {why}")?;
        }
        if !outcome.settled {
            writeln!(
                err,
                "warning: the fixes did not settle after {} rounds; some problems are left unfixed",
                fix::MAX_ROUNDS
            )?;
        }
        if args.diff {
            let prefix = paths::display_prefix(&cwd, &root);
            diff_text = fix::unified_diffs(
                &outcome.originals,
                &|file| std::fs::read_to_string(work.join(file)).ok(),
                &|file| format!("{prefix}{file}"),
            );
        }
        fixed = Some(outcome);
        if let Some(dir) = scratch {
            // The final check runs on the fixed copy: the exit code is the
            // one the site would give after fixing.
            let (site, report) = check_site(args, &registry, dir.path(), now, only.clone())?;
            return finish(
                args, site, report, &registry, &cwd, &root, fixed, &diff_text, out, err,
            );
        }
    }
    let (site, report) = check_site(args, &registry, &root, now, only)?;
    finish(
        args, site, report, &registry, &cwd, &root, fixed, &diff_text, out, err,
    )
}

/// Loads the site at `root` and checks it under the site's configuration
/// and the command line's selection.
fn check_site(
    args: &CheckArgs,
    registry: &Registry,
    root: &std::path::Path,
    now: Instant,
    only: Option<std::collections::HashSet<String>>,
) -> Result<(Site, Report), Box<dyn std::error::Error>> {
    let mut options = args.site.load_options()?.with_now(now);
    // Checking a few files (a pre-commit hook): the others' front matter is
    // enough for the checks across documents.
    options.bodies_for = only.clone();
    options.diagnose_only = only.clone();
    let site = load_site(root, &options)?;

    let (mut config, problems) = LintConfig::from_site(&site, registry);
    let select = (!args.select.is_empty()).then_some(args.select.as_slice());
    config.apply_command_line(
        registry,
        select,
        &args.extend_select,
        &args.ignore,
        &args.severity,
    )?;
    let engine = Engine::new(registry, config, problems);
    let mut check = CheckOptions::new(now);
    if let Some(only) = only {
        check = check.only(only);
    }
    let report = engine.check(&site, &check);
    Ok((site, report))
}

/// Prints the report (or the diff) and works out the exit code.
#[allow(clippy::too_many_arguments)]
fn finish(
    args: &CheckArgs,
    site: Site,
    mut report: Report,
    registry: &Registry,
    cwd: &std::path::Path,
    root: &std::path::Path,
    fixed: Option<fix::Outcome>,
    diff_text: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Box<dyn std::error::Error>> {
    // A `_config.yml` that cannot be read leaves no collections, time zone
    // or settings: whatever else was found means little. Report it whatever
    // the selection and the paths, and say the check could not run.
    let could_not_run = site
        .diagnostics
        .iter()
        .any(|d| d.code == codes::CONFIG_SYNTAX);
    let broken: Vec<Diagnostic> = site
        .diagnostics
        .iter()
        .filter(|d| d.code == codes::CONFIG_SYNTAX && !report.diagnostics.contains(d))
        .cloned()
        .collect();
    report.diagnostics.splice(0..0, broken);

    let display = Displayed::new(&site, paths::display_prefix(cwd, root));
    match &fixed {
        Some(outcome) if args.diff => {
            write!(out, "{diff_text}")?;
            writeln!(err, "{}", fix::summary(outcome, true))?;
        }
        Some(outcome) => {
            write_report(args, &report, &site, registry, &display, out)?;
            let line = fix::summary(outcome, false);
            // Machine formats keep standard output to their document.
            if matches!(args.format, Format::Human | Format::Concise) {
                writeln!(out, "{line}")?;
            } else {
                writeln!(err, "{line}")?;
            }
        }
        None => write_report(args, &report, &site, registry, &display, out)?,
    }

    if could_not_run {
        let file = site.config_file.as_deref().unwrap_or("_config.yml");
        writeln!(
            err,
            "error: `{file}` cannot be read ({}); fix it and check again",
            codes::CONFIG_SYNTAX
        )?;
        return Ok(EXIT_ERROR);
    }
    let deny = args
        .deny
        .iter()
        .map(|d| d.severity())
        .min()
        .unwrap_or(Severity::Error);
    let code = if report.fails_at(deny) {
        EXIT_FAILED
    } else {
        EXIT_OK
    };
    drop(display);
    // Freeing thousands of documents is work the answer need not wait for
    // (a pre-commit hook's user is waiting): let a thread do it, which the
    // process may end before it finishes.
    std::thread::spawn(move || drop(site));
    Ok(code)
}

fn write_report(
    args: &CheckArgs,
    report: &Report,
    site: &Site,
    registry: &Registry,
    display: &Displayed<'_>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let shown = || report.diagnostics.iter().map(|d| display.diagnostic(d));
    match args.format {
        Format::Human => {
            let color = args.color.enabled();
            for d in shown() {
                let text = if color {
                    render_human_colored(&d, display)
                } else {
                    render_human(&d, display)
                };
                writeln!(out, "{text}")?;
            }
            let summary = summary(report);
            if color {
                writeln!(out, "\x1b[1m{summary}\x1b[0m")?;
            } else {
                writeln!(out, "{summary}")?;
            }
        }
        Format::Concise => {
            for d in shown() {
                writeln!(out, "{}", render_concise(&d, display))?;
            }
        }
        Format::Github => {
            for d in shown() {
                let title = match registry.lookup(&d.code) {
                    Some(meta) => format!("{} {}", meta.code, meta.name),
                    None => d.code.to_string(),
                };
                writeln!(out, "{}", render_github(&d, display, &title))?;
            }
        }
        Format::Json => {
            let value = json::report(report, site, registry);
            serde_json::to_writer_pretty(&mut *out, &value)?;
            writeln!(out)?;
        }
        Format::Sarif => {
            let shown: Vec<Diagnostic> = shown().collect();
            let value = sarif::log(&shown, display, registry);
            serde_json::to_writer_pretty(&mut *out, &value)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// `3 errors, 1 warning`, or `No problems found.`
fn summary(report: &Report) -> String {
    let parts: Vec<String> = [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Info, "info", "info"),
    ]
    .iter()
    .filter_map(|&(severity, one, many)| match report.count(severity) {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    })
    .collect();
    if parts.is_empty() {
        "No problems found.".to_string()
    } else {
        parts.join(", ")
    }
}

/// The site's files under the names people see: relative to the current
/// folder when the site lies below it (`site/_news/a.md`).
pub(crate) struct Displayed<'a> {
    site: &'a Site,
    prefix: String,
}

impl<'a> Displayed<'a> {
    fn new(site: &'a Site, prefix: String) -> Self {
        Displayed { site, prefix }
    }

    /// `diag` with its files renamed for display.
    fn diagnostic(&self, diag: &Diagnostic) -> Diagnostic {
        let mut d = diag.clone();
        if self.prefix.is_empty() {
            return d;
        }
        if let Some(file) = &mut d.file {
            file.insert_str(0, &self.prefix);
        }
        for label in d.primary.iter_mut().chain(d.labels.iter_mut()) {
            if let Some(file) = &mut label.file {
                file.insert_str(0, &self.prefix);
            }
        }
        d
    }
}

impl SourceLookup for Displayed<'_> {
    fn source(&self, file: &str) -> Option<&str> {
        self.site.source(file.strip_prefix(self.prefix.as_str())?)
    }
}
