//! One trace as a terminal waterfall: a tree of spans, each with its start offset, its
//! duration, a bar on a shared time axis scaled to the width, and what it did (HTTP status,
//! SQL, the remote service), with exceptions listed under the tree.

use super::color::Palette;
use super::terminal::escape_field;
use super::{Printer, human_seconds, url_path};
use crate::error::Result;
use crate::model::trace::{Span, Trace};

/// Bars never get narrower than this, however long the names are.
const MIN_BAR: usize = 10;
const OFFSET_WIDTH: usize = 8;
const DURATION_WIDTH: usize = 8;
/// How much of an exception's stack the waterfall shows.
const STACK_LINES: usize = 20;

/// Width of the waterfall when stdout is not a terminal.
pub const PIPED_WIDTH: usize = 120;

/// `xray trace` and `local trace`: each trace as a waterfall (a blank line between them);
/// `-o json` is the trace alone when one id was asked for, else the list.
pub fn print_traces(printer: &Printer, traces: &[Trace], asked: usize) -> Result<()> {
    if printer.is_json() {
        return match traces {
            [one] if asked == 1 => printer.json(one),
            many => printer.json(many),
        };
    }
    let width = printer.width().unwrap_or(PIPED_WIDTH);
    for (i, trace) in traces.iter().enumerate() {
        if i > 0 {
            printer.line("")?;
        }
        printer.line(&render(trace, width, printer.palette()))?;
    }
    Ok(())
}

/// Renders `trace` in `width` columns. Pure: the same trace and width give the same text.
pub fn render(trace: &Trace, width: usize, palette: Palette) -> String {
    render_with(trace, width, palette, &|_| Vec::new())
}

/// [`render`], with the lines `under` gives for a span (log lines, say) drawn under its row,
/// indented to the span's depth and cut to the width.
pub fn render_with(
    trace: &Trace,
    width: usize,
    palette: Palette,
    under: &dyn Fn(&Span) -> Vec<String>,
) -> String {
    let Some((start, end)) = trace.bounds() else {
        return format!("{}  (no segments)", trace.id);
    };
    let total = end.duration_since(start).as_secs_f64();
    let rows = tree_rows(trace);

    let name_width = rows
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(0)
        .min((width / 4).max(16));
    let fixed = 1 + name_width + 1 + OFFSET_WIDTH + 1 + DURATION_WIDTH + 2;
    let free = width.saturating_sub(fixed);
    let bar_width = (free * 11 / 20).max(MIN_BAR);
    let notes_width = width.saturating_sub(fixed + bar_width + 2);

    let mut out = Vec::new();
    out.push(header(trace, total, width, palette));
    out.push(String::new());
    out.push(axis(fixed, bar_width, total));
    for row in &rows {
        let span = row.span;
        let offset = span.start.duration_since(start).as_secs_f64();
        let label = fit(&row.label, name_width);
        let duration = span.duration.map_or_else(|| "…".to_string(), human_seconds);
        let bar = bar(offset, span.duration, total, bar_width);
        let paint = |text: &str| {
            if span.fault {
                palette.red(text)
            } else if span.error || span.throttle {
                palette.yellow(text)
            } else {
                palette.cyan(text)
            }
        };
        let notes = fit(&notes(span), notes_width);
        let line = format!(
            " {label:<name_width$} {:>OFFSET_WIDTH$} {duration:>DURATION_WIDTH$}  {}  {}",
            format!("+{}", human_seconds(offset)),
            paint(&bar),
            notes,
        );
        out.push(line.trim_end().to_string());
        // Under the span's name, a step in: the tree guides before it show the depth.
        let indent = (1 + row.depth + 2).min(width / 2);
        for text in events(span, start).into_iter().chain(under(span)) {
            let shown = fit(&text, width.saturating_sub(indent));
            out.push(format!("{:indent$}{}", "", palette.dim(&shown)));
        }
    }
    for row in &rows {
        let span = row.span;
        for e in &span.exceptions {
            let what = match &e.kind {
                Some(kind) => format!("{kind}: {}", e.message),
                None => e.message.clone(),
            };
            let text = fit(
                &format!("! {what}   ({})", span.name),
                width.saturating_sub(1),
            );
            out.push(format!(" {}", palette.red(&text)));
            if let Some(stack) = &e.stacktrace {
                out.extend(stack_lines(stack).iter().map(|line| {
                    format!("   {}", palette.dim(&fit(line, width.saturating_sub(3))))
                }));
            }
        }
        // An ERROR status says why even when no exception was recorded.
        if span.exceptions.is_empty()
            && let Some(message) = span
                .stored
                .as_ref()
                .and_then(|s| s.detail.status_message.as_ref())
        {
            let text = fit(
                &format!("! {message}   ({})", span.name),
                width.saturating_sub(1),
            );
            out.push(format!(" {}", palette.red(&text)));
        }
    }
    if !trace.unreadable.is_empty() {
        out.push(format!(
            " {}",
            palette.yellow(&format!(
                "{} segment document(s) could not be read",
                trace.unreadable.len()
            ))
        ));
    }
    out.join("\n")
}

