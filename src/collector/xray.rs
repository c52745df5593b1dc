//! The X-Ray daemon's protocol: segment documents over UDP (each datagram is the header
//! `{"format":"json","version":1}`, a newline, and one document), and on TCP the two calls
//! the SDKs make for centralized sampling: answered locally with a sample-everything rule
//! (so the SDK logs no errors and every request is traced), or, when forwarding to X-Ray,
//! passed on to X-Ray signed with the user's credentials, as the daemon does.

use std::collections::HashMap;
use std::net::UdpSocket;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use aws_sdk_xray::primitives::DateTime;
use aws_sdk_xray::types::SamplingStatisticsDocument;
use axum::Router;
use axum::extract::{Json, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};

use super::{Collector, Counters};
use crate::model::span::{SpanRecord, from_xray_document};

/// The largest datagram (the daemon's own limit is 64 KiB).
const MAX_DATAGRAM: usize = 65_536;
/// Datagrams already waiting are taken together, up to this many, into one write.
const MAX_BURST: usize = 512;
/// Segment ids remembered to name the service of subsegments sent on their own (which
/// arrive within moments of their segment's start); past it the memory starts again.
const MAX_REMEMBERED_SEGMENTS: usize = 10_000;

/// Why a datagram is not a segment document.
fn split_datagram(datagram: &[u8]) -> Result<Value, String> {
    let newline = datagram
        .iter()
        .position(|b| *b == b'\n')
        .ok_or("no header line (expected {\"format\":\"json\",\"version\":1} and a newline)")?;
    let header: Value = serde_json::from_slice(&datagram[..newline])
        .map_err(|e| format!("the header is not JSON: {e}"))?;
    if header.get("format").and_then(Value::as_str) != Some("json")
        || header.get("version").and_then(Value::as_i64) != Some(1)
    {
        return Err(format!("unknown header {header}"));
    }
    serde_json::from_slice(&datagram[newline + 1..])
        .map_err(|e| format!("the segment document is not JSON: {e}"))
}

/// How long a receive waits when nothing is arriving (so a stop is noticed this soon).
const IDLE_WAIT: Duration = Duration::from_millis(200);
/// How long a burst may stay open for more datagrams before it is written.
const BURST_WAIT: Duration = Duration::from_millis(2);

/// Receives datagrams on its own thread until `stop` is set. UDP cannot push back, so the
/// receiver must never fall behind the kernel's buffer: a thread of its own reads without
/// waiting on the async runtime's scheduling, and datagrams arriving together are stored
/// as one batch.
pub fn receive(socket: UdpSocket, collector: Collector, stop: Arc<AtomicBool>) {
    let mut buf = vec![0u8; MAX_DATAGRAM];
    let mut services: HashMap<String, String> = HashMap::new();
    let mut batch: Vec<SpanRecord> = Vec::new();
    let mut datagrams = 0;
    let mut bytes = 0;
    let _ = socket.set_read_timeout(Some(IDLE_WAIT));
    while !stop.load(Ordering::Relaxed) {
        match socket.recv_from(&mut buf) {
            Ok((n, _)) => {
                if datagrams == 0 {
                    let _ = socket.set_read_timeout(Some(BURST_WAIT));
                }
                datagrams += 1;
                bytes += n;
                take(&buf[..n], &collector, &mut services, &mut batch);
                if datagrams < MAX_BURST {
                    continue;
                }
            }
            Err(_) if datagrams == 0 => continue, // idle: look at `stop` again
            Err(_) => {}
        }
        flush(&collector, std::mem::take(&mut batch), bytes);
        (datagrams, bytes) = (0, 0);
        let _ = socket.set_read_timeout(Some(IDLE_WAIT));
    }
    flush(&collector, batch, bytes);
}

/// Datagrams the kernel dropped on this socket (its receive buffer was full), from the
/// `drops` column of `/proc/net/udp` (Linux); `None` where that cannot be read. UDP cannot
/// be acknowledged, so this is the only place such a loss shows.
pub fn kernel_drops(socket: &UdpSocket) -> Option<u64> {
    use std::os::fd::AsRawFd;
    let link = std::fs::read_link(format!("/proc/self/fd/{}", socket.as_raw_fd())).ok()?;
    let inode = link
        .to_str()?
        .strip_prefix("socket:[")?
        .strip_suffix(']')?
        .to_string();
    ["/proc/net/udp", "/proc/net/udp6"]
        .iter()
        .find_map(|table| {
            let text = std::fs::read_to_string(table).ok()?;
            drops_of(&text, &inode)
        })
}

/// The `drops` of the socket with `inode` in a `/proc/net/udp` table (its last column; the
/// inode is the tenth).
fn drops_of(table: &str, inode: &str) -> Option<u64> {
    table.lines().skip(1).find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        (fields.get(9) == Some(&inode)).then(|| fields.last()?.parse().ok())?
    })
}

