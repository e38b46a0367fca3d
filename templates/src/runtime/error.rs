//! The error every action returns, and the trait generated error enums implement.

use std::fmt;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{HeaderMap, StatusCode, header::CONTENT_TYPE};

use super::api::Operation;
use super::hooks::TokenError;
use super::pagination::PaginationError;
use super::redirect::RedirectError;
use super::refused::Refused;
use super::retry::{is_retryable_status, retry_after};
use super::transport::TransportError;

/// Implemented by each generated per-action error enum (e.g. `org::GetError { BadRequest(Error),
/// NotFound(Error) }`), which holds the decoded body of the statuses the docs list. Generated
/// code implements it; there is no reason to implement it by hand.
pub trait ErrorBody: Sized + fmt::Debug + fmt::Display + Send + Sync + 'static {
    /// Decodes the body of a documented error status; `None` when `status` is not documented
    /// for the action.
    fn decode(status: StatusCode, body: &[u8]) -> Option<Result<Self, serde_json::Error>>;
}

/// Which time limit ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// One attempt took longer than the per-attempt `timeout`.
    Attempt,
    /// The whole call (attempts, backoffs, `Retry-After` waits) took longer than the
    /// `operation_timeout`.
    Operation,
    /// A stream went silent for longer than its `idle_timeout`.
    Idle,
}

/// The error of every action; `E` is the action's generated error enum.
///
/// Every variant names the call that failed ([`Operation`], e.g. `losant org.get`), and its
/// `Display` says what happened and, where the caller can do something, what. The accessors
/// ([`status`](Self::status), [`headers`](Self::headers), [`raw_body`](Self::raw_body),
/// [`api_error`](Self::api_error), [`retry_after`](Self::retry_after)) work on every variant,
/// so most callers never match on it.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The server answered with a status the docs list for the action; `error` is decoded per
    /// status.
    #[non_exhaustive]
    Api {
        /// The call that failed.
        action: Operation,
        /// The response status.
        status: StatusCode,
        /// The response headers (boxed to keep the error small).
        headers: Box<HeaderMap>,
        /// The decoded error body.
        error: E,
        /// The raw response body.
        body: Bytes,
    },
    /// The server answered with a status the docs do not list for the action (an error status,
    /// or a success status the action does not document); the raw body is kept.
    #[non_exhaustive]
    UndocumentedStatus {
        /// The call that failed.
        action: Operation,
        /// The response status.
        status: StatusCode,
        /// The response headers (boxed to keep the error small).
        headers: Box<HeaderMap>,
        /// The raw response body.
        body: Bytes,
    },
    /// The body does not decode into the documented model (also: an empty body where a model is
    /// expected, invalid UTF-8, truncated JSON, an HTML error page, an event whose data is not
    /// the documented model).
    #[non_exhaustive]
    Decode {
        /// The call that failed.
        action: Operation,
        /// The response status.
        status: StatusCode,
        /// The response headers (boxed to keep the error small).
        headers: Box<HeaderMap>,
        /// The raw response body (for an event, its data).
        body: Bytes,
        /// Where and why decoding failed.
        source: serde_json::Error,
    },
    /// The body (or one event of a stream) is larger than the client's `max_response_bytes`;
    /// reading stopped there.
    #[non_exhaustive]
    BodyTooLarge {
        /// The call that failed.
        action: Operation,
        /// The response status.
        status: StatusCode,
        /// The response headers (boxed to keep the error small).
        headers: Box<HeaderMap>,
        /// The limit that was exceeded, in bytes.
        limit: usize,
    },
    /// A redirect was not followed: it downgraded https to http, had no usable `Location`, or
    /// one redirect too many was asked for.
    #[non_exhaustive]
    Redirect {
        /// The call that failed.
        action: Operation,
        /// The status of the redirect response.
        status: StatusCode,
        /// The headers of the redirect response (boxed to keep the error small).
        headers: Box<HeaderMap>,
        /// Why it was not followed.
        reason: RedirectError,
    },
    /// Refused locally before anything was sent.
    #[non_exhaustive]
    Refused {
        /// The call that was refused.
        action: Operation,
        /// Why, and what to change.
        reason: Refused,
    },
    /// A time limit ran out.
    #[non_exhaustive]
    Timeout {
        /// The call that failed.
        action: Operation,
        /// The attempts made (1 when not retried).
        attempts: u32,
        /// The limit that ran out.
        timeout: Duration,
        /// Which limit it was.
        kind: TimeoutKind,
    },
    /// The server could not be reached, or the connection failed mid-response.
    #[non_exhaustive]
    Transport {
        /// The call that failed.
        action: Operation,
        /// The attempts made (1 when not retried).
        attempts: u32,
        /// The underlying failure.
        source: TransportError,
    },
    /// The token provider could not supply a token.
    #[non_exhaustive]
    Token {
        /// The call that failed.
        action: Operation,
        /// The provider's error.
        source: TokenError,
    },
    /// A paginated walk was stopped.
    #[non_exhaustive]
    Pagination {
        /// The paginated action.
        action: Operation,
        /// Why the walk stopped.
        reason: PaginationError,
    },
}

impl<E> Error<E> {
    /// The call that failed.
    pub fn action(&self) -> Operation {
        match self {
            Self::Api { action, .. }
            | Self::UndocumentedStatus { action, .. }
            | Self::Decode { action, .. }
            | Self::BodyTooLarge { action, .. }
            | Self::Redirect { action, .. }
            | Self::Refused { action, .. }
            | Self::Timeout { action, .. }
            | Self::Transport { action, .. }
            | Self::Token { action, .. }
            | Self::Pagination { action, .. } => *action,
        }
    }

