//! The traits a generated marker type implements per action: they tie the expectation builder
//! to the action's spec and to its typed success body, error enum and events.

use super::reply::Reply;
use super::spec::ActionSpec;

/// An action the mock server can expect, implemented by a generated marker type per action
/// (e.g. `losant::mock::org::Get`).
pub trait MockAction: 'static {
    /// What the mock knows of the action.
    const SPEC: &'static ActionSpec;
    /// The action's generated error enum (e.g. `losant::org::GetError`).
    type Error;
    /// The documented response of `error`: its status and body.
    fn error(error: Self::Error) -> Reply;
}

/// An action that answers with a body (every action but event streams).
pub trait MockReturns: MockAction {
    /// What the client's `send` returns: a model, `()`, bytes, text, or the enum of several
    /// success statuses.
    type Success;
    /// The documented response of `success`: its status and body.
    fn success(success: Self::Success) -> Reply;
}

/// A paginated action: its success body is one page.
pub trait MockPaged: MockReturns {}

/// An action that answers with a stream of server-sent events.
pub trait MockStreams: MockAction {
    /// The action's generated event enum.
    type Event;
    /// The event's name and its data as sent, or why the data cannot be encoded.
    fn event(event: Self::Event) -> Result<(String, String), String>;
}

/// The name and JSON data of an event (for generated [`MockStreams::event`]).
///
/// # Errors
///
/// When `data` cannot be encoded as JSON.
pub fn event_json<T: serde::Serialize + ?Sized>(
    name: &str,
    data: &T,
) -> Result<(String, String), String> {
    serde_json::to_string(data)
        .map(|json| (name.to_owned(), json))
        .map_err(|e| format!("the data of event {name} cannot be encoded as JSON: {e}"))
}
