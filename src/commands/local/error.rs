//! `tracectl local error ID`: one error the Rollbar stand-in holds, by its number or an
//! occurrence's uuid: the traceback (most recent call last), the request (secret headers
//! masked), and the trace it names; drawn as `rollbar item` draws Rollbar's.

use clap::Args;

use crate::clients::store::Store;
use crate::commands::Context;
use crate::error::{Error, Result};
use crate::views;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl local error 3
  tracectl local error 4d2e8b1c-9c0e-4a53-a3f2-9d1e0c6b7a21 -o json")]
pub struct ErrorArgs {
    /// The error's number (`#3` in `local errors`), or the uuid of one of its occurrences
    #[arg(value_name = "ID")]
    pub id: String,

    #[command(flatten)]
    pub db: super::DbArg,
}

pub async fn run(ctx: &Context, args: ErrorArgs) -> Result<()> {
    let store = Store::open_read(&super::database_path(ctx, &args.db)?)?;
    match views::local_errors::error(&store, &args.id)? {
        Some(detail) => crate::output::rollbar::print_item(&ctx.printer, &detail),
        None => Err(Error::failure(format!(
            "no error {} in {}",
            args.id.trim(),
            store.path().display()
        ))
        .with_hint("`tracectl local errors` lists the errors it holds")),
    }
}
