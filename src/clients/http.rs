//! The one HTTP client builder. Every request tracectl makes to Honeycomb or Rollbar goes
//! through [`HttpClient::send`], so every request gets the user agent, timeouts, bounded
//! retries with exponential backoff and full jitter, rate-limit handling and redaction.
//! (`reqwest::Client::new` is banned elsewhere by clippy's `disallowed-methods`.)
//!
//! Retry rules, chosen so a retry can never do something twice:
//! - a connection that could not be opened: always retried (nothing was sent);
//! - 429: always retried (the server refused it), after `Retry-After` or the `RateLimit`
//!   reset when given (Honeycomb sends no Retry-After), as long as the wait is bounded;
//! - 5xx, timeouts and connections that broke mid-request: retried only for requests the
//!   caller marks [`Retry::Idempotent`] — a POST that creates something is not replayed.
//!
//! Every request, retries and waits included, fits in a budget ([`RetryPolicy::budget`]) and
//! in the command's own deadline when it has one (`honeycomb query --timeout`): a server
//! that never answers costs the user that long, not attempts x timeout.
//!
//! Redirects are followed only within the same origin (scheme, host and port), by a
//! `reqwest::redirect::Policy::custom` that reports each hop to the observer: reqwest's
//! default would re-send `X-Honeycomb-Team` or `X-Rollbar-Access-Token` to whatever host a
//! redirect names (it strips only Authorization and Cookie). A redirect elsewhere is an
//! error that names where it pointed.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use rand::Rng;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use reqwest::{Method, StatusCode, Url};

use super::{ClientEvent, Observer, RetryReason, SAY_SLOW_AFTER, Silent};

/// `tracectl/<version>`, sent on every request.
pub const USER_AGENT_VALUE: &str = concat!("tracectl/", env!("CARGO_PKG_VERSION"));

/// How far a request may be retried.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// The first backoff ceiling; it doubles each attempt up to `max_backoff`.
    pub base_backoff: Duration,
    pub max_backoff: Duration,
    /// The longest rate-limit wait tracectl sits through; a longer one is returned to the
    /// caller, which can say when the limit resets.
    pub max_rate_limit_wait: Duration,
    /// The most one request may take, every attempt and wait included.
    pub budget: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            base_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(8),
            max_rate_limit_wait: Duration::from_secs(65),
            budget: Duration::from_secs(70),
        }
    }
}

impl RetryPolicy {
    /// Full jitter (AWS architecture blog, "Exponential Backoff and Jitter"): a uniform wait
    /// in `[0, min(cap, base * 2^(attempt-1))]`, which spreads retries of many clients.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let exp = self.base_backoff.saturating_mul(
            1u32.checked_shl(attempt.saturating_sub(1))
                .unwrap_or(u32::MAX),
        );
        let ceiling = exp.min(self.max_backoff);
        let millis = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(rand::rng().random_range(0..=millis))
    }

    /// What to do after a response with `status`: hand it back, or wait and retry.
    pub fn decide(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        retry: Retry,
        attempt: u32,
        now: SystemTime,
    ) -> Decision {
        if attempt >= self.max_attempts {
            return Decision::Return;
        }
        if status == StatusCode::TOO_MANY_REQUESTS {
            let wait = rate_limit_wait(headers, now).unwrap_or_else(|| self.backoff(attempt));
            if wait > self.max_rate_limit_wait {
                return Decision::Return;
            }
            return Decision::Retry(wait, RetryReason::RateLimited);
        }
        let transient = matches!(
            status,
            StatusCode::INTERNAL_SERVER_ERROR
                | StatusCode::BAD_GATEWAY
                | StatusCode::SERVICE_UNAVAILABLE
                | StatusCode::GATEWAY_TIMEOUT
        );
        if transient && retry == Retry::Idempotent {
            return Decision::Retry(
                self.backoff(attempt),
                RetryReason::ServerError(status.as_u16()),
            );
        }
        Decision::Return
    }
}

/// Whether the request may be sent again after the server may have processed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// GETs, and POSTs the server de-duplicates (a Rollbar item carries its uuid).
    Idempotent,
    /// Creates something each time (a Honeycomb query result): never replayed blindly.
    Unsafe,
}

/// The outcome of [`RetryPolicy::decide`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Return,
    Retry(Duration, RetryReason),
}

