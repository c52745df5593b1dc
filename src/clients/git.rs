//! git release tags through libgit2. Everything here blocks, so commands run it inside
//! `tokio::task::spawn_blocking`. Two libgit2 traps are handled here (apis.md):
//! - a ref rejected by the server is *not* an error from `Remote::push`: the verdict arrives
//!   in `push_update_reference`, which is collected and returned per ref;
//! - the credentials callback is called again after every refusal: each method is tried at
//!   most once per URL (cargo's `with_authentication`), so a bad token cannot loop forever.
//!
//! SSH host keys are checked by libgit2 itself against ~/.ssh/known_hosts.

use std::cell::RefCell;
use std::collections::BTreeMap;

use git2::{
    Cred, CredentialType, Direction, ErrorClass, PushOptions, RemoteCallbacks, Repository,
    Signature, Status, StatusOptions,
};
use jiff::Timestamp;
use serde::Serialize;

use crate::config::Env;

/// Why a git operation could not be done.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("not inside a git repository ({0})")]
    NotARepository(String),
    #[error("'{name}' is not a valid tag name: {reason}")]
    InvalidName { name: String, reason: &'static str },
    #[error("tag {0} already exists")]
    TagExists(String),
    #[error("tag {0} does not exist")]
    NoSuchTag(String),
    #[error("'{0}' does not name a commit")]
    BadRevision(String),
    #[error("the repository has no commits yet, so there is nothing to tag")]
    NoCommits,
    #[error("the working tree has uncommitted changes ({0})")]
    Dirty(String),
    #[error("no identity to sign the tag with: user.name/user.email are not set")]
    NoIdentity,
    #[error("no remote named '{name}'")]
    NoSuchRemote { name: String, known: Vec<String> },
    #[error("authentication to {url} failed (tried: {tried})")]
    Auth { url: String, tried: String },
    #[error("the host key of {0} is unknown or has changed")]
    HostKey(String),
    #[error("cannot talk to the remote {url}")]
    Remote {
        url: String,
        #[source]
        source: Git2Cause,
    },
    #[error("git failed")]
    Git(#[source] Git2Cause),
    #[error("{0}")]
    Other(String),
}

/// A libgit2 error as users read it: its message, without the class and code numbers of
/// its Display.
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.message())]
pub struct Git2Cause(pub git2::Error);

impl From<git2::Error> for GitError {
    fn from(e: git2::Error) -> Self {
        GitError::Git(Git2Cause(e))
    }
}

/// Annotated (a tag object with tagger and message) or lightweight (a bare ref).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TagKind {
    Annotated,
    Lightweight,
}

/// A local tag as `tag list` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct LocalTag {
    pub name: String,
    pub kind: TagKind,
    /// What the ref points at: the tag object for annotated tags, else the commit.
    pub target: String,
    /// The commit the tag ends at.
    pub commit: String,
    /// The tagger's date (annotated) or the commit's date (lightweight).
    pub date: Option<Timestamp>,
    /// First line of the tag message (annotated) or of the commit message (lightweight).
    pub message: String,
}

/// A tag as a remote advertises it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemoteTag {
    pub target: String,
    pub commit: String,
}

/// The server's verdict on one pushed ref.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefUpdate {
    pub refname: String,
    pub rejected: Option<String>,
}

/// The outcome of one push: a verdict per ref, and what the server said on the side
/// (`remote: ...` lines, which carry a hook's reason).
#[derive(Debug, Clone, Default)]
pub struct PushOutcome {
    pub updates: Vec<RefUpdate>,
    pub remote_messages: Vec<String>,
}

/// The repository of the current directory (or `GIT_DIR`).
pub fn open() -> Result<Repository, GitError> {
    Repository::open_from_env().map_err(|e| GitError::NotARepository(e.message().to_string()))
}

