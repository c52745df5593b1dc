//! Everything that reaches the terminal. Data goes to stdout; status lines, warnings, hints,
//! spinners and `-v` traces go to stderr, so `tracectl ... | jq` always sees clean data.
//! Renderers take computed values and return text: they never fetch.

pub mod chart;
pub mod color;
pub mod diagnostics;
pub mod doctor;
pub mod honeycomb;
pub mod local;
pub mod logs;
pub mod lookup;
pub mod release;
pub mod rollbar;
pub mod table;
pub mod terminal;
pub mod waterfall;
pub mod xray;

use std::borrow::Cow;
use std::io::{self, BufWriter, IsTerminal, Stdout, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use jiff::Timestamp;
use serde::Serialize;

use crate::error::Result;
use crate::observe::Observer;
pub use color::{ColorChoice, Palette};
pub use table::{Align, Column};

/// `-o/--output`: `table` for people, `json` for scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    Table,
    Json,
}

/// What the printer needs to know about the user's choices and the terminal.
#[derive(Debug, Clone, Copy)]
pub struct PrinterOptions {
    pub format: OutputFormat,
    pub stdout_color: bool,
    pub stderr_color: bool,
    pub quiet: bool,
    pub verbosity: u8,
    pub utc: bool,
    pub stdout_tty: bool,
    pub stderr_tty: bool,
}

/// The one place commands write through.
pub struct Printer {
    options: PrinterOptions,
    out: Mutex<BufWriter<Stdout>>,
    progress: MultiProgress,
}

impl Printer {
    pub fn new(options: PrinterOptions) -> Self {
        let target = if options.stderr_tty && !options.quiet && options.format != OutputFormat::Json
        {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        Self {
            options,
            out: Mutex::new(BufWriter::with_capacity(64 * 1024, io::stdout())),
            progress: MultiProgress::with_draw_target(target),
        }
    }

    /// Options from the process's terminals.
    pub fn detect(
        format: OutputFormat,
        color: ColorChoice,
        no_color: bool,
        quiet: bool,
        verbosity: u8,
        utc: bool,
    ) -> Self {
        let stdout_tty = io::stdout().is_terminal();
        let stderr_tty = io::stderr().is_terminal();
        Self::new(PrinterOptions {
            format,
            // JSON is never coloured: it is for machines even when shown on a terminal.
            stdout_color: format != OutputFormat::Json
                && color::color_enabled(color, no_color, stdout_tty),
            stderr_color: color::color_enabled(color, no_color, stderr_tty),
            quiet,
            verbosity,
            utc,
            stdout_tty,
            stderr_tty,
        })
    }

    pub fn options(&self) -> &PrinterOptions {
        &self.options
    }

    pub fn is_json(&self) -> bool {
        self.options.format == OutputFormat::Json
    }

    /// Colours for data on stdout.
    pub fn palette(&self) -> Palette {
        Palette::new(self.options.stdout_color)
    }

    /// The width tables and charts may use; `None` when stdout is not a terminal, so piped
    /// output is never truncated.
    pub fn width(&self) -> Option<usize> {
        if !self.options.stdout_tty {
            return None;
        }
        let (_, cols) = console::Term::stdout().size();
        Some(usize::from(cols).max(40))
    }

    /// A line of human output. Control characters from the outside are shown as escapes,
    /// never obeyed (the palette's colours pass). On a terminal it shows at once; into a pipe
    /// it is buffered.
    pub fn line(&self, text: &str) -> Result<()> {
        self.raw_line(&terminal::escape_controls_keep_colors(text))
    }

    /// A line written byte for byte: JSON (which escapes controls itself) and the `raw` log
    /// format, whose users asked for the message exactly as stored.
    pub fn raw_line(&self, text: &str) -> Result<()> {
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        out.write_all(text.as_bytes())?;
        out.write_all(b"\n")?;
        if self.options.stdout_tty {
            out.flush()?;
        }
        Ok(())
    }

    /// A JSON document (pretty, with a final newline).
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> Result<()> {
        let text = serde_json::to_string_pretty(value)
            .map_err(|e| crate::Error::failure(format!("cannot encode JSON: {e}")))?;
        self.raw_line(&text)
    }

    /// One NDJSON record of a stream.
    pub fn json_line<T: Serialize + ?Sized>(&self, value: &T) -> Result<()> {
        let text = serde_json::to_string(value)
            .map_err(|e| crate::Error::failure(format!("cannot encode JSON: {e}")))?;
        self.raw_line(&text)
    }

    /// A table fitted to the terminal (plain and untruncated when piped).
    pub fn table(&self, columns: &[Column], rows: Vec<Vec<String>>) -> Result<()> {
        self.line(&table::render(columns, rows, self.width()))
    }

    /// Pushes buffered data out; streams call it after each batch, `run` at the end.
    pub fn flush(&self) -> Result<()> {
        self.out.lock().unwrap_or_else(|e| e.into_inner()).flush()?;
        Ok(())
    }

    /// A status line on stderr (silenced by `--quiet`).
    pub fn status(&self, text: &str) {
        if !self.options.quiet {
            self.stderr(&shown(text));
        }
    }

    /// A warning on stderr; shown even with `--quiet`, since it is about something wrong.
    pub fn warn(&self, text: &str) {
        let label = Palette::new(self.options.stderr_color).yellow("warning:");
        self.stderr(&format!("{label} {}", shown(text)));
    }

    /// A hint on stderr (silenced by `--quiet`).
    pub fn hint(&self, text: &str) {
        if !self.options.quiet {
            let label = Palette::new(self.options.stderr_color).cyan("hint:");
            self.stderr(&format!("{label} {}", shown(text)));
        }
    }

    fn stderr(&self, text: &str) {
        self.progress.suspend(|| {
            let _ = writeln!(io::stderr().lock(), "{text}");
        });
    }

    /// A spinner on stderr; hidden off-tty, in JSON mode and with `--quiet`.
    pub fn spinner(&self, message: impl Into<String>) -> ProgressBar {
        let bar = self.progress.add(ProgressBar::new_spinner());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed:.dim}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(message.into());
        bar.enable_steady_tick(Duration::from_millis(100));
        bar
    }

