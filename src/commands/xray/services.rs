//! `tracectl xray services`: the service graph as a table: X-Ray's (GetServiceGraph), or on
//! an account with Transaction Search the graph of the window's newest requests, retrieved
//! from aws/spans (GetRetrievedTracesGraph).

use std::time::Duration;

use clap::Args;

use super::{TraceSource, spans, trace};
use crate::clients::xray;
use crate::commands::{AwsArgs, Context, resolve_window};
use crate::error::Result;
use crate::model::time::{TimeSpec, Window, time_arg};
use crate::output::xray::print_services;
use crate::views::services::ServicesReport;

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl xray services --since 6h
  tracectl xray services --source spans --traces 100

On an account with Transaction Search (or with --source spans) the graph is drawn from the
window's --traces newest requests, retrieved from aws/spans: a recent sample, said as such.")]
pub struct ServicesArgs {
    /// Look at the last DUR [default: 1h]
    #[arg(long, value_parser = time_arg, value_name = "DUR")]
    pub since: Option<TimeSpec>,

    /// From aws/spans: how many of the window's newest requests the graph is drawn from
    #[arg(long, value_name = "N", default_value_t = 25,
          value_parser = clap::value_parser!(u16).range(1..=500))]
    pub traces: u16,

    /// From aws/spans: how long to wait for the trace retrievals
    #[arg(long, value_parser = crate::model::time::duration_arg, value_name = "DUR", default_value = "2m")]
    pub retrieval_timeout: Duration,
}

const DEFAULT_SINCE: Duration = Duration::from_secs(3600);

pub async fn run(
    ctx: &Context,
    aws: &AwsArgs,
    source: TraceSource,
    args: ServicesArgs,
) -> Result<()> {
    let window = resolve_window(args.since, None, None, DEFAULT_SINCE, ctx.now)?;
    let client = ctx.xray_client(aws).await?;
    let from_spans = match source {
        TraceSource::Spans => true,
        TraceSource::Summaries => false,
        TraceSource::Auto => xray::segment_destination(&client)
            .await
            .is_ok_and(|d| d.is_transaction_search()),
    };
    if from_spans {
        return from_retrieval(ctx, aws, &client, window, &args).await;
    }
    let window = super::within_retention(ctx, window)?;
    let services = ctx
        .patiently(
            "fetching the service graph",
            xray::service_graph(&client, window),
        )
        .await
        .map_err(|f| ctx.aws_error("cannot fetch the X-Ray service graph", f))?;
    print_services(&ctx.printer, &ServicesReport::new(window, services))
}

/// The graph of the window's newest requests: their ids from aws/spans (Logs Insights),
/// then retrieved (StartTraceRetrieval) and read as a graph (GetRetrievedTracesGraph).
async fn from_retrieval(
    ctx: &Context,
    aws: &AwsArgs,
    client: &aws_sdk_xray::Client,
    window: Window,
    args: &ServicesArgs,
) -> Result<()> {
    let logs = ctx.logs_client(aws).await?;
    let ids = spans::newest_requests(ctx, &logs, window, usize::from(args.traces)).await?;
    if ids.is_empty() {
        return print_services(&ctx.printer, &ServicesReport::new(window, Vec::new()));
    }
    let spinner = ctx.printer.spinner(format!(
        "retrieving the service graph of {} traces from Transaction Search",
        ids.len()
    ));
    let graph = xray::retrieved_graph(
        client,
        &ids,
        window,
        crate::views::xray::RETRIEVAL_POLL,
        args.retrieval_timeout,
    )
    .await;
    spinner.finish_and_clear();
    let services = graph.map_err(|e| {
        trace::retrieval_error(ctx, e, args.retrieval_timeout, "GetRetrievedTracesGraph")
    })?;
    ctx.printer.status(&format!(
        "note: the service graph of the {} newest requests of the window, retrieved from aws/spans (Transaction Search); --traces N draws it from more",
        ids.len()
    ));
    print_services(&ctx.printer, &ServicesReport::new(window, services))
}
