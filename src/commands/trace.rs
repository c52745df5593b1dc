//! `tracectl trace ID`: one trace looked up in every configured source at once (the local
//! store, X-Ray, Honeycomb, Rollbar's occurrences) and drawn as one waterfall from the
//! spans found, with the log lines that carry the id (CloudWatch Logs) under the span that
//! was running when each was written, and a line per source: found, not found, not asked
//! (and why), failed.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use clap::Args;
use serde_json::Value;

use crate::clients::honeycomb::HoneycombError;
use crate::clients::logs::{FilterQuery, filter_pages};
use crate::clients::store::{Store, StoreError};
use crate::commands::honeycomb::HoneycombArgs;
use crate::commands::rollbar::RollbarArgs;
use crate::commands::{AwsArgs, Context};
use crate::config::LOG_GROUPS;
use crate::config::{HONEYCOMB_API_KEY, HONEYCOMB_DATASET, ROLLBAR_READ_TOKEN};
use crate::error::{Error, Result};
use crate::model::lookup::{mentions, merge_spans};
use crate::model::query::{Calculation, Filter, QuerySpec};
use crate::model::span::{SpanRecord, from_xray_document};
use crate::model::tail::LogEvent;
use crate::model::time::duration_arg;
use crate::model::trace::TraceId;
use crate::output::human_span;
use crate::output::lookup::print_lookup;
use crate::views;
use crate::views::honeycomb::QueryFailure;
use crate::views::lookup::{AggregateSpan, Answer, SourceAnswer, TraceIdReport};
use crate::views::rollbar::ErrorMatch;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl trace 1-5f84c7a1-0123456789abcdef01234567
  tracectl trace 5f84c7a10123456789abcdef01234567 -g /cruddur/backend-flask -o json

Sources: the local span database (if there is one), X-Ray (BatchGetTraces, with the AWS
settings), Honeycomb (a query on trace.trace_id, if HONEYCOMB_API_KEY and a dataset are
set and the key may run queries), CloudWatch Logs (lines that carry the id in either
form, in the log groups of -g or TRACECTL_LOG_GROUPS, around the trace's time) and Rollbar
(occurrences whose request headers or custom data carry the id, with
ROLLBAR_READ_ACCESS_TOKEN).")]
pub struct TraceArgs {
    /// The trace id: X-Ray (1-5f84c7a1-...) or W3C/OpenTelemetry (32 hex digits)
    #[arg(value_name = "TRACE_ID")]
    pub id: String,

    #[arg(
        short = 'g',
        long = "log-group",
        value_name = "GROUP",
        help = LOG_GROUPS.help("Log groups to search for the trace's lines (repeatable; the variable comma-separated)")
    )]
    pub log_groups: Vec<String>,

    /// How far before and after the trace's spans to look for its log lines
    #[arg(long, value_parser = duration_arg, value_name = "DUR", default_value = "5m")]
    pub margin: Duration,

    #[arg(short, long, value_name = "DATASET", help = HONEYCOMB_DATASET.help("Honeycomb dataset to query"))]
    pub dataset: Option<String>,

    #[command(flatten)]
    pub db: crate::commands::local::DbArg,

    #[command(flatten)]
    pub aws: AwsArgs,
}

/// Log lines shown at most (a trace id logged in a loop must not flood the terminal).
const MAX_LOG_LINES: usize = 1000;

/// How long the Honeycomb query may take, polls included.
const HONEYCOMB_BUDGET: Duration = Duration::from_secs(30);

/// How long a Transaction Search retrieval may take.
const RETRIEVAL_TIMEOUT: Duration = Duration::from_secs(120);

/// Honeycomb keeps data for 7 days: the query looks at all of it.
const HONEYCOMB_WINDOW_S: u64 = 7 * 24 * 3600;

pub async fn run(ctx: &Context, args: TraceArgs) -> Result<()> {
    let report = report(ctx, &args).await?;
    print_lookup(&ctx.printer, &report, MAX_LOG_LINES)?;
    verdict(&report)
}

