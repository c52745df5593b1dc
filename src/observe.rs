//! What clients say while they work (requests, retries, redirects, slow servers), and who
//! listens. Clients report here and never print; the output layer's observer decides what
//! the user sees. Its own module, so that clients and output share it without either
//! importing the other.

use std::fmt;
use std::time::Duration;

/// Something a client did that a user may want traced (`-v`) or told (rate-limit waits).
/// All text in an event is already redacted.
#[derive(Debug, Clone)]
pub enum ClientEvent {
    Request {
        service: String,
        method: String,
        url: String,
        attempt: u32,
    },
    Response {
        service: String,
        status: u16,
        elapsed: Duration,
    },
    Headers {
        direction: char,
        headers: Vec<(String, String)>,
    },
    Body {
        direction: char,
        text: String,
    },
    /// A same-origin redirect that was followed (other origins are refused).
    Redirect {
        service: String,
        status: u16,
        to: String,
    },
    Retry {
        service: String,
        attempt: u32,
        max_attempts: u32,
        wait: Duration,
        reason: RetryReason,
    },
    /// A request that has had no answer for a while (said once, so a silent server never
    /// looks like a hang).
    Slow {
        service: String,
        host: String,
        waited: Duration,
        /// How much longer the request may take, retries included.
        budget: Duration,
    },
    Note {
        text: String,
    },
}

/// Why a request is tried again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetryReason {
    RateLimited,
    ServerError(u16),
    Connection(String),
    /// The server took longer than an attempt may.
    NoAnswer(Duration),
}

impl fmt::Display for RetryReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetryReason::RateLimited => f.write_str("rate limited"),
            RetryReason::ServerError(status) => write!(f, "server error {status}"),
            RetryReason::Connection(reason) => write!(f, "connection failed ({reason})"),
            RetryReason::NoAnswer(after) => write!(
                f,
                "the server is slow: no answer within {} s",
                after.as_secs_f64().round()
            ),
        }
    }
}

/// Receives client events. Implemented by the output layer (stderr) and by tests.
pub trait Observer: Send + Sync {
    fn on_event(&self, event: &ClientEvent);

    /// Whether [`ClientEvent::Headers`] and [`ClientEvent::Body`] are wanted (`-vv`).
    /// Clients skip building them otherwise: copying every 1 MB page into a string that
    /// nobody reads is the single largest waste on a long tail.
    fn wants_bodies(&self) -> bool {
        true
    }
}

/// An observer that drops everything, for library users and tests that do not care.
pub struct Silent;

impl Observer for Silent {
    fn on_event(&self, _event: &ClientEvent) {}

    fn wants_bodies(&self) -> bool {
        false
    }
}
