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
commands (traces, trace, lookup, services, logs, query, errors, doctor; with --allow-write
rollbar_trigger and honeycomb_marker), their results the same JSON as -o json.")]
pub struct McpArgs {
    /// Also offer the tools that change things elsewhere: rollbar_trigger and
    /// honeycomb_marker (tag pushes and releases are never offered)
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
    let (config, options) = (ctx.config.clone(), *ctx.printer.options());
    // A quiet printer: stdout is the protocol's; what a view says goes to stderr.
    let context = move || Context {
        printer: crate::output::Printer::new(crate::output::PrinterOptions {
            format: crate::output::OutputFormat::Json,
            quiet: true,
            stdout_color: false,
            stdout_tty: false,
            ..options
        }),
        config: config.clone(),
        now: jiff::Timestamp::now(),
        said_slow: Default::default(),
    };
    let shared = Shared {
        db,
        cloud,
        context: Box::new(context),
        aws: args.aws.clone(),
    };
    crate::mcp::serve(McpServer::new(shared, args.allow_write)).await
}
