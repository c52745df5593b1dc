//! The `logs` tool: the app's log lines in time order, from the local store (the view of
//! `local logs`) or from CloudWatch Logs groups (the view of `logs tail`), a page at a
//! time with a cursor that goes on where the page stopped.

use std::sync::Arc;

use rmcp::model::CallToolResult;
use serde_json::json;

use super::bounded::{self, Cursor, EventsFrom};
use super::call::Call;
use super::{
    LogSourceArg, LogsArgs, MAX_BYTES, McpServer, answer, json_failure, start_ns_of, trace_id,
    window_of, with_cloud, with_store,
};
use crate::clients::aws::AwsFailure;
use crate::clients::store::LogsFilter;
use crate::error::{Error, Result};
use crate::model::lookup::mentions;
use crate::model::time::Window;
use crate::views;
use crate::views::logs::{LogEventRow, LogScan, LogSelection, ScanFailure};

/// The window CloudWatch lines are read from when none is given (as `logs tail`'s).
const CLOUDWATCH_SINCE: &str = "10m";

impl McpServer {
    pub(super) async fn logs_report(&self, args: LogsArgs, call: Call) -> Result<CallToolResult> {
        let cursor = Cursor::parse(args.cursor.as_deref())?;
        match args.source {
            LogSourceArg::Local => self.local_logs(args, cursor).await,
            LogSourceArg::Cloudwatch => self.cloudwatch_logs(args, cursor, call).await,
        }
    }

    /// The local store's lines, in time order.
    async fn local_logs(&self, args: LogsArgs, cursor: Cursor) -> Result<CallToolResult> {
        if cursor.events.is_some() || cursor.window_end.is_some() {
            return Err(bad_cursor());
        }
        if args.groups.len() > 1 || args.pattern.is_some() {
            return Err(Error::usage("the local store's lines are filtered by one group, and by grep rather than a CloudWatch pattern")
                .with_hint("give one group and grep; source cloudwatch takes several groups and a pattern"));
        }
        let since_ns = start_ns_of(args.since.as_deref())?;
        let trace = args.trace_id.as_deref().map(trace_id).transpose()?;
        if let Some(level) = &args.level
            && crate::model::local_log::severity_rank(level).is_none()
        {
            return Err(Error::usage(format!("level: {level} is no level"))
                .with_hint("one of debug, info, warn, error, fatal"));
        }
        let max_events = args.max_events.unwrap_or(500).clamp(1, 10_000);
        let filter = LogsFilter {
            since_ns,
            trace_id: trace.map(|t| t.w3c()),
            service: args.service.clone(),
            group: args.groups.first().cloned(),
            min_level: args.level.clone(),
            grep: args.grep.clone(),
            ..LogsFilter::default()
        };
        let offset = cursor.offset;
        let (rows, more, upto) = with_store(&self.shared, move |store| {
            // A walk reads the lines committed when it began: later ones neither shift
            // its pages nor appear twice.
            let upto = match cursor.upto {
                Some(upto) => upto,
                None => store.last_log_id()?,
            };
            let filter = LogsFilter {
                max_id: Some(upto),
                ..filter
            };
            let (mut rows, mut more, mut skipped) = (Vec::new(), false, 0);
            views::local_logs::history(store, &filter, &mut |line| {
                if skipped < offset {
                    skipped += 1;
                    return Ok(true);
                }
                if rows.len() == max_events {
                    more = true;
                    return Ok(false);
                }
                let row = views::local_logs::LocalLogRow::from(&line);
                rows.push(serde_json::to_value(&row).map_err(json_failure)?);
                Ok(true)
            })?;
            Ok((rows, more, upto))
        })
        .await?;
        let page = bounded::lines(rows, more, args.max_bytes.unwrap_or(MAX_BYTES), |given| {
            bounded::Cursor::lines_at(upto, offset + given)
        })?;
        let summary = format!(
            "{} log lines{}",
            page.value["lines"].as_array().map_or(0, Vec::len),
            if page.note.is_some() {
                " (more: see cursor)"
            } else {
                ""
            }
        );
        Ok(answer(summary, page))
    }