    /// A progress bar of `len` steps on stderr, hidden under the same rules as the spinner.
    pub fn progress_bar(&self, len: u64, message: impl Into<String>) -> ProgressBar {
        let bar = self.progress.add(ProgressBar::new(len));
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {elapsed:.dim}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_message(message.into());
        bar
    }

    /// Formats an instant for people: local time with offset, or UTC with `--utc`.
    pub fn time(&self, ts: Timestamp, format: &str) -> String {
        if self.options.utc {
            ts.strftime(format).to_string()
        } else {
            ts.to_zoned(self.zone()).strftime(format).to_string()
        }
    }

    /// The zone times are shown in: UTC with `--utc`, else the system's.
    pub fn zone(&self) -> jiff::tz::TimeZone {
        if self.options.utc {
            jiff::tz::TimeZone::UTC
        } else {
            jiff::tz::TimeZone::system()
        }
    }

    /// The sink that turns client events into `-v` traces and retry notices on stderr.
    pub fn observer(&self) -> Arc<dyn Observer> {
        Arc::new(diagnostics::StderrObserver::new(
            self.options.verbosity,
            self.options.quiet,
            Palette::new(self.options.stderr_color),
            self.progress.clone(),
        ))
    }
}

/// Text for stderr: URL credentials redacted, control characters escaped.
pub fn shown(text: &str) -> String {
    terminal::escape_controls(&crate::redact::text(text)).into_owned()
}

/// Bytes for people: `812 B`, `1.4 MB`, `3.0 GB` (decimal units, as the AWS console shows).
/// A short commit id for people.
pub fn short_commit(oid: &str) -> &str {
    &oid[..oid.len().min(7)]
}

pub fn human_bytes(bytes: i64) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value.abs() >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// Integers with thousands separators: `1,284`.
pub fn human_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Seconds for people, with the precision that matters at each scale: `0.4 ms`, `48 ms`,
/// `2.61 s`, `12.5 s`, `3m07s`.
pub fn human_seconds(seconds: f64) -> String {
    let s = seconds.max(0.0);
    if s == 0.0 {
        "0 ms".into()
    } else if s < 0.001 {
        format!("{:.1} ms", s * 1000.0)
    } else if s < 1.0 {
        // As `{:.0}` rounds (half to even), but formatted as an integer: exact float
        // formatting fell back to its slow path for most values, and the live printer
        // writes one of these for every request.
        format!("{} ms", (s * 1000.0).round_ties_even() as u64)
    } else if s < 10.0 {
        format!("{s:.2} s")
    } else if s < 60.0 {
        format!("{s:.1} s")
    } else {
        let whole = s.round() as u64;
        format!("{}m{:02}s", whole / 60, whole % 60)
    }
}

/// The path and query of a URL: the host is the same on every row and only costs width.
pub fn url_path(url: &str) -> Cow<'_, str> {
    // A route or a path (what OpenTelemetry sends) has no host: not worth a parse.
    if url.starts_with('/') {
        return Cow::Borrowed(url);
    }
    match url::Url::parse(url) {
        Ok(parsed) if parsed.has_host() => {
            Cow::Owned(parsed[url::Position::BeforePath..].to_string())
        }
        _ => Cow::Borrowed(url),
    }
}

pub use crate::model::time::human_span;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_durations() {
        assert_eq!(human_seconds(0.0004), "0.4 ms");
        assert_eq!(human_seconds(0.048), "48 ms");
        assert_eq!(human_seconds(2.613), "2.61 s");
        assert_eq!(human_seconds(12.46), "12.5 s");
        assert_eq!(human_seconds(187.0), "3m07s");
        assert_eq!(human_span(Duration::from_secs(3600)), "1h");
        assert_eq!(human_span(Duration::from_secs(9000)), "2h30m");
        assert_eq!(human_span(Duration::from_secs(86_400 + 60)), "1d1m");
    }

    #[test]
    fn milliseconds_round_as_the_float_formatting_did() {
        for i in 0..200_000 {
            let s = 0.001 + f64::from(i) * 0.000_004_995;
            if s < 1.0 {
                assert_eq!(human_seconds(s), format!("{:.0} ms", s * 1000.0), "{s}");
            }
        }
        assert_eq!(human_seconds(0.0025), format!("{:.0} ms", 2.5));
        assert_eq!(human_seconds(0.9996), "1000 ms");
    }

    #[test]
    fn a_url_shows_its_path_and_a_path_stays_as_it_is() {
        assert_eq!(url_path("http://localhost:5000/api/x?y=1"), "/api/x?y=1");
        assert_eq!(url_path("/api/activities/{uuid}"), "/api/activities/{uuid}");
        assert!(matches!(url_path("/api/x"), Cow::Borrowed(_)));
        assert_eq!(url_path("GET /x"), "GET /x");
    }

    #[test]
    fn human_numbers() {
        assert_eq!(human_bytes(812), "812 B");
        assert_eq!(human_bytes(1_400_000), "1.4 MB");
        assert_eq!(human_count(1284), "1,284");
        assert_eq!(human_count(1_000_000), "1,000,000");
        assert_eq!(human_count(7), "7");
    }
}
