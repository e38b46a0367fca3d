//! The Losant importer against the published folder: the checked-in `specs/losant/` is exactly
//! what it writes, it writes the same bytes every time, the result loads without a diagnostic,
//! and it holds the whole API (99 resources, 375 actions, every referenced model defined).
//!
//! The published folder is not part of the repository. It is looked up in `$LOSANT_API_DIR`,
//! else as `shared/reference/losant-api` next to the repository or one of its parent folders
//! (CI has it at `../shared/reference/`); when it is absent the tests print a note and pass.
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use generator::import::losant::{self, Imported};
use generator::load::spanned::{Item, ScalarOrMap};
use generator::load::spec::{Action, Auth, Location, ParamType, Parameter, Resource, Schema};
use generator::load::{self, ApiFiles};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

/// The published folder, when this machine has it.
fn reference() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("LOSANT_API_DIR") {
        return Some(PathBuf::from(dir));
    }
    let root = repo();
    let found = root
        .ancestors()
        .map(|a| a.join("shared/reference/losant-api"))
        .find(|d| d.join("apiInfo.json").is_file());
    if found.is_none() {
        println!(
            "note: the published Losant folder (shared/reference/losant-api) is not next to {}; \
             set LOSANT_API_DIR to run the importer tests",
            root.display()
        );
    }
    found
}

/// A fresh import of the published folder.
fn import_again() -> Option<Imported> {
    let dir = reference()?;
    match losant::import(&dir) {
        Ok(imported) => Some(imported),
        Err(e) => panic!("the import failed: {e}"),
    }
}

/// One import shared by the tests that only read it.
fn imported() -> Option<&'static Imported> {
    static IMPORTED: OnceLock<Option<Imported>> = OnceLock::new();
    IMPORTED.get_or_init(import_again).as_ref()
}

/// Writes `files` into a fresh `losant/` folder and loads it.
fn load_files(files: &BTreeMap<String, String>) -> Result<ApiFiles, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let api = dir.path().join("losant");
    std::fs::create_dir(&api).map_err(|e| e.to_string())?;
    for (name, text) in files {
        std::fs::write(api.join(name), text).map_err(|e| e.to_string())?;
    }
    load::load_api_dir(&api).map_err(|d| format!("the imported specs do not load:\n{d}"))
}

/// The shared import, loaded back with the spec loader.
fn loaded() -> Option<&'static ApiFiles> {
    static LOADED: OnceLock<Option<ApiFiles>> = OnceLock::new();
    LOADED
        .get_or_init(|| imported().map(|i| load_files(&i.files).unwrap_or_else(|e| panic!("{e}"))))
        .as_ref()
}

fn resource<'a>(files: &'a ApiFiles, name: &str) -> &'a Resource {
    files
        .resources
        .iter()
        .map(|(_, r)| r)
        .find(|r| r.name.value == name)
        .unwrap_or_else(|| panic!("no resource {name}"))
}

fn action<'a>(files: &'a ApiFiles, resource_name: &str, name: &str) -> &'a Action {
    resource(files, resource_name)
        .actions
        .value
        .iter()
        .filter_map(|a| a.0.as_ref())
        .find(|a| a.name.value == name)
        .unwrap_or_else(|| panic!("no action {resource_name}.{name}"))
}

fn scopes(action: &Action) -> Vec<String> {
    action
        .scopes
        .iter()
        .flat_map(|s| s.value.iter())
        .map(|e| match &e.value {
            ScalarOrMap::Scalar(s) => s.clone(),
            ScalarOrMap::Map(all) => format!("{:?}", all.all_of),
        })
        .collect()
}

