//! `tracectl logs tail`: every event of a window exactly once, in time order; `--follow`.
//! The engine (slices, fan-out per group, merge, follow) is `views::logs`; this file
//! resolves the groups, prints what it gives, and words the failures.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use aws_sdk_cloudwatchlogs::Client;
use clap::{Args, ValueEnum};
use tokio::sync::mpsc;

use crate::clients::aws::AwsFailure;
use crate::clients::logs::list_groups;
use crate::commands::{AwsArgs, Context};
use crate::error::{Error, Result};
use crate::model::tail::LogEvent;
use crate::model::time::{TimeSpec, Window, duration_arg, time_arg};
use crate::output::logs::{EventFormat, EventRenderer};
use crate::views;
use crate::views::logs::{Backoff, Follow, Followed, LogScan, LogSelection, ScanFailure};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl logs tail /cruddur/backend-flask --since 1h
  tracectl logs tail /cruddur/backend-flask --follow --filter ERROR
  tracectl logs tail '/aws/lambda/*' --format json")]
pub struct TailArgs {
    /// Log groups; a name ending in * is a prefix (/aws/lambda/*)
    #[arg(required = true, value_name = "GROUP")]
    pub groups: Vec<String>,

    /// Keep printing new events until Ctrl-C, --until, --max-events or --idle-timeout
    #[arg(short, long)]
    pub follow: bool,

    /// Start this long ago, or at this time
    #[arg(long, value_parser = time_arg, value_name = "DUR", default_value = "10m")]
    pub since: TimeSpec,

    /// Stop at this time (a time or a duration ago)
    #[arg(long, value_parser = time_arg, value_name = "T")]
    pub until: Option<TimeSpec>,

    /// CloudWatch filter pattern, passed to the service (e.g. ERROR or '{ $.level = "ERROR" }')
    #[arg(long, value_name = "PATTERN")]
    pub filter: Option<String>,

    /// Only streams whose name starts with PREFIX
    #[arg(long, value_name = "PREFIX", conflicts_with = "streams")]
    pub stream_prefix: Option<String>,

    /// Only these streams (repeatable, at most 100)
    #[arg(long = "stream", value_name = "NAME")]
    pub streams: Vec<String>,

    /// How each event is printed (json is the same as -o json)
    #[arg(long, value_enum)]
    pub format: Option<TailFormat>,

    /// Stop after this many events
    #[arg(long, value_name = "N")]
    pub max_events: Option<u64>,

    /// With --follow, stop after this long without a new event
    #[arg(long, value_parser = duration_arg, value_name = "DUR")]
    pub idle_timeout: Option<Duration>,

    /// With --follow, how often to poll
    #[arg(long, value_parser = duration_arg, value_name = "DUR", default_value = "1s")]
    pub poll: Duration,

    /// With --follow, how far back each poll re-scans for late events [default: learned
    /// from the events' ingestion delay, at least 2m]
    #[arg(long, value_parser = duration_arg, value_name = "DUR")]
    pub lag: Option<Duration>,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TailFormat {
    /// time, stream, message
    Short,
    /// time, group, stream, event id, message
    Detailed,
    /// one JSON object per line
    Json,
    /// the message alone
    Raw,
}

impl TailFormat {
    /// The format of `--format`, else JSON with `-o json`, else `short`.
    pub fn chosen(flag: Option<TailFormat>, json_output: bool) -> EventFormat {
        match flag {
            Some(TailFormat::Short) => EventFormat::Short,
            Some(TailFormat::Detailed) => EventFormat::Detailed,
            Some(TailFormat::Raw) => EventFormat::Raw,
            Some(TailFormat::Json) => EventFormat::Json,
            None if json_output => EventFormat::Json,
            None => EventFormat::Short,
        }
    }
}

/// FilterLogEvents takes at most 100 stream names.
const MAX_STREAMS: usize = 100;

pub async fn run(ctx: &Context, aws: &AwsArgs, args: TailArgs) -> Result<()> {
    if args.groups.iter().any(|g| g.trim().is_empty()) {
        return Err(Error::usage("a log group name is empty").with_hint(
            "name the group, e.g. /cruddur/backend-flask; tracectl logs groups lists them",
        ));
    }
    if args.streams.len() > MAX_STREAMS {
        return Err(Error::usage(format!(
            "{} --stream names given; CloudWatch takes at most {MAX_STREAMS}",
            args.streams.len()
        ))
        .with_hint("use --stream-prefix to select many streams"));
    }
    let window = Window::resolve(args.since, args.until, ctx.now).map_err(Error::usage)?;
    let client = ctx.logs_client(aws).await?;
    let groups = resolve_groups(ctx, &client, &args.groups).await?;
    let renderer = EventRenderer {
        format: TailFormat::chosen(args.format, ctx.printer.is_json()),
        palette: ctx.printer.palette(),
        zone: ctx.printer.zone(),
        several_groups: groups.len() > 1,
        show_date: args.follow || window.duration() > Duration::from_secs(86_400),
    };
    let warned = AtomicBool::new(false);
    let verbose = ctx.printer.options().verbosity > 0;
    let printer = &ctx.printer;
    // The page tasks report backoffs through a channel-free callback; it must be 'static,
    // so it carries its own copy of what it prints with.
    let (notices_tx, mut notices) = mpsc::unbounded_channel::<String>();
    let on_backoff: Arc<Backoff> = Arc::new(move |failure: &AwsFailure, wait: Duration| {
        let _ = notices_tx.send(format!(
            "CloudWatch Logs: {failure}; backing off {} s and carrying on (no event is lost)",
            wait.as_secs()
        ));
    });
    let selection = LogSelection {
        pattern: args.filter.clone(),
        streams: args.streams.clone(),
        stream_prefix: args.stream_prefix.clone(),
    };
    let scan = LogScan::new(client.clone(), groups, selection, on_backoff);
    let mut out = Output {
        ctx,
        renderer,
        printed: 0,
        max: args.max_events,
    };
    let reached = scan.reached();
    let work = ctx.patiently_until_answered("reading log events", &reached, async {
        if args.follow {
            follow(&scan, &mut out, window, &args).await
        } else {
            views::logs::history(&scan, window, &mut |e| out.print(e)).await
        }
    });
    // Backoff notices are printed as they come: once per run, every time with -v.
    let notify = async {
        while let Some(text) = notices.recv().await {
            if !warned.swap(true, Ordering::Relaxed) || verbose {
                printer.status(&text);
            }
        }
    };
    let result = tokio::select! {
        r = work => r,
        () = notify => Ok(()),
    };
    ctx.printer.flush()?;
    match result {
        Err(ScanFailure::Aws { group, failure }) => {
            Err(group_error(ctx, &client, &group, failure).await)
        }
        Err(ScanFailure::Stopped(e)) => Err(e),
        Ok(()) => Ok(()),
    }
}

/// Writes events and counts them against --max-events.
struct Output<'a> {
    ctx: &'a Context,
    renderer: EventRenderer,
    printed: u64,
    max: Option<u64>,
}

