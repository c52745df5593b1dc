//! The `doctor` tool: every integration checked, as `tracectl doctor` checks them, with
//! the settings, profile and credentials the server was started with.

use std::path::PathBuf;

use rmcp::model::CallToolResult;

use super::call::Call;
use super::{DoctorArgs, MAX_BYTES, McpServer, answer, bounded, json_failure, with_context};
use crate::error::Result;

impl McpServer {
    pub(super) async fn doctor_report(
        &self,
        args: DoctorArgs,
        call: Call,
    ) -> Result<CallToolResult> {
        let doctor = crate::commands::doctor::DoctorArgs {
            env_file: args.env_file.map(PathBuf::from),
            send_test: false,
            remote: args.remote.unwrap_or_else(|| "origin".into()),
            aws: self.shared.aws.clone(),
        };
        let report = with_context(&self.shared, &call, "the checks", move |ctx| async move {
            crate::commands::doctor::report(&ctx, &doctor).await
        })
        .await?;
        let summary = format!(
            "{} ok, {} warnings, {} failed",
            report.summary.ok, report.summary.warn, report.summary.fail
        );
        let value = serde_json::to_value(&report).map_err(json_failure)?;
        Ok(answer(summary, bounded::whole(value, MAX_BYTES)?))
    }
}
