//! A raw TCP server on 127.0.0.1, for asserting the exact request line and for misbehaving at
//! the socket level (never answering, stalling mid-body).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// What the server does once it has read a request's head.
#[derive(Clone)]
pub enum Reply {
    /// Writes these bytes (a whole HTTP response) and closes the connection.
    Full(Vec<u8>),
    /// Never answers; keeps the connection open.
    Silent,
    /// Writes these bytes (a response head and part of its body), then stalls.
    Stall(Vec<u8>),
}

impl Reply {
    /// A complete `200 OK` response with a JSON body, closing the connection.
    pub fn json(body: &str) -> Self {
        Self::Full(
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
                 Connection: close\r\n\r\n{body}",
                body.len()
            )
            .into_bytes(),
        )
    }
}

pub struct RawServer {
    pub url: String,
    heads: Arc<Mutex<Vec<String>>>,
    accept_loop: JoinHandle<()>,
}

impl RawServer {
    pub async fn start(reply: Reply) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("local addr"));
        let heads = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&heads);
        let accept_loop = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, reply.clone(), Arc::clone(&recorded)));
            }
        });
        Self {
            url,
            heads,
            accept_loop,
        }
    }

    /// The request line of every request received so far, e.g. `GET /things/1 HTTP/1.1`.
    pub fn request_lines(&self) -> Vec<String> {
        self.heads
            .lock()
            .expect("lock")
            .iter()
            .map(|head| head.lines().next().unwrap_or_default().to_owned())
            .collect()
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.accept_loop.abort();
    }
}

async fn serve(mut stream: TcpStream, reply: Reply, heads: Arc<Mutex<Vec<String>>>) {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|window| window == b"\r\n\r\n") && head.len() < 65_536 {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    heads
        .lock()
        .expect("lock")
        .push(String::from_utf8_lossy(&head).into_owned());
    match reply {
        Reply::Full(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
        Reply::Silent => tokio::time::sleep(Duration::from_secs(60)).await,
        Reply::Stall(bytes) => {
            let _ = stream.write_all(&bytes).await;
            tokio::time::sleep(Duration::from_secs(60)).await;
        }
    }
}
