//! `tracectl logs tail`: every event of a window exactly once, in time order; `--follow`.

use std::time::Duration;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use aws_sdk_cloudwatchlogs::Client;
use clap::{Args, ValueEnum};
use futures::{StreamExt, stream};

use crate::clients::Limiter;
use crate::clients::aws::AwsFailure;
use crate::clients::logs::{FilterQuery, filter_events, limiter, list_groups};
use crate::commands::{AwsArgs, Context};
use crate::error::{Error, Result};
use crate::model::tail::{Lag, LogEvent, Seen, sort_events};
use crate::model::time::{TimeSpec, Window, duration_arg, time_arg};
use crate::output::logs::{EventFormat, EventRenderer};

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

/// Historical windows are cut into at most this many slices, fetched concurrently.
const MAX_SLICES: u32 = 16;
/// No slice is shorter than this: tiny slices only add requests.
const MIN_SLICE: Duration = Duration::from_secs(120);
/// Slices (or groups) in flight at once, all under the one rate limiter.
const CONCURRENCY: usize = 4;
/// FilterLogEvents takes at most 100 stream names.
const MAX_STREAMS: usize = 100;

/// Everything one scan needs besides its time range.
struct Scan<'a> {
    client: &'a Client,
    limiter: &'a Limiter,
    groups: &'a [Arc<str>],
    args: &'a TailArgs,
    warned: AtomicBool,
    ctx: &'a Context,
}

impl Scan<'_> {
    /// Every event of all groups in `[start, end]` (ms, inclusive), in output order.
    async fn fetch(
        &self,
        start: i64,
        end: Option<i64>,
    ) -> std::result::Result<Vec<LogEvent>, (Arc<str>, AwsFailure)> {
        let on_backoff = |failure: &AwsFailure, wait: Duration| {
            // Once per run at normal verbosity; every time with -v.
            if !self.warned.swap(true, Ordering::Relaxed)
                || self.ctx.printer.options().verbosity > 0
            {
                self.ctx.printer.status(&format!(
                    "CloudWatch Logs: {failure}; backing off {} s and carrying on (no event is lost)",
                    wait.as_secs()
                ));
            }
        };
        let per_group = stream::iter(self.groups.iter().cloned())
            .map(|group| {
                let query = FilterQuery {
                    group: group.clone(),
                    start,
                    end,
                    pattern: self.args.filter.clone(),
                    streams: self.args.streams.clone(),
                    stream_prefix: self.args.stream_prefix.clone(),
                };
                async move {
                    filter_events(self.client, self.limiter, &query, &on_backoff)
                        .await
                        .map_err(|f| (group, f))
                }
            })
            .buffered(CONCURRENCY)
            .collect::<Vec<_>>()
            .await;
        let mut events = Vec::new();
        for result in per_group {
            events.extend(result?);
        }
        sort_events(&mut events);
        Ok(events)
    }
}

pub async fn run(ctx: &Context, aws: &AwsArgs, args: TailArgs) -> Result<()> {
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
    let format = match args.format {
        Some(TailFormat::Short) => EventFormat::Short,
        Some(TailFormat::Detailed) => EventFormat::Detailed,
        Some(TailFormat::Raw) => EventFormat::Raw,
        Some(TailFormat::Json) => EventFormat::Json,
        None if ctx.printer.is_json() => EventFormat::Json,
        None => EventFormat::Short,
    };
    let renderer = EventRenderer {
        format,
        palette: ctx.printer.palette(),
        zone: if ctx.printer.options().utc {
            jiff::tz::TimeZone::UTC
        } else {
            jiff::tz::TimeZone::system()
        },
        several_groups: groups.len() > 1,
        show_date: args.follow || window.duration() > Duration::from_secs(86_400),
    };
    let limiter = limiter();
    let scan = Scan {
        client: &client,
        limiter: &limiter,
        groups: &groups,
        args: &args,
        warned: AtomicBool::new(false),
        ctx,
    };
    let mut out = Output {
        ctx,
        renderer,
        printed: 0,
        max: args.max_events,
    };
    let result = if args.follow {
        follow(&scan, &mut out, window).await
    } else {
        history(&scan, &mut out, window).await
    };
    ctx.printer.flush()?;
    match result {
        Err(Failure::Aws(group, failure)) => Err(group_error(ctx, &client, &group, failure).await),
        Err(Failure::Output(e)) => Err(e),
        Ok(()) => Ok(()),
    }
}

enum Failure {
    Aws(Arc<str>, AwsFailure),
    Output(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Output(e)
    }
}

