//! `tracectl honeycomb datasets`: the environment's datasets.

use clap::Args;

use super::HoneycombArgs;
use crate::commands::Context;
use crate::error::Result;
use crate::output::honeycomb::print_datasets;
use crate::views;

#[derive(Debug, Args)]
pub struct DatasetsArgs {}

pub async fn run(ctx: &Context, api: &HoneycombArgs, _args: DatasetsArgs) -> Result<()> {
    let client = ctx.honeycomb_client(api)?;
    let found = client
        .datasets()
        .await
        .map_err(|e| ctx.honeycomb_error(e))?;
    print_datasets(&ctx.printer, &views::honeycomb::datasets(&found))
}
