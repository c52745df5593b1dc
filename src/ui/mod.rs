//! `tracectl ui`: the explorer, the third face beside the command line and `tracectl mcp`.
//! It draws only what the views return: `source.rs` asks them, `app.rs` holds the state
//! and the keys, and one file per screen draws a report.
//!
//! The event loop never waits on a source: each ask runs beside it (at most one of a kind
//! at a time, the newest ask of a kind kept for when the running one answers), and a
//! failure lands in the status line while what was shown stays. The terminal is restored
//! on every way out: q, Ctrl-C, SIGTERM/SIGINT/SIGHUP, an error (restored before it is
//! printed) and a panic (ratatui's hook restores it before tracectl's own runs).
//!
//! May import: `views`, `model`, `clients` (to open the store a view reads), `output`'s
//! formatting helpers. Never `commands` or `collector`.

pub mod app;
pub mod draw;
pub mod logs;
pub mod services;
pub mod source;
pub mod trace;
pub mod traces;

use std::io::Write;
use std::time::Duration;

use base64::Engine;
use crossterm::event::{Event, EventStream, KeyEventKind};
use futures::StreamExt;
use futures::future::LocalBoxFuture;
use futures::stream::FuturesUnordered;
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::error::{Error, Result};
use crate::model::trace::TraceId;
use crate::views::local::LocalTrace;
use crate::views::local_logs::ArrivalPage;
use crate::views::services::ServicesReport;
use app::{App, Effect};
use draw::Look;
use source::{Listing, Source};

/// How the explorer is started.
pub struct Options {
    pub since: Duration,
    /// How often the shown screen is asked again.
    pub refresh: Duration,
    pub look: Look,
    /// Whether the source keeps log lines (the Logs screen).
    pub has_logs: bool,
}

/// One answer of a source, for the screen that asked.
enum Answered {
    Traces(Result<Listing>),
    Trace(TraceId, Result<Option<LocalTrace>>),
    Services(Result<ServicesReport>),
    Logs(Result<Option<ArrivalPage>>),
}

/// The kinds of ask: one of each runs at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Traces,
    Trace,
    Services,
    Logs,
}

fn kind(effect: &Effect) -> Option<Kind> {
    match effect {
        Effect::AskTraces(_) => Some(Kind::Traces),
        Effect::AskTrace(_) => Some(Kind::Trace),
        Effect::AskServices(_) => Some(Kind::Services),
        Effect::AskLogs { .. } => Some(Kind::Logs),
        _ => None,
    }
}

/// The source's answer to an ask; `None` for an effect that asks nothing.
fn ask<'a>(source: &'a dyn Source, effect: Effect) -> Option<LocalBoxFuture<'a, Answered>> {
    Some(match effect {
        Effect::AskTraces(request) => {
            Box::pin(async move { Answered::Traces(source.traces(request).await) })
        }
        Effect::AskTrace(id) => Box::pin(async move {
            let answer = source.trace(id.clone()).await;
            Answered::Trace(id, answer)
        }),
        Effect::AskServices(window) => {
            Box::pin(async move { Answered::Services(source.services(window).await) })
        }
        Effect::AskLogs { after, grep } => {
            Box::pin(async move { Answered::Logs(source.logs(after, grep).await) })
        }
        Effect::Copy(_) | Effect::Open(_) | Effect::Quit => return None,
    })
}

/// Runs the explorer in the terminal until the user quits.
pub async fn run(source: &dyn Source, options: Options) -> Result<()> {
    let mut terminal = ratatui::try_init().map_err(|e| {
        // Raw mode may be on already when the alternate screen failed.
        ratatui::restore();
        Error::failure(format!("cannot take over the terminal: {e}"))
    })?;
    let result = explore(&mut terminal, source, options).await;
    ratatui::restore();
    result
}

