//! `tracectl trace ID`: a line per source, the waterfall with each span's log lines under
//! it, the spans only Honeycomb holds, and the lines outside every span.

use crate::error::Result;
use crate::output::{Printer, waterfall};
use crate::views::lookup::{Answer, LogLine, TraceIdReport};

/// `max_lines` is the cap the lines were fetched with, for the warning when it was hit.
pub fn print_lookup(printer: &Printer, report: &TraceIdReport, max_lines: usize) -> Result<()> {
    let p = printer;
    if p.is_json() {
        return p.json(report);
    }
    let palette = p.palette();
    p.line(&format!("trace {}  ({})", report.id, report.xray_id))?;
    for line in &report.sources {
        let (word, text) = match &line.answer {
            Answer::Found { detail } => (palette.green("found    "), detail.clone()),
            Answer::NotFound { detail } => (palette.yellow("not found"), detail.clone()),
            Answer::NotAsked { why } => (palette.dim("not asked"), why.clone()),
            Answer::Failed { error, .. } => (palette.red("failed   "), error.clone()),
        };
        p.line(&format!("  {:<10} {word}  {text}", line.source))?;
    }
    let log_text = |l: &LogLine| {
        format!(
            "{} {}  {}",
            p.time(l.timestamp, "%H:%M:%S%.3f"),
            l.group,
            l.message.trim_end()
        )
    };
    if let Some(trace) = &report.trace {
        let width = p.width().unwrap_or(waterfall::PIPED_WIDTH);
        p.line("")?;
        let under = |span: &crate::model::trace::Span| -> Vec<String> {
            report
                .logs
                .iter()
                .filter(|l| l.span_id.as_deref() == Some(span.id.as_str()))
                .map(|l| format!("│ {}", log_text(l)))
                .collect()
        };
        p.line(&waterfall::render_with(trace, width, palette, &under))?;
    }
    if !report.honeycomb_only.is_empty() {
        p.line("")?;
        p.line("also in Honeycomb (no start times in query results):")?;
        for span in &report.honeycomb_only {
            p.line(&format!(
                "  {}  {}  {}",
                span.name.as_deref().unwrap_or("(unnamed)"),
                span.service.as_deref().unwrap_or(""),
                span.duration_ms
                    .map(|d| format!("{d} ms"))
                    .unwrap_or_default()
            ))?;
        }
    }
    let apart: Vec<&LogLine> = report.logs.iter().filter(|l| l.span_id.is_none()).collect();
    if !apart.is_empty() {
        p.line("")?;
        p.line(if report.trace.is_some() {
            "log lines outside the spans' time:"
        } else {
            "log lines:"
        })?;
        for line in apart {
            p.line(&format!("  {}", log_text(line)))?;
        }
    }
    if !report.errors.is_empty() {
        p.line("")?;
        p.line("errors (Rollbar, the local store):")?;
        for e in &report.errors {
            let when = e
                .timestamp
                .map_or_else(|| "-".to_string(), |t| p.time(t, "%H:%M:%S"));
            p.line(&format!(
                "  {when} #{} {}{}",
                e.counter,
                crate::output::terminal::escape_field(e.exception.as_deref().unwrap_or(&e.title)),
                e.link
                    .as_ref()
                    .map(|l| format!("  {l}"))
                    .unwrap_or_default()
            ))?;
        }
    }
    if report.logs_truncated {
        p.warn(&format!(
            "only the first {max_lines} log lines are shown; narrow --margin or the groups"
        ));
    }
    Ok(())
}