#[test]
fn the_checked_in_specs_are_exactly_what_the_importer_writes() {
    let Some(imported) = imported() else { return };
    let specs = repo().join("specs/losant");
    let mut on_disk = BTreeSet::new();
    for entry in std::fs::read_dir(&specs).expect("specs/losant") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            on_disk.insert(
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
        }
    }
    let written: BTreeSet<String> = imported.files.keys().cloned().collect();
    let stale: Vec<_> = on_disk.difference(&written).take(10).collect();
    let missing: Vec<_> = written.difference(&on_disk).take(10).collect();
    assert!(
        stale.is_empty() && missing.is_empty(),
        "specs/losant differs from a fresh import: not imported {stale:?}, not checked in {missing:?} (first ten); \
         run `cargo xtask import losant <DIR>`"
    );
    let differing: Vec<&String> = imported
        .files
        .iter()
        .filter(|(name, text)| {
            std::fs::read_to_string(specs.join(name)).ok().as_deref() != Some(text.as_str())
        })
        .map(|(name, _)| name)
        .take(10)
        .collect();
    assert!(
        differing.is_empty(),
        "these files differ from a fresh import (hand edits, or an importer change not re-imported): \
         {differing:?} (first ten); run `cargo xtask import losant <DIR>` and review `git diff specs/losant`"
    );
}

#[test]
fn two_imports_write_the_same_bytes() {
    let Some(first) = imported() else { return };
    let Some(second) = import_again() else { return };
    assert_eq!(first.files.len(), second.files.len());
    for (name, text) in &first.files {
        assert_eq!(
            second.files.get(name),
            Some(text),
            "{name} differs between two runs"
        );
    }
    assert_eq!(first.report, second.report);
    assert_eq!(first, &second);
}

#[test]
fn everything_is_expressed_and_every_fix_still_applies() {
    let Some(imported) = imported() else { return };
    let lines: Vec<String> = imported
        .report
        .unexpressed
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(lines.is_empty(), "not expressed:\n{}", lines.join("\n"));
    let applied: BTreeSet<&str> = imported.report.fixes.iter().map(|f| f.name).collect();
    let all: BTreeSet<&str> = losant::fixes::ALL.iter().map(|f| f.name).collect();
    let unused: Vec<_> = all.difference(&applied).collect();
    assert!(
        unused.is_empty(),
        "these fixes no longer apply (Losant corrected the data? then delete the fix): {unused:?}"
    );
}

#[test]
fn the_whole_api_loads_with_every_referenced_model_defined() {
    let Some(files) = loaded() else { return };
    assert_eq!(files.resources.len(), 99);
    let actions: usize = files
        .resources
        .iter()
        .map(|(_, r)| r.actions.value.len())
        .sum();
    assert_eq!(actions, 375);
    assert_eq!(files.models.len(), 335);
    let defined: BTreeSet<&str> = files
        .models
        .iter()
        .map(|(_, name, _)| name.value.as_str())
        .collect();
    let mut referenced = BTreeSet::new();
    for (_, _, schema) in &files.models {
        schema_refs(schema, &mut referenced);
    }
    for (_, resource) in &files.resources {
        for action in resource.actions.value.iter().filter_map(|a| a.0.as_ref()) {
            for param in action.parameters.iter().filter_map(|p| p.0.as_ref()) {
                param_refs(param, &mut referenced);
            }
            for response in action
                .responses
                .value
                .values()
                .chain(action.errors.values())
                .filter_map(|r| r.0.as_ref())
            {
                referenced.extend(response.model.iter().map(|m| m.value.clone()));
                for event in response
                    .events
                    .iter()
                    .flat_map(|e| e.value.values())
                    .filter_map(|e| e.0.as_ref())
                {
                    referenced.extend(event.model.iter().map(|m| m.value.clone()));
                }
            }
        }
    }
    let undefined: Vec<_> = referenced
        .iter()
        .filter(|r| !defined.contains(r.as_str()))
        .collect();
    assert!(
        undefined.is_empty(),
        "referenced but not defined: {undefined:?}"
    );
    assert!(
        referenced.len() > 300,
        "only {} models referenced",
        referenced.len()
    );
}

