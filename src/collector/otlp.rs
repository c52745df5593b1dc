//! OTLP receivers, to the OTLP 1.x specification: `POST /v1/traces` over HTTP (protobuf or
//! JSON, optionally gzip, answered in the request's encoding) and the gRPC
//! `opentelemetry.proto.collector.trace.v1.TraceService/Export` (gzip accepted). Requests
//! are decoded by the `opentelemetry-proto` types, never by hand.

use std::io::Read;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::{
    TraceService, TraceServiceServer,
};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTracePartialSuccess, ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use prost::Message;

use super::{Busy, Collector, Counters};
use crate::model::otlp::convert;

/// The largest request body accepted, compressed or not (the collector's default is 20 MiB
/// for gRPC messages; a BatchSpanProcessor batch of 512 spans is well under 1 MiB).
pub const MAX_BODY: usize = 16 * 1024 * 1024;
/// The largest a gzip body may grow to when decompressed: a gzip bomb stops here.
pub const MAX_DECOMPRESSED: u64 = 64 * 1024 * 1024;

fn now_ns() -> i64 {
    jiff::Timestamp::now().as_nanosecond() as i64
}

/// Stores (and forwards) one export request's spans and says which were refused; `Err` when
/// the writer is behind and the sender should retry (nothing was counted or forwarded).
fn accept(
    collector: &Collector,
    request: ExportTraceServiceRequest,
) -> Result<ExportTraceServiceResponse, Busy> {
    let mut converted = convert(&request, now_ns());
    let total = converted.records.len() + converted.rejected.len();
    if let Err(busy) = collector.try_store(std::mem::take(&mut converted.records)) {
        Counters::add(&collector.counters.deferred, 1);
        return Err(busy);
    }
    Counters::add(&collector.counters.received, total);
    Counters::add(&collector.counters.rejected, converted.rejected.len());
    let partial_success = (!converted.rejected.is_empty()).then(|| {
        let message = converted.rejection_message();
        collector.refused("OTLP", message.clone());
        ExportTracePartialSuccess {
            rejected_spans: converted.rejected.len() as i64,
            error_message: message,
        }
    });
    if let Some(forwarder) = collector.forward_otlp() {
        forwarder.send(total, request.encode_to_vec());
    }
    Ok(ExportTraceServiceResponse { partial_success })
}

/// What a sender is told when the writer is behind.
const BUSY: &str = "tracectl is writing a backlog; retry shortly";

// ---- HTTP ----------------------------------------------------------------------------------

