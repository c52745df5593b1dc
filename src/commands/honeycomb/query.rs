//! `tracectl honeycomb query`: flags (or a raw spec) -> query -> result -> table and charts.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Args;

use super::HoneycombArgs;
use crate::clients::honeycomb::{Column as HcColumn, HoneycombClient, HoneycombError};
use crate::commands::Context;
use crate::config::{HONEYCOMB_DATASET, HONEYCOMB_RESULTS};
use crate::error::{Error, Result};
use crate::input;
use crate::model::query::{
    QuerySpec, SpecError, parse_calculation, parse_filter_as, parse_having, parse_order, validate,
};
use crate::model::suggest::closest;
use crate::model::time::{TimeSpec, duration_arg};
use crate::output::honeycomb::{print_query, print_query_link};
use crate::output::human_span;
use crate::views;
use crate::views::honeycomb::QueryFailure;

const DEFAULT_SINCE: Duration = Duration::from_secs(2 * 3600);

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl honeycomb query -d cruddur -c COUNT -c 'P99(duration_ms)' -b http.route --since 2h
  tracectl honeycomb query -c COUNT -w 'http.status_code >= 500' -b http.route
  tracectl honeycomb query -w 'user.id in 1,2,3' -w 'error exists' --any
  tracectl honeycomb query --spec spec.json")]
pub struct QueryArgs {
    #[arg(short, long, value_name = "DATASET", help = HONEYCOMB_DATASET.help("Dataset to query"))]
    pub dataset: Option<String>,

    #[command(flatten)]
    pub flags: QueryFlags,

    /// Run a raw query-spec JSON file (or - for stdin) instead of flags
    #[arg(long, value_name = "FILE|-", conflicts_with_all = ["calcs", "breakdowns", "filters", "orders", "havings"])]
    pub spec: Option<PathBuf>,

    /// Do not fetch or draw the time series
    #[arg(long)]
    pub no_series: bool,

    /// Give up waiting for the result after this long
    #[arg(long, value_parser = duration_arg, value_name = "DUR", default_value = "60s")]
    pub timeout: Duration,

    /// Create the query and print its link in Honeycomb's UI, which runs it there, instead
    /// of running it here (every plan; honeycomb_results = "link" makes it the default)
    #[arg(long)]
    pub link: bool,

    /// Open the query's link (its results, or the query to run) in the browser; the link is
    /// printed either way
    #[arg(long)]
    pub open: bool,
}

/// The flags that describe a query, shared by `honeycomb query` and `local query`: one
/// query model, two engines.
#[derive(Debug, Args)]
pub struct QueryFlags {
    /// Calculation: COUNT, CONCURRENCY or OP(column), e.g. 'P99(duration_ms)' [default: COUNT]
    #[arg(short, long = "calc", value_name = "CALC")]
    pub calcs: Vec<String>,

    /// Break results down by this column (repeatable)
    #[arg(short, long = "breakdown", value_name = "COLUMN")]
    pub breakdowns: Vec<String>,

    /// Filter 'COLUMN OP VALUE', e.g. 'http.status_code >= 500', 'route in /a,/b', 'error exists'
    #[arg(short = 'w', long = "where", value_name = "FILTER")]
    pub filters: Vec<String>,

    /// Combine filters with OR instead of AND
    #[arg(long)]
    pub any: bool,

    /// Order rows, e.g. 'P99(duration_ms) desc' or 'http.route asc' (repeatable)
    #[arg(long = "order", value_name = "ORDER")]
    pub orders: Vec<String>,

    /// Keep only groups matching, e.g. 'COUNT > 10' (repeatable)
    #[arg(long = "having", value_name = "HAVING")]
    pub havings: Vec<String>,

    /// Maximum result rows (at most 1000)
    #[arg(short, long, value_name = "LIMIT")]
    pub limit: Option<u32>,

    #[command(flatten)]
    pub window: crate::commands::WindowArgs<2>,

    /// Time bucket of the series, e.g. 1m
    #[arg(long, value_parser = duration_arg, value_name = "DUR")]
    pub granularity: Option<Duration>,

    /// Print the spec that would be sent, and send nothing
    #[arg(long)]
    pub print_spec: bool,
}

