//! Page walks over real paginated endpoints: by page number (shorter pages than asked do not
//! end the walk, the documented total or an empty page does), by cursor and by HAL next link
//! (3+ pages; a repeated cursor, and a next link to another origin, end the walk with an error),
//! the page cap, lazy fetching and fused streams.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

mod common;

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Query, RawQuery};
use client_templates::runtime::{
    CallOptions, Error, NextLink, PageLimits, PaginationError, items, pages_by_cursor,
    pages_by_link, pages_by_number,
};
use common::serve::{Server, json};
use common::{GET_THING, TestClient, Thing, ThingError};
use futures::{Stream, StreamExt};
use serde::Deserialize;
use serde_json::json as j;

#[derive(Debug, Deserialize)]
struct Things {
    items: Vec<Thing>,
    #[serde(rename = "totalCount")]
    total_count: Option<u64>,
    #[serde(rename = "nextCursor")]
    next_cursor: Option<String>,
    #[serde(rename = "_links")]
    links: Option<Links>,
}

#[derive(Debug, Deserialize)]
struct Links {
    next: Option<Href>,
}

#[derive(Debug, Deserialize)]
struct Href {
    href: String,
}

fn thing(n: u64) -> Thing {
    Thing {
        id: format!("t{n}"),
        count: 0,
    }
}

fn things(range: std::ops::Range<u64>) -> Vec<Thing> {
    range.map(thing).collect()
}

fn limits(client: &TestClient, max_pages: Option<u64>) -> PageLimits {
    let mut options = CallOptions::default();
    if let Some(max) = max_pages {
        options.set_max_pages(max);
    }
    client.core.page_limits(&GET_THING, &options)
}

/// What generated code for a page-number action looks like.
fn by_number(
    client: &TestClient,
    max_pages: Option<u64>,
) -> impl Stream<Item = Result<Things, Error<ThingError>>> + Send + use<> {
    let fetcher = client.clone();
    pages_by_number(
        Ok(0),
        limits(client, max_pages),
        move |page| {
            let client = fetcher.clone();
            async move {
                let mut call = client.core.call(&GET_THING, &CallOptions::default());
                call.path("/things");
                call.query("page", Some(&page.to_string()));
                call.query("perPage", Some("3"));
                call.send_json().await.map(|response| response.into_body())
            }
        },
        |page: &Things| page.items.len(),
        |page: &Things| page.total_count,
    )
}

fn number_server(pages: Vec<serde_json::Value>) -> Router {
    Router::new().fallback(move |Query(query): Query<HashMap<String, String>>| {
        let page: usize = query["page"].parse().unwrap();
        let body = pages
            .get(page)
            .cloned()
            .unwrap_or_else(|| j!({"items": []}));
        async move { json(200, &body) }
    })
}

fn pages_seen(server: &Server) -> Vec<String> {
    server.seen().iter().map(|seen| seen.uri.clone()).collect()
}

#[tokio::test]
async fn a_page_walk_goes_on_after_short_pages_until_the_total_and_stops_at_an_empty_page() {
    // perPage is 3, the server sends 2: the total (5) says when to stop.
    let server = Server::start(number_server(vec![
        j!({"items": things(0..2), "totalCount": 5}),
        j!({"items": things(2..4), "totalCount": 5}),
        j!({"items": things(4..5), "totalCount": 5}),
        j!({"items": things(5..6), "totalCount": 5}),
    ]))
    .await;
    let client = common::client(&server.url);

    let all: Vec<Thing> = items(by_number(&client, None), |page: Things| page.items)
        .map(Result::unwrap)
        .collect()
        .await;
    assert_eq!(all, things(0..5));
    assert_eq!(server.count(), 3, "the total was reached on page 2");

    // Without a total, only an empty page ends the walk.
    let server = Server::start(number_server(vec![
        j!({"items": things(0..2)}),
        j!({"items": things(2..3)}),
    ]))
    .await;
    let client = common::client(&server.url);
    let pages: Vec<_> = by_number(&client, None).collect().await;
    assert_eq!(pages.len(), 3, "the last page is the empty one");
    assert_eq!(
        pages_seen(&server),
        [
            "/things?page=0&perPage=3",
            "/things?page=1&perPage=3",
            "/things?page=2&perPage=3"
        ]
    );
}

