//! The one writer: a thread that owns the SQLite connection and stores every batch (spans,
//! log lines, errors) that is
//! waiting in one transaction (group commit: a burst of requests or datagrams is one
//! commit), so readers in WAL mode never wait and the insert rate is the database's, not the
//! request rate's.
//!
//! A batch from a sender that can be asked to retry (OTLP) carries an acknowledgement: it is
//! answered only once its spans are committed, or refused when the commit failed (a full
//! disk, a database locked by another process), so "stored" is never said of a span that is
//! not on disk. A batch's share of the memory budget comes back when it has been written.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError, sync_channel};
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use super::admission::Admission;
use super::{Counters, Event, Records};
use crate::clients::store::{Checkpointer, PreparedSpan, Rows, Store};

/// Batches waiting for the writer. The memory budget, not this count, is what bounds the
/// queue (every batch holds its share of it); the count only stops a flood of tiny ones.
const QUEUE: usize = 4096;
/// Spans committed in one transaction at most: large enough that a commit's cost is shared
/// by thousands of rows, small enough to bound what one write holds in memory.
const MAX_SPANS_PER_COMMIT: usize = 8192;

/// How long the writer waits for work before it calls itself idle and brings the indexes
/// by trace up to date.
const IDLE: Duration = Duration::from_millis(500);

/// What a waiting sender is told: committed, or why not (it should retry).
pub type Ack = Result<(), String>;

/// Records to store, with whoever waits for them.
pub struct Batch {
    pub records: Records,
    /// What of the spans' rows the receiver made (JSON columns, keys; empty: the writer
    /// makes them).
    pub prepared: Vec<PreparedSpan>,
    /// Answered after the commit (OTLP); `None` for senders that cannot be answered (UDP),
    /// whose spans are counted as dropped when a write fails.
    pub ack: Option<oneshot::Sender<Ack>>,
    /// The batch's share of the memory budget, given back once it is written.
    pub admission: Option<Admission>,
}

enum Message {
    Spans(Batch),
    Prune {
        before_ns: i64,
    },
    /// Store what is queued, then stop.
    Stop,
}

/// Why spans were not queued: the batch, back.
pub enum Refused {
    /// The writer is behind.
    Full(Batch),
    /// The writer has stopped (the listener is shutting down).
    Stopped(Batch),
}

/// Where receivers send spans; cheap to clone.
#[derive(Clone)]
pub struct WriterHandle {
    queue: SyncSender<Message>,
}

