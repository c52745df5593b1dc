//! The measuring half of scripts/bench-writer: the listener's writer alone, what it costs
//! to commit the spans of scripts/bench-local (their JSON and keys made beforehand, as the
//! receivers make them; 16 exports a commit, as a burst groups them; the checkpointer
//! beside it as in the listener). Wall and CPU time per span vary by a quarter between runs
//! on a shared VM; under callgrind (`scripts/bench-writer --instructions`) the count of
//! instructions the commits run is the same to a few in a million, to weigh a change by.
//!
//!     cargo run --release --example writer_cost [-- ROUNDS EXPORTS_PER_SENDER]

#![allow(clippy::unwrap_used, clippy::print_stdout)]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use prost::Message;
use tracectl::clients::store::{Checkpointer, PreparedSpan, Rows, Store};
use tracectl::model::span::SpanRecord;

const SENDERS: usize = 4;
/// Exports a commit: 8,192 spans, the writer's most.
const EXPORTS_PER_COMMIT: usize = 16;

/// The CPU seconds this thread has run, from /proc.
fn thread_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap();
    let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
    (fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap()) / 100.0
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().unwrap())
        .collect();
    let rounds = args.first().copied().unwrap_or(5);
    let exports_per_sender = args.get(1).copied().unwrap_or(250);
    let spans = SENDERS * exports_per_sender * common::flask::BATCH;
    let now_ns = jiff::Timestamp::now().as_nanosecond() as i64;
    let mut cpu_per_span = Vec::new();
    for round in 0..rounds {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("traces.db");
        let mut store = Store::open(&path).unwrap();
        let exports: Vec<Vec<SpanRecord>> = (0..SENDERS)
            .flat_map(|sender| (0..exports_per_sender).map(move |n| (sender, n)))
            .map(|(sender, n)| {
                let body = common::flask::batch(sender, n);
                let request = ExportTraceServiceRequest::decode(body.as_slice()).unwrap();
                tracectl::model::otlp::convert(request, now_ns).records
            })
            .collect();
        let prepared: Vec<Vec<PreparedSpan>> = exports
            .iter()
            .map(|spans| spans.iter().map(PreparedSpan::of).collect())
            .collect();

        let checkpointer = Checkpointer::open(&path).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let checkpoints = std::thread::spawn(move || {
            while !stopping.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(200));
                let _ = checkpointer.checkpoint();
            }
        });
        let (cpu_before, started) = (thread_cpu(), Instant::now());
        for first in (0..exports.len()).step_by(EXPORTS_PER_COMMIT) {
            let mut rows = Rows::default();
            for n in first..(first + EXPORTS_PER_COMMIT).min(exports.len()) {
                rows.spans.extend(&exports[n]);
                rows.prepared.extend(&prepared[n]);
            }
            store.commit(&rows).unwrap();
        }
        let (cpu, wall) = (thread_cpu() - cpu_before, started.elapsed().as_secs_f64());
        stop.store(true, Ordering::Relaxed);
        checkpoints.join().unwrap();
        assert_eq!(store.count().unwrap() as usize, spans);
        let per_span = |seconds: f64| seconds * 1e6 / spans as f64;
        println!(
            "round {round}: {:.2} µs CPU and {:.2} µs wall a span",
            per_span(cpu),
            per_span(wall)
        );
        cpu_per_span.push(per_span(cpu));
    }
    cpu_per_span.sort_by(f64::total_cmp);
    println!(
        "{spans} spans a round: the writer's CPU a span, least {:.2} µs, median {:.2} µs",
        cpu_per_span[0],
        cpu_per_span[cpu_per_span.len() / 2]
    );
}
