//! The one flat span record both sources are stored as: an OpenTelemetry span (OTLP) and an
//! X-Ray segment or subsegment (the daemon protocol). Keyed by the W3C trace id and span id;
//! the columns are what the local views query (service, route, status, duration), and
//! everything else is kept as JSON attributes so nothing the app sent is lost.
//!
//! How each source's fields land in the columns is documented in the README
//! ("What is stored") and tested in `model::otlp` and below.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use jiff::Timestamp;

use crate::model::trace::{
    HttpInfo, Span, SpanException, StoredFacts, Trace, assemble, flag, xray_exceptions,
};

/// Where a span came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SpanSource {
    Otlp,
    Xray,
}

impl SpanSource {
    pub fn as_str(self) -> &'static str {
        match self {
            SpanSource::Otlp => "otlp",
            SpanSource::Xray => "xray",
        }
    }
}

/// OpenTelemetry's span kinds (X-Ray segments are `server`, remote subsegments `client`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SpanKind {
    Internal,
    Server,
    Client,
    Producer,
    Consumer,
}

impl SpanKind {
    /// The kind a stored `kind` column names (an unknown word is internal work).
    pub fn stored(text: &str) -> SpanKind {
        match text {
            "server" => SpanKind::Server,
            "client" => SpanKind::Client,
            "producer" => SpanKind::Producer,
            "consumer" => SpanKind::Consumer,
            _ => SpanKind::Internal,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SpanKind::Internal => "internal",
            SpanKind::Server => "server",
            SpanKind::Client => "client",
            SpanKind::Producer => "producer",
            SpanKind::Consumer => "consumer",
        }
    }
}

/// X-Ray's outcome classes, which OpenTelemetry spans are sorted into as well: a 429 is a
/// throttle, another 4xx an error, a 5xx (or an error status without HTTP) a fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SpanStatus {
    Ok,
    Error,
    Fault,
    Throttle,
}

impl SpanStatus {
    /// The status a stored `status` column names (an unknown word is ok).
    pub fn stored(text: &str) -> SpanStatus {
        match text {
            "error" => SpanStatus::Error,
            "fault" => SpanStatus::Fault,
            "throttle" => SpanStatus::Throttle,
            _ => SpanStatus::Ok,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SpanStatus::Ok => "ok",
            SpanStatus::Error => "error",
            SpanStatus::Fault => "fault",
            SpanStatus::Throttle => "throttle",
        }
    }

    /// The class of an HTTP status, if it has one.
    pub fn of_http(status: i64) -> Option<SpanStatus> {
        match status {
            429 => Some(SpanStatus::Throttle),
            400..=499 => Some(SpanStatus::Error),
            500..=599 => Some(SpanStatus::Fault),
            _ => None,
        }
    }
}

/// One stored span. Times are epoch nanoseconds.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SpanRecord {
    /// 32 lowercase hex digits (the W3C form; X-Ray ids are converted).
    pub trace_id: String,
    /// 16 lowercase hex digits.
    pub span_id: String,
    pub parent_id: Option<String>,
    pub service: String,
    pub name: String,
    pub kind: SpanKind,
    pub start_ns: i64,
    /// `None` while in progress (an X-Ray segment sent with `in_progress`).
    pub end_ns: Option<i64>,
    pub status: SpanStatus,
    pub http_method: Option<String>,
    pub http_route: Option<String>,
    pub http_url: Option<String>,
    pub http_status: Option<i64>,
    pub db_statement: Option<String>,
    /// The service a client span called (`peer.service`, the host, or the AWS service).
    pub remote_service: Option<String>,
    pub exceptions: Vec<SpanException>,
    /// Shared by every span of one resource (one allocation, not one per span).
    pub resource: Arc<Map<String, Value>>,
    pub attributes: Map<String, Value>,
    pub source: SpanSource,
    /// What else the app said of the span: its status message, events and links.
    pub detail: SpanDetail,
}

