//! The app's log lines beside its spans (OTLP logs and the CloudWatch Logs stand-in), and
//! the stand-in's log groups and streams. Lines are numbered in the order they were
//! committed (`AUTOINCREMENT`: a number is never used twice, even after a prune), which is
//! what `local logs -f` follows by: exactly once, in arrival order.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use rusqlite::{Transaction, params};

use super::{Store, StoreError, classify, classify_read};
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
CREATE INDEX logs_by_trace ON logs (trace_id, time_ns) WHERE trace_id IS NOT NULL;
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
        if let Some(trace) = &self.trace_id {
            add("trace_id = ?", Box::new(trace.clone()));
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

/// Stores log lines and registry changes within `tx`.
pub(super) fn insert(
    tx: &Transaction<'_>,
    path: &Path,
    logs: &[&LogRecord],
    registry: &[&RegistryChange],
) -> Result<(), StoreError> {
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
    if logs.is_empty() {
        return Ok(());
    }
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO logs (time_ns, observed_ns, severity_number, severity_text, body,
                trace_id, span_id, service, scope, log_group, log_stream, attributes,
                resource, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )
        .map_err(write)?;
    // Lines of one resource share it: its JSON is written once per run of them.
    let mut resource_json: Option<(*const serde_json::Map<String, serde_json::Value>, String)> =
        None;
    for log in logs {
        let ptr = Arc::as_ptr(&log.resource);
        if resource_json.as_ref().is_none_or(|(p, _)| *p != ptr) {
            resource_json = Some((
                ptr,
                serde_json::to_string(&*log.resource).unwrap_or_default(),
            ));
        }
        let resource = resource_json.as_ref().map_or("{}", |(_, j)| j.as_str());
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
    }
    Ok(())
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