#[test]
fn the_seed_actions_keep_their_names() {
    let Some(files) = loaded() else { return };
    let names = |r: &str| -> Vec<String> {
        resource(files, r)
            .actions
            .value
            .iter()
            .filter_map(|a| a.0.as_ref())
            .map(|a| a.name.value.clone())
            .collect()
    };
    let org = names("org");
    for seed in [
        "delete",
        "deviceCounts",
        "get",
        "inviteMember",
        "modifyMember",
        "notebookMinuteCounts",
        "patch",
        "payloadCounts",
        "payloadCountsBreakdown",
        "pendingInvites",
        "removeMember",
        "revokeInvite",
        "transferResources",
    ] {
        assert!(
            org.iter().any(|a| a == seed),
            "org.{seed} is missing: {org:?}"
        );
    }
    assert_eq!(names("instanceApiTokens"), ["get", "post"]);
    let get = action(files, "instanceApiTokens", "get");
    let sort = get
        .parameters
        .iter()
        .filter_map(|p| p.0.as_ref())
        .find(|p| p.name.value == "sortField")
        .expect("sortField");
    assert!(sort.values.is_some(), "sortField keeps its enum");
    let pagination = get
        .pagination
        .as_ref()
        .expect("instanceApiTokens.get is paginated");
    assert_eq!(
        pagination.value.page.as_ref().map(|p| p.value.as_str()),
        Some("page")
    );
    assert_eq!(
        pagination.value.total.as_ref().map(|p| p.value.as_str()),
        Some("totalCount")
    );
    let models: BTreeSet<&str> = files
        .models
        .iter()
        .map(|(_, n, _)| n.value.as_str())
        .collect();
    for seed in [
        "apiToken",
        "apiTokenPost",
        "apiTokens",
        "deviceCounts",
        "error",
        "notebookMinuteCounts",
        "org",
        "orgInvitePost",
        "orgInvites",
        "orgMemberPatch",
        "orgPatch",
        "payloadCountsBreakdown",
        "payloadStats",
        "resourceTransfer",
        "success",
    ] {
        assert!(models.contains(seed), "model {seed} is missing");
    }
}

#[test]
fn every_kind_of_action_is_transcribed_as_documented() {
    let Some(files) = loaded() else { return };
    // Scopes in the docs page's order; the newer release adds the bounded and only.* scopes.
    assert_eq!(
        scopes(action(files, "org", "get")),
        [
            "all.Organization",
            "all.Organization.bounded",
            "all.Organization.read",
            "all.User",
            "all.User.bounded",
            "all.User.read",
            "only.Organization",
            "only.Organization.bounded",
            "only.Organization.read",
            "org.*",
            "org.get",
        ]
    );
    // Actions that hand out tokens send none; dashboards send one when the client has it.
    let login = action(files, "auth", "authenticateUser");
    assert_eq!(login.auth.as_ref().map(|a| a.value), Some(Auth::None));
    assert!(login.scopes.is_none());
    let dashboard = action(files, "dashboard", "get");
    assert_eq!(
        dashboard.auth.as_ref().map(|a| a.value),
        Some(Auth::Optional)
    );
    assert!(dashboard.scopes.is_none());
    // A stream of server-sent events.
    let stream = action(files, "device", "stateStream");
    let ok = stream
        .responses
        .value
        .values()
        .find_map(|r| r.0.as_ref())
        .expect("a success");
    let events = ok.events.as_ref().expect("events");
    let state = events
        .value
        .values()
        .find_map(|e| e.0.as_ref())
        .and_then(|e| e.model.as_ref());
    assert_eq!(state.map(|m| m.value.as_str()), Some("deviceState"));
    // An upload: a file part.
    let upload = action(files, "file", "upload");
    assert!(
        upload
            .parameters
            .iter()
            .filter_map(|p| p.0.as_ref())
            .any(|p| {
                p.location.as_ref().map(|l| l.value) == Some(Location::Multipart)
                    && p.ty.as_ref().map(|t| t.value) == Some(ParamType::File)
            }),
        "file.upload has a file part"
    );
    // Several success bodies: the export, or a queued job.
    let export = action(files, "application", "export");
    let statuses: Vec<&str> = export
        .responses
        .value
        .keys()
        .map(|k| k.value.as_str())
        .collect();
    assert_eq!(statuses, ["200", "202"]);
    // A response without a body.
    let sso = action(files, "auth", "ssoDomain");
    let no_content = sso
        .responses
        .value
        .iter()
        .find(|(k, _)| k.value == "204")
        .and_then(|(_, r)| r.0.as_ref());
    assert!(
        no_content.is_some_and(|r| r.model.is_none()),
        "204 has no model"
    );
    // A JSON-encoded query model, and one in bracket notation.
    let devices = action(files, "devices", "get");
    let style = |name: &str| {
        devices
            .parameters
            .iter()
            .filter_map(|p| p.0.as_ref())
            .find(|p| p.name.value == name)
            .and_then(|p| p.style.as_ref())
            .map(|s| format!("{:?}", s.value))
    };
    assert_eq!(style("query").as_deref(), Some("Json"));
    assert_eq!(style("tagFilter").as_deref(), Some("DeepObject"));
}

