//! Why a request was refused locally, before anything was sent.

use std::fmt;

/// Why a request was refused locally, before anything was sent. Each message says what to
/// change; none includes the token or a header value.
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
    /// A header added to the call (`CallOptions::add_header`) cannot be sent.
    #[error("invalid header `{name}`: {reason}")]
    InvalidHeader {
        /// The header's name as given.
        name: String,
        /// What is wrong with it (never the value itself).
        reason: &'static str,
    },
    /// The client was built with scopes and they cover none of the scope sets that allow the
    /// action.
    #[error(
        "the client's scopes ({}) do not cover what this action needs: {}; \
         build the client with those",
        Granted(granted),
        Needed(allowed_by)
    )]
    MissingScope {
        /// The scope sets that allow the action: any one set, each with all of its scopes.
        allowed_by: &'static [&'static [&'static str]],
        /// The scopes the client was built with.
        granted: Vec<String>,
    },
    /// The action needs the token, and the client was built `without_token`.
    #[error(
        "this action needs an API token and the client was built without one; \
         build it with ClientBuilder::token or ClientBuilder::token_provider"
    )]
    NoToken,
    /// The token (from the builder or the token provider) cannot be sent in a header.
    #[error(
        "the API token contains a character not allowed in an HTTP header \
         (CR, LF, another control character, or a non-ASCII character)"
    )]
    InvalidToken,
    /// The request body could not be encoded.
    #[error("the request body cannot be encoded: {reason}")]
    InvalidBody {
        /// What went wrong.
        reason: String,
    },
}

/// Joins granted scope names; `none` says the list was empty rather than printing nothing.
struct Granted<'a>(&'a [String]);

impl fmt::Display for Granted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("none");
        }
        f.write_str(&self.0.join(", "))
    }
}

/// Writes scope sets as `a or (b and c)`.
struct Needed(&'static [&'static [&'static str]]);

impl fmt::Display for Needed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, set) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(" or ")?;
            }
            match set {
                [single] => f.write_str(single)?,
                all => write!(f, "({})", all.join(" and "))?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Refused;

    #[test]
    fn scope_sets_read_as_alternatives_of_conjunctions() {
        let refused = Refused::MissingScope {
            allowed_by: &[&["all.Org"], &["alerts.edit", "tests.edit"]],
            granted: vec![],
        };
        let message = refused.to_string();
        assert!(
            message.contains("(none)")
                && message.contains("all.Org or (alerts.edit and tests.edit)"),
            "{message}"
        );
    }
}
