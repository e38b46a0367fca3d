//! A mock server of an API for tests: a real HTTP server on 127.0.0.1 that answers the
//! requests a test expects, checks every request against the spec, and reports what went
//! wrong.
//!
//! Each API module has a typed `mock` module (generated, behind the `mock` cargo feature) over
//! this one: `MockServer::start().await`, then one expectation builder per action
//! (`server.org().get()`), with typed setters for the action's path, query and header
//! parameters and its body, and typed responses (`returns` takes what `send` returns, `fails`
//! takes the action's error enum).
//!
//! # What the server does with a request
//!
//! 1. It finds the action whose method and path template fit (the most literal template
//!    wins). None: the unmatched diagnostic (501).
//! 2. It checks the request against the spec, as the real API would: the token, required
//!    parameters, documented patterns, enums and limits, the body's `Content-Type` and that a
//!    JSON body decodes into the request model, required multipart parts and form fields. A
//!    request that fails is answered 400 with the reasons, in text.
//! 3. It answers with the first registered expectation that matches and still wants requests,
//!    after its delay. None: 501 with a text diagnostic that lists every expectation and why
//!    it did not match (the first condition that failed).
//!
//! Diagnostics carry `Content-Type: text/plain` and an `x-mock-diagnostic` header (`spec`,
//! `unmatched`, `pages`), and each one is recorded: `verify()` returns them all in a
//! [`MockReport`], with the expectations that did not get the requests they wanted, and
//! dropping the server panics with that report unless the test is already panicking.
//!
//! # Public API
//!
//! In the generated crate this module is `#[doc(hidden)]`; each API's `mock` module
//! re-exports what tests name: [`Expect`], [`Mocked`], [`MockReport`] and [`Matcher`]. The
//! rest ([`Server`], the spec types, the traits and [`Reply`]) is for generated code.

mod action;
mod answer;
mod check;
mod deep;
mod expect;
mod matcher;
mod multipart;
mod pages;
mod reply;
mod report;
mod request;
mod route;
mod server;
mod spec;
mod state;

pub use self::action::{MockAction, MockPaged, MockReturns, MockStreams, event_json};
pub use self::expect::{Expect, Mocked};
pub use self::matcher::Matcher;
pub use self::reply::{Documented, Reply};
pub use self::report::MockReport;
pub use self::server::Server;
pub use self::spec::{
    ActionSpec, ApiSpec, BodySpec, ListStyle, Location, PageSpec, PageStyle, ParamSpec, PartSpec,
    Segment, ValueSpec, decodes, decodes_text,
};
