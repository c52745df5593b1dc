//! The tools that change things elsewhere, offered only with `tracectl mcp --allow-write`:
//! `rollbar_trigger` (the report of `rollbar trigger`) and `honeycomb_marker` (of
//! `honeycomb marker`). Tag pushes and releases are never offered.

use rmcp::model::CallToolResult;
use serde_json::json;

use super::call::Call;
use super::{
    HoneycombMarkerArgs, LevelArg, MAX_BYTES, McpServer, RollbarTriggerArgs, answer, bounded,
    duration_of, json_failure, with_context,
};
use crate::commands::rollbar::trigger::{Level, TriggerArgs};
use crate::error::{Error, Result};

/// Occurrences one call may send: a test, not a load generator.
const MAX_COUNT: u32 = 100;

impl McpServer {
    pub(super) async fn rollbar_trigger_report(
        &self,
        args: RollbarTriggerArgs,
        call: Call,
    ) -> Result<CallToolResult> {
        let count = args.count.unwrap_or(1);
        if !(1..=MAX_COUNT).contains(&count) {
            return Err(
                Error::usage(format!("count: {count} is not between 1 and {MAX_COUNT}")).with_hint(
                    "`tracectl rollbar trigger --count N` sends up to 1000 from a terminal",
                ),
            );
        }
        let trigger = TriggerArgs {
            message: args
                .message
                .unwrap_or_else(|| "Test error from tracectl".into()),
            level: match args.level {
                LevelArg::Critical => Level::Critical,
                LevelArg::Error => Level::Error,
                LevelArg::Warning => Level::Warning,
                LevelArg::Info => Level::Info,
                LevelArg::Debug => Level::Debug,
            },
            exception: args.exception.unwrap_or_else(|| "TracectlTestError".into()),
            message_only: args.message_only,
            count,
            environment: args.environment,
            code_version: args.code_version,
            fingerprint: args.fingerprint,
            title: args.title,
            // `--custom KEY=VALUE` keeps a JSON value's type: each value as its JSON.
            custom: args
                .custom
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect(),
            dry_run: false,
            wait: args.wait,
            timeout: match args.timeout.as_deref() {
                Some(t) => duration_of("timeout", t)?,
                None => std::time::Duration::from_secs(30),
            },
        };
        let said = call.clone();
        let triggered = with_context(
            &self.shared,
            &call,
            "the Rollbar sender",
            move |ctx| async move {
                use crate::commands::rollbar::{RollbarArgs, trigger};
                let (environment, payloads) = trigger::payloads(&ctx, &trigger).await?;
                said.say(format!("sending {} occurrences to Rollbar", payloads.len()));
                trigger::send(
                    &ctx,
                    &RollbarArgs { endpoint_url: None },
                    &trigger,
                    environment,
                    payloads,
                )
                .await
            },
        )
        .await?;
        // What was sent is said even when some failed: the agent must not send it again.
        if let Err(e) = triggered.outcome {
            let sent: Vec<&str> = triggered.sent.iter().map(|s| s.uuid.as_str()).collect();
            return Err(e.with_hint(format!(
                "{} were sent and are in Rollbar: {}",
                sent.len(),
                if sent.is_empty() {
                    "none".into()
                } else {
                    sent.join(", ")
                }
            )));
        }
        let summary = format!(
            "sent {} occurrences to Rollbar ({})",
            triggered.sent.len(),
            triggered.environment
        );
        let value = json!({ "sent": serde_json::to_value(&triggered.sent).map_err(json_failure)? });
        Ok(answer(summary, bounded::whole(value, MAX_BYTES)?))
    }

    pub(super) async fn honeycomb_marker_report(
        &self,
        args: HoneycombMarkerArgs,
        call: Call,
    ) -> Result<CallToolResult> {
        let marker = crate::commands::honeycomb::marker::MarkerArgs {
            message: args.message,
            dataset: args.dataset,
            marker_type: args.marker_type.unwrap_or_else(|| "deploy".into()),
            url: args.url,
        };
        let (dataset, made) = with_context(
            &self.shared,
            &call,
            "the Honeycomb marker",
            move |ctx| async move {
                let api = crate::commands::honeycomb::HoneycombArgs { endpoint_url: None };
                crate::commands::honeycomb::marker::mark(&ctx, &api, marker).await
            },
        )
        .await?;
        let summary = format!("marker {} added to {dataset}", made.id);
        let value = serde_json::to_value(&made).map_err(json_failure)?;
        Ok(answer(summary, bounded::whole(value, MAX_BYTES)?))
    }
}
