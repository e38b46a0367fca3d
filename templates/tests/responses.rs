//! How responses become results: success bodies, documented and undocumented errors, bodies that
//! do not decode, bodies over the size limit; every kind of success body (JSON, none, bytes, text,
//! a byte stream, one of several documented statuses).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

mod common;

use std::error::Error as _;

use client_templates::runtime::{CallOptions, Error, StatusCode};
use common::raw::{RawServer, Reply};
use common::{GET_THING, Message, Thing, ThingError, client, get_thing};
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

#[tokio::test]
async fn a_success_body_decodes_with_status_and_headers() {
    let server = server_replying(
        ResponseTemplate::new(200)
            .insert_header("x-request-id", "r-1")
            .set_body_json(serde_json::json!({"id": "t1", "count": 3, "extra": true})),
    )
    .await;

    let response = get_thing(&client(&server.uri()), "t1")
        .await
        .expect("success");

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers().get("x-request-id").map(|v| v.as_bytes()),
        Some(&b"r-1"[..])
    );
    assert_eq!(response.body(), &common::thing());
    let (status, _, body) = response.into_parts();
    assert_eq!((status, body), (StatusCode::OK, common::thing()));
}

#[tokio::test]
async fn a_documented_error_status_decodes_into_the_action_error() {
    let server = server_replying(
        ResponseTemplate::new(400)
            .insert_header("x-request-id", "r-9")
            .set_body_raw(&br#"{"error":"bad id"}"#[..], "application/json"),
    )
    .await;

    let error = get_thing(&client(&server.uri()), "t1")
        .await
        .expect_err("400");

    let expected = ThingError::BadRequest(Message {
        error: "bad id".to_owned(),
    });
    assert_eq!(error.api_error(), Some(&expected));
    assert_eq!(error.status(), Some(StatusCode::BAD_REQUEST));
    assert_eq!(
        error.raw_body().map(|body| &body[..]),
        Some(&br#"{"error":"bad id"}"#[..]),
        "the raw body is kept next to the typed one"
    );
    assert_eq!(
        error.headers().and_then(|h| h.get("x-request-id")),
        Some(&http::HeaderValue::from_static("r-9"))
    );
    assert!(!error.is_retryable());
    assert_eq!(
        error.to_string(),
        "testapi thing.get failed with 400 Bad Request: bad request: bad id"
    );
}

#[tokio::test]
async fn an_undocumented_status_keeps_the_raw_body() {
    let server =
        server_replying(ResponseTemplate::new(418).set_body_string("short and stout")).await;

    let error = get_thing(&client(&server.uri()), "t1")
        .await
        .expect_err("418");

    let Error::UndocumentedStatus { status, body, .. } = &error else {
        panic!("expected UndocumentedStatus, got {error:?}");
    };
    assert_eq!(*status, StatusCode::IM_A_TEAPOT);
    assert_eq!(&body[..], b"short and stout");
    assert_eq!(
        error.to_string(),
        "testapi thing.get returned 418 I'm a teapot, a status its documentation does not list \
         (the 15-byte body is kept in the error)"
    );
}

async fn decode_error(template: ResponseTemplate) -> Error<ThingError> {
    let server = server_replying(template).await;
    get_thing(&client(&server.uri()), "t1")
        .await
        .expect_err("decode error")
}

fn assert_decode(error: &Error<ThingError>, expected_status: StatusCode, expected_body: &[u8]) {
    let Error::Decode { status, body, .. } = error else {
        panic!("expected Decode, got {error:?}");
    };
    assert_eq!(*status, expected_status);
    assert_eq!(&body[..], expected_body);
    assert!(
        error.source().is_some(),
        "the serde_json error is the source"
    );
}

#[tokio::test]
async fn a_truncated_success_body_is_a_decode_error_keeping_the_body() {
    let body = br#"{"id": "t1", "cou"#;
    let error =
        decode_error(ResponseTemplate::new(200).set_body_raw(&body[..], "application/json")).await;
    assert_decode(&error, StatusCode::OK, body);
    assert!(
        error.to_string().starts_with(
            "testapi thing.get returned 200 OK with a body that is not the documented content: \
             EOF while parsing"
        ),
        "{error}"
    );
}

#[tokio::test]
async fn an_empty_success_body_is_a_decode_error() {
    let error = decode_error(ResponseTemplate::new(200)).await;
    assert_decode(&error, StatusCode::OK, b"");
    assert!(
        error.to_string().ends_with("(the body is empty)"),
        "{error}"
    );
}

#[tokio::test]
async fn invalid_utf8_is_a_decode_error_keeping_the_bytes() {
    let body = b"{\"id\": \"\xff\xfe\", \"count\": 1}";
    let error =
        decode_error(ResponseTemplate::new(200).set_body_raw(&body[..], "application/json")).await;
    assert_decode(&error, StatusCode::OK, body);
}

#[tokio::test]
async fn an_html_page_is_a_decode_error_naming_its_content_type() {
    let body = b"<html><body>Bad gateway</body></html>";
    let error = decode_error(
        ResponseTemplate::new(400).set_body_raw(&body[..], "text/html; charset=utf-8"),
    )
    .await;
    assert_decode(&error, StatusCode::BAD_REQUEST, body);
    assert!(
        error
            .to_string()
            .ends_with("(content-type \"text/html; charset=utf-8\")"),
        "{error}"
    );
}

#[tokio::test]
async fn json_mislabelled_as_text_still_decodes() {
    let body = br#"{"id": "t1", "count": 3}"#;
    let server =
        server_replying(ResponseTemplate::new(200).set_body_raw(&body[..], "text/plain")).await;
    let response = get_thing(&client(&server.uri()), "t1")
        .await
        .expect("decodes");
    assert_eq!(response.into_body(), common::thing());
}

#[tokio::test]
async fn send_empty_accepts_a_bodiless_success() {
    let server = server_replying(ResponseTemplate::new(204)).await;
    let client = client(&server.uri());
    let mut call = client.core.call(&GET_THING, &CallOptions::default());
    call.path("/things/t1");
    let response = call.send_empty::<ThingError>().await.expect("204");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

const LIMIT: usize = 1024;

async fn get_with_limit(url: &str) -> common::ThingResult<Thing> {
    let client = common::builder(url)
        .max_response_bytes(LIMIT)
        .build()
        .expect("builds");
    get_thing(&client, "t1").await
}

/// A JSON body of exactly `len` bytes: a thing padded with spaces.
fn json_of_len(len: usize) -> String {
    let json = r#"{"id":"t1","count":3}"#;
    format!("{json}{}", " ".repeat(len.saturating_sub(json.len())))
}

/// A raw server sending `body` chunked, in pieces of `piece` bytes, with no Content-Length.
async fn chunked_server(body: &str, piece: usize) -> RawServer {
    let mut response = String::from("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    for chunk in body.as_bytes().chunks(piece) {
        response.push_str(&format!(
            "{:x}\r\n{}\r\n",
            chunk.len(),
            String::from_utf8_lossy(chunk)
        ));
    }
    response.push_str("0\r\n\r\n");
    RawServer::start(Reply::Full(response.into_bytes())).await
}

fn assert_too_large(result: common::ThingResult<Thing>) {
    let error = result.expect_err("too large");
    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                status: StatusCode::OK,
                limit: LIMIT,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("max_response_bytes"), "{error}");
}

#[tokio::test]
async fn a_body_announced_one_byte_over_the_limit_is_refused() {
    let server =
        server_replying(ResponseTemplate::new(200).set_body_string(json_of_len(LIMIT + 1))).await;
    assert_too_large(get_with_limit(&server.uri()).await);
}

#[tokio::test]
async fn a_chunked_body_one_byte_over_the_limit_is_refused() {
    let server = chunked_server(&json_of_len(LIMIT + 1), 300).await;
    assert_too_large(get_with_limit(&server.url).await);
}

#[tokio::test]
async fn a_body_exactly_at_the_limit_is_read_announced_or_chunked() {
    let server =
        server_replying(ResponseTemplate::new(200).set_body_string(json_of_len(LIMIT))).await;
    let announced = get_with_limit(&server.uri()).await.expect("fits");
    let server = chunked_server(&json_of_len(LIMIT), 300).await;
    let chunked = get_with_limit(&server.url).await.expect("fits");
    assert_eq!(announced.into_body(), common::thing());
    assert_eq!(chunked.into_body(), common::thing());
}

/// The generated enum of an action documenting 200 (the thing) and 202 (a queued job).
#[derive(Debug, PartialEq, Eq)]
enum PostOutcome {
    Done(Thing),
    Queued(Job),
}

#[derive(Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Job {
    job_id: String,
    job_queued: bool,
}

impl client_templates::runtime::SuccessBody for PostOutcome {
    fn decode(status: StatusCode, body: &[u8]) -> Option<Result<Self, serde_json::Error>> {
        match status.as_u16() {
            200 => Some(serde_json::from_slice(body).map(Self::Done)),
            202 => Some(serde_json::from_slice(body).map(Self::Queued)),
            _ => None,
        }
    }
}

async fn send_choice_against(status: u16, body: &'static str) -> common::ThingResult<PostOutcome> {
    let server = common::serve::Server::start(axum::Router::new().fallback(move || async move {
        common::serve::reply(status, &[("content-type", "application/json")], body)
    }))
    .await;
    let client = client(&server.url);
    let mut call = client
        .core
        .call(&common::POST_THING, &CallOptions::default());
    call.path("/things");
    call.send_choice().await
}

#[tokio::test]
async fn several_success_statuses_decode_into_their_own_variant() {
    let done = send_choice_against(200, r#"{"id":"t1","count":3}"#)
        .await
        .unwrap();
    assert_eq!(done.into_body(), PostOutcome::Done(common::thing()));
    let queued = send_choice_against(202, r#"{"jobId":"j1","jobQueued":true}"#)
        .await
        .unwrap();
    assert_eq!(queued.status(), StatusCode::ACCEPTED);
    assert_eq!(
        queued.into_body(),
        PostOutcome::Queued(Job {
            job_id: "j1".to_owned(),
            job_queued: true
        }),
        "a 202 job is not decoded as an all-empty model"
    );
    let other = send_choice_against(201, "{}")
        .await
        .expect_err("201 is not documented");
    assert!(
        matches!(
            other,
            Error::UndocumentedStatus {
                status: StatusCode::CREATED,
                ..
            }
        ),
        "{other:?}"
    );
}

async fn get_raw(body: &'static [u8]) -> client_templates::runtime::Call<'static> {
    let server = common::serve::Server::start(axum::Router::new().fallback(move || async move {
        common::serve::reply(200, &[("content-type", "application/octet-stream")], body)
    }))
    .await;
    let client = Box::leak(Box::new(client(&server.url)));
    std::mem::forget(server);
    let mut call = client.core.call(&GET_THING, &CallOptions::default());
    call.path("/files/f1");
    call
}

#[tokio::test]
async fn bytes_and_text_bodies_come_back_as_sent() {
    let binary = get_raw(b"\x00\xff\x10binary")
        .await
        .send_bytes::<ThingError>()
        .await;
    assert_eq!(&binary.unwrap().into_body()[..], b"\x00\xff\x10binary");

    let text = get_raw("héllo\nworld".as_bytes())
        .await
        .send_text::<ThingError>()
        .await;
    assert_eq!(text.unwrap().into_body(), "héllo\nworld");

    let error = get_raw(b"\xff\xfe")
        .await
        .send_text::<ThingError>()
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Decode { body, .. } if &body[..] == b"\xff\xfe"),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_204_is_a_success_for_send_empty() {
    let server = common::serve::Server::start(
        axum::Router::new().fallback(|| async { common::serve::reply(204, &[], "") }),
    )
    .await;
    let client = client(&server.url);
    let mut call = client
        .core
        .call(&common::POST_THING, &CallOptions::default());
    call.path("/things/t1");
    let response = call.send_empty::<ThingError>().await.expect("204");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn retry_after_and_headers_are_readable_on_any_http_error() {
    let server = server_replying(
        ResponseTemplate::new(429)
            .insert_header("Retry-After", "120")
            .set_body_json(serde_json::json!({"error": "slow down"})),
    )
    .await;
    // 120 s is over the default 60 s cap, so the client returns the error at once.
    let error = get_thing(&client(&server.uri()), "t1").await.unwrap_err();
    assert_eq!(
        error.retry_after(),
        Some(std::time::Duration::from_secs(120))
    );
    assert!(error.is_retryable());
    assert!(matches!(
        error.api_error(),
        Some(ThingError::TooManyRequests(_))
    ));
}

/// The default `max_response_bytes`, as documented on the builder.
const DEFAULT_BODY_LIMIT: usize = 16 * 1024 * 1024;

fn default_client(url: &str) -> common::TestClient {
    client_templates::runtime::ClientBuilder::<common::TestApi>::new()
        .token(common::TOKEN)
        .base_url(url)
        .build()
        .expect("default settings")
}

fn assert_over_default_limit(error: &Error<ThingError>) {
    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                status: StatusCode::OK,
                limit: DEFAULT_BODY_LIMIT,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn a_body_announced_over_the_default_16_mib_is_refused_without_reading_it() {
    // No body follows the head: a client that tried to read it would wait for its timeout.
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        DEFAULT_BODY_LIMIT + 1
    );
    let server = RawServer::start(Reply::Stall(head.into_bytes())).await;
    let error = get_thing(&default_client(&server.url), "t1")
        .await
        .unwrap_err();
    assert_over_default_limit(&error);
    assert_eq!(server.request_lines().len(), 1, "not retried");
}

#[tokio::test]
async fn an_endless_body_stops_being_read_at_the_default_16_mib() {
    // Chunked, no length: the client only finds out by reading, and stops at the limit.
    let server = RawServer::start(Reply::Endless {
        total: 4 * DEFAULT_BODY_LIMIT,
    })
    .await;
    let error = get_thing(&default_client(&server.url), "t1")
        .await
        .unwrap_err();
    assert_over_default_limit(&error);
    assert_eq!(server.request_lines().len(), 1, "not retried");
}
