//! ThousandEyes' `create_test_snapshot`: the exact request with every parameter set, the
//! decoding of the documented success body, and of every documented error status.

mod common;

use common::fixtures;
use common::*;
use generated_client::thousandeyes::models;
use generated_client::thousandeyes::snapshots::CreateTestSnapshotError;
use serde_json::{Value, json};
use wiremock::MockServer;

fn snapshot_path() -> String {
    format!("/v7/tests/{TEST_ID}/snapshot")
}

fn full_request() -> models::SnapshotRequest {
    models::SnapshotRequest {
        display_name: "Checkout outage 2024-02-01".to_owned(),
        start_date: "2024-02-01T11:00:00Z".to_owned(),
        end_date: "2024-02-01T12:00:00Z".to_owned(),
        is_public: Some(true),
    }
}

async fn server_replying(status: u16, body: &Value, media_type: &str) -> MockServer {
    let server = MockServer::start().await;
    reply_to_all(&server, typed_reply(status, body, media_type)).await;
    server
}

#[tokio::test]
async fn create_test_snapshot_request_carries_every_parameter() {
    let server = server_replying(201, &fixtures::snapshot_response(), "application/hal+json").await;
    thousandeyes_client(&server)
        .snapshots()
        .create_test_snapshot(TEST_ID, full_request())
        .aid("1234")
        .send()
        .await
        .expect("create_test_snapshot succeeds");
    assert_thousandeyes_request(
        &only_request(&server).await,
        Wire {
            method: "POST",
            path: &snapshot_path(),
            query: &[("aid", "1234")],
            body: Some(json!({
                "displayName": "Checkout outage 2024-02-01",
                "startDate": "2024-02-01T11:00:00Z",
                "endDate": "2024-02-01T12:00:00Z",
                "isPublic": true
            })),
        },
    );
}

#[tokio::test]
async fn create_test_snapshot_body_omits_unset_optional_fields() {
    let server = server_replying(201, &fixtures::snapshot_response(), "application/hal+json").await;
    thousandeyes_client(&server)
        .snapshots()
        .create_test_snapshot(
            TEST_ID,
            models::SnapshotRequest::new("Nightly", "2024-02-01T00:00:00Z", "2024-02-02T00:00:00Z"),
        )
        .send()
        .await
        .expect("create_test_snapshot succeeds");
    assert_thousandeyes_request(
        &only_request(&server).await,
        Wire {
            method: "POST",
            path: &snapshot_path(),
            query: &[],
            body: Some(json!({
                "displayName": "Nightly",
                "startDate": "2024-02-01T00:00:00Z",
                "endDate": "2024-02-02T00:00:00Z"
            })),
        },
    );
}

