//! The error every action returns, and the trait generated error enums implement.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, StatusCode, header::CONTENT_TYPE};

use super::api::Operation;
use super::refused::Refused;
use super::retry::is_retryable_status;

/// Implemented by each generated per-action error enum (e.g. `org::GetError { BadRequest(Error),
/// NotFound(Error) }`), which holds the decoded body of the statuses the docs list.
pub trait ErrorBody: Sized + fmt::Debug + fmt::Display {
    /// Decodes the body of a documented error status; `None` when `status` is not documented
    /// for the action.
    fn decode(status: StatusCode, body: &[u8]) -> Option<Result<Self, serde_json::Error>>;
}

/// The error of every action; `E` is the action's generated error enum.
///
/// Every variant names the call that failed ([`Operation`], e.g. `losant org.get`), and its
/// `Display` says what happened and, where the caller can do something, what.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The server answered with a status the docs list for the action; `body` is decoded per
    /// status.
    Api {
        /// The call that failed.
        action: Operation,
        /// The response status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The decoded error body.
        body: E,
    },
    /// The server answered with a status the docs do not list for the action; the raw body is
    /// kept.
    UndocumentedStatus {
        /// The call that failed.
        action: Operation,
        /// The response status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The raw response body.
        body: Bytes,
    },
    /// The body does not decode into the documented model (also: an empty body where a model is
    /// expected, invalid UTF-8, truncated JSON, an HTML error page).
    Decode {
        /// The call that failed.
        action: Operation,
        /// The response status.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// Where and why decoding failed.
        source: serde_json::Error,
        /// The raw response body.
        body: Bytes,
    },
    /// The body is larger than the client's `max_response_bytes`; reading stopped there.
    BodyTooLarge {
        /// The call that failed.
        action: Operation,
        /// The response status.
        status: StatusCode,
        /// The limit that was exceeded, in bytes.
        limit: usize,
    },
    /// Refused locally before anything was sent.
    Refused {
        /// The call that was refused.
        action: Operation,
        /// Why, and what to change.
        reason: Refused,
    },
    /// No complete response arrived within the timeout, on every attempt made.
    Timeout {
        /// The call that failed.
        action: Operation,
        /// The attempts made (1 when not retried).
        attempts: u32,
        /// The timeout of each attempt.
        timeout: Duration,
    },
    /// The server could not be reached, or the connection failed mid-response.
    Transport {
        /// The call that failed.
        action: Operation,
        /// The attempts made (1 when not retried).
        attempts: u32,
        /// The underlying failure.
        source: TransportError,
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
            | Self::Refused { action, .. }
            | Self::Timeout { action, .. }
            | Self::Transport { action, .. } => *action,
        }
    }

    /// The response status, when a response arrived.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api { status, .. }
            | Self::UndocumentedStatus { status, .. }
            | Self::Decode { status, .. }
            | Self::BodyTooLarge { status, .. } => Some(*status),
            Self::Refused { .. } | Self::Timeout { .. } | Self::Transport { .. } => None,
        }
    }

    /// Whether trying again later may succeed: timeouts, transport failures and the statuses the
    /// client itself retries (429, 502, 503, 504). Retries already made are not counted here.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Timeout { .. } | Self::Transport { .. } => true,
            Self::Api { status, .. }
            | Self::UndocumentedStatus { status, .. }
            | Self::Decode { status, .. } => is_retryable_status(*status),
            Self::BodyTooLarge { .. } | Self::Refused { .. } => false,
        }
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api {
                action,
                status,
                body,
                ..
            } => write!(f, "{action} failed with {status}: {body}"),
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
                ..
            } => {
                write!(
                    f,
                    "{action} returned {status} with a body that is not the documented JSON"
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
            } => write!(
                f,
                "{action} returned {status} with a body over the {limit}-byte limit; \
                 raise ClientBuilder::max_response_bytes if such bodies are expected"
            ),
            Self::Refused { action, reason } => {
                write!(f, "{action} was refused before sending: {reason}")
            }
            Self::Timeout {
                action,
                attempts,
                timeout,
            } => write!(
                f,
                "{action} timed out: no complete response within {timeout:?} ({}); \
                 raise the timeout on the client builder or the call if the server is slow",
                Attempts(*attempts)
            ),
            Self::Transport {
                action, attempts, ..
            } => write!(
                f,
                "{action} failed: could not reach the server or the connection broke ({})",
                Attempts(*attempts)
            ),
        }
    }
}

impl<E: ErrorBody> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Decode { source, .. } => Some(source),
            Self::Transport { source, .. } => Some(source),
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

/// A failure to reach the server or to read its response: DNS, connect, TLS, a reset or closed
/// connection, too many redirects. Keeps reqwest out of the public API.
#[derive(Debug)]
pub struct TransportError(reqwest::Error);

impl TransportError {
    pub(crate) fn new(inner: reqwest::Error) -> Self {
        Self(inner)
    }

    /// Whether the connection could not be established, so the request never reached the
    /// server.
    pub fn is_connect(&self) -> bool {
        self.0.is_connect()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for TransportError {
    // Transparent: the wrapped error's message is our Display, so its cause comes next.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.0)
    }
}
