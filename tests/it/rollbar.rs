//! `tracectl rollbar` against a strict in-process fake of Rollbar's API: it enforces the
//! token header and scope, exactly one body key, the required environment, levels, length
//! limits, the size limit, uuid de-duplication and the 429 headers, and it records what it
//! accepted so tests can assert on the payloads field by field.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

use crate::harness::{Output, Sandbox, run};

pub(crate) const TOKEN: &str = "rb_post_server_item_0123456789abcdef";
pub(crate) const READ_ONLY_TOKEN: &str = "rb_read_only_0123456789abcdef0000";

#[derive(Default)]
pub(crate) struct Fake {
    /// Accepted items, each uuid once.
    pub(crate) items: Vec<Value>,
    item_requests: u32,
    seen_uuids: HashSet<String>,
    pub(crate) deploys: Vec<Value>,
    pub(crate) deploy_requests: u32,
    /// Answer this many item requests with 503 after storing them (the server did the work
    /// but the answer was lost): a retry must not create a second item.
    fail_after_store: u32,
    /// Answer 429 with Rollbar's rate-limit headers.
    rate_limited: bool,
    /// Refuse items whose custom.occurrence is in this list with 422.
    reject_occurrences: Vec<i64>,
    /// Refuse bodies larger than this (Rollbar: 128 KB).
    max_bytes: usize,
    /// Answer deploys with 500.
    pub(crate) fail_deploys: bool,
    /// What the read API serves: accepted items grouped as Rollbar groups them (by
    /// environment and title), each with its occurrences.
    grouped: Vec<Grouped>,
    next_instance: i64,
    /// The items list answers as if nothing were processed yet this many times (Rollbar's
    /// pipeline takes seconds to file an occurrence).
    processing_polls: u32,
    pub(crate) items_list_requests: u32,
}

/// An item of the read API, built from the occurrences posted to the fake.
struct Grouped {
    id: i64,
    counter: i64,
    environment: String,
    level: String,
    title: String,
    /// (instance id, epoch seconds, the posted `data`), oldest first.
    instances: Vec<(i64, i64, Value)>,
}

/// Rollbar's title of an occurrence: `Class: message` of its exception, or its message.
fn title_of(data: &Value) -> String {
    if let Some(e) = data.pointer("/body/trace/exception") {
        let class = e["class"].as_str().unwrap_or("Error");
        return match e["message"].as_str() {
            Some(m) if !m.is_empty() => format!("{class}: {m}"),
            _ => class.to_string(),
        };
    }
    data.pointer("/body/message/body")
        .and_then(Value::as_str)
        .unwrap_or("(no title)")
        .to_string()
}

impl Fake {
    /// Files an accepted occurrence under its item, as Rollbar's pipeline does.
    fn group(&mut self, data: &Value) {
        let environment = data["environment"].as_str().unwrap_or_default().to_string();
        let title = title_of(data);
        let timestamp = data["timestamp"]
            .as_i64()
            .unwrap_or_else(|| jiff::Timestamp::now().as_second());
        self.next_instance += 1;
        let instance = (self.next_instance, timestamp, data.clone());
        match self
            .grouped
            .iter_mut()
            .find(|g| g.environment == environment && g.title == title)
        {
            Some(g) => g.instances.push(instance),
            None => {
                let counter = self.grouped.len() as i64 + 1;
                self.grouped.push(Grouped {
                    id: 9_000_000 + counter,
                    counter,
                    environment,
                    level: data["level"].as_str().unwrap_or("error").to_string(),
                    title,
                    instances: vec![instance],
                });
            }
        }
    }
}

impl Grouped {
    fn json(&self) -> Value {
        let first = self.instances.iter().map(|i| i.1).min();
        let last = self.instances.iter().map(|i| i.1).max();
        json!({"id": self.id, "project_id": 4242, "counter": self.counter, "environment": self.environment,
               "level": self.level, "status": "active", "title": self.title,
               "first_occurrence_timestamp": first, "last_occurrence_timestamp": last,
               "total_occurrences": self.instances.len(), "hash": format!("h{}", self.id)})
    }
}

type Shared = Arc<Mutex<Fake>>;

fn reply(status: StatusCode, body: Value) -> Response {
    (status, axum::Json(body)).into_response()
}

fn error(status: StatusCode, message: &str) -> Response {
    reply(status, json!({"err": 1, "message": message}))
}

/// A token's scope, as Rollbar checks it: the app's token may post items and deploys, the
/// read token may only read. `Err` is the refusal to send back (a test fake: its size does
/// not matter).
#[allow(clippy::result_large_err)]
fn check_scope(headers: &HeaderMap, scope: &str) -> Result<(), Response> {
    let token = headers
        .get("x-rollbar-access-token")
        .and_then(|v| v.to_str().ok());
    let granted = match token {
        Some(TOKEN) => "post_server_item",
        Some(READ_ONLY_TOKEN) => "read",
        _ => return Err(error(StatusCode::UNAUTHORIZED, "invalid access token")),
    };
    if granted == scope {
        return Ok(());
    }
    Err(error(
        StatusCode::FORBIDDEN,
        &format!("access token does not have the {scope} scope"),
    ))
}

#[allow(clippy::result_large_err)]
fn check_token(headers: &HeaderMap) -> Result<(), Response> {
    check_scope(headers, "post_server_item")
}

#[allow(clippy::result_large_err)]
fn check_read_token(headers: &HeaderMap) -> Result<(), Response> {
    check_scope(headers, "read")
}

/// A parameter the read API does not document is the client's mistake: refused, so a
/// misspelt filter fails a test instead of silently listing everything.
#[allow(clippy::result_large_err)]
fn known_params(
    query: &std::collections::HashMap<String, String>,
    known: &[&str],
) -> Result<(), Response> {
    match query.keys().find(|k| !known.contains(&k.as_str())) {
        Some(unknown) => Err(error(
            StatusCode::BAD_REQUEST,
            &format!("unknown parameter {unknown}"),
        )),
        None => Ok(()),
    }
}