/// How long a 429 asks us to wait: `Retry-After` (seconds or an HTTP date), the IETF
/// `RateLimit` header (`limit=10, remaining=0, reset=42` or `...;t=42`), `RateLimit-Reset`,
/// or `X-Rate-Limit-Reset`. A reset above 10^9 is an epoch time (Rollbar sends those).
pub fn rate_limit_wait(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(v) = text("retry-after") {
        if let Ok(secs) = v.parse::<u64>() {
            return Some(Duration::from_secs(secs));
        }
        if let Ok(at) = httpdate::parse_http_date(v) {
            return Some(at.duration_since(now).unwrap_or_default());
        }
    }
    let reset = text("ratelimit")
        .and_then(|v| {
            v.split([',', ';'])
                .map(str::trim)
                .find_map(|part| {
                    part.strip_prefix("reset=")
                        .or_else(|| part.strip_prefix("t="))
                })
                .map(str::to_string)
        })
        .or_else(|| text("ratelimit-reset").map(str::to_string))
        .or_else(|| text("x-rate-limit-reset").map(str::to_string))?;
    let value: u64 = reset.trim().parse().ok()?;
    if value > 1_000_000_000 {
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(value);
        Some(at.duration_since(now).unwrap_or_default())
    } else {
        Some(Duration::from_secs(value))
    }
}

/// Replaces secrets with `[REDACTED]` in anything that may be shown: URLs, headers, bodies.
#[derive(Debug, Default, Clone)]
pub struct Redactor {
    secrets: Vec<String>,
}

/// Headers whose values are credentials whatever they contain.
const SENSITIVE_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-honeycomb-team",
    "x-rollbar-access-token",
    "x-amz-security-token",
];

use crate::redact::{REDACTED, SENSITIVE_PARAMS};

impl Redactor {
    pub fn new(secrets: impl IntoIterator<Item = String>) -> Self {
        // Very short "secrets" would redact ordinary words; real keys are long.
        let mut secrets: Vec<String> = secrets.into_iter().filter(|s| s.len() >= 6).collect();
        // Longest first, so a secret that contains another is replaced whole.
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        Self { secrets }
    }

    pub fn text(&self, text: &str) -> String {
        self.secrets
            .iter()
            .fold(text.to_string(), |acc, s| acc.replace(s.as_str(), REDACTED))
    }

    pub fn header(&self, name: &str, value: &str) -> String {
        if SENSITIVE_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
            REDACTED.to_string()
        } else {
            self.text(value)
        }
    }

    pub fn url(&self, url: &Url) -> String {
        let mut url = url.clone();
        if url.query().is_some() {
            let pairs: Vec<(String, String)> = url
                .query_pairs()
                .map(|(k, v)| {
                    let v = if SENSITIVE_PARAMS.contains(&k.to_ascii_lowercase().as_str()) {
                        REDACTED.to_string()
                    } else {
                        v.into_owned()
                    };
                    (k.into_owned(), v)
                })
                .collect();
            url.query_pairs_mut().clear().extend_pairs(pairs);
        }
        if url.password().is_some() {
            let _ = url.set_password(Some(REDACTED));
        }
        self.text(url.as_str())
    }
}

/// A transport failure that survived the retries. Messages are redacted and name the host.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("cannot connect to {host}: {reason}")]
    Connect {
        host: String,
        reason: String,
        attempts: u32,
    },
    #[error("no answer from {host} within {} s", .timeout.as_secs())]
    Timeout {
        host: String,
        timeout: Duration,
        attempts: u32,
    },
    #[error("the connection to {host} failed: {reason}")]
    Transport {
        host: String,
        reason: String,
        attempts: u32,
    },
    #[error(
        "{host} redirected the request to {to}, another origin; tracectl follows redirects only within the same scheme, host and port, so the API key is never sent elsewhere"
    )]
    CrossOriginRedirect { host: String, to: String },
    #[error("{host} redirected the request more than {MAX_REDIRECTS} times")]
    TooManyRedirects { host: String },
    #[error(
        "{host} sent an answer larger than {} MiB, tracectl's limit for the {service} API; it was not read further",
        .limit / (1024 * 1024)
    )]
    TooLarge {
        host: String,
        service: String,
        limit: usize,
    },
    #[error("invalid request: {0}")]
    Request(String),
    #[error("cannot set up HTTPS: {0}")]
    Build(String),
}