/// git's ref-name rules (git check-ref-format), plus no leading `-`, which would read as
/// an option to every git command that gets the name later.
pub fn validate_tag_name(name: &str) -> Result<(), GitError> {
    let invalid = |reason| {
        Err(GitError::InvalidName {
            name: name.to_string(),
            reason,
        })
    };
    if name.is_empty() {
        return invalid("it is empty");
    }
    if name.starts_with('-') {
        return invalid("it starts with '-', which reads as an option");
    }
    // `@` alone names HEAD to git (check-ref-format refuses it; libgit2 does not).
    if name == "@" {
        return invalid("'@' alone is git's name for HEAD");
    }
    // A full ref name or one of git's own names would be read two ways (`refs/tags/refs/
    // heads/main`, a tag `HEAD`); a branch's name is refused where the repository is known.
    if name.starts_with("refs/")
        || matches!(name, "HEAD" | "FETCH_HEAD" | "ORIG_HEAD" | "MERGE_HEAD")
    {
        return invalid(
            "it is a ref name of git's own; a tag by that name makes `git` commands ambiguous",
        );
    }
    if !git2::Reference::is_valid_name(&format!("refs/tags/{name}")) {
        return invalid(
            "git ref names cannot contain spaces, '..', '~', '^', ':', '?', '*', '[', '\\', '@{' or control characters, nor end in '.', '/' or '.lock'",
        );
    }
    Ok(())
}

fn timestamp(time: git2::Time) -> Option<Timestamp> {
    Timestamp::from_second(time.seconds()).ok()
}

fn first_line(text: Option<&str>) -> String {
    text.unwrap_or_default()
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Every local tag (unsorted).
pub fn local_tags(repo: &Repository) -> Result<Vec<LocalTag>, GitError> {
    let mut tags = Vec::new();
    for reference in repo.references_glob("refs/tags/*")? {
        let reference = reference?;
        let Some(name) = reference
            .name()
            .ok()
            .and_then(|n| n.strip_prefix("refs/tags/"))
        else {
            continue;
        };
        let Some(target) = reference.target() else {
            continue;
        };
        let object = repo.find_object(target, None)?;
        let Ok(commit) = object.peel_to_commit() else {
            continue; // a tag of a tree or blob is no release
        };
        let tag = match object.as_tag() {
            Some(tag) => LocalTag {
                name: name.to_string(),
                kind: TagKind::Annotated,
                target: target.to_string(),
                commit: commit.id().to_string(),
                date: tag.tagger().and_then(|t| timestamp(t.when())),
                message: first_line(tag.message().ok().flatten()),
            },
            None => LocalTag {
                name: name.to_string(),
                kind: TagKind::Lightweight,
                target: target.to_string(),
                commit: commit.id().to_string(),
                date: timestamp(commit.time()),
                message: first_line(commit.message().ok()),
            },
        };
        tags.push(tag);
    }
    Ok(tags)
}

/// Tracked files with uncommitted changes (untracked files do not change what is tagged).
pub fn dirty_files(repo: &Repository) -> Result<Vec<String>, GitError> {
    if repo.is_bare() {
        return Ok(Vec::new());
    }
    let mut options = StatusOptions::new();
    options.include_untracked(false).include_ignored(false);
    let statuses = repo.statuses(Some(&mut options))?;
    Ok(statuses
        .iter()
        .filter(|s| s.status() != Status::CURRENT)
        .filter_map(|s| s.path().ok().map(str::to_string))
        .collect())
}

/// Fails with [`GitError::Dirty`] naming a few changed files.
pub fn ensure_clean(repo: &Repository) -> Result<(), GitError> {
    let dirty = dirty_files(repo)?;
    if dirty.is_empty() {
        return Ok(());
    }
    let mut shown = dirty.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    if dirty.len() > 3 {
        shown.push_str(&format!(" and {} more", dirty.len() - 3));
    }
    Err(GitError::Dirty(shown))
}

/// The tagger: git config's user.name/user.email, else the GIT_COMMITTER_*, GIT_AUTHOR_*
/// and EMAIL variables git itself falls back to.
pub fn tagger(repo: &Repository, env: &Env) -> Result<Signature<'static>, GitError> {
    if let Ok(sig) = repo.signature() {
        return Ok(sig.to_owned());
    }
    let config = repo.config().ok();
    let from_config = |key: &str| {
        config
            .as_ref()
            .and_then(|c| c.get_string(key).ok())
            .filter(|v| !v.is_empty())
    };
    let name = env
        .get("GIT_COMMITTER_NAME")
        .or_else(|| env.get("GIT_AUTHOR_NAME"))
        .map(str::to_string)
        .or_else(|| from_config("user.name"));
    let email = env
        .get("GIT_COMMITTER_EMAIL")
        .or_else(|| env.get("GIT_AUTHOR_EMAIL"))
        .or_else(|| env.get("EMAIL"))
        .map(str::to_string)
        .or_else(|| from_config("user.email"));
    match (name, email) {
        (Some(name), Some(email)) => Ok(Signature::now(&name, &email)?),
        _ => Err(GitError::NoIdentity),
    }
}

