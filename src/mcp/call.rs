//! One tool call while it runs: the progress it tells the client (when the client asked
//! for it with a progress token) and its cancellation (`notifications/cancelled`).
//!
//! Progress goes out in the order said, numbered 1, 2, 3… (MCP wants it to grow), through
//! one task that owns the sending, so a view's synchronous progress callback can say
//! something without awaiting. A call that runs for more than a second also says how long
//! it has been running, every second, so that a client's timeout can tell a slow Insights
//! query from a dead server.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rmcp::RoleServer;
use rmcp::model::{CallToolResult, ProgressNotificationParam};
use rmcp::service::RequestContext;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::error::{Error, Result};

/// How often a running call says it is still running.
const HEARTBEAT: Duration = Duration::from_secs(1);

/// What a tool's work holds of its call: cheap to clone into a blocking thread.
#[derive(Clone)]
pub struct Call {
    progress: Option<mpsc::UnboundedSender<(u64, String)>>,
    said: Arc<AtomicU64>,
    pub cancelled: CancellationToken,
}

impl Call {
    /// Tells the client how far the call has got, when it asked to be told.
    pub fn say(&self, message: impl Into<String>) {
        if let Some(tx) = &self.progress {
            let n = self.said.fetch_add(1, Ordering::Relaxed) + 1;
            // The sender task ends only after the call: a send cannot fail before.
            let _ = tx.send((n, message.into()));
        }
    }

    /// Runs `work` on a thread of its own with the runtime's handle, and stops it when
    /// the client cancels. The commands' and the AWS views' futures hold a command
    /// context or borrows that cannot cross threads; the server answers calls from any.
    pub async fn on_own_thread<T, F>(
        &self,
        what: &'static str,
        work: impl FnOnce() -> F + Send + 'static,
    ) -> Result<T>
    where
        T: Send + 'static,
        F: Future<Output = Result<T>>,
    {
        let runtime = tokio::runtime::Handle::current();
        let token = self.cancelled.clone();
        tokio::task::spawn_blocking(move || {
            runtime.block_on(async {
                tokio::select! {
                    done = work() => Some(done),
                    () = token.cancelled() => None,
                }
            })
        })
        .await
        .map_err(|e| Error::failure(format!("{what} stopped: {e}")))?
        .unwrap_or_else(|| Err(cancelled()))
    }
}

fn cancelled() -> Error {
    Error::failure("the call was cancelled by the client")
}

/// Runs a tool's work for the call `context` describes: its progress sent as it is said
/// (and a heartbeat while it runs), its cancellation honoured, its failure a tool error.
pub async fn run<F>(
    context: RequestContext<RoleServer>,
    what: &'static str,
    work: impl FnOnce(Call) -> F,
) -> CallToolResult
where
    F: Future<Output = Result<CallToolResult>>,
{
    let token = context.meta.get_progress_token();
    let (tx, mut rx) = mpsc::unbounded_channel::<(u64, String)>();
    let call = Call {
        progress: token.is_some().then_some(tx),
        said: Arc::default(),
        cancelled: context.ct.clone(),
    };
    // The sender drains what was said until told the call is over, then sends what is
    // still queued: every progress goes out before the answer, in order.
    let (over, mut finished) = tokio::sync::oneshot::channel::<()>();
    let sender = token.map(|token| {
        let peer = context.peer.clone();
        tokio::spawn(async move {
            let send = |(n, message): (u64, String)| {
                let mut param = ProgressNotificationParam::new(token.clone(), n as f64);
                param.message = Some(message);
                peer.notify_progress(param)
            };
            loop {
                tokio::select! {
                    biased;
                    said = rx.recv() => match said {
                        // A client gone away cannot be told; the answer says the rest.
                        Some(said) => if send(said).await.is_err() { return },
                        None => return,
                    },
                    _ = &mut finished => {
                        while let Ok(said) = rx.try_recv() {
                            if send(said).await.is_err() { return }
                        }
                        return;
                    }
                }
            }
        })
    });
    let started = Instant::now();
    let mut heartbeat =
        tokio::time::interval_at(tokio::time::Instant::now() + HEARTBEAT, HEARTBEAT);
    let watcher = call.clone();
    let mut work = Box::pin(work(call));
    let result = loop {
        tokio::select! {
            done = &mut work => break done,
            () = context.ct.cancelled() => break Err(cancelled()),
            _ = heartbeat.tick() => watcher.say(format!(
                "{what}: running for {} s",
                started.elapsed().as_secs()
            )),
        }
    };
    drop(work);
    let _ = over.send(());
    if let Some(sender) = sender {
        let _ = sender.await;
    }
    result.unwrap_or_else(|e| super::tool_error(&e))
}