pub async fn run(ctx: &Context, api: &HoneycombArgs, args: QueryArgs) -> Result<()> {
    // --timeout bounds the whole command: the column lookup, creating the query and its
    // result, and the polls, every retry included.
    let deadline = Instant::now() + args.timeout;
    let spec = spec_of(ctx, &args)?;
    if args.flags.print_spec {
        return ctx.printer.json(&spec);
    }
    let spinner = ctx.printer.spinner("running the query on Honeycomb");
    let answered = answer(ctx, api, &args, spec, deadline).await;
    spinner.finish_and_clear();
    match answered? {
        Answered::Results(report) => {
            let now = ctx.now.as_second();
            let charts = (ctx.printer.options().stdout_tty && !args.no_series)
                .then(|| window_length(&report.query, now));
            print_query(&ctx.printer, &report, charts)?;
            match &report.query_url {
                Some(url) => open_if_asked(ctx, &args, url),
                None => Ok(()),
            }
        }
        Answered::Link(report) => {
            print_query_link(&ctx.printer, &report)?;
            open_if_asked(ctx, &args, &report.query_url)
        }
        Answered::Refused(report, refused) => {
            print_query_link(&ctx.printer, &report)?;
            open_if_asked(ctx, &args, &report.query_url)?;
            Err(refused)
        }
    }
}

/// What a query came to: its results; its link only (`--link`, `honeycomb_results =
/// "link"`); or the link with the refusal of a plan or key without the Query Data API.
pub enum Answered {
    Results(views::query::QueryReport),
    Link(views::honeycomb::QueryLinkReport),
    Refused(views::honeycomb::QueryLinkReport, Error),
}

/// The spec the arguments describe (flags or `--spec`), windowed and checked.
pub fn spec_of(ctx: &Context, args: &QueryArgs) -> Result<QuerySpec> {
    let mut spec = match &args.spec {
        Some(path) => read_spec(path)?,
        None => spec_from_flags(&args.flags, |_| None)?,
    };
    apply_window_and_limits(&mut spec, &args.flags, args.spec.is_some(), ctx)?;
    validate(&spec, ctx.now.as_second()).map_err(|e| {
        Error::usage(e.0).with_hint("tracectl honeycomb query --help shows the forms")
    })?;
    Ok(spec)
}

/// Runs `spec` on the dataset (or saves it for its link) by `deadline`: the report that
/// `-o json` writes and the MCP `query` tool answers.
pub async fn answer(
    ctx: &Context,
    api: &HoneycombArgs,
    args: &QueryArgs,
    mut spec: QuerySpec,
    deadline: Instant,
) -> Result<Answered> {
    let dataset = ctx.honeycomb_dataset(args.dataset.as_deref())?;
    let client = ctx.honeycomb_client_until(api, Some(deadline))?;
    if args.spec.is_none() {
        type_filters_by_columns(ctx, &client, &dataset, args, &mut spec).await?;
    }
    if args.link || links_by_default(ctx)? {
        return match views::honeycomb::query_link(&client, &dataset, &spec, None).await {
            Ok(report) => Ok(Answered::Link(report)),
            Err(e) => Err(ctx.dataset_error(&client, &dataset, e).await),
        };
    }
    let ran = views::honeycomb::query(&client, &dataset, &spec, !args.no_series, deadline).await;
    match ran {
        Ok(report) => Ok(Answered::Results(report)),
        Err(QueryFailure::OutOfTime { query_url }) => Err(timed_out(args, query_url.as_deref())),
        Err(QueryFailure::Saving(e)) => Err(ctx.dataset_error(&client, &dataset, e).await),
        Err(QueryFailure::Running {
            error: e @ (HoneycombError::Unauthorized { .. } | HoneycombError::Forbidden { .. }),
            query_id,
        }) => refused_with_link(ctx, &client, &dataset, &spec, e, query_id).await,
        Err(QueryFailure::Running { error, .. }) => Err(query_data_error(ctx, error)),
    }
}

/// `honeycomb_results = "link"`: every query prints its link instead of running.
fn links_by_default(ctx: &Context) -> Result<bool> {
    let Some(resolved) = ctx.config.get(&HONEYCOMB_RESULTS, None) else {
        return Ok(false);
    };
    match resolved.value.trim() {
        "run" => Ok(false),
        "link" => Ok(true),
        other => Err(Error::usage(format!(
            "honeycomb_results '{other}' (from {}) is neither run nor link",
            resolved.source
        ))
        .with_hint("run: query through the Query Data API (Enterprise); link: print the query's UI link (every plan)")),
    }
}

