//! Typed X-Ray calls: trace summaries over a window (sliced, concurrent, all pages), full
//! traces in batches of five, and the service graph. Results are plain model values;
//! failures are sorted into [`AwsFailure`]. Throttling (`ThrottledException`, HTTP 429) is
//! retried with backoff by the SDK's standard retry mode; the shared limiter keeps tracectl
//! from causing it in the first place.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use aws_sdk_xray::Client;
use aws_sdk_xray::primitives::DateTime;
use aws_sdk_xray::types::{EdgeStatistics, ErrorStatistics, FaultStatistics, ServiceStatistics};
use futures::{StreamExt, TryStreamExt};

use super::Limiter;
use super::aws::{AwsFailure, Tokens, classify};
use crate::model::graph::{Counts, ServiceEdge, ServiceNode, merge_graphs, sort_graph};
use crate::model::time::Window;
use crate::model::trace::{Trace, TraceId, TraceSummary, epoch_seconds};

/// The longest window one GetTraceSummaries scan covers; longer windows are split, as the
/// X-Ray console does, and the slices fetched concurrently.
pub const MAX_SLICE: Duration = Duration::from_secs(6 * 3600);

/// Slices scanned at once.
pub const SLICES_IN_FLIGHT: usize = 4;

/// BatchGetTraces takes at most five ids per call.
pub const BATCH_SIZE: usize = 5;

/// BatchGetTraces calls in flight at once.
pub const BATCHES_IN_FLIGHT: usize = 8;

/// Requests per second tracectl allows itself against X-Ray, shared by every concurrent
/// scan of one run. X-Ray publishes no per-API read quota; this bounds the burst a long
/// window can cause, and throttling beyond it is backed off by the SDK.
pub const REQUESTS_PER_SECOND: u32 = 50;

/// The one shared X-Ray budget of a run.
pub fn limiter() -> Arc<Limiter> {
    super::limiter(REQUESTS_PER_SECOND)
}

fn sdk_time(ts: jiff::Timestamp) -> DateTime {
    DateTime::from_millis(ts.as_millisecond())
}

/// How far a scan has come, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanProgress {
    pub slices_done: usize,
    pub slices: usize,
    pub traces_seen: u64,
}

/// Every trace summary of `window` matching `filter`, each trace once (a trace that starts
/// exactly on a slice boundary is returned by both slices; it is kept once, by id).
pub async fn trace_summaries(
    client: &Client,
    window: Window,
    filter: Option<&str>,
    limiter: &Limiter,
    progress: &(dyn Fn(ScanProgress) + Sync),
) -> Result<Vec<TraceSummary>, AwsFailure> {
    let slices = window.slices(MAX_SLICE);
    let total = slices.len();
    let done = AtomicUsize::new(0);
    let seen = AtomicU64::new(0);
    let report = || {
        progress(ScanProgress {
            slices_done: done.load(Ordering::Relaxed),
            slices: total,
            traces_seen: seen.load(Ordering::Relaxed),
        })
    };
    report();
    let pages: Vec<Vec<TraceSummary>> = futures::stream::iter(slices)
        .map(|slice| {
            let (done, seen, report) = (&done, &seen, &report);
            async move {
                let found = scan_slice(client, slice, filter, limiter, &|n| {
                    seen.fetch_add(n, Ordering::Relaxed);
                    report();
                })
                .await?;
                done.fetch_add(1, Ordering::Relaxed);
                report();
                Ok::<_, AwsFailure>(found)
            }
        })
        .buffer_unordered(SLICES_IN_FLIGHT)
        .try_collect()
        .await?;
    let mut ids = HashSet::new();
    let mut out: Vec<TraceSummary> = pages
        .into_iter()
        .flatten()
        .filter(|t| ids.insert(t.id.clone()))
        .collect();
    // Slices finish in any order; newest first, as X-Ray itself pages.
    out.sort_by(|a, b| b.started().cmp(&a.started()).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}

/// One slice, all pages, one after the other (each page's token comes from the last).
async fn scan_slice(
    client: &Client,
    slice: Window,
    filter: Option<&str>,
    limiter: &Limiter,
    on_page: &(dyn Fn(u64) + Sync),
) -> Result<Vec<TraceSummary>, AwsFailure> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    let mut tokens = Tokens::default();
    loop {
        limiter.until_ready().await;
        let page = client
            .get_trace_summaries()
            .start_time(sdk_time(slice.start))
            .end_time(sdk_time(slice.end))
            .set_filter_expression(filter.map(str::to_string))
            .set_next_token(token.take())
            .send()
            .await
            .map_err(|e| classify(&e))?;
        let summaries = page.trace_summaries.unwrap_or_default();
        on_page(summaries.len() as u64);
        out.extend(summaries.into_iter().map(summary));
        match tokens.next(page.next_token, "trace summaries")? {
            Some(next) => token = Some(next),
            None => return Ok(out),
        }
    }
}

