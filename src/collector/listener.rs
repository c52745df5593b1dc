//! A running collector: its receivers, writer, forwarders and pruner started together and
//! stopped in the order that keeps every acknowledged span. `local listen` binds the
//! sockets (so a port in use is its error to word), starts a [`Listener`], shows its
//! [`Event`]s, and stops it; a test or another face can do the same with no terminal.

use std::net::{SocketAddr, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle as ThreadHandle;
use std::time::Duration;

use reqwest::Url;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

use super::{Collector, Counters, Event, cloudwatch, forward, otlp, rollbar, serve, writer, xray};
use crate::clients::http::HttpClient;
use crate::clients::store::Store;

/// Events waiting for the face. Stored spans wait here until shown: a short queue makes a
/// slow terminal slow the writer (and so ask OTLP senders to retry) instead of holding
/// batches of spans in memory. (The receivers' own events are dropped when it is full; the
/// counters still count them.)
const EVENTS: usize = 16;

/// How long servers get to finish requests in flight when stopping (they stop taking new
/// ones at once; a request waiting for its commit is answered once the writer has it).
const GRACE: Duration = Duration::from_secs(6);

/// How often the retention prunes: every minute, or a tenth of a shorter retention.
fn prune_every(retain: Duration) -> Duration {
    (retain / 10).clamp(Duration::from_secs(1), Duration::from_secs(60))
}

/// The receivers' sockets, bound by the caller; `None` is a receiver turned off.
#[derive(Default)]
pub struct Sockets {
    pub otlp_http: Option<TcpListener>,
    pub otlp_grpc: Option<TcpListener>,
    /// The X-Ray daemon's TCP side (sampling rules).
    pub xray_tcp: Option<TcpListener>,
    /// The X-Ray daemon's UDP side (segments).
    pub xray_udp: Option<UdpSocket>,
    /// The CloudWatch Logs stand-in (Watchtower, boto3).
    pub cloudwatch_logs: Option<TcpListener>,
    /// The Rollbar stand-in (pyrollbar).
    pub rollbar: Option<TcpListener>,
}

/// Where received data is also sent.
#[derive(Default)]
pub struct Upstreams {
    /// OTLP requests re-exported to this `/v1/traces` URL with this client's headers.
    pub otlp: Option<(HttpClient, Url)>,
    /// X-Ray segments sent on with PutTraceSegments; sampling asked of it too.
    pub xray: Option<aws_sdk_xray::Client>,
}

/// A receiver that is listening, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Receiver {
    OtlpHttp(SocketAddr),
    OtlpGrpc(SocketAddr),
    /// UDP and TCP on one address.
    XrayDaemon(SocketAddr),
    CloudwatchLogs(SocketAddr),
    Rollbar(SocketAddr),
}

/// What the listener did, once stopped (nothing counts any more).
#[derive(Debug)]
pub struct Totals {
    pub counters: Arc<Counters>,
    /// X-Ray datagrams the kernel dropped before they could be read (Linux); `None` when
    /// it cannot be known.
    pub kernel_dropped: Option<u64>,
}

pub struct Listener {
    receivers: Vec<Receiver>,
    counters: Arc<Counters>,
    events: mpsc::Receiver<Event>,
    shutdown: watch::Sender<bool>,
    servers: Vec<JoinHandle<()>>,
    udp_stop: Arc<AtomicBool>,
    udp_thread: Option<ThreadHandle<()>>,
    /// A handle on the UDP socket, to read the kernel's drop count at the end.
    udp_probe: Option<UdpSocket>,
    drops_before: u64,
    pruner: JoinHandle<()>,
    writer: writer::WriterHandle,
    writer_thread: ThreadHandle<()>,
}

