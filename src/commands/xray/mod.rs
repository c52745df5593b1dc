//! `tracectl xray ...`: AWS X-Ray traces, one trace's waterfall, the service graph.

pub mod services;
pub mod trace;
pub mod traces;

use clap::{Args, Subcommand};

use crate::commands::{AwsArgs, Context};
use crate::error::Result;

#[derive(Debug, Args)]
pub struct XrayCommand {
    #[command(flatten)]
    pub aws: AwsArgs,
    #[command(subcommand)]
    pub command: XraySubcommand,
}

#[derive(Debug, Subcommand)]
pub enum XraySubcommand {
    /// Summarise the traces of a window: rates, latency percentiles, routes, slowest traces
    Traces(traces::TracesArgs),
    /// Show one or more traces as a waterfall of segments and subsegments
    Trace(trace::TraceArgs),
    /// Show the service graph: requests, errors, faults and latency per service
    Services(services::ServicesArgs),
}

pub async fn run(ctx: &Context, cmd: XrayCommand) -> Result<()> {
    match cmd.command {
        XraySubcommand::Traces(args) => traces::run(ctx, &cmd.aws, args).await,
        XraySubcommand::Trace(args) => trace::run(ctx, &cmd.aws, args).await,
        XraySubcommand::Services(args) => services::run(ctx, &cmd.aws, args).await,
    }
}
