//! The bookkeeping that lets `logs tail --follow` show every event exactly once, even events
//! ingested late with timestamps older than ones already printed.
//!
//! Every known tailer moves its start time to the newest timestamp after each poll, and so
//! never shows a late event. tracectl re-scans `[newest_seen - lag, now]` on every poll and
//! drops ids it has printed. Ids older than the re-scan window can never come back, so they
//! are evicted: memory is bounded by the events of one lag window, however long it runs.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
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

/// How many events to ask FilterLogEvents for, so that a page holds about
/// [`PageLimit::TARGET_BYTES`] whatever the server pages by. CloudWatch stops a page at 1 MB
/// itself; emulators page by count (moto: 10,000 events, whatever their size), which with
/// 100 KB messages is a GB a page. Until a page shows that the server pages by count (more
/// than the target in one page), the server chooses; from then on every page's average event
/// size sets the next request's limit. One is shared by every scan of a run, so the slices
/// that start later ask for the right size from their first page.
#[derive(Debug, Default)]
pub struct PageLimit(AtomicU32);

impl PageLimit {
    /// A page of about CloudWatch's own 1 MB, which never asks AWS for less than it gives.
    pub const TARGET_BYTES: usize = 1024 * 1024;
    /// FilterLogEvents' largest `limit`.
    pub const MAX_EVENTS: u32 = 10_000;
    /// What CloudWatch counts for each event besides its message in a page's 1 MB.
    pub const EVENT_OVERHEAD: usize = 26;

    /// The `limit` for the next request; `None` lets the server choose.
    pub fn get(&self) -> Option<i32> {
        match self.0.load(Ordering::Relaxed) {
            0 => None,
            n => Some(n as i32),
        }
    }

    /// Learns from a page of `events` events holding `bytes` (messages plus overhead).
    pub fn learn(&self, events: usize, bytes: usize) {
        if events == 0 || (bytes <= Self::TARGET_BYTES && self.get().is_none()) {
            return;
        }
        let fit = (Self::TARGET_BYTES as u128 * events as u128 / bytes.max(1) as u128) as u32;
        self.0
            .store(fit.clamp(1, Self::MAX_EVENTS), Ordering::Relaxed);
    }

    /// The bytes an event counts for in a page.
    pub fn bytes_of(event: &LogEvent) -> usize {
        event.message.len() + Self::EVENT_OVERHEAD
    }
}

/// Merges the events of several sources (one per log group), each already in the order the
/// service returned it (by timestamp), into one stream ordered by timestamp. Ties between
/// sources go to the earlier source; within a source the service's order is kept, so
/// events of the same millisecond are never re-sorted by id (`"10"` before `"2"`).
///
/// Memory is the pages buffered per source, not the window: the caller pushes a source's
/// next page only when [`MergeBuffer::wants`] says that source ran dry.
#[derive(Debug)]
pub struct MergeBuffer {
    sources: Vec<Source>,
}

#[derive(Debug, Default)]
struct Source {
    buffered: VecDeque<LogEvent>,
    finished: bool,
}

impl MergeBuffer {
    pub fn new(sources: usize) -> Self {
        Self {
            sources: (0..sources).map(|_| Source::default()).collect(),
        }
    }

    /// The first source that must deliver its next page before anything can be released.
    pub fn wants(&self) -> Option<usize> {
        self.sources
            .iter()
            .position(|s| s.buffered.is_empty() && !s.finished)
    }

    pub fn push(&mut self, source: usize, page: Vec<LogEvent>) {
        self.sources[source].buffered.extend(page);
    }

    pub fn finish(&mut self, source: usize) {
        self.sources[source].finished = true;
    }

    /// The next event in output order, or `None` when a source must deliver first
    /// ([`MergeBuffer::wants`]) or every source is done.
    pub fn pop(&mut self) -> Option<LogEvent> {
        if self.wants().is_some() {
            return None;
        }
        let source = self
            .sources
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.buffered.front().map(|e| (e.timestamp, i)))
            .min()?
            .1;
        self.sources[source].buffered.pop_front()
    }
}

/// (group, event id), allocated once and shared by the three places that index it.
type Key = Arc<(Arc<str>, Box<str>)>;

