//! The local span store: one SQLite database (rusqlite, bundled) in WAL mode, so the local
//! views read while `local listen` writes. One writer inserts a batch per transaction.
//!
//! The schema is versioned with SQLite's `user_version`: a database of a newer schema is
//! refused (not read wrongly), and a file that is not a tracectl database is named as such.

use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use crate::model::graph::{GraphFields, GraphSpans};
use crate::model::span::{SpanRecord, SpanStatus};
use crate::model::span_query::{ColumnSource, SpanField, SpanTable, source_of};
use crate::model::trace::TraceSummary;

/// The schema this build writes and reads.
pub const SCHEMA_VERSION: i32 = 4;

mod checkpoint;
mod errors;
mod keys;
mod logs;

pub use checkpoint::{Checkpointed, Checkpointer};
pub use errors::{ErrorItem, ErrorsFilter, StoredError};
pub use logs::LogsFilter;

/// The schema, version 1. Spans are keyed by (trace_id, span_id); the indexes serve the
/// local views: recent root spans (summaries), a trace's spans (waterfall), time ranges.
const SCHEMA_V1: &str = "
CREATE TABLE spans (
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
    PRIMARY KEY (trace_id, span_id)
);
CREATE INDEX spans_by_start ON spans (start_ns);
CREATE INDEX roots_by_start ON spans (start_ns) WHERE parent_id IS NULL;
";

/// Version 2: a span's status message, events and links (JSON), which version 1 dropped.
const MIGRATE_V2: &str = "ALTER TABLE spans ADD COLUMN detail TEXT;";

/// Indexes the views read by, made when a writer opens the file (so a file of an older
/// tracectl gets them too; readers of a file without them are slower, never wrong):
/// - the spans that are not ok, by trace: a trace's flags in `local traces` are found in
///   this small index, not by looking at every span of every trace;
/// - spans by service, then start: `local stats` counts spans and traces per service
///   from it alone, and `--service` finds a service's traces in it. Ordered by start within
///   a service, new spans go at the end of their service's part of the index, as cheap to
///   keep as the index by start.
const INDEXES: &str = "
CREATE INDEX IF NOT EXISTS flagged_by_trace ON spans (trace_id, status) WHERE status <> 'ok';
CREATE INDEX IF NOT EXISTS service_by_start ON spans (service, start_ns, trace_id);
";

/// The page size of a new database file (see `Store::migrate`).
const PAGE_SIZE: i64 = 8192;

/// Why the store cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the span database {path}")]
    Open {
        path: PathBuf,
        #[source]
        source: StoreCause,
    },
    #[error(
        "{path} was written by a newer tracectl (schema {found}; this one reads up to {SCHEMA_VERSION})"
    )]
    Newer { path: PathBuf, found: i32 },
    #[error("{path} is not a tracectl span database")]
    Foreign { path: PathBuf },
    #[error("the span database {path} is locked by another process")]
    Locked { path: PathBuf },
    /// SQLITE_FULL: the disk (or the file's quota) has no room for the write.
    #[error("the disk holding the span database {path} is full")]
    Full { path: PathBuf },
    /// SQLITE_IOERR while writing: the system refused a write (EIO, or EFBIG past a file
    /// size limit); SQLite says no more than "disk I/O error".
    #[error("cannot write to the span database {path}: disk I/O error")]
    DiskIo { path: PathBuf },
    #[error("there is no span database at {path}")]
    Missing { path: PathBuf },
    #[error("cannot write to the span database {path}")]
    Write {
        path: PathBuf,
        #[source]
        source: StoreCause,
    },
    #[error("cannot read the span database {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: StoreCause,
    },
}

/// What lies under a failure to open, read or write the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreCause {
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// An open span database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The schema of the file: a reader of a version-1 file reads no `detail` column.
    version: i32,
    /// The writer's log lines not yet in the trace index (see `logs::TraceIndex`).
    trace_index: logs::TraceIndex,
    /// The writer's spans not yet in the key index (see `keys::SpanKeys`).
    span_keys: keys::SpanKeys,
    /// How a reader opened the file, so it can open more connections to read parts of it
    /// at once (`None` for the writer).
    reopen: Option<(String, OpenFlags)>,
}

