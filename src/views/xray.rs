//! Traces by id from AWS: X-Ray's BatchGetTraces, and on an account with Transaction Search
//! what X-Ray has not indexed retrieved from aws/spans, each through the one span model —
//! `xray trace`'s span trees, for any face.

use std::collections::HashSet;
use std::time::Duration;

use jiff::Timestamp;

use crate::clients::aws::AwsFailure;
use crate::clients::xray::{self, RetrievalError};
use crate::model::span::{SpanRecord, trace_of};
use crate::model::time::Window;
use crate::model::trace::{Trace, TraceId};

/// How often a running retrieval is asked about.
pub const RETRIEVAL_POLL: Duration = Duration::from_millis(500);

/// When to look in aws/spans for what X-Ray does not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpansFallback {
    /// Only X-Ray (`--source summaries`).
    Never,
    /// Only aws/spans (`--source spans`).
    Only,
    /// X-Ray, then aws/spans for the rest when the account sends spans there (`auto`).
    WhenTransactionSearch,
}

/// What a lookup is doing, for a face's spinner and notes.
pub enum Progress<'a> {
    /// BatchGetTraces for this many ids.
    Fetching(usize),
    /// A Transaction Search retrieval of this many ids.
    Retrieving(usize),
    /// The account sends spans to CloudWatch Logs: the rest are retrieved from aws/spans.
    TransactionSearch,
    /// Whether the account is on Transaction Search could not be asked; `denied` when the
    /// identity may not (worth saying: the answer may be yes).
    CannotTell {
        failure: &'a AwsFailure,
        denied: bool,
    },
    /// Done asking.
    Done,
}

/// The traces found, in the order asked, and the ids nothing held.
#[derive(Debug, Clone, PartialEq)]
pub struct XrayTraces {
    pub found: Vec<Trace>,
    /// Of `found`, how many came from aws/spans.
    pub from_spans: usize,
    pub missing: Vec<TraceId>,
    /// Ids X-Ray listed as unprocessed (may simply not be indexed yet).
    pub unprocessed: Vec<TraceId>,
}

#[derive(Debug)]
pub enum LookupFailure {
    Fetch(AwsFailure),
    Retrieval(RetrievalError),
}

/// The traces of `ids`.
pub async fn traces(
    client: &aws_sdk_xray::Client,
    ids: &[TraceId],
    fallback: SpansFallback,
    now: Timestamp,
    retrieval_timeout: Duration,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<XrayTraces, LookupFailure> {
    let (mut found, mut missing, mut unprocessed) = if fallback == SpansFallback::Only {
        (Vec::new(), ids.to_vec(), Vec::new())
    } else {
        progress(Progress::Fetching(ids.len()));
        let fetched = xray::traces(client, ids, &xray::limiter())
            .await
            .map_err(LookupFailure::Fetch)?;
        (fetched.traces, fetched.missing, fetched.unprocessed)
    };
    let absent: Vec<TraceId> = missing.iter().chain(&unprocessed).cloned().collect();
    let look_in_spans = match fallback {
        SpansFallback::Only => true,
        SpansFallback::WhenTransactionSearch if !absent.is_empty() => {
            on_transaction_search(client, progress).await
        }
        _ => false,
    };
    let mut from_spans = 0;
    if look_in_spans && !absent.is_empty() {
        progress(Progress::Retrieving(absent.len()));
        let retrieved = retrieve_spans(client, &absent, now, retrieval_timeout)
            .await
            .map_err(LookupFailure::Retrieval)?;
        let ids_found: HashSet<String> = retrieved.iter().map(|t| t.id.clone()).collect();
        missing.retain(|id| !ids_found.contains(id.as_str()));
        unprocessed.retain(|id| !ids_found.contains(id.as_str()));
        from_spans = retrieved.len();
        found.extend(retrieved.into_iter().map(|r| {
            let mut trace = trace_of(&r.id, &r.spans);
            if r.unreadable > 0 {
                trace.unreadable = vec![format!("{} span documents", r.unreadable)];
            }
            trace
        }));
        // In the order asked.
        found.sort_by_key(|t| ids.iter().position(|id| id.as_str() == t.id));
    }
    progress(Progress::Done);
    Ok(XrayTraces {
        found,
        from_spans,
        missing,
        unprocessed,
    })
}

/// Whether the account sends spans to CloudWatch Logs (Transaction Search).
async fn on_transaction_search(
    client: &aws_sdk_xray::Client,
    progress: &(dyn Fn(Progress) + Sync),
) -> bool {
    match xray::segment_destination(client).await {
        Ok(d) if d.is_transaction_search() => {
            progress(Progress::TransactionSearch);
            true
        }
        Ok(_) => false,
        Err(failure) => {
            let denied = matches!(&failure, AwsFailure::Service { code, .. } if code.starts_with("AccessDenied"));
            progress(Progress::CannotTell {
                failure: &failure,
                denied,
            });
            false
        }
    }
}

/// One trace retrieved from aws/spans.
pub struct Retrieved {
    /// Its X-Ray id, as the API returns it.
    pub id: String,
    pub spans: Vec<SpanRecord>,
    /// Span documents that did not read as spans.
    pub unreadable: usize,
}

/// Retrieves `ids` from Transaction Search (for at most `timeout`), each span document
/// through the OpenTelemetry mapping of the collector. `xray trace` and `tracectl trace`
/// both read aws/spans through here.
pub async fn retrieve_spans(
    client: &aws_sdk_xray::Client,
    ids: &[TraceId],
    now: Timestamp,
    timeout: Duration,
) -> Result<Vec<Retrieved>, RetrievalError> {
    let window = retrieval_window(now, ids);
    let retrieved = xray::retrieve_traces(client, ids, window, RETRIEVAL_POLL, timeout).await?;
    let now_ns = i64::try_from(now.as_nanosecond()).unwrap_or(i64::MAX);
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
fn retrieval_window(now: Timestamp, ids: &[TraceId]) -> Window {
    let now_s = now.as_second();
    let epochs: Vec<i64> = ids
        .iter()
        .filter_map(|id| i64::from_str_radix(id.as_str().split('-').nth(1)?, 16).ok())
        .filter(|t| (now_s - 30 * 86_400..=now_s + 60).contains(t))
        .collect();
    let (start, end) = match (epochs.iter().min(), epochs.iter().max()) {
        (Some(first), Some(last)) => (first - 300, (last + 3600).min(now_s)),
        _ => (now_s - 86_400, now_s),
    };
    Window {
        start: Timestamp::from_second(start).unwrap_or(now),
        end: Timestamp::from_second(end.max(start + 1)).unwrap_or(now),
    }
}
