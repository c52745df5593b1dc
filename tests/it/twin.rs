//! The local twin: `local listen` keeps the app's logs (OpenTelemetry's LoggingHandler over
//! OTLP/HTTP and gRPC, Watchtower through the CloudWatch Logs stand-in) and its errors
//! (pyrollbar through the Rollbar stand-in) beside its spans, tested with those real
//! clients; `local logs`, `local errors`, `local error`, `local trace` and `trace ID` read
//! them back.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::harness::Sandbox;
use crate::local::{Listener, flask_app, totals, wait_for_spans};

/// `tracectl local ARGS --db DB -o json`, parsed (`local logs` writes NDJSON: its lines as
/// an array).
pub(crate) fn local_json(sandbox: &Sandbox, db: &Path, args: &[&str]) -> Value {
    let out = crate::harness::run(
        sandbox
            .cmd()
            .arg("local")
            .args(args)
            .arg("--db")
            .arg(db)
            .args(["-o", "json"]),
    );
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    if args[0] == "logs" {
        return Value::Array(
            out.stdout
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect(),
        );
    }
    serde_json::from_str(&out.stdout).unwrap()
}

/// The environment that points the Flask app's SDKs at `listener`: OTLP (traces and, with
/// OTEL_LOGS, logs), Watchtower through boto3's own variable, pyrollbar's endpoint.
pub(crate) fn app_env(listener: &Listener, otlp_port: u16) -> Vec<(&'static str, String)> {
    vec![
        (
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            format!("http://127.0.0.1:{otlp_port}"),
        ),
        ("OTEL_LOGS", "1".into()),
        ("WATCHTOWER_LOG_GROUP", "/cruddur/backend-flask".into()),
        (
            "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS",
            format!("http://127.0.0.1:{}", listener.cloudwatch),
        ),
        // Any credentials: the stand-in checks no signature.
        ("AWS_ACCESS_KEY_ID", "AKIAANYTHING".into()),
        ("AWS_SECRET_ACCESS_KEY", "anything".into()),
        ("AWS_DEFAULT_REGION", "us-east-1".into()),
        ("ROLLBAR_ACCESS_TOKEN", "any-post-server-item-token".into()),
        (
            "ROLLBAR_ENDPOINT",
            format!("http://127.0.0.1:{}/api/1/", listener.rollbar),
        ),
    ]
}