impl Store {
    /// Opens (creating it and its folder if needed) the database at `path`, in WAL mode,
    /// migrated to [`SCHEMA_VERSION`].
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let open_error = |cause: StoreCause| StoreError::Open {
            path: path.to_path_buf(),
            source: cause,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| open_error(e.into()))?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_error(e.into()))?;
        // Another writer holding the lock gets a few seconds, not an instant failure.
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(|e| open_error(e.into()))?;
        // The writer's plans are fixed when its statements are prepared. Without this,
        // SQLite re-plans a cached statement whenever a bound value it looked at changes:
        // the span key lookup was prepared again for every span it was asked.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )
        .map_err(|e| open_error(e.into()))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            version: SCHEMA_VERSION,
            trace_index: logs::TraceIndex::default(),
            span_keys: keys::SpanKeys::default(),
            reopen: None,
        };
        store.migrate()?;
        // Lines committed after the index's mark (a writer that was killed) are indexed
        // with the next lines.
        store.trace_index = logs::TraceIndex::unindexed(&store.conn, &store.path)?;
        // Spans committed after the key index's mark (a writer that was killed, or a file
        // of version 3 just made again) are indexed now, before any span is looked up.
        store.span_keys = keys::SpanKeys::unindexed(&store.conn, &store.path)?;
        if store.span_keys.len() > 0 {
            store.flush_indexes()?;
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Opens an existing database to read, while `local listen` may be writing it (WAL).
    pub fn open_read(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        let open = |flags: OpenFlags, target: &str| -> Result<(Connection, i32), StoreError> {
            let conn =
                Connection::open_with_flags(target, flags).map_err(|e| StoreError::Open {
                    path: path.to_path_buf(),
                    source: e.into(),
                })?;
            conn.busy_timeout(Duration::from_secs(5))
                .map_err(|e| classify_read(path, e))?;
            let version: i32 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(|e| classify_read(path, e))?;
            Ok((conn, version))
        };
        let read_only = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let target = path.to_string_lossy().into_owned();
        let mut reopen = (target.clone(), read_only);
        let (conn, version) = match open(read_only, &target) {
            Ok(opened) => opened,
            // A WAL database in a folder the reader cannot write (no `-shm` can be made):
            // with no listener writing it, it can be read as an immutable file.
            Err(StoreError::Open { .. } | StoreError::Read { .. })
                if path.parent().is_some_and(|dir| {
                    std::fs::metadata(dir).is_ok_and(|m| m.permissions().readonly())
                        || tempfile_denied(dir)
                }) =>
            {
                let uri = format!("file:{}?immutable=1", path.display());
                reopen = (uri.clone(), read_only | OpenFlags::SQLITE_OPEN_URI);
                open(read_only | OpenFlags::SQLITE_OPEN_URI, &uri)?
            }
            Err(e) => return Err(e),
        };
        if version > SCHEMA_VERSION {
            return Err(StoreError::Newer {
                path: path.to_path_buf(),
                found: version,
            });
        }
        if version == 0 {
            return Err(StoreError::Foreign {
                path: path.to_path_buf(),
            });
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            version,
            trace_index: logs::TraceIndex::default(),
            span_keys: keys::SpanKeys::default(),
            reopen: Some(reopen),
        })
    }

    /// The `detail` column, or NULL in a version-1 file (read without migrating it).
    fn detail_column(&self) -> &'static str {
        if self.version >= 2 { "detail" } else { "NULL" }
    }

    /// The summaries of the requests whose root span started in `[start_ns, end_ns)` (with
    /// `service`, only traces with a span of that service), oldest first, handed to `each`
    /// one by one (a day is half a million; they are not all held): the root's columns,
    /// and the trace flagged by any of its spans as X-Ray's summaries are (a throttle is
    /// an error too). Only what a summary needs is read: no JSON is parsed, and the flags
    /// come from one pass over the spans that are not ok.
    pub fn each_summary_between(
        &self,
        start_ns: i64,
        end_ns: i64,
        service: Option<&str>,
        text: Option<&str>,
        mut each: impl FnMut(TraceSummary),
    ) -> Result<(), StoreError> {
        let read = |e| classify_read(&self.path, e);
        // The flags first: every span that is not ok, from the small index of them (one
        // pass, however many traces the window holds), by trace.
        let mut flags: foldhash::HashMap<String, (bool, bool, bool)> = Default::default();
        let mut flagged = self
            .conn
            .prepare("SELECT trace_id, status FROM spans WHERE status <> 'ok'")
            .map_err(read)?;
        let mut rows = flagged.query([]).map_err(read)?;
        while let Some(row) = rows.next().map_err(read)? {
            let status =
                SpanStatus::stored(row.get_ref(1).map_err(read)?.as_str().unwrap_or_default());
            let (error, fault, throttle) = flags.entry(row.get(0).map_err(read)?).or_default();
            match status {
                SpanStatus::Fault => *fault = true,
                SpanStatus::Error => *error = true,
                // X-Ray counts a throttle as an error too.
                SpanStatus::Throttle => (*error, *throttle) = (true, true),
                SpanStatus::Ok => {}
            }
        }
        let mut query = self
            .conn
            .prepare(
                "SELECT r.trace_id, r.start_ns, r.end_ns, r.http_method,
                        coalesce(r.http_url, r.http_route), r.http_status, r.http_route,
                        r.service
                 FROM spans r
                 WHERE r.parent_id IS NULL AND r.start_ns >= ?1 AND r.start_ns < ?2
                 AND (?3 IS NULL OR r.trace_id IN (SELECT trace_id FROM spans WHERE service = ?3))
                 AND (?4 IS NULL
                      OR instr(coalesce(r.http_url, ''), ?4) OR instr(coalesce(r.http_route, ''), ?4)
                      OR r.trace_id IN (SELECT trace_id FROM spans
                                        WHERE start_ns >= ?1
                                        AND (instr(name, ?4) OR instr(service, ?4))))
                 ORDER BY r.start_ns",
            )
            .map_err(read)?;
        let mut rows = query
            .query(params![start_ns, end_ns, service, text])
            .map_err(read)?;
        let summary_of = |r: &rusqlite::Row<'_>| -> rusqlite::Result<TraceSummary> {
            let id: String = r.get(0)?;
            let start: i64 = r.get(1)?;
            let end: Option<i64> = r.get(2)?;
            let seconds = end.map(|e| (e - start) as f64 / 1e9);
            let (has_error, has_fault, has_throttle) = flags.get(&id).copied().unwrap_or_default();
            Ok(TraceSummary {
                id,
                start: jiff::Timestamp::from_nanosecond(i128::from(start)).ok(),
                duration: seconds,
                response_time: seconds,
                method: r.get(3)?,
                url: r.get(4)?,
                route: r.get(6)?,
                service: r.get::<_, Option<String>>(7)?.filter(|s| !s.is_empty()),
                status: r
                    .get::<_, Option<i64>>(5)?
                    .and_then(|s| i32::try_from(s).ok()),
                has_error,
                has_fault,
                has_throttle,
            })
        };
        while let Some(row) = rows.next().map_err(read)? {
            each(summary_of(row).map_err(read)?);
        }
        Ok(())
    }

    /// The spans that started in `[start_ns, end_ns)` with only what the service graph
    /// reads (ids, service, kind, times, status, the remote service), streamed into the
    /// graph's compact form: no JSON is parsed and no string is kept per span. A reader
    /// reads it in parts, one connection and core each (stepping through SQLite's rows is
    /// most of `local services`' time); each part reads its own snapshot, as in
    /// [`Store::services`], and each row is read by one part only.
    pub fn graph_spans_between(
        &self,
        start_ns: i64,
        end_ns: i64,
    ) -> Result<GraphSpans, StoreError> {
        self.graph_spans_in_parts(start_ns, end_ns, reader_parts())
    }

    fn graph_spans_in_parts(
        &self,
        start_ns: i64,
        end_ns: i64,
        parts: usize,
    ) -> Result<GraphSpans, StoreError> {
        if end_ns <= start_ns {
            return Ok(GraphSpans::default());
        }
        let read = |e| classify_read(&self.path, e);
        // A window holding most of the file is read in table order (one pass over the
        // pages) rather than through the start-time index (a look-up per span); then the
        // parts are ranges of rows, else ranges of time.
        let most = self.time_range()?.is_some_and(|(first, last)| {
            let held = (last - first).max(1) as f64;
            (end_ns.min(last) - start_ns.max(first)) as f64 / held > 0.5
        });
        const COLUMNS: &str = "SELECT trace_id, span_id, parent_id, service, kind, status,
                    end_ns - start_ns, remote_service FROM spans";
        let (sql, ranges): (String, Vec<[i64; 4]>) = if most {
            let (first, last): (Option<i64>, Option<i64>) = self
                .conn
                .query_row(
                    "SELECT (SELECT min(rowid) FROM spans), (SELECT max(rowid) FROM spans)",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(read)?;
            let ranges = slices(first.unwrap_or(0), last.unwrap_or(0), parts)
                .map(|(low, high)| [start_ns, end_ns, low, high])
                .collect();
            // SQLite uses no index for a term whose column has a unary `+`.
            let sql = format!(
                "{COLUMNS} WHERE rowid >= ?3 AND rowid <= ?4
                     AND +start_ns >= ?1 AND +start_ns < ?2"
            );
            (sql, ranges)
        } else {
            let last = end_ns - 1;
            let ranges = slices(start_ns, last, parts)
                .map(|(low, high)| [low, high.saturating_add(1), 0, 0])
                .collect();
            (
                format!("{COLUMNS} WHERE start_ns >= ?1 AND start_ns < ?2"),
                ranges,
            )
        };
        let path = self.path.as_path();
        let read_part = |conn: &Connection, range: &[i64; 4]| {
            let read = |e| classify_read(path, e);
            let mut query = conn.prepare(&sql).map_err(read)?;
            // Unused parameters are not bound: SQLite refuses a binding past its last one.
            let count = query.parameter_count();
            for (i, value) in range.iter().take(count).enumerate() {
                query.raw_bind_parameter(i + 1, value).map_err(read)?;
            }
            graph_spans_of(query.raw_query(), path)
        };
        let parts = match &self.reopen {
            Some(reopen) if ranges.len() > 1 => self.read_in_parts(reopen, &ranges, read_part)?,
            _ => vec![read_part(
                &self.conn,
                &[start_ns, end_ns, i64::MIN, i64::MAX],
            )?],
        };
        let mut parts = parts.into_iter();
        let mut spans = parts.next().unwrap_or_default();
        for part in parts {
            spans.append(part);
        }
        Ok(spans)
    }

    /// `read(conn, part)` for each of `parts` at once, each on a connection of its own
    /// opened as this reader's was; the results in the order of `parts`.
    fn read_in_parts<P: Sync, T: Send>(
        &self,
        (target, flags): &(String, OpenFlags),
        parts: &[P],
        read: impl Fn(&Connection, &P) -> Result<T, StoreError> + Sync,
    ) -> Result<Vec<T>, StoreError> {
        let path = &self.path;
        let read = &read;
        std::thread::scope(|scope| {
            let workers: Vec<_> = parts
                .iter()
                .map(|part| {
                    scope.spawn(move || {
                        let conn = Connection::open_with_flags(target, *flags)
                            .map_err(|e| classify_read(path, e))?;
                        conn.busy_timeout(Duration::from_secs(5))
                            .map_err(|e| classify_read(path, e))?;
                        read(&conn, part)
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| {
                    w.join().unwrap_or_else(|_| {
                        Err(StoreError::Read {
                            path: path.clone(),
                            source: std::io::Error::other("a reader thread panicked").into(),
                        })
                    })
                })
                .collect()
        })
    }

    /// The spans that started in `[start_ns, end_ns)` as a table of `columns` (Honeycomb
    /// names): only those are read, and an attribute is taken out of its JSON by SQLite, so
    /// a query parses only what it asks about.
    pub fn span_table(
        &self,
        start_ns: i64,
        end_ns: i64,
        columns: Vec<String>,
    ) -> Result<SpanTable, StoreError> {
        let sources: Vec<ColumnSource> = columns.iter().map(|c| source_of(c)).collect();
        let mut select = vec!["start_ns".to_string()];
        let mut paths: Vec<String> = Vec::new();
        for source in &sources {
            match source {
                ColumnSource::DurationMs => select.push("end_ns - start_ns".into()),
                ColumnSource::Error => select.push("status".into()),
                ColumnSource::Field(f) => select.push(field_column(*f).into()),
                ColumnSource::Attribute { key, derived } => {
                    if addressable(key) {
                        paths.push(format!("$.\"{key}\""));
                        let p = paths.len() + 2;
                        select.push(format!(
                            "coalesce(nullif(attributes -> ?{p}, 'null'), resource -> ?{p})"
                        ));
                    } else {
                        // A key SQLite's JSON paths cannot spell: both maps, parsed here.
                        select.push("attributes".into());
                        select.push("resource".into());
                    }
                    select.push(derived.map_or("NULL", field_column).into());
                }
            }
        }
        let sql = format!(
            "SELECT {} FROM spans WHERE start_ns >= ?1 AND start_ns < ?2",
            select.join(", ")
        );
        let mut query = self
            .conn
            .prepare(&sql)
            .map_err(|e| classify_read(&self.path, e))?;
        let mut bound: Vec<&dyn rusqlite::ToSql> = vec![&start_ns, &end_ns];
        bound.extend(paths.iter().map(|p| p as &dyn rusqlite::ToSql));
        let mut rows = query
            .query(bound.as_slice())
            .map_err(|e| classify_read(&self.path, e))?;
        let mut table = SpanTable::new(columns);
        let mut row_values = Vec::with_capacity(sources.len());
        while let Some(r) = rows.next().map_err(|e| classify_read(&self.path, e))? {
            row_values.clear();
            let mut i = 1;
            for source in &sources {
                let value =
                    table_value(r, &mut i, source).map_err(|e| classify_read(&self.path, e))?;
                row_values.push(value);
            }
            table.push(
                r.get(0).map_err(|e| classify_read(&self.path, e))?,
                row_values.drain(..),
            );
        }
        Ok(table)
    }

    /// How many spans the store holds of each trace of `trace_ids` (from the key alone).
    pub fn span_counts(&self, trace_ids: &[&str]) -> Result<Vec<u64>, StoreError> {
        let read = |e| classify_read(&self.path, e);
        if self.version < 4 {
            let mut count = self
                .conn
                .prepare_cached("SELECT count(*) FROM spans WHERE trace_id = ?1")
                .map_err(read)?;
            return trace_ids
                .iter()
                .map(|id| {
                    count
                        .query_row(params![id], |r| r.get::<_, i64>(0))
                        .map(|n| n.max(0) as u64)
                        .map_err(read)
                })
                .collect();
        }
        // The spans after the index's mark in one pass for all the traces asked about,
        // then each trace's entries in the index.
        let mut counts: foldhash::HashMap<&str, u64> =
            trace_ids.iter().map(|id| (*id, 0)).collect();
        let mut recent = self
            .conn
            .prepare_cached(
                "SELECT trace_id FROM spans WHERE id > (SELECT id FROM span_index_mark)",
            )
            .map_err(read)?;
        let mut rows = recent.query([]).map_err(read)?;
        while let Some(row) = rows.next().map_err(read)? {
            let trace = row.get_ref(0).map_err(read)?.as_str().unwrap_or_default();
            if let Some(n) = counts.get_mut(trace) {
                *n += 1;
            }
        }
        let mut indexed = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM span_key_index k JOIN spans s ON s.id = k.id
                 WHERE k.trace_key = ?1 AND s.trace_id = ?2
                 AND k.id <= (SELECT id FROM span_index_mark)",
            )
            .map_err(read)?;
        trace_ids
            .iter()
            .map(|id| {
                let n: i64 = indexed
                    .query_row(params![logs::trace_key(id), id], |r| r.get(0))
                    .map_err(read)?;
                Ok(n.max(0) as u64 + counts[id])
            })
            .collect()
    }

    /// Every span of one trace (W3C id), in start order.
    pub fn trace(&self, trace_id: &str) -> Result<Vec<SpanRecord>, StoreError> {
        let columns = columns(self.detail_column());
        if self.version < 4 {
            return self.records(
                &format!("SELECT {columns} FROM spans WHERE trace_id = ?1 ORDER BY start_ns"),
                params![trace_id],
            );
        }
        // From the key index, and the few spans after its mark.
        self.records(
            &format!(
                "SELECT {columns} FROM spans
                 WHERE id IN (SELECT id FROM span_key_index WHERE trace_key = ?2
                              AND id <= (SELECT id FROM span_index_mark)
                              UNION ALL
                              SELECT id FROM spans
                              WHERE id > (SELECT id FROM span_index_mark) AND trace_id = ?1)
                 AND trace_id = ?1
                 ORDER BY start_ns"
            ),
            params![trace_id, logs::trace_key(trace_id)],
        )
    }

    /// The span records a query of [`COLUMNS`] returns.
    fn records(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<SpanRecord>, StoreError> {
        let mut query = self
            .conn
            .prepare(sql)
            .map_err(|e| classify_read(&self.path, e))?;
        let rows = query
            .query_map(params, record_of_row)
            .map_err(|e| classify_read(&self.path, e))?;
        rows.collect::<Result<_, _>>()
            .map_err(|e| classify_read(&self.path, e))
    }

    /// Spans and traces per service, busiest first.
    pub fn services(&self) -> Result<Vec<(String, i64, i64)>, StoreError> {
        let parts = reader_parts();
        // The parts seek in the index by service and start, which a file no writer of this
        // tracectl has opened yet may lack (each part would scan the whole table).
        let indexed = self
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'service_by_start'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map_err(|e| classify_read(&self.path, e))?
            > 0;
        let mut out = match &self.reopen {
            Some(reopen) if parts > 1 && indexed => self.services_in_parts(reopen, parts)?,
            _ => self.services_in_one_pass()?,
        };
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(out)
    }

    /// Spans and distinct traces per service in one pass over the index by service: a
    /// service's spans come together, so its traces are counted in a set of ids (as
    /// numbers) cleared for each service, where SQLite's count(DISTINCT) sorts them all.
    fn services_in_one_pass(&self) -> Result<Vec<(String, i64, i64)>, StoreError> {
        let read = |e| classify_read(&self.path, e);
        let mut query = self
            .conn
            .prepare("SELECT service, trace_id FROM spans ORDER BY service")
            .map_err(read)?;
        let mut rows = query.query([]).map_err(read)?;
        let mut out: Vec<(String, i64, i64)> = Vec::new();
        let mut traces: foldhash::HashSet<u128> = Default::default();
        while let Some(row) = rows.next().map_err(read)? {
            let service = row.get_ref(0).map_err(read)?.as_str().unwrap_or_default();
            let trace = row.get_ref(1).map_err(read)?.as_bytes().unwrap_or_default();
            if out.last().is_none_or(|(name, _, _)| name != service) {
                traces.clear();
                out.push((service.to_string(), 0, 0));
            }
            if let Some((_, spans, count)) = out.last_mut() {
                *spans += 1;
                if traces.insert(crate::model::span::id_number(trace)) {
                    *count += 1;
                }
            }
        }
        Ok(out)
    }

    /// [`Store::services_in_one_pass`] read by `parts` connections at once, each taking a
    /// slice of every service's time from the index by service and start (reading the
    /// index is most of `local stats`' time, and one core does it at half the speed of
    /// two). The slices do not overlap, so no span is counted twice; a trace with spans in
    /// two slices is counted once ([`distinct_in_all`]). Each connection reads its own
    /// snapshot: while a listener writes, a slice may hold spans another did not see yet,
    /// as any count of a live store is a moment's.
    fn services_in_parts(
        &self,
        target_flags: &(String, OpenFlags),
        parts: usize,
    ) -> Result<Vec<(String, i64, i64)>, StoreError> {
        let read = |e| classify_read(&self.path, e);
        // The services and the time of each, from the ends of the index: a seek each.
        let mut first = self
            .conn
            .prepare("SELECT min(service) FROM spans")
            .map_err(read)?;
        let mut next = self
            .conn
            .prepare("SELECT min(service) FROM spans WHERE service > ?1")
            .map_err(read)?;
        let mut ends = self
            .conn
            .prepare(
                "SELECT (SELECT min(start_ns) FROM spans WHERE service = ?1),
                        (SELECT max(start_ns) FROM spans WHERE service = ?1)",
            )
            .map_err(read)?;
        let mut services: Vec<(String, i64, i64)> = Vec::new();
        let mut service: Option<String> = first.query_row([], |r| r.get(0)).map_err(read)?;
        while let Some(name) = service {
            // Each statement reads its own moment: a service a listener's prune emptied
            // since has no ends, and no spans to count.
            let ends: (Option<i64>, Option<i64>) = ends
                .query_row([&name], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(read)?;
            service = next.query_row([&name], |r| r.get(0)).map_err(read)?;
            if let (Some(from), Some(to)) = ends {
                services.push((name, from, to));
            }
        }
        // Part k reads the k-th slice of each service's time (none where the time has fewer
        // instants than there are parts).
        let cut: Vec<Vec<(i64, i64)>> = services
            .iter()
            .map(|(_, from, to)| slices(*from, *to, parts).collect())
            .collect();
        let part_numbers: Vec<usize> = (0..parts).collect();
        let path = self.path.as_path();
        let parts_counted = self.read_in_parts(target_flags, &part_numbers, |conn, &k| {
            let mut query = conn
                .prepare(
                    "SELECT trace_id FROM spans
                         WHERE service = ?1 AND start_ns >= ?2 AND start_ns <= ?3",
                )
                .map_err(|e| classify_read(path, e))?;
            let mut counted: Vec<ServiceCount> = Vec::with_capacity(services.len());
            for ((name, _, _), slices) in services.iter().zip(&cut) {
                let mut spans = 0i64;
                let mut traces: foldhash::HashSet<u128> = Default::default();
                let Some(&(low, high)) = slices.get(k) else {
                    counted.push((spans, traces));
                    continue;
                };
                let mut rows = query
                    .query(params![name, low, high])
                    .map_err(|e| classify_read(path, e))?;
                // A trace's spans mostly come one after another in start order (a request
                // at a time, a parent before its children): the id of the row before is
                // not looked up again.
                let mut last = None;
                while let Some(row) = rows.next().map_err(|e| classify_read(path, e))? {
                    let trace = row
                        .get_ref(0)
                        .map_err(|e| classify_read(path, e))?
                        .as_bytes()
                        .unwrap_or_default();
                    spans += 1;
                    let trace = crate::model::span::id_number(trace);
                    if last != Some(trace) {
                        traces.insert(trace);
                        last = Some(trace);
                    }
                }
                counted.push((spans, traces));
            }
            Ok(counted)
        })?;
        let mut out = Vec::with_capacity(services.len());
        for (i, (name, _, _)) in services.into_iter().enumerate() {
            let counts: Vec<&ServiceCount> = parts_counted.iter().map(|part| &part[i]).collect();
            let spans = counts.iter().map(|(n, _)| n).sum();
            out.push((name, spans, distinct_in_all(&counts) as i64));
        }
        Ok(out)
    }

    /// How many traces are stored.
    pub fn trace_count(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row(
                "SELECT count(*) FROM (SELECT DISTINCT trace_id FROM spans)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| classify_read(&self.path, e))
    }

    /// The earliest and latest span start stored, `None` when there is none.
    pub fn time_range(&self) -> Result<Option<(i64, i64)>, StoreError> {
        self.conn
            // Two subqueries: SQLite answers a lone min() or max() from the end of the
            // index, but both in one select scan the whole of it (80 ms over 1M spans).
            .query_row(
                "SELECT (SELECT min(start_ns) FROM spans), (SELECT max(start_ns) FROM spans)",
                [],
                |r| Ok(r.get::<_, Option<i64>>(0)?.zip(r.get::<_, Option<i64>>(1)?)),
            )
            .map_err(|e| classify_read(&self.path, e))
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let version: i32 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| classify(&self.path, e))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::Newer {
                path: self.path.clone(),
                found: version,
            });
        }
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| classify(&self.path, e))?;
        if version == 0 && tables > 0 {
            return Err(StoreError::Foreign {
                path: self.path.clone(),
            });
        }
        if version == 0 {
            // A new file gets 8 KiB pages, not 4: each page the write-ahead log writes is
            // two calls to the kernel whatever its size, and the b-trees split half as
            // often. The writer spent a tenth less per span, the checkpoint a fifth less.
            // (A file made before keeps its pages; only a rebuild would change them.)
            self.conn
                .pragma_update(None, "page_size", PAGE_SIZE)
                .map_err(|e| classify(&self.path, e))?;
        }
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| classify(&self.path, e))?;
        // WAL with NORMAL sync is durable across a crash of tracectl (not of the OS), and
        // several times faster than FULL for a stream of small transactions.
        self.conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| classify(&self.path, e))?;
        // The write-ahead log is copied into the database every 10,000 pages (80 MB; 40 MB
        // in a file of 4 KiB pages), not SQLite's 1,000: a burst pays for a tenth of the
        // checkpoints (and their syncs); the log is cut back to 64 MB after one, so it does
        // not keep a burst's size.
        self.conn
            .pragma_update(None, "wal_autocheckpoint", 10_000)
            .map_err(|e| classify(&self.path, e))?;
        self.conn
            .pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)
            .map_err(|e| classify(&self.path, e))?;
        if version < SCHEMA_VERSION {
            // One transaction: a migration is done whole or not at all, never re-created.
            let tx = self
                .conn
                .transaction()
                .map_err(|e| classify(&self.path, e))?;
            if version == 0 {
                tx.execute_batch(SCHEMA_V1)
                    .map_err(|e| classify(&self.path, e))?;
            }
            if version < 2 {
                tx.execute_batch(MIGRATE_V2)
                    .map_err(|e| classify(&self.path, e))?;
            }
            if version < 3 {
                tx.execute_batch(logs::MIGRATE_V3)
                    .map_err(|e| classify(&self.path, e))?;
                tx.execute_batch(errors::MIGRATE_V3)
                    .map_err(|e| classify(&self.path, e))?;
            }
            if version < 4 {
                tx.execute_batch(keys::MIGRATE_V4)
                    .map_err(|e| classify(&self.path, e))?;
            }
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)
                .map_err(|e| classify(&self.path, e))?;
            tx.commit().map_err(|e| classify(&self.path, e))?;
        }
        self.conn
            .execute_batch(INDEXES)
            .map_err(|e| classify(&self.path, e))?;
        self.version = SCHEMA_VERSION;
        Ok(())
    }

    /// Stores `spans` in one transaction. A span already stored is replaced, except that
    /// a completed span is never replaced by an in-progress copy of itself (an X-Ray
    /// segment's `in_progress` version arriving after the finished one).
    pub fn insert(&mut self, spans: &[&SpanRecord]) -> Result<(), StoreError> {
        self.commit(&Rows {
            spans: spans.to_vec(),
            ..Rows::default()
        })
    }

    /// Writes everything of `rows` in one transaction: all of it is stored, or none.
    pub fn commit(&mut self, rows: &Rows<'_>) -> Result<(), StoreError> {
        let Store {
            conn,
            path,
            trace_index,
            span_keys,
            ..
        } = self;
        let written = (|| {
            let tx = conn.transaction().map_err(|e| classify(path, e))?;
            insert_spans(&tx, path, (&rows.spans, &rows.prepared), span_keys)?;
            let lines = logs::insert(&tx, path, &rows.logs, &rows.registry)?;
            errors::insert(&tx, path, &rows.errors, &rows.deploys)?;
            // The indexes by trace are written in sorted runs, in this transaction when due.
            let keys_flushed = span_keys.flush_if_due(&tx, path)?;
            let flushed = trace_index.flush_if_due(&tx, path, &lines)?;
            tx.commit().map_err(|e| classify(path, e))?;
            Ok((keys_flushed, lines, flushed))
        })();
        match written {
            Ok((keys_flushed, lines, flushed)) => {
                span_keys.committed(keys_flushed);
                trace_index.committed(lines, flushed);
                span_keys.refresh_filter(conn, path);
                Ok(())
            }
            Err(e) => {
                span_keys.rolled_back();
                Err(e)
            }
        }
    }

    /// Writes the spans and log lines not yet in their indexes by trace into them now (the
    /// writer stopping or idle, or opening a file another left so).
    pub fn flush_indexes(&mut self) -> Result<(), StoreError> {
        let Store {
            conn,
            path,
            trace_index,
            span_keys,
            ..
        } = self;
        if trace_index.is_empty() && span_keys.len() == 0 {
            return Ok(());
        }
        let tx = conn.transaction().map_err(|e| classify(path, e))?;
        span_keys.flush(&tx, path)?;
        trace_index.flush(&tx, path, &[])?;
        tx.commit().map_err(|e| classify(path, e))?;
        span_keys.committed(true);
        trace_index.committed(Vec::new(), true);
        Ok(())
    }

    /// Deletes spans, log lines and error occurrences from before `cutoff_ns` (and the
    /// error groups left with no occurrence); says how many of each.
    pub fn prune_before(&mut self, cutoff_ns: i64) -> Result<Pruned, StoreError> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| classify(&path, e))?;
        let spans = tx
            .execute("DELETE FROM spans WHERE start_ns < ?1", [cutoff_ns])
            .map_err(|e| classify(&path, e))?;
        if spans > 0 {
            // The key index's entries of spans before the first left (a reader and the
            // writer skip any other entry of a span that is gone: they join on the row).
            tx.execute(
                "DELETE FROM span_key_index
                 WHERE id < (SELECT coalesce(min(id), 9223372036854775807) FROM spans)",
                [],
            )
            .map_err(|e| classify(&path, e))?;
        }
        let logs = tx
            .execute("DELETE FROM logs WHERE time_ns < ?1", [cutoff_ns])
            .map_err(|e| classify(&path, e))?;
        if logs > 0 {
            // The index's entries of lines that are gone (a reader would skip them anyway).
            tx.execute(
                "DELETE FROM log_trace_index
                 WHERE id < (SELECT coalesce(min(id), 9223372036854775807) FROM logs)",
                [],
            )
            .map_err(|e| classify(&path, e))?;
        }
        let errors = errors::prune(&tx, &path, cutoff_ns)?;
        tx.commit().map_err(|e| classify(&path, e))?;
        Ok(Pruned {
            spans,
            logs,
            errors,
        })
    }
}

