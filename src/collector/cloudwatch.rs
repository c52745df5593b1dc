//! A CloudWatch Logs stand-in for apps that log with Watchtower (boto3): the operations
//! boto3 and Watchtower call, in the AWS JSON 1.1 protocol (`X-Amz-Target:
//! Logs_20140328.<Operation>`), answered with AWS's shapes and keeping AWS's rules (see
//! `model::cloudwatch`), so an app that logs fine here logs fine against AWS.
//!
//! Signatures are not checked: it listens on loopback by default, and any credentials do.
//! Log groups and streams are stored like everything else, so they outlive a restart; an
//! acknowledged PutLogEvents is committed. When the writer is behind the answer is
//! CloudWatch's own `ThrottlingException`, which boto3 retries.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::Mutex;
use tokio::time::Instant;

use super::admission::ADMISSION_WAIT;
use super::otlp::{Unreadable, read_body};
use super::{Collector, Counters, NotStored, Records};
use crate::model::cloudwatch::{
    InputEvent, LogGroup, NameKind, RETENTION_DAYS, RegistryChange, check_batch, check_name,
};
use crate::model::local_log::{LogRecord, LogSource, ids_in_message};

/// The target prefix of every operation of the CloudWatch Logs API.
const TARGET_PREFIX: &str = "Logs_20140328.";
/// The account and region the ARNs name (any credentials are taken, so there is no real one).
const ACCOUNT: &str = "000000000000";
/// Groups or streams one Describe answer lists at most (the API's limit).
const DESCRIBE_LIMIT: usize = 50;

/// The log groups and streams, shared by the requests; written through to the store.
#[derive(Clone)]
pub struct Registry(Arc<Mutex<BTreeMap<String, LogGroup>>>);

impl Registry {
    pub fn new(groups: BTreeMap<String, LogGroup>) -> Self {
        Self(Arc::new(Mutex::new(groups)))
    }
}

#[derive(Clone)]
struct Stand {
    collector: Collector,
    registry: Registry,
}

/// The endpoint: every operation is a POST to `/`.
pub fn router(collector: Collector, registry: Registry) -> Router {
    Router::new().route("/", post(operation)).with_state(Stand {
        collector,
        registry,
    })
}

/// An answer in AWS's error shape (HTTP 400 unless said otherwise).
struct AwsError {
    status: StatusCode,
    kind: &'static str,
    message: String,
}

fn aws_error(kind: &'static str, message: impl Into<String>) -> AwsError {
    AwsError {
        status: StatusCode::BAD_REQUEST,
        kind,
        message: message.into(),
    }
}

fn invalid(message: impl Into<String>) -> AwsError {
    aws_error("InvalidParameterException", message)
}

fn throttled() -> AwsError {
    aws_error("ThrottlingException", "Rate exceeded")
}

fn group_missing() -> AwsError {
    aws_error(
        "ResourceNotFoundException",
        "The specified log group does not exist.",
    )
}

fn amz_json(status: StatusCode, body: Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-amz-json-1.1"),
    );
    if let Ok(id) = HeaderValue::from_str(&uuid::Uuid::new_v4().to_string()) {
        headers.insert("x-amzn-requestid", id);
    }
    response
}

impl IntoResponse for AwsError {
    fn into_response(self) -> Response {
        amz_json(
            self.status,
            json!({"__type": self.kind, "message": self.message}),
        )
    }
}