/// What `create_tag` made.
#[derive(Debug, Clone, Serialize)]
pub struct CreatedTag {
    pub name: String,
    pub kind: TagKind,
    /// What the new ref points at (the tag object for annotated tags); empty in a dry run.
    pub target: String,
    pub commit: String,
    pub commit_summary: String,
    pub message: Option<String>,
}

/// Creates `name` at `rev` (a commit-ish). `message` makes it annotated, signed by `tagger`.
pub fn create_tag(
    repo: &Repository,
    name: &str,
    rev: &str,
    message: Option<&str>,
    tagger: Option<&Signature<'_>>,
    force: bool,
) -> Result<CreatedTag, GitError> {
    validate_tag_name(name)?;
    // A tag named like a branch: `git checkout main` would warn "refname is ambiguous".
    if repo.find_branch(name, git2::BranchType::Local).is_ok() {
        return Err(GitError::InvalidName {
            name: name.to_string(),
            reason: "a branch has that name; a tag by it makes `git` commands ambiguous",
        });
    }
    if !force && repo.find_reference(&format!("refs/tags/{name}")).is_ok() {
        return Err(GitError::TagExists(name.to_string()));
    }
    let commit = repo
        .revparse_single(rev)
        .and_then(|o| o.peel_to_commit())
        .map_err(|_| no_commit_error(repo, rev))?;
    let (kind, target) = match (message, tagger) {
        (Some(message), Some(tagger)) => {
            // As `git tag -m` does: strip surrounding blank lines, end with a newline.
            let message = git2::message_prettify(message, None)?;
            (
                TagKind::Annotated,
                repo.tag(name, commit.as_object(), tagger, &message, force)?,
            )
        }
        _ => (
            TagKind::Lightweight,
            repo.tag_lightweight(name, commit.as_object(), force)?,
        ),
    };
    Ok(CreatedTag {
        name: name.to_string(),
        kind,
        target: target.to_string(),
        commit: commit.id().to_string(),
        commit_summary: first_line(commit.summary().ok().flatten()),
        message: message.map(str::to_string),
    })
}

/// A revision that names no commit: in a repository without commits, say that instead.
fn no_commit_error(repo: &Repository, rev: &str) -> GitError {
    match repo.head() {
        Err(e) if e.code() == git2::ErrorCode::UnbornBranch => GitError::NoCommits,
        _ => GitError::BadRevision(rev.to_string()),
    }
}

/// The commit HEAD points at: (id, summary).
pub fn head_commit(repo: &Repository) -> Result<(String, String), GitError> {
    let commit = repo
        .head()
        .and_then(|h| h.peel_to_commit())
        .map_err(|_| no_commit_error(repo, "HEAD"))?;
    Ok((
        commit.id().to_string(),
        first_line(commit.summary().ok().flatten()),
    ))
}

