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

/// A field of a stored span that a Honeycomb column name reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanField {
    Name,
    Service,
    TraceId,
    SpanId,
    ParentId,
    Kind,
    Status,
    HttpMethod,
    HttpRoute,
    HttpUrl,
    HttpStatus,
    DbStatement,
    RemoteService,
}

/// Where the value of a named column comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnSource {
    /// `duration_ms`: end minus start, in milliseconds; none while in progress.
    DurationMs,
    /// `error`: whether the span's status is anything but ok.
    Error,
    /// A field of the span itself.
    Field(SpanField),
    /// An attribute by its key, else a resource attribute, else (for X-Ray segments, which
    /// carry no such attribute) the field tracectl derived under the conventions' name.
    Attribute {
        key: String,
        derived: Option<SpanField>,
    },
}

/// Where the column `name` comes from, as Honeycomb names OpenTelemetry data.
pub fn source_of(name: &str) -> ColumnSource {
    let field = match name {
        "duration_ms" => return ColumnSource::DurationMs,
        "error" => return ColumnSource::Error,
        "name" => SpanField::Name,
        "service.name" | "service_name" => SpanField::Service,
        "trace.trace_id" => SpanField::TraceId,
        "trace.span_id" => SpanField::SpanId,
        "trace.parent_id" => SpanField::ParentId,
        "span.kind" => SpanField::Kind,
        "status" => SpanField::Status,
        _ => {
            let derived = match name {
                "http.route" => Some(SpanField::HttpRoute),
                "http.method" | "http.request.method" => Some(SpanField::HttpMethod),
                "http.status_code" | "http.response.status_code" => Some(SpanField::HttpStatus),
                "http.url" | "url.full" => Some(SpanField::HttpUrl),
                "db.statement" | "db.query.text" => Some(SpanField::DbStatement),
                "peer.service" => Some(SpanField::RemoteService),
                _ => None,
            };
            return ColumnSource::Attribute {
                key: name.to_string(),
                derived,
            };
        }
    };
    ColumnSource::Field(field)
}

/// A field of `span` as a JSON value (null when the span has none).
fn field(span: &SpanRecord, field: SpanField) -> Value {
    let text = |s: Option<&str>| s.map_or(Value::Null, Value::from);
    match field {
        SpanField::Name => Value::from(span.name.as_str()),
        SpanField::Service => Value::from(span.service.as_str()),
        SpanField::TraceId => Value::from(span.trace_id.as_str()),
        SpanField::SpanId => Value::from(span.span_id.as_str()),
        SpanField::ParentId => text(span.parent_id.as_deref()),
        SpanField::Kind => Value::from(span.kind.as_str()),
        SpanField::Status => Value::from(span.status.as_str()),
        SpanField::HttpMethod => text(span.http_method.as_deref()),
        SpanField::HttpRoute => text(span.http_route.as_deref()),
        SpanField::HttpUrl => text(span.http_url.as_deref()),
        SpanField::HttpStatus => span.http_status.map_or(Value::Null, Value::from),
        SpanField::DbStatement => text(span.db_statement.as_deref()),
        SpanField::RemoteService => text(span.remote_service.as_deref()),
    }
}

/// A column of a span as Honeycomb names it for OpenTelemetry data (null when absent).
pub fn column(span: &SpanRecord, name: &str) -> Value {
    match source_of(name) {
        ColumnSource::DurationMs => span.duration_ms().map_or(Value::Null, Value::from),
        ColumnSource::Error => Value::from(span.status.as_str() != "ok"),
        ColumnSource::Field(f) => field(span, f),
        ColumnSource::Attribute { key, derived } => span
            .attributes
            .get(&key)
            .filter(|v| !v.is_null())
            .or_else(|| span.resource.get(&key).filter(|v| !v.is_null()))
            .cloned()
            .or_else(|| derived.map(|f| field(span, f)))
            .unwrap_or(Value::Null),
    }
}

