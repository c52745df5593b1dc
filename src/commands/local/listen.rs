//! `tracectl local listen`: the X-Ray daemon, an OpenTelemetry collector, CloudWatch Logs
//! (for Watchtower) and Rollbar (for pyrollbar) in one process on the developer's machine.
//! Spans, log lines and errors go into SQLite; each request is printed as its root span
//! arrives, each error as it is reported; Ctrl-C prints the totals.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::Duration;

use clap::Args;
use reqwest::Url;

use crate::clients::http::{HttpClient, HttpClientBuilder};
use crate::clients::store::Store;
use crate::collector::listener::{Listener, Receiver, Sockets, Upstreams};
use crate::collector::{Counters, Event, forward};
use crate::commands::{AwsArgs, Context, stop_requested};
use crate::config::{
    LOCAL_CLOUDWATCH_LOGS, LOCAL_OTLP_GRPC, LOCAL_OTLP_HTTP, LOCAL_RETAIN, LOCAL_ROLLBAR,
    LOCAL_XRAY, Setting,
};
use crate::error::{Error, Result};
use crate::model::span::{SpanRecord, SpanStatus};
use crate::model::time::duration_arg;
use crate::output::{human_count, human_span, url_path};

#[derive(Debug, Args)]
#[command(after_help = "Point an app at it (these are the SDKs' own defaults):
  OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318   # OpenTelemetry, OTLP over HTTP
  OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317   # OpenTelemetry, OTLP over gRPC
  AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:2000              # the X-Ray SDK
  AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=http://127.0.0.1:4320   # Watchtower / boto3 (any credentials)
  rollbar.init(token, endpoint='http://127.0.0.1:4321/api/1/')   # pyrollbar (any token)

Examples:
  tracectl local listen
  tracectl local listen --xray off --otlp-http 127.0.0.1:4320
  tracectl local listen --forward-otlp https://api.honeycomb.io --forward-header x-honeycomb-team=$HONEYCOMB_API_KEY")]
pub struct ListenArgs {
    #[arg(long, value_name = "ADDR", help = LOCAL_OTLP_HTTP.help("OTLP over HTTP on ADDR, or `off`"))]
    pub otlp_http: Option<String>,

    /// Do not receive OTLP over HTTP
    #[arg(long, conflicts_with = "otlp_http")]
    pub no_otlp_http: bool,

    #[arg(long, value_name = "ADDR", help = LOCAL_OTLP_GRPC.help("OTLP over gRPC on ADDR, or `off`"))]
    pub otlp_grpc: Option<String>,

    /// Do not receive OTLP over gRPC
    #[arg(long, conflicts_with = "otlp_grpc")]
    pub no_otlp_grpc: bool,

    #[arg(
        long,
        value_name = "ADDR",
        help = LOCAL_XRAY.help("The X-Ray daemon's address (UDP segments, TCP sampling), or `off`")
    )]
    pub xray: Option<String>,

    /// Do not stand in for the X-Ray daemon
    #[arg(long, conflicts_with = "xray")]
    pub no_xray: bool,

    #[arg(
        long,
        value_name = "ADDR",
        help = LOCAL_CLOUDWATCH_LOGS.help("Stand in for CloudWatch Logs (Watchtower, boto3) on ADDR, or `off`; signatures are not checked")
    )]
    pub cloudwatch_logs: Option<String>,

    #[arg(
        long,
        value_name = "ADDR",
        help = LOCAL_ROLLBAR.help("Stand in for Rollbar (pyrollbar's endpoint http://ADDR/api/1/) on ADDR, or `off`")
    )]
    pub rollbar: Option<String>,

    #[command(flatten)]
    pub db: crate::commands::local::DbArg,

    #[arg(
        long,
        value_parser = duration_arg,
        value_name = "DUR",
        help = LOCAL_RETAIN.help("Delete spans older than this while running")
    )]
    pub retain: Option<Duration>,

    /// Also send X-Ray segments to X-Ray (PutTraceSegments, with the AWS settings of `xray`)
    #[arg(long)]
    pub forward_xray: bool,

    /// Also send OTLP spans to this OTLP/HTTP endpoint (e.g. https://api.honeycomb.io)
    #[arg(long, value_name = "URL")]
    pub forward_otlp: Option<String>,

    /// A header for --forward-otlp, e.g. x-honeycomb-team=KEY (repeatable; values are never shown)
    #[arg(long = "forward-header", value_name = "K=V", requires = "forward_otlp")]
    pub forward_headers: Vec<String>,
}

