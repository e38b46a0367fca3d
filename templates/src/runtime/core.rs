//! The shared core of a client and the loop that sends a request until it succeeds, the retry
//! policy gives up, the retry budget runs dry or the operation timeout runs out.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, HeaderValue, StatusCode, header::AUTHORIZATION};
use tokio::time::Instant;

use super::api::{ActionInfo, ApiInfo, Auth, Operation, ParamLocation};
use super::attempt::{Outcome, Prepared};
use super::budget::RetryBudget;
use super::call::Call;
use super::error::TimeoutKind;
use super::failure::{Failure, Kind};
use super::hooks::{Hook, TokenProvider};
use super::options::CallOptions;
use super::pagination::PageLimits;
use super::refused::Refused;
use super::response::RawResponse;
use super::retry::{Decision, RetryPolicy};
use super::stream::ByteStream;
use super::transport::Transport;

/// The shared core of a client: the transport, the settings and the headers every request
/// carries. Built by [`ClientBuilder::build`](super::ClientBuilder::build) and held in an `Arc`
/// by the generated client, so clones of a client share one connection pool and one retry
/// budget.
pub struct Core {
    pub(crate) shared: Arc<Shared>,
}

/// What a [`Core`] holds; an `Arc` of it lets streams outlive the borrow of the client.
pub(crate) struct Shared {
    pub(crate) transport: Arc<dyn Transport>,
    pub(crate) hooks: Vec<Arc<dyn Hook>>,
    /// `None` for an API without auth, or a client built `without_token`.
    pub(crate) token: Option<Arc<dyn TokenProvider>>,
    pub(crate) info: &'static ApiInfo,
    pub(crate) params: &'static [(&'static str, ParamLocation)],
    /// The builder's values of API-wide parameters, already checked.
    pub(crate) param_values: Vec<(&'static str, String)>,
    /// Without a trailing `/`, so that paths (which start with one) can be appended.
    pub(crate) base_url: String,
    /// The parsed base URL, whose origin next links must share.
    pub(crate) base: reqwest::Url,
    /// The API's default headers, `Accept`, `User-Agent` (no `Authorization`: that is added
    /// per attempt).
    pub(crate) headers: HeaderMap,
    pub(crate) content_type: HeaderValue,
    pub(crate) scopes: Option<Vec<String>>,
    pub(crate) retry: RetryPolicy,
    pub(crate) budget: Option<RetryBudget>,
    pub(crate) timeout: Duration,
    pub(crate) operation_timeout: Option<Duration>,
    pub(crate) idle_timeout: Duration,
    pub(crate) max_response_bytes: usize,
    pub(crate) max_redirects: usize,
    pub(crate) max_pages: u64,
}

impl Core {
    /// Starts assembling a request for `action` with the call's `options`.
    pub fn call(&self, action: &'static ActionInfo, options: &CallOptions) -> Call {
        Call::new(Arc::clone(&self.shared), action, options.clone())
    }

    /// The limits of a paginated walk over `action`: the page cap (the call's `max_pages`, else
    /// the client's) and the origin next links must stay on.
    pub fn page_limits(&self, action: &'static ActionInfo, options: &CallOptions) -> PageLimits {
        let shared = &self.shared;
        PageLimits::new(
            Operation::new(shared.info, action),
            options.max_pages.unwrap_or(shared.max_pages),
            shared.base.clone(),
        )
    }
}

/// How a successful exchange ended.
pub(crate) enum Done {
    /// A complete response, whatever its status.
    Complete(RawResponse),
    /// The head of a 2xx response whose body is streamed.
    Streaming(StatusCode, HeaderMap, ByteStream),
}

impl Done {
    pub(crate) fn status(&self) -> StatusCode {
        match self {
            Self::Complete(raw) => raw.status,
            Self::Streaming(status, _, _) => *status,
        }
    }
}

impl Shared {
    /// Whether a call of `action` sends the token, or why it cannot be made.
    pub(crate) fn sends_token(&self, action: &'static ActionInfo) -> Result<bool, Refused> {
        let auth = match self.info.auth {
            Auth::None => Auth::None,
            Auth::Bearer | Auth::Optional => action.auth,
        };
        match (auth, &self.token) {
            (Auth::None, _) => Ok(false),
            (Auth::Bearer | Auth::Optional, Some(_)) => Ok(true),
            (Auth::Optional, None) => Ok(false),
            (Auth::Bearer, None) => Err(Refused::NoToken),
        }
    }

