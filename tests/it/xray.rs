//! `xray traces` and `xray services` against the in-process fake (moto cannot serve trace
//! summaries, see apis.md); `xray trace` against moto_server fed real segment documents
//! through PutTraceSegments, and against the fake for batching.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::harness::{Background, Sandbox, run, serve};
use crate::python::Moto;
use crate::xray_fake::{FakeXray, Options, flask_trace, flask_traffic, seeded};

/// 2027-01-15T08:00:00Z: fixed, so windows and ids are the same every run.
const T0: f64 = 1_800_000_000.0;

fn start_fake(options: Options, traces: Vec<Vec<Value>>) -> (FakeXray, Background) {
    let fake = FakeXray::new(options);
    for t in traces {
        fake.add_trace(t);
    }
    let server = serve(fake.router());
    (fake, server)
}

fn xray(sandbox: &Sandbox, server: &Background, args: &[&str]) -> crate::harness::Output {
    run(sandbox
        .cmd()
        .arg("xray")
        .args(args)
        .args(["--endpoint-url", &format!("http://{}", server.addr)]))
}

/// Ten requests with latencies 0.125 s .. 1.25 s (eighths, exact in binary, so the sums
/// the fake does on epoch seconds stay exact): one 404, one 500, one 429.
fn ten_requests() -> Vec<Vec<Value>> {
    let mut rng = seeded(7);
    (1..=10)
        .map(|i| {
            let (method, url) = if i % 2 == 0 {
                (
                    "GET",
                    format!("http://localhost:4567/api/activities/{}", 1000 + i),
                )
            } else {
                ("POST", "http://localhost:4567/api/activities".to_string())
            };
            let status = match i {
                3 => 404,
                7 => 500,
                9 => 429,
                _ => 200,
            };
            flask_trace(
                &mut rng,
                T0 + f64::from(i) * 60.0,
                method,
                &url,
                status,
                f64::from(i) * 0.125,
            )
        })
        .collect()
}

fn id_of(trace: &[Value]) -> String {
    trace[0]["trace_id"].as_str().unwrap().to_string()
}

const HOUR: [&str; 4] = ["--start", "1800000000", "--end", "1800003600"];

#[test]
fn traces_summary_has_exact_numbers() {
    let traces = ten_requests();
    let slowest = id_of(&traces[9]);
    let (_fake, server) = start_fake(Options::default(), traces);
    let out = xray(
        &Sandbox::new(),
        &server,
        &[&["traces", "-o", "json", "--limit", "3"][..], &HOUR].concat(),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        doc["window"],
        json!({"start": "2027-01-15T08:00:00Z", "end": "2027-01-15T09:00:00Z"})
    );
    assert_eq!(
        doc["summary"],
        json!({"traces": 10, "errors": 2, "faults": 1, "throttles": 1,
               "response_time": {"p50": 0.625, "p90": 1.125, "p99": 1.25, "max": 1.25}})
    );
    assert_eq!(
        doc["routes"],
        json!([
            {"method": "GET", "route": "/api/activities/{id}", "count": 5, "errors": 0, "faults": 0, "p50": 0.75, "p99": 1.25},
            {"method": "POST", "route": "/api/activities", "count": 5, "errors": 2, "faults": 1, "p50": 0.625, "p99": 1.125},
        ])
    );
    let listed = doc["traces"].as_array().unwrap();
    assert_eq!(listed.len(), 3);
    assert_eq!(
        listed[0],
        json!({"id": slowest, "start": "2027-01-15T08:10:00Z", "duration": 1.25, "response_time": 1.25,
               "method": "GET", "url": "http://localhost:4567/api/activities/1010", "status": 200,
               "has_error": false, "has_fault": false, "has_throttle": false})
    );
    let times: Vec<f64> = listed
        .iter()
        .map(|t| t["response_time"].as_f64().unwrap())
        .collect();
    assert_eq!(times, [1.25, 1.125, 1.0]);
}