/// The JSON of a resource, written once per run of records that share it (the records of
/// one export hold one `Arc` of their resource).
#[derive(Default)]
struct ResourceJson {
    last: Option<(*const serde_json::Map<String, serde_json::Value>, Rc<str>)>,
}

impl ResourceJson {
    fn of(
        &mut self,
        resource: &std::sync::Arc<serde_json::Map<String, serde_json::Value>>,
    ) -> Rc<str> {
        let ptr = std::sync::Arc::as_ptr(resource);
        match &self.last {
            Some((last, json)) if *last == ptr => json.clone(),
            _ => {
                let json: Rc<str> = serde_json::to_string(&**resource)
                    .unwrap_or_default()
                    .into();
                self.last = Some((ptr, json.clone()));
                json
            }
        }
    }
}

/// What [`Store::prune_before`] deleted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pruned {
    pub spans: usize,
    pub logs: usize,
    pub errors: usize,
}

impl Pruned {
    pub fn total(&self) -> usize {
        self.spans + self.logs + self.errors
    }
}

/// Everything one transaction writes.
#[derive(Debug, Default)]
pub struct Rows<'a> {
    pub spans: Vec<&'a SpanRecord>,
    /// The JSON columns of `spans`, in their order, when the receiver made them already (on
    /// its own thread, beside the writer's); the writer makes those missing.
    pub prepared: Vec<&'a PreparedSpan>,
    pub logs: Vec<&'a crate::model::local_log::LogRecord>,
    pub errors: Vec<&'a crate::model::local_error::ErrorRecord>,
    pub deploys: Vec<&'a crate::model::local_error::Deploy>,
    /// Log groups and streams made (the CloudWatch Logs stand-in).
    pub registry: Vec<&'a crate::model::cloudwatch::RegistryChange>,
}

