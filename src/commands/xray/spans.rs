//! Reading `aws/spans` (CloudWatch Transaction Search) for the xray group: the newest
//! requests for `xray trace --newest`, and the failures said in terms a user can act on.
//! (`xray traces`' queries are the traces view's: `views::traces`.)

use crate::clients::aws::AwsFailure;
use crate::clients::logs::{INSIGHTS_MAX_RUNTIME, InsightsError, run_query};
use crate::commands::Context;
use crate::error::{Error, Result};
use crate::model::span_insights::{self, SPANS_GROUP, SpanSelection};
use crate::model::stats::TraceOrder;
use crate::model::time::Window;
use crate::model::trace::TraceId;

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
