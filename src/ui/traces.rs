//! The traces screen: the window's summary line and its traces, drawn from the
//! `TracesReport` of `views::traces` (the report `local traces` and `xray traces` print).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use super::app::App;
use super::draw::{Look, clock};
use crate::model::stats::TraceOrder;
use crate::model::time::human_span;
use crate::output::terminal::escape_field;
use crate::output::{human_count, human_seconds};

pub fn draw(frame: &mut Frame, area: Rect, app: &mut App, look: &Look) {
    let theme = look.theme;
    let [summary, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let order = match app.order {
        TraceOrder::Newest => "newest",
        TraceOrder::Slowest => "slowest",
    };
    let filter = if app.filter.applied.is_empty() {
        String::new()
    } else {
        format!(" · filter: {}", escape_field(&app.filter.applied))
    };
    let Some(listing) = &app.listing else {
        frame.render_widget(Paragraph::new(" loading…").style(theme.dim()), summary);
        return;
    };
    let report = &listing.report;
    let o = &report.summary;
    let pct = |n: u64| format!("{:.1}%", o.rate(n) * 100.0);
    let mut spans = vec![
        Span::styled(format!(" {} requests", human_count(o.traces)), theme.bold()),
        Span::raw("  errors "),
        Span::styled(pct(o.errors), theme.outcome(o.errors > 0, false)),
        Span::raw("  faults "),
        Span::styled(pct(o.faults), theme.outcome(false, o.faults > 0)),
        Span::raw("  throttles "),
        Span::raw(pct(o.throttles)),
    ];
    if let Some(p) = &o.response_time {
        spans.push(Span::raw(format!(
            "  p50 {}  p90 {}  p99 {}",
            human_seconds(p.p50),
            human_seconds(p.p90),
            human_seconds(p.p99)
        )));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), summary);

    let rows_shown = report.traces.len();
    let paused = match app.paused_at {
        Some(end) => format!(" · paused at {} (g: live)", clock(end, &look.zone)),
        None => String::new(),
    };
    let title = format!(
        " last {} · {order}{filter}{paused} · {} ",
        human_span(app.since()),
        if (rows_shown as u64) < o.traces {
            format!(
                "{} of {}",
                human_count(rows_shown as u64),
                human_count(o.traces)
            )
        } else {
            human_count(rows_shown as u64)
        }
    );
    let block = Block::default().borders(Borders::ALL).title(title);
    if report.traces.is_empty() {
        let text = match &listing.empty_hint {
            Some(hint) => hint.clone(),
            None if o.traces == 0 => format!(
                "no traces in the last {}: w widens the window",
                human_span(app.since())
            ),
            None => "no trace matches the filter: / changes it".into(),
        };
        frame.render_widget(
            Paragraph::new(escape_field(&text).into_owned())
                .style(theme.dim())
                .wrap(Wrap { trim: true })
                .block(block),
            list,
        );
        return;
    }
    // Only the rows that show are built: a long list costs nothing to draw.
    let height = list.height.saturating_sub(3) as usize;
    app.page = height.max(1);
    let offset = app.traces_cursor.scrolled(height);
    let selected = app.traces_cursor.selected;
    let wide = list.width >= 100;
    let rows = report
        .traces
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, t)| {
            let what = t.route.as_deref().or(t.url.as_deref()).unwrap_or("-");
            let flags: String = [
                (t.has_error, 'E'),
                (t.has_fault, 'F'),
                (t.has_throttle, 'T'),
            ]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, c)| *c)
            .collect();
            let mut cells = vec![Cell::from(
                t.start.map(|s| clock(s, &look.zone)).unwrap_or_default(),
            )];
            if wide {
                cells.push(Cell::from(
                    escape_field(t.service.as_deref().unwrap_or("-")).into_owned(),
                ));
            }
            cells.extend([
                Cell::from(escape_field(t.method.as_deref().unwrap_or("-")).into_owned()),
                Cell::from(escape_field(what).into_owned()),
                Cell::from(t.status.map(|s| s.to_string()).unwrap_or_default()),
                Cell::from(t.latency().map(human_seconds).unwrap_or_default()),
                Cell::from(t.spans.map(|n| n.to_string()).unwrap_or_default()),
                Cell::from(flags),
            ]);
            let style = if i == selected {
                theme.selected()
            } else {
                theme.outcome(t.has_error || t.has_throttle, t.has_fault)
            };
            Row::new(cells).style(style)
        });
    let mut header = vec!["TIME"];
    let mut widths = vec![Constraint::Length(8)];
    if wide {
        header.push("SERVICE");
        widths.push(Constraint::Length(16));
    }
    header.extend([
        "METHOD",
        "ROUTE / URL",
        "STATUS",
        "DURATION",
        "SPANS",
        "FLAGS",
    ]);
    widths.extend([
        Constraint::Length(6),
        Constraint::Min(12),
        Constraint::Length(6),
        Constraint::Length(9),
        Constraint::Length(5),
        Constraint::Length(5),
    ]);
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.bold()))
        .block(block);
    frame.render_widget(table, list);
}
