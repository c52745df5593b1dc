//! Is anything there? Short, read-only probes of the addresses an app sends telemetry to
//! (`tracectl doctor`): a TCP connect, and the X-Ray daemon's sampling endpoint.

use std::time::Duration;

use crate::clients::http::{HttpClientBuilder, Retry, RetryPolicy};

/// The `Server` header of `local listen`'s X-Ray sampling endpoints, by which a probe knows
/// the daemon port is tracectl's own listener.
pub const LOCAL_LISTEN_SERVER: &str = "tracectl-local-listen";

/// How long a probe waits for an answer.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// Whether something accepts TCP connections at `host:port`; the reason when not.
pub async fn tcp_reachable(host: &str, port: u16) -> Result<(), String> {
    match tokio::time::timeout(PROBE_TIMEOUT, tokio::net::TcpStream::connect((host, port))).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err(format!("no answer within {} s", PROBE_TIMEOUT.as_secs())),
    }
}

/// Who answers the X-Ray daemon's TCP side at an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SamplingAnswer {
    /// `tracectl local listen`.
    Tracectl,
    /// Something that answers GetSamplingRules as the daemon does.
    Daemon,
    /// Something else (what it said).
    Other(String),
    /// Nothing listens (why).
    Nothing(String),
}

/// Asks `POST /GetSamplingRules` at `host:port`, as the X-Ray SDKs do.
pub async fn xray_sampling(host: &str, port: u16) -> SamplingAnswer {
    if let Err(why) = tcp_reachable(host, port).await {
        return SamplingAnswer::Nothing(why);
    }
    // One attempt, briefly: a probe reports what is there, it does not wait it out.
    let client = HttpClientBuilder::new("x-ray daemon")
        .connect_timeout(PROBE_TIMEOUT)
        .timeout(PROBE_TIMEOUT)
        .retry_policy(RetryPolicy {
            max_attempts: 1,
            budget: PROBE_TIMEOUT,
            ..RetryPolicy::default()
        })
        .build();
    let client = match client {
        Ok(client) => client,
        Err(e) => return SamplingAnswer::Other(e.to_string()),
    };
    let Ok(url) = reqwest::Url::parse(&format!("http://{host}:{port}/GetSamplingRules")) else {
        return SamplingAnswer::Other(format!("{host}:{port} is not an address"));
    };
    let request = client
        .request(reqwest::Method::POST, url)
        .json(&serde_json::json!({}));
    let response = match client.send(request, Retry::Idempotent).await {
        Ok(r) => r,
        Err(e) => return SamplingAnswer::Other(format!("no HTTP answer: {e}")),
    };
    let server = response
        .headers
        .get(reqwest::header::SERVER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    if server == LOCAL_LISTEN_SERVER {
        return SamplingAnswer::Tracectl;
    }
    let status = response.status;
    let body: serde_json::Value = response.json().unwrap_or_default();
    if status.is_success() && body.get("SamplingRuleRecords").is_some() {
        SamplingAnswer::Daemon
    } else {
        SamplingAnswer::Other(format!("HTTP {status} without sampling rules"))
    }
}
