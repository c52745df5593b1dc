//! `tracectl doctor` against real parts: the Honeycomb and Rollbar fakes, moto_server
//! (STS, CloudWatch Logs, X-Ray), a real repository with a bare origin, a running
//! `tracectl local listen`, and closed ports. Every FAIL row has a test here.

use serde_json::Value;

use crate::harness::{Background, Output};
use crate::honeycomb_fake::{FakeHoneycomb, KEY, Options};
use crate::python::Moto;
use crate::tag::Repo;

/// Honeycomb's environment keys answer /1/auth with an environment (the fake's KEY does).
struct Parts {
    repo: Repo,
    honeycomb: FakeHoneycomb,
    honeycomb_server: Background,
    rollbar: crate::rollbar::Server,
}

fn parts() -> Parts {
    let (honeycomb, honeycomb_server) = crate::honeycomb::start(Options::default());
    Parts {
        repo: Repo::new(),
        honeycomb,
        honeycomb_server,
        rollbar: crate::rollbar::start(),
    }
}

/// (area, check, status) of each row, in order.
fn rows(out: &Output) -> Vec<(String, String, String)> {
    let report: Value =
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout));
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["area"].as_str().unwrap().to_string(),
                c["check"].as_str().unwrap().to_string(),
                c["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn row<'a>(report: &'a Value, area: &str, check: &str) -> &'a Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["area"] == area && c["check"] == check)
        .unwrap_or_else(|| panic!("no row {area} {check}"))
}

fn triples(list: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    list.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

#[test]
fn a_healthy_setup_is_all_ok_and_names_what_it_found() {
    let p = parts();
    let moto = Moto::start();
    let client = crate::logs::seed_client(&moto);
    tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(crate::logs::create_group(&client, "/cruddur/backend-flask"));
    let listener = crate::local::Listener::start(&p.repo.sandbox, &[]);
    let env_file = p.repo.sandbox.home().join("app.env");
    std::fs::write(
        &env_file,
        format!(
            "OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:{}\nOTEL_SERVICE_NAME=backend-flask\nOTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team={KEY}\nAWS_XRAY_DAEMON_ADDRESS=127.0.0.1:{}\nROLLBAR_ACCESS_TOKEN=0123456789abcdef0123456789abcdef\n",
            listener.http, listener.xray
        ),
    )
    .unwrap();
    let honeycomb = format!("http://{}", p.honeycomb_server.addr);
    let out = p.repo.tracectl_with(
        &[
            ("HONEYCOMB_API_KEY", KEY),
            ("HONEYCOMB_API_ENDPOINT", &honeycomb),
            ("ROLLBAR_ACCESS_TOKEN", crate::rollbar::TOKEN),
            ("ROLLBAR_ENDPOINT", &p.rollbar.endpoint),
            ("AWS_ENDPOINT_URL", &moto.endpoint),
            ("TRACECTL_LOG_GROUPS", "/cruddur/backend-flask"),
        ],
        &[
            "doctor",
            "--send-test",
            "--env-file",
            env_file.to_str().unwrap(),
            "-o",
            "json",
        ],
    );
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(
        rows(&out),
        triples(&[
            ("honeycomb", "key", "OK"),
            ("honeycomb", "auth", "OK"),
            ("honeycomb", "permissions", "OK"),
            ("honeycomb", "query results", "OK"),
            ("rollbar", "token", "WARN"),
            ("rollbar", "write", "OK"),
            ("aws", "region", "OK"),
            ("aws", "credentials", "OK"),
            ("aws", "identity", "OK"),
            ("aws", "cloudwatch logs", "OK"),
            ("aws", "x-ray", "OK"),
            ("aws", "log group", "OK"),
            ("git", "repository", "OK"),
            ("git", "remote", "OK"),
            ("git", "push credential", "OK"),
            ("app", "otlp endpoint", "OK"),
            ("app", "otlp receiver", "OK"),
            ("app", "otlp headers", "OK"),
            ("app", "service name", "OK"),
            ("app", "x-ray daemon", "OK"),
            ("app", "rollbar token", "OK"),
        ])
    );
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        row(&report, "honeycomb", "key")["detail"],
        "from env HONEYCOMB_API_KEY"
    );
    assert_eq!(
        row(&report, "honeycomb", "auth")["detail"],
        "team Cruddur, environment Production, configuration key"
    );
    assert_eq!(
        row(&report, "honeycomb", "permissions")["detail"],
        "events, markers, queries (the Query Data API also needs an Enterprise plan, which /1/auth does not tell)"
    );
    // The fake's token is not shaped like a project token: said, with what to do.
    assert!(
        row(&report, "rollbar", "token")["hint"]
            .as_str()
            .unwrap()
            .contains("post_server_item")
    );
    assert_eq!(
        row(&report, "aws", "region")["detail"],
        "us-east-1 from env AWS_REGION"
    );
    assert_eq!(
        row(&report, "aws", "credentials")["detail"],
        "AWS_ACCESS_KEY_ID in the environment"
    );
    assert!(
        row(&report, "aws", "identity")["detail"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:"),
        "{report}"
    );
    assert_eq!(
        row(&report, "aws", "log group")["detail"],
        "/cruddur/backend-flask exists"
    );
    assert_eq!(
        row(&report, "app", "x-ray daemon")["detail"],
        format!("tracectl local listen at 127.0.0.1:{}", listener.xray)
    );
    assert_eq!(
        row(&report, "app", "otlp endpoint")["detail"],
        format!(
            "http/protobuf to http://127.0.0.1:{}/v1/traces (OTEL_EXPORTER_OTLP_ENDPOINT) [from {}]",
            listener.http,
            env_file.display()
        )
    );
    assert_eq!(
        row(&report, "app", "otlp headers")["detail"],
        "x-honeycomb-team: team Cruddur, environment Production, configuration key"
    );
    assert_eq!(report["summary"]["fail"], 0);
    // The test item reached Rollbar at level debug.
    let items = &p.rollbar.fake().items;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["data"]["level"], "debug");
    // No secret in the report.
    for secret in [
        KEY,
        crate::rollbar::TOKEN,
        "0123456789abcdef0123456789abcdef",
    ] {
        assert!(
            !out.stdout.contains(secret) && !out.stderr.contains(secret),
            "{secret}"
        );
    }
    // Doctor only reads: /1/auth, and a probe of a result that does not exist (no query
    // created, none of the result budget spent).
    let mut paths: Vec<(String, String)> = p
        .honeycomb
        .calls()
        .iter()
        .map(|c| (c.method.clone(), c.path.clone()))
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            ("GET".to_string(), "/1/auth".to_string()),
            ("GET".to_string(), "/1/auth".to_string()),
            (
                "GET".to_string(),
                "/1/query_results/__all__/tracectl-probe".to_string()
            ),
        ]
    );
}

