//! The token stays secret: not forwarded to other hosts, not in `Debug` output.

mod common;

use client_templates::runtime::{ClientBuilder, Error};
use common::{TOKEN, TestApi, get_thing, request_count};
use wiremock::matchers::{any, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn redirect_to(location: &str) -> ResponseTemplate {
    ResponseTemplate::new(302).insert_header("Location", location)
}

async fn landing_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path("/landing"))
        .respond_with(ResponseTemplate::new(200).set_body_json(common::thing()))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_redirect_to_another_host_does_not_carry_the_token() {
    // Same machine, different host string: 127.0.0.1 redirects to localhost.
    let landing = landing_server().await;
    let origin = MockServer::start().await;
    let target = format!("http://localhost:{}/landing", landing.address().port());
    Mock::given(any())
        .respond_with(redirect_to(&target))
        .mount(&origin)
        .await;

    let thing = get_thing(&common::client(&origin.uri()), "t1")
        .await
        .expect("followed");

    assert_eq!(thing.into_body(), common::thing());
    let origin_requests = origin.received_requests().await.expect("recording");
    assert!(origin_requests[0].headers.contains_key("authorization"));
    let landed = landing.received_requests().await.expect("recording");
    assert_eq!(landed.len(), 1);
    assert_eq!(landed[0].headers.get("authorization"), None);
}

#[tokio::test]
async fn a_redirect_on_the_same_host_keeps_the_token() {
    let server = landing_server().await;
    Mock::given(path("/things/t1"))
        .respond_with(redirect_to("/landing"))
        .mount(&server)
        .await;

    get_thing(&common::client(&server.uri()), "t1")
        .await
        .expect("followed");

    let requests = server.received_requests().await.expect("recording");
    assert_eq!(requests.len(), 2);
    let expected = format!("Bearer {TOKEN}");
    assert_eq!(
        requests[1]
            .headers
            .get("authorization")
            .map(|v| v.as_bytes()),
        Some(expected.as_bytes())
    );
}

#[tokio::test]
async fn a_redirect_loop_stops_after_five_hops_without_retrying() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(redirect_to("/things/t1"))
        .mount(&server)
        .await;

    let error = get_thing(&common::client(&server.uri()), "t1")
        .await
        .expect_err("loop");

    assert!(
        matches!(error, Error::Transport { attempts: 1, .. }),
        "{error:?}"
    );
    assert_eq!(
        request_count(&server).await,
        6,
        "the first request and five redirects"
    );
}

#[tokio::test]
async fn debug_output_of_builder_client_and_errors_has_no_token() {
    let server = MockServer::start().await;
    Mock::given(any())
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
