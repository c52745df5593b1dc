//! How the collector's HTTP and gRPC endpoints take connections: a bounded number at once,
//! each with a deadline for its request headers, and a graceful stop. `axum::serve` has
//! neither bound: a sender that opens thousands of connections and never finishes a request
//! would hold them (and the process's file descriptors) forever and lock everyone else out.

use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinHandle;

/// Connections served at once per endpoint; more wait in the kernel's backlog. Well under
/// the usual 1,024 open files, so the process never runs out of descriptors.
pub const MAX_CONNECTIONS: usize = 256;
/// A request's headers must arrive within this (a connection idle between requests is
/// closed after it too): a slow or stalled sender does not hold a connection.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// gRPC streams open at once on one connection.
const MAX_STREAMS: u32 = 64;
/// How long requests in flight get to finish when stopping.
pub const GRACE: Duration = Duration::from_secs(5);

/// Serves `router` on `listener` until `stopping` turns true, then lets requests in flight
/// finish (up to [`GRACE`]).
pub fn spawn(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    mut stopping: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut builder = auto::Builder::new(TokioExecutor::new());
        builder
            .http1()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT);
        builder
            .http2()
            .timer(TokioTimer::new())
            .max_concurrent_streams(MAX_STREAMS)
            .keep_alive_interval(Some(Duration::from_secs(30)))
            .keep_alive_timeout(Duration::from_secs(20));
        let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
        let graceful = GracefulShutdown::new();
        loop {
            let slot = tokio::select! {
                slot = slots.clone().acquire_owned() => slot,
                _ = stopped(&mut stopping) => break,
            };
            let Ok(slot) = slot else { break };
            let stream = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => stream,
                    // Out of descriptors or a connection reset before accept: wait a
                    // moment instead of spinning, then take the next one.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                _ = stopped(&mut stopping) => break,
            };
            let _ = stream.set_nodelay(true);
            let service = TowerToHyperService::new(router.clone());
            let connection = builder
                .serve_connection(TokioIo::new(stream), service)
                .into_owned();
            let connection = graceful.watch(connection);
            tokio::spawn(async move {
                let _ = connection.await;
                drop(slot);
            });
        }
        let _ = tokio::time::timeout(GRACE, graceful.shutdown()).await;
    })
}

/// Waits for the stop signal (the `Ref` it gives is not held across an await).
async fn stopped(stopping: &mut watch::Receiver<bool>) {
    let _ = stopping.wait_for(|stop| *stop).await;
}
