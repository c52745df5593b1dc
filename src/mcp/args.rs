//! The tools' arguments: the flags of the commands whose views they call, under the same
//! names where they can be, as JSON Schema (schemars) for the agent and serde for the call.
//! Unknown arguments are refused, so a misspelt filter is an error and not ignored.

use schemars::JsonSchema;
use serde::Deserialize;

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
    /// The most bytes of JSON to answer (default 65536).
    pub max_bytes: Option<usize>,
}

/// Where log lines come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LogSourceArg {
    /// The local store (OTLP logs, the CloudWatch Logs stand-in).
    #[default]
    Local,
    /// CloudWatch Logs groups (FilterLogEvents), as `tracectl logs tail`.
    Cloudwatch,
}

/// The arguments of `logs`: the flags of `local logs`, or of `logs tail` for CloudWatch.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LogsArgs {
    /// Where the lines come from.
    #[serde(default)]
    pub source: LogSourceArg,
    /// The window: the last DUR; default: every line held (local), 10m (cloudwatch).
    pub since: Option<String>,
    /// Only the lines of this trace (W3C or X-Ray form; either form in CloudWatch).
    pub trace_id: Option<String>,
    /// Only lines of this service (local).
    pub service: Option<String>,
    /// Log groups: CloudWatch's to read (a name ending in * is a prefix; default the
    /// configured TRACECTL_LOG_GROUPS), or the one group of the local stand-in's lines.
    #[serde(default)]
    pub groups: Vec<String>,
    /// A CloudWatch filter pattern, applied by the service (cloudwatch): `ERROR`,
    /// `{ $.level = "ERROR" }`.
    pub pattern: Option<String>,
    /// At least this severe: debug, info, warn, error, fatal (local).
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

/// Which engine runs a query.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuerySourceArg {
    /// The spans of the local store (`tracectl local query`).
    #[default]
    Local,
    /// Honeycomb's Query Data API (`tracectl honeycomb query`; HONEYCOMB_API_KEY).
    Honeycomb,
}

/// The arguments of `query`: the flags of `local query` (Honeycomb's query model).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QueryArgs {
    /// Which engine runs it.
    #[serde(default)]
    pub source: QuerySourceArg,
    /// The Honeycomb dataset (default the configured HONEYCOMB_DATASET).
    pub dataset: Option<String>,
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
    /// The most bytes of JSON to answer (default 65536).
    pub max_bytes: Option<usize>,
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

/// Where errors come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorSourceArg {
    /// The local store (the Rollbar stand-in's items).
    #[default]
    Local,
    /// Rollbar's read API (`tracectl rollbar items`; ROLLBAR_READ_ACCESS_TOKEN).
    Rollbar,
}

/// Rollbar items by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusArg {
    #[default]
    Active,
    Resolved,
    Muted,
    All,
}

/// The arguments of `errors`: the flags of `local errors` and `rollbar items`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorsArgs {
    /// Where the errors come from.
    #[serde(default)]
    pub source: ErrorSourceArg,
    /// Only items with an occurrence in the last DUR; default: all.
    pub since: Option<String>,
    /// Only this environment.
    pub environment: Option<String>,
    /// Only this level: critical, error, warning, info, debug.
    pub level: Option<String>,
    /// Which items by status (rollbar).
    #[serde(default)]
    pub status: StatusArg,
    /// List at most this many items (default 20).
    pub limit: Option<usize>,
    /// The most bytes of JSON to answer (default 65536).
    pub max_bytes: Option<usize>,
}

/// The arguments of `lookup`: the flags of `tracectl trace ID`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LookupArgs {
    /// A trace id: W3C (32 hex digits) or X-Ray (`1-5f84c7a1-...`).
    pub id: String,
    /// Log groups to search for the trace's lines (default the configured
    /// TRACECTL_LOG_GROUPS).
    #[serde(default)]
    pub log_groups: Vec<String>,
    /// How far before and after the trace's spans to look for its log lines (default 5m).
    pub margin: Option<String>,
    /// The Honeycomb dataset (default the configured HONEYCOMB_DATASET).
    pub dataset: Option<String>,
    /// The most bytes of JSON to answer (default 65536).
    pub max_bytes: Option<usize>,
}

/// Rollbar's levels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LevelArg {
    Critical,
    #[default]
    Error,
    Warning,
    Info,
    Debug,
}

