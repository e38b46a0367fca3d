//! Specs with hostile-but-valid names and shapes generate code that compiles.
//!
//! Each spec root under `tests/fixtures/gen/` is generated into `<tempdir>/crate`, made its own
//! workspace (an empty `[workspace]` table, the workspace's `Cargo.lock` so versions match)
//! and checked with `cargo check --offline`. `CARGO_TARGET_DIR` is `target/hostile-check` of
//! the workspace: a directory of its own, so these builds never wait for the main build's lock,
//! and dependencies compile once (a minute or two) and are reused by later runs (seconds).
//!
//! Checked this way: `hostile/` (keywords, leading digits, non-ASCII letters, enum values equal
//! after case folding, empty enums, recursive models, 200-character names, a model used only
//! in errors, an action without optional parameters, an API without API-wide parameters), the
//! feature fixtures together (one API each), and one small spec per known name clash
//! (`compile_*/`). Each crate is also documented (`cargo doc --no-deps`; rustdoc lints must
//! stay quiet) and must not warn. Doc examples are parsed with syn (`cargo check` skips them).
//!
//! The rule under test: a spec the validator accepts never yields a crate that does not
//! compile. A spec may instead be rejected with a located diagnostic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use generator::write::GeneratedFile;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator crate lives in the workspace")
        .to_path_buf()
}

fn fixture_root(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/gen")
        .join(name)
}

/// The feature fixtures that `generated_snapshots.rs` pins; here they are compiled together.
const FEATURES: &[&str] = &[
    "enums",
    "errors",
    "keywords",
    "nested_arrays",
    "one_of",
    "optional_required",
    "pagination",
    "params",
];

/// What cargo said about one generated crate.
struct Checked {
    /// `cargo check` succeeded.
    check_ok: bool,
    check_stderr: String,
    /// `cargo doc --no-deps` succeeded (when it ran: after a passing check, if asked).
    doc_ok: bool,
    doc_stderr: String,
}

fn generate(spec_root: &Path) -> Result<Vec<GeneratedFile>, generator::GenerateError> {
    generator::generate(spec_root, &workspace().join("templates"))
}

fn cargo(krate: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO"));
    command
        .args(args)
        .current_dir(krate)
        .env("CARGO_TARGET_DIR", workspace().join("target/hostile-check"))
        // The outer build's flags would change the fingerprints of the shared dependencies
        // (rebuilding them) and their lint levels; warnings are asserted explicitly instead.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("RUSTDOCFLAGS")
        .env_remove("CARGO_ENCODED_RUSTDOCFLAGS");
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo {args:?}: {e}"))
}

/// Writes `files` as a standalone crate under `dir/crate` and returns its path.
fn write_standalone_crate(dir: &Path, files: &[GeneratedFile]) -> PathBuf {
    let krate = dir.join("crate");
    generator::write::write_crate(&krate, files).expect("write the generated crate");
    let manifest_path = krate.join("Cargo.toml");
    let mut manifest = std::fs::read_to_string(&manifest_path).expect("generated Cargo.toml");
    assert!(
        manifest.contains("name = \"generated-client\""),
        "the package keeps its name:\n{manifest}"
    );
    manifest.push_str("\n# Added by hostile_compiles.rs: its own workspace.\n[workspace]\n");
    std::fs::write(&manifest_path, manifest).expect("patch Cargo.toml");
    std::fs::copy(workspace().join("Cargo.lock"), krate.join("Cargo.lock")).expect("Cargo.lock");
    krate
}