/// Every source asked at once, and what they hold of the trace: the report `-o json`
/// writes (and the MCP `lookup` tool answers).
pub async fn report(ctx: &Context, args: &TraceArgs) -> Result<TraceIdReport> {
    let id: TraceId = args.id.parse().map_err(|e| Error::usage(format!("{e}")))?;
    let (local, xray, honeycomb) = tokio::join!(
        from_local(ctx, args, &id),
        from_xray(ctx, args, &id),
        from_honeycomb(ctx, args, &id),
    );
    let (local_answer, local) = local;
    let (xray_answer, xray_spans) = xray;
    let (honeycomb_answer, honeycomb_rows) = honeycomb;
    let spans = merge_spans(vec![local.spans, xray_spans]);
    let ((logs_answer, cloud_logs, truncated), (rollbar_answer, rollbar_errors)) = tokio::join!(
        from_logs(ctx, args, &id, &spans),
        from_rollbar(ctx, args, &id, &spans),
    );
    // The local lines and errors beside CloudWatch's and Rollbar's.
    let logs = local
        .logs
        .into_iter()
        .chain(cloud_logs.into_iter().map(|line| (line, None)))
        .collect();
    let errors = local.errors.into_iter().chain(rollbar_errors).collect();
    let sources = [
        ("local", local_answer),
        ("xray", xray_answer),
        ("honeycomb", honeycomb_answer),
        ("logs", logs_answer),
        ("rollbar", rollbar_answer),
    ]
    .into_iter()
    .map(|(source, answer)| SourceAnswer { source, answer })
    .collect();
    Ok(views::lookup::assemble(
        &id,
        sources,
        &spans,
        honeycomb_rows,
        logs,
        truncated,
        errors,
    ))
}

/// Rollbar occurrences that carry the id, among the items active since the trace's time
/// (less the margin), when a read token is set.
async fn from_rollbar(
    ctx: &Context,
    args: &TraceArgs,
    id: &TraceId,
    spans: &[SpanRecord],
) -> (Answer, Vec<ErrorMatch>) {
    if ctx.config.secret(&ROLLBAR_READ_TOKEN).is_none() {
        return (
            Answer::not_asked("no Rollbar read token (ROLLBAR_READ_ACCESS_TOKEN)"),
            Vec::new(),
        );
    }
    let client = match ctx.rollbar_reader(&RollbarArgs { endpoint_url: None }) {
        Ok(client) => client,
        Err(e) => return (Answer::failed(&e), Vec::new()),
    };
    let since_ms = log_window(ctx, args, id, spans).map_or_else(
        || (ctx.now.as_second() - 86_400) * 1000,
        |(start, _, _)| start,
    );
    let since = jiff::Timestamp::from_millisecond(since_ms).unwrap_or(ctx.now);
    match views::rollbar::trace_errors(&client, id, since).await {
        Err(e) => (Answer::failed(&ctx.rollbar_read_error(e)), Vec::new()),
        Ok(found) => {
            let cut = if found.cut_short {
                format!(
                    " (the {} most recently active items were searched)",
                    found.items_searched
                )
            } else {
                String::new()
            };
            let answer = if found.matches.is_empty() {
                Answer::NotFound {
                    detail: format!(
                        "no occurrence carries it in {} items active since then{cut}",
                        found.items_searched
                    ),
                }
            } else {
                let items: Vec<String> = found
                    .matches
                    .iter()
                    .map(|m| m.counter)
                    .collect::<std::collections::BTreeSet<_>>()
                    .iter()
                    .map(|c| format!("#{c}"))
                    .collect();
                Answer::Found {
                    detail: format!(
                        "{} {} in {}{cut}",
                        found.matches.len(),
                        if found.matches.len() == 1 {
                            "occurrence"
                        } else {
                            "occurrences"
                        },
                        items.join(", ")
                    ),
                }
            };
            (answer, found.matches)
        }
    }
}

/// What the local store holds of the trace: its spans, the log lines and the errors that
/// name it.
#[derive(Default)]
struct LocalFinds {
    spans: Vec<SpanRecord>,
    /// Each with the span it names.
    logs: Vec<(crate::model::tail::LogEvent, Option<String>)>,
    errors: Vec<ErrorMatch>,
}

