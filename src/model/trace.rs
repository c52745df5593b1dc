//! Traces as tracectl computes on them: X-Ray trace ids in both accepted forms, the summary
//! of one trace (what GetTraceSummaries returns), and one span tree built from X-Ray segment
//! documents — a shape plain enough to hold OpenTelemetry spans later.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use jiff::Timestamp;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::span::{SpanDetail, SpanKind, SpanSource};

/// A trace id in X-Ray form (`1-5f84c7a1-0123456789abcdef01234567`), however it was given.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct TraceId(String);

/// The message for an id that is neither form; it shows both, so the user can fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceIdError(String);

impl fmt::Display for TraceIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a trace id; give an X-Ray id (1-5f84c7a1-0123456789abcdef01234567) \
             or a W3C/OpenTelemetry id (32 hex digits: 5f84c7a10123456789abcdef01234567)",
            self.0
        )
    }
}

impl std::error::Error for TraceIdError {}

fn is_hex(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether `s` is exactly `len` hex digits: the one check of every id tracectl reads (trace
/// and span ids from apps and services, tokens' shapes).
pub fn is_hex_of_len(s: &str, len: usize) -> bool {
    s.len() == len && is_hex(s)
}

/// A trace or span id as an app or a service sent it, as text: `len` hex digits (either
/// case, kept lowercase) and not all zeros (W3C Trace Context's invalid id). The one check of
/// every id tracectl receives; the message names `what` and the id.
pub fn received_hex_id(text: &str, len: usize, what: &str) -> Result<String, String> {
    let id = text.to_ascii_lowercase();
    if !is_hex_of_len(&id, len) {
        return Err(format!("{what} '{id}' is not {len} hex digits"));
    }
    if id.bytes().all(|b| b == b'0') {
        return Err(format!("{what} is all zeros"));
    }
    Ok(id)
}

/// The same check of an id sent as bytes (OTLP): `len` bytes, not all zeros; its hex.
pub fn received_id_bytes(bytes: &[u8], len: usize, what: &str) -> Result<String, String> {
    if bytes.len() != len {
        return Err(format!("{what} is {} bytes, not {len}", bytes.len()));
    }
    if bytes.iter().all(|b| *b == 0) {
        return Err(format!("{what} is all zeros"));
    }
    Ok(lower_hex(bytes))
}

/// `bytes` as lowercase hex. `hex::encode` pushes one `char` at a time; three ids of every
/// span received come through here.
pub fn lower_hex(bytes: &[u8]) -> String {
    let mut out = vec![0u8; bytes.len() * 2];
    // The buffer is exactly twice the input: encode_to_slice cannot fail.
    let _ = hex::encode_to_slice(bytes, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

impl FromStr for TraceId {
    type Err = TraceIdError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let s = input.trim().to_ascii_lowercase();
        let err = || TraceIdError(input.to_string());
        // W3C trace ids are the X-Ray id without the version and dashes: the first 8 hex
        // digits are the epoch, the other 24 the random part.
        if is_hex_of_len(&s, 32) {
            return Ok(TraceId(format!("1-{}-{}", &s[..8], &s[8..])));
        }
        let mut parts = s.split('-');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some("1"), Some(epoch), Some(random), None)
                if is_hex_of_len(epoch, 8) && is_hex_of_len(random, 24) =>
            {
                Ok(TraceId(s))
            }
            _ => Err(err()),
        }
    }
}

impl TraceId {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The W3C/OpenTelemetry form of the same id.
    pub fn w3c(&self) -> String {
        self.0.trim_start_matches("1-").replace('-', "")
    }
}

impl fmt::Display for TraceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Converts X-Ray's float epoch seconds, keeping microseconds (the precision segments carry).
pub fn epoch_seconds(seconds: f64) -> Option<Timestamp> {
    if !seconds.is_finite() {
        return None;
    }
    Timestamp::from_microsecond((seconds * 1e6).round() as i64).ok()
}

/// The CloudWatch console's page of an X-Ray trace.
pub fn xray_console_url(region: &str, trace_id: &str) -> String {
    format!(
        "https://{region}.console.aws.amazon.com/cloudwatch/home?region={region}#xray:traces/{trace_id}"
    )
}

/// One trace as GetTraceSummaries describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceSummary {
    pub id: String,
    pub start: Option<Timestamp>,
    /// Seconds from the first segment's start to the last one's end.
    pub duration: Option<f64>,
    /// Seconds the root segment took to answer.
    pub response_time: Option<f64>,
    pub method: Option<String>,
    pub url: Option<String>,
    /// The route template the app matched (`/inventory/<sku>`, OpenTelemetry's
    /// `http.route`); routes group by it when known, else by the URL with ids cut out.
    pub route: Option<String>,
    /// The service the request entered through, when the source names it.
    pub service: Option<String>,
    pub status: Option<i32>,
    pub has_error: bool,
    pub has_fault: bool,
    pub has_throttle: bool,
}

