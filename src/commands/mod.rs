//! One module per group, one file per leaf command. A command reads like a paragraph: build
//! the request from its args, call a client, hand the result to a renderer.

pub mod completions;
pub mod config;
pub mod doctor;
pub mod failures;
pub mod honeycomb;
pub mod local;
pub mod logs;
pub mod mcp;
pub mod release;
pub mod rollbar;
pub mod tag;
pub mod trace;
pub mod ui;
pub mod xray;

use aws_config::SdkConfig;
use clap::Args;
use jiff::Timestamp;

use crate::cli::Command;
use crate::clients::SAY_SLOW_AFTER;
use crate::clients::aws::{self, AwsFailure, AwsSettings};
use crate::config::{AWS_PROFILE, AWS_REGION, Config, Secret, Setting};
use crate::error::{Error, Result};
use crate::model::suggest::closest;
use crate::model::time::{TimeSpec, Window, duration_arg, time_arg};
use crate::output::Printer;

/// What every command gets: where to write, the effective configuration, and the one
/// "now" that all relative times of this run are measured from.
pub struct Context {
    pub printer: Printer,
    pub config: Config,
    pub now: Timestamp,
    /// Whether a slow AWS endpoint was said already (once a run is enough).
    pub said_slow: std::sync::atomic::AtomicBool,
}

/// Options every AWS group (xray, logs) takes, before or after the leaf command.
#[derive(Debug, Clone, Args)]
pub struct AwsArgs {
    #[arg(long, global = true, value_name = "REGION", help = crate::config::AWS_REGION.help("AWS region"))]
    pub region: Option<String>,

    /// Send AWS calls here, e.g. a local emulator [env: AWS_ENDPOINT_URL,
    /// AWS_ENDPOINT_URL_XRAY, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS]
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,
}

/// `--since` or `--start`/`--end`, declared once: `HOURS` is how far back the window
/// reaches when none is given (each command's own default, said in its help).
#[derive(Debug, Clone, Copy, Args)]
pub struct WindowArgs<const HOURS: u64> {
    #[arg(
        long,
        value_parser = time_arg,
        value_name = "DUR",
        conflicts_with = "start",
        help = format!("Look at the last DUR [default: {HOURS}h]")
    )]
    pub since: Option<TimeSpec>,

    /// Start of the window (a time or a duration ago)
    #[arg(long, value_parser = time_arg, value_name = "T")]
    pub start: Option<TimeSpec>,

    /// End of the window [default: now]
    #[arg(long, value_parser = time_arg, value_name = "T", requires = "start")]
    pub end: Option<TimeSpec>,
}

impl<const HOURS: u64> WindowArgs<HOURS> {
    /// The window the flags give, `HOURS` back from `now` when they give none.
    pub fn window(&self, now: Timestamp) -> Result<Window> {
        resolve_window(
            self.since,
            self.start,
            self.end,
            std::time::Duration::from_secs(HOURS * 3600),
            now,
        )
    }
}

/// The window and the selection that `xray traces` and `local traces` share.
#[derive(Debug, Args)]
pub struct TraceSelection {
    #[command(flatten)]
    pub window: WindowArgs<1>,

    /// Only traces with errors (4xx)
    #[arg(long)]
    pub errors: bool,

    /// Only traces with faults (5xx)
    #[arg(long)]
    pub faults: bool,

    /// Only throttled traces (429)
    #[arg(long)]
    pub throttles: bool,

    /// Only traces slower than DUR, e.g. 500ms
    #[arg(long, value_parser = duration_arg, value_name = "DUR")]
    pub slower_than: Option<std::time::Duration>,

    /// Only traces whose URL contains TEXT
    #[arg(long, value_name = "TEXT")]
    pub url_contains: Option<String>,

    /// Only traces through the service NAME
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,

    /// Number of traces listed under the summary (0: all)
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,

    /// Which traces to list
    #[arg(long, value_enum, default_value_t = crate::model::stats::TraceOrder::Slowest)]
    pub sort: crate::model::stats::TraceOrder,
}

