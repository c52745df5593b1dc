//! How `xray traces` and `xray services` look: the summary block, the route table and the
//! trace list for people; the documented JSON document for scripts.

use jiff::Timestamp;
use serde::Serialize;

use super::{Column, Printer, human_count, human_seconds, human_span, url_path};
use crate::clients::xray::{Counts, ServiceNode};
use crate::error::Result;
use crate::model::stats::{Overview, RouteStats, TraceOrder};
use crate::model::time::Window;
use crate::model::trace::TraceSummary;

/// Everything `xray traces` shows.
pub struct TracesReport<'a> {
    pub window: Window,
    pub overview: &'a Overview,
    pub routes: &'a [RouteStats],
    pub listed: &'a [&'a TraceSummary],
    pub order: TraceOrder,
}

#[derive(Serialize)]
struct JsonWindow {
    start: Timestamp,
    end: Timestamp,
}

#[derive(Serialize)]
struct JsonTrace<'a> {
    id: &'a str,
    start: Option<Timestamp>,
    duration: Option<f64>,
    response_time: Option<f64>,
    method: Option<&'a str>,
    url: Option<&'a str>,
    status: Option<i32>,
    has_error: bool,
    has_fault: bool,
    has_throttle: bool,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    window: JsonWindow,
    summary: &'a Overview,
    routes: &'a [RouteStats],
    traces: Vec<JsonTrace<'a>>,
}

pub fn print_traces(printer: &Printer, report: &TracesReport<'_>) -> Result<()> {
    if printer.is_json() {
        return printer.json(&JsonReport {
            window: JsonWindow {
                start: report.window.start,
                end: report.window.end,
            },
            summary: report.overview,
            routes: report.routes,
            traces: report
                .listed
                .iter()
                .map(|t| JsonTrace {
                    id: &t.id,
                    start: t.started(),
                    duration: t.duration,
                    response_time: t.response_time,
                    method: t.method.as_deref(),
                    url: t.url.as_deref(),
                    status: t.status,
                    has_error: t.has_error,
                    has_fault: t.has_fault,
                    has_throttle: t.has_throttle,
                })
                .collect(),
        });
    }
    let palette = printer.palette();
    let o = report.overview;
    let multi_day = report.window.duration().as_secs() >= 86_400;
    let clock = if multi_day { "%Y-%m-%d %H:%M" } else { "%H:%M" };
    printer.line(&format!(
        "{}  {} → {} ({})  {} traces",
        palette.bold("X-Ray"),
        printer.time(report.window.start, clock),
        printer.time(report.window.end, clock),
        human_span(report.window.duration()),
        human_count(o.traces),
    ))?;
    if o.traces == 0 {
        printer.status("no traces in this window (X-Ray keeps traces 30 days)");
        return Ok(());
    }
    printer.line("")?;
    let pct = o.response_time;
    let rate = |n: u64| format!("{}  {:>5.1}%", human_count(n), o.rate(n) * 100.0);
    let latency = |f: fn(&crate::model::stats::Percentiles) -> f64| {
        pct.as_ref()
            .map_or_else(|| "-".into(), |p| human_seconds(f(p)))
    };
    printer.table(
        &[
            Column::right("requests"),
            Column::right("errors (4xx)"),
            Column::right("faults (5xx)"),
            Column::right("throttles"),
            Column::right("p50"),
            Column::right("p90"),
            Column::right("p99"),
            Column::right("max"),
        ],
        vec![vec![
            human_count(o.traces),
            palette.yellow(&rate(o.errors)),
            palette.red(&rate(o.faults)),
            human_count(o.throttles),
            latency(|p| p.p50),
            latency(|p| p.p90),
            latency(|p| p.p99),
            latency(|p| p.max),
        ]],
    )?;
    printer.line("")?;
    let method_width = report
        .routes
        .iter()
        .map(|r| r.method.len())
        .max()
        .unwrap_or(0);
    printer.table(
        &[
            Column::left("route"),
            Column::right("count"),
            Column::right("err"),
            Column::right("fault"),
            Column::right("p50"),
            Column::right("p99"),
        ],
        report
            .routes
            .iter()
            .map(|r| {
                vec![
                    format!("{:<method_width$} {}", r.method, r.route),
                    human_count(r.count),
                    human_count(r.errors),
                    human_count(r.faults),
                    human_seconds(r.p50),
                    human_seconds(r.p99),
                ]
            })
            .collect(),
    )?;
    if report.listed.is_empty() {
        return Ok(());
    }
    printer.line("")?;
    let first = match report.order {
        TraceOrder::Slowest => "slowest",
        TraceOrder::Newest => "newest",
    };
    let start_format = if multi_day {
        "%m-%d %H:%M:%S"
    } else {
        "%H:%M:%S"
    };
    printer.table(
        &[
            Column::left(first),
            Column::left("start"),
            Column::left("request"),
            Column::right("status"),
            Column::right("time"),
            Column::left(""),
        ],
        report
            .listed
            .iter()
            .map(|t| {
                let flags = [
                    (t.has_fault, palette.red("fault")),
                    (t.has_error, palette.yellow("error")),
                    (t.has_throttle, palette.yellow("throttle")),
                ]
                .into_iter()
                .filter_map(|(on, text)| on.then_some(text))
                .collect::<Vec<_>>()
                .join(" ");
                vec![
                    palette.dim(&t.id),
                    t.started()
                        .map_or_else(|| "-".into(), |s| printer.time(s, start_format)),
                    format!(
                        "{} {}",
                        t.method.as_deref().unwrap_or("-"),
                        t.url.as_deref().map_or("-", url_path)
                    ),
                    t.status.map_or_else(|| "-".into(), |s| s.to_string()),
                    t.latency().map_or_else(|| "-".into(), human_seconds),
                    flags,
                ]
            })
            .collect(),
    )?;
    printer.hint("tracectl xray trace <ID> shows one trace as a waterfall");
    Ok(())
}

