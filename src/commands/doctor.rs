//! `tracectl doctor`: why do I see nothing? One row per check of every integration (the
//! key, who it belongs to, what it may do, whether the service answers) and of the app's own
//! environment (where its exporter sends, and whether anything listens there), each area
//! run at once with a short time limit. OK / WARN / FAIL / SKIP, a hint on every row that
//! is not OK, exit 1 when anything fails. Secrets are checked, never shown.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use serde::Serialize;

use crate::clients::aws;
use crate::clients::git;
use crate::clients::honeycomb::{Auth, HoneycombClient};
use crate::clients::probe::{SamplingAnswer, tcp_reachable, xray_sampling};
use crate::commands::honeycomb::HoneycombArgs;
use crate::commands::rollbar::RollbarArgs;
use crate::commands::{AwsArgs, Context};
use crate::config::{
    AWS_PROFILE, HONEYCOMB_API_KEY, HONEYCOMB_ENDPOINT, LOG_GROUPS, ROLLBAR_ACCESS_TOKEN, Secret,
};
use crate::error::{Error, Result};
use crate::model::app_env::{self, Finding, Severity};
use crate::output::table::{Column, render as table};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl doctor
  tracectl doctor --env-file .env --send-test -o json

Areas: honeycomb (key, /1/auth, permissions), rollbar (token; --send-test posts one debug
item), aws (region, credentials, identity, CloudWatch Logs and X-Ray, the configured log
groups), git (repository, origin, the credential a push would use) and app (the app's
OTEL_* variables, AWS_XRAY_DAEMON_ADDRESS and ROLLBAR_ACCESS_TOKEN, from --env-file or
this environment, and whether anything listens where they point).")]
pub struct DoctorArgs {
    /// Check the app's variables from this file (KEY=value lines, as dotenv and docker
    /// compose read them) instead of this shell's environment
    #[arg(long, value_name = "PATH")]
    pub env_file: Option<PathBuf>,

    /// Post one test item (level debug) to Rollbar, proving the token may write
    #[arg(long)]
    pub send_test: bool,

    /// The git remote checked
    #[arg(long, value_name = "NAME", default_value = "origin")]
    pub remote: String,

    #[command(flatten)]
    pub aws: AwsArgs,
}

/// Each area gets this long; a check still waiting then is a failure that says so. (Each
/// AWS call is one attempt of at most 15 s; the others probe for at most a few seconds.)
const AREA_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
enum Status {
    Ok,
    Warn,
    Fail,
    Skip,
}

#[derive(Debug, Serialize)]
struct Check {
    area: &'static str,
    check: &'static str,
    status: Status,
    detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
}

fn check(
    area: &'static str,
    name: &'static str,
    status: Status,
    detail: impl Into<String>,
) -> Check {
    Check {
        area,
        check: name,
        status,
        detail: detail.into(),
        hint: None,
    }
}

impl Check {
    fn hint(mut self, hint: impl Into<String>) -> Check {
        self.hint = Some(hint.into());
        self
    }

    /// A failed check from an error: its message, and its first hint.
    fn failed(area: &'static str, name: &'static str, error: &Error) -> Check {
        Check {
            hint: error.hints().first().cloned(),
            ..check(area, name, Status::Fail, error.message())
        }
    }

    fn of(area: &'static str, name: &'static str, finding: Finding) -> Check {
        let status = match finding.severity {
            Severity::Ok => Status::Ok,
            Severity::Warn => Status::Warn,
            Severity::Fail => Status::Fail,
        };
        Check {
            hint: finding.hint,
            ..check(area, name, status, finding.detail)
        }
    }
}

/// The app's environment: a file's variables, or this process's.
struct AppEnv {
    vars: HashMap<String, String>,
    from: String,
}

impl AppEnv {
    fn get(&self, name: &str) -> Option<String> {
        self.vars.get(name).filter(|v| !v.is_empty()).cloned()
    }
}

