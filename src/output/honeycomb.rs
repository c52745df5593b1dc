//! How the honeycomb commands look: query results as a table with one chart line per
//! calculation, the query link on stderr; datasets, columns, auth and markers; and the
//! documented JSON documents.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde_json::Value;

use super::chart::{self, sparkline};
use super::{Column, Printer, human_count, human_span};
use crate::error::Result;
use crate::model::query::{Calculation, QuerySpec};
use crate::views::honeycomb::{AuthReport, ColumnRow, DatasetRow, MarkerReport, QueryLinkReport};
use crate::views::query::QueryReport;

/// A result value for people: integers with separators (`20,769`), other numbers with two
/// decimals (`2,035.09`), text as it is, missing as `-`.
pub fn human_value(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "-".into(),
        Some(Value::Number(n)) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => signed(i.unsigned_abs(), i < 0),
            (None, Some(f)) if f.fract() == 0.0 && f.abs() < 1e15 => {
                signed(f.abs() as u64, f < 0.0)
            }
            (None, Some(f)) => {
                let whole = f.abs().trunc() as u64;
                let cents = format!("{:.2}", f.abs().fract());
                // 0.999 rounds to "1.00": carry into the whole part.
                let (whole, cents) = if cents.starts_with('1') {
                    (whole + 1, "00".to_string())
                } else {
                    (whole, cents[2..].to_string())
                };
                format!("{}.{cents}", signed(whole, f < 0.0))
            }
            _ => n.to_string(),
        },
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(other) => summarize(other),
    }
}

fn signed(n: u64, negative: bool) -> String {
    let text = human_count(n);
    if negative { format!("-{text}") } else { text }
}

/// A HEATMAP (or any structured value) in one cell: how many buckets it has.
fn summarize(value: &Value) -> String {
    match value {
        Value::Array(a) => format!("heatmap ({} buckets)", a.len()),
        Value::Object(o) => format!("heatmap ({} buckets)", o.len()),
        other => other.to_string(),
    }
}

/// A breakdown value: missing values are a group of their own. The value is the app's
/// (a route, a name) and is shown escaped, never obeyed.
fn group_value(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "(none)".into(),
        other => super::terminal::escape_field(&human_value(other)).into_owned(),
    }
}

/// The calculations of a spec, COUNT when it names none (as Honeycomb runs it).
pub fn calculations(spec: &QuerySpec) -> Vec<Calculation> {
    if spec.calculations.is_empty() {
        vec![Calculation {
            op: "COUNT".into(),
            column: None,
        }]
    } else {
        spec.calculations.clone()
    }
}

/// A query's table, then (with `charts`: the window's length, for the caption) one chart
/// line per calculation; the query's link on stderr.
pub fn print_query(
    printer: &Printer,
    report: &QueryReport,
    charts: Option<std::time::Duration>,
) -> Result<()> {
    if printer.is_json() {
        return printer.json(report);
    }
    let calcs = calculations(&report.query);
    let mut columns: Vec<Column> = report.query.breakdowns.iter().map(Column::left).collect();
    columns.extend(calcs.iter().map(|c| Column::right(c.key())));
    let rows: Vec<Vec<String>> = report
        .results
        .iter()
        .map(|row| {
            let mut cells: Vec<String> = report
                .query
                .breakdowns
                .iter()
                .map(|b| group_value(row.get(b)))
                .collect();
            cells.extend(calcs.iter().map(|c| human_value(row.get(&c.key()))));
            cells
        })
        .collect();
    if rows.is_empty() {
        printer.status("no results: nothing matched in this window");
    } else {
        // Column names are data here (`http.route`), so they keep their case.
        printer.line(&super::table::render_keep_case(
            &columns,
            rows,
            printer.width(),
        ))?;
    }
    if let Some(window) = charts.filter(|_| !report.series.is_empty()) {
        let lines = chart_lines(report, window, &calcs, printer.width().unwrap_or(80));
        if !lines.is_empty() {
            printer.line("")?;
            for line in lines {
                printer.line(&line)?;
            }
        }
    }
    if calcs.iter().any(|c| c.op == "HEATMAP") {
        printer.hint("HEATMAP is drawn in the Honeycomb UI: open the query link");
    }
    if let Some(url) = &report.query_url {
        printer.status(&format!("query: {url}"));
    }
    Ok(())
}

