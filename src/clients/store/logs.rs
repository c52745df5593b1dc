//! The app's log lines beside its spans (OTLP logs and the CloudWatch Logs stand-in), and
//! the stand-in's log groups and streams. Lines are numbered in the order they were
//! committed (`AUTOINCREMENT`: a number is never used twice, even after a prune), which is
//! what `local logs -f` follows by: exactly once, in arrival order.
//!
//! Finding a trace's lines needs an index by trace id, and trace ids are random: an SQLite
//! index updated line by line dirties a page of it for nearly every line, which caps a
//! burst at a fifth of what the table alone takes. So the trace index is written in sorted
//! runs ([`TraceIndex`]): the writer keeps the lines not yet indexed in memory and writes
//! them in one ordered pass every [`INDEX_RUN`] lines or [`INDEX_DELAY`], in the same
//! transaction as a commit; a mark says up to which line the index is complete, and a
//! reader scans the few lines after it. A writer killed before a run is written leaves the
//! lines after the mark, which the next writer indexes.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rusqlite::{Transaction, params};

use super::{Store, StoreError, classify, classify_read, insert_entries};
use crate::model::cloudwatch::{LogGroup, RegistryChange};
use crate::model::local_log::{LogRecord, LogSource, StoredLog, severity_rank};

/// Version 3: log lines, and the stand-in's groups and streams.
pub(super) const MIGRATE_V3: &str = "
CREATE TABLE logs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    time_ns         INTEGER NOT NULL,
    observed_ns     INTEGER NOT NULL,
    severity_number INTEGER,
    severity_text   TEXT,
    body            TEXT NOT NULL,
    trace_id        TEXT,
    span_id         TEXT,
    service         TEXT,
    scope           TEXT,
    log_group       TEXT,
    log_stream      TEXT,
    attributes      TEXT NOT NULL,
    resource        TEXT NOT NULL,
    source          TEXT NOT NULL
);
CREATE INDEX logs_by_time ON logs (time_ns);
CREATE TABLE log_trace_index (
    trace_key INTEGER NOT NULL,
    id        INTEGER NOT NULL,
    PRIMARY KEY (trace_key, id)
) WITHOUT ROWID;
CREATE TABLE log_index_mark (id INTEGER NOT NULL);
INSERT INTO log_index_mark VALUES (0);
CREATE TABLE log_groups (
    name           TEXT PRIMARY KEY,
    created_ms     INTEGER NOT NULL,
    retention_days INTEGER
);
CREATE TABLE log_streams (
    log_group  TEXT NOT NULL,
    name       TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    PRIMARY KEY (log_group, name)
);
";

/// Which lines to read.
#[derive(Debug, Clone, Default)]
pub struct LogsFilter {
    /// Written at or after (epoch ns).
    pub since_ns: Option<i64>,
    /// Written before (epoch ns).
    pub until_ns: Option<i64>,
    /// W3C form.
    pub trace_id: Option<String>,
    pub service: Option<String>,
    pub group: Option<String>,
    /// At least this severe (a word `severity_rank` knows).
    pub min_level: Option<String>,
    /// Lines whose message contains this text (case-sensitive, as `grep`).
    pub grep: Option<String>,
    /// Lines committed after this one (arrival number).
    pub after_id: Option<i64>,
    /// Lines committed up to this one.
    pub max_id: Option<i64>,
}

