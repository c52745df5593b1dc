//! OTLP logs: `POST /v1/logs` (through the HTTP handler traces use, so the same limits,
//! encodings and answers) and the gRPC `LogsService/Export`. Records are decoded by the
//! `opentelemetry-proto` types and stored beside the spans; a record with a malformed id
//! is refused in `partial_success`, the rest of its request kept.

use axum::body::Bytes;
use opentelemetry_proto::tonic::collector::logs::v1::logs_service_server::{
    LogsService, LogsServiceServer,
};
use opentelemetry_proto::tonic::collector::logs::v1::{
    ExportLogsPartialSuccess, ExportLogsServiceRequest, ExportLogsServiceResponse,
};
use prost::Message;

use super::admission::Admission;
use super::otlp::{MAX_BODY, Signal, grpc_admission, now_ns};
use super::{Collector, Counters, NotStored, Records};
use crate::model::local_log::convert_logs;

/// `/v1/logs`.
pub(super) struct Logs;

impl Signal for Logs {
    type Request = ExportLogsServiceRequest;
    type Response = ExportLogsServiceResponse;
    const WHAT: &'static str = "an OTLP logs export";

    fn wants_raw(_: &Collector) -> bool {
        // `--forward-otlp` sends spans only.
        false
    }

    async fn accept(
        collector: &Collector,
        request: Self::Request,
        admission: Admission,
        _raw: Option<Bytes>,
    ) -> Result<Self::Response, NotStored> {
        accept(collector, request, admission).await
    }

    fn partial(response: &Self::Response) -> bool {
        response.partial_success.is_some()
    }
}

/// Stores one export's log records once committed; `Err` when the sender should retry
/// (nothing was counted then).
async fn accept(
    collector: &Collector,
    request: ExportLogsServiceRequest,
    mut admission: Admission,
) -> Result<ExportLogsServiceResponse, NotStored> {
    // The request is taken apart: what stays held until the commit is the records.
    let mut converted = convert_logs(request, now_ns());
    admission.shrink_to(converted.approx_bytes());
    let total = converted.records.len() + converted.rejected.len();
    let records = Records::Logs(std::mem::take(&mut converted.records));
    if let Err(not_stored) = collector.commit(records, Some(admission)).await {
        Counters::add(&collector.counters.deferred, 1);
        return Err(not_stored);
    }
    Counters::add(&collector.counters.logs_received, total);
    Counters::add(&collector.counters.logs_rejected, converted.rejected.len());
    collector.cut("OTLP logs", converted.truncated);
    let partial_success = (!converted.rejected.is_empty()).then(|| {
        let message = converted.rejection_message();
        collector.refused("OTLP logs", message.clone());
        ExportLogsPartialSuccess {
            rejected_log_records: converted.rejected.len() as i64,
            error_message: message,
        }
    });
    Ok(ExportLogsServiceResponse { partial_success })
}

struct GrpcLogsReceiver {
    collector: Collector,
}

#[tonic::async_trait]
impl LogsService for GrpcLogsReceiver {
    async fn export(
        &self,
        request: tonic::Request<ExportLogsServiceRequest>,
    ) -> Result<tonic::Response<ExportLogsServiceResponse>, tonic::Status> {
        let request = request.into_inner();
        let admission = grpc_admission(&self.collector, request.encoded_len()).await?;
        accept(&self.collector, request, admission)
            .await
            .map(tonic::Response::new)
            .map_err(|NotStored(reason)| tonic::Status::unavailable(reason))
    }
}

/// The gRPC logs service, with the trace service's limits and compression.
pub(super) fn grpc_service(collector: Collector) -> LogsServiceServer<impl LogsService> {
    LogsServiceServer::new(GrpcLogsReceiver { collector })
        .accept_compressed(tonic::codec::CompressionEncoding::Gzip)
        .send_compressed(tonic::codec::CompressionEncoding::Gzip)
        .max_decoding_message_size(MAX_BODY)
}