/// An id as a number when it is exactly `DIGITS` lowercase hex digits, the form spans are
/// stored in (32 for a trace, 16 for a span): "ABC" and "abc" are different ids, so only one
/// spelling may map to a number. For maps of many ids without an allocation each.
/// One pass without a branch a digit (32 digits fill a u128 exactly; a digit's value comes
/// from a table and a bad byte is seen once at the end): the writer, the live printer and
/// `local stats` read every span's ids with it.
pub fn lower_hex_id<const DIGITS: usize>(text: impl AsRef<[u8]>) -> Option<u128> {
    const { assert!(DIGITS <= 32) };
    let text = text.as_ref();
    if text.len() != DIGITS {
        return None;
    }
    let mut bad = 0u8;
    let mut n = 0u128;
    // In halves of 16 digits: shifting a u64 is one instruction, a u128 three.
    for half in text.chunks(16) {
        let mut word = 0u64;
        for &b in half {
            let digit = LOWER_HEX_DIGITS[usize::from(b)];
            bad |= digit;
            word = word << 4 | u64::from(digit & 0xf);
        }
        n = n << (4 * half.len()) | u128::from(word);
    }
    (bad & NOT_A_DIGIT == 0).then_some(n)
}

/// Marks a byte of [`LOWER_HEX_DIGITS`] that is no lowercase hex digit.
const NOT_A_DIGIT: u8 = 0x10;

/// Each byte's value as a lowercase hex digit, or [`NOT_A_DIGIT`].
const LOWER_HEX_DIGITS: [u8; 256] = {
    let mut table = [NOT_A_DIGIT; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            c @ b'0'..=b'9' => c - b'0',
            c @ b'a'..=b'f' => c - b'a' + 10,
            _ => NOT_A_DIGIT,
        };
        b += 1;
    }
    table
};

/// A stored id as a number, for maps and sets of many of them (`local stats`' trace counts,
/// the service graph): [`lower_hex_id`] for the trace and span ids in the spelling the store
/// keeps, any other hex by its value, anything else (never stored, but a
/// count must not fail on it) by its hash, with the top bit set. Bytes, so a reader of the
/// store need not check an id is UTF-8 before it is parsed as hex.
pub fn id_number(id: impl AsRef<[u8]>) -> u128 {
    let id = id.as_ref();
    lower_hex_id::<32>(id)
        .or_else(|| lower_hex_id::<16>(id))
        .or_else(|| {
            let text = std::str::from_utf8(id).ok()?;
            u128::from_str_radix(text, 16).ok()
        })
        .unwrap_or_else(|| {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            id.hash(&mut hasher);
            u128::from(hasher.finish()) | (1 << 127)
        })
}

#[cfg(test)]
impl SpanRecord {
    /// A span for tests: an internal, OK span of backend-flask named by its id, from OTLP;
    /// tests set what they look at with struct update syntax.
    pub(crate) fn for_test(
        trace_id: &str,
        span_id: &str,
        parent_id: Option<&str>,
        start_ns: i64,
        end_ns: Option<i64>,
    ) -> SpanRecord {
        SpanRecord {
            trace_id: trace_id.into(),
            span_id: span_id.into(),
            parent_id: parent_id.map(str::to_string),
            service: "backend-flask".into(),
            name: span_id.into(),
            kind: SpanKind::Internal,
            start_ns,
            end_ns,
            status: SpanStatus::Ok,
            http_method: None,
            http_route: None,
            http_url: None,
            http_status: None,
            db_statement: None,
            remote_service: None,
            exceptions: Vec::new(),
            resource: Arc::default(),
            attributes: Default::default(),
            source: SpanSource::Otlp,
            detail: Default::default(),
        }
    }
}

/// The parts of a span that no view queries by, kept so that nothing the app sent is lost.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SpanDetail {
    /// The message of an ERROR status (OpenTelemetry) or the cause's message (X-Ray).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    /// Every span event, exceptions included, in the order sent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<SpanEvent>,
    /// Links to spans of other traces (a batch job's producer, say).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<SpanLink>,
}

impl SpanDetail {
    pub fn is_empty(&self) -> bool {
        self.status_message.is_none() && self.events.is_empty() && self.links.is_empty()
    }
}

/// A span event: something that happened at one moment of the span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SpanEvent {
    pub name: String,
    /// Epoch nanoseconds.
    pub time_ns: i64,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub attributes: Map<String, Value>,
}

/// A link to another span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SpanLink {
    pub trace_id: String,
    pub span_id: String,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub attributes: Map<String, Value>,
}

