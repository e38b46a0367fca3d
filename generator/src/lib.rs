//! The generator: YAML specs in, a formatted Rust client crate out (and OpenAPI documents, and
//! specs imported from published API descriptions).
//!
//! The pipeline, one folder per stage:
//! 1. [`load`]: YAML files to typed spec values, every problem located;
//! 2. [`validate`]: spec values to the neutral [`ir`], with every cross-file check;
//! 3. one folder per emitter: [`rust_client`] (the client crate), [`rust_mock`] (its typed
//!    mock server), [`openapi`] (OpenAPI 3.1 documents);
//! 4. [`write`]: format with prettyplease, add headers, write or compare.
//!
//! [`import`] goes the other way: published descriptions (Losant's docs, OpenAPI 3.0/3.1) to
//! spec folders.

pub mod diagnostics;
pub mod import;
pub mod ir;
pub mod load;
pub mod openapi;
pub mod rust_client;
pub mod rust_mock;
pub mod validate;
pub mod write;

use std::path::Path;

pub use diagnostics::{Diagnostic, Diagnostics, Pos};

/// Loads and validates every API under `root` (e.g. `specs/`): the IR, or every problem found.
///
/// Validation runs on every file that loaded, so that one run reports the problems of every
/// file; what failed to load is left out of validation quietly (see [`validate`]).
pub fn load_and_validate(root: &Path) -> Result<ir::Ir, Diagnostics> {
    let loaded = load::load_specs(root);
    let (ir, found) = validate::validate(root, &loaded.apis);
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(found);
    match ir {
        Some(ir) if diagnostics.is_empty() => Ok(ir),
        _ => Err(diagnostics),
    }
}

/// Runs the whole pipeline: load, validate and emit every file of the client crate.
pub fn generate(
    specs: &Path,
    templates: &Path,
) -> Result<Vec<write::GeneratedFile>, GenerateError> {
    let ir = load_and_validate(specs).map_err(GenerateError::Spec)?;
    rust_client::generate(&ir, templates).map_err(|e| match e {
        rust_client::ClientError::Spec(d) => GenerateError::Spec(d),
        rust_client::ClientError::Emit(e) => GenerateError::Emit(e),
    })
}

/// Why generation failed.
#[derive(Debug)]
pub enum GenerateError {
    /// The specs have problems; every one is listed.
    Spec(Diagnostics),
    /// A template is missing or the generator produced invalid code.
    Emit(rust_client::emit::EmitError),
}

impl std::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GenerateError::Spec(d) => d.fmt(f),
            GenerateError::Emit(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for GenerateError {}
