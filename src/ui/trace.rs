//! The trace screen: the waterfall of `local trace` (the same tree, bars and durations),
//! spans folded and unfolded, and a detail pane for the selected span — every attribute
//! sorted, events, exceptions with their stack, links, resource — with the log lines and
//! errors the store holds for it. Drawn from the `LocalTrace` of `views::local::trace`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span as Text};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use serde_json::Value;

use super::app::{App, TraceScreen};
use super::draw::{Look, Theme, clock, fit};
use crate::model::trace::Span;
use crate::output::human_seconds;
use crate::output::terminal::{escape_controls, escape_field};
use crate::views::local::LocalTrace;

pub fn draw(frame: &mut Frame, area: Rect, app: &mut App, look: &Look) {
    let theme = look.theme;
    let page_hint = &mut app.page;
    let Some(screen) = app.trace.as_mut() else {
        return;
    };
    let found = match &screen.answer {
        None => {
            let text = format!(" trace {} · loading…", screen.id.as_str());
            frame.render_widget(Paragraph::new(text).style(theme.dim()), area);
            return;
        }
        Some(Err(failure)) => {
            let text = format!(" trace {}: {}", screen.id.as_str(), escape_field(failure));
            frame.render_widget(
                Paragraph::new(text)
                    .style(theme.fault())
                    .wrap(Wrap { trim: true }),
                area,
            );
            return;
        }
        Some(Ok(None)) => {
            let text = format!(
                " trace {} is not held by this source (yet): it may still be on its way; Esc goes back",
                screen.id.as_str()
            );
            frame.render_widget(
                Paragraph::new(text)
                    .style(theme.dim())
                    .wrap(Wrap { trim: true }),
                area,
            );
            return;
        }
        Some(Ok(Some(found))) => found.clone(),
    };
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(header(&found, theme)), head);
    let [list, detail] = if body.width >= 140 {
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(body)
    } else {
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body)
    };
    let height = list.height.saturating_sub(2) as usize;
    *page_hint = height.max(1);
    draw_waterfall(frame, list, screen, &found, height, theme);
    let selected = screen.selected_span().cloned();
    let lines = match &selected {
        Some(span) => detail_lines(span, &found, look),
        None => Vec::new(),
    };
    // The detail scrolls no further than its last line.
    let max_scroll = (lines.len() as u16).saturating_sub(detail.height.saturating_sub(2));
    screen.detail_scroll = screen.detail_scroll.min(max_scroll);
    let title = match &selected {
        Some(span) => format!(" {} ", fit(&escape_field(&span.name), 60)),
        None => " span ".into(),
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((screen.detail_scroll, 0))
            .block(Block::default().borders(Borders::ALL).title(title)),
        detail,
    );
}

fn header(found: &LocalTrace, theme: Theme) -> Line<'static> {
    let trace = &found.trace;
    let spans = trace.spans.iter().map(|s| s.walk().len()).sum::<usize>();
    let total = trace
        .bounds()
        .map(|(a, b)| b.duration_since(a).as_secs_f64())
        .unwrap_or(0.0);
    let entry = trace
        .entry()
        .map(|s| escape_field(&s.name).into_owned())
        .unwrap_or_default();
    let mut parts = vec![
        Text::styled(format!(" trace {}", trace.id), theme.bold()),
        Text::raw(format!(
            " · {entry} · {} · {spans} spans",
            human_seconds(total)
        )),
    ];
    if !found.logs.is_empty() {
        let more = if found.logs_truncated { "+" } else { "" };
        parts.push(Text::raw(format!(
            " · {}{more} log lines",
            found.logs.len()
        )));
    }
    if !found.errors.is_empty() {
        parts.push(Text::styled(
            match found.errors.len() {
                1 => " · 1 error".to_string(),
                n => format!(" · {n} errors"),
            },
            theme.fault(),
        ));
    }
    if trace.in_progress() {
        parts.push(Text::styled(" · in progress", theme.accent()));
    }
    Line::from(parts)
}

