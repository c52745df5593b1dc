//! `tracectl local trace ID...`: the waterfall of `xray trace`, from the spans the local
//! database holds for the trace, whichever source sent them.

use clap::Args;

use crate::clients::store::Store;
use crate::commands::Context;
use crate::error::{Error, Result};
use crate::views;

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

    #[command(flatten)]
    pub db: crate::commands::local::DbArg,
}

pub async fn run(ctx: &Context, args: TraceArgs) -> Result<()> {
    let ids = crate::commands::trace_ids(&args.ids)?;
    let store = Store::open_read(&super::database_path(ctx, &args.db)?)?;
    let lookup = views::local::trace(&store, &ids)?;
    let (traces, missing) = (&lookup.found, &lookup.missing);
    let printer = &ctx.printer;
    crate::output::local::print_local_traces(printer, traces, ids.len())?;
    if missing.is_empty() {
        return Ok(());
    }
    let held = match lookup.held {
        Some((first, last)) => format!(
            "it holds spans from {} to {}",
            printer.time(first, "%Y-%m-%d %H:%M:%S"),
            printer.time(last, "%Y-%m-%d %H:%M:%S")
        ),
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
