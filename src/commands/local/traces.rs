//! `tracectl local traces`: the summary of `xray traces` (rates, percentiles, routes, the
//! slowest or newest requests), computed from the root spans of the local database and
//! drawn by the same renderer.

use clap::Args;

use crate::clients::store::Store;
use crate::commands::{Context, TraceSelection};
use crate::error::Result;
use crate::output::xray::print_traces;
use crate::views;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl local traces --since 15m
  tracectl local traces --faults --url-contains /api/activities
  tracectl local traces --since 1h -o json | jq '.summary'

--errors, --faults and --throttles together select traces with any of them; every other
option narrows the selection further.")]
pub struct TracesArgs {
    #[command(flatten)]
    pub selection: TraceSelection,

    #[command(flatten)]
    pub db: crate::commands::local::DbArg,
}

pub async fn run(ctx: &Context, args: TracesArgs) -> Result<()> {
    let request = args
        .selection
        .traces_request(args.selection.window(ctx.now)?);
    let store = Store::open_read(&super::database_path(ctx, &args.db)?)?;
    let report = views::local::traces(&store, &request)?;
    print_traces(&ctx.printer, &report)?;
    if store.time_range()?.is_none() {
        ctx.printer.hint(&format!(
            "{} holds no spans yet: run `tracectl local listen` and point an app at it: {}",
            store.path().display(),
            super::POINT_AN_APP
        ));
    }
    Ok(())
}
