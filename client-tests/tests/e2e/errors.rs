//! The error of a call as a caller reads it: `api_error()` gives the typed body of a documented
//! status (`org::DeleteError::NotFound(body)`), the raw body and headers stay available, a
//! status the action does not document has no typed body, and `Display` reads as a sentence
//! (never a `{:?}` of the model).

use generated_client::losant::{self, models, org};
use serde_json::json;

use crate::support::server::response;
use crate::support::{ORG_ID, Server, losant};

#[tokio::test]
async fn a_documented_error_gives_its_typed_body_and_reads_as_a_sentence() {
    let body = json!({ "type": "NotFound", "message": "Organization was not found" });
    let server = Server::start(axum::Router::new().fallback(|| async {
        response(
            404,
            &[
                ("content-type", "application/json"),
                ("x-request-id", "req-81"),
            ],
            r#"{"type":"NotFound","message":"Organization was not found"}"#,
        )
    }))
    .await;
    let error = losant(&server).org().delete(ORG_ID).await.expect_err("404");

    let Some(org::DeleteError::NotFound(not_found)) = error.api_error() else {
        panic!("the typed 404: {error:?}");
    };
    assert_eq!(not_found.r#type.as_deref(), Some("NotFound"));
    assert_eq!(
        not_found.message.as_deref(),
        Some("Organization was not found")
    );
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(
        error.headers().and_then(|h| h.get("x-request-id")),
        Some(&"req-81".parse().expect("header value"))
    );
    let raw: serde_json::Value =
        serde_json::from_slice(error.raw_body().expect("the raw body")).expect("JSON");
    assert_eq!(raw, body);
    assert_eq!(error.action().to_string(), "losant org.delete");

    assert_eq!(
        not_found_display(&error),
        "Error if organization was not found: Organization was not found"
    );
    assert_eq!(
        error.to_string(),
        "losant org.delete failed with 404 Not Found: \
         Error if organization was not found: Organization was not found"
    );

    let typed = error.into_api_error().expect("the typed body, owned");
    assert!(matches!(typed, org::DeleteError::NotFound(_)));
}

fn not_found_display(error: &losant::Error<org::DeleteError>) -> String {
    error
        .api_error()
        .map(ToString::to_string)
        .unwrap_or_default()
}

#[test]
fn a_typed_error_without_a_message_still_reads_as_a_sentence() {
    let mut body = models::Error::new();
    body.r#type = Some("Validation".to_owned());
    let shown = org::DeleteError::BadRequest(body).to_string();
    assert_eq!(shown, "Error if malformed request");
    assert!(!shown.contains("Some(") && !shown.contains("Error {"));
}

#[tokio::test]
async fn a_status_the_action_does_not_document_keeps_its_body_and_has_no_typed_body() {
    let server = Server::start(axum::Router::new().fallback(|| async {
        response(418, &[("content-type", "text/plain")], "short and stout")
    }))
    .await;
    let error = losant(&server).org().delete(ORG_ID).await.expect_err("418");
    assert!(
        matches!(error, losant::Error::UndocumentedStatus { .. }),
        "{error:?}"
    );
    assert!(error.api_error().is_none());
    assert_eq!(error.status().map(|s| s.as_u16()), Some(418));
    assert_eq!(
        error.raw_body().map(|b| b.as_ref()),
        Some(&b"short and stout"[..])
    );
}
