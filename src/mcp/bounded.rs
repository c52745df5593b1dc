//! Bounded answers: a report whose JSON is larger than `max_bytes` is cut at a record
//! boundary, says how many records it left out, and carries a cursor that continues
//! exactly where it stopped — no record lost or given twice.

use jiff::Timestamp;
use serde_json::{Value, json};

use crate::error::{Error, Result};

/// An answer's JSON, and what to tell the agent when it was cut.
pub struct Page {
    pub value: Value,
    pub note: Option<String>,
}

/// Where a listing continues: `w<end ns>.o<offset>` (a window's listing, its window's end
/// kept so that every page lists the same traces) or `l<arrival number>.o<offset>` (log
/// lines in time order among those committed up to that line when the walk began, so
/// lines written meanwhile neither shift the pages nor are given twice), or
/// `c<end ms>.<from ms>.o<skip>` (CloudWatch events of a window up to its end, from the
/// millisecond of the last event given, past the `skip` events of that millisecond that
/// were given: no rescan of what came before, nothing given twice).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub window_end: Option<Timestamp>,
    pub offset: usize,
    pub upto: Option<i64>,
    /// CloudWatch events: the window's end and where to go on from, epoch ms.
    pub events: Option<EventsFrom>,
}

/// Where a walk over CloudWatch events goes on: `[from_ms, end_ms]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventsFrom {
    pub end_ms: i64,
    pub from_ms: i64,
}

impl Cursor {
    pub fn parse(text: Option<&str>) -> Result<Cursor> {
        let Some(text) = text else {
            return Ok(Cursor::default());
        };
        let bad = || {
            Error::usage(format!("cursor: {text:?} is not a cursor this server gave")).with_hint(
                "pass the `cursor` of the previous answer as it is, or none to start over",
            )
        };
        if let Some((upto, offset)) = text.strip_prefix('l').and_then(|r| r.split_once(".o")) {
            return Ok(Cursor {
                upto: Some(upto.parse().map_err(|_| bad())?),
                offset: offset.parse().map_err(|_| bad())?,
                ..Cursor::default()
            });
        }
        if let Some((range, skip)) = text.strip_prefix('c').and_then(|r| r.split_once(".o")) {
            let (end, from) = range.split_once('.').ok_or_else(bad)?;
            let (end_ms, from_ms) = (
                end.parse().map_err(|_| bad())?,
                from.parse().map_err(|_| bad())?,
            );
            if from_ms > end_ms {
                return Err(bad());
            }
            return Ok(Cursor {
                offset: skip.parse().map_err(|_| bad())?,
                events: Some(EventsFrom { end_ms, from_ms }),
                ..Cursor::default()
            });
        }
        let (end, offset) = text
            .strip_prefix('w')
            .and_then(|rest| rest.split_once(".o"))
            .ok_or_else(bad)?;
        let end = end.parse::<i128>().map_err(|_| bad())?;
        Ok(Cursor {
            window_end: Some(Timestamp::from_nanosecond(end).map_err(|_| bad())?),
            offset: offset.parse().map_err(|_| bad())?,
            ..Cursor::default()
        })
    }

    /// The cursor of a window's listing at `offset`.
    pub fn offset_in(window_end: Timestamp, offset: usize) -> String {
        format!("w{}.o{offset}", window_end.as_nanosecond())
    }

    /// The cursor of a walk over CloudWatch events up to `end_ms`, going on at `from_ms`
    /// past the first `skip` events of that millisecond.
    pub fn events_from(end_ms: i64, from_ms: i64, skip: usize) -> String {
        format!("c{end_ms}.{from_ms}.o{skip}")
    }

    /// The cursor of a walk over the log lines committed up to `upto`, at `offset`.
    pub fn lines_at(upto: i64, offset: usize) -> String {
        format!("l{upto}.o{offset}")
    }
}

fn size(value: &Value) -> usize {
    serde_json::to_vec(value).map_or(usize::MAX, |v| v.len())
}

/// `value` with its array `field` given from `offset` for as many records as fit in
/// `max_bytes` (at least one, so that every call moves on); when records are left, the
/// answer says so in `truncated` and `cursor`.
pub fn bound(
    mut value: Value,
    field: &str,
    offset: usize,
    max_bytes: usize,
    cursor_at: impl Fn(usize) -> String,
) -> Result<Page> {
    let records = match value.get_mut(field).map(Value::take) {
        Some(Value::Array(records)) => records,
        _ => Vec::new(),
    };
    let total = records.len();
    value[field] = json!([]);
    value["truncated"] = json!(false);
    value["cursor"] = Value::Null;
    // Room for the truncation note and the cursor, whatever their values will be.
    let mut used = size(&value) + 96;
    let mut given = Vec::new();
    for record in records.into_iter().skip(offset) {
        let weight = size(&record) + 1;
        if !given.is_empty() && used + weight > max_bytes {
            break;
        }
        used += weight;
        given.push(record);
    }
    let next = offset + given.len();
    let left = total.saturating_sub(next);
    value[field] = Value::Array(given);
    if left == 0 {
        return Ok(Page { value, note: None });
    }
    let cursor = cursor_at(next);
    value["truncated"] = json!(true);
    value["cursor"] = json!(cursor);
    Ok(Page {
        note: Some(format!(
            "{left} of {total} {field} were left out to keep the answer under {max_bytes} bytes: call again with cursor \"{cursor}\" for the rest"
        )),
        value,
    })
}

