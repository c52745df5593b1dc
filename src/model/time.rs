//! Durations and instants as users type them on the command line (`--since 2h30m`,
//! `--start 2026-11-24T10:00:00Z`, `--until 1732442400`), and the windows they make.
//!
//! jiff does the calendar work (RFC 3339, civil times in the local zone, span syntax); this
//! module only decides which form the user meant and turns failures into a message that
//! quotes the input and shows two forms that work.

use std::fmt;
use std::time::Duration;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Span, SpanRelativeTo, Timestamp};

/// Examples shown when a time or duration cannot be parsed.
const TIME_EXAMPLES: &str =
    "use a duration like 15m or 2h30m, or a time like 2026-11-24T10:00:00Z or 2026-11-24 10:00";
const DURATION_EXAMPLES: &str = "use a duration like 90s, 15m, 2h30m or 1d";

/// Epoch values with at least this many digits are milliseconds (10^11 s is the year 5138,
/// 10^11 ms is 1973), and fewer than 9 digits is too early to be a real epoch (1973).
const EPOCH_MS_MIN_DIGITS: usize = 12;
const EPOCH_MIN_DIGITS: usize = 9;

/// A point in time as the user gave it: relative to "now", or absolute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeSpec {
    /// "that long before now"
    Ago(Duration),
    At(Timestamp),
}

impl TimeSpec {
    /// The instant this spec means, given the one "now" the command captured at start, so
    /// that `--since 1h --until 10m` are measured from the same clock reading.
    pub fn resolve(self, now: Timestamp) -> Timestamp {
        match self {
            TimeSpec::At(ts) => ts,
            TimeSpec::Ago(d) => {
                let d = jiff::SignedDuration::try_from(d).unwrap_or(jiff::SignedDuration::MAX);
                now.checked_sub(d).unwrap_or(Timestamp::MIN)
            }
        }
    }
}

/// Why a time or duration was refused: carries the input so the message can quote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeParseError {
    input: String,
    reason: &'static str,
    examples: &'static str,
}

impl fmt::Display for TimeParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' {}; {}", self.input, self.reason, self.examples)
    }
}

impl std::error::Error for TimeParseError {}

/// Parses every form of cli.md, reading civil times ("2026-11-24 10:00") in the system zone.
pub fn parse_time(input: &str) -> Result<TimeSpec, TimeParseError> {
    parse_time_in(input, &TimeZone::system())
}

/// [`parse_time`] with an explicit zone, so tests do not depend on the machine's TZ.
pub fn parse_time_in(input: &str, tz: &TimeZone) -> Result<TimeSpec, TimeParseError> {
    let text = input.trim();
    let err = |reason| TimeParseError {
        input: input.to_string(),
        reason,
        examples: TIME_EXAMPLES,
    };
    if text.is_empty() {
        return Err(err("is empty"));
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return parse_epoch(text).map(TimeSpec::At).ok_or_else(|| {
            err("is a bare number: give a unit (90s, 15m) or epoch seconds/milliseconds")
        });
    }
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(TimeSpec::At(ts));
    }
    if let Ok(dt) = text.parse::<DateTime>() {
        // A civil date-time without offset is in the user's zone.
        if text.len() > "2026-11-24".len() {
            return dt
                .to_zoned(tz.clone())
                .map(|z| TimeSpec::At(z.timestamp()))
                .map_err(|_| err("does not exist in the local time zone"));
        }
    }
    if let Ok(date) = text.parse::<Date>() {
        return date
            .to_zoned(tz.clone())
            .map(|z| TimeSpec::At(z.timestamp()))
            .map_err(|_| err("does not exist in the local time zone"));
    }
    match parse_span(text) {
        Ok(d) => Ok(TimeSpec::Ago(d)),
        Err(reason) => Err(err(reason)),
    }
}

/// Parses a length of time (`--poll 2s`, `--timeout 1m`, `--slower-than 500ms`).
pub fn parse_duration(input: &str) -> Result<Duration, TimeParseError> {
    parse_span(input.trim()).map_err(|reason| TimeParseError {
        input: input.to_string(),
        reason,
        examples: DURATION_EXAMPLES,
    })
}