/// Hands a burst to the writer if the memory budget has room for it now (a datagram
/// cannot wait: the kernel's buffer is filling behind it), else counts it as dropped.
fn flush(collector: &Collector, batch: Vec<SpanRecord>, datagram_bytes: usize) {
    if batch.is_empty() {
        return;
    }
    collector.store(batch, datagram_bytes);
}

/// Reads one datagram into `batch`, counting and saying what cannot be read.
fn take(
    datagram: &[u8],
    collector: &Collector,
    services: &mut HashMap<String, String>,
    batch: &mut Vec<SpanRecord>,
) {
    let doc = match split_datagram(datagram) {
        Ok(doc) => doc,
        Err(reason) => {
            Counters::add(&collector.counters.malformed, 1);
            collector.refused("X-Ray", reason);
            return;
        }
    };
    let now_ns = jiff::Timestamp::now().as_nanosecond() as i64;
    match from_xray_document(&doc, |parent| services.get(parent).cloned(), now_ns) {
        Ok(document) => {
            let records = document.records;
            let refused = document.rejected.len();
            Counters::add(&collector.counters.received, records.len() + refused);
            Counters::add(&collector.counters.rejected, refused);
            if let Some(first) = document.rejected.into_iter().next() {
                collector.refused(
                    "X-Ray",
                    format!("{refused} subsegment(s) of a segment: {}", first.reason),
                );
            }
            if services.len() > MAX_REMEMBERED_SEGMENTS {
                services.clear();
            }
            for r in &records {
                if !r.service.is_empty() {
                    services.insert(r.span_id.clone(), r.service.clone());
                }
            }
            if let Some(forwarder) = collector.forward_xray() {
                forwarder.send(1, doc.to_string().into_bytes());
            }
            batch.extend(records);
        }
        Err(rejected) => {
            Counters::add(&collector.counters.received, 1);
            Counters::add(&collector.counters.rejected, 1);
            collector.refused("X-Ray", rejected.reason);
        }
    }
}

/// The daemon's TCP side: `POST /GetSamplingRules` and `POST /SamplingTargets`, answered
/// here, or by X-Ray through `upstream`.
pub fn sampling_router(upstream: Option<aws_sdk_xray::Client>) -> Router {
    let router = match upstream {
        None => Router::new()
            .route("/GetSamplingRules", post(sampling_rules))
            .route("/SamplingTargets", post(sampling_targets)),
        Some(client) => Router::new()
            .route("/GetSamplingRules", post(proxied_rules))
            .route("/SamplingTargets", post(proxied_targets))
            .with_state(client),
    };
    // Says who answers, so `tracectl doctor` can tell this listener from an X-Ray daemon.
    router.layer(axum::middleware::map_response(
        |mut response: axum::response::Response| async move {
            response.headers_mut().insert(
                axum::http::header::SERVER,
                axum::http::HeaderValue::from_static(crate::clients::probe::LOCAL_LISTEN_SERVER),
            );
            response
        },
    ))
}

fn seconds(t: Option<&DateTime>) -> Value {
    t.map_or(Value::Null, |t| json!(t.as_secs_f64()))
}

/// An X-Ray failure as the daemon passes it on: the status and the service's message.
fn upstream_error(failure: &crate::clients::aws::AwsFailure) -> Response {
    (
        StatusCode::BAD_GATEWAY,
        Json(json!({ "Message": failure.to_string() })),
    )
        .into_response()
}

/// Every page of GetSamplingRules, in X-Ray's JSON shape.
async fn proxied_rules(State(client): State<aws_sdk_xray::Client>) -> Response {
    let mut records = Vec::new();
    let mut pages = client.get_sampling_rules().into_paginator().send();
    while let Some(page) = pages.next().await {
        let page = match page {
            Ok(page) => page,
            Err(e) => return upstream_error(&crate::clients::aws::classify(&e)),
        };
        for record in page.sampling_rule_records() {
            let Some(rule) = record.sampling_rule() else {
                continue;
            };
            records.push(json!({
                "SamplingRule": {
                    "RuleName": rule.rule_name(),
                    "RuleARN": rule.rule_arn(),
                    "ResourceARN": rule.resource_arn(),
                    "Priority": rule.priority(),
                    "FixedRate": rule.fixed_rate(),
                    "ReservoirSize": rule.reservoir_size(),
                    "ServiceName": rule.service_name(),
                    "ServiceType": rule.service_type(),
                    "Host": rule.host(),
                    "HTTPMethod": rule.http_method(),
                    "URLPath": rule.url_path(),
                    "Version": rule.version(),
                    "Attributes": rule.attributes(),
                },
                "CreatedAt": seconds(record.created_at()),
                "ModifiedAt": seconds(record.modified_at()),
            }));
        }
    }
    Json(json!({ "SamplingRuleRecords": records })).into_response()
}

