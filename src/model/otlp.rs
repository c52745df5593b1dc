//! OpenTelemetry spans (the OTLP types of the `opentelemetry-proto` crate, decoded from
//! protobuf or the OTLP JSON mapping) as [`SpanRecord`]s: the HTTP and database semantic
//! conventions, old and new names, onto the same columns as X-Ray's `http` and `sql`.

use std::sync::Arc;

use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::common::v1::{AnyValue, KeyValue, any_value};
use opentelemetry_proto::tonic::trace::v1::{Span, span, status};
use serde_json::{Map, Value};

use crate::model::span::{
    Rejected, SpanDetail, SpanEvent, SpanKind, SpanLink, SpanRecord, SpanSource, SpanStatus,
    check_times, first_int, first_text, rejection_message, semconv, url_authority,
};
use crate::model::trace::SpanException;

/// What one export request held: the spans to store, and the ones refused with why.
#[derive(Debug, Default)]
pub struct Converted {
    pub records: Vec<SpanRecord>,
    pub rejected: Vec<Rejected>,
    /// Attribute values cut to [`MAX_VALUE_BYTES`], and spans whose attributes were cut to
    /// [`MAX_SPAN_BYTES`].
    pub truncated: usize,
}

/// The longest attribute value kept (a string's UTF-8 bytes; Honeycomb keeps 64 KB too):
/// a 60 MiB value is an accident or an attack, and would make every read of its span slow.
pub const MAX_VALUE_BYTES: usize = 64 * 1024;
/// The most attribute bytes one span keeps; past it attributes are left out, counted under
/// [`DROPPED_KEY`].
pub const MAX_SPAN_BYTES: usize = 1024 * 1024;
/// What ends a value that was cut.
pub const TRUNCATED_MARK: &str = "…[truncated by tracectl]";
/// The attribute that says how many attributes a span over [`MAX_SPAN_BYTES`] lost.
pub const DROPPED_KEY: &str = "tracectl.dropped_attributes";

impl Converted {
    /// About how many bytes the records hold in memory.
    pub fn approx_bytes(&self) -> usize {
        self.records.iter().map(SpanRecord::approx_bytes).sum()
    }

    /// The OTLP `partial_success.error_message`: how many were refused and the first reasons.
    pub fn rejection_message(&self) -> String {
        rejection_message(&self.rejected, "span(s)")
    }
}

/// Every span of an export request, `now_ns` bounding plausible timestamps. The request is
/// taken apart: its names, keys and values move into the records (copied, each was also
/// freed once more, on the receiver's busiest path).
pub fn convert(request: ExportTraceServiceRequest, now_ns: i64) -> Converted {
    let mut out = Converted::default();
    for resource_spans in request.resource_spans {
        let resource = Arc::new(
            resource_spans
                .resource
                .map(|r| capped_attributes(r.attributes, &mut out.truncated))
                .unwrap_or_default(),
        );
        let service = first_text(&resource, &["service.name"])
            .unwrap_or_else(|| "unknown_service".to_string());
        for scope_spans in resource_spans.scope_spans {
            for span in scope_spans.spans {
                match record(span, &service, &resource, now_ns, &mut out.truncated) {
                    Ok(r) => out.records.push(r),
                    Err(rejected) => out.rejected.push(rejected),
                }
            }
        }
    }
    out
}

fn id_hex(bytes: &[u8], len: usize, what: &str) -> Result<String, Rejected> {
    crate::model::trace::received_id_bytes(bytes, len, what).map_err(|reason| Rejected { reason })
}

