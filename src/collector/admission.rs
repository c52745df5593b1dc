//! One memory budget for everything the collector holds between a request arriving and its
//! spans being committed: request bodies, their decompressed bytes, the decoded spans
//! waiting for the writer. A request is admitted (bytes taken from the budget) *before* it
//! is decoded, its share grows as its body is read and unpacked, and the share comes back
//! when the writer has committed (or refused) its spans. So a burst of gzip bombs, or a
//! writer that has fallen behind, costs at most the budget in memory, never more.
//!
//! When the budget is spent a request waits, for a short bounded time, for room: the way a
//! collector's receiver absorbs a burst instead of answering "busy" at once (an SDK that
//! honours `Retry-After: 1` would idle a whole second for each such answer). Only when no
//! room comes in time is the sender told to retry.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Mutex, OwnedMutexGuard, OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// The budget is counted in units of this many bytes (a semaphore counts in `u32`s).
const UNIT: usize = 1024;

/// Bytes held by all requests in flight, decompressed, and the spans queued for the
/// writer. The largest single request ([`super::otlp::MAX_DECOMPRESSED`]) must fit in it,
/// or such a request could never be admitted.
pub const BUDGET_BYTES: usize = 96 * 1024 * 1024;

/// How long a request may wait for room before its sender is asked to retry: long enough to
/// ride out one commit of a backlog, short against an exporter's 10 s timeout.
pub const ADMISSION_WAIT: Duration = Duration::from_millis(750);

/// A body unpacks past this only while its share holds the budget's growth lock: one
/// request at a time. Shares that grew together, a step each in turn, could hold the whole
/// budget between them and all wait for more until every one was refused (12 requests of
/// 60 MiB each, all answered 503, on a loaded machine). A batch an SDK exports unpacks to
/// well under it; the requests waiting for the lock hold at most this each, so 32 of them
/// and one of the largest still fit in the budget. Only unpacking takes the lock: it runs
/// on the CPU and ends soon, where a body read from a slow sender could hold it for the
/// whole read.
pub const GROWS_ALONE_PAST: usize = 512 * 1024;

/// Why records that cannot wait (UDP) were dropped for the budget.
pub const BUDGET_SPENT: &str = "the collector's memory budget is spent (the writer is far behind)";

/// The shared budget; cheap to clone.
#[derive(Clone, Debug)]
pub struct Budget {
    room: Arc<Semaphore>,
    /// Held by the one share growing past [`GROWS_ALONE_PAST`].
    growth: Arc<Mutex<()>>,
}

impl Budget {
    pub fn new(bytes: usize) -> Self {
        Self {
            room: Arc::new(Semaphore::new(units(bytes) as usize)),
            growth: Arc::new(Mutex::new(())),
        }
    }

    /// Bytes free right now (for tests and `-v`).
    pub fn available_bytes(&self) -> usize {
        self.room.available_permits() * UNIT
    }

    /// Takes `bytes` from the budget, waiting until `until` for room; `None` when none came.
    pub async fn admit(&self, bytes: usize, until: Instant) -> Option<Admission> {
        let permit =
            tokio::time::timeout_at(until, self.room.clone().acquire_many_owned(units(bytes)))
                .await
                .ok()?
                .ok()?;
        Some(Admission {
            budget: self.clone(),
            permit,
            growing_alone: None,
        })
    }

    /// Takes `bytes` only if they are free now (UDP datagrams, which cannot wait).
    pub fn try_admit(&self, bytes: usize) -> Option<Admission> {
        let permit = self
            .room
            .clone()
            .try_acquire_many_owned(units(bytes))
            .ok()?;
        Some(Admission {
            budget: self.clone(),
            permit,
            growing_alone: None,
        })
    }
}

/// A request's share of the budget; given back when dropped.
#[derive(Debug)]
pub struct Admission {
    budget: Budget,
    permit: OwnedSemaphorePermit,
    /// The growth lock, while this share grows past [`GROWS_ALONE_PAST`].
    growing_alone: Option<OwnedMutexGuard<()>>,
}

impl Admission {
    /// Bytes this share holds.
    pub fn bytes(&self) -> usize {
        self.permit.num_permits() * UNIT
    }

    /// Grows the share to at least `bytes`, waiting until `until`; false when no room came.
    pub async fn grow_to(&mut self, bytes: usize, until: Instant) -> bool {
        let want = units(bytes) as usize;
        let have = self.permit.num_permits();
        if want <= have {
            return true;
        }
        let more = u32::try_from(want - have).unwrap_or(u32::MAX);
        let extra =
            tokio::time::timeout_at(until, self.budget.room.clone().acquire_many_owned(more)).await;
        match extra {
            Ok(Ok(extra)) => {
                self.permit.merge(extra);
                true
            }
            _ => false,
        }
    }