fn summary(s: aws_sdk_xray::types::TraceSummary) -> TraceSummary {
    let http = s.http;
    TraceSummary {
        id: s.id.unwrap_or_default(),
        start: s.start_time.and_then(|t| epoch_seconds(t.as_secs_f64())),
        duration: s.duration,
        response_time: s.response_time,
        method: http.as_ref().and_then(|h| h.http_method.clone()),
        url: http.as_ref().and_then(|h| h.http_url.clone()),
        route: None,
        service: s.entry_point.and_then(|e| e.name),
        status: http.as_ref().and_then(|h| h.http_status),
        has_error: s.has_error.unwrap_or(false),
        has_fault: s.has_fault.unwrap_or(false),
        has_throttle: s.has_throttle.unwrap_or(false),
    }
}

/// Full traces, in the order asked, and the ids X-Ray did not return.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchedTraces {
    pub traces: Vec<Trace>,
    /// Ids X-Ray does not have (expired, never sent, another region).
    pub missing: Vec<TraceId>,
    /// Ids X-Ray listed in `UnprocessedTraceIds`: it has them but did not answer for them
    /// this time, so asking again may work.
    pub unprocessed: Vec<TraceId>,
}

/// What one BatchGetTraces call (with its pages) returned.
#[derive(Default)]
struct Batch {
    traces: Vec<(String, Vec<String>)>,
    unprocessed: Vec<String>,
}

/// BatchGetTraces for any number of ids: five per call, several calls at once.
pub async fn traces(
    client: &Client,
    ids: &[TraceId],
    limiter: &Limiter,
) -> Result<FetchedTraces, AwsFailure> {
    let fetched = trace_documents(client, ids, limiter).await?;
    Ok(FetchedTraces {
        traces: fetched
            .traces
            .iter()
            .map(|(id, docs)| Trace::from_documents(id.as_str(), docs.iter().map(String::as_str)))
            .collect(),
        missing: fetched.missing,
        unprocessed: fetched.unprocessed,
    })
}

/// What BatchGetTraces returned for a set of ids, as segment documents.
pub struct FetchedDocuments {
    /// Each found id, in the order asked, with its segment documents.
    pub traces: Vec<(TraceId, Vec<String>)>,
    pub missing: Vec<TraceId>,
    pub unprocessed: Vec<TraceId>,
}

/// The segment documents of any number of traces (see [`traces`]).
pub async fn trace_documents(
    client: &Client,
    ids: &[TraceId],
    limiter: &Limiter,
) -> Result<FetchedDocuments, AwsFailure> {
    let batches: Vec<Batch> = futures::stream::iter(ids.chunks(BATCH_SIZE))
        .map(|chunk| batch(client, chunk, limiter))
        .buffer_unordered(BATCHES_IN_FLIGHT)
        .try_collect()
        .await?;
    let unprocessed: HashSet<String> = batches
        .iter()
        .flat_map(|b| b.unprocessed.iter().cloned())
        .collect();
    let mut found: std::collections::HashMap<String, Vec<String>> =
        batches.into_iter().flat_map(|b| b.traces).collect();
    let mut out = FetchedDocuments {
        traces: Vec::new(),
        missing: Vec::new(),
        unprocessed: Vec::new(),
    };
    for id in ids {
        match found.remove(id.as_str()) {
            Some(docs) if !docs.is_empty() => out.traces.push((id.clone(), docs)),
            _ if unprocessed.contains(id.as_str()) => out.unprocessed.push(id.clone()),
            _ => out.missing.push(id.clone()),
        }
    }
    Ok(out)
}

