//! `tracectl local query`: the flags of `honeycomb query`, validated by the same query
//! model, evaluated over the stored spans, printed by the same renderer.

use clap::Args;

use crate::clients::store::Store;
use crate::commands::Context;
use crate::commands::honeycomb::query::{
    QueryFlags, apply_window_and_limits, spec_from_flags, window_length,
};
use crate::error::{Error, Result};
use crate::model::query::validate;
use crate::output::honeycomb::print_query;
use crate::views;
use crate::views::local::QueryFailure;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl local query -c COUNT -c 'P99(duration_ms)' -b http.route --since 1h
  tracectl local query -c COUNT -w 'http.status_code >= 500' -b service.name
  tracectl local query -c 'AVG(duration_ms)' -b name -w 'span.kind = client'

Columns are named as Honeycomb shows OpenTelemetry data: duration_ms, name, service.name,
trace.trace_id, trace.span_id, trace.parent_id, span.kind, error, and every attribute by its
key; X-Ray segments answer to the same names (http.route, http.status_code, ...). The same
query runs in both places.")]
pub struct QueryArgs {
    #[command(flatten)]
    pub flags: QueryFlags,

    /// Do not compute or draw the time series
    #[arg(long)]
    pub no_series: bool,

    #[command(flatten)]
    pub db: crate::commands::local::DbArg,
}

pub async fn run(ctx: &Context, args: QueryArgs) -> Result<()> {
    let now = ctx.now.as_second();
    let mut spec = spec_from_flags(&args.flags, |_| None)?;
    apply_window_and_limits(&mut spec, &args.flags, false, ctx)?;
    validate(&spec, now)
        .map_err(|e| Error::usage(e.0).with_hint("tracectl local query --help shows the forms"))?;
    if args.flags.print_spec {
        return ctx.printer.json(&spec);
    }
    let store = Store::open_read(&super::database_path(ctx, &args.db)?)?;
    let report =
        views::local::query(&store, &spec, ctx.now, !args.no_series).map_err(|e| match e {
            QueryFailure::Spec(e) => {
                Error::usage(e.0).with_hint("tracectl local query --help shows the forms")
            }
            QueryFailure::Store(e) => e.into(),
        })?;
    let charts =
        (ctx.printer.options().stdout_tty && !args.no_series).then(|| window_length(&spec, now));
    print_query(&ctx.printer, &report, charts)
}
