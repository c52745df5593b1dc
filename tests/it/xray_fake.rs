//! An in-process X-Ray endpoint for what moto cannot do (apis.md: its GetTraceSummaries is
//! unreadable by aws-sdk-xray, ignores filters and never pages). It follows the X-Ray API
//! reference (restJson1): `POST /TraceSummaries`, `POST /ServiceGraph`, `POST /Traces`,
//! errors as `x-amzn-ErrorType` + `{"Message"}`. Summaries and the service graph are
//! computed from stored segment documents; NextToken pages are bound to their query; filter
//! expressions are parsed for the keywords tracectl emits (and a few more); every Nth call
//! can be throttled (`ThrottledException`, 429) and every call delayed.
//!
//! Shared by the integration tests and `examples/fake_xray.rs` (the benchmark's server), so
//! it depends on nothing else in the test tree.

// A test fake: a large Err(Response) is simpler than boxing every early answer.
#![allow(dead_code, clippy::result_large_err)]

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use rand::rngs::StdRng;
use rand::{Rng, RngCore, SeedableRng};
use serde_json::{Value, json};

/// Logs Insights over `aws/spans`, answered by the same server (one `--endpoint-url`).
#[path = "insights_fake.rs"]
pub mod insights;

/// How the fake behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// Summaries per GetTraceSummaries page.
    pub page_size: usize,
    /// Services per GetServiceGraph page.
    pub service_page_size: usize,
    /// Added to every call.
    pub latency: Duration,
    /// Break every Nth call, in turn with `ThrottledException` (429), a 503, and a
    /// connection dropped mid-body.
    pub fault_every: Option<u64>,
    /// Trace ids BatchGetTraces lists in `UnprocessedTraceIds` instead of returning.
    pub unprocessed: Vec<String>,
    /// ListRetrievedTraces answers RUNNING this many times before COMPLETE.
    pub retrieval_polls: u32,
    /// Traces per ListRetrievedTraces page.
    pub retrieval_page: usize,
    /// GetQueryResults answers Running this many times before Complete.
    pub insights_polls: u32,
    /// How an Insights query ends: "Complete", or "Failed", "Cancelled", "Timeout".
    pub insights_end: &'static str,
    /// Operations answered with AccessDeniedException (an identity without the permission):
    /// the Logs Insights ones and GetRetrievedTracesGraph.
    pub denied: Vec<&'static str>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            page_size: 100,
            service_page_size: 100,
            latency: Duration::ZERO,
            fault_every: None,
            unprocessed: Vec::new(),
            retrieval_polls: 2,
            retrieval_page: 1,
            insights_polls: 1,
            insights_end: "Complete",
            denied: Vec::new(),
        }
    }
}

/// One request the fake answered.
#[derive(Debug, Clone)]
pub struct Call {
    pub operation: &'static str,
    pub body: Value,
    pub status: u16,
}

struct StoredTrace {
    id: String,
    documents: Vec<Value>,
    summary: Summary,
}

struct Inner {
    options: Options,
    traces: Mutex<Vec<StoredTrace>>,
    calls: Mutex<Vec<Call>>,
    counter: AtomicU64,
    /// Where segments go: "XRay", or "CloudWatchLogs" once Transaction Search is on.
    destination: Mutex<&'static str>,
    /// The `aws/spans` documents of traces, by X-Ray trace id (Transaction Search).
    spans: Mutex<Vec<(String, Vec<Value>)>>,
    /// Retrievals started: token -> (trace ids, RUNNING answers left).
    retrievals: Mutex<std::collections::HashMap<String, (Vec<String>, u32)>>,
    /// Insights queries started: id -> (rows, Running answers left).
    queries: Mutex<std::collections::HashMap<String, (Vec<insights::Row>, u32)>>,
}

#[derive(Clone)]
pub struct FakeXray {
    inner: Arc<Inner>,
}

impl FakeXray {
    pub fn new(options: Options) -> Self {
        FakeXray {
            inner: Arc::new(Inner {
                options,
                traces: Mutex::new(Vec::new()),
                calls: Mutex::new(Vec::new()),
                counter: AtomicU64::new(0),
                destination: Mutex::new("XRay"),
                spans: Mutex::new(Vec::new()),
                retrievals: Mutex::new(std::collections::HashMap::new()),
                queries: Mutex::new(std::collections::HashMap::new()),
            }),
        }
    }

    /// Turns Transaction Search on: segments go to CloudWatch Logs (`aws/spans`).
    pub fn transaction_search(&self) {
        *self.inner.destination.lock().unwrap() = "CloudWatchLogs";
    }

    /// Stores a trace's span documents as `aws/spans` holds them (retrievable, not indexed).
    pub fn add_spans(&self, xray_trace_id: &str, documents: Vec<Value>) {
        self.inner
            .spans
            .lock()
            .unwrap()
            .push((xray_trace_id.to_string(), documents));
    }

    /// Stores one trace: its segment documents, the root (no `parent_id`) first.
    pub fn add_trace(&self, documents: Vec<Value>) {
        let id = documents[0]["trace_id"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let summary = summarize(&id, &documents);
        self.inner.traces.lock().unwrap().push(StoredTrace {
            id,
            documents,
            summary,
        });
    }

    pub fn calls(&self) -> Vec<Call> {
        self.inner.calls.lock().unwrap().clone()
    }

    pub fn router(&self) -> Router {
        Router::new()
            .route("/TraceSummaries", post(trace_summaries))
            .route("/ServiceGraph", post(service_graph))
            .route("/Traces", post(batch_get_traces))
            .route("/GetSamplingRules", post(sampling_rules))
            .route("/SamplingTargets", post(sampling_targets))
            .route("/GetTraceSegmentDestination", post(segment_destination))
            .route("/GetIndexingRules", post(indexing_rules))
            .route("/StartTraceRetrieval", post(start_retrieval))
            .route("/ListRetrievedTraces", post(list_retrieved))
            .route("/GetRetrievedTracesGraph", post(retrieved_graph))
            // CloudWatch Logs (awsJson1.1: the operation in X-Amz-Target).
            .route("/", post(logs_api))
            .with_state(self.clone())
    }
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        [
            ("x-amzn-ErrorType", code),
            ("content-type", "application/json"),
        ],
        json!({ "Message": message }).to_string(),
    )
        .into_response()
}

