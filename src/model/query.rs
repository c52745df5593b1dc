//! Honeycomb query specs: built from flags (`-c 'P99(duration_ms)'`, `-w 'status >= 500'`,
//! `--order 'COUNT desc'`, `--having 'COUNT > 10'`) or read from JSON, and validated before
//! anything is sent — the query-result budget is 10 a minute, too precious for typos.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Calculation ops (the spec's `QueryOp`).
pub const QUERY_OPS: [&str; 24] = [
    "COUNT",
    "CONCURRENCY",
    "SUM",
    "AVG",
    "COUNT_DISTINCT",
    "HEATMAP",
    "MAX",
    "MIN",
    "P001",
    "P01",
    "P05",
    "P10",
    "P20",
    "P25",
    "P50",
    "P75",
    "P80",
    "P90",
    "P95",
    "P99",
    "P999",
    "RATE_AVG",
    "RATE_SUM",
    "RATE_MAX",
];

/// Filter ops (the spec's `FilterOp`), words before symbols so `>=` is found before `>`.
pub const FILTER_OPS: [&str; 16] = [
    "does-not-start-with",
    "does-not-end-with",
    "does-not-contain",
    "does-not-exist",
    "starts-with",
    "ends-with",
    "contains",
    "exists",
    "not-in",
    "in",
    "!=",
    ">=",
    "<=",
    "=",
    ">",
    "<",
];

/// Having ops (the spec's `HavingOp`).
pub const HAVING_OPS: [&str; 6] = ["!=", ">=", "<=", "=", ">", "<"];

/// Honeycomb queries data of the last 7 days only.
pub const MAX_AGE: Duration = Duration::from_secs(7 * 86_400);

/// The most result rows a query may ask for.
pub const MAX_LIMIT: u32 = 1000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calculation {
    pub op: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
}

impl Calculation {
    /// The key of this calculation in result rows: `COUNT`, `P99(duration_ms)`.
    pub fn key(&self) -> String {
        match &self.column {
            Some(c) => format!("{}({c})", self.op),
            None => self.op.clone(),
        }
    }

