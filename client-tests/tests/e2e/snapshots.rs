//! ThousandEyes' `snapshots.createTestSnapshot`: the exact request with every parameter set
//! (and with only the required ones), the HAL success body decoded field by field and
//! re-encoded, and every documented error status (problem+json bodies) in its own variant.

use generated_client::thousandeyes::models;
use generated_client::thousandeyes::snapshots::CreateTestSnapshotError;
use serde_json::{Value, json};

use crate::support::fixtures;
use crate::support::wire::{Wire, assert_thousandeyes_request};
use crate::support::{Server, TEST_ID, assert_round_trip, thousandeyes, thousandeyes_builder};

fn snapshot_path() -> String {
    format!("/v7/tests/{TEST_ID}/snapshot")
}

fn full_request() -> models::SnapshotRequest {
    models::SnapshotRequest::new(
        "Checkout outage 2024-02-01",
        "2024-02-01T11:00:00Z",
        "2024-02-01T12:00:00Z",
    )
    .with_is_public(true)
}

async fn hal_server() -> Server {
    let server = Server::replying(201, Value::Null).await;
    server.set_typed_reply(201, &fixtures::snapshot_response(), "application/hal+json");
    server
}

#[tokio::test]
async fn create_test_snapshot_request_carries_every_parameter_or_only_the_required_ones() {
    let server = hal_server().await;
    let client = thousandeyes(&server);
    client
        .snapshots()
        .create_test_snapshot(TEST_ID, full_request())
        .aid("1234")
        .await
        .expect("createTestSnapshot succeeds");
    let full = Wire {
        method: "POST",
        path: snapshot_path(),
        query: vec![("aid", "1234")],
        body: Some(json!({
            "displayName": "Checkout outage 2024-02-01",
            "startDate": "2024-02-01T11:00:00Z",
            "endDate": "2024-02-01T12:00:00Z",
            "isPublic": true
        })),
    };
    assert_thousandeyes_request(&server.only_request(), &full);

    let nightly =
        models::SnapshotRequest::new("Nightly", "2024-02-01T00:00:00Z", "2024-02-02T00:00:00Z");
    client
        .snapshots()
        .create_test_snapshot(TEST_ID, nightly)
        .await
        .expect("createTestSnapshot succeeds");
    let minimal = Wire {
        query: vec![],
        body: Some(json!({
            "displayName": "Nightly",
            "startDate": "2024-02-01T00:00:00Z",
            "endDate": "2024-02-02T00:00:00Z"
        })),
        ..full
    };
    assert_thousandeyes_request(&server.only_request(), &minimal);
}

