//! An in-process Honeycomb API that behaves like the documented one and is strict about
//! what it receives. Every request body is validated against the schemas of Honeycomb's
//! published OpenAPI description (`tests/fixtures/honeycomb-openapi.yaml`, a copy of the
//! design's reference) with a JSON Schema validator; `X-Honeycomb-Team` is required; the
//! queries really run over a small set of span events (COUNT, SUM, AVG, MIN, MAX,
//! COUNT_DISTINCT, percentiles; typed filters, AND/OR, breakdowns, orders, havings, limit,
//! series); a result completes only after a few polls; result creation is limited per
//! window with a 429 problem+json carrying a `RateLimit` header and no `Retry-After`; and the
//! error bodies come in Honeycomb's shapes.

#![allow(dead_code, clippy::result_large_err)]

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Map, Value, json};

pub const KEY: &str = "hcaik_01j9testkeyenterprise0000000000000000000001";
/// A valid key whose team has no Query Data API (no Enterprise plan).
pub const KEY_NO_QUERIES: &str = "hcaik_01j9testkeynoqueries00000000000000000000002";

static OPENAPI: LazyLock<Value> = LazyLock::new(|| {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/honeycomb-openapi.yaml"
    );
    let text = std::fs::read_to_string(path).expect("read the Honeycomb OpenAPI description");
    serde_yaml_ng::from_str(&text).expect("parse the Honeycomb OpenAPI description")
});

/// The problems `instance` has against `#/components/schemas/<name>` of the OpenAPI
/// description (JSON Schema 2020-12, which OpenAPI 3.1 schemas are).
pub fn schema_problems(name: &str, instance: &Value) -> Vec<String> {
    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{name}"),
        "components": { "schemas": OPENAPI["components"]["schemas"].clone() },
    });
    let validator = jsonschema::validator_for(&root).expect("the OpenAPI schemas compile");
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[derive(Debug, Clone)]
pub struct Options {
    /// Query results a client may create per `rate_window`.
    pub results_per_window: usize,
    pub rate_window: Duration,
    /// GETs of a result before it is complete.
    pub polls_to_complete: u32,
    /// Answer 401/404 in the JSON:API shape instead of `{"error"}`.
    pub jsonapi_errors: bool,
    /// Fail this many result creations with a 500 (after creating nothing).
    pub fail_result_creations: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            results_per_window: 10,
            rate_window: Duration::from_secs(60),
            polls_to_complete: 2,
            jsonapi_errors: false,
            fail_result_creations: 0,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub path: String,
    pub body: Value,
    pub status: u16,
}

struct ResultState {
    dataset: String,
    query: Value,
    polls_left: u32,
    disable_series: bool,
}

struct Inner {
    options: Mutex<Options>,
    now: i64,
    datasets: BTreeMap<String, Vec<Map<String, Value>>>,
    queries: Mutex<HashMap<String, (String, Value)>>,
    results: Mutex<HashMap<String, ResultState>>,
    creations: Mutex<Vec<Instant>>,
    calls: Mutex<Vec<Call>>,
    counter: Mutex<u64>,
    /// Markers created, by dataset (`__all__` for the environment's).
    markers: Mutex<BTreeMap<String, Vec<Value>>>,
}

#[derive(Clone)]
pub struct FakeHoneycomb {
    inner: Arc<Inner>,
}

