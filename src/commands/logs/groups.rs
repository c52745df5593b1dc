//! `tracectl logs groups`: list log groups.

use clap::Args;

use crate::clients::logs::{LogGroup, list_groups};
use crate::commands::{AwsArgs, Context};
use crate::error::Result;
use crate::output::{Column, Printer};

#[derive(Debug, Args)]
pub struct GroupsArgs {
    /// Only groups whose name starts with PREFIX
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,
}

pub async fn run(ctx: &Context, aws: &AwsArgs, args: GroupsArgs) -> Result<()> {
    let client = ctx.logs_client(aws).await?;
    let groups = ctx
        .patiently(
            "listing log groups",
            list_groups(&client, args.prefix.as_deref()),
        )
        .await
        .map_err(|f| ctx.aws_error("cannot list log groups", f))?;
    render(&ctx.printer, &groups)
}

fn render(printer: &Printer, groups: &[LogGroup]) -> Result<()> {
    if printer.is_json() {
        return printer.json(groups);
    }
    if groups.is_empty() {
        printer.status("no log groups");
        return Ok(());
    }
    let rows = groups
        .iter()
        .map(|g| {
            vec![
                crate::output::terminal::escape_field(&g.name).into_owned(),
                g.stored_bytes
                    .map_or_else(|| "-".into(), crate::output::human_bytes),
                g.retention_days
                    .map_or_else(|| "never expires".into(), |d| format!("{d} d")),
                g.created
                    .map_or_else(|| "-".into(), |t| printer.time(t, "%Y-%m-%d %H:%M")),
            ]
        })
        .collect();
    printer.table(
        &[
            Column::left("name"),
            Column::right("stored"),
            Column::right("retention"),
            Column::left("created"),
        ],
        rows,
    )
}
