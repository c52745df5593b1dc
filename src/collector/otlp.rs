//! OTLP receivers, to the OTLP 1.x specification: `POST /v1/traces` and `POST /v1/logs`
//! over HTTP (protobuf or JSON, optionally gzip, answered in the request's encoding) and
//! the gRPC `TraceService/Export` and `LogsService/Export` (gzip accepted). Requests are
//! decoded by the `opentelemetry-proto` types, never by hand; one HTTP handler serves both
//! signals (see [`Signal`]), so logs keep every limit and answer that traces keep.

use std::io::Read;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use http_body_util::BodyExt;
use opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::{
    TraceService, TraceServiceServer,
};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTracePartialSuccess, ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use prost::Message;
use tokio::time::{Duration, Instant};

use super::admission::{ADMISSION_WAIT, Admission};
use super::{BUSY, Collector, Counters, NotStored};
use crate::model::otlp::convert;

/// The largest request body accepted, compressed or not (the collector's default is 20 MiB
/// for gRPC messages; a BatchSpanProcessor batch of 512 spans is well under 1 MiB).
pub const MAX_BODY: usize = 16 * 1024 * 1024;
/// The largest a compressed body may grow to when decompressed: a gzip bomb stops here.
pub const MAX_DECOMPRESSED: usize = 64 * 1024 * 1024;
/// A body must keep arriving: a pause longer than this between two pieces ends the request.
const BODY_IDLE: Duration = Duration::from_secs(10);
/// And it must be complete within this, however it trickles.
const BODY_TIMEOUT: Duration = Duration::from_secs(30);
/// The share of the budget a request grows by as its body is read or unpacked.
const STEP: usize = 256 * 1024;

pub(super) fn now_ns() -> i64 {
    jiff::Timestamp::now().as_nanosecond() as i64
}

/// Stores (and forwards) one export request's spans once they are committed, and says which
/// were refused; `Err` when they could not be kept and the sender should retry (nothing was
/// counted or forwarded then).
async fn accept(
    collector: &Collector,
    request: ExportTraceServiceRequest,
    admission: Admission,
    forward_payload: impl FnOnce(&ExportTraceServiceRequest) -> Vec<u8>,
) -> Result<ExportTraceServiceResponse, NotStored> {
    // What is forwarded is encoded from the request before it is taken apart.
    let forward = collector
        .forward_otlp()
        .map(|forwarder| (forwarder.clone(), forward_payload(&request)));
    // The decoded request is gone once converted: the commit sizes the share to what stays
    // held, the records and their JSON.
    let mut converted = convert(request, now_ns());
    let total = converted.records.len() + converted.rejected.len();
    let records = super::Records::Spans(std::mem::take(&mut converted.records));
    if let Err(not_stored) = collector.commit(records, Some(admission)).await {
        Counters::add(&collector.counters.deferred, 1);
        return Err(not_stored);
    }
    Counters::add(&collector.counters.received, total);
    Counters::add(&collector.counters.rejected, converted.rejected.len());
    collector.cut("OTLP", converted.truncated);
    let partial_success = (!converted.rejected.is_empty()).then(|| {
        let message = converted.rejection_message();
        collector.refused("OTLP", message.clone());
        ExportTracePartialSuccess {
            rejected_spans: converted.rejected.len() as i64,
            error_message: message,
        }
    });
    if let Some((forwarder, payload)) = forward {
        forwarder.send(total, payload);
    }
    Ok(ExportTraceServiceResponse { partial_success })
}

// ---- HTTP ----------------------------------------------------------------------------------

/// What an OTLP/HTTP endpoint receives: its request and response types, and what it does
/// with a decoded request.
pub(super) trait Signal: Send + Sync + 'static {
    type Request: Message + Default + serde::de::DeserializeOwned + Send;
    type Response: Message + serde::Serialize + Send;
    /// What the body must be, for the error that says it is not.
    const WHAT: &'static str;
    /// Whether the protobuf body should be kept for a forwarder.
    fn wants_raw(collector: &Collector) -> bool;
    /// Stores the request's records; `Err` when they could not be kept (retry).
    fn accept(
        collector: &Collector,
        request: Self::Request,
        admission: Admission,
        raw: Option<Bytes>,
    ) -> impl std::future::Future<Output = Result<Self::Response, NotStored>> + Send;
    /// Whether the answer carries a partial success (else its JSON is `{}`).
    fn partial(response: &Self::Response) -> bool;
}

/// `/v1/traces`.
pub(super) struct Traces;

impl Signal for Traces {
    type Request = ExportTraceServiceRequest;
    type Response = ExportTraceServiceResponse;
    const WHAT: &'static str = "an OTLP trace export";

    fn wants_raw(collector: &Collector) -> bool {
        collector.forward_otlp().is_some()
    }

