//! The measuring half of scripts/bench-ui: `tracectl ui` over a store of 1,000,000 spans
//! (the store of scripts/bench-views), through the explorer's own code — its local source
//! (the views, on a blocking thread), its state and keys, its screens drawn by ratatui —
//! onto ratatui's TestBackend at 160x48, in this process:
//!
//! - the first frame with data (the store opened, the window's traces summarised, drawn);
//! - a key answered with its new frame (each key's asks answered before the frame: the
//!   slowest way to count), p50/p99 over a mix of keys;
//! - a redraw of each screen;
//! - the resident memory afterwards (VmRSS, VmHWM);
//! - the list refreshed while 1,000 spans/s are written beside it, the selection on its
//!   sixth row (so the list is paused there): its time, and whether the selection stayed
//!   on its trace.
//!
//!     cargo run --release --example bench_ui

#![allow(clippy::unwrap_used, clippy::print_stdout)]

mod common;

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tracectl::clients::store::Store;
use tracectl::ui::app::{App, Effect};
use tracectl::ui::draw::{Look, Theme, draw};
use tracectl::ui::source::{LocalSource, Source};

use common::filled::{EVERY_NS, SPANS_PER_TRACE, TRACES, spans, store};

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at]
}

/// Carries out the effects of a key or a tick as the event loop does, but waits for each
/// answer before returning (the loop would draw first and again on the answer).
async fn settle(app: &mut App, source: &LocalSource, effects: Vec<Effect>) {
    let mut effects = effects;
    while let Some(effect) = effects.pop() {
        match effect {
            Effect::AskTraces(r) => app.on_listing(source.traces(r).await),
            Effect::AskTrace(id) => {
                let answer = source.trace(id.clone()).await;
                app.on_trace(&id, answer);
            }
            Effect::AskServices(w) => app.on_services(source.services(w).await),
            Effect::AskLogs { after, grep } => {
                let more = app.on_logs(source.logs(after, grep).await);
                effects.extend(more);
            }
            _ => {}
        }
    }
}

fn memory(field: &str) -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .map(|l| l.split_whitespace().nth(1).unwrap_or("?").to_string())
        .map(|kb| format!("{:.0} MB", kb.parse::<f64>().unwrap_or(0.0) / 1024.0))
        .unwrap_or_else(|| "?".into())
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(bench());
}

