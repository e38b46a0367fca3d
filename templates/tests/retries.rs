//! Retries, timeouts, the operation timeout, the retry budget and idempotency keys, against real
//! servers on 127.0.0.1 (in-process, so that tokio's paused clock stays deterministic). Every
//! duration is measured on the paused clock: a test that waits 15 s of client time runs in
//! milliseconds and can assert the exact time the client waited.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

mod common;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::Router;
use client_templates::runtime::{
    Api, ApiInfo, Auth, CallOptions, ClientBuilder, Core, Error, ParamLocation, StatusCode,
    TimeoutKind,
};
use common::raw::{RawServer, Reply};
use common::serve::{Server, in_order, json, reply};
use common::{TestClient, ThingError, get_thing, get_thing_with, post_thing, post_thing_with};
use tokio::time::Instant;

fn thing_ok() -> axum::response::Response {
    json(200, &serde_json::json!({"id": "t1", "count": 3}))
}

fn unavailable() -> axum::response::Response {
    reply(503, &[], "")
}

fn rate_limited() -> axum::response::Response {
    json(429, &serde_json::json!({"error": "slow down"}))
}

/// A server answering `replies` in order, then repeating the last one.
async fn serving(replies: Vec<fn() -> axum::response::Response>) -> Server {
    Server::start(Router::new().fallback(in_order(replies))).await
}

fn client(url: &str) -> TestClient {
    common::builder(url).build().unwrap()
}

/// Runs `call` and returns its output with the (paused-clock) time it took.
async fn timed<T>(call: impl std::future::Future<Output = T>) -> (T, Duration) {
    let started = Instant::now();
    let output = call.await;
    (output, started.elapsed())
}