    /// Whether adding two buckets' values gives the combined value (for charts of groups).
    pub fn is_additive(&self) -> bool {
        matches!(
            self.op.as_str(),
            "COUNT" | "SUM" | "RATE_SUM" | "CONCURRENCY"
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    pub column: String,
    pub op: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Order {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub op: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Having {
    pub calculate_op: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    pub op: String,
    pub value: f64,
}

/// A Honeycomb query spec, field for field as the API takes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuerySpec {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calculations: Vec<Calculation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<Filter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter_combination: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breakdowns: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orders: Vec<Order>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub havings: Vec<Having>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_range: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub granularity: Option<u64>,
}

/// One row of a query's results, or one point of its series (`time` set): what Honeycomb
/// answers and what the local engine computes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    #[serde(default)]
    pub data: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResultData {
    #[serde(default)]
    pub results: Vec<ResultRow>,
    #[serde(default)]
    pub series: Vec<ResultRow>,
}

/// The query template link of `spec` on `dataset`: the dataset's page in Honeycomb's UI
/// with the spec as JSON in its `query` parameter, which opens and runs the query there
/// (docs: "Share a query"). `api_host` picks the UI (`api.eu1.honeycomb.io` is EU's); an
/// empty `environment` is Honeycomb Classic, whose datasets sit under the team.
pub fn template_link(
    api_host: &str,
    team: &str,
    environment: &str,
    dataset: &str,
    spec: &QuerySpec,
) -> url::Url {
    let ui = if api_host.ends_with(".eu1.honeycomb.io") {
        "https://ui.eu1.honeycomb.io/"
    } else {
        "https://ui.honeycomb.io/"
    };
    let mut url = url::Url::parse(ui).expect("a constant URL");
    {
        let mut path = url.path_segments_mut().expect("an https URL has a path");
        path.push(team);
        if !environment.is_empty() {
            path.push("environments").push(environment);
        }
        path.push("datasets").push(dataset);
    }
    let json = serde_json::to_string(spec).unwrap_or_default();
    url.query_pairs_mut().append_pair("query", &json);
    url
}

/// The UI page of one trace (docs: "Share a Trace"): `.../datasets/DATASET/trace?trace_id=`
/// with the span to open at and the trace's time range in epoch seconds, which Honeycomb
/// searches (without one it looks at the last two hours only).
pub fn trace_link(
    api_host: &str,
    team: &str,
    environment: &str,
    dataset: &str,
    trace_id: &str,
    span_id: Option<&str>,
    range: Option<(i64, i64)>,
) -> url::Url {
    let mut url = template_link(api_host, team, environment, dataset, &QuerySpec::default());
    url.path_segments_mut()
        .expect("an https URL has a path")
        .push("trace");
    url.set_query(None);
    {
        let mut query = url.query_pairs_mut();
        query.append_pair("trace_id", trace_id);
        if let Some(span) = span_id {
            query.append_pair("span", span);
        }
        if let Some((start, end)) = range {
            query
                .append_pair("trace_start_ts", &start.to_string())
                .append_pair("trace_end_ts", &end.to_string());
        }
    }
    url
}

/// Why a spec cannot be sent; the message names the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError(pub String);

impl std::fmt::Display for SpecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn err<T>(message: impl Into<String>) -> Result<T, SpecError> {
    Err(SpecError(message.into()))
}

fn op_name(input: &str, known: &[&str]) -> Option<&'static str> {
    let upper = input.trim().to_ascii_uppercase();
    QUERY_OPS
        .iter()
        .copied()
        .find(|op| *op == upper && known.contains(op))
}

/// `COUNT`, `CONCURRENCY` or `OP(column)`, op names in any case.
pub fn parse_calculation(input: &str) -> Result<Calculation, SpecError> {
    let text = input.trim();
    let (name, column) = match text.split_once('(') {
        Some((name, rest)) => {
            let Some(column) = rest.strip_suffix(')') else {
                return err(format!("calculation '{input}' is missing its closing ')'"));
            };
            (name.trim(), Some(column.trim().to_string()))
        }
        None => (text, None),
    };
    let Some(op) = op_name(name, &QUERY_OPS) else {
        return err(format!(
            "unknown calculation '{name}' in '{input}'; use COUNT, CONCURRENCY or OP(column) with OP one of {}",
            QUERY_OPS.join(", ")
        ));
    };
    match (op, column) {
        ("COUNT" | "CONCURRENCY", None) => Ok(Calculation {
            op: op.into(),
            column: None,
        }),
        ("COUNT" | "CONCURRENCY", Some(_)) => err(format!("{op} takes no column: '{input}'")),
        (_, Some(column)) if !column.is_empty() => Ok(Calculation {
            op: op.into(),
            column: Some(column),
        }),
        _ => err(format!("{op} needs a column, e.g. {op}(duration_ms)")),
    }
}

/// A filter value as typed: numbers as numbers, `true`/`false` as booleans, quoted text
/// (single or double quotes) as a string even when it looks like a number.
pub fn typed_value(text: &str) -> Value {
    let t = text.trim();
    if let Some(inner) = unquote(t) {
        return Value::String(inner.to_string());
    }
    if let Ok(i) = t.parse::<i64>() {
        return Value::from(i);
    }
    if let Ok(f) = t.parse::<f64>()
        && f.is_finite()
    {
        return Value::from(f);
    }
    match t {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => Value::String(t.to_string()),
    }
}

/// The text inside matching single or double quotes, or `None` when it is not quoted.
fn unquote(text: &str) -> Option<&str> {
    ['"', '\'']
        .into_iter()
        .find(|&q| text.len() >= 2 && text.starts_with(q) && text.ends_with(q))
        .map(|_| &text[1..text.len() - 1])
}

/// A filter value typed by its column's type (from `/1/columns`): a string column takes
/// the text as written (`zip = 02134` stays "02134"), a number column a number, a boolean
/// column true/false. Text that does not fit the type keeps its own type (Honeycomb then
/// matches nothing, which the user sees, rather than tracectl guessing).
pub fn value_for_column(text: &str, column_type: Option<&str>) -> Value {
    let t = text.trim();
    match column_type {
        Some("string") => Value::String(unquote(t).unwrap_or(t).to_string()),
        Some("integer") => t
            .parse::<i64>()
            .map_or_else(|_| typed_value(t), Value::from),
        Some("float") => t
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map_or_else(|| typed_value(t), Value::from),
        Some("boolean") => match t.to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => typed_value(t),
        },
        _ => typed_value(t),
    }
}

/// Splits an `in` list on commas outside quotes.
fn split_list(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                current.push(c);
            }
            (Some(q), c) if c == q => {
                quote = None;
                current.push(c);
            }
            (None, ',') => items.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    items.push(current);
    items.into_iter().map(|s| s.trim().to_string()).collect()
}

