//! The seam between the runtime and the network: one request out, one response head and a body
//! stream back. The default implementation uses reqwest; tests, recorders and custom stacks
//! implement [`Transport`] themselves.

use std::fmt;
use std::io;

use bytes::Bytes;
use futures::StreamExt;
use futures::future::BoxFuture;
use futures::stream::BoxStream;
use http::{HeaderMap, Method, StatusCode};

use super::stream::ByteStream;

/// Sends one HTTP request and returns the response head with a stream of its body.
///
/// The runtime calls it once per attempt and per redirect hop, after the hooks ran; it handles
/// retries, redirects, timeouts and body limits itself, so an implementation should not
/// follow redirects or retry.
pub trait Transport: Send + Sync + 'static {
    /// Sends `request`. Fail with a [`TransportError`] of kind
    /// [`Connect`](TransportErrorKind::Connect) only when the request certainly never reached
    /// the server: such failures are retried even for POST.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

/// One request as it goes on the wire.
#[derive(Debug)]
pub struct HttpRequest {
    pub(crate) method: Method,
    pub(crate) url: reqwest::Url,
    pub(crate) headers: HeaderMap,
    pub(crate) body: RequestBody,
}

impl HttpRequest {
    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The absolute URL.
    pub fn url(&self) -> &str {
        self.url.as_str()
    }

    /// The headers, including `Authorization` when the action sends the token.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The headers, to add or change some (e.g. a signature).
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        &mut self.headers
    }

    /// The body.
    pub fn body(&self) -> &RequestBody {
        &self.body
    }

    /// Takes the request apart, for a transport to send it.
    pub fn into_parts(self) -> (Method, String, HeaderMap, RequestBody) {
        (self.method, self.url.into(), self.headers, self.body)
    }
}

/// The body of an [`HttpRequest`]: nothing, bytes in memory, or a stream that can be sent
/// only once (a multipart upload with a streamed file part).
pub struct RequestBody(pub(crate) BodyKind);

pub(crate) enum BodyKind {
    Empty,
    Bytes(Bytes),
    Stream(BoxStream<'static, Result<Bytes, io::Error>>),
}

impl RequestBody {
    /// The body's bytes when it is held in memory (empty for no body); `None` for a stream.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match &self.0 {
            BodyKind::Empty => Some(&[]),
            BodyKind::Bytes(bytes) => Some(bytes),
            BodyKind::Stream(_) => None,
        }
    }

    /// The body as a stream of chunks, whatever it holds.
    pub fn into_stream(self) -> BoxStream<'static, Result<Bytes, io::Error>> {
        match self.0 {
            BodyKind::Empty => futures::stream::empty().boxed(),
            BodyKind::Bytes(bytes) => futures::stream::once(async { Ok(bytes) }).boxed(),
            BodyKind::Stream(stream) => stream,
        }
    }
}

impl fmt::Debug for RequestBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            BodyKind::Empty => f.write_str("Empty"),
            BodyKind::Bytes(bytes) => write!(f, "Bytes({} bytes)", bytes.len()),
            BodyKind::Stream(_) => f.write_str("Stream"),
        }
    }
}

/// A response head and its body, not yet read.
#[derive(Debug)]
pub struct HttpResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: ByteStream,
}

impl HttpResponse {
    /// A response, as a custom transport builds it.
    pub fn new(status: StatusCode, headers: HeaderMap, body: ByteStream) -> Self {
        Self {
            status,
            headers,
            body,
        }
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }
}

/// What kind of failure a [`TransportError`] is; decides whether it is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be established: the request never reached the server.
    Connect,
    /// The connection broke or the exchange failed after the request may have been sent.
    Interrupted,
    /// A stream went silent for longer than its idle timeout.
    Idle,
}

/// A failure to reach the server or to read its response: DNS, connect, TLS, a reset or closed
/// connection, a silent stream. Keeps reqwest out of the public API.
pub struct TransportError {
    kind: TransportErrorKind,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl TransportError {
    /// A failure of a custom transport.
    pub fn new(
        kind: TransportErrorKind,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self {
            kind,
            source: source.into(),
        }
    }

    pub(crate) fn from_reqwest(error: reqwest::Error) -> Self {
        let kind = if error.is_connect() {
            TransportErrorKind::Connect
        } else {
            TransportErrorKind::Interrupted
        };
        Self::new(kind, error)
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether the connection could not be established, so the request never reached the
    /// server.
    pub fn is_connect(&self) -> bool {
        self.kind == TransportErrorKind::Connect
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError")
            .field("kind", &self.kind)
            .field("source", &self.source)
            .finish()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.source, f)
    }
}

impl std::error::Error for TransportError {
    // Transparent: the wrapped error's message is our Display, so its cause comes next.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.source()
    }
}

/// The default transport: a reqwest client whose redirect policy is `none` (the runtime
/// follows redirects itself, see [`ClientBuilder`](super::ClientBuilder)).
pub(crate) struct ReqwestTransport(pub(crate) reqwest::Client);

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let HttpRequest {
            method,
            url,
            headers,
            body,
        } = request;
        let mut builder = self.0.request(method, url).headers(headers);
        builder = match body.0 {
            BodyKind::Empty => builder,
            // `Bytes` clones share the buffer, so a retry does not copy the body.
            BodyKind::Bytes(bytes) => builder.body(bytes),
            BodyKind::Stream(stream) => builder.body(reqwest::Body::wrap_stream(stream)),
        };
        Box::pin(async move {
            let mut response = builder.send().await.map_err(TransportError::from_reqwest)?;
            let status = response.status();
            let headers = std::mem::take(response.headers_mut());
            let announced = response.content_length();
            let body = response
                .bytes_stream()
                .map(|chunk| chunk.map_err(TransportError::from_reqwest));
            Ok(HttpResponse::new(
                status,
                headers,
                ByteStream::with_length(body, announced),
            ))
        })
    }
}
