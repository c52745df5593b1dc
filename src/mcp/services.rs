//! The `services` tool: a window's service graph, from the local store or X-Ray's — the
//! view of `local services` and `xray services`.

use rmcp::model::CallToolResult;

use super::call::Call;
use super::{
    MAX_BYTES, McpServer, ServicesArgs, TraceSourceArg, answer, bounded, json_failure, window_of,
    with_cloud, with_store,
};
use crate::error::Result;
use crate::views;

impl McpServer {
    pub(super) async fn services_report(
        &self,
        args: ServicesArgs,
        call: Call,
    ) -> Result<CallToolResult> {
        let window = window_of(&args.since)?;
        let report = match args.source {
            TraceSourceArg::Local => {
                with_store(&self.shared, move |store| {
                    Ok(views::local::services(store, window)?)
                })
                .await?
            }
            _ => {
                let services = with_cloud(&self.shared, &call, move |cloud| async move {
                    crate::clients::xray::service_graph(&cloud.xray, window)
                        .await
                        .map_err(|f| {
                            crate::commands::failures::aws(
                                "cannot fetch the X-Ray service graph",
                                f,
                            )
                        })
                })
                .await?;
                views::services::ServicesReport::new(window, services)
            }
        };
        let summary = format!("{} services", report.services.len());
        let value = serde_json::to_value(&report).map_err(json_failure)?;
        let page = bounded::whole(value, args.max_bytes.unwrap_or(MAX_BYTES))?;
        Ok(answer(summary, page))
    }
}
