//! Helpers shared by the test files: clients pointed at a local server, exhaustive checks of
//! what a request carried, and realistic response bodies.

// Each test binary uses its own subset of these helpers.
#![allow(dead_code)]

pub mod fixtures;
pub mod raw;

use std::time::Duration;

use generated_client::{losant, thousandeyes};
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The API token; it must never show up in `Debug` or `Display` output.
pub const TOKEN: &str = "tok-3f9a1c77e2b84d0c-SECRET";

pub const ORG_ID: &str = "575ed6e87ae143cd83dc4aa8";
pub const USER_ID: &str = "575ed70c7ae143cd83dc4aa9";
pub const INVITE_ID: &str = "575ed71e7ae143cd83dc4aaa";
pub const INSTANCE_ID: &str = "575ec7417ae143cd83dc4a96";
pub const APP_ID: &str = "575ec8687ae143cd83dc4a97";
pub const DASHBOARD_ID: &str = "575ece2b7ae143cd83dc4a9b";
pub const TEST_ID: &str = "202701";

pub const LOSANT_ACCEPT: &str = "application/json";
pub const LOSANT_ACCEPT_VERSION: &str = "^1.30.0";
pub const THOUSANDEYES_ACCEPT: &str =
    "application/hal+json, application/json, application/problem+json";

/// The SDKs' values of Losant's API-wide query flags, as every fully-specified call sends them.
pub const LOSANT_FLAGS: [(&str, &str); 3] = [
    ("_actions", "false"),
    ("_links", "true"),
    ("_embedded", "true"),
];

pub fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// A Losant client builder aimed at `server`, with millisecond retry backoffs.
pub fn losant_builder(server: &MockServer) -> losant::ClientBuilder {
    losant::Client::builder()
        .token(TOKEN)
        .base_url(server.uri())
        .retry_backoff(ms(1), ms(5))
}

pub fn losant_client(server: &MockServer) -> losant::Client {
    losant_builder(server)
        .build()
        .expect("the Losant client builds")
}

/// A ThousandEyes client builder aimed at `server`, under `/v7` like the real base URL.
pub fn thousandeyes_builder(server: &MockServer) -> thousandeyes::ClientBuilder {
    thousandeyes::Client::builder()
        .token(TOKEN)
        .base_url(format!("{}/v7", server.uri()))
        .retry_backoff(ms(1), ms(5))
}

pub fn thousandeyes_client(server: &MockServer) -> thousandeyes::Client {
    thousandeyes_builder(server)
        .build()
        .expect("the ThousandEyes client builds")
}

/// Answers every request with `template`.
pub async fn reply_to_all(server: &MockServer, template: ResponseTemplate) {
    Mock::given(any())
        .respond_with(template)
        .mount(server)
        .await;
}

/// Answers the first `times` requests with `template`; mount before a catch-all.
pub async fn reply_first(server: &MockServer, times: u64, template: ResponseTemplate) {
    Mock::given(any())
        .respond_with(template)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(server)
        .await;
}

pub fn json_reply(status: u16, body: Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

/// A body with an explicit media type, e.g. `application/problem+json`.
pub fn typed_reply(status: u16, body: &Value, media_type: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_string().into_bytes(), media_type)
}

pub async fn requests(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is on")
}

/// The one request the server received; fails if it received another number.
pub async fn only_request(server: &MockServer) -> Request {
    let mut received = requests(server).await;
    assert_eq!(
        received.len(),
        1,
        "expected exactly one request, got {}: {:#?}",
        received.len(),
        received
            .iter()
            .map(|r| format!("{} {}", r.method, r.url))
            .collect::<Vec<_>>()
    );
    received.remove(0)
}

/// Every decoded query pair, sorted, so that a comparison is exhaustive but order-free.
pub fn query_pairs(request: &Request) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    pairs
}

/// The query holds exactly `expected` (decoded), no more and no less.
pub fn assert_query(request: &Request, expected: &[(&str, &str)]) {
    let mut want: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    want.sort();
    assert_eq!(
        query_pairs(request),
        want,
        "query of {} (raw {:?})",
        request.url,
        request.url.query()
    );
    if expected.is_empty() {
        assert_eq!(request.url.query(), None, "no query string at all");
    }
}

/// The single value of header `name`; fails when it is missing or repeated.
pub fn header<'r>(request: &'r Request, name: &str) -> &'r str {
    let values: Vec<_> = request.headers.get_all(name).iter().collect();
    assert_eq!(
        values.len(),
        1,
        "header {name} should appear exactly once, got {values:?}"
    );
    values[0].to_str().expect("header is ASCII")
}

/// What a request must carry beyond the headers every request of the API has.
pub struct Wire<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a [(&'a str, &'a str)],
    pub body: Option<Value>,
}

