//! The client builder: settings, their defaults, and the checks made once at build time.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use http::header::{ACCEPT, USER_AGENT};
use http::{HeaderMap, HeaderValue};

use super::api::{Api, ApiInfo, Auth, ParamLocation};
use super::budget::RetryBudget;
use super::core::{Core, Shared};
use super::encode;
use super::hooks::{Hook, StaticToken, TokenProvider};
use super::pagination::DEFAULT_MAX_PAGES;
use super::retry::RetryPolicy;
use super::secret::Secret;
use super::transport::{ReqwestTransport, Transport, TransportError};

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_OPERATION_TIMEOUT: Duration = Duration::from_secs(90);
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);
const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
const DEFAULT_RETRY_BUDGET: u32 = 500;
const DEFAULT_RETRY: RetryPolicy = RetryPolicy {
    max_retries: 2,
    initial_backoff: Duration::from_millis(200),
    max_backoff: Duration::from_secs(10),
    max_retry_after: Duration::from_secs(60),
};
/// Enough for the usual http→https and trailing-slash hops; more suggests a loop.
const DEFAULT_MAX_REDIRECTS: usize = 5;

/// How the client gets its token.
#[derive(Clone)]
enum TokenSource {
    Unset,
    Static(Secret),
    Provider(Arc<dyn TokenProvider>),
    Without,
}

/// How the client sends requests.
#[derive(Clone)]
enum TransportSource {
    Default,
    Reqwest(reqwest::Client),
    Custom(Arc<dyn Transport>),
}

/// Builds a client for the API `A`. The generated API module adds a setter per API-wide
/// parameter and exposes this type as its `ClientBuilder`.
pub struct ClientBuilder<A: Api> {
    token: TokenSource,
    base_url: Option<String>,
    timeout: Duration,
    operation_timeout: Option<Duration>,
    connect_timeout: Duration,
    idle_timeout: Duration,
    retry: RetryPolicy,
    retry_budget: Option<u32>,
    max_response_bytes: usize,
    max_redirects: usize,
    max_pages: u64,
    scopes: Option<Vec<String>>,
    transport: TransportSource,
    hooks: Vec<Arc<dyn Hook>>,
    root_certificates: Vec<Vec<u8>>,
    param_values: Vec<(&'static str, String)>,
    api: PhantomData<fn() -> A>,
}

impl<A: Api> ClientBuilder<A> {
    /// A builder with the defaults documented on each setter.
    pub fn new() -> Self {
        Self {
            token: TokenSource::Unset,
            base_url: None,
            timeout: DEFAULT_TIMEOUT,
            operation_timeout: Some(DEFAULT_OPERATION_TIMEOUT),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            retry: DEFAULT_RETRY,
            retry_budget: Some(DEFAULT_RETRY_BUDGET),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_redirects: DEFAULT_MAX_REDIRECTS,
            max_pages: DEFAULT_MAX_PAGES,
            scopes: None,
            transport: TransportSource::Default,
            hooks: Vec::new(),
            root_certificates: Vec::new(),
            param_values: Vec::new(),
            api: PhantomData,
        }
    }

    /// The API token, sent as `Authorization: Bearer <token>` by every action that documents
    /// auth. An API that authenticates needs a token, a
    /// [`token_provider`](Self::token_provider), or an explicit
    /// [`without_token`](Self::without_token). The token never appears in `Debug` output,
    /// errors or logs, and is not sent on a redirect to another origin.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = TokenSource::Static(Secret::new(token.into()));
        self
    }

    /// Asks `provider` for the token before every attempt, and tells it about a 401 so that it
    /// can refresh the token (the request is then sent once more). Replaces
    /// [`token`](Self::token).
    pub fn token_provider(mut self, provider: impl TokenProvider) -> Self {
        self.token = TokenSource::Provider(Arc::new(provider));
        self
    }

    /// Builds a client without a token, for the actions that need none (those that hand out
    /// tokens). An action that needs the token is then refused locally with
    /// [`Refused::NoToken`](super::Refused::NoToken).
    pub fn without_token(mut self) -> Self {
        self.token = TokenSource::Without;
        self
    }

