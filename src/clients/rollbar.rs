//! Typed Rollbar API: items (`POST item/`) and deploys (`POST deploy`), with one status ->
//! error mapper. The access token travels in the `X-Rollbar-Access-Token` header only (never
//! in the body, unlike pyrollbar), so payloads can be printed and logged safely.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::{Method, StatusCode, Url};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Observer;
use super::http::{
    HttpClient, HttpClientBuilder, HttpError, HttpResponse, Retry, RetryPolicy, rate_limit_wait,
};
use crate::config::Secret;

/// Rollbar's documented limit is 128 KB per item; tracectl stays well under it.
pub const MAX_PAYLOAD_BYTES: usize = 64 * 1024;

/// Rollbar's levels (the model's list: the stand-in checks the same).
pub use crate::model::local_error::LEVELS;

/// One item: `{"data": {...}}`, shaped like what pyrollbar sends.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub data: ItemData,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemData {
    pub environment: String,
    pub level: String,
    pub timestamp: i64,
    pub uuid: String,
    pub body: Body,
    pub language: String,
    pub platform: String,
    pub framework: String,
    pub notifier: Notifier,
    pub server: Server,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub custom: Map<String, Value>,
}

/// Exactly one of Rollbar's body kinds (the enum makes two impossible).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    Trace {
        frames: Vec<Frame>,
        exception: Exception,
    },
    Message {
        body: String,
    },
}

