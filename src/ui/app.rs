//! The explorer's state and what each key does to it. Nothing here draws or fetches: a key
//! changes the state and returns the effects the event loop carries out (ask a source,
//! copy, open, quit), so every key is tested without a terminal.

use std::collections::{HashSet, VecDeque};
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;

use super::source::{LOG_PAGE, LinkTarget, Listing};
use crate::error::Error;
use crate::model::span_insights::SpanSelection;
use crate::model::stats::TraceOrder;
use crate::model::time::{Window, parse_duration};
use crate::model::trace::{Span, TraceId, TreeRow, tree_rows};
use crate::views::local::LocalTrace;
use crate::views::local_logs::{ArrivalPage, LocalLog};
use crate::views::services::ServicesReport;
use crate::views::traces::TracesRequest;

/// Traces the list holds at most (the summary line covers every trace of the window).
pub const LISTED: usize = 1_000;

/// The windows `w` steps through.
pub const WINDOWS: [Duration; 6] = [
    Duration::from_secs(5 * 60),
    Duration::from_secs(15 * 60),
    Duration::from_secs(3600),
    Duration::from_secs(6 * 3600),
    Duration::from_secs(24 * 3600),
    Duration::from_secs(7 * 24 * 3600),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Traces,
    Trace,
    Services,
    Logs,
}

/// What the event loop is asked to do after a key or a tick.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    AskTraces(TracesRequest),
    AskTrace(TraceId),
    AskServices(Window),
    AskLogs {
        after: Option<i64>,
        grep: Option<String>,
    },
    /// Put this on the clipboard (OSC 52).
    Copy(String),
    Open(LinkTarget),
    Quit,
}

/// A list's selected row and first row drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves by `by` rows within `len`, keeping the selection inside `height` drawn rows.
    pub fn step(&mut self, by: isize, len: usize) {
        if len == 0 {
            *self = Cursor::default();
            return;
        }
        let target = self.selected as isize + by;
        self.selected = target.clamp(0, len as isize - 1) as usize;
    }

    pub fn to(&mut self, row: usize, len: usize) {
        self.selected = row.min(len.saturating_sub(1));
    }

    /// The first row to draw so that the selection shows in `height` rows.
    pub fn scrolled(&mut self, height: usize) -> usize {
        if height == 0 {
            return self.offset;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset
    }
}

/// The text typed after `/`, and whether it is being typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterLine {
    pub applied: String,
    pub editing: Option<String>,
}

/// The trace screen: one trace, its folded spans, the selected span and the detail pane.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceScreen {
    pub id: TraceId,
    /// `None` until answered; `Ok(None)` when the source holds no span of it.
    pub answer: Option<Result<Option<LocalTrace>, String>>,
    pub folded: HashSet<String>,
    pub cursor: Cursor,
    pub detail_scroll: u16,
    /// Where Esc goes back to.
    pub from: Screen,
}

impl TraceScreen {
    /// The spans shown, depth first, the children of folded spans left out.
    pub fn rows(&self) -> Vec<TreeRow<'_>> {
        match &self.answer {
            Some(Ok(Some(trace))) => {
                tree_rows(&trace.trace.spans, &|span| self.folded.contains(&span.id))
            }
            _ => Vec::new(),
        }
    }

    pub fn selected_span(&self) -> Option<&Span> {
        self.rows().get(self.cursor.selected).map(|r| r.span)
    }

    /// What `o` opens: the trace at the selected span, over the trace's time (a second
    /// either side, as consoles search by whole seconds).
    pub fn link_target(&self) -> LinkTarget {
        let range = match &self.answer {
            Some(Ok(Some(trace))) => {
                let mut all = Vec::new();
                collect_times(&trace.trace.spans, &mut all);
                let start = all.iter().map(|(s, _)| *s).min();
                let end = all.iter().map(|(_, e)| *e).max();
                start.zip(end).map(|(s, e)| (s - 1, e + 1))
            }
            _ => None,
        };
        LinkTarget {
            trace: self.id.clone(),
            span_id: self.selected_span().map(|s| s.id.clone()),
            range,
        }
    }
}

/// Every span's start and end (its start while in progress), epoch seconds.
fn collect_times(spans: &[Span], out: &mut Vec<(i64, i64)>) {
    for span in spans {
        let start = span.start.as_second();
        out.push((start, span.end.map_or(start, |e| e.as_second())));
        collect_times(&span.children, out);
    }
}

