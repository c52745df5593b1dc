//! `tracectl mcp`: the Model Context Protocol server on stdin/stdout (`src/mcp/`). This
//! file resolves what the tools read — the store's path and the AWS clients, with the
//! settings, profiles and credentials of every command — and serves.

use clap::Args;

use crate::commands::{AwsArgs, Context};
use crate::error::Result;
use crate::mcp::{Cloud, McpServer, Shared};

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl mcp
  claude mcp add tracectl -- tracectl mcp
  # .mcp.json / an agent's MCP settings:
  {\"mcpServers\": {\"tracectl\": {\"command\": \"tracectl\", \"args\": [\"mcp\"]}}}

stdout carries only the protocol; diagnostics go to stderr. The tools are the views of the
commands (traces, trace, services, logs, query, errors), their results the same JSON as -o json.")]
pub struct McpArgs {
    /// Also offer the tools that change things elsewhere (none yet: every tool reads)
    #[arg(long)]
    pub allow_write: bool,

    #[command(flatten)]
    pub db: crate::commands::local::DbArg,

    #[command(flatten)]
    pub aws: AwsArgs,
}

pub async fn run(ctx: &Context, args: McpArgs) -> Result<()> {
    let db = super::local::database_path(ctx, &args.db).map_err(|e| e.message().to_string());
    // The AWS tools say why they cannot run when asked; the local ones need no account.
    let cloud = match (
        ctx.xray_client(&args.aws).await,
        ctx.logs_client(&args.aws).await,
    ) {
        (Ok(xray), Ok(logs)) => Ok(Cloud { xray, logs }),
        (Err(e), _) | (_, Err(e)) => Err(e.message().to_string()),
    };
    crate::mcp::serve(McpServer::new(Shared { db, cloud }, args.allow_write)).await
}