/// A query's UI link, alone on stdout (so `$(tracectl honeycomb query --link ...)` is the
/// URL); `-o json` gives the report with `"results": null`.
pub fn print_query_link(printer: &Printer, report: &QueryLinkReport) -> Result<()> {
    if printer.is_json() {
        return printer.json(report);
    }
    printer.raw_line(&report.query_url)
}

/// One sparkline per calculation over the whole result: points of all groups at the same
/// time are added for counts and sums, and the highest is kept for everything else (a p99
/// cannot be combined; the worst group's is what an incident needs to see).
fn chart_lines(
    report: &QueryReport,
    window: std::time::Duration,
    calcs: &[Calculation],
    width: usize,
) -> Vec<String> {
    let mut times: Vec<&str> = report
        .series
        .iter()
        .filter_map(|s| s.time.as_deref())
        .collect();
    times.sort_unstable();
    times.dedup();
    let drawn: Vec<&Calculation> = calcs.iter().filter(|c| c.op != "HEATMAP").collect();
    let label_width = drawn
        .iter()
        .map(|c| c.key().chars().count())
        .max()
        .unwrap_or(0);
    let chart_width = width.saturating_sub(label_width + 3).clamp(10, 120);
    let groups = !report.query.breakdowns.is_empty();
    let mut out = Vec::new();
    for calc in drawn {
        let key = calc.key();
        let fold = if calc.is_additive() {
            chart::add
        } else {
            chart::max
        };
        let mut per_time: BTreeMap<&str, f64> = BTreeMap::new();
        for point in &report.series {
            if let (Some(t), Some(v)) = (
                point.time.as_deref(),
                point.values.get(&key).and_then(Value::as_f64),
            ) {
                per_time
                    .entry(t)
                    .and_modify(|acc| *acc = fold(*acc, v))
                    .or_insert(v);
            }
        }
        let values: Vec<Option<f64>> = times.iter().map(|t| per_time.get(t).copied()).collect();
        let line = sparkline(&values, chart_width, fold);
        let mut text = format!("{key:<label_width$}  {line}");
        if out.is_empty() {
            text.push_str(&format!("  {}", caption(window, &times)));
        } else if groups && !calc.is_additive() {
            text.push_str("  (worst group)");
        }
        out.push(text);
    }
    out
}

/// `2h, 5m buckets`.
fn caption(window: std::time::Duration, times: &[&str]) -> String {
    let step = match (times.first(), times.get(1)) {
        (Some(a), Some(b)) => a
            .parse::<Timestamp>()
            .ok()
            .zip(b.parse::<Timestamp>().ok())
            .and_then(|(a, b)| std::time::Duration::try_from(b.duration_since(a)).ok()),
        _ => None,
    };
    match step {
        Some(step) => format!("{}, {} buckets", human_span(window), human_span(step)),
        None => human_span(window),
    }
}

pub fn print_datasets(printer: &Printer, datasets: &[DatasetRow]) -> Result<()> {
    if printer.is_json() {
        return printer.json(datasets);
    }
    printer.table(
        &[
            Column::left("name"),
            Column::left("slug"),
            Column::right("columns"),
            Column::left("last written"),
        ],
        datasets
            .iter()
            .map(|d| {
                vec![
                    d.name.clone(),
                    d.slug.clone(),
                    d.regular_columns_count
                        .map_or_else(|| "-".into(), human_count),
                    when(printer, d.last_written_at.as_deref()),
                ]
            })
            .collect(),
    )
}

pub fn print_columns(printer: &Printer, columns: &[ColumnRow]) -> Result<()> {
    if printer.is_json() {
        return printer.json(columns);
    }
    printer.table(
        &[
            Column::left("key_name"),
            Column::left("type"),
            Column::left("last written"),
            Column::left("description"),
        ],
        columns
            .iter()
            .map(|c| {
                vec![
                    if c.hidden {
                        format!("{} (hidden)", c.key_name)
                    } else {
                        c.key_name.clone()
                    },
                    c.column_type.clone(),
                    when(printer, c.last_written.as_deref()),
                    c.description.clone(),
                ]
            })
            .collect(),
    )
}

