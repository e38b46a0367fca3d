//! Fields the specs mark sensitive (API token values, passwords, two-factor codes) print as
//! `<redacted>` in `Debug` — of the model, of a page holding it, of a request builder holding
//! it — while serde still writes and reads them, since they are the point of the call.

use generated_client::losant::models::{self, UserCredentials};
use serde_json::json;

use crate::support::fixtures;
use crate::support::{INSTANCE_ID, Server, USER_ID, losant};

#[tokio::test]
async fn a_decoded_api_token_prints_redacted_and_still_round_trips() {
    let server = Server::replying(201, fixtures::api_token(7)).await;
    let token = losant(&server)
        .instance_api_tokens()
        .post(INSTANCE_ID, models::ApiTokenPost::new("ci-deployer"))
        .await
        .expect("post succeeds");
    let secret = "eyJhbGciOiJIUzI1NiJ9.token-7.c2lnbmF0dXJl";
    assert_eq!(token.token.as_deref(), Some(secret));

    let shown = format!("{token:?} {token:#?}");
    assert!(!shown.contains("token-7.c2ln"), "{shown}");
    assert!(shown.contains("token: Some(\"<redacted>\")"), "{shown}");
    assert!(
        shown.contains("\"token-7\""),
        "other fields still print: {shown}"
    );

    let encoded = serde_json::to_value(&token).expect("serializes");
    assert_eq!(encoded["token"], json!(secret));
    let decoded: models::ApiToken = serde_json::from_value(encoded).expect("deserializes");
    assert_eq!(decoded, token);

    let page: models::ApiTokens = serde_json::from_value(fixtures::api_tokens_page(
        vec![fixtures::api_token(1)],
        0,
        1,
        1,
    ))
    .expect("a page decodes");
    let shown = format!("{page:?}");
    assert!(
        !shown.contains("token-1.c2ln") && shown.contains("<redacted>"),
        "{shown}"
    );
}

#[test]
fn credentials_and_the_builder_holding_them_print_redacted() {
    let credentials = UserCredentials::new("ada@example.com", "correct horse battery")
        .with_two_factor_code("918273");
    let shown = format!("{credentials:?}");
    assert!(
        !shown.contains("correct horse") && !shown.contains("918273"),
        "{shown}"
    );
    assert!(shown.contains("ada@example.com"), "{shown}");

    let client = generated_client::losant::Client::builder()
        .without_token()
        .build()
        .expect("client builds");
    let builder = client.auth().authenticate_user(credentials.clone());
    let shown = format!("{builder:?}");
    assert!(
        !shown.contains("correct horse") && !shown.contains("918273"),
        "{shown}"
    );

    let sent = serde_json::to_value(&credentials).expect("serializes");
    assert_eq!(sent["password"], json!("correct horse battery"));
    assert_eq!(sent["twoFactorCode"], json!("918273"));

    let user: models::AuthedUser =
        serde_json::from_value(json!({ "userId": USER_ID, "token": "issued.jwt.value" }))
            .expect("decodes");
    let shown = format!("{user:?}");
    assert!(!shown.contains("issued.jwt.value"), "{shown}");
}