/// New spans inserted by one statement: a statement's fixed cost (opening a cursor on the
/// table and on each index, and seeking them from the root) is shared by this many rows.
/// 32 rows are 640 parameters, well under SQLite's limit of 32,766.
const ROWS_PER_INSERT: usize = 32;

/// The columns of `spans` that a span fills, in the order [`SpanRow::bind`] binds them.
const SPAN_COLUMNS: &str = "trace_id, span_id, parent_id, service, name, kind, start_ns, end_ns,
    status, http_method, http_route, http_url, http_status, db_statement, remote_service,
    exceptions, resource, attributes, source, detail";
const SPAN_VALUES: usize = 20;

/// What of a span's row needs nothing of the database, so receivers make it on their own
/// threads before the writer's turn ([`Rows::prepared`]): the columns that are JSON text
/// (encoding them was a twentieth of the writer) and its key (reading two hex ids).
#[derive(Debug, Clone)]
pub struct PreparedSpan {
    key: keys::Key,
    exceptions: Option<String>,
    attributes: String,
    detail: Option<String>,
}

impl PreparedSpan {
    pub fn of(s: &SpanRecord) -> PreparedSpan {
        PreparedSpan {
            key: keys::Key::of(&s.trace_id, &s.span_id),
            exceptions: (!s.exceptions.is_empty())
                .then(|| serde_json::to_string(&s.exceptions).unwrap_or_default()),
            attributes: serde_json::to_string(&s.attributes).unwrap_or_default(),
            detail: (!s.detail.is_empty())
                .then(|| serde_json::to_string(&s.detail).unwrap_or_default()),
        }
    }

    /// The bytes it holds (what it costs the collector's memory budget while queued).
    pub fn bytes(&self) -> usize {
        let text = |t: &Option<String>| t.as_ref().map_or(0, String::capacity);
        let key = match &self.key {
            keys::Key::Hex { .. } => 0,
            keys::Key::Text(ids) => ids.0.capacity() + ids.1.capacity(),
        };
        size_of::<PreparedSpan>()
            + key
            + self.attributes.capacity()
            + text(&self.exceptions)
            + text(&self.detail)
    }
}

/// A statement's parameters for a row, their values unknown (a statement from the cache).
fn unknown_bindings<'a>() -> [Bound<'a>; SPAN_VALUES] {
    std::array::from_fn(|_| Bound::Unknown)
}

/// A span as its row's values.
struct SpanRow<'a> {
    span: &'a SpanRecord,
    service: std::borrow::Cow<'a, str>,
    resource: Rc<str>,
    prepared: std::borrow::Cow<'a, PreparedSpan>,
}

/// What a parameter of a statement is bound to, as far as it is known: a parameter keeps
/// its value from one execution to the next, and binding text copies it (a fifth of the
/// writer's instructions), so the held chunk insert binds again only the values that
/// changed: from one chunk to the next, most of a row's values are the same as the row's
/// in the same place before (its service, kind, status, resource, method, and its NULLs).
/// Texts borrowed for the whole commit are compared by content; a value made for one row
/// is `Unknown`, bound every time.
#[derive(Debug, Clone, PartialEq)]
enum Bound<'a> {
    Unknown,
    Null,
    Int(i64),
    Text(&'a str),
    Shared(Rc<str>),
}

impl<'a> SpanRow<'a> {
    /// Binds the row's values to parameters `first` .. `first + SPAN_VALUES`, in
    /// [`SPAN_COLUMNS`] order, those that differ from `bound` (what they are bound to,
    /// kept up to date).
    fn bind(
        &self,
        statement: &mut rusqlite::CachedStatement<'_>,
        first: usize,
        bound: &mut [Bound<'a>],
    ) -> rusqlite::Result<()> {
        let s = self.span;
        let text = |t: &'a Option<String>| t.as_deref().map_or(Bound::Null, Bound::Text);
        let int = |n: Option<i64>| n.map_or(Bound::Null, Bound::Int);
        let (exceptions, attributes, detail) = match &self.prepared {
            std::borrow::Cow::Borrowed(p) => (
                text(&p.exceptions),
                Bound::Text(p.attributes.as_str()),
                text(&p.detail),
            ),
            std::borrow::Cow::Owned(_) => (Bound::Unknown, Bound::Unknown, Bound::Unknown),
        };
        let now: [Bound<'a>; SPAN_VALUES] = [
            Bound::Text(&s.trace_id),
            Bound::Text(&s.span_id),
            text(&s.parent_id),
            match &self.service {
                std::borrow::Cow::Borrowed(service) => Bound::Text(service),
                std::borrow::Cow::Owned(_) => Bound::Unknown,
            },
            Bound::Text(&s.name),
            Bound::Text(s.kind.as_str()),
            Bound::Int(s.start_ns),
            int(s.end_ns),
            Bound::Text(s.status.as_str()),
            text(&s.http_method),
            text(&s.http_route),
            text(&s.http_url),
            int(s.http_status),
            text(&s.db_statement),
            text(&s.remote_service),
            exceptions,
            Bound::Shared(self.resource.clone()),
            attributes,
            Bound::Text(s.source.as_str()),
            detail,
        ];
        let values: [&dyn rusqlite::ToSql; SPAN_VALUES] = [
            &s.trace_id,
            &s.span_id,
            &s.parent_id,
            &self.service,
            &s.name,
            &s.kind.as_str(),
            &s.start_ns,
            &s.end_ns,
            &s.status.as_str(),
            &s.http_method,
            &s.http_route,
            &s.http_url,
            &s.http_status,
            &s.db_statement,
            &s.remote_service,
            &self.prepared.exceptions,
            &&*self.resource,
            &self.prepared.attributes,
            &s.source.as_str(),
            &self.prepared.detail,
        ];
        for (i, (value, now)) in values.into_iter().zip(now).enumerate() {
            let before = &mut bound[i];
            if now != Bound::Unknown && now == *before {
                continue;
            }
            statement.raw_bind_parameter(first + i, value)?;
            *before = now;
        }
        Ok(())
    }
}

/// `INSERT INTO spans` of `rows` rows, `OR ROLLBACK`: a statement of many rows that could
/// fail halfway (a NOT NULL constraint's default, ABORT) makes SQLite save every page it
/// changes to a statement journal first, to undo the statement alone: a sixth of the
/// writer's time, in a temporary file. A failed insert fails the whole commit anyway
/// ([`Store::commit`]: all or none), so it may as well roll the transaction back.
fn insert_statement(rows: usize) -> String {
    let row = format!("({})", vec!["?"; SPAN_VALUES].join(", "));
    format!(
        "INSERT OR ROLLBACK INTO spans ({SPAN_COLUMNS}) VALUES {}",
        vec![row; rows].join(", ")
    )
}

/// The two inserts used: a full chunk, and one row (the rest of a chunk; two statements,
/// not one per size, so the connection's statement cache keeps them).
static INSERT_CHUNK: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| insert_statement(ROWS_PER_INSERT));
static INSERT_ONE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| insert_statement(1));

