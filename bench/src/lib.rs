//! The client-overhead benchmark: the same Losant `org.patch` request sent through the
//! generated client and through a hand-written `reqwest` call, against a local HTTP server.
//!
//! The harness is `benches/client_overhead.rs` (`cargo bench -p client-bench`); this library
//! holds its parts so that they are unit-tested: the response body ([`fixture`]), the server
//! ([`server`]), the two request paths ([`paths`]), the same model decoded by serde's derive
//! ([`derived`]), an allocation counter ([`alloc`]) and percentiles ([`stats`]).

pub mod alloc;
pub mod derived;
pub mod fixture;
pub mod paths;
pub mod server;
pub mod stats;