fn count_cells(c: &Counts) -> Vec<String> {
    vec![
        human_count(u64::try_from(c.requests).unwrap_or(0)),
        human_count(u64::try_from(c.ok).unwrap_or(0)),
        human_count(u64::try_from(c.errors).unwrap_or(0)),
        human_count(u64::try_from(c.faults).unwrap_or(0)),
        human_count(u64::try_from(c.throttles).unwrap_or(0)),
        c.avg_latency.map_or_else(|| "-".into(), human_seconds),
    ]
}

pub fn print_services(printer: &Printer, window: Window, services: &[ServiceNode]) -> Result<()> {
    if printer.is_json() {
        #[derive(Serialize)]
        struct Doc<'a> {
            window: JsonWindow,
            services: &'a [ServiceNode],
        }
        return printer.json(&Doc {
            window: JsonWindow {
                start: window.start,
                end: window.end,
            },
            services,
        });
    }
    if services.is_empty() {
        printer.status("no services in this window");
        return Ok(());
    }
    let count_columns = || {
        vec![
            Column::right("requests"),
            Column::right("ok"),
            Column::right("errors"),
            Column::right("faults"),
            Column::right("throttles"),
            Column::right("avg"),
        ]
    };
    let mut columns = vec![Column::left("service"), Column::left("type")];
    columns.extend(count_columns());
    printer.table(
        &columns,
        services
            .iter()
            .map(|s| {
                let mut row = vec![s.name.clone(), s.kind.clone()];
                row.extend(count_cells(&s.counts));
                row
            })
            .collect(),
    )?;
    let edges: Vec<Vec<String>> = services
        .iter()
        .flat_map(|s| {
            s.edges.iter().map(move |e| {
                let mut row = vec![format!("{} → {}", s.name, e.to)];
                row.extend(count_cells(&e.counts));
                row
            })
        })
        .collect();
    if !edges.is_empty() {
        printer.line("")?;
        let mut columns = vec![Column::left("edge")];
        columns.extend(count_columns());
        printer.table(&columns, edges)?;
    }
    Ok(())
}
