//! AWS configuration shared by the X-Ray and CloudWatch Logs commands: one `SdkConfig` from
//! `--region` / the profile / `--endpoint-url` (the SDK itself honours `AWS_ENDPOINT_URL`,
//! `AWS_ENDPOINT_URL_XRAY` and `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS` when no flag is given),
//! the standard retry mode, timeouts, and an interceptor that reports calls to the observer.

use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeDeserializationInterceptorContextMut, BeforeDeserializationInterceptorContextRef,
    BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpResponse, Metadata};
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::{ConfigBag, Storable, StoreReplace};
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use super::{ClientEvent, Observer};

/// Attempts per AWS call in the SDK's standard retry mode (which backs off with jitter on
/// throttling and transient errors, and uses a retry quota so storms do not amplify).
pub const AWS_MAX_ATTEMPTS: u32 = 5;

/// The longest one attempt may wait for an answer: a page of FilterLogEvents or trace
/// summaries takes a second or two; a server silent for this long is not going to answer.
pub const AWS_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(15);

/// The most one call may take, every retry included: a server that never answers costs the
/// user this long, not attempts x attempt timeout.
pub const AWS_OPERATION_TIMEOUT: Duration = Duration::from_secs(30);

/// What the user chose, already resolved through flag > env > file.
#[derive(Debug, Clone, Default)]
pub struct AwsSettings {
    pub region: Option<String>,
    pub profile: Option<String>,
    pub endpoint_url: Option<String>,
}

/// Why an AWS configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum AwsSetupError {
    #[error("no AWS region is configured")]
    NoRegion,
}

/// Loads the SDK configuration the AWS commands share.
pub async fn sdk_config(settings: &AwsSettings) -> Result<SdkConfig, AwsSetupError> {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(RetryConfig::standard().with_max_attempts(AWS_MAX_ATTEMPTS))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(5))
                .operation_attempt_timeout(AWS_ATTEMPT_TIMEOUT)
                .operation_timeout(AWS_OPERATION_TIMEOUT)
                .build(),
        );
    if let Some(region) = &settings.region {
        loader = loader.region(Region::new(region.clone()));
    }
    if let Some(profile) = &settings.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(url) = &settings.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    let loaded = loader.load().await;
    if loaded.region().is_none() {
        return Err(AwsSetupError::NoRegion);
    }
    // An empty AWS_ENDPOINT_URL (or a service's) is unset, as the AWS CLI treats it; the
    // SDK would take it for an endpoint and fail an assertion on every call.
    let mut builder = loaded.to_builder();
    if loaded.endpoint_url().is_some_and(str::is_empty) {
        builder.set_endpoint_url(None);
    }
    Ok(builder
        .service_config(NonEmptyServiceConfig(loaded.clone()))
        .build())
}

/// The SDK's own service configuration (environment and profile), with empty values unset.
#[derive(Debug)]
struct NonEmptyServiceConfig(SdkConfig);

impl aws_types::service_config::LoadServiceConfig for NonEmptyServiceConfig {
    fn load_config(&self, key: aws_types::service_config::ServiceConfigKey<'_>) -> Option<String> {
        self.0
            .service_config()?
            .load_config(key)
            .filter(|value| !value.trim().is_empty())
    }
}

/// A CloudWatch Logs client whose calls are reported to `observer`.
pub fn logs_client(
    config: &SdkConfig,
    observer: Arc<dyn Observer>,
) -> aws_sdk_cloudwatchlogs::Client {
    let conf = aws_sdk_cloudwatchlogs::config::Builder::from(config)
        .interceptor(ObserverInterceptor { observer })
        .interceptor(AnswerLimit)
        .retry_classifier(BadAnswersAreFinal)
        .build();
    aws_sdk_cloudwatchlogs::Client::from_conf(conf)
}

/// An X-Ray client whose calls are reported to `observer`.
pub fn xray_client(config: &SdkConfig, observer: Arc<dyn Observer>) -> aws_sdk_xray::Client {
    let conf = aws_sdk_xray::config::Builder::from(config)
        .interceptor(ObserverInterceptor { observer })
        .interceptor(AnswerLimit)
        .retry_classifier(BadAnswersAreFinal)
        .build();
    aws_sdk_xray::Client::from_conf(conf)
}

/// An STS client (for `doctor`'s "who am I") whose calls are reported to `observer`.
pub fn sts_client(config: &SdkConfig, observer: Arc<dyn Observer>) -> aws_sdk_sts::Client {
    let conf = aws_sdk_sts::config::Builder::from(config)
        .interceptor(ObserverInterceptor { observer })
        .interceptor(AnswerLimit)
        .retry_classifier(BadAnswersAreFinal)
        .build();
    aws_sdk_sts::Client::from_conf(conf)
}

