//! Every good fixture under `tests/fixtures/good/<case>/` validates without a diagnostic, and
//! its IR is pinned as a compact rendering (`support/ir_text.rs`): one fixture per construct of
//! the spec format. Review a changed snapshot with `cargo insta review` (or run with
//! `INSTA_UPDATE=always` and read the diff).
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

pub mod support;

use std::fs;
use std::path::{Path, PathBuf};

use generator::ir::Ir;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good")
}

fn load(case: &str) -> Ir {
    match generator::load_and_validate(&fixtures().join(case)) {
        Ok(ir) => ir,
        Err(d) => panic!("good/{case} has problems:\n{d}"),
    }
}

/// Declares one test per folder of `tests/fixtures/good/`, each pinning that fixture's IR, and
/// the list of folders that must all have a test.
macro_rules! good_fixtures {
    ($($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                insta::assert_snapshot!(support::ir_text::render(&load(stringify!($case))));
            }
        )*

        const GOOD_FIXTURES: &[&str] = &[$(stringify!($case)),*];
    };
}

good_fixtures! {
    minimal,
    hostile_names,
    responses,
    events,
    auth_scopes,
    api_settings,
    params,
    bodies,
    pagination,
    discriminator,
    untagged_unions,
    all_of,
    additional_properties,
    scalars,
}

#[test]
fn every_good_fixture_has_a_test() {
    let mut on_disk: Vec<String> = fs::read_dir(fixtures())
        .expect("tests/fixtures/good")
        .map(|e| {
            e.expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<&str> = GOOD_FIXTURES.to_vec();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "add the new fixture folder to `good_fixtures!`"
    );
}