/// Remembers which events were printed, so a follow that re-scans its lag window prints
/// each event once, with memory bounded however long it runs.
///
/// An id is remembered while its event is inside either of two windows:
/// - by timestamp, at or after the *horizon*, the furthest point the re-scan window has
///   been moved to: every printed event there is known;
/// - by ingestion time, at or after the *floor*, a while before the newest ingestion seen:
///   every printed event CloudWatch ingested since then is known.
///
/// When the lag widens, the re-scan reaches below the horizon, where old ids are gone. An
/// event found there is new only if it was ingested after the floor and is not remembered:
/// the late batch that widened the window. One CloudWatch batch shares one ingestion time,
/// so part of it may be printed in one poll and the rest found below the horizon in the
/// next; the ingestion window tells the two apart. Both clocks are the service's ingestion
/// times where that matters, so a client clock that is off cannot break the rule.
#[derive(Debug)]
pub struct Seen {
    printed: HashMap<Key, (i64, i64)>,
    by_time: BTreeMap<i64, Vec<Key>>,
    by_ingestion: BTreeMap<i64, Vec<Key>>,
    in_ingestion_window: usize,
    /// The newest instant known to have passed, per event `min(timestamp, ingestion)`: an
    /// event stamped in the future cannot drag the window past events still to come.
    newest: Option<i64>,
    horizon: i64,
    floor: i64,
    latest_ingestion: i64,
    /// How long ids are remembered by ingestion time.
    ingestion_memory_ms: i64,
}

/// How long ids are remembered by ingestion time at least. A batch arrives within seconds;
/// a minute leaves room for CloudWatch's own delay in making ingested events searchable.
const INGESTION_MEMORY_MS: i64 = 60_000;
/// The most ids remembered by ingestion time (a burst): past it the floor moves up.
const MAX_INGESTION_IDS: usize = 20_000;

impl Default for Seen {
    fn default() -> Self {
        Self {
            printed: HashMap::new(),
            by_time: BTreeMap::new(),
            by_ingestion: BTreeMap::new(),
            in_ingestion_window: 0,
            newest: None,
            horizon: i64::MIN,
            floor: i64::MIN,
            latest_ingestion: i64::MIN,
            ingestion_memory_ms: INGESTION_MEMORY_MS,
        }
    }
}

impl Seen {
    /// A memory for a follow that polls every `poll`: ids are remembered by ingestion time
    /// for two polls at least, so a batch split across polls is told apart from a new one
    /// however long the polls are (with a fixed minute, a 70 s poll lost a late batch's
    /// oldest events).
    pub fn for_poll(poll: Duration) -> Self {
        let two_polls = i64::try_from(poll.as_millis().saturating_mul(2)).unwrap_or(i64::MAX);
        Self {
            ingestion_memory_ms: INGESTION_MEMORY_MS.max(two_polls),
            ..Self::default()
        }
    }

    /// Whether `e` is new (to be printed); a new event is remembered.
    pub fn admit(&mut self, e: &LogEvent) -> bool {
        self.latest_ingestion = self.latest_ingestion.max(e.ingestion_time);
        let known_until = e.timestamp.min(e.ingestion_time);
        self.newest = Some(self.newest.map_or(known_until, |n| n.max(known_until)));
        let key: Key = Arc::new((e.group.clone(), e.event_id.as_str().into()));
        if self.printed.contains_key(&key) {
            return false;
        }
        let in_time = e.timestamp >= self.horizon;
        let in_ingestion = e.ingestion_time >= self.floor;
        if !in_time && !in_ingestion {
            // Older than both windows: printed and forgotten long ago, or so late that no
            // window could have held it. Repeating is the one thing never done.
            return false;
        }
        self.printed
            .insert(key.clone(), (e.timestamp, e.ingestion_time));
        if in_time {
            self.by_time
                .entry(e.timestamp)
                .or_default()
                .push(key.clone());
        }
        if in_ingestion {
            self.by_ingestion
                .entry(e.ingestion_time)
                .or_default()
                .push(key);
            self.in_ingestion_window += 1;
        }
        true
    }

    /// Where the next poll starts: `lag` before the newest instant known to have passed
    /// (never after `now_ms`), and never before `start`.
    pub fn cursor(&self, start: i64, lag: Duration, now_ms: i64) -> i64 {
        let lag_ms = i64::try_from(lag.as_millis()).unwrap_or(i64::MAX);
        self.newest
            .map_or(start, |n| n.min(now_ms).saturating_sub(lag_ms).max(start))
    }

