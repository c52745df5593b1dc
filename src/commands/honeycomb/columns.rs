//! `tracectl honeycomb columns`.

use clap::Args;

use super::HoneycombArgs;
use crate::commands::Context;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct ColumnsArgs {
    /// Dataset whose columns to list [env: HONEYCOMB_DATASET]
    #[arg(short, long, value_name = "DATASET")]
    pub dataset: Option<String>,
}

pub async fn run(_ctx: &Context, _api: &HoneycombArgs, _args: ColumnsArgs) -> Result<()> {
    Err(Error::not_implemented("honeycomb columns"))
}
