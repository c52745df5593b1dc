//! The spans' key, (trace id, span id), off the insert path. Trace ids are random: as an
//! SQLite primary key, each span's insert dirtied a page of the key's b-tree of its own,
//! which the write-ahead log wrote out again at every commit, and a burst was capped near
//! 50,000 spans/s however fast the rest was (the table and its other indexes take 300,000).
//!
//! So, as the log lines' trace index ([`super::logs`]), spans are a table in the order they
//! were committed, and their key is written in sorted runs ([`SpanKeys`]): the writer keeps
//! the keys not yet in the index in memory, and writes them in one ordered pass (a run, as
//! large as the index within bounds: [`run_size`]) in the same transaction as a commit, or
//! when the writer is idle; a mark says up to which span the index is complete, and a
//! reader looks at the spans after it.
//! The writer finds a span already stored (a retried export; an X-Ray segment sent in
//! progress, then complete) through its memory or the index, and replaces it there. As
//! nearly every span is new, a Bloom filter of the index's keys ([`KeyFilter`]) answers
//! "not stored" for most of them without a read of the index: those random reads were a
//! fifth of the writer's time.

use std::path::Path;
use std::time::Instant;

use fastbloom::BloomFilter;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::logs::{INDEX_RUN, trace_key};
use super::{StoreError, classify, insert_entries};
use crate::model::span::lower_hex_id;

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

/// A span's key as the writer holds it, exact: the ids as numbers when they are the lowercase
/// hex the store keeps for OTLP and X-Ray spans (32 and 16 digits), else as text. Numbers
/// hash and compare in a few instructions and cost no allocation; this map is touched for
/// every span the writer stores.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Key {
    Hex { trace: u128, span: u64 },
    Text(Box<(String, String)>),
}

impl Key {
    pub(super) fn of(trace_id: &str, span_id: &str) -> Key {
        match (lower_hex_id::<32>(trace_id), lower_hex_id::<16>(span_id)) {
            (Some(trace), Some(span)) => Key::Hex {
                trace,
                span: span as u64,
            },
            _ => Key::Text(Box::new((trace_id.to_string(), span_id.to_string()))),
        }
    }

    /// Its key in the index: the first 64 bits of each id, as [`trace_key`] and
    /// [`span_key`] make them of the text.
    fn index_key(&self) -> (i64, i64) {
        match self {
            Key::Hex { trace, span } => ((trace >> 64) as u64 as i64, *span as i64),
            Key::Text(ids) => (trace_key(&ids.0), span_key(&ids.1)),
        }
    }
}

/// The most keys a run holds: what a reader scans after the mark at most while a burst is
/// written (about 20 ms for `local trace`), and what the writer holds in memory (12 MB).
const MAX_KEY_RUN: usize = 262_144;
/// How long keys wait for a run at most while spans keep coming; an idle writer writes
/// them sooner (`Store::flush_indexes`).
const KEY_RUN_DELAY: std::time::Duration = std::time::Duration::from_secs(2);

/// The keys a run waits for, given the keys in the index. A run's inserts land all over
/// the index (trace ids are random), so it rewrites most of the index's pages whatever
/// its size: runs as large as the index (within bounds) keep that cost linear in the spans
/// stored, where runs of a fixed size made it grow with the square of the store.
fn run_size(indexed: usize) -> usize {
    indexed.clamp(INDEX_RUN, MAX_KEY_RUN)
}

/// The fewest keys a filter is made for (a little over a megabyte of bits).
const FILTER_MIN_KEYS: usize = 1 << 20;
/// Of the keys a filter has not seen, the share it says it may have seen.
const FILTER_FALSE_POSITIVES: f64 = 0.01;

/// The keys the writer knows to be in the index or pending: a key not seen is in neither;
/// a key seen may still be absent (a false positive, or a span pruned since), which the
/// pending map and the index say.
#[derive(Debug)]
struct KeyFilter {
    bloom: BloomFilter<foldhash::fast::FixedState>,
    /// The keys it was made for; past them its false positives grow, and it is made again.
    capacity: usize,
    /// The keys it has seen (pruned ones too).
    seen: usize,
}

