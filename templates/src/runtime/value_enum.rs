//! The error of parsing a value that an enum of documented values does not list.

use std::fmt;

/// A value that is none of an enum's documented values, from the enum's `FromStr`: the enum's
/// deserializer keeps such values (its `Unknown` variant), but parsing one from a command-line
/// flag or a config file is almost always a typo, so it is refused with the accepted values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseEnumError {
    value: String,
    accepted: &'static [&'static str],
}

impl ParseEnumError {
    /// `value` is not among `accepted`.
    pub fn new(value: &str, accepted: &'static [&'static str]) -> Self {
        Self {
            value: value.to_owned(),
            accepted,
        }
    }

    /// The text that was parsed.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Every accepted value.
    pub fn accepted(&self) -> &'static [&'static str] {
        self.accepted
    }
}

impl fmt::Display for ParseEnumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not an accepted value; accepted: ", self.value)?;
        for (i, value) in self.accepted.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{value:?}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseEnumError {}

#[cfg(test)]
mod tests {
    use super::ParseEnumError;

    #[test]
    fn the_message_lists_every_accepted_value() {
        let error = ParseEnumError::new("creationdate", &["name", "creationDate"]);
        assert_eq!(
            error.to_string(),
            "\"creationdate\" is not an accepted value; accepted: \"name\", \"creationDate\""
        );
    }
}