pub async fn run(ctx: &Context, args: DoctorArgs) -> Result<()> {
    let app = app_env(ctx, args.env_file.as_ref())?;
    let spinner = ctx.printer.spinner("checking");
    let (honeycomb, rollbar, aws, git, app) = tokio::join!(
        within("honeycomb", honeycomb_checks(ctx)),
        within("rollbar", rollbar_checks(ctx, &args)),
        within("aws", aws_checks(ctx, &args)),
        within("git", git_checks(ctx, &args)),
        within("app", app_checks(ctx, &app)),
    );
    spinner.finish_and_clear();
    let checks: Vec<Check> = [honeycomb, rollbar, aws, git, app]
        .into_iter()
        .flatten()
        .collect();
    render(ctx, &checks)?;
    let failed: Vec<String> = checks
        .iter()
        .filter(|c| c.status == Status::Fail)
        .map(|c| format!("{} {}", c.area, c.check))
        .collect();
    if failed.is_empty() {
        return Ok(());
    }
    Err(Error::failure(format!(
        "{} {} failed: {}",
        failed.len(),
        if failed.len() == 1 { "check" } else { "checks" },
        failed.join(", ")
    ))
    .with_hint("each failed row's hint says what to do"))
}

/// The variables of `--env-file`, else this process's; an unreadable file is bad usage.
fn app_env(ctx: &Context, file: Option<&PathBuf>) -> Result<AppEnv> {
    let Some(path) = file else {
        return Ok(AppEnv {
            vars: ctx.config.env().vars().clone(),
            from: "this environment".into(),
        });
    };
    let unreadable = |e: &dyn std::fmt::Display| {
        Error::usage(format!("cannot read --env-file {}: {e}", path.display()))
            .with_hint("give a file of KEY=value lines, like the app's .env")
    };
    // Read as the config and specs are: a regular file (or pipe) of at most a megabyte,
    // so `/dev/zero` or a huge file is refused, not read for ever.
    let text =
        crate::input::read_file(path, crate::input::MAX_USER_FILE).map_err(|e| unreadable(&e))?;
    let vars = dotenvy::from_read_iter(text.as_bytes())
        .collect::<std::result::Result<HashMap<_, _>, _>>()
        .map_err(|e| unreadable(&e))?;
    Ok(AppEnv {
        vars,
        from: path.display().to_string(),
    })
}

/// An area's checks, or one failed row if they take longer than [`AREA_TIMEOUT`].
async fn within(area: &'static str, checks: impl Future<Output = Vec<Check>>) -> Vec<Check> {
    match tokio::time::timeout(AREA_TIMEOUT, checks).await {
        Ok(checks) => checks,
        Err(_) => vec![
            check(
                area,
                "answer",
                Status::Fail,
                format!("no answer within {} s", AREA_TIMEOUT.as_secs()),
            )
            .hint("check the network and the endpoints (tracectl config show); -v shows each call"),
        ],
    }
}

async fn honeycomb_checks(ctx: &Context) -> Vec<Check> {
    const AREA: &str = "honeycomb";
    let Some(key) = ctx.config.secret(&HONEYCOMB_API_KEY) else {
        return vec![
            check(AREA, "key", Status::Skip, "no API key")
                .hint(ctx.config.missing_hint(&HONEYCOMB_API_KEY)),
        ];
    };
    let mut checks = vec![check(
        AREA,
        "key",
        Status::Ok,
        format!("from {}", key.source),
    )];
    let client = match ctx.honeycomb_client(&HoneycombArgs { endpoint_url: None }) {
        Ok(client) => client,
        Err(e) => {
            checks.push(Check::failed(AREA, "auth", &e));
            return checks;
        }
    };
    match client.auth().await {
        Ok(auth) => {
            checks.push(check(AREA, "auth", Status::Ok, describe_auth(&auth)));
            checks.push(permissions(&auth));
        }
        Err(e) => checks.push(Check::failed(AREA, "auth", &ctx.honeycomb_error(e))),
    }
    checks
}

/// "team Cruddur, environment dev, configuration key".
fn describe_auth(auth: &Auth) -> String {
    let environment = if auth.environment.slug.is_empty() {
        "Classic".to_string()
    } else {
        auth.environment.name.clone()
    };
    format!(
        "team {}, environment {environment}, {} key",
        auth.team.name, auth.key_type
    )
}

/// What the key may do, against what tracectl and the app need.
fn permissions(auth: &Auth) -> Check {
    const AREA: &str = "honeycomb";
    let may = |what: &str| auth.api_key_access.get(what).and_then(|v| v.as_bool()) == Some(true);
    let missing: Vec<&str> = [
        ("events", "send events"),
        ("markers", "create markers (release, honeycomb marker)"),
        ("queries", "run queries (honeycomb query, trace)"),
    ]
    .into_iter()
    .filter(|(permission, _)| !may(permission))
    .map(|(_, what)| what)
    .collect();
    if missing.is_empty() {
        return check(
            AREA,
            "permissions",
            Status::Ok,
            "events, markers, queries (the Query Data API also needs an Enterprise plan, which /1/auth does not tell)",
        );
    }
    check(
        AREA,
        "permissions",
        Status::Warn,
        format!("may not {}", missing.join("; ")),
    )
    .hint("give the key these permissions in Honeycomb: Environment settings > API Keys")
}

