//! A string that never shows up in `Debug` output, for the API token.

use std::fmt;

/// Holds a credential; its `Debug` prints `"<redacted>"` so that logging a builder, a client
/// or an error can never leak it.
#[derive(Clone)]
pub(crate) struct Secret(String);

impl Secret {
    pub(crate) fn new(value: String) -> Self {
        Self(value)
    }

    /// The credential itself; call it only where it goes on the wire.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}
