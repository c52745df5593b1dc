//! The `lookup` tool: one trace id looked up in every configured source at once, the
//! report of `tracectl trace ID`.

use std::time::Duration;

use rmcp::model::CallToolResult;

use super::call::Call;
use super::{
    LookupArgs, MAX_BYTES, McpServer, answer, bounded, duration_of, json_failure, trace_id,
    with_context,
};
use crate::commands::local::DbArg;
use crate::error::Result;
use crate::views::lookup::Answer;

/// How far around the trace's spans its log lines are looked for (`trace`'s default).
const MARGIN: Duration = Duration::from_secs(300);

impl McpServer {
    pub(super) async fn lookup_report(
        &self,
        args: LookupArgs,
        call: Call,
    ) -> Result<CallToolResult> {
        trace_id(&args.id)?;
        let lookup = crate::commands::trace::TraceArgs {
            id: args.id.clone(),
            log_groups: args.log_groups.clone(),
            margin: match args.margin.as_deref() {
                Some(margin) => duration_of("margin", margin)?,
                None => MARGIN,
            },
            dataset: args.dataset.clone(),
            db: DbArg {
                path: self.shared.db.clone().ok(),
            },
            aws: self.shared.aws.clone(),
        };
        call.say("asking the local store, X-Ray, Honeycomb, CloudWatch Logs and Rollbar");
        let report = with_context(&self.shared, &call, "the lookup", move |ctx| async move {
            crate::commands::trace::report(&ctx, &lookup).await
        })
        .await?;
        // Found nowhere is the command's error (exit 1) and the tool's; found with a
        // source failing is an answer that says which (in `sources`, and in the text).
        if !report.found() {
            crate::commands::trace::verdict(&report)?;
        }
        let said: Vec<String> = report
            .sources
            .iter()
            .map(|s| {
                let what = match &s.answer {
                    Answer::Found { .. } => "found",
                    Answer::NotFound { .. } => "not found",
                    Answer::NotAsked { .. } => "not asked",
                    Answer::Failed { .. } => "failed",
                };
                format!("{} {what}", s.source)
            })
            .collect();
        let value = serde_json::to_value(&report).map_err(json_failure)?;
        let spans = super::trace::count_spans(&value["trace"]);
        let summary = format!(
            "trace {}: {spans} spans, {} log lines, {} errors ({})",
            report.id,
            report.logs.len(),
            report.errors.len(),
            said.join(", ")
        );
        let page = bounded::whole(value, args.max_bytes.unwrap_or(MAX_BYTES))?;
        Ok(answer(summary, page))
    }
}