/// The spans a query reads, cut down to the columns it names: what the store hands the
/// engine, so a query over a million spans parses only the attributes it asks about.
#[derive(Debug, Default)]
pub struct SpanTable {
    /// The column names, each once.
    pub columns: Vec<String>,
    /// Each span's start, epoch nanoseconds.
    pub starts: Vec<i64>,
    /// The values, a row of `columns.len()` per span (null where the span has none).
    pub values: Vec<Value>,
}

impl SpanTable {
    pub fn new(columns: Vec<String>) -> SpanTable {
        SpanTable {
            columns,
            ..SpanTable::default()
        }
    }

    /// Adds a span's row (`row` holds a value per column).
    pub fn push(&mut self, start_ns: i64, row: impl IntoIterator<Item = Value>) {
        self.starts.push(start_ns);
        let before = self.values.len();
        self.values.extend(row);
        debug_assert_eq!(self.values.len() - before, self.columns.len());
    }

    /// The table of `spans` for `columns`.
    pub fn of_records(spans: &[SpanRecord], columns: Vec<String>) -> SpanTable {
        let mut table = SpanTable::new(columns);
        for span in spans {
            let row: Vec<Value> = table.columns.iter().map(|c| column(span, c)).collect();
            table.push(span.start_ns, row);
        }
        table
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    fn row(&self, i: usize) -> &[Value] {
        let width = self.columns.len();
        &self.values[i * width..(i + 1) * width]
    }
}

/// The columns `spec` reads (filters, breakdowns, calculations), each once, in order.
pub fn columns_of(spec: &QuerySpec) -> Vec<String> {
    let mut columns: Vec<String> = Vec::new();
    let named = spec
        .filters
        .iter()
        .map(|f| f.column.as_str())
        .chain(spec.breakdowns.iter().map(String::as_str))
        .chain(spec.calculations.iter().filter_map(|c| c.column.as_deref()));
    for name in named {
        if !columns.iter().any(|c| c == name) {
            columns.push(name.to_string());
        }
    }
    columns
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

/// One calculation over the values of its column for a group's members.
fn calculate(op: &str, values: &[&Value], members: usize) -> Value {
    let present = || values.iter().copied().filter(|v| !v.is_null());
    let mut numbers: Vec<f64> = present().filter_map(number).collect();
    match op {
        "COUNT" => json!(members),
        "SUM" => json!(numbers.iter().sum::<f64>()),
        "AVG" if !numbers.is_empty() => json!(numbers.iter().sum::<f64>() / numbers.len() as f64),
        "MIN" => numbers
            .iter()
            .copied()
            .min_by(f64::total_cmp)
            .map_or(Value::Null, |v| json!(v)),
        "MAX" => numbers
            .iter()
            .copied()
            .max_by(f64::total_cmp)
            .map_or(Value::Null, |v| json!(v)),
        "COUNT_DISTINCT" => {
            let mut seen: Vec<String> = present().map(Value::to_string).collect();
            seen.sort_unstable();
            seen.dedup();
            json!(seen.len())
        }
        _ => {
            numbers.sort_by(f64::total_cmp);
            percentile_of(op)
                .and_then(|p| percentile(&numbers, p))
                .map_or(Value::Null, |v| json!(v))
        }
    }
}

fn key(op: &str, col: Option<&str>) -> String {
    match col {
        Some(c) => format!("{op}({c})"),
        None => op.to_string(),
    }
}

/// Runs `spec` over `table` (the spans of the window `[start_s, end_s)`, epoch seconds,
/// with at least the columns [`columns_of`] names).
pub fn run(
    spec: &QuerySpec,
    table: &SpanTable,
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
    // Column names resolve to positions in a row once, not per span.
    let at = |name: &str| -> Result<usize, SpecError> {
        table
            .columns
            .iter()
            .position(|c| c == name)
            .ok_or_else(|| SpecError(format!("the column {name} was not read")))
    };
    let filters: Vec<(usize, &crate::model::query::Filter)> = spec
        .filters
        .iter()
        .map(|f| Ok((at(&f.column)?, f)))
        .collect::<Result<_, SpecError>>()?;
    let breakdowns: Vec<usize> = spec
        .breakdowns
        .iter()
        .map(|b| at(b))
        .collect::<Result<_, _>>()?;
    let calcs: Vec<(String, Option<String>)> = if spec.calculations.is_empty() {
        vec![("COUNT".into(), None)]
    } else {
        spec.calculations
            .iter()
            .map(|c| (c.op.clone(), c.column.clone()))
            .collect()
    };
    let calc_columns: Vec<Option<usize>> = calcs
        .iter()
        .map(|(_, c)| c.as_deref().map(at).transpose())
        .collect::<Result<_, _>>()?;
    let any = spec.filter_combination.as_deref() == Some("OR");
    let hit = |row: &[Value]| {
        let one = |(i, f): &(usize, &crate::model::query::Filter)| {
            matches(Some(&row[*i]), &f.op, f.value.as_ref())
        };
        filters.is_empty()
            || if any {
                filters.iter().any(one)
            } else {
                filters.iter().all(one)
            }
    };
    let row_of = |group: &[Value], members: &[usize]| -> Map<String, Value> {
        let mut data = Map::new();
        for (b, v) in spec.breakdowns.iter().zip(group) {
            data.insert(b.clone(), v.clone());
        }
        for ((op, col), column) in calcs.iter().zip(&calc_columns) {
            let values: Vec<&Value> = column
                .map(|c| members.iter().map(|&m| &table.row(m)[c]).collect())
                .unwrap_or_default();
            data.insert(
                key(op, col.as_deref()),
                calculate(op, &values, members.len()),
            );
        }
        data
    };
    // Groups in first-seen order, found by their values' JSON (written into one reused
    // buffer: no allocation per span).
    let mut grouped: Vec<(Vec<Value>, Vec<usize>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut group_key = String::new();
    for i in 0..table.len() {
        let row = table.row(i);
        if !hit(row) {
            continue;
        }
        group_key.clear();
        for &b in &breakdowns {
            group_key.push_str(&row[b].to_string());
            group_key.push('\u{1f}');
        }
        let at = match index.get(group_key.as_str()) {
            Some(&at) => at,
            None => {
                grouped.push((
                    breakdowns.iter().map(|&b| row[b].clone()).collect(),
                    Vec::new(),
                ));
                index.insert(group_key.clone(), grouped.len() - 1);
                grouped.len() - 1
            }
        };
        grouped[at].1.push(i);
    }
    let mut rows: Vec<Map<String, Value>> = grouped.iter().map(|(g, m)| row_of(g, m)).collect();
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
        let first = start_s - start_s.rem_euclid(step);
        let buckets = usize::try_from((end_s - first + step - 1) / step).unwrap_or(0);
        // Each group's members sorted into their buckets in one pass.
        let bucketed: Vec<Vec<Vec<usize>>> = grouped
            .iter()
            .map(|(_, members)| {
                let mut by_bucket = vec![Vec::new(); buckets];
                for &m in members {
                    let second = table.starts[m].div_euclid(1_000_000_000);
                    let b = usize::try_from((second - first).div_euclid(step)).ok();
                    if let Some(slot) = b.and_then(|b| by_bucket.get_mut(b)) {
                        slot.push(m);
                    }
                }
                by_bucket
            })
            .collect();
        for b in 0..buckets {
            let t = first + b as i64 * step;
            let time = jiff::Timestamp::from_second(t)
                .map(|t| t.to_string())
                .unwrap_or_default();
            if spec.breakdowns.is_empty() {
                let members = bucketed.first().map_or(&[][..], |g| &g[b][..]);
                series.push(ResultRow {
                    time: Some(time),
                    data: row_of(&[], members),
                });
            } else {
                for ((g, _), by_bucket) in grouped.iter().zip(&bucketed) {
                    series.push(ResultRow {
                        time: Some(time.clone()),
                        data: row_of(g, &by_bucket[b]),
                    });
                }
            }
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
