//! Server-sent events: an action documented as a stream returns an [`EventStream`] of typed
//! [`Event`]s.

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures::stream::{BoxStream, FusedStream, Stream, StreamExt};
use http::{HeaderMap, HeaderValue, StatusCode};
use tracing::Instrument;

use super::api::Operation;
use super::attempt::Prepared;
use super::call::Call;
use super::core::{Done, Shared};
use super::error::{Error, ErrorBody, TimeoutKind};
use super::failure::{Failure, Kind};
use super::refused::Refused;
use super::send::Pending;
use super::send::{execute_in, span};
use super::sse::{Parser, RawEvent};
use super::stream::ByteStream;
use super::transport::TransportErrorKind;

/// The wait before reconnecting when the server never sent a `retry` field.
const DEFAULT_RECONNECT_WAIT: Duration = Duration::from_secs(1);

/// Implemented by the generated event enum of a streaming action: decodes one event's data
/// according to its event name (the enum keeps unknown names itself).
pub trait EventData: Sized + Send + 'static {
    /// Decodes the data of an event named `event`.
    fn decode(event: &str, data: &str) -> Result<Self, serde_json::Error>;
}

/// One server-sent event with its decoded data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event<T> {
    name: String,
    id: Option<String>,
    data: T,
}

impl<T> Event<T> {
    /// The event name (`message` when the server named none).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The last event id the server set, if any.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The decoded data.
    pub fn data(&self) -> &T {
        &self.data
    }

    /// The decoded data, dropping name and id.
    pub fn into_data(self) -> T {
        self.data
    }
}

/// A stream of server-sent events: `Result<Event<T>, Error<E>>` items, `Send` and fused.
///
/// There is no total timeout: the stream fails with [`Error::Timeout`] of kind
/// [`Idle`](TimeoutKind::Idle) when the server sends nothing (not even a comment) for the idle
/// timeout (60 s unless the client or the call sets another). A line or an event larger than
/// `max_response_bytes` fails with [`Error::BodyTooLarge`] instead of growing a buffer without
/// bound. An event whose data does not decode yields [`Error::Decode`] and the stream goes on.
///
/// **Reconnecting is off by default**: when the connection drops (or goes idle) the stream
/// yields the [`Error::Transport`] (or timeout) and ends, so that a gap in the events is never
/// silent. With `reconnect(true)` on the call, the stream instead waits for the server's
/// `retry` time (1 s if it sent none), sends the request again with `Last-Event-ID` set to the
/// last id received, and goes on; the events missed while disconnected are then the server's
/// to replay. It gives up, yielding the error, after as many reconnects without an event in
/// between as the client's `max_retries` (at least one). A server that closes the stream
/// cleanly ends it unless reconnecting is on; a reconnect answered with a 2xx that is not a
/// stream (e.g. 204 No Content) ends it too.
pub struct EventStream<T, E> {
    inner: futures::stream::Fuse<BoxStream<'static, Result<Event<T>, Error<E>>>>,
}

impl<T, E> Stream for EventStream<T, E> {
    type Item = Result<Event<T>, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.poll_next_unpin(cx)
    }
}

impl<T, E> FusedStream for EventStream<T, E> {
    fn is_terminated(&self) -> bool {
        self.inner.is_terminated()
    }
}

impl<T, E> fmt::Debug for EventStream<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream").finish_non_exhaustive()
    }
}

impl Call {
    /// Sends the request (with `Accept: text/event-stream` unless the action sets another) and
    /// returns the events as a stream; see [`EventStream`] for timeouts, limits and
    /// reconnecting. An error status is read and decoded as usual.
    pub fn send_events<T: EventData, E: ErrorBody>(self) -> Pending<EventStream<T, E>, E> {
        Box::pin(self.open_events())
    }

    async fn open_events<T: EventData, E: ErrorBody>(
        mut self,
    ) -> Result<EventStream<T, E>, Error<E>> {
        let action = self.operation();
        let shared = Arc::clone(&self.shared);
        let options = self.options();
        let reconnect = options.reconnect.unwrap_or(false);
        let idle = options.idle_timeout.unwrap_or(shared.idle_timeout);
        if !self.has_accept() {
            self.accept("text/event-stream");
        }
        let request = self
            .prepare(true)
            .map_err(|failure| failure.into_error(action))?;
        let template = if reconnect { request.try_clone() } else { None };
        let done = execute_in(&shared, request)
            .instrument(span(action))
            .await
            .map_err(|failure| failure.into_error(action))?;
        let (status, headers, body) = match done {
            Done::Streaming(status, headers, body) => (status, headers, body),
            Done::Complete(raw) => {
                return Err(Failure::new(Kind::Rejected(raw)).into_decoded_error(action));
            }
        };
        let connection = Connection {
            reconnects_left: shared.retry.max_retries.max(1),
            reconnects_allowed: shared.retry.max_retries.max(1),
            parser: Parser::new(shared.max_response_bytes, None),
            shared,
            template,
            body: body.with_idle_timeout(idle),
            status,
            headers: headers.clone(),
            idle,
            pending: VecDeque::new(),
            // 204 No Content: the server has no stream to give (and asks not to reconnect).
            finished: status == StatusCode::NO_CONTENT,
            deferred: None,
        };
        let events = raw_events(connection).map(move |event| {
            event
                .map_err(|failure| failure.into_decoded_error(action))
                .and_then(|raw| decode_event(action, status, &headers, raw))
        });
        Ok(EventStream {
            inner: events.boxed().fuse(),
        })
    }
}

