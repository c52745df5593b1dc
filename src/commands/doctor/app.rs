//! Doctor's app area: the app's own environment (from --env-file or this shell): where its
//! OpenTelemetry exporter sends and whether anything listens there, its headers and service
//! name, the X-Ray daemon address, and its Rollbar token.

use super::{AppEnv, failed};
use crate::clients::honeycomb::HoneycombClient;
use crate::clients::probe::{SamplingAnswer, tcp_reachable, xray_sampling};
use crate::commands::Context;
use crate::config::{HONEYCOMB_ENDPOINT, Secret};
use crate::model::app_env;
use crate::model::doctor::{self, Check, Status};

const AREA: &str = "app";

pub(super) async fn checks(ctx: &Context, app: &AppEnv) -> Vec<Check> {
    let get = |name: &str| app.get(name);
    let mut checks = Vec::new();

    // Where the OpenTelemetry exporter sends, and whether anything listens there.
    let configured = [
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    ]
    .iter()
    .any(|v| get(v).is_some());
    let (finding, target) = app_env::otlp_endpoint(&get);
    let mut endpoint = Check::of(AREA, "otlp endpoint", finding);
    endpoint.detail = format!("{} [from {}]", endpoint.detail, app.from);
    checks.push(endpoint);
    if let Some(target) = &target {
        checks.push(match tcp_reachable(&target.host, target.port).await {
            Ok(()) => Check::new(AREA, "otlp receiver", Status::Ok, format!("{}:{} accepts connections", target.host, target.port)),
            Err(why) => Check::new(
                AREA,
                "otlp receiver",
                if configured { Status::Fail } else { Status::Warn },
                format!("nothing answers at {}:{} ({why})", target.host, target.port),
            )
            .hint("start `tracectl local listen`, or point OTEL_EXPORTER_OTLP_ENDPOINT where a collector runs"),
        });
        checks.push(otlp_headers(ctx, &get, &target.host).await);
    }
    checks.push(doctor::service_name(&get));

    // The X-Ray SDK sends UDP to the daemon, which nobody acknowledges: see who is there.
    let daemon_var = get("AWS_XRAY_DAEMON_ADDRESS");
    checks.push(match app_env::xray_daemon(daemon_var.as_deref()) {
        Err(why) => Check::new(AREA, "x-ray daemon", Status::Fail, format!("AWS_XRAY_DAEMON_ADDRESS: {why}"))
            .hint("write host:port, e.g. AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:2000"),
        Ok((udp, (host, port))) => {
            let at = format!("{}:{}", udp.0, udp.1);
            match xray_sampling(&host, port).await {
                SamplingAnswer::Tracectl => Check::new(AREA, "x-ray daemon", Status::Ok, format!("tracectl local listen at {at}")),
                SamplingAnswer::Daemon => Check::new(AREA, "x-ray daemon", Status::Ok, format!("an X-Ray daemon at {at}")),
                SamplingAnswer::Other(what) => Check::new(AREA, "x-ray daemon", Status::Warn, format!("something at {host}:{port} answers, but not as the daemon does ({what})"))
                    .hint("AWS_XRAY_DAEMON_ADDRESS should name the X-Ray daemon or `tracectl local listen`"),
                SamplingAnswer::Nothing(why) => Check::new(
                    AREA,
                    "x-ray daemon",
                    if daemon_var.is_some() { Status::Fail } else { Status::Warn },
                    format!("nothing listens at {at} ({why}): X-Ray SDK segments sent there are lost without a word"),
                )
                .hint("start `tracectl local listen` (or the X-Ray daemon), or fix AWS_XRAY_DAEMON_ADDRESS"),
            }
        }
    });

    checks.push(match get("ROLLBAR_ACCESS_TOKEN") {
        Some(token) => doctor::rollbar_token_shape(AREA, "rollbar token", &token, &app.from),
        None => Check::new(
            AREA,
            "rollbar token",
            Status::Skip,
            format!("ROLLBAR_ACCESS_TOKEN is not set in {}", app.from),
        )
        .hint("the app reports no errors to Rollbar without it"),
    });
    checks
}

/// The exporter's headers: a Honeycomb key in them is checked like tracectl's own; the
/// classic mistakes (no key for Honeycomb, a dataset header with an environment key) named.
async fn otlp_headers(ctx: &Context, get: &dyn Fn(&str) -> Option<String>, host: &str) -> Check {
    const NAME: &str = "otlp headers";
    let headers = app_env::otlp_headers(get);
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let to_honeycomb = host.ends_with("honeycomb.io");
    let Some(key) = header("x-honeycomb-team") else {
        return if to_honeycomb {
            Check::new(
                AREA,
                NAME,
                Status::Fail,
                format!("{host} needs an x-honeycomb-team header, and there is none"),
            )
            .hint("set OTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team=YOUR_INGEST_KEY")
        } else {
            Check::new(
                AREA,
                NAME,
                Status::Ok,
                format!("{} headers, no Honeycomb key", headers.len()),
            )
        };
    };
    // The key is asked about where the spans go (Honeycomb's US or EU API).
    let endpoint = if to_honeycomb {
        format!("https://{host}")
    } else {
        ctx.config
            .get(&HONEYCOMB_ENDPOINT, None)
            .map(|r| r.value)
            .unwrap_or_default()
    };
    let client =
        match HoneycombClient::new(&endpoint, &Secret::new(key), ctx.printer.observer(), None) {
            Ok(client) => client,
            Err(e) => return failed(AREA, NAME, &ctx.honeycomb_error(e)),
        };
    let auth = match client.auth().await {
        Ok(auth) => auth,
        Err(e) => {
            let err = ctx.honeycomb_error(e);
            return Check::new(
                AREA,
                NAME,
                Status::Fail,
                format!("the x-honeycomb-team key: {}", err.message()),
            )
            .hint("put a valid ingest key in OTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team=...");
        }
    };
    let classic = auth.environment.slug.is_empty();
    if header("x-honeycomb-dataset").is_some() && !classic {
        return Check::new(
            AREA,
            NAME,
            Status::Warn,
            format!("an environment key ({}), with an x-honeycomb-dataset header that it ignores", super::honeycomb::describe(&auth)),
        )
        .hint("with environment keys spans go to the dataset named by OTEL_SERVICE_NAME: drop x-honeycomb-dataset");
    }
    Check::new(
        AREA,
        NAME,
        Status::Ok,
        format!("x-honeycomb-team: {}", super::honeycomb::describe(&auth)),
    )
}
