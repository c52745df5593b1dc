//! `logs groups` and `logs streams` against a real moto_server, seeded by an SDK client in
//! the test; the listing goes through the binary and so through clients/aws.rs.

use aws_sdk_cloudwatchlogs::Client;
use aws_sdk_cloudwatchlogs::types::InputLogEvent;
use serde_json::Value;

use crate::harness::{FAKE_AWS_KEY_ID, FAKE_AWS_SECRET, Sandbox, run};
use crate::python::Moto;

pub fn seed_client(moto: &Moto) -> Client {
    Client::new(&moto.sdk_config())
}

async fn create_groups(client: &Client, names: &[&str]) {
    for name in names {
        client
            .create_log_group()
            .log_group_name(*name)
            .send()
            .await
            .unwrap();
    }
}

pub async fn create_group(client: &Client, group: &str) {
    create_groups(client, &[group]).await;
}

/// Puts `(timestamp, message)` events into a stream, creating it if needed, in batches.
pub async fn put(client: &Client, group: &str, stream: &str, events: &[(i64, String)]) {
    let _ = client
        .create_log_stream()
        .log_group_name(group)
        .log_stream_name(stream)
        .send()
        .await;
    let mut sorted = events.to_vec();
    sorted.sort();
    for chunk in sorted.chunks(5000) {
        let batch = chunk
            .iter()
            .map(|(ts, m)| {
                InputLogEvent::builder()
                    .timestamp(*ts)
                    .message(m)
                    .build()
                    .unwrap()
            })
            .collect();
        client
            .put_log_events()
            .log_group_name(group)
            .log_stream_name(stream)
            .set_log_events(Some(batch))
            .send()
            .await
            .unwrap();
    }
}

