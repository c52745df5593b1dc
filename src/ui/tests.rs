//! Every screen drawn to ratatui's `TestBackend` from fixed reports, at 80x24 and 160x48
//! (and narrower), snapshot-tested: what a user sees is pinned, the empty, error and
//! loading cases included. Keys are tested on the state, without a terminal.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Map, Value, json};

use super::app::{App, Effect, Screen, TraceScreen, parse_filter};
use super::draw::{Look, Theme, draw};
use super::source::{Listing, empty_store_hint};
use crate::model::graph::{Counts, ServiceEdge, ServiceNode};
use crate::model::local_log::LogSource;
use crate::model::span::{SpanDetail, SpanEvent, SpanKind, SpanRecord, SpanStatus, trace_of};
use crate::model::stats::TraceOrder;
use crate::model::tail::LogEvent;
use crate::model::time::Window;
use crate::model::trace::{SpanException, TraceSummary};
use crate::views::local::LocalTrace;
use crate::views::local_logs::LocalLog;
use crate::views::lookup::LogLine;
use crate::views::rollbar::ErrorMatch;
use crate::views::services::ServicesReport;
use crate::views::traces::{SourceKind, summarise};

const T0: i64 = 1_764_600_000; // 2025-12-01T14:40:00Z
const TRACE: &str = "4bf92f3577b34da6a3ce929d0e0e4736";

fn at(seconds: f64) -> Timestamp {
    Timestamp::from_nanosecond((T0 as f64 * 1e9 + seconds * 1e9) as i128).unwrap()
}

fn look() -> Look {
    Look {
        theme: Theme { color: false },
        zone: jiff::tz::TimeZone::UTC,
    }
}

fn window() -> Window {
    Window {
        start: at(-3600.0),
        end: at(60.0),
    }
}

fn summary(i: u32, route: &str, status: i32, seconds: f64) -> TraceSummary {
    TraceSummary {
        id: format!("{i:08x}77b34da6a3ce929d0e0e4736"),
        start: Some(at(f64::from(i) * 7.0)),
        duration: Some(seconds),
        response_time: Some(seconds),
        method: Some(
            if route.contains("messages") {
                "POST"
            } else {
                "GET"
            }
            .into(),
        ),
        url: Some(format!(
            "http://localhost:5000{}",
            route.replace("<uuid>", "d6321d31")
        )),
        route: Some(route.into()),
        service: Some("backend-flask".into()),
        status: Some(status),
        has_error: (400..500).contains(&status),
        has_fault: status >= 500,
        has_throttle: status == 429,
    }
}

/// Forty requests: some slow, some failing, one throttled.
fn listing() -> Listing {
    let routes = [
        "/api/activities/home",
        "/api/activities/<uuid>",
        "/api/messages",
    ];
    let traces: Vec<TraceSummary> = (0..40)
        .map(|i| {
            let status = match i % 13 {
                3 => 500,
                7 => 404,
                11 => 429,
                _ => 200,
            };
            summary(
                i,
                routes[i as usize % 3],
                status,
                0.004 + f64::from(i % 9) * 0.037,
            )
        })
        .collect();
    let mut report = summarise(
        SourceKind::Local,
        "local",
        window(),
        traces,
        TraceOrder::Newest,
        1000,
    );
    for (n, row) in report.traces.iter_mut().enumerate() {
        row.spans = Some(2 + n as u64 % 5);
    }
    Listing {
        report,
        empty_hint: None,
    }
}

fn span(id: &str, parent: Option<&str>, name: &str, from: f64, to: Option<f64>) -> SpanRecord {
    let ns = |s: f64| (T0 as f64 * 1e9 + s * 1e9) as i64;
    let mut resource = Map::new();
    resource.insert("service.name".into(), json!("backend-flask"));
    resource.insert("telemetry.sdk.language".into(), json!("python"));
    SpanRecord {
        name: name.into(),
        kind: if parent.is_none() {
            SpanKind::Server
        } else {
            SpanKind::Client
        },
        resource: Arc::new(resource),
        ..SpanRecord::for_test(TRACE, id, parent, ns(from), to.map(ns))
    }
}

