//! The measuring half of scripts/bench-twin: the local twin's log paths, release build, in
//! one run, each beside its floor measured in the same run.
//!
//! - OTLP logs: gzip protobuf batches of 512 records from 4 sender processes, one export at
//!   a time each, a 503 retried after the `Retry-After` it names (as the SDK's exporter).
//! - PutLogEvents: batches of 10,000 events from 4 sender processes, one call at a time
//!   each, a `ThrottlingException` retried after boto3's standard backoff (a random wait
//!   of up to 2^attempt seconds).
//! - Floor: the same records written by `Store::commit` (the collector's own statement and
//!   indexes, one batch a transaction) with no network, decoding or queues.
//! - `local logs --trace ID` over 1,000,000 stored lines, as a whole process, beside the
//!   `sqlite3` shell asking the same file for the same rows.
//! - `local logs -f`: from an OTLP export's 200 to the line on the follower's stdout.
//!
//!     cargo run --release --example bench_twin -- target/release/tracectl

#![allow(clippy::unwrap_used, clippy::print_stdout)]

mod common;

use common::{free_port, gzip};

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use opentelemetry_proto::tonic::collector::logs::v1::ExportLogsServiceRequest;
use opentelemetry_proto::tonic::common::v1::{AnyValue, InstrumentationScope, KeyValue, any_value};
use opentelemetry_proto::tonic::logs::v1::{LogRecord, ResourceLogs, ScopeLogs};
use opentelemetry_proto::tonic::resource::v1::Resource;
use prost::Message;

const OTLP_BATCH: usize = 512;
const CLOUDWATCH_BATCH: usize = 10_000;
const SENDERS: usize = 4;
const OTLP_BATCHES_PER_SENDER: usize = 250; // 4 x 250 x 512 = 512,000 records
const CLOUDWATCH_BATCHES_PER_SENDER: usize = 13; // 4 x 13 x 10,000 = 520,000 events
const STORED_LINES: usize = 1_000_000;
const LINES_PER_TRACE: usize = 20;

fn kv(key: &str, value: &str) -> KeyValue {
    KeyValue {
        key: key.into(),
        value: Some(AnyValue {
            value: Some(any_value::Value::StringValue(value.into())),
        }),
        ..Default::default()
    }
}