/// New rows waiting to be inserted [`ROWS_PER_INSERT`] at a time.
struct NewRows<'a, 't> {
    rows: Vec<SpanRow<'a>>,
    /// The insert of a full chunk, held for the whole commit: taken from the connection's
    /// cache for each chunk, it was looked up by its text and its 640 parameters cleared
    /// when put back, a twentieth of the writer's instructions.
    insert_chunk: Option<rusqlite::CachedStatement<'t>>,
    /// What the parameters of `insert_chunk` are bound to.
    chunk_bound: Vec<Bound<'a>>,
}

impl<'a, 't> NewRows<'a, 't> {
    /// Inserts the waiting rows and gives their ids to `keys`. Rows get consecutive ids in
    /// VALUES order (one larger than the largest ever used, in this transaction that only
    /// this connection writes), so the last id and the count give each one's.
    fn insert(
        &mut self,
        tx: &'t rusqlite::Transaction<'_>,
        keys: &mut keys::SpanKeys,
    ) -> rusqlite::Result<()> {
        let mut rest = self.rows.as_slice();
        let mut insert_one = None;
        while !rest.is_empty() {
            let rows = if rest.len() >= ROWS_PER_INSERT {
                ROWS_PER_INSERT
            } else {
                1
            };
            let (chunk, after) = rest.split_at(rows);
            rest = after;
            // Every parameter of a statement is bound for each chunk (to what it holds
            // already, or again): nothing of the chunk before is inserted again.
            let mut one_bound = unknown_bindings();
            let (statement, bound) = match (rows, &mut self.insert_chunk) {
                (1, _) => (
                    insert_one.insert(tx.prepare_cached(&INSERT_ONE)?),
                    &mut one_bound[..],
                ),
                (_, Some(statement)) => (statement, &mut self.chunk_bound[..]),
                (_, empty) => (
                    empty.insert(tx.prepare_cached(&INSERT_CHUNK)?),
                    &mut self.chunk_bound[..],
                ),
            };
            for (i, row) in chunk.iter().enumerate() {
                let first = i * SPAN_VALUES;
                row.bind(statement, 1 + first, &mut bound[first..first + SPAN_VALUES])?;
            }
            let inserted = statement.raw_execute()?;
            if inserted != rows {
                return Err(rusqlite::Error::StatementChangedRows(inserted));
            }
            let last = tx.last_insert_rowid();
            for (i, row) in chunk.iter().enumerate() {
                keys.inserted(row.prepared.key.clone(), last - (rows - 1 - i) as i64);
            }
        }
        self.rows.clear();
        Ok(())
    }
}

/// Index entries inserted by one statement when a run is written: a statement's fixed cost
/// (binding, a step through its program, a reset) was most of an entry's, one statement an
/// entry. 64 entries of three columns are 192 parameters.
const ENTRIES_PER_INSERT: usize = 64;

/// Inserts a run of index entries (each `N` numbers, sorted) into `into` (a table and its
/// columns, `table (a, b)`), [`ENTRIES_PER_INSERT`] a statement. `OR IGNORE`: an entry
/// already there stays, and a statement of many rows that cannot fail halfway needs no
/// statement journal (see [`insert_statement`]).
fn insert_entries<const N: usize>(
    tx: &rusqlite::Transaction<'_>,
    into: &str,
    entries: &[[i64; N]],
) -> rusqlite::Result<()> {
    let statement = |rows: usize| {
        let row = format!("({})", vec!["?"; N].join(", "));
        format!(
            "INSERT OR IGNORE INTO {into} VALUES {}",
            vec![row; rows].join(", ")
        )
    };
    let mut chunks = entries.chunks_exact(ENTRIES_PER_INSERT);
    if chunks.len() > 0 {
        let mut insert = tx.prepare_cached(&statement(ENTRIES_PER_INSERT))?;
        for chunk in &mut chunks {
            for (i, value) in chunk.iter().flatten().enumerate() {
                insert.raw_bind_parameter(i + 1, value)?;
            }
            insert.raw_execute()?;
        }
    }
    if !chunks.remainder().is_empty() {
        let mut insert = tx.prepare_cached(&statement(1))?;
        for entry in chunks.remainder() {
            for (i, value) in entry.iter().enumerate() {
                insert.raw_bind_parameter(i + 1, value)?;
            }
            insert.raw_execute()?;
        }
    }
    Ok(())
}

/// Stores spans within `tx`. A span already stored is replaced, except that a completed
/// span is never replaced by an in-progress copy of itself. The key of each span stored as
/// a new row goes to `keys`, for the key index.
fn insert_spans(
    tx: &rusqlite::Transaction<'_>,
    path: &Path,
    (spans, prepared): (&[&SpanRecord], &[&PreparedSpan]),
    keys: &mut keys::SpanKeys,
) -> Result<(), StoreError> {
    // The JSON made by the receivers, when it is there for every span.
    let prepared = if prepared.len() == spans.len() {
        prepared
    } else {
        &[]
    };
    if spans.is_empty() {
        return Ok(());
    }
    let write = |e| classify(path, e);
    let mut waiting = NewRows {
        rows: Vec::with_capacity(ROWS_PER_INSERT),
        insert_chunk: None,
        chunk_bound: vec![Bound::Unknown; ROWS_PER_INSERT * SPAN_VALUES],
    };
    let mut resource_json = ResourceJson::default();
    for (n, s) in spans.iter().enumerate() {
        // Made by the receiver, or here (`Store::insert`).
        let made = match prepared.get(n) {
            Some(made) => std::borrow::Cow::Borrowed(*made),
            None => std::borrow::Cow::Owned(PreparedSpan::of(s)),
        };
        let key = &made.key;
        // Nearly every span is new, and the key filter says so at once.
        let may_be_stored = keys.may_hold(key);
        // What follows reads rows by id or key: the rows waiting are written first (rare:
        // a subsegment without its service, or a span sent again in this commit).
        let rare = s.service.is_empty()
            || (may_be_stored && waiting.rows.iter().any(|row| row.prepared.key == *key));
        if rare {
            waiting.insert(tx, keys).map_err(write)?;
        }
        // A subsegment sent alone names no service: its parent's, if stored.
        let mut service = std::borrow::Cow::Borrowed(s.service.as_str());
        if service.is_empty() {
            let parent = match &s.parent_id {
                Some(parent) => keys.find(
                    tx,
                    path,
                    (&keys::Key::of(&s.trace_id, parent), &s.trace_id, parent),
                )?,
                None => None,
            };
            service = match parent {
                Some(id) => tx
                    .prepare_cached("SELECT service FROM spans WHERE id = ?1 AND service <> ''")
                    .and_then(|mut q| q.query_row([id], |r| r.get(0)).optional())
                    .map_err(write)?,
                None => None,
            }
            .map_or(
                std::borrow::Cow::Borrowed("unknown_service"),
                std::borrow::Cow::Owned,
            );
        }
        let row = SpanRow {
            span: s,
            service,
            resource: resource_json.of(&s.resource),
            prepared: made,
        };
        if may_be_stored
            && let Some(id) = keys.find(tx, path, (&row.prepared.key, &s.trace_id, &s.span_id))?
            && replace(tx, &row, id).map_err(write)?
        {
            continue;
        }
        keys.seen(&row.prepared.key);
        waiting.rows.push(row);
        if waiting.rows.len() == ROWS_PER_INSERT {
            waiting.insert(tx, keys).map_err(write)?;
        }
    }
    waiting.insert(tx, keys).map_err(write)?;
    Ok(())
}

/// Writes `row` over the stored span `id`; false when it is to be stored as a new row
/// instead (the span is gone since: pruned). A completed span is kept from an in-progress
/// copy of itself (true: nothing more to store).
fn replace(tx: &rusqlite::Transaction<'_>, row: &SpanRow<'_>, id: i64) -> rusqlite::Result<bool> {
    let mut replace = tx.prepare_cached(
        "UPDATE spans SET parent_id = ?3, service = ?4, name = ?5, kind = ?6,
                start_ns = ?7, end_ns = ?8, status = ?9, http_method = ?10,
                http_route = ?11, http_url = ?12, http_status = ?13, db_statement = ?14,
                remote_service = ?15, exceptions = ?16, resource = ?17, attributes = ?18,
                source = ?19, detail = ?20
         WHERE id = ?21 AND trace_id = ?1 AND span_id = ?2
         AND (?8 IS NOT NULL OR end_ns IS NULL)",
    )?;
    row.bind(&mut replace, 1, &mut unknown_bindings())?;
    replace.raw_bind_parameter(SPAN_VALUES + 1, id)?;
    if replace.raw_execute()? > 0 {
        return Ok(true);
    }
    // Not replaced: a completed span kept from its in-progress copy, or a span gone since.
    let kept: i64 = tx
        .prepare_cached("SELECT count(*) FROM spans WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    Ok(kept > 0)
}

impl Store {
    /// How many spans are stored (for tests and totals).
    pub fn count(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM spans", [], |r| r.get(0))
            .map_err(|e| classify_read(&self.path, e))
    }
}

/// A service's spans in a slice of time, and the ids of their traces.
type ServiceCount = (i64, foldhash::HashSet<u128>);

/// How many distinct trace ids the parts' sets hold together: each set's ids that no set
/// before it holds. Looking ids up leaves the sets as they are, where joining them into one
/// would insert (and grow a table for) every id again.
fn distinct_in_all(counts: &[&ServiceCount]) -> usize {
    counts
        .iter()
        .enumerate()
        .map(|(k, (_, ids))| {
            let before = &counts[..k];
            ids.iter()
                .filter(|id| !before.iter().any(|(_, earlier)| earlier.contains(*id)))
                .count()
        })
        .sum()
}

/// The columns [`record_of_row`] reads, in its order.
const COLUMNS: &str = "trace_id, span_id, parent_id, service, name, kind, start_ns, end_ns,
    status, http_method, http_route, http_url, http_status, db_statement, remote_service,
    exceptions, resource, attributes, source";

/// [`COLUMNS`] and the `detail` column of a file of `detail` (its name, or NULL).
fn columns(detail: &str) -> String {
    format!("{COLUMNS}, {detail}")
}

/// One row of [`COLUMNS`] as a span record (JSON columns that do not parse read as empty).
fn record_of_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SpanRecord> {
    use crate::model::span::{SpanKind, SpanSource, SpanStatus};
    let json_map = |text: String| match serde_json::from_str(&text) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let kind = SpanKind::stored(&r.get::<_, String>(5)?);
    let status = SpanStatus::stored(&r.get::<_, String>(8)?);
    let exceptions: Option<String> = r.get(15)?;
    Ok(SpanRecord {
        trace_id: r.get(0)?,
        span_id: r.get(1)?,
        parent_id: r.get(2)?,
        service: r.get(3)?,
        name: r.get(4)?,
        kind,
        start_ns: r.get(6)?,
        end_ns: r.get(7)?,
        status,
        http_method: r.get(9)?,
        http_route: r.get(10)?,
        http_url: r.get(11)?,
        http_status: r.get(12)?,
        db_statement: r.get(13)?,
        remote_service: r.get(14)?,
        exceptions: exceptions
            .and_then(|e| serde_json::from_str(&e).ok())
            .unwrap_or_default(),
        resource: std::sync::Arc::new(json_map(r.get(16)?)),
        attributes: json_map(r.get(17)?),
        source: if r.get::<_, String>(18)? == "xray" {
            SpanSource::Xray
        } else {
            SpanSource::Otlp
        },
        detail: r
            .get::<_, Option<String>>(19)?
            .and_then(|d| serde_json::from_str(&d).ok())
            .unwrap_or_default(),
    })
}

/// The SQL column of a span field.
fn field_column(field: SpanField) -> &'static str {
    match field {
        SpanField::Name => "name",
        SpanField::Service => "service",
        SpanField::TraceId => "trace_id",
        SpanField::SpanId => "span_id",
        SpanField::ParentId => "parent_id",
        SpanField::Kind => "kind",
        SpanField::Status => "status",
        SpanField::HttpMethod => "http_method",
        SpanField::HttpRoute => "http_route",
        SpanField::HttpUrl => "http_url",
        SpanField::HttpStatus => "http_status",
        SpanField::DbStatement => "db_statement",
        SpanField::RemoteService => "remote_service",
    }
}