async fn operation(
    State(stand): State<Stand>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    let target = headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let Some(name) = target.strip_prefix(TARGET_PREFIX) else {
        return aws_error("UnknownOperationException", "").into_response();
    };
    let name = name.to_string();
    let declared: usize = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.trim().parse().ok())
        .unwrap_or(0);
    let until = Instant::now() + ADMISSION_WAIT;
    let collector = &stand.collector;
    let Some(mut admission) = collector.budget.admit(declared, until).await else {
        Counters::add(&collector.counters.deferred, 1);
        return throttled().into_response();
    };
    let bytes = match read_body(body, &mut admission, until).await {
        Ok(bytes) => bytes,
        Err(Unreadable::Busy) => {
            Counters::add(&collector.counters.deferred, 1);
            return throttled().into_response();
        }
        Err(Unreadable::TooLarge) => {
            return refused(
                collector,
                AwsError {
                    status: StatusCode::PAYLOAD_TOO_LARGE,
                    kind: "SerializationException",
                    message: "the request body is too large".into(),
                },
            );
        }
        Err(Unreadable::Slow(_) | Unreadable::BrokeOff(_)) => {
            return refused(collector, invalid("the request body did not arrive whole"));
        }
    };
    // Each operation reads the body straight into its own shape (a batch of 10,000 events
    // is parsed once, with no tree of values in between).
    let answer = match name.as_str() {
        "CreateLogGroup" => create_group(&stand, &bytes).await,
        "CreateLogStream" => create_stream(&stand, &bytes).await,
        "DescribeLogGroups" => describe_groups(&stand, &bytes).await,
        "DescribeLogStreams" => describe_streams(&stand, &bytes).await,
        "PutRetentionPolicy" => retention(&stand, &bytes, true).await,
        "DeleteRetentionPolicy" => retention(&stand, &bytes, false).await,
        "PutLogEvents" => put_events(&stand, bytes, admission).await,
        _ => Err(aws_error(
            "UnknownOperationException",
            format!("tracectl's CloudWatch Logs stand-in does not implement {name}"),
        )),
    };
    match answer {
        Ok(body) => amz_json(StatusCode::OK, body),
        Err(e) if e.kind == "ThrottlingException" => e.into_response(),
        Err(e) => refused(collector, e),
    }
}

/// Says a refusal (with -v) and answers it.
fn refused(collector: &Collector, e: AwsError) -> Response {
    collector.refused("CloudWatch Logs", format!("{}: {}", e.kind, e.message));
    e.into_response()
}

/// Reads an operation's input into its shape: a body that is not JSON is AWS's
/// `SerializationException`, a missing or mistyped field its `InvalidParameterException`.
fn input<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Result<T, AwsError> {
    serde_json::from_slice(body).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => invalid(format!("the request is not valid: {e}")),
        _ => aws_error(
            "SerializationException",
            format!("the body is not JSON: {e}"),
        ),
    })
}

