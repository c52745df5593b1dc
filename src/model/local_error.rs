//! An error report the local Rollbar stand-in keeps: a pyrollbar item payload checked as
//! Rollbar checks it (API reference, "Create an item"), its secret headers masked before it
//! is stored, grouped as Rollbar groups items, and linked to the trace it names.

use serde_json::{Map, Value};

use crate::model::lookup::trace_ids_in;

/// What replaces a secret header's value, on disk and on screen.
pub const MASKED: &str = "****";

/// Headers whose values are credentials: masked by the stand-in before storing, and by
/// `rollbar item` when it shows Rollbar's own occurrences.
pub const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "x-honeycomb-team",
    "x-rollbar-access-token",
    "proxy-authorization",
    "x-amz-security-token",
];

/// The levels Rollbar takes.
pub const LEVELS: &[&str] = &["critical", "error", "warning", "info", "debug"];

/// One occurrence, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorRecord {
    pub uuid: String,
    /// The payload's timestamp, else when it arrived (epoch nanoseconds).
    pub time_ns: i64,
    pub received_ns: i64,
    pub environment: String,
    pub level: String,
    pub title: String,
    pub exception_class: Option<String>,
    pub exception_message: Option<String>,
    pub code_version: Option<String>,
    /// W3C form, from the request's `traceparent` / `X-Amzn-Trace-Id` or custom data.
    pub trace_id: Option<String>,
    /// The span, when custom data or the traceparent names it.
    pub span_id: Option<String>,
    /// What it is grouped by (see [`fingerprint`]).
    pub fingerprint: String,
    /// The payload's `data`, secret headers masked: frames, request, person, custom and
    /// the rest, as `rollbar item` reads Rollbar's own occurrences.
    pub data: Value,
}

/// A deploy posted to the stand-in (`rollbar deploy`, or an app's release script).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deploy {
    pub environment: String,
    pub revision: String,
    pub user: Option<String>,
    pub comment: Option<String>,
    pub time_ns: i64,
}

/// Why a payload was refused, with the HTTP status Rollbar answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub status: u16,
    pub message: String,
}

fn invalid(message: impl Into<String>) -> Invalid {
    Invalid {
        status: 422,
        message: message.into(),
    }
}

/// The body kinds of which an item has exactly one.
const BODY_KINDS: &[&str] = &["trace", "trace_chain", "message", "crash_report"];

