//! A raw TCP server on 127.0.0.1, for asserting the exact request line and for misbehaving at
//! the socket level (never answering, stalling or trickling mid-body, hanging up or resetting
//! the connection, sending an endless body).

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
    /// Writes these bytes (possibly none, or a head and part of a body), lets them reach the
    /// client, then closes the connection: with `reset`, abortively (`SO_LINGER` 0, so the
    /// client sees a TCP RST), otherwise cleanly (FIN).
    Hangup { bytes: Vec<u8>, reset: bool },
    /// Writes `head`, then `body` one byte every `every`, then closes.
    Trickle {
        head: Vec<u8>,
        body: Vec<u8>,
        every: Duration,
    },
    /// A `200 OK` with a chunked body of 64 KiB chunks that goes on until `total` bytes were
    /// sent or the client hangs up.
    Endless { total: usize },
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

    /// The head (request line and headers) of every request received so far.
    pub fn heads(&self) -> Vec<String> {
        self.heads.lock().expect("lock").clone()
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
        Reply::Hangup { bytes, reset } => {
            if !bytes.is_empty() {
                let _ = stream.write_all(&bytes).await;
                // On loopback this is ample for the bytes to arrive before the close, which
                // (with a reset) would otherwise discard any still unsent.
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            if reset {
                // Dropping a socket with a zero linger time sends RST instead of FIN.
                let _ = stream.set_zero_linger();
            } else {
                let _ = stream.shutdown().await;
            }
        }
        Reply::Trickle { head, body, every } => {
            if stream.write_all(&head).await.is_err() {
                return;
            }
            for byte in body {
                tokio::time::sleep(every).await;
                if stream.write_all(&[byte]).await.is_err() {
                    return;
                }
            }
            let _ = stream.shutdown().await;
        }
        Reply::Endless { total } => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                        Transfer-Encoding: chunked\r\n\r\n";
            if stream.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let mut chunk = b"10000\r\n".to_vec();
            chunk.resize(chunk.len() + 0x10000, b' ');
            chunk.extend_from_slice(b"\r\n");
            let mut sent = 0;
            while sent < total {
                if stream.write_all(&chunk).await.is_err() {
                    return;
                }
                sent += 0x10000;
            }
            let _ = stream.write_all(b"0\r\n\r\n").await;
            let _ = stream.shutdown().await;
        }
    }
}
