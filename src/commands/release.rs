//! `tracectl release VERSION`: push the release tag (the safe `tag push`), then record a
//! Rollbar deploy of the tag's commit and add a Honeycomb marker, each integration skipped
//! and said when it is not configured.
//!
//! Safe to re-run: a tag already on the remote at the same commit is fine, and a deploy or
//! marker already made for this version is not made twice. Honeycomb's markers are listed
//! to find one; Rollbar's deploys cannot be listed with a `post_server_item` token, so what
//! was recorded is kept in a journal inside the repository (`.git/tracectl/releases.json`).

use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

use clap::Args;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::clients::git;
use crate::clients::honeycomb::NewMarker;
use crate::clients::rollbar::Deploy;
use crate::commands::Context;
use crate::commands::honeycomb::HoneycombArgs;
use crate::commands::rollbar::RollbarArgs;
use crate::commands::tag::{self, push};
use crate::config::ROLLBAR_ENVIRONMENT;
use crate::config::{HONEYCOMB_API_KEY, HONEYCOMB_DATASET, ROLLBAR_ACCESS_TOKEN};
use crate::error::{Error, Result};
use crate::model::release::{Outcome, ReleaseReport as Report, Step};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl release v0.3 -e production --comment 'new feed'
  tracectl release v0.3 --dry-run       # every request printed, nothing changed

Steps: the tag (created at HEAD if missing, pushed like `tracectl tag push`), a Rollbar
deploy (revision = the tag's commit) if ROLLBAR_ACCESS_TOKEN is set, a Honeycomb marker
(type deploy, the version as message, a link to the tag on GitHub/GitLab/Bitbucket) if
HONEYCOMB_API_KEY is set. Run it again after a failure: what was done is not done twice.")]
pub struct ReleaseArgs {
    /// The version: the tag's name, e.g. v0.3
    #[arg(value_name = "VERSION")]
    pub tag: String,

    #[arg(
        short,
        long,
        value_name = "ENVIRONMENT",
        help = ROLLBAR_ENVIRONMENT.help("Environment of the Rollbar deploy")
    )]
    pub environment: Option<String>,

    /// A comment shown with the Rollbar deploy
    #[arg(long, value_name = "TEXT")]
    pub comment: Option<String>,

    /// Remote the tag is pushed to
    #[arg(long, value_name = "NAME", default_value = "origin")]
    pub remote: String,

    #[arg(
        short,
        long,
        value_name = "DATASET",
        help = HONEYCOMB_DATASET.help("Honeycomb dataset to mark [default: __all__, the whole environment]")
    )]
    pub dataset: Option<String>,

    /// Create the tag even when the working tree has uncommitted changes
    #[arg(long)]
    pub allow_dirty: bool,

    /// Print every request and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// A failed step from an error: its message, and its first hint.
fn failed(step: &'static str, error: &Error) -> Step {
    Step {
        hint: error.hints().first().cloned(),
        ..Step::new(step, Outcome::Failed, error.message())
    }
}

/// What earlier runs recorded, per version: the deploys by environment and the markers by
/// dataset, each with the commit they were made for.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Journal {
    #[serde(flatten)]
    versions: std::collections::BTreeMap<String, Recorded>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Recorded {
    #[serde(default)]
    rollbar_deploys: std::collections::BTreeMap<String, Made>,
    #[serde(default)]
    honeycomb_markers: std::collections::BTreeMap<String, Made>,
}

/// What a release makes besides the tag.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Deploy,
    Marker,
}

impl Recorded {
    fn of(&self, kind: Kind) -> &std::collections::BTreeMap<String, Made> {
        match kind {
            Kind::Deploy => &self.rollbar_deploys,
            Kind::Marker => &self.honeycomb_markers,
        }
    }

