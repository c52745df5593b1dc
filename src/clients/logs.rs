//! Typed CloudWatch Logs calls: all pages, results as plain model values, failures sorted
//! into [`AwsFailure`].

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use aws_sdk_cloudwatchlogs::Client;
use aws_sdk_cloudwatchlogs::types::OrderBy;
use jiff::Timestamp;
use serde::Serialize;

use super::Limiter;
use super::aws::{AwsFailure, Tokens, classify};
use tokio::sync::mpsc;

use crate::model::tail::{LogEvent, PageLimit};

/// One log group, as `logs groups` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogGroup {
    pub name: String,
    pub stored_bytes: Option<i64>,
    pub retention_days: Option<i32>,
    pub created: Option<Timestamp>,
}

/// One log stream, as `logs streams` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogStream {
    pub name: String,
    pub first_event: Option<Timestamp>,
    pub last_event: Option<Timestamp>,
    pub created: Option<Timestamp>,
}

fn ms(value: Option<i64>) -> Option<Timestamp> {
    value.and_then(|v| Timestamp::from_millisecond(v).ok())
}

/// Every log group whose name starts with `prefix` (all of them without one), by name.
pub async fn list_groups(
    client: &Client,
    prefix: Option<&str>,
) -> Result<Vec<LogGroup>, AwsFailure> {
    let prefix = prefix.filter(|p| !p.is_empty()).map(str::to_string);
    // Paged by hand, not by the SDK's paginator: it ends quietly on a repeated token,
    // where a repeat is an error here (said, never a silently short or doubled list).
    let mut tokens = Tokens::default();
    let mut token = None;
    let mut groups = Vec::new();
    loop {
        let page = client
            .describe_log_groups()
            .set_log_group_name_prefix(prefix.clone())
            .set_next_token(token.take())
            .send()
            .await
            .map_err(|e| classify(&e))?;
        groups.extend(
            page.log_groups
                .unwrap_or_default()
                .into_iter()
                .map(|g| LogGroup {
                    name: g.log_group_name.unwrap_or_default(),
                    stored_bytes: g.stored_bytes,
                    retention_days: g.retention_in_days,
                    created: ms(g.creation_time),
                }),
        );
        match tokens.next(page.next_token, "the log groups")? {
            Some(next) => token = Some(next),
            None => return Ok(groups),
        }
    }
}

/// One cheap read (a page of one log group): whether the service answers these credentials.
pub async fn ping(client: &Client) -> Result<(), AwsFailure> {
    client
        .describe_log_groups()
        .limit(1)
        .send()
        .await
        .map(|_| ())
        .map_err(|e| classify(&e))
}

