//! Everything that talks to the outside world. Clients never print: they report what they do
//! as [`ClientEvent`]s to an [`Observer`] (see [`crate::observe`]), and the output layer
//! decides what the user sees.

pub mod aws;
pub mod git;
pub mod honeycomb;
pub mod http;
pub mod logs;
pub mod probe;
pub mod rollbar;
pub mod store;
pub mod xray;

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// How long a call may go unanswered before the user is told the server is slow (HTTP
/// clients and AWS commands alike).
pub const SAY_SLOW_AFTER: Duration = Duration::from_secs(5);

/// A budget of requests per second shared by every concurrent task of one run against one
/// API, so slices and batches fetched at once stay under the service's quota together.
pub type Limiter = governor::DefaultDirectRateLimiter;

/// A [`Limiter`] allowing `per_second` requests a second (at least one).
pub fn limiter(per_second: u32) -> Arc<Limiter> {
    let rate = NonZeroU32::new(per_second).unwrap_or(NonZeroU32::MIN);
    Arc::new(governor::RateLimiter::direct(governor::Quota::per_second(
        rate,
    )))
}

pub use crate::observe::{ClientEvent, Observer, RetryReason, Silent};
