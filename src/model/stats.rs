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

/// Puts routes in order of impact: the time users spent waiting on the route (count x
/// latency), so a slow route nobody calls ranks below a fast one everybody does, as in the
/// X-Ray console's "time spent". Ties go to more faults, then the name.
pub fn rank_routes(routes: &mut [RouteStats]) {
    routes.sort_by(|a, b| {
        b.total_time
            .total_cmp(&a.total_time)
            .then(b.faults.cmp(&a.faults))
            .then_with(|| (&a.route, &a.method).cmp(&(&b.route, &b.method)))
    });
}

/// The figures of a stream of traces taken one at a time: the counts and latency
/// percentiles of them all, per-route figures (most impact first), and the first `limit`
/// in an order (as [`select`] picks them), holding only each trace's latency and the
/// traces that may be listed. A day of the local store is half a million traces, whose
/// summaries would take hundreds of megabytes if they were all held to be summarised.
pub struct Summariser {
    order: TraceOrder,
    limit: usize,
    traces: u64,
    errors: u64,
    faults: u64,
    throttles: u64,
    latencies: Vec<f64>,
    /// By method and route (`key` spells them), looked up through `key` so a known route
    /// costs no allocation.
    routes: foldhash::HashMap<String, RouteFold>,
    key: String,
    /// The traces that may be listed: cut back to `limit` whenever it doubles.
    listed: Vec<TraceSummary>,
}

/// One route's figures while its traces are folded in.
#[derive(Default)]
struct RouteFold {
    method: String,
    route: String,
    count: u64,
    errors: u64,
    faults: u64,
    latencies: Vec<f64>,
}

impl Summariser {
    /// Figures over every trace added; `limit` of them listed in `order`.
    pub fn new(order: TraceOrder, limit: usize) -> Summariser {
        Summariser {
            order,
            limit,
            traces: 0,
            errors: 0,
            faults: 0,
            throttles: 0,
            latencies: Vec::new(),
            routes: Default::default(),
            key: String::new(),
            listed: Vec::new(),
        }
    }

    /// The order the listed traces are in.
    pub fn order(&self) -> TraceOrder {
        self.order
    }

    /// Counts `trace`, and keeps it while it may be among the listed.
    pub fn add(&mut self, trace: TraceSummary) {
        self.fold(&trace);
        if self.limit == 0 {
            return;
        }
        self.listed.push(trace);
        if self.listed.len() >= self.limit.saturating_mul(2) {
            self.cut_listed();
        }
    }

    /// Counts `trace` in the overview and its route.
    fn fold(&mut self, trace: &TraceSummary) {
        self.traces += 1;
        self.errors += u64::from(trace.has_error);
        self.faults += u64::from(trace.has_fault);
        self.throttles += u64::from(trace.has_throttle);
        let latency = trace.latency();
        self.latencies.extend(latency);
        let method = trace.method.as_deref().unwrap_or("-");
        let normalized;
        let route = match (&trace.route, &trace.url) {
            (Some(route), _) => route.as_str(),
            (None, Some(url)) => {
                normalized = normalize_route(url);
                normalized.as_str()
            }
            (None, None) => "(no url)",
        };
        // The method's length first, so no method and route spell another pair's key.
        use std::fmt::Write;
        self.key.clear();
        let _ = write!(self.key, "{}:{method}{route}", method.len());
        let route = match self.routes.get_mut(self.key.as_str()) {
            Some(fold) => fold,
            None => self.routes.entry(self.key.clone()).or_insert(RouteFold {
                method: method.to_string(),
                route: route.to_string(),
                ..RouteFold::default()
            }),
        };
        route.count += 1;
        route.errors += u64::from(trace.has_error);
        route.faults += u64::from(trace.has_fault);
        route.latencies.extend(latency);
    }

    /// Keeps the first `limit` of the traces held, in no particular order (linear).
    fn cut_listed(&mut self) {
        if self.listed.len() > self.limit {
            let order = listing_order(self.order);
            self.listed.select_nth_unstable_by(self.limit - 1, order);
            self.listed.truncate(self.limit);
        }
    }

    /// The overview, the routes most impact first, and the listed traces in order.
    pub fn finish(mut self) -> (Overview, Vec<RouteStats>, Vec<TraceSummary>) {
        let overview = Overview {
            traces: self.traces,
            errors: self.errors,
            faults: self.faults,
            throttles: self.throttles,
            response_time: Percentiles::of(std::mem::take(&mut self.latencies)),
        };
        let mut routes: Vec<RouteStats> = std::mem::take(&mut self.routes)
            .into_values()
            .map(|fold| {
                let total_time = fold.latencies.iter().sum();
                let pct = Percentiles::of(fold.latencies);
                RouteStats {
                    method: fold.method,
                    route: fold.route,
                    count: fold.count,
                    errors: fold.errors,
                    faults: fold.faults,
                    p50: pct.map_or(0.0, |p| p.p50),
                    p99: pct.map_or(0.0, |p| p.p99),
                    total_time,
                }
            })
            .collect();
        rank_routes(&mut routes);
        self.cut_listed();
        let order = listing_order(self.order);
        self.listed.sort_by(order);
        (overview, routes, self.listed)
    }
}

/// Which traces to list under the summary (also `xray traces --sort`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TraceOrder {
    Slowest,
    Newest,
}

