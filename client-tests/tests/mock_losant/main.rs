//! The generated Losant client against the generated Losant mock server: typed success and
//! error responses, body and query matching, counts, pages, delays on a paused clock, the spec
//! checks, the unmatched-request diagnostic and verification (explicit and on drop).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

mod upload_and_stream;

use std::time::Duration;

use futures::StreamExt;
use generated_client::losant::{self, mock::MockServer, models};

const ORG: &str = "575ed6e87ae143cd83dc4aa8";
const OTHER_ORG: &str = "575ec7417ae143cd83dc4a96";
const INSTANCE: &str = "575ec8687ae143cd83dc4a97";

fn client(server: &MockServer) -> losant::Client {
    losant::Client::builder()
        .token("t")
        .base_url(server.base_url())
        .max_retries(0)
        .build()
        .unwrap()
}

fn org(name: &str) -> models::Org {
    let mut org = models::Org::default();
    org.id = Some(ORG.to_owned());
    org.name = Some(name.to_owned());
    org
}

fn error_body(kind: &str, message: &str) -> models::Error {
    let mut body = models::Error::default();
    body.r#type = Some(kind.to_owned());
    body.message = Some(message.to_owned());
    body
}

fn token(name: &str) -> models::ApiToken {
    let mut token = models::ApiToken::default();
    token.name = Some(name.to_owned());
    token
}

fn tokens_page(names: &[&str], total: i64) -> models::ApiTokens {
    let mut page = models::ApiTokens::default();
    page.items = Some(names.iter().map(|n| token(n)).collect());
    page.total_count = Some(total);
    page
}

#[tokio::test]
async fn a_json_action_returns_the_typed_success_body_to_the_matching_request() {
    let server = MockServer::start().await;
    let expected = org("Acme");
    let mocked = server
        .org()
        .get()
        .org_id(ORG)
        .summary_exclude("payloadCount")
        .returns(expected.clone());
    let client = client(&server);

    let got = client
        .org()
        .get(ORG)
        .summary_exclude("payloadCount")
        .await
        .unwrap();

    assert_eq!(got, expected);
    assert_eq!(mocked.received(), 1);
    server.verify().unwrap();
}

#[tokio::test]
async fn a_documented_error_reaches_the_client_as_its_typed_variant() {
    let server = MockServer::start().await;
    let body = error_body("NotFound", "Organization was not found");
    server
        .org()
        .delete()
        .fails(losant::org::DeleteError::NotFound(body.clone()));
    let client = client(&server);

    let err = client.org().delete(ORG).await.unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(
        err.api_error(),
        Some(&losant::org::DeleteError::NotFound(body))
    );
}

#[tokio::test]
async fn a_json_body_is_matched_as_the_request_model() {
    let server = MockServer::start().await;
    let invite = models::OrgInvitePost::new("ada@example.com", models::Role::Edit);
    server
        .org()
        .invite_member()
        .org_id(ORG)
        .invite(invite.clone())
        .returns(Vec::new());
    let client = client(&server);

    client.org().invite_member(ORG, invite).await.unwrap();

    let other = models::OrgInvitePost::new("bob@example.com", models::Role::Edit);
    let err = client.org().invite_member(ORG, other).await.unwrap_err();
    let text = String::from_utf8_lossy(err.raw_body().unwrap()).into_owned();
    assert!(
        text.contains(
            "the body differs: at /email: expected \"ada@example.com\", got \"bob@example.com\""
        ),
        "{text}"
    );
    server.reset();
}

#[tokio::test]
async fn times_one_expectations_answer_successive_calls_in_order() {
    let server = MockServer::start().await;
    server.org().get().times(1).returns(org("first"));
    server.org().get().times(1).returns(org("second"));
    let client = client(&server);

    let first = client.org().get(ORG).await.unwrap();
    let second = client.org().get(ORG).await.unwrap();

    assert_eq!(first.name.as_deref(), Some("first"));
    assert_eq!(second.name.as_deref(), Some("second"));
    server.verify().unwrap();
}

#[tokio::test]
async fn a_paginated_list_is_served_page_by_page_to_items() {
    let server = MockServer::start().await;
    let pages = server
        .instance_api_tokens()
        .get()
        .instance_id(INSTANCE)
        .per_page("2")
        .returns_pages(vec![tokens_page(&["a", "b"], 3), tokens_page(&["c"], 3)]);
    let client = client(&server);

    let names: Vec<String> = client
        .instance_api_tokens()
        .get(INSTANCE)
        .per_page("2")
        .items()
        .map(|token| token.unwrap().name.unwrap())
        .collect()
        .await;

    assert_eq!(names, ["a", "b", "c"]);
    assert_eq!(pages.received(), 2);
    server.verify().unwrap();
}

