//! Rollbar's errors read back (a project token with `read` scope): the items of a window
//! (`rollbar items`) and one item with its latest occurrences (`rollbar item`) — the
//! exception and its frames, the request, and the trace ids it carries.

use jiff::Timestamp;
use serde::Serialize;
use serde_json::Value;

use crate::clients::rollbar::{Instance, ItemRecord, ItemsFilter, RollbarClient, RollbarError};
use crate::model::local_error::{MASKED, SECRET_HEADERS};
use crate::model::lookup::trace_ids_in;

/// Pages of items read at most (100 items each): a bound on a project with a long history.
const MAX_PAGES: u32 = 10;

/// Which items.
#[derive(Debug, Clone, Default)]
pub struct ItemsRequest {
    pub filter: ItemsFilter,
    /// Only items with an occurrence at or after this.
    pub since: Option<Timestamp>,
    pub limit: usize,
}

/// One item, as `rollbar items` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ItemRow {
    /// The project's number for it (`#42`).
    pub counter: i64,
    pub id: i64,
    pub level: String,
    pub title: String,
    pub occurrences: Option<i64>,
    pub first_seen: Option<Timestamp>,
    pub last_seen: Option<Timestamp>,
    pub environment: String,
    pub status: String,
    /// The item in Rollbar's UI (`https://rollbar.com/project/{project}/item/{counter}/`,
    /// the form Rollbar's API docs give), when the API names the project.
    pub link: Option<String>,
}

impl From<&ItemRecord> for ItemRow {
    fn from(i: &ItemRecord) -> Self {
        let at = |s: Option<i64>| s.and_then(|s| Timestamp::from_second(s).ok());
        ItemRow {
            counter: i.counter,
            id: i.id,
            level: level_name(&i.level),
            title: i.title.clone(),
            occurrences: i.total_occurrences,
            first_seen: at(i.first_occurrence_timestamp),
            last_seen: at(i.last_occurrence_timestamp),
            environment: i.environment.clone(),
            status: i.status.clone(),
            link: i
                .project_id
                .map(|p| format!("https://rollbar.com/project/{p}/item/{}/", i.counter)),
        }
    }
}

/// Rollbar gives levels as names or as its numbers (10 debug .. 50 critical).
fn level_name(level: &Value) -> String {
    match level {
        Value::String(name) => name.clone(),
        Value::Number(n) => match n.as_i64() {
            Some(10) => "debug",
            Some(20) => "info",
            Some(30) => "warning",
            Some(40) => "error",
            Some(50) => "critical",
            _ => "unknown",
        }
        .to_string(),
        _ => String::new(),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ItemsReport {
    /// Newest activity first.
    pub items: Vec<ItemRow>,
    /// More items matched than were read (the limit, or the page bound): narrow the window.
    pub truncated: bool,
}

/// The items of `request`, newest activity first, every page within the limit.
pub async fn items(
    client: &RollbarClient,
    request: &ItemsRequest,
) -> Result<ItemsReport, RollbarError> {
    let mut rows: Vec<ItemRow> = Vec::new();
    let mut truncated = false;
    for page in 1..=MAX_PAGES {
        let answer = client.items(&request.filter, page).await?;
        let count = answer.items.len();
        rows.extend(answer.items.iter().map(ItemRow::from).filter(|row| {
            request
                .since
                .is_none_or(|since| row.last_seen >= Some(since))
        }));
        // A short page is the last one.
        if count < 100 {
            break;
        }
        if page == MAX_PAGES || rows.len() > request.limit {
            truncated = true;
            break;
        }
    }
    rows.sort_by(|a, b| {
        b.last_seen
            .cmp(&a.last_seen)
            .then(b.counter.cmp(&a.counter))
    });
    if rows.len() > request.limit {
        rows.truncate(request.limit);
        truncated = true;
    }
    Ok(ItemsReport {
        items: rows,
        truncated,
    })
}

/// One frame of an exception's stack.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FrameRow {
    pub filename: String,
    pub lineno: Option<i64>,
    pub method: Option<String>,
    pub code: Option<String>,
}

/// The request an occurrence happened in; secret headers masked.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RequestRow {
    pub method: Option<String>,
    pub url: Option<String>,
    pub headers: Vec<(String, String)>,
}

/// One occurrence.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct OccurrenceRow {
    pub id: i64,
    pub timestamp: Option<Timestamp>,
    pub uuid: Option<String>,
    /// The occurrence in Rollbar's UI (by its uuid).
    pub link: Option<String>,
    /// `ValueError: boom`, or the message of a message item.
    pub exception: Option<String>,
    /// Most recent call last, as Rollbar shows them.
    pub frames: Vec<FrameRow>,
    pub request: Option<RequestRow>,
    pub server: Option<String>,
    #[schemars(with = "Option<serde_json::Map<String, Value>>")]
    pub person: Option<Value>,
    #[schemars(with = "Option<serde_json::Map<String, Value>>")]
    pub custom: Option<Value>,
    pub code_version: Option<String>,
    /// W3C trace ids found in its `traceparent` / `X-Amzn-Trace-Id` headers or custom data.
    pub trace_ids: Vec<String>,
}