/// The local store, if it exists.
async fn from_local(ctx: &Context, args: &TraceArgs, id: &TraceId) -> (Answer, LocalFinds) {
    let path = match crate::commands::local::database_path(ctx, &args.db) {
        Ok(path) => path,
        Err(e) => return (Answer::not_asked(e.message()), LocalFinds::default()),
    };
    let w3c = id.w3c();
    let read = tokio::task::spawn_blocking(move || {
        let store = Store::open_read(&path)?;
        let spans = store.trace(&w3c)?;
        let mut logs = Vec::new();
        let filter = crate::clients::store::LogsFilter {
            trace_id: Some(w3c.clone()),
            ..Default::default()
        };
        store.logs(&filter, &mut |stored| {
            logs.push((stored.record.as_event(stored.id), stored.record.span_id));
            logs.len() < MAX_LOG_LINES
        })?;
        let errors = views::local_errors::trace_errors(&store, &w3c, &spans)?;
        Ok::<_, StoreError>((
            LocalFinds {
                spans,
                logs,
                errors,
            },
            path,
        ))
    })
    .await;
    match read {
        Ok(Ok((finds, path))) => {
            let mut held = Vec::new();
            let mut count = |n: usize, one: &str, many: &str| {
                if n > 0 {
                    held.push(format!("{n} {}", if n == 1 { one } else { many }));
                }
            };
            count(finds.spans.len(), "span", "spans");
            count(finds.logs.len(), "log line", "log lines");
            count(finds.errors.len(), "error", "errors");
            let answer = if held.is_empty() {
                Answer::NotFound {
                    detail: format!("not in {}", path.display()),
                }
            } else {
                Answer::Found {
                    detail: format!("{} in {}", held.join(", "), path.display()),
                }
            };
            (answer, finds)
        }
        Ok(Err(StoreError::Missing { path })) => (
            Answer::not_asked(format!("no span database at {}", path.display())),
            LocalFinds::default(),
        ),
        Ok(Err(e)) => (Answer::failed(&Error::from(e)), LocalFinds::default()),
        Err(e) => (
            Answer::failed(&Error::failure(format!("internal error: {e}"))),
            LocalFinds::default(),
        ),
    }
}

/// X-Ray's BatchGetTraces, when a region is configured.
async fn from_xray(ctx: &Context, args: &TraceArgs, id: &TraceId) -> (Answer, Vec<SpanRecord>) {
    let client = match ctx.xray_client(&args.aws).await {
        Ok(client) => client,
        Err(e) => return (Answer::not_asked(e.message()), Vec::new()),
    };
    let limiter = crate::clients::xray::limiter();
    let fetched =
        crate::clients::xray::trace_documents(&client, std::slice::from_ref(id), &limiter).await;
    let fetched = match fetched {
        Ok(fetched) => fetched,
        Err(f) => {
            return (
                Answer::failed(&ctx.aws_error("BatchGetTraces", f)),
                Vec::new(),
            );
        }
    };
    let now_ns = i64::try_from(ctx.now.as_nanosecond()).unwrap_or(i64::MAX);
    let mut spans = Vec::new();
    let mut unreadable = 0;
    let mut from_spans = false;
    for (_, documents) in &fetched.traces {
        for doc in documents {
            match serde_json::from_str::<Value>(doc)
                .ok()
                .and_then(|v| from_xray_document(&v, |_| None, now_ns).ok())
                .map(|document| document.records)
            {
                Some(records) => spans.extend(records),
                None => unreadable += 1,
            }
        }
    }
    // Not indexed is not absent when the account keeps every span in aws/spans.
    let on_transaction_search = spans.is_empty()
        && crate::clients::xray::segment_destination(&client)
            .await
            .is_ok_and(|d| d.is_transaction_search());
    if on_transaction_search {
        let spinner = ctx
            .printer
            .spinner("retrieving 1 trace from Transaction Search");
        let retrieved = views::xray::retrieve_spans(
            &client,
            std::slice::from_ref(id),
            ctx.now,
            RETRIEVAL_TIMEOUT,
        )
        .await;
        spinner.finish_and_clear();
        let retrieved = retrieved.map_err(|e| {
            crate::commands::xray::trace::retrieval_error(
                ctx,
                e,
                RETRIEVAL_TIMEOUT,
                "ListRetrievedTraces",
            )
        });
        match retrieved {
            Ok(found) => {
                for trace in found {
                    unreadable += trace.unreadable;
                    spans.extend(trace.spans);
                }
                from_spans = true;
            }
            Err(e) => return (Answer::failed(&e), Vec::new()),
        }
    }
    let answer = if spans.is_empty() && !fetched.unprocessed.is_empty() {
        Answer::NotFound {
            detail: "X-Ray did not process the id this time (try again)".into(),
        }
    } else if spans.is_empty() {
        Answer::NotFound {
            detail: "not in X-Ray (expired after 30 days, or another region)".into(),
        }
    } else {
        let also = if unreadable > 0 {
            format!("; {unreadable} segment documents could not be read")
        } else {
            String::new()
        };
        let whence = if from_spans {
            " (from Transaction Search, aws/spans)"
        } else {
            ""
        };
        Answer::Found {
            detail: format!("{} spans{whence}{also}", spans.len()),
        }
    };
    (answer, spans)
}

