//! `tracectl xray traces`: GetTraceSummaries over a window, summarised.

use clap::Args;

use crate::clients::aws::AwsFailure;
use crate::clients::xray::{self, ScanProgress};
use crate::commands::{AwsArgs, Context, TraceSelection};
use crate::error::{Error, Result};
use crate::model::filter::TraceFilter;
use crate::model::stats;
use crate::output::xray::{TracesReport, print_traces};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl xray traces --since 1h
  tracectl xray traces --since 24h --faults --url-contains /api/activities
  tracectl xray traces --filter 'annotation.user = \"alice\"' --sort newest

--errors, --faults and --throttles together select traces with any of them; every other
option narrows the selection further (AND). -v prints the filter expression sent.")]
pub struct TracesArgs {
    #[command(flatten)]
    pub selection: TraceSelection,

    /// An X-Ray filter expression, ANDed with the shorthand flags
    #[arg(long, value_name = "EXPR")]
    pub filter: Option<String>,
}

pub async fn run(
    ctx: &Context,
    aws: &AwsArgs,
    source: super::TraceSource,
    args: TracesArgs,
) -> Result<()> {
    if source == super::TraceSource::Spans {
        return Err(super::not_built("xray traces"));
    }
    let window = args.selection.window(ctx.now)?;
    let window = super::within_retention(ctx, window)?;
    let filter = TraceFilter {
        errors: args.selection.errors,
        faults: args.selection.faults,
        throttles: args.selection.throttles,
        slower_than: args.selection.slower_than,
        url_contains: args.selection.url_contains.clone(),
        service: args.selection.service.clone(),
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
    let limiter = xray::limiter();
    let (traces, indexed) = tokio::join!(
        xray::trace_summaries(&client, window, filter.as_deref(), &limiter, &show),
        indexed_share(&client, source),
    );
    bar.finish_and_clear();
    // After the move to Transaction Search the summaries are a sample: never silently.
    let source_name = match indexed {
        Some(percent) => {
            ctx.printer.status(&format!(
                "note: this account sends spans to CloudWatch Logs (Transaction Search) and indexes {percent}% of them as trace summaries: these numbers cover that share of the requests, not all of them"
            ));
            format!("X-Ray summaries ({percent}% indexed)")
        }
        None => "X-Ray".to_string(),
    };
    let traces = traces.map_err(|f| summaries_error(ctx, f, filter.as_deref()))?;

    let order = args.selection.sort;
    let limit = args.selection.listed();
    let overview = stats::overview(&traces);
    let routes = stats::routes(&traces);
    let listed = stats::select(&traces, order, limit);
    print_traces(
        &ctx.printer,
        &TracesReport {
            source: &source_name,
            group: "xray",
            window,
            overview: &overview,
            routes: &routes,
            listed: &listed,
            order,
        },
    )
}

/// With `auto`, the share of spans indexed as summaries when the account is on Transaction
/// Search; `None` when it is not (or that cannot be read: the summaries are then all there is).
async fn indexed_share(client: &aws_sdk_xray::Client, source: super::TraceSource) -> Option<f64> {
    if source != super::TraceSource::Auto {
        return None;
    }
    let destination = xray::segment_destination(client).await.ok()?;
    if !destination.is_transaction_search() {
        return None;
    }
    // On Transaction Search without a readable rule, the default share (1%) is assumed.
    Some(
        xray::indexed_percent(client)
            .await
            .ok()
            .flatten()
            .unwrap_or(1.0),
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
