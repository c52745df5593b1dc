//! The measuring half of scripts/bench-views: the local views over 1,000,000 stored spans
//! (500,000 two-span requests over the last 23 hours, a server span and its database call),
//! each timed as a whole process (median of 5), beside the same question asked of the same
//! file by the `sqlite3` shell (the floor).
//!
//!     cargo run --release --example bench_views -- target/release/tracectl

#![allow(clippy::unwrap_used, clippy::print_stdout)]

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Instant;

use serde_json::{Map, Value};
use tracectl::clients::store::Store;
use tracectl::model::span::{SpanKind, SpanRecord, SpanSource, SpanStatus};

const TRACES: i64 = 500_000;
const SPANS_PER_TRACE: i64 = 2;
/// The requests are spread evenly over the 23 hours before the database is filled.
const EVERY_NS: i64 = 23 * 3_600_000_000_000 / TRACES;
const RUNS: usize = 5;

fn spans(trace: i64, now_ns: i64, resource: &Arc<Map<String, Value>>) -> Vec<SpanRecord> {
    let routes = [
        "/api/activities/home",
        "/api/activities/:uuid",
        "/api/messages",
        "/api/health-check",
    ];
    let start = now_ns - (TRACES - trace) * EVERY_NS;
    let root_ms = 5 + (trace * 7919) % 400;
    (0..SPANS_PER_TRACE)
        .map(|i| {
            let root = i == 0;
            let route = routes[(trace % 4) as usize];
            let mut attributes = Map::new();
            if root {
                attributes.insert("http.route".into(), Value::from(route));
                attributes.insert("http.request.method".into(), Value::from("GET"));
                attributes.insert(
                    "http.response.status_code".into(),
                    Value::from(if trace % 50 == 0 { 500 } else { 200 }),
                );
            } else {
                attributes.insert("db.system".into(), Value::from("postgresql"));
            }
            let ms = if root { root_ms } else { root_ms / 20 };
            SpanRecord {
                trace_id: format!("{:016x}{:016x}", trace + 1, 0x6b04_d9b5_u64),
                span_id: format!("{:016x}", trace * SPANS_PER_TRACE + i + 1),
                parent_id: (!root).then(|| format!("{:016x}", trace * SPANS_PER_TRACE + 1)),
                service: "backend-flask".into(),
                name: if root {
                    format!("GET {route}")
                } else {
                    "SELECT".into()
                },
                kind: if root {
                    SpanKind::Server
                } else {
                    SpanKind::Client
                },
                start_ns: start + i * 1_000_000,
                end_ns: Some(start + i * 1_000_000 + ms * 1_000_000),
                status: if root && trace % 50 == 0 {
                    SpanStatus::Fault
                } else {
                    SpanStatus::Ok
                },
                http_method: root.then(|| "GET".into()),
                http_route: root.then(|| route.into()),
                http_url: None,
                http_status: root.then_some(if trace % 50 == 0 { 500 } else { 200 }),
                db_statement: (!root).then(|| "SELECT uuid, message FROM activities".into()),
                remote_service: (!root).then(|| "postgresql".into()),
                exceptions: Vec::new(),
                resource: resource.clone(),
                attributes,
                source: SpanSource::Otlp,
                detail: Default::default(),
            }
        })
        .collect()
}

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

/// Fills a new database at `db` with the benchmark's spans, placed in the day before `now_ns`.
fn fill(db: &std::path::Path, now_ns: i64) {
    let mut store = Store::open(db).unwrap();
    let mut resource = Map::new();
    resource.insert("service.name".into(), Value::from("backend-flask"));
    let resource = Arc::new(resource);
    let filling = Instant::now();
    for chunk in (0..TRACES).collect::<Vec<_>>().chunks(100) {
        let batch: Vec<SpanRecord> = chunk
            .iter()
            .flat_map(|t| spans(*t, now_ns, &resource))
            .collect();
        store.insert(&batch.iter().collect::<Vec<_>>()).unwrap();
    }
    println!(
        "filled {} spans in {:.1} s",
        TRACES * SPANS_PER_TRACE,
        filling.elapsed().as_secs_f64()
    );
}

fn main() {
    let tracectl = std::env::args()
        .nth(1)
        .expect("path to the tracectl binary");
    let dir = tempfile::tempdir().unwrap();
    // TRACECTL_BENCH_DB keeps the filled database at a path, to time changes against the
    // same file (the spans are placed in the day before it was filled).
    let kept = std::env::var_os("TRACECTL_BENCH_DB").map(std::path::PathBuf::from);
    let db = kept.clone().unwrap_or_else(|| dir.path().join("traces.db"));
    let now_ns = jiff::Timestamp::now().as_nanosecond() as i64;
    if kept.is_none() || !db.exists() {
        fill(&db, now_ns);
    }
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