/// Every stream of `group` (starting with `prefix` when given), most recently written first.
pub async fn list_streams(
    client: &Client,
    group: &str,
    prefix: Option<&str>,
) -> Result<Vec<LogStream>, AwsFailure> {
    let prefix = prefix.filter(|p| !p.is_empty()).map(str::to_string);
    // The API allows a name prefix only when ordering by name; order by time ourselves.
    let order = if prefix.is_some() {
        OrderBy::LogStreamName
    } else {
        OrderBy::LastEventTime
    };
    // Paged by hand, as the groups are.
    let mut tokens = Tokens::default();
    let mut token = None;
    let mut streams = Vec::new();
    loop {
        let page = client
            .describe_log_streams()
            .log_group_name(group)
            .set_log_stream_name_prefix(prefix.clone())
            .order_by(order.clone())
            .descending(false)
            .set_next_token(token.take())
            .send()
            .await
            .map_err(|e| classify(&e))?;
        streams.extend(
            page.log_streams
                .unwrap_or_default()
                .into_iter()
                .map(|s| LogStream {
                    name: s.log_stream_name.unwrap_or_default(),
                    first_event: ms(s.first_event_timestamp),
                    last_event: ms(s.last_event_timestamp),
                    created: ms(s.creation_time),
                }),
        );
        match tokens.next(page.next_token, &format!("the streams of {group}"))? {
            Some(next) => token = Some(next),
            None => break,
        }
    }
    streams.sort_by(|a, b| {
        b.last_event
            .cmp(&a.last_event)
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(streams)
}

/// FilterLogEvents requests per second tracectl allows itself: CloudWatch allows about 5
/// TPS per account and region, shared by every tailer the user runs, so tracectl stays
/// under it on its own.
pub const FILTER_TPS: u32 = 5;

/// The one shared FilterLogEvents budget of a run.
pub fn limiter() -> Arc<Limiter> {
    super::limiter(FILTER_TPS)
}

/// What one FilterLogEvents scan asks for. Times are epoch ms, both ends inclusive (as the
/// API treats them).
#[derive(Debug, Clone)]
pub struct FilterQuery {
    pub group: Arc<str>,
    pub start: i64,
    pub end: Option<i64>,
    pub pattern: Option<String>,
    pub streams: Vec<String>,
    pub stream_prefix: Option<String>,
    /// The page size to ask for, learned from the pages so far (shared by a run's scans).
    pub page_limit: Arc<PageLimit>,
}

/// How long to wait after the SDK's own retries gave up on a transient failure, per
/// consecutive failure; the last value repeats. A tail must outlive throttling.
const BACKOFF: [Duration; 6] = [
    Duration::from_secs(1),
    Duration::from_secs(2),
    Duration::from_secs(4),
    Duration::from_secs(8),
    Duration::from_secs(15),
    Duration::from_secs(30),
];

/// Empty pages in a row that hand back the token they were asked with before tracectl
/// calls the service stuck (each costs a rate-limited request).
const MAX_REPEATED_EMPTY_PAGES: u32 = 100;

/// Transient failures tracectl waits out before giving up on a scan.
const MAX_TRANSIENT_FAILURES: usize = 12;

fn is_transient(failure: &AwsFailure) -> bool {
    matches!(
        failure,
        AwsFailure::Throttled { .. } | AwsFailure::Timeout | AwsFailure::Transport(_)
    )
}

/// Sends every event of the query to `pages`, a page at a time in the service's order (an
/// empty page with a `nextToken` is not the end, and is not sent). A page is fetched only
/// once the channel has room for it, so this runs at most one page ahead of the reader
/// (memory is pages, not the window); a reader that hangs up ends it.
///
/// A transient failure resumes from the same page token after a backoff, so nothing is read
/// twice or skipped; `on_backoff` hears about each wait. Backing off is for a service that
/// answered and then faltered: until a call of this run has succeeded (`reached`), a failure
/// to connect is returned at once, so a wrong endpoint fails in seconds, not minutes.
pub async fn filter_pages(
    client: &Client,
    limiter: &Limiter,
    query: &FilterQuery,
    reached: &AtomicBool,
    on_backoff: &(dyn Fn(&AwsFailure, Duration) + Sync),
    pages: &mpsc::Sender<Vec<LogEvent>>,
) -> Result<(), AwsFailure> {
    let mut token: Option<String> = None;
    let mut failures = 0;
    let mut tokens = Tokens::default();
    let mut stuck = 0;
    loop {
        let Ok(slot) = pages.reserve().await else {
            return Ok(()); // the reader has what it wanted
        };
        limiter.until_ready().await;
        let request = client
            .filter_log_events()
            .log_group_name(query.group.as_ref())
            .start_time(query.start)
            .set_end_time(query.end)
            .set_filter_pattern(query.pattern.clone())
            .set_log_stream_names((!query.streams.is_empty()).then(|| query.streams.clone()))
            .set_log_stream_name_prefix(query.stream_prefix.clone())
            .set_next_token(token.clone())
            .set_limit(query.page_limit.get());
        #[allow(deprecated)] // ignored by AWS (always interleaved); moto sorts only with it
        let request = request.interleaved(true);
        let page = match request.send().await {
            Ok(page) => page,
            Err(e) => {
                let failure = classify(&e);
                if !is_transient(&failure)
                    || failures >= MAX_TRANSIENT_FAILURES
                    || !reached.load(Ordering::Relaxed)
                {
                    return Err(failure);
                }
                let wait = BACKOFF[failures.min(BACKOFF.len() - 1)];
                failures += 1;
                on_backoff(&failure, wait);
                tokio::time::sleep(wait).await;
                continue;
            }
        };
        reached.store(true, Ordering::Relaxed);
        failures = 0;
        let events: Vec<LogEvent> = page
            .events
            .unwrap_or_default()
            .into_iter()
            .map(|e| LogEvent {
                group: query.group.clone(),
                stream: e.log_stream_name.unwrap_or_default(),
                event_id: e.event_id.unwrap_or_default(),
                timestamp: e.timestamp.unwrap_or_default(),
                ingestion_time: e.ingestion_time.unwrap_or_default(),
                message: e.message.unwrap_or_default(),
            })
            // AWS filters by prefix itself; this also holds against emulators that do not.
            .filter(|e| {
                query
                    .stream_prefix
                    .as_deref()
                    .is_none_or(|p| e.stream.starts_with(p))
            })
            .collect();
        // Only a missing token ends the results: an empty page is not the end. CloudWatch
        // may hand back the token it was asked with on an empty page while it searches on
        // (aws/aws-cli#3191), so that is allowed, a bounded number of times in a row; any
        // other token given twice is an error at once, never a loop or a doubled result.
        query
            .page_limit
            .learn(events.len(), events.iter().map(PageLimit::bytes_of).sum());
        let page_was_empty = events.is_empty();
        if !page_was_empty {
            slot.send(events);
        }
        let searching_on = page_was_empty && page.next_token.is_some() && page.next_token == token;
        if searching_on {
            stuck += 1;
            if stuck >= MAX_REPEATED_EMPTY_PAGES {
                return Err(AwsFailure::BadAnswer(format!(
                    "CloudWatch Logs returned the same empty page {MAX_REPEATED_EMPTY_PAGES} times in a row for {}",
                    query.group
                )));
            }
            continue;
        }
        stuck = 0;
        match tokens.next(page.next_token, &format!("the events of {}", query.group))? {
            None => return Ok(()),
            Some(next) => token = Some(next),
        }
    }
}

/// A Logs Insights result set: the status and rows so far (`@ptr` dropped), and statistics.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryResults {
    pub status: String,
    pub rows: Vec<Vec<(String, String)>>,
    pub records_matched: f64,
    pub records_scanned: f64,
}

/// Starts an Insights query over `[start, end]` in epoch **seconds** (Insights, unlike
/// FilterLogEvents, takes seconds) and returns its id.
pub async fn start_query(
    client: &Client,
    groups: &[String],
    start: i64,
    end: i64,
    query: &str,
) -> Result<String, AwsFailure> {
    let started = client
        .start_query()
        .set_log_group_names(Some(groups.to_vec()))
        .start_time(start)
        .end_time(end)
        .query_string(query)
        .send()
        .await
        .map_err(|e| classify(&e))?;
    started
        .query_id
        .ok_or_else(|| AwsFailure::Transport("StartQuery returned no query id".into()))
}

/// The current status and rows of a query (partial while it is `Running`).
pub async fn query_results(client: &Client, query_id: &str) -> Result<QueryResults, AwsFailure> {
    let out = client
        .get_query_results()
        .query_id(query_id)
        .send()
        .await
        .map_err(|e| classify(&e))?;
    let rows = out
        .results
        .unwrap_or_default()
        .into_iter()
        .map(|row| {
            row.into_iter()
                .filter_map(|f| Some((f.field?, f.value.unwrap_or_default())))
                .filter(|(field, _)| field != "@ptr")
                .collect()
        })
        .collect();
    let stats = out.statistics;
    Ok(QueryResults {
        status: out
            .status
            .map(|s| s.as_str().to_string())
            .unwrap_or_else(|| "Unknown".into()),
        rows,
        records_matched: stats.as_ref().map_or(0.0, |s| s.records_matched),
        records_scanned: stats.as_ref().map_or(0.0, |s| s.records_scanned),
    })
}

/// Why an Insights query gave no results.
#[derive(Debug, Clone, PartialEq)]
pub enum InsightsError {
    /// StartQuery or GetQueryResults failed.
    Aws(AwsFailure),
    /// The query ended with another status than Complete (Failed, Cancelled, Timeout).
    Ended { status: String, query_id: String },
    /// Still running after the time given.
    TimedOut { query_id: String },
}

/// Insights stops a query after 60 minutes of runtime.
pub const INSIGHTS_MAX_RUNTIME: Duration = Duration::from_secs(60 * 60);

/// Runs an Insights query over `[start, end]` (epoch seconds, both included) to the end:
/// started, then polled (short first waits, since small queries finish in a second, growing
/// to one a second) until Complete or `give_up_after`. `progress` sees each partial answer.
pub async fn run_query(
    client: &Client,
    groups: &[String],
    (start, end): (i64, i64),
    query: &str,
    give_up_after: Duration,
    progress: &(dyn Fn(&QueryResults) + Sync),
) -> Result<QueryResults, InsightsError> {
    let query_id = start_query(client, groups, start, end, query)
        .await
        .map_err(InsightsError::Aws)?;
    let deadline = tokio::time::Instant::now() + give_up_after;
    let mut wait = Duration::from_millis(250);
    loop {
        let results = query_results(client, &query_id)
            .await
            .map_err(InsightsError::Aws)?;
        match results.status.as_str() {
            "Complete" => return Ok(results),
            "Running" | "Scheduled" => progress(&results),
            other => {
                return Err(InsightsError::Ended {
                    status: other.to_string(),
                    query_id,
                });
            }
        }
        if tokio::time::Instant::now() + wait > deadline {
            return Err(InsightsError::TimedOut { query_id });
        }
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(Duration::from_secs(1));
    }
}