/// `tests/fixtures/losant_mini/` is a small published folder with one action of each kind;
/// `tests/fixtures/losant_mini_specs/` is what the importer must write for it (reviewed by hand;
/// `UPDATE_EXPECT=1 cargo test -p generator --test import_losant` rewrites it).
#[test]
fn a_small_folder_with_every_kind_of_action_imports_to_the_reviewed_specs() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let expected_dir = fixtures.join("losant_mini_specs");
    let imported = losant::import(&fixtures.join("losant_mini")).expect("imported");
    assert!(
        imported.report.unexpressed.is_empty(),
        "{:?}",
        imported.report.unexpressed
    );
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let _ = std::fs::remove_dir_all(&expected_dir);
        std::fs::create_dir_all(&expected_dir).expect("folder");
        for (name, text) in &imported.files {
            std::fs::write(expected_dir.join(name), text).expect("write");
        }
    }
    let mut expected = BTreeMap::new();
    for entry in std::fs::read_dir(&expected_dir).expect("losant_mini_specs") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        expected.insert(name, std::fs::read_to_string(&path).expect("text"));
    }
    assert_eq!(
        imported.files.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (name, text) in &imported.files {
        assert_eq!(
            Some(text),
            expected.get(name),
            "{name} differs from tests/fixtures/losant_mini_specs/"
        );
    }
    let files = load_files(&imported.files).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(files.resources.len(), 2);
    let fixes: BTreeSet<&str> = imported.report.fixes.iter().map(|f| f.name).collect();
    assert_eq!(
        fixes.into_iter().collect::<Vec<_>>(),
        [
            "collection-returns-one",
            "example-not-in-enum",
            "joi-min-max",
            "string-param-values",
            "untyped-query-model",
            "untyped-query-scalar",
        ]
    );
}

#[test]
fn unreadable_input_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let err = losant::import(&dir.path().join("nowhere")).expect_err("no folder");
    assert!(err.to_string().contains("nowhere"), "{err}");
    std::fs::write(dir.path().join("apiInfo.json"), "{\n  \"org\": [1,\n}").expect("write");
    let err = losant::import(dir.path()).expect_err("malformed JSON");
    assert!(
        err.to_string()
            .starts_with("apiInfo.json:3:1: invalid JSON"),
        "{err}"
    );
    std::fs::create_dir_all(dir.path().join("schemas")).expect("folder");
    std::fs::create_dir_all(dir.path().join("docs")).expect("folder");
    std::fs::write(
        dir.path().join("apiInfo.json"),
        r#"{"--": {"path": "/x", "actions": {}}}"#,
    )
    .expect("write");
    let err = losant::import(dir.path()).expect_err("no file name");
    assert_eq!(
        err.to_string(),
        ".yaml: `.yaml` is not a usable spec file name; rename the resource or schema"
    );
    std::fs::write(dir.path().join("apiInfo.json"), "[]").expect("write");
    let err = losant::import(dir.path()).expect_err("not an object");
    assert_eq!(
        err.to_string(),
        "apiInfo.json: expected a JSON object at the top level, found an array"
    );
}

