//! `tracectl tag delete`.

use clap::Args;

use std::collections::BTreeSet;

use serde::Serialize;

use crate::clients::git;
use crate::commands::Context;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Tags to delete
    #[arg(required = true, value_name = "NAME")]
    pub names: Vec<String>,

    /// Delete on this remote too
    #[arg(long, value_name = "NAME", num_args = 0..=1, default_missing_value = "origin")]
    pub remote: Option<String>,
}

#[derive(Debug, Serialize)]
struct Deleted {
    name: String,
    local: bool,
    remote: bool,
}

pub async fn run(ctx: &Context, args: DeleteArgs) -> Result<()> {
    let auth = super::remote_auth(ctx.config.env());
    let remote_name = args.remote.clone();
    let names = super::unique(&args.names);
    let (deleted, remote_messages) = super::blocking(move || {
        let repo = git::open()?;
        for name in &names {
            git::validate_tag_name(name)?;
        }
        let local: BTreeSet<String> = git::local_tags(&repo)?
            .into_iter()
            .map(|t| t.name)
            .collect();
        let remote = match &remote_name {
            Some(r) => Some(git::remote_tags(&repo, r, &auth)?),
            None => None,
        };
        // Check every name before deleting anything, so a typo deletes nothing.
        let missing: Vec<&String> = names
            .iter()
            .filter(|n| !local.contains(*n) && !remote.as_ref().is_some_and(|r| r.contains_key(*n)))
            .collect();
        if !missing.is_empty() {
            let where_ = remote_name
                .as_ref()
                .map_or(String::new(), |r| format!(" here or on {r}"));
            let names: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
            return Err(Error::failure(format!(
                "tag{} {} do{} not exist{where_}",
                if missing.len() == 1 { "" } else { "s" },
                names.join(", "),
                if missing.len() == 1 { "es" } else { "" }
            ))
            .with_hint(format!(
                "nothing was deleted; tracectl tag list{} shows the tags",
                if remote_name.is_some() {
                    " --remote"
                } else {
                    ""
                }
            )));
        }
        let mut deleted: Vec<Deleted> = names
            .iter()
            .map(|n| Deleted {
                name: n.clone(),
                local: false,
                remote: false,
            })
            .collect();
        let mut messages = Vec::new();
        // The remote first: if it refuses, the local tag stays, and a retry can finish.
        if let (Some(remote_name), Some(remote)) = (&remote_name, &remote) {
            let refspecs: Vec<String> = names
                .iter()
                .filter(|n| remote.contains_key(*n))
                .map(|n| format!(":refs/tags/{n}"))
                .collect();
            if !refspecs.is_empty() {
                let outcome = git::push(&repo, remote_name, &refspecs, &auth, &|_, _| {})
                    .map_err(|e| Error::from(e).with_hint("nothing was deleted"))?;
                messages = outcome.remote_messages;
                let mut rejected = Vec::new();
                for d in &mut deleted {
                    if !remote.contains_key(&d.name) {
                        continue;
                    }
                    let refname = format!("refs/tags/{}", d.name);
                    match outcome
                        .updates
                        .iter()
                        .find(|u| u.refname == refname)
                        .and_then(|u| u.rejected.clone())
                    {
                        Some(reason) => rejected.push(format!("{} ({reason})", d.name)),
                        None => d.remote = true,
                    }
                }
                if !rejected.is_empty() {
                    let remote_shown = super::shown_remote(remote_name);
                    let mut err = Error::failure(format!(
                        "{remote_shown} refused to delete {}",
                        rejected.join(", ")
                    ));
                    err = super::remote_said(err, &messages);
                    let done = done_so_far(&deleted, &remote_shown);
                    return Err(err.with_hint(format!("no local tag was deleted; {done}")));
                }
            }
        }
        for i in 0..deleted.len() {
            if !local.contains(&deleted[i].name) {
                continue;
            }
            if let Err(e) = git::delete_local(&repo, &deleted[i].name) {
                let remote_shown = super::shown_remote(remote_name.as_deref().unwrap_or("origin"));
                let done = done_so_far(&deleted, &remote_shown);
                return Err(Error::from(e).with_hint(done));
            }
            deleted[i].local = true;
        }
        Ok((deleted, messages))
    })
    .await?;

    let p = &ctx.printer;
    let remote_shown = super::shown_remote(args.remote.as_deref().unwrap_or("origin"));
    for message in &remote_messages {
        p.status(&format!("remote: {message}"));
    }
    if p.is_json() {
        return p.json(&deleted);
    }
    for d in &deleted {
        let mut places = Vec::new();
        if d.local {
            places.push("here".to_string());
        }
        if d.remote {
            places.push(format!("on {remote_shown}"));
        }
        p.line(&format!("deleted {} ({})", d.name, places.join(" and ")))?;
    }
    Ok(())
}

/// What a failed delete had already done, for its hint.
fn done_so_far(deleted: &[Deleted], remote: &str) -> String {
    let on_remote: Vec<&str> = deleted
        .iter()
        .filter(|d| d.remote)
        .map(|d| d.name.as_str())
        .collect();
    let here: Vec<&str> = deleted
        .iter()
        .filter(|d| d.local)
        .map(|d| d.name.as_str())
        .collect();
    match (on_remote.is_empty(), here.is_empty()) {
        (true, true) => "nothing else was deleted".to_string(),
        _ => format!(
            "already deleted: {}{}",
            if on_remote.is_empty() {
                String::new()
            } else {
                format!("on {remote}: {} ", on_remote.join(", "))
            },
            if here.is_empty() {
                String::new()
            } else {
                format!("here: {}", here.join(", "))
            }
        )
        .trim_end()
        .to_string(),
    }
}