/// One call (and its pages): each returned trace's id with its segment documents.
async fn batch(client: &Client, ids: &[TraceId], limiter: &Limiter) -> Result<Batch, AwsFailure> {
    let mut out = Batch::default();
    let mut token: Option<String> = None;
    let mut tokens = Tokens::default();
    loop {
        limiter.until_ready().await;
        let page = client
            .batch_get_traces()
            .set_trace_ids(Some(ids.iter().map(|id| id.as_str().to_string()).collect()))
            .set_next_token(token.take())
            .send()
            .await
            .map_err(|e| classify(&e))?;
        for trace in page.traces.unwrap_or_default() {
            let id = trace.id.unwrap_or_default();
            let docs = trace
                .segments
                .unwrap_or_default()
                .into_iter()
                .filter_map(|s| s.document);
            accumulate(&mut out.traces, id, docs);
        }
        out.unprocessed
            .extend(page.unprocessed_trace_ids.unwrap_or_default());
        match tokens.next(page.next_token, "traces")? {
            Some(next) => token = Some(next),
            None => return Ok(out),
        }
    }
}

/// Adds a page's documents of trace `id`: a trace can span pages, its documents
/// accumulate under one id.
fn accumulate(
    traces: &mut Vec<(String, Vec<String>)>,
    id: String,
    documents: impl Iterator<Item = String>,
) {
    match traces.iter_mut().find(|(known, _)| *known == id) {
        Some((_, existing)) => existing.extend(documents),
        None => traces.push((id, documents.collect())),
    }
}

/// Counts from the fields X-Ray's ServiceStatistics and EdgeStatistics share.
fn counts(
    total: Option<i64>,
    ok: Option<i64>,
    errors: Option<&ErrorStatistics>,
    faults: Option<&FaultStatistics>,
    total_response_time: Option<f64>,
) -> Counts {
    let requests = total.unwrap_or(0);
    Counts {
        requests,
        ok: ok.unwrap_or(0),
        errors: errors.and_then(|e| e.total_count).unwrap_or(0),
        faults: faults.and_then(|f| f.total_count).unwrap_or(0),
        throttles: errors.and_then(|e| e.throttle_count).unwrap_or(0),
        avg_latency: total_response_time
            .filter(|_| requests > 0)
            .map(|t| t / requests as f64),
    }
}

/// The service graph of `window`, all pages, busiest services first.
pub async fn service_graph(
    client: &Client,
    window: Window,
) -> Result<Vec<ServiceNode>, AwsFailure> {
    let mut pages = client
        .get_service_graph()
        .start_time(sdk_time(window.start))
        .end_time(sdk_time(window.end))
        .into_paginator()
        .send();
    let mut services = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| classify(&e))?;
        services.extend(page.services.unwrap_or_default());
    }
    let mut nodes = nodes_of(services);
    sort_graph(&mut nodes);
    Ok(nodes)
}

/// Service graph nodes from X-Ray's services, edges named by their target's reference id
/// (resolved across all the pages given).
fn nodes_of(services: Vec<aws_sdk_xray::types::Service>) -> Vec<ServiceNode> {
    let names: std::collections::HashMap<i32, String> = services
        .iter()
        .filter_map(|s| Some((s.reference_id?, s.name.clone().unwrap_or_default())))
        .collect();
    services
        .into_iter()
        .map(|s| {
            let edges: Vec<ServiceEdge> = s
                .edges
                .unwrap_or_default()
                .into_iter()
                .map(|e| {
                    let st = e
                        .summary_statistics
                        .unwrap_or_else(|| EdgeStatistics::builder().build());
                    ServiceEdge {
                        to: e
                            .reference_id
                            .and_then(|id| names.get(&id).cloned())
                            .unwrap_or_else(|| "(unknown)".into()),
                        counts: counts(
                            st.total_count,
                            st.ok_count,
                            st.error_statistics.as_ref(),
                            st.fault_statistics.as_ref(),
                            st.total_response_time,
                        ),
                    }
                })
                .collect();
            let st = s
                .summary_statistics
                .unwrap_or_else(|| ServiceStatistics::builder().build());
            ServiceNode {
                name: s.name.unwrap_or_default(),
                kind: s.r#type.unwrap_or_default(),
                counts: counts(
                    st.total_count,
                    st.ok_count,
                    st.error_statistics.as_ref(),
                    st.fault_statistics.as_ref(),
                    st.total_response_time,
                ),
                edges,
            }
        })
        .collect()
}