impl SpanRecord {
    /// About how many bytes the record holds in memory: what a queued span costs the
    /// collector's memory budget.
    pub fn approx_bytes(&self) -> usize {
        fn value(v: &Value) -> usize {
            match v {
                Value::String(s) => 24 + s.len(),
                Value::Array(a) => 24 + a.iter().map(value).sum::<usize>(),
                Value::Object(m) => map(m),
                _ => 16,
            }
        }
        fn map(m: &Map<String, Value>) -> usize {
            48 + m
                .iter()
                .map(|(k, v)| 32 + k.len() + value(v))
                .sum::<usize>()
        }
        let texts = [
            &self.http_method,
            &self.http_route,
            &self.http_url,
            &self.db_statement,
            &self.remote_service,
            &self.detail.status_message,
        ];
        400 + self.trace_id.len()
            + self.span_id.len()
            + self.service.len()
            + self.name.len()
            + texts
                .iter()
                .filter_map(|t| t.as_ref())
                .map(String::len)
                .sum::<usize>()
            + map(&self.attributes)
            + self
                .detail
                .events
                .iter()
                .map(|e| 64 + e.name.len() + map(&e.attributes))
                .sum::<usize>()
            + self
                .detail
                .links
                .iter()
                .map(|l| 96 + map(&l.attributes))
                .sum::<usize>()
            + self
                .exceptions
                .iter()
                .map(|e| 64 + e.message.len() + e.stacktrace.as_ref().map_or(0, String::len))
                .sum::<usize>()
    }

    /// Milliseconds from start to end, `None` while in progress.
    pub fn duration_ms(&self) -> Option<f64> {
        self.end_ns.map(|end| (end - self.start_ns) as f64 / 1e6)
    }

    /// Whether this span is the entry of its trace (no parent).
    pub fn is_root(&self) -> bool {
        self.parent_id.is_none()
    }
}

impl SpanRecord {
    /// This span as a node of the waterfall's tree (children linked by [`trace_of`]).
    fn node(&self) -> Span {
        let start =
            Timestamp::from_nanosecond(i128::from(self.start_ns)).unwrap_or(Timestamp::UNIX_EPOCH);
        let end = self
            .end_ns
            .and_then(|e| Timestamp::from_nanosecond(i128::from(e)).ok());
        let http = (self.http_method.is_some() || self.http_status.is_some()).then(|| HttpInfo {
            method: self.http_method.clone(),
            url: self.http_url.clone().or_else(|| self.http_route.clone()),
            status: self.http_status,
        });
        Span {
            name: self.name.clone(),
            id: self.span_id.clone(),
            parent_id: self.parent_id.clone(),
            start,
            end,
            duration: end.map(|e| e.duration_since(start).as_secs_f64()),
            namespace: matches!(self.kind, SpanKind::Client | SpanKind::Producer)
                .then(|| "remote".to_string()),
            http,
            sql: self.db_statement.clone(),
            error: self.status == SpanStatus::Error,
            fault: self.status == SpanStatus::Fault,
            throttle: self.status == SpanStatus::Throttle,
            exceptions: self.exceptions.clone(),
            stored: Some(Box::new(StoredFacts {
                service: self.service.clone(),
                kind: self.kind,
                source: self.source,
                http_route: self.http_route.clone(),
                remote_service: self.remote_service.clone(),
                attributes: self.attributes.clone(),
                resource: Arc::clone(&self.resource),
                detail: self.detail.clone(),
            })),
            children: Vec::new(),
        }
    }
}

/// The span tree of one trace's records, drawn by the same waterfall as X-Ray traces.
pub fn trace_of(trace_id: &str, records: &[SpanRecord]) -> Trace {
    Trace {
        id: trace_id.to_string(),
        spans: assemble(records.iter().map(SpanRecord::node).collect()),
        unreadable: Vec::new(),
    }
}

/// Why a span was not stored: said back to the sender (OTLP `partial_success`) and with -v.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub reason: String,
}

/// An OTLP `partial_success.error_message`: how many `what` were refused and the first
/// three distinct reasons.
pub fn rejection_message(rejected: &[Rejected], what: &str) -> String {
    let mut reasons: Vec<&str> = rejected.iter().map(|r| r.reason.as_str()).collect();
    reasons.dedup();
    let shown: Vec<&str> = reasons.iter().take(3).copied().collect();
    format!(
        "{} {what} rejected: {}{}",
        rejected.len(),
        shown.join("; "),
        if reasons.len() > 3 { "; ..." } else { "" }
    )
}

