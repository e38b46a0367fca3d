//! `check_crate` (what `cargo xtask codegen --check` runs) reports exactly the drift between
//! the specs and a written crate, and the real `cargo xtask codegen` command behaves.
//!
//! The drift mechanics run on a small API (`tests/fixtures/drift/shop/`), which generates in a
//! fraction of a second; the checked-in tree (the whole Losant API) is checked once, by the real
//! command.
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

pub mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use generator::write::{Drift, check_crate, write_crate};
use support::{generate, workspace};
use tempfile::TempDir;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a copy dir");
    for entry in std::fs::read_dir(from).expect("read a dir to copy") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// The spec root of the drift tests: one small API, `shop`.
fn drift_specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/drift")
}

/// A copy of the drift specs (in a folder named `specs`, as in a checkout, so that headers name
/// `specs/shop/...`) and a crate written from it.
struct Setup {
    _specs_dir: TempDir,
    specs: PathBuf,
    out_dir: TempDir,
}

impl Setup {
    fn new() -> Self {
        let specs_dir = tempfile::tempdir().expect("temp dir");
        let specs = specs_dir.path().join("specs");
        copy_dir(&drift_specs(), &specs);
        let out_dir = tempfile::tempdir().expect("temp dir");
        let files = generate(&specs);
        write_crate(out_dir.path(), &files).expect("write the crate");
        Self {
            _specs_dir: specs_dir,
            specs,
            out_dir,
        }
    }

    fn out(&self) -> &Path {
        self.out_dir.path()
    }

    fn edit(&self, spec: &str, edit: impl FnOnce(String) -> String) {
        let path = self.specs.join(spec);
        let text = std::fs::read_to_string(&path).expect("read a spec");
        let edited = edit(text.clone());
        assert_ne!(text, edited, "the edit of {spec} changed nothing");
        std::fs::write(&path, edited).expect("write a spec");
    }

    fn drift(&self) -> Vec<Drift> {
        check_crate(self.out(), &generate(&self.specs)).expect("check the crate")
    }
}

fn path_of(drift: &Drift) -> &Path {
    match drift {
        Drift::Missing(p) | Drift::Changed(p, _) | Drift::Stale(p) => p,
    }
}

/// `Missing`/`Changed`/`Stale` and the path of each drift, sorted, for exact comparisons.
fn summary(drift: &[Drift]) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = drift
        .iter()
        .map(|d| {
            let kind = match d {
                Drift::Missing(_) => "Missing",
                Drift::Changed(..) => "Changed",
                Drift::Stale(_) => "Stale",
            };
            (kind, path_of(d).to_string_lossy().replace('\\', "/"))
        })
        .collect();
    out.sort();
    out
}

fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for entry in std::fs::read_dir(dir.join(&rel)).expect("read a dir") {
            let entry = entry.expect("dir entry");
            let rel_path = rel.join(entry.file_name());
            if entry.file_type().expect("file type").is_dir() {
                stack.push(rel_path);
            } else {
                out.insert(rel_path, std::fs::read(entry.path()).expect("read a file"));
            }
        }
    }
    out
}

const OLD_SUMMARY: &str = "summary: Deletes an order\n";
const NEW_SUMMARY: &str = "summary: Deletes an order and everything in it\n";

#[test]
fn a_freshly_written_crate_has_no_drift() {
    let setup = Setup::new();
    let drift = setup.drift();
    assert!(drift.is_empty(), "unexpected drift: {:#?}", summary(&drift));
}

#[test]
fn a_changed_summary_changes_only_its_resource_and_action_files() {
    let setup = Setup::new();
    setup.edit("shop/orders.yaml", |text| {
        assert_eq!(text.matches(OLD_SUMMARY).count(), 1, "orders.yaml changed");
        text.replace(OLD_SUMMARY, NEW_SUMMARY)
    });
    let before = tree(setup.out());
    let drift = setup.drift();
    assert_eq!(tree(setup.out()), before, "check_crate must not write");
    assert_eq!(
        summary(&drift),
        [
            // The resource's docs list each action's summary; the other resource, the models
            // and the crate files name only their own spec files, so they stay unchanged.
            ("Changed", "src/shop/orders.rs".to_owned()),
            ("Changed", "src/shop/orders/delete.rs".to_owned()),
        ]
    );
    let Drift::Changed(_, diff) = &drift[0] else {
        unreachable!()
    };
    let (old, new) = ("Deletes an order", "and everything in it");
    let lines: Vec<&str> = diff.lines().map(str::trim_start).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with('-') && l.contains(old) && !l.contains(new)),
        "the diff lacks the old summary:\n{diff}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with('+') && l.contains(old) && l.contains(new)),
        "the diff lacks the new summary:\n{diff}"
    );
    assert!(
        diff.contains("on disk") && diff.contains("from the specs"),
        "the diff says which side is which:\n{diff}"
    );
    let shown = drift
        .iter()
        .map(ToString::to_string)
        .find(|d| d.contains("src/shop/orders.rs"))
        .unwrap_or_default();
    assert!(
        shown.contains("src/shop/orders.rs") && shown.contains(new),
        "Display names the file and shows the diff:\n{shown}"
    );
}