/// Everything the screens show.
pub struct App {
    pub source_label: String,
    /// Whether the source keeps log lines (the local store).
    pub has_logs: bool,
    pub screen: Screen,
    pub help: bool,
    pub window_index: usize,
    pub order: TraceOrder,
    pub filter: FilterLine,
    pub listing: Option<Listing>,
    pub traces_cursor: Cursor,
    /// The selected trace's id, so the selection stays on it as new traces arrive.
    pub selected_trace: Option<String>,
    /// The end of the window the list is paused at while the user browses below its first
    /// row (`None`: live).
    pub paused_at: Option<Timestamp>,
    pub trace: Option<TraceScreen>,
    pub services: Option<ServicesReport>,
    pub services_cursor: Cursor,
    pub logs: VecDeque<LocalLog>,
    pub logs_cursor: Cursor,
    pub logs_read_to: Option<i64>,
    pub logs_filter: FilterLine,
    /// Whether the logs screen keeps the newest line selected.
    pub logs_follow: bool,
    /// The last failure of a source, in the status line (what was shown stays shown).
    pub failure: Option<String>,
    /// A short note in the status line ("copied 4bf92f…").
    pub note: Option<String>,
    /// Rows of the list drawn last, for PgUp/PgDn.
    pub page: usize,
    pub quit: bool,
}

impl App {
    pub fn new(source_label: String, has_logs: bool, since: Duration) -> Self {
        let window_index = WINDOWS
            .iter()
            .position(|w| *w >= since)
            .unwrap_or(WINDOWS.len() - 1);
        Self {
            source_label,
            has_logs,
            screen: Screen::Traces,
            help: false,
            window_index,
            order: TraceOrder::Newest,
            filter: FilterLine::default(),
            listing: None,
            traces_cursor: Cursor::default(),
            selected_trace: None,
            paused_at: None,
            trace: None,
            services: None,
            services_cursor: Cursor::default(),
            logs: VecDeque::new(),
            logs_cursor: Cursor::default(),
            logs_read_to: None,
            logs_filter: FilterLine::default(),
            logs_follow: true,
            failure: None,
            note: None,
            page: 10,
            quit: false,
        }
    }

    pub fn since(&self) -> Duration {
        WINDOWS[self.window_index]
    }

    pub fn window(&self, now: Timestamp) -> Window {
        let since = jiff::SignedDuration::try_from(self.since()).unwrap_or_default();
        Window {
            start: now.checked_sub(since).unwrap_or(now),
            end: now,
        }
    }

    /// The traces request of the screen's window, sort and filter.
    pub fn traces_request(&self, now: Timestamp) -> TracesRequest {
        TracesRequest {
            window: self.window(self.paused_at.unwrap_or(now)),
            selection: parse_filter(&self.filter.applied),
            order: self.order,
            limit: LISTED,
        }
    }

    /// What the shown screen asks for to be current (on a tick, and after a change).
    pub fn refresh(&self, now: Timestamp) -> Vec<Effect> {
        match self.screen {
            Screen::Traces => vec![Effect::AskTraces(self.traces_request(now))],
            Screen::Trace => self
                .trace
                .as_ref()
                .map(|t| Effect::AskTrace(t.id.clone()))
                .into_iter()
                .collect(),
            Screen::Services => vec![Effect::AskServices(self.window(now))],
            Screen::Logs => vec![self.ask_logs()],
        }
    }

    fn ask_logs(&self) -> Effect {
        Effect::AskLogs {
            after: self.logs_read_to,
            grep: Some(self.logs_filter.applied.clone()).filter(|g| !g.is_empty()),
        }
    }

    /// The screens Tab steps through.
    fn tabs(&self) -> Vec<Screen> {
        let mut tabs = vec![Screen::Traces, Screen::Services];
        if self.has_logs {
            tabs.push(Screen::Logs);
        }
        tabs
    }

    fn show(&mut self, screen: Screen, now: Timestamp) -> Vec<Effect> {
        self.screen = screen;
        self.refresh(now)
    }

    /// The traces listed, as the last answer gave them.
    pub fn listed(&self) -> &[crate::views::traces::TraceRow] {
        self.listing
            .as_ref()
            .map(|l| l.report.traces.as_slice())
            .unwrap_or(&[])
    }

