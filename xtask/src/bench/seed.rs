//! The seed-only spec folder: the 16 actions the product was first defined from (Losant `org`
//! and `instanceApiTokens`, ThousandEyes `snapshots`), copied out of `specs/` with exactly the
//! models files they need, so that the crate the project started with can be generated and
//! compiled next to the whole API's.
//!
//! Which models files are needed is read from the IR (every model reference of the seed
//! resources' actions and of the API-wide parameters, followed through the models), not from
//! a hand-kept list, so that it stays right when a re-import moves a model. The folder is then
//! loaded and validated again: a missing file is an error, never a smaller crate.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use generator::ir::{
    Action, Additional, Api, BodyKind, Content, PartKind, RequestBody, Schema, SchemaKind,
};

/// The seed resources of each API, by documented name; `None` keeps every resource of the API.
pub const SEED: [(&str, Option<&[&str]>); 2] = [
    ("losant", Some(&["org", "instanceApiTokens"])),
    ("thousandeyes", None),
];

/// Writes the seed-only spec root of the spec root `specs` into `out` (emptied first), and
/// checks that it loads and validates on its own.
pub fn write(specs: &Path, out: &Path) -> Result<(), String> {
    let ir = generator::load_and_validate(specs)
        .map_err(|d| format!("the specs in {} do not validate:\n{d}", specs.display()))?;
    let mut files = BTreeSet::new();
    for (name, resources) in SEED {
        let api = ir
            .apis
            .iter()
            .find(|a| a.name == name)
            .ok_or_else(|| format!("{} has no API `{name}`", specs.display()))?;
        files.extend(seed_files(api, resources)?);
    }
    super::cmd::remove_dir(out)?;
    for file in &files {
        copy_into(file, out)?;
    }
    generator::load_and_validate(out).map_err(|d| {
        format!(
            "the seed-only specs in {} do not validate (a file they need was not copied):\n{d}",
            out.display()
        )
    })?;
    Ok(())
}

/// The spec files of `api` that its seed `resources` (all when `None`) need: the `api:` file,
/// the resource files, and the file of every model they reach.
fn seed_files(api: &Api, resources: Option<&[&str]>) -> Result<BTreeSet<PathBuf>, String> {
    let mut files = BTreeSet::from([api.origin.file.to_path_buf()]);
    let mut names: Vec<&str> = Vec::new();
    for param in &api.params {
        refs(&param.schema, &mut names);
    }
    for wanted in resources.unwrap_or_default() {
        if !api.resources.iter().any(|r| r.name == *wanted) {
            return Err(format!("the API `{}` has no resource `{wanted}`", api.name));
        }
    }
    let chosen = api
        .resources
        .iter()
        .filter(|r| resources.is_none_or(|wanted| wanted.contains(&r.name.as_str())));
    for resource in chosen {
        files.insert(resource.origin.file.to_path_buf());
        for action in &resource.actions {
            action_refs(action, &mut names);
        }
    }
    if resources.is_none() {
        names.extend(api.models.iter().map(|m| m.name.as_str()));
    }
    let mut seen = BTreeSet::new();
    while let Some(name) = names.pop() {
        if !seen.insert(name) {
            continue;
        }
        let model = api
            .model(name)
            .ok_or_else(|| format!("the API `{}` has no model `{name}`", api.name))?;
        files.insert(model.origin.file.to_path_buf());
        refs(&model.schema, &mut names);
    }
    Ok(files)
}

/// Copies the spec file `file` into `out/<its folder's name>/`.
fn copy_into(file: &Path, out: &Path) -> Result<(), String> {
    let (Some(name), Some(dir)) = (file.file_name(), file.parent().and_then(Path::file_name))
    else {
        return Err(format!("{} is not a file in an API folder", file.display()));
    };
    let target = out.join(dir);
    std::fs::create_dir_all(&target)
        .map_err(|e| format!("cannot create {}: {e}", target.display()))?;
    std::fs::copy(file, target.join(name))
        .map(drop)
        .map_err(|e| {
            format!(
                "cannot copy {} into {}: {e}",
                file.display(),
                target.display()
            )
        })
}

