//! Typed Honeycomb API: auth, datasets, columns, queries, query results, markers, with one
//! status -> error mapper that reads all three of Honeycomb's error shapes (`{"error"}`,
//! RFC 7807 problem+json with `type_detail`, JSON:API `{"errors": [...]}`). The key travels
//! in `X-Honeycomb-Team` only and is redacted from every trace.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Observer;
use super::http::{HttpClient, HttpClientBuilder, HttpError, HttpResponse, Retry, rate_limit_wait};
use crate::config::Secret;
use crate::model::query::QuerySpec;

/// What `/1/auth` says about the key.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Auth {
    #[serde(default)]
    pub id: String,
    #[serde(rename = "type", default)]
    pub key_type: String,
    #[serde(default)]
    pub api_key_access: Map<String, Value>,
    #[serde(default)]
    pub environment: NameSlug,
    #[serde(default)]
    pub team: NameSlug,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct NameSlug {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub slug: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Dataset {
    pub name: String,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub regular_columns_count: Option<u64>,
    #[serde(default)]
    pub last_written_at: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Column {
    pub key_name: String,
    #[serde(rename = "type", default)]
    pub column_type: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub hidden: bool,
    #[serde(default)]
    pub last_written: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Links {
    #[serde(default)]
    pub query_url: Option<String>,
    #[serde(default)]
    pub graph_image_url: Option<String>,
}

pub use crate::model::query::{ResultData, ResultRow};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueryResult {
    pub id: String,
    #[serde(default)]
    pub complete: bool,
    #[serde(default)]
    pub links: Links,
    #[serde(default)]
    pub data: Option<ResultData>,
}

/// A marker to add.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewMarker {
    pub message: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub marker_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Marker {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(rename = "type", default)]
    pub marker_type: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub start_time: Option<i64>,
    #[serde(default)]
    pub created_at: Option<String>,
}

/// What went wrong talking to Honeycomb. `message` is the service's own words.
#[derive(Debug, thiserror::Error)]
pub enum HoneycombError {
    #[error("invalid Honeycomb endpoint '{0}'")]
    Endpoint(String),
    #[error(transparent)]
    Http(#[from] HttpError),
    #[error("Honeycomb refused the API key ({status} {message})")]
    Unauthorized { status: u16, message: String },
    #[error("Honeycomb denied access ({status} {message})")]
    Forbidden { status: u16, message: String },
    #[error("{message} (404)")]
    NotFound { message: String },
    #[error("Honeycomb rejected the request ({status} {message}){}", details_text(.details))]
    Invalid {
        status: u16,
        message: String,
        details: Vec<String>,
    },
    #[error("Honeycomb's rate limit is reached (429 {message}){}", .reset_in.map(|d| format!("; it resets in {} s", d.as_secs())).unwrap_or_default())]
    RateLimited {
        message: String,
        reset_in: Option<Duration>,
    },
    #[error("Honeycomb answered {status}: {message}")]
    Status { status: u16, message: String },
    #[error("unexpected answer from Honeycomb: {0}")]
    Decode(String),
}

fn details_text(details: &[String]) -> String {
    if details.is_empty() {
        String::new()
    } else {
        format!(": {}", details.join("; "))
    }
}

/// What a probe of the Query Data API answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResultsProbe {
    /// 401/403: the plan has no Query Data API, or the key may not run queries.
    Refused(String),
    /// Answered as for any missing result: queries can be run.
    NotRefused,
    /// Some other failure: cannot tell.
    Unknown(String),
}

/// The Honeycomb API at one endpoint with one key.
pub struct HoneycombClient {
    http: HttpClient,
    base: Url,
}

/// The largest Honeycomb answer read (query results with series are the largest).
pub const MAX_ANSWER: usize = 64 * 1024 * 1024;

impl HoneycombClient {
    pub fn new(
        endpoint: &str,
        key: &Secret,
        observer: Arc<dyn Observer>,
        deadline: Option<std::time::Instant>,
    ) -> Result<Self, HoneycombError> {
        let base = Url::parse(&format!("{}/", endpoint.trim_end_matches('/')))
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
            .ok_or_else(|| HoneycombError::Endpoint(endpoint.to_string()))?;
        let http = HttpClientBuilder::new("honeycomb")
            // Query results are the largest answers: at most 1,000 groups (`limit`), each
            // with a series of at most 1,000 buckets, some tens of MiB of JSON at worst.
            .max_body(MAX_ANSWER)
            .secret_header("x-honeycomb-team", key.expose())?
            .observer(observer)
            .deadline(deadline)
            .build()?;
        Ok(Self { http, base })
    }

    /// The API endpoint this client calls (`https://api.eu1.honeycomb.io/`).
    pub fn endpoint(&self) -> &Url {
        &self.base
    }

    fn url(&self, segments: &[&str]) -> Result<Url, HoneycombError> {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .map_err(|_| HoneycombError::Endpoint(self.base.to_string()))?
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        segments: &[&str],
        body: Option<&impl Serialize>,
        retry: Retry,
    ) -> Result<T, HoneycombError> {
        let mut request = self.http.request(method, self.url(segments)?);
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = self.http.send(request, retry).await?;
        check(&response)?;
        response
            .json()
            .map_err(|e| HoneycombError::Decode(e.to_string()))
    }

    pub async fn auth(&self) -> Result<Auth, HoneycombError> {
        self.call(Method::GET, &["1", "auth"], None::<&()>, Retry::Idempotent)
            .await
    }

    /// Asks the Query Data API for a result that does not exist, which costs nothing of the
    /// result budget: a 401/403 is the plan's (or the key's) refusal, a 404 is no refusal.
    /// `/1/auth` does not tell either.
    pub async fn probe_query_results(&self, dataset: &str) -> ResultsProbe {
        let answer: Result<Value, HoneycombError> = self
            .call(
                Method::GET,
                &["1", "query_results", dataset, "tracectl-probe"],
                None::<&()>,
                Retry::Idempotent,
            )
            .await;
        match answer {
            Err(e @ (HoneycombError::Unauthorized { .. } | HoneycombError::Forbidden { .. })) => {
                ResultsProbe::Refused(e.to_string())
            }
            Err(HoneycombError::NotFound { .. }) | Ok(_) => ResultsProbe::NotRefused,
            Err(e) => ResultsProbe::Unknown(e.to_string()),
        }
    }

    pub async fn datasets(&self) -> Result<Vec<Dataset>, HoneycombError> {
        self.call(
            Method::GET,
            &["1", "datasets"],
            None::<&()>,
            Retry::Idempotent,
        )
        .await
    }

    pub async fn columns(&self, dataset: &str) -> Result<Vec<Column>, HoneycombError> {
        self.call(
            Method::GET,
            &["1", "columns", dataset],
            None::<&()>,
            Retry::Idempotent,
        )
        .await
    }

    /// Saves the spec and returns the query id. Saving a spec runs nothing and spends no
    /// budget (queries are immutable specs), so a replay after a 5xx is harmless and it is
    /// retried like a read.
    pub async fn create_query(
        &self,
        dataset: &str,
        spec: &QuerySpec,
    ) -> Result<String, HoneycombError> {
        #[derive(Deserialize)]
        struct Created {
            id: String,
        }
        let created: Created = self
            .call(
                Method::POST,
                &["1", "queries", dataset],
                Some(spec),
                Retry::Idempotent,
            )
            .await?;
        Ok(created.id)
    }

    /// Starts running a query. Each call spends one of the 10 result creations a minute, so
    /// it is never replayed after a 5xx (a 429 is waited out: nothing was created).
    pub async fn create_result(
        &self,
        dataset: &str,
        query_id: &str,
        disable_series: bool,
    ) -> Result<QueryResult, HoneycombError> {
        let body = serde_json::json!({ "query_id": query_id, "disable_series": disable_series });
        self.call(
            Method::POST,
            &["1", "query_results", dataset],
            Some(&body),
            Retry::Unsafe,
        )
        .await
    }

    pub async fn result(
        &self,
        dataset: &str,
        result_id: &str,
    ) -> Result<QueryResult, HoneycombError> {
        self.call(
            Method::GET,
            &["1", "query_results", dataset, result_id],
            None::<&()>,
            Retry::Idempotent,
        )
        .await
    }

    /// Where a dataset's markers are created and listed (for a dry run to show).
    pub fn markers_url(&self, dataset: &str) -> Result<Url, HoneycombError> {
        self.url(&["1", "markers", dataset])
    }

    /// Every marker of a dataset (`__all__`: the environment's).
    pub async fn markers(&self, dataset: &str) -> Result<Vec<Marker>, HoneycombError> {
        self.call(
            Method::GET,
            &["1", "markers", dataset],
            None::<&()>,
            Retry::Idempotent,
        )
        .await
    }

    /// Adds a marker. Not retried after a 5xx: a replay would draw it twice.
    pub async fn create_marker(
        &self,
        dataset: &str,
        marker: &NewMarker,
    ) -> Result<Marker, HoneycombError> {
        self.call(
            Method::POST,
            &["1", "markers", dataset],
            Some(marker),
            Retry::Unsafe,
        )
        .await
    }
}

/// Reads whichever of the three error shapes the body has: the message, and the field
/// details of a 422.
pub fn error_message(body: &[u8]) -> (Option<String>, Vec<String>) {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return (None, Vec::new());
    };
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    if let Some(errors) = value.get("errors").and_then(Value::as_array) {
        let messages: Vec<String> = errors
            .iter()
            .filter_map(|e| {
                text(e, "detail")
                    .or_else(|| text(e, "title"))
                    .or_else(|| text(e, "code"))
            })
            .collect();
        return (
            messages.first().cloned(),
            messages.into_iter().skip(1).collect(),
        );
    }
    let details = value
        .get("type_detail")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|d| {
                    let field = text(d, "field").unwrap_or_default();
                    let description = text(d, "description")
                        .or_else(|| text(d, "code"))
                        .unwrap_or_default();
                    format!("{field}: {description}")
                        .trim_start_matches(": ")
                        .to_string()
                })
                .collect()
        })
        .unwrap_or_default();
    let message = text(&value, "detail")
        .or_else(|| text(&value, "error"))
        .or_else(|| text(&value, "title"));
    (message, details)
}