/// Same-origin redirects followed for one request before giving up.
pub const MAX_REDIRECTS: u32 = 5;

/// A complete response: the body is read inside the retry loop, so a connection that drops
/// mid-body is retried like any other broken connection.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    pub attempts: u32,
}

impl HttpResponse {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }
}

/// Builds an [`HttpClient`]; the only place a `reqwest::Client` is made.
pub struct HttpClientBuilder {
    service: String,
    connect_timeout: Duration,
    timeout: Duration,
    policy: RetryPolicy,
    secrets: Vec<String>,
    default_headers: HeaderMap,
    observer: Arc<dyn Observer>,
    deadline: Option<Instant>,
    max_body: usize,
}

/// The largest answer read when an API sets none of its own: far above any JSON answer of
/// the APIs tracectl calls, far below what would hurt the machine.
pub const DEFAULT_MAX_BODY: usize = 16 * 1024 * 1024;

impl HttpClientBuilder {
    /// `service` names the API in traces and errors ("honeycomb", "rollbar").
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(20),
            policy: RetryPolicy::default(),
            secrets: Vec::new(),
            default_headers: HeaderMap::new(),
            observer: Arc::new(Silent),
            deadline: None,
            max_body: DEFAULT_MAX_BODY,
        }
    }

    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// The limit for one attempt, from connect to the last byte of the body.
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// No request of this client runs past `at` (a command's `--timeout`), retries included.
    pub fn deadline(mut self, at: Option<Instant>) -> Self {
        self.deadline = at;
        self
    }

    /// Sends `name: value` on every request and redacts `value` wherever it would be shown.
    pub fn secret_header(mut self, name: &str, value: &str) -> Result<Self, HttpError> {
        let header_name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| HttpError::Request(format!("'{name}' is not a header name")))?;
        let mut header = HeaderValue::from_str(value).map_err(|_| {
            HttpError::Request(format!(
                "the value for {name} has characters a header cannot carry"
            ))
        })?;
        header.set_sensitive(true);
        self.default_headers.insert(header_name, header);
        self.secrets.push(value.to_string());
        Ok(self)
    }

    pub fn observer(mut self, observer: Arc<dyn Observer>) -> Self {
        self.observer = observer;
        self
    }

    /// The largest response body read; a larger one fails the request (never retried:
    /// the server would send it again).
    pub fn max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    pub fn build(self) -> Result<HttpClient, HttpError> {
        let mut headers = self.default_headers;
        headers.insert(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE));
        // reqwest adds default headers at send time; keep a copy so `-vv` shows them too.
        let headers_for_trace = headers.clone();
        let redactor = Redactor::new(self.secrets);
        let redirects = same_origin_redirects(
            self.service.clone(),
            redactor.clone(),
            self.observer.clone(),
        );
        #[allow(clippy::disallowed_methods)] // this is the one place allowed to build a client
        let client = reqwest::Client::builder()
            .default_headers(headers)
            .redirect(redirects)
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .build()
            .map_err(|e| HttpError::Build(innermost(&e)))?;
        Ok(HttpClient {
            client,
            default_headers: headers_for_trace,
            service: self.service,
            timeout: self.timeout,
            policy: self.policy,
            redactor,
            observer: self.observer,
            deadline: self.deadline,
            max_body: self.max_body,
        })
    }
}

/// Why the redirect policy stopped a request: said as [`HttpError`] by `send`.
#[derive(Debug, thiserror::Error)]
enum RedirectRefused {
    #[error("a redirect to another origin ({to})")]
    CrossOrigin { to: String },
    #[error("more than {MAX_REDIRECTS} redirects")]
    TooMany,
}

/// Follows a redirect only to the origin of the first request, at most [`MAX_REDIRECTS`]
/// times, telling the observer of each hop (its URL redacted). reqwest turns a 301/302/303
/// after anything but GET/HEAD into a GET without a body, as browsers and curl -L do, and
/// repeats a 307/308 as it was.
fn same_origin_redirects(
    service: String,
    redactor: Redactor,
    observer: Arc<dyn Observer>,
) -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(move |attempt| {
        let shown = redactor.url(attempt.url());
        let first = attempt.previous().first().map(Url::origin);
        if first.is_some_and(|origin| origin != attempt.url().origin()) {
            return attempt.error(RedirectRefused::CrossOrigin { to: shown });
        }
        if attempt.previous().len() > MAX_REDIRECTS as usize {
            return attempt.error(RedirectRefused::TooMany);
        }
        observer.on_event(&ClientEvent::Redirect {
            service: service.clone(),
            status: attempt.status().as_u16(),
            to: shown,
        });
        attempt.follow()
    })
}