/// Twelve spans of the Flask app in the last two hours, `now` in epoch seconds: known
/// inputs, so every aggregate has a known answer.
pub fn cruddur_events(now: i64) -> Vec<Map<String, Value>> {
    let rows: [(&str, i64, f64, &str, i64); 12] = [
        ("/api/activities/:uuid", 200, 100.0, "alice", 95),
        ("/api/activities/:uuid", 200, 200.0, "bob", 85),
        ("/api/activities/:uuid", 500, 300.0, "alice", 65),
        ("/api/activities/:uuid", 500, 2000.0, "carol", 25),
        ("/api/activities", 200, 50.0, "alice", 90),
        ("/api/activities", 201, 60.0, "bob", 60),
        ("/api/activities", 200, 70.0, "bob", 30),
        ("/api/health-check", 200, 1.0, "probe", 110),
        ("/api/health-check", 200, 2.0, "probe", 80),
        ("/api/health-check", 200, 3.0, "probe", 50),
        ("/api/health-check", 200, 4.0, "probe", 20),
        ("/api/health-check", 200, 5.0, "probe", 5),
    ];
    rows.iter()
        .map(|(route, status, ms, user, minutes_ago)| {
            let mut e = Map::new();
            e.insert("timestamp".into(), json!(now - minutes_ago * 60));
            e.insert("service.name".into(), json!("backend-flask"));
            e.insert("http.route".into(), json!(route));
            e.insert("http.status_code".into(), json!(status));
            e.insert("duration_ms".into(), json!(ms));
            e.insert("user.id".into(), json!(user));
            if *status >= 500 {
                e.insert("error".into(), json!(true));
            }
            e
        })
        .collect()
}

impl FakeHoneycomb {
    pub fn new(options: Options) -> Self {
        Self::with_dataset(options, "cruddur-staging", Vec::new())
    }

    /// The fake with one more dataset (`name`) holding `events`.
    pub fn with_dataset(options: Options, name: &str, events: Vec<Map<String, Value>>) -> Self {
        let now = jiff::Timestamp::now().as_second();
        let mut datasets = BTreeMap::new();
        datasets.insert("cruddur".to_string(), cruddur_events(now));
        datasets.insert("cruddur-staging".to_string(), Vec::new());
        datasets.insert(name.to_string(), events);
        FakeHoneycomb {
            inner: Arc::new(Inner {
                options: Mutex::new(options),
                now,
                datasets,
                queries: Mutex::new(HashMap::new()),
                results: Mutex::new(HashMap::new()),
                creations: Mutex::new(Vec::new()),
                calls: Mutex::new(Vec::new()),
                counter: Mutex::new(0),
                markers: Mutex::new(BTreeMap::new()),
            }),
        }
    }

    /// A marker someone else made (by hand in the UI, from another machine).
    pub fn add_marker(&self, dataset: &str, marker: Value) {
        let mut markers = self.inner.markers.lock().unwrap();
        markers.entry(dataset.to_string()).or_default().push(marker);
    }

    pub fn calls(&self) -> Vec<Call> {
        self.inner.calls.lock().unwrap().clone()
    }

    pub fn router(&self) -> Router {
        Router::new()
            .route("/1/auth", get(auth))
            .route("/1/datasets", get(datasets))
            .route("/1/columns/{dataset}", get(columns))
            .route("/1/queries/{dataset}", post(create_query))
            .route("/1/query_results/{dataset}", post(create_result))
            .route("/1/query_results/{dataset}/{id}", get(get_result))
            .route(
                "/1/markers/{dataset}",
                post(create_marker).get(list_markers),
            )
            .fallback(|| async {
                (
                    StatusCode::NOT_FOUND,
                    axum::Json(json!({"error": "not found"})),
                )
            })
            .with_state(self.clone())
    }

    fn next_id(&self, prefix: &str) -> String {
        let mut n = self.inner.counter.lock().unwrap();
        *n += 1;
        format!("{prefix}{:09}", *n)
    }

    fn record(&self, method: &Method, uri: &Uri, body: &Value, response: Response) -> Response {
        self.inner.calls.lock().unwrap().push(Call {
            method: method.to_string(),
            path: uri.path().to_string(),
            body: body.clone(),
            status: response.status().as_u16(),
        });
        response
    }

