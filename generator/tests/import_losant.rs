//! The Losant importer against the published folder: the checked-in `specs/losant/` is exactly
//! what it writes, it writes the same bytes every time, the result loads without a diagnostic,
//! and it holds the whole API (99 resources, 375 actions, every referenced model defined).
//!
//! The published folder is not part of the repository. It is looked up in `$LOSANT_API_DIR`,
//! else as `shared/reference/losant-api` next to the repository or one of its parent folders
//! (CI has it at `../shared/reference/`); when it is absent the tests print a note and pass.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use generator::import::losant::{self, Imported};
use generator::load::spanned::{Item, ScalarOrMap};
use generator::load::spec::{Parameter, Schema};
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

fn imported() -> Option<Imported> {
    let dir = reference()?;
    match losant::import(&dir) {
        Ok(imported) => Some(imported),
        Err(e) => panic!("the import failed: {e}"),
    }
}

/// Writes the import into a fresh folder and loads it.
fn loaded(imported: &Imported) -> (tempfile::TempDir, ApiFiles) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let api = dir.path().join("losant");
    std::fs::create_dir(&api).expect("the API folder");
    for (name, text) in &imported.files {
        std::fs::write(api.join(name), text).expect("a spec file");
    }
    match load::load_api_dir(&api) {
        Ok(files) => (dir, files),
        Err(d) => panic!("the imported specs do not load:\n{d}"),
    }
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
    let stale: Vec<_> = on_disk.difference(&written).collect();
    let missing: Vec<_> = written.difference(&on_disk).collect();
    assert!(
        stale.is_empty() && missing.is_empty(),
        "specs/losant differs from a fresh import: not imported {stale:?}, not checked in {missing:?}; \
         run `cargo xtask import losant <DIR>`"
    );
    let differing: Vec<&String> = imported
        .files
        .iter()
        .filter(|(name, text)| {
            std::fs::read_to_string(specs.join(name)).ok().as_deref() != Some(text.as_str())
        })
        .map(|(name, _)| name)
        .collect();
    assert!(
        differing.is_empty(),
        "these files differ from a fresh import (hand edits, or an importer change not re-imported): \
         {differing:?}; run `cargo xtask import losant <DIR>` and review `git diff specs/losant`"
    );
}

#[test]
fn two_imports_write_the_same_bytes() {
    let Some(first) = imported() else { return };
    let Some(second) = imported() else { return };
    assert_eq!(first.files.len(), second.files.len());
    for (name, text) in &first.files {
        assert_eq!(
            second.files.get(name),
            Some(text),
            "{name} differs between two runs"
        );
    }
    assert_eq!(first.report, second.report);
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
    let Some(imported) = imported() else { return };
    let (_dir, files) = loaded(&imported);
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
    let Some(imported) = imported() else { return };
    let (_dir, files) = loaded(&imported);
    let resource = |name: &str| {
        files
            .resources
            .iter()
            .map(|(_, r)| r)
            .find(|r| r.name.value == name)
            .unwrap_or_else(|| panic!("no resource {name}"))
    };
    let actions = |name: &str| -> Vec<String> {
        resource(name)
            .actions
            .value
            .iter()
            .filter_map(|a| a.0.as_ref())
            .map(|a| a.name.value.clone())
            .collect()
    };
    let org = actions("org");
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
    assert_eq!(actions("instanceApiTokens"), ["get", "post"]);
    let tokens = resource("instanceApiTokens");
    let get = tokens
        .actions
        .value
        .iter()
        .filter_map(|a| a.0.as_ref())
        .find(|a| a.name.value == "get")
        .expect("get");
    let sort = get
        .parameters
        .iter()
        .filter_map(|p| p.0.as_ref())
        .find(|p| p.name.value == "sortField")
        .expect("sortField");
    assert!(sort.values.is_some(), "sortField keeps its enum");
    assert!(
        get.pagination.is_some(),
        "instanceApiTokens.get is paginated"
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
