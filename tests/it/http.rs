//! The shared HTTP client against local servers that fail and then succeed: attempts are
//! counted on the server side, so the assertions are about what was really sent.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::any;
use reqwest::{Method, Url};
use tokio::io::AsyncWriteExt;
use tracectl::clients::http::{
    HttpClient, HttpClientBuilder, HttpError, Retry, RetryPolicy, USER_AGENT_VALUE,
};
use tracectl::clients::{ClientEvent, Observer, RetryReason};

const SECRET: &str = "hcaik_thisIsTheSecretKey_0123456789";

/// A server whose `n`-th request gets `script[n]` (the last entry repeats).
struct Scripted {
    hits: Arc<AtomicU32>,
    user_agents: Arc<Mutex<Vec<String>>>,
    url: Url,
}

async fn scripted(script: Vec<(StatusCode, Vec<(&'static str, &'static str)>)>) -> Scripted {
    let hits = Arc::new(AtomicU32::new(0));
    let user_agents = Arc::new(Mutex::new(Vec::new()));
    let (h, ua) = (hits.clone(), user_agents.clone());
    let script = Arc::new(script);
    let app = Router::new().fallback(any(move |headers: HeaderMap| {
        let (h, ua, script) = (h.clone(), ua.clone(), script.clone());
        async move {
            let n = h.fetch_add(1, Ordering::SeqCst) as usize;
            ua.lock().unwrap().push(
                headers
                    .get("user-agent")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_string(),
            );
            let (status, extra) = script[n.min(script.len() - 1)].clone();
            let mut resp = axum::response::Response::builder().status(status);
            for (k, v) in extra {
                resp = resp.header(k, v);
            }
            resp.body(axum::body::Body::from(format!("{{\"n\":{n}}}")))
                .unwrap()
        }
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Scripted {
        hits,
        user_agents,
        url: Url::parse(&format!("http://{addr}/1/things")).unwrap(),
    }
}

fn fast_policy() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        base_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        max_rate_limit_wait: Duration::from_secs(2),
        budget: Duration::from_secs(20),
    }
}

#[derive(Default)]
struct Recorder(Mutex<Vec<ClientEvent>>);

impl Recorder {
    /// Why each retry happened, in order.
    fn retry_reasons(&self) -> Vec<RetryReason> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .filter_map(|e| match e {
                ClientEvent::Retry { reason, .. } => Some(reason.clone()),
                _ => None,
            })
            .collect()
    }
}

impl Observer for Recorder {
    fn on_event(&self, event: &ClientEvent) {
        self.0.lock().unwrap().push(event.clone());
    }
}

fn client(observer: Arc<Recorder>) -> HttpClient {
    HttpClientBuilder::new("test")
        .retry_policy(fast_policy())
        .timeout(Duration::from_millis(500))
        .secret_header("x-honeycomb-team", SECRET)
        .unwrap()
        .observer(observer)
        .build()
        .unwrap()
}

#[tokio::test]
async fn idempotent_get_is_retried_through_5xx_until_it_succeeds() {
    let s = scripted(vec![
        (StatusCode::SERVICE_UNAVAILABLE, vec![]),
        (StatusCode::BAD_GATEWAY, vec![]),
        (StatusCode::OK, vec![]),
    ])
    .await;
    let rec = Arc::new(Recorder::default());
    let c = client(rec.clone());
    let resp = c
        .send(c.request(Method::GET, s.url.clone()), Retry::Idempotent)
        .await
        .unwrap();
    assert_eq!(
        (resp.status.as_u16(), resp.attempts, resp.text()),
        (200, 3, "{\"n\":2}".to_string())
    );
    assert_eq!(s.hits.load(Ordering::SeqCst), 3);
    // Every attempt carried the user agent.
    assert_eq!(
        *s.user_agents.lock().unwrap(),
        vec![USER_AGENT_VALUE.to_string(); 3]
    );
    assert_eq!(
        rec.retry_reasons(),
        [RetryReason::ServerError(503), RetryReason::ServerError(502)]
    );
}

