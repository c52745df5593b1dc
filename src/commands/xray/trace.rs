//! `tracectl xray trace`: BatchGetTraces, drawn as a waterfall.

use std::collections::HashSet;
use std::time::Duration;

use clap::Args;

use super::TraceSource;
use crate::clients::aws::AwsFailure;
use crate::clients::xray::{self, RetrievalError};
use crate::commands::{AwsArgs, Context};
use crate::error::{Error, Result};
use crate::model::trace::TraceId;
use crate::output::waterfall;
use crate::views;
use crate::views::xray::{LookupFailure, Progress, SpansFallback};

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
    let fallback = match source {
        TraceSource::Spans => SpansFallback::Only,
        TraceSource::Summaries => SpansFallback::Never,
        TraceSource::Auto => SpansFallback::WhenTransactionSearch,
    };
    // A spinner for long fetches and for retrievals; notes as the view reports them.
    let spinner = std::sync::Mutex::new(None::<indicatif::ProgressBar>);
    let verbose = ctx.printer.options().verbosity > 0;
    let show = |p: Progress| {
        let mut current = spinner.lock().unwrap_or_else(|e| e.into_inner());
        // A note or the next step ends the spinner of the step before.
        if !matches!(p, Progress::Fetching(_))
            && let Some(s) = current.take()
        {
            s.finish_and_clear();
        }
        match p {
            Progress::Fetching(n) if n > xray::BATCH_SIZE => {
                *current = Some(ctx.printer.spinner(format!("fetching {n} traces")));
            }
            Progress::Retrieving(n) => {
                let what = if n == 1 { "1 trace".to_string() } else { format!("{n} traces") };
                *current = Some(
                    ctx.printer
                        .spinner(format!("retrieving {what} from Transaction Search")),
                );
            }
            Progress::TransactionSearch => ctx.printer.status(
                "note: this account sends spans to CloudWatch Logs (Transaction Search); traces X-Ray has not indexed are retrieved from aws/spans",
            ),
            // Denied is worth saying (the answer may be yes); an endpoint without the
            // operation (an emulator) only with -v.
            Progress::CannotTell { failure, denied } if denied || verbose => {
                ctx.printer.status(&format!(
                    "note: cannot tell whether Transaction Search is on ({failure}); --source spans retrieves traces from aws/spans"
                ));
            }
            _ => {}
        }
    };
    let looked = heartbeat(
        ctx,
        &format!("fetching {} traces from X-Ray", ids.len()),
        views::xray::traces(
            &client,
            &ids,
            fallback,
            ctx.now,
            args.retrieval_timeout,
            &show,
        ),
    )
    .await;
    if let Some(s) = spinner.lock().unwrap_or_else(|e| e.into_inner()).take() {
        s.finish_and_clear();
    }
    let found = looked.map_err(|e| lookup_error(ctx, e, args.retrieval_timeout))?;
    if found.from_spans > 0 {
        ctx.printer.status(&format!(
            "{} of the traces from Transaction Search (aws/spans)",
            found.from_spans
        ));
    }
    waterfall::print_traces(&ctx.printer, &found.found, ids.len())?;
    not_found(&ids, &found.missing, &found.unprocessed)
}

/// A failed lookup (BatchGetTraces, or the retrieval from aws/spans) as the user reads it:
/// `xray trace`'s, the explorer's and the MCP `trace` tool's.
pub fn lookup_error(ctx: &Context, e: LookupFailure, retrieval_timeout: Duration) -> Error {
    match e {
        LookupFailure::Fetch(f) => ctx.aws_error("cannot fetch traces from X-Ray", f),
        LookupFailure::Retrieval(e) => {
            retrieval_error(ctx, e, retrieval_timeout, "ListRetrievedTraces")
        }
    }
}

/// What the user can do about a failed retrieval.
/// `reader` is the operation that reads the retrieval (ListRetrievedTraces or
/// GetRetrievedTracesGraph), named when permissions are missing.
pub(crate) fn retrieval_error(
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
