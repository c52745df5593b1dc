//! A query's result as every face shows it, whether Honeycomb ran it or the local engine:
//! one query model, one report.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::query::{QuerySpec, ResultData};

/// One point of a result's series: its bucket's time, then the group's values.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SeriesPoint {
    pub time: Option<String>,
    #[serde(flatten)]
    pub values: Map<String, Value>,
}

/// A finished query (`honeycomb query`): what was asked, where to see it, and its rows.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct QueryReport {
    pub dataset: String,
    /// The spec as sent, field for field as Honeycomb takes it.
    #[schemars(with = "Map<String, Value>")]
    pub query: QuerySpec,
    pub query_id: String,
    pub result_id: String,
    pub query_url: Option<String>,
    /// One object per group: the breakdowns' values and each calculation (`P99(duration_ms)`).
    pub results: Vec<Map<String, Value>>,
    /// The time series, when it was asked for.
    pub series: Vec<SeriesPoint>,
}

impl QueryReport {
    /// The report of `spec`'s result `data` on `dataset`, with no Honeycomb ids or link
    /// (the local engine's; Honeycomb's view adds them).
    pub fn new(dataset: &str, spec: &QuerySpec, data: ResultData) -> QueryReport {
        QueryReport {
            dataset: dataset.to_string(),
            query: spec.clone(),
            query_id: String::new(),
            result_id: String::new(),
            query_url: None,
            results: data.results.into_iter().map(|r| r.data).collect(),
            series: data
                .series
                .into_iter()
                .map(|s| SeriesPoint {
                    time: s.time,
                    values: s.data,
                })
                .collect(),
        }
    }
}