/// One receiver's address, with what it is for users' messages.
struct Endpoint {
    name: &'static str,
    flag: &'static str,
    addr: SocketAddr,
}

pub async fn run(ctx: &Context, aws: &AwsArgs, args: ListenArgs) -> Result<()> {
    let otlp_http = address(
        ctx,
        &LOCAL_OTLP_HTTP,
        args.otlp_http.as_deref(),
        args.no_otlp_http,
        "--otlp-http",
    )?;
    let otlp_grpc = address(
        ctx,
        &LOCAL_OTLP_GRPC,
        args.otlp_grpc.as_deref(),
        args.no_otlp_grpc,
        "--otlp-grpc",
    )?;
    let xray_addr = address(
        ctx,
        &LOCAL_XRAY,
        args.xray.as_deref(),
        args.no_xray,
        "--xray",
    )?;
    let cloudwatch_addr = address(
        ctx,
        &LOCAL_CLOUDWATCH_LOGS,
        args.cloudwatch_logs.as_deref(),
        false,
        "--cloudwatch-logs",
    )?;
    let rollbar_addr = address(
        ctx,
        &LOCAL_ROLLBAR,
        args.rollbar.as_deref(),
        false,
        "--rollbar",
    )?;
    if otlp_http.is_none()
        && otlp_grpc.is_none()
        && xray_addr.is_none()
        && cloudwatch_addr.is_none()
        && rollbar_addr.is_none()
    {
        return Err(Error::usage("every receiver is off").with_hint(
            "leave at least one of --otlp-http, --otlp-grpc, --xray, --cloudwatch-logs and --rollbar on",
        ));
    }
    let retain = retention(ctx, args.retain)?;
    let db = super::database_path(ctx, &args.db)?;

    let store = Store::open(&db)?;
    // Held while listening: two listeners writing one database would answer each other's
    // senders with each other's backlogs, and their totals would both be wrong.
    let _only_listener = claim(&db)?;
    // Bind everything before anything starts: a port in use is one clear error, and no
    // receiver runs half-configured.
    let http_listener = bind_tcp(otlp_http.map(|addr| Endpoint {
        name: "OTLP/HTTP",
        flag: "--otlp-http",
        addr,
    }))?;
    let grpc_listener = bind_tcp(otlp_grpc.map(|addr| Endpoint {
        name: "OTLP/gRPC",
        flag: "--otlp-grpc",
        addr,
    }))?;
    let xray_endpoint = xray_addr.map(|addr| Endpoint {
        name: "X-Ray daemon (TCP)",
        flag: "--xray",
        addr,
    });
    let sampling_listener = bind_tcp(xray_endpoint)?;
    let udp = xray_addr.map(bind_udp).transpose()?;
    let cloudwatch_listener = bind_tcp(cloudwatch_addr.map(|addr| Endpoint {
        name: "CloudWatch Logs stand-in",
        flag: "--cloudwatch-logs",
        addr,
    }))?;
    let rollbar_listener = bind_tcp(rollbar_addr.map(|addr| Endpoint {
        name: "Rollbar stand-in",
        flag: "--rollbar",
        addr,
    }))?;

    let forward_otlp = args
        .forward_otlp
        .as_deref()
        .map(|url| otlp_forwarder(url, &args.forward_headers, ctx))
        .transpose()?;
    let forward_xray = if args.forward_xray {
        Some(ctx.xray_client(aws).await?)
    } else {
        None
    };
    let sockets = Sockets {
        otlp_http: http_listener,
        otlp_grpc: grpc_listener,
        xray_tcp: sampling_listener,
        xray_udp: udp,
        cloudwatch_logs: cloudwatch_listener,
        rollbar: rollbar_listener,
    };
    let upstreams = Upstreams {
        otlp: forward_otlp,
        xray: forward_xray,
    };
    let mut listener = Listener::start(store, sockets, upstreams, retain)?;
    let listening: Vec<String> = listener
        .receivers()
        .iter()
        .map(|r| match r {
            Receiver::OtlpHttp(addr) => format!("OTLP/HTTP http://{addr}"),
            Receiver::OtlpGrpc(addr) => format!("OTLP/gRPC {addr}"),
            Receiver::XrayDaemon(addr) => format!("X-Ray daemon {addr} (UDP and TCP)"),
            Receiver::CloudwatchLogs(addr) => format!("CloudWatch Logs http://{addr}"),
            Receiver::Rollbar(addr) => format!("Rollbar http://{addr}/api/1/"),
        })
        .collect();

    let p = &ctx.printer;
    p.status(&format!("listening: {}", listening.join(" · ")));
    p.status(&format!(
        "storing in {} (what is older than {} is deleted); Ctrl-C to stop",
        db.display(),
        human_span(retain)
    ));

    let mut live = LiveOutput::new(ctx);
    let stop = stop_requested();
    tokio::pin!(stop);
    // Output that cannot be written (`| head` went away) ends listening too, but what is
    // queued is still stored before the error is returned.
    let mut output: Result<()> = Ok(());
    while output.is_ok() {
        let due = live.next_due();
        tokio::select! {
            event = listener.next_event() => match event {
                Some(event) => output = live.show(event),
                None => break,
            },
            () = sleep_until_due(due) => output = live.print_due(tokio::time::Instant::now()),
            _ = &mut stop => break,
        }
        // Into a pipe (`| grep`, `-o json | jq`) each line goes out as it is printed, not
        // when 64 KiB have gathered.
        if output.is_ok() {
            output = p.flush();
        }
    }

    // Stop receiving, let requests in flight finish, store what is queued (showing what
    // happens meanwhile), then say what happened.
    let totals = listener
        .stop(|event| {
            if output.is_ok() {
                output = live.show(event);
            }
        })
        .await;
    if output.is_ok() {
        output = live.print_all();
    }
    output?;
    p.flush()?;
    p.status(&totals_line(&totals.counters, totals.kernel_dropped));
    Ok(())
}

