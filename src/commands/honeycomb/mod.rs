//! `tracectl honeycomb ...`: the Honeycomb Query Data API from the terminal.

pub mod auth;
pub mod columns;
pub mod datasets;
pub mod marker;
pub mod query;

use clap::{Args, Subcommand};

use crate::commands::Context;
use crate::error::Result;

#[derive(Debug, Args)]
pub struct HoneycombCommand {
    #[command(flatten)]
    pub api: HoneycombArgs,
    #[command(subcommand)]
    pub command: HoneycombSubcommand,
}

/// Options every honeycomb command takes.
#[derive(Debug, Clone, Args)]
pub struct HoneycombArgs {
    /// API endpoint, e.g. https://api.eu1.honeycomb.io [env: HONEYCOMB_API_ENDPOINT]
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum HoneycombSubcommand {
    /// Run a query: table of results, a chart per calculation, and the query link
    Query(query::QueryArgs),
    /// List datasets: name, slug, columns, last written
    Datasets(datasets::DatasetsArgs),
    /// List a dataset's columns: name, type, last written, description
    Columns(columns::ColumnsArgs),
    /// Show what the API key can do: team, environment, key type, permissions
    Auth(auth::AuthArgs),
    /// Add a marker (a deploy, say) to a dataset's graphs
    Marker(marker::MarkerArgs),
}

pub async fn run(ctx: &Context, cmd: HoneycombCommand) -> Result<()> {
    match cmd.command {
        HoneycombSubcommand::Query(args) => query::run(ctx, &cmd.api, args).await,
        HoneycombSubcommand::Datasets(args) => datasets::run(ctx, &cmd.api, args).await,
        HoneycombSubcommand::Columns(args) => columns::run(ctx, &cmd.api, args).await,
        HoneycombSubcommand::Auth(args) => auth::run(ctx, &cmd.api, args).await,
        HoneycombSubcommand::Marker(args) => marker::run(ctx, &cmd.api, args).await,
    }
}
