//! The seams around sending: hooks that see and change requests, a replaced transport, a token
//! provider that refreshes on 401, clients without a token, actions and APIs without auth.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::http::HeaderMap;
use client_templates::runtime::{
    ActionInfo, Api, ApiInfo, Auth, ByteStream, CallOptions, ClientBuilder, Core, Error, Hook,
    HttpRequest, HttpResponse, Operation, ParamLocation, Refused, StatusCode, TokenError,
    TokenProvider, Transport, TransportError,
};
use common::serve::{Server, json, reply};
use common::{TOKEN, TestApi, TestClient, get_thing};
use futures::future::BoxFuture;

fn thing_server() -> Router {
    Router::new().fallback(|| async { json(200, &serde_json::json!({"id": "t1", "count": 3})) })
}

/// Adds a header to every request and records every response status.
#[derive(Default, Clone)]
struct Recorder {
    statuses: Arc<Mutex<Vec<(String, u16)>>>,
}

impl Hook for Recorder {
    fn on_request(&self, operation: Operation, request: &mut HttpRequest) {
        let value = format!("{}-{}", operation.resource(), operation.action());
        request
            .headers_mut()
            .insert("x-trace", value.parse().unwrap());
    }

    fn on_response(&self, operation: Operation, response: &HttpResponse) {
        let entry = (operation.to_string(), response.status().as_u16());
        self.statuses.lock().unwrap().push(entry);
    }
}

#[tokio::test]
async fn hooks_change_every_attempt_and_see_every_response() {
    let server = Server::start(Router::new().fallback(common::serve::in_order(vec![
        || reply(503, &[], ""),
        || json(200, &serde_json::json!({"id": "t1", "count": 3})),
    ])))
    .await;
    let recorder = Recorder::default();
    let client = common::builder(&server.url)
        .hook(recorder.clone())
        .build()
        .unwrap();

    get_thing(&client, "t1").await.unwrap();

    let traces: Vec<_> = server
        .seen()
        .iter()
        .map(|s| s.header("x-trace").map(str::to_owned))
        .collect();
    assert_eq!(
        traces,
        [Some("thing-get".to_owned()), Some("thing-get".to_owned())]
    );
    assert_eq!(
        *recorder.statuses.lock().unwrap(),
        [
            ("testapi thing.get".to_owned(), 503),
            ("testapi thing.get".to_owned(), 200)
        ]
    );
}

/// A transport that sends through its own reqwest client and counts requests: what a custom
/// stack (a proxy tunnel, a recorder) plugs in.
struct Counting {
    http: reqwest::Client,
    sent: Arc<AtomicUsize>,
}

impl Transport for Counting {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.sent.fetch_add(1, Ordering::SeqCst);
        let (method, url, headers, body) = request.into_parts();
        let body = body.as_bytes().map(<[u8]>::to_vec).unwrap_or_default();
        Box::pin(async move {
            let other = |e: reqwest::Error| {
                TransportError::new(
                    client_templates::runtime::TransportErrorKind::Interrupted,
                    e,
                )
            };
            let response = self
                .http
                .request(method, url)
                .headers(headers)
                .body(body)
                .send()
                .await
                .map_err(other)?;
            let status = response.status();
            let headers = response.headers().clone();
            let bytes = response.bytes().await.map_err(other)?;
            Ok(HttpResponse::new(
                status,
                headers,
                ByteStream::from_bytes(bytes),
            ))
        })
    }
}

#[tokio::test]
async fn a_custom_transport_replaces_reqwest_and_keeps_the_runtime_rules() {
    let server = Server::start(thing_server()).await;
    let sent = Arc::new(AtomicUsize::new(0));
    let transport = Counting {
        http: reqwest::Client::new(),
        sent: Arc::clone(&sent),
    };
    let client = common::builder(&server.url)
        .transport(transport)
        .build()
        .unwrap();

    let thing = get_thing(&client, "t1").await.unwrap();

    assert_eq!(thing.into_body(), common::thing());
    assert_eq!(sent.load(Ordering::SeqCst), 1);
    assert_eq!(
        server.seen()[0].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
}

/// Hands out `old` until told about a 401, then `new`.
struct Refreshing {
    current: Mutex<&'static str>,
    refreshes: AtomicUsize,
}

impl TokenProvider for Refreshing {
    fn token(&self) -> BoxFuture<'_, Result<String, TokenError>> {
        let token = (*self.current.lock().unwrap()).to_owned();
        Box::pin(async move { Ok(token) })
    }

    fn unauthorized(&self, rejected: &str) -> BoxFuture<'_, bool> {
        assert_eq!(rejected, "old");
        self.refreshes.fetch_add(1, Ordering::SeqCst);
        *self.current.lock().unwrap() = "new";
        Box::pin(async { true })
    }
}