async fn rollbar_checks(ctx: &Context, args: &DoctorArgs) -> Vec<Check> {
    const AREA: &str = "rollbar";
    let Some(token) = ctx.config.secret(&ROLLBAR_ACCESS_TOKEN) else {
        return vec![
            check(AREA, "token", Status::Skip, "no access token")
                .hint(ctx.config.missing_hint(&ROLLBAR_ACCESS_TOKEN)),
        ];
    };
    let client = match ctx.rollbar_client(&RollbarArgs { endpoint_url: None }) {
        Ok(client) => client,
        Err(e) => return vec![Check::failed(AREA, "token", &e)],
    };
    let mut checks = vec![token_shape(
        AREA,
        "token",
        &token.value,
        &token.source.to_string(),
    )];
    if !args.send_test {
        checks.push(
            check(AREA, "write", Status::Skip, "not tried")
                .hint("--send-test posts one item at level debug to prove the token may write"),
        );
        return checks;
    }
    let environment = ctx.rollbar_environment(None);
    let item = serde_json::json!({"data": {
        "environment": environment,
        "level": "debug",
        "timestamp": ctx.now.as_second(),
        "uuid": uuid::Uuid::new_v4().to_string(),
        "body": {"message": {"body": "tracectl doctor --send-test"}},
        "notifier": {"name": "tracectl", "version": env!("CARGO_PKG_VERSION")},
    }});
    match client.post_item(item.to_string()).await {
        Ok(uuid) => checks.push(check(
            AREA,
            "write",
            Status::Ok,
            format!("a debug item was accepted in {environment}: https://rollbar.com/occurrence/uuid/?uuid={uuid}"),
        )),
        Err(e) => checks.push(Check::failed(AREA, "write", &Error::from(e))),
    }
    checks
}

/// Rollbar's project access tokens are 32 hex digits; anything else is probably pasted
/// wrong (or a personal token, which cannot post items).
fn token_shape(area: &'static str, name: &'static str, token: &Secret, from: &str) -> Check {
    let value = token.expose();
    if crate::model::trace::is_hex_of_len(value, 32) {
        return check(area, name, Status::Ok, format!("from {from}"));
    }
    check(
        area,
        name,
        Status::Warn,
        format!("from {from}, but it is not 32 hex digits like a project access token"),
    )
    .hint("copy a post_server_item token from Rollbar: Project Settings > Project Access Tokens")
}