/// Whether an attribute key can be spelled in an SQLite JSON path (`$."key"`), which has
/// no escapes.
fn addressable(key: &str) -> bool {
    !key.contains(['"', '\\'])
}

/// A column's value from the result columns [`Store::span_table`] selected for it,
/// starting at `*i` (advanced past them).
fn table_value(
    r: &rusqlite::Row<'_>,
    i: &mut usize,
    source: &ColumnSource,
) -> rusqlite::Result<serde_json::Value> {
    use rusqlite::types::ValueRef;
    use serde_json::Value;
    let plain = |v: ValueRef<'_>| match v {
        ValueRef::Integer(n) => Value::from(n),
        ValueRef::Real(x) => Value::from(x),
        ValueRef::Text(t) | ValueRef::Blob(t) => Value::from(String::from_utf8_lossy(t)),
        ValueRef::Null => Value::Null,
    };
    let json = |v: ValueRef<'_>| match v {
        ValueRef::Text(t) => serde_json::from_slice(t).unwrap_or(Value::Null),
        _ => Value::Null,
    };
    let value = match source {
        ColumnSource::DurationMs => match r.get_ref(*i)? {
            ValueRef::Integer(ns) => Value::from(ns as f64 / 1e6),
            _ => Value::Null,
        },
        ColumnSource::Error => Value::from(r.get_ref(*i)?.as_str().is_ok_and(|s| s != "ok")),
        ColumnSource::Field(_) => plain(r.get_ref(*i)?),
        ColumnSource::Attribute { key, .. } => {
            let found = if addressable(key) {
                json(r.get_ref(*i)?)
            } else {
                *i += 1;
                let from_map = |v: ValueRef<'_>| match json(v) {
                    Value::Object(mut map) => map.remove(key).unwrap_or(Value::Null),
                    _ => Value::Null,
                };
                match from_map(r.get_ref(*i - 1)?) {
                    Value::Null => from_map(r.get_ref(*i)?),
                    found => found,
                }
            };
            *i += 1;
            match found {
                Value::Null => plain(r.get_ref(*i)?),
                found => found,
            }
        }
    };
    *i += 1;
    Ok(value)
}

/// Whether a file cannot be made in `dir` (a folder that is read-only to this user though
/// its mode bits say otherwise, as for a non-root user in a root-owned folder).
fn tempfile_denied(dir: &Path) -> bool {
    let probe = dir.join(format!(".tracectl-probe-{}", std::process::id()));
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            false
        }
        Err(e) => e.kind() == std::io::ErrorKind::PermissionDenied,
    }
}

/// How many connections a reader reads a large question with at once: a core each, up
/// to four (beyond that the disk, not SQLite's stepping, is what waits).
fn reader_parts() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// `[first, last]` cut into at most `parts` ranges that do not overlap and leave nothing
/// out, each as (its first, its last), in order.
fn slices(first: i64, last: i64, parts: usize) -> impl Iterator<Item = (i64, i64)> {
    let parts = parts.max(1) as i128;
    let (low, width) = (i128::from(first), i128::from(last) - i128::from(first) + 1);
    let bound = move |k: i128| low + width.max(0) * k / parts;
    // Each first and last between `first` and `last`, so within i64.
    (0..parts)
        .filter(move |&k| bound(k) < bound(k + 1))
        .map(move |k| (bound(k) as i64, (bound(k + 1) - 1) as i64))
}

/// The rows of a graph query (its columns as [`Store::graph_spans_between`] selects them)
/// in the graph's compact form.
fn graph_spans_of(mut rows: rusqlite::Rows<'_>, path: &Path) -> Result<GraphSpans, StoreError> {
    use crate::model::span::SpanKind;
    let read = |e| classify_read(path, e);
    let mut spans = GraphSpans::default();
    while let Some(row) = rows.next().map_err(read)? {
        let bytes_at = |i| -> Result<Option<&[u8]>, StoreError> {
            row.get_ref(i)
                .map_err(read)?
                .as_bytes_or_null()
                .map_err(|e| read(e.into()))
        };
        let word_at = |i| -> Result<&str, StoreError> {
            Ok(std::str::from_utf8(bytes_at(i)?.unwrap_or_default()).unwrap_or_default())
        };
        spans.push(GraphFields {
            trace_id: bytes_at(0)?.unwrap_or_default(),
            span_id: bytes_at(1)?.unwrap_or_default(),
            parent_id: bytes_at(2)?,
            service: bytes_at(3)?.unwrap_or_default(),
            kind: SpanKind::stored(word_at(4)?),
            status: SpanStatus::stored(word_at(5)?),
            duration_ms: row
                .get::<_, Option<i64>>(6)
                .map_err(read)?
                .map(|ns| ns as f64 / 1e6),
            remote_service: bytes_at(7)?,
        });
    }
    Ok(spans)
}

/// Sorts an SQLite error met while reading: like [`classify`], but a failure (an I/O
/// error too) is one to read.
fn classify_read(path: &Path, e: rusqlite::Error) -> StoreError {
    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::SystemIoFailure) {
        return StoreError::Read {
            path: path.to_path_buf(),
            source: e.into(),
        };
    }
    match classify(path, e) {
        StoreError::Write { path, source } => StoreError::Read { path, source },
        other => other,
    }
}

/// Sorts an SQLite error into what the user can act on.
fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    let path = path.to_path_buf();
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::Foreign { path },
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            StoreError::Locked { path }
        }
        Some(rusqlite::ErrorCode::DiskFull) => StoreError::Full { path },
        Some(rusqlite::ErrorCode::SystemIoFailure) => StoreError::DiskIo { path },
        _ => StoreError::Write {
            path,
            source: e.into(),
        },
    }
}