/// A faulted request: its database call failed with a stack, a cache call, a log line
/// under each, and the error the app reported.
fn local_trace() -> LocalTrace {
    let mut root = span(
        "a1a1a1a1a1a1a1a1",
        None,
        "GET /api/activities/<uuid>",
        0.0,
        Some(0.412),
    );
    root.status = SpanStatus::Fault;
    root.http_method = Some("GET".into());
    root.http_route = Some("/api/activities/<uuid>".into());
    root.http_url = Some("http://localhost:5000/api/activities/d6321d31".into());
    root.http_status = Some(500);
    root.attributes
        .insert("http.route".into(), json!("/api/activities/<uuid>"));
    root.attributes
        .insert("http.response.status_code".into(), json!(500));
    root.attributes.insert("user.id".into(), json!("alice"));
    let mut db = span(
        "b2b2b2b2b2b2b2b2",
        Some("a1a1a1a1a1a1a1a1"),
        "SELECT activities",
        0.010,
        Some(0.380),
    );
    db.status = SpanStatus::Fault;
    db.db_statement = Some("SELECT * FROM activities WHERE uuid = %s".into());
    db.remote_service = Some("postgresql".into());
    db.exceptions = vec![SpanException {
        kind: Some("OperationalError".into()),
        message: "connection to server failed".into(),
        stacktrace: Some("Traceback (most recent call last):\n  File \"app.py\", line 42, in show\n    rows = db.query(sql)\npsycopg.OperationalError: connection to server failed".into()),
    }];
    db.detail = SpanDetail {
        status_message: Some("connection to server failed".into()),
        events: vec![SpanEvent {
            name: "retry".into(),
            time_ns: (T0 as f64 * 1e9 + 0.2e9) as i64,
            attributes: [("attempt".to_string(), Value::from(2))]
                .into_iter()
                .collect(),
        }],
        links: Vec::new(),
    };
    let cache = span(
        "c3c3c3c3c3c3c3c3",
        Some("a1a1a1a1a1a1a1a1"),
        "GET redis",
        0.385,
        Some(0.391),
    );
    let records = vec![root, db, cache];
    LocalTrace {
        trace: trace_of(TRACE, &records),
        logs: vec![
            LogLine {
                group: "otlp".into(),
                stream: "backend-flask".into(),
                timestamp: at(0.012),
                message: "loading activity d6321d31".into(),
                span_id: Some("b2b2b2b2b2b2b2b2".into()),
            },
            LogLine {
                group: "otlp".into(),
                stream: "backend-flask".into(),
                timestamp: at(0.401),
                message: "ERROR request failed".into(),
                span_id: Some("a1a1a1a1a1a1a1a1".into()),
            },
        ],
        logs_truncated: false,
        errors: vec![ErrorMatch {
            counter: 3,
            title: "OperationalError: connection to server failed".into(),
            occurrence_id: 7,
            timestamp: Some(at(0.405)),
            exception: Some("OperationalError: connection to server failed".into()),
            link: None,
            span_id: Some("a1a1a1a1a1a1a1a1".into()),
        }],
    }
}

fn counts(requests: i64, errors: i64, faults: i64, latency: f64) -> Counts {
    Counts {
        requests,
        ok: requests - errors - faults,
        errors,
        faults,
        throttles: 0,
        avg_latency: Some(latency),
    }
}

fn services() -> ServicesReport {
    ServicesReport::new(
        window(),
        vec![
            ServiceNode {
                name: "backend-flask".into(),
                kind: "service".into(),
                counts: counts(1284, 12, 3, 0.048),
                edges: vec![
                    ServiceEdge {
                        to: "postgresql".into(),
                        counts: counts(2310, 0, 3, 0.011),
                    },
                    ServiceEdge {
                        to: "redis".into(),
                        counts: counts(980, 0, 0, 0.0007),
                    },
                ],
            },
            ServiceNode {
                name: "postgresql".into(),
                kind: "database".into(),
                counts: counts(2310, 0, 3, 0.011),
                edges: Vec::new(),
            },
        ],
    )
}