fn names(json: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("bad JSON ({e}): {json}"));
    v.as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn groups_lists_what_moto_holds_across_pages() {
    let moto = Moto::start();
    let client = seed_client(&moto);
    create_groups(
        &client,
        &[
            "/cruddur/backend-flask",
            "/cruddur/frontend",
            "/aws/lambda/x",
        ],
    )
    .await;
    client
        .put_retention_policy()
        .log_group_name("/cruddur/backend-flask")
        .retention_in_days(7)
        .send()
        .await
        .unwrap();
    // DescribeLogGroups pages hold 50 groups: these force a second page.
    let many: Vec<String> = (0..55).map(|i| format!("/bulk/group-{i:03}")).collect();
    create_groups(
        &client,
        &many.iter().map(String::as_str).collect::<Vec<_>>(),
    )
    .await;

    let sandbox = Sandbox::new();
    let out = run(sandbox
        .cmd()
        .env("AWS_ENDPOINT_URL", &moto.endpoint)
        .args(["logs", "groups", "-o", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut want: Vec<String> = [
        "/aws/lambda/x",
        "/cruddur/backend-flask",
        "/cruddur/frontend",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(many.iter().cloned())
    .collect();
    want.sort();
    assert_eq!(names(&out.stdout), want);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    let flask = v
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "/cruddur/backend-flask")
        .unwrap();
    assert_eq!(flask["retention_days"], 7);

    // --prefix, through the --endpoint-url flag this time.
    let out = run(sandbox.cmd().args([
        "logs",
        "groups",
        "--prefix",
        "/cruddur/",
        "-o",
        "json",
        "--endpoint-url",
        &moto.endpoint,
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        names(&out.stdout),
        ["/cruddur/backend-flask", "/cruddur/frontend"]
    );

    // The human table has the same rows.
    let out = run(sandbox.cmd().env("AWS_ENDPOINT_URL", &moto.endpoint).args([
        "logs",
        "groups",
        "--prefix",
        "/cruddur/",
    ]));
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.stdout);
    assert!(lines[0].contains("NAME") && lines[0].contains("RETENTION"));
    assert!(
        lines[1].contains("/cruddur/backend-flask") && lines[1].contains("7 d"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains("/cruddur/frontend") && lines[2].contains("never expires"),
        "{}",
        lines[2]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn streams_newest_first_and_missing_group_suggests_the_closest() {
    let moto = Moto::start();
    let client = seed_client(&moto);
    create_groups(&client, &["/cruddur/backend-flask"]).await;
    let now = jiff::Timestamp::now().as_millisecond();
    for (stream, age_ms) in [
        ("i-0001/backend-flask", 60_000),
        ("i-0002/backend-flask", 1_000),
        ("i-0003/backend-flask", 30_000),
    ] {
        put(
            &client,
            "/cruddur/backend-flask",
            stream,
            &[(now - age_ms, "hello".to_string())],
        )
        .await;
    }

    let sandbox = Sandbox::new();
    let out = run(sandbox.cmd().env("AWS_ENDPOINT_URL", &moto.endpoint).args([
        "logs",
        "streams",
        "/cruddur/backend-flask",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        names(&out.stdout),
        [
            "i-0002/backend-flask",
            "i-0003/backend-flask",
            "i-0001/backend-flask"
        ]
    );

    let out = run(sandbox.cmd().env("AWS_ENDPOINT_URL", &moto.endpoint).args([
        "logs",
        "streams",
        "/cruddur/backend-flask",
        "--prefix",
        "i-0003",
        "-o",
        "json",
    ]));
    assert_eq!(names(&out.stdout), ["i-0003/backend-flask"]);

    // --region beats AWS_REGION, and the message names the region really used.
    let out = run(sandbox
        .cmd()
        .env("AWS_ENDPOINT_URL", &moto.endpoint)
        .env("AWS_REGION", "eu-west-1")
        .args([
            "logs",
            "--region",
            "us-east-1",
            "streams",
            "/cruddur/backnd-flask",
        ]));
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "error: log group /cruddur/backnd-flask not found in us-east-1\n\
         hint: did you mean /cruddur/backend-flask? (tracectl logs groups lists them)\n"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn verbose_traces_name_the_call_and_never_the_credentials() {
    let moto = Moto::start();
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .cmd()
        .env("AWS_ENDPOINT_URL", &moto.endpoint)
        .args(["-vv", "logs", "groups"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("> CloudWatchLogs.DescribeLogGroups POST"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("< CloudWatchLogs.DescribeLogGroups 200"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains(FAKE_AWS_SECRET) && !out.stderr.contains(FAKE_AWS_KEY_ID),
        "{}",
        out.stderr
    );
}

#[test]
fn no_region_is_a_usage_error_with_a_hint() {
    let sandbox = Sandbox::new();
    let out = run(sandbox.cmd().env_remove("AWS_REGION").args([
        "logs",
        "groups",
        "--endpoint-url",
        "http://127.0.0.1:9",
    ]));
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: no AWS region is configured\n\
         hint: pass --region, set AWS_REGION/AWS_DEFAULT_REGION or add aws_region to profile \"default\"; `tracectl config show` shows what is used\n"
    );
}

#[test]
fn unreachable_endpoint_fails_with_a_hint() {
    let sandbox = Sandbox::new();
    let port = crate::harness::free_port();
    let out = run(sandbox.cmd().args([
        "logs",
        "groups",
        "--endpoint-url",
        &format!("http://127.0.0.1:{port}"),
    ]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    // The SDK retries a refused connection for a few seconds; past five, that is said
    // first. Then exactly the error and its hint.
    let lines: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| !l.starts_with("listing log groups: no answer after 5 s; retrying"))
        .collect();
    assert_eq!(lines.len(), 2, "{}", out.stderr);
    assert!(
        lines[0].starts_with("error: cannot list log groups: cannot reach AWS"),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[1],
        "hint: check the network, --endpoint-url and AWS_ENDPOINT_URL"
    );
}

#[test]
fn no_credentials_is_a_clear_error_with_a_hint() {
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .cmd()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .args(["logs", "groups", "--endpoint-url", "http://127.0.0.1:9"]));
    assert_eq!(out.code, 1);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(
        lines[0].starts_with("error: cannot list log groups: no AWS credentials found"),
        "{}",
        out.stderr
    );
    assert_eq!(
        lines[1],
        "hint: set AWS_PROFILE (or aws_profile in the tracectl profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run `aws sso login`"
    );
}