/// `attributes[key]`. A span's attributes are a handful, and each is looked up by a dozen
/// convention names when it is received: comparing the few keys is cheaper than hashing
/// the name with the map's SipHash (hashing was a tenth of the OTLP receiver's time).
fn attribute<'a>(attributes: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    const SCAN_UP_TO: usize = 16;
    if attributes.len() <= SCAN_UP_TO {
        attributes.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    } else {
        attributes.get(key)
    }
}

/// The first of `keys` that `attributes` has, as text.
pub fn first_text(attributes: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match attribute(attributes, k)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// The first of `keys` that `attributes` has, as an integer (numbers or numeric strings).
pub fn first_int(attributes: &Map<String, Value>, keys: &[&str]) -> Option<i64> {
    keys.iter().find_map(|k| match attribute(attributes, k)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    })
}

/// Attribute keys of OpenTelemetry's semantic conventions, new names first, then the old
/// ones still sent by older instrumentations (opentelemetry-instrumentation-flask sends
/// the old ones unless told otherwise).
pub mod semconv {
    pub const HTTP_METHOD: &[&str] = &["http.request.method", "http.method"];
    pub const HTTP_STATUS: &[&str] = &["http.response.status_code", "http.status_code"];
    pub const HTTP_ROUTE: &[&str] = &["http.route"];
    pub const HTTP_URL: &[&str] = &["url.full", "http.url"];
    pub const HTTP_TARGET: &[&str] = &["url.path", "http.target"];
    pub const DB_STATEMENT: &[&str] = &["db.query.text", "db.statement"];
    pub const REMOTE_SERVICE: &[&str] = &[
        "peer.service",
        "server.address",
        "net.peer.name",
        "db.system.name",
        "db.system",
        "rpc.service",
    ];
}

/// `host[:port]` of a URL, the service a client span called when nothing names it.
pub fn url_authority(url: &str) -> Option<String> {
    let url = url::Url::parse(url).ok()?;
    let host = url.host_str().filter(|h| !h.is_empty())?;
    Some(match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    })
}

fn check_hex(id: &str, len: usize, what: &str) -> Result<String, Rejected> {
    crate::model::trace::received_hex_id(id, len, what).map_err(|reason| Rejected { reason })
}

/// Epoch seconds as X-Ray writes them (floats, microsecond precision) to nanoseconds.
/// Rounded to microseconds first: a float cannot hold epoch nanoseconds exactly.
fn seconds_to_ns(seconds: f64) -> Option<i64> {
    (seconds.is_finite() && seconds > 0.0).then(|| (seconds * 1e6).round() as i64 * 1000)
}

/// The furthest in the future a span may start: clocks drift, but not by days.
pub const MAX_CLOCK_AHEAD_NS: i64 = 86_400 * 1_000_000_000;

/// Checks the times of a span: a start of 0 or one more than a day after `now_ns` is
/// garbage, not a span to store.
pub fn check_times(start_ns: i64, end_ns: Option<i64>, now_ns: i64) -> Result<(), Rejected> {
    if start_ns <= 0 {
        return Err(Rejected {
            reason: "start time is 0".into(),
        });
    }
    if start_ns > now_ns.saturating_add(MAX_CLOCK_AHEAD_NS) {
        return Err(Rejected {
            reason: "start time is more than a day in the future".into(),
        });
    }
    if end_ns.is_some_and(|end| end < start_ns) {
        return Err(Rejected {
            reason: "end time is before start time".into(),
        });
    }
    if end_ns.is_some_and(|end| end > now_ns.saturating_add(MAX_CLOCK_AHEAD_NS)) {
        return Err(Rejected {
            reason: "end time is more than a day in the future".into(),
        });
    }
    Ok(())
}

/// An X-Ray trace id (`1-5f84c7a1-0123456789abcdef01234567`) in W3C form.
fn xray_trace_id(id: &str) -> Result<String, Rejected> {
    let mut parts = id.split('-');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("1"), Some(epoch), Some(random), None) => {
            check_hex(&format!("{epoch}{random}"), 32, "trace id")
        }
        _ => Err(Rejected {
            reason: format!("trace id '{id}' is not an X-Ray id"),
        }),
    }
}

