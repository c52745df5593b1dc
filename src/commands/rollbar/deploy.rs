//! `tracectl rollbar deploy`: record a deploy.

use clap::{Args, ValueEnum};

use serde::Serialize;

use super::RollbarArgs;
use crate::clients::rollbar::Deploy;
use crate::commands::Context;
use crate::config::ROLLBAR_ENVIRONMENT;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct DeployArgs {
    /// Revision deployed [default: git HEAD]
    #[arg(long, value_name = "REV")]
    pub revision: Option<String>,

    #[arg(short, long, value_name = "ENVIRONMENT", help = ROLLBAR_ENVIRONMENT.help("Environment"))]
    pub environment: Option<String>,

    /// A comment shown with the deploy
    #[arg(long, value_name = "TEXT")]
    pub comment: Option<String>,

    /// Deploy status
    #[arg(long, value_enum)]
    pub status: Option<DeployStatus>,

    /// Local user who deployed [default: $USER]
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeployStatus {
    Started,
    Succeeded,
    Failed,
    #[value(name = "timed_out")]
    TimedOut,
}

impl DeployStatus {
    fn as_str(self) -> &'static str {
        match self {
            DeployStatus::Started => "started",
            DeployStatus::Succeeded => "succeeded",
            DeployStatus::Failed => "failed",
            DeployStatus::TimedOut => "timed_out",
        }
    }
}

#[derive(Serialize)]
struct Recorded {
    deploy_id: i64,
    environment: String,
    revision: String,
}

pub async fn run(ctx: &Context, api: &RollbarArgs, args: DeployArgs) -> Result<()> {
    let revision = match args.revision {
        Some(r) => r,
        None => super::head_info().await.map(|h| h.commit).ok_or_else(|| {
            Error::usage("no --revision given and not inside a git repository")
                .with_hint("pass --revision, e.g. --revision $(git rev-parse HEAD)")
        })?,
    };
    let deploy = Deploy {
        environment: ctx.rollbar_environment(args.environment.as_deref()),
        revision,
        local_username: args
            .user
            .or_else(|| ctx.config.env().get("USER").map(str::to_string)),
        comment: args.comment,
        status: args.status.map(|s| s.as_str().to_string()),
    };
    let client = ctx.rollbar_client(api)?;
    let deploy_id = client.post_deploy(&deploy).await.map_err(Error::from)?;
    let recorded = Recorded {
        deploy_id,
        environment: deploy.environment,
        revision: deploy.revision,
    };
    if ctx.printer.is_json() {
        return ctx.printer.json(&recorded);
    }
    ctx.printer.line(&format!(
        "recorded deploy {} of {} to {}",
        recorded.deploy_id,
        recorded.revision.chars().take(12).collect::<String>(),
        recorded.environment
    ))
}
