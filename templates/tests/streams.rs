//! Downloads as byte streams: chunks arrive as the server sends them, with no total limit, and
//! a silent server ends the stream after the idle timeout (measured on tokio's paused clock).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

mod common;

use std::time::Duration;

use client_templates::runtime::{CallOptions, Error, StatusCode, TransportErrorKind};
use common::raw::{RawServer, Reply};
use common::{GET_THING, ThingError};
use futures::StreamExt;
use tokio::time::Instant;

async fn download(
    url: &str,
    options: &CallOptions,
) -> common::ThingResult<client_templates::runtime::ByteStream> {
    let client = common::builder(url).max_response_bytes(16).build().unwrap();
    let mut call = client.core.call(&GET_THING, options);
    call.path("/files/f1");
    call.send_streaming::<ThingError>().await
}

#[tokio::test(start_paused = true)]
async fn a_download_has_no_size_limit_and_fails_when_idle() {
    // 20 bytes (over the 16-byte limit of buffered bodies), then silence.
    let server = RawServer::start(Reply::Stall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n14\r\n01234567890123456789\r\n".to_vec(),
    ))
    .await;
    let mut options = CallOptions::default();
    options.set_idle_timeout(Duration::from_secs(5));

    let response = download(&server.url, &options).await.expect("head arrives");
    assert_eq!(response.status(), StatusCode::OK);
    let mut body = response.into_body();
    let first = body.next().await.unwrap().unwrap();
    assert_eq!(&first[..], b"01234567890123456789");
    let started = Instant::now();
    let error = body.next().await.unwrap().unwrap_err();
    assert_eq!(error.kind(), TransportErrorKind::Idle);
    assert_eq!(started.elapsed(), Duration::from_secs(5));
    assert!(body.next().await.is_none(), "fused after the error");
}

#[tokio::test]
async fn an_error_status_of_a_download_is_read_and_decoded() {
    let server = RawServer::start(Reply::Full(
        b"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 16\r\nConnection: close\r\n\r\n{\"error\":\"nope\"}".to_vec(),
    ))
    .await;
    let error = download(&server.url, &CallOptions::default())
        .await
        .unwrap_err();
    assert!(
        matches!(error.api_error(), Some(ThingError::BadRequest(m)) if m.error == "nope"),
        "{error:?}"
    );
    let _: &Error<ThingError> = &error;
}
