//! The logs screen: the app's lines as the local store commits them (`local logs -f`'s
//! page by arrival), followed at the newest line, filtered with `/`, Enter opening the
//! trace a line names.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::app::App;
use super::draw::{Look, clock, fit};
use crate::output::terminal::escape_controls;

pub fn draw(frame: &mut Frame, area: Rect, app: &mut App, look: &Look) {
    let theme = look.theme;
    let filter = if app.logs_filter.applied.is_empty() {
        String::new()
    } else {
        format!(" · grep {}", escape_controls(&app.logs_filter.applied))
    };
    let follow = if app.logs_follow { " · following" } else { "" };
    let title = format!(" log lines ({}){filter}{follow} ", app.logs.len());
    let block = Block::default().borders(Borders::ALL).title(title);
    if app.logs.is_empty() {
        frame.render_widget(
            Paragraph::new("no log lines yet: the app's OTLP logs, Watchtower's CloudWatch Logs calls and the lines they name appear here as `local listen` stores them")
                .style(theme.dim())
                .wrap(ratatui::widgets::Wrap { trim: true })
                .block(block),
            area,
        );
        return;
    }
    let height = area.height.saturating_sub(2) as usize;
    app.page = height.max(1);
    let offset = app.logs_cursor.scrolled(height);
    let width = area.width.saturating_sub(2) as usize;
    let lines: Vec<Line> = app
        .logs
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, line)| {
            let severity = line.severity.as_deref().unwrap_or("-");
            let level_style = match severity {
                "ERROR" | "FATAL" | "CRITICAL" => theme.fault(),
                "WARN" | "WARNING" => theme.error(),
                _ => theme.dim(),
            };
            let message = escape_controls(line.event.message.trim_end_matches(['\n', '\r']));
            let trace = if line.trace_id.is_some() {
                "↗ "
            } else {
                "  "
            };
            let text = fit(&message, width.saturating_sub(18));
            let spans = vec![
                Span::raw(format!(
                    "{} ",
                    jiff::Timestamp::from_millisecond(line.event.timestamp)
                        .map(|t| clock(t, &look.zone))
                        .unwrap_or_default()
                )),
                Span::styled(format!("{severity:<5} "), level_style),
                Span::styled(trace, theme.accent()),
                Span::raw(text),
            ];
            let line = Line::from(spans);
            if i == app.logs_cursor.selected {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
