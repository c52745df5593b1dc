//! The real binary against hostile servers and hostile input on loopback: redirects that
//! would carry an API key elsewhere, servers that never answer, control characters in
//! error texts, files without end. Each case broke a promise before it was fixed.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::routing::any;

use crate::harness::{Background, Output, Sandbox, run, serve};

const HONEYCOMB_KEY: &str = "hcaik_01hostileTestKey0123456789abcdefghij";
const ROLLBAR_TOKEN: &str = "rollbarHostileTestToken0123456789abcd";

/// A server that records every request (path and headers) and answers with `respond`.
struct Recorded {
    server: Background,
    seen: Arc<Mutex<Vec<(String, HeaderMap)>>>,
}

fn recorded(respond: impl Fn(&str) -> Response + Clone + Send + Sync + 'static) -> Recorded {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let app = Router::new().fallback(any(move |uri: Uri, headers: HeaderMap| {
        let (log, respond) = (log.clone(), respond.clone());
        async move {
            log.lock().unwrap().push((uri.path().to_string(), headers));
            respond(uri.path())
        }
    }));
    Recorded {
        server: serve(app),
        seen,
    }
}

fn answer(status: StatusCode, body: &str) -> Response {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(body.to_string().into())
        .unwrap()
}

fn redirect_to(url: String) -> impl Fn(&str) -> Response + Clone + Send + Sync + 'static {
    move |_| {
        Response::builder()
            .status(307)
            .header("location", url.clone())
            .body(axum::body::Body::empty())
            .unwrap()
    }
}

/// A command line, its extra environment, and what its stderr must say.
type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);

fn tracectl(args: &[&str], env: &[(&str, &str)]) -> Output {
    let sandbox = Sandbox::new();
    let mut cmd = sandbox.cmd();
    for (k, v) in env {
        cmd.env(k, v);
    }
    run(cmd.args(args))
}

fn assert_no_secret(out: &Output) {
    for secret in [HONEYCOMB_KEY, ROLLBAR_TOKEN] {
        assert!(
            !out.stdout.contains(secret) && !out.stderr.contains(secret),
            "secret shown:\n{}\n{}",
            out.stdout,
            out.stderr
        );
    }
}

#[test]
fn api_keys_never_follow_a_redirect_to_another_origin() {
    let collector = recorded(|_| answer(StatusCode::OK, "{}"));
    let elsewhere = format!("http://{}/steal", collector.server.addr);
    let honeycomb = recorded(redirect_to(elsewhere.clone()));
    let out = tracectl(
        &[
            "-v",
            "honeycomb",
            "datasets",
            "--endpoint-url",
            &format!("http://{}", honeycomb.server.addr),
        ],
        &[("HONEYCOMB_API_KEY", HONEYCOMB_KEY)],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let error = out
        .stderr
        .lines()
        .find(|l| l.starts_with("error:"))
        .unwrap();
    assert!(
        error.contains(&format!(
            "redirected the request to {elsewhere}, another origin"
        )),
        "{error}"
    );
    assert!(
        out.stderr.contains("hint: point --endpoint-url"),
        "{}",
        out.stderr
    );

    let rollbar = recorded(redirect_to(elsewhere.clone()));
    let out = tracectl(
        &["rollbar", "trigger"],
        &[
            ("ROLLBAR_ACCESS_TOKEN", ROLLBAR_TOKEN),
            (
                "ROLLBAR_ENDPOINT",
                &format!("http://{}/api/1/", rollbar.server.addr),
            ),
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("another origin"), "{}", out.stderr);
    assert_no_secret(&out);

    assert!(
        collector.seen.lock().unwrap().is_empty(),
        "the other origin received {:?}",
        collector.seen.lock().unwrap()
    );
    assert_eq!(honeycomb.seen.lock().unwrap().len(), 1);
}

#[test]
fn a_same_origin_redirect_is_followed_and_shown_with_v() {
    let server = recorded(|path| match path {
        "/1/datasets" => Response::builder()
            .status(301)
            .header("location", "/v2/1/datasets")
            .body(axum::body::Body::empty())
            .unwrap(),
        _ => answer(
            StatusCode::OK,
            r#"[{"name":"cruddur","slug":"cruddur","regular_columns_count":3,"last_written_at":"2026-11-24T10:00:00Z"}]"#,
        ),
    });
    let base = format!("http://{}", server.server.addr);
    let out = tracectl(
        &["-v", "honeycomb", "datasets", "--endpoint-url", &base],
        &[("HONEYCOMB_API_KEY", HONEYCOMB_KEY)],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("cruddur"), "{}", out.stdout);
    assert!(
        out.stderr
            .contains(&format!("< honeycomb redirect 301 to {base}/v2/1/datasets")),
        "{}",
        out.stderr
    );
    let paths: Vec<String> = server
        .seen
        .lock()
        .unwrap()
        .iter()
        .map(|(p, _)| p.clone())
        .collect();
    assert_eq!(paths, ["/1/datasets", "/v2/1/datasets"]);
    assert_no_secret(&out);
}

/// Accepts connections and never answers (on its own thread, so it outlives the test's
/// blocking calls).
fn silent_server() -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for socket in listener.incoming().flatten() {
            held.push(socket);
        }
    });
    addr
}