#[test]
fn every_failure_is_a_fail_row_with_a_hint_and_exit_1() {
    let p = parts();
    let closed = crate::harness::free_port().to_string();
    let closed_url = format!("http://127.0.0.1:{closed}");
    // origin points at a repository that is not there.
    p.repo
        .git(&["remote", "set-url", "origin", "/nonexistent/origin.git"]);
    let env_file = p.repo.sandbox.home().join("app.env");
    std::fs::write(
        &env_file,
        format!(
            "OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:{closed}/v1/traces\nOTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team=hcaik_not_a_real_key\nAWS_XRAY_DAEMON_ADDRESS=127.0.0.1:{closed}\n"
        ),
    )
    .unwrap();
    let honeycomb = format!("http://{}", p.honeycomb_server.addr);
    let out = p.repo.tracectl_with(
        &[
            ("HONEYCOMB_API_KEY", "hcaik_refused_key"),
            ("HONEYCOMB_API_ENDPOINT", &honeycomb),
            ("ROLLBAR_ACCESS_TOKEN", "0123456789abcdef0123456789abcdef"),
            ("ROLLBAR_ENDPOINT", &p.rollbar.endpoint),
            ("AWS_ENDPOINT_URL", &closed_url),
            ("TRACECTL_LOG_GROUPS", "/cruddur/backend-flask"),
        ],
        &[
            "doctor",
            "--send-test",
            "--env-file",
            env_file.to_str().unwrap(),
            "-o",
            "json",
        ],
    );
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(
        rows(&out),
        triples(&[
            ("honeycomb", "key", "OK"),
            ("honeycomb", "auth", "FAIL"),
            ("rollbar", "token", "OK"),
            ("rollbar", "write", "FAIL"),
            ("aws", "region", "OK"),
            ("aws", "credentials", "OK"),
            ("aws", "identity", "FAIL"),
            ("aws", "cloudwatch logs", "FAIL"),
            ("aws", "x-ray", "FAIL"),
            ("aws", "log group", "FAIL"),
            ("git", "repository", "OK"),
            ("git", "remote", "FAIL"),
            ("git", "push credential", "OK"),
            ("app", "otlp endpoint", "FAIL"),
            ("app", "otlp receiver", "FAIL"),
            ("app", "otlp headers", "FAIL"),
            ("app", "service name", "WARN"),
            ("app", "x-ray daemon", "FAIL"),
            ("app", "rollbar token", "SKIP"),
        ])
    );
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    for check in report["checks"].as_array().unwrap() {
        if check["status"] != "OK" {
            assert!(
                check["hint"].as_str().is_some_and(|h| !h.is_empty()),
                "no hint: {check}"
            );
        }
    }
    assert!(
        row(&report, "app", "otlp endpoint")["detail"]
            .as_str()
            .unwrap()
            .contains("/v1/traces/v1/traces"),
        "{report}"
    );
    assert_eq!(report["summary"]["fail"], 11);
    assert!(
        out.stderr.starts_with("error: 11 checks failed: honeycomb auth, rollbar write, aws identity, aws cloudwatch logs, aws x-ray, aws log group, git remote, app otlp endpoint, app otlp receiver, app otlp headers, app x-ray daemon"),
        "{}",
        out.stderr
    );
    for secret in [
        "hcaik_refused_key",
        "hcaik_not_a_real_key",
        "0123456789abcdef0123456789abcdef",
    ] {
        assert!(
            !out.stdout.contains(secret) && !out.stderr.contains(secret),
            "{secret}"
        );
    }
}

