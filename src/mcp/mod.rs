//! `tracectl mcp`: the views as Model Context Protocol tools, for coding agents, over
//! stdio with the official SDK (rmcp). Each tool parses its arguments into a view's
//! request, calls the view, and answers the report's serde form (the command's `-o json`)
//! as structured content, with a short text line for the agent to read. Nothing is
//! printed on stdout but the protocol; diagnostics go to stderr.
//!
//! Results are bounded: a report larger than `max_bytes` is cut at a record boundary and
//! says so (`truncated`), with a `cursor` that continues where it stopped; nothing is ever
//! left out silently. Errors are tool errors (`isError`) carrying tracectl's own `error:`
//! and `hint:` text.
//!
//! May import: `views`, `model`, `clients` (to open the store and hold the AWS clients),
//! `commands::failures` (the one place client errors become the user's). Never `output`,
//! `collector` or `ui`.

pub mod bounded;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{CallToolResult, ContentBlock, Implementation, ServerCapabilities, ServerConfig};
use rmcp::{ServerHandler, tool, tool_handler, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;

use crate::clients::store::{ErrorsFilter, LogsFilter, Store};
use crate::error::{Error, Result};
use crate::model::span_insights::SpanSelection;
use crate::model::stats::TraceOrder;
use crate::model::time::{Window, parse_duration};
use crate::model::trace::TraceId;
use crate::views;
use bounded::{Page, bound};

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

/// Where traces come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TraceSourceArg {
    /// The local store of `tracectl local listen`.
    #[default]
    Local,
    /// X-Ray's trace summaries (GetTraceSummaries) and traces (BatchGetTraces).
    Xray,
    /// Every span of aws/spans (CloudWatch Transaction Search), through Logs Insights.
    Spans,
}

/// The order of listed traces.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SortArg {
    #[default]
    Slowest,
    Newest,
}

fn default_since() -> String {
    "1h".into()
}

/// The arguments of `traces`: the flags of `local traces` / `xray traces`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TracesArgs {
    /// Where the traces come from.
    #[serde(default)]
    pub source: TraceSourceArg,
    /// The window: the last DUR (`15m`, `1h`, `2d`).
    #[serde(default = "default_since")]
    pub since: String,
    /// Only traces with errors (4xx).
    #[serde(default)]
    pub errors: bool,
    /// Only traces with faults (5xx).
    #[serde(default)]
    pub faults: bool,
    /// Only throttled traces (429).
    #[serde(default)]
    pub throttles: bool,
    /// Only traces slower than DUR (`500ms`).
    pub slower_than: Option<String>,
    /// Only traces whose URL contains this text.
    pub url_contains: Option<String>,
    /// Only traces through this service.
    pub service: Option<String>,
    /// Which traces to list under the summary.
    #[serde(default)]
    pub sort: SortArg,
    /// How many traces to list (the summary covers them all); default 20.
    pub limit: Option<usize>,
    /// From a previous answer's `cursor`: the listing continues there.
    pub cursor: Option<String>,
    /// The most bytes of JSON to answer (default 65536).
    pub max_bytes: Option<usize>,
}

/// The arguments of `trace`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TraceArgs {
    /// A trace id: W3C (32 hex digits) or X-Ray (`1-5f84c7a1-...`).
    pub id: String,
    /// Where to look: the local store (with its log lines and errors) or X-Ray.
    #[serde(default)]
    pub source: TraceSourceArg,
    /// The most bytes of JSON to answer (default 65536).
    pub max_bytes: Option<usize>,
}

/// The arguments of `services`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServicesArgs {
    #[serde(default)]
    pub source: TraceSourceArg,
    /// The window: the last DUR.
    #[serde(default = "default_since")]
    pub since: String,
}

/// The arguments of `logs`: the flags of `local logs`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LogsArgs {
    /// The window: the last DUR; default: every line held.
    pub since: Option<String>,
    /// Only the lines of this trace (W3C or X-Ray form).
    pub trace_id: Option<String>,
    /// Only lines of this service.
    pub service: Option<String>,
    /// Only lines of this CloudWatch log group (the stand-in's).
    pub group: Option<String>,
    /// At least this severe: debug, info, warn, error, fatal.
    pub level: Option<String>,
    /// Only lines whose message contains this text.
    pub grep: Option<String>,
    /// At most this many lines (default 500).
    pub max_events: Option<usize>,
    /// From a previous answer's `cursor`.
    pub cursor: Option<String>,
    /// The most bytes of JSON to answer (default 65536).
    pub max_bytes: Option<usize>,
}

