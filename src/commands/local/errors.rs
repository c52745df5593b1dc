//! `tracectl local errors`: the errors the Rollbar stand-in holds, grouped as Rollbar
//! groups them, latest activity first; drawn as `rollbar items` draws Rollbar's.

use clap::Args;

use crate::clients::store::{ErrorsFilter, Store};
use crate::commands::Context;
use crate::error::{Error, Result};
use crate::model::time::{TimeSpec, Window, time_arg};
use crate::views;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl local errors
  tracectl local errors --since 10m -e production --level error -o json

Errors reach it from pyrollbar pointed at `local listen`'s Rollbar stand-in:
  rollbar.init(token, endpoint='http://127.0.0.1:4321/api/1/')
`tracectl local error N` shows one: its traceback, request and trace.")]
pub struct ErrorsArgs {
    /// Only occurrences since then (a duration ago, or a time) [default: all]
    #[arg(long, value_parser = time_arg, value_name = "DUR")]
    pub since: Option<TimeSpec>,

    /// Only this environment
    #[arg(short, long, value_name = "ENVIRONMENT")]
    pub environment: Option<String>,

    /// Only this level: critical, error, warning, info or debug
    #[arg(long, value_name = "LEVEL", value_parser = clap::builder::PossibleValuesParser::new(crate::model::local_error::LEVELS.iter().copied()))]
    pub level: Option<String>,

    /// List at most this many
    #[arg(short, long, value_name = "N", default_value_t = 20)]
    pub limit: usize,

    #[command(flatten)]
    pub db: super::DbArg,
}

pub async fn run(ctx: &Context, args: ErrorsArgs) -> Result<()> {
    let since_ns = args
        .since
        .map(|since| Window::resolve(since, None, ctx.now).map_err(Error::usage))
        .transpose()?
        .map(|w| i64::try_from(w.start.as_nanosecond()).unwrap_or(i64::MIN));
    let store = Store::open_read(&super::database_path(ctx, &args.db)?)?;
    let filter = ErrorsFilter {
        since_ns,
        environment: args.environment.clone(),
        level: args.level.clone(),
    };
    let report = views::local_errors::errors(&store, &filter, args.limit)?;
    crate::output::rollbar::print_items(&ctx.printer, &report, "tracectl local error N")?;
    if report.items.is_empty() && !ctx.printer.is_json() && store.error_counts()?.0 == 0 {
        ctx.printer.hint(
            "no errors yet: point pyrollbar at `tracectl local listen`'s Rollbar stand-in: rollbar.init(token, endpoint='http://127.0.0.1:4321/api/1/')",
        );
    }
    Ok(())
}
