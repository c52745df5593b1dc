//! The views over the local store (`local listen`'s SQLite file): the traces of a window,
//! one trace's span tree with the app's log lines and errors placed under its spans, the
//! service graph, and what the file holds.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::Serialize;

use super::lookup::LogLine;
use super::query::QueryReport;
use super::rollbar::ErrorMatch;
use super::services::ServicesReport;
use super::traces::{SourceKind, TracesReport, TracesRequest, summarised};
use crate::clients::store::{LogsFilter, Store, StoreError};
use crate::model::graph;
use crate::model::lookup::running_at;
use crate::model::query::{QuerySpec, SpecError};
use crate::model::span::SpanRecord;
use crate::model::span::trace_of;
use crate::model::span_query;
use crate::model::stats::Summariser;
use crate::model::time::Window;
use crate::model::trace::{Trace, TraceId};

fn ns(t: Timestamp) -> i64 {
    i64::try_from(t.as_nanosecond()).unwrap_or(i64::MAX)
}

fn at(ns: i64) -> Option<Timestamp> {
    Timestamp::from_nanosecond(i128::from(ns)).ok()
}

/// Why a local query gave no result.
#[derive(Debug)]
pub enum QueryFailure {
    /// The spec cannot run here (the message names the input).
    Spec(SpecError),
    Store(StoreError),
}

impl From<StoreError> for QueryFailure {
    fn from(e: StoreError) -> Self {
        QueryFailure::Store(e)
    }
}

/// A Honeycomb query spec run on the stored spans (`local query`). `now` ends a relative
/// window, to the nanosecond, so spans stored a moment ago count; with no window the query
/// covers the last two hours, as Honeycomb's default does.
pub fn query(
    store: &Store,
    spec: &QuerySpec,
    now: Timestamp,
    with_series: bool,
) -> Result<QueryReport, QueryFailure> {
    const NS: i64 = 1_000_000_000;
    let now_ns = ns(now);
    let (start_ns, end_ns) = match (spec.start_time, spec.end_time, spec.time_range) {
        (Some(start), Some(end), _) => (start.saturating_mul(NS), end.saturating_mul(NS)),
        (_, _, Some(range)) => (now_ns - (range as i64).saturating_mul(NS), now_ns),
        _ => (now_ns - 7200 * NS, now_ns),
    };
    let (start_s, end_s) = (start_ns.div_euclid(NS), end_ns.div_euclid(NS) + 1);
    let table = store.span_table(
        start_ns,
        end_ns.saturating_add(1),
        span_query::columns_of(spec),
    )?;
    let data =
        span_query::run(spec, &table, start_s, end_s, with_series).map_err(QueryFailure::Spec)?;
    Ok(QueryReport::new("local", spec, data))
}

/// How an app is pointed at the listener, for the hints of every face.
pub const POINT_AN_APP: &str = "OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 (OpenTelemetry) or AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:2000 (the X-Ray SDK)";

/// The stored traces of a window: what `local traces` shows.
pub fn traces(store: &Store, request: &TracesRequest) -> Result<TracesReport, StoreError> {
    let window = request.window;
    let mut summariser = Summariser::new(request.order, request.limit);
    store.each_summary_between(
        ns(window.start),
        ns(window.end),
        request.selection.service.as_deref(),
        request.selection.text.as_deref(),
        |trace| {
            if request.selection.admits(&trace) {
                summariser.add(trace);
            }
        },
    )?;
    let mut report = summarised(SourceKind::Local, "local", window, summariser);
    // Counted for the listed traces only: a look-up in the key each.
    let ids: Vec<&str> = report.traces.iter().map(|t| t.id.as_str()).collect();
    let counts = store.span_counts(&ids)?;
    for (row, count) in report.traces.iter_mut().zip(counts) {
        row.spans = Some(count);
    }
    Ok(report)
}

/// One stored trace: its span tree, and the log lines and errors that name it, each under
/// the span it was written or reported from.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LocalTrace {
    #[serde(flatten)]
    pub trace: Trace,
    /// In time order; `span_id` is the span each was written in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub logs: Vec<LogLine>,
    /// More lines named the trace than are given.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub logs_truncated: bool,
    /// In time order; `span_id` is the span each was reported from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorMatch>,
}

/// Log lines a trace's view gives at most.
pub const TRACE_LOG_LINES: usize = 1_000;

/// Some traces looked up by id: the span trees found, and the ids that were not.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TraceLookup {
    pub found: Vec<LocalTrace>,
    /// W3C ids (32 hex digits) the store holds no span of.
    pub missing: Vec<String>,
    /// The first and last span time the store holds, to say where to look instead.
    pub held: Option<(Timestamp, Timestamp)>,
}

