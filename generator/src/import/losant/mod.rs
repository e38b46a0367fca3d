//! The Losant importer: the folder Losant publishes its API docs from (`apiInfo.json`,
//! `schemas/*.json`, `docs/*.md`, as shipped in the `losant-rest` npm package) to a spec folder
//! (`specs/losant/`).
//!
//! `apiInfo.json` gives every resource and action (method, path, parameters, responses,
//! server-sent events), `schemas/` the JSON Schema of every model and `schemas/apiExamples.json`
//! an example of each, and the docs pages the resource titles and each action's scope list,
//! which is published nowhere else. Mistakes in that data are corrected by named [`fixes`],
//! each of which also lands as a comment in the spec it corrects.
//!
//! The import is deterministic: files are keyed by name in a sorted map, everything else keeps
//! the order of the published documents, and nothing depends on time or the machine.

mod api;
mod docs;
mod files;
pub mod fixes;
pub mod report;
mod resource;
mod schema;
pub mod sensitive;
mod source;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use crate::import::yaml_writer::{Entry, Node};
pub use report::{AppliedFix, Loc, Report, ReportLine};
use resource::ResourceWriter;
use schema::Transcriber;
pub use source::ImportError;

/// What an import produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// Spec file name (in the output folder) -> its text.
    pub files: BTreeMap<String, String>,
    /// The fixes applied and what could not be expressed.
    pub report: Report,
}

/// Imports the published Losant folder at `dir`.
///
/// Unreadable files, malformed JSON and documents whose top level is not what Losant publishes
/// are errors; everything else the spec format cannot say is a line of
/// [`Report::unexpressed`], with the source file and JSON pointer.
pub fn import(dir: &Path) -> Result<Imported, ImportError> {
    let source = source::read(dir)?;
    let mut report = Report::default();
    let models: BTreeSet<String> = source.schemas.keys().cloned().collect();
    let mut files = BTreeMap::new();
    add(
        &mut files,
        files::API_FILE.to_owned(),
        files::text(&[], &api::api()),
    )?;

    let mut api_info = source.api_info;
    for (name, value) in api_info.iter_mut() {
        let at = Loc::pointer("apiInfo.json", format!("/{name}"));
        if let Some(Value::Array(params)) = value.get_mut("params") {
            for (i, param) in params.iter_mut().enumerate() {
                if let Value::Object(param) = param {
                    fixes::params::run_param(param, &at.child("params").index(i), &mut report);
                }
            }
        }
        if let Some(Value::Object(actions)) = value.get_mut("actions") {
            for (action, value) in actions.iter_mut() {
                if let Value::Object(value) = value {
                    let at = at.child("actions").child(action);
                    fixes::params::run_action(value, &at, &source.schemas, &mut report);
                }
            }
        }
    }

    let mut transcriber = Transcriber {
        models: &models,
        report: &mut report,
    };
    for (name, value) in api_info {
        let at = Loc::pointer("apiInfo.json", format!("/{name}"));
        let Value::Object(res) = value else {
            transcriber
                .report
                .unexpressed(&at, "a resource must be an object");
            continue;
        };
        let page = source.pages.get(&name);
        let mut writer = ResourceWriter {
            schemas: &mut transcriber,
            raw: &source.schemas,
        };
        let node = writer.resource(&name, res, page, &at);
        let mut root = Node::map();
        root.insert("resource", node);
        let doc = format!("docs/{name}.md");
        let sources: Vec<&str> = if page.is_some() {
            vec!["apiInfo.json", &doc]
        } else {
            vec!["apiInfo.json"]
        };
        add(
            &mut files,
            files::resource_file(&name),
            files::text(&sources, &root),
        )?;
    }
    for (name, mut value) in source.schemas {
        let file = format!("schemas/{name}.json");
        let at = Loc::file(&file);
        fixes::schema::run(&mut value, &at, transcriber.report);
        let (mut fields, comments) = transcriber.fields(value, &at, None);
        if let Some(example) = source.examples.get(&name) {
            fields.set("example", Node::from(example.clone()));
        }
        let mut models_map = Node::map();
        models_map.insert(
            name.clone(),
            Entry {
                node: fields.finish(),
                comments,
            },
        );
        let mut root = Node::map();
        root.insert("models", models_map);
        let sources: Vec<&str> = if source.examples.contains_key(&name) {
            vec![&file, "schemas/apiExamples.json"]
        } else {
            vec![&file]
        };
        add(
            &mut files,
            files::models_file(&name),
            files::text(&sources, &root),
        )?;
    }
    for name in source.pages.keys().filter(|p| !api_info_has(&files, p)) {
        report_missing_resource(transcriber.report, name);
    }
    report.sort();
    Ok(Imported { files, report })
}

fn api_info_has(files: &BTreeMap<String, String>, page: &str) -> bool {
    files.contains_key(&files::resource_file(page))
}

fn report_missing_resource(report: &mut Report, page: &str) {
    report.unexpressed(
        &Loc::file(format!("docs/{page}.md")),
        "a docs page for a resource that apiInfo.json does not have",
    );
}

/// Adds a file, refusing two parts that would share a file name and names that are not plain
/// snake_case (a resource or schema name made only of punctuation, say).
fn add(
    files: &mut BTreeMap<String, String>,
    name: String,
    text: String,
) -> Result<(), ImportError> {
    let stem = name.strip_suffix(".yaml").unwrap_or_default();
    let plain = stem
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if stem.is_empty() || stem.ends_with('_') || !plain {
        return Err(ImportError::Source {
            at: Loc::file(name.clone()),
            message: format!(
                "`{name}` is not a usable spec file name; rename the resource or schema"
            ),
        });
    }
    if files.contains_key(&name) {
        return Err(ImportError::Source {
            at: Loc::file(name.clone()),
            message: format!("two parts of the API would be written to `{name}`"),
        });
    }
    files.insert(name, text);
    Ok(())
}