/// The commit a local tag points at (through an annotated tag's object).
pub fn tag_commit(repo: &Repository, name: &str) -> Result<(String, String), GitError> {
    let commit = repo
        .find_reference(&format!("refs/tags/{name}"))
        .and_then(|r| r.peel_to_commit())
        .map_err(|_| GitError::NoSuchTag(name.to_string()))?;
    Ok((
        commit.id().to_string(),
        first_line(commit.summary().ok().flatten()),
    ))
}

/// The URL of a remote (a URL given as the remote is its own), if it has one.
pub fn remote_url(repo: &Repository, remote: &str) -> Result<Option<String>, GitError> {
    Ok(find_remote(repo, remote)?.url().ok().map(str::to_string))
}

/// Deletes a local tag.
pub fn delete_local(repo: &Repository, name: &str) -> Result<(), GitError> {
    repo.tag_delete(name).map_err(|e| {
        if e.code() == git2::ErrorCode::NotFound {
            GitError::NoSuchTag(name.to_string())
        } else {
            e.into()
        }
    })
}

/// Finds a remote by name; a URL or path is accepted too, as `git push URL` does.
fn find_remote<'r>(repo: &'r Repository, name: &str) -> Result<git2::Remote<'r>, GitError> {
    match repo.find_remote(name) {
        Ok(remote) => Ok(remote),
        Err(_) if name.contains('/') || name.contains(':') => Ok(repo.remote_anonymous(name)?),
        Err(_) => Err(GitError::NoSuchRemote {
            name: name.to_string(),
            known: repo
                .remotes()
                .map(|r| r.iter().flatten().flatten().map(str::to_string).collect())
                .unwrap_or_default(),
        }),
    }
}

/// Credentials that may be offered, each at most once per URL.
#[derive(Debug, Default)]
struct AuthAttempts {
    tried: Vec<(String, &'static str)>,
}

impl AuthAttempts {
    fn first_try(&mut self, url: &str, method: &'static str) -> bool {
        if self.tried.iter().any(|(u, m)| u == url && *m == method) {
            return false;
        }
        self.tried.push((url.to_string(), method));
        true
    }

    fn tried_for(&self, url: &str) -> String {
        let methods: Vec<&str> = self
            .tried
            .iter()
            .filter(|(u, _)| u == url)
            .map(|(_, m)| *m)
            .collect();
        if methods.is_empty() {
            "nothing applicable".to_string()
        } else {
            methods.join(", ")
        }
    }
}

/// Settings for talking to remotes.
#[derive(Debug, Clone, Default)]
pub struct RemoteAuth {
    /// `GIT_TOKEN` or `GITHUB_TOKEN`, offered for https as `x-access-token:<token>`.
    pub token: Option<String>,
}

/// Callbacks with the loop-safe credential chain: ssh-agent, the git credential helper,
/// then the token; every method at most once per URL.
fn callbacks<'a>(
    config: &'a git2::Config,
    auth: &'a RemoteAuth,
    attempts: &'a RefCell<AuthAttempts>,
) -> RemoteCallbacks<'a> {
    let mut callbacks = RemoteCallbacks::new();
    callbacks.credentials(move |url, username, allowed| {
        let mut attempts = attempts.borrow_mut();
        if allowed.contains(CredentialType::USERNAME) && attempts.first_try(url, "username") {
            return Cred::username(username.unwrap_or("git"));
        }
        if allowed.contains(CredentialType::SSH_KEY) && attempts.first_try(url, "ssh-agent") {
            return Cred::ssh_key_from_agent(username.unwrap_or("git"));
        }
        if allowed.contains(CredentialType::USER_PASS_PLAINTEXT) {
            if attempts.first_try(url, "git credential helper")
                && let Ok(cred) = Cred::credential_helper(config, url, username)
            {
                return Ok(cred);
            }
            // A token crosses the network in the clear over http://; it is offered only
            // over https, and the refusal is named in the error.
            if let Some(token) = &auth.token {
                if !url.starts_with("https://") {
                    attempts.first_try(url, "not GIT_TOKEN/GITHUB_TOKEN (offered only over https)");
                } else if attempts.first_try(url, "GIT_TOKEN/GITHUB_TOKEN") {
                    return Cred::userpass_plaintext("x-access-token", token);
                }
            }
        }
        if allowed.contains(CredentialType::DEFAULT) && attempts.first_try(url, "default") {
            return Cred::default();
        }
        Err(git2::Error::from_str(&format!(
            "tracectl-auth-exhausted: {}",
            attempts.tried_for(url)
        )))
    });
    callbacks
}