impl TraceSummary {
    /// What the user waited: the response time, or the whole trace when there is none.
    pub fn latency(&self) -> Option<f64> {
        self.response_time.or(self.duration)
    }

    /// When the trace started: as reported, else the epoch hidden in the id.
    pub fn started(&self) -> Option<Timestamp> {
        self.start.or_else(|| {
            let epoch = self.id.split('-').nth(1)?;
            Timestamp::from_second(i64::from_str_radix(epoch, 16).ok()?).ok()
        })
    }
}

/// HTTP facts of a span.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
pub struct HttpInfo {
    pub method: Option<String>,
    pub url: Option<String>,
    pub status: Option<i64>,
}

/// An exception recorded on a span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct SpanException {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub message: String,
    /// The stack as the SDK wrote it (`exception.stacktrace`), most recent call last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stacktrace: Option<String>,
}

/// One segment or subsegment, with its children ordered by start time.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Span {
    pub name: String,
    pub id: String,
    pub parent_id: Option<String>,
    pub start: Timestamp,
    /// `None` while the segment is still in progress.
    pub end: Option<Timestamp>,
    /// Seconds; `None` while in progress.
    pub duration: Option<f64>,
    /// `aws` or `remote` for calls to other services, as the SDKs mark them.
    pub namespace: Option<String>,
    pub http: Option<HttpInfo>,
    pub sql: Option<String>,
    pub error: bool,
    pub fault: bool,
    pub throttle: bool,
    pub exceptions: Vec<SpanException>,
    /// Every field the local store holds of the span beyond what the waterfall draws
    /// (service, kind, attributes, resource, events, links); `None` for X-Ray documents,
    /// whose JSON is the document itself.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub stored: Option<Box<StoredFacts>>,
    pub children: Vec<Span>,
}

/// What the local store keeps of a span besides its tree, times and HTTP facts.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StoredFacts {
    pub service: String,
    pub kind: SpanKind,
    pub source: SpanSource,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_route: Option<String>,
    /// The service a client span called.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remote_service: Option<String>,
    pub attributes: Map<String, Value>,
    pub resource: Arc<Map<String, Value>>,
    #[serde(flatten)]
    pub detail: SpanDetail,
}

