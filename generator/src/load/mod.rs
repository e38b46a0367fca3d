//! Load: spec files on disk to typed spec values, with every problem located.

pub mod de;
pub mod schema;
pub mod spanned;
pub mod spec;
mod suggest;
pub mod yaml;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use indexmap::IndexMap;
use spanned::{Item, Spanned};
use spec::{Api, Resource, Schema, SpecFile};

/// Largest spec file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Everything one API's folder holds, typed but not yet cross-checked.
///
/// A folder with problems still yields what loaded: a part that failed (a model, an action, a
/// resource, the `api:` file) is left out after its problems are recorded, so that validation
/// can check the rest without repeating them.
#[derive(Debug, Clone)]
pub struct ApiFiles {
    /// The API's folder.
    pub dir: PathBuf,
    /// The `api:` file and its content (the first one, when there are several).
    pub api: Option<(PathBuf, Api)>,
    /// Each `resource:` file and its content, in file-name order. An action that failed to load
    /// is an empty [`Item`].
    pub resources: Vec<(PathBuf, Resource)>,
    /// Each model with the file it is in, in file and then written order.
    pub models: Vec<(PathBuf, Spanned<String>, Schema)>,
    /// Models whose definitions failed to load: known by name, so that references to them are
    /// not reported as undefined.
    pub failed_models: Vec<(PathBuf, Spanned<String>)>,
    /// Whether every file that may define models was read. When one could not be (broken YAML
    /// in a `models:` file), a reference to a model that is not defined is not reported either:
    /// it may be defined in that file.
    pub models_complete: bool,
    /// Every spec file read.
    pub files: Vec<PathBuf>,
}

/// What a spec folder held, and every problem found while reading it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Each API folder, with what loaded, in folder-name order.
    pub apis: Vec<ApiFiles>,
    /// The problems found while reading.
    pub diagnostics: Diagnostics,
}

/// Reads every API folder under `root` (each subfolder holding `*.yaml` files). Fails when any
/// file has a problem; [`load_specs`] returns what loaded as well.
pub fn load_dir(root: &Path) -> Result<Vec<ApiFiles>, Diagnostics> {
    let loaded = load_specs(root);
    if loaded.diagnostics.is_empty() {
        Ok(loaded.apis)
    } else {
        Err(loaded.diagnostics)
    }
}

/// Reads every API folder under `root`: what loaded, and every problem found.
pub fn load_specs(root: &Path) -> Loaded {
    let mut loaded = Loaded::default();
    let dirs = match sorted_entries(root) {
        Ok(entries) => entries
            .into_iter()
            .filter(|p| p.is_dir())
            .collect::<Vec<_>>(),
        Err(e) => {
            loaded.diagnostics.push(
                Diagnostic::new(
                    root,
                    Pos::default(),
                    format!("cannot read the spec folder: {e}"),
                )
                .with_help("pass the folder that holds one subfolder per API, e.g. `specs/`"),
            );
            return loaded;
        }
    };
    for dir in dirs {
        match read_api_dir(&dir) {
            (Some(api), d) => {
                loaded.apis.push(api);
                loaded.diagnostics.extend(d);
            }
            (None, d) => loaded.diagnostics.extend(d),
        }
    }
    if loaded.apis.is_empty() && loaded.diagnostics.is_empty() {
        loaded.diagnostics.push(
            Diagnostic::new(root, Pos::default(), "no API folders found").with_help(
                "create one subfolder per API holding `api.yaml` and the resource and model files",
            ),
        );
    }
    loaded
}

/// Reads one API folder. Fails when any file has a problem; [`read_api_dir`] returns what
/// loaded as well.
pub fn load_api_dir(dir: &Path) -> Result<ApiFiles, Diagnostics> {
    match read_api_dir(dir) {
        (Some(api), d) if d.is_empty() => Ok(api),
        (_, d) => Err(d),
    }
}

/// Reads one API folder: what loaded (`None` when the folder itself cannot be read) and every
/// problem found.
pub fn read_api_dir(dir: &Path) -> (Option<ApiFiles>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let mut out = ApiFiles {
        dir: dir.to_owned(),
        api: None,
        resources: Vec::new(),
        models: Vec::new(),
        failed_models: Vec::new(),
        models_complete: true,
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
            return (None, diagnostics);
        }
    };
    for file in files {
        let text = match read_limited(&file) {
            Ok(text) => text,
            Err(d) => {
                diagnostics.push(d);
                out.models_complete = false;
                continue;
            }
        };
        out.files.push(file.clone());
        let (parsed, problems) = read_file(&file, &text);
        diagnostics.extend(problems);
        match parsed {
            None => {
                // What the file held is unknown: it may have defined models.
                if !matches!(declared_key(&text), Some("api" | "resource")) {
                    out.models_complete = false;
                }
            }
            Some(ParsedFile::Api(pos, api)) => {
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
            Some(ParsedFile::Resource(resource)) => out.resources.push((file.clone(), resource)),
            Some(ParsedFile::Models { models, failed }) => {
                out.models.extend(
                    models
                        .into_iter()
                        .map(|(name, schema)| (file.clone(), name, schema)),
                );
                out.failed_models
                    .extend(failed.into_iter().map(|name| (file.clone(), name)));
            }
        }
    }
    if out.api.is_none() && diagnostics.is_empty() {
        diagnostics.push(
            Diagnostic::new(dir, Pos::default(), "this API folder has no `api:` file")
                .with_help("add `api.yaml` with the API's name, base URL, auth and media types (see specs/README.md)"),
        );
    }
    (Some(out), diagnostics)
}