/// `<id>  GET /path  500  2.73 s` — what the request was, at a glance. The request is
/// the part cut to fit the width; the id, status and time always show.
fn header(trace: &Trace, total: f64, width: usize, palette: Palette) -> String {
    let http = trace.entry().and_then(|s| s.http.as_ref());
    let request = http
        .map(|h| {
            [
                h.method.as_deref().map(Into::into),
                h.url.as_deref().map(url_path),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<std::borrow::Cow<str>>>()
            .join(" ")
        })
        .unwrap_or_default();
    let mut tail = Vec::new();
    if let Some(status) = http.and_then(|h| h.status) {
        tail.push(status.to_string());
    }
    tail.push(human_seconds(total));
    let progress = if trace.in_progress() {
        "in progress"
    } else {
        ""
    };
    // Everything but the request, with the two-space gaps around it.
    let fixed = trace.id.len()
        + 4
        + tail.join("  ").chars().count()
        + if progress.is_empty() {
            0
        } else {
            progress.len() + 2
        };
    let room = width.saturating_sub(fixed);
    let mut parts = vec![palette.bold(&trace.id)];
    if !request.is_empty() && room >= 12 {
        parts.push(fit(&request, room));
    }
    parts.extend(tail);
    if !progress.is_empty() {
        parts.push(palette.yellow(progress));
    }
    parts.join("  ")
}

/// The time axis above the bars: 0, the middle and the end of the trace.
fn axis(indent: usize, bar_width: usize, total: f64) -> String {
    let mut line: Vec<char> = vec![' '; indent + bar_width];
    let mut put = |text: &str, at: usize| {
        for (i, c) in text.chars().enumerate() {
            if let Some(slot) = line.get_mut(at + i) {
                *slot = c;
            }
        }
    };
    let mid = human_seconds(total / 2.0);
    let end = human_seconds(total);
    put("0", indent);
    put(&mid, indent + bar_width / 2 - mid.chars().count() / 2);
    put(
        &end,
        (indent + bar_width).saturating_sub(end.chars().count()),
    );
    line.into_iter().collect::<String>().trim_end().to_string()
}

/// A bar of `width` cells: full blocks where the span ran; a thin mark for spans shorter
/// than one cell, so nothing that happened is invisible; light shade to the end of the
/// trace for a span still in progress.
fn bar(offset: f64, duration: Option<f64>, total: f64, width: usize) -> String {
    if total <= 0.0 {
        return format!("{:<width$}", "▏");
    }
    let scale = width as f64 / total;
    let first = ((offset * scale).round() as usize).min(width - 1);
    let (last, fill) = match duration {
        Some(d) => (((offset + d) * scale).round() as usize, '█'),
        None => (width, '░'),
    };
    let last = last.min(width);
    let mut cells = vec![' '; width];
    if last <= first {
        cells[first] = '▏';
    } else {
        for cell in &mut cells[first..last] {
            *cell = fill;
        }
    }
    cells.into_iter().collect()
}

/// What a span did, most telling first.
fn notes(span: &Span) -> String {
    let mut parts: Vec<String> = Vec::new();
    let http = span.http.as_ref();
    if let Some(status) = http.and_then(|h| h.status) {
        parts.push(status.to_string());
    }
    // The marks before the URL: a long URL cut to the width must never hide them.
    if span.fault {
        parts.push("fault".into());
    } else if span.error {
        parts.push("error".into());
    }
    if span.throttle {
        parts.push("throttled".into());
    }
    if span.namespace.is_some()
        && let Some(url) = http.and_then(|h| h.url.as_ref())
    {
        parts.push(url.clone());
    }
    if let Some(sql) = &span.sql {
        parts.push(sql.clone());
    }
    if parts.is_empty()
        && let Some(ns) = &span.namespace
    {
        parts.push(ns.clone());
    }
    parts.join(" ")
}

/// The span's events other than exceptions (those are listed under the tree), one line
/// each: `· name +offset key=value …`.
fn events(span: &Span, trace_start: jiff::Timestamp) -> Vec<String> {
    let Some(stored) = &span.stored else {
        return Vec::new();
    };
    stored
        .detail
        .events
        .iter()
        .filter(|e| e.name != "exception")
        .map(|e| {
            let at = jiff::Timestamp::from_nanosecond(i128::from(e.time_ns))
                .map(|t| human_seconds(t.duration_since(trace_start).as_secs_f64().max(0.0)))
                .unwrap_or_else(|_| "?".into());
            let mut line = format!("· {} +{at}", e.name);
            for (key, value) in &e.attributes {
                match value {
                    serde_json::Value::String(text) => line.push_str(&format!(" {key}={text}")),
                    other => line.push_str(&format!(" {key}={other}")),
                }
            }
            line
        })
        .collect()
}

/// Lines of a stack trace shown under its exception. Python and Java put the frame that
/// raised at the end, next to the message, so a long stack keeps its last lines.
fn stack_lines(stack: &str) -> Vec<String> {
    let lines: Vec<&str> = stack.lines().filter(|l| !l.trim().is_empty()).collect();
    let cut = lines.len().saturating_sub(STACK_LINES);
    let mut out = Vec::new();
    if cut > 0 {
        out.push(format!(
            "… {cut} earlier lines (`-o json` has the whole stack)"
        ));
    }
    out.extend(lines[cut..].iter().map(|l| l.to_string()));
    out
}

use super::terminal::fit_field as fit;

struct Row<'a> {
    /// The tree guides and the span's name, shown escaped.
    label: String,
    /// How many columns of guides come before the name.
    depth: usize,
    span: &'a Span,
}

