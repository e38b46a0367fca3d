//! End-to-end tests of the generated clients against real HTTP servers on 127.0.0.1: what each
//! action sends, and how what comes back is decoded. One binary, one module per subject.

mod support;

mod api_params;
mod auth;
mod call_options;
mod enums;
mod errors;
mod events;
mod extra_keys;
mod instance_api_tokens;
mod org;
mod pagination;
mod query_params;
mod responses;
mod secrets;
mod send_bounds;
mod snapshots;
mod tagged_unions;
mod uploads;
