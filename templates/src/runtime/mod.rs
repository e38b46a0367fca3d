//! The hand-written runtime of the generated client: the client builder, request assembly,
//! sending with retries and timeouts, response decoding, errors and pagination.
//!
//! Generated code stays thin: an action builds a [`Call`] from its static [`ActionInfo`], adds
//! path, query, header and body parts, and calls [`Call::send`], which returns the decoded
//! [`Response`] or an [`Error`] whose `E` is the action's generated error enum.

mod api;
mod attempt;
mod call;
mod config;
mod core;
mod encode;
mod error;
mod pagination;
mod pattern;
mod refused;
mod response;
mod retry;
mod secret;

pub use http::{HeaderMap, StatusCode};

pub use self::api::{ActionInfo, Api, ApiInfo, Operation, ParamLocation};
pub use self::call::Call;
pub use self::config::{BuildError, ClientBuilder};
pub use self::core::Core;
pub use self::error::{Error, ErrorBody, TransportError};
pub use self::pagination::{Page, paginate};
pub use self::pattern::Pattern;
pub use self::refused::Refused;
pub use self::response::Response;
