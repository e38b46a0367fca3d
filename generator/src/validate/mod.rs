//! Validate: typed spec values to the neutral [`Ir`], checking every rule that spans keys and
//! files, with located diagnostics.
//!
//! Validation runs on whatever loaded: a model that failed to load is known by name (references
//! to it are not reported), a resource or action that failed is skipped, and an API whose `api:`
//! file failed still has its models and resources checked. So one run reports every problem it
//! can find, and none that only follows from another. The IR is built only when nothing was
//! reported and nothing was left out.
//!
//! Validation resolves and checks; it does not name things. Rust names (and their clashes) are
//! the Rust emitter's business: `rust_name` overrides are carried into the IR as written.

mod accepts;
mod actions;
mod api;
mod constraints;
mod models;
mod objects;
mod pagination;
mod params;
mod path;
mod responses;
mod schema;
mod shapes;
mod unions;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use crate::ir::{Ir, Origin};
use crate::load::ApiFiles;

/// Collects diagnostics while validating, and whether anything was left out.
#[derive(Debug, Default)]
pub struct Cx {
    diagnostics: Diagnostics,
    /// Set when a part is missing because it failed to load: the IR would be incomplete.
    incomplete: bool,
}

impl Cx {
    /// Records a problem with its fix.
    pub fn error(
        &mut self,
        file: &Path,
        pos: Pos,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.diagnostics
            .push(Diagnostic::new(file, pos, message).with_help(help));
    }

    /// Records a problem at `origin`.
    pub fn error_at(&mut self, origin: &Origin, message: impl Into<String>, help: impl Into<String>) {
        self.error(&origin.file, origin.pos, message, help);
    }

    /// Notes that a part failed to load (its problems are already reported).
    pub fn left_out(&mut self) {
        self.incomplete = true;
    }
}

/// Validates every API read from `root` and builds the IR: `None` when there are problems (all
/// of them are in the diagnostics) or when a part failed to load.
pub fn validate(root: &Path, apis: &[ApiFiles]) -> (Option<Ir>, Diagnostics) {
    let mut cx = Cx::default();
    let mut out = Vec::new();
    let mut names: Vec<(String, PathBuf)> = Vec::new();
    for files in apis {
        if let Some((api_file, api)) = &files.api {
            if let Some((_, first)) = names.iter().find(|(n, _)| *n == api.name.value) {
                cx.error(
                    api_file,
                    api.name.pos,
                    format!(
                        "two APIs are named `{}` (the other is {})",
                        api.name.value,
                        first.display()
                    ),
                    "give each API folder's `api:` file its own `name`",
                );
            }
            names.push((api.name.value.clone(), api_file.clone()));
        }
        match api::validate_api(&mut cx, root, files) {
            Some(api) => out.push(api),
            None => cx.left_out(),
        }
    }
    let ir = (cx.diagnostics.is_empty() && !cx.incomplete).then_some(Ir { apis: out });
    (ir, cx.diagnostics)
}

/// A spec file as diagnostics and origins name it: the path the loader was given.
fn shared(file: &Path) -> Arc<Path> {
    Arc::from(file)
}

/// `file` relative to the spec root's parent (`specs/losant/org.yaml`), with `/` separators,
/// so that what emitters write from it is the same on every machine.
fn relative(root: &Path, file: &Path) -> PathBuf {
    let base = root.parent().unwrap_or(root);
    let rel = file.strip_prefix(base).unwrap_or(file);
    PathBuf::from(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// A JSON value as a person writes it: strings unquoted.
fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Whether `name` is an HTTP header name (an RFC 9110 token).
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Whether `media` looks like a media type: `type/subtype`, optionally with parameters.
fn is_media_type(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or_default().trim();
    let Some((kind, sub)) = essence.split_once('/') else {
        return false;
    };
    [kind, sub].iter().all(|part| is_header_name(part))
        && media.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
}