async fn aws_checks(ctx: &Context, args: &DoctorArgs) -> Vec<Check> {
    const AREA: &str = "aws";
    let conf = match ctx.aws_config(&args.aws).await {
        Ok(conf) => conf,
        Err(e) => {
            return vec![
                check(
                    AREA,
                    "region",
                    Status::Skip,
                    format!("{} (xray and logs cannot run)", e.message()),
                )
                .hint(e.hints().first().cloned().unwrap_or_default()),
            ];
        }
    };
    let region = conf.region().map(ToString::to_string).unwrap_or_default();
    let region_from = ctx
        .config
        .get(
            &crate::config::AWS_REGION,
            args.aws.region.as_deref().map(|r| ("--region", r)),
        )
        .map_or_else(
            || "the AWS config file".to_string(),
            |r| r.source.to_string(),
        );
    let mut checks = vec![check(
        AREA,
        "region",
        Status::Ok,
        format!("{region} from {region_from}"),
    )];

    let credentials = match conf.credentials_provider() {
        Some(provider) => {
            use aws_credential_types::provider::ProvideCredentials;
            provider
                .provide_credentials()
                .await
                .map_err(|e| e.to_string())
        }
        None => Err("no credentials provider".to_string()),
    };
    if let Err(why) = credentials {
        checks.push(
            check(AREA, "credentials", Status::Fail, format!("none found: {why}")).hint(
                "set AWS_PROFILE (or aws_profile in the tracectl profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run `aws sso login`",
            ),
        );
        return checks;
    }
    checks.push(check(
        AREA,
        "credentials",
        Status::Ok,
        credentials_source(ctx),
    ));

    // One attempt per call, bounded: doctor reports what it sees, it does not wait it out.
    let conf = conf
        .to_builder()
        .retry_config(aws_config::retry::RetryConfig::standard().with_max_attempts(1))
        .build();
    let observer = ctx.printer.observer();
    let sts = aws::sts_client(&conf, observer.clone());
    let logs = aws::logs_client(&conf, observer.clone());
    let xray = aws::xray_client(&conf, observer);
    let window = crate::model::time::Window {
        start: ctx.now - jiff::SignedDuration::from_secs(60),
        end: ctx.now,
    };
    let (identity, logs_answer, xray_answer, groups) = tokio::join!(
        aws::caller_arn(&sts),
        crate::clients::logs::ping(&logs),
        crate::clients::xray::service_graph(&xray, window),
        log_group_checks(ctx, &logs),
    );
    checks.push(match identity {
        Ok(arn) => check(AREA, "identity", Status::Ok, arn),
        Err(f) => Check::failed(AREA, "identity", &ctx.aws_error("STS GetCallerIdentity", f)),
    });
    checks.push(match logs_answer {
        Ok(()) => check(
            AREA,
            "cloudwatch logs",
            Status::Ok,
            "answers (DescribeLogGroups)",
        ),
        Err(f) => Check::failed(
            AREA,
            "cloudwatch logs",
            &ctx.aws_error("DescribeLogGroups", f),
        ),
    });
    checks.push(match xray_answer {
        Ok(_) => check(AREA, "x-ray", Status::Ok, "answers (GetServiceGraph)"),
        Err(f) => Check::failed(AREA, "x-ray", &ctx.aws_error("GetServiceGraph", f)),
    });
    checks.extend(groups);
    checks
}

/// Where the credentials come from, as far as the settings tell.
fn credentials_source(ctx: &Context) -> String {
    let env = ctx.config.env();
    if env.get("AWS_ACCESS_KEY_ID").is_some() {
        return "AWS_ACCESS_KEY_ID in the environment".into();
    }
    match ctx.config.get(&AWS_PROFILE, None) {
        Some(profile) => format!("AWS profile {} ({})", profile.value, profile.source),
        None => "the SDK's chain (the default profile, SSO, a container role or instance metadata)"
            .into(),
    }
}

/// Each configured log group exists (the ones `trace` and `logs tail` would read).
async fn log_group_checks(ctx: &Context, client: &aws_sdk_cloudwatchlogs::Client) -> Vec<Check> {
    const AREA: &str = "aws";
    let groups = ctx.log_groups();
    if groups.is_empty() {
        return vec![
            check(AREA, "log groups", Status::Skip, "none configured").hint(
                ctx.config
                    .missing_hint(&LOG_GROUPS)
                    .replace("pass --log-group, ", ""),
            ),
        ];
    }
    let mut checks = Vec::new();
    for group in groups {
        let listed = crate::clients::logs::list_groups(client, Some(&group)).await;
        checks.push(match listed {
            Ok(found) if found.iter().any(|g| g.name == group) => {
                check(AREA, "log group", Status::Ok, format!("{group} exists"))
            }
            Ok(_) => {
                let failure = aws::AwsFailure::Service {
                    code: "ResourceNotFoundException".into(),
                    message: String::new(),
                };
                Check::failed(
                    AREA,
                    "log group",
                    &ctx.log_group_error(client, &group, failure).await,
                )
            }
            Err(f) => Check::failed(
                AREA,
                "log group",
                &ctx.aws_error(&format!("log group {group}"), f),
            ),
        });
    }
    checks
}