/// Commits registry changes; the writer being behind is CloudWatch's throttling.
async fn commit(collector: &Collector, records: Records) -> Result<(), AwsError> {
    collector
        .commit(records, None)
        .await
        .map_err(|NotStored(_)| {
            Counters::add(&collector.counters.deferred, 1);
            throttled()
        })
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GroupInput {
    log_group_name: String,
}

async fn create_group(stand: &Stand, body: &[u8]) -> Result<Value, AwsError> {
    let GroupInput { log_group_name } = input(body)?;
    check_name(NameKind::Group, &log_group_name).map_err(|e| invalid(e.0))?;
    // Held across the commit: two creations of one group cannot both succeed.
    let mut groups = stand.registry.0.lock().await;
    if groups.contains_key(&log_group_name) {
        return Err(aws_error(
            "ResourceAlreadyExistsException",
            "The specified log group already exists",
        ));
    }
    let created_ms = now_ms();
    commit(
        &stand.collector,
        Records::Registry(vec![RegistryChange::Group {
            name: log_group_name.clone(),
            created_ms,
        }]),
    )
    .await?;
    groups.insert(
        log_group_name.clone(),
        LogGroup {
            name: log_group_name,
            created_ms,
            retention_days: None,
            streams: BTreeMap::new(),
        },
    );
    Ok(json!({}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StreamInput {
    log_group_name: String,
    log_stream_name: String,
}

async fn create_stream(stand: &Stand, body: &[u8]) -> Result<Value, AwsError> {
    let StreamInput {
        log_group_name,
        log_stream_name,
    } = input(body)?;
    check_name(NameKind::Stream, &log_stream_name).map_err(|e| invalid(e.0))?;
    let mut groups = stand.registry.0.lock().await;
    let group = groups.get_mut(&log_group_name).ok_or_else(group_missing)?;
    if group.streams.contains_key(&log_stream_name) {
        return Err(aws_error(
            "ResourceAlreadyExistsException",
            "The specified log stream already exists",
        ));
    }
    let created_ms = now_ms();
    commit(
        &stand.collector,
        Records::Registry(vec![RegistryChange::Stream {
            group: log_group_name,
            name: log_stream_name.clone(),
            created_ms,
        }]),
    )
    .await?;
    group.streams.insert(log_stream_name, created_ms);
    Ok(json!({}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DescribeInput {
    log_group_name: Option<String>,
    log_group_name_prefix: Option<String>,
    log_stream_name_prefix: Option<String>,
    limit: Option<usize>,
    next_token: Option<String>,
    #[serde(default)]
    descending: bool,
}

/// A page of names after `next_token`, at most `limit` (1..=50): the page and the token
/// of the next one. `names` come in the order asked for; `descending` pages go down from
/// the token.
fn page<'a>(
    names: impl Iterator<Item = &'a String>,
    prefix: Option<&str>,
    next_token: Option<&str>,
    limit: Option<usize>,
    descending: bool,
) -> Result<(Vec<&'a String>, Option<String>), AwsError> {
    let limit = limit.unwrap_or(DESCRIBE_LIMIT);
    if !(1..=DESCRIBE_LIMIT).contains(&limit) {
        return Err(invalid(format!(
            "1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to {DESCRIBE_LIMIT}"
        )));
    }
    let past = |name: &str, token: &str| {
        if descending {
            name < token
        } else {
            name > token
        }
    };
    let mut matching = names
        .filter(|n| prefix.is_none_or(|p| n.starts_with(p)))
        .filter(|n| next_token.is_none_or(|token| past(n, token)));
    let shown: Vec<&String> = matching.by_ref().take(limit).collect();
    let next = matching
        .next()
        .and(shown.last().map(|last| last.to_string()));
    Ok((shown, next))
}

fn group_arn(name: &str) -> String {
    format!("arn:aws:logs:us-east-1:{ACCOUNT}:log-group:{name}")
}

async fn describe_groups(stand: &Stand, body: &[u8]) -> Result<Value, AwsError> {
    let request: DescribeInput = input(body)?;
    let groups = stand.registry.0.lock().await;
    let (shown, next) = page(
        groups.keys(),
        request.log_group_name_prefix.as_deref(),
        request.next_token.as_deref(),
        request.limit,
        false,
    )?;
    let listed: Vec<Value> = shown
        .iter()
        .filter_map(|name| groups.get(*name))
        .map(|g| {
            let mut group = json!({
                "logGroupName": g.name,
                "creationTime": g.created_ms,
                "metricFilterCount": 0,
                "arn": format!("{}:*", group_arn(&g.name)),
                "logGroupArn": group_arn(&g.name),
                "storedBytes": 0,
                "logGroupClass": "STANDARD",
            });
            if let Some(days) = g.retention_days {
                group["retentionInDays"] = json!(days);
            }
            group
        })
        .collect();
    let mut answer = json!({"logGroups": listed});
    if let Some(next) = next {
        answer["nextToken"] = json!(next);
    }
    Ok(answer)
}

async fn describe_streams(stand: &Stand, body: &[u8]) -> Result<Value, AwsError> {
    let request: DescribeInput = input(body)?;
    let group_name = request
        .log_group_name
        .clone()
        .ok_or_else(|| invalid("logGroupName is required"))?;
    let groups = stand.registry.0.lock().await;
    let group = groups.get(&group_name).ok_or_else(group_missing)?;
    let names: Box<dyn Iterator<Item = &String>> = if request.descending {
        Box::new(group.streams.keys().rev())
    } else {
        Box::new(group.streams.keys())
    };
    let (shown, next) = page(
        names,
        request.log_stream_name_prefix.as_deref(),
        request.next_token.as_deref(),
        request.limit,
        request.descending,
    )?;
    let listed: Vec<Value> = shown
        .iter()
        .map(|name| {
            json!({
                "logStreamName": name,
                "creationTime": group.streams.get(*name).copied().unwrap_or_default(),
                "arn": format!("{}:log-stream:{name}", group_arn(&group.name)),
                "storedBytes": 0,
            })
        })
        .collect();
    let mut answer = json!({"logStreams": listed});
    if let Some(next) = next {
        answer["nextToken"] = json!(next);
    }
    Ok(answer)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RetentionInput {
    log_group_name: String,
    retention_in_days: Option<i64>,
}

async fn retention(stand: &Stand, body: &[u8], put: bool) -> Result<Value, AwsError> {
    let request: RetentionInput = input(body)?;
    let days = if put {
        match request.retention_in_days {
            Some(days) if RETENTION_DAYS.contains(&days) => Some(days),
            other => {
                return Err(invalid(format!(
                    "1 validation error detected: Value '{}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: {RETENTION_DAYS:?}",
                    other.map(|d| d.to_string()).unwrap_or_default()
                )));
            }
        }
    } else {
        None
    };
    let mut groups = stand.registry.0.lock().await;
    let group = groups
        .get_mut(&request.log_group_name)
        .ok_or_else(group_missing)?;
    commit(
        &stand.collector,
        Records::Registry(vec![RegistryChange::Retention {
            group: request.log_group_name,
            days,
        }]),
    )
    .await?;
    group.retention_days = days;
    Ok(json!({}))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PutInput {
    log_group_name: String,
    log_stream_name: String,
    log_events: Vec<InputEvent>,
}

async fn put_events(
    stand: &Stand,
    body: axum::body::Bytes,
    mut admission: super::admission::Admission,
) -> Result<Value, AwsError> {
    let PutInput {
        log_group_name,
        log_stream_name,
        log_events,
    } = input(&body)?;
    drop(body);
    let retention_days = {
        let groups = stand.registry.0.lock().await;
        let group = groups.get(&log_group_name).ok_or_else(group_missing)?;
        if !group.streams.contains_key(&log_stream_name) {
            return Err(aws_error(
                "ResourceNotFoundException",
                "The specified log stream does not exist.",
            ));
        }
        group.retention_days
    };
    let now_ms = now_ms();
    let checked = check_batch(&log_events, now_ms, retention_days).map_err(|e| invalid(e.0))?;
    let received_ns = jiff::Timestamp::now().as_nanosecond() as i64;
    let total = log_events.len();
    let kept = checked.kept.len();
    let records: Vec<LogRecord> = log_events
        .into_iter()
        .skip(checked.kept.start)
        .take(kept)
        .map(|event| {
            let (trace_id, span_id) = ids_in_message(&event.message);
            LogRecord {
                time_ns: event.timestamp.saturating_mul(1_000_000),
                observed_ns: received_ns,
                severity_number: None,
                severity_text: None,
                body: event.message,
                trace_id,
                span_id,
                service: None,
                scope: None,
                group: Some(log_group_name.clone()),
                stream: Some(log_stream_name.clone()),
                attributes: serde_json::Map::new(),
                resource: Arc::default(),
                source: LogSource::Cloudwatch,
            }
        })
        .collect();
    admission.shrink_to(records.iter().map(LogRecord::approx_bytes).sum());
    let collector = &stand.collector;
    collector
        .commit(Records::Logs(records), Some(admission))
        .await
        .map_err(|NotStored(_)| {
            Counters::add(&collector.counters.deferred, 1);
            throttled()
        })?;
    Counters::add(&collector.counters.logs_received, total);
    Counters::add(&collector.counters.logs_rejected, total - kept);
    let mut answer = json!({"nextSequenceToken": format!("{:056}", now_ms)});
    if !checked.rejected.is_empty() {
        collector.refused(
            "CloudWatch Logs",
            format!(
                "{} of {total} events outside the accepted time window",
                total - kept
            ),
        );
        answer["rejectedLogEventsInfo"] =
            serde_json::to_value(&checked.rejected).unwrap_or_default();
    }
    Ok(answer)
}