impl Span {
    /// This span and all below it, depth first, with each one's depth.
    pub fn walk(&self) -> Vec<(usize, &Span)> {
        fn go<'a>(span: &'a Span, depth: usize, out: &mut Vec<(usize, &'a Span)>) {
            out.push((depth, span));
            for child in &span.children {
                go(child, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        go(self, 0, &mut out);
        out
    }
}

/// One row of a drawn span tree: the span, its guides (`├─ `, `└─ `, `│  `) and whether
/// its children are folded away.
pub struct TreeRow<'a> {
    pub span: &'a Span,
    pub guides: String,
    pub folded: bool,
}

/// The rows of `roots` depth first with their tree guides, the children of spans that
/// `folded` names left out: what the waterfall of every face draws.
pub fn tree_rows<'a>(roots: &'a [Span], folded: &dyn Fn(&Span) -> bool) -> Vec<TreeRow<'a>> {
    fn go<'a>(
        span: &'a Span,
        guide: &str,
        branch: &str,
        folded: &dyn Fn(&Span) -> bool,
        out: &mut Vec<TreeRow<'a>>,
    ) {
        let is_folded = !span.children.is_empty() && folded(span);
        out.push(TreeRow {
            span,
            guides: format!("{guide}{branch}"),
            folded: is_folded,
        });
        if is_folded {
            return;
        }
        let below = match branch {
            "" => guide.to_string(),
            "└─ " => format!("{guide}   "),
            _ => format!("{guide}│  "),
        };
        let n = span.children.len();
        for (i, child) in span.children.iter().enumerate() {
            let branch = if i + 1 == n { "└─ " } else { "├─ " };
            go(child, &below, branch, folded, out);
        }
    }
    let mut out = Vec::new();
    for root in roots {
        go(root, "", "", folded, &mut out);
    }
    out
}

/// One trace's span tree. Roots are segments without a parent in the trace (usually one).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Trace {
    pub id: String,
    pub spans: Vec<Span>,
    /// Segment documents that were not readable JSON segments (said, never dropped silently).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<String>,
}

impl Trace {
    /// Builds the tree from segment documents (the `Document` strings of BatchGetTraces).
    /// Subsegments nest inside their segment; a segment whose `parent_id` names a span of
    /// another document (a downstream service) hangs under that span.
    pub fn from_documents<'a>(id: &str, documents: impl IntoIterator<Item = &'a str>) -> Trace {
        let mut flat: Vec<Span> = Vec::new();
        let mut unreadable = Vec::new();
        for (index, doc) in documents.into_iter().enumerate() {
            match serde_json::from_str::<Value>(doc) {
                Ok(value) if value.is_object() => flatten(&value, None, &mut flat),
                Ok(_) => unreadable.push(format!("document {}: not a JSON object", index + 1)),
                Err(e) => unreadable.push(format!("document {}: {e}", index + 1)),
            }
        }
        Trace {
            id: id.to_string(),
            spans: assemble(flat),
            unreadable,
        }
    }

    /// The earliest start and the latest end (or start, for spans still in progress).
    pub fn bounds(&self) -> Option<(Timestamp, Timestamp)> {
        let all: Vec<&Span> = self
            .spans
            .iter()
            .flat_map(|s| s.walk().into_iter().map(|(_, s)| s))
            .collect();
        let start = all.iter().map(|s| s.start).min()?;
        let end = all.iter().map(|s| s.end.unwrap_or(s.start)).max()?;
        Some((start, end))
    }

    /// The root segment the request entered through: the earliest root.
    pub fn entry(&self) -> Option<&Span> {
        self.spans.first()
    }

    /// Whether any span is still in progress.
    pub fn in_progress(&self) -> bool {
        self.spans
            .iter()
            .any(|s| s.walk().iter().any(|(_, s)| s.end.is_none()))
    }
}

pub(crate) fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key)?.as_str().map(str::to_string)
}

