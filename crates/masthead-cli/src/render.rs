//! `masthead render`: run renderers over the site and write, check or list
//! what they make.

use crate::{EXIT_ERROR, EXIT_FAILED, EXIT_OK, SiteArgs};
use masthead_diagnostics::{Severity, render_concise};
use masthead_render::{DifferenceKind, Renderer, render_site};
use masthead_source::{LoadOptions, load_site};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `masthead render`.
#[derive(Debug, clap::Args)]
pub(crate) struct RenderArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Output folder. Nothing is written outside it.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Run only this renderer (repeatable). Default: every built-in one.
    #[arg(long = "renderer", value_name = "NAME")]
    renderers: Vec<String>,
    /// Write nothing; compare the output folder with what would be written
    /// and fail (exit 1) on any missing, differing or extra file.
    #[arg(long, conflicts_with = "dry_run")]
    check: bool,
    /// Write nothing; list what would be written (path, bytes, media type, renderer).
    #[arg(long)]
    dry_run: bool,
}

/// Every built-in renderer, in the order they run.
pub(crate) fn builtins() -> Vec<Box<dyn Renderer>> {
    vec![
        Box::new(masthead_html::HtmlRenderer),
        Box::new(masthead_render::redirects::RedirectsRenderer),
        Box::new(masthead_feeds::FeedsRenderer),
        Box::new(masthead_ical::IcalRenderer),
        Box::new(masthead_json_api::JsonRenderer),
    ]
}

pub(crate) fn run(
    args: &RenderArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, Box<dyn std::error::Error>> {
    let all = builtins();
    let mut chosen: Vec<&dyn Renderer> = Vec::new();
    if args.renderers.is_empty() {
        chosen.extend(all.iter().map(|r| r.as_ref()));
    } else {
        for name in &args.renderers {
            match all.iter().find(|r| r.name() == name) {
                Some(r) if !chosen.iter().any(|c| c.name() == name) => chosen.push(r.as_ref()),
                Some(_) => {}
                None => {
                    let names: Vec<&str> = all.iter().map(|r| r.name()).collect();
                    writeln!(
                        err,
                        "error: no renderer named `{name}`; the built-in ones are: {}",
                        names.join(", ")
                    )?;
                    return Ok(EXIT_ERROR);
                }
            }
        }
    }

    let mut options = LoadOptions::default();
    options.now = args.site.now()?;
    let site = load_site(&args.site.root(), &options)?;
    if !site.diagnostics.is_empty() {
        writeln!(
            err,
            "{} problem(s) recorded while loading; `masthead check` explains them",
            site.diagnostics.len()
        )?;
    }

    let run = render_site(&site, &chosen);
    let mut diagnostics = run.diagnostics;
    let mut failed = diagnostics.iter().any(|d| d.severity == Severity::Error);

    if args.dry_run {
        for line in run.sink.listing() {
            writeln!(out, "{line}")?;
        }
        writeln!(
            err,
            "would write {} file(s) to {}",
            run.sink.len(),
            args.out.display()
        )?;
    } else if args.check {
        let differences = run.sink.check_against(&args.out)?;
        for d in &differences {
            let kind = match d.kind {
                DifferenceKind::Missing => "missing",
                DifferenceKind::Differs => "differs",
                DifferenceKind::Extra => "extra",
            };
            writeln!(out, "{kind}: {}", d.path)?;
        }
        if differences.is_empty() {
            writeln!(
                err,
                "{} is up to date ({} file(s))",
                args.out.display(),
                run.sink.len()
            )?;
        } else {
            writeln!(
                err,
                "{} differs from the render in {} file(s); run `masthead render` without --check to update it",
                args.out.display(),
                differences.len()
            )?;
            failed = true;
        }
    } else {
        let problems = run.sink.write_to(&args.out)?;
        let refused = problems.len();
        failed |= refused > 0;
        diagnostics.extend(problems);
        writeln!(
            err,
            "wrote {} file(s) to {}",
            run.sink.len() - refused,
            args.out.display()
        )?;
    }

    for d in &diagnostics {
        writeln!(err, "{}", render_concise(d, &site))?;
    }
    Ok(if failed { EXIT_FAILED } else { EXIT_OK })
}
