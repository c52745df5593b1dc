//! What an app's environment says about where its telemetry goes, and the classic mistakes
//! in it (`tracectl doctor`): the OpenTelemetry exporter's endpoint, protocol and headers
//! (OTLP exporter specification), and the X-Ray SDK's daemon address.

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Ok,
    Warn,
    Fail,
}

/// One finding: what was seen, and what to do about it when it is not fine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub detail: String,
    pub hint: Option<String>,
}

impl Finding {
    fn ok(detail: impl Into<String>) -> Finding {
        Finding {
            severity: Severity::Ok,
            detail: detail.into(),
            hint: None,
        }
    }

    fn bad(severity: Severity, detail: impl Into<String>, hint: impl Into<String>) -> Finding {
        Finding {
            severity,
            detail: detail.into(),
            hint: Some(hint.into()),
        }
    }
}

/// Where the traces exporter sends, as the SDK works it out from the environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtlpTarget {
    /// The URL spans are posted to (HTTP) or the endpoint dialled (gRPC).
    pub url: String,
    pub host: String,
    pub port: u16,
    pub grpc: bool,
}

/// The traces exporter's endpoint from `get` (an environment), with what is wrong with it.
/// Per the specification: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is used as it is;
/// `OTEL_EXPORTER_OTLP_ENDPOINT` gets `/v1/traces` appended for HTTP; the default is
/// `http://localhost:4318` (HTTP) or `http://localhost:4317` (gRPC); the protocol is
/// `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, else `OTEL_EXPORTER_OTLP_PROTOCOL`, else
/// `http/protobuf`.
pub fn otlp_endpoint(get: &dyn Fn(&str) -> Option<String>) -> (Finding, Option<OtlpTarget>) {
    let protocol = get("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")
        .or_else(|| get("OTEL_EXPORTER_OTLP_PROTOCOL"))
        .unwrap_or_else(|| "http/protobuf".into());
    let grpc = protocol == "grpc";
    let (url, from) = match (
        get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
        get("OTEL_EXPORTER_OTLP_ENDPOINT"),
    ) {
        (Some(traces), _) => (traces, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
        (None, Some(base)) if grpc => (base, "OTEL_EXPORTER_OTLP_ENDPOINT"),
        (None, Some(base)) => (
            format!("{}/v1/traces", base.trim_end_matches('/')),
            "OTEL_EXPORTER_OTLP_ENDPOINT",
        ),
        (None, None) if grpc => ("http://localhost:4317".into(), "the default"),
        (None, None) => ("http://localhost:4318/v1/traces".into(), "the default"),
    };
    let Some(parsed) = reqwest::Url::parse(&url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
    else {
        return (
            Finding::bad(
                Severity::Fail,
                format!("{from} is '{url}', not an http(s) URL"),
                "write the scheme too, e.g. OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318",
            ),
            None,
        );
    };
    let target = OtlpTarget {
        url: url.clone(),
        host: parsed.host_str().unwrap_or_default().to_string(),
        port: parsed.port_or_known_default().unwrap_or(0),
        grpc,
    };
    let shown = format!("{protocol} to {url} ({from})");
    let path = parsed.path().trim_end_matches('/');
    let finding = if !grpc && path.ends_with("/v1/traces/v1/traces") {
        Finding::bad(
            Severity::Fail,
            format!("{shown}: /v1/traces twice"),
            "OTEL_EXPORTER_OTLP_ENDPOINT is the base URL (the SDK adds /v1/traces): drop /v1/traces from it, or set OTEL_EXPORTER_OTLP_TRACES_ENDPOINT instead",
        )
    } else if !grpc && !path.ends_with("/v1/traces") {
        Finding::bad(
            Severity::Fail,
            format!("{shown}: the path is not /v1/traces"),
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is used as it is: end it with /v1/traces (or set OTEL_EXPORTER_OTLP_ENDPOINT, which gets it added)",
        )
    } else if !grpc && target.port == 4317 {
        Finding::bad(
            Severity::Warn,
            format!("{shown}: 4317 is OTLP/gRPC's port"),
            "the HTTP exporter speaks to 4318; use port 4318, or OTEL_EXPORTER_OTLP_PROTOCOL=grpc",
        )
    } else if grpc && target.port == 4318 {
        Finding::bad(
            Severity::Warn,
            format!("{shown}: 4318 is OTLP/HTTP's port"),
            "the gRPC exporter speaks to 4317; use port 4317, or OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
        )
    } else {
        Finding::ok(shown)
    };
    (finding, Some(target))
}

/// `OTEL_EXPORTER_OTLP_(TRACES_)HEADERS`: `key=value` pairs, comma-separated, values
/// percent-encoded (W3C baggage format, as the specification says). Keys lower-cased.
pub fn otlp_headers(get: &dyn Fn(&str) -> Option<String>) -> Vec<(String, String)> {
    let text = get("OTEL_EXPORTER_OTLP_TRACES_HEADERS")
        .or_else(|| get("OTEL_EXPORTER_OTLP_HEADERS"))
        .unwrap_or_default();
    text.split(',')
        .filter_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            Some((
                key.trim().to_ascii_lowercase(),
                percent_decode(value.trim()),
            ))
        })
        .filter(|(key, _)| !key.is_empty())
        .collect()
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// A host and a port.
pub type Address = (String, u16);

/// The X-Ray SDK's daemon address: `AWS_XRAY_DAEMON_ADDRESS` is `host:port` or
/// `tcp:host:port udp:host:port`; the default is 127.0.0.1:2000. Returns (UDP, TCP).
pub fn xray_daemon(value: Option<&str>) -> Result<(Address, Address), String> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        let local = ("127.0.0.1".to_string(), 2000);
        return Ok((local.clone(), local));
    };
    let address = |text: &str| -> Result<Address, String> {
        let (host, port) = text
            .rsplit_once(':')
            .ok_or_else(|| format!("'{text}' has no port"))?;
        let port = port
            .parse()
            .map_err(|_| format!("'{port}' is not a port number"))?;
        Ok((host.to_string(), port))
    };
    let parts: Vec<&str> = value.split_whitespace().collect();
    match parts.as_slice() {
        [one] => {
            let both = address(one)?;
            Ok((both.clone(), both))
        }
        [a, b] => {
            let pick = |prefix: &str| {
                parts
                    .iter()
                    .find_map(|p| p.strip_prefix(prefix))
                    .ok_or_else(|| format!("'{a} {b}' needs both tcp: and udp: parts"))
            };
            Ok((address(pick("udp:")?)?, address(pick("tcp:")?)?))
        }
        _ => Err(format!(
            "'{value}' is neither host:port nor 'tcp:host:port udp:host:port'"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_classic_endpoint_mistakes_are_named() {
        let doubled = otlp_endpoint(&env(&[(
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "http://127.0.0.1:4318/v1/traces",
        )]))
        .0;
        assert_eq!(doubled.severity, Severity::Fail);
        assert!(
            doubled.detail.ends_with("/v1/traces twice"),
            "{}",
            doubled.detail
        );
        let missing = otlp_endpoint(&env(&[(
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "https://api.honeycomb.io",
        )]))
        .0;
        assert_eq!(missing.severity, Severity::Fail);
        let grpc_port = otlp_endpoint(&env(&[(
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "http://localhost:4317",
        )]))
        .0;
        assert_eq!(grpc_port.severity, Severity::Warn);
        let (fine, target) = otlp_endpoint(&env(&[(
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "https://api.honeycomb.io",
        )]));
        assert_eq!(fine.severity, Severity::Ok);
        let target = target.unwrap();
        assert_eq!(
            (
                target.url.as_str(),
                target.host.as_str(),
                target.port,
                target.grpc
            ),
            (
                "https://api.honeycomb.io/v1/traces",
                "api.honeycomb.io",
                443,
                false
            )
        );
        let (grpc, target) = otlp_endpoint(&env(&[("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")]));
        assert_eq!(grpc.severity, Severity::Ok);
        assert_eq!(target.unwrap().port, 4317);
        let no_scheme = otlp_endpoint(&env(&[("OTEL_EXPORTER_OTLP_ENDPOINT", "localhost:4318")])).0;
        assert_eq!(no_scheme.severity, Severity::Fail);
    }

    #[test]
    fn headers_are_pairs_percent_decoded() {
        let headers = otlp_headers(&env(&[(
            "OTEL_EXPORTER_OTLP_HEADERS",
            "x-honeycomb-team=abc%3D1, X-Honeycomb-Dataset=cruddur,broken",
        )]));
        assert_eq!(
            headers,
            [
                ("x-honeycomb-team".to_string(), "abc=1".to_string()),
                ("x-honeycomb-dataset".to_string(), "cruddur".to_string())
            ]
        );
    }

    #[test]
    fn daemon_addresses_in_both_forms() {
        let local = ("127.0.0.1".to_string(), 2000);
        assert_eq!(xray_daemon(None), Ok((local.clone(), local)));
        assert_eq!(
            xray_daemon(Some("tcp:10.0.0.2:2001 udp:10.0.0.3:2002")),
            Ok((("10.0.0.3".into(), 2002), ("10.0.0.2".into(), 2001)))
        );
        assert!(xray_daemon(Some("localhost")).is_err());
    }
}
