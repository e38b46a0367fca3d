//! The token stays secret: redirects are followed by the runtime, which drops `Authorization`
//! whenever the origin (scheme, host or port) changes and refuses https -> http; loops end; the
//! token is in no `Debug` output or error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

mod common;

use axum::Router;
use axum::routing::any;
use client_templates::runtime::{ClientBuilder, Error, RedirectError, StatusCode};
use common::serve::{Server, json, reply};
use common::{TOKEN, TestApi, get_thing, post_thing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn thing() -> axum::response::Response {
    json(200, &serde_json::json!({"id": "t1", "count": 3}))
}

/// A server whose `/things/t1` redirects (with `status`) to `location`, and whose `/landing`
/// answers with a thing.
async fn redirecting(
    status: u16,
    location: impl Fn(u16) -> String + Send + Sync + 'static,
) -> Server {
    let port = std::sync::Arc::new(std::sync::OnceLock::new());
    let known = std::sync::Arc::clone(&port);
    let location = std::sync::Arc::new(location);
    let server = Server::start(
        Router::new()
            .route(
                "/things/{id}",
                any(move || {
                    let target = location(*known.get().unwrap());
                    async move { reply(status, &[("location", &target)], "") }
                }),
            )
            .route(
                "/things",
                any(move || async move { reply(status, &[("location", "/landing")], "") }),
            )
            .route("/landing", any(|| async { thing() })),
    )
    .await;
    port.set(server.port).unwrap();
    server
}

#[tokio::test]
async fn a_redirect_to_another_host_or_port_drops_the_token_and_the_same_origin_keeps_it() {
    let landing = Server::start(Router::new().fallback(|| async { thing() })).await;
    let other_port = landing.port;
    // Same port, another host name; then another port on the same host; then the same origin.
    let to_host = redirecting(302, |port| format!("http://localhost:{port}/landing")).await;
    let to_port = redirecting(307, move |_| {
        format!("http://127.0.0.1:{other_port}/landing")
    })
    .await;
    let same = redirecting(301, |_| "/landing".to_owned()).await;

    for server in [&to_host, &to_port, &same] {
        get_thing(&common::client(&server.url), "t1")
            .await
            .expect("followed");
    }

    let bearer = format!("Bearer {TOKEN}");
    for server in [&to_host, &to_port, &same] {
        assert_eq!(
            server.seen()[0].header("authorization"),
            Some(bearer.as_str())
        );
    }
    let host_hop = &to_host.seen()[1];
    assert_eq!(
        host_hop.header("host"),
        Some(format!("localhost:{}", to_host.port).as_str())
    );
    assert_eq!(host_hop.header("authorization"), None, "another host");
    assert_eq!(
        landing.seen()[0].header("authorization"),
        None,
        "another port"
    );
    assert_eq!(
        same.seen()[1].header("authorization"),
        Some(bearer.as_str()),
        "same origin"
    );
}

#[tokio::test]
async fn see_other_turns_a_post_into_a_bodiless_get_and_307_resends_method_and_body() {
    for (status, method, body) in [
        (303, "GET", false),
        (307, "POST", true),
        (308, "POST", true),
    ] {
        let server = redirecting(status, |_| "/landing".to_owned()).await;

        post_thing(&common::client(&server.url), &common::thing())
            .await
            .expect("followed");

        let seen = server.seen();
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[1].method, method, "{status}");
        assert_eq!(!seen[1].body.is_empty(), body, "{status}");
        assert_eq!(
            seen[1].body,
            if body {
                seen[0].body.clone()
            } else {
                Default::default()
            }
        );
        assert_eq!(seen[1].header("content-type").is_some(), body, "{status}");
    }
}

#[tokio::test]
async fn a_redirect_loop_stops_at_the_hop_limit_and_is_not_retried() {
    let server = redirecting(302, |_| "/things/t1".to_owned()).await;

    let error = get_thing(&common::client(&server.url), "t1")
        .await
        .expect_err("loop");

    assert!(
        matches!(
            &error,
            Error::Redirect {
                reason: RedirectError::TooMany { limit: 5 },
                status: StatusCode::FOUND,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(!error.is_retryable());
    assert_eq!(server.count(), 6, "the first request and five redirects");
    assert!(
        error.to_string().contains("more than 5 redirects"),
        "{error}"
    );
}

#[tokio::test]
async fn debug_output_of_builder_client_and_errors_has_no_token() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({"error": "no"})))
        .mount(&server)
        .await;
    let builder = common::builder(&server.uri());
    let client = builder.clone().build().expect("builds");
    let api_error = get_thing(&client, "t1").await.expect_err("400");
    let refused = get_thing(&client, "..").await.expect_err("refused");
    let no_token = ClientBuilder::<TestApi>::new()
        .token(TOKEN)
        .token("")
        .build();

    let outputs = [
        format!("{builder:?}"),
        format!("{client:?}"),
        format!("{api_error:?} {api_error}"),
        format!("{refused:?} {refused}"),
        format!("{:?}", no_token.map(drop)),
    ];
    for output in &outputs {
        assert!(!output.contains(TOKEN), "token leaked: {output}");
    }
    assert!(outputs[0].contains("<redacted>"), "{}", outputs[0]);
    assert!(outputs[1].contains("<redacted>"), "{}", outputs[1]);
}