fn logs() -> Vec<LocalLog> {
    (0..30)
        .map(|i| LocalLog {
            event: LogEvent {
                group: "otlp".into(),
                stream: "backend-flask".into(),
                event_id: i.to_string(),
                timestamp: (T0 + i) * 1000,
                ingestion_time: (T0 + i) * 1000,
                message: if i % 10 == 9 {
                    format!("request {i} failed: \x1b[31mboom\x1b[0m")
                } else {
                    format!("GET /api/activities/home 200 in {} ms", 3 + i)
                },
            },
            trace_id: (i % 2 == 0).then(|| format!("{:08x}77b34da6a3ce929d0e0e4736", i)),
            span_id: None,
            severity: Some(if i % 10 == 9 { "ERROR" } else { "INFO" }.into()),
            source: LogSource::Otlp,
        })
        .collect()
}

fn app() -> App {
    let mut app = App::new(
        "local /tmp/traces.db".into(),
        true,
        std::time::Duration::from_secs(3600),
    );
    app.on_listing(Ok(listing()));
    app
}

fn screen(app: &mut App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| draw(f, app, &look())).unwrap();
    terminal.backend().to_string()
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.key(key(code), at(60.0))
}

fn open_trace(app: &mut App) {
    app.trace = Some(TraceScreen {
        id: TRACE.parse().unwrap(),
        answer: Some(Ok(Some(local_trace()))),
        folded: Default::default(),
        cursor: Default::default(),
        detail_scroll: 0,
        from: Screen::Traces,
    });
    app.screen = Screen::Trace;
}

macro_rules! sizes {
    ($name:literal, $app:expr) => {{
        let mut app = $app;
        insta::assert_snapshot!(concat!($name, "_80x24"), screen(&mut app, 80, 24));
        insta::assert_snapshot!(concat!($name, "_160x48"), screen(&mut app, 160, 48));
    }};
}

#[test]
fn traces_screen() {
    sizes!("traces", app());
}

#[test]
fn trace_screen() {
    sizes!("trace", {
        let mut app = app();
        open_trace(&mut app);
        // The database call: its exception, stack and event show in the detail.
        press(&mut app, KeyCode::Char('j'));
        app
    });
}

#[test]
fn services_screen() {
    sizes!("services", {
        let mut app = app();
        app.screen = Screen::Services;
        app.on_services(Ok(services()));
        app
    });
}

#[test]
fn logs_screen() {
    sizes!("logs", {
        let mut app = app();
        app.screen = Screen::Logs;
        app.on_logs(Ok(Some(crate::views::local_logs::ArrivalPage {
            lines: logs(),
            read_to: 30,
            more: false,
        })));
        app
    });
}

#[test]
fn empty_store_says_how_to_fill_it() {
    sizes!("empty", {
        let mut app = App::new(
            "local /tmp/none.db".into(),
            true,
            std::time::Duration::from_secs(3600),
        );
        app.on_listing(Ok(Listing {
            report: summarise(
                SourceKind::Local,
                "local",
                window(),
                std::iter::empty(),
                TraceOrder::Newest,
                1000,
            ),
            empty_hint: Some(empty_store_hint(std::path::Path::new("/tmp/none.db"))),
        }));
        app
    });
}

#[test]
fn a_failing_source_keeps_what_was_shown_and_says_why() {
    sizes!("failure", {
        let mut app = app();
        app.on_listing(Err(crate::error::Error::failure(
            "cannot fetch X-Ray trace summaries: ThrottlingException: Rate exceeded",
        )
        .with_hint("wait a moment; tracectl retries throttled calls")));
        assert_eq!(app.listed().len(), 40, "the rows shown stay shown");
        app
    });
}

#[test]
fn help_lists_every_key() {
    sizes!("help", {
        let mut app = app();
        press(&mut app, KeyCode::Char('?'));
        app
    });
}

#[test]
fn narrow_and_loading_screens_draw_without_panicking() {
    let mut loading = App::new(
        "local /tmp/traces.db".into(),
        true,
        std::time::Duration::from_secs(3600),
    );
    insta::assert_snapshot!("loading_80x24", screen(&mut loading, 80, 24));
    let mut narrow = app();
    insta::assert_snapshot!("traces_40x10", screen(&mut narrow, 40, 10));
    open_trace(&mut narrow);
    insta::assert_snapshot!("trace_40x10", screen(&mut narrow, 40, 10));
    for (w, h) in [(1, 1), (3, 2), (10, 4)] {
        screen(&mut narrow, w, h);
        narrow.help = true;
        screen(&mut narrow, w, h);
        narrow.help = false;
    }
}

