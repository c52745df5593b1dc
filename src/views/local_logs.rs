//! The app's log lines held by the local store (`local logs`): a window of them in time
//! order, or followed as they are committed, exactly once and in arrival order. Lines are
//! given as `logs tail` gives CloudWatch events, so one renderer draws both.

use std::future::Future;
use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use super::logs::LogEventRow;
use crate::clients::store::{LogsFilter, Store, StoreError};
use crate::error::Result;
use crate::model::local_log::{LogSource, StoredLog};
use crate::model::tail::LogEvent;

/// One stored line, as the faces show it.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalLog {
    /// What `logs tail`'s renderer draws (the event id is the line's arrival number).
    pub event: LogEvent,
    pub trace_id: Option<String>,
    pub span_id: Option<String>,
    pub severity: Option<String>,
    pub source: LogSource,
}

impl From<StoredLog> for LocalLog {
    fn from(stored: StoredLog) -> Self {
        let record = stored.record;
        LocalLog {
            event: record.as_event(stored.id),
            severity: record.severity(),
            trace_id: record.trace_id,
            span_id: record.span_id,
            source: record.source,
        }
    }
}

/// `local logs -o json`: the fields of `logs tail`'s NDJSON, and the line's trace, span,
/// severity and source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct LocalLogRow {
    #[serde(flatten)]
    pub event: LogEventRow,
    pub trace_id: Option<String>,
    pub span_id: Option<String>,
    pub severity: Option<String>,
    pub source: LogSource,
}

impl From<&LocalLog> for LocalLogRow {
    fn from(line: &LocalLog) -> Self {
        LocalLogRow {
            event: LogEventRow::from(&line.event),
            trace_id: line.trace_id.clone(),
            span_id: line.span_id.clone(),
            severity: line.severity.clone(),
            source: line.source,
        }
    }
}

/// The lines of `filter` in time order, each given to `each` until it returns false.
pub fn history(
    store: &Store,
    filter: &LogsFilter,
    each: &mut dyn FnMut(LocalLog) -> Result<bool>,
) -> Result<()> {
    let mut failed = None;
    store.logs(filter, &mut |stored| match each(LocalLog::from(stored)) {
        Ok(more) => more,
        Err(e) => {
            failed = Some(e);
            false
        }
    })?;
    failed.map_or(Ok(()), Err)
}

/// How often a follower asks the store for new lines: well inside the half second a line
/// may take from its acknowledgement to the screen.
pub const FOLLOW_POLL: Duration = Duration::from_millis(100);
/// Lines read per poll at most; a backlog is read in pages of this.
const FOLLOW_PAGE: usize = 2_000;

/// What a follower is given, in order.
pub enum Followed {
    Line(LocalLog),
    /// The lines committed so far have been given (a moment to flush).
    CaughtUp,
}

/// Gives the window of `filter` (when `history` is asked for), then every line committed
/// after it, in arrival order, until `stop` completes or `give` returns false. Each line
/// is given once: the history ends at the last line committed when it began, and the
/// follow starts after that one. Memory is one page, however long it runs.
pub async fn follow(
    path: &Path,
    filter: &LogsFilter,
    with_history: bool,
    stop: impl Future<Output = ()>,
    give: &mut dyn FnMut(Followed) -> Result<bool>,
) -> Result<()> {
    tokio::pin!(stop);
    let store = open_when_there(path, &mut stop).await?;
    let Some(store) = store else {
        return Ok(());
    };
    let mut last = store.last_log_id()?;
    if with_history {
        let until = LogsFilter {
            max_id: Some(last),
            ..filter.clone()
        };
        let mut more = true;
        history(&store, &until, &mut |line| {
            more = give(Followed::Line(line))?;
            Ok(more)
        })?;
        if !more {
            return Ok(());
        }
    }
    loop {
        let page = page_after(&store, filter, Some(last), FOLLOW_PAGE)?;
        for line in page.lines {
            if !give(Followed::Line(line))? {
                return Ok(());
            }
        }
        last = page.read_to;
        if page.more {
            continue;
        }
        if !give(Followed::CaughtUp)? {
            return Ok(());
        }
        tokio::select! {
            _ = tokio::time::sleep(FOLLOW_POLL) => {}
            _ = &mut stop => return Ok(()),
        }
    }
}

/// A page of lines by arrival: what a follower reads each time it asks.
#[derive(Debug, Clone, PartialEq)]
pub struct ArrivalPage {
    /// The lines `filter` admits, in arrival order.
    pub lines: Vec<LocalLog>,
    /// The arrival number read up to: the next page starts after it.
    pub read_to: i64,
    /// More lines were committed than one page holds.
    pub more: bool,
}

/// The lines committed after arrival number `after` (`None`: the last `limit` lines), at
/// most `limit` of them. Pages by arrival number, not by matches: lines the filter leaves
/// out still move the cursor, so a page never reads more than `limit` lines. Time bounds
/// of `filter` are ignored: new lines are new whatever their own timestamps say.
pub fn page_after(
    store: &Store,
    filter: &LogsFilter,
    after: Option<i64>,
    limit: usize,
) -> std::result::Result<ArrivalPage, StoreError> {
    let head = store.last_log_id()?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let after = after.unwrap_or_else(|| head.saturating_sub(limit).max(0));
    if head <= after {
        return Ok(ArrivalPage {
            lines: Vec::new(),
            read_to: after,
            more: false,
        });
    }
    let upto = head.min(after.saturating_add(limit));
    let lines = store
        .logs_by_arrival(&LogsFilter {
            since_ns: None,
            until_ns: None,
            after_id: Some(after),
            max_id: Some(upto),
            ..filter.clone()
        })?
        .into_iter()
        .map(LocalLog::from)
        .collect();
    Ok(ArrivalPage {
        lines,
        read_to: upto,
        more: upto < head,
    })
}

/// The store, once `local listen` has made it (a follower may start first); `None` when
/// stopped before it appeared.
async fn open_when_there(
    path: &Path,
    stop: &mut std::pin::Pin<&mut impl Future<Output = ()>>,
) -> std::result::Result<Option<Store>, StoreError> {
    loop {
        match Store::open_read(path) {
            Ok(store) => return Ok(Some(store)),
            Err(StoreError::Missing { .. }) => {}
            Err(e) => return Err(e),
        }
        tokio::select! {
            _ = tokio::time::sleep(FOLLOW_POLL) => {}
            _ = stop.as_mut() => return Ok(None),
        }
    }
}
