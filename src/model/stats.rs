//! Statistics over trace summaries: counts and rates, latency percentiles, and per-route
//! figures with ids normalised out of URL paths, so `/api/activities/3f2a...` and
//! `/api/activities/9c1e...` count as one route.

use serde::Serialize;

use super::trace::TraceSummary;

/// The nearest-rank percentile of an ascending slice: always a value that was observed,
/// so a p99 of 5 values is the slowest one, not an interpolation nobody experienced.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

/// Latency percentiles, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Percentiles {
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub max: f64,
}

impl Percentiles {
    /// `None` for no values. NaNs (never sent by X-Ray) are ignored rather than trusted.
    pub fn of(values: impl IntoIterator<Item = f64>) -> Option<Percentiles> {
        let mut sorted: Vec<f64> = values.into_iter().filter(|v| !v.is_nan()).collect();
        sorted.sort_by(f64::total_cmp);
        Some(Percentiles {
            p50: percentile(&sorted, 50.0)?,
            p90: percentile(&sorted, 90.0)?,
            p99: percentile(&sorted, 99.0)?,
            max: *sorted.last()?,
        })
    }
}

/// The path of a URL with ids replaced by placeholders: numbers, UUIDs and hex or
/// mixed-alphanumeric tokens become `{id}`, `@handle` becomes `@{handle}`. The query
/// string and fragment are dropped; an empty path is `/`.
pub fn normalize_route(url: &str) -> String {
    let parsed = url
        .contains("://")
        .then(|| url::Url::parse(url).ok())
        .flatten();
    let path = match &parsed {
        Some(parsed) => parsed.path(),
        None => url,
    };
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(normalize_segment)
        .collect();
    format!("/{}", segments.join("/"))
}

fn normalize_segment(segment: &str) -> String {
    if segment.starts_with('@') && segment.len() > 1 {
        return "@{handle}".into();
    }
    if looks_like_id(segment) {
        "{id}".into()
    } else {
        segment.to_string()
    }
}

fn looks_like_id(s: &str) -> bool {
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    if digits == s.len() {
        return true;
    }
    let is_uuid = s.len() == 36
        && s.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        });
    if is_uuid {
        return true;
    }
    // Hex ids (Mongo object ids, hashes) and long opaque tokens. They must hold a digit, so
    // words spelt in hex letters (`cafebabe`, `facade`) and long route names stay.
    let hexish = s.len() >= 8 && s.bytes().all(|b| b.is_ascii_hexdigit());
    let opaque = s.len() >= 16
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    digits > 0 && (hexish || opaque)
}

/// The counts and latency of a set of traces.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Overview {
    pub traces: u64,
    pub errors: u64,
    pub faults: u64,
    pub throttles: u64,
    /// `null` when there are no traces.
    pub response_time: Option<Percentiles>,
}

impl Overview {
    /// A share of the traces, 0.0 when there are none.
    pub fn rate(&self, count: u64) -> f64 {
        if self.traces == 0 {
            0.0
        } else {
            count as f64 / self.traces as f64
        }
    }
}

/// One route's figures.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RouteStats {
    pub method: String,
    pub route: String,
    pub count: u64,
    pub errors: u64,
    pub faults: u64,
    pub p50: f64,
    pub p99: f64,
    /// Seconds all requests of the route took together: how it is ranked.
    #[serde(skip)]
    pub total_time: f64,
}

/// Counts and percentiles over all traces.
pub fn overview(traces: &[TraceSummary]) -> Overview {
    let count = |f: fn(&TraceSummary) -> bool| traces.iter().filter(|t| f(t)).count() as u64;
    Overview {
        traces: traces.len() as u64,
        errors: count(|t| t.has_error),
        faults: count(|t| t.has_fault),
        throttles: count(|t| t.has_throttle),
        response_time: Percentiles::of(traces.iter().filter_map(TraceSummary::latency)),
    }
}