impl LogsFilter {
    /// The SQL condition and its parameters (numbered from 1).
    fn sql(&self) -> (String, Vec<Box<dyn rusqlite::ToSql>>) {
        let mut terms: Vec<String> = Vec::new();
        let mut values: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        let mut add = |term: &str, value: Box<dyn rusqlite::ToSql>| {
            values.push(value);
            terms.push(term.replace('?', &format!("?{}", values.len())));
        };
        if let Some(since) = self.since_ns {
            add("time_ns >= ?", Box::new(since));
        }
        if let Some(until) = self.until_ns {
            add("time_ns < ?", Box::new(until));
        }
        if let Some(service) = &self.service {
            add("service = ?", Box::new(service.clone()));
        }
        if let Some(group) = &self.group {
            add("log_group = ?", Box::new(group.clone()));
        }
        if let Some(text) = &self.grep {
            add("instr(body, ?) > 0", Box::new(text.clone()));
        }
        if let Some(after) = self.after_id {
            add("id > ?", Box::new(after));
        }
        if let Some(max) = self.max_id {
            add("id <= ?", Box::new(max));
        }
        if let Some(trace) = &self.trace_id {
            // The lines the index names, and the lines after its mark.
            values.push(Box::new(trace.clone()));
            let trace_at = values.len();
            terms.push(format!("trace_id = ?{trace_at}"));
            values.push(Box::new(trace_key(trace)));
            terms.push(format!(
                "id IN (SELECT id FROM log_trace_index WHERE trace_key = ?{}
                        UNION ALL
                        SELECT id FROM logs WHERE id > (SELECT id FROM log_index_mark)
                        AND trace_id = ?{trace_at})",
                values.len()
            ));
        }
        let condition = if terms.is_empty() {
            "1".to_string()
        } else {
            terms.join(" AND ")
        };
        (condition, values)
    }

    /// Whether a line is severe enough (lines with no known severity pass only when no
    /// level is asked for).
    fn severe_enough(&self, record: &LogRecord) -> bool {
        let Some(min) = self.min_level.as_deref().and_then(severity_rank) else {
            return true;
        };
        record
            .severity()
            .and_then(|s| severity_rank(&s))
            .is_some_and(|rank| rank >= min)
    }
}

/// The trace index's key of a W3C trace id: its first 64 bits (random, so two traces share a
/// key rarely, and a reader compares the whole id anyway).
pub(super) fn trace_key(trace_id: &str) -> i64 {
    u64::from_str_radix(trace_id.get(..16).unwrap_or(trace_id), 16).unwrap_or(0) as i64
}

/// Lines a run of the trace index holds at most before it is written.
pub const INDEX_RUN: usize = 65_536;
/// How long lines wait for the trace index at most (while lines keep coming).
pub const INDEX_DELAY: Duration = Duration::from_millis(500);

/// The writer's lines not yet in the trace index: (key, line number), in arrival order.
#[derive(Debug)]
pub(super) struct TraceIndex {
    pending: Vec<(i64, i64)>,
    last_run: Instant,
}

impl Default for TraceIndex {
    fn default() -> Self {
        TraceIndex {
            pending: Vec::new(),
            last_run: Instant::now(),
        }
    }
}

impl TraceIndex {
    /// The lines committed after the mark: what a writer before this one had not indexed.
    pub(super) fn unindexed(
        conn: &rusqlite::Connection,
        path: &Path,
    ) -> Result<TraceIndex, StoreError> {
        let read = |e| classify(path, e);
        let mut query = conn
            .prepare(
                "SELECT id, trace_id FROM logs
                 WHERE id > (SELECT id FROM log_index_mark) AND trace_id IS NOT NULL",
            )
            .map_err(read)?;
        let rows = query
            .query_map([], |r| {
                Ok((trace_key(&r.get::<_, String>(1)?), r.get::<_, i64>(0)?))
            })
            .map_err(read)?;
        Ok(TraceIndex {
            pending: rows.collect::<Result<_, _>>().map_err(read)?,
            last_run: Instant::now(),
        })
    }