#[test]
fn honeycomb_query_timeout_bounds_the_whole_command() {
    let addr = silent_server();
    let started = Instant::now();
    let out = tracectl(
        &[
            "honeycomb",
            "query",
            "-d",
            "cruddur",
            "--timeout",
            "2s",
            "--endpoint-url",
            &format!("http://{addr}"),
        ],
        &[("HONEYCOMB_API_KEY", HONEYCOMB_KEY)],
    );
    let took = started.elapsed();
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stderr.lines().next().unwrap(),
        "error: the query did not finish within 2s (--timeout)"
    );
    // Before: 4 x 30 s on /1/columns, then 4 x 30 s on the query POST. A bound far above
    // 2 s keeps this meaningful on a loaded machine without timing anything finely.
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

#[test]
fn control_characters_from_a_server_never_reach_the_terminal() {
    let server = recorded(|_| {
        answer(
            StatusCode::BAD_REQUEST,
            r#"{"error":"bad \u001b]0;PWNED\u0007\u001b[2J\rrequest"}"#,
        )
    });
    let out = tracectl(
        &[
            "honeycomb",
            "datasets",
            "--endpoint-url",
            &format!("http://{}", server.server.addr),
        ],
        &[("HONEYCOMB_API_KEY", HONEYCOMB_KEY)],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        !out.stderr.contains('\u{1b}')
            && !out.stderr.contains('\u{7}')
            && !out.stderr.contains('\r'),
        "{:?}",
        out.stderr
    );
    assert!(
        out.stderr.contains("bad \\x1b]0;PWNED\\x07\\x1b[2J"),
        "{:?}",
        out.stderr
    );
}

