//! `tracectl rollbar trigger`: send test occurrences shaped like pyrollbar's.

use clap::{Args, ValueEnum};

use futures::{StreamExt, stream};
use serde::Serialize;
use serde_json::{Map, Value};

use super::RollbarArgs;
use crate::clients::rollbar::{Body, Exception, Frame, Item, ItemData, Notifier, Server};
use crate::commands::Context;
use crate::config::ROLLBAR_ENVIRONMENT;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl rollbar trigger
  tracectl rollbar trigger --count 5 --level warning -e staging
  tracectl rollbar trigger --dry-run")]
pub struct TriggerArgs {
    /// The error message
    #[arg(
        short,
        long,
        value_name = "MESSAGE",
        default_value = "Test error from tracectl"
    )]
    pub message: String,

    /// Severity
    #[arg(long, value_enum, default_value_t = Level::Error)]
    pub level: Level,

    /// Exception class of the trace body
    #[arg(long, value_name = "CLASS", default_value = "TracectlTestError")]
    pub exception: String,

    /// Send a `message` body instead of an exception trace
    #[arg(long)]
    pub message_only: bool,

    /// Number of occurrences to send (concurrently)
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub count: u32,

    #[arg(short, long, value_name = "ENVIRONMENT", help = ROLLBAR_ENVIRONMENT.help("Environment"))]
    pub environment: Option<String>,

    /// Code version [default: git HEAD when run in a repository]
    #[arg(long, value_name = "V")]
    pub code_version: Option<String>,

    /// Group occurrences under this fingerprint
    #[arg(long, value_name = "F")]
    pub fingerprint: Option<String>,

    /// Item title shown in Rollbar
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// Extra data in `custom` (repeatable)
    #[arg(long, value_name = "KEY=VALUE")]
    pub custom: Vec<String>,

    /// Print the payload(s) as JSON and send nothing (no token needed)
    #[arg(long)]
    pub dry_run: bool,

    /// After sending, wait until Rollbar has processed each occurrence and print its item
    /// (needs ROLLBAR_READ_ACCESS_TOKEN)
    #[arg(long)]
    pub wait: bool,

    /// How long --wait waits
    #[arg(long, value_parser = crate::model::time::duration_arg, value_name = "DUR", default_value = "30s", requires = "wait")]
    pub timeout: std::time::Duration,
}

/// Rollbar's levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    Critical,
    Error,
    Warning,
    Info,
    Debug,
}

/// Occurrences in flight at once: enough to be quick, few enough to be polite.
const CONCURRENCY: usize = 8;

impl Level {
    fn as_str(self) -> &'static str {
        match self {
            Level::Critical => "critical",
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
            Level::Debug => "debug",
        }
    }
}

/// One accepted occurrence, as printed (and as `-o json` lists them).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Sent {
    pub uuid: String,
    pub link: String,
    pub level: &'static str,
    pub environment: String,
    /// With --wait: the item Rollbar filed it under, once processed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counter: Option<i64>,
}

/// What a trigger sent, and whether all went as asked: `outcome` is the error of the
/// occurrences that failed, or of `--wait` running out, after the others were sent.
pub struct Triggered {
    pub environment: String,
    pub sent: Vec<Sent>,
    pub outcome: Result<()>,
}

pub async fn run(ctx: &Context, api: &RollbarArgs, args: TriggerArgs) -> Result<()> {
    let (environment, payloads) = payloads(ctx, &args).await?;
    if args.dry_run {
        // The exact request bodies, one per line: what would be sent, byte for byte.
        for json in &payloads {
            ctx.printer.line(json)?;
        }
        return Ok(());
    }
    let triggered = send(ctx, api, &args, environment, payloads).await?;
    render(ctx, &args, &triggered.environment, &triggered.sent)?;
    triggered.outcome
}

/// The environment and every occurrence's request body, each built and checked before
/// anything is sent.
pub async fn payloads(ctx: &Context, args: &TriggerArgs) -> Result<(String, Vec<String>)> {
    let custom = parse_custom(&args.custom)?;
    let environment = ctx.rollbar_environment(args.environment.as_deref());
    let head = super::head_info().await;
    let template = item(args, environment.clone(), custom, head);
    let payloads = (1..=args.count)
        .map(|n| {
            let mut occurrence = template.clone();
            occurrence.data.uuid = uuid::Uuid::new_v4().to_string();
            occurrence
                .data
                .custom
                .insert("occurrence".into(), Value::from(n));
            let json = occurrence
                .to_checked_json()
                .map_err(|e| Error::usage(format!("the item would be refused: {e}")))?;
            Ok(json)
        })
        .collect::<Result<_>>()?;
    Ok((environment, payloads))
}

