//! A tiny API defined the way the generator defines one, and test servers for it.

// Each test binary uses its own subset of these helpers.
#![allow(dead_code)]

pub mod serve;

pub mod raw;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use client_templates::runtime::{
    ActionInfo, Api, ApiInfo, Auth, CallOptions, ClientBuilder, Core, Error, ErrorBody,
    ParamLocation, Response, StatusCode,
};
use http::Method;
use serde::{Deserialize, Serialize};

/// A token that must never show up in any output.
pub const TOKEN: &str = "secret-token-123";

pub struct TestApi;

#[derive(Debug, Clone)]
pub struct TestClient {
    pub core: Arc<Core>,
}

static INFO: ApiInfo = ApiInfo {
    name: "testapi",
    title: "Test API",
    default_base_url: "https://api.invalid",
    default_headers: &[("Accept-Version", "^1.30.0")],
    accept: "application/json",
    content_type: "application/json",
    user_agent: "generated-client/0.1.0",
    auth: Auth::Bearer,
    idempotency_header: None,
};

impl Api for TestApi {
    type Client = TestClient;
    const INFO: &'static ApiInfo = &INFO;
    const PARAMS: &'static [(&'static str, ParamLocation)] = &[
        ("domain", ParamLocation::Header),
        ("region", ParamLocation::Query),
    ];

    fn wrap(core: Arc<Core>) -> TestClient {
        TestClient { core }
    }
}

pub static GET_THING: ActionInfo = ActionInfo {
    resource: "thing",
    action: "get",
    method: Method::GET,
    route: "/things/{thingId}",
    scopes: &[&["all.Thing"], &["thing.*"], &["thing.get"]],
    auth: Auth::Bearer,
};

pub static POST_THING: ActionInfo = ActionInfo {
    resource: "thing",
    action: "post",
    method: Method::POST,
    route: "/things",
    scopes: &[&["all.Thing"], &["thing.*"], &["thing.post"]],
    auth: Auth::Bearer,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thing {
    pub id: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Message {
    pub error: String,
}

/// The generated shape of a per-action error enum: 400 and 429 are documented.
#[derive(Debug, PartialEq, Eq)]
pub enum ThingError {
    BadRequest(Message),
    TooManyRequests(Message),
}

impl fmt::Display for ThingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadRequest(message) => write!(f, "bad request: {}", message.error),
            Self::TooManyRequests(message) => write!(f, "too many requests: {}", message.error),
        }
    }
}

impl ErrorBody for ThingError {
    fn decode(status: StatusCode, body: &[u8]) -> Option<Result<Self, serde_json::Error>> {
        match status.as_u16() {
            400 => Some(serde_json::from_slice(body).map(Self::BadRequest)),
            429 => Some(serde_json::from_slice(body).map(Self::TooManyRequests)),
            _ => None,
        }
    }
}

pub type ThingResult<T> = Result<Response<T>, Error<ThingError>>;

/// A builder for `base_url` with millisecond backoffs; other settings are the defaults.
pub fn builder(base_url: &str) -> ClientBuilder<TestApi> {
    ClientBuilder::new()
        .token(TOKEN)
        .base_url(base_url)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

pub fn client(base_url: &str) -> TestClient {
    builder(base_url).build().expect("test client builds")
}

/// What generated code for `GET /things/{thingId}` looks like.
pub async fn get_thing(client: &TestClient, id: &str) -> ThingResult<Thing> {
    get_thing_with(client, id, &CallOptions::default()).await
}

/// `GET /things/{thingId}` with per-call options.
pub async fn get_thing_with(
    client: &TestClient,
    id: &str,
    options: &CallOptions,
) -> ThingResult<Thing> {
    let mut call = client.core.call(&GET_THING, options);
    call.path("/things/");
    call.path_param("thingId", id, None);
    call.send_json().await
}

/// What generated code for `POST /things` looks like.
pub async fn post_thing(client: &TestClient, thing: &Thing) -> ThingResult<Thing> {
    post_thing_with(client, thing, &CallOptions::default()).await
}

/// `POST /things` with per-call options.
pub async fn post_thing_with(
    client: &TestClient,
    thing: &Thing,
    options: &CallOptions,
) -> ThingResult<Thing> {
    let mut call = client.core.call(&POST_THING, options);
    call.path("/things");
    call.json_body(thing);
    call.send_json().await
}

pub fn thing() -> Thing {
    Thing {
        id: "t1".to_owned(),
        count: 3,
    }
}

/// The number of requests a wiremock server received.
pub async fn request_count(server: &wiremock::MockServer) -> usize {
    server
        .received_requests()
        .await
        .expect("request recording is on")
        .len()
}
