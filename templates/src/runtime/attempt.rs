//! One attempt at a request: run the hooks, send it through the transport, follow redirects,
//! and read the whole body within the size limit (or hand a streamed body back).

use std::io;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures::StreamExt;
use futures::stream::BoxStream;
use http::{HeaderMap, Method, StatusCode};

use super::api::Operation;
use super::core::Shared;
use super::error::TimeoutKind;
use super::hooks::TokenError;
use super::redirect::{RedirectError, is_redirect, next_hop};
use super::refused::Refused;
use super::response::RawResponse;
use super::retry::Fault;
use super::stream::ByteStream;
use super::transport::{BodyKind, HttpRequest, HttpResponse, RequestBody, TransportError};

/// A request ready to be sent, possibly several times.
#[derive(Debug)]
pub(crate) struct Prepared {
    pub(crate) operation: Operation,
    pub(crate) method: Method,
    pub(crate) url: reqwest::Url,
    /// Every header but `Authorization`, which is added per attempt.
    pub(crate) headers: HeaderMap,
    pub(crate) body: Replay,
    /// Whether each attempt carries the token.
    pub(crate) auth: bool,
    /// Whether repeating the request is safe even if the server acted on it.
    pub(crate) idempotent: bool,
    /// Covers one attempt: connecting, sending, redirects, the response head and the body.
    pub(crate) timeout: Duration,
    /// Covers the whole call.
    pub(crate) operation_timeout: Option<Duration>,
    /// Whether a 2xx body is handed back as a stream rather than read.
    pub(crate) streaming: bool,
}

impl Prepared {
    /// A copy for a new exchange (an event stream reconnecting); `None` when the body is a
    /// stream that was already sent.
    pub(crate) fn try_clone(&self) -> Option<Self> {
        let body = match &self.body {
            Replay::Empty => Replay::Empty,
            Replay::Bytes(bytes) => Replay::Bytes(bytes.clone()),
            Replay::Once(_) => return None,
        };
        Some(Self {
            operation: self.operation,
            method: self.method.clone(),
            url: self.url.clone(),
            headers: self.headers.clone(),
            body,
            auth: self.auth,
            idempotent: self.idempotent,
            timeout: self.timeout,
            operation_timeout: self.operation_timeout,
            streaming: self.streaming,
        })
    }
}

/// A request body that can be sent again, or only once.
pub(crate) enum Replay {
    Empty,
    Bytes(Bytes),
    /// A stream, taken by the first attempt. In a `Mutex` only so that `&Prepared` is `Sync`
    /// (and the futures holding it `Send`); it is only ever reached through `&mut`.
    Once(Mutex<Option<BoxStream<'static, Result<Bytes, io::Error>>>>),
}

impl std::fmt::Debug for Replay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Empty => f.write_str("Empty"),
            Self::Bytes(bytes) => write!(f, "Bytes({} bytes)", bytes.len()),
            Self::Once(_) => f.write_str("Once"),
        }
    }
}

impl Replay {
    /// The body for the next attempt; `None` when it was a stream and is gone.
    pub(crate) fn for_attempt(&mut self) -> Option<RequestBody> {
        let kind = match self {
            Self::Empty => BodyKind::Empty,
            Self::Bytes(bytes) => BodyKind::Bytes(bytes.clone()),
            Self::Once(stream) => {
                let stream = stream.get_mut().unwrap_or_else(PoisonError::into_inner);
                BodyKind::Stream(stream.take()?)
            }
        };
        Some(RequestBody(kind))
    }

    /// Whether another attempt can send the body.
    pub(crate) fn replayable(&self) -> bool {
        !matches!(self, Self::Once(_))
    }
}

impl RequestBody {
    /// A copy for a redirect that resends the body; `None` for a stream.
    fn try_clone(&self) -> Option<Self> {
        match &self.0 {
            BodyKind::Empty => Some(Self(BodyKind::Empty)),
            BodyKind::Bytes(bytes) => Some(Self(BodyKind::Bytes(bytes.clone()))),
            BodyKind::Stream(_) => None,
        }
    }
}

/// How one attempt ended.
pub(crate) enum Outcome {
    /// A complete response arrived.
    Complete(RawResponse),
    /// A 2xx head arrived, its body to be streamed.
    Streaming(StatusCode, HeaderMap, ByteStream),
    /// The body announced or turned out to be larger than the limit.
    TooLarge(StatusCode, HeaderMap),
    /// The connection could not be made or broke.
    Failed(TransportError),
    /// A redirect that is not followed.
    Redirect(StatusCode, HeaderMap, RedirectError),
    /// The request cannot be sent (a token that is not a valid header value).
    Refused(Refused),
    /// The token provider failed.
    Token(TokenError),
    /// The attempt's time ran out.
    TimedOut(TimeoutKind),
}