/// Rollbar's 429, with its rate-limit headers, for reads too.
fn rate_limit() -> Response {
    let reset = jiff::Timestamp::now().as_second() + 30;
    let mut r = error(StatusCode::TOO_MANY_REQUESTS, "rate limit reached");
    let h = r.headers_mut();
    h.insert("x-rate-limit-limit", "5000".parse().unwrap());
    h.insert("x-rate-limit-remaining", "0".parse().unwrap());
    h.insert("x-rate-limit-reset", reset.to_string().parse().unwrap());
    r
}

fn page_of(query: &std::collections::HashMap<String, String>) -> usize {
    query
        .get("page")
        .and_then(|p| p.parse().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

/// `GET /api/1/items/`: pages of 100, most recent activity first, filtered by level,
/// environment and status.
async fn list_items(
    State(fake): State<Shared>,
    headers: HeaderMap,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> Response {
    if let Err(r) = check_read_token(&headers) {
        return r;
    }
    if let Err(r) = known_params(&query, &["page", "level", "environment", "status"]) {
        return r;
    }
    let mut fake = fake.lock().unwrap();
    if fake.rate_limited {
        return rate_limit();
    }
    fake.items_list_requests += 1;
    if fake.processing_polls > 0 {
        fake.processing_polls -= 1;
        return reply(
            StatusCode::OK,
            json!({"err": 0, "result": {"page": 1, "total_count": 0, "items": []}}),
        );
    }
    let mut items: Vec<Value> = fake
        .grouped
        .iter()
        .map(Grouped::json)
        .filter(|i| {
            ["level", "environment", "status"]
                .iter()
                .all(|key| query.get(*key).is_none_or(|want| i[*key] == want.as_str()))
        })
        .collect();
    items.sort_by_key(|i| std::cmp::Reverse(i["last_occurrence_timestamp"].as_i64()));
    let page = page_of(&query);
    let total = items.len();
    let shown: Vec<Value> = items.into_iter().skip((page - 1) * 100).take(100).collect();
    reply(
        StatusCode::OK,
        json!({"err": 0, "result": {"page": page, "total_count": total, "items": shown}}),
    )
}

/// `GET /api/1/item_by_counter/{counter}`: a 301 to the item, as Rollbar answers.
async fn item_by_counter(
    State(fake): State<Shared>,
    headers: HeaderMap,
    axum::extract::Path(counter): axum::extract::Path<i64>,
) -> Response {
    if let Err(r) = check_read_token(&headers) {
        return r;
    }
    let fake = fake.lock().unwrap();
    let Some(item) = fake.grouped.iter().find(|g| g.counter == counter) else {
        return error(StatusCode::NOT_FOUND, "Item not found");
    };
    // As Rollbar's docs show it: the Location carries the token as a query parameter.
    let path = format!("/api/1/item/{}", item.id);
    let uri = format!("{path}?access_token={READ_ONLY_TOKEN}");
    let mut r = reply(
        StatusCode::MOVED_PERMANENTLY,
        json!({"err": 0, "result": {"itemId": item.id, "path": path, "uri": uri}}),
    );
    r.headers_mut().insert("location", uri.parse().unwrap());
    r
}

/// `GET /api/1/item/{id}`.
async fn get_item(
    State(fake): State<Shared>,
    headers: HeaderMap,
    axum::extract::Path(id): axum::extract::Path<i64>,
) -> Response {
    if let Err(r) = check_read_token(&headers) {
        return r;
    }
    let fake = fake.lock().unwrap();
    match fake.grouped.iter().find(|g| g.id == id) {
        Some(item) => reply(StatusCode::OK, json!({"err": 0, "result": item.json()})),
        None => error(StatusCode::NOT_FOUND, "Item not found"),
    }
}

/// `GET /api/1/item/{id}/instances`: pages of 20, newest first.
async fn instances(
    State(fake): State<Shared>,
    headers: HeaderMap,
    axum::extract::Path(id): axum::extract::Path<i64>,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> Response {
    if let Err(r) = check_read_token(&headers) {
        return r;
    }
    if let Err(r) = known_params(&query, &["page"]) {
        return r;
    }
    let fake = fake.lock().unwrap();
    let Some(item) = fake.grouped.iter().find(|g| g.id == id) else {
        return error(StatusCode::NOT_FOUND, "Item not found");
    };
    let page = page_of(&query);
    let shown: Vec<Value> = item
        .instances
        .iter()
        .rev()
        .skip((page - 1) * 20)
        .take(20)
        .map(|(iid, ts, data)| {
            json!({"id": iid, "item_id": id, "timestamp": ts, "version": 2, "data": data})
        })
        .collect();
    reply(
        StatusCode::OK,
        json!({"err": 0, "result": {"page": page, "instances": shown}}),
    )
}

/// Rollbar's documented payload rules; the message names the first broken one.
fn validate_item(item: &Value) -> Result<(), String> {
    let top = item.as_object().ok_or("payload is not an object")?;
    if top.keys().any(|k| k != "data" && k != "access_token") {
        return Err(format!(
            "unexpected top-level keys: {:?}",
            top.keys().collect::<Vec<_>>()
        ));
    }
    let data = top
        .get("data")
        .and_then(Value::as_object)
        .ok_or("data is required")?;
    let env = data
        .get("environment")
        .and_then(Value::as_str)
        .ok_or("data.environment is required")?;
    if env.is_empty() || env.chars().count() > 255 {
        return Err("data.environment must be 1-255 characters".into());
    }
    if let Some(level) = data.get("level") {
        let level = level.as_str().ok_or("data.level must be a string")?;
        if !["critical", "error", "warning", "info", "debug"].contains(&level) {
            return Err(format!("invalid level {level}"));
        }
    }
    for (field, max) in [
        ("title", 255),
        ("code_version", 40),
        ("uuid", 36),
        ("fingerprint", 40),
    ] {
        if let Some(v) = data.get(field) {
            let text = v.as_str().ok_or(format!("data.{field} must be a string"))?;
            if text.chars().count() > max {
                return Err(format!("data.{field} longer than {max}"));
            }
        }
    }
    let body = data
        .get("body")
        .and_then(Value::as_object)
        .ok_or("data.body is required")?;
    let kinds: Vec<&String> = body
        .keys()
        .filter(|k| ["trace", "trace_chain", "message", "crash_report"].contains(&k.as_str()))
        .collect();
    if kinds.len() != 1 || body.len() != 1 {
        return Err(format!(
            "data.body must have exactly one of trace, trace_chain, message, crash_report; got {:?}",
            body.keys().collect::<Vec<_>>()
        ));
    }
    if let Some(trace) = body.get("trace") {
        let frames = trace
            .get("frames")
            .and_then(Value::as_array)
            .ok_or("trace.frames is required")?;
        if frames
            .iter()
            .any(|f| f.get("filename").and_then(Value::as_str).is_none())
        {
            return Err("every frame needs a filename".into());
        }
        trace
            .pointer("/exception/class")
            .and_then(Value::as_str)
            .ok_or("trace.exception.class is required")?;
    }
    if let Some(message) = body.get("message") {
        message
            .get("body")
            .and_then(Value::as_str)
            .ok_or("message.body is required")?;
    }
    Ok(())
}

async fn item(State(fake): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let mut fake = fake.lock().unwrap();
    fake.item_requests += 1;
    if let Err(r) = check_token(&headers) {
        return r;
    }
    if body.len() > fake.max_bytes {
        return error(StatusCode::PAYLOAD_TOO_LARGE, "payload too large");
    }
    if fake.rate_limited {
        return rate_limit();
    }
    let Ok(item) = serde_json::from_slice::<Value>(&body) else {
        return error(StatusCode::BAD_REQUEST, "invalid JSON");
    };
    if let Err(message) = validate_item(&item) {
        return error(StatusCode::UNPROCESSABLE_ENTITY, &message);
    }
    if let Some(n) = item
        .pointer("/data/custom/occurrence")
        .and_then(Value::as_i64)
        && fake.reject_occurrences.contains(&n)
    {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!("occurrence {n} refused by project rules"),
        );
    }
    let uuid = item
        .pointer("/data/uuid")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    // Rollbar drops a second item with a uuid it has seen.
    if fake.seen_uuids.insert(uuid.clone()) {
        fake.group(&item["data"]);
        fake.items.push(item);
    }
    if fake.fail_after_store > 0 {
        fake.fail_after_store -= 1;
        return error(StatusCode::SERVICE_UNAVAILABLE, "temporarily unavailable");
    }
    reply(
        StatusCode::OK,
        json!({"err": 0, "result": {"id": null, "uuid": uuid}}),
    )
}

async fn deploy(State(fake): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let mut fake = fake.lock().unwrap();
    fake.deploy_requests += 1;
    if let Err(r) = check_token(&headers) {
        return r;
    }
    if fake.fail_deploys {
        return error(StatusCode::INTERNAL_SERVER_ERROR, "internal error");
    }
    let Ok(deploy) = serde_json::from_slice::<Value>(&body) else {
        return error(StatusCode::BAD_REQUEST, "invalid JSON");
    };
    for field in ["environment", "revision"] {
        if deploy
            .get(field)
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
        {
            return error(
                StatusCode::UNPROCESSABLE_ENTITY,
                &format!("{field} is required"),
            );
        }
    }
    fake.deploys.push(deploy);
    let id = 1000 + fake.deploys.len();
    reply(StatusCode::OK, json!({"err": 0, "data": {"deploy_id": id}}))
}

/// The fake on a free port; `endpoint` is its `.../api/1/`.
pub(crate) struct Server {
    state: Shared,
    pub(crate) endpoint: String,
    _server: crate::harness::Background,
}

pub(crate) fn start() -> Server {
    let state: Shared = Arc::new(Mutex::new(Fake {
        max_bytes: 128 * 1024,
        ..Fake::default()
    }));
    let app = Router::new()
        .route("/api/1/item/", post(item))
        .route("/api/1/deploy", post(deploy))
        .route("/api/1/items/", get(list_items))
        .route("/api/1/item_by_counter/{counter}", get(item_by_counter))
        .route("/api/1/item/{id}", get(get_item))
        .route("/api/1/item/{id}/instances", get(instances))
        .with_state(state.clone());
    let server = crate::harness::serve(app);
    Server {
        state,
        endpoint: format!("http://{}/api/1/", server.addr),
        _server: server,
    }
}

impl Server {
    pub(crate) fn fake(&self) -> std::sync::MutexGuard<'_, Fake> {
        self.state.lock().unwrap()
    }

    /// Runs `script` with the real pyrollbar (the app's token in TOKEN, the fake's endpoint
    /// in ENDPOINT), then one `rollbar trigger -e staging`: an SDK's item, then tracectl's.
    fn pyrollbar_then_trigger(&self, script: &str) -> Sandbox {
        let python = crate::python::venv().join("bin/python");
        let status = std::process::Command::new(python)
            .args(["-c", script])
            .env("TOKEN", TOKEN)
            .env("ENDPOINT", &self.endpoint)
            .status()
            .unwrap();
        assert!(status.success());
        let sandbox = Sandbox::new();
        assert_eq!(
            self.tracectl(&sandbox, &["rollbar", "trigger", "-e", "staging"])
                .code,
            0
        );
        sandbox
    }

    fn tracectl(&self, sandbox: &Sandbox, args: &[&str]) -> Output {
        run(sandbox
            .cmd()
            .env("ROLLBAR_ACCESS_TOKEN", TOKEN)
            .env("ROLLBAR_ENDPOINT", &self.endpoint)
            .args(args))
    }
}

fn git_repo(sandbox: &Sandbox) -> (std::path::PathBuf, String) {
    let dir = sandbox.home().join("app");
    std::fs::create_dir_all(&dir).unwrap();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(&dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "Dev")
            .env("GIT_AUTHOR_EMAIL", "dev@example.com")
            .env("GIT_COMMITTER_NAME", "Dev")
            .env("GIT_COMMITTER_EMAIL", "dev@example.com")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["commit", "-q", "--allow-empty", "-m", "init"]);
    let head = git(&["rev-parse", "HEAD"]);
    (dir, head)
}

#[test]
fn trigger_sends_a_pyrollbar_shaped_trace_item() {
    let server = start();
    let sandbox = Sandbox::new();
    let (repo, head) = git_repo(&sandbox);
    let out = run(sandbox
        .cmd()
        .current_dir(&repo)
        .env("ROLLBAR_ACCESS_TOKEN", TOKEN)
        .env("ROLLBAR_ENDPOINT", &server.endpoint)
        .args([
            "rollbar",
            "trigger",
            "--custom",
            "user_id=42",
            "--custom",
            "plan=pro",
            "--fingerprint",
            "tracectl-smoke",
        ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let fake = server.fake();
    assert_eq!((fake.item_requests, fake.items.len()), (1, 1));
    let data = &fake.items[0]["data"];
    let uuid = data["uuid"].as_str().unwrap();
    assert_eq!(
        out.stdout,
        format!(" {uuid}  https://rollbar.com/occurrence/uuid/?uuid={uuid}\n")
    );
    assert_eq!(
        out.stderr,
        "sent 1 of 1 to Rollbar (development, level error, TracectlTestError: Test error from tracectl)\n"
    );
    assert_eq!(uuid::Uuid::parse_str(uuid).unwrap().get_version_num(), 4);
    assert_eq!(data["environment"], "development");
    assert_eq!(data["level"], "error");
    assert_eq!(data["language"], "python");
    assert_eq!(data["framework"], "flask");
    assert_eq!(data["platform"], "linux");
    assert_eq!(
        data["notifier"],
        json!({"name": "tracectl", "version": env!("CARGO_PKG_VERSION")})
    );
    assert_eq!(data["code_version"], head.as_str());
    assert_eq!(data["server"]["branch"], "main");
    assert_eq!(data["server"]["root"], repo.display().to_string());
    assert!(!data["server"]["host"].as_str().unwrap().is_empty());
    assert_eq!(data["fingerprint"], "tracectl-smoke");
    assert_eq!(
        data["custom"],
        json!({"source": "tracectl rollbar trigger", "occurrence": 1, "user_id": 42, "plan": "pro"})
    );
    let now = jiff::Timestamp::now().as_second();
    assert!((now - data["timestamp"].as_i64().unwrap()).abs() < 60);
    assert_eq!(
        data["body"]["trace"]["exception"],
        json!({"class": "TracectlTestError", "message": "Test error from tracectl"})
    );
    let frames = data["body"]["trace"]["frames"].as_array().unwrap();
    assert_eq!(frames.len(), 5);
    // Most recent call last, where the exception is raised.
    assert_eq!(
        frames[4]["code"],
        "raise TracectlTestError(\"Test error from tracectl\")"
    );
    assert_eq!(frames[0]["method"], "wsgi_app");
    // The token travels in the header only.
    assert!(fake.items[0].get("access_token").is_none());
}

#[test]
fn count_five_warning_staging_sends_five_distinct_occurrences() {
    let server = start();
    let sandbox = Sandbox::new();
    let out = server.tracectl(
        &sandbox,
        &[
            "rollbar", "trigger", "--count", "5", "--level", "warning", "-e", "staging", "-o",
            "json",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let printed: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let fake = server.fake();
    assert_eq!((fake.item_requests, fake.items.len()), (5, 5));
    let received: HashSet<&str> = fake
        .items
        .iter()
        .map(|i| i["data"]["uuid"].as_str().unwrap())
        .collect();
    let reported: HashSet<&str> = printed
        .iter()
        .map(|p| p["uuid"].as_str().unwrap())
        .collect();
    assert_eq!(received.len(), 5);
    assert_eq!(received, reported);
    for p in &printed {
        assert_eq!(
            (p["level"].as_str(), p["environment"].as_str()),
            (Some("warning"), Some("staging"))
        );
        assert_eq!(
            p["link"],
            format!(
                "https://rollbar.com/occurrence/uuid/?uuid={}",
                p["uuid"].as_str().unwrap()
            )
        );
    }
    let mut occurrences: Vec<i64> = fake
        .items
        .iter()
        .map(|i| i["data"]["custom"]["occurrence"].as_i64().unwrap())
        .collect();
    occurrences.sort();
    assert_eq!(occurrences, [1, 2, 3, 4, 5]);
    assert!(
        fake.items
            .iter()
            .all(|i| i["data"]["level"] == "warning" && i["data"]["environment"] == "staging")
    );
}

#[test]
fn dry_run_prints_exactly_what_would_be_sent_and_needs_no_token() {
    let server = start();
    let sandbox = Sandbox::new();
    let args = [
        "rollbar",
        "trigger",
        "--message-only",
        "-m",
        "checking the pipes",
        "--level",
        "info",
        "-e",
        "qa",
        "--title",
        "Pipe check",
    ];
    let dry = run(sandbox.cmd().args(args).arg("--dry-run"));
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert_eq!(server.fake().item_requests, 0);
    let printed: Value = serde_json::from_str(dry.stdout.trim()).unwrap();

    let sent = server.tracectl(&sandbox, &args);
    assert_eq!(sent.code, 0, "{}", sent.stderr);
    let mut received = server.fake().items[0].clone();
    // Only the per-occurrence values differ between two runs.
    let mut printed = printed;
    for v in [&mut printed, &mut received] {
        v["data"]["uuid"] = json!("<uuid>");
        v["data"]["timestamp"] = json!(0);
    }
    assert_eq!(printed, received);
    assert_eq!(
        received["data"]["body"],
        json!({"message": {"body": "checking the pipes"}})
    );
    assert_eq!(received["data"]["title"], "Pipe check");
}

#[test]
fn a_lost_answer_is_retried_without_creating_a_duplicate() {
    let server = start();
    server.fake().fail_after_store = 2;
    let sandbox = Sandbox::new();
    let out = server.tracectl(&sandbox, &["rollbar", "trigger", "--count", "3"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let fake = server.fake();
    // 3 occurrences, 2 answers lost and retried: 5 requests, exactly 3 items.
    assert_eq!((fake.item_requests, fake.items.len()), (5, 3));
    assert_eq!(out.stdout.lines().count(), 3);
}

#[test]
fn a_partial_failure_says_how_many_were_accepted() {
    let server = start();
    server.fake().reject_occurrences = vec![2, 4];
    let sandbox = Sandbox::new();
    let out = server.tracectl(&sandbox, &["rollbar", "trigger", "--count", "5"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout.lines().count(), 3);
    assert_eq!(server.fake().items.len(), 3);
    let errors: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(
        errors,
        [
            "error: sent 3 of 5 to Rollbar; 2 failed: Rollbar rejected the payload (422 occurrence 2 refused by project rules)"
        ]
    );
    assert!(
        out.stderr
            .contains("hint: `--dry-run` prints the payload that was refused")
    );
}

#[test]
fn every_error_path_has_its_hint() {
    let server = start();
    let sandbox = Sandbox::new();

    let no_token = run(sandbox
        .cmd()
        .env("ROLLBAR_ENDPOINT", &server.endpoint)
        .args(["rollbar", "trigger"]));
    assert_eq!(no_token.code, 2);
    assert_eq!(
        no_token.stderr,
        "error: no Rollbar access token\nhint: set ROLLBAR_ACCESS_TOKEN or add rollbar_access_token to profile \"default\"; `tracectl config show` shows what is used\n"
    );

    let bad = run(sandbox
        .cmd()
        .env("ROLLBAR_ACCESS_TOKEN", "rb_wrong_token_value_123")
        .env("ROLLBAR_ENDPOINT", &server.endpoint)
        .args(["rollbar", "trigger"]));
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("error: sent 0 of 1 to Rollbar; 1 failed: Rollbar refused the access token (401 invalid access token)"), "{}", bad.stderr);
    assert!(
        bad.stderr
            .contains("hint: use a project access token with the post_server_item scope"),
        "{}",
        bad.stderr
    );

    let read_only = run(sandbox
        .cmd()
        .env("ROLLBAR_ACCESS_TOKEN", READ_ONLY_TOKEN)
        .env("ROLLBAR_ENDPOINT", &server.endpoint)
        .args(["rollbar", "deploy", "--revision", "abc"]));
    assert_eq!(read_only.code, 1);
    assert!(read_only.stderr.starts_with("error: Rollbar refused the access token (403 access token does not have the post_server_item scope)\nhint: use a project access token"), "{}", read_only.stderr);

    server.fake().max_bytes = 1024;
    let large = server.tracectl(&sandbox, &["rollbar", "trigger"]);
    assert_eq!(large.code, 1);
    assert!(
        large
            .stderr
            .contains("Rollbar refused the item as too large (413 payload too large)")
            && large.stderr.contains("hint: shorten the message"),
        "{}",
        large.stderr
    );
    server.fake().max_bytes = 128 * 1024;

    server.fake().rate_limited = true;
    let limited = server.tracectl(&sandbox, &["rollbar", "trigger"]);
    assert_eq!(limited.code, 1);
    assert!(
        limited
            .stderr
            .contains("Rollbar's rate limit is reached (429); it resets in "),
        "{}",
        limited.stderr
    );
    assert!(
        limited
            .stderr
            .contains("hint: wait for the reset, or send fewer with --count")
    );
    server.fake().rate_limited = false;

    let port = crate::harness::free_port();
    let down = run(sandbox.cmd().env("ROLLBAR_ACCESS_TOKEN", TOKEN).args([
        "rollbar",
        "trigger",
        "--endpoint-url",
        &format!("http://127.0.0.1:{port}/api/1"),
    ]));
    assert_eq!(down.code, 1);
    assert!(
        down.stderr
            .contains("1 failed: cannot connect to 127.0.0.1: "),
        "{}",
        down.stderr
    );
    assert!(
        down.stderr
            .contains("hint: check the network and the endpoint"),
        "{}",
        down.stderr
    );

    let bad_url = server.tracectl(
        &sandbox,
        &["rollbar", "trigger", "--endpoint-url", "api.rollbar.com"],
    );
    assert_eq!(bad_url.code, 2);
    assert!(
        bad_url
            .stderr
            .starts_with("error: invalid Rollbar endpoint 'api.rollbar.com'")
    );

    // Refused locally, before anything is sent.
    let before = server.fake().item_requests;
    let long_version = server.tracectl(
        &sandbox,
        &["rollbar", "trigger", "--code-version", &"a".repeat(41)],
    );
    assert_eq!(long_version.code, 2);
    assert_eq!(
        long_version.stderr,
        "error: the item would be refused: code_version is 41 characters; Rollbar allows 40\n"
    );
    let huge = server.tracectl(&sandbox, &["rollbar", "trigger", "-m", &"x".repeat(70_000)]);
    assert_eq!(huge.code, 2);
    assert!(
        huge.stderr
            .starts_with("error: the item would be refused: payload is "),
        "{}",
        huge.stderr
    );
    let custom = server.tracectl(&sandbox, &["rollbar", "trigger", "--custom", "novalue"]);
    assert_eq!(custom.code, 2);
    assert_eq!(server.fake().item_requests, before);

    // No secret anywhere, even in -vv traces.
    let traced = server.tracectl(&sandbox, &["-vv", "rollbar", "trigger"]);
    assert_eq!(traced.code, 0, "{}", traced.stderr);
    assert!(
        traced
            .stderr
            .contains("> x-rollbar-access-token: [REDACTED]"),
        "{}",
        traced.stderr
    );
    for out in [&no_token, &bad, &read_only, &large, &limited, &traced] {
        assert!(!out.stdout.contains(TOKEN) && !out.stderr.contains(TOKEN));
    }
}

#[test]
fn an_endpoint_without_trailing_slash_keeps_its_path() {
    let server = start();
    let sandbox = Sandbox::new();
    let endpoint = server.endpoint.trim_end_matches('/').to_string();
    let out = run(sandbox
        .cmd()
        .env("ROLLBAR_ACCESS_TOKEN", TOKEN)
        .env("ROLLBAR_ENDPOINT", &endpoint)
        .args(["rollbar", "trigger"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(server.fake().items.len(), 1);
}

#[test]
fn deploy_records_revision_environment_user_and_is_not_replayed() {
    let server = start();
    let sandbox = Sandbox::new();
    let (repo, head) = git_repo(&sandbox);
    let out = run(sandbox
        .cmd()
        .current_dir(&repo)
        .env("ROLLBAR_ACCESS_TOKEN", TOKEN)
        .env("ROLLBAR_ENDPOINT", &server.endpoint)
        .env("USER", "alice")
        .args([
            "rollbar",
            "deploy",
            "-e",
            "staging",
            "--comment",
            "Add X-Ray",
            "--status",
            "succeeded",
        ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!("recorded deploy 1001 of {} to staging\n", &head[..12])
    );
    assert_eq!(
        server.fake().deploys[0],
        json!({"environment": "staging", "revision": head, "local_username": "alice", "comment": "Add X-Ray", "status": "succeeded"})
    );

    let explicit = server.tracectl(
        &sandbox,
        &[
            "rollbar",
            "deploy",
            "--revision",
            "v0.2",
            "--user",
            "bob",
            "--status",
            "timed_out",
            "-o",
            "json",
        ],
    );
    assert_eq!(explicit.code, 0, "{}", explicit.stderr);
    assert_eq!(
        serde_json::from_str::<Value>(&explicit.stdout).unwrap(),
        json!({"deploy_id": 1002, "environment": "development", "revision": "v0.2"})
    );
    assert_eq!(server.fake().deploys[1]["status"], "timed_out");

    // Outside a repository there is no default revision.
    let none = server.tracectl(&sandbox, &["rollbar", "deploy"]);
    assert_eq!(none.code, 2);
    assert!(
        none.stderr
            .starts_with("error: no --revision given and not inside a git repository\nhint: ")
    );

    // A 5xx on a deploy is not retried: a replay would record it twice.
    server.fake().fail_deploys = true;
    let before = server.fake().deploy_requests;
    let failed = server.tracectl(&sandbox, &["rollbar", "deploy", "--revision", "abc"]);
    assert_eq!(failed.code, 1);
    assert_eq!(
        failed.stderr.lines().next().unwrap(),
        "error: Rollbar answered 500: internal error"
    );
    assert_eq!(server.fake().deploy_requests, before + 1);
}

/// The real pyrollbar SDK, pointed at the same fake, sends the same shape of item.
#[test]
fn the_item_has_the_shape_pyrollbar_sends() {
    let server = start();
    let script = r#"
import os, rollbar
rollbar.init(os.environ["TOKEN"], environment="staging", endpoint=os.environ["ENDPOINT"], handler="blocking")
try:
    raise ValueError("boom")
except Exception:
    rollbar.report_exc_info()
"#;
    server.pyrollbar_then_trigger(script);

    let fake = server.fake();
    assert_eq!(fake.items.len(), 2, "both items pass the fake's validation");
    let (sdk, ours) = (&fake.items[0]["data"], &fake.items[1]["data"]);
    assert_eq!(sdk["notifier"]["name"], "pyrollbar");
    let keys = |v: &Value| {
        v.as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect::<HashSet<String>>()
    };
    let missing: Vec<String> = keys(sdk).difference(&keys(ours)).cloned().collect();
    assert!(
        missing.is_empty(),
        "tracectl lacks top-level keys pyrollbar sends: {missing:?}"
    );
    assert_eq!(keys(&sdk["body"]), keys(&ours["body"]));
    assert_eq!(keys(&sdk["body"]["trace"]), keys(&ours["body"]["trace"]));
    assert_eq!(
        keys(&sdk["body"]["trace"]["exception"]),
        keys(&ours["body"]["trace"]["exception"])
    );
    let sdk_frame = keys(&sdk["body"]["trace"]["frames"][0]);
    for frame in ours["body"]["trace"]["frames"].as_array().unwrap() {
        assert!(keys(frame).is_subset(&sdk_frame), "{frame}");
    }
    assert!(keys(&ours["server"]).contains("host") && keys(&sdk["server"]).contains("host"));
    assert_eq!(sdk["level"], ours["level"]);
}

/// An error a Flask app reports with the real pyrollbar, inside a request that carries a
/// W3C `traceparent`, is found by `rollbar items`, shown by `rollbar item` with its frames,
/// its request (the Authorization header masked) and its trace id; the app's own
/// post_server_item token is refused for reading, with what to use instead.
#[test]
fn errors_are_read_back_with_frames_request_and_trace_id() {
    let server = start();
    let script = r#"
import os, sys, rollbar
from flask import Flask, request
rollbar.init(os.environ["TOKEN"], environment="production", endpoint=os.environ["ENDPOINT"],
             handler="blocking", code_version="abc1234")
app = Flask("backend-flask")

@app.route("/api/activities/home")
def home():
    try:
        raise ValueError("home feed failed")
    except Exception:
        rollbar.report_exc_info(sys.exc_info(), request)
        return "error", 500

client = app.test_client()
for _ in range(2):
    client.get("/api/activities/home", headers={
        "traceparent": "00-5b8efff798038103d269b633813fc60c-eee19b7ec3c1b174-01",
        "Authorization": "Bearer app-session-secret-123",
    })
"#;
    let sandbox = server.pyrollbar_then_trigger(script);
    let read = |args: &[&str]| {
        run(sandbox
            .cmd()
            .env("ROLLBAR_READ_ACCESS_TOKEN", READ_ONLY_TOKEN)
            .env("ROLLBAR_ENDPOINT", &server.endpoint)
            .args(args))
    };

    let out = read(&["rollbar", "items", "--since", "1h", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let items: Vec<(i64, String, i64, String)> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["counter"].as_i64().unwrap(),
                i["title"].as_str().unwrap().to_string(),
                i["occurrences"].as_i64().unwrap(),
                i["environment"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut sorted = items.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            (
                1,
                "ValueError: home feed failed".into(),
                2,
                "production".into()
            ),
            (
                2,
                "TracectlTestError: Test error from tracectl".into(),
                1,
                "staging".into()
            ),
        ]
    );
    assert_eq!(report["truncated"], false);
    assert_eq!(
        report["items"][0]["link"],
        format!(
            "https://rollbar.com/project/4242/item/{}/",
            report["items"][0]["counter"]
        )
    );
    // For people: a row an item, with its link.
    let table = read(&["rollbar", "items", "--since", "1h"]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    let row = table
        .stdout
        .lines()
        .find(|l| l.contains("ValueError: home feed failed"))
        .unwrap_or_else(|| panic!("{}", table.stdout));
    assert!(row.trim_start().starts_with("#1 "), "{row}");
    assert!(row.contains("production"), "{row}");
    assert!(
        row.contains("https://rollbar.com/project/4242/item/1/"),
        "{row}"
    );
    // Filters go to the API.
    let out = read(&["rollbar", "items", "-e", "staging", "-o", "json"]);
    let staging: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(staging["items"].as_array().unwrap().len(), 1);
    assert_eq!(staging["items"][0]["counter"], 2);

    let out = read(&["rollbar", "item", "#1", "--occurrences", "2", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let detail: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(detail["item"]["counter"], 1);
    let occurrences = detail["occurrences"].as_array().unwrap();
    assert_eq!(occurrences.len(), 2);
    let latest = &occurrences[0];
    assert_eq!(latest["exception"], "ValueError: home feed failed");
    assert_eq!(latest["code_version"], "abc1234");
    assert_eq!(
        latest["trace_ids"],
        json!(["5b8efff798038103d269b633813fc60c"])
    );
    let frames = latest["frames"].as_array().unwrap();
    assert_eq!(
        frames.last().unwrap()["method"],
        "home",
        "most recent call last"
    );
    assert_eq!(latest["request"]["method"], "GET");
    assert!(
        latest["request"]["url"]
            .as_str()
            .unwrap()
            .ends_with("/api/activities/home"),
        "{latest}"
    );
    let headers = latest["request"]["headers"].as_array().unwrap();
    let header = |name: &str| {
        headers
            .iter()
            .find(|h| h[0].as_str().unwrap().eq_ignore_ascii_case(name))
            .map(|h| h[1].as_str().unwrap().to_string())
    };
    assert_eq!(
        header("traceparent").as_deref(),
        Some("00-5b8efff798038103d269b633813fc60c-eee19b7ec3c1b174-01")
    );
    assert_ne!(
        header("authorization").as_deref(),
        Some("Bearer app-session-secret-123")
    );
    assert!(
        detail["link"]
            .as_str()
            .unwrap()
            .starts_with("https://rollbar.com/item/uuid/?uuid=")
    );

    // The redirect is followed and shown with -v, its token never.
    let traced = read(&["rollbar", "item", "1", "-vv"]);
    assert_eq!(traced.code, 0, "{}", traced.stderr);
    assert!(traced.stderr.contains("redirect 301"), "{}", traced.stderr);
    assert!(
        !traced.stderr.contains(READ_ONLY_TOKEN) && !traced.stdout.contains(READ_ONLY_TOKEN),
        "{}",
        traced.stderr
    );

    // By the uuid of an occurrence, as the SDKs and `rollbar trigger` print it.
    let uuid = occurrences[1]["uuid"].as_str().unwrap().to_string();
    let out = read(&["rollbar", "item", &uuid, "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let by_uuid: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(by_uuid["item"]["counter"], 1);
    assert_eq!(by_uuid["occurrences"][0]["uuid"], uuid.as_str());
    let out = read(&["rollbar", "item", "00000000-0000-4000-8000-000000000000"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .starts_with("error: no occurrence 00000000-0000-4000-8000-000000000000 among"),
        "{}",
        out.stderr
    );

    // For people: the frames, and the command that looks the trace up.
    let human = read(&["rollbar", "item", "1"]);
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(
        human.stdout.contains("  ValueError: home feed failed\n"),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .contains("trace 5b8efff798038103d269b633813fc60c  (tracectl trace 5b8efff798038103d269b633813fc60c)"),
        "{}",
        human.stdout
    );
    assert!(!human.stdout.contains("app-session-secret-123"));

    // `tracectl trace ID` finds both occurrences through the id in their traceparent (X-Ray
    // is not asked here: no region).
    let lookup_in_rollbar = |id: &str, json: bool| {
        let mut cmd = sandbox.cmd();
        cmd.env_remove("AWS_REGION")
            .env("ROLLBAR_READ_ACCESS_TOKEN", READ_ONLY_TOKEN)
            .env("ROLLBAR_ENDPOINT", &server.endpoint)
            .args(["trace", id]);
        if json {
            cmd.args(["-o", "json"]);
        }
        run(&mut cmd)
    };
    let out = lookup_in_rollbar("5b8efff798038103d269b633813fc60c", true);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lookup: Value = serde_json::from_str(&out.stdout).unwrap();
    let rollbar = lookup["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["source"] == "rollbar")
        .unwrap();
    assert_eq!(rollbar["status"], "found");
    assert_eq!(rollbar["detail"], "2 occurrences in #1");
    let errors = lookup["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2);
    assert!(
        errors
            .iter()
            .all(|e| e["counter"] == 1 && e["exception"] == "ValueError: home feed failed")
    );
    let human = lookup_in_rollbar("5b8efff798038103d269b633813fc60c", false);
    assert!(
        human
            .stdout
            .contains("errors (Rollbar, the local store):\n"),
        "{}",
        human.stdout
    );
    // Another id is in no occurrence.
    let other = lookup_in_rollbar("5b8efff798038103d269b633813fc60d", true);
    assert_eq!(other.code, 1);
    let lookup: Value = serde_json::from_str(&other.stdout).unwrap();
    assert!(lookup["errors"].as_array().unwrap().is_empty());

    // An unknown counter, and the app's token in place of a read one.
    let out = read(&["rollbar", "item", "99"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .starts_with("error: no item #99 in this project\n"),
        "{}",
        out.stderr
    );
    let out = run(sandbox
        .cmd()
        .env("ROLLBAR_READ_ACCESS_TOKEN", TOKEN)
        .env("ROLLBAR_ENDPOINT", &server.endpoint)
        .args(["rollbar", "items"]));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.starts_with("error: Rollbar refused the access token (403 access token does not have the read scope)\nhint: reading needs a project access token of read scope"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains(TOKEN));
    // Rollbar's rate limit on reads: said with when it resets, not waited out for 30 s.
    server.fake().rate_limited = true;
    let started = std::time::Instant::now();
    let out = read(&["rollbar", "items"]);
    server.fake().rate_limited = false;
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .starts_with("error: Rollbar's rate limit is reached (429); it resets in "),
        "{}",
        out.stderr
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));

    // No read token at all: which setting to add.
    let out = server.tracectl(&sandbox, &["rollbar", "items"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .starts_with("error: no Rollbar read token\nhint: set ROLLBAR_READ_ACCESS_TOKEN"),
        "{}",
        out.stderr
    );
}

/// `trigger --wait` sends, then waits (here through two polls that see nothing yet) until
/// Rollbar has filed each occurrence, and prints the item counter; without a read token it
/// says what to set and still sends.
#[test]
fn trigger_wait_reports_the_item_once_processed() {
    let server = start();
    server.fake().processing_polls = 2;
    let sandbox = Sandbox::new();
    let out = run(sandbox
        .cmd()
        .env("ROLLBAR_ACCESS_TOKEN", TOKEN)
        .env("ROLLBAR_READ_ACCESS_TOKEN", READ_ONLY_TOKEN)
        .env("ROLLBAR_ENDPOINT", &server.endpoint)
        .args(["rollbar", "trigger", "--count", "2", "--wait", "-o", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let sent: Value = serde_json::from_str(&out.stdout).unwrap();
    let counters: Vec<i64> = sent
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["counter"].as_i64().unwrap())
        .collect();
    assert_eq!(counters, [1, 1], "both occurrences filed under item #1");
    assert_eq!(
        server.fake().items_list_requests,
        3,
        "two polls saw nothing, the third both"
    );

    let human = run(sandbox
        .cmd()
        .env("ROLLBAR_ACCESS_TOKEN", TOKEN)
        .env("ROLLBAR_READ_ACCESS_TOKEN", READ_ONLY_TOKEN)
        .env("ROLLBAR_ENDPOINT", &server.endpoint)
        .args(["rollbar", "trigger", "--wait"]));
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(
        human.stdout.contains("  item #1 (tracectl rollbar item 1)"),
        "{}",
        human.stdout
    );

    // Never processed within --timeout: sent, and said (exit 1).
    server.fake().processing_polls = 1000;
    let out = run(sandbox
        .cmd()
        .env("ROLLBAR_ACCESS_TOKEN", TOKEN)
        .env("ROLLBAR_READ_ACCESS_TOKEN", READ_ONLY_TOKEN)
        .env("ROLLBAR_ENDPOINT", &server.endpoint)
        .args(["rollbar", "trigger", "--wait", "--timeout", "2s"]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "error: 1 of 1 occurrences were not processed by Rollbar within 2s (--timeout)"
        ),
        "{}",
        out.stderr
    );
    server.fake().processing_polls = 0;

    // Without a read token: sent, and told what to set.
    let before = server.fake().items.len();
    let out = server.tracectl(&sandbox, &["rollbar", "trigger", "--wait"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(server.fake().items.len(), before + 1);
    assert!(
        out.stderr
            .contains("--wait: no Rollbar read token (set ROLLBAR_READ_ACCESS_TOKEN"),
        "{}",
        out.stderr
    );
}

/// The whole loop with the test Flask app: its OpenTelemetry spans go to `local listen`, its
/// unhandled exception goes to Rollbar through pyrollbar's Flask signal, both under the
/// trace id of the request's `traceparent`. `rollbar items` finds the error, `rollbar item`
/// shows its frames and trace id, and `tracectl trace ID` reaches both the spans and the
/// error.
#[test]
fn the_flask_apps_error_is_reached_from_its_trace() {
    let server = start();
    let sandbox = Sandbox::new();
    let listener = crate::local::Listener::start(&sandbox, &[]);
    let trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
    crate::local::flask_app(
        "otlp-http",
        &[
            (
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                format!("http://127.0.0.1:{}", listener.http),
            ),
            ("ROLLBAR_ACCESS_TOKEN", TOKEN.to_string()),
            ("ROLLBAR_ENDPOINT", server.endpoint.clone()),
            ("APP_PATHS", "/api/boom".to_string()),
            (
                "APP_TRACEPARENT",
                format!("00-{trace_id}-00f067aa0ba902b7-01"),
            ),
        ],
    );
    crate::local::wait_for_spans(&listener.db, 1);
    let read = |args: &[&str]| {
        run(sandbox
            .cmd()
            .env_remove("AWS_REGION")
            .env("ROLLBAR_READ_ACCESS_TOKEN", READ_ONLY_TOKEN)
            .env("ROLLBAR_ENDPOINT", &server.endpoint)
            .env("TRACECTL_LOCAL_DB", &listener.db)
            .args(args))
    };

    let out = read(&["rollbar", "items", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let items: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(items["items"].as_array().unwrap().len(), 1, "{items}");
    assert_eq!(
        items["items"][0]["title"],
        "ZeroDivisionError: division by zero"
    );

    let out = read(&["rollbar", "item", "1", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let detail: Value = serde_json::from_str(&out.stdout).unwrap();
    let occurrence = &detail["occurrences"][0];
    assert_eq!(occurrence["trace_ids"], json!([trace_id]));
    assert_eq!(
        occurrence["frames"].as_array().unwrap().last().unwrap()["method"],
        "boom"
    );

    let out = read(&["trace", trace_id, "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lookup: Value = serde_json::from_str(&out.stdout).unwrap();
    let status = |source: &str| {
        lookup["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["source"] == source)
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(status("local"), "found", "{lookup}");
    assert_eq!(status("rollbar"), "found", "{lookup}");
    assert_eq!(lookup["trace"]["spans"][0]["name"], "GET /api/boom");
    assert_eq!(
        lookup["errors"][0]["exception"],
        "ZeroDivisionError: division by zero"
    );
    let (code, _, stderr) = listener.stop();
    assert_eq!(code, Some(0), "{stderr}");
}
