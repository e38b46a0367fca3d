//! Assembling one request from generated code, and sending it.

use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, header::CONTENT_TYPE};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use super::api::{ActionInfo, Operation, ParamLocation};
use super::attempt::{Outcome, Prepared, RawResponse};
use super::core::Core;
use super::encode;
use super::error::{Error, ErrorBody, TransportError};
use super::pattern::Pattern;
use super::refused::Refused;
use super::response::{Response, decode};

/// One request being assembled by generated code.
///
/// Problems found while assembling (an invalid path value, CR/LF in a header value, a body that
/// does not serialize) are remembered, and [`send`](Self::send) returns the first of them as
/// [`Error::Refused`] before anything is sent. This keeps the generated code free of error
/// handling between the setters.
#[derive(Debug)]
pub struct Call<'c> {
    core: &'c Core,
    action: &'static ActionInfo,
    path: String,
    query: String,
    headers: HeaderMap,
    body: Option<Bytes>,
    timeout: Option<Duration>,
    refused: Option<Refused>,
}

impl<'c> Call<'c> {
    pub(crate) fn new(core: &'c Core, action: &'static ActionInfo) -> Self {
        Self {
            core,
            action,
            path: String::new(),
            query: String::new(),
            headers: HeaderMap::new(),
            body: None,
            timeout: None,
            refused: None,
        }
    }

    /// Appends a literal part of the path template, e.g. `/orgs/`.
    pub fn path(&mut self, literal: &'static str) {
        self.path.push_str(literal);
    }

    /// Appends `value` as exactly one path segment, percent-encoding everything but RFC 3986's
    /// unreserved characters (so `/`, `?`, `#`, `%`, spaces and non-ASCII are all encoded).
    ///
    /// Refuses an empty value, a value that is exactly `.` or `..` (no encoding of those is
    /// safe from URL normalisation, which would move the request to another path), and a value
    /// that does not match `pattern`.
    pub fn path_param(
        &mut self,
        name: &'static str,
        value: &str,
        pattern: Option<&'static Pattern>,
    ) {
        let segment = match encode::path_segment(value) {
            Ok(segment) => segment,
            Err(reason) => return self.refuse(name, reason.to_owned()),
        };
        if let Some(pattern) = pattern.filter(|pattern| !pattern.matches(value)) {
            let reason = format!(
                "the value {value:?} does not match the pattern {}",
                pattern.source
            );
            return self.refuse(name, reason);
        }
        self.path.push_str(&segment);
    }

    /// Refuses the call when `value` does not match `pattern`: the check of a query or header
    /// parameter documented with a pattern (path parameters are checked by [`Self::path_param`]).
    pub fn check(&mut self, name: &'static str, value: &str, pattern: &'static Pattern) {
        if !pattern.matches(value) {
            let reason = format!(
                "the value {value:?} does not match the pattern {}",
                pattern.source
            );
            self.refuse(name, reason);
        }
    }

    /// Adds `name=value` to the query string, both percent-encoded; `None` adds nothing.
    pub fn query(&mut self, name: &'static str, value: Option<&str>) {
        if let Some(value) = value {
            encode::push_query_pair(&mut self.query, name, value);
        }
    }

    /// Adds a request header; `None` adds nothing. A value with CR, LF or another byte not
    /// allowed in a header is refused (the message does not repeat the value, which may be a
    /// credential).
    pub fn header(&mut self, name: &'static str, value: Option<&str>) {
        let Some(value) = value else { return };
        let parsed = encode::header_name(name)
            .and_then(|header| encode::header_value(value).map(|value| (header, value)));
        match parsed {
            Ok((header, value)) => {
                self.headers.append(header, value);
            }
            Err(reason) => self.refuse(name, reason.to_owned()),
        }
    }

    /// Adds an API-wide parameter: `per_call` when given, else the client builder's value, else
    /// nothing. Where it goes (query or header) comes from the API's `PARAMS`.
    pub fn api_param(&mut self, name: &'static str, per_call: Option<&str>) {
        let core = self.core;
        let Some(&(_, location)) = core.params.iter().find(|(known, _)| *known == name) else {
            let reason = format!("{} declares no such API-wide parameter", core.info.name);
            return self.refuse(name, reason);
        };
        let value = per_call.or_else(|| {
            core.param_values
                .iter()
                .find(|(known, _)| *known == name)
                .map(|(_, value)| value.as_str())
        });
        match location {
            ParamLocation::Query => self.query(name, value),
            ParamLocation::Header => self.header(name, value),
        }
    }

    /// Sets the request body to `body` serialized as JSON; sent with the API's content type.
    pub fn json_body<B: serde::Serialize + ?Sized>(&mut self, body: &B) {
        match serde_json::to_vec(body) {
            Ok(json) => self.body = Some(Bytes::from(json)),
            Err(error) => self.keep_first(Refused::InvalidBody {
                reason: error.to_string(),
            }),
        }
    }

