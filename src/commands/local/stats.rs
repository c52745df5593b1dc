//! `tracectl local stats`: what the span database holds: where, how large, how many spans
//! and traces of which service, from when to when.

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use crate::clients::store::Store;
use crate::commands::Context;
use crate::error::Result;
use crate::output::{Column, human_bytes, human_count};

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
}

#[derive(Serialize)]
struct ServiceStats {
    service: String,
    spans: i64,
    traces: i64,
}

#[derive(Serialize)]
struct Stats {
    path: String,
    /// The database and its write-ahead log, in bytes.
    bytes: u64,
    spans: i64,
    traces: i64,
    first: Option<jiff::Timestamp>,
    last: Option<jiff::Timestamp>,
    services: Vec<ServiceStats>,
}

pub async fn run(ctx: &Context, args: StatsArgs) -> Result<()> {
    let path = super::database_path(ctx, args.db)?;
    let store = Store::open_read(&path).map_err(super::store_error)?;
    let services: Vec<ServiceStats> = store
        .services()
        .map_err(super::store_error)?
        .into_iter()
        .map(|(service, spans, traces)| ServiceStats {
            service,
            spans,
            traces,
        })
        .collect();
    let at = |ns: i64| jiff::Timestamp::from_nanosecond(i128::from(ns)).ok();
    let range = store.time_range().map_err(super::store_error)?;
    let size = |p: PathBuf| std::fs::metadata(p).map_or(0, |m| m.len());
    let mut wal = path.clone().into_os_string();
    wal.push("-wal");
    let stats = Stats {
        path: path.display().to_string(),
        bytes: size(path.clone()) + size(PathBuf::from(wal)),
        spans: services.iter().map(|s| s.spans).sum(),
        // One service (the usual local app): its traces are all the traces, and the count
        // over the whole file is not needed.
        traces: match services.as_slice() {
            [] => 0,
            [one] => one.traces,
            _ => store.trace_count().map_err(super::store_error)?,
        },
        first: range.and_then(|(first, _)| at(first)),
        last: range.and_then(|(_, last)| at(last)),
        services,
    };
    let p = &ctx.printer;
    if p.is_json() {
        return p.json(&stats);
    }
    let when = |t: Option<jiff::Timestamp>| {
        t.map_or_else(|| "-".to_string(), |t| p.time(t, "%Y-%m-%d %H:%M:%S"))
    };
    p.line(&format!(
        "{}  {}  {} spans  {} traces  {} → {}",
        stats.path,
        human_bytes(i64::try_from(stats.bytes).unwrap_or(i64::MAX)),
        human_count(stats.spans.max(0) as u64),
        human_count(stats.traces.max(0) as u64),
        when(stats.first),
        when(stats.last)
    ))?;
    if stats.services.is_empty() {
        p.hint(&format!(
            "no spans yet: run `tracectl local listen` and point an app at it: {}",
            super::POINT_AN_APP
        ));
        return Ok(());
    }
    p.line("")?;
    p.table(
        &[
            Column::left("service"),
            Column::right("spans"),
            Column::right("traces"),
        ],
        stats
            .services
            .iter()
            .map(|s| {
                vec![
                    crate::output::terminal::escape_field(&s.service).into_owned(),
                    human_count(s.spans.max(0) as u64),
                    human_count(s.traces.max(0) as u64),
                ]
            })
            .collect(),
    )
}
