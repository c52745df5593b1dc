//! `tracectl local traces`: the summary of `xray traces` (rates, percentiles, routes, the
//! slowest or newest requests), computed from the root spans of the local database and
//! drawn by the same renderer.

use std::path::PathBuf;

use clap::Args;

use crate::clients::store::Store;
use crate::commands::{Context, TraceSelection};
use crate::error::Result;
use crate::model::stats;
use crate::model::trace::TraceSummary;
use crate::output::xray::{TracesReport, print_traces};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl local traces --since 15m
  tracectl local traces --faults --url-contains /api/activities
  tracectl local traces --since 1h -o json | jq '.summary'

--errors, --faults and --throttles together select traces with any of them; every other
option narrows the selection further.")]
pub struct TracesArgs {
    #[command(flatten)]
    pub selection: TraceSelection,

    /// The span database [default: $XDG_DATA_HOME/tracectl/traces.db] [env: TRACECTL_LOCAL_DB]
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
}

pub async fn run(ctx: &Context, args: TracesArgs) -> Result<()> {
    let window = args.selection.window(ctx.now)?;
    let store = Store::open_read(&super::database_path(ctx, args.db.clone())?)
        .map_err(super::store_error)?;
    let ns = |t: jiff::Timestamp| i64::try_from(t.as_nanosecond()).unwrap_or(i64::MAX);
    let traces: Vec<TraceSummary> = store
        .summaries_between(
            ns(window.start),
            ns(window.end),
            args.selection.service.as_deref(),
        )
        .map_err(super::store_error)?
        .into_iter()
        .filter(|t| selected(t, &args.selection))
        .collect();
    let limit = args.selection.listed();
    let overview = stats::overview(&traces);
    let routes = stats::routes(&traces);
    let listed = stats::select(&traces, args.selection.sort, limit);
    print_traces(
        &ctx.printer,
        &TracesReport {
            source: "local",
            source_key: "local",
            exact_percentiles: true,
            group: "local",
            window,
            overview: &overview,
            routes: &routes,
            listed: &listed,
            order: args.selection.sort,
        },
    )?;
    if store.time_range().map_err(super::store_error)?.is_none() {
        ctx.printer.hint(&format!(
            "{} holds no spans yet: run `tracectl local listen` and point an app at it: {}",
            store.path().display(),
            super::POINT_AN_APP
        ));
    }
    Ok(())
}

/// The shorthand flags, as `xray traces` compiles them into its filter: the outcome flags
/// together mean any of them; the rest narrow.
fn selected(t: &TraceSummary, args: &TraceSelection) -> bool {
    let outcome = !(args.errors || args.faults || args.throttles)
        || (args.errors && t.has_error)
        || (args.faults && t.has_fault)
        || (args.throttles && t.has_throttle);
    let slow = args
        .slower_than
        .is_none_or(|d| t.latency().is_some_and(|l| l > d.as_secs_f64()));
    let url = args
        .url_contains
        .as_deref()
        .is_none_or(|text| t.url.as_deref().is_some_and(|u| u.contains(text)));
    outcome && slow && url
}
