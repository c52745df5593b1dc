//! Errors as the user sees them: one `error:` line, optional `hint:` lines, and an exit code
//! that scripts can rely on (0 ok, 1 the operation failed, 2 bad usage or input).
//!
//! Clients return their own `thiserror` enums; commands turn those into [`Error`] with a hint
//! that says what to do. Nothing here ever prints a Debug representation or a backtrace.

use std::fmt;
use std::io::Write;
use std::process::ExitCode;

/// Convenience alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What kind of failure this is, which decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad flags, bad values, bad files given by the user: exit 2.
    Usage,
    /// The operation itself failed (remote error, not found, rejected push): exit 1.
    Failure,
    /// The reader of stdout went away (`tracectl ... | head`): exit 0 without a word.
    BrokenPipe,
}

/// A user-facing error: what happened, and what to do about it.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    hints: Vec<String>,
    /// The underlying errors, outermost first (`caused by:` lines, as jj shows them).
    causes: Vec<String>,
}

impl Error {
    /// Bad usage or bad input (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, message)
    }

    /// A failed operation (exit 1).
    pub fn failure(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Failure, message)
    }

    fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            hints: Vec::new(),
            causes: Vec::new(),
        }
    }

    /// Adds a `hint:` line telling the user what to do next.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Adds `caused by:` lines: what lies under the failure, for errors whose message alone
    /// cannot say (an answer the SDK could not read).
    #[must_use]
    pub fn with_causes(mut self, causes: impl IntoIterator<Item = String>) -> Self {
        self.causes.extend(causes);
        self
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn hints(&self) -> &[String] {
        &self.hints
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self.kind {
            ErrorKind::BrokenPipe => 0,
            ErrorKind::Failure => 1,
            ErrorKind::Usage => 2,
        }
    }

    /// The text written to stderr: exactly one `error:` line, then the hints.
    pub fn render(&self, color: bool) -> String {
        let (err, hint) = if color {
            ("\x1b[1;31merror:\x1b[0m", "\x1b[1;36mhint:\x1b[0m")
        } else {
            ("error:", "hint:")
        };
        let mut out = format!("{err} {}\n", shown(&self.message));
        for h in &self.hints {
            out.push_str(&format!("{hint} {}\n", shown(h)));
        }
        for cause in &self.causes {
            out.push_str(&format!("caused by: {}\n", shown(cause)));
        }
        out
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            Self::new(ErrorKind::BrokenPipe, "output closed")
        } else {
            Self::failure(format!("i/o error: {err}"))
        }
    }
}

/// Folds a multi-line message (a service's error text, say) into the single line users grep,
/// with URL credentials redacted and control characters shown as escapes (a server's error
/// text must not retitle or clear the terminal).
/// A line longer than [`MAX_SHOWN`] characters (a server's 5 MB error page) is cut, saying
/// how much was left out: an error is read by a person, and the rest is in `-vv`.
fn shown(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let line = crate::output::terminal::escape_controls(&crate::redact::text(&folded)).into_owned();
    let length = line.chars().count();
    if length <= MAX_SHOWN {
        return line;
    }
    let kept: String = line.chars().take(MAX_SHOWN).collect();
    format!("{kept}… ({} more characters not shown)", length - MAX_SHOWN)
}

/// The longest error, hint or cause line shown.
const MAX_SHOWN: usize = 600;

/// Writes the error (if any) to stderr and turns the result into the process exit code.
pub fn finish(result: Result<()>, stderr_color: bool) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if err.kind() != ErrorKind::BrokenPipe {
                // If stderr itself is gone there is nobody left to tell.
                let _ = std::io::stderr().write_all(err.render(stderr_color).as_bytes());
            }
            ExitCode::from(err.exit_code())
        }
    }
}

/// Replaces Rust's panic message (which shows file paths and invites RUST_BACKTRACE) with one
/// `error:` line and a request to report it, and exits 1 instead of 101.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unexpected state".to_string());
        let err = Error::failure(format!("internal error: {what}"))
            .with_hint("this is a bug in tracectl; please report it with the command you ran");
        let _ = std::io::stderr().write_all(err.render(false).as_bytes());
        std::process::exit(1);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_contract() {
        assert_eq!(Error::usage("x").exit_code(), 2);
        assert_eq!(Error::failure("x").exit_code(), 1);
        let pipe: Error = std::io::Error::from(std::io::ErrorKind::BrokenPipe).into();
        assert_eq!(pipe.exit_code(), 0);
        let other: Error = std::io::Error::from(std::io::ErrorKind::PermissionDenied).into();
        assert_eq!(other.exit_code(), 1);
    }

    #[test]
    fn render_is_one_error_line_then_hints() {
        let err = Error::failure("log group /a\nnot found").with_hint("did you mean /b?");
        assert_eq!(
            err.render(false),
            "error: log group /a not found\nhint: did you mean /b?\n"
        );
    }
}