    async fn accept(
        collector: &Collector,
        request: Self::Request,
        admission: Admission,
        raw: Option<Bytes>,
    ) -> Result<Self::Response, NotStored> {
        // The protobuf body is what a forwarder sends on; JSON is encoded for it.
        let forward_payload = move |request: &ExportTraceServiceRequest| {
            raw.map_or_else(|| request.encode_to_vec(), |b| b.to_vec())
        };
        accept(collector, request, admission, forward_payload).await
    }

    fn partial(response: &Self::Response) -> bool {
        response.partial_success.is_some()
    }
}

/// The OTLP/HTTP endpoint: traces and logs.
pub fn http_router(collector: Collector) -> Router {
    Router::new()
        .route("/v1/traces", post(export_http::<Traces>))
        .route("/v1/logs", post(export_http::<super::otlp_logs::Logs>))
        // The handler applies MAX_BODY itself.
        .layer(DefaultBodyLimit::disable())
        .with_state(collector)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Protobuf,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Compression {
    Identity,
    Gzip,
    /// HTTP's `deflate` is the zlib format (RFC 9110 8.4.1.2), which the Python SDK sends.
    Deflate,
}

/// `google.rpc.Status`, the body of an OTLP error response (only the fields tracectl sets).
#[derive(Clone, PartialEq, prost::Message, serde::Serialize)]
struct RpcStatus {
    #[prost(int32, tag = "1")]
    code: i32,
    #[prost(string, tag = "2")]
    message: String,
}

/// gRPC's INVALID_ARGUMENT, the code OTLP uses for a request it cannot decode.
pub(super) const INVALID_ARGUMENT: i32 = 3;
/// gRPC's UNAVAILABLE: retry later.
const UNAVAILABLE: i32 = 14;

fn encoded(encoding: Encoding, status: StatusCode, body: Vec<u8>) -> Response {
    let content_type = match encoding {
        Encoding::Protobuf => "application/x-protobuf",
        Encoding::Json => "application/json",
    };
    (status, [(header::CONTENT_TYPE, content_type)], body).into_response()
}

fn status_body(encoding: Encoding, code: i32, message: String) -> Vec<u8> {
    let rpc = RpcStatus { code, message };
    match encoding {
        Encoding::Protobuf => rpc.encode_to_vec(),
        Encoding::Json => serde_json::to_vec(&rpc).unwrap_or_default(),
    }
}

/// A request refused for what it is (the sender should not retry it as it is).
fn error(
    collector: &Collector,
    encoding: Encoding,
    status: StatusCode,
    message: String,
) -> Response {
    Counters::add(&collector.counters.malformed, 1);
    collector.refused("OTLP/HTTP", format!("{} {message}", status.as_u16()));
    encoded(
        encoding,
        status,
        status_body(encoding, INVALID_ARGUMENT, message),
    )
}

/// "Busy, retry": 503 is retryable for OTLP/HTTP exporters, and Retry-After paces them.
fn busy(encoding: Encoding, message: String) -> Response {
    let mut response = encoded(
        encoding,
        StatusCode::SERVICE_UNAVAILABLE,
        status_body(encoding, UNAVAILABLE, message),
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

/// No room in the memory budget came in time: counted, and the sender asked to retry.
fn no_room(collector: &Collector, encoding: Encoding) -> Response {
    Counters::add(&collector.counters.deferred, 1);
    busy(encoding, BUSY.into())
}

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

async fn export_http<S: Signal>(
    State(collector): State<Collector>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    let content_type = header_text(&headers, header::CONTENT_TYPE)
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let encoding = match content_type.as_str() {
        "application/x-protobuf" | "application/protobuf" => Encoding::Protobuf,
        "application/json" => Encoding::Json,
        other => {
            Counters::add(&collector.counters.malformed, 1);
            collector.refused("OTLP/HTTP", format!("415 media type '{other}'"));
            return (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "OTLP/HTTP takes application/x-protobuf or application/json",
            )
                .into_response();
        }
    };
    let compression = match header_text(&headers, header::CONTENT_ENCODING)
        .unwrap_or("identity")
        .trim()
        .to_ascii_lowercase()
        .as_str()
    {
        "identity" | "" => Compression::Identity,
        "gzip" | "x-gzip" => Compression::Gzip,
        "deflate" => Compression::Deflate,
        other => {
            Counters::add(&collector.counters.malformed, 1);
            collector.refused("OTLP/HTTP", format!("415 content encoding '{other}'"));
            return (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "OTLP/HTTP takes gzip, deflate or no content encoding",
            )
                .into_response();
        }
    };
    let declared: usize = header_text(&headers, header::CONTENT_LENGTH)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let too_large = || format!("the body is larger than {MAX_BODY} bytes");
    if declared > MAX_BODY {
        return error(
            &collector,
            encoding,
            StatusCode::PAYLOAD_TOO_LARGE,
            too_large(),
        );
    }
    // Admitted before anything is read or decoded: when the listener is behind, a request
    // waits briefly for room and then costs nothing but its answer.
    let until = Instant::now() + ADMISSION_WAIT;
    let Some(mut admission) = collector.budget.admit(declared, until).await else {
        return no_room(&collector, encoding);
    };
    let body = match read_body(body, &mut admission, until).await {
        Ok(body) => body,
        Err(Unreadable::TooLarge) => {
            return error(
                &collector,
                encoding,
                StatusCode::PAYLOAD_TOO_LARGE,
                too_large(),
            );
        }
        Err(Unreadable::Busy) => {
            return no_room(&collector, encoding);
        }
        Err(Unreadable::Slow(read)) => {
            return error(
                &collector,
                encoding,
                StatusCode::REQUEST_TIMEOUT,
                format!("the body did not arrive in time ({read} bytes read)"),
            );
        }
        Err(Unreadable::BrokeOff(read)) => {
            // The sender went away: nobody reads an answer, but the refusal is counted.
            Counters::add(&collector.counters.malformed, 1);
            collector.refused(
                "OTLP/HTTP",
                format!("the request broke off after {read} bytes of its body"),
            );
            return StatusCode::BAD_REQUEST.into_response();
        }
    };
    let unpacked = unpack(compression, body, &mut admission, until).await;
    // The share is as large as this request gets: another may grow past the lock now.
    admission.done_growing();
    let bytes = match unpacked {
        Ok(bytes) => bytes,
        Err(Unpacked::TooLarge) => {
            return error(
                &collector,
                encoding,
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the body decompresses to more than {MAX_DECOMPRESSED} bytes"),
            );
        }
        Err(Unpacked::Busy) => {
            return no_room(&collector, encoding);
        }
        Err(Unpacked::Invalid(e)) => {
            return error(
                &collector,
                encoding,
                StatusCode::BAD_REQUEST,
                format!("the compressed body cannot be read: {e}"),
            );
        }
    };
    let request = match encoding {
        Encoding::Protobuf => S::Request::decode(bytes.as_ref()).map_err(|e| e.to_string()),
        Encoding::Json => serde_json::from_slice::<S::Request>(&bytes).map_err(|e| e.to_string()),
    };
    let request = match request {
        Ok(r) => r,
        Err(e) => {
            return error(
                &collector,
                encoding,
                StatusCode::BAD_REQUEST,
                format!("the body is not {}: {e}", S::WHAT),
            );
        }
    };
    let raw = (encoding == Encoding::Protobuf && S::wants_raw(&collector)).then(|| bytes.clone());
    drop(bytes);
    let response = match S::accept(&collector, request, admission, raw).await {
        Ok(response) => response,
        Err(NotStored(reason)) => return busy(encoding, reason),
    };
    let body = match encoding {
        Encoding::Protobuf => response.encode_to_vec(),
        // The JSON mapping leaves an unset message out; the crate would write `null`.
        Encoding::Json if !S::partial(&response) => b"{}".to_vec(),
        Encoding::Json => serde_json::to_vec(&response).unwrap_or_default(),
    };
    encoded(encoding, StatusCode::OK, body)
}

/// Why a body was not read.
pub(super) enum Unreadable {
    TooLarge,
    /// No room in the memory budget came in time.
    Busy,
    /// It stopped arriving: bytes read so far.
    Slow(usize),
    /// The connection ended before the body did: bytes read so far.
    BrokeOff(usize),
}

/// Reads a body of at most [`MAX_BODY`] bytes, growing the request's share of the budget as
/// it arrives, within [`BODY_IDLE`] between pieces and [`BODY_TIMEOUT`] in all.
pub(super) async fn read_body(
    mut body: axum::body::Body,
    admission: &mut Admission,
    until: Instant,
) -> Result<Bytes, Unreadable> {
    let deadline = Instant::now() + BODY_TIMEOUT;
    let mut pieces: Vec<Bytes> = Vec::new();
    let mut read = 0usize;
    loop {
        let wait = deadline.min(Instant::now() + BODY_IDLE);
        let frame = match tokio::time::timeout_at(wait, body.frame()).await {
            Err(_) => return Err(Unreadable::Slow(read)),
            Ok(None) => break,
            Ok(Some(Err(_))) => return Err(Unreadable::BrokeOff(read)),
            Ok(Some(Ok(frame))) => frame,
        };
        let Ok(data) = frame.into_data() else {
            continue; // trailers
        };
        read += data.len();
        if read > MAX_BODY {
            return Err(Unreadable::TooLarge);
        }
        if read > admission.bytes() && !admission.grow_to(read + STEP, until).await {
            return Err(Unreadable::Busy);
        }
        pieces.push(data);
    }
    Ok(match pieces.len() {
        1 => pieces.pop().unwrap_or_default(),
        _ => {
            let mut all = Vec::with_capacity(read);
            for piece in pieces {
                all.extend_from_slice(&piece);
            }
            Bytes::from(all)
        }
    })
}

enum Unpacked {
    TooLarge,
    Busy,
    Invalid(String),
}

/// Decompresses a body, at most [`MAX_DECOMPRESSED`] bytes of it, its share of the budget
/// growing with it. Every gzip member is read; anything after the last one is refused, as
/// is anything after a zlib stream.
async fn unpack(
    compression: Compression,
    body: Bytes,
    admission: &mut Admission,
    until: Instant,
) -> Result<Bytes, Unpacked> {
    let mut input: &[u8] = &body;
    let mut reader: Box<dyn Read + Send + '_> = match compression {
        Compression::Identity => return Ok(body),
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(&mut input)),
        Compression::Deflate => Box::new(flate2::bufread::ZlibDecoder::new(&mut input)),
    };
    let mut out: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; STEP];
    loop {
        let n = reader
            .read(&mut chunk)
            .map_err(|e| Unpacked::Invalid(e.to_string()))?;
        if n == 0 {
            break;
        }
        if out.len() + n > MAX_DECOMPRESSED {
            return Err(Unpacked::TooLarge);
        }
        let held = body.len() + out.len() + n;
        if held > admission.bytes() && !admission.grow_alone_to(held + STEP, until).await {
            return Err(Unpacked::Busy);
        }
        out.extend_from_slice(&chunk[..n]);
    }
    drop(reader);
    if compression == Compression::Deflate && !input.is_empty() {
        return Err(Unpacked::Invalid(format!(
            "{} bytes follow the compressed stream",
            input.len()
        )));
    }
    Ok(Bytes::from(out))
}

