//! Load: spec files on disk to typed spec values, with every problem located.

pub mod de;
pub mod schema;
pub mod spanned;
pub mod spec;
pub mod yaml;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use spanned::{Item, Spanned};
use spec::{Api, Resource, Schema, SpecFile};

/// Largest spec file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Everything one API's folder holds, typed but not yet cross-checked.
#[derive(Debug, Clone)]
pub struct ApiFiles {
    /// The API's folder.
    pub dir: PathBuf,
    /// The `api:` file and its content (the first one, when there are several).
    pub api: Option<(PathBuf, Api)>,
    /// Each `resource:` file and its content, in file-name order.
    pub resources: Vec<(PathBuf, Resource)>,
    /// Each model with the file it is in, in file and then written order.
    pub models: Vec<(PathBuf, Spanned<String>, Schema)>,
    /// Every spec file read.
    pub files: Vec<PathBuf>,
}

/// Reads every API folder under `root` (each subfolder holding `*.yaml` files).
pub fn load_dir(root: &Path) -> Result<Vec<ApiFiles>, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let mut apis = Vec::new();
    let dirs = match sorted_entries(root) {
        Ok(entries) => entries
            .into_iter()
            .filter(|p| p.is_dir())
            .collect::<Vec<_>>(),
        Err(e) => {
            diagnostics.push(
                Diagnostic::new(
                    root,
                    Pos::default(),
                    format!("cannot read the spec folder: {e}"),
                )
                .with_help("pass the folder that holds one subfolder per API, e.g. `specs/`"),
            );
            return Err(diagnostics);
        }
    };
    for dir in dirs {
        match load_api_dir(&dir) {
            Ok(api) => apis.push(api),
            Err(d) => diagnostics.extend(d),
        }
    }
    if apis.is_empty() && diagnostics.is_empty() {
        diagnostics.push(
            Diagnostic::new(root, Pos::default(), "no API folders found").with_help(
                "create one subfolder per API holding `api.yaml` and the resource and model files",
            ),
        );
    }
    if diagnostics.is_empty() {
        Ok(apis)
    } else {
        Err(diagnostics)
    }
}

/// Reads one API folder.
pub fn load_api_dir(dir: &Path) -> Result<ApiFiles, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let mut out = ApiFiles {
        dir: dir.to_owned(),
        api: None,
        resources: Vec::new(),
        models: Vec::new(),
        files: Vec::new(),
    };
    let files = match sorted_entries(dir) {
        Ok(entries) => entries
            .into_iter()
            .filter(|p| {
                p.is_file()
                    && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
            })
            .collect::<Vec<_>>(),
        Err(e) => {
            diagnostics.push(Diagnostic::new(
                dir,
                Pos::default(),
                format!("cannot read the folder: {e}"),
            ));
            return Err(diagnostics);
        }
    };
    for file in files {
        let text = match read_limited(&file) {
            Ok(text) => text,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        out.files.push(file.clone());
        match parse_file(&file, &text) {
            Err(d) => diagnostics.extend(d),
            Ok(None) => {}
            Ok(Some(ParsedFile::Api(pos, api))) => {
                if let Some((first, _)) = &out.api {
                    diagnostics.push(
                        Diagnostic::new(
                            &file,
                            pos,
                            format!(
                                "a second `api:` file in this folder (the first is {})",
                                first.display()
                            ),
                        )
                        .with_help("keep one `api:` file per API folder"),
                    );
                } else {
                    out.api = Some((file.clone(), api));
                }
            }
            Ok(Some(ParsedFile::Resource(resource))) => {
                out.resources.push((file.clone(), resource))
            }
            Ok(Some(ParsedFile::Models(models))) => {
                out.models.extend(
                    models
                        .into_iter()
                        .map(|(name, schema)| (file.clone(), name, schema)),
                );
            }
        }
    }
    if out.api.is_none() && diagnostics.is_empty() {
        diagnostics.push(
            Diagnostic::new(dir, Pos::default(), "this API folder has no `api:` file")
                .with_help("add `api.yaml` with the API's name, base URL, auth and media types (see specs/README.md)"),
        );
    }
    if diagnostics.is_empty() {
        Ok(out)
    } else {
        Err(diagnostics)
    }
}

/// What one file held.
pub enum ParsedFile {
    /// An `api:` file, with the position of its key.
    Api(Pos, Api),
    /// A `resource:` file.
    Resource(Resource),
    /// A `models:` file.
    Models(Vec<(Spanned<String>, Schema)>),
}

/// Parses one file's text. An empty file (or one with only comments) is an error; `Ok(None)`
/// would mean a part failed without recording why, which the deserializer never does.
///
/// (Doc fix: this used to say that an empty file is `Ok(None)`, "nothing wrong"; the code has
/// always reported it as "the file is empty".)
pub fn parse_file(file: &Path, text: &str) -> Result<Option<ParsedFile>, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let (root, problems) = yaml::parse(text);
    for p in problems {
        let d = Diagnostic::new(file, p.pos, p.message);
        diagnostics.push(match p.help {
            Some(h) => d.with_help(h),
            None => d,
        });
    }
    let Some(root) = root.filter(|r| r.scalar() != Some(yaml::Scalar::Null)) else {
        if diagnostics.is_empty() {
            diagnostics.push(
                Diagnostic::new(file, Pos { line: 1, col: 1 }, "the file is empty")
                    .with_help("start it with `api:`, `resource:` or `models:` (see specs/README.md), or delete it"),
            );
        }
        return Err(diagnostics);
    };
    let sink = de::Sink::default();
    let parsed: Option<SpecFile> = de::from_node(&root, &sink);
    for p in sink.into_problems() {
        let d = Diagnostic::new(file, p.pos, p.message);
        diagnostics.push(match p.help {
            Some(h) => d.with_help(h),
            None => d,
        });
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    // A part that failed to read has recorded a problem above, so every part is present here.
    Ok(parsed.and_then(|spec| match spec {
        SpecFile::Api(Item(api)) => api.map(|api| ParsedFile::Api(root.pos, api)),
        SpecFile::Resource(Item(resource)) => resource.map(ParsedFile::Resource),
        SpecFile::Models(models) => Some(ParsedFile::Models(
            models
                .into_iter()
                .filter_map(|(name, item)| item.0.map(|s| (name, s)))
                .collect(),
        )),
    }))
}

/// Reads a spec file, refusing huge or non-UTF-8 files with a located diagnostic.
fn read_limited(file: &Path) -> Result<String, Diagnostic> {
    let start = Pos { line: 1, col: 1 };
    let len = std::fs::metadata(file)
        .map_err(|e| Diagnostic::new(file, start, format!("cannot read the file: {e}")))?
        .len();
    if len > MAX_FILE_BYTES {
        return Err(Diagnostic::new(
            file,
            start,
            format!("the file is {len} bytes, more than the {MAX_FILE_BYTES}-byte limit"),
        )
        .with_help("split it: one file per resource, models in several `models:` files"));
    }
    let bytes = std::fs::read(file)
        .map_err(|e| Diagnostic::new(file, start, format!("cannot read the file: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        Diagnostic::new(file, Pos { line, col }, "the file is not valid UTF-8 text")
            .with_help("save it as UTF-8; spec files are YAML text")
    })
}

/// The entries of a folder, sorted by name so that runs are reproducible.
fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?;
    entries.sort();
    Ok(entries)
}
