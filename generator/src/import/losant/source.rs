//! Reads the published Losant folder: `apiInfo.json`, `schemas/*.json` and `docs/*.md`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::docs::{self, DocPage};
use super::report::Loc;

/// The schema file that holds examples rather than a schema.
const EXAMPLES_FILE: &str = "apiExamples.json";
/// Every resource and action; at the top of the published folder, in `lib/schemas/` of the SDK.
const API_INFO_FILE: &str = "apiInfo.json";

/// Why an import could not run. Problems with single values are report lines instead; these
/// are the ones that leave nothing to import (an unreadable file, malformed JSON, a document
/// whose top level is not what Losant publishes).
#[derive(Debug)]
pub enum ImportError {
    /// A file or folder could not be read.
    Read {
        /// The path.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// A file is not valid JSON (or not UTF-8).
    Json {
        /// The file, relative to the imported folder.
        file: String,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What serde_json says.
        message: String,
    },
    /// A document has a shape the importer cannot read (e.g. `apiInfo.json` is not an object).
    Source {
        /// Where.
        at: Loc,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Read { path, error } => {
                write!(f, "{}: cannot read: {error}", path.display())
            }
            ImportError::Json {
                file,
                line,
                column,
                message,
            } => write!(f, "{file}:{line}:{column}: invalid JSON: {message}"),
            ImportError::Source { at, message } => write!(f, "{at}: {message}"),
        }
    }
}

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ImportError::Read { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// The published folder, parsed.
#[derive(Debug, Clone)]
pub struct Source {
    /// `apiInfo.json`: resource name -> resource, in file order.
    pub api_info: Map<String, Value>,
    /// `schemas/*.json` but the examples: schema name -> schema, sorted by name.
    pub schemas: BTreeMap<String, Value>,
    /// `schemas/apiExamples.json`: schema name -> example (empty when the file is absent).
    pub examples: Map<String, Value>,
    /// `docs/*.md`: resource name -> page, sorted by name.
    pub pages: BTreeMap<String, DocPage>,
}

/// Reads the folder at `dir`: either the published layout (`apiInfo.json`, `schemas/`,
/// `docs/`) or a checkout of `losant-rest-js` (`lib/schemas/` holding `apiInfo.json`, `docs/`).
pub fn read(dir: &Path) -> Result<Source, ImportError> {
    let schemas_dir = if dir.join("schemas").is_dir() || !dir.join("lib/schemas").is_dir() {
        "schemas"
    } else {
        "lib/schemas"
    };
    let info_file = if dir.join(API_INFO_FILE).is_file() {
        API_INFO_FILE.to_owned()
    } else {
        format!("{schemas_dir}/{API_INFO_FILE}")
    };
    let api_info = object(read_json(dir, &info_file)?, &info_file)?;
    let mut schemas = BTreeMap::new();
    let mut examples = Map::new();
    for name in file_names(&dir.join(schemas_dir), "json")? {
        if name == API_INFO_FILE {
            continue;
        }
        let file = format!("{schemas_dir}/{name}");
        let value = read_json(dir, &file)?;
        let stem = name.trim_end_matches(".json").to_owned();
        if name == EXAMPLES_FILE {
            examples = object(value, &file)?;
        } else {
            schemas.insert(stem, value);
        }
    }
    let mut pages = BTreeMap::new();
    // `_schemas.md` documents the schemas, not a resource.
    for name in file_names(&dir.join("docs"), "md")?
        .into_iter()
        .filter(|n| !n.starts_with('_'))
    {
        let file = format!("docs/{name}");
        let path = dir.join(&file);
        let text = std::fs::read_to_string(&path).map_err(|error| ImportError::Read {
            path: path.clone(),
            error,
        })?;
        let page = docs::parse(&file, &text)?;
        pages.insert(name.trim_end_matches(".md").to_owned(), page);
    }
    Ok(Source {
        api_info,
        schemas,
        examples,
        pages,
    })
}

/// Reads and parses `file` (relative to `dir`).
fn read_json(dir: &Path, file: &str) -> Result<Value, ImportError> {
    let path = dir.join(file);
    let bytes = std::fs::read(&path).map_err(|error| ImportError::Read { path, error })?;
    serde_json::from_slice(&bytes).map_err(|e| ImportError::Json {
        file: file.to_owned(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

fn object(value: Value, file: &str) -> Result<Map<String, Value>, ImportError> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(ImportError::Source {
            at: Loc::file(file),
            message: format!(
                "expected a JSON object at the top level, found {}",
                kind(&other)
            ),
        }),
    }
}

/// The names of the files in `dir` ending in `.ext`, sorted.
fn file_names(dir: &Path, ext: &str) -> Result<Vec<String>, ImportError> {
    let read_error = |error| ImportError::Read {
        path: dir.to_owned(),
        error,
    };
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let entry = entry.map_err(read_error)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(&format!(".{ext}")) && entry.path().is_file() {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// A word for the kind of a JSON value, for messages.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
