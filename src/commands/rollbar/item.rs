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
  tracectl rollbar item 4d2e8b1c-9c0e-4a53-a3f2-9d1e0c6b7a21   # an occurrence's uuid

Shows the exception and its frames (most recent call last), the request (secret headers
masked), server, person, custom data and code version of the latest occurrences, and the
trace ids they carry (traceparent, X-Amzn-Trace-Id, custom data) with the command that
looks each one up. Rollbar's API finds items by counter; a uuid is looked for among the
latest occurrences of the 20 most recently active items.")]
pub struct ItemArgs {
    /// The item's counter in the project (`#42` in Rollbar's UI), or the uuid of one of its
    /// occurrences (as `rollbar trigger` and the SDKs print it)
    #[arg(value_name = "COUNTER|UUID")]
    pub counter: String,

    /// How many of the latest occurrences to show (at most 20)
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=20))]
    pub occurrences: u8,
}

pub async fn run(ctx: &Context, api: &RollbarArgs, args: ItemArgs) -> Result<()> {
    if let Ok(uuid) = uuid::Uuid::parse_str(args.counter.trim()) {
        return by_uuid(ctx, api, &args, &uuid.hyphenated().to_string()).await;
    }
    let counter: i64 = args
        .counter
        .trim_start_matches('#')
        .parse()
        .ok()
        .filter(|c| *c > 0)
        .ok_or_else(|| {
            Error::usage(format!(
                "'{}' is neither an item counter nor an occurrence uuid",
                args.counter
            ))
            .with_hint("give the number Rollbar shows as #42 (`tracectl rollbar items` lists them), or the uuid `rollbar trigger` printed")
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

/// An occurrence's uuid: its item, found among the most recently active ones.
async fn by_uuid(ctx: &Context, api: &RollbarArgs, args: &ItemArgs, uuid: &str) -> Result<()> {
    let client = ctx.rollbar_reader(api)?;
    let found = views::rollbar::item_by_uuid(&client, uuid, usize::from(args.occurrences))
        .await
        .map_err(|e| ctx.rollbar_read_error(e))?;
    match found {
        Some(detail) => crate::output::rollbar::print_item(&ctx.printer, &detail),
        None => Err(Error::failure(format!(
            "no occurrence {uuid} among the latest occurrences of the most recently active items"
        ))
        .with_hint(format!(
            "Rollbar may still be processing it (seconds), or it is older: https://rollbar.com/occurrence/uuid/?uuid={uuid} finds it in the UI"
        ))),
    }
}