    pub(super) fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Writes a run into `tx` when one is due, with `new` (the transaction's own lines);
    /// says whether it did.
    pub(super) fn flush_if_due(
        &self,
        tx: &Transaction<'_>,
        path: &Path,
        new: &[(i64, i64)],
    ) -> Result<bool, StoreError> {
        let waiting = self.pending.len() + new.len();
        let due = waiting >= INDEX_RUN || (waiting > 0 && self.last_run.elapsed() >= INDEX_DELAY);
        if due {
            self.flush(tx, path, new)?;
        }
        Ok(due)
    }

    /// Writes every waiting line and `new` into the index in key order, and moves the mark
    /// to the last line committed.
    pub(super) fn flush(
        &self,
        tx: &Transaction<'_>,
        path: &Path,
        new: &[(i64, i64)],
    ) -> Result<(), StoreError> {
        let write = |e| classify(path, e);
        let mut run: Vec<[i64; 2]> = self
            .pending
            .iter()
            .chain(new)
            .map(|&(key, id)| [key, id])
            .collect();
        run.sort_unstable();
        insert_entries(tx, "log_trace_index (trace_key, id)", &run).map_err(write)?;
        tx.execute(
            "UPDATE log_index_mark SET id = (SELECT coalesce(max(id), 0) FROM logs)",
            [],
        )
        .map_err(write)?;
        Ok(())
    }

    /// After a commit: the run written is forgotten, or the new lines wait for the next.
    pub(super) fn committed(&mut self, new: Vec<(i64, i64)>, flushed: bool) {
        if flushed {
            self.pending.clear();
            self.last_run = Instant::now();
        } else {
            self.pending.extend(new);
        }
    }
}

/// Stores log lines and registry changes within `tx`; gives each stored line that names a
/// trace as (trace key, line number), for the trace index.
pub(super) fn insert(
    tx: &Transaction<'_>,
    path: &Path,
    logs: &[&LogRecord],
    registry: &[&RegistryChange],
) -> Result<Vec<(i64, i64)>, StoreError> {
    let write = |e| classify(path, e);
    for change in registry {
        match change {
            RegistryChange::Group { name, created_ms } => tx
                .execute(
                    "INSERT OR IGNORE INTO log_groups (name, created_ms) VALUES (?1, ?2)",
                    params![name, created_ms],
                )
                .map_err(write)?,
            RegistryChange::Stream {
                group,
                name,
                created_ms,
            } => tx
                .execute(
                    "INSERT OR IGNORE INTO log_streams (log_group, name, created_ms)
                     VALUES (?1, ?2, ?3)",
                    params![group, name, created_ms],
                )
                .map_err(write)?,
            RegistryChange::Retention { group, days } => tx
                .execute(
                    "UPDATE log_groups SET retention_days = ?2 WHERE name = ?1",
                    params![group, days],
                )
                .map_err(write)?,
        };
    }
    let mut traced = Vec::new();
    if logs.is_empty() {
        return Ok(traced);
    }
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO logs (time_ns, observed_ns, severity_number, severity_text, body,
                trace_id, span_id, service, scope, log_group, log_stream, attributes,
                resource, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )
        .map_err(write)?;
    let mut resource_json = super::ResourceJson::default();
    for log in logs {
        let resource = resource_json.of(&log.resource);
        insert
            .execute(params![
                log.time_ns,
                log.observed_ns,
                log.severity_number,
                log.severity_text,
                log.body,
                log.trace_id,
                log.span_id,
                log.service,
                log.scope,
                log.group,
                log.stream,
                serde_json::to_string(&log.attributes).unwrap_or_default(),
                resource,
                log.source.as_str(),
            ])
            .map_err(write)?;
        if let Some(trace) = &log.trace_id {
            traced.push((trace_key(trace), tx.last_insert_rowid()));
        }
    }
    Ok(traced)
}

const LOG_COLUMNS: &str = "id, time_ns, observed_ns, severity_number, severity_text, body,
    trace_id, span_id, service, scope, log_group, log_stream, attributes, resource, source";

fn log_of_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredLog> {
    let json_map = |text: String| match serde_json::from_str(&text) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    Ok(StoredLog {
        id: r.get(0)?,
        record: LogRecord {
            time_ns: r.get(1)?,
            observed_ns: r.get(2)?,
            severity_number: r.get(3)?,
            severity_text: r.get(4)?,
            body: r.get(5)?,
            trace_id: r.get(6)?,
            span_id: r.get(7)?,
            service: r.get(8)?,
            scope: r.get(9)?,
            group: r.get(10)?,
            stream: r.get(11)?,
            attributes: json_map(r.get(12)?),
            resource: Arc::new(json_map(r.get(13)?)),
            source: LogSource::stored(&r.get::<_, String>(14)?),
        },
    })
}

impl Store {
    /// Whether the file has log and error tables (a reader of an older file, not migrated,
    /// sees none).
    pub(super) fn has_twin(&self) -> bool {
        self.version >= 3
    }

