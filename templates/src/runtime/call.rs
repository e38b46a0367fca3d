//! Assembling one request from generated code.

use std::fmt;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::header::{ACCEPT, CONTENT_TYPE};
use http::{HeaderMap, HeaderValue, Method};

use super::api::{ActionInfo, Operation, ParamLocation};
use super::attempt::{Prepared, Replay};
use super::core::Shared;
use super::encode;
use super::failure::Failure;
use super::multipart::{Encoded, Multipart};
use super::options::CallOptions;
use super::pagination::NextLink;
use super::pattern::Pattern;
use super::refused::Refused;
use super::retry::{idempotency_key, is_idempotent};

/// How a list query parameter goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListStyle {
    /// `a=1&a=2`.
    Repeat,
    /// `a=1,2`.
    Comma,
}

/// One request being assembled by generated code.
///
/// Problems found while assembling (an invalid path value, CR/LF in a header value, a body that
/// does not serialize) are remembered, and sending returns the first of them as
/// [`Error::Refused`](super::Error::Refused) before anything is sent. This keeps the generated
/// code free of error handling between the setters.
pub struct Call {
    pub(crate) shared: Arc<Shared>,
    pub(crate) action: &'static ActionInfo,
    options: CallOptions,
    path: String,
    query: String,
    headers: HeaderMap,
    body: Body,
    accept: Option<&'static str>,
    link: Option<reqwest::Url>,
    refused: Option<Refused>,
}

/// The body as generated code set it.
enum Body {
    None,
    Bytes(Bytes, HeaderValue),
    Multipart(Multipart),
}

impl Call {
    pub(crate) fn new(
        shared: Arc<Shared>,
        action: &'static ActionInfo,
        options: CallOptions,
    ) -> Self {
        Self {
            shared,
            action,
            options,
            path: String::new(),
            query: String::new(),
            headers: HeaderMap::new(),
            body: Body::None,
            accept: None,
            link: None,
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
        if let Some(pattern) = pattern {
            self.check(name, value, pattern);
        }
        self.path.push_str(&segment);
    }

    /// Refuses the call when `value` does not match `pattern`: the check of a query or header
    /// parameter documented with a pattern (path parameters are checked by [`Self::path_param`]).
    /// The message quotes the pattern, never the value (a header value may be a credential).
    pub fn check(&mut self, name: &'static str, value: &str, pattern: &'static Pattern) {
        if !pattern.matches(value) {
            let reason = format!("the value does not match the pattern {}", pattern.source);
            self.refuse(name, reason);
        }
    }

    /// Adds `name=value` to the query string, both percent-encoded; `None` adds nothing.
    pub fn query(&mut self, name: &'static str, value: Option<&str>) {
        if let Some(value) = value {
            encode::push_query_pair(&mut self.query, name, value);
        }
    }

    /// Adds a list to the query string, as `a=1&a=2` or `a=1,2`; an empty list adds nothing.
    pub fn query_list<'v>(
        &mut self,
        name: &'static str,
        values: impl IntoIterator<Item = &'v str>,
        style: ListStyle,
    ) {
        match style {
            ListStyle::Repeat => {
                for value in values {
                    encode::push_query_pair(&mut self.query, name, value);
                }
            }
            ListStyle::Comma => encode::push_comma_list(&mut self.query, name, values),
        }
    }