#[tokio::test]
async fn pages_are_fetched_lazily_and_the_page_cap_ends_the_walk_with_an_error() {
    let endless: Vec<_> = (0..100).map(|n| j!({"items": things(n..n + 1)})).collect();
    let server = Server::start(number_server(endless)).await;
    let client = common::client(&server.url);

    let mut pages = std::pin::pin!(by_number(&client, Some(3)));
    assert_eq!(
        server.count(),
        0,
        "nothing is fetched before the stream is polled"
    );
    pages.next().await.unwrap().unwrap();
    assert_eq!(server.count(), 1, "one page per poll");
    pages.next().await.unwrap().unwrap();
    pages.next().await.unwrap().unwrap();
    let error = pages.next().await.unwrap().unwrap_err();
    assert!(
        matches!(
            error,
            Error::Pagination {
                reason: PaginationError::TooManyPages { limit: 3 },
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("max_pages"), "{error}");
    assert!(pages.next().await.is_none(), "fused");
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn an_error_is_yielded_once_and_ends_the_walk() {
    let server =
        Server::start(Router::new().fallback(|| async { json(400, &j!({"error": "bad page"})) }))
            .await;
    let client = common::client(&server.url);

    let pages: Vec<_> = by_number(&client, None).collect().await;

    assert_eq!(pages.len(), 1);
    assert!(matches!(
        pages[0].as_ref().unwrap_err().api_error(),
        Some(ThingError::BadRequest(_))
    ));
}

/// What generated code for a cursor action looks like.
fn by_cursor(
    client: &TestClient,
) -> impl Stream<Item = Result<Things, Error<ThingError>>> + Send + use<> {
    let fetcher = client.clone();
    pages_by_cursor(
        limits(client, None),
        move |cursor: Option<String>| {
            let client = fetcher.clone();
            async move {
                let mut call = client.core.call(&GET_THING, &CallOptions::default());
                call.path("/alerts");
                call.query("cursor", cursor.as_deref());
                call.send_json().await.map(|response| response.into_body())
            }
        },
        |page: &Things| page.next_cursor.clone(),
    )
}

fn cursor_server(next: fn(&str) -> serde_json::Value) -> Router {
    Router::new().fallback(move |Query(query): Query<HashMap<String, String>>| {
        let cursor = query.get("cursor").cloned().unwrap_or_default();
        async move { json(200, &next(&cursor)) }
    })
}

#[tokio::test]
async fn a_cursor_walk_follows_the_cursor_until_it_is_absent_or_empty() {
    let server = Server::start(cursor_server(|cursor| match cursor {
        "" => j!({"items": things(0..2), "nextCursor": "c1"}),
        "c1" => j!({"items": things(2..4), "nextCursor": "c2"}),
        "c2" => j!({"items": things(4..5), "nextCursor": ""}),
        _ => j!({"items": things(9..10)}),
    }))
    .await;
    let client = common::client(&server.url);

    let all: Vec<Thing> = items(by_cursor(&client), |page: Things| page.items)
        .map(Result::unwrap)
        .collect()
        .await;

    assert_eq!(all, things(0..5));
    assert_eq!(
        pages_seen(&server),
        ["/alerts", "/alerts?cursor=c1", "/alerts?cursor=c2"]
    );
}

#[tokio::test]
async fn a_repeated_cursor_is_an_error_not_a_loop() {
    let server = Server::start(cursor_server(
        |_| j!({"items": things(0..1), "nextCursor": "same"}),
    ))
    .await;
    let client = common::client(&server.url);

    let pages: Vec<_> = by_cursor(&client).collect().await;

    assert_eq!(pages.len(), 3, "two pages, then the error: {pages:?}");
    assert!(matches!(
        &pages[2],
        Err(Error::Pagination { reason: PaginationError::Repeated { cursor }, .. }) if cursor == "same"
    ));
    assert_eq!(server.count(), 2);
}

/// What generated code for a HAL next-link action looks like.
fn by_link(
    client: &TestClient,
) -> impl Stream<Item = Result<Things, Error<ThingError>>> + Send + use<> {
    let fetcher = client.clone();
    pages_by_link(
        limits(client, None),
        move |link: Option<NextLink>| {
            let client = fetcher.clone();
            async move {
                let mut call = client.core.call(&GET_THING, &CallOptions::default());
                call.path("/alerts");
                call.query("window", Some("1d"));
                if let Some(link) = &link {
                    call.next_link(link);
                }
                call.send_json().await.map(|response| response.into_body())
            }
        },
        |page: &Things| {
            page.links
                .as_ref()?
                .next
                .as_ref()
                .map(|next| next.href.clone())
        },
    )
}

#[tokio::test]
async fn a_link_walk_stays_on_the_origin_and_refuses_a_foreign_next_link() {
    let foreign =
        Server::start(Router::new().fallback(|| async { json(200, &j!({"items": []})) })).await;
    let foreign_link = format!("http://localhost:{}/alerts?cursor=c3", foreign.port);
    let server = Server::start(Router::new().fallback(move |RawQuery(query): RawQuery| {
        let foreign_link = foreign_link.clone();
        async move {
            let body = match query.as_deref() {
                Some("window=1d") => {
                    j!({"items": things(0..1), "_links": {"next": {"href": "/alerts?cursor=c1"}}})
                }
                Some("cursor=c1") => {
                    j!({"items": things(1..2), "_links": {"next": {"href": "alerts?cursor=c2"}}})
                }
                _ => j!({"items": things(2..3), "_links": {"next": {"href": foreign_link}}}),
            };
            json(200, &body)
        }
    }))
    .await;
    let client = common::client(&server.url);

    let pages: Vec<_> = by_link(&client).collect().await;

    assert_eq!(pages.len(), 4, "{pages:?}");
    let found: Vec<Thing> = pages[..3]
        .iter()
        .flat_map(|p| p.as_ref().unwrap().items.clone())
        .collect();
    assert_eq!(found, things(0..3));
    let Err(Error::Pagination {
        reason: PaginationError::ForeignLink { link, origin },
        ..
    }) = &pages[3]
    else {
        panic!("expected ForeignLink, got {:?}", pages[3]);
    };
    assert!(link.starts_with("http://localhost:"), "{link}");
    assert_eq!(origin, &server.url);
    assert_eq!(
        pages_seen(&server),
        [
            "/alerts?window=1d",
            "/alerts?cursor=c1",
            "/alerts?cursor=c2"
        ],
        "a link replaces the assembled path and query"
    );
    assert_eq!(foreign.count(), 0, "the foreign link was never followed");
}
