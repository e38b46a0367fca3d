//! Fault injection: every way a server or the network can misbehave, each with the exact outcome
//! (typed error or success after retrying), the number of requests the server saw, and a bound
//! on how long the call took. Cases that another test file already proves that exactly are not
//! repeated here; RELIABILITY.md at the repository root maps every case to its test.
//!
//! Servers are wiremock where HTTP-level behaviour is enough, and `common::raw` where the exact
//! request line matters or the socket must misbehave (reset, hang up, trickle).

mod common;

use std::future::Future;
use std::io;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use client_templates::runtime::{ClientBuilder, Error, Refused, StatusCode};
use common::raw::{RawServer, Reply};
use common::{
    GET_THING, Message, TOKEN, TestApi, TestClient, Thing, ThingError, get_thing, post_thing,
    request_count,
};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The client's per-attempt timeout in these tests, unless a test sets its own.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(10);

/// The bound for calls that must not wait for anything: well under the client's timeout, so a
/// call that passes did not end by timing out.
const FAST: Duration = Duration::from_secs(2);

/// The default `max_response_bytes`, as documented on the builder.
const DEFAULT_BODY_LIMIT: usize = 16 * 1024 * 1024;

/// A client with the default retry count (2) and millisecond backoffs.
fn client(url: &str) -> TestClient {
    client_with_retries(url, 2)
}

fn client_with_retries(url: &str, retries: u32) -> TestClient {
    common::builder(url)
        .timeout(CLIENT_TIMEOUT)
        .max_retries(retries)
        .build()
        .expect("test client builds")
}

/// Runs `call`, failing the test if it takes longer than `bound`; returns its output and the
/// time it took.
async fn within<T>(bound: Duration, call: impl Future<Output = T>) -> (T, Duration) {
    let started = Instant::now();
    let output = tokio::time::timeout(bound, call)
        .await
        .unwrap_or_else(|_| panic!("the call did not end within {bound:?}"));
    (output, started.elapsed())
}

async fn server_replying(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

/// A server that answers with `replies` in order, one request each, then with a thing.
async fn server_replying_in_order(replies: Vec<ResponseTemplate>) -> MockServer {
    let server = MockServer::start().await;
    for (priority, reply) in (1u8..).zip(replies) {
        Mock::given(any())
            .respond_with(reply)
            .up_to_n_times(1)
            .with_priority(priority)
            .mount(&server)
            .await;
    }
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(common::thing()))
        .with_priority(u8::MAX)
        .mount(&server)
        .await;
    server
}

fn rate_limited(message: &str) -> ResponseTemplate {
    ResponseTemplate::new(429).set_body_json(serde_json::json!({ "error": message }))
}

fn too_many_requests(message: &str) -> ThingError {
    ThingError::TooManyRequests(Message {
        error: message.to_owned(),
    })
}

fn assert_undocumented(error: &Error<ThingError>, expected: u16) {
    assert!(
        matches!(error, Error::UndocumentedStatus { status, .. } if status.as_u16() == expected),
        "expected UndocumentedStatus {expected}, got {error:?}"
    );
}

/// Asserts a `Transport` error after `expected` attempts on a connection that was made.
fn assert_broken_connection(error: &Error<ThingError>, expected: u32) {
    let Error::Transport {
        attempts, source, ..
    } = error
    else {
        panic!("expected Transport, got {error:?}");
    };
    assert_eq!(*attempts, expected, "{error}");
    assert!(!source.is_connect(), "the connection was made: {source}");
}

// --- Statuses and the retry policy ---------------------------------------------------------

#[tokio::test]
async fn a_429_with_retry_after_as_an_http_date_is_waited_then_retried() {
    // HTTP dates have whole seconds, so "now + 2 s" lies between 1 and 2 s ahead.
    let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
    let server = server_replying_in_order(vec![
        rate_limited("later").insert_header("Retry-After", date),
    ])
    .await;

    let (result, elapsed) = within(
        Duration::from_millis(3500),
        get_thing(&client(&server.uri()), "t1"),
    )
    .await;

    assert_eq!(result.expect("retried").into_body(), common::thing());
    assert_eq!(request_count(&server).await, 2);
    assert!(
        elapsed >= Duration::from_millis(900),
        "waited only {elapsed:?}"
    );
}