#[tokio::test]
async fn a_token_provider_is_asked_per_attempt_and_refreshes_once_on_401() {
    let server = Server::start(Router::new().fallback(|headers: HeaderMap| async move {
        match headers.get("authorization").and_then(|v| v.to_str().ok()) {
            Some("Bearer new") => json(200, &serde_json::json!({"id": "t1", "count": 3})),
            _ => reply(401, &[], ""),
        }
    }))
    .await;
    let provider = Arc::new(Refreshing {
        current: Mutex::new("old"),
        refreshes: AtomicUsize::new(0),
    });
    struct Shared(Arc<Refreshing>);
    impl TokenProvider for Shared {
        fn token(&self) -> BoxFuture<'_, Result<String, TokenError>> {
            self.0.token()
        }
        fn unauthorized(&self, rejected: &str) -> BoxFuture<'_, bool> {
            self.0.unauthorized(rejected)
        }
    }
    let client = common::builder(&server.url)
        .token_provider(Shared(Arc::clone(&provider)))
        .build()
        .unwrap();

    get_thing(&client, "t1")
        .await
        .expect("the refreshed token works");
    get_thing(&client, "t1")
        .await
        .expect("and is used from then on");

    let sent: Vec<_> = server
        .seen()
        .iter()
        .map(|s| s.header("authorization").map(str::to_owned))
        .collect();
    assert_eq!(
        sent,
        [
            Some("Bearer old".into()),
            Some("Bearer new".into()),
            Some("Bearer new".into())
        ]
    );
    assert_eq!(provider.refreshes.load(Ordering::SeqCst), 1);

    // A static token is not refreshed: the 401 comes back after one request.
    let error = get_thing(&common::client(&server.url), "t1")
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
    assert_eq!(server.count(), 4);
}

static LOGIN: ActionInfo = ActionInfo {
    resource: "auth",
    action: "authenticateUser",
    method: http::Method::POST,
    route: "/auth/user",
    scopes: &[],
    auth: Auth::None,
};

async fn login(client: &TestClient) -> common::ThingResult<common::Thing> {
    let mut call = client.core.call(&LOGIN, &CallOptions::default());
    call.path("/auth/user");
    call.json_body(&serde_json::json!({"email": "a@b.c"}));
    call.send_json().await
}

#[tokio::test]
async fn actions_without_auth_send_no_token_and_a_tokenless_client_refuses_the_others() {
    let server = Server::start(thing_server()).await;
    let with_token = common::client(&server.url);
    let without = ClientBuilder::<TestApi>::new()
        .base_url(&server.url)
        .without_token()
        .build()
        .unwrap();

    login(&with_token).await.unwrap();
    login(&without).await.unwrap();
    let error = get_thing(&without, "t1").await.unwrap_err();

    assert!(
        server
            .seen()
            .iter()
            .all(|s| s.header("authorization").is_none())
    );
    assert_eq!(server.count(), 2, "the refused call sent nothing");
    assert!(
        matches!(
            error,
            Error::Refused {
                reason: Refused::NoToken,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("ClientBuilder::token"),
        "{error}"
    );
}

static PUBLIC_DASHBOARD: ActionInfo = ActionInfo {
    resource: "dashboard",
    action: "get",
    method: http::Method::GET,
    route: "/things/{id}",
    scopes: &[],
    auth: Auth::Optional,
};

async fn public_thing(client: &TestClient) -> common::ThingResult<common::Thing> {
    let mut call = client.core.call(&PUBLIC_DASHBOARD, &CallOptions::default());
    call.path("/things/");
    call.path_param("id", "t1", None);
    call.send_json().await
}

#[tokio::test]
async fn optional_auth_sends_the_token_only_when_the_client_has_one() {
    let server = Server::start(thing_server()).await;
    let with_token = common::client(&server.url);
    let without = ClientBuilder::<TestApi>::new()
        .base_url(&server.url)
        .without_token()
        .build()
        .unwrap();

    public_thing(&with_token).await.unwrap();
    public_thing(&without).await.unwrap();

    let sent: Vec<Option<String>> = server
        .seen()
        .iter()
        .map(|s| s.header("authorization").map(str::to_owned))
        .collect();
    assert_eq!(sent.len(), 2);
    assert!(sent[0].as_deref().is_some_and(|h| h.starts_with("Bearer ")));
    assert_eq!(sent[1], None);
}

struct OpenApi;

static OPEN: ApiInfo = ApiInfo {
    name: "open",
    title: "Open API",
    default_base_url: "https://api.invalid",
    default_headers: &[],
    accept: "application/json",
    content_type: "application/json",
    user_agent: "generated-client/0.1.0",
    auth: Auth::None,
    idempotency_header: None,
};

impl Api for OpenApi {
    type Client = TestClient;
    const INFO: &'static ApiInfo = &OPEN;
    const PARAMS: &'static [(&'static str, ParamLocation)] = &[];

    fn wrap(core: Arc<Core>) -> TestClient {
        TestClient { core }
    }
}

#[tokio::test]
async fn an_api_without_auth_needs_no_token_and_never_sends_one() {
    let server = Server::start(thing_server()).await;
    let client = ClientBuilder::<OpenApi>::new()
        .base_url(&server.url)
        .build()
        .unwrap();
    let given = ClientBuilder::<OpenApi>::new()
        .base_url(&server.url)
        .token(TOKEN)
        .build()
        .unwrap();

    get_thing(&client, "t1").await.unwrap();
    get_thing(&given, "t1").await.unwrap();

    assert!(
        server
            .seen()
            .iter()
            .all(|s| s.header("authorization").is_none())
    );
}

#[test]
fn a_private_root_certificate_must_be_pem() {
    let error = common::builder("https://example.com")
        .root_certificate_pem(b"not a certificate")
        .build()
        .unwrap_err();
    assert!(
        matches!(
            error,
            client_templates::runtime::BuildError::InvalidCertificate { index: 0, .. }
        ),
        "{error:?}"
    );
}
