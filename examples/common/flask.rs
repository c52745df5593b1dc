//! The requests of a Flask app as its OpenTelemetry SDK exports them: what bench_local
//! sends and what writer_cost stores.

use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::common::v1::{AnyValue, KeyValue, any_value};
use opentelemetry_proto::tonic::resource::v1::Resource;
use opentelemetry_proto::tonic::trace::v1::{ResourceSpans, ScopeSpans, Span};
use prost::Message;

/// Spans an export, as the SDK's BatchSpanProcessor sends them.
pub const BATCH: usize = 512;

pub fn kv(key: &str, value: any_value::Value) -> KeyValue {
    KeyValue {
        key: key.into(),
        value: Some(AnyValue { value: Some(value) }),
        ..Default::default()
    }
}

pub fn s(text: &str) -> any_value::Value {
    any_value::Value::StringValue(text.into())
}

/// One batch as a Flask app sends it: a server span per request with its HTTP attributes
/// and a database child, 512 spans.
pub fn batch(sender: usize, n: usize) -> Vec<u8> {
    let now = jiff::Timestamp::now().as_nanosecond() as u64;
    let spans = (0..BATCH)
        .map(|i| {
            let request = (sender * 1_000_000 + n * BATCH + i) as u64;
            // Random-looking, as the SDKs' W3C ids are (two spans a trace): the key of the
            // spans table then arrives in no order, as it does from a real app.
            let mix = |mut z: u64| {
                z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
                z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                z ^ (z >> 31)
            };
            let mut trace_id = [0u8; 16];
            trace_id[..8].copy_from_slice(&mix(request / 2 + 1).to_be_bytes());
            trace_id[8..].copy_from_slice(&mix(request / 2 + 0x6b04_d9b5).to_be_bytes());
            let root = i % 2 == 0;
            // Each request began 20 µs after the one before, its database call 1 ms into
            // it, as an app's spans do (a batch of one shared start and end made every
            // insert into the index by service compare trace ids instead).
            let began = now - 15_000_000 + (i / 2) as u64 * 20_000;
            Span {
                trace_id: trace_id.to_vec(),
                span_id: (request + 1).to_be_bytes().to_vec(),
                parent_span_id: if root {
                    Vec::new()
                } else {
                    request.to_be_bytes().to_vec()
                },
                name: if root {
                    "GET /api/activities/home".into()
                } else {
                    "SELECT".into()
                },
                kind: if root { 2 } else { 3 },
                start_time_unix_nano: began + if root { 0 } else { 1_000_000 },
                end_time_unix_nano: began + if root { 5_000_000 } else { 4_000_000 },
                attributes: if root {
                    vec![
                        kv("http.request.method", s("GET")),
                        kv("http.route", s("/api/activities/home")),
                        kv("url.path", s("/api/activities/home")),
                        kv("http.response.status_code", any_value::Value::IntValue(200)),
                    ]
                } else {
                    vec![
                        kv("db.system", s("postgresql")),
                        kv(
                            "db.query.text",
                            s("SELECT uuid, message FROM activities LIMIT 20"),
                        ),
                    ]
                },
                ..Default::default()
            }
        })
        .collect();
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
    .encode_to_vec()
}
