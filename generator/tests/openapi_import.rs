//! The OpenAPI importer on real documents and on one fixture per construct.

use std::path::{Path, PathBuf};

use generator::import::openapi::{Imported, import, write_dir};

/// `shared/reference/openapi/` of the workplace: the first ancestor of this crate that holds it
/// (the repository's parent in CI and in the main checkout, further up in a worktree).
fn reference_dir() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .map(|a| a.join("shared/reference/openapi"))
        .find(|p| p.is_dir())
        .unwrap_or_else(|| panic!("no shared/reference/openapi/ above {}", here.display()))
}

/// The four reference documents and the API names they are imported as.
const REFERENCE: &[(&str, &str)] = &[
    ("buildomat.json", "buildomat"),
    ("keeper.json", "keeper"),
    ("nexus.json", "nexus"),
    ("propolis-server.json", "propolis"),
];

fn import_reference(file: &str, name: &str) -> Imported {
    let path = reference_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    import(&text, &path, name).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Imports every reference document into `<temp>/specs/<name>/` and returns the temp folder and
/// the spec root. The lead's generate-and-compile test starts from here.
pub fn imported_reference_specs() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path().join("specs");
    for (file, name) in REFERENCE {
        let imported = import_reference(file, name);
        write_dir(&root.join(name), &imported).expect("write");
    }
    (temp, root)
}

#[test]
fn reference_documents_load_without_diagnostics() {
    let (_temp, root) = imported_reference_specs();
    if let Err(d) = generator::load::load_dir(&root) {
        panic!("the imported specs do not load:\n{d}");
    }
}

#[test]
#[ignore = "scratch"]
fn scratch_dump() {
    for (file, name) in REFERENCE {
        let imported = import_reference(file, name);
        let dir = Path::new("/tmp/imported").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        write_dir(&dir, &imported).unwrap();
        let report: Vec<String> = imported.report.iter().map(ToString::to_string).collect();
        std::fs::write(dir.with_extension("report"), report.join("\n")).unwrap();
    }
}