#[tokio::test]
async fn a_429_without_retry_after_is_retried_after_the_backoff() {
    let server = server_replying_in_order(vec![rate_limited("slow down")]).await;

    // The backoff is at most 5 ms here (see common::builder); no Retry-After means no long wait.
    let (result, elapsed) = within(FAST, get_thing(&client(&server.uri()), "t1")).await;

    assert_eq!(result.expect("retried").into_body(), common::thing());
    assert_eq!(request_count(&server).await, 2);
    assert!(elapsed < Duration::from_millis(900), "took {elapsed:?}");
}

#[tokio::test]
async fn a_500_on_a_get_is_returned_at_once_as_an_undocumented_status() {
    let server = server_replying(ResponseTemplate::new(500).set_body_string("boom")).await;

    let (result, _) = within(FAST, get_thing(&client(&server.uri()), "t1")).await;

    let error = result.expect_err("500");
    assert_undocumented(&error, 500);
    assert!(
        matches!(&error, Error::UndocumentedStatus { body, .. } if &body[..] == b"boom"),
        "{error:?}"
    );
    assert!(!error.is_retryable());
    assert_eq!(request_count(&server).await, 1, "500 is not retried");
}

#[tokio::test]
async fn a_get_is_retried_after_502_503_and_504_and_succeeds() {
    for status in [502, 503, 504] {
        let server = server_replying_in_order(vec![ResponseTemplate::new(status)]).await;

        let (result, _) = within(FAST, get_thing(&client(&server.uri()), "t1")).await;

        let response = result.unwrap_or_else(|error| panic!("{status}: {error:?}"));
        assert_eq!(response.into_body(), common::thing());
        assert_eq!(request_count(&server).await, 2, "{status}");
    }
}

#[tokio::test]
async fn max_retries_2_makes_exactly_3_attempts_and_returns_the_last_typed_error() {
    // Three different failures, then a success that must never be reached: the error is the
    // third attempt's, typed (a documented 429 decodes into the action's error enum).
    let server = server_replying_in_order(vec![
        ResponseTemplate::new(502),
        ResponseTemplate::new(503),
        rate_limited("third"),
    ])
    .await;

    let (result, _) = within(
        FAST,
        get_thing(&client_with_retries(&server.uri(), 2), "t1"),
    )
    .await;

    let error = result.expect_err("retries exhausted");
    assert!(
        matches!(&error, Error::Api { status: StatusCode::TOO_MANY_REQUESTS, body, .. }
            if *body == too_many_requests("third")),
        "{error:?}"
    );
    assert_eq!(request_count(&server).await, 3);
}

#[tokio::test]
async fn max_retries_0_makes_one_attempt_and_does_not_wait() {
    // A 429 asking to come back in 1 s, and a server that would then succeed.
    let server =
        server_replying_in_order(vec![rate_limited("once").insert_header("Retry-After", "1")])
            .await;

    let (result, elapsed) = within(
        FAST,
        get_thing(&client_with_retries(&server.uri(), 0), "t1"),
    )
    .await;

    let error = result.expect_err("not retried");
    assert!(
        matches!(&error, Error::Api { status: StatusCode::TOO_MANY_REQUESTS, body, .. }
            if *body == too_many_requests("once")),
        "{error:?}"
    );
    assert_eq!(request_count(&server).await, 1);
    assert!(elapsed < Duration::from_millis(900), "waited {elapsed:?}");
}

#[tokio::test]
async fn a_post_is_sent_once_on_500_and_503_but_retried_on_429() {
    // A 503 is not retried for a POST even when it says when to come back.
    let once = [
        (500, ResponseTemplate::new(500)),
        (
            503,
            ResponseTemplate::new(503).insert_header("Retry-After", "0"),
        ),
    ];
    for (status, reply) in once {
        let server = server_replying_in_order(vec![reply]).await;

        let (result, _) = within(FAST, post_thing(&client(&server.uri()), &common::thing())).await;

        assert_undocumented(&result.expect_err("not retried"), status);
        assert_eq!(request_count(&server).await, 1, "POST retried on {status}");
    }

    let server = server_replying_in_order(vec![rate_limited("a"), rate_limited("b")]).await;
    let (result, _) = within(FAST, post_thing(&client(&server.uri()), &common::thing())).await;
    assert_eq!(result.expect("retried").into_body(), common::thing());
    let requests = server.received_requests().await.expect("recording");
    assert_eq!(requests.len(), 3);
    assert!(
        requests
            .iter()
            .all(|r| r.body_json::<Thing>().ok() == Some(common::thing())),
        "every attempt carries the same body"
    );
}

