//! The xray group after the move to OpenTelemetry with CloudWatch Transaction Search: spans
//! go to `aws/spans`, only a share is indexed as trace summaries, and whole traces are read
//! with StartTraceRetrieval / ListRetrievedTraces. Against the X-Ray fake extended with
//! those operations per the X-Ray API reference (moto has none of them).
//!
//! Span documents have the shape AWS documents for the `aws/spans` log group (OpenTelemetry
//! spans, OTLP JSON field names, attributes as plain maps), with the attributes the
//! OpenTelemetry Flask and psycopg instrumentations set.

use serde_json::{Value, json};

use crate::harness::{Background, Sandbox, run, serve};
use crate::xray_fake::{FakeXray, Options, flask_trace, seeded};

/// An hour ago, on the second: retrieved spans are checked against the clock as received
/// ones are (none more than a day ahead).
fn t0() -> f64 {
    (jiff::Timestamp::now().as_second() - 3600) as f64
}

/// A Flask request as the OpenTelemetry SDK exports it: a server span that failed with a
/// 500 and an exception, and its Postgres client span. `w3c` is the trace id.
pub(crate) fn otel_request(w3c: &str, start_s: f64) -> Vec<Value> {
    let ns = |s: f64| (s * 1e9) as i64;
    let resource = json!({"attributes": {"service.name": "backend-flask",
        "telemetry.sdk.language": "python", "cloud.provider": "aws"}});
    vec![
        json!({
            "resource": resource,
            "scope": {"name": "opentelemetry.instrumentation.flask", "version": "0.48b0"},
            "traceId": w3c, "spanId": "1111111111111111", "parentSpanId": "",
            "flags": 256, "name": "GET /api/activities/home", "kind": "SERVER",
            "startTimeUnixNano": ns(start_s), "endTimeUnixNano": ns(start_s + 0.5),
            "durationNano": 500_000_000,
            "attributes": {"http.request.method": "GET", "http.route": "/api/activities/home",
                "url.path": "/api/activities/home", "http.response.status_code": 500,
                "aws.span.kind": "LOCAL_ROOT"},
            "events": [{"name": "exception", "timeUnixNano": ns(start_s + 0.4),
                "attributes": {"exception.type": "psycopg.OperationalError",
                    "exception.message": "connection refused"}}],
            "status": {"code": "ERROR"}
        }),
        json!({
            "resource": resource,
            "scope": {"name": "opentelemetry.instrumentation.psycopg"},
            "traceId": w3c, "spanId": "2222222222222222", "parentSpanId": "1111111111111111",
            "name": "SELECT cruddur", "kind": "CLIENT",
            "startTimeUnixNano": ns(start_s + 0.1), "endTimeUnixNano": ns(start_s + 0.4),
            "durationNano": 300_000_000,
            "attributes": {"db.system": "postgresql", "db.statement": "SELECT * FROM activities"},
            "status": {"code": "ERROR"}
        }),
    ]
}

struct World {
    fake: FakeXray,
    server: Background,
    sandbox: Sandbox,
    indexed: String,
    unindexed: String,
    t0: f64,
}

/// Transaction Search on: one trace indexed (BatchGetTraces has it), one only in aws/spans.
fn world(options: Options, on: bool) -> World {
    #[allow(non_snake_case)]
    let T0 = t0();
    let mut rng = seeded(3);
    let segments = flask_trace(
        &mut rng,
        T0,
        "GET",
        "http://localhost/api/activities/home",
        200,
        0.25,
    );
    let indexed = segments[0]["trace_id"].as_str().unwrap().to_string();
    let unindexed = format!("1-{:08x}-00000000000000000000beef", (T0 + 60.0) as u64);
    let w3c = unindexed.replacen("1-", "", 1).replace('-', "");
    let fake = FakeXray::new(options);
    fake.add_trace(segments);
    fake.add_spans(&unindexed, otel_request(&w3c, T0 + 60.0));
    if on {
        fake.transaction_search();
    }
    let server = serve(fake.router());
    World {
        fake,
        server,
        sandbox: Sandbox::new(),
        indexed,
        unindexed,
        t0: T0,
    }
}

