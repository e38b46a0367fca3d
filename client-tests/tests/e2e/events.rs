//! A server-sent event stream end to end (`device.stateStream`): several events decoded into
//! the generated event enum by name, an event the docs do not list kept as it came, and a
//! connection that drops mid-stream ending the stream with an error (not a silent end); and the
//! stream's own settings on the builder: reconnecting with `Last-Event-ID`, an idle timeout
//! (times on tokio's paused clock).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use futures::StreamExt;
use generated_client::losant::device::StateStreamEvent;
use generated_client::losant::models::{NumberOrStringOrBool, Time};
use generated_client::losant::{self, TimeoutKind};
use tokio::sync::Notify;
use tokio::time::Instant;

use crate::support::server::response;
use crate::support::{APP_ID, DEVICE_ID, Server, TOKEN, losant};

/// Three events over two chunks (the third split across them), a comment, then nothing until
/// `drop_now` is notified, when the connection breaks without the chunked body's end.
fn state_stream_server(drop_now: Arc<Notify>) -> Router {
    let chunks = [
        ": connected\n\nevent: deviceState\nid: 1\ndata: {\"time\":\"2024-03-01T10:00:00.000Z\",\ndata: \"data\":{\"temperature\":21.5,\"door\":\"open\"}}\n\nevent: deviceConnected\nid: 2\ndata: {\"connected\":true}\n\nevent: device",
        "State\nid: 3\ndata: {\"time\":1709287200000,\"data\":{\"temperature\":22,\"alarm\":false}}\n\n",
    ];
    Router::new().route(
        "/applications/{application}/devices/{device}/stateStream",
        axum::routing::get(move || {
            let drop_now = Arc::clone(&drop_now);
            let events =
                futures::stream::iter(chunks.map(|c| Ok(Bytes::from_static(c.as_bytes()))));
            let broken = futures::stream::once(async move {
                drop_now.notified().await;
                Err(std::io::Error::other("the connection drops"))
            });
            let body = Body::from_stream(events.chain(broken));
            std::future::ready(
                response(200, &[("content-type", "text/event-stream")], Bytes::new()).map(|_| body),
            )
        }),
    )
}

fn state(pairs: &[(&str, NumberOrStringOrBool)]) -> BTreeMap<String, NumberOrStringOrBool> {
    pairs
        .iter()
        .map(|(key, value)| ((*key).to_owned(), value.clone()))
        .collect()
}

#[tokio::test]
async fn device_state_events_decode_by_name_and_a_dropped_connection_is_an_error() {
    let drop_now = Arc::new(Notify::new());
    let server = Server::start(state_stream_server(Arc::clone(&drop_now))).await;
    let mut events = losant(&server)
        .device()
        .state_stream(APP_ID, DEVICE_ID)
        .keep_alive_interval("5")
        .await
        .expect("the stream opens");

    let first = events.next().await.expect("an event").expect("decodes");
    assert_eq!((first.name(), first.id()), ("deviceState", Some("1")));
    let StateStreamEvent::DeviceState(device_state) = first.data() else {
        panic!("a device state: {:?}", first.data());
    };
    assert_eq!(
        device_state.time,
        Some(Time::String("2024-03-01T10:00:00.000Z".to_owned()))
    );
    assert_eq!(
        device_state.data,
        state(&[
            ("door", NumberOrStringOrBool::String("open".to_owned())),
            ("temperature", NumberOrStringOrBool::Number(21.5)),
        ])
    );

    let second = events.next().await.expect("an event").expect("decodes");
    assert_eq!((second.name(), second.id()), ("deviceConnected", Some("2")));
    assert_eq!(
        second.data(),
        &StateStreamEvent::Unknown {
            event: "deviceConnected".to_owned(),
            data: "{\"connected\":true}".to_owned(),
        }
    );

    let third = events.next().await.expect("an event").expect("decodes");
    assert_eq!(third.id(), Some("3"));
    let StateStreamEvent::DeviceState(device_state) = third.into_data() else {
        panic!("a device state");
    };
    assert_eq!(device_state.time, Some(Time::Number(1_709_287_200_000.0)));
    assert_eq!(
        device_state.data,
        state(&[
            ("alarm", NumberOrStringOrBool::Bool(false)),
            ("temperature", NumberOrStringOrBool::Number(22.0)),
        ])
    );

    drop_now.notify_one();
    let broken = events.next().await.expect("the drop is reported");
    assert!(
        matches!(broken, Err(losant::Error::Transport { .. })),
        "{broken:?}"
    );
    assert!(
        events.next().await.is_none(),
        "the stream ends after the error"
    );

    let seen = server.only_request();
    assert_eq!(
        seen.path(),
        format!("/applications/{APP_ID}/devices/{DEVICE_ID}/stateStream")
    );
    assert_eq!(
        seen.query_pairs(),
        [("keepAliveInterval".to_owned(), "5".to_owned())]
    );
    assert_eq!(seen.header("accept"), Some("text/event-stream"));
    let authorization = format!("Bearer {TOKEN}");
    assert_eq!(seen.header("authorization"), Some(authorization.as_str()));
}

