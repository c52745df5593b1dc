//! What the benchmarks' senders share: gzip, a free port, and an OTLP export sent as the
//! SDK's exporter sends it.

#![allow(dead_code)] // each benchmark uses what it needs

pub mod filled;
pub mod flask;

use std::time::Duration;

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Sends one gzip protobuf OTLP export until it is answered 200, a 503 retried after the
/// `Retry-After` it names (as the OpenTelemetry SDK's exporter does; the Python SDK sleeps
/// for it); how many times it was asked to retry.
pub async fn export(http: &reqwest::Client, url: &str, body: &[u8]) -> u64 {
    let mut retried = 0;
    loop {
        let r = http
            .post(url)
            .header("content-type", "application/x-protobuf")
            .header("content-encoding", "gzip")
            .body(body.to_vec())
            .send()
            .await
            .unwrap();
        if r.status().is_success() {
            return retried;
        }
        assert_eq!(r.status(), 503);
        retried += 1;
        let wait: u64 = r
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        tokio::time::sleep(Duration::from_secs(wait)).await;
    }
}