impl World {
    fn xray(&self, args: &[&str]) -> crate::harness::Output {
        run(self
            .sandbox
            .cmd()
            .arg("xray")
            .args(args)
            .args(["--endpoint-url", &format!("http://{}", self.server.addr)]))
    }

    fn operations(&self) -> Vec<&'static str> {
        self.fake.calls().iter().map(|c| c.operation).collect()
    }
}

#[test]
fn a_trace_x_ray_has_not_indexed_is_retrieved_from_aws_spans_and_drawn() {
    let w = world(Options::default(), true);
    let out = w.xray(&["trace", &w.indexed, &w.unindexed, "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("note: this account sends spans to CloudWatch Logs (Transaction Search)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("1 of the traces from Transaction Search (aws/spans)"),
        "{}",
        out.stderr
    );
    let traces: Value = serde_json::from_str(&out.stdout).unwrap();
    let traces = traces.as_array().unwrap();
    assert_eq!(traces.len(), 2);
    assert_eq!(traces[0]["id"], w.indexed.as_str());
    assert_eq!(traces[1]["id"], w.unindexed.as_str());
    // The OpenTelemetry spans, through the collector's mapping: a 500 with its exception,
    // the query under it.
    let root = &traces[1]["spans"][0];
    assert_eq!(root["name"], "GET /api/activities/home");
    assert_eq!(root["duration"], 0.5);
    assert_eq!(root["fault"], true);
    assert_eq!(root["http"]["status"], 500);
    assert_eq!(root["exceptions"][0]["type"], "psycopg.OperationalError");
    let query = &root["children"][0];
    assert_eq!(
        (query["name"].as_str(), query["sql"].as_str()),
        (Some("SELECT cruddur"), Some("SELECT * FROM activities"))
    );
    assert!((query["duration"].as_f64().unwrap() - 0.3).abs() < 1e-9);
    // BatchGetTraces first; the destination asked once; one retrieval for the one missing
    // id, in a window around its time; polled until COMPLETE (two RUNNING answers).
    assert_eq!(
        w.operations(),
        [
            "BatchGetTraces",
            "GetTraceSegmentDestination",
            "StartTraceRetrieval",
            "ListRetrievedTraces",
            "ListRetrievedTraces",
            "ListRetrievedTraces"
        ]
    );
    let start = w
        .fake
        .calls()
        .into_iter()
        .find(|c| c.operation == "StartTraceRetrieval")
        .unwrap();
    assert_eq!(start.body["TraceIds"], json!([w.unindexed]));
    let (from, to) = (
        start.body["StartTime"].as_f64().unwrap(),
        start.body["EndTime"].as_f64().unwrap(),
    );
    assert!(from <= w.t0 + 60.0 && to >= w.t0 + 60.5, "{from}..{to}");
}

#[test]
fn retrieval_reads_every_page_and_draws_the_same_waterfall_for_people() {
    let w = world(
        Options {
            retrieval_page: 1,
            ..Options::default()
        },
        true,
    );
    // A second trace only aws/spans has: two traces, one a page.
    let second = format!("1-{:08x}-00000000000000000000cafe", (w.t0 + 120.0) as u64);
    let second_w3c = second.replacen("1-", "", 1).replace('-', "");
    w.fake
        .add_spans(&second, otel_request(&second_w3c, w.t0 + 120.0));
    let out = w.xray(&["trace", &w.unindexed, &second, "--source", "spans"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines[0].starts_with(&w.unindexed), "{}", out.stdout);
    assert!(
        out.stdout
            .contains(&format!("\n{second}  GET /api/activities/home")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("GET /api/activities/home  500  500 ms"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("└─ SELECT cruddur"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("psycopg.OperationalError: connection refused"),
        "{}",
        out.stdout
    );
    // --source spans skips BatchGetTraces and the destination check; two RUNNING answers,
    // then a page a trace.
    assert_eq!(
        w.operations(),
        [
            "StartTraceRetrieval",
            "ListRetrievedTraces",
            "ListRetrievedTraces",
            "ListRetrievedTraces",
            "ListRetrievedTraces"
        ]
    );
}

#[test]
fn summaries_only_never_retrieves() {
    let w = world(Options::default(), true);
    let out = w.xray(&["trace", &w.unindexed, "--source", "summaries"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stderr
            .starts_with(&format!("error: trace {} not found", w.unindexed)),
        "{}",
        out.stderr
    );
    assert_eq!(w.operations(), ["BatchGetTraces"]);
}

#[test]
fn without_transaction_search_auto_stays_with_x_ray_and_spans_says_how_to_turn_it_on() {
    let w = world(Options::default(), false);
    let out = w.xray(&["trace", &w.unindexed]);
    assert_eq!(out.code, 1);
    assert_eq!(
        w.operations(),
        ["BatchGetTraces", "GetTraceSegmentDestination"]
    );
    let out = w.xray(&["trace", &w.unindexed, "--source", "spans"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stderr
            .starts_with("error: Transaction Search is not enabled"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("update-trace-segment-destination"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_retrieval_that_does_not_complete_in_time_says_so() {
    let w = world(
        Options {
            retrieval_polls: 1000,
            ..Options::default()
        },
        true,
    );
    let out = w.xray(&[
        "trace",
        &w.unindexed,
        "--source",
        "spans",
        "--retrieval-timeout",
        "2s",
    ]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stderr
            .starts_with("error: the trace retrieval did not complete within 2 s"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("retrievals run for up to 60 minutes"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_bad_source_setting_is_bad_usage() {
    let w = world(Options::default(), true);
    let out = run(w
        .sandbox
        .cmd()
        .env("TRACECTL_XRAY_SOURCE", "everything")
        .args(["xray", "trace", &w.unindexed]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.starts_with("error: xray_source 'everything' (from env TRACECTL_XRAY_SOURCE) is not summaries, spans or auto"), "{}", out.stderr);
}

#[test]
fn an_x_ray_filter_expression_reads_the_indexed_share_and_says_so() {
    let w = world(Options::default(), true);
    // Only the summaries understand X-Ray's filter language: auto reads them, and says what
    // share of the requests they cover.
    let out = w.xray(&[
        "traces",
        "--since",
        "2h",
        "--filter",
        "responsetime > 0",
        "-o",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("note: this account sends spans to CloudWatch Logs (Transaction Search) and indexes 1% of them as trace summaries: these numbers cover that share of the requests, not all of them"),
        "{}",
        out.stderr
    );
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["summary"]["traces"], 1);
    assert_eq!(report["source"], "xray_indexed");
    let human = w.xray(&["traces", "--since", "2h", "--filter", "responsetime > 0"]);
    assert!(
        human.stdout.starts_with("X-Ray summaries (1% indexed)"),
        "{}",
        human.stdout
    );
    // --source spans cannot apply one.
    let out = w.xray(&[
        "traces",
        "--source",
        "spans",
        "--filter",
        "responsetime > 0",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("error: --filter takes an X-Ray filter expression"),
        "{}",
        out.stderr
    );
    // Without Transaction Search: no note, the plain source, no Insights query.
    let plain = world(Options::default(), false);
    let out = plain.xray(&["traces", "--since", "2h"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("Transaction Search"), "{}", out.stderr);
    assert!(out.stdout.starts_with("X-Ray "), "{}", out.stdout);
    assert!(!out.stdout.starts_with("X-Ray summaries"), "{}", out.stdout);
    assert_eq!(
        plain.operations(),
        ["GetTraceSegmentDestination", "GetTraceSummaries"]
    );
    // --source summaries asks nothing about it.
    let asked = w.fake.calls().len();
    let out = w.xray(&["traces", "--since", "2h", "--source", "summaries"]);
    assert!(!out.stderr.contains("Transaction Search"), "{}", out.stderr);
    assert!(
        w.fake.calls()[asked..]
            .iter()
            .all(|c| c.operation == "GetTraceSummaries")
    );
}

// ---- xray traces over every span: Logs Insights on aws/spans --------------------------------

/// Request `i` of the generated traffic: its route, HTTP status and whether the span's
/// status is ERROR (a 200 that failed anyway is a fault, as the collector maps it).
fn request_of(i: usize) -> (&'static str, &'static str, i64, bool) {
    let (method, route) = [
        ("GET", "/api/activities/home"),
        ("GET", "/api/activities/<uuid:activity_uuid>"),
        ("POST", "/api/activities"),
    ][i % 3];
    let (status, errored) = match i {
        _ if i.is_multiple_of(13) => (429, false),
        _ if i.is_multiple_of(10) => (500, true),
        _ if i.is_multiple_of(7) => (404, false),
        _ if i % 31 == 3 => (200, true),
        _ => (200, false),
    };
    (method, route, status, errored)
}

/// Request `i` takes (i % 50 + 1) * 10 ms.
fn duration_ns(i: usize) -> i64 {
    ((i % 50) as i64 + 1) * 10_000_000
}

/// Request `i` as aws/spans holds it, started at `start_s`: the Flask server span (the
/// trace's root), its Postgres client span, and for POSTs the server span of a downstream
/// service (it has a parent, so it is no request of its own). Field names and shape: AWS's
/// "The span log group" documentation and the OTLP JSON the OpenTelemetry SDK exports; the
/// attribute names are those of the Flask instrumentation (semantic conventions 1.2x).
fn span_request(i: usize, start_s: i64) -> (String, Vec<Value>) {
    let (method, route, status, errored) = request_of(i);
    let w3c = format!("{start_s:08x}{:024x}", i + 1);
    let xray_id = format!("1-{}-{}", &w3c[..8], &w3c[8..]);
    let start = start_s * 1_000_000_000;
    let end = start + duration_ns(i);
    let resource =
        json!({"attributes": {"service.name": "backend-flask", "cloud.provider": "aws"}});
    let path = route.replace(
        "<uuid:activity_uuid>",
        &format!("{:08x}-0000-4000-8000-{:012x}", i, i),
    );
    let mut spans = vec![
        json!({
            "resource": resource,
            "scope": {"name": "opentelemetry.instrumentation.flask"},
            "traceId": w3c, "spanId": format!("{:016x}", i * 16 + 1), "parentSpanId": "",
            "flags": 256, "name": format!("{method} {route}"), "kind": "SERVER",
            "startTimeUnixNano": start, "endTimeUnixNano": end, "durationNano": end - start,
            "attributes": {"http.request.method": method, "http.route": route,
                "url.path": path, "url.scheme": "http", "server.address": "localhost",
                "http.response.status_code": status, "aws.span.kind": "LOCAL_ROOT"},
            "status": {"code": if errored { "ERROR" } else { "UNSET" }}
        }),
        json!({
            "resource": resource,
            "scope": {"name": "opentelemetry.instrumentation.psycopg"},
            "traceId": w3c, "spanId": format!("{:016x}", i * 16 + 2),
            "parentSpanId": format!("{:016x}", i * 16 + 1),
            "name": "SELECT cruddur", "kind": "CLIENT",
            "startTimeUnixNano": start + 1_000_000, "endTimeUnixNano": end - 1_000_000,
            "durationNano": end - start - 2_000_000,
            "attributes": {"db.system": "postgresql", "db.statement": "SELECT 1"},
            "status": {"code": "UNSET"}
        }),
    ];
    if method == "POST" {
        spans.push(json!({
            "resource": {"attributes": {"service.name": "notifications"}},
            "scope": {"name": "opentelemetry.instrumentation.flask"},
            "traceId": w3c, "spanId": format!("{:016x}", i * 16 + 3),
            "parentSpanId": format!("{:016x}", i * 16 + 1),
            "name": "POST /notify", "kind": "SERVER",
            "startTimeUnixNano": start + 2_000_000, "endTimeUnixNano": start + 3_000_000,
            "durationNano": 1_000_000,
            "attributes": {"http.request.method": "POST", "http.route": "/notify",
                "http.response.status_code": 500},
            "status": {"code": "ERROR"}
        }));
    }
    (xray_id, spans)
}

/// Nearest rank over ascending values, computed here independently of tracectl.
fn nearest(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.max(1) - 1]
}

/// 200 requests in aws/spans over the last 50 minutes, 2 of them indexed as summaries.
fn traffic_world(options: Options) -> (World, Vec<i64>) {
    let w = world(options, true);
    let now = jiff::Timestamp::now().as_second();
    let starts: Vec<i64> = (0..200).map(|i| now - 3000 + i as i64 * 10).collect();
    for (i, start) in starts.iter().enumerate() {
        let (id, spans) = span_request(i, *start);
        w.fake.add_spans(&id, spans);
    }
    (w, starts)
}

#[test]
fn xray_traces_on_transaction_search_counts_every_request_from_aws_spans() {
    let (w, _) = traffic_world(Options::default());
    let out = w.xray(&["traces", "--since", "2h", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("note: this account sends spans to CloudWatch Logs (Transaction Search): these numbers are computed by Logs Insights from every span in aws/spans"),
        "{}",
        out.stderr
    );
    let report: Value = serde_json::from_str(&out.stdout).unwrap();

    // The expected figures, from the generated requests (the world's own request of an hour
    // ago, a 500 that took 0.5 s at t0 + 60, is in the window too).
    let mut all: Vec<(usize, &str, &str, i64, bool, f64)> = (0..200)
        .map(|i| {
            let (m, r, s, e) = request_of(i);
            (i, m, r, s, e, duration_ns(i) as f64 / 1e9)
        })
        .collect();
    all.push((999, "GET", "/api/activities/home", 500, true, 0.5));
    let errors = all.iter().filter(|r| (400..500).contains(&r.3)).count();
    let throttles = all.iter().filter(|r| r.3 == 429).count();
    let faults = all
        .iter()
        .filter(|r| (500..600).contains(&r.3) || (r.4 && !(400..500).contains(&r.3)))
        .count();
    let mut seconds: Vec<f64> = all.iter().map(|r| r.5).collect();
    seconds.sort_by(f64::total_cmp);
    assert_eq!(
        (report["source"].as_str(), report["percentiles"].as_str()),
        (Some("aws_spans"), Some("exact"))
    );
    let summary = &report["summary"];
    assert_eq!(summary["traces"], 201, "every request, not the indexed 1%");
    assert_eq!(
        (
            summary["errors"].as_u64(),
            summary["faults"].as_u64(),
            summary["throttles"].as_u64()
        ),
        (
            Some(errors as u64),
            Some(faults as u64),
            Some(throttles as u64)
        )
    );
    assert_eq!(
        (errors, faults, throttles),
        (40, 24, 16),
        "the generator's own arithmetic"
    );
    let rt = &summary["response_time"];
    assert_eq!(rt["p50"].as_f64(), Some(nearest(&seconds, 50.0)));
    assert_eq!(rt["p90"].as_f64(), Some(nearest(&seconds, 90.0)));
    assert_eq!(rt["p99"].as_f64(), Some(nearest(&seconds, 99.0)));
    assert_eq!(rt["max"].as_f64(), Some(0.5));

    // One row per method and route, exact, the Flask route templates as they are.
    let routes = report["routes"].as_array().unwrap();
    assert_eq!(routes.len(), 3, "{routes:?}");
    for (method, route) in [
        ("GET", "/api/activities/home"),
        ("GET", "/api/activities/<uuid:activity_uuid>"),
        ("POST", "/api/activities"),
    ] {
        let row = routes
            .iter()
            .find(|r| r["method"] == method && r["route"] == route)
            .unwrap_or_else(|| panic!("no row for {method} {route}: {routes:?}"));
        let members: Vec<_> = all
            .iter()
            .filter(|r| r.1 == method && r.2 == route)
            .collect();
        let mut secs: Vec<f64> = members.iter().map(|r| r.5).collect();
        secs.sort_by(f64::total_cmp);
        assert_eq!(
            row["count"].as_u64(),
            Some(members.len() as u64),
            "{method} {route}"
        );
        assert_eq!(
            row["errors"].as_u64(),
            Some(members.iter().filter(|r| (400..500).contains(&r.3)).count() as u64)
        );
        assert_eq!(
            row["p50"].as_f64(),
            Some(nearest(&secs, 50.0)),
            "{method} {route}"
        );
        assert_eq!(
            row["p99"].as_f64(),
            Some(nearest(&secs, 99.0)),
            "{method} {route}"
        );
    }
    // The downstream service's spans and the client spans are no requests.
    assert!(!routes.iter().any(|r| r["route"] == "/notify"));

    // The 20 slowest, each with its X-Ray id, start and flags.
    let traces = report["traces"].as_array().unwrap();
    assert_eq!(traces.len(), 20);
    let listed: Vec<f64> = traces
        .iter()
        .map(|t| t["response_time"].as_f64().unwrap())
        .collect();
    let mut want: Vec<f64> = all.iter().map(|r| r.5).collect();
    want.sort_by(|a, b| b.total_cmp(a));
    want.truncate(20);
    assert_eq!(listed, want);
    let unindexed = traces
        .iter()
        .find(|t| t["id"] == w.unindexed.as_str())
        .unwrap();
    assert_eq!(
        (
            unindexed["status"].as_i64(),
            unindexed["has_fault"].as_bool(),
            unindexed["method"].as_str()
        ),
        (Some(500), Some(true), Some("GET"))
    );
    for t in traces {
        let id = t["id"].as_str().unwrap();
        assert!(id.starts_with("1-") && id.len() == 35, "{id}");
        assert!(t["start"].as_str().unwrap().ends_with('Z'));
    }

    // Three Insights queries over aws/spans and the window; nothing downloaded.
    let calls = w.fake.calls();
    let queries: Vec<_> = calls
        .iter()
        .filter(|c| c.operation == "StartQuery")
        .collect();
    assert_eq!(queries.len(), 3);
    for q in &queries {
        assert_eq!(q.body["logGroupNames"], json!(["aws/spans"]));
        let (from, to) = (
            q.body["startTime"].as_i64().unwrap(),
            q.body["endTime"].as_i64().unwrap(),
        );
        assert!((7199..=7201).contains(&(to - from)), "{from}..{to}");
    }
    assert!(
        !calls
            .iter()
            .any(|c| c.operation == "GetTraceSummaries" || c.operation == "StartTraceRetrieval")
    );
    // The same window from the summaries: the one indexed trace.
    let out = w.xray(&[
        "traces",
        "--since",
        "2h",
        "--source",
        "summaries",
        "-o",
        "json",
    ]);
    let summaries: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(summaries["summary"]["traces"], 1);
    assert_eq!(summaries["source"], "xray");
}

#[test]
fn xray_traces_from_aws_spans_for_people_names_its_source() {
    let (w, _) = traffic_world(Options::default());
    let out = w.xray(&["traces", "--since", "2h", "--limit", "3"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].starts_with("aws/spans (every request)  ") && lines[0].ends_with("201 traces"),
        "{}",
        out.stdout
    );
    // The summary block's counts and the route rows.
    assert!(
        out.stdout.contains(
            " 201    40   19.9%    24   11.9%         16  260 ms  460 ms  500 ms  500 ms"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("POST /api/activities"),
        "{}",
        out.stdout
    );
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.trim_start().starts_with("1-"))
            .count(),
        3,
        "{}",
        out.stdout
    );
}

#[test]
fn a_window_longer_than_a_day_is_split_into_insights_ranges_that_tile_it() {
    let w = world(Options::default(), true);
    let now = jiff::Timestamp::now().as_second();
    // Three requests in each of the three slices of a 50 h window.
    let mut expected = vec![0.5]; // the world's own request
    for (n, hours_ago) in [49, 30, 1].iter().enumerate() {
        for k in 0..3 {
            let i = n * 3 + k + 1; // all 200 OK GETs/POSTs with i % 50 + 1 tenths of 100 ms
            let (id, spans) = span_request(i, now - hours_ago * 3600 + k as i64 * 60);
            w.fake.add_spans(&id, spans);
            expected.push(duration_ns(i) as f64 / 1e9);
        }
    }
    let out = w.xray(&["traces", "--since", "50h", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["summary"]["traces"], 10);
    assert_eq!(report["percentiles"], "upper_bound");
    assert_eq!(
        report["summary"]["response_time"]["max"].as_f64(),
        Some(0.5)
    );
    let counted: u64 = report["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_u64().unwrap())
        .sum();
    assert_eq!(counted, 10);
    assert!(
        out.stderr.contains("note: the window was split into 3 Logs Insights ranges of at most a day each; its percentiles are the highest of those answers', an upper bound (counts are exact)"),
        "{}",
        out.stderr
    );
    // Three queries a range; the ranges (seconds, both ends included) tile the window with
    // neither a gap nor an overlap.
    let mut ranges: Vec<(i64, i64)> = w
        .fake
        .calls()
        .iter()
        .filter(|c| c.operation == "StartQuery")
        .map(|c| {
            (
                c.body["startTime"].as_i64().unwrap(),
                c.body["endTime"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(ranges.len(), 9);
    ranges.sort();
    ranges.dedup();
    assert_eq!(ranges.len(), 3);
    assert_eq!(ranges[0].1 - ranges[0].0, 24 * 3600 - 1);
    assert_eq!(ranges[1].0, ranges[0].1 + 1);
    assert_eq!(ranges[2].0, ranges[1].1 + 1);
    assert!(
        (ranges[2].1 - ranges[0].0 - 50 * 3600).abs() <= 1,
        "{ranges:?}"
    );
    // The slowest listed across the slices, merged.
    let listed: Vec<f64> = report["traces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["response_time"].as_f64().unwrap())
        .collect();
    expected.sort_by(|a, b| b.total_cmp(a));
    assert_eq!(listed, expected);
}

#[test]
fn the_shorthand_flags_become_insights_filters() {
    let (w, _) = traffic_world(Options::default());
    let count = |args: &[&str]| -> u64 {
        let mut all = vec!["traces", "--since", "2h", "-o", "json"];
        all.extend_from_slice(args);
        let out = w.xray(&all);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        let report: Value = serde_json::from_str(&out.stdout).unwrap();
        report["summary"]["traces"].as_u64().unwrap()
    };
    let fault = |i: usize| {
        let (_, _, status, errored) = request_of(i);
        (500..600).contains(&status) || (errored && !(400..500).contains(&status))
    };
    // Faults on the home route, the world's 500 among them.
    let home_faults = (0..200)
        .filter(|&i| request_of(i).1 == "/api/activities/home" && fault(i))
        .count() as u64
        + 1;
    assert_eq!(count(&["--faults", "--url-contains", "/home"]), home_faults);
    // Errors or throttles: 4xx, 429 included once.
    let errors = (0..200)
        .filter(|&i| (400..500).contains(&request_of(i).2))
        .count() as u64;
    assert_eq!(count(&["--errors", "--throttles"]), errors);
    // Slower than 400 ms: 0.41 .. 0.5 s, ten a fifty, and the world's 0.5 s.
    assert_eq!(count(&["--slower-than", "400ms"]), 4 * 10 + 1);
    // The downstream service has server spans but no requests of its own.
    assert_eq!(count(&["--service", "notifications"]), 0);
    assert_eq!(count(&["--service", "backend-flask"]), 201);
    // What the user typed stays a string in the query.
    assert_eq!(count(&["--url-contains", "\" or 1 = 1 or \""]), 0);
}

#[test]
fn aws_spans_errors_say_what_to_do() {
    // Not on Transaction Search: no aws/spans.
    let w = world(Options::default(), false);
    let out = w.xray(&["traces", "--source", "spans"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stderr.starts_with(
            "error: Transaction Search is not enabled: this account has no log group aws/spans"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("update-trace-segment-destination"),
        "{}",
        out.stderr
    );
    // An identity without logs:StartQuery.
    let w = world(
        Options {
            denied: vec!["StartQuery"],
            ..Options::default()
        },
        true,
    );
    let out = w.xray(&["traces"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stderr
            .contains("\nerror: cannot query aws/spans: AccessDeniedException"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "hint: the identity needs logs:StartQuery and logs:GetQueryResults on the log group aws/spans"
        ),
        "{}",
        out.stderr
    );
    // A query Insights ends otherwise than Complete.
    let w = world(
        Options {
            insights_end: "Timeout",
            ..Options::default()
        },
        true,
    );
    let out = w.xray(&["traces"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stderr
            .contains("\nerror: a Logs Insights query over aws/spans ended Timeout"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("hint: narrow the window (--since)"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stdout, "", "nothing half-printed");
}

#[test]
fn against_moto_an_account_without_aws_spans_is_told_how_to_turn_transaction_search_on() {
    let moto = crate::python::Moto::start();
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .cmd()
        .env("AWS_ENDPOINT_URL", &moto.endpoint)
        .args(["xray", "traces", "--source", "spans", "--since", "1h"]));
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stderr.starts_with(
            "error: Transaction Search is not enabled: this account has no log group aws/spans"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn xray_services_on_transaction_search_draws_the_graph_of_the_newest_requests() {
    let (w, starts) = traffic_world(Options {
        service_page_size: 1,
        ..Options::default()
    });
    let out = w.xray(&["services", "--since", "2h", "--traces", "12", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("note: the service graph of the 12 newest requests of the window, retrieved from aws/spans (Transaction Search)"),
        "{}",
        out.stderr
    );
    // The 12 newest requests are the last 12 generated.
    let newest: Vec<usize> = (188..200).collect();
    assert!(starts[188] > starts[187]);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let services = doc["services"].as_array().unwrap();
    let find = |name: &str| {
        services
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("no {name}: {services:?}"))
    };
    let flask = find("backend-flask");
    let class = |i: &usize| {
        let (_, _, status, errored) = request_of(*i);
        match status {
            429 => "throttle",
            400..=499 => "error",
            500..=599 => "fault",
            _ if errored => "fault",
            _ => "ok",
        }
    };
    let of = |c: &str| newest.iter().filter(|i| class(i) == c).count() as i64;
    assert_eq!(flask["requests"], 12);
    assert_eq!(flask["ok"].as_i64(), Some(of("ok")));
    assert_eq!(flask["faults"].as_i64(), Some(of("fault")));
    assert_eq!(flask["errors"].as_i64(), Some(of("error") + of("throttle")));
    assert_eq!(flask["throttles"].as_i64(), Some(of("throttle")));
    let seconds: f64 = newest.iter().map(|&i| duration_ns(i) as f64 / 1e9).sum();
    assert!((flask["avg_latency"].as_f64().unwrap() - seconds / 12.0).abs() < 1e-9);
    // Every request queried Postgres; the POSTs called the notifications service, which failed.
    let posts = newest
        .iter()
        .filter(|&&i| request_of(i).0 == "POST")
        .count() as i64;
    assert_eq!(find("postgresql")["requests"], 12);
    assert_eq!(find("postgresql")["type"], "Database::SQL");
    assert_eq!(find("notifications")["requests"].as_i64(), Some(posts));
    assert_eq!(find("notifications")["faults"].as_i64(), Some(posts));
    let edges: Vec<(&str, i64)> = flask["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["to"].as_str().unwrap(), e["requests"].as_i64().unwrap()))
        .collect();
    assert_eq!(edges, [("postgresql", 12), ("notifications", posts)]);
    // One Insights query for the ids; one retrieval per five ids (3), each graph polled
    // until COMPLETE and read page by page; BatchGetTraces and GetServiceGraph never asked.
    let calls = w.fake.calls();
    let count = |op: &str| calls.iter().filter(|c| c.operation == op).count();
    assert_eq!(count("StartQuery"), 1);
    assert_eq!(count("StartTraceRetrieval"), 3);
    let mut asked: Vec<String> = calls
        .iter()
        .filter(|c| c.operation == "StartTraceRetrieval")
        .flat_map(|c| c.body["TraceIds"].as_array().unwrap().clone())
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    asked.sort();
    let mut want: Vec<String> = newest
        .iter()
        .map(|&i| span_request(i, starts[i]).0)
        .collect();
    want.sort();
    assert_eq!(asked, want);
    // Per retrieval: 2 RUNNING answers, then one page per service (3 services).
    assert_eq!(count("GetRetrievedTracesGraph"), 3 * (2 + 3));
    assert_eq!(count("GetServiceGraph") + count("BatchGetTraces"), 0);

    // --source summaries asks X-Ray's own graph.
    let before = w.fake.calls().len();
    let out = w.xray(&["services", "--since", "2h", "--source", "summaries"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        w.fake.calls()[before..]
            .iter()
            .all(|c| c.operation == "GetServiceGraph")
    );
}

#[test]
fn xray_services_names_the_permission_a_retrieval_graph_needs() {
    let (w, _) = traffic_world(Options {
        denied: vec!["GetRetrievedTracesGraph"],
        ..Options::default()
    });
    let out = w.xray(&["services", "--since", "2h", "--traces", "3"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stderr.starts_with(
            "error: cannot retrieve traces from Transaction Search: AccessDeniedException"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "hint: the identity needs xray:StartTraceRetrieval and xray:GetRetrievedTracesGraph"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(out.stdout, "");
}