/// A report given whole, or refused when it is larger than `max_bytes` (never cut where
/// it has no records to cut between).
pub fn whole(value: Value, max_bytes: usize) -> Result<Page> {
    let bytes = size(&value);
    if bytes > max_bytes {
        return Err(Error::failure(format!(
            "the answer is {bytes} bytes of JSON, more than max_bytes ({max_bytes})"
        ))
        .with_hint(format!("call again with max_bytes of at least {bytes}")));
    }
    Ok(Page { value, note: None })
}

/// Log lines, as many as fit (at least one); when any are left (`more`: the read stopped
/// short), the cursor `cursor_at(lines given)` continues after the last one given.
pub fn lines(
    rows: Vec<Value>,
    more: bool,
    max_bytes: usize,
    cursor_at: impl Fn(usize) -> String,
) -> Result<Page> {
    let mut used = 96;
    let mut given = Vec::new();
    let mut cut = more;
    for row in rows {
        let weight = size(&row) + 1;
        if !given.is_empty() && used + weight > max_bytes {
            cut = true;
            break;
        }
        used += weight;
        given.push(row);
    }
    let cursor = cut.then(|| cursor_at(given.len()));
    let note = cursor
        .as_ref()
        .map(|c| format!("more lines match: call again with cursor \"{c}\" for the next ones"));
    Ok(Page {
        value: json!({ "lines": given, "truncated": cut, "cursor": cursor }),
        note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_walks_a_listing_to_its_end_with_nothing_lost_or_repeated() {
        let records: Vec<Value> = (0..100)
            .map(|i| json!({"id": i, "pad": "x".repeat(50)}))
            .collect();
        let report = json!({"summary": {"traces": 100}, "traces": records});
        let end = Timestamp::from_second(1_764_600_000).unwrap();
        let mut seen = Vec::new();
        let mut offset = 0;
        let mut pages = 0;
        loop {
            let page = bound(report.clone(), "traces", offset, 1_000, |n| {
                Cursor::offset_in(end, n)
            })
            .unwrap();
            assert!(size(&page.value) <= 1_000, "{}", size(&page.value));
            assert_eq!(
                page.value["summary"]["traces"], 100,
                "the summary is in every page"
            );
            seen.extend(
                page.value["traces"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t["id"].as_i64().unwrap()),
            );
            pages += 1;
            match page.value["cursor"].as_str() {
                Some(c) => {
                    let cursor = Cursor::parse(Some(c)).unwrap();
                    assert_eq!(cursor.window_end, Some(end));
                    assert!(page.note.unwrap().contains(&format!(
                        "{} of 100 traces were left out",
                        100 - cursor.offset
                    )));
                    offset = cursor.offset;
                }
                None => break,
            }
        }
        assert_eq!(seen, (0..100).collect::<Vec<_>>());
        assert!(pages > 5, "{pages}");
    }

    #[test]
    fn bad_cursors_and_oversized_answers_are_errors_with_hints() {
        for bad in [
            "", "x", "w12", "w1.ox", "l-.o1", "l1.o", "wnope.o1", "c1.o1", "c5.9.o0", "c1.2.ox",
        ] {
            let e = Cursor::parse(Some(bad)).unwrap_err();
            assert!(e.message().starts_with("cursor:"), "{bad}");
            assert_eq!(e.exit_code(), 2);
        }
        let e = whole(json!({"a": "x".repeat(100)}), 50).err().unwrap();
        assert_eq!(e.hints(), ["call again with max_bytes of at least 108"]);
    }

    #[test]
    fn log_lines_continue_after_the_last_one_given() {
        let rows: Vec<Value> = (1..=10)
            .map(|_| json!({"message": "y".repeat(40)}))
            .collect();
        let page = lines(rows, false, 300, |n| Cursor::lines_at(42, 20 + n)).unwrap();
        let given = page.value["lines"].as_array().unwrap().len();
        assert!(given < 10 && given > 0);
        assert_eq!(page.value["cursor"], format!("l42.o{}", 20 + given));
        let cursor = Cursor::parse(page.value["cursor"].as_str()).unwrap();
        assert_eq!((cursor.upto, cursor.offset), (Some(42), 20 + given));
        let c = Cursor::parse(Some(&Cursor::events_from(9_000, 8_000, 3))).unwrap();
        assert_eq!(
            (c.events, c.offset),
            (
                Some(EventsFrom {
                    end_ms: 9_000,
                    from_ms: 8_000
                }),
                3
            )
        );
        let all = lines(vec![json!(1)], false, 300, |_| unreachable!()).unwrap();
        assert_eq!(all.value["cursor"], Value::Null);
    }
}
