//! `tracectl local stats`: the file, its size, its spans and traces, and a row a service.

use crate::error::Result;
use crate::output::{Column, Printer, human_bytes, human_count};
use crate::views::local::StoreStats;

pub fn print_stats(printer: &Printer, stats: &StoreStats) -> Result<()> {
    let p = printer;
    if p.is_json() {
        return p.json(stats);
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
                    super::terminal::escape_field(&s.service).into_owned(),
                    human_count(s.spans.max(0) as u64),
                    human_count(s.traces.max(0) as u64),
                ]
            })
            .collect(),
    )
}
