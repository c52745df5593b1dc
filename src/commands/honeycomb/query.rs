//! `tracectl honeycomb query`: flags (or a raw spec) -> query -> result -> table and charts.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::HoneycombArgs;
use crate::commands::Context;
use crate::error::{Error, Result};
use crate::model::time::{TimeSpec, duration_arg, time_arg};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl honeycomb query -d cruddur -c COUNT -c 'P99(duration_ms)' -b http.route --since 2h
  tracectl honeycomb query -c COUNT -w 'http.status_code >= 500' -b http.route
  tracectl honeycomb query -w 'user.id in 1,2,3' -w 'error exists' --any
  tracectl honeycomb query --spec spec.json")]
pub struct QueryArgs {
    /// Dataset to query [env: HONEYCOMB_DATASET]
    #[arg(short, long, value_name = "DATASET")]
    pub dataset: Option<String>,

    /// Calculation: COUNT, CONCURRENCY or OP(column), e.g. 'P99(duration_ms)' [default: COUNT]
    #[arg(short, long = "calc", value_name = "CALC")]
    pub calcs: Vec<String>,

    /// Break results down by this column (repeatable)
    #[arg(short, long = "breakdown", value_name = "COLUMN")]
    pub breakdowns: Vec<String>,

    /// Filter 'COLUMN OP VALUE', e.g. 'http.status_code >= 500', 'route in /a,/b', 'error exists'
    #[arg(short = 'w', long = "where", value_name = "FILTER")]
    pub filters: Vec<String>,

    /// Combine filters with OR instead of AND
    #[arg(long)]
    pub any: bool,

    /// Order rows, e.g. 'P99(duration_ms) desc' or 'http.route asc' (repeatable)
    #[arg(long = "order", value_name = "ORDER")]
    pub orders: Vec<String>,

    /// Keep only groups matching, e.g. 'COUNT > 10' (repeatable)
    #[arg(long = "having", value_name = "HAVING")]
    pub havings: Vec<String>,

    /// Maximum result rows (at most 1000)
    #[arg(short, long, value_name = "LIMIT")]
    pub limit: Option<u32>,

    /// Query the last DUR [default: 2h]
    #[arg(long, value_parser = time_arg, value_name = "DUR", conflicts_with = "start")]
    pub since: Option<TimeSpec>,

    /// Start of the query window (a time or a duration ago)
    #[arg(long, value_parser = time_arg, value_name = "T")]
    pub start: Option<TimeSpec>,

    /// End of the query window [default: now]
    #[arg(long, value_parser = time_arg, value_name = "T", requires = "start")]
    pub end: Option<TimeSpec>,

    /// Time bucket of the series, e.g. 1m
    #[arg(long, value_parser = duration_arg, value_name = "DUR")]
    pub granularity: Option<Duration>,

    /// Run a raw query-spec JSON file (or - for stdin) instead of flags
    #[arg(long, value_name = "FILE|-", conflicts_with_all = ["calcs", "breakdowns", "filters", "orders", "havings"])]
    pub spec: Option<PathBuf>,

    /// Print the spec that would be sent, and send nothing
    #[arg(long)]
    pub print_spec: bool,

    /// Do not fetch or draw the time series
    #[arg(long)]
    pub no_series: bool,

    /// Give up waiting for the result after this long
    #[arg(long, value_parser = duration_arg, value_name = "DUR", default_value = "60s")]
    pub timeout: Duration,
}

pub async fn run(_ctx: &Context, _api: &HoneycombArgs, _args: QueryArgs) -> Result<()> {
    Err(Error::not_implemented("honeycomb query"))
}