impl Listener {
    /// Starts everything on a Tokio runtime: spans older than `retain` are pruned as it runs.
    pub fn start(
        store: Store,
        sockets: Sockets,
        upstreams: Upstreams,
        retain: Duration,
    ) -> std::io::Result<Listener> {
        let counters = Arc::new(Counters::default());
        let (events_tx, events) = mpsc::channel::<Event>(EVENTS);
        let forward_otlp = upstreams
            .otlp
            .map(|(http, url)| forward::spawn_otlp(http, url, counters.clone(), events_tx.clone()));
        let forward_xray = upstreams
            .xray
            .clone()
            .map(|client| forward::spawn_xray(client, counters.clone(), events_tx.clone()));
        // The stand-in's log groups and streams outlive a restart: read before the writer
        // takes the database.
        let registry = cloudwatch::Registry::new(
            store
                .log_registry()
                .map_err(|e| std::io::Error::other(crate::error::one_line(&e)))?,
        );
        let (writer, writer_thread) = writer::spawn(store, counters.clone(), events_tx.clone())?;
        let collector = Collector::new(
            counters.clone(),
            writer.clone(),
            events_tx,
            forward_otlp,
            forward_xray,
        );

        let (shutdown, stopping) = watch::channel(false);
        let mut servers = Vec::new();
        let mut receivers = Vec::new();
        if let Some(listener) = sockets.otlp_http {
            receivers.push(Receiver::OtlpHttp(listener.local_addr()?));
            let router = otlp::http_router(collector.clone());
            servers.push(serve::spawn(listener, router, stopping.clone()));
        }
        if let Some(listener) = sockets.otlp_grpc {
            receivers.push(Receiver::OtlpGrpc(listener.local_addr()?));
            let router = otlp::grpc_router(collector.clone());
            servers.push(serve::spawn(listener, router, stopping.clone()));
        }
        if let Some(listener) = sockets.xray_tcp {
            receivers.push(Receiver::XrayDaemon(listener.local_addr()?));
            let router = xray::sampling_router(upstreams.xray);
            servers.push(serve::spawn(listener, router, stopping.clone()));
        }
        if let Some(listener) = sockets.cloudwatch_logs {
            receivers.push(Receiver::CloudwatchLogs(listener.local_addr()?));
            let router = cloudwatch::router(collector.clone(), registry);
            servers.push(serve::spawn(listener, router, stopping.clone()));
        }
        if let Some(listener) = sockets.rollbar {
            receivers.push(Receiver::Rollbar(listener.local_addr()?));
            let router = rollbar::router(collector.clone());
            servers.push(serve::spawn(listener, router, stopping.clone()));
        }
        let udp_stop = Arc::new(AtomicBool::new(false));
        // Drops before we started are not ours.
        let udp_probe = sockets.xray_udp.as_ref().and_then(|s| s.try_clone().ok());
        let drops_before = udp_probe.as_ref().and_then(xray::kernel_drops).unwrap_or(0);
        let udp_thread = sockets
            .xray_udp
            .map(|socket| {
                let (collector, stop) = (collector.clone(), udp_stop.clone());
                std::thread::Builder::new()
                    .name("tracectl-xray-udp".into())
                    .spawn(move || xray::receive(socket, collector, stop))
            })
            .transpose()?;
        let pruner = tokio::spawn(prune_periodically(writer.clone(), retain));
        Ok(Listener {
            receivers,
            counters,
            events,
            shutdown,
            servers,
            udp_stop,
            udp_thread,
            udp_probe,
            drops_before,
            pruner,
            writer,
            writer_thread,
        })
    }

    /// The receivers listening, in the order HTTP, gRPC, X-Ray, CloudWatch Logs, Rollbar.
    pub fn receivers(&self) -> &[Receiver] {
        &self.receivers
    }

    /// The next event; `None` once nothing can send one any more.
    pub async fn next_event(&mut self) -> Option<Event> {
        self.events.recv().await
    }

    /// Stops receiving, lets requests in flight finish, stores what is queued, and gives
    /// each event of that to `show` as it happens; then the totals.
    pub async fn stop(mut self, mut show: impl FnMut(Event)) -> Totals {
        let _ = self.shutdown.send(true);
        for server in std::mem::take(&mut self.servers) {
            let _ = tokio::time::timeout(GRACE, server).await;
        }
        self.udp_stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.udp_thread.take() {
            let _ = tokio::task::spawn_blocking(move || thread.join()).await;
        }
        self.pruner.abort();
        let (writer, thread) = (self.writer, self.writer_thread);
        let flushing = tokio::task::spawn_blocking(move || writer.stop(thread));
        tokio::pin!(flushing);
        loop {
            tokio::select! {
                event = self.events.recv() => if let Some(event) = event { show(event) },
                _ = &mut flushing => break,
            }
        }
        while let Ok(event) = self.events.try_recv() {
            show(event);
        }
        Totals {
            counters: self.counters,
            kernel_dropped: self
                .udp_probe
                .as_ref()
                .and_then(xray::kernel_drops)
                .map(|d| d.saturating_sub(self.drops_before)),
        }
    }
}

