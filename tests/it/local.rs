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

use crate::harness::Sandbox;

/// `tracectl` with the sandbox's clean environment, as a process to stream from.
pub(crate) fn tracectl_process(sandbox: &Sandbox) -> Command {
    let template = sandbox.cmd();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tracectl"));
    cmd.env_clear();
    for (k, v) in template.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    cmd
}

/// A running `tracectl local listen` on free loopback ports.
pub(crate) struct Listener {
    child: Child,
    /// Its stdout and stderr, read as they come (a full pipe would stall the listener).
    output: Option<(
        std::thread::JoinHandle<String>,
        std::thread::JoinHandle<String>,
    )>,
    pub(crate) http: u16,
    pub(crate) grpc: u16,
    pub(crate) xray: u16,
    /// The CloudWatch Logs and Rollbar stand-ins.
    pub(crate) cloudwatch: u16,
    pub(crate) rollbar: u16,
    pub(crate) db: PathBuf,
}

/// Threads reading the child's stdout and stderr to their ends.
#[allow(clippy::type_complexity)]
fn drained(
    child: &mut Child,
) -> Option<(
    std::thread::JoinHandle<String>,
    std::thread::JoinHandle<String>,
)> {
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            pipe.read_to_string(&mut text).unwrap();
            text
        })
    };
    Some((
        drain(Box::new(child.stdout.take()?)),
        drain(Box::new(child.stderr.take()?)),
    ))
}

/// The listener's five ports (HTTP, gRPC, X-Ray, CloudWatch Logs, Rollbar), all held while
/// they are chosen so none is handed out twice; the third is free for UDP too.
fn five_free_ports() -> [u16; 5] {
    loop {
        let tcp: Vec<std::net::TcpListener> = (0..5)
            .map(|_| std::net::TcpListener::bind("127.0.0.1:0").unwrap())
            .collect();
        let ports: Vec<u16> = tcp.iter().map(|l| l.local_addr().unwrap().port()).collect();
        if std::net::UdpSocket::bind(("127.0.0.1", ports[2])).is_ok() {
            return [ports[0], ports[1], ports[2], ports[3], ports[4]];
        }
    }
}

impl Listener {
    pub(crate) fn start(sandbox: &Sandbox, extra: &[&str]) -> Listener {
        Self::start_with(sandbox, extra, &[])
    }

    /// Starts `local listen` on free ports. Ports are free when chosen, but a test running
    /// beside may take one before the listener binds it: a start refused for a port in use
    /// is tried again on others (a few times), any other early exit fails with its words.
    fn start_with(sandbox: &Sandbox, extra: &[&str], env: &[(&str, &str)]) -> Listener {
        Self::start_as(sandbox, extra, env, false)
    }

    /// Started through a shell that ignores SIGXFSZ, so a file size limit set on the
    /// process (`prlimit`) fails its writes as a full disk does instead of killing it.
    fn start_ignoring_file_size_signal(sandbox: &Sandbox) -> Listener {
        Self::start_as(sandbox, &[], &[], true)
    }

    fn start_as(
        sandbox: &Sandbox,
        extra: &[&str],
        env: &[(&str, &str)],
        ignore_xfsz: bool,
    ) -> Listener {
        for _ in 0..5 {
            match Self::try_start(sandbox, extra, env, ignore_xfsz) {
                Ok(listener) => return listener,
                Err(stderr) if stderr.contains("the port is in use") => continue,
                Err(stderr) => panic!("local listen exited at start: {stderr}"),
            }
        }
        panic!("local listen found no free ports in 5 tries")
    }