async fn bench() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path(), jiff::Timestamp::now().as_nanosecond() as i64);
    let look = Look {
        theme: Theme { color: true },
        zone: jiff::tz::TimeZone::UTC,
    };
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();

    // The first frame with data, five times from nothing (a new source, a new state).
    let mut firsts = Vec::new();
    let mut listed = 0;
    for _ in 0..5 {
        let started = Instant::now();
        let source = LocalSource::new(db.clone());
        let mut app = App::new(source.label(), true, Duration::from_secs(3600));
        let asks = app.refresh(jiff::Timestamp::now());
        settle(&mut app, &source, asks).await;
        terminal.draw(|f| draw(f, &mut app, &look)).unwrap();
        firsts.push(started.elapsed().as_secs_f64());
        listed = app.listing.as_ref().unwrap().report.summary.traces;
    }
    firsts.sort_by(f64::total_cmp);

    // Keys: movement, opening a trace and back, sort, filter, screens.
    let source = LocalSource::new(db.clone());
    let mut app = App::new(source.label(), true, Duration::from_secs(3600));
    let asks = app.refresh(jiff::Timestamp::now());
    settle(&mut app, &source, asks).await;
    let key = |c: KeyCode| KeyEvent::new(c, KeyModifiers::NONE);
    let mut round = vec![KeyCode::Char('j'); 10];
    round.extend([
        KeyCode::PageDown,
        KeyCode::Enter,
        KeyCode::Char('j'),
        KeyCode::Char(' '),
        KeyCode::Esc,
        KeyCode::Char('s'),
        KeyCode::Char('k'),
        KeyCode::Char('s'),
        KeyCode::Char('/'),
        KeyCode::Char('f'),
        KeyCode::Char('a'),
        KeyCode::Char('u'),
        KeyCode::Char('l'),
        KeyCode::Char('t'),
        KeyCode::Char('s'),
        KeyCode::Enter,
        KeyCode::Char('/'),
        KeyCode::Backspace,
        KeyCode::Backspace,
        KeyCode::Backspace,
        KeyCode::Backspace,
        KeyCode::Backspace,
        KeyCode::Backspace,
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::Tab,
        KeyCode::Tab,
        KeyCode::Char('G'),
        KeyCode::Char('g'),
    ]);
    let mut keys = Vec::new();
    let mut slowest = (0.0, String::new());
    for _ in 0..10 {
        for code in &round {
            let started = Instant::now();
            let effects = app.key(key(*code), jiff::Timestamp::now());
            settle(&mut app, &source, effects).await;
            terminal.draw(|f| draw(f, &mut app, &look)).unwrap();
            let took = started.elapsed().as_secs_f64();
            if took > slowest.0 {
                slowest = (took, format!("{code:?}"));
            }
            keys.push(took);
        }
    }
    keys.sort_by(f64::total_cmp);

    // The peak so far, before the one key that reads most of the store.
    let peak_before_day = memory("VmHWM:");
    // A window of a day: the one key that reads most of the store.
    app.window_index = 3; // 6h; `w` goes on to 24h
    let started = Instant::now();
    let effects = app.key(key(KeyCode::Char('w')), jiff::Timestamp::now());
    settle(&mut app, &source, effects).await;
    terminal.draw(|f| draw(f, &mut app, &look)).unwrap();
    let day = started.elapsed().as_secs_f64();
    let day_traces = app.listing.as_ref().unwrap().report.summary.traces;
    app.window_index = 2;
    let effects = app.refresh(jiff::Timestamp::now());
    settle(&mut app, &source, effects).await;

    // Redraws, nothing asked: the list and the trace screen.
    let mut redraw = |app: &mut App| {
        let mut times: Vec<f64> = (0..300)
            .map(|_| {
                let started = Instant::now();
                // A new buffer each time: the whole frame is drawn, not a diff of nothing.
                terminal.clear().unwrap();
                terminal.draw(|f| draw(f, app, &look)).unwrap();
                started.elapsed().as_secs_f64()
            })
            .collect();
        times.sort_by(f64::total_cmp);
        (percentile(&times, 0.5), percentile(&times, 0.99))
    };
    let list_redraw = redraw(&mut app);
    let effects = app.key(key(KeyCode::Enter), jiff::Timestamp::now());
    settle(&mut app, &source, effects).await;
    let trace_redraw = redraw(&mut app);
    app.key(key(KeyCode::Esc), jiff::Timestamp::now());

    // Live: 1,000 spans/s written by another connection while the list refreshes each
    // 500 ms (the default) for 10 s; the selection must stay on its trace.
    let writer_db = db.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writing = stop.clone();
    let writer = std::thread::spawn(move || {
        let mut store = Store::open(&writer_db).unwrap();
        let resource = std::sync::Arc::new(serde_json::Map::new());
        let mut written = 0i64;
        let started = Instant::now();
        // Ids of this run's own: a kept store (TRACECTL_BENCH_DB) holds earlier runs'
        // requests, which the same ids would move to now, out of the paused window.
        let run = jiff::Timestamp::now().as_nanosecond() as u64;
        while !writing.load(std::sync::atomic::Ordering::Relaxed) {
            // 50 requests (100 spans) every 100 ms, each starting now.
            let now = jiff::Timestamp::now().as_nanosecond() as i64 + EVERY_NS;
            let batch: Vec<_> = (0..50)
                .flat_map(|k| {
                    let n = written + k;
                    let mut spans = spans(TRACES - 1, now, &resource);
                    for (i, s) in spans.iter_mut().enumerate() {
                        s.trace_id = format!("{:016x}{run:016x}", 0xfeed_0000_u64 + n as u64);
                        s.span_id = format!("{:015x}{i}", n + 1);
                        if i > 0 {
                            s.parent_id = Some(format!("{:015x}0", n + 1));
                        }
                    }
                    spans
                })
                .collect();
            store.insert(&batch.iter().collect::<Vec<_>>()).unwrap();
            written += 50;
            let due = Duration::from_millis(100 * (written / 50) as u64);
            if let Some(wait) = due.checked_sub(started.elapsed()) {
                std::thread::sleep(wait);
            }
        }
        (written * SPANS_PER_TRACE, started.elapsed().as_secs_f64())
    });
    app.key(key(KeyCode::Char('g')), jiff::Timestamp::now());
    for _ in 0..5 {
        app.key(key(KeyCode::Char('j')), jiff::Timestamp::now());
    }
    let chosen = app.selected_trace.clone().unwrap();
    let mut refreshes = Vec::new();
    let mut held = true;
    let live_started = Instant::now();
    while live_started.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let started = Instant::now();
        let effects = app.refresh(jiff::Timestamp::now());
        settle(&mut app, &source, effects).await;
        terminal.draw(|f| draw(f, &mut app, &look)).unwrap();
        refreshes.push(started.elapsed().as_secs_f64());
        held &= app.selected_trace.as_deref() == Some(chosen.as_str())
            && app.listed()[app.traces_cursor.selected].id == chosen;
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (written, seconds) = writer.join().unwrap();
    refreshes.sort_by(f64::total_cmp);

    let ms = |s: f64| format!("{:.1} ms", s * 1000.0);
    println!();
    println!(
        "| over {} spans ({} traces; the 1h window holds {listed}) | measured | goal |",
        TRACES * SPANS_PER_TRACE,
        TRACES
    );
    println!("|---|---|---|");
    println!(
        "| first frame with data (median of 5; slowest) | {} ({}) | < 300 ms |",
        ms(percentile(&firsts, 0.5)),
        ms(firsts[4])
    );
    println!(
        "| a key answered with its frame, asks included ({} keys): p50, p99 | {}, {} (slowest: {}) | < 50 ms p99 |",
        keys.len(),
        ms(percentile(&keys, 0.5)),
        ms(percentile(&keys, 0.99)),
        slowest.1
    );
    println!(
        "| `w` to a 24h window ({day_traces} traces summarised) | {} | (the same read as `local traces --since 24h`) |",
        ms(day)
    );
    println!(
        "| redraw, traces list of 1,000: p50, p99 | {}, {} | < 16 ms |",
        ms(list_redraw.0),
        ms(list_redraw.1)
    );
    println!(
        "| redraw, trace screen: p50, p99 | {}, {} | < 16 ms |",
        ms(trace_redraw.0),
        ms(trace_redraw.1)
    );
    println!(
        "| resident memory after all of it (VmRSS); peak over the 1h window; peak with the 24h window | {}; {peak_before_day}; {} | < 100 MB |",
        memory("VmRSS:"),
        memory("VmHWM:")
    );
    println!(
        "| refresh while {:.0} spans/s are written: p50, p99; selection held | {}, {}; {} | holds position and speed |",
        written as f64 / seconds,
        ms(percentile(&refreshes, 0.5)),
        ms(percentile(&refreshes, 0.99)),
        if held { "yes" } else { "NO" }
    );
}
