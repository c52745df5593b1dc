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
    /// The error underneath (a client's, with its own chain): `caused by:` lines, as jj
    /// shows them.
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
    /// Further causes known only as text, after the source's chain.
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
            source: None,
            causes: Vec::new(),
        }
    }

    /// Keeps the error underneath, shown as `caused by:` lines (its whole chain).
    #[must_use]
    pub fn with_source(
        mut self,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        self.source = Some(source.into());
        self
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
        for cause in self.cause_lines() {
            out.push_str(&format!("caused by: {}\n", shown(&cause)));
        }
        out
    }

    /// The source chain's texts, then the text-only causes. A cause that says nothing the
    /// line above did not is left out.
    fn cause_lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut above = self.message.clone();
        let mut next = self
            .source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static));
        while let Some(e) = next {
            let text = e.to_string();
            if !says_nothing_new(&above, &text) {
                lines.push(text.clone());
            }
            above = text;
            next = e.source();
        }
        lines.extend(self.causes.iter().cloned());
        lines
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// Whether a cause's `text` says nothing the one `above` it did not: a wrapper repeating
/// its source's words, or a source adding only a code to the words above (SQLite's "disk
/// I/O error", then "Error code 778: disk I/O error").
fn says_nothing_new(above: &str, text: &str) -> bool {
    text.is_empty() || above.contains(text) || text.contains(above)
}

/// An error and its chain in one line (`cannot read x: disk I/O error`), for places that
/// report errors as text (the collector's events), where no `caused by:` lines are drawn.
/// Causes are left out as in [`Error::render`], and so are words already in the line.
pub fn one_line(e: &(dyn std::error::Error + 'static)) -> String {
    let mut line = e.to_string();
    let mut above = line.clone();
    let mut next = e.source();
    while let Some(cause) = next {
        let text = cause.to_string();
        if !says_nothing_new(&above, &text) && !line.contains(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
        above = text;
        next = cause.source();
    }
    line
}

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

    #[derive(Debug, thiserror::Error)]
    #[error("cannot read the span database /tmp/x.db")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn the_source_chain_is_caused_by_lines_without_repeats() {
        let io = std::io::Error::other("database disk image is malformed");
        let err = Error::failure("cannot read the span database /tmp/x.db")
            .with_hint("check it")
            .with_source(Outer(io));
        assert_eq!(
            err.render(false),
            "error: cannot read the span database /tmp/x.db\nhint: check it\ncaused by: database disk image is malformed\n"
        );
        let source = std::error::Error::source(&err).unwrap();
        assert_eq!(
            one_line(source),
            "cannot read the span database /tmp/x.db: database disk image is malformed"
        );
    }

    #[test]
    fn one_line_leaves_out_a_cause_that_only_adds_a_code() {
        let path = std::path::Path::new("/tmp/x.db");
        let io = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR_WRITE),
            Some("disk I/O error".into()),
        );
        let err = crate::clients::store::StoreError::Write {
            path: path.to_path_buf(),
            source: io.into(),
        };
        assert_eq!(
            one_line(&err),
            "cannot write to the span database /tmp/x.db: disk I/O error"
        );
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
