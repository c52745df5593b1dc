//! The `query` tool: Honeycomb's query model (calculations, breakdowns, filters, orders,
//! havings) run by the local engine over the store's spans (the view of `local query`) or
//! by Honeycomb (the report of `honeycomb query`).

use std::time::{Duration, Instant};

use rmcp::model::CallToolResult;

use super::call::Call;
use super::{
    MAX_BYTES, McpServer, QueryArgs, QuerySourceArg, answer, bounded, duration_of, json_failure,
    with_context, with_store,
};
use crate::commands::honeycomb::query::{Answered, QueryFlags, spec_from_flags};
use crate::error::{Error, Result};
use crate::views;

/// How long a Honeycomb query may take, its polls included (`honeycomb query`'s default).
const HONEYCOMB_TIMEOUT: Duration = Duration::from_secs(60);

impl McpServer {
    pub(super) async fn query_report(&self, args: QueryArgs, call: Call) -> Result<CallToolResult> {
        let since = args
            .since
            .as_deref()
            .map(|s| duration_of("since", s))
            .transpose()?;
        match args.source {
            QuerySourceArg::Local => self.local_query(args, since).await,
            QuerySourceArg::Honeycomb => self.honeycomb_query(args, since, call).await,
        }
    }

    /// The query over the local store's spans, as `local query` runs it.
    async fn local_query(
        &self,
        args: QueryArgs,
        since: Option<Duration>,
    ) -> Result<CallToolResult> {
        let now = jiff::Timestamp::now();
        let max_bytes = args.max_bytes.unwrap_or(MAX_BYTES);
        let flags = flags_of(args, since);
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
            bounded::whole(value, max_bytes)?,
        ))
    }

    /// The query run by Honeycomb, as `honeycomb query -o json` runs it: the results, or
    /// the link only (`honeycomb_results = "link"`), or the refusal with the link.
    async fn honeycomb_query(
        &self,
        args: QueryArgs,
        since: Option<Duration>,
        call: Call,
    ) -> Result<CallToolResult> {
        let max_bytes = args.max_bytes.unwrap_or(MAX_BYTES);
        let query = crate::commands::honeycomb::query::QueryArgs {
            dataset: args.dataset.clone(),
            flags: flags_of(args, since),
            spec: None,
            no_series: false,
            timeout: HONEYCOMB_TIMEOUT,
            link: false,
            open: false,
        };
        let said = call.clone();
        let answered = with_context(
            &self.shared,
            &call,
            "the Honeycomb query",
            move |ctx| async move {
                use crate::commands::honeycomb::{HoneycombArgs, query};
                let deadline = Instant::now() + query.timeout;
                let spec = query::spec_of(&ctx, &query)?;
                said.say("running the query on Honeycomb");
                query::answer(
                    &ctx,
                    &HoneycombArgs { endpoint_url: None },
                    &query,
                    spec,
                    deadline,
                )
                .await
            },
        )
        .await?;
        let (summary, value) = match answered {
            Answered::Results(report) => (
                format!(
                    "{} result rows from Honeycomb ({})",
                    report.results.len(),
                    report.dataset
                ),
                serde_json::to_value(&report).map_err(json_failure)?,
            ),
            Answered::Link(report) => (
                format!(
                    "the query's link (it runs when opened): {}",
                    report.query_url
                ),
                serde_json::to_value(&report).map_err(json_failure)?,
            ),
            Answered::Refused(report, refused) => {
                return Err(
                    refused.with_hint(format!("the query in Honeycomb's UI: {}", report.query_url))
                );
            }
        };
        Ok(answer(summary, bounded::whole(value, max_bytes)?))
    }
}

/// The query's flags, as the commands take them.
fn flags_of(args: QueryArgs, since: Option<Duration>) -> QueryFlags {
    QueryFlags {
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
    }
}