#[test]
fn endpoints_with_credentials_are_masked_in_config_show() {
    let out = tracectl(
        &["config", "show"],
        &[(
            "HONEYCOMB_API_ENDPOINT",
            "https://proxy-user:pr0xy-pa55@proxy.example.com/honeycomb?token=t0ken-value",
        )],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("https://proxy-user:[REDACTED]@proxy.example.com/honeycomb?token=[REDACTED]"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("pr0xy-pa55") && !out.stdout.contains("t0ken-value"));
}

/// Runs `args` with `env` added and asserts exit 2.
fn usage_error(sandbox: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = sandbox.cmd();
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = run(cmd.args(args));
    assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
    out
}

#[test]
fn user_files_are_read_with_a_cap_and_devices_are_refused() {
    let sandbox = Sandbox::new();
    let big = sandbox.home().join("big.json");
    std::fs::write(&big, vec![b' '; 2 * 1024 * 1024]).unwrap();
    let big = big.to_str().unwrap();
    let cases: [Case; 7] = [
        (
            &["doctor", "--env-file", "/dev/zero"],
            &[],
            "error: cannot read --env-file /dev/zero: it is a character device, not a file",
        ),
        (&["doctor", "--env-file", big], &[], "is larger than 1.0 MB"),
        (
            &["honeycomb", "query", "--spec", "/dev/zero", "--print-spec"],
            &[],
            "error: cannot read the spec from /dev/zero: it is a character device, not a file",
        ),
        (
            &["honeycomb", "query", "--spec", big, "--print-spec"],
            &[],
            "is larger than 1.0 MB",
        ),
        (
            &["--config", "/dev/zero", "config", "show"],
            &[],
            "error: cannot read config file /dev/zero (flag --config): it is a character device, not a file",
        ),
        (
            &["config", "show"],
            &[("TRACECTL_CONFIG", "/dev/zero")],
            "error: cannot read config file /dev/zero (env TRACECTL_CONFIG): it is a character device",
        ),
        (
            &[
                "honeycomb",
                "query",
                "--spec",
                "missing.json",
                "--print-spec",
            ],
            &[],
            "hint: check the path; --print-spec writes a spec to start from",
        ),
    ];
    for (args, env, expected) in cases {
        let out = usage_error(&sandbox, args, env);
        assert!(out.stderr.contains(expected), "{args:?}: {}", out.stderr);
    }
}

#[test]
fn bad_input_is_a_usage_error_that_names_it() {
    let sandbox = Sandbox::new();
    let stdin_cases: [(&[&str], &[u8], &str); 2] = [
        (
            &["honeycomb", "query", "--spec", "-", "--print-spec"],
            b"{\"calculations\":[{\"op\":\"COUNT\"}]}\xff",
            "error: cannot read the spec from stdin: it is not UTF-8 text",
        ),
        (
            &["xray", "trace", "-"],
            b"1-5f84c7a1-0123456789abcdef01234567 \xfe",
            "error: cannot read trace ids from stdin: it is not UTF-8 text",
        ),
    ];
    for (args, input, expected) in stdin_cases {
        let out = run(sandbox.cmd().args(args).write_stdin(input));
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.starts_with(expected), "{args:?}: {}", out.stderr);
    }
    let cases: [Case; 5] = [
        (
            &["logs", "tail", ""],
            &[],
            "error: a log group name is empty",
        ),
        (
            &["logs", "groups"],
            &[("AWS_ENDPOINT_URL", "127.0.0.1:4566")],
            "error: AWS_ENDPOINT_URL '127.0.0.1:4566' is not an http(s) URL",
        ),
        (
            &[
                "honeycomb",
                "query",
                "-w",
                "name = 'unbalanced",
                "--print-spec",
            ],
            &[],
            "error: filter 'name = 'unbalanced' has an unclosed quote in its value",
        ),
        (
            &["honeycomb", "query", "--granularity", "0s", "--print-spec"],
            &[],
            "error: --granularity 0s is below Honeycomb's smallest bucket of 1 s",
        ),
        (
            &["honeycomb", "datasets"],
            &[("HONEYCOMB_API_KEY", "hcaik_01keyWithANewline0123456789\n")],
            "error: the Honeycomb API key from env HONEYCOMB_API_KEY ends with a line break",
        ),
    ];
    for (args, env, expected) in cases {
        let out = usage_error(&sandbox, args, env);
        assert!(out.stderr.starts_with(expected), "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("\nhint: "), "{args:?}: {}", out.stderr);
    }
}

#[test]
fn config_path_needs_no_home_when_xdg_config_home_is_set() {
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .cmd()
        .env_remove("HOME")
        .env("XDG_CONFIG_HOME", sandbox.home())
        .args(["config", "path"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!(
            "{}\n",
            sandbox.home().join("tracectl/config.toml").display()
        )
    );
}

#[test]
fn an_aws_endpoint_that_never_answers_is_said_and_bounded() {
    let addr = silent_server();
    let started = Instant::now();
    let out = tracectl(
        &[
            "logs",
            "groups",
            "--endpoint-url",
            &format!("http://{addr}"),
        ],
        &[],
    );
    let took = started.elapsed();
    assert_eq!(out.code, 1, "{}", out.stderr);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "listing log groups: no answer after 5 s; retrying for up to 30 s in all (check --endpoint-url and AWS_ENDPOINT_URL if this persists)",
            "error: cannot list log groups: AWS did not answer in time",
            "hint: check the network, --endpoint-url and AWS_ENDPOINT_URL",
        ]
    );
    // Before: five attempts of 30 s and backoffs, 156 s in all, and nothing said.
    assert!(took < Duration::from_secs(60), "took {took:?}");
}

/// A server that answers 200 and then streams a body without end (64 KiB chunks).
fn endless_server() -> Background {
    let app = Router::new().fallback(any(|| async {
        let chunk = axum::body::Bytes::from(vec![b' '; 64 * 1024]);
        let stream = futures::stream::repeat_with(move || Ok::<_, std::io::Error>(chunk.clone()));
        Response::builder()
            .status(200)
            .header("content-type", "application/json")
            .body(axum::body::Body::from_stream(stream))
            .unwrap()
    }));
    serve(app)
}

