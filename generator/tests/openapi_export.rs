//! The OpenAPI 3.1 export: snapshots of the documents of small IRs, and the real validator.
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

pub mod openapi_support;

use generator::openapi::{document_text, export};
use openapi_support::*;

#[test]
fn minimal_document() {
    insta::assert_snapshot!(document_text(&minimal_api()));
}

#[test]
fn shapes_document() {
    insta::assert_snapshot!(document_text(&shapes_api()));
}

#[test]
fn documents_pass_the_real_validator() {
    for (label, api) in [("minimal", minimal_api()), ("shapes", shapes_api())] {
        validate_with_real_validator(label, &export(&api));
    }
}

#[test]
fn the_validator_test_can_fail() {
    let mut broken = export(&minimal_api());
    // A path parameter that is not required is invalid OpenAPI.
    broken["paths"]["/things/{thingId}"]["get"]["parameters"][0]["required"] = false.into();
    if let Some(result) = run_real_validator("broken", &broken) {
        let said = result.expect_err("the validator accepted an optional path parameter");
        assert!(said.contains("required"), "{said}");
    }
}
