//! The traces of a window, summarised: counts, rates and percentiles, the routes, and the
//! slowest (or newest) requests. One report whichever source the traces come from — X-Ray's
//! trace summaries, the spans of aws/spans, or the local store.

use futures::StreamExt;
use jiff::Timestamp;
use serde::Serialize;

use super::WindowReport;
use crate::clients::aws::AwsFailure;
use crate::clients::logs::{INSIGHTS_MAX_RUNTIME, InsightsError, QueryResults, run_query};
use crate::clients::store::{Store, StoreError};
use crate::clients::xray::{self, ScanProgress};
use crate::model::filter::TraceFilter;
use crate::model::span_insights::{self, Figures, SPANS_GROUP, SliceFigures, SpanSelection};
use crate::model::stats::{Overview, RouteStats, Summariser, TraceOrder};
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
    /// The service the request entered through, when the source names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// How many spans the trace holds, when the source counts them (the local store).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spans: Option<u64>,
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
            service: t.service.clone(),
            spans: None,
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
    traces: impl IntoIterator<Item = TraceSummary>,
    order: TraceOrder,
    limit: usize,
) -> TracesReport {
    let mut summariser = Summariser::new(order, limit);
    traces.into_iter().for_each(|t| summariser.add(t));
    summarised(source, source_label, window, summariser)
}

/// The report of the traces `summariser` was given one by one (a source that streams
/// them, so they are never all held).
pub fn summarised(
    source: SourceKind,
    source_label: impl Into<String>,
    window: Window,
    summariser: Summariser,
) -> TracesReport {
    let order = summariser.order();
    let (summary, routes, listed) = summariser.finish();
    TracesReport {
        source,
        percentiles: Exactness::Exact,
        window: window.into(),
        summary,
        routes,
        traces: listed.iter().map(TraceRow::from).collect(),
        source_label: source_label.into(),
        order,
    }
}

/// Where "the traces of this window" come from. A caller builds one and asks
/// [`traces`]; the report is the same type whichever it is.
pub enum Source<'a> {
    /// X-Ray's trace summaries (GetTraceSummaries). `expression` is an X-Ray filter
    /// expression ANDed with the selection; `indexed_percent` the share of spans indexed as
    /// summaries on an account on Transaction Search (`None`: every trace is summarised).
    XraySummaries {
        client: &'a aws_sdk_xray::Client,
        expression: Option<&'a str>,
        indexed_percent: Option<f64>,
    },
    /// Every span of aws/spans (Transaction Search), through Logs Insights.
    AwsSpans {
        logs: &'a aws_sdk_cloudwatchlogs::Client,
    },
    /// The local store of `local listen`.
    Local { store: &'a Store },
}

/// How far a fetch has got, for a face's progress bar, and what it runs (for `-v`).
pub enum Progress<'a> {
    /// The filter expression sent to X-Ray, once, before anything is fetched.
    XrayFilter(Option<&'a str>),
    /// X-Ray summaries: slices of the window done, and traces seen so far.
    Summaries(ScanProgress),
    /// A Logs Insights query run per slice, once each before anything is run.
    InsightsQuery { part: &'static str, query: &'a str },
    /// Logs Insights queries done of all to run.
    Queries { done: usize, total: usize },
}

/// Why a source gave no report.
#[derive(Debug)]
pub enum TracesFailure {
    /// GetTraceSummaries failed; `filter` is the expression that was sent.
    Summaries {
        failure: AwsFailure,
        filter: Option<String>,
    },
    Insights(InsightsError),
    Store(StoreError),
}

/// Insights queries in flight at once: an account runs at most 30 (dashboards included),
/// so tracectl leaves most of them to others.
const QUERIES_IN_FLIGHT: usize = 4;

/// The X-Ray filter expression of a selection and the user's own expression.
pub fn xray_filter(selection: &SpanSelection, expression: Option<&str>) -> Option<String> {
    TraceFilter {
        errors: selection.errors,
        faults: selection.faults,
        throttles: selection.throttles,
        slower_than: selection.slower_than,
        url_contains: selection.url_text().map(str::to_string),
        service: selection.service.clone(),
        expression: expression.map(str::to_string),
    }
    .compile()
}

