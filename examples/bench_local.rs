//! The measuring half of scripts/bench-local: ingest into a running `tracectl local listen`
//! (release build) in one run, beside the physical limit of the same rows written by a bare
//! rusqlite insert loop on the same machine.
//!
//! - OTLP/HTTP: gzip protobuf batches of 512 spans from 4 concurrent senders, each sending one
//!   export at a time and honouring `Retry-After` (as BatchSpanProcessor and the OTLP
//!   exporter do); spans stored per second, the listener's CPU per span, its peak RSS.
//! - X-Ray: segment documents over UDP at a fixed rate; segments stored vs sent (drops).
//! - Floor: the same span records stored by `Store::insert` (the collector's own statement,
//!   512 rows a transaction) with no network, decoding or queues in between.
//!
//!     cargo run --release --example bench_local -- target/release/tracectl

#![allow(clippy::unwrap_used, clippy::print_stdout)]

mod common;

use common::flask::{BATCH, batch, kv, s};
use common::{free_port, gzip};

use std::io::{BufRead, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::trace::v1::{ResourceSpans, ScopeSpans, Span};
use prost::Message;

const SENDERS: usize = 4;
const BATCHES_PER_SENDER: usize = 250; // 4 x 250 x 512 = 512,000 spans
const XRAY_RATE: u64 = 20_000; // segments a second
const XRAY_SECONDS: u64 = 5;

/// user+sys CPU seconds and peak RSS (MB) of a process, from /proc.
fn cpu_and_peak(pid: u32) -> (f64, f64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap()
        .split_whitespace()
        .collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let hwm_kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap()
        .parse()
        .unwrap();
    (ticks / 100.0, hwm_kb / 1024.0)
}

fn count(db: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM spans", [], |r| r.get(0))
        .unwrap_or(0)
}

fn wait_for(db: &std::path::Path, n: i64, within: Duration) -> Instant {
    let deadline = Instant::now() + within;
    loop {
        if count(db) >= n {
            return Instant::now();
        }
        assert!(
            Instant::now() < deadline,
            "only {} of {n} stored",
            count(db)
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

struct Listener {
    child: Child,
    http: u16,
    xray: u16,
}

fn start(tracectl: &str, db: &std::path::Path) -> Listener {
    let (http, xray) = (free_port(), free_port());
    let child = Command::new(tracectl)
        .args(["local", "listen", "--no-otlp-grpc", "--db"])
        .arg(db)
        .args(["--otlp-http", &format!("127.0.0.1:{http}")])
        .args(["--xray", &format!("127.0.0.1:{xray}")])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while std::net::TcpStream::connect(("127.0.0.1", http)).is_err() {
        std::thread::sleep(Duration::from_millis(20));
    }
    Listener { child, http, xray }
}

/// A request that unpacks to 64 MiB: one span whose attribute is 64 MiB less a little,
/// gzip-compressed to about 64 KB (the bomb).
fn bomb() -> Vec<u8> {
    let now = jiff::Timestamp::now().as_nanosecond() as u64;
    let request = ExportTraceServiceRequest {
        resource_spans: vec![ResourceSpans {
            scope_spans: vec![ScopeSpans {
                spans: vec![Span {
                    trace_id: vec![7; 16],
                    span_id: vec![7; 8],
                    name: "bomb".into(),
                    start_time_unix_nano: now - 1_000,
                    end_time_unix_nano: now,
                    attributes: vec![kv("blob", s(&"x".repeat(64 * 1024 * 1024 - 4096)))],
                    ..Default::default()
                }],
                ..Default::default()
            }],
            ..Default::default()
        }],
    };
    gzip(&request.encode_to_vec())
}

/// RSS now (MB) of a process.
fn rss(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap()
        .parse()
        .unwrap();
    kb / 1024.0
}

/// A fresh listener's RSS at rest, its peak under 32 bombs at once, its RSS 5 s after,
/// and how the 32 were answered.
async fn bombs(tracectl: &str, dir: &std::path::Path) -> (f64, f64, f64, String) {
    let mut listener = start(tracectl, &dir.join("bombs.db"));
    let pid = listener.child.id();
    std::thread::sleep(Duration::from_millis(500));
    let at_rest = rss(pid);
    let body = bomb();
    let url = format!("http://127.0.0.1:{}/v1/traces", listener.http);
    #[allow(clippy::disallowed_methods)] // the benchmark's senders, not tracectl's client
    let http = reqwest::Client::new();
    let sent: Vec<_> = (0..32)
        .map(|_| {
            let request = http
                .post(&url)
                .header("content-type", "application/x-protobuf")
                .header("content-encoding", "gzip")
                .body(body.clone())
                .send();
            tokio::spawn(async move { request.await.map(|r| r.status().as_u16()).unwrap_or(0) })
        })
        .collect();
    let mut answers = std::collections::BTreeMap::new();
    for answer in sent {
        *answers.entry(answer.await.unwrap()).or_insert(0) += 1;
    }
    let (_, peak) = cpu_and_peak(pid);
    std::thread::sleep(Duration::from_secs(5));
    let after = rss(pid);
    listener.child.kill().unwrap();
    listener.child.wait().unwrap();
    let answers = answers
        .iter()
        .map(|(status, n)| format!("{n} x {status}"))
        .collect::<Vec<_>>()
        .join(", ");
    (at_rest, peak, after, answers)
}

/// Kills the listener with SIGKILL at a moment of a burst from 4 senders and counts the
/// spans answered 200 that are not in the database. Returns (acknowledged, missing).
async fn kill_round(tracectl: &str, db: &std::path::Path, kill_after: Duration) -> (usize, usize) {
    let mut listener = start(tracectl, db);
    let url = Arc::new(format!("http://127.0.0.1:{}/v1/traces", listener.http));
    #[allow(clippy::disallowed_methods)] // the benchmark's senders, not tracectl's client
    let http = reqwest::Client::new();
    let senders: Vec<_> = (0..SENDERS)
        .map(|sender| {
            let (http, url) = (http.clone(), url.clone());
            tokio::spawn(async move {
                let mut acked = Vec::new();
                for n in 0..BATCHES_PER_SENDER {
                    let answer = http
                        .post(url.as_str())
                        .header("content-type", "application/x-protobuf")
                        .header("content-encoding", "gzip")
                        .body(gzip(&batch(sender, n)))
                        .send()
                        .await;
                    match answer {
                        Ok(r) if r.status().is_success() => acked.push((sender, n)),
                        Ok(_) => tokio::time::sleep(Duration::from_millis(100)).await,
                        Err(_) => break, // killed
                    }
                }
                acked
            })
        })
        .collect();
    tokio::time::sleep(kill_after).await;
    listener.child.kill().unwrap();
    listener.child.wait().unwrap();
    let mut acknowledged = Vec::new();
    for sender in senders {
        for (sender, n) in sender.await.unwrap() {
            acknowledged.extend(
                (0..BATCH)
                    .map(|i| format!("{:016x}", (sender * 1_000_000 + n * BATCH + i) as u64 + 1)),
            );
        }
    }
    let conn = rusqlite::Connection::open(db).unwrap();
    let stored: std::collections::HashSet<String> = conn
        .prepare("SELECT span_id FROM spans")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let missing = acknowledged
        .iter()
        .filter(|id| !stored.contains(*id))
        .count();
    (acknowledged.len(), missing)
}

/// One sender process: its batches, gzip, one export at a time, a 503 retried after the
/// `Retry-After` it names, as the OpenTelemetry SDK's exporter does (the Python SDK sleeps
/// for it). Says `ready` once its batches are built and starts on a line from stdin (so the
/// clock measures sending, not building); prints how many exports were asked to retry.
async fn send(url: &str, sender: usize) {
    let bodies: Vec<Vec<u8>> = (0..BATCHES_PER_SENDER)
        .map(|n| gzip(&batch(sender, n)))
        .collect();
    println!("ready");
    let mut go = String::new();
    std::io::stdin().read_line(&mut go).unwrap();
    #[allow(clippy::disallowed_methods)] // the benchmark's senders, not tracectl's client
    let http = reqwest::Client::new();
    let mut retried = 0;
    for body in bodies {
        retried += common::export(&http, url, &body).await;
    }
    println!("{retried}");
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("send") {
        return send(&args[2], args[3].parse().unwrap()).await;
    }
    let tracectl = args.get(1).expect("path to the tracectl binary").clone();
    let dir = tempfile::tempdir().unwrap();

    // ---- OTLP/HTTP ----
    let db = dir.path().join("otlp.db");
    let listener = start(&tracectl, &db);
    let pid = listener.child.id();
    let url = format!("http://127.0.0.1:{}/v1/traces", listener.http);
    // Each sender is a process of its own, as four app processes are; each builds its
    // batches before the clock starts.
    let mut senders: Vec<(Child, std::io::BufReader<std::process::ChildStdout>)> = (0..SENDERS)
        .map(|sender| {
            let mut child = Command::new(std::env::current_exe().unwrap())
                .args(["send", &url, &sender.to_string()])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .unwrap();
            let said = std::io::BufReader::new(child.stdout.take().unwrap());
            (child, said)
        })
        .collect();
    let mut line = String::new();
    for (_, said) in &mut senders {
        line.clear();
        said.read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "ready");
    }
    let (cpu_before, _) = cpu_and_peak(pid);
    let started = Instant::now();
    for (child, _) in &mut senders {
        child.stdin.as_mut().unwrap().write_all(b"go\n").unwrap();
    }
    let mut retried = 0u64;
    for (mut child, mut said) in senders {
        line.clear();
        said.read_to_string(&mut line).unwrap();
        assert!(child.wait().unwrap().success());
        retried += line.trim().parse::<u64>().unwrap();
    }
    let total = (SENDERS * BATCHES_PER_SENDER * BATCH) as i64;
    let done = wait_for(&db, total, Duration::from_secs(120));
    let elapsed = done.duration_since(started).as_secs_f64();
    let (cpu_after, peak_otlp) = cpu_and_peak(pid);
    let otlp_rate = total as f64 / elapsed;
    let cpu_per_span_us = (cpu_after - cpu_before) / total as f64 * 1e6;

    // ---- X-Ray over UDP ----
    let udp = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let daemon = ("127.0.0.1", listener.xray);
    let header = "{\"format\":\"json\",\"version\":1}\n";
    let sent = XRAY_RATE * XRAY_SECONDS;
    let started = Instant::now();
    for i in 0..sent {
        // Paced: segment i leaves at i / rate.
        let due = started + Duration::from_secs_f64(i as f64 / XRAY_RATE as f64);
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        let t = jiff::Timestamp::now().as_microsecond() as f64 / 1e6;
        let doc = format!(
            "{header}{{\"trace_id\":\"1-6b04d9b5-{i:024x}\",\"id\":\"{:016x}\",\"name\":\"backend-flask\",\"start_time\":{:.6},\"end_time\":{t:.6},\"http\":{{\"request\":{{\"method\":\"GET\",\"url\":\"http://localhost/api/activities/home\"}},\"response\":{{\"status\":200}}}}}}",
            i + 1,
            t - 0.003
        );
        udp.send_to(doc.as_bytes(), daemon).unwrap();
    }
    let send_seconds = started.elapsed().as_secs_f64();
    std::thread::sleep(Duration::from_secs(2));
    let stored_xray = count(&db) - total;
    let (_, peak) = cpu_and_peak(pid);
    let _ = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status();
    let out = listener.child.wait_with_output().unwrap();
    let totals = String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string();

    // ---- the floor: the same records, a bare insert loop ----
    let floor_db = dir.path().join("floor.db");
    let mut store = tracectl::clients::store::Store::open(&floor_db).unwrap();
    let now_ns = jiff::Timestamp::now().as_nanosecond() as i64;
    let records: Vec<Vec<tracectl::model::span::SpanRecord>> = (0..SENDERS)
        .flat_map(|sender| (0..BATCHES_PER_SENDER).map(move |n| (sender, n)))
        .map(|(sender, n)| {
            let request = ExportTraceServiceRequest::decode(batch(sender, n).as_slice()).unwrap();
            tracectl::model::otlp::convert(request, now_ns).records
        })
        .collect();
    let started = Instant::now();
    for chunk in &records {
        let refs: Vec<&_> = chunk.iter().collect();
        store.insert(&refs).unwrap();
    }
    let floor_rate = total as f64 / started.elapsed().as_secs_f64();

    println!(
        "| {} spans, OTLP/HTTP gzip protobuf, {SENDERS} sender processes x batches of {BATCH}, Retry-After honoured | spans stored / s | CPU per span | peak RSS |",
        total
    );
    println!("|---|---|---|---|");
    println!(
        "| `tracectl local listen` (receive, decode, map, store) | {otlp_rate:.0} | {cpu_per_span_us:.1} µs | {peak_otlp:.0} MB |"
    );
    println!("| bare rusqlite insert loop, same rows and statement | {floor_rate:.0} | | |");
    println!(
        "| ratio | {:.2}x of the floor | | |",
        otlp_rate / floor_rate
    );
    println!();
    println!(
        "X-Ray over UDP: {sent} segments sent at {:.0}/s, {stored_xray} stored ({} dropped); peak RSS over the whole run {peak:.0} MB",
        sent as f64 / send_seconds,
        sent as i64 - stored_xray
    );
    println!();
    println!("The listener's totals: {totals}; {retried} exports asked to retry");

    // ---- memory under bombs ----
    let (at_rest, peak, after, answers) = bombs(&tracectl, dir.path()).await;
    println!();
    println!(
        "32 concurrent requests each unpacking to 64 MiB: RSS at rest {at_rest:.0} MB, peak {peak:.0} MB, 5 s after {after:.0} MB; answered {answers}"
    );

    // ---- kill -9 mid-burst, five times ----
    println!();
    let nanos = jiff::Timestamp::now().subsec_nanosecond() as u64;
    for round in 0..5u64 {
        // A moment between 0.3 s and 2.3 s into the burst, different each run.
        let at = Duration::from_millis(300 + (nanos / 7 + round * 7919) % 2000);
        let db = dir.path().join(format!("kill-{round}.db"));
        let (acked, missing) = kill_round(&tracectl, &db, at).await;
        println!(
            "kill -9 after {:.2} s: {acked} spans acknowledged, {missing} missing from the database",
            at.as_secs_f64()
        );
    }
}