/// What the app said it logged: (message, trace id, span id) in order.
fn logged(lines: &[Value]) -> Vec<(String, String, String)> {
    let written = lines
        .iter()
        .find_map(|l| l.get("logged"))
        .expect("the app prints what it logged");
    written
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["message"].as_str().unwrap().to_string(),
                w["trace_id"].as_str().unwrap().to_string(),
                w["span_id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The Flask app's lines and error, sent by the real LoggingHandler, Watchtower and
/// pyrollbar, are stored exactly (count, text, order, ids), each line under the span it
/// was written in and the error marked on the span it was raised in, and `tracectl trace`
/// reports them in its local line.
#[test]
fn the_flask_apps_logs_and_error_are_stored_beside_its_trace() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    let lines = flask_app("otlp-http", &app_env(&listener, listener.http));
    let written = logged(&lines);
    let (home, boom) = (&written[0], &written[1]);
    assert_eq!(home.0, "listing activities for the home feed");
    assert_eq!(boom.0, "about to divide by zero");
    wait_for_spans(&listener.db, 8);
    let db = listener.db.clone();

    // Every line once per way it was sent, in the order written; Flask's own line for the
    // exception is the app's too.
    let rows = local_json(&sandbox, &db, &["logs"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 6, "{rows:#?}");
    let of = |source: &str| -> Vec<Value> {
        rows.iter()
            .filter(|r| r["source"] == source)
            .map(|r| {
                json!([
                    r["message"],
                    r["trace_id"],
                    r["span_id"],
                    r["severity"],
                    r["group"],
                    r["stream"]
                ])
            })
            .collect()
    };
    let expected = |text: &dyn Fn(&str, &str) -> String, group: &str| {
        vec![
            json!([
                text(&home.0, "INFO"),
                home.1,
                home.2,
                "INFO",
                group,
                "backend-flask"
            ]),
            json!([
                text(&boom.0, "ERROR"),
                boom.1,
                boom.2,
                "ERROR",
                group,
                "backend-flask"
            ]),
            json!([
                text("Exception on /api/boom [GET]", "ERROR"),
                boom.1,
                boom.2,
                "ERROR",
                group,
                "backend-flask"
            ]),
        ]
    };
    assert_eq!(of("otlp"), expected(&|m, _| m.to_string(), "backend-flask"));
    // Watchtower sends the formatter's JSON line (Python's separators), kept as sent; the
    // ids in it are the line's.
    let cloudwatch = of("cloudwatch");
    let sent = [
        (home, home.0.as_str(), "INFO"),
        (boom, boom.0.as_str(), "ERROR"),
        (boom, "Exception on /api/boom [GET]", "ERROR"),
    ];
    assert_eq!(cloudwatch.len(), sent.len());
    for (got, (w, message, level)) in cloudwatch.iter().zip(sent) {
        let text = got[0].as_str().unwrap();
        assert!(
            text.starts_with(&format!("{{\"level\": \"{level}\", \"message\": ")),
            "{text}"
        );
        assert_eq!(
            serde_json::from_str::<Value>(text).unwrap(),
            json!({"level": level, "message": message, "trace_id": w.1, "span_id": w.2})
        );
        assert_eq!(
            got.as_array().unwrap()[1..],
            [
                json!(w.1),
                json!(w.2),
                json!(level),
                json!("/cruddur/backend-flask"),
                json!("backend-flask")
            ]
        );
    }

    // `local trace`: both copies of the home line under the span it was written in.
    let home_trace = local_json(&sandbox, &db, &["trace", &home.1]);
    let placed: Vec<(&str, &str)> = home_trace["logs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["span_id"].as_str().unwrap(), l["group"].as_str().unwrap()))
        .collect();
    assert_eq!(
        placed.iter().map(|p| p.0).collect::<Vec<_>>(),
        [home.2.as_str(), home.2.as_str()]
    );
    assert_eq!(
        home_trace["spans"][0]["id"],
        json!(home.2),
        "the line is the server span's"
    );
    assert!(home_trace.get("errors").is_none(), "{home_trace}");

    // The error: one item, its occurrence linked to the trace and marked on the span.
    let items = local_json(&sandbox, &db, &["errors"]);
    assert_eq!(items["items"].as_array().unwrap().len(), 1, "{items}");
    let item = &items["items"][0];
    assert_eq!(
        (
            &item["counter"],
            &item["title"],
            &item["occurrences"],
            &item["level"],
            &item["environment"]
        ),
        (
            &json!(1),
            &json!("ZeroDivisionError: division by zero"),
            &json!(1),
            &json!("error"),
            &json!("production")
        )
    );
    let detail = local_json(&sandbox, &db, &["error", "1"]);
    let occurrence = &detail["occurrences"][0];
    assert_eq!(occurrence["trace_ids"], json!([boom.1]));
    assert_eq!(
        occurrence["exception"],
        "ZeroDivisionError: division by zero"
    );
    assert_eq!(occurrence["request"]["url"], "http://localhost/api/boom");
    assert_eq!(occurrence["code_version"], "abc1234");
    let frames = occurrence["frames"].as_array().unwrap();
    assert_eq!(
        frames.last().unwrap()["method"],
        "boom",
        "most recent call last"
    );
    // The same error by its occurrence's uuid.
    let by_uuid = local_json(
        &sandbox,
        &db,
        &["error", occurrence["uuid"].as_str().unwrap()],
    );
    assert_eq!(by_uuid["item"]["counter"], 1);
    let boom_trace = local_json(&sandbox, &db, &["trace", &boom.1]);
    assert_eq!(boom_trace["errors"][0]["counter"], 1);
    assert_eq!(boom_trace["errors"][0]["span_id"], json!(boom.2));
    assert_eq!(boom_trace["logs"].as_array().unwrap().len(), 4);

    // Drawn: the error marked and the lines indented under the server span's row.
    let out = crate::harness::run(
        sandbox
            .cmd()
            .args(["local", "trace", &boom.1, "--db"])
            .arg(&db),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let drawn: Vec<&str> = out.stdout.lines().collect();
    let row = drawn
        .iter()
        .position(|l| l.starts_with(" GET /api/boom"))
        .unwrap();
    assert_eq!(
        drawn[row + 1].trim(),
        "✖ error #1 ZeroDivisionError: division by zero"
    );
    assert!(
        drawn[row + 2].trim_start().starts_with("│ ")
            && drawn[row + 2].contains("about to divide by zero")
    );

    // `tracectl trace ID` reports them in its local line and lists them.
    let report = crate::harness::run(
        sandbox
            .cmd()
            .env_remove("AWS_REGION")
            .args(["trace", &boom.1, "--db"])
            .arg(&db)
            .args(["-o", "json"]),
    );
    let report: Value = serde_json::from_str(&report.stdout).unwrap();
    assert_eq!(
        report["sources"][0],
        json!({"source": "local", "status": "found",
               "detail": format!("2 spans, 4 log lines, 1 error in {}", db.display())})
    );
    assert_eq!(report["logs"].as_array().unwrap().len(), 4);
    assert_eq!(
        report["errors"][0]["title"],
        "ZeroDivisionError: division by zero"
    );

    // And `local stats` counts them.
    let stats = local_json(&sandbox, &db, &["stats"]);
    assert_eq!(
        (&stats["logs"], &stats["errors"], &stats["error_items"]),
        (
            &json!([{"source": "cloudwatch", "lines": 3}, {"source": "otlp", "lines": 3}]),
            &json!(1),
            &json!(1)
        )
    );
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        totals(&stderr).ends_with("; 6 log lines: stored 6, rejected 0; 1 errors stored"),
        "{stderr}"
    );
}

/// OpenTelemetry logs over gRPC are stored as over HTTP.
#[test]
fn otlp_logs_over_grpc_are_stored_with_their_ids() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    let lines = flask_app(
        "otlp-grpc",
        &[
            (
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                format!("http://127.0.0.1:{}", listener.grpc),
            ),
            ("OTEL_LOGS", "1".into()),
        ],
    );
    let written = logged(&lines);
    wait_for_spans(&listener.db, 7);
    let rows = local_json(&sandbox, &listener.db, &["logs", "--level", "error"]);
    let got: Vec<Value> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| json!([r["message"], r["trace_id"], r["span_id"], r["source"]]))
        .collect();
    let boom = &written[1];
    assert_eq!(
        got,
        [
            json!([boom.0, boom.1, boom.2, "otlp"]),
            json!(["Exception on /api/boom [GET]", boom.1, boom.2, "otlp"]),
        ]
    );
    // --trace reads one trace's lines from its index, whatever the window.
    let home = local_json(&sandbox, &listener.db, &["logs", "--trace", &written[0].1]);
    assert_eq!(home.as_array().unwrap().len(), 1);
    assert_eq!(home[0]["message"], "listing activities for the home feed");
}

/// Runs a script with the test venv's Python (an empty environment); its stdout. A script
/// that fails fails the test, with its stderr.
fn python(script: &str) -> String {
    let out = Command::new(crate::python::venv().join("bin/python"))
        .arg("-c")
        .arg(script)
        .env_clear()
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A boto3 script against the stand-in; prints one JSON line.
fn boto3(listener: &Listener, script: &str) -> Value {
    let prelude = format!(
        "import json, time, boto3, botocore\n\
         logs = boto3.client('logs', endpoint_url='http://127.0.0.1:{}', region_name='us-east-1',\n\
             aws_access_key_id='x', aws_secret_access_key='y')\n\
         def code(call):\n\
         \x20   try:\n\
         \x20       return call()\n\
         \x20   except botocore.exceptions.ClientError as e:\n\
         \x20       return e.response['Error']['Code'] + ': ' + e.response['Error']['Message']\n\
         now = int(time.time() * 1000)\n",
        listener.cloudwatch
    );
    serde_json::from_str(&python(&format!("{prelude}{script}"))).unwrap()
}

/// CloudWatch's rules, kept and answered in AWS's shapes, driven through boto3 itself.
#[test]
fn the_cloudwatch_stand_in_keeps_aws_rules_and_answers_in_aws_shapes() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    let answers = boto3(
        &listener,
        r#"
g, s = '/app/rules', 'web-1'
ev = lambda *ts: [{'timestamp': t, 'message': f'line at {t - now}'} for t in ts]
put = lambda events, stream=s: logs.put_log_events(logGroupName=g, logStreamName=stream, logEvents=events)
out = {}
out['no group'] = code(lambda: put(ev(now)))
out['create'] = code(lambda: logs.create_log_group(logGroupName=g)) and 'ok'
out['create again'] = code(lambda: logs.create_log_group(logGroupName=g))
out['no stream'] = code(lambda: put(ev(now)))
logs.create_log_stream(logGroupName=g, logStreamName=s)
out['stream again'] = code(lambda: logs.create_log_stream(logGroupName=g, logStreamName=s))
out['unsorted'] = code(lambda: put(ev(now, now - 1)))
out['too many'] = code(lambda: put(ev(*([now] * 10001))))
day = 86400000
out['too old'] = put(ev(now - 14 * day - 1000, now - 14 * day + 60000)).get('rejectedLogEventsInfo')
out['too new'] = put(ev(now, now + 2 * 3600000 + 60000)).get('rejectedLogEventsInfo')
r = put(ev(now - 5, now, now, now + 1, now + 2))
out['spans a day'] = code(lambda: put(ev(now - 2 * day, now)))
big = [{'timestamp': now + 10, 'message': 'x' * (1048576 - 26 * 2 - 1)}, {'timestamp': now + 11, 'message': 'y'}]
out['one MB'] = 'rejectedLogEventsInfo' in put(big)
big[1]['message'] = 'yy'
out['one MB and a byte'] = code(lambda: put(big))
out['unknown'] = code(lambda: logs.get_log_events(logGroupName=g, logStreamName=s))
groups = logs.describe_log_groups(logGroupNamePrefix='/app')['logGroups']
out['groups'] = [x['logGroupName'] for x in groups]
out['streams'] = [x['logStreamName'] for x in logs.describe_log_streams(logGroupName=g)['logStreams']]
print(json.dumps(out))
"#,
    );
    assert_eq!(
        answers,
        json!({
            "no group": "ResourceNotFoundException: The specified log group does not exist.",
            "create": "ok",
            "create again": "ResourceAlreadyExistsException: The specified log group already exists",
            "no stream": "ResourceNotFoundException: The specified log stream does not exist.",
            "stream again": "ResourceAlreadyExistsException: The specified log stream already exists",
            "unsorted": "InvalidParameterException: Log events in a single PutLogEvents request must be in chronological order.",
            "too many": "InvalidParameterException: 1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to 10000 (it has 10001)",
            "too old": {"tooOldLogEventEndIndex": 0},
            "too new": {"tooNewLogEventStartIndex": 1},
            "spans a day": "InvalidParameterException: The batch of log events in a single PutLogEvents request cannot span more than 24 hours.",
            "one MB": false,
            "one MB and a byte": "InvalidParameterException: Upload too large: 1048577 bytes exceeds limit of 1048576",
            "unknown": "UnknownOperationException: tracectl's CloudWatch Logs stand-in does not implement GetLogEvents",
            "groups": ["/app/rules"],
            "streams": ["web-1"],
        })
    );
    // Stored: the one kept of each window batch, the five of the next, the 1 MB batch's
    // two; nothing of the refused batches.
    let rows = local_json(
        &sandbox,
        &listener.db,
        &["logs", "--group", "/app/rules", "--since", "15d"],
    );
    let rows = rows.as_array().unwrap();
    let messages: Vec<String> = rows
        .iter()
        .map(|r| {
            let m = r["message"].as_str().unwrap();
            if m.len() > 40 {
                format!("{} bytes", m.len())
            } else {
                m.to_string()
            }
        })
        .collect();
    let day = 86_400_000i64;
    assert_eq!(
        messages,
        [
            format!("line at {}", -14 * day + 60000),
            "line at -5".to_string(),
            "line at 0".to_string(),
            "line at 0".to_string(),
            "line at 0".to_string(),
            "line at 1".to_string(),
            "line at 2".to_string(),
            format!("{} bytes", 1_048_576 - 26 * 2 - 1),
            "y".to_string(),
        ]
    );
    assert!(
        rows.iter()
            .all(|r| r["source"] == "cloudwatch" && r["stream"] == "web-1")
    );
    // Groups and streams outlive a restart of the listener.
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    let again = Listener::start(&sandbox, &[]);
    let answers = boto3(
        &again,
        "print(json.dumps([code(lambda: logs.create_log_group(logGroupName='/app/rules')),\n\
         'rejectedLogEventsInfo' in logs.put_log_events(logGroupName='/app/rules', logStreamName='web-1',\n\
         logEvents=[{'timestamp': now, 'message': 'after the restart'}])]))",
    );
    assert_eq!(
        answers,
        json!([
            "ResourceAlreadyExistsException: The specified log group already exists",
            false
        ])
    );
}

/// Messages with control characters are kept as sent and escaped only when printed for a
/// terminal; raw and JSON give them exactly.
#[test]
fn control_characters_are_stored_as_sent_and_escaped_when_printed() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    boto3(
        &listener,
        "logs.create_log_group(logGroupName='/app/esc')\n\
         logs.create_log_stream(logGroupName='/app/esc', logStreamName='s')\n\
         logs.put_log_events(logGroupName='/app/esc', logStreamName='s',\n\
             logEvents=[{'timestamp': now, 'message': 'red \\x1b[31mALERT\\x1b[0m\\ttab'}])\n\
         print('{}')",
    );
    let run = |format: &str| {
        crate::harness::run(
            sandbox
                .cmd()
                .args(["local", "logs", "--format", format, "--db"])
                .arg(&listener.db),
        )
    };
    assert_eq!(run("raw").stdout, "red \x1b[31mALERT\x1b[0m\ttab\n");
    let short = run("short").stdout;
    // The escape sequences are shown, not obeyed; a tab is white space.
    assert!(
        short.ends_with("  red \\x1b[31mALERT\\x1b[0m\ttab\n"),
        "{short:?}"
    );
    let json: Value = serde_json::from_str(run("json").stdout.trim()).unwrap();
    assert_eq!(json["message"], "red \x1b[31mALERT\x1b[0m\ttab");
}

