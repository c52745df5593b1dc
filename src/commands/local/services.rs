//! `tracectl local services`: the service graph of `xray services`, computed from the
//! stored spans that cross services and drawn by the same renderer.

use std::time::Duration;

use clap::Args;

use crate::clients::store::Store;
use crate::commands::{Context, resolve_window};
use crate::error::Result;
use crate::model::time::{TimeSpec, time_arg};
use crate::output::xray::print_services;
use crate::views;

#[derive(Debug, Args)]
pub struct ServicesArgs {
    /// Look at the last DUR [default: 1h]
    #[arg(long, value_parser = time_arg, value_name = "DUR")]
    pub since: Option<TimeSpec>,

    #[command(flatten)]
    pub db: crate::commands::local::DbArg,
}

const DEFAULT_SINCE: Duration = Duration::from_secs(3600);

pub async fn run(ctx: &Context, args: ServicesArgs) -> Result<()> {
    let window = resolve_window(args.since, None, None, DEFAULT_SINCE, ctx.now)?;
    let store = Store::open_read(&super::database_path(ctx, &args.db)?)?;
    let report = views::local::services(&store, window)?;
    print_services(&ctx.printer, &report)
}