#[test]
fn traces_table_for_people() {
    let (_fake, server) = start_fake(Options::default(), ten_requests());
    let out = xray(
        &Sandbox::new(),
        &server,
        &[&["traces", "--utc", "--limit", "4"][..], &HOUR].concat(),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
    assert!(
        out.stderr
            .contains("hint: tracectl xray trace <ID> shows one trace as a waterfall"),
        "{}",
        out.stderr
    );
}

#[test]
fn newest_first_when_asked() {
    let traces = ten_requests();
    let newest: Vec<String> = traces.iter().rev().take(2).map(|t| id_of(t)).collect();
    let (_fake, server) = start_fake(Options::default(), traces);
    let out = xray(
        &Sandbox::new(),
        &server,
        &[
            &["traces", "-o", "json", "--sort", "newest", "--limit", "2"][..],
            &HOUR,
        ]
        .concat(),
    );
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let ids: Vec<&str> = doc["traces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, newest);
}

#[test]
fn shorthand_flags_compile_into_the_one_filter_sent() {
    let traces = ten_requests();
    // GET requests (even i) slower than 0.3 s with an error or fault: none in ten_requests
    // has both GET and a failure, so add two that do, and one that is too fast.
    let mut rng = seeded(99);
    let mut all = traces;
    let hit_a = flask_trace(
        &mut rng,
        T0 + 900.0,
        "GET",
        "http://localhost:4567/api/activities/7",
        500,
        0.4,
    );
    let hit_b = flask_trace(
        &mut rng,
        T0 + 960.0,
        "GET",
        "http://localhost:4567/api/activities/8",
        404,
        2.0,
    );
    let fast = flask_trace(
        &mut rng,
        T0 + 1020.0,
        "GET",
        "http://localhost:4567/api/activities/9",
        500,
        0.2,
    );
    let want: BTreeSet<String> = [id_of(&hit_a), id_of(&hit_b)].into();
    all.extend([hit_a, hit_b, fast]);
    let (fake, server) = start_fake(Options::default(), all);
    let out = xray(
        &Sandbox::new(),
        &server,
        &[
            &[
                "traces",
                "-v",
                "-o",
                "json",
                "--errors",
                "--faults",
                "--slower-than",
                "300ms",
                "--url-contains",
                "/api/activities",
                "--service",
                "backend-flask",
                "--filter",
                "http.method = \"GET\"",
            ][..],
            &HOUR,
        ]
        .concat(),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let expected = "(http.method = \"GET\") AND (error OR fault) AND responsetime > 0.3 \
                    AND http.url CONTAINS \"/api/activities\" AND service(\"backend-flask\")";
    assert!(
        out.stderr.contains(&format!("filter: {expected}")),
        "{}",
        out.stderr
    );
    let sent: Vec<Value> = fake
        .calls()
        .iter()
        .filter(|c| c.operation == "GetTraceSummaries")
        .map(|c| c.body["FilterExpression"].clone())
        .collect();
    assert_eq!(sent, [json!(expected)]);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let got: BTreeSet<String> = doc["traces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, want);
    assert_eq!(doc["summary"]["traces"], 2);
}

#[test]
fn a_day_is_fetched_in_slices_with_no_trace_counted_twice() {
    let day = 86_400.0;
    let mut traces = flask_traffic(2000, T0, T0 + day, 11);
    // Traces exactly on the slice boundaries are returned by both neighbouring slices.
    let mut rng = seeded(5);
    for h in [6.0, 12.0, 18.0] {
        traces.push(flask_trace(
            &mut rng,
            T0 + h * 3600.0,
            "GET",
            "http://localhost:4567/api/health-check",
            500,
            0.01,
        ));
    }
    let faults = traces
        .iter()
        .filter(|t| t[0]["fault"] == json!(true))
        .count();
    let errors = traces
        .iter()
        .filter(|t| t[0]["error"] == json!(true))
        .count();
    let ids: BTreeSet<String> = traces.iter().map(|t| id_of(t)).collect();
    assert_eq!(ids.len(), 2003);
    let options = Options {
        page_size: 50,
        ..Options::default()
    };
    let (fake, server) = start_fake(options, traces);
    let out = xray(
        &Sandbox::new(),
        &server,
        &[
            "traces",
            "-o",
            "json",
            "--limit",
            "0",
            "--start",
            "1800000000",
            "--end",
            "1800086400",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["traces"], 2003);
    assert_eq!(doc["summary"]["faults"], faults);
    assert_eq!(doc["summary"]["errors"], errors);
    let listed: Vec<String> = doc["traces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed.len(), 2003);
    assert_eq!(listed.into_iter().collect::<BTreeSet<_>>(), ids);
    // Four contiguous slices of six hours, each paged to its end.
    let windows: BTreeSet<(i64, i64)> = fake
        .calls()
        .iter()
        .filter(|c| c.operation == "GetTraceSummaries")
        .map(|c| {
            (
                c.body["StartTime"].as_f64().unwrap() as i64,
                c.body["EndTime"].as_f64().unwrap() as i64,
            )
        })
        .collect();
    let t0 = T0 as i64;
    assert_eq!(
        windows.into_iter().collect::<Vec<_>>(),
        (0..4)
            .map(|i| (t0 + i * 21_600, t0 + (i + 1) * 21_600))
            .collect::<Vec<_>>()
    );
}

#[test]
fn throttling_5xx_and_dropped_connections_lose_and_repeat_nothing() {
    let traces = flask_traffic(500, T0, T0 + 3600.0, 3);
    let ids: BTreeSet<String> = traces.iter().map(|t| id_of(t)).collect();
    let options = Options {
        page_size: 20,
        fault_every: Some(3),
        ..Options::default()
    };
    let (fake, server) = start_fake(options, traces);
    let out = xray(
        &Sandbox::new(),
        &server,
        &[&["traces", "-o", "json", "--limit", "0"][..], &HOUR].concat(),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let listed: Vec<String> = doc["traces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed.len(), 500);
    assert_eq!(listed.into_iter().collect::<BTreeSet<_>>(), ids);
    assert_eq!(doc["summary"]["traces"], 500);
    // Faults cycle 429, 503, dropped connection: at least three of each kind happened.
    let count = |status| fake.calls().iter().filter(|c| c.status == status).count();
    assert!(
        count(429) >= 3 && count(503) >= 3,
        "429: {}, 503: {}",
        count(429),
        count(503)
    );
}

#[test]
fn an_invalid_filter_gives_the_services_message() {
    let (_fake, server) = start_fake(Options::default(), ten_requests());
    let out = xray(
        &Sandbox::new(),
        &server,
        &[&["traces", "--filter", "http.url ~ \"x\""][..], &HOUR].concat(),
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("error: X-Ray rejected the filter expression: Invalid filter expression"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("hint: the expression sent was: (http.url ~ \"x\")"),
        "{}",
        out.stderr
    );
}

#[test]
fn bad_windows_and_ids_are_usage_errors() {
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .cmd()
        .args(["xray", "traces", "--start", "1h", "--end", "2h"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.starts_with("error: the window ends"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("hint: --start must come before --end"),
        "{}",
        out.stderr
    );

    let out = run(sandbox.cmd().args(["xray", "trace", "1-abc"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.starts_with("error: `1-abc` is not a trace id"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("1-5f84c7a1-0123456789abcdef01234567"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("32 hex digits"), "{}", out.stderr);
}

#[test]
fn service_graph_in_pages() {
    let options = Options {
        service_page_size: 1,
        ..Options::default()
    };
    let now = jiff::Timestamp::now().as_second() as f64;
    let mut rng = seeded(1);
    let traces = vec![
        flask_trace(&mut rng, now - 600.0, "GET", "http://h/api/a", 200, 0.2),
        flask_trace(&mut rng, now - 500.0, "GET", "http://h/api/a", 500, 0.4),
        flask_trace(&mut rng, now - 400.0, "GET", "http://h/api/a", 404, 0.6),
    ];
    let (fake, server) = start_fake(options, traces);
    let out = xray(
        &Sandbox::new(),
        &server,
        &["services", "-o", "json", "--since", "1h"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let services = doc["services"].as_array().unwrap();
    let names: Vec<&str> = services
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["backend-flask", "cognito-idp", "postgres"]);
    let flask = &services[0];
    assert_eq!(
        (
            flask["requests"].clone(),
            flask["ok"].clone(),
            flask["errors"].clone(),
            flask["faults"].clone(),
            flask["type"].clone()
        ),
        (
            json!(3),
            json!(1),
            json!(1),
            json!(1),
            json!("AWS::EC2::Instance")
        )
    );
    let avg = flask["avg_latency"].as_f64().unwrap();
    assert!((avg - 0.4).abs() < 1e-6, "{avg}");
    let edges: Vec<(&str, i64, i64)> = flask["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["to"].as_str().unwrap(),
                e["requests"].as_i64().unwrap(),
                e["faults"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(edges, [("cognito-idp", 3, 0), ("postgres", 3, 1)]);
    // Whether the account is on Transaction Search (it is not), then one call per page.
    let operations: Vec<&str> = fake.calls().iter().map(|c| c.operation).collect();
    assert_eq!(
        operations,
        [
            "GetTraceSegmentDestination",
            "GetServiceGraph",
            "GetServiceGraph",
            "GetServiceGraph"
        ]
    );

    let out = xray(&Sandbox::new(), &server, &["services", "--since", "1h"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("backend-flask → postgres"),
        "{}",
        out.stdout
    );
}

#[test]
fn many_ids_are_fetched_five_per_call_and_missing_ones_named() {
    let traces = flask_traffic(23, T0, T0 + 3600.0, 8);
    let mut ids: Vec<String> = traces.iter().map(|t| id_of(t)).collect();
    let (fake, server) = start_fake(Options::default(), traces);
    ids.push("1-6b04d9b5-000000000000000000000001".into());
    // The W3C form of a second unknown id.
    ids.push("6b04d9b5000000000000000000000002".into());
    let mut args = vec!["trace".to_string(), "-o".into(), "json".into()];
    args.extend(ids.iter().cloned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = xray(&Sandbox::new(), &server, &args);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.starts_with(
            "error: 2 of 25 traces not found (X-Ray keeps traces 30 days): \
             1-6b04d9b5-000000000000000000000001, 1-6b04d9b5-000000000000000000000002"
        ),
        "{}",
        out.stderr
    );
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let got: Vec<&str> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        got,
        ids[..23].iter().map(String::as_str).collect::<Vec<_>>()
    );
    let batches: Vec<usize> = fake
        .calls()
        .iter()
        .filter(|c| c.operation == "BatchGetTraces")
        .map(|c| c.body["TraceIds"].as_array().unwrap().len())
        .collect();
    assert_eq!(batches.len(), 5);
    assert!(batches.iter().all(|&n| n <= 5), "{batches:?}");
    assert_eq!(batches.iter().sum::<usize>(), 25);
}

#[test]
fn unprocessed_ids_are_reported() {
    let traces = flask_traffic(2, T0, T0 + 60.0, 4);
    let (done, pending) = (id_of(&traces[0]), id_of(&traces[1]));
    let options = Options {
        unprocessed: vec![pending.clone()],
        ..Options::default()
    };
    let (_fake, server) = start_fake(options, traces);
    let out = xray(&Sandbox::new(), &server, &["trace", &done, &pending]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.starts_with(&done), "{}", out.stdout);
    assert_eq!(
        out.stderr.lines().next().unwrap(),
        format!("error: trace {pending} not found (X-Ray keeps traces 30 days)")
    );
    let hint =
        format!("hint: X-Ray listed {pending} as unprocessed: a trace sent in the last minute");
    assert!(out.stderr.contains(&hint), "{}", out.stderr);
}

// ---- xray trace against moto --------------------------------------------------------------

/// The segments the Flask app's X-Ray SDK would send for one failing request: the root
/// segment with a nested Postgres subsegment (SQL, fault, exception) and an AWS call, plus
/// a downstream worker segment still in progress, sent as its own document.
fn flask_segments(trace_id: &str, now: f64) -> Vec<Value> {
    vec![
        json!({
            "trace_id": trace_id, "id": "70de5b6f19ff9a0a", "name": "backend-flask",
            "start_time": now, "end_time": now + 2.5, "fault": true,
            "http": {"request": {"method": "GET", "url": "http://localhost:4567/api/activities/d6321d31-c8b1-4b0f-8e1c-2f1d3c4b5a69"},
                     "response": {"status": 500}},
            "cause": {"exceptions": [{"id": "e1", "type": "OperationalError", "message": "connection to server failed"}]},
            "subsegments": [
                {"id": "1a2b3c4d5e6f7081", "name": "postgres", "namespace": "remote",
                 "start_time": now + 0.1, "end_time": now + 1.6, "fault": true,
                 "sql": {"sanitized_query": "SELECT * FROM activities WHERE uuid = %s", "database_type": "PostgreSQL"},
                 "subsegments": [{"id": "1a2b3c4d5e6f7082", "name": "connect", "start_time": now + 0.1, "end_time": now + 0.35}]},
                {"id": "1a2b3c4d5e6f7083", "name": "cognito-idp", "namespace": "aws",
                 "start_time": now + 1.7, "end_time": now + 1.75, "http": {"response": {"status": 200}}}
            ]
        }),
        json!({
            "trace_id": trace_id, "id": "0f0e0d0c0b0a0908", "name": "worker", "parent_id": "1a2b3c4d5e6f7083",
            "start_time": now + 1.72, "in_progress": true
        }),
    ]
}

#[test]
fn trace_waterfall_from_real_segment_documents() {
    let moto = Moto::start();
    let now = (jiff::Timestamp::now().as_second() - 60) as f64;
    let trace_id = format!("1-{:08x}-0123456789abcdef01234567", now as u64);
    let w3c = trace_id.strip_prefix("1-").unwrap().replace('-', "");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = aws_sdk_xray::Client::new(&moto.sdk_config());
        let mut put = client.put_trace_segments();
        for doc in flask_segments(&trace_id, now) {
            put = put.trace_segment_documents(doc.to_string());
        }
        let out = put.send().await.unwrap();
        assert!(out.unprocessed_trace_segments().is_empty());
    });
    let sandbox = Sandbox::new();
    let cmd = |args: &[&str]| {
        run(sandbox
            .cmd()
            .arg("xray")
            .args(args)
            .args(["--endpoint-url", &moto.endpoint]))
    };

    let out = cmd(&["trace", &w3c]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].starts_with(&format!("{trace_id}  GET /api/activities/d6321d31")),
        "{}",
        out.stdout
    );
    assert!(
        lines[0].ends_with("500  2.50 s  in progress"),
        "{}",
        lines[0]
    );
    let rows: Vec<String> = lines[3..]
        .iter()
        .map(|l| l.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        rows,
        [
            "backend-flask +0",
            "├─ postgres",
            "│ └─",
            "└─ cognito-idp",
            "└─ worker",
            "! OperationalError:",
        ],
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("fault SELECT * FROM activities WHERE"),
        "{}",
        out.stdout
    );

    let out = cmd(&["trace", &trace_id, "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["id"], json!(trace_id));
    let root = &doc["spans"][0];
    assert_eq!(doc["spans"].as_array().unwrap().len(), 1);
    assert_eq!(
        (
            root["name"].clone(),
            root["id"].clone(),
            root["parent_id"].clone(),
            root["duration"].clone(),
            root["fault"].clone()
        ),
        (
            json!("backend-flask"),
            json!("70de5b6f19ff9a0a"),
            Value::Null,
            json!(2.5),
            json!(true)
        )
    );
    assert_eq!(
        root["http"],
        json!({"method": "GET", "url": "http://localhost:4567/api/activities/d6321d31-c8b1-4b0f-8e1c-2f1d3c4b5a69", "status": 500})
    );
    let children: Vec<(&str, &str)> = root["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap(),
                c["parent_id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        children,
        [
            ("postgres", "70de5b6f19ff9a0a"),
            ("cognito-idp", "70de5b6f19ff9a0a")
        ]
    );
    let postgres = &root["children"][0];
    assert_eq!(postgres["duration"], json!(1.5));
    assert_eq!(postgres["children"][0]["name"], json!("connect"));
    let worker = &root["children"][1]["children"][0];
    assert_eq!(
        (
            worker["name"].clone(),
            worker["end"].clone(),
            worker["duration"].clone()
        ),
        (json!("worker"), Value::Null, Value::Null)
    );

    let unknown = format!("1-{:08x}-ffffffffffffffffffffffff", now as u64);
    let out = cmd(&["trace", &unknown]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.starts_with(&format!(
            "error: trace {unknown} not found (X-Ray keeps traces 30 days)"
        )),
        "{}",
        out.stderr
    );
}

// ---- hardening ----------------------------------------------------------------------------

#[test]
fn many_unknown_ids_make_one_short_error_line() {
    let (_fake, server) = start_fake(Options::default(), Vec::new());
    let ids: Vec<String> = (0..500).map(|i| format!("1-6b04d9b5-{i:024x}")).collect();
    let mut input = ids.join("\n");
    // Repeats are one id.
    input.push_str(&format!("\n{}\n", ids[0]));
    let out = run(Sandbox::new()
        .cmd()
        .args(["xray", "trace", "-", "--endpoint-url"])
        .arg(format!("http://{}", server.addr))
        .write_stdin(input));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let error = out.stderr.lines().next().unwrap();
    assert_eq!(
        error,
        format!(
            "error: 500 of 500 traces not found (X-Ray keeps traces 30 days): {}, {}, {}, {}, {} and 495 more",
            ids[0], ids[1], ids[2], ids[3], ids[4]
        )
    );
}

#[test]
fn a_window_older_than_retention_is_clamped_with_a_note() {
    let (fake, server) = start_fake(Options::default(), Vec::new());
    let sandbox = Sandbox::new();
    let out = xray(
        &sandbox,
        &server,
        &["traces", "--since", "1970-01-01", "-o", "json"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("note: X-Ray keeps traces 30 days; the window starts at"),
        "{}",
        out.stderr
    );
    let now = jiff::Timestamp::now().as_second() as f64;
    let starts: Vec<f64> = fake
        .calls()
        .iter()
        .filter(|c| c.operation == "GetTraceSummaries")
        .map(|c| c.body["StartTime"].as_f64().unwrap())
        .collect();
    // 30 days in 6-hour slices: 120 calls, not the 82,000 of a window from 1970.
    assert_eq!(starts.len(), 120);
    let oldest = starts.iter().copied().fold(f64::MAX, f64::min);
    assert!((now - 30.0 * 86_400.0 - oldest).abs() < 120.0, "{oldest}");
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let window_start: jiff::Timestamp = doc["window"]["start"].as_str().unwrap().parse().unwrap();
    assert!((window_start.as_second() as f64 - oldest).abs() < 1.0);

    let gone = xray(
        &sandbox,
        &server,
        &["traces", "--start", "2020-01-01", "--end", "2020-01-02"],
    );
    assert_eq!(gone.code, 2, "{}", gone.stderr);
    assert!(
        gone.stderr
            .contains("before the 30 days X-Ray keeps traces"),
        "{}",
        gone.stderr
    );
}

#[test]
fn an_answer_the_sdk_cannot_read_shows_its_causes() {
    // A proxy's error page where X-Ray's JSON should be.
    let server = serve(axum::Router::new().fallback(|| async {
        axum::response::Response::builder()
            .status(200)
            .header("content-type", "text/html")
            .body(axum::body::Body::from(
                "<html><body>Gateway says hi</body></html>",
            ))
            .unwrap()
    }));
    let out = xray(&Sandbox::new(), &server, &["traces", "--since", "1h"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let lines: Vec<&str> = out
        .stderr
        .lines()
        .skip_while(|l| !l.starts_with("error:"))
        .collect();
    assert_eq!(
        lines[..2],
        [
            "error: cannot fetch X-Ray trace summaries: AWS answered HTTP 200 with a body tracectl cannot read",
            "hint: the answer began: <html><body>Gateway says hi</body></html>",
        ]
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("caused by: ") && l.contains("unexpected token '<'")),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("UnknownError"));
}

/// The traces view called as a library, with no printer: X-Ray summaries give the same
/// numbers the command prints, and the progress callback sees every slice finish.
#[tokio::test(flavor = "multi_thread")]
async fn the_traces_view_reads_summaries_with_no_printer() {
    use tracectl::model::stats::TraceOrder;
    use tracectl::model::time::Window;
    use tracectl::views::traces::{Progress, Source, SourceKind, TracesRequest, traces};

    let all = ten_requests();
    let slowest = id_of(&all[9]);
    let (_fake, server) = start_fake(Options::default(), all);
    let client = sdk_client(&server);
    let request = TracesRequest {
        window: Window::from_millis(1_800_000_000_000, 1_800_003_600_000).unwrap(),
        selection: Default::default(),
        order: TraceOrder::Slowest,
        limit: 2,
    };
    let done = std::sync::Mutex::new(Vec::new());
    let progress = |p: Progress| {
        if let Progress::Summaries(p) = p {
            done.lock().unwrap().push((p.slices_done, p.slices));
        }
    };
    let source = Source::XraySummaries {
        client: &client,
        expression: None,
        indexed_percent: None,
    };
    let report = traces(&source, &request, &progress).await.unwrap();
    assert_eq!(report.source, SourceKind::Xray);
    assert_eq!(
        (
            report.summary.traces,
            report.summary.errors,
            report.summary.faults
        ),
        (10, 2, 1)
    );
    let listed: Vec<&str> = report.traces.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0], slowest);
    assert_eq!(done.lock().unwrap().last(), Some(&(1, 1)));
}

/// An X-Ray SDK client of the fake, as a face would build one.
fn sdk_client(server: &Background) -> aws_sdk_xray::Client {
    use aws_config::{BehaviorVersion, Region};
    use aws_credential_types::Credentials;
    use aws_credential_types::provider::SharedCredentialsProvider;
    let conf = aws_config::SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(format!("http://{}", server.addr))
        .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
            crate::harness::FAKE_AWS_KEY_ID,
            crate::harness::FAKE_AWS_SECRET,
            None,
            None,
            "test",
        )))
        .build();
    aws_sdk_xray::Client::new(&conf)
}

/// The X-Ray trace view as a library: the trees of the ids X-Ray holds, in the order asked,
/// and the ids it does not.
#[tokio::test(flavor = "multi_thread")]
async fn the_xray_trace_view_gives_trees_in_order_and_names_the_missing() {
    use tracectl::model::trace::TraceId;
    use tracectl::views::xray::{Progress, SpansFallback, traces};

    let all = ten_requests();
    let (second, first) = (id_of(&all[1]), id_of(&all[0]));
    let (_fake, server) = start_fake(Options::default(), all);
    let client = sdk_client(&server);
    let absent = "1-6b06a86d-0000057959a092dfb197a007";
    let ids: Vec<TraceId> = [second.as_str(), absent, first.as_str()]
        .iter()
        .map(|id| id.parse().unwrap())
        .collect();
    let asked = std::sync::Mutex::new(Vec::new());
    let progress = |p: Progress| {
        if let Progress::Fetching(n) = p {
            asked.lock().unwrap().push(n);
        }
    };
    let found = traces(
        &client,
        &ids,
        SpansFallback::Never,
        jiff::Timestamp::now(),
        std::time::Duration::from_secs(5),
        &progress,
    )
    .await
    .unwrap();
    let order: Vec<&str> = found.found.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(order, [second.as_str(), first.as_str()]);
    assert!(found.found.iter().all(|t| !t.spans.is_empty()));
    let absent_ids: Vec<&str> = found
        .missing
        .iter()
        .chain(&found.unprocessed)
        .map(|id| id.as_str())
        .collect();
    assert_eq!(absent_ids, [absent]);
    assert_eq!(found.from_spans, 0);
    assert_eq!(*asked.lock().unwrap(), [3]);
}
