//! Generated code that no checked-in API exercises, run end to end. `generated_snapshots.rs`
//! pins the code generated from `fixtures/gen/pagination` and `fixtures/gen/bodies`, and
//! `hostile_compiles.rs` proves that it compiles; here one crate of both is built with the test
//! `fixtures/run/walks_and_bodies.rs` and run against real servers on 127.0.0.1: a cursor walk
//! over three pages, a next-link walk that refuses a link to another origin (never asking it),
//! downloads as bytes and as a byte stream, a raw binary body and a text response (issue 9,
//! points 5 and 7; Losant pages by number and has no download). The crate shares
//! `compile_support`'s target directory, so the dependencies are built once.
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

pub mod compile_support;
pub mod support;

use std::path::Path;

#[test]
fn generated_walks_downloads_and_raw_bodies_run_against_real_servers() {
    let specs = compile_support::combined_fixtures(&["pagination", "bodies"]);
    let files = support::generate(&specs.path().join("specs"));
    let krate = compile_support::write_crate("run-walks-and-bodies", &files);
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/run/walks_and_bodies.rs"),
    )
    .expect("the test");
    compile_support::add_test(
        &krate,
        "walks_and_bodies",
        &source,
        &[
            r#"axum = { version = "0.8", default-features = false, features = ["http1", "tokio", "query", "json"] }"#,
        ],
        &["net"],
    );
    if let Err(output) = compile_support::test(&krate) {
        panic!("the tests in {} failed:\n{output}", krate.display());
    }
}