/// The arguments of `rollbar_trigger`: the flags of `tracectl rollbar trigger`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RollbarTriggerArgs {
    /// The error message (default "Test error from tracectl").
    pub message: Option<String>,
    /// Severity.
    #[serde(default)]
    pub level: LevelArg,
    /// Exception class of the trace body (default TracectlTestError).
    pub exception: Option<String>,
    /// Send a `message` body instead of an exception trace.
    #[serde(default)]
    pub message_only: bool,
    /// Occurrences to send (1 to 100; default 1).
    pub count: Option<u32>,
    /// The environment (default the configured ROLLBAR_ENVIRONMENT).
    pub environment: Option<String>,
    /// Code version (default git HEAD where the server runs in a repository).
    pub code_version: Option<String>,
    /// Group occurrences under this fingerprint.
    pub fingerprint: Option<String>,
    /// Item title shown in Rollbar.
    pub title: Option<String>,
    /// Extra data in `custom`.
    #[serde(default)]
    pub custom: serde_json::Map<String, serde_json::Value>,
    /// Wait until Rollbar has processed each occurrence and give its item (needs
    /// ROLLBAR_READ_ACCESS_TOKEN).
    #[serde(default)]
    pub wait: bool,
    /// How long `wait` waits (default 30s).
    pub timeout: Option<String>,
}

/// The arguments of `honeycomb_marker`: the flags of `tracectl honeycomb marker`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HoneycombMarkerArgs {
    /// The marker's message, e.g. "deploy v0.2".
    pub message: String,
    /// The dataset to mark (default the configured HONEYCOMB_DATASET; `__all__` for the
    /// whole environment).
    pub dataset: Option<String>,
    /// Marker type, which groups markers by colour (default deploy).
    #[serde(rename = "type")]
    pub marker_type: Option<String>,
    /// A link to show with the marker (a build or a commit).
    pub url: Option<String>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;
    use schemars::JsonSchema;

    use super::*;

    /// The arguments only a tool has: where to read from, and the bounding of its answer.
    const TOOLS_OWN: &[&str] = &["source", "cursor", "max_bytes"];

    /// A tool's argument named otherwise than the command's flag (the flag's id), where
    /// the command's name reads badly in JSON or says less: tool, argument, flag.
    const RENAMED: &[(&str, &str, &str)] = &[
        ("query", "calculations", "calcs"),
        ("logs", "trace_id", "trace"),
        ("logs", "pattern", "filter"),
        ("honeycomb_marker", "type", "marker_type"),
        // `local trace` and `xray trace` take several ids; a call asks for one.
        ("trace", "id", "ids"),
    ];

    fn properties<T: JsonSchema>() -> Vec<String> {
        let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap();
        schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    }

    /// The ids of a command's arguments (`local traces` → ["errors", "faults", ...]).
    fn flags(path: &str) -> Vec<String> {
        let mut cmd = crate::cli::Cli::command();
        for name in path.split(' ') {
            cmd = cmd.find_subcommand(name).unwrap().clone();
        }
        cmd.get_arguments()
            .map(|a| a.get_id().as_str().to_string())
            .collect()
    }

    /// Every argument of every tool is a flag of the command whose view it calls, under
    /// its name (or a rename listed here), so the tools cannot drift from the commands:
    /// a flag renamed or removed fails this until the tool follows.
    #[test]
    fn every_tool_argument_is_a_flag_of_its_commands() {
        let tools: Vec<(&str, Vec<String>, &[&str])> = vec![
            (
                "traces",
                properties::<TracesArgs>(),
                &["local traces", "xray traces"],
            ),
            (
                "trace",
                properties::<TraceArgs>(),
                &["local trace", "xray trace"],
            ),
            ("lookup", properties::<LookupArgs>(), &["trace"]),
            (
                "services",
                properties::<ServicesArgs>(),
                &["local services", "xray services"],
            ),
            (
                "logs",
                properties::<LogsArgs>(),
                &["local logs", "logs tail"],
            ),
            (
                "query",
                properties::<QueryArgs>(),
                &["local query", "honeycomb query"],
            ),
            (
                "errors",
                properties::<ErrorsArgs>(),
                &["local errors", "rollbar items"],
            ),
            ("doctor", properties::<DoctorArgs>(), &["doctor"]),
            (
                "rollbar_trigger",
                properties::<RollbarTriggerArgs>(),
                &["rollbar trigger"],
            ),
            (
                "honeycomb_marker",
                properties::<HoneycombMarkerArgs>(),
                &["honeycomb marker"],
            ),
        ];
        for (tool, arguments, commands) in tools {
            let known: Vec<String> = commands.iter().flat_map(|c| flags(c)).collect();
            for argument in arguments {
                if TOOLS_OWN.contains(&argument.as_str()) {
                    continue;
                }
                let flag = RENAMED
                    .iter()
                    .find(|(t, a, _)| *t == tool && *a == argument)
                    .map_or(argument.as_str(), |(_, _, f)| f);
                assert!(
                    known.iter().any(|k| k == flag),
                    "tool {tool}: argument {argument} is no flag of {commands:?} (they have {known:?})"
                );
            }
        }
    }
}
