//! The fake X-Ray endpoint of the integration tests as a standalone server, for
//! `scripts/bench-xray`: `cargo run --release --example fake_xray -- --traces 10000
//! --hours 1 --latency-ms 0`. Prints `http://127.0.0.1:PORT` once listening.

#![allow(clippy::unwrap_used, clippy::print_stdout)]

#[path = "../tests/it/xray_fake.rs"]
mod xray_fake;

use std::time::Duration;

#[tokio::main]
async fn main() {
    let mut traces = 10_000usize;
    let mut hours = 1.0f64;
    let mut latency_ms = 0u64;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_default();
        match flag.as_str() {
            "--traces" => traces = value.parse().unwrap(),
            "--hours" => hours = value.parse().unwrap(),
            "--latency-ms" => latency_ms = value.parse().unwrap(),
            other => panic!("unknown flag {other}"),
        }
    }
    let fake = xray_fake::FakeXray::new(xray_fake::Options {
        latency: Duration::from_millis(latency_ms),
        ..Default::default()
    });
    let now = jiff::Timestamp::now().as_second() as f64;
    // A minute of slack at both ends: a `--since` window started a little later still
    // holds every trace.
    let end = now - 60.0;
    for trace in xray_fake::flask_traffic(traces, end - hours * 3600.0 + 120.0, end, 42) {
        fake.add_trace(trace);
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    println!("http://{}", listener.local_addr().unwrap());
    axum::serve(listener, fake.router()).await.unwrap();
}
