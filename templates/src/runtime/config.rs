//! The client builder: settings, their defaults, and the checks made once at build time.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use http::header::{ACCEPT, AUTHORIZATION, USER_AGENT};
use http::{HeaderMap, HeaderValue};

use super::api::{Api, ApiInfo, ParamLocation};
use super::core::Core;
use super::encode;
use super::error::TransportError;
use super::retry::RetryPolicy;
use super::secret::Secret;

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
const DEFAULT_RETRY: RetryPolicy = RetryPolicy {
    max_retries: 2,
    initial_backoff: Duration::from_millis(200),
    max_backoff: Duration::from_secs(10),
    max_retry_after: Duration::from_secs(60),
};
/// Enough for the usual http→https and trailing-slash hops; more suggests a loop.
const MAX_REDIRECTS: usize = 5;

/// Builds a client for the API `A`. The generated API module adds a setter per API-wide
/// parameter and exposes this type as its `ClientBuilder`.
pub struct ClientBuilder<A: Api> {
    token: Option<Secret>,
    base_url: Option<String>,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    max_response_bytes: usize,
    scopes: Option<Vec<String>>,
    http_client: Option<reqwest::Client>,
    param_values: Vec<(&'static str, String)>,
    api: PhantomData<fn() -> A>,
}

impl<A: Api> ClientBuilder<A> {
    /// A builder with the defaults documented on each setter.
    pub fn new() -> Self {
        Self {
            token: None,
            base_url: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            retry: DEFAULT_RETRY,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            scopes: None,
            http_client: None,
            param_values: Vec::new(),
            api: PhantomData,
        }
    }

    /// The API token, sent as `Authorization: Bearer <token>`. Required. It never appears in
    /// `Debug` output, errors or logs, and is not forwarded on a redirect to another host.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(Secret::new(token.into()));
        self
    }

    /// The base URL requests go to, e.g. `https://api.example.com/v1`; defaults to the API's.
    /// Must be `http` or `https`, without query, fragment or credentials; a trailing `/` is
    /// fine.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The time one attempt may take, from connecting to the last byte of the body; 30 s by
    /// default. A call can override it. Retries each get the full time again.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The time establishing a connection may take; 10 s by default. Ignored with
    /// [`http_client`](Self::http_client).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How many times a failed attempt is tried again; 2 by default, 0 disables retries.
    ///
    /// Retried failures: a connection that could not be established, status 429, 502, 503 and
    /// 504, a connection that broke mid-response, and a timeout. Methods that are idempotent
    /// (GET, HEAD, PUT, DELETE) retry on all of them. POST and PATCH retry only on 429 and on a
    /// connection that could not be established, since in the other cases the server may
    /// already have acted and repeating the request could, say, create a resource twice.
    ///
    /// Before each retry the client waits a random time between zero and
    /// `initial * 2^retry`, capped at `max` (see [`retry_backoff`](Self::retry_backoff)), so
    /// that clients that failed together do not come back together. A 429 or 503 with a
    /// `Retry-After` header (seconds or an HTTP date) waits that long instead; when it asks for
    /// more than [`max_retry_after`](Self::max_retry_after), the error is returned at once,
    /// since retrying sooner than asked only earns another refusal. When the retries run out,
    /// the last attempt's error is returned.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// The backoff before the first retry and the most it grows to; 200 ms and 10 s by default.
    pub fn retry_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.retry.initial_backoff = initial;
        self.retry.max_backoff = max;
        self
    }

    /// The longest `Retry-After` that is honoured by waiting; 60 s by default. A longer one
    /// ends the call with the error.
    pub fn max_retry_after(mut self, max: Duration) -> Self {
        self.retry.max_retry_after = max;
        self
    }

    /// The largest response body read, in bytes; 16 MiB by default. A larger body ends the call
    /// with [`Error::BodyTooLarge`](super::Error::BodyTooLarge).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The scopes the token was granted. When given, an action none of whose documented scopes
    /// is among them is refused locally with
    /// [`Refused::MissingScope`](super::Refused::MissingScope), without a round trip. Scopes
    /// are compared as exact strings.
    pub fn scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes = Some(scopes.into_iter().map(Into::into).collect());
        self
    }

    /// Sends through `client`, e.g. to share its connection pool with other code. Its own
    /// settings then apply instead of this builder's connect timeout and redirect limit (5);
    /// the per-attempt [`timeout`](Self::timeout) still applies.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Sets an API-wide parameter sent with every call unless the call overrides it; used by
    /// the generated setters.
    #[allow(
        dead_code,
        reason = "only generated per-API setters call it; the standalone templates crate has none"
    )]
    pub(crate) fn api_param(mut self, name: &'static str, value: impl Into<String>) -> Self {
        let value = value.into();
        match self
            .param_values
            .iter_mut()
            .find(|(known, _)| *known == name)
        {
            Some(entry) => entry.1 = value,
            None => self.param_values.push((name, value)),
        }
        self
    }

    /// Checks the settings and builds the client, with a new connection pool unless
    /// [`http_client`](Self::http_client) was given.
    pub fn build(self) -> Result<A::Client, BuildError> {
        let token = self
            .token
            .filter(|token| !token.expose().trim().is_empty())
            .ok_or(BuildError::MissingToken)?;
        let base_url =
            parse_base_url(self.base_url.as_deref().unwrap_or(A::INFO.default_base_url))?;
        let headers = request_headers(A::INFO, &token)?;
        let content_type = api_header("Content-Type", A::INFO.content_type)?;
        for (name, value) in &self.param_values {
            check_param(A::PARAMS, name, value)?;
        }
        let http = match self.http_client {
            Some(client) => client,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .redirect(reqwest::redirect::Policy::limited(MAX_REDIRECTS))
                .build()
                .map_err(|error| BuildError::HttpClient(TransportError::new(error)))?,
        };
        Ok(A::wrap(Arc::new(Core {
            http,
            info: A::INFO,
            params: A::PARAMS,
            param_values: self.param_values,
            base_url,
            headers,
            content_type,
            scopes: self.scopes,
            retry: self.retry,
            timeout: self.timeout,
            max_response_bytes: self.max_response_bytes,
        })))
    }
}

