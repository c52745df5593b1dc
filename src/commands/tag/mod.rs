//! `tracectl tag ...`: git release tags through libgit2.

pub mod create;
pub mod delete;
pub mod list;
pub mod next;
pub mod push;

use clap::{Args, Subcommand};

use crate::clients::git::RemoteAuth;
use crate::commands::Context;
use crate::config::Env;
use crate::error::{Error, Result};

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

/// Runs git2 work off the async runtime (libgit2 calls block on disk and network).
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Error::failure(format!("internal error: git task failed: {e}")))?
}

/// The names given, each once, in the order given: `tag push v5 v5` is one push of v5.
fn unique(names: &[String]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names
        .iter()
        .filter(|n| seen.insert(n.as_str()))
        .cloned()
        .collect()
}

/// A remote as shown to people: a URL given as `--remote` loses its credentials.
pub(crate) fn shown_remote(remote: &str) -> String {
    crate::redact::text(remote).into_owned()
}

/// What the remote said (a hook's reason), as hints: the last few lines, where git puts
/// the verdict.
fn remote_said(err: Error, messages: &[String]) -> Error {
    const SHOWN: usize = 5;
    let skip = messages.len().saturating_sub(SHOWN);
    messages
        .iter()
        .skip(skip)
        .fold(err, |err, m| err.with_hint(format!("the remote said: {m}")))
}

pub(crate) use crate::output::short_commit as short;

/// Credentials the environment offers for https remotes.
pub(crate) fn remote_auth(env: &Env) -> RemoteAuth {
    RemoteAuth {
        token: env
            .get("GIT_TOKEN")
            .or_else(|| env.get("GITHUB_TOKEN"))
            .map(str::to_string),
    }
}
