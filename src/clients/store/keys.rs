//! The spans' key, (trace id, span id), off the insert path. Trace ids are random: as an
//! SQLite primary key, each span's insert dirtied a page of the key's b-tree of its own,
//! which the write-ahead log wrote out again at every commit, and a burst was capped near
//! 50,000 spans/s however fast the rest was (the table and its other indexes take 300,000).
//!
//! So, as the log lines' trace index ([`super::logs`]), spans are a table in the order they
//! were committed, and their key is written in sorted runs ([`SpanKeys`]): the writer keeps
//! the keys not yet in the index in memory, and writes them in one ordered pass every
//! [`INDEX_RUN`] spans or [`INDEX_DELAY`], in the same transaction as a commit; a mark says
//! up to which span the index is complete, and a reader looks at the few spans after it.
//! The writer finds a span already stored (a retried export; an X-Ray segment sent in
//! progress, then complete) through its memory or the index, and replaces it there.

use std::path::Path;
use std::time::Instant;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::logs::{INDEX_DELAY, INDEX_RUN, trace_key};
use super::{StoreError, classify};

/// Version 4: spans numbered in commit order, their key in runs (see the module's words).
/// The table is made again with the rows of version 3, oldest first.
pub(super) const MIGRATE_V4: &str = "
CREATE TABLE spans_v4 (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    trace_id       TEXT NOT NULL,
    span_id        TEXT NOT NULL,
    parent_id      TEXT,
    service        TEXT NOT NULL,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL,
    start_ns       INTEGER NOT NULL,
    end_ns         INTEGER,
    status         TEXT NOT NULL,
    http_method    TEXT,
    http_route     TEXT,
    http_url       TEXT,
    http_status    INTEGER,
    db_statement   TEXT,
    remote_service TEXT,
    exceptions     TEXT,
    resource       TEXT NOT NULL,
    attributes     TEXT NOT NULL,
    source         TEXT NOT NULL,
    detail         TEXT
);
INSERT INTO spans_v4 (trace_id, span_id, parent_id, service, name, kind, start_ns, end_ns,
        status, http_method, http_route, http_url, http_status, db_statement, remote_service,
        exceptions, resource, attributes, source, detail)
    SELECT trace_id, span_id, parent_id, service, name, kind, start_ns, end_ns, status,
        http_method, http_route, http_url, http_status, db_statement, remote_service,
        exceptions, resource, attributes, source, detail
    FROM spans ORDER BY start_ns;
DROP TABLE spans;
ALTER TABLE spans_v4 RENAME TO spans;
CREATE INDEX spans_by_start ON spans (start_ns);
CREATE INDEX roots_by_start ON spans (start_ns) WHERE parent_id IS NULL;
CREATE TABLE span_key_index (
    trace_key INTEGER NOT NULL,
    span_key  INTEGER NOT NULL,
    id        INTEGER NOT NULL,
    PRIMARY KEY (trace_key, span_key, id)
) WITHOUT ROWID;
CREATE TABLE span_index_mark (id INTEGER NOT NULL);
INSERT INTO span_index_mark VALUES (0);
";

/// The index's key of a span id: its 64 bits (a reader compares the whole id anyway).
pub(super) fn span_key(span_id: &str) -> i64 {
    u64::from_str_radix(span_id.get(..16).unwrap_or(span_id), 16).unwrap_or(0) as i64
}

/// A span's key as the writer holds it.
pub(super) type Key = (String, String);

/// The writer's spans not yet in the key index, by key.
#[derive(Debug)]
pub(super) struct SpanKeys {
    pending: foldhash::HashMap<Key, i64>,
    last_run: Instant,
}

impl Default for SpanKeys {
    fn default() -> Self {
        SpanKeys {
            pending: Default::default(),
            last_run: Instant::now(),
        }
    }
}

impl SpanKeys {
    /// The spans committed after the mark: what a writer before this one had not indexed.
    pub(super) fn unindexed(conn: &Connection, path: &Path) -> Result<SpanKeys, StoreError> {
        let read = |e| classify(path, e);
        let mut query = conn
            .prepare(
                "SELECT id, trace_id, span_id FROM spans
                 WHERE id > (SELECT id FROM span_index_mark)",
            )
            .map_err(read)?;
        let rows = query
            .query_map([], |r| Ok(((r.get(1)?, r.get(2)?), r.get::<_, i64>(0)?)))
            .map_err(read)?;
        Ok(SpanKeys {
            pending: rows.collect::<Result<_, _>>().map_err(read)?,
            last_run: Instant::now(),
        })
    }

    pub(super) fn len(&self) -> usize {
        self.pending.len()
    }

    /// The row of the span `key`: among `new` (this transaction's), the writer's pending
    /// ones, or the index.
    pub(super) fn find(
        &self,
        tx: &Transaction<'_>,
        path: &Path,
        new: &foldhash::HashMap<Key, i64>,
        key: &Key,
    ) -> Result<Option<i64>, StoreError> {
        if let Some(id) = new.get(key).or_else(|| self.pending.get(key)) {
            return Ok(Some(*id));
        }
        tx.prepare_cached(
            "SELECT s.id FROM span_key_index k JOIN spans s ON s.id = k.id
             WHERE k.trace_key = ?1 AND k.span_key = ?2 AND s.trace_id = ?3 AND s.span_id = ?4",
        )
        .and_then(|mut q| {
            q.query_row(
                params![trace_key(&key.0), span_key(&key.1), key.0, key.1],
                |r| r.get(0),
            )
            .optional()
        })
        .map_err(|e| classify(path, e))
    }

    /// Writes a run into `tx` when one is due, with `new`; says whether it did.
    pub(super) fn flush_if_due(
        &self,
        tx: &Transaction<'_>,
        path: &Path,
        new: &foldhash::HashMap<Key, i64>,
    ) -> Result<bool, StoreError> {
        let waiting = self.pending.len() + new.len();
        let due = waiting >= INDEX_RUN || (waiting > 0 && self.last_run.elapsed() >= INDEX_DELAY);
        if due {
            self.flush(tx, path, new)?;
        }
        Ok(due)
    }

    /// Writes every waiting key and `new` into the index in key order, and moves the mark
    /// to the last span committed.
    pub(super) fn flush(
        &self,
        tx: &Transaction<'_>,
        path: &Path,
        new: &foldhash::HashMap<Key, i64>,
    ) -> Result<(), StoreError> {
        let write = |e| classify(path, e);
        let mut run: Vec<(i64, i64, i64)> = self
            .pending
            .iter()
            .chain(new)
            .map(|((trace, span), id)| (trace_key(trace), span_key(span), *id))
            .collect();
        run.sort_unstable();
        let mut insert = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO span_key_index (trace_key, span_key, id) VALUES (?1, ?2, ?3)",
            )
            .map_err(write)?;
        for (trace, span, id) in run {
            insert.execute(params![trace, span, id]).map_err(write)?;
        }
        tx.execute(
            "UPDATE span_index_mark SET id = (SELECT coalesce(max(id), 0) FROM spans)",
            [],
        )
        .map_err(write)?;
        Ok(())
    }

    /// After a commit: the run written is forgotten, or the new keys wait for the next.
    pub(super) fn committed(&mut self, new: foldhash::HashMap<Key, i64>, flushed: bool) {
        if flushed {
            self.pending.clear();
            self.last_run = Instant::now();
        } else {
            self.pending.extend(new);
        }
    }
}
