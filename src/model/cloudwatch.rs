//! CloudWatch Logs' rules for a `PutLogEvents` batch (API reference, PutLogEvents), kept by
//! the local stand-in so that an app that logs fine against it logs fine against AWS:
//! at most 10,000 events and 1,048,576 bytes (each event's UTF-8 message plus 26 bytes),
//! in chronological order, spanning at most 24 hours; events more than 2 hours in the
//! future, older than 14 days or older than the group's retention are not refused with an
//! error but left out and said in `rejectedLogEventsInfo`.

/// The most events in one batch.
pub const MAX_EVENTS: usize = 10_000;
/// The most bytes in one batch: messages' UTF-8 bytes plus [`EVENT_OVERHEAD`] each.
pub const MAX_BATCH_BYTES: usize = 1_048_576;
/// What CloudWatch counts for each event besides its message.
pub const EVENT_OVERHEAD: usize = 26;
/// The longest a batch may span.
const MAX_SPAN_MS: i64 = 24 * 3_600_000;
/// How far ahead of now an event may be.
const MAX_AHEAD_MS: i64 = 2 * 3_600_000;
/// How old an event may be.
const MAX_AGE_MS: i64 = 14 * 86_400_000;

/// One event as sent.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct InputEvent {
    pub timestamp: i64,
    pub message: String,
}

/// `rejectedLogEventsInfo`, with AWS's field names; unset fields are left out.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RejectedInfo {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub too_new_log_event_start_index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub too_old_log_event_end_index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expired_log_event_end_index: Option<usize>,
}

impl RejectedInfo {
    pub fn is_empty(&self) -> bool {
        *self == RejectedInfo::default()
    }
}

/// A batch refused whole, as AWS's `InvalidParameterException` says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidBatch(pub String);

/// The events of a batch that are kept (indices into it, in order) and what was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub kept: std::ops::Range<usize>,
    pub rejected: RejectedInfo,
}

/// Checks a batch against the rules, at `now_ms`, for a group that keeps events
/// `retention_days` (none: for ever).
pub fn check_batch(
    events: &[InputEvent],
    now_ms: i64,
    retention_days: Option<i64>,
) -> Result<Checked, InvalidBatch> {
    if events.is_empty() {
        return Err(InvalidBatch(
            "1 validation error detected: Value '[]' at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1".into(),
        ));
    }
    if events.len() > MAX_EVENTS {
        return Err(InvalidBatch(format!(
            "1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to {MAX_EVENTS} (it has {})",
            events.len()
        )));
    }
    let bytes: usize = events
        .iter()
        .map(|e| e.message.len() + EVENT_OVERHEAD)
        .sum();
    if bytes > MAX_BATCH_BYTES {
        return Err(InvalidBatch(format!(
            "Upload too large: {bytes} bytes exceeds limit of {MAX_BATCH_BYTES}"
        )));
    }
    if let Some(i) = events.iter().position(|e| e.message.is_empty()) {
        return Err(InvalidBatch(format!(
            "1 validation error detected: Value '' at 'logEvents.{}.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1",
            i + 1
        )));
    }
    if events.windows(2).any(|w| w[1].timestamp < w[0].timestamp) {
        return Err(InvalidBatch(
            "Log events in a single PutLogEvents request must be in chronological order.".into(),
        ));
    }
    let (first, last) = (events[0].timestamp, events[events.len() - 1].timestamp);
    if last - first > MAX_SPAN_MS {
        return Err(InvalidBatch(
            "The batch of log events in a single PutLogEvents request cannot span more than 24 hours."
                .into(),
        ));
    }
    // In order, so the refused are a run at each end: too old (or expired) first, too new
    // last.
    let oldest = now_ms - MAX_AGE_MS;
    let retained = retention_days.map(|d| now_ms - d * 86_400_000);
    let newest = now_ms + MAX_AHEAD_MS;
    let mut rejected = RejectedInfo::default();
    let start = events.partition_point(|e| e.timestamp < oldest);
    if start > 0 {
        rejected.too_old_log_event_end_index = Some(start - 1);
    }
    let start = match retained {
        Some(retained) => {
            let expired = events.partition_point(|e| e.timestamp < retained);
            if expired > start {
                rejected.expired_log_event_end_index = Some(expired - 1);
            }
            expired.max(start)
        }
        None => start,
    };
    let end = events.partition_point(|e| e.timestamp <= newest);
    if end < events.len() {
        rejected.too_new_log_event_start_index = Some(end);
    }
    Ok(Checked {
        kept: start..end.max(start),
        rejected,
    })
}

