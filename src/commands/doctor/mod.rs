//! `tracectl doctor`: why do I see nothing? One row per check of every integration (the
//! key, who it belongs to, what it may do, whether the service answers) and of the app's own
//! environment (where its exporter sends, and whether anything listens there), each area
//! run at once with a short time limit. OK / WARN / FAIL / SKIP, a hint on every row that
//! is not OK, exit 1 when anything fails. Secrets are checked, never shown.
//!
//! One file an area probes; the rules that judge what the probes saw are in
//! `model::doctor`, the table in `output::doctor`.

mod app;
mod aws;
mod git;
mod honeycomb;
mod rollbar;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use crate::commands::{AwsArgs, Context};
use crate::error::{Error, Result};
use crate::model::doctor::{Check, DoctorReport, Status};

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
    let spinner = ctx.printer.spinner("checking");
    let report = report(ctx, &args).await;
    spinner.finish_and_clear();
    let report = report?;
    crate::output::doctor::print_report(&ctx.printer, &report)?;
    let failed = report.failed();
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

/// Every area's checks, run at once; the report a face draws. Only an unreadable
/// `--env-file` is an error: everything else that goes wrong is a row.
pub async fn report(ctx: &Context, args: &DoctorArgs) -> Result<DoctorReport> {
    let app = app_env(ctx, args.env_file.as_ref())?;
    let (honeycomb, rollbar, aws, git, app) = tokio::join!(
        within("honeycomb", honeycomb::checks(ctx)),
        within("rollbar", rollbar::checks(ctx, args)),
        within("aws", aws::checks(ctx, args)),
        within("git", git::checks(ctx, args)),
        within("app", app::checks(ctx, &app)),
    );
    Ok(DoctorReport::new(
        [honeycomb, rollbar, aws, git, app]
            .into_iter()
            .flatten()
            .collect(),
    ))
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
            Check::new(
                area,
                "answer",
                Status::Fail,
                format!("no answer within {} s", AREA_TIMEOUT.as_secs()),
            )
            .hint("check the network and the endpoints (tracectl config show); -v shows each call"),
        ],
    }
}

/// A failed check from an error: its message, and its first hint.
fn failed(area: &'static str, name: &'static str, error: &Error) -> Check {
    Check {
        hint: error.hints().first().cloned(),
        ..Check::new(area, name, Status::Fail, error.message())
    }
}
