//! Per-attempt timeouts against servers that never answer or stall mid-body.

mod common;

use std::time::{Duration, Instant};

use client_templates::runtime::Error;
use common::raw::{RawServer, Reply};
use common::{GET_THING, Thing, ThingError, get_thing, post_thing};

const TIMEOUT: Duration = Duration::from_millis(200);

fn client_with_timeout(url: &str, retries: u32) -> common::TestClient {
    common::builder(url)
        .timeout(TIMEOUT)
        .max_retries(retries)
        .build()
        .expect("builds")
}

fn assert_timeout(error: &Error<ThingError>, expected_attempts: u32, expected_timeout: Duration) {
    let Error::Timeout {
        attempts, timeout, ..
    } = error
    else {
        panic!("expected Timeout, got {error:?}");
    };
    assert_eq!((*attempts, *timeout), (expected_attempts, expected_timeout));
}

#[tokio::test]
async fn a_silent_server_times_out_each_attempt_of_a_get() {
    let server = RawServer::start(Reply::Silent).await;
    let client = client_with_timeout(&server.url, 1);
    let started = Instant::now();

    let error = get_thing(&client, "t1").await.expect_err("times out");

    let elapsed = started.elapsed();
    assert_timeout(&error, 2, TIMEOUT);
    assert_eq!(server.request_lines().len(), 2);
    assert!(elapsed >= 2 * TIMEOUT, "gave up after {elapsed:?}");
    assert!(elapsed < Duration::from_millis(1500), "took {elapsed:?}");
    assert!(error.is_retryable());
    assert!(error.to_string().contains("200ms"), "{error}");
}

#[tokio::test]
async fn a_post_that_timed_out_is_not_retried() {
    let server = RawServer::start(Reply::Silent).await;
    let client = client_with_timeout(&server.url, 2);
    let started = Instant::now();

    let error = post_thing(&client, &common::thing())
        .await
        .expect_err("times out");

    assert_timeout(&error, 1, TIMEOUT);
    assert_eq!(server.request_lines().len(), 1);
    assert!(
        started.elapsed() < Duration::from_millis(1000),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_body_that_stalls_times_out() {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n";
    let server = RawServer::start(Reply::Stall(format!("{head}{{\"id\": ").into_bytes())).await;
    let client = client_with_timeout(&server.url, 0);
    let started = Instant::now();

    let error = get_thing(&client, "t1").await.expect_err("times out");

    assert_timeout(&error, 1, TIMEOUT);
    let elapsed = started.elapsed();
    assert!(
        elapsed >= TIMEOUT && elapsed < Duration::from_millis(1000),
        "took {elapsed:?}"
    );
}

#[tokio::test]
async fn a_call_timeout_overrides_the_clients() {
    let server = RawServer::start(Reply::Silent).await;
    let client = common::builder(&server.url)
        .timeout(Duration::from_secs(30))
        .max_retries(0)
        .build()
        .expect("builds");
    let started = Instant::now();

    let mut call = client.core.call(&GET_THING);
    call.path("/things/t1");
    call.timeout(Some(Duration::from_millis(150)));
    let error = call
        .send::<Thing, ThingError>()
        .await
        .expect_err("times out");

    assert_timeout(&error, 1, Duration::from_millis(150));
    assert!(
        started.elapsed() < Duration::from_millis(1000),
        "took {:?}",
        started.elapsed()
    );
}