fn decode_event<T: EventData, E>(
    action: Operation,
    status: StatusCode,
    headers: &HeaderMap,
    raw: RawEvent,
) -> Result<Event<T>, Error<E>> {
    match T::decode(&raw.name, &raw.data) {
        Ok(data) => Ok(Event {
            name: raw.name,
            id: raw.id,
            data,
        }),
        Err(source) => Err(Error::Decode {
            action,
            status,
            headers: Box::new(headers.clone()),
            body: Bytes::from(raw.data),
            source,
        }),
    }
}

/// One event stream's connection and parser state (not generic, so compiled once).
struct Connection {
    shared: Arc<Shared>,
    /// The request to send again on a reconnect; `None` when reconnecting is off.
    template: Option<Prepared>,
    body: ByteStream,
    parser: Parser,
    status: StatusCode,
    headers: HeaderMap,
    idle: Duration,
    pending: VecDeque<RawEvent>,
    reconnects_left: u32,
    reconnects_allowed: u32,
    finished: bool,
    /// A failure to yield once the events parsed before it are delivered.
    deferred: Option<Failure>,
}

fn raw_events(connection: Connection) -> BoxStream<'static, Result<RawEvent, Failure>> {
    futures::stream::unfold(connection, |mut connection| async move {
        let item = connection.next().await?;
        Some((item, connection))
    })
    .boxed()
}

impl Connection {
    async fn next(&mut self) -> Option<Result<RawEvent, Failure>> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                self.reconnects_left = self.reconnects_allowed;
                return Some(Ok(event));
            }
            // Events completed before a failure are delivered first, then the failure.
            if let Some(failure) = self.deferred.take() {
                return Some(Err(failure));
            }
            if self.finished {
                return None;
            }
            let failure = match self.body.next().await {
                Some(Ok(chunk)) => {
                    let mut events = Vec::new();
                    let fed = self.parser.feed(&chunk, &mut events);
                    self.pending.extend(events);
                    match fed {
                        Ok(()) => continue,
                        Err(_) => Some(Kind::TooLarge {
                            status: self.status,
                            headers: self.headers.clone(),
                            limit: self.shared.max_response_bytes,
                        }),
                    }
                }
                Some(Err(error)) if error.kind() == TransportErrorKind::Idle => {
                    Some(Kind::Timeout {
                        attempts: 1,
                        timeout: self.idle,
                        kind: TimeoutKind::Idle,
                    })
                }
                Some(Err(source)) => Some(Kind::Transport {
                    attempts: 1,
                    source,
                }),
                None => None,
            };
            // An event over the limit is not the connection's fault: reconnecting would
            // only resend it.
            let connection_lost = !matches!(failure, Some(Kind::TooLarge { .. }));
            if connection_lost && self.template.is_some() && self.reconnects_left > 0 {
                self.reconnects_left = self.reconnects_left.saturating_sub(1);
                match self.reconnect().await {
                    Ok(true) => continue,
                    Ok(false) => {
                        self.finished = true;
                        continue;
                    }
                    Err(failure) => {
                        self.finished = true;
                        self.deferred = Some(failure);
                        continue;
                    }
                }
            }
            self.finished = true;
            self.deferred = failure.map(Failure::new);
        }
    }

    /// Sends the request again with `Last-Event-ID` after the server's `retry` wait; `false`
    /// when the server answered with a 2xx that is not a stream (e.g. 204): the spec's way to
    /// say "do not reconnect", so the stream ends.
    async fn reconnect(&mut self) -> Result<bool, Failure> {
        let Some(mut request) = self.template.as_ref().and_then(Prepared::try_clone) else {
            return Err(Failure::refused(Refused::InvalidBody {
                reason: "the request body cannot be sent again to reconnect".to_owned(),
            }));
        };
        if let Some(value) = self
            .parser
            .last_id()
            .and_then(|id| HeaderValue::from_str(id).ok())
        {
            request.headers.insert("last-event-id", value);
        }
        let wait = self.parser.retry().unwrap_or(DEFAULT_RECONNECT_WAIT);
        tracing::debug!(
            wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
            "reconnecting the event stream"
        );
        tokio::time::sleep(wait).await;
        let operation = request.operation;
        let done = execute_in(&self.shared, request)
            .instrument(span(operation))
            .await?;
        match done {
            Done::Streaming(StatusCode::NO_CONTENT, ..) => Ok(false),
            Done::Streaming(status, headers, body) => {
                self.status = status;
                self.headers = headers;
                self.body = body.with_idle_timeout(self.idle);
                self.parser.reset_connection();
                Ok(true)
            }
            Done::Complete(raw) if raw.status.is_success() => Ok(false),
            Done::Complete(raw) => Err(Failure::new(Kind::Rejected(raw))),
        }
    }
}