    fn try_start(
        sandbox: &Sandbox,
        extra: &[&str],
        env: &[(&str, &str)],
        ignore_xfsz: bool,
    ) -> Result<Listener, String> {
        let [http, grpc, xray, cloudwatch, rollbar] = five_free_ports();
        let db = sandbox.home().join("data/traces.db");
        let mut cmd = tracectl_process(sandbox);
        if ignore_xfsz {
            // `exec` keeps the pid: the child is tracectl itself, with SIGXFSZ ignored.
            let envs: Vec<_> = cmd
                .get_envs()
                .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned())))
                .collect();
            cmd = Command::new("sh");
            cmd.env_clear()
                .envs(envs)
                .args(["-c", "trap '' XFSZ; exec \"$0\" \"$@\""])
                .arg(env!("CARGO_BIN_EXE_tracectl"));
        }
        cmd.current_dir(sandbox.home())
            .args(["local", "listen", "--db"])
            .arg(&db)
            .args(["--otlp-http", &format!("127.0.0.1:{http}")])
            .args(["--otlp-grpc", &format!("127.0.0.1:{grpc}")])
            .args(["--xray", &format!("127.0.0.1:{xray}")])
            .args(["--cloudwatch-logs", &format!("127.0.0.1:{cloudwatch}")])
            .args(["--rollbar", &format!("127.0.0.1:{rollbar}")])
            .args(extra)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let mut listener = Listener {
            output: drained(&mut child),
            child,
            http,
            grpc,
            xray,
            cloudwatch,
            rollbar,
            db,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        let turned_off = |flag: &str| extra.windows(2).any(|w| w[0] == flag && w[1] == "off");
        let mut ports = vec![http, grpc, xray];
        if !turned_off("--cloudwatch-logs") {
            ports.push(cloudwatch);
        }
        if !turned_off("--rollbar") {
            ports.push(rollbar);
        }
        for port in ports {
            while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                if let Ok(Some(_)) = listener.child.try_wait() {
                    let (_, stderr) = listener.output.take().unwrap();
                    return Err(stderr.join().unwrap());
                }
                assert!(Instant::now() < deadline, "local listen did not start");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        Ok(listener)
    }

    /// SIGKILL: no chance to flush or say anything; waits until it is gone.
    pub(crate) fn kill_9(&mut self) {
        let status = Command::new("kill")
            .args(["-9", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let _ = self.child.wait();
    }

    /// Ctrl-C, then (exit code, stdout, stderr).
    pub(crate) fn stop(mut self) -> (Option<i32>, String, String) {
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
        let (stdout, stderr) = self.output.take().unwrap();
        (
            status.code(),
            stdout.join().unwrap(),
            stderr.join().unwrap(),
        )
    }
}

impl Listener {
    /// Runs the instrumented Flask app in `mode` against this listener (OTLP/HTTP or the
    /// X-Ray daemon address, through the SDKs' own variables) and waits until the
    /// database holds `spans` spans.
    pub(crate) fn app(&self, mode: &str, spans: usize) {
        let env = match mode {
            "xray" => (
                "AWS_XRAY_DAEMON_ADDRESS",
                format!("127.0.0.1:{}", self.xray),
            ),
            _ => (
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                format!("http://127.0.0.1:{}", self.http),
            ),
        };
        flask_app(mode, &[env]);
        wait_for_spans(&self.db, spans);
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Runs the instrumented Flask app in `mode`; returns its JSON lines.
pub(crate) fn flask_app(mode: &str, env: &[(&str, String)]) -> Vec<Value> {
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
                            db_statement, remote_service,
                            json_remove(exceptions, '$[0].stacktrace'), parent_id, span_id
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
    // The stack the SDK recorded with the exception, and the exception event itself with
    // every attribute, are kept (once per OTLP transport).
    let conn = rusqlite::Connection::open(&db).unwrap();
    let kept: Vec<(String, String, String)> = conn
        .prepare(
            "SELECT exceptions ->> '$[0].stacktrace', detail ->> '$.events[0].name',
                    detail ->> '$.events[0].attributes.\"exception.stacktrace\"'
             FROM spans WHERE source = 'otlp' AND name = 'GET /api/boom'",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(kept.len(), 2);
    for (stack, event, event_stack) in kept {
        assert!(
            stack.starts_with("Traceback (most recent call last):"),
            "{stack}"
        );
        assert!(stack.contains("in boom\n"), "{stack}");
        assert!(
            stack.ends_with("ZeroDivisionError: division by zero\n"),
            "{stack}"
        );
        assert_eq!((event.as_str(), event_stack), ("exception", stack));
    }

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
        totals(&stderr).starts_with("received 21 spans: stored 21, rejected 0, dropped 0"),
        "{stderr}"
    );
}

// ---- bad input and faults -----------------------------------------------------------------

use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use opentelemetry_proto::tonic::common::v1::{AnyValue, KeyValue, any_value};
use opentelemetry_proto::tonic::resource::v1::Resource;
use opentelemetry_proto::tonic::trace::v1::{ResourceSpans, ScopeSpans, Span};
use prost::Message;

fn now_ns() -> u64 {
    jiff::Timestamp::now().as_nanosecond() as u64
}

/// A span of `service` with the given ids, ending now.
fn otlp_span(trace: u8, span: u8, name: &str) -> Span {
    Span {
        trace_id: vec![trace; 16],
        span_id: vec![span; 8],
        name: name.into(),
        kind: 2,
        start_time_unix_nano: now_ns() - 5_000_000,
        end_time_unix_nano: now_ns(),
        ..Default::default()
    }
}

fn otlp_request(spans: Vec<Span>) -> ExportTraceServiceRequest {
    ExportTraceServiceRequest {
        resource_spans: vec![ResourceSpans {
            resource: Some(Resource {
                attributes: vec![KeyValue {
                    key: "service.name".into(),
                    value: Some(AnyValue {
                        value: Some(any_value::Value::StringValue("backend-flask".into())),
                    }),
                    ..Default::default()
                }],
                ..Default::default()
            }),
            scope_spans: vec![ScopeSpans {
                spans,
                ..Default::default()
            }],
            ..Default::default()
        }],
    }
}

/// `google.rpc.Status` as the collector answers errors (code and message).
#[derive(Clone, PartialEq, prost::Message)]
struct RpcStatus {
    #[prost(int32, tag = "1")]
    code: i32,
    #[prost(string, tag = "2")]
    message: String,
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn stored_names(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut q = conn
        .prepare("SELECT name FROM spans ORDER BY name")
        .unwrap();
    q.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_is_counted_answered_and_survived() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &["-v"]);
    let url = format!("http://127.0.0.1:{}/v1/traces", listener.http);
    #[allow(clippy::disallowed_methods)] // the test's own client, a sender like an SDK
    let http = reqwest::Client::new();
    let post = |content_type: &'static str, encoding: Option<&'static str>, body: Vec<u8>| {
        let mut request = http
            .post(&url)
            .header("content-type", content_type)
            .body(body);
        if let Some(encoding) = encoding {
            request = request.header("content-encoding", encoding);
        }
        request.send()
    };

    // Valid spans are stored, invalid ones refused with partial success.
    let mut short_id = otlp_span(2, 2, "short id");
    short_id.span_id = vec![1, 2, 3];
    let mut zero_time = otlp_span(3, 3, "zero time");
    zero_time.start_time_unix_nano = 0;
    let mut future = otlp_span(4, 4, "future");
    future.start_time_unix_nano = now_ns() + 3 * 86_400 * 1_000_000_000;
    future.end_time_unix_nano = future.start_time_unix_nano + 1;
    let mixed = otlp_request(vec![otlp_span(1, 1, "kept"), short_id, zero_time, future]);
    let answer = post("application/x-protobuf", None, mixed.encode_to_vec())
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let response = ExportTraceServiceResponse::decode(answer.bytes().await.unwrap()).unwrap();
    let partial = response.partial_success.unwrap();
    assert_eq!(partial.rejected_spans, 3);
    assert_eq!(
        partial.error_message,
        "3 span(s) rejected: span id is 3 bytes, not 8; start time is 0; start time is more than a day in the future"
    );

    // The same in JSON, gzipped, answered in JSON (ids in hex, 64-bit times as strings).
    let json = serde_json::to_vec(&otlp_request(vec![otlp_span(5, 5, "kept json")])).unwrap();
    let answer = post("application/json", Some("gzip"), gzip(&json))
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(
        answer.headers()["content-type"],
        "application/json",
        "answered in the request's encoding"
    );
    assert_eq!(answer.text().await.unwrap(), "{}");

    // Truncated protobuf, JSON that is not OTLP, a string that is not UTF-8: 400 with a
    // google.rpc.Status in the request's encoding.
    let whole = otlp_request(vec![otlp_span(6, 6, "XXXX")]).encode_to_vec();
    let truncated = whole[..whole.len() - 7].to_vec();
    let answer = post("application/x-protobuf", None, truncated)
        .await
        .unwrap();
    assert_eq!(answer.status(), 400);
    let status = RpcStatus::decode(answer.bytes().await.unwrap()).unwrap();
    assert_eq!(status.code, 3);
    assert!(
        status
            .message
            .starts_with("the body is not an OTLP trace export"),
        "{}",
        status.message
    );
    let mut not_utf8 = whole.clone();
    let at = not_utf8.windows(4).position(|w| w == b"XXXX").unwrap();
    not_utf8[at..at + 4].copy_from_slice(&[0xff, 0xfe, 0xfd, 0xfc]);
    let answer = post("application/x-protobuf", None, not_utf8)
        .await
        .unwrap();
    assert_eq!(answer.status(), 400);
    let answer = post(
        "application/json",
        None,
        br#"{"resourceSpans": 5}"#.to_vec(),
    )
    .await
    .unwrap();
    assert_eq!(answer.status(), 400);
    let status: Value = answer.json().await.unwrap();
    assert_eq!(status["code"], 3);

    // Other media types and encodings: 415. Too large, even once decompressed: 413.
    let answer = post("text/plain", None, b"hello".to_vec()).await.unwrap();
    assert_eq!(answer.status(), 415);
    let answer = post("application/x-protobuf", Some("br"), whole.clone())
        .await
        .unwrap();
    assert_eq!(answer.status(), 415);
    let answer = post("application/x-protobuf", None, vec![0u8; 17 * 1024 * 1024]).await;
    // Refused from its Content-Length, before it is read: the sender may still be writing
    // when the answer comes and the connection closes.
    match answer {
        Ok(answer) => assert_eq!(answer.status(), 413),
        Err(e) => assert!(
            format!("{e:?}").contains("BrokenPipe") || e.is_request(),
            "{e:?}"
        ),
    }
    let bomb = gzip(&vec![0u8; 100 * 1024 * 1024]);
    assert!(
        bomb.len() < 1024 * 1024,
        "a small body that grows to 100 MiB"
    );
    let answer = post("application/x-protobuf", Some("gzip"), bomb)
        .await
        .unwrap();
    assert_eq!(answer.status(), 413);

    // X-Ray: garbage, a truncated document, an id of the wrong length.
    let udp = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let daemon = ("127.0.0.1", listener.xray);
    let header = b"{\"format\":\"json\",\"version\":1}\n".to_vec();
    let t = now_ns() as f64 / 1e9;
    let doc = |id: &str, name: &str| {
        let mut d = header.clone();
        d.extend(
            serde_json::json!({"trace_id": "1-6b04d9b5-002c4c2274de5f7070f81dba", "id": id,
                               "name": name, "start_time": t - 0.1, "end_time": t})
            .to_string()
            .into_bytes(),
        );
        d
    };
    udp.send_to(b"\x00\x01garbage", daemon).unwrap();
    let good = doc("70de5b6f19ff9a0a", "kept xray");
    udp.send_to(&good[..good.len() - 10], daemon).unwrap();
    udp.send_to(&doc("70de5b6f", "short"), daemon).unwrap();
    udp.send_to(&good, daemon).unwrap();

    // Still running: a valid request after all that is stored.
    let answer = post(
        "application/x-protobuf",
        None,
        otlp_request(vec![otlp_span(7, 7, "kept after")]).encode_to_vec(),
    )
    .await
    .unwrap();
    assert_eq!(answer.status(), 200);
    let db = listener.db.clone();
    let deadline = Instant::now() + Duration::from_secs(20);
    while stored_names(&db).len() < 4 {
        assert!(Instant::now() < deadline, "{:?}", stored_names(&db));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (code, _stdout, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stored_names(&db),
        ["kept", "kept after", "kept json", "kept xray"]
    );
    assert!(
        stderr.contains("refused (X-Ray): span id '70de5b6f' is not 16 hex digits"),
        "-v shows what was refused: {stderr}"
    );
    assert!(
        stderr.lines().last().unwrap().starts_with(
            "received 8 spans: stored 4, rejected 4, dropped 0; 9 unreadable requests or datagrams"
        ),
        "{stderr}"
    );
}

#[test]
fn a_port_in_use_names_it_and_the_flag_to_move() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let sandbox = Sandbox::new();
    let out = crate::harness::run(sandbox.cmd().args([
        "local",
        "listen",
        "--otlp-http",
        &format!("127.0.0.1:{port}"),
        "--no-otlp-grpc",
        "--no-xray",
        "--db",
        sandbox.home().join("t.db").to_str().unwrap(),
    ]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        format!(
            "error: OTLP/HTTP cannot listen on 127.0.0.1:{port}: the port is in use\n\
             hint: an OpenTelemetry Collector (or another tracectl local listen) probably holds it; \
             stop it, or move this one with --otlp-http HOST:PORT, or turn it off with --otlp-http off\n"
        )
    );
}

#[test]
fn databases_that_cannot_be_used_are_named_with_what_to_do() {
    let sandbox = Sandbox::new();
    let foreign = sandbox.home().join("notes.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE notes (x TEXT)")
        .unwrap();
    let cases = [
        (
            "/dev/null/traces.db".to_string(),
            "error: cannot open the span database /dev/null/traces.db",
            "hint: choose a writable place with --db PATH (or TRACECTL_LOCAL_DB)",
        ),
        (
            foreign.display().to_string(),
            "is not a tracectl span database",
            "hint: tracectl will not write into another program's file",
        ),
    ];
    for (db, error, hint) in cases {
        let out = crate::harness::run(sandbox.cmd().args([
            "local",
            "listen",
            "--no-otlp-grpc",
            "--no-xray",
            "--otlp-http",
            "127.0.0.1:0",
            "--db",
            &db,
        ]));
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(out.stderr.contains(error), "{}", out.stderr);
        assert!(out.stderr.contains(hint), "{}", out.stderr);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_locked_database_is_answered_retry_and_nothing_acknowledged_is_lost() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    let url = format!("http://127.0.0.1:{}/v1/traces", listener.http);
    #[allow(clippy::disallowed_methods)] // the test's own client, a sender like an SDK
    let http = reqwest::Client::new();
    let send = |trace: u8, name: &str| {
        http.post(&url)
            .header("content-type", "application/x-protobuf")
            .body(otlp_request(vec![otlp_span(trace, trace, name)]).encode_to_vec())
            .send()
    };
    // Another process holds the write lock longer than the writer waits (5 s).
    let lock = rusqlite::Connection::open(&listener.db).unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();
    // Not acknowledged while it cannot be committed: 503, so the SDK retries it.
    let answer = send(1, "while locked").await.unwrap();
    assert_eq!(answer.status(), 503);
    assert_eq!(answer.headers()["retry-after"], "1");
    lock.execute_batch("COMMIT").unwrap();
    drop(lock);
    // The retry (and a new request) are stored once the lock is gone.
    assert_eq!(send(1, "while locked").await.unwrap().status(), 200);
    assert_eq!(send(2, "after").await.unwrap().status(), 200);
    let db = listener.db.clone();
    let deadline = Instant::now() + Duration::from_secs(20);
    while stored_names(&db).is_empty() {
        assert!(Instant::now() < deadline);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stored_names(&db), ["after", "while locked"]);
    assert!(
        stderr.contains("warning: spans refused for now: the span database")
            && stderr.contains("is locked by another process; their senders were told to retry"),
        "{stderr}"
    );
    assert!(
        stderr.lines().last().unwrap().starts_with(
            "received 2 spans: stored 2, rejected 0, dropped 0; 1 requests asked to retry"
        ),
        "{stderr}"
    );
}

/// A disk that fills up (here: a file size limit set on the running listener, which fails
/// SQLite's writes as ENOSPC does) is answered 503 + `Retry-After`, said once, and never
/// acknowledged; once there is room again the senders' retries are stored, each span once.
#[tokio::test(flavor = "multi_thread")]
async fn a_full_disk_is_answered_retry_and_nothing_acknowledged_is_lost() {
    let sandbox = Sandbox::new();
    let listener = Listener::start_ignoring_file_size_signal(&sandbox);
    let url = format!("http://127.0.0.1:{}/v1/traces", listener.http);
    #[allow(clippy::disallowed_methods)] // the test's own client, a sender like an SDK
    let http = reqwest::Client::new();
    // Four exports of five spans each, with names of their own.
    let export = |n: u8| {
        let spans = (0..5)
            .map(|i| {
                otlp_span(
                    10 * n + i + 1,
                    10 * n + i + 1,
                    &format!("export {n} span {i}"),
                )
            })
            .collect();
        http.post(&url)
            .header("content-type", "application/x-protobuf")
            .body(otlp_request(spans).encode_to_vec())
            .send()
    };
    let before = || {
        let spans = (0..5)
            .map(|i| otlp_span(200 + i, 200 + i, &format!("before {i}")))
            .collect();
        otlp_request(spans).encode_to_vec()
    };
    let answer = http
        .post(&url)
        .header("content-type", "application/x-protobuf")
        .body(before())
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let pid = listener.child.id().to_string();
    let fsize = |limit: &str| {
        let status = Command::new("prlimit")
            .args(["--pid", &pid, &format!("--fsize={limit}:")])
            .status()
            .unwrap();
        assert!(status.success());
    };
    // The disk is full: no file of the listener grows past a page.
    fsize("4096");
    for n in 0..4 {
        let answer = export(n).await.unwrap();
        assert_eq!(answer.status(), 503, "export {n}");
        assert_eq!(answer.headers()["retry-after"], "1");
    }
    assert_eq!(stored_names(&listener.db).len(), 5);
    // Room again: the retries are stored.
    fsize("unlimited");
    for n in 0..4 {
        assert_eq!(export(n).await.unwrap().status(), 200, "export {n}");
    }
    let db = listener.db.clone();
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    let mut expected: Vec<String> = (0..5).map(|i| format!("before {i}")).collect();
    expected.extend((0..4).flat_map(|n| (0..5).map(move |i| format!("export {n} span {i}"))));
    expected.sort();
    assert_eq!(stored_names(&db), expected);
    let said = stderr
        .lines()
        .filter(|l| l.contains("spans refused for now"))
        .collect::<Vec<_>>();
    assert_eq!(said.len(), 1, "{stderr}");
    // A write that ends past the limit is SQLITE_FULL (as ENOSPC is); one that starts past
    // it fails with EFBIG, a disk I/O error to SQLite.
    let (full, io) = (
        "warning: spans refused for now: the disk holding the span database",
        "warning: spans refused for now: cannot write to the span database",
    );
    assert!(
        (said[0].starts_with(full) || said[0].starts_with(io))
            && !said[0].contains("Error code")
            && said[0].ends_with(
                "their senders were told to retry (said once; nothing acknowledged was lost)"
            ),
        "{stderr}"
    );
    // A refused export's spans are counted as received when its retry is stored, once.
    assert!(
        totals(&stderr).starts_with(
            "received 25 spans: stored 25, rejected 0, dropped 0; 4 requests asked to retry"
        ),
        "{stderr}"
    );
}

/// Every gzip member is read, trailing garbage is refused, `deflate` (zlib, as the Python
/// SDK sends it) is taken, and a value of 60 MiB is kept cut to 64 KiB with a marker.
#[tokio::test]
async fn compressed_bodies_are_read_whole_or_refused_and_huge_values_are_cut() {
    use std::io::Write;
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &["-v"]);
    let url = format!("http://127.0.0.1:{}/v1/traces", listener.http);
    #[allow(clippy::disallowed_methods)] // the test's own client, a sender like an SDK
    let http = reqwest::Client::new();
    let post = |encoding: &'static str, body: Vec<u8>| {
        http.post(&url)
            .header("content-type", "application/x-protobuf")
            .header("content-encoding", encoding)
            .body(body)
            .send()
    };
    let body =
        |trace: u8, name: &str| otlp_request(vec![otlp_span(trace, trace, name)]).encode_to_vec();
    // Two gzip members, as `cat a.gz b.gz` makes: the second is part of the body. The
    // request parses as one message with both spans (protobuf concatenation merges).
    let mut two = gzip(&body(1, "first member"));
    two.extend(gzip(&body(2, "second member")));
    assert_eq!(post("gzip", two).await.unwrap().status(), 200);
    let mut garbage = gzip(&body(3, "before garbage"));
    garbage.extend(b"not gzip at all");
    assert_eq!(post("gzip", garbage).await.unwrap().status(), 400);
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    zlib.write_all(&body(4, "deflated")).unwrap();
    assert_eq!(
        post("deflate", zlib.finish().unwrap())
            .await
            .unwrap()
            .status(),
        200
    );

    let mut huge = otlp_span(5, 5, "huge attribute");
    huge.attributes.push(KeyValue {
        key: "payload".into(),
        value: Some(AnyValue {
            value: Some(any_value::Value::StringValue("é".repeat(30 * 1024 * 1024))),
        }),
        ..Default::default()
    });
    let packed = gzip(&otlp_request(vec![huge]).encode_to_vec());
    assert!(packed.len() < 200 * 1024, "{}", packed.len());
    assert_eq!(post("gzip", packed).await.unwrap().status(), 200);

    let db = listener.db.clone();
    wait_for_spans(&db, 4);
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stored_names(&db),
        [
            "deflated",
            "first member",
            "huge attribute",
            "second member"
        ]
    );
    let payload: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT attributes ->> '$.payload' FROM spans WHERE name = 'huge attribute'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mark = "…[truncated by tracectl]";
    assert_eq!(payload, format!("{}{mark}", "é".repeat(32 * 1024)));
    assert!(stderr.contains("1 value(s) cut to the limits"), "{stderr}");
    assert!(
        stderr.contains("400 the compressed body cannot be read"),
        "{stderr}"
    );
    assert!(
        totals(&stderr).contains("1 value(s) cut to the limits"),
        "{stderr}"
    );
}

/// Requests that each unpack to most of the memory budget: one at a time is admitted, the
/// others wait briefly for room and are asked to retry; one admitted is stored and answered
/// (a request's share must not wait for room again once decoded, behind the next one
/// waiting for the share it holds: then every one of them was refused).
#[tokio::test]
async fn of_requests_that_each_unpack_to_most_of_the_budget_one_at_a_time_is_stored() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    let url = format!("http://127.0.0.1:{}/v1/traces", listener.http);
    #[allow(clippy::disallowed_methods)] // the test's own client, a sender like an SDK
    let http = reqwest::Client::new();
    let sent: Vec<_> = (0..12u8)
        .map(|n| {
            let mut span = otlp_span(10 + n, 10 + n, &format!("large {n}"));
            span.attributes.push(KeyValue {
                key: "payload".into(),
                value: Some(AnyValue {
                    value: Some(any_value::Value::StringValue("x".repeat(60 * 1024 * 1024))),
                }),
                ..Default::default()
            });
            let request = http
                .post(&url)
                .header("content-type", "application/x-protobuf")
                .header("content-encoding", "gzip")
                .body(gzip(&otlp_request(vec![span]).encode_to_vec()))
                .send();
            tokio::spawn(async move {
                let answer = request.await.unwrap();
                let retry_after = answer.headers().get("retry-after").cloned();
                (answer.status().as_u16(), retry_after)
            })
        })
        .collect();
    let mut stored = 0;
    for answer in sent {
        match answer.await.unwrap() {
            (200, _) => stored += 1,
            (503, Some(_)) => {}
            other => panic!("{other:?}"),
        }
    }
    assert!(stored >= 1, "no request was stored");
    let db = listener.db.clone();
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    // Acknowledged means stored: as many spans as answers of 200.
    assert_eq!(stored_names(&db).len(), stored, "{stderr}");
}

/// A request that never finishes its body is ended at the deadline and said as what it is,
/// not as a body too large; the listener goes on answering others meanwhile.
#[tokio::test]
async fn a_half_sent_request_times_out_and_does_not_block_others() {
    use std::io::{Read as _, Write as _};
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &["-v"]);
    let mut stalled: Vec<std::net::TcpStream> = (0..50)
        .map(|_| {
            let mut c = std::net::TcpStream::connect(("127.0.0.1", listener.http)).unwrap();
            c.write_all(
                b"POST /v1/traces HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-protobuf\r\ncontent-length: 1000\r\n\r\nhalf",
            )
            .unwrap();
            c
        })
        .collect();
    #[allow(clippy::disallowed_methods)] // the test's own client
    let http = reqwest::Client::new();
    let answer = http
        .post(format!("http://127.0.0.1:{}/v1/traces", listener.http))
        .header("content-type", "application/x-protobuf")
        .body(otlp_request(vec![otlp_span(7, 7, "meanwhile")]).encode_to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    // Each stalled request is answered 408 once its body stops arriving (10 s).
    let first = &mut stalled[0];
    first
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut answer = [0u8; 12];
    first.read_exact(&mut answer).unwrap();
    assert_eq!(&answer, b"HTTP/1.1 408");
    let db = listener.db.clone();
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stored_names(&db), ["meanwhile"]);
    assert!(
        stderr.contains("408 the body did not arrive in time (4 bytes read)"),
        "{stderr}"
    );
    assert!(!stderr.contains("larger than"), "{stderr}");
}

/// A second listener on the same database is refused with what to do, and the first goes
/// on storing.
#[test]
fn a_second_listener_on_one_database_is_refused() {
    let sandbox = Sandbox::new();
    let first = Listener::start(&sandbox, &[]);
    let [http, grpc, xray, ..] = five_free_ports();
    let second = tracectl_process(&sandbox)
        .current_dir(sandbox.home())
        .args(["local", "listen", "--db"])
        .arg(&first.db)
        .args(["--otlp-http", &format!("127.0.0.1:{http}")])
        .args(["--otlp-grpc", &format!("127.0.0.1:{grpc}")])
        .args(["--xray", &format!("127.0.0.1:{xray}")])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "error: another tracectl local listen is already writing {}\nhint: stop that one, or give this one its own database with --db PATH\n",
            first.db.display()
        )
    );
    first.app("otlp-http", 7);
    let db = first.db.clone();
    let (code, _, stderr) = first.stop();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stored_names(&db).is_empty());
}

