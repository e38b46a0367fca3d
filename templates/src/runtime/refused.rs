//! Why a request was refused locally, before anything was sent.

/// Why a request was refused locally, before anything was sent. Each message says what to
/// change; none includes the token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Refused {
    /// A parameter value cannot be sent as given (empty or dot path segment, pattern mismatch,
    /// a character not allowed in a header).
    #[error("invalid parameter `{name}`: {reason}")]
    InvalidParameter {
        /// The parameter's name on the wire.
        name: &'static str,
        /// What is wrong with the value and what it must look like.
        reason: String,
    },
    /// The client was built with scopes and none of them allows the action.
    #[error(
        "the client's scopes ({}) include none of the scopes that allow this action ({}); \
         build the client with one of those",
        list(granted),
        list(allowed_by)
    )]
    MissingScope {
        /// The scopes any one of which allows the action.
        allowed_by: &'static [&'static str],
        /// The scopes the client was built with.
        granted: Vec<String>,
    },
    /// The request body could not be serialized to JSON.
    #[error("the request body cannot be serialized to JSON: {reason}")]
    InvalidBody {
        /// The serializer's message.
        reason: String,
    },
}

/// Joins scope names for a message; `none` says the list was empty rather than printing nothing.
fn list<S: AsRef<str>>(items: &[S]) -> String {
    if items.is_empty() {
        return "none".to_owned();
    }
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ")
}
