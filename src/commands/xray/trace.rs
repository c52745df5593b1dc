//! `tracectl xray trace`: BatchGetTraces, drawn as a waterfall.

use std::collections::HashSet;

use clap::Args;

use std::time::Duration;

use super::TraceSource;
use crate::clients::aws::AwsFailure;
use crate::clients::xray::{self, RetrievalError};
use crate::commands::{AwsArgs, Context};
use crate::error::{Error, Result};
use crate::model::span::{SpanRecord, trace_of};
use crate::model::time::Window;
use crate::model::trace::{Trace, TraceId};
use crate::output::waterfall;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl xray trace 1-5f84c7a1-0123456789abcdef01234567
  tracectl xray trace 5f84c7a10123456789abcdef01234567 -o json
  tracectl xray traces --faults -o json | jq -r '.traces[].id' | tracectl xray trace -")]
pub struct TraceArgs {
    /// Trace ids: X-Ray (1-5f84c7a1-0123456789abcdef01234567) or W3C (32 hex digits);
    /// `-` reads them from stdin, separated by whitespace
    #[arg(required = true, value_name = "TRACE_ID")]
    pub ids: Vec<String>,

    /// How long to wait for a Transaction Search retrieval (traces X-Ray has not indexed)
    #[arg(long, value_parser = crate::model::time::duration_arg, value_name = "DUR", default_value = "2m")]
    pub retrieval_timeout: Duration,
}

/// How often a long fetch says it is still at work when stderr is no terminal (where the
/// spinner is not drawn): 100,000 ids take minutes at X-Ray's rate.
const HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(10);

/// Awaits `work`; with stderr not a terminal, says every [`HEARTBEAT`] that it goes on.
async fn heartbeat<T>(ctx: &Context, what: &str, work: impl std::future::Future<Output = T>) -> T {
    let options = ctx.printer.options();
    if options.stderr_tty || options.quiet {
        return work.await;
    }
    tokio::pin!(work);
    let started = tokio::time::Instant::now();
    let mut ticks = tokio::time::interval_at(started + HEARTBEAT, HEARTBEAT);
    loop {
        tokio::select! {
            done = &mut work => return done,
            _ = ticks.tick() => ctx.printer.status(&format!(
                "{what}: still at it after {} s",
                started.elapsed().as_secs()
            )),
        }
    }
}

pub async fn run(ctx: &Context, aws: &AwsArgs, source: TraceSource, args: TraceArgs) -> Result<()> {
    let ids = crate::commands::trace_ids(&args.ids)?;
    let client = ctx.xray_client(aws).await?;
    let (mut traces, mut missing, mut unprocessed) = if source == TraceSource::Spans {
        (Vec::new(), ids.clone(), Vec::new())
    } else {
        let spinner = (ids.len() > xray::BATCH_SIZE).then(|| {
            ctx.printer
                .spinner(format!("fetching {} traces", ids.len()))
        });
        let fetched = heartbeat(
            ctx,
            &format!("fetching {} traces from X-Ray", ids.len()),
            xray::traces(&client, &ids, &xray::limiter()),
        )
        .await;
        if let Some(s) = spinner {
            s.finish_and_clear();
        }
        let fetched = fetched.map_err(|f| ctx.aws_error("cannot fetch traces from X-Ray", f))?;
        (fetched.traces, fetched.missing, fetched.unprocessed)
    };

    // What X-Ray does not hold may be in aws/spans, if the account sends spans there.
    let absent: Vec<TraceId> = missing.iter().chain(&unprocessed).cloned().collect();
    let from_spans = match source {
        TraceSource::Spans => true,
        TraceSource::Auto if !absent.is_empty() => transaction_search(ctx, &client).await,
        _ => false,
    };
    if from_spans && !absent.is_empty() {
        let retrieved = retrieve(ctx, &client, &absent, &args).await?;
        let found: HashSet<String> = retrieved.iter().map(|t| t.id.clone()).collect();
        missing.retain(|id| !found.contains(id.as_str()));
        unprocessed.retain(|id| !found.contains(id.as_str()));
        if !retrieved.is_empty() {
            ctx.printer.status(&format!(
                "{} of the traces from Transaction Search (aws/spans)",
                retrieved.len()
            ));
        }
        traces.extend(retrieved);
        // In the order asked.
        traces.sort_by_key(|t| ids.iter().position(|id| id.as_str() == t.id));
    }

    let printer = &ctx.printer;
    waterfall::print_traces(printer, &traces, ids.len())?;
    not_found(&ids, &missing, &unprocessed)
}