/// Where the database lives when no `--db` is given: `$XDG_DATA_HOME/tracectl/traces.db`,
/// else `~/.local/share/tracectl/traces.db`.
pub fn default_path(env: &crate::config::Env) -> Option<PathBuf> {
    env.get("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| env.get("HOME").map(|h| Path::new(h).join(".local/share")))
        .map(|base| base.join("tracectl").join("traces.db"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::span::{SpanKind, SpanSource, SpanStatus};

    #[test]
    fn an_io_error_is_named_one_to_write_or_to_read() {
        let path = Path::new("/tmp/x.db");
        let io = |code| {
            rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                Some("disk I/O error".into()),
            )
        };
        assert!(matches!(
            classify(path, io(rusqlite::ffi::SQLITE_IOERR_WRITE)),
            StoreError::DiskIo { .. }
        ));
        let read = classify_read(path, io(rusqlite::ffi::SQLITE_IOERR_READ));
        assert!(matches!(read, StoreError::Read { .. }), "{read:?}");
        // Other failures to write stay what they were.
        assert!(matches!(
            classify(path, io(rusqlite::ffi::SQLITE_READONLY)),
            StoreError::Write { .. }
        ));
    }

    fn span(id: &str, end: Option<i64>) -> SpanRecord {
        SpanRecord {
            trace_id: "6b".repeat(16),
            span_id: id.into(),
            parent_id: None,
            service: "backend-flask".into(),
            name: "GET /api/activities/home".into(),
            kind: SpanKind::Server,
            start_ns: 1_000,
            end_ns: end,
            status: SpanStatus::Ok,
            http_method: Some("GET".into()),
            http_route: None,
            http_url: None,
            http_status: Some(200),
            db_statement: None,
            remote_service: None,
            exceptions: Vec::new(),
            resource: Default::default(),
            attributes: Default::default(),
            source: SpanSource::Xray,
            detail: Default::default(),
        }
    }

    /// Rows are inserted 32 at a time with their ids worked out from the last one: each
    /// key in the index must point at its own span, across full chunks, the rest, and a span
    /// sent twice in one commit (the completed copy replaces the first, not a neighbour).
    #[test]
    fn spans_inserted_by_chunks_keep_their_own_ids() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("spans.db")).unwrap();
        let mut spans: Vec<SpanRecord> = (0..75)
            .map(|i| {
                let mut s = span(&format!("{:016x}", i + 1), Some(2_000 + i));
                s.name = format!("span {i}");
                s
            })
            .collect();
        // Span 5 again, later in the same commit, with its final name.
        let mut again = span(&format!("{:016x}", 6), Some(9_999));
        again.name = "span 5, completed".into();
        spans.insert(40, again);
        store.insert(&spans.iter().collect::<Vec<_>>()).unwrap();
        store.flush_indexes().unwrap();

        assert_eq!(store.count().unwrap(), 75);
        let pointed: Vec<(String, String, i64)> = store
            .conn
            .prepare(
                "SELECT s.span_id, s.name, s.end_ns FROM span_key_index k JOIN spans s ON s.id = k.id
                 ORDER BY k.span_key",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let expected: Vec<(String, String, i64)> = (0..75)
            .map(|i| {
                let name = if i == 5 {
                    "span 5, completed".to_string()
                } else {
                    format!("span {i}")
                };
                let end = if i == 5 { 9_999 } else { 2_000 + i };
                (format!("{:016x}", i + 1), name, end)
            })
            .collect();
        assert_eq!(pointed, expected);
        let by_key: Vec<i64> = store
            .conn
            .prepare("SELECT k.span_key FROM span_key_index k JOIN spans s ON s.id = k.id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(by_key.len(), 75, "one index entry a span");
    }

    #[test]
    fn services_read_in_parts_count_what_one_pass_counts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spans.db");
        let mut store = Store::open(&path).unwrap();
        // 300 traces over 300 s; each has spans of "api" at its start and end, so many
        // traces cross the parts' slices of time; every third also calls "db" twice, and
        // every fifth has a span of "worker".
        let mut spans = Vec::new();
        for t in 0..300i64 {
            let trace_id = format!("{:032x}", t * 7919 + 1);
            let at = |s: i64| 1_000_000_000_000 + t * 1_000_000_000 + s * 40_000_000_000;
            let mut add = |n: i64, service: &str, start: i64| {
                let mut s = span(&format!("{:016x}", t * 10 + n + 1), Some(start + 1));
                (s.trace_id, s.service, s.start_ns) = (trace_id.clone(), service.into(), start);
                spans.push(s);
            };
            add(0, "api", at(0));
            add(1, "api", at(3));
            if t % 3 == 0 {
                add(2, "db", at(1));
                add(3, "db", at(2));
            }
            if t % 5 == 0 {
                add(4, "worker", at(1));
            }
        }
        store.insert(&spans.iter().collect::<Vec<_>>()).unwrap();
        drop(store);

        let reader = Store::open_read(&path).unwrap();
        let one_pass = reader.services_in_one_pass().unwrap();
        assert_eq!(
            one_pass,
            [
                ("api".into(), 600, 300),
                ("db".into(), 200, 100),
                ("worker".into(), 60, 60)
            ]
        );
        let reopen = reader.reopen.clone().unwrap();
        for parts in [2, 3, 7] {
            let mut in_parts = reader.services_in_parts(&reopen, parts).unwrap();
            in_parts.sort();
            assert_eq!(in_parts, one_pass, "{parts} parts");
        }
        // Busiest first.
        let services: Vec<String> = reader
            .services()
            .unwrap()
            .into_iter()
            .map(|s| s.0)
            .collect();
        assert_eq!(services, ["api", "db", "worker"]);
    }

    #[test]
    fn slices_cover_a_range_once_in_order() {
        let all = |first, last, parts| slices(first, last, parts).collect::<Vec<_>>();
        assert_eq!(all(0, 9, 3), [(0, 2), (3, 5), (6, 9)]);
        assert_eq!(all(5, 5, 4), [(5, 5)], "fewer values than parts");
        assert_eq!(all(1, 3, 7), [(1, 1), (2, 2), (3, 3)]);
        assert_eq!(all(3, 2, 2), [], "an empty range");
        assert_eq!(all(4, 9, 0), [(4, 9)], "no parts asked: one");
        let wide = all(i64::MIN, i64::MAX, 3);
        assert_eq!((wide[0].0, wide[2].1), (i64::MIN, i64::MAX));
        assert!(wide.windows(2).all(|w| w[0].1 + 1 == w[1].0));
    }

    #[test]
    fn a_graph_read_in_parts_is_the_graph_of_the_stored_spans() {
        use crate::model::graph::{self, ServiceNode};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut store = Store::open(&path).unwrap();
        let sent = graph::mixed_spans(11, 3_000);
        store.insert(&sent.iter().collect::<Vec<_>>()).unwrap();
        drop(store);
        let reader = Store::open_read(&path).unwrap();
        let mut traces: Vec<&str> = sent.iter().map(|s| s.trace_id.as_str()).collect();
        traces.sort();
        traces.dedup();
        let stored: Vec<SpanRecord> = traces
            .iter()
            .flat_map(|t| reader.trace(t).unwrap())
            .collect();
        let mut keys: Vec<(&str, &str)> = sent
            .iter()
            .map(|s| (s.trace_id.as_str(), s.span_id.as_str()))
            .collect();
        keys.sort();
        keys.dedup();
        assert_eq!(stored.len(), keys.len(), "one span a pair of ids");
        // Latencies to the nanosecond: the parts add them up in another order.
        let rounded = |mut nodes: Vec<ServiceNode>| {
            let round = |a: &mut Option<f64>| *a = a.map(|a| (a * 1e9).round() / 1e9);
            for n in &mut nodes {
                round(&mut n.counts.avg_latency);
                n.edges
                    .iter_mut()
                    .for_each(|e| round(&mut e.counts.avg_latency));
            }
            nodes
        };
        // The whole file (read by ranges of rows), a fifth of it (by ranges of time), none
        // (an empty window at a span's very start).
        let at = stored[0].start_ns;
        for (start, end) in [(0, 2_000_000_000), (200_000_000, 400_000_000), (at, at)] {
            let within: Vec<SpanRecord> = stored
                .iter()
                .filter(|s| (start..end).contains(&s.start_ns))
                .cloned()
                .collect();
            let expected = rounded(graph::from_spans(&within));
            assert_eq!(expected.is_empty(), start == end);
            for parts in [1, 2, 3, 7] {
                let read = reader.graph_spans_in_parts(start, end, parts).unwrap();
                assert_eq!(
                    rounded(graph::graph(&read)),
                    expected,
                    "{start}..{end} in {parts}"
                );
            }
        }
    }

    #[test]
    fn in_progress_is_replaced_by_complete_and_never_the_other_way() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("a/b/traces.db")).unwrap();
        store.insert(&[&span("0123456789abcdef", None)]).unwrap();
        store
            .insert(&[&span("0123456789abcdef", Some(5_000))])
            .unwrap();
        store.insert(&[&span("0123456789abcdef", None)]).unwrap();
        let end: Option<i64> = store
            .conn
            .query_row("SELECT end_ns FROM spans", [], |r| r.get(0))
            .unwrap();
        assert_eq!((store.count().unwrap(), end), (1, Some(5_000)));
        assert_eq!(store.prune_before(2_000).unwrap().spans, 1);
        assert_eq!(store.count().unwrap(), 0);
    }

    #[test]
    fn a_span_table_read_by_sql_equals_the_columns_of_the_records() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("traces.db")).unwrap();
        let object = |v: serde_json::Value| match v {
            serde_json::Value::Object(map) => map,
            _ => unreachable!(),
        };
        let mut otlp = span("00000000000000a1", Some(2_501_000));
        otlp.source = SpanSource::Otlp;
        otlp.http_route = Some("/api/messages".into());
        otlp.attributes = object(serde_json::json!({
            "http.route": "/api/messages",
            "http.response.status_code": 503,
            "ratio": 0.25,
            "cached": true,
            "tags": ["a", "b"],
            "say \"hi\"": "quoted key",
            "back\\slash": 7,
            "empty": null,
            "big": 18446744073709551615u64,
        }));
        otlp.resource = std::sync::Arc::new(object(serde_json::json!({
            "service.name": "backend-flask",
            "deployment.environment": "dev",
            "empty": "from the resource",
        })));
        otlp.status = SpanStatus::Fault;
        // An X-Ray segment carries no attributes under these names: the derived fields
        // answer, and an in-progress span has no duration.
        let mut xray = span("00000000000000b2", None);
        xray.start_ns = 1_500;
        xray.parent_id = Some("00000000000000a1".into());
        xray.http_url = Some("http://localhost/api".into());
        xray.kind = SpanKind::Client;
        xray.remote_service = Some("postgresql".into());
        store.insert(&[&otlp, &xray]).unwrap();
        let columns: Vec<String> = [
            "duration_ms",
            "error",
            "status",
            "name",
            "service.name",
            "trace.trace_id",
            "trace.span_id",
            "trace.parent_id",
            "span.kind",
            "http.route",
            "http.method",
            "http.status_code",
            "http.response.status_code",
            "url.full",
            "peer.service",
            "db.statement",
            "ratio",
            "cached",
            "tags",
            "say \"hi\"",
            "back\\slash",
            "empty",
            "big",
            "deployment.environment",
            "missing",
        ]
        .iter()
        .map(|c| c.to_string())
        .collect();
        let read = store.span_table(0, 10_000, columns.clone()).unwrap();
        let expected = crate::model::span_query::SpanTable::of_records(&[otlp, xray], columns);
        assert_eq!(read.starts, expected.starts);
        assert_eq!(read.values, expected.values);
        assert_eq!(read.values[0], serde_json::json!(2.5));
        assert_eq!(read.values[19], serde_json::json!("quoted key"));
        assert_eq!(read.values[21], serde_json::json!("from the resource"));
        assert_eq!(read.values[22], serde_json::json!(18446744073709551615u64));
    }

    #[test]
    fn a_span_is_found_by_its_key_in_the_index_and_after_its_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spans.db");
        let t = "6b".repeat(16);
        let u = "7c".repeat(16);
        let of = |trace: &str, id: &str, start: i64, end: Option<i64>| {
            let mut s = span(id, end);
            (s.trace_id, s.start_ns) = (trace.to_string(), start);
            s
        };
        let mut store = Store::open(&path).unwrap();
        store
            .insert(&[&of(&t, "000000000000000a", 1_000, None)])
            .unwrap();
        store.flush_indexes().unwrap();
        // In the index now: the complete copy replaces it, an in-progress one does not.
        store
            .insert(&[&of(&t, "000000000000000a", 1_000, Some(5_000))])
            .unwrap();
        store
            .insert(&[&of(&t, "000000000000000a", 1_000, None)])
            .unwrap();
        // After the mark: one of each trace, and one sent twice in one batch.
        let b = of(&t, "000000000000000b", 2_000, Some(3_000));
        let c = of(&u, "000000000000000c", 2_500, Some(3_000));
        store.insert(&[&b, &c, &c]).unwrap();
        assert_eq!(store.count().unwrap(), 3);

        let reader = Store::open_read(&path).unwrap();
        let spans = reader.trace(&t).unwrap();
        let got: Vec<(&str, Option<i64>)> = spans
            .iter()
            .map(|s| (s.span_id.as_str(), s.end_ns))
            .collect();
        assert_eq!(
            got,
            [
                ("000000000000000a", Some(5_000)),
                ("000000000000000b", Some(3_000))
            ]
        );
        assert_eq!(
            reader.span_counts(&[&t, &u, &"8d".repeat(16)]).unwrap(),
            [2, 1, 0]
        );

        // A writer gone without writing its run (as after kill -9): the next one indexes
        // what followed the mark when it opens, and finds those spans by their key.
        drop(store);
        let mut store = Store::open(&path).unwrap();
        let (indexed, mark, last): (i64, i64, i64) = store
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM span_key_index), (SELECT id FROM span_index_mark),
                        (SELECT max(id) FROM spans)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!((indexed, mark), (3, last));
        let mut renamed = b.clone();
        renamed.name = "renamed".into();
        store.insert(&[&renamed]).unwrap();
        assert_eq!(store.count().unwrap(), 3);
        assert_eq!(store.trace(&t).unwrap()[1].name, "renamed");

        // A span pruned while its key waits for the index is stored again when sent again.
        let d = of(&u, "000000000000000d", 500, Some(600));
        store.insert(&[&d]).unwrap();
        assert_eq!(store.prune_before(900).unwrap().spans, 1);
        store.insert(&[&d]).unwrap();
        assert_eq!(store.span_counts(&[&u]).unwrap(), [2]);
        assert_eq!(store.count().unwrap(), 4);
    }

    /// The chunk insert binds a parameter again only when its value changed: values that
    /// change from chunk to chunk in every way (text to NULL and back, one text for
    /// another, a number to NULL, a new resource) are stored exactly, through the JSON the
    /// receivers make and the writer's own.
    #[test]
    fn values_bound_again_only_when_changed_are_stored_exactly() {
        let resource = |name: &str| {
            let mut map = serde_json::Map::new();
            map.insert("service.name".into(), serde_json::json!(name));
            std::sync::Arc::new(map)
        };
        let (first, second) = (resource("first"), resource("second"));
        let spans: Vec<SpanRecord> = (0..101)
            .map(|i: usize| {
                let end = (!i.is_multiple_of(4)).then_some(5_000 + i as i64);
                let mut s = span(&format!("{:016x}", i + 1), end);
                s.start_ns = 1_000 + i as i64;
                s.name = ["a", "b", "c"][i % 3].into();
                s.parent_id = (i % 2 == 1).then(|| format!("{i:016x}"));
                s.kind = if i.is_multiple_of(2) {
                    SpanKind::Server
                } else {
                    SpanKind::Client
                };
                s.status = if i.is_multiple_of(6) {
                    SpanStatus::Error
                } else {
                    SpanStatus::Ok
                };
                s.http_method = (!i.is_multiple_of(5)).then(|| "GET".into());
                s.http_route = (i % 7 < 3).then(|| format!("/r/{}", i % 2));
                s.http_status = (i % 3 != 1).then_some(200 + (i % 2) as i64);
                s.db_statement = (i % 11 == 3).then(|| "SELECT 1".into());
                s.attributes.insert("n".into(), serde_json::json!(i % 4));
                s.resource = if i < 50 {
                    first.clone()
                } else {
                    second.clone()
                };
                s
            })
            .collect();
        for made_by_receivers in [true, false] {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::open(&dir.path().join("spans.db")).unwrap();
            let prepared: Vec<PreparedSpan> = if made_by_receivers {
                spans.iter().map(PreparedSpan::of).collect()
            } else {
                Vec::new()
            };
            store
                .commit(&Rows {
                    spans: spans.iter().collect(),
                    prepared: prepared.iter().collect(),
                    ..Rows::default()
                })
                .unwrap();
            assert_eq!(store.trace(&"6b".repeat(16)).unwrap(), spans);
        }
    }

    /// A commit that fails after some of its rows were inserted (the file full) leaves no
    /// key behind: the ids it gave are given again, and a span of it sent again is stored,
    /// not taken for the span that has its id now.
    #[test]
    fn the_keys_of_a_commit_rolled_back_are_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("spans.db")).unwrap();
        let big = |i: usize| {
            let mut s = span(&format!("{:016x}", i + 1), Some(2_000));
            s.attributes
                .insert("blob".into(), serde_json::json!("x".repeat(4_000)));
            s
        };
        let batch: Vec<SpanRecord> = (0..200).map(big).collect();
        let pages: i64 = store
            .conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        store
            .conn
            .pragma_update(None, "max_page_count", pages + 40)
            .unwrap();
        let full = store.insert(&batch.iter().collect::<Vec<_>>());
        assert!(matches!(full, Err(StoreError::Full { .. })), "{full:?}");
        assert_eq!(store.count().unwrap(), 0);

        store
            .conn
            .pragma_update(None, "max_page_count", 1_000_000)
            .unwrap();
        let other = span("00000000000fffff", Some(3_000));
        store.insert(&[&other]).unwrap();
        store.insert(&batch.iter().collect::<Vec<_>>()).unwrap();
        assert_eq!(store.count().unwrap(), 201);
        store.flush_indexes().unwrap();
        let mut stored: Vec<(String, i64)> = store
            .conn
            .prepare("SELECT span_id, end_ns FROM spans")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        stored.sort();
        let mut expected: Vec<(String, i64)> =
            batch.iter().map(|s| (s.span_id.clone(), 2_000)).collect();
        expected.push(("00000000000fffff".into(), 3_000));
        expected.sort();
        assert_eq!(stored, expected);
    }

    #[test]
    fn a_run_of_entries_is_inserted_whole_by_chunks_and_a_stored_entry_stays() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE run (a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a, b))
             WITHOUT ROWID;
             INSERT INTO run VALUES (7, 14);",
        )
        .unwrap();
        // Two full statements and a remainder of five, one entry already stored.
        let entries: Vec<[i64; 2]> = (0..2 * ENTRIES_PER_INSERT as i64 + 5)
            .map(|a| [a, 2 * a])
            .collect();
        let tx =
            rusqlite::Transaction::new_unchecked(&conn, rusqlite::TransactionBehavior::Deferred)
                .unwrap();
        insert_entries(&tx, "run (a, b)", &entries).unwrap();
        tx.commit().unwrap();
        let stored: Vec<[i64; 2]> = conn
            .prepare("SELECT a, b FROM run ORDER BY a")
            .unwrap()
            .query_map([], |r| Ok([r.get(0)?, r.get(1)?]))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(stored, entries);
    }

    #[test]
    fn sqlite_is_built_with_the_lookaside_of_cargo_config() {
        // .cargo/config.toml passes it to libsqlite3-sys; a build without it is slower.
        let conn = Connection::open_in_memory().unwrap();
        let options: Vec<String> = conn
            .prepare("PRAGMA compile_options")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            options.iter().any(|o| o == "DEFAULT_LOOKASIDE=1200,1000"),
            "{options:?}"
        );
    }

    #[test]
    fn a_new_file_has_8_kib_pages_and_an_older_file_keeps_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let page_size = |store: &Store| -> i64 {
            store
                .conn
                .query_row("PRAGMA page_size", [], |r| r.get(0))
                .unwrap()
        };
        let new = Store::open(&dir.path().join("new.db")).unwrap();
        assert_eq!(page_size(&new), 8192);
        let path = dir.path().join("old.db");
        let old = Connection::open(&path).unwrap();
        old.execute_batch("PRAGMA page_size = 4096;").unwrap();
        old.execute_batch(SCHEMA_V1).unwrap();
        old.pragma_update(None, "user_version", 1).unwrap();
        drop(old);
        let mut store = Store::open(&path).unwrap();
        assert_eq!(page_size(&store), 4096);
        let stored = span("00000000000000a1", Some(2_000));
        store.insert(&[&stored]).unwrap();
        assert_eq!(
            store.trace(&stored.trace_id).unwrap()[0].span_id,
            "00000000000000a1"
        );
    }

    #[test]
    fn a_version_1_file_is_read_as_it_is_and_migrated_by_the_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        let old = Connection::open(&path).unwrap();
        old.execute_batch(SCHEMA_V1).unwrap();
        old.execute_batch(
            "INSERT INTO spans VALUES ('6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b', '0123456789abcdef',
             NULL, 'backend-flask', 'GET /', 'server', 1000, 2000, 'ok', 'GET', NULL, NULL, 200,
             NULL, NULL, NULL, '{}', '{}', 'otlp');
             PRAGMA user_version = 1;",
        )
        .unwrap();
        drop(old);
        // A reader does not change the file, and finds no log lines or errors in it.
        let reader = Store::open_read(&path).unwrap();
        assert_eq!(reader.trace(&"6b".repeat(16)).unwrap()[0].name, "GET /");
        assert_eq!(reader.last_log_id().unwrap(), 0);
        assert_eq!(reader.error_counts().unwrap(), (0, 0));
        drop(reader);
        let mut store = Store::open(&path).unwrap();
        let mut with_detail = span("00000000000000a2", Some(3_000));
        with_detail.start_ns = 1_500;
        with_detail.detail.status_message = Some("boom".into());
        store.insert(&[&with_detail]).unwrap();
        let spans = store.trace(&"6b".repeat(16)).unwrap();
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].span_id, "0123456789abcdef");
        assert_eq!(spans[1].detail.status_message.as_deref(), Some("boom"));
        let version: i32 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        // Migrated in one step to this version: log lines and errors are kept beside the
        // spans, and the spans' key is in its index.
        let line = crate::model::local_log::LogRecord {
            time_ns: 1_500,
            observed_ns: 1_600,
            severity_number: Some(9),
            severity_text: None,
            body: "hello".into(),
            trace_id: Some("6b".repeat(16)),
            span_id: Some("0123456789abcdef".into()),
            service: Some("backend-flask".into()),
            scope: None,
            group: None,
            stream: None,
            attributes: serde_json::Map::new(),
            resource: std::sync::Arc::default(),
            source: crate::model::local_log::LogSource::Otlp,
        };
        let error = crate::model::local_error::item_record(
            serde_json::json!({"data": {"environment": "dev", "body": {"message": {"body": "x"}}}}),
            1_700,
            || "u-1".into(),
        )
        .unwrap();
        store
            .commit(&Rows {
                logs: vec![&line],
                errors: vec![&error, &error],
                ..Rows::default()
            })
            .unwrap();
        let mut read = Vec::new();
        let filter = LogsFilter {
            trace_id: Some("6b".repeat(16)),
            ..LogsFilter::default()
        };
        store
            .logs(&filter, &mut |l| {
                read.push(l);
                true
            })
            .unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!((read[0].id, &read[0].record), (1, &line));
        // The same uuid twice is one occurrence.
        assert_eq!(store.error_counts().unwrap(), (1, 1));
        // Pruned together: spans, lines and errors before the cutoff.
        let pruned = store.prune_before(1_650).unwrap();
        assert_eq!(
            pruned,
            Pruned {
                spans: 2,
                logs: 1,
                errors: 0
            }
        );
        assert_eq!(store.prune_before(1_800).unwrap().errors, 1);
        assert_eq!(
            store.error_counts().unwrap(),
            (0, 0),
            "an item with no occurrence goes too"
        );
    }

    #[test]
    fn newer_and_foreign_databases_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let newer = dir.path().join("newer.db");
        Connection::open(&newer)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        assert!(matches!(
            Store::open(&newer),
            Err(StoreError::Newer { found: 99, .. })
        ));
        let foreign = dir.path().join("foreign.db");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE notes (x TEXT)")
            .unwrap();
        assert!(matches!(
            Store::open(&foreign),
            Err(StoreError::Foreign { .. })
        ));
        let text = dir.path().join("text.db");
        std::fs::write(
            &text,
            "this is not sqlite at all, not even close to a header",
        )
        .unwrap();
        assert!(matches!(
            Store::open(&text),
            Err(StoreError::Foreign { .. })
        ));
    }
}
