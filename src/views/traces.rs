//! The traces of a window, summarised: counts, rates and percentiles, the routes, and the
//! slowest (or newest) requests. One report whichever source the traces come from — X-Ray's
//! trace summaries, the spans of aws/spans, or the local store.

use jiff::Timestamp;
use serde::Serialize;

use super::WindowReport;
use crate::model::span_insights::SpanSelection;
use crate::model::stats::{self, Overview, RouteStats, TraceOrder};
use crate::model::time::Window;
use crate::model::trace::TraceSummary;

/// Which traces, and how many to list.
#[derive(Debug, Clone, PartialEq)]
pub struct TracesRequest {
    pub window: Window,
    pub selection: SpanSelection,
    pub order: TraceOrder,
    /// How many traces to list under the summary (the summary covers them all).
    pub limit: usize,
}

/// Where a report's traces come from, as scripts see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// X-Ray's trace summaries: every trace of an account that sends segments to X-Ray.
    Xray,
    /// The indexed share of an account on Transaction Search.
    XrayIndexed,
    /// Every span of aws/spans, through Logs Insights.
    AwsSpans,
    /// The local store of `local listen`.
    Local,
}

impl SourceKind {
    /// The command group whose `trace` draws one of these traces.
    pub fn group(self) -> &'static str {
        match self {
            SourceKind::Local => "local",
            _ => "xray",
        }
    }
}

/// Whether the percentiles are exact, or upper bounds combined from several answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Exactness {
    Exact,
    UpperBound,
}

/// The summary of a window's traces.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TracesReport {
    pub source: SourceKind,
    pub percentiles: Exactness,
    pub window: WindowReport,
    pub summary: Overview,
    pub routes: Vec<RouteStats>,
    /// The listed traces, in `order`.
    pub traces: Vec<TraceRow>,
    /// The source as people read it ("X-Ray summaries (5% indexed)").
    #[serde(skip)]
    pub source_label: String,
    #[serde(skip)]
    pub order: TraceOrder,
}

/// One listed trace.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TraceRow {
    pub id: String,
    pub start: Option<Timestamp>,
    /// Seconds from the first span's start to the last one's end.
    pub duration: Option<f64>,
    /// Seconds the root took to answer.
    pub response_time: Option<f64>,
    pub method: Option<String>,
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    pub status: Option<i32>,
    pub has_error: bool,
    pub has_fault: bool,
    pub has_throttle: bool,
}

impl TraceRow {
    /// What the user waited: the response time, or the whole trace when there is none.
    pub fn latency(&self) -> Option<f64> {
        self.response_time.or(self.duration)
    }
}

impl From<&TraceSummary> for TraceRow {
    fn from(t: &TraceSummary) -> Self {
        Self {
            id: t.id.clone(),
            start: t.started(),
            duration: t.duration,
            response_time: t.response_time,
            method: t.method.clone(),
            url: t.url.clone(),
            route: t.route.clone(),
            status: t.status,
            has_error: t.has_error,
            has_fault: t.has_fault,
            has_throttle: t.has_throttle,
        }
    }
}

/// The report of every trace of a window (already selected), computed here: the sources
/// that hand over whole traces (X-Ray summaries, the local store) share it.
pub fn summarise(
    source: SourceKind,
    source_label: impl Into<String>,
    window: Window,
    traces: &[TraceSummary],
    order: TraceOrder,
    limit: usize,
) -> TracesReport {
    TracesReport {
        source,
        percentiles: Exactness::Exact,
        window: window.into(),
        summary: stats::overview(traces),
        routes: stats::routes(traces),
        traces: stats::select(traces, order, limit)
            .into_iter()
            .map(TraceRow::from)
            .collect(),
        source_label: source_label.into(),
        order,
    }
}
