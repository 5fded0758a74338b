//! The `masthead` binary.
use std::process::ExitCode;

// masthead allocates many small values per document across threads; glibc's
// allocator spent a third of the loading time in malloc/free (see
// docs/performance.md), mimalloc a fraction of that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    masthead_cli::run(std::env::args_os(), &mut stdout.lock(), &mut stderr.lock())
}
