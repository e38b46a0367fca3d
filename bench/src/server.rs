//! A minimal HTTP/1.1 server on 127.0.0.1 that answers every request with the same JSON body,
//! on its own thread and single-threaded runtime, so that the client side has the other core.
//! It can record the requests it gets, to check that both request paths send the same thing.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// A request as the server saw it: method, path and query, headers (lower-case names, sorted),
/// body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captured {
    /// `PATCH`, `GET`, …
    pub method: String,
    /// Path and query.
    pub uri: String,
    /// Header names and values, sorted.
    pub headers: Vec<(String, String)>,
    /// The request body.
    pub body: Vec<u8>,
}

#[derive(Default)]
struct Recorder {
    on: AtomicBool,
    requests: Mutex<Vec<Captured>>,
}

/// A running server; it stops when the process exits.
pub struct Server {
    addr: SocketAddr,
    recorder: Arc<Recorder>,
}

impl Server {
    /// Starts a server answering `200 OK` with `body` as `application/json`.
    pub fn start(body: Bytes) -> std::io::Result<Self> {
        let recorder = Arc::new(Recorder::default());
        let (tx, rx) = std::sync::mpsc::channel();
        let shared = Arc::clone(&recorder);
        std::thread::Builder::new()
            .name("bench-server".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime,
                    Err(e) => return drop(tx.send(Err(e))),
                };
                runtime.block_on(serve(body, shared, tx));
            })?;
        let addr = rx
            .recv()
            .map_err(|_| std::io::Error::other("the server thread stopped before listening"))??;
        Ok(Self { addr, recorder })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Starts or stops recording requests.
    pub fn record(&self, on: bool) {
        self.recorder.on.store(on, Ordering::SeqCst);
    }

    /// The requests recorded so far, emptying the record.
    pub fn take_recorded(&self) -> Vec<Captured> {
        self.recorder
            .requests
            .lock()
            .map(|mut r| std::mem::take(&mut *r))
            .unwrap_or_default()
    }
}

type Ready = std::sync::mpsc::Sender<std::io::Result<SocketAddr>>;

async fn serve(body: Bytes, recorder: Arc<Recorder>, ready: Ready) {
    let listener = match TcpListener::bind("127.0.0.1:0").await {
        Ok(listener) => listener,
        Err(e) => return drop(ready.send(Err(e))),
    };
    if ready.send(listener.local_addr()).is_err() {
        return;
    }
    while let Ok((stream, _)) = listener.accept().await {
        let _ = stream.set_nodelay(true);
        let body = body.clone();
        let recorder = Arc::clone(&recorder);
        tokio::spawn(async move {
            let service =
                service_fn(move |request| answer(request, body.clone(), Arc::clone(&recorder)));
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn answer(
    request: Request<Incoming>,
    body: Bytes,
    recorder: Arc<Recorder>,
) -> Result<Response<Full<Bytes>>, hyper::Error> {
    let (parts, incoming) = request.into_parts();
    let received = incoming.collect().await?.to_bytes();
    if recorder.on.load(Ordering::SeqCst) {
        let mut headers: Vec<(String, String)> = parts
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        headers.sort();
        let captured = Captured {
            method: parts.method.to_string(),
            uri: parts.uri.to_string(),
            headers,
            body: received.to_vec(),
        };
        if let Ok(mut requests) = recorder.requests.lock() {
            requests.push(captured);
        }
    }
    let mut response = Response::new(Full::new(body));
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json"),
    );
    Ok(response)
}