/// How `order` ranks two traces; ties broken by id so the listing is stable.
fn listing_order(order: TraceOrder) -> fn(&TraceSummary, &TraceSummary) -> std::cmp::Ordering {
    match order {
        TraceOrder::Slowest => |a, b| {
            let (a_l, b_l) = (a.latency().unwrap_or(0.0), b.latency().unwrap_or(0.0));
            b_l.total_cmp(&a_l).then_with(|| a.id.cmp(&b.id))
        },
        TraceOrder::Newest => |a, b| b.started().cmp(&a.started()).then_with(|| a.id.cmp(&b.id)),
    }
}

/// The first `limit` traces in `order`; ties broken by id so the listing is stable.
pub fn select(traces: &[TraceSummary], order: TraceOrder, limit: usize) -> Vec<&TraceSummary> {
    if limit == 0 {
        return Vec::new();
    }
    let order = listing_order(order);
    let mut picked: Vec<&TraceSummary> = traces.iter().collect();
    // The first `limit` of many: put them in front (linear), then sort just those.
    if limit < picked.len() {
        picked.select_nth_unstable_by(limit - 1, |a, b| order(a, b));
        picked.truncate(limit);
    }
    picked.sort_by(|a, b| order(a, b));
    picked
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

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

    /// The overview and routes of `traces`, none listed.
    fn summarised(traces: &[TraceSummary]) -> (Overview, Vec<RouteStats>, Vec<TraceSummary>) {
        let mut summariser = Summariser::new(TraceOrder::Slowest, 0);
        traces.iter().cloned().for_each(|t| summariser.add(t));
        summariser.finish()
    }

    /// Traces of mixed routes, latencies with ties, and some with no latency or method.
    fn mixed(n: u32) -> Vec<TraceSummary> {
        (0..n)
            .map(|i| {
                let mut t = trace(
                    &format!("{:032x}", (i * 7919) % n),
                    ["GET", "POST"][(i % 2) as usize],
                    &format!("https://h/api/items/{}", i % 13),
                    f64::from(i % 17) / 10.0,
                    i % 5 == 0,
                    i % 11 == 0,
                );
                t.start = Timestamp::from_second(1_700_000_000 + i64::from(i % 97)).ok();
                if i % 3 == 0 {
                    t.route = Some(format!("/r{}", i % 4));
                }
                if i % 23 == 0 {
                    (t.response_time, t.duration) = (None, None);
                }
                if i % 29 == 0 {
                    t.method = None;
                }
                t
            })
            .collect()
    }

    #[test]
    fn the_summariser_gives_what_a_pass_over_all_traces_gives() {
        use std::collections::BTreeMap;
        let traces = mixed(1000);
        for order in [TraceOrder::Slowest, TraceOrder::Newest] {
            // Small limits: the held traces are cut back many times on the way.
            for limit in [0, 1, 7, 1000, 2000] {
                let mut summariser = Summariser::new(order, limit);
                traces.iter().cloned().for_each(|t| summariser.add(t));
                let (overview, routes, listed) = summariser.finish();

                // The listing: every trace sorted, the first `limit`.
                let mut all = traces.clone();
                let rank = listing_order(order);
                all.sort_by(rank);
                all.truncate(limit);
                assert_eq!(listed, all, "{order:?} {limit}");

                // The overview, counted and sorted here.
                let mut latencies: Vec<f64> = traces.iter().filter_map(|t| t.latency()).collect();
                latencies.sort_by(f64::total_cmp);
                assert_eq!(overview.traces, 1000);
                assert_eq!(overview.errors, 200);
                assert_eq!(overview.faults, 91);
                let pct = overview.response_time.unwrap();
                assert_eq!(pct.p50, latencies[latencies.len() / 2 - 1]);
                assert_eq!(pct.max, *latencies.last().unwrap());

                // The routes, grouped here.
                let mut groups: BTreeMap<(String, String), Vec<&TraceSummary>> = BTreeMap::new();
                for t in &traces {
                    let route = t
                        .route
                        .clone()
                        .unwrap_or_else(|| normalize_route(t.url.as_deref().unwrap()));
                    let method = t.method.clone().unwrap_or_else(|| "-".into());
                    groups.entry((method, route)).or_default().push(t);
                }
                assert_eq!(routes.len(), groups.len());
                for r in &routes {
                    let members = &groups[&(r.method.clone(), r.route.clone())];
                    assert_eq!(r.count, members.len() as u64);
                    assert_eq!(
                        r.faults,
                        members.iter().filter(|t| t.has_fault).count() as u64
                    );
                    let total: f64 = members.iter().filter_map(|t| t.latency()).sum();
                    assert!((r.total_time - total).abs() < 1e-9);
                }
                assert!(
                    routes
                        .windows(2)
                        .all(|w| w[0].total_time >= w[1].total_time)
                );
            }
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
        let (o, r, _) = summarised(&traces);
        assert_eq!((o.traces, o.errors, o.faults, o.throttles), (5, 1, 1, 0));
        assert_eq!(o.rate(o.errors), 0.2);
        let p = o.response_time.unwrap();
        assert_eq!((p.p50, p.p90, p.p99, p.max), (0.2, 2.0, 2.0, 2.0));
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
