//! A paginated list end to end (`devices.get`, numbered pages): `items()` walks every page in
//! order with the same filters on each request, goes on after pages shorter than asked, stops
//! once the documented total is reached, and `pages()` yields the whole bodies; a walk starts at
//! the call's `page` (a `page` that is no page number is an error before any request) and ends
//! with an error at the call's `max_pages`.

use axum::Router;
use axum::extract::Query;
use futures::{StreamExt, TryStreamExt};
use generated_client::losant::devices;
use generated_client::losant::models;
use serde_json::{Value, json};

use crate::support::server::json_response;
use crate::support::{APP_ID, Server, losant};

const TOTAL: usize = 7;
/// The most items the server puts on a page, whatever the client asks: fewer than `perPage`.
const SERVER_PAGE: usize = 2;

fn device(n: usize) -> Value {
    json!({
        "id": format!("5e0c9f8e7d6b5a4c3b2a1{n:03}"),
        "deviceId": format!("5e0c9f8e7d6b5a4c3b2a1{n:03}"),
        "applicationId": APP_ID,
        "name": format!("pump-{n}"),
        "deviceClass": "standalone",
        "tags": [{ "key": "floor", "value": n.to_string() }]
    })
}

/// Seven devices, at most two per page whatever `perPage` says, with the total on every page.
fn devices_server() -> Router {
    Router::new().route(
        "/applications/{application}/devices",
        axum::routing::get(|Query(query): Query<Vec<(String, String)>>| async move {
            let page: usize = query
                .iter()
                .find(|(key, _)| key == "page")
                .and_then(|(_, value)| value.parse().ok())
                .unwrap_or(0);
            let items: Vec<Value> = (page * SERVER_PAGE..TOTAL)
                .take(SERVER_PAGE)
                .map(device)
                .collect();
            json_response(
                200,
                &json!({
                    "items": items,
                    "count": items.len(),
                    "totalCount": TOTAL,
                    "perPage": 3,
                    "page": page,
                    "applicationId": APP_ID,
                    "filter": "pump*",
                    "filterField": "name"
                }),
            )
        }),
    )
}

fn filtered(client: &generated_client::losant::Client) -> devices::Get {
    client
        .devices()
        .get(APP_ID)
        .filter_field(devices::GetFilterField::Name)
        .filter("pump*")
        .sort_field(devices::GetSortField::Name)
        .sort_direction(devices::GetSortDirection::Asc)
        .per_page("3")
}

#[tokio::test]
async fn items_walk_every_page_with_the_filters_past_short_pages_until_the_total() {
    let server = Server::start(devices_server()).await;
    let items: Vec<models::Device> = filtered(&losant(&server))
        .items()
        .try_collect()
        .await
        .expect("every page decodes");

    let names: Vec<_> = items.iter().filter_map(|d| d.name.clone()).collect();
    let expected: Vec<String> = (0..TOTAL).map(|n| format!("pump-{n}")).collect();
    assert_eq!(names, expected, "every device once, in order");
    let first = &items[0];
    assert_eq!(first.application_id.as_deref(), Some(APP_ID));
    assert_eq!(first.device_class, Some(models::DeviceClass::Standalone));

    let seen = server.seen();
    let pages: Vec<String> = seen.iter().map(|s| s.query_value("page")).collect();
    assert_eq!(
        pages,
        ["0", "1", "2", "3"],
        "short pages do not end the walk; the total does"
    );
    for (number, request) in seen.iter().enumerate() {
        let mut query = request.query_pairs();
        query.sort();
        let mut expected = vec![
            ("filter".to_owned(), "pump*".to_owned()),
            ("filterField".to_owned(), "name".to_owned()),
            ("page".to_owned(), number.to_string()),
            ("perPage".to_owned(), "3".to_owned()),
            ("sortDirection".to_owned(), "asc".to_owned()),
            ("sortField".to_owned(), "name".to_owned()),
        ];
        expected.sort();
        assert_eq!(query, expected, "the filters on page {number}");
    }
}

#[tokio::test]
async fn pages_yield_each_whole_body_lazily() {
    let server = Server::start(devices_server()).await;
    let mut pages = Box::pin(filtered(&losant(&server)).pages());

    let first = pages.next().await.expect("a first page").expect("decodes");
    assert_eq!(
        (first.page, first.count, first.total_count),
        (Some(0), Some(2), Some(7))
    );
    assert_eq!(first.filter.as_deref(), Some("pump*"));
    assert_eq!(
        server.seen().len(),
        1,
        "the next page is fetched only when asked for"
    );

    let rest: Vec<models::Devices> = pages.try_collect().await.expect("decodes");
    let numbers: Vec<_> = rest.iter().map(|p| (p.page, p.count)).collect();
    assert_eq!(
        numbers,
        [(Some(1), Some(2)), (Some(2), Some(2)), (Some(3), Some(1))]
    );
    assert_eq!(server.seen().len(), 4);
}

#[tokio::test]
async fn a_walk_starts_at_the_calls_page() {
    let server = Server::start(devices_server()).await;
    let items: Vec<models::Device> = filtered(&losant(&server))
        .page("2")
        .items()
        .try_collect()
        .await
        .expect("every page decodes");
    let names: Vec<_> = items.iter().filter_map(|d| d.name.as_deref()).collect();
    // Page 2 of the server's pages of two, then page 3; the total counts what was seen.
    assert_eq!(names, ["pump-4", "pump-5", "pump-6"]);
    let pages: Vec<String> = server
        .seen()
        .iter()
        .map(|s| s.query_value("page"))
        .collect();
    assert_eq!(pages, ["2", "3", "4"], "page 4 is empty and ends the walk");
}

#[tokio::test]
async fn a_start_page_that_is_no_number_is_an_error_without_a_request() {
    let server = Server::start(devices_server()).await;
    let walked: Vec<_> = filtered(&losant(&server))
        .page("two")
        .pages()
        .collect()
        .await;
    let [Err(error)] = walked.as_slice() else {
        panic!("the error alone: {walked:?}");
    };
    assert!(
        matches!(
            error,
            generated_client::losant::Error::Pagination {
                reason: generated_client::losant::PaginationError::InvalidStartPage { page },
                ..
            } if page == "two"
        ),
        "{error:?}"
    );
    assert!(server.seen().is_empty(), "nothing was fetched");
}

#[tokio::test]
async fn a_calls_page_cap_ends_the_walk_with_an_error() {
    let server = Server::start(devices_server()).await;
    let walked: Vec<_> = filtered(&losant(&server))
        .max_pages(2)
        .items()
        .collect()
        .await;
    let [Ok(a), Ok(b), Ok(c), Ok(d), Err(error)] = walked.as_slice() else {
        panic!("two pages of items, then the cap: {walked:?}");
    };
    let names: Vec<_> = [a, b, c, d]
        .iter()
        .filter_map(|d| d.name.as_deref())
        .collect();
    assert_eq!(names, ["pump-0", "pump-1", "pump-2", "pump-3"]);
    assert!(
        matches!(
            error,
            generated_client::losant::Error::Pagination {
                reason: generated_client::losant::PaginationError::TooManyPages { limit: 2 },
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(server.seen().len(), 2, "no third request");
}