/// The event loop, over any backend (a test draws to ratatui's `TestBackend`).
pub async fn explore<B: Backend>(
    terminal: &mut Terminal<B>,
    source: &dyn Source,
    options: Options,
) -> Result<()>
where
    B::Error: std::fmt::Display,
{
    let mut app = App::new(source.label(), options.has_logs, options.since);
    let mut keys = EventStream::new();
    let mut tick = tokio::time::interval(options.refresh);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut running: FuturesUnordered<LocalBoxFuture<'_, Answered>> = FuturesUnordered::new();
    let mut busy: std::collections::HashMap<Kind, Option<Effect>> = Default::default();
    let mut stop = stop_signals()?;
    let draw_failed = |e: B::Error| Error::failure(format!("cannot draw to the terminal: {e}"));
    loop {
        terminal
            .draw(|frame| draw::draw(frame, &mut app, &options.look))
            .map_err(draw_failed)?;
        let now = jiff::Timestamp::now();
        let effects = tokio::select! {
            event = keys.next() => match event {
                Some(Ok(Event::Key(key))) if key.kind != KeyEventKind::Release => app.key(key, now),
                Some(Ok(_)) => Vec::new(),
                Some(Err(e)) => return Err(Error::failure(format!("cannot read the terminal: {e}"))),
                None => return Ok(()),
            },
            Some(answered) = running.next(), if !running.is_empty() => {
                let (done, effects) = match answered {
                    Answered::Traces(a) => (Kind::Traces, { app.on_listing(a); Vec::new() }),
                    Answered::Trace(id, a) => (Kind::Trace, { app.on_trace(&id, a); Vec::new() }),
                    Answered::Services(a) => (Kind::Services, { app.on_services(a); Vec::new() }),
                    Answered::Logs(a) => (Kind::Logs, app.on_logs(a)),
                };
                // The newest ask of this kind that waited, if any, goes now.
                let waiting = busy.remove(&done).flatten();
                waiting.into_iter().chain(effects).collect()
            },
            _ = tick.tick() => app.refresh(now),
            () = &mut stop => return Ok(()),
        };
        for effect in effects {
            match kind(&effect) {
                Some(k) => match busy.get_mut(&k) {
                    Some(waiting) => *waiting = Some(effect),
                    None => {
                        if let Some(answer) = ask(source, effect) {
                            busy.insert(k, None);
                            running.push(answer);
                        }
                    }
                },
                None => match effect {
                    Effect::Quit => return Ok(()),
                    Effect::Copy(text) => copy(&text),
                    Effect::Open(target) => match source.console_link(&target) {
                        Some(url) => {
                            app.note = Some(match webbrowser::open(&url) {
                                Ok(()) => format!("opened {url}"),
                                Err(e) => format!("cannot open a browser ({e}): {url}"),
                            })
                        }
                        None => app.note = Some("this source has no console page".into()),
                    },
                    _ => {}
                },
            }
        }
        if app.quit {
            return Ok(());
        }
    }
}

/// Puts `text` on the terminal's clipboard with OSC 52 (it works over ssh and in tmux
/// with `set-clipboard on`).
fn copy(text: &str) {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout();
    let _ = write!(out, "\x1b]52;c;{encoded}\x07");
    let _ = out.flush();
}

/// Completes on SIGTERM, SIGINT or SIGHUP: the explorer then quits as on q.
fn stop_signals() -> Result<std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let listen = |kind: SignalKind| {
            signal(kind).map_err(|e| Error::failure(format!("cannot listen for signals: {e}")))
        };
        let (mut term, mut int, mut hup) = (
            listen(SignalKind::terminate())?,
            listen(SignalKind::interrupt())?,
            listen(SignalKind::hangup())?,
        );
        Ok(Box::pin(async move {
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
                _ = hup.recv() => {}
            }
        }))
    }
    #[cfg(not(unix))]
    {
        Ok(Box::pin(async {
            let _ = tokio::signal::ctrl_c().await;
        }))
    }
}

#[cfg(test)]
mod tests;
