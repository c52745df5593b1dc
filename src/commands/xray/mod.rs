//! `tracectl xray ...`: AWS X-Ray traces, one trace's waterfall, the service graph.

pub mod services;
mod spans;
pub mod trace;
pub mod traces;

use clap::{Args, Subcommand};

use crate::commands::{AwsArgs, Context};
use crate::config::XRAY_SOURCE;
use crate::error::{Error, Result};
use crate::model::time::Window;

#[derive(Debug, Args)]
pub struct XrayCommand {
    #[command(flatten)]
    pub aws: AwsArgs,

    #[arg(long, global = true, value_enum, value_name = "SOURCE", help = XRAY_SOURCE.help(
        "Where traces are read: X-Ray's indexed trace summaries and BatchGetTraces, the spans \
         Transaction Search keeps in CloudWatch Logs (aws/spans), or auto: spans for what X-Ray \
         does not hold when the account sends them there"
    ))]
    pub source: Option<TraceSource>,

    #[command(subcommand)]
    pub command: XraySubcommand,
}

/// Where the xray group reads traces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TraceSource {
    Summaries,
    Spans,
    Auto,
}

#[derive(Debug, Subcommand)]
pub enum XraySubcommand {
    /// Summarise the traces of a window: rates, latency percentiles, routes, slowest traces
    Traces(traces::TracesArgs),
    /// Show one or more traces as a waterfall of segments and subsegments
    Trace(trace::TraceArgs),
    /// Show the service graph: requests, errors, faults and latency per service
    Services(services::ServicesArgs),
}

pub async fn run(ctx: &Context, cmd: XrayCommand) -> Result<()> {
    match cmd.command {
        XraySubcommand::Traces(args) => {
            let source = trace_source(ctx, cmd.source)?;
            traces::run(ctx, &cmd.aws, source, args).await
        }
        XraySubcommand::Trace(args) => {
            let source = trace_source(ctx, cmd.source)?;
            trace::run(ctx, &cmd.aws, source, args).await
        }
        XraySubcommand::Services(args) => {
            let source = trace_source(ctx, cmd.source)?;
            services::run(ctx, &cmd.aws, source, args).await
        }
    }
}

/// `--source`, else the `xray_source` setting, else auto.
fn trace_source(ctx: &Context, flag: Option<TraceSource>) -> Result<TraceSource> {
    use clap::ValueEnum;
    if let Some(source) = flag {
        return Ok(source);
    }
    match ctx.config.get(&crate::config::XRAY_SOURCE, None) {
        None => Ok(TraceSource::Auto),
        Some(r) => TraceSource::from_str(&r.value, true).map_err(|_| {
            Error::usage(format!(
                "xray_source '{}' (from {}) is not summaries, spans or auto",
                r.value, r.source
            ))
            .with_hint("set TRACECTL_XRAY_SOURCE (or xray_source) to summaries, spans or auto")
        }),
    }
}

/// How long X-Ray keeps traces.
const RETENTION: std::time::Duration = std::time::Duration::from_secs(30 * 86_400);

/// The part of `window` X-Ray can still hold: a start older than 30 days is moved up, with
/// a note, instead of asking for months that cost a call per 6 h and can only be empty.
fn within_retention(ctx: &Context, window: Window) -> Result<Window> {
    let oldest = ctx
        .now
        .checked_sub(jiff::SignedDuration::try_from(RETENTION).unwrap_or_default())
        .unwrap_or(window.start);
    if window.end <= oldest {
        return Err(Error::usage(format!(
            "the window ends at {}, before the 30 days X-Ray keeps traces",
            window.end
        ))
        .with_hint("choose a window within the last 30 days, e.g. --since 7d"));
    }
    if window.start >= oldest {
        return Ok(window);
    }
    ctx.printer.status(&format!(
        "note: X-Ray keeps traces 30 days; the window starts at {oldest} instead of {}",
        window.start
    ));
    Ok(Window {
        start: oldest,
        end: window.end,
    })
}
