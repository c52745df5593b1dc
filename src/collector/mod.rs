//! The local collector behind `tracectl local listen`: receivers for OTLP over HTTP and
//! gRPC and for the X-Ray daemon's UDP protocol, one writer thread that stores spans in
//! SQLite, and forwarders to the real backends.
//!
//! Like the clients, nothing here prints: what happens is counted in [`Counters`] and
//! reported as [`Event`]s, and the command decides what the user sees. Receiving never
//! waits on the writer or a forwarder: their queues are bounded, and what does not fit is
//! counted as dropped, never silently lost.

pub mod forward;
pub mod otlp;
pub mod writer;
pub mod xray;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::mpsc;

use crate::model::span::SpanRecord;

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
    /// Spans now in the database.
    Stored(Vec<SpanRecord>),
    /// A request or datagram that was refused in part or whole (shown with -v).
    Refused {
        source: &'static str,
        reason: String,
    },
    /// Spans that could not be stored.
    WriteFailed { count: usize, reason: String },
    /// Spans that could not be forwarded (they are stored all the same).
    ForwardFailed {
        backend: &'static str,
        count: usize,
        reason: String,
    },
    /// Spans deleted by `--retain`.
    Pruned(usize),
}

/// The writer is behind; the spans that did not fit.
pub struct Busy(pub Vec<SpanRecord>);

/// What receivers share: where spans go, what is counted, and where events are said.
#[derive(Clone)]
pub struct Collector {
    pub counters: Arc<Counters>,
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
            writer,
            events,
            forward_otlp,
            forward_xray,
        }
    }

    /// Hands valid spans to the writer; when its queue is full they are dropped (counted
    /// and said), so a slow disk never blocks receiving. For senders that cannot be asked
    /// to retry (UDP).
    pub fn store(&self, spans: Vec<SpanRecord>) {
        if let Err(Busy(spans)) = self.try_store(spans) {
            let count = spans.len();
            Counters::add(&self.counters.dropped, count);
            self.say(Event::WriteFailed {
                count,
                reason: "the database writer is behind (its queue is full)".into(),
            });
        }
    }

    /// Hands valid spans to the writer, or hands them back when it is behind, so an OTLP
    /// sender can be told to retry (503 / UNAVAILABLE, which its SDK retries with backoff).
    pub fn try_store(&self, spans: Vec<SpanRecord>) -> Result<(), Busy> {
        if spans.is_empty() {
            return Ok(());
        }
        match self.writer.submit(spans) {
            Ok(()) => Ok(()),
            Err(writer::Refused::Full(spans)) => Err(Busy(spans)),
            Err(writer::Refused::Stopped) => Ok(()), // stopping: the totals are being said
        }
    }

    /// Tells the user about something, unless the printer is behind: events are news, and
    /// waiting for a slow terminal must not stall receiving.
    pub fn say(&self, event: Event) {
        let _ = self.events.try_send(event);
    }

    pub fn refused(&self, source: &'static str, reason: String) {
        self.say(Event::Refused { source, reason });
    }

    pub fn forward_otlp(&self) -> Option<&forward::Forwarder> {
        self.forward_otlp.as_ref()
    }

    pub fn forward_xray(&self) -> Option<&forward::Forwarder> {
        self.forward_xray.as_ref()
    }
}