/// The models an action mentions directly: in its parameters, body, responses, errors,
/// events and response headers.
fn action_refs<'a>(action: &'a Action, out: &mut Vec<&'a str>) {
    for param in &action.params {
        refs(&param.schema, out);
    }
    match &action.body {
        Some(RequestBody::Single(body)) => match &body.kind {
            BodyKind::Json(schema) => refs(schema, out),
            BodyKind::Binary | BodyKind::Text => {}
        },
        Some(RequestBody::Multipart(parts) | RequestBody::Form(parts)) => {
            for part in parts {
                match &part.kind {
                    PartKind::Value(schema) => refs(schema, out),
                    PartKind::File { .. } => {}
                }
            }
        }
        None => {}
    }
    for response in action.responses.iter().chain(&action.errors) {
        for header in &response.headers {
            refs(&header.schema, out);
        }
        match &response.content {
            Content::Json { schema, .. } => refs(schema, out),
            Content::Events(kinds) => kinds
                .iter()
                .filter_map(|k| k.data.as_ref())
                .for_each(|schema| refs(schema, out)),
            Content::None | Content::Binary { .. } | Content::Text { .. } => {}
        }
    }
}

/// The models `schema` refers to, at any depth (not through the models themselves). Every
/// kind is listed, so that a new kind holding schemas is a compile error here.
fn refs<'a>(schema: &'a Schema, out: &mut Vec<&'a str>) {
    match &schema.kind {
        SchemaKind::Ref(name) => out.push(name),
        SchemaKind::Array(array) => refs(&array.items, out),
        SchemaKind::Object(object) => {
            for property in &object.properties {
                refs(&property.schema, out);
            }
            match &object.additional {
                Additional::Allowed(values) => refs(values, out),
                Additional::Unspecified | Additional::Forbidden => {}
            }
        }
        SchemaKind::OneOf(one_of) => one_of.variants.iter().for_each(|v| refs(v, out)),
        SchemaKind::AllOf(all) => all.iter().for_each(|v| refs(v, out)),
        SchemaKind::Any
        | SchemaKind::String(_)
        | SchemaKind::Integer { .. }
        | SchemaKind::Number { .. }
        | SchemaKind::Boolean { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_folder_holds_the_16_seed_actions_and_validates() {
        let root = crate::root();
        let out = std::env::temp_dir().join(format!("xtask-seed-{}", std::process::id()));
        write(&root.join("specs"), &out).unwrap();
        let ir = generator::load_and_validate(&out).unwrap();
        let _ = std::fs::remove_dir_all(&out);
        let actions: usize = ir
            .apis
            .iter()
            .flat_map(|a| &a.resources)
            .map(|r| r.actions.len())
            .sum();
        assert_eq!(actions, 16);
        let resources: Vec<(&str, &str)> = ir
            .apis
            .iter()
            .flat_map(|a| {
                a.resources
                    .iter()
                    .map(|r| (a.name.as_str(), r.name.as_str()))
            })
            .collect();
        assert_eq!(
            resources,
            [
                ("losant", "instanceApiTokens"),
                ("losant", "org"),
                ("thousandeyes", "snapshots")
            ]
        );
        // Only what the seed needs: far fewer models than the whole API's.
        let losant = ir.apis.iter().find(|a| a.name == "losant").unwrap();
        let whole = generator::load_and_validate(&root.join("specs")).unwrap();
        let whole_losant = whole.apis.iter().find(|a| a.name == "losant").unwrap();
        assert!(losant.model("org").is_some() && losant.model("apiTokens").is_some());
        assert!(losant.models.len() * 4 < whole_losant.models.len());
    }

    #[test]
    fn an_unknown_seed_resource_is_an_error() {
        let root = crate::root();
        let ir = generator::load_and_validate(&root.join("specs")).unwrap();
        let losant = ir.apis.iter().find(|a| a.name == "losant").unwrap();
        let err = seed_files(losant, Some(&["noSuchResource"])).unwrap_err();
        assert!(err.contains("noSuchResource"), "{err}");
    }
}
