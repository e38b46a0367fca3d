//! The shared core of a client and the loop that sends a request until it succeeds or the retry
//! policy gives up.

use std::fmt;
use std::time::Duration;

use http::{HeaderMap, HeaderValue};

use super::api::{ActionInfo, ApiInfo, ParamLocation};
use super::attempt::{Outcome, Prepared, attempt};
use super::call::Call;
use super::retry::{Decision, RetryPolicy};

/// The shared core of a client: the HTTP connection pool, the settings and the headers every
/// request carries. Built by [`ClientBuilder::build`](super::ClientBuilder::build) and held in
/// an `Arc` by the generated client, so clones of a client share one pool.
pub struct Core {
    pub(crate) http: reqwest::Client,
    pub(crate) info: &'static ApiInfo,
    pub(crate) params: &'static [(&'static str, ParamLocation)],
    /// The builder's values of API-wide parameters, already checked.
    pub(crate) param_values: Vec<(&'static str, String)>,
    /// Without a trailing `/`, so that paths (which start with one) can be appended.
    pub(crate) base_url: String,
    /// `Authorization` (marked sensitive), the API's default headers, `Accept`, `User-Agent`.
    pub(crate) headers: HeaderMap,
    pub(crate) content_type: HeaderValue,
    pub(crate) scopes: Option<Vec<String>>,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Duration,
    pub(crate) max_response_bytes: usize,
}

impl Core {
    /// Starts assembling a request for `action`.
    pub fn call(&self, action: &'static ActionInfo) -> Call<'_> {
        Call::new(self, action)
    }

    /// Sends `request` until it succeeds or the retry policy gives up; returns the last
    /// attempt's outcome and the number of attempts made. Runs inside the call's span.
    pub(crate) async fn execute(&self, request: &Prepared) -> (Outcome, u32) {
        let span = tracing::Span::current();
        let mut attempts: u32 = 0;
        loop {
            attempts = attempts.saturating_add(1);
            span.record("attempt", attempts);
            let outcome = attempt(&self.http, request, self.max_response_bytes).await;
            if let Some(status) = outcome.status() {
                span.record("status", status.as_u16());
            }
            let retries_done = attempts.saturating_sub(1);
            let wait = match outcome.fault() {
                Some(fault) => match self.retry.decide(&request.method, &fault, retries_done) {
                    Decision::Retry(wait) => {
                        tracing::debug!(
                            attempt = attempts,
                            cause = %fault,
                            wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                            "retrying",
                        );
                        wait
                    }
                    Decision::Stop => return (outcome, attempts),
                },
                None => return (outcome, attempts),
            };
            tokio::time::sleep(wait).await;
        }
    }
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Core")
            .field("api", &self.info.name)
            .field("base_url", &self.base_url)
            .field("token", &"<redacted>")
            .field("api_params", &self.param_values)
            .field("scopes", &self.scopes)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}
