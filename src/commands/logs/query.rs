//! `tracectl logs query`: CloudWatch Logs Insights.

use clap::Args;
use indexmap::IndexMap;

use crate::clients::aws::AwsFailure;
use crate::clients::logs::{INSIGHTS_MAX_RUNTIME, InsightsError, QueryResults, run_query};
use crate::commands::{AwsArgs, Context};
use crate::error::{Error, Result};
use crate::model::time::{TimeSpec, Window, time_arg};
use crate::output::Column;

#[derive(Debug, Args)]
#[command(after_help = "Example:
  tracectl logs query 'fields @timestamp, @message | filter @message like /ERROR/ | limit 20' -g /cruddur/backend-flask")]
pub struct QueryArgs {
    /// The Logs Insights query
    pub query: String,

    /// Log groups to query (repeatable, at most 50)
    #[arg(short = 'g', long = "group", required = true, value_name = "GROUP")]
    pub groups: Vec<String>,

    /// Query the last DUR, or from this time
    #[arg(long, value_parser = time_arg, value_name = "DUR", default_value = "1h")]
    pub since: TimeSpec,

    /// End of the window [default: now]
    #[arg(long, value_parser = time_arg, value_name = "T")]
    pub until: Option<TimeSpec>,
}

/// Insights takes at most 50 groups per query.
const MAX_GROUPS: usize = 50;

pub async fn run(ctx: &Context, aws: &AwsArgs, args: QueryArgs) -> Result<()> {
    if args.groups.len() > MAX_GROUPS {
        return Err(Error::usage(format!(
            "{} groups given; Logs Insights takes at most {MAX_GROUPS}",
            args.groups.len()
        )));
    }
    let window = Window::resolve(args.since, args.until, ctx.now).map_err(Error::usage)?;
    let client = ctx.logs_client(aws).await?;
    let spinner = ctx.printer.spinner("running Logs Insights query");
    let progress = |partial: &QueryResults| {
        spinner.set_message(format!(
            "running Logs Insights query: {} rows so far, {} records matched of {} scanned",
            partial.rows.len(),
            partial.records_matched,
            partial.records_scanned
        ));
    };
    let results = run_query(
        &client,
        &args.groups,
        (window.start.as_second(), window.end.as_second()),
        &args.query,
        INSIGHTS_MAX_RUNTIME,
        &progress,
    )
    .await;
    spinner.finish_and_clear();
    let results = match results {
        Ok(results) => results,
        Err(InsightsError::Aws(failure)) => {
            return Err(start_error(ctx, &client, &args.groups, failure).await);
        }
        Err(InsightsError::Ended { status, query_id }) => {
            return Err(Error::failure(format!(
                "the Logs Insights query ended with status {status}"
            ))
            .with_hint(format!(
                "query id {query_id}; CloudWatch's console shows the details"
            )));
        }
        Err(InsightsError::TimedOut { .. }) => {
            return Err(Error::failure(
                "the Logs Insights query did not complete within 60 minutes",
            ));
        }
    };
    render(ctx, &results)
}

/// A query the service refuses (syntax) is the service's message; a missing group names it.
async fn start_error(
    ctx: &Context,
    client: &aws_sdk_cloudwatchlogs::Client,
    groups: &[String],
    failure: AwsFailure,
) -> Error {
    match &failure {
        AwsFailure::Service { code, message }
            if code == "MalformedQueryException" || code == "InvalidParameterException" =>
        {
            Error::failure(format!("Logs Insights refused the query: {message}")).with_hint(
                "see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html",
            )
        }
        AwsFailure::Service { code, .. } if code == "ResourceNotFoundException" => {
            // Name the first group that does not exist, with the closest existing name.
            let existing = crate::clients::logs::list_groups(client, None)
                .await
                .unwrap_or_default();
            let missing = groups
                .iter()
                .find(|g| !existing.iter().any(|e| &e.name == *g))
                .cloned()
                .unwrap_or_default();
            ctx.log_group_error(client, &missing, failure).await
        }
        _ => ctx.aws_error("cannot start the Logs Insights query", failure),
    }
}

fn render(ctx: &Context, results: &QueryResults) -> Result<()> {
    let p = &ctx.printer;
    let rows: Vec<IndexMap<&str, &str>> = results
        .rows
        .iter()
        .map(|row| row.iter().map(|(f, v)| (f.as_str(), v.as_str())).collect())
        .collect();
    if p.is_json() {
        return p.json(&rows);
    }
    p.status(&format!(
        "{} rows; {} records matched of {} scanned",
        rows.len(),
        results.records_matched,
        results.records_scanned
    ));
    // Columns in the order the query's fields first appear.
    let mut fields: Vec<&str> = Vec::new();
    for row in &rows {
        for field in row.keys() {
            if !fields.contains(field) {
                fields.push(field);
            }
        }
    }
    if fields.is_empty() {
        return Ok(());
    }
    let columns: Vec<Column> = fields.iter().map(|f| Column::left(*f)).collect();
    let table = rows
        .iter()
        .map(|row| {
            fields
                .iter()
                .map(|f| row.get(f).copied().unwrap_or("").to_string())
                .collect()
        })
        .collect();
    p.table(&columns, table)
}