/// The Query Data API refused (a plan without it, or a key without Run Queries): the link
/// that runs the same query in the UI, and why there is no table (exit 1).
async fn refused_with_link(
    ctx: &Context,
    client: &HoneycombClient,
    dataset: &str,
    spec: &QuerySpec,
    refusal: HoneycombError,
    query_id: String,
) -> Result<Answered> {
    let refused = query_data_error(ctx, refusal);
    let mut report = match views::honeycomb::query_link(client, dataset, spec, Some(query_id)).await
    {
        Ok(report) => report,
        // Without a link there is nothing better to say than the refusal itself.
        Err(_) => return Err(refused),
    };
    report.reason = Some(refused.message().to_string());
    let error = Error::failure(format!(
        "no results: {} (the link above runs the query in Honeycomb's UI)",
        refused.message()
    ))
    .with_hint("the Query Data API needs an Enterprise plan and a key with Run Queries; set honeycomb_results = \"link\" in the profile (or TRACECTL_HONEYCOMB_RESULTS=link) to print the link and exit 0")
    .with_hint("`tracectl local query` runs the same flags over the spans `tracectl local listen --forward-otlp` keeps, on every plan");
    Ok(Answered::Refused(report, error))
}

/// `--open`: the link in the browser (`$BROWSER` first, as the `webbrowser` crate reads
/// it). A browser that cannot be started is said, not fatal: the link is printed already.
fn open_if_asked(ctx: &Context, args: &QueryArgs, url: &str) -> Result<()> {
    if !args.open {
        return Ok(());
    }
    if let Err(e) = webbrowser::open(url) {
        ctx.printer
            .warn(&format!("cannot open a browser: {e}; the link is above"));
    }
    Ok(())
}

/// Types the filter values by the dataset's columns where they can be read, and warns about
/// columns the dataset does not have. A key without the columns permission still runs
/// queries, typed from the text alone; an unknown dataset stops here with suggestions.
async fn type_filters_by_columns(
    ctx: &Context,
    client: &HoneycombClient,
    dataset: &str,
    args: &QueryArgs,
    spec: &mut QuerySpec,
) -> Result<()> {
    match client.columns(dataset).await {
        Ok(columns) => {
            warn_unknown_columns(ctx, spec, &columns, dataset);
            let types: HashMap<&str, &str> = columns
                .iter()
                .map(|c| (c.key_name.as_str(), c.column_type.as_str()))
                .collect();
            spec.filters = spec_from_flags(&args.flags, |c| types.get(c).copied())?.filters;
            Ok(())
        }
        Err(e @ HoneycombError::NotFound { .. }) => {
            Err(ctx.dataset_error(client, dataset, e).await)
        }
        Err(_) => Ok(()),
    }
}

/// `--timeout` ran out; the query's link, when there is one, may still show the result.
fn timed_out(args: &QueryArgs, query_url: Option<&str>) -> Error {
    let err = Error::failure(format!(
        "the query did not finish within {} (--timeout)",
        human_span(args.timeout)
    ))
    .with_hint("give it longer with --timeout, or narrow the window or the breakdowns");
    match query_url {
        Some(url) => err.with_hint(format!("it may still finish in the UI: {url}")),
        None => err,
    }
}

/// The spec the flags describe, with filter values typed by `column_type`.
pub(crate) fn spec_from_flags<'a>(
    args: &QueryFlags,
    column_type: impl Fn(&str) -> Option<&'a str> + Copy,
) -> Result<QuerySpec> {
    let usage = |e: SpecError| {
        Error::usage(e.0).with_hint("tracectl honeycomb query --help shows the forms")
    };
    Ok(QuerySpec {
        calculations: args
            .calcs
            .iter()
            .map(|c| parse_calculation(c))
            .collect::<std::result::Result<_, _>>()
            .map_err(usage)?,
        filters: args
            .filters
            .iter()
            .map(|f| parse_filter_as(f, column_type))
            .collect::<std::result::Result<_, _>>()
            .map_err(usage)?,
        filter_combination: args.any.then(|| "OR".to_string()),
        breakdowns: args.breakdowns.clone(),
        orders: args
            .orders
            .iter()
            .map(|o| parse_order(o))
            .collect::<std::result::Result<_, _>>()
            .map_err(usage)?,
        havings: args
            .havings
            .iter()
            .map(|h| parse_having(h))
            .collect::<std::result::Result<_, _>>()
            .map_err(usage)?,
        ..QuerySpec::default()
    })
}

/// `--spec FILE` or `--spec -` (stdin): a Honeycomb query spec as JSON.
fn read_spec(path: &std::path::Path) -> Result<QuerySpec> {
    let from_stdin = path.as_os_str() == "-";
    let name = if from_stdin {
        "stdin".to_string()
    } else {
        path.display().to_string()
    };
    let text = if from_stdin {
        input::read_stdin(input::MAX_USER_FILE)
    } else {
        input::read_file(path, input::MAX_USER_FILE)
    }
    .map_err(|e| {
        let hint = match e {
            input::ReadError::NotFound => {
                "check the path; --print-spec writes a spec to start from".to_string()
            }
            _ => "a spec is a small JSON file (or - for stdin); --print-spec shows one".to_string(),
        };
        Error::usage(format!("cannot read the spec from {name}: {e}")).with_hint(hint)
    })?;
    serde_json::from_str(&text).map_err(|e| {
        Error::usage(format!("bad query spec in {name}: {e}"))
            .with_hint("a spec is Honeycomb's query JSON, e.g. {\"calculations\":[{\"op\":\"COUNT\"}],\"time_range\":7200}; --print-spec shows one")
    })
}

