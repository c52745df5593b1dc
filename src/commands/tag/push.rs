//! `tracectl tag push`.

use clap::Args;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::clients::git::{self, CreatedTag, RemoteTag};
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

/// What happened to one tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status", content = "reason")]
pub(crate) enum Status {
    Pushed,
    UpToDate,
    Rejected(String),
    WouldPush,
}

#[derive(Debug, Serialize)]
pub(crate) struct TagReport {
    pub name: String,
    pub created: Option<CreatedTag>,
    #[serde(flatten)]
    pub status: Status,
}

/// Everything `push` did, for rendering after the git work is over.
pub(crate) struct Report {
    pub remote: String,
    dry_run: bool,
    pub tags: Vec<TagReport>,
    pub remote_messages: Vec<String>,
    rolled_back: Vec<String>,
    /// Rejected tags this run created whose removal failed: still here, not on the remote.
    left_behind: Vec<String>,
}

pub async fn run(ctx: &Context, args: PushArgs) -> Result<()> {
    let env = ctx.config.env().clone();
    let auth = super::remote_auth(&env);
    let bar = ctx.printer.progress_bar(
        0,
        format!("pushing to {}", super::shown_remote(&args.remote)),
    );
    let progress_bar = bar.clone();
    let report = super::blocking(move || {
        let progress = move |sent: usize, total: usize| {
            progress_bar.set_length(total as u64);
            progress_bar.set_position(sent as u64);
        };
        push_tags(&args, &env, &auth, &progress)
    })
    .await;
    bar.finish_and_clear();
    let report = report?;
    render(ctx, &report)
}