#[tokio::test]
async fn create_test_snapshot_decodes_every_field_of_the_201_body() {
    let server = hal_server().await;
    let response = thousandeyes(&server)
        .snapshots()
        .create_test_snapshot(TEST_ID, full_request())
        .send_with_response()
        .await
        .expect("createTestSnapshot succeeds");
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
    let self_link = test_links.self_.as_ref().expect("self");
    assert_eq!(
        self_link.href,
        "https://api.thousandeyes.com/v7/tests/303949"
    );
    assert_eq!(self_link.templated, Some(false));
    assert_eq!(self_link.r#type.as_deref(), Some("application/hal+json"));
    assert_eq!(
        self_link.deprecation.as_deref(),
        Some("https://developer.cisco.com/docs/thousandeyes/deprecations")
    );
    assert_eq!(self_link.name.as_deref(), Some("primary"));
    assert_eq!(
        self_link.profile.as_deref(),
        Some("https://api.thousandeyes.com/v7/profiles/test")
    );
    assert_eq!(self_link.title.as_deref(), Some("Test details"));
    assert_eq!(self_link.hreflang.as_deref(), Some("en-US"));
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

    assert_round_trip(snapshot, &fixtures::snapshot_response());
}

/// An interval and a test type newer than the docs decode into their `Unknown` values and are
/// re-encoded as they came.
#[tokio::test]
async fn create_test_snapshot_keeps_enum_values_it_does_not_know() {
    let mut body = fixtures::snapshot_response();
    body["test"]["interval"] = json!(11184809);
    body["test"]["type"] = json!("quantum-test");
    let server = Server::replying(201, body.clone()).await;
    let snapshot = thousandeyes(&server)
        .snapshots()
        .create_test_snapshot(TEST_ID, full_request())
        .await
        .expect("createTestSnapshot succeeds");
    let test = snapshot.test.as_ref().expect("test");
    assert_eq!(test.interval.as_ref().map(|i| i.value()), Some(11184809));
    assert_eq!(
        test.r#type.as_ref().map(|t| t.as_str()),
        Some("quantum-test")
    );
    assert_round_trip(&snapshot, &body);
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

fn validation_problem() -> Value {
    json!({
        "type": "https://developer.cisco.com/docs/thousandeyes/errors/validation",
        "title": "Validation failed",
        "status": 400,
        "detail": "2 fields are invalid",
        "instance": "/v7/tests/202701/snapshot",
        "errors": [
            { "code": "INVALID_RANGE", "field": "endDate", "message": "must be in the past" },
            { "code": "REQUIRED", "field": "displayName", "message": "must not be blank" }
        ]
    })
}

/// Each documented status decodes into its own variant (sent once: `max_retries(0)`, since
/// 429, 502 are retryable), and each body is the documented model, re-encoded unchanged.
#[tokio::test]
async fn create_test_snapshot_decodes_every_documented_error_status() {
    let server = Server::replying(200, Value::Null).await;
    let client = thousandeyes_builder(&server.url)
        .max_retries(0)
        .build()
        .expect("client builds");
    let unauthorized = json!({
        "error": "invalid_token",
        "error_description": "Invalid access token: 7c1e…"
    });
    const PROBLEM: &str = "application/problem+json";
    // Each status, its body, and how its typed error reads (the docs' description, then the
    // body's own words).
    let cases = [
        (
            400,
            validation_problem(),
            PROBLEM,
            "Bad Request: 2 fields are invalid",
        ),
        (
            401,
            unauthorized,
            "application/json",
            "Unauthorized: Invalid access token: 7c1e…",
        ),
        (
            403,
            problem(403, "Forbidden"),
            PROBLEM,
            "Insufficient permissions to query endpoint: Forbidden while creating the snapshot",
        ),
        (
            404,
            problem(404, "Not Found"),
            PROBLEM,
            "Not found: Not Found while creating the snapshot",
        ),
        (
            429,
            problem(429, "Too Many Requests"),
            PROBLEM,
            "Exhausted rate limit for the organization: Too Many Requests while creating the snapshot",
        ),
        (
            500,
            problem(500, "Internal Server Error"),
            PROBLEM,
            "Internal server error: Internal Server Error while creating the snapshot",
        ),
        (
            502,
            problem(502, "Bad Gateway"),
            PROBLEM,
            "Bad Gateway: Bad Gateway while creating the snapshot",
        ),
    ];
    for (status, body, media_type, reads) in cases {
        server.set_typed_reply(status, &body, media_type);
        let error = client
            .snapshots()
            .create_test_snapshot(TEST_ID, full_request())
            .await
            .expect_err("an error status");
        assert_eq!(server.take().len(), 1, "one attempt for {status}");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        let Some(typed) = error.api_error() else {
            panic!("{status} is documented: {error:?}");
        };
        let (variant, decoded) = match typed {
            CreateTestSnapshotError::BadRequest(e) => (400, serde_json::to_value(e)),
            CreateTestSnapshotError::Unauthorized(e) => (401, serde_json::to_value(e)),
            CreateTestSnapshotError::Forbidden(e) => (403, serde_json::to_value(e)),
            CreateTestSnapshotError::NotFound(e) => (404, serde_json::to_value(e)),
            CreateTestSnapshotError::TooManyRequests(e) => (429, serde_json::to_value(e)),
            CreateTestSnapshotError::InternalServerError(e) => (500, serde_json::to_value(e)),
            CreateTestSnapshotError::BadGateway(e) => (502, serde_json::to_value(e)),
            other => panic!("an error variant the docs do not list: {other:?}"),
        };
        assert_eq!(variant, status, "the variant of {status}");
        assert_eq!(typed.to_string(), reads);
        assert_eq!(decoded.expect("serializes"), body, "the body of {status}");
    }
}

/// The problem and validation models decode field by field (the table above compares whole
/// re-encoded bodies).
#[tokio::test]
async fn create_test_snapshot_decodes_a_validation_problem_field_by_field() {
    let server = Server::replying(400, Value::Null).await;
    server.set_typed_reply(400, &validation_problem(), "application/problem+json");
    let error = thousandeyes(&server)
        .snapshots()
        .create_test_snapshot(TEST_ID, full_request())
        .await
        .expect_err("400");
    let Some(CreateTestSnapshotError::BadRequest(problem)) = error.api_error() else {
        panic!("expected BadRequest: {error:?}");
    };
    assert_eq!(
        problem.r#type.as_deref(),
        Some("https://developer.cisco.com/docs/thousandeyes/errors/validation")
    );
    assert_eq!(problem.title.as_deref(), Some("Validation failed"));
    assert_eq!(problem.status, Some(400));
    assert_eq!(problem.detail.as_deref(), Some("2 fields are invalid"));
    assert_eq!(
        problem.instance.as_deref(),
        Some("/v7/tests/202701/snapshot")
    );
    let errors: Vec<_> = problem
        .errors
        .as_ref()
        .expect("errors")
        .iter()
        .map(|e| (e.code.as_deref(), e.field.as_deref(), e.message.as_deref()))
        .collect();
    assert_eq!(
        errors,
        [
            (
                Some("INVALID_RANGE"),
                Some("endDate"),
                Some("must be in the past")
            ),
            (
                Some("REQUIRED"),
                Some("displayName"),
                Some("must not be blank")
            ),
        ]
    );
}