/// `local logs -f` prints each new line once, in arrival order, while the listener takes
/// them: OTLP and CloudWatch lines interleaved as they were committed.
#[test]
fn local_logs_follow_prints_each_new_line_once_in_arrival_order() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    // One line stored before the follower starts: it is the history, printed first.
    boto3(
        &listener,
        "logs.create_log_group(logGroupName='/app/f')\n\
         logs.create_log_stream(logGroupName='/app/f', logStreamName='s')\n\
         logs.put_log_events(logGroupName='/app/f', logStreamName='s',\n\
             logEvents=[{'timestamp': now, 'message': 'before'}])\n\
         print('{}')",
    );
    let mut follower = crate::local::tracectl_process(&sandbox)
        .args(["local", "logs", "-f", "--format", "raw", "--db"])
        .arg(&listener.db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = follower.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let next = || rx.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(next(), "before");
    // Batches sent one after another, some with timestamps older than what was printed
    // (arrival order, not time order, is what a follower sees).
    boto3(
        &listener,
        "for i in range(5):\n\
         \x20   logs.put_log_events(logGroupName='/app/f', logStreamName='s',\n\
         \x20       logEvents=[{'timestamp': now - 60000 * i, 'message': f'batch {i} line {j}'} for j in range(3)])\n\
         print('{}')",
    );
    let mut got = Vec::new();
    for _ in 0..15 {
        got.push(next());
    }
    let want: Vec<String> = (0..5)
        .flat_map(|i| (0..3).map(move |j| format!("batch {i} line {j}")))
        .collect();
    assert_eq!(got, want);
    // Nothing more arrives: no line was given twice.
    assert!(rx.recv_timeout(Duration::from_millis(600)).is_err());
    let _ = follower.kill();
    let _ = follower.wait();
}