/// Who the credentials belong to (STS GetCallerIdentity): the ARN.
pub async fn caller_arn(client: &aws_sdk_sts::Client) -> Result<String, AwsFailure> {
    let me = client
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| classify(&e))?;
    Ok(me.arn.unwrap_or_default())
}

/// An AWS call failure, sorted into what a command can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AwsFailure {
    /// No credentials anywhere in the chain (env, files, SSO, IMDS).
    NoCredentials(String),
    /// Still throttled after the SDK's retries.
    Throttled { code: String },
    /// The service answered with an error code (`ResourceNotFoundException`, ...).
    Service { code: String, message: String },
    /// No answer in time.
    Timeout,
    /// An answer no AWS API gives (larger than [`MAX_ANSWER`], nested deeper than
    /// [`MAX_NESTING`], a pagination token handed back twice): what was wrong with it.
    BadAnswer(String),
    /// The endpoint could not be reached or the connection broke.
    Transport(String),
    /// An answer the SDK could not read (not the service's JSON, a proxy's HTML page, an
    /// error without a code): the error's source chain, outermost first, says what it was.
    Unreadable {
        status: Option<u16>,
        /// The start of the answer, which usually says who sent it.
        began: Option<String>,
        causes: Vec<String>,
    },
}

impl std::fmt::Display for AwsFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AwsFailure::NoCredentials(reason) => write!(f, "no AWS credentials found ({reason})"),
            AwsFailure::Throttled { code } => write!(f, "AWS kept throttling the request ({code})"),
            AwsFailure::Service { code, message } if message.is_empty() => f.write_str(code),
            AwsFailure::Service { code, message } => write!(f, "{code}: {message}"),
            AwsFailure::Timeout => f.write_str("AWS did not answer in time"),
            AwsFailure::BadAnswer(e) => write!(f, "{e}"),
            AwsFailure::Transport(reason) => write!(f, "cannot reach AWS: {reason}"),
            AwsFailure::Unreadable {
                status: Some(status),
                ..
            } => write!(
                f,
                "AWS answered HTTP {status} with a body tracectl cannot read"
            ),
            AwsFailure::Unreadable { status: None, .. } => {
                f.write_str("AWS answered with a body tracectl cannot read")
            }
        }
    }
}

/// Sorts an SDK error. Credentials problems surface as construction/dispatch failures whose
/// source chain holds the provider's error, so the chain is searched for it.
pub fn classify<E>(err: &SdkError<E, HttpResponse>) -> AwsFailure
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    if let SdkError::ServiceError(service) = err {
        let e = service.err();
        let Some(code) = e.code().map(str::to_string) else {
            return AwsFailure::Unreadable {
                status: Some(service.raw().status().as_u16()),
                began: body_start(service.raw()),
                causes: source_chain(err),
            };
        };
        let message = e.message().unwrap_or_default().to_string();
        if is_throttling(&code) {
            return AwsFailure::Throttled { code };
        }
        return AwsFailure::Service { code, message };
    }
    if let Some(too_large) = find_in_chain::<AnswerTooLarge>(err) {
        return AwsFailure::BadAnswer(too_large.to_string());
    }
    if let Some(too_deep) = find_in_chain::<AnswerTooDeep>(err) {
        return AwsFailure::BadAnswer(too_deep.to_string());
    }
    if let SdkError::ResponseError(response) = err {
        return AwsFailure::Unreadable {
            status: Some(response.raw().status().as_u16()),
            began: body_start(response.raw()),
            causes: source_chain(err),
        };
    }
    if let SdkError::TimeoutError(_) = err {
        return AwsFailure::Timeout;
    }
    let mut chain: Vec<String> = Vec::new();
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = current {
        if e.downcast_ref::<aws_credential_types::provider::error::CredentialsError>()
            .is_some()
        {
            return AwsFailure::NoCredentials(e.to_string());
        }
        chain.push(e.to_string());
        current = e.source();
    }
    let reason = chain
        .last()
        .cloned()
        .unwrap_or_else(|| "unknown error".into());
    if let SdkError::DispatchFailure(d) = err
        && d.is_timeout()
    {
        return AwsFailure::Timeout;
    }
    AwsFailure::Transport(reason)
}

/// The first error of type `T` in `err`'s source chain.
fn find_in_chain<'a, T: std::error::Error + 'static>(
    err: &'a (dyn std::error::Error + 'static),
) -> Option<&'a T> {
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        current = e.source();
    }
    None
}

/// The largest AWS answer read. The largest legitimate ones are a page of log events
/// (at most 1 MB of events, 10,000 of them, as JSON) and a BatchGetTraces page of five
/// traces of segment documents (each up to 64 KB): a few MiB. 32 MiB leaves room and
/// stops a server that streams without end long before it hurts.
pub const MAX_ANSWER: usize = 32 * 1024 * 1024;

