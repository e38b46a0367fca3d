//! OpenAPI 3.0 and 3.1 documents (JSON or YAML) to a spec folder.
//!
//! [`import`] reads the document and returns the spec files it makes (`api.yaml`, one file per
//! resource, `models.yaml`) and a report of what the format cannot express, each line with a
//! JSON pointer into the document. Whatever the input, it never panics and the same input always
//! gives the same output. The rules (grouping into resources, names of actions and of inline
//! models, the mapping of every construct) are in README.md ("Starting a new API from
//! OpenAPI"); the `x-` extensions that the exporter writes ([`crate::openapi`]) are read back,
//! so that a spec survives the round trip.

mod action;
mod api;
mod bodies;
mod decodable;
mod document;
mod fields;
mod grouping;
mod inspect;
mod models;
mod one_of;
mod operations;
mod params;
mod responses;
mod schema;
mod security;
mod typed;
mod values;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;

use self::models::Models;
use super::yaml_writer::{Node, render};

/// The first comment line of every spec file.
const SCHEMA_LINE: &str = "yaml-language-server: $schema=../spec.schema.json";

/// What an import produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// File name (`api.yaml`, `instances.yaml`, `models.yaml`) -> YAML text.
    pub files: BTreeMap<PathBuf, String>,
    /// What the spec format could not express, in document order.
    pub report: Vec<Finding>,
}

/// One thing the importer could not express, and where it is in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// A JSON pointer into the document (`/paths/~1orgs/get/parameters/0`); empty for the root.
    pub pointer: String,
    /// What was dropped or changed, and what the generated client does instead.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}: {}", self.pointer, self.message)
    }
}

/// Why a document could not be imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The text is neither JSON nor YAML.
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What the parser said.
        message: String,
    },
    /// The document is not an OpenAPI 3.0 or 3.1 document.
    NotOpenApi(String),
    /// The API name is not a snake_case identifier.
    BadName(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Syntax { line, col, message } => {
                write!(
                    f,
                    "{line}:{col}: the document is not valid JSON or YAML: {message}"
                )
            }
            ImportError::NotOpenApi(why) => write!(f, "not an OpenAPI 3 document: {why}"),
            ImportError::BadName(name) => write!(
                f,
                "`{name}` is not a valid API name: use snake_case letters, digits and `_`, starting with a letter (e.g. `nexus`)"
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Shared state of one import: the document, the findings so far and the models made so far.
struct Cx<'a> {
    /// The whole document (for local references).
    doc: &'a Value,
    /// Findings, in the order they were made.
    findings: Vec<Finding>,
    /// Every model: the document's schemas, then those made from inline shapes.
    models: Models,
    /// Keys of findings made once for the whole document (one per model, not per use).
    once: std::collections::HashSet<String>,
}

impl Cx<'_> {
    /// Records a finding at `pointer`.
    fn report(&mut self, pointer: &str, message: impl Into<String>) {
        self.findings.push(Finding {
            pointer: pointer.to_owned(),
            message: message.into(),
        });
    }

    /// Records a finding at `pointer` unless one with the same `key` was made already.
    fn report_once(&mut self, key: &str, pointer: &str, message: impl Into<String>) {
        if self.once.insert(key.to_owned()) {
            self.report(pointer, message);
        }
    }

    /// The findings made since `mark` (a length of `findings`), as comment lines for the spec
    /// entry they concern.
    fn comments_since(&self, mark: usize) -> Vec<String> {
        self.findings
            .get(mark..)
            .unwrap_or_default()
            .iter()
            .map(|f| format!("Import: {}", f.message))
            .collect()
    }
}

/// Imports an OpenAPI document as the spec folder of the API `name`. `source` names the
/// document in the files' header comment.
pub fn import(text: &str, source: &Path, name: &str) -> Result<Imported, ImportError> {
    if !is_api_name(name) {
        return Err(ImportError::BadName(name.to_owned()));
    }
    let doc = document::parse(text)?;
    document::check_version(&doc)?;
    if !doc.is_object() {
        return Err(ImportError::NotOpenApi(
            "the document is not a mapping".into(),
        ));
    }
    let mut cx = Cx {
        doc: &doc,
        findings: Vec::new(),
        models: Models::default(),
        once: std::collections::HashSet::new(),
    };
    let source_name = source.file_name().map_or_else(
        || source.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let header_line = format!(
        "Imported from {source_name} (OpenAPI {}) by `cargo xtask import openapi`.",
        document::str_of(&doc, "openapi").unwrap_or("3")
    );
    let header: [&str; 2] = [SCHEMA_LINE, &header_line];

    models::declare_components(&mut cx);
    let ops = operations::list(&mut cx);
    let api = api::api(&mut cx, name, &ops);
    let resources = operations::resources(&mut cx, &api, &ops);
    models::convert_components(&mut cx);

    let mut files = BTreeMap::new();
    let mut taken = std::collections::HashSet::new();
    taken.insert(api.file.clone());
    files.insert(PathBuf::from(&api.file), render(&header, &api.node));
    for resource in resources {
        let mut root = Node::map();
        root.insert("resource", resource.node);
        taken.insert(resource.file.clone());
        files.insert(PathBuf::from(resource.file), render(&header, &root));
    }
    for (file, models) in cx.models.take_files(&taken) {
        let mut root = Node::map();
        root.insert("models", models);
        files.insert(PathBuf::from(file), render(&header, &root));
    }
    Ok(Imported {
        files,
        report: cx.findings,
    })
}

/// Writes an import into `dir` (created when missing). Refuses a folder that already holds
/// files, so that an import never mixes with an older one; returns the paths written.
pub fn write_dir(dir: &Path, imported: &Imported) -> Result<Vec<PathBuf>, String> {
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        if entries.next().is_some() {
            return Err(format!(
                "{} already exists and is not empty: remove it (or pass another --out) to import anew",
                dir.display()
            ));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for (name, text) in &imported.files {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// Whether `name` is a snake_case identifier (what `api.name` must be).
fn is_api_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}
