//! Where the explorer's data comes from: one interface, asked with the views' own requests
//! and answered with their reports, so the UI draws exactly what `local traces`, `local
//! trace`, `local services` and `local logs` (or their X-Ray twins) print. A source never
//! runs on the UI's thread: the local store is read on a blocking thread, the clouds are
//! awaited beside the event loop, and either way a slow answer only delays its own screen.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use futures::future::LocalBoxFuture;

use crate::clients::store::{LogsFilter, Store, StoreError};
use crate::error::{Error, Result};
use crate::model::time::Window;
use crate::model::trace::TraceId;
use crate::views;
use crate::views::local::LocalTrace;
use crate::views::local_logs::ArrivalPage;
use crate::views::services::ServicesReport;
use crate::views::traces::{TracesReport, TracesRequest};

/// Log lines the logs screen reads per ask, and holds at most.
pub const LOG_PAGE: usize = 2_000;

/// One source of the explorer's screens.
pub trait Source {
    /// How the title bar names it ("local /path/spans.db", "X-Ray eu-west-1").
    fn label(&self) -> String;

    /// The traces of a window: `views::traces` for this source.
    fn traces(&self, request: TracesRequest) -> LocalBoxFuture<'_, Result<Listing>>;

    /// One trace's span tree, with the log lines and errors the source holds for it;
    /// `None` when it holds no span of it.
    fn trace(&self, id: TraceId) -> LocalBoxFuture<'_, Result<Option<LocalTrace>>>;

    /// The service graph of a window.
    fn services(&self, window: Window) -> LocalBoxFuture<'_, Result<ServicesReport>>;

    /// The log lines committed after arrival number `after` (`None`: the latest), or
    /// `None` when this source keeps no log lines.
    fn logs(
        &self,
        after: Option<i64>,
        grep: Option<String>,
    ) -> LocalBoxFuture<'_, Result<Option<ArrivalPage>>>;

    /// The console page of a trace (at its span, where the console takes one), where the
    /// source has one.
    fn console_link(&self, target: &LinkTarget) -> Option<String>;
}

/// What `o` opens: the trace, the span selected, and the trace's time range (epoch
/// seconds, a second either side) for consoles that search by time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTarget {
    pub trace: crate::model::trace::TraceId,
    pub span_id: Option<String>,
    pub range: Option<(i64, i64)>,
}

/// Where the local store's traces are in Honeycomb, when they are sent there too
/// (`local listen --forward-otlp`, or the app's own exporter): the key's team and
/// environment, learnt once from /1/auth, and the dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoneycombPlace {
    pub api_host: String,
    pub team: String,
    pub environment: String,
    pub dataset: String,
}

/// The traces report, and what to say when there is nothing to list yet.
#[derive(Debug, Clone)]
pub struct Listing {
    pub report: TracesReport,
    /// Set when the source holds nothing at all (a store `local listen` has not made yet).
    pub empty_hint: Option<String>,
}

/// The local store of `local listen`. It may not exist yet: each ask tries to open it, so
/// the screens fill as soon as the listener writes.
pub struct LocalSource {
    path: PathBuf,
    store: Arc<Mutex<Option<Store>>>,
    honeycomb: Arc<OnceLock<HoneycombPlace>>,
}

impl LocalSource {
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            store: Arc::new(Mutex::new(None)),
            honeycomb: Arc::default(),
        }
    }

    /// Set once Honeycomb has said where the traces are: `o` opens them there from then on.
    pub fn honeycomb(&self) -> Arc<OnceLock<HoneycombPlace>> {
        self.honeycomb.clone()
    }

    /// Runs `read` on a blocking thread with the store open, or answers `missing` when
    /// there is no store yet.
    fn with_store<T: Send + 'static>(
        &self,
        missing: impl FnOnce(&PathBuf) -> T + Send + 'static,
        read: impl FnOnce(&Store) -> Result<T> + Send + 'static,
    ) -> LocalBoxFuture<'_, Result<T>> {
        let (path, store) = (self.path.clone(), self.store.clone());
        Box::pin(async move {
            tokio::task::spawn_blocking(move || {
                let mut held = store.lock().unwrap_or_else(|p| p.into_inner());
                if held.is_none() {
                    match Store::open_read(&path) {
                        Ok(opened) => *held = Some(opened),
                        Err(StoreError::Missing { .. }) => return Ok(missing(&path)),
                        Err(e) => return Err(e.into()),
                    }
                }
                match held.as_ref() {
                    Some(opened) => read(opened),
                    None => Ok(missing(&path)),
                }
            })
            .await
            .map_err(|e| Error::failure(format!("the store reader stopped: {e}")))?
        })
    }
}

/// What the traces screen says while the store holds nothing.
pub fn empty_store_hint(path: &std::path::Path) -> String {
    format!(
        "{} holds no spans yet: run `tracectl local listen` and point an app at it ({})",
        path.display(),
        views::local::POINT_AN_APP
    )
}

impl Source for LocalSource {
    fn label(&self) -> String {
        format!("local {}", self.path.display())
    }

    fn traces(&self, request: TracesRequest) -> LocalBoxFuture<'_, Result<Listing>> {
        let empty = request.clone();
        self.with_store(
            move |path| Listing {
                report: views::traces::summarise(
                    views::traces::SourceKind::Local,
                    "local",
                    empty.window,
                    std::iter::empty(),
                    empty.order,
                    empty.limit,
                ),
                empty_hint: Some(empty_store_hint(path)),
            },
            move |store| {
                let report = views::local::traces(store, &request)?;
                let empty_hint = (report.summary.traces == 0 && store.time_range()?.is_none())
                    .then(|| empty_store_hint(store.path()));
                Ok(Listing { report, empty_hint })
            },
        )
    }

    fn trace(&self, id: TraceId) -> LocalBoxFuture<'_, Result<Option<LocalTrace>>> {
        self.with_store(
            |_| None,
            move |store| {
                let mut lookup = views::local::trace(store, std::slice::from_ref(&id))?;
                Ok(lookup.found.pop())
            },
        )
    }

    fn services(&self, window: Window) -> LocalBoxFuture<'_, Result<ServicesReport>> {
        self.with_store(
            move |_| ServicesReport::new(window, Vec::new()),
            move |store| Ok(views::local::services(store, window)?),
        )
    }

    fn logs(
        &self,
        after: Option<i64>,
        grep: Option<String>,
    ) -> LocalBoxFuture<'_, Result<Option<ArrivalPage>>> {
        self.with_store(
            move |_| {
                Some(ArrivalPage {
                    lines: Vec::new(),
                    read_to: after.unwrap_or(0),
                    more: false,
                })
            },
            move |store| {
                let filter = LogsFilter {
                    grep,
                    ..LogsFilter::default()
                };
                Ok(Some(views::local_logs::page_after(
                    store, &filter, after, LOG_PAGE,
                )?))
            },
        )
    }

    fn console_link(&self, target: &LinkTarget) -> Option<String> {
        let place = self.honeycomb.get()?;
        Some(
            crate::model::query::trace_link(
                &place.api_host,
                &place.team,
                &place.environment,
                &place.dataset,
                &target.trace.w3c(),
                target.span_id.as_deref(),
                target.range,
            )
            .to_string(),
        )
    }
}
