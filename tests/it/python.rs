//! Python tools the tests run for real (moto_server), provisioned by the tests themselves:
//! a virtualenv under target/ created once per requirement set, behind a file lock so
//! parallel tests and test binaries do not race. No Python 3 means a loud failure, never a
//! silently skipped test.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Pinned so every machine tests against the same emulator.
pub const REQUIREMENTS: &[&str] = &[
    "moto[server]==5.2.1",
    "rollbar==1.5.0",
    // What a Flask app sends traces with (tests/fixtures/flask_app.py): the OpenTelemetry
    // SDK and its OTLP exporters with the Flask, requests and sqlite3 instrumentations, and
    // the AWS X-Ray SDK. One release train, so pip resolves them together.
    "opentelemetry-sdk==1.45.1",
    "opentelemetry-exporter-otlp-proto-http==1.45.1",
    "opentelemetry-exporter-otlp-proto-grpc==1.45.1",
    "opentelemetry-instrumentation-flask==0.66b1",
    "opentelemetry-instrumentation-requests==0.66b1",
    "opentelemetry-instrumentation-sqlite3==0.66b1",
    "aws-xray-sdk==2.15.0",
    "flask==3.1.3",
    "requests==2.34.2",
    // What the Flask app logs to CloudWatch Logs with (boto3 underneath, moto's).
    "watchtower==3.4.0",
    // The agent's side of `tracectl mcp`: the official MCP SDK's stdio client.
    "mcp==1.30.0",
];

/// The environment's directory: `bin/moto_server` and `bin/python` live under it.
pub fn venv() -> &'static Path {
    static VENV: OnceLock<PathBuf> = OnceLock::new();
    VENV.get_or_init(provision)
}

fn provision() -> PathBuf {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR"));
    std::fs::create_dir_all(base).expect("create target tmp dir");
    let lock = File::create(base.join("python-venv.lock")).expect("create lock file");
    lock.lock().expect("lock python venv");

    let dir = base.join("python-venv");
    let stamp = dir.join("tracectl-requirements.txt");
    let wanted = REQUIREMENTS.join("\n");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        return dir;
    }

    let python = find_python();
    let _ = std::fs::remove_dir_all(&dir);
    run(
        Command::new(&python).args(["-m", "venv"]).arg(&dir),
        "create a virtualenv (python3 -m venv; on Debian: apt-get install python3-venv)",
    );
    let pip = dir.join("bin/python");
    let mut install = Command::new(&pip);
    install
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .args(REQUIREMENTS);
    run(
        &mut install,
        "install the Python test tools with pip (needs access to PyPI)",
    );
    std::fs::write(&stamp, wanted).expect("write venv stamp");
    dir
}

fn find_python() -> String {
    for candidate in ["python3", "python"] {
        if let Ok(out) = Command::new(candidate).arg("--version").output()
            && out.status.success()
            && String::from_utf8_lossy(&out.stdout).contains("Python 3")
        {
            return candidate.to_string();
        }
    }
    panic!(
        "the AWS tests need Python 3 to run moto_server, and no python3 was found on PATH; \
         install Python 3 (e.g. apt-get install python3 python3-venv) and run cargo test again"
    );
}

fn run(cmd: &mut Command, what: &str) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot {what}: {e}"));
    assert!(
        out.status.success(),
        "cannot {what}:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A running moto_server on a free loopback port, stopped when dropped.
pub struct Moto {
    child: std::process::Child,
    pub endpoint: String,
}

impl Moto {
    /// Starts moto_server on a free port. The port is free when chosen but may be taken by
    /// another test's server before moto binds it, so moto is told apart by its answer
    /// (Werkzeug's `Server` header), and started again on another port if it lost the race.
    pub fn start() -> Self {
        for _ in 0..5 {
            if let Some(moto) = Self::try_start() {
                return moto;
            }
        }
        panic!("moto_server lost the race for a free port 5 times");
    }

    fn try_start() -> Option<Self> {
        let bin = venv().join("bin/moto_server");
        let port = crate::harness::free_port();
        let log = tempfile::NamedTempFile::new().expect("moto log");
        let child = Command::new(&bin)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(log.reopen().expect("moto log"))
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
        let mut moto = Moto {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            if answers_as_moto(port) {
                return Some(moto);
            }
            if let Ok(Some(status)) = moto.child.try_wait() {
                let log = std::fs::read_to_string(log.path()).unwrap_or_default();
                if log.contains("Address already in use") {
                    return None;
                }
                panic!("moto_server exited with {status}: {log}");
            }
            assert!(
                std::time::Instant::now() < deadline,
                "moto_server did not start within 60 s"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

/// Whether moto (Werkzeug) answers HTTP on `port`, not some other test's server.
fn answers_as_moto(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(5)));
    if stream
        .write_all(b"GET /moto-api/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut head = [0u8; 1024];
    let n = stream.read(&mut head).unwrap_or(0);
    String::from_utf8_lossy(&head[..n])
        .to_ascii_lowercase()
        .contains("server: werkzeug")
}

impl Moto {
    /// SDK settings for clients that seed this moto (test-side, with the fake credentials).
    pub fn sdk_config(&self) -> aws_config::SdkConfig {
        use aws_config::{BehaviorVersion, Region};
        use aws_credential_types::Credentials;
        use aws_credential_types::provider::SharedCredentialsProvider;
        let credentials = Credentials::new(
            crate::harness::FAKE_AWS_KEY_ID,
            crate::harness::FAKE_AWS_SECRET,
            None,
            None,
            "test",
        );
        aws_config::SdkConfig::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .endpoint_url(&self.endpoint)
            .credentials_provider(SharedCredentialsProvider::new(credentials))
            .build()
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
