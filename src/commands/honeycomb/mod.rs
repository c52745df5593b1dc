//! `tracectl honeycomb ...`: the Honeycomb Query Data API from the terminal.

pub mod auth;
pub mod columns;
pub mod datasets;
pub mod marker;
pub mod query;

use clap::{Args, Subcommand};

use crate::clients::honeycomb::{HoneycombClient, HoneycombError};

use crate::commands::{Context, not_found};
use crate::config::{HONEYCOMB_API_KEY, HONEYCOMB_DATASET, HONEYCOMB_ENDPOINT};
use crate::error::{Error, Result};

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
    #[arg(
        long,
        global = true,
        value_name = "URL",
        help = HONEYCOMB_ENDPOINT.help("API endpoint, e.g. https://api.eu1.honeycomb.io")
    )]
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

impl Context {
    /// The Honeycomb client: endpoint from --endpoint-url > env > profile > default, and the
    /// key from env or profile (never a flag: flags end up in shell history and `ps`).
    pub(crate) fn honeycomb_client(&self, api: &HoneycombArgs) -> Result<HoneycombClient> {
        self.honeycomb_client_until(api, None)
    }

    /// The client for a command with a `--timeout`: no request runs past `deadline`.
    pub(crate) fn honeycomb_client_until(
        &self,
        api: &HoneycombArgs,
        deadline: Option<std::time::Instant>,
    ) -> Result<HoneycombClient> {
        let key = self.required_secret(&HONEYCOMB_API_KEY, "Honeycomb API key")?;
        let endpoint = self.endpoint(&HONEYCOMB_ENDPOINT, api.endpoint_url.as_deref());
        HoneycombClient::new(&endpoint, &key, self.printer.observer(), deadline)
            .map_err(|e| self.honeycomb_error(e))
    }

    /// `-d`, else HONEYCOMB_DATASET / the profile.
    pub(crate) fn honeycomb_dataset(&self, flag: Option<&str>) -> Result<String> {
        self.config
            .get(&HONEYCOMB_DATASET, flag.map(|d| ("--dataset", d)))
            .map(|r| r.value)
            .ok_or_else(|| {
                Error::usage("no Honeycomb dataset given")
                    .with_hint(self.config.missing_hint(&HONEYCOMB_DATASET))
            })
    }

    /// What the user can do about each Honeycomb failure.
    pub(crate) fn honeycomb_error(&self, e: HoneycombError) -> Error {
        crate::commands::failures::honeycomb(&self.config, e)
    }

    /// A 404 on a dataset's endpoint names the dataset and the closest existing ones.
    async fn dataset_error(
        &self,
        client: &HoneycombClient,
        dataset: &str,
        e: HoneycombError,
    ) -> Error {
        if !matches!(e, HoneycombError::NotFound { .. }) {
            return self.honeycomb_error(e);
        }
        let names: Vec<String> = client
            .datasets()
            .await
            .map(|list| list.into_iter().map(|d| d.slug).collect())
            .unwrap_or_default();
        not_found(
            format!("dataset {dataset} not found"),
            dataset,
            &names,
            "tracectl honeycomb datasets",
            "datasets",
        )
    }
}