/// What one file held.
#[derive(Debug, Clone)]
pub enum ParsedFile {
    /// An `api:` file, with the position of its key.
    Api(Pos, Api),
    /// A `resource:` file.
    Resource(Resource),
    /// A `models:` file.
    Models {
        /// The models that loaded.
        models: Vec<(Spanned<String>, Schema)>,
        /// The names of the models that failed to load.
        failed: Vec<Spanned<String>>,
    },
}

/// Parses one file's text. Fails when the file has any problem (an empty file is one); see
/// [`read_file`] for what loads despite problems.
pub fn parse_file(file: &Path, text: &str) -> Result<Option<ParsedFile>, Diagnostics> {
    match read_file(file, text) {
        (parsed, d) if d.is_empty() => Ok(parsed),
        (_, d) => Err(d),
    }
}

/// Parses one file's text: what loaded despite the problems, and every problem.
///
/// A part with a problem is left out, whatever placeholder the deserializer put in its place,
/// so that validation never reports what follows from a loading problem: the `api:` file and a
/// resource fail whole (except that a broken action fails alone), and a broken model fails
/// alone but keeps its name.
pub fn read_file(file: &Path, text: &str) -> (Option<ParsedFile>, Diagnostics) {
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
        return (None, diagnostics);
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
    let at: Vec<Pos> = diagnostics.clone().sorted().iter().map(|d| d.pos).collect();
    let parsed = parsed.and_then(|spec| match spec {
        SpecFile::Api(Item(api)) => api
            .filter(|_| at.is_empty())
            .map(|api| ParsedFile::Api(root.pos, api)),
        SpecFile::Resource(Item(resource)) => {
            resource.and_then(|r| without_broken_actions(r, &root, &at).map(ParsedFile::Resource))
        }
        SpecFile::Models(models) => Some(split_models(models, &at)),
    });
    (parsed, diagnostics)
}

/// The resource with every action that has a problem emptied, or `None` when a problem lies
/// outside the actions.
fn without_broken_actions(mut resource: Resource, root: &yaml::Node, at: &[Pos]) -> Option<Resource> {
    if at.is_empty() {
        return Some(resource);
    }
    let spans = action_spans(root)?;
    let action_of = |pos: &Pos| spans.iter().position(|(start, end)| within(*pos, *start, *end));
    let mut broken = Vec::new();
    for pos in at {
        broken.push(action_of(pos)?);
    }
    for (i, action) in resource.actions.value.iter_mut().enumerate() {
        if broken.contains(&i) {
            action.0 = None;
        }
    }
    Some(resource)
}

/// Where each action of a resource file starts, and where the next one (or whatever follows the
/// `actions:` list) starts.
fn action_spans(root: &yaml::Node) -> Option<Vec<(Pos, Option<Pos>)>> {
    let resource = entry(root, "resource")?;
    let yaml::NodeKind::Map(entries) = &resource.kind else {
        return None;
    };
    let k = entries.iter().position(|(key, _)| key_is(key, "actions"))?;
    let (_, actions) = entries.get(k)?;
    let yaml::NodeKind::Seq(items) = &actions.kind else {
        return None;
    };
    let after = entries.get(k + 1).map(|(key, _)| key.pos);
    let starts: Vec<Pos> = items.iter().map(|n| n.pos).collect();
    let ends = starts.iter().skip(1).map(|p| Some(*p)).chain([after]);
    Some(starts.iter().copied().zip(ends).collect())
}

/// The models that loaded cleanly, and the names of those with a problem. A problem before the
/// first model (the `models:` value itself) fails every model.
fn split_models(models: IndexMap<Spanned<String>, Item<Schema>>, at: &[Pos]) -> ParsedFile {
    let starts: Vec<Pos> = models.keys().map(|k| k.pos).collect();
    let whole_file = at.iter().any(|p| starts.first().is_none_or(|first| p < first));
    let mut loaded = Vec::new();
    let mut failed = Vec::new();
    for (i, (name, item)) in models.into_iter().enumerate() {
        let end = starts.get(i + 1).copied();
        let broken = whole_file || at.iter().any(|p| within(*p, name.pos, end));
        match item.0 {
            Some(schema) if !broken => loaded.push((name, schema)),
            _ => failed.push(name),
        }
    }
    ParsedFile::Models {
        models: loaded,
        failed,
    }
}

fn within(pos: Pos, start: Pos, end: Option<Pos>) -> bool {
    pos >= start && end.is_none_or(|end| pos < end)
}

fn entry<'a>(map: &'a yaml::Node, key: &str) -> Option<&'a yaml::Node> {
    match &map.kind {
        yaml::NodeKind::Map(entries) => entries
            .iter()
            .find(|(k, _)| key_is(k, key))
            .map(|(_, v)| v),
        _ => None,
    }
}

fn key_is(node: &yaml::Node, name: &str) -> bool {
    matches!(&node.kind, yaml::NodeKind::Scalar { text, .. } if text == name)
}

/// The top-level key a file's text starts with, read from the text itself: what a file that
/// could not be read as YAML meant to hold.
fn declared_key(text: &str) -> Option<&str> {
    text.lines()
        .map(str::trim_end)
        .find(|l| !l.is_empty() && !l.starts_with('#') && *l != "---")
        .and_then(|l| l.split_once(':'))
        .map(|(key, _)| key)
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
        let before = e
            .as_bytes()
            .get(..e.utf8_error().valid_up_to())
            .unwrap_or_default();
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