impl Outcome {
    /// The response status, when a response arrived.
    pub(crate) fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Complete(response) => Some(response.status),
            Self::Streaming(status, _, _)
            | Self::TooLarge(status, _)
            | Self::Redirect(status, _, _) => Some(*status),
            Self::Failed(_) | Self::Refused(_) | Self::Token(_) | Self::TimedOut(_) => None,
        }
    }

    pub(crate) fn timed_out(&self) -> bool {
        matches!(self, Self::TimedOut(_))
    }

    /// What the retry policy needs to know about this outcome; `None` when retrying cannot
    /// help (a body over the limit comes back just as big; a redirect loop loops again; the
    /// operation timeout is spent).
    pub(crate) fn fault(&self) -> Option<Fault<'_>> {
        match self {
            Self::Complete(response) => Some(Fault::Status(response.status, &response.headers)),
            Self::TimedOut(TimeoutKind::Attempt) => Some(Fault::TimedOut),
            Self::Failed(error) if error.is_connect() => Some(Fault::NeverReached),
            Self::Failed(_) => Some(Fault::Interrupted),
            Self::Streaming(..)
            | Self::TooLarge(..)
            | Self::Redirect(..)
            | Self::Refused(_)
            | Self::Token(_)
            | Self::TimedOut(_) => None,
        }
    }
}

impl Shared {
    /// Sends `request` once, following redirects, and reads its body (unless it is a streamed
    /// 2xx body).
    pub(crate) async fn attempt(
        &self,
        request: &Prepared,
        mut body: RequestBody,
        token: Option<&str>,
    ) -> Outcome {
        let mut method = request.method.clone();
        let mut url = request.url.clone();
        let mut headers = request.headers.clone();
        if let Err(refused) = Self::authorize(&mut headers, token) {
            return Outcome::Refused(refused);
        }
        let mut hops = 0usize;
        loop {
            let resend = body.try_clone();
            let mut outgoing = HttpRequest {
                method: method.clone(),
                url: url.clone(),
                headers: headers.clone(),
                body,
            };
            for hook in &self.hooks {
                hook.on_request(request.operation, &mut outgoing);
            }
            let response = match self.transport.send(outgoing).await {
                Ok(response) => response,
                Err(error) => return Outcome::Failed(error),
            };
            for hook in &self.hooks {
                hook.on_response(request.operation, &response);
            }
            let status = response.status;
            if !is_redirect(status) {
                if request.streaming && status.is_success() {
                    return Outcome::Streaming(status, response.headers, response.body);
                }
                return read(response, &method, self.max_response_bytes).await;
            }
            if hops >= self.max_redirects {
                let reason = RedirectError::TooMany {
                    limit: self.max_redirects,
                };
                return Outcome::Redirect(status, response.headers, reason);
            }
            let hop = match next_hop(&method, &url, headers, status, &response.headers) {
                Ok(hop) => hop,
                Err(reason) => return Outcome::Redirect(status, response.headers, reason),
            };
            body = if hop.keeps_body {
                match resend {
                    Some(body) => body,
                    None => {
                        let reason = RedirectError::BodyNotReplayable;
                        return Outcome::Redirect(status, response.headers, reason);
                    }
                }
            } else {
                RequestBody(BodyKind::Empty)
            };
            tracing::debug!(status = status.as_u16(), to = %hop.url, "following a redirect");
            method = hop.method;
            url = hop.url;
            headers = hop.headers;
            hops = hops.saturating_add(1);
        }
    }
}

/// Reads the body in chunks, stopping as soon as it exceeds `limit` so that a huge or endless
/// body cannot exhaust memory.
pub(crate) async fn read(response: HttpResponse, method: &Method, limit: usize) -> Outcome {
    let HttpResponse {
        status,
        headers,
        mut body,
    } = response;
    let limit_u64 = u64::try_from(limit).unwrap_or(u64::MAX);
    // A HEAD response announces the length of the body a GET would get, not one it carries.
    let announced = body.announced_length().filter(|_| *method != Method::HEAD);
    if announced.is_some_and(|length| length > limit_u64) {
        return Outcome::TooLarge(status, headers);
    }
    let capacity = announced.map_or(0, |length| usize::try_from(length).unwrap_or(limit));
    let mut buffer = BytesMut::with_capacity(capacity.min(limit));
    while let Some(chunk) = body.next().await {
        match chunk {
            Ok(chunk) if chunk.len() > limit.saturating_sub(buffer.len()) => {
                return Outcome::TooLarge(status, headers);
            }
            Ok(chunk) => buffer.extend_from_slice(&chunk),
            Err(error) => return Outcome::Failed(error),
        }
    }
    Outcome::Complete(RawResponse {
        status,
        headers,
        body: buffer.freeze(),
    })
}
