//! `tracectl rollbar deploy`: record a deploy.

use clap::{Args, ValueEnum};

use super::RollbarArgs;
use crate::commands::Context;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct DeployArgs {
    /// Revision deployed [default: git HEAD]
    #[arg(long, value_name = "REV")]
    pub revision: Option<String>,

    /// Environment [env: ROLLBAR_ENVIRONMENT] [default: development]
    #[arg(short, long, value_name = "ENVIRONMENT")]
    pub environment: Option<String>,

    /// A comment shown with the deploy
    #[arg(long, value_name = "TEXT")]
    pub comment: Option<String>,

    /// Deploy status
    #[arg(long, value_enum)]
    pub status: Option<DeployStatus>,

    /// Local user who deployed [default: $USER]
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeployStatus {
    Started,
    Succeeded,
    Failed,
    #[value(name = "timed_out")]
    TimedOut,
}

pub async fn run(_ctx: &Context, _api: &RollbarArgs, _args: DeployArgs) -> Result<()> {
    Err(Error::not_implemented("rollbar deploy"))
}
