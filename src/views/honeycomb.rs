//! Honeycomb's answers as tracectl reports them: its own types, so that a change in
//! Honeycomb's wire format is absorbed in the conversion here, never passed on to `-o json`.

use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::{Map, Value};

use crate::clients::honeycomb::{
    Auth, Column, Dataset, HoneycombClient, HoneycombError, Marker, NameSlug, ResultsProbe,
};
use crate::clients::http::HttpError;
use crate::model::query::QuerySpec;
use crate::views::query::QueryReport;

/// A team or environment.
#[derive(Debug, Clone, PartialEq, Default, Serialize, schemars::JsonSchema)]
pub struct Named {
    pub name: String,
    pub slug: String,
}

impl From<&NameSlug> for Named {
    fn from(n: &NameSlug) -> Self {
        Self {
            name: n.name.clone(),
            slug: n.slug.clone(),
        }
    }
}

/// What the API key is and may do (`honeycomb auth`).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AuthReport {
    pub id: String,
    /// `configuration` or `ingest`.
    #[serde(rename = "type")]
    pub key_type: String,
    /// Each permission the key lists, and whether it is granted.
    pub api_key_access: Map<String, Value>,
    /// Empty slug on Honeycomb Classic.
    pub environment: Named,
    pub team: Named,
    /// Whether query results can be read (the Query Data API: Enterprise), which `/1/auth`
    /// does not say; `None` when not asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query_results: Option<ResultsAccess>,
}

impl From<&Auth> for AuthReport {
    fn from(a: &Auth) -> Self {
        Self {
            id: a.id.clone(),
            key_type: a.key_type.clone(),
            api_key_access: a.api_key_access.clone(),
            environment: (&a.environment).into(),
            team: (&a.team).into(),
            query_results: None,
        }
    }
}

/// Whether `honeycomb query` can read results with this key, as a probe saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ResultsAccess {
    /// `readable`, `refused` or `unknown`.
    pub status: &'static str,
    pub detail: String,
}

impl From<ResultsProbe> for ResultsAccess {
    fn from(probe: ResultsProbe) -> Self {
        match probe {
            ResultsProbe::NotRefused => ResultsAccess {
                status: "readable",
                detail: "the Query Data API answers this key".into(),
            },
            ResultsProbe::Refused(why) => ResultsAccess {
                status: "refused",
                detail: format!(
                    "the Query Data API refuses this key ({why}): `honeycomb query --link` prints a link that runs the query in the UI, and `tracectl local query` runs it over the spans `local listen --forward-otlp` keeps"
                ),
            },
            ResultsProbe::Unknown(why) => ResultsAccess {
                status: "unknown",
                detail: format!("the Query Data API could not be asked ({why})"),
            },
        }
    }
}

/// `/1/auth` and a probe of the Query Data API on `dataset`, at once.
pub async fn auth(client: &HoneycombClient, dataset: &str) -> Result<AuthReport, HoneycombError> {
    let (auth, probe) = tokio::join!(client.auth(), client.probe_query_results(dataset));
    Ok(AuthReport {
        query_results: Some(probe.into()),
        ..AuthReport::from(&auth?)
    })
}

impl AuthReport {
    /// The permissions granted, and those listed but not granted.
    pub fn access(&self) -> (Vec<&str>, Vec<&str>) {
        let granted = |v: &Value| v.as_bool() == Some(true);
        let pick = |want: bool| {
            self.api_key_access
                .iter()
                .filter(|(_, v)| granted(v) == want)
                .map(|(k, _)| k.as_str())
                .collect()
        };
        (pick(true), pick(false))
    }
}

/// One dataset (`honeycomb datasets`).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct DatasetRow {
    pub name: String,
    pub slug: String,
    pub description: String,
    pub regular_columns_count: Option<u64>,
    /// As Honeycomb gives it (ISO 8601).
    pub last_written_at: Option<String>,
    pub created_at: Option<String>,
}

impl From<&Dataset> for DatasetRow {
    fn from(d: &Dataset) -> Self {
        Self {
            name: d.name.clone(),
            slug: d.slug.clone(),
            description: d.description.clone(),
            regular_columns_count: d.regular_columns_count,
            last_written_at: d.last_written_at.clone(),
            created_at: d.created_at.clone(),
        }
    }
}

/// The datasets, by name.
pub fn datasets(found: &[Dataset]) -> Vec<DatasetRow> {
    let mut rows: Vec<DatasetRow> = found.iter().map(DatasetRow::from).collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    rows
}

/// One column of a dataset (`honeycomb columns`).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ColumnRow {
    pub key_name: String,
    /// `string`, `integer`, `float`, `boolean`.
    #[serde(rename = "type")]
    pub column_type: String,
    pub description: String,
    pub hidden: bool,
    pub last_written: Option<String>,
}

impl From<&Column> for ColumnRow {
    fn from(c: &Column) -> Self {
        Self {
            key_name: c.key_name.clone(),
            column_type: c.column_type.clone(),
            description: c.description.clone(),
            hidden: c.hidden,
            last_written: c.last_written.clone(),
        }
    }
}

/// A marker that was added (`honeycomb marker`).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct MarkerReport {
    pub id: String,
    pub message: Option<String>,
    #[serde(rename = "type")]
    pub marker_type: Option<String>,
    pub url: Option<String>,
    /// Epoch seconds.
    pub start_time: Option<i64>,
    pub created_at: Option<String>,
}

