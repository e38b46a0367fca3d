//! Helpers shared by the test files that `pub mod support;` them (public, so that a test file
//! that uses only some of them gets no dead-code warnings).

pub mod ir_text;

use std::path::{Path, PathBuf};

use generator::write::GeneratedFile;

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator crate lives in the workspace")
        .to_path_buf()
}

/// The spec root of the fixture `tests/fixtures/gen/<name>/`.
pub fn fixture_root(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/gen")
        .join(name)
}

/// Generates the crate of the spec root `specs` with the workspace's templates.
pub fn try_generate(specs: &Path) -> Result<Vec<GeneratedFile>, generator::GenerateError> {
    generator::generate(specs, &workspace().join("templates"))
}

/// [`try_generate`] for specs meant to be valid: panics with every diagnostic when they are not.
pub fn generate(specs: &Path) -> Vec<GeneratedFile> {
    match try_generate(specs) {
        Ok(files) => files,
        Err(e) => panic!("generating from {} failed:\n{e}", specs.display()),
    }
}
