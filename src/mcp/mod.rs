//! `tracectl mcp`: the views as Model Context Protocol tools, for coding agents, over
//! stdio with the official SDK (rmcp). Each tool parses its arguments into a view's
//! request (or a command's arguments, for the commands whose report is their view: lookup,
//! the Honeycomb query, Rollbar's items, doctor, the write tools), calls it, and answers
//! the report's serde form (the command's `-o json`) as structured content, with a short
//! text line for the agent to read. Nothing is printed on stdout but the protocol;
//! diagnostics go to stderr.
//!
//! Results are bounded: a report larger than `max_bytes` is cut at a record boundary and
//! says so (`truncated`), with a `cursor` that continues where it stopped; nothing is ever
//! left out silently. Errors are tool errors (`isError`) carrying tracectl's own `error:`
//! and `hint:` text. Long calls tell their progress when the client asks (a progress
//! token), and stop when the client cancels them.
//!
//! One file per tool. May import: `views`, `model`, `clients` (to open the store and hold
//! the AWS clients), `commands` (a command's report, with a quiet context, and the one
//! place client errors become the user's). Never `output`, `collector` or `ui`.

pub mod args;
pub mod bounded;
pub mod call;
mod doctor;
mod errors;
mod logs;
mod lookup;
mod query;
mod services;
mod trace;
mod traces;
mod write;

use std::path::PathBuf;
use std::sync::Arc;

use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{CallToolResult, ContentBlock, Implementation, ServerCapabilities, ServerConfig};
use rmcp::service::RequestContext;
use rmcp::{RoleServer, ServerHandler, tool, tool_handler, tool_router};

use crate::clients::store::Store;
use crate::error::{Error, Result};
use crate::model::time::{Window, parse_duration};
use crate::model::trace::TraceId;
pub use args::*;
use bounded::Page;
use call::Call;

/// What a result may weigh by default (its JSON), before it is cut with a cursor.
pub const MAX_BYTES: usize = 64 * 1024;

/// The clouds' clients, built once; `Err` says why they cannot be (no region, say), for
/// the tools that need them.
#[derive(Clone)]
pub struct Cloud {
    pub xray: aws_sdk_xray::Client,
    pub logs: aws_sdk_cloudwatchlogs::Client,
}

/// What every tool reads: the local store's path and the clouds.
pub struct Shared {
    /// The store `local listen` writes, or why none can be named.
    pub db: std::result::Result<PathBuf, String>,
    pub cloud: std::result::Result<Cloud, String>,
    /// A command's context for the views that take one (doctor), quiet on stdout, with
    /// the settings, profile and credentials `tracectl mcp` started with; and the AWS
    /// options it was given.
    pub context: Box<dyn Fn() -> crate::commands::Context + Send + Sync>,
    pub aws: crate::commands::AwsArgs,
}

#[derive(Clone)]
pub struct McpServer {
    shared: Arc<Shared>,
    tool_router: ToolRouter<Self>,
}

/// A window of the last `since`.
fn window_of(since: &str) -> Result<Window> {
    let d = parse_duration(since).map_err(|e| {
        Error::usage(format!("since: {e}")).with_hint("a duration like 15m, 1h or 2d")
    })?;
    if d.is_zero() {
        return Err(Error::usage("since: 0s is an empty window").with_hint("try 1h"));
    }
    let now = jiff::Timestamp::now();
    let back = jiff::SignedDuration::try_from(d).unwrap_or(jiff::SignedDuration::MAX);
    Ok(Window {
        start: now.checked_sub(back).unwrap_or(jiff::Timestamp::MIN),
        end: now,
    })
}

fn ns(t: jiff::Timestamp) -> i64 {
    i64::try_from(t.as_nanosecond()).unwrap_or(i64::MIN)
}

/// Where a window of the last `since` starts, epoch ns; none given, none.
fn start_ns_of(since: Option<&str>) -> Result<Option<i64>> {
    Ok(since.map(window_of).transpose()?.map(|w| ns(w.start)))
}

/// A tool's failure as the agent reads it: tracectl's own `error:` and `hint:` lines.
pub(crate) fn tool_error(e: &Error) -> CallToolResult {
    let mut text = format!("error: {}", e.message());
    for hint in e.hints() {
        text.push_str(&format!("\nhint: {hint}"));
    }
    CallToolResult::error(vec![ContentBlock::text(text)])
}

/// A report as the answer: its JSON as structured content, and a line for people.
fn answer(summary: String, page: Page) -> CallToolResult {
    let mut result = CallToolResult::structured(page.value);
    result.content = vec![ContentBlock::text(match page.note {
        Some(note) => format!("{summary}\n{note}"),
        None => summary,
    })];
    result
}

