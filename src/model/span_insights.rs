//! `xray traces` over every span CloudWatch Transaction Search keeps in `aws/spans`, summed
//! up by CloudWatch Logs Insights where the spans are stored, so a day of traffic is never
//! downloaded. This module writes the queries and reads their rows; the command runs them.
//!
//! A request is a trace's root server span (a `SERVER` span without a parent), as X-Ray's
//! trace summaries count one per trace. Its class follows the collector's mapping of an
//! OpenTelemetry span ([`crate::model::otlp`]): 4xx is an error (429 also a throttle), 5xx a
//! fault, and an `ERROR` status without a 4xx/5xx a fault.
//!
//! Insights has no conditional aggregate (`sum(if ...)`), so each class is computed as a
//! 0/1 number from the status code by arithmetic that is exact on integers, and summed.
//!
//! The field names are those of the span documents (OTLP JSON names, attributes as plain
//! maps, see [`crate::model::aws_span`]), flattened by Insights with dots:
//! `attributes.http.route`, `resource.attributes.service.name`, `status.code`.

use std::collections::HashMap;
use std::time::Duration;

use jiff::Timestamp;

use super::stats::{Overview, Percentiles, RouteStats, TraceOrder, normalize_route};
use super::trace::TraceSummary;

/// The log group Transaction Search writes spans to.
pub const SPANS_GROUP: &str = "aws/spans";

/// The longest window one Insights query covers. Insights stops a query after 60 minutes of
/// runtime and returns at most 10,000 rows; a day of spans per query keeps busy accounts
/// well inside both. Longer windows are split and the slices' answers combined.
pub const MAX_SLICE: Duration = Duration::from_secs(24 * 3600);

/// Which requests to count: `xray traces`' shorthand flags, as Insights filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpanSelection {
    pub errors: bool,
    pub faults: bool,
    pub throttles: bool,
    pub slower_than: Option<Duration>,
    pub url_contains: Option<String>,
    pub service: Option<String>,
    /// Text anywhere in the trace that its source can search: in the local store a URL,
    /// route, service or span name of any of its spans; X-Ray and aws/spans search their
    /// URLs for it (what their filters reach).
    pub text: Option<String>,
}

impl SpanSelection {
    /// What the cloud sources search the URL for: `url_contains`, else the `text`.
    pub fn url_text(&self) -> Option<&str> {
        self.url_contains.as_deref().or(self.text.as_deref())
    }

    /// Whether a whole trace is selected, for the sources that hand over whole traces (the
    /// local store): the outcome flags together mean any of them; the rest narrow.
    pub fn admits(&self, t: &crate::model::trace::TraceSummary) -> bool {
        let outcome = !(self.errors || self.faults || self.throttles)
            || (self.errors && t.has_error)
            || (self.faults && t.has_fault)
            || (self.throttles && t.has_throttle);
        let slow = self
            .slower_than
            .is_none_or(|d| t.latency().is_some_and(|l| l > d.as_secs_f64()));
        let url = self
            .url_contains
            .as_deref()
            .is_none_or(|text| t.url.as_deref().is_some_and(|u| u.contains(text)));
        outcome && slow && url
    }
}