    /// The key check every endpoint makes: 401 in the configured shape for a missing or
    /// unknown key.
    fn authorize(&self, headers: &HeaderMap) -> Result<&'static str, Response> {
        match headers
            .get("x-honeycomb-team")
            .and_then(|v| v.to_str().ok())
        {
            Some(KEY) => Ok(KEY),
            Some(KEY_NO_QUERIES) => Ok(KEY_NO_QUERIES),
            _ => Err(self.error(
                StatusCode::UNAUTHORIZED,
                "unknown API key - check your credentials",
            )),
        }
    }

    fn error(&self, status: StatusCode, message: &str) -> Response {
        if self.inner.options.lock().unwrap().jsonapi_errors {
            let body = json!({"errors": [{"id": "0af1", "status": status.as_u16().to_string(),
                                           "code": "unauthorized", "title": message, "detail": message}]});
            return (
                status,
                [("content-type", "application/vnd.api+json")],
                body.to_string(),
            )
                .into_response();
        }
        (status, axum::Json(json!({ "error": message }))).into_response()
    }

    fn dataset(&self, name: &str) -> Result<&Vec<Map<String, Value>>, Response> {
        self.inner
            .datasets
            .get(name)
            .ok_or_else(|| self.error(StatusCode::NOT_FOUND, "dataset not found"))
    }
}

fn problem(
    status: StatusCode,
    kind: &str,
    title: &str,
    detail: &str,
    type_detail: Vec<Value>,
) -> Response {
    let mut body = json!({
        "status": status.as_u16(),
        "type": format!("https://api.honeycomb.io/problems/{kind}"),
        "title": title,
        "error": title,
    });
    if !detail.is_empty() {
        body["detail"] = json!(detail);
    }
    if !type_detail.is_empty() {
        body["type_detail"] = Value::Array(type_detail);
    }
    (
        status,
        [("content-type", "application/problem+json")],
        body.to_string(),
    )
        .into_response()
}

fn validation_failed(problems: Vec<String>) -> Response {
    let details = problems
        .iter()
        .map(|p| {
            let (field, description) = p.split_once(": ").unwrap_or(("", p));
            json!({"field": field, "code": "invalid", "description": description})
        })
        .collect();
    // Like the documented example: the fields are in type_detail, there is no detail.
    problem(
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation-failed",
        "The provided input is invalid.",
        "",
        details,
    )
}

fn parse_json(body: &str) -> Result<Value, Response> {
    serde_json::from_str(body).map_err(|e| {
        problem(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "The provided request body was invalid.",
            &e.to_string(),
            vec![],
        )
    })
}

fn column_type(value: &Value) -> &'static str {
    match value {
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "float",
        _ => "string",
    }
}

async fn auth(
    State(fake): State<FakeHoneycomb>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let response = match fake.authorize(&headers) {
        Err(r) => r,
        Ok(_) => axum::Json(json!({
            "id": "FL_xMM5LapLC",
            "type": "configuration",
            "api_key_access": {"events": true, "markers": true, "triggers": false, "boards": false,
                               "queries": true, "columns": true, "createDatasets": false, "slos": false,
                               "recipients": false, "privateBoards": false},
            "environment": {"name": "Production", "slug": "production"},
            "team": {"name": "Cruddur", "slug": "cruddur"},
        }))
        .into_response(),
    };
    fake.record(&method, &uri, &Value::Null, response)
}

async fn datasets(
    State(fake): State<FakeHoneycomb>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let response = match fake.authorize(&headers) {
        Err(r) => r,
        Ok(_) => {
            let list: Vec<Value> = fake
                .inner
                .datasets
                .iter()
                .map(|(name, events)| {
                    let columns: std::collections::BTreeSet<&String> = events.iter().flat_map(|e| e.keys()).collect();
                    json!({
                        "name": name, "slug": name, "description": "",
                        "settings": {"delete_protected": false}, "expand_json_depth": 0,
                        "regular_columns_count": if events.is_empty() { Value::Null } else { json!(columns.len()) },
                        "last_written_at": if events.is_empty() { Value::Null } else { json!("2026-11-24T10:00:00Z") },
                        "created_at": "2026-01-05T09:00:00Z",
                    })
                })
                .collect();
            axum::Json(Value::Array(list)).into_response()
        }
    };
    fake.record(&method, &uri, &Value::Null, response)
}