impl KeyFilter {
    /// A filter of every key in the index, room for as many again.
    fn of_index(conn: &Connection, path: &Path) -> Result<KeyFilter, StoreError> {
        let read = |e| classify(path, e);
        let in_index: i64 = conn
            .query_row("SELECT count(*) FROM span_key_index", [], |r| r.get(0))
            .map_err(read)?;
        let capacity = (in_index.max(0) as usize * 2).max(FILTER_MIN_KEYS);
        let mut filter = KeyFilter {
            bloom: BloomFilter::with_false_pos(FILTER_FALSE_POSITIVES)
                .hasher(foldhash::fast::FixedState::default())
                .expected_items(capacity),
            capacity,
            seen: 0,
        };
        let mut query = conn
            .prepare("SELECT trace_key, span_key FROM span_key_index")
            .map_err(read)?;
        let mut rows = query.query([]).map_err(read)?;
        while let Some(row) = rows.next().map_err(read)? {
            filter.add((row.get(0).map_err(read)?, row.get(1).map_err(read)?));
        }
        Ok(filter)
    }

    fn add(&mut self, key: (i64, i64)) {
        self.bloom.insert(&key);
        self.seen += 1;
    }

    fn may_hold(&self, key: (i64, i64)) -> bool {
        self.bloom.contains(&key)
    }

    fn is_full(&self) -> bool {
        self.seen > self.capacity
    }
}

/// The writer's spans not yet in the key index, by key, and the filter of those that are.
#[derive(Debug)]
pub(super) struct SpanKeys {
    /// Committed, and of the open transaction: a span's key goes in once, when its row is
    /// inserted (a map of the transaction's own, merged at its commit, put every key into a
    /// map twice; this one is as large as a run, so each insert is a miss of the cache).
    pending: foldhash::HashMap<Key, i64>,
    /// The keys of `pending` that the open transaction added: taken out if it rolls back
    /// (its ids are given again then).
    uncommitted: Vec<Key>,
    last_run: Instant,
    /// None for a reader, which never looks a key up: then the index is always read.
    indexed: Option<KeyFilter>,
}

impl Default for SpanKeys {
    fn default() -> Self {
        SpanKeys {
            pending: Default::default(),
            uncommitted: Vec::new(),
            last_run: Instant::now(),
            indexed: None,
        }
    }
}

impl SpanKeys {
    /// For the writer: the spans committed after the mark (what a writer before this one
    /// had not indexed), and the filter of the index's keys.
    pub(super) fn unindexed(conn: &Connection, path: &Path) -> Result<SpanKeys, StoreError> {
        let read = |e| classify(path, e);
        let mut query = conn
            .prepare(
                "SELECT id, trace_id, span_id FROM spans
                 WHERE id > (SELECT id FROM span_index_mark)",
            )
            .map_err(read)?;
        let rows = query
            .query_map([], |r| {
                let (trace_id, span_id): (String, String) = (r.get(1)?, r.get(2)?);
                Ok((Key::of(&trace_id, &span_id), r.get::<_, i64>(0)?))
            })
            .map_err(read)?;
        let pending: foldhash::HashMap<Key, i64> = rows.collect::<Result<_, _>>().map_err(read)?;
        let mut indexed = KeyFilter::of_index(conn, path)?;
        for key in pending.keys() {
            indexed.add(key.index_key());
        }
        Ok(SpanKeys {
            pending,
            uncommitted: Vec::new(),
            last_run: Instant::now(),
            indexed: Some(indexed),
        })
    }

    /// Makes the filter again when it has seen more keys than it was made for (after a
    /// commit; the index then holds every key but the pending ones). If the index cannot
    /// be read now, the filter kept is still right (it says "may hold" more often) and the
    /// next commit tries again: what was committed is not refused for it.
    pub(super) fn refresh_filter(&mut self, conn: &Connection, path: &Path) {
        if self.indexed.as_ref().is_some_and(KeyFilter::is_full)
            && let Ok(mut indexed) = KeyFilter::of_index(conn, path)
        {
            for key in self.pending.keys() {
                indexed.add(key.index_key());
            }
            self.indexed = Some(indexed);
        }
    }

    pub(super) fn len(&self) -> usize {
        self.pending.len()
    }

    /// Whether the span `key` may be stored or waiting for its row: false, without a look
    /// into the pending map (a miss of the cache) or the index, for nearly every new span.
    pub(super) fn may_hold(&self, key: &Key) -> bool {
        self.indexed
            .as_ref()
            .is_none_or(|filter| filter.may_hold(key.index_key()))
    }

    /// Marks `key` as seen before its row is inserted, so that [`Self::may_hold`] says so of
    /// a row still waiting for its insert (a span sent twice in one commit).
    pub(super) fn seen(&mut self, key: &Key) {
        if let Some(indexed) = &mut self.indexed {
            indexed.add(key.index_key());
        }
    }