#[test]
fn a_checkout_of_the_sdk_reads_the_same_as_the_published_folder() {
    let api_info = r##"{"thing": {"path": "/things", "actions": {"get": {"method": "GET", "summary": "Gets",
        "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/thing"}}}}}}}"##;
    let page = "# Thing Actions\n\nThings.\n\n## Get\n\nGets\n\n```\nclient.thing.get(params)\n```\n\n#### Authentication\nThe token must include at least one of the following scopes:\nthing.get.\n\n#### Available Parameters\n";
    let schema = r#"{"type": "object", "properties": {"id": {"type": "string"}}}"#;
    let write = |root: &Path, name: &str, text: &str| {
        let path = root.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(path, text).expect("write");
    };
    let published = tempfile::tempdir().expect("a temporary folder");
    write(published.path(), "apiInfo.json", api_info);
    write(published.path(), "schemas/thing.json", schema);
    write(published.path(), "docs/thing.md", page);
    let checkout = tempfile::tempdir().expect("a temporary folder");
    write(checkout.path(), "lib/schemas/apiInfo.json", api_info);
    write(checkout.path(), "lib/schemas/thing.json", schema);
    write(checkout.path(), "docs/thing.md", page);
    write(checkout.path(), "docs/_schemas.md", "# Schemas\n");
    let a = losant::import(published.path()).expect("the published layout");
    let b = losant::import(checkout.path()).expect("the SDK layout");
    assert!(
        a.report.unexpressed.is_empty(),
        "{:?}",
        a.report.unexpressed
    );
    assert_eq!(a, b);
    assert!(
        a.files
            .get("thing.yaml")
            .is_some_and(|t| t.contains("scopes: [thing.get]"))
    );
}

#[test]
fn odd_shapes_are_reported_with_their_pointer_and_the_rest_is_imported() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(path, text).expect("write");
    };
    write(
        "apiInfo.json",
        r##"{"thing": {"path": "/things", "params": 5, "actions": {
            "get": {"method": "FETCH", "summary": "Gets", "params": [7, {"name": "q", "in": "cookie", "type": "string"}],
                    "responses": {"abc": {"description": "odd", "schema": {"type": "object"}}, "200": {"description": "ok", "schema": {"$ref": "#/definitions/thing"}}}},
            "put": "no"}}}"##,
    );
    write(
        "schemas/thing.json",
        r#"{"type": "object", "properties": [], "maxItems": "ten"}"#,
    );
    write(
        "docs/other.md",
        "# Other Actions\n\nOthers.\n\n## Get\n\nGets\n",
    );
    write(
        "docs/thing.md",
        "# Thing Actions\n\nThings.\n\n## Get\n\nGets\n\n## Remove\n\nRemoves\n",
    );
    let imported = losant::import(dir.path()).expect("imported");
    let lines: Vec<String> = imported
        .report
        .unexpressed
        .iter()
        .map(ToString::to_string)
        .collect();
    for expected in [
        "docs/other.md: a docs page for a resource that apiInfo.json does not have",
        "docs/thing.md:9: a section (`Remove`) for an action that apiInfo.json does not have",
        "apiInfo.json#/thing/actions/get/method: unknown method \"FETCH\"",
        "apiInfo.json#/thing/actions/get/params/0: a parameter must be an object, found a number",
        "apiInfo.json#/thing/actions/get/params/1/in: unknown location `cookie`",
        "apiInfo.json#/thing/actions/get/responses/abc: `abc` is not an HTTP status",
        "apiInfo.json#/thing/actions/put: an action must be an object, found a string",
        "apiInfo.json#/thing/params: expected a list of parameters, found a number",
        "schemas/thing.json#/properties: `properties` must be an object, found an array",
    ] {
        assert!(
            lines.iter().any(|l| l == expected),
            "missing `{expected}` in:\n{}",
            lines.join("\n")
        );
    }
    assert!(
        imported.files.contains_key("thing.yaml")
            && imported.files.contains_key("models_thing.yaml")
    );
}

fn param_refs(param: &Parameter, out: &mut BTreeSet<String>) {
    out.extend(param.model.iter().map(|m| m.value.clone()));
    if let Some(Item(Some(items))) = param.items.as_deref() {
        schema_refs(items, out);
    }
}

fn schema_refs(schema: &Schema, out: &mut BTreeSet<String>) {
    out.extend(schema.reference.iter().map(|r| r.value.clone()));
    let lists = schema
        .one_of
        .iter()
        .chain(schema.all_of.iter())
        .flat_map(|l| l.value.iter());
    let boxed = schema
        .items
        .iter()
        .chain(schema.values.iter())
        .map(|b| &**b);
    for item in lists
        .chain(boxed)
        .chain(schema.properties.iter().flat_map(|p| p.values()))
    {
        if let Some(s) = &item.0 {
            schema_refs(s, out);
        }
    }
    if let Some(additional) = &schema.additional_properties {
        if let ScalarOrMap::Map(s) = &additional.value {
            schema_refs(s, out);
        }
    }
}