async fn columns(
    State(fake): State<FakeHoneycomb>,
    Path(dataset): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let response = (|| {
        fake.authorize(&headers)?;
        let events = fake.dataset(&dataset)?;
        let mut types: BTreeMap<&String, &'static str> = BTreeMap::new();
        for e in events {
            for (k, v) in e {
                types.entry(k).or_insert(column_type(v));
            }
        }
        let list: Vec<Value> = types
            .iter()
            .map(|(k, t)| json!({"id": format!("c_{k}"), "key_name": k, "type": t, "description": "", "hidden": false,
                                 "last_written": "2026-11-24T10:00:00Z", "created_at": "2026-01-05T09:00:00Z", "updated_at": "2026-01-05T09:00:00Z"}))
            .collect();
        Ok(axum::Json(Value::Array(list)).into_response())
    })()
    .unwrap_or_else(|r: Response| r);
    fake.record(&method, &uri, &Value::Null, response)
}

/// What the API refuses beyond the schema: the time triple, the 7-day limit, the row limit,
/// and orders/havings naming nothing in the query.
fn semantic_problems(spec: &Value, now: i64) -> Vec<String> {
    let mut problems = Vec::new();
    let has = |k: &str| spec.get(k).is_some_and(|v| !v.is_null());
    if has("start_time") && has("end_time") && has("time_range") {
        problems.push("time_range: cannot be given with both start_time and end_time".into());
    }
    let range = spec["time_range"].as_i64().unwrap_or(7200);
    let start = spec["start_time"].as_i64().unwrap_or(now - range);
    if start < now - 7 * 86_400 {
        problems.push("start_time: queries may only cover the last 7 days".into());
    }
    if spec["limit"].as_i64().is_some_and(|l| l > 1000) {
        problems.push("limit: must be at most 1000".into());
    }
    let calcs: Vec<(String, Value)> = spec["calculations"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|c| {
                    (
                        c["op"].as_str().unwrap_or("").to_string(),
                        c["column"].clone(),
                    )
                })
                .collect()
        })
        .unwrap_or_else(|| vec![("COUNT".into(), Value::Null)]);
    let breakdowns: Vec<&str> = spec["breakdowns"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for (i, o) in spec["orders"].as_array().into_iter().flatten().enumerate() {
        let ok = match o["op"].as_str() {
            Some("HEATMAP") => false,
            Some(op) => calcs.iter().any(|(c, col)| c == op && *col == o["column"]),
            None => o["column"]
                .as_str()
                .is_some_and(|c| breakdowns.contains(&c)),
        };
        if !ok {
            problems.push(format!(
                "orders[{i}]: must refer to a calculation or a breakdown"
            ));
        }
    }
    for (i, h) in spec["havings"].as_array().into_iter().flatten().enumerate() {
        let op = h["calculate_op"].as_str().unwrap_or("");
        if op == "HEATMAP" || !calcs.iter().any(|(c, col)| c == op && *col == h["column"]) {
            problems.push(format!("havings[{i}]: must refer to a calculation"));
        }
    }
    problems
}

async fn create_query(
    State(fake): State<FakeHoneycomb>,
    Path(dataset): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: String,
) -> Response {
    let parsed = serde_json::from_str(&body).unwrap_or(Value::Null);
    let response = (|| {
        fake.authorize(&headers)?;
        let spec = parse_json(&body)?;
        fake.dataset(&dataset)?;
        let mut problems = schema_problems("Query", &spec);
        problems.extend(semantic_problems(&spec, fake.inner.now));
        if !problems.is_empty() {
            return Err(validation_failed(problems));
        }
        let id = fake.next_id("q");
        fake.inner
            .queries
            .lock()
            .unwrap()
            .insert(id.clone(), (dataset.clone(), spec.clone()));
        let mut out = spec;
        out["id"] = json!(id);
        Ok(axum::Json(out).into_response())
    })()
    .unwrap_or_else(|r: Response| r);
    fake.record(&method, &uri, &parsed, response)
}

