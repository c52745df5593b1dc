//! `tracectl xray services`: GetServiceGraph as a table.

use clap::Args;

use crate::commands::{AwsArgs, Context};
use crate::error::{Error, Result};
use crate::model::time::{TimeSpec, time_arg};

#[derive(Debug, Args)]
pub struct ServicesArgs {
    /// Look at the last DUR [default: 1h]
    #[arg(long, value_parser = time_arg, value_name = "DUR")]
    pub since: Option<TimeSpec>,
}

pub async fn run(_ctx: &Context, _aws: &AwsArgs, _args: ServicesArgs) -> Result<()> {
    Err(Error::not_implemented("xray services"))
}