/// A kill -9 of the listener after it acknowledged: every acknowledged line and error is
/// in the file when it is opened again.
#[test]
fn nothing_acknowledged_is_missing_after_a_kill_9() {
    let sandbox = Sandbox::new();
    let mut listener = Listener::start(&sandbox, &[]);
    let answers = boto3(
        &listener,
        "logs.create_log_group(logGroupName='/app/k')\n\
         logs.create_log_stream(logGroupName='/app/k', logStreamName='s')\n\
         n = 0\n\
         for i in range(20):\n\
         \x20   r = logs.put_log_events(logGroupName='/app/k', logStreamName='s',\n\
         \x20       logEvents=[{'timestamp': now, 'message': f'{i}-{j}'} for j in range(500)])\n\
         \x20   n += 500 if 'rejectedLogEventsInfo' not in r else 0\n\
         print(json.dumps(n))",
    );
    assert_eq!(answers, json!(10_000));
    // OTLP logs: ten exports of 100 records, each answered 200 only once committed.
    let otlp = format!(
        "import json, time, urllib.request\n\
         ok = 0\n\
         for i in range(10):\n\
         \x20   records = [{{'timeUnixNano': str(time.time_ns()), 'body': {{'stringValue': f'otlp {{i}}-{{j}}'}}}} for j in range(100)]\n\
         \x20   body = json.dumps({{'resourceLogs': [{{'scopeLogs': [{{'logRecords': records}}]}}]}}).encode()\n\
         \x20   r = urllib.request.Request('http://127.0.0.1:{}/v1/logs', body, {{'Content-Type': 'application/json'}})\n\
         \x20   ok += 100 if urllib.request.urlopen(r).status == 200 else 0\n\
         print(ok)",
        listener.http
    );
    assert_eq!(python(&otlp).trim(), "1000");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rollbar_items.py");
    let python = crate::python::venv().join("bin/python");
    let status = Command::new(python)
        .arg(script)
        .arg(format!("http://127.0.0.1:{}/api/1/", listener.rollbar))
        .arg("7")
        .env_clear()
        .status()
        .unwrap();
    assert!(status.success());
    listener.kill_9();
    let stats = local_json(&sandbox, &listener.db, &["stats"]);
    assert_eq!(
        stats["logs"],
        json!([{"source": "cloudwatch", "lines": 10_000}, {"source": "otlp", "lines": 1_000}])
    );
    assert_eq!(stats["errors"], 7);
    let counts = local_json(&sandbox, &listener.db, &["errors"]);
    assert_eq!(
        counts["items"][0]["occurrences"], 7,
        "one error, seven times: one item"
    );
}

