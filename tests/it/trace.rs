//! `tracectl trace ID` end to end: the same trace split across the local store (a span only
//! it has), the X-Ray fake (BatchGetTraces), the Honeycomb fake (a span only it has) and
//! moto's CloudWatch Logs (lines in either id form, one of another trace). Asserts exact
//! spans, their de-duplication, and where each log line is placed.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::harness::{Background, Output, Sandbox, run};
use crate::honeycomb_fake::{FakeHoneycomb, KEY, Options};
use crate::python::Moto;

pub(crate) const GROUP: &str = "/cruddur/backend-flask";

pub(crate) struct World {
    pub(crate) sandbox: Sandbox,
    pub(crate) db: PathBuf,
    /// The trace's X-Ray id and its documents.
    pub(crate) xray_id: String,
    pub(crate) w3c: String,
    documents: Vec<Value>,
    pub(crate) xray: Background,
    pub(crate) honeycomb: Background,
    /// What the Honeycomb fake was sent.
    pub(crate) honeycomb_fake: FakeHoneycomb,
    pub(crate) moto: Moto,
    /// The root segment's start, epoch ms.
    start_ms: i64,
}

fn text(v: &Value, pointer: &str) -> String {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap()
        .to_string()
}

/// The Flask request as the X-Ray SDK sent it (root, postgres, cognito-idp), ten minutes ago.
pub(crate) fn world() -> World {
    let now = jiff::Timestamp::now().as_second() as f64;
    let start = (now - 600.0).floor();
    let mut rng = crate::xray_fake::seeded(5);
    let documents = crate::xray_fake::flask_trace(
        &mut rng,
        start,
        "GET",
        "http://localhost:4567/api/activities/home",
        500,
        1.0,
    );
    let xray_id = text(&documents[0], "/trace_id");
    let w3c = xray_id.replacen("1-", "", 1).replace('-', "");

    // X-Ray has the request.
    let fake = crate::xray_fake::FakeXray::new(crate::xray_fake::Options::default());
    fake.add_trace(documents.clone());
    let xray = crate::harness::serve(fake.router());

    // The local store has the same segments and a span X-Ray does not: a worker the
    // request called, sent over OTLP.
    let sandbox = Sandbox::new();
    let db = sandbox.home().join("traces.db");
    let mut store = tracectl::clients::store::Store::open(&db).unwrap();
    let now_ns = jiff::Timestamp::now().as_nanosecond() as i64;
    let mut records = tracectl::model::span::from_xray_document(&documents[0], |_| None, now_ns)
        .unwrap()
        .records;
    let mut worker = records[0].clone();
    worker.span_id = "00000000000000f1".into();
    worker.parent_id = Some(records[0].span_id.clone());
    worker.name = "notify-worker".into();
    worker.service = "worker".into();
    worker.start_ns = (start as i64) * 1_000_000_000 + 850_000_000;
    worker.end_ns = Some(worker.start_ns + 100_000_000);
    worker.exceptions = Vec::new();
    records.push(worker);
    store.insert(&records.iter().collect::<Vec<_>>()).unwrap();
    drop(store);

    // Honeycomb has the root (a duplicate) and a template render nobody else has.
    let root_id = text(&documents[0], "/id");
    let event = |span: &str, parent: Option<&str>, name: &str, ms: f64| {
        let mut e = Map::new();
        e.insert("timestamp".into(), json!(start as i64));
        e.insert("trace.trace_id".into(), json!(w3c));
        e.insert("trace.span_id".into(), json!(span));
        if let Some(p) = parent {
            e.insert("trace.parent_id".into(), json!(p));
        }
        e.insert("name".into(), json!(name));
        e.insert("service.name".into(), json!("backend-flask"));
        e.insert("duration_ms".into(), json!(ms));
        e
    };
    let mut other = event("00000000000000e9", None, "GET /other", 5.0);
    other.insert("trace.trace_id".into(), json!("0".repeat(32)));
    let honeycomb = FakeHoneycomb::with_dataset(
        Options::default(),
        "cruddur-traces",
        vec![
            event(&root_id, None, "GET /api/activities/home", 1000.0),
            event("00000000000000d7", Some(&root_id), "render_template", 12.5),
            other,
        ],
    );
    let honeycomb_fake = honeycomb;
    let honeycomb = crate::harness::serve(honeycomb_fake.router());

    let moto = Moto::start();
    let start_ms = (start as i64) * 1000;
    let client = crate::logs::seed_client(&moto);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        crate::logs::create_group(&client, GROUP).await;
        crate::logs::put(
            &client,
            GROUP,
            "web",
            &[
                (start_ms - 60_000, format!("otelTraceID={w3c} warming up")),
                (
                    start_ms + 300,
                    format!("otelTraceID={w3c} SELECT failed: connection refused"),
                ),
                (
                    start_ms + 980,
                    format!("[Root={xray_id};Parent=1] 500 GET /api/activities/home"),
                ),
                (
                    start_ms + 400,
                    format!("otelTraceID={} another request", "0".repeat(32)),
                ),
                (
                    start_ms - 3_600_000,
                    format!("otelTraceID={w3c} an hour before: outside the margin"),
                ),
            ],
        )
        .await;
    });
    World {
        sandbox,
        db,
        xray_id,
        w3c,
        documents,
        xray,
        honeycomb,
        honeycomb_fake,
        moto,
        start_ms,
    }
}