/// `COLUMN OP [VALUE]`: `http.status_code >= 500`, `name = "GET /"`, `user.id in 1,2,3`,
/// `error exists`. The column may be quoted when it holds spaces.
pub fn parse_filter(input: &str) -> Result<Filter, SpecError> {
    parse_filter_as(input, |_| None)
}

/// [`parse_filter`], with values typed by `column_type(column)` (see [`value_for_column`]).
pub fn parse_filter_as<'a>(
    input: &str,
    column_type: impl Fn(&str) -> Option<&'a str>,
) -> Result<Filter, SpecError> {
    let text = input.trim();
    let (column, rest) = if let Some(stripped) = text.strip_prefix('"') {
        match stripped.split_once('"') {
            Some((column, rest)) => (column.to_string(), rest.trim_start()),
            None => return err(format!("filter '{input}' has an unclosed quote")),
        }
    } else {
        let end = text
            .find(|c: char| c.is_whitespace() || "=!<>".contains(c))
            .unwrap_or(text.len());
        (text[..end].to_string(), text[end..].trim_start())
    };
    if column.is_empty() {
        return err(format!(
            "filter '{input}' has no column; write COLUMN OP VALUE"
        ));
    }
    let lower = rest.to_ascii_lowercase();
    let Some(op) = FILTER_OPS.iter().copied().find(|op| {
        lower.starts_with(op)
            && (!op.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
                || lower[op.len()..].is_empty()
                || lower[op.len()..].starts_with(char::is_whitespace))
    }) else {
        return err(format!(
            "filter '{input}' has no known operator; use one of {}",
            FILTER_OPS.join(" ")
        ));
    };
    let value = rest[op.len()..].trim();
    let unclosed = |v: &str| {
        let v = v.trim();
        ['"', '\''].into_iter().any(|q| {
            (v.starts_with(q) || v.ends_with(q))
                && !(v.len() >= 2 && v.starts_with(q) && v.ends_with(q))
        })
    };
    let values_unclosed = match op {
        "in" | "not-in" => split_list(value).iter().any(|v| unclosed(v)),
        _ => unclosed(value),
    };
    if values_unclosed {
        return err(format!(
            "filter '{input}' has an unclosed quote in its value"
        ));
    }
    let value = match op {
        "exists" | "does-not-exist" if value.is_empty() => None,
        "exists" | "does-not-exist" => {
            return err(format!("'{op}' takes no value: '{input}'"));
        }
        _ if value.is_empty() => {
            return err(format!("filter '{input}' needs a value after '{op}'"));
        }
        "in" | "not-in" => Some(Value::Array(
            split_list(value)
                .iter()
                .map(|v| value_for_column(v, column_type(&column)))
                .collect(),
        )),
        _ => Some(value_for_column(value, column_type(&column))),
    };
    Ok(Filter {
        column,
        op: op.into(),
        value,
    })
}