/// Checks a decoded item payload and makes the record to store. `new_uuid` names an item
/// sent without one.
pub fn item_record(
    payload: Value,
    received_ns: i64,
    new_uuid: impl FnOnce() -> String,
) -> Result<ErrorRecord, Invalid> {
    let Value::Object(mut payload) = payload else {
        return Err(invalid(
            "Invalid format. The payload must be a JSON object.",
        ));
    };
    let Some(Value::Object(mut data)) = payload.remove("data") else {
        return Err(invalid("Invalid format. data is missing or not an object."));
    };
    let text = |data: &Map<String, Value>, key: &str| {
        data.get(key).and_then(Value::as_str).map(str::to_string)
    };
    let environment = text(&data, "environment").unwrap_or_default();
    if environment.is_empty() || environment.chars().count() > 255 {
        return Err(invalid(
            "Invalid format. data.environment is required and must be at most 255 characters.",
        ));
    }
    let uuid = match text(&data, "uuid") {
        Some(uuid) if uuid.len() > 36 => {
            return Err(invalid(
                "Invalid format. data.uuid must be at most 36 characters.",
            ));
        }
        Some(uuid) if !uuid.is_empty() => uuid,
        _ => {
            let uuid = new_uuid();
            data.insert("uuid".into(), Value::from(uuid.clone()));
            uuid
        }
    };
    let Some(Value::Object(body)) = data.get("body") else {
        return Err(invalid(
            "Invalid format. data.body is missing or not an object.",
        ));
    };
    let kinds: Vec<&str> = BODY_KINDS
        .iter()
        .copied()
        .filter(|k| body.contains_key(*k))
        .collect();
    if kinds.len() != 1 {
        return Err(invalid(format!(
            "Invalid format. data.body must have exactly one of trace, trace_chain, message, crash_report (it has {}).",
            if kinds.is_empty() {
                "none".to_string()
            } else {
                kinds.join(", ")
            }
        )));
    }
    let level = text(&data, "level").unwrap_or_else(|| "error".into());
    if !LEVELS.contains(&level.as_str()) {
        return Err(invalid(format!(
            "Invalid format. data.level '{level}' is not one of critical, error, warning, info, debug."
        )));
    }
    // The exception: a trace's, or the first (most recent) of a chain's.
    let trace = match kinds[0] {
        "trace" => body.get("trace"),
        "trace_chain" => body.get("trace_chain").and_then(|c| c.get(0)),
        _ => None,
    };
    let exception = trace.and_then(|t| t.get("exception"));
    let exception_class = exception
        .and_then(|e| e.get("class"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let exception_message = exception
        .and_then(|e| e.get("message"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let message = body
        .get("message")
        .and_then(|m| m.get("body"))
        .and_then(Value::as_str)
        .map(str::to_string);
    // The frame it was raised in: the last (Rollbar orders frames most recent last).
    let innermost = trace
        .and_then(|t| t.get("frames"))
        .and_then(Value::as_array)
        .and_then(|f| f.last())
        .map(|f| {
            let field = |k: &str| f.get(k).and_then(Value::as_str).unwrap_or_default();
            format!("{}:{}", field("filename"), field("method"))
        });
    let title = text(&data, "title")
        .filter(|t| !t.is_empty())
        .or_else(|| {
            exception_class
                .as_ref()
                .map(|class| match &exception_message {
                    Some(m) if !m.is_empty() => format!("{class}: {m}"),
                    _ => class.clone(),
                })
        })
        .or_else(|| message.clone())
        .unwrap_or_else(|| kinds[0].to_string());
    let title: String = title.chars().take(255).collect();
    let fingerprint = fingerprint(
        &environment,
        text(&data, "fingerprint").as_deref(),
        exception_class.as_deref(),
        innermost.as_deref(),
        message.as_deref().unwrap_or(&title),
    );
    mask_headers(&mut data);
    let empty = Value::Null;
    let headers = data
        .get("request")
        .and_then(|r| r.get("headers"))
        .unwrap_or(&empty);
    let custom = data.get("custom").unwrap_or(&empty);
    let trace_id = trace_ids_in(headers, custom).first().map(|t| t.w3c());
    let span_id = span_in(headers, custom);
    let time_ns = data
        .get("timestamp")
        .and_then(Value::as_f64)
        .filter(|s| *s > 0.0 && *s < 1e11)
        .map_or(received_ns, |s| (s * 1e9) as i64);
    Ok(ErrorRecord {
        uuid,
        time_ns,
        received_ns,
        environment,
        level,
        title,
        exception_class,
        exception_message,
        code_version: text(&data, "code_version"),
        trace_id,
        span_id,
        fingerprint,
        data: Value::Object(data),
    })
}

/// What items are grouped by, as Rollbar groups them: the payload's own `fingerprint`;
/// else the exception class and the frame it was raised in; else the message. Always
/// within one environment.
pub fn fingerprint(
    environment: &str,
    given: Option<&str>,
    class: Option<&str>,
    frame: Option<&str>,
    message: &str,
) -> String {
    let key = match (given.filter(|f| !f.is_empty()), class) {
        (Some(given), _) => format!("fingerprint:{given}"),
        (None, Some(class)) => format!("exception:{class}@{}", frame.unwrap_or_default()),
        (None, None) => format!("message:{}", message.chars().take(255).collect::<String>()),
    };
    format!("{environment}|{key}")
}

/// Replaces the values of secret request headers (any case) with [`MASKED`].
fn mask_headers(data: &mut Map<String, Value>) {
    let Some(Value::Object(headers)) = data.get_mut("request").and_then(|r| r.get_mut("headers"))
    else {
        return;
    };
    for (name, value) in headers.iter_mut() {
        if SECRET_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
            *value = Value::from(MASKED);
        }
    }
}

/// The span a report names: custom data's `span_id`/`spanId`, else the traceparent's.
fn span_in(headers: &Value, custom: &Value) -> Option<String> {
    let hex16 = |s: &str| {
        (s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit())).then(|| s.to_ascii_lowercase())
    };
    ["span_id", "spanId"]
        .iter()
        .find_map(|k| custom.get(*k).and_then(Value::as_str).and_then(hex16))
        .or_else(|| {
            headers.as_object()?.iter().find_map(|(name, value)| {
                (name.eq_ignore_ascii_case("traceparent"))
                    .then(|| value.as_str()?.split('-').nth(2).and_then(hex16))
                    .flatten()
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pyrollbar_item(uuid: &str) -> Value {
        json!({"access_token": "t", "data": {
            "environment": "production", "level": "error", "uuid": uuid,
            "timestamp": 1_800_000_000, "code_version": "abc1234",
            "body": {"trace": {
                "frames": [
                    {"filename": "/app/flask/app.py", "lineno": 1, "method": "dispatch"},
                    {"filename": "/app/app.py", "lineno": 9, "method": "boom", "code": "1 / 0"}
                ],
                "exception": {"class": "ZeroDivisionError", "message": "division by zero"}
            }},
            "request": {"method": "GET", "url": "http://localhost/api/boom", "headers": {
                "Traceparent": "00-5b8efff798038103d269b633813fc60c-eee19b7ec3c1b174-01",
                "Authorization": "Bearer hunter2", "Accept": "*/*"}},
            "custom": {"note": "n"}
        }})
    }

    #[test]
    fn a_pyrollbar_item_is_titled_grouped_masked_and_linked() {
        let record = item_record(pyrollbar_item("u-1"), 5, || unreachable!()).unwrap();
        assert_eq!(record.title, "ZeroDivisionError: division by zero");
        assert_eq!(record.time_ns, 1_800_000_000 * 1_000_000_000);
        assert_eq!(
            record.fingerprint,
            "production|exception:ZeroDivisionError@/app/app.py:boom"
        );
        assert_eq!(
            record.trace_id.as_deref(),
            Some("5b8efff798038103d269b633813fc60c")
        );
        assert_eq!(record.span_id.as_deref(), Some("eee19b7ec3c1b174"));
        assert_eq!(
            record.data.pointer("/request/headers/Authorization"),
            Some(&json!(MASKED))
        );
        assert_eq!(
            record.data.pointer("/request/headers/Accept"),
            Some(&json!("*/*"))
        );
        assert!(!record.data.to_string().contains("hunter2"));
        // Another occurrence of the same error is the same group; a message is its own.
        let again = item_record(pyrollbar_item("u-2"), 5, || unreachable!()).unwrap();
        assert_eq!(again.fingerprint, record.fingerprint);
        let message =
            json!({"data": {"environment": "staging", "body": {"message": {"body": "disk low"}}}});
        let message = item_record(message, 7, || "generated".into()).unwrap();
        assert_eq!(
            (
                message.uuid.as_str(),
                message.title.as_str(),
                message.level.as_str(),
                message.time_ns
            ),
            ("generated", "disk low", "error", 7)
        );
        assert_eq!(message.fingerprint, "staging|message:disk low");
    }

    #[test]
    fn payloads_rollbar_refuses_are_refused_with_its_422() {
        let cases = [
            json!([1]),
            json!({"data": {"body": {"message": {"body": "x"}}}}),
            json!({"data": {"environment": "p", "body": {}}}),
            json!({"data": {"environment": "p", "body": {"message": {"body": "x"}, "trace": {}}}}),
            json!({"data": {"environment": "p", "level": "fatal", "body": {"message": {"body": "x"}}}}),
            json!({"data": {"environment": "p", "uuid": "x".repeat(37), "body": {"message": {"body": "x"}}}}),
        ];
        for case in cases {
            let refused = item_record(case.clone(), 0, || "u".into()).unwrap_err();
            assert_eq!(refused.status, 422, "{case}");
            assert!(
                refused.message.starts_with("Invalid format."),
                "{}",
                refused.message
            );
        }
    }
}