fn invalid(message: &str) -> Response {
    error(StatusCode::BAD_REQUEST, "InvalidRequestException", message)
}

/// What every operation does first: wait, check the signature is there, maybe throttle.
async fn admit(fake: &FakeXray, headers: &HeaderMap) -> Option<Response> {
    let options = &fake.inner.options;
    if !options.latency.is_zero() {
        tokio::time::sleep(options.latency).await;
    }
    let signed = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("AWS4-HMAC-SHA256 Credential="));
    if !signed {
        return Some(error(
            StatusCode::FORBIDDEN,
            "MissingAuthenticationTokenException",
            "Missing Authentication Token",
        ));
    }
    let n = fake.inner.counter.fetch_add(1, Ordering::SeqCst) + 1;
    let every = options.fault_every?;
    if !n.is_multiple_of(every) {
        return None;
    }
    Some(match (n / every) % 3 {
        1 => error(
            StatusCode::TOO_MANY_REQUESTS,
            "ThrottledException",
            "Rate exceeded",
        ),
        2 => error(
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailable",
            "try again",
        ),
        _ => {
            // Headers, then the connection breaks mid-body.
            let broken = futures::stream::once(async {
                Err::<axum::body::Bytes, std::io::Error>(std::io::Error::other("dropped"))
            });
            Response::builder()
                .status(200)
                .header("content-length", "1000")
                .body(axum::body::Body::from_stream(broken))
                .unwrap()
        }
    })
}

fn record(fake: &FakeXray, operation: &'static str, body: &Value, response: Response) -> Response {
    fake.inner.calls.lock().unwrap().push(Call {
        operation,
        body: body.clone(),
        status: response.status().as_u16(),
    });
    response
}

/// What every JSON handler does first: the body parsed (a broken one answered at once),
/// then the call admitted; an early answer is recorded under `operation`.
async fn accept(
    fake: &FakeXray,
    headers: &HeaderMap,
    body: &str,
    operation: &'static str,
) -> Result<Value, Response> {
    let parsed = parse_body(body)?;
    match admit(fake, headers).await {
        Some(r) => Err(record(fake, operation, &parsed, r)),
        None => Ok(parsed),
    }
}

fn parse_body(body: &str) -> Result<Value, Response> {
    serde_json::from_str::<Value>(body)
        .ok()
        .filter(Value::is_object)
        .ok_or_else(|| invalid("the request body is not a JSON object"))
}

fn window(body: &Value) -> Result<(f64, f64), Response> {
    let start = body["StartTime"].as_f64();
    let end = body["EndTime"].as_f64();
    match (start, end) {
        (Some(s), Some(e)) if e >= s => Ok((s, e)),
        (Some(_), Some(_)) => Err(invalid("EndTime must be after StartTime")),
        _ => Err(invalid("StartTime and EndTime are required epoch seconds")),
    }
}

/// A page token bound to the query it belongs to, so a token from another query (or a
/// made-up one) is refused, as the service does.
fn token(offset: usize, query: &str) -> String {
    format!("{offset}:{:x}", fingerprint(query))
}

fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf29ce484222325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

fn offset_of(body: &Value, query: &str) -> Result<usize, Response> {
    match body.get("NextToken").and_then(Value::as_str) {
        None => Ok(0),
        Some(t) => {
            let (offset, print) = t
                .split_once(':')
                .ok_or_else(|| invalid("invalid NextToken"))?;
            if print != format!("{:x}", fingerprint(query)) {
                return Err(invalid("NextToken does not belong to this query"));
            }
            offset.parse().map_err(|_| invalid("invalid NextToken"))
        }
    }
}

async fn trace_summaries(
    State(fake): State<FakeXray>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let parsed = match accept(&fake, &headers, &body, "GetTraceSummaries").await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let response = (|| {
        let (start, end) = window(&parsed)?;
        if let Some(kind) = parsed.get("TimeRangeType")
            && !matches!(kind.as_str(), Some("TraceId" | "Event" | "Service"))
        {
            return Err(invalid("TimeRangeType must be TraceId, Event or Service"));
        }
        let filter = match parsed.get("FilterExpression").and_then(Value::as_str) {
            Some(text) => Some(parse_filter(text).map_err(|e| invalid(&e))?),
            None => None,
        };
        let query = format!("{start}|{end}|{}", parsed["FilterExpression"]);
        let offset = offset_of(&parsed, &query)?;
        let traces = fake.inner.traces.lock().unwrap();
        let in_window: Vec<&StoredTrace> = traces
            .iter()
            .filter(|t| t.summary.start >= start && t.summary.start <= end)
            .collect();
        let mut matching: Vec<&StoredTrace> = in_window
            .iter()
            .copied()
            .filter(|t| filter.as_ref().is_none_or(|f| f.matches(&t.summary)))
            .collect();
        // Newest first, as the service pages.
        matching.sort_by(|a, b| {
            b.summary
                .start
                .total_cmp(&a.summary.start)
                .then_with(|| a.id.cmp(&b.id))
        });
        let page_size = fake.inner.options.page_size;
        let page: Vec<Value> = matching
            .iter()
            .skip(offset)
            .take(page_size)
            .map(|t| t.summary.to_json())
            .collect();
        let mut out = json!({
            "TraceSummaries": page,
            "ApproximateTime": end,
            "TracesProcessedCount": in_window.len(),
        });
        if offset + page_size < matching.len() {
            out["NextToken"] = json!(token(offset + page_size, &query));
        }
        Ok(out)
    })();
    let response = match response {
        Ok(v) => (StatusCode::OK, axum::Json(v)).into_response(),
        Err(r) => r,
    };
    record(&fake, "GetTraceSummaries", &parsed, response)
}