/// A group or stream name CloudWatch accepts: groups 1-512 characters of
/// `[\.\-_/#A-Za-z0-9]`, streams 1-512 characters without `:` or `*`.
pub fn check_name(kind: NameKind, name: &str) -> Result<(), InvalidBatch> {
    let (field, ok) = match kind {
        NameKind::Group => (
            "logGroupName",
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-_/#".contains(c)),
        ),
        NameKind::Stream => ("logStreamName", !name.contains([':', '*'])),
    };
    if name.is_empty() || name.chars().count() > 512 || !ok {
        return Err(InvalidBatch(format!(
            "1 validation error detected: Value '{name}' at '{field}' failed to satisfy constraint: Member must satisfy regular expression pattern"
        )));
    }
    Ok(())
}

/// A change to the stand-in's log groups and streams, stored like any other write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryChange {
    Group {
        name: String,
        created_ms: i64,
    },
    Stream {
        group: String,
        name: String,
        created_ms: i64,
    },
    /// `PutRetentionPolicy` (days) or `DeleteRetentionPolicy` (`None`).
    Retention {
        group: String,
        days: Option<i64>,
    },
}

/// A log group as `DescribeLogGroups` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogGroup {
    pub name: String,
    pub created_ms: i64,
    pub retention_days: Option<i64>,
    pub streams: std::collections::BTreeMap<String, i64>,
}

/// The retention periods CloudWatch accepts (PutRetentionPolicy's `retentionInDays`).
pub const RETENTION_DAYS: &[i64] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

#[derive(Debug, Clone, Copy)]
pub enum NameKind {
    Group,
    Stream,
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000_000;

    fn at(timestamp: i64) -> InputEvent {
        InputEvent {
            timestamp,
            message: "x".into(),
        }
    }

    #[test]
    fn events_out_of_the_window_are_left_out_and_said_by_index() {
        let day = 86_400_000;
        let batch = [
            at(NOW - 15 * day),
            at(NOW - 15 * day + 1),
            at(NOW - 13 * day),
            at(NOW - 13 * day + 10),
            at(NOW),
            at(NOW + 3 * 3_600_000 - 14 * day),
        ];
        // Spans over a day: refused whole.
        assert!(check_batch(&batch, NOW, None).is_err());
        let batch = [
            at(NOW - 20 * 3_600_000),
            at(NOW),
            at(NOW + 2 * 3_600_000),
            at(NOW + 2 * 3_600_000 + 1),
        ];
        let checked = check_batch(&batch, NOW, None).unwrap();
        assert_eq!(checked.kept, 0..3);
        assert_eq!(checked.rejected.too_new_log_event_start_index, Some(3));
        // A retention of one day, and events older than that: expired.
        let hour = 3_600_000;
        let batch = [
            at(NOW - day - 10 * hour),
            at(NOW - day - 10 * hour + 1),
            at(NOW - 20 * hour),
        ];
        let checked = check_batch(&batch, NOW, Some(1)).unwrap();
        assert_eq!(checked.kept, 2..3);
        assert_eq!(checked.rejected.expired_log_event_end_index, Some(1));
        assert_eq!(
            serde_json::to_string(&checked.rejected).unwrap(),
            r#"{"expiredLogEventEndIndex":1}"#
        );
        let old = [at(NOW - 14 * day - 5), at(NOW - 14 * day + 5)];
        let checked = check_batch(&old, NOW, None).unwrap();
        assert_eq!(
            (checked.kept, checked.rejected.too_old_log_event_end_index),
            (1..2, Some(0))
        );
    }

    #[test]
    fn a_batch_breaking_a_rule_is_refused_whole() {
        let unsorted = [at(NOW), at(NOW - 1)];
        assert_eq!(
            check_batch(&unsorted, NOW, None).unwrap_err().0,
            "Log events in a single PutLogEvents request must be in chronological order."
        );
        let too_many: Vec<InputEvent> = (0..10_001).map(|_| at(NOW)).collect();
        assert!(check_batch(&too_many, NOW, None).is_err());
        assert!(check_batch(&too_many[..10_000], NOW, None).is_ok());
        // 1,048,576 bytes exactly is allowed; one more is not.
        let big = |extra: usize| InputEvent {
            timestamp: NOW,
            message: "m".repeat(MAX_BATCH_BYTES - EVENT_OVERHEAD + extra),
        };
        assert!(check_batch(&[big(0)], NOW, None).is_ok());
        assert_eq!(
            check_batch(&[big(1)], NOW, None).unwrap_err().0,
            "Upload too large: 1048577 bytes exceeds limit of 1048576"
        );
        assert!(check_batch(&[], NOW, None).is_err());
        assert!(check_name(NameKind::Group, "/app/backend-flask").is_ok());
        assert!(check_name(NameKind::Group, "bad name").is_err());
        assert!(check_name(NameKind::Stream, "a:b").is_err());
    }
}
