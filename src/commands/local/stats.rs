//! `tracectl local stats`: what the span database holds: where, how large, how many spans
//! and traces of which service, from when to when.

use clap::Args;

use crate::clients::store::Store;
use crate::commands::Context;
use crate::error::Result;
use crate::views;

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub db: crate::commands::local::DbArg,
}

pub async fn run(ctx: &Context, args: StatsArgs) -> Result<()> {
    let path = super::database_path(ctx, &args.db)?;
    let store = Store::open_read(&path)?;
    let stats = views::local::stats(&store)?;
    crate::output::local::print_stats(&ctx.printer, &stats)?;
    if stats.services.is_empty() && !ctx.printer.is_json() {
        ctx.printer.hint(&format!(
            "no spans yet: run `tracectl local listen` and point an app at it: {}",
            super::POINT_AN_APP
        ));
    }
    Ok(())
}