/// The Rollbar stand-in answers bad payloads as Rollbar does and keeps a uuid once.
#[tokio::test(flavor = "multi_thread")]
async fn the_rollbar_stand_in_answers_as_rollbar_and_keeps_a_uuid_once() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    let base = format!("http://127.0.0.1:{}/api/1", listener.rollbar);
    #[allow(clippy::disallowed_methods)] // the test's own client, a sender like an SDK
    let http = reqwest::Client::new();
    let post = |path: &str, token: Option<&str>, body: String| {
        let mut request = http.post(format!("{base}/{path}")).body(body);
        if let Some(token) = token {
            request = request.header("X-Rollbar-Access-Token", token);
        }
        async move {
            let answer = request.send().await.unwrap();
            let status = answer.status().as_u16();
            (status, answer.json::<Value>().await.unwrap())
        }
    };
    let item = |uuid: &str| {
        json!({"data": {"environment": "staging", "uuid": uuid, "level": "warning",
                        "body": {"message": {"body": "disk almost full"}},
                        "request": {"headers": {"Authorization": "Bearer s3cret", "Cookie": "sid=1"}}}})
        .to_string()
    };
    let (status, body) = post(
        "item/",
        Some("t"),
        item("8c1f2f9e-0000-4000-8000-000000000001"),
    )
    .await;
    assert_eq!(
        (status, body),
        (
            200,
            json!({"err": 0, "result": {"id": null, "uuid": "8c1f2f9e-0000-4000-8000-000000000001"}})
        )
    );
    // The same uuid again is answered and not stored twice.
    let (status, _) = post(
        "item/",
        Some("t"),
        item("8c1f2f9e-0000-4000-8000-000000000001"),
    )
    .await;
    assert_eq!(status, 200);
    let cases = [
        (None, item("u-2"), 401, "access token required"),
        (Some("t"), "{not json".to_string(), 400, ""),
        (
            Some("t"),
            json!({"data": {"body": {"message": {"body": "x"}}}}).to_string(),
            422,
            "Invalid format. data.environment is required and must be at most 255 characters.",
        ),
        (
            Some("t"),
            json!({"data": {"environment": "e", "body": {"trace": {}, "message": {"body": "x"}}}})
                .to_string(),
            422,
            "Invalid format. data.body must have exactly one of trace, trace_chain, message, crash_report (it has trace, message).",
        ),
        (
            Some("t"),
            "x".repeat(1024 * 1024 + 1),
            413,
            "payload is larger than 1048576 bytes",
        ),
    ];
    for (token, body, want_status, want_message) in cases {
        let (status, answer) = post("item/", token, body).await;
        assert_eq!(status, want_status, "{answer}");
        assert_eq!(answer["err"], 1);
        if !want_message.is_empty() {
            assert_eq!(answer["message"], want_message);
        }
    }
    let (status, body) = post(
        "deploy",
        Some("t"),
        json!({"environment": "staging", "revision": "abc1234", "local_username": "dev"})
            .to_string(),
    )
    .await;
    assert_eq!((status, body), (200, json!({"data": {"deploy_id": 1}})));
    let db = listener.db.clone();
    let items = local_json(&sandbox, &db, &["errors"]);
    assert_eq!(items["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        items["items"][0]["occurrences"], 1,
        "the uuid was kept once"
    );
    let detail = local_json(&sandbox, &db, &["error", "#1"]);
    let headers = &detail["occurrences"][0]["request"]["headers"];
    assert_eq!(
        headers,
        &json!([["Authorization", "****"], ["Cookie", "****"]])
    );
    // Masked on disk too, not only on screen.
    let raw = std::fs::read(&db).unwrap();
    let wal = std::fs::read(db.with_extension("db-wal")).unwrap_or_default();
    for bytes in [raw, wal] {
        assert!(
            !bytes.windows(6).any(|w| w == b"s3cret"),
            "the secret header was stored"
        );
    }
}