/// Turns libgit2's connection errors into ones a user can act on.
fn remote_error(e: git2::Error, url: &str, attempts: &RefCell<AuthAttempts>) -> GitError {
    let message = e.message();
    if message.contains("tracectl-auth-exhausted") || e.code() == git2::ErrorCode::Auth {
        return GitError::Auth {
            url: url.to_string(),
            tried: attempts.borrow().tried_for(url),
        };
    }
    if e.class() == ErrorClass::Ssh
        && (message.contains("hostkey")
            || message.contains("known_hosts")
            || message.contains("host key"))
    {
        return GitError::HostKey(url.to_string());
    }
    GitError::Remote {
        url: url.to_string(),
        source: Git2Cause(e),
    }
}

/// The tags a remote has (`git ls-remote --tags`), with annotated tags peeled to commits.
pub fn remote_tags(
    repo: &Repository,
    remote: &str,
    auth: &RemoteAuth,
) -> Result<BTreeMap<String, RemoteTag>, GitError> {
    let mut remote = find_remote(repo, remote)?;
    let url = remote.url().unwrap_or_default().to_string();
    let config = repo.config()?;
    let attempts = RefCell::new(AuthAttempts::default());
    let connection = remote
        .connect_auth(
            Direction::Fetch,
            Some(callbacks(&config, auth, &attempts)),
            None,
        )
        .map_err(|e| remote_error(e, &url, &attempts))?;
    let mut targets: BTreeMap<String, String> = BTreeMap::new();
    let mut peeled: BTreeMap<String, String> = BTreeMap::new();
    for head in connection.list()? {
        let Some(name) = head.name().strip_prefix("refs/tags/") else {
            continue;
        };
        match name.strip_suffix("^{}") {
            Some(base) => peeled.insert(base.to_string(), head.oid().to_string()),
            None => targets.insert(name.to_string(), head.oid().to_string()),
        };
    }
    Ok(targets
        .into_iter()
        .map(|(name, target)| {
            let commit = peeled.get(&name).cloned().unwrap_or_else(|| target.clone());
            (name, RemoteTag { target, commit })
        })
        .collect())
}

/// Whether a remote URL names a repository on this machine (a path or `file://`), where
/// libgit2 pushes by writing the files itself and so runs none of the remote's hooks.
pub fn is_local_url(url: &str) -> bool {
    if url.starts_with("file://") {
        return true;
    }
    if url.contains("://") {
        return false;
    }
    // git's rule: `host:path` (a colon before any slash) is ssh; anything else is a path.
    match (url.find(':'), url.find('/')) {
        (Some(colon), Some(slash)) => slash < colon,
        (Some(_), None) => false,
        (None, _) => true,
    }
}

