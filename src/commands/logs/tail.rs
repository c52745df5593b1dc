//! `tracectl logs tail`: every event of a window exactly once, in time order; `--follow`.

use std::time::Duration;

use clap::{Args, ValueEnum};

use crate::commands::{AwsArgs, Context};
use crate::error::{Error, Result};
use crate::model::time::{TimeSpec, duration_arg, time_arg};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl logs tail /cruddur/backend-flask --since 1h
  tracectl logs tail /cruddur/backend-flask --follow --filter ERROR
  tracectl logs tail '/aws/lambda/*' --format json")]
pub struct TailArgs {
    /// Log groups; a name ending in * is a prefix (/aws/lambda/*)
    #[arg(required = true, value_name = "GROUP")]
    pub groups: Vec<String>,

    /// Keep printing new events until Ctrl-C, --until, --max-events or --idle-timeout
    #[arg(short, long)]
    pub follow: bool,

    /// Start this long ago, or at this time
    #[arg(long, value_parser = time_arg, value_name = "DUR", default_value = "10m")]
    pub since: TimeSpec,

    /// Stop at this time (a time or a duration ago)
    #[arg(long, value_parser = time_arg, value_name = "T")]
    pub until: Option<TimeSpec>,

    /// CloudWatch filter pattern, passed to the service (e.g. ERROR or '{ $.level = "ERROR" }')
    #[arg(long, value_name = "PATTERN")]
    pub filter: Option<String>,

    /// Only streams whose name starts with PREFIX
    #[arg(long, value_name = "PREFIX", conflicts_with = "streams")]
    pub stream_prefix: Option<String>,

    /// Only these streams (repeatable, at most 100)
    #[arg(long = "stream", value_name = "NAME")]
    pub streams: Vec<String>,

    /// How each event is printed (json is the same as -o json)
    #[arg(long, value_enum)]
    pub format: Option<TailFormat>,

    /// Stop after this many events
    #[arg(long, value_name = "N")]
    pub max_events: Option<u64>,

    /// With --follow, stop after this long without a new event
    #[arg(long, value_parser = duration_arg, value_name = "DUR")]
    pub idle_timeout: Option<Duration>,

    /// With --follow, how often to poll
    #[arg(long, value_parser = duration_arg, value_name = "DUR", default_value = "1s")]
    pub poll: Duration,

    /// With --follow, how far back each poll re-scans for late events [default: learned
    /// from the events' ingestion delay, at least 2m]
    #[arg(long, value_parser = duration_arg, value_name = "DUR")]
    pub lag: Option<Duration>,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TailFormat {
    /// time, stream, message
    Short,
    /// time, group, stream, event id, message
    Detailed,
    /// one JSON object per line
    Json,
    /// the message alone
    Raw,
}

pub async fn run(_ctx: &Context, _aws: &AwsArgs, _args: TailArgs) -> Result<()> {
    Err(Error::not_implemented("logs tail"))
}