/// A non-empty text field of a document (a number counts as its digits: the SDKs let an
/// app name a segment `404`).
fn text(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// What one X-Ray document held: the spans to store, and the (sub)segments refused with
/// why (a bad subsegment costs only itself and what is nested in it).
#[derive(Debug, Default)]
pub struct XrayDocument {
    pub records: Vec<SpanRecord>,
    pub rejected: Vec<Rejected>,
}

/// The records of one X-Ray segment document (the segment and its nested subsegments, or
/// one subsegment sent on its own), or why none of it can be stored. `service_of` names the
/// segment's service for a lone subsegment, which does not carry it; when it does not know
/// the parent, the service is left empty for the store to take from the parent span.
pub fn from_xray_document(
    doc: &Value,
    service_of: impl Fn(&str) -> Option<String>,
    now_ns: i64,
) -> Result<XrayDocument, Rejected> {
    if !doc.is_object() {
        return Err(Rejected {
            reason: "the document is not a JSON object".into(),
        });
    }
    let trace_id = xray_trace_id(&text(doc, "trace_id").unwrap_or_default())?;
    let lone_subsegment = doc.get("type").and_then(Value::as_str) == Some("subsegment");
    let parent = text(doc, "parent_id")
        .map(|p| check_hex(&p, 16, "parent id"))
        .transpose()?;
    if lone_subsegment && parent.is_none() {
        return Err(Rejected {
            reason: "a subsegment sent on its own needs a parent_id".into(),
        });
    }
    let service = if lone_subsegment {
        parent.as_deref().and_then(&service_of).unwrap_or_default()
    } else {
        text(doc, "name").unwrap_or_default()
    };
    let resource = Arc::new(xray_resource(doc, &service));
    let mut out = XrayDocument::default();
    let context = XrayContext {
        trace_id: &trace_id,
        service: &service,
        resource: &resource,
        now_ns,
    };
    // The document's own (sub)segment must be readable; below it, each subsegment stands
    // or falls alone.
    flatten_xray(doc, &context, parent, !lone_subsegment, &mut out)?;
    Ok(out)
}

/// What every (sub)segment of one document shares.
struct XrayContext<'a> {
    trace_id: &'a str,
    service: &'a str,
    resource: &'a Arc<Map<String, Value>>,
    now_ns: i64,
}

/// What X-Ray says of the service: its name, `origin`, `aws` and `service` blocks.
fn xray_resource(doc: &Value, service: &str) -> Map<String, Value> {
    let mut resource = Map::new();
    resource.insert("service.name".into(), Value::from(service));
    for key in ["origin", "service", "aws", "user"] {
        if let Some(v) = doc.get(key) {
            resource.insert(format!("xray.{key}"), v.clone());
        }
    }
    resource
}

