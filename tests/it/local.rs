//! `tracectl local listen` with the real SDKs a Flask app uses: the OpenTelemetry SDK's OTLP
//! exporters over HTTP and gRPC (BatchSpanProcessor, Flask/requests/sqlite3
//! instrumentations) and the AWS X-Ray SDK over UDP, from tests/fixtures/flask_app.py. The
//! assertions are on the rows in the database: names, links, HTTP fields, exceptions, both
//! sources, each span exactly once.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::harness::{Sandbox, free_port};

/// A running `tracectl local listen` on free loopback ports.
struct Listener {
    child: Child,
    http: u16,
    grpc: u16,
    xray: u16,
    db: PathBuf,
}

fn free_udp_and_tcp_port() -> u16 {
    loop {
        let port = free_port();
        if std::net::UdpSocket::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
}

impl Listener {
    fn start(sandbox: &Sandbox, extra: &[&str]) -> Listener {
        let (http, grpc, xray) = (free_port(), free_port(), free_udp_and_tcp_port());
        let db = sandbox.home().join("data/traces.db");
        let template = sandbox.cmd();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tracectl"));
        cmd.env_clear();
        for (k, v) in template.get_envs() {
            if let Some(v) = v {
                cmd.env(k, v);
            }
        }
        cmd.current_dir(sandbox.home())
            .args(["local", "listen", "--db"])
            .arg(&db)
            .args(["--otlp-http", &format!("127.0.0.1:{http}")])
            .args(["--otlp-grpc", &format!("127.0.0.1:{grpc}")])
            .args(["--xray", &format!("127.0.0.1:{xray}")])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let child = cmd.spawn().unwrap();
        let listener = Listener {
            child,
            http,
            grpc,
            xray,
            db,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        for port in [http, grpc, xray] {
            while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                assert!(Instant::now() < deadline, "local listen did not start");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        listener
    }

    /// Ctrl-C, then (exit code, stdout, stderr).
    fn stop(mut self) -> (Option<i32>, String, String) {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(30);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "local listen did not stop on Ctrl-C"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        let (mut stdout, mut stderr) = (String::new(), String::new());
        self.child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut stdout)
            .unwrap();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        (status.code(), stdout, stderr)
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Runs the instrumented Flask app in `mode`; returns its JSON lines.
fn flask_app(mode: &str, env: &[(&str, String)]) -> Vec<Value> {
    let python = crate::python::venv().join("bin/python");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/flask_app.py");
    let mut cmd = Command::new(python);
    cmd.arg(&script).arg(mode).env_clear();
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{mode}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// One stored span as the assertions compare it (ports in URLs made stable).
#[derive(Debug, Clone, Default, PartialEq)]
struct Row {
    name: String,
    kind: String,
    status: String,
    method: Option<String>,
    route: Option<String>,
    url: Option<String>,
    code: Option<i64>,
    statement: Option<String>,
    remote: Option<String>,
    exceptions: Option<String>,
}

fn stable(text: Option<String>) -> Option<String> {
    text.map(|t| {
        let mut out = String::new();
        let mut rest = t.as_str();
        while let Some(i) = rest.find("127.0.0.1:") {
            out.push_str(&rest[..i + "127.0.0.1:".len()]);
            rest = rest[i + "127.0.0.1:".len()..].trim_start_matches(|c: char| c.is_ascii_digit());
            out.push_str("PORT");
        }
        out.push_str(rest);
        out
    })
}

/// The spans of each trace of `source` (optionally only `transport`), traces and spans in
/// start order, with each child's parent checked to be the trace's root.
fn traces(db: &Path, source: &str, transport: Option<&str>) -> Vec<Vec<Row>> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut roots = conn
        .prepare(
            "SELECT trace_id, span_id, resource FROM spans
             WHERE source = ?1 AND parent_id IS NULL ORDER BY start_ns",
        )
        .unwrap();
    let roots: Vec<(String, String, String)> = roots
        .query_map([source], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .filter(|(_, _, resource)| {
            transport
                .is_none_or(|t| serde_json::from_str::<Value>(resource).unwrap()["transport"] == t)
        })
        .collect();
    roots
        .iter()
        .map(|(trace, root, _)| {
            let mut spans = conn
                .prepare(
                    "SELECT name, kind, status, http_method, http_route, http_url, http_status,
                            db_statement, remote_service, exceptions, parent_id, span_id
                     FROM spans WHERE trace_id = ?1 ORDER BY parent_id IS NOT NULL, start_ns",
                )
                .unwrap();
            spans
                .query_map([trace], |r| {
                    let parent: Option<String> = r.get(10)?;
                    let id: String = r.get(11)?;
                    assert!(
                        parent.as_deref() == Some(root.as_str()) || id == *root,
                        "span {id} hangs under {parent:?}, not the root {root}"
                    );
                    Ok(Row {
                        name: r.get(0)?,
                        kind: r.get(1)?,
                        status: r.get(2)?,
                        method: r.get(3)?,
                        route: r.get(4)?,
                        url: stable(r.get(5)?),
                        code: r.get(6)?,
                        statement: r.get(7)?,
                        remote: stable(r.get(8)?),
                        exceptions: r.get(9)?,
                    })
                })
                .unwrap()
                .map(Result::unwrap)
                .collect()
        })
        .collect()
}

fn s(text: &str) -> Option<String> {
    Some(text.to_string())
}

fn row(name: &str, kind: &str, status: &str) -> Row {
    Row {
        name: name.into(),
        kind: kind.into(),
        status: status.into(),
        ..Row::default()
    }
}

const BOOM: &str = r#"[{"type":"ZeroDivisionError","message":"division by zero"}]"#;

/// What the OpenTelemetry instrumentations send for the app's three requests.
fn otel_expected() -> Vec<Vec<Row>> {
    let server = |name: &str, status: &str, route: Option<String>, path: &str, code| Row {
        method: s("GET"),
        route,
        url: s(path),
        code: Some(code),
        ..row(name, "server", status)
    };
    let sql = |verb: &str, statement: &str| Row {
        statement: s(statement),
        remote: s("sqlite"),
        ..row(verb, "client", "ok")
    };
    vec![
        vec![
            server(
                "GET /api/activities/home",
                "ok",
                s("/api/activities/home"),
                "/api/activities/home",
                200,
            ),
            sql(
                "CREATE",
                "CREATE TABLE activities (uuid TEXT, message TEXT)",
            ),
            sql(
                "INSERT",
                "INSERT INTO activities VALUES ('68f126b0', 'Cloud is fun!')",
            ),
            sql("SELECT", "SELECT uuid, message FROM activities"),
            Row {
                method: s("GET"),
                url: s("http://127.0.0.1:PORT/api/profile"),
                code: Some(200),
                remote: s("127.0.0.1:PORT"),
                ..row("GET", "client", "ok")
            },
        ],
        vec![server(
            "GET /api/missing",
            "error",
            None,
            "/api/missing",
            404,
        )],
        vec![Row {
            exceptions: s(BOOM),
            ..server("GET /api/boom", "fault", s("/api/boom"), "/api/boom", 500)
        }],
    ]
}

/// What the X-Ray SDK's Flask middleware and its sqlite3/requests patches send.
fn xray_expected() -> Vec<Vec<Row>> {
    let server = |status: &str, path: &str, code| Row {
        method: s("GET"),
        url: s(&format!("http://localhost{path}")),
        code: Some(code),
        ..row("backend-flask", "server", status)
    };
    let sql = || Row {
        remote: s("sqlite3"),
        ..row(":memory:", "client", "ok")
    };
    vec![
        vec![
            server("ok", "/api/activities/home", 200),
            sql(),
            sql(),
            sql(),
            Row {
                method: s("GET"),
                url: s("http://127.0.0.1:PORT/api/profile"),
                code: Some(200),
                remote: s("127.0.0.1"),
                ..row("127.0.0.1", "client", "ok")
            },
        ],
        vec![server("error", "/api/missing", 404)],
        vec![Row {
            exceptions: s(BOOM),
            ..server("fault", "/api/boom", 500)
        }],
    ]
}

fn statuses(lines: &[Value]) -> Vec<i64> {
    lines.iter().filter_map(|l| l["status"].as_i64()).collect()
}

#[test]
fn a_flask_app_instrumented_three_ways_is_stored_exactly() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    for (mode, port) in [("otlp-http", listener.http), ("otlp-grpc", listener.grpc)] {
        let lines = flask_app(
            mode,
            &[
                // The SDK's own default variable, as a user sets it; nothing else.
                (
                    "OTEL_EXPORTER_OTLP_ENDPOINT",
                    format!("http://127.0.0.1:{port}"),
                ),
                ("OTEL_RESOURCE_ATTRIBUTES", format!("transport={mode}")),
            ],
        );
        assert_eq!(statuses(&lines), [200, 404, 500]);
    }
    let lines = flask_app(
        "xray",
        &[(
            "AWS_XRAY_DAEMON_ADDRESS",
            format!("127.0.0.1:{}", listener.xray),
        )],
    );
    assert_eq!(statuses(&lines), [200, 404, 500]);
    // The SDK's centralized sampler read the rules and targets from the TCP side.
    assert_eq!(
        lines[3]["sampling"],
        serde_json::json!({
            "rules": [{"name": "Default", "rate": 1.0, "priority": 10000}],
            "targets": {"Default": {"rate": 1.0, "quota": 1000000, "interval": 10}}
        })
    );

    // 2 x 7 OpenTelemetry spans and 7 X-Ray (sub)segments, once each.
    let db = listener.db.clone();
    let deadline = Instant::now() + Duration::from_secs(30);
    let count = || -> i64 {
        rusqlite::Connection::open(&db)
            .unwrap()
            .query_row("SELECT count(*) FROM spans", [], |r| r.get(0))
            .unwrap()
    };
    while count() < 21 {
        assert!(Instant::now() < deadline, "only {} spans stored", count());
        std::thread::sleep(Duration::from_millis(100));
    }
    let (code, stdout, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(count(), 21);

    assert_eq!(traces(&db, "otlp", Some("otlp-http")), otel_expected());
    assert_eq!(traces(&db, "otlp", Some("otlp-grpc")), otel_expected());
    assert_eq!(traces(&db, "xray", None), xray_expected());

    // One line per request as it arrived, and the totals on Ctrl-C.
    let requests: Vec<String> = stdout
        .lines()
        .map(|l| {
            let fields: Vec<&str> = l.split("  ").collect();
            format!("{} {} {} {}", fields[1], fields[2], fields[3], fields[5])
        })
        .collect();
    let three = [
        "backend-flask GET /api/activities/home 200 5 spans",
        "backend-flask GET /api/missing 404 1 span",
        "backend-flask GET /api/boom 500 1 span",
    ];
    assert_eq!(requests, [three, three, three].concat(), "{stdout}");
    assert!(
        stderr
            .lines()
            .last()
            .unwrap()
            .starts_with("received 21 spans: stored 21, rejected 0, dropped 0"),
        "{stderr}"
    );
}