#[test]
fn no_credentials_no_remote_and_a_bad_daemon_address_fail_too() {
    let p = parts();
    let env_file = p.repo.sandbox.home().join("app.env");
    std::fs::write(
        &env_file,
        "AWS_XRAY_DAEMON_ADDRESS=localhost\nOTEL_SERVICE_NAME=x\nOTEL_EXPORTER_OTLP_ENDPOINT=https://api.honeycomb.io\n",
    )
    .unwrap();
    let mut cmd = p.repo.sandbox.cmd();
    cmd.current_dir(&p.repo.work)
        .env(
            "GIT_CONFIG_GLOBAL",
            p.repo.sandbox.home().join(".gitconfig"),
        )
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .args([
            "doctor",
            "--remote",
            "upstream",
            "--env-file",
            env_file.to_str().unwrap(),
            "-o",
            "json",
        ]);
    let out = crate::harness::run(&mut cmd);
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(row(&report, "aws", "credentials")["status"], "FAIL");
    assert_eq!(row(&report, "git", "remote")["status"], "FAIL");
    assert_eq!(
        row(&report, "git", "remote")["detail"],
        "no remote named upstream"
    );
    assert_eq!(row(&report, "app", "x-ray daemon")["status"], "FAIL");
    assert_eq!(
        row(&report, "app", "x-ray daemon")["detail"],
        "AWS_XRAY_DAEMON_ADDRESS: 'localhost' has no port"
    );
    assert_eq!(row(&report, "honeycomb", "key")["status"], "SKIP");
    // Honeycomb's endpoint without its key header: the spans are refused.
    assert_eq!(row(&report, "app", "otlp headers")["status"], "FAIL");
    assert_eq!(
        row(&report, "app", "otlp headers")["detail"],
        "api.honeycomb.io needs an x-honeycomb-team header, and there is none"
    );
}

#[test]
fn an_unreadable_env_file_is_bad_usage() {
    let p = parts();
    let out = p
        .repo
        .tracectl_with(&[], &["doctor", "--env-file", "/nonexistent/.env"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("error: cannot read --env-file /nonexistent/.env: "),
        "{}",
        out.stderr
    );
}

#[test]
fn an_x_ray_daemon_is_named_and_a_dataset_header_on_an_environment_key_is_a_warning() {
    let p = parts();
    // The daemon's TCP side relays GetSamplingRules to X-Ray unsigned-in, signed-out, and
    // hands back X-Ray's answer: a stand-in that answers as it does.
    let daemon = crate::harness::serve(axum::Router::new().route(
        "/GetSamplingRules",
        axum::routing::post(|| async {
            axum::Json(
                serde_json::json!({"SamplingRuleRecords": [{"SamplingRule": {
                "RuleName": "Default", "Priority": 10000, "FixedRate": 0.05, "ReservoirSize": 1,
                "ServiceName": "*", "ServiceType": "*", "Host": "*", "HTTPMethod": "*",
                "URLPath": "*", "ResourceARN": "*", "Version": 1}}]}),
            )
        }),
    ));
    let otlp = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let env_file = p.repo.sandbox.home().join("app.env");
    std::fs::write(
        &env_file,
        format!(
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://{}/v1/traces\nOTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team={KEY},x-honeycomb-dataset=cruddur\nAWS_XRAY_DAEMON_ADDRESS={}\n",
            otlp.local_addr().unwrap(),
            daemon.addr
        ),
    )
    .unwrap();
    let honeycomb = format!("http://{}", p.honeycomb_server.addr);
    // No AWS region: the aws area is skipped, nothing leaves this machine.
    let mut cmd = p.repo.sandbox.cmd();
    cmd.current_dir(&p.repo.work)
        .env(
            "GIT_CONFIG_GLOBAL",
            p.repo.sandbox.home().join(".gitconfig"),
        )
        .env("HONEYCOMB_API_ENDPOINT", &honeycomb)
        .env_remove("AWS_REGION")
        .args([
            "doctor",
            "--env-file",
            env_file.to_str().unwrap(),
            "-o",
            "json",
        ]);
    let out = crate::harness::run(&mut cmd);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        row(&report, "app", "x-ray daemon")["detail"],
        format!("an X-Ray daemon at {}", daemon.addr)
    );
    assert_eq!(row(&report, "app", "otlp receiver")["status"], "OK");
    let headers = row(&report, "app", "otlp headers");
    assert_eq!(headers["status"], "WARN");
    assert_eq!(
        headers["detail"],
        "an environment key (team Cruddur, environment Production, configuration key), with an x-honeycomb-dataset header that it ignores"
    );
    assert!(!out.stdout.contains(KEY));
}