/// The redirect policy's refusal inside a transport error, if that is what it is.
fn redirect_refusal(e: &reqwest::Error) -> Option<&RedirectRefused> {
    if !e.is_redirect() {
        return None;
    }
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        if let Some(refused) = cause.downcast_ref::<RedirectRefused>() {
            return Some(refused);
        }
        source = cause.source();
    }
    None
}

/// A configured HTTP client for one API.
pub struct HttpClient {
    client: reqwest::Client,
    default_headers: HeaderMap,
    service: String,
    timeout: Duration,
    policy: RetryPolicy,
    redactor: Redactor,
    observer: Arc<dyn Observer>,
    deadline: Option<Instant>,
    max_body: usize,
}

/// Why an attempt got no whole answer.
enum AttemptError {
    Transport(reqwest::Error),
    /// The body passed the client's limit.
    TooLarge,
}

impl From<reqwest::Error> for AttemptError {
    fn from(e: reqwest::Error) -> Self {
        AttemptError::Transport(e)
    }
}

impl HttpClient {
    /// Starts a request; finish it with [`HttpClient::send`].
    pub fn request(&self, method: Method, url: Url) -> reqwest::RequestBuilder {
        self.client.request(method, url)
    }

    /// Sends the request with the retry rules above and returns the final response, whatever
    /// its status: mapping statuses to errors is each API client's job.
    pub async fn send(
        &self,
        request: reqwest::RequestBuilder,
        retry: Retry,
    ) -> Result<HttpResponse, HttpError> {
        let request = request
            .build()
            .map_err(|e| HttpError::Request(self.redactor.text(&innermost(&e))))?;
        let host = request.url().host_str().unwrap_or("the server").to_string();
        let budget_end = Instant::now() + self.policy.budget;
        let deadline = self.deadline.map_or(budget_end, |d| d.min(budget_end));
        let timed_out = |attempts| HttpError::Timeout {
            host: host.clone(),
            timeout: self.timeout,
            attempts,
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                return Err(timed_out(attempt - 1));
            }
            let mut this_try = request
                .try_clone()
                .ok_or_else(|| HttpError::Request("a streaming body cannot be retried".into()))?;
            // The attempt ends at the deadline at the latest.
            *this_try.timeout_mut() = Some(self.timeout.min(remaining));
            self.trace_request(&this_try, attempt);
            let started = Instant::now();
            let answer = self.attempt(this_try);
            tokio::pin!(answer);
            let answered = tokio::select! {
                answered = &mut answer => answered,
                () = tokio::time::sleep(SAY_SLOW_AFTER) => {
                    self.observer.on_event(&ClientEvent::Slow {
                        service: self.service.clone(),
                        host: host.clone(),
                        waited: SAY_SLOW_AFTER,
                        budget: deadline.saturating_duration_since(Instant::now()),
                    });
                    answer.await
                }
            };
            let failure = match answered {
                Ok((status, headers, body)) => {
                    self.trace_response(status, &headers, &body, started.elapsed());
                    match self
                        .policy
                        .decide(status, &headers, retry, attempt, SystemTime::now())
                    {
                        Decision::Retry(wait, reason) if Instant::now() + wait < deadline => {
                            self.announce_retry(attempt, wait, reason);
                            tokio::time::sleep(wait).await;
                            continue;
                        }
                        Decision::Return | Decision::Retry(..) => {
                            return Ok(HttpResponse {
                                status,
                                headers,
                                body,
                                attempts: attempt,
                            });
                        }
                    }
                }
                Err(AttemptError::Transport(e)) => match redirect_refusal(&e) {
                    Some(RedirectRefused::CrossOrigin { to }) => {
                        let to = to.clone();
                        return Err(HttpError::CrossOriginRedirect { host, to });
                    }
                    Some(RedirectRefused::TooMany) => {
                        return Err(HttpError::TooManyRedirects { host });
                    }
                    None => e,
                },
                Err(AttemptError::TooLarge) => {
                    return Err(HttpError::TooLarge {
                        host,
                        service: self.service.clone(),
                        limit: self.max_body,
                    });
                }
            };
            let reason = self.redactor.text(&innermost(&failure));
            // A refused connection sent nothing, so even a POST may be tried again.
            let nothing_sent = failure.is_connect();
            let wait = self.policy.backoff(attempt);
            if attempt < self.policy.max_attempts
                && (nothing_sent || retry == Retry::Idempotent)
                && Instant::now() + wait < deadline
            {
                let why = if failure.is_timeout() {
                    RetryReason::NoAnswer(self.timeout.min(remaining))
                } else {
                    RetryReason::Connection(reason)
                };
                self.announce_retry(attempt, wait, why);
                tokio::time::sleep(wait).await;
                continue;
            }
            return Err(if failure.is_connect() {
                HttpError::Connect {
                    host,
                    reason,
                    attempts: attempt,
                }
            } else if failure.is_timeout() {
                timed_out(attempt)
            } else {
                HttpError::Transport {
                    host,
                    reason,
                    attempts: attempt,
                }
            });
        }
    }

    /// One request and its whole answer, read up to the client's limit: a server that
    /// streams without end is stopped there, not read into memory.
    async fn attempt(
        &self,
        request: reqwest::Request,
    ) -> Result<(StatusCode, HeaderMap, Vec<u8>), AttemptError> {
        let mut response = self.client.execute(request).await?;
        let status = response.status();
        let headers = response.headers().clone();
        if response
            .content_length()
            .is_some_and(|n| n > self.max_body as u64)
        {
            return Err(AttemptError::TooLarge);
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await? {
            if body.len() + chunk.len() > self.max_body {
                return Err(AttemptError::TooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        Ok((status, headers, body))
    }

    fn trace_request(&self, request: &reqwest::Request, attempt: u32) {
        self.observer.on_event(&ClientEvent::Request {
            service: self.service.clone(),
            method: request.method().to_string(),
            url: self.redactor.url(request.url()),
            attempt,
        });
        if !self.observer.wants_bodies() {
            return;
        }
        let sent = self.default_headers.iter().chain(request.headers());
        self.trace_headers('>', sent);
        if let Some(body) = request.body().and_then(|b| b.as_bytes()) {
            self.observer.on_event(&ClientEvent::Body {
                direction: '>',
                text: self.shown_body(body),
            });
        }
    }

    fn trace_response(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
        elapsed: Duration,
    ) {
        self.observer.on_event(&ClientEvent::Response {
            service: self.service.clone(),
            status: status.as_u16(),
            elapsed,
        });
        if !self.observer.wants_bodies() {
            return;
        }
        self.trace_headers('<', headers.iter());
        if !body.is_empty() {
            self.observer.on_event(&ClientEvent::Body {
                direction: '<',
                text: self.shown_body(body),
            });
        }
    }

    fn trace_headers<'h>(
        &self,
        direction: char,
        headers: impl Iterator<Item = (&'h HeaderName, &'h HeaderValue)>,
    ) {
        let headers: Vec<(String, String)> = headers
            .map(|(k, v)| {
                (
                    k.to_string(),
                    self.redactor
                        .header(k.as_str(), v.to_str().unwrap_or("<binary>")),
                )
            })
            .collect();
        if !headers.is_empty() {
            self.observer
                .on_event(&ClientEvent::Headers { direction, headers });
        }
    }

    /// Bodies in `-vv` traces are redacted and cut at 4 KiB, saying how much was cut.
    fn shown_body(&self, body: &[u8]) -> String {
        const LIMIT: usize = 4096;
        let text = String::from_utf8_lossy(&body[..body.len().min(LIMIT)]).into_owned();
        let mut shown = self.redactor.text(&text);
        if body.len() > LIMIT {
            shown.push_str(&format!(" ... ({} more bytes)", body.len() - LIMIT));
        }
        shown
    }

    fn announce_retry(&self, attempt: u32, wait: Duration, reason: RetryReason) {
        self.observer.on_event(&ClientEvent::Retry {
            service: self.service.clone(),
            attempt,
            max_attempts: self.policy.max_attempts,
            wait,
            reason,
        });
    }
}

/// The most specific message in an error chain ("Connection refused (os error 111)"),
/// rather than reqwest's outer "error sending request for url (...)".
fn innermost(err: &(dyn std::error::Error + 'static)) -> String {
    let mut current = err;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn retry_after_seconds_and_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        assert_eq!(
            rate_limit_wait(&headers(&[("retry-after", "7")]), now),
            Some(Duration::from_secs(7))
        );
        let date = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(
            rate_limit_wait(&headers(&[("retry-after", &date)]), now),
            Some(Duration::from_secs(30))
        );
    }

    #[test]
    fn ratelimit_header_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let honeycomb = headers(&[("ratelimit", "limit=10, remaining=0, reset=42")]);
        assert_eq!(
            rate_limit_wait(&honeycomb, now),
            Some(Duration::from_secs(42))
        );
        let structured = headers(&[("ratelimit", "\"default\";r=0;t=9")]);
        assert_eq!(
            rate_limit_wait(&structured, now),
            Some(Duration::from_secs(9))
        );
        let rollbar = headers(&[("x-rate-limit-reset", "1800000020")]);
        assert_eq!(
            rate_limit_wait(&rollbar, now),
            Some(Duration::from_secs(20))
        );
        assert_eq!(rate_limit_wait(&HeaderMap::new(), now), None);
    }

    #[test]
    fn decisions_never_replay_unsafe_requests_on_5xx() {
        let p = RetryPolicy {
            base_backoff: Duration::from_millis(1),
            ..RetryPolicy::default()
        };
        let now = SystemTime::now();
        let none = HeaderMap::new();
        assert!(matches!(
            p.decide(
                StatusCode::SERVICE_UNAVAILABLE,
                &none,
                Retry::Idempotent,
                1,
                now
            ),
            Decision::Retry(_, RetryReason::ServerError(503))
        ));
        assert_eq!(
            p.decide(
                StatusCode::SERVICE_UNAVAILABLE,
                &none,
                Retry::Unsafe,
                1,
                now
            ),
            Decision::Return
        );
        // 429 means "not processed", so even an unsafe request waits and retries.
        let limited = headers(&[("ratelimit", "limit=10, remaining=0, reset=3")]);
        assert_eq!(
            p.decide(
                StatusCode::TOO_MANY_REQUESTS,
                &limited,
                Retry::Unsafe,
                1,
                now
            ),
            Decision::Retry(Duration::from_secs(3), RetryReason::RateLimited)
        );
        // Too long a wait, or the last attempt: hand the response back.
        let long = headers(&[("retry-after", "3600")]);
        assert_eq!(
            p.decide(
                StatusCode::TOO_MANY_REQUESTS,
                &long,
                Retry::Idempotent,
                1,
                now
            ),
            Decision::Return
        );
        assert_eq!(
            p.decide(
                StatusCode::SERVICE_UNAVAILABLE,
                &none,
                Retry::Idempotent,
                p.max_attempts,
                now
            ),
            Decision::Return
        );
        assert_eq!(
            p.decide(StatusCode::NOT_FOUND, &none, Retry::Idempotent, 1, now),
            Decision::Return
        );
    }

    #[test]
    fn backoff_is_bounded_full_jitter() {
        let p = RetryPolicy {
            base_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(400),
            ..RetryPolicy::default()
        };
        for attempt in 1..=10 {
            for _ in 0..50 {
                let ceiling = Duration::from_millis(100 * (1 << (attempt - 1).min(2)));
                assert!(p.backoff(attempt) <= ceiling.min(Duration::from_millis(400)));
            }
        }
        // Full jitter means waits vary (not one fixed step).
        let waits: std::collections::HashSet<_> = (0..50).map(|_| p.backoff(3)).collect();
        assert!(waits.len() > 5);
    }

    #[test]
    fn redaction_of_urls_headers_and_text() {
        let r = Redactor::new(["hcaik_supersecret_123".to_string()]);
        assert_eq!(r.header("X-Honeycomb-Team", "anything"), "[REDACTED]");
        assert_eq!(
            r.header("content-type", "application/json"),
            "application/json"
        );
        assert_eq!(r.text("key=hcaik_supersecret_123!"), "key=[REDACTED]!");
        let url =
            Url::parse("https://u:pw@api.example.com/x/hcaik_supersecret_123?access_token=abc&q=1")
                .unwrap();
        let shown = r.url(&url);
        assert!(
            !shown.contains("hcaik_supersecret_123")
                && !shown.contains("abc")
                && !shown.contains(":pw@"),
            "{shown}"
        );
        assert!(shown.contains("q=1"));
    }
}
