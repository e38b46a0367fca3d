//! The retry policy, observed from the server: attempt counts, Retry-After, methods.

mod common;

use std::time::{Duration, Instant, SystemTime};

use client_templates::runtime::{Error, StatusCode};
use common::{Message, ThingError, get_thing, post_thing, request_count};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server_replying(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

/// A server that answers the first `failures` requests with `failure`, then with a thing.
async fn server_failing_first(failures: u64, failure: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(failure)
        .up_to_n_times(failures)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(common::thing()))
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

fn rate_limited() -> ResponseTemplate {
    ResponseTemplate::new(429).set_body_json(serde_json::json!({"error": "slow down"}))
}

#[tokio::test]
async fn a_get_is_retried_after_503_and_succeeds() {
    let server = server_failing_first(1, ResponseTemplate::new(503)).await;
    let client = common::client(&server.uri());

    let response = get_thing(&client, "t1")
        .await
        .expect("second attempt succeeds");

    assert_eq!(response.into_body(), common::thing());
    assert_eq!(request_count(&server).await, 2);
}

#[tokio::test]
async fn retries_stop_after_max_retries_with_the_last_typed_error() {
    let server = server_replying(rate_limited()).await;
    let client = common::builder(&server.uri())
        .max_retries(3)
        .build()
        .expect("builds");

    let error = get_thing(&client, "t1").await.expect_err("always 429");

    assert_eq!(request_count(&server).await, 4);
    let expected = ThingError::TooManyRequests(Message {
        error: "slow down".to_owned(),
    });
    assert!(
        matches!(&error, Error::Api { status: StatusCode::TOO_MANY_REQUESTS, body, .. } if *body == expected),
        "{error:?}"
    );
    assert!(error.is_retryable());
}

#[tokio::test]
async fn max_retries_zero_makes_one_attempt() {
    let server = server_replying(ResponseTemplate::new(503)).await;
    let client = common::builder(&server.uri())
        .max_retries(0)
        .build()
        .expect("builds");

    let error = get_thing(&client, "t1").await.expect_err("503");

    assert!(matches!(
        error,
        Error::UndocumentedStatus {
            status: StatusCode::SERVICE_UNAVAILABLE,
            ..
        }
    ));
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn retry_after_in_seconds_is_waited_instead_of_the_backoff() {
    let server = server_failing_first(1, rate_limited().insert_header("Retry-After", "1")).await;
    let client = common::client(&server.uri());
    let started = Instant::now();

    get_thing(&client, "t1")
        .await
        .expect("second attempt succeeds");

    let elapsed = started.elapsed();
    assert_eq!(request_count(&server).await, 2);
    assert!(
        elapsed >= Duration::from_millis(950),
        "waited only {elapsed:?}"
    );
    assert!(elapsed < Duration::from_millis(2500), "waited {elapsed:?}");
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_waited() {
    // HTTP dates have whole seconds, so "now + 2 s" lies between 1 and 2 s ahead.
    let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
    let failure = ResponseTemplate::new(503).insert_header("Retry-After", date.as_str());
    let server = server_failing_first(1, failure).await;
    let client = common::client(&server.uri());
    let started = Instant::now();

    get_thing(&client, "t1")
        .await
        .expect("second attempt succeeds");

    let elapsed = started.elapsed();
    assert_eq!(request_count(&server).await, 2);
    assert!(
        elapsed >= Duration::from_millis(900),
        "waited only {elapsed:?}"
    );
    assert!(elapsed < Duration::from_millis(3500), "waited {elapsed:?}");
}

#[tokio::test]
async fn retry_after_above_the_cap_returns_the_error_at_once() {
    let server = server_replying(rate_limited().insert_header("Retry-After", "120")).await;
    let client = common::builder(&server.uri())
        .max_retry_after(Duration::from_secs(1))
        .build()
        .expect("builds");
    let started = Instant::now();

    let error = get_thing(&client, "t1").await.expect_err("429");

    assert!(
        started.elapsed() < Duration::from_secs(1),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(request_count(&server).await, 1);
    assert_eq!(error.status(), Some(StatusCode::TOO_MANY_REQUESTS));
}

#[tokio::test]
async fn a_huge_retry_after_does_not_overflow() {
    let failure = rate_limited().insert_header("Retry-After", "99999999999999999999999999");
    let server = server_replying(failure).await;

    let error = get_thing(&common::client(&server.uri()), "t1")
        .await
        .expect_err("429");

    assert_eq!(error.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn a_post_is_not_retried_on_500_or_503() {
    for status in [500, 502, 503, 504] {
        let server = server_replying(ResponseTemplate::new(status)).await;
        let client = common::client(&server.uri());

        let error = post_thing(&client, &common::thing())
            .await
            .expect_err("fails");

        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(request_count(&server).await, 1, "POST retried on {status}");
    }
}

#[tokio::test]
async fn a_post_is_retried_on_429() {
    let server = server_failing_first(2, rate_limited()).await;
    let client = common::client(&server.uri());

    post_thing(&client, &common::thing())
        .await
        .expect("third attempt succeeds");

    let requests = server.received_requests().await.expect("recording");
    assert_eq!(requests.len(), 3);
    assert!(
        requests
            .iter()
            .all(|r| r.body_json::<common::Thing>().ok() == Some(common::thing()))
    );
}

#[tokio::test]
async fn a_get_is_not_retried_on_500() {
    let server = server_replying(ResponseTemplate::new(500)).await;

    let error = get_thing(&common::client(&server.uri()), "t1")
        .await
        .expect_err("500");

    assert!(!error.is_retryable());
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported_as_transport() {
    // Bind, note the port, close: connecting to it is refused.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    let client = common::builder(&url)
        .max_retries(2)
        .build()
        .expect("builds");
    let started = Instant::now();

    // POST too: the request never reached a server, so repeating it is safe.
    let get = get_thing(&client, "t1").await.expect_err("refused");
    let post = post_thing(&client, &common::thing())
        .await
        .expect_err("refused");

    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
    for error in [get, post] {
        let Error::Transport {
            attempts, source, ..
        } = &error
        else {
            panic!("expected Transport, got {error:?}");
        };
        assert_eq!(*attempts, 3);
        assert!(source.is_connect());
        assert!(error.to_string().ends_with("(3 attempts)"), "{error}");
    }
}