/// Whether the account sends spans to CloudWatch Logs (Transaction Search), said once.
async fn transaction_search(ctx: &Context, client: &aws_sdk_xray::Client) -> bool {
    match xray::segment_destination(client).await {
        Ok(d) if d.is_transaction_search() => {
            ctx.printer.status(
                "note: this account sends spans to CloudWatch Logs (Transaction Search); traces X-Ray has not indexed are retrieved from aws/spans",
            );
            true
        }
        Ok(_) => false,
        Err(f) => {
            // Denied is worth saying (the answer may be yes); an endpoint without the
            // operation (an emulator) only with -v.
            let denied =
                matches!(&f, AwsFailure::Service { code, .. } if code.starts_with("AccessDenied"));
            if denied || ctx.printer.options().verbosity > 0 {
                ctx.printer.status(&format!(
                    "note: cannot tell whether Transaction Search is on ({f}); --source spans retrieves traces from aws/spans"
                ));
            }
            false
        }
    }
}

/// How often a running retrieval is asked about.
pub(super) const RETRIEVAL_POLL: Duration = Duration::from_millis(500);

/// The traces of `ids` from aws/spans, drawn through the same span model as OTLP spans.
async fn retrieve(
    ctx: &Context,
    client: &aws_sdk_xray::Client,
    ids: &[TraceId],
    args: &TraceArgs,
) -> Result<Vec<Trace>> {
    let retrieved = retrieve_spans(ctx, client, ids, args.retrieval_timeout).await?;
    Ok(retrieved
        .into_iter()
        .map(|found| {
            let mut trace = trace_of(&found.id, &found.spans);
            if found.unreadable > 0 {
                trace.unreadable = vec![format!("{} span documents", found.unreadable)];
            }
            trace
        })
        .collect())
}

/// One trace retrieved from aws/spans.
pub(crate) struct Retrieved {
    /// Its X-Ray id, as the API returns it.
    pub id: String,
    pub spans: Vec<SpanRecord>,
    /// Span documents that did not read as spans.
    pub unreadable: usize,
}

/// Retrieves `ids` from Transaction Search (with a spinner, for at most `timeout`), each
/// span document through the OpenTelemetry mapping of the collector. `xray trace` and
/// `tracectl trace` both read aws/spans through here.
pub(crate) async fn retrieve_spans(
    ctx: &Context,
    client: &aws_sdk_xray::Client,
    ids: &[TraceId],
    timeout: Duration,
) -> Result<Vec<Retrieved>> {
    let window = retrieval_window(ctx, ids);
    let spinner = ctx.printer.spinner(format!(
        "retrieving {} from Transaction Search",
        if ids.len() == 1 {
            "1 trace".to_string()
        } else {
            format!("{} traces", ids.len())
        }
    ));
    let retrieved = xray::retrieve_traces(client, ids, window, RETRIEVAL_POLL, timeout).await;
    spinner.finish_and_clear();
    let retrieved =
        retrieved.map_err(|e| retrieval_error(ctx, e, timeout, "ListRetrievedTraces"))?;
    let now_ns = i64::try_from(ctx.now.as_nanosecond()).unwrap_or(i64::MAX);
    Ok(retrieved
        .into_iter()
        .map(|(id, documents)| {
            let spans: Vec<SpanRecord> = documents
                .iter()
                .filter_map(|d| serde_json::from_str::<serde_json::Value>(d).ok())
                .filter_map(|d| crate::model::aws_span::record(&d, now_ns).ok())
                .collect();
            Retrieved {
                unreadable: documents.len() - spans.len(),
                id,
                spans,
            }
        })
        .collect())
}

