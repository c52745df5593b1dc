//! The service graph of a window: each service, its calls out and their outcomes. One
//! report whether the graph is X-Ray's (GetServiceGraph) or computed from stored spans.

use serde::Serialize;

use super::WindowReport;
use crate::model::graph::ServiceNode;
use crate::model::time::Window;

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ServicesReport {
    pub window: WindowReport,
    pub services: Vec<ServiceNode>,
}

impl ServicesReport {
    pub fn new(window: Window, services: Vec<ServiceNode>) -> Self {
        Self {
            window: window.into(),
            services,
        }
    }
}
