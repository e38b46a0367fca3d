//! The pagination stream over a real paginated endpoint.

mod common;

use std::pin::pin;

use client_templates::runtime::{Error, Page, StatusCode, paginate};
use common::{GET_THING, TestClient, Thing, ThingError};
use futures::StreamExt;
use serde::Deserialize;
use wiremock::matchers::{any, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Deserialize)]
struct Things {
    items: Vec<Thing>,
    #[serde(rename = "totalCount")]
    total_count: u64,
}

const PER_PAGE: u64 = 2;

fn thing(n: u64) -> Thing {
    Thing {
        id: format!("t{n}"),
        count: 0,
    }
}

fn page_body(items: std::ops::Range<u64>, total: u64) -> serde_json::Value {
    let items: Vec<Thing> = items.map(thing).collect();
    serde_json::json!({"items": items, "totalCount": total})
}

async fn mount_page(server: &MockServer, page: u64, template: ResponseTemplate) {
    Mock::given(query_param("page", page.to_string()))
        .respond_with(template)
        .mount(server)
        .await;
}

/// What generated code for a paginated action looks like: fetch one page and report the
/// documented total and the page size asked for; `paginate` decides whether more may follow.
async fn fetch_page(client: &TestClient, page: u64) -> Result<Page<Thing>, Error<ThingError>> {
    let mut call = client.core.call(&GET_THING);
    call.path("/things");
    call.query("page", Some(&page.to_string()));
    call.query("perPage", Some(&PER_PAGE.to_string()));
    let body: Things = call.send().await?.into_body();
    Ok(Page {
        items: body.items,
        total: Some(body.total_count),
        page_size: Some(PER_PAGE),
    })
}

async fn pages_requested(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.expect("recording");
    requests
        .iter()
        .filter_map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "page")
                .map(|(_, v)| v.into_owned())
        })
        .collect()
}

#[tokio::test]
async fn yields_every_item_and_stops_on_the_last_page() {
    let server = MockServer::start().await;
    mount_page(
        &server,
        0,
        ResponseTemplate::new(200).set_body_json(page_body(0..2, 5)),
    )
    .await;
    mount_page(
        &server,
        1,
        ResponseTemplate::new(200).set_body_json(page_body(2..4, 5)),
    )
    .await;
    mount_page(
        &server,
        2,
        ResponseTemplate::new(200).set_body_json(page_body(4..5, 5)),
    )
    .await;
    let client = common::client(&server.uri());

    let items: Vec<_> = paginate(0, |page| fetch_page(&client, page))
        .collect()
        .await;

    let ids: Vec<String> = items.into_iter().map(|item| item.expect("ok").id).collect();
    assert_eq!(ids, ["t0", "t1", "t2", "t3", "t4"]);
    assert_eq!(pages_requested(&server).await, ["0", "1", "2"]);
}

#[tokio::test]
async fn an_error_is_yielded_once_and_ends_the_stream() {
    let server = MockServer::start().await;
    mount_page(
        &server,
        0,
        ResponseTemplate::new(200).set_body_json(page_body(0..2, 6)),
    )
    .await;
    mount_page(
        &server,
        1,
        ResponseTemplate::new(400).set_body_json(serde_json::json!({"error": "bad page"})),
    )
    .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(page_body(4..6, 6)))
        .mount(&server)
        .await;
    let client = common::client(&server.uri());

    let mut stream = pin!(paginate(0, |page| fetch_page(&client, page)));
    assert_eq!(
        stream.next().await.map(|r| r.expect("ok").id),
        Some("t0".to_owned())
    );
    assert_eq!(
        stream.next().await.map(|r| r.expect("ok").id),
        Some("t1".to_owned())
    );
    let error = stream
        .next()
        .await
        .expect("an item")
        .expect_err("the error");
    assert_eq!(error.status(), Some(StatusCode::BAD_REQUEST));
    assert!(stream.next().await.is_none());
    assert!(stream.next().await.is_none());
    assert_eq!(pages_requested(&server).await, ["0", "1"]);
}

#[tokio::test]
async fn an_empty_page_ends_the_stream_even_if_more_is_claimed() {
    let server = MockServer::start().await;
    mount_page(
        &server,
        0,
        ResponseTemplate::new(200).set_body_json(page_body(0..2, 100)),
    )
    .await;
    mount_page(
        &server,
        1,
        ResponseTemplate::new(200).set_body_json(page_body(0..0, 100)),
    )
    .await;
    let client = common::client(&server.uri());

    let items: Vec<_> = paginate(0, |page| fetch_page(&client, page))
        .collect()
        .await;

    assert_eq!(items.len(), 2);
    assert_eq!(pages_requested(&server).await, ["0", "1"]);
}

#[tokio::test]
async fn pages_are_fetched_only_when_needed() {
    let server = MockServer::start().await;
    mount_page(
        &server,
        3,
        ResponseTemplate::new(200).set_body_json(page_body(6..8, 100)),
    )
    .await;
    let client = common::client(&server.uri());

    let first: Vec<_> = paginate(3, |page| fetch_page(&client, page))
        .take(1)
        .collect()
        .await;

    assert_eq!(first.len(), 1);
    assert_eq!(pages_requested(&server).await, ["3"]);
}