/// The arguments of `query`: the flags of `local query` (Honeycomb's query model).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QueryArgs {
    /// Calculations: COUNT, CONCURRENCY or OP(column), e.g. `P99(duration_ms)`; default COUNT.
    #[serde(default)]
    pub calculations: Vec<String>,
    /// Columns to break results down by, e.g. `http.route`.
    #[serde(default)]
    pub breakdowns: Vec<String>,
    /// Filters `COLUMN OP VALUE`, e.g. `http.status_code >= 500`, `error exists`.
    #[serde(default)]
    pub filters: Vec<String>,
    /// Combine the filters with OR instead of AND.
    #[serde(default)]
    pub any: bool,
    /// Orders, e.g. `P99(duration_ms) desc`.
    #[serde(default)]
    pub orders: Vec<String>,
    /// Havings, e.g. `COUNT > 10`.
    #[serde(default)]
    pub havings: Vec<String>,
    /// At most this many result rows (at most 1000).
    pub limit: Option<u32>,
    /// The window: the last DUR; default 2h.
    pub since: Option<String>,
}

/// The arguments of `doctor`: the flags of `tracectl doctor`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DoctorArgs {
    /// Check the app's variables from this file (KEY=value lines, as dotenv reads them)
    /// instead of the server's environment.
    pub env_file: Option<String>,
    /// The git remote checked (default origin).
    pub remote: Option<String>,
}

/// The arguments of `errors`: the flags of `local errors`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorsArgs {
    /// Only occurrences in the last DUR; default: all.
    pub since: Option<String>,
    /// Only this environment.
    pub environment: Option<String>,
    /// Only this level: critical, error, warning, info, debug.
    pub level: Option<String>,
    /// List at most this many items (default 20).
    pub limit: Option<usize>,
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

/// A tool's failure as the agent reads it: tracectl's own `error:` and `hint:` lines.
fn tool_error(e: &Error) -> CallToolResult {
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

/// Runs an AWS read with the clients, on a thread of its own: the views' AWS futures hold
/// borrows that cannot cross threads, and the server answers calls from any thread.
async fn with_cloud<T: Send + 'static, F: std::future::Future<Output = Result<T>>>(
    shared: &Shared,
    read: impl FnOnce(Cloud) -> F + Send + 'static,
) -> Result<T> {
    let cloud = shared.cloud.clone().map_err(|why| {
        Error::usage(format!("the AWS sources cannot be used: {why}"))
            .with_hint("set AWS_REGION (or aws_region in the tracectl profile) and credentials, then restart `tracectl mcp`")
    })?;
    let runtime = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || runtime.block_on(read(cloud)))
        .await
        .map_err(|e| Error::failure(format!("the AWS reader stopped: {e}")))?
}

fn selection(args: &TracesArgs) -> Result<SpanSelection> {
    let slower_than = args
        .slower_than
        .as_deref()
        .map(|d| {
            parse_duration(d).map_err(|e| {
                Error::usage(format!("slower_than: {e}")).with_hint("a duration like 500ms or 2s")
            })
        })
        .transpose()?;
    Ok(SpanSelection {
        errors: args.errors,
        faults: args.faults,
        throttles: args.throttles,
        slower_than,
        url_contains: args.url_contains.clone(),
        service: args.service.clone(),
    })
}

