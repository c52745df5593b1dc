use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    tracectl::error::install_panic_hook();
    let cli = tracectl::cli::Cli::parse(); // usage errors exit 2, --help/--version exit 0
    let stderr_color = cli.global.stderr_color();
    let result = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Set on purpose, not left to the default (2 MiB): parsers of outside data recurse
        // with nesting, and every answer's depth is bounded to fit well inside this.
        .thread_stack_size(8 * 1024 * 1024)
        .build()
        .map_err(tracectl::Error::from)
        .and_then(|runtime| runtime.block_on(tracectl::run(cli)));
    tracectl::error::finish(result, stderr_color)
}