/// The trace id of request `n`: random-looking, as the SDKs' ids are (W3C ids are 128
/// random bits, so a database indexing them gets them in no order at all).
fn trace_id(n: u64) -> [u8; 16] {
    // splitmix64: a fixed, well-mixed sequence, so a run can be repeated.
    let mix = |mut z: u64| {
        z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut id = [0u8; 16];
    id[..8].copy_from_slice(&mix(n).to_be_bytes());
    id[8..].copy_from_slice(&mix(n ^ 0x6b04_d9b5).to_be_bytes());
    id
}

/// One export as a Flask app's BatchLogRecordProcessor sends it: 512 request log lines,
/// each in its request's trace and span.
fn otlp_batch(sender: usize, n: usize) -> Vec<u8> {
    let now = jiff::Timestamp::now().as_nanosecond() as u64;
    let records = (0..OTLP_BATCH)
        .map(|i| {
            let request = (sender * 1_000_000 + n * OTLP_BATCH + i) as u64;
            LogRecord {
                time_unix_nano: now - 1_000,
                observed_time_unix_nano: now,
                severity_number: 9,
                severity_text: "INFO".into(),
                body: Some(AnyValue {
                    value: Some(any_value::Value::StringValue(format!(
                        "GET /api/activities/home 200 in 3 ms (request {request})"
                    ))),
                }),
                attributes: vec![kv("code.function", "home"), kv("user", "andrewbrown")],
                trace_id: trace_id(request).to_vec(),
                span_id: (request + 1).to_be_bytes().to_vec(),
                ..Default::default()
            }
        })
        .collect();
    ExportLogsServiceRequest {
        resource_logs: vec![ResourceLogs {
            resource: Some(Resource {
                attributes: vec![kv("service.name", "backend-flask")],
                ..Default::default()
            }),
            scope_logs: vec![ScopeLogs {
                scope: Some(InstrumentationScope {
                    name: "backend-flask".into(),
                    ..Default::default()
                }),
                log_records: records,
                ..Default::default()
            }],
            ..Default::default()
        }],
    }
    .encode_to_vec()
}

/// One PutLogEvents call as Watchtower makes it: 10,000 lines of one stream, sorted, each
/// naming its trace.
fn cloudwatch_batch(sender: usize, n: usize) -> Vec<u8> {
    let now = jiff::Timestamp::now().as_millisecond();
    let events: Vec<serde_json::Value> = (0..CLOUDWATCH_BATCH)
        .map(|i| {
            let request = sender * 1_000_000 + n * CLOUDWATCH_BATCH + i;
            serde_json::json!({
                "timestamp": now - 1_000,
                // 10,000 events fit CloudWatch's 1 MB only at under 79 bytes each.
                "message": format!(
                    "{} GET /api/home 200 3 ms r{request}",
                    hex::encode(trace_id(request as u64))
                ),
            })
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({
        "logGroupName": "/cruddur/backend-flask",
        "logStreamName": format!("sender-{sender}"),
        "logEvents": events,
    }))
    .unwrap()
}

fn count(db: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM logs", [], |r| r.get(0))
        .unwrap_or(0)
}

struct Listener {
    child: Child,
    http: u16,
    cloudwatch: u16,
}

fn start(tracectl: &str, db: &std::path::Path) -> Listener {
    let (http, cloudwatch) = (free_port(), free_port());
    let child = Command::new(tracectl)
        .args([
            "local",
            "listen",
            "--no-otlp-grpc",
            "--xray",
            "off",
            "--rollbar",
            "off",
        ])
        .arg("--db")
        .arg(db)
        .args(["--otlp-http", &format!("127.0.0.1:{http}")])
        .args(["--cloudwatch-logs", &format!("127.0.0.1:{cloudwatch}")])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    for port in [http, cloudwatch] {
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    Listener {
        child,
        http,
        cloudwatch,
    }
}

/// One OTLP sender process: its batches, one export at a time, 503s retried after
/// `Retry-After`. Prints how many were asked to retry.
async fn send_otlp(url: &str, sender: usize) {
    let bodies: Vec<Vec<u8>> = (0..OTLP_BATCHES_PER_SENDER)
        .map(|n| gzip(&otlp_batch(sender, n)))
        .collect();
    #[allow(clippy::disallowed_methods)] // the benchmark's senders, not tracectl's client
    let http = reqwest::Client::new();
    let mut retried = 0;
    let started = epoch_ns();
    for body in bodies {
        retried += common::export(&http, url, &body).await;
    }
    println!("{retried} {started} {}", epoch_ns());
}

fn epoch_ns() -> i128 {
    jiff::Timestamp::now().as_nanosecond()
}

async fn cloudwatch_call(
    http: &reqwest::Client,
    url: &str,
    operation: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    http.post(url)
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amz-target", format!("Logs_20140328.{operation}"))
        .body(body)
        .send()
        .await
        .unwrap()
}

/// One PutLogEvents sender process, as boto3 behind Watchtower: one call at a time, a
/// `ThrottlingException` retried after a random wait of up to 2^attempt s (boto3's standard
/// mode). Prints how many calls were throttled.
async fn send_cloudwatch(url: &str, sender: usize) {
    let bodies: Vec<Vec<u8>> = (0..CLOUDWATCH_BATCHES_PER_SENDER)
        .map(|n| cloudwatch_batch(sender, n))
        .collect();
    #[allow(clippy::disallowed_methods)] // the benchmark's senders, not tracectl's client
    let http = reqwest::Client::new();
    let stream = serde_json::json!({"logGroupName": "/cruddur/backend-flask",
                                    "logStreamName": format!("sender-{sender}")});
    let r = cloudwatch_call(
        &http,
        url,
        "CreateLogStream",
        stream.to_string().into_bytes(),
    )
    .await;
    assert!(r.status().is_success());
    let mut throttled = 0;
    let started = epoch_ns();
    for body in bodies {
        let mut attempt = 0u32;
        loop {
            let r = cloudwatch_call(&http, url, "PutLogEvents", body.clone()).await;
            if r.status().is_success() {
                let answer: serde_json::Value = r.json().await.unwrap();
                assert!(answer.get("rejectedLogEventsInfo").is_none(), "{answer}");
                break;
            }
            let answer: serde_json::Value = r.json().await.unwrap();
            assert_eq!(answer["__type"], "ThrottlingException", "{answer}");
            throttled += 1;
            attempt += 1;
            let wait = rand::random::<f64>() * f64::from(2u32.pow(attempt.min(4)));
            tokio::time::sleep(Duration::from_secs_f64(wait.min(20.0))).await;
        }
    }
    println!("{throttled} {started} {}", epoch_ns());
}

/// Runs `SENDERS` sender processes of `kind` against `url`, which send `sent` lines in
/// all, after which the database holds `stored`; (lines a second from the first request
/// to the last answer, exports asked to retry). Each sender builds its bodies before it
/// sends, off the clock.
fn ingest(kind: &str, url: &str, db: &std::path::Path, sent: i64, stored: i64) -> (f64, u64) {
    let senders: Vec<Child> = (0..SENDERS)
        .map(|sender| {
            Command::new(std::env::current_exe().unwrap())
                .args([kind, url, &sender.to_string()])
                .stdout(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut retried = 0u64;
    let (mut first, mut last) = (i128::MAX, i128::MIN);
    for sender in senders {
        let out = sender.wait_with_output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        let fields: Vec<i128> = text
            .split_whitespace()
            .map(|f| f.parse().unwrap())
            .collect();
        retried += fields[0] as u64;
        first = first.min(fields[1]);
        last = last.max(fields[2]);
    }
    // Every export was answered after its commit: they are all stored now.
    assert_eq!(count(db), stored);
    (sent as f64 / ((last - first) as f64 / 1e9), retried)
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// The median wall time (ms) of `runs` runs of a command.
fn time_command(runs: usize, mut command: impl FnMut() -> Command) -> f64 {
    let samples = (0..runs)
        .map(|_| {
            let started = Instant::now();
            let out = command().stdout(Stdio::null()).output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    median(samples)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("send-otlp") => return send_otlp(&args[2], args[3].parse().unwrap()).await,
        Some("send-cloudwatch") => {
            return send_cloudwatch(&args[2], args[3].parse().unwrap()).await;
        }
        _ => {}
    }
    let tracectl = args.get(1).expect("path to the tracectl binary").clone();
    let dir = tempfile::tempdir().unwrap();

    // ---- ingest: OTLP logs, then PutLogEvents, into one listener ----
    let db = dir.path().join("twin.db");
    let listener = start(&tracectl, &db);
    let otlp_total = (SENDERS * OTLP_BATCHES_PER_SENDER * OTLP_BATCH) as i64;
    let url = format!("http://127.0.0.1:{}/v1/logs", listener.http);
    let (otlp_rate, otlp_retried) = ingest("send-otlp", &url, &db, otlp_total, otlp_total);

    #[allow(clippy::disallowed_methods)] // the benchmark's client, not tracectl's
    let http = reqwest::Client::new();
    let url = format!("http://127.0.0.1:{}/", listener.cloudwatch);
    let group = serde_json::json!({"logGroupName": "/cruddur/backend-flask"});
    let r = cloudwatch_call(
        &http,
        &url,
        "CreateLogGroup",
        group.to_string().into_bytes(),
    )
    .await;
    assert!(r.status().is_success());
    let cloudwatch_total = (SENDERS * CLOUDWATCH_BATCHES_PER_SENDER * CLOUDWATCH_BATCH) as i64;
    let (cloudwatch_rate, throttled) = ingest(
        "send-cloudwatch",
        &url,
        &db,
        cloudwatch_total,
        otlp_total + cloudwatch_total,
    );

    // ---- local logs -f: from an export's 200 to the follower's line ----
    let mut follower = Command::new(&tracectl)
        .args([
            "local",
            "logs",
            "-f",
            "--format",
            "raw",
            "--grep",
            "follow-probe",
            "--db",
        ])
        .arg(&db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(follower.stdout.take().unwrap()).lines();
    std::thread::sleep(Duration::from_millis(500));
    let logs_url = format!("http://127.0.0.1:{}/v1/logs", listener.http);
    let mut latencies = Vec::new();
    for probe in 0..20 {
        let now = jiff::Timestamp::now().as_nanosecond() as u64;
        let body = ExportLogsServiceRequest {
            resource_logs: vec![ResourceLogs {
                scope_logs: vec![ScopeLogs {
                    log_records: vec![LogRecord {
                        time_unix_nano: now,
                        body: Some(AnyValue {
                            value: Some(any_value::Value::StringValue(format!(
                                "follow-probe {probe}"
                            ))),
                        }),
                        ..Default::default()
                    }],
                    ..Default::default()
                }],
                ..Default::default()
            }],
        }
        .encode_to_vec();
        let answer = http
            .post(&logs_url)
            .header("content-type", "application/x-protobuf")
            .body(body)
            .send()
            .await
            .unwrap();
        assert!(answer.status().is_success());
        let acknowledged = Instant::now();
        let line = lines.next().unwrap().unwrap();
        latencies.push(acknowledged.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(line, format!("follow-probe {probe}"));
        // Apart, so each probe waits out a poll of its own.
        std::thread::sleep(Duration::from_millis(137));
    }
    let _ = follower.kill();
    let _ = follower.wait();
    let follow_max = latencies.iter().copied().fold(0.0, f64::max);
    let follow_median = median(latencies);

    let _ = Command::new("kill")
        .args(["-INT", &listener.child.id().to_string()])
        .status();
    let out = listener.child.wait_with_output().unwrap();
    let totals = String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();

    // ---- the floor: the same records, written by the store directly ----
    use tracectl::clients::store::{Rows, Store};
    let floor_rate = |records: Vec<Vec<tracectl::model::local_log::LogRecord>>, name: &str| {
        let mut store = Store::open(&dir.path().join(name)).unwrap();
        let total: usize = records.iter().map(Vec::len).sum();
        let started = Instant::now();
        for batch in &records {
            store
                .commit(&Rows {
                    logs: batch.iter().collect(),
                    ..Rows::default()
                })
                .unwrap();
        }
        total as f64 / started.elapsed().as_secs_f64()
    };
    let now_ns = jiff::Timestamp::now().as_nanosecond() as i64;
    let otlp_records = (0..SENDERS)
        .flat_map(|sender| (0..OTLP_BATCHES_PER_SENDER).map(move |n| (sender, n)))
        .map(|(sender, n)| {
            let request =
                ExportLogsServiceRequest::decode(otlp_batch(sender, n).as_slice()).unwrap();
            tracectl::model::local_log::convert_logs(request, now_ns).records
        })
        .collect();
    let otlp_floor = floor_rate(otlp_records, "floor-otlp.db");
    let cloudwatch_records = (0..SENDERS)
        .flat_map(|sender| (0..CLOUDWATCH_BATCHES_PER_SENDER).map(move |n| (sender, n)))
        .map(|(sender, n)| {
            let body: serde_json::Value =
                serde_json::from_slice(&cloudwatch_batch(sender, n)).unwrap();
            body["logEvents"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    let message = e["message"].as_str().unwrap().to_string();
                    let (trace_id, span_id) = tracectl::model::local_log::ids_in_message(&message);
                    tracectl::model::local_log::LogRecord {
                        time_ns: e["timestamp"].as_i64().unwrap() * 1_000_000,
                        observed_ns: now_ns,
                        severity_number: None,
                        severity_text: None,
                        body: message,
                        trace_id,
                        span_id,
                        service: None,
                        scope: None,
                        group: Some("/cruddur/backend-flask".into()),
                        stream: Some(format!("sender-{sender}")),
                        attributes: serde_json::Map::new(),
                        resource: std::sync::Arc::default(),
                        source: tracectl::model::local_log::LogSource::Cloudwatch,
                    }
                })
                .collect()
        })
        .collect();
    let cloudwatch_floor = floor_rate(cloudwatch_records, "floor-cloudwatch.db");

    // ---- local logs --trace ID over 1,000,000 stored lines ----
    let big = dir.path().join("million.db");
    {
        let mut store = Store::open(&big).unwrap();
        let base = now_ns - 3_600_000_000_000;
        for chunk in 0..STORED_LINES / CLOUDWATCH_BATCH {
            let records: Vec<_> = (0..CLOUDWATCH_BATCH)
                .map(|i| {
                    let n = chunk * CLOUDWATCH_BATCH + i;
                    // Lines of a trace are written together, as a request's are.
                    let trace = (n / LINES_PER_TRACE) as u64;
                    tracectl::model::local_log::LogRecord {
                        time_ns: base + n as i64 * 1_000_000,
                        observed_ns: base + n as i64 * 1_000_000,
                        severity_number: Some(9),
                        severity_text: Some("INFO".into()),
                        body: format!("GET /api/activities/home step {}", n % LINES_PER_TRACE),
                        trace_id: Some(hex::encode(trace_id(trace))),
                        span_id: Some(format!("{:016x}", n + 1)),
                        service: Some("backend-flask".into()),
                        scope: Some("backend-flask".into()),
                        group: None,
                        stream: None,
                        attributes: serde_json::Map::new(),
                        resource: std::sync::Arc::default(),
                        source: tracectl::model::local_log::LogSource::Otlp,
                    }
                })
                .collect();
            store
                .commit(&Rows {
                    logs: records.iter().collect(),
                    ..Rows::default()
                })
                .unwrap();
        }
    }
    let wanted = hex::encode(trace_id((STORED_LINES / LINES_PER_TRACE / 2) as u64));
    let check = Command::new(&tracectl)
        .args(["local", "logs", "--trace", &wanted, "-o", "json", "--db"])
        .arg(&big)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&check.stdout).lines().count(),
        LINES_PER_TRACE
    );
    let trace_ms = time_command(15, || {
        let mut c = Command::new(&tracectl);
        c.args(["local", "logs", "--trace", &wanted, "-o", "json", "--db"])
            .arg(&big);
        c
    });
    // The floor asks what tracectl asks: the lines the trace index names and those after
    // its mark, by line number.
    let key = u64::from_str_radix(&wanted[..16], 16).unwrap() as i64;
    let sql = format!(
        "SELECT id, time_ns, body, trace_id, span_id FROM logs WHERE trace_id = '{wanted}' AND id IN \
         (SELECT id FROM log_trace_index WHERE trace_key = {key} UNION ALL \
          SELECT id FROM logs WHERE id > (SELECT id FROM log_index_mark) AND trace_id = '{wanted}') \
         ORDER BY time_ns, id;"
    );
    let sqlite_ms = time_command(15, || {
        let mut c = Command::new("sqlite3");
        c.arg("-readonly").arg(&big).arg(&sql);
        c
    });

    println!("| path | records stored / s | floor (same records, Store::commit) | ratio |");
    println!("|---|---|---|---|");
    println!(
        "| OTLP logs, {otlp_total} records, gzip protobuf, {SENDERS} senders x batches of {OTLP_BATCH}, Retry-After honoured | {otlp_rate:.0} | {otlp_floor:.0} | {:.2}x |",
        otlp_rate / otlp_floor
    );
    println!(
        "| PutLogEvents, {cloudwatch_total} events, {SENDERS} senders x batches of {CLOUDWATCH_BATCH}, throttling retried | {cloudwatch_rate:.0} | {cloudwatch_floor:.0} | {:.2}x |",
        cloudwatch_rate / cloudwatch_floor
    );
    println!();
    println!(
        "Asked to retry: {otlp_retried} OTLP exports, {throttled} PutLogEvents calls. The listener's totals: {totals}"
    );
    println!();
    println!(
        "`local logs --trace ID -o json` over {STORED_LINES} stored lines ({LINES_PER_TRACE} of them the trace's), whole process, median of 15: {trace_ms:.1} ms; the sqlite3 shell, same rows: {sqlite_ms:.1} ms ({:.2}x)",
        trace_ms / sqlite_ms
    );
    println!(
        "`local logs -f`: from an export's 200 to the line on stdout, 20 probes: median {follow_median:.0} ms, max {follow_max:.0} ms"
    );
}
