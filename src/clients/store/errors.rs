//! Error reports of the Rollbar stand-in: each occurrence (its payload's `data`, secret
//! headers masked) under the item it groups into, numbered like Rollbar's project counter.

use std::path::Path;

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Store, StoreError, classify, classify_read};
use crate::model::local_error::{Deploy, ErrorRecord};

/// Version 3: error items (groups) and their occurrences.
pub(super) const MIGRATE_V3: &str = "
CREATE TABLE error_items (
    counter     INTEGER PRIMARY KEY AUTOINCREMENT,
    fingerprint TEXT NOT NULL UNIQUE
);
CREATE TABLE errors (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid              TEXT NOT NULL UNIQUE,
    item              INTEGER NOT NULL REFERENCES error_items (counter),
    time_ns           INTEGER NOT NULL,
    received_ns       INTEGER NOT NULL,
    environment       TEXT NOT NULL,
    level             TEXT NOT NULL,
    title             TEXT NOT NULL,
    exception_class   TEXT,
    exception_message TEXT,
    code_version      TEXT,
    trace_id          TEXT,
    span_id           TEXT,
    fingerprint       TEXT NOT NULL,
    data              TEXT NOT NULL
);
CREATE INDEX errors_by_time ON errors (time_ns);
CREATE INDEX errors_by_item ON errors (item, time_ns);
CREATE INDEX errors_by_trace ON errors (trace_id) WHERE trace_id IS NOT NULL;
CREATE TABLE deploys (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    time_ns     INTEGER NOT NULL,
    environment TEXT NOT NULL,
    revision    TEXT NOT NULL,
    user        TEXT,
    comment     TEXT
);
";

/// Which items `local errors` lists.
#[derive(Debug, Clone, Default)]
pub struct ErrorsFilter {
    pub since_ns: Option<i64>,
    pub environment: Option<String>,
    /// Exactly this level (Rollbar's names).
    pub level: Option<String>,
}

/// One item: its occurrences in the window, and its latest occurrence's words.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorItem {
    pub counter: i64,
    pub occurrences: i64,
    pub first_ns: i64,
    pub last_ns: i64,
    pub environment: String,
    pub level: String,
    pub title: String,
}

/// One stored occurrence.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredError {
    pub id: i64,
    pub item: i64,
    pub record: ErrorRecord,
}

/// Stores occurrences within `tx`: one already stored (the same uuid, which Rollbar drops
/// too) is left as it is; a new one joins its item, made on its first occurrence.
pub(super) fn insert(
    tx: &Transaction<'_>,
    path: &Path,
    errors: &[&ErrorRecord],
    deploys: &[&Deploy],
) -> Result<(), StoreError> {
    let write = |e| classify(path, e);
    for d in deploys {
        tx.execute(
            "INSERT INTO deploys (time_ns, environment, revision, user, comment)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![d.time_ns, d.environment, d.revision, d.user, d.comment],
        )
        .map_err(write)?;
    }
    for e in errors {
        let known: Option<i64> = tx
            .query_row("SELECT id FROM errors WHERE uuid = ?1", [&e.uuid], |r| {
                r.get(0)
            })
            .optional()
            .map_err(write)?;
        if known.is_some() {
            continue;
        }
        tx.execute(
            "INSERT OR IGNORE INTO error_items (fingerprint) VALUES (?1)",
            [&e.fingerprint],
        )
        .map_err(write)?;
        tx.execute(
            "INSERT INTO errors (uuid, item, time_ns, received_ns, environment, level, title,
                exception_class, exception_message, code_version, trace_id, span_id,
                fingerprint, data)
             VALUES (?1, (SELECT counter FROM error_items WHERE fingerprint = ?13), ?2, ?3, ?4,
                ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?13, ?12)",
            params![
                e.uuid,
                e.time_ns,
                e.received_ns,
                e.environment,
                e.level,
                e.title,
                e.exception_class,
                e.exception_message,
                e.code_version,
                e.trace_id,
                e.span_id,
                e.data.to_string(),
                e.fingerprint,
            ],
        )
        .map_err(write)?;
    }
    Ok(())
}

/// Deletes occurrences from before `cutoff_ns`, then the items left with none.
pub(super) fn prune(
    tx: &Transaction<'_>,
    path: &Path,
    cutoff_ns: i64,
) -> Result<usize, StoreError> {
    let write = |e| classify(path, e);
    let deleted = tx
        .execute("DELETE FROM errors WHERE time_ns < ?1", [cutoff_ns])
        .map_err(write)?;
    if deleted > 0 {
        tx.execute(
            "DELETE FROM error_items WHERE counter NOT IN (SELECT item FROM errors)",
            [],
        )
        .map_err(write)?;
    }
    Ok(deleted)
}

