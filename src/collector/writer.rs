//! The one writer: a thread that owns the SQLite connection and stores every batch that is
//! waiting in one transaction (a burst of requests or datagrams is one commit), so readers
//! in WAL mode never wait and the insert rate is the database's, not the request rate's.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::thread::JoinHandle;

use tokio::sync::mpsc;

use super::{Counters, Event};
use crate::clients::store::Store;
use crate::model::span::SpanRecord;

/// Batches waiting for the writer before OTLP senders are asked to retry and UDP datagrams
/// are dropped (each is one request or a burst of datagrams: usually at most 512 spans).
/// Memory, not speed, sets it: with the SDKs retrying, a deep queue only holds more spans.
const QUEUE: usize = 16;
/// Spans committed in one transaction at most: large enough that a commit's cost is shared
/// by thousands of rows, small enough to bound what one write holds in memory.
const MAX_SPANS_PER_COMMIT: usize = 4096;

enum Message {
    Spans(Vec<SpanRecord>),
    Prune {
        before_ns: i64,
    },
    /// Store what is queued, then stop.
    Stop,
}

/// Why spans were not queued.
pub enum Refused {
    /// The writer is behind: the spans, back.
    Full(Vec<SpanRecord>),
    Stopped,
}

/// Where receivers send spans; cheap to clone.
#[derive(Clone)]
pub struct WriterHandle {
    queue: SyncSender<Message>,
}

impl WriterHandle {
    /// Queues spans without waiting; when the queue is full they are handed back, so the
    /// caller can ask its sender to retry (OTLP) or count them as dropped (UDP).
    pub fn submit(&self, spans: Vec<SpanRecord>) -> Result<(), Refused> {
        match self.queue.try_send(Message::Spans(spans)) {
            Ok(()) => Ok(()),
            Err(TrySendError::Full(Message::Spans(spans))) => Err(Refused::Full(spans)),
            Err(_) => Err(Refused::Stopped),
        }
    }

    /// Asks for spans that started before `before_ns` to be deleted (`--retain`).
    pub fn prune(&self, before_ns: i64) {
        let _ = self.queue.try_send(Message::Prune { before_ns });
    }

    /// Stores everything queued so far and stops the writer; returns once it is done.
    pub fn stop(&self, writer: JoinHandle<()>) {
        let _ = self.queue.send(Message::Stop);
        let _ = writer.join();
    }
}

/// Starts the writer thread.
pub fn spawn(
    store: Store,
    counters: Arc<Counters>,
    events: mpsc::Sender<Event>,
) -> (WriterHandle, JoinHandle<()>) {
    let (queue, inbox) = sync_channel(QUEUE);
    let thread = std::thread::Builder::new()
        .name("tracectl-writer".into())
        .spawn(move || run(store, inbox, &counters, &events))
        .expect("the OS can start a thread");
    (WriterHandle { queue }, thread)
}

fn run(
    mut store: Store,
    inbox: Receiver<Message>,
    counters: &Counters,
    events: &mpsc::Sender<Event>,
) {
    let mut stopping = false;
    while !stopping {
        let Ok(first) = inbox.recv() else { return };
        let mut batch: Vec<SpanRecord> = Vec::new();
        let mut prune: Option<i64> = None;
        let mut take = |message: Message, batch: &mut Vec<SpanRecord>| match message {
            Message::Spans(spans) => batch.extend(spans),
            Message::Prune { before_ns } => prune = Some(before_ns),
            Message::Stop => stopping = true,
        };
        take(first, &mut batch);
        // Everything already waiting goes into the same transaction.
        while batch.len() < MAX_SPANS_PER_COMMIT
            && let Ok(next) = inbox.try_recv()
        {
            take(next, &mut batch);
        }
        if !batch.is_empty() {
            write(&mut store, batch, counters, events);
        }
        if let Some(before_ns) = prune
            && let Ok(n) = store.prune_before(before_ns)
            && n > 0
        {
            let _ = events.blocking_send(Event::Pruned(n));
        }
    }
}

fn write(
    store: &mut Store,
    batch: Vec<SpanRecord>,
    counters: &Counters,
    events: &mpsc::Sender<Event>,
) {
    // The same span twice in one burst (an in-progress segment and its completion): the
    // last word counts, as it would across transactions.
    let refs: Vec<&SpanRecord> = batch.iter().collect();
    match store.insert(&refs) {
        Ok(()) => {
            Counters::add(&counters.stored, batch.len());
            // Blocking is fine here, on the writer's own thread: a printer far behind slows
            // the writer, whose full queue then drops (and counts) new spans.
            let _ = events.blocking_send(Event::Stored(batch));
        }
        Err(e) => {
            Counters::add(&counters.dropped, batch.len());
            let _ = events.blocking_send(Event::WriteFailed {
                count: batch.len(),
                reason: e.to_string(),
            });
        }
    }
}
