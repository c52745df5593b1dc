//! `tracectl logs ...`: CloudWatch Logs.

pub mod groups;
pub mod query;
pub mod streams;
pub mod tail;

use clap::{Args, Subcommand};

use crate::commands::{AwsArgs, Context};
use crate::error::Result;

#[derive(Debug, Args)]
pub struct LogsCommand {
    #[command(flatten)]
    pub aws: AwsArgs,
    #[command(subcommand)]
    pub command: LogsSubcommand,
}

#[derive(Debug, Subcommand)]
pub enum LogsSubcommand {
    /// Print the events of log groups in time order, and follow new ones with --follow
    Tail(tail::TailArgs),
    /// List log groups: name, stored bytes, retention, created
    Groups(groups::GroupsArgs),
    /// List a group's streams, most recently written first
    Streams(streams::StreamsArgs),
    /// Run a CloudWatch Logs Insights query and print the result rows
    Query(query::QueryArgs),
}

pub async fn run(ctx: &Context, cmd: LogsCommand) -> Result<()> {
    match cmd.command {
        LogsSubcommand::Tail(args) => tail::run(ctx, &cmd.aws, args).await,
        LogsSubcommand::Groups(args) => groups::run(ctx, &cmd.aws, args).await,
        LogsSubcommand::Streams(args) => streams::run(ctx, &cmd.aws, args).await,
        LogsSubcommand::Query(args) => query::run(ctx, &cmd.aws, args).await,
    }
}
