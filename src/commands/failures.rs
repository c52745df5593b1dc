//! How each client's errors become the user's: one conversion per client error type, in
//! this one file, each saying what to do (`hint:`) and keeping the client's error as the
//! source (`caused by:` lines). Only HTTP errors are text, already redacted.

use crate::clients::aws::AwsFailure;
use crate::clients::git::GitError;
use crate::clients::honeycomb::HoneycombError;
use crate::clients::http::HttpError;
use crate::clients::rollbar::RollbarError;
use crate::clients::store::StoreError;
use crate::commands::local::POINT_AN_APP;
use crate::config::{Config, HONEYCOMB_API_KEY};
use crate::error::Error;

/// What the user can do about each failure of the span store.
impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        let message = e.to_string();
        let err = match &e {
            StoreError::Open { .. } | StoreError::Write { .. } => Error::failure(message)
                .with_hint("choose a writable place with --db PATH (or TRACECTL_LOCAL_DB)"),
            StoreError::Read { .. } => Error::failure(message).with_hint(
                "the file may be damaged or unreadable to you; check its permissions, or use another with --db PATH",
            ),
            StoreError::Newer { .. } => Error::failure(message)
                .with_hint("upgrade tracectl, or use another file with --db PATH"),
            StoreError::Foreign { .. } => Error::failure(message).with_hint(
                "tracectl will not write into another program's file; use --db PATH for a new one",
            ),
            StoreError::Locked { .. } => Error::failure(message).with_hint(
                "another tracectl local listen may be writing it; stop that one, or use --db PATH",
            ),
            StoreError::DiskIo { .. } => Error::failure(message).with_hint(
                "the disk may be full, over a quota or file size limit (`ulimit -f`), or failing; free space, or use --db PATH on another disk",
            ),
            StoreError::Full { .. } => Error::failure(message).with_hint(
                "free space on that disk, delete old spans with `tracectl local prune`, or use --db PATH on another disk",
            ),
            StoreError::Missing { .. } => Error::failure(message).with_hint(format!(
                "run `tracectl local listen` and point an app at it: {POINT_AN_APP}"
            )),
        };
        err.with_source(e)
    }
}

/// What the user can do about each Rollbar failure.
impl From<RollbarError> for Error {
    fn from(e: RollbarError) -> Self {
        let message = e.to_string();
        let err = match &e {
            RollbarError::Endpoint(_) => {
                Error::usage(message).with_hint("use a URL like https://api.rollbar.com/api/1/ (--endpoint-url or ROLLBAR_ENDPOINT)")
            }
            RollbarError::Auth { .. } => Error::failure(message).with_hint(
                "use a project access token with the post_server_item scope (Rollbar: Project Settings > Project Access Tokens) in ROLLBAR_ACCESS_TOKEN",
            ),
            RollbarError::TooLarge { .. } => Error::failure(message).with_hint("shorten the message or the --custom values"),
            RollbarError::Invalid { .. } => Error::failure(message).with_hint("`--dry-run` prints the payload that was refused"),
            RollbarError::RateLimited { .. } => Error::failure(message).with_hint("wait for the reset, or send fewer with --count"),
            RollbarError::Http(
                crate::clients::http::HttpError::CrossOriginRedirect { .. }
                | crate::clients::http::HttpError::TooManyRedirects { .. },
            ) => Error::failure(message).with_hint(
                "point --endpoint-url (or ROLLBAR_ENDPOINT) at the API itself, e.g. https://api.rollbar.com/api/1/",
            ),
            RollbarError::Http(_) => {
                Error::failure(message).with_hint("check the network and the endpoint (--endpoint-url or ROLLBAR_ENDPOINT)")
            }
            RollbarError::Status { .. } | RollbarError::Decode(_) => Error::failure(message),
        };
        err.with_source(e)
    }
}

