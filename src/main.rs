use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    tracectl::error::install_panic_hook();
    let cli = tracectl::cli::Cli::parse(); // usage errors exit 2, --help/--version exit 0
    let stderr_color = cli.global.stderr_color();
    let result = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(tracectl::Error::from)
        .and_then(|runtime| runtime.block_on(tracectl::run(cli)));
    tracectl::error::finish(result, stderr_color)
}
