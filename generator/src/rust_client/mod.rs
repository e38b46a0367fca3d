//! The Rust client emitter: the IR to a formatted client crate.
//!
//! Two stages: [`plan`] decides every Rust name, type, file and cargo feature (reporting the
//! problems only Rust has, with their spec location), then [`emit`] turns the plan into token
//! streams, one function per kind of file. Identifiers reach `quote!` only as
//! [`names::RustIdent`], which is valid by construction.

pub mod emit;
pub mod names;
pub mod pattern;
pub mod plan;

use std::path::Path;

use crate::ir::Ir;
use crate::write::GeneratedFile;

/// Why the client could not be generated.
#[derive(Debug)]
pub enum ClientError {
    /// The specs have problems only the Rust client has (name clashes); every one is listed.
    Spec(crate::Diagnostics),
    /// A template is missing or the generator produced invalid code.
    Emit(emit::EmitError),
}

/// Every file of the client crate for `ir`, with the hand-written files from `templates`.
pub fn generate(ir: &Ir, templates: &Path) -> Result<Vec<GeneratedFile>, ClientError> {
    let plan = plan::plan(ir).map_err(ClientError::Spec)?;
    emit::generate(&plan, templates).map_err(ClientError::Emit)
}