/// The window (`--since` or `--start/--end`) and `--limit`/`--granularity`; with `--spec`
/// they replace the file's own values only when given.
pub(crate) fn apply_window_and_limits(
    spec: &mut QuerySpec,
    args: &QueryFlags,
    from_file: bool,
    ctx: &Context,
) -> Result<()> {
    let window_given = args.window.since.is_some() || args.window.start.is_some();
    if !from_file || window_given {
        spec.time_range = None;
        spec.start_time = None;
        spec.end_time = None;
        match args.window.start {
            Some(_) => {
                let window = args.window.window(ctx.now)?;
                spec.start_time = Some(window.start.as_second());
                spec.end_time = Some(window.end.as_second());
            }
            None => {
                let since = args.window.since.unwrap_or(TimeSpec::Ago(DEFAULT_SINCE));
                let start = since.resolve(ctx.now);
                let seconds = ctx.now.duration_since(start).as_secs();
                if seconds <= 0 {
                    return Err(
                        Error::usage("--since must be in the past").with_hint("e.g. --since 2h")
                    );
                }
                spec.time_range = Some(seconds as u64);
            }
        }
    }
    if let Some(limit) = args.limit {
        spec.limit = Some(limit);
    }
    if let Some(g) = args.granularity {
        // Said in the unit given: a millisecond is "1 ms", not "0s".
        let given = if g.subsec_nanos() == 0 {
            human_span(g)
        } else {
            format!("{} ms", g.as_secs_f64() * 1000.0)
        };
        if g < Duration::from_secs(1) {
            return Err(Error::usage(format!(
                "--granularity {given} is below Honeycomb's smallest bucket of 1 s"
            ))
            .with_hint("e.g. --granularity 1m, or leave it out for Honeycomb's default"));
        }
        if g.subsec_nanos() != 0 {
            return Err(Error::usage(format!(
                "--granularity {given} is not a whole number of seconds, as Honeycomb's buckets are"
            ))
            .with_hint("e.g. --granularity 2s or 1m"));
        }
        spec.granularity = Some(g.as_secs());
    }
    Ok(())
}

/// The length of the spec's window, for the chart caption.
pub(crate) fn window_length(spec: &QuerySpec, now: i64) -> Duration {
    let seconds = match (spec.start_time, spec.end_time, spec.time_range) {
        (Some(s), Some(e), _) => e - s,
        (_, _, Some(r)) => r as i64,
        (Some(s), None, None) => now - s,
        _ => 7200,
    };
    Duration::from_secs(seconds.max(0) as u64)
}

/// Columns the query names that the dataset does not have: a typo costs a query result
/// from the budget of ten a minute, so it is pointed out (the query still runs: a column
/// may be new since the list was written).
fn warn_unknown_columns(ctx: &Context, spec: &QuerySpec, columns: &[HcColumn], dataset: &str) {
    let names: Vec<&str> = columns.iter().map(|c| c.key_name.as_str()).collect();
    let mut named: Vec<&str> = spec.filters.iter().map(|f| f.column.as_str()).collect();
    named.extend(spec.breakdowns.iter().map(String::as_str));
    named.extend(spec.calculations.iter().filter_map(|c| c.column.as_deref()));
    named.sort_unstable();
    named.dedup();
    for column in named.into_iter().filter(|c| !names.contains(c)) {
        let near = closest(column, names.iter().copied());
        let suggestion = match near.as_slice() {
            [] => String::new(),
            some => format!(
                "; did you mean {}?",
                some.iter().take(3).copied().collect::<Vec<_>>().join(", ")
            ),
        };
        ctx.printer.warn(&format!(
            "dataset {dataset} has no column {column}{suggestion}"
        ));
    }
}

/// Errors of the Query Data API, whose 401/403 usually mean the plan or the key's
/// permissions, not a wrong key (/1/auth cannot tell: it does not report Run Queries).
fn query_data_error(ctx: &Context, e: HoneycombError) -> Error {
    match e {
        HoneycombError::Unauthorized { .. } | HoneycombError::Forbidden { .. } => {
            Error::failure(format!("Honeycomb refused to run the query: {e}")).with_hint(
                "the Query Data API needs an Enterprise plan and an API key with the Run Queries permission",
            )
        }
        other => ctx.honeycomb_error(other),
    }
}