/// Pushes `refspecs` in one push and returns the server's verdict on each ref.
/// `progress(sent_objects, total_objects)` is called while objects are sent.
///
/// To a remote on this machine the push goes through the `git` program (as cargo's
/// `net.git-fetch-with-cli` does), so the remote's `pre-receive` and `update` hooks run and
/// can refuse a tag, as they would for a push over the network.
pub fn push(
    repo: &Repository,
    remote: &str,
    refspecs: &[String],
    auth: &RemoteAuth,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<PushOutcome, GitError> {
    let mut remote = find_remote(repo, remote)?;
    let url = remote.url().unwrap_or_default().to_string();
    if is_local_url(&url) {
        return push_with_git_program(repo, &url, refspecs);
    }
    let config = repo.config()?;
    let attempts = RefCell::new(AuthAttempts::default());
    let outcome = RefCell::new(PushOutcome::default());
    {
        let mut cbs = callbacks(&config, auth, &attempts);
        cbs.push_update_reference(|refname, status| {
            outcome.borrow_mut().updates.push(RefUpdate {
                refname: refname.to_string(),
                rejected: status.map(str::to_string),
            });
            Ok(())
        });
        cbs.sideband_progress(|data| {
            let text = String::from_utf8_lossy(data);
            outcome.borrow_mut().remote_messages.extend(
                text.split(['\n', '\r'])
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string),
            );
            true
        });
        cbs.push_transfer_progress(|current, total, _bytes| progress(current, total));
        let mut options = PushOptions::new();
        options.remote_callbacks(cbs);
        remote
            .push(refspecs, Some(&mut options))
            .map_err(|e| remote_error(e, &url, &attempts))?;
    }
    Ok(outcome.into_inner())
}

/// `git push --porcelain` to a local remote: one `flag<TAB>from:to<TAB>summary` line per
/// ref on stdout (`!` for a rejected one), the hooks' output as `remote:` lines on stderr.
fn push_with_git_program(
    repo: &Repository,
    url: &str,
    refspecs: &[String],
) -> Result<PushOutcome, GitError> {
    let output = std::process::Command::new("git")
        .arg("--git-dir")
        .arg(repo.path())
        .args(["push", "--porcelain", "--", url])
        .args(refspecs)
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| {
            GitError::Other(format!(
                "pushing to the local remote {url} runs the git program, which could not start ({e}); install git"
            ))
        })?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut outcome = PushOutcome {
        remote_messages: stderr
            .lines()
            .filter_map(|l| l.strip_prefix("remote:"))
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        ..PushOutcome::default()
    };
    for line in stdout.lines() {
        let mut fields = line.split('\t');
        let (Some(flag), Some(spec), summary) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let Some((_, refname)) = spec.split_once(':') else {
            continue;
        };
        // `[remote rejected] (pre-receive hook declined)`: the reason is what libgit2 says.
        let reason = summary.map(|s| {
            s.split_once(" (")
                .and_then(|(_, r)| r.strip_suffix(')'))
                .unwrap_or(s)
                .to_string()
        });
        outcome.updates.push(RefUpdate {
            refname: refname.to_string(),
            rejected: (flag == "!").then(|| reason.unwrap_or_else(|| "rejected".into())),
        });
    }
    if outcome.updates.is_empty() && !output.status.success() {
        let said = stderr
            .lines()
            .filter(|l| !l.starts_with("remote:"))
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        return Err(GitError::Other(format!("git push to {url} failed: {said}")));
    }
    Ok(outcome)
}

/// Where the current directory's repository is: what Rollbar items and deploys report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeadInfo {
    pub commit: String,
    pub branch: Option<String>,
    pub root: Option<String>,
}

/// HEAD of the repository around the current directory, if there is one.
pub fn head_info() -> Option<HeadInfo> {
    let repo = open().ok()?;
    let head = repo.head().ok()?;
    let commit = head.peel_to_commit().ok()?.id().to_string();
    let branch = head
        .is_branch()
        .then(|| head.shorthand().ok().map(str::to_string))
        .flatten();
    let root = repo
        .workdir()
        .map(|p| p.display().to_string().trim_end_matches('/').to_string());
    Some(HeadInfo {
        commit,
        branch,
        root,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_urls_are_paths_and_file_urls_not_scp_or_network_urls() {
        for local in [
            "/srv/git/r.git",
            "../origin.git",
            "file:///srv/r.git",
            "r.git",
            "./a:b",
        ] {
            assert!(is_local_url(local), "{local}");
        }
        for remote in [
            "git@github.com:o/r.git",
            "https://h/r.git",
            "ssh://h/r.git",
            "host:r",
        ] {
            assert!(!is_local_url(remote), "{remote}");
        }
    }
}