/// Writes `files` into a temporary crate and runs `cargo check` on it, then `cargo doc` when
/// `with_docs` and the check passed.
fn check_files(files: &[GeneratedFile], with_docs: bool) -> Checked {
    let dir = tempfile::tempdir().expect("temp dir");
    let krate = write_standalone_crate(dir.path(), files);
    let check = cargo(&krate, &["check", "--offline", "--quiet"]);
    let check_ok = check.status.success();
    let (doc_ok, doc_stderr) = if check_ok && with_docs {
        let doc = cargo(&krate, &["doc", "--offline", "--quiet", "--no-deps"]);
        (
            doc.status.success(),
            String::from_utf8_lossy(&doc.stderr).into_owned(),
        )
    } else {
        (false, String::new())
    };
    Checked {
        check_ok,
        check_stderr: String::from_utf8_lossy(&check.stderr).into_owned(),
        doc_ok,
        doc_stderr,
    }
}

fn check_root(spec_root: &Path) -> Checked {
    match generate(spec_root) {
        Ok(files) => check_files(&files, true),
        Err(e) => panic!("{} is meant to be valid:\n{e}", spec_root.display()),
    }
}

/// `tests/fixtures/gen/hostile`, generated and checked once for all tests here.
fn hostile() -> &'static Checked {
    static CHECKED: OnceLock<Checked> = OnceLock::new();
    CHECKED.get_or_init(|| check_root(&fixture_root("hostile")))
}

/// Every feature fixture, copied into one spec root (one API each), generated and checked once.
fn features() -> &'static Checked {
    static CHECKED: OnceLock<Checked> = OnceLock::new();
    CHECKED.get_or_init(|| {
        let specs = tempfile::tempdir().expect("temp dir");
        let root = specs.path().join("specs");
        for feature in FEATURES {
            let from = fixture_root(feature).join(feature);
            let to = root.join(feature);
            std::fs::create_dir_all(&to).expect("spec copy");
            for entry in std::fs::read_dir(&from).expect("fixture folder") {
                let entry = entry.expect("fixture file");
                std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy a spec");
            }
        }
        check_root(&root)
    })
}

fn has_warnings(stderr: &str) -> bool {
    stderr.lines().any(|l| l.starts_with("warning"))
}

fn assert_compiles(name: &str, checked: &Checked) {
    assert!(
        checked.check_ok,
        "cargo check failed on the crate generated from {name}:\n{}",
        checked.check_stderr
    );
}

/// Generated code is compiled with `-D warnings` in CI; it must not warn.
fn assert_no_warnings(name: &str, checked: &Checked) {
    assert!(
        !has_warnings(&checked.check_stderr),
        "the crate generated from {name} warns:\n{}",
        checked.check_stderr
    );
}

/// Rustdoc runs with `-D warnings` in CI: intra-doc links must resolve, prose must be escaped.
fn assert_docs_build(name: &str, checked: &Checked) {
    assert_compiles(name, checked);
    let rustdoc_lints = checked
        .doc_stderr
        .lines()
        .any(|l| l.contains("rustdoc::") || l.starts_with("error"));
    assert!(
        checked.doc_ok && !rustdoc_lints,
        "cargo doc complains about the crate generated from {name}:\n{}",
        checked.doc_stderr
    );
}

#[test]
fn hostile_spec_compiles() {
    assert_compiles("tests/fixtures/gen/hostile", hostile());
}

#[test]
fn hostile_spec_compiles_without_warnings() {
    assert_no_warnings("tests/fixtures/gen/hostile", hostile());
}

#[test]
fn hostile_spec_docs_build() {
    assert_docs_build("tests/fixtures/gen/hostile", hostile());
}

#[test]
fn feature_fixtures_compile() {
    assert_compiles("the feature fixtures", features());
}

#[test]
fn feature_fixtures_compile_without_warnings() {
    assert_no_warnings("the feature fixtures", features());
}

#[test]
fn feature_fixtures_docs_build() {
    assert_docs_build("the feature fixtures", features());
}

// ---------------------------------------------------------------------------------------------
// Doc examples: the generated ```no_run blocks must be valid Rust. `cargo check` does not
// compile them and `cargo test --doc` needs a full build, so they are parsed with syn.

