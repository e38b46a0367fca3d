//! In-process HTTP servers on 127.0.0.1, built with axum. They run on the test's own runtime,
//! so tests on tokio's paused clock stay deterministic (a server on another thread would race
//! the clock's auto-advance), and they record every request as the server parsed it.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, Request};
use axum::http::{HeaderMap, Method, Uri};
use axum::middleware::{self, Next};
use axum::response::Response;
use serde_json::Value;
use tokio::net::TcpListener;

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: Method,
    pub uri: Uri,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Seen {
    pub fn path(&self) -> &str {
        self.uri.path()
    }

    /// The query string exactly as sent (still percent-encoded).
    pub fn raw_query(&self) -> Option<&str> {
        self.uri.query()
    }

    /// The query pairs in order, decoded by the server's own query parser.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        Query::<Vec<(String, String)>>::try_from_uri(&self.uri)
            .expect("the server parses the query")
            .0
    }

    /// The value of the one query pair named `name`; fails when it is missing or repeated.
    pub fn query_value(&self, name: &str) -> String {
        let values: Vec<String> = self
            .query_pairs()
            .into_iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value)
            .collect();
        assert_eq!(values.len(), 1, "query {name} once in {:?}", self.uri);
        values.into_iter().next().unwrap_or_default()
    }

    /// The single value of header `name`, if present; fails when it is repeated.
    pub fn header(&self, name: &str) -> Option<&str> {
        let values: Vec<_> = self.headers.get_all(name).iter().collect();
        assert!(values.len() <= 1, "header {name} repeated: {values:?}");
        values
            .first()
            .map(|value| value.to_str().expect("ASCII header"))
    }

    /// The body parsed as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "body is not JSON ({error}): {:?}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

/// What a [`Server::replying`] server answers with; [`Server::set_reply`] changes it.
#[derive(Debug, Clone)]
struct Canned {
    status: u16,
    content_type: &'static str,
    body: String,
}

/// A running server and the requests it received; it stops when dropped.
pub struct Server {
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    canned: Arc<Mutex<Canned>>,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    /// Serves `router` on a free port of 127.0.0.1, recording every request.
    pub async fn start(router: Router) -> Self {
        Self::serve(router, Arc::new(Mutex::new(json_canned(200, &Value::Null)))).await
    }

    /// Answers every request with `status` and the JSON `body`, until [`Self::set_reply`].
    pub async fn replying(status: u16, body: Value) -> Self {
        let canned = Arc::new(Mutex::new(json_canned(status, &body)));
        let reply = Arc::clone(&canned);
        let router = Router::new().fallback(move || {
            let canned = reply.lock().expect("lock").clone();
            std::future::ready(response(
                canned.status,
                &[("content-type", canned.content_type)],
                canned.body,
            ))
        });
        Self::serve(router, canned).await
    }

    async fn serve(router: Router, canned: Arc<Mutex<Canned>>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("address").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let recorder = Arc::clone(&seen);
        let router = router.layer(middleware::from_fn(move |request: Request, next: Next| {
            let recorder = Arc::clone(&recorder);
            async move {
                let (parts, body) = request.into_parts();
                let body = axum::body::to_bytes(body, 16 << 20)
                    .await
                    .expect("request body");
                recorder.lock().expect("lock").push(Seen {
                    method: parts.method.clone(),
                    uri: parts.uri.clone(),
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
            seen,
            canned,
            task,
        }
    }

    /// From now on, answers with `status` and the JSON `body` (servers made by
    /// [`Self::replying`]).
    pub fn set_reply(&self, status: u16, body: &Value) {
        *self.canned.lock().expect("lock") = json_canned(status, body);
    }

    /// From now on, answers with `status` and `body` as `content_type`.
    pub fn set_typed_reply(&self, status: u16, body: &Value, content_type: &'static str) {
        *self.canned.lock().expect("lock") = Canned {
            status,
            content_type,
            body: body.to_string(),
        };
    }

    /// The requests received so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().expect("lock").clone()
    }

    /// The requests received so far, forgetting them.
    pub fn take(&self) -> Vec<Seen> {
        std::mem::take(&mut *self.seen.lock().expect("lock"))
    }

    /// The one request received since the last [`Self::take`]; fails on any other number.
    pub fn only_request(&self) -> Seen {
        let mut seen = self.take();
        assert_eq!(
            seen.len(),
            1,
            "expected exactly one request, got {:?}",
            seen.iter()
                .map(|s| format!("{} {}", s.method, s.uri))
                .collect::<Vec<_>>()
        );
        seen.remove(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn json_canned(status: u16, body: &Value) -> Canned {
    Canned {
        status,
        content_type: "application/json",
        body: body.to_string(),
    }
}

/// A response with `status`, `headers` and `body`.
pub fn response(status: u16, headers: &[(&str, &str)], body: impl Into<Bytes>) -> Response {
    let mut builder = Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.into().into()).expect("response")
}

/// A JSON response.
pub fn json_response(status: u16, body: &Value) -> Response {
    response(
        status,
        &[("content-type", "application/json")],
        body.to_string(),
    )
}