// ---- forwarding ---------------------------------------------------------------------------

const FORWARD_SECRET: &str = "hcaik_forwardSecret0123456789abcdefghij";

/// What an OTLP sink was sent: each request's headers and body.
type Received =
    std::sync::Arc<std::sync::Mutex<Vec<(axum::http::HeaderMap, ExportTraceServiceRequest)>>>;

/// An OTLP/HTTP backend that records what it is sent and answers `status`.
fn otlp_sink(status: u16) -> (crate::harness::Background, Received) {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    let app = axum::Router::new().route(
        "/v1/traces",
        axum::routing::post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                let log = log.clone();
                async move {
                    let request = ExportTraceServiceRequest::decode(body).unwrap();
                    log.lock().unwrap().push((headers, request));
                    axum::response::Response::builder()
                        .status(status)
                        .header("content-type", "application/x-protobuf")
                        .body(axum::body::Body::from(
                            ExportTraceServiceResponse::default().encode_to_vec(),
                        ))
                        .unwrap()
                }
            },
        ),
    );
    (crate::harness::serve(app), seen)
}

fn stored_span_ids(db: &Path, source: &str) -> std::collections::BTreeSet<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut q = conn
        .prepare("SELECT span_id FROM spans WHERE source = ?1")
        .unwrap();
    q.query_map([source], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The totals line `local listen` ends with on stderr (empty when it wrote nothing).
pub(crate) fn totals(stderr: &str) -> &str {
    stderr.lines().last().unwrap_or_default()
}

pub(crate) fn wait_for_spans(db: &Path, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while stored_names(db).len() < n {
        assert!(Instant::now() < deadline, "{:?}", stored_names(db));
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn otlp_is_forwarded_with_its_headers_and_the_secret_never_shown() {
    let (sink, seen) = otlp_sink(200);
    let sandbox = Sandbox::new();
    let header = format!("x-honeycomb-team={FORWARD_SECRET}");
    let sink_url = format!("http://{}", sink.addr);
    let listener = Listener::start(
        &sandbox,
        &[
            "-vv",
            "--forward-otlp",
            &sink_url,
            "--forward-header",
            &header,
        ],
    );
    listener.app("otlp-http", 7);
    let db = listener.db.clone();
    let deadline = Instant::now() + Duration::from_secs(30);
    let forwarded_ids = || -> std::collections::BTreeSet<String> {
        seen.lock()
            .unwrap()
            .iter()
            .flat_map(|(_, r)| r.resource_spans.clone())
            .flat_map(|rs| rs.scope_spans)
            .flat_map(|ss| ss.spans)
            .map(|s| hex::encode(s.span_id))
            .collect()
    };
    while forwarded_ids().len() < 7 {
        assert!(Instant::now() < deadline, "forwarded {:?}", forwarded_ids());
        std::thread::sleep(Duration::from_millis(100));
    }
    let (code, stdout, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(forwarded_ids(), stored_span_ids(&db, "otlp"));
    for (headers, _) in seen.lock().unwrap().iter() {
        assert_eq!(headers["x-honeycomb-team"], FORWARD_SECRET);
        assert_eq!(headers["content-type"], "application/x-protobuf");
    }
    assert!(
        totals(&stderr).ends_with("; forwarded 7 (0 not delivered)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("[REDACTED]"),
        "-vv shows the header, redacted: {stderr}"
    );
    assert!(
        !stderr.contains(FORWARD_SECRET) && !stdout.contains(FORWARD_SECRET),
        "the forwarded key leaked"
    );
}

#[test]
fn a_failing_backend_never_costs_a_stored_span() {
    let (sink, seen) = otlp_sink(503);
    let sandbox = Sandbox::new();
    let sink_url = format!("http://{}", sink.addr);
    let listener = Listener::start(&sandbox, &["--forward-otlp", &sink_url]);
    listener.app("otlp-http", 7);
    let db = listener.db.clone();
    let deadline = Instant::now() + Duration::from_secs(30);
    while seen.lock().unwrap().is_empty() {
        assert!(Instant::now() < deadline);
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(300));
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stored_names(&db).len(), 7);
    assert_eq!(
        stderr.matches("spans not forwarded to OTLP").count(),
        1,
        "said once: {stderr}"
    );
    assert!(
        totals(&stderr).ends_with("; forwarded 0 (7 not delivered)"),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn xray_segments_are_forwarded_to_xray() {
    let moto = crate::python::Moto::start();
    let sandbox = Sandbox::new();
    let listener = Listener::start_with(
        &sandbox,
        &["--forward-xray"],
        &[("AWS_ENDPOINT_URL", moto.endpoint.as_str())],
    );
    listener.app("xray", 7);
    let db = listener.db.clone();
    std::thread::sleep(Duration::from_millis(500));
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        totals(&stderr).ends_with("; forwarded 3 (0 not delivered)"),
        "three segment documents, their subsegments inside: {stderr}"
    );
    // Read back from X-Ray: every trace, with its segment.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut q = conn
        .prepare("SELECT trace_id, span_id FROM spans WHERE parent_id IS NULL")
        .unwrap();
    let roots: Vec<(String, String)> = q
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(roots.len(), 3);
    let xray = aws_sdk_xray::Client::new(&moto.sdk_config());
    let ids: Vec<String> = roots
        .iter()
        .map(|(t, _)| format!("1-{}-{}", &t[..8], &t[8..]))
        .collect();
    let got = xray
        .batch_get_traces()
        .set_trace_ids(Some(ids))
        .send()
        .await
        .unwrap();
    let mut segment_ids: Vec<String> = got
        .traces()
        .iter()
        .flat_map(|t| t.segments())
        .map(|s| {
            serde_json::from_str::<Value>(s.document().unwrap()).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    segment_ids.sort();
    let mut want: Vec<String> = roots.into_iter().map(|(_, s)| s).collect();
    want.sort();
    assert_eq!(segment_ids, want);
}

#[test]
fn json_output_is_one_object_per_stored_span() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &["-o", "json"]);
    listener.app("otlp-http", 7);
    let db = listener.db.clone();
    let (code, stdout, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    let objects: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: std::collections::BTreeSet<String> = objects
        .iter()
        .map(|o| o["span_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(objects.len(), 7);
    assert_eq!(ids, stored_span_ids(&db, "otlp"));
    let boom = objects
        .iter()
        .find(|o| o["http_route"] == "/api/boom")
        .unwrap();
    assert_eq!(boom["status"], "fault");
    assert_eq!(boom["exceptions"][0]["type"], "ZeroDivisionError");
    assert_eq!(boom["resource"]["service.name"], "backend-flask");
}

#[tokio::test(flavor = "multi_thread")]
async fn retain_deletes_old_spans_while_running() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &["-v", "--retain", "3s"]);
    let url = format!("http://127.0.0.1:{}/v1/traces", listener.http);
    #[allow(clippy::disallowed_methods)] // the test's own client, a sender like an SDK
    let http = reqwest::Client::new();
    let mut old = otlp_span(1, 1, "a minute ago");
    old.start_time_unix_nano -= 60 * 1_000_000_000;
    let fresh = otlp_span(2, 2, "now");
    http.post(&url)
        .header("content-type", "application/x-protobuf")
        .body(otlp_request(vec![old, fresh]).encode_to_vec())
        .send()
        .await
        .unwrap();
    let db = listener.db.clone();
    let deadline = Instant::now() + Duration::from_secs(20);
    while stored_names(&db) != ["now"] {
        assert!(Instant::now() < deadline, "{:?}", stored_names(&db));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("deleted 1 spans, 0 log lines and 0 errors older than the retention"),
        "{stderr}"
    );
}

#[test]
fn addresses_come_from_flags_the_environment_or_the_profile() {
    let sandbox = Sandbox::new();
    let out = crate::harness::run(
        sandbox
            .cmd()
            .env("TRACECTL_LOCAL_OTLP_GRPC", "localhost-4317")
            .args(["local", "listen"]),
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "error: --otlp-grpc 'localhost-4317' (from env TRACECTL_LOCAL_OTLP_GRPC) is not an address\n\
         hint: use HOST:PORT with an IP, e.g. --otlp-grpc 127.0.0.1:4319, or off\n"
    );
    sandbox.write_config("[profiles.default]\nlocal_otlp_http = \"off\"\n");
    let out = crate::harness::run(sandbox.cmd().args([
        "local",
        "listen",
        "--no-otlp-grpc",
        "--xray",
        "off",
        "--cloudwatch-logs",
        "off",
        "--rollbar",
        "off",
    ]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(
        out.stderr.lines().next().unwrap(),
        "error: every receiver is off"
    );
}

/// The new user's path: no flags, no variables. The SDKs' own defaults (OTLP/HTTP to
/// localhost:4318, the X-Ray daemon at 127.0.0.1:2000) reach the listener's defaults. This is
/// the one test on the well-known ports; if something else holds them, tracectl's error says
/// what.
#[test]
fn the_sdks_defaults_reach_the_default_listener() {
    let sandbox = Sandbox::new();
    let mut child = tracectl_process(&sandbox)
        .current_dir(sandbox.home())
        .args(["local", "listen"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    for port in [4318, 4317, 2000] {
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = child.try_wait().unwrap() {
                let mut stderr = String::new();
                child
                    .stderr
                    .take()
                    .unwrap()
                    .read_to_string(&mut stderr)
                    .unwrap();
                panic!("local listen exited ({status}): {stderr}");
            }
            assert!(Instant::now() < deadline, "local listen did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    let listener = Listener {
        output: drained(&mut child),
        child,
        http: 4318,
        grpc: 4317,
        xray: 2000,
        cloudwatch: 4320,
        rollbar: 4321,
        db: sandbox.home().join(".local/share/tracectl/traces.db"),
    };
    assert_eq!(statuses(&flask_app("otlp-http", &[])), [200, 404, 500]);
    assert_eq!(statuses(&flask_app("xray", &[])), [200, 404, 500]);
    let db = listener.db.clone();
    wait_for_spans(&db, 14);
    let (code, stdout, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout.lines().count(), 6, "{stdout}");
    assert!(
        totals(&stderr).starts_with("received 14 spans: stored 14,"),
        "{stderr}"
    );
}

#[test]
fn with_forward_xray_sampling_comes_from_x_ray_signed() {
    let fake = crate::xray_fake::FakeXray::new(crate::xray_fake::Options::default());
    let server = crate::harness::serve(fake.router());
    let endpoint = format!("http://{}", server.addr);
    let sandbox = Sandbox::new();
    let listener = Listener::start_with(
        &sandbox,
        &["--forward-xray"],
        &[("AWS_ENDPOINT_URL", endpoint.as_str())],
    );
    let lines = flask_app(
        "xray-sampling",
        &[(
            "AWS_XRAY_DAEMON_ADDRESS",
            format!("127.0.0.1:{}", listener.xray),
        )],
    );
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    // The account's rule, not the local sample-everything one: X-Ray answered.
    assert_eq!(
        lines[0]["sampling"],
        serde_json::json!({
            "rules": [{"name": "cruddur-api", "rate": 0.1, "priority": 100}],
            "targets": {"cruddur-api": {"rate": 0.1, "quota": 5, "interval": 10}}
        })
    );
    // Both calls reached X-Ray signed (the fake refuses unsigned ones), with the SDK's
    // statistics passed on.
    let calls = fake.calls();
    let operations: Vec<(&str, u16)> = calls.iter().map(|c| (c.operation, c.status)).collect();
    assert_eq!(
        operations,
        [("GetSamplingRules", 200), ("GetSamplingTargets", 200)]
    );
    let statistics = &calls[1].body["SamplingStatisticsDocuments"][0];
    assert_eq!(statistics["RuleName"], "cruddur-api");
    assert_eq!(statistics["RequestCount"], 0);
}

// ---- the local views ----------------------------------------------------------------------

/// A database filled by the Flask app through both SDKs: 6 requests, 14 spans.
fn filled_database(sandbox: &Sandbox) -> PathBuf {
    let listener = Listener::start(sandbox, &[]);
    listener.app("otlp-http", 7);
    listener.app("xray", 14);
    let db = listener.db.clone();
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    db
}

fn local(sandbox: &Sandbox, db: &Path, args: &[&str]) -> crate::harness::Output {
    crate::harness::run(sandbox.cmd().arg("local").args(args).arg("--db").arg(db))
}

#[test]
fn local_traces_trace_services_and_query_show_what_the_sdks_sent() {
    let sandbox = Sandbox::new();
    let db = filled_database(&sandbox);

    let out = local(&sandbox, &db, &["traces", "--since", "15m", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let summary = &report["summary"];
    assert_eq!(
        (
            &summary["traces"],
            &summary["errors"],
            &summary["faults"],
            &summary["throttles"]
        ),
        (
            &Value::from(6),
            &Value::from(2),
            &Value::from(2),
            &Value::from(0)
        )
    );
    let routes: Vec<(String, String, i64, i64, i64)> = report["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["method"].as_str().unwrap().to_string(),
                r["route"].as_str().unwrap().to_string(),
                r["count"].as_i64().unwrap(),
                r["errors"].as_i64().unwrap(),
                r["faults"].as_i64().unwrap(),
            )
        })
        .collect();
    let mut routes = routes;
    routes.sort();
    assert_eq!(
        routes,
        [
            ("GET".into(), "/api/activities/home".into(), 2, 0, 0),
            ("GET".into(), "/api/boom".into(), 2, 0, 2),
            ("GET".into(), "/api/missing".into(), 2, 2, 0),
        ]
    );
    assert_eq!(report["traces"].as_array().unwrap().len(), 6);

    // An empty window speaks of the local store's retention, not of X-Ray's.
    let none = local(&sandbox, &db, &["traces", "--url-contains", "nowhere"]);
    assert_eq!(none.code, 0, "{}", none.stderr);
    assert!(
        none.stderr.contains(
            "no traces in this window (the local store keeps spans for `local listen --retain`, 7 days by default)"
        ) && !none.stderr.contains("X-Ray"),
        "{}",
        none.stderr
    );

    // The shorthand filters, as in `xray traces`.
    let faults = local(&sandbox, &db, &["traces", "--faults", "-o", "json"]);
    let faults: Value = serde_json::from_str(&faults.stdout).unwrap();
    assert_eq!(faults["summary"]["traces"], 2);
    let home = local(
        &sandbox,
        &db,
        &["traces", "--url-contains", "activities", "-o", "json"],
    );
    let home: Value = serde_json::from_str(&home.stdout).unwrap();
    assert_eq!(home["summary"]["traces"], 2);

    // The waterfall of the OpenTelemetry request that queried the database and called out.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (otel_home, xray_home): (String, String) = conn
        .query_row(
            "SELECT (SELECT trace_id FROM spans WHERE source = 'otlp' AND http_route = '/api/activities/home'),
                    (SELECT trace_id FROM spans WHERE source = 'xray' AND parent_id IS NULL
                        AND http_url LIKE '%/api/activities/home')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let out = local(&sandbox, &db, &["trace", &otel_home, "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let tree: Value = serde_json::from_str(&out.stdout).unwrap();
    let root = &tree["spans"][0];
    assert_eq!(root["name"], "GET /api/activities/home");
    let children: Vec<&str> = root["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(children, ["CREATE", "INSERT", "SELECT", "GET"]);
    assert_eq!(
        root["children"][2]["sql"],
        "SELECT uuid, message FROM activities"
    );
    // The X-Ray one, asked for by its X-Ray id, drawn for people.
    let xray_id = format!("1-{}-{}", &xray_home[..8], &xray_home[8..]);
    let out = local(&sandbox, &db, &["trace", &xray_id]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].starts_with(&format!("{xray_home}  GET /api/activities/home  200")),
        "{}",
        out.stdout
    );
    assert_eq!(
        lines.iter().filter(|l| l.contains(":memory:")).count(),
        3,
        "{}",
        out.stdout
    );

    // The exception of the request that raised, with the stack the SDK recorded under it.
    let boom: String = conn
        .query_row(
            "SELECT trace_id FROM spans WHERE source = 'otlp' AND name = 'GET /api/boom'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let out = local(&sandbox, &db, &["trace", &boom, "--color", "never"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let raised = lines
        .iter()
        .position(|l| *l == " ! ZeroDivisionError: division by zero   (GET /api/boom)")
        .unwrap_or_else(|| panic!("{}", out.stdout));
    assert!(
        lines[raised + 1] == "   Traceback (most recent call last):"
            || lines[raised + 1].starts_with("   … "),
        "{}",
        out.stdout
    );
    assert!(
        lines[raised + 2..].iter().any(|l| l.contains("in boom")),
        "{}",
        out.stdout
    );
    assert_eq!(
        lines.last(),
        Some(&"   ZeroDivisionError: division by zero"),
        "{}",
        out.stdout
    );

    // The service graph: the app, and what it called (SQLite by either SDK's name for it,
    // the upstream by address).
    let out = local(&sandbox, &db, &["services", "--since", "15m", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let graph: Value = serde_json::from_str(&out.stdout).unwrap();
    let nodes: Vec<(String, String, i64, i64, i64, usize)> = graph["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                stable(n["name"].as_str().map(str::to_string)).unwrap(),
                n["type"].as_str().unwrap().to_string(),
                n["requests"].as_i64().unwrap(),
                n["errors"].as_i64().unwrap(),
                n["faults"].as_i64().unwrap(),
                n["edges"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(
        nodes,
        [
            ("backend-flask".into(), "service".into(), 6, 2, 2, 4),
            ("sqlite".into(), "remote".into(), 3, 0, 0, 0),
            ("sqlite3".into(), "remote".into(), 3, 0, 0, 0),
            ("127.0.0.1".into(), "remote".into(), 1, 0, 0, 0),
            ("127.0.0.1:PORT".into(), "remote".into(), 1, 0, 0, 0),
        ]
    );

    // Queries with the flags of `honeycomb query`, over both sources at once.
    let rows = |args: &[&str]| -> Vec<Value> {
        let mut full = vec!["query", "--since", "15m", "-o", "json"];
        full.extend_from_slice(args);
        let out = local(&sandbox, &db, &full);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        serde_json::from_str::<Value>(&out.stdout).unwrap()["results"]
            .as_array()
            .unwrap()
            .clone()
    };
    assert_eq!(
        rows(&["-c", "COUNT", "-b", "service.name", "-b", "span.kind"]),
        [
            serde_json::json!({"service.name": "backend-flask", "span.kind": "client", "COUNT": 8}),
            serde_json::json!({"service.name": "backend-flask", "span.kind": "server", "COUNT": 6}),
        ]
    );
    // Typed filters: the number 500 in OpenTelemetry's attribute and X-Ray's http block.
    assert_eq!(
        rows(&["-w", "http.status_code >= 500"]),
        [serde_json::json!({"COUNT": 2})]
    );
    // Exact percentiles: a one-span group's P99 is its duration, to the nanosecond.
    let home_ms: f64 = conn
        .query_row(
            "SELECT (end_ns - start_ns) / 1e6 FROM spans WHERE http_route = '/api/activities/home'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let by_route = rows(&[
        "-c",
        "COUNT",
        "-c",
        "P99(duration_ms)",
        "-b",
        "http.route",
        "-w",
        "http.route exists",
        "--order",
        "http.route asc",
    ]);
    assert_eq!(by_route.len(), 2);
    assert_eq!(by_route[0]["http.route"], "/api/activities/home");
    assert_eq!(by_route[0]["COUNT"], 1);
    assert!((by_route[0]["P99(duration_ms)"].as_f64().unwrap() - home_ms).abs() < 1e-9);
    assert_eq!(by_route[1]["http.route"], "/api/boom");
    let heatmap = local(&sandbox, &db, &["query", "-c", "HEATMAP(duration_ms)"]);
    assert_eq!(heatmap.code, 2, "{}", heatmap.stderr);
    assert!(
        heatmap
            .stderr
            .starts_with("error: HEATMAP is not computed locally"),
        "{}",
        heatmap.stderr
    );

    // An id it does not hold says what it does hold, and where.
    let out = local(
        &sandbox,
        &db,
        &["trace", "00000000000000000000000000000001"],
    );
    assert_eq!(out.code, 1);
    let error = out.stderr.lines().next().unwrap();
    assert!(
        error.starts_with(&format!(
            "error: trace 00000000000000000000000000000001 not found in {} (it holds spans from ",
            db.display()
        )),
        "{error}"
    );
}

#[test]
fn the_local_views_without_a_database_say_how_to_fill_one() {
    let sandbox = Sandbox::new();
    let _filters = sandbox.snapshot_filters().bind_to_scope();
    let out = crate::harness::run(sandbox.cmd().args(["local", "traces"]));
    insta::assert_snapshot!(out, @r"
    exit 1
    --- stderr
    error: there is no span database at [HOME]/.local/share/tracectl/traces.db
    hint: run `tracectl local listen` and point an app at it: OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 (OpenTelemetry) or AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:2000 (the X-Ray SDK)
    ");
    let newer = sandbox.home().join("newer.db");
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 7)
        .unwrap();
    let out = local(
        &sandbox,
        &newer,
        &["trace", "00000000000000000000000000000001"],
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.starts_with(&format!(
            "error: {} was written by a newer tracectl (schema 7; this one reads up to 4)",
            newer.display()
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn local_stats_and_prune() {
    let sandbox = Sandbox::new();
    let db = filled_database(&sandbox);
    let out = local(&sandbox, &db, &["stats", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let stats: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        (&stats["spans"], &stats["traces"]),
        (&Value::from(14), &Value::from(6))
    );
    assert_eq!(
        stats["services"],
        serde_json::json!([{"service": "backend-flask", "spans": 14, "traces": 6}])
    );
    assert!(stats["bytes"].as_u64().unwrap() > 0);
    assert!(stats["first"].as_str().unwrap() <= stats["last"].as_str().unwrap());

    let kept = local(
        &sandbox,
        &db,
        &["prune", "--older-than", "1h", "-o", "json"],
    );
    assert_eq!(kept.code, 0, "{}", kept.stderr);
    assert_eq!(
        serde_json::from_str::<Value>(&kept.stdout).unwrap(),
        serde_json::json!({"deleted": 0, "left": 14, "deleted_logs": 0, "logs_left": 0,
                           "deleted_errors": 0, "errors_left": 0})
    );
    std::thread::sleep(Duration::from_millis(1100));
    let pruned = local(&sandbox, &db, &["prune", "--older-than", "1s"]);
    assert_eq!(pruned.code, 0, "{}", pruned.stderr);
    assert_eq!(
        pruned.stdout,
        format!(
            "deleted 14 spans, 0 log lines and 0 errors older than 1s; 0 spans, 0 log lines and 0 errors left in {}\n",
            db.display()
        )
    );
    let empty = local(&sandbox, &db, &["stats"]);
    assert!(
        empty.stdout.contains("  0 spans  0 traces"),
        "{}",
        empty.stdout
    );
    assert!(
        empty.stderr.contains("hint: no spans yet"),
        "{}",
        empty.stderr
    );

    let missing = sandbox.home().join("nothing.db");
    let out = local(&sandbox, &missing, &["prune"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .starts_with("error: there is no span database at"),
        "{}",
        out.stderr
    );
    assert!(!missing.exists(), "pruning must not create a database");
}

/// One model, two engines: the Honeycomb fake's twelve known events, stored as spans, give
/// `local query` the same rows as `honeycomb query` gives from the fake, for every kind of
/// query. (Ties are ordered explicitly: neither Honeycomb nor tracectl promises their order.)
#[test]
fn local_query_and_honeycomb_query_agree_on_the_same_data() {
    use tracectl::model::span::{SpanKind, SpanRecord, SpanSource, SpanStatus};
    let fake = crate::honeycomb_fake::FakeHoneycomb::new(crate::honeycomb_fake::Options::default());
    let server = crate::harness::serve(fake.router());
    let now = jiff::Timestamp::now().as_second();
    let sandbox = Sandbox::new();
    let db = sandbox.home().join("parity.db");
    let spans: Vec<SpanRecord> = crate::honeycomb_fake::cruddur_events(now)
        .into_iter()
        .enumerate()
        .map(|(i, event)| {
            let start_ns = event["timestamp"].as_i64().unwrap() * 1_000_000_000;
            let ms = event["duration_ms"].as_f64().unwrap();
            let status = event["http.status_code"].as_i64().unwrap();
            let mut attributes = event.clone();
            for computed in ["timestamp", "duration_ms", "service.name", "error"] {
                attributes.remove(computed);
            }
            SpanRecord {
                trace_id: format!("{:032x}", i + 1),
                span_id: format!("{:016x}", i + 1),
                parent_id: None,
                service: "backend-flask".into(),
                name: format!("GET {}", event["http.route"].as_str().unwrap()),
                kind: SpanKind::Server,
                start_ns,
                end_ns: Some(start_ns + (ms * 1e6) as i64),
                status: SpanStatus::of_http(status).unwrap_or(SpanStatus::Ok),
                http_method: Some("GET".into()),
                http_route: None,
                http_url: None,
                http_status: Some(status),
                db_statement: None,
                remote_service: None,
                exceptions: Vec::new(),
                resource: Default::default(),
                attributes,
                source: SpanSource::Otlp,
                detail: Default::default(),
            }
        })
        .collect();
    let mut store = tracectl::clients::store::Store::open(&db).unwrap();
    store.insert(&spans.iter().collect::<Vec<_>>()).unwrap();
    drop(store);

    let queries: [&[&str]; 6] = [
        &[
            "-c",
            "COUNT",
            "-c",
            "P99(duration_ms)",
            "-b",
            "http.route",
            "--order",
            "COUNT desc",
            "--order",
            "http.route asc",
        ],
        &[
            "-c",
            "AVG(duration_ms)",
            "-c",
            "MAX(duration_ms)",
            "-c",
            "MIN(duration_ms)",
            "-c",
            "COUNT_DISTINCT(user.id)",
            "-c",
            "SUM(duration_ms)",
            "-b",
            "http.route",
            "--order",
            "AVG(duration_ms) desc",
        ],
        &[
            "-c",
            "COUNT",
            "-w",
            "http.status_code >= 500",
            "-b",
            "user.id",
            "--order",
            "user.id asc",
        ],
        &[
            "-c",
            "COUNT",
            "-w",
            "user.id in alice,carol",
            "-w",
            "duration_ms > 1000",
            "--any",
            "-b",
            "http.route",
            "--order",
            "http.route asc",
        ],
        &[
            "-c",
            "COUNT",
            "-c",
            "P50(duration_ms)",
            "-c",
            "P90(duration_ms)",
            "-b",
            "http.route",
            "--having",
            "COUNT > 2",
            "--order",
            "http.route asc",
        ],
        &[
            "-c",
            "COUNT",
            "-b",
            "user.id",
            "-b",
            "http.route",
            "--order",
            "user.id asc",
            "--order",
            "http.route desc",
            "-l",
            "3",
        ],
    ];
    for flags in queries {
        let mut cloud_args = vec!["query", "-d", "cruddur", "-o", "json", "--no-series"];
        cloud_args.extend_from_slice(flags);
        let cloud = crate::honeycomb::honeycomb(&server, &cloud_args);
        assert_eq!(cloud.code, 0, "{flags:?}: {}", cloud.stderr);
        let mut args = vec!["query", "-o", "json", "--no-series"];
        args.extend_from_slice(flags);
        let here = local(&sandbox, &db, &args);
        assert_eq!(here.code, 0, "{flags:?}: {}", here.stderr);
        let results = |out: &crate::harness::Output| {
            serde_json::from_str::<Value>(&out.stdout).unwrap()["results"].clone()
        };
        assert_eq!(results(&here), results(&cloud), "{flags:?}");
        assert!(
            results(&here).as_array().is_some_and(|r| !r.is_empty()),
            "{flags:?}"
        );
    }
}

/// The same segments in the X-Ray fake and in the local store give the same summary: the
/// counts and rates exactly, the latencies to the microsecond (X-Ray's precision), the
/// routes in the same order, the same traces.
#[test]
fn local_traces_and_xray_traces_agree_on_the_same_segments() {
    let now = jiff::Timestamp::now().as_second() as f64;
    let t0 = (now - 3000.0).floor();
    let traces = crate::xray_fake::flask_traffic(200, t0, t0 + 1800.0, 11);
    let fake = crate::xray_fake::FakeXray::new(crate::xray_fake::Options::default());
    let sandbox = Sandbox::new();
    let db = sandbox.home().join("parity.db");
    let mut store = tracectl::clients::store::Store::open(&db).unwrap();
    let now_ns = jiff::Timestamp::now().as_nanosecond() as i64;
    for trace in &traces {
        fake.add_trace(trace.clone());
        let records: Vec<_> = trace
            .iter()
            .flat_map(|doc| {
                tracectl::model::span::from_xray_document(doc, |_| None, now_ns)
                    .unwrap()
                    .records
            })
            .collect();
        store.insert(&records.iter().collect::<Vec<_>>()).unwrap();
    }
    drop(store);
    let server = crate::harness::serve(fake.router());
    let (start, end) = (
        format!("{}", t0 as i64 - 60),
        format!("{}", t0 as i64 + 1900),
    );
    let window = [
        "--start",
        start.as_str(),
        "--end",
        end.as_str(),
        "-o",
        "json",
        "--limit",
        "0",
    ];
    let cloud = crate::harness::run(
        sandbox
            .cmd()
            .args(["xray", "traces"])
            .args(window)
            .args(["--endpoint-url", &format!("http://{}", server.addr)]),
    );
    assert_eq!(cloud.code, 0, "{}", cloud.stderr);
    let mut args = vec!["traces"];
    args.extend_from_slice(&window);
    let here = local(&sandbox, &db, &args);
    assert_eq!(here.code, 0, "{}", here.stderr);
    let (cloud, here): (Value, Value) = (
        serde_json::from_str(&cloud.stdout).unwrap(),
        serde_json::from_str(&here.stdout).unwrap(),
    );
    let close = |a: &Value, b: &Value, what: &str| {
        let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
        assert!((a - b).abs() < 1e-6, "{what}: {a} vs {b}");
    };
    for count in ["traces", "errors", "faults", "throttles"] {
        assert_eq!(here["summary"][count], cloud["summary"][count], "{count}");
    }
    assert_eq!(here["summary"]["traces"], 200);
    for p in ["p50", "p90", "p99", "max"] {
        close(
            &here["summary"]["response_time"][p],
            &cloud["summary"]["response_time"][p],
            p,
        );
    }
    let (routes_here, routes_cloud) = (
        here["routes"].as_array().unwrap(),
        cloud["routes"].as_array().unwrap(),
    );
    assert_eq!(routes_here.len(), routes_cloud.len());
    for (h, c) in routes_here.iter().zip(routes_cloud) {
        for field in ["method", "route", "count", "errors", "faults"] {
            assert_eq!(h[field], c[field], "{field} of {c}");
        }
        close(&h["p50"], &c["p50"], "route p50");
        close(&h["p99"], &c["p99"], "route p99");
    }
    let ids = |report: &Value| -> std::collections::BTreeSet<String> {
        report["traces"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                let id = t["id"].as_str().unwrap();
                id.strip_prefix("1-").unwrap_or(id).replace('-', "")
            })
            .collect()
    };
    assert_eq!(ids(&here), ids(&cloud));

    // And one trace's waterfall tree, from either side: names, nesting, timing to the
    // microsecond, HTTP status, SQL, error flags, exceptions.
    let faulty = traces
        .iter()
        .find(|t| t[0]["fault"] == true)
        .expect("the traffic has a fault");
    let id = faulty[0]["trace_id"].as_str().unwrap();
    let cloud = crate::harness::run(
        sandbox
            .cmd()
            .args(["xray", "trace", id, "-o", "json"])
            .args(["--endpoint-url", &format!("http://{}", server.addr)]),
    );
    assert_eq!(cloud.code, 0, "{}", cloud.stderr);
    let here = local(&sandbox, &db, &["trace", id, "-o", "json"]);
    assert_eq!(here.code, 0, "{}", here.stderr);
    fn shape(span: &Value, out: &mut Vec<String>, depth: usize) {
        let micros = |v: &Value| {
            v.as_str()
                .map(|t| t.parse::<jiff::Timestamp>().unwrap().as_microsecond())
        };
        out.push(format!(
            "{depth} {} {:?} {:?} {} {} {} {} {}",
            span["name"],
            micros(&span["start"]),
            micros(&span["end"]),
            span["http"]["status"],
            span["sql"],
            span["error"],
            span["fault"],
            span["exceptions"]
        ));
        for child in span["children"].as_array().into_iter().flatten() {
            shape(child, out, depth + 1);
        }
    }
    let tree = |out: &crate::harness::Output| {
        let doc: Value = serde_json::from_str(&out.stdout).unwrap();
        let mut lines = Vec::new();
        for root in doc["spans"].as_array().unwrap() {
            shape(root, &mut lines, 0);
        }
        lines
    };
    let (here, cloud) = (tree(&here), tree(&cloud));
    assert_eq!(here, cloud);
    assert!(
        here.len() >= 3 && here[0].contains("OperationalError"),
        "{here:?}"
    );
}

/// What the OpenTelemetry SDK sends beyond the tree (events, links, an ERROR status with
/// its message, a client call answered 409, route templates) reaches every view: the
/// waterfall draws it, `local trace -o json` has every field, `local traces` groups by
/// the route the app matched, not by each URL.
#[test]
fn events_links_status_and_routes_from_the_sdk_reach_the_views() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    let lines = flask_app(
        "otlp-http",
        &[
            (
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                format!("http://127.0.0.1:{}", listener.http),
            ),
            (
                "APP_PATHS",
                "/api/inventory/sku-0/reserve,/api/inventory/sku-1/reserve".into(),
            ),
        ],
    );
    assert_eq!(statuses(&lines), [409, 409]);
    wait_for_spans(&listener.db, 4);
    let db = listener.db.clone();
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");

    // Grouped by the route template: one row for both SKUs.
    let out = local(&sandbox, &db, &["traces", "--since", "15m", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let routes: Vec<(&str, &str, i64, i64)> = report["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["method"].as_str().unwrap(),
                r["route"].as_str().unwrap(),
                r["count"].as_i64().unwrap(),
                r["errors"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(routes, [("GET", "/api/inventory/<sku>/reserve", 2, 2)]);
    let out = local(
        &sandbox,
        &db,
        &["traces", "--since", "15m", "--color", "never"],
    );
    assert!(
        out.stdout.lines().any(|l| l
            .trim_start()
            .starts_with("GET /api/inventory/<sku>/reserve")),
        "{}",
        out.stdout
    );

    let conn = rusqlite::Connection::open(&db).unwrap();
    let trace_id: String = conn
        .query_row(
            "SELECT trace_id FROM spans WHERE http_url LIKE '%sku-1%' AND parent_id IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();

    // Every field of the span in JSON.
    let out = local(&sandbox, &db, &["trace", &trace_id, "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let tree: Value = serde_json::from_str(&out.stdout).unwrap();
    let root = &tree["spans"][0];
    assert_eq!(
        (
            &root["name"],
            &root["service"],
            &root["kind"],
            &root["source"],
            &root["http_route"],
            &root["status_message"],
            &root["attributes"]["http.route"],
            &root["resource"]["service.name"],
        ),
        (
            &Value::from("GET /api/inventory/<sku>/reserve"),
            &Value::from("backend-flask"),
            &Value::from("server"),
            &Value::from("otlp"),
            &Value::from("/api/inventory/<sku>/reserve"),
            &Value::from("sku-1 is out of stock"),
            &Value::from("/api/inventory/<sku>/reserve"),
            &Value::from("backend-flask"),
        )
    );
    assert_eq!(root["events"][0]["name"], "stock.checked");
    assert_eq!(
        root["events"][0]["attributes"],
        serde_json::json!({"sku": "sku-1", "left": 0})
    );
    assert_eq!(
        (
            &root["links"][0]["trace_id"],
            &root["links"][0]["span_id"],
            &root["links"][0]["attributes"]["link.reason"]
        ),
        (
            &Value::from("b0".repeat(16)),
            &Value::from("c0".repeat(8)),
            &Value::from("basket")
        )
    );
    let client = &root["children"][0];
    assert_eq!(
        (
            &client["name"],
            &client["kind"],
            &client["error"],
            &client["http"]["status"]
        ),
        (
            &Value::from("POST"),
            &Value::from("client"),
            &Value::from(true),
            &Value::from(409)
        )
    );

    // The waterfall draws the event under its span, the status message under the tree,
    // and marks the 409 call as an error before its (long) URL.
    let out = local(&sandbox, &db, &["trace", &trace_id, "--color", "never"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let at = |prefix: &str| {
        lines
            .iter()
            .position(|l| l.trim_start().starts_with(prefix))
            .unwrap_or_else(|| panic!("no line starting {prefix:?}:\n{}", out.stdout))
    };
    let root_row = at("GET /api/inventory/<sku>/rese…");
    let event = at("· stock.checked +");
    let client_row = at("└─ POST");
    assert_eq!(
        (event, client_row),
        (root_row + 1, root_row + 2),
        "{}",
        out.stdout
    );
    assert!(
        lines[event].ends_with("sku=sku-1 left=0"),
        "{}",
        lines[event]
    );
    assert!(
        lines[client_row].contains(" 409 error http://127.0.0.1:"),
        "{}",
        lines[client_row]
    );
    assert!(
        lines.contains(&" ! sku-1 is out of stock   (GET /api/inventory/<sku>/reserve)"),
        "{}",
        out.stdout
    );
}

fn text_attribute(key: &str, value: &str) -> KeyValue {
    KeyValue {
        key: key.into(),
        value: Some(AnyValue {
            value: Some(any_value::Value::StringValue(value.into())),
        }),
        ..Default::default()
    }
}

/// Names, routes and services are the app's (or anyone's who can reach the port): in every
/// view they are shown escaped, so an SGR code cannot hide the rest of a line and a line
/// feed cannot forge a request row.
#[tokio::test(flavor = "multi_thread")]
async fn hostile_names_are_shown_never_obeyed_in_every_view() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    let hostile = "\u{1b}[8mhidden\nGET /forged 200";
    let mut root = otlp_span(7, 1, hostile);
    root.attributes = vec![
        text_attribute("http.request.method", "GET"),
        text_attribute("http.route", &format!("/api/{hostile}")),
    ];
    let mut child = otlp_span(7, 2, hostile);
    child.parent_span_id = vec![1; 8];
    child.kind = 3;
    child.attributes = vec![text_attribute("peer.service", hostile)];
    let mut request = otlp_request(vec![root, child]);
    request.resource_spans[0]
        .resource
        .as_mut()
        .unwrap()
        .attributes = vec![text_attribute("service.name", hostile)];
    #[allow(clippy::disallowed_methods)] // the test's own client, a sender like an SDK
    let sent = reqwest::Client::new()
        .post(format!("http://127.0.0.1:{}/v1/traces", listener.http))
        .header("content-type", "application/x-protobuf")
        .body(request.encode_to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 200);
    wait_for_spans(&listener.db, 2);
    let db = listener.db.clone();
    let (code, live, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");

    let shown = "\\x1b[8mhidden\\nGET /forged 200";
    let trace_id = "07".repeat(16);
    let views: [&[&str]; 5] = [
        &["traces", "--since", "15m"],
        &["services", "--since", "15m"],
        &["stats"],
        &["query", "--since", "15m", "-c", "COUNT", "-b", "name"],
        &["trace", &trace_id],
    ];
    for args in views {
        let mut full = args.to_vec();
        full.extend(["--color", "never"]);
        let out = local(&sandbox, &db, &full);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(!out.stdout.contains('\u{1b}'), "{args:?}: {:?}", out.stdout);
        assert!(
            !out.stdout.lines().any(|l| l.starts_with("GET /forged")),
            "{args:?}: {}",
            out.stdout
        );
        assert!(out.stdout.contains(shown), "{args:?}: {}", out.stdout);
    }
    // The live line too (already so; kept here with the views).
    assert!(!live.contains('\u{1b}') && live.contains(shown), "{live:?}");
}

/// The request line waits a moment for the rest of its trace: spans of the same trace
/// that arrive in a later export (another service's) are counted.
#[tokio::test(flavor = "multi_thread")]
async fn the_request_line_counts_spans_that_arrive_after_the_root() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    #[allow(clippy::disallowed_methods)] // the test's own client, a sender like an SDK
    let http = reqwest::Client::new();
    let url = format!("http://127.0.0.1:{}/v1/traces", listener.http);
    let send = |spans: Vec<Span>| {
        http.post(&url)
            .header("content-type", "application/x-protobuf")
            .body(otlp_request(spans).encode_to_vec())
            .send()
    };
    let mut root = otlp_span(9, 1, "GET /checkout");
    root.attributes = vec![text_attribute("http.request.method", "GET")];
    let mut first = otlp_span(9, 2, "SELECT");
    first.parent_span_id = vec![1; 8];
    assert_eq!(send(vec![root, first]).await.unwrap().status(), 200);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut late = otlp_span(9, 3, "POST /charge");
    late.parent_span_id = vec![1; 8];
    assert_eq!(send(vec![late]).await.unwrap().status(), 200);
    wait_for_spans(&listener.db, 3);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (code, stdout, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(
        lines[0].contains("  3 spans  ") && lines[0].ends_with(&"09".repeat(16)),
        "{stdout}"
    );
    // It starts with the root's start time, HH:MM:SS.mmm.
    let time: Vec<char> = lines[0].chars().take(14).collect();
    let digit = |i: usize| time[i].is_ascii_digit();
    assert!(
        [0, 1, 3, 4, 6, 7, 9, 10, 11].into_iter().all(digit)
            && (time[2], time[5], time[8]) == (':', ':', '.')
            && time[12..] == [' ', ' '],
        "{stdout}"
    );
}

/// A gRPC export over the message limit is refused with INVALID_ARGUMENT, which the
/// exporters do not retry (OUT_OF_RANGE, tonic's own answer, is retried for ever by the
/// OTLP exporters). Sent by the gRPC library the Python exporter uses, through the OTLP
/// protobuf stubs it ships; a small export on the same channel is stored afterwards.
#[test]
fn a_grpc_message_over_the_limit_is_invalid_argument_not_retried() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    let script = r#"
import sys, grpc
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2 as svc
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2_grpc as stubs
from opentelemetry.proto.trace.v1 import trace_pb2

def export(name, size):
    span = trace_pb2.Span(trace_id=bytes([5] * 16), span_id=bytes([len(name)] * 8), name=name,
                          start_time_unix_nano=int(sys.argv[2]), end_time_unix_nano=int(sys.argv[2]) + 1000)
    span.attributes.add(key="blob").value.string_value = "x" * size
    request = svc.ExportTraceServiceRequest()
    request.resource_spans.add().scope_spans.add().spans.append(span)
    try:
        stub.Export(request, timeout=10)
        return "OK"
    except grpc.RpcError as e:
        return e.code().name

channel = grpc.insecure_channel(sys.argv[1], options=[("grpc.max_send_message_length", -1)])
stub = stubs.TraceServiceStub(channel)
print(export("too big", 17 * 1024 * 1024))
print(export("small", 10))
"#;
    let out = Command::new(crate::python::venv().join("bin/python"))
        .arg("-c")
        .arg(script)
        .arg(format!("127.0.0.1:{}", listener.grpc))
        .arg((now_ns() - 1_000_000).to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "INVALID_ARGUMENT\nOK\n"
    );
    wait_for_spans(&listener.db, 1);
    let db = listener.db.clone();
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stored_names(&db), ["small"]);
}

/// UDP cannot be acknowledged, so what an unpaced flood loses is counted where it is lost:
/// every datagram sent is stored, dropped by the listener, or named in the totals as
/// dropped by the kernel. Nothing is lost without a word, and nothing is stored twice.
#[test]
fn an_xray_flood_is_stored_or_counted_as_dropped_to_the_datagram() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    const SENT: u64 = 60_000;
    let udp = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let start = now_ns() as f64 / 1e9 - 1.0;
    for i in 0..SENT {
        let datagram = format!(
            "{{\"format\": \"json\", \"version\": 1}}\n{{\"name\":\"flood\",\"id\":\"{:016x}\",\"trace_id\":\"1-6b04d9b5-{:024x}\",\"start_time\":{start},\"end_time\":{}}}",
            i + 1,
            i + 1,
            start + 0.001
        );
        udp.send_to(datagram.as_bytes(), ("127.0.0.1", listener.xray))
            .unwrap();
    }
    // Wait until the count stops moving: whatever was read has been stored.
    let count = |db: &Path| -> u64 {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row("SELECT count(*) FROM spans", [], |r| r.get::<_, i64>(0))
            .unwrap() as u64
    };
    let mut last = u64::MAX;
    while count(&listener.db) != last {
        last = count(&listener.db);
        std::thread::sleep(Duration::from_millis(700));
    }
    let db = listener.db.clone();
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    let stored = count(&db);
    let totals = stderr
        .lines()
        .find(|l| l.starts_with("received "))
        .unwrap_or_else(|| panic!("{stderr}"));
    // The number after `label` in the totals line ("stored 31,301,"), 0 when absent.
    let after = |label: &str| -> u64 {
        totals.split_once(label).map_or(0, |(_, rest)| {
            let digits: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',')
                .filter(char::is_ascii_digit)
                .collect();
            digits.parse().unwrap()
        })
    };
    // The number before `label` ("28,699 X-Ray datagrams dropped by the kernel").
    let before = |label: &str| -> u64 {
        totals.split_once(label).map_or(0, |(head, _)| {
            let word = head.rsplit(' ').next().unwrap();
            word.replace(',', "").parse().unwrap()
        })
    };
    let (received, in_totals, dropped, kernel) = (
        after("received "),
        after("stored "),
        after("dropped "),
        before(" X-Ray datagrams dropped by the kernel"),
    );
    assert_eq!(in_totals, stored, "{totals}");
    assert_eq!(received, stored + dropped, "{totals}");
    assert_eq!(stored + dropped + kernel, SENT, "{totals}");
}

/// Acknowledged means stored: four senders export as fast as they can, the listener is
/// killed with SIGKILL at a moment of the burst, and every span that was answered 200 is
/// in the database. Three times over one database (each start finds the last one's file,
/// its lock released by the kernel).
#[tokio::test(flavor = "multi_thread")]
async fn every_acknowledged_span_survives_a_kill_9() {
    let sandbox = Sandbox::new();
    let mut acknowledged = std::collections::BTreeSet::new();
    let mut db = PathBuf::new();
    for (round, kill_after_ms) in [(0u8, 700u64), (1, 1100), (2, 1500)] {
        let mut listener = Listener::start(&sandbox, &[]);
        db = listener.db.clone();
        let url = format!("http://127.0.0.1:{}/v1/traces", listener.http);
        let mut senders = Vec::new();
        for sender in 0..4u8 {
            let url = url.clone();
            senders.push(tokio::spawn(async move {
                #[allow(clippy::disallowed_methods)] // the test's own client, like an SDK's
                let http = reqwest::Client::new();
                let mut acked = Vec::new();
                for request in 0u16.. {
                    let ids: Vec<String> = (0..64u16)
                        .map(|i| format!("{round:02x}{sender:02x}{request:04x}{i:04x}0001"))
                        .collect();
                    let spans = ids
                        .iter()
                        .map(|id| {
                            let mut span = otlp_span(1, 1, "burst");
                            span.trace_id = hex::decode(format!("{id}{id}")).unwrap();
                            span.span_id = hex::decode(id).unwrap();
                            span
                        })
                        .collect();
                    let body = otlp_request(spans).encode_to_vec();
                    match http
                        .post(&url)
                        .header("content-type", "application/x-protobuf")
                        .body(body)
                        .send()
                        .await
                    {
                        Ok(answer) if answer.status() == 200 => acked.extend(ids),
                        Ok(_) => tokio::time::sleep(Duration::from_millis(50)).await,
                        Err(_) => break, // the listener is gone
                    }
                }
                acked
            }));
        }
        tokio::time::sleep(Duration::from_millis(kill_after_ms)).await;
        listener.child.kill().unwrap();
        listener.child.wait().unwrap();
        for sender in senders {
            acknowledged.extend(sender.await.unwrap());
        }
    }
    let stored = stored_span_ids(&db, "otlp");
    let missing: Vec<&String> = acknowledged.difference(&stored).collect();
    assert!(
        acknowledged.len() > 1000,
        "{} acknowledged",
        acknowledged.len()
    );
    assert!(
        missing.is_empty(),
        "{} acknowledged spans missing, e.g. {:?}",
        missing.len(),
        &missing[..missing.len().min(3)]
    );
}

/// A damaged file is a read failure, said as one: what could not be read, what to do, and
/// SQLite's own words underneath (it was filed as "cannot write", hinting at a writable
/// place).
#[test]
fn a_damaged_database_says_cannot_read_and_why() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    listener.app("otlp-http", 3);
    let db = listener.db.clone();
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    let mut bytes = std::fs::read(&db).unwrap();
    assert!(bytes.len() > 8192, "{} bytes", bytes.len());
    // Every page but the first (the header and the schema) overwritten.
    bytes[4096..].fill(0xA5);
    std::fs::write(&db, &bytes).unwrap();
    for suffix in ["-wal", "-shm"] {
        let mut side = db.clone().into_os_string();
        side.push(suffix);
        let _ = std::fs::remove_file(side);
    }
    let _filters = sandbox.snapshot_filters().bind_to_scope();
    let out = local(&sandbox, &db, &["stats"]);
    insta::assert_snapshot!(out, @r"
    exit 1
    --- stderr
    error: cannot read the span database [HOME]/data/traces.db
    hint: the file may be damaged or unreadable to you; check its permissions, or use another with --db PATH
    caused by: database disk image is malformed
    ");
}