/// A stack frame; frames are ordered most recent call last, as in Python tracebacks.
#[derive(Debug, Clone, Serialize)]
pub struct Frame {
    pub filename: String,
    pub lineno: u32,
    pub method: String,
    pub code: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Exception {
    pub class: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Notifier {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Server {
    pub host: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub root: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub branch: Option<String>,
}

/// A payload that Rollbar would refuse, found before sending.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field} {problem}")]
pub struct InvalidItem {
    pub field: &'static str,
    pub problem: String,
}

/// The largest Rollbar answer read.
pub const MAX_ANSWER: usize = 4 * 1024 * 1024;

impl Item {
    /// Checks the documented limits, and serialises the exact bytes that would be sent.
    pub fn to_checked_json(&self) -> Result<String, InvalidItem> {
        let d = &self.data;
        let too_long = |field: &'static str, value: &str, max: usize| {
            let n = value.chars().count();
            (n > max).then(|| InvalidItem {
                field,
                problem: format!("is {n} characters; Rollbar allows {max}"),
            })
        };
        if d.environment.trim().is_empty() {
            return Err(InvalidItem {
                field: "environment",
                problem: "is empty".into(),
            });
        }
        if !LEVELS.contains(&d.level.as_str()) {
            return Err(InvalidItem {
                field: "level",
                problem: format!("'{}' is not one of {}", d.level, LEVELS.join(", ")),
            });
        }
        let checks = [
            too_long("environment", &d.environment, 255),
            too_long("uuid", &d.uuid, 36),
            d.code_version
                .as_deref()
                .and_then(|v| too_long("code_version", v, 40)),
            d.fingerprint
                .as_deref()
                .and_then(|v| too_long("fingerprint", v, 40)),
            d.title.as_deref().and_then(|v| too_long("title", v, 255)),
        ];
        if let Some(problem) = checks.into_iter().flatten().next() {
            return Err(problem);
        }
        let json = serde_json::to_string(self).map_err(|e| InvalidItem {
            field: "payload",
            problem: format!("cannot be encoded: {e}"),
        })?;
        if json.len() > MAX_PAYLOAD_BYTES {
            return Err(InvalidItem {
                field: "payload",
                problem: format!(
                    "is {} bytes; tracectl keeps items under {MAX_PAYLOAD_BYTES} (Rollbar's limit is 128 KB)",
                    json.len()
                ),
            });
        }
        Ok(json)
    }
}

/// A deploy record.
#[derive(Debug, Clone, Serialize)]
pub struct Deploy {
    pub environment: String,
    pub revision: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// What went wrong talking to Rollbar.
#[derive(Debug, thiserror::Error)]
pub enum RollbarError {
    #[error("invalid Rollbar endpoint '{0}'")]
    Endpoint(String),
    #[error(transparent)]
    Http(#[from] HttpError),
    #[error("Rollbar refused the access token ({status} {message})")]
    Auth { status: u16, message: String },
    #[error("Rollbar refused the item as too large (413 {message})")]
    TooLarge { message: String },
    #[error("Rollbar rejected the payload (422 {message})")]
    Invalid { message: String },
    #[error("Rollbar's rate limit is reached (429){}", .reset_in.map(|d| format!("; it resets in {} s", d.as_secs())).unwrap_or_default())]
    RateLimited { reset_in: Option<Duration> },
    #[error("Rollbar answered {status}: {message}")]
    Status { status: u16, message: String },
    #[error("unexpected answer from Rollbar: {0}")]
    Decode(String),
}

#[derive(Deserialize)]
struct ErrorBody {
    message: Option<String>,
}

/// Rollbar's envelope of every answer: `err` 0 and a `result`, or `err` 1 and a message.
#[derive(Deserialize)]
struct Envelope<T> {
    err: i64,
    message: Option<String>,
    result: Option<T>,
}

/// The `result` of an answer `check` passed, or the error its envelope says.
fn result_of<T: serde::de::DeserializeOwned>(ok: &HttpResponse) -> Result<Option<T>, RollbarError> {
    let body: Envelope<T> =
        serde_json::from_slice(&ok.body).map_err(|e| RollbarError::Decode(e.to_string()))?;
    if body.err != 0 {
        return Err(RollbarError::Status {
            status: ok.status.as_u16(),
            message: body.message.unwrap_or_default(),
        });
    }
    Ok(body.result)
}

#[derive(Deserialize)]
struct ItemResult {
    uuid: Option<String>,
}

#[derive(Deserialize)]
struct DeployResponse {
    data: Option<DeployData>,
}

#[derive(Deserialize)]
struct DeployData {
    deploy_id: Option<i64>,
}

/// The Rollbar API at one endpoint with one token.
pub struct RollbarClient {
    http: HttpClient,
    base: Url,
}

/// Appends the trailing slash a base URL needs: joining "item/" onto ".../api/1" would
/// silently drop the "1".
pub fn normalise_endpoint(endpoint: &str) -> Result<Url, RollbarError> {
    let with_slash = if endpoint.ends_with('/') {
        endpoint.to_string()
    } else {
        format!("{endpoint}/")
    };
    let url = Url::parse(&with_slash).map_err(|_| RollbarError::Endpoint(endpoint.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(RollbarError::Endpoint(endpoint.to_string()));
    }
    Ok(url)
}

impl RollbarClient {
    pub fn new(
        endpoint: &str,
        token: &Secret,
        observer: Arc<dyn Observer>,
    ) -> Result<Self, RollbarError> {
        let base = normalise_endpoint(endpoint)?;
        let http = HttpClientBuilder::new("rollbar")
            // Rollbar answers an item or a deploy with a few hundred bytes; a page of
            // items (100) is well under a MiB.
            .max_body(MAX_ANSWER)
            // Rollbar's windows reset per minute: a test trigger should say when, not hang.
            .retry_policy(RetryPolicy {
                max_rate_limit_wait: Duration::from_secs(5),
                ..RetryPolicy::default()
            })
            .secret_header("x-rollbar-access-token", token.expose())?
            .observer(observer)
            .build()?;
        Ok(Self { http, base })
    }

    fn url(&self, path: &str) -> Result<Url, RollbarError> {
        self.base
            .join(path)
            .map_err(|_| RollbarError::Endpoint(self.base.to_string()))
    }

    /// Sends one item (its exact JSON) and returns the uuid Rollbar accepted. Safe to retry:
    /// Rollbar drops a second item with the same uuid.
    pub async fn post_item(&self, json: String) -> Result<String, RollbarError> {
        let request = self
            .http
            .request(Method::POST, self.url("item/")?)
            .header("content-type", "application/json")
            .body(json);
        let response = self.http.send(request, Retry::Idempotent).await?;
        result_of::<ItemResult>(check(&response)?)?
            .and_then(|r| r.uuid)
            .ok_or_else(|| RollbarError::Decode("no result.uuid in the answer".into()))
    }

    /// Where [`RollbarClient::post_deploy`] posts (for a dry run to show).
    pub fn deploy_url(&self) -> Result<Url, RollbarError> {
        self.url("deploy")
    }

    /// Records a deploy and returns its id. Not retried on 5xx: a replay would record two.
    pub async fn post_deploy(&self, deploy: &Deploy) -> Result<i64, RollbarError> {
        let request = self
            .http
            .request(Method::POST, self.url("deploy")?)
            .json(deploy);
        let response = self.http.send(request, Retry::Unsafe).await?;
        let ok = check(&response)?;
        let body: DeployResponse =
            serde_json::from_slice(&ok.body).map_err(|e| RollbarError::Decode(e.to_string()))?;
        body.data
            .and_then(|d| d.deploy_id)
            .ok_or_else(|| RollbarError::Decode("no data.deploy_id in the answer".into()))
    }
}

/// An item as the read API lists it (`GET /api/1/items/`, `/api/1/item/{id}`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ItemRecord {
    pub id: i64,
    pub counter: i64,
    #[serde(default)]
    pub project_id: Option<i64>,
    #[serde(default)]
    pub environment: String,
    /// A name (`error`) or Rollbar's number for it (40).
    #[serde(default)]
    pub level: Value,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub first_occurrence_timestamp: Option<i64>,
    #[serde(default)]
    pub last_occurrence_timestamp: Option<i64>,
    #[serde(default)]
    pub total_occurrences: Option<i64>,
}

/// One page of items.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ItemsPage {
    #[serde(default)]
    pub page: i64,
    #[serde(default)]
    pub total_count: Option<i64>,
    #[serde(default)]
    pub items: Vec<ItemRecord>,
}

/// One occurrence of an item: the posted payload's `data`, as Rollbar keeps it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Instance {
    pub id: i64,
    #[serde(default)]
    pub item_id: Option<i64>,
    /// Epoch seconds.
    #[serde(default)]
    pub timestamp: Option<i64>,
    #[serde(default)]
    pub data: Value,
}

#[derive(Deserialize)]
struct InstancesPage {
    #[serde(default)]
    instances: Vec<Instance>,
}

/// Filters of the items list, as the API takes them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemsFilter {
    pub level: Option<String>,
    pub environment: Option<String>,
    /// `active`, `resolved`, `muted`; `None` for every status.
    pub status: Option<String>,
}

impl RollbarClient {
    async fn get<T: serde::de::DeserializeOwned>(&self, url: Url) -> Result<T, RollbarError> {
        let response = self
            .http
            .send(self.http.request(Method::GET, url), Retry::Idempotent)
            .await?;
        result_of(check(&response)?)?
            .ok_or_else(|| RollbarError::Decode("no result in the answer".into()))
    }