fn direction(word: Option<&str>, default: &str) -> Result<String, SpecError> {
    match word.map(str::to_ascii_lowercase).as_deref() {
        None => Ok(default.into()),
        Some("asc" | "ascending") => Ok("ascending".into()),
        Some("desc" | "descending") => Ok("descending".into()),
        Some(other) => err(format!("order direction '{other}' is not asc or desc")),
    }
}

/// `P99(duration_ms) desc`, `http.route asc`. A calculation orders descending unless told
/// (the slowest or busiest first is what people ask for); a column ascending.
pub fn parse_order(input: &str) -> Result<Order, SpecError> {
    let text = input.trim();
    let (target, dir) = match text.rsplit_once(char::is_whitespace) {
        Some((t, d))
            if ["asc", "desc", "ascending", "descending"]
                .contains(&d.to_ascii_lowercase().as_str()) =>
        {
            (t.trim(), Some(d))
        }
        _ => (text, None),
    };
    if target.is_empty() {
        return err(format!("order '{input}' names nothing to order by"));
    }
    match parse_calculation(target) {
        Ok(calc) => Ok(Order {
            op: Some(calc.op),
            column: calc.column,
            order: Some(direction(dir, "descending")?),
        }),
        Err(_) if !target.contains('(') => Ok(Order {
            op: None,
            column: Some(target.to_string()),
            order: Some(direction(dir, "ascending")?),
        }),
        Err(e) => Err(e),
    }
}

/// `COUNT > 10`, `P99(duration_ms) >= 500`.
pub fn parse_having(input: &str) -> Result<Having, SpecError> {
    let text = input.trim();
    let Some((at, op)) = HAVING_OPS
        .iter()
        .filter_map(|op| text.find(op).map(|at| (at, *op)))
        .min_by_key(|(at, op)| (*at, std::cmp::Reverse(op.len())))
    else {
        return err(format!(
            "having '{input}' has no comparison; write e.g. 'COUNT > 10'"
        ));
    };
    let calc = parse_calculation(&text[..at])?;
    let value_text = text[at + op.len()..].trim();
    let Ok(value) = value_text.parse::<f64>() else {
        return err(format!(
            "having '{input}' compares with '{value_text}', which is not a number"
        ));
    };
    Ok(Having {
        calculate_op: calc.op,
        column: calc.column,
        op: op.into(),
        value,
    })
}

