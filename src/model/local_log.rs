//! A log line the local collector keeps beside the spans, whichever way the app sent it:
//! an OpenTelemetry log record (OTLP) or an event of the CloudWatch Logs stand-in
//! (Watchtower). Both become one [`LogRecord`], so `local logs`, `local trace` and
//! `tracectl trace` read one kind of line.

use std::sync::Arc;

use opentelemetry_proto::tonic::collector::logs::v1::ExportLogsServiceRequest;
use opentelemetry_proto::tonic::common::v1::{AnyValue, any_value};
use serde_json::{Map, Value};

use crate::model::otlp::{any_value_json, capped_attributes, cut_text};
use crate::model::span::{Rejected, first_text};
use crate::model::tail::LogEvent;

/// The most bytes of a string body one OTLP log record keeps (cut with the mark past it,
/// and counted): CloudWatch Logs' own limit for an event's message, so a line is kept
/// alike whichever way the app sent it (the stand-in refuses a larger batch outright).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Which receiver a line came through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LogSource {
    Otlp,
    Cloudwatch,
}

impl LogSource {
    pub fn as_str(self) -> &'static str {
        match self {
            LogSource::Otlp => "otlp",
            LogSource::Cloudwatch => "cloudwatch",
        }
    }

    pub fn stored(text: &str) -> LogSource {
        if text == "cloudwatch" {
            LogSource::Cloudwatch
        } else {
            LogSource::Otlp
        }
    }
}

/// One log line as stored. Times are epoch nanoseconds.
#[derive(Debug, Clone, PartialEq)]
pub struct LogRecord {
    /// When it was written (OTLP `time_unix_nano`, else its observed time; CloudWatch: the
    /// event's timestamp).
    pub time_ns: i64,
    /// When it was seen: OTLP's observed time, or when the stand-in received it.
    pub observed_ns: i64,
    /// OTLP's severity number (1-24: TRACE..FATAL), when known.
    pub severity_number: Option<i32>,
    /// The severity as the app named it (`INFO`, `ERROR`, ...), when known.
    pub severity_text: Option<String>,
    /// The message: a string body as sent, any other body as JSON; a CloudWatch message
    /// exactly as sent.
    pub body: String,
    /// W3C form (32 hex digits).
    pub trace_id: Option<String>,
    pub span_id: Option<String>,
    /// The resource's `service.name` (OTLP).
    pub service: Option<String>,
    /// The instrumentation scope (OTLP: the Python logger's name).
    pub scope: Option<String>,
    /// The log group and stream (CloudWatch).
    pub group: Option<String>,
    pub stream: Option<String>,
    pub attributes: Map<String, Value>,
    pub resource: Arc<Map<String, Value>>,
    pub source: LogSource,
}

/// A stored line: its arrival number (what `-f` follows by) and the line.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredLog {
    pub id: i64,
    pub record: LogRecord,
}

impl LogRecord {
    /// About how many bytes it holds in memory (the collector's budget counts them).
    pub fn approx_bytes(&self) -> usize {
        let text = |s: &Option<String>| s.as_ref().map_or(0, String::len);
        // Values are sized without being written out (an attribute can be a nested map of
        // a megabyte, which the budget must see).
        fn value(v: &serde_json::Value) -> usize {
            24 + match v {
                serde_json::Value::String(s) => s.len(),
                serde_json::Value::Array(a) => a.iter().map(value).sum(),
                serde_json::Value::Object(o) => o.iter().map(|(k, v)| k.len() + value(v)).sum(),
                _ => 8,
            }
        }
        160 + self.body.len()
            + text(&self.severity_text)
            + text(&self.service)
            + text(&self.scope)
            + text(&self.group)
            + text(&self.stream)
            + self
                .attributes
                .iter()
                .map(|(k, v)| k.len() + 16 + value(v))
                .sum::<usize>()
    }

    /// The severity word: the app's own text, else the name of OTLP's number, else one
    /// guessed from a CloudWatch line's first words (`ERROR:...`, `[WARNING]`, a JSON
    /// `level`): what `--level` compares.
    pub fn severity(&self) -> Option<String> {
        if let Some(text) = self.severity_text.as_ref().filter(|t| !t.is_empty()) {
            return Some(text.to_ascii_uppercase());
        }
        if let Some(n) = self.severity_number.filter(|n| *n > 0) {
            return Some(severity_name(n).to_string());
        }
        severity_in_message(&self.body).map(str::to_string)
    }