async fn create_result(
    State(fake): State<FakeHoneycomb>,
    Path(dataset): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: String,
) -> Response {
    let parsed = serde_json::from_str(&body).unwrap_or(Value::Null);
    let response = (|| {
        let key = fake.authorize(&headers)?;
        if key == KEY_NO_QUERIES {
            return Err((
                StatusCode::FORBIDDEN,
                axum::Json(json!({"error": "Query Data API access requires an Enterprise plan"})),
            )
                .into_response());
        }
        let request = parse_json(&body)?;
        let problems = schema_problems("CreateQueryResultRequest", &request);
        if !problems.is_empty() {
            return Err(validation_failed(problems));
        }
        fake.dataset(&dataset)?;
        let options = fake.inner.options.lock().unwrap().clone();
        {
            let mut creations = fake.inner.creations.lock().unwrap();
            creations.retain(|t| t.elapsed() < options.rate_window);
            if creations.len() >= options.results_per_window {
                let reset = options
                    .rate_window
                    .saturating_sub(creations[0].elapsed())
                    .as_secs()
                    + 1;
                let mut r = problem(
                    StatusCode::TOO_MANY_REQUESTS,
                    "rate-limited",
                    "You have exceeded your rate limit.",
                    &format!(
                        "This endpoint allows {} requests per minute.",
                        options.results_per_window
                    ),
                    vec![],
                );
                r.headers_mut().insert(
                    "ratelimit",
                    format!(
                        "limit={}, remaining=0, reset={reset}",
                        options.results_per_window
                    )
                    .parse()
                    .unwrap(),
                );
                return Err(r);
            }
            if options.fail_result_creations > 0 {
                fake.inner.options.lock().unwrap().fail_result_creations -= 1;
                return Err(problem(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Something went wrong.",
                    "try again",
                    vec![],
                ));
            }
            creations.push(Instant::now());
        }
        let query_id = request["query_id"].as_str().unwrap_or_default();
        let Some((query_dataset, query)) =
            fake.inner.queries.lock().unwrap().get(query_id).cloned()
        else {
            return Err(fake.error(StatusCode::NOT_FOUND, "query not found"));
        };
        if query_dataset != dataset {
            return Err(fake.error(StatusCode::NOT_FOUND, "query not found"));
        }
        let id = fake.next_id("r");
        fake.inner.results.lock().unwrap().insert(
            id.clone(),
            ResultState {
                dataset: dataset.clone(),
                query: query.clone(),
                polls_left: options.polls_to_complete,
                disable_series: request["disable_series"].as_bool().unwrap_or(false),
            },
        );
        Ok((
            StatusCode::CREATED,
            [("location", format!("/1/query_results/{dataset}/{id}"))],
            axum::Json(
                json!({"id": id, "complete": false, "query": query, "links": links(&dataset, &id)}),
            ),
        )
            .into_response())
    })()
    .unwrap_or_else(|r: Response| r);
    fake.record(&method, &uri, &parsed, response)
}

fn links(dataset: &str, id: &str) -> Value {
    let url = format!(
        "https://ui.honeycomb.io/cruddur/environments/production/datasets/{dataset}/result/{id}"
    );
    json!({"query_url": url, "graph_image_url": format!("{url}/snapshot")})
}

