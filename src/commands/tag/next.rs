//! `tracectl tag next`.

use clap::Args;

use crate::clients::git;
use crate::commands::Context;
use crate::error::{Error, Result};
use crate::model::version::{Bump, next_version};

#[derive(Debug, Args)]
pub struct NextArgs {
    /// Bump the major version
    #[arg(long, group = "bump")]
    pub major: bool,

    /// Bump the minor version
    #[arg(long, group = "bump")]
    pub minor: bool,

    /// Bump the patch version (the default)
    #[arg(long, group = "bump")]
    pub patch: bool,

    /// Make it a prerelease, e.g. --pre rc gives v1.3.0-rc.1
    #[arg(long, value_name = "ID")]
    pub pre: Option<String>,

    /// Tag prefix
    #[arg(long, value_name = "PREFIX", default_value = "v")]
    pub prefix: String,
}

pub async fn run(ctx: &Context, args: NextArgs) -> Result<()> {
    let bump = if args.major {
        Bump::Major
    } else if args.minor {
        Bump::Minor
    } else {
        Bump::Patch
    };
    let names = super::blocking(|| {
        let repo = git::open()?;
        Ok(git::local_tags(&repo)?
            .into_iter()
            .map(|t| t.name)
            .collect::<Vec<_>>())
    })
    .await?;
    let next = next_version(
        names.iter().map(String::as_str),
        bump,
        args.pre.as_deref(),
        &args.prefix,
    )
    .map_err(Error::usage)?;
    git::validate_tag_name(&next)?;
    if ctx.printer.is_json() {
        return ctx.printer.json(&serde_json::json!({ "next": next }));
    }
    // Alone on its line, so scripts can use $(tracectl tag next).
    ctx.printer.line(&next)
}
