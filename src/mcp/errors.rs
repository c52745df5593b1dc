//! The `errors` tool: errors grouped as Rollbar groups them, from the local store (the
//! view of `local errors`) or from Rollbar's read API (the report of `rollbar items`).

use rmcp::model::CallToolResult;

use super::call::Call;
use super::{
    ErrorSourceArg, ErrorsArgs, MAX_BYTES, McpServer, StatusArg, answer, bounded, duration_of,
    json_failure, start_ns_of, with_context, with_store,
};
use crate::clients::store::ErrorsFilter;
use crate::commands::rollbar::items::{ItemStatus, ItemsArgs};
use crate::error::{Error, Result};
use crate::views;

impl McpServer {
    pub(super) async fn errors_report(
        &self,
        args: ErrorsArgs,
        call: Call,
    ) -> Result<CallToolResult> {
        match args.source {
            ErrorSourceArg::Local => self.local_errors(args).await,
            ErrorSourceArg::Rollbar => self.rollbar_errors(args, call).await,
        }
    }

    /// The local store's items, as `local errors` lists them.
    async fn local_errors(&self, args: ErrorsArgs) -> Result<CallToolResult> {
        if args.status != StatusArg::Active {
            return Err(Error::usage("the local store's items have no status")
                .with_hint("status is Rollbar's: give source rollbar"));
        }
        let since_ns = start_ns_of(args.since.as_deref())?;
        check_level(args.level.as_deref())?;
        let filter = ErrorsFilter {
            since_ns,
            environment: args.environment.clone(),
            level: args.level.clone(),
        };
        let limit = args.limit.unwrap_or(20).max(1);
        let report = with_store(&self.shared, move |store| {
            Ok(views::local_errors::errors(store, &filter, limit)?)
        })
        .await?;
        let summary = format!("{} error items in the local store", report.items.len());
        let value = serde_json::to_value(&report).map_err(json_failure)?;
        Ok(answer(
            summary,
            bounded::whole(value, args.max_bytes.unwrap_or(MAX_BYTES))?,
        ))
    }

    /// Rollbar's items, as `rollbar items -o json` lists them (a read token).
    async fn rollbar_errors(&self, args: ErrorsArgs, call: Call) -> Result<CallToolResult> {
        check_level(args.level.as_deref())?;
        let items = ItemsArgs {
            since: args
                .since
                .as_deref()
                .map(|s| duration_of("since", s))
                .transpose()?
                .map(crate::model::time::TimeSpec::Ago),
            level: args.level.clone(),
            environment: args.environment.clone(),
            status: match args.status {
                StatusArg::Active => ItemStatus::Active,
                StatusArg::Resolved => ItemStatus::Resolved,
                StatusArg::Muted => ItemStatus::Muted,
                StatusArg::All => ItemStatus::All,
            },
            limit: args.limit.unwrap_or(20).max(1),
        };
        let report = with_context(
            &self.shared,
            &call,
            "the Rollbar reader",
            move |ctx| async move {
                let api = crate::commands::rollbar::RollbarArgs { endpoint_url: None };
                crate::commands::rollbar::items::report(&ctx, &api, &items).await
            },
        )
        .await?;
        let summary = format!("{} Rollbar items", report.items.len());
        let value = serde_json::to_value(&report).map_err(json_failure)?;
        Ok(answer(
            summary,
            bounded::whole(value, args.max_bytes.unwrap_or(MAX_BYTES))?,
        ))
    }
}

fn check_level(level: Option<&str>) -> Result<()> {
    match level {
        Some(level) if !crate::model::local_error::LEVELS.contains(&level) => Err(Error::usage(
            format!("level: {level} is no Rollbar level"),
        )
        .with_hint(format!(
            "one of {}",
            crate::model::local_error::LEVELS.join(", ")
        ))),
        _ => Ok(()),
    }
}