pub(crate) fn flag(value: &Value, key: &str) -> bool {
    value.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// The `cause.exceptions` of an X-Ray (sub)segment.
pub(crate) fn xray_exceptions(value: &Value) -> Vec<SpanException> {
    value
        .pointer("/cause/exceptions")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|e| SpanException {
                    kind: text(e, "type"),
                    message: text(e, "message").unwrap_or_default(),
                    stacktrace: xray_stack(e),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// An X-Ray exception's `stack` frames as one text, most recent call last (X-Ray lists
/// them innermost first).
fn xray_stack(exception: &Value) -> Option<String> {
    let frames = exception.get("stack")?.as_array()?;
    let lines: Vec<String> = frames
        .iter()
        .rev()
        .map(|f| {
            format!(
                "  File \"{}\", line {}, in {}",
                f.get("path").and_then(Value::as_str).unwrap_or("?"),
                f.get("line").and_then(Value::as_i64).unwrap_or(0),
                f.get("label").and_then(Value::as_str).unwrap_or("?")
            )
        })
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// Reads one (sub)segment into `out`, its nested subsegments after it with this one as
/// parent. Children are left empty here; `assemble` links everything by id.
fn flatten(value: &Value, parent: Option<&str>, out: &mut Vec<Span>) {
    let id = text(value, "id").unwrap_or_default();
    let start = value
        .get("start_time")
        .and_then(Value::as_f64)
        .and_then(epoch_seconds)
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let end = if flag(value, "in_progress") {
        None
    } else {
        value
            .get("end_time")
            .and_then(Value::as_f64)
            .and_then(epoch_seconds)
    };
    let duration = end.map(|e| e.duration_since(start).as_secs_f64());
    let http = value.get("http").map(|h| HttpInfo {
        method: h
            .pointer("/request/method")
            .and_then(Value::as_str)
            .map(str::to_string),
        url: h
            .pointer("/request/url")
            .and_then(Value::as_str)
            .map(str::to_string),
        status: h.pointer("/response/status").and_then(Value::as_i64),
    });
    let sql = value.get("sql").and_then(|sql| {
        text(sql, "sanitized_query")
            .or_else(|| text(sql, "url"))
            .or_else(|| text(sql, "database_type"))
    });
    let exceptions = xray_exceptions(value);
    out.push(Span {
        name: text(value, "name").unwrap_or_else(|| "(unnamed)".into()),
        parent_id: parent
            .map(str::to_string)
            .or_else(|| text(value, "parent_id")),
        id: id.clone(),
        start,
        end,
        duration,
        namespace: text(value, "namespace"),
        http,
        sql,
        error: flag(value, "error"),
        fault: flag(value, "fault"),
        throttle: flag(value, "throttle"),
        exceptions,
        stored: None,
        children: Vec::new(),
    });
    for sub in value
        .get("subsegments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        flatten(sub, Some(&id), out);
    }
}

/// Links flat spans into trees by `parent_id`, children and roots ordered by start.
pub(crate) fn assemble(flat: Vec<Span>) -> Vec<Span> {
    let ids: std::collections::HashSet<String> = flat.iter().map(|s| s.id.clone()).collect();
    let mut children: HashMap<String, Vec<Span>> = HashMap::new();
    let mut roots = Vec::new();
    for span in flat {
        match span.parent_id.as_ref().filter(|p| ids.contains(*p)) {
            Some(parent) => children.entry(parent.clone()).or_default().push(span),
            None => roots.push(span),
        }
    }
    fn attach(mut span: Span, children: &mut HashMap<String, Vec<Span>>, depth: usize) -> Span {
        // A cycle of parent ids (a malformed trace) must not recurse forever.
        if depth < 256
            && let Some(kids) = children.remove(&span.id)
        {
            span.children = kids
                .into_iter()
                .map(|k| attach(k, children, depth + 1))
                .collect();
            span.children.sort_by_key(|s| s.start);
        }
        span
    }
    let mut roots: Vec<Span> = roots
        .into_iter()
        .map(|r| attach(r, &mut children, 0))
        .collect();
    roots.sort_by_key(|s| s.start);
    roots
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn received_ids_are_checked_one_way_whatever_the_source() {
        assert_eq!(
            received_hex_id("70DE5B6F4C3E2A1B", 16, "span id"),
            Ok("70de5b6f4c3e2a1b".to_string())
        );
        assert_eq!(
            received_hex_id("70de5b6f", 16, "span id"),
            Err("span id '70de5b6f' is not 16 hex digits".to_string())
        );
        assert_eq!(
            received_hex_id(&"0".repeat(32), 32, "trace id"),
            Err("trace id is all zeros".to_string())
        );
        assert_eq!(
            received_id_bytes(&[0xab; 8], 8, "span id"),
            Ok("ab".repeat(8))
        );
        assert_eq!(
            received_id_bytes(&[1, 2, 3], 8, "span id"),
            Err("span id is 3 bytes, not 8".to_string())
        );
        assert_eq!(
            received_id_bytes(&[0; 16], 16, "trace id"),
            Err("trace id is all zeros".to_string())
        );
    }

    #[test]
    fn trace_ids_in_both_forms() {
        let xray: TraceId = "1-5f84c7a1-0123456789abcdef01234567".parse().unwrap();
        let w3c: TraceId = "5F84C7A10123456789ABCDEF01234567".parse().unwrap();
        assert_eq!(xray, w3c);
        assert_eq!(xray.as_str(), "1-5f84c7a1-0123456789abcdef01234567");
        assert_eq!(xray.w3c(), "5f84c7a10123456789abcdef01234567");
        for bad in [
            "",
            "1-5f84c7a1",
            "2-5f84c7a1-0123456789abcdef01234567",
            "1-5f84c7a1-0123456789abcdef0123456",
            "1-5f84c7zz-0123456789abcdef01234567",
            "5f84c7a10123456789abcdef0123456",
        ] {
            let err = bad.parse::<TraceId>().unwrap_err().to_string();
            assert!(err.contains("1-5f84c7a1-0123456789abcdef01234567"), "{err}");
            assert!(err.contains("32 hex digits"), "{err}");
        }
    }

    #[test]
    fn summary_start_falls_back_to_the_id_epoch() {
        let summary = TraceSummary {
            id: "1-5f84c7a1-0123456789abcdef01234567".into(),
            start: None,
            duration: Some(1.5),
            response_time: None,
            method: None,
            url: None,
            route: None,
            service: None,
            status: None,
            has_error: false,
            has_fault: false,
            has_throttle: false,
        };
        assert_eq!(summary.started().unwrap().as_second(), 0x5f84c7a1);
        assert_eq!(summary.latency(), Some(1.5));
    }

    #[test]
    fn segments_nest_subsegments_and_downstream_segments() {
        let root = r#"{"id":"aaaaaaaaaaaaaaaa","name":"backend-flask","trace_id":"1-5f84c7a1-0123456789abcdef01234567",
            "start_time":100.0,"end_time":102.5,"fault":true,
            "http":{"request":{"method":"GET","url":"http://x/api/a/1"},"response":{"status":500}},
            "cause":{"exceptions":[{"type":"OperationalError","message":"connection failed"}]},
            "subsegments":[
              {"id":"cccccccccccccccc","name":"cognito-idp","namespace":"aws","start_time":101.0,"end_time":101.012},
              {"id":"bbbbbbbbbbbbbbbb","name":"postgres","start_time":100.1,"end_time":101.7,
               "sql":{"sanitized_query":"SELECT 1"},
               "subsegments":[{"id":"dddddddddddddddd","name":"connect","start_time":100.1,"end_time":100.2}]}
            ]}"#;
        let downstream = r#"{"id":"eeeeeeeeeeeeeeee","name":"worker","parent_id":"cccccccccccccccc",
            "start_time":101.001,"in_progress":true}"#;
        let trace = Trace::from_documents("t", [downstream, root, "not json"]);
        assert_eq!(trace.spans.len(), 1);
        assert_eq!(trace.unreadable.len(), 1);
        let names: Vec<(usize, &str)> = trace.spans[0]
            .walk()
            .into_iter()
            .map(|(d, s)| (d, s.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                (0, "backend-flask"),
                (1, "postgres"),
                (2, "connect"),
                (1, "cognito-idp"),
                (2, "worker")
            ]
        );
        let root = &trace.spans[0];
        assert_eq!(root.duration, Some(2.5));
        assert!(root.fault && !root.error);
        assert_eq!(root.http.as_ref().unwrap().status, Some(500));
        assert_eq!(root.exceptions[0].message, "connection failed");
        assert_eq!(root.children[0].sql.as_deref(), Some("SELECT 1"));
        assert_eq!(root.children[1].namespace.as_deref(), Some("aws"));
        assert!(trace.in_progress());
        let (start, end) = trace.bounds().unwrap();
        assert_eq!(end.duration_since(start).as_secs_f64(), 2.5);
    }
}