impl TraceSelection {
    /// The window, `--since` defaulting to an hour.
    /// The shorthand flags, as every trace source takes them.
    pub fn span_selection(&self) -> crate::model::span_insights::SpanSelection {
        crate::model::span_insights::SpanSelection {
            errors: self.errors,
            faults: self.faults,
            throttles: self.throttles,
            slower_than: self.slower_than,
            url_contains: self.url_contains.clone(),
            service: self.service.clone(),
            text: None,
        }
    }

    /// What the traces views are asked for these flags, over `window`.
    pub fn traces_request(&self, window: Window) -> crate::views::traces::TracesRequest {
        crate::views::traces::TracesRequest {
            window,
            selection: self.span_selection(),
            order: self.sort,
            limit: self.listed(),
        }
    }

    pub fn window(&self, now: Timestamp) -> Result<Window> {
        self.window.window(now)
    }

    /// How many traces to list (`--limit 0`: all).
    pub fn listed(&self) -> usize {
        if self.limit == 0 {
            usize::MAX
        } else {
            self.limit
        }
    }
}

/// The window of `--since DUR | --start T [--end T]`: `--since` and `--start` both mean
/// "from", `--since` defaults to `default_since`, and the end defaults to now. An end
/// before the start is bad input (exit 2).
pub fn resolve_window(
    since: Option<TimeSpec>,
    start: Option<TimeSpec>,
    end: Option<TimeSpec>,
    default_since: std::time::Duration,
    now: Timestamp,
) -> Result<Window> {
    let from = start.or(since).unwrap_or(TimeSpec::Ago(default_since));
    Window::resolve(from, end, now).map_err(|e| {
        Error::usage(e).with_hint("--start must come before --end, e.g. --start 2h --end 1h")
    })
}

pub async fn dispatch(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Honeycomb(cmd) => honeycomb::run(ctx, cmd).await,
        Command::Local(cmd) => local::run(ctx, cmd).await,
        Command::Xray(cmd) => xray::run(ctx, cmd).await,
        Command::Logs(cmd) => logs::run(ctx, cmd).await,
        Command::Rollbar(cmd) => rollbar::run(ctx, cmd).await,
        Command::Tag(cmd) => tag::run(ctx, cmd).await,
        Command::Release(args) => release::run(ctx, args).await,
        Command::Trace(args) => trace::run(ctx, args).await,
        Command::Doctor(args) => doctor::run(ctx, args).await,
        Command::Ui(args) => ui::run(ctx, args).await,
        Command::Mcp(args) => mcp::run(ctx, args).await,
        Command::Config(cmd) => match cmd.command {
            config::ConfigSubcommand::Show => config::show(ctx),
            config::ConfigSubcommand::Path => config::path(&Default::default(), ctx.config.env()),
        },
        Command::Completions(args) => completions::run(&args),
    }
}

impl Context {
    /// The region the AWS commands use, for messages ("not found in us-east-1").
    fn region_name(&self, args: &AwsArgs) -> Option<String> {
        self.config
            .get(&AWS_REGION, args.region.as_deref().map(|r| ("--region", r)))
            .map(|r| r.value)
    }