/// The `TraceIds` of a request body (BatchGetTraces, StartTraceRetrieval).
fn trace_ids(body: &Value) -> Vec<String> {
    body["TraceIds"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

async fn batch_get_traces(
    State(fake): State<FakeXray>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let parsed = match accept(&fake, &headers, &body, "BatchGetTraces").await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let ids = trace_ids(&parsed);
    let response = if ids.is_empty() || ids.len() > 5 {
        invalid("TraceIds must hold 1 to 5 trace ids")
    } else {
        let traces = fake.inner.traces.lock().unwrap();
        let unprocessed = &fake.inner.options.unprocessed;
        let found: Vec<Value> = ids
            .iter()
            .filter(|id| !unprocessed.contains(id))
            .filter_map(|id| traces.iter().find(|t| &t.id == id))
            .map(|t| {
                json!({
                    "Id": t.id,
                    "Duration": t.summary.duration,
                    "LimitExceeded": false,
                    "Segments": t.documents.iter().map(|d| json!({
                        "Id": d["id"],
                        "Document": d.to_string(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        (
            StatusCode::OK,
            axum::Json(json!({
                "Traces": found,
                "UnprocessedTraceIds": ids.iter().filter(|id| unprocessed.contains(id)).collect::<Vec<_>>(),
            })),
        )
            .into_response()
    };
    record(&fake, "BatchGetTraces", &parsed, response)
}

#[derive(Default, Clone)]
struct NodeStats {
    kind: String,
    total: i64,
    ok: i64,
    errors: i64,
    throttles: i64,
    faults: i64,
    response_time: f64,
    edges: BTreeMap<String, NodeStats>,
}

impl NodeStats {
    fn add(&mut self, doc: &Value) {
        let time =
            doc["end_time"].as_f64().unwrap_or(0.0) - doc["start_time"].as_f64().unwrap_or(0.0);
        self.total += 1;
        self.response_time += time;
        let throttled = doc["throttle"].as_bool().unwrap_or(false);
        if doc["fault"].as_bool().unwrap_or(false) {
            self.faults += 1;
        } else if doc["error"].as_bool().unwrap_or(false) {
            self.errors += 1;
            self.throttles += i64::from(throttled);
        } else {
            self.ok += 1;
        }
    }

    fn statistics(&self) -> Value {
        json!({
            "OkCount": self.ok,
            "ErrorStatistics": {
                "ThrottleCount": self.throttles,
                "OtherCount": self.errors - self.throttles,
                "TotalCount": self.errors,
            },
            "FaultStatistics": { "OtherCount": self.faults, "TotalCount": self.faults },
            "TotalCount": self.total,
            "TotalResponseTime": self.response_time,
        })
    }
}

async fn service_graph(State(fake): State<FakeXray>, headers: HeaderMap, body: String) -> Response {
    let parsed = match accept(&fake, &headers, &body, "GetServiceGraph").await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let response = (|| {
        let (start, end) = window(&parsed)?;
        let query = format!("graph|{start}|{end}");
        let offset = offset_of(&parsed, &query)?;
        // Services are the segments; calls to other services are the subsegments with a
        // namespace (remote or aws); each such call is an edge and a node of its own.
        let mut nodes: BTreeMap<String, NodeStats> = BTreeMap::new();
        let traces = fake.inner.traces.lock().unwrap();
        for t in traces
            .iter()
            .filter(|t| t.summary.start >= start && t.summary.start <= end)
        {
            for doc in &t.documents {
                let name = doc["name"].as_str().unwrap_or("?").to_string();
                let node = nodes.entry(name.clone()).or_default();
                node.kind = doc["origin"]
                    .as_str()
                    .unwrap_or("AWS::EC2::Instance")
                    .to_string();
                node.add(doc);
                for sub in doc["subsegments"].as_array().into_iter().flatten() {
                    let Some(ns) = sub["namespace"].as_str() else {
                        continue;
                    };
                    let target = sub["name"].as_str().unwrap_or("?").to_string();
                    nodes
                        .get_mut(&name)
                        .unwrap()
                        .edges
                        .entry(target.clone())
                        .or_default()
                        .add(sub);
                    let downstream = nodes.entry(target).or_default();
                    downstream.kind = if ns == "aws" {
                        "AWS::Service".into()
                    } else {
                        "remote".into()
                    };
                    downstream.add(sub);
                }
            }
        }
        let ids: BTreeMap<&String, usize> = nodes.keys().enumerate().map(|(i, k)| (k, i)).collect();
        let services: Vec<Value> = nodes
            .iter()
            .map(|(name, n)| {
                json!({
                    "ReferenceId": ids[name],
                    "Name": name,
                    "Names": [name],
                    "Root": false,
                    "Type": n.kind,
                    "State": "active",
                    "StartTime": start,
                    "EndTime": end,
                    "SummaryStatistics": n.statistics(),
                    "Edges": n.edges.iter().map(|(to, e)| json!({
                        "ReferenceId": ids[to],
                        "StartTime": start,
                        "EndTime": end,
                        "SummaryStatistics": e.statistics(),
                        "Aliases": [],
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let page_size = fake.inner.options.service_page_size;
        let mut out = json!({
            "StartTime": start,
            "EndTime": end,
            "Services": services.iter().skip(offset).take(page_size).collect::<Vec<_>>(),
            "ContainsOldGroupVersions": false,
        });
        if offset + page_size < services.len() {
            out["NextToken"] = json!(token(offset + page_size, &query));
        }
        Ok(out)
    })();
    let response = match response {
        Ok(v) => (StatusCode::OK, axum::Json(v)).into_response(),
        Err(r) => r,
    };
    record(&fake, "GetServiceGraph", &parsed, response)
}

/// What GetTraceSummaries says of a trace, computed from its documents.
#[derive(Debug, Clone)]
pub struct Summary {
    id: String,
    start: f64,
    duration: f64,
    response_time: f64,
    method: Option<String>,
    url: Option<String>,
    status: Option<i64>,
    user_agent: Option<String>,
    has_error: bool,
    has_fault: bool,
    has_throttle: bool,
    services: Vec<String>,
    annotations: serde_json::Map<String, Value>,
}

fn walk<'a>(doc: &'a Value, out: &mut Vec<&'a Value>) {
    out.push(doc);
    for sub in doc["subsegments"].as_array().into_iter().flatten() {
        walk(sub, out);
    }
}

fn summarize(id: &str, documents: &[Value]) -> Summary {
    let root = &documents[0];
    let mut all = Vec::new();
    for d in documents {
        walk(d, &mut all);
    }
    let start = all
        .iter()
        .filter_map(|d| d["start_time"].as_f64())
        .fold(f64::MAX, f64::min);
    let end = all
        .iter()
        .filter_map(|d| d["end_time"].as_f64())
        .fold(f64::MIN, f64::max);
    let any = |key: &str| all.iter().any(|d| d[key].as_bool().unwrap_or(false));
    let root_start = root["start_time"].as_f64().unwrap_or(start);
    Summary {
        id: id.to_string(),
        start: root_start,
        duration: (end - start).max(0.0),
        response_time: root["end_time"].as_f64().unwrap_or(end) - root_start,
        method: root
            .pointer("/http/request/method")
            .and_then(Value::as_str)
            .map(str::to_string),
        url: root
            .pointer("/http/request/url")
            .and_then(Value::as_str)
            .map(str::to_string),
        status: root
            .pointer("/http/response/status")
            .and_then(Value::as_i64),
        user_agent: root
            .pointer("/http/request/user_agent")
            .and_then(Value::as_str)
            .map(str::to_string),
        has_error: any("error"),
        has_fault: any("fault"),
        has_throttle: any("throttle"),
        services: documents
            .iter()
            .filter_map(|d| d["name"].as_str().map(str::to_string))
            .collect(),
        annotations: root["annotations"].as_object().cloned().unwrap_or_default(),
    }
}

impl Summary {
    fn to_json(&self) -> Value {
        json!({
            "Id": self.id,
            "StartTime": self.start,
            "Duration": self.duration,
            "ResponseTime": self.response_time,
            "HasFault": self.has_fault,
            "HasError": self.has_error,
            "HasThrottle": self.has_throttle,
            "IsPartial": false,
            "Http": {
                "HttpURL": self.url,
                "HttpStatus": self.status,
                "HttpMethod": self.method,
                "UserAgent": self.user_agent,
                "ClientIp": "10.0.0.7",
            },
            "Annotations": self.annotations.iter().map(|(k, v)| (k.clone(), json!([{"AnnotationValue": {"StringValue": v}}]))).collect::<serde_json::Map<_, _>>(),
            "Users": [],
            "ServiceIds": self.services.iter().map(|s| json!({"Name": s, "Names": [s], "Type": "AWS::EC2::Instance"})).collect::<Vec<_>>(),
        })
    }
}

// ---- filter expressions ------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Str(String),
    Num(f64),
    Op(String),
    Open,
    Close,
}

fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push(Token::Open);
            i += 1;
        } else if c == ')' {
            out.push(Token::Close);
            i += 1;
        } else if c == '"' {
            let mut s = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => {
                        return Err(format!(
                            "Invalid filter expression: unterminated string in {text}"
                        ));
                    }
                    Some('\\') => {
                        s.push(
                            *chars
                                .get(i + 1)
                                .ok_or("Invalid filter expression: dangling escape")?,
                        );
                        i += 2;
                    }
                    Some('"') => {
                        i += 1;
                        break;
                    }
                    Some(c) => {
                        s.push(*c);
                        i += 1;
                    }
                }
            }
            out.push(Token::Str(s));
        } else if "=!<>".contains(c) {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            if ["!=", "<=", ">="].contains(&two.as_str()) {
                out.push(Token::Op(two));
                i += 2;
            } else if c == '!' {
                return Err("Invalid filter expression: unexpected !".into());
            } else {
                out.push(Token::Op(c.to_string()));
                i += 1;
            }
        } else if c.is_ascii_digit() || c == '-' || c == '.' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == '-')
            {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            out.push(Token::Num(s.parse().map_err(|_| {
                format!("Invalid filter expression: bad number {s}")
            })?));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || "_.".contains(chars[i])) {
                i += 1;
            }
            out.push(Token::Word(chars[start..i].iter().collect()));
        } else {
            return Err(format!(
                "Invalid filter expression: unexpected character {c:?}"
            ));
        }
    }
    Ok(out)
}

#[derive(Debug, Clone)]
enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Flag(String),
    Compare(String, String, Token),
    Service(String),
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn keyword(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Token::Word(w)) if w.eq_ignore_ascii_case(word))
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut left = self.and()?;
        while self.keyword("OR") {
            self.at += 1;
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut left = self.atom()?;
        while self.keyword("AND") {
            self.at += 1;
            left = Expr::And(Box::new(left), Box::new(self.atom()?));
        }
        Ok(left)
    }

    fn atom(&mut self) -> Result<Expr, String> {
        match self.next() {
            Some(Token::Open) => {
                let e = self.or()?;
                match self.next() {
                    Some(Token::Close) => Ok(e),
                    _ => Err("Invalid filter expression: missing )".into()),
                }
            }
            Some(Token::Word(w)) if w.eq_ignore_ascii_case("service") => {
                match (self.next(), self.next(), self.next()) {
                    (Some(Token::Open), Some(Token::Str(name)), Some(Token::Close)) => {
                        Ok(Expr::Service(name))
                    }
                    _ => Err("Invalid filter expression: service() takes one quoted name".into()),
                }
            }
            Some(Token::Word(w)) => {
                let field = w.to_ascii_lowercase();
                let is_flag = matches!(
                    field.as_str(),
                    "ok" | "error" | "fault" | "throttle" | "partial"
                );
                let op = match self.peek() {
                    Some(Token::Op(op)) => Some(op.clone()),
                    Some(Token::Word(k))
                        if ["contains", "beginswith", "endswith"]
                            .contains(&k.to_ascii_lowercase().as_str()) =>
                    {
                        Some(k.to_ascii_uppercase())
                    }
                    _ => None,
                };
                match op {
                    None if is_flag => Ok(Expr::Flag(field)),
                    None => Err(format!("Invalid filter expression: {w} needs a comparison")),
                    Some(op) => {
                        self.at += 1;
                        let known = is_flag
                            || field.starts_with("annotation.")
                            || matches!(
                                field.as_str(),
                                "responsetime"
                                    | "duration"
                                    | "http.url"
                                    | "http.method"
                                    | "http.status"
                                    | "http.useragent"
                            );
                        if !known {
                            return Err(format!("Invalid filter expression: unknown keyword {w}"));
                        }
                        match self.next() {
                            Some(v @ (Token::Str(_) | Token::Num(_))) => {
                                Ok(Expr::Compare(field, op, v))
                            }
                            Some(Token::Word(b)) if b == "true" || b == "false" => {
                                Ok(Expr::Compare(field, op, Token::Word(b)))
                            }
                            _ => Err(format!("Invalid filter expression: {w} {op} needs a value")),
                        }
                    }
                }
            }
            other => Err(format!("Invalid filter expression: unexpected {other:?}")),
        }
    }
}

fn parse_filter(text: &str) -> Result<Expr, String> {
    let mut p = Parser {
        tokens: tokenize(text)?,
        at: 0,
    };
    let e = p.or()?;
    if p.at != p.tokens.len() {
        return Err(format!(
            "Invalid filter expression: unexpected {:?}",
            p.tokens[p.at]
        ));
    }
    Ok(e)
}

fn compare_num(a: f64, op: &str, b: f64) -> bool {
    match op {
        "=" => a == b,
        "!=" => a != b,
        "<" => a < b,
        "<=" => a <= b,
        ">" => a > b,
        ">=" => a >= b,
        _ => false,
    }
}

fn compare_str(a: &str, op: &str, b: &str) -> bool {
    match op {
        "=" => a == b,
        "!=" => a != b,
        "CONTAINS" => a.contains(b),
        "BEGINSWITH" => a.starts_with(b),
        "ENDSWITH" => a.ends_with(b),
        _ => false,
    }
}

impl Expr {
    fn matches(&self, s: &Summary) -> bool {
        match self {
            Expr::And(a, b) => a.matches(s) && b.matches(s),
            Expr::Or(a, b) => a.matches(s) || b.matches(s),
            Expr::Flag(f) => match f.as_str() {
                "error" => s.has_error,
                "fault" => s.has_fault,
                "throttle" => s.has_throttle,
                "ok" => !s.has_error && !s.has_fault,
                _ => false,
            },
            Expr::Service(name) => s.services.iter().any(|n| n == name),
            Expr::Compare(field, op, value) => {
                let text = match field.as_str() {
                    "http.url" => s.url.clone(),
                    "http.method" => s.method.clone(),
                    "http.useragent" => s.user_agent.clone(),
                    f if f.starts_with("annotation.") => s
                        .annotations
                        .get(&f["annotation.".len()..])
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)),
                    _ => None,
                };
                let number = match field.as_str() {
                    "responsetime" => Some(s.response_time),
                    "duration" => Some(s.duration),
                    "http.status" => s.status.map(|v| v as f64),
                    _ => None,
                };
                match value {
                    Token::Num(n) => number
                        .or_else(|| text.as_deref().and_then(|t| t.parse().ok()))
                        .is_some_and(|v| compare_num(v, op, *n)),
                    Token::Str(v) => text.is_some_and(|t| compare_str(&t, op, v)),
                    Token::Word(b) => {
                        let flag = Expr::Flag(field.clone()).matches(s);
                        (b == "true") == flag
                    }
                    _ => false,
                }
            }
        }
    }
}

// ---- realistic traces --------------------------------------------------------------------

/// Deterministic pseudo-random numbers: a test must see the same data every run (the
/// generator is pinned by Cargo.lock).
pub fn seeded(seed: u64) -> StdRng {
    StdRng::seed_from_u64(seed)
}

/// One Flask request as the X-Ray SDK for Python sends it: the root segment with its
/// http block, a Postgres subsegment with SQL, an AWS call, and the error flags a status
/// implies.
pub fn flask_trace(
    rng: &mut StdRng,
    start: f64,
    method: &str,
    url: &str,
    status: u16,
    latency: f64,
) -> Vec<Value> {
    let trace_id = format!(
        "1-{:08x}-{:024x}",
        start as u64,
        rng.next_u64() as u128 * 4096 + 7
    );
    let mut root = json!({
        "trace_id": trace_id,
        "id": format!("{:016x}", rng.next_u64()),
        "name": "backend-flask",
        "origin": "AWS::EC2::Instance",
        "start_time": start,
        "end_time": start + latency,
        "http": {
            "request": {"method": method, "url": url, "user_agent": "curl/8.5.0", "client_ip": "10.0.0.7"},
            "response": {"status": status},
        },
        "subsegments": [
            {
                "id": format!("{:016x}", rng.next_u64()),
                "name": "postgres",
                "namespace": "remote",
                "start_time": start + latency * 0.1,
                "end_time": start + latency * 0.7,
                "sql": {"sanitized_query": "SELECT * FROM activities WHERE uuid = %s", "database_type": "PostgreSQL"},
                "fault": status >= 500,
            },
            {
                "id": format!("{:016x}", rng.next_u64()),
                "name": "cognito-idp",
                "namespace": "aws",
                "start_time": start + latency * 0.75,
                "end_time": start + latency * 0.8,
                "http": {"response": {"status": 200}},
            }
        ],
    });
    match status {
        429 => {
            root["error"] = json!(true);
            root["throttle"] = json!(true);
        }
        400..=499 => root["error"] = json!(true),
        500..=599 => {
            root["fault"] = json!(true);
            root["cause"] = json!({"exceptions": [{"type": "OperationalError", "message": "connection to server failed"}]});
        }
        _ => {}
    }
    vec![root]
}

/// `count` requests spread evenly over `[start, end)` across the app's five routes, with
/// about 4% errors, 1.3% faults and 0.5% throttles.
pub fn flask_traffic(count: usize, start: f64, end: f64, seed: u64) -> Vec<Vec<Value>> {
    let mut rng = seeded(seed);
    let routes = [
        ("GET", "/api/activities/home", 0.04),
        ("GET", "/api/activities/{uuid}", 0.08),
        ("POST", "/api/activities", 0.12),
        ("GET", "/api/messages/@{handle}", 0.06),
        ("GET", "/api/health-check", 0.004),
    ];
    (0..count)
        .map(|i| {
            let at = start + (end - start) * (i as f64 / count as f64);
            let (method, template, base) = routes[i % routes.len()];
            let url = format!(
                "http://localhost:4567{}",
                template
                    .replace(
                        "{uuid}",
                        &format!("{:08x}-c8b1-4b0f-8e1c-2f1d3c4b5a69", rng.next_u64() as u32)
                    )
                    .replace("{handle}", ["andrewbrown", "bayko", "londo"][i % 3])
            );
            let roll = rng.random::<f64>();
            let status = if roll < 0.013 {
                500
            } else if roll < 0.018 {
                429
            } else if roll < 0.058 {
                404
            } else {
                200
            };
            let latency = base * (0.5 + rng.random::<f64>() * 2.0);
            flask_trace(&mut rng, at, method, &url, status, latency)
        })
        .collect()
}

/// GetSamplingRules: one rule of the account's own (10% of /api/*, a reservoir of 5).
async fn sampling_rules(State(fake): State<FakeXray>, headers: HeaderMap) -> Response {
    if let Some(r) = admit(&fake, &headers).await {
        return record(&fake, "GetSamplingRules", &Value::Null, r);
    }
    let rules = json!({"SamplingRuleRecords": [{
        "SamplingRule": {
            "RuleName": "cruddur-api",
            "RuleARN": "arn:aws:xray:us-east-1:123456789012:sampling-rule/cruddur-api",
            "ResourceARN": "*", "Priority": 100, "FixedRate": 0.1, "ReservoirSize": 5,
            "ServiceName": "backend-flask", "ServiceType": "*", "Host": "*",
            "HTTPMethod": "*", "URLPath": "/api/*", "Version": 1, "Attributes": {}
        },
        "CreatedAt": 1_800_000_000.0, "ModifiedAt": 1_800_000_000.0
    }]});
    record(
        &fake,
        "GetSamplingRules",
        &Value::Null,
        (StatusCode::OK, axum::Json(rules)).into_response(),
    )
}

/// GetSamplingTargets: a quota per reported rule, echoing the statistics it was sent.
async fn sampling_targets(
    State(fake): State<FakeXray>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let parsed = match accept(&fake, &headers, &body, "GetSamplingTargets").await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(documents) = parsed["SamplingStatisticsDocuments"].as_array() else {
        return record(
            &fake,
            "GetSamplingTargets",
            &parsed,
            invalid("SamplingStatisticsDocuments is required"),
        );
    };
    let targets: Vec<Value> = documents
        .iter()
        .map(|d| {
            json!({"RuleName": d["RuleName"], "FixedRate": 0.1, "ReservoirQuota": 5,
                   "ReservoirQuotaTTL": 1_800_000_060.0, "Interval": 10})
        })
        .collect();
    let answer = json!({"SamplingTargetDocuments": targets,
                        "LastRuleModification": 1_800_000_000.0, "UnprocessedStatistics": []});
    record(
        &fake,
        "GetSamplingTargets",
        &parsed,
        (StatusCode::OK, axum::Json(answer)).into_response(),
    )
}

// ---- Transaction Search (X-Ray API reference: GetTraceSegmentDestination, GetIndexingRules,
// StartTraceRetrieval, ListRetrievedTraces) --------------------------------------------------

async fn segment_destination(State(fake): State<FakeXray>, headers: HeaderMap) -> Response {
    if let Some(r) = admit(&fake, &headers).await {
        return record(&fake, "GetTraceSegmentDestination", &Value::Null, r);
    }
    let destination = *fake.inner.destination.lock().unwrap();
    let body = json!({"Destination": destination, "Status": "ACTIVE"});
    record(
        &fake,
        "GetTraceSegmentDestination",
        &Value::Null,
        axum::Json(body).into_response(),
    )
}

/// The default rule: 1% of spans indexed as trace summaries.
async fn indexing_rules(State(fake): State<FakeXray>, headers: HeaderMap) -> Response {
    if let Some(r) = admit(&fake, &headers).await {
        return record(&fake, "GetIndexingRules", &Value::Null, r);
    }
    let body = json!({"IndexingRules": [{"Name": "Default", "ModifiedAt": 1_800_000_000.0,
        "Rule": {"Probabilistic": {"DesiredSamplingPercentage": 1.0, "ActualSamplingPercentage": 1.0}}}]});
    record(
        &fake,
        "GetIndexingRules",
        &Value::Null,
        axum::Json(body).into_response(),
    )
}

async fn start_retrieval(
    State(fake): State<FakeXray>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let parsed = match accept(&fake, &headers, &body, "StartTraceRetrieval").await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let ids = trace_ids(&parsed);
    let response = if *fake.inner.destination.lock().unwrap() != "CloudWatchLogs" {
        invalid("Transaction Search is not enabled: spans are not sent to CloudWatch Logs")
    } else if ids.is_empty() || ids.len() > 5 {
        invalid("TraceIds must hold 1 to 5 trace ids")
    } else if !(parsed["StartTime"].is_number() && parsed["EndTime"].is_number()) {
        invalid("StartTime and EndTime are required")
    } else {
        let token = format!(
            "retrieval-{}",
            fake.inner.counter.fetch_add(1, Ordering::SeqCst)
        );
        let polls = fake.inner.options.retrieval_polls;
        fake.inner
            .retrievals
            .lock()
            .unwrap()
            .insert(token.clone(), (ids, polls));
        axum::Json(json!({"RetrievalToken": token})).into_response()
    };
    record(&fake, "StartTraceRetrieval", &parsed, response)
}

/// A retrieval's state for a read of it: its trace ids once complete, `None` while it is
/// still RUNNING (one RUNNING answer used up), or the 404 of an unknown token.
fn retrieval_state(fake: &FakeXray, token: &str) -> Result<Option<Vec<String>>, Response> {
    let mut retrievals = fake.inner.retrievals.lock().unwrap();
    let Some((ids, running)) = retrievals.get_mut(token) else {
        return Err(error(
            StatusCode::NOT_FOUND,
            "ResourceNotFoundException",
            "unknown retrieval token",
        ));
    };
    if *running > 0 {
        *running -= 1;
        return Ok(None);
    }
    Ok(Some(ids.clone()))
}

async fn list_retrieved(
    State(fake): State<FakeXray>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let parsed = match accept(&fake, &headers, &body, "ListRetrievedTraces").await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let token = parsed["RetrievalToken"].as_str().unwrap_or_default();
    let ids = match retrieval_state(&fake, token) {
        Ok(ids) => ids,
        Err(r) => return record(&fake, "ListRetrievedTraces", &parsed, r),
    };
    let response = if let Some(ids) = ids {
        let spans = fake.inner.spans.lock().unwrap();
        let found: Vec<Value> = ids
            .iter()
            .filter_map(|id| spans.iter().find(|(t, _)| t == id))
            .map(|(id, docs)| {
                json!({"Id": id, "Spans": docs.iter().map(|d| json!({
                    "Id": d["spanId"], "Document": d.to_string()})).collect::<Vec<_>>()})
            })
            .collect();
        let page = fake.inner.options.retrieval_page.max(1);
        let from: usize = parsed["NextToken"]
            .as_str()
            .and_then(|t| t.parse().ok())
            .unwrap_or(0);
        let shown: Vec<Value> = found.iter().skip(from).take(page).cloned().collect();
        let mut body =
            json!({"RetrievalStatus": "COMPLETE", "TraceFormat": "OTEL", "Traces": shown});
        if from + page < found.len() {
            body["NextToken"] = json!((from + page).to_string());
        }
        body
    } else {
        json!({"RetrievalStatus": "RUNNING", "Traces": []})
    };
    record(
        &fake,
        "ListRetrievedTraces",
        &parsed,
        axum::Json(response).into_response(),
    )
}

/// Counts of a graph node or edge as X-Ray's ServiceStatistics / EdgeStatistics: ok, errors
/// (4xx, throttles 429 among them), faults (5xx, or an ERROR status otherwise), seconds.
#[derive(Default, Clone)]
struct GraphCounts {
    total: u64,
    ok: u64,
    errors: u64,
    throttles: u64,
    faults: u64,
    seconds: f64,
}

impl GraphCounts {
    fn add(&mut self, span: &Value) {
        let status = span
            .pointer("/attributes/http.response.status_code")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        let errored = span.pointer("/status/code").and_then(Value::as_str) == Some("ERROR");
        self.total += 1;
        match status {
            429 => {
                self.errors += 1;
                self.throttles += 1;
            }
            400..=499 => self.errors += 1,
            500..=599 => self.faults += 1,
            _ if errored => self.faults += 1,
            _ => self.ok += 1,
        }
        self.seconds += span["durationNano"].as_f64().unwrap_or(0.0) / 1e9;
    }

    fn json(&self) -> Value {
        json!({"OkCount": self.ok, "TotalCount": self.total, "TotalResponseTime": self.seconds,
            "ErrorStatistics": {"ThrottleCount": self.throttles,
                "OtherCount": self.errors - self.throttles, "TotalCount": self.errors},
            "FaultStatistics": {"OtherCount": self.faults, "TotalCount": self.faults}})
    }
}

/// GetRetrievedTracesGraph: the graph of a retrieval's traces, computed from their span
/// documents. A service is a `service.name` with its server spans; a database is the
/// `db.system` of client spans (type `Database::SQL`); an edge goes from a service to a
/// database it queried or to the service of a server span whose parent is its span.
/// RUNNING as long as the retrieval is, then COMPLETE, paged by `service_page_size`.
async fn retrieved_graph(
    State(fake): State<FakeXray>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let parsed = match accept(&fake, &headers, &body, "GetRetrievedTracesGraph").await {
        Ok(v) => v,
        Err(r) => return r,
    };
    if fake
        .inner
        .options
        .denied
        .contains(&"GetRetrievedTracesGraph")
    {
        let r = error(
            StatusCode::FORBIDDEN,
            "AccessDeniedException",
            "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: xray:GetRetrievedTracesGraph",
        );
        return record(&fake, "GetRetrievedTracesGraph", &parsed, r);
    }
    let token = parsed["RetrievalToken"].as_str().unwrap_or_default();
    let ids = match retrieval_state(&fake, token) {
        Ok(Some(ids)) => ids,
        Ok(None) => {
            let body = json!({"RetrievalStatus": "RUNNING", "Services": []});
            return record(
                &fake,
                "GetRetrievedTracesGraph",
                &parsed,
                axum::Json(body).into_response(),
            );
        }
        Err(r) => return record(&fake, "GetRetrievedTracesGraph", &parsed, r),
    };
    // (name, type, counts, edges: target name -> counts), in order of appearance.
    type Node = (
        String,
        &'static str,
        GraphCounts,
        Vec<(String, GraphCounts)>,
    );
    let mut nodes: Vec<Node> = Vec::new();
    fn node<'a>(nodes: &'a mut Vec<Node>, name: &str, kind: &'static str) -> &'a mut Node {
        let at = match nodes.iter().position(|n| n.0 == name) {
            Some(at) => at,
            None => {
                nodes.push((name.to_string(), kind, GraphCounts::default(), Vec::new()));
                nodes.len() - 1
            }
        };
        &mut nodes[at]
    }
    fn edge<'a>(edges: &'a mut Vec<(String, GraphCounts)>, to: &str) -> &'a mut GraphCounts {
        let at = match edges.iter().position(|e| e.0 == to) {
            Some(at) => at,
            None => {
                edges.push((to.to_string(), GraphCounts::default()));
                edges.len() - 1
            }
        };
        &mut edges[at].1
    }
    let spans = fake.inner.spans.lock().unwrap();
    for (_, docs) in spans.iter().filter(|(id, _)| ids.contains(id)) {
        let service_of = |d: &Value| {
            d.pointer("/resource/attributes/service.name")
                .and_then(Value::as_str)
                .unwrap_or("unknown_service")
                .to_string()
        };
        for d in docs {
            let service = service_of(d);
            match d["kind"].as_str() {
                Some("SERVER") => {
                    node(&mut nodes, &service, "Service").2.add(d);
                    let parent = docs.iter().find(|p| p["spanId"] == d["parentSpanId"]);
                    if let Some(parent) = parent.filter(|p| service_of(p) != service) {
                        let from = node(&mut nodes, &service_of(parent), "Service");
                        edge(&mut from.3, &service).add(d);
                    }
                }
                Some("CLIENT") => {
                    if let Some(db) = d.pointer("/attributes/db.system").and_then(Value::as_str) {
                        node(&mut nodes, db, "Database::SQL").2.add(d);
                        let from = node(&mut nodes, &service, "Service");
                        edge(&mut from.3, db).add(d);
                    }
                }
                _ => {}
            }
        }
    }
    drop(spans);
    let reference = |name: &str| nodes.iter().position(|n| n.0 == name).unwrap_or(0);
    let services: Vec<Value> = nodes
        .iter()
        .enumerate()
        .map(|(i, (name, kind, counts, edges))| {
            json!({"Service": {"ReferenceId": i, "Name": name, "Names": [name], "Type": kind,
                "SummaryStatistics": counts.json(),
                "Edges": edges.iter().map(|(to, c)| json!({"ReferenceId": reference(to),
                    "SummaryStatistics": c.json()})).collect::<Vec<_>>()},
                "Links": []})
        })
        .collect();
    let page = fake.inner.options.service_page_size.max(1);
    let from: usize = parsed["NextToken"]
        .as_str()
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    let shown: Vec<Value> = services.iter().skip(from).take(page).cloned().collect();
    let mut body = json!({"RetrievalStatus": "COMPLETE", "Services": shown});
    if from + page < services.len() {
        body["NextToken"] = json!((from + page).to_string());
    }
    record(
        &fake,
        "GetRetrievedTracesGraph",
        &parsed,
        axum::Json(body).into_response(),
    )
}

// ---- CloudWatch Logs Insights over `aws/spans` ---------------------------------------------

/// A CloudWatch Logs error: awsJson1.1 names it in `__type`.
fn logs_error(code: &str, message: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        [("content-type", "application/x-amz-json-1.1")],
        json!({"__type": code, "message": message}).to_string(),
    )
        .into_response()
}

fn logs_ok(body: Value) -> Response {
    (
        StatusCode::OK,
        [("content-type", "application/x-amz-json-1.1")],
        body.to_string(),
    )
        .into_response()
}

/// StartQuery and GetQueryResults over the span documents, which exist as the log group
/// `aws/spans` once Transaction Search is on. Each document is an event stamped with its
/// span's start; `startTime`/`endTime` are epoch seconds, both included.
async fn logs_api(State(fake): State<FakeXray>, headers: HeaderMap, body: String) -> Response {
    let target = headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .trim_start_matches("Logs_20140328.")
        .to_string();
    let operation: &'static str = match target.as_str() {
        "StartQuery" => "StartQuery",
        "GetQueryResults" => "GetQueryResults",
        _ => return logs_error("UnknownOperationException", &target),
    };
    let parsed = match accept(&fake, &headers, &body, operation).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    if fake.inner.options.denied.contains(&operation) {
        let message = format!(
            "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: logs:{operation} on resource: arn:aws:logs:us-east-1:123456789012:log-group:aws/spans:*"
        );
        return record(
            &fake,
            operation,
            &parsed,
            logs_error("AccessDeniedException", &message),
        );
    }
    let response = if operation == "StartQuery" {
        start_query(&fake, &parsed)
    } else {
        get_query_results(&fake, &parsed)
    };
    record(&fake, operation, &parsed, response)
}