fn trace_id(text: &str) -> Result<TraceId> {
    text.parse::<TraceId>().map_err(|e| {
        Error::usage(format!("id: {e}")).with_hint(
            "a W3C id (32 hex digits) or an X-Ray id (1-5f84c7a1-0123456789abcdef01234567)",
        )
    })
}

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

    async fn traces_report(&self, args: TracesArgs) -> Result<CallToolResult> {
        let cursor = bounded::Cursor::parse(args.cursor.as_deref())?;
        // A cursor keeps the window of the first call, so its pages list the same traces.
        let window = match cursor.window_end {
            Some(end) => {
                let w = window_of(&args.since)?;
                Window {
                    start: end
                        .checked_sub(w.end.duration_since(w.start))
                        .unwrap_or(w.start),
                    end,
                }
            }
            None => window_of(&args.since)?,
        };
        let request = views::traces::TracesRequest {
            window,
            selection: selection(&args)?,
            order: match args.sort {
                SortArg::Slowest => TraceOrder::Slowest,
                SortArg::Newest => TraceOrder::Newest,
            },
            limit: args.limit.unwrap_or(20).max(1),
        };
        let report = match args.source {
            TraceSourceArg::Local => {
                with_store(&self.shared, move |store| {
                    Ok(views::local::traces(store, &request)?)
                })
                .await?
            }
            source => {
                with_cloud(&self.shared, move |cloud| async move {
                    let from = if source == TraceSourceArg::Spans {
                        views::traces::Source::AwsSpans { logs: &cloud.logs }
                    } else {
                        views::traces::Source::XraySummaries {
                            client: &cloud.xray,
                            expression: None,
                            indexed_percent: None,
                        }
                    };
                    views::traces::traces(&from, &request, &|_| {})
                        .await
                        .map_err(traces_failure)
                })
                .await?
            }
        };
        let summary = format!(
            "{} traces in the window ({} errors, {} faults, {} throttles); {} listed",
            report.summary.traces,
            report.summary.errors,
            report.summary.faults,
            report.summary.throttles,
            report.traces.len()
        );
        let end = report.window.end;
        let value = serde_json::to_value(&report).map_err(json_failure)?;
        let page = bound(
            value,
            "traces",
            cursor.offset,
            args.max_bytes.unwrap_or(MAX_BYTES),
            |next| bounded::Cursor::offset_in(end, next),
        )?;
        Ok(answer(summary, page))
    }
}

/// The tools that change things elsewhere, listed only with `--allow-write`.
pub const WRITE_TOOLS: &[&str] = &[];

fn json_failure(e: serde_json::Error) -> Error {
    Error::failure(format!("cannot write the report as JSON: {e}"))
}

fn traces_failure(e: views::traces::TracesFailure) -> Error {
    use views::traces::TracesFailure;
    match e {
        TracesFailure::Summaries { failure, .. } => {
            crate::commands::failures::aws("cannot fetch X-Ray trace summaries", failure)
        }
        TracesFailure::Insights(crate::clients::logs::InsightsError::Aws(f)) => {
            crate::commands::failures::aws("cannot query aws/spans", f)
        }
        TracesFailure::Insights(other) => Error::failure(format!(
            "a Logs Insights query over aws/spans failed: {other:?}"
        ))
        .with_hint("the account needs CloudWatch Transaction Search"),
        TracesFailure::Store(e) => e.into(),
    }
}