/// Checks what Honeycomb would refuse (or silently misread), with `now` in epoch seconds.
pub fn validate(spec: &QuerySpec, now: i64) -> Result<(), SpecError> {
    for c in &spec.calculations {
        if !QUERY_OPS.contains(&c.op.as_str()) {
            return err(format!("unknown calculation op '{}'", c.op));
        }
    }
    for f in &spec.filters {
        if !FILTER_OPS.contains(&f.op.as_str()) {
            return err(format!("unknown filter op '{}' on {}", f.op, f.column));
        }
    }
    if let Some(comb) = &spec.filter_combination
        && comb != "AND"
        && comb != "OR"
    {
        return err(format!(
            "filter_combination must be AND or OR, not '{comb}'"
        ));
    }
    let calc_matches = |op: &str, column: Option<&String>| {
        let implicit_count = spec.calculations.is_empty() && op == "COUNT";
        implicit_count
            || spec
                .calculations
                .iter()
                .any(|c| c.op == op && c.column.as_ref() == column)
    };
    for o in &spec.orders {
        match (&o.op, &o.column) {
            (Some(op), _) if op == "HEATMAP" => {
                return err("HEATMAP cannot be used in --order");
            }
            (Some(op), column) if !calc_matches(op, column.as_ref()) => {
                let key = Calculation {
                    op: op.clone(),
                    column: column.clone(),
                }
                .key();
                return err(format!(
                    "--order {key} is not one of the calculations; add -c '{key}'"
                ));
            }
            (None, Some(column)) if !spec.breakdowns.contains(column) => {
                return err(format!(
                    "--order {column} is neither a calculation nor a breakdown; add -b {column}"
                ));
            }
            (None, None) => return err("an order names neither an op nor a column"),
            _ => {}
        }
        if let Some(dir) = &o.order
            && dir != "ascending"
            && dir != "descending"
        {
            return err(format!(
                "order must be ascending or descending, not '{dir}'"
            ));
        }
    }
    for h in &spec.havings {
        if h.calculate_op == "HEATMAP" {
            return err("HEATMAP cannot be used in --having");
        }
        if !calc_matches(&h.calculate_op, h.column.as_ref()) {
            let key = Calculation {
                op: h.calculate_op.clone(),
                column: h.column.clone(),
            }
            .key();
            return err(format!(
                "--having {key} is not one of the calculations; add -c '{key}'"
            ));
        }
        if !HAVING_OPS.contains(&h.op.as_str()) {
            return err(format!("unknown having op '{}'", h.op));
        }
    }
    if let Some(limit) = spec.limit
        && !(1..=MAX_LIMIT).contains(&limit)
    {
        return err(format!(
            "--limit {limit} is out of range; Honeycomb allows 1 to {MAX_LIMIT}"
        ));
    }
    // The window: time_range alone (seconds before now), or with one of start/end, or
    // start and end — never all three.
    let (start, end) = match (spec.start_time, spec.end_time, spec.time_range) {
        (Some(_), Some(_), Some(_)) => {
            return err(
                "give start_time and end_time, or one of them with time_range, never all three",
            );
        }
        (Some(s), Some(e), None) => (s, e),
        (Some(s), None, Some(r)) => (s, s + r as i64),
        (None, Some(e), Some(r)) => (e - r as i64, e),
        (None, None, Some(r)) => (now - r as i64, now),
        (None, None, None) => (now - 7200, now),
        (Some(s), None, None) => (s, now),
        (None, Some(_), None) => return err("end_time needs start_time or time_range"),
    };
    if end <= start {
        return err("the query window ends before it starts");
    }
    let oldest = now - MAX_AGE.as_secs() as i64;
    if start < oldest {
        return err(format!(
            "the query starts {} ago; Honeycomb keeps 7 days of data to query",
            crate::model::time::human_span(Duration::from_secs((now - start).max(0) as u64))
        ));
    }
    if let Some(g) = spec.granularity {
        let range = (end - start) as u64;
        let (min, max) = ((range / 1000).max(1), (range / 10).max(1));
        if !(min..=max).contains(&g) {
            return err(format!(
                "--granularity {g}s does not fit a {range}s window; use {min}s to {max}s (the window / 1000 to the window / 10)"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unbalanced_quotes_in_values_are_errors() {
        for bad in [
            "name = 'unbalanced",
            "name = unbalanced\"",
            "route in '/a,/b",
            "n = '",
        ] {
            assert!(parse_filter_as(bad, |_| None).is_err(), "{bad}");
        }
        assert_eq!(
            parse_filter_as("name = 'it''s'", |_| None).unwrap().value,
            Some(Value::String("it''s".into()))
        );
    }

    #[test]
    fn calculations_in_every_form() {
        assert_eq!(parse_calculation("count").unwrap().key(), "COUNT");
        assert_eq!(
            parse_calculation("p99(duration_ms)").unwrap().key(),
            "P99(duration_ms)"
        );
        assert_eq!(
            parse_calculation(" COUNT_DISTINCT( user.id ) ")
                .unwrap()
                .key(),
            "COUNT_DISTINCT(user.id)"
        );
        assert_eq!(
            parse_calculation("heatmap(duration_ms)").unwrap().op,
            "HEATMAP"
        );
        assert!(
            parse_calculation("P98(x)")
                .unwrap_err()
                .0
                .contains("unknown calculation 'P98'")
        );
        assert!(
            parse_calculation("AVG")
                .unwrap_err()
                .0
                .contains("AVG needs a column")
        );
        assert!(
            parse_calculation("AVG()")
                .unwrap_err()
                .0
                .contains("needs a column")
        );
        assert!(
            parse_calculation("COUNT(x)")
                .unwrap_err()
                .0
                .contains("takes no column")
        );
        assert!(
            parse_calculation("AVG(x")
                .unwrap_err()
                .0
                .contains("closing")
        );
    }

    #[test]
    fn filters_are_typed() {
        let f = |s: &str| {
            let f = parse_filter(s).unwrap();
            (f.column, f.op, f.value)
        };
        assert_eq!(
            f("http.status_code >= 500"),
            ("http.status_code".into(), ">=".into(), Some(json!(500)))
        );
        assert_eq!(
            f("http.status_code>=500"),
            ("http.status_code".into(), ">=".into(), Some(json!(500)))
        );
        assert_eq!(
            f("duration_ms > 1.5"),
            ("duration_ms".into(), ">".into(), Some(json!(1.5)))
        );
        assert_eq!(
            f("error = true"),
            ("error".into(), "=".into(), Some(json!(true)))
        );
        assert_eq!(
            f("zip = \"02134\""),
            ("zip".into(), "=".into(), Some(json!("02134")))
        );
        assert_eq!(
            f("zip = '500'"),
            ("zip".into(), "=".into(), Some(json!("500")))
        );
        assert_eq!(
            f("name = GET /api"),
            ("name".into(), "=".into(), Some(json!("GET /api")))
        );
        assert_eq!(
            f("name != x"),
            ("name".into(), "!=".into(), Some(json!("x")))
        );
        assert_eq!(
            f("route starts-with /api"),
            ("route".into(), "starts-with".into(), Some(json!("/api")))
        );
        assert_eq!(
            f("route DOES-NOT-CONTAIN health"),
            (
                "route".into(),
                "does-not-contain".into(),
                Some(json!("health"))
            )
        );
        assert_eq!(f("error exists"), ("error".into(), "exists".into(), None));
        assert_eq!(
            f("error does-not-exist"),
            ("error".into(), "does-not-exist".into(), None)
        );
        assert_eq!(
            f("user.id in 1, 2,\"3\",'a,b', x"),
            (
                "user.id".into(),
                "in".into(),
                Some(json!([1, 2, "3", "a,b", "x"]))
            )
        );
        assert_eq!(
            f("user.id not-in 4"),
            ("user.id".into(), "not-in".into(), Some(json!([4])))
        );
        assert_eq!(
            f("\"my col\" < 3"),
            ("my col".into(), "<".into(), Some(json!(3)))
        );
        // `inside` is a value, not the `in` op followed by "side".
        assert!(
            parse_filter("name inside")
                .unwrap_err()
                .0
                .contains("no known operator")
        );
        assert!(
            parse_filter("error exists yes")
                .unwrap_err()
                .0
                .contains("takes no value")
        );
        assert!(
            parse_filter("status >=")
                .unwrap_err()
                .0
                .contains("needs a value")
        );
        assert!(parse_filter("= 5").unwrap_err().0.contains("no column"));
        assert!(
            parse_filter("status ~ 5")
                .unwrap_err()
                .0
                .contains("no known operator")
        );
    }

    #[test]
    fn column_types_decide_the_value_type() {
        let types = |c: &str| match c {
            "zip" => Some("string"),
            "status" => Some("integer"),
            "ms" => Some("float"),
            "ok" => Some("boolean"),
            _ => None,
        };
        let v = |s: &str| parse_filter_as(s, types).unwrap().value.unwrap();
        assert_eq!(v("zip = 02134"), json!("02134"));
        assert_eq!(v("zip in 1,'2'"), json!(["1", "2"]));
        assert_eq!(v("status >= 500"), json!(500));
        assert_eq!(v("ms > 2"), json!(2.0));
        assert_eq!(v("ok = TRUE"), json!(true));
        assert_eq!(v("status = abc"), json!("abc"));
        assert_eq!(v("other = 02134"), json!(2134));
    }

    #[test]
    fn orders_and_havings() {
        assert_eq!(
            parse_order("P99(duration_ms) desc").unwrap(),
            Order {
                op: Some("P99".into()),
                column: Some("duration_ms".into()),
                order: Some("descending".into())
            }
        );
        assert_eq!(
            parse_order("COUNT").unwrap(),
            Order {
                op: Some("COUNT".into()),
                column: None,
                order: Some("descending".into())
            }
        );
        assert_eq!(
            parse_order("http.route asc").unwrap(),
            Order {
                op: None,
                column: Some("http.route".into()),
                order: Some("ascending".into())
            }
        );
        assert!(parse_order("P98(x) desc").is_err());
        assert_eq!(
            parse_having("COUNT > 10").unwrap(),
            Having {
                calculate_op: "COUNT".into(),
                column: None,
                op: ">".into(),
                value: 10.0
            }
        );
        assert_eq!(
            parse_having("p99(duration_ms)>=500.5").unwrap(),
            Having {
                calculate_op: "P99".into(),
                column: Some("duration_ms".into()),
                op: ">=".into(),
                value: 500.5
            }
        );
        assert!(
            parse_having("COUNT > many")
                .unwrap_err()
                .0
                .contains("not a number")
        );
        assert!(
            parse_having("COUNT")
                .unwrap_err()
                .0
                .contains("no comparison")
        );
    }

    fn spec() -> QuerySpec {
        QuerySpec {
            calculations: vec![
                parse_calculation("COUNT").unwrap(),
                parse_calculation("HEATMAP(d)").unwrap(),
            ],
            breakdowns: vec!["route".into()],
            time_range: Some(7200),
            ..Default::default()
        }
    }

    #[test]
    fn validation_catches_what_honeycomb_would_refuse() {
        let now = 1_800_000_000;
        assert_eq!(validate(&spec(), now), Ok(()));
        let check = |f: &dyn Fn(&mut QuerySpec)| {
            let mut s = spec();
            f(&mut s);
            validate(&s, now).unwrap_err().0
        };
        assert!(
            check(&|s| s.orders.push(parse_order("HEATMAP(d)").unwrap()))
                .contains("HEATMAP cannot be used in --order")
        );
        assert!(
            check(&|s| s.orders.push(parse_order("AVG(d)").unwrap())).contains("add -c 'AVG(d)'")
        );
        assert!(
            check(&|s| s.orders.push(parse_order("user asc").unwrap())).contains("add -b user")
        );
        assert!(
            check(&|s| s.havings.push(parse_having("HEATMAP(d) > 1").unwrap()))
                .contains("HEATMAP cannot be used in --having")
        );
        assert!(
            check(&|s| s.havings.push(parse_having("MAX(d) > 1").unwrap()))
                .contains("add -c 'MAX(d)'")
        );
        assert!(check(&|s| s.limit = Some(1001)).contains("1 to 1000"));
        assert!(
            check(&|s| {
                s.start_time = Some(now - 100);
                s.end_time = Some(now);
            })
            .contains("never all three")
        );
        assert!(check(&|s| s.time_range = Some(8 * 86_400)).contains("7 days"));
        assert!(check(&|s| s.granularity = Some(1)).contains("use 7s to 720s"));
        assert!(check(&|s| s.granularity = Some(721)).contains("use 7s to 720s"));
        assert!(
            check(&|s| s.filters.push(Filter {
                column: "a".into(),
                op: "like".into(),
                value: None
            }))
            .contains("unknown filter op")
        );
        let mut ok = spec();
        ok.orders.push(parse_order("route").unwrap());
        ok.orders.push(parse_order("COUNT desc").unwrap());
        ok.granularity = Some(60);
        assert_eq!(validate(&ok, now), Ok(()));
        // No calculations means COUNT, so ordering by COUNT is fine.
        let bare = QuerySpec {
            orders: vec![parse_order("COUNT").unwrap()],
            ..Default::default()
        };
        assert_eq!(validate(&bare, now), Ok(()));
    }

    #[test]
    fn raw_specs_with_unknown_fields_are_refused() {
        let e = serde_json::from_str::<QuerySpec>(
            r#"{"calculations":[{"op":"COUNT"}],"breakdown":["x"]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("unknown field `breakdown`"), "{e}");
    }
}
