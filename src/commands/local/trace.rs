//! `tracectl local trace ID...`: the waterfall of `xray trace`, from the spans the local
//! database holds for the trace, whichever source sent them.

use std::path::PathBuf;

use clap::Args;

use crate::clients::store::Store;
use crate::commands::Context;
use crate::error::{Error, Result};
use crate::model::span::trace_of;
use crate::output::waterfall;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl local trace 9622170ae7a94fe50c15a776557ced6b
  tracectl local trace 1-6b068b6b-91cec82defa82c1f61a8d681 -o json
  tracectl local traces --faults -o json | jq -r '.traces[].id' | tracectl local trace -")]
pub struct TraceArgs {
    /// Trace ids: W3C/OpenTelemetry (32 hex digits) or X-Ray (1-5f84c7a1-...); `-` reads
    /// them from stdin, separated by white space
    #[arg(required = true, value_name = "TRACE_ID")]
    pub ids: Vec<String>,

    /// The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
}

/// Width of the waterfall when stdout is not a terminal.
const PIPED_WIDTH: usize = 120;

pub async fn run(ctx: &Context, args: TraceArgs) -> Result<()> {
    let ids = crate::commands::trace_ids(&args.ids)?;
    let store = Store::open_read(&super::database_path(ctx, args.db.clone())?)
        .map_err(super::store_error)?;
    let mut traces = Vec::new();
    let mut missing = Vec::new();
    for id in &ids {
        let records = store.trace(&id.w3c()).map_err(super::store_error)?;
        if records.is_empty() {
            missing.push(id.w3c());
        } else {
            traces.push(trace_of(&id.w3c(), &records));
        }
    }
    let printer = &ctx.printer;
    if printer.is_json() {
        match traces.as_slice() {
            [one] if ids.len() == 1 => printer.json(one)?,
            many => printer.json(many)?,
        }
    } else {
        let width = printer.width().unwrap_or(PIPED_WIDTH);
        for (i, trace) in traces.iter().enumerate() {
            if i > 0 {
                printer.line("")?;
            }
            printer.line(&waterfall::render(trace, width, printer.palette()))?;
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    let held = match store.time_range().map_err(super::store_error)? {
        Some((first, last)) => {
            let at = |ns: i64| {
                jiff::Timestamp::from_nanosecond(i128::from(ns))
                    .map(|t| printer.time(t, "%Y-%m-%d %H:%M:%S"))
                    .unwrap_or_default()
            };
            format!("it holds spans from {} to {}", at(first), at(last))
        }
        None => "it holds no spans yet".to_string(),
    };
    let shown: Vec<&str> = missing.iter().take(5).map(String::as_str).collect();
    let more = missing.len().saturating_sub(shown.len());
    Err(Error::failure(format!(
        "{} not found in {} ({held})",
        if missing.len() == 1 {
            format!("trace {}", shown[0])
        } else {
            format!(
                "{} of {} traces not found: {}{}",
                missing.len(),
                ids.len(),
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            )
        },
        store.path().display()
    ))
    .with_hint(
        "`tracectl local traces` lists the traces it holds; `--db PATH` reads another database",
    ))
}
