//! `tracectl tag list`.

use clap::Args;

use serde::Serialize;

use crate::clients::git::{self, LocalTag, RemoteTag, TagKind};
use crate::commands::Context;
use crate::error::{Error, Result};
use crate::model::version::compare_newest_first;
use crate::output::Column;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Also ask this remote which tags it has
    #[arg(long, value_name = "NAME", num_args = 0..=1, default_missing_value = "origin")]
    pub remote: Option<String>,

    /// Only tags matching GLOB, e.g. 'v1.*'
    #[arg(long, value_name = "GLOB")]
    pub pattern: Option<String>,
}

/// Where a local tag stands on the remote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum OnRemote {
    Same,
    Differs,
    Missing,
}

#[derive(Serialize)]
struct ListedTag {
    #[serde(flatten)]
    tag: LocalTag,
    remote: Option<OnRemote>,
}

#[derive(Serialize)]
struct RemoteOnly {
    name: String,
    #[serde(flatten)]
    tag: RemoteTag,
}

#[derive(Serialize)]
struct Listing {
    remote: Option<String>,
    tags: Vec<ListedTag>,
    remote_only: Vec<RemoteOnly>,
}

pub async fn run(ctx: &Context, args: ListArgs) -> Result<()> {
    let pattern = args
        .pattern
        .as_deref()
        .map(glob::Pattern::new)
        .transpose()
        .map_err(|e| {
            Error::usage(format!("invalid --pattern: {e}")).with_hint("use a glob such as 'v1.*'")
        })?;
    let auth = super::remote_auth(ctx.config.env());
    let remote_name = args.remote.clone();
    let listing = super::blocking(move || {
        let repo = git::open()?;
        let matches = |name: &str| pattern.as_ref().is_none_or(|p| p.matches(name));
        let mut local = git::local_tags(&repo)?;
        local.retain(|t| matches(&t.name));
        local.sort_by(|a, b| compare_newest_first(&a.name, &b.name));
        let remote = match &remote_name {
            Some(name) => Some(git::remote_tags(&repo, name, &auth)?),
            None => None,
        };
        let tags = local
            .into_iter()
            .map(|tag| {
                let remote = remote.as_ref().map(|r| match r.get(&tag.name) {
                    Some(rt) if rt.target == tag.target => OnRemote::Same,
                    Some(_) => OnRemote::Differs,
                    None => OnRemote::Missing,
                });
                ListedTag { tag, remote }
            })
            .collect::<Vec<_>>();
        let mut remote_only: Vec<RemoteOnly> = remote
            .into_iter()
            .flatten()
            .filter(|(name, _)| matches(name) && !tags.iter().any(|t| &t.tag.name == name))
            .map(|(name, tag)| RemoteOnly { name, tag })
            .collect();
        remote_only.sort_by(|a, b| compare_newest_first(&a.name, &b.name));
        Ok(Listing {
            remote: remote_name,
            tags,
            remote_only,
        })
    })
    .await?;
    render(ctx, &listing)
}

fn render(ctx: &Context, listing: &Listing) -> Result<()> {
    let p = &ctx.printer;
    if p.is_json() {
        return p.json(listing);
    }
    if listing.tags.is_empty() && listing.remote_only.is_empty() {
        p.status("no tags");
        return Ok(());
    }
    let mut columns = vec![
        Column::left("name"),
        Column::left("commit"),
        Column::left("date"),
        Column::left("type"),
    ];
    if let Some(remote) = &listing.remote {
        columns.push(Column::left(format!("on {}", super::shown_remote(remote))));
    }
    columns.push(Column::left("message"));
    let palette = p.palette();
    let mut rows: Vec<Vec<String>> = listing
        .tags
        .iter()
        .map(|t| {
            let mut row = vec![
                t.tag.name.clone(),
                palette.dim(super::short(&t.tag.commit)),
                t.tag
                    .date
                    .map_or_else(|| "-".into(), |d| p.time(d, "%Y-%m-%d %H:%M")),
                match t.tag.kind {
                    TagKind::Annotated => "annotated".into(),
                    TagKind::Lightweight => "lightweight".into(),
                },
            ];
            if let Some(on) = t.remote {
                row.push(match on {
                    OnRemote::Same => palette.green("yes"),
                    OnRemote::Differs => palette.red("differs"),
                    OnRemote::Missing => palette.yellow("no"),
                });
            }
            row.push(t.tag.message.clone());
            row
        })
        .collect();
    rows.extend(listing.remote_only.iter().map(|r| {
        vec![
            r.name.clone(),
            palette.dim(super::short(&r.tag.commit)),
            "-".into(),
            "-".into(),
            palette.yellow("only there"),
            String::new(),
        ]
    }));
    p.table(&columns, rows)
}
