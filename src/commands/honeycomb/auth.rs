//! `tracectl honeycomb auth`: what the API key is and may do.

use clap::Args;

use super::HoneycombArgs;
use crate::commands::Context;
use crate::config::HONEYCOMB_DATASET;
use crate::error::Result;
use crate::output::honeycomb::print_auth;
use crate::views;

#[derive(Debug, Args)]
pub struct AuthArgs {}

pub async fn run(ctx: &Context, api: &HoneycombArgs, _args: AuthArgs) -> Result<()> {
    let client = ctx.honeycomb_client(api)?;
    let report = views::honeycomb::auth(&client, &probe_dataset(ctx))
        .await
        .map_err(|e| ctx.honeycomb_error(e))?;
    print_auth(&ctx.printer, &report)
}

/// Where the Query Data API is probed: the configured dataset, else the environment's.
pub(crate) fn probe_dataset(ctx: &Context) -> String {
    ctx.config
        .get(&HONEYCOMB_DATASET, None)
        .map_or_else(|| "__all__".to_string(), |r| r.value)
}
