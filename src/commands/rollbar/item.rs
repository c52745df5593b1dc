//! `tracectl rollbar item COUNTER`: one error with its latest occurrences.

use clap::Args;

use super::RollbarArgs;
use crate::commands::Context;
use crate::error::{Error, Result};
use crate::views;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl rollbar item 42
  tracectl rollbar item 42 --occurrences 5 -o json

Shows the exception and its frames (most recent call last), the request (secret headers
masked), server, person, custom data and code version of the latest occurrences, and the
trace ids they carry (traceparent, X-Amzn-Trace-Id, custom data) with the command that
looks each one up.")]
pub struct ItemArgs {
    /// The item's counter in the project (`#42` in Rollbar's UI)
    #[arg(value_name = "COUNTER")]
    pub counter: String,

    /// How many of the latest occurrences to show (at most 20)
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=20))]
    pub occurrences: u8,
}

pub async fn run(ctx: &Context, api: &RollbarArgs, args: ItemArgs) -> Result<()> {
    let counter: i64 = args
        .counter
        .trim_start_matches('#')
        .parse()
        .ok()
        .filter(|c| *c > 0)
        .ok_or_else(|| {
            Error::usage(format!("'{}' is not an item counter", args.counter)).with_hint(
                "give the number Rollbar shows as #42; `tracectl rollbar items` lists them",
            )
        })?;
    let client = ctx.rollbar_reader(api)?;
    let detail = views::rollbar::item(&client, counter, usize::from(args.occurrences))
        .await
        .map_err(|e| match e {
            crate::clients::rollbar::RollbarError::Status { status: 404, .. } => {
                Error::failure(format!("no item #{counter} in this project"))
                    .with_hint("`tracectl rollbar items --status all` lists them")
            }
            e => ctx.rollbar_read_error(e),
        })?;
    crate::output::rollbar::print_item(&ctx.printer, &detail)
}