/// Per-route figures, most impact first. Impact is the time users spent waiting on the
/// route (count x latency): a slow route nobody calls ranks below a fast one everybody
/// does, as in the X-Ray console's "time spent". Ties go to more faults, then the name.
pub fn routes(traces: &[TraceSummary]) -> Vec<RouteStats> {
    use std::borrow::Cow;
    // Keys borrowed from the traces where they can be: a day holds many thousands.
    let mut groups: foldhash::HashMap<(&str, Cow<'_, str>), Vec<&TraceSummary>> =
        Default::default();
    for trace in traces {
        let method = trace.method.as_deref().unwrap_or("-");
        let route = match (&trace.route, &trace.url) {
            (Some(route), _) => Cow::Borrowed(route.as_str()),
            (None, Some(url)) => Cow::Owned(normalize_route(url)),
            (None, None) => Cow::Borrowed("(no url)"),
        };
        groups.entry((method, route)).or_default().push(trace);
    }
    let mut out: Vec<RouteStats> = groups
        .into_iter()
        .map(|((method, route), members)| {
            let (method, route) = (method.to_string(), route.into_owned());
            let latencies: Vec<f64> = members.iter().filter_map(|t| t.latency()).collect();
            let pct = Percentiles::of(latencies.iter().copied());
            RouteStats {
                method,
                route,
                count: members.len() as u64,
                errors: members.iter().filter(|t| t.has_error).count() as u64,
                faults: members.iter().filter(|t| t.has_fault).count() as u64,
                p50: pct.map_or(0.0, |p| p.p50),
                p99: pct.map_or(0.0, |p| p.p99),
                total_time: latencies.iter().sum(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.total_time
            .total_cmp(&a.total_time)
            .then(b.faults.cmp(&a.faults))
            .then_with(|| (&a.route, &a.method).cmp(&(&b.route, &b.method)))
    });
    out
}

/// Which traces to list under the summary (also `xray traces --sort`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TraceOrder {
    Slowest,
    Newest,
}

/// The first `limit` traces in `order`; ties broken by id so the listing is stable.
pub fn select(traces: &[TraceSummary], order: TraceOrder, limit: usize) -> Vec<&TraceSummary> {
    let mut picked: Vec<&TraceSummary> = traces.iter().collect();
    let slowest = |a: &&TraceSummary, b: &&TraceSummary| {
        let (a_l, b_l) = (a.latency().unwrap_or(0.0), b.latency().unwrap_or(0.0));
        b_l.total_cmp(&a_l).then_with(|| a.id.cmp(&b.id))
    };
    let newest = |a: &&TraceSummary, b: &&TraceSummary| {
        b.started().cmp(&a.started()).then_with(|| a.id.cmp(&b.id))
    };
    let order: &dyn Fn(&&TraceSummary, &&TraceSummary) -> std::cmp::Ordering = match order {
        TraceOrder::Slowest => &slowest,
        TraceOrder::Newest => &newest,
    };
    if limit == 0 {
        return Vec::new();
    }
    // The first `limit` of many: put them in front (linear), then sort just those.
    if limit < picked.len() {
        picked.select_nth_unstable_by(limit - 1, order);
        picked.truncate(limit);
    }
    picked.sort_by(order);
    picked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trace(
        id: &str,
        method: &str,
        url: &str,
        secs: f64,
        error: bool,
        fault: bool,
    ) -> TraceSummary {
        TraceSummary {
            id: id.into(),
            start: None,
            duration: Some(secs + 0.001),
            response_time: Some(secs),
            method: Some(method.into()),
            url: Some(url.into()),
            route: None,
            service: None,
            status: Some(if fault {
                500
            } else if error {
                404
            } else {
                200
            }),
            has_error: error,
            has_fault: fault,
            has_throttle: false,
        }
    }

    #[test]
    fn nearest_rank_percentiles_are_exact_on_small_sets() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
        assert_eq!(percentile(&v, 50.0), Some(5.0));
        assert_eq!(percentile(&v, 90.0), Some(9.0));
        assert_eq!(percentile(&v, 99.0), Some(10.0));
        assert_eq!(percentile(&v, 0.0), Some(1.0));
        assert_eq!(percentile(&[], 50.0), None);
        assert_eq!(percentile(&[0.25], 99.0), Some(0.25));
        let p = Percentiles::of([0.3, 0.1, 0.2, f64::NAN]).unwrap();
        assert_eq!((p.p50, p.p90, p.p99, p.max), (0.2, 0.3, 0.3, 0.3));
        assert_eq!(Percentiles::of([]), None);
    }

    #[test]
    fn routes_lose_their_ids() {
        let cases = [
            (
                "http://localhost:4567/api/activities/3f2a9c1e-0b1c-4d5e-8f90-123456789abc",
                "/api/activities/{id}",
            ),
            (
                "https://api.example.com/api/activities/12345?x=1",
                "/api/activities/{id}",
            ),
            ("/api/messages/@andrewbrown", "/api/messages/@{handle}"),
            (
                "http://h/api/objects/507f1f77bcf86cd799439011/",
                "/api/objects/{id}",
            ),
            ("http://h/api/tokens/a1B2c3D4e5F6g7H8i9", "/api/tokens/{id}"),
            ("http://h/api/activities/home", "/api/activities/home"),
            ("http://h/api/v2/health-check#top", "/api/v2/health-check"),
            ("http://h", "/"),
            ("http://h/api/cafebabe", "/api/cafebabe"),
        ];
        for (url, want) in cases {
            assert_eq!(normalize_route(url), want, "{url}");
        }
    }

    #[test]
    fn overview_and_routes_from_known_traces() {
        let traces = vec![
            trace("a", "GET", "http://h/api/activities/1", 0.1, false, false),
            trace("b", "GET", "http://h/api/activities/2", 0.3, true, false),
            trace("c", "GET", "http://h/api/activities/3", 2.0, false, true),
            trace("d", "POST", "http://h/api/activities", 0.2, false, false),
            trace("e", "GET", "http://h/api/health-check", 0.004, false, false),
        ];
        let o = overview(&traces);
        assert_eq!((o.traces, o.errors, o.faults, o.throttles), (5, 1, 1, 0));
        assert_eq!(o.rate(o.errors), 0.2);
        let p = o.response_time.unwrap();
        assert_eq!((p.p50, p.p90, p.p99, p.max), (0.2, 2.0, 2.0, 2.0));
        let r = routes(&traces);
        let keys: Vec<(&str, &str, u64, u64, u64)> = r
            .iter()
            .map(|r| {
                (
                    r.method.as_str(),
                    r.route.as_str(),
                    r.count,
                    r.errors,
                    r.faults,
                )
            })
            .collect();
        assert_eq!(
            keys,
            [
                ("GET", "/api/activities/{id}", 3, 1, 1),
                ("POST", "/api/activities", 1, 0, 0),
                ("GET", "/api/health-check", 1, 0, 0),
            ]
        );
        assert_eq!((r[0].p50, r[0].p99), (0.3, 2.0));
    }

    #[test]
    fn selection_by_latency_or_start() {
        let mut traces = vec![
            trace(
                "1-00000001-000000000000000000000000",
                "GET",
                "/a",
                0.5,
                false,
                false,
            ),
            trace(
                "1-00000003-000000000000000000000000",
                "GET",
                "/a",
                0.1,
                false,
                false,
            ),
            trace(
                "1-00000002-000000000000000000000000",
                "GET",
                "/a",
                0.9,
                false,
                false,
            ),
        ];
        traces[0].start = None;
        let slowest: Vec<&str> = select(&traces, TraceOrder::Slowest, 2)
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(
            slowest,
            [
                "1-00000002-000000000000000000000000",
                "1-00000001-000000000000000000000000"
            ]
        );
        let newest: Vec<&str> = select(&traces, TraceOrder::Newest, 1)
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(newest, ["1-00000003-000000000000000000000000"]);
    }
}
