//! Sending an assembled call, one method per kind of success body.

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

impl Call {
    /// Sends the request and decodes a success body as JSON into `T`.
    pub async fn send_json<T, E>(self) -> Result<Response<T>, Error<E>>
    where
        T: DeserializeOwned + Send + 'static,
        E: ErrorBody,
    {
        self.send_buffered(|_, body| Some(serde_json::from_slice(body)))
            .await
    }

    /// Sends the request and ignores the body of a success (for actions that document none).
    pub async fn send_empty<E: ErrorBody>(self) -> Result<Response<()>, Error<E>> {
        self.send_buffered(|_, _| Some(Ok(()))).await
    }

    /// Sends the request and returns a success body as bytes (within `max_response_bytes`).
    pub async fn send_bytes<E: ErrorBody>(self) -> Result<Response<Bytes>, Error<E>> {
        self.send_buffered(|_, body| Some(Ok(body.clone()))).await
    }

    /// Sends the request and returns a success body as text; a body that is not UTF-8 is an
    /// [`Error::Decode`].
    pub async fn send_text<E: ErrorBody>(self) -> Result<Response<String>, Error<E>> {
        self.send_buffered(|_, body| {
            Some(String::from_utf8(body.to_vec()).map_err(|error| decode_error(&error)))
        })
        .await
    }

    /// Sends the request and decodes a success with the action's [`SuccessBody`], which lists
    /// the documented success statuses; another 2xx is an [`Error::UndocumentedStatus`].
    pub async fn send_choice<R: SuccessBody, E: ErrorBody>(self) -> Result<Response<R>, Error<E>> {
        self.send_buffered(|status, body| R::decode(status, body))
            .await
    }

    /// Sends the request and returns a success body as a [`ByteStream`]: no total size limit
    /// and no total timeout, but the stream fails when no data arrives within the idle
    /// timeout. An error status is read and decoded as usual.
    pub async fn send_streaming<E: ErrorBody>(self) -> Result<Response<ByteStream>, Error<E>> {
        let idle = self
            .options()
            .idle_timeout
            .unwrap_or(self.shared.idle_timeout);
        let action = self.operation();
        match run(self, true).await {
            Ok(Done::Streaming(status, headers, body)) => {
                Ok(Response::new(status, headers, body.with_idle_timeout(idle)))
            }
            Ok(Done::Complete(raw)) => decode(action, raw, |_, _| None).map_err(|error| *error),
            Err(failure) => Err(failure.into_error(action)),
        }
    }

    async fn send_buffered<T: Send + 'static, E: ErrorBody>(
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
