//! The `traces` tool: a window's traces summarised, from the local store, X-Ray's
//! summaries or aws/spans — the view of `local traces` and `xray traces`.

use rmcp::model::CallToolResult;

use super::bounded::{self, bound};
use super::call::Call;
use super::{
    MAX_BYTES, McpServer, SortArg, TraceSourceArg, TracesArgs, answer, json_failure, window_of,
    with_cloud, with_store,
};
use crate::error::{Error, Result};
use crate::model::span_insights::SpanSelection;
use crate::model::stats::TraceOrder;
use crate::model::time::{Window, parse_duration};
use crate::views;
use crate::views::traces::Progress;

impl McpServer {
    pub(super) async fn traces_report(
        &self,
        args: TracesArgs,
        call: Call,
    ) -> Result<CallToolResult> {
        let cursor = bounded::Cursor::parse(args.cursor.as_deref())?;
        if args.cursor.is_some() && cursor.window_end.is_none() {
            return Err(Error::usage("cursor: not a cursor of the traces tool")
                .with_hint("pass the `cursor` of the previous traces answer, or none"));
        }
        // A cursor keeps the window of the first call, so its pages list the same traces.
        let window = match cursor.window_end {
            Some(end) => {
                let w = window_of(&args.since)?;
                Window {
                    start: end
                        .checked_sub(w.end.duration_since(w.start))
                        .unwrap_or(w.start),
                    end,
                }
            }
            None => window_of(&args.since)?,
        };
        let request = views::traces::TracesRequest {
            window,
            selection: selection(&args)?,
            order: match args.sort {
                SortArg::Slowest => TraceOrder::Slowest,
                SortArg::Newest => TraceOrder::Newest,
            },
            limit: args.limit.unwrap_or(20).max(1),
        };
        let report = match args.source {
            TraceSourceArg::Local => {
                with_store(&self.shared, move |store| {
                    Ok(views::local::traces(store, &request)?)
                })
                .await?
            }
            source => {
                let said = call.clone();
                with_cloud(&self.shared, &call, move |cloud| async move {
                    let from = if source == TraceSourceArg::Spans {
                        views::traces::Source::AwsSpans { logs: &cloud.logs }
                    } else {
                        views::traces::Source::XraySummaries {
                            client: &cloud.xray,
                            expression: None,
                            indexed_percent: None,
                        }
                    };
                    views::traces::traces(&from, &request, &|p| said.say(progress(&p)))
                        .await
                        .map_err(traces_failure)
                })
                .await?
            }
        };
        let summary = format!(
            "{} traces in the window ({} errors, {} faults, {} throttles); {} listed",
            report.summary.traces,
            report.summary.errors,
            report.summary.faults,
            report.summary.throttles,
            report.traces.len()
        );
        let end = report.window.end;
        let value = serde_json::to_value(&report).map_err(json_failure)?;
        let page = bound(
            value,
            "traces",
            cursor.offset,
            args.max_bytes.unwrap_or(MAX_BYTES),
            |next| bounded::Cursor::offset_in(end, next),
        )?;
        Ok(answer(summary, page))
    }
}

/// What a cloud fetch has got to, as the client is told it.
fn progress(p: &Progress) -> String {
    match p {
        Progress::XrayFilter(Some(filter)) => format!("X-Ray filter: {filter}"),
        Progress::XrayFilter(None) => "X-Ray: every trace of the window".into(),
        Progress::Summaries(s) => format!(
            "X-Ray summaries: {} of {} slices, {} traces",
            s.slices_done, s.slices, s.traces_seen
        ),
        Progress::InsightsQuery { part, .. } => format!("Logs Insights over aws/spans: {part}"),
        Progress::Queries { done, total } => {
            format!("Logs Insights over aws/spans: {done} of {total} queries")
        }
    }
}

fn selection(args: &TracesArgs) -> Result<SpanSelection> {
    let slower_than = args
        .slower_than
        .as_deref()
        .map(|d| {
            parse_duration(d).map_err(|e| {
                Error::usage(format!("slower_than: {e}")).with_hint("a duration like 500ms or 2s")
            })
        })
        .transpose()?;
    Ok(SpanSelection {
        errors: args.errors,
        faults: args.faults,
        throttles: args.throttles,
        slower_than,
        url_contains: args.url_contains.clone(),
        service: args.service.clone(),
        text: None,
    })
}

fn traces_failure(e: views::traces::TracesFailure) -> Error {
    use views::traces::TracesFailure;
    match e {
        TracesFailure::Summaries { failure, .. } => {
            crate::commands::failures::aws("cannot fetch X-Ray trace summaries", failure)
        }
        TracesFailure::Insights(crate::clients::logs::InsightsError::Aws(f)) => {
            crate::commands::failures::aws("cannot query aws/spans", f)
        }
        TracesFailure::Insights(other) => Error::failure(format!(
            "a Logs Insights query over aws/spans failed: {other:?}"
        ))
        .with_hint("the account needs CloudWatch Transaction Search"),
        TracesFailure::Store(e) => e.into(),
    }
}