fn parse_span(text: &str) -> Result<Duration, &'static str> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return Err("has no unit");
    }
    let span: Span = text.parse().map_err(|_| "is not a duration or a time")?;
    if span.is_negative() {
        return Err("is negative");
    }
    // Days and weeks mean 24 h and 7 x 24 h here ("the last day"), not calendar days;
    // months and years have no fixed length and are refused.
    let signed = span
        .to_duration(SpanRelativeTo::days_are_24_hours())
        .map_err(|_| "uses months or years, which have no fixed length")?;
    Duration::try_from(signed).map_err(|_| "is out of range")
}

fn parse_epoch(digits: &str) -> Option<Timestamp> {
    let n: i64 = digits.parse().ok()?;
    match digits.len() {
        len if len >= EPOCH_MS_MIN_DIGITS => Timestamp::from_millisecond(n).ok(),
        len if len >= EPOCH_MIN_DIGITS => Timestamp::from_second(n).ok(),
        _ => None,
    }
}

/// clap `value_parser` for `--since/--until/--start/--end`: a bad value is a usage error.
pub fn time_arg(input: &str) -> Result<TimeSpec, String> {
    parse_time(input).map_err(|e| e.to_string())
}

/// clap `value_parser` for durations such as `--poll` or `--timeout`.
pub fn duration_arg(input: &str) -> Result<Duration, String> {
    parse_duration(input).map_err(|e| e.to_string())
}

/// A half-open interval `[start, end)` of time that a command fetches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: Timestamp,
    pub end: Timestamp,
}

impl Window {
    /// Builds the window from `--since/--start` and `--until/--end` against one `now`.
    /// An end before the start is bad input, named with both instants.
    pub fn resolve(
        start: TimeSpec,
        end: Option<TimeSpec>,
        now: Timestamp,
    ) -> Result<Window, String> {
        let start = start.resolve(now);
        let end = end.map_or(now, |e| e.resolve(now));
        if end < start {
            return Err(format!(
                "the window ends ({end}) before it starts ({start})"
            ));
        }
        Ok(Window { start, end })
    }

    /// The window between two epoch-millisecond instants; `None` when `end` is before
    /// `start` or either is out of range.
    pub fn from_millis(start: i64, end: i64) -> Option<Window> {
        let start = Timestamp::from_millisecond(start).ok()?;
        let end = Timestamp::from_millisecond(end).ok()?;
        (start <= end).then_some(Window { start, end })
    }

    pub fn duration(&self) -> Duration {
        Duration::try_from(self.end.duration_since(self.start)).unwrap_or_default()
    }

    /// Splits the window into consecutive slices no longer than `max`, oldest first, so
    /// long scans can be fetched concurrently; slices share their boundaries exactly.
    pub fn slices(&self, max: Duration) -> Vec<Window> {
        let max = jiff::SignedDuration::try_from(max).unwrap_or(jiff::SignedDuration::MAX);
        if max.is_zero() || self.end <= self.start {
            return vec![*self];
        }
        let mut out = Vec::new();
        let mut start = self.start;
        while start < self.end {
            let end = start.checked_add(max).map_or(self.end, |e| e.min(self.end));
            out.push(Window { start, end });
            start = end;
        }
        out
    }
}

