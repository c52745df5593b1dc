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
fn xray_traces_says_its_numbers_cover_only_the_indexed_share() {
    let w = world(Options::default(), true);
    let out = w.xray(&["traces", "--since", "2h", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("note: this account sends spans to CloudWatch Logs (Transaction Search) and indexes 1% of them as trace summaries: these numbers cover that share of the requests, not all of them"),
        "{}",
        out.stderr
    );
    let human = w.xray(&["traces", "--since", "2h"]);
    assert!(
        human.stdout.starts_with("X-Ray summaries (1% indexed)"),
        "{}",
        human.stdout
    );
    // Without Transaction Search: no note, the plain source.
    let plain = world(Options::default(), false);
    let out = plain.xray(&["traces", "--since", "2h"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("Transaction Search"), "{}", out.stderr);
    assert!(out.stdout.starts_with("X-Ray "), "{}", out.stdout);
    assert!(!out.stdout.starts_with("X-Ray summaries"), "{}", out.stdout);
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

#[test]
fn views_not_computed_from_aws_spans_yet_say_so() {
    let w = world(Options::default(), true);
    for view in ["traces", "services"] {
        let out = w.xray(&[view, "--source", "spans"]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(
            out.stderr.starts_with(&format!(
                "error: xray {view} --source spans is not built yet"
            )),
            "{}",
            out.stderr
        );
    }
    assert!(w.fake.calls().is_empty());
}