/// Takes the listener's lock beside the database (`traces.db.listen-lock`), or says which
/// database another `local listen` is already writing. The OS releases it when the process
/// ends, however it ends.
fn claim(db: &std::path::Path) -> Result<std::fs::File> {
    let mut path = db.as_os_str().to_owned();
    path.push(".listen-lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| {
            Error::failure(format!(
                "cannot take the listener's lock {}: {e}",
                std::path::Path::new(&path).display()
            ))
            .with_hint("choose a writable place with --db PATH (or TRACECTL_LOCAL_DB)")
        })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::failure(format!(
            "another tracectl local listen is already writing {}",
            db.display()
        ))
        .with_hint("stop that one, or give this one its own database with --db PATH")),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::failure(format!(
            "cannot take the listener's lock {}: {e}",
            std::path::Path::new(&path).display()
        ))
        .with_hint("choose another place with --db PATH")),
    }
}

/// A receiver's address: the flag, else the setting (env, profile, default); `off` or a
/// `--no-...` flag turns it off.
fn address(
    ctx: &Context,
    setting: &Setting,
    flag: Option<&str>,
    off: bool,
    flag_name: &'static str,
) -> Result<Option<SocketAddr>> {
    if off {
        return Ok(None);
    }
    let Some(resolved) = ctx.config.get(setting, flag.map(|v| (flag_name, v))) else {
        return Ok(None);
    };
    let value = resolved.value.trim();
    if value.eq_ignore_ascii_case("off") {
        return Ok(None);
    }
    value.parse::<SocketAddr>().map(Some).map_err(|_| {
        Error::usage(format!(
            "{flag_name} '{value}' (from {}) is not an address",
            resolved.source
        ))
        .with_hint(format!(
            "use HOST:PORT with an IP, e.g. {flag_name} 127.0.0.1:4319, or off"
        ))
    })
}