/// Runs a read of the local store on a blocking thread.
async fn with_store<T: Send + 'static>(
    shared: &Shared,
    read: impl FnOnce(&Store) -> Result<T> + Send + 'static,
) -> Result<T> {
    let path = shared
        .db
        .clone()
        .map_err(|why| Error::usage(why).with_hint("set TRACECTL_LOCAL_DB or local_db"))?;
    tokio::task::spawn_blocking(move || {
        let store = Store::open_read(&path)?;
        read(&store)
    })
    .await
    .map_err(|e| Error::failure(format!("the store reader stopped: {e}")))?
}

/// Runs an AWS read with the clients, on a thread of its own (`Call::on_own_thread`),
/// stopped when the client cancels.
async fn with_cloud<T: Send + 'static, F: std::future::Future<Output = Result<T>>>(
    shared: &Shared,
    call: &Call,
    read: impl FnOnce(Cloud) -> F + Send + 'static,
) -> Result<T> {
    let cloud = shared.cloud.clone().map_err(|why| {
        Error::usage(format!("the AWS sources cannot be used: {why}"))
            .with_hint("set AWS_REGION (or aws_region in the tracectl profile) and credentials, then restart `tracectl mcp`")
    })?;
    call.on_own_thread("the AWS reader", move || read(cloud))
        .await
}

/// Runs a command's report with a quiet command context of its own, on a thread of its
/// own (the commands hold their context across awaits), stopped when the client cancels.
async fn with_context<T: Send + 'static, F: std::future::Future<Output = Result<T>>>(
    shared: &Shared,
    call: &Call,
    what: &'static str,
    work: impl FnOnce(crate::commands::Context) -> F + Send + 'static,
) -> Result<T> {
    let ctx = (shared.context)();
    call.on_own_thread(what, move || work(ctx)).await
}

fn json_failure(e: serde_json::Error) -> Error {
    Error::failure(format!("cannot write the report as JSON: {e}"))
}

/// A duration argument (`30s`, `5m`), named in its error.
fn duration_of(name: &str, text: &str) -> Result<std::time::Duration> {
    crate::model::time::duration_arg(text).map_err(|e| {
        Error::usage(format!("{name}: {e}")).with_hint("a duration like 30s, 5m or 1h")
    })
}

fn trace_id(text: &str) -> Result<TraceId> {
    text.parse::<TraceId>().map_err(|e| {
        Error::usage(format!("id: {e}")).with_hint(
            "a W3C id (32 hex digits) or an X-Ray id (1-5f84c7a1-0123456789abcdef01234567)",
        )
    })
}

/// The tools that change things elsewhere, listed (and callable) only with `--allow-write`.
/// Tag pushes and releases are never offered: they are for a person to run.
pub const WRITE_TOOLS: &[&str] = &["rollbar_trigger", "honeycomb_marker"];

impl McpServer {
    pub fn new(shared: Shared, allow_write: bool) -> Self {
        let mut tool_router = Self::tool_router();
        if !allow_write {
            for name in WRITE_TOOLS {
                tool_router.remove_route(name);
            }
        }
        Self {
            shared: Arc::new(shared),
            tool_router,
        }
    }
}

