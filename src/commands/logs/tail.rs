//! `tracectl logs tail`: every event of a window exactly once, in time order; `--follow`.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use aws_sdk_cloudwatchlogs::Client;
use clap::{Args, ValueEnum};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::clients::Limiter;
use crate::clients::aws::AwsFailure;
use crate::clients::logs::{FilterQuery, filter_pages, limiter, list_groups};
use crate::commands::{AwsArgs, Context};
use crate::error::{Error, Result};
use crate::model::tail::{Lag, LogEvent, MergeBuffer, PageLimit, Seen};
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
/// Group scans in flight at once (slices times groups), all under the one rate limiter.
const CONCURRENCY: usize = 4;
/// FilterLogEvents takes at most 100 stream names.
const MAX_STREAMS: usize = 100;
/// Pages a group scan may fetch ahead of the printer. With pages of about 1 MiB (see
/// `PageLimit`, which holds that against servers that page by count) this, not
/// the window, bounds memory.
const PAGES_AHEAD: usize = 1;
/// During a follow's catch-up, ids below the lag window are forgotten every this many events.
const EVICT_EVERY: u64 = 1024;

type Backoff = dyn Fn(&AwsFailure, Duration) + Send + Sync;

/// Everything a scan needs besides its time range; cheap to share with the page tasks.
#[derive(Clone)]
struct Scan {
    client: Client,
    limiter: Arc<Limiter>,
    groups: Arc<[Arc<str>]>,
    pattern: Option<String>,
    streams: Vec<String>,
    stream_prefix: Option<String>,
    /// Set once a call of this run succeeded: from then on, failures are backed off.
    reached: Arc<AtomicBool>,
    on_backoff: Arc<Backoff>,
    page_limit: Arc<PageLimit>,
}

/// One time range of every group: a task per group fetching pages ahead, merged into one
/// ordered stream. Dropping it stops its tasks.
struct RangeScan {
    groups: Arc<[Arc<str>]>,
    pages: Vec<mpsc::Receiver<Vec<LogEvent>>>,
    tasks: Vec<JoinHandle<std::result::Result<(), AwsFailure>>>,
    merge: MergeBuffer,
}

impl Scan {
    /// Starts fetching `[start, end]` (ms, inclusive) of every group.
    fn start(&self, start: i64, end: Option<i64>) -> RangeScan {
        let mut pages = Vec::with_capacity(self.groups.len());
        let mut tasks = Vec::with_capacity(self.groups.len());
        for group in self.groups.iter() {
            let (tx, rx) = mpsc::channel(PAGES_AHEAD);
            let query = FilterQuery {
                group: group.clone(),
                start,
                end,
                pattern: self.pattern.clone(),
                streams: self.streams.clone(),
                stream_prefix: self.stream_prefix.clone(),
                page_limit: self.page_limit.clone(),
            };
            let scan = self.clone();
            tasks.push(tokio::spawn(async move {
                let on_backoff = |f: &AwsFailure, wait: Duration| (scan.on_backoff)(f, wait);
                filter_pages(
                    &scan.client,
                    &scan.limiter,
                    &query,
                    &scan.reached,
                    &on_backoff,
                    &tx,
                )
                .await
            }));
            pages.push(rx);
        }
        RangeScan {
            groups: self.groups.clone(),
            merge: MergeBuffer::new(pages.len()),
            pages,
            tasks,
        }
    }
}

impl RangeScan {
    /// The next event in output order; `None` once every group is done.
    async fn next(&mut self) -> std::result::Result<Option<LogEvent>, Failure> {
        while let Some(i) = self.merge.wants() {
            match self.pages[i].recv().await {
                Some(page) => self.merge.push(i, page),
                None => match (&mut self.tasks[i]).await {
                    Ok(Ok(())) => self.merge.finish(i),
                    Ok(Err(failure)) => return Err(Failure::Aws(self.groups[i].clone(), failure)),
                    Err(e) => {
                        return Err(Failure::Output(Error::failure(format!(
                            "internal error: a log scan stopped: {e}"
                        ))));
                    }
                },
            }
        }
        Ok(self.merge.pop())
    }
}

