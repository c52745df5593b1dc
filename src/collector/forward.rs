//! Forwarding, so one local process replaces both the X-Ray daemon and a collector: OTLP
//! requests are re-exported (protobuf) to another OTLP endpoint (Honeycomb, say), X-Ray
//! segments go to X-Ray with PutTraceSegments. Each forwarder has a bounded queue and one
//! worker: a slow or failing backend never blocks receiving; what it cannot deliver is
//! counted and said, and is stored locally all the same.

use std::sync::Arc;

use reqwest::{Method, Url};
use tokio::sync::mpsc;

use super::{Counters, Event};
use crate::clients::http::{HttpClient, Retry};

/// Payloads waiting for a backend before new ones are counted as not forwarded.
const QUEUE: usize = 1024;
/// Segment documents per PutTraceSegments call.
const XRAY_BATCH: usize = 50;

struct Item {
    /// Spans (or segments) in the payload, for the counters.
    count: usize,
    payload: Vec<u8>,
}

/// The receiving side's handle on one backend.
#[derive(Clone)]
pub struct Forwarder {
    queue: mpsc::Sender<Item>,
    counters: Arc<Counters>,
}

impl Forwarder {
    /// Queues a payload without waiting; a full queue counts it as not forwarded.
    pub fn send(&self, count: usize, payload: Vec<u8>) {
        if self.queue.try_send(Item { count, payload }).is_err() {
            Counters::add(&self.counters.forward_failed, count);
        }
    }
}

fn failed(
    counters: &Counters,
    events: &mpsc::Sender<Event>,
    backend: &'static str,
    count: usize,
    reason: String,
) {
    Counters::add(&counters.forward_failed, count);
    let _ = events.try_send(Event::ForwardFailed {
        backend,
        count,
        reason,
    });
}

/// Re-exports OTLP requests to `url` (its `/v1/traces`) with the client's headers.
pub fn spawn_otlp(
    http: HttpClient,
    url: Url,
    counters: Arc<Counters>,
    events: mpsc::Sender<Event>,
) -> Forwarder {
    let (queue, mut inbox) = mpsc::channel::<Item>(QUEUE);
    let worker_counters = counters.clone();
    tokio::spawn(async move {
        while let Some(item) = inbox.recv().await {
            let request = http
                .request(Method::POST, url.clone())
                .header("content-type", "application/x-protobuf")
                .body(item.payload);
            // An export may have been stored before a 5xx: not replayed, so never doubled.
            match http.send(request, Retry::Unsafe).await {
                Ok(r) if r.status.is_success() => {
                    Counters::add(&worker_counters.forwarded, item.count);
                }
                Ok(r) => failed(
                    &worker_counters,
                    &events,
                    "OTLP",
                    item.count,
                    format!("{url} answered {}: {}", r.status, r.text().trim()),
                ),
                Err(e) => failed(&worker_counters, &events, "OTLP", item.count, e.to_string()),
            }
        }
    });
    Forwarder { queue, counters }
}

/// The `/v1/traces` URL of an OTLP endpoint given as a base (`https://api.honeycomb.io`)
/// or in full.
pub fn otlp_traces_url(endpoint: &str) -> Option<Url> {
    let url = Url::parse(endpoint).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    if url.path().ends_with("/v1/traces") {
        return Some(url);
    }
    let base = format!("{}/", url.as_str().trim_end_matches('/'));
    Url::parse(&base).ok()?.join("v1/traces").ok()
}

/// Sends X-Ray segment documents with PutTraceSegments, several per call.
pub fn spawn_xray(
    client: aws_sdk_xray::Client,
    counters: Arc<Counters>,
    events: mpsc::Sender<Event>,
) -> Forwarder {
    let (queue, mut inbox) = mpsc::channel::<Item>(QUEUE);
    let worker_counters = counters.clone();
    tokio::spawn(async move {
        let mut batch: Vec<String> = Vec::new();
        while let Some(first) = inbox.recv().await {
            batch.push(String::from_utf8_lossy(&first.payload).into_owned());
            while batch.len() < XRAY_BATCH
                && let Ok(next) = inbox.try_recv()
            {
                batch.push(String::from_utf8_lossy(&next.payload).into_owned());
            }
            let sent = batch.len();
            let result = client
                .put_trace_segments()
                .set_trace_segment_documents(Some(std::mem::take(&mut batch)))
                .send()
                .await;
            match result {
                Ok(out) => {
                    let unprocessed = out.unprocessed_trace_segments().len();
                    Counters::add(&worker_counters.forwarded, sent - unprocessed);
                    if unprocessed > 0 {
                        failed(
                            &worker_counters,
                            &events,
                            "X-Ray",
                            unprocessed,
                            "X-Ray listed them as unprocessed".into(),
                        );
                    }
                }
                Err(e) => {
                    let failure = crate::clients::aws::classify(&e);
                    failed(
                        &worker_counters,
                        &events,
                        "X-Ray",
                        sent,
                        failure.to_string(),
                    );
                }
            }
        }
    });
    Forwarder { queue, counters }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn otlp_endpoints_get_their_traces_path_once() {
        for (given, want) in [
            (
                "https://api.honeycomb.io",
                "https://api.honeycomb.io/v1/traces",
            ),
            (
                "https://api.honeycomb.io/",
                "https://api.honeycomb.io/v1/traces",
            ),
            (
                "http://127.0.0.1:4319/v1/traces",
                "http://127.0.0.1:4319/v1/traces",
            ),
            (
                "http://collector:4318/otlp",
                "http://collector:4318/otlp/v1/traces",
            ),
        ] {
            assert_eq!(otlp_traces_url(given).unwrap().as_str(), want);
        }
        assert!(otlp_traces_url("127.0.0.1:4318").is_none());
    }
}
