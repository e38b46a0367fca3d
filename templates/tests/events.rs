//! Server-sent events from a real socket: several events per chunk and across chunks, a
//! connection that drops mid-stream (an error by default, a reconnect with `Last-Event-ID` when
//! asked), an idle stream, an event over the size limit, an event that does not decode. Times
//! are on tokio's paused clock.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use client_templates::runtime::{
    ActionInfo, CallOptions, Error, EventData, EventStream, StatusCode, TimeoutKind,
};
use common::{TestClient, Thing, ThingError};
use futures::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::time::Instant;

static WATCH: ActionInfo = ActionInfo {
    resource: "thing",
    action: "watch",
    method: http::Method::GET,
    route: "/things/{thingId}/events",
    scopes: &[],
    auth: client_templates::runtime::Auth::Bearer,
};

/// The generated shape of a stream's event enum: known names decode their model, others are
/// kept as they came.
#[derive(Debug, PartialEq, Eq)]
enum ThingEvent {
    State(Thing),
    Other { name: String, data: String },
}

impl EventData for ThingEvent {
    fn decode(event: &str, data: &str) -> Result<Self, serde_json::Error> {
        match event {
            "state" => serde_json::from_str(data).map(Self::State),
            other => Ok(Self::Other {
                name: other.to_owned(),
                data: data.to_owned(),
            }),
        }
    }
}

/// `Connection: close` keeps each stream on its own connection, so that the connections the
/// server accepts are exactly the client's (re)connects.
const HEAD: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                    Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";

/// One chunk of a chunked body.
fn chunk(text: &str) -> String {
    format!("{:x}\r\n{text}\r\n", text.len())
}

/// What the server does on one connection, after reading the request head.
#[derive(Clone)]
enum Script {
    /// Writes the bytes, then closes the connection (without the last chunk unless included).
    Send(String),
    /// Writes the bytes, then stays silent.
    SendAndStall(String),
}

/// A socket server that plays `scripts` on successive connections (the last one repeats) and
/// records each request head.
struct EventServer {
    url: String,
    heads: Arc<Mutex<Vec<String>>>,
}

impl EventServer {
    async fn start(scripts: Vec<Script>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let heads = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&heads);
        tokio::spawn(async move {
            let mut index = 0usize;
            while let Ok((mut stream, _)) = listener.accept().await {
                let script = scripts[index.min(scripts.len() - 1)].clone();
                index += 1;
                let recorded = Arc::clone(&recorded);
                tokio::spawn(async move {
                    let mut head = Vec::new();
                    let mut buf = [0u8; 4096];
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                        match stream.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => head.extend_from_slice(&buf[..n]),
                        }
                    }
                    recorded
                        .lock()
                        .unwrap()
                        .push(String::from_utf8_lossy(&head).into_owned());
                    match script {
                        Script::Send(bytes) => {
                            let _ = stream.write_all(bytes.as_bytes()).await;
                            let _ = stream.shutdown().await;
                        }
                        Script::SendAndStall(bytes) => {
                            let _ = stream.write_all(bytes.as_bytes()).await;
                            tokio::time::sleep(Duration::from_secs(3600)).await;
                        }
                    }
                });
            }
        });
        Self { url, heads }
    }

    fn last_event_ids(&self) -> Vec<Option<String>> {
        self.heads
            .lock()
            .unwrap()
            .iter()
            .map(|head| {
                head.lines().find_map(|line| {
                    line.to_ascii_lowercase()
                        .strip_prefix("last-event-id: ")
                        .map(str::to_owned)
                })
            })
            .collect()
    }
}

async fn watch(
    client: &TestClient,
    options: &CallOptions,
) -> Result<EventStream<ThingEvent, ThingError>, Error<ThingError>> {
    let mut call = client.core.call(&WATCH, options);
    call.path("/things/t1/events");
    call.send_events().await
}

fn state(id: &str, count: u32) -> ThingEvent {
    ThingEvent::State(Thing {
        id: id.to_owned(),
        count,
    })
}

/// Two events in one chunk (one with multi-line data, after a comment), a third split across
/// two chunks; then the connection drops without the chunked body's end.
fn first_connection() -> String {
    format!(
        "{HEAD}{}{}{}",
        chunk(
            ": keep-alive\nretry: 1500\nevent: state\nid: 1\ndata: {\"id\":\"t1\",\ndata: \"count\":1}\n\nevent: note\nid: 2\ndata: hello\n\n"
        ),
        chunk("event: state\r\nid: 3\r\ndata: {\"id\":\"t1\","),
        chunk("\"count\":3}\r\n\r\n"),
    )
}

