//! The frame every screen shares — the tabs and title on top, the status line at the
//! bottom, the help over everything — and the colours, which `NO_COLOR` turns off. Each
//! screen draws its own middle from the report it was answered with (`traces.rs`,
//! `trace.rs`, `services.rs`, `logs.rs`); nothing here fetches.

use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::app::{App, Screen};
use crate::output::terminal::escape_field;
pub use crate::output::terminal::fit_field as fit;

/// The styles of the screens; all plain when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }
    pub fn error(self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn fault(self) -> Style {
        self.fg(Color::Red)
    }
    pub fn ok(self) -> Style {
        self.fg(Color::Green)
    }
    pub fn dim(self) -> Style {
        if self.color {
            Style::default().add_modifier(Modifier::DIM)
        } else {
            Style::default()
        }
    }
    pub fn accent(self) -> Style {
        self.fg(Color::Cyan)
    }
    pub fn bold(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    /// The selected row: reversed, so it shows without colour too.
    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    /// The colour of an outcome.
    pub fn outcome(self, error: bool, fault: bool) -> Style {
        if fault {
            self.fault()
        } else if error {
            self.error()
        } else {
            Style::default()
        }
    }
}

/// What every screen needs besides the state: colours and the zone times are shown in.
pub struct Look {
    pub theme: Theme,
    pub zone: TimeZone,
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &mut App, look: &Look) {
    // A failure takes two lines: its message and its hint must both be readable.
    let status_height = if app.failure.is_some() { 2 } else { 1 };
    let [top, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status_height),
    ])
    .areas(frame.area());
    draw_tabs(frame, top, app, look.theme);
    match app.screen {
        Screen::Traces => super::traces::draw(frame, body, app, look),
        Screen::Trace => super::trace::draw(frame, body, app, look),
        Screen::Services => super::services::draw(frame, body, app, look),
        Screen::Logs => super::logs::draw(frame, body, app, look),
    }
    draw_status(frame, status, app, look.theme);
    if app.help {
        draw_help(frame, frame.area(), app, look.theme);
    }
}

fn draw_tabs(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let current = match app.screen {
        Screen::Trace => app.trace.as_ref().map_or(Screen::Traces, |t| t.from),
        other => other,
    };
    let mut names = vec![(Screen::Traces, "Traces"), (Screen::Services, "Services")];
    if app.has_logs {
        names.push((Screen::Logs, "Logs"));
    }
    let mut spans = vec![Span::styled(" tracectl ", theme.bold())];
    for (screen, name) in names {
        let style = if screen == current {
            theme.selected().add_modifier(Modifier::BOLD)
        } else {
            theme.dim()
        };
        spans.push(Span::styled(format!(" {name} "), style));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(
        escape_field(&app.source_label).into_owned(),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_status(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let editing = match app.screen {
        Screen::Logs => app.logs_filter.editing.as_ref(),
        _ => app.filter.editing.as_ref(),
    };
    let line = if let Some(text) = editing {
        Line::from(vec![
            Span::styled("/", theme.accent()),
            Span::raw(escape_field(text).into_owned()),
            Span::styled("▏", theme.accent()),
            Span::styled("  Enter apply · Esc cancel", theme.dim()),
        ])
    } else if let Some(failure) = &app.failure {
        Line::styled(escape_field(failure).into_owned(), theme.fault())
    } else if let Some(note) = &app.note {
        Line::styled(escape_field(note).into_owned(), theme.accent())
    } else {
        Line::styled(keys_hint(app.screen), theme.dim())
    };
    // A note is cut at the width, not wrapped: wrapping would move a long word (the link
    // `o` opened) onto a line that is not there. The rest wraps at words (a failure onto
    // its second line; the keys hint drops its last whole key).
    let paragraph = Paragraph::new(line);
    let note_shown = editing.is_none() && app.failure.is_none() && app.note.is_some();
    let paragraph = if note_shown {
        paragraph
    } else {
        paragraph.wrap(Wrap { trim: true })
    };
    frame.render_widget(paragraph, area);
}

/// The keys of a screen, in the status line.
fn keys_hint(screen: Screen) -> &'static str {
    match screen {
        Screen::Traces => {
            "jk move · Enter open · / filter · s sort · w window · Tab · ? help · q quit"
        }
        Screen::Trace => {
            "jk span · Space fold · J/K detail · y copy · o console · Esc back · ? help"
        }
        Screen::Services => "jk move · Tab screens · ? help · q quit",
        Screen::Logs => "jk move · Enter trace · / grep · f follow · Tab · ? help · q quit",
    }
}

/// Every key, on `?`.
pub const HELP: &[(&str, &str)] = &[
    ("↑ ↓  j k", "move the selection"),
    ("PgUp PgDn", "move a page"),
    ("g G", "first, last"),
    (
        "Enter",
        "open the trace (a log line: its trace); fold a span",
    ),
    ("Space ← → h l", "fold, fold, unfold, unfold a span"),
    ("J K", "scroll the span's detail"),
    ("Esc Backspace", "back"),
    ("Tab Shift-Tab", "next, previous screen"),
    (
        "/",
        "filter: errors faults throttles >500ms service:NAME TEXT (span name, service, URL); logs: grep",
    ),
    ("s", "sort: newest, slowest"),
    ("w W", "window: 5m 15m 1h 6h 24h 7d"),
    ("f", "logs: follow the newest line, or stop"),
    ("y", "copy the trace id (OSC 52)"),
    (
        "o",
        "open the trace's console page (X-Ray; Honeycomb at the span)",
    ),
    ("?", "this help"),
    ("q Ctrl-C", "quit"),
];

fn draw_help(frame: &mut Frame, area: Rect, _app: &App, theme: Theme) {
    let width = area.width.min(86);
    let height = (HELP.len() as u16 + 4).min(area.height);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let lines: Vec<Line> = HELP
        .iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<15}"), theme.accent()),
                Span::raw(*what),
            ])
        })
        .collect();
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" keys (? or Esc closes) "),
        ),
        popup,
    );
}

/// A time of day in the zone of the run.
pub fn clock(ts: jiff::Timestamp, zone: &TimeZone) -> String {
    ts.to_zoned(zone.clone()).strftime("%H:%M:%S").to_string()
}
