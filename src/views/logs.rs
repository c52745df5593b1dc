//! The log views over CloudWatch Logs: every event of a window exactly once, in time order,
//! from several groups at once ([`history`], [`page`]), and the follow loop that keeps
//! giving new and late events as they come ([`follow`]). `logs tail` prints what these
//! give; another face collects or streams it.
//!
//! The engine: a window is cut into slices fetched a few at a time; each slice runs a task
//! per group that fetches pages ahead (bounded: [`PAGES_AHEAD`] pages of about 1 MiB), and
//! the groups' pages are merged by time (`model::tail::MergeBuffer`). Following re-scans
//! the lag window on every poll and drops what it has given (`model::tail::Seen`).

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use aws_sdk_cloudwatchlogs::Client;
use serde::Serialize;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::clients::Limiter;
use crate::clients::aws::AwsFailure;
use crate::clients::logs::{FilterQuery, filter_pages, limiter};
use crate::error::{Error, Result};
use crate::model::tail::{Lag, LogEvent, MergeBuffer, PageLimit, Seen};
use crate::model::time::Window;

/// Historical windows are cut into at most this many slices, fetched concurrently.
const MAX_SLICES: u32 = 16;
/// No slice is shorter than this: tiny slices only add requests.
const MIN_SLICE: Duration = Duration::from_secs(120);
/// Group scans in flight at once (slices times groups), all under the one rate limiter.
const CONCURRENCY: usize = 4;
/// Pages a group scan may fetch ahead of the consumer. With pages of about 1 MiB (see
/// `PageLimit`, which holds that against servers that page by count) this, not
/// the window, bounds memory.
const PAGES_AHEAD: usize = 1;
/// During a follow's catch-up, ids below the lag window are forgotten every this many events.
const EVICT_EVERY: u64 = 1024;

/// Told of each throttled or failing call that is backed off (the wait, then a retry).
pub type Backoff = dyn Fn(&AwsFailure, Duration) + Send + Sync;

/// Which events of the groups: CloudWatch's own filters, applied by the service.
#[derive(Debug, Clone, Default)]
pub struct LogSelection {
    /// A CloudWatch filter pattern (`ERROR`, `{ $.level = "ERROR" }`).
    pub pattern: Option<String>,
    /// Only these streams (at most 100, CloudWatch's limit).
    pub streams: Vec<String>,
    /// Only streams whose name starts with this.
    pub stream_prefix: Option<String>,
}

/// Why a scan stopped early.
#[derive(Debug)]
pub enum ScanFailure {
    /// A group's calls failed for good (a missing group, a bad pattern, no access).
    Aws {
        group: Arc<str>,
        failure: AwsFailure,
    },
    /// The consumer failed (output that cannot be written) or a scan task died.
    Stopped(Error),
}

impl From<Error> for ScanFailure {
    fn from(e: Error) -> Self {
        ScanFailure::Stopped(e)
    }
}

/// Everything a scan needs besides its time range; cheap to share with the page tasks.
#[derive(Clone)]
pub struct LogScan {
    client: Client,
    limiter: Arc<Limiter>,
    groups: Arc<[Arc<str>]>,
    selection: LogSelection,
    /// Set once a call of this run succeeded: from then on, failures are backed off.
    reached: Arc<AtomicBool>,
    on_backoff: Arc<Backoff>,
    page_limit: Arc<PageLimit>,
}

impl LogScan {
    /// A scan of `groups` (names, not prefixes), sharing the process's rate limiter.
    pub fn new(
        client: Client,
        groups: Vec<Arc<str>>,
        selection: LogSelection,
        on_backoff: Arc<Backoff>,
    ) -> LogScan {
        LogScan {
            client,
            limiter: limiter(),
            groups: groups.into(),
            selection,
            reached: Arc::new(AtomicBool::new(false)),
            on_backoff,
            page_limit: Default::default(),
        }
    }

    pub fn groups(&self) -> &[Arc<str>] {
        &self.groups
    }