#[tokio::test(start_paused = true)]
async fn events_decode_in_order_and_a_dropped_connection_ends_the_stream_with_an_error() {
    let server = EventServer::start(vec![Script::Send(first_connection())]).await;
    let client = common::client(&server.url);

    let events = watch(&client, &CallOptions::default()).await.unwrap();
    let items: Vec<_> = events.collect().await;

    assert_eq!(items.len(), 4, "{items:?}");
    let first = items[0].as_ref().unwrap();
    assert_eq!((first.name(), first.id()), ("state", Some("1")));
    assert_eq!(first.data(), &state("t1", 1));
    let second = items[1].as_ref().unwrap();
    assert_eq!(
        second.data(),
        &ThingEvent::Other {
            name: "note".to_owned(),
            data: "hello".to_owned()
        }
    );
    assert_eq!(items[2].as_ref().unwrap().data(), &state("t1", 3));
    assert!(
        matches!(&items[3], Err(Error::Transport { .. })),
        "{:?}",
        items[3]
    );
    assert_eq!(server.last_event_ids(), [None], "no reconnect by default");
    let head = &server.heads.lock().unwrap()[0];
    assert!(
        head.to_ascii_lowercase()
            .contains("accept: text/event-stream\r\n"),
        "{head}"
    );
}

#[tokio::test(start_paused = true)]
async fn with_reconnect_the_stream_resumes_from_the_last_event_id_after_the_retry_wait() {
    let server = EventServer::start(vec![
        Script::Send(first_connection()),
        Script::Send(format!(
            "{HEAD}{}0\r\n\r\n",
            chunk("id: 4\nevent: state\ndata: {\"id\":\"t1\",\"count\":4}\n\n")
        )),
        Script::Send("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".to_owned()),
    ])
    .await;
    let client = common::client(&server.url);
    let mut options = CallOptions::default();
    options.set_reconnect(true);
    let started = Instant::now();

    let events = watch(&client, &options).await.unwrap();
    let items: Vec<_> = events.collect().await;
    let items: Vec<_> = items
        .into_iter()
        .map(|item| item.map(|event| event.into_data()))
        .collect();

    let counts: Vec<u32> = items
        .iter()
        .map(|item| match item {
            Ok(ThingEvent::State(thing)) => thing.count,
            Ok(ThingEvent::Other { .. }) => 2,
            Err(error) => panic!("{error}"),
        })
        .collect();
    assert_eq!(
        counts,
        [1, 2, 3, 4],
        "nothing lost, nothing repeated, no error"
    );
    assert_eq!(
        server.last_event_ids(),
        [None, Some("3".to_owned()), Some("4".to_owned())]
    );
    assert_eq!(
        started.elapsed(),
        Duration::from_millis(3000),
        "two waits of the server's 1.5 s"
    );
}

#[tokio::test(start_paused = true)]
async fn an_idle_stream_times_out_and_an_oversized_event_is_an_error() {
    let server = EventServer::start(vec![Script::SendAndStall(format!(
        "{HEAD}{}",
        chunk("event: state\ndata: {\"id\":\"t1\",\"count\":1}\n\n")
    ))])
    .await;
    let client = common::client(&server.url);
    let mut options = CallOptions::default();
    options.set_idle_timeout(Duration::from_secs(20));

    let mut events = watch(&client, &options).await.unwrap();
    assert!(events.next().await.unwrap().is_ok());
    let started = Instant::now();
    let idle = events.next().await.unwrap().unwrap_err();
    assert!(
        matches!(idle, Error::Timeout { kind: TimeoutKind::Idle, timeout, .. } if timeout == Duration::from_secs(20)),
        "{idle:?}"
    );
    assert_eq!(started.elapsed(), Duration::from_secs(20));
    assert!(events.next().await.is_none());

    let big = format!("data: {}\n\n", "x".repeat(300));
    let server =
        EventServer::start(vec![Script::SendAndStall(format!("{HEAD}{}", chunk(&big)))]).await;
    let small = common::builder(&server.url)
        .max_response_bytes(256)
        .build()
        .unwrap();
    let mut events = watch(&small, &CallOptions::default()).await.unwrap();
    let error = events.next().await.unwrap().unwrap_err();
    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                limit: 256,
                status: StatusCode::OK,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn an_event_that_does_not_decode_is_an_error_and_the_stream_goes_on() {
    let server = EventServer::start(vec![Script::Send(format!(
        "{HEAD}{}0\r\n\r\n",
        chunk(
            "event: state\ndata: {not json\n\nevent: state\ndata: {\"id\":\"t2\",\"count\":2}\n\n"
        )
    ))])
    .await;
    let client = common::client(&server.url);

    let items: Vec<_> = watch(&client, &CallOptions::default())
        .await
        .unwrap()
        .collect()
        .await;

    assert_eq!(items.len(), 2, "a clean end ends the stream: {items:?}");
    assert!(
        matches!(&items[0], Err(Error::Decode { body, .. }) if &body[..] == b"{not json"),
        "{:?}",
        items[0]
    );
    assert_eq!(items[1].as_ref().unwrap().data(), &state("t2", 2));
}