/// The span trees of `ids`, in the order asked: what `local trace` draws.
pub fn trace(store: &Store, ids: &[TraceId]) -> Result<TraceLookup, StoreError> {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for id in ids {
        let records = store.trace(&id.w3c())?;
        if records.is_empty() {
            missing.push(id.w3c());
        } else {
            let (logs, logs_truncated) = trace_logs(store, &id.w3c(), &records)?;
            let errors = super::local_errors::trace_errors(store, &id.w3c(), &records)?;
            found.push(LocalTrace {
                trace: trace_of(&id.w3c(), &records),
                logs,
                logs_truncated,
                errors,
            });
        }
    }
    let held = if missing.is_empty() {
        None
    } else {
        store
            .time_range()?
            .and_then(|(first, last)| Some((at(first)?, at(last)?)))
    };
    Ok(TraceLookup {
        found,
        missing,
        held,
    })
}

/// The stored lines that name a trace, each under the span it names, else the span that
/// was running when it was written; at most [`TRACE_LOG_LINES`].
pub fn trace_logs(
    store: &Store,
    trace_id: &str,
    spans: &[SpanRecord],
) -> Result<(Vec<LogLine>, bool), StoreError> {
    let mut lines = Vec::new();
    let mut truncated = false;
    let filter = LogsFilter {
        trace_id: Some(trace_id.to_string()),
        ..LogsFilter::default()
    };
    store.logs(&filter, &mut |stored| {
        if lines.len() == TRACE_LOG_LINES {
            truncated = true;
            return false;
        }
        lines.push(stored);
        true
    })?;
    let lines = lines
        .into_iter()
        .map(|stored| {
            let named = stored
                .record
                .span_id
                .clone()
                .filter(|id| spans.iter().any(|s| &s.span_id == id));
            let span_id = named
                .or_else(|| running_at(spans, stored.record.time_ns, 0).map(|s| s.span_id.clone()));
            let event = stored.record.as_event(stored.id);
            LogLine {
                group: event.group.to_string(),
                stream: event.stream,
                timestamp: at(stored.record.time_ns).unwrap_or_default(),
                message: event.message,
                span_id,
            }
        })
        .collect();
    Ok((lines, truncated))
}

/// The services of a window and the calls between them: what `local services` shows.
pub fn services(store: &Store, window: Window) -> Result<ServicesReport, StoreError> {
    let spans = store.graph_spans_between(ns(window.start), ns(window.end))?;
    Ok(ServicesReport {
        window: window.into(),
        services: graph::graph(&spans),
    })
}

/// One service's share of the store.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ServiceShare {
    pub service: String,
    pub spans: i64,
    pub traces: i64,
}

/// What the store holds: what `local stats` shows.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StoreStats {
    pub path: String,
    /// The database and its write-ahead log, in bytes.
    pub bytes: u64,
    pub spans: i64,
    pub traces: i64,
    pub first: Option<Timestamp>,
    pub last: Option<Timestamp>,
    pub services: Vec<ServiceShare>,
    /// Log lines stored, by source (`otlp`, `cloudwatch`).
    pub logs: Vec<LogShare>,
    /// Error occurrences stored, and the items they group into.
    pub errors: i64,
    pub error_items: i64,
}

/// One log source's share of the store.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LogShare {
    pub source: String,
    pub lines: i64,
}

pub fn stats(store: &Store) -> Result<StoreStats, StoreError> {
    let services: Vec<ServiceShare> = store
        .services()?
        .into_iter()
        .map(|(service, spans, traces)| ServiceShare {
            service,
            spans,
            traces,
        })
        .collect();
    let range = store.time_range()?;
    let (errors, error_items) = store.error_counts()?;
    let path = store.path();
    Ok(StoreStats {
        path: path.display().to_string(),
        bytes: file_bytes(path),
        spans: services.iter().map(|s| s.spans).sum(),
        // One service (the usual local app): its traces are all the traces, and the count
        // over the whole file is not needed.
        traces: match services.as_slice() {
            [] => 0,
            [one] => one.traces,
            _ => store.trace_count()?,
        },
        first: range.and_then(|(first, _)| at(first)),
        last: range.and_then(|(_, last)| at(last)),
        services,
        logs: store
            .log_counts()?
            .into_iter()
            .map(|(source, lines)| LogShare { source, lines })
            .collect(),
        errors,
        error_items,
    })
}

/// The database and its write-ahead log, in bytes.
fn file_bytes(path: &Path) -> u64 {
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    size(path) + size(&PathBuf::from(wal))
}

#[cfg(test)]
mod tests {
    //! Each view called as the ui and the agent server will call it: a store and a request
    //! in, a report out; no printer, no terminal, no flags.

    use super::*;
    use crate::model::span::{SpanKind, SpanRecord, SpanStatus};
    use crate::model::span_insights::SpanSelection;
    use crate::model::stats::TraceOrder;

    const MS: i64 = 1_000_000;
    const T0: i64 = 1_700_000_000_000 * MS;

