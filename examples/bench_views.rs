//! The measuring half of scripts/bench-views: the local views over 1,000,000 stored spans
//! (500,000 two-span requests over the last 23 hours, a server span and its database call),
//! each timed as a whole process (median of 5), beside the same question asked of the same
//! file by the `sqlite3` shell (the floor).
//!
//!     cargo run --release --example bench_views -- target/release/tracectl

#![allow(clippy::unwrap_used, clippy::print_stdout)]

use std::process::{Command, Stdio};
use std::time::Instant;

mod common;

use common::filled::{SPANS_PER_TRACE, TRACES, store};

const RUNS: usize = 5;

/// Median wall time of `runs` runs of a command, in seconds.
fn median(mut command: impl FnMut() -> Command) -> f64 {
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            let status = command()
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .unwrap();
            assert!(status.success());
            started.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[RUNS / 2]
}

fn main() {
    let tracectl = std::env::args()
        .nth(1)
        .expect("path to the tracectl binary");
    let dir = tempfile::tempdir().unwrap();
    let now_ns = jiff::Timestamp::now().as_nanosecond() as i64;
    let db = store(dir.path(), now_ns);
    let db_arg = db.to_str().unwrap().to_string();
    let tc = |args: &[&str]| {
        let (tracectl, db_arg) = (tracectl.clone(), db_arg.clone());
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        move || {
            let mut c = Command::new(&tracectl);
            c.arg("local").args(&args).args(["--db", &db_arg]);
            c
        }
    };
    let sq = |sql: &str| {
        let (db_arg, sql) = (db_arg.clone(), sql.to_string());
        move || {
            let mut c = Command::new("sqlite3");
            c.arg(&db_arg).arg(&sql);
            c
        }
    };
    let day_ns = 86_400_000_000_000i64;
    let trace_id = format!("{:016x}{:016x}", TRACES / 2, 0x6b04_d9b5_u64);
    let rows = [
        (
            "`local traces --since 24h`",
            median(tc(&["traces", "--since", "24h"])),
            "roots of the day, percentiles by route",
            median(sq(&format!(
                "SELECT http_route, count(*), max(end_ns - start_ns) FROM spans WHERE parent_id IS NULL AND start_ns >= {} GROUP BY http_route",
                now_ns - day_ns
            ))),
        ),
        (
            "`local query -c 'P99(duration_ms)' -b http.route`",
            median(tc(&[
                "query",
                "-c",
                "P99(duration_ms)",
                "-b",
                "http.route",
                "--since",
                "24h",
                "--no-series",
            ])),
            "each span's route and duration (what tracectl reads)",
            median(sq(&format!(
                "SELECT attributes -> '$.\"http.route\"', (end_ns - start_ns) / 1e6 FROM spans WHERE start_ns >= {}",
                now_ns - day_ns
            ))),
        ),
        (
            "`local services --since 24h`",
            median(tc(&["services", "--since", "24h"])),
            "spans of the day by service and kind",
            median(sq(&format!(
                "SELECT service, kind, remote_service, count(*), sum(status <> 'ok') FROM spans WHERE start_ns >= {} GROUP BY 1, 2, 3",
                now_ns - day_ns
            ))),
        ),
        (
            "`local stats`",
            median(tc(&["stats"])),
            "spans and traces by service",
            median(sq(
                "SELECT service, count(*), count(DISTINCT trace_id) FROM spans GROUP BY service",
            )),
        ),
        (
            "`local trace ID`",
            median(tc(&["trace", &trace_id])),
            "one trace's spans",
            median(sq(&format!(
                "SELECT * FROM spans WHERE trace_id = '{trace_id}'"
            ))),
        ),
    ];
    println!();
    println!(
        "| over {} spans ({} traces) | tracectl | `sqlite3` by hand | the floor's question |",
        TRACES * SPANS_PER_TRACE,
        TRACES
    );
    println!("|---|---|---|---|");
    for (command, ours, what, floor) in rows {
        println!(
            "| {command} | {:.0} ms | {:.0} ms | {what} |",
            ours * 1000.0,
            floor * 1000.0
        );
    }
}
