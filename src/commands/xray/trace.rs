//! `tracectl xray trace`: BatchGetTraces, drawn as a waterfall.

use std::collections::HashSet;

use clap::Args;

use crate::clients::xray;
use crate::commands::{AwsArgs, Context};
use crate::error::{Error, Result};
use crate::model::trace::TraceId;
use crate::output::waterfall;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl xray trace 1-5f84c7a1-0123456789abcdef01234567
  tracectl xray trace 5f84c7a10123456789abcdef01234567 -o json
  tracectl xray traces --faults -o json | jq -r '.traces[].id' | tracectl xray trace -")]
pub struct TraceArgs {
    /// Trace ids: X-Ray (1-5f84c7a1-0123456789abcdef01234567) or W3C (32 hex digits);
    /// `-` reads them from stdin, separated by whitespace
    #[arg(required = true, value_name = "TRACE_ID")]
    pub ids: Vec<String>,
}

/// Width of the waterfall when stdout is not a terminal.
const PIPED_WIDTH: usize = 120;

pub async fn run(ctx: &Context, aws: &AwsArgs, args: TraceArgs) -> Result<()> {
    let ids = crate::commands::trace_ids(&args.ids)?;
    let client = ctx.xray_client(aws).await?;
    let spinner = (ids.len() > xray::BATCH_SIZE).then(|| {
        ctx.printer
            .spinner(format!("fetching {} traces", ids.len()))
    });
    let fetched = xray::traces(&client, &ids, &xray::limiter()).await;
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    let fetched = fetched.map_err(|f| ctx.aws_error("cannot fetch traces from X-Ray", f))?;

    let printer = &ctx.printer;
    if printer.is_json() {
        match fetched.traces.as_slice() {
            [one] if ids.len() == 1 => printer.json(one)?,
            many => printer.json(many)?,
        }
    } else {
        let width = printer.width().unwrap_or(PIPED_WIDTH);
        for (i, trace) in fetched.traces.iter().enumerate() {
            if i > 0 {
                printer.line("")?;
            }
            printer.line(&waterfall::render(trace, width, printer.palette()))?;
        }
    }
    not_found(&ids, &fetched.missing, &fetched.unprocessed)
}

/// The error for ids X-Ray did not return. X-Ray lists unknown and expired ids as
/// "unprocessed" too, so both read as not found; unprocessed ones add a hint, since a trace
/// sent a moment ago may simply not be indexed yet.
fn not_found(asked: &[TraceId], missing: &[TraceId], unprocessed: &[TraceId]) -> Result<()> {
    let absent_ids: HashSet<&TraceId> = missing.iter().chain(unprocessed).collect();
    let absent: Vec<TraceId> = asked
        .iter()
        .filter(|id| absent_ids.contains(id))
        .cloned()
        .collect();
    let err = match absent.as_slice() {
        [] => return Ok(()),
        [one] => Error::failure(format!(
            "trace {one} not found (X-Ray keeps traces 30 days)"
        ))
        .with_hint(
            "check the id and the region (--region); `tracectl xray traces` lists recent traces",
        ),
        many => Error::failure(format!(
            "{} of {} traces not found (X-Ray keeps traces 30 days): {}",
            many.len(),
            asked.len(),
            crate::commands::some_ids(many.iter().map(TraceId::as_str))
        ))
        .with_hint("check the ids and the region (--region)"),
    };
    Err(if unprocessed.is_empty() {
        err
    } else {
        err.with_hint(format!(
            "X-Ray listed {} as unprocessed: a trace sent in the last minute may not be indexed yet, so try again shortly",
            crate::commands::some_ids(unprocessed.iter().map(TraceId::as_str))
        ))
    })
}