/// `--retain` (or `--older-than`), else the `local_retain` setting, else 7 days.
pub(crate) fn retention(ctx: &Context, flag: Option<Duration>) -> Result<Duration> {
    if let Some(d) = flag {
        return Ok(d);
    }
    let resolved = ctx
        .config
        .get(&LOCAL_RETAIN, None)
        .map(|r| (r.value, r.source.to_string()))
        .unwrap_or_else(|| ("7d".into(), "default".into()));
    duration_arg(&resolved.0).map_err(|e| {
        Error::usage(format!(
            "local_retain '{}' (from {}): {e}",
            resolved.0, resolved.1
        ))
        .with_hint("a duration such as 7d, 48h or 30m")
    })
}

/// What probably holds a port, for the error that says it is taken.
fn usual_holder(endpoint: &Endpoint) -> &'static str {
    match endpoint.name {
        "X-Ray daemon (TCP)" | "X-Ray daemon (UDP)" => "the X-Ray daemon",
        "CloudWatch Logs stand-in" | "Rollbar stand-in" => "an AWS or Rollbar emulator",
        _ => "an OpenTelemetry Collector",
    }
}

fn bind_error(endpoint: &Endpoint, e: &std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::AddrInUse {
        return Error::failure(format!(
            "{} cannot listen on {}: the port is in use",
            endpoint.name, endpoint.addr
        ))
        .with_hint(format!(
            "{} (or another tracectl local listen) probably holds it; stop it, or move this one with {} HOST:PORT, or turn it off with {} off",
            usual_holder(endpoint),
            endpoint.flag,
            endpoint.flag
        ));
    }
    Error::failure(format!(
        "{} cannot listen on {}: {e}",
        endpoint.name, endpoint.addr
    ))
    .with_hint(format!(
        "choose another address with {} HOST:PORT",
        endpoint.flag
    ))
}

fn bind_tcp(endpoint: Option<Endpoint>) -> Result<Option<tokio::net::TcpListener>> {
    let Some(endpoint) = endpoint else {
        return Ok(None);
    };
    let listener = std::net::TcpListener::bind(endpoint.addr)
        .and_then(|l| l.set_nonblocking(true).map(|()| l))
        .map_err(|e| bind_error(&endpoint, &e))?;
    Ok(Some(tokio::net::TcpListener::from_std(listener)?))
}

/// Bytes the kernel may hold for the UDP socket while the receiver is busy: a burst of
/// segments waits here instead of being dropped.
const UDP_BUFFER: usize = 16 * 1024 * 1024;

fn bind_udp(addr: SocketAddr) -> Result<std::net::UdpSocket> {
    use socket2::{Domain, Protocol, Socket, Type};
    let endpoint = Endpoint {
        name: "X-Ray daemon (UDP)",
        flag: "--xray",
        addr,
    };
    let socket = Socket::new(Domain::for_address(addr), Type::DGRAM, Some(Protocol::UDP))
        .map_err(|e| bind_error(&endpoint, &e))?;
    // Best effort: the kernel caps it at net.core.rmem_max.
    let _ = socket.set_recv_buffer_size(UDP_BUFFER);
    socket
        .bind(&addr.into())
        .map_err(|e| bind_error(&endpoint, &e))?;
    Ok(socket.into())
}