impl WriterHandle {
    /// Queues a batch without waiting; when the queue is full it is handed back, so the
    /// caller can ask its sender to retry (OTLP) or count it as dropped (UDP).
    pub fn submit(&self, batch: Batch) -> Result<(), Refused> {
        match self.queue.try_send(Message::Spans(batch)) {
            Ok(()) => Ok(()),
            Err(TrySendError::Full(Message::Spans(batch))) => Err(Refused::Full(batch)),
            Err(TrySendError::Disconnected(Message::Spans(batch))) => Err(Refused::Stopped(batch)),
            Err(_) => unreachable!("only spans are submitted"),
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
) -> std::io::Result<(WriterHandle, JoinHandle<()>)> {
    let (queue, inbox) = sync_channel(QUEUE);
    let checkpoints = spawn_checkpointer(store.path());
    let thread = std::thread::Builder::new()
        .name("tracectl-writer".into())
        .spawn(move || {
            run(
                store,
                inbox,
                checkpoints.as_ref().map(|c| &c.0),
                &counters,
                &events,
            );
            // The checkpointer's connection closes first, so the writer's, the last, copies
            // what is left and removes the log.
            if let Some((nudge, thread)) = checkpoints {
                drop(nudge);
                let _ = thread.join();
            }
        })?;
    Ok((WriterHandle { queue }, thread))
}

/// How long the checkpointer lets commits gather before it copies them: each copy costs
/// two syncs, and a page changed by many commits is copied once.
const CHECKPOINT_AFTER: Duration = Duration::from_millis(200);

/// Starts the thread that copies the log into the database after commits (see
/// `clients::store::checkpoint`); the writer nudges it after each commit. None when its
/// connection cannot be opened: the writer's own automatic checkpoint then does the work.
fn spawn_checkpointer(path: &Path) -> Option<(SyncSender<()>, JoinHandle<()>)> {
    let checkpointer = Checkpointer::open(path).ok()?;
    let (nudge, nudged) = sync_channel::<()>(1);
    let thread = std::thread::Builder::new()
        .name("tracectl-checkpoint".into())
        .spawn(move || {
            while nudged.recv().is_ok() {
                std::thread::sleep(CHECKPOINT_AFTER);
                // A failed copy is left to the next one, or to the writer's backstop.
                let _ = checkpointer.checkpoint();
            }
        })
        .ok()?;
    Some((nudge, thread))
}

fn run(
    mut store: Store,
    inbox: Receiver<Message>,
    checkpoints: Option<&SyncSender<()>>,
    counters: &Counters,
    events: &mpsc::Sender<Event>,
) {
    let mut stopping = false;
    while !stopping {
        let first = match inbox.recv_timeout(IDLE) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => {
                // Idle: the keys and log lines waiting for their index by trace are written
                // now, so readers at rest find everything in the index. A failure is left to
                // the next run.
                if store.flush_indexes().is_ok()
                    && let Some(nudge) = checkpoints
                {
                    let _ = nudge.try_send(());
                }
                let Ok(message) = inbox.recv() else { return };
                message
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        let mut group: Vec<Batch> = Vec::new();
        let mut spans = 0;
        let mut prune: Option<i64> = None;
        let mut take = |message: Message, group: &mut Vec<Batch>, spans: &mut usize| match message {
            Message::Spans(batch) => {
                *spans += batch.records.len();
                group.push(batch);
            }
            Message::Prune { before_ns } => prune = Some(before_ns),
            Message::Stop => stopping = true,
        };
        take(first, &mut group, &mut spans);
        // Everything already waiting goes into the same transaction.
        while spans < MAX_SPANS_PER_COMMIT
            && let Ok(next) = inbox.try_recv()
        {
            take(next, &mut group, &mut spans);
        }
        if !group.is_empty() {
            write(&mut store, group, counters, events);
            if let Some(nudge) = checkpoints {
                // Full: a checkpoint is already due.
                let _ = nudge.try_send(());
            }
        }
        if let Some(before_ns) = prune
            && let Ok(pruned) = store.prune_before(before_ns)
            && pruned.total() > 0
        {
            let _ = events.blocking_send(Event::Pruned(pruned));
        }
    }
    // What waits for the trace index is written now (a writer killed instead leaves it to
    // the next one, which indexes the lines after the mark).
    let _ = store.flush_indexes();
}

/// Commits a group of batches in one transaction and answers each one's sender.
fn write(store: &mut Store, group: Vec<Batch>, counters: &Counters, events: &mpsc::Sender<Event>) {
    // The same span twice in one group (an in-progress segment and its completion): the
    // last word counts, as it would across transactions.
    let mut rows = Rows::default();
    for batch in &group {
        match &batch.records {
            Records::Spans(spans) => {
                // All or nothing: Rows matches the prepared rows to the spans by position.
                if batch.prepared.len() == spans.len() && rows.prepared.len() == rows.spans.len() {
                    rows.prepared.extend(&batch.prepared);
                } else {
                    rows.prepared.clear();
                }
                rows.spans.extend(spans);
            }
            Records::Logs(logs) => rows.logs.extend(logs),
            Records::Errors(errors) => rows.errors.extend(errors),
            Records::Deploys(deploys) => rows.deploys.extend(deploys),
            Records::Registry(changes) => rows.registry.extend(changes),
        }
    }
    let result = store.commit(&rows).map_err(|e| crate::error::one_line(&e));
    drop(rows);
    let mut stored = Vec::new();
    let mut stored_errors = Vec::new();
    let (mut refused, mut dropped) = (0, 0);
    for batch in group {
        let Batch {
            records,
            ack,
            admission,
            ..
        } = batch;
        let count = records.len();
        // The share goes back before the sender is answered, so its next request finds
        // the room at once.
        drop(admission);
        match (&result, ack) {
            (Ok(()), ack) => {
                match records {
                    Records::Spans(spans) => {
                        Counters::add(&counters.stored, spans.len());
                        stored.push(spans);
                    }
                    Records::Logs(logs) => Counters::add(&counters.logs_stored, logs.len()),
                    Records::Errors(errors) => {
                        Counters::add(&counters.errors_stored, errors.len());
                        stored_errors.extend(errors);
                    }
                    Records::Deploys(deploys) => {
                        Counters::add(&counters.deploys_stored, deploys.len());
                    }
                    Records::Registry(_) => {}
                }
                if let Some(ack) = ack {
                    let _ = ack.send(Ok(()));
                }
            }
            (Err(reason), Some(ack)) => {
                refused += count;
                let _ = ack.send(Err(reason.clone()));
            }
            (Err(_), None) => dropped += count,
        }
    }
    match result {
        // Blocking is fine here, on the writer's own thread: a printer far behind slows the
        // writer, whose senders then wait for room (and are asked to retry past a bound).
        Ok(()) => {
            if !stored.is_empty() {
                let _ = events.blocking_send(Event::Stored(stored));
            }
            if !stored_errors.is_empty() {
                let _ = events.blocking_send(Event::StoredErrors(stored_errors));
            }
        }
        Err(reason) => {
            Counters::add(&counters.dropped, dropped);
            if refused > 0 {
                let _ = events.blocking_send(Event::CommitRefused {
                    count: refused,
                    reason: reason.clone(),
                });
            }
            if dropped > 0 {
                let _ = events.blocking_send(Event::WriteFailed {
                    count: dropped,
                    reason,
                });
            }
        }
    }
}