const ERROR_COLUMNS: &str = "id, item, uuid, time_ns, received_ns, environment, level, title,
    exception_class, exception_message, code_version, trace_id, span_id, fingerprint, data";

fn error_of_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredError> {
    Ok(StoredError {
        id: r.get(0)?,
        item: r.get(1)?,
        record: ErrorRecord {
            uuid: r.get(2)?,
            time_ns: r.get(3)?,
            received_ns: r.get(4)?,
            environment: r.get(5)?,
            level: r.get(6)?,
            title: r.get(7)?,
            exception_class: r.get(8)?,
            exception_message: r.get(9)?,
            code_version: r.get(10)?,
            trace_id: r.get(11)?,
            span_id: r.get(12)?,
            fingerprint: r.get(13)?,
            data: serde_json::from_str(&r.get::<_, String>(14)?).unwrap_or_default(),
        },
    })
}

impl Store {
    /// The items with occurrences in the window of `filter`, latest activity first.
    pub fn error_items(&self, filter: &ErrorsFilter) -> Result<Vec<ErrorItem>, StoreError> {
        if !self.has_twin() {
            return Ok(Vec::new());
        }
        let read = |e| classify_read(&self.path, e);
        // The words of an item are its latest occurrence's (SQLite takes the other columns
        // of a max() aggregate from the row that has the max).
        let mut query = self
            .conn
            .prepare(
                "SELECT item, count(*), min(time_ns), max(time_ns), environment, level, title
                 FROM errors
                 WHERE (?1 IS NULL OR time_ns >= ?1) AND (?2 IS NULL OR environment = ?2)
                   AND (?3 IS NULL OR level = ?3)
                 GROUP BY item ORDER BY max(time_ns) DESC, item DESC",
            )
            .map_err(read)?;
        let rows = query
            .query_map(
                params![filter.since_ns, filter.environment, filter.level],
                |r| {
                    Ok(ErrorItem {
                        counter: r.get(0)?,
                        occurrences: r.get(1)?,
                        first_ns: r.get(2)?,
                        last_ns: r.get(3)?,
                        environment: r.get(4)?,
                        level: r.get(5)?,
                        title: r.get(6)?,
                    })
                },
            )
            .map_err(read)?;
        rows.collect::<Result<_, _>>().map_err(read)
    }

    /// An item's occurrences, newest first, at most `limit`; how many it has in all, and
    /// the time of its first (0 when it has none).
    pub fn item_occurrences(
        &self,
        counter: i64,
        limit: usize,
    ) -> Result<(Vec<StoredError>, i64, i64), StoreError> {
        if !self.has_twin() {
            return Ok((Vec::new(), 0, 0));
        }
        let read = |e| classify_read(&self.path, e);
        let (total, first_ns): (i64, i64) = self
            .conn
            .query_row(
                "SELECT count(*), coalesce(min(time_ns), 0) FROM errors WHERE item = ?1",
                [counter],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(read)?;
        let mut query = self
            .conn
            .prepare(&format!(
                "SELECT {ERROR_COLUMNS} FROM errors WHERE item = ?1
                 ORDER BY time_ns DESC, id DESC LIMIT ?2"
            ))
            .map_err(read)?;
        let rows = query
            .query_map(params![counter, limit as i64], error_of_row)
            .map_err(read)?;
        Ok((
            rows.collect::<Result<_, _>>().map_err(read)?,
            total,
            first_ns,
        ))
    }

    /// The occurrence with `uuid`.
    pub fn error_by_uuid(&self, uuid: &str) -> Result<Option<StoredError>, StoreError> {
        if !self.has_twin() {
            return Ok(None);
        }
        self.conn
            .query_row(
                &format!("SELECT {ERROR_COLUMNS} FROM errors WHERE uuid = ?1"),
                [uuid],
                error_of_row,
            )
            .optional()
            .map_err(|e| classify_read(&self.path, e))
    }

    /// The occurrences that name a trace (W3C id), in time order.
    pub fn errors_of_trace(&self, trace_id: &str) -> Result<Vec<StoredError>, StoreError> {
        if !self.has_twin() {
            return Ok(Vec::new());
        }
        let read = |e| classify_read(&self.path, e);
        let mut query = self
            .conn
            .prepare(&format!(
                "SELECT {ERROR_COLUMNS} FROM errors WHERE trace_id = ?1 ORDER BY time_ns, id"
            ))
            .map_err(read)?;
        let rows = query.query_map([trace_id], error_of_row).map_err(read)?;
        rows.collect::<Result<_, _>>().map_err(read)
    }

    /// Occurrences and items stored.
    pub fn error_counts(&self) -> Result<(i64, i64), StoreError> {
        if !self.has_twin() {
            return Ok((0, 0));
        }
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM errors), (SELECT count(*) FROM error_items)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| classify_read(&self.path, e))
    }
}