async fn git_checks(ctx: &Context, args: &DoctorArgs) -> Vec<Check> {
    const AREA: &str = "git";
    let env = ctx.config.env().clone();
    let remote = args.remote.clone();
    let looked = crate::commands::tag::blocking(move || {
        let repo = match git::open() {
            Ok(repo) => repo,
            Err(e) => return Ok((Err(e), None, None)),
        };
        let url = git::remote_url(&repo, &remote);
        let reached = match &url {
            Ok(_) => Some(git::remote_tags(
                &repo,
                &remote,
                &crate::commands::tag::remote_auth(&env),
            )),
            Err(_) => None,
        };
        let helper = repo
            .config()
            .ok()
            .and_then(|c| c.get_string("credential.helper").ok());
        let root = repo.workdir().map(|p| p.display().to_string());
        Ok((Ok((root, url)), reached, helper))
    })
    .await;
    let (found, reached, helper) = match looked {
        Ok(parts) => parts,
        Err(e) => return vec![Check::failed(AREA, "repository", &e)],
    };
    let (root, url) = match found {
        Ok(found) => found,
        Err(e) => {
            return vec![check(AREA, "repository", Status::Warn, e.to_string()).hint(
                "run tracectl doctor in the app's repository to check its remote (tag, release)",
            )];
        }
    };
    let mut checks = vec![check(
        AREA,
        "repository",
        Status::Ok,
        root.unwrap_or_else(|| "a bare repository".into()),
    )];
    let url = match url {
        Ok(Some(url)) => url,
        Ok(None) | Err(_) => {
            checks.push(
                check(
                    AREA,
                    "remote",
                    Status::Fail,
                    format!("no remote named {}", args.remote),
                )
                .hint(format!("add it: git remote add {} URL", args.remote)),
            );
            return checks;
        }
    };
    let shown = crate::redact::text(&url).into_owned();
    checks.push(match reached {
        Some(Ok(tags)) => check(
            AREA,
            "remote",
            Status::Ok,
            format!(
                "{} ({shown}) answers; {} {}",
                args.remote,
                tags.len(),
                if tags.len() == 1 { "tag" } else { "tags" }
            ),
        ),
        Some(Err(e)) => {
            let failed = Check::failed(AREA, "remote", &Error::from(e));
            match failed.hint {
                Some(_) => failed,
                None => failed.hint(format!(
                    "check the URL (git remote get-url {}) and that it is reachable from here",
                    args.remote
                )),
            }
        }
        None => check(
            AREA,
            "remote",
            Status::Fail,
            format!("{} cannot be read", args.remote),
        ),
    });
    checks.push(push_credential(ctx, &url, helper));
    checks
}

/// The credential a tag push to `url` would use, named, never shown.
fn push_credential(ctx: &Context, url: &str, helper: Option<String>) -> Check {
    const AREA: &str = "git";
    const NAME: &str = "push credential";
    let env = ctx.config.env();
    let token = env
        .get("GIT_TOKEN")
        .map(|_| "GIT_TOKEN")
        .or_else(|| env.get("GITHUB_TOKEN").map(|_| "GITHUB_TOKEN"));
    if git::is_local_url(url) {
        return check(
            AREA,
            NAME,
            Status::Ok,
            "none needed (a repository on this machine)",
        );
    }
    if url.starts_with("https://") {
        return match (helper, token) {
            (Some(helper), _) => check(
                AREA,
                NAME,
                Status::Ok,
                format!("the git credential helper '{helper}'"),
            ),
            (None, Some(var)) => check(
                AREA,
                NAME,
                Status::Ok,
                format!("{var} from the environment"),
            ),
            (None, None) => check(
                AREA,
                NAME,
                Status::Warn,
                "none: no credential helper, GIT_TOKEN or GITHUB_TOKEN",
            )
            .hint("set GIT_TOKEN (a token that may push), or configure git's credential.helper"),
        };
    }
    if url.starts_with("http://") {
        return check(
            AREA,
            NAME,
            Status::Warn,
            "plain http: GIT_TOKEN is never sent over it",
        )
        .hint("use the https:// URL of the remote");
    }
    match env.get("SSH_AUTH_SOCK") {
        Some(_) => check(AREA, NAME, Status::Ok, "ssh-agent (SSH_AUTH_SOCK)"),
        None => check(
            AREA,
            NAME,
            Status::Warn,
            "ssh, but no ssh-agent (SSH_AUTH_SOCK is not set)",
        )
        .hint("start an agent and add your key: eval \"$(ssh-agent)\" && ssh-add"),
    }
}