// ---- gRPC ----------------------------------------------------------------------------------

/// A gRPC request's share of the memory budget. tonic has decoded the message already (at
/// most MAX_BODY); its records now wait for room like an HTTP request's, and a sender
/// finding none is told UNAVAILABLE (which OTLP exporters retry).
pub(super) async fn grpc_admission(
    collector: &Collector,
    bytes: usize,
) -> Result<Admission, tonic::Status> {
    let until = Instant::now() + ADMISSION_WAIT;
    match collector.budget.admit(bytes, until).await {
        Some(admission) => Ok(admission),
        None => {
            Counters::add(&collector.counters.deferred, 1);
            Err(tonic::Status::unavailable(BUSY))
        }
    }
}

/// The OTLP/gRPC trace service (the logs service is `otlp_logs`'s).
pub struct GrpcReceiver {
    collector: Collector,
}

#[tonic::async_trait]
impl TraceService for GrpcReceiver {
    async fn export(
        &self,
        request: tonic::Request<ExportTraceServiceRequest>,
    ) -> Result<tonic::Response<ExportTraceServiceResponse>, tonic::Status> {
        let request = request.into_inner();
        let admission = grpc_admission(&self.collector, request.encoded_len()).await?;
        accept(&self.collector, request, admission, |r| r.encode_to_vec())
            .await
            .map(tonic::Response::new)
            // UNAVAILABLE is one of the codes OTLP exporters retry.
            .map_err(|NotStored(reason)| tonic::Status::unavailable(reason))
    }
}