/// The client and URL of `--forward-otlp` with its `--forward-header`s.
fn otlp_forwarder(url: &str, headers: &[String], ctx: &Context) -> Result<(HttpClient, Url)> {
    let target = forward::otlp_traces_url(url).ok_or_else(|| {
        Error::usage(format!("--forward-otlp '{url}' is not an http(s) URL"))
            .with_hint("e.g. --forward-otlp https://api.honeycomb.io")
    })?;
    let mut builder = HttpClientBuilder::new("forward-otlp").observer(ctx.printer.observer());
    for header in headers {
        let (name, value) = header.split_once('=').ok_or_else(|| {
            Error::usage(format!(
                "--forward-header '{}' is not NAME=VALUE",
                header.split('=').next().unwrap_or_default()
            ))
            .with_hint("e.g. --forward-header x-honeycomb-team=KEY")
        })?;
        // Every forwarded header is treated as a secret: it is sent, never shown.
        builder = builder
            .secret_header(name.trim(), value.trim())
            .map_err(|e| {
                Error::usage(format!("--forward-header {}: {e}", name.trim()))
                    .with_hint("header values must be printable ASCII")
            })?;
    }
    let http = builder.build().map_err(|e| Error::failure(e.to_string()))?;
    Ok((http, target))
}

/// The totals line; `kernel_dropped` is what the kernel dropped of the X-Ray socket's
/// datagrams before they could be read (`None` when it cannot be known).
fn totals_line(counters: &Counters, kernel_dropped: Option<u64>) -> String {
    let n = |c: &std::sync::atomic::AtomicU64| human_count(Counters::get(c));
    let mut text = format!(
        "received {} spans: stored {}, rejected {}, dropped {}",
        n(&counters.received),
        n(&counters.stored),
        n(&counters.rejected),
        n(&counters.dropped),
    );
    let logs = Counters::get(&counters.logs_received);
    let errors = Counters::get(&counters.errors_stored);
    if logs > 0 || errors > 0 {
        text.push_str(&format!(
            "; {} log lines: stored {}, rejected {}; {} errors stored",
            n(&counters.logs_received),
            n(&counters.logs_stored),
            n(&counters.logs_rejected),
            human_count(errors)
        ));
    }
    if let Some(dropped) = kernel_dropped.filter(|d| *d > 0) {
        text.push_str(&format!(
            "; {} X-Ray datagrams dropped by the kernel (sent faster than read)",
            human_count(dropped)
        ));
    }
    let forwarded = Counters::get(&counters.forwarded) + Counters::get(&counters.forward_failed);
    if forwarded > 0 {
        text.push_str(&format!(
            "; forwarded {} ({} not delivered)",
            n(&counters.forwarded),
            n(&counters.forward_failed)
        ));
    }
    let deferred = Counters::get(&counters.deferred);
    if deferred > 0 {
        text.push_str(&format!(
            "; {} requests asked to retry while the writer caught up",
            human_count(deferred)
        ));
    }
    let truncated = Counters::get(&counters.truncated);
    if truncated > 0 {
        text.push_str(&format!(
            "; {} value(s) cut to the limits",
            human_count(truncated)
        ));
    }
    let malformed = Counters::get(&counters.malformed);
    if malformed > 0 {
        text.push_str(&format!(
            "; {} unreadable requests or datagrams",
            human_count(malformed)
        ));
    }
    text
}

/// What the user sees while listening: a line per request (or an NDJSON object per span),
/// refusals with -v, and each kind of failure once.
struct LiveOutput<'a> {
    ctx: &'a Context,
    /// Spans stored per trace so far, for the span count of the request line.
    spans_per_trace: SpansPerTrace,
    /// The zone of the request lines' times, looked up once.
    zone: jiff::tz::TimeZone,
    /// Finished roots whose line waits [`LINGER`] for the trace's other spans.
    waiting: std::collections::VecDeque<(tokio::time::Instant, WaitingLine)>,
    warned: std::collections::HashSet<String>,
}

/// Spans counted by trace id: a number for the 32 lowercase hex digits of W3C and
/// converted X-Ray ids (no allocation for each of a burst's spans), the text otherwise.
#[derive(Default)]
struct SpansPerTrace {
    hex: foldhash::HashMap<u128, u32>,
    text: HashMap<String, u32>,
}

impl SpansPerTrace {
    fn add(&mut self, trace_id: &str) {
        match crate::model::span::lower_hex_id::<32>(trace_id) {
            Some(n) => *self.hex.entry(n).or_default() += 1,
            None => *self.text.entry(trace_id.to_string()).or_default() += 1,
        }
    }

