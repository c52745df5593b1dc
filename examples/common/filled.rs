//! The store the view benchmarks read: 1,000,000 spans, 500,000 two-span requests (a
//! server span and its database call) spread over the 23 hours before it was filled.

#![allow(dead_code)] // each benchmark uses what it needs

use std::sync::Arc;
use std::time::Instant;

use serde_json::{Map, Value};
use tracectl::clients::store::Store;
use tracectl::model::span::{SpanKind, SpanRecord, SpanSource, SpanStatus};

pub const TRACES: i64 = 500_000;
pub const SPANS_PER_TRACE: i64 = 2;
/// The requests are spread evenly over the 23 hours before the database is filled.
pub const EVERY_NS: i64 = 23 * 3_600_000_000_000 / TRACES;

pub fn spans(trace: i64, now_ns: i64, resource: &Arc<Map<String, Value>>) -> Vec<SpanRecord> {
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

/// Fills a new database at `db` with the benchmark's spans, placed in the day before `now_ns`.
pub fn fill(db: &std::path::Path, now_ns: i64) {
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

/// The benchmark store: at TRACECTL_BENCH_DB when set (filled once, kept to time changes
/// against the same file), else filled anew in `dir`; its spans end at `now_ns`.
pub fn store(dir: &std::path::Path, now_ns: i64) -> std::path::PathBuf {
    let kept = std::env::var_os("TRACECTL_BENCH_DB").map(std::path::PathBuf::from);
    let db = kept.clone().unwrap_or_else(|| dir.join("traces.db"));
    if kept.is_none() || !db.exists() {
        fill(&db, now_ns);
    }
    db
}