    pub fn on_listing(&mut self, answer: Result<Listing, Error>) {
        match answer {
            Ok(listing) => {
                self.failure = None;
                self.listing = Some(listing);
                let rows = self.listed();
                let len = rows.len();
                // The selection stays on the trace it was on, wherever it moved to.
                let at = self
                    .selected_trace
                    .as_ref()
                    .and_then(|id| rows.iter().position(|t| &t.id == id));
                match at {
                    Some(at) => {
                        let moved = at as isize - self.traces_cursor.selected as isize;
                        self.traces_cursor.selected = at;
                        self.traces_cursor.offset =
                            (self.traces_cursor.offset as isize + moved).max(0) as usize;
                    }
                    None => self.traces_cursor.to(self.traces_cursor.selected, len),
                }
                self.selected_trace = self
                    .listed()
                    .get(self.traces_cursor.selected)
                    .map(|t| t.id.clone());
            }
            Err(e) => self.failure = Some(one_line(&e)),
        }
    }

    pub fn on_trace(&mut self, id: &TraceId, answer: Result<Option<LocalTrace>, Error>) {
        let Some(screen) = self.trace.as_mut().filter(|t| &t.id == id) else {
            return;
        };
        match answer {
            Ok(found) => {
                self.failure = None;
                screen.answer = Some(Ok(found));
                let len = screen.rows().len();
                screen.cursor.to(screen.cursor.selected, len);
            }
            // A trace shown stays shown; a first answer that failed says why in its place.
            Err(e) => {
                let text = one_line(&e);
                if !matches!(screen.answer, Some(Ok(Some(_)))) {
                    screen.answer = Some(Err(text.clone()));
                }
                self.failure = Some(text);
            }
        }
    }

    pub fn on_services(&mut self, answer: Result<ServicesReport, Error>) {
        match answer {
            Ok(report) => {
                self.failure = None;
                let len = report.services.len();
                self.services = Some(report);
                self.services_cursor.to(self.services_cursor.selected, len);
            }
            Err(e) => self.failure = Some(one_line(&e)),
        }
    }

    /// New lines are appended; the screen holds the last [`LOG_PAGE`] lines.
    pub fn on_logs(&mut self, answer: Result<Option<ArrivalPage>, Error>) -> Vec<Effect> {
        match answer {
            Ok(Some(page)) => {
                self.failure = None;
                self.logs.extend(page.lines);
                let extra = self.logs.len().saturating_sub(LOG_PAGE);
                self.logs.drain(..extra);
                self.logs_cursor.selected = self.logs_cursor.selected.saturating_sub(extra);
                self.logs_read_to = Some(page.read_to);
                if self.logs_follow {
                    self.logs_cursor.to(usize::MAX, self.logs.len());
                }
                if page.more {
                    return vec![self.ask_logs()];
                }
            }
            Ok(None) => {}
            Err(e) => self.failure = Some(one_line(&e)),
        }
        Vec::new()
    }