    /// One page (1-based, 100 items) of the project's items, most recent activity first.
    pub async fn items(&self, filter: &ItemsFilter, page: u32) -> Result<ItemsPage, RollbarError> {
        let mut url = self.url("items/")?;
        {
            let mut query = url.query_pairs_mut();
            query.append_pair("page", &page.to_string());
            for (key, value) in [
                ("level", &filter.level),
                ("environment", &filter.environment),
                ("status", &filter.status),
            ] {
                if let Some(value) = value {
                    query.append_pair(key, value);
                }
            }
        }
        self.get(url).await
    }

    /// The item of a project counter (`#42`): Rollbar answers with a same-origin redirect
    /// to the item, which the client follows with the token.
    pub async fn item_by_counter(&self, counter: i64) -> Result<ItemRecord, RollbarError> {
        self.get(self.url(&format!("item_by_counter/{counter}"))?)
            .await
    }

    /// One page (1-based, 20 occurrences, newest first) of an item's occurrences.
    pub async fn instances(&self, item_id: i64, page: u32) -> Result<Vec<Instance>, RollbarError> {
        let mut url = self.url(&format!("item/{item_id}/instances"))?;
        url.query_pairs_mut().append_pair("page", &page.to_string());
        let page: InstancesPage = self.get(url).await?;
        Ok(page.instances)
    }
}

/// The one status -> error mapper for Rollbar.
fn check(response: &HttpResponse) -> Result<&HttpResponse, RollbarError> {
    let status = response.status;
    if status.is_success() {
        return Ok(response);
    }
    let message = serde_json::from_slice::<ErrorBody>(&response.body)
        .ok()
        .and_then(|b| b.message)
        .unwrap_or_else(|| status.canonical_reason().unwrap_or("").to_string());
    Err(match status {
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => RollbarError::Auth {
            status: status.as_u16(),
            message,
        },
        StatusCode::PAYLOAD_TOO_LARGE => RollbarError::TooLarge { message },
        StatusCode::UNPROCESSABLE_ENTITY => RollbarError::Invalid { message },
        StatusCode::TOO_MANY_REQUESTS => RollbarError::RateLimited {
            reset_in: rate_limit_wait(&response.headers, SystemTime::now()),
        },
        _ => RollbarError::Status {
            status: status.as_u16(),
            message,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_gets_its_trailing_slash() {
        let url = normalise_endpoint("https://api.rollbar.com/api/1").unwrap();
        assert_eq!(
            url.join("item/").unwrap().as_str(),
            "https://api.rollbar.com/api/1/item/"
        );
        let same = normalise_endpoint("https://api.rollbar.com/api/1/").unwrap();
        assert_eq!(same, url);
        assert!(normalise_endpoint("api.rollbar.com").is_err());
        assert!(normalise_endpoint("ftp://x/").is_err());
    }
}
