//! Request bodies beyond JSON, parsed by a real server: multipart/form-data (text, JSON and file
//! parts, from bytes or a stream), x-www-form-urlencoded, raw bytes and text.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

mod common;

use axum::Router;
use axum::extract::Multipart as Form;
use axum::routing::any;
use bytes::Bytes;
use client_templates::runtime::{ActionInfo, CallOptions, FilePart, Multipart};
use common::serve::{Server, json, reply};
use common::{TestClient, ThingError};
use serde_json::{Value, json as j};

static UPLOAD: ActionInfo = ActionInfo {
    resource: "file",
    action: "upload",
    method: http::Method::PUT,
    route: "/files",
    scopes: &[],
    auth: client_templates::runtime::Auth::Bearer,
};

/// Parses the multipart body with axum (multer) and answers with what it found.
async fn parse(mut form: Form) -> axum::response::Response {
    let mut parts = Vec::new();
    while let Some(field) = form.next_field().await.unwrap() {
        let name = field.name().map(str::to_owned);
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(str::to_owned);
        let data = field.bytes().await.unwrap();
        parts.push(j!({
            "name": name, "fileName": file_name, "contentType": content_type,
            "data": String::from_utf8_lossy(&data),
        }));
    }
    json(200, &Value::Array(parts))
}

async fn upload(client: &TestClient, form: Multipart) -> common::ThingResult<Value> {
    let mut call = client.core.call(&UPLOAD, &CallOptions::default());
    call.path("/files");
    call.multipart(form);
    call.send_json().await
}

#[tokio::test]
async fn multipart_text_json_and_file_parts_arrive_as_sent_with_escaped_names() {
    let server = Server::start(Router::new().route("/files", any(parse))).await;
    let client = common::client(&server.url);
    let chunks = vec![
        Ok(Bytes::from_static(b"streamed ")),
        Ok(Bytes::from_static(b"content")),
    ];
    let mut form = Multipart::new();
    form.text(
        "description",
        "a \"quoted\" value\r\nwith a line break".to_owned(),
    );
    form.json("meta", &j!({"tags": ["a", "b"]}));
    form.file(
        "file",
        FilePart::bytes(&b"\x89PNG bytes"[..])
            .file_name("we\"ird\r\nname.png")
            .content_type("image/png"),
    );
    form.file(
        "log",
        FilePart::stream(futures::stream::iter(chunks)).file_name("log.txt"),
    );

    let parts = upload(&client, form).await.unwrap().into_body();

    assert_eq!(
        parts,
        j!([
            {"name": "description", "fileName": null, "contentType": null,
             "data": "a \"quoted\" value\r\nwith a line break"},
            {"name": "meta", "fileName": null, "contentType": "application/json",
             "data": "{\"tags\":[\"a\",\"b\"]}"},
            {"name": "file", "fileName": "we%22ird%0D%0Aname.png", "contentType": "image/png",
             "data": String::from_utf8_lossy(b"\x89PNG bytes")},
            {"name": "log", "fileName": "log.txt", "contentType": "application/octet-stream",
             "data": "streamed content"},
        ])
    );
    let content_type = server.seen()[0].header("content-type").unwrap().to_owned();
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
}

#[tokio::test]
async fn a_streamed_part_makes_the_upload_non_retryable_and_bytes_parts_do_not() {
    let server = Server::start(Router::new().fallback(|| async { reply(503, &[], "") })).await;
    let client = common::client(&server.url);
    let mut in_memory = Multipart::new();
    in_memory.file("file", FilePart::bytes(&b"x"[..]));
    let mut streamed = Multipart::new();
    let chunk = futures::stream::iter([Ok(Bytes::from_static(b"x"))]);
    streamed.file("file", FilePart::stream(chunk));

    upload(&client, in_memory).await.unwrap_err();
    assert_eq!(server.count(), 3, "a PUT of bytes is retried");
    upload(&client, streamed).await.unwrap_err();
    assert_eq!(server.count(), 4, "a streamed body is sent once");
}

#[tokio::test]
async fn form_text_and_bytes_bodies_carry_their_content_type() {
    let server = Server::start(Router::new().fallback(|| async { reply(204, &[], "") })).await;
    let client = common::client(&server.url);
    let send = |body: Box<dyn FnOnce(&mut client_templates::runtime::Call)>| {
        let client = client.clone();
        async move {
            let mut call = client.core.call(&UPLOAD, &CallOptions::default());
            call.path("/files");
            body(&mut call);
            call.send_empty::<ThingError>().await.unwrap();
        }
    };

    send(Box::new(|call| {
        call.form(vec![
            ("grant type", "a&b=c é".to_owned()),
            ("n", "1".to_owned()),
        ])
    }))
    .await;
    send(Box::new(|call| {
        call.text_body("héllo".to_owned(), "text/plain; charset=utf-8")
    }))
    .await;
    send(Box::new(|call| {
        call.bytes_body(Bytes::from_static(b"\x00\x01"), "application/octet-stream")
    }))
    .await;

    let seen = server.seen();
    let form: Vec<(String, String)> = serde_urlencoded_pairs(&seen[0].body);
    assert_eq!(
        form,
        [
            ("grant type".to_owned(), "a&b=c é".to_owned()),
            ("n".to_owned(), "1".to_owned())
        ]
    );
    assert_eq!(
        seen[0].header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(&seen[1].body[..], "héllo".as_bytes());
    assert_eq!(
        seen[1].header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(&seen[2].body[..], b"\x00\x01");
    assert_eq!(
        seen[2].header("content-type"),
        Some("application/octet-stream")
    );
}

/// Decodes a form body the way servers do (`url::form_urlencoded`, through reqwest's `Url`).
fn serde_urlencoded_pairs(body: &[u8]) -> Vec<(String, String)> {
    let url = reqwest::Url::parse(&format!("http://x/?{}", String::from_utf8_lossy(body))).unwrap();
    url.query_pairs().into_owned().collect()
}
