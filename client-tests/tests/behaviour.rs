//! Behaviour shared by all actions: API-wide parameters, default base URLs, local refusals,
//! encoding of path and query values, pagination, retries, timeouts, responses and errors,
//! secrecy of the token, and cloning.

mod common;

use std::time::{Duration, Instant};

use common::fixtures;
use common::raw::RawServer;
use common::*;
use futures::StreamExt;
use generated_client::losant::{self, instance_api_tokens, models as losant_models, org};
use generated_client::runtime::Refused;
use generated_client::thousandeyes::{self, models as te_models};
use serde_json::{Value, json};
use wiremock::matchers::{any, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn org_server() -> MockServer {
    let server = MockServer::start().await;
    reply_to_all(&server, json_reply(200, fixtures::org(json!(false)))).await;
    server
}

fn snapshot_request() -> te_models::SnapshotRequest {
    te_models::SnapshotRequest::new("Snap", "2024-02-01T11:00:00Z", "2024-02-01T12:00:00Z")
}

fn not_found() -> Value {
    json!({ "type": "NotFound", "message": "Organization was not found" })
}

// ---------------------------------------------------------------------------------------------
// API-wide parameters

#[tokio::test]
async fn builder_api_params_are_sent_on_every_call() {
    let server = MockServer::start().await;
    reply_to_all(&server, json_reply(200, fixtures::org(json!(false)))).await;
    let client = losant_builder(&server)
        .losantdomain("tenant.example.com")
        .links(true)
        .build()
        .expect("client builds");
    client.org().get(ORG_ID).send().await.expect("get");
    client
        .org()
        .remove_member(ORG_ID, USER_ID)
        .send()
        .await
        .expect("removeMember");
    // Bodies of other models do not matter here; only the requests are checked.
    let _ = client
        .org()
        .invite_member(
            ORG_ID,
            losant_models::OrgInvitePost::new("x@example.com", losant_models::Role::View),
        )
        .send()
        .await;
    let _ = client.instance_api_tokens().get(INSTANCE_ID).send().await;

    let received = requests(&server).await;
    assert_eq!(received.len(), 4);
    for request in &received {
        assert_eq!(
            header(request, "losantdomain"),
            "tenant.example.com",
            "{}",
            request.url
        );
    }
    assert_query(&received[0], &[("_links", "true")]);
    assert_query(&received[1], &[("userId", USER_ID), ("_links", "true")]);
    assert_query(&received[2], &[("_links", "true")]);
    assert_query(&received[3], &[("_links", "true")]);
}

#[tokio::test]
async fn a_call_overrides_the_builders_api_params() {
    let server = org_server().await;
    let client = losant_builder(&server)
        .losantdomain("builder.example.com")
        .links(true)
        .actions(true)
        .build()
        .expect("client builds");
    client
        .org()
        .get(ORG_ID)
        .losantdomain("call.example.com")
        .links(false)
        .send()
        .await
        .expect("get");
    let request = only_request(&server).await;
    assert_eq!(header(&request, "losantdomain"), "call.example.com");
    assert_query(&request, &[("_links", "false"), ("_actions", "true")]);
}

#[tokio::test]
async fn thousandeyes_aid_from_the_builder_is_sent_and_a_call_overrides_it() {
    let server = MockServer::start().await;
    reply_to_all(
        &server,
        typed_reply(201, &fixtures::snapshot_response(), "application/hal+json"),
    )
    .await;
    let client = thousandeyes_builder(&server)
        .aid("1234")
        .build()
        .expect("client builds");
    client
        .snapshots()
        .create_test_snapshot(TEST_ID, snapshot_request())
        .send()
        .await
        .expect("first call");
    client
        .snapshots()
        .create_test_snapshot(TEST_ID, snapshot_request())
        .aid("5678")
        .send()
        .await
        .expect("second call");
    let received = requests(&server).await;
    assert_eq!(received.len(), 2);
    assert_query(&received[0], &[("aid", "1234")]);
    assert_query(&received[1], &[("aid", "5678")]);
}

#[test]
fn default_base_urls_are_the_specs() {
    let losant = losant::Client::builder()
        .token(TOKEN)
        .build()
        .expect("client builds");
    let debug = format!("{losant:?}");
    assert!(
        debug.contains(r#"base_url: "https://api.losant.com""#),
        "{debug}"
    );
    let thousandeyes = thousandeyes::Client::builder()
        .token(TOKEN)
        .build()
        .expect("client builds");
    let debug = format!("{thousandeyes:?}");
    assert!(
        debug.contains(r#"base_url: "https://api.thousandeyes.com/v7""#),
        "{debug}"
    );
}

#[tokio::test]
async fn a_base_url_with_a_trailing_slash_does_not_double_the_slash() {
    let server = org_server().await;
    losant::Client::builder()
        .token(TOKEN)
        .base_url(format!("{}/", server.uri()))
        .build()
        .expect("client builds")
        .org()
        .get(ORG_ID)
        .send()
        .await
        .expect("get");
    assert_eq!(
        only_request(&server).await.url.path(),
        format!("/orgs/{ORG_ID}")
    );
}

// ---------------------------------------------------------------------------------------------
// Build errors

#[test]
fn building_without_a_token_fails() {
    let missing = losant::Client::builder().build();
    assert!(
        matches!(missing, Err(losant::BuildError::MissingToken)),
        "{missing:?}"
    );
    let blank = losant::Client::builder().token("   ").build();
    assert!(
        matches!(blank, Err(losant::BuildError::MissingToken)),
        "{blank:?}"
    );
}

#[test]
fn a_token_with_a_line_break_fails_to_build_without_being_echoed() {
    let result = losant::Client::builder().token("abc\r\nX-Evil: 1").build();
    let error = result.expect_err("the token is refused");
    assert!(
        matches!(error, losant::BuildError::InvalidToken),
        "{error:?}"
    );
    assert!(!format!("{error} {error:?}").contains("abc"));
}

#[test]
fn a_builder_header_param_with_a_line_break_fails_to_build() {
    let result = losant::Client::builder()
        .token(TOKEN)
        .losantdomain("a\r\nb")
        .build();
    match result {
        Err(losant::BuildError::InvalidApiParam { name, .. }) => assert_eq!(name, "losantdomain"),
        other => panic!("expected InvalidApiParam, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Local refusals

#[tokio::test]
async fn scopes_refuse_an_action_none_of_whose_scopes_was_granted() {
    let server = org_server().await;
    let client = losant_builder(&server)
        .scopes(["org.get"])
        .build()
        .expect("client builds");

    let result = client.org().delete(ORG_ID).send().await;
    let error = result.expect_err("delete is refused");
    let message = error.to_string();
    match &error {
        losant::Error::Refused {
            action,
            reason:
                Refused::MissingScope {
                    allowed_by,
                    granted,
                },
        } => {
            assert_eq!(*allowed_by, org::Delete::SCOPES);
            assert_eq!(
                *allowed_by,
                ["all.Organization", "all.User", "org.*", "org.delete"]
            );
            assert_eq!(granted, &vec!["org.get".to_owned()]);
            assert_eq!((action.resource(), action.action()), ("org", "delete"));
        }
        other => panic!("expected MissingScope, got {other:?}"),
    }
    for scope in ["all.Organization", "all.User", "org.*", "org.delete"] {
        assert!(message.contains(scope), "{message:?} names {scope}");
    }
    assert_eq!(requests(&server).await.len(), 0, "nothing was sent");

    let org = client
        .org()
        .get(ORG_ID)
        .send()
        .await
        .expect("org.get is allowed by the granted scope");
    assert_eq!(org.id.as_deref(), Some(ORG_ID));
    assert_eq!(requests(&server).await.len(), 1, "get was sent");
}

#[tokio::test]
async fn an_org_id_that_is_not_24_hex_characters_is_refused_locally() {
    let server = org_server().await;
    let client = losant_client(&server);
    for bad in [
        "575ed6e87ae143cd83dc4aa",   // 23 characters
        "575ed6e87ae143cd83dc4aa8a", // 25 characters
        "575ed6e87ae143cd83dc4aag",  // not hex
        "",
    ] {
        let result = client.org().get(bad).send().await;
        match expect_refused!(result) {
            Refused::InvalidParameter { name, reason } => {
                assert_eq!(name, "orgId", "{bad:?}");
                assert!(!reason.is_empty());
            }
            other => panic!("expected InvalidParameter for {bad:?}, got {other:?}"),
        }
    }
    assert_eq!(requests(&server).await.len(), 0, "nothing was sent");
}

#[tokio::test]
async fn a_header_value_with_a_line_break_is_refused_locally() {
    let server = org_server().await;
    let result = losant_client(&server)
        .org()
        .get(ORG_ID)
        .losantdomain("a\r\nb")
        .send()
        .await;
    match expect_refused!(result) {
        Refused::InvalidParameter { name, .. } => assert_eq!(name, "losantdomain"),
        other => panic!("expected InvalidParameter, got {other:?}"),
    }
    assert_eq!(requests(&server).await.len(), 0, "nothing was sent");
}

#[tokio::test]
async fn path_traversal_in_an_org_id_is_refused_by_its_pattern() {
    let server = org_server().await;
    let client = losant_client(&server);
    for bad in [
        "../x",
        "..",
        ".",
        "575ed6e87ae143cd83dc4aa8/..",
        "../../instances",
    ] {
        let result = client.org().delete(bad).send().await;
        match expect_refused!(result) {
            Refused::InvalidParameter { name, .. } => assert_eq!(name, "orgId", "{bad:?}"),
            other => panic!("expected InvalidParameter for {bad:?}, got {other:?}"),
        }
    }
    assert_eq!(requests(&server).await.len(), 0, "nothing was sent");
}

// ---------------------------------------------------------------------------------------------
// Encoding

#[tokio::test]
async fn a_test_id_always_stays_one_percent_encoded_path_segment() {
    let server = RawServer::start(201, "{}").await;
    let client = thousandeyes::Client::builder()
        .token(TOKEN)
        .base_url(format!("{}/v7", server.base_url()))
        .aid("12 34")
        .build()
        .expect("client builds");
    let cases = [
        ("a/b", "a%2Fb"),
        ("../admin", "..%2Fadmin"),
        ("...", "..."),
        ("x?y=1", "x%3Fy%3D1"),
        ("x#frag", "x%23frag"),
        ("100%", "100%25"),
        ("%2e%2e", "%252e%252e"),
        ("two words", "two%20words"),
        ("tést-ü", "t%C3%A9st-%C3%BC"),
        (
            "a/../b?c=d#e%41 f é",
            "a%2F..%2Fb%3Fc%3Dd%23e%2541%20f%20%C3%A9",
        ),
    ];
    for (value, _) in cases {
        client
            .snapshots()
            .create_test_snapshot(value, snapshot_request())
            .send()
            .await
            .unwrap_or_else(|e| panic!("{value:?}: {e}"));
    }
    let lines = server.request_lines();
    assert_eq!(lines.len(), cases.len());
    for (line, (value, segment)) in lines.iter().zip(cases) {
        assert_eq!(
            line,
            &format!("POST /v7/tests/{segment}/snapshot?aid=12%2034 HTTP/1.1"),
            "testId {value:?}"
        );
    }
}

#[tokio::test]
async fn a_test_id_that_would_drop_or_move_a_segment_is_refused_locally() {
    let server = RawServer::start(201, "{}").await;
    let client = thousandeyes::Client::builder()
        .token(TOKEN)
        .base_url(server.base_url())
        .build()
        .expect("client builds");
    for bad in ["", ".", ".."] {
        let result = client
            .snapshots()
            .create_test_snapshot(bad, snapshot_request())
            .send()
            .await;
        match expect_refused!(result) {
            Refused::InvalidParameter { name, .. } => assert_eq!(name, "testId", "{bad:?}"),
            other => panic!("expected InvalidParameter for {bad:?}, got {other:?}"),
        }
    }
    assert_eq!(server.request_lines(), Vec::<String>::new());
}

#[tokio::test]
async fn query_values_are_percent_encoded_and_arrive_intact() {
    let server = org_server().await;
    let tricky = "a&b=c#d e+f%20/é";
    losant_client(&server)
        .org()
        .get(ORG_ID)
        .summary_include(tricky)
        .summary_exclude("x=y&z")
        .send()
        .await
        .expect("get");
    let request = only_request(&server).await;
    assert_query(
        &request,
        &[("summaryInclude", tricky), ("summaryExclude", "x=y&z")],
    );
    assert_eq!(
        request.url.query(),
        Some("summaryExclude=x%3Dy%26z&summaryInclude=a%26b%3Dc%23d%20e%2Bf%2520%2F%C3%A9")
    );
}

// ---------------------------------------------------------------------------------------------
// Pagination

/// Serves 5 tokens, `per_page` at a time, answering per `page` query parameter and reporting
/// `reported_per_page` in the body.
async fn five_token_server(per_page: usize, reported_per_page: u64) -> MockServer {
    let server = MockServer::start().await;
    let all: Vec<Value> = (1..=5).map(fixtures::api_token).collect();
    for (page, chunk) in all.chunks(per_page).enumerate() {
        Mock::given(query_param("page", page.to_string()))
            .respond_with(json_reply(
                200,
                fixtures::api_tokens_page(chunk.to_vec(), page as u64, reported_per_page, 5),
            ))
            .mount(&server)
            .await;
    }
    // Any page past the end is empty, like Losant's.
    Mock::given(any())
        .respond_with(json_reply(
            200,
            fixtures::api_tokens_page(vec![], 99, reported_per_page, 5),
        ))
        .with_priority(10)
        .mount(&server)
        .await;
    server
}

fn token_names(tokens: &[losant_models::ApiToken]) -> Vec<String> {
    tokens
        .iter()
        .map(|t| t.name.clone().unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn items_walks_every_page_in_order_with_one_request_per_page() {
    let server = five_token_server(2, 2).await;
    let client = losant_client(&server);
    let items: Vec<_> = client
        .instance_api_tokens()
        .get(INSTANCE_ID)
        .per_page("2")
        .sort_field(instance_api_tokens::GetSortField::Name)
        .items()
        .collect()
        .await;
    let tokens: Vec<losant_models::ApiToken> = items
        .into_iter()
        .map(|item| item.expect("every page succeeds"))
        .collect();
    assert_eq!(
        token_names(&tokens),
        ["token-1", "token-2", "token-3", "token-4", "token-5"]
    );
    let received = requests(&server).await;
    assert_eq!(received.len(), 3, "three pages, three requests");
    for (page, request) in received.iter().enumerate() {
        assert_eq!(
            request.url.path(),
            format!("/instances/{INSTANCE_ID}/tokens")
        );
        assert_query(
            request,
            &[
                ("sortField", "name"),
                ("page", &page.to_string()),
                ("perPage", "2"),
            ],
        );
    }
}

#[tokio::test]
async fn items_stops_after_the_first_error() {
    let server = MockServer::start().await;
    Mock::given(query_param("page", "0"))
        .respond_with(json_reply(
            200,
            fixtures::api_tokens_page(
                vec![fixtures::api_token(1), fixtures::api_token(2)],
                0,
                2,
                5,
            ),
        ))
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(json_reply(
            400,
            json!({ "type": "Validation", "message": "page out of range" }),
        ))
        .with_priority(10)
        .mount(&server)
        .await;
    let client = losant_client(&server);
    let mut stream = std::pin::pin!(
        client
            .instance_api_tokens()
            .get(INSTANCE_ID)
            .per_page("2")
            .items()
    );
    let mut names = Vec::new();
    let mut errors = Vec::new();
    while let Some(item) = stream.next().await {
        match item {
            Ok(token) => names.push(token.name.unwrap_or_default()),
            Err(error) => errors.push(error),
        }
    }
    assert_eq!(names, ["token-1", "token-2"]);
    assert_eq!(errors.len(), 1, "the error is yielded once");
    let error = expect_api_error!(
        Err::<(), _>(errors.remove(0)),
        400,
        instance_api_tokens::GetError::BadRequest
    );
    assert_eq!(error.message.as_deref(), Some("page out of range"));
    assert!(stream.next().await.is_none(), "the stream stays ended");
    assert_eq!(
        requests(&server).await.len(),
        2,
        "no request after the error"
    );
}

#[tokio::test]
async fn items_starts_at_the_page_set_with_page() {
    let server = five_token_server(2, 2).await;
    let items: Vec<_> = losant_client(&server)
        .instance_api_tokens()
        .get(INSTANCE_ID)
        .per_page("2")
        .page("1")
        .items()
        .collect()
        .await;
    let tokens: Vec<losant_models::ApiToken> = items
        .into_iter()
        .map(|item| item.expect("every page succeeds"))
        .collect();
    assert_eq!(token_names(&tokens), ["token-3", "token-4", "token-5"]);
    let pages: Vec<Vec<(String, String)>> =
        requests(&server).await.iter().map(query_pairs).collect();
    assert_eq!(
        pages,
        [
            vec![
                ("page".to_owned(), "1".to_owned()),
                ("perPage".to_owned(), "2".to_owned())
            ],
            vec![
                ("page".to_owned(), "2".to_owned()),
                ("perPage".to_owned(), "2".to_owned())
            ],
        ]
    );
}

/// A server may serve fewer items per page than asked for (Losant reports the page size it
/// used in `perPage`). With `totalCount` 5 and pages of 2, all 5 items must still come.
#[tokio::test]
async fn items_follows_the_page_size_the_server_reports() {
    let server = five_token_server(2, 2).await;
    let items: Vec<_> = losant_client(&server)
        .instance_api_tokens()
        .get(INSTANCE_ID)
        .per_page("10")
        .items()
        .collect()
        .await;
    let tokens: Vec<losant_models::ApiToken> = items
        .into_iter()
        .map(|item| item.expect("every page succeeds"))
        .collect();
    assert_eq!(
        token_names(&tokens),
        ["token-1", "token-2", "token-3", "token-4", "token-5"],
        "items lost when the server's page is smaller than perPage"
    );
}

// ---------------------------------------------------------------------------------------------
// Retries

#[tokio::test]
async fn a_get_answered_503_is_retried_and_succeeds() {
    let server = MockServer::start().await;
    reply_first(&server, 1, ResponseTemplate::new(503)).await;
    reply_to_all(&server, json_reply(200, fixtures::org(json!(false)))).await;
    let org = losant_client(&server)
        .org()
        .get(ORG_ID)
        .send()
        .await
        .expect("the retry succeeds");
    assert_eq!(org.name.as_deref(), Some("Acme Industrial"));
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn a_post_answered_503_is_not_retried() {
    let server = MockServer::start().await;
    reply_first(
        &server,
        1,
        ResponseTemplate::new(503).set_body_string("busy"),
    )
    .await;
    reply_to_all(&server, json_reply(200, fixtures::org_invites())).await;
    let result = losant_client(&server)
        .org()
        .invite_member(
            ORG_ID,
            losant_models::OrgInvitePost::new("x@example.com", losant_models::Role::View),
        )
        .send()
        .await;
    match result {
        Err(losant::Error::UndocumentedStatus { status, body, .. }) => {
            assert_eq!(status.as_u16(), 503);
            assert_eq!(&body[..], b"busy");
        }
        other => panic!(
            "expected UndocumentedStatus 503, got {}",
            short_debug(&other)
        ),
    }
    assert_eq!(requests(&server).await.len(), 1, "POST is not repeated");
}

#[tokio::test]
async fn a_post_answered_429_with_retry_after_is_retried() {
    let server = MockServer::start().await;
    reply_first(
        &server,
        1,
        ResponseTemplate::new(429).insert_header("Retry-After", "0"),
    )
    .await;
    reply_to_all(&server, json_reply(200, fixtures::org_invites())).await;
    let invites = losant_client(&server)
        .org()
        .invite_member(
            ORG_ID,
            losant_models::OrgInvitePost::new("x@example.com", losant_models::Role::View),
        )
        .send()
        .await
        .expect("the retry succeeds");
    assert_eq!(invites.len(), 2);
    let received = requests(&server).await;
    assert_eq!(received.len(), 2);
    assert_eq!(
        received[0].body, received[1].body,
        "the retry sends the same body"
    );
}

#[tokio::test]
async fn max_retries_zero_makes_one_attempt() {
    let server = MockServer::start().await;
    reply_to_all(&server, ResponseTemplate::new(503)).await;
    let result = losant_builder(&server)
        .max_retries(0)
        .build()
        .expect("client builds")
        .org()
        .get(ORG_ID)
        .send()
        .await;
    assert_eq!(
        result.expect_err("503").status().map(|s| s.as_u16()),
        Some(503)
    );
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn when_retries_run_out_the_last_error_is_returned() {
    let server = MockServer::start().await;
    reply_to_all(
        &server,
        ResponseTemplate::new(502).set_body_string("bad gateway"),
    )
    .await;
    let result = losant_builder(&server)
        .max_retries(2)
        .build()
        .expect("client builds")
        .org()
        .get(ORG_ID)
        .send()
        .await;
    match result {
        Err(losant::Error::UndocumentedStatus { status, body, .. }) => {
            assert_eq!(status.as_u16(), 502);
            assert_eq!(&body[..], b"bad gateway");
        }
        other => panic!(
            "expected UndocumentedStatus 502, got {}",
            short_debug(&other)
        ),
    }
    assert_eq!(requests(&server).await.len(), 3, "1 attempt + 2 retries");
}

#[tokio::test]
async fn a_retry_after_longer_than_allowed_ends_the_call_at_once() {
    let server = MockServer::start().await;
    reply_to_all(
        &server,
        ResponseTemplate::new(429).insert_header("Retry-After", "3600"),
    )
    .await;
    let started = Instant::now();
    let result = losant_client(&server).org().get(ORG_ID).send().await;
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(
        result.expect_err("429").status().map(|s| s.as_u16()),
        Some(429)
    );
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn a_post_is_retried_when_the_connection_is_refused() {
    // A port nothing listens on: the request never reaches a server, so even POST retries.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    let result = losant::Client::builder()
        .token(TOKEN)
        .base_url(format!("http://{address}"))
        .retry_backoff(ms(1), ms(5))
        .max_retries(2)
        .build()
        .expect("client builds")
        .org()
        .invite_member(
            ORG_ID,
            losant_models::OrgInvitePost::new("x@example.com", losant_models::Role::View),
        )
        .send()
        .await;
    match result {
        Err(losant::Error::Transport {
            attempts, source, ..
        }) => {
            assert_eq!(attempts, 3);
            assert!(source.is_connect(), "{source}");
        }
        other => panic!("expected Transport, got {}", short_debug(&other)),
    }
}

// ---------------------------------------------------------------------------------------------
// Timeouts

#[tokio::test]
async fn a_slow_server_ends_in_a_timeout() {
    let server = MockServer::start().await;
    reply_to_all(
        &server,
        json_reply(200, fixtures::org(json!(false))).set_delay(Duration::from_secs(2)),
    )
    .await;
    let client = losant_builder(&server)
        .timeout(ms(200))
        .max_retries(0)
        .build()
        .expect("client builds");
    let started = Instant::now();
    let result = client.org().get(ORG_ID).send().await;
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_millis(1500), "took {elapsed:?}");
    match result {
        Err(losant::Error::Timeout {
            attempts, timeout, ..
        }) => {
            assert_eq!(attempts, 1);
            assert_eq!(timeout, ms(200));
        }
        other => panic!("expected Timeout, got {}", short_debug(&other)),
    }
}

#[tokio::test]
async fn a_call_timeout_overrides_the_clients() {
    let server = MockServer::start().await;
    reply_to_all(
        &server,
        json_reply(200, fixtures::org(json!(false))).set_delay(Duration::from_secs(2)),
    )
    .await;
    let started = Instant::now();
    let result = losant_builder(&server)
        .max_retries(0)
        .build()
        .expect("client builds")
        .org()
        .get(ORG_ID)
        .timeout(ms(150))
        .send()
        .await;
    assert!(started.elapsed() < Duration::from_millis(1500));
    assert!(
        matches!(result, Err(losant::Error::Timeout { timeout, .. }) if timeout == ms(150)),
        "{}",
        short_debug(&result)
    );
}

#[tokio::test]
async fn a_timed_out_get_is_retried_but_a_timed_out_post_is_not() {
    let server = MockServer::start().await;
    reply_to_all(
        &server,
        json_reply(200, fixtures::org(json!(false))).set_delay(Duration::from_secs(2)),
    )
    .await;
    let client = losant_builder(&server)
        .timeout(ms(100))
        .max_retries(1)
        .build()
        .expect("client builds");
    let result = client.org().get(ORG_ID).send().await;
    assert!(
        matches!(result, Err(losant::Error::Timeout { attempts: 2, .. })),
        "{}",
        short_debug(&result)
    );
    assert_eq!(requests(&server).await.len(), 2, "GET was tried twice");

    let result = client
        .org()
        .invite_member(
            ORG_ID,
            losant_models::OrgInvitePost::new("x@example.com", losant_models::Role::View),
        )
        .send()
        .await;
    assert!(
        matches!(result, Err(losant::Error::Timeout { attempts: 1, .. })),
        "{}",
        short_debug(&result)
    );
    assert_eq!(requests(&server).await.len(), 3, "POST was tried once");
}

// ---------------------------------------------------------------------------------------------
// Redirects

#[tokio::test]
async fn a_redirect_to_another_host_does_not_carry_the_token() {
    let target = org_server().await;
    let origin = MockServer::start().await;
    reply_to_all(
        &origin,
        ResponseTemplate::new(307)
            .insert_header("Location", format!("{}/orgs/{ORG_ID}", target.uri())),
    )
    .await;
    let org = losant_client(&origin)
        .org()
        .get(ORG_ID)
        .send()
        .await
        .expect("the redirect is followed");
    assert_eq!(org.id.as_deref(), Some(ORG_ID));
    let first = only_request(&origin).await;
    assert_eq!(header(&first, "authorization"), format!("Bearer {TOKEN}"));
    let redirected = only_request(&target).await;
    assert_eq!(redirected.url.path(), format!("/orgs/{ORG_ID}"));
    assert!(
        redirected.headers.get("authorization").is_none(),
        "the token must not follow a redirect to another host"
    );
}

// ---------------------------------------------------------------------------------------------
// Responses and errors

#[tokio::test]
async fn send_with_response_exposes_status_and_headers() {
    let server = MockServer::start().await;
    reply_to_all(
        &server,
        json_reply(200, fixtures::org(json!(false)))
            .insert_header("x-request-id", "req-42")
            .insert_header("x-ratelimit-remaining", "99"),
    )
    .await;
    let response = losant_client(&server)
        .org()
        .get(ORG_ID)
        .send_with_response()
        .await
        .expect("get");
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        response.headers().get("x-request-id").map(|v| v.as_bytes()),
        Some(&b"req-42"[..])
    );
    let (status, headers, org) = response.into_parts();
    assert_eq!(status.as_u16(), 200);
    assert_eq!(
        headers.get("x-ratelimit-remaining").map(|v| v.as_bytes()),
        Some(&b"99"[..])
    );
    assert_eq!(org.id.as_deref(), Some(ORG_ID));
}

#[tokio::test]
async fn an_undocumented_status_keeps_the_raw_body() {
    let server = MockServer::start().await;
    reply_to_all(
        &server,
        ResponseTemplate::new(418)
            .set_body_raw(b"I'm a teapot \xF0\x9F\xAB\x96".to_vec(), "text/plain"),
    )
    .await;
    let result = losant_client(&server).org().get(ORG_ID).send().await;
    match &result {
        Err(losant::Error::UndocumentedStatus {
            status,
            body,
            headers,
            action,
        }) => {
            assert_eq!(status.as_u16(), 418);
            assert_eq!(&body[..], b"I'm a teapot \xF0\x9F\xAB\x96");
            assert_eq!(
                headers.get("content-type").map(|v| v.as_bytes()),
                Some(&b"text/plain"[..])
            );
            assert_eq!(action.to_string(), "Losant API org.get");
        }
        other => panic!("expected UndocumentedStatus, got {}", short_debug(other)),
    }
    let error = result.expect_err("418");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(418));
    let message = error.to_string();
    assert!(
        message.contains("org.get") && message.contains("418"),
        "{message}"
    );
}

#[tokio::test]
async fn a_success_body_that_is_not_the_model_is_a_decode_error_keeping_the_body() {
    let server = MockServer::start().await;
    let raw = r#"{"id": 42, "name": ["not", "a", "string"]}"#;
    reply_to_all(
        &server,
        ResponseTemplate::new(200).set_body_raw(raw.as_bytes().to_vec(), "application/json"),
    )
    .await;
    let result = losant_client(&server).org().get(ORG_ID).send().await;
    match result {
        Err(losant::Error::Decode { status, body, .. }) => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(&body[..], raw.as_bytes());
        }
        other => panic!("expected Decode, got {}", short_debug(&other)),
    }
}

#[tokio::test]
async fn an_html_error_page_on_a_documented_status_is_a_decode_error() {
    let server = MockServer::start().await;
    let html = "<html><body>404 Not Found (nginx)</body></html>";
    reply_to_all(
        &server,
        ResponseTemplate::new(404).set_body_raw(html.as_bytes().to_vec(), "text/html"),
    )
    .await;
    let result = losant_client(&server).org().get(ORG_ID).send().await;
    let error = result.expect_err("decode error");
    let message = error.to_string();
    match &error {
        losant::Error::Decode { status, body, .. } => {
            assert_eq!(status.as_u16(), 404);
            assert_eq!(&body[..], html.as_bytes());
        }
        other => panic!("expected Decode, got {}", short_debug(other)),
    }
    assert!(message.contains("text/html"), "{message}");
}

#[tokio::test]
async fn an_empty_success_body_is_a_decode_error() {
    let server = MockServer::start().await;
    reply_to_all(&server, ResponseTemplate::new(200)).await;
    let result = losant_client(&server).org().get(ORG_ID).send().await;
    match result {
        Err(losant::Error::Decode { status, body, .. }) => {
            assert_eq!(status.as_u16(), 200);
            assert!(body.is_empty());
        }
        other => panic!("expected Decode, got {}", short_debug(&other)),
    }
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused() {
    let server = org_server().await;
    let result = losant_builder(&server)
        .max_response_bytes(64)
        .build()
        .expect("client builds")
        .org()
        .get(ORG_ID)
        .send()
        .await;
    match result {
        Err(losant::Error::BodyTooLarge { status, limit, .. }) => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(limit, 64);
        }
        other => panic!("expected BodyTooLarge, got {}", short_debug(&other)),
    }
}

#[tokio::test]
async fn an_api_error_displays_as_a_sentence_naming_action_status_and_message() {
    let server = MockServer::start().await;
    reply_to_all(&server, json_reply(404, not_found())).await;
    let error = losant_client(&server)
        .org()
        .get(ORG_ID)
        .send()
        .await
        .expect_err("404");
    let message = error.to_string();
    assert!(
        message.starts_with("Losant API org.get failed with 404 Not Found"),
        "{message}"
    );
    assert!(
        message.contains("Organization was not found"),
        "the server's message is shown: {message}"
    );
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(
        (
            error.action().api(),
            error.action().resource(),
            error.action().action()
        ),
        ("Losant API", "org", "get")
    );
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn debug_and_display_never_show_the_token() {
    let server = MockServer::start().await;
    reply_to_all(&server, json_reply(404, not_found())).await;
    let builder = losant_builder(&server).scopes(["org.get"]);
    let client = builder.clone().build().expect("client builds");
    let te_client = thousandeyes_client(&server);

    let api_error = client.org().get(ORG_ID).send().await.expect_err("404");
    let refused = client.org().delete(ORG_ID).send().await.expect_err("scope");
    let invalid = client.org().get("bad").send().await.expect_err("pattern");
    let te_error = te_client
        .snapshots()
        .create_test_snapshot(TEST_ID, snapshot_request())
        .send()
        .await
        .expect_err("404");
    let outputs = [
        format!("{builder:?}"),
        format!("{client:?}"),
        format!("{:?}", client.org().get(ORG_ID)),
        format!("{te_client:?}"),
        format!("{api_error:?}"),
        format!("{api_error}"),
        format!("{refused:?}"),
        format!("{refused}"),
        format!("{invalid:?}"),
        format!("{invalid}"),
        format!("{te_error:?}"),
        format!("{te_error}"),
    ];
    for output in &outputs {
        assert!(!output.contains(TOKEN), "token leaked in {output}");
        assert!(!output.contains("SECRET"), "token leaked in {output}");
    }
    assert!(outputs[1].contains("redacted"), "{}", outputs[1]);
}

// ---------------------------------------------------------------------------------------------
// Cloning

#[tokio::test]
async fn clones_work_concurrently() {
    let server = org_server().await;
    let client = losant_client(&server);
    let tasks: Vec<_> = (0..10)
        .map(|_| {
            let clone = client.clone();
            tokio::spawn(async move { clone.org().get(ORG_ID).send().await })
        })
        .collect();
    for task in tasks {
        let org = task.await.expect("task ran").expect("get succeeds");
        assert_eq!(org.id.as_deref(), Some(ORG_ID));
    }
    assert_eq!(requests(&server).await.len(), 10);
}

#[tokio::test]
async fn clones_share_one_connection_pool() {
    let body = serde_json::to_string(&fixtures::org(json!(false))).expect("JSON");
    let server = RawServer::start(200, &body).await;
    let client = losant::Client::builder()
        .token(TOKEN)
        .base_url(server.base_url())
        .build()
        .expect("client builds");
    let clones = [client.clone(), client.clone(), client];
    for clone in &clones {
        clone.org().get(ORG_ID).send().await.expect("get succeeds");
    }
    assert_eq!(server.request_lines().len(), 3);
    assert_eq!(
        server.connections(),
        1,
        "sequential calls on clones reuse one kept-alive connection"
    );
}
