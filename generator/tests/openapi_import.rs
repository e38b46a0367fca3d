//! The OpenAPI importer: one fixture per construct (`tests/fixtures/openapi/`, each imported
//! spec and report snapshotted and loaded), the four reference documents, bad input.
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

pub mod openapi_support;

use std::path::Path;

use generator::import::openapi::{ImportError, import, write_dir};
use openapi_support::{REFERENCE, import_reference, imported_reference_specs};
use proptest::prelude::*;
use serde_json::Value;

/// The imported reference documents load and validate without a diagnostic. (Generating their
/// client and `cargo check`ing it starts from [`imported_reference_specs`] too.)
#[test]
fn reference_documents_validate_without_diagnostics() {
    let (_temp, root) = imported_reference_specs();
    if let Err(d) = generator::load_and_validate(&root) {
        panic!("the imported specs do not validate:\n{d}");
    }
}

#[test]
fn reference_documents_import_deterministically() {
    for (file, name) in REFERENCE {
        assert_eq!(
            import_reference(file, name),
            import_reference(file, name),
            "{file}"
        );
    }
}

#[test]
fn nexus_keeps_every_operation() {
    let imported = import_reference("nexus.json", "nexus");
    let actions: usize = imported
        .files
        .values()
        .map(|text| {
            text.lines()
                .filter(|l| l.starts_with("    - name: "))
                .count()
        })
        .sum();
    assert_eq!(actions, 193);
    let paginated = imported
        .files
        .values()
        .map(|text| text.matches("pagination: {cursor: page_token").count())
        .sum::<usize>();
    assert_eq!(
        paginated, 43,
        "every x-dropshot-pagination operation is paginated"
    );
}

/// Imports a fixture, checks that the spec loads without a diagnostic, and returns every file and
/// the report as one text for a snapshot.
fn fixture(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/openapi")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let imported = import(&text, &path, "demo").unwrap_or_else(|e| panic!("{file}: {e}"));
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path().join("specs");
    write_dir(&root.join("demo"), &imported).expect("write");
    if let Err(d) = generator::load_and_validate(&root) {
        panic!("{file}: the imported spec does not validate:\n{d}");
    }
    let mut out: String = imported
        .files
        .iter()
        .map(|(name, text)| format!("=== {}\n{text}", name.display()))
        .collect();
    out.push_str("=== report\n");
    for finding in &imported.report {
        out.push_str(&format!("{finding}\n"));
    }
    out
}

#[test]
fn grouping_and_names() {
    insta::assert_snapshot!(fixture("grouping.yaml"));
}

#[test]
fn parameters() {
    insta::assert_snapshot!(fixture("parameters.yaml"));
}

#[test]
fn request_bodies() {
    insta::assert_snapshot!(fixture("bodies.yaml"));
}

#[test]
fn responses() {
    insta::assert_snapshot!(fixture("responses.yaml"));
}

#[test]
fn security_and_servers() {
    insta::assert_snapshot!(fixture("security.yaml"));
}

#[test]
fn no_security_no_server_json_input() {
    insta::assert_snapshot!(fixture("no_security.json"));
}

#[test]
fn schemas_openapi_3_0() {
    insta::assert_snapshot!(fixture("schemas.yaml"));
}

#[test]
fn schemas_openapi_3_1() {
    insta::assert_snapshot!(fixture("schemas31.yaml"));
}

#[test]
fn pagination() {
    insta::assert_snapshot!(fixture("pagination.yaml"));
}

/// An input, the API name, and what the error must be.
type BadCase = (&'static str, &'static str, fn(&ImportError) -> bool);

#[test]
fn bad_input_is_a_clear_error() {
    let source = Path::new("x.json");
    let cases: [BadCase; 6] = [
        ("{\"openapi\": ", "demo", |e| {
            matches!(e, ImportError::Syntax { line: 1, .. })
        }),
        ("a: [", "demo", |e| matches!(e, ImportError::Syntax { .. })),
        (
            "swagger: '2.0'",
            "demo",
            |e| matches!(e, ImportError::NotOpenApi(m) if m.contains("Swagger")),
        ),
        (
            "openapi: 2.0.0",
            "demo",
            |e| matches!(e, ImportError::NotOpenApi(m) if m.contains("2.0.0")),
        ),
        ("", "demo", |e| matches!(e, ImportError::NotOpenApi(_))),
        (
            "openapi: 3.1.0",
            "Bad-Name",
            |e| matches!(e, ImportError::BadName(n) if n == "Bad-Name"),
        ),
    ];
    for (text, name, expected) in cases {
        let error = import(text, source, name).expect_err(text);
        assert!(expected(&error), "{text:?}: {error:?}");
        assert!(!error.to_string().is_empty());
    }
}

#[test]
fn write_dir_refuses_a_folder_with_files() {
    let temp = tempfile::tempdir().expect("temp dir");
    std::fs::write(temp.path().join("old.yaml"), "x").expect("write");
    let imported = import_reference("keeper.json", "keeper");
    let error = write_dir(temp.path(), &imported).expect_err("wrote over an old import");
    assert!(error.contains("not empty"), "{error}");
}

/// Every node of `value`, as JSON pointers.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                pointers(
                    v,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn replacement() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(Value::Bool(true)),
        Just(serde_json::json!(-1)),
        Just(serde_json::json!("")),
        Just(serde_json::json!("#/components/schemas/Missing")),
        Just(serde_json::json!({"$ref": "#/components/schemas/Pet"})),
        Just(serde_json::json!({"$ref": "#/paths"})),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
        Just(serde_json::json!({"type": ["null"]})),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever a document holds where, the importer answers without panicking, and what it
    /// writes still loads.
    #[test]
    fn mutated_documents_never_panic(edits in prop::collection::vec((any::<prop::sample::Index>(), replacement()), 1..6)) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openapi/schemas.yaml");
        let base = std::fs::read_to_string(&path).expect("fixture");
        let bodies = std::fs::read_to_string(path.with_file_name("bodies.yaml")).expect("fixture");
        let mut doc = yaml_value(&base);
        let extra = yaml_value(&bodies);
        doc["paths"] = extra["paths"].clone();
        doc["components"]["requestBodies"] = extra["components"]["requestBodies"].clone();
        for (index, value) in edits {
            let mut all = Vec::new();
            pointers(&doc, String::new(), &mut all);
            let at = index.get(&all).clone();
            if let Some(slot) = doc.pointer_mut(&at) {
                *slot = value;
            }
        }
        let text = serde_json::to_string(&doc).expect("json");
        if let Ok(imported) = import(&text, Path::new("m.json"), "demo") {
            let temp = tempfile::tempdir().expect("temp dir");
            let root = temp.path().join("specs");
            write_dir(&root.join("demo"), &imported).expect("write");
            if let Err(d) = generator::load::load_dir(&root) {
                prop_assert!(false, "the import of a mutated document does not load:\n{d}\n{text}");
            }
        }
    }
}

/// A YAML fixture as JSON.
fn yaml_value(text: &str) -> Value {
    use generator::load::yaml;
    let (root, problems) = yaml::parse(text);
    assert!(problems.is_empty(), "{problems:?}");
    root.as_ref().map_or(Value::Null, yaml::Node::to_json)
}