async fn get_result(
    State(fake): State<FakeHoneycomb>,
    Path((dataset, id)): Path<(String, String)>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let response = (|| {
        let key = fake.authorize(&headers)?;
        if key == KEY_NO_QUERIES {
            return Err((StatusCode::FORBIDDEN, axum::Json(json!({"error": "Query Data API access requires an Enterprise plan"}))).into_response());
        }
        let mut results = fake.inner.results.lock().unwrap();
        let Some(state) = results.get_mut(&id).filter(|s| s.dataset == dataset) else {
            return Err(fake.error(StatusCode::NOT_FOUND, "query result not found"));
        };
        if state.polls_left > 0 {
            state.polls_left -= 1;
            return Ok(axum::Json(json!({"id": id, "complete": false, "query": state.query, "links": links(&dataset, &id)})).into_response());
        }
        let events = fake.dataset(&dataset)?;
        let data = run_query(&state.query, events, fake.inner.now, state.disable_series);
        Ok(axum::Json(json!({"id": id, "complete": true, "query": state.query, "data": data, "links": links(&dataset, &id)})).into_response())
    })()
    .unwrap_or_else(|r: Response| r);
    fake.record(&method, &uri, &Value::Null, response)
}

async fn create_marker(
    State(fake): State<FakeHoneycomb>,
    Path(dataset): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: String,
) -> Response {
    let parsed = serde_json::from_str(&body).unwrap_or(Value::Null);
    let response = (|| {
        fake.authorize(&headers)?;
        let marker = parse_json(&body)?;
        if dataset != "__all__" {
            fake.dataset(&dataset)?;
        }
        let problems = schema_problems("Marker", &marker);
        if !problems.is_empty() {
            return Err(validation_failed(problems));
        }
        let mut out = marker;
        let mut markers = fake.inner.markers.lock().unwrap();
        let stored = markers.entry(dataset.clone()).or_default();
        // Six hex digits, as Honeycomb's marker ids are.
        out["id"] = json!(format!("{:06x}", 0x2f8a1c + stored.len()));
        out["created_at"] = json!("2026-11-24T10:00:00Z");
        out["updated_at"] = json!("2026-11-24T10:00:00Z");
        stored.push(out.clone());
        Ok((StatusCode::CREATED, axum::Json(out)).into_response())
    })()
    .unwrap_or_else(|r: Response| r);
    fake.record(&method, &uri, &parsed, response)
}

/// `GET /1/markers/{datasetSlug}`: every marker of the dataset (an array of Marker).
async fn list_markers(
    State(fake): State<FakeHoneycomb>,
    Path(dataset): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let response = (|| {
        fake.authorize(&headers)?;
        if dataset != "__all__" {
            fake.dataset(&dataset)?;
        }
        let markers = fake.inner.markers.lock().unwrap();
        let list = markers.get(&dataset).cloned().unwrap_or_default();
        Ok(axum::Json(Value::Array(list)).into_response())
    })()
    .unwrap_or_else(|r: Response| r);
    fake.record(&method, &uri, &Value::Null, response)
}

// ---- the query engine ----------------------------------------------------------------------

/// One span event: column name -> typed value.
type Event = Map<String, Value>;

fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

/// Typed comparison: numbers with numbers, strings with strings, booleans with booleans.
/// A string "500" never equals the number 500 — which is why typed filter values matter.
fn compare(field: Option<&Value>, op: &str, value: &Value) -> bool {
    let Some(field) = field else {
        return op == "does-not-exist" || op == "!=";
    };
    match op {
        "exists" => true,
        "does-not-exist" => false,
        "in" => value
            .as_array()
            .is_some_and(|a| a.iter().any(|v| equal(field, v))),
        "not-in" => value
            .as_array()
            .is_some_and(|a| !a.iter().any(|v| equal(field, v))),
        "=" => equal(field, value),
        "!=" => !equal(field, value),
        ">" | ">=" | "<" | "<=" => {
            let ordering = match (field, value) {
                (Value::Number(_), Value::Number(_)) => num(field)
                    .zip(num(value))
                    .and_then(|(a, b)| a.partial_cmp(&b)),
                (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
                _ => None,
            };
            ordering.is_some_and(|o| match op {
                ">" => o.is_gt(),
                ">=" => o.is_ge(),
                "<" => o.is_lt(),
                _ => o.is_le(),
            })
        }
        _ => {
            let (Value::String(a), Value::String(b)) = (field, value) else {
                return false;
            };
            match op {
                "contains" => a.contains(b.as_str()),
                "does-not-contain" => !a.contains(b.as_str()),
                "starts-with" => a.starts_with(b.as_str()),
                "does-not-start-with" => !a.starts_with(b.as_str()),
                "ends-with" => a.ends_with(b.as_str()),
                "does-not-end-with" => !a.ends_with(b.as_str()),
                _ => false,
            }
        }
    }
}

fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(_), Value::Number(_)) => num(a) == num(b),
        _ => a == b,
    }
}

fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

fn calculate(op: &str, column: Option<&str>, events: &[&Map<String, Value>]) -> Value {
    let values: Vec<&Value> = column
        .map(|c| events.iter().filter_map(|e| e.get(c)).collect())
        .unwrap_or_default();
    let mut numbers: Vec<f64> = values.iter().filter_map(|v| v.as_f64()).collect();
    numbers.sort_by(f64::total_cmp);
    let p = |q: f64| percentile(&numbers, q).map_or(Value::Null, |v| json!(v));
    match op {
        "COUNT" => json!(events.len()),
        "SUM" => json!(numbers.iter().sum::<f64>()),
        "AVG" if !numbers.is_empty() => json!(numbers.iter().sum::<f64>() / numbers.len() as f64),
        "MIN" => numbers.first().map_or(Value::Null, |v| json!(v)),
        "MAX" => numbers.last().map_or(Value::Null, |v| json!(v)),
        "COUNT_DISTINCT" => {
            let mut seen: Vec<String> = values.iter().map(|v| v.to_string()).collect();
            seen.sort();
            seen.dedup();
            json!(seen.len())
        }
        "P001" => p(0.1),
        "P01" => p(1.0),
        "P05" => p(5.0),
        "P10" => p(10.0),
        "P20" => p(20.0),
        "P25" => p(25.0),
        "P50" => p(50.0),
        "P75" => p(75.0),
        "P80" => p(80.0),
        "P90" => p(90.0),
        "P95" => p(95.0),
        "P99" => p(99.0),
        "P999" => p(99.9),
        _ => Value::Null,
    }
}

fn key(op: &str, column: Option<&str>) -> String {
    match column {
        Some(c) => format!("{op}({c})"),
        None => op.to_string(),
    }
}

