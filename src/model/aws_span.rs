//! The span documents of CloudWatch Transaction Search: what the log group `aws/spans`
//! holds and what ListRetrievedTraces returns in the `OTEL` format. Each is one OpenTelemetry
//! span as JSON with the attributes as plain maps (AWS documents the shape under "The span
//! log group"; the field names are the OTLP JSON mapping's):
//!
//! ```json
//! {"resource": {"attributes": {"service.name": "backend-flask"}},
//!  "scope": {"name": "opentelemetry.instrumentation.flask"},
//!  "traceId": "6b06a86d0000057959a092dfb197a007", "spanId": "745c0d6185ece0d9",
//!  "parentSpanId": "", "name": "GET /api/activities/home", "kind": "SERVER",
//!  "startTimeUnixNano": 1764063645000000000, "endTimeUnixNano": 1764063646000000000,
//!  "durationNano": 1000000000, "attributes": {"http.route": "/api/activities/home"},
//!  "events": [{"name": "exception", "timeUnixNano": 1764063645500000000,
//!              "attributes": {"exception.type": "OperationalError"}}],
//!  "status": {"code": "ERROR"}}
//! ```
//!
//! They become [`SpanRecord`]s through the same mapping as OTLP spans ([`otel_record`]).

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::model::otlp::{OtelSpan, otel_record};
use crate::model::span::{Rejected, SpanEvent, SpanKind, SpanRecord};

/// Epoch nanoseconds written as a number or a string (the OTLP JSON mapping allows both).
fn nano_value(value: &Value) -> Option<i64> {
    value
        .as_i64()
        .or_else(|| value.as_str().and_then(|s| s.parse().ok()))
}

/// One span document as a record, or why it cannot be one.
pub fn record(document: &Value, now_ns: i64) -> Result<SpanRecord, Rejected> {
    let text = |key: &str| {
        document
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
    };
    let hex = |key: &str, len: usize| -> Result<String, Rejected> {
        crate::model::trace::received_hex_id(text(key), len, key)
            .map_err(|reason| Rejected { reason })
    };
    let parent_id = match text("parentSpanId") {
        "" => None,
        _ => Some(hex("parentSpanId", 16)?),
    };
    let nanos = |key: &str| -> Result<i64, Rejected> {
        let value = document.get(key);
        value
            .and_then(Value::as_i64)
            .or_else(|| value.and_then(Value::as_str).and_then(|s| s.parse().ok()))
            .ok_or_else(|| Rejected {
                reason: format!("{key} is missing"),
            })
    };
    let kind = match text("kind").trim_start_matches("SPAN_KIND_") {
        "SERVER" => SpanKind::Server,
        "CLIENT" => SpanKind::Client,
        "PRODUCER" => SpanKind::Producer,
        "CONSUMER" => SpanKind::Consumer,
        _ => SpanKind::Internal,
    };
    let map = |value: Option<&Value>| -> Map<String, Value> {
        value
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let resource = map(document.pointer("/resource/attributes"));
    let service = resource
        .get("service.name")
        .and_then(Value::as_str)
        .unwrap_or("unknown_service")
        .to_string();
    let status = document.pointer("/status/code");
    let errored = status
        .and_then(Value::as_str)
        .is_some_and(|c| c.ends_with("ERROR"))
        || status.and_then(Value::as_i64) == Some(2);
    let events = document
        .get("events")
        .and_then(Value::as_array)
        .map(|events| {
            events
                .iter()
                .map(|e| SpanEvent {
                    name: e
                        .get("name")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    time_ns: e.get("timeUnixNano").and_then(nano_value).unwrap_or(0),
                    attributes: map(e.get("attributes")),
                })
                .collect()
        })
        .unwrap_or_default();
    let status_message = document
        .pointer("/status/message")
        .and_then(Value::as_str)
        .filter(|m| !m.is_empty())
        .map(str::to_string);
    otel_record(
        OtelSpan {
            trace_id: hex("traceId", 32)?,
            span_id: hex("spanId", 16)?,
            parent_id,
            name: text("name").to_string(),
            kind,
            start_ns: nanos("startTimeUnixNano")?,
            end_ns: nanos("endTimeUnixNano")?,
            errored,
            status_message,
            attributes: map(document.get("attributes")),
            events,
            links: Vec::new(),
            service,
            resource: Arc::new(resource),
        },
        now_ns,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::span::SpanStatus;
    use serde_json::json;

    #[test]
    fn a_server_span_document_maps_like_an_otlp_span() {
        let doc = json!({
            "resource": {"attributes": {"service.name": "backend-flask", "cloud.provider": "aws"}},
            "scope": {"name": "opentelemetry.instrumentation.flask"},
            "traceId": "6B06A86D0000057959A092DFB197A007",
            "spanId": "745c0d6185ece0d9",
            "parentSpanId": "",
            "name": "GET /api/activities/home",
            "kind": "SERVER",
            "startTimeUnixNano": 1_764_063_645_000_000_000i64,
            "endTimeUnixNano": "1764063646000000000",
            "durationNano": 1_000_000_000,
            "attributes": {"http.route": "/api/activities/home", "http.request.method": "get",
                           "http.response.status_code": 500, "url.full": "http://localhost/api/activities/home"},
            "events": [{"name": "exception", "timeUnixNano": 1_764_063_645_500_000_000i64,
                        "attributes": {"exception.type": "OperationalError", "exception.message": "connection refused"}}],
            "status": {"code": "ERROR"}
        });
        let r = record(&doc, 1_800_000_000_000_000_000).unwrap();
        assert_eq!(r.trace_id, "6b06a86d0000057959a092dfb197a007");
        assert_eq!(
            (r.parent_id, r.kind, r.status),
            (None, SpanKind::Server, SpanStatus::Fault)
        );
        assert_eq!(r.service, "backend-flask");
        assert_eq!(r.end_ns.unwrap() - r.start_ns, 1_000_000_000);
        assert_eq!(
            (
                r.http_method.as_deref(),
                r.http_route.as_deref(),
                r.http_status
            ),
            (Some("GET"), Some("/api/activities/home"), Some(500))
        );
        assert_eq!(r.exceptions[0].kind.as_deref(), Some("OperationalError"));
    }

    #[test]
    fn broken_documents_say_why() {
        let no_id = json!({"traceId": "abc", "spanId": "745c0d6185ece0d9"});
        assert!(record(&no_id, 0).unwrap_err().reason.starts_with("traceId"));
        let no_time =
            json!({"traceId": "6b06a86d0000057959a092dfb197a007", "spanId": "745c0d6185ece0d9"});
        assert_eq!(
            record(&no_time, 0).unwrap_err().reason,
            "startTimeUnixNano is missing"
        );
    }
}
