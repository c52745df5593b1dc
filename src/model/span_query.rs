//! The query model `honeycomb query` validates and sends, evaluated over stored spans: one
//! model, two engines. Columns are named as Honeycomb shows OpenTelemetry data
//! (`duration_ms`, `name`, `service.name`, `trace.trace_id`, every attribute by its key), so
//! the same query runs in both places; the semantics follow Honeycomb's: typed filters,
//! AND or OR, groups by breakdown, exact (nearest-rank) percentiles, havings, orders
//! (the first calculation descending by default), a limit, and a series per bucket.

use std::cmp::Ordering;
use std::collections::HashMap;

use serde_json::{Map, Value, json};

use crate::model::query::{QuerySpec, ResultData, ResultRow, SpecError};
use crate::model::span::SpanRecord;
use crate::model::stats::percentile;

/// A column of a span as Honeycomb names it for OpenTelemetry data.
pub fn column(span: &SpanRecord, name: &str) -> Option<Value> {
    let text = |s: &str| Some(Value::from(s));
    match name {
        "duration_ms" => span.duration_ms().map(Value::from),
        "name" => text(&span.name),
        "service.name" | "service_name" => text(&span.service),
        "trace.trace_id" => text(&span.trace_id),
        "trace.span_id" => text(&span.span_id),
        "trace.parent_id" => span.parent_id.as_deref().and_then(text),
        "span.kind" => text(span.kind.as_str()),
        "error" => Some(Value::from(span.status.as_str() != "ok")),
        "status" => text(span.status.as_str()),
        _ => span
            .attributes
            .get(name)
            .or_else(|| span.resource.get(name))
            .cloned()
            .or_else(|| derived(span, name)),
    }
}

/// The columns tracectl derived for X-Ray segments, under the semantic conventions' names.
fn derived(span: &SpanRecord, name: &str) -> Option<Value> {
    match name {
        "http.route" => span.http_route.as_deref().map(Value::from),
        "http.method" | "http.request.method" => span.http_method.as_deref().map(Value::from),
        "http.status_code" | "http.response.status_code" => span.http_status.map(Value::from),
        "http.url" | "url.full" => span.http_url.as_deref().map(Value::from),
        "db.statement" | "db.query.text" => span.db_statement.as_deref().map(Value::from),
        "peer.service" => span.remote_service.as_deref().map(Value::from),
        _ => None,
    }
}

fn number(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(_), Value::Number(_)) => number(a) == number(b),
        _ => a == b,
    }
}

