//! Reading `aws/spans` (CloudWatch Transaction Search) for the xray group: `xray traces`'
//! Logs Insights queries run per window slice and combined, and the failures said in terms
//! a user can act on.

use futures::StreamExt;

use crate::clients::aws::AwsFailure;
use crate::clients::logs::{INSIGHTS_MAX_RUNTIME, InsightsError, QueryResults, run_query};
use crate::commands::Context;
use crate::error::{Error, Result};
use crate::model::span_insights::{
    self, Figures, MAX_SLICE, SPANS_GROUP, SliceFigures, SpanSelection,
};
use crate::model::stats::TraceOrder;
use crate::model::time::Window;
use crate::model::trace::TraceId;

/// Insights queries in flight at once: an account runs at most 30 (dashboards included),
/// so tracectl leaves most of them to others.
const QUERIES_IN_FLIGHT: usize = 4;

/// What each query of a slice answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Overview,
    Routes,
    Listing,
}

/// The window's figures over every request in aws/spans: per slice of at most a day, an
/// overview, a route table and a listing query, at most [`QUERIES_IN_FLIGHT`] at a time.
pub(super) async fn traces_figures(
    ctx: &Context,
    logs: &aws_sdk_cloudwatchlogs::Client,
    window: Window,
    selection: &SpanSelection,
    order: TraceOrder,
    limit: usize,
) -> Result<(Figures, usize)> {
    let queries = [
        (Part::Overview, span_insights::overview_query(selection)),
        (Part::Routes, span_insights::routes_query(selection)),
        (
            Part::Listing,
            span_insights::listing_query(selection, order, limit),
        ),
    ];
    if ctx.printer.options().verbosity > 0 {
        for (part, query) in &queries {
            ctx.printer.status(&format!(
                "Logs Insights query ({part:?}) on {SPANS_GROUP}:\n{query}"
            ));
        }
    }
    let slices = insights_slices(window);
    let jobs: Vec<(usize, Part, (i64, i64), &str)> = slices
        .iter()
        .enumerate()
        .flat_map(|(i, range)| {
            queries
                .iter()
                .map(move |(part, q)| (i, *part, *range, q.as_str()))
        })
        .collect();
    let bar = ctx
        .printer
        .progress_bar(jobs.len() as u64, "Logs Insights on aws/spans");
    let groups = [SPANS_GROUP.to_string()];
    let quiet = |_: &QueryResults| {};
    let answers: Vec<(
        usize,
        Part,
        std::result::Result<QueryResults, InsightsError>,
    )> = futures::stream::iter(jobs)
        .map(|(slice, part, range, query)| {
            let groups = &groups;
            let bar = &bar;
            async move {
                let answer =
                    run_query(logs, groups, range, query, INSIGHTS_MAX_RUNTIME, &quiet).await;
                bar.inc(1);
                (slice, part, answer)
            }
        })
        .buffer_unordered(QUERIES_IN_FLIGHT)
        .collect()
        .await;
    bar.finish_and_clear();

    let mut figures = vec![SliceFigures::default(); slices.len()];
    for (slice, part, answer) in answers {
        let rows = answer.map_err(|e| insights_error(ctx, e))?.rows;
        let into = &mut figures[slice];
        match part {
            Part::Overview => into.overview = span_insights::read_overview(&rows),
            Part::Routes => into.routes = span_insights::read_routes(&rows),
            Part::Listing => into.listed = span_insights::read_listing(&rows),
        }
    }
    Ok((span_insights::combine(figures, order, limit), slices.len()))
}

/// The ids of the window's `count` newest requests (root server spans), newest first: one
/// Insights query, since a listing needs no combining.
pub(super) async fn newest_requests(
    ctx: &Context,
    logs: &aws_sdk_cloudwatchlogs::Client,
    window: Window,
    count: usize,
) -> Result<Vec<TraceId>> {
    let query = span_insights::listing_query(&SpanSelection::default(), TraceOrder::Newest, count);
    if ctx.printer.options().verbosity > 0 {
        ctx.printer
            .status(&format!("Logs Insights query on {SPANS_GROUP}:\n{query}"));
    }
    let spinner = ctx
        .printer
        .spinner(format!("finding the newest requests in {SPANS_GROUP}"));
    let answer = run_query(
        logs,
        &[SPANS_GROUP.to_string()],
        (window.start.as_second(), window.end.as_second()),
        &query,
        INSIGHTS_MAX_RUNTIME,
        &|_| {},
    )
    .await;
    spinner.finish_and_clear();
    let rows = answer.map_err(|e| insights_error(ctx, e))?.rows;
    Ok(span_insights::read_listing(&rows)
        .into_iter()
        .filter_map(|t| t.id.parse().ok())
        .collect())
}

/// The window as Insights ranges: epoch seconds, both ends included, so each slice but the
/// last ends a second before the next begins (no span counted twice).
fn insights_slices(window: Window) -> Vec<(i64, i64)> {
    let slices = window.slices(MAX_SLICE);
    let last = slices.len().saturating_sub(1);
    slices
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let start = s.start.as_second();
            let end = if i == last {
                s.end.as_second()
            } else {
                s.end.as_second() - 1
            };
            (start, end.max(start))
        })
        .collect()
}

/// How to turn Transaction Search on, for every "not enabled" error of the group.
pub(super) const ENABLE_HINT: &str = "turn it on (CloudWatch console: Settings > X-Ray traces > Transaction Search, or `aws xray update-trace-segment-destination --destination CloudWatchLogs`), or use --source summaries";

/// What the user can do about a failed Insights query over aws/spans.
pub(super) fn insights_error(ctx: &Context, e: InsightsError) -> Error {
    match e {
        InsightsError::Aws(AwsFailure::Service { code, .. })
            if code == "ResourceNotFoundException" =>
        {
            Error::failure(format!(
                "Transaction Search is not enabled: this account has no log group {SPANS_GROUP}"
            ))
            .with_hint(ENABLE_HINT)
        }
        InsightsError::Aws(f @ AwsFailure::Service { .. })
            if matches!(&f, AwsFailure::Service { code, .. } if code.starts_with("AccessDenied")) =>
        {
            Error::failure(format!("cannot query {SPANS_GROUP}: {f}")).with_hint(format!(
                "the identity needs logs:StartQuery and logs:GetQueryResults on the log group {SPANS_GROUP}"
            ))
        }
        InsightsError::Aws(AwsFailure::Service { code, message })
            if code == "MalformedQueryException" =>
        {
            Error::failure(format!("Logs Insights refused tracectl's query: {message}"))
                .with_hint("this is a tracectl bug: please report it with the query -v prints")
        }
        InsightsError::Aws(f) => ctx.aws_error(&format!("cannot query {SPANS_GROUP}"), f),
        InsightsError::Ended { status, query_id } => Error::failure(format!(
            "a Logs Insights query over {SPANS_GROUP} ended {status}"
        ))
        .with_hint(format!(
            "narrow the window (--since) and try again; query id {query_id}"
        )),
        InsightsError::TimedOut { query_id } => Error::failure(format!(
            "a Logs Insights query over {SPANS_GROUP} did not complete within {} minutes",
            INSIGHTS_MAX_RUNTIME.as_secs() / 60
        ))
        .with_hint(format!("narrow the window (--since); query id {query_id}")),
    }
}