    /// The lines of `filter` in the order they were written (ties: arrival), each given to
    /// `each` until it returns false; streamed, so memory is one line.
    pub fn logs(
        &self,
        filter: &LogsFilter,
        each: &mut dyn FnMut(StoredLog) -> bool,
    ) -> Result<(), StoreError> {
        self.scan_logs(filter, "ORDER BY time_ns, id", each)
    }

    /// The lines of `filter` in arrival order (what `local logs -f` prints next, with
    /// `after_id` and `max_id` bounding a page).
    pub fn logs_by_arrival(&self, filter: &LogsFilter) -> Result<Vec<StoredLog>, StoreError> {
        let mut out = Vec::new();
        self.scan_logs(filter, "ORDER BY id", &mut |line| {
            out.push(line);
            true
        })?;
        Ok(out)
    }

    /// The number of the last line committed (0 when there is none).
    pub fn last_log_id(&self) -> Result<i64, StoreError> {
        if !self.has_twin() {
            return Ok(0);
        }
        self.conn
            .query_row("SELECT coalesce(max(id), 0) FROM logs", [], |r| r.get(0))
            .map_err(|e| classify_read(&self.path, e))
    }

    fn scan_logs(
        &self,
        filter: &LogsFilter,
        order: &str,
        each: &mut dyn FnMut(StoredLog) -> bool,
    ) -> Result<(), StoreError> {
        if !self.has_twin() {
            return Ok(());
        }
        let read = |e| classify_read(&self.path, e);
        let (condition, values) = filter.sql();
        let sql = format!("SELECT {LOG_COLUMNS} FROM logs WHERE {condition} {order}");
        let mut query = self.conn.prepare(&sql).map_err(read)?;
        let bound: Vec<&dyn rusqlite::ToSql> = values.iter().map(|v| v.as_ref()).collect();
        let mut rows = query.query(bound.as_slice()).map_err(read)?;
        while let Some(row) = rows.next().map_err(read)? {
            let line = log_of_row(row).map_err(read)?;
            if filter.severe_enough(&line.record) && !each(line) {
                break;
            }
        }
        Ok(())
    }

    /// How many lines are stored, by source (`otlp`, `cloudwatch`).
    pub fn log_counts(&self) -> Result<Vec<(String, i64)>, StoreError> {
        if !self.has_twin() {
            return Ok(Vec::new());
        }
        let read = |e| classify_read(&self.path, e);
        let mut query = self
            .conn
            .prepare("SELECT source, count(*) FROM logs GROUP BY source ORDER BY source")
            .map_err(read)?;
        let rows = query
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(read)?;
        rows.collect::<Result<_, _>>().map_err(read)
    }