/// Typed comparison, as Honeycomb does it: a string "500" never equals the number 500.
fn matches(field: Option<&Value>, op: &str, value: Option<&Value>) -> bool {
    let Some(field) = field.filter(|f| !f.is_null()) else {
        return op == "does-not-exist" || op == "!=" || op == "not-in";
    };
    let value = value.unwrap_or(&Value::Null);
    match op {
        "exists" => true,
        "does-not-exist" => false,
        "=" => equal(field, value),
        "!=" => !equal(field, value),
        "in" => value
            .as_array()
            .is_some_and(|a| a.iter().any(|v| equal(field, v))),
        "not-in" => value
            .as_array()
            .is_some_and(|a| !a.iter().any(|v| equal(field, v))),
        ">" | ">=" | "<" | "<=" => {
            let ordering = match (field, value) {
                (Value::Number(_), Value::Number(_)) => number(field)
                    .zip(number(value))
                    .and_then(|(a, b)| a.partial_cmp(&b)),
                (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
                _ => None,
            };
            ordering.is_some_and(|o| match op {
                ">" => o.is_gt(),
                ">=" => o.is_ge(),
                "<" => o.is_lt(),
                _ => o.is_le(),
            })
        }
        _ => {
            let (Value::String(a), Value::String(b)) = (field, value) else {
                return false;
            };
            match op {
                "contains" => a.contains(b.as_str()),
                "does-not-contain" => !a.contains(b.as_str()),
                "starts-with" => a.starts_with(b.as_str()),
                "does-not-start-with" => !a.starts_with(b.as_str()),
                "ends-with" => a.ends_with(b.as_str()),
                "does-not-end-with" => !a.ends_with(b.as_str()),
                _ => false,
            }
        }
    }
}

/// The percentile of `P001`..`P999`, `None` for other ops.
fn percentile_of(op: &str) -> Option<f64> {
    let digits = op.strip_prefix('P')?;
    let n: f64 = digits.parse().ok()?;
    // P001 is 0.1, P01 is 1, P50 is 50, P999 is 99.9: digits after the first two are tenths.
    Some(match digits.len() {
        3 => n / 10.0,
        _ => n,
    })
}

/// Calculations the local engine cannot compute (they need what spans alone do not hold).
pub const UNSUPPORTED: &[&str] = &["HEATMAP", "CONCURRENCY", "RATE_AVG", "RATE_SUM", "RATE_MAX"];

fn calculate(op: &str, col: Option<&str>, members: &[&SpanRecord]) -> Value {
    let values: Vec<Value> = col
        .map(|c| members.iter().filter_map(|s| column(s, c)).collect())
        .unwrap_or_default();
    let mut numbers: Vec<f64> = values.iter().filter_map(number).collect();
    numbers.sort_by(f64::total_cmp);
    match op {
        "COUNT" => json!(members.len()),
        "SUM" => json!(numbers.iter().sum::<f64>()),
        "AVG" if !numbers.is_empty() => json!(numbers.iter().sum::<f64>() / numbers.len() as f64),
        "MIN" => numbers.first().map_or(Value::Null, |v| json!(v)),
        "MAX" => numbers.last().map_or(Value::Null, |v| json!(v)),
        "COUNT_DISTINCT" => {
            let mut seen: Vec<String> = values.iter().map(Value::to_string).collect();
            seen.sort_unstable();
            seen.dedup();
            json!(seen.len())
        }
        _ => percentile_of(op)
            .and_then(|p| percentile(&numbers, p))
            .map_or(Value::Null, |v| json!(v)),
    }
}

fn key(op: &str, col: Option<&str>) -> String {
    match col {
        Some(c) => format!("{op}({c})"),
        None => op.to_string(),
    }
}

/// Runs `spec` over `spans` (already those of the window `[start_s, end_s)`, epoch seconds).
pub fn run(
    spec: &QuerySpec,
    spans: &[SpanRecord],
    start_s: i64,
    end_s: i64,
    with_series: bool,
) -> Result<ResultData, SpecError> {
    if let Some(c) = spec
        .calculations
        .iter()
        .find(|c| UNSUPPORTED.contains(&c.op.as_str()))
    {
        return Err(SpecError(format!(
            "{} is not computed locally (it needs Honeycomb's own data); use COUNT, SUM, AVG, MIN, MAX, COUNT_DISTINCT or P001..P999",
            c.op
        )));
    }
    let any = spec.filter_combination.as_deref() == Some("OR");
    let hit = |s: &SpanRecord| {
        let one = |f: &crate::model::query::Filter| {
            matches(column(s, &f.column).as_ref(), &f.op, f.value.as_ref())
        };
        spec.filters.is_empty()
            || if any {
                spec.filters.iter().any(one)
            } else {
                spec.filters.iter().all(one)
            }
    };
    let matching: Vec<&SpanRecord> = spans.iter().filter(|s| hit(s)).collect();
    let calcs: Vec<(String, Option<String>)> = if spec.calculations.is_empty() {
        vec![("COUNT".into(), None)]
    } else {
        spec.calculations
            .iter()
            .map(|c| (c.op.clone(), c.column.clone()))
            .collect()
    };
    let group_of = |s: &SpanRecord| -> Vec<Value> {
        spec.breakdowns
            .iter()
            .map(|b| column(s, b).unwrap_or(Value::Null))
            .collect()
    };
    let row = |group: &[Value], members: &[&SpanRecord]| -> Map<String, Value> {
        let mut data = Map::new();
        for (b, v) in spec.breakdowns.iter().zip(group) {
            data.insert(b.clone(), v.clone());
        }
        for (op, col) in &calcs {
            data.insert(
                key(op, col.as_deref()),
                calculate(op, col.as_deref(), members),
            );
        }
        data
    };
    // Groups in first-seen order, found by their values' JSON.
    let mut grouped: Vec<(Vec<Value>, Vec<&SpanRecord>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for s in &matching {
        let g = group_of(s);
        let at = *index
            .entry(Value::Array(g.clone()).to_string())
            .or_insert_with(|| {
                grouped.push((g, Vec::new()));
                grouped.len() - 1
            });
        grouped[at].1.push(s);
    }
    let mut rows: Vec<Map<String, Value>> = grouped.iter().map(|(g, m)| row(g, m)).collect();
    for h in &spec.havings {
        let k = key(&h.calculate_op, h.column.as_deref());
        rows.retain(|r| matches(r.get(&k), &h.op, Some(&json!(h.value))));
    }
    let orders: Vec<(String, bool)> = if spec.orders.is_empty() {
        vec![(key(&calcs[0].0, calcs[0].1.as_deref()), true)]
    } else {
        spec.orders
            .iter()
            .map(|o| {
                let k = match &o.op {
                    Some(op) => key(op, o.column.as_deref()),
                    None => o.column.clone().unwrap_or_default(),
                };
                (k, o.order.as_deref() == Some("descending"))
            })
            .collect()
    };
    rows.sort_by(|a, b| {
        for (k, descending) in &orders {
            let ordering = match (a.get(k), b.get(k)) {
                (Some(x @ Value::Number(_)), Some(y @ Value::Number(_))) => {
                    number(x).partial_cmp(&number(y)).unwrap_or(Ordering::Equal)
                }
                (Some(x), Some(y)) => x.to_string().cmp(&y.to_string()),
                _ => Ordering::Equal,
            };
            let ordering = if *descending {
                ordering.reverse()
            } else {
                ordering
            };
            if ordering.is_ne() {
                return ordering;
            }
        }
        Ordering::Equal
    });
    rows.truncate(spec.limit.unwrap_or(1000) as usize);
    let results = rows
        .into_iter()
        .map(|data| ResultRow { time: None, data })
        .collect();
    let mut series = Vec::new();
    if with_series {
        let step = spec
            .granularity
            .and_then(|g| i64::try_from(g).ok())
            .unwrap_or(((end_s - start_s) / 60).max(1))
            .max(1);
        let second = |s: &SpanRecord| s.start_ns.div_euclid(1_000_000_000);
        let mut t = start_s - start_s.rem_euclid(step);
        while t < end_s {
            let time = jiff::Timestamp::from_second(t)
                .map(|t| t.to_string())
                .unwrap_or_default();
            let in_bucket = |s: &&&SpanRecord| (t..t + step).contains(&second(s));
            if spec.breakdowns.is_empty() {
                let members: Vec<&SpanRecord> =
                    matching.iter().filter(in_bucket).copied().collect();
                series.push(ResultRow {
                    time: Some(time),
                    data: row(&[], &members),
                });
            } else {
                for (g, members) in &grouped {
                    let bucket: Vec<&SpanRecord> =
                        members.iter().filter(in_bucket).copied().collect();
                    series.push(ResultRow {
                        time: Some(time.clone()),
                        data: row(g, &bucket),
                    });
                }
            }
            t += step;
        }
    }
    Ok(ResultData { results, series })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_names_as_honeycomb_spells_them() {
        for (op, p) in [
            ("P001", 0.1),
            ("P01", 1.0),
            ("P05", 5.0),
            ("P50", 50.0),
            ("P99", 99.0),
            ("P999", 99.9),
        ] {
            assert_eq!(percentile_of(op), Some(p), "{op}");
        }
        assert_eq!(percentile_of("COUNT"), None);
    }

    #[test]
    fn missing_values_match_only_negative_filters() {
        assert!(matches(None, "does-not-exist", None));
        assert!(matches(None, "!=", Some(&json!(1))));
        assert!(!matches(None, "=", Some(&json!(1))));
        assert!(!matches(Some(&json!("500")), "=", Some(&json!(500))));
        assert!(matches(Some(&json!(500)), ">=", Some(&json!(500.0))));
        assert!(matches(
            Some(&json!("GET /a")),
            "starts-with",
            Some(&json!("GET"))
        ));
    }
}
