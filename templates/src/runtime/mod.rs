//! The hand-written runtime of the generated client: the client builder, request assembly,
//! sending with retries, timeouts, a retry budget and safe redirects, response decoding,
//! errors, event streams and pagination.
//!
//! Generated code stays thin: an action builds a [`Call`] from its static [`ActionInfo`] and
//! its [`CallOptions`], adds path, query, header and body parts, and calls one of the `send_*`
//! methods, which returns the decoded [`Response`] or an [`Error`] whose `E` is the action's
//! generated error enum.
//!
//! # Public API
//!
//! In the generated crate this module is `#[doc(hidden)] pub mod runtime`: reachable, so that
//! the helpers one API does not use (say, the event-stream parser) compile without dead-code
//! warnings, but hidden and not public API. Only what the crate root and each API module
//! re-export is public API, and that is deliberate:
//!
//! - results and errors: [`Response`], [`Error`], [`TimeoutKind`], [`Refused`],
//!   [`RedirectError`], [`PaginationError`], [`BuildError`], [`TransportError`],
//!   [`TransportErrorKind`], [`TokenError`], [`Operation`], [`ParseEnumError`], and `http`'s
//!   [`StatusCode`] and [`HeaderMap`];
//! - building a client: [`ClientBuilder`] (its one reqwest type is the documented escape hatch
//!   [`ClientBuilder::reqwest_client`]);
//! - bodies and streams: [`FilePart`], [`ByteStream`], [`Event`], [`EventStream`];
//! - extension points: [`Hook`], [`Transport`] (with [`HttpRequest`], [`RequestBody`],
//!   [`HttpResponse`]) and [`TokenProvider`].
//!
//! Everything else here ([`Core`], [`Call`], [`CallOptions`], [`ApiInfo`], [`ActionInfo`],
//! [`Api`], [`Pattern`], [`Multipart`], [`ErrorBody`], [`SuccessBody`], [`EventData`], the
//! pagination functions, the tagged-union helpers) is `pub` only so that generated modules can
//! use it; it is not re-exported and may change with any regeneration. Public enums and structs that may grow
//! are `#[non_exhaustive]`, and runtime structs have no public fields.

mod api;
mod attempt;
mod budget;
mod call;
mod config;
mod core;
pub(crate) mod encode;
mod error;
mod events;
mod failure;
mod future;
mod hooks;
mod multipart;
mod object;
mod options;
mod pagination;
mod pattern;
mod redirect;
mod refused;
mod response;
mod retry;
mod secret;
mod send;
mod sse;
mod stream;
mod transport;
mod union;
mod value_enum;

pub use http::{HeaderMap, StatusCode};

pub use self::api::{ActionInfo, Api, ApiInfo, Auth, Operation, ParamLocation};
pub use self::call::{Call, ListStyle};
pub use self::config::{BuildError, ClientBuilder};
pub use self::core::Core;
pub use self::error::{Error, ErrorBody, TimeoutKind};
pub use self::events::{Event, EventData, EventStream};
pub use self::future::into_body;
pub use self::hooks::{Hook, TokenError, TokenProvider};
pub use self::multipart::{FilePart, Multipart};
pub use self::object::{Object, ObjectWriter, any_value, attempt, first_match};
pub use self::options::CallOptions;
pub use self::pagination::{
    NextLink, PageLimits, PaginationError, items, pages_by_cursor, pages_by_link, pages_by_number,
    start_page,
};
pub use self::pattern::Pattern;
pub use self::redirect::RedirectError;
pub use self::refused::Refused;
pub use self::response::{Response, SuccessBody};
pub use self::send::Pending;
pub use self::stream::ByteStream;
pub use self::transport::{
    HttpRequest, HttpResponse, RequestBody, Transport, TransportError, TransportErrorKind,
};
pub use self::union::{Tagged, serialize_tagged, split_tagged, tagged_variant};
pub use self::value_enum::ParseEnumError;