// ---- Transaction Search: spans in CloudWatch Logs (`aws/spans`) ---------------------------

/// Where the account's segments go (GetTraceSegmentDestination): `XRay`, or
/// `CloudWatchLogs` with Transaction Search, and whether that is `ACTIVE` yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentDestination {
    pub destination: String,
    pub status: String,
}

impl SegmentDestination {
    /// Spans go to `aws/spans`: summaries cover only the indexed share.
    pub fn is_transaction_search(&self) -> bool {
        self.destination == "CloudWatchLogs"
    }
}

pub async fn segment_destination(client: &Client) -> Result<SegmentDestination, AwsFailure> {
    let out = client
        .get_trace_segment_destination()
        .send()
        .await
        .map_err(|e| classify(&e))?;
    Ok(SegmentDestination {
        destination: out
            .destination
            .map(|d| d.as_str().to_string())
            .unwrap_or_default(),
        status: out
            .status
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
    })
}

/// The share of spans indexed as trace summaries (the `Default` probabilistic rule), in
/// percent; `None` when no such rule is reported.
pub async fn indexed_percent(client: &Client) -> Result<Option<f64>, AwsFailure> {
    let out = client
        .get_indexing_rules()
        .send()
        .await
        .map_err(|e| classify(&e))?;
    Ok(out
        .indexing_rules
        .unwrap_or_default()
        .into_iter()
        .find_map(|rule| match rule.rule? {
            aws_sdk_xray::types::IndexingRuleValue::Probabilistic(p) => p
                .actual_sampling_percentage
                .or(Some(p.desired_sampling_percentage)),
            _ => None,
        }))
}

/// Why a retrieval gave no traces.
#[derive(Debug, Clone, PartialEq)]
pub enum RetrievalError {
    Aws(AwsFailure),
    /// Still not complete after the time given.
    TimedOut,
    /// The retrieval ended otherwise (FAILED, CANCELLED, TIMEOUT).
    Ended(String),
}

/// Retrieves whole traces from `aws/spans` (StartTraceRetrieval, then ListRetrievedTraces
/// in the OTEL format, every `poll`, until COMPLETE or `give_up_after`), five ids a
/// retrieval as the API takes them. Returns each found trace's id with its span documents.
pub async fn retrieve_traces(
    client: &Client,
    ids: &[TraceId],
    window: Window,
    poll: Duration,
    give_up_after: Duration,
) -> Result<Vec<(String, Vec<String>)>, RetrievalError> {
    let deadline = tokio::time::Instant::now() + give_up_after;
    let mut found = Vec::new();
    for chunk in ids.chunks(BATCH_SIZE) {
        let token = start_retrieval(client, chunk, window).await?;
        found.extend(retrieved(client, &token, poll, deadline).await?);
    }
    Ok(found)
}

/// The service graph of the traces `ids` from aws/spans: one retrieval per five ids, at most
/// [`BATCHES_IN_FLIGHT`] at once, each read with GetRetrievedTracesGraph (polled until
/// COMPLETE, every page). The retrievals' graphs are added up into one.
pub async fn retrieved_graph(
    client: &Client,
    ids: &[TraceId],
    window: Window,
    poll: Duration,
    give_up_after: Duration,
) -> Result<Vec<ServiceNode>, RetrievalError> {
    let deadline = tokio::time::Instant::now() + give_up_after;
    let graphs: Vec<Result<Vec<ServiceNode>, RetrievalError>> =
        futures::stream::iter(ids.chunks(BATCH_SIZE))
            .map(|chunk| async move {
                let token = start_retrieval(client, chunk, window).await?;
                retrieved_services(client, &token, poll, deadline).await
            })
            .buffer_unordered(BATCHES_IN_FLIGHT)
            .collect()
            .await;
    let mut nodes = Vec::new();
    for graph in graphs {
        nodes.extend(graph?);
    }
    Ok(merge_graphs(nodes))
}