#[tool_router(router = tool_router)]
impl McpServer {
    #[tool(
        description = "The traces of a window, summarised: counts, error/fault/throttle counts, latency percentiles (p50/p90/p99), the routes, and the slowest or newest traces. Same JSON as `tracectl local traces -o json` (source local) or `tracectl xray traces -o json`."
    )]
    async fn traces(&self, Parameters(args): Parameters<TracesArgs>) -> CallToolResult {
        self.traces_report(args)
            .await
            .unwrap_or_else(|e| tool_error(&e))
    }

    #[tool(
        description = "One trace by id: its span tree (names, times, status, HTTP, SQL, attributes, events, exceptions with stacks), and from the local store the log lines and errors it holds for it, each placed under its span. Same JSON as `tracectl local trace ID -o json`."
    )]
    async fn trace(&self, Parameters(args): Parameters<TraceArgs>) -> CallToolResult {
        self.trace_report(args)
            .await
            .unwrap_or_else(|e| tool_error(&e))
    }

    #[tool(
        description = "The service graph of a window: each service's requests, errors, faults, throttles and average latency, and its calls to other services. Same JSON as `tracectl local services -o json`."
    )]
    async fn services(&self, Parameters(args): Parameters<ServicesArgs>) -> CallToolResult {
        self.services_report(args)
            .await
            .unwrap_or_else(|e| tool_error(&e))
    }

    #[tool(
        description = "The app's log lines held by the local store (OTLP logs, the CloudWatch Logs stand-in), in time order: by window, trace id, service, group, level or text. Each line as `tracectl local logs -o json` writes it."
    )]
    async fn logs(&self, Parameters(args): Parameters<LogsArgs>) -> CallToolResult {
        self.logs_report(args)
            .await
            .unwrap_or_else(|e| tool_error(&e))
    }

    #[tool(
        description = "A Honeycomb-style query (calculations, breakdowns, filters, orders, havings) run over the spans of the local store, with the columns Honeycomb shows OpenTelemetry data by (duration_ms, name, service.name, http.route, ...). Same JSON as `tracectl local query -o json`."
    )]
    async fn query(&self, Parameters(args): Parameters<QueryArgs>) -> CallToolResult {
        self.query_report(args)
            .await
            .unwrap_or_else(|e| tool_error(&e))
    }

    #[tool(
        description = "Every integration checked, one row each: Honeycomb (key, permissions), Rollbar (token), AWS (region, credentials, identity, CloudWatch Logs, X-Ray, log groups), git (repository, remote, push credential) and the app's telemetry settings, with a hint on each failed row. Same JSON as `tracectl doctor -o json`."
    )]
    async fn doctor(&self, Parameters(args): Parameters<DoctorArgs>) -> CallToolResult {
        self.doctor_report(args)
            .await
            .unwrap_or_else(|e| tool_error(&e))
    }

    #[tool(
        description = "The errors the local store holds (the Rollbar stand-in's), grouped as Rollbar groups them, latest activity first, with counts and first/last seen. Same JSON as `tracectl local errors -o json`."
    )]
    async fn errors(&self, Parameters(args): Parameters<ErrorsArgs>) -> CallToolResult {
        self.errors_report(args)
            .await
            .unwrap_or_else(|e| tool_error(&e))
    }
}

impl McpServer {
    async fn trace_report(&self, args: TraceArgs) -> Result<CallToolResult> {
        let id = trace_id(&args.id)?;
        let value = match args.source {
            TraceSourceArg::Local => {
                let asked = id.clone();
                let lookup = with_store(&self.shared, move |store| {
                    Ok(views::local::trace(store, std::slice::from_ref(&asked))?)
                })
                .await?;
                match lookup.found.into_iter().next() {
                    Some(found) => serde_json::to_value(&found).map_err(json_failure)?,
                    None => {
                        return Err(Error::failure(format!(
                            "trace {} not found in the local store",
                            id.w3c()
                        ))
                        .with_hint(
                            "the traces tool lists the traces it holds; source xray looks in X-Ray",
                        ));
                    }
                }
            }
            source => {
                let asked = id.clone();
                let found = with_cloud(&self.shared, move |cloud| async move {
                    let id = asked;
                    let fallback = if source == TraceSourceArg::Spans {
                        views::xray::SpansFallback::Only
                    } else {
                        views::xray::SpansFallback::WhenTransactionSearch
                    };
                    views::xray::traces(
                        &cloud.xray,
                        std::slice::from_ref(&id),
                        fallback,
                        jiff::Timestamp::now(),
                        Duration::from_secs(60),
                        &|_| {},
                    )
                    .await
                    .map_err(|e| match e {
                        views::xray::LookupFailure::Fetch(f) => {
                            crate::commands::failures::aws("cannot fetch the trace from X-Ray", f)
                        }
                        views::xray::LookupFailure::Retrieval(e) => Error::failure(format!(
                            "cannot retrieve the trace from aws/spans: {e:?}"
                        )),
                    })
                })
                .await?;
                match found.found.into_iter().next() {
                    Some(trace) => serde_json::to_value(&trace).map_err(json_failure)?,
                    None => {
                        return Err(Error::failure(format!(
                            "trace {} not found in X-Ray",
                            id.as_str()
                        ))
                        .with_hint(
                            "X-Ray keeps traces 30 days; the trace may also be in another region",
                        ));
                    }
                }
            }
        };
        let spans = count_spans(&value);
        let summary = format!("trace {}: {spans} spans", args.id);
        let page = bounded::whole(value, args.max_bytes.unwrap_or(MAX_BYTES))?;
        Ok(answer(summary, page))
    }

