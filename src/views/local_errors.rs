//! The errors the Rollbar stand-in holds (`local errors`, `local error ID`), as the same
//! reports `rollbar items` and `rollbar item` give of Rollbar's own, so one renderer draws
//! both: items with their counts and first and last occurrence, and one item's occurrences
//! with the traceback, the request and the trace it names.

use jiff::Timestamp;
use serde_json::Value;

use super::rollbar::{ErrorMatch, ItemDetail, ItemRow, ItemsReport, OccurrenceRow};
use crate::clients::rollbar::Instance;
use crate::clients::store::{ErrorItem, ErrorsFilter, Store, StoreError, StoredError};
use crate::model::lookup::running_at;
use crate::model::span::SpanRecord;

/// Occurrences `local error` shows of an item at most.
pub const OCCURRENCES: usize = 5;

fn at(ns: i64) -> Option<Timestamp> {
    Timestamp::from_nanosecond(i128::from(ns)).ok()
}

fn item_row(item: &ErrorItem) -> ItemRow {
    ItemRow {
        counter: item.counter,
        id: item.counter,
        level: item.level.clone(),
        title: item.title.clone(),
        occurrences: Some(item.occurrences),
        first_seen: at(item.first_ns),
        last_seen: at(item.last_ns),
        environment: item.environment.clone(),
        status: "active".into(),
        // Nothing of the stand-in is on rollbar.com.
        link: None,
    }
}

/// One stored occurrence read as Rollbar's API gives an instance of an item.
fn occurrence(stored: &StoredError) -> OccurrenceRow {
    let instance = Instance {
        id: stored.id,
        item_id: Some(stored.item),
        timestamp: Some(stored.record.time_ns.div_euclid(1_000_000_000)),
        data: stored.record.data.clone(),
    };
    let mut row = OccurrenceRow::from(&instance);
    row.link = None;
    row.timestamp = at(stored.record.time_ns);
    // The trace the stand-in linked it to first (it looked at the same places).
    if let Some(trace) = &stored.record.trace_id
        && !row.trace_ids.contains(trace)
    {
        row.trace_ids.insert(0, trace.clone());
    }
    row
}

/// The items of a window, latest activity first, at most `limit`.
pub fn errors(
    store: &Store,
    filter: &ErrorsFilter,
    limit: usize,
) -> Result<ItemsReport, StoreError> {
    let items = store.error_items(filter)?;
    let truncated = items.len() > limit;
    Ok(ItemsReport {
        items: items.iter().take(limit).map(item_row).collect(),
        truncated,
    })
}

/// One error by its item number (`3`, `#3`) or an occurrence's uuid: the item, and its
/// latest occurrences (the one asked for first). `None` when the store holds neither.
pub fn error(store: &Store, id: &str) -> Result<Option<ItemDetail>, StoreError> {
    let id = id.trim();
    let (counter, first) = match id.trim_start_matches('#').parse::<i64>() {
        Ok(counter) => (counter, None),
        Err(_) => match store.error_by_uuid(id)? {
            Some(stored) => (stored.item, Some(stored)),
            None => return Ok(None),
        },
    };
    let (latest, total, first_ns) = store.item_occurrences(counter, OCCURRENCES)?;
    let Some(newest) = latest.first() else {
        return Ok(None);
    };
    let mut shown: Vec<&StoredError> = Vec::new();
    if let Some(first) = &first {
        shown.push(first);
    }
    shown.extend(
        latest
            .iter()
            .filter(|o| first.as_ref().is_none_or(|f| f.id != o.id))
            .take(OCCURRENCES - shown.len()),
    );
    let item = ErrorItem {
        counter,
        occurrences: total,
        first_ns,
        last_ns: newest.record.time_ns,
        environment: newest.record.environment.clone(),
        level: newest.record.level.clone(),
        title: newest.record.title.clone(),
    };
    Ok(Some(ItemDetail {
        item: item_row(&item),
        link: None,
        occurrences: shown.into_iter().map(occurrence).collect(),
    }))
}

/// The occurrences that name a trace, as `tracectl trace` and `local trace` list them, each
/// marked on the span it names, else on the span of `spans` that was running when the
/// stand-in received it (pyrollbar reports while the request runs; its own timestamp has
/// whole seconds only).
pub fn trace_errors(
    store: &Store,
    trace_id: &str,
    spans: &[SpanRecord],
) -> Result<Vec<ErrorMatch>, StoreError> {
    Ok(store
        .errors_of_trace(trace_id)?
        .into_iter()
        .map(|stored| {
            let exception = stored.record.exception_class.as_ref().map(|class| {
                match &stored.record.exception_message {
                    Some(m) if !m.is_empty() => format!("{class}: {m}"),
                    _ => class.clone(),
                }
            });
            ErrorMatch {
                counter: stored.item,
                title: stored.record.title.clone(),
                occurrence_id: stored.id,
                timestamp: at(stored.record.time_ns),
                exception: exception.or_else(|| {
                    stored
                        .record
                        .data
                        .pointer("/body/message/body")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                }),
                link: None,
                span_id: stored
                    .record
                    .span_id
                    .clone()
                    .filter(|id| spans.iter().any(|s| &s.span_id == id))
                    .or_else(|| {
                        running_at(spans, stored.record.received_ns, 0).map(|s| s.span_id.clone())
                    }),
            }
        })
        .collect())
}
