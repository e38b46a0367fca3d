//! Who may call what: `auth.authenticateUser` (how one gets a token) sent from a client built
//! `without_token()` carries no `Authorization`, while an action that documents auth is refused
//! by that client; and a client that knows its scopes refuses an action none of whose documented
//! scopes it holds (with the newer docs' eight scopes of `org.delete`).

use generated_client::losant::models::{RequestedScopesItem, UserCredentials};
use generated_client::losant::{self, org};
use serde_json::json;

use crate::support::wire::{Wire, assert_losant_request, assert_tokenless_losant_request};
use crate::support::{ORG_ID, Server, USER_ID, losant_builder};

#[tokio::test]
async fn authenticate_user_goes_without_a_token_and_a_tokenless_client_refuses_the_rest() {
    let issued = "eyJhbGciOiJIUzI1NiJ9.user.c2ln";
    let server = Server::replying(
        200,
        json!({ "userId": USER_ID, "token": issued, "needsToVerifyEmail": false, "orgId": ORG_ID }),
    )
    .await;
    let client = losant::Client::builder()
        .without_token()
        .base_url(&server.url)
        .build()
        .expect("a client without a token builds");

    let credentials = UserCredentials::new("ada@example.com", "correct horse battery")
        .with_two_factor_code("123456")
        .with_requested_scopes(vec![RequestedScopesItem::AllInstance])
        .with_token_ttl(3600);
    let user = client
        .auth()
        .authenticate_user(credentials)
        .await
        .expect("authenticateUser succeeds");
    assert_eq!(user.user_id, USER_ID);
    assert_eq!(user.token, issued);
    assert_eq!(user.needs_to_verify_email, Some(false));
    assert_eq!(user.org_id.as_deref(), Some(ORG_ID));

    let wire = Wire {
        method: "POST",
        path: "/auth/user".to_owned(),
        query: vec![],
        body: Some(json!({
            "email": "ada@example.com",
            "password": "correct horse battery",
            "twoFactorCode": "123456",
            "requestedScopes": ["all.Instance"],
            "tokenTTL": 3600
        })),
    };
    assert_tokenless_losant_request(&server.only_request(), &wire);

    // `org.get` documents auth: this client has no token to send, so nothing is sent.
    let refused = client.org().get(ORG_ID).await.expect_err("refused");
    assert!(
        matches!(
            &refused,
            losant::Error::Refused {
                reason: losant::Refused::NoToken,
                ..
            }
        ),
        "{refused:?}"
    );
    assert_eq!(server.seen().len(), 0);
}

#[tokio::test]
async fn scopes_refuse_an_action_none_of_whose_documented_scopes_is_granted() {
    // Losant's newer docs list eight scopes for org.delete (the seed page listed four).
    let eight = [
        "all.Organization",
        "all.Organization.bounded",
        "all.User",
        "all.User.bounded",
        "only.Organization",
        "only.Organization.bounded",
        "org.*",
        "org.delete",
    ];
    assert_eq!(org::Delete::SCOPES, eight);

    let server = Server::replying(200, json!({ "success": true })).await;
    let reader = losant_builder(&server.url)
        .scopes(["org.get", "all.Organization.read", "orgs.*"])
        .build()
        .expect("client builds");
    let refused = reader.org().delete(ORG_ID).await.expect_err("refused");
    let losant::Error::Refused {
        reason:
            losant::Refused::MissingScope {
                allowed_by,
                granted,
                ..
            },
        ..
    } = &refused
    else {
        panic!("a missing scope: {refused:?}");
    };
    let alternatives: Vec<&[&str]> = allowed_by.to_vec();
    let expected: Vec<&[&str]> = eight.iter().map(std::slice::from_ref).collect();
    assert_eq!(alternatives, expected, "any one of the eight, each alone");
    assert_eq!(granted, &["org.get", "all.Organization.read", "orgs.*"]);
    let message = refused.to_string();
    assert!(
        message.contains("org.delete") && message.contains("all.User.bounded or"),
        "{message}"
    );
    assert_eq!(server.seen().len(), 0, "refused before sending");

    // One of the scopes the newer docs added is enough.
    let bounded = losant_builder(&server.url)
        .scopes(["all.User.bounded"])
        .build()
        .expect("client builds");
    bounded
        .org()
        .delete(ORG_ID)
        .await
        .expect("all.User.bounded allows org.delete");
    let wire = Wire {
        method: "DELETE",
        path: format!("/orgs/{ORG_ID}"),
        query: vec![],
        body: None,
    };
    assert_losant_request(&server.only_request(), &wire, None);
}
