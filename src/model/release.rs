//! `tracectl release`'s report: each step (tag, Rollbar deploy, Honeycomb marker) and how
//! it ended.

use serde::Serialize;
use serde_json::Value;

/// How a step of the release ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Done by this run.
    Done,
    /// Done before (an earlier run, or by hand): not done again.
    Already,
    /// The integration is not configured.
    Skipped,
    /// `--dry-run`: what would be done.
    WouldDo,
    Failed,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Step {
    pub step: &'static str,
    pub outcome: Outcome,
    pub detail: String,
    /// What was (or, with --dry-run, would be) sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<Value>,
    /// What to do about a failure or a skip.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Step {
    pub fn new(step: &'static str, outcome: Outcome, detail: impl Into<String>) -> Step {
        Step {
            step,
            outcome,
            detail: detail.into(),
            request: None,
            hint: None,
        }
    }
}

/// What `release` did (or, with `--dry-run`, would do), step by step.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ReleaseReport {
    pub version: String,
    pub commit: String,
    pub summary: String,
    pub dry_run: bool,
    pub steps: Vec<Step>,
}