#[tokio::test]
async fn create_test_snapshot_decodes_the_documented_success_body() {
    let body = fixtures::snapshot_response();
    let server = server_replying(201, &body, "application/hal+json").await;
    let response = thousandeyes_client(&server)
        .snapshots()
        .create_test_snapshot(TEST_ID, full_request())
        .send_with_response()
        .await
        .expect("create_test_snapshot succeeds");
    assert_eq!(response.status().as_u16(), 201);
    let snapshot = response.body();

    assert_eq!(
        snapshot.id.as_deref(),
        Some("b2f1c0de-5a7e-4d3c-9f10-0123456789ab")
    );
    assert_eq!(snapshot.start_round_id, Some(1_706_785_200));
    assert_eq!(snapshot.end_round_id, Some(1_706_788_800));
    assert_eq!(snapshot.round_id, Some(1_706_787_000));
    assert_eq!(snapshot.share_date.as_deref(), Some("2024-02-01T12:30:00Z"));
    assert_eq!(snapshot.source_test_id.as_deref(), Some("202701"));
    assert_eq!(snapshot.test_id.as_deref(), Some("303949"));
    assert_eq!(snapshot.uid.as_deref(), Some("184529"));
    assert_eq!(
        snapshot.display_name.as_deref(),
        Some("Checkout outage 2024-02-01")
    );
    assert_eq!(
        snapshot.extra_params.as_deref(),
        Some("{\"agentIds\":[\"4492\",\"4493\"]}")
    );

    let test = snapshot.test.as_ref().expect("test");
    assert_eq!(test.interval, Some(models::TestInterval::V300));
    assert_eq!(test.alerts_enabled, Some(true));
    assert_eq!(test.enabled, Some(false));
    assert_eq!(test.created_by.as_deref(), Some("ada@example.com (184529)"));
    assert_eq!(test.created_date.as_deref(), Some("2023-11-20T08:00:00Z"));
    assert_eq!(
        test.description.as_deref(),
        Some("Checkout page availability")
    );
    assert_eq!(test.live_share, Some(false));
    assert_eq!(
        test.modified_by.as_deref(),
        Some("grace@example.com (184530)")
    );
    assert_eq!(test.modified_date.as_deref(), Some("2024-01-15T10:20:30Z"));
    assert_eq!(test.saved_event, Some(true));
    assert_eq!(test.test_id.as_deref(), Some("303949"));
    assert_eq!(test.test_name.as_deref(), Some("shop.example.com checkout"));
    assert_eq!(test.r#type, Some(models::TestType::HttpServer));
    let test_links = test.links.as_ref().expect("test _links");
    assert_eq!(
        test_links.self_,
        Some(models::TestSelfLink {
            href: "https://api.thousandeyes.com/v7/tests/303949".to_owned(),
            templated: Some(false),
            r#type: Some("application/hal+json".to_owned()),
            deprecation: Some(
                "https://developer.cisco.com/docs/thousandeyes/deprecations".to_owned()
            ),
            name: Some("primary".to_owned()),
            profile: Some("https://api.thousandeyes.com/v7/profiles/test".to_owned()),
            title: Some("Test details".to_owned()),
            hreflang: Some("en-US".to_owned()),
        })
    );
    let results = test_links.test_results.as_ref().expect("testResults");
    assert_eq!(
        results[0],
        models::Link::new("https://api.thousandeyes.com/v7/test-results/303949/network")
    );
    assert_eq!(results[1].title.as_deref(), Some("HTTP server results"));

    let links = snapshot.links.as_ref().expect("_links");
    assert_eq!(
        links.self_,
        Some(models::Link::new(
            "https://api.thousandeyes.com/v7/tests/202701/snapshot"
        ))
    );
    let app_link = links.app_link.as_ref().expect("appLink");
    assert_eq!(
        app_link.href,
        "https://app.thousandeyes.com/view/tests/?__a=1234&share=b2f1c0de"
    );
    assert_eq!(app_link.r#type.as_deref(), Some("text/html"));

    assert_round_trip!(snapshot, &body);
}

#[tokio::test]
async fn create_test_snapshot_keeps_enum_values_it_does_not_know() {
    let mut body = fixtures::snapshot_response();
    body["test"]["interval"] = json!(11184809);
    body["test"]["type"] = json!("unknown");
    let server = server_replying(201, &body, "application/hal+json").await;
    let snapshot = thousandeyes_client(&server)
        .snapshots()
        .create_test_snapshot(TEST_ID, full_request())
        .send()
        .await
        .expect("create_test_snapshot succeeds");
    let test = snapshot.test.expect("test");
    assert_eq!(
        test.interval.map(models::TestInterval::value),
        Some(11184809)
    );
    assert_eq!(test.r#type.as_ref().map(|t| t.as_str()), Some("unknown"));
}

#[tokio::test]
async fn create_test_snapshot_decodes_400_validation_error() {
    let body = json!({
        "type": "https://developer.cisco.com/docs/thousandeyes/errors/validation",
        "title": "Validation failed",
        "status": 400,
        "detail": "2 fields are invalid",
        "instance": "/v7/tests/202701/snapshot",
        "errors": [
            { "code": "INVALID_RANGE", "field": "endDate", "message": "must be in the past" },
            { "code": "REQUIRED", "field": "displayName", "message": "must not be blank" }
        ]
    });
    let server = server_replying(400, &body, "application/problem+json").await;
    let result = thousandeyes_client(&server)
        .snapshots()
        .create_test_snapshot(TEST_ID, full_request())
        .send()
        .await;
    let error = expect_api_error!(result, 400, CreateTestSnapshotError::BadRequest);
    assert_eq!(
        error,
        models::ValidationError {
            r#type: Some(
                "https://developer.cisco.com/docs/thousandeyes/errors/validation".to_owned()
            ),
            title: Some("Validation failed".to_owned()),
            status: Some(400),
            detail: Some("2 fields are invalid".to_owned()),
            instance: Some("/v7/tests/202701/snapshot".to_owned()),
            errors: Some(vec![
                models::ValidationErrorItem {
                    code: Some("INVALID_RANGE".to_owned()),
                    field: Some("endDate".to_owned()),
                    message: Some("must be in the past".to_owned()),
                },
                models::ValidationErrorItem {
                    code: Some("REQUIRED".to_owned()),
                    field: Some("displayName".to_owned()),
                    message: Some("must not be blank".to_owned()),
                },
            ]),
        }
    );
}

#[tokio::test]
async fn create_test_snapshot_decodes_401_unauthorized_error() {
    let body = json!({
        "error": "invalid_token",
        "error_description": "Invalid access token: 7c1e…"
    });
    let server = server_replying(401, &body, "application/json").await;
    let result = thousandeyes_client(&server)
        .snapshots()
        .create_test_snapshot(TEST_ID, full_request())
        .send()
        .await;
    let error = expect_api_error!(result, 401, CreateTestSnapshotError::Unauthorized);
    assert_eq!(
        error,
        models::UnauthorizedError {
            error: Some("invalid_token".to_owned()),
            error_description: Some("Invalid access token: 7c1e…".to_owned()),
        }
    );
}

fn problem(status: u16, title: &str) -> Value {
    json!({
        "type": format!("https://httpstatuses.io/{status}"),
        "title": title,
        "status": status,
        "detail": format!("{title} while creating the snapshot"),
        "instance": "/v7/tests/202701/snapshot"
    })
}

fn assert_problem(error: &models::Error, status: u16, title: &str) {
    assert_eq!(
        error,
        &models::Error {
            r#type: Some(format!("https://httpstatuses.io/{status}")),
            title: Some(title.to_owned()),
            status: Some(i64::from(status)),
            detail: Some(format!("{title} while creating the snapshot")),
            instance: Some("/v7/tests/202701/snapshot".to_owned()),
        }
    );
}

/// Sends once (no retries) against a server answering `status` with a problem+json body.
async fn create_against_problem(
    status: u16,
    title: &str,
) -> Result<models::SnapshotResponse, generated_client::thousandeyes::Error<CreateTestSnapshotError>>
{
    let server = server_replying(status, &problem(status, title), "application/problem+json").await;
    let result = thousandeyes_builder(&server)
        .max_retries(0)
        .build()
        .expect("client builds")
        .snapshots()
        .create_test_snapshot(TEST_ID, full_request())
        .send()
        .await;
    assert_eq!(requests(&server).await.len(), 1, "one attempt for {status}");
    result
}

#[tokio::test]
async fn create_test_snapshot_decodes_403_problem() {
    let result = create_against_problem(403, "Forbidden").await;
    let error = expect_api_error!(result, 403, CreateTestSnapshotError::Forbidden);
    assert_problem(&error, 403, "Forbidden");
}

#[tokio::test]
async fn create_test_snapshot_decodes_404_problem() {
    let result = create_against_problem(404, "Not Found").await;
    let error = expect_api_error!(result, 404, CreateTestSnapshotError::NotFound);
    assert_problem(&error, 404, "Not Found");
}

#[tokio::test]
async fn create_test_snapshot_decodes_429_problem() {
    let result = create_against_problem(429, "Too Many Requests").await;
    let error = expect_api_error!(result, 429, CreateTestSnapshotError::TooManyRequests);
    assert_problem(&error, 429, "Too Many Requests");
}

#[tokio::test]
async fn create_test_snapshot_decodes_500_problem() {
    let result = create_against_problem(500, "Internal Server Error").await;
    let error = expect_api_error!(result, 500, CreateTestSnapshotError::InternalServerError);
    assert_problem(&error, 500, "Internal Server Error");
}

#[tokio::test]
async fn create_test_snapshot_decodes_502_problem() {
    let result = create_against_problem(502, "Bad Gateway").await;
    let error = expect_api_error!(result, 502, CreateTestSnapshotError::BadGateway);
    assert_problem(&error, 502, "Bad Gateway");
}