    async fn services_report(&self, args: ServicesArgs) -> Result<CallToolResult> {
        let window = window_of(&args.since)?;
        let report = match args.source {
            TraceSourceArg::Local => {
                with_store(&self.shared, move |store| {
                    Ok(views::local::services(store, window)?)
                })
                .await?
            }
            _ => {
                let services = with_cloud(&self.shared, move |cloud| async move {
                    crate::clients::xray::service_graph(&cloud.xray, window)
                        .await
                        .map_err(|f| {
                            crate::commands::failures::aws(
                                "cannot fetch the X-Ray service graph",
                                f,
                            )
                        })
                })
                .await?;
                views::services::ServicesReport::new(window, services)
            }
        };
        let summary = format!("{} services", report.services.len());
        let value = serde_json::to_value(&report).map_err(json_failure)?;
        Ok(answer(summary, bounded::whole(value, MAX_BYTES)?))
    }

    async fn logs_report(&self, args: LogsArgs) -> Result<CallToolResult> {
        let cursor = bounded::Cursor::parse(args.cursor.as_deref())?;
        let since_ns = args
            .since
            .as_deref()
            .map(window_of)
            .transpose()?
            .map(|w| ns(w.start));
        let trace = args.trace_id.as_deref().map(trace_id).transpose()?;
        if let Some(level) = &args.level
            && crate::model::local_log::severity_rank(level).is_none()
        {
            return Err(Error::usage(format!("level: {level} is no level"))
                .with_hint("one of debug, info, warn, error, fatal"));
        }
        let max_events = args.max_events.unwrap_or(500).clamp(1, 10_000);
        let filter = LogsFilter {
            since_ns,
            trace_id: trace.map(|t| t.w3c()),
            service: args.service.clone(),
            group: args.group.clone(),
            min_level: args.level.clone(),
            grep: args.grep.clone(),
            ..LogsFilter::default()
        };
        let offset = cursor.offset;
        let (rows, more, upto) = with_store(&self.shared, move |store| {
            // A walk reads the lines committed when it began: later ones neither shift
            // its pages nor appear twice.
            let upto = match cursor.upto {
                Some(upto) => upto,
                None => store.last_log_id()?,
            };
            let filter = LogsFilter {
                max_id: Some(upto),
                ..filter
            };
            let (mut rows, mut more, mut skipped) = (Vec::new(), false, 0);
            views::local_logs::history(store, &filter, &mut |line| {
                if skipped < offset {
                    skipped += 1;
                    return Ok(true);
                }
                if rows.len() == max_events {
                    more = true;
                    return Ok(false);
                }
                let row = views::local_logs::LocalLogRow::from(&line);
                rows.push(serde_json::to_value(&row).map_err(json_failure)?);
                Ok(true)
            })?;
            Ok((rows, more, upto))
        })
        .await?;
        let page = bounded::lines(rows, more, args.max_bytes.unwrap_or(MAX_BYTES), |given| {
            bounded::Cursor::lines_at(upto, offset + given)
        })?;
        let summary = format!(
            "{} log lines{}",
            page.value["lines"].as_array().map_or(0, Vec::len),
            if page.note.is_some() {
                " (more: see cursor)"
            } else {
                ""
            }
        );
        Ok(answer(summary, page))
    }