    /// The stand-in's log groups and their streams.
    pub fn log_registry(&self) -> Result<BTreeMap<String, LogGroup>, StoreError> {
        let mut groups = BTreeMap::new();
        if !self.has_twin() {
            return Ok(groups);
        }
        let read = |e| classify_read(&self.path, e);
        let mut query = self
            .conn
            .prepare("SELECT name, created_ms, retention_days FROM log_groups")
            .map_err(read)?;
        let mut rows = query.query([]).map_err(read)?;
        while let Some(r) = rows.next().map_err(read)? {
            let name: String = r.get(0).map_err(read)?;
            groups.insert(
                name.clone(),
                LogGroup {
                    name,
                    created_ms: r.get(1).map_err(read)?,
                    retention_days: r.get(2).map_err(read)?,
                    streams: BTreeMap::new(),
                },
            );
        }
        let mut query = self
            .conn
            .prepare("SELECT log_group, name, created_ms FROM log_streams")
            .map_err(read)?;
        let mut rows = query.query([]).map_err(read)?;
        while let Some(r) = rows.next().map_err(read)? {
            let group: String = r.get(0).map_err(read)?;
            if let Some(g) = groups.get_mut(&group) {
                g.streams
                    .insert(r.get(1).map_err(read)?, r.get(2).map_err(read)?);
            }
        }
        Ok(groups)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clients::store::Rows;

    fn line(trace: &str, body: &str, time_ns: i64) -> LogRecord {
        LogRecord {
            time_ns,
            observed_ns: time_ns,
            severity_number: None,
            severity_text: None,
            body: body.into(),
            trace_id: Some(trace.into()),
            span_id: None,
            service: None,
            scope: None,
            group: None,
            stream: None,
            attributes: serde_json::Map::new(),
            resource: Arc::default(),
            source: LogSource::Otlp,
        }
    }

    fn of_trace(store: &Store, trace: &str) -> Vec<String> {
        let filter = LogsFilter {
            trace_id: Some(trace.into()),
            ..LogsFilter::default()
        };
        let mut found = Vec::new();
        store
            .logs(&filter, &mut |l| {
                found.push(l.record.body);
                true
            })
            .unwrap();
        found
    }

    fn indexed(store: &Store) -> (i64, i64) {
        store
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM log_trace_index), (SELECT id FROM log_index_mark)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    }

    /// A trace's lines are found whether they are in the index yet or not, before and
    /// after a run is written, and after a writer that was killed before writing one.
    #[test]
    fn a_traces_lines_are_found_indexed_or_not_and_a_killed_writers_are_indexed_later() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let (a, b) = (
            "a".repeat(32),
            format!("{}{}", "a".repeat(16), "b".repeat(16)),
        );
        let mut store = Store::open(&path).unwrap();
        let first = [line(&a, "a1", 1), line(&b, "b1", 2), line(&a, "a2", 3)];
        store
            .commit(&Rows {
                logs: first.iter().collect(),
                ..Rows::default()
            })
            .unwrap();
        // Not indexed yet: found after the mark. Two traces sharing a key stay apart.
        assert_eq!(indexed(&store), (0, 0));
        assert_eq!(of_trace(&store, &a), ["a1", "a2"]);
        assert_eq!(of_trace(&store, &b), ["b1"]);
        store.flush_indexes().unwrap();
        assert_eq!(indexed(&store), (3, 3));
        assert_eq!(of_trace(&store, &a), ["a1", "a2"]);
        // Indexed and not: both found, in time order.
        let later = [line(&a, "a0", 0)];
        store
            .commit(&Rows {
                logs: later.iter().collect(),
                ..Rows::default()
            })
            .unwrap();
        assert_eq!(of_trace(&store, &a), ["a0", "a1", "a2"]);
        // Killed before its run: the next writer indexes what was after the mark.
        drop(store);
        let mut store = Store::open(&path).unwrap();
        assert_eq!(indexed(&store), (3, 3));
        store.flush_indexes().unwrap();
        assert_eq!(indexed(&store), (4, 4));
        assert_eq!(of_trace(&store, &a), ["a0", "a1", "a2"]);
        // The lookup is by the index and the tail, never a scan of the table.
        let (condition, _) = LogsFilter {
            trace_id: Some(a.clone()),
            ..LogsFilter::default()
        }
        .sql();
        let plan: Vec<String> = store
            .conn
            .prepare(&format!(
                "EXPLAIN QUERY PLAN SELECT {LOG_COLUMNS} FROM logs WHERE {condition}"
            ))
            .unwrap()
            .query_map(params![a, trace_key(&a)], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(
            !plan.iter().any(|step| step.starts_with("SCAN logs")),
            "{plan:?}"
        );
        // Pruned lines are not found; the index's entries below the oldest line left go
        // (line 1), one above it (line 4, written late with an old time) is skipped.
        store.prune_before(2).unwrap();
        assert_eq!(of_trace(&store, &a), ["a2"]);
        assert_eq!(indexed(&store).0, 3);
    }
}