    /// The typed body of a documented error status, e.g.
    /// `Some(org::DeleteError::NotFound(body))`.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Self::Api { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The typed body of a documented error status, taking the error apart.
    pub fn into_api_error(self) -> Option<E> {
        match self {
            Self::Api { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The response status, when a response arrived.
    pub fn status(&self) -> Option<StatusCode> {
        self.response().map(|(status, _)| status)
    }

    /// The response headers, when a response arrived.
    pub fn headers(&self) -> Option<&HeaderMap> {
        self.response().map(|(_, headers)| headers)
    }

    /// The raw response body, when one was read (error statuses, undocumented statuses and
    /// bodies that did not decode).
    pub fn raw_body(&self) -> Option<&Bytes> {
        match self {
            Self::Api { body, .. }
            | Self::UndocumentedStatus { body, .. }
            | Self::Decode { body, .. } => Some(body),
            _ => None,
        }
    }

    /// How long the server asked to wait before trying again (`Retry-After`, as seconds or an
    /// HTTP date), when a response said so.
    pub fn retry_after(&self) -> Option<Duration> {
        retry_after(self.headers()?, SystemTime::now())
    }

    /// Whether trying again later may succeed: timeouts, transport failures and the statuses the
    /// client itself retries (429, 502, 503, 504). Retries already made are not counted here.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Timeout { .. } | Self::Transport { .. } => true,
            Self::Api { status, .. }
            | Self::UndocumentedStatus { status, .. }
            | Self::Decode { status, .. } => is_retryable_status(*status),
            Self::BodyTooLarge { .. }
            | Self::Redirect { .. }
            | Self::Refused { .. }
            | Self::Token { .. }
            | Self::Pagination { .. } => false,
        }
    }

    fn response(&self) -> Option<(StatusCode, &HeaderMap)> {
        match self {
            Self::Api {
                status, headers, ..
            }
            | Self::UndocumentedStatus {
                status, headers, ..
            }
            | Self::Decode {
                status, headers, ..
            }
            | Self::BodyTooLarge {
                status, headers, ..
            }
            | Self::Redirect {
                status, headers, ..
            } => Some((*status, &**headers)),
            _ => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api {
                action,
                status,
                error,
                ..
            } => write!(f, "{action} failed with {status}: {error}"),
            Self::UndocumentedStatus {
                action,
                status,
                body,
                ..
            } => write!(
                f,
                "{action} returned {status}, a status its documentation does not list \
                 (the {}-byte body is kept in the error)",
                body.len()
            ),
            Self::Decode {
                action,
                status,
                headers,
                body,
                source,
            } => {
                write!(
                    f,
                    "{action} returned {status} with a body that is not the documented \
                     content: {source}"
                )?;
                if body.is_empty() {
                    f.write_str(" (the body is empty)")
                } else if let Some(content_type) = non_json_content_type(headers) {
                    write!(f, " (content-type {content_type:?})")
                } else {
                    Ok(())
                }
            }
            Self::BodyTooLarge {
                action,
                status,
                limit,
                ..
            } => write!(
                f,
                "{action} returned {status} with a body over the {limit}-byte limit; \
                 raise ClientBuilder::max_response_bytes if such bodies are expected"
            ),
            Self::Redirect {
                action,
                status,
                reason,
                ..
            } => write!(
                f,
                "{action} got a redirect ({status}) that was not followed: {reason}"
            ),
            Self::Refused { action, reason } => {
                write!(f, "{action} was refused before sending: {reason}")
            }
            Self::Timeout {
                action,
                attempts,
                timeout,
                kind,
            } => match kind {
                TimeoutKind::Attempt => write!(
                    f,
                    "{action} timed out: no complete response within {timeout:?} ({}); \
                     raise the timeout on the client builder or the call if the server is slow",
                    Attempts(*attempts)
                ),
                TimeoutKind::Operation => write!(
                    f,
                    "{action} ran out of its operation timeout of {timeout:?} ({}); \
                     raise operation_timeout on the client builder or the call",
                    Attempts(*attempts)
                ),
                TimeoutKind::Idle => write!(
                    f,
                    "{action}: the stream sent nothing for {timeout:?}, its idle timeout"
                ),
            },
            Self::Transport {
                action,
                attempts,
                source,
            } => write!(
                f,
                "{action} failed: could not reach the server or the connection broke ({}): \
                 {source}",
                Attempts(*attempts)
            ),
            Self::Token { action, source } => {
                write!(
                    f,
                    "{action} failed: the token provider gave no token: {source}"
                )
            }
            Self::Pagination { action, reason } => {
                write!(f, "{action}: the page walk stopped: {reason}")
            }
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Decode { source, .. } => Some(source),
            Self::Transport { source, .. } => Some(source),
            Self::Token { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Says "1 attempt" or "3 attempts".
struct Attempts(u32);

impl fmt::Display for Attempts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            1 => f.write_str("1 attempt"),
            n => write!(f, "{n} attempts"),
        }
    }
}

/// The response's content type when it is present and not JSON (`application/json` or
/// `*/*+json`): worth showing, since an HTML error page from a proxy explains a decode failure.
fn non_json_content_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(CONTENT_TYPE)?;
    let text = String::from_utf8_lossy(value.as_bytes());
    let essence = text.split(';').next().unwrap_or_default().trim();
    let is_json = essence.eq_ignore_ascii_case("application/json")
        || essence
            .rsplit_once('+')
            .is_some_and(|(_, suffix)| suffix.eq_ignore_ascii_case("json"));
    (!is_json).then(|| text.into_owned())
}
