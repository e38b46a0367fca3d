//! The static descriptions of an API and of its actions, which the generator emits as `static`s.

use std::fmt;
use std::sync::Arc;

use super::core::Core;

/// Static description of one API, generated as a `static`.
#[derive(Debug)]
pub struct ApiInfo {
    /// The API's name as the spec writes it, e.g. `losant`; used in error messages and tracing.
    pub name: &'static str,
    /// The API's human title, e.g. `Losant API`; used in documentation only.
    pub title: &'static str,
    /// The base URL requests go to unless the client builder is given another one.
    pub default_base_url: &'static str,
    /// Headers sent on every request, in this order, e.g. `("Accept-Version", "^1.30.0")`.
    pub default_headers: &'static [(&'static str, &'static str)],
    /// The `Accept` header sent on every request unless the action sets its own.
    pub accept: &'static str,
    /// The `Content-Type` header sent with JSON request bodies.
    pub content_type: &'static str,
    /// The `User-Agent` header sent on every request, e.g. `generated-client/0.1.0`.
    pub user_agent: &'static str,
    /// How requests are authenticated.
    pub auth: Auth,
    /// The header that carries an idempotency key on POST and PATCH, e.g. `Idempotency-Key`;
    /// `None` when the API documents none.
    pub idempotency_header: Option<&'static str>,
}

/// How an API authenticates requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// `Authorization: Bearer <token>` on every action that does not opt out.
    Bearer,
    /// No authentication: the client needs no token.
    None,
    /// The token is sent when the client has one; a client without one may call it too (a
    /// public resource that a token opens further).
    Optional,
}

/// Static description of one action, generated as a `static`.
#[derive(Debug)]
pub struct ActionInfo {
    /// The resource's name as the spec writes it, e.g. `org`.
    pub resource: &'static str,
    /// The action's name as the spec writes it, e.g. `deviceCounts`.
    pub action: &'static str,
    /// The HTTP method; also decides which failures are retried (see
    /// [`ClientBuilder::max_retries`](super::ClientBuilder::max_retries)).
    pub method: http::Method,
    /// The path template, e.g. `/orgs/{orgId}`; recorded in the call's tracing span.
    pub route: &'static str,
    /// The scope sets that allow the action: any one set does, and a set needs all of its
    /// scopes. Empty when the docs list none (the local scope check then never refuses).
    pub scopes: &'static [&'static [&'static str]],
    /// How the action authenticates: [`Auth::Bearer`] sends the client's token (and is refused
    /// locally by a client without one), [`Auth::Optional`] sends it when there is one,
    /// [`Auth::None`] never sends it.
    pub auth: Auth,
}

/// Where an API-wide parameter goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// In the query string.
    Query,
    /// In a request header.
    Header,
}

/// Ties a generated API module to the runtime; implemented by a generated zero-sized type per
/// API (e.g. `losant::Api`).
pub trait Api: Sized + 'static {
    /// The generated client type (e.g. `losant::Client`).
    type Client;
    /// The static description of the API.
    const INFO: &'static ApiInfo;
    /// The API-wide parameters the client builder accepts: (wire name, location).
    const PARAMS: &'static [(&'static str, ParamLocation)];
    /// Wraps a built core into the API's client.
    fn wrap(core: Arc<Core>) -> Self::Client;
}

/// Names one action of one API, e.g. `losant org.get`; carried by every [`Error`](super::Error)
/// so that a message says which call failed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    api: &'static str,
    action: &'static ActionInfo,
}

impl Operation {
    pub(crate) fn new(api: &'static ApiInfo, action: &'static ActionInfo) -> Self {
        Self {
            api: api.name,
            action,
        }
    }

    /// The API's name, e.g. `losant`.
    pub fn api(&self) -> &'static str {
        self.api
    }

    /// The resource's name, e.g. `org`.
    pub fn resource(&self) -> &'static str {
        self.action.resource
    }

    /// The action's name, e.g. `get`.
    pub fn action(&self) -> &'static str {
        self.action.action
    }

    /// The action's HTTP method.
    pub fn method(&self) -> &'static http::Method {
        &self.action.method
    }

    /// The action's path template, e.g. `/orgs/{orgId}`.
    pub fn route(&self) -> &'static str {
        self.action.route
    }
}

impl PartialEq for ActionInfo {
    /// Actions are `static`s: two are the same action when they are the same `static`.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for ActionInfo {}

impl fmt::Debug for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Operation({self})")
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}.{}", self.api, self.resource(), self.action())
    }
}