const STATE_STREAM: &str = "/applications/{application}/devices/{device}/stateStream";

fn event(id: u32, temperature: u32) -> Bytes {
    Bytes::from(format!(
        "retry: 250\nevent: deviceState\nid: {id}\ndata: {{\"data\":{{\"temperature\":{temperature}}}}}\n\n"
    ))
}

/// Connection 1: event 1, then a drop once `drop_now` is notified; connection 2: event 2, then
/// a clean end; later connections: 204 No Content, the way to say "do not reconnect".
fn resuming_server(drop_now: Arc<Notify>) -> Router {
    let connections = Arc::new(AtomicUsize::new(0));
    Router::new().route(
        STATE_STREAM,
        axum::routing::get(move || {
            let drop_now = Arc::clone(&drop_now);
            let number = connections.fetch_add(1, Ordering::SeqCst);
            let body = match number {
                0 => {
                    let broken = futures::stream::once(async move {
                        drop_now.notified().await;
                        Err(std::io::Error::other("the connection drops"))
                    });
                    Body::from_stream(
                        futures::stream::once(async { Ok(event(1, 20)) }).chain(broken),
                    )
                }
                1 => Body::from(event(2, 21)),
                _ => return std::future::ready(response(204, &[], "")),
            };
            std::future::ready(
                response(200, &[("content-type", "text/event-stream")], "").map(|_| body),
            )
        }),
    )
}

fn temperature(
    event: &generated_client::losant::Event<StateStreamEvent>,
) -> Option<NumberOrStringOrBool> {
    match event.data() {
        StateStreamEvent::DeviceState(state) => state.data.get("temperature").cloned(),
        _ => None,
    }
}

#[tokio::test(start_paused = true)]
async fn with_reconnect_the_stream_resumes_after_the_last_event_id_it_received() {
    let drop_now = Arc::new(Notify::new());
    let server = Server::start(resuming_server(Arc::clone(&drop_now))).await;
    let mut events = losant(&server)
        .device()
        .state_stream(APP_ID, DEVICE_ID)
        .reconnect(true)
        .await
        .expect("the stream opens");

    let first = events.next().await.expect("an event").expect("decodes");
    assert_eq!(first.id(), Some("1"));
    let started = Instant::now();
    drop_now.notify_one();
    let rest: Vec<_> = events.collect().await;

    let [Ok(second)] = rest.as_slice() else {
        panic!("one more event, then the end: {rest:?}");
    };
    assert_eq!(second.id(), Some("2"));
    assert_eq!(
        temperature(second),
        Some(NumberOrStringOrBool::Number(21.0))
    );
    assert_eq!(
        started.elapsed(),
        Duration::from_millis(500),
        "the server's retry time before each of the two reconnects"
    );
    let resumed: Vec<Option<String>> = server
        .seen()
        .iter()
        .map(|s| s.header("last-event-id").map(str::to_owned))
        .collect();
    assert_eq!(resumed, [None, Some("1".to_owned()), Some("2".to_owned())]);
}

#[tokio::test(start_paused = true)]
async fn a_stream_silent_for_its_idle_timeout_ends_with_a_timeout() {
    let server = Server::start(Router::new().route(
        STATE_STREAM,
        axum::routing::get(|| async {
            let silent = futures::stream::pending::<Result<Bytes, std::io::Error>>();
            let body =
                Body::from_stream(futures::stream::once(async { Ok(event(1, 20)) }).chain(silent));
            response(200, &[("content-type", "text/event-stream")], "").map(|_| body)
        }),
    ))
    .await;
    let mut events = losant(&server)
        .device()
        .state_stream(APP_ID, DEVICE_ID)
        .idle_timeout(Duration::from_secs(5))
        .await
        .expect("the stream opens");
    let first = events.next().await.expect("an event").expect("decodes");
    assert_eq!(
        temperature(&first),
        Some(NumberOrStringOrBool::Number(20.0))
    );

    let started = Instant::now();
    let silent = events.next().await.expect("the silence is reported");
    assert_eq!(started.elapsed(), Duration::from_secs(5));
    let Err(losant::Error::Timeout { kind, timeout, .. }) = &silent else {
        panic!("an idle timeout: {silent:?}");
    };
    assert_eq!(
        (*kind, *timeout),
        (TimeoutKind::Idle, Duration::from_secs(5))
    );
    assert!(events.next().await.is_none());
}