/// The one status -> error mapper for Honeycomb.
fn check(response: &HttpResponse) -> Result<(), HoneycombError> {
    let status = response.status;
    if status.is_success() {
        return Ok(());
    }
    let (message, details) = error_message(&response.body);
    let message = message.unwrap_or_else(|| status.canonical_reason().unwrap_or("").to_string());
    Err(match status {
        StatusCode::UNAUTHORIZED => HoneycombError::Unauthorized {
            status: status.as_u16(),
            message,
        },
        StatusCode::FORBIDDEN => HoneycombError::Forbidden {
            status: status.as_u16(),
            message,
        },
        StatusCode::NOT_FOUND => HoneycombError::NotFound { message },
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => HoneycombError::Invalid {
            status: status.as_u16(),
            message,
            details,
        },
        StatusCode::TOO_MANY_REQUESTS => HoneycombError::RateLimited {
            message,
            reset_in: rate_limit_wait(&response.headers, SystemTime::now()),
        },
        _ => HoneycombError::Status {
            status: status.as_u16(),
            message,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_error_shapes() {
        assert_eq!(
            error_message(br#"{"error":"unknown API key - check your credentials"}"#),
            (
                Some("unknown API key - check your credentials".into()),
                vec![]
            )
        );
        assert_eq!(
            error_message(
                br#"{"status":422,"type":"https://api.honeycomb.io/problems/validation-failed","title":"The provided input is invalid.","error":"The provided input is invalid.",
                   "type_detail":[{"field":"calculations[0].op","code":"invalid","description":"unknown op"}]}"#
            ),
            (
                Some("The provided input is invalid.".into()),
                vec!["calculations[0].op: unknown op".to_string()]
            )
        );
        assert_eq!(
            error_message(br#"{"status":429,"type":"x","title":"t","error":"e","detail":"This endpoint allows 10 requests per minute."}"#).0,
            Some("This endpoint allows 10 requests per minute.".into())
        );
        assert_eq!(
            error_message(br#"{"errors":[{"id":"1","code":"rate-limited/may-retry","title":"request rate limit exceeded","detail":"Please try again later."}]}"#),
            (Some("Please try again later.".into()), vec![])
        );
        assert_eq!(error_message(b"<html>"), (None, vec![]));
    }
}