impl Drop for RangeScan {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

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
    let scan = Scan {
        client: client.clone(),
        limiter: limiter(),
        groups: groups.into(),
        pattern: args.filter.clone(),
        streams: args.streams.clone(),
        stream_prefix: args.stream_prefix.clone(),
        reached: Arc::new(AtomicBool::new(false)),
        on_backoff,
        page_limit: Default::default(),
    };
    let mut out = Output {
        ctx,
        renderer,
        printed: 0,
        max: args.max_events,
    };
    let reached = scan.reached.clone();
    let work = ctx.patiently_until_answered("reading log events", &reached, async {
        if args.follow {
            follow(&scan, &mut out, window, &args).await
        } else {
            history(&scan, window, &mut |e| out.print(e)).await
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

fn ms(ts: jiff::Timestamp) -> i64 {
    ts.as_millisecond()
}

/// A fixed window, cut into slices that are fetched a few at a time ahead of the printer
/// and handed to `each` in order, event by event. Slices share no millisecond, so no event
/// is fetched twice; memory is a few pages, whatever the window. `each` returns false to
/// stop.
async fn history(
    scan: &Scan,
    window: Window,
    each: &mut dyn FnMut(&LogEvent) -> Result<bool>,
) -> std::result::Result<(), Failure> {
    let wanted = (window.duration().as_secs_f64() / MIN_SLICE.as_secs_f64()).ceil() as u32;
    let count = wanted.clamp(1, MAX_SLICES);
    let slices = window.slices(window.duration() / count);
    let last = slices.len() - 1;
    let mut pending: VecDeque<(i64, Option<i64>)> = slices
        .into_iter()
        .enumerate()
        .map(|(i, slice)| {
            let end = if i == last {
                ms(slice.end)
            } else {
                ms(slice.end) - 1
            };
            (ms(slice.start), Some(end))
        })
        .collect();
    let ahead = (CONCURRENCY / scan.groups.len()).max(1);
    let mut running: VecDeque<RangeScan> = VecDeque::new();
    loop {
        while running.len() < ahead
            && let Some((start, end)) = pending.pop_front()
        {
            running.push_back(scan.start(start, end));
        }
        let Some(current) = running.front_mut() else {
            return Ok(());
        };
        match current.next().await? {
            Some(e) => {
                if !each(&e)? {
                    return Ok(());
                }
            }
            None => {
                running.pop_front();
            }
        }
    }
}

/// Prints the window so far, then polls until Ctrl-C, --until, --max-events or
/// --idle-timeout, re-scanning the lag window each time so late events still appear, each
/// exactly once (see `model::tail::Seen`).
async fn follow(
    scan: &Scan,
    out: &mut Output<'_>,
    window: Window,
    args: &TailArgs,
) -> std::result::Result<(), Failure> {
    let until = args.until.map(|_| ms(window.end));
    let start = ms(window.start);
    let mut seen = Seen::for_poll(args.poll);
    let mut lag = Lag::new(args.lag);
    let stop = super::super::stop_requested();
    tokio::pin!(stop);
    // --idle-timeout: a deadline pushed forward by every new event, raced against the
    // scans and the waits between polls alike.
    let idle = tokio::time::sleep(args.idle_timeout.unwrap_or(Duration::MAX / 4));
    tokio::pin!(idle);
    let mut last_new = Instant::now();
    let mut stopped = false;

    // Catch up with the window so far, in slices like a history, remembering as it goes.
    let caught_up_to = now_ms().min(until.unwrap_or(i64::MAX));
    let catch_up = Window::from_millis(start, caught_up_to);
    let mut admitted = 0u64;
    let mut admit_and_print = |e: &LogEvent| -> Result<bool> {
        lag.observe(e);
        if !seen.admit(e) {
            return Ok(true);
        }
        admitted += 1;
        if admitted.is_multiple_of(EVICT_EVERY) {
            seen.evict_before(seen.cursor(start, lag.current(), now_ms()));
        }
        last_new = Instant::now();
        out.print(e)
    };
    if let Some(catch_up) = catch_up {
        tokio::select! {
            r = history(scan, catch_up, &mut admit_and_print) => r?,
            _ = &mut stop => stopped = true,
        }
    }
    out.ctx.printer.flush()?;
    if stopped || out.max.is_some_and(|m| out.printed >= m) {
        return Ok(());
    }
    let names: Vec<&str> = scan.groups.iter().map(|g| g.as_ref()).collect();
    out.ctx.printer.status(&format!(
        "following {} (Ctrl-C to stop) — late events up to {} s old are still caught",
        names.join(", "),
        lag.current().as_secs()
    ));
    if let Some(limit) = args.idle_timeout {
        idle.as_mut().reset((last_new + limit).into());
    }

    loop {
        seen.evict_before(seen.cursor(start, lag.current(), now_ms()));
        if until.is_some_and(|u| now_ms() > u) {
            return Ok(());
        }
        tokio::select! {
            _ = tokio::time::sleep(args.poll) => {}
            _ = &mut stop => return Ok(()),
            _ = &mut idle => return Ok(()),
        }
        let cursor = seen.cursor(start, lag.current(), now_ms());
        let mut range = scan.start(cursor, until);
        loop {
            let next = tokio::select! {
                next = range.next() => next?,
                _ = &mut stop => return Ok(()),
                _ = &mut idle => return Ok(()),
            };
            let Some(e) = next else { break };
            lag.observe(&e);
            if seen.admit(&e) {
                if let Some(limit) = args.idle_timeout {
                    idle.as_mut().reset((Instant::now() + limit).into());
                }
                if !out.print(&e)? {
                    return Ok(());
                }
            }
        }
        out.ctx.printer.flush()?;
    }
}

fn now_ms() -> i64 {
    ms(jiff::Timestamp::now())
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
    // One group once, however often it was named or matched (`/a /b /a`, or a prefix that
    // covers a named group): each is scanned once, in the order first named.
    let mut seen = std::collections::HashSet::new();
    groups.retain(|g| seen.insert(g.clone()));
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
