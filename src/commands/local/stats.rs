//! `tracectl local stats`: what the span database holds: where, how large, how many spans
//! and traces of which service, from when to when.

use std::path::PathBuf;

use clap::Args;

use crate::clients::store::Store;
use crate::commands::Context;
use crate::error::Result;
use crate::output::{Column, human_bytes, human_count};
use crate::views;

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
}

pub async fn run(ctx: &Context, args: StatsArgs) -> Result<()> {
    let path = super::database_path(ctx, args.db)?;
    let store = Store::open_read(&path)?;
    let stats = views::local::stats(&store)?;
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