    /// Grows the share as [`Self::grow_to`] does, past [`GROWS_ALONE_PAST`] only while it
    /// holds the budget's growth lock (kept until [`Self::done_growing`]): for a body being
    /// unpacked.
    pub async fn grow_alone_to(&mut self, bytes: usize, until: Instant) -> bool {
        if bytes > GROWS_ALONE_PAST && bytes > self.bytes() && self.growing_alone.is_none() {
            match tokio::time::timeout_at(until, self.budget.growth.clone().lock_owned()).await {
                Ok(guard) => self.growing_alone = Some(guard),
                Err(_) => return false,
            }
        }
        self.grow_to(bytes, until).await
    }

    /// The share will not grow again: another may grow past [`GROWS_ALONE_PAST`].
    pub fn done_growing(&mut self) {
        self.growing_alone = None;
    }

    /// Gives back all but `bytes` (what is still held once a body has been decoded).
    pub fn shrink_to(&mut self, bytes: usize) {
        self.done_growing();
        let keep = (units(bytes) as usize).max(1);
        let have = self.permit.num_permits();
        if keep < have
            && let Some(spare) = self.permit.split(have - keep)
        {
            drop(spare);
        }
    }
}

fn units(bytes: usize) -> u32 {
    u32::try_from(bytes.div_ceil(UNIT).max(1)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn one_share_at_a_time_grows_past_the_threshold() {
        let budget = Budget::new(4 * GROWS_ALONE_PAST);
        let soon = || Instant::now() + Duration::from_millis(50);
        let mut a = budget.admit(UNIT, soon()).await.unwrap();
        let mut b = budget.admit(UNIT, soon()).await.unwrap();
        // Up to the threshold both grow side by side.
        assert!(a.grow_to(GROWS_ALONE_PAST, soon()).await);
        assert!(b.grow_to(GROWS_ALONE_PAST, soon()).await);
        // Past it one at a time: b waits for the lock, though there is room, and is refused.
        assert!(a.grow_alone_to(GROWS_ALONE_PAST + UNIT, soon()).await);
        assert!(!b.grow_alone_to(GROWS_ALONE_PAST + UNIT, soon()).await);
        assert_eq!(b.bytes(), GROWS_ALONE_PAST);
        assert_eq!(budget.available_bytes(), 2 * GROWS_ALONE_PAST - UNIT);
        // Once a is done growing (or shrunk, or dropped), b grows.
        a.done_growing();
        assert!(b.grow_alone_to(2 * GROWS_ALONE_PAST, soon()).await);
        assert!(!a.grow_alone_to(GROWS_ALONE_PAST + 2 * UNIT, soon()).await);
        b.shrink_to(UNIT);
        assert!(a.grow_alone_to(GROWS_ALONE_PAST + 2 * UNIT, soon()).await);
        // A body read (grow_to) does not wait for the lock a is holding.
        assert!(b.grow_to(GROWS_ALONE_PAST + UNIT, soon()).await);
    }

    #[tokio::test]
    async fn room_is_waited_for_briefly_then_refused_and_comes_back_on_drop() {
        let budget = Budget::new(10 * UNIT);
        let soon = || Instant::now() + Duration::from_millis(50);
        let mut a = budget.admit(6 * UNIT, soon()).await.unwrap();
        assert_eq!(budget.available_bytes(), 4 * UNIT);
        // No room for 5 more units: refused after the wait, nothing taken.
        assert!(budget.admit(5 * UNIT, soon()).await.is_none());
        assert_eq!(budget.available_bytes(), 4 * UNIT);
        assert!(a.grow_to(10 * UNIT, soon()).await);
        assert_eq!((a.bytes(), budget.available_bytes()), (10 * UNIT, 0));
        assert!(budget.try_admit(1).is_none());
        a.shrink_to(3 * UNIT);
        assert_eq!(budget.available_bytes(), 7 * UNIT);
        // A waiter is admitted as soon as room comes back.
        let waiter = {
            let budget = budget.clone();
            tokio::spawn(async move {
                budget
                    .admit(9 * UNIT, Instant::now() + Duration::from_secs(5))
                    .await
                    .map(|a| a.bytes())
            })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        drop(a);
        assert_eq!(waiter.await.unwrap(), Some(9 * UNIT));
        assert_eq!(budget.available_bytes(), 10 * UNIT);
    }
}
