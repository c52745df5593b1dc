//! `tracectl tag next`.

use clap::Args;

use crate::commands::Context;
use crate::error::{Error, Result};

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

pub async fn run(_ctx: &Context, _args: NextArgs) -> Result<()> {
    Err(Error::not_implemented("tag next"))
}
