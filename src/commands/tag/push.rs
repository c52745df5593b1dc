//! `tracectl tag push`.

use clap::Args;

use crate::commands::Context;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl tag push v0.2            # creates v0.2 at HEAD if missing, then pushes it
  tracectl tag push --all --dry-run")]
pub struct PushArgs {
    /// Tags to push
    #[arg(
        value_name = "NAME",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub names: Vec<String>,

    /// Push every local tag
    #[arg(long)]
    pub all: bool,

    /// Remote to push to
    #[arg(long, value_name = "NAME", default_value = "origin")]
    pub remote: String,

    /// Message for a tag that has to be created [default: Release <NAME>]
    #[arg(short, long, value_name = "MESSAGE")]
    pub message: Option<String>,

    /// Overwrite a remote tag that points elsewhere
    #[arg(long)]
    pub force: bool,

    /// Create a missing tag even when the working tree has uncommitted changes
    #[arg(long)]
    pub allow_dirty: bool,

    /// Print what would happen and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub async fn run(_ctx: &Context, _args: PushArgs) -> Result<()> {
    Err(Error::not_implemented("tag push"))
}