    /// Sends `request` until it succeeds or the retry policy, the retry budget or the
    /// operation timeout ends the call; returns the result and the number of attempts made.
    pub(crate) async fn execute(&self, mut request: Prepared) -> (Result<Done, Failure>, u32) {
        let deadline = request
            .operation_timeout
            .map(|limit| Instant::now() + limit);
        let mut attempts: u32 = 0;
        let mut retries_done: u32 = 0;
        let mut refreshed = false;
        let mut last_retry_cost = None;
        loop {
            attempts = attempts.saturating_add(1);
            let (limit, kind) = attempt_limit(request.timeout, deadline);
            let Some(body) = request.body.for_attempt() else {
                let reason = "a streamed request body cannot be sent twice".to_owned();
                return (
                    Err(Failure::refused(Refused::InvalidBody { reason })),
                    attempts,
                );
            };
            let exchange = async {
                let token = match self.token_for(&request).await {
                    Ok(token) => token,
                    Err(outcome) => return (outcome, None),
                };
                (self.attempt(&request, body, token.as_deref()).await, token)
            };
            let (outcome, token) = tokio::time::timeout(limit, exchange)
                .await
                .unwrap_or((Outcome::TimedOut(kind), None));
            if outcome.status() == Some(StatusCode::UNAUTHORIZED)
                && !refreshed
                && request.body.replayable()
                && self.refresh(token.as_deref()).await
            {
                refreshed = true;
                continue;
            }
            let Some(fault) = outcome.fault() else {
                if outcome.status().is_some_and(|status| status.is_success()) {
                    if let Some(budget) = &self.budget {
                        budget.deposit(last_retry_cost);
                    }
                }
                return (
                    outcome.finish(attempts, limit, request.operation_timeout, self),
                    attempts,
                );
            };
            let wait = match self.retry.decide(request.idempotent, &fault, retries_done) {
                Decision::Retry(wait) if request.body.replayable() => wait,
                _ => {
                    return (
                        outcome.finish(attempts, limit, request.operation_timeout, self),
                        attempts,
                    );
                }
            };
            // Waiting past the deadline only to time out is worse than the error at hand.
            if deadline.is_some_and(|deadline| Instant::now() + wait >= deadline) {
                return (
                    outcome.finish(attempts, limit, request.operation_timeout, self),
                    attempts,
                );
            }
            if let Some(budget) = &self.budget {
                match budget.withdraw(outcome.timed_out()) {
                    Some(cost) => last_retry_cost = Some(cost),
                    None => {
                        tracing::debug!(cause = %fault, "retry budget exhausted; not retrying");
                        return (
                            outcome.finish(attempts, limit, request.operation_timeout, self),
                            attempts,
                        );
                    }
                }
            }
            tracing::debug!(
                attempt = attempts,
                cause = %fault,
                wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                "retrying",
            );
            drop(outcome);
            retries_done = retries_done.saturating_add(1);
            tokio::time::sleep(wait).await;
        }
    }

    /// The token for this attempt, when the action sends one.
    async fn token_for(&self, request: &Prepared) -> Result<Option<String>, Outcome> {
        if !request.auth {
            return Ok(None);
        }
        let Some(provider) = &self.token else {
            return Err(Outcome::Refused(Refused::NoToken));
        };
        provider.token().await.map(Some).map_err(Outcome::Token)
    }

    /// Tells the token provider about a 401; `true` when it has a new token to try.
    async fn refresh(&self, rejected: Option<&str>) -> bool {
        match (&self.token, rejected) {
            (Some(provider), Some(rejected)) => provider.unauthorized(rejected).await,
            _ => false,
        }
    }

    /// The `Authorization` header for `token`, marked sensitive so that it stays out of `Debug`
    /// output and HTTP/2 does not index it (HPACK).
    pub(crate) fn bearer(token: &str) -> Result<HeaderValue, Refused> {
        let mut value =
            HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| Refused::InvalidToken)?;
        value.set_sensitive(true);
        Ok(value)
    }

    pub(crate) fn authorize(headers: &mut HeaderMap, token: Option<&str>) -> Result<(), Refused> {
        if let Some(token) = token {
            headers.insert(AUTHORIZATION, Self::bearer(token)?);
        }
        Ok(())
    }
}

/// The time this attempt may take: the per-attempt timeout, or what is left of the operation
/// timeout when that is less; and which of the two it is.
fn attempt_limit(timeout: Duration, deadline: Option<Instant>) -> (Duration, TimeoutKind) {
    match deadline.map(|deadline| deadline.saturating_duration_since(Instant::now())) {
        Some(left) if left < timeout => (left, TimeoutKind::Operation),
        _ => (timeout, TimeoutKind::Attempt),
    }
}

impl Outcome {
    /// The call's result once no retry follows.
    fn finish(
        self,
        attempts: u32,
        limit: Duration,
        operation_timeout: Option<Duration>,
        shared: &Shared,
    ) -> Result<Done, Failure> {
        let kind = match self {
            Self::Complete(raw) => return Ok(Done::Complete(raw)),
            Self::Streaming(status, headers, body) => {
                return Ok(Done::Streaming(status, headers, body));
            }
            Self::TooLarge(status, headers) => Kind::TooLarge {
                status,
                headers,
                limit: shared.max_response_bytes,
            },
            Self::Failed(source) => Kind::Transport { attempts, source },
            Self::Redirect(status, headers, reason) => Kind::Redirect {
                status,
                headers,
                reason,
            },
            Self::Refused(reason) => Kind::Refused(reason),
            Self::Token(source) => Kind::Token(source),
            Self::TimedOut(kind) => Kind::Timeout {
                attempts,
                // Report the limit the caller set, not the remainder this attempt had.
                timeout: match kind {
                    TimeoutKind::Operation => operation_timeout.unwrap_or(limit),
                    _ => limit,
                },
                kind,
            },
        };
        Err(Failure::new(kind))
    }
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shared = &self.shared;
        f.debug_struct("Core")
            .field("api", &shared.info.name)
            .field("base_url", &shared.base_url)
            .field("token", &shared.token.as_ref().map(|_| "<redacted>"))
            .field("api_params", &shared.param_values)
            .field("scopes", &shared.scopes)
            .field("retry", &shared.retry)
            .field("retry_budget", &shared.budget)
            .field("timeout", &shared.timeout)
            .field("operation_timeout", &shared.operation_timeout)
            .field("max_response_bytes", &shared.max_response_bytes)
            .field("hooks", &shared.hooks.len())
            .finish_non_exhaustive()
    }
}
