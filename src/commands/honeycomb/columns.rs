//! `tracectl honeycomb columns`: a dataset's columns.

use clap::Args;

use super::HoneycombArgs;
use crate::commands::Context;
use crate::config::HONEYCOMB_DATASET;
use crate::error::Result;
use crate::output::honeycomb::print_columns;
use crate::views;

#[derive(Debug, Args)]
pub struct ColumnsArgs {
    #[arg(short, long, value_name = "DATASET", help = HONEYCOMB_DATASET.help("Dataset whose columns to list"))]
    pub dataset: Option<String>,
}

pub async fn run(ctx: &Context, api: &HoneycombArgs, args: ColumnsArgs) -> Result<()> {
    let dataset = ctx.honeycomb_dataset(args.dataset.as_deref())?;
    let client = ctx.honeycomb_client(api)?;
    match client.columns(&dataset).await {
        Ok(found) => print_columns(&ctx.printer, &views::honeycomb::columns(&found)),
        Err(e) => Err(ctx.dataset_error(&client, &dataset, e).await),
    }
}
