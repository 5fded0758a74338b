//! The `masthead` command line. The binary in the `masthead` package calls
//! [`run`]; keeping the logic in a library lets tests drive it directly.

mod check;
mod fix;
mod json;
mod list;
mod new;
mod paths;
mod render;
mod rules;
mod sarif;
mod schema;

pub use render::builtin_renderers;

use clap::{Parser, Subcommand};
use masthead_model::date::Instant;
use masthead_source::LoadOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// masthead: a typed model and checker for Jekyll-style content.
#[derive(Debug, Parser)]
#[command(name = "masthead", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List every document of the site with its URL, output path, date and redirects.
    List(list::ListArgs),
    /// Check the site against the rules and report every problem.
    Check(check::CheckArgs),
    /// Explain one rule: what it finds, why it matters, an example.
    Explain(rules::ExplainArgs),
    /// List every rule with its code, name, family and default severity.
    Rules(rules::RulesArgs),
    /// Write JSON Schemas of the site's front matter, data files and config for editors.
    Schema(schema::SchemaArgs),
    /// Create a document from the collection's archetype, named and shaped like its others.
    New(new::NewArgs),
    /// Render the site: HTML pages, redirects, feeds, calendars and a JSON API, written, checked (--check) or listed (--dry-run).
    Render(render::RenderArgs),
}

/// Options every site command takes.
#[derive(Debug, clap::Args)]
struct SiteArgs {
    /// Site root. Default: the nearest folder upward holding `_config.yml`, else the current one.
    #[arg(long, value_name = "DIR")]
    site: Option<PathBuf>,
    /// The moment "future" is measured from (RFC 3339, or a date), for reproducible output.
    /// Also read from the MASTHEAD_NOW environment variable.
    #[arg(long, value_name = "TIME", env = "MASTHEAD_NOW")]
    now: Option<String>,
    /// Largest file read, in bytes or with a unit (`512KiB`, `10MiB`, `1GiB`); larger files are
    /// reported (LIM001) and not read. Default: 10MiB.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    max_file_size: Option<u64>,
    /// Most files in collections read, the first in path order; the rest are reported (LIM002).
    /// Default: 200000.
    #[arg(long, value_name = "N")]
    max_documents: Option<usize>,
    /// Deepest nesting of lists and mappings read in front matter; deeper is reported (FM009).
    /// Default: 128.
    #[arg(long, value_name = "N")]
    max_nesting: Option<usize>,
    /// Most values one front matter may expand to through aliases; more is reported (FM009).
    /// Default: 100000.
    #[arg(long, value_name = "N")]
    max_values: Option<usize>,
}

impl SiteArgs {
    fn root(&self) -> PathBuf {
        if let Some(site) = &self.site {
            return site.clone();
        }
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        find_site_root(&cwd).unwrap_or(cwd)
    }

    fn now(&self) -> Result<Option<Instant>, String> {
        self.now
            .as_deref()
            .map(|t| Instant::parse(t).map_err(|e| format!("--now `{t}`: {e}")))
            .transpose()
    }

    /// How to load the site: `--now` and the limits.
    fn load_options(&self) -> Result<LoadOptions, String> {
        let mut options = LoadOptions::default();
        options.now = self.now()?;
        if let Some(max) = self.max_file_size {
            options.max_file_bytes = max;
        }
        if let Some(max) = self.max_documents {
            options.max_documents = max;
        }
        if let Some(max) = self.max_nesting {
            options.parse.max_depth = max;
        }
        if let Some(max) = self.max_values {
            options.parse.max_nodes = max;
        }
        Ok(options)
    }
}

/// Reads a size for `--max-file-size`: bytes, or a number with a binary
/// unit (`KiB`, `MiB`, `GiB`; `K`, `M`, `G` and `KB`, `MB`, `GB` mean the
/// same).
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size such as 10MiB or 1048576"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        other => return Err(format!("`{other}` is not a size unit; use KiB, MiB or GiB")),
    };
    number
        .checked_mul(1u64 << shift)
        .ok_or_else(|| format!("`{text}` is too large"))
}

/// The nearest folder at or above `start` holding `_config.yml`.
pub fn find_site_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join("_config.yml").is_file() || dir.join("_config.yaml").is_file())
        .map(Path::to_path_buf)
}

/// Exit code: the run finished and found nothing at the failing severity.
pub const EXIT_OK: u8 = 0;
/// Exit code: the run finished and found something at the failing severity.
pub const EXIT_FAILED: u8 = 1;
/// Exit code: the tool could not run (bad arguments, unreadable site).
pub const EXIT_ERROR: u8 = 2;

/// Runs the command line with `args` (the first is the program name),
/// writing to `out` and `err`.
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let _ = write!(err, "{}", e.render());
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::List(args) => list::run(&args, out, err),
        Command::Check(args) => check::run(&args, out, err),
        Command::Explain(args) => rules::explain(&args, out, err),
        Command::Rules(args) => rules::list(&args, out),
        Command::Schema(args) => schema::run(&args, out, err),
        Command::New(args) => new::run(&args, out, err),
        Command::Render(args) => render::run(&args, out, err),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`masthead list | head`) is not a failure.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::from(EXIT_OK)
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}
