//! Actions with several documented success statuses: each status decodes into its own variant of
//! the action's generated response enum — a queued job (202) apart from the finished result
//! (200) of `application.export`, and the bodiless 204 of `auth.ssoDomain` apart from its 200.

use axum::Router;
use generated_client::losant::application::ExportResponse;
use generated_client::losant::auth::SsoDomainResponse;
use generated_client::losant::models;
use serde_json::json;

use crate::support::server::{json_response, response};
use crate::support::wire::{Wire, assert_losant_request};
use crate::support::{APP_ID, Server, losant};

fn export_options() -> models::ApplicationExportPost {
    let mut options = models::ApplicationExportPost::new();
    options.include_devices = Some(true);
    options.email = Some("ops@example.com".to_owned());
    options.force_job = Some(true);
    options
}

#[tokio::test]
async fn an_export_answered_202_is_the_queued_job_and_200_the_result() {
    let server = Server::replying(
        202,
        json!({ "jobQueued": true, "jobId": "export-17", "success": true }),
    )
    .await;
    let client = losant(&server);

    let queued = client
        .application()
        .export(APP_ID, export_options())
        .send_with_response()
        .await
        .expect("a 202 is a success");
    assert_eq!(queued.status().as_u16(), 202);
    let ExportResponse::Accepted(job) = queued.body() else {
        panic!("202 is the job variant: {:?}", queued.body());
    };
    assert_eq!(
        (job.job_queued, job.job_id.as_deref(), job.success),
        (Some(true), Some("export-17"), Some(true))
    );
    let wire = Wire {
        method: "POST",
        path: format!("/applications/{APP_ID}/export"),
        query: vec![],
        body: Some(json!({ "includeDevices": true, "email": "ops@example.com", "forceJob": true })),
    };
    assert_losant_request(&server.only_request(), &wire, None);

    let url = "https://files.example.com/exports/export-17.zip";
    server.set_reply(200, &json!({ "url": url }));
    let finished = client
        .application()
        .export(APP_ID, export_options())
        .await
        .expect("a 200 is a success");
    let ExportResponse::Ok(result) = finished else {
        panic!("200 is the result variant: {finished:?}");
    };
    assert_eq!(result.url.as_deref(), Some(url));
}

/// Answers `sso_domain` lookups: 204 without a body for `nobody@…`, the SAML request otherwise.
fn sso_server() -> Router {
    Router::new().route(
        "/auth/ssoDomain",
        axum::routing::get(
            |axum::extract::Query(query): axum::extract::Query<Vec<(String, String)>>| async move {
                let email = query.first().map(|(_, v)| v.clone()).unwrap_or_default();
                if email.starts_with("nobody@") {
                    response(204, &[], "")
                } else {
                    json_response(
                        200,
                        &json!({ "ssoType": "SAML", "ssoRequest": "https://idp.example.com/sso?r=1" }),
                    )
                }
            },
        ),
    )
}

#[tokio::test]
async fn a_bodiless_204_is_its_own_variant_and_an_action_without_auth_sends_no_token() {
    let server = Server::start(sso_server()).await;
    let client = losant(&server);

    let none = client
        .auth()
        .sso_domain("nobody@example.com")
        .send_with_response()
        .await
        .expect("a 204 is a success");
    assert_eq!(none.status().as_u16(), 204);
    assert_eq!(none.into_body(), SsoDomainResponse::NoContent);

    let found = client
        .auth()
        .sso_domain("ada@example.com")
        .await
        .expect("a 200 is a success");
    let SsoDomainResponse::Ok(sso) = found else {
        panic!("200 is the SSO variant: {found:?}");
    };
    assert_eq!(sso.sso_type, models::SsoRequestSsoType::Saml);
    assert_eq!(sso.sso_request, "https://idp.example.com/sso?r=1");

    let seen = server.take();
    let emails: Vec<String> = seen.iter().map(|s| s.query_value("email")).collect();
    assert_eq!(emails, ["nobody@example.com", "ada@example.com"]);
    for request in &seen {
        // `auth.ssoDomain` documents no auth: the client's token stays home.
        assert_eq!(request.header("authorization"), None);
    }
}
