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
    // New lines are new whatever their own timestamps say.
    let new_lines = LogsFilter {
        since_ns: None,
        until_ns: None,
        ..filter.clone()
    };
    loop {
        // Pages by arrival number, not by matches: lines the filter leaves out still move
        // the cursor, and a page never holds more than FOLLOW_PAGE lines.
        let head = store.last_log_id()?;
        if head > last {
            let upto = head.min(last.saturating_add(FOLLOW_PAGE as i64));
            let page = store.logs_by_arrival(&LogsFilter {
                after_id: Some(last),
                max_id: Some(upto),
                ..new_lines.clone()
            })?;
            for stored in page {
                if !give(Followed::Line(LocalLog::from(stored)))? {
                    return Ok(());
                }
            }
            last = upto;
            if upto < head {
                continue;
            }
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
