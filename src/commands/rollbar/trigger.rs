//! `tracectl rollbar trigger`: send test occurrences shaped like pyrollbar's.

use clap::{Args, ValueEnum};

use super::RollbarArgs;
use crate::commands::Context;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl rollbar trigger
  tracectl rollbar trigger --count 5 --level warning -e staging
  tracectl rollbar trigger --dry-run")]
pub struct TriggerArgs {
    /// The error message
    #[arg(
        short,
        long,
        value_name = "MESSAGE",
        default_value = "Test error from tracectl"
    )]
    pub message: String,

    /// Severity
    #[arg(long, value_enum, default_value_t = Level::Error)]
    pub level: Level,

    /// Exception class of the trace body
    #[arg(long, value_name = "CLASS", default_value = "TracectlTestError")]
    pub exception: String,

    /// Send a `message` body instead of an exception trace
    #[arg(long)]
    pub message_only: bool,

    /// Number of occurrences to send (concurrently)
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub count: u32,

    /// Environment [env: ROLLBAR_ENVIRONMENT] [default: development]
    #[arg(short, long, value_name = "ENVIRONMENT")]
    pub environment: Option<String>,

    /// Code version [default: git HEAD when run in a repository]
    #[arg(long, value_name = "V")]
    pub code_version: Option<String>,

    /// Group occurrences under this fingerprint
    #[arg(long, value_name = "F")]
    pub fingerprint: Option<String>,

    /// Item title shown in Rollbar
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// Extra data in `custom` (repeatable)
    #[arg(long, value_name = "KEY=VALUE")]
    pub custom: Vec<String>,

    /// Print the payload(s) as JSON and send nothing (no token needed)
    #[arg(long)]
    pub dry_run: bool,
}

/// Rollbar's levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    Critical,
    Error,
    Warning,
    Info,
    Debug,
}

pub async fn run(_ctx: &Context, _api: &RollbarArgs, _args: TriggerArgs) -> Result<()> {
    Err(Error::not_implemented("rollbar trigger"))
}