/// The gRPC endpoint, traces and logs: gzip accepted and answered, messages up to [`MAX_BODY`]. A message
/// over the limit is INVALID_ARGUMENT (tonic says OUT_OF_RANGE, which exporters retry for
/// ever; OTLP says a request that cannot be taken as it is must not be retried).
pub fn grpc_router(collector: Collector) -> Router {
    let collector_for_logs = collector.clone();
    let service = TraceServiceServer::new(GrpcReceiver { collector })
        .accept_compressed(tonic::codec::CompressionEncoding::Gzip)
        .send_compressed(tonic::codec::CompressionEncoding::Gzip)
        .max_decoding_message_size(MAX_BODY);
    tonic::service::Routes::new(service)
        .add_service(super::otlp_logs::grpc_service(collector_for_logs))
        .into_axum_router()
        .layer(axum::middleware::map_response(not_retryable_when_too_large))
}

/// gRPC's OUT_OF_RANGE and INVALID_ARGUMENT codes, as `grpc-status` values.
const GRPC_OUT_OF_RANGE: &str = "11";

pub(super) async fn not_retryable_when_too_large(mut response: Response) -> Response {
    let headers = response.headers_mut();
    if headers.get("grpc-status").and_then(|v| v.to_str().ok()) == Some(GRPC_OUT_OF_RANGE) {
        headers.insert("grpc-status", HeaderValue::from(INVALID_ARGUMENT));
    }
    response
}