/// Sends the payloads (a few at once) and, with `--wait`, waits for their items: what was
/// sent, and what failed (the report the MCP `rollbar_trigger` tool answers).
pub async fn send(
    ctx: &Context,
    api: &RollbarArgs,
    args: &TriggerArgs,
    environment: String,
    payloads: Vec<String>,
) -> Result<Triggered> {
    let client = ctx.rollbar_client(api)?;
    let bar = ctx
        .printer
        .progress_bar(u64::from(args.count), "sending to Rollbar");
    let results: Vec<Result<String, _>> = stream::iter(payloads)
        .map(|json| {
            let (client, bar) = (&client, bar.clone());
            async move {
                let result = client.post_item(json).await;
                bar.inc(1);
                result
            }
        })
        .buffered(CONCURRENCY)
        .collect()
        .await;
    bar.finish_and_clear();

    let level = args.level.as_str();
    let mut sent = Vec::new();
    let mut failures = Vec::new();
    for result in results {
        match result {
            Ok(uuid) => sent.push(Sent {
                link: format!("https://rollbar.com/occurrence/uuid/?uuid={uuid}"),
                uuid,
                level,
                environment: environment.clone(),
                counter: None,
            }),
            Err(e) => failures.push(e),
        }
    }
    let waited = if args.wait && !sent.is_empty() {
        wait_for_items(ctx, api, args, &environment, &mut sent).await
    } else {
        Ok(())
    };
    // A --wait that ran out is said first, as before the failures of the sends.
    let outcome = waited.and_then(|()| match failures.into_iter().next() {
        None => Ok(()),
        Some(first) => {
            let err = Error::from(first);
            let failed = args.count as usize - sent.len();
            let mut out = Error::failure(format!(
                "sent {} of {} to Rollbar; {failed} failed: {}",
                sent.len(),
                args.count,
                err.message()
            ));
            for hint in err.hints() {
                out = out.with_hint(hint.clone());
            }
            Err(out)
        }
    });
    Ok(Triggered {
        environment,
        sent,
        outcome,
    })
}

/// `--wait`: the item of each occurrence, once Rollbar has processed it. Without a read
/// token, says which setting to add (what was sent is sent).
async fn wait_for_items(
    ctx: &Context,
    api: &RollbarArgs,
    args: &TriggerArgs,
    environment: &str,
    sent: &mut [Sent],
) -> Result<()> {
    let reader = match ctx.rollbar_reader(api) {
        Ok(reader) => reader,
        Err(e) => {
            ctx.printer.warn(&format!(
                "--wait: {} (set ROLLBAR_READ_ACCESS_TOKEN to a token of read scope); the occurrences were sent",
                e.message()
            ));
            return Ok(());
        }
    };
    // Rollbar's title: the one asked for, else the exception's or the message.
    let title = match (&args.title, args.message_only) {
        (Some(title), _) => title.clone(),
        (None, true) => args.message.clone(),
        (None, false) => format!("{}: {}", args.exception, args.message),
    };
    let filter = crate::clients::rollbar::ItemsFilter {
        level: Some(args.level.as_str().to_string()),
        environment: Some(environment.to_string()),
        status: None,
    };
    let uuids: Vec<String> = sent.iter().map(|s| s.uuid.clone()).collect();
    let deadline = std::time::Instant::now() + args.timeout;
    let spinner = ctx
        .printer
        .spinner("waiting for Rollbar to process the occurrences");
    let found =
        crate::views::rollbar::wait_for_items(&reader, &filter, &title, &uuids, deadline).await;
    spinner.finish_and_clear();
    let found = found.map_err(|e| ctx.rollbar_read_error(e))?;
    for s in sent.iter_mut() {
        s.counter = found.get(&s.uuid).copied();
    }
    let missing = sent.iter().filter(|s| s.counter.is_none()).count();
    if missing > 0 {
        return Err(Error::failure(format!(
            "{missing} of {} occurrences were not processed by Rollbar within {} (--timeout)",
            sent.len(),
            crate::output::human_span(args.timeout)
        ))
        .with_hint("Rollbar usually processes within seconds; its dashboard says when it runs late. Give it longer with --timeout"));
    }
    Ok(())
}

