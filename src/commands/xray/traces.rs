//! `tracectl xray traces`: GetTraceSummaries over a window, summarised.

use std::time::Duration;

use clap::{Args, ValueEnum};

use crate::commands::{AwsArgs, Context};
use crate::error::{Error, Result};
use crate::model::time::{TimeSpec, duration_arg, time_arg};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl xray traces --since 1h
  tracectl xray traces --since 24h --faults --url-contains /api/activities
  tracectl xray traces --filter 'annotation.user = \"alice\"' --sort newest")]
pub struct TracesArgs {
    /// Look at the last DUR [default: 1h]
    #[arg(long, value_parser = time_arg, value_name = "DUR", conflicts_with = "start")]
    pub since: Option<TimeSpec>,

    /// Start of the window (a time or a duration ago)
    #[arg(long, value_parser = time_arg, value_name = "T")]
    pub start: Option<TimeSpec>,

    /// End of the window [default: now]
    #[arg(long, value_parser = time_arg, value_name = "T", requires = "start")]
    pub end: Option<TimeSpec>,

    /// An X-Ray filter expression, ANDed with the shorthand flags
    #[arg(long, value_name = "EXPR")]
    pub filter: Option<String>,

    /// Only traces with errors (4xx)
    #[arg(long)]
    pub errors: bool,

    /// Only traces with faults (5xx)
    #[arg(long)]
    pub faults: bool,

    /// Only throttled traces (429)
    #[arg(long)]
    pub throttles: bool,

    /// Only traces slower than DUR, e.g. 500ms
    #[arg(long, value_parser = duration_arg, value_name = "DUR")]
    pub slower_than: Option<Duration>,

    /// Only traces whose URL contains TEXT
    #[arg(long, value_name = "TEXT")]
    pub url_contains: Option<String>,

    /// Only traces through the service NAME
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,

    /// Number of traces listed under the summary
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,

    /// Which traces to list
    #[arg(long, value_enum, default_value_t = TraceSort::Slowest)]
    pub sort: TraceSort,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TraceSort {
    Slowest,
    Newest,
}

pub async fn run(_ctx: &Context, _aws: &AwsArgs, _args: TracesArgs) -> Result<()> {
    Err(Error::not_implemented("xray traces"))
}
