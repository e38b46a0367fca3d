//! In-process HTTP servers on 127.0.0.1 built with axum: they run on the test's own runtime, so
//! tests with a paused clock stay deterministic (a server on another thread would race the
//! clock's auto-advance).

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::Response;
use tokio::net::TcpListener;

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub uri: String,
    pub headers: http::HeaderMap,
    pub body: Bytes,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

/// A running server and the requests it received.
pub struct Server {
    pub url: String,
    pub port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    /// Serves `router` on a free port of 127.0.0.1, recording every request.
    pub async fn start(router: Router) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("address").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let recorder = Arc::clone(&seen);
        let router = router.layer(middleware::from_fn(move |request: Request, next: Next| {
            let recorder = Arc::clone(&recorder);
            async move {
                let (parts, body) = request.into_parts();
                let body = axum::body::to_bytes(body, 1 << 20).await.expect("body");
                recorder.lock().expect("lock").push(Seen {
                    method: parts.method.to_string(),
                    uri: parts.uri.to_string(),
                    headers: parts.headers.clone(),
                    body: body.clone(),
                });
                next.run(Request::from_parts(parts, body.into())).await
            }
        }));
        let task = tokio::spawn(async move {
            axum::serve(listener, router).await.expect("serve");
        });
        Self {
            url: format!("http://127.0.0.1:{port}"),
            port,
            seen,
            task,
        }
    }

    /// The requests received so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("lock").clone()
    }

    pub fn count(&self) -> usize {
        self.seen.lock().expect("lock").len()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A response with `status`, `headers` and `body`.
pub fn reply(status: u16, headers: &[(&str, &str)], body: impl Into<Bytes>) -> Response {
    let mut builder = Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.into().into()).expect("response")
}

/// A JSON response.
pub fn json(status: u16, value: &serde_json::Value) -> Response {
    reply(
        status,
        &[("content-type", "application/json")],
        value.to_string(),
    )
}

/// A handler that answers with `replies` in order, then repeats the last one.
pub fn in_order(
    replies: Vec<fn() -> Response>,
) -> impl Fn() -> std::future::Ready<Response> + Clone + Send + Sync + 'static {
    let next = Arc::new(Mutex::new(0usize));
    move || {
        let mut index = next.lock().expect("lock");
        let reply = replies[(*index).min(replies.len() - 1)];
        *index += 1;
        std::future::ready(reply())
    }
}
