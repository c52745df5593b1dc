//! `tracectl local ...`: traces collected on this machine, no cloud account needed.

pub mod listen;

use clap::{Args, Subcommand};

use crate::commands::{AwsArgs, Context};
use crate::error::Result;

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
}

pub async fn run(ctx: &Context, cmd: LocalCommand) -> Result<()> {
    match cmd.command {
        LocalSubcommand::Listen(args) => listen::run(ctx, &cmd.aws, args).await,
    }
}
