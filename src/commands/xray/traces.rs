//! `tracectl xray traces`: a window's requests summarised, from X-Ray's trace summaries
//! (GetTraceSummaries) or, on an account with Transaction Search, from every span in
//! aws/spans (Logs Insights).

use clap::Args;

use super::{TraceSource, spans};
use crate::clients::aws::AwsFailure;
use crate::clients::xray;
use crate::commands::{AwsArgs, Context, TraceSelection};
use crate::error::{Error, Result};
use crate::model::span_insights::SPANS_GROUP;
use crate::model::time::Window;
use crate::output::xray::print_traces;
use crate::views;
use crate::views::traces::{Exactness, Progress, Source, TracesFailure, insights_ranges};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl xray traces --since 1h
  tracectl xray traces --since 24h --faults --url-contains /api/activities
  tracectl xray traces --filter 'annotation.user = \"alice\"' --sort newest

--errors, --faults and --throttles together select traces with any of them; every other
option narrows the selection further (AND). -v prints the filter expression sent.

On an account with CloudWatch Transaction Search (or with --source spans) the numbers cover
every request: Logs Insights computes them from the spans in aws/spans (-v prints the
queries). --filter is X-Ray's filter language: with it, auto reads the indexed summaries.")]
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
    source: TraceSource,
    args: TracesArgs,
) -> Result<()> {
    let window = args.selection.window(ctx.now)?;
    if source == TraceSource::Spans && args.filter.is_some() {
        return Err(filter_on_spans());
    }
    let client = ctx.xray_client(aws).await?;
    // With auto, an account on Transaction Search is summed up from every span it keeps,
    // unless an X-Ray filter expression asks for the summaries (then said to be a share).
    let transaction_search = source == TraceSource::Auto
        && ctx
            .patiently(
                "asking X-Ray where segments go",
                xray::segment_destination(&client),
            )
            .await
            .is_ok_and(|d| d.is_transaction_search());
    if source == TraceSource::Spans || (transaction_search && args.filter.is_none()) {
        if transaction_search {
            ctx.printer.status(
                "note: this account sends spans to CloudWatch Logs (Transaction Search): these numbers are computed by Logs Insights from every span in aws/spans, not from the indexed trace summaries",
            );
        }
        return from_spans(ctx, aws, window, args).await;
    }
    from_summaries(ctx, &client, transaction_search, window, args).await
}

/// `--filter` is X-Ray's filter language, which only the summaries understand.
fn filter_on_spans() -> Error {
    Error::usage("--filter takes an X-Ray filter expression, which only X-Ray's trace summaries understand, not aws/spans")
        .with_hint("use the shorthand flags (--errors, --faults, --throttles, --slower-than, --url-contains, --service), or --source summaries")
}

/// Every request of the window, from aws/spans through Logs Insights.
async fn from_spans(ctx: &Context, aws: &AwsArgs, window: Window, args: TracesArgs) -> Result<()> {
    let logs = ctx.logs_client(aws).await?;
    let request = args.selection.traces_request(window);
    let ranges = insights_ranges(window).len();
    let bar = ctx
        .printer
        .progress_bar(3 * ranges as u64, "Logs Insights on aws/spans");
    let verbose = ctx.printer.options().verbosity > 0;
    let show = |p: Progress| match p {
        Progress::InsightsQuery { part, query } if verbose => ctx.printer.status(&format!(
            "Logs Insights query ({part}) on {SPANS_GROUP}:\n{query}"
        )),
        Progress::Queries { done, .. } => bar.set_position(done as u64),
        _ => {}
    };
    let fetched = views::traces::traces(&Source::AwsSpans { logs: &logs }, &request, &show).await;
    bar.finish_and_clear();
    let report = fetched.map_err(|e| traces_error(ctx, e))?;
    if report.percentiles == Exactness::UpperBound {
        ctx.printer.status(&format!(
            "note: {}; its percentiles are the highest of those answers', an upper bound (counts are exact)",
            if ranges > 1 {
                format!("the window was split into {ranges} Logs Insights ranges of at most a day each")
            } else {
                "raw paths were grouped into routes after the query".to_string()
            }
        ));
    }
    print_traces(&ctx.printer, &report)
}

/// X-Ray's trace summaries: every trace on an X-Ray account, the indexed share on one with
/// Transaction Search (said, never silently a sample).
async fn from_summaries(
    ctx: &Context,
    client: &aws_sdk_xray::Client,
    transaction_search: bool,
    window: Window,
    args: TracesArgs,
) -> Result<()> {
    let window = super::within_retention(ctx, window)?;
    // After the move to Transaction Search the summaries are a sample: never silently.
    let indexed_percent = ctx
        .patiently(
            "asking X-Ray what it indexes",
            indexed_share(client, transaction_search),
        )
        .await;
    if let Some(percent) = indexed_percent {
        ctx.printer.status(&format!(
            "note: this account sends spans to CloudWatch Logs (Transaction Search) and indexes {percent}% of them as trace summaries: these numbers cover that share of the requests, not all of them"
        ));
    }
    let source = Source::XraySummaries {
        client,
        expression: args.filter.as_deref(),
        indexed_percent,
    };
    let request = args.selection.traces_request(window);
    let slices = window.slices(xray::MAX_SLICE).len();
    let bar = ctx.printer.progress_bar(slices as u64, "X-Ray");
    let answered = std::sync::atomic::AtomicBool::new(false);
    let verbose = ctx.printer.options().verbosity > 0;
    let show = |p: Progress| match p {
        Progress::XrayFilter(filter) if verbose => {
            ctx.printer
                .status(&format!("filter: {}", filter.unwrap_or("(none)")));
        }
        Progress::Summaries(p) => {
            // The first report is the start; a page or a finished slice is an answer.
            if p.slices_done > 0 || p.traces_seen > 0 {
                answered.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            bar.set_position(p.slices_done as u64);
            bar.set_message(format!("X-Ray: {} traces", p.traces_seen));
        }
        _ => {}
    };
    let fetched = ctx
        .patiently_until_answered(
            "fetching trace summaries",
            &answered,
            views::traces::traces(&source, &request, &show),
        )
        .await;
    bar.finish_and_clear();
    print_traces(&ctx.printer, &fetched.map_err(|e| traces_error(ctx, e))?)
}

/// On Transaction Search, the share of spans indexed as trace summaries (the default, 1%,
/// when no rule can be read); `None` on an account that sends everything to X-Ray.
async fn indexed_share(client: &aws_sdk_xray::Client, transaction_search: bool) -> Option<f64> {
    if !transaction_search {
        return None;
    }
    Some(
        xray::indexed_percent(client)
            .await
            .ok()
            .flatten()
            .unwrap_or(1.0),
    )
}

/// A rejected filter is the user's to fix, so it is named with what was sent.
pub(crate) fn traces_error(ctx: &Context, failure: TracesFailure) -> Error {
    match failure {
        TracesFailure::Summaries {
            failure: AwsFailure::Service { code, message },
            filter: Some(filter),
        } if code == "InvalidRequestException" => {
            Error::failure(format!("X-Ray rejected the filter expression: {message}"))
                .with_hint(format!(
                    "the expression sent was: {filter} \
                     (syntax: https://docs.aws.amazon.com/xray/latest/devguide/xray-console-filters.html)"
                ))
        }
        TracesFailure::Summaries { failure, .. } => {
            ctx.aws_error("cannot fetch X-Ray trace summaries", failure)
        }
        TracesFailure::Insights(e) => spans::insights_error(ctx, e),
        TracesFailure::Store(e) => e.into(),
    }
}