#[test]
fn the_selection_stays_on_its_trace_as_new_ones_arrive() {
    let mut app = app();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    let chosen = app.listed()[2].id.clone();
    // Three newer requests arrive on top.
    let mut more = listing();
    let newer: Vec<_> = (100..103)
        .map(|i| crate::views::traces::TraceRow::from(&summary(i, "/api/messages", 200, 0.01)))
        .collect();
    more.report.traces.splice(0..0, newer);
    app.on_listing(Ok(more));
    assert_eq!(app.traces_cursor.selected, 5);
    assert_eq!(app.listed()[app.traces_cursor.selected].id, chosen);
}

#[test]
fn browsing_below_the_first_row_pauses_the_list_and_g_goes_live() {
    let mut app = app();
    let live = app.traces_request(at(600.0));
    assert_eq!(live.window.end, at(600.0), "live: the window ends now");
    press(&mut app, KeyCode::Char('j'));
    let end = app.listing.as_ref().unwrap().report.window.end;
    assert_eq!(app.paused_at, Some(end));
    // Every refresh reads the same window while paused.
    let [Effect::AskTraces(paused)] = &app.refresh(at(900.0))[..] else {
        panic!()
    };
    assert_eq!(paused.window.end, end);
    assert!(screen(&mut app, 80, 24).contains("paused at 14:41:00 (g: live)"));
    // Back on the first row: live again, asked at once.
    let back = press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.paused_at, None);
    assert!(matches!(&back[..], [Effect::AskTraces(r)] if r.window.end == at(60.0)));
}

#[test]
fn keys_ask_the_views_what_they_need() {
    let mut app = app();
    // Enter opens the selected trace and asks for it.
    let first = app.listed()[0].id.clone();
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        vec![Effect::AskTrace(first.parse().unwrap())]
    );
    assert_eq!(app.screen, Screen::Trace);
    // Esc goes back and asks for the list again.
    let back = press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Traces);
    assert!(matches!(back.as_slice(), [Effect::AskTraces(_)]));
    // s sorts by the slowest, w widens the window to 6h.
    let sorted = press(&mut app, KeyCode::Char('s'));
    assert!(matches!(&sorted[..], [Effect::AskTraces(r)] if r.order == TraceOrder::Slowest));
    let widened = press(&mut app, KeyCode::Char('w'));
    assert!(matches!(&widened[..], [Effect::AskTraces(r)]
        if r.window.end.duration_since(r.window.start).as_secs() == 6 * 3600));
    // / types a filter; Enter applies it as the selection of the request.
    press(&mut app, KeyCode::Char('/'));
    for c in "faults >200ms home".chars() {
        assert!(
            press(&mut app, KeyCode::Char(c)).is_empty(),
            "typing asks nothing"
        );
    }
    assert_eq!(
        app.screen,
        Screen::Traces,
        "q typed in a filter does not quit"
    );
    let applied = press(&mut app, KeyCode::Enter);
    let [Effect::AskTraces(request)] = &applied[..] else {
        panic!("{applied:?}")
    };
    assert!(request.selection.faults);
    assert_eq!(
        request.selection.slower_than,
        Some(std::time::Duration::from_millis(200))
    );
    assert_eq!(request.selection.text.as_deref(), Some("home"));
    // Tab: Services, Logs, back to Traces.
    assert!(matches!(
        &press(&mut app, KeyCode::Tab)[..],
        [Effect::AskServices(_)]
    ));
    assert!(matches!(
        &press(&mut app, KeyCode::Tab)[..],
        [Effect::AskLogs {
            after: None,
            grep: None
        }]
    ));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.screen, Screen::Traces);
    // y copies the selected id; q and Ctrl-C quit.
    let id = app.listed()[0].id.clone();
    assert_eq!(press(&mut app, KeyCode::Char('y')), vec![Effect::Copy(id)]);
    assert_eq!(press(&mut app, KeyCode::Char('q')), vec![Effect::Quit]);
    let mut other = self::app();
    assert_eq!(
        other.key(
            KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
            at(0.0)
        ),
        vec![Effect::Quit]
    );
}