    /// The line as `logs tail`'s renderer takes it: CloudWatch lines keep their group and
    /// stream; OTLP lines are grouped by service and streamed by logger.
    pub fn as_event(&self, id: i64) -> LogEvent {
        let group = self
            .group
            .clone()
            .or_else(|| self.service.clone())
            .unwrap_or_else(|| "unknown_service".into());
        let stream = self
            .stream
            .clone()
            .or_else(|| self.scope.clone().filter(|s| !s.is_empty()))
            .unwrap_or_else(|| self.source.as_str().into());
        LogEvent {
            group: Arc::from(group),
            stream,
            event_id: id.to_string(),
            timestamp: self.time_ns.div_euclid(1_000_000),
            ingestion_time: self.observed_ns.div_euclid(1_000_000),
            message: self.body.clone(),
        }
    }
}

/// OTLP's severity numbers by range (logs data model: 1-4 TRACE, 5-8 DEBUG, 9-12 INFO,
/// 13-16 WARN, 17-20 ERROR, 21-24 FATAL).
pub fn severity_name(number: i32) -> &'static str {
    match number {
        ..=0 => "UNSPECIFIED",
        1..=4 => "TRACE",
        5..=8 => "DEBUG",
        9..=12 => "INFO",
        13..=16 => "WARN",
        17..=20 => "ERROR",
        _ => "FATAL",
    }
}

/// The rank of a severity word, for `--level` (at least this severe): TRACE 1 .. FATAL 6.
/// Python's and syslog's names are ranked with OTLP's (`WARNING` is `WARN`, `CRITICAL`
/// is `FATAL`).
pub fn severity_rank(word: &str) -> Option<u8> {
    Some(match word.to_ascii_uppercase().as_str() {
        "TRACE" => 1,
        "DEBUG" => 2,
        "INFO" | "NOTICE" => 3,
        "WARN" | "WARNING" => 4,
        "ERROR" | "ERR" => 5,
        "FATAL" | "CRITICAL" | "CRIT" | "ALERT" | "EMERG" | "PANIC" => 6,
        _ => return None,
    })
}

/// A severity word at the start of a plain line (`ERROR:app:...`, `[WARNING] ...`,
/// `2026-11-24 10:00:01 ERROR ...`) or in a JSON line's `level`/`levelname`/`severity`.
fn severity_in_message(message: &str) -> Option<&'static str> {
    let trimmed = message.trim_start();
    if trimmed.starts_with('{')
        && let Ok(Value::Object(map)) = serde_json::from_str::<Value>(trimmed)
    {
        let word = ["level", "levelname", "severity", "log.level"]
            .iter()
            .find_map(|k| map.get(*k).and_then(Value::as_str))?;
        return canonical_severity(word);
    }
    trimmed
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .take(4)
        .find_map(|w| canonical_severity(w).filter(|_| w.chars().all(|c| c.is_ascii_uppercase())))
}

fn canonical_severity(word: &str) -> Option<&'static str> {
    Some(match severity_rank(word)? {
        1 => "TRACE",
        2 => "DEBUG",
        3 => "INFO",
        4 => "WARN",
        5 => "ERROR",
        _ => "FATAL",
    })
}

/// The trace (and span) a CloudWatch line names: a JSON line's `trace_id`/`traceId`/
/// `otelTraceID` (and `span_id`/`spanId`/`otelSpanID`), a W3C `traceparent`, an X-Ray
/// `Root=1-...` or `1-5f84c7a1-...` id, or a lone run of 32 hex digits; W3C form.
pub fn ids_in_message(message: &str) -> (Option<String>, Option<String>) {
    let trimmed = message.trim();
    if trimmed.starts_with('{')
        && let Ok(Value::Object(map)) = serde_json::from_str::<Value>(trimmed)
    {
        let text = |keys: &[&str]| {
            keys.iter()
                .find_map(|k| map.get(*k).and_then(Value::as_str))
                .map(str::to_string)
        };
        let trace = text(&["trace_id", "traceId", "otelTraceID", "trace.id"])
            .and_then(|t| t.parse::<crate::model::trace::TraceId>().ok())
            .map(|t| t.w3c());
        let span = text(&["span_id", "spanId", "otelSpanID", "span.id"])
            .filter(|s| s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit()))
            .map(|s| s.to_ascii_lowercase());
        if trace.is_some() {
            return (trace, span);
        }
    }
    // Tokens of hex digits and dashes: a traceparent, an X-Ray id, or a W3C id; every
    // form is at least 32 characters, so the many short words of a line cost a length.
    for token in message.split(|c: char| !(c.is_ascii_hexdigit() || c == '-')) {
        if token.len() < 32 {
            continue;
        }
        let mut parts = token.split('-');
        let parts = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        );
        match parts {
            (Some("00"), Some(trace), Some(span), Some(_flags), None)
                if trace.len() == 32 && span.len() == 16 =>
            {
                if let Ok(id) = trace.parse::<crate::model::trace::TraceId>() {
                    return (Some(id.w3c()), Some(span.to_ascii_lowercase()));
                }
            }
            (Some("1"), Some(epoch), Some(random), None, None)
                if epoch.len() == 8 && random.len() == 24 =>
            {
                if let Ok(id) = token.parse::<crate::model::trace::TraceId>() {
                    return (Some(id.w3c()), None);
                }
            }
            (Some(one), None, ..) if one.len() == 32 => {
                if let Ok(id) = one.parse::<crate::model::trace::TraceId>() {
                    return (Some(id.w3c()), None);
                }
            }
            _ => {}
        }
    }
    (None, None)
}