fn record(
    span: Span,
    service: &str,
    resource: &Arc<Map<String, Value>>,
    now_ns: i64,
    truncated: &mut usize,
) -> Result<SpanRecord, Rejected> {
    let parent_id = if span.parent_span_id.is_empty() {
        None
    } else {
        Some(id_hex(&span.parent_span_id, 8, "parent span id")?)
    };
    let kind = match span::SpanKind::try_from(span.kind).unwrap_or(span::SpanKind::Internal) {
        span::SpanKind::Server => SpanKind::Server,
        span::SpanKind::Client => SpanKind::Client,
        span::SpanKind::Producer => SpanKind::Producer,
        span::SpanKind::Consumer => SpanKind::Consumer,
        span::SpanKind::Internal | span::SpanKind::Unspecified => SpanKind::Internal,
    };
    otel_record(
        OtelSpan {
            trace_id: id_hex(&span.trace_id, 16, "trace id")?,
            span_id: id_hex(&span.span_id, 8, "span id")?,
            parent_id,
            name: span.name,
            kind,
            start_ns: i64::try_from(span.start_time_unix_nano).unwrap_or(i64::MAX),
            end_ns: i64::try_from(span.end_time_unix_nano).unwrap_or(i64::MAX),
            errored: span
                .status
                .as_ref()
                .is_some_and(|s| s.code == status::StatusCode::Error as i32),
            status_message: span.status.map(|s| s.message).filter(|m| !m.is_empty()),
            attributes: capped_attributes(span.attributes, truncated),
            events: span
                .events
                .into_iter()
                .map(|e| SpanEvent {
                    name: e.name,
                    time_ns: i64::try_from(e.time_unix_nano).unwrap_or(0),
                    attributes: capped_attributes(e.attributes, truncated),
                })
                .collect(),
            links: span
                .links
                .into_iter()
                .map(|l| SpanLink {
                    trace_id: crate::model::trace::lower_hex(&l.trace_id),
                    span_id: crate::model::trace::lower_hex(&l.span_id),
                    attributes: capped_attributes(l.attributes, truncated),
                })
                .collect(),
            service: service.to_string(),
            resource: resource.clone(),
        },
        now_ns,
    )
}

/// An OpenTelemetry span with its ids, times and attributes already decoded, from whichever
/// encoding carried it (OTLP protobuf/JSON, or the documents CloudWatch keeps in `aws/spans`).
#[derive(Debug, Clone)]
pub struct OtelSpan {
    pub trace_id: String,
    pub span_id: String,
    pub parent_id: Option<String>,
    pub name: String,
    pub kind: SpanKind,
    pub start_ns: i64,
    pub end_ns: i64,
    /// The span's status is ERROR.
    pub errored: bool,
    /// The status's message, if any.
    pub status_message: Option<String>,
    pub attributes: Map<String, Value>,
    /// Span events, exceptions included.
    pub events: Vec<SpanEvent>,
    pub links: Vec<SpanLink>,
    pub service: String,
    pub resource: Arc<Map<String, Value>>,
}

/// The one mapping of an OpenTelemetry span onto a [`SpanRecord`]: the HTTP and database
/// conventions (old and new names), the status (HTTP class first, then ERROR as a fault),
/// exceptions from `exception` events, and the remote service of a client span.
pub fn otel_record(span: OtelSpan, now_ns: i64) -> Result<SpanRecord, Rejected> {
    check_times(span.start_ns, Some(span.end_ns), now_ns)?;
    let attributes = span.attributes;
    let kind = span.kind;
    let http_status = first_int(&attributes, semconv::HTTP_STATUS);
    let status = match (http_status.and_then(SpanStatus::of_http), span.errored) {
        (Some(class), _) => class,
        (None, true) => SpanStatus::Fault,
        (None, false) => SpanStatus::Ok,
    };
    let exceptions = span
        .events
        .iter()
        .filter(|e| e.name == "exception")
        .map(|e| SpanException {
            kind: first_text(&e.attributes, &["exception.type"]),
            message: first_text(&e.attributes, &["exception.message"]).unwrap_or_default(),
            stacktrace: first_text(&e.attributes, &["exception.stacktrace"]),
        })
        .collect();
    let http_url = first_text(&attributes, semconv::HTTP_URL)
        .or_else(|| first_text(&attributes, semconv::HTTP_TARGET));
    let remote_service = matches!(kind, SpanKind::Client | SpanKind::Producer)
        .then(|| {
            first_text(&attributes, semconv::REMOTE_SERVICE)
                .or_else(|| http_url.as_deref().and_then(url_authority))
        })
        .flatten();
    Ok(SpanRecord {
        trace_id: span.trace_id,
        span_id: span.span_id,
        parent_id: span.parent_id,
        service: span.service,
        name: span.name,
        kind,
        start_ns: span.start_ns,
        end_ns: Some(span.end_ns),
        status,
        http_method: first_text(&attributes, semconv::HTTP_METHOD).map(|m| m.to_ascii_uppercase()),
        http_route: first_text(&attributes, semconv::HTTP_ROUTE),
        http_url,
        http_status,
        db_statement: first_text(&attributes, semconv::DB_STATEMENT),
        remote_service,
        exceptions,
        resource: span.resource,
        attributes,
        source: SpanSource::Otlp,
        detail: SpanDetail {
            status_message: span.status_message,
            events: span.events,
            links: span.links,
        },
    })
}

