//! `tracectl rollbar ...`: test errors and deploys.

pub mod deploy;
pub mod trigger;

use clap::{Args, Subcommand};

use crate::commands::Context;
use crate::error::Result;

#[derive(Debug, Args)]
pub struct RollbarCommand {
    #[command(flatten)]
    pub api: RollbarArgs,
    #[command(subcommand)]
    pub command: RollbarSubcommand,
}

/// Options every rollbar command takes.
#[derive(Debug, Clone, Args)]
pub struct RollbarArgs {
    /// API endpoint [env: ROLLBAR_ENDPOINT] [default: https://api.rollbar.com/api/1/]
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RollbarSubcommand {
    /// Send realistic test errors, synchronously, and print each occurrence's link
    Trigger(trigger::TriggerArgs),
    /// Record a deploy
    Deploy(deploy::DeployArgs),
}

pub async fn run(ctx: &Context, cmd: RollbarCommand) -> Result<()> {
    match cmd.command {
        RollbarSubcommand::Trigger(args) => trigger::run(ctx, &cmd.api, args).await,
        RollbarSubcommand::Deploy(args) => deploy::run(ctx, &cmd.api, args).await,
    }
}
