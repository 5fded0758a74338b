//! `masthead render`: run renderers over the site and write, check or list
//! what they make.

use crate::{EXIT_ERROR, EXIT_FAILED, EXIT_OK, SiteArgs};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use masthead_diagnostics::{Severity, render_concise};
use masthead_model::site::Site;
use masthead_render::{DifferenceKind, RenderObserver, Renderer, render_site_observed};
use masthead_source::{LoadError, LoadOptions, load_site};
use std::ffi::OsStr;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

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

/// Every built-in renderer, in the order `masthead render` runs them:
/// `html`, `redirects`, `feeds`, `ical`, `json`. What a library caller
/// hands to `render_site` to render as the command line does.
pub fn builtin_renderers() -> Vec<Box<dyn Renderer>> {
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
    let all = builtin_renderers();
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

    let options = args.site.load_options()?;
    let progress = progress_allowed(
        std::io::stderr().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("TERM").as_deref(),
    );
    let site = if progress {
        load_with_spinner(&args.site.root(), &options)?
    } else {
        load_site(&args.site.root(), &options)?
    };
    if !site.diagnostics.is_empty() {
        writeln!(
            err,
            "{} problem(s) recorded while loading; `masthead check` explains them",
            site.diagnostics.len()
        )?;
    }

    let mut run = if progress {
        let bar = Progress::new();
        let run = render_site_observed(&site, &chosen, &bar);
        bar.0.finish_and_clear();
        run
    } else {
        render_site_observed(&site, &chosen, &())
    };
    let mut diagnostics = std::mem::take(&mut run.diagnostics);
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
    // Freeing the site and every artifact is work the answer need not wait
    // for: a thread does it, which the process may end before it finishes
    // (as `masthead check` does with its site).
    std::thread::spawn(move || drop((site, run)));
    Ok(if failed { EXIT_FAILED } else { EXIT_OK })
}

/// Whether `masthead render` draws a spinner and progress bar: only on a
/// terminal (`stderr_is_terminal`), and not when `NO_COLOR` is set
/// (non-empty) or `TERM` is `dumb`. Anywhere else its standard error is
/// exactly the lines it always writes.
fn progress_allowed(
    stderr_is_terminal: bool,
    no_color: Option<&OsStr>,
    term: Option<&OsStr>,
) -> bool {
    stderr_is_terminal && no_color.is_none_or(|v| v.is_empty()) && term.is_none_or(|t| t != "dumb")
}

/// How often the loading spinner turns.
const SPIN: Duration = Duration::from_millis(80);

/// The spinner's line while the site loads.
const LOADING: &str = "{spinner} loading {msg}";
/// A renderer's line until it reports progress.
const RENDERING: &str = "{spinner} {prefix} {msg}";
/// A renderer's line once it reports progress.
const RENDERING_BAR: &str = "{spinner} {prefix} {msg} [{bar:30}] {pos}/{len}";

/// Loads the site on another thread while this one, which holds the
/// standard error lock, turns a spinner (a spinner's own ticker thread
/// would wait on that lock).
fn load_with_spinner(root: &Path, options: &LoadOptions) -> Result<Site, LoadError> {
    let spinner = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    #[expect(
        clippy::expect_used,
        reason = "a constant template, which parses (tests::the_templates_parse)"
    )]
    let style = ProgressStyle::with_template(LOADING).expect("a valid template");
    spinner.set_style(style);
    spinner.set_message(root.display().to_string());
    let loaded = std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel();
        let worker = scope.spawn(move || {
            // The receiver outlives the worker; a failed send cannot happen.
            let _ = tx.send(load_site(root, options));
        });
        loop {
            match rx.recv_timeout(SPIN) {
                Ok(loaded) => break loaded,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => spinner.tick(),
                // The loader panicked: pass its panic on.
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
                    Err(panic) => std::panic::resume_unwind(panic),
                    #[expect(
                        clippy::unreachable,
                        reason = "the channel disconnects only after the worker's one message is \
                                  received, so a worker that ended without sending panicked"
                    )]
                    Ok(()) => unreachable!("the loader sends before it ends"),
                },
            }
        }
    });
    spinner.finish_and_clear();
    loaded
}

/// The progress bar of a render: one line, `[2/5] json [=====>   ] 12/40`;
/// a spinner for renderers that report no progress. The flag says whether
/// the bar style is on.
struct Progress(ProgressBar, AtomicBool);

impl Progress {
    fn new() -> Self {
        Progress(
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
            AtomicBool::new(false),
        )
    }
}

impl RenderObserver for Progress {
    fn renderer_started(&self, name: &str, index: usize, total: usize) {
        #[expect(
            clippy::expect_used,
            reason = "a constant template, which parses (tests::the_templates_parse)"
        )]
        let style = ProgressStyle::with_template(RENDERING).expect("a valid template");
        self.0.set_style(style);
        self.1.store(false, Ordering::Relaxed);
        self.0.set_prefix(format!("[{}/{total}]", index + 1));
        self.0.set_message(name.to_string());
        self.0.set_position(0);
        self.0.tick();
    }

    fn progress(&self, _name: &str, done: usize, total: usize) {
        if !self.1.swap(true, Ordering::Relaxed) {
            #[expect(
                clippy::expect_used,
                reason = "a constant template, which parses (tests::the_templates_parse)"
            )]
            let style = ProgressStyle::with_template(RENDERING_BAR).expect("a valid template");
            self.0.set_style(style.progress_chars("=> "));
        }
        self.0.update(|state| {
            state.set_len(total as u64);
            state.set_pos(done as u64);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_templates_parse() {
        for template in [LOADING, RENDERING, RENDERING_BAR] {
            assert!(ProgressStyle::with_template(template).is_ok(), "{template}");
        }
    }

    #[test]
    fn progress_only_on_a_terminal_that_allows_it() {
        let os = |s: &'static str| Some(OsStr::new(s));
        assert!(progress_allowed(true, None, os("xterm-256color")));
        assert!(progress_allowed(true, os(""), None));
        assert!(!progress_allowed(false, None, os("xterm")));
        assert!(!progress_allowed(true, os("1"), os("xterm")));
        assert!(!progress_allowed(true, None, os("dumb")));
    }

    #[test]
    fn the_progress_observer_follows_a_render() {
        // A hidden bar: the observer's bookkeeping without a terminal.
        let bar = Progress(ProgressBar::hidden(), AtomicBool::new(false));
        let site = Site::default();
        let renderers: [&dyn Renderer; 2] = [
            &masthead_html::HtmlRenderer,
            &masthead_json_api::JsonRenderer,
        ];
        let observed = render_site_observed(&site, &renderers, &bar);
        assert_eq!(bar.0.message(), "json");
        assert_eq!(bar.0.prefix(), "[2/2]");
        let plain = masthead_render::render_site(&site, &renderers);
        assert_eq!(observed.sink.listing(), plain.sink.listing());
    }
}
