//! The local collector behind `tracectl local listen`: receivers for OTLP over HTTP and
//! gRPC (traces and logs), the X-Ray daemon's UDP protocol, a CloudWatch Logs stand-in
//! (Watchtower) and a Rollbar stand-in (pyrollbar); one writer thread that stores it all
//! in SQLite; and forwarders to the real backends.
//!
//! Like the clients, nothing here prints: what happens is counted in [`Counters`] and
//! reported as [`Event`]s, and the command decides what the user sees.
//!
//! The promise to senders: a span is acknowledged only once it is committed. An OTLP
//! export is answered after its transaction (many requests share one); what cannot be kept
//! (the writer far behind, a full disk, a locked database) is refused with the answer that
//! makes an exporter retry. UDP (the X-Ray daemon protocol) cannot be answered: what it
//! loses is counted, the kernel's drops included.

pub mod admission;
pub mod cloudwatch;
pub mod forward;
pub mod listener;
pub mod otlp;
pub mod otlp_logs;
pub mod rollbar;
pub mod serve;
pub mod writer;
pub mod xray;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::{mpsc, oneshot};

use crate::clients::store::{PreparedSpan, Pruned};
use crate::model::cloudwatch::RegistryChange;
use crate::model::local_error::ErrorRecord;
use crate::model::local_log::LogRecord;
use crate::model::span::SpanRecord;

/// What a receiver hands the writer: one kind of record a batch.
#[derive(Debug)]
pub enum Records {
    Spans(Vec<SpanRecord>),
    Logs(Vec<LogRecord>),
    Errors(Vec<ErrorRecord>),
    Deploys(Vec<crate::model::local_error::Deploy>),
    /// Log groups and streams the CloudWatch Logs stand-in made.
    Registry(Vec<RegistryChange>),
}

