//! `tracectl mcp` with a real agent's client: the official MCP Python SDK over stdio.
//! The store is filled by the test Flask app (its spans, logs and error through `local
//! listen`), and every tool's answer is compared with the command's own `-o json`.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::harness::Sandbox;
use crate::local::{Listener, flask_app, wait_for_spans};
use crate::twin::local_json;

/// Runs the SDK's client against `tracectl mcp ARGS` with these calls; its report.
fn agent(sandbox: &Sandbox, args: &[&str], calls: &Value) -> Value {
    agent_with(sandbox, args, &[], calls)
}

/// As [`agent`], the server started with these variables too.
fn agent_with(sandbox: &Sandbox, args: &[&str], env: &[(&str, &str)], calls: &Value) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mcp_client.py");
    let mut cmd = Command::new(crate::python::venv().join("bin/python"));
    cmd.arg(script)
        .arg(env!("CARGO_BIN_EXE_tracectl"))
        .arg("mcp")
        .args(args);
    agents_environment(&mut cmd, sandbox)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(calls.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A report without what differs between two reads a moment apart (the window's ends)
/// and the bounding fields the tools add.
/// What the agent starts the server with (and `doctor` is compared under): the sandbox,
/// and no AWS account — the AWS tools say so when called; the local ones answer.
fn agents_environment<'a>(cmd: &'a mut Command, sandbox: &Sandbox) -> &'a mut Command {
    cmd.current_dir(sandbox.home())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", sandbox.home())
        .env("TZ", "UTC")
        .env("AWS_CONFIG_FILE", sandbox.home().join("none"))
        .env("AWS_SHARED_CREDENTIALS_FILE", sandbox.home().join("none"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
}

fn comparable(mut report: Value) -> Value {
    if let Some(map) = report.as_object_mut() {
        for key in ["window", "truncated", "cursor"] {
            map.remove(key);
        }
    }
    report
}

#[test]
fn an_agent_lists_the_tools_and_reads_what_the_commands_print() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    flask_app("otlp-http", &crate::twin::app_env(&listener, listener.http));
    wait_for_spans(&listener.db, 8);
    let db = listener.db.clone();
    let db_arg = db.to_str().unwrap();

    let traces = local_json(
        &sandbox,
        &db,
        &["traces", "--since", "1h", "--sort", "newest"],
    );
    let boom = traces["traces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["status"] == 500)
        .expect("the app's failed request")["id"]
        .as_str()
        .unwrap()
        .to_string();
    let calls = json!([
        ["traces", {"since": "1h", "sort": "newest"}],
        ["trace", {"id": boom}],
        ["services", {"since": "1h"}],
        ["logs", {}],
        ["logs", {"trace_id": boom}],
        ["errors", {}],
        ["traces", {"since": "soon"}],
        ["trace", {"id": "not-an-id"}],
        ["logs", {"level": "loud"}],
        ["traces", {"source": "xray"}],
        ["traces", {"since": "1h", "cursor": "bogus"}],
        ["query", {"calculations": ["COUNT", "P99(duration_ms)"], "breakdowns": ["name"], "since": "1h"}],
        ["query", {"calculations": ["P99(nope"]}],
        ["doctor", {}],
        ["traces", {"cursor": "l5.o1"}],
        ["logs", {"cursor": "c9.5.o1"}],
    ]);
    let report = agent(&sandbox, &["--db", db_arg], &calls);
    assert_eq!(report["server"], "tracectl");
    let mut names: Vec<&str> = report["tools"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "doctor", "errors", "logs", "lookup", "query", "services", "trace", "traces"
        ]
    );
    // The schemas name the commands' flags; an id is required where the command needs one.
    let properties = |tool: &str| -> Vec<String> {
        let mut keys: Vec<String> = report["tools"][tool]["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    };
    assert_eq!(
        properties("traces"),
        [
            "cursor",
            "errors",
            "faults",
            "limit",
            "max_bytes",
            "service",
            "since",
            "slower_than",
            "sort",
            "source",
            "throttles",
            "url_contains"
        ]
    );
    assert_eq!(report["tools"]["trace"]["required"], json!(["id"]));
    assert_eq!(
        properties("logs"),
        [
            "cursor",
            "grep",
            "groups",
            "level",
            "max_bytes",
            "max_events",
            "pattern",
            "service",
            "since",
            "source",
            "trace_id"
        ]
    );
    let answers = report["answers"].as_array().unwrap();
    let ok = |i: usize| -> &Value {
        let a = &answers[i];
        assert_eq!(a["isError"], false, "call {i}: {a:#}");
        &a["structured"]
    };

    // Each tool's result is the command's -o json.
    assert_eq!(comparable(ok(0).clone()), comparable(traces.clone()));
    assert_eq!(ok(0)["truncated"], false);
    assert_eq!(*ok(1), local_json(&sandbox, &db, &["trace", &boom]));
    assert_eq!(
        comparable(ok(2).clone()),
        comparable(local_json(&sandbox, &db, &["services", "--since", "1h"]))
    );
    let lines = local_json(&sandbox, &db, &["logs"]);
    assert_eq!(ok(3)["lines"], lines);
    assert_eq!(ok(3)["truncated"], false);
    assert_eq!(
        ok(4)["lines"],
        local_json(&sandbox, &db, &["logs", "--trace", &boom])
    );
    assert!(!ok(4)["lines"].as_array().unwrap().is_empty());
    assert_eq!(*ok(5), local_json(&sandbox, &db, &["errors"]));
    assert_eq!(ok(5)["items"].as_array().unwrap().len(), 1);

    // Bad arguments are tool errors carrying tracectl's error and hint.
    let text = |i: usize| {
        let a = &answers[i];
        assert_eq!(a["isError"], true, "call {i}: {a:#}");
        a["text"].as_str().unwrap().to_string()
    };
    let t = text(6);
    assert!(
        t.starts_with("error: since: ") && t.contains("\nhint: a duration like 15m, 1h or 2d"),
        "{t}"
    );
    let t = text(7);
    assert!(
        t.starts_with("error: id: ") && t.contains("\nhint: a W3C id (32 hex digits)"),
        "{t}"
    );
    assert_eq!(
        text(8),
        "error: level: loud is no level\nhint: one of debug, info, warn, error, fatal"
    );
    let t = text(9);
    assert!(
        t.starts_with("error: cannot fetch X-Ray trace summaries")
            || t.starts_with("error: the AWS sources cannot be used"),
        "{t}"
    );
    assert!(t.contains("\nhint: "), "{t}");
    // The query tool answers what `local query` answers (without the series it skips).
    let mut query = local_json(
        &sandbox,
        &db,
        &[
            "query",
            "-c",
            "COUNT",
            "-c",
            "P99(duration_ms)",
            "-b",
            "name",
            "--since",
            "1h",
            "--no-series",
        ],
    );
    let answered = ok(11).clone();
    assert_eq!(answered["results"], query["results"]);
    assert!(query["results"].as_array().unwrap().len() >= 3, "{query:#}");
    query["query"]["time_range"] = answered["query"]["time_range"].clone();
    assert_eq!(answered["query"], query["query"]);
    let t = text(12);
    assert!(
        t.starts_with("error: ")
            && t.contains("\nhint: the forms are those of `tracectl local query --help`"),
        "{t}"
    );
    // doctor answers what `tracectl doctor -o json` answers in the same environment.
    let mut doctor = Command::new(env!("CARGO_BIN_EXE_tracectl"));
    agents_environment(&mut doctor, &sandbox).args(["doctor", "-o", "json"]);
    let out = doctor.output().unwrap();
    let expected: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(*ok(13), expected);
    let areas: std::collections::BTreeSet<&str> = expected["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["area"].as_str().unwrap())
        .collect();
    assert_eq!(
        areas.into_iter().collect::<Vec<_>>(),
        ["app", "aws", "git", "honeycomb", "rollbar"]
    );
    let t = text(10);
    assert!(
        t.starts_with("error: cursor: \"bogus\" is not a cursor this server gave\nhint: "),
        "{t}"
    );
    // A cursor of another tool or source is refused, not read as an offset.
    assert_eq!(
        text(14),
        "error: cursor: not a cursor of the traces tool\nhint: pass the `cursor` of the previous traces answer, or none"
    );
    assert_eq!(
        text(15),
        "error: cursor: not a cursor of this tool and source\nhint: pass the `cursor` of the previous answer of the same source, or none"
    );
}

#[test]
fn a_cursor_walks_a_large_result_to_its_end_with_no_record_lost_or_repeated() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    for _ in 0..3 {
        flask_app("otlp-http", &crate::twin::app_env(&listener, listener.http));
    }
    wait_for_spans(&listener.db, 24);
    let db = listener.db.clone();
    let all = local_json(&sandbox, &db, &["traces", "--since", "1h", "--limit", "0"]);
    let ids: Vec<&Value> = all["traces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| &t["id"])
        .collect();
    let lines = local_json(&sandbox, &db, &["logs"]);
    assert!(ids.len() >= 6 && lines.as_array().unwrap().len() >= 12);
    let calls = json!([
        {"walk": "traces", "arguments": {"since": "1h", "limit": 1000, "max_bytes": 1800}},
        {"walk": "logs", "arguments": {"max_bytes": 700}},
    ]);
    let report = agent(&sandbox, &["--db", db.to_str().unwrap()], &calls);
    let pages = report["answers"][0].as_array().unwrap();
    assert!(pages.len() > 2, "{} pages", pages.len());
    let mut walked = Vec::new();
    for page in pages {
        assert_eq!(page["isError"], false, "{page:#}");
        let s = &page["structured"];
        let size = serde_json::to_vec(s).unwrap().len();
        assert!(size <= 1800, "{size} bytes: {s:#}");
        assert_eq!(
            s["summary"], all["summary"],
            "every page carries the whole summary"
        );
        walked.extend(
            s["traces"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["id"].clone()),
        );
        if s["truncated"] == true {
            assert!(
                page["text"]
                    .as_str()
                    .unwrap()
                    .contains("were left out to keep the answer under 1800 bytes")
            );
        }
    }
    assert_eq!(walked.iter().collect::<Vec<_>>(), ids);
    let pages = report["answers"][1].as_array().unwrap();
    assert!(pages.len() > 2, "{} pages", pages.len());
    let walked: Vec<Value> = pages
        .iter()
        .flat_map(|p| p["structured"]["lines"].as_array().unwrap().clone())
        .collect();
    assert_eq!(Value::Array(walked), lines);
}

#[test]
fn stdout_carries_only_the_protocol() {
    let sandbox = Sandbox::new();
    let mut child = crate::local::tracectl_process(&sandbox)
        .current_dir(sandbox.home())
        .args(["mcp", "--db", "none.db", "-v"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let messages = [
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}}),
        json!({"jsonrpc": "2.0", "method": "notifications/initialized"}),
        json!({"jsonrpc": "2.0", "id": 2, "method": "tools/list"}),
        json!({"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "traces", "arguments": {}}}),
    ];
    let mut stdin = child.stdin.take().unwrap();
    for m in &messages {
        writeln!(stdin, "{m}").unwrap();
    }
    // Answers come before stdin closes; give the server a moment, then close it.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut answers: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(answers.iter().all(|a| a["jsonrpc"] == "2.0"), "{stdout}");
    // JSON-RPC answers requests in flight in any order (the server runs them side by
    // side): each id exactly once.
    answers.sort_by_key(|a| a["id"].as_u64());
    let ids: Vec<&Value> = answers.iter().map(|a| &a["id"]).collect();
    assert_eq!(ids, [&json!(1), &json!(2), &json!(3)], "{stdout}");
    assert_eq!(answers[0]["result"]["protocolVersion"], "2025-06-18");
    // The store does not exist: a tool error with the hint, not a protocol error.
    let call = &answers[2]["result"];
    assert_eq!(call["isError"], true, "{call:#}");
    assert!(
        call["content"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("error: "),
        "{call:#}"
    );
}

/// What the server and the commands are started with to reach the clouds' fakes of
/// `trace`'s world: X-Ray's fake, moto's CloudWatch Logs, Honeycomb's fake.
fn cloud_env(w: &crate::trace::World) -> Vec<(&'static str, String)> {
    vec![
        ("AWS_ACCESS_KEY_ID", crate::harness::FAKE_AWS_KEY_ID.into()),
        (
            "AWS_SECRET_ACCESS_KEY",
            crate::harness::FAKE_AWS_SECRET.into(),
        ),
        ("AWS_REGION", "us-east-1".into()),
        ("AWS_ENDPOINT_URL_XRAY", format!("http://{}", w.xray.addr)),
        ("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", w.moto.endpoint.clone()),
        ("HONEYCOMB_API_KEY", crate::honeycomb_fake::KEY.into()),
        (
            "HONEYCOMB_API_ENDPOINT",
            format!("http://{}", w.honeycomb.addr),
        ),
        ("HONEYCOMB_DATASET", "cruddur-traces".into()),
        ("TRACECTL_LOG_GROUPS", crate::trace::GROUP.into()),
        ("TRACECTL_LOCAL_DB", w.db.to_str().unwrap().into()),
    ]
}

/// A command's `-o json` in the same environment as the server's.
fn command_json(w: &crate::trace::World, args: &[&str]) -> Value {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tracectl"));
    agents_environment(&mut cmd, &w.sandbox)
        .envs(cloud_env(w))
        .args(args)
        .args(["-o", "json"]);
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout).unwrap_or_else(|_| {
        // JSON lines (logs tail): an array of them.
        Value::Array(
            stdout
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect(),
        )
    })
}

#[test]
fn the_cloud_tools_answer_what_the_commands_print() {
    let w = crate::trace::world();
    let env = cloud_env(&w);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let group = crate::trace::GROUP;
    let calls = json!([
        ["lookup", {"id": w.xray_id}],
        ["trace", {"id": w.xray_id, "source": "xray"}, {"progress": true}],
        ["traces", {"source": "xray", "since": "1h"}],
        ["services", {"source": "xray", "since": "1h"}],
        ["logs", {"source": "cloudwatch", "groups": [group], "since": "2h"}],
        ["logs", {"source": "cloudwatch", "since": "2h", "trace_id": w.w3c}],
        {"walk": "logs", "arguments": {"source": "cloudwatch", "since": "2h", "max_events": 2}},
        ["query", {"source": "honeycomb", "calculations": ["COUNT"], "breakdowns": ["name"], "since": "1d"}],
        ["logs", {"source": "cloudwatch", "groups": ["/no/such/group"], "since": "1h"}],
        ["logs", {"source": "cloudwatch", "since": "1h", "level": "error"}],
        ["lookup", {"id": "0123456789abcdef0123456789abcdef"}],
        ["honeycomb_marker", {"message": "deploy v0.3"}],
    ]);
    let report = agent_with(&w.sandbox, &[], &env, &calls);
    let answers = report["answers"].as_array().unwrap();
    let ok = |i: usize| -> &Value {
        let a = &answers[i];
        assert_eq!(a["isError"], false, "call {i}: {a:#}");
        &a["structured"]
    };
    let text = |i: usize| {
        let a = &answers[i];
        assert_eq!(a["isError"], true, "call {i}: {a:#}");
        a["text"].as_str().unwrap().to_string()
    };

    // lookup: `tracectl trace ID -o json`, every source found.
    let lookup = command_json(&w, &["trace", &w.xray_id]);
    assert_eq!(*ok(0), lookup);
    let found: Vec<&str> = lookup["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["answer"]["status"] == "found" || s["status"] == "found")
        .map(|s| s["source"].as_str().unwrap())
        .collect();
    assert_eq!(found.len(), 4, "{lookup:#}");

    // trace from X-Ray: the one trace of `xray trace ID -o json`, progress told.
    let xray = command_json(&w, &["xray", "trace", &w.xray_id]);
    assert_eq!(
        *ok(1),
        xray.as_array().map_or(xray.clone(), |a| a[0].clone())
    );
    let progress = answers[1]["progress"].as_array().unwrap();
    assert_eq!(
        progress[0]["message"], "X-Ray BatchGetTraces: 1 ids",
        "{progress:?}"
    );
    let steps: Vec<f64> = progress
        .iter()
        .map(|p| p["progress"].as_f64().unwrap())
        .collect();
    assert!(steps.windows(2).all(|w| w[0] < w[1]), "{steps:?}");

    // traces and services from X-Ray.
    let traces = command_json(&w, &["xray", "traces", "--since", "1h"]);
    assert_eq!(comparable(ok(2).clone()), comparable(traces.clone()));
    assert_eq!(ok(2)["summary"]["traces"], 1);
    let services = command_json(&w, &["xray", "services", "--since", "1h"]);
    assert_eq!(comparable(ok(3).clone()), comparable(services));

    // CloudWatch lines: `logs tail GROUP --since 2h -o json`, line for line.
    let tail = command_json(&w, &["logs", "tail", group, "--since", "2h"]);
    assert_eq!(tail.as_array().unwrap().len(), 5, "{tail:#}");
    assert_eq!(ok(4)["lines"], tail);
    assert_eq!(ok(4)["groups"], json!([group]));
    // By trace id (either form; the configured group): the four lines that carry it.
    let messages: Vec<&str> = ok(5)["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 4, "{messages:?}");
    assert!(
        messages
            .iter()
            .all(|m| m.contains(&w.w3c) || m.contains(&w.xray_id))
    );
    // Two at a time, to the end: every line once, in order.
    let pages = answers[6].as_array().unwrap();
    assert_eq!(pages.len(), 3, "{pages:?}");
    let walked: Vec<Value> = pages
        .iter()
        .flat_map(|p| p["structured"]["lines"].as_array().unwrap().clone())
        .collect();
    assert_eq!(Value::Array(walked), tail);

    // Honeycomb's query: the results of `honeycomb query -o json`.
    let query = command_json(
        &w,
        &[
            "honeycomb",
            "query",
            "-c",
            "COUNT",
            "-b",
            "name",
            "--since",
            "1d",
        ],
    );
    assert_eq!(ok(7)["results"], query["results"]);
    assert_eq!(ok(7)["results"].as_array().unwrap().len(), 3, "{query:#}");
    assert_eq!(ok(7)["query"], query["query"]);

    // Failures are the commands' errors and hints.
    let t = text(8);
    assert!(
        t.starts_with("error: ") && t.contains("/no/such/group"),
        "{t}"
    );
    assert!(t.contains("\nhint: "), "{t}");
    assert_eq!(
        text(9),
        "error: CloudWatch lines have no service or level to filter by\nhint: use pattern (a CloudWatch filter pattern, e.g. ERROR) or grep"
    );
    let t = text(10);
    assert!(
        t.starts_with("error: trace 0123456789abcdef0123456789abcdef was found nowhere (asked: "),
        "{t}"
    );
    // Without --allow-write the write tools are neither listed nor callable.
    assert!(report["tools"].get("honeycomb_marker").is_none());
    assert!(report["tools"].get("rollbar_trigger").is_none());
    assert_eq!(
        answers[11],
        json!({"protocolError": "tool not found"}),
        "a JSON-RPC error, not a tool's answer"
    );
    assert!(
        !w.honeycomb_fake
            .calls()
            .iter()
            .any(|c| c.path.starts_with("/1/markers")),
        "nothing was marked"
    );
    // With it, the marker is made as `honeycomb marker` makes it.
    let calls = json!([["honeycomb_marker", {"message": "deploy v0.3", "url": "https://example.com/v0.3"}]]);
    let report = agent_with(&w.sandbox, &["--allow-write"], &env, &calls);
    let made = &report["answers"][0];
    assert_eq!(made["isError"], false, "{made:#}");
    let sent: Vec<Value> = w
        .honeycomb_fake
        .calls()
        .into_iter()
        .filter(|c| c.method == "POST" && c.path == "/1/markers/cruddur-traces")
        .map(|c| c.body)
        .collect();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["message"], "deploy v0.3");
    assert_eq!(sent[0]["type"], "deploy");
    assert_eq!(sent[0]["url"], "https://example.com/v0.3");
    assert_eq!(made["structured"]["message"], "deploy v0.3");
    assert!(made["structured"]["id"].is_string());
    let secret = crate::honeycomb_fake::KEY;
    assert!(!report.to_string().contains(secret), "the key never shows");
}

#[test]
fn rollbar_errors_are_read_and_test_errors_sent_only_when_writes_are_allowed() {
    use crate::rollbar::{READ_ONLY_TOKEN, TOKEN};
    let server = crate::rollbar::start();
    let sandbox = Sandbox::new();
    let env = [
        ("ROLLBAR_ACCESS_TOKEN", TOKEN),
        ("ROLLBAR_READ_ACCESS_TOKEN", READ_ONLY_TOKEN),
        ("ROLLBAR_ENDPOINT", server.endpoint.as_str()),
    ];
    let trigger = json!(["rollbar_trigger", {
        "count": 2, "environment": "staging", "level": "warning",
        "custom": {"user_id": 42, "region": "eu"}, "wait": true
    }]);
    // Off: not offered, refused, nothing sent.
    let report = agent_with(&sandbox, &[], &env, &json!([trigger.clone()]));
    assert!(report["tools"].get("rollbar_trigger").is_none());
    assert_eq!(
        report["answers"][0],
        json!({"protocolError": "tool not found"})
    );
    assert_eq!(server.fake().items.len(), 0);

    let calls = json!([
        trigger,
        ["errors", {"source": "rollbar", "environment": "staging", "status": "all"}],
        ["errors", {"source": "rollbar", "level": "loud"}],
        ["rollbar_trigger", {"count": 1000}],
    ]);
    let report = agent_with(&sandbox, &["--allow-write"], &env, &calls);
    let answers = report["answers"].as_array().unwrap();
    let sent = &answers[0];
    assert_eq!(sent["isError"], false, "{sent:#}");
    let sent = sent["structured"]["sent"].as_array().unwrap();
    assert_eq!(sent.len(), 2);
    assert!(
        sent.iter()
            .all(|s| s["counter"] == 1 && s["level"] == "warning")
    );
    let items = server.fake().items.clone();
    assert_eq!(items.len(), 2, "exactly the two asked for");
    for (item, answered) in items.iter().zip(sent) {
        let data = &item["data"];
        assert_eq!(data["environment"], "staging");
        assert_eq!(data["level"], "warning");
        assert_eq!(data["custom"]["user_id"], 42, "a JSON value keeps its type");
        assert_eq!(data["custom"]["region"], "eu");
        assert!(sent.iter().any(|s| s["uuid"] == data["uuid"]), "{answered}");
    }

    // errors from Rollbar: what `rollbar items -o json` lists.
    let mut items = sandbox.cmd();
    let out = items
        .envs(env)
        .args([
            "rollbar", "items", "-e", "staging", "--status", "all", "-o", "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answers[1]["isError"], false, "{:#}", answers[1]);
    assert_eq!(answers[1]["structured"], expected);
    assert_eq!(
        expected["items"].as_array().unwrap().len(),
        1,
        "{expected:#}"
    );
    assert_eq!(
        answers[2]["text"],
        "error: level: loud is no Rollbar level\nhint: one of critical, error, warning, info, debug"
    );
    let t = answers[3]["text"].as_str().unwrap();
    assert!(
        t.starts_with("error: count: 1000 is not between 1 and 100"),
        "{t}"
    );
    assert_eq!(
        server.fake().items.len(),
        2,
        "the refused call sent nothing"
    );
    let all = report.to_string();
    assert!(
        !all.contains(TOKEN) && !all.contains(READ_ONLY_TOKEN),
        "tokens never show"
    );

    // No read token: Rollbar's errors say which setting to add.
    let report = agent_with(
        &sandbox,
        &[],
        &env[..1],
        &json!([["errors", {"source": "rollbar"}]]),
    );
    let t = report["answers"][0]["text"].as_str().unwrap();
    assert!(t.contains("ROLLBAR_READ_ACCESS_TOKEN"), "{t}");
}

#[test]
fn a_cancelled_call_stops_and_a_closed_session_ends_with_calls_in_flight() {
    use std::io::{BufRead, BufReader};
    // An X-Ray endpoint that takes connections and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = silent.local_addr().unwrap();
    let held = std::thread::spawn(move || {
        let mut open = Vec::new();
        for conn in silent.incoming().take(8) {
            open.push(conn);
        }
    });
    let sandbox = Sandbox::new();
    let mut child = crate::local::tracectl_process(&sandbox)
        .current_dir(sandbox.home())
        .env("AWS_ENDPOINT_URL_XRAY", format!("http://{addr}"))
        .args(["mcp", "--db", "none.db"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<Value>();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            let _ = tx.send(serde_json::from_str(&line).unwrap());
        }
    });
    let mut send = |m: Value| writeln!(stdin, "{m}").unwrap();
    let wait = std::time::Duration::from_secs(20);
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}}),
    );
    assert_eq!(rx.recv_timeout(wait).unwrap()["id"], 1);
    send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
    let stuck = |id: i64| json!({"jsonrpc": "2.0", "id": id, "method": "tools/call", "params": {"name": "traces", "arguments": {"source": "xray"}, "_meta": {"progressToken": id}}});
    send(stuck(3));
    // Its heartbeat says it runs; then it is cancelled, and the server goes on answering.
    let mut told = Vec::new();
    while told.last() != Some(&"traces: running for 1 s".to_string()) {
        let m = rx.recv_timeout(wait).unwrap();
        assert_eq!(m["method"], "notifications/progress", "{m}");
        assert_eq!(m["params"]["progressToken"], 3);
        assert_eq!(
            m["params"]["progress"],
            (told.len() + 1) as f64,
            "numbered as said"
        );
        told.push(m["params"]["message"].as_str().unwrap().to_string());
    }
    assert_eq!(told[0], "X-Ray: every trace of the window", "{told:?}");
    send(
        json!({"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": 3, "reason": "the user stopped it"}}),
    );
    send(json!({"jsonrpc": "2.0", "id": 4, "method": "tools/list"}));
    let mut after = Vec::new();
    loop {
        let m = rx.recv_timeout(wait).unwrap();
        let done = m["id"] == 4;
        after.push(m);
        if done {
            break;
        }
    }
    assert!(
        after.iter().all(|m| m["id"] != 3),
        "a cancelled call is not answered: {after:?}"
    );
    // Another stuck call, and the client goes away: the server ends anyway, after rmcp's
    // drain (it gives calls in flight 5 s to answer), with the call stopped.
    send(stuck(5));
    std::thread::sleep(std::time::Duration::from_millis(300));
    drop(stdin);
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(8),
            "the server still runs with its client gone"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    drop(held);
}
