//! `tracectl release` end to end: a real work tree and bare origin (the tag tests' `Repo`),
//! the strict Rollbar fake and the Honeycomb fake. Every test asserts what reached each
//! service, exactly, and that a re-run makes nothing twice.

use serde_json::{Value, json};

use crate::harness::{Background, Output};
use crate::honeycomb_fake::{FakeHoneycomb, KEY, Options};
use crate::tag::Repo;

struct Services {
    repo: Repo,
    rollbar: crate::rollbar::Server,
    honeycomb: FakeHoneycomb,
    honeycomb_server: Background,
}

fn services() -> Services {
    let (honeycomb, honeycomb_server) = crate::honeycomb::start(Options::default());
    Services {
        repo: Repo::new(),
        rollbar: crate::rollbar::start(),
        honeycomb,
        honeycomb_server,
    }
}

impl Services {
    /// `tracectl ARGS` with both integrations configured (and USER set for the deploy).
    fn tracectl(&self, args: &[&str]) -> Output {
        let honeycomb = format!("http://{}", self.honeycomb_server.addr);
        self.repo.tracectl_with(
            &[
                ("ROLLBAR_ACCESS_TOKEN", crate::rollbar::TOKEN),
                ("ROLLBAR_ENDPOINT", &self.rollbar.endpoint),
                ("HONEYCOMB_API_KEY", KEY),
                ("HONEYCOMB_API_ENDPOINT", &honeycomb),
                ("USER", "dev"),
            ],
            args,
        )
    }

    /// The Honeycomb calls made, as "METHOD path".
    fn honeycomb_calls(&self) -> Vec<String> {
        self.honeycomb
            .calls()
            .iter()
            .map(|c| format!("{} {}", c.method, c.path))
            .collect()
    }

    fn marker_posts(&self) -> Vec<Value> {
        self.honeycomb
            .calls()
            .into_iter()
            .filter(|c| c.method == "POST" && c.path.starts_with("/1/markers/"))
            .map(|c| c.body)
            .collect()
    }

    fn assert_no_secrets(&self, out: &Output) {
        for secret in [KEY, crate::rollbar::TOKEN] {
            assert!(!out.stdout.contains(secret) && !out.stderr.contains(secret));
        }
    }
}

