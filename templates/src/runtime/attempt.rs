//! One attempt at a request: send it, read the whole body within the size and time limits.

use std::time::Duration;

use bytes::{Bytes, BytesMut};
use http::{HeaderMap, Method, StatusCode};

use super::retry::Fault;

/// A request ready to be sent, possibly several times.
#[derive(Debug)]
pub(crate) struct Prepared {
    pub(crate) method: Method,
    pub(crate) url: reqwest::Url,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<Bytes>,
    /// Covers the whole attempt: connecting, sending, the response head and the body.
    pub(crate) timeout: Duration,
}

/// A complete response, whatever its status.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

/// How one attempt ended.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// A complete response arrived.
    Response(RawResponse),
    /// The body announced or turned out to be larger than the limit.
    TooLarge(StatusCode),
    /// The attempt's timeout elapsed.
    TimedOut,
    /// The connection could not be made or broke.
    Failed(reqwest::Error),
}

impl Outcome {
    /// The response status, when a response arrived.
    pub(crate) fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Response(response) => Some(response.status),
            Self::TooLarge(status) => Some(*status),
            Self::TimedOut | Self::Failed(_) => None,
        }
    }

    /// What the retry policy needs to know about this outcome; `None` when retrying cannot
    /// help (a body over the limit comes back just as big; a redirect loop loops again).
    pub(crate) fn fault(&self) -> Option<Fault<'_>> {
        match self {
            Self::Response(response) => Some(Fault::Status(response.status, &response.headers)),
            Self::TooLarge(_) => None,
            Self::Failed(error) if error.is_redirect() => None,
            Self::TimedOut => Some(Fault::TimedOut),
            Self::Failed(error) if error.is_connect() => Some(Fault::NeverReached),
            Self::Failed(_) => Some(Fault::Interrupted),
        }
    }
}

/// Sends `request` once and reads its body, all within `request.timeout`.
pub(crate) async fn attempt(http: &reqwest::Client, request: &Prepared, limit: usize) -> Outcome {
    let mut builder = http
        .request(request.method.clone(), request.url.clone())
        .headers(request.headers.clone());
    if let Some(body) = &request.body {
        // `Bytes` clones share the buffer, so a retry does not copy the body.
        builder = builder.body(body.clone());
    }
    let exchange = async {
        let response = match builder.send().await {
            Ok(response) => response,
            Err(error) => return Outcome::Failed(error),
        };
        read(response, &request.method, limit).await
    };
    tokio::time::timeout(request.timeout, exchange)
        .await
        .unwrap_or(Outcome::TimedOut)
}

/// Reads the body in chunks, stopping as soon as it exceeds `limit` so that a huge or endless
/// body cannot exhaust memory.
async fn read(mut response: reqwest::Response, method: &Method, limit: usize) -> Outcome {
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    let limit_u64 = u64::try_from(limit).unwrap_or(u64::MAX);
    // A HEAD response announces the length of the body a GET would get, not one it carries.
    let announced = response
        .content_length()
        .filter(|_| *method != Method::HEAD);
    if announced.is_some_and(|length| length > limit_u64) {
        return Outcome::TooLarge(status);
    }
    let capacity = announced.map_or(0, |length| usize::try_from(length).unwrap_or(limit));
    let mut body = BytesMut::with_capacity(capacity.min(limit));
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if chunk.len() > limit.saturating_sub(body.len()) {
                    return Outcome::TooLarge(status);
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(error) => return Outcome::Failed(error),
        }
    }
    Outcome::Response(RawResponse {
        status,
        headers,
        body: body.freeze(),
    })
}
