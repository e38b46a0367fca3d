//! Every future and stream the runtime hands out is `Send` (so it can run on a multi-threaded
//! runtime or in `tokio::spawn`), and clients and errors are `Send + Sync`. Checked at compile
//! time: this file fails to build if one of them is not.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

mod common;

use client_templates::runtime::{
    ByteStream, CallOptions, Core, Error, EventData, EventStream, FilePart, Multipart, NextLink,
    Response, SuccessBody, items, pages_by_cursor, pages_by_link, pages_by_number,
};
use common::{GET_THING, TestClient, Thing, ThingError};

fn send<T: Send>(_: &T) {}
fn send_sync<T: Send + Sync>() {}

struct Events;
impl EventData for Events {
    fn decode(_: &str, _: &str) -> Result<Self, serde_json::Error> {
        Ok(Self)
    }
}

struct Choice;
impl SuccessBody for Choice {
    fn decode(_: http::StatusCode, _: &[u8]) -> Option<Result<Self, serde_json::Error>> {
        None
    }
}

#[test]
fn every_public_future_and_stream_is_send() {
    send_sync::<Core>();
    send_sync::<TestClient>();
    send_sync::<Error<ThingError>>();
    send_sync::<Response<Thing>>();
    send_sync::<NextLink>();
    send_sync::<client_templates::runtime::ClientBuilder<common::TestApi>>();
    fn stream_types<T: Send>() {}
    stream_types::<ByteStream>();
    stream_types::<EventStream<Events, ThingError>>();
    stream_types::<Response<ByteStream>>();

    let client = common::client("http://127.0.0.1:9");
    let options = CallOptions::default();
    let call = || {
        let mut call = client.core.call(&GET_THING, &options);
        let mut form = Multipart::new();
        form.file("f", FilePart::stream(futures::stream::empty()));
        call.multipart(form);
        call
    };
    send(&call().send_json::<Thing, ThingError>());
    send(&call().send_empty::<ThingError>());
    send(&call().send_bytes::<ThingError>());
    send(&call().send_text::<ThingError>());
    send(&call().send_choice::<Choice, ThingError>());
    send(&call().send_streaming::<ThingError>());
    send(&call().send_events::<Events, ThingError>());
    send(&common::get_thing(&client, "t1"));

    let limits = client.core.page_limits(&GET_THING, &options);
    let fetch_client = client.clone();
    let numbers = pages_by_number(
        Ok(0),
        limits.clone(),
        move |_| {
            let client = fetch_client.clone();
            async move {
                common::get_thing(&client, "t1")
                    .await
                    .map(Response::into_body)
            }
        },
        |_: &Thing| 0,
        |_: &Thing| None,
    );
    send(&numbers);
    send(&items(numbers, |thing: Thing| vec![thing]));
    let fetch_client = client.clone();
    send(&pages_by_cursor(
        limits.clone(),
        move |_| {
            let client = fetch_client.clone();
            async move {
                common::get_thing(&client, "t1")
                    .await
                    .map(Response::into_body)
            }
        },
        |_: &Thing| None,
    ));
    let fetch_client = client.clone();
    send(&pages_by_link(
        limits,
        move |_| {
            let client = fetch_client.clone();
            async move {
                common::get_thing(&client, "t1")
                    .await
                    .map(Response::into_body)
            }
        },
        |_: &Thing| None,
    ));
}