/// When the writer cannot commit (another process holds the database), the stand-ins give
/// their services' throttling answers, which boto3 retries; nothing acknowledged is lost.
#[test]
fn a_locked_database_throttles_boto3_which_retries_and_loses_nothing() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    boto3(
        &listener,
        "logs.create_log_group(logGroupName='/app/t')\n\
         logs.create_log_stream(logGroupName='/app/t', logStreamName='s')\n\
         print('{}')",
    );
    let lock = rusqlite::Connection::open(&listener.db).unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();
    // Rollbar's answer while it cannot be kept: 429 with its rate-limit headers (after a
    // wait for the writer), so nothing is acknowledged that is not stored.
    let item = json!({"data": {"environment": "dev", "uuid": "0d7c1b9e-0000-4000-8000-00000000beef",
                               "body": {"message": {"body": "while locked"}}}});
    let rollbar_url = format!("http://127.0.0.1:{}/api/1/item/", listener.rollbar);
    // Posted as pyrollbar posts (Python's own HTTP), the status and headers printed.
    let post_item = || {
        let script = format!(
            "import json, urllib.request, urllib.error\n\
             r = urllib.request.Request('{rollbar_url}', {body:?}.encode(), {{'X-Rollbar-Access-Token': 't'}})\n\
             try:\n\
             \x20   a = urllib.request.urlopen(r)\n\
             except urllib.error.HTTPError as e:\n\
             \x20   a = e\n\
             print(json.dumps({{'status': a.status, 'remaining': a.headers.get('X-Rate-Limit-Remaining')}}))",
            body = item.to_string()
        );
        serde_json::from_str::<Value>(&python(&script)).unwrap()
    };
    assert_eq!(post_item(), json!({"status": 429, "remaining": "0"}));
    let releaser = std::thread::spawn(move || {
        // Longer than the writer's 5 s wait for the lock: at least one answer is a refusal.
        std::thread::sleep(Duration::from_secs(7));
        lock.execute_batch("COMMIT").unwrap();
    });
    let started = Instant::now();
    let answer = boto3(
        &listener,
        "from botocore.config import Config\n\
         patient = boto3.client('logs', endpoint_url=logs.meta.endpoint_url, region_name='us-east-1',\n\
             aws_access_key_id='x', aws_secret_access_key='y',\n\
             config=Config(retries={'mode': 'standard', 'max_attempts': 10}))\n\
         r = patient.put_log_events(logGroupName='/app/t', logStreamName='s',\n\
             logEvents=[{'timestamp': now, 'message': f'held {i}'} for i in range(3)])\n\
         print(json.dumps(r['ResponseMetadata']['RetryAttempts']))",
    );
    releaser.join().unwrap();
    assert!(answer.as_i64().unwrap() >= 1, "boto3 was asked to retry");
    assert!(started.elapsed() >= Duration::from_secs(5));
    let rows = local_json(&sandbox, &listener.db, &["logs", "--group", "/app/t"]);
    let messages: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages, ["held 0", "held 1", "held 2"]);
    // The item sent again once the lock is gone is kept, once.
    assert_eq!(post_item(), json!({"status": 200, "remaining": null}));
    let stats = local_json(&sandbox, &listener.db, &["stats"]);
    assert_eq!(stats["errors"], 1);
    let (_, _, stderr) = listener.stop();
    assert!(
        stderr.contains("their senders were told to retry"),
        "{stderr}"
    );
}

