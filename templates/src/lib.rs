//! Standalone build of the client runtime: `src/runtime/` is compiled and tested here on its
//! own, and the generator copies it verbatim into the generated client crate.
#![deny(missing_docs)]

pub mod runtime;

pub use runtime::StatusCode;

#[cfg(test)]
mod api_param_tests;

#[cfg(feature = "mock")]
pub mod mock;
