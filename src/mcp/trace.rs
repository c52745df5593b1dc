//! The `trace` tool: one trace from one source — the local store (with the log lines and
//! errors it holds for it), or X-Ray (BatchGetTraces; aws/spans for the traces only
//! Transaction Search holds) — the view of `local trace` and `xray trace`.

use std::time::Duration;

use rmcp::model::CallToolResult;
use serde_json::Value;

use super::call::Call;
use super::{
    MAX_BYTES, McpServer, TraceArgs, TraceSourceArg, answer, bounded, json_failure, trace_id,
    with_cloud, with_store,
};
use crate::error::{Error, Result};
use crate::views;
use crate::views::xray::Progress;

/// How long a Transaction Search retrieval may take (as the explorer's).
const RETRIEVAL_TIMEOUT: Duration = Duration::from_secs(60);

impl McpServer {
    pub(super) async fn trace_report(&self, args: TraceArgs, call: Call) -> Result<CallToolResult> {
        let id = trace_id(&args.id)?;
        let value = match args.source {
            TraceSourceArg::Local => {
                let asked = id.clone();
                let lookup = with_store(&self.shared, move |store| {
                    Ok(views::local::trace(store, std::slice::from_ref(&asked))?)
                })
                .await?;
                let found = lookup.found.into_iter().next().ok_or_else(|| {
                    Error::failure(format!("trace {} not found in the local store", id.w3c()))
                        .with_hint(
                            "the traces tool lists the traces it holds; source xray looks in X-Ray",
                        )
                })?;
                serde_json::to_value(&found).map_err(json_failure)?
            }
            source => {
                let asked = id.clone();
                let (context, said) = ((self.shared.context)(), call.clone());
                let found = with_cloud(&self.shared, &call, move |cloud| async move {
                    let fallback = if source == TraceSourceArg::Spans {
                        views::xray::SpansFallback::Only
                    } else {
                        views::xray::SpansFallback::WhenTransactionSearch
                    };
                    views::xray::traces(
                        &cloud.xray,
                        std::slice::from_ref(&asked),
                        fallback,
                        jiff::Timestamp::now(),
                        RETRIEVAL_TIMEOUT,
                        &|p| said.say(progress(&p)),
                    )
                    .await
                    .map_err(|e| {
                        crate::commands::xray::trace::lookup_error(&context, e, RETRIEVAL_TIMEOUT)
                    })
                })
                .await?;
                let trace = found.found.into_iter().next().ok_or_else(|| {
                    Error::failure(format!("trace {} not found in X-Ray", id.as_str())).with_hint(
                        "X-Ray keeps traces 30 days; the trace may also be in another region",
                    )
                })?;
                serde_json::to_value(&trace).map_err(json_failure)?
            }
        };
        let spans = count_spans(&value);
        let summary = format!("trace {}: {spans} spans", args.id);
        let page = bounded::whole(value, args.max_bytes.unwrap_or(MAX_BYTES))?;
        Ok(answer(summary, page))
    }
}

/// How far a lookup has got, as the client is told it.
fn progress(p: &Progress) -> String {
    match p {
        Progress::Fetching(n) => format!("X-Ray BatchGetTraces: {n} ids"),
        Progress::Retrieving(n) => format!("retrieving {n} traces from aws/spans"),
        Progress::TransactionSearch => {
            "the account sends spans to aws/spans: retrieving from Transaction Search".into()
        }
        Progress::CannotTell { failure, .. } => {
            format!("cannot tell whether Transaction Search is on: {failure}")
        }
        Progress::Done => "done".into(),
    }
}

/// The spans of a trace's JSON, its tree walked.
pub(super) fn count_spans(value: &Value) -> usize {
    fn walk(span: &Value) -> usize {
        1 + span["children"]
            .as_array()
            .map_or(0, |c| c.iter().map(walk).sum())
    }
    value["spans"]
        .as_array()
        .map_or(0, |s| s.iter().map(walk).sum())
}
