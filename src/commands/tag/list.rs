//! `tracectl tag list`.

use clap::Args;

use crate::commands::Context;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Also ask this remote which tags it has
    #[arg(long, value_name = "NAME", num_args = 0..=1, default_missing_value = "origin")]
    pub remote: Option<String>,

    /// Only tags matching GLOB, e.g. 'v1.*'
    #[arg(long, value_name = "GLOB")]
    pub pattern: Option<String>,
}

pub async fn run(_ctx: &Context, _args: ListArgs) -> Result<()> {
    Err(Error::not_implemented("tag list"))
}