    fn of_mut(&mut self, kind: Kind) -> &mut std::collections::BTreeMap<String, Made> {
        match kind {
            Kind::Deploy => &mut self.rollbar_deploys,
            Kind::Marker => &mut self.honeycomb_markers,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Made {
    id: String,
    commit: String,
}

/// The journal file and its contents, written through after every change.
struct JournalFile {
    path: PathBuf,
    journal: Mutex<Journal>,
}

impl JournalFile {
    /// Reads the journal of the repository at `git_dir` (none yet: an empty one). A journal
    /// that does not parse is an error: overwriting it would forget what was done.
    fn load(git_dir: &std::path::Path) -> Result<JournalFile> {
        let path = git_dir.join("tracectl").join("releases.json");
        let journal = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                Error::failure(format!(
                    "cannot read the release journal {}",
                    path.display()
                ))
                .with_hint("fix or move the file; it records the deploys and markers already made")
                .with_source(e)
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Journal::default(),
            Err(e) => {
                return Err(Error::failure(format!(
                    "cannot read the release journal {}",
                    path.display()
                ))
                .with_source(e));
            }
        };
        Ok(JournalFile {
            path,
            journal: Mutex::new(journal),
        })
    }

    /// What an earlier run made of `kind` for `version` under `key` (environment, dataset).
    fn made(&self, version: &str, kind: Kind, key: &str) -> Option<Made> {
        let journal = self.journal.lock().unwrap_or_else(|e| e.into_inner());
        journal.versions.get(version)?.of(kind).get(key).cloned()
    }

    /// Remembers what this run made, and writes the file.
    fn remember(&self, version: &str, kind: Kind, key: &str, made: Made) -> std::io::Result<()> {
        self.record(|j| {
            j.versions
                .entry(version.to_string())
                .or_default()
                .of_mut(kind)
                .insert(key.to_string(), made);
        })
    }

    /// Records a change and writes the file (whole, through a rename: never half-written).
    fn record(&self, change: impl FnOnce(&mut Journal)) -> std::io::Result<()> {
        let mut journal = self.journal.lock().unwrap_or_else(|e| e.into_inner());
        change(&mut journal);
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = serde_json::to_vec_pretty(&*journal).map_err(std::io::Error::other)?;
        // A temporary file beside the journal, synced, then renamed over it: a crash leaves
        // the old journal or the new one, never half of one (and no stale temporary name).
        let dir = self.path.parent().unwrap_or(std::path::Path::new("."));
        let mut partial = tempfile::NamedTempFile::new_in(dir)?;
        partial.write_all(&text)?;
        partial.as_file().sync_all()?;
        partial.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// What the tag step found out: the commit released, and where the tag can be seen.
struct Tagged {
    step: Step,
    commit: String,
    summary: String,
    tag_url: Option<String>,
    git_dir: PathBuf,
}

pub async fn run(ctx: &Context, args: ReleaseArgs) -> Result<()> {
    git::validate_tag_name(&args.tag)?;
    let tagged = push_tag(ctx, &args).await.map_err(|e| {
        e.with_hint("nothing else was done: no deploy was recorded and no marker added")
    })?;
    let journal = JournalFile::load(&tagged.git_dir)?;
    let (rollbar, honeycomb) = tokio::join!(
        rollbar_step(ctx, &args, &tagged, &journal),
        honeycomb_step(ctx, &args, &tagged, &journal),
    );
    let report = Report {
        version: args.tag.clone(),
        commit: tagged.commit,
        summary: tagged.summary,
        dry_run: args.dry_run,
        steps: vec![tagged.step, rollbar, honeycomb],
    };
    crate::output::release::print_report(&ctx.printer, &report)?;
    incomplete(&args, &report)
}

/// The tag step: `tag push VERSION` (refusing a remote tag that points elsewhere).
async fn push_tag(ctx: &Context, args: &ReleaseArgs) -> Result<Tagged> {
    let env = ctx.config.env().clone();
    let auth = tag::remote_auth(&env);
    let push_args = push::PushArgs {
        names: vec![args.tag.clone()],
        all: false,
        remote: args.remote.clone(),
        message: None,
        force: false,
        allow_dirty: args.allow_dirty,
        dry_run: args.dry_run,
    };
    let bar = ctx.printer.spinner(format!(
        "pushing {} to {}",
        args.tag,
        tag::shown_remote(&args.remote)
    ));
    let version = args.tag.clone();
    let result = tag::blocking(move || {
        let report = push::push_tags(&push_args, &env, &auth, &|_, _| {})?;
        push::rejection(&report)?;
        let repo = git::open()?;
        let (commit, summary) = match git::tag_commit(&repo, &version) {
            Ok(found) => found,
            // --dry-run creates nothing: the tag would be made at HEAD.
            Err(_) if push_args.dry_run => git::head_commit(&repo)?,
            Err(e) => return Err(e.into()),
        };
        let tag_url = git::remote_url(&repo, &push_args.remote)?
            .and_then(|url| crate::model::forge::tag_url(&url, &version));
        Ok((report, commit, summary, tag_url, repo.path().to_path_buf()))
    })
    .await;
    bar.finish_and_clear();
    let (report, commit, summary, tag_url, git_dir) = result?;
    let remote = tag::shown_remote(&args.remote);
    let created = report.tags.first().and_then(|t| t.created.as_ref());
    let made = match (created.is_some(), args.dry_run) {
        (true, false) => format!(" (created at {})", tag::short(&commit)),
        (true, true) => format!(" (to be created at {})", tag::short(&commit)),
        (false, _) => String::new(),
    };
    let status = report.tags.first().map(|t| &t.status);
    let step = match status {
        Some(push::Status::UpToDate) => Step::new(
            "tag",
            Outcome::Already,
            format!("{remote} has {} at {}", args.tag, tag::short(&commit)),
        ),
        Some(push::Status::WouldPush) => Step::new(
            "tag",
            Outcome::WouldDo,
            format!("push {} → {remote}{made}", args.tag),
        ),
        _ => Step::new(
            "tag",
            Outcome::Done,
            format!("pushed {} → {remote}{made}", args.tag),
        ),
    };
    Ok(Tagged {
        step,
        commit,
        summary,
        tag_url,
        git_dir,
    })
}

/// The Rollbar step: a deploy of the tag's commit, unless one is recorded already.
async fn rollbar_step(
    ctx: &Context,
    args: &ReleaseArgs,
    tagged: &Tagged,
    journal: &JournalFile,
) -> Step {
    const STEP: &str = "rollbar";
    if ctx.config.secret(&ROLLBAR_ACCESS_TOKEN).is_none() {
        return Step {
            hint: Some(ctx.config.missing_hint(&ROLLBAR_ACCESS_TOKEN)),
            ..Step::new(STEP, Outcome::Skipped, "no Rollbar access token")
        };
    }
    let environment = ctx.rollbar_environment(args.environment.as_deref());
    let earlier = journal
        .made(&args.tag, Kind::Deploy, &environment)
        .filter(|m| m.commit == tagged.commit);
    if let Some(made) = earlier {
        return Step::new(
            STEP,
            Outcome::Already,
            format!(
                "deploy {} to {environment} was recorded by an earlier run",
                made.id
            ),
        );
    }
    let deploy = Deploy {
        environment: environment.clone(),
        revision: tagged.commit.clone(),
        local_username: ctx.config.env().get("USER").map(str::to_string),
        comment: args.comment.clone(),
        status: None,
    };
    let client = match ctx.rollbar_client(&RollbarArgs { endpoint_url: None }) {
        Ok(client) => client,
        Err(e) => return failed(STEP, &e),
    };
    let request = json!({
        "method": "POST",
        "url": client.deploy_url().map(|u| u.to_string()).unwrap_or_default(),
        "body": deploy,
    });
    if args.dry_run {
        return Step {
            request: Some(request),
            ..Step::new(
                STEP,
                Outcome::WouldDo,
                format!(
                    "record a deploy of {} to {environment}",
                    tag::short(&tagged.commit)
                ),
            )
        };
    }
    match client.post_deploy(&deploy).await {
        Ok(id) => {
            let made = Made {
                id: id.to_string(),
                commit: tagged.commit.clone(),
            };
            let kept = journal.remember(&args.tag, Kind::Deploy, &environment, made);
            Step {
                request: Some(request),
                hint: kept.err().map(|e| {
                    format!("the journal could not be written ({e}): a re-run would record this deploy again")
                }),
                ..Step::new(
                    STEP,
                    Outcome::Done,
                    format!("recorded deploy {id} of {} to {environment}", tag::short(&tagged.commit)),
                )
            }
        }
        Err(e) => failed(STEP, &Error::from(e)),
    }
}

/// The Honeycomb step: a deploy marker named after the version, unless the dataset has one.
async fn honeycomb_step(
    ctx: &Context,
    args: &ReleaseArgs,
    tagged: &Tagged,
    journal: &JournalFile,
) -> Step {
    const STEP: &str = "honeycomb";
    if ctx.config.secret(&HONEYCOMB_API_KEY).is_none() {
        return Step {
            hint: Some(ctx.config.missing_hint(&HONEYCOMB_API_KEY)),
            ..Step::new(STEP, Outcome::Skipped, "no Honeycomb API key")
        };
    }
    let dataset = ctx
        .config
        .get(
            &HONEYCOMB_DATASET,
            args.dataset.as_deref().map(|d| ("--dataset", d)),
        )
        .map_or_else(|| "__all__".to_string(), |r| r.value);
    let client = match ctx.honeycomb_client(&HoneycombArgs { endpoint_url: None }) {
        Ok(client) => client,
        Err(e) => return failed(STEP, &e),
    };
    let marker = NewMarker {
        message: args.tag.clone(),
        marker_type: Some("deploy".into()),
        url: tagged.tag_url.clone(),
        start_time: Some(ctx.now.as_second()),
    };
    let request = json!({
        "method": "POST",
        "url": client.markers_url(&dataset).map(|u| u.to_string()).unwrap_or_default(),
        "body": marker,
    });
    let earlier = journal.made(&args.tag, Kind::Marker, &dataset);
    if let Some(made) = earlier {
        return Step::new(
            STEP,
            Outcome::Already,
            format!(
                "marker {} on {dataset} was added by an earlier run",
                made.id
            ),
        );
    }
    if args.dry_run {
        return Step {
            request: Some(request),
            ..Step::new(
                STEP,
                Outcome::WouldDo,
                format!("add a deploy marker {} to {dataset}", args.tag),
            )
        };
    }
    // A marker made by hand, from another machine, or by a run whose journal was lost.
    let existing = match client.markers(&dataset).await {
        Ok(markers) => markers.into_iter().find(|m| {
            m.marker_type.as_deref() == Some("deploy")
                && m.message.as_deref() == Some(args.tag.as_str())
        }),
        Err(e) => return failed(STEP, &ctx.honeycomb_error(e)),
    };
    if let Some(found) = existing {
        return Step::new(
            STEP,
            Outcome::Already,
            format!("{dataset} has a deploy marker {} ({})", args.tag, found.id),
        );
    }
    match client.create_marker(&dataset, &marker).await {
        Ok(created) => {
            let made = Made {
                id: created.id.clone(),
                commit: tagged.commit.clone(),
            };
            let kept = journal.remember(&args.tag, Kind::Marker, &dataset, made);
            Step {
                request: Some(request),
                hint: kept
                    .err()
                    .map(|e| format!("the journal could not be written ({e})")),
                ..Step::new(
                    STEP,
                    Outcome::Done,
                    format!(
                        "added deploy marker {} ({}) to {dataset}",
                        args.tag, created.id
                    ),
                )
            }
        }
        Err(e) => failed(STEP, &ctx.honeycomb_error(e)),
    }
}

/// A release with a failed step is an error saying what was done, what failed, and the
/// command that finishes it (a re-run, which does not repeat what was done).
fn incomplete(args: &ReleaseArgs, report: &Report) -> Result<()> {
    let failed: Vec<&Step> = report
        .steps
        .iter()
        .filter(|s| s.outcome == Outcome::Failed)
        .collect();
    if failed.is_empty() {
        return Ok(());
    }
    let done: Vec<&str> = report
        .steps
        .iter()
        .filter(|s| matches!(s.outcome, Outcome::Done | Outcome::Already))
        .map(|s| s.step)
        .collect();
    let what = failed
        .iter()
        .map(|s| format!("{} failed: {}", s.step, s.detail))
        .collect::<Vec<_>>()
        .join("; ");
    let mut err = Error::failure(format!("release {} is not complete: {what}", args.tag));
    for step in &failed {
        if let Some(hint) = &step.hint {
            err = err.with_hint(format!("{}: {hint}", step.step));
        }
    }
    if !done.is_empty() {
        err = err.with_hint(format!("done: {}", done.join(", ")));
    }
    Err(err.with_hint(format!(
        "finish with: {} (what is done is not done again)",
        rerun_command(args)
    )))
}

/// The command line that re-runs this release.
fn rerun_command(args: &ReleaseArgs) -> String {
    let mut words = vec!["tracectl".to_string(), "release".into(), args.tag.clone()];
    let mut option = |flag: &str, value: Option<&String>| {
        if let Some(value) = value {
            words.push(flag.to_string());
            words.push(value.clone());
        }
    };
    option("-e", args.environment.as_ref());
    option("-d", args.dataset.as_ref());
    option("--comment", args.comment.as_ref());
    if args.remote != "origin" {
        words.push("--remote".into());
        words.push(args.remote.clone());
    }
    if args.allow_dirty {
        words.push("--allow-dirty".into());
    }
    shell_words::join(words)
}
