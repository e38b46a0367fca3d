//! The four reference OpenAPI documents (Oxide's nexus, buildomat, keeper, propolis-server, as
//! progenitor tests with them) import, generate, and compile with clippy `-D warnings`.
//!
//! The four APIs are one spec root, hence one crate and one compile: clippy checks the crate
//! and denies every rustc and clippy warning with the workspace's lint levels. The documents are
//! found like the other OpenAPI tests find them (`shared/reference/openapi/` above the
//! checkout; CI has `../shared`). See `compile_support` for where the crate is built.
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

pub mod compile_support;
pub mod openapi_support;
pub mod support;

use openapi_support::{REFERENCE, imported_reference_specs};

#[test]
fn reference_documents_generate_a_crate_that_passes_clippy() {
    let (_temp, root) = imported_reference_specs();
    let files = support::try_generate(&root)
        .unwrap_or_else(|e| panic!("the imported reference documents do not generate:\n{e}"));
    for (_, api) in REFERENCE {
        let module = format!("src/{api}/mod.rs");
        assert!(
            files.iter().any(|f| f.path.to_string_lossy() == module),
            "no {module}: the crate lacks the {api} API"
        );
    }
    let krate = compile_support::write_crate("openapi_reference", &files);
    if let Err(stderr) = compile_support::clippy(&krate) {
        panic!(
            "clippy -D warnings fails on the crate generated from the reference documents \
             ({}), written to {}:\n{}",
            compile_support::lint_summary(&stderr),
            krate.display(),
            compile_support::head(&stderr, 300)
        );
    }
}