/// What one OTLP logs export held: the lines to store and the ones refused, with why.
#[derive(Debug, Default)]
pub struct ConvertedLogs {
    pub records: Vec<LogRecord>,
    pub rejected: Vec<Rejected>,
    pub truncated: usize,
}

impl ConvertedLogs {
    pub fn approx_bytes(&self) -> usize {
        self.records.iter().map(LogRecord::approx_bytes).sum()
    }

    /// The OTLP `partial_success.error_message`.
    pub fn rejection_message(&self) -> String {
        crate::model::span::rejection_message(&self.rejected, "log record(s)")
    }
}

/// Every log record of an OTLP export. A record's ids must be empty or valid (16 and 8
/// bytes, not zero); a record with neither time is stamped with `now_ns`, as the
/// collector's receivers do.
pub fn convert_logs(request: ExportLogsServiceRequest, now_ns: i64) -> ConvertedLogs {
    let mut out = ConvertedLogs::default();
    for resource_logs in request.resource_logs {
        let resource = Arc::new(
            resource_logs
                .resource
                .map(|r| capped_attributes(r.attributes, &mut out.truncated))
                .unwrap_or_default(),
        );
        let service = first_text(&resource, &["service.name"]);
        for scope_logs in resource_logs.scope_logs {
            let scope = scope_logs.scope.map(|s| s.name);
            for log in scope_logs.log_records {
                let ids = (|| -> Result<(Option<String>, Option<String>), Rejected> {
                    let id = |bytes: &[u8], len: usize, what: &str| {
                        if bytes.is_empty() {
                            return Ok(None);
                        }
                        crate::model::trace::received_id_bytes(bytes, len, what)
                            .map(Some)
                            .map_err(|reason| Rejected { reason })
                    };
                    Ok((
                        id(&log.trace_id, 16, "trace id")?,
                        id(&log.span_id, 8, "span id")?,
                    ))
                })();
                let (trace_id, span_id) = match ids {
                    Ok(ids) => ids,
                    Err(rejected) => {
                        out.rejected.push(rejected);
                        continue;
                    }
                };
                let as_ns = |t: u64| i64::try_from(t).ok().filter(|t| *t > 0);
                let observed_ns = as_ns(log.observed_time_unix_nano).unwrap_or(now_ns);
                let time_ns = as_ns(log.time_unix_nano).unwrap_or(observed_ns);
                let body = match log.body {
                    Some(AnyValue {
                        value: Some(any_value::Value::StringValue(s)),
                    }) => cut_text(s, MAX_BODY_BYTES, &mut out.truncated),
                    Some(AnyValue { value: None }) | None => String::new(),
                    body => any_value_json(body, &mut out.truncated).to_string(),
                };
                out.records.push(LogRecord {
                    time_ns,
                    observed_ns,
                    severity_number: (log.severity_number > 0).then_some(log.severity_number),
                    severity_text: Some(log.severity_text).filter(|t| !t.is_empty()),
                    body,
                    trace_id,
                    span_id,
                    service: service.clone(),
                    scope: scope.clone().filter(|s| !s.is_empty()),
                    group: None,
                    stream: None,
                    attributes: capped_attributes(log.attributes, &mut out.truncated),
                    resource: resource.clone(),
                    source: LogSource::Otlp,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use opentelemetry_proto::tonic::common::v1::{
        AnyValue, InstrumentationScope, KeyValue, KeyValueList,
    };
    use opentelemetry_proto::tonic::logs::v1::{LogRecord as OtelLog, ResourceLogs, ScopeLogs};
    use opentelemetry_proto::tonic::resource::v1::Resource;

    fn text(s: &str) -> Option<AnyValue> {
        Some(AnyValue {
            value: Some(any_value::Value::StringValue(s.into())),
        })
    }

    #[test]
    fn a_log_records_oversized_values_are_cut_and_counted() {
        use crate::model::otlp::{MAX_VALUE_BYTES, TRUNCATED_MARK};
        let huge = "é".repeat(MAX_VALUE_BYTES); // twice the limit in bytes
        let request = ExportLogsServiceRequest {
            resource_logs: vec![ResourceLogs {
                scope_logs: vec![ScopeLogs {
                    log_records: vec![OtelLog {
                        observed_time_unix_nano: 1_800_000_000_000_000_000,
                        body: Some(AnyValue {
                            value: Some(any_value::Value::KvlistValue(KeyValueList {
                                values: vec![KeyValue {
                                    key: "payload".into(),
                                    value: text(&huge),
                                    ..Default::default()
                                }],
                            })),
                        }),
                        attributes: vec![KeyValue {
                            key: "request.body".into(),
                            value: text(&huge),
                            ..Default::default()
                        }],
                        ..Default::default()
                    }],
                    ..Default::default()
                }],
                ..Default::default()
            }],
        };
        let out = convert_logs(request, 1_900_000_000_000_000_000);
        assert_eq!(out.truncated, 2, "the attribute and the body's value");
        let kept = "é".repeat(MAX_VALUE_BYTES / 2) + TRUNCATED_MARK;
        let record = &out.records[0];
        assert_eq!(record.attributes["request.body"], Value::from(kept.clone()));
        assert_eq!(
            serde_json::from_str::<Value>(&record.body).unwrap(),
            serde_json::json!({ "payload": kept })
        );
    }

    #[test]
    fn a_string_body_past_the_cloudwatch_limit_is_cut_and_counted() {
        use crate::model::otlp::TRUNCATED_MARK;
        let record = |body: &str| OtelLog {
            observed_time_unix_nano: 1_800_000_000_000_000_000,
            body: text(body),
            ..Default::default()
        };
        // One byte short of the limit and then a two-byte character: cut before it.
        let long = "a".repeat(MAX_BODY_BYTES - 1) + "é" + "tail";
        let exact = "b".repeat(MAX_BODY_BYTES);
        let request = ExportLogsServiceRequest {
            resource_logs: vec![ResourceLogs {
                scope_logs: vec![ScopeLogs {
                    log_records: vec![record(&long), record(&exact)],
                    ..Default::default()
                }],
                ..Default::default()
            }],
        };
        let out = convert_logs(request, 1_900_000_000_000_000_000);
        assert_eq!(out.truncated, 1, "only the longer body");
        assert_eq!(
            out.records[0].body,
            "a".repeat(MAX_BODY_BYTES - 1) + TRUNCATED_MARK
        );
        assert_eq!(
            out.records[1].body, exact,
            "a body at the limit is kept whole"
        );
    }

    #[test]
    fn otlp_records_keep_times_severity_ids_and_any_body() {
        let trace = hex::decode("5b8efff798038103d269b633813fc60c").unwrap();
        let span = hex::decode("eee19b7ec3c1b174").unwrap();
        let request = ExportLogsServiceRequest {
            resource_logs: vec![ResourceLogs {
                resource: Some(Resource {
                    attributes: vec![KeyValue {
                        key: "service.name".into(),
                        value: text("backend-flask"),
                        ..Default::default()
                    }],
                    ..Default::default()
                }),
                scope_logs: vec![ScopeLogs {
                    scope: Some(InstrumentationScope {
                        name: "app".into(),
                        ..Default::default()
                    }),
                    log_records: vec![
                        OtelLog {
                            time_unix_nano: 1_800_000_000_000_000_123,
                            observed_time_unix_nano: 1_800_000_000_500_000_000,
                            severity_number: 17,
                            severity_text: "ERROR".into(),
                            body: text("payment failed\n"),
                            trace_id: trace.clone(),
                            span_id: span.clone(),
                            ..Default::default()
                        },
                        // No time, a map body, no ids.
                        OtelLog {
                            observed_time_unix_nano: 1_800_000_001_000_000_000,
                            severity_number: 9,
                            body: Some(AnyValue {
                                value: Some(any_value::Value::KvlistValue(KeyValueList {
                                    values: vec![KeyValue {
                                        key: "user".into(),
                                        value: text("andrew"),
                                        ..Default::default()
                                    }],
                                })),
                            }),
                            ..Default::default()
                        },
                        OtelLog {
                            trace_id: vec![0; 16],
                            ..Default::default()
                        },
                    ],
                    ..Default::default()
                }],
                ..Default::default()
            }],
        };
        let out = convert_logs(request, 1_900_000_000_000_000_000);
        assert_eq!(out.records.len(), 2);
        let first = &out.records[0];
        assert_eq!(
            (first.time_ns, first.observed_ns, first.body.as_str()),
            (
                1_800_000_000_000_000_123,
                1_800_000_000_500_000_000,
                "payment failed\n"
            )
        );
        assert_eq!(
            first.trace_id.as_deref(),
            Some("5b8efff798038103d269b633813fc60c")
        );
        assert_eq!(first.span_id.as_deref(), Some("eee19b7ec3c1b174"));
        assert_eq!(first.service.as_deref(), Some("backend-flask"));
        assert_eq!(first.severity().as_deref(), Some("ERROR"));
        let second = &out.records[1];
        assert_eq!(second.time_ns, 1_800_000_001_000_000_000);
        assert_eq!(second.body, r#"{"user":"andrew"}"#);
        assert_eq!(second.severity().as_deref(), Some("INFO"));
        assert_eq!(
            (second.trace_id.clone(), second.span_id.clone()),
            (None, None)
        );
        assert_eq!(out.rejected.len(), 1);
        assert_eq!(
            out.rejection_message(),
            "1 log record(s) rejected: trace id is all zeros"
        );
        let event = first.as_event(7);
        assert_eq!(
            (
                &*event.group,
                event.stream.as_str(),
                event.event_id.as_str(),
                event.timestamp
            ),
            ("backend-flask", "app", "7", 1_800_000_000_000)
        );
    }

    #[test]
    fn trace_ids_are_found_in_each_form_a_line_carries_them() {
        let w3c = "5b8efff798038103d269b633813fc60c";
        let cases = [
            (
                r#"{"message":"hi","trace_id":"5b8efff798038103d269b633813fc60c","span_id":"eee19b7ec3c1b174"}"#,
                Some("eee19b7ec3c1b174"),
            ),
            (
                r#"{"otelTraceID":"5b8efff798038103d269b633813fc60c"}"#,
                None,
            ),
            (
                "GET / traceparent=00-5b8efff798038103d269b633813fc60c-eee19b7ec3c1b174-01 ok",
                Some("eee19b7ec3c1b174"),
            ),
            ("Root=1-5b8efff7-98038103d269b633813fc60c;Sampled=1", None),
            ("request 5B8EFFF798038103D269B633813FC60C done", None),
        ];
        for (line, span) in cases {
            assert_eq!(
                ids_in_message(line),
                (Some(w3c.to_string()), span.map(str::to_string)),
                "{line}"
            );
        }
        assert_eq!(ids_in_message("no id here, 0123456789abcdef"), (None, None));
        assert_eq!(ids_in_message(&"a".repeat(33)), (None, None));
    }

    #[test]
    fn severities_are_named_ranked_and_read_from_plain_lines() {
        assert_eq!(
            (severity_name(9), severity_name(13), severity_name(24)),
            ("INFO", "WARN", "FATAL")
        );
        assert!(severity_rank("warning") == severity_rank("WARN"));
        assert!(severity_rank("CRITICAL") > severity_rank("error"));
        let line = |body: &str| LogRecord {
            time_ns: 1,
            observed_ns: 1,
            severity_number: None,
            severity_text: None,
            body: body.into(),
            trace_id: None,
            span_id: None,
            service: None,
            scope: None,
            group: Some("/app".into()),
            stream: Some("s".into()),
            attributes: Map::new(),
            resource: Arc::default(),
            source: LogSource::Cloudwatch,
        };
        assert_eq!(
            line("ERROR:app:payment failed").severity().as_deref(),
            Some("ERROR")
        );
        assert_eq!(
            line("[WARNING] disk low").severity().as_deref(),
            Some("WARN")
        );
        assert_eq!(
            line(r#"{"level":"info","msg":"x"}"#).severity().as_deref(),
            Some("INFO")
        );
        // A word in the sentence is not a level.
        assert_eq!(line("the error was handled").severity(), None);
    }
}