    /// What a key does.
    pub fn key(&mut self, key: KeyEvent, now: Timestamp) -> Vec<Effect> {
        self.note = None;
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char('c')) {
            self.quit = true;
            return vec![Effect::Quit];
        }
        if let Some(effects) = self.edit_filter(key, now) {
            return effects;
        }
        if self.help {
            if matches!(
                key.code,
                KeyCode::Char('?') | KeyCode::Esc | KeyCode::Backspace | KeyCode::Char('q')
            ) {
                self.help = false;
            }
            return Vec::new();
        }
        match key.code {
            KeyCode::Char('q') => {
                self.quit = true;
                return vec![Effect::Quit];
            }
            KeyCode::Char('?') => {
                self.help = true;
                return Vec::new();
            }
            KeyCode::Tab | KeyCode::BackTab => {
                let tabs = self.tabs();
                let from = match self.screen {
                    Screen::Trace => self.trace.as_ref().map_or(Screen::Traces, |t| t.from),
                    other => other,
                };
                let at = tabs.iter().position(|s| *s == from).unwrap_or(0);
                let next = if key.code == KeyCode::Tab {
                    (at + 1) % tabs.len()
                } else {
                    (at + tabs.len() - 1) % tabs.len()
                };
                return self.show(tabs[next], now);
            }
            _ => {}
        }
        match self.screen {
            Screen::Traces => self.traces_key(key, now),
            Screen::Trace => self.trace_key(key, now),
            Screen::Services => {
                let len = self.services.as_ref().map_or(0, |s| s.services.len());
                let page = self.page;
                move_cursor(&mut self.services_cursor, key, len, page);
                Vec::new()
            }
            Screen::Logs => self.logs_key(key, now),
        }
    }

    /// Keys while a filter is typed: `None` when none is.
    fn edit_filter(&mut self, key: KeyEvent, now: Timestamp) -> Option<Vec<Effect>> {
        let logs = self.screen == Screen::Logs;
        let line = if logs {
            &mut self.logs_filter
        } else {
            &mut self.filter
        };
        let text = line.editing.as_mut()?;
        match key.code {
            KeyCode::Esc => line.editing = None,
            KeyCode::Enter => {
                line.applied = text.trim().to_string();
                line.editing = None;
                if logs {
                    // A new filter reads the latest lines again through it.
                    self.logs.clear();
                    self.logs_read_to = None;
                    self.logs_follow = true;
                    return Some(vec![self.ask_logs()]);
                }
                self.traces_cursor = Cursor::default();
                self.selected_trace = None;
                self.paused_at = None;
                return Some(vec![Effect::AskTraces(self.traces_request(now))]);
            }
            KeyCode::Backspace => {
                text.pop();
            }
            KeyCode::Char(c) => text.push(c),
            _ => {}
        }
        Some(Vec::new())
    }

    fn traces_key(&mut self, key: KeyEvent, now: Timestamp) -> Vec<Effect> {
        let len = self.listed().len();
        match key.code {
            KeyCode::Char('/') => {
                self.filter.editing = Some(self.filter.applied.clone());
            }
            KeyCode::Char('s') => {
                self.order = match self.order {
                    TraceOrder::Newest => TraceOrder::Slowest,
                    TraceOrder::Slowest => TraceOrder::Newest,
                };
                self.traces_cursor = Cursor::default();
                self.selected_trace = None;
                self.paused_at = None;
                return self.refresh(now);
            }
            KeyCode::Char('w') | KeyCode::Char('W') => {
                self.paused_at = None;
                let n = WINDOWS.len();
                self.window_index = if key.code == KeyCode::Char('w') {
                    (self.window_index + 1) % n
                } else {
                    (self.window_index + n - 1) % n
                };
                return self.refresh(now);
            }
            KeyCode::Enter => {
                if let Some(row) = self.listed().get(self.traces_cursor.selected)
                    && let Ok(id) = row.id.parse::<TraceId>()
                {
                    return self.open_trace(id, Screen::Traces);
                }
            }
            KeyCode::Char('y') => {
                if let Some(row) = self.listed().get(self.traces_cursor.selected) {
                    let id = row.id.clone();
                    self.note = Some(format!("copied {id}"));
                    return vec![Effect::Copy(id)];
                }
            }
            _ => {
                let page = self.page;
                move_cursor(&mut self.traces_cursor, key, len, page);
                self.selected_trace = self
                    .listed()
                    .get(self.traces_cursor.selected)
                    .map(|t| t.id.clone());
                // Browsing below the first row pauses the list at its window's end, so the
                // rows read stay put however fast new traces arrive; the first row follows.
                let browsing = self.traces_cursor.selected > 0;
                match (browsing, self.paused_at) {
                    (true, None) => {
                        self.paused_at = self.listing.as_ref().map(|l| l.report.window.end)
                    }
                    (false, Some(_)) => {
                        self.paused_at = None;
                        return self.refresh(now);
                    }
                    _ => {}
                }
            }
        }
        Vec::new()
    }

    fn open_trace(&mut self, id: TraceId, from: Screen) -> Vec<Effect> {
        self.trace = Some(TraceScreen {
            id: id.clone(),
            answer: None,
            folded: HashSet::new(),
            cursor: Cursor::default(),
            detail_scroll: 0,
            from,
        });
        self.screen = Screen::Trace;
        vec![Effect::AskTrace(id)]
    }

    fn trace_key(&mut self, key: KeyEvent, now: Timestamp) -> Vec<Effect> {
        let page = self.page;
        let Some(screen) = self.trace.as_mut() else {
            return self.show(Screen::Traces, now);
        };
        let len = screen.rows().len();
        match key.code {
            KeyCode::Esc | KeyCode::Backspace => {
                let back = screen.from;
                return self.show(back, now);
            }
            KeyCode::Enter | KeyCode::Char(' ') => {
                if let Some(span) = screen.selected_span() {
                    let id = span.id.clone();
                    if !screen.folded.remove(&id) {
                        screen.folded.insert(id);
                    }
                }
            }
            KeyCode::Left | KeyCode::Char('h') => {
                if let Some(id) = screen.selected_span().map(|s| s.id.clone()) {
                    screen.folded.insert(id);
                }
            }
            KeyCode::Right | KeyCode::Char('l') => {
                if let Some(id) = screen.selected_span().map(|s| s.id.clone()) {
                    screen.folded.remove(&id);
                }
            }
            KeyCode::Char('J') => screen.detail_scroll = screen.detail_scroll.saturating_add(1),
            KeyCode::Char('K') => screen.detail_scroll = screen.detail_scroll.saturating_sub(1),
            KeyCode::Char('y') => {
                let id = screen.id.as_str().to_string();
                self.note = Some(format!("copied {id}"));
                return vec![Effect::Copy(id)];
            }
            KeyCode::Char('o') => return vec![Effect::Open(screen.link_target())],
            _ => {
                let before = screen.cursor.selected;
                move_cursor(&mut screen.cursor, key, len, page);
                if screen.cursor.selected != before {
                    screen.detail_scroll = 0;
                }
            }
        }
        Vec::new()
    }

    fn logs_key(&mut self, key: KeyEvent, _now: Timestamp) -> Vec<Effect> {
        let len = self.logs.len();
        match key.code {
            KeyCode::Char('/') => self.logs_filter.editing = Some(self.logs_filter.applied.clone()),
            KeyCode::Char('f') => {
                self.logs_follow = !self.logs_follow;
                if self.logs_follow {
                    self.logs_cursor.to(usize::MAX, len);
                }
            }
            KeyCode::Enter => {
                let line = self.logs.get(self.logs_cursor.selected);
                match line.and_then(|l| l.trace_id.as_deref()) {
                    Some(id) => {
                        if let Ok(id) = id.parse::<TraceId>() {
                            return self.open_trace(id, Screen::Logs);
                        }
                    }
                    None => self.note = Some("this line names no trace".into()),
                }
            }
            _ => {
                let page = self.page;
                move_cursor(&mut self.logs_cursor, key, len, page);
                // Moving up leaves the newest line; G goes back to following.
                self.logs_follow = len == 0 || self.logs_cursor.selected + 1 == len;
            }
        }
        Vec::new()
    }
}