    /// Moves the horizon up to `cursor` (never back) and the floor up to the ingestion
    /// memory before the newest ingestion, forgetting ids that neither window holds.
    pub fn evict_before(&mut self, cursor: i64) {
        self.horizon = self.horizon.max(cursor);
        self.floor = self.floor.max(
            self.latest_ingestion
                .saturating_sub(self.ingestion_memory_ms),
        );
        let keep = self.by_time.split_off(&self.horizon);
        for key in std::mem::replace(&mut self.by_time, keep)
            .into_values()
            .flatten()
        {
            if self
                .printed
                .get(&key)
                .is_some_and(|(_, ingested)| *ingested < self.floor)
            {
                self.printed.remove(&key);
            }
        }
        while self.in_ingestion_window > MAX_INGESTION_IDS
            && let Some((&oldest, _)) = self.by_ingestion.first_key_value()
        {
            self.floor = self.floor.max(oldest + 1);
            self.forget_ingested_before(self.floor);
        }
        self.forget_ingested_before(self.floor);
    }

    fn forget_ingested_before(&mut self, floor: i64) {
        let keep = self.by_ingestion.split_off(&floor);
        for key in std::mem::replace(&mut self.by_ingestion, keep)
            .into_values()
            .flatten()
        {
            self.in_ingestion_window -= 1;
            if self
                .printed
                .get(&key)
                .is_some_and(|(ts, _)| *ts < self.horizon)
            {
                self.printed.remove(&key);
            }
        }
    }

