//! The HTTP server: a hyper HTTP/1 server on 127.0.0.1 running on the test's own tokio
//! runtime (so a paused clock applies to its delays), stopped when its handle is dropped.

use std::io;
use std::net::Ipv4Addr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures::stream::{self, StreamExt};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, Limited, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

use super::action::MockAction;
use super::answer::Answer;
use super::expect::Expect;
use super::reply::{ReplyBody, sse_event};
use super::report::MockReport;
use super::request::Received;
use super::spec::{ActionSpec, ApiSpec};
use super::state::Shared;

/// The largest request body the mock reads (a larger one is refused with 413).
const MAX_BODY: usize = 64 << 20;

type Body = UnsyncBoxBody<Bytes, io::Error>;

/// A running mock server of one API: the untyped core under each API's `mock::MockServer`.
///
/// Dropping it stops the server and verifies it: when there are problems (see
/// [`MockReport`]) and the thread is not already panicking, the drop panics with the report.
#[derive(Debug)]
pub struct Server {
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl Server {
    /// Starts a server of `api` that answers for `actions`, on a free port of 127.0.0.1.
    ///
    /// # Errors
    ///
    /// When called outside a tokio runtime, or when no port can be bound.
    pub async fn try_start(
        api: &'static ApiSpec,
        actions: Vec<&'static ActionSpec>,
    ) -> io::Result<Self> {
        tokio::runtime::Handle::try_current().map_err(io::Error::other)?;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let address = listener.local_addr()?;
        let shared = Shared::new(api, actions, format!("http://{address}"));
        let task = tokio::spawn(accept(listener, Arc::clone(&shared)));
        Ok(Self { shared, task })
    }

    /// [`try_start`](Self::try_start), for tests.
    ///
    /// # Panics
    ///
    /// When the server cannot start (outside a tokio runtime, or no port to bind): a test
    /// cannot go on without it.
    #[expect(
        clippy::panic,
        reason = "test support: the fixed `MockServer::start().await` API returns the server itself"
    )]
    pub async fn start(api: &'static ApiSpec, actions: Vec<&'static ActionSpec>) -> Self {
        match Self::try_start(api, actions).await {
            Ok(server) => server,
            Err(error) => panic!("the mock server of {} cannot start: {error}", api.name),
        }
    }

    /// The server's URL, `http://127.0.0.1:<port>`, for the client builder's `base_url`.
    pub fn base_url(&self) -> &str {
        &self.shared.base_url
    }

    /// A new expectation of action `A`.
    pub fn expect<A: MockAction>(&self) -> Expect<A> {
        Expect::new(Arc::clone(&self.shared))
    }

    /// Every problem so far, or `Ok` when there is none.
    ///
    /// # Errors
    ///
    /// The report, when a request was refused or unmatched, an expectation could not be set up
    /// or did not get the requests it wanted.
    pub fn verify(&self) -> Result<(), MockReport> {
        let report = self.shared.report();
        if report.is_empty() {
            Ok(())
        } else {
            Err(report)
        }
    }

    /// Forgets every expectation and every problem seen so far.
    pub fn reset(&self) {
        self.shared.reset();
    }
}

impl Drop for Server {
    #[expect(
        clippy::panic,
        reason = "a mock verifies on drop by panicking, as test doubles do (wiremock, mockall)"
    )]
    fn drop(&mut self) {
        self.task.abort();
        if std::thread::panicking() {
            return;
        }
        if let Err(report) = self.verify() {
            panic!("{report}");
        }
    }
}

/// Accepts connections until the server is dropped (aborting this task drops the set, which
/// aborts every connection).
async fn accept(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, say: wait a little rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        while connections.try_join_next().is_some() {}
        let shared = Arc::clone(&shared);
        connections.spawn(async move {
            let service = service_fn(move |request| handle(Arc::clone(&shared), request));
            // A connection that fails (the client hung up, a dropped stream) ends alone.
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Reads the request, answers it, and waits the expectation's delay.
async fn handle(
    shared: Arc<Shared>,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<Body>, io::Error> {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) => {
            let text = format!("the mock could not read the request body: {error}");
            return Ok(text_response(413, text));
        }
    };
    let received = Received::new(parts.method, &parts.uri, parts.headers, body);
    let Answer { reply, delay } = shared.answer(&received);
    if let Some(delay) = delay {
        tokio::time::sleep(delay).await;
    }
    let body = match reply.body {
        ReplyBody::Bytes(bytes) => full(bytes),
        ReplyBody::Events {
            events,
            interval,
            then_drop,
        } => event_body(events, interval, then_drop),
        ReplyBody::Disconnect => {
            return Err(io::Error::other("the expectation drops the connection"));
        }
    };
    let mut response = hyper::Response::new(body);
    *response.status_mut() =
        http::StatusCode::from_u16(reply.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in reply.headers {
        response.headers_mut().append(name, value);
    }
    Ok(response)
}

fn full(bytes: Bytes) -> Body {
    Full::new(bytes)
        .map_err(|never| match never {})
        .boxed_unsync()
}

fn text_response(status: u16, text: String) -> hyper::Response<Body> {
    let mut response = hyper::Response::new(full(Bytes::from(text)));
    *response.status_mut() =
        http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::BAD_REQUEST);
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// The events, `interval` apart, then a clean end or an error that makes hyper drop the
/// connection mid-body.
fn event_body(events: Vec<(String, String)>, interval: Option<Duration>, then_drop: bool) -> Body {
    let frames = stream::iter(events).then(move |(name, data)| async move {
        if let Some(interval) = interval {
            tokio::time::sleep(interval).await;
        }
        Ok(Frame::data(sse_event(&name, &data)))
    });
    // The body returns `Pending` once before failing: hyper then flushes what it has
    // buffered (the head and the events), so the client gets them before the connection drops.
    let end = stream::iter(then_drop.then_some(())).then(|()| async {
        tokio::task::yield_now().await;
        Err(io::Error::other("the mock drops the stream"))
    });
    StreamBody::new(frames.chain(end)).boxed_unsync()
}
