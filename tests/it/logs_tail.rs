//! `logs tail` against moto_server, directly and through a fault-injecting proxy. Every test
//! asserts on the exact multiset of messages: nothing lost, nothing repeated.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::process::Stdio;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use serde_json::Value;

use crate::harness::{Output, Sandbox, run};
use crate::logs::{create_group, put, seed_client};
use crate::python::Moto;

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// The NDJSON records of an output, parsed.
fn records(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad NDJSON line ({e}): {l}")))
        .collect()
}

fn counts<'a>(messages: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for msg in messages {
        *m.entry(msg.to_string()).or_insert(0) += 1;
    }
    m
}

/// Every expected message exactly once, and nothing else.
fn assert_exactly_once(printed: &[Value], expected: &[String]) {
    let got = counts(printed.iter().map(|r| r["message"].as_str().unwrap()));
    let want = counts(expected.iter().map(String::as_str));
    let repeated: Vec<_> = got
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(m, _)| m)
        .take(5)
        .collect();
    let missing: Vec<_> = want
        .keys()
        .filter(|m| !got.contains_key(*m))
        .take(5)
        .collect();
    let extra: Vec<_> = got
        .keys()
        .filter(|m| !want.contains_key(*m))
        .take(5)
        .collect();
    assert!(
        repeated.is_empty() && missing.is_empty() && extra.is_empty(),
        "repeated {repeated:?}, missing {} (first {missing:?}), extra {extra:?}",
        want.keys().filter(|m| !got.contains_key(*m)).count()
    );
    assert_eq!(printed.len(), expected.len());
}

fn assert_time_ordered(printed: &[Value]) {
    let times: Vec<&str> = printed
        .iter()
        .map(|r| r["timestamp"].as_str().unwrap())
        .collect();
    let parsed: Vec<jiff::Timestamp> = times.iter().map(|t| t.parse().unwrap()).collect();
    assert!(
        parsed.windows(2).all(|w| w[0] <= w[1]),
        "events out of order"
    );
}

fn tail(sandbox: &Sandbox, endpoint: &str, args: &[&str]) -> Output {
    run(sandbox
        .cmd()
        .env("AWS_ENDPOINT_URL", endpoint)
        .args(["logs", "tail"])
        .args(args))
}

