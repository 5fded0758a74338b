//! The `masthead` binary.
use std::process::ExitCode;

fn main() -> ExitCode {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    masthead_cli::run(std::env::args_os(), &mut stdout.lock(), &mut stderr.lock())
}