/// An answer larger than [`MAX_ANSWER`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{host} sent an answer larger than {} MiB, tracectl's limit for AWS; it was not read further", MAX_ANSWER / (1024 * 1024))]
pub struct AnswerTooLarge {
    pub host: String,
}

/// The deepest nesting of objects and arrays read in an AWS answer. Their answers nest a
/// handful of levels (segment documents travel as strings, whose brackets do not count).
pub const MAX_NESTING: usize = 64;

/// An answer nested deeper than [`MAX_NESTING`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{host} sent an answer nested more than {MAX_NESTING} levels deep, which no AWS API does; it was not parsed"
)]
pub struct AnswerTooDeep {
    pub host: String,
}

/// The nesting depth of JSON read piece by piece: brackets outside strings, string escapes
/// followed across pieces.
#[derive(Debug, Default)]
struct JsonDepth {
    depth: usize,
    deepest: usize,
    in_string: bool,
    escaped: bool,
}

impl JsonDepth {
    /// Reads the next piece; returns the deepest level seen so far.
    fn feed(&mut self, bytes: &[u8]) -> usize {
        for &b in bytes {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                }
                continue;
            }
            match b {
                b'"' => self.in_string = true,
                b'[' | b'{' => {
                    self.depth += 1;
                    self.deepest = self.deepest.max(self.depth);
                }
                b']' | b'}' => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
        }
        self.deepest
    }
}

/// An answer too large or too deep is what that server sends: asking again would read
/// it again, so such an error is never retried.
#[derive(Debug)]
struct BadAnswersAreFinal;

impl aws_smithy_runtime_api::client::retries::classifiers::ClassifyRetry for BadAnswersAreFinal {
    fn classify_retry(
        &self,
        ctx: &aws_smithy_runtime_api::client::interceptors::context::InterceptorContext,
    ) -> aws_smithy_runtime_api::client::retries::classifiers::RetryAction {
        use aws_smithy_runtime_api::client::retries::classifiers::RetryAction;
        let Some(Err(error)) = ctx.output_or_error() else {
            return RetryAction::NoActionIndicated;
        };
        let bad = find_in_chain::<AnswerTooLarge>(error).is_some()
            || find_in_chain::<AnswerTooDeep>(error).is_some();
        if bad {
            RetryAction::RetryForbidden
        } else {
            RetryAction::NoActionIndicated
        }
    }

    fn name(&self) -> &'static str {
        "tracectl-bad-answers-are-final"
    }
}

/// The host a request went to, for [`AnswerTooLarge`].
#[derive(Debug, Clone)]
struct AnswerHost(String);

impl Storable for AnswerHost {
    type Storer = StoreReplace<Self>;
}

/// Caps every AWS answer at [`MAX_ANSWER`]: the SDK reads a body whole before parsing it,
/// so the body it reads is wrapped here, between transmit and deserialization.
#[derive(Debug)]
struct AnswerLimit;

impl Intercept for AnswerLimit {
    fn name(&self) -> &'static str {
        "tracectl-answer-limit"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        // The request is gone by the time its answer is read: keep its host for the error.
        if let Some(host) = reqwest::Url::parse(context.request().uri())
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
        {
            cfg.interceptor_state().store_put(AnswerHost(host));
        }
        Ok(())
    }

    fn modify_before_deserialization(
        &self,
        context: &mut BeforeDeserializationInterceptorContextMut<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        use http_body_util::BodyExt;
        let host = cfg
            .load::<AnswerHost>()
            .map_or_else(|| "the AWS endpoint".into(), |h| h.0.clone());
        let declared = context
            .response()
            .headers()
            .get("content-length")
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|n| n > MAX_ANSWER as u64) {
            return Err(Box::new(AnswerTooLarge { host }));
        }
        use futures::StreamExt;
        let response = context.response_mut();
        let body = std::mem::replace(response.body_mut(), SdkBody::taken());
        let too_large = host.clone();
        let limited =
            http_body_util::Limited::new(body, MAX_ANSWER).map_err(move |e| -> BoxError {
                if e.is::<http_body_util::LengthLimitError>() {
                    Box::new(AnswerTooLarge {
                        host: too_large.clone(),
                    })
                } else {
                    e
                }
            });
        // The SDK's JSON parser recurses once per level of nesting: an answer nested
        // thousands deep would overflow the stack (an abort, not an error). Each piece is
        // scanned for depth as it arrives, before the parser sees any of it.
        let mut depth = JsonDepth::default();
        let checked = limited.into_data_stream().map(move |piece| {
            let piece = piece?;
            if depth.feed(&piece) > MAX_NESTING {
                return Err(Box::new(AnswerTooDeep { host: host.clone() }) as BoxError);
            }
            Ok(http_body::Frame::data(piece))
        });
        *response.body_mut() = SdkBody::from_body_1_x(http_body_util::StreamBody::new(checked));
        Ok(())
    }
}

