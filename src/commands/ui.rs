//! `tracectl ui`: the explorer over the local store, X-Ray or aws/spans. This file only
//! picks the source and checks the terminal; `src/ui/` is the face itself. The cloud
//! sources live here because their failures read as the xray commands' do.

use std::io::IsTerminal;
use std::time::Duration;

use clap::Args;
use futures::future::LocalBoxFuture;

use crate::commands::{AwsArgs, Context};
use crate::error::{Error, Result};
use crate::model::time::{Window, duration_arg};
use crate::model::trace::TraceId;
use crate::ui::source::{HoneycombPlace, LinkTarget, Listing, LocalSource, Source};
use crate::views;
use crate::views::local::LocalTrace;
use crate::views::local_logs::ArrivalPage;
use crate::views::services::ServicesReport;
use crate::views::traces::TracesRequest;
use crate::views::xray::SpansFallback;

/// Where the explorer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum UiSource {
    /// The local store of `local listen` (live)
    Local,
    /// X-Ray's trace summaries
    Xray,
    /// Every span of aws/spans (Transaction Search), through Logs Insights
    Spans,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  tracectl ui
  tracectl ui --since 15m --db ./traces.db
  tracectl ui --source xray --since 6h --refresh 30s

Keys: arrows or j/k move, Enter opens, / filters (errors faults throttles >500ms
service:NAME TEXT), s sorts, w changes the window, Tab changes screen, ? shows every key,
q quits. For scripts, the same reports come from `tracectl local traces`, `local trace`,
`local services` and `local logs` with -o json.")]
pub struct UiArgs {
    /// Where the traces come from
    #[arg(long, value_enum, default_value_t = UiSource::Local)]
    pub source: UiSource,

    /// The window shown first (w changes it)
    #[arg(long, value_parser = duration_arg, value_name = "DUR", default_value = "1h")]
    pub since: Duration,

    /// How often the screen is read again [default: 500ms local, 30s X-Ray and aws/spans]
    #[arg(long, value_parser = duration_arg, value_name = "DUR")]
    pub refresh: Option<Duration>,

    #[command(flatten)]
    pub db: crate::commands::local::DbArg,

    #[command(flatten)]
    pub aws: AwsArgs,
}

/// The shortest refresh for each kind of source: the store is local; the clouds are
/// rate-limited and charged (Logs Insights bills each query).
const LOCAL_REFRESH_MIN: Duration = Duration::from_millis(100);
const CLOUD_REFRESH_MIN: Duration = Duration::from_secs(5);
const CLOUD_REFRESH: Duration = Duration::from_secs(30);
/// How long the trace screen waits for a Transaction Search retrieval.
const RETRIEVAL_TIMEOUT: Duration = Duration::from_secs(60);

pub async fn run(ctx: &Context, args: UiArgs) -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::usage("tracectl ui needs a terminal (stdin and stdout are not one)")
            .with_hint("for scripts, the same reports: `tracectl local traces`, `local trace ID`, `local services`, `local logs` (or `xray traces`, `xray trace ID`) with -o json"));
    }
    let local = args.source == UiSource::Local;
    let (default, min) = if local {
        (Duration::from_millis(500), LOCAL_REFRESH_MIN)
    } else {
        (CLOUD_REFRESH, CLOUD_REFRESH_MIN)
    };
    let refresh = args.refresh.unwrap_or(default);
    if refresh < min {
        return Err(Error::usage(format!(
            "--refresh {} is too often for this source (at least {})",
            crate::model::time::human_span(refresh),
            crate::model::time::human_span(min)
        ))
        .with_hint(if local {
            "the store is read in well under 100 ms; a shorter refresh only costs CPU"
        } else {
            "X-Ray and Logs Insights are rate-limited (and Insights is billed per query): 30s is the default"
        }));
    }
    if args.since.is_zero() {
        return Err(Error::usage("--since 0s is an empty window").with_hint("try --since 1h"));
    }
    let look = crate::ui::draw::Look {
        theme: crate::ui::draw::Theme {
            color: ctx.printer.options().stdout_color,
        },
        zone: ctx.printer.zone(),
    };
    let options = crate::ui::Options {
        since: args.since,
        refresh,
        look,
        has_logs: local,
    };
    if local {
        let path = super::local::database_path(ctx, &args.db)?;
        let source = LocalSource::new(path);
        // Where the traces are in Honeycomb, asked beside the UI (never in its way): `o`
        // opens a trace there once it is known. Without a key and a dataset, there is none.
        let place = source.honeycomb();
        let learn = async {
            if let Some(found) = honeycomb_place(ctx).await {
                let _ = place.set(found);
            }
        };
        let ui = crate::ui::run(&source, options);
        tokio::pin!(ui);
        tokio::select! {
            ran = &mut ui => return ran,
            () = learn => {}
        }
        return ui.await;
    }
    let cloud = CloudSource {
        ctx,
        xray: ctx.xray_client(&args.aws).await?,
        logs: ctx.logs_client(&args.aws).await?,
        spans: args.source == UiSource::Spans,
        region: ctx.region_name(&args.aws),
    };
    crate::ui::run(&cloud, options).await
}