/// The traces of `request`'s window from `source`, summarised.
pub async fn traces(
    source: &Source<'_>,
    request: &TracesRequest,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<TracesReport, TracesFailure> {
    match source {
        Source::Local { store } => {
            super::local::traces(store, request).map_err(TracesFailure::Store)
        }
        Source::XraySummaries {
            client,
            expression,
            indexed_percent,
        } => {
            let filter = xray_filter(&request.selection, *expression);
            progress(Progress::XrayFilter(filter.as_deref()));
            let limiter = xray::limiter();
            let show = |p: ScanProgress| progress(Progress::Summaries(p));
            let found =
                xray::trace_summaries(client, request.window, filter.as_deref(), &limiter, &show)
                    .await
                    .map_err(|failure| TracesFailure::Summaries {
                        failure,
                        filter: filter.clone(),
                    })?;
            let (kind, label) = match indexed_percent {
                Some(percent) => (
                    SourceKind::XrayIndexed,
                    format!("X-Ray summaries ({percent}% indexed)"),
                ),
                None => (SourceKind::Xray, "X-Ray".to_string()),
            };
            Ok(summarise(
                kind,
                label,
                request.window,
                found,
                request.order,
                request.limit,
            ))
        }
        Source::AwsSpans { logs } => {
            let figures = insights_figures(logs, request, progress).await?;
            Ok(TracesReport {
                source: SourceKind::AwsSpans,
                percentiles: if figures.exact_percentiles {
                    Exactness::Exact
                } else {
                    Exactness::UpperBound
                },
                window: request.window.into(),
                summary: figures.overview,
                routes: figures.routes,
                traces: figures.listed.iter().map(TraceRow::from).collect(),
                source_label: "aws/spans (every request)".into(),
                order: request.order,
            })
        }
    }
}

/// What each Insights query of a slice answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Overview,
    Routes,
    Listing,
}

/// The window's figures over every request in aws/spans: per slice of at most a day
/// ([`insights_ranges`]), an overview, a route table and a listing query, at most
/// [`QUERIES_IN_FLIGHT`] at a time, combined.
async fn insights_figures(
    logs: &aws_sdk_cloudwatchlogs::Client,
    request: &TracesRequest,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Figures, TracesFailure> {
    let (selection, order, limit) = (&request.selection, request.order, request.limit);
    let queries = [
        (Part::Overview, span_insights::overview_query(selection)),
        (Part::Routes, span_insights::routes_query(selection)),
        (
            Part::Listing,
            span_insights::listing_query(selection, order, limit),
        ),
    ];
    for (part, query) in &queries {
        let part = match part {
            Part::Overview => "Overview",
            Part::Routes => "Routes",
            Part::Listing => "Listing",
        };
        progress(Progress::InsightsQuery { part, query });
    }
    let slices = insights_ranges(request.window);
    let jobs: Vec<(usize, Part, (i64, i64), &str)> = slices
        .iter()
        .enumerate()
        .flat_map(|(i, range)| {
            queries
                .iter()
                .map(move |(part, q)| (i, *part, *range, q.as_str()))
        })
        .collect();
    let total = jobs.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let groups = [SPANS_GROUP.to_string()];
    let quiet = |_: &QueryResults| {};
    let answers: Vec<(usize, Part, Result<QueryResults, InsightsError>)> =
        futures::stream::iter(jobs)
            .map(|(slice, part, range, query)| {
                let (groups, done) = (&groups, &done);
                async move {
                    let answer =
                        run_query(logs, groups, range, query, INSIGHTS_MAX_RUNTIME, &quiet).await;
                    let done = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    progress(Progress::Queries { done, total });
                    (slice, part, answer)
                }
            })
            .buffer_unordered(QUERIES_IN_FLIGHT)
            .collect()
            .await;

    let mut figures = vec![SliceFigures::default(); slices.len()];
    for (slice, part, answer) in answers {
        let rows = answer.map_err(TracesFailure::Insights)?.rows;
        let into = &mut figures[slice];
        match part {
            Part::Overview => into.overview = span_insights::read_overview(&rows),
            Part::Routes => into.routes = span_insights::read_routes(&rows),
            Part::Listing => into.listed = span_insights::read_listing(&rows),
        }
    }
    Ok(span_insights::combine(figures, order, limit))
}

/// The window as Insights ranges of at most a day: epoch seconds, both ends included, so
/// each slice but the last ends a second before the next begins (no span counted twice).
pub fn insights_ranges(window: Window) -> Vec<(i64, i64)> {
    let slices = window.slices(span_insights::MAX_SLICE);
    let last = slices.len().saturating_sub(1);
    slices
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let start = s.start.as_second();
            let end = if i == last {
                s.end.as_second()
            } else {
                s.end.as_second() - 1
            };
            (start, end.max(start))
        })
        .collect()
}