/// What the user can do about each Honeycomb failure (the hint for a refused key names where
/// the key was read from).
pub fn honeycomb(config: &Config, e: HoneycombError) -> Error {
    let message = e.to_string();
    let err = match &e {
        HoneycombError::Endpoint(_) => Error::usage(message).with_hint(
            "use a URL like https://api.honeycomb.io or https://api.eu1.honeycomb.io (--endpoint-url or HONEYCOMB_API_ENDPOINT)",
        ),
        HoneycombError::Unauthorized { .. } => {
            Error::failure(message).with_hint(config.missing_hint(&HONEYCOMB_API_KEY))
        }
        HoneycombError::Forbidden { .. } => Error::failure(message).with_hint(
            "the key lacks a permission this needs; `tracectl honeycomb auth` lists what it may do",
        ),
        HoneycombError::RateLimited { .. } => Error::failure(message)
            .with_hint("Honeycomb allows 10 query results a minute; wait for the reset"),
        HoneycombError::Http(
            HttpError::CrossOriginRedirect { .. } | HttpError::TooManyRedirects { .. },
        ) => Error::failure(message).with_hint(
            "point --endpoint-url (or HONEYCOMB_API_ENDPOINT) at the API itself, e.g. https://api.honeycomb.io",
        ),
        HoneycombError::Http(_) => Error::failure(message).with_hint(
            "check the network and the endpoint (--endpoint-url or HONEYCOMB_API_ENDPOINT)",
        ),
        HoneycombError::NotFound { .. }
        | HoneycombError::Invalid { .. }
        | HoneycombError::Status { .. }
        | HoneycombError::Decode(_) => Error::failure(message),
    };
    err.with_source(e)
}

/// Turns an AWS failure into an error with a hint the user can act on; `what` says what
/// could not be done ("cannot fetch X-Ray trace summaries").
pub fn aws(what: &str, failure: AwsFailure) -> Error {
    let err = Error::failure(format!("{what}: {failure}"));
    match &failure {
        AwsFailure::NoCredentials(_) => err.with_hint(
            "set AWS_PROFILE (or aws_profile in the tracectl profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run `aws sso login`",
        ),
        AwsFailure::Service { code, .. }
            if matches!(
                code.as_str(),
                "AccessDeniedException" | "UnrecognizedClientException" | "ExpiredTokenException"
                    | "InvalidSignatureException" | "AccessDenied"
            ) =>
        {
            err.with_hint("check which AWS identity is used (`aws sts get-caller-identity`) and its IAM permissions")
        }
        AwsFailure::Throttled { .. } => {
            err.with_hint("the account's API quota is shared with other tools; try again in a moment")
        }
        AwsFailure::Timeout | AwsFailure::Transport(_) => {
            err.with_hint("check the network, --endpoint-url and AWS_ENDPOINT_URL")
        }
        AwsFailure::Unreadable { began, causes, .. } => {
            let err = match began {
                Some(text) => err.with_hint(format!("the answer began: {text}")),
                None => err,
            };
            err.with_hint("a proxy or an emulator may stand in the way: check --endpoint-url and AWS_ENDPOINT_URL")
                .with_causes(causes.iter().cloned())
        }
        AwsFailure::BadAnswer(_) => err.with_hint(
            "that is no AWS answer: check --endpoint-url and AWS_ENDPOINT_URL (a proxy or an emulator may stand in the way)",
        ),
        AwsFailure::Service { .. } => err,
    }
}

/// What the user can do about each git failure.
impl From<GitError> for Error {
    fn from(e: GitError) -> Self {
        let message = e.to_string();
        let err = match &e {
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
            GitError::Remote { .. } => Error::failure(message).with_hint(
                "check the remote's URL and that its host answers (git ls-remote REMOTE says the same)",
            ),
            GitError::Git(_) | GitError::Other(_) => Error::failure(message),
        };
        err.with_source(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disk_io_error_is_hinted_as_one() {
        let err = Error::from(StoreError::DiskIo {
            path: "/tmp/x.db".into(),
        });
        assert_eq!(
            err.render(false),
            "error: cannot write to the span database /tmp/x.db: disk I/O error\n\
             hint: the disk may be full, over a quota or file size limit (`ulimit -f`), or failing; free space, or use --db PATH on another disk\n"
        );
    }
}