/// Reads one (sub)segment and, below it, every readable subsegment into `out`; an
/// unreadable subsegment is refused (with what is nested in it) into `out.rejected`.
fn flatten_xray(
    value: &Value,
    context: &XrayContext<'_>,
    parent: Option<String>,
    is_segment: bool,
    out: &mut XrayDocument,
) -> Result<(), Rejected> {
    let XrayContext {
        trace_id,
        service,
        resource,
        now_ns,
    } = *context;
    let span_id = check_hex(&text(value, "id").unwrap_or_default(), 16, "span id")?;
    let start_ns = value
        .get("start_time")
        .and_then(Value::as_f64)
        .and_then(seconds_to_ns)
        .ok_or_else(|| Rejected {
            reason: "start_time is missing or 0".into(),
        })?;
    let end_ns = if flag(value, "in_progress") {
        None
    } else {
        Some(
            value
                .get("end_time")
                .and_then(Value::as_f64)
                .and_then(seconds_to_ns)
                .ok_or_else(|| Rejected {
                    reason: "end_time is missing and the segment is not in_progress".into(),
                })?,
        )
    };
    check_times(start_ns, end_ns, now_ns)?;
    let http_status = value
        .pointer("/http/response/status")
        .and_then(Value::as_i64);
    let status = if flag(value, "throttle") {
        SpanStatus::Throttle
    } else if flag(value, "fault") {
        SpanStatus::Fault
    } else if flag(value, "error") {
        SpanStatus::Error
    } else {
        SpanStatus::Ok
    };
    // Only `remote` and `aws` subsegments are calls out; the Python SDK marks its
    // `in_subsegment` blocks `local`, and those are the app's own work.
    let namespace = text(value, "namespace").filter(|n| n == "remote" || n == "aws");
    let kind = if is_segment {
        SpanKind::Server
    } else if namespace.is_some() {
        SpanKind::Client
    } else {
        SpanKind::Internal
    };
    let name = text(value, "name").unwrap_or_else(|| "(unnamed)".into());
    let database = value.pointer("/sql/database_type").and_then(Value::as_str);
    let remote_service = match namespace.as_deref() {
        Some(_) if database.is_some() => database.map(str::to_string),
        Some("aws") => value
            .pointer("/aws/operation")
            .and_then(Value::as_str)
            .map(|op| format!("{name}.{op}"))
            .or_else(|| Some(name.clone())),
        Some(_) => Some(name.clone()),
        None => None,
    };
    let url = value
        .pointer("/http/request/url")
        .and_then(Value::as_str)
        .map(str::to_string);
    let exceptions = xray_exceptions(value);
    let status_message = exceptions
        .first()
        .map(|e| e.message.clone())
        .filter(|m| !m.is_empty());
    let mut attributes = Map::new();
    for key in [
        "http",
        "sql",
        "aws",
        "annotations",
        "metadata",
        "cause",
        "namespace",
    ] {
        if let Some(v) = value.get(key) {
            attributes.insert(format!("xray.{key}"), v.clone());
        }
    }
    out.records.push(SpanRecord {
        trace_id: trace_id.to_string(),
        span_id: span_id.clone(),
        parent_id: parent,
        service: service.to_string(),
        name,
        kind,
        start_ns,
        end_ns,
        status,
        // The SDK's requests patch writes "get": one spelling for every source.
        http_method: value
            .pointer("/http/request/method")
            .and_then(Value::as_str)
            .map(str::to_ascii_uppercase),
        http_route: None,
        http_url: url,
        http_status,
        db_statement: value
            .get("sql")
            .and_then(|sql| text(sql, "sanitized_query").or_else(|| text(sql, "url"))),
        remote_service,
        exceptions,
        resource: resource.clone(),
        attributes,
        source: SpanSource::Xray,
        detail: SpanDetail {
            status_message,
            ..SpanDetail::default()
        },
    });
    for sub in value
        .get("subsegments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Err(rejected) = flatten_xray(sub, context, Some(span_id.clone()), false, out) {
            out.rejected.push(rejected);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOW: i64 = 1_800_000_100 * 1_000_000_000;

    #[test]
    fn an_id_number_is_its_hex_value_or_a_hash_apart_from_every_hex_value() {
        assert_eq!(
            id_number("5759e988bd862e3fe1be46a994272793"),
            0x5759_e988_bd86_2e3f_e1be_46a9_9427_2793
        );
        assert_eq!(id_number("53995c3f42cd8ad8"), 0x5399_5c3f_42cd_8ad8);
        assert_eq!(id_number("ABC"), 0xabc, "other hex: its value, as before");
        let odd = id_number("1-5759e988-bd862e3fe1be46a9");
        assert!(odd >> 127 == 1 && odd == id_number("1-5759e988-bd862e3fe1be46a9"));
        assert_ne!(id_number("not hex"), odd);
    }

    #[test]
    fn conventions_are_found_in_few_attributes_and_in_many() {
        let mut attributes = Map::new();
        attributes.insert("http.route".into(), json!("/a"));
        attributes.insert("http.response.status_code".into(), json!(503));
        for few_or_many in [3, 40] {
            while attributes.len() < few_or_many {
                attributes.insert(format!("app.field{}", attributes.len()), json!("x"));
            }
            assert_eq!(
                first_text(&attributes, semconv::HTTP_ROUTE).as_deref(),
                Some("/a")
            );
            assert_eq!(first_int(&attributes, semconv::HTTP_STATUS), Some(503));
            assert_eq!(first_text(&attributes, &["http.method"]), None);
            assert_eq!(
                first_text(&attributes, &["nope", "app.field2"]).as_deref(),
                Some("x")
            );
        }
    }

    #[test]
    fn an_id_is_a_number_only_in_its_stored_spelling() {
        assert_eq!(
            lower_hex_id::<32>("5759e988bd862e3fe1be46a994272793"),
            Some(0x5759_e988_bd86_2e3f_e1be_46a9_9427_2793)
        );
        assert_eq!(
            lower_hex_id::<32>("ffffffffffffffffffffffffffffffff"),
            Some(u128::MAX)
        );
        assert_eq!(
            lower_hex_id::<16>("000000000000000a"),
            Some(10),
            "leading zeros are digits"
        );
        for not in [
            "5759E988BD862E3FE1BE46A994272793", // upper case: another id
            "5759e988bd862e3fe1be46a99427279",  // 31 digits
            "5759e988bd862e3fe1be46a9942727930",
            "+759e988bd862e3fe1be46a994272793",
            "5759e988bd862e3fe1be46a99427279g",
            "",
        ] {
            assert_eq!(lower_hex_id::<32>(not), None, "{not}");
        }
        assert_eq!(lower_hex_id::<16>("-000000000000001"), None);
    }

    #[test]
    fn every_byte_in_every_place_of_an_id_is_read_as_the_standard_parser_reads_it() {
        let id = *b"0123456789abcdef0f1e2d3c4b5a6978";
        for place in 0..id.len() {
            for byte in 0..=u8::MAX {
                let mut text = id;
                text[place] = byte;
                let lower = byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte);
                let expected = lower.then(|| {
                    u128::from_str_radix(std::str::from_utf8(&text).unwrap(), 16).unwrap()
                });
                assert_eq!(lower_hex_id::<32>(text), expected, "{byte:#x} at {place}");
                if place < 16 {
                    assert_eq!(
                        lower_hex_id::<16>(&text[..16]),
                        expected.map(|_| {
                            u128::from_str_radix(std::str::from_utf8(&text[..16]).unwrap(), 16)
                                .unwrap()
                        }),
                        "{byte:#x} at {place} of 16"
                    );
                }
            }
        }
        // A length that is not a whole number of halves.
        assert_eq!(
            lower_hex_id::<20>(&id[..20]),
            Some(0x0123_4567_89ab_cdef_0f1e)
        );
    }

    #[test]
    fn a_segment_with_nested_subsegments_maps_onto_the_columns() {
        let doc = json!({
            "trace_id": "1-6b04d9b5-002c4c2274de5f7070f81dba",
            "id": "70de5b6f19ff9a0a",
            "name": "backend-flask",
            "start_time": 1_800_000_000.25,
            "end_time": 1_800_000_000.5,
            "fault": true,
            "http": {"request": {"method": "GET", "url": "http://localhost:4567/api/activities/home"},
                     "response": {"status": 500}},
            "annotations": {"user": "alice"},
            "subsegments": [{
                "id": "6e6d5b1f19ff9a0b", "name": "postgres", "namespace": "remote",
                "start_time": 1_800_000_000.3, "end_time": 1_800_000_000.45, "fault": true,
                "sql": {"sanitized_query": "SELECT * FROM activities", "url": "postgresql://db/cruddur"},
                "cause": {"exceptions": [{"type": "OperationalError", "message": "timeout"}]}
            }]
        });
        let records = from_xray_document(&doc, |_| None, NOW).unwrap().records;
        assert_eq!(records.len(), 2);
        let (root, db) = (&records[0], &records[1]);
        assert_eq!(root.trace_id, "6b04d9b5002c4c2274de5f7070f81dba");
        assert_eq!(
            (root.kind, root.status, root.parent_id.as_deref()),
            (SpanKind::Server, SpanStatus::Fault, None)
        );
        assert_eq!(root.start_ns, 1_800_000_000_250_000_000);
        assert_eq!(root.duration_ms(), Some(250.0));
        assert_eq!(
            (root.http_method.as_deref(), root.http_status),
            (Some("GET"), Some(500))
        );
        assert_eq!(
            root.attributes["xray.annotations"],
            json!({"user": "alice"})
        );
        assert_eq!(db.parent_id.as_deref(), Some("70de5b6f19ff9a0a"));
        assert_eq!(
            (db.kind, db.service.as_str()),
            (SpanKind::Client, "backend-flask")
        );
        assert_eq!(db.db_statement.as_deref(), Some("SELECT * FROM activities"));
        assert_eq!(db.remote_service.as_deref(), Some("postgres"));
        assert_eq!(db.exceptions[0].message, "timeout");
    }

    #[test]
    fn a_lone_subsegment_and_an_in_progress_segment() {
        let lone = json!({
            "type": "subsegment", "trace_id": "1-6b04d9b5-002c4c2274de5f7070f81dba",
            "parent_id": "70de5b6f19ff9a0a", "id": "0123456789abcdef", "name": "DynamoDB",
            "namespace": "aws", "aws": {"operation": "Query"},
            "start_time": 1_800_000_000.3, "end_time": 1_800_000_000.31
        });
        let records = from_xray_document(
            &lone,
            |p| (p == "70de5b6f19ff9a0a").then(|| "backend-flask".to_string()),
            NOW,
        )
        .unwrap()
        .records;
        assert_eq!(records[0].service, "backend-flask");
        assert_eq!(records[0].remote_service.as_deref(), Some("DynamoDB.Query"));
        let open = json!({
            "trace_id": "1-6b04d9b5-002c4c2274de5f7070f81dba", "id": "70de5b6f19ff9a0a",
            "name": "worker", "start_time": 1_800_000_000.0, "in_progress": true
        });
        assert_eq!(
            from_xray_document(&open, |_| None, NOW).unwrap().records[0].end_ns,
            None
        );
    }

    #[test]
    fn local_subsegments_are_internal_and_a_bad_one_costs_only_itself() {
        let doc = json!({
            "trace_id": "1-6b04d9b5-002c4c2274de5f7070f81dba", "id": "70de5b6f19ff9a0a",
            "name": 404, "start_time": 1_800_000_000.0, "end_time": 1_800_000_000.5,
            "subsegments": [
                {"id": "0000000000000001", "name": "render", "namespace": "local",
                 "start_time": 1_800_000_000.1, "end_time": 1_800_000_000.2},
                {"id": "bad", "name": "broken", "start_time": 1_800_000_000.1,
                 "end_time": 1_800_000_000.2,
                 "subsegments": [{"id": "0000000000000009", "name": "under the broken one",
                                  "start_time": 1_800_000_000.1, "end_time": 1_800_000_000.2}]},
                {"id": "0000000000000002", "name": "far future", "start_time": 1_800_000_000.1,
                 "end_time": 8_000_000_000.0},
                {"id": "0000000000000003", "name": "postgres", "namespace": "remote",
                 "start_time": 1_800_000_000.2, "end_time": 1_800_000_000.3}
            ]
        });
        let document = from_xray_document(&doc, |_| None, NOW).unwrap();
        let names: Vec<(&str, SpanKind, Option<&str>)> = document
            .records
            .iter()
            .map(|r| (r.name.as_str(), r.kind, r.remote_service.as_deref()))
            .collect();
        assert_eq!(
            names,
            [
                ("404", SpanKind::Server, None),
                ("render", SpanKind::Internal, None),
                ("postgres", SpanKind::Client, Some("postgres")),
            ]
        );
        assert_eq!(document.records[0].service, "404");
        let reasons: Vec<&str> = document
            .rejected
            .iter()
            .map(|r| r.reason.as_str())
            .collect();
        assert_eq!(
            reasons,
            [
                "span id 'bad' is not 16 hex digits",
                "end time is more than a day in the future"
            ]
        );
    }

    #[test]
    fn garbage_is_rejected_with_the_reason() {
        let cases = [
            (json!([1, 2]), "not a JSON object"),
            (
                json!({"trace_id": "abc", "id": "70de5b6f19ff9a0a"}),
                "not an X-Ray id",
            ),
            (
                json!({"trace_id": "1-6b04d9b5-002c4c2274de5f7070f81dba", "id": "xyz",
                       "start_time": 1.0, "end_time": 2.0}),
                "span id 'xyz' is not 16 hex digits",
            ),
            (
                json!({"trace_id": "1-6b04d9b5-002c4c2274de5f7070f81dba", "id": "70de5b6f19ff9a0a",
                       "start_time": 0, "end_time": 2.0}),
                "start_time is missing or 0",
            ),
            (
                json!({"trace_id": "1-6b04d9b5-002c4c2274de5f7070f81dba", "id": "70de5b6f19ff9a0a",
                       "start_time": 9_000_000_000.0, "end_time": 9_000_000_001.0}),
                "more than a day in the future",
            ),
            (
                json!({"type": "subsegment", "trace_id": "1-6b04d9b5-002c4c2274de5f7070f81dba",
                       "id": "70de5b6f19ff9a0a", "start_time": 1.0, "end_time": 2.0}),
                "needs a parent_id",
            ),
        ];
        for (doc, reason) in cases {
            let err = from_xray_document(&doc, |_| None, NOW).unwrap_err();
            assert!(err.reason.contains(reason), "{doc}: {}", err.reason);
        }
    }
}
