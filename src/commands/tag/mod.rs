//! `tracectl tag ...`: git release tags through libgit2.

pub mod create;
pub mod delete;
pub mod list;
pub mod next;
pub mod push;

use clap::{Args, Subcommand};

use crate::commands::Context;
use crate::error::Result;

#[derive(Debug, Args)]
pub struct TagCommand {
    #[command(subcommand)]
    pub command: TagSubcommand,
}

#[derive(Debug, Subcommand)]
pub enum TagSubcommand {
    /// List tags, newest version first; with --remote, whether each is on the remote
    List(list::ListArgs),
    /// Create a tag (annotated by default)
    Create(create::CreateArgs),
    /// Push tags, creating a missing one at HEAD first
    Push(push::PushArgs),
    /// Delete tags locally and, with --remote, on the remote
    Delete(delete::DeleteArgs),
    /// Print the next version after the highest semver tag
    Next(next::NextArgs),
}

pub async fn run(ctx: &Context, cmd: TagCommand) -> Result<()> {
    match cmd.command {
        TagSubcommand::List(args) => list::run(ctx, args).await,
        TagSubcommand::Create(args) => create::run(ctx, args).await,
        TagSubcommand::Push(args) => push::run(ctx, args).await,
        TagSubcommand::Delete(args) => delete::run(ctx, args).await,
        TagSubcommand::Next(args) => next::run(ctx, args).await,
    }
}