    /// Set once CloudWatch has answered a call of this scan.
    pub fn reached(&self) -> Arc<AtomicBool> {
        self.reached.clone()
    }

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
                pattern: self.selection.pattern.clone(),
                streams: self.selection.streams.clone(),
                stream_prefix: self.selection.stream_prefix.clone(),
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

/// One time range of every group: a task per group fetching pages ahead, merged into one
/// ordered stream. Dropping it stops its tasks.
struct RangeScan {
    groups: Arc<[Arc<str>]>,
    pages: Vec<mpsc::Receiver<Vec<LogEvent>>>,
    tasks: Vec<JoinHandle<std::result::Result<(), AwsFailure>>>,
    merge: MergeBuffer,
}

impl RangeScan {
    /// The next event in time order; `None` once every group is done.
    async fn next(&mut self) -> std::result::Result<Option<LogEvent>, ScanFailure> {
        while let Some(i) = self.merge.wants() {
            match self.pages[i].recv().await {
                Some(page) => self.merge.push(i, page),
                None => match (&mut self.tasks[i]).await {
                    Ok(Ok(())) => self.merge.finish(i),
                    Ok(Err(failure)) => {
                        return Err(ScanFailure::Aws {
                            group: self.groups[i].clone(),
                            failure,
                        });
                    }
                    Err(e) => {
                        return Err(ScanFailure::Stopped(Error::failure(format!(
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

fn ms(ts: jiff::Timestamp) -> i64 {
    ts.as_millisecond()
}

fn now_ms() -> i64 {
    ms(jiff::Timestamp::now())
}

/// A fixed window, cut into slices that are fetched a few at a time ahead of the consumer
/// and handed to `each` in order, event by event. Slices share no millisecond, so no event
/// is fetched twice; memory is a few pages, whatever the window. `each` returns false to
/// stop.
pub async fn history(
    scan: &LogScan,
    window: Window,
    each: &mut dyn FnMut(&LogEvent) -> Result<bool>,
) -> std::result::Result<(), ScanFailure> {
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

/// One event as reports give it: times as RFC 3339, as `logs tail --format json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct LogEventRow {
    pub timestamp: String,
    pub ingestion_time: String,
    pub group: String,
    pub stream: String,
    pub event_id: String,
    pub message: String,
}

impl From<&LogEvent> for LogEventRow {
    fn from(e: &LogEvent) -> Self {
        let rfc3339 = |ms: i64| {
            jiff::Timestamp::from_millisecond(ms)
                .map(|t| t.to_string())
                .unwrap_or_default()
        };
        LogEventRow {
            timestamp: rfc3339(e.timestamp),
            ingestion_time: rfc3339(e.ingestion_time),
            group: e.group.to_string(),
            stream: e.stream.clone(),
            event_id: e.event_id.clone(),
            message: e.message.clone(),
        }
    }
}

/// The first events of a window, at most `limit`, and whether there were more.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LogPage {
    pub window: super::WindowReport,
    pub groups: Vec<String>,
    pub events: Vec<LogEventRow>,
    /// More events matched than `limit`: narrow the window or the filter to see them.
    pub truncated: bool,
}

/// The first `limit` events of `window` in time order (a page, for a face that shows a
/// bounded list rather than a stream).
pub async fn page(
    scan: &LogScan,
    window: Window,
    limit: usize,
) -> std::result::Result<LogPage, ScanFailure> {
    let mut events = Vec::new();
    let mut truncated = false;
    history(scan, window, &mut |e| {
        if events.len() == limit {
            truncated = true;
            return Ok(false);
        }
        events.push(LogEventRow::from(e));
        Ok(true)
    })
    .await?;
    Ok(LogPage {
        window: window.into(),
        groups: scan.groups.iter().map(|g| g.to_string()).collect(),
        events,
        truncated,
    })
}

/// How to follow.
#[derive(Debug, Clone, Copy)]
pub struct Follow {
    /// The window's start (ms): the catch-up begins here.
    pub start: i64,
    /// Stop once past this (ms).
    pub until: Option<i64>,
    pub poll: Duration,
    /// How far back each poll re-scans; `None` learns it from the events' ingestion delay.
    pub lag: Option<Duration>,
    /// Stop after this long without a new event.
    pub idle_timeout: Option<Duration>,
}

/// What the follow loop gives its consumer, in order.
pub enum Followed<'a> {
    /// An event not given before.
    Event(&'a LogEvent),
    /// The window so far has been given; from here on, new events as they come. Late
    /// events up to `lag` old are still caught.
    CaughtUp { lag: Duration },
    /// A poll's events have all been given (a moment to flush).
    Polled,
}

/// Gives the window so far, then polls until `stop` completes, `until`, the idle timeout,
/// or the consumer returns false, re-scanning the lag window each time so late events
/// still appear, each exactly once (see `model::tail::Seen`).
pub async fn follow(
    scan: &LogScan,
    follow: Follow,
    stop: impl Future<Output = ()>,
    give: &mut dyn FnMut(Followed) -> Result<bool>,
) -> std::result::Result<(), ScanFailure> {
    let Follow {
        start,
        until,
        poll,
        idle_timeout,
        ..
    } = follow;
    let mut seen = Seen::for_poll(poll);
    let mut lag = Lag::new(follow.lag);
    tokio::pin!(stop);
    // The idle timeout: a deadline pushed forward by every new event, raced against the
    // scans and the waits between polls alike.
    let idle = tokio::time::sleep(idle_timeout.unwrap_or(Duration::MAX / 4));
    tokio::pin!(idle);
    let mut last_new = Instant::now();
    let mut stopped = false;
    let mut ended = false;

    // Catch up with the window so far, in slices like a history, remembering as it goes.
    let caught_up_to = now_ms().min(until.unwrap_or(i64::MAX));
    let catch_up = Window::from_millis(start, caught_up_to);
    let mut admitted = 0u64;
    let mut admit_and_give = |e: &LogEvent| -> Result<bool> {
        lag.observe(e);
        if !seen.admit(e) {
            return Ok(true);
        }
        admitted += 1;
        if admitted.is_multiple_of(EVICT_EVERY) {
            seen.evict_before(seen.cursor(start, lag.current(), now_ms()));
        }
        last_new = Instant::now();
        let more = give(Followed::Event(e))?;
        ended = !more;
        Ok(more)
    };
    if let Some(catch_up) = catch_up {
        tokio::select! {
            r = history(scan, catch_up, &mut admit_and_give) => r?,
            _ = &mut stop => stopped = true,
        }
    }
    if stopped || ended {
        return Ok(());
    }
    if !give(Followed::CaughtUp { lag: lag.current() })? {
        return Ok(());
    }
    if let Some(limit) = idle_timeout {
        idle.as_mut().reset((last_new + limit).into());
    }

    loop {
        seen.evict_before(seen.cursor(start, lag.current(), now_ms()));
        if until.is_some_and(|u| now_ms() > u) {
            return Ok(());
        }
        tokio::select! {
            _ = tokio::time::sleep(poll) => {}
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
                if let Some(limit) = idle_timeout {
                    idle.as_mut().reset((Instant::now() + limit).into());
                }
                if !give(Followed::Event(&e))? {
                    return Ok(());
                }
            }
        }
        if !give(Followed::Polled)? {
            return Ok(());
        }
    }
}
