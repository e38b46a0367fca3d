//! What each API's `api.yaml` gives every call: the API-wide parameters set once on the client
//! builder (Losant's `losantdomain` header and `_links`/`_actions` flags, ThousandEyes' `aid`)
//! go on every call, where the spec puts them, unless a call sets its own; and each API's
//! default base URL is the spec's.

use generated_client::{losant, thousandeyes};
use serde_json::{Value, json};

use crate::support::fixtures;
use crate::support::wire::assert_query;
use crate::support::{
    ORG_ID, Server, TEST_ID, TOKEN, USER_ID, losant_builder, thousandeyes_builder,
};

#[tokio::test]
async fn builder_api_params_go_on_every_call_and_a_call_overrides_them() {
    let server = Server::replying(200, fixtures::org(json!(false))).await;
    let client = losant_builder(&server.url)
        .losantdomain("tenant.example.com")
        .links(true)
        .build()
        .expect("client builds");

    client.org().get(ORG_ID).await.expect("get");
    let seen = server.only_request();
    assert_eq!(seen.header("losantdomain"), Some("tenant.example.com"));
    assert_query(&seen, &[("_links", "true")]);

    client
        .org()
        .remove_member(ORG_ID, USER_ID)
        .losantdomain("call.example.com")
        .links(false)
        .actions(true)
        .await
        .expect("removeMember");
    let seen = server.only_request();
    assert_eq!(seen.header("losantdomain"), Some("call.example.com"));
    assert_query(
        &seen,
        &[
            ("userId", USER_ID),
            ("_links", "false"),
            ("_actions", "true"),
        ],
    );

    let te = Server::replying(201, Value::Null).await;
    te.set_typed_reply(201, &fixtures::snapshot_response(), "application/hal+json");
    let client = thousandeyes_builder(&te.url)
        .aid("1234")
        .build()
        .expect("client builds");
    let request = || {
        thousandeyes::models::SnapshotRequest::new(
            "Snap",
            "2024-02-01T11:00:00Z",
            "2024-02-01T12:00:00Z",
        )
    };
    let snapshots = client.snapshots();
    snapshots
        .create_test_snapshot(TEST_ID, request())
        .await
        .expect("first call");
    assert_query(&te.only_request(), &[("aid", "1234")]);
    snapshots
        .create_test_snapshot(TEST_ID, request())
        .aid("5678")
        .await
        .expect("second call");
    assert_query(&te.only_request(), &[("aid", "5678")]);
}

#[test]
fn default_base_urls_are_the_specs() {
    let losant = losant::Client::builder()
        .token(TOKEN)
        .build()
        .expect("client builds");
    let shown = format!("{losant:?}");
    assert!(
        shown.contains(r#"base_url: "https://api.losant.com""#),
        "{shown}"
    );
    let thousandeyes = thousandeyes::Client::builder()
        .token(TOKEN)
        .build()
        .expect("client builds");
    let shown = format!("{thousandeyes:?}");
    assert!(
        shown.contains(r#"base_url: "https://api.thousandeyes.com/v7""#),
        "{shown}"
    );
}