    async fn query_report(&self, args: QueryArgs) -> Result<CallToolResult> {
        use crate::commands::honeycomb::query::{QueryFlags, spec_from_flags};
        let now = jiff::Timestamp::now();
        let since = args
            .since
            .as_deref()
            .map(|s| {
                crate::model::time::duration_arg(s).map_err(|e| {
                    Error::usage(format!("since: {e}")).with_hint("a duration like 15m, 1h or 2d")
                })
            })
            .transpose()?;
        let flags = QueryFlags {
            calcs: args.calculations,
            breakdowns: args.breakdowns,
            filters: args.filters,
            any: args.any,
            orders: args.orders,
            havings: args.havings,
            limit: args.limit,
            window: crate::commands::WindowArgs {
                since: since.map(crate::model::time::TimeSpec::Ago),
                start: None,
                end: None,
            },
            granularity: None,
            print_spec: false,
        };
        let hint = "the forms are those of `tracectl local query --help`";
        let mut spec = spec_from_flags(&flags, |_| None)
            .map_err(|e| Error::usage(e.message().to_string()).with_hint(hint))?;
        let seconds = since.unwrap_or(Duration::from_secs(7200)).as_secs().max(1);
        spec.time_range = Some(seconds);
        spec.limit = flags.limit.or(spec.limit);
        crate::model::query::validate(&spec, now.as_second())
            .map_err(|e| Error::usage(e.0).with_hint(hint))?;
        let report = with_store(&self.shared, move |store| {
            views::local::query(store, &spec, now, false).map_err(|e| match e {
                views::local::QueryFailure::Spec(e) => Error::usage(e.0).with_hint(hint),
                views::local::QueryFailure::Store(e) => e.into(),
            })
        })
        .await?;
        let value = serde_json::to_value(&report).map_err(json_failure)?;
        let rows = value["results"].as_array().map_or(0, Vec::len);
        Ok(answer(
            format!("{rows} result rows"),
            bounded::whole(value, MAX_BYTES)?,
        ))
    }

    async fn doctor_report(&self, args: DoctorArgs) -> Result<CallToolResult> {
        let ctx = (self.shared.context)();
        let doctor = crate::commands::doctor::DoctorArgs {
            env_file: args.env_file.map(PathBuf::from),
            send_test: false,
            remote: args.remote.unwrap_or_else(|| "origin".into()),
            aws: self.shared.aws.clone(),
        };
        // The checks hold the context across their awaits: on a thread of their own.
        let runtime = tokio::runtime::Handle::current();
        let report = tokio::task::spawn_blocking(move || {
            runtime.block_on(crate::commands::doctor::report(&ctx, &doctor))
        })
        .await
        .map_err(|e| Error::failure(format!("the checks stopped: {e}")))??;
        let summary = format!(
            "{} ok, {} warnings, {} failed",
            report.summary.ok, report.summary.warn, report.summary.fail
        );
        let value = serde_json::to_value(&report).map_err(json_failure)?;
        Ok(answer(summary, bounded::whole(value, MAX_BYTES)?))
    }

    async fn errors_report(&self, args: ErrorsArgs) -> Result<CallToolResult> {
        let since_ns = args
            .since
            .as_deref()
            .map(window_of)
            .transpose()?
            .map(|w| ns(w.start));
        if let Some(level) = &args.level
            && !["critical", "error", "warning", "info", "debug"].contains(&level.as_str())
        {
            return Err(Error::usage(format!("level: {level} is no Rollbar level"))
                .with_hint("one of critical, error, warning, info, debug"));
        }
        let filter = ErrorsFilter {
            since_ns,
            environment: args.environment.clone(),
            level: args.level.clone(),
        };
        let limit = args.limit.unwrap_or(20).max(1);
        let report = with_store(&self.shared, move |store| {
            Ok(views::local_errors::errors(store, &filter, limit)?)
        })
        .await?;
        let summary = format!("{} error items", report.items.len());
        let value = serde_json::to_value(&report).map_err(json_failure)?;
        Ok(answer(summary, bounded::whole(value, MAX_BYTES)?))
    }
}

fn count_spans(value: &Value) -> usize {
    fn walk(span: &Value) -> usize {
        1 + span["children"]
            .as_array()
            .map_or(0, |c| c.iter().map(walk).sum())
    }
    value["spans"]
        .as_array()
        .map_or(0, |s| s.iter().map(walk).sum())
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for McpServer {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("tracectl", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "tracectl's views of a web app's telemetry: traces (local store, X-Ray, aws/spans), one trace with its log lines and errors, the service graph, log lines and errors held locally. Results are the JSON of the matching `tracectl ... -o json` command; a result larger than max_bytes carries a cursor to continue.",
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