async fn start_retrieval(
    client: &Client,
    ids: &[TraceId],
    window: Window,
) -> Result<String, RetrievalError> {
    Ok(client
        .start_trace_retrieval()
        .set_trace_ids(Some(ids.iter().map(|id| id.as_str().to_string()).collect()))
        .start_time(sdk_time(window.start))
        .end_time(sdk_time(window.end))
        .send()
        .await
        .map_err(|e| RetrievalError::Aws(classify(&e)))?
        .retrieval_token
        .unwrap_or_default())
}

/// Whether a retrieval's answer is COMPLETE; while it is not, waits `poll` first (false),
/// unless that passes the deadline or the retrieval ended otherwise (an error).
async fn complete(
    status: Option<aws_sdk_xray::types::RetrievalStatus>,
    poll: Duration,
    deadline: tokio::time::Instant,
) -> Result<bool, RetrievalError> {
    use aws_sdk_xray::types::RetrievalStatus;
    match status {
        Some(RetrievalStatus::Complete) => Ok(true),
        Some(RetrievalStatus::Running | RetrievalStatus::Scheduled) | None => {
            if tokio::time::Instant::now() + poll > deadline {
                return Err(RetrievalError::TimedOut);
            }
            tokio::time::sleep(poll).await;
            Ok(false)
        }
        Some(other) => Err(RetrievalError::Ended(other.as_str().to_string())),
    }
}

/// Polls one retrieval's graph until COMPLETE, then reads every page of it.
async fn retrieved_services(
    client: &Client,
    token: &str,
    poll: Duration,
    deadline: tokio::time::Instant,
) -> Result<Vec<ServiceNode>, RetrievalError> {
    let mut services = Vec::new();
    let mut next: Option<String> = None;
    let mut tokens = Tokens::default();
    loop {
        let page = client
            .get_retrieved_traces_graph()
            .retrieval_token(token)
            .set_next_token(next.take())
            .send()
            .await
            .map_err(|e| RetrievalError::Aws(classify(&e)))?;
        if !complete(page.retrieval_status, poll, deadline).await? {
            continue;
        }
        services.extend(
            page.services
                .unwrap_or_default()
                .into_iter()
                .filter_map(|s| s.service),
        );
        match tokens
            .next(page.next_token, "the retrieved graph")
            .map_err(RetrievalError::Aws)?
        {
            Some(token) => next = Some(token),
            None => return Ok(nodes_of(services)),
        }
    }
}

/// Polls one retrieval until COMPLETE, then reads every page.
async fn retrieved(
    client: &Client,
    token: &str,
    poll: Duration,
    deadline: tokio::time::Instant,
) -> Result<Vec<(String, Vec<String>)>, RetrievalError> {
    use aws_sdk_xray::types::TraceFormatType;
    let mut traces: Vec<(String, Vec<String>)> = Vec::new();
    let mut next: Option<String> = None;
    let mut tokens = Tokens::default();
    loop {
        let page = client
            .list_retrieved_traces()
            .retrieval_token(token)
            .trace_format(TraceFormatType::Otel)
            .set_next_token(next.take())
            .send()
            .await
            .map_err(|e| RetrievalError::Aws(classify(&e)))?;
        if !complete(page.retrieval_status, poll, deadline).await? {
            continue;
        }
        for trace in page.traces.unwrap_or_default() {
            let id = trace.id.unwrap_or_default();
            let documents = trace
                .spans
                .unwrap_or_default()
                .into_iter()
                .filter_map(|s| s.document);
            accumulate(&mut traces, id, documents);
        }
        match tokens
            .next(page.next_token, "the retrieved traces")
            .map_err(RetrievalError::Aws)?
        {
            Some(token) => next = Some(token),
            None => return Ok(traces),
        }
    }
}
