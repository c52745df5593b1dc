//! `tracectl logs streams`: list a group's streams, most recently written first.

use clap::Args;

use crate::clients::logs::{LogStream, list_streams};
use crate::commands::{AwsArgs, Context};
use crate::error::Result;
use crate::output::{Column, Printer};

#[derive(Debug, Args)]
pub struct StreamsArgs {
    /// The log group
    #[arg(value_name = "GROUP")]
    pub group: String,

    /// Only streams whose name starts with PREFIX
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,
}

pub async fn run(ctx: &Context, aws: &AwsArgs, args: StreamsArgs) -> Result<()> {
    let client = ctx.logs_client(aws).await?;
    let listing = list_streams(&client, &args.group, args.prefix.as_deref());
    let streams = match ctx.patiently("listing log streams", listing).await {
        Ok(s) => s,
        Err(failure) => return Err(ctx.log_group_error(&client, &args.group, failure).await),
    };
    render(&ctx.printer, &streams)
}

fn render(printer: &Printer, streams: &[LogStream]) -> Result<()> {
    if printer.is_json() {
        return printer.json(streams);
    }
    if streams.is_empty() {
        printer.status("no log streams");
        return Ok(());
    }
    let time = |t: Option<jiff::Timestamp>| {
        t.map_or_else(|| "-".into(), |t| printer.time(t, "%Y-%m-%d %H:%M:%S"))
    };
    let rows = streams
        .iter()
        .map(|s| {
            vec![
                // A name is the service's: shown escaped, never obeyed.
                crate::output::terminal::escape_field(&s.name).into_owned(),
                time(s.last_event),
                time(s.created),
            ]
        })
        .collect();
    printer.table(
        &[
            Column::left("name"),
            Column::left("last event"),
            Column::left("created"),
        ],
        rows,
    )
}