    /// The app's log groups from the settings (`log_groups`, comma-separated).
    pub fn log_groups(&self) -> Vec<String> {
        self.config
            .get(&crate::config::LOG_GROUPS, None)
            .map(|r| {
                r.value
                    .split(',')
                    .map(str::trim)
                    .filter(|g| !g.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Awaits a scan of many AWS calls; if none of them has answered (`answered` still
    /// false) after a few seconds, says so once on stderr as [`Context::patiently`] does. A
    /// long scan that is being answered is not slow and says nothing.
    pub async fn patiently_until_answered<T>(
        &self,
        what: &str,
        answered: &std::sync::atomic::AtomicBool,
        scan: impl std::future::Future<Output = T>,
    ) -> T {
        tokio::pin!(scan);
        tokio::select! {
            done = &mut scan => return done,
            () = tokio::time::sleep(SAY_SLOW_AFTER) => {}
        }
        if !answered.load(std::sync::atomic::Ordering::Relaxed) {
            self.say_slow(what);
        }
        scan.await
    }

    fn say_slow(&self, what: &str) {
        if self
            .said_slow
            .swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            return;
        }
        self.printer.status(&format!(
            "{what}: no answer after {} s; retrying for up to {} s in all (check --endpoint-url and AWS_ENDPOINT_URL if this persists)",
            SAY_SLOW_AFTER.as_secs(),
            aws::AWS_OPERATION_TIMEOUT.as_secs()
        ));
    }

    /// Awaits an AWS call; if it has not answered after a few seconds, says once on stderr
    /// what is being waited for and for how long at most, so a silent endpoint never looks
    /// like a hang.
    pub async fn patiently<T>(&self, what: &str, call: impl std::future::Future<Output = T>) -> T {
        tokio::pin!(call);
        tokio::select! {
            done = &mut call => return done,
            () = tokio::time::sleep(SAY_SLOW_AFTER) => {}
        }
        self.say_slow(what);
        call.await
    }

    /// The shared SDK configuration: flag > env > profile for the region and AWS profile.
    /// An endpoint that is no URL is a configuration error (exit 2) here, before any call:
    /// the SDK would only fail on every request, and a tail would back off for minutes.
    pub async fn aws_config(&self, args: &AwsArgs) -> Result<SdkConfig> {
        let flag = args.endpoint_url.as_deref().map(|u| ("--endpoint-url", u));
        let env = [
            "AWS_ENDPOINT_URL",
            "AWS_ENDPOINT_URL_XRAY",
            "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS",
        ]
        .into_iter()
        .filter_map(|var| self.config.env().get(var).map(|u| (var, u)));
        for (source, url) in flag.into_iter().chain(env) {
            check_endpoint(source, url)?;
        }
        let settings = AwsSettings {
            region: self.region_name(args),
            profile: self.config.get(&AWS_PROFILE, None).map(|p| p.value),
            endpoint_url: args.endpoint_url.clone(),
        };
        aws::sdk_config(&settings).await.map_err(|e| match e {
            aws::AwsSetupError::NoRegion => Error::usage("no AWS region is configured")
                .with_hint(self.config.missing_hint(&AWS_REGION)),
        })
    }

    pub async fn logs_client(&self, args: &AwsArgs) -> Result<aws_sdk_cloudwatchlogs::Client> {
        let conf = self.aws_config(args).await?;
        Ok(aws::logs_client(&conf, self.printer.observer()))
    }

    pub async fn xray_client(&self, args: &AwsArgs) -> Result<aws_sdk_xray::Client> {
        let conf = self.aws_config(args).await?;
        Ok(aws::xray_client(&conf, self.printer.observer()))
    }

    /// Turns an AWS failure into an error with a hint the user can act on.
    pub fn aws_error(&self, what: &str, failure: AwsFailure) -> Error {
        failures::aws(what, failure)
    }

    /// For calls on one log group: "not found" names the group and suggests the closest
    /// existing names; anything else is an ordinary AWS error.
    pub async fn log_group_error(
        &self,
        client: &aws_sdk_cloudwatchlogs::Client,
        group: &str,
        failure: AwsFailure,
    ) -> Error {
        let AwsFailure::Service { code, .. } = &failure else {
            return self.aws_error(&format!("log group {group}"), failure);
        };
        if code != "ResourceNotFoundException" {
            return self.aws_error(&format!("log group {group}"), failure);
        }
        // The region the client really used (flag, env, profile or the SDK's own chain).
        let region = client
            .config()
            .region()
            .map(|r| format!(" in {r}"))
            .unwrap_or_default();
        let names: Vec<String> = crate::clients::logs::list_groups(client, None)
            .await
            .map(|groups| groups.into_iter().map(|g| g.name).collect())
            .unwrap_or_default();
        not_found(
            format!("log group {group} not found{region}"),
            group,
            &names,
            "tracectl logs groups",
            "groups",
        )
    }

    /// A secret the command cannot run without, from the environment or the profile (never
    /// a flag: flags end up in shell history and `ps`); `what` names it in the error.
    fn required_secret(&self, setting: &Setting, what: &str) -> Result<Secret> {
        let resolved = self.config.secret(setting).ok_or_else(|| {
            Error::usage(format!("no {what}")).with_hint(self.config.missing_hint(setting))
        })?;
        // A key pasted with its newline (`$(cat key.txt)` keeps none, `echo >>` adds one)
        // cannot go into a header; say so, instead of failing later as a network error.
        let value = resolved.value.expose();
        let flaw = if value.ends_with('\n') || value.ends_with('\r') {
            Some("ends with a line break")
        } else if value.trim() != value {
            Some("has spaces around it")
        } else if value.chars().any(char::is_control) {
            Some("contains control characters")
        } else {
            None
        };
        match flaw {
            Some(flaw) => Err(Error::usage(format!(
                "the {what} from {} {flaw}",
                resolved.source
            ))
            .with_hint("set it again without them, e.g. export NAME=\"$(tr -d '[:space:]' < key.txt)\"")),
            None => Ok(resolved.value),
        }
    }

    /// An API endpoint: `--endpoint-url` > env > profile > the setting's default.
    fn endpoint(&self, setting: &Setting, flag: Option<&str>) -> String {
        self.config
            .get(setting, flag.map(|u| ("--endpoint-url", u)))
            .map(|r| r.value)
            .unwrap_or_default()
    }
}

/// An endpoint must be an http(s) URL with a host: `127.0.0.1:5000` (no scheme) is not.
fn check_endpoint(source: &str, url: &str) -> Result<()> {
    let parsed = reqwest::Url::parse(url).ok();
    if parsed
        .as_ref()
        .is_some_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
    {
        return Ok(());
    }
    Err(
        Error::usage(format!("{source} '{url}' is not an http(s) URL"))
            .with_hint("write the scheme too, e.g. http://127.0.0.1:5000 or https://logs.us-east-1.amazonaws.com"),
    )
}

/// Ctrl-C, or SIGTERM (kill, systemd, a container stop): either ends a long-running command
/// (a follow, a listener) cleanly.
pub async fn stop_requested() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate()).ok();
        let terminated = async {
            match term.as_mut() {
                Some(t) => {
                    t.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminated => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// The first few ids, and how many more: an error line stays readable for 10,000 ids.
pub fn some_ids<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> String {
    const SHOWN: usize = 5;
    let total = ids.len();
    let mut text = ids.take(SHOWN).collect::<Vec<_>>().join(", ");
    if total > SHOWN {
        text.push_str(&format!(" and {} more", total - SHOWN));
    }
    text
}

/// Ids on stdin: 64 MiB holds well over a million.
const MAX_STDIN_IDS: u64 = 64 * 1024 * 1024;

/// Trace ids as `xray trace` and `local trace` take them, X-Ray or W3C form, each once in
/// the order given; `-` reads more from stdin.
pub fn trace_ids(args: &[String]) -> Result<Vec<crate::model::trace::TraceId>> {
    use crate::model::trace::TraceId;
    let mut stdin = String::new();
    if args.iter().any(|a| a == "-") {
        stdin = crate::input::read_stdin(MAX_STDIN_IDS).map_err(|e| {
            Error::usage(format!("cannot read trace ids from stdin: {e}"))
                .with_hint("pass ids separated by white space, e.g. from jq -r '.traces[].id'")
        })?;
    }
    let words = args.iter().flat_map(|arg| {
        if arg == "-" {
            stdin.split_whitespace().collect::<Vec<_>>()
        } else {
            vec![arg.as_str()]
        }
    });
    let mut ids: Vec<TraceId> = Vec::new();
    let mut seen: std::collections::HashSet<TraceId> = std::collections::HashSet::new();
    for word in words {
        let id: TraceId = word.parse().map_err(|e| Error::usage(format!("{e}")))?;
        if seen.insert(id.clone()) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(Error::usage("no trace ids given")
            .with_hint("pass ids as arguments, or - to read them from stdin"));
    }
    Ok(ids)
}

/// "X not found", with the closest existing name as a hint and the command that lists
/// them (`plural` names them when nothing is close).
fn not_found(
    message: String,
    wanted: &str,
    names: &[String],
    listing: &str,
    plural: &str,
) -> Error {
    let err = Error::failure(message);
    match closest(wanted, names.iter().map(String::as_str)).first() {
        Some(best) => err.with_hint(format!("did you mean {best}? ({listing} lists them)")),
        None => err.with_hint(format!("{listing} lists the {plural}")),
    }
}
