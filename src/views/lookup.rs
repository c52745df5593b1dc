//! `tracectl trace ID`'s report: what each source said of one trace id, the one span tree
//! drawn from every span found, the spans only Honeycomb's aggregates hold, and the log
//! lines that carry the id, each under the span that was running when it was written.
//! The sources are asked by the face (each needs its own settings); [`assemble`] makes the
//! report of what they gave.

use jiff::Timestamp;
use serde::Serialize;

use crate::error::Error;
use crate::model::lookup::place_logs;
use crate::model::span::{SpanRecord, trace_of};
use crate::model::tail::LogEvent;
use crate::model::trace::{Trace, TraceId};

/// What one source said.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Answer {
    Found { detail: String },
    NotFound { detail: String },
    NotAsked { why: String },
    Failed { error: String, hint: Option<String> },
}

impl Answer {
    pub fn not_asked(why: impl Into<String>) -> Answer {
        Answer::NotAsked { why: why.into() }
    }

    /// A failure as a row: the error's message and its first hint.
    pub fn failed(error: &Error) -> Answer {
        Answer::Failed {
            error: error.message().to_string(),
            hint: error.hints().first().cloned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SourceAnswer {
    /// `local`, `xray`, `honeycomb`, `logs` or `rollbar`.
    pub source: &'static str,
    #[serde(flatten)]
    pub answer: Answer,
}

/// A span Honeycomb holds that no source with timings has: shown apart, since the Query
/// Data API returns aggregates (no start times) for it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AggregateSpan {
    pub span_id: String,
    pub parent_id: Option<String>,
    pub name: Option<String>,
    pub service: Option<String>,
    pub duration_ms: Option<f64>,
}

/// A log line that carries the id.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LogLine {
    pub group: String,
    pub stream: String,
    pub timestamp: Timestamp,
    pub message: String,
    /// The span that was running when it was written.
    pub span_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TraceIdReport {
    /// The W3C form (32 hex digits).
    pub id: String,
    /// The X-Ray form (`1-5f84c7a1-...`).
    pub xray_id: String,
    pub sources: Vec<SourceAnswer>,
    /// The span tree of every span found with timings (local store, X-Ray).
    pub trace: Option<Trace>,
    pub honeycomb_only: Vec<AggregateSpan>,
    /// In time order.
    pub logs: Vec<LogLine>,
    /// More lines carried the id than are shown.
    pub logs_truncated: bool,
    /// Rollbar occurrences whose request or custom data carry the id, in time order.
    pub errors: Vec<super::rollbar::ErrorMatch>,
}

impl TraceIdReport {
    /// Whether any source found something of the trace.
    pub fn found(&self) -> bool {
        self.sources
            .iter()
            .any(|s| matches!(s.answer, Answer::Found { .. }))
    }

    /// The sources that failed.
    pub fn failed(&self) -> Vec<&SourceAnswer> {
        self.sources
            .iter()
            .filter(|s| matches!(s.answer, Answer::Failed { .. }))
            .collect()
    }
}

/// The report of what the sources gave: `spans` is every span with timings (merged, each
/// once), `honeycomb` what Honeycomb's aggregates hold, `logs` the lines that carry the id,
/// each with the span it names if it names one (the local store's lines do), which places
/// it when the trace has that span; the others are placed by time.
pub fn assemble(
    id: &TraceId,
    sources: Vec<SourceAnswer>,
    spans: &[SpanRecord],
    honeycomb: Vec<AggregateSpan>,
    logs: Vec<(LogEvent, Option<String>)>,
    logs_truncated: bool,
    errors: Vec<super::rollbar::ErrorMatch>,
) -> TraceIdReport {
    let honeycomb_only = honeycomb
        .into_iter()
        .filter(|h| !spans.iter().any(|s| s.span_id == h.span_id))
        .collect();
    let mut named: Vec<(LogEvent, String)> = Vec::new();
    let mut by_time = Vec::new();
    for (line, span) in logs {
        match span.filter(|id| spans.iter().any(|s| &s.span_id == id)) {
            Some(span) => named.push((line, span)),
            None => by_time.push(line),
        }
    }
    let (mut placed, apart) = place_logs(spans, by_time);
    for (line, span) in named {
        placed.entry(span).or_default().push(line);
    }
    let line = |l: LogEvent, span_id: Option<&String>| LogLine {
        group: l.group.to_string(),
        stream: l.stream,
        timestamp: Timestamp::from_millisecond(l.timestamp).unwrap_or_default(),
        message: l.message,
        span_id: span_id.cloned(),
    };
    let mut lines: Vec<LogLine> = placed
        .into_iter()
        .flat_map(|(span, lines)| {
            lines
                .into_iter()
                .map(|l| line(l, Some(&span)))
                .collect::<Vec<_>>()
        })
        .chain(apart.into_iter().map(|l| line(l, None)))
        .collect();
    // Stable, so lines of one millisecond keep the order they were found in.
    lines.sort_by_key(|l| l.timestamp);
    TraceIdReport {
        id: id.w3c(),
        xray_id: id.as_str().to_string(),
        sources,
        trace: (!spans.is_empty()).then(|| trace_of(&id.w3c(), spans)),
        honeycomb_only,
        logs: lines,
        logs_truncated,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::span::SpanKind;

    const MS: i64 = 1_000_000;
    const T0_MS: i64 = 1_700_000_000_000;

    fn span(id: &str, parent: Option<&str>, start_ms: i64, end_ms: i64) -> SpanRecord {
        let (id, parent) = (id.repeat(8), parent.map(|p| p.repeat(8)));
        SpanRecord {
            name: format!("span {}", &id[..2]),
            kind: SpanKind::Server,
            ..SpanRecord::for_test(
                &"ab".repeat(16),
                &id,
                parent.as_deref(),
                (T0_MS + start_ms) * MS,
                Some((T0_MS + end_ms) * MS),
            )
        }
    }

    fn log(at_ms: i64, message: &str) -> LogEvent {
        LogEvent {
            group: Arc::from("/app"),
            stream: "s".into(),
            event_id: message.into(),
            timestamp: T0_MS + at_ms,
            ingestion_time: T0_MS + at_ms,
            message: message.into(),
        }
    }

    #[test]
    fn lines_go_under_the_innermost_span_and_honeycomb_keeps_only_what_is_new() {
        let id: TraceId = "ab".repeat(16).parse().unwrap();
        let spans = [span("a1", None, 0, 100), span("b2", Some("a1"), 10, 50)];
        let honeycomb = vec![
            AggregateSpan {
                span_id: "a1".repeat(8),
                parent_id: None,
                name: None,
                service: None,
                duration_ms: Some(100.0),
            },
            AggregateSpan {
                span_id: "c3".repeat(8),
                parent_id: Some("a1".repeat(8)),
                name: Some("only in honeycomb".into()),
                service: None,
                duration_ms: Some(5.0),
            },
        ];
        let logs = vec![log(500, "after"), log(20, "inner"), log(5, "outer")]
            .into_iter()
            .map(|l| (l, None))
            .collect();
        let sources = vec![SourceAnswer {
            source: "local",
            answer: Answer::Found {
                detail: "2 spans".into(),
            },
        }];
        let report = assemble(&id, sources, &spans, honeycomb, logs, false, Vec::new());
        assert!(report.found());
        assert!(report.failed().is_empty());
        // One root with its child under it.
        let trace = report.trace.as_ref().unwrap();
        assert_eq!(trace.spans.len(), 1);
        assert_eq!(trace.spans[0].children[0].id, "b2".repeat(8));
        let only: Vec<&str> = report
            .honeycomb_only
            .iter()
            .map(|s| s.span_id.as_str())
            .collect();
        assert_eq!(only, ["c3".repeat(8)]);
        let lines: Vec<(&str, Option<&str>)> = report
            .logs
            .iter()
            .map(|l| (l.message.as_str(), l.span_id.as_deref()))
            .collect();
        let (a1, b2) = ("a1".repeat(8), "b2".repeat(8));
        assert_eq!(
            lines,
            [
                ("outer", Some(a1.as_str())),
                ("inner", Some(b2.as_str())),
                ("after", None)
            ]
        );
    }
}