impl Output<'_> {
    /// Prints one event; returns false once --max-events is reached.
    fn print(&mut self, e: &LogEvent) -> Result<bool> {
        if self.max.is_some_and(|m| self.printed >= m) {
            return Ok(false);
        }
        let line = self.renderer.render(e);
        if self.renderer.is_exact() {
            self.ctx.printer.raw_line(&line)?;
        } else {
            self.ctx.printer.line(&line)?;
        }
        self.printed += 1;
        Ok(self.max.is_none_or(|m| self.printed < m))
    }
}

/// Prints the window so far, then what the follow loop gives until Ctrl-C, --until,
/// --max-events or --idle-timeout.
async fn follow(
    scan: &LogScan,
    out: &mut Output<'_>,
    window: Window,
    args: &TailArgs,
) -> std::result::Result<(), ScanFailure> {
    let how = Follow {
        start: window.start.as_millisecond(),
        until: args.until.map(|_| window.end.as_millisecond()),
        poll: args.poll,
        lag: args.lag,
        idle_timeout: args.idle_timeout,
    };
    let printer = &out.ctx.printer;
    let groups: Vec<&str> = scan.groups().iter().map(|g| g.as_ref()).collect();
    let groups = groups.join(", ");
    views::logs::follow(scan, how, super::super::stop_requested(), &mut |given| {
        match given {
            Followed::Event(e) => out.print(e),
            Followed::CaughtUp { lag } => {
                printer.flush()?;
                if out.max.is_some_and(|m| out.printed >= m) {
                    return Ok(false);
                }
                printer.status(&format!(
                    "following {groups} (Ctrl-C to stop) — late events up to {} s old are still caught",
                    lag.as_secs()
                ));
                Ok(true)
            }
            Followed::Polled => printer.flush().map(|()| true),
        }
    })
    .await
}

/// Expands `PREFIX*` into the groups that start with it (DescribeLogGroups).
pub async fn resolve_groups(
    ctx: &Context,
    client: &Client,
    patterns: &[String],
) -> Result<Vec<Arc<str>>> {
    let mut groups: Vec<Arc<str>> = Vec::new();
    for pattern in patterns {
        match pattern.strip_suffix('*') {
            Some(prefix) => {
                let found = list_groups(client, Some(prefix))
                    .await
                    .map_err(|f| ctx.aws_error("cannot list log groups", f))?;
                if found.is_empty() {
                    return Err(Error::failure(format!("no log group starts with {prefix}"))
                        .with_hint("tracectl logs groups lists the groups"));
                }
                groups.extend(found.into_iter().map(|g| Arc::from(g.name)));
            }
            None => groups.push(Arc::from(pattern.as_str())),
        }
    }
    // One group once, however often it was named or matched (`/a /b /a`, or a prefix that
    // covers a named group): each is scanned once, in the order first named.
    let mut seen = std::collections::HashSet::new();
    groups.retain(|g| seen.insert(g.clone()));
    Ok(groups)
}

/// A bad filter pattern is the service's message; a missing group suggests the closest.
pub async fn group_error(
    ctx: &Context,
    client: &Client,
    group: &str,
    failure: AwsFailure,
) -> Error {
    if let AwsFailure::Service { code, message } = &failure
        && code == "InvalidParameterException"
        && message.to_lowercase().contains("filter")
    {
        return Error::failure(format!("invalid filter pattern: {message}"))
            .with_hint("see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html");
    }
    ctx.log_group_error(client, group, failure).await
}
