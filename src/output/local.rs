//! `tracectl local stats`: the file, its size, its spans and traces, a row a service, its
//! log lines and errors; `local trace`: waterfalls with their log lines and errors.

use crate::error::Result;
use crate::output::{Column, Printer, human_bytes, human_count};
use crate::views::local::StoreStats;

pub fn print_stats(printer: &Printer, stats: &StoreStats) -> Result<()> {
    let p = printer;
    if p.is_json() {
        return p.json(stats);
    }
    let when = |t: Option<jiff::Timestamp>| {
        t.map_or_else(|| "-".to_string(), |t| p.time(t, "%Y-%m-%d %H:%M:%S"))
    };
    p.line(&format!(
        "{}  {}  {} spans  {} traces  {} → {}",
        stats.path,
        human_bytes(i64::try_from(stats.bytes).unwrap_or(i64::MAX)),
        human_count(stats.spans.max(0) as u64),
        human_count(stats.traces.max(0) as u64),
        when(stats.first),
        when(stats.last)
    ))?;
    let lines: i64 = stats.logs.iter().map(|l| l.lines).sum();
    let by_source: Vec<String> = stats
        .logs
        .iter()
        .map(|l| format!("{} {}", human_count(l.lines.max(0) as u64), l.source))
        .collect();
    p.line(&format!(
        "{} log lines{}  {} errors in {} groups",
        human_count(lines.max(0) as u64),
        if by_source.is_empty() {
            String::new()
        } else {
            format!(" ({})", by_source.join(", "))
        },
        human_count(stats.errors.max(0) as u64),
        human_count(stats.error_items.max(0) as u64)
    ))?;
    if stats.services.is_empty() {
        return Ok(());
    }
    p.line("")?;
    p.table(
        &[
            Column::left("service"),
            Column::right("spans"),
            Column::right("traces"),
        ],
        stats
            .services
            .iter()
            .map(|s| {
                vec![
                    super::terminal::escape_field(&s.service).into_owned(),
                    human_count(s.spans.max(0) as u64),
                    human_count(s.traces.max(0) as u64),
                ]
            })
            .collect(),
    )
}

/// `local trace`: each trace as a waterfall with its log lines under the span each was
/// written in and its errors marked on the span each was reported from; lines and errors
/// no span holds follow it. `-o json` is the trace alone when one id was asked for.
pub fn print_local_traces(
    printer: &Printer,
    traces: &[crate::views::local::LocalTrace],
    asked: usize,
) -> Result<()> {
    use crate::output::terminal::escape_controls;
    use crate::output::waterfall;
    let p = printer;
    if p.is_json() {
        return match traces {
            [one] if asked == 1 => p.json(one),
            many => p.json(many),
        };
    }
    let palette = p.palette();
    let width = p.width().unwrap_or(waterfall::PIPED_WIDTH);
    let log_text = |l: &crate::views::lookup::LogLine| {
        format!(
            "{}  {}",
            palette.dim(&p.time(l.timestamp, "%H:%M:%S%.3f")),
            escape_controls(l.message.trim_end_matches(['\n', '\r']))
        )
    };
    let error_text = |e: &crate::views::rollbar::ErrorMatch| {
        palette.red(&format!(
            "✖ error #{} {}",
            e.counter,
            escape_controls(e.exception.as_deref().unwrap_or(&e.title))
        ))
    };
    for (i, local) in traces.iter().enumerate() {
        if i > 0 {
            p.line("")?;
        }
        let under = |span: &crate::model::trace::Span| -> Vec<String> {
            let mut lines: Vec<String> = local
                .errors
                .iter()
                .filter(|e| e.span_id.as_deref() == Some(span.id.as_str()))
                .map(error_text)
                .collect();
            lines.extend(
                local
                    .logs
                    .iter()
                    .filter(|l| l.span_id.as_deref() == Some(span.id.as_str()))
                    .map(|l| format!("│ {}", log_text(l))),
            );
            lines
        };
        p.line(&waterfall::render_with(
            &local.trace,
            width,
            palette,
            &under,
        ))?;
        let apart: Vec<String> = local
            .errors
            .iter()
            .filter(|e| e.span_id.is_none())
            .map(error_text)
            .chain(
                local
                    .logs
                    .iter()
                    .filter(|l| l.span_id.is_none())
                    .map(&log_text),
            )
            .collect();
        if !apart.is_empty() {
            p.line("")?;
            p.line("outside the spans' time:")?;
            for line in apart {
                p.line(&format!("  {line}"))?;
            }
        }
        if local.logs_truncated {
            p.warn(&format!(
                "trace {}: only its first {} log lines are shown (`tracectl local logs --trace {}` prints them all)",
                local.trace.id,
                crate::views::local::TRACE_LOG_LINES,
                local.trace.id
            ));
        }
    }
    Ok(())
}