    struct Span<'a> {
        trace: &'a str,
        id: &'a str,
        parent: Option<&'a str>,
        service: &'a str,
        kind: SpanKind,
        start_ms: i64,
        end_ms: i64,
        status: SpanStatus,
        http: i64,
        route: &'a str,
        remote: Option<&'a str>,
    }

    fn record(s: &Span<'_>) -> SpanRecord {
        let parent = s.parent.map(|p| p.repeat(8));
        SpanRecord {
            service: s.service.into(),
            name: format!("GET {}", s.route),
            kind: s.kind,
            status: s.status,
            http_method: Some("GET".into()),
            http_route: Some(s.route.into()),
            http_url: Some(format!("http://app{}", s.route)),
            http_status: Some(s.http),
            remote_service: s.remote.map(str::to_string),
            ..SpanRecord::for_test(
                &s.trace.repeat(16),
                &s.id.repeat(8),
                parent.as_deref(),
                T0 + s.start_ms * MS,
                Some(T0 + s.end_ms * MS),
            )
        }
    }

    /// Trace `aa`: the frontend's 300 ms request calls the backend, which fails (500).
    /// Trace `bb`: the backend answers a 50 ms health check, a second later.
    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("traces.db");
        let spans = [
            Span {
                trace: "aa",
                id: "a1",
                parent: None,
                service: "frontend",
                kind: SpanKind::Server,
                start_ms: 0,
                end_ms: 300,
                status: SpanStatus::Fault,
                http: 500,
                route: "/api/home",
                remote: None,
            },
            Span {
                trace: "aa",
                id: "a2",
                parent: Some("a1"),
                service: "frontend",
                kind: SpanKind::Client,
                start_ms: 10,
                end_ms: 290,
                status: SpanStatus::Fault,
                http: 500,
                route: "/api/activities",
                remote: Some("backend"),
            },
            Span {
                trace: "aa",
                id: "a3",
                parent: Some("a2"),
                service: "backend",
                kind: SpanKind::Server,
                start_ms: 20,
                end_ms: 280,
                status: SpanStatus::Fault,
                http: 500,
                route: "/api/activities",
                remote: None,
            },
            Span {
                trace: "bb",
                id: "b1",
                parent: None,
                service: "backend",
                kind: SpanKind::Server,
                start_ms: 1_000,
                end_ms: 1_050,
                status: SpanStatus::Ok,
                http: 200,
                route: "/api/health",
                remote: None,
            },
        ];
        let records: Vec<SpanRecord> = spans.iter().map(record).collect();
        let mut writer = Store::open(&path).unwrap();
        writer.insert(&records.iter().collect::<Vec<_>>()).unwrap();
        drop(writer);
        (dir, Store::open_read(&path).unwrap())
    }

    fn window() -> Window {
        Window {
            start: Timestamp::from_nanosecond(i128::from(T0 - 60_000 * MS)).unwrap(),
            end: Timestamp::from_nanosecond(i128::from(T0 + 60_000 * MS)).unwrap(),
        }
    }

    fn request(selection: SpanSelection) -> TracesRequest {
        TracesRequest {
            window: window(),
            selection,
            order: TraceOrder::Slowest,
            limit: 10,
        }
    }

    #[test]
    fn traces_summarises_the_root_spans_of_the_window() {
        let (_dir, store) = store();
        let report = traces(&store, &request(SpanSelection::default())).unwrap();
        assert_eq!(report.source, SourceKind::Local);
        assert_eq!(
            (
                report.summary.traces,
                report.summary.faults,
                report.summary.errors
            ),
            (2, 1, 0)
        );
        let listed: Vec<(&str, Option<f64>, Option<i32>)> = report
            .traces
            .iter()
            .map(|t| (&t.id[..4], t.latency(), t.status))
            .collect();
        assert_eq!(
            listed,
            [
                ("aaaa", Some(0.3), Some(500)),
                ("bbbb", Some(0.05), Some(200))
            ]
        );
        let routes: Vec<(&str, u64, u64)> = report
            .routes
            .iter()
            .map(|r| (r.route.as_str(), r.count, r.faults))
            .collect();
        assert_eq!(routes, [("/api/home", 1, 1), ("/api/health", 1, 0)]);

        let faults = SpanSelection {
            faults: true,
            ..Default::default()
        };
        let only = traces(&store, &request(faults)).unwrap();
        assert_eq!(only.traces.len(), 1);
        assert_eq!(only.traces[0].id, "aa".repeat(16));
        // A trace is the service's when any of its spans is: the backend served both.
        let service = |name: &str| SpanSelection {
            service: Some(name.into()),
            ..Default::default()
        };
        let frontend = traces(&store, &request(service("frontend"))).unwrap();
        assert_eq!(frontend.summary.traces, 1);
        assert_eq!(frontend.traces[0].id, "aa".repeat(16));
        let backend = traces(&store, &request(service("backend"))).unwrap();
        assert_eq!(backend.summary.traces, 2);
        // Text is looked for in every span of a trace: a span's name or service, the
        // root's route.
        let text = |text: &str| -> Vec<String> {
            let found = traces(
                &store,
                &request(SpanSelection {
                    text: Some(text.into()),
                    ..Default::default()
                }),
            )
            .unwrap();
            let mut ids: Vec<String> = found.traces.into_iter().map(|t| t.id).collect();
            ids.sort();
            ids
        };
        assert_eq!(text("activities"), ["aa".repeat(16)], "a child span's name");
        assert_eq!(text("health"), ["bb".repeat(16)], "the root's route");
        assert_eq!(text("front"), ["aa".repeat(16)], "a service, in part");
        assert_eq!(text("backend"), ["aa".repeat(16), "bb".repeat(16)]);
        assert!(text("nowhere").is_empty());
    }

    #[test]
    fn trace_returns_the_tree_and_names_what_is_missing() {
        let (_dir, store) = store();
        let ids: Vec<TraceId> = ["aa".repeat(16), "cc".repeat(16)]
            .iter()
            .map(|id| id.parse().unwrap())
            .collect();
        let lookup = trace(&store, &ids).unwrap();
        assert_eq!(lookup.missing, ["cc".repeat(16)]);
        assert_eq!(lookup.found.len(), 1);
        // The tree: the frontend's request, its call out, the backend's span under it.
        let root = &lookup.found[0].trace.spans;
        assert_eq!(root.len(), 1);
        let call = &root[0].children;
        let served = &call[0].children;
        assert_eq!(
            (root[0].name.as_str(), call.len(), served.len()),
            ("GET /api/home", 1, 1)
        );
        assert_eq!(
            (call[0].id.as_str(), served[0].id.as_str()),
            ("a2a2a2a2a2a2a2a2", "a3a3a3a3a3a3a3a3")
        );
        let (first, last) = lookup.held.unwrap();
        assert_eq!(
            (first.as_nanosecond(), last.as_nanosecond()),
            (i128::from(T0), i128::from(T0 + 1_000 * MS))
        );
    }

    #[test]
    fn services_draws_the_call_from_frontend_to_backend() {
        let (_dir, store) = store();
        let report = services(&store, window()).unwrap();
        let frontend = report
            .services
            .iter()
            .find(|s| s.name == "frontend")
            .unwrap();
        let edges: Vec<(&str, i64, i64)> = frontend
            .edges
            .iter()
            .map(|e| (e.to.as_str(), e.counts.requests, e.counts.faults))
            .collect();
        assert_eq!(edges, [("backend", 1, 1)]);
        let backend = report
            .services
            .iter()
            .find(|s| s.name == "backend")
            .unwrap();
        assert_eq!((backend.counts.requests, backend.counts.faults), (2, 1));
    }

    #[test]
    fn stats_counts_spans_and_traces_by_service() {
        let (_dir, store) = store();
        let stats = stats(&store).unwrap();
        assert_eq!((stats.spans, stats.traces), (4, 2));
        let shares: Vec<(&str, i64, i64)> = stats
            .services
            .iter()
            .map(|s| (s.service.as_str(), s.spans, s.traces))
            .collect();
        assert_eq!(shares, [("backend", 2, 2), ("frontend", 2, 1)]);
        assert_eq!(stats.first.map(|t| t.as_nanosecond()), Some(i128::from(T0)));
        assert!(stats.bytes > 0);
    }

    #[test]
    fn query_breaks_the_window_down_as_honeycomb_would() {
        let (_dir, store) = store();
        let spec = QuerySpec {
            calculations: vec![
                crate::model::query::parse_calculation("COUNT").unwrap(),
                crate::model::query::parse_calculation("MAX(duration_ms)").unwrap(),
            ],
            breakdowns: vec!["service.name".into()],
            start_time: Some(T0 / 1_000_000_000 - 60),
            end_time: Some(T0 / 1_000_000_000 + 60),
            ..QuerySpec::default()
        };
        let now = Timestamp::from_nanosecond(i128::from(T0)).unwrap();
        let report = query(&store, &spec, now, false).unwrap();
        assert_eq!(report.dataset, "local");
        let mut rows: Vec<(String, i64, f64)> = report
            .results
            .iter()
            .map(|r| {
                (
                    r["service.name"].as_str().unwrap().to_string(),
                    r["COUNT"].as_i64().unwrap(),
                    r["MAX(duration_ms)"].as_f64().unwrap(),
                )
            })
            .collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            rows,
            [
                ("backend".to_string(), 2, 260.0),
                ("frontend".to_string(), 2, 300.0)
            ]
        );
        assert!(report.series.is_empty());
    }
}
