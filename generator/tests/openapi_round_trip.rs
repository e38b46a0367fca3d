//! Spec -> IR -> OpenAPI -> spec -> IR: the exporter writes what the importer reads back.
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

pub mod openapi_support;

use std::path::{Path, PathBuf};

use generator::import::openapi::{Imported, import, write_dir};
use generator::ir::Api;
use generator::openapi::document_text;
use openapi_support::*;

/// Exports `api` and imports the document back as a spec folder under `<temp>/specs/<name>/`.
fn export_then_import(api: &Api) -> (tempfile::TempDir, PathBuf, Imported) {
    let text = document_text(api);
    let source = PathBuf::from(format!("{}.openapi.json", api.name));
    let imported = import(&text, &source, &api.name).unwrap_or_else(|e| panic!("{e}"));
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path().join("specs");
    write_dir(&root.join(&api.name), &imported).expect("write");
    (temp, root, imported)
}

/// All files of an import, in name order, as one text.
fn joined(imported: &Imported) -> String {
    imported
        .files
        .iter()
        .map(|(name, text)| format!("=== {}\n{text}", name.display()))
        .collect()
}

#[test]
fn exported_documents_import_without_findings_and_load() {
    for api in [minimal_api(), shapes_api()] {
        let (_temp, root, imported) = export_then_import(&api);
        let report: Vec<String> = imported.report.iter().map(ToString::to_string).collect();
        assert!(
            report.is_empty(),
            "{}: the importer reports on an exported document:\n{}",
            api.name,
            report.join("\n")
        );
        if let Err(d) = generator::load::load_dir(&root) {
            panic!("{}: the re-imported spec does not load:\n{d}", api.name);
        }
    }
}

#[test]
fn shapes_reimported() {
    let (_temp, _root, imported) = export_then_import(&shapes_api());
    insta::assert_snapshot!(joined(&imported));
}

/// Exports every API under `root`, imports each document back, and checks that the IR read back
/// equals the IR exported (IR equality ignores origins).
fn assert_round_trip(root: &Path) {
    let ir = generator::load_and_validate(root).unwrap_or_else(|d| panic!("{d}"));
    assert!(!ir.apis.is_empty());
    for api in &ir.apis {
        let (_temp, back_root, imported) = export_then_import(api);
        let back = generator::load_and_validate(&back_root).unwrap_or_else(|d| {
            panic!(
                "{}: the re-imported spec does not validate:\n{d}\n{}",
                api.name,
                joined(&imported)
            )
        });
        let [again] = back.apis.as_slice() else {
            panic!("{}: one API expected back", api.name);
        };
        if let Some(difference) = first_difference(api, again) {
            panic!(
                "{}: the IR changed in the round trip: {difference}",
                api.name
            );
        }
        assert_eq!(again, api, "{}: the IR changed in the round trip", api.name);
    }
}

/// The first model or action (or API setting) that differs between two IRs of one API, with
/// both versions, so that a failing round trip names what changed.
fn first_difference(a: &Api, b: &Api) -> Option<String> {
    fn differ<T: PartialEq + std::fmt::Debug>(what: &str, x: &T, y: &T) -> Option<String> {
        if x == y {
            return None;
        }
        let (x, y) = (
            without_origins(&format!("{x:?}")),
            without_origins(&format!("{y:?}")),
        );
        let at = x.chars().zip(y.chars()).take_while(|(a, b)| a == b).count();
        let around =
            |t: &str| -> String { t.chars().skip(at.saturating_sub(300)).take(500).collect() };
        Some(format!(
            "{what}, from character {at}:\n  exported:  …{}\n  read back: …{}",
            around(&x),
            around(&y)
        ))
    }
    /// A `Debug` text without its `origin: Origin { .. }`s, which differ by design.
    fn without_origins(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("origin: Origin {") {
            out.push_str(&rest[..start]);
            let tail = &rest[start..];
            let end = tail.find("} }").map_or(tail.len(), |e| e + 3);
            rest = &tail[end..];
        }
        out.push_str(rest);
        out
    }
    let settings = [
        differ("title", &a.title, &b.title),
        differ("description", &a.description, &b.description),
        differ("base_url", &a.base_url, &b.base_url),
        differ("auth", &a.auth, &b.auth),
        differ("headers", &a.headers, &b.headers),
        differ("media_types", &a.media_types, &b.media_types),
        differ("parameters", &a.params, &b.params),
        differ(
            "idempotency_header",
            &a.idempotency_header,
            &b.idempotency_header,
        ),
        differ("spec_files", &a.spec_files, &b.spec_files),
        differ("model count", &a.models.len(), &b.models.len()),
        differ("resource count", &a.resources.len(), &b.resources.len()),
    ];
    let models = a
        .models
        .iter()
        .zip(&b.models)
        .map(|(x, y)| differ(&format!("model {}", x.name), x, y));
    let actions = a.resources.iter().zip(&b.resources).flat_map(|(r, s)| {
        let own = differ(
            &format!("resource {}", r.name),
            &(
                &r.name,
                &r.title,
                &r.description,
                &r.spec_file,
                r.actions.len(),
            ),
            &(
                &s.name,
                &s.title,
                &s.description,
                &s.spec_file,
                s.actions.len(),
            ),
        );
        let each = r
            .actions
            .iter()
            .zip(&s.actions)
            .map(move |(x, y)| differ(&format!("action {}.{}", r.name, x.name), x, y));
        std::iter::once(own).chain(each)
    });
    settings
        .into_iter()
        .chain(models)
        .chain(actions)
        .flatten()
        .next()
}

/// The checked-in specs survive the round trip.
#[test]
fn checked_in_specs_survive_the_round_trip() {
    assert_round_trip(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs"));
}

/// Every checked-in API exports a document that the real validator accepts.
#[test]
fn checked_in_specs_export_valid_documents() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let ir = generator::load_and_validate(&specs).unwrap_or_else(|d| panic!("{d}"));
    for api in &ir.apis {
        validate_with_real_validator(&api.name, &generator::openapi::export(api));
    }
}

#[test]
fn built_irs_survive_the_round_trip() {
    for api in [minimal_api(), shapes_api()] {
        let (_temp, root, imported) = export_then_import(&api);
        let back = generator::load_and_validate(&root).unwrap_or_else(|d| {
            panic!(
                "{}: the re-imported spec does not validate:\n{d}\n{}",
                api.name,
                joined(&imported)
            )
        });
        let [again] = back.apis.as_slice() else {
            panic!("{}: one API expected back", api.name);
        };
        for (a, b) in api.models.iter().zip(&again.models) {
            assert_eq!(a, b, "model {}", a.name);
        }
        for (r, s) in api.resources.iter().zip(&again.resources) {
            for (a, b) in r.actions.iter().zip(&s.actions) {
                assert_eq!(a, b, "action {}.{}", r.name, a.name);
            }
            assert_eq!(r, s, "resource {}", r.name);
        }
        assert_eq!(again, &api, "{}", api.name);
    }
}