    /// A row the open transaction inserted.
    pub(super) fn inserted(&mut self, key: Key, id: i64) {
        self.uncommitted.push(key.clone());
        self.pending.insert(key, id);
    }

    /// The row of the span `key` (whose ids are `trace_id` and `span_id`): among the pending
    /// ones (the open transaction's too), or in the index.
    pub(super) fn find(
        &self,
        tx: &Transaction<'_>,
        path: &Path,
        (key, trace_id, span_id): (&Key, &str, &str),
    ) -> Result<Option<i64>, StoreError> {
        if !self.may_hold(key) {
            return Ok(None);
        }
        if let Some(id) = self.pending.get(key) {
            return Ok(Some(*id));
        }
        let (trace, span) = key.index_key();
        tx.prepare_cached(
            "SELECT s.id FROM span_key_index k JOIN spans s ON s.id = k.id
             WHERE k.trace_key = ?1 AND k.span_key = ?2 AND s.trace_id = ?3 AND s.span_id = ?4",
        )
        .and_then(|mut q| {
            q.query_row(params![trace, span, trace_id, span_id], |r| r.get(0))
                .optional()
        })
        .map_err(|e| classify(path, e))
    }

    /// Writes a run into `tx` when one is due; says whether it did.
    pub(super) fn flush_if_due(
        &self,
        tx: &Transaction<'_>,
        path: &Path,
    ) -> Result<bool, StoreError> {
        let waiting = self.pending.len();
        // The filter has seen the index's keys and the pending ones.
        let indexed = self
            .indexed
            .as_ref()
            .map_or(0, |filter| filter.seen.saturating_sub(waiting));
        let due = waiting >= run_size(indexed)
            || (waiting > 0 && self.last_run.elapsed() >= KEY_RUN_DELAY);
        if due {
            self.flush(tx, path)?;
        }
        Ok(due)
    }

    /// Writes every waiting key into the index in key order, and moves the mark to the last
    /// span committed.
    pub(super) fn flush(&self, tx: &Transaction<'_>, path: &Path) -> Result<(), StoreError> {
        let write = |e| classify(path, e);
        let mut run: Vec<[i64; 3]> = self
            .pending
            .iter()
            .map(|(key, id)| {
                let (trace, span) = key.index_key();
                [trace, span, *id]
            })
            .collect();
        run.sort_unstable();
        insert_entries(tx, "span_key_index (trace_key, span_key, id)", &run).map_err(write)?;
        tx.execute(
            "UPDATE span_index_mark SET id = (SELECT coalesce(max(id), 0) FROM spans)",
            [],
        )
        .map_err(write)?;
        Ok(())
    }

    /// After a commit: the run written is forgotten, or the new keys wait for the next.
    pub(super) fn committed(&mut self, flushed: bool) {
        self.uncommitted.clear();
        if flushed {
            self.pending.clear();
            self.last_run = Instant::now();
        }
    }

    /// After a transaction rolled back: its keys are forgotten (the filter keeps them, a
    /// "may hold" that the map and the index then deny).
    pub(super) fn rolled_back(&mut self) {
        for key in self.uncommitted.drain(..) {
            self.pending.remove(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_numeric_key_is_the_index_key_of_its_text() {
        let (trace, span) = ("5759e988bd862e3fe1be46a994272793", "53995c3f42cd8ad8");
        let key = Key::of(trace, span);
        assert!(matches!(key, Key::Hex { .. }));
        assert_eq!(key.index_key(), (trace_key(trace), span_key(span)));
        assert_eq!(
            key.index_key(),
            (
                0x5759_e988_bd86_2e3f_u64 as i64,
                0x5399_5c3f_42cd_8ad8_u64 as i64
            )
        );
    }

    #[test]
    fn ids_not_in_the_canonical_form_stay_text_and_distinct() {
        let lower = Key::of("5759e988bd862e3fe1be46a994272793", "53995c3f42cd8ad8");
        let upper = Key::of("5759E988BD862E3FE1BE46A994272793", "53995c3f42cd8ad8");
        assert!(matches!(upper, Key::Text(_)));
        assert_ne!(lower, upper);
        // The same index key (the index holds numbers; a reader compares the text).
        assert_eq!(lower.index_key(), upper.index_key());
        for (trace, span) in [
            ("abc", "1"),
            ("", ""),
            ("+759e988bd862e3fe1be46a99427279", "x"),
        ] {
            let key = Key::of(trace, span);
            assert_eq!(key, Key::Text(Box::new((trace.into(), span.into()))));
            assert_eq!(key.index_key(), (trace_key(trace), span_key(span)));
        }
    }
}
