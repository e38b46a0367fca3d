//! The verification report: every problem a mock server saw.

use std::fmt;

/// What went wrong with a mock server's expectations: requests it refused (they break the
/// spec), requests no expectation matched, expectations that could not be set up, and
/// expectations that did not get the requests they wanted. Returned by `verify`, and printed
/// by the panic when a server with problems is dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockReport {
    api: &'static str,
    problems: Vec<String>,
}

impl MockReport {
    pub(crate) fn new(api: &'static str, problems: Vec<String>) -> Self {
        Self { api, problems }
    }

    /// Whether there is no problem.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// Each problem, as one (possibly multi-line) text, in the order they happened; unmet
    /// expectation counts come last.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }
}

impl fmt::Display for MockReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        let noun = if count == 1 { "problem" } else { "problems" };
        write!(
            f,
            "mock server of {} verification failed, {count} {noun}:",
            self.api
        )?;
        for (i, problem) in self.problems.iter().enumerate() {
            let indented = problem.replace('\n', "\n   ");
            write!(f, "\n{}. {indented}", i + 1)?;
        }
        Ok(())
    }
}

impl std::error::Error for MockReport {}
