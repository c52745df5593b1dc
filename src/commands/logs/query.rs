//! `tracectl logs query`: CloudWatch Logs Insights.

use clap::Args;

use crate::commands::{AwsArgs, Context};
use crate::error::{Error, Result};
use crate::model::time::{TimeSpec, time_arg};

#[derive(Debug, Args)]
#[command(after_help = "Example:
  tracectl logs query 'fields @timestamp, @message | filter @message like /ERROR/ | limit 20' -g /cruddur/backend-flask")]
pub struct QueryArgs {
    /// The Logs Insights query
    pub query: String,

    /// Log groups to query (repeatable, at most 50)
    #[arg(short = 'g', long = "group", required = true, value_name = "GROUP")]
    pub groups: Vec<String>,

    /// Query the last DUR, or from this time
    #[arg(long, value_parser = time_arg, value_name = "DUR", default_value = "1h")]
    pub since: TimeSpec,

    /// End of the window [default: now]
    #[arg(long, value_parser = time_arg, value_name = "T")]
    pub until: Option<TimeSpec>,
}

pub async fn run(_ctx: &Context, _aws: &AwsArgs, _args: QueryArgs) -> Result<()> {
    Err(Error::not_implemented("logs query"))
}