/// Every client reads an answer up to a cap (by API) and then stops with exit 1 naming the
/// host and the cap; before, each read the endless body until its memory was gone.
#[test]
fn an_endless_answer_is_cut_at_the_cap_of_its_api() {
    let server = endless_server();
    let url = format!("http://{}", server.addr);
    let cases: [Case; 4] = [
        (
            &["honeycomb", "auth", "--endpoint-url", &url],
            &[("HONEYCOMB_API_KEY", HONEYCOMB_KEY)],
            "error: 127.0.0.1 sent an answer larger than 64 MiB, tracectl's limit for the honeycomb API; it was not read further",
        ),
        (
            &["rollbar", "deploy", "--revision", "abc"],
            &[
                ("ROLLBAR_ACCESS_TOKEN", ROLLBAR_TOKEN),
                ("ROLLBAR_ENDPOINT", &url),
            ],
            "error: 127.0.0.1 sent an answer larger than 4 MiB, tracectl's limit for the rollbar API; it was not read further",
        ),
        (
            &["logs", "groups", "--endpoint-url", &url],
            &[],
            "127.0.0.1 sent an answer larger than 32 MiB, tracectl's limit for AWS; it was not read further",
        ),
        (
            &["xray", "traces", "--since", "5m", "--endpoint-url", &url],
            &[],
            "127.0.0.1 sent an answer larger than 32 MiB, tracectl's limit for AWS; it was not read further",
        ),
    ];
    for (args, env, says) in cases {
        let started = Instant::now();
        let out = tracectl(args, env);
        assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(says), "{args:?}: {}", out.stderr);
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{args:?} took {:?}",
            started.elapsed()
        );
        assert_no_secret(&out);
    }
}

/// An AWS answer nested 200,000 deep (the SDK's parser recurses per level): every command
/// that reads AWS answers fails with exit 1 saying so, where they aborted on a stack
/// overflow (exit 134) before.
#[test]
fn a_deeply_nested_aws_answer_is_an_error_not_an_abort() {
    for depth in [20_000usize, 200_000] {
        let body = format!("{{\"events\":{}{}}}", "[".repeat(depth), "]".repeat(depth));
        let server = recorded(move |_| answer(StatusCode::OK, &body));
        let url = format!("http://{}", server.server.addr);
        let commands: [&[&str]; 4] = [
            &[
                "logs",
                "tail",
                "/app",
                "--since",
                "5m",
                "--endpoint-url",
                &url,
            ],
            &["logs", "streams", "/app", "--endpoint-url", &url],
            &["xray", "traces", "--since", "5m", "--endpoint-url", &url],
            &[
                "xray",
                "trace",
                "1-6b04d9b5-002c4c2274de5f7070f81dba",
                "--endpoint-url",
                &url,
            ],
        ];
        for args in commands {
            let out = tracectl(args, &[]);
            assert_eq!(out.code, 1, "{depth} {args:?}: {}", out.stderr);
            assert!(
                out.stderr.contains(
                    "127.0.0.1 sent an answer nested more than 64 levels deep, which no AWS API does; it was not parsed"
                ),
                "{depth} {args:?}: {}",
                out.stderr
            );
        }
    }
}

/// An empty AWS_ENDPOINT_URL (or a service's) is unset, as the AWS CLI treats it: the
/// call goes where the flag or the other variable says. Before, every AWS command stopped
/// with "internal error: ... URL was unset".
#[test]
fn an_empty_aws_endpoint_variable_is_unset() {
    let server = recorded(|_| answer(StatusCode::OK, r#"{"logGroups":[]}"#));
    let url = format!("http://{}", server.server.addr);
    type Run<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)]);
    let cases: [Run; 3] = [
        (
            &["logs", "groups", "--endpoint-url", &url],
            &[
                ("AWS_ENDPOINT_URL", ""),
                ("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", ""),
            ],
        ),
        (
            &["logs", "groups"],
            &[
                ("AWS_ENDPOINT_URL", ""),
                ("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", &url),
            ],
        ),
        (
            &["logs", "groups"],
            &[
                ("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", ""),
                ("AWS_ENDPOINT_URL", &url),
            ],
        ),
    ];
    for (n, (args, env)) in cases.into_iter().enumerate() {
        let out = tracectl(args, env);
        assert_eq!(out.code, 0, "{env:?}: {}", out.stderr);
        assert!(!out.stderr.contains("internal error"), "{}", out.stderr);
        assert_eq!(server.seen.lock().unwrap().len(), n + 1, "{env:?}");
    }
}

