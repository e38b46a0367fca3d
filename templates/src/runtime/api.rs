//! The static descriptions of an API and of its actions, which the generator emits as `static`s.

use std::fmt;
use std::sync::Arc;

use super::core::Core;

/// Static description of one API, generated as a `static`.
#[derive(Debug)]
pub struct ApiInfo {
    /// The API's name as the spec writes it, e.g. `losant`; used in error messages and tracing.
    pub name: &'static str,
    /// The base URL requests go to unless the client builder is given another one.
    pub default_base_url: &'static str,
    /// Headers sent on every request, in this order, e.g. `("Accept-Version", "^1.30.0")`.
    pub default_headers: &'static [(&'static str, &'static str)],
    /// The `Accept` header sent on every request.
    pub accept: &'static str,
    /// The `Content-Type` header sent with request bodies.
    pub content_type: &'static str,
    /// The `User-Agent` header sent on every request, e.g. `generated-client/0.1.0`.
    pub user_agent: &'static str,
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
    /// The scopes any one of which allows the action, as the docs list them.
    pub scopes: &'static [&'static str],
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    api: &'static str,
    resource: &'static str,
    action: &'static str,
}

impl Operation {
    pub(crate) fn new(api: &'static ApiInfo, action: &'static ActionInfo) -> Self {
        Self {
            api: api.name,
            resource: action.resource,
            action: action.action,
        }
    }

    /// The API's name, e.g. `losant`.
    pub fn api(&self) -> &'static str {
        self.api
    }

    /// The resource's name, e.g. `org`.
    pub fn resource(&self) -> &'static str {
        self.resource
    }

    /// The action's name, e.g. `get`.
    pub fn action(&self) -> &'static str {
        self.action
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}.{}", self.api, self.resource, self.action)
    }
}
