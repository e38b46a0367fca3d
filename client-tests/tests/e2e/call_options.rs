//! What every generated builder offers besides its parameters: awaiting it is `.send()`, and a
//! call's own timeouts and headers reach the request (times on tokio's paused clock, against an
//! in-process server, so that the exact time the client waited can be asserted).

use std::time::Duration;

use axum::Router;
use generated_client::losant::{self, TimeoutKind};
use serde_json::json;
use tokio::time::Instant;

use crate::support::fixtures;
use crate::support::server::json_response;
use crate::support::wire::{Wire, assert_losant_request};
use crate::support::{ORG_ID, Server, losant, losant_builder};

#[tokio::test]
async fn awaiting_a_builder_sends_the_same_request_and_gives_the_same_result_as_send() {
    let server = Server::replying(200, fixtures::org(json!(false))).await;
    let client = losant(&server);
    let awaited = client
        .org()
        .get(ORG_ID)
        .summary_include("memberCount")
        .await
        .expect("awaiting sends");
    let sent = client
        .org()
        .get(ORG_ID)
        .summary_include("memberCount")
        .send()
        .await
        .expect("send sends");
    assert_eq!(awaited, sent);
    assert_eq!(awaited.id.as_deref(), Some(ORG_ID));
    let [first, second] = server.take().try_into().expect("two requests");
    assert_eq!(
        (&first.method, &first.uri, &first.headers, &first.body),
        (&second.method, &second.uri, &second.headers, &second.body)
    );
}

/// Never answers (within the hour the test would take on a real clock).
fn silent_server() -> Router {
    Router::new().fallback(|| async {
        tokio::time::sleep(Duration::from_secs(3600)).await;
        json_response(200, &fixtures::org(json!(false)))
    })
}

#[tokio::test(start_paused = true)]
async fn a_calls_own_operation_timeout_and_attempt_timeout_replace_the_clients() {
    let server = Server::start(silent_server()).await;
    let client = losant_builder(&server.url)
        .operation_timeout(Duration::from_secs(45))
        .timeout(Duration::from_secs(20))
        .build()
        .expect("client builds");

    let started = Instant::now();
    let error = client
        .org()
        .get(ORG_ID)
        .operation_timeout(Duration::from_secs(2))
        .await
        .expect_err("times out");
    assert_eq!(
        started.elapsed(),
        Duration::from_secs(2),
        "the call's 2 s, not the client's 45 s"
    );
    let losant::Error::Timeout { kind, timeout, .. } = &error else {
        panic!("a timeout: {error:?}");
    };
    assert_eq!(
        (*kind, *timeout),
        (TimeoutKind::Operation, Duration::from_secs(2))
    );

    let started = Instant::now();
    let error = client
        .org()
        .patch(ORG_ID, generated_client::losant::models::OrgPatch::new())
        .timeout(Duration::from_millis(1500))
        .await
        .expect_err("times out");
    // A PATCH that timed out is not retried: one attempt of the call's own 1.5 s.
    assert_eq!(started.elapsed(), Duration::from_millis(1500));
    let losant::Error::Timeout {
        kind,
        timeout,
        attempts,
        ..
    } = &error
    else {
        panic!("a timeout: {error:?}");
    };
    assert_eq!(
        (*kind, *timeout, *attempts),
        (TimeoutKind::Attempt, Duration::from_millis(1500), 1)
    );
}

#[tokio::test]
async fn a_calls_own_header_reaches_the_wire_and_a_line_break_in_it_is_refused_locally() {
    let server = Server::replying(200, json!({ "success": true })).await;
    let client = losant(&server);
    client
        .org()
        .delete(ORG_ID)
        .header("X-Request-Id", "abc")
        .await
        .expect("delete succeeds");
    let seen = server.only_request();
    assert_eq!(seen.header("x-request-id"), Some("abc"));
    let mut without = seen.clone();
    without.headers.remove("x-request-id");
    let wire = Wire {
        method: "DELETE",
        path: format!("/orgs/{ORG_ID}"),
        query: vec![],
        body: None,
    };
    assert_losant_request(&without, &wire, None);

    let error = client
        .org()
        .delete(ORG_ID)
        .header("X-Request-Id", "abc\r\nX-Evil: 1")
        .await
        .expect_err("refused");
    assert!(
        matches!(
            &error,
            losant::Error::Refused {
                reason: losant::Refused::InvalidHeader { name, .. },
                ..
            } if name == "X-Request-Id"
        ),
        "{error:?}"
    );
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("Evil") && !shown.contains("abc"), "{shown}");
    assert_eq!(server.seen().len(), 0, "nothing was sent");
}
