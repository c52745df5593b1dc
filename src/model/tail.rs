//! The bookkeeping that lets `logs tail --follow` show every event exactly once, even events
//! ingested late with timestamps older than ones already printed.
//!
//! Every known tailer moves its start time to the newest timestamp after each poll, and so
//! never shows a late event. tracectl re-scans `[newest_seen - lag, now]` on every poll and
//! drops ids it has printed. Ids older than the re-scan window can never come back, so they
//! are evicted: memory is bounded by the events of one lag window, however long it runs.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

/// One log event, as the commands print it. Times are epoch milliseconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEvent {
    pub group: Arc<str>,
    pub stream: String,
    pub event_id: String,
    pub timestamp: i64,
    pub ingestion_time: i64,
    pub message: String,
}

impl LogEvent {
    /// Output order: by timestamp, then group, stream and id so that ties are stable.
    pub fn sort_key(&self) -> (i64, &str, &str, &str) {
        (self.timestamp, &self.group, &self.stream, &self.event_id)
    }
}

/// Sorts events into output order.
pub fn sort_events(events: &mut [LogEvent]) {
    events.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Remembers which events were printed, by (group, event id), indexed by timestamp so
/// eviction is cheap.
#[derive(Debug, Default)]
pub struct Seen {
    by_time: BTreeMap<i64, Vec<(Arc<str>, String)>>,
    ids: HashSet<(Arc<str>, String)>,
    newest: Option<i64>,
}

impl Seen {
    /// Keeps the events not seen before, records them, and returns them in output order.
    pub fn admit(&mut self, events: Vec<LogEvent>) -> Vec<LogEvent> {
        let mut fresh: Vec<LogEvent> = events
            .into_iter()
            .filter(|e| {
                let key = (e.group.clone(), e.event_id.clone());
                if self.ids.contains(&key) {
                    return false;
                }
                self.ids.insert(key.clone());
                self.by_time.entry(e.timestamp).or_default().push(key);
                true
            })
            .collect();
        if let Some(max) = fresh.iter().map(|e| e.timestamp).max() {
            self.newest = Some(self.newest.map_or(max, |n| n.max(max)));
        }
        sort_events(&mut fresh);
        fresh
    }

    /// Where the next poll starts: `lag` before the newest event seen, never before `start`.
    pub fn cursor(&self, start: i64, lag: Duration) -> i64 {
        let lag_ms = i64::try_from(lag.as_millis()).unwrap_or(i64::MAX);
        self.newest
            .map_or(start, |n| n.saturating_sub(lag_ms).max(start))
    }

    /// Forgets events older than `cursor`: no poll asks for them again.
    pub fn evict_before(&mut self, cursor: i64) {
        let keep = self.by_time.split_off(&cursor);
        for (_, keys) in std::mem::replace(&mut self.by_time, keep) {
            for key in keys {
                self.ids.remove(&key);
            }
        }
    }

    /// How many ids are remembered (for tests of the memory bound).
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// How far back each poll re-scans. Watchtower (the Flask app's handler) flushes every 60 s,
/// so with two app instances events routinely arrive a minute older than ones printed. The
/// default starts at two minutes and widens to 1.5x the largest `ingestionTime - timestamp`
/// seen, up to 30 minutes; `--lag` fixes it instead.
#[derive(Debug, Clone)]
pub struct Lag {
    fixed: Option<Duration>,
    largest_delay_ms: i64,
}

pub const DEFAULT_LAG: Duration = Duration::from_secs(120);
const MAX_LEARNED_LAG: Duration = Duration::from_secs(30 * 60);

impl Lag {
    pub fn new(fixed: Option<Duration>) -> Self {
        Self {
            fixed,
            largest_delay_ms: 0,
        }
    }

    pub fn observe(&mut self, event: &LogEvent) {
        self.largest_delay_ms = self
            .largest_delay_ms
            .max(event.ingestion_time - event.timestamp);
    }

    pub fn current(&self) -> Duration {
        if let Some(fixed) = self.fixed {
            return fixed;
        }
        let learned = Duration::from_millis(
            u64::try_from(self.largest_delay_ms)
                .unwrap_or(0)
                .saturating_mul(3)
                / 2,
        );
        learned.clamp(DEFAULT_LAG, MAX_LEARNED_LAG)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(id: &str, ts: i64, ingested: i64) -> LogEvent {
        LogEvent {
            group: Arc::from("/g"),
            stream: "s".into(),
            event_id: id.into(),
            timestamp: ts,
            ingestion_time: ingested,
            message: format!("m{id}"),
        }
    }

    #[test]
    fn admits_each_event_once_in_time_order() {
        let mut seen = Seen::default();
        let first = seen.admit(vec![ev("b", 2000, 2000), ev("a", 1000, 1000)]);
        assert_eq!(
            first
                .iter()
                .map(|e| e.event_id.as_str())
                .collect::<Vec<_>>(),
            ["a", "b"]
        );
        // A re-scan returns both again plus a late one older than "b": only the late one is new.
        let second = seen.admit(vec![
            ev("a", 1000, 1000),
            ev("late", 1500, 61_500),
            ev("b", 2000, 2000),
        ]);
        assert_eq!(
            second
                .iter()
                .map(|e| e.event_id.as_str())
                .collect::<Vec<_>>(),
            ["late"]
        );
    }

    #[test]
    fn cursor_trails_the_newest_event_by_the_lag_and_eviction_bounds_memory() {
        let mut seen = Seen::default();
        assert_eq!(seen.cursor(500, Duration::from_secs(1)), 500);
        seen.admit(
            (0..100)
                .map(|i| ev(&i.to_string(), i * 1000, i * 1000))
                .collect(),
        );
        let cursor = seen.cursor(0, Duration::from_secs(10));
        assert_eq!(cursor, 89_000);
        seen.evict_before(cursor);
        assert_eq!(seen.len(), 11);
        // An evicted id is outside every later re-scan, so forgetting it is safe.
        assert!(seen.admit(vec![ev("95", 95_000, 95_000)]).is_empty());
    }

    #[test]
    fn lag_learns_from_ingestion_delay() {
        let mut lag = Lag::new(None);
        assert_eq!(lag.current(), DEFAULT_LAG);
        lag.observe(&ev("a", 0, 60_000));
        assert_eq!(
            lag.current(),
            DEFAULT_LAG,
            "a 60 s Watchtower delay fits in the default"
        );
        lag.observe(&ev("b", 0, 100_000));
        assert_eq!(lag.current(), Duration::from_secs(150));
        lag.observe(&ev("c", 0, 10 * 3_600_000));
        assert_eq!(lag.current(), Duration::from_secs(1800));
        assert_eq!(
            Lag::new(Some(Duration::from_secs(5))).current(),
            Duration::from_secs(5)
        );
    }
}
