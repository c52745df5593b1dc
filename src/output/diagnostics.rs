//! The stderr side of client events: `-v` request traces, `-vv` headers and bodies, and
//! retry notices. Clients hand over already-redacted text (see `clients::http::Redactor`),
//! so nothing here can reveal a secret.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use indicatif::MultiProgress;

use crate::observe::{ClientEvent, Observer, RetryReason};
use crate::output::Palette;

pub struct StderrObserver {
    verbosity: u8,
    quiet: bool,
    palette: Palette,
    progress: MultiProgress,
    /// A slow server is said once per run without -v; every retry is traced with -v.
    said_slow: AtomicBool,
}

impl StderrObserver {
    pub fn new(verbosity: u8, quiet: bool, palette: Palette, progress: MultiProgress) -> Self {
        Self {
            verbosity,
            quiet,
            palette,
            progress,
            said_slow: AtomicBool::new(false),
        }
    }

    fn write(&self, text: &str) {
        self.progress.suspend(|| {
            let _ = writeln!(std::io::stderr().lock(), "{text}");
        });
    }
}

/// The text of an event at a verbosity, or `None` when it is not shown. Pure, for tests.
pub fn describe(event: &ClientEvent, verbosity: u8, quiet: bool) -> Option<String> {
    match event {
        ClientEvent::Request {
            service,
            method,
            url,
            attempt,
        } => (verbosity >= 1).then(|| {
            let again = if *attempt > 1 {
                format!(" (attempt {attempt})")
            } else {
                String::new()
            };
            format!("> {service} {method} {url}{again}")
        }),
        ClientEvent::Response {
            service,
            status,
            elapsed,
        } => {
            (verbosity >= 1).then(|| format!("< {service} {status} in {} ms", elapsed.as_millis()))
        }
        ClientEvent::Headers { direction, headers } => (verbosity >= 2).then(|| {
            headers
                .iter()
                .map(|(k, v)| format!("{direction} {k}: {v}"))
                .collect::<Vec<_>>()
                .join("\n")
        }),
        ClientEvent::Body { direction, text } => {
            (verbosity >= 2).then(|| format!("{direction} {text}"))
        }
        ClientEvent::Redirect {
            service,
            status,
            to,
        } => (verbosity >= 1).then(|| format!("< {service} redirect {status} to {to}")),
        ClientEvent::Retry {
            service,
            attempt,
            max_attempts,
            wait,
            reason,
        } => {
            // A rate-limit pause or a server that does not answer is visible to the user, so
            // it is explained even without -v; transient failures a retry fixes are traced.
            let shown = verbosity >= 1
                || (!quiet
                    && matches!(reason, RetryReason::RateLimited | RetryReason::NoAnswer(_)));
            shown.then(|| {
                let secs = wait.as_secs_f64();
                format!(
                    "{service}: {reason}; retrying in {secs:.1} s (attempt {} of {max_attempts})",
                    attempt + 1
                )
            })
        }
        ClientEvent::Slow {
            service,
            host,
            waited,
            budget,
        } => (!quiet || verbosity >= 1).then(|| {
            format!(
                "{service}: no answer from {host} after {} s; waiting up to {} s more",
                waited.as_secs(),
                budget.as_secs()
            )
        }),
        ClientEvent::Note { text } => (verbosity >= 1).then(|| text.clone()),
    }
}

impl Observer for StderrObserver {
    fn wants_bodies(&self) -> bool {
        self.verbosity >= 2
    }

    fn on_event(&self, event: &ClientEvent) {
        // A slow server is said once without -v (a note that it is slow, then retries).
        let slow = matches!(
            event,
            ClientEvent::Retry {
                reason: RetryReason::NoAnswer(_),
                ..
            } | ClientEvent::Slow { .. }
        );
        if slow && self.verbosity == 0 && self.said_slow.swap(true, Ordering::Relaxed) {
            return;
        }
        if let Some(text) = describe(event, self.verbosity, self.quiet) {
            self.write(&self.palette.dim(&crate::output::shown(&text)));
        }
    }
}
