//! End-to-end tests of the generated clients against real HTTP servers on 127.0.0.1: what each
//! action sends, and how what comes back is decoded. One binary, one module per subject.

mod support;

mod org;
mod instance_api_tokens;
mod snapshots;
mod tagged_unions;
mod extra_keys;
mod pagination;
mod query_params;
mod uploads;
mod events;
mod responses;
mod auth;