/// `local prune` deletes old log lines and errors with the spans, and the items left with
/// no occurrence; what is newer stays.
#[test]
fn prune_deletes_old_lines_and_errors_and_keeps_the_new() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    boto3(
        &listener,
        "logs.create_log_group(logGroupName='/app/p')\n\
         logs.create_log_stream(logGroupName='/app/p', logStreamName='s')\n\
         logs.put_log_events(logGroupName='/app/p', logStreamName='s', logEvents=[\n\
             {'timestamp': now - 2 * 86400000, 'message': 'two days ago'},\n\
             {'timestamp': now - 2 * 86400000 + 1, 'message': 'two days ago too'}])\n\
         logs.put_log_events(logGroupName='/app/p', logStreamName='s',\n\
             logEvents=[{'timestamp': now, 'message': 'now'}])\n\
         print('{}')",
    );
    // An error of two days ago (its own timestamp) and one of now, in two items.
    let two_days_ago = jiff::Timestamp::now().as_second() - 2 * 86_400;
    let script = format!(
        "import json, urllib.request\n\
         for body, ts in (('old', {two_days_ago}), ('new', None)):\n\
         \x20   data = {{'environment': 'dev', 'body': {{'message': {{'body': body}}}}}}\n\
         \x20   if ts: data['timestamp'] = ts\n\
         \x20   request = urllib.request.Request('http://127.0.0.1:{}/api/1/item/', json.dumps({{'data': data}}).encode(),\n\
         \x20       {{'X-Rollbar-Access-Token': 't', 'Content-Type': 'application/json'}})\n\
         \x20   urllib.request.urlopen(request).read()\n",
        listener.rollbar
    );
    python(&script);
    let db = listener.db.clone();
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    let pruned = local_json(&sandbox, &db, &["prune", "--older-than", "1d"]);
    assert_eq!(
        pruned,
        json!({"deleted": 0, "left": 0, "deleted_logs": 2, "logs_left": 1,
               "deleted_errors": 1, "errors_left": 1})
    );
    let left = local_json(&sandbox, &db, &["logs", "--since", "3d"]);
    assert_eq!(left.as_array().unwrap().len(), 1);
    assert_eq!(left[0]["message"], "now");
    let items = local_json(&sandbox, &db, &["errors"]);
    assert_eq!(items["items"].as_array().unwrap().len(), 1);
    assert_eq!(items["items"][0]["title"], "new");
    assert_eq!(
        items["items"][0]["counter"], 2,
        "item numbers are never reused"
    );
}

