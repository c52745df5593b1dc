//! `tracectl honeycomb datasets`.

use clap::Args;

use super::HoneycombArgs;
use crate::commands::Context;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct DatasetsArgs {}

pub async fn run(_ctx: &Context, _api: &HoneycombArgs, _args: DatasetsArgs) -> Result<()> {
    Err(Error::not_implemented("honeycomb datasets"))
}