    /// The base URL requests go to, e.g. `https://api.example.com/v1`; defaults to the API's.
    /// Must be `http` or `https`, without query, fragment or credentials; a trailing `/` is
    /// fine. Next-page links must stay on its origin.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The time one attempt may take, from connecting to the last byte of the body; 30 s by
    /// default. A call can override it. Each retry gets the full time again, within the
    /// [`operation_timeout`](Self::operation_timeout).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The time a whole call may take: every attempt, every backoff and every `Retry-After`
    /// wait; 90 s by default. A call can override it. A retry whose wait would end past it is
    /// not made: the error at hand is returned at once. For streams it covers the time until
    /// the response head arrives; the stream itself is bounded by the idle timeout.
    pub fn operation_timeout(mut self, whole_call: Duration) -> Self {
        self.operation_timeout = Some(whole_call);
        self
    }

    /// Removes the operation timeout: a call is then bounded only by the per-attempt timeout,
    /// the retry count and the backoff and `Retry-After` caps.
    pub fn no_operation_timeout(mut self) -> Self {
        self.operation_timeout = None;
        self
    }

    /// The time establishing a connection may take; 10 s by default. Ignored with
    /// [`reqwest_client`](Self::reqwest_client) or [`transport`](Self::transport).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The longest silence allowed between two chunks of an event stream or a download stream;
    /// 60 s by default. A call can override it.
    pub fn idle_timeout(mut self, idle: Duration) -> Self {
        self.idle_timeout = idle;
        self
    }

    /// How many times a failed attempt is tried again; 2 by default, 0 disables retries.
    ///
    /// Retried failures: a connection that could not be established, status 429, 502, 503 and
    /// 504, a connection that broke mid-response, and a timeout. Idempotent methods (GET, HEAD,
    /// PUT, DELETE), and POST and PATCH when the API documents an idempotency header (the
    /// client then sends a key, the same on every retry), retry on all of them. Other POST and
    /// PATCH requests retry only on 429 and on a connection that could not be established,
    /// since in the other cases the server may already have acted and repeating the request
    /// could, say, create a resource twice. A request with a streamed body is never retried.
    ///
    /// Before each retry the client waits a random time between zero and
    /// `initial * 2^retry`, capped at `max` (see [`retry_backoff`](Self::retry_backoff)), so
    /// that clients that failed together do not come back together. A 429 or 503 with a
    /// `Retry-After` header (seconds or an HTTP date) waits that long instead; when it asks for
    /// more than [`max_retry_after`](Self::max_retry_after), the error is returned at once,
    /// since retrying sooner than asked only earns another refusal. When the retries, the
    /// [`retry_budget`](Self::retry_budget) or the operation timeout run out, the last
    /// attempt's error is returned.
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

    /// The retry budget, in tokens; 500 by default. Shared by every clone of the client, it
    /// stops retries when most attempts fail, so that an outage does not multiply the load on
    /// the server: a retry takes 5 tokens (10 after a timeout), a success puts 1 back (or what
    /// its retry took), never above the initial amount, and with too few tokens left a failure
    /// is returned without retrying. With the defaults, about 100 retries in a row without a
    /// success empty it.
    pub fn retry_budget(mut self, tokens: u32) -> Self {
        self.retry_budget = Some(tokens);
        self
    }

    /// Removes the retry budget: every failure may be retried up to
    /// [`max_retries`](Self::max_retries) times.
    pub fn no_retry_budget(mut self) -> Self {
        self.retry_budget = None;
        self
    }

    /// The largest response body read, in bytes, and the largest event of an event stream;
    /// 16 MiB by default. A larger body ends the call with
    /// [`Error::BodyTooLarge`](super::Error::BodyTooLarge). Download streams have no limit.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The most redirects followed in a row; 5 by default, 0 follows none. Beyond it the call
    /// fails with [`RedirectError::TooMany`](super::RedirectError::TooMany). Whatever the
    /// limit, a redirect to another origin (scheme, host or port) drops `Authorization`, and
    /// one from https to http is refused.
    pub fn max_redirects(mut self, redirects: usize) -> Self {
        self.max_redirects = redirects;
        self
    }

