//! `tracectl tag create`.

use clap::Args;

use crate::commands::Context;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// Tag name, e.g. v0.2.0
    pub name: String,

    /// Tag message [default: Release <NAME>]
    #[arg(short, long, value_name = "MESSAGE", conflicts_with = "lightweight")]
    pub message: Option<String>,

    /// Create a lightweight tag (a bare ref, no tagger or message)
    #[arg(long)]
    pub lightweight: bool,

    /// What to tag [default: HEAD]
    #[arg(long = "ref", value_name = "REV")]
    pub rev: Option<String>,

    /// Replace an existing tag of the same name
    #[arg(long)]
    pub force: bool,

    /// Tag even when the working tree has uncommitted changes
    #[arg(long)]
    pub allow_dirty: bool,
}

pub async fn run(_ctx: &Context, _args: CreateArgs) -> Result<()> {
    Err(Error::not_implemented("tag create"))
}