/// A server that hands back a pagination token it already gave: every listing stops at
/// once saying so (exit 1). Before, `xray traces` paged for ever (1,483 calls in 57 s,
/// nothing said) and `logs groups` listed a group twice.
#[test]
fn a_repeated_pagination_token_is_an_error_at_once() {
    // Each listing's tokens go A, B, A: the page asked for with B names A again. Decided by
    // the token asked with, so slices scanned at once each see the same sequence.
    let calls = Arc::new(Mutex::new(0u32));
    let counted = calls.clone();
    let app = Router::new().fallback(any(move |body: String| {
        let counted = counted.clone();
        async move {
            *counted.lock().unwrap() += 1;
            let asked: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
            let asked = asked["nextToken"].as_str().or(asked["NextToken"].as_str());
            let token = if asked == Some("A") { "B" } else { "A" };
            answer(
                StatusCode::OK,
                &format!(
                    r#"{{"logGroups":[{{"logGroupName":"/app"}}],"TraceSummaries":[],"events":[],"nextToken":"{token}","NextToken":"{token}"}}"#
                ),
            )
        }
    }));
    let server = Recorded {
        server: serve(app),
        seen: Arc::default(),
    };
    let url = format!("http://{}", server.server.addr);
    let cases: [(&[&str], &str); 3] = [
        (
            &["logs", "groups", "--endpoint-url", &url],
            "AWS handed back a pagination token it had already given for the log groups (after 3 pages); stopped rather than page for ever",
        ),
        (
            &[
                "logs",
                "tail",
                "/app",
                "--since",
                "5m",
                "--endpoint-url",
                &url,
            ],
            "AWS handed back a pagination token it had already given for the events of /app (after 3 pages)",
        ),
        (
            &["xray", "traces", "--since", "5m", "--endpoint-url", &url],
            "AWS handed back a pagination token it had already given for trace summaries (after 3 pages)",
        ),
    ];
    for (args, says) in cases {
        *calls.lock().unwrap() = 0;
        let out = tracectl(args, &[]);
        assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(says), "{args:?}: {}", out.stderr);
        // Three pages for a listing; `logs tail` scans slices of the window at once, each
        // stopping at its first repeat. Before: a hundred pages, or no end at all.
        let made = *calls.lock().unwrap();
        assert!(
            (3..=16).contains(&made),
            "{args:?}: {made} calls: {}",
            out.stderr
        );
        assert!(!out.stdout.contains("/app\n/app"), "{}", out.stdout);
    }
}