    /// Adds `name=<value as JSON>` to the query string; `None` adds nothing.
    pub fn query_json<T: serde::Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: Option<&T>,
    ) {
        let Some(value) = value else { return };
        match serde_json::to_string(value) {
            Ok(json) => encode::push_query_pair(&mut self.query, name, &json),
            Err(error) => self.refuse(name, format!("the value cannot be serialized: {error}")),
        }
    }

    /// Adds `value` in bracket notation (`a[b]=1&a[c][0]=x`, as `qs` and Rails read it);
    /// `None` adds nothing.
    pub fn query_deep<T: serde::Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: Option<&T>,
    ) {
        let Some(value) = value else { return };
        match serde_json::to_value(value) {
            Ok(value) => encode::push_deep_query(&mut self.query, name, &value),
            Err(error) => self.refuse(name, format!("the value cannot be serialized: {error}")),
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
        let shared = Arc::clone(&self.shared);
        let Some(&(_, location)) = shared.params.iter().find(|(known, _)| *known == name) else {
            let reason = format!("{} declares no such API-wide parameter", shared.info.name);
            return self.refuse(name, reason);
        };
        let value = per_call.or_else(|| {
            shared
                .param_values
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
        if let Some(json) = self.serialize_json(body) {
            self.body = Body::Bytes(json, self.shared.content_type.clone());
        }
    }

    /// Sets the request body to `body` serialized as JSON, sent as `content_type` (a JSON media
    /// type the action documents instead of the API's, e.g. `application/merge-patch+json`).
    pub fn json_body_as<B: serde::Serialize + ?Sized>(
        &mut self,
        body: &B,
        content_type: &'static str,
    ) {
        if let Some(json) = self.serialize_json(body) {
            self.bytes_body(json, content_type);
        }
    }

    /// `body` as JSON; a body that cannot be serialized refuses the call.
    fn serialize_json<B: serde::Serialize + ?Sized>(&mut self, body: &B) -> Option<Bytes> {
        match serde_json::to_vec(body) {
            Ok(json) => Some(Bytes::from(json)),
            Err(error) => {
                self.keep_first(Refused::InvalidBody {
                    reason: format!("cannot serialize to JSON: {error}"),
                });
                None
            }
        }
    }

    /// Sets the request body to `body`, sent with `content_type`.
    pub fn bytes_body(&mut self, body: Bytes, content_type: &'static str) {
        match encode::header_value(content_type) {
            Ok(value) => self.body = Body::Bytes(body, value),
            Err(reason) => self.refuse("Content-Type", reason.to_owned()),
        }
    }

    /// Sets the request body to `body`, sent as UTF-8 with `content_type`.
    pub fn text_body(&mut self, body: String, content_type: &'static str) {
        self.bytes_body(Bytes::from(body), content_type);
    }

    /// Sets the request body to a multipart/form-data `form`.
    pub fn multipart(&mut self, form: Multipart) {
        self.body = Body::Multipart(form);
    }

    /// Sets the request body to `fields`, x-www-form-urlencoded.
    pub fn form(&mut self, fields: Vec<(&'static str, String)>) {
        let mut encoded = String::new();
        for (name, value) in &fields {
            encode::push_query_pair(&mut encoded, name, value);
        }
        let content_type = HeaderValue::from_static("application/x-www-form-urlencoded");
        self.body = Body::Bytes(Bytes::from(encoded), content_type);
    }

    /// Sends `Accept: media_type` instead of the API's default for this action.
    pub fn accept(&mut self, media_type: &'static str) {
        self.accept = Some(media_type);
    }

    /// Sends the request to `link` (a next-page link already checked to be on the API's
    /// origin) instead of the assembled path and query.
    pub fn next_link(&mut self, link: &NextLink) {
        self.link = Some(link.url().clone());
    }

    /// Whether the action set its own `Accept`.
    pub(crate) fn has_accept(&self) -> bool {
        self.accept.is_some()
    }

    pub(crate) fn operation(&self) -> Operation {
        Operation::new(self.shared.info, self.action)
    }

    pub(crate) fn options(&self) -> &CallOptions {
        &self.options
    }

    fn refuse(&mut self, name: &'static str, reason: String) {
        self.keep_first(Refused::InvalidParameter { name, reason });
    }

    /// The first problem is the one reported: later ones are often consequences of it.
    fn keep_first(&mut self, refused: Refused) {
        self.refused.get_or_insert(refused);
    }

    /// Checks auth, scopes and remembered problems, then builds the URL, the header block and
    /// the body.
    pub(crate) fn prepare(self, streaming: bool) -> Result<Prepared, Failure> {
        self.prepare_inner(streaming).map_err(Failure::refused)
    }

    fn prepare_inner(self, streaming: bool) -> Result<Prepared, Refused> {
        let shared = &self.shared;
        let auth = shared.sends_token(self.action)?;
        check_scopes(shared.scopes.as_deref(), self.action.scopes)?;
        if let Some(refused) = self.refused {
            return Err(refused);
        }
        let url = match self.link {
            Some(link) => link,
            None => build_url(&shared.base_url, &self.path, &self.query)?,
        };
        let mut headers = shared.headers.clone();
        // Replaces defaults of the same name, so an action can override e.g. `Accept`.
        for (name, value) in self.headers.iter() {
            headers.insert(name.clone(), value.clone());
        }
        if let Some(accept) = self.accept {
            let value =
                encode::header_value(accept).map_err(|reason| Refused::InvalidParameter {
                    name: "Accept",
                    reason: reason.to_owned(),
                })?;
            headers.insert(ACCEPT, value);
        }
        let body = match self.body {
            Body::None => Replay::Empty,
            Body::Bytes(bytes, content_type) => {
                headers.insert(CONTENT_TYPE, content_type);
                Replay::Bytes(bytes)
            }
            Body::Multipart(form) => {
                let (encoded, content_type) = form.encode()?;
                let value =
                    encode::header_value(&content_type).map_err(|reason| Refused::InvalidBody {
                        reason: reason.to_owned(),
                    })?;
                headers.insert(CONTENT_TYPE, value);
                match encoded {
                    Encoded::Bytes(bytes) => Replay::Bytes(bytes),
                    Encoded::Stream(stream) => Replay::Once(Mutex::new(Some(stream))),
                }
            }
        };
        let method = self.action.method.clone();
        let keyed = add_idempotency_key(&mut headers, shared, &method, &self.options)?;
        for (name, value) in &self.options.headers {
            let header = encode::header_name(name).map_err(|reason| Refused::InvalidHeader {
                name: name.clone(),
                reason,
            })?;
            let value = encode::header_value(value).map_err(|reason| Refused::InvalidHeader {
                name: name.clone(),
                reason,
            })?;
            headers.insert(header, value);
        }
        Ok(Prepared {
            operation: Operation::new(shared.info, self.action),
            idempotent: is_idempotent(&method) || keyed,
            method,
            url,
            headers,
            body,
            auth,
            timeout: self.options.timeout.unwrap_or(shared.timeout),
            operation_timeout: self.options.operation_timeout.or(shared.operation_timeout),
            streaming,
        })
    }
}

/// Adds the idempotency key to a POST or PATCH when the API documents an idempotency header;
/// returns whether it did. The key is made once per call, so every retry repeats it.
fn add_idempotency_key(
    headers: &mut HeaderMap,
    shared: &Shared,
    method: &Method,
    options: &CallOptions,
) -> Result<bool, Refused> {
    let Some(name) = shared.info.idempotency_header else {
        return Ok(false);
    };
    if *method != Method::POST && *method != Method::PATCH {
        return Ok(false);
    }
    let key = options
        .idempotency_key
        .clone()
        .unwrap_or_else(idempotency_key);
    let invalid = |reason| Refused::InvalidHeader {
        name: name.to_owned(),
        reason,
    };
    let header = encode::header_name(name).map_err(invalid)?;
    let value = encode::header_value(&key).map_err(invalid)?;
    headers.insert(header, value);
    Ok(true)
}

/// Refuses an action none of whose scope sets the granted scopes cover. An action that
/// documents no scopes, or a client built without scopes, is never refused.
fn check_scopes(
    granted: Option<&[String]>,
    allowed_by: &'static [&'static [&'static str]],
) -> Result<(), Refused> {
    let Some(granted) = granted else {
        return Ok(());
    };
    let covered = |set: &&[&str]| set.iter().all(|scope| granted.iter().any(|g| g == scope));
    if allowed_by.is_empty() || allowed_by.iter().any(covered) {
        return Ok(());
    }
    Err(Refused::MissingScope {
        allowed_by,
        granted: granted.to_vec(),
    })
}

fn build_url(base: &str, path: &str, query: &str) -> Result<reqwest::Url, Refused> {
    let mut url = String::with_capacity(base.len() + path.len() + query.len() + 1);
    url.push_str(base);
    url.push_str(path);
    if !query.is_empty() {
        url.push('?');
        url.push_str(query);
    }
    reqwest::Url::parse(&url).map_err(|error| Refused::InvalidParameter {
        name: "path",
        reason: format!("the assembled URL is invalid: {error}"),
    })
}

impl fmt::Debug for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("operation", &self.operation())
            .field("path", &self.path)
            .field("query", &self.query)
            .field("options", &self.options)
            .field("refused", &self.refused)
            .finish_non_exhaustive()
    }
}
