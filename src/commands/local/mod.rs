//! `tracectl local ...`: traces, log lines and errors collected on this machine, no cloud
//! account needed.

pub mod error;
pub mod errors;
pub mod listen;
pub mod logs;
pub mod prune;
pub mod query;
pub mod services;
pub mod stats;
pub mod trace;
pub mod traces;

use clap::{Args, Subcommand};

use std::path::PathBuf;

use crate::clients::store::default_path;
use crate::commands::{AwsArgs, Context};
use crate::config::LOCAL_DB;
use crate::error::{Error, Result};

pub(crate) use crate::views::local::POINT_AN_APP;

#[derive(Debug, Args)]
pub struct LocalCommand {
    /// AWS settings, for --forward-xray
    #[command(flatten)]
    pub aws: AwsArgs,
    #[command(subcommand)]
    pub command: LocalSubcommand,
}

#[derive(Debug, Subcommand)]
pub enum LocalSubcommand {
    /// Stand in for the X-Ray daemon, an OpenTelemetry collector, CloudWatch Logs and
    /// Rollbar: receive spans (OTLP, X-Ray), logs (OTLP, Watchtower) and errors (pyrollbar),
    /// store them in SQLite, print each request
    Listen(listen::ListenArgs),
    /// Summarise the stored requests of a window, as `xray traces` does: rates, latency
    /// percentiles, routes, slowest traces
    Traces(traces::TracesArgs),
    /// Show stored traces as a waterfall, as `xray trace` does, with their log lines and
    /// errors under the spans
    Trace(trace::TraceArgs),
    /// Print the stored log lines, as `logs tail` does; -f follows new ones
    Logs(logs::LogsArgs),
    /// List the stored errors, grouped as Rollbar groups them
    Errors(errors::ErrorsArgs),
    /// Show one stored error: its traceback, request and trace
    Error(error::ErrorArgs),
    /// Show the service graph of the stored spans, as `xray services` does
    Services(services::ServicesArgs),
    /// Run a query over the stored spans with the flags of `honeycomb query`
    Query(query::QueryArgs),
    /// Show what the database holds: size, spans and traces by service, log lines, errors,
    /// time range
    Stats(stats::StatsArgs),
    /// Delete old spans, log lines and errors now (`local listen --retain` does it while
    /// running)
    Prune(prune::PruneArgs),
}

pub async fn run(ctx: &Context, cmd: LocalCommand) -> Result<()> {
    match cmd.command {
        LocalSubcommand::Listen(args) => listen::run(ctx, &cmd.aws, args).await,
        LocalSubcommand::Traces(args) => traces::run(ctx, args).await,
        LocalSubcommand::Trace(args) => trace::run(ctx, args).await,
        LocalSubcommand::Logs(args) => logs::run(ctx, args).await,
        LocalSubcommand::Errors(args) => errors::run(ctx, args).await,
        LocalSubcommand::Error(args) => error::run(ctx, args).await,
        LocalSubcommand::Services(args) => services::run(ctx, args).await,
        LocalSubcommand::Query(args) => query::run(ctx, args).await,
        LocalSubcommand::Stats(args) => stats::run(ctx, args).await,
        LocalSubcommand::Prune(args) => prune::run(ctx, args).await,
    }
}

/// `--db`, declared once for every command that reads or writes the span database.
#[derive(Debug, Clone, Default, Args)]
pub struct DbArg {
    #[arg(
        id = "db",
        long = "db",
        value_name = "PATH",
        help = LOCAL_DB.help("The span database [default: $XDG_DATA_HOME/tracectl/traces.db]")
    )]
    pub path: Option<PathBuf>,
}

/// The span database: `--db`, else `TRACECTL_LOCAL_DB` / the profile, else the default
/// under `$XDG_DATA_HOME`.
pub(crate) fn database_path(ctx: &Context, flag: &DbArg) -> Result<PathBuf> {
    if let Some(path) = &flag.path {
        return Ok(path.clone());
    }
    if let Some(resolved) = ctx.config.get(&LOCAL_DB, None) {
        return Ok(PathBuf::from(resolved.value));
    }
    default_path(ctx.config.env()).ok_or_else(|| {
        Error::usage("no place for the span database: neither HOME nor XDG_DATA_HOME is set")
            .with_hint("pass --db PATH or set TRACECTL_LOCAL_DB")
    })
}
