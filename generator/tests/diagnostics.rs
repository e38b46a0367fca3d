//! Every class of spec mistake, each in a tiny spec of its own, with the full diagnostics text
//! pinned: file:line:col, what is wrong and how to fix it. Loading and validation problems come
//! from one run (`several_problems`, `loading_and_validation`), and what failed to load causes
//! no further reports (`no_cascades`, `broken_models_file`).
//!
//! Fixtures live in `tests/fixtures/bad/<case>/demo/` (a complete spec root with one API
//! folder); cases that need generated or binary content (non-UTF-8, size and depth limits,
//! alias bombs) are written to a temporary copy of `tests/fixtures/good/minimal/`. Snapshots
//! are in `tests/snapshots/`; review a changed one with `cargo insta review` (or run with
//! `INSTA_UPDATE=always` and read the diff).
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Loads the spec root `root`, which must fail, and renders its diagnostics with the location
/// of `root` replaced by `label`, so that snapshots do not depend on the checkout's location.
fn render(root: &Path, label: &str) -> String {
    let diagnostics = match generator::load_and_validate(root) {
        Ok(_) => panic!("{label} loaded without a diagnostic"),
        Err(d) => d,
    };
    for d in diagnostics.clone().sorted() {
        // Only a problem with a whole folder (no `api:` file) has no line to point at.
        assert!(
            (d.pos.line >= 1 && d.pos.col >= 1) || d.file.is_dir(),
            "{label}: a diagnostic without a position: {d}"
        );
        assert!(d.help.is_some(), "{label}: a diagnostic without help: {d}");
    }
    let text = diagnostics
        .to_string()
        .replace(&root.display().to_string(), label)
        .replace('\\', "/");
    assert!(
        !text.contains(env!("CARGO_MANIFEST_DIR")),
        "{label}: the rendered diagnostics contain the checkout location:\n{text}"
    );
    text
}

/// Declares one test per folder of `tests/fixtures/bad/`, each pinning that fixture's
/// diagnostics, and the list of folders that must all have a test.
macro_rules! bad_fixtures {
    ($($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                let case = stringify!($case);
                let root = fixtures().join("bad").join(case);
                insta::assert_snapshot!(render(&root, &format!("bad/{case}")));
            }
        )*

        const BAD_FIXTURES: &[&str] = &[$(stringify!($case)),*];
    };
}

bad_fixtures! {
    all_of_conflicting_property,
    all_of_empty,
    all_of_not_object,
    api_param_not_optional,
    api_settings,
    api_wide_duplicate,
    array_without_items,
    bad_status,
    binary_outside_body,
    body_and_parts,
    body_schema_keys,
    body_type,
    broken_models_file,
    constraint_wrong_type,
    default_not_in_enum,
    default_wrong_type,
    discriminator_duplicate_tag,
    discriminator_mapping_not_variant,
    discriminator_one_variant,
    discriminator_variant_not_object,
    discriminator_variant_without_tag,
    duplicate_action,
    duplicate_api_name,
    duplicate_model,
    duplicate_param,
    duplicate_resource,
    duplicate_yaml_key,
    empty_file,
    empty_resource_path,
    empty_scopes,
    enum_duplicate,
    enum_empty,
    enum_wrong_type,
    error_in_2xx,
    events_problems,
    example_not_in_enum,
    file_outside_multipart,
    head_with_body,
    header_params,
    invalid_yaml,
    key_pattern_without_other_keys,
    limits_out_of_order,
    loading_and_validation,
    media_type_misplaced,
    missing_required_key,
    missing_top_level_key,
    models_not_a_mapping,
    multipart_and_form,
    no_api_file,
    no_cascades,
    no_media_type,
    no_success_response,
    object_keys_on_non_object,
    one_of_only_null,
    pagination_fields,
    pagination_page_not_a_number,
    pagination_params,
    pagination_styles,
    pagination_success,
    param_type_or_model,
    path_param_undeclared,
    path_param_unused,
    path_parameter_in,
    path_template,
    reference_cycle,
    required_list,
    required_outside_property,
    resource_without_actions,
    response_headers,
    response_media_type,
    response_two_bodies,
    schema_no_kind,
    schema_two_kinds,
    scopes_all_of,
    several_problems,
    several_validation_problems,
    status_classes,
    stray_top_level_key,
    structured_path_or_header,
    style_mismatch,
    success_not_2xx,
    two_bodies,
    two_top_level_keys,
    type_null_outside_one_of,
    undefined_model,
    unknown_key,
    unknown_key_suggestions,
    unknown_top_level_key,
    untagged_union_shadowed,
    wrong_type_list,
    wrong_type_quoted_number,
}

#[test]
fn every_bad_fixture_has_a_test() {
    let mut on_disk: Vec<String> = fs::read_dir(fixtures().join("bad"))
        .expect("tests/fixtures/bad")
        .map(|e| {
            e.expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<&str> = BAD_FIXTURES.to_vec();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "add the new fixture folder to `bad_fixtures!`"
    );
}

/// The base of the generated cases must itself be valid, or they would test nothing.
#[test]
fn minimal_fixture_is_valid() {
    let root = fixtures().join("good/minimal");
    if let Err(d) = generator::load_and_validate(&root) {
        panic!("the minimal fixture has problems:\n{d}");
    }
}

/// A temporary copy of `good/minimal` with `file` (in the `demo` API folder) set to `bytes`.
fn minimal_with(file: &str, bytes: &[u8]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let from = fixtures().join("good/minimal/demo");
    let to = tmp.path().join("demo");
    fs::create_dir(&to).expect("the API folder");
    for entry in fs::read_dir(&from).expect("the minimal fixture") {
        let entry = entry.expect("a folder entry");
        fs::copy(entry.path(), to.join(entry.file_name())).expect("a copy");
    }
    fs::write(to.join(file), bytes).expect("the generated file");
    tmp
}

#[test]
fn non_utf8_file() {
    let tmp = minimal_with(
        "notes.yaml",
        b"models:\n  note:\n    description: caf\xe9 au lait\n    type: string\n",
    );
    insta::assert_snapshot!(render(tmp.path(), "generated/non_utf8"));
}

#[test]
fn nesting_deeper_than_the_limit() {
    let depth = generator::load::yaml::MAX_DEPTH + 10;
    let text = format!(
        "models:\n  deep:\n    type: string\n    example: {}x{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let tmp = minimal_with("deep.yaml", text.as_bytes());
    insta::assert_snapshot!(render(tmp.path(), "generated/too_deep"));
}

#[test]
fn alias_bomb() {
    // Each level is a list of ten aliases to the previous one: level n expands to 10^n scalars.
    let mut text = String::from("models:\n  bomb:\n    type: string\n    example:\n");
    text.push_str("      - &l0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..6 {
        let aliases = vec![format!("*l{}", level - 1); 10].join(", ");
        text.push_str(&format!("      - &l{level} [{aliases}]\n"));
    }
    let tmp = minimal_with("bomb.yaml", text.as_bytes());
    insta::assert_snapshot!(render(tmp.path(), "generated/alias_bomb"));
}

#[test]
fn file_over_the_size_limit() {
    let limit = usize::try_from(generator::load::MAX_FILE_BYTES).expect("a small limit");
    let mut text = String::from("models:\n  big:\n    type: string\n    description: >-\n");
    while text.len() <= limit {
        text.push_str("      a line of a very long description that goes on and on\n");
    }
    let tmp = minimal_with("big.yaml", text.as_bytes());
    insta::assert_snapshot!(render(tmp.path(), "generated/too_large"));
}