/// Checks method, path, the full query, every header and the JSON body of a Losant request.
pub fn assert_losant_request(request: &Request, wire: Wire<'_>, losantdomain: Option<&str>) {
    let mut extra = vec![("accept-version", LOSANT_ACCEPT_VERSION)];
    if let Some(domain) = losantdomain {
        extra.push(("losantdomain", domain));
    }
    assert_request(request, &wire, LOSANT_ACCEPT, &extra);
}

/// Checks method, path, the full query, every header and the JSON body of a ThousandEyes
/// request.
pub fn assert_thousandeyes_request(request: &Request, wire: Wire<'_>) {
    assert_request(request, &wire, THOUSANDEYES_ACCEPT, &[]);
}

fn assert_request(request: &Request, wire: &Wire<'_>, accept: &str, extra: &[(&str, &str)]) {
    assert_eq!(request.method.as_str(), wire.method, "method");
    assert_eq!(request.url.path(), wire.path, "path");
    assert_query(request, wire.query);

    assert_eq!(header(request, "authorization"), format!("Bearer {TOKEN}"));
    assert_eq!(header(request, "accept"), accept);
    let user_agent = header(request, "user-agent");
    assert!(
        user_agent.starts_with("generated-client/"),
        "User-Agent {user_agent:?} should start with generated-client/"
    );
    for (name, value) in extra {
        assert_eq!(header(request, name), *value, "header {name}");
    }

    let mut allowed = vec!["authorization", "accept", "user-agent", "host"];
    allowed.extend(extra.iter().map(|(name, _)| *name));
    match &wire.body {
        Some(expected) => {
            assert_eq!(header(request, "content-type"), "application/json");
            allowed.extend(["content-type", "content-length"]);
            let sent: Value = serde_json::from_slice(&request.body).unwrap_or_else(|e| {
                panic!(
                    "body is not JSON ({e}): {:?}",
                    String::from_utf8_lossy(&request.body)
                )
            });
            assert_eq!(&sent, expected, "JSON body");
        }
        None => {
            assert!(
                request.headers.get("content-type").is_none(),
                "no Content-Type without a body, got {:?}",
                request.headers.get("content-type")
            );
            assert!(
                request.body.is_empty(),
                "no body expected, got {:?}",
                String::from_utf8_lossy(&request.body)
            );
        }
    }
    let unexpected: Vec<&str> = request
        .headers
        .keys()
        .map(|name| name.as_str())
        .filter(|name| !allowed.contains(name))
        .collect();
    assert!(unexpected.is_empty(), "unexpected headers: {unexpected:?}");
}

/// Asserts that re-encoding a decoded model gives back the JSON it was decoded from, so no
/// field of the body was dropped or renamed (numbers compared as f64, since some model fields
/// are `f64` and re-encode `12` as `12.0`).
#[macro_export]
macro_rules! assert_round_trip {
    ($decoded:expr, $original:expr) => {
        $crate::common::check_round_trip(
            serde_json::to_value($decoded).expect("models serialize"),
            $original,
        )
    };
}

pub fn check_round_trip(again: Value, original: &Value) {
    assert_eq!(
        normalize(&again),
        normalize(original),
        "the decoded model lost or changed fields"
    );
}

fn normalize(value: &Value) -> Value {
    match value {
        Value::Number(n) => serde_json::json!(n.as_f64().expect("finite number")),
        Value::Array(items) => Value::Array(items.iter().map(normalize).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), normalize(v))).collect())
        }
        other => other.clone(),
    }
}

/// Unwraps `Err(Error::Api { status, body: Variant(model), .. })`, checking the status, and
/// returns the model; any other outcome fails the test.
#[macro_export]
macro_rules! expect_api_error {
    ($result:expr, $status:expr, $variant:path) => {
        match $result {
            Err(generated_client::runtime::Error::Api {
                status,
                body: $variant(model),
                ..
            }) => {
                assert_eq!(status.as_u16(), $status, "status of the Error::Api");
                model
            }
            other => panic!(
                "expected Err(Error::Api {{ status: {}, body: {}(..) }}), got {}",
                $status,
                stringify!($variant),
                $crate::common::short_debug(&other)
            ),
        }
    };
}

/// Unwraps `Err(Error::Refused { reason, .. })` and returns the reason.
#[macro_export]
macro_rules! expect_refused {
    ($result:expr) => {
        match $result {
            Err(generated_client::runtime::Error::Refused { reason, .. }) => reason,
            other => panic!(
                "expected Err(Error::Refused {{ .. }}), got {}",
                $crate::common::short_debug(&other)
            ),
        }
    };
}

/// `Debug` output cut to a readable length for failure messages.
pub fn short_debug<T: std::fmt::Debug>(value: &T) -> String {
    let text = format!("{value:?}");
    match text.char_indices().nth(400) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}