/// OTLP key-values as a JSON object (string, bool, int, double, arrays, nested maps; bytes
/// as hex), keyed by attribute name as Honeycomb shows them, within the limits: each string
/// at most [`MAX_VALUE_BYTES`] (cut on a character boundary, [`TRUNCATED_MARK`] appended),
/// the whole at most [`MAX_SPAN_BYTES`] (the rest left out and counted under
/// [`DROPPED_KEY`]); `truncated` counts the cuts. The key-values are given up: keys and
/// strings move into the object (nothing of a request is held twice, however large).
pub fn capped_attributes(attributes: Vec<KeyValue>, truncated: &mut usize) -> Map<String, Value> {
    let mut out = Map::with_capacity(attributes.len());
    let mut bytes = 0usize;
    let mut dropped = 0usize;
    for kv in attributes {
        let value = any_value_json(kv.value, truncated);
        let size = kv.key.len() + json_size(&value);
        if bytes + size > MAX_SPAN_BYTES {
            dropped += 1;
            continue;
        }
        bytes += size;
        out.insert(kv.key, value);
    }
    if dropped > 0 {
        *truncated += 1;
        out.insert(DROPPED_KEY.into(), Value::from(dropped));
    }
    out
}

/// About how many bytes a value takes as JSON.
fn json_size(value: &Value) -> usize {
    match value {
        Value::String(s) => s.len() + 2,
        Value::Array(a) => 2 + a.iter().map(|v| json_size(v) + 1).sum::<usize>(),
        Value::Object(m) => {
            2 + m
                .iter()
                .map(|(k, v)| k.len() + 4 + json_size(v))
                .sum::<usize>()
        }
        _ => 8,
    }
}

/// A string no longer than [`MAX_VALUE_BYTES`], marked when it was cut.
fn capped_text(s: String, truncated: &mut usize) -> Value {
    Value::String(cut_text(s, MAX_VALUE_BYTES, truncated))
}

/// `s` cut to at most `limit` bytes on a character boundary, [`TRUNCATED_MARK`] appended
/// and `truncated` counted when it was longer.
pub(crate) fn cut_text(mut s: String, limit: usize, truncated: &mut usize) -> String {
    if s.len() <= limit {
        return s;
    }
    *truncated += 1;
    let mut end = limit;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s.push_str(TRUNCATED_MARK);
    // The cut string keeps no more than it shows (it held up to a whole request).
    s.shrink_to_fit();
    s
}

