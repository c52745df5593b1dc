//! `tracectl tag ...`: git release tags through libgit2.

pub mod create;
pub mod delete;
pub mod list;
pub mod next;
pub mod push;

use clap::{Args, Subcommand};

use crate::clients::git::{GitError, RemoteAuth};
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

/// A short commit id for people.
pub(crate) fn short(oid: &str) -> &str {
    &oid[..oid.len().min(7)]
}

/// Credentials the environment offers for https remotes.
pub(crate) fn remote_auth(env: &Env) -> RemoteAuth {
    RemoteAuth {
        token: env
            .get("GIT_TOKEN")
            .or_else(|| env.get("GITHUB_TOKEN"))
            .map(str::to_string),
    }
}

/// What the user can do about each git failure.
impl From<GitError> for Error {
    fn from(e: GitError) -> Self {
        let message = e.to_string();
        match e {
            GitError::NotARepository(_) => {
                Error::usage(message).with_hint("run tracectl tag inside the repository (or set GIT_DIR)")
            }
            GitError::InvalidName { .. } => Error::usage(message).with_hint("use a name like v1.2.3"),
            GitError::BadRevision(_) => Error::usage(message).with_hint("use a branch, a tag or a commit id, e.g. --ref HEAD~1"),
            GitError::NoCommits => Error::failure(message).with_hint("commit your work first (git commit), then tag it"),
            GitError::TagExists(name) => Error::failure(message).with_hint(format!(
                "pass --force to move {name}, or `tracectl tag next` for the next free version"
            )),
            GitError::NoSuchTag(_) => Error::failure(message).with_hint("tracectl tag list shows the tags"),
            GitError::Dirty(_) => Error::failure(message)
                .with_hint("commit or stash the changes, or pass --allow-dirty to tag HEAD as committed"),
            GitError::NoIdentity => Error::failure(message).with_hint(
                "run git config --global user.name \"Your Name\" and git config --global user.email you@example.com, or set GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL",
            ),
            GitError::NoSuchRemote { known, .. } => {
                let hint = if known.is_empty() {
                    "this repository has no remotes; add one with git remote add origin URL".to_string()
                } else {
                    format!("remotes: {}", known.join(", "))
                };
                Error::usage(message).with_hint(hint)
            }
            GitError::Auth { .. } => Error::failure(message).with_hint(
                "load your key into ssh-agent (ssh-add), configure a git credential helper, or set GIT_TOKEN for https",
            ),
            GitError::HostKey(url) => Error::failure(message).with_hint(format!(
                "check the host's fingerprint, then add it: ssh-keyscan HOST >> ~/.ssh/known_hosts (remote {url})"
            )),
            GitError::Other(_) => Error::failure(message),
        }
    }
}