/// The OTLP/HTTP endpoint.
pub fn http_router(collector: Collector) -> Router {
    Router::new()
        .route("/v1/traces", post(export_http))
        // The handler applies MAX_BODY itself.
        .layer(DefaultBodyLimit::disable())
        .with_state(collector)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Protobuf,
    Json,
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
const INVALID_ARGUMENT: i32 = 3;
/// gRPC's UNAVAILABLE: retry later.
const UNAVAILABLE: i32 = 14;

fn encoded(encoding: Encoding, status: StatusCode, body: Vec<u8>) -> Response {
    let content_type = match encoding {
        Encoding::Protobuf => "application/x-protobuf",
        Encoding::Json => "application/json",
    };
    (status, [(header::CONTENT_TYPE, content_type)], body).into_response()
}

fn error(
    collector: &Collector,
    encoding: Encoding,
    status: StatusCode,
    message: String,
) -> Response {
    Counters::add(&collector.counters.malformed, 1);
    collector.refused("OTLP/HTTP", format!("{} {message}", status.as_u16()));
    let rpc = RpcStatus {
        code: INVALID_ARGUMENT,
        message,
    };
    let body = match encoding {
        Encoding::Protobuf => rpc.encode_to_vec(),
        Encoding::Json => serde_json::to_vec(&rpc).unwrap_or_default(),
    };
    encoded(encoding, status, body)
}

async fn export_http(
    State(collector): State<Collector>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
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
    // Read here, not by an extractor, so an oversized body is counted and said like any
    // other refusal.
    let body: Bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(body) => body,
        Err(e) => {
            return error(
                &collector,
                encoding,
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the body is larger than {MAX_BODY} bytes or broke off ({e})"),
            );
        }
    };
    let content_encoding = headers
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("identity")
        .trim()
        .to_ascii_lowercase();
    let bytes = match content_encoding.as_str() {
        "identity" | "" => body.to_vec(),
        "gzip" => match gunzip(&body) {
            Ok(bytes) => bytes,
            Err(Gunzip::TooLarge) => {
                return error(
                    &collector,
                    encoding,
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!("the body decompresses to more than {MAX_DECOMPRESSED} bytes"),
                );
            }
            Err(Gunzip::Invalid(e)) => {
                return error(
                    &collector,
                    encoding,
                    StatusCode::BAD_REQUEST,
                    format!("the gzip body cannot be read: {e}"),
                );
            }
        },
        other => {
            Counters::add(&collector.counters.malformed, 1);
            collector.refused("OTLP/HTTP", format!("415 content encoding '{other}'"));
            return (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "OTLP/HTTP takes gzip or no content encoding",
            )
                .into_response();
        }
    };
    let request = match encoding {
        Encoding::Protobuf => {
            ExportTraceServiceRequest::decode(bytes.as_slice()).map_err(|e| e.to_string())
        }
        Encoding::Json => {
            serde_json::from_slice::<ExportTraceServiceRequest>(&bytes).map_err(|e| e.to_string())
        }
    };
    let request = match request {
        Ok(r) => r,
        Err(e) => {
            return error(
                &collector,
                encoding,
                StatusCode::BAD_REQUEST,
                format!("the body is not an OTLP trace export: {e}"),
            );
        }
    };
    let Ok(response) = accept(&collector, request) else {
        // 503 is retryable for OTLP/HTTP exporters; Retry-After paces them.
        let rpc = RpcStatus {
            code: UNAVAILABLE,
            message: BUSY.into(),
        };
        let body = match encoding {
            Encoding::Protobuf => rpc.encode_to_vec(),
            Encoding::Json => serde_json::to_vec(&rpc).unwrap_or_default(),
        };
        let mut response = encoded(encoding, StatusCode::SERVICE_UNAVAILABLE, body);
        response.headers_mut().insert(
            header::RETRY_AFTER,
            axum::http::HeaderValue::from_static("1"),
        );
        return response;
    };
    let body = match (encoding, &response.partial_success) {
        (Encoding::Protobuf, _) => response.encode_to_vec(),
        // The JSON mapping leaves an unset message out; the crate would write `null`.
        (Encoding::Json, None) => b"{}".to_vec(),
        (Encoding::Json, Some(_)) => serde_json::to_vec(&response).unwrap_or_default(),
    };
    encoded(encoding, StatusCode::OK, body)
}

enum Gunzip {
    TooLarge,
    Invalid(std::io::Error),
}

/// Decompresses at most [`MAX_DECOMPRESSED`] bytes.
fn gunzip(body: &[u8]) -> Result<Vec<u8>, Gunzip> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(body)
        .take(MAX_DECOMPRESSED + 1)
        .read_to_end(&mut out)
        .map_err(Gunzip::Invalid)?;
    if out.len() as u64 > MAX_DECOMPRESSED {
        return Err(Gunzip::TooLarge);
    }
    Ok(out)
}

// ---- gRPC ----------------------------------------------------------------------------------

/// The OTLP/gRPC trace service.
pub struct GrpcReceiver {
    collector: Collector,
}

#[tonic::async_trait]
impl TraceService for GrpcReceiver {
    async fn export(
        &self,
        request: tonic::Request<ExportTraceServiceRequest>,
    ) -> Result<tonic::Response<ExportTraceServiceResponse>, tonic::Status> {
        accept(&self.collector, request.into_inner())
            .map(tonic::Response::new)
            // UNAVAILABLE is one of the codes OTLP exporters retry.
            .map_err(|_| tonic::Status::unavailable(BUSY))
    }
}

/// The gRPC service, gzip accepted and answered, messages up to [`MAX_BODY`].
pub fn grpc_service(collector: Collector) -> TraceServiceServer<GrpcReceiver> {
    TraceServiceServer::new(GrpcReceiver { collector })
        .accept_compressed(tonic::codec::CompressionEncoding::Gzip)
        .send_compressed(tonic::codec::CompressionEncoding::Gzip)
        .max_decoding_message_size(MAX_BODY)
}