/// A Honeycomb query filtered on the trace id, when a key and a dataset are configured.
async fn from_honeycomb(
    ctx: &Context,
    args: &TraceArgs,
    id: &TraceId,
) -> (Answer, Vec<AggregateSpan>) {
    if ctx.config.secret(&HONEYCOMB_API_KEY).is_none() {
        return (
            Answer::not_asked("no Honeycomb API key (HONEYCOMB_API_KEY)"),
            Vec::new(),
        );
    }
    let Some(dataset) = ctx
        .config
        .get(
            &HONEYCOMB_DATASET,
            args.dataset.as_deref().map(|d| ("--dataset", d)),
        )
        .map(|r| r.value)
    else {
        return (
            Answer::not_asked("no Honeycomb dataset (-d or HONEYCOMB_DATASET)"),
            Vec::new(),
        );
    };
    let deadline = Instant::now() + HONEYCOMB_BUDGET;
    let client =
        match ctx.honeycomb_client_until(&HoneycombArgs { endpoint_url: None }, Some(deadline)) {
            Ok(client) => client,
            Err(e) => return (Answer::failed(&e), Vec::new()),
        };
    let spec = QuerySpec {
        calculations: vec![Calculation {
            op: "MAX".into(),
            column: Some("duration_ms".into()),
        }],
        filters: vec![Filter {
            column: "trace.trace_id".into(),
            op: "=".into(),
            value: Some(Value::from(id.w3c())),
        }],
        breakdowns: ["trace.span_id", "trace.parent_id", "name", "service.name"]
            .map(String::from)
            .to_vec(),
        limit: Some(1000),
        time_range: Some(HONEYCOMB_WINDOW_S),
        ..QuerySpec::default()
    };
    let rows = match views::honeycomb::query(&client, &dataset, &spec, false, deadline).await {
        Ok(report) => report.results,
        Err(QueryFailure::OutOfTime { .. }) => {
            return (
                Answer::failed(&Error::failure(format!(
                    "the query on {dataset} did not finish within {}",
                    human_span(HONEYCOMB_BUDGET)
                ))),
                Vec::new(),
            );
        }
        Err(
            QueryFailure::Saving(HoneycombError::Forbidden { .. })
            | QueryFailure::Running {
                error: HoneycombError::Forbidden { .. },
                ..
            },
        ) => {
            return (
                Answer::not_asked(
                    "the Honeycomb key may not run queries (Query Data API: Enterprise plan, a key with Run Queries)",
                ),
                Vec::new(),
            );
        }
        Err(QueryFailure::Saving(e) | QueryFailure::Running { error: e, .. }) => {
            return (Answer::failed(&ctx.honeycomb_error(e)), Vec::new());
        }
    };
    let text = |row: &serde_json::Map<String, Value>, key: &str| {
        row.get(key).and_then(Value::as_str).map(str::to_string)
    };
    let spans: Vec<AggregateSpan> = rows
        .iter()
        .filter_map(|row| {
            Some(AggregateSpan {
                span_id: text(row, "trace.span_id")?,
                parent_id: text(row, "trace.parent_id"),
                name: text(row, "name"),
                service: text(row, "service.name"),
                duration_ms: row.get("MAX(duration_ms)").and_then(Value::as_f64),
            })
        })
        .collect();
    let answer = if spans.is_empty() {
        Answer::NotFound {
            detail: format!("no span of it in {dataset} (the last 7 days)"),
        }
    } else {
        Answer::Found {
            detail: format!("{} spans in {dataset}", spans.len()),
        }
    };
    (answer, spans)
}