fn render(ctx: &Context, args: &TriggerArgs, environment: &str, sent: &[Sent]) -> Result<()> {
    let p = &ctx.printer;
    let what = if args.message_only {
        args.message.clone()
    } else {
        format!("{}: {}", args.exception, args.message)
    };
    p.status(&format!(
        "sent {} of {} to Rollbar ({environment}, level {}, {what})",
        sent.len(),
        args.count,
        args.level.as_str()
    ));
    if p.is_json() {
        return p.json(sent);
    }
    let palette = p.palette();
    for s in sent {
        let item = s
            .counter
            .map(|c| format!("  item #{c} (tracectl rollbar item {c})"))
            .unwrap_or_default();
        p.line(&format!(" {}  {}{item}", palette.dim(&s.uuid), s.link))?;
    }
    Ok(())
}

/// `--custom KEY=VALUE`: a VALUE that is JSON (`5`, `true`, `{"a":1}`) keeps its type,
/// anything else is a string.
fn parse_custom(pairs: &[String]) -> Result<Map<String, Value>> {
    let mut custom = Map::new();
    custom.insert("source".into(), Value::from("tracectl rollbar trigger"));
    for pair in pairs {
        let Some((key, value)) = pair.split_once('=').filter(|(k, _)| !k.trim().is_empty()) else {
            return Err(Error::usage(format!("--custom '{pair}' is not KEY=VALUE"))
                .with_hint("for example --custom user_id=42 --custom region=eu"));
        };
        let value = serde_json::from_str(value).unwrap_or_else(|_| Value::from(value));
        custom.insert(key.trim().to_string(), value);
    }
    Ok(custom)
}

/// The item every occurrence starts from: a believable Flask stack (most recent call last,
/// as pyrollbar orders it) ending where the test exception is raised.
fn item(
    args: &TriggerArgs,
    environment: String,
    custom: Map<String, Value>,
    head: Option<crate::clients::git::HeadInfo>,
) -> Item {
    let body = if args.message_only {
        Body::Message {
            body: args.message.clone(),
        }
    } else {
        let flask = "/app/.venv/lib/python3.11/site-packages/flask/app.py";
        let frame = |filename: &str, lineno, method: &str, code: String| Frame {
            filename: filename.to_string(),
            lineno,
            method: method.to_string(),
            code,
        };
        Body::Trace {
            frames: vec![
                frame(
                    flask,
                    1511,
                    "wsgi_app",
                    "response = self.full_dispatch_request()".into(),
                ),
                frame(
                    flask,
                    917,
                    "full_dispatch_request",
                    "rv = self.dispatch_request()".into(),
                ),
                frame(
                    flask,
                    902,
                    "dispatch_request",
                    "return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)"
                        .into(),
                ),
                frame(
                    "/app/app.py",
                    142,
                    "data_home",
                    "data = HomeActivities.run()".into(),
                ),
                frame(
                    "/app/services/home_activities.py",
                    27,
                    "run",
                    format!("raise {}({:?})", args.exception, args.message),
                ),
            ],
            exception: Exception {
                class: args.exception.clone(),
                message: args.message.clone(),
            },
        }
    };
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    let code_version = args
        .code_version
        .clone()
        .or_else(|| head.as_ref().map(|h| h.commit.clone()));
    Item {
        data: ItemData {
            environment,
            level: args.level.as_str().to_string(),
            timestamp: jiff::Timestamp::now().as_second(),
            uuid: String::new(),
            body,
            language: "python".into(),
            platform: std::env::consts::OS.into(),
            framework: "flask".into(),
            notifier: Notifier {
                name: "tracectl".into(),
                version: env!("CARGO_PKG_VERSION").into(),
            },
            server: Server {
                host,
                root: head.as_ref().and_then(|h| h.root.clone()),
                branch: head.and_then(|h| h.branch),
            },
            code_version,
            fingerprint: args.fingerprint.clone(),
            title: args.title.clone(),
            custom,
        },
    }
}