/// A window length the way users type it: `1h`, `2h30m`, `6d`, `45s`.
pub fn human_span(d: Duration) -> String {
    let mut secs = d.as_secs();
    if secs == 0 {
        return "0s".into();
    }
    let mut out = String::new();
    for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)] {
        if secs >= size {
            out.push_str(&format!("{}{unit}", secs / size));
            secs %= size;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> TimeZone {
        // A fixed zone with an offset, so local forms are tested without the machine's TZ.
        TimeZone::fixed(jiff::tz::offset(1))
    }

    fn at(s: &str) -> TimeSpec {
        TimeSpec::At(s.parse().unwrap())
    }

    #[test]
    fn relative_forms() {
        let cases = [
            ("90s", 90),
            ("15m", 15 * 60),
            ("1h", 3600),
            ("2h30m", 2 * 3600 + 30 * 60),
            ("1d", 86_400),
            ("1w", 7 * 86_400),
        ];
        for (input, secs) in cases {
            assert_eq!(
                parse_time_in(input, &tz()).unwrap(),
                TimeSpec::Ago(Duration::from_secs(secs)),
                "{input}"
            );
        }
    }

    #[test]
    fn rfc3339_forms() {
        assert_eq!(
            parse_time_in("2026-11-24T10:00:00Z", &tz()).unwrap(),
            at("2026-11-24T10:00:00Z")
        );
        assert_eq!(
            parse_time_in("2026-11-24T10:00:00+01:00", &tz()).unwrap(),
            at("2026-11-24T09:00:00Z")
        );
    }

    #[test]
    fn local_civil_forms_use_the_zone() {
        assert_eq!(
            parse_time_in("2026-11-24 10:00", &tz()).unwrap(),
            at("2026-11-24T09:00:00Z")
        );
        assert_eq!(
            parse_time_in("2026-11-24", &tz()).unwrap(),
            at("2026-11-23T23:00:00Z")
        );
    }

    #[test]
    fn epoch_seconds_and_milliseconds() {
        assert_eq!(
            parse_time_in("1795514400", &tz()).unwrap(),
            at("2026-11-24T10:00:00Z")
        );
        assert_eq!(
            parse_time_in("1795514400123", &tz()).unwrap(),
            at("2026-11-24T10:00:00.123Z")
        );
    }

    #[test]
    fn bad_input_quotes_the_input_and_shows_two_examples() {
        for input in [
            "yesterday",
            "90",
            "",
            "1h-",
            "2026-13-40",
            "-1h",
            "1mo",
            "10:00",
        ] {
            let err = parse_time_in(input, &tz()).unwrap_err().to_string();
            assert!(err.starts_with(&format!("'{input}' ")), "{err}");
            assert!(
                err.contains("15m") && err.contains("2026-11-24T10:00:00Z"),
                "{err}"
            );
        }
    }

    #[test]
    fn bare_number_says_what_is_missing() {
        let err = parse_time_in("90", &tz()).unwrap_err().to_string();
        assert!(err.contains("give a unit"), "{err}");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_duration("2s").unwrap(), Duration::from_secs(2));
        let err = parse_duration("soon").unwrap_err().to_string();
        assert!(err.starts_with("'soon' ") && err.contains("90s") && err.contains("2h30m"));
        assert!(
            parse_duration("5")
                .unwrap_err()
                .to_string()
                .contains("no unit")
        );
    }

    #[test]
    fn relative_times_resolve_against_one_now() {
        let now: Timestamp = "2026-11-24T10:00:00Z".parse().unwrap();
        let w = Window::resolve(
            parse_time_in("1h", &tz()).unwrap(),
            Some(parse_time_in("10m", &tz()).unwrap()),
            now,
        )
        .unwrap();
        assert_eq!(w.start.to_string(), "2026-11-24T09:00:00Z");
        assert_eq!(w.end.to_string(), "2026-11-24T09:50:00Z");
        assert_eq!(w.duration(), Duration::from_secs(50 * 60));
    }

    #[test]
    fn window_that_ends_before_it_starts_is_refused() {
        let now: Timestamp = "2026-11-24T10:00:00Z".parse().unwrap();
        let err = Window::resolve(
            TimeSpec::Ago(Duration::from_secs(60)),
            Some(TimeSpec::Ago(Duration::from_secs(3600))),
            now,
        )
        .unwrap_err();
        assert!(err.contains("ends"), "{err}");
    }

    #[test]
    fn slices_cover_the_window_exactly_once() {
        let now: Timestamp = "2026-11-24T10:00:00Z".parse().unwrap();
        let w =
            Window::resolve(TimeSpec::Ago(Duration::from_secs(86_400 + 60)), None, now).unwrap();
        let slices = w.slices(Duration::from_secs(6 * 3600));
        assert_eq!(slices.len(), 5);
        assert_eq!(slices[0].start, w.start);
        assert_eq!(slices.last().unwrap().end, w.end);
        for pair in slices.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        assert_eq!(slices[4].duration(), Duration::from_secs(60));
    }
}
