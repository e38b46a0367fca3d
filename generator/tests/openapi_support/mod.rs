//! Helpers of the OpenAPI tests: IRs built in code (`ir.rs`), the real OpenAPI validator, the
//! reference documents.

pub mod ir;

use std::path::{Path, PathBuf};
use std::process::Command;

use generator::import::openapi::{Imported, import, write_dir};

pub use self::ir::*;

/// `shared/reference/openapi/` of the workplace: the first ancestor of this crate that holds it
/// (the repository's parent in CI and in the main checkout, further up in a worktree).
pub fn reference_dir() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .map(|a| a.join("shared/reference/openapi"))
        .find(|p| p.is_dir())
        .unwrap_or_else(|| panic!("no shared/reference/openapi/ above {}", here.display()))
}

/// The four reference documents and the API names they are imported as.
pub const REFERENCE: &[(&str, &str)] = &[
    ("buildomat.json", "buildomat"),
    ("keeper.json", "keeper"),
    ("nexus.json", "nexus"),
    ("propolis-server.json", "propolis"),
];

/// Imports the reference document `file` as the API `name`.
pub fn import_reference(file: &str, name: &str) -> Imported {
    let path = reference_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    import(&text, &path, name).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Imports every reference document into `<temp>/specs/<name>/` and returns the temp folder and
/// the spec root: one spec root holding the four APIs.
pub fn imported_reference_specs() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path().join("specs");
    for (file, name) in REFERENCE {
        let imported = import_reference(file, name);
        write_dir(&root.join(name), &imported).expect("write");
    }
    (temp, root)
}

/// How to install the validator, for messages.
const INSTALL: &str =
    "install it with `python3 -m pip install openapi-spec-validator==0.9.0` (.ci/run does)";

/// Runs the real OpenAPI validator (`openapi-spec-validator` from PyPI, installed by `.ci/run`,
/// run as `python3 -m openapi_spec_validator`) on `document`: `Some(Ok)` when it accepts it,
/// `Some(Err(output))` when it rejects it, `None` (after printing how to install it) when it is
/// not installed outside CI. In CI (`CI` set: the CI machine sets it, and `.ci/run` sets it for
/// a local run) a missing validator fails the test.
pub fn run_real_validator(label: &str, document: &serde_json::Value) -> Option<Result<(), String>> {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join(format!("{label}.openapi.json"));
    let text = serde_json::to_string_pretty(document).expect("JSON");
    std::fs::write(&file, text).expect("write");
    let output = Command::new("python3")
        .args(["-m", "openapi_spec_validator", "--validation-errors", "all"])
        .arg(&file)
        .output();
    let missing = |why: String| {
        if std::env::var_os("CI").is_some() {
            panic!("cannot run openapi-spec-validator ({why}): {INSTALL}");
        }
        eprintln!("SKIPPED: openapi-spec-validator cannot run ({why}); {INSTALL}");
        None
    };
    let output = match output {
        Ok(output) => output,
        Err(e) => return missing(format!("python3: {e}")),
    };
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    if said.contains("No module named openapi_spec_validator") {
        return missing("the module is not installed".into());
    }
    Some(if output.status.success() && said.contains(": OK") {
        Ok(())
    } else {
        Err(said)
    })
}

/// [`run_real_validator`], failing with the validator's output when it rejects `document`.
pub fn validate_with_real_validator(label: &str, document: &serde_json::Value) {
    if let Some(Err(said)) = run_real_validator(label, document) {
        panic!("openapi-spec-validator rejects the {label} document:\n{said}");
    }
}