#[test]
fn a_new_resource_is_missing() {
    let setup = Setup::new();
    std::fs::write(
        setup.specs.join("shop/widgets.yaml"),
        "resource:
  name: widgets
  title: Widgets
  path: /widgets
  actions:
    - name: delete
      summary: Deletes every widget
      method: DELETE
      scopes: [widgets.delete]
      responses:
        204: {description: Deleted}
      errors:
        400: {model: error, description: Error if malformed request}
",
    )
    .expect("write a new resource");
    let drift = setup.drift();
    assert_eq!(
        summary(&drift),
        [
            // The resource's cargo feature (which enables the models it uses).
            ("Changed", "Cargo.toml".to_owned()),
            // The crate docs count resources and actions per API.
            ("Changed", "README.md".to_owned()),
            // The module list, the accessor, and the header (every resource file).
            // The mock's module list and its server's route for the resource.
            ("Changed", "src/shop/mock/mod.rs".to_owned()),
            ("Changed", "src/shop/mod.rs".to_owned()),
            ("Missing", "src/shop/mock/widgets.rs".to_owned()),
            ("Missing", "src/shop/widgets.rs".to_owned()),
            ("Missing", "src/shop/widgets/delete.rs".to_owned()),
        ]
    );
}

#[test]
fn an_added_then_removed_model_is_missing_then_stale() {
    let setup = Setup::new();
    let unused = "  unusedThing:\n    type: object\n    properties:\n      name: {type: string}\n";
    setup.edit("shop/models.yaml", |text| format!("{text}{unused}"));
    assert_eq!(
        summary(&setup.drift()),
        [
            // The model's file gets a cargo feature of its own.
            ("Changed", "Cargo.toml".to_owned()),
            ("Changed", "src/shop/models/mod.rs".to_owned()),
            ("Missing", "src/shop/models/unused_thing.rs".to_owned()),
        ]
    );

    // Write it, then remove the model from the specs again.
    write_crate(setup.out(), &generate(&setup.specs)).expect("write the crate");
    assert!(setup.drift().is_empty());
    setup.edit("shop/models.yaml", |text| text.replace(unused, ""));
    assert_eq!(
        summary(&setup.drift()),
        [
            ("Changed", "Cargo.toml".to_owned()),
            ("Changed", "src/shop/models/mod.rs".to_owned()),
            ("Stale", "src/shop/models/unused_thing.rs".to_owned()),
        ]
    );
    let report = write_crate(setup.out(), &generate(&setup.specs)).expect("write the crate");
    assert_eq!(
        report.removed,
        [PathBuf::from("src/shop/models/unused_thing.rs")]
    );
    assert_eq!(
        report.written,
        [
            PathBuf::from("Cargo.toml"),
            PathBuf::from("src/shop/models/mod.rs")
        ]
    );
    assert!(setup.drift().is_empty());
}

#[test]
fn extra_generated_files_are_stale_and_removed_others_are_kept() {
    let setup = Setup::new();
    let marked = "// @generated by `cargo xtask codegen` from:\n//   specs/shop/gone.yaml\n\npub struct Gone;\n";
    let stale = setup.out().join("src/shop/gone.rs");
    std::fs::write(&stale, marked).expect("write a stale file");
    // Not generated (no marker), or in folders the check skips: left alone.
    let handwritten = setup.out().join("src/shop/handwritten.rs");
    std::fs::write(&handwritten, "pub struct Mine;\n").expect("write a hand-written file");
    for skipped in ["target/debug/gone.rs", ".git/gone.rs"] {
        let path = setup.out().join(skipped);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create a dir");
        std::fs::write(&path, marked).expect("write a skipped file");
    }

    assert_eq!(
        summary(&setup.drift()),
        [("Stale", "src/shop/gone.rs".to_owned())]
    );
    let report = write_crate(setup.out(), &generate(&setup.specs)).expect("write the crate");
    assert_eq!(report.removed, [PathBuf::from("src/shop/gone.rs")]);
    assert!(report.written.is_empty(), "rewritten: {:?}", report.written);
    assert!(!stale.exists(), "the stale file is removed");
    assert!(handwritten.exists(), "a file without the marker is kept");
    assert!(setup.out().join("target/debug/gone.rs").exists());
    assert!(setup.out().join(".git/gone.rs").exists());
    assert!(setup.drift().is_empty());
}

