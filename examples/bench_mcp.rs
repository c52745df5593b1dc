//! The measuring half of scripts/bench-mcp: `tracectl mcp` (release build) as an agent's
//! client meets it — a process started, `initialize` answered — and a `trace` call over a
//! store of 1,000,000 spans (the store of scripts/bench-views), each the median of 20
//! over raw JSON-RPC lines on the child's stdin/stdout.
//!
//!     cargo run --release --example bench_mcp -- target/release/tracectl

#![allow(clippy::unwrap_used, clippy::print_stdout)]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Instant;

use common::filled::{SPANS_PER_TRACE, TRACES, store};
use serde_json::{Value, json};

const RUNS: usize = 20;

fn median(mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[times.len() - 1])
}

fn main() {
    let tracectl = std::env::args()
        .nth(1)
        .expect("path to the tracectl binary");
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path(), jiff::Timestamp::now().as_nanosecond() as i64);
    let trace_id = format!("{:016x}{:016x}", TRACES / 2, 0x6b04_d9b5_u64);
    let (mut starts, mut calls) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let started = Instant::now();
        let mut child = Command::new(&tracectl)
            .args(["mcp", "--db", db.to_str().unwrap()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        let mut send = |m: Value| writeln!(stdin, "{m}").unwrap();
        send(
            json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {},
            "clientInfo": {"name": "bench", "version": "1"}}}),
        );
        stdout.read_line(&mut line).unwrap();
        starts.push(started.elapsed().as_secs_f64());
        send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
        let asked = Instant::now();
        send(json!({"jsonrpc": "2.0", "id": 2, "method": "tools/call",
            "params": {"name": "trace", "arguments": {"id": trace_id}}}));
        line.clear();
        stdout.read_line(&mut line).unwrap();
        calls.push(asked.elapsed().as_secs_f64());
        let answer: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(answer["result"]["isError"], false, "{line}");
        assert_eq!(
            answer["result"]["structuredContent"]["spans"][0]["children"]
                .as_array()
                .unwrap()
                .len() as i64,
            SPANS_PER_TRACE - 1
        );
        drop(stdin);
        child.wait().unwrap();
    }
    let (start, start_max) = median(starts);
    let (call, call_max) = median(calls);
    println!();
    println!(
        "| `tracectl mcp`, {} spans in the store (median of {RUNS}; slowest) | measured | goal |",
        TRACES * SPANS_PER_TRACE
    );
    println!("|---|---|---|");
    println!(
        "| process start to `initialize` answered | {:.1} ms ({:.1} ms) | < 50 ms |",
        start * 1000.0,
        start_max * 1000.0
    );
    println!(
        "| a `trace` call answered | {:.1} ms ({:.1} ms) | < 50 ms |",
        call * 1000.0,
        call_max * 1000.0
    );
}
