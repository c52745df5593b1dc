//! The views: every read-only thing tracectl shows, as a function from a typed request to a
//! typed report. The three faces — the command line (`commands/`), `tracectl ui` and
//! `tracectl mcp` — call a view and draw its report; none of them computes anything of its
//! own, so the numbers are the same wherever they are read.
//!
//! A view never prints, never reads a flag and never touches a terminal: it can be called
//! from a test with nothing but its inputs. A report is tracectl's own type (never a client's
//! wire type), and `-o json` is its serde form, pinned by the schema snapshots below so that
//! a renamed field fails a test before it breaks a script or an agent.
//!
//! May import: `model`, `clients` (the sources of the data). Never `output` or `commands`.

pub mod honeycomb;
pub mod local;
pub mod local_errors;
pub mod local_logs;
pub mod logs;
pub mod lookup;
pub mod query;
pub mod rollbar;
pub mod services;
pub mod traces;
pub mod xray;

use jiff::Timestamp;
use serde::Serialize;

use crate::model::time::Window;

/// A time window as reports give it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct WindowReport {
    pub start: Timestamp,
    pub end: Timestamp,
}

impl From<Window> for WindowReport {
    fn from(w: Window) -> Self {
        Self {
            start: w.start,
            end: w.end,
        }
    }
}

impl WindowReport {
    pub fn window(&self) -> Window {
        Window {
            start: self.start,
            end: self.end,
        }
    }
}

#[cfg(test)]
mod schema {
    //! The JSON shape of every report, pinned: an intended change is one
    //! `cargo insta review`; an unintended one fails here.

    macro_rules! pin {
        ($name:ident, $report:ty) => {
            #[test]
            fn $name() {
                insta::assert_json_snapshot!(schemars::schema_for!($report));
            }
        };
    }

    pin!(traces_report, super::traces::TracesReport);
    pin!(trace, crate::model::trace::Trace);
    pin!(trace_lookup, super::local::TraceLookup);
    pin!(services_report, super::services::ServicesReport);
    pin!(store_stats, super::local::StoreStats);
    pin!(honeycomb_auth, super::honeycomb::AuthReport);
    pin!(honeycomb_datasets, Vec<super::honeycomb::DatasetRow>);
    pin!(honeycomb_columns, Vec<super::honeycomb::ColumnRow>);
    pin!(honeycomb_marker, super::honeycomb::MarkerReport);
    pin!(query_report, super::query::QueryReport);
    pin!(log_page, super::logs::LogPage);
    pin!(trace_id_report, super::lookup::TraceIdReport);
    pin!(release_report, crate::model::release::ReleaseReport);
    pin!(query_link_report, super::honeycomb::QueryLinkReport);
    pin!(rollbar_items, super::rollbar::ItemsReport);
    pin!(rollbar_item, super::rollbar::ItemDetail);
    pin!(doctor_report, crate::model::doctor::DoctorReport);
    pin!(local_log_row, super::local_logs::LocalLogRow);
}