#[test]
fn a_modified_generated_file_is_changed_and_restored() {
    let setup = Setup::new();
    let path = setup.out().join("src/shop/models/order.rs");
    let original = std::fs::read_to_string(&path).expect("read a generated file");
    std::fs::write(&path, format!("{original}\n// a hand edit\n")).expect("edit a generated file");
    std::fs::remove_file(setup.out().join("src/runtime/retry.rs")).expect("remove a copy");
    assert_eq!(
        summary(&setup.drift()),
        [
            ("Changed", "src/shop/models/order.rs".to_owned()),
            ("Missing", "src/runtime/retry.rs".to_owned()),
        ]
    );
    write_crate(setup.out(), &generate(&setup.specs)).expect("write the crate");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read again"),
        original
    );
    assert!(setup.drift().is_empty());
}

// ---------------------------------------------------------------------------------------------
// The real command.

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .args(["run", "-q", "-p", "xtask", "--"])
        .args(args)
        .current_dir(workspace())
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo xtask {args:?}: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn xtask_check_passes_on_the_checked_in_tree() {
    let output = xtask(&["codegen", "--check"]);
    assert!(
        output.status.success(),
        "`cargo xtask codegen --check` failed: generated-client/ is out of date with specs/ \
         (or the command broke)\nstdout:\n{}\nstderr:\n{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    assert!(
        text(&output.stdout).contains("is up to date"),
        "stdout:\n{}",
        text(&output.stdout)
    );
}

#[test]
fn xtask_check_fails_on_drift_and_stale_files_and_changes_nothing() {
    let setup = Setup::new();
    setup.edit("shop/orders.yaml", |text| {
        text.replace(OLD_SUMMARY, NEW_SUMMARY)
    });
    let stale = setup.out().join("src/shop/gone.rs");
    std::fs::write(
        &stale,
        "// @generated by `cargo xtask codegen` from:\n//   specs/shop/gone.yaml\n",
    )
    .expect("write a stale file");
    let before = tree(setup.out());
    let specs = setup.specs.to_str().expect("UTF-8 temp path");
    let out = setup.out().to_str().expect("UTF-8 temp path");
    let output = xtask(&["codegen", "--check", "--specs", specs, "--out", out]);
    let stderr = text(&output.stderr);
    assert!(!output.status.success(), "--check passed despite drift");
    assert!(
        stderr.contains("changed: src/shop/orders.rs") && stderr.contains("and everything in it"),
        "stderr names the changed file and shows the diff:\n{stderr}"
    );
    assert!(
        stderr.contains("no longer generated: src/shop/gone.rs"),
        "stderr names the stale file:\n{stderr}"
    );
    assert_eq!(tree(setup.out()), before, "--check must not write");

    // Without --check, the command rewrites the changed files and removes the stale one.
    let output = xtask(&["codegen", "--specs", specs, "--out", out]);
    let stdout = text(&output.stdout);
    assert!(
        output.status.success(),
        "codegen failed:\n{}",
        text(&output.stderr)
    );
    assert!(
        stdout.contains("wrote src/shop/orders.rs") && stdout.contains("removed src/shop/gone.rs"),
        "stdout lists what changed:\n{stdout}"
    );
    assert!(!stale.exists(), "the stale file is removed");
    assert!(setup.drift().is_empty());
}

#[test]
fn xtask_reports_a_broken_spec_and_writes_nothing() {
    let specs_dir = tempfile::tempdir().expect("temp dir");
    let specs = specs_dir.path().join("specs");
    copy_dir(&drift_specs(), &specs);
    let orders = specs.join("shop/orders.yaml");
    let original = std::fs::read_to_string(&orders).expect("read orders.yaml");
    let broken = original.replacen(OLD_SUMMARY, "sumary: Deletes an order\n", 1);
    assert_ne!(original, broken);
    std::fs::write(&orders, &broken).expect("write orders.yaml");
    // Where the misspelt key is: 1-based line and column.
    let (line, col) = broken
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("sumary:").map(|c| (i + 1, c + 1)))
        .expect("the broken key");

    let out_dir = tempfile::tempdir().expect("temp dir");
    let out = out_dir.path().join("crate");
    let output = xtask(&[
        "codegen",
        "--specs",
        specs.to_str().expect("UTF-8 temp path"),
        "--out",
        out.to_str().expect("UTF-8 temp path"),
    ]);
    let stderr = text(&output.stderr);
    assert!(
        !output.status.success(),
        "codegen succeeded on a broken spec:\n{stderr}"
    );
    let location = format!("{}:{line}:{col}", orders.display());
    assert!(
        stderr.contains(&location),
        "stderr lacks the location {location}:\n{stderr}"
    );
    assert!(
        stderr.contains("sumary") && stderr.contains("summary"),
        "stderr names the key and suggests the right one:\n{stderr}"
    );
    assert!(!out.exists(), "the out dir was created");
    assert_eq!(
        std::fs::read_dir(out_dir.path()).expect("read").count(),
        0,
        "something was written"
    );
}
