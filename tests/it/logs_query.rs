//! `logs query` (Logs Insights): the happy path against moto_server; the states moto cannot
//! produce (Running with partial results, Failed, Cancelled, a syntax error) against a small
//! fake of StartQuery/GetQueryResults that follows the API reference and insists on times
//! in epoch seconds.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Value, json};

use crate::harness::{Sandbox, run};
use crate::logs::{create_group, put, seed_client};
use crate::python::Moto;

#[tokio::test(flavor = "multi_thread")]
async fn query_against_moto_returns_the_rows() {
    let moto = Moto::start();
    let client = seed_client(&moto);
    create_group(&client, "/cruddur/backend-flask").await;
    let now = jiff::Timestamp::now().as_millisecond();
    let events: Vec<(i64, String)> = (0..6)
        .map(|i| (now - 60_000 + i * 1000, format!("GET /api/{i}")))
        .collect();
    put(&client, "/cruddur/backend-flask", "i-1", &events).await;

    let sandbox = Sandbox::new();
    let out = run(sandbox.cmd().env("AWS_ENDPOINT_URL", &moto.endpoint).args([
        "logs",
        "query",
        "fields @message | sort @timestamp desc | limit 3",
        "-g",
        "/cruddur/backend-flask",
        "--since",
        "10m",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let messages: Vec<&str> = rows
        .iter()
        .map(|r| r["@message"].as_str().unwrap())
        .collect();
    assert_eq!(messages, ["GET /api/5", "GET /api/4", "GET /api/3"]);

    let missing = run(sandbox.cmd().env("AWS_ENDPOINT_URL", &moto.endpoint).args([
        "logs",
        "query",
        "fields @message",
        "-g",
        "/cruddur/backend-flsk",
    ]));
    assert_eq!(missing.code, 1);
    assert_eq!(
        missing.stderr,
        "error: log group /cruddur/backend-flsk not found in us-east-1\nhint: did you mean /cruddur/backend-flask? (tracectl logs groups lists them)\n"
    );
}

#[derive(Default)]
struct Insights {
    /// query id -> (query string, polls so far)
    queries: HashMap<String, (String, u32)>,
    time_units_ok: bool,
}

fn aws_json(status: StatusCode, body: Value) -> Response {
    Response::builder()
        .status(status)
        .header("content-type", "application/x-amz-json-1.1")
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn row(fields: &[(&str, &str)]) -> Value {
    Value::Array(
        fields
            .iter()
            .map(|(f, v)| json!({"field": f, "value": v}))
            .collect(),
    )
}

async fn insights(state: Arc<Mutex<Insights>>, headers: HeaderMap, body: Bytes) -> Response {
    let target = headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let request: Value = serde_json::from_slice(&body).unwrap_or_default();
    let mut state = state.lock().unwrap();
    match target.rsplit('.').next().unwrap_or("") {
        "StartQuery" => {
            let query = request["queryString"].as_str().unwrap_or("").to_string();
            let (start, end) = (
                request["startTime"].as_i64().unwrap_or(0),
                request["endTime"].as_i64().unwrap_or(0),
            );
            // Insights takes epoch seconds: milliseconds would be 1000 times too large.
            state.time_units_ok = start < 100_000_000_000 && end < 100_000_000_000 && start <= end;
            if !state.time_units_ok {
                return aws_json(
                    StatusCode::BAD_REQUEST,
                    json!({"__type": "InvalidParameterException", "message": "startTime out of range"}),
                );
            }
            if query.contains("|| oops") {
                return aws_json(
                    StatusCode::BAD_REQUEST,
                    json!({"__type": "MalformedQueryException", "message": "unexpected symbol found || at line 1 and position 16"}),
                );
            }
            let id = format!("q-{}", state.queries.len() + 1);
            state.queries.insert(id.clone(), (query, 0));
            aws_json(StatusCode::OK, json!({"queryId": id}))
        }
        "GetQueryResults" => {
            let id = request["queryId"].as_str().unwrap_or("");
            let Some((query, polls)) = state.queries.get_mut(id) else {
                return aws_json(
                    StatusCode::BAD_REQUEST,
                    json!({"__type": "ResourceNotFoundException", "message": "query not found"}),
                );
            };
            *polls += 1;
            let stats =
                json!({"recordsMatched": 3.0, "recordsScanned": 120.0, "bytesScanned": 9000.0});
            let first = row(&[
                ("route", "/api/activities/home"),
                ("count", "41"),
                ("@ptr", "abc"),
            ]);
            let all = vec![
                first.clone(),
                row(&[("route", "/api/messages"), ("count", "17"), ("@ptr", "def")]),
                row(&[
                    ("route", "/api/health-check"),
                    ("count", "5"),
                    ("@ptr", "ghi"),
                ]),
            ];
            let (status, results) = if query.contains("FAILS") && *polls >= 2 {
                ("Failed", vec![])
            } else if query.contains("CANCELLED") && *polls >= 2 {
                ("Cancelled", vec![])
            } else if *polls < 3 {
                ("Running", vec![first])
            } else {
                ("Complete", all)
            };
            aws_json(
                StatusCode::OK,
                json!({"status": status, "results": results, "statistics": stats}),
            )
        }
        other => aws_json(
            StatusCode::BAD_REQUEST,
            json!({"__type": "UnknownOperationException", "message": other}),
        ),
    }
}

fn fake_insights() -> (String, Arc<Mutex<Insights>>, crate::harness::Background) {
    let state = Arc::new(Mutex::new(Insights::default()));
    let shared = state.clone();
    let app = Router::new()
        .fallback(move |headers: HeaderMap, body: Bytes| insights(shared.clone(), headers, body));
    let server = crate::harness::serve(app);
    (format!("http://{}", server.addr), state, server)
}

#[test]
fn polls_through_running_with_partial_results_until_complete() {
    let (endpoint, state, _stop) = fake_insights();
    let sandbox = Sandbox::new();
    let query = "stats count(*) as count by route | sort count desc";
    let out = run(sandbox
        .cmd()
        .env("AWS_ENDPOINT_URL", &endpoint)
        .args(["logs", "query", query, "-g", "/a", "-g", "/b"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(state.lock().unwrap().time_units_ok);
    assert_eq!(
        state.lock().unwrap().queries["q-1"].1,
        3,
        "polled until Complete"
    );
    assert_eq!(
        out.stdout,
        " ROUTE                 COUNT\n /api/activities/home  41\n /api/messages         17\n /api/health-check     5\n"
    );
    assert_eq!(out.stderr, "3 rows; 3 records matched of 120 scanned\n");

    let json = run(sandbox
        .cmd()
        .env("AWS_ENDPOINT_URL", &endpoint)
        .args(["logs", "query", query, "-g", "/a", "-o", "json"]));
    let rows: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        rows[0],
        json!({"route": "/api/activities/home", "count": "41"})
    );
    assert_eq!(rows.as_array().unwrap().len(), 3);
}

#[test]
fn failed_cancelled_and_malformed_queries_are_errors_naming_the_status() {
    let (endpoint, _state, _stop) = fake_insights();
    let sandbox = Sandbox::new();
    for (query, status) in [
        ("fields @message FAILS", "Failed"),
        ("fields @message CANCELLED", "Cancelled"),
    ] {
        let out = run(sandbox
            .cmd()
            .env("AWS_ENDPOINT_URL", &endpoint)
            .args(["logs", "query", query, "-g", "/a"]));
        assert_eq!(out.code, 1, "{query}");
        assert_eq!(out.stdout, "");
        assert_eq!(
            out.stderr.lines().next().unwrap(),
            format!("error: the Logs Insights query ended with status {status}")
        );
    }
    let bad = run(sandbox.cmd().env("AWS_ENDPOINT_URL", &endpoint).args([
        "logs",
        "query",
        "fields @message || oops",
        "-g",
        "/a",
    ]));
    assert_eq!(bad.code, 1);
    assert_eq!(
        bad.stderr.lines().next().unwrap(),
        "error: Logs Insights refused the query: unexpected symbol found || at line 1 and position 16"
    );
}