#[tokio::test(flavor = "multi_thread")]
async fn every_event_once_in_order_across_pages_streams_and_groups() {
    let moto = Moto::start();
    let client = seed_client(&moto);
    create_group(&client, "/cruddur/backend-flask").await;
    create_group(&client, "/cruddur/frontend").await;
    let base = now_ms() - 50 * 60_000;
    let mut expected = Vec::new();
    // 3 streams x 7,000 events: more than one 10,000-event page, spread over 50 minutes.
    for s in 0..3 {
        let events: Vec<(i64, String)> = (0..7000)
            .map(|i| (base + i * 420 + s, format!("flask s{s} #{i}")))
            .collect();
        expected.extend(events.iter().map(|(_, m)| m.clone()));
        put(
            &client,
            "/cruddur/backend-flask",
            &format!("i-000{s}/backend-flask"),
            &events,
        )
        .await;
    }
    let front: Vec<(i64, String)> = (0..500)
        .map(|i| (base + i * 5000 + 7, format!("frontend #{i}")))
        .collect();
    expected.extend(front.iter().map(|(_, m)| m.clone()));
    put(&client, "/cruddur/frontend", "web-1", &front).await;
    // Outside the window: must not appear.
    put(
        &client,
        "/cruddur/frontend",
        "web-1",
        &[(base - 3 * 3_600_000, "three hours ago".to_string())],
    )
    .await;

    let sandbox = Sandbox::new();
    let out = tail(
        &sandbox,
        &moto.endpoint,
        &[
            "/cruddur/backend-flask",
            "/cruddur/frontend",
            "--since",
            "1h",
            "-o",
            "json",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let printed = records(&out.stdout);
    assert_exactly_once(&printed, &expected);
    assert_time_ordered(&printed);
    let first = &printed[0];
    assert_eq!(first["group"], "/cruddur/backend-flask");
    assert_eq!(first["stream"], "i-0000/backend-flask");
    assert_eq!(first["message"], "flask s0 #0");

    // A GROUP* prefix finds both groups: the same events.
    let prefixed = tail(
        &sandbox,
        &moto.endpoint,
        &["/cruddur/*", "--since", "1h", "--format", "json"],
    );
    assert_exactly_once(&records(&prefixed.stdout), &expected);

    // A group named twice, or named and matched by a prefix, is one group: each event once.
    for args in [
        &[
            "/cruddur/frontend",
            "/cruddur/backend-flask",
            "/cruddur/frontend",
        ][..],
        &["/cruddur/frontend", "/cruddur/*"][..],
    ] {
        let mut full = args.to_vec();
        full.extend(["--since", "1h", "-o", "json"]);
        let twice = tail(&sandbox, &moto.endpoint, &full);
        assert_eq!(twice.code, 0, "{args:?}: {}", twice.stderr);
        assert_exactly_once(&records(&twice.stdout), &expected);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn filters_streams_until_and_max_events() {
    let moto = Moto::start();
    let client = seed_client(&moto);
    create_group(&client, "/app").await;
    let base = now_ms() - 20 * 60_000;
    let a: Vec<(i64, String)> = (0..20)
        .map(|i| {
            (
                base + i * 60_000,
                format!("{} a{i}", if i % 5 == 0 { "ERROR" } else { "INFO" }),
            )
        })
        .collect();
    let b: Vec<(i64, String)> = (0..20)
        .map(|i| (base + i * 60_000 + 1, format!("INFO b{i}")))
        .collect();
    put(&client, "/app", "api-1", &a).await;
    put(&client, "/app", "worker-1", &b).await;
    let sandbox = Sandbox::new();
    let messages = |out: &Output| {
        records(&out.stdout)
            .iter()
            .map(|r| r["message"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };

    let errors = tail(
        &sandbox,
        &moto.endpoint,
        &["/app", "--since", "30m", "--filter", "ERROR", "-o", "json"],
    );
    assert_eq!(
        messages(&errors),
        ["ERROR a0", "ERROR a5", "ERROR a10", "ERROR a15"]
    );

    let prefix = tail(
        &sandbox,
        &moto.endpoint,
        &[
            "/app",
            "--since",
            "30m",
            "--stream-prefix",
            "work",
            "-o",
            "json",
        ],
    );
    assert_eq!(
        messages(&prefix),
        (0..20).map(|i| format!("INFO b{i}")).collect::<Vec<_>>()
    );

    let named = tail(
        &sandbox,
        &moto.endpoint,
        &["/app", "--since", "30m", "--stream", "api-1", "-o", "json"],
    );
    assert_eq!(messages(&named).len(), 20);
    assert!(messages(&named).iter().all(|m| m.contains(" a")));

    let until = jiff::Timestamp::from_millisecond(base + 2 * 60_000)
        .unwrap()
        .to_string();
    let bounded = tail(
        &sandbox,
        &moto.endpoint,
        &["/app", "--since", "30m", "--until", &until, "-o", "json"],
    );
    // The end is inclusive to the millisecond: a2 is at the bound, b2 one ms after it.
    assert_eq!(
        messages(&bounded),
        ["ERROR a0", "INFO b0", "INFO a1", "INFO b1", "INFO a2"]
    );

    let capped = tail(
        &sandbox,
        &moto.endpoint,
        &[
            "/app",
            "--since",
            "30m",
            "--max-events",
            "3",
            "--format",
            "raw",
        ],
    );
    assert_eq!(capped.stdout, "ERROR a0\nINFO b0\nINFO a1\n");

    let missing = tail(&sandbox, &moto.endpoint, &["/ap", "--since", "30m"]);
    assert_eq!(missing.code, 1);
    assert_eq!(
        missing.stderr,
        "error: log group /ap not found in us-east-1\nhint: did you mean /app? (tracectl logs groups lists them)\n"
    );
}

/// Runs `tracectl logs tail ... --follow` in the background, collecting its stdout lines.
struct Follower {
    child: std::process::Child,
    lines: Arc<Mutex<Vec<String>>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Follower {
    fn start(sandbox: &Sandbox, endpoint: &str, args: &[&str]) -> Self {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_tracectl"));
        // The same clean environment as every other test, on a process we can stream from.
        let template = sandbox.cmd();
        cmd.env_clear();
        for (k, v) in template.get_envs() {
            if let Some(v) = v {
                cmd.env(k, v);
            }
        }
        cmd.current_dir(sandbox.home())
            .env("AWS_ENDPOINT_URL", endpoint)
            .args(["logs", "tail", "--follow"])
            .args(args);
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = lines.clone();
        let reader = std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines() {
                sink.lock().unwrap().push(line.unwrap());
            }
        });
        Follower {
            child,
            lines,
            reader: Some(reader),
        }
    }

    fn wait_for_lines(&self, n: usize, within: Duration) {
        let deadline = Instant::now() + within;
        while self.lines.lock().unwrap().len() < n {
            assert!(
                Instant::now() < deadline,
                "only {} of {n} lines within {within:?}",
                self.lines.lock().unwrap().len()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the process to end by itself (bounded), then returns its lines.
    fn finish(mut self, within: Duration) -> (Option<i32>, Vec<Value>) {
        let deadline = Instant::now() + within;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "follow did not stop by itself; printed {:?}",
                    self.lines.lock().unwrap()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        self.reader.take().unwrap().join().unwrap();
        let lines = self.lines.lock().unwrap().clone();
        (status.code(), records(&lines.join("\n")))
    }
}

impl Drop for Follower {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// A second Watchtower instance flushes a minute late: its events carry timestamps up to a
/// minute older than events already printed. With default flags, each appears once.
async fn late_events_scenario(endpoint: &str, moto: &Moto) {
    let client = seed_client(moto);
    create_group(&client, "/cruddur/backend-flask").await;
    let t0 = now_ms();
    let early: Vec<(i64, String)> = (0..5)
        .map(|i| (t0 - 20_000 + i * 1000, format!("instance-0 early #{i}")))
        .collect();
    put(
        &client,
        "/cruddur/backend-flask",
        "i-0000/backend-flask",
        &early,
    )
    .await;

    let total = 5 + 5 + 30 + 5;
    let sandbox = Sandbox::new();
    let max = total.to_string();
    let follower = Follower::start(
        &sandbox,
        endpoint,
        &[
            "/cruddur/backend-flask",
            "--since",
            "2m",
            "-o",
            "json",
            "--poll",
            "300ms",
            "--max-events",
            &max,
        ],
    );
    follower.wait_for_lines(5, Duration::from_secs(60));

    // Newer events from instance 0, printed first...
    let newer: Vec<(i64, String)> = (0..5)
        .map(|i| (now_ms() + i, format!("instance-0 newer #{i}")))
        .collect();
    put(
        &client,
        "/cruddur/backend-flask",
        "i-0000/backend-flask",
        &newer,
    )
    .await;
    follower.wait_for_lines(10, Duration::from_secs(60));
    // ...then instance 1's buffered minute arrives, 60 s to 30 s older than what was printed.
    let now = now_ms();
    let late: Vec<(i64, String)> = (0..30)
        .map(|i| (now - 60_000 + i * 1000, format!("instance-1 late #{i}")))
        .collect();
    put(
        &client,
        "/cruddur/backend-flask",
        "i-0001/backend-flask",
        &late,
    )
    .await;
    follower.wait_for_lines(40, Duration::from_secs(60));
    let last: Vec<(i64, String)> = (0..5)
        .map(|i| (now_ms() + i, format!("instance-0 last #{i}")))
        .collect();
    put(
        &client,
        "/cruddur/backend-flask",
        "i-0000/backend-flask",
        &last,
    )
    .await;

    // --max-events ends it: a repeat would end it early and lose one of the expected below.
    let (code, printed) = follower.finish(Duration::from_secs(90));
    assert_eq!(code, Some(0));
    let expected: Vec<String> = [early, newer, late, last]
        .concat()
        .into_iter()
        .map(|(_, m)| m)
        .collect();
    assert_exactly_once(&printed, &expected);
}

#[tokio::test(flavor = "multi_thread")]
async fn follow_shows_late_events_once_with_default_flags() {
    let moto = Moto::start();
    late_events_scenario(&moto.endpoint, &moto).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn follow_ends_at_until_and_idle_timeout() {
    let moto = Moto::start();
    let client = seed_client(&moto);
    create_group(&client, "/g").await;
    put(&client, "/g", "s", &[(now_ms() - 1000, "one".to_string())]).await;
    let sandbox = Sandbox::new();
    // A poll every 10 minutes: the timeout is watched during the wait between polls too
    // (before, it was looked at only after the next poll).
    let idle = Follower::start(
        &sandbox,
        &moto.endpoint,
        &[
            "/g",
            "--since",
            "1m",
            "-o",
            "json",
            "--poll",
            "10m",
            "--idle-timeout",
            "1s",
        ],
    );
    let (code, printed) = idle.finish(Duration::from_secs(30));
    assert_eq!((code, printed.len()), (Some(0), 1));

    let until = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_secs(2))
        .unwrap()
        .to_string();
    let bounded = Follower::start(
        &sandbox,
        &moto.endpoint,
        &[
            "/g", "--since", "1m", "-o", "json", "--poll", "200ms", "--until", &until,
        ],
    );
    let (code, printed) = bounded.finish(Duration::from_secs(30));
    assert_eq!((code, printed.len()), (Some(0), 1));
}

/// Faults the proxy injects into FilterLogEvents calls, in turn.
#[derive(Debug, Clone, Copy)]
enum Fault {
    Pass,
    Throttle,
    ServerError,
    Drop,
    Slow,
    /// `{"events": [], "nextToken": ...}`: a page with nothing on it that is not the end.
    EmptyPage,
}

/// Tokens of the empty pages the proxy makes up start with this; the rest is the real token.
const EMPTY_PAGE_TOKEN: &str = "proxy-empty-page:";

const SCHEDULE: [Fault; 8] = [
    Fault::Pass,
    Fault::Throttle,
    Fault::EmptyPage,
    Fault::ServerError,
    Fault::Drop,
    Fault::Pass,
    Fault::Slow,
    Fault::Pass,
];

struct FaultProxy {
    endpoint: String,
    faults: Arc<AtomicU32>,
    filter_calls: Arc<AtomicU32>,
    _server: crate::harness::Background,
}

/// A proxy in front of moto that breaks FilterLogEvents calls by the schedule, and answers
/// a filter pattern of `[bad` the way CloudWatch does (moto accepts anything).
fn fault_proxy(upstream: &str) -> FaultProxy {
    let faults = Arc::new(AtomicU32::new(0));
    let filter_calls = Arc::new(AtomicU32::new(0));
    #[allow(clippy::disallowed_methods)] // a test proxy, not tracectl's own client
    let http = reqwest::Client::new();
    let upstream = upstream.to_string();
    let counters = (faults.clone(), filter_calls.clone());
    let repeated: Arc<Mutex<std::collections::HashSet<String>>> = Arc::default();
    let app = Router::new().fallback(
        move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let (http, upstream, (faults, calls)) =
                (http.clone(), upstream.clone(), counters.clone());
            let repeated_once = repeated.clone();
            async move {
                let target = headers
                    .get("x-amz-target")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_string();
                let mut body = body;
                if target.ends_with("FilterLogEvents") {
                    let mut request: Value = serde_json::from_slice(&body).unwrap();
                    let made_up = request["nextToken"]
                        .as_str()
                        .and_then(|t| t.strip_prefix(EMPTY_PAGE_TOKEN))
                        .map(str::to_string);
                    if let Some(real) = made_up {
                        let token = request["nextToken"].as_str().unwrap_or("").to_string();
                        // The first follow-up gets the same empty page and the same token
                        // again, as CloudWatch may answer: only a missing token is the end.
                        if repeated_once.lock().unwrap().insert(token.clone()) {
                            return empty_page(&token);
                        }
                        // The second: restore the real token and pass it on.
                        let fields = request.as_object_mut().unwrap();
                        if real.is_empty() {
                            fields.remove("nextToken");
                        } else {
                            fields.insert("nextToken".into(), Value::from(real));
                        }
                        body = Bytes::from(request.to_string());
                    } else if request["filterPattern"] == "[bad" {
                        return aws_error(
                            StatusCode::BAD_REQUEST,
                            "InvalidParameterException",
                            "Invalid filter pattern: unbalanced bracket in [bad",
                        );
                    }
                    let n = calls.fetch_add(1, Ordering::SeqCst) as usize;
                    let fault = SCHEDULE[n % SCHEDULE.len()];
                    if !matches!(fault, Fault::Pass | Fault::Slow) {
                        faults.fetch_add(1, Ordering::SeqCst);
                    }
                    match fault {
                        Fault::Throttle => {
                            return aws_error(
                                StatusCode::BAD_REQUEST,
                                "ThrottlingException",
                                "Rate exceeded",
                            );
                        }
                        Fault::ServerError => {
                            return aws_error(
                                StatusCode::SERVICE_UNAVAILABLE,
                                "ServiceUnavailableException",
                                "try again",
                            );
                        }
                        Fault::Drop => {
                            // Headers, then the connection breaks mid-body.
                            let broken = futures::stream::once(async {
                                Err::<Bytes, std::io::Error>(std::io::Error::other("dropped"))
                            });
                            return Response::builder()
                                .status(200)
                                .header("content-length", "1000")
                                .body(Body::from_stream(broken))
                                .unwrap();
                        }
                        Fault::Slow => tokio::time::sleep(Duration::from_millis(700)).await,
                        Fault::EmptyPage => {
                            return empty_page(&format!(
                                "{EMPTY_PAGE_TOKEN}{}",
                                request["nextToken"].as_str().unwrap_or("")
                            ));
                        }
                        Fault::Pass => {}
                    }
                }
                let mut forward = http.request(method, format!("{upstream}{uri}")).body(body);
                for (k, v) in &headers {
                    if k != "host" && k != "content-length" {
                        forward = forward.header(k, v);
                    }
                }
                let answer = forward.send().await.unwrap();
                let mut response = Response::builder().status(answer.status().as_u16());
                for (k, v) in answer.headers() {
                    if k != "content-length" && k != "transfer-encoding" {
                        response = response.header(k, v);
                    }
                }
                response
                    .body(Body::from(answer.bytes().await.unwrap()))
                    .unwrap()
            }
        },
    );
    let server = crate::harness::serve(app);
    FaultProxy {
        endpoint: format!("http://{}", server.addr),
        faults,
        filter_calls,
        _server: server,
    }
}

fn empty_page(token: &str) -> Response {
    let page = serde_json::json!({"events": [], "nextToken": token, "searchedLogStreams": []});
    Response::builder()
        .status(200)
        .header("content-type", "application/x-amz-json-1.1")
        .body(Body::from(page.to_string()))
        .unwrap()
}

fn aws_error(status: StatusCode, code: &str, message: &str) -> Response {
    Response::builder()
        .status(status)
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amzn-errortype", code)
        .body(Body::from(
            serde_json::json!({"__type": code, "message": message}).to_string(),
        ))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn history_through_throttling_5xx_drops_and_slow_replies_loses_and_repeats_nothing() {
    let moto = Moto::start();
    let proxy = fault_proxy(&moto.endpoint);
    let client = seed_client(&moto);
    create_group(&client, "/cruddur/backend-flask").await;
    let base = now_ms() - 50 * 60_000;
    let mut expected = Vec::new();
    for s in 0..2 {
        let events: Vec<(i64, String)> = (0..6000)
            .map(|i| (base + i * 490 + s, format!("s{s} #{i}")))
            .collect();
        expected.extend(events.iter().map(|(_, m)| m.clone()));
        put(
            &client,
            "/cruddur/backend-flask",
            &format!("i-000{s}"),
            &events,
        )
        .await;
    }
    let sandbox = Sandbox::new();
    let out = tail(
        &sandbox,
        &proxy.endpoint,
        &["/cruddur/backend-flask", "--since", "1h", "-o", "json"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let printed = records(&out.stdout);
    assert_exactly_once(&printed, &expected);
    assert_time_ordered(&printed);
    assert!(
        proxy.faults.load(Ordering::SeqCst) >= 3,
        "the proxy injected faults"
    );

    let bad = tail(
        &sandbox,
        &proxy.endpoint,
        &[
            "/cruddur/backend-flask",
            "--since",
            "1h",
            "--filter",
            "[bad",
        ],
    );
    assert_eq!(bad.code, 1);
    assert_eq!(
        bad.stderr.lines().next().unwrap(),
        "error: invalid filter pattern: Invalid filter pattern: unbalanced bracket in [bad"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn follow_through_faults_loses_and_repeats_nothing() {
    let moto = Moto::start();
    let proxy = fault_proxy(&moto.endpoint);
    late_events_scenario(&proxy.endpoint, &moto).await;
    let (calls, faults) = (
        proxy.filter_calls.load(Ordering::SeqCst),
        proxy.faults.load(Ordering::SeqCst),
    );
    assert!(
        faults >= 3,
        "throttling, an empty page, a 5xx and a dropped connection were all injected: {calls} calls, {faults} faults"
    );
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread")]
async fn ctrl_c_and_sigterm_stop_follow_with_exit_0_and_output_flushed() {
    let moto = Moto::start();
    let client = seed_client(&moto);
    create_group(&client, "/g").await;
    put(
        &client,
        "/g",
        "s",
        &[(now_ms() - 1000, "before the signal".to_string())],
    )
    .await;
    let sandbox = Sandbox::new();
    for signal in ["INT", "TERM"] {
        let follower = Follower::start(
            &sandbox,
            &moto.endpoint,
            &["/g", "--since", "1m", "-o", "json", "--poll", "200ms"],
        );
        follower.wait_for_lines(1, Duration::from_secs(30));
        let status = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &follower.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let (code, printed) = follower.finish(Duration::from_secs(10));
        assert_eq!(code, Some(0), "SIG{signal}");
        assert_eq!(printed.len(), 1);
        assert_eq!(printed[0]["message"], "before the signal");
    }
}

/// A proxy in front of moto that lets `rewrite` change each event of every
/// FilterLogEvents answer: how a test gives moto's events the ingestion times CloudWatch
/// would have given them (moto stamps every event with the moment it was put).
fn rewriting_proxy(upstream: &str, rewrite: fn(&mut Value)) -> crate::harness::Background {
    #[allow(clippy::disallowed_methods)] // a test proxy, not tracectl's own client
    let http = reqwest::Client::new();
    let upstream = upstream.to_string();
    let app = Router::new().fallback(
        move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let (http, upstream) = (http.clone(), upstream.clone());
            async move {
                let filter = headers
                    .get("x-amz-target")
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|t| t.ends_with("FilterLogEvents"));
                let mut forward = http.request(method, format!("{upstream}{uri}")).body(body);
                for (k, v) in &headers {
                    if k != "host" && k != "content-length" {
                        forward = forward.header(k, v);
                    }
                }
                let answer = forward.send().await.unwrap();
                let status = answer.status().as_u16();
                let mut bytes = answer.bytes().await.unwrap();
                if filter && status == 200 {
                    let mut page: Value = serde_json::from_slice(&bytes).unwrap();
                    for event in page["events"].as_array_mut().into_iter().flatten() {
                        rewrite(event);
                    }
                    bytes = Bytes::from(page.to_string());
                }
                Response::builder()
                    .status(status)
                    .header("content-type", "application/x-amz-json-1.1")
                    .body(Body::from(bytes))
                    .unwrap()
            }
        },
    );
    crate::harness::serve(app)
}

/// Events of a fast instance (delivered within a second) were printed and forgotten; then a
/// slow instance's batch, 150 s late, widens the re-scan window back over them. Before the
/// fix, every forgotten event in the widened window was printed a second time.
#[tokio::test(flavor = "multi_thread")]
async fn follow_repeats_nothing_when_the_lag_window_widens() {
    let moto = Moto::start();
    // The fast instance's events reached CloudWatch a second after they were written.
    let proxy = rewriting_proxy(&moto.endpoint, |event| {
        if event["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("fast"))
        {
            event["ingestionTime"] = Value::from(event["timestamp"].as_i64().unwrap() + 1000);
        }
    });
    let client = seed_client(&moto);
    create_group(&client, "/g").await;
    let t = now_ms();
    let fast: Vec<(i64, String)> = (0..100)
        .map(|i| (t - 140_000 + i * 100, format!("fast #{i}")))
        .collect();
    put(&client, "/g", "i-fast", &fast).await;
    put(&client, "/g", "i-fast", &[(t, "anchor".to_string())]).await;
    let sandbox = Sandbox::new();
    let endpoint = format!("http://{}", proxy.addr);
    let follower = Follower::start(
        &sandbox,
        &endpoint,
        &[
            "/g",
            "--since",
            "5m",
            "-o",
            "json",
            "--poll",
            "300ms",
            "--max-events",
            "133",
        ],
    );
    follower.wait_for_lines(101, Duration::from_secs(60));
    // A few polls: the window (2 min behind the anchor) has moved past the fast events.
    std::thread::sleep(Duration::from_millis(1500));
    // The slow instance flushes its 150 s buffer. Its recent events fall inside the window
    // and show delays up to 2 min, so the learned lag grows and the window reaches back
    // over the fast events it had forgotten (and over the rest of the slow batch).
    let now = now_ms();
    let slow: Vec<(i64, String)> = (0..31)
        .map(|i| (now - 150_000 + i * 5000, format!("slow #{i:02}")))
        .collect();
    put(&client, "/g", "i-slow", &slow).await;
    follower.wait_for_lines(132, Duration::from_secs(60));
    std::thread::sleep(Duration::from_millis(1500));
    put(&client, "/g", "i-fast", &[(now_ms(), "last".to_string())]).await;
    let (code, printed) = follower.finish(Duration::from_secs(60));
    assert_eq!(code, Some(0));
    let mut expected: Vec<String> = fast.into_iter().map(|(_, m)| m).collect();
    expected.extend(["anchor".to_string(), "last".to_string()]);
    expected.extend(slow.into_iter().map(|(_, m)| m));
    assert_exactly_once(&printed, &expected);
}

/// One event stamped five minutes ahead (CloudWatch takes up to two hours) must not move
/// the window past the events of clocks that are right.
#[tokio::test(flavor = "multi_thread")]
async fn a_future_timestamp_does_not_hide_the_events_after_it() {
    let moto = Moto::start();
    let client = seed_client(&moto);
    create_group(&client, "/g").await;
    put(
        &client,
        "/g",
        "skewed",
        &[(now_ms() + 5 * 60_000, "from a clock 5 min fast".to_string())],
    )
    .await;
    let sandbox = Sandbox::new();
    let follower = Follower::start(
        &sandbox,
        &moto.endpoint,
        &[
            "/g",
            "--since",
            "1m",
            "-o",
            "json",
            "--poll",
            "200ms",
            "--max-events",
            "31",
        ],
    );
    follower.wait_for_lines(1, Duration::from_secs(60));
    let mut expected = vec!["from a clock 5 min fast".to_string()];
    for batch in 0..3 {
        std::thread::sleep(Duration::from_millis(500));
        let events: Vec<(i64, String)> = (0..10)
            .map(|i| (now_ms() + i, format!("batch {batch} #{i}")))
            .collect();
        expected.extend(events.iter().map(|(_, m)| m.clone()));
        put(&client, "/g", "right", &events).await;
    }
    let (code, printed) = follower.finish(Duration::from_secs(60));
    assert_eq!(code, Some(0));
    assert_exactly_once(&printed, &expected);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_first_connection_fails_fast_instead_of_backing_off() {
    let closed = crate::harness::free_port();
    let sandbox = Sandbox::new();
    let follower = Follower::start(
        &sandbox,
        &format!("http://127.0.0.1:{closed}"),
        &["/g", "--since", "1m"],
    );
    // Before the fix: over four minutes of backing off "so no event is lost".
    let (code, printed) = follower.finish(Duration::from_secs(60));
    assert_eq!((code, printed.len()), (Some(1), 0));
}

#[tokio::test(flavor = "multi_thread")]
async fn messages_keep_their_bytes_and_order_in_every_format() {
    let moto = Moto::start();
    let client = seed_client(&moto);
    create_group(&client, "/g").await;
    let t = now_ms() - 5000;
    // Twenty events of one millisecond: moto numbers them 0..19, so sorting by id string
    // would put "10" before "2". The service's order is the order written.
    let same_ms: Vec<(i64, String)> = (0..20).map(|i| (t, format!("same ms #{i:02}"))).collect();
    put(&client, "/g", "s", &same_ms).await;
    let special = [
        "watchtower record\n".to_string(),
        "windows line\r\n".to_string(),
        "{\"id\": 12345678901234567890123, \"ratio\": 1.10}".to_string(),
        "evil \u{1b}]0;PWNED\u{7}\u{1b}[2J\rforged".to_string(),
    ];
    let specials: Vec<(i64, String)> = (1..)
        .zip(special.iter())
        .map(|(i, m)| (t + i, m.clone()))
        .collect();
    put(&client, "/g", "s", &specials).await;
    let sandbox = Sandbox::new();

    let json = tail(
        &sandbox,
        &moto.endpoint,
        &["/g", "--since", "1m", "-o", "json"],
    );
    assert_eq!(json.code, 0, "{}", json.stderr);
    let messages: Vec<String> = records(&json.stdout)
        .iter()
        .map(|r| r["message"].as_str().unwrap().to_string())
        .collect();
    let mut expected: Vec<String> = same_ms.into_iter().map(|(_, m)| m).collect();
    expected.extend(special.iter().cloned());
    assert_eq!(messages, expected, "exact bytes, in the service's order");

    let short = tail(&sandbox, &moto.endpoint, &["/g", "--since", "1m"]);
    assert_eq!(short.code, 0, "{}", short.stderr);
    assert!(
        short
            .stdout
            .contains(r#"{"id":12345678901234567890123,"ratio":1.10}"#),
        "{}",
        short.stdout
    );
    assert!(
        !short.stdout.contains('\u{1b}') && !short.stdout.contains('\r'),
        "{:?}",
        short.stdout
    );
    assert!(
        short
            .stdout
            .contains("evil \\x1b]0;PWNED\\x07\\x1b[2J\\rforged")
    );

    let raw = tail(
        &sandbox,
        &moto.endpoint,
        &["/g", "--since", "1m", "--format", "raw"],
    );
    assert!(
        raw.stdout
            .contains("evil \u{1b}]0;PWNED\u{7}\u{1b}[2J\rforged\n")
    );
    assert!(raw.stdout.contains("windows line\r\n"));
}

/// Peak resident memory of `tracectl args...` in KiB, measured the way the benchmark does:
/// the largest child of a fresh Python process (`ru_maxrss`).
fn peak_rss_kib(sandbox: &Sandbox, endpoint: &str, args: &[&str]) -> (u64, usize) {
    let template = sandbox.cmd();
    let mut cmd = std::process::Command::new("python3");
    cmd.env_clear();
    for (k, v) in template.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    cmd.current_dir(sandbox.home())
        .env("AWS_ENDPOINT_URL", endpoint)
        .args([
            "-c",
            "import resource,subprocess,sys\n\
             r = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)\n\
             assert r.returncode == 0, r.returncode\n\
             print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.stdout.count(b'\\n'))",
            env!("CARGO_BIN_EXE_tracectl"),
        ])
        .args(args);
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut fields = text.split_whitespace();
    (
        fields.next().unwrap().parse().unwrap(),
        fields.next().unwrap().parse().unwrap(),
    )
}

/// Events are streamed in order through a bounded reorder buffer: memory is a few pages,
/// not the window. Twice the events in the window, the same peak memory; before,
/// every slice was held whole (38 MB for an hour of 200,000 events, 90 MB for a week) and a
/// follow held its whole catch-up (136 MB).
#[tokio::test(flavor = "multi_thread")]
async fn memory_stays_bounded_however_many_events_the_window_holds() {
    let moto = Moto::start();
    let client = seed_client(&moto);
    create_group(&client, "/g").await;
    // 100,000 events in 100 s, three minutes ago: ten full pages.
    const EVENTS: i64 = 100_000;
    let t0 = now_ms() - 180_000;
    let events: Vec<(i64, String)> = (0..EVENTS)
        .map(|i| {
            (
                t0 + i,
                format!("GET /api/activities/home 200 request #{i:06}"),
            )
        })
        .collect();
    put(&client, "/g", "i-0001/backend-flask", &events).await;
    let sandbox = Sandbox::new();
    let endpoint = moto.endpoint.as_str();
    let run = |until: i64, follow: bool| {
        let until = until.to_string();
        let since = (t0 - 1000).to_string();
        let mut args = vec!["logs", "tail", "/g", "--since", &since, "--until", &until];
        args.extend(["-o", "json"]);
        if follow {
            // The ids of the re-scan window are kept by design: a fixed 5 s window holds
            // the same 5,000 of these events in both runs.
            args.extend(["--follow", "--lag", "5s"]);
        }
        peak_rss_kib(&sandbox, endpoint, &args)
    };
    let (history_small, lines_small) = run(t0 + 49_999, false);
    let (history_large, lines_large) = run(t0 + EVENTS, false);
    let (follow_small, follow_lines_small) = run(t0 + 49_999, true);
    let (follow_large, follow_lines_large) = run(t0 + EVENTS, true);
    assert_eq!((lines_small, follow_lines_small), (50_000, 50_000));
    assert_eq!((lines_large, follow_lines_large), (100_000, 100_000));
    // Allocator noise, far below the 15 MB that holding 50,000 more events costs.
    let slack = 6 * 1024;
    assert!(
        history_large < history_small + slack,
        "history: {history_small} KiB for 50,000 events, {history_large} KiB for 100,000"
    );
    assert!(
        follow_large < follow_small + slack,
        "follow: {follow_small} KiB for 50,000 events, {follow_large} KiB for 100,000"
    );
}

/// Pages are bounded in bytes, not events: CloudWatch stops a page at 1 MB, but a server
/// that pages by count (moto gives 10,000 events a page) would hand over 100 KB messages a
/// whole window at a time. tracectl asks for pages of about 1 MiB whatever the server does,
/// so a week of 100 KB messages streams through a few MiB.
#[tokio::test(flavor = "multi_thread")]
async fn large_messages_stream_through_pages_of_bounded_bytes() {
    let moto = Moto::start();
    let client = seed_client(&moto);
    create_group(&client, "/big").await;
    // 480 messages of 100 KB (48 MB), spread over the last six days and in the last hour.
    let now = now_ms();
    let filler = "x".repeat(100_000);
    let events: Vec<(i64, String)> = (0..480i64)
        .map(|i| {
            let at = if i < 240 {
                now - 6 * 86_400_000 + i * 2_100_000
            } else {
                now - 3_600_000 + (i - 240) * 10_000
            };
            (at, format!("event {i:04} {filler}"))
        })
        .collect();
    for chunk in events.chunks(8) {
        put(&client, "/big", "i-0001/backend-flask", chunk).await;
    }
    let sandbox = Sandbox::new();
    let args = ["logs", "tail", "/big", "--since", "1w", "--format", "raw"];

    let out = tail(&sandbox, &moto.endpoint, &args[2..]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let printed: Vec<&str> = out.stdout.lines().map(|l| &l[..10]).collect();
    let expected: Vec<String> = (0..480).map(|i| format!("event {i:04}")).collect();
    assert_eq!(printed, expected);
    assert!(out.stdout.lines().all(|l| l.len() == 100_011));

    // Against the same tail of one small event: what the 48 MB of messages cost on top.
    // Four slices in flight, two pages each, is 8 MiB; before, 48 MiB more.
    create_group(&client, "/small").await;
    put(&client, "/small", "s", &[(now - 1000, "hello".to_string())]).await;
    let (base_kib, _) = peak_rss_kib(
        &sandbox,
        &moto.endpoint,
        &["logs", "tail", "/small", "--since", "1w", "--format", "raw"],
    );
    let (peak_kib, lines) = peak_rss_kib(&sandbox, &moto.endpoint, &args);
    assert_eq!(lines, 480);
    assert!(
        peak_kib < base_kib + 12 * 1024,
        "{peak_kib} KiB for 480 messages of 100 KB, {base_kib} KiB for one small one"
    );
}

/// The log views called as a library, with no printer and no terminal: a page is the
/// window's first events in time order across groups, and says when there were more.
#[tokio::test(flavor = "multi_thread")]
async fn the_log_page_view_gives_the_first_events_and_says_there_are_more() {
    use std::sync::Arc;
    use tracectl::model::time::Window;
    use tracectl::views::logs::{LogScan, LogSelection, page};

    let moto = Moto::start();
    let client = seed_client(&moto);
    create_group(&client, "/app/a").await;
    create_group(&client, "/app/b").await;
    let base = now_ms() - 10 * 60_000;
    let a: Vec<(i64, String)> = (0..30)
        .map(|i| (base + i * 1000, format!("a{i}")))
        .collect();
    let b: Vec<(i64, String)> = (0..30)
        .map(|i| (base + i * 1000 + 500, format!("b{i}")))
        .collect();
    put(&client, "/app/a", "s", &a).await;
    put(&client, "/app/b", "s", &b).await;

    let scan = LogScan::new(
        client.clone(),
        vec![Arc::from("/app/a"), Arc::from("/app/b")],
        LogSelection::default(),
        Arc::new(|_, _| {}),
    );
    let window = Window::from_millis(base - 1000, now_ms()).unwrap();
    let first = page(&scan, window, 5).await.unwrap();
    let messages: Vec<&str> = first.events.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(messages, ["a0", "b0", "a1", "b1", "a2"]);
    assert!(first.truncated);
    assert_eq!(first.groups, ["/app/a", "/app/b"]);
    assert_eq!(first.events[1].group, "/app/b");

    let all = page(&scan, window, 100).await.unwrap();
    assert_eq!(all.events.len(), 60);
    assert!(!all.truncated);

    // A filter pattern goes to the service: a term only the b events hold.
    let with_pattern = LogScan::new(
        client,
        vec![Arc::from("/app/a"), Arc::from("/app/b")],
        LogSelection {
            pattern: Some("b29".into()),
            ..LogSelection::default()
        },
        Arc::new(|_, _| {}),
    );
    let found = page(&with_pattern, window, 100).await.unwrap();
    let messages: Vec<&str> = found.events.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(messages, ["b29"]);
}