async fn prune_periodically(writer: writer::WriterHandle, retain: Duration) {
    let mut tick = tokio::time::interval(prune_every(retain));
    loop {
        tick.tick().await;
        let retain_ns = i64::try_from(retain.as_nanos()).unwrap_or(i64::MAX);
        let now_ns = jiff::Timestamp::now().as_nanosecond() as i64;
        writer.prune(now_ns.saturating_sub(retain_ns));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A listener started and stopped with no terminal: an OTLP/JSON export is answered
    /// only once stored, and the totals and the file agree on exactly what came in.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_export_is_stored_before_it_is_answered_and_counted_once() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("traces.db");
        let http = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = http.local_addr().unwrap();
        let sockets = Sockets {
            otlp_http: Some(http),
            ..Sockets::default()
        };
        let listener = Listener::start(
            Store::open(&db).unwrap(),
            sockets,
            Upstreams::default(),
            Duration::from_secs(7 * 86_400),
        )
        .unwrap();
        assert_eq!(listener.receivers(), [Receiver::OtlpHttp(addr)]);

        let now = jiff::Timestamp::now().as_nanosecond();
        let span = |id: &str, parent: &str| {
            serde_json::json!({
                "traceId": "5b8efff798038103d269b633813fc60c",
                "spanId": id,
                "parentSpanId": parent,
                "name": "GET /api/home",
                "kind": 2,
                "startTimeUnixNano": (now - 2_000_000).to_string(),
                "endTimeUnixNano": now.to_string(),
            })
        };
        let export = serde_json::json!({"resourceSpans": [{
            "resource": {"attributes": [
                {"key": "service.name", "value": {"stringValue": "backend-flask"}}
            ]},
            "scopeSpans": [{"spans": [span("eee19b7ec3c1b174", ""), span("eee19b7ec3c1b175", "eee19b7ec3c1b174")]}],
        }]});
        let client = crate::clients::http::HttpClientBuilder::new("test")
            .build()
            .unwrap();
        let url = Url::parse(&format!("http://{addr}/v1/traces")).unwrap();
        let request = client
            .request(reqwest::Method::POST, url)
            .header("content-type", "application/json")
            .body(export.to_string());
        let answer = client
            .send(request, crate::clients::http::Retry::Unsafe)
            .await
            .unwrap();
        assert_eq!(answer.status, 200);
        // Answered means committed: a reader sees both spans before the listener stops.
        let reader = Store::open_read(&db).unwrap();
        assert_eq!(reader.count().unwrap(), 2);
        // Idle, the writer writes the spans' keys into the index by trace (no run was due:
        // two spans), so readers at rest find them there rather than by a scan.
        let file = rusqlite::Connection::open(&db).unwrap();
        let indexed = || -> (i64, i64) {
            file.query_row(
                "SELECT (SELECT count(*) FROM span_key_index),
                        (SELECT id FROM span_index_mark) - (SELECT max(id) FROM spans)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
        };
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while indexed() != (2, 0) && std::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(indexed(), (2, 0), "(keys in the index, mark - last span)");

        let mut stored_events = 0;
        let totals = listener
            .stop(|event| {
                if let Event::Stored(_) = event {
                    stored_events += 1;
                }
            })
            .await;
        let c = &totals.counters;
        assert_eq!(
            (
                Counters::get(&c.received),
                Counters::get(&c.stored),
                Counters::get(&c.dropped)
            ),
            (2, 2, 0)
        );
        assert_eq!(totals.kernel_dropped, None);
        // The one commit was reported once, to whoever shows events.
        assert_eq!(stored_events, 1);
        let spans = reader.trace("5b8efff798038103d269b633813fc60c").unwrap();
        let mut ids: Vec<&str> = spans.iter().map(|s| s.span_id.as_str()).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["eee19b7ec3c1b174", "eee19b7ec3c1b175"]);
    }
}