impl From<&Marker> for MarkerReport {
    fn from(m: &Marker) -> Self {
        Self {
            id: m.id.clone(),
            message: m.message.clone(),
            marker_type: m.marker_type.clone(),
            url: m.url.clone(),
            start_time: m.start_time,
            created_at: m.created_at.clone(),
        }
    }
}

/// The columns, by key name.
pub fn columns(found: &[Column]) -> Vec<ColumnRow> {
    let mut rows: Vec<ColumnRow> = found.iter().map(ColumnRow::from).collect();
    rows.sort_by(|a, b| a.key_name.cmp(&b.key_name));
    rows
}

/// A query created but not run here: the link that runs it in Honeycomb's UI, on every
/// plan (`honeycomb query --link`, or the Query Data API refusing to run it).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct QueryLinkReport {
    pub dataset: String,
    #[schemars(with = "Map<String, Value>")]
    pub query: QuerySpec,
    pub query_id: String,
    /// The query template link: the dataset's page with the query, run when opened.
    pub query_url: String,
    /// Always null: no results were read.
    pub results: Option<Vec<Map<String, Value>>>,
    /// Why there are no results (`None` when only the link was asked for).
    pub reason: Option<String>,
}

/// Saves `spec` on `dataset` (which checks it, spends none of the result budget and needs
/// no plan), unless it was saved already as `saved`, and builds its template link from the
/// key's team and environment.
pub async fn query_link(
    client: &HoneycombClient,
    dataset: &str,
    spec: &QuerySpec,
    saved: Option<String>,
) -> Result<QueryLinkReport, HoneycombError> {
    let save = async {
        match saved {
            Some(query_id) => Ok(query_id),
            None => client.create_query(dataset, spec).await,
        }
    };
    let (query_id, auth) = tokio::join!(save, client.auth());
    let (query_id, auth) = (query_id?, auth?);
    let link = crate::model::query::template_link(
        client.endpoint().host_str().unwrap_or_default(),
        &auth.team.slug,
        &auth.environment.slug,
        dataset,
        spec,
    );
    Ok(QueryLinkReport {
        dataset: dataset.to_string(),
        query: spec.clone(),
        query_id,
        query_url: link.to_string(),
        results: None,
        reason: None,
    })
}

/// Why a query gave no result.
#[derive(Debug)]
pub enum QueryFailure {
    /// Saving the spec failed: an unknown dataset or column shows here.
    Saving(HoneycombError),
    /// Running it or reading its result failed: a plan without the Query Data API shows
    /// here. The query itself was saved as `query_id` (its link needs no second save).
    Running {
        error: HoneycombError,
        query_id: String,
    },
    /// The deadline came first; the query's link, when Honeycomb had given one.
    OutOfTime { query_url: Option<String> },
}

/// How long to wait between polls: short at first (most queries finish in well under a
/// second), growing to about a second, as Honeycomb's own clients do.
const POLL_INTERVALS_MS: [u64; 6] = [100, 200, 300, 500, 800, 1000];

/// Runs `spec` on `dataset` to completion (saves it, starts a result, polls it) within
/// `deadline`: the one way tracectl runs a Honeycomb query. `with_series` asks for the time
/// series too (it costs Honeycomb more: the trace lookup goes without).
pub async fn query(
    client: &HoneycombClient,
    dataset: &str,
    spec: &QuerySpec,
    with_series: bool,
    deadline: Instant,
) -> Result<QueryReport, QueryFailure> {
    // A timeout of a call once the deadline has passed is the deadline, not the network.
    let out_of_time = |e: &HoneycombError| {
        matches!(e, HoneycombError::Http(HttpError::Timeout { .. })) && Instant::now() >= deadline
    };
    let query_id = client.create_query(dataset, spec).await.map_err(|e| {
        if out_of_time(&e) {
            QueryFailure::OutOfTime { query_url: None }
        } else {
            QueryFailure::Saving(e)
        }
    })?;
    let running = |e: HoneycombError, query_url: Option<&str>| {
        if out_of_time(&e) {
            QueryFailure::OutOfTime {
                query_url: query_url.map(str::to_string),
            }
        } else {
            QueryFailure::Running {
                error: e,
                query_id: query_id.clone(),
            }
        }
    };
    let mut result = client
        .create_result(dataset, &query_id, !with_series)
        .await
        .map_err(|e| running(e, None))?;
    let mut polls = 0;
    while !result.complete {
        let wait = Duration::from_millis(POLL_INTERVALS_MS[polls.min(POLL_INTERVALS_MS.len() - 1)]);
        if Instant::now() + wait >= deadline {
            return Err(QueryFailure::OutOfTime {
                query_url: result.links.query_url,
            });
        }
        polls += 1;
        tokio::time::sleep(wait).await;
        result = match client.result(dataset, &result.id).await {
            Ok(next) => next,
            Err(e) => return Err(running(e, result.links.query_url.as_deref())),
        };
    }
    Ok(QueryReport {
        query_id,
        result_id: result.id,
        query_url: result.links.query_url,
        ..QueryReport::new(dataset, spec, result.data.unwrap_or_default())
    })
}