#[tokio::test]
async fn a_numbered_walk_past_the_last_page_gets_an_empty_page() {
    let server = MockServer::start().await;
    // No total: the client stops at the first page without items.
    let mut first = tokens_page(&["a"], 0);
    first.total_count = None;
    let mut second = tokens_page(&["b"], 0);
    second.total_count = None;
    let pages = server
        .instance_api_tokens()
        .get()
        .returns_pages(vec![first, second]);
    let client = client(&server);

    let all: Vec<_> = client
        .instance_api_tokens()
        .get(INSTANCE)
        .items()
        .collect()
        .await;

    assert_eq!(all.len(), 2);
    assert_eq!(pages.received(), 3);
}

#[tokio::test(start_paused = true)]
async fn a_delay_runs_on_the_paused_clock_and_trips_the_client_timeout() {
    let server = MockServer::start().await;
    server
        .org()
        .get()
        .delay(Duration::from_secs(30))
        .returns(org("late"));
    let client = client(&server);
    let start = tokio::time::Instant::now();

    let err = client
        .org()
        .get(ORG)
        .timeout(Duration::from_secs(2))
        .await
        .unwrap_err();

    assert!(matches!(err, losant::Error::Timeout { .. }), "{err}");
    assert_eq!(start.elapsed(), Duration::from_secs(2));
}

#[tokio::test]
async fn a_request_the_api_would_refuse_is_answered_400_with_the_reason() {
    let server = MockServer::start().await;
    server
        .instance_api_tokens()
        .get()
        .returns(tokens_page(&[], 0));
    let client = client(&server);

    // The client can send a value the spec does not list; the real API would refuse it.
    let err = client
        .instance_api_tokens()
        .get(INSTANCE)
        .sort_field(losant::instance_api_tokens::GetSortField::Unknown(
            "bogus".into(),
        ))
        .await
        .unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    let text = String::from_utf8_lossy(err.raw_body().unwrap()).into_owned();
    assert_eq!(
        text,
        format!(
            "mock server of losant: refused GET /instances/{INSTANCE}/tokens?sortField=bogus, as \
             the API would: it is not a valid instanceApiTokens.get request \
             (GET /instances/{{instanceId}}/tokens):\n  - query parameter sortField is \"bogus\", \
             which is not one of: name, status, id, creationDate, lastUpdated, expirationDate"
        )
    );
    let report = server.verify().unwrap_err();
    assert_eq!(report.problems(), [text]);
    server.reset();
}

#[tokio::test]
async fn an_unmatched_request_gets_a_diagnostic_naming_each_expectations_failed_matcher() {
    let server = MockServer::start().await;
    server.org().get().org_id(ORG).times(1).returns(org("Acme"));
    server
        .org()
        .delete()
        .never()
        .returns(models::Success::default());
    let client = client(&server);

    let err = client.org().get(OTHER_ORG).await.unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(501));
    let text = String::from_utf8_lossy(err.raw_body().unwrap()).into_owned();
    assert_eq!(
        text,
        format!(
            "mock server of losant: no expectation matched GET /orgs/{OTHER_ORG}: no expectation \
             of org.get matches.\nExpectations, and why each did not match:\n  - #1 org.get where \
             orgId = \"{ORG}\": path parameter orgId is \"{OTHER_ORG}\", expected \"{ORG}\"\n  - \
             #2 org.delete: is for org.delete (DELETE /orgs/{{orgId}})"
        )
    );
    let report = server.verify().unwrap_err().to_string();
    assert!(report.starts_with("mock server of losant verification failed, 2 problems:\n1. mock server of losant: no expectation matched"), "{report}");
    assert!(
        report.ends_with(&format!(
            "2. expectation #1 org.get where orgId = \"{ORG}\" wanted exactly 1 request, and received 0"
        )),
        "{report}"
    );
    server.reset();
}

#[tokio::test]
async fn an_expectation_the_spec_makes_unmatchable_is_reported() {
    let server = MockServer::start().await;
    server.org().get().org_id("not-an-id").returns(org("x"));

    let report = server.verify().unwrap_err();

    assert_eq!(
        report.problems(),
        [
            "expectation #1 org.get where orgId = \"not-an-id\" cannot work: path parameter orgId \
          is \"not-an-id\", which does not match the pattern ^[A-Fa-f\\d]{24}$; no valid request \
          matches it"
        ]
    );
    server.reset();
}

#[tokio::test]
async fn a_raw_response_covers_what_the_docs_do_not_list() {
    let server = MockServer::start().await;
    server
        .org()
        .get()
        .respond(418, &[("content-type", "text/plain")], "teapot");
    let client = client(&server);

    let err = client.org().get(ORG).await.unwrap_err();

    assert!(
        matches!(err, losant::Error::UndocumentedStatus { .. }),
        "{err}"
    );
    assert_eq!(&err.raw_body().unwrap()[..], b"teapot");
}

#[tokio::test]
#[should_panic(
    expected = "mock server of losant verification failed, 1 problem:\n1. expectation #1 org.delete wanted exactly 1 request, and received 0"
)]
async fn dropping_a_server_with_an_unmet_expectation_panics_with_the_report() {
    let server = MockServer::start().await;
    server
        .org()
        .delete()
        .times(1)
        .returns(models::Success::default());
}