impl World {
    pub(crate) fn tracectl(&self, args: &[&str]) -> Output {
        run(self
            .sandbox
            .cmd()
            .env(
                "AWS_ENDPOINT_URL_XRAY",
                format!("http://{}", self.xray.addr),
            )
            .env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", &self.moto.endpoint)
            .env("HONEYCOMB_API_KEY", KEY)
            .env(
                "HONEYCOMB_API_ENDPOINT",
                format!("http://{}", self.honeycomb.addr),
            )
            .env("HONEYCOMB_DATASET", "cruddur-traces")
            .env("TRACECTL_LOG_GROUPS", GROUP)
            .env("TRACECTL_LOCAL_DB", &self.db)
            .arg("trace")
            .args(args))
    }
}

fn span_names(trace: &Value) -> Vec<(String, usize)> {
    fn walk(span: &Value, depth: usize, out: &mut Vec<(String, usize)>) {
        out.push((span["name"].as_str().unwrap().to_string(), depth));
        for child in span["children"].as_array().unwrap() {
            walk(child, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    for root in trace["spans"].as_array().unwrap() {
        walk(root, 0, &mut out);
    }
    out
}

#[test]
fn one_id_is_found_everywhere_merged_once_with_its_log_lines_under_their_spans() {
    let w = world();
    let out = w.tracectl(&[&w.xray_id, "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["id"], w.w3c.as_str());
    assert_eq!(report["xray_id"], w.xray_id.as_str());
    let sources: Vec<(String, String, String)> = report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["source"].as_str().unwrap().to_string(),
                s["status"].as_str().unwrap().to_string(),
                s["detail"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        sources,
        [
            (
                "local".into(),
                "found".into(),
                format!("4 spans in {}", w.db.display())
            ),
            ("xray".into(), "found".into(), "3 spans".into()),
            (
                "honeycomb".into(),
                "found".into(),
                "2 spans in cruddur-traces".into()
            ),
            (
                "logs".into(),
                "found".into(),
                format!("3 lines in {GROUP} (the trace's time ± 5m)")
            ),
            ("rollbar".into(), "not_asked".into(), String::new()),
        ]
    );
    // Three X-Ray spans held twice are drawn once, with the worker only the store has.
    assert_eq!(
        span_names(&report["trace"]),
        [
            ("backend-flask".to_string(), 0),
            ("postgres".to_string(), 1),
            ("cognito-idp".to_string(), 1),
            ("notify-worker".to_string(), 1),
        ]
    );
    // The span only Honeycomb has is listed apart (its query results carry no start).
    assert_eq!(
        report["honeycomb_only"],
        json!([{"span_id": "00000000000000d7", "parent_id": text(&w.documents[0], "/id"),
                "name": "render_template", "service": "backend-flask", "duration_ms": 12.5}])
    );
    // Each line under the span running when it was written; the other trace's line and
    // the one an hour away are not there.
    let postgres = text(&w.documents[0], "/subsegments/0/id");
    let root = text(&w.documents[0], "/id");
    let logs: Vec<(String, Option<String>)> = report["logs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["message"].as_str().unwrap().to_string(),
                l["span_id"].as_str().map(str::to_string),
            )
        })
        .collect();
    assert_eq!(
        logs,
        [
            (format!("otelTraceID={} warming up", w.w3c), None),
            (
                format!("otelTraceID={} SELECT failed: connection refused", w.w3c),
                Some(postgres)
            ),
            (
                format!("[Root={};Parent=1] 500 GET /api/activities/home", w.xray_id),
                Some(root)
            ),
        ]
    );
    assert_eq!(
        report["logs"][1]["timestamp"],
        jiff::Timestamp::from_millisecond(w.start_ms + 300)
            .unwrap()
            .to_string()
    );

    // For people: the sources, then the waterfall with the line under the postgres row.
    let human = w.tracectl(&[&w.w3c]);
    assert_eq!(human.code, 0, "{}", human.stderr);
    let lines: Vec<&str> = human.stdout.lines().collect();
    assert_eq!(lines[0], format!("trace {}  ({})", w.w3c, w.xray_id));
    assert_eq!(
        lines[1],
        "  local      found      4 spans in ".to_string() + &w.db.display().to_string()
    );
    assert_eq!(
        lines[4],
        format!("  logs       found      3 lines in {GROUP} (the trace's time ± 5m)")
    );
    let postgres_row = lines.iter().position(|l| l.contains("postgres")).unwrap();
    // Times for people are local: the sandbox runs in UTC.
    let at = jiff::Timestamp::from_millisecond(w.start_ms + 300)
        .unwrap()
        .strftime("%H:%M:%S%.3f")
        .to_string();
    assert!(
        lines[postgres_row + 1].contains(&format!(
            "│ {} {GROUP}  otelTraceID={} SELECT failed",
            at, w.w3c
        )),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("also in Honeycomb (no start times in query results):\n  render_template  backend-flask  12.5 ms\n"), "{}", human.stdout);
    assert!(
        human
            .stdout
            .contains("log lines outside the spans' time:\n"),
        "{}",
        human.stdout
    );
    assert!(!human.stdout.contains("another request") && !human.stdout.contains("an hour before"));
}

#[test]
fn an_id_nobody_has_is_an_error_naming_who_was_asked() {
    let w = world();
    let out = w.tracectl(&["1-5f84c7a1-0123456789abcdef01234567"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.contains("  local      not found  not in "),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("  xray       not found  not in X-Ray"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("  honeycomb  not found  no span of it in cruddur-traces"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.starts_with(
            "error: trace 5f84c7a10123456789abcdef01234567 was found nowhere (asked: local, xray, honeycomb)"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout
            .contains("  logs       not asked  no time to look around"),
        "{}",
        out.stdout
    );
}

#[test]
fn sources_that_are_not_configured_are_not_asked_and_say_why() {
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .cmd()
        .env_remove("AWS_REGION")
        .args(["trace", "5f84c7a10123456789abcdef01234567"]));
    assert_eq!(out.code, 1, "{}", out.stdout);
    let db = sandbox.home().join(".local/share/tracectl/traces.db");
    assert_eq!(
        out.stdout,
        format!(
            "trace 5f84c7a10123456789abcdef01234567  (1-5f84c7a1-0123456789abcdef01234567)\n  local      not asked  no span database at {}\n  xray       not asked  no AWS region is configured\n  honeycomb  not asked  no Honeycomb API key (HONEYCOMB_API_KEY)\n  logs       not asked  no log groups (-g or TRACECTL_LOG_GROUPS)\n  rollbar    not asked  no Rollbar read token (ROLLBAR_READ_ACCESS_TOKEN)\n",
            db.display()
        )
    );
    assert!(
        out.stderr.starts_with(
            "error: trace 5f84c7a10123456789abcdef01234567 was found nowhere (asked: none)"
        ),
        "{}",
        out.stderr
    );
    assert!(!Path::new(&db).exists(), "looking creates no database");
}

#[test]
fn a_failing_source_is_said_and_the_rest_still_shown() {
    let w = world();
    let closed = crate::harness::free_port();
    let out = run(w
        .sandbox
        .cmd()
        .env(
            "AWS_ENDPOINT_URL_XRAY",
            format!("http://127.0.0.1:{closed}"),
        )
        .env("TRACECTL_LOCAL_DB", &w.db)
        .args(["trace", &w.xray_id]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.contains("  local      found      4 spans"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("  xray       failed     BatchGetTraces: "),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("notify-worker"),
        "the waterfall is drawn: {}",
        out.stdout
    );
    assert!(
        out.stderr.starts_with(
            "error: the lookup is incomplete: xray failed\nhint: xray: BatchGetTraces: "
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_malformed_id_is_bad_usage() {
    let out = run(Sandbox::new().cmd().args(["trace", "not-a-trace"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
}

#[test]
fn a_trace_only_transaction_search_holds_is_found_through_a_retrieval() {
    let now = jiff::Timestamp::now().as_second();
    let xray_id = format!("1-{:08x}-00000000000000000000f00d", now - 600);
    let w3c = xray_id.replacen("1-", "", 1).replace('-', "");
    let fake = crate::xray_fake::FakeXray::new(crate::xray_fake::Options::default());
    fake.transaction_search();
    fake.add_spans(
        &xray_id,
        crate::transaction_search::otel_request(&w3c, (now - 600) as f64),
    );
    let server = crate::harness::serve(fake.router());
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .cmd()
        .env("AWS_ENDPOINT_URL_XRAY", format!("http://{}", server.addr))
        .args(["trace", &xray_id, "-o", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["sources"][1]["status"], "found");
    assert_eq!(
        report["sources"][1]["detail"],
        "2 spans (from Transaction Search, aws/spans)"
    );
    assert_eq!(
        span_names(&report["trace"]),
        [
            ("GET /api/activities/home".to_string(), 0),
            ("SELECT cruddur".to_string(), 1)
        ]
    );
    let operations: Vec<&str> = fake.calls().iter().map(|c| c.operation).collect();
    assert_eq!(
        &operations[..3],
        [
            "BatchGetTraces",
            "GetTraceSegmentDestination",
            "StartTraceRetrieval"
        ]
    );
}