#[tool_router(router = tool_router)]
impl McpServer {
    #[tool(
        description = "The traces of a window, summarised: counts, error/fault/throttle counts, latency percentiles (p50/p90/p99), the routes, and the slowest or newest traces. Same JSON as `tracectl local traces -o json` (source local) or `tracectl xray traces -o json` (xray, spans)."
    )]
    async fn traces(
        &self,
        Parameters(args): Parameters<TracesArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        call::run(context, "traces", |call| self.traces_report(args, call)).await
    }

    #[tool(
        description = "One trace by id from one source: its span tree (names, times, status, HTTP, SQL, attributes, events, exceptions with stacks), and from the local store the log lines and errors it holds for it, each placed under its span. Same JSON as `tracectl local trace ID -o json` (local) or one trace of `tracectl xray trace ID -o json`."
    )]
    async fn trace(
        &self,
        Parameters(args): Parameters<TraceArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        call::run(context, "trace", |call| self.trace_report(args, call)).await
    }

    #[tool(
        description = "One trace id looked up everywhere at once, as `tracectl trace ID`: the local store, X-Ray, Honeycomb, CloudWatch Logs (lines carrying the id in either form) and Rollbar (occurrences carrying it); one span tree of every span found, the log lines under their spans, the errors, and a line per source (found, not found, not asked and why, failed). Same JSON as `tracectl trace ID -o json`."
    )]
    async fn lookup(
        &self,
        Parameters(args): Parameters<LookupArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        call::run(context, "lookup", |call| self.lookup_report(args, call)).await
    }

    #[tool(
        description = "The service graph of a window: each service's requests, errors, faults, throttles and average latency, and its calls to other services. Same JSON as `tracectl local services -o json` or `tracectl xray services -o json`."
    )]
    async fn services(
        &self,
        Parameters(args): Parameters<ServicesArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        call::run(context, "services", |call| self.services_report(args, call)).await
    }

    #[tool(
        description = "The app's log lines in time order: from the local store (OTLP logs, the CloudWatch Logs stand-in; by window, trace id, service, group, level or text), each as `tracectl local logs -o json` writes it; or from CloudWatch Logs groups (by window, filter pattern, trace id or text), each as `tracectl logs tail -o json` writes it."
    )]
    async fn logs(
        &self,
        Parameters(args): Parameters<LogsArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        call::run(context, "logs", |call| self.logs_report(args, call)).await
    }

    #[tool(
        description = "A Honeycomb query (calculations, breakdowns, filters, orders, havings) run over the spans of the local store, with the columns Honeycomb shows OpenTelemetry data by (duration_ms, name, service.name, http.route, ...), or by Honeycomb itself (source honeycomb). Same JSON as `tracectl local query -o json` or `tracectl honeycomb query -o json`."
    )]
    async fn query(
        &self,
        Parameters(args): Parameters<QueryArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        call::run(context, "query", |call| self.query_report(args, call)).await
    }

    #[tool(
        description = "Errors grouped as Rollbar groups them, latest activity first, with counts and first/last seen: the local store's (the Rollbar stand-in's), as `tracectl local errors -o json`, or Rollbar's (source rollbar, with a read token), as `tracectl rollbar items -o json`."
    )]
    async fn errors(
        &self,
        Parameters(args): Parameters<ErrorsArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        call::run(context, "errors", |call| self.errors_report(args, call)).await
    }

    #[tool(
        description = "Every integration checked, one row each: Honeycomb (key, permissions), Rollbar (token), AWS (region, credentials, identity, CloudWatch Logs, X-Ray, log groups), git (repository, remote, push credential) and the app's telemetry settings, with a hint on each failed row. Same JSON as `tracectl doctor -o json`."
    )]
    async fn doctor(
        &self,
        Parameters(args): Parameters<DoctorArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        call::run(context, "doctor", |call| self.doctor_report(args, call)).await
    }

    #[tool(
        description = "WRITES: sends test errors to Rollbar, shaped as pyrollbar sends them, and gives each occurrence's uuid and link (with wait, its item). As `tracectl rollbar trigger -o json`. Offered only with `tracectl mcp --allow-write`."
    )]
    async fn rollbar_trigger(
        &self,
        Parameters(args): Parameters<RollbarTriggerArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        call::run(context, "rollbar_trigger", |call| {
            self.rollbar_trigger_report(args, call)
        })
        .await
    }

    #[tool(
        description = "WRITES: adds a marker (a deploy) to a Honeycomb dataset's graphs. As `tracectl honeycomb marker MESSAGE -o json`. Offered only with `tracectl mcp --allow-write`."
    )]
    async fn honeycomb_marker(
        &self,
        Parameters(args): Parameters<HoneycombMarkerArgs>,
        context: RequestContext<RoleServer>,
    ) -> CallToolResult {
        call::run(context, "honeycomb_marker", |call| {
            self.honeycomb_marker_report(args, call)
        })
        .await
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for McpServer {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("tracectl", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "tracectl's views of a web app's telemetry: traces (local store, X-Ray, aws/spans), one trace with its log lines and errors, a trace id looked up everywhere, the service graph, log lines (local, CloudWatch Logs), Honeycomb-style queries (local, Honeycomb) and errors (local, Rollbar). Results are the JSON of the matching `tracectl ... -o json` command; a result larger than max_bytes carries a cursor to continue, or says how large to ask for.",
            )
    }
}

/// Serves the tools on stdin/stdout until the client closes them.
pub async fn serve(server: McpServer) -> Result<()> {
    use rmcp::ServiceExt;
    let running = server
        .serve(rmcp::transport::stdio())
        .await
        .map_err(|e| Error::failure(format!("the MCP client did not initialize: {e}")))?;
    running
        .waiting()
        .await
        .map_err(|e| Error::failure(format!("the MCP session ended: {e}")))?;
    Ok(())
}