/// An OTLP value as JSON, within the limits of [`capped_attributes`].
pub(crate) fn any_value_json(value: Option<AnyValue>, truncated: &mut usize) -> Value {
    match value.and_then(|v| v.value) {
        None => Value::Null,
        Some(any_value::Value::StringValue(s)) => capped_text(s, truncated),
        Some(any_value::Value::BoolValue(b)) => Value::from(b),
        Some(any_value::Value::IntValue(i)) => Value::from(i),
        Some(any_value::Value::DoubleValue(d)) => {
            serde_json::Number::from_f64(d).map_or(Value::Null, Value::Number)
        }
        Some(any_value::Value::BytesValue(b)) => {
            let b = &b[..b.len().min(MAX_VALUE_BYTES / 2)];
            Value::from(crate::model::trace::lower_hex(b))
        }
        Some(any_value::Value::ArrayValue(a)) => Value::Array(
            a.values
                .into_iter()
                .map(|v| any_value_json(Some(v), truncated))
                .collect(),
        ),
        Some(any_value::Value::KvlistValue(kv)) => {
            Value::Object(capped_attributes(kv.values, truncated))
        }
        #[allow(unreachable_patterns)] // newer protocol versions add kinds
        Some(_) => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use opentelemetry_proto::tonic::resource::v1::Resource;
    use opentelemetry_proto::tonic::trace::v1::{ResourceSpans, ScopeSpans, Status};

    const NOW: i64 = 1_800_000_100 * 1_000_000_000;

    fn kv(key: &str, value: any_value::Value) -> KeyValue {
        KeyValue {
            key: key.into(),
            value: Some(AnyValue { value: Some(value) }),
            ..Default::default()
        }
    }

    fn s(text: &str) -> any_value::Value {
        any_value::Value::StringValue(text.into())
    }

    fn request(spans: Vec<Span>) -> ExportTraceServiceRequest {
        ExportTraceServiceRequest {
            resource_spans: vec![ResourceSpans {
                resource: Some(Resource {
                    attributes: vec![kv("service.name", s("backend-flask"))],
                    ..Default::default()
                }),
                scope_spans: vec![ScopeSpans {
                    spans,
                    ..Default::default()
                }],
                ..Default::default()
            }],
        }
    }

    fn span(id: u8, parent: Option<u8>, attributes: Vec<KeyValue>) -> Span {
        Span {
            trace_id: vec![0x6b; 16],
            span_id: vec![id; 8],
            parent_span_id: parent.map(|p| vec![p; 8]).unwrap_or_default(),
            name: format!("span {id}"),
            kind: span::SpanKind::Server as i32,
            start_time_unix_nano: 1_800_000_000_000_000_000,
            end_time_unix_nano: 1_800_000_000_250_000_000,
            attributes,
            ..Default::default()
        }
    }

    #[test]
    fn old_and_new_semantic_convention_names_land_in_the_same_columns() {
        let old = span(
            1,
            None,
            vec![
                kv("http.method", s("GET")),
                kv("http.status_code", any_value::Value::IntValue(503)),
                kv("http.target", s("/api/activities/home?x=1")),
                kv("http.route", s("/api/activities/home")),
            ],
        );
        let new = span(
            2,
            Some(1),
            vec![
                kv("http.request.method", s("POST")),
                kv("http.response.status_code", any_value::Value::IntValue(429)),
                kv("url.full", s("http://localhost:4567/api/messages")),
                kv("db.query.text", s("SELECT 1")),
            ],
        );
        let converted = convert(request(vec![old, new]), NOW);
        assert!(converted.rejected.is_empty());
        let [a, b] = converted.records.as_slice() else {
            panic!("two records")
        };
        assert_eq!(a.trace_id, "6b".repeat(16));
        assert_eq!(a.span_id, "01".repeat(8));
        assert_eq!(
            (a.http_method.as_deref(), a.http_status, a.status),
            (Some("GET"), Some(503), SpanStatus::Fault)
        );
        assert_eq!(a.http_url.as_deref(), Some("/api/activities/home?x=1"));
        assert_eq!(a.http_route.as_deref(), Some("/api/activities/home"));
        assert_eq!(a.service, "backend-flask");
        assert_eq!(a.duration_ms(), Some(250.0));
        assert_eq!(b.parent_id.as_deref(), Some("01".repeat(8).as_str()));
        assert_eq!(
            (b.http_method.as_deref(), b.status),
            (Some("POST"), SpanStatus::Throttle)
        );
        assert_eq!(b.db_statement.as_deref(), Some("SELECT 1"));
        assert_eq!(b.attributes["http.response.status_code"], Value::from(429));
    }

    #[test]
    fn error_status_exceptions_and_bad_ids() {
        let mut failed = span(3, None, vec![]);
        failed.status = Some(Status {
            code: status::StatusCode::Error as i32,
            message: "boom".into(),
        });
        failed.events.push(span::Event {
            name: "exception".into(),
            attributes: vec![
                kv("exception.type", s("ZeroDivisionError")),
                kv("exception.message", s("division by zero")),
            ],
            ..Default::default()
        });
        let mut short_id = span(4, None, vec![]);
        short_id.span_id = vec![1, 2, 3];
        let mut zero_time = span(5, None, vec![]);
        zero_time.start_time_unix_nano = 0;
        let mut zero_trace = span(6, None, vec![]);
        zero_trace.trace_id = vec![0; 16];
        let converted = convert(request(vec![failed, short_id, zero_time, zero_trace]), NOW);
        assert_eq!(converted.records.len(), 1);
        let r = &converted.records[0];
        assert_eq!(r.status, SpanStatus::Fault);
        assert_eq!(
            (
                r.exceptions[0].kind.as_deref(),
                r.exceptions[0].message.as_str()
            ),
            (Some("ZeroDivisionError"), "division by zero")
        );
        assert_eq!(
            converted.rejection_message(),
            "3 span(s) rejected: span id is 3 bytes, not 8; start time is 0; trace id is all zeros"
        );
    }
}