async fn app_checks(ctx: &Context, app: &AppEnv) -> Vec<Check> {
    const AREA: &str = "app";
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
            Ok(()) => check(AREA, "otlp receiver", Status::Ok, format!("{}:{} accepts connections", target.host, target.port)),
            Err(why) => check(
                AREA,
                "otlp receiver",
                if configured { Status::Fail } else { Status::Warn },
                format!("nothing answers at {}:{} ({why})", target.host, target.port),
            )
            .hint("start `tracectl local listen`, or point OTEL_EXPORTER_OTLP_ENDPOINT where a collector runs"),
        });
        checks.push(otlp_headers(ctx, &get, &target.host).await);
    }
    checks.push(
        match get("OTEL_SERVICE_NAME").or_else(|| {
            get("OTEL_RESOURCE_ATTRIBUTES").and_then(|attrs| {
                attrs.split(',').find_map(|pair| {
                    pair.trim()
                        .strip_prefix("service.name=")
                        .map(str::to_string)
                })
            })
        }) {
            Some(name) => check(AREA, "service name", Status::Ok, name),
            None => check(
                AREA,
                "service name",
                Status::Warn,
                "not set: spans arrive as unknown_service",
            )
            .hint("set OTEL_SERVICE_NAME, e.g. OTEL_SERVICE_NAME=backend-flask"),
        },
    );

    // The X-Ray SDK sends UDP to the daemon, which nobody acknowledges: see who is there.
    let daemon_var = get("AWS_XRAY_DAEMON_ADDRESS");
    checks.push(match app_env::xray_daemon(daemon_var.as_deref()) {
        Err(why) => check(AREA, "x-ray daemon", Status::Fail, format!("AWS_XRAY_DAEMON_ADDRESS: {why}"))
            .hint("write host:port, e.g. AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:2000"),
        Ok((udp, (host, port))) => {
            let at = format!("{}:{}", udp.0, udp.1);
            match xray_sampling(&host, port).await {
                SamplingAnswer::Tracectl => check(AREA, "x-ray daemon", Status::Ok, format!("tracectl local listen at {at}")),
                SamplingAnswer::Daemon => check(AREA, "x-ray daemon", Status::Ok, format!("an X-Ray daemon at {at}")),
                SamplingAnswer::Other(what) => check(AREA, "x-ray daemon", Status::Warn, format!("something at {host}:{port} answers, but not as the daemon does ({what})"))
                    .hint("AWS_XRAY_DAEMON_ADDRESS should name the X-Ray daemon or `tracectl local listen`"),
                SamplingAnswer::Nothing(why) => check(
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
        Some(token) => token_shape(AREA, "rollbar token", &Secret::new(token), &app.from),
        None => check(
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
    const AREA: &str = "app";
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
            check(
                AREA,
                NAME,
                Status::Fail,
                format!("{host} needs an x-honeycomb-team header, and there is none"),
            )
            .hint("set OTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team=YOUR_INGEST_KEY")
        } else {
            check(
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
            Err(e) => return Check::failed(AREA, NAME, &ctx.honeycomb_error(e)),
        };
    let auth = match client.auth().await {
        Ok(auth) => auth,
        Err(e) => {
            let err = ctx.honeycomb_error(e);
            return check(
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
        return check(
            AREA,
            NAME,
            Status::Warn,
            format!("an environment key ({}), with an x-honeycomb-dataset header that it ignores", describe_auth(&auth)),
        )
        .hint("with environment keys spans go to the dataset named by OTEL_SERVICE_NAME: drop x-honeycomb-dataset");
    }
    check(
        AREA,
        NAME,
        Status::Ok,
        format!("x-honeycomb-team: {}", describe_auth(&auth)),
    )
}

fn render(ctx: &Context, checks: &[Check]) -> Result<()> {
    let p = &ctx.printer;
    if p.is_json() {
        let count = |s: Status| checks.iter().filter(|c| c.status == s).count();
        return p.json(&serde_json::json!({
            "checks": checks,
            "summary": {"ok": count(Status::Ok), "warn": count(Status::Warn),
                        "fail": count(Status::Fail), "skip": count(Status::Skip)},
        }));
    }
    let palette = p.palette();
    let rows = checks
        .iter()
        .map(|c| {
            let status = match c.status {
                Status::Ok => palette.green("OK"),
                Status::Warn => palette.yellow("WARN"),
                Status::Fail => palette.red("FAIL"),
                Status::Skip => palette.dim("SKIP"),
            };
            let detail = match &c.hint {
                Some(hint) => format!("{}\n{}", c.detail, palette.dim(&format!("hint: {hint}"))),
                None => c.detail.clone(),
            };
            vec![c.area.to_string(), c.check.to_string(), status, detail]
        })
        .collect();
    p.line(&table(
        &[
            Column::left("area").nowrap(),
            Column::left("check").nowrap(),
            Column::left("status").nowrap(),
            Column::left("detail"),
        ],
        rows,
        p.width(),
    ))
}
