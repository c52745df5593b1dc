//! The services screen: the service graph of the window (each service's requests, error
//! and fault rates, latency, and its calls out), from the `ServicesReport` that
//! `local services` and `xray services` print.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use super::app::App;
use super::draw::Look;
use crate::model::graph::Counts;
use crate::model::time::human_span;
use crate::output::terminal::escape_field;
use crate::output::{human_count, human_seconds};

fn rate(part: i64, c: &Counts) -> String {
    if c.requests <= 0 {
        "-".into()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / c.requests as f64)
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &mut App, look: &Look) {
    let theme = look.theme;
    let title = format!(" services · last {} ", human_span(app.since()));
    let block = Block::default().borders(Borders::ALL).title(title);
    let Some(report) = &app.services else {
        frame.render_widget(
            Paragraph::new("loading…").style(theme.dim()).block(block),
            area,
        );
        return;
    };
    if report.services.is_empty() {
        frame.render_widget(
            Paragraph::new("no service sent a span in this window")
                .style(theme.dim())
                .block(block),
            area,
        );
        return;
    }
    // A service's row, then a row per call out, indented under it.
    let mut rows = Vec::new();
    for node in &report.services {
        rows.push((true, escape_field(&node.name).into_owned(), &node.counts));
        for edge in &node.edges {
            rows.push((
                false,
                format!("  → {}", escape_field(&edge.to)),
                &edge.counts,
            ));
        }
    }
    let height = area.height.saturating_sub(3) as usize;
    app.page = height.max(1);
    app.services_cursor
        .to(app.services_cursor.selected, report.services.len());
    // The cursor moves over services; the rows drawn start at the selected one's.
    let service_rows: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.0)
        .map(|(i, _)| i)
        .collect();
    let at = service_rows
        .get(app.services_cursor.selected)
        .copied()
        .unwrap_or(0);
    let offset = at.saturating_sub(height.saturating_sub(1));
    let drawn = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, (is_node, name, c))| {
            let style = if i == at {
                theme.selected()
            } else if !is_node {
                theme.dim()
            } else {
                theme.outcome(c.errors + c.throttles > 0, c.faults > 0)
            };
            Row::new(vec![
                Cell::from(name.clone()),
                Cell::from(human_count(c.requests.max(0) as u64)),
                Cell::from(rate(c.errors, c)),
                Cell::from(rate(c.faults, c)),
                Cell::from(rate(c.throttles, c)),
                Cell::from(
                    c.avg_latency
                        .map(human_seconds)
                        .unwrap_or_else(|| "-".into()),
                ),
            ])
            .style(style)
        });
    let table = Table::new(
        drawn,
        [
            Constraint::Min(20),
            Constraint::Length(10),
            Constraint::Length(8),
            Constraint::Length(8),
            Constraint::Length(10),
            Constraint::Length(10),
        ],
    )
    .header(
        Row::new([
            "SERVICE / CALLS",
            "REQUESTS",
            "ERRORS",
            "FAULTS",
            "THROTTLES",
            "AVG",
        ])
        .style(theme.bold()),
    )
    .block(block);
    frame.render_widget(table, area);
}