/// A server's 5 MB error text is cut in the error line, saying how much was left out
/// (before, it became a 5,000,045-byte line on stderr).
#[test]
fn a_huge_error_text_is_cut_saying_so() {
    let huge = format!(r#"{{"error":"{}"}}"#, "x".repeat(5_000_000));
    let server = recorded(move |_| answer(StatusCode::BAD_REQUEST, &huge));
    let out = tracectl(
        &[
            "honeycomb",
            "datasets",
            "--endpoint-url",
            &format!("http://{}", server.server.addr),
        ],
        &[("HONEYCOMB_API_KEY", HONEYCOMB_KEY)],
    );
    assert_eq!(out.code, 1, "{}", &out.stderr[..out.stderr.len().min(2000)]);
    let first = out.stderr.lines().next().unwrap();
    assert!(first.starts_with("error: "), "{first}");
    assert!(
        first.chars().count() < 700,
        "{} characters",
        first.chars().count()
    );
    assert!(first.ends_with(" more characters not shown)"), "{first}");
    assert!(
        out.stderr.len() < 3000,
        "{} bytes on stderr",
        out.stderr.len()
    );
}

/// Names in the log group and stream tables are the service's: an SGR code or a line feed
/// in one is shown escaped, so it can neither hide the row nor forge another.
#[test]
fn log_group_and_stream_names_are_shown_escaped() {
    let server = recorded(|_| {
        answer(
            StatusCode::OK,
            r#"{"logGroups":[{"logGroupName":"/app\u001b[30;40mblack"}],"logStreams":[{"logStreamName":"web\u001b[8mhidden\nforged"}]}"#,
        )
    });
    let url = format!("http://{}", server.server.addr);
    for (args, shown) in [
        (
            &["logs", "groups", "--endpoint-url", &url][..],
            "/app\\x1b[30;40mblack",
        ),
        (
            &["logs", "streams", "/app", "--endpoint-url", &url][..],
            "web\\x1b[8mhidden\\nforged",
        ),
    ] {
        let out = tracectl(args, &[]);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(!out.stdout.contains('\u{1b}'), "{args:?}: {:?}", out.stdout);
        assert!(out.stdout.contains(shown), "{args:?}: {}", out.stdout);
        assert!(
            !out.stdout.lines().any(|l| l.starts_with("forged")),
            "{}",
            out.stdout
        );
    }
}

/// A server that does not answer is said once on stderr after a few seconds, while
/// tracectl waits (before, `honeycomb auth` and `rollbar trigger` were silent for 70 s).
#[test]
fn a_silent_http_server_is_said_once_while_waiting() {
    let addr = silent_server();
    let out = tracectl(
        &[
            "honeycomb",
            "query",
            "-d",
            "cruddur",
            "--timeout",
            "8s",
            "--endpoint-url",
            &format!("http://{addr}"),
        ],
        &[("HONEYCOMB_API_KEY", HONEYCOMB_KEY)],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let lines: Vec<&str> = out.stderr.lines().collect();
    let slow: Vec<&&str> = lines
        .iter()
        .filter(|l| l.starts_with("honeycomb: no answer from 127.0.0.1 after 5 s; waiting up to "))
        .collect();
    assert_eq!(slow.len(), 1, "{}", out.stderr);
    assert!(
        lines.contains(&"error: the query did not finish within 8s (--timeout)"),
        "{}",
        out.stderr
    );
}

/// `logs tail` and `xray traces` against an AWS endpoint that never answers say so once
/// after a few seconds (before, 30 s and 60 s of silence), then fail as bounded. (The
/// summaries' own note, said when the first call is answered and the scan is not, is
/// then not said again: once a run.)
#[test]
fn a_silent_aws_endpoint_is_said_by_tail_and_traces() {
    let addr = silent_server();
    let url = format!("http://{addr}");
    let runs: [(&[&str], &str); 2] = [
        (
            &[
                "logs",
                "tail",
                "/app",
                "--since",
                "5m",
                "--endpoint-url",
                &url,
            ],
            "reading log events: no answer after 5 s; retrying for up to 30 s in all",
        ),
        (
            &["xray", "traces", "--since", "5m", "--endpoint-url", &url],
            "asking X-Ray where segments go: no answer after 5 s; retrying for up to 30 s in all",
        ),
    ];
    std::thread::scope(|scope| {
        let handles: Vec<_> = runs
            .iter()
            .map(|(args, says)| scope.spawn(move || (args, *says, tracectl(args, &[]))))
            .collect();
        for handle in handles {
            let (args, says, out) = handle.join().unwrap();
            assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
            let said = out.stderr.lines().filter(|l| l.starts_with(says)).count();
            assert_eq!(said, 1, "{args:?}: {}", out.stderr);
        }
    });
}

/// `xray trace -` with stderr piped says every few seconds that a long fetch goes on
/// (before, 100,000 ids were some 400 s of silence when piped).
#[test]
fn a_long_trace_fetch_says_it_goes_on_when_piped() {
    let app = Router::new().fallback(any(|| async {
        tokio::time::sleep(Duration::from_secs(12)).await;
        answer(StatusCode::OK, r#"{"Traces":[],"UnprocessedTraceIds":[]}"#)
    }));
    let server = serve(app);
    let out = tracectl(
        &[
            "xray",
            "trace",
            "1-6b04d9b5-002c4c2274de5f7070f81dba",
            "--source",
            "summaries",
            "--endpoint-url",
            &format!("http://{}", server.addr),
        ],
        &[],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stderr
            .lines()
            .filter(|l| *l == "fetching 1 traces from X-Ray: still at it after 10 s")
            .count(),
        1,
        "{}",
        out.stderr
    );
}
