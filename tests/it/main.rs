//! The one integration-test binary: runs the real `tracectl` against real parts started on
//! 127.0.0.1 (moto_server, in-process fakes, git repositories in temp dirs).

#![allow(clippy::unwrap_used)]

mod cli;
mod config;
mod doctor;
mod generated;
mod harness;
mod honeycomb;
mod honeycomb_fake;
mod hostile;
mod house;
mod http;
mod local;
mod logs;
mod logs_query;
mod logs_tail;
mod mcp;
mod python;
mod release;
mod rollbar;
mod tag;
mod trace;
mod transaction_search;
mod twin;
mod ui;
mod xray;
mod xray_fake;
