//! `tracectl honeycomb marker`.

use clap::Args;

use super::HoneycombArgs;
use crate::commands::Context;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct MarkerArgs {
    /// The marker's message, e.g. "deploy v0.2"
    pub message: String,

    /// Dataset to mark (`__all__` for the whole environment) [env: HONEYCOMB_DATASET]
    #[arg(short, long, value_name = "DATASET")]
    pub dataset: Option<String>,

    /// Marker type, which groups markers by colour
    #[arg(long = "type", value_name = "TYPE", default_value = "deploy")]
    pub marker_type: String,

    /// A link to show with the marker (a build or a commit)
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

pub async fn run(_ctx: &Context, _api: &HoneycombArgs, _args: MarkerArgs) -> Result<()> {
    Err(Error::not_implemented("honeycomb marker"))
}