/// The log lines that carry the id, in the configured groups, around the trace's time.
async fn from_logs(
    ctx: &Context,
    args: &TraceArgs,
    id: &TraceId,
    spans: &[SpanRecord],
) -> (Answer, Vec<LogEvent>, bool) {
    let groups: Vec<String> = if args.log_groups.is_empty() {
        ctx.log_groups()
    } else {
        args.log_groups.clone()
    };
    if groups.is_empty() {
        return (
            Answer::not_asked("no log groups (-g or TRACECTL_LOG_GROUPS)"),
            Vec::new(),
            false,
        );
    }
    let Some((start_ms, end_ms, around)) = log_window(ctx, args, id, spans) else {
        return (
            Answer::not_asked(
                "no time to look around: no source has the trace, and its id holds no time",
            ),
            Vec::new(),
            false,
        );
    };
    let client = match ctx.logs_client(&args.aws).await {
        Ok(client) => client,
        Err(e) => return (Answer::not_asked(e.message()), Vec::new(), false),
    };
    let limiter = crate::clients::logs::limiter();
    // Either form of the id; AWS matches the terms itself, and each line is checked here too
    // (emulators treat an OR pattern as "everything").
    let pattern = format!("?\"{}\" ?\"{}\"", id.w3c(), id.as_str());
    let searches = groups.iter().map(|group| {
        let query = FilterQuery {
            group: Arc::from(group.as_str()),
            start: start_ms,
            end: Some(end_ms),
            pattern: Some(pattern.clone()),
            streams: Vec::new(),
            stream_prefix: None,
            page_limit: Default::default(),
        };
        let (client, limiter) = (&client, &limiter);
        async move {
            let (tx, mut rx) = tokio::sync::mpsc::channel(2);
            let group = query.group.clone();
            let scan = async move {
                let reached = AtomicBool::new(false);
                // The sender goes with the scan: when it ends, the reader sees the end.
                filter_pages(client, limiter, &query, &reached, &|_, _| {}, &tx).await
            };
            let collect = async {
                let mut lines = Vec::new();
                while let Some(page) = rx.recv().await {
                    lines.extend(
                        page.into_iter()
                            .filter(|e: &LogEvent| mentions(&e.message, id)),
                    );
                    if lines.len() > MAX_LOG_LINES {
                        break;
                    }
                }
                lines
            };
            let (scanned, lines) = tokio::join!(scan, collect);
            (group, scanned, lines)
        }
    });
    let results = futures::future::join_all(searches).await;
    let mut lines = Vec::new();
    for (group, scanned, found) in results {
        if let Err(failure) = scanned {
            let err = ctx.log_group_error(&client, &group, failure).await;
            return (Answer::failed(&err), Vec::new(), false);
        }
        lines.extend(found);
    }
    lines.sort_by_key(|l| l.timestamp);
    let truncated = lines.len() > MAX_LOG_LINES;
    lines.truncate(MAX_LOG_LINES);
    let answer = if lines.is_empty() {
        Answer::NotFound {
            detail: format!("no line in {} {around}", groups.join(", ")),
        }
    } else {
        Answer::Found {
            detail: format!("{} lines in {} {around}", lines.len(), groups.join(", ")),
        }
    };
    (answer, lines, truncated)
}

/// Where to look for log lines, epoch ms, and how it was chosen: the spans' time plus the
/// margin; else the time in an X-Ray-style id (its first 8 hex digits), if plausible.
fn log_window(
    ctx: &Context,
    args: &TraceArgs,
    id: &TraceId,
    spans: &[SpanRecord],
) -> Option<(i64, i64, String)> {
    let margin_ms = i64::try_from(args.margin.as_millis()).unwrap_or(i64::MAX);
    let around = format!("(the trace's time ± {})", human_span(args.margin));
    if let (Some(first), Some(last)) = (
        spans.iter().map(|s| s.start_ns).min(),
        spans.iter().map(|s| s.end_ns.unwrap_or(s.start_ns)).max(),
    ) {
        return Some((
            first / 1_000_000 - margin_ms,
            last / 1_000_000 + margin_ms,
            around,
        ));
    }
    let epoch = i64::from_str_radix(&id.w3c()[..8], 16).ok()?;
    let now = ctx.now.as_second();
    // X-Ray ids (and OpenTelemetry's X-Ray id generator) start with the time in seconds.
    if !(now - 30 * 86_400..=now + 86_400).contains(&epoch) {
        return None;
    }
    Some((
        epoch * 1000 - margin_ms,
        epoch * 1000 + margin_ms,
        format!("(the id's time ± {})", human_span(args.margin)),
    ))
}

/// Exit 1 when no source has anything of the trace, or when a source failed (the picture
/// drawn is then incomplete, and says so).
pub fn verdict(report: &TraceIdReport) -> Result<()> {
    let failed = report.failed();
    if !report.found() {
        let asked: Vec<&str> = report
            .sources
            .iter()
            .filter(|s| !matches!(s.answer, Answer::NotAsked { .. }))
            .map(|s| s.source)
            .collect();
        let err = Error::failure(format!(
            "trace {} was found nowhere (asked: {})",
            report.id,
            if asked.is_empty() {
                "none".to_string()
            } else {
                asked.join(", ")
            }
        ));
        return Err(with_failures(err, &failed).with_hint(
            "configure more sources (`tracectl doctor` says what is set), or check the id and the time",
        ));
    }
    if failed.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = failed.iter().map(|s| s.source).collect();
    Err(with_failures(
        Error::failure(format!(
            "the lookup is incomplete: {} failed",
            names.join(", ")
        )),
        &failed,
    ))
}

fn with_failures(mut err: Error, failed: &[&SourceAnswer]) -> Error {
    for line in failed {
        if let Answer::Failed { error, hint } = &line.answer {
            err = err.with_hint(format!("{}: {error}", line.source));
            if let Some(hint) = hint {
                err = err.with_hint(format!("{}: {hint}", line.source));
            }
        }
    }
    err
}