#[test]
fn release_tags_records_a_deploy_marks_honeycomb_and_a_rerun_repeats_nothing() {
    let s = services();
    let out = s.tracectl(&[
        "release",
        "v0.3",
        "-e",
        "production",
        "--comment",
        "new feed",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    s.assert_no_secrets(&out);
    let commit = s.repo.head("HEAD");
    let short = &commit[..7];
    assert_eq!(
        out.stdout,
        format!(
            "release v0.3 ({short} Add X-Ray tracing)\n  tag        done     pushed v0.3 → origin (created at {short})\n  rollbar    done     recorded deploy 1001 of {short} to production\n  honeycomb  done     added deploy marker v0.3 (2f8a1c) to __all__\n"
        )
    );
    // The tag is on origin, annotated, at HEAD.
    assert_eq!(
        s.repo.remote_tags("origin"),
        [
            ("refs/tags/v0.3".to_string(), s.repo.head("v0.3")),
            ("refs/tags/v0.3^{}".to_string(), commit.clone())
        ]
    );
    // Exactly one deploy, of the tag's commit.
    assert_eq!(
        s.rollbar.fake().deploys,
        [
            json!({"environment": "production", "revision": commit, "local_username": "dev", "comment": "new feed"})
        ]
    );
    let markers = s.marker_posts();
    assert_eq!(markers.len(), 1);
    assert_eq!(markers[0]["message"], "v0.3");
    assert_eq!(markers[0]["type"], "deploy");
    assert!(markers[0]["start_time"].as_i64().unwrap() > 1_700_000_000);
    assert_eq!(
        markers[0].get("url"),
        None,
        "a local origin has no web page"
    );
    // The journal records what was made, for the next run.
    let journal: Value = serde_json::from_slice(
        &std::fs::read(s.repo.work.join(".git/tracectl/releases.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        journal,
        json!({"v0.3": {
            "rollbar_deploys": {"production": {"id": "1001", "commit": commit}},
            "honeycomb_markers": {"__all__": {"id": "2f8a1c", "commit": commit}}
        }})
    );

    // Again: every step is already done, and nothing new reaches either service.
    let again = s.tracectl(&[
        "release",
        "v0.3",
        "-e",
        "production",
        "--comment",
        "new feed",
    ]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(
        again.stdout,
        format!(
            "release v0.3 ({short} Add X-Ray tracing)\n  tag        already  origin has v0.3 at {short}\n  rollbar    already  deploy 1001 to production was recorded by an earlier run\n  honeycomb  already  marker 2f8a1c on __all__ was added by an earlier run\n"
        )
    );
    assert_eq!(s.rollbar.fake().deploy_requests, 1);
    assert_eq!(s.marker_posts().len(), 1);
}

#[test]
fn a_failed_deploy_says_what_was_done_and_the_rerun_finishes_only_that() {
    let s = services();
    s.rollbar.fake().fail_deploys = true;
    let out = s.tracectl(&[
        "release",
        "v0.3",
        "-e",
        "production",
        "--comment",
        "new feed",
    ]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    s.assert_no_secrets(&out);
    assert!(
        out.stdout.contains("  rollbar    failed   Rollbar"),
        "{}",
        out.stdout
    );
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(
        lines[0].starts_with("error: release v0.3 is not complete: rollbar failed: "),
        "{}",
        out.stderr
    );
    assert!(
        lines.contains(&"hint: done: tag, honeycomb"),
        "{}",
        out.stderr
    );
    assert_eq!(
        lines.last().copied(),
        Some(
            "hint: finish with: tracectl release v0.3 -e production --comment 'new feed' (what is done is not done again)"
        ),
        "{}",
        out.stderr
    );
    // A 500 on a deploy is not replayed (it may have been recorded).
    assert_eq!(s.rollbar.fake().deploy_requests, 1);
    assert!(s.rollbar.fake().deploys.is_empty());

    s.rollbar.fake().fail_deploys = false;
    let finish = s.tracectl(&[
        "release",
        "v0.3",
        "-e",
        "production",
        "--comment",
        "new feed",
    ]);
    assert_eq!(finish.code, 0, "{}", finish.stderr);
    let steps: Vec<&str> = finish.stdout.lines().skip(1).collect();
    assert!(
        steps[0].starts_with("  tag        already"),
        "{}",
        finish.stdout
    );
    assert!(
        steps[1].starts_with("  rollbar    done     recorded deploy 1001"),
        "{}",
        finish.stdout
    );
    assert!(
        steps[2].starts_with("  honeycomb  already"),
        "{}",
        finish.stdout
    );
    assert_eq!(s.rollbar.fake().deploys.len(), 1);
    assert_eq!(s.marker_posts().len(), 1);
}

#[test]
fn a_marker_made_elsewhere_is_found_and_not_made_again() {
    let s = services();
    s.honeycomb.add_marker(
        "__all__",
        json!({"id": "a1b2c3", "message": "v0.3", "type": "deploy", "start_time": 1_764_000_000}),
    );
    let out = s.tracectl(&["release", "v0.3", "-e", "production"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .ends_with("  honeycomb  already  __all__ has a deploy marker v0.3 (a1b2c3)\n"),
        "{}",
        out.stdout
    );
    assert_eq!(s.honeycomb_calls(), ["GET /1/markers/__all__"]);
}

#[test]
fn unconfigured_integrations_are_skipped_and_said() {
    let s = services();
    let out = s.repo.tracectl_with(&[], &["release", "v0.3"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let short = &s.repo.head("HEAD")[..7];
    assert_eq!(
        out.stdout,
        format!(
            "release v0.3 ({short} Add X-Ray tracing)\n  tag        done     pushed v0.3 → origin (created at {short})\n  rollbar    skipped  no Rollbar access token\n  honeycomb  skipped  no Honeycomb API key\n"
        )
    );
    assert!(
        out.stderr
            .contains("hint: rollbar: set ROLLBAR_ACCESS_TOKEN or add rollbar_access_token"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("hint: honeycomb: set HONEYCOMB_API_KEY or add honeycomb_api_key"),
        "{}",
        out.stderr
    );
    assert_eq!(s.repo.remote_tags("origin").len(), 2);
}

#[test]
fn dry_run_prints_every_request_and_changes_nothing() {
    let s = services();
    let out = s.tracectl(&[
        "release",
        "v0.3",
        "-e",
        "production",
        "--dry-run",
        "-o",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    s.assert_no_secrets(&out);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let commit = s.repo.head("HEAD");
    assert_eq!(report["commit"], commit.as_str());
    assert_eq!(report["dry_run"], true);
    let steps = report["steps"].as_array().unwrap();
    assert_eq!(
        steps
            .iter()
            .map(|s| s["outcome"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["would_do", "would_do", "would_do"]
    );
    assert_eq!(
        steps[1]["request"],
        json!({"method": "POST", "url": format!("{}deploy", s.rollbar.endpoint),
               "body": {"environment": "production", "revision": commit, "local_username": "dev"}})
    );
    assert_eq!(
        steps[2]["request"]["url"],
        format!("http://{}/1/markers/__all__", s.honeycomb_server.addr)
    );
    assert_eq!(steps[2]["request"]["body"]["message"], "v0.3");
    // The same for people: each request under its step.
    let human = s.tracectl(&["release", "v0.3", "-e", "production", "--dry-run"]);
    let short = &commit[..7];
    // The marker's time is the moment of the run: the same shape, any second.
    let at = human.stdout.find("\"start_time\":").unwrap() + "\"start_time\":".len();
    let digits = human.stdout[at..].find('}').unwrap();
    let shown = format!("{}T{}", &human.stdout[..at], &human.stdout[at + digits..]);
    assert_eq!(
        shown,
        format!(
            "release v0.3 ({short} Add X-Ray tracing)\n  tag        would    push v0.3 → origin (to be created at {short})\n  rollbar    would    record a deploy of {short} to production\n             POST {}deploy {{\"environment\":\"production\",\"revision\":\"{commit}\",\"local_username\":\"dev\"}}\n  honeycomb  would    add a deploy marker v0.3 to __all__\n             POST http://{}/1/markers/__all__ {{\"message\":\"v0.3\",\"type\":\"deploy\",\"start_time\":T}}\n",
            s.rollbar.endpoint, s.honeycomb_server.addr,
        )
    );
    // Nothing reached anything: no tag here or there, no request to either service.
    assert!(s.repo.local_tags().is_empty());
    assert!(s.repo.remote_tags("origin").is_empty());
    assert_eq!(s.rollbar.fake().deploy_requests, 0);
    assert!(s.honeycomb.calls().is_empty());
    assert!(!s.repo.work.join(".git/tracectl/releases.json").exists());
}

#[test]
fn a_tag_elsewhere_on_the_remote_stops_the_release_before_any_deploy_or_marker() {
    let s = services();
    // origin has v0.3 on the first commit; HEAD is the second.
    s.repo.git(&["tag", "-a", "-m", "old", "v0.3", "HEAD~1"]);
    s.repo.git(&["push", "-q", "origin", "v0.3"]);
    s.repo.git(&["tag", "-d", "v0.3"]);
    let out = s.tracectl(&["release", "v0.3", "-e", "production"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stderr
            .starts_with("error: origin already has a tag pointing elsewhere: v0.3"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("hint: nothing else was done: no deploy was recorded and no marker added"),
        "{}",
        out.stderr
    );
    assert_eq!(s.rollbar.fake().deploy_requests, 0);
    assert!(s.honeycomb.calls().is_empty());
    assert!(s.repo.local_tags().is_empty());
}

#[test]
fn a_bad_version_is_bad_usage() {
    let s = services();
    let out = s.tracectl(&["release", "v0.3..x"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("error: 'v0.3..x' is not a valid tag name"),
        "{}",
        out.stderr
    );
    assert_eq!(s.rollbar.fake().deploy_requests, 0);
}