/// The key's team and environment and the dataset, when a Honeycomb key and dataset are
/// set and /1/auth answers; otherwise none (the local traces then have no console page).
async fn honeycomb_place(ctx: &Context) -> Option<HoneycombPlace> {
    let dataset = ctx.honeycomb_dataset(None).ok()?;
    let client = ctx
        .honeycomb_client(&super::honeycomb::HoneycombArgs { endpoint_url: None })
        .ok()?;
    let auth = client.auth().await.ok()?;
    Some(HoneycombPlace {
        api_host: client.endpoint().host_str().unwrap_or_default().to_string(),
        team: auth.team.slug,
        environment: auth.environment.slug,
        dataset,
    })
}

/// X-Ray (summaries and BatchGetTraces) or aws/spans (Logs Insights and trace retrieval).
struct CloudSource<'a> {
    ctx: &'a Context,
    xray: aws_sdk_xray::Client,
    logs: aws_sdk_cloudwatchlogs::Client,
    spans: bool,
    region: Option<String>,
}

impl Source for CloudSource<'_> {
    fn label(&self) -> String {
        let what = if self.spans { "aws/spans" } else { "X-Ray" };
        match &self.region {
            Some(region) => format!("{what} {region}"),
            None => what.to_string(),
        }
    }

    fn traces(&self, request: TracesRequest) -> LocalBoxFuture<'_, Result<Listing>> {
        Box::pin(async move {
            let source = if self.spans {
                views::traces::Source::AwsSpans { logs: &self.logs }
            } else {
                views::traces::Source::XraySummaries {
                    client: &self.xray,
                    expression: None,
                    indexed_percent: None,
                }
            };
            let report = views::traces::traces(&source, &request, &|_| {})
                .await
                .map_err(|e| super::xray::traces::traces_error(self.ctx, e))?;
            Ok(Listing {
                report,
                empty_hint: None,
            })
        })
    }

    fn trace(&self, id: TraceId) -> LocalBoxFuture<'_, Result<Option<LocalTrace>>> {
        Box::pin(async move {
            let fallback = if self.spans {
                SpansFallback::Only
            } else {
                SpansFallback::WhenTransactionSearch
            };
            let found = views::xray::traces(
                &self.xray,
                std::slice::from_ref(&id),
                fallback,
                jiff::Timestamp::now(),
                RETRIEVAL_TIMEOUT,
                &|_| {},
            )
            .await
            .map_err(|e| super::xray::trace::lookup_error(self.ctx, e, RETRIEVAL_TIMEOUT))?;
            Ok(found.found.into_iter().next().map(|trace| LocalTrace {
                trace,
                logs: Vec::new(),
                logs_truncated: false,
                errors: Vec::new(),
            }))
        })
    }

    fn services(&self, window: Window) -> LocalBoxFuture<'_, Result<ServicesReport>> {
        Box::pin(async move {
            let services = crate::clients::xray::service_graph(&self.xray, window)
                .await
                .map_err(|f| {
                    self.ctx
                        .aws_error("cannot fetch the X-Ray service graph", f)
                })?;
            Ok(ServicesReport::new(window, services))
        })
    }

    fn logs(
        &self,
        _after: Option<i64>,
        _grep: Option<String>,
    ) -> LocalBoxFuture<'_, Result<Option<ArrivalPage>>> {
        Box::pin(async { Ok(None) })
    }

    fn console_link(&self, target: &LinkTarget) -> Option<String> {
        let region = self.region.as_deref()?;
        Some(crate::model::trace::xray_console_url(
            region,
            target.trace.as_str(),
        ))
    }
}