/// Pushes the tags of `args` (creating missing ones at HEAD), refusing before anything is
/// changed when the remote has one pointing elsewhere; a tag this run created and the
/// remote rejected is removed again. `tag push` and `release` both push through here.
pub(crate) fn push_tags(
    args: &PushArgs,
    env: &crate::config::Env,
    auth: &git::RemoteAuth,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Report> {
    let repo = git::open()?;
    let local: BTreeMap<String, String> = git::local_tags(&repo)?
        .into_iter()
        .map(|t| (t.name, t.target))
        .collect();
    let names: Vec<String> = if args.all {
        local.keys().cloned().collect()
    } else {
        super::unique(&args.names)
    };
    for name in &names {
        git::validate_tag_name(name)?;
    }
    let missing: Vec<&String> = names.iter().filter(|n| !local.contains_key(*n)).collect();
    let tagger = if missing.is_empty() {
        None
    } else {
        if !args.allow_dirty {
            git::ensure_clean(&repo)?;
        }
        Some(git::tagger(&repo, env)?)
    };

    // Look before touching anything: a remote tag that points elsewhere is refused (unless
    // --force) before a single tag is created or pushed.
    let remote_tags = git::remote_tags(&repo, &args.remote, auth)?;
    if !args.force {
        let conflicts: Vec<String> = names
            .iter()
            .filter_map(|name| {
                let theirs = remote_tags.get(name)?;
                match local.get(name) {
                    Some(ours) if ours == &theirs.target => None,
                    Some(_) => Some(describe_conflict(name, theirs, &repo)),
                    None => Some(format!(
                        "{name} (on {} at {}, not here)",
                        args.remote,
                        super::short(&theirs.commit)
                    )),
                }
            })
            .collect();
        if !conflicts.is_empty() {
            return Err(Error::failure(format!(
                "{} already has {} pointing elsewhere: {}",
                args.remote,
                if conflicts.len() == 1 { "a tag" } else { "tags" },
                conflicts.join("; ")
            ))
            .with_hint(format!(
                "nothing was created or pushed; pass --force to replace them on {}, or fetch theirs with git fetch {} tag NAME",
                args.remote, args.remote
            )));
        }
    }

    let mut reports: Vec<TagReport> = Vec::new();
    let mut created_now: Vec<String> = Vec::new();
    for name in &names {
        let created = if local.contains_key(name) {
            None
        } else if args.dry_run {
            let (commit, commit_summary) = git::head_commit(&repo)?;
            Some(CreatedTag {
                name: name.clone(),
                kind: git::TagKind::Annotated,
                target: String::new(),
                commit,
                commit_summary,
                message: Some(message_for(args, name)),
            })
        } else {
            let message = message_for(args, name);
            let tag = git::create_tag(&repo, name, "HEAD", Some(&message), tagger.as_ref(), false)?;
            created_now.push(name.clone());
            Some(tag)
        };
        let target = created.as_ref().map_or_else(
            || local.get(name).cloned().unwrap_or_default(),
            |c| c.target.clone(),
        );
        let up_to_date =
            !target.is_empty() && remote_tags.get(name).is_some_and(|t| t.target == target);
        let status = match (up_to_date, args.dry_run) {
            (true, _) => Status::UpToDate,
            (false, true) => Status::WouldPush,
            (false, false) => Status::Pushed, // confirmed or corrected by the push below
        };
        reports.push(TagReport {
            name: name.clone(),
            created,
            status,
        });
    }

    let mut report = Report {
        remote: args.remote.clone(),
        dry_run: args.dry_run,
        tags: reports,
        remote_messages: Vec::new(),
        rolled_back: Vec::new(),
        left_behind: Vec::new(),
    };
    let plus = if args.force { "+" } else { "" };
    let refspecs: Vec<String> = report
        .tags
        .iter()
        .filter(|t| t.status == Status::Pushed)
        .map(|t| format!("{plus}refs/tags/{0}:refs/tags/{0}", t.name))
        .collect();
    if refspecs.is_empty() {
        return Ok(report);
    }

    let outcome = match git::push(&repo, &args.remote, &refspecs, auth, progress) {
        Ok(outcome) => outcome,
        Err(e) => {
            // Nothing half-done: tags this run created go away again when the push fails,
            // and the hint says what is really left if that fails too.
            let (removed, left) = roll_back(&repo, &created_now);
            return Err(Error::from(e).with_hint(rolled_back_hint(&removed, &left)));
        }
    };
    report.remote_messages = outcome.remote_messages;
    for tag in &mut report.tags {
        let refname = format!("refs/tags/{}", tag.name);
        if let Some(update) = outcome.updates.iter().find(|u| u.refname == refname)
            && let Some(reason) = &update.rejected
        {
            tag.status = Status::Rejected(reason.clone());
            if created_now.contains(&tag.name) {
                let (removed, left) = roll_back(&repo, std::slice::from_ref(&tag.name));
                report.rolled_back.extend(removed);
                report.left_behind.extend(left);
            }
        }
    }
    Ok(report)
}

fn message_for(args: &PushArgs, name: &str) -> String {
    args.message
        .clone()
        .unwrap_or_else(|| format!("Release {name}"))
}

fn describe_conflict(name: &str, theirs: &RemoteTag, repo: &git2::Repository) -> String {
    let ours = repo
        .find_reference(&format!("refs/tags/{name}"))
        .and_then(|r| r.peel_to_commit())
        .map(|c| c.id().to_string())
        .unwrap_or_default();
    format!(
        "{name} (there: {}, here: {})",
        super::short(&theirs.commit),
        super::short(&ours)
    )
}

/// Deletes the tags this run created; returns (removed, still there with the reason).
fn roll_back(repo: &git2::Repository, names: &[String]) -> (Vec<String>, Vec<String>) {
    let mut removed = Vec::new();
    let mut left = Vec::new();
    for name in names {
        match git::delete_local(repo, name) {
            Ok(()) => removed.push(name.clone()),
            Err(e) => left.push(format!("{name} ({e})")),
        }
    }
    (removed, left)
}

fn rolled_back_hint(removed: &[String], left: &[String]) -> String {
    match (removed.is_empty(), left.is_empty()) {
        (true, true) => "no tag was created or pushed".to_string(),
        (false, true) => format!(
            "nothing was pushed; the tags this run created were removed again: {}",
            removed.join(", ")
        ),
        (_, false) => format!(
            "nothing was pushed; tags this run created could not be removed and are still here, not on the remote: {}{}; delete them with tracectl tag delete",
            left.join(", "),
            if removed.is_empty() {
                String::new()
            } else {
                format!(" (removed: {})", removed.join(", "))
            }
        ),
    }
}

fn render(ctx: &Context, report: &Report) -> Result<()> {
    let p = &ctx.printer;
    for message in &report.remote_messages {
        p.status(&format!("remote: {message}"));
    }
    let remote = super::shown_remote(&report.remote);
    if p.is_json() {
        p.json(&report.tags)?;
    } else {
        let palette = p.palette();
        let would = if report.dry_run { "would be " } else { "" };
        for tag in &report.tags {
            if let Some(created) = &tag.created {
                let line = super::create::describe_created(created);
                p.line(&if report.dry_run {
                    format!("would be {line}")
                } else {
                    line
                })?;
            }
            let line = match &tag.status {
                Status::Pushed => format!("pushed  {} → {remote}", tag.name),
                Status::WouldPush => format!("{would}pushed  {} → {remote}", tag.name),
                Status::UpToDate => format!("up to date  {} ({remote} has it)", tag.name),
                Status::Rejected(reason) => {
                    palette.red(&format!("rejected {} by {remote}: {reason}", tag.name))
                }
            };
            p.line(&line)?;
        }
    }
    rejection(report)
}

/// The error for the tags the remote rejected (and what became of the rest), if any.
pub(crate) fn rejection(report: &Report) -> Result<()> {
    let remote = super::shown_remote(&report.remote);
    let rejected: Vec<String> = report
        .tags
        .iter()
        .filter_map(|t| match &t.status {
            Status::Rejected(reason) => Some(format!("{} ({reason})", t.name)),
            _ => None,
        })
        .collect();
    if rejected.is_empty() {
        return Ok(());
    }
    let pushed: Vec<&str> = report
        .tags
        .iter()
        .filter(|t| t.status == Status::Pushed)
        .map(|t| t.name.as_str())
        .collect();
    let mut err = Error::failure(format!("{remote} rejected {}", rejected.join(", ")));
    err = super::remote_said(err, &report.remote_messages);
    if !pushed.is_empty() {
        err = err.with_hint(format!("pushed all the same: {}", pushed.join(", ")));
    }
    if !report.rolled_back.is_empty() {
        err = err.with_hint(format!(
            "the rejected tags this run created were removed again: {}",
            report.rolled_back.join(", ")
        ));
    }
    if !report.left_behind.is_empty() {
        err = err.with_hint(format!(
            "rejected tags this run created could not be removed and are still here, not on the remote: {}",
            report.left_behind.join(", ")
        ));
    }
    Err(err)
}
