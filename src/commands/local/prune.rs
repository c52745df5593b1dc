//! `tracectl local prune`: delete old spans, log lines and errors now, as `local listen --retain` does while it
//! runs.

use std::time::Duration;

use clap::Args;

use crate::clients::store::Store;
use crate::commands::Context;
use crate::error::{Error, Result};
use crate::model::time::duration_arg;
use crate::output::{human_count, human_span};

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Delete spans, log lines and errors from longer ago than this [default: the retention, 7d]
    #[arg(long, value_parser = duration_arg, value_name = "DUR")]
    pub older_than: Option<Duration>,

    #[command(flatten)]
    pub db: crate::commands::local::DbArg,
}

pub async fn run(ctx: &Context, args: PruneArgs) -> Result<()> {
    let older_than = super::listen::retention(ctx, args.older_than)?;
    let path = super::database_path(ctx, &args.db)?;
    if !path.exists() {
        // Nothing to prune; opening would create it.
        return Err(Error::from(crate::clients::store::StoreError::Missing {
            path,
        }));
    }
    let mut store = Store::open(&path)?;
    let cutoff = ctx
        .now
        .as_nanosecond()
        .saturating_sub(i128::try_from(older_than.as_nanos()).unwrap_or(i128::MAX));
    let deleted = store.prune_before(i64::try_from(cutoff).unwrap_or(i64::MIN))?;
    let left = store.count()?;
    let logs_left: i64 = store.log_counts()?.iter().map(|(_, n)| n).sum();
    let (errors_left, _) = store.error_counts()?;
    if ctx.printer.is_json() {
        return ctx.printer.json(&serde_json::json!({
            "deleted": deleted.spans,
            "left": left,
            "deleted_logs": deleted.logs,
            "logs_left": logs_left,
            "deleted_errors": deleted.errors,
            "errors_left": errors_left,
        }));
    }
    let n = |count: i64| human_count(count.max(0) as u64);
    ctx.printer.line(&format!(
        "deleted {} spans, {} log lines and {} errors older than {}; {} spans, {} log lines and {} errors left in {}",
        human_count(deleted.spans as u64),
        human_count(deleted.logs as u64),
        human_count(deleted.errors as u64),
        human_span(older_than),
        n(left),
        n(logs_left),
        n(errors_left),
        path.display()
    ))
}