/// Depth-first rows with tree guides (`├─`, `└─`, `│`), nothing folded.
fn tree_rows(trace: &Trace) -> Vec<Row<'_>> {
    crate::model::trace::tree_rows(&trace.spans, &|_| false)
        .into_iter()
        .map(|row| Row {
            depth: row.guides.chars().count(),
            label: format!("{}{}", row.guides, escape_field(&row.span.name)),
            span: row.span,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A trace like the Flask app's: a faulted request, a slow query, an AWS call, a
    /// downstream worker still in progress, and one call too short for a cell.
    fn sample() -> Trace {
        let root = r#"{"id":"70de5b6f19ff9a0a","name":"backend-flask","trace_id":"1-6b04d9b5-002c4c2274de5f7070f81dba",
            "start_time":1700000000.0,"end_time":1700000002.73,"fault":true,
            "http":{"request":{"method":"GET","url":"http://localhost:4567/api/activities/d6321d31-c8b1-4b0f-8e1c-2f1d3c4b5a69"},"response":{"status":500}},
            "cause":{"exceptions":[{"type":"OperationalError","message":"connection to server failed"}]},
            "subsegments":[
              {"id":"a1","name":"postgres","start_time":1700000000.05,"end_time":1700000001.69,"fault":true,
               "sql":{"sanitized_query":"SELECT * FROM activities WHERE uuid = %s"}},
              {"id":"a2","name":"cognito-idp","namespace":"aws","start_time":1700000002.0,"end_time":1700000002.012,
               "http":{"response":{"status":200}}},
              {"id":"a3","name":"cache","namespace":"remote","start_time":1700000002.5,"end_time":1700000002.5004},
              {"id":"a4","name":"notify","namespace":"remote","start_time":1700000002.1,"end_time":1700000002.6,
               "http":{"request":{"method":"POST","url":"http://worker/notify"},"response":{"status":202}}}
            ]}"#;
        let worker = r#"{"id":"b1","name":"worker","parent_id":"a4","start_time":1700000002.2,"in_progress":true}"#;
        Trace::from_documents("1-6b04d9b5-002c4c2274de5f7070f81dba", [root, worker])
    }

    #[test]
    fn waterfall_at_80_columns() {
        insta::assert_snapshot!(render(&sample(), 80, Palette::new(false)));
    }

    #[test]
    fn waterfall_at_160_columns() {
        insta::assert_snapshot!(render(&sample(), 160, Palette::new(false)));
    }

    #[test]
    fn every_line_fits_the_width() {
        for width in [72, 80, 120, 160] {
            let text = render(&sample(), width, Palette::new(false));
            for line in text.lines() {
                assert!(line.chars().count() <= width, "{width}: {line}");
            }
        }
    }

    #[test]
    fn a_long_stack_keeps_the_frames_next_to_the_error() {
        let stack: String = (1..=28)
            .map(|i| format!("  frame {i}\n"))
            .collect::<String>()
            + "ZeroDivisionError: division by zero\n";
        let lines = stack_lines(&stack);
        assert_eq!(lines.len(), STACK_LINES + 1);
        assert_eq!(
            lines[0],
            "… 9 earlier lines (`-o json` has the whole stack)"
        );
        assert_eq!(lines[1], "  frame 10");
        assert_eq!(lines[STACK_LINES], "ZeroDivisionError: division by zero");
        assert_eq!(stack_lines("  one\nTwo: 2\n"), ["  one", "Two: 2"]);
    }

    #[test]
    fn bars_scale_and_never_vanish() {
        assert_eq!(bar(0.0, Some(1.0), 2.0, 10), "█████     ");
        assert_eq!(bar(1.0, Some(1.0), 2.0, 10), "     █████");
        assert_eq!(bar(1.0, Some(0.0001), 2.0, 10), "     ▏    ");
        assert_eq!(bar(0.5, None, 2.0, 8), "  ░░░░░░");
    }
}
