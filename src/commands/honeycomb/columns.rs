//! `tracectl honeycomb columns`: a dataset's columns.

use clap::Args;

use super::HoneycombArgs;
use crate::commands::Context;
use crate::error::Result;
use crate::output::honeycomb::print_columns;

#[derive(Debug, Args)]
pub struct ColumnsArgs {
    /// Dataset whose columns to list [env: HONEYCOMB_DATASET]
    #[arg(short, long, value_name = "DATASET")]
    pub dataset: Option<String>,
}

pub async fn run(ctx: &Context, api: &HoneycombArgs, args: ColumnsArgs) -> Result<()> {
    let dataset = ctx.honeycomb_dataset(args.dataset.as_deref())?;
    let client = ctx.honeycomb_client(api)?;
    let mut columns = match client.columns(&dataset).await {
        Ok(c) => c,
        Err(e) => return Err(ctx.dataset_error(&client, &dataset, e).await),
    };
    columns.sort_by(|a, b| a.key_name.cmp(&b.key_name));
    print_columns(&ctx.printer, &columns)
}
