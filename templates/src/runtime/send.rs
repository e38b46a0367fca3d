//! Sending an assembled call, one method per kind of success body.

use std::future::Future;
use std::pin::Pin;

use bytes::Bytes;
use serde::de::DeserializeOwned;
use tokio::time::Instant;
use tracing::Instrument;

use super::api::Operation;
use super::attempt::Prepared;
use super::call::Call;
use super::core::{Done, Shared};
use super::error::{Error, ErrorBody};
use super::failure::Failure;
use super::response::{Response, Success, SuccessBody, decode, decode_error};
use super::stream::ByteStream;

/// A call on its way: the future every `send` returns, boxed so that generated code needs no
/// future type of its own (proving a future `Send` once here, generically, instead of once per
/// action, keeps the generated crate cheap to compile; the allocation is nothing next to a
/// round trip).
pub type Pending<T, E> = Pin<Box<dyn Future<Output = Result<T, Error<E>>> + Send + 'static>>;

impl Call {
    /// Sends the request and decodes a success body as JSON into `T`.
    pub fn send_json<T, E>(self) -> Pending<Response<T>, E>
    where
        T: DeserializeOwned + Send + 'static,
        E: ErrorBody,
    {
        self.send_buffered(|_, body| Some(serde_json::from_slice(body)))
    }

    /// Sends the request and ignores the body of a success (for actions that document none).
    pub fn send_empty<E: ErrorBody>(self) -> Pending<Response<()>, E> {
        self.send_buffered(|_, _| Some(Ok(())))
    }

    /// Sends the request and returns a success body as bytes (within `max_response_bytes`).
    pub fn send_bytes<E: ErrorBody>(self) -> Pending<Response<Bytes>, E> {
        self.send_buffered(|_, body| Some(Ok(body.clone())))
    }

    /// Sends the request and returns a success body as text; a body that is not UTF-8 is an
    /// [`Error::Decode`].
    pub fn send_text<E: ErrorBody>(self) -> Pending<Response<String>, E> {
        self.send_buffered(|_, body| {
            Some(String::from_utf8(body.to_vec()).map_err(|error| decode_error(&error)))
        })
    }

    /// Sends the request and decodes a success with the action's [`SuccessBody`], which lists
    /// the documented success statuses; another 2xx is an [`Error::UndocumentedStatus`].
    pub fn send_choice<R: SuccessBody, E: ErrorBody>(self) -> Pending<Response<R>, E> {
        self.send_buffered(|status, body| R::decode(status, body))
    }

    /// Sends the request and returns a success body as a [`ByteStream`]: no total size limit
    /// and no total timeout, but the stream fails when no data arrives within the idle
    /// timeout. An error status is read and decoded as usual.
    pub fn send_streaming<E: ErrorBody>(self) -> Pending<Response<ByteStream>, E> {
        let idle = self
            .options()
            .idle_timeout
            .unwrap_or(self.shared.idle_timeout);
        let action = self.operation();
        Box::pin(async move {
            match run(self, true).await {
                Ok(Done::Streaming(status, headers, body)) => {
                    Ok(Response::new(status, headers, body.with_idle_timeout(idle)))
                }
                Ok(Done::Complete(raw)) => decode(action, raw, |_, _| None).map_err(|error| *error),
                Err(failure) => Err(failure.into_error(action)),
            }
        })
    }

    fn send_buffered<T: Send + 'static, E: ErrorBody>(
        self,
        success: Success<T>,
    ) -> Pending<Response<T>, E> {
        Box::pin(self.buffered(success))
    }

    async fn buffered<T: Send + 'static, E: ErrorBody>(
        self,
        success: Success<T>,
    ) -> Result<Response<T>, Error<E>> {
        let action = self.operation();
        match run(self, false).await {
            Ok(Done::Complete(raw)) => decode(action, raw, success).map_err(|error| *error),
            // `run(_, false)` reads every body; a streamed one cannot come back.
            Ok(Done::Streaming(status, headers, _)) => Err(Error::UndocumentedStatus {
                action,
                status,
                headers: Box::new(headers),
                body: Bytes::new(),
            }),
            Err(failure) => Err(failure.into_error(action)),
        }
    }
}

/// Prepares and sends a call inside its tracing span (non-generic, so it is compiled once
/// rather than per action).
pub(crate) async fn run(call: Call, streaming: bool) -> Result<Done, Failure> {
    let shared = std::sync::Arc::clone(&call.shared);
    let span = span(call.operation());
    let request = call.prepare(streaming)?;
    execute_in(&shared, request).instrument(span).await
}

/// Executes a prepared request and records the span's result fields once.
pub(crate) async fn execute_in(shared: &Shared, request: Prepared) -> Result<Done, Failure> {
    let started = Instant::now();
    let (result, attempts) = shared.execute(request).await;
    let span = tracing::Span::current();
    span.record("attempts", attempts);
    if let Some(status) = result
        .as_ref()
        .ok()
        .map(Done::status)
        .or_else(|| result.as_ref().err().and_then(Failure::status))
    {
        span.record("status", status.as_u16());
    }
    span.record(
        "duration_ms",
        u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
    );
    result
}

/// One span per call; fields that are known only at the end are recorded once, then.
pub(crate) fn span(operation: Operation) -> tracing::Span {
    tracing::info_span!(
        "request",
        api = operation.api(),
        resource = operation.resource(),
        action = operation.action(),
        route = operation.route(),
        method = %operation.method(),
        attempts = tracing::field::Empty,
        status = tracing::field::Empty,
        duration_ms = tracing::field::Empty,
    )
}
