//! One trace put together from every source that holds part of it: spans de-duplicated
//! across sources, and log lines placed under the span that was running when they were
//! written (`tracectl trace ID`).

use std::collections::HashMap;

use crate::model::span::SpanRecord;
use crate::model::tail::LogEvent;
use crate::model::trace::TraceId;

/// The spans of several sources as one set: a span held by two sources (the local store and
/// X-Ray, say) is kept once, the first source's copy, unless only a later one is complete.
pub fn merge_spans(sources: Vec<Vec<SpanRecord>>) -> Vec<SpanRecord> {
    let mut merged: Vec<SpanRecord> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for span in sources.into_iter().flatten() {
        match at.get(&span.span_id) {
            Some(&i) => {
                if merged[i].end_ns.is_none() && span.end_ns.is_some() {
                    merged[i] = span;
                }
            }
            None => {
                at.insert(span.span_id.clone(), merged.len());
                merged.push(span);
            }
        }
    }
    merged.sort_by_key(|s| s.start_ns);
    merged
}

/// Whether a log line names the trace, in its W3C or X-Ray form (apps log either).
pub fn mentions(message: &str, id: &TraceId) -> bool {
    let w3c = id.w3c();
    message.contains(id.as_str())
        || message.contains(&w3c)
        || message.to_ascii_lowercase().contains(&w3c)
}

/// The trace ids an error report carries: the W3C `traceparent` header
/// (`00-<trace>-<span>-<flags>`), X-Ray's `X-Amzn-Trace-Id` (`Root=1-...`), and any string
/// of `custom` data that is a trace id in either form (`trace_id`, `traceId`, ...), each
/// once, in that order. `headers` is an object of header names (any case) to values.
pub fn trace_ids_in(headers: &serde_json::Value, custom: &serde_json::Value) -> Vec<TraceId> {
    let mut found: Vec<TraceId> = Vec::new();
    let mut add = |id: Option<TraceId>| {
        if let Some(id) = id
            && !found.contains(&id)
        {
            found.push(id);
        }
    };
    if let Some(headers) = headers.as_object() {
        for (name, value) in headers {
            let Some(value) = value.as_str() else {
                continue;
            };
            match name.to_ascii_lowercase().as_str() {
                "traceparent" => add(value.split('-').nth(1).and_then(|t| t.parse().ok())),
                "x-amzn-trace-id" => add(value
                    .split(';')
                    .find_map(|part| part.trim().strip_prefix("Root="))
                    .and_then(|root| root.parse().ok())),
                _ => {}
            }
        }
    }
    fn strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>, depth: usize) {
        // Custom data is the app's: bounded, so a deep document cannot recurse for ever.
        if depth > 8 {
            return;
        }
        match value {
            serde_json::Value::String(s) => out.push(s),
            serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out, depth + 1)),
            serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out, depth + 1)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    strings(custom, &mut texts, 0);
    for text in texts {
        add(text.parse().ok());
    }
    found
}

/// Log lines by the span that was running when each was written: of the spans whose time
/// holds the line's timestamp, the one that started last (the innermost). Lines no span
/// holds are returned apart, in order.
pub fn place_logs(
    spans: &[SpanRecord],
    logs: Vec<LogEvent>,
) -> (HashMap<String, Vec<LogEvent>>, Vec<LogEvent>) {
    let mut placed: HashMap<String, Vec<LogEvent>> = HashMap::new();
    let mut apart = Vec::new();
    for line in logs {
        let at_ns = line.timestamp.saturating_mul(1_000_000);
        // Log timestamps have millisecond precision: a line holds for its whole millisecond.
        match running_at(spans, at_ns, 999_999) {
            Some(span) => placed.entry(span.span_id.clone()).or_default().push(line),
            None => apart.push(line),
        }
    }
    (placed, apart)
}

