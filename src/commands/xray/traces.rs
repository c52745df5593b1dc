//! `tracectl xray traces`: GetTraceSummaries over a window, summarised.

use std::time::Duration;

use clap::Args;

use crate::clients::aws::AwsFailure;
use crate::clients::xray::{self, ScanProgress};
use crate::commands::{AwsArgs, Context, resolve_window};
use crate::error::{Error, Result};
use crate::model::filter::TraceFilter;
use crate::model::stats::{self, TraceOrder};
use crate::model::time::{TimeSpec, duration_arg, time_arg};
use crate::output::xray::{TracesReport, print_traces};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl xray traces --since 1h
  tracectl xray traces --since 24h --faults --url-contains /api/activities
  tracectl xray traces --filter 'annotation.user = \"alice\"' --sort newest

--errors, --faults and --throttles together select traces with any of them; every other
option narrows the selection further (AND). -v prints the filter expression sent.")]
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

    /// Number of traces listed under the summary (0: all)
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,

    /// Which traces to list
    #[arg(long, value_enum, default_value_t = TraceOrder::Slowest)]
    pub sort: TraceOrder,
}

const DEFAULT_SINCE: Duration = Duration::from_secs(3600);

pub async fn run(ctx: &Context, aws: &AwsArgs, args: TracesArgs) -> Result<()> {
    let window = resolve_window(args.since, args.start, args.end, DEFAULT_SINCE, ctx.now)?;
    let window = super::within_retention(ctx, window)?;
    let filter = TraceFilter {
        errors: args.errors,
        faults: args.faults,
        throttles: args.throttles,
        slower_than: args.slower_than,
        url_contains: args.url_contains,
        service: args.service,
        expression: args.filter,
    }
    .compile();
    if ctx.printer.options().verbosity > 0 {
        ctx.printer.status(&format!(
            "filter: {}",
            filter.as_deref().unwrap_or("(none)")
        ));
    }
    let client = ctx.xray_client(aws).await?;
    let slices = window.slices(xray::MAX_SLICE).len();
    let bar = ctx.printer.progress_bar(slices as u64, "X-Ray");
    let show = |p: ScanProgress| {
        bar.set_position(p.slices_done as u64);
        bar.set_message(format!("X-Ray: {} traces", p.traces_seen));
    };
    let traces =
        xray::trace_summaries(&client, window, filter.as_deref(), &xray::limiter(), &show).await;
    bar.finish_and_clear();
    let traces = traces.map_err(|f| summaries_error(ctx, f, filter.as_deref()))?;

    let order = args.sort;
    let limit = if args.limit == 0 {
        usize::MAX
    } else {
        args.limit
    };
    let overview = stats::overview(&traces);
    let routes = stats::routes(&traces);
    let listed = stats::select(&traces, order, limit);
    print_traces(
        &ctx.printer,
        &TracesReport {
            source: "X-Ray",
            group: "xray",
            window,
            overview: &overview,
            routes: &routes,
            listed: &listed,
            order,
        },
    )
}

/// A rejected filter is the user's to fix, so it is named with what was sent.
fn summaries_error(ctx: &Context, failure: AwsFailure, filter: Option<&str>) -> Error {
    match (&failure, filter) {
        (AwsFailure::Service { code, message }, Some(filter))
            if code == "InvalidRequestException" =>
        {
            Error::failure(format!("X-Ray rejected the filter expression: {message}"))
                .with_hint(format!(
                    "the expression sent was: {filter} \
                     (syntax: https://docs.aws.amazon.com/xray/latest/devguide/xray-console-filters.html)"
                ))
        }
        _ => ctx.aws_error("cannot fetch X-Ray trace summaries", failure),
    }
}
