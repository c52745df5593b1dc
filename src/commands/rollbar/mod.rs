//! `tracectl rollbar ...`: test errors, errors read back, and deploys.

pub mod deploy;
pub mod item;
pub mod items;
pub mod trigger;

use clap::{Args, Subcommand};

use crate::clients::git::{self, HeadInfo};
use crate::clients::rollbar::RollbarClient;
use crate::commands::Context;
use crate::config::{
    ROLLBAR_ACCESS_TOKEN, ROLLBAR_ENDPOINT, ROLLBAR_ENVIRONMENT, ROLLBAR_READ_TOKEN,
};
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct RollbarCommand {
    #[command(flatten)]
    pub api: RollbarArgs,
    #[command(subcommand)]
    pub command: RollbarSubcommand,
}

/// Options every rollbar command takes.
#[derive(Debug, Clone, Args)]
pub struct RollbarArgs {
    #[arg(long, global = true, value_name = "URL", help = ROLLBAR_ENDPOINT.help("API endpoint"))]
    pub endpoint_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RollbarSubcommand {
    /// Send realistic test errors, synchronously, and print each occurrence's link
    Trigger(trigger::TriggerArgs),
    /// Record a deploy
    Deploy(deploy::DeployArgs),
    /// List the project's errors, newest activity first (a token of read scope)
    Items(items::ItemsArgs),
    /// Show one error: its latest occurrences, frames, request and trace ids
    Item(item::ItemArgs),
}

pub async fn run(ctx: &Context, cmd: RollbarCommand) -> Result<()> {
    match cmd.command {
        RollbarSubcommand::Trigger(args) => trigger::run(ctx, &cmd.api, args).await,
        RollbarSubcommand::Deploy(args) => deploy::run(ctx, &cmd.api, args).await,
        RollbarSubcommand::Items(args) => items::run(ctx, &cmd.api, args).await,
        RollbarSubcommand::Item(args) => item::run(ctx, &cmd.api, args).await,
    }
}

impl Context {
    /// The Rollbar client: endpoint from --endpoint-url > env > profile > default, and the
    /// token from env or profile (never a flag: flags end up in shell history and `ps`).
    pub(crate) fn rollbar_client(&self, api: &RollbarArgs) -> Result<RollbarClient> {
        let token = self.required_secret(&ROLLBAR_ACCESS_TOKEN, "Rollbar access token")?;
        let endpoint = self.endpoint(&ROLLBAR_ENDPOINT, api.endpoint_url.as_deref());
        RollbarClient::new(&endpoint, &token, self.printer.observer()).map_err(Error::from)
    }

    /// The client that reads errors back: the read-scope token (`ROLLBAR_READ_ACCESS_TOKEN`),
    /// never the app's `post_server_item` one, which Rollbar refuses for reads.
    pub(crate) fn rollbar_reader(&self, api: &RollbarArgs) -> Result<RollbarClient> {
        let token = self.required_secret(&ROLLBAR_READ_TOKEN, "Rollbar read token")?;
        let endpoint = self.endpoint(&ROLLBAR_ENDPOINT, api.endpoint_url.as_deref());
        RollbarClient::new(&endpoint, &token, self.printer.observer()).map_err(Error::from)
    }

    /// A read refused by Rollbar: probably the app's token in place of a read-scope one.
    pub(crate) fn rollbar_read_error(&self, e: crate::clients::rollbar::RollbarError) -> Error {
        match e {
            crate::clients::rollbar::RollbarError::Auth { .. } => Error::failure(e.to_string())
                .with_hint("reading needs a project access token of read scope in ROLLBAR_READ_ACCESS_TOKEN (or rollbar_read_token in the profile); the app's post_server_item token cannot read"),
            other => other.into(),
        }
    }

    /// `-e`, else ROLLBAR_ENVIRONMENT / profile, else `development`.
    pub(crate) fn rollbar_environment(&self, flag: Option<&str>) -> String {
        self.config
            .get(&ROLLBAR_ENVIRONMENT, flag.map(|e| ("--environment", e)))
            .map(|r| r.value)
            .unwrap_or_else(|| "development".to_string())
    }
}

/// HEAD of the current repository, read off the async runtime.
async fn head_info() -> Option<HeadInfo> {
    tokio::task::spawn_blocking(git::head_info)
        .await
        .ok()
        .flatten()
}