#[test]
fn spans_fold_and_unfold() {
    let mut app = app();
    open_trace(&mut app);
    let names = |app: &App| -> Vec<String> {
        app.trace
            .as_ref()
            .unwrap()
            .rows()
            .iter()
            .map(|r| r.span.name.clone())
            .collect()
    };
    assert_eq!(
        names(&app),
        [
            "GET /api/activities/<uuid>",
            "SELECT activities",
            "GET redis"
        ]
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(names(&app), ["GET /api/activities/<uuid>"]);
    press(&mut app, KeyCode::Right);
    assert_eq!(names(&app).len(), 3);
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(
        app.trace.as_ref().unwrap().selected_span().unwrap().name,
        "GET redis"
    );
}

#[test]
fn the_filter_line_reads_the_shorthand_of_local_traces() {
    let s = parse_filter("errors throttles service:worker >1.5s /api/x y");
    assert!(s.errors && s.throttles && !s.faults);
    assert_eq!(s.service.as_deref(), Some("worker"));
    assert_eq!(s.slower_than, Some(std::time::Duration::from_millis(1500)));
    assert_eq!(s.text.as_deref(), Some("/api/x y"));
    assert_eq!(parse_filter("   "), Default::default());
}

#[test]
fn the_logs_screen_holds_a_bounded_page_and_follows() {
    let mut app = app();
    app.screen = Screen::Logs;
    let page = |from: i64, n: i64| crate::views::local_logs::ArrivalPage {
        lines: (from..from + n)
            .map(|i| LocalLog {
                event: LogEvent {
                    group: "otlp".into(),
                    stream: "s".into(),
                    event_id: i.to_string(),
                    timestamp: T0 * 1000,
                    ingestion_time: T0 * 1000,
                    message: format!("line {i}"),
                },
                trace_id: None,
                span_id: None,
                severity: None,
                source: LogSource::Otlp,
            })
            .collect(),
        read_to: from + n,
        more: false,
    };
    app.on_logs(Ok(Some(page(0, 1500))));
    app.on_logs(Ok(Some(page(1500, 1500))));
    assert_eq!(app.logs.len(), super::source::LOG_PAGE);
    assert_eq!(app.logs.front().unwrap().event.message, "line 1000");
    assert_eq!(
        app.logs_cursor.selected,
        super::source::LOG_PAGE - 1,
        "following the newest"
    );
    assert!(matches!(
        &app.refresh(at(0.0))[..],
        [Effect::AskLogs {
            after: Some(3000),
            ..
        }]
    ));
    // Enter on a line without a trace says so and stays.
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert_eq!(app.note.as_deref(), Some("this line names no trace"));
}

#[test]
fn o_opens_the_selected_span_in_honeycomb_once_it_says_where_the_traces_are() {
    use super::source::{HoneycombPlace, LinkTarget, LocalSource, Source};
    let mut app = app();
    open_trace(&mut app);
    press(&mut app, KeyCode::Down);
    let selected = app
        .trace
        .as_ref()
        .unwrap()
        .selected_span()
        .unwrap()
        .id
        .clone();
    assert_eq!(selected, "b2b2b2b2b2b2b2b2");
    let target = LinkTarget {
        trace: TRACE.parse().unwrap(),
        span_id: Some(selected),
        // The trace's 412 ms, a second either side.
        range: Some((T0 - 1, T0 + 1)),
    };
    assert_eq!(
        press(&mut app, KeyCode::Char('o')),
        vec![Effect::Open(target.clone())]
    );
    let dir = tempfile::tempdir().unwrap();
    let source = LocalSource::new(dir.path().join("traces.db"));
    assert_eq!(
        source.console_link(&target),
        None,
        "not before Honeycomb said"
    );
    source
        .honeycomb()
        .set(HoneycombPlace {
            api_host: "api.eu1.honeycomb.io".into(),
            team: "cruddur".into(),
            environment: "dev".into(),
            dataset: "backend-flask".into(),
        })
        .unwrap();
    assert_eq!(
        source.console_link(&target).unwrap(),
        format!(
            "https://ui.eu1.honeycomb.io/cruddur/environments/dev/datasets/backend-flask/trace?trace_id={}&span=b2b2b2b2b2b2b2b2&trace_start_ts={}&trace_end_ts={}",
            TRACE,
            T0 - 1,
            T0 + 1
        )
    );
}