impl From<&Instance> for OccurrenceRow {
    fn from(i: &Instance) -> Self {
        let data = &i.data;
        let text = |v: &Value| v.as_str().map(str::to_string);
        let trace = data.pointer("/body/trace");
        let exception = trace
            .and_then(|t| t.get("exception"))
            .map(|e| {
                let class = e.get("class").and_then(Value::as_str).unwrap_or("Error");
                match e.get("message").and_then(Value::as_str) {
                    Some(m) if !m.is_empty() => format!("{class}: {m}"),
                    _ => class.to_string(),
                }
            })
            .or_else(|| data.pointer("/body/message/body").and_then(text));
        let frames = trace
            .and_then(|t| t.get("frames"))
            .and_then(Value::as_array)
            .map(|frames| {
                frames
                    .iter()
                    .map(|f| FrameRow {
                        filename: f
                            .get("filename")
                            .and_then(Value::as_str)
                            .unwrap_or("?")
                            .to_string(),
                        lineno: f.get("lineno").and_then(Value::as_i64),
                        method: f.get("method").and_then(text),
                        code: f.get("code").and_then(text),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let request = data.get("request").filter(|r| r.is_object()).map(|r| {
            let mut headers: Vec<(String, String)> = r
                .get("headers")
                .and_then(Value::as_object)
                .map(|h| {
                    h.iter()
                        .map(|(k, v)| {
                            let value = if SECRET_HEADERS.contains(&k.to_ascii_lowercase().as_str())
                            {
                                MASKED.to_string()
                            } else {
                                v.as_str().map_or_else(|| v.to_string(), str::to_string)
                            };
                            (k.clone(), value)
                        })
                        .collect()
                })
                .unwrap_or_default();
            headers.sort();
            RequestRow {
                method: r.get("method").and_then(text),
                url: r.get("url").and_then(text),
                headers,
            }
        });
        let uuid = data.get("uuid").and_then(text);
        let empty = Value::Null;
        let headers = data.pointer("/request/headers").unwrap_or(&empty);
        let custom = data.get("custom").filter(|c| !c.is_null());
        OccurrenceRow {
            id: i.id,
            timestamp: i.timestamp.and_then(|s| Timestamp::from_second(s).ok()),
            link: uuid
                .as_ref()
                .map(|u| format!("https://rollbar.com/occurrence/uuid/?uuid={u}")),
            uuid,
            exception,
            frames,
            request,
            server: data.pointer("/server/host").and_then(text),
            person: data.get("person").filter(|p| !p.is_null()).cloned(),
            custom: custom.cloned(),
            code_version: data
                .get("code_version")
                .and_then(text)
                .or_else(|| data.pointer("/server/code_version").and_then(text)),
            trace_ids: trace_ids_in(headers, custom.unwrap_or(&empty))
                .iter()
                .map(|t| t.w3c())
                .collect(),
        }
    }
}

/// One item and its latest occurrences.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ItemDetail {
    pub item: ItemRow,
    /// The item in Rollbar's UI, by its latest occurrence's uuid.
    pub link: Option<String>,
    /// Newest first.
    pub occurrences: Vec<OccurrenceRow>,
}

/// The item of project counter `counter` with its `occurrences` latest occurrences (one
/// page of 20 at most).
pub async fn item(
    client: &RollbarClient,
    counter: i64,
    occurrences: usize,
) -> Result<ItemDetail, RollbarError> {
    let record = client.item_by_counter(counter).await?;
    let instances = client.instances(record.id, 1).await?;
    let occurrences: Vec<OccurrenceRow> = instances
        .iter()
        .take(occurrences)
        .map(OccurrenceRow::from)
        .collect();
    Ok(ItemDetail {
        link: occurrences
            .first()
            .and_then(|o| o.uuid.as_ref())
            .map(|u| format!("https://rollbar.com/item/uuid/?uuid={u}")),
        item: ItemRow::from(&record),
        occurrences,
    })
}

/// How often `rollbar trigger --wait` asks whether Rollbar has processed what was sent.
const PROCESSING_POLL: std::time::Duration = std::time::Duration::from_secs(1);

/// Occurrences an item's page holds at most (the API's page of instances).
const INSTANCES_PAGE: usize = 20;

/// Waits until Rollbar has filed each of `uuids` (sent to `environment` at `level` with
/// item title `title`) under an item, or until `deadline`: the counter of each found. Asks
/// the items list (newest activity first, one page) and the matching items' newest
/// occurrences, once a second; nothing is created.
pub async fn wait_for_items(
    client: &RollbarClient,
    filter: &ItemsFilter,
    title: &str,
    uuids: &[String],
    deadline: std::time::Instant,
) -> Result<std::collections::HashMap<String, i64>, RollbarError> {
    let mut found = std::collections::HashMap::new();
    loop {
        let page = client.items(filter, 1).await?;
        for item in page.items.iter().filter(|i| i.title == title) {
            // The newest pages are enough: what was just sent is newest.
            let pages = uuids.len().div_ceil(INSTANCES_PAGE).max(1) as u32;
            for n in 1..=pages {
                let instances = client.instances(item.id, n).await?;
                for instance in &instances {
                    if let Some(uuid) = instance.data.get("uuid").and_then(Value::as_str)
                        && uuids.iter().any(|u| u == uuid)
                    {
                        found.insert(uuid.to_string(), item.counter);
                    }
                }
                if instances.len() < INSTANCES_PAGE {
                    break;
                }
            }
        }
        if found.len() == uuids.len() || std::time::Instant::now() + PROCESSING_POLL >= deadline {
            return Ok(found);
        }
        tokio::time::sleep(PROCESSING_POLL).await;
    }
}

/// The [`TRACE_ITEMS`] most recently active items (of those active since `since`), newest
/// first, from one page of the list; and whether more were active than are given.
async fn newest_items(
    client: &RollbarClient,
    since: Option<Timestamp>,
) -> Result<(Vec<ItemRecord>, bool), RollbarError> {
    let page = client.items(&ItemsFilter::default(), 1).await?;
    let listed = page.items.len();
    let mut active: Vec<ItemRecord> = page
        .items
        .into_iter()
        .filter(|i| {
            since.is_none_or(|since| {
                i.last_occurrence_timestamp
                    .is_some_and(|s| s >= since.as_second())
            })
        })
        .collect();
    active.sort_by_key(|i| std::cmp::Reverse(i.last_occurrence_timestamp));
    let cut_short = active.len() > TRACE_ITEMS || listed >= 100;
    active.truncate(TRACE_ITEMS);
    Ok((active, cut_short))
}

/// The item of the occurrence with `uuid` (what `rollbar trigger` and the SDKs print):
/// Rollbar's read API finds items by counter only, so the newest [`TRACE_ITEMS`] items'
/// latest occurrences are searched; `None` when it is not among them.
pub async fn item_by_uuid(
    client: &RollbarClient,
    uuid: &str,
    occurrences: usize,
) -> Result<Option<ItemDetail>, RollbarError> {
    let (newest, _) = newest_items(client, None).await?;
    for record in &newest {
        let instances = client.instances(record.id, 1).await?;
        let Some(at) = instances
            .iter()
            .position(|i| i.data.get("uuid").and_then(Value::as_str) == Some(uuid))
        else {
            continue;
        };
        // The occurrence asked for first, then the item's latest others.
        let mut rows = vec![OccurrenceRow::from(&instances[at])];
        rows.extend(
            instances
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != at)
                .map(|(_, instance)| OccurrenceRow::from(instance))
                .take(occurrences.saturating_sub(1)),
        );
        return Ok(Some(ItemDetail {
            link: Some(format!("https://rollbar.com/item/uuid/?uuid={uuid}")),
            item: ItemRow::from(record),
            occurrences: rows,
        }));
    }
    Ok(None)
}

/// An occurrence that carries a trace id (`tracectl trace ID`'s Rollbar line).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ErrorMatch {
    pub counter: i64,
    pub title: String,
    pub occurrence_id: i64,
    pub timestamp: Option<Timestamp>,
    pub exception: Option<String>,
    pub link: Option<String>,
    /// The span it was reported from, when the report names one (the local stand-in's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span_id: Option<String>,
}

/// The occurrences of one trace, and whether the bound cut the search short.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceErrors {
    pub matches: Vec<ErrorMatch>,
    /// Items looked at.
    pub items_searched: usize,
    /// More items were active since `since` than were looked at.
    pub cut_short: bool,
}

/// Items looked into for one trace at most (one page of 20 occurrences each).
const TRACE_ITEMS: usize = 20;

/// The occurrences, among the newest of the items active since `since`, whose request
/// headers or custom data carry `id`: at most [`TRACE_ITEMS`] items, one page each.
pub async fn trace_errors(
    client: &RollbarClient,
    id: &crate::model::trace::TraceId,
    since: Timestamp,
) -> Result<TraceErrors, RollbarError> {
    let (active, cut_short) = newest_items(client, Some(since)).await?;
    let w3c = id.w3c();
    let mut matches = Vec::new();
    for item in &active {
        for instance in client.instances(item.id, 1).await? {
            let row = OccurrenceRow::from(&instance);
            if row.trace_ids.contains(&w3c) {
                matches.push(ErrorMatch {
                    counter: item.counter,
                    title: item.title.clone(),
                    occurrence_id: row.id,
                    timestamp: row.timestamp,
                    exception: row.exception,
                    link: row.link,
                    span_id: None,
                });
            }
        }
    }
    matches.sort_by_key(|m| m.timestamp);
    Ok(TraceErrors {
        matches,
        items_searched: active.len(),
        cut_short,
    })
}
