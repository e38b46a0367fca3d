//! The mock emitter: the IR (through the Rust client's plan, which names every type) to each
//! API's typed `mock` module, compiled behind the generated crate's `mock` feature.
//!
//! Generated code stays thin over the hand-written server in `templates/src/mock/`: per action
//! a marker type (named like the client's builder), a static description of the action for the
//! spec checks, the trait impls that type its responses (`returns`, `fails`, `returns_pages`,
//! `streams`), and one typed setter per input. Everything generic (matching, counting,
//! verification, pages, events) is written once in the template.
//!
//! Files: `src/<api>/mock/mod.rs` ([`api::api_file`]) and `src/<api>/mock/<resource>.rs`
//! ([`resource::resource_file`]).

pub mod api;
mod replies;
pub mod resource;
mod setters;
mod spec;
mod types;

pub use self::setters::MOCK_MEMBERS;