/// The span that was running at `at_ns` (give or take `slack_ns` at its start): of the
/// spans whose time holds it, the one that started last (the innermost).
pub fn running_at(spans: &[SpanRecord], at_ns: i64, slack_ns: i64) -> Option<&SpanRecord> {
    spans
        .iter()
        .filter(|s| {
            s.start_ns <= at_ns.saturating_add(slack_ns) && s.end_ns.is_none_or(|end| at_ns <= end)
        })
        .max_by_key(|s| s.start_ns)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn an_error_reports_trace_ids_from_headers_and_custom_data() {
        let headers = serde_json::json!({
            "Traceparent": "00-5b8efff798038103d269b633813fc60c-eee19b7ec3c1b174-01",
            "X-Amzn-Trace-Id": "Self=1-67891234-abcdef012345678912345678;Root=1-5f84c7a1-0123456789abcdef01234567;Sampled=1",
            "Accept": "*/*",
        });
        let custom = serde_json::json!({"request": {"trace_id": "5B8EFFF798038103D269B633813FC60C"},
                                        "note": "not an id", "n": 3});
        let found: Vec<String> = trace_ids_in(&headers, &custom)
            .iter()
            .map(|t| t.w3c())
            .collect();
        // Each once (the custom copy of the traceparent's id is the same trace).
        assert_eq!(
            found,
            [
                "5b8efff798038103d269b633813fc60c",
                "5f84c7a10123456789abcdef01234567"
            ]
        );
        assert!(trace_ids_in(&serde_json::Value::Null, &serde_json::Value::Null).is_empty());
    }

    fn span(id: &str, parent: Option<&str>, start_ms: i64, end_ms: Option<i64>) -> SpanRecord {
        SpanRecord::for_test(
            "5f84c7a10123456789abcdef01234567",
            id,
            parent,
            start_ms * 1_000_000,
            end_ms.map(|e| e * 1_000_000),
        )
    }

    fn line(ms: i64, message: &str) -> LogEvent {
        LogEvent {
            group: Arc::from("/cruddur/backend-flask"),
            stream: "web".into(),
            event_id: ms.to_string(),
            timestamp: ms,
            ingestion_time: ms,
            message: message.into(),
        }
    }

    #[test]
    fn a_span_two_sources_hold_is_kept_once_and_complete() {
        let local = vec![
            span("a", None, 0, Some(100)),
            span("b", Some("a"), 10, None),
        ];
        let xray = vec![
            span("b", Some("a"), 10, Some(50)),
            span("c", Some("a"), 60, Some(90)),
        ];
        let merged = merge_spans(vec![local, xray]);
        let shown: Vec<(&str, Option<i64>)> = merged
            .iter()
            .map(|s| (s.span_id.as_str(), s.end_ns.map(|e| e / 1_000_000)))
            .collect();
        assert_eq!(shown, [("a", Some(100)), ("b", Some(50)), ("c", Some(90))]);
    }

    #[test]
    fn lines_go_to_the_innermost_running_span_and_the_rest_apart() {
        let spans = vec![
            span("root", None, 1_000, Some(1_100)),
            span("db", Some("root"), 1_020, Some(1_040)),
        ];
        let (placed, apart) = place_logs(
            &spans,
            vec![
                line(990, "before"),
                line(1_005, "in root"),
                line(1_030, "in db"),
                line(1_060, "in root after db"),
                line(1_200, "after"),
            ],
        );
        let messages =
            |id: &str| -> Vec<String> { placed[id].iter().map(|l| l.message.clone()).collect() };
        assert_eq!(messages("root"), ["in root", "in root after db"]);
        assert_eq!(messages("db"), ["in db"]);
        assert_eq!(
            apart.iter().map(|l| l.message.as_str()).collect::<Vec<_>>(),
            ["before", "after"]
        );
    }

    #[test]
    fn an_id_is_found_in_either_form() {
        let id: TraceId = "5f84c7a10123456789abcdef01234567".parse().unwrap();
        assert!(mentions(
            "otelTraceID=5f84c7a10123456789abcdef01234567 GET /",
            &id
        ));
        assert!(mentions(
            "Root=1-5f84c7a1-0123456789abcdef01234567;Parent=1",
            &id
        ));
        assert!(mentions("trace 5F84C7A10123456789ABCDEF01234567", &id));
        assert!(!mentions("trace 5f84c7a10123456789abcdef01234568", &id));
    }
}