impl From<(Arc<str>, AwsFailure)> for Failure {
    fn from((group, failure): (Arc<str>, AwsFailure)) -> Self {
        Failure::Aws(group, failure)
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
    /// Prints events in order; returns false once --max-events is reached.
    fn print(&mut self, events: &[LogEvent]) -> Result<bool> {
        for e in events {
            if self.max.is_some_and(|m| self.printed >= m) {
                return Ok(false);
            }
            self.ctx.printer.line(&self.renderer.render(e))?;
            self.printed += 1;
        }
        self.ctx.printer.flush()?;
        Ok(self.max.is_none_or(|m| self.printed < m))
    }
}

fn ms(ts: jiff::Timestamp) -> i64 {
    ts.as_millisecond()
}

/// A fixed window: cut into slices fetched concurrently, printed in order as soon as every
/// earlier slice is out. Slices share no millisecond, so no event is fetched twice.
async fn history(
    scan: &Scan<'_>,
    out: &mut Output<'_>,
    window: Window,
) -> std::result::Result<(), Failure> {
    let wanted = (window.duration().as_secs_f64() / MIN_SLICE.as_secs_f64()).ceil() as u32;
    let count = wanted.clamp(1, MAX_SLICES);
    let slices = window.slices(window.duration() / count);
    let last = slices.len() - 1;
    let mut fetched = stream::iter(slices.into_iter().enumerate())
        .map(|(i, slice)| {
            let end = if i == last {
                ms(slice.end)
            } else {
                ms(slice.end) - 1
            };
            scan.fetch(ms(slice.start), Some(end))
        })
        .buffered(CONCURRENCY);
    while let Some(events) = fetched.next().await {
        if !out.print(&events?)? {
            break;
        }
    }
    Ok(())
}

/// Polls until Ctrl-C, --until, --max-events or --idle-timeout, re-scanning the lag window
/// each time so late events still appear, each exactly once.
async fn follow(
    scan: &Scan<'_>,
    out: &mut Output<'_>,
    window: Window,
) -> std::result::Result<(), Failure> {
    let until = scan.args.until.map(|_| ms(window.end));
    let start = ms(window.start);
    let mut seen = Seen::default();
    let mut lag = Lag::new(scan.args.lag);
    let mut last_new = Instant::now();
    let mut announced = false;
    let stop = stop_requested();
    tokio::pin!(stop);
    loop {
        let cursor = seen.cursor(start, lag.current());
        let events = tokio::select! {
            events = scan.fetch(cursor, until) => events?,
            _ = &mut stop => return Ok(()),
        };
        for e in &events {
            lag.observe(e);
        }
        let fresh = seen.admit(events);
        if !fresh.is_empty() {
            last_new = Instant::now();
        }
        if !out.print(&fresh)? {
            return Ok(());
        }
        seen.evict_before(seen.cursor(start, lag.current()));
        if !announced {
            announced = true;
            let names: Vec<&str> = scan.groups.iter().map(|g| g.as_ref()).collect();
            out.ctx.printer.status(&format!(
                "following {} (Ctrl-C to stop) — late events up to {} s old are still caught",
                names.join(", "),
                lag.current().as_secs()
            ));
        }
        if until.is_some_and(|u| ms(jiff::Timestamp::now()) > u) {
            return Ok(());
        }
        if scan
            .args
            .idle_timeout
            .is_some_and(|idle| last_new.elapsed() >= idle)
        {
            return Ok(());
        }
        tokio::select! {
            _ = tokio::time::sleep(scan.args.poll) => {}
            _ = &mut stop => return Ok(()),
        }
    }
}

/// Ctrl-C, or SIGTERM (kill, systemd, a container stop): either ends a follow cleanly.
async fn stop_requested() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate()).ok();
        let terminated = async {
            match term.as_mut() {
                Some(t) => {
                    t.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminated => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Expands `PREFIX*` into the groups that start with it (DescribeLogGroups).
async fn resolve_groups(
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
    groups.dedup();
    Ok(groups)
}

/// A bad filter pattern is the service's message; a missing group suggests the closest.
async fn group_error(ctx: &Context, client: &Client, group: &str, failure: AwsFailure) -> Error {
    if let AwsFailure::Service { code, message } = &failure
        && code == "InvalidParameterException"
        && message.to_lowercase().contains("filter")
    {
        return Error::failure(format!("invalid filter pattern: {message}"))
            .with_hint("see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html");
    }
    ctx.log_group_error(client, group, failure).await
}
