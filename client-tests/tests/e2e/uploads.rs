//! A multipart upload end to end (`applications.import`): the server parses the form and sees
//! each part by name — the file with its file name, content type and bytes (streamed in chunks
//! by the client), the text parts, and the options model as a JSON part.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::Multipart;
use generated_client::losant::applications::{ImportOwnerType, ImportResponse};
use generated_client::losant::{FilePart, models};
use serde_json::json;

use crate::support::server::json_response;
use crate::support::{ORG_ID, Server, TOKEN, losant};

/// One part as the server's multipart parser read it.
#[derive(Debug, Clone, PartialEq)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    bytes: Bytes,
}

/// Parses each upload with axum's multipart extractor and answers 202 with a queued job.
fn import_server(parts: Arc<Mutex<Vec<Part>>>) -> Router {
    Router::new().route(
        "/applications/import",
        axum::routing::post(move |mut form: Multipart| async move {
            while let Some(field) = form.next_field().await.expect("a well-formed form") {
                let part = Part {
                    name: field.name().unwrap_or_default().to_owned(),
                    file_name: field.file_name().map(str::to_owned),
                    content_type: field.content_type().map(str::to_owned),
                    bytes: field.bytes().await.expect("the part's bytes"),
                };
                parts.lock().expect("lock").push(part);
            }
            json_response(
                202,
                &json!({ "jobQueued": true, "jobId": "import-4711", "success": true }),
            )
        }),
    )
}

fn text(name: &str, value: &str) -> Part {
    Part {
        name: name.to_owned(),
        file_name: None,
        content_type: None,
        bytes: Bytes::from(value.to_owned()),
    }
}

#[tokio::test]
async fn an_import_bundle_is_uploaded_as_named_parts_the_server_parses() {
    let parts = Arc::new(Mutex::new(Vec::new()));
    let server = Server::start(import_server(Arc::clone(&parts))).await;
    let zip_chunks: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(Bytes::from_static(b"PK\x03\x04 first chunk;")),
        Ok(Bytes::from_static(b" second chunk \x00\xff")),
    ];
    let bundle = FilePart::stream(futures::stream::iter(zip_chunks))
        .file_name("dayton plant.zip")
        .content_type("application/zip");
    let options = models::ImportNewApplicationOptions::new()
        .with_callback_url("https://hooks.example.com/imported")
        .with_force_job(true);

    let outcome = losant(&server)
        .applications()
        .import()
        .import_bundle(bundle)
        .owner_id(ORG_ID)
        .owner_type(ImportOwnerType::Organization)
        .include_devices("true")
        .email("ops@example.com")
        .options_param(options)
        .await
        .expect("applications.import succeeds");

    let ImportResponse::Accepted(job) = outcome else {
        panic!("a 202 is the queued-job variant: {outcome:?}");
    };
    assert_eq!(job.job_queued, Some(true));
    assert_eq!(job.job_id.as_deref(), Some("import-4711"));

    let received = parts.lock().expect("lock").clone();
    let expected = vec![
        Part {
            name: "importBundle".to_owned(),
            file_name: Some("dayton plant.zip".to_owned()),
            content_type: Some("application/zip".to_owned()),
            bytes: Bytes::from_static(b"PK\x03\x04 first chunk; second chunk \x00\xff"),
        },
        text("ownerId", ORG_ID),
        text("ownerType", "organization"),
        text("includeDevices", "true"),
        text("email", "ops@example.com"),
        Part {
            content_type: Some("application/json".to_owned()),
            ..text(
                "options",
                r#"{"callbackUrl":"https://hooks.example.com/imported","forceJob":true}"#,
            )
        },
    ];
    assert_eq!(received, expected);

    let seen = server.only_request();
    let content_type = seen.header("content-type").expect("a content type");
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    let authorization = format!("Bearer {TOKEN}");
    assert_eq!(seen.header("authorization"), Some(authorization.as_str()));
    assert_eq!(seen.raw_query(), None);
}
