//! `tracectl local logs`: the app's log lines the local store holds (OTLP logs, and what
//! Watchtower sent the CloudWatch Logs stand-in), printed as `logs tail` prints CloudWatch's;
//! `-f` follows new lines exactly once, in arrival order.

use clap::Args;

use crate::clients::store::{LogsFilter, Store};
use crate::commands::Context;
use crate::commands::logs::tail::TailFormat;
use crate::error::{Error, Result};
use crate::model::local_log::severity_rank;
use crate::model::time::{TimeSpec, Window, time_arg};
use crate::output::logs::{EventFormat, EventRenderer};
use crate::views::local_logs::{self, Followed, LocalLog, LocalLogRow};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl local logs --since 10m
  tracectl local logs --trace 5b8efff798038103d269b633813fc60c
  tracectl local logs -f --level warn
  tracectl local logs --group /cruddur/backend-flask --grep timeout -o json")]
pub struct LogsArgs {
    /// Keep printing new lines as they are stored, until Ctrl-C
    #[arg(short, long)]
    pub follow: bool,

    /// Start this long ago, or at this time [default: 1h; with --trace, all]
    #[arg(long, value_parser = time_arg, value_name = "DUR")]
    pub since: Option<TimeSpec>,

    /// Only the lines of this trace (W3C or X-Ray id)
    #[arg(long, value_name = "ID")]
    pub trace: Option<String>,

    /// Only lines from this service (OTLP's service.name)
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,

    /// Only lines sent to this log group (the CloudWatch Logs stand-in)
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,

    /// Only lines at least this severe: trace, debug, info, warn, error, fatal
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<String>,

    /// Only lines whose message contains TEXT (case-sensitive)
    #[arg(long, value_name = "TEXT")]
    pub grep: Option<String>,

    /// How each line is printed (json is the same as -o json)
    #[arg(long, value_enum)]
    pub format: Option<TailFormat>,

    #[command(flatten)]
    pub db: super::DbArg,
}

pub async fn run(ctx: &Context, args: LogsArgs) -> Result<()> {
    if let Some(level) = &args.level
        && severity_rank(level).is_none()
    {
        return Err(Error::usage(format!("--level '{level}' is not a severity"))
            .with_hint("use trace, debug, info, warn, error or fatal"));
    }
    let trace_id = args
        .trace
        .as_deref()
        .map(|t| {
            t.parse::<crate::model::trace::TraceId>()
                .map(|id| id.w3c())
                .map_err(|e| {
                    Error::usage(e.to_string()).with_hint(
                        "a trace id is 32 hex digits (OpenTelemetry) or 1-5f84c7a1-... (X-Ray)",
                    )
                })
        })
        .transpose()?;
    let since = match (args.since, &trace_id) {
        (Some(since), _) => Some(since),
        (None, Some(_)) => None,
        (None, None) => Some(time_arg("1h").map_err(Error::usage)?),
    };
    let since_ns = since
        .map(|since| Window::resolve(since, None, ctx.now).map_err(Error::usage))
        .transpose()?
        .map(|w| i64::try_from(w.start.as_nanosecond()).unwrap_or(i64::MIN));
    let filter = LogsFilter {
        since_ns,
        trace_id,
        service: args.service.clone(),
        group: args.group.clone(),
        min_level: args.level.clone(),
        grep: args.grep.clone(),
        ..LogsFilter::default()
    };
    let renderer = EventRenderer {
        format: TailFormat::chosen(args.format, ctx.printer.is_json()),
        palette: ctx.printer.palette(),
        zone: ctx.printer.zone(),
        several_groups: args.group.is_none(),
        show_date: args.follow || since.is_none(),
    };
    let printer = &ctx.printer;
    let print = |line: &LocalLog| -> Result<()> {
        match renderer.format {
            // The NDJSON of `logs tail`, with the line's trace, span, severity and source.
            EventFormat::Json => printer
                .raw_line(&serde_json::to_string(&LocalLogRow::from(line)).unwrap_or_default()),
            EventFormat::Raw => printer.raw_line(&renderer.render(&line.event)),
            _ => printer.line(&renderer.render(&line.event)),
        }
    };
    let path = super::database_path(ctx, &args.db)?;
    if args.follow {
        printer.status("following the local log lines (Ctrl-C to stop)");
        local_logs::follow(
            &path,
            &filter,
            true,
            crate::commands::stop_requested(),
            &mut |given| {
                match given {
                    Followed::Line(line) => print(&line)?,
                    Followed::CaughtUp => printer.flush()?,
                }
                Ok(true)
            },
        )
        .await?;
        return printer.flush();
    }
    let store = Store::open_read(&path)?;
    let mut printed = 0u64;
    local_logs::history(&store, &filter, &mut |line| {
        print(&line)?;
        printed += 1;
        Ok(true)
    })?;
    printer.flush()?;
    if printed == 0 && !printer.is_json() && store.last_log_id()? == 0 {
        printer.hint(
            "no log lines yet: point the app's OpenTelemetry logs at `tracectl local listen` (OTEL_EXPORTER_OTLP_ENDPOINT) or Watchtower at its CloudWatch Logs stand-in (AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=http://127.0.0.1:4320)",
        );
    }
    Ok(())
}
