//! How `xray traces` and `xray services` look: the summary block, the route table and the
//! trace list for people; the documented JSON document for scripts.

use super::terminal::escape_field;
use super::{Column, Palette, Printer, human_count, human_seconds, human_span, url_path};
use crate::error::Result;
use crate::model::graph::Counts;
use crate::model::stats::{Overview, Percentiles, TraceOrder};
use crate::views::services::ServicesReport;
use crate::views::traces::{SourceKind, TracesReport};

/// `xray traces` and `local traces`: the summary block, the routes and the listed traces;
/// `-o json` is the report itself.
pub fn print_traces(printer: &Printer, report: &TracesReport) -> Result<()> {
    if printer.is_json() {
        return printer.json(report);
    }
    let palette = printer.palette();
    let o = &report.summary;
    let window = report.window.window();
    let multi_day = window.duration().as_secs() >= 86_400;
    let clock = if multi_day { "%Y-%m-%d %H:%M" } else { "%H:%M" };
    printer.line(&format!(
        "{}  {} → {} ({})  {} traces",
        palette.bold(&report.source_label),
        printer.time(window.start, clock),
        printer.time(window.end, clock),
        human_span(window.duration()),
        human_count(o.traces),
    ))?;
    if o.traces == 0 {
        printer.status(match report.source {
            // The local store keeps what `local listen` was sent, for its retention.
            SourceKind::Local => "no traces in this window (the local store keeps spans for `local listen --retain`, 7 days by default)",
            _ => "no traces in this window (X-Ray keeps traces 30 days)",
        });
        return Ok(());
    }
    printer.line("")?;
    for line in overview_block(o, printer.palette()) {
        printer.line(&line)?;
    }
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
                    escape_field(&format!("{:<method_width$} {}", r.method, r.route)).into_owned(),
                    human_count(r.count),
                    human_count(r.errors),
                    human_count(r.faults),
                    human_seconds(r.p50),
                    human_seconds(r.p99),
                ]
            })
            .collect(),
    )?;
    if report.traces.is_empty() {
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
            Column::left(first).nowrap(),
            Column::left("start").nowrap(),
            Column::left("request"),
            Column::right("status").nowrap(),
            Column::right("time").nowrap(),
            Column::left("").nowrap(),
        ],
        report
            .traces
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
                    t.start
                        .map_or_else(|| "-".into(), |s| printer.time(s, start_format)),
                    escape_field(&format!(
                        "{} {}",
                        t.method.as_deref().unwrap_or("-"),
                        t.url.as_deref().map_or("-".into(), url_path)
                    ))
                    .into_owned(),
                    t.status.map_or_else(|| "-".into(), |s| s.to_string()),
                    t.latency().map_or_else(|| "-".into(), human_seconds),
                    flags,
                ]
            })
            .collect(),
    )?;
    printer.hint(&format!(
        "tracectl {} trace <ID> shows one trace as a waterfall",
        report.source.group()
    ));
    Ok(())
}

/// The two lines of counts, rates and percentiles: fixed columns sized to fit 80 terminal
/// columns whatever the numbers, so the block never wraps (a table would squeeze it).
fn overview_block(o: &Overview, palette: Palette) -> [String; 2] {
    let rate = |n: u64| format!("{}  {:>5.1}%", human_count(n), o.rate(n) * 100.0);
    let latency = |f: fn(&Percentiles) -> f64| {
        o.response_time
            .as_ref()
            .map_or_else(|| "-".into(), |p| human_seconds(f(p)))
    };
    // (header, value, colour): errors yellow, faults red, as everywhere else.
    let plain = |t: &str| t.to_string();
    let yellow = |t: &str| palette.yellow(t);
    let red = |t: &str| palette.red(t);
    type Paint<'a> = &'a dyn Fn(&str) -> String;
    let cells: [(&str, String, Paint); 8] = [
        ("requests", human_count(o.traces), &plain),
        ("errors (4xx)", rate(o.errors), &yellow),
        ("faults (5xx)", rate(o.faults), &red),
        ("throttles", human_count(o.throttles), &plain),
        ("p50", latency(|p| p.p50), &plain),
        ("p90", latency(|p| p.p90), &plain),
        ("p99", latency(|p| p.p99), &plain),
        ("max", latency(|p| p.max), &plain),
    ];
    let mut headers = String::new();
    let mut values = String::new();
    for (header, value, paint) in &cells {
        let width = header.chars().count().max(value.chars().count());
        headers.push_str(&format!("  {header:>width$}"));
        values.push_str(&format!("  {}", paint(&format!("{value:>width$}"))));
    }
    [headers[1..].to_string(), values[1..].to_string()]
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

pub fn print_services(printer: &Printer, report: &ServicesReport) -> Result<()> {
    if printer.is_json() {
        return printer.json(report);
    }
    let services = &report.services;
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
                let mut row = vec![
                    escape_field(&s.name).into_owned(),
                    escape_field(&s.kind).into_owned(),
                ];
                row.extend(count_cells(&s.counts));
                row
            })
            .collect(),
    )?;
    let edges: Vec<Vec<String>> = services
        .iter()
        .flat_map(|s| {
            s.edges.iter().map(move |e| {
                let mut row = vec![escape_field(&format!("{} → {}", s.name, e.to)).into_owned()];
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
