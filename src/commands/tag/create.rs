//! `tracectl tag create`.

use clap::Args;

use crate::clients::git::{self, CreatedTag, TagKind};
use crate::commands::Context;
use crate::error::Result;

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

pub async fn run(ctx: &Context, args: CreateArgs) -> Result<()> {
    let env = ctx.config.env().clone();
    let created = super::blocking(move || {
        let repo = git::open()?;
        git::validate_tag_name(&args.name)?;
        if !args.force && git::local_tags(&repo)?.iter().any(|t| t.name == args.name) {
            return Err(git::GitError::TagExists(args.name).into());
        }
        if !args.allow_dirty {
            git::ensure_clean(&repo)?;
        }
        let (message, tagger) = if args.lightweight {
            (None, None)
        } else {
            let message = args
                .message
                .unwrap_or_else(|| format!("Release {}", args.name));
            (Some(message), Some(git::tagger(&repo, &env)?))
        };
        let rev = args.rev.as_deref().unwrap_or("HEAD");
        Ok(git::create_tag(
            &repo,
            &args.name,
            rev,
            message.as_deref(),
            tagger.as_ref(),
            args.force,
        )?)
    })
    .await?;
    if ctx.printer.is_json() {
        return ctx.printer.json(&created);
    }
    ctx.printer.line(&describe_created(&created))
}

/// `created v0.2 (annotated, "Release v0.2") at 3f2a9c1 Add X-Ray tracing`
pub(super) fn describe_created(tag: &CreatedTag) -> String {
    let kind = match (&tag.kind, &tag.message) {
        (TagKind::Annotated, Some(message)) => format!("annotated, {message:?}"),
        _ => "lightweight".to_string(),
    };
    format!(
        "created {} ({kind}) at {} {}",
        tag.name,
        super::short(&tag.commit),
        tag.commit_summary
    )
}