pub fn print_auth(printer: &Printer, auth: &AuthReport) -> Result<()> {
    if printer.is_json() {
        return printer.json(auth);
    }
    let environment = if auth.environment.slug.is_empty() {
        "(Classic)".to_string()
    } else {
        format!("{} ({})", auth.environment.name, auth.environment.slug)
    };
    let (allowed, denied) = auth.access();
    let palette = printer.palette();
    printer.line(&format!(
        "team         {} ({})",
        auth.team.name, auth.team.slug
    ))?;
    printer.line(&format!("environment  {environment}"))?;
    printer.line(&format!(
        "key          {} key {}",
        auth.key_type,
        palette.dim(&auth.id)
    ))?;
    printer.line(&format!(
        "allowed      {}",
        if allowed.is_empty() {
            "-".into()
        } else {
            allowed.join(", ")
        }
    ))?;
    printer.line(&format!(
        "not allowed  {}",
        if denied.is_empty() {
            "-".into()
        } else {
            denied.join(", ")
        }
    ))?;
    match &auth.query_results {
        Some(access) => printer.line(&format!("results      {}: {}", access.status, access.detail))?,
        // /1/auth does not report the Run Queries permission (apis.md): say so rather than guess.
        None => printer.hint("/1/auth does not report whether the key may run queries (Query Data API: Enterprise plan, Run Queries permission)"),
    }
    Ok(())
}

pub fn print_marker(printer: &Printer, dataset: &str, marker: &MarkerReport) -> Result<()> {
    if printer.is_json() {
        return printer.json(marker);
    }
    printer.line(&format!(
        "marker {} added to {dataset}: {}",
        marker.id,
        marker.message.as_deref().unwrap_or("")
    ))
}

/// An ISO 8601 time from the API in the user's zone; unparseable text as it came.
fn when(printer: &Printer, text: Option<&str>) -> String {
    match text {
        None => "-".into(),
        Some(t) => t
            .parse::<Timestamp>()
            .map_or_else(|_| t.to_string(), |ts| printer.time(ts, "%Y-%m-%d %H:%M")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn one_chart_line_per_calculation_across_groups() {
        use crate::model::query::parse_calculation;
        use crate::model::query::{ResultData, ResultRow};
        let point = |t: &str, route: &str, count: i64, p99: f64| ResultRow {
            time: Some(format!("2026-11-24T10:{t}:00Z")),
            data: json!({"http.route": route, "COUNT": count, "P99(duration_ms)": p99})
                .as_object()
                .unwrap()
                .clone(),
        };
        let data = ResultData {
            results: vec![],
            series: vec![
                point("00", "/a", 1, 10.0),
                point("00", "/b", 1, 30.0),
                point("05", "/a", 3, 10.0),
                point("05", "/b", 5, 900.0),
                point("10", "/a", 2, 20.0),
                point("10", "/b", 2, 10.0),
            ],
        };
        let spec = QuerySpec {
            calculations: vec![
                parse_calculation("COUNT").unwrap(),
                parse_calculation("P99(duration_ms)").unwrap(),
                parse_calculation("HEATMAP(duration_ms)").unwrap(),
            ],
            breakdowns: vec!["http.route".into()],
            ..Default::default()
        };
        let report = QueryReport::new("cruddur", &spec, data);
        // COUNT adds the groups (2, 8, 4); P99 keeps the worst group (30, 900, 20).
        assert_eq!(
            chart_lines(
                &report,
                std::time::Duration::from_secs(900),
                &calculations(&spec),
                80
            ),
            [
                "COUNT             ▁█▃  15m, 5m buckets",
                "P99(duration_ms)  ▁█▁  (worst group)",
            ]
        );
    }

    #[test]
    fn numbers_for_people() {
        assert_eq!(human_value(Some(&json!(20769))), "20,769");
        assert_eq!(human_value(Some(&json!(2035.0912))), "2,035.09");
        assert_eq!(human_value(Some(&json!(0.999))), "1.00");
        assert_eq!(human_value(Some(&json!(-1234.5))), "-1,234.50");
        assert_eq!(human_value(Some(&json!(612.0))), "612");
        assert_eq!(human_value(Some(&json!("/api"))), "/api");
        assert_eq!(human_value(None), "-");
        assert_eq!(human_value(Some(&json!([1, 2, 3]))), "heatmap (3 buckets)");
        assert_eq!(group_value(Some(&Value::Null)), "(none)");
    }
}
