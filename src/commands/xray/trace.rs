//! `tracectl xray trace`: BatchGetTraces, drawn as a waterfall.

use clap::Args;

use crate::commands::{AwsArgs, Context};
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct TraceArgs {
    /// Trace ids: X-Ray (1-5f84c7a1-0123456789abcdef01234567) or W3C (32 hex digits)
    #[arg(required = true, value_name = "TRACE_ID")]
    pub ids: Vec<String>,
}

pub async fn run(_ctx: &Context, _aws: &AwsArgs, _args: TraceArgs) -> Result<()> {
    Err(Error::not_implemented("xray trace"))
}
