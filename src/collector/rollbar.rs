//! A Rollbar stand-in for apps that report with pyrollbar: `POST /api/1/item/` and
//! `POST /api/1/deploy` answered as Rollbar answers them (API reference: "Create an item",
//! "Post a deploy"), so `rollbar.init(token, endpoint='http://ADDR/api/1/')` reports here.
//! Any token is taken (one must be sent, as Rollbar requires); secret request headers are
//! masked before anything is stored.
//!
//! An item is answered only once it is committed. When the writer is behind, the answer is
//! Rollbar's 429, after a wait: pyrollbar does not retry a 429 (it logs "over rate limit,
//! data was dropped"), so the stand-in waits for room in the memory budget longer than
//! other receivers do (2 s, inside pyrollbar's 3 s timeout). A database locked by another
//! process is waited for as long as the writer waits (5 s), then answered 429 too.

use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};
use tokio::time::Instant;

use super::otlp::{Unreadable, read_body};
use super::{Collector, Counters, NotStored, Records};
use crate::model::local_error::item_record;

/// The largest payload taken (Rollbar refuses larger ones with 413; pyrollbar shortens its
/// payloads well below this).
pub const MAX_PAYLOAD: usize = 1024 * 1024;
/// How long a report waits for room before it is answered 429 (see the module's note).
const ROOM_WAIT: Duration = Duration::from_secs(2);

/// The endpoint, under `/api/1/` as Rollbar's (with and without the trailing slash pyrollbar
/// and other SDKs differ on).
pub fn router(collector: Collector) -> Router {
    Router::new()
        .route("/api/1/item/", post(item))
        .route("/api/1/item", post(item))
        .route("/api/1/deploy", post(deploy))
        .route("/api/1/deploy/", post(deploy))
        .with_state(collector)
}

/// Rollbar's error shape: `{"err": 1, "message": ...}`.
fn rollbar_error(status: StatusCode, message: impl Into<String>) -> Response {
    let body = json!({"err": 1, "message": message.into()});
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// Rollbar's rate-limit answer, with the headers its SDKs read.
fn rate_limited() -> Response {
    let mut response = rollbar_error(StatusCode::TOO_MANY_REQUESTS, "rate limit exceeded");
    let reset = jiff::Timestamp::now().as_second() + 1;
    let headers = response.headers_mut();
    headers.insert("x-rate-limit-remaining", HeaderValue::from_static("0"));
    headers.insert(
        "x-rate-limit-remaining-seconds",
        HeaderValue::from_static("1"),
    );
    headers.insert("x-rate-limit-reset", HeaderValue::from(reset));
    response
}

/// Reads a JSON payload sent with a token, within the limits; the answer when it cannot.
async fn payload(
    collector: &Collector,
    headers: &HeaderMap,
    body: axum::body::Body,
) -> Result<(Value, super::admission::Admission), Response> {
    let declared: usize = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.trim().parse().ok())
        .unwrap_or(0);
    let too_large = || {
        rollbar_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("payload is larger than {MAX_PAYLOAD} bytes"),
        )
    };
    // A payload over the limit is still read (up to the body limit every receiver keeps),
    // then refused: an answer sent before the body is read would reach the sender as a
    // broken pipe, not as Rollbar's 413.
    let until = Instant::now() + ROOM_WAIT;
    let Some(mut admission) = collector.budget.admit(declared, until).await else {
        Counters::add(&collector.counters.deferred, 1);
        return Err(rate_limited());
    };
    let bytes = match read_body(body, &mut admission, until).await {
        Ok(bytes) if bytes.len() > MAX_PAYLOAD => {
            return Err(refused(collector, too_large(), "413 payload too large"));
        }
        Ok(bytes) => bytes,
        Err(Unreadable::Busy) => {
            Counters::add(&collector.counters.deferred, 1);
            return Err(rate_limited());
        }
        Err(Unreadable::TooLarge) => {
            return Err(refused(collector, too_large(), "413 payload too large"));
        }
        Err(Unreadable::Slow(_) | Unreadable::BrokeOff(_)) => {
            let answer = rollbar_error(StatusCode::BAD_REQUEST, "the body did not arrive whole");
            return Err(refused(collector, answer, "400 body broke off"));
        }
    };
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| {
        let answer = rollbar_error(StatusCode::BAD_REQUEST, format!("invalid JSON: {e}"));
        refused(collector, answer, "400 invalid JSON")
    })?;
    let token = headers
        .get("x-rollbar-access-token")
        .and_then(|v| v.to_str().ok())
        .or_else(|| value.get("access_token").and_then(Value::as_str))
        .unwrap_or_default();
    if token.trim().is_empty() {
        let answer = rollbar_error(StatusCode::UNAUTHORIZED, "access token required");
        return Err(refused(collector, answer, "401 no access token"));
    }
    Ok((value, admission))
}

fn refused(collector: &Collector, answer: Response, why: &str) -> Response {
    Counters::add(&collector.counters.malformed, 1);
    collector.refused("Rollbar", why.to_string());
    answer
}

async fn item(
    State(collector): State<Collector>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    let (value, mut admission) = match payload(&collector, &headers, body).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let received_ns = jiff::Timestamp::now().as_nanosecond() as i64;
    let record = match item_record(value, received_ns, || uuid::Uuid::new_v4().to_string()) {
        Ok(record) => record,
        Err(invalid) => {
            let status =
                StatusCode::from_u16(invalid.status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
            let answer = rollbar_error(status, invalid.message.clone());
            return refused(
                &collector,
                answer,
                &format!("{} {}", invalid.status, invalid.message),
            );
        }
    };
    admission.shrink_to(record.data.to_string().len() + 512);
    let uuid = record.uuid.clone();
    match collector
        .commit(Records::Errors(vec![record]), Some(admission))
        .await
    {
        Ok(()) => {}
        Err(NotStored(_)) => {
            Counters::add(&collector.counters.deferred, 1);
            return rate_limited();
        }
    }
    let body = json!({"err": 0, "result": {"id": null, "uuid": uuid}});
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

async fn deploy(
    State(collector): State<Collector>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    let (value, admission) = match payload(&collector, &headers, body).await {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let text = |k: &str| value.get(k).and_then(Value::as_str).unwrap_or_default();
    if text("environment").is_empty() || text("revision").is_empty() {
        let answer = rollbar_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "environment and revision are required",
        );
        return refused(
            &collector,
            answer,
            "422 deploy without environment or revision",
        );
    }
    let deploy = crate::model::local_error::Deploy {
        environment: text("environment").to_string(),
        revision: text("revision").to_string(),
        user: Some(text("local_username"))
            .filter(|u| !u.is_empty())
            .or(Some(text("rollbar_username")).filter(|u| !u.is_empty()))
            .map(str::to_string),
        comment: Some(text("comment"))
            .filter(|c| !c.is_empty())
            .map(str::to_string),
        time_ns: jiff::Timestamp::now().as_nanosecond() as i64,
    };
    if let Err(NotStored(_)) = collector
        .commit(Records::Deploys(vec![deploy]), Some(admission))
        .await
    {
        Counters::add(&collector.counters.deferred, 1);
        return rate_limited();
    }
    // Rollbar answers with the deploy's id: here the number of deploys stored so far, which
    // is this one's unless two were posted at the same moment.
    let body = json!({"data": {"deploy_id": Counters::get(&collector.counters.deploys_stored)}});
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}