    /// CloudWatch's events of the groups, in time order, as `logs tail` reads them (its
    /// slices, rate limit and backoff; a backoff is told as progress).
    async fn cloudwatch_logs(
        &self,
        args: LogsArgs,
        cursor: Cursor,
        call: Call,
    ) -> Result<CallToolResult> {
        if args.service.is_some() || args.level.is_some() {
            return Err(
                Error::usage("CloudWatch lines have no service or level to filter by")
                    .with_hint("use pattern (a CloudWatch filter pattern, e.g. ERROR) or grep"),
            );
        }
        let trace = args.trace_id.as_deref().map(trace_id).transpose()?;
        let max_events = args.max_events.unwrap_or(500).clamp(1, 10_000);
        // A walk keeps the window of its first call: its pages read the same events.
        let (window, skip) = match cursor.events {
            Some(EventsFrom { end_ms, from_ms }) => (
                Window {
                    start: jiff::Timestamp::from_millisecond(from_ms).map_err(|_| bad_cursor())?,
                    end: jiff::Timestamp::from_millisecond(end_ms).map_err(|_| bad_cursor())?,
                },
                cursor.offset,
            ),
            None if cursor != Cursor::default() => return Err(bad_cursor()),
            None => (
                window_of(args.since.as_deref().unwrap_or(CLOUDWATCH_SINCE))?,
                0,
            ),
        };
        // Either form of the id, matched by the service (when no pattern of the agent's is
        // given) and checked on each line here (emulators take an OR pattern as "all").
        let pattern = match (&args.pattern, &trace) {
            (Some(pattern), _) => Some(pattern.clone()),
            (None, Some(id)) => Some(format!("?\"{}\" ?\"{}\"", id.w3c(), id.as_str())),
            (None, None) => None,
        };
        let context = (self.shared.context)();
        let (groups, grep) = (args.groups.clone(), args.grep.clone());
        let said = call.clone();
        let (rows, more, groups) = with_cloud(&self.shared, &call, move |cloud| async move {
            let ctx = context;
            let patterns = if groups.is_empty() {
                ctx.log_groups()
            } else {
                groups
            };
            if patterns.is_empty() {
                return Err(Error::usage("no log groups to read").with_hint(
                    "name them in groups, or set TRACECTL_LOG_GROUPS (log_groups in the profile)",
                ));
            }
            let client = cloud.logs;
            let groups =
                crate::commands::logs::tail::resolve_groups(&ctx, &client, &patterns).await?;
            let on_backoff = Arc::new(move |failure: &AwsFailure, wait: std::time::Duration| {
                said.say(format!(
                    "CloudWatch Logs: {failure}; backing off {} s and carrying on",
                    wait.as_secs()
                ));
            });
            let selection = LogSelection {
                pattern,
                ..LogSelection::default()
            };
            let scan = LogScan::new(client.clone(), groups.clone(), selection, on_backoff);
            let start_ms = window.start.as_millisecond();
            let (mut rows, mut more, mut skipped) = (Vec::new(), false, 0);
            let read = views::logs::history(&scan, window, &mut |e| {
                if trace.as_ref().is_some_and(|id| !mentions(&e.message, id))
                    || grep
                        .as_ref()
                        .is_some_and(|g| !e.message.contains(g.as_str()))
                {
                    return Ok(true);
                }
                // What the cursor counted were lines given, so only matching lines count.
                if e.timestamp == start_ms && skipped < skip {
                    skipped += 1;
                    return Ok(true);
                }
                if rows.len() == max_events {
                    more = true;
                    return Ok(false);
                }
                let row = serde_json::to_value(LogEventRow::from(e)).map_err(json_failure)?;
                rows.push((e.timestamp, row));
                Ok(true)
            })
            .await;
            match read {
                Ok(()) => Ok((rows, more, groups)),
                Err(ScanFailure::Aws { group, failure }) => Err(
                    crate::commands::logs::tail::group_error(&ctx, &client, &group, failure).await,
                ),
                Err(ScanFailure::Stopped(e)) => Err(e),
            }
        })
        .await?;
        // Where a cut page goes on: the millisecond of its last event, past the events of
        // that millisecond given (on this page, and before it when it began there).
        let (start_ms, end_ms) = (window.start.as_millisecond(), window.end.as_millisecond());
        let times: Vec<i64> = rows.iter().map(|(ms, _)| *ms).collect();
        let cursor_at = |given: usize| {
            let last = times[given - 1];
            let mut same = times[..given].iter().filter(|&&t| t == last).count();
            if last == start_ms {
                same += skip;
            }
            Cursor::events_from(end_ms, last, same)
        };
        let rows = rows.into_iter().map(|(_, row)| row).collect();
        let mut page = bounded::lines(rows, more, args.max_bytes.unwrap_or(MAX_BYTES), cursor_at)?;
        let given = page.value["lines"].as_array().map_or(0, Vec::len);
        page.value["window"] = json!(views::WindowReport::from(window));
        page.value["groups"] = json!(groups.iter().map(|g| g.to_string()).collect::<Vec<_>>());
        let summary = format!(
            "{given} CloudWatch log lines{}",
            if page.note.is_some() {
                " (more: see cursor)"
            } else {
                ""
            }
        );
        Ok(answer(summary, page))
    }
}

fn bad_cursor() -> Error {
    Error::usage("cursor: not a cursor of this tool and source")
        .with_hint("pass the `cursor` of the previous answer of the same source, or none")
}