impl<A: Api> Default for ClientBuilder<A> {
    fn default() -> Self {
        Self::new()
    }
}

impl<A: Api> Clone for ClientBuilder<A> {
    fn clone(&self) -> Self {
        Self {
            token: self.token.clone(),
            base_url: self.base_url.clone(),
            scopes: self.scopes.clone(),
            http_client: self.http_client.clone(),
            param_values: self.param_values.clone(),
            ..*self
        }
    }
}

impl<A: Api> fmt::Debug for ClientBuilder<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api", &A::INFO.name)
            .field("token", &self.token)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("scopes", &self.scopes)
            .field("http_client", &self.http_client.is_some())
            .field("api_params", &self.param_values)
            .finish()
    }
}

/// Why [`ClientBuilder::build`] failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// No token, or an empty one, was given.
    #[error("no API token was given: call ClientBuilder::token")]
    MissingToken,
    /// The token cannot be sent in a header.
    #[error(
        "the API token contains a character not allowed in an HTTP header \
         (CR, LF, another control character, or a non-ASCII character)"
    )]
    InvalidToken,
    /// The base URL is not an absolute `http` or `https` URL without query, fragment or
    /// credentials.
    #[error("invalid base URL {url:?}: {reason}")]
    InvalidBaseUrl {
        /// The URL as given, without any credentials it contained.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The value of an API-wide parameter cannot be sent.
    #[error("invalid API parameter `{name}`: {reason}")]
    InvalidApiParam {
        /// The parameter's name on the wire.
        name: &'static str,
        /// What is wrong with the value.
        reason: &'static str,
    },
    /// A parameter was set that the API does not declare (a generator bug).
    #[error("`{name}` is not an API-wide parameter of this API")]
    UnknownApiParam {
        /// The parameter's name.
        name: &'static str,
    },
    /// A header of the API's static description cannot be sent (a generator bug).
    #[error("invalid header `{name}` in the API's description: {reason}")]
    InvalidApiHeader {
        /// The header's name.
        name: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The HTTP client could not be created (e.g. the TLS backend failed to initialise).
    #[error("the HTTP client could not be created")]
    HttpClient(#[source] TransportError),
}

/// Checks the base URL and returns it without a trailing `/`.
fn parse_base_url(raw: &str) -> Result<String, BuildError> {
    let invalid = |url: String, reason: &str| BuildError::InvalidBaseUrl {
        url,
        reason: reason.to_owned(),
    };
    let mut url = reqwest::Url::parse(raw).map_err(|error| BuildError::InvalidBaseUrl {
        url: raw.to_owned(),
        reason: error.to_string(),
    })?;
    if !url.username().is_empty() || url.password().is_some() {
        // Report the URL without the credentials; both setters only fail on URLs that cannot
        // carry credentials, which this one does.
        let _ = url.set_username("");
        let _ = url.set_password(None);
        return Err(invalid(
            url.into(),
            "credentials belong in the token, not the URL",
        ));
    }
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(url.into(), "the scheme must be http or https"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(
            url.into(),
            "a base URL cannot have a query or a fragment",
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// The headers every request carries, in this order: `Authorization`, the API's defaults,
/// `Accept`, `User-Agent`.
fn request_headers(info: &'static ApiInfo, token: &Secret) -> Result<HeaderMap, BuildError> {
    let mut headers = HeaderMap::new();
    let mut authorization = encode::header_value(&format!("Bearer {}", token.expose()))
        .map_err(|_| BuildError::InvalidToken)?;
    // Keeps the value out of `Debug` output and lets HTTP/2 avoid indexing it (HPACK).
    authorization.set_sensitive(true);
    headers.insert(AUTHORIZATION, authorization);
    for &(name, value) in info.default_headers {
        let header = encode::header_name(name)
            .map_err(|reason| BuildError::InvalidApiHeader { name, reason })?;
        headers.append(header, api_header(name, value)?);
    }
    let fixed = [
        (ACCEPT, "Accept", info.accept),
        (USER_AGENT, "User-Agent", info.user_agent),
    ];
    for (header, name, value) in fixed {
        if !value.is_empty() {
            headers.insert(header, api_header(name, value)?);
        }
    }
    Ok(headers)
}

fn api_header(name: &'static str, value: &'static str) -> Result<HeaderValue, BuildError> {
    encode::header_value(value).map_err(|reason| BuildError::InvalidApiHeader { name, reason })
}

/// Header values are checked now so that a bad one fails at build time rather than on every
/// call; query values need no check, since they are percent-encoded.
fn check_param(
    params: &'static [(&'static str, ParamLocation)],
    name: &'static str,
    value: &str,
) -> Result<(), BuildError> {
    match params.iter().find(|(known, _)| *known == name) {
        None => Err(BuildError::UnknownApiParam { name }),
        Some((_, ParamLocation::Header)) => encode::header_value(value)
            .map(drop)
            .map_err(|reason| BuildError::InvalidApiParam { name, reason }),
        Some((_, ParamLocation::Query)) => Ok(()),
    }
}
