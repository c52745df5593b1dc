//! What the commands compute on, free of any transport or terminal.

pub mod app_env;
pub mod aws_span;
pub mod cloudwatch;
pub mod doctor;
pub mod filter;
pub mod forge;
pub mod graph;
pub mod local_error;
pub mod local_log;
pub mod lookup;
pub mod otlp;
pub mod query;
pub mod release;
pub mod span;
pub mod span_insights;
pub mod span_query;
pub mod stats;
pub mod suggest;
pub mod tail;
pub mod time;
pub mod trace;
pub mod version;