/// Runs a spec over events: filter, group, calculate, having, order, limit; and the series.
pub fn run_query(
    spec: &Value,
    events: &[Map<String, Value>],
    now: i64,
    disable_series: bool,
) -> Value {
    let range = spec["time_range"].as_i64().unwrap_or(7200);
    let (start, end) = match (spec["start_time"].as_i64(), spec["end_time"].as_i64()) {
        (Some(s), Some(e)) => (s, e),
        (Some(s), None) => (s, s + range),
        (None, Some(e)) => (e - range, e),
        (None, None) => (now - range, now),
    };
    let any = spec["filter_combination"].as_str() == Some("OR");
    let filters: Vec<&Value> = spec["filters"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let matching: Vec<&Map<String, Value>> = events
        .iter()
        .filter(|e| {
            let t = e["timestamp"].as_i64().unwrap_or(0);
            t >= start && t < end
        })
        .filter(|e| {
            let hit = |f: &&Value| {
                compare(
                    e.get(f["column"].as_str().unwrap_or("")),
                    f["op"].as_str().unwrap_or(""),
                    &f["value"],
                )
            };
            filters.is_empty()
                || if any {
                    filters.iter().any(hit)
                } else {
                    filters.iter().all(hit)
                }
        })
        .collect();
    let calcs: Vec<(String, Option<String>)> = spec["calculations"]
        .as_array()
        .filter(|a| !a.is_empty())
        .map(|a| {
            a.iter()
                .map(|c| {
                    (
                        c["op"].as_str().unwrap_or("COUNT").to_string(),
                        c["column"].as_str().map(str::to_string),
                    )
                })
                .collect()
        })
        .unwrap_or_else(|| vec![("COUNT".into(), None)]);
    let breakdowns: Vec<String> = spec["breakdowns"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|b| b.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let group_of = |e: &Map<String, Value>| -> Vec<Value> {
        breakdowns
            .iter()
            .map(|b| e.get(b).cloned().unwrap_or(Value::Null))
            .collect()
    };
    let row = |group: &[Value], members: &[&Map<String, Value>]| -> Map<String, Value> {
        let mut data = Map::new();
        for (b, v) in breakdowns.iter().zip(group) {
            data.insert(b.clone(), v.clone());
        }
        for (op, column) in &calcs {
            if op != "HEATMAP" {
                data.insert(
                    key(op, column.as_deref()),
                    calculate(op, column.as_deref(), members),
                );
            }
        }
        data
    };
    let mut groups: Vec<(Vec<Value>, Vec<&Event>)> = Vec::new();
    for e in &matching {
        let g = group_of(e);
        match groups.iter_mut().find(|(k, _)| *k == g) {
            Some((_, members)) => members.push(e),
            None => groups.push((g, vec![e])),
        }
    }
    let mut rows: Vec<Map<String, Value>> = groups.iter().map(|(g, m)| row(g, m)).collect();
    for h in spec["havings"].as_array().into_iter().flatten() {
        let k = key(
            h["calculate_op"].as_str().unwrap_or(""),
            h["column"].as_str(),
        );
        let want = h["value"].as_f64().unwrap_or(0.0);
        let op = h["op"].as_str().unwrap_or("=").to_string();
        rows.retain(|r| compare(r.get(&k), &op, &json!(want)));
    }
    let default_order =
        vec![json!({"op": calcs[0].0, "column": calcs[0].1, "order": "descending"})];
    let orders = spec["orders"].as_array().cloned().unwrap_or(default_order);
    rows.sort_by(|a, b| {
        for o in &orders {
            let k = match o["op"].as_str() {
                Some(op) => key(op, o["column"].as_str()),
                None => o["column"].as_str().unwrap_or("").to_string(),
            };
            let ord = match (a.get(&k), b.get(&k)) {
                (Some(x @ Value::Number(_)), Some(y @ Value::Number(_))) => num(x)
                    .partial_cmp(&num(y))
                    .unwrap_or(std::cmp::Ordering::Equal),
                (Some(x), Some(y)) => x.to_string().cmp(&y.to_string()),
                _ => std::cmp::Ordering::Equal,
            };
            let ord = if o["order"].as_str() == Some("descending") {
                ord.reverse()
            } else {
                ord
            };
            if ord.is_ne() {
                return ord;
            }
        }
        std::cmp::Ordering::Equal
    });
    rows.truncate(spec["limit"].as_u64().unwrap_or(100) as usize);
    let results: Vec<Value> = rows.iter().map(|r| json!({"data": r})).collect();
    let mut series = Vec::new();
    if !disable_series {
        let step = spec["granularity"]
            .as_i64()
            .unwrap_or(((end - start) / 60).max(1));
        let mut t = start - start.rem_euclid(step);
        while t < end {
            let in_bucket: Vec<&Map<String, Value>> = matching
                .iter()
                .copied()
                .filter(|e| {
                    let ts = e["timestamp"].as_i64().unwrap_or(0);
                    ts >= t && ts < t + step
                })
                .collect();
            let time = jiff::Timestamp::from_second(t).unwrap().to_string();
            if breakdowns.is_empty() {
                series.push(json!({"time": time, "data": row(&[], &in_bucket)}));
            } else {
                for (g, _) in &groups {
                    let members: Vec<&Map<String, Value>> = in_bucket
                        .iter()
                        .copied()
                        .filter(|e| group_of(e) == *g)
                        .collect();
                    series.push(json!({"time": time, "data": row(g, &members)}));
                }
            }
            t += step;
        }
    }
    json!({"results": results, "series": series})
}
