//! When a failed attempt is tried again, and how long to wait first.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use http::{HeaderMap, Method, StatusCode, header::RETRY_AFTER};

/// The statuses that say "try again later": rate limited, or a gateway/overload problem.
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::TOO_MANY_REQUESTS
            | StatusCode::BAD_GATEWAY
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT
    )
}

/// Methods that RFC 9110 defines as idempotent: repeating them has the effect of doing them
/// once, so they may be retried even when the server may have acted on the first attempt.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE
    )
}

/// What went wrong with one attempt, as far as retrying is concerned.
#[derive(Debug)]
pub(crate) enum Fault<'a> {
    /// A response with this status (any status; only some are retried).
    Status(StatusCode, &'a HeaderMap),
    /// The connection could not be established: the server never saw the request.
    NeverReached,
    /// The connection failed after the request may have been sent.
    Interrupted,
    /// The attempt ran out of time.
    TimedOut,
}

impl fmt::Display for Fault<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Status(status, _) => write!(f, "status {status}"),
            Self::NeverReached => f.write_str("could not connect"),
            Self::Interrupted => f.write_str("connection broke"),
            Self::TimedOut => f.write_str("timed out"),
        }
    }
}

/// What to do after a failed attempt.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Wait this long, then try again.
    Retry(Duration),
    /// Return the attempt's outcome.
    Stop,
}

/// The retry settings of a client; see `ClientBuilder::max_retries` for the policy.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RetryPolicy {
    pub(crate) max_retries: u32,
    pub(crate) initial_backoff: Duration,
    pub(crate) max_backoff: Duration,
    pub(crate) max_retry_after: Duration,
}

impl RetryPolicy {
    /// Decides whether to retry after `fault`, given the retries already made. `idempotent`
    /// says whether repeating the request is safe even if the server acted on it: an
    /// idempotent method, or a POST/PATCH that carries an idempotency key.
    pub(crate) fn decide(
        &self,
        idempotent: bool,
        fault: &Fault<'_>,
        retries_done: u32,
    ) -> Decision {
        if retries_done >= self.max_retries {
            return Decision::Stop;
        }
        match *fault {
            Fault::NeverReached => Decision::Retry(self.backoff(retries_done)),
            Fault::Interrupted | Fault::TimedOut if idempotent => {
                Decision::Retry(self.backoff(retries_done))
            }
            // A 429 means the server refused the request without acting on it, so even a POST
            // is safe to repeat; a 502/503/504 may come after the upstream already acted.
            Fault::Status(status, headers)
                if is_retryable_status(status)
                    && (idempotent || status == StatusCode::TOO_MANY_REQUESTS) =>
            {
                self.after_status(status, headers, retries_done)
            }
            _ => Decision::Stop,
        }
    }

    fn after_status(&self, status: StatusCode, headers: &HeaderMap, retries_done: u32) -> Decision {
        let honours_retry_after = matches!(
            status,
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
        );
        match retry_after(headers, SystemTime::now()) {
            Some(wait) if honours_retry_after && wait <= self.max_retry_after => {
                Decision::Retry(wait)
            }
            // Retrying sooner than the server asked only earns another refusal, and waiting
            // longer than the caller allowed is worse than reporting the failure now.
            Some(_) if honours_retry_after => Decision::Stop,
            _ => Decision::Retry(self.backoff(retries_done)),
        }
    }

    /// Exponential backoff with full jitter: a random wait in `[0, min(initial * 2^n, max)]`, so
    /// that clients that failed together do not retry together.
    pub(crate) fn backoff(&self, retries_done: u32) -> Duration {
        let ceiling = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(retries_done))
            .min(self.max_backoff);
        let ceiling_nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(random_u64() % ceiling_nanos.saturating_add(1))
    }
}