/// `/v1/logs` keeps the answers of `/v1/traces`: JSON and gzip taken, a record with a bad
/// id refused in `partial_success` while the others are kept, another media type 415.
#[tokio::test(flavor = "multi_thread")]
async fn otlp_json_logs_are_answered_as_traces_are() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    let url = format!("http://127.0.0.1:{}/v1/logs", listener.http);
    let now = jiff::Timestamp::now().as_nanosecond();
    let export = json!({"resourceLogs": [{
        "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "worker"}}]},
        "scopeLogs": [{"scope": {"name": "jobs"}, "logRecords": [
            {"timeUnixNano": now.to_string(), "severityNumber": 13, "severityText": "WARNING",
             "body": {"stringValue": "queue is backing up"},
             "traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b174",
             "attributes": [{"key": "queue", "value": {"stringValue": "emails"}}]},
            {"timeUnixNano": now.to_string(), "body": {"stringValue": "bad id"}, "traceId": "5b8e"},
            {"observedTimeUnixNano": now.to_string(),
             "body": {"kvlistValue": {"values": [{"key": "job", "value": {"intValue": "7"}}]}}}
        ]}]
    }]});
    let gzipped = {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(export.to_string().as_bytes()).unwrap();
        encoder.finish().unwrap()
    };
    #[allow(clippy::disallowed_methods)] // the test's own client, a sender like an SDK
    let http = reqwest::Client::new();
    let answer = http
        .post(&url)
        .header("content-type", "application/json")
        .header("content-encoding", "gzip")
        .body(gzipped)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(
        answer.json::<Value>().await.unwrap(),
        json!({"partialSuccess": {"rejectedLogRecords": 1,
               "errorMessage": "1 log record(s) rejected: trace id is 2 bytes, not 16"}})
    );
    let refused = http
        .post(&url)
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 415);
    let db = listener.db.clone();
    let rows = local_json(&sandbox, &db, &["logs", "--service", "worker"]);
    let got: Vec<Value> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            json!([
                r["message"],
                r["severity"],
                r["trace_id"],
                r["span_id"],
                r["group"],
                r["stream"]
            ])
        })
        .collect();
    assert_eq!(
        got,
        [
            json!([
                "queue is backing up",
                "WARNING",
                "5b8efff798038103d269b633813fc60c",
                "eee19b7ec3c1b174",
                "worker",
                "jobs"
            ]),
            json!(["{\"job\":7}", null, null, null, "worker", "jobs"]),
        ]
    );
    // --level warn takes WARNING (13) and leaves the line with no severity out.
    let warned = local_json(&sandbox, &db, &["logs", "--level", "warn"]);
    assert_eq!(warned.as_array().unwrap().len(), 1);
    let (_, _, stderr) = listener.stop();
    assert!(
        totals(&stderr)
            .ends_with("; 3 log lines: stored 2, rejected 1; 0 errors stored; 1 unreadable requests or datagrams"),
        "{stderr}"
    );
}

/// A log record's string body past 1 MiB (CloudWatch's limit for a message) is kept cut
/// on a character boundary with the mark, counted in the totals and said with -v.
#[tokio::test(flavor = "multi_thread")]
async fn an_otlp_log_body_past_the_limit_is_cut_counted_and_said() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &["-v"]);
    let url = format!("http://127.0.0.1:{}/v1/logs", listener.http);
    let now = jiff::Timestamp::now().as_nanosecond();
    let limit = 1024 * 1024;
    let body = "a".repeat(limit - 1) + "é" + &"z".repeat(4096);
    let export = json!({"resourceLogs": [{
        "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "worker"}}]},
        "scopeLogs": [{"logRecords": [
            {"timeUnixNano": now.to_string(), "body": {"stringValue": body}}
        ]}]
    }]});
    #[allow(clippy::disallowed_methods)] // the test's own client, a sender like an SDK
    let answer = reqwest::Client::new()
        .post(&url)
        .header("content-type", "application/json")
        .body(export.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let db = listener.db.clone();
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
    let message: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT body FROM logs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(message, "a".repeat(limit - 1) + "…[truncated by tracectl]");
    assert!(
        stderr.contains("refused (OTLP logs): 1 value(s) cut to the limits"),
        "{stderr}"
    );
    assert!(
        totals(&stderr).contains("; 1 value(s) cut to the limits"),
        "{stderr}"
    );
}

/// tracectl's own `rollbar trigger` and `rollbar deploy` report to the stand-in as to
/// Rollbar: the test error is stored as an item, the deploy answered with its number.
#[test]
fn rollbar_trigger_and_deploy_report_to_the_stand_in() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    let endpoint = format!("http://127.0.0.1:{}/api/1/", listener.rollbar);
    let rollbar = |args: &[&str]| {
        crate::harness::run(
            sandbox
                .cmd()
                .env("ROLLBAR_ACCESS_TOKEN", "any-post-server-item-token")
                .args(["rollbar"])
                .args(args)
                .args(["--endpoint-url", &endpoint, "-o", "json"]),
        )
    };
    let sent = rollbar(&["trigger", "--count", "2"]);
    assert_eq!(sent.code, 0, "{}", sent.stderr);
    let deploy = rollbar(&["deploy", "--revision", "abc1234"]);
    assert_eq!(deploy.code, 0, "{}", deploy.stderr);
    let recorded: Value = serde_json::from_str(&deploy.stdout).unwrap();
    assert_eq!(
        (&recorded["deploy_id"], &recorded["revision"]),
        (&json!(1), &json!("abc1234"))
    );
    let items = local_json(&sandbox, &listener.db, &["errors"]);
    assert_eq!(items["items"].as_array().unwrap().len(), 1, "{items}");
    assert_eq!(
        (
            &items["items"][0]["title"],
            &items["items"][0]["occurrences"],
            &items["items"][0]["environment"]
        ),
        (
            &json!("TracectlTestError: Test error from tracectl"),
            &json!(2),
            &json!("development")
        )
    );
}