/// An Insights string literal: double quotes, with `\` and `"` escaped.
fn literal(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The root server spans of the selection, each with `seconds`, `http_status`, `method`,
/// `route`, `url` and the 0/1 fields `error`, `fault`, `throttle`.
fn requests(selection: &SpanSelection) -> String {
    let mut query = String::from(
        "filter (kind = \"SERVER\" or kind = \"SPAN_KIND_SERVER\") and isempty(parentSpanId)
| fields coalesce(durationNano, endTimeUnixNano - startTimeUnixNano) / 1000000000 as seconds,
    coalesce(`attributes.http.response.status_code`, `attributes.http.status_code`, 0) as http_status,
    coalesce(`attributes.http.request.method`, `attributes.http.method`, \"-\") as method,
    coalesce(`attributes.http.route`, `attributes.url.path`, `attributes.http.target`, \"(no route)\") as route,
    coalesce(`attributes.url.full`, `attributes.http.url`, `attributes.url.path`, `attributes.http.target`, \"\") as url,
    strcontains(coalesce(`status.code`, \"\"), \"ERROR\") as status_error
| fields least(floor(http_status / 400), 1) - least(floor(http_status / 500), 1) as error,
    least(floor(http_status / 500), 1) - least(floor(http_status / 600), 1) as http_fault,
    1 - least(abs(http_status - 429), 1) as throttle
| fields http_fault + (1 - error - http_fault) * status_error as fault",
    );
    // The class flags together select requests with any of them, as for the summaries.
    let classes: Vec<&str> = [
        (selection.errors, "error = 1"),
        (selection.faults, "fault = 1"),
        (selection.throttles, "throttle = 1"),
    ]
    .into_iter()
    .filter_map(|(on, test)| on.then_some(test))
    .collect();
    if !classes.is_empty() {
        query.push_str(&format!("\n| filter {}", classes.join(" or ")));
    }
    if let Some(slower) = selection.slower_than {
        query.push_str(&format!("\n| filter seconds > {}", slower.as_secs_f64()));
    }
    if let Some(text) = selection.url_text() {
        query.push_str(&format!("\n| filter url like {}", literal(text)));
    }
    if let Some(service) = &selection.service {
        query.push_str(&format!(
            "\n| filter `resource.attributes.service.name` = {}",
            literal(service)
        ));
    }
    query
}

/// Counts, class sums and latency of the selected requests.
const STATS: &str = "stats count(*) as requests, sum(error) as errors, sum(fault) as faults, \
sum(throttle) as throttles, pct(seconds, 50) as p50, pct(seconds, 90) as p90, \
pct(seconds, 99) as p99, max(seconds) as slowest, sum(seconds) as total";

/// The whole window's figures: one row.
pub fn overview_query(selection: &SpanSelection) -> String {
    format!("{}\n| {STATS}", requests(selection))
}

/// The figures per method and route: a row each.
pub fn routes_query(selection: &SpanSelection) -> String {
    format!("{}\n| {STATS} by method, route", requests(selection))
}

/// The first `limit` requests in `order`, with what the trace list shows of each.
pub fn listing_query(selection: &SpanSelection, order: TraceOrder, limit: usize) -> String {
    let key = match order {
        TraceOrder::Slowest => "seconds",
        TraceOrder::Newest => "startTimeUnixNano",
    };
    format!(
        "{}\n| sort {key} desc\n| limit {limit}\n\
         | display traceId, startTimeUnixNano, seconds, method, url, http_status, error, fault, throttle",
        requests(selection)
    )
}

/// One result row of Insights: field names and values, all as text.
pub type Row = [(String, String)];

fn text<'a>(row: &'a Row, field: &str) -> Option<&'a str> {
    row.iter()
        .find(|(name, _)| name == field)
        .map(|(_, value)| value.as_str())
        .filter(|value| !value.is_empty())
}

fn number(row: &Row, field: &str) -> Option<f64> {
    text(row, field)?
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
}

fn count(row: &Row, field: &str) -> u64 {
    number(row, field).map_or(0, |n| n.max(0.0).round() as u64)
}

fn flag(row: &Row, field: &str) -> bool {
    number(row, field).is_some_and(|n| n >= 0.5)
}

/// The figures of one query slice.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SliceFigures {
    pub overview: Option<Overview>,
    pub routes: Vec<RouteStats>,
    pub listed: Vec<TraceSummary>,
}

/// The overview query's row (none when nothing matched).
pub fn read_overview(rows: &[Vec<(String, String)>]) -> Option<Overview> {
    let row = rows.first()?;
    let requests = count(row, "requests");
    if requests == 0 {
        return None;
    }
    Some(Overview {
        traces: requests,
        errors: count(row, "errors"),
        faults: count(row, "faults"),
        throttles: count(row, "throttles"),
        response_time: read_percentiles(row),
    })
}

fn read_percentiles(row: &Row) -> Option<Percentiles> {
    Some(Percentiles {
        p50: number(row, "p50")?,
        p90: number(row, "p90")?,
        p99: number(row, "p99")?,
        max: number(row, "slowest")?,
    })
}

/// The routes query's rows, ids normalised out of raw paths (a route template such as
/// `/api/activities/<uuid>` stays as it is).
pub fn read_routes(rows: &[Vec<(String, String)>]) -> Vec<RouteStats> {
    rows.iter()
        .map(|row| RouteStats {
            method: text(row, "method").unwrap_or("-").to_ascii_uppercase(),
            route: normalize_route(text(row, "route").unwrap_or("/")),
            count: count(row, "requests"),
            errors: count(row, "errors"),
            faults: count(row, "faults"),
            p50: number(row, "p50").unwrap_or(0.0),
            p99: number(row, "p99").unwrap_or(0.0),
            total_time: number(row, "total").unwrap_or(0.0),
        })
        .collect()
}

/// The listing query's rows as trace summaries with X-Ray ids (rows without a readable
/// trace id are left out).
pub fn read_listing(rows: &[Vec<(String, String)>]) -> Vec<TraceSummary> {
    rows.iter()
        .filter_map(|row| {
            // Only W3C ids (32 hex digits) are spans' trace ids; anything else is left out.
            let w3c = text(row, "traceId")?;
            let id: crate::model::trace::TraceId = crate::model::trace::is_hex_of_len(w3c, 32)
                .then(|| w3c.parse().ok())
                .flatten()?;
            let seconds = number(row, "seconds");
            let status = number(row, "http_status")
                .map(|s| s as i32)
                .filter(|s| *s > 0);
            Some(TraceSummary {
                id: id.as_str().to_string(),
                start: text(row, "startTimeUnixNano").and_then(epoch_nanos),
                duration: seconds,
                response_time: seconds,
                method: text(row, "method")
                    .filter(|m| *m != "-")
                    .map(str::to_ascii_uppercase),
                url: text(row, "url").map(str::to_string),
                route: None,
                service: None,
                status,
                has_error: flag(row, "error"),
                has_fault: flag(row, "fault"),
                has_throttle: flag(row, "throttle"),
            })
        })
        .collect()
}

/// Epoch nanoseconds as written (an integer) or as Insights may print a number (a float).
fn epoch_nanos(text: &str) -> Option<Timestamp> {
    let nanos = match text.parse::<i128>() {
        Ok(n) => n,
        Err(_) => text.parse::<f64>().ok().filter(|f| f.is_finite())? as i128,
    };
    Timestamp::from_nanosecond(nanos).ok()
}

/// The window's figures from its slices' answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub overview: Overview,
    pub routes: Vec<RouteStats>,
    pub listed: Vec<TraceSummary>,
    /// False when percentiles had to be combined from several answers (window slices, or
    /// raw paths that normalise to one route): each is then the highest of those answers',
    /// an upper bound of the true one. Counts are exact either way.
    pub exact_percentiles: bool,
}

/// Adds up the slices: counts summed, maxima taken, percentiles the highest of the slices'
/// (an upper bound: at most `1 - p` of each slice lies above its own percentile, so at most
/// that share of all lies above the highest), the listing merged in `order`.
pub fn combine(slices: Vec<SliceFigures>, order: TraceOrder, limit: usize) -> Figures {
    let answered = slices.iter().filter(|s| s.overview.is_some()).count();
    let mut exact = answered <= 1;
    let mut overview = Overview {
        traces: 0,
        errors: 0,
        faults: 0,
        throttles: 0,
        response_time: None,
    };
    let mut routes: Vec<RouteStats> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    let mut listed = Vec::new();
    for slice in slices {
        if let Some(o) = slice.overview {
            overview.traces += o.traces;
            overview.errors += o.errors;
            overview.faults += o.faults;
            overview.throttles += o.throttles;
            overview.response_time = match (overview.response_time, o.response_time) {
                (Some(a), Some(b)) => Some(Percentiles {
                    p50: a.p50.max(b.p50),
                    p90: a.p90.max(b.p90),
                    p99: a.p99.max(b.p99),
                    max: a.max.max(b.max),
                }),
                (a, b) => a.or(b),
            };
        }
        for route in slice.routes {
            let key = (route.method.clone(), route.route.clone());
            match index.get(&key) {
                Some(&i) => {
                    let into = &mut routes[i];
                    into.count += route.count;
                    into.errors += route.errors;
                    into.faults += route.faults;
                    into.p50 = into.p50.max(route.p50);
                    into.p99 = into.p99.max(route.p99);
                    into.total_time += route.total_time;
                    exact = false;
                }
                None => {
                    index.insert(key, routes.len());
                    routes.push(route);
                }
            }
        }
        listed.extend(slice.listed);
    }
    // Most time spent first, as for the summaries.
    super::stats::rank_routes(&mut routes);
    let listed = super::stats::select(&listed, order, limit)
        .into_iter()
        .cloned()
        .collect();
    Figures {
        overview,
        routes,
        listed,
        exact_percentiles: exact,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(fields: &[(&str, &str)]) -> Vec<(String, String)> {
        fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn user_text_cannot_leave_its_string() {
        let q = overview_query(&SpanSelection {
            url_contains: Some("a\"b\\".into()),
            service: Some("svc".into()),
            faults: true,
            throttles: true,
            slower_than: Some(Duration::from_millis(1500)),
            ..SpanSelection::default()
        });
        assert!(q.contains("| filter fault = 1 or throttle = 1\n"), "{q}");
        assert!(q.contains("| filter seconds > 1.5\n"), "{q}");
        assert!(q.contains(r#"| filter url like "a\"b\\""#), "{q}");
        assert!(
            q.contains("| filter `resource.attributes.service.name` = \"svc\"\n| stats count(*)")
        );
    }

    #[test]
    fn listing_rows_become_summaries_with_x_ray_ids() {
        let rows = vec![
            row(&[
                ("traceId", "6B06A86D0000057959A092DFB197A007"),
                ("startTimeUnixNano", "1764063645000000000"),
                ("seconds", "0.5"),
                ("method", "get"),
                ("url", "/api/activities/home"),
                ("http_status", "429"),
                ("error", "1"),
                ("fault", "0"),
                ("throttle", "1"),
            ]),
            row(&[("traceId", "not-an-id"), ("seconds", "1")]),
        ];
        let listed = read_listing(&rows);
        assert_eq!(listed.len(), 1);
        let t = &listed[0];
        assert_eq!(t.id, "1-6b06a86d-0000057959a092dfb197a007");
        assert_eq!(t.start.unwrap().as_second(), 1_764_063_645);
        assert_eq!((t.method.as_deref(), t.status), (Some("GET"), Some(429)));
        assert_eq!(
            (t.has_error, t.has_fault, t.has_throttle, t.latency()),
            (true, false, true, Some(0.5))
        );
    }

    #[test]
    fn slices_add_up_counts_and_bound_percentiles() {
        let slice = |n: u64, p50: f64, top: f64| SliceFigures {
            overview: Some(Overview {
                traces: n,
                errors: 1,
                faults: 2,
                throttles: 0,
                response_time: Some(Percentiles {
                    p50,
                    p90: p50 * 2.0,
                    p99: top,
                    max: top,
                }),
            }),
            routes: read_routes(&[row(&[
                ("method", "GET"),
                ("route", "/api/activities/42"),
                ("requests", &n.to_string()),
                ("errors", "1"),
                ("faults", "2"),
                ("p50", &p50.to_string()),
                ("p99", &top.to_string()),
                ("total", "10"),
            ])]),
            listed: vec![],
        };
        let one = combine(vec![slice(10, 0.1, 2.0)], TraceOrder::Slowest, 5);
        assert!(one.exact_percentiles);
        assert_eq!(one.routes[0].route, "/api/activities/{id}");
        let two = combine(
            vec![
                slice(10, 0.1, 2.0),
                slice(30, 0.3, 1.0),
                SliceFigures::default(),
            ],
            TraceOrder::Slowest,
            5,
        );
        assert!(!two.exact_percentiles);
        let o = &two.overview;
        assert_eq!((o.traces, o.errors, o.faults), (40, 2, 4));
        let p = o.response_time.unwrap();
        assert_eq!((p.p50, p.p90, p.p99, p.max), (0.3, 0.6, 2.0, 2.0));
        assert_eq!(two.routes.len(), 1);
        let r = &two.routes[0];
        assert_eq!(
            (r.count, r.errors, r.faults, r.p50, r.p99),
            (40, 2, 4, 0.3, 2.0)
        );
    }
}