    /// Overrides the client's per-attempt timeout for this call; `None` keeps the client's.
    pub fn timeout(&mut self, timeout: Option<Duration>) {
        self.timeout = timeout;
    }

    /// Sends the request and decodes a success body as JSON into `T`.
    pub async fn send<T, E>(self) -> Result<Response<T>, Error<E>>
    where
        T: DeserializeOwned,
        E: ErrorBody,
    {
        let action = self.operation();
        let raw = self
            .run()
            .await
            .map_err(|failure| failure.into_error(action))?;
        decode(action, raw, |body| serde_json::from_slice(body))
    }

    /// Sends the request and ignores the body of a success (for actions that document none).
    pub async fn send_empty<E: ErrorBody>(self) -> Result<Response<()>, Error<E>> {
        let action = self.operation();
        let raw = self
            .run()
            .await
            .map_err(|failure| failure.into_error(action))?;
        decode(action, raw, |_| Ok(()))
    }

    fn operation(&self) -> Operation {
        Operation::new(self.core.info, self.action)
    }

    fn refuse(&mut self, name: &'static str, reason: String) {
        self.keep_first(Refused::InvalidParameter { name, reason });
    }

    /// The first problem is the one reported: later ones are often consequences of it.
    fn keep_first(&mut self, refused: Refused) {
        self.refused.get_or_insert(refused);
    }

    /// Sends the assembled request (non-generic, so it is compiled once rather than per action).
    async fn run(self) -> Result<RawResponse, Failure> {
        let span = tracing::info_span!(
            "request",
            api = self.core.info.name,
            resource = self.action.resource,
            action = self.action.action,
            method = %self.action.method,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
        );
        let core = self.core;
        let request = self.prepare().map_err(Failure::Refused)?;
        let (outcome, attempts) = core.execute(&request).instrument(span).await;
        match outcome {
            Outcome::Response(raw) => Ok(raw),
            Outcome::TooLarge(status) => Err(Failure::TooLarge {
                status,
                limit: core.max_response_bytes,
            }),
            Outcome::TimedOut => Err(Failure::Timeout {
                attempts,
                timeout: request.timeout,
            }),
            Outcome::Failed(error) => Err(Failure::Transport {
                attempts,
                source: TransportError::new(error),
            }),
        }
    }

    /// Checks scopes and remembered problems, then builds the URL and the header block.
    fn prepare(self) -> Result<Prepared, Refused> {
        let core = self.core;
        if let Some(granted) = &core.scopes {
            // An action that documents no scopes has no requirement to miss.
            let allowed = self.action.scopes.is_empty()
                || self
                    .action
                    .scopes
                    .iter()
                    .any(|scope| granted.iter().any(|g| g == scope));
            if !allowed {
                return Err(Refused::MissingScope {
                    allowed_by: self.action.scopes,
                    granted: granted.clone(),
                });
            }
        }
        if let Some(refused) = self.refused {
            return Err(refused);
        }
        let mut url =
            String::with_capacity(core.base_url.len() + self.path.len() + self.query.len() + 1);
        url.push_str(&core.base_url);
        url.push_str(&self.path);
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(&self.query);
        }
        let url = reqwest::Url::parse(&url).map_err(|error| Refused::InvalidParameter {
            name: "path",
            reason: format!("the assembled URL is invalid: {error}"),
        })?;
        let mut headers = core.headers.clone();
        // Replaces defaults of the same name, so a call can override e.g. `Accept`.
        headers.extend(self.headers);
        if self.body.is_some() {
            headers.insert(CONTENT_TYPE, core.content_type.clone());
        }
        Ok(Prepared {
            method: self.action.method.clone(),
            url,
            headers,
            body: self.body,
            timeout: self.timeout.unwrap_or(core.timeout),
        })
    }
}

/// How a call failed before a complete response arrived; not generic, unlike [`Error`].
enum Failure {
    Refused(Refused),
    TooLarge {
        status: http::StatusCode,
        limit: usize,
    },
    Timeout {
        attempts: u32,
        timeout: Duration,
    },
    Transport {
        attempts: u32,
        source: TransportError,
    },
}

impl Failure {
    fn into_error<E>(self, action: Operation) -> Error<E> {
        match self {
            Self::Refused(reason) => Error::Refused { action, reason },
            Self::TooLarge { status, limit } => Error::BodyTooLarge {
                action,
                status,
                limit,
            },
            Self::Timeout { attempts, timeout } => Error::Timeout {
                action,
                attempts,
                timeout,
            },
            Self::Transport { attempts, source } => Error::Transport {
                action,
                attempts,
                source,
            },
        }
    }
}
