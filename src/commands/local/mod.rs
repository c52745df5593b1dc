//! `tracectl local ...`: traces collected on this machine, no cloud account needed.

pub mod listen;
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

/// How an app is pointed at the listener, for hints.
pub(crate) const POINT_AN_APP: &str = "OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 (OpenTelemetry) or AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:2000 (the X-Ray SDK)";

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
    /// Stand in for the X-Ray daemon and an OpenTelemetry collector: receive spans (OTLP
    /// over HTTP and gRPC, X-Ray over UDP), store them in SQLite, print each request
    Listen(listen::ListenArgs),
    /// Summarise the stored requests of a window, as `xray traces` does: rates, latency
    /// percentiles, routes, slowest traces
    Traces(traces::TracesArgs),
    /// Show stored traces as a waterfall, as `xray trace` does
    Trace(trace::TraceArgs),
    /// Show the service graph of the stored spans, as `xray services` does
    Services(services::ServicesArgs),
    /// Run a query over the stored spans with the flags of `honeycomb query`
    Query(query::QueryArgs),
    /// Show what the span database holds: size, spans and traces by service, time range
    Stats(stats::StatsArgs),
    /// Delete old spans now (`local listen --retain` does it while running)
    Prune(prune::PruneArgs),
}

pub async fn run(ctx: &Context, cmd: LocalCommand) -> Result<()> {
    match cmd.command {
        LocalSubcommand::Listen(args) => listen::run(ctx, &cmd.aws, args).await,
        LocalSubcommand::Traces(args) => traces::run(ctx, args).await,
        LocalSubcommand::Trace(args) => trace::run(ctx, args).await,
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