/// GetSamplingTargets with the SDK's statistics, in X-Ray's JSON shape.
async fn proxied_targets(
    State(client): State<aws_sdk_xray::Client>,
    Json(request): Json<Value>,
) -> Response {
    let documents: Vec<SamplingStatisticsDocument> = request
        .get("SamplingStatisticsDocuments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|d| {
            SamplingStatisticsDocument::builder()
                .rule_name(d.get("RuleName")?.as_str()?)
                .client_id(d.get("ClientID")?.as_str()?)
                .timestamp(DateTime::from_secs_f64(d.get("Timestamp")?.as_f64()?))
                .request_count(d.get("RequestCount")?.as_i64()? as i32)
                .sampled_count(d.get("SampledCount")?.as_i64()? as i32)
                .borrow_count(d.get("BorrowCount").and_then(Value::as_i64).unwrap_or(0) as i32)
                .build()
                .ok()
        })
        .collect();
    let answer = match client
        .get_sampling_targets()
        .set_sampling_statistics_documents(Some(documents))
        .send()
        .await
    {
        Ok(answer) => answer,
        Err(e) => return upstream_error(&crate::clients::aws::classify(&e)),
    };
    let targets: Vec<Value> = answer
        .sampling_target_documents()
        .iter()
        .map(|t| {
            json!({
                "RuleName": t.rule_name(),
                "FixedRate": t.fixed_rate(),
                "ReservoirQuota": t.reservoir_quota(),
                "ReservoirQuotaTTL": seconds(t.reservoir_quota_ttl()),
                "Interval": t.interval(),
            })
        })
        .collect();
    let unprocessed: Vec<Value> = answer
        .unprocessed_statistics()
        .iter()
        .map(|u| json!({"RuleName": u.rule_name(), "ErrorCode": u.error_code(), "Message": u.message()}))
        .collect();
    Json(json!({
        "SamplingTargetDocuments": targets,
        "LastRuleModification": seconds(answer.last_rule_modification()),
        "UnprocessedStatistics": unprocessed,
    }))
    .into_response()
}

/// One rule that samples every request (the SDK's reservoir first, then 100%).
async fn sampling_rules() -> Json<Value> {
    Json(json!({
        "SamplingRuleRecords": [{
            "SamplingRule": {
                "RuleName": "Default",
                "RuleARN": "arn:aws:xray:local:000000000000:sampling-rule/Default",
                "ResourceARN": "*",
                "Priority": 10000,
                "FixedRate": 1.0,
                "ReservoirSize": 1,
                "ServiceName": "*",
                "ServiceType": "*",
                "Host": "*",
                "HTTPMethod": "*",
                "URLPath": "*",
                "Version": 1,
                "Attributes": {}
            },
            "CreatedAt": 0.0,
            "ModifiedAt": 0.0
        }]
    }))
}

/// A target per rule the SDK reports on: sample everything, ask again in 10 s.
async fn sampling_targets(Json(request): Json<Value>) -> Json<Value> {
    let now = jiff::Timestamp::now().as_second();
    let targets: Vec<Value> = request
        .get("SamplingStatisticsDocuments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|d| d.get("RuleName").and_then(Value::as_str))
        .map(|rule| {
            json!({
                "RuleName": rule,
                "FixedRate": 1.0,
                "ReservoirQuota": 1_000_000,
                "ReservoirQuotaTTL": now + 3600,
                "Interval": 10
            })
        })
        .collect();
    Json(json!({
        "SamplingTargetDocuments": targets,
        "LastRuleModification": 0.0,
        "UnprocessedStatistics": []
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernel_drops_are_read_from_the_socket_table() {
        let table = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  123: 0100007F:07D0 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4242 2 0000000000000000 21578
  124: 0100007F:07D1 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4343 2 0000000000000000 0";
        assert_eq!(drops_of(table, "4242"), Some(21578));
        assert_eq!(drops_of(table, "4343"), Some(0));
        assert_eq!(drops_of(table, "9999"), None);
        // And on this machine, a socket of our own is found in the real table.
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        if std::path::Path::new("/proc/net/udp").exists() {
            assert_eq!(kernel_drops(&socket), Some(0));
        }
    }

    #[test]
    fn datagrams_need_the_daemon_header() {
        let doc =
            split_datagram(b"{\"format\": \"json\", \"version\": 1}\n{\"id\":\"x\"}").unwrap();
        assert_eq!(doc["id"], "x");
        for (bad, reason) in [
            (&b"{\"id\":\"x\"}"[..], "no header line"),
            (b"{\"format\":\"xml\",\"version\":1}\n{}", "unknown header"),
            (b"not json\n{}", "the header is not JSON"),
            (
                b"{\"format\":\"json\",\"version\":1}\n{truncated",
                "not JSON",
            ),
        ] {
            let err = split_datagram(bad).unwrap_err();
            assert!(err.contains(reason), "{err}");
        }
    }
}
