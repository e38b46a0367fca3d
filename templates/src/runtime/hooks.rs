//! Extension points around sending: hooks that see every attempt, and token providers.

use std::fmt;

use futures::future::BoxFuture;

use super::api::Operation;
use super::secret::Secret;
use super::transport::{HttpRequest, HttpResponse};

/// Observes, and may change, every request the client sends and observes every response head:
/// for metrics, logging, request signing or correlation ids. Registered with
/// [`ClientBuilder::hook`](super::ClientBuilder::hook); hooks run in registration order, on
/// every attempt and every redirect hop.
pub trait Hook: Send + Sync + 'static {
    /// Called just before `request` is handed to the transport; may change its headers.
    fn on_request(&self, operation: Operation, request: &mut HttpRequest) {
        let _ = (operation, request);
    }

    /// Called when a response head arrived, before its body is read.
    fn on_response(&self, operation: Operation, response: &HttpResponse) {
        let _ = (operation, response);
    }
}

/// Supplies the bearer token, asked once per attempt, so a token that expires can be renewed
/// between calls. Registered with
/// [`ClientBuilder::token_provider`](super::ClientBuilder::token_provider);
/// [`ClientBuilder::token`](super::ClientBuilder::token) installs one that always returns the
/// same token.
pub trait TokenProvider: Send + Sync + 'static {
    /// The token to send now.
    fn token(&self) -> BoxFuture<'_, Result<String, TokenError>>;

    /// Called when the server answered 401 to a request that carried `rejected`. Return `true`
    /// when a new token is ready: the request is then sent once more (once per call). The
    /// default returns `false`, so the 401 is returned.
    fn unauthorized(&self, rejected: &str) -> BoxFuture<'_, bool> {
        let _ = rejected;
        Box::pin(async { false })
    }
}

/// Why a [`TokenProvider`] could not supply a token.
#[derive(Debug)]
pub struct TokenError(Box<dyn std::error::Error + Send + Sync>);

impl TokenError {
    /// Wraps the provider's own error.
    pub fn new(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self(source.into())
    }
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for TokenError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

/// The provider behind [`ClientBuilder::token`](super::ClientBuilder::token).
pub(crate) struct StaticToken(pub(crate) Secret);

impl TokenProvider for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<String, TokenError>> {
        let token = self.0.expose().to_owned();
        Box::pin(async move { Ok(token) })
    }
}
