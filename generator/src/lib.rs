//! The generator: YAML specs in, a formatted Rust client crate out.
//!
//! The pipeline, one folder per stage:
//! 1. [`load`]: YAML files to typed spec values, every problem located;
//! 2. [`validate`]: spec values to the [`ir`], with every cross-file check;
//! 3. [`emit`]: the IR to token streams, one module per concern;
//! 4. [`write`]: format with prettyplease, add headers, write or compare.

pub mod diagnostics;
pub mod load;

pub use diagnostics::{Diagnostic, Diagnostics, Pos};
pub mod ir;
pub mod validate;

use std::path::Path;

/// Loads and validates every API under `root` (e.g. `specs/`).
pub fn load_and_validate(root: &Path) -> Result<ir::Ir, Diagnostics> {
    let apis = load::load_dir(root)?;
    validate::validate(root, &apis)
}
