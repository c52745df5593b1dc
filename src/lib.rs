//! tracectl: one fast binary for a web app's observability stack. The library holds
//! everything; `main.rs` only builds the runtime and maps the result to an exit code.
//!
//! Data flows one way: [`cli`] parses -> [`commands`] (a face) build a request -> [`views`]
//! answer it with a report, from [`clients`] (the outside) and [`model`] (computation) ->
//! [`output`] renders it. `tests/it/house.rs` keeps the layers' imports to that.

#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod cli;
pub mod clients;
pub mod collector;
pub mod commands;
pub mod config;
pub mod error;
pub mod generate;
pub mod input;
pub mod mcp;
pub mod model;
pub mod observe;
pub mod output;
pub mod redact;
pub mod ui;
pub mod views;

pub use error::{Error, Result};

use cli::{Cli, Command};
use commands::Context;
use config::{Config, Env};
use output::Printer;

/// Runs one invocation.
pub async fn run(cli: Cli) -> Result<()> {
    let env = Env::from_process();
    // These two must work even when the config file is broken.
    match &cli.command {
        Command::Completions(args) => return commands::completions::run(args),
        Command::Config(c) if matches!(c.command, commands::config::ConfigSubcommand::Path) => {
            return commands::config::path(&cli.global.config_flags(), &env);
        }
        _ => {}
    }

    let config = Config::load(&cli.global.config_flags(), env)?;
    let printer = Printer::detect(
        config.output().value,
        cli.global.color.unwrap_or_default(),
        config.env().get("NO_COLOR").is_some(),
        cli.global.quiet,
        cli.global.verbose,
        cli.global.utc,
    );
    for warning in config.warnings() {
        printer.warn(warning);
    }
    let ctx = Context {
        printer,
        config,
        now: jiff::Timestamp::now(),
        said_slow: Default::default(),
    };
    let result = commands::dispatch(&ctx, cli.command).await;
    // Whatever was printed before a failure still reaches the reader.
    let flushed = ctx.printer.flush();
    result.and(flushed)
}