/// Each ```` ```no_run ```` block of `file` as Rust source (hidden `# ` lines included), with
/// the line it starts on.
fn doc_examples(file: &GeneratedFile) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in file.contents.lines().enumerate() {
        let Some(doc) = line.trim_start().strip_prefix("///") else {
            continue;
        };
        let doc = doc.strip_prefix(' ').unwrap_or(doc);
        match &mut current {
            None if doc.starts_with("```no_run") => current = Some((i + 1, String::new())),
            None => {}
            Some(_) if doc.starts_with("```") => out.extend(current.take()),
            Some((_, code)) => {
                let code_line = match doc {
                    "#" => "",
                    _ => doc.strip_prefix("# ").unwrap_or(doc),
                };
                code.push_str(code_line);
                code.push('\n');
            }
        }
    }
    out
}

fn unparsable_examples(files: &[GeneratedFile]) -> Vec<String> {
    let mut bad = Vec::new();
    let mut seen = 0;
    for file in files {
        for (line, code) in doc_examples(file) {
            seen += 1;
            if let Err(e) = syn::parse_file(&code) {
                bad.push(format!("{}:{line}: {e}\n{code}", file.path.display()));
            }
        }
    }
    assert!(seen > 0, "no doc examples found");
    bad
}

#[test]
fn checked_in_doc_examples_parse() {
    let files = generate(&workspace().join("specs")).expect("the checked-in specs generate");
    let bad = unparsable_examples(&files);
    assert!(
        bad.is_empty(),
        "doc examples that are not Rust:\n{}",
        bad.join("\n")
    );
}

#[test]
fn feature_doc_examples_parse() {
    let mut bad = Vec::new();
    for name in FEATURES {
        let files = generate(&fixture_root(name)).expect("the fixture generates");
        bad.extend(unparsable_examples(&files));
    }
    assert!(
        bad.is_empty(),
        "doc examples that are not Rust:\n{}",
        bad.join("\n")
    );
}

#[test]
fn hostile_doc_examples_parse() {
    let files = generate(&fixture_root("hostile")).expect("the fixture generates");
    let bad = unparsable_examples(&files);
    assert!(
        bad.is_empty(),
        "doc examples that are not Rust:\n{}",
        bad.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Names that collide with what the generated code itself uses. Each spec is valid by the
// README; the generator must rename (or reject it with a diagnostic), never emit broken code.

fn assert_compiles_or_rejected(fixture: &str) {
    let root = fixture_root(fixture);
    let files = match generate(&root) {
        Ok(files) => files,
        Err(generator::GenerateError::Spec(diagnostics)) => {
            let text = diagnostics.to_string();
            assert!(
                text.contains(".yaml:"),
                "{fixture}: rejected without a location:\n{text}"
            );
            return;
        }
        Err(e) => panic!("{fixture}: {e}"),
    };
    let checked = check_files(&files, false);
    assert!(
        checked.check_ok,
        "{fixture}: the spec is accepted but the generated crate does not compile:\n{}",
        checked.check_stderr
    );
}

/// An API named `type`: the module must be `r#type` (or renamed) in a folder named `type`
/// (not `src/r#type/`), and the cargo feature name must be valid (`r#type = []` is not).
#[test]
fn api_named_like_a_keyword() {
    assert_compiles_or_rejected("compile_api_keyword");
}

/// A resource named `std`: `pub mod std;` in the API module makes `use std::sync::Arc;`
/// there ambiguous (E0659).
#[test]
fn resource_named_like_a_crate() {
    assert_compiles_or_rejected("compile_resource_std");
}

/// Actions `response`, `error`, `client`, `statusCode`: builder types `Response`, `Error`,
/// `Client`, `StatusCode` clash with the resource module's imports (E0255).
#[test]
fn actions_named_like_imported_types() {
    assert_compiles_or_rejected("compile_action_shadows_import");
}

/// An inline shape with `name: String` becomes `pub struct String` in the models module and
/// shadows `std::string::String` for every field of that file.
#[test]
fn inline_shape_named_like_a_std_type() {
    assert_compiles_or_rejected("compile_inline_name_std");
}
