//! `tracectl xray services`: GetServiceGraph as a table.

use std::time::Duration;

use clap::Args;

use crate::clients::xray;
use crate::commands::{AwsArgs, Context, resolve_window};
use crate::error::Result;
use crate::model::time::{TimeSpec, time_arg};
use crate::output::xray::print_services;

#[derive(Debug, Args)]
pub struct ServicesArgs {
    /// Look at the last DUR [default: 1h]
    #[arg(long, value_parser = time_arg, value_name = "DUR")]
    pub since: Option<TimeSpec>,
}

const DEFAULT_SINCE: Duration = Duration::from_secs(3600);

pub async fn run(ctx: &Context, aws: &AwsArgs, args: ServicesArgs) -> Result<()> {
    let window = resolve_window(args.since, None, None, DEFAULT_SINCE, ctx.now)?;
    let window = super::within_retention(ctx, window)?;
    let client = ctx.xray_client(aws).await?;
    let services = ctx
        .patiently(
            "fetching the service graph",
            xray::service_graph(&client, window),
        )
        .await
        .map_err(|f| ctx.aws_error("cannot fetch the X-Ray service graph", f))?;
    print_services(&ctx.printer, window, &services)
}