/// The window a retrieval searches: around the time an X-Ray id holds (its first 8 hex
/// digits), else the last day.
fn retrieval_window(ctx: &Context, ids: &[TraceId]) -> Window {
    let now = ctx.now.as_second();
    let epochs: Vec<i64> = ids
        .iter()
        .filter_map(|id| i64::from_str_radix(id.as_str().split('-').nth(1)?, 16).ok())
        .filter(|t| (now - 30 * 86_400..=now + 60).contains(t))
        .collect();
    let (start, end) = match (epochs.iter().min(), epochs.iter().max()) {
        (Some(first), Some(last)) => (first - 300, (last + 3600).min(now)),
        _ => (now - 86_400, now),
    };
    Window {
        start: jiff::Timestamp::from_second(start).unwrap_or(ctx.now),
        end: jiff::Timestamp::from_second(end.max(start + 1)).unwrap_or(ctx.now),
    }
}

/// What the user can do about a failed retrieval.
/// `reader` is the operation that reads the retrieval (ListRetrievedTraces or
/// GetRetrievedTracesGraph), named when permissions are missing.
pub(super) fn retrieval_error(
    ctx: &Context,
    e: RetrievalError,
    waited: Duration,
    reader: &str,
) -> Error {
    match e {
        RetrievalError::Aws(AwsFailure::Service { code, message })
            if code == "InvalidRequestException" && message.contains("not enabled") =>
        {
            Error::failure(format!("Transaction Search is not enabled: {message}"))
                .with_hint(super::spans::ENABLE_HINT)
        }
        RetrievalError::Aws(f @ AwsFailure::Service { .. })
            if matches!(&f, AwsFailure::Service { code, .. } if code.starts_with("AccessDenied")) =>
        {
            Error::failure(format!("cannot retrieve traces from Transaction Search: {f}"))
                .with_hint(format!(
                    "the identity needs xray:StartTraceRetrieval and xray:{reader}"
                ))
        }
        RetrievalError::Aws(f) => ctx.aws_error("cannot retrieve traces from Transaction Search", f),
        RetrievalError::TimedOut => Error::failure(format!(
            "the trace retrieval did not complete within {} s",
            waited.as_secs()
        ))
        .with_hint("retrievals run for up to 60 minutes: give it longer with --retrieval-timeout, or ask for fewer ids"),
        RetrievalError::Ended(status) => Error::failure(format!(
            "the trace retrieval ended {status}"
        ))
        .with_hint("retrievals end after 60 minutes: ask for fewer ids, or try again"),
    }
}

/// The error for ids X-Ray did not return. X-Ray lists unknown and expired ids as
/// "unprocessed" too, so both read as not found; unprocessed ones add a hint, since a trace
/// sent a moment ago may simply not be indexed yet.
fn not_found(asked: &[TraceId], missing: &[TraceId], unprocessed: &[TraceId]) -> Result<()> {
    let absent_ids: HashSet<&TraceId> = missing.iter().chain(unprocessed).collect();
    let absent: Vec<TraceId> = asked
        .iter()
        .filter(|id| absent_ids.contains(id))
        .cloned()
        .collect();
    let err = match absent.as_slice() {
        [] => return Ok(()),
        [one] => Error::failure(format!(
            "trace {one} not found (X-Ray keeps traces 30 days)"
        ))
        .with_hint(
            "check the id and the region (--region); `tracectl xray traces` lists recent traces",
        ),
        many => Error::failure(format!(
            "{} of {} traces not found (X-Ray keeps traces 30 days): {}",
            many.len(),
            asked.len(),
            crate::commands::some_ids(many.iter().map(TraceId::as_str))
        ))
        .with_hint("check the ids and the region (--region)"),
    };
    Err(if unprocessed.is_empty() {
        err
    } else {
        err.with_hint(format!(
            "X-Ray listed {} as unprocessed: a trace sent in the last minute may not be indexed yet, so try again shortly",
            crate::commands::some_ids(unprocessed.iter().map(TraceId::as_str))
        ))
    })
}