    /// How many ids are remembered (for tests of the memory bound).
    pub fn len(&self) -> usize {
        self.printed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.printed.is_empty()
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

    #[test]
    fn page_limit_leaves_byte_bounded_servers_alone_and_sizes_count_paged_ones() {
        let limit = PageLimit::default();
        // CloudWatch's own pages (at most 1 MB) teach nothing: the server keeps choosing.
        limit.learn(5_000, 5_000 * 200);
        limit.learn(0, 0);
        assert_eq!(limit.get(), None);
        // 300 events of 100,000-byte messages in one page: a server that pages by count.
        limit.learn(300, 300 * 100_026);
        assert_eq!(limit.get(), Some(10));
        // From then on every page's sizes steer it, both ways, within the API's range.
        limit.learn(10, 10 * 226);
        assert_eq!(limit.get(), Some(4_639));
        limit.learn(1_000, 1_000 * 26);
        assert_eq!(limit.get(), Some(10_000));
        limit.learn(1, 5_000_000);
        assert_eq!(limit.get(), Some(1));
    }
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

    fn admit_all(seen: &mut Seen, events: &[LogEvent]) -> Vec<String> {
        events
            .iter()
            .filter(|e| seen.admit(e))
            .map(|e| e.event_id.clone())
            .collect()
    }

    #[test]
    fn admits_each_event_once() {
        let mut seen = Seen::default();
        assert_eq!(
            admit_all(&mut seen, &[ev("a", 1000, 1000), ev("b", 2000, 2000)]),
            ["a", "b"]
        );
        // A re-scan returns both again plus a late one older than "b": only the late one is new.
        let again = [
            ev("a", 1000, 1000),
            ev("late", 1500, 61_500),
            ev("b", 2000, 2000),
        ];
        assert_eq!(admit_all(&mut seen, &again), ["late"]);
    }

    #[test]
    fn cursor_trails_the_newest_event_by_the_lag_and_eviction_bounds_memory() {
        let mut seen = Seen::default();
        assert_eq!(seen.cursor(500, Duration::from_secs(1), i64::MAX), 500);
        let events: Vec<LogEvent> = (0..1000)
            .map(|i| ev(&i.to_string(), i * 1000, i * 1000))
            .collect();
        admit_all(&mut seen, &events);
        let cursor = seen.cursor(0, Duration::from_secs(100), i64::MAX);
        assert_eq!(cursor, 899_000);
        seen.evict_before(cursor);
        // Ids stay while their timestamp is in the window (899 s on) or their ingestion in
        // the last minute (939 s on): 101 of 1000.
        assert_eq!(seen.len(), 101);
        // An evicted id is outside every later re-scan, so forgetting it is safe.
        assert!(!seen.admit(&ev("950", 950_000, 950_000)));
        assert!(!seen.admit(&ev("5", 5_000, 5_000)));
    }

    #[test]
    fn a_widening_lag_repeats_nothing_and_still_shows_what_arrived_late() {
        // A fast instance's events, each ingested a second after it was written.
        let mut seen = Seen::default();
        let fast: Vec<LogEvent> = (0..10)
            .map(|i| ev(&format!("fast{i}"), 100_000 + i * 2000, 101_000 + i * 2000))
            .collect();
        assert_eq!(admit_all(&mut seen, &fast).len(), 10);
        // Time passes; the window (2 min behind) moves past them and forgets them.
        seen.admit(&ev("anchor", 300_000, 300_000));
        seen.evict_before(seen.cursor(0, Duration::from_secs(120), i64::MAX));
        assert_eq!(seen.len(), 1, "only the anchor is remembered");
        // A slow instance flushes a batch written over the last 150 s, all ingested at once:
        // its recent part is inside the window...
        let slow: Vec<LogEvent> = (0..16)
            .map(|i| ev(&format!("slow{i:02}"), 150_000 + i * 10_000, 301_000))
            .collect();
        assert_eq!(admit_all(&mut seen, &slow[3..]).len(), 13);
        seen.evict_before(seen.cursor(0, Duration::from_secs(120), i64::MAX));
        // ...and the widened re-scan returns the rest of it with the forgotten fast events
        // and what was printed already: only the rest of the batch is new.
        let mut rescan = fast.clone();
        rescan.extend(slow.iter().cloned());
        assert_eq!(
            admit_all(&mut seen, &rescan),
            ["slow00", "slow01", "slow02"]
        );
        assert!(admit_all(&mut seen, &rescan).is_empty());
    }

    #[test]
    fn a_poll_longer_than_a_minute_still_tells_a_split_batch_from_a_new_one() {
        // A 70 s poll: the late batch's recent part is printed by one poll; by the next,
        // newer events were ingested 70 s later, and the rest of the batch is found below
        // the horizon. Remembering a fixed minute by ingestion lost it; two polls keep it.
        let split = |mut seen: Seen| {
            seen.admit(&ev("anchor", 300_000, 300_000));
            let slow: Vec<LogEvent> = (0..16)
                .map(|i| ev(&format!("slow{i:02}"), 150_000 + i * 10_000, 301_000))
                .collect();
            admit_all(&mut seen, &slow[3..]);
            seen.evict_before(seen.cursor(0, Duration::from_secs(120), i64::MAX));
            seen.admit(&ev("next", 371_000, 371_000));
            seen.evict_before(seen.cursor(0, Duration::from_secs(120), i64::MAX));
            admit_all(&mut seen, &slow)
        };
        assert_eq!(
            split(Seen::for_poll(Duration::from_secs(70))),
            ["slow00", "slow01", "slow02"]
        );
        assert!(
            split(Seen::default()).is_empty(),
            "the minute's memory lost them"
        );
    }

    #[test]
    fn memory_by_ingestion_time_is_bounded_in_a_burst() {
        let mut seen = Seen::default();
        let burst: Vec<LogEvent> = (0..120_000)
            .map(|i| ev(&i.to_string(), 1_000_000 + i, 1_000_000))
            .collect();
        assert_eq!(admit_all(&mut seen, &burst).len(), 120_000);
        seen.evict_before(1_000_000 + 100_000);
        assert!(seen.len() <= 20_000, "{}", seen.len());
        // What was forgotten is never printed again.
        assert!(admit_all(&mut seen, &burst).is_empty());
    }

    #[test]
    fn a_future_timestamp_does_not_move_the_window_past_events_still_to_come() {
        let mut seen = Seen::default();
        let now = 1_000_000;
        // Stamped five minutes ahead, ingested now.
        admit_all(&mut seen, &[ev("future", now + 300_000, now)]);
        let cursor = seen.cursor(0, Duration::from_secs(120), now);
        assert_eq!(cursor, now - 120_000);
        seen.evict_before(cursor);
        // Events of a correct clock a second later are still inside the next window.
        assert!(seen.admit(&ev("next", now + 1000, now + 1000)));
        // The future event is remembered until the window passes it.
        assert!(!seen.admit(&ev("future", now + 300_000, now)));
    }

    #[test]
    fn merge_orders_by_time_and_keeps_the_service_order_within_a_millisecond() {
        let mut merge = MergeBuffer::new(2);
        assert_eq!(merge.wants(), Some(0));
        assert!(merge.pop().is_none());
        // The service returned "10" before "2" in the same millisecond: kept.
        merge.push(0, vec![ev("10", 5, 5), ev("2", 5, 5), ev("3", 9, 9)]);
        assert_eq!(merge.wants(), Some(1));
        merge.push(1, vec![ev("b1", 5, 5), ev("b2", 7, 7)]);
        let mut order = Vec::new();
        while let Some(e) = merge.pop() {
            order.push(e.event_id);
        }
        // Source 1 ran dry: nothing after b2 can be released until it says more or ends.
        assert_eq!(order, ["10", "2", "b1", "b2"]);
        assert_eq!(merge.wants(), Some(1));
        merge.finish(1);
        assert_eq!(merge.pop().map(|e| e.event_id), Some("3".to_string()));
        assert_eq!(merge.wants(), Some(0));
        merge.finish(0);
        assert!(merge.pop().is_none() && merge.wants().is_none());
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