// --- Broken connections and slow servers ---------------------------------------------------

#[tokio::test]
async fn a_connection_closed_before_any_response_byte_is_retried_for_get_not_post() {
    // RST (zero linger) and a clean FIN, right after the request was read.
    for reset in [true, false] {
        let server = RawServer::start(Reply::Hangup {
            bytes: Vec::new(),
            reset,
        })
        .await;
        let client = client(&server.url);

        // The server saw the request, so only an idempotent method may repeat it.
        let (get, _) = within(FAST, get_thing(&client, "t1")).await;
        assert_broken_connection(&get.expect_err("no response"), 3);
        assert_eq!(server.request_lines().len(), 3, "reset: {reset}");

        let (post, _) = within(FAST, post_thing(&client, &common::thing())).await;
        assert_broken_connection(&post.expect_err("no response"), 1);
        assert_eq!(server.request_lines().len(), 4, "reset: {reset}");
    }
}

#[tokio::test]
async fn a_connection_broken_mid_body_is_a_transport_error_retried_for_get_not_post() {
    // The head promises 1000 bytes; 10 arrive, then RST or FIN.
    let mut bytes = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                      Content-Length: 1000\r\n\r\n"
        .to_vec();
    bytes.extend_from_slice(br#"{"id": "t1"#);
    for reset in [true, false] {
        let server = RawServer::start(Reply::Hangup {
            bytes: bytes.clone(),
            reset,
        })
        .await;
        let client = client(&server.url);

        // Each attempt waits 50 ms for the server to hang up (see Reply::Hangup).
        let (get, _) = within(FAST, get_thing(&client, "t1")).await;
        assert_broken_connection(&get.expect_err("cut off"), 3);
        assert_eq!(server.request_lines().len(), 3, "reset: {reset}");

        let (post, _) = within(FAST, post_thing(&client, &common::thing())).await;
        assert_broken_connection(&post.expect_err("cut off"), 1);
        assert_eq!(server.request_lines().len(), 4, "reset: {reset}");
    }
}

#[tokio::test]
async fn a_trickling_body_hits_the_total_timeout_of_each_attempt() {
    // A byte every 20 ms of a 1000-byte body: no read ever waits long, but the whole body would
    // take 20 s. The timeout covers the whole attempt, so each attempt ends at 300 ms.
    let timeout = Duration::from_millis(300);
    let server = RawServer::start(Reply::Trickle {
        head: b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
            .to_vec(),
        body: vec![b' '; 1000],
        every: Duration::from_millis(20),
    })
    .await;
    let client = common::builder(&server.url)
        .timeout(timeout)
        .max_retries(1)
        .build()
        .expect("builds");

    let (result, elapsed) = within(FAST, get_thing(&client, "t1")).await;

    let error = result.expect_err("times out");
    assert!(
        matches!(error, Error::Timeout { attempts: 2, timeout: t, .. } if t == timeout),
        "{error:?}"
    );
    assert_eq!(server.request_lines().len(), 2);
    assert!(elapsed >= 2 * timeout, "gave up after {elapsed:?}");
}

// --- Bodies that are not the documented model ----------------------------------------------

/// Serves `template` to a GET and checks the call fails with `Decode` on `status`, keeping the
/// body, after exactly one request (a bad body is not retried) and quickly.
async fn decode_failure(template: ResponseTemplate, status: u16, body: &[u8]) -> Error<ThingError> {
    let server = server_replying(template).await;

    let (result, _) = within(FAST, get_thing(&client(&server.uri()), "t1")).await;

    let error = result.expect_err("not the model");
    assert!(
        matches!(&error, Error::Decode { status: s, body: b, .. } if s.as_u16() == status && &b[..] == body),
        "{error:?}"
    );
    assert!(!error.is_retryable());
    assert_eq!(request_count(&server).await, 1);
    error
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_after_one_attempt() {
    let body = br#"{"id": "t1", "cou"#;
    decode_failure(
        ResponseTemplate::new(200).set_body_raw(&body[..], "application/json"),
        200,
        body,
    )
    .await;
}

#[tokio::test]
async fn an_html_page_on_a_200_is_a_decode_error_naming_the_content_type() {
    let body = b"<!DOCTYPE html><html><body><h1>Service maintenance</h1></body></html>";
    let error = decode_failure(
        ResponseTemplate::new(200).set_body_raw(&body[..], "text/html"),
        200,
        body,
    )
    .await;
    assert!(
        error.to_string().ends_with("(content-type \"text/html\")"),
        "{error}"
    );
}

#[tokio::test]
async fn invalid_utf8_is_a_decode_error_after_one_attempt() {
    let body = b"{\"id\": \"t\xc3\x28\", \"count\": 1}";
    decode_failure(
        ResponseTemplate::new(200).set_body_raw(&body[..], "application/json"),
        200,
        body,
    )
    .await;
}

#[tokio::test]
async fn an_empty_body_where_a_model_is_expected_is_a_decode_error() {
    let error = decode_failure(
        ResponseTemplate::new(200).insert_header("Content-Type", "application/json"),
        200,
        b"",
    )
    .await;
    assert!(
        error.to_string().ends_with("(the body is empty)"),
        "{error}"
    );
}

#[tokio::test]
async fn a_body_announced_over_the_default_16_mib_is_refused_without_reading_it() {
    // The head announces one byte over the limit; no body follows, so a client that tried to
    // read it would wait for its timeout.
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        DEFAULT_BODY_LIMIT + 1
    );
    let server = RawServer::start(Reply::Stall(head.into_bytes())).await;
    let client = ClientBuilder::<TestApi>::new()
        .token(TOKEN)
        .base_url(&server.url)
        .build()
        .expect("default settings");

    let (result, _) = within(FAST, get_thing(&client, "t1")).await;

    let error = result.expect_err("too large");
    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                status: StatusCode::OK,
                limit: DEFAULT_BODY_LIMIT,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(!error.is_retryable());
    assert_eq!(server.request_lines().len(), 1, "not retried");
}

#[tokio::test]
async fn an_endless_body_stops_being_read_at_the_default_16_mib() {
    // Chunked, no length: the client only finds out by reading, and stops at the limit.
    let server = RawServer::start(Reply::Endless {
        total: 4 * DEFAULT_BODY_LIMIT,
    })
    .await;
    let client = ClientBuilder::<TestApi>::new()
        .token(TOKEN)
        .base_url(&server.url)
        .build()
        .expect("default settings");

    let (result, _) = within(Duration::from_secs(5), get_thing(&client, "t1")).await;

    let error = result.expect_err("too large");
    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                status: StatusCode::OK,
                limit: DEFAULT_BODY_LIMIT,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(server.request_lines().len(), 1, "not retried");
}

// --- Redirects -----------------------------------------------------------------------------

#[tokio::test]
async fn a_redirect_to_another_host_sends_no_authorization_on_the_wire() {
    // 127.0.0.1 redirects to localhost: another host, so reqwest drops Authorization. The
    // landing server is raw, so the assertion is on the bytes that arrived.
    let landing = RawServer::start(Reply::json(r#"{"id":"t1","count":3}"#)).await;
    let port = landing.url.rsplit(':').next().expect("a port");
    let origin = server_replying(
        ResponseTemplate::new(302)
            .insert_header("Location", format!("http://localhost:{port}/landing")),
    )
    .await;

    let (result, _) = within(FAST, get_thing(&client(&origin.uri()), "t1")).await;

    assert_eq!(result.expect("followed").into_body(), common::thing());
    let origin_requests = origin.received_requests().await.expect("recording");
    assert_eq!(origin_requests.len(), 1);
    assert!(origin_requests[0].headers.contains_key("authorization"));
    let heads = landing.heads();
    assert_eq!(heads.len(), 1);
    assert!(
        heads[0].starts_with("GET /landing HTTP/1.1\r\n"),
        "{}",
        heads[0]
    );
    let head = heads[0].to_ascii_lowercase();
    assert!(!head.contains("authorization"), "{head}");
    assert!(!head.contains(TOKEN), "{head}");
}

// --- Injection -----------------------------------------------------------------------------

#[tokio::test]
async fn hostile_path_values_stay_one_encoded_segment_in_the_request_line() {
    let server = RawServer::start(Reply::json(r#"{"id":"t1","count":3}"#)).await;
    let client = client(&server.url);
    let cases = [
        ("../../admin", "..%2F..%2Fadmin"),
        ("a/b?c=d#e", "a%2Fb%3Fc%3Dd%23e"),
        ("%2e%2e%2f", "%252e%252e%252f"),
        ("100% sure", "100%25%20sure"),
        ("a\r\nX-Injected: 1", "a%0D%0AX-Injected%3A%201"),
        ("nul\0", "nul%00"),
        (
            "naïve 東京 🚀",
            "na%C3%AFve%20%E6%9D%B1%E4%BA%AC%20%F0%9F%9A%80",
        ),
        ("+&=;,", "%2B%26%3D%3B%2C"),
    ];

    let (results, _) = within(FAST, async {
        let mut results = Vec::new();
        for (value, _) in cases {
            results.push(get_thing(&client, value).await);
        }
        results
    })
    .await;

    for result in results {
        result.expect("sent and answered");
    }
    let expected: Vec<String> = cases
        .iter()
        .map(|(_, encoded)| format!("GET /things/{encoded} HTTP/1.1"))
        .collect();
    assert_eq!(server.request_lines(), expected, "one request each");
}

#[tokio::test]
async fn hostile_query_values_are_encoded_in_the_request_line() {
    let server = RawServer::start(Reply::json(r#"{"id":"t1","count":3}"#)).await;
    let client = client(&server.url);

    let (result, _) = within(FAST, async {
        let mut call = client.core.call(&GET_THING);
        call.path("/things");
        call.query("q", Some("a b&c=d#e?f/g%h+i\r\nX-Injected: 1 é"));
        call.query("x&y=z", Some(""));
        call.send::<Thing, ThingError>().await
    })
    .await;

    result.expect("sent and answered");
    assert_eq!(
        server.request_lines(),
        [
            "GET /things?q=a%20b%26c%3Dd%23e%3Ff%2Fg%25h%2Bi%0D%0AX-Injected%3A%201%20%C3%A9\
             &x%26y%3Dz= HTTP/1.1"
        ]
    );
}

#[tokio::test]
async fn header_values_with_cr_or_lf_are_refused_before_connecting() {
    let server = RawServer::start(Reply::json(r#"{"id":"t1","count":3}"#)).await;
    let client = client(&server.url);
    let hostile = [
        "a\r\nX-Injected: 1",
        "a\nX-Injected: 1",
        "a\rb",
        "a\r\n\r\nGET /admin HTTP/1.1",
    ];

    let (results, _) = within(FAST, async {
        let mut results = Vec::new();
        for value in hostile {
            // A per-call header, and an API-wide parameter that goes in a header.
            let mut call = client.core.call(&GET_THING);
            call.path("/things");
            call.header("X-Note", Some(value));
            results.push(call.send::<Thing, ThingError>().await);
            let mut call = client.core.call(&GET_THING);
            call.path("/things");
            call.api_param("domain", Some(value));
            results.push(call.send::<Thing, ThingError>().await);
        }
        results
    })
    .await;

    for result in results {
        let error = result.expect_err("refused");
        assert!(
            matches!(
                &error,
                Error::Refused {
                    reason: Refused::InvalidParameter {
                        name: "X-Note" | "domain",
                        ..
                    },
                    ..
                }
            ),
            "{error:?}"
        );
    }
    assert!(
        server.heads().is_empty(),
        "nothing was sent: {:?}",
        server.heads()
    );
}

// --- Secrets -------------------------------------------------------------------------------

/// Collects everything a `tracing` fmt subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("lock")).into_owned()
    }
}

impl io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Installs, once for this test binary, a global subscriber that records every span and event
/// at every level. Global rather than per-thread: tracing caches callsite interest process-wide,
/// and a thread-local subscriber can miss callsites first hit by tests running without one. It
/// also records the events of the other tests in this binary, which use the same token.
fn captured_tracing() -> &'static Captured {
    static CAPTURED: OnceLock<Captured> = OnceLock::new();
    CAPTURED.get_or_init(|| {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("the only global subscriber");
        captured
    })
}

#[tokio::test]
async fn the_token_is_in_no_debug_output_error_or_tracing_event() {
    let captured = captured_tracing();
    let refused_port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let wiremock = server_replying_in_order(vec![
        rate_limited("retry me"),
        rate_limited("and me"),
        rate_limited("give up"),
        ResponseTemplate::new(418).set_body_string("teapot"),
        ResponseTemplate::new(200).set_body_string("{not json"),
    ])
    .await;
    let silent = RawServer::start(Reply::Silent).await;
    let cut_off = RawServer::start(Reply::Hangup {
        bytes: b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{".to_vec(),
        reset: true,
    })
    .await;
    let huge = RawServer::start(Reply::Endless { total: 1 << 20 }).await;
    let builder = common::builder(&wiremock.uri()).max_response_bytes(1024);
    let client = builder.clone().build().expect("builds");
    let short = |url: &str| {
        common::builder(url)
            .timeout(Duration::from_millis(200))
            .max_retries(1)
            .max_response_bytes(1024)
            .build()
            .expect("builds")
    };

    let mut call = client.core.call(&GET_THING);
    call.path("/things/");
    call.path_param("thingId", "t1", None);
    // The token in a header value with a line break: refused, and the value is not echoed.
    call.header("X-Echo", Some(&format!("Bearer {TOKEN}\r\n")));
    let call_debug = format!("{call:?}");

    let (errors, _) = within(Duration::from_secs(5), async {
        let refused = call.send::<Thing, ThingError>().await;
        let api = get_thing(&client, "t1").await; // three 429s, two of them retried
        let undocumented = get_thing(&client, "t1").await;
        let decode = get_thing(&client, "t1").await;
        let success = get_thing(&client, "t1").await;
        let too_large = get_thing(&short(&huge.url), "t1").await;
        let timeout = get_thing(&short(&silent.url), "t1").await;
        let broken = get_thing(&short(&cut_off.url), "t1").await;
        let unreachable =
            get_thing(&short(&format!("http://127.0.0.1:{refused_port}")), "t1").await;
        [
            refused,
            api,
            undocumented,
            decode,
            success,
            too_large,
            timeout,
            broken,
            unreachable,
        ]
    })
    .await;

    let mut outputs = vec![
        format!("{builder:?}"),
        format!("{client:?}"),
        format!("{:?}", client.core),
        call_debug,
    ];
    let mut kinds = Vec::new();
    for result in &errors {
        match result {
            Ok(response) => outputs.push(format!("{response:?}")),
            Err(error) => {
                kinds.push(
                    format!("{error:?}")
                        .split([' ', '{'])
                        .next()
                        .unwrap_or_default()
                        .to_owned(),
                );
                outputs.push(format!("{error:?}"));
                outputs.push(error.to_string());
                let mut source = std::error::Error::source(error);
                while let Some(cause) = source {
                    outputs.push(format!("{cause} / {cause:?}"));
                    source = cause.source();
                }
            }
        }
    }
    assert_eq!(
        kinds,
        [
            "Refused",
            "Api",
            "UndocumentedStatus",
            "Decode",
            "BodyTooLarge",
            "Timeout",
            "Transport",
            "Transport"
        ],
        "every error variant was produced"
    );
    for output in &outputs {
        assert!(!output.contains(TOKEN), "token leaked: {output}");
    }

    let log = captured.text();
    for expected in [
        "request{",
        "retrying",
        "cause=status 429",
        "cause=timed out",
        "cause=connection broke",
        "cause=could not connect",
    ] {
        assert!(
            log.contains(expected),
            "{expected:?} missing from the captured events:\n{log}"
        );
    }
    assert!(!log.contains(TOKEN), "token leaked into tracing:\n{log}");
    assert_eq!(request_count(&wiremock).await, 6);
}
