//! Typed CloudWatch Logs calls: all pages, results as plain model values, failures sorted
//! into [`AwsFailure`].

use aws_sdk_cloudwatchlogs::Client;
use aws_sdk_cloudwatchlogs::types::OrderBy;
use jiff::Timestamp;
use serde::Serialize;

use super::aws::{AwsFailure, classify};

/// One log group, as `logs groups` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogGroup {
    pub name: String,
    pub stored_bytes: Option<i64>,
    pub retention_days: Option<i32>,
    pub created: Option<Timestamp>,
}

/// One log stream, as `logs streams` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogStream {
    pub name: String,
    pub first_event: Option<Timestamp>,
    pub last_event: Option<Timestamp>,
    pub created: Option<Timestamp>,
}

fn ms(value: Option<i64>) -> Option<Timestamp> {
    value.and_then(|v| Timestamp::from_millisecond(v).ok())
}

/// Every log group whose name starts with `prefix` (all of them without one), by name.
pub async fn list_groups(
    client: &Client,
    prefix: Option<&str>,
) -> Result<Vec<LogGroup>, AwsFailure> {
    let mut pages = client
        .describe_log_groups()
        .set_log_group_name_prefix(prefix.filter(|p| !p.is_empty()).map(str::to_string))
        .into_paginator()
        .send();
    let mut groups = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| classify(&e))?;
        groups.extend(
            page.log_groups
                .unwrap_or_default()
                .into_iter()
                .map(|g| LogGroup {
                    name: g.log_group_name.unwrap_or_default(),
                    stored_bytes: g.stored_bytes,
                    retention_days: g.retention_in_days,
                    created: ms(g.creation_time),
                }),
        );
    }
    Ok(groups)
}

/// Every stream of `group` (starting with `prefix` when given), most recently written first.
pub async fn list_streams(
    client: &Client,
    group: &str,
    prefix: Option<&str>,
) -> Result<Vec<LogStream>, AwsFailure> {
    let prefix = prefix.filter(|p| !p.is_empty()).map(str::to_string);
    // The API allows a name prefix only when ordering by name; order by time ourselves.
    let order = if prefix.is_some() {
        OrderBy::LogStreamName
    } else {
        OrderBy::LastEventTime
    };
    let mut pages = client
        .describe_log_streams()
        .log_group_name(group)
        .set_log_stream_name_prefix(prefix)
        .order_by(order)
        .descending(false)
        .into_paginator()
        .send();
    let mut streams = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| classify(&e))?;
        streams.extend(
            page.log_streams
                .unwrap_or_default()
                .into_iter()
                .map(|s| LogStream {
                    name: s.log_stream_name.unwrap_or_default(),
                    first_event: ms(s.first_event_timestamp),
                    last_event: ms(s.last_event_timestamp),
                    created: ms(s.creation_time),
                }),
        );
    }
    streams.sort_by(|a, b| {
        b.last_event
            .cmp(&a.last_event)
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(streams)
}
