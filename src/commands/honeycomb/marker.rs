//! `tracectl honeycomb marker`: mark a moment (a deploy) on a dataset's graphs.

use clap::Args;

use super::HoneycombArgs;
use crate::clients::honeycomb::NewMarker;
use crate::commands::Context;
use crate::config::HONEYCOMB_DATASET;
use crate::error::{Error, Result};
use crate::output::honeycomb::print_marker;
use crate::views::honeycomb::MarkerReport;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl honeycomb marker 'deploy v0.2' -d cruddur
  tracectl honeycomb marker \"deploy $(git describe)\" --url https://github.com/org/repo/releases/tag/v0.2")]
pub struct MarkerArgs {
    /// The marker's message, e.g. "deploy v0.2"
    pub message: String,

    #[arg(
        short,
        long,
        value_name = "DATASET",
        help = HONEYCOMB_DATASET.help("Dataset to mark (`__all__` for the whole environment)")
    )]
    pub dataset: Option<String>,

    /// Marker type, which groups markers by colour
    #[arg(long = "type", value_name = "TYPE", default_value = "deploy")]
    pub marker_type: String,

    /// A link to show with the marker (a build or a commit)
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

pub async fn run(ctx: &Context, api: &HoneycombArgs, args: MarkerArgs) -> Result<()> {
    let (dataset, marker) = mark(ctx, api, args).await?;
    print_marker(&ctx.printer, &dataset, &marker)
}

/// Adds the marker: the dataset it was added to, and the marker as Honeycomb made it (the
/// report `-o json` writes and the MCP `honeycomb_marker` tool answers).
pub async fn mark(
    ctx: &Context,
    api: &HoneycombArgs,
    args: MarkerArgs,
) -> Result<(String, MarkerReport)> {
    if args.message.trim().is_empty() {
        return Err(Error::usage("the marker message is empty")
            .with_hint("e.g. tracectl honeycomb marker 'deploy v0.2'"));
    }
    let dataset = ctx.honeycomb_dataset(args.dataset.as_deref())?;
    let client = ctx.honeycomb_client(api)?;
    let marker = NewMarker {
        message: args.message,
        marker_type: Some(args.marker_type).filter(|t| !t.is_empty()),
        url: args.url,
        // The moment of the command, not of Honeycomb's receipt (a slow network moves it).
        start_time: Some(ctx.now.as_second()),
    };
    match client.create_marker(&dataset, &marker).await {
        Ok(created) => Ok((dataset, (&created).into())),
        Err(e) => Err(ctx.dataset_error(&client, &dataset, e).await),
    }
}