fn draw_waterfall(
    frame: &mut Frame,
    area: Rect,
    screen: &mut TraceScreen,
    found: &LocalTrace,
    height: usize,
    theme: Theme,
) {
    let offset = screen.cursor.scrolled(height);
    let selected = screen.cursor.selected;
    let rows = screen.rows();
    let count = rows.len();
    let inner = area.width.saturating_sub(2) as usize;
    let bar_width = (inner / 3).clamp(8, 48);
    let duration_width = 9;
    let label_width = inner.saturating_sub(bar_width + duration_width + 2);
    let (start, total) = match found.trace.bounds() {
        Some((a, b)) => (a, b.duration_since(a).as_secs_f64().max(1e-9)),
        None => (jiff::Timestamp::UNIX_EPOCH, 1.0),
    };
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, row)| {
            let span = row.span;
            let marker = if row.folded {
                "▸ "
            } else if span.children.is_empty() {
                ""
            } else {
                "▾ "
            };
            let label = fit(
                &format!("{}{marker}{}", row.guides, escape_field(&span.name)),
                label_width,
            );
            let from = span.start.duration_since(start).as_secs_f64() / total;
            let bar = bar(from, span.duration.map(|d| d / total), bar_width);
            let duration = span
                .duration
                .map(human_seconds)
                .unwrap_or_else(|| "…".into());
            let style = if i == selected {
                theme.selected()
            } else {
                theme.outcome(
                    span.error || span.throttle || has_client_error(span),
                    span.fault,
                )
            };
            Line::styled(
                format!("{label:<label_width$} {bar} {duration:>duration_width$}"),
                style,
            )
        })
        .collect();
    let title = format!(" spans ({count}) ");
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(title)),
        area,
    );
}

/// A client span answered 4xx: an error of the call even when the span's status is unset.
fn has_client_error(span: &Span) -> bool {
    span.http
        .as_ref()
        .and_then(|h| h.status)
        .is_some_and(|s| (400..500).contains(&s))
}

/// A bar `width` cells wide: the span's share of the trace, from its start.
fn bar(from: f64, share: Option<f64>, width: usize) -> String {
    let first = ((from * width as f64).floor() as usize).min(width.saturating_sub(1));
    let cells = match share {
        Some(share) => ((share * width as f64).round() as usize).max(1),
        None => width - first,
    }
    .min(width - first);
    let mut out = String::with_capacity(width * 3);
    out.extend(std::iter::repeat_n(' ', first));
    out.extend(std::iter::repeat_n(
        if share.is_some() { '█' } else { '░' },
        cells,
    ));
    out.extend(std::iter::repeat_n(' ', width - first - cells));
    out
}

/// A JSON value as the detail shows it: strings as they are (escaped), the rest as JSON.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => escape_controls(s).into_owned(),
        other => escape_controls(&other.to_string()).into_owned(),
    }
}

fn section(lines: &mut Vec<Line<'static>>, title: &str, theme: Theme) {
    lines.push(Line::raw(""));
    lines.push(Line::styled(title.to_string(), theme.bold()));
}

fn sorted_pairs(
    lines: &mut Vec<Line<'static>>,
    map: &serde_json::Map<String, Value>,
    theme: Theme,
) {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    for key in keys {
        lines.push(Line::from(vec![
            Text::styled(format!("  {}", escape_field(key)), theme.accent()),
            Text::raw(format!(" = {}", value_text(&map[key]))),
        ]));
    }
}