    /// The most pages a paginated walk fetches; 1000 by default. A call can override it.
    pub fn max_pages(mut self, pages: u64) -> Self {
        self.max_pages = pages;
        self
    }

    /// The scopes the token was granted. When given, an action whose documented scope sets
    /// are all left uncovered is refused locally with
    /// [`Refused::MissingScope`](super::Refused::MissingScope), without a round trip. Scopes
    /// are compared as exact strings; an action that documents none is never refused.
    pub fn scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes = Some(scopes.into_iter().map(Into::into).collect());
        self
    }

    /// Adds a [`Hook`] that sees (and may change) every request and sees every response head;
    /// hooks run in the order they were added.
    pub fn hook(mut self, hook: impl Hook) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// Sends through `transport` instead of the built-in reqwest client (e.g. a recorder, a
    /// test double, another HTTP stack). Retries, redirects, timeouts and limits still apply.
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = TransportSource::Custom(Arc::new(transport));
        self
    }

    /// Sends through `client`, e.g. to share its connection pool with other code: the one
    /// place reqwest appears in this API. Build it with
    /// `.redirect(reqwest::redirect::Policy::none())`: the runtime follows redirects itself,
    /// with the rules above. Its own settings replace the connect timeout and root
    /// certificates; the per-attempt and operation timeouts still apply.
    pub fn reqwest_client(mut self, client: reqwest::Client) -> Self {
        self.transport = TransportSource::Reqwest(client);
        self
    }

    /// Also trusts the root certificates in `pem` (PEM-encoded), e.g. a private CA. Can be
    /// called several times; a `pem` without a certificate fails the build. (The `native-roots` feature trusts the system's roots
    /// instead of the bundled Mozilla ones.)
    pub fn root_certificate_pem(mut self, pem: impl AsRef<[u8]>) -> Self {
        self.root_certificates.push(pem.as_ref().to_vec());
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
    /// [`reqwest_client`](Self::reqwest_client) or [`transport`](Self::transport) was given.
    pub fn build(self) -> Result<A::Client, BuildError> {
        let token = token_provider(A::INFO, self.token)?;
        let base_url =
            parse_base_url(self.base_url.as_deref().unwrap_or(A::INFO.default_base_url))?;
        let base = reqwest::Url::parse(&base_url).map_err(|error| BuildError::InvalidBaseUrl {
            url: base_url.clone(),
            reason: error.to_string(),
        })?;
        let headers = request_headers(A::INFO)?;
        let content_type = api_header("Content-Type", A::INFO.content_type)?;
        for (name, value) in &self.param_values {
            check_param(A::PARAMS, name, value)?;
        }
        let transport: Arc<dyn Transport> = match self.transport {
            TransportSource::Custom(transport) => transport,
            TransportSource::Reqwest(client) => Arc::new(ReqwestTransport(client)),
            TransportSource::Default => Arc::new(ReqwestTransport(http_client(
                self.connect_timeout,
                &self.root_certificates,
            )?)),
        };
        Ok(A::wrap(Arc::new(Core {
            shared: Arc::new(Shared {
                transport,
                hooks: self.hooks,
                token,
                info: A::INFO,
                params: A::PARAMS,
                param_values: self.param_values,
                base_url,
                base,
                headers,
                content_type,
                scopes: self.scopes,
                retry: self.retry,
                budget: self.retry_budget.map(RetryBudget::new),
                timeout: self.timeout,
                operation_timeout: self.operation_timeout,
                idle_timeout: self.idle_timeout,
                max_response_bytes: self.max_response_bytes,
                max_redirects: self.max_redirects,
                max_pages: self.max_pages,
            }),
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
            transport: self.transport.clone(),
            hooks: self.hooks.clone(),
            root_certificates: self.root_certificates.clone(),
            param_values: self.param_values.clone(),
            ..*self
        }
    }
}

impl<A: Api> fmt::Debug for ClientBuilder<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let token = match &self.token {
            TokenSource::Unset => "unset",
            TokenSource::Static(_) => "<redacted>",
            TokenSource::Provider(_) => "provider",
            TokenSource::Without => "none",
        };
        let transport = match &self.transport {
            TransportSource::Default => "default",
            TransportSource::Reqwest(_) => "reqwest client",
            TransportSource::Custom(_) => "custom",
        };
        f.debug_struct("ClientBuilder")
            .field("api", &A::INFO.name)
            .field("token", &token)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("operation_timeout", &self.operation_timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("idle_timeout", &self.idle_timeout)
            .field("retry", &self.retry)
            .field("retry_budget", &self.retry_budget)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("max_redirects", &self.max_redirects)
            .field("max_pages", &self.max_pages)
            .field("scopes", &self.scopes)
            .field("transport", &transport)
            .field("hooks", &self.hooks.len())
            .field("root_certificates", &self.root_certificates.len())
            .field("api_params", &self.param_values)
            .finish()
    }
}

/// Why [`ClientBuilder::build`] failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The API authenticates and no token, or an empty one, was given.
    #[error(
        "no API token was given: call ClientBuilder::token or ClientBuilder::token_provider \
         (or ClientBuilder::without_token for a client of the actions that need none)"
    )]
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
    /// A root certificate given to `root_certificate_pem` is not a PEM certificate.
    #[error("root certificate {index} is not a valid PEM certificate: {reason}")]
    InvalidCertificate {
        /// Its position among the certificates given, from 0.
        index: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// The HTTP client could not be created (e.g. the TLS backend failed to initialise).
    #[error("the HTTP client could not be created")]
    HttpClient(#[source] TransportError),
}

/// The token provider the client uses, or why it has none although it needs one.
fn token_provider(
    info: &ApiInfo,
    source: TokenSource,
) -> Result<Option<Arc<dyn TokenProvider>>, BuildError> {
    match source {
        TokenSource::Without => Ok(None),
        // An API without auth never sends a token, and one with optional auth works without
        // one, so neither needs a token.
        TokenSource::Unset if info.auth != Auth::Bearer => Ok(None),
        TokenSource::Unset => Err(BuildError::MissingToken),
        TokenSource::Static(token) if token.expose().trim().is_empty() => {
            Err(BuildError::MissingToken)
        }
        TokenSource::Static(token) => {
            Shared::bearer(token.expose()).map_err(|_| BuildError::InvalidToken)?;
            Ok(Some(Arc::new(StaticToken(token))))
        }
        TokenSource::Provider(provider) => Ok(Some(provider)),
    }
}

/// The default reqwest client: redirects are the runtime's, so reqwest follows none.
fn http_client(
    connect_timeout: Duration,
    root_certificates: &[Vec<u8>],
) -> Result<reqwest::Client, BuildError> {
    let mut builder = reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        .redirect(reqwest::redirect::Policy::none());
    for (index, pem) in root_certificates.iter().enumerate() {
        let invalid = |reason: String| BuildError::InvalidCertificate { index, reason };
        // `from_pem_bundle` parses now (`from_pem` would defer to the TLS backend, which
        // skips what it cannot read), so a wrong file fails here instead of trusting nothing.
        let certificates = reqwest::Certificate::from_pem_bundle(pem)
            .map_err(|error| invalid(error.to_string()))?;
        if certificates.is_empty() {
            return Err(invalid("no `BEGIN CERTIFICATE` block found".to_owned()));
        }
        for certificate in certificates {
            builder = builder.add_root_certificate(certificate);
        }
    }
    builder
        .build()
        .map_err(|error| BuildError::HttpClient(TransportError::from_reqwest(error)))
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

/// The headers every request carries, in this order: the API's defaults, `Accept`,
/// `User-Agent`. `Authorization` is added per attempt.
fn request_headers(info: &'static ApiInfo) -> Result<HeaderMap, BuildError> {
    let mut headers = HeaderMap::new();
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
