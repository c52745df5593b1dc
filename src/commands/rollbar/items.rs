//! `tracectl rollbar items`: the project's errors, newest activity first.

use clap::{Args, ValueEnum};

use super::RollbarArgs;
use crate::clients::rollbar::ItemsFilter;
use crate::commands::Context;
use crate::error::Result;
use crate::model::time::{TimeSpec, time_arg};
use crate::views;
use crate::views::rollbar::{ItemsReport, ItemsRequest};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl rollbar items --since 1h
  tracectl rollbar items --level error -e production --status all -o json

Needs a project access token of read scope in ROLLBAR_READ_ACCESS_TOKEN (the app's
post_server_item token cannot read). `tracectl rollbar item COUNTER` shows one.")]
pub struct ItemsArgs {
    /// Only items with an occurrence since then (a duration ago, or a time)
    #[arg(long, value_parser = time_arg, value_name = "DUR")]
    pub since: Option<TimeSpec>,

    /// Only this level: critical, error, warning, info or debug
    #[arg(long, value_name = "LEVEL", value_parser = clap::builder::PossibleValuesParser::new(crate::model::local_error::LEVELS.iter().copied()))]
    pub level: Option<String>,

    /// Only this environment
    #[arg(short, long, value_name = "ENVIRONMENT")]
    pub environment: Option<String>,

    /// Which items by status
    #[arg(long, value_enum, default_value = "active")]
    pub status: ItemStatus,

    /// List at most this many
    #[arg(short, long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ItemStatus {
    Active,
    Resolved,
    Muted,
    All,
}

pub async fn run(ctx: &Context, api: &RollbarArgs, args: ItemsArgs) -> Result<()> {
    let spinner = ctx.printer.spinner("reading Rollbar items");
    let report = report(ctx, api, &args).await;
    spinner.finish_and_clear();
    crate::output::rollbar::print_items(&ctx.printer, &report?, "tracectl rollbar item COUNTER")
}

/// The items the arguments select (the report `-o json` writes and the MCP `errors` tool
/// answers for source rollbar).
pub async fn report(ctx: &Context, api: &RollbarArgs, args: &ItemsArgs) -> Result<ItemsReport> {
    let client = ctx.rollbar_reader(api)?;
    let request = ItemsRequest {
        filter: ItemsFilter {
            level: args.level.clone(),
            environment: args.environment.clone(),
            status: match args.status {
                ItemStatus::Active => Some("active".into()),
                ItemStatus::Resolved => Some("resolved".into()),
                ItemStatus::Muted => Some("muted".into()),
                ItemStatus::All => None,
            },
        },
        since: args.since.map(|s| s.resolve(ctx.now)),
        limit: args.limit,
    };
    views::rollbar::items(&client, &request)
        .await
        .map_err(|e| ctx.rollbar_read_error(e))
}