#[tokio::test]
async fn unsafe_post_is_never_replayed_on_5xx() {
    let s = scripted(vec![
        (StatusCode::INTERNAL_SERVER_ERROR, vec![]),
        (StatusCode::OK, vec![]),
    ])
    .await;
    let c = client(Arc::default());
    let resp = c
        .send(
            c.request(Method::POST, s.url.clone()).body("{}"),
            Retry::Unsafe,
        )
        .await
        .unwrap();
    assert_eq!((resp.status.as_u16(), resp.attempts), (500, 1));
    assert_eq!(s.hits.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn rate_limited_post_waits_for_the_reset_and_retries() {
    // Honeycomb's 429: problem+json, a RateLimit header, no Retry-After.
    let s = scripted(vec![
        (
            StatusCode::TOO_MANY_REQUESTS,
            vec![("ratelimit", "limit=10, remaining=0, reset=0")],
        ),
        (StatusCode::TOO_MANY_REQUESTS, vec![("retry-after", "0")]),
        (StatusCode::CREATED, vec![]),
    ])
    .await;
    let rec = Arc::new(Recorder::default());
    let c = client(rec.clone());
    let resp = c
        .send(
            c.request(Method::POST, s.url.clone()).body("{}"),
            Retry::Unsafe,
        )
        .await
        .unwrap();
    assert_eq!((resp.status.as_u16(), resp.attempts), (201, 3));
    assert_eq!(s.hits.load(Ordering::SeqCst), 3);
    let waits: Vec<Duration> = rec
        .0
        .lock()
        .unwrap()
        .iter()
        .filter_map(|e| match e {
            ClientEvent::Retry {
                wait,
                reason: RetryReason::RateLimited,
                ..
            } => Some(*wait),
            _ => None,
        })
        .collect();
    assert_eq!(waits, [Duration::ZERO, Duration::ZERO]);
}

#[tokio::test]
async fn a_rate_limit_longer_than_the_policy_allows_is_handed_back() {
    let s = scripted(vec![(
        StatusCode::TOO_MANY_REQUESTS,
        vec![("ratelimit", "limit=10, remaining=0, reset=50")],
    )])
    .await;
    let c = client(Arc::default());
    let resp = c
        .send(c.request(Method::GET, s.url.clone()), Retry::Idempotent)
        .await
        .unwrap();
    assert_eq!((resp.status.as_u16(), resp.attempts), (429, 1));
    assert_eq!(s.hits.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn attempts_are_bounded() {
    let s = scripted(vec![(StatusCode::SERVICE_UNAVAILABLE, vec![])]).await;
    let c = client(Arc::default());
    let resp = c
        .send(c.request(Method::GET, s.url.clone()), Retry::Idempotent)
        .await
        .unwrap();
    assert_eq!((resp.status.as_u16(), resp.attempts), (503, 4));
    assert_eq!(s.hits.load(Ordering::SeqCst), 4);
}

/// A server that drops the first `drops` connections right after reading the request,
/// then answers 200: the connection breaks after the request was sent.
async fn dropping(drops: u32) -> (Url, Arc<AtomicU32>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(AtomicU32::new(0));
    let counter = seen.clone();
    tokio::spawn(async move {
        loop {
            let (mut sock, _) = listener.accept().await.unwrap();
            let n = counter.fetch_add(1, Ordering::SeqCst);
            let mut buf = [0u8; 4096];
            let _ = tokio::io::AsyncReadExt::read(&mut sock, &mut buf).await;
            if n >= drops {
                let _ = sock
                    .write_all(
                        b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok",
                    )
                    .await;
            }
            drop(sock);
        }
    });
    (Url::parse(&format!("http://{addr}/")).unwrap(), seen)
}

#[tokio::test]
async fn dropped_connections_are_retried_for_idempotent_requests_only() {
    let (url, seen) = dropping(2).await;
    let c = client(Arc::default());
    let resp = c
        .send(c.request(Method::GET, url), Retry::Idempotent)
        .await
        .unwrap();
    assert_eq!(
        (resp.status.as_u16(), resp.text().as_str(), resp.attempts),
        (200, "ok", 3)
    );
    assert_eq!(seen.load(Ordering::SeqCst), 3);

    let (url, seen) = dropping(1).await;
    let err = c
        .send(c.request(Method::POST, url).body("{}"), Retry::Unsafe)
        .await
        .unwrap_err();
    assert!(
        matches!(err, HttpError::Transport { attempts: 1, .. }),
        "{err:?}"
    );
    assert_eq!(seen.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn refused_connections_are_retried_then_reported() {
    let port = crate::harness::free_port();
    let c = client(Arc::default());
    let url = Url::parse(&format!("http://127.0.0.1:{port}/")).unwrap();
    let err = c
        .send(c.request(Method::POST, url), Retry::Unsafe)
        .await
        .unwrap_err();
    // Nothing was sent, so even an unsafe POST is tried again, up to the bound.
    assert!(
        matches!(err, HttpError::Connect { attempts: 4, .. }),
        "{err:?}"
    );
    assert!(
        err.to_string().starts_with("cannot connect to 127.0.0.1: "),
        "{err}"
    );
}

#[tokio::test]
async fn slow_answers_time_out() {
    let app = Router::new().fallback(any(|| async {
        tokio::time::sleep(Duration::from_secs(5)).await;
        "late"
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let c = HttpClientBuilder::new("test")
        .retry_policy(RetryPolicy {
            max_attempts: 2,
            ..fast_policy()
        })
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let err = c
        .send(
            c.request(Method::GET, Url::parse(&format!("http://{addr}/")).unwrap()),
            Retry::Idempotent,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, HttpError::Timeout { attempts: 2, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn traces_never_contain_the_secret() {
    let s = scripted(vec![
        (StatusCode::SERVICE_UNAVAILABLE, vec![]),
        (StatusCode::OK, vec![]),
    ])
    .await;
    let rec = Arc::new(Recorder::default());
    let c = client(rec.clone());
    let url = Url::parse(&format!("{}?access_token=qwerty123&echo={SECRET}", s.url)).unwrap();
    let body = format!("{{\"key\":\"{SECRET}\"}}");
    c.send(c.request(Method::POST, url).body(body), Retry::Idempotent)
        .await
        .unwrap();
    let events = rec.0.lock().unwrap();
    let everything: String = events
        .iter()
        .map(|e| tracectl::output::diagnostics::describe(e, 2, false).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        !everything.contains(SECRET) && !everything.contains("qwerty123"),
        "{everything}"
    );
    assert!(
        everything.contains("> x-honeycomb-team: [REDACTED]"),
        "{everything}"
    );
    assert!(
        everything.contains("> {\"key\":\"[REDACTED]\"}"),
        "{everything}"
    );
    assert!(everything.contains("> test POST http://"), "{everything}");
    assert!(
        everything.contains(&format!("> user-agent: {USER_AGENT_VALUE}")),
        "{everything}"
    );
    assert!(everything.contains("< test 200 in "), "{everything}");
}

/// A server that records every request's headers and answers with `respond(path)`.
struct Recording {
    addr: std::net::SocketAddr,
    seen: Arc<Mutex<Vec<(String, String, HeaderMap)>>>,
}

async fn recording(
    respond: impl Fn(&str) -> axum::response::Response + Clone + Send + Sync + 'static,
) -> Recording {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let app = Router::new().fallback(any(
        move |method: axum::http::Method, uri: axum::http::Uri, headers: HeaderMap| {
            let (log, respond) = (log.clone(), respond.clone());
            async move {
                log.lock()
                    .unwrap()
                    .push((method.to_string(), uri.path().to_string(), headers));
                respond(uri.path())
            }
        },
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Recording { addr, seen }
}

fn redirect(status: u16, to: String) -> axum::response::Response {
    axum::response::Response::builder()
        .status(status)
        .header("location", to)
        .body(axum::body::Body::empty())
        .unwrap()
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_refused_and_the_key_never_travels() {
    let elsewhere = recording(|_| axum::response::Response::new("{}".into())).await;
    // Another port on the same host is another origin, as is another host or scheme.
    for status in [301, 302, 303, 307, 308] {
        let target = format!("http://{}/collect", elsewhere.addr);
        let api = recording(move |_| redirect(status, target.clone())).await;
        let rec = Arc::new(Recorder::default());
        let c = client(rec.clone());
        let url = Url::parse(&format!("http://{}/1/auth", api.addr)).unwrap();
        let err = c
            .send(c.request(Method::GET, url), Retry::Idempotent)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, HttpError::CrossOriginRedirect { to, .. } if to == &format!("http://{}/collect", elsewhere.addr)),
            "{status}: {err}"
        );
        assert_eq!(
            api.seen.lock().unwrap().len(),
            1,
            "one request, not retried"
        );
    }
    assert!(
        elsewhere.seen.lock().unwrap().is_empty(),
        "the other origin was never contacted"
    );
}

#[tokio::test]
async fn a_redirect_loop_stops_after_the_limit_with_each_hop_reported() {
    use tracectl::clients::http::MAX_REDIRECTS;
    let api = recording(|_| redirect(302, "/1/loop".into())).await;
    let rec = Arc::new(Recorder::default());
    let c = client(rec.clone());
    let url = Url::parse(&format!("http://{}/1/loop", api.addr)).unwrap();
    let err = c
        .send(c.request(Method::GET, url), Retry::Idempotent)
        .await
        .unwrap_err();
    assert!(matches!(err, HttpError::TooManyRedirects { .. }), "{err}");
    // The first request and MAX_REDIRECTS hops, each reported; not retried.
    assert_eq!(api.seen.lock().unwrap().len(), MAX_REDIRECTS as usize + 1);
    let hops = rec
        .0
        .lock()
        .unwrap()
        .iter()
        .filter(|e| matches!(e, ClientEvent::Redirect { .. }))
        .count();
    assert_eq!(hops, MAX_REDIRECTS as usize);
}

#[tokio::test]
async fn same_origin_redirects_are_followed_traced_and_303_turns_a_post_into_a_get() {
    let api = recording(|path| match path {
        "/old/auth" => redirect(308, "/1/auth".into()),
        "/1/things" => redirect(303, "/1/things/42".into()),
        _ => axum::response::Response::new(format!("{{\"at\":\"{path}\"}}").into()),
    })
    .await;
    let rec = Arc::new(Recorder::default());
    let c = client(rec.clone());
    let base = format!("http://{}", api.addr);
    let resp = c
        .send(
            c.request(
                Method::POST,
                Url::parse(&format!("{base}/old/auth")).unwrap(),
            )
            .body("{\"a\":1}"),
            Retry::Idempotent,
        )
        .await
        .unwrap();
    assert_eq!(resp.text(), "{\"at\":\"/1/auth\"}");
    let resp = c
        .send(
            c.request(
                Method::POST,
                Url::parse(&format!("{base}/1/things")).unwrap(),
            )
            .header("content-type", "application/json")
            .body("{\"a\":1}"),
            Retry::Unsafe,
        )
        .await
        .unwrap();
    assert_eq!(resp.text(), "{\"at\":\"/1/things/42\"}");
    let seen: Vec<(String, String, bool)> = api
        .seen
        .lock()
        .unwrap()
        .iter()
        .map(|(m, p, h)| (m.clone(), p.clone(), h.get("x-honeycomb-team").is_some()))
        .collect();
    assert_eq!(
        seen,
        [
            ("POST".into(), "/old/auth".into(), true),
            ("POST".into(), "/1/auth".into(), true),
            ("POST".into(), "/1/things".into(), true),
            ("GET".into(), "/1/things/42".into(), true),
        ]
    );
    let redirects: Vec<(u16, String)> = rec
        .0
        .lock()
        .unwrap()
        .iter()
        .filter_map(|e| match e {
            ClientEvent::Redirect { status, to, .. } => Some((*status, to.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        redirects,
        [
            (308, format!("{base}/1/auth")),
            (303, format!("{base}/1/things/42"))
        ]
    );
}

#[tokio::test]
async fn a_deadline_bounds_every_attempt_and_retry_together() {
    // Accepts connections and never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let rec = Arc::new(Recorder::default());
    let c = HttpClientBuilder::new("test")
        .retry_policy(RetryPolicy {
            max_attempts: 10,
            ..fast_policy()
        })
        .timeout(Duration::from_millis(400))
        .deadline(Some(
            std::time::Instant::now() + Duration::from_millis(1500),
        ))
        .observer(rec.clone())
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = c
        .send(
            c.request(Method::GET, Url::parse(&format!("http://{addr}/")).unwrap()),
            Retry::Idempotent,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, HttpError::Timeout { .. }), "{err}");
    // Ten attempts of 400 ms would be 4 s; the deadline ends it at 1.5 s (generous margin
    // for a loaded machine, far below the unbounded case).
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    let slow = rec.retry_reasons();
    assert!(
        !slow.is_empty() && slow.iter().all(|r| matches!(r, RetryReason::NoAnswer(_))),
        "{slow:?}"
    );
}
