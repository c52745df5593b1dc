//! `tracectl honeycomb auth`: what the API key is and may do.

use clap::Args;

use super::HoneycombArgs;
use crate::commands::Context;
use crate::error::Result;
use crate::output::honeycomb::print_auth;

#[derive(Debug, Args)]
pub struct AuthArgs {}

pub async fn run(ctx: &Context, api: &HoneycombArgs, _args: AuthArgs) -> Result<()> {
    let client = ctx.honeycomb_client(api)?;
    let auth = client.auth().await.map_err(|e| ctx.honeycomb_error(e))?;
    print_auth(&ctx.printer, &(&auth).into())
}
