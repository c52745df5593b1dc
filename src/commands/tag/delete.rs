//! `tracectl tag delete`.

use clap::Args;

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

pub async fn run(_ctx: &Context, _args: DeleteArgs) -> Result<()> {
    Err(Error::not_implemented("tag delete"))
}