impl Records {
    pub fn len(&self) -> usize {
        match self {
            Records::Spans(r) => r.len(),
            Records::Logs(r) => r.len(),
            Records::Errors(r) => r.len(),
            Records::Deploys(r) => r.len(),
            Records::Registry(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What the collector has done so far; shown when it stops.
#[derive(Debug, Default)]
pub struct Counters {
    /// Spans that arrived, valid or not.
    pub received: AtomicU64,
    /// Spans written to the database.
    pub stored: AtomicU64,
    /// Spans refused as invalid (ids, times), said back to OTLP senders.
    pub rejected: AtomicU64,
    /// Valid spans not stored: the writer's queue was full or a write failed.
    pub dropped: AtomicU64,
    /// OTLP requests answered "busy, retry" because the writer was behind (the sender
    /// retries them, so nothing is lost).
    pub deferred: AtomicU64,
    /// Spans (or segments) a backend accepted from a forwarder.
    pub forwarded: AtomicU64,
    /// Spans a forwarder could not deliver (queue full, backend failing); still stored.
    pub forward_failed: AtomicU64,
    /// Requests or datagrams that could not be read at all (malformed, too large).
    pub malformed: AtomicU64,
    /// Attribute values (or whole spans' attributes) cut to the limits, with a marker.
    pub truncated: AtomicU64,
    /// Log lines that arrived (OTLP logs, CloudWatch events), valid or not.
    pub logs_received: AtomicU64,
    /// Log lines written to the database.
    pub logs_stored: AtomicU64,
    /// Log lines refused (invalid ids; CloudWatch events out of its time window), said
    /// back to their senders.
    pub logs_rejected: AtomicU64,
    /// Error reports written to the database (a uuid already stored is not stored again).
    pub errors_stored: AtomicU64,
    /// Deploys written to the database (the Rollbar stand-in).
    pub deploys_stored: AtomicU64,
}

impl Counters {
    pub fn add(counter: &AtomicU64, n: usize) {
        counter.fetch_add(n as u64, Ordering::Relaxed);
    }

    pub fn get(counter: &AtomicU64) -> u64 {
        counter.load(Ordering::Relaxed)
    }
}

/// Something the user may want to see, in the order it happened.
#[derive(Debug)]
pub enum Event {
    /// Spans now in the database, as the batches of one commit (moved, not copied: a
    /// commit holds thousands).
    Stored(Vec<Vec<SpanRecord>>),
    /// A request or datagram that was refused in part or whole (shown with -v).
    Refused {
        source: &'static str,
        reason: String,
    },
    /// Spans from a sender that cannot retry (UDP) that could not be stored.
    WriteFailed { count: usize, reason: String },
    /// A commit failed; its senders were told to retry (nothing acknowledged was lost).
    CommitRefused { count: usize, reason: String },
    /// Spans that could not be forwarded (they are stored all the same).
    ForwardFailed {
        backend: &'static str,
        count: usize,
        reason: String,
    },
    /// Error reports now in the database.
    StoredErrors(Vec<ErrorRecord>),
    /// What `--retain` deleted.
    Pruned(Pruned),
}

/// Why spans were not stored; the sender should retry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotStored(pub String);

/// What of the rows of the spans among `records` needs no database (their JSON columns
/// and keys), made here on the receiver's thread so the single writer only binds them.
fn prepared(records: &Records) -> Vec<PreparedSpan> {
    match records {
        Records::Spans(spans) => spans.iter().map(PreparedSpan::of).collect(),
        _ => Vec::new(),
    }
}

/// The bytes spans and their prepared rows (JSON and keys) hold while they wait for the
/// writer.
fn held_bytes(spans: &[SpanRecord], prepared: &[PreparedSpan]) -> usize {
    spans.iter().map(SpanRecord::approx_bytes).sum::<usize>()
        + prepared.iter().map(PreparedSpan::bytes).sum::<usize>()
}

/// What a sender is told when the writer is behind.
pub const BUSY: &str = "tracectl is writing a backlog; retry shortly";

/// What receivers share: where spans go, what is counted, and where events are said.
#[derive(Clone)]
pub struct Collector {
    pub counters: Arc<Counters>,
    /// The memory every request in flight and every queued span shares.
    pub budget: admission::Budget,
    writer: writer::WriterHandle,
    events: mpsc::Sender<Event>,
    forward_otlp: Option<forward::Forwarder>,
    forward_xray: Option<forward::Forwarder>,
}

impl Collector {
    pub fn new(
        counters: Arc<Counters>,
        writer: writer::WriterHandle,
        events: mpsc::Sender<Event>,
        forward_otlp: Option<forward::Forwarder>,
        forward_xray: Option<forward::Forwarder>,
    ) -> Self {
        Self {
            counters,
            budget: admission::Budget::new(admission::BUDGET_BYTES),
            writer,
            events,
            forward_otlp,
            forward_xray,
        }
    }

    /// Stores records and returns once they are committed, or says why they were not (the
    /// writer's queue is full, the commit failed, the listener is stopping), so an OTLP
    /// sender is answered "stored" only for what is on disk.
    pub async fn commit(
        &self,
        records: Records,
        mut admission: Option<admission::Admission>,
    ) -> Result<(), NotStored> {
        if records.is_empty() {
            return Ok(());
        }
        // Refused here (the queue full, the listener stopping) is said here; a commit that
        // failed is said by the writer, which knows how many spans it held.
        let refused = |reason: &str| {
            self.say(Event::CommitRefused {
                count: 0,
                reason: reason.to_string(),
            });
            Err(NotStored(reason.to_string()))
        };
        let prepared = prepared(&records);
        // What waits for the writer is the spans and their JSON: the share keeps that much
        // of what the body took. It never grows here: a wait for room after decoding would
        // queue behind a large body waiting to be read, which waits for this share.
        if let (Some(share), Records::Spans(spans)) = (&mut admission, &records) {
            share.shrink_to(held_bytes(spans, &prepared));
        }
        let (ack, committed) = oneshot::channel();
        let batch = writer::Batch {
            prepared,
            records,
            ack: Some(ack),
            admission,
        };
        const STOPPING: &str = "tracectl is stopping; retry shortly";
        match self.writer.submit(batch) {
            Ok(()) => {}
            Err(writer::Refused::Full(_)) => return refused(BUSY),
            Err(writer::Refused::Stopped(_)) => return refused(STOPPING),
        }
        match committed.await {
            Ok(result) => result.map_err(NotStored),
            Err(_) => refused(STOPPING),
        }
    }

    /// Hands spans to the writer without waiting, for senders that cannot be asked to
    /// retry (UDP); when they do not fit (no room in the budget, the queue full) they are
    /// dropped, counted and said, so receiving never blocks on a slow disk.
    pub fn store(&self, spans: Vec<SpanRecord>, arrived_bytes: usize) {
        if spans.is_empty() {
            return;
        }
        let prepared: Vec<PreparedSpan> = spans.iter().map(PreparedSpan::of).collect();
        // The spans and their JSON take their bytes (at least what they came in) if the
        // budget has room now; a datagram cannot wait.
        let held = held_bytes(&spans, &prepared).max(arrived_bytes);
        let Some(admission) = self.budget.try_admit(held) else {
            return self.dropped(spans.len(), admission::BUDGET_SPENT);
        };
        let batch = writer::Batch {
            prepared,
            records: Records::Spans(spans),
            ack: None,
            admission: Some(admission),
        };
        match self.writer.submit(batch) {
            Ok(()) => {}
            Err(writer::Refused::Full(batch) | writer::Refused::Stopped(batch)) => {
                self.dropped(
                    batch.records.len(),
                    "the database writer is behind (its queue is full)",
                );
            }
        }
    }

    /// Counts and says spans that could not be kept.
    pub fn dropped(&self, count: usize, reason: &str) {
        Counters::add(&self.counters.dropped, count);
        self.say(Event::WriteFailed {
            count,
            reason: reason.into(),
        });
    }

    /// Tells the user about something, unless the printer is behind: events are news, and
    /// waiting for a slow terminal must not stall receiving.
    pub fn say(&self, event: Event) {
        let _ = self.events.try_send(event);
    }

    pub fn refused(&self, source: &'static str, reason: String) {
        self.say(Event::Refused { source, reason });
    }

    /// Counts values `source` sent that were cut to the limits, and says so (with -v).
    pub fn cut(&self, source: &'static str, values: usize) {
        if values == 0 {
            return;
        }
        Counters::add(&self.counters.truncated, values);
        self.refused(
            source,
            format!(
                "{values} value(s) cut to the limits (marked `{}`)",
                crate::model::otlp::TRUNCATED_MARK
            ),
        );
    }

    pub fn forward_otlp(&self) -> Option<&forward::Forwarder> {
        self.forward_otlp.as_ref()
    }

    pub fn forward_xray(&self) -> Option<&forward::Forwarder> {
        self.forward_xray.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clients::store::Store;

    /// A collector writing to a fresh store, with a memory budget of `budget_bytes`.
    fn collector(
        dir: &std::path::Path,
        budget_bytes: usize,
    ) -> (Collector, std::thread::JoinHandle<()>) {
        let counters = Arc::new(Counters::default());
        let (events, _) = mpsc::channel(16);
        let store = Store::open(&dir.join("traces.db")).unwrap();
        let (writer, thread) = writer::spawn(store, counters.clone(), events.clone()).unwrap();
        let mut collector = Collector::new(counters, writer, events, None, None);
        collector.budget = admission::Budget::new(budget_bytes);
        (collector, thread)
    }

    /// One span with a 100,000-byte attribute: its JSON is as large again.
    fn large_span() -> (Vec<SpanRecord>, usize, usize) {
        let mut span = SpanRecord::for_test(
            "5b8efff798038103d269b633813fc60c",
            "eee19b7ec3c1b174",
            None,
            1_000,
            Some(2_000),
        );
        span.attributes
            .insert("app.blob".into(), "x".repeat(100_000).into());
        let (records, json) = (span.approx_bytes(), PreparedSpan::of(&span).bytes());
        (vec![span], records, json)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_spans_json_is_held_in_the_budget_until_the_commit() {
        let (spans, records, json) = large_span();
        assert!(json > 100_000, "{json}");
        let dir = tempfile::tempdir().unwrap();
        let budget = 4 * (records + json).next_multiple_of(1024);
        let (held, _writer) = collector(dir.path(), budget);
        // Another process holds the write lock: the commit waits, its spans held.
        let lock = rusqlite::Connection::open(dir.path().join("traces.db")).unwrap();
        lock.execute_batch("BEGIN IMMEDIATE").unwrap();
        let body = 2 * (records + json);
        let share = held.budget.try_admit(body);
        let committing = {
            let held = held.clone();
            let spans = spans.clone();
            tokio::spawn(async move { held.commit(Records::Spans(spans), share).await })
        };
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        // The body's share was cut to the records and their JSON (not to the records).
        assert_eq!(
            held.budget.available_bytes(),
            budget - (records + json).next_multiple_of(1024)
        );
        lock.execute_batch("COMMIT").unwrap();
        assert_eq!(committing.await.unwrap(), Ok(()));
        assert_eq!(held.counters.stored.load(Ordering::Relaxed), 1);
        // Given back before the answer.
        assert_eq!(held.budget.available_bytes(), budget);

        // UDP: room for the records but not their JSON beside them: dropped and counted,
        // nothing held.
        let dir = tempfile::tempdir().unwrap();
        let budget = (records + json / 2).next_multiple_of(1024);
        let (small, _writer) = collector(dir.path(), budget);
        small.store(spans, 100);
        assert_eq!(small.counters.dropped.load(Ordering::Relaxed), 1);
        assert_eq!(small.budget.available_bytes(), budget);
    }
}