/// Parses `Retry-After` as delta-seconds or an HTTP-date (RFC 9110 §10.2.3); `None` when it is
/// absent or unreadable, in which case the normal backoff applies.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for a u64 is still a clear "much later", not garbage.
        return Some(value.parse().map_or(Duration::MAX, Duration::from_secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A cheap random number for jitter and keys, without a `rand` dependency: std's `RandomState`
/// keys are seeded from the OS, and hashing a process-wide counter keeps values distinct even if
/// two calls get the same keys.
pub(crate) fn random_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    RandomState::new().hash_one(COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// A fresh idempotency key: 128 random bits as 32 hex digits.
pub(crate) fn idempotency_key() -> String {
    format!("{:016x}{:016x}", random_u64(), random_u64())
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: RetryPolicy = RetryPolicy {
        max_retries: 2,
        initial_backoff: Duration::from_millis(100),
        max_backoff: Duration::from_millis(300),
        max_retry_after: Duration::from_secs(60),
    };

    fn with_retry_after(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Ok(value) = value.parse() {
            headers.insert(RETRY_AFTER, value);
        }
        headers
    }

    #[test]
    fn idempotency_keys_are_32_hex_digits_and_differ() {
        let (a, b) = (idempotency_key(), idempotency_key());
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        let date = httpdate::fmt_http_date(now + Duration::from_secs(7));
        let parse = |value: &str| retry_after(&with_retry_after(value), now);
        assert_eq!(parse("5"), Some(Duration::from_secs(5)));
        assert_eq!(parse(" 0 "), Some(Duration::ZERO));
        assert_eq!(parse(&date), Some(Duration::from_secs(7)));
        assert_eq!(parse("Sun, 06 Nov 1994 08:49:37 GMT"), Some(Duration::ZERO));
        assert_eq!(parse("99999999999999999999999"), Some(Duration::MAX));
        assert_eq!(parse("-1"), None);
        assert_eq!(parse("soon"), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn backoff_stays_within_the_capped_exponential() {
        for retries_done in [0, 1, 2, 40, u32::MAX] {
            let ceiling = Duration::from_millis(100)
                .saturating_mul(2u32.saturating_pow(retries_done))
                .min(Duration::from_millis(300));
            assert!(POLICY.backoff(retries_done) <= ceiling);
        }
    }

    #[test]
    fn post_retries_only_rate_limits_and_unreached_servers() {
        let headers = HeaderMap::new();
        let decide = |fault| POLICY.decide(false, &fault, 0);
        assert_eq!(
            decide(Fault::Status(StatusCode::SERVICE_UNAVAILABLE, &headers)),
            Decision::Stop
        );
        assert_eq!(decide(Fault::TimedOut), Decision::Stop);
        assert_eq!(decide(Fault::Interrupted), Decision::Stop);
        assert_ne!(
            decide(Fault::Status(StatusCode::TOO_MANY_REQUESTS, &headers)),
            Decision::Stop
        );
        assert_ne!(decide(Fault::NeverReached), Decision::Stop);
    }

    #[test]
    fn get_retries_every_transient_failure_until_the_limit() {
        let headers = HeaderMap::new();
        for status in [429, 502, 503, 504] {
            let status = StatusCode::from_u16(status).unwrap_or_default();
            let fault = Fault::Status(status, &headers);
            assert_ne!(POLICY.decide(true, &fault, 1), Decision::Stop);
            assert_eq!(POLICY.decide(true, &fault, 2), Decision::Stop);
        }
        let fault = Fault::Status(StatusCode::INTERNAL_SERVER_ERROR, &headers);
        assert_eq!(POLICY.decide(true, &fault, 0), Decision::Stop);
    }

    #[test]
    fn retry_after_replaces_the_backoff_or_stops_when_too_long() {
        let soon = with_retry_after("3");
        let fault = Fault::Status(StatusCode::TOO_MANY_REQUESTS, &soon);
        assert_eq!(
            POLICY.decide(false, &fault, 0),
            Decision::Retry(Duration::from_secs(3))
        );
        let late = with_retry_after("61");
        let fault = Fault::Status(StatusCode::SERVICE_UNAVAILABLE, &late);
        assert_eq!(POLICY.decide(true, &fault, 0), Decision::Stop);
    }
}
