//! `tracectl ui` in a real terminal: tmux runs it (`send-keys` types, `capture-pane`
//! reads the screen) beside `local listen` and the test Flask app. What the screens show
//! is checked against the views' own JSON (`local traces`, `local trace`), and the
//! terminal's settings (`stty -a`) are compared before and after it quits on q and on
//! SIGTERM.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::harness::Sandbox;
use crate::local::Listener;
use crate::twin::local_json;

/// A tmux server of the test's own (its own socket), killed when dropped.
struct Tmux {
    socket: String,
    dir: PathBuf,
}

impl Tmux {
    /// Starts `tracectl ARGS` in a WIDTHxHEIGHT pane, wrapped by a shell that writes the
    /// terminal's settings before and after, the exit code, and tracectl's pid.
    fn start(sandbox: &Sandbox, size: (u16, u16), args: &[&str]) -> Tmux {
        Tmux::start_with(sandbox, size, args, &[])
    }

    /// As [`Tmux::start`], tracectl started with these variables too.
    fn start_with(
        sandbox: &Sandbox,
        size: (u16, u16),
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Tmux {
        let dir = sandbox.home().join("tmux");
        std::fs::create_dir_all(&dir).unwrap();
        let socket = format!("tracectl-test-{}-{}", std::process::id(), unique());
        let quoted: Vec<String> = args
            .iter()
            .map(|a| shell_words::quote(a).into_owned())
            .collect();
        let script = format!(
            "cd {dir}; stty -a > before; {bin} {args} < /dev/tty 2> stderr & echo $! > pid; wait $!; echo $? > code; stty -a > after; sleep 600",
            dir = shell_words::quote(dir.to_str().unwrap()),
            bin = shell_words::quote(env!("CARGO_BIN_EXE_tracectl")),
            args = quoted.join(" "),
        );
        let tmux = Tmux { socket, dir };
        let mut cmd = tmux.command();
        cmd.args(["-f", "/dev/null", "new-session", "-d", "-s", "ui"])
            .args(["-x", &size.0.to_string(), "-y", &size.1.to_string()])
            .arg(script)
            // The session's environment is the server's: the sandbox's, never the user's.
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", sandbox.home())
            .env("TERM", "xterm-256color")
            .env("TZ", "UTC")
            .envs(env.iter().copied());
        let status = cmd.status().expect("tmux runs (`.ci/run` installs it)");
        assert!(status.success(), "tmux new-session failed");
        tmux
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.args(["-L", &self.socket]);
        cmd
    }

    /// The pane as text.
    fn screen(&self) -> String {
        let out = self
            .command()
            .args(["capture-pane", "-p", "-t", "ui"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Keys, as tmux names them (`Enter`, `Escape`, `q`).
    fn keys(&self, keys: &[&str]) {
        let status = self
            .command()
            .args(["send-keys", "-t", "ui"])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Text typed as it is.
    fn type_text(&self, text: &str) {
        let status = self
            .command()
            .args(["send-keys", "-t", "ui", "-l", text])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits until the screen shows what `shown` looks for; the screen on failure.
    fn wait_for(&self, what: &str, shown: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if shown(&screen) {
                return screen;
            }
            assert!(Instant::now() < deadline, "never saw {what}:\n{screen}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn file(&self, name: &str) -> Option<String> {
        std::fs::read_to_string(self.dir.join(name)).ok()
    }

    /// tracectl's exit code, once it has exited.
    fn exit_code(&self) -> i32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(code) = self.file("code").filter(|c| c.ends_with('\n')) {
                return code.trim().parse().unwrap();
            }
            assert!(
                Instant::now() < deadline,
                "tracectl ui did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The terminal's settings after tracectl exited equal those before it started.
    fn assert_restored(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.file("after").is_none_or(|a| a.is_empty()) {
            assert!(Instant::now() < deadline, "no stty -a after the exit");
            std::thread::sleep(Duration::from_millis(50));
        }
        let (before, after) = (self.file("before").unwrap(), self.file("after").unwrap());
        assert!(
            before.contains("icanon") && before.contains(" echo"),
            "{before}"
        );
        assert_eq!(after, before, "the terminal was left changed");
        // Out of the alternate screen: the explorer's frame is gone from the pane.
        let screen = self.screen();
        assert!(!screen.contains("Traces   Services"), "{screen}");
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").status();
    }
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn span_names(span: &Value, out: &mut Vec<String>) {
    out.push(span["name"].as_str().unwrap().to_string());
    for child in span["children"].as_array().unwrap() {
        span_names(child, out);
    }
}

#[test]
fn the_ui_shows_the_apps_request_live_opens_its_waterfall_filters_and_restores_the_terminal() {
    let sandbox = Sandbox::new();
    let listener = Listener::start(&sandbox, &[]);
    let db = listener.db.to_str().unwrap().to_string();
    // Honeycomb holds the same traces (as with `local listen --forward-otlp`): `o` opens
    // one there, in the browser of $BROWSER (a script that writes down what it is given).
    let honeycomb = crate::honeycomb_fake::FakeHoneycomb::new(Default::default());
    let honeycomb = crate::harness::serve(honeycomb.router());
    let endpoint = format!("http://{}", honeycomb.addr);
    let (browser, opened) = crate::harness::fake_browser(&sandbox);
    let env = [
        ("HONEYCOMB_API_KEY", crate::honeycomb_fake::KEY),
        ("HONEYCOMB_API_ENDPOINT", endpoint.as_str()),
        ("HONEYCOMB_DATASET", "backend-flask"),
        ("BROWSER", browser.to_str().unwrap()),
    ];
    let tmux = Tmux::start_with(&sandbox, (160, 48), &["ui", "--db", &db], &env);
    // The store is there but empty: the screen says how to fill it.
    tmux.wait_for("the empty store's hint", |s| {
        s.contains("holds no spans yet")
    });

    // The Flask app's requests appear while the explorer runs.
    listener.app("otlp-http", 7);
    let report = local_json(&sandbox, &listener.db, &["traces", "--sort", "newest"]);
    let traces = report["traces"].as_array().unwrap();
    assert!(traces.len() >= 2, "{report:#}");
    let routes: Vec<&str> = traces
        .iter()
        .map(|t| {
            t["route"]
                .as_str()
                .unwrap_or_else(|| t["url"].as_str().unwrap())
        })
        .collect();
    let screen = tmux.wait_for("every request the view lists", |s| {
        routes.iter().all(|r| s.contains(r))
            && s.contains(&format!("{} requests", report["summary"]["traces"]))
    });
    assert!(!screen.contains("holds no spans yet"), "{screen}");

    // `/` filters: only the home feed's request is left.
    let home = traces
        .iter()
        .find(|t| t["route"] == "/api/activities/home")
        .expect("the home feed request");
    let others: Vec<&str> = routes
        .iter()
        .copied()
        .filter(|r| *r != "/api/activities/home")
        .collect();
    assert!(!others.is_empty());
    tmux.keys(&["/"]);
    tmux.type_text("activities/home");
    tmux.keys(&["Enter"]);
    tmux.wait_for("only the home request", |s| {
        s.contains("/api/activities/home")
            && others.iter().all(|r| !s.contains(r))
            && s.contains("filter: activities/home")
    });

    // Enter opens it: the waterfall holds every span `local trace` gives, by name.
    let id = home["id"].as_str().unwrap();
    let trace = local_json(&sandbox, &listener.db, &["trace", id]);
    let mut names = Vec::new();
    for root in trace["spans"].as_array().unwrap() {
        span_names(root, &mut names);
    }
    assert!(names.len() >= 2, "{trace:#}");
    tmux.keys(&["Enter"]);
    let waterfall = tmux.wait_for("the waterfall", |s| {
        s.contains(&format!("trace {id}")) && names.iter().all(|n| s.contains(n.as_str()))
    });
    assert!(
        waterfall.contains(&format!("spans ({})", names.len())),
        "{waterfall}"
    );
    // o: the trace in Honeycomb, at the root span (the one selected), over its time.
    tmux.keys(&["o"]);
    let link = crate::harness::opened_link(&opened);
    let root = &trace["spans"][0];
    let prefix = format!(
        "https://ui.honeycomb.io/cruddur/environments/production/datasets/backend-flask/trace?trace_id={id}&span={}&trace_start_ts=",
        root["id"].as_str().unwrap()
    );
    assert!(link.starts_with(&prefix), "{link}");
    // The status line says so (cut to the pane's width).
    tmux.wait_for("the link said", |s| {
        s.contains("opened https://ui.honeycomb.io/cruddur/environments/production/")
    });

    // Back, then q: exit 0 and the terminal as it was.
    tmux.keys(&["Escape"]);
    tmux.wait_for("the list again", |s| {
        s.contains("filter: activities/home") && !s.contains("spans (")
    });
    tmux.keys(&["q"]);
    assert_eq!(tmux.exit_code(), 0, "{:?}", tmux.file("stderr"));
    tmux.assert_restored();
    assert_eq!(tmux.file("stderr").unwrap(), "");
}

#[test]
fn sigterm_quits_the_ui_and_restores_the_terminal() {
    let sandbox = Sandbox::new();
    let db = sandbox.home().join("none.db");
    let tmux = Tmux::start(&sandbox, (80, 24), &["ui", "--db", db.to_str().unwrap()]);
    // A store that does not exist yet: an empty screen that says how to fill it.
    tmux.wait_for("the missing store's hint", |s| {
        s.contains("holds no spans yet") && s.contains("tracectl local listen")
    });
    tmux.keys(&["?"]);
    tmux.wait_for("the help", |s| s.contains("keys (? or Esc closes)"));
    let pid = tmux.file("pid").unwrap();
    let status = Command::new("kill")
        .args(["-TERM", pid.trim()])
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(tmux.exit_code(), 0);
    tmux.assert_restored();
    assert!(
        !db.exists(),
        "the explorer only reads: it never creates a store"
    );
}

#[test]
fn a_failing_source_is_said_in_the_status_line_and_the_ui_stays() {
    let sandbox = Sandbox::new();
    // Nothing listens there: every X-Ray call fails.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let tmux = Tmux::start(
        &sandbox,
        (160, 48),
        &[
            "ui",
            "--source",
            "xray",
            "--endpoint-url",
            &url,
            "--region",
            "us-east-1",
            "--refresh",
            "5s",
        ],
    );
    let screen = tmux.wait_for("the failure in the status line", |s| {
        s.contains("error: cannot fetch X-Ray trace summaries") && s.contains("hint:")
    });
    assert!(screen.contains("X-Ray us-east-1"), "{screen}");
    // Still running: keys work, and q quits cleanly.
    tmux.keys(&["Tab"]);
    tmux.wait_for("the services screen", |s| s.contains("services · last 1h"));
    tmux.keys(&["q"]);
    assert_eq!(tmux.exit_code(), 0, "{:?}", tmux.file("stderr"));
    tmux.assert_restored();
}

#[test]
fn without_a_terminal_the_ui_exits_2_naming_the_commands_for_scripts() {
    let sandbox = Sandbox::new();
    let out = crate::harness::run(sandbox.cmd().args(["ui", "--db", "x.db"]));
    assert_eq!(out.code, 2, "{out}");
    assert_eq!(out.stdout, "");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(
        lines[0],
        "error: tracectl ui needs a terminal (stdin and stdout are not one)"
    );
    assert!(
        lines[1].starts_with("hint: for scripts, the same reports: `tracectl local traces`"),
        "{}",
        out.stderr
    );
}