/// The movement keys every list shares.
fn move_cursor(cursor: &mut Cursor, key: KeyEvent, len: usize, page: usize) {
    let page = page.max(1) as isize;
    match key.code {
        KeyCode::Down | KeyCode::Char('j') => cursor.step(1, len),
        KeyCode::Up | KeyCode::Char('k') => cursor.step(-1, len),
        KeyCode::PageDown => cursor.step(page, len),
        KeyCode::PageUp => cursor.step(-page, len),
        KeyCode::Char('g') | KeyCode::Home => cursor.to(0, len),
        KeyCode::Char('G') | KeyCode::End => cursor.to(usize::MAX, len),
        _ => {}
    }
}

/// An error as the status line shows it: the message, then the first hint.
pub fn one_line(e: &Error) -> String {
    match e.hints().first() {
        Some(hint) => format!("error: {} (hint: {hint})", e.message()),
        None => format!("error: {}", e.message()),
    }
}

/// The filter line as a selection: the words `errors`, `faults`, `throttles`, `>DUR`
/// (slower than), `service:NAME`, and any other text, which the trace must hold (a URL,
/// route, service or span name in the local store; the URL in X-Ray's) — the shorthand
/// of `local traces`, typed.
pub fn parse_filter(text: &str) -> SpanSelection {
    let mut selection = SpanSelection::default();
    let mut words = Vec::new();
    for word in text.split_whitespace() {
        match word {
            "errors" | "error" => selection.errors = true,
            "faults" | "fault" => selection.faults = true,
            "throttles" | "throttle" => selection.throttles = true,
            _ => {
                if let Some(name) = word.strip_prefix("service:") {
                    selection.service = Some(name.to_string());
                } else if let Some(d) = word.strip_prefix('>').and_then(|d| parse_duration(d).ok())
                {
                    selection.slower_than = Some(d);
                } else {
                    words.push(word);
                }
            }
        }
    }
    if !words.is_empty() {
        selection.text = Some(words.join(" "));
    }
    selection
}
