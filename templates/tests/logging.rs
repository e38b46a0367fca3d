//! What the runtime logs through `tracing`: one span per call, an event per retry, no secrets.
//!
//! This binary holds a single test on purpose: tracing caches per-callsite interest globally,
//! so a thread-local subscriber can miss spans while other tests in the same process run
//! without one.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

mod common;

use std::io;
use std::sync::{Arc, Mutex};

use common::{TOKEN, get_thing};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Collects what the fmt subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn tracing_records_the_call_and_retries_without_the_token() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(common::thing()))
        .mount(&server)
        .await;

    get_thing(&common::client(&server.uri()), "t1")
        .await
        .expect("second attempt succeeds");

    let output = String::from_utf8_lossy(&captured.0.lock().expect("lock")).into_owned();
    assert!(!output.contains(TOKEN), "token leaked: {output}");
    let span = "request{api=\"testapi\" resource=\"thing\" action=\"get\" \
                route=\"/things/{thingId}\" method=GET";
    let retry_line = output
        .lines()
        .find(|line| line.contains("retrying"))
        .unwrap_or_else(|| panic!("no retry event in: {output}"));
    for expected in [span, "cause=status 503 Service Unavailable", "wait_ms="] {
        assert!(
            retry_line.contains(expected),
            "{expected:?} missing from {retry_line}"
        );
    }
    let close_line = output
        .lines()
        .find(|line| line.contains("close"))
        .unwrap_or_else(|| panic!("no span close in: {output}"));
    assert!(close_line.contains(span), "{close_line}");
    for (field, count) in [
        ("attempts=2", 1),
        ("status=200", 1),
        ("duration_ms=", 1),
        ("attempt", 1),
    ] {
        assert_eq!(
            close_line.matches(field).count(),
            count,
            "{field} recorded once, at the end: {close_line}"
        );
    }
}
