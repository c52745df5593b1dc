//! Running the real binary with a clean, fake environment, so a developer's real cloud keys,
//! config files and terminal settings can never reach a test.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// Fake AWS credentials; distinctive so tests can assert they never appear in output.
pub const FAKE_AWS_KEY_ID: &str = "AKIATRACECTLTESTKEY1";
pub const FAKE_AWS_SECRET: &str = "tracectlTestSecretKey0123456789abcdefXYZ";

/// A scratch home directory per test, with an empty config location.
pub struct Sandbox {
    pub home: TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Self {
            home: tempfile::tempdir().expect("temp home"),
        }
    }

    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// The default config file path in this sandbox.
    pub fn config_path(&self) -> PathBuf {
        self.home().join(".config/tracectl/config.toml")
    }

    /// Writes the default config file with mode 0600 (so no permission warning).
    pub fn write_config(&self, text: &str) -> PathBuf {
        let path = self.config_path();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        path
    }

    /// `tracectl` with nothing from the developer's environment but PATH.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tracectl"));
        // Never the developer's working directory (this checkout is itself a git repo).
        cmd.current_dir(self.home())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home())
            .env("TZ", "UTC")
            .env("AWS_ACCESS_KEY_ID", FAKE_AWS_KEY_ID)
            .env("AWS_SECRET_ACCESS_KEY", FAKE_AWS_SECRET)
            .env("AWS_REGION", "us-east-1")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_CONFIG_FILE", self.home().join("no-aws-config"))
            .env(
                "AWS_SHARED_CREDENTIALS_FILE",
                self.home().join("no-aws-credentials"),
            );
        cmd
    }
}

/// stdout and stderr of a finished command, as text.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The whole of what a run showed, as snapshots pin it: the exit code, then stdout and
/// stderr. What changes from run to run is replaced by [`Sandbox::snapshot_filters`].
impl std::fmt::Display for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "exit {}", self.code)?;
        if !self.stdout.is_empty() {
            write!(f, "--- stdout\n{}", self.stdout)?;
        }
        if !self.stderr.is_empty() {
            write!(f, "--- stderr\n{}", self.stderr)?;
        }
        Ok(())
    }
}

impl Sandbox {
    /// insta filters for a run in this sandbox: its home folder, ephemeral loopback ports,
    /// instants and clock times become placeholders, so a snapshot holds only what a
    /// wording change changes. Use: `let _f = sandbox.snapshot_filters().bind_to_scope();`
    pub fn snapshot_filters(&self) -> insta::Settings {
        let mut settings = insta::Settings::clone_current();
        settings.add_filter(&regex::escape(&self.home().display().to_string()), "[HOME]");
        settings.add_filter(r"127\.0\.0\.1:\d{5}", "127.0.0.1:[PORT]");
        settings.add_filter(
            r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?Z?",
            "[TIME]",
        );
        settings
    }
}

pub fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run tracectl");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A free TCP port on loopback (bound and released; the small race is acceptable in tests).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// An in-process HTTP server (a fake API, a proxy) on a free loopback port, on its own
/// runtime thread so it keeps serving while a test blocks on the tracectl process.
/// Dropping it stops the server.
pub struct Background {
    pub addr: std::net::SocketAddr,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

pub fn serve(app: axum::Router) -> Background {
    serve_with(app, None)
}

/// Serves `app` over plain TCP, or TLS with `tls`, on its own runtime thread.
fn serve_with(app: axum::Router, tls: Option<tokio_rustls::TlsAcceptor>) -> Background {
    let (shutdown, stop) = tokio::sync::oneshot::channel::<()>();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let tcp = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(tcp.local_addr().unwrap()).unwrap();
            let stopped = async move {
                let _ = stop.await;
            };
            match tls {
                Some(acceptor) => axum::serve(TlsListener { tcp, acceptor }, app)
                    .with_graceful_shutdown(stopped)
                    .await
                    .unwrap(),
                None => axum::serve(tcp, app)
                    .with_graceful_shutdown(stopped)
                    .await
                    .unwrap(),
            }
        });
    });
    Background {
        addr: rx.recv().unwrap(),
        _shutdown: shutdown,
    }
}

/// A self-signed certificate for 127.0.0.1 and localhost: the PEM a client is told to
/// trust (`SSL_CERT_FILE`), and the server side's certificate and key.
pub struct TestCert {
    pub pem: String,
    cert: rustls::pki_types::CertificateDer<'static>,
    key: rustls::pki_types::PrivateKeyDer<'static>,
}

pub fn test_cert() -> TestCert {
    let certified =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string(), "localhost".to_string()])
            .unwrap();
    TestCert {
        pem: certified.cert.pem(),
        cert: certified.cert.der().clone(),
        key: rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into()),
    }
}

/// Accepts TLS connections for axum; a failed handshake is skipped, not fatal.
struct TlsListener {
    tcp: tokio::net::TcpListener,
    acceptor: tokio_rustls::TlsAcceptor,
}

impl axum::serve::Listener for TlsListener {
    type Io = tokio_rustls::server::TlsStream<tokio::net::TcpStream>;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let Ok((tcp, addr)) = self.tcp.accept().await else {
                continue;
            };
            if let Ok(tls) = self.acceptor.accept(tcp).await {
                return (tls, addr);
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        self.tcp.local_addr()
    }
}

/// Like [`serve`], over HTTPS with `cert`.
pub fn serve_tls(app: axum::Router, cert: &TestCert) -> Background {
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert.cert.clone()], cert.key.clone_key())
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(config));
    serve_with(app, Some(acceptor))
}

/// A `$BROWSER` that writes down the link it is given: the script, and the file it writes.
pub fn fake_browser(sandbox: &Sandbox) -> (PathBuf, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let opened = sandbox.home().join("opened.txt");
    let browser = sandbox.home().join("browser.sh");
    std::fs::write(
        &browser,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > {}\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    (browser, opened)
}

/// What the fake browser was given, once it has run (it runs detached): within 10 s.
pub fn opened_link(opened: &Path) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !opened.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::fs::read_to_string(opened).expect("the browser was opened")
}
