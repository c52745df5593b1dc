//! `honeycomb *` end to end: the real binary against the strict in-process fake, asserting
//! exact numbers, exact request bodies (valid against Honeycomb's OpenAPI schemas), the
//! polling, the rate limit, and every error with its hint.

use serde_json::{Value, json};

use crate::harness::{Background, Output, Sandbox, run, serve};
use crate::honeycomb_fake::{FakeHoneycomb, KEY, KEY_NO_QUERIES, Options, schema_problems};

pub(crate) fn start(options: Options) -> (FakeHoneycomb, Background) {
    let fake = FakeHoneycomb::new(options);
    let server = serve(fake.router());
    (fake, server)
}

fn honeycomb_with_key(server: &Background, key: &str, args: &[&str]) -> Output {
    run(Sandbox::new()
        .cmd()
        .env("HONEYCOMB_API_KEY", key)
        .arg("honeycomb")
        .args(args)
        .args(["--endpoint-url", &format!("http://{}", server.addr)]))
}

/// `tracectl honeycomb ARGS` with the fake's key, against `server`.
pub(crate) fn honeycomb(server: &Background, args: &[&str]) -> Output {
    honeycomb_with_key(server, KEY, args)
}

fn json_of(out: &Output) -> Value {
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

/// The bodies tracectl POSTed to `path_prefix`, in order.
fn posted(fake: &FakeHoneycomb, path_prefix: &str) -> Vec<Value> {
    fake.calls()
        .into_iter()
        .filter(|c| c.method == "POST" && c.path.starts_with(path_prefix))
        .map(|c| c.body)
        .collect()
}

/// The design card's query: requests that failed, by route, over two hours.
const DESIGN_CARD_QUERY: [&str; 13] = [
    "query",
    "-d",
    "cruddur",
    "-c",
    "COUNT",
    "-c",
    "P99(duration_ms)",
    "-b",
    "http.route",
    "-w",
    "http.status_code >= 500",
    "--since",
    "2h",
];

#[test]
fn the_design_cards_query_gives_the_right_rows_and_link() {
    let (fake, server) = start(Options::default());
    let out = honeycomb(&server, &[&DESIGN_CARD_QUERY[..], &["-o", "json"]].concat());
    let doc = json_of(&out);
    assert_eq!(doc["dataset"], "cruddur");
    assert_eq!(
        doc["results"],
        json!([{"http.route": "/api/activities/:uuid", "COUNT": 2, "P99(duration_ms)": 2000.0}])
    );
    let query_id = doc["query_id"].as_str().unwrap();
    let result_id = doc["result_id"].as_str().unwrap();
    assert_eq!(
        doc["query_url"],
        json!(format!(
            "https://ui.honeycomb.io/cruddur/environments/production/datasets/cruddur/result/{result_id}"
        ))
    );
    let sent = posted(&fake, "/1/queries/cruddur");
    assert_eq!(
        sent,
        [json!({
            "calculations": [{"op": "COUNT"}, {"op": "P99", "column": "duration_ms"}],
            "filters": [{"column": "http.status_code", "op": ">=", "value": 500}],
            "breakdowns": ["http.route"],
            "time_range": 7200,
        })]
    );
    assert_eq!(doc["query"], sent[0]);
    assert_eq!(
        posted(&fake, "/1/query_results/cruddur"),
        [json!({"query_id": query_id, "disable_series": false})]
    );
    // The series has one point per bucket for the one group; its COUNTs add up to the total.
    let total: i64 = doc["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["COUNT"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 2);
    assert!(doc["series"][0]["time"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn the_table_for_people_and_the_link_on_stderr() {
    let (_fake, server) = start(Options::default());
    let out = honeycomb(
        &server,
        &[
            "query",
            "-d",
            "cruddur",
            "-c",
            "COUNT",
            "-c",
            "P99(duration_ms)",
            "-b",
            "http.route",
            "--since",
            "2h",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
    let last = out.stderr.lines().last().unwrap();
    assert!(
        last.starts_with("query: https://ui.honeycomb.io/cruddur/environments/production/datasets/cruddur/result/"),
        "{}",
        out.stderr
    );
}

#[test]
fn typed_filters_any_and_every_aggregate() {
    let (fake, server) = start(Options::default());
    let doc = json_of(&honeycomb(
        &server,
        &[
            "query",
            "-d",
            "cruddur",
            "-c",
            "AVG(duration_ms)",
            "-c",
            "min(duration_ms)",
            "-c",
            "MAX(duration_ms)",
            "-c",
            "SUM(duration_ms)",
            "-c",
            "COUNT_DISTINCT(user.id)",
            "-c",
            "P50(duration_ms)",
            "-w",
            "duration_ms > 99.5",
            "-w",
            "http.route starts-with /api/activities/",
            "-o",
            "json",
        ],
    ));
    assert_eq!(
        doc["results"],
        json!([{"AVG(duration_ms)": 650.0, "MIN(duration_ms)": 100.0, "MAX(duration_ms)": 2000.0,
                "SUM(duration_ms)": 2600.0, "COUNT_DISTINCT(user.id)": 3, "P50(duration_ms)": 200.0}])
    );
    assert_eq!(
        posted(&fake, "/1/queries/")[0]["filters"],
        json!([{"column": "duration_ms", "op": ">", "value": 99.5},
               {"column": "http.route", "op": "starts-with", "value": "/api/activities/"}])
    );

    // OR, an `in` list and an integer column given a number: alice 3 + carol 1 + one 201.
    let doc = json_of(&honeycomb(
        &server,
        &[
            "query",
            "-d",
            "cruddur",
            "-w",
            "user.id in alice, carol",
            "-w",
            "http.status_code = 201",
            "--any",
            "-o",
            "json",
        ],
    ));
    assert_eq!(doc["results"], json!([{"COUNT": 5}]));
    let sent = &posted(&fake, "/1/queries/")[1];
    assert_eq!(sent["filter_combination"], "OR");
    assert_eq!(sent["filters"][0]["value"], json!(["alice", "carol"]));
    assert_eq!(sent["filters"][1]["value"], json!(201));

    // exists without a value; a string column keeps text that looks like a number.
    let doc = json_of(&honeycomb(
        &server,
        &[
            "query",
            "-d",
            "cruddur",
            "-c",
            "COUNT_DISTINCT(user.id)",
            "-w",
            "error exists",
            "-o",
            "json",
        ],
    ));
    assert_eq!(doc["results"], json!([{"COUNT_DISTINCT(user.id)": 2}]));
    assert_eq!(
        posted(&fake, "/1/queries/")[2]["filters"],
        json!([{"column": "error", "op": "exists"}])
    );
    let doc = json_of(&honeycomb(
        &server,
        &["query", "-d", "cruddur", "-w", "user.id = 42", "-o", "json"],
    ));
    assert_eq!(
        posted(&fake, "/1/queries/")[3]["filters"][0]["value"],
        json!("42")
    );
    assert_eq!(doc["results"], json!([]));
}

#[test]
fn orders_havings_and_limits_shape_the_rows() {
    let (fake, server) = start(Options::default());
    let doc = json_of(&honeycomb(
        &server,
        &[
            "query",
            "-d",
            "cruddur",
            "-b",
            "http.route",
            "--order",
            "http.route asc",
            "--having",
            "COUNT > 3",
            "-l",
            "5",
            "-o",
            "json",
        ],
    ));
    assert_eq!(
        doc["results"],
        json!([{"http.route": "/api/activities/:uuid", "COUNT": 4}, {"http.route": "/api/health-check", "COUNT": 5}])
    );
    let sent = &posted(&fake, "/1/queries/")[0];
    assert_eq!(
        sent["orders"],
        json!([{"column": "http.route", "order": "ascending"}])
    );
    assert_eq!(
        sent["havings"],
        json!([{"calculate_op": "COUNT", "op": ">", "value": 3.0}])
    );
    assert_eq!(sent["limit"], 5);
}

#[test]
fn print_spec_sends_nothing_and_its_output_passes_the_schema() {
    let sandbox = Sandbox::new();
    let out = run(sandbox.cmd().args([
        "honeycomb",
        "query",
        "-c",
        "COUNT",
        "-c",
        "heatmap(duration_ms)",
        "-c",
        "P99(duration_ms)",
        "-b",
        "http.route",
        "-w",
        "http.status_code >= 500",
        "-w",
        "name = \"GET /\"",
        "-w",
        "error exists",
        "-w",
        "user.id not-in 1,2",
        "--any",
        "--order",
        "P99(duration_ms) desc",
        "--having",
        "COUNT >= 10",
        "-l",
        "50",
        "--start",
        "2h",
        "--end",
        "1h",
        "--granularity",
        "5m",
        "--print-spec",
    ]));
    let spec = json_of(&out);
    assert_eq!(schema_problems("Query", &spec), Vec::<String>::new());
    assert_eq!(
        spec["filters"][1],
        json!({"column": "name", "op": "=", "value": "GET /"})
    );
    assert_eq!(
        spec["filters"][3],
        json!({"column": "user.id", "op": "not-in", "value": [1, 2]})
    );
    assert_eq!(
        spec["end_time"].as_i64().unwrap() - spec["start_time"].as_i64().unwrap(),
        3600
    );
    assert_eq!(spec["granularity"], 300);
    assert!(spec.get("time_range").is_none());
    // And the fake's validator is not a rubber stamp.
    assert!(
        !schema_problems(
            "Query",
            &json!({"calculations": [{"op": "P98"}], "limit": "5"})
        )
        .is_empty()
    );
}

#[test]
fn what_honeycomb_would_refuse_is_refused_before_sending() {
    let (fake, server) = start(Options::default());
    let cases: [(&[&str], &str); 10] = [
        (&["-c", "P98(duration_ms)"], "unknown calculation 'P98'"),
        (
            &[
                "-c",
                "HEATMAP(duration_ms)",
                "--order",
                "HEATMAP(duration_ms)",
            ],
            "HEATMAP cannot be used in --order",
        ),
        (
            &["-c", "COUNT", "--order", "AVG(duration_ms)"],
            "add -c 'AVG(duration_ms)'",
        ),
        (
            &["--having", "P99(duration_ms) > 5"],
            "add -c 'P99(duration_ms)'",
        ),
        (&["--order", "http.route"], "add -b http.route"),
        (&["--since", "8d"], "7 days"),
        (&["--since", "2h", "--granularity", "1s"], "use 7s to 720s"),
        (
            &["--granularity", "1ms"],
            "--granularity 1 ms is below Honeycomb's smallest bucket of 1 s",
        ),
        (
            &["--granularity", "1500ms"],
            "--granularity 1500 ms is not a whole number of seconds",
        ),
        (&["-l", "2000"], "1 to 1000"),
    ];
    for (args, message) in cases {
        let out = honeycomb(&server, &[&["query", "-d", "cruddur"][..], args].concat());
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        let first = out.stderr.lines().next().unwrap();
        assert!(
            first.starts_with("error: ") && first.contains(message),
            "{args:?}: {}",
            out.stderr
        );
    }
    let out = honeycomb(&server, &["query", "-d", "cruddur", "-w", "status ~ 5"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("error: filter 'status ~ 5' has no known operator"),
        "{}",
        out.stderr
    );
    assert!(fake.calls().is_empty(), "{:?}", fake.calls());
}

#[test]
fn raw_specs_from_a_file_or_stdin() {
    let (fake, server) = start(Options::default());
    let sandbox = Sandbox::new();
    let path = sandbox.home().join("spec.json");
    std::fs::write(
        &path,
        r#"{"calculations":[{"op":"MAX","column":"duration_ms"}],"breakdowns":["user.id"],"orders":[{"op":"MAX","column":"duration_ms","order":"descending"}],"limit":2,"time_range":7200}"#,
    )
    .unwrap();
    let doc = json_of(&honeycomb(
        &server,
        &[
            "query",
            "-d",
            "cruddur",
            "--spec",
            path.to_str().unwrap(),
            "-o",
            "json",
        ],
    ));
    assert_eq!(
        doc["results"],
        json!([{"user.id": "carol", "MAX(duration_ms)": 2000.0}, {"user.id": "alice", "MAX(duration_ms)": 300.0}])
    );

    let out = run(sandbox
        .cmd()
        .env("HONEYCOMB_API_KEY", KEY)
        .args(["honeycomb", "query", "-d", "cruddur", "--spec", "-", "-o", "json", "--endpoint-url", &format!("http://{}", server.addr)])
        .write_stdin(r#"{"calculations":[{"op":"COUNT"}],"filters":[{"column":"http.status_code","op":"=","value":201}]}"#));
    assert_eq!(json_of(&out)["results"], json!([{"COUNT": 1}]));

    let out = run(sandbox
        .cmd()
        .args(["honeycomb", "query", "-d", "cruddur", "--spec", "-"])
        .write_stdin(r#"{"calculation":[]}"#));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("error: bad query spec in stdin: unknown field `calculation`"),
        "{}",
        out.stderr
    );
    assert_eq!(posted(&fake, "/1/queries/").len(), 2);
}

#[test]
fn results_are_polled_until_complete_and_the_wait_has_a_limit() {
    let (fake, server) = start(Options {
        polls_to_complete: 3,
        ..Options::default()
    });
    let doc = json_of(&honeycomb(
        &server,
        &["query", "-d", "cruddur", "-o", "json", "--no-series"],
    ));
    assert_eq!(doc["results"], json!([{"COUNT": 12}]));
    assert_eq!(doc["series"], json!([]));
    assert_eq!(
        posted(&fake, "/1/query_results/")[0]["disable_series"],
        true
    );
    let gets = fake
        .calls()
        .iter()
        .filter(|c| c.method == "GET" && c.path.starts_with("/1/query_results/"))
        .count();
    assert_eq!(gets, 4, "three incomplete answers, then the result");

    let (_fake, server) = start(Options {
        polls_to_complete: 10_000,
        ..Options::default()
    });
    let out = honeycomb(&server, &["query", "-d", "cruddur", "--timeout", "1s"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("error: the query did not finish within 1s"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("hint: it may still finish in the UI: https://ui.honeycomb.io/"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_result_budget_is_waited_out_and_a_failed_creation_is_not_replayed() {
    let (fake, server) = start(Options {
        results_per_window: 2,
        // Long enough that the first two runs surely fall in one window on a loaded
        // machine, so the third is refused whatever the timing; it then waits at most this.
        rate_window: std::time::Duration::from_secs(8),
        ..Options::default()
    });
    for _ in 0..2 {
        assert_eq!(
            honeycomb(&server, &["query", "-d", "cruddur", "-o", "json"]).code,
            0
        );
    }
    let out = honeycomb(&server, &["query", "-d", "cruddur", "-o", "json"]);
    assert_eq!(json_of(&out)["results"], json!([{"COUNT": 12}]));
    assert!(out.stderr.contains("rate limited"), "{}", out.stderr);
    let statuses: Vec<u16> = fake
        .calls()
        .iter()
        .filter(|c| c.method == "POST" && c.path.starts_with("/1/query_results/"))
        .map(|c| c.status)
        .collect();
    assert_eq!(statuses, [201, 201, 429, 201]);

    let (fake, server) = start(Options {
        fail_result_creations: 1,
        ..Options::default()
    });
    let out = honeycomb(&server, &["query", "-d", "cruddur"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("error: Honeycomb answered 500: try again"),
        "{}",
        out.stderr
    );
    assert_eq!(
        posted(&fake, "/1/query_results/").len(),
        1,
        "a POST that may have created a result is never replayed"
    );
}

#[test]
fn every_error_says_what_to_do() {
    let (fake, server) = start(Options::default());
    let sandbox = Sandbox::new();
    let out = run(sandbox.cmd().args([
        "honeycomb",
        "datasets",
        "--endpoint-url",
        &format!("http://{}", server.addr),
    ]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.starts_with("error: no Honeycomb API key\nhint: set HONEYCOMB_API_KEY or add honeycomb_api_key to profile"), "{}", out.stderr);

    let wrong = "hcaik_01j9wrongwrongwrongwrongwrongwrongwrong9999";
    let out = honeycomb_with_key(&server, wrong, &["auth"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.starts_with("error: Honeycomb refused the API key (401 unknown API key - check your credentials)\nhint: set HONEYCOMB_API_KEY"), "{}", out.stderr);
    assert!(!out.stderr.contains(wrong));

    let out = honeycomb_with_key(&server, KEY_NO_QUERIES, &["query", "-d", "cruddur"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.starts_with("error: no results: Honeycomb refused to run the query: Honeycomb denied access (403 Query Data API access requires an Enterprise plan) (the link above runs the query in Honeycomb's UI)"), "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "hint: the Query Data API needs an Enterprise plan and a key with Run Queries"
        ),
        "{}",
        out.stderr
    );

    for args in [
        &["query", "-d", "crudur"][..],
        &["columns", "-d", "crudur"],
        &["marker", "deploy", "-d", "crudur"],
    ] {
        let out = honeycomb(&server, args);
        assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
        assert_eq!(
            out.stderr.trim_end(),
            "error: dataset crudur not found\nhint: did you mean cruddur? (tracectl honeycomb datasets lists them)",
            "{args:?}"
        );
    }

    // A spec the server's schema refuses: the 422's field details are shown.
    let out = run(Sandbox::new()
        .cmd()
        .env("HONEYCOMB_API_KEY", KEY)
        .args([
            "honeycomb",
            "query",
            "-d",
            "cruddur",
            "--spec",
            "-",
            "--endpoint-url",
            &format!("http://{}", server.addr),
        ])
        .write_stdin(r#"{"filters":[{"column":"a","op":"=","value":{"nested":1}}]}"#));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.starts_with("error: Honeycomb rejected the request (422 The provided input is invalid.): /filters/0/value:"), "{}", out.stderr);

    // An unknown column is pointed out with the nearest names; the query still runs.
    let out = honeycomb(
        &server,
        &["query", "-d", "cruddur", "-b", "http.rout", "-o", "json"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("warning: dataset cruddur has no column http.rout; did you mean http.route"),
        "{}",
        out.stderr
    );
    assert!(fake.calls().iter().all(|c| c.status != 400));

    // The JSON:API error shape reads the same.
    let (_fake, server) = start(Options {
        jsonapi_errors: true,
        ..Options::default()
    });
    let out = honeycomb_with_key(&server, wrong, &["datasets"]);
    assert!(
        out.stderr.starts_with(
            "error: Honeycomb refused the API key (401 unknown API key - check your credentials)"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn datasets_columns_auth_and_markers() {
    let (fake, server) = start(Options::default());
    let doc = json_of(&honeycomb(&server, &["datasets", "-o", "json"]));
    let names: Vec<(&str, Value)> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["slug"].as_str().unwrap(),
                d["regular_columns_count"].clone(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [("cruddur", json!(7)), ("cruddur-staging", Value::Null)]
    );
    let out = honeycomb(&server, &["datasets", "--utc"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("datasets", out.stdout);

    let doc = json_of(&honeycomb(
        &server,
        &["columns", "-d", "cruddur", "-o", "json"],
    ));
    let columns: Vec<(&str, &str)> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["key_name"].as_str().unwrap(), c["type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        columns,
        [
            ("duration_ms", "float"),
            ("error", "boolean"),
            ("http.route", "string"),
            ("http.status_code", "integer"),
            ("service.name", "string"),
            ("timestamp", "integer"),
            ("user.id", "string")
        ]
    );

    let out = honeycomb(&server, &["auth"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("auth", out.stdout);

    let doc = json_of(&honeycomb(
        &server,
        &[
            "marker",
            "deploy v0.2",
            "-d",
            "cruddur",
            "--url",
            "https://github.com/x/y/releases/v0.2",
            "-o",
            "json",
        ],
    ));
    assert_eq!(doc["id"], "2f8a1c");
    let sent = &posted(&fake, "/1/markers/cruddur")[0];
    assert_eq!(sent["message"], "deploy v0.2");
    assert_eq!(sent["type"], "deploy");
    assert_eq!(sent["url"], "https://github.com/x/y/releases/v0.2");
    let age = jiff::Timestamp::now().as_second() - sent["start_time"].as_i64().unwrap();
    assert!((0..60).contains(&age), "{sent}");
    assert_eq!(schema_problems("Marker", sent), Vec::<String>::new());
}

#[test]
fn the_key_never_shows_even_in_traces() {
    let (_fake, server) = start(Options::default());
    let out = honeycomb(&server, &["query", "-d", "cruddur", "-vv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("x-honeycomb-team"),
        "-vv shows headers: {}",
        out.stderr
    );
    assert!(!out.stderr.contains(KEY) && !out.stdout.contains(KEY));
}

/// The query a template link carries, decoded from its `query` parameter.
fn linked_query(link: &str) -> (String, Value) {
    let url = url::Url::parse(link.trim()).unwrap_or_else(|e| panic!("{e}: {link}"));
    let query = url
        .query_pairs()
        .find(|(k, _)| k == "query")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| panic!("no query in {link}"));
    (
        format!("{}{}", url.host_str().unwrap(), url.path()),
        serde_json::from_str(&query).unwrap(),
    )
}

/// A key whose plan has no Query Data API (the fake answers /1/query_results with
/// Honeycomb's 403) gets the link that runs the same query in the UI: `--link` asks for it
/// (exit 0, no result created), a refusal prints it (exit 1, the reason in JSON), and
/// `honeycomb_results = "link"` makes it the default.
#[test]
fn every_plan_gets_a_link_that_opens_the_same_query() {
    let (fake, server) = start(Options::default());
    let args = DESIGN_CARD_QUERY;
    let out = honeycomb_with_key(&server, KEY_NO_QUERIES, &[&args[..], &["--link"]].concat());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
    let (page, query) = linked_query(&out.stdout);
    assert_eq!(
        page,
        "ui.honeycomb.io/cruddur/environments/production/datasets/cruddur"
    );
    let sent = posted(&fake, "/1/queries/cruddur");
    assert_eq!(sent.len(), 1);
    assert_eq!(
        query, sent[0],
        "the link's query is the spec Honeycomb saved"
    );
    assert_eq!(
        query,
        json!({"calculations": [{"op": "COUNT"}, {"op": "P99", "column": "duration_ms"}],
               "filters": [{"column": "http.status_code", "op": ">=", "value": 500}],
               "breakdowns": ["http.route"], "time_range": 7200})
    );
    assert!(
        posted(&fake, "/1/query_results").is_empty(),
        "a link costs none of the result budget"
    );

    // Without --link, the refusal prints the link and says why there is no table.
    let out = honeycomb_with_key(
        &server,
        KEY_NO_QUERIES,
        &[&args[..], &["-o", "json"]].concat(),
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["results"], Value::Null);
    assert_eq!(linked_query(report["query_url"].as_str().unwrap()).1, query);
    assert!(
        report["reason"]
            .as_str()
            .unwrap()
            .contains("403 Query Data API access requires an Enterprise plan"),
        "{report}"
    );
    assert!(
        out.stderr.contains("honeycomb_results = \"link\""),
        "{}",
        out.stderr
    );
    // The refused run saved the query once: its link reuses it.
    assert_eq!(posted(&fake, "/1/queries/cruddur").len(), 2);

    // The setting makes the link the answer: exit 0.
    let out = run(Sandbox::new()
        .cmd()
        .env("HONEYCOMB_API_KEY", KEY_NO_QUERIES)
        .env("TRACECTL_HONEYCOMB_RESULTS", "link")
        .arg("honeycomb")
        .args(args)
        .args(["--endpoint-url", &format!("http://{}", server.addr)]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(linked_query(&out.stdout).1, query);

    // `honeycomb auth` says so before any query is tried, from a probe that costs nothing.
    let out = honeycomb_with_key(&server, KEY_NO_QUERIES, &["auth", "-o", "json"]);
    let auth = json_of(&out);
    assert_eq!(auth["query_results"]["status"], "refused", "{auth}");
    assert!(
        auth["query_results"]["detail"]
            .as_str()
            .unwrap()
            .contains("honeycomb query --link"),
        "{auth}"
    );
    let out = honeycomb(&server, &["auth", "-o", "json"]);
    assert_eq!(json_of(&out)["query_results"]["status"], "readable");

    // A setting that is neither is bad usage.
    let out = run(Sandbox::new()
        .cmd()
        .env("HONEYCOMB_API_KEY", KEY)
        .env("TRACECTL_HONEYCOMB_RESULTS", "table")
        .arg("honeycomb")
        .args(args)
        .args(["--endpoint-url", &format!("http://{}", server.addr)]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("error: honeycomb_results 'table' (from env TRACECTL_HONEYCOMB_RESULTS) is neither run nor link"),
        "{}",
        out.stderr
    );
}

/// `--open` hands the link to the browser (`$BROWSER`, here a script that writes down what
/// it was given) and still prints it.
#[test]
fn open_hands_the_link_to_the_browser() {
    let (_fake, server) = start(Options::default());
    let sandbox = Sandbox::new();
    let (browser, opened) = crate::harness::fake_browser(&sandbox);
    let out = run(sandbox
        .cmd()
        .env("HONEYCOMB_API_KEY", KEY)
        .env("BROWSER", &browser)
        .args(["honeycomb", "query", "-d", "cruddur", "--link", "--open"])
        .args(["--endpoint-url", &format!("http://{}", server.addr)]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(crate::harness::opened_link(&opened), out.stdout.trim());
}