    fn get(&self, trace_id: &str) -> Option<u32> {
        match crate::model::span::lower_hex_id::<32>(trace_id) {
            Some(n) => self.hex.get(&n).copied(),
            None => self.text.get(trace_id).copied(),
        }
    }

    fn len(&self) -> usize {
        self.hex.len() + self.text.len()
    }

    fn clear(&mut self) {
        self.hex.clear();
        self.text.clear();
    }
}

/// Traces whose span counts are remembered; past it the counts start again.
const MAX_COUNTED_TRACES: usize = 50_000;

/// How long a request line waits after its root span is stored. Another service's spans
/// of the same trace come in that service's own export, often a moment after the root's;
/// waiting a second lets the line count them.
const LINGER: std::time::Duration = std::time::Duration::from_secs(1);

/// Request lines waiting at most; past it the oldest is printed at once (memory stays
/// bounded whatever the rate).
const MAX_WAITING: usize = 10_000;

/// A request line waiting for its span count: its text, not the span (whose attributes
/// may be large), so the queue costs a line per request.
struct WaitingLine {
    head: String,
    trace_id: String,
    status: SpanStatus,
}

/// Sleeps until `due`, or forever when nothing waits.
async fn sleep_until_due(due: Option<tokio::time::Instant>) {
    match due {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

impl<'a> LiveOutput<'a> {
    fn new(ctx: &'a Context) -> Self {
        Self {
            ctx,
            spans_per_trace: SpansPerTrace::default(),
            zone: ctx.printer.zone(),
            waiting: Default::default(),
            warned: Default::default(),
        }
    }

    /// When the oldest waiting request line is due.
    fn next_due(&self) -> Option<tokio::time::Instant> {
        self.waiting.front().map(|(at, _)| *at)
    }

    /// Prints the request lines due by `now`, with the span counts known by then.
    fn print_due(&mut self, now: tokio::time::Instant) -> Result<()> {
        while self.waiting.front().is_some_and(|(at, _)| *at <= now) {
            if let Some((_, line)) = self.waiting.pop_front() {
                self.print_request(&line)?;
            }
        }
        Ok(())
    }

    /// Prints every waiting request line (the listener is stopping).
    fn print_all(&mut self) -> Result<()> {
        while let Some((_, line)) = self.waiting.pop_front() {
            self.print_request(&line)?;
        }
        Ok(())
    }

    fn print_request(&self, line: &WaitingLine) -> Result<()> {
        let count = self.spans_per_trace.get(&line.trace_id).unwrap_or(1);
        self.ctx.printer.line(&self.request_line(line, count))
    }

    fn show(&mut self, event: Event) -> Result<()> {
        let p = &self.ctx.printer;
        match event {
            Event::Stored(spans) => {
                if self.spans_per_trace.len() > MAX_COUNTED_TRACES {
                    self.spans_per_trace.clear();
                }
                if !p.is_json() {
                    for span in spans.iter().flatten() {
                        self.spans_per_trace.add(&span.trace_id);
                    }
                }
                for span in spans.iter().flatten() {
                    if p.is_json() {
                        p.json_line(span)?;
                    } else if span.is_root() && span.end_ns.is_some() {
                        if self.waiting.len() >= MAX_WAITING
                            && let Some((_, oldest)) = self.waiting.pop_front()
                        {
                            self.print_request(&oldest)?;
                        }
                        let line = self.waiting_line(span);
                        self.waiting
                            .push_back((tokio::time::Instant::now() + LINGER, line));
                    }
                }
            }
            Event::Refused { source, reason } => {
                if p.options().verbosity > 0 {
                    p.status(&format!("refused ({source}): {reason}"));
                }
            }
            Event::WriteFailed { count, reason } => {
                if self.warned.insert(reason.clone()) {
                    p.warn(&format!(
                        "{count} spans not stored: {reason} (said once; counted in the totals)"
                    ));
                }
            }
            Event::CommitRefused { reason, .. } => {
                if self.warned.insert(format!("refused {reason}")) {
                    p.warn(&format!(
                        "spans refused for now: {reason}; their senders were told to retry (said once; nothing acknowledged was lost)"
                    ));
                }
            }
            Event::ForwardFailed {
                backend,
                count,
                reason,
            } => {
                if self.warned.insert(format!("{backend}{reason}")) {
                    p.warn(&format!(
                        "{count} spans not forwarded to {backend}: {reason} (they are stored; said once)"
                    ));
                }
            }
            Event::Pruned(pruned) => {
                if p.options().verbosity > 0 {
                    p.status(&format!(
                        "deleted {} spans, {} log lines and {} errors older than the retention",
                        human_count(pruned.spans as u64),
                        human_count(pruned.logs as u64),
                        human_count(pruned.errors as u64)
                    ));
                }
            }
            Event::StoredErrors(errors) => {
                if !p.is_json() {
                    for error in &errors {
                        p.line(&self.error_line(error))?;
                    }
                }
            }
        }
        Ok(())
    }

    /// `10:00:01.130  backend-flask  GET /api/activities/home  500  48 ms` — the request
    /// line without its span count, which waits for the rest of the trace.
    fn waiting_line(&self, span: &SpanRecord) -> WaitingLine {
        // %H:%M:%S%.3f, put together from the fields: strftime reads its format again for
        // every line, and this runs for every request.
        let time = jiff::Timestamp::from_nanosecond(i128::from(span.start_ns))
            .map(|t| {
                let t = t.to_zoned(self.zone.clone());
                format!(
                    "{:02}:{:02}:{:02}.{:03}",
                    t.hour(),
                    t.minute(),
                    t.second(),
                    t.millisecond()
                )
            })
            .unwrap_or_default();
        let what = match (
            &span.http_method,
            span.http_route.as_deref().or(span.http_url.as_deref()),
        ) {
            (Some(method), Some(path)) => format!("{method} {}", url_path(path)),
            _ => span.name.clone(),
        };
        let status = span
            .http_status
            .map(|s| s.to_string())
            .unwrap_or_else(|| span.status.as_str().to_string());
        let duration = span
            .duration_ms()
            .map(|ms| crate::output::human_seconds(ms / 1000.0))
            .unwrap_or_default();
        // Names, routes and the service come from the app: escaped before tracectl's own
        // colour is put around the line, so they cannot colour, hide or forge it.
        use crate::output::terminal::escape_field;
        WaitingLine {
            head: format!(
                "{time}  {}  {}  {status}  {duration}",
                escape_field(&span.service),
                escape_field(&what),
            ),
            trace_id: span.trace_id.clone(),
            status: span.status,
        }
    }

    /// `10:00:01.130  error  ZeroDivisionError: division by zero  (production, trace ...)`:
    /// an error report, in red, its words escaped (they are the app's).
    fn error_line(&self, error: &crate::model::local_error::ErrorRecord) -> String {
        use crate::output::terminal::escape_field;
        let p = &self.ctx.printer;
        let time = jiff::Timestamp::from_nanosecond(i128::from(error.time_ns))
            .map(|t| p.time(t, "%H:%M:%S%.3f"))
            .unwrap_or_default();
        let trace = error
            .trace_id
            .as_ref()
            .map(|t| format!(", trace {t}"))
            .unwrap_or_default();
        p.palette().red(&format!(
            "{time}  {}  {}  ({}{trace})",
            escape_field(&error.level),
            escape_field(&error.title),
            escape_field(&error.environment)
        ))
    }

    /// `... 500  48 ms  7 spans  <trace id>`, coloured by the outcome.
    fn request_line(&self, line: &WaitingLine, count: u32) -> String {
        let palette = self.ctx.printer.palette();
        let text = format!(
            "{}  {count} span{}  {}",
            line.head,
            if count == 1 { "" } else { "s" },
            line.trace_id
        );
        match line.status {
            SpanStatus::Fault => palette.red(&text),
            SpanStatus::Error | SpanStatus::Throttle => palette.yellow(&text),
            SpanStatus::Ok => text,
        }
    }
}