fn start_query(fake: &FakeXray, body: &Value) -> Response {
    let groups: Vec<&str> = body["logGroupNames"]
        .as_array()
        .map(|g| g.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let (Some(start), Some(end), Some(query)) = (
        body["startTime"].as_i64(),
        body["endTime"].as_i64(),
        body["queryString"].as_str(),
    ) else {
        return logs_error(
            "InvalidParameterException",
            "startTime, endTime and queryString are required",
        );
    };
    let on = *fake.inner.destination.lock().unwrap() == "CloudWatchLogs";
    if groups != ["aws/spans"] || !on {
        return logs_error(
            "ResourceNotFoundException",
            "The specified log group does not exist.",
        );
    }
    if end < start {
        return logs_error("InvalidParameterException", "endTime is before startTime");
    }
    let records: Vec<insights::Record> = fake
        .inner
        .spans
        .lock()
        .unwrap()
        .iter()
        .flat_map(|(_, documents)| documents.iter())
        .filter_map(|d| {
            let ms = d["startTimeUnixNano"].as_i64()? / 1_000_000;
            (ms >= start * 1000 && ms < (end + 1) * 1000).then(|| insights::flatten(d, ms))
        })
        .collect();
    match insights::run(query, records) {
        Ok(rows) => {
            let id = format!(
                "query-{}",
                fake.inner.counter.fetch_add(1, Ordering::SeqCst)
            );
            let polls = fake.inner.options.insights_polls;
            fake.inner
                .queries
                .lock()
                .unwrap()
                .insert(id.clone(), (rows, polls));
            logs_ok(json!({"queryId": id}))
        }
        Err(why) => logs_error("MalformedQueryException", &why),
    }
}

fn get_query_results(fake: &FakeXray, body: &Value) -> Response {
    let id = body["queryId"].as_str().unwrap_or_default();
    let mut queries = fake.inner.queries.lock().unwrap();
    let Some((rows, running)) = queries.get_mut(id) else {
        return logs_error("ResourceNotFoundException", "unknown query id");
    };
    if *running > 0 {
        *running -= 1;
        return logs_ok(json!({"status": "Running", "results": [],
            "statistics": {"recordsMatched": 0.0, "recordsScanned": 0.0, "bytesScanned": 0.0}}));
    }
    let results: Vec<Value> = rows
        .iter()
        .map(|row| {
            Value::Array(
                row.iter()
                    .map(|(field, value)| json!({"field": field, "value": value}))
                    .collect(),
            )
        })
        .collect();
    logs_ok(
        json!({"status": fake.inner.options.insights_end, "results": results,
        "statistics": {"recordsMatched": rows.len() as f64, "recordsScanned": rows.len() as f64,
                       "bytesScanned": 0.0}}),
    )
}
