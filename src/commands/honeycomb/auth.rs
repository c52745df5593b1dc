//! `tracectl honeycomb auth`.

use clap::Args;

use super::HoneycombArgs;
use crate::commands::Context;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct AuthArgs {}

pub async fn run(_ctx: &Context, _api: &HoneycombArgs, _args: AuthArgs) -> Result<()> {
    Err(Error::not_implemented("honeycomb auth"))
}