/// Everything known of one span, then the log lines and errors placed under it.
fn detail_lines(span: &Span, found: &LocalTrace, look: &Look) -> Vec<Line<'static>> {
    let theme = look.theme;
    let trace_start = found.trace.bounds().map(|(a, _)| a).unwrap_or(span.start);
    let offset = |t: jiff::Timestamp| human_seconds(t.duration_since(trace_start).as_secs_f64());
    let mut lines = vec![Line::raw(format!(
        "id {}{}",
        span.id,
        span.parent_id
            .as_deref()
            .map(|p| format!(" · parent {p}"))
            .unwrap_or_default()
    ))];
    let outcome = if span.fault {
        "fault"
    } else if span.throttle {
        "throttle"
    } else if span.error {
        "error"
    } else {
        "ok"
    };
    lines.push(Line::from(vec![
        Text::raw(format!(
            "at {} (+{}) · {} · ",
            clock(span.start, &look.zone),
            offset(span.start),
            span.duration
                .map(human_seconds)
                .unwrap_or_else(|| "in progress".into()),
        )),
        Text::styled(outcome, theme.outcome(span.error, span.fault)),
    ]));
    if let Some(stored) = &span.stored {
        let mut facts = vec![
            format!("service {}", escape_field(&stored.service)),
            format!("kind {:?}", stored.kind).to_lowercase(),
        ];
        if let Some(route) = &stored.http_route {
            facts.push(format!("route {}", escape_field(route)));
        }
        if let Some(remote) = &stored.remote_service {
            facts.push(format!("calls {}", escape_field(remote)));
        }
        lines.push(Line::raw(facts.join(" · ")));
        if let Some(message) = &stored.detail.status_message {
            lines.push(Line::styled(
                format!("status: {}", escape_controls(message)),
                theme.fault(),
            ));
        }
    } else if let Some(namespace) = &span.namespace {
        lines.push(Line::raw(format!("namespace {}", escape_field(namespace))));
    }
    if let Some(http) = &span.http {
        lines.push(Line::raw(format!(
            "http {} {} {}",
            http.method.as_deref().unwrap_or("-"),
            escape_field(http.url.as_deref().unwrap_or("-")),
            http.status.map(|s| s.to_string()).unwrap_or_default()
        )));
    }
    if let Some(sql) = &span.sql {
        lines.push(Line::raw(format!("sql {}", escape_controls(sql))));
    }
    if let Some(stored) = &span.stored {
        if !stored.attributes.is_empty() {
            section(&mut lines, "attributes", theme);
            sorted_pairs(&mut lines, &stored.attributes, theme);
        }
        if !stored.detail.events.is_empty() {
            section(&mut lines, "events", theme);
            for event in &stored.detail.events {
                let at = jiff::Timestamp::from_nanosecond(i128::from(event.time_ns))
                    .map(offset)
                    .unwrap_or_default();
                lines.push(Line::raw(format!("  +{at} {}", escape_field(&event.name))));
                let mut attributes = event.attributes.clone();
                // The stack is drawn under the exceptions, line by line.
                attributes.remove("exception.stacktrace");
                let mut keys: Vec<&String> = attributes.keys().collect();
                keys.sort();
                for key in keys {
                    lines.push(Line::raw(format!(
                        "      {} = {}",
                        escape_field(key),
                        value_text(&attributes[key])
                    )));
                }
            }
        }
    }
    if !span.exceptions.is_empty() {
        section(&mut lines, "exceptions", theme);
        for e in &span.exceptions {
            lines.push(Line::styled(
                format!(
                    "  {}: {}",
                    escape_field(e.kind.as_deref().unwrap_or("exception")),
                    escape_controls(&e.message)
                ),
                theme.fault(),
            ));
            for frame in e.stacktrace.as_deref().unwrap_or("").lines() {
                lines.push(Line::styled(
                    format!("    {}", escape_controls(frame)),
                    theme.dim(),
                ));
            }
        }
    }
    if let Some(stored) = &span.stored {
        if !stored.detail.links.is_empty() {
            section(&mut lines, "links", theme);
            for link in &stored.detail.links {
                lines.push(Line::raw(format!(
                    "  trace {} span {}",
                    link.trace_id, link.span_id
                )));
            }
        }
        if !stored.resource.is_empty() {
            section(&mut lines, "resource", theme);
            sorted_pairs(&mut lines, &stored.resource, theme);
        }
    }
    let logs: Vec<_> = found
        .logs
        .iter()
        .filter(|l| l.span_id.as_deref() == Some(span.id.as_str()))
        .collect();
    if !logs.is_empty() {
        section(&mut lines, &format!("log lines ({})", logs.len()), theme);
        for line in logs {
            lines.push(Line::raw(format!(
                "  {} {}",
                clock(line.timestamp, &look.zone),
                escape_controls(line.message.trim_end_matches(['\n', '\r']))
            )));
        }
    }
    let errors: Vec<_> = found
        .errors
        .iter()
        .filter(|e| e.span_id.as_deref() == Some(span.id.as_str()))
        .collect();
    if !errors.is_empty() {
        section(&mut lines, &format!("errors ({})", errors.len()), theme);
        for e in errors {
            lines.push(Line::styled(
                format!(
                    "  #{} {}",
                    e.counter,
                    escape_controls(e.exception.as_deref().unwrap_or(&e.title))
                ),
                theme.fault(),
            ));
        }
    }
    lines
}