// --- The retry policy ------------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn a_get_is_retried_after_429_502_503_504_and_succeeds() {
    let cases: [fn() -> axum::response::Response; 4] = [
        rate_limited,
        || reply(502, &[], ""),
        unavailable,
        || reply(504, &[], ""),
    ];
    for failure in cases {
        let server = serving(vec![failure, thing_ok]).await;

        let (result, elapsed) = timed(get_thing(&client(&server.url), "t1")).await;

        assert_eq!(result.unwrap().into_body(), common::thing());
        assert_eq!(server.count(), 2);
        assert!(
            elapsed <= Duration::from_millis(1),
            "backoff ≤ 1 ms: {elapsed:?}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn max_retries_bounds_the_attempts_and_the_last_typed_error_is_returned() {
    for (retries, attempts) in [(0, 1), (2, 3)] {
        let server = serving(vec![
            || reply(502, &[], ""),
            unavailable,
            rate_limited,
            thing_ok,
        ])
        .await;
        let client = common::builder(&server.url)
            .max_retries(retries)
            .build()
            .unwrap();

        let error = get_thing(&client, "t1")
            .await
            .expect_err("retries exhausted");

        assert_eq!(server.count(), attempts);
        let expected = if retries == 0 { 502 } else { 429 };
        assert_eq!(
            error.status().map(|s| s.as_u16()),
            Some(expected),
            "{error:?}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn retry_after_is_waited_instead_of_the_backoff_in_seconds_or_as_a_date() {
    let server = serving(vec![
        || json(429, &serde_json::json!({"error": "x"})).map_retry_after("3"),
        thing_ok,
    ])
    .await;
    let (result, elapsed) = timed(get_thing(&client(&server.url), "t1")).await;
    result.unwrap();
    assert_eq!(elapsed, Duration::from_secs(3));

    // HTTP dates have whole seconds (and SystemTime is not paused): "now + 2 s" is 1 to 2 s.
    let server = serving(vec![
        || {
            let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
            unavailable().map_retry_after(&date)
        },
        thing_ok,
    ])
    .await;
    let (result, elapsed) = timed(get_thing(&client(&server.url), "t1")).await;
    result.unwrap();
    assert!(
        (Duration::from_secs(1)..=Duration::from_secs(2)).contains(&elapsed),
        "{elapsed:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_above_the_cap_returns_the_error_at_once() {
    for value in ["61", "99999999999999999999999"] {
        let owned = value.to_owned();
        let server = Server::start(Router::new().fallback(move || {
            let owned = owned.clone();
            async move { rate_limited().map_retry_after(&owned) }
        }))
        .await;

        let (result, elapsed) = timed(get_thing(&client(&server.url), "t1")).await;

        let error = result.unwrap_err();
        assert!(matches!(
            error.api_error(),
            Some(ThingError::TooManyRequests(_))
        ));
        assert_eq!(server.count(), 1, "{value}");
        assert_eq!(elapsed, Duration::ZERO, "{value}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_post_is_retried_only_on_429_and_refused_connections() {
    for (status, attempts) in [(500, 1), (503, 1), (429, 2)] {
        let failure: fn() -> axum::response::Response = match status {
            500 => || reply(500, &[], "boom"),
            503 => unavailable,
            _ => rate_limited,
        };
        let server = serving(vec![failure, thing_ok]).await;

        let _ = post_thing(&client(&server.url), &common::thing()).await;

        assert_eq!(server.count(), attempts, "POST on {status}");
    }
    let server = serving(vec![|| reply(500, &[], "boom"), thing_ok]).await;
    let error = get_thing(&client(&server.url), "t1").await.unwrap_err();
    assert_eq!(server.count(), 1, "500 is not retried, even for GET");
    assert!(!error.is_retryable());
}

#[tokio::test(start_paused = true)]
async fn a_refused_connection_is_retried_then_reported_as_transport() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);

    let error = post_thing(&client(&url), &common::thing())
        .await
        .unwrap_err();

    let Error::Transport {
        attempts, source, ..
    } = &error
    else {
        panic!("expected Transport, got {error:?}");
    };
    assert_eq!(*attempts, 3, "even a POST: the server never saw it");
    assert!(source.is_connect());
    assert!(error.to_string().contains("3 attempts"), "{error}");
}

#[tokio::test(start_paused = true)]
async fn a_connection_broken_before_or_during_the_body_is_retried_for_get_not_post() {
    let mut mid_body =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
            .to_vec();
    mid_body.extend_from_slice(br#"{"id": "t1"#);
    for bytes in [Vec::new(), mid_body] {
        for reset in [true, false] {
            let server = RawServer::start(Reply::Hangup {
                bytes: bytes.clone(),
                reset,
            })
            .await;
            let client = client(&server.url);

            let get = get_thing(&client, "t1").await.unwrap_err();
            let post = post_thing(&client, &common::thing()).await.unwrap_err();

            for (error, attempts) in [(&get, 3), (&post, 1)] {
                let Error::Transport {
                    attempts: made,
                    source,
                    ..
                } = error
                else {
                    panic!("expected Transport, got {error:?}");
                };
                assert_eq!(*made, attempts, "reset {reset}, {} bytes", bytes.len());
                assert!(!source.is_connect(), "the connection was made");
            }
            assert_eq!(server.request_lines().len(), 4);
        }
    }
}

// --- Timeouts --------------------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn each_attempt_of_a_get_to_a_silent_server_times_out_and_a_post_is_not_retried() {
    let server = RawServer::start(Reply::Silent).await;
    let client = common::builder(&server.url)
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();

    let (get, get_elapsed) = timed(get_thing(&client, "t1")).await;
    let (post, post_elapsed) = timed(post_thing(&client, &common::thing())).await;

    let get = get.unwrap_err();
    assert!(
        matches!(get, Error::Timeout { attempts: 3, timeout, kind: TimeoutKind::Attempt, .. }
            if timeout == Duration::from_secs(2)),
        "{get:?}"
    );
    assert!(get.is_retryable());
    // Three attempts of 2 s and two backoffs of at most 1 and 2 ms.
    assert!(
        (Duration::from_secs(6)..=Duration::from_millis(6003)).contains(&get_elapsed),
        "{get_elapsed:?}"
    );
    assert!(matches!(
        post.unwrap_err(),
        Error::Timeout { attempts: 1, .. }
    ));
    assert_eq!(post_elapsed, Duration::from_secs(2));
    assert_eq!(server.request_lines().len(), 4);
}

#[tokio::test(start_paused = true)]
async fn the_attempt_timeout_covers_the_whole_body_and_a_call_can_override_it() {
    // A byte every 20 ms of a 1000-byte body: no read waits long, but the body takes 20 s.
    let server = RawServer::start(Reply::Trickle {
        head: b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
            .to_vec(),
        body: vec![b' '; 1000],
        every: Duration::from_millis(20),
    })
    .await;
    let client = common::builder(&server.url).max_retries(0).build().unwrap();
    let mut options = CallOptions::default();
    options.set_timeout(Duration::from_millis(300));

    let (result, elapsed) = timed(get_thing_with(&client, "t1", &options)).await;

    let error = result.unwrap_err();
    assert!(
        matches!(error, Error::Timeout { timeout, kind: TimeoutKind::Attempt, .. }
            if timeout == Duration::from_millis(300)),
        "{error:?}"
    );
    assert_eq!(elapsed, Duration::from_millis(300));
}

#[tokio::test(start_paused = true)]
async fn the_operation_timeout_bounds_every_attempt_and_wait_of_a_call() {
    let server = RawServer::start(Reply::Silent).await;
    let client = common::builder(&server.url)
        .timeout(Duration::from_secs(10))
        .operation_timeout(Duration::from_secs(15))
        .max_retries(5)
        .build()
        .unwrap();

    let (result, elapsed) = timed(get_thing(&client, "t1")).await;

    let error = result.unwrap_err();
    assert!(
        matches!(error, Error::Timeout { attempts: 2, timeout, kind: TimeoutKind::Operation, .. }
            if timeout == Duration::from_secs(15)),
        "{error:?}"
    );
    assert_eq!(elapsed, Duration::from_secs(15));
    assert!(error.to_string().contains("operation_timeout"), "{error}");

    // Per call, shorter than one attempt.
    let mut options = CallOptions::default();
    options.set_operation_timeout(Duration::from_secs(2));
    let (result, elapsed) = timed(get_thing_with(&client, "t1", &options)).await;
    assert!(matches!(
        result.unwrap_err(),
        Error::Timeout {
            attempts: 1,
            kind: TimeoutKind::Operation,
            ..
        }
    ));
    assert_eq!(elapsed, Duration::from_secs(2));
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_past_the_operation_timeout_returns_the_error_at_once() {
    let server = serving(vec![|| unavailable().map_retry_after("5"), thing_ok]).await;
    let client = common::builder(&server.url)
        .operation_timeout(Duration::from_secs(3))
        .build()
        .unwrap();

    let (result, elapsed) = timed(get_thing(&client, "t1")).await;

    assert_eq!(
        result.unwrap_err().status(),
        Some(StatusCode::SERVICE_UNAVAILABLE)
    );
    assert_eq!(elapsed, Duration::ZERO);
    assert_eq!(server.count(), 1);
}

// --- The retry budget ------------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn the_retry_budget_is_shared_by_clones_and_stops_retries_when_empty() {
    let server = serving(vec![unavailable]).await;
    // 12 tokens: two retries (5 each), then too few for a third.
    let client = common::builder(&server.url)
        .max_retries(5)
        .retry_budget(12)
        .build()
        .unwrap();
    let clone = client.clone();

    get_thing(&client, "t1").await.unwrap_err();
    assert_eq!(server.count(), 3, "two retries fit the budget");
    get_thing(&clone, "t1").await.unwrap_err();
    assert_eq!(
        server.count(),
        4,
        "the clone found the budget empty: no retry"
    );

    let unlimited = common::builder(&server.url)
        .max_retries(5)
        .no_retry_budget()
        .build()
        .unwrap();
    get_thing(&unlimited, "t1").await.unwrap_err();
    assert_eq!(
        server.count(),
        10,
        "without a budget, max_retries alone limits"
    );
}

// --- Idempotency keys ------------------------------------------------------------------------

struct KeyedApi;

static KEYED: ApiInfo = ApiInfo {
    name: "keyed",
    title: "Keyed API",
    default_base_url: "https://api.invalid",
    default_headers: &[],
    accept: "application/json",
    content_type: "application/json",
    user_agent: "generated-client/0.1.0",
    auth: Auth::Bearer,
    idempotency_header: Some("Idempotency-Key"),
};

impl Api for KeyedApi {
    type Client = TestClient;
    const INFO: &'static ApiInfo = &KEYED;
    const PARAMS: &'static [(&'static str, ParamLocation)] = &[];

    fn wrap(core: Arc<Core>) -> TestClient {
        TestClient { core }
    }
}

#[tokio::test(start_paused = true)]
async fn a_post_with_an_idempotency_key_is_retried_on_503_and_timeouts_with_the_same_key() {
    let server = serving(vec![unavailable, thing_ok]).await;
    let client = ClientBuilder::<KeyedApi>::new()
        .token(common::TOKEN)
        .base_url(&server.url)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .build()
        .unwrap();

    post_thing(&client, &common::thing())
        .await
        .expect("retried");
    let mut options = CallOptions::default();
    options.set_idempotency_key("order-42");
    post_thing_with(&client, &common::thing(), &options)
        .await
        .expect("sent");
    get_thing(&client, "t1").await.expect("sent");

    let keys: Vec<Option<String>> = server
        .seen()
        .iter()
        .map(|seen| seen.header("idempotency-key").map(str::to_owned))
        .collect();
    assert_eq!(keys.len(), 4);
    let first = keys[0].clone().expect("a key on the POST");
    assert_eq!(first.len(), 32);
    assert!(first.bytes().all(|b| b.is_ascii_hexdigit()), "{first}");
    assert_eq!(
        keys[1].as_deref(),
        Some(first.as_str()),
        "the retry repeats the key"
    );
    assert_eq!(keys[2].as_deref(), Some("order-42"));
    assert_eq!(keys[3], None, "a GET carries no key");

    let silent = RawServer::start(Reply::Silent).await;
    let client = ClientBuilder::<KeyedApi>::new()
        .token(common::TOKEN)
        .base_url(&silent.url)
        .timeout(Duration::from_secs(1))
        .build()
        .unwrap();
    let error = post_thing(&client, &common::thing()).await.unwrap_err();
    assert!(
        matches!(error, Error::Timeout { attempts: 3, .. }),
        "{error:?}"
    );
}

/// Sets `Retry-After` on a response.
trait RetryAfter {
    fn map_retry_after(self, value: &str) -> Self;
}

impl RetryAfter for axum::response::Response {
    fn map_retry_after(mut self, value: &str) -> Self {
        self.headers_mut()
            .insert("retry-after", value.parse().unwrap());
        self
    }
}