/// The pagination tokens one listing has been given. A token handed back a second time
/// would page for ever (a loop of pages, each a rate-limited call): it is an error at once.
#[derive(Debug, Default)]
pub struct Tokens {
    seen: std::collections::HashSet<String>,
}

impl Tokens {
    /// The token to ask for the next page with, `None` when `next` ends the listing (no
    /// token, or an empty one), or the error of a token already given for `what`.
    pub fn next(&mut self, next: Option<String>, what: &str) -> Result<Option<String>, AwsFailure> {
        let Some(token) = next.filter(|t| !t.is_empty()) else {
            return Ok(None);
        };
        if !self.seen.insert(token.clone()) {
            return Err(AwsFailure::BadAnswer(format!(
                "AWS handed back a pagination token it had already given for {what} (after {} pages); stopped rather than page for ever",
                self.seen.len() + 1
            )));
        }
        Ok(Some(token))
    }
}

/// The first 200 characters of a response body, if it was read.
fn body_start(response: &HttpResponse) -> Option<String> {
    let bytes = response.body().bytes()?;
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(800)]);
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then(|| text.chars().take(200).collect())
}

/// The messages of an error's sources, outermost first, without repeats (the SDK's layers
/// often restate the same text).
fn source_chain(err: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut causes: Vec<String> = Vec::new();
    let mut current = err.source();
    while let Some(e) = current {
        let text = e.to_string();
        if !causes.iter().any(|c| c == &text) && !text.is_empty() {
            causes.push(text);
        }
        current = e.source();
    }
    causes
}

/// Throttling codes of the services tracectl calls (X-Ray answers `ThrottledException`).
pub fn is_throttling(code: &str) -> bool {
    matches!(
        code,
        "ThrottlingException"
            | "ThrottledException"
            | "Throttling"
            | "TooManyRequestsException"
            | "RequestLimitExceeded"
            | "LimitExceededException"
    )
}

/// Reports each AWS call attempt to the observer (`-v`), bodies at `-vv`. Signed headers are
/// never reported, so credentials cannot leak through traces.
#[derive(Clone)]
struct ObserverInterceptor {
    observer: Arc<dyn Observer>,
}

impl std::fmt::Debug for ObserverInterceptor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ObserverInterceptor")
    }
}

#[derive(Debug, Clone)]
struct AttemptStart {
    at: Instant,
    attempt: u32,
}

impl Storable for AttemptStart {
    type Storer = StoreReplace<Self>;
}

fn service_name(cfg: &ConfigBag) -> String {
    cfg.load::<Metadata>().map_or_else(
        || "aws".to_string(),
        |m| format!("{}.{}", m.service().replace(' ', ""), m.name()),
    )
}

impl Intercept for ObserverInterceptor {
    fn name(&self) -> &'static str {
        "tracectl-observer"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let attempt = cfg.load::<AttemptStart>().map_or(1, |a| a.attempt + 1);
        cfg.interceptor_state().store_put(AttemptStart {
            at: Instant::now(),
            attempt,
        });
        let request = context.request();
        self.observer.on_event(&ClientEvent::Request {
            service: service_name(cfg),
            method: request.method().to_string(),
            url: request.uri().to_string(),
            attempt,
        });
        if let Some(body) = request
            .body()
            .bytes()
            .filter(|_| self.observer.wants_bodies())
        {
            self.observer.on_event(&ClientEvent::Body {
                direction: '>',
                text: String::from_utf8_lossy(body).into_owned(),
            });
        }
        Ok(())
    }

    fn read_after_transmit(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let elapsed = cfg
            .load::<AttemptStart>()
            .map_or(Duration::ZERO, |a| a.at.elapsed());
        let response = context.response();
        self.observer.on_event(&ClientEvent::Response {
            service: service_name(cfg),
            status: response.status().as_u16(),
            elapsed,
        });
        if let Some(body) = response
            .body()
            .bytes()
            .filter(|_| self.observer.wants_bodies())
        {
            self.observer.on_event(&ClientEvent::Body {
                direction: '<',
                text: String::from_utf8_lossy(body).into_owned(),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_brackets_outside_strings_across_pieces() {
        let mut depth = JsonDepth::default();
        assert_eq!(depth.feed(br#"{"Document":"{\"a\":[[[[\"], \"b"#), 1);
        assert_eq!(depth.feed(br#"\\\"\"}","x":[{"y":[]}]"#), 4);
        assert_eq!(depth.feed(b"}"), 4);
        let mut deep = JsonDepth::default();
        assert_eq!(deep.feed(&[b'['; 20_000]), 20_000);
    }
}