/// What a new user sees on a machine with nothing set up: every row, its status and its
/// hint, as a table (the whole output pinned).
#[test]
fn nothing_configured_is_a_table_of_skips_and_fixes() {
    let repo = Repo::new();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let env_file = repo.sandbox.home().join("app.env");
    std::fs::write(
        &env_file,
        format!("OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:{port}\nAWS_XRAY_DAEMON_ADDRESS=127.0.0.1:{port}\n"),
    )
    .unwrap();
    let _filters = repo.sandbox.snapshot_filters().bind_to_scope();
    // AWS at a closed port too: refused the same way on every machine.
    let aws = format!("http://127.0.0.1:{port}");
    let out = repo.tracectl_with(
        &[("COLUMNS", "200"), ("AWS_ENDPOINT_URL", &aws)],
        &["doctor", "--env-file", env_file.to_str().unwrap()],
    );
    insta::assert_snapshot!(out, @r#"
    exit 1
    --- stdout
     AREA       CHECK            STATUS  DETAIL
     honeycomb  key              SKIP    no API key
                                         hint: set HONEYCOMB_API_KEY or add honeycomb_api_key to profile "default"; `tracectl config show` shows what is used
     rollbar    token            SKIP    no access token
                                         hint: set ROLLBAR_ACCESS_TOKEN or add rollbar_access_token to profile "default"; `tracectl config show` shows what is used
     aws        region           OK      us-east-1 from env AWS_REGION
     aws        credentials      OK      AWS_ACCESS_KEY_ID in the environment
     aws        identity         FAIL    STS GetCallerIdentity: cannot reach AWS: Connection refused (os error 111)
                                         hint: check the network, --endpoint-url and AWS_ENDPOINT_URL
     aws        cloudwatch logs  FAIL    DescribeLogGroups: cannot reach AWS: Connection refused (os error 111)
                                         hint: check the network, --endpoint-url and AWS_ENDPOINT_URL
     aws        x-ray            FAIL    GetServiceGraph: cannot reach AWS: Connection refused (os error 111)
                                         hint: check the network, --endpoint-url and AWS_ENDPOINT_URL
     aws        log groups       SKIP    none configured
                                         hint: set TRACECTL_LOG_GROUPS or add log_groups to profile "default"; `tracectl config show` shows what is used
     git        repository       OK      [HOME]/work/
     git        remote           OK      origin ([HOME]/origin.git) answers; 0 tags
     git        push credential  OK      none needed (a repository on this machine)
     app        otlp endpoint    OK      http/protobuf to http://127.0.0.1:[PORT]/v1/traces (OTEL_EXPORTER_OTLP_ENDPOINT) [from [HOME]/app.env]
     app        otlp receiver    FAIL    nothing answers at 127.0.0.1:[PORT] (Connection refused (os error 111))
                                         hint: start `tracectl local listen`, or point OTEL_EXPORTER_OTLP_ENDPOINT where a collector runs
     app        otlp headers     OK      0 headers, no Honeycomb key
     app        service name     WARN    not set: spans arrive as unknown_service
                                         hint: set OTEL_SERVICE_NAME, e.g. OTEL_SERVICE_NAME=backend-flask
     app        x-ray daemon     FAIL    nothing listens at 127.0.0.1:[PORT] (Connection refused (os error 111)): X-Ray SDK segments sent there are lost without a word
                                         hint: start `tracectl local listen` (or the X-Ray daemon), or fix AWS_XRAY_DAEMON_ADDRESS
     app        rollbar token    SKIP    ROLLBAR_ACCESS_TOKEN is not set in [HOME]/app.env
                                         hint: the app reports no errors to Rollbar without it
    --- stderr
    error: 5 checks failed: aws identity, aws cloudwatch logs, aws x-ray, app otlp receiver, app x-ray daemon
    hint: each failed row's hint says what to do
    "#);
}
