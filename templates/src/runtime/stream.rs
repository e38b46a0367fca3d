//! A response body as a stream of chunks, with an optional idle timeout.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures::stream::{BoxStream, FusedStream, Stream, StreamExt};

use super::transport::{TransportError, TransportErrorKind};

/// A response body as a stream of chunks: what a [`Transport`](super::Transport) returns, and
/// what a download action (`send_streaming`) hands to the caller.
///
/// A download has no total size limit and no total timeout; instead, the stream fails with a
/// [`TransportError`] of kind [`Idle`](TransportErrorKind::Idle) when no chunk arrives within
/// the idle timeout. The stream is fused: after its end or an error it yields `None`.
pub struct ByteStream {
    inner: futures::stream::Fuse<BoxStream<'static, Result<Bytes, TransportError>>>,
    length: Option<u64>,
}

impl ByteStream {
    /// A body from any stream of chunks, for a custom transport.
    pub fn new(stream: impl Stream<Item = Result<Bytes, TransportError>> + Send + 'static) -> Self {
        Self::with_length(stream, None)
    }

    /// A body whose `Content-Length` is known, so that an oversized body is refused before it
    /// is read.
    pub fn with_length(
        stream: impl Stream<Item = Result<Bytes, TransportError>> + Send + 'static,
        length: Option<u64>,
    ) -> Self {
        Self {
            inner: stream.boxed().fuse(),
            length,
        }
    }

    /// A body held in memory.
    pub fn from_bytes(bytes: impl Into<Bytes>) -> Self {
        let bytes = bytes.into();
        let length = u64::try_from(bytes.len()).ok();
        Self::with_length(futures::stream::once(async { Ok(bytes) }), length)
    }

    /// The length the response announced, when it did.
    pub fn announced_length(&self) -> Option<u64> {
        self.length
    }

    /// Ends the stream with an [`Idle`](TransportErrorKind::Idle) error when no chunk arrives
    /// within `idle`.
    pub(crate) fn with_idle_timeout(self, idle: Duration) -> Self {
        let length = self.length;
        let stream = futures::stream::unfold(Some(self.inner), move |state| async move {
            let mut inner = state?;
            match tokio::time::timeout(idle, inner.next()).await {
                Ok(Some(Ok(chunk))) => Some((Ok(chunk), Some(inner))),
                Ok(Some(Err(error))) => Some((Err(error), None)),
                Ok(None) => None,
                Err(_) => Some((Err(idle_error(idle)), None)),
            }
        });
        Self::with_length(stream, length)
    }
}

fn idle_error(idle: Duration) -> TransportError {
    TransportError::new(
        TransportErrorKind::Idle,
        format!("no data arrived for {idle:?} (the stream's idle timeout)"),
    )
}

impl Stream for ByteStream {
    type Item = Result<Bytes, TransportError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.poll_next_unpin(cx)
    }
}

impl FusedStream for ByteStream {
    fn is_terminated(&self) -> bool {
        self.inner.is_terminated()
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("announced_length", &self.length)
            .finish_non_exhaustive()
    }
}
