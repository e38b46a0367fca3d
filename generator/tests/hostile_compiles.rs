//! Specs with hostile-but-valid names and shapes generate code that compiles, passes clippy with
//! `-D warnings` and documents cleanly (rustdoc with `-D warnings`), as CI requires of the
//! checked-in crate.
//!
//! Checked this way (see `compile_support` for how and where the crates are built):
//! - `hostile/`: keywords, leading digits, non-ASCII letters, enum values equal after case
//!   folding, one-value enums of `''` and `0`, recursive models, 200-character names, a model
//!   used only in errors, an action without optional parameters, an API without API-wide
//!   parameters;
//! - every feature fixture that `generated_snapshots.rs` pins (and `pattern_names`), together
//!   in one crate (one API each): the shapes of issue 9, prelude names (`Clone`, `Option`, `Result`, `Box`, `Vec`,
//!   `String`, `Default` as action and model names, an action named `clone`, fields `type`,
//!   `self`, `3d`) and the shapes that once tripped clippy;
//! - one small spec per known name clash (`compile_*/`), with clippy.
//!
//! Doc examples are parsed with syn (`cargo check` and `cargo doc` skip them; CI compiles the
//! checked-in crate's with `cargo test`).
//!
//! The rule under test: a spec the validator accepts never yields a crate that does not
//! compile. A spec may instead be rejected with a located diagnostic.
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

pub mod compile_support;
pub mod support;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use compile_support::Verdict;
use generator::write::GeneratedFile;
use support::{fixture_root, try_generate};

/// Every fixture under `tests/fixtures/gen/` but `hostile` and the `compile_*` ones (checked on
/// their own): the feature fixtures that `generated_snapshots.rs` pins, and `pattern_names`.
/// Each holds one API folder named like itself; here they are compiled together.
fn feature_fixtures() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gen");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/gen")
        .map(|e| {
            e.expect("a fixture")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name != "hostile" && !name.starts_with("compile_"))
        .collect();
    names.sort();
    assert!(names.len() > 10, "only {names:?}");
    names
}

/// What clippy and rustdoc said about one generated crate.
struct Checked {
    /// Where the crate was written, for failure messages.
    krate: PathBuf,
    clippy: Verdict,
    /// Rustdoc runs only when clippy passed (a crate that does not compile cannot document).
    doc: Verdict,
}

/// Generates `spec_root` as the crate `name`, then runs clippy and rustdoc on it.
fn check_root(name: &str, spec_root: &Path) -> Checked {
    let files = try_generate(spec_root)
        .unwrap_or_else(|e| panic!("{} is meant to be valid:\n{e}", spec_root.display()));
    let krate = compile_support::write_crate(name, &files);
    let clippy = compile_support::clippy(&krate);
    let doc = match &clippy {
        Ok(()) => compile_support::doc(&krate),
        Err(_) => Err("not documented: clippy failed".into()),
    };
    Checked { krate, clippy, doc }
}

/// `tests/fixtures/gen/hostile`, generated and checked once for all tests here.
fn hostile() -> &'static Checked {
    static CHECKED: OnceLock<Checked> = OnceLock::new();
    CHECKED.get_or_init(|| check_root("hostile", &fixture_root("hostile")))
}

/// Every feature fixture, copied into one spec root (one API each), generated and checked once.
fn features() -> &'static Checked {
    static CHECKED: OnceLock<Checked> = OnceLock::new();
    CHECKED.get_or_init(|| {
        let names = feature_fixtures();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let specs = compile_support::combined_fixtures(&names);
        check_root("features", &specs.path().join("specs"))
    })
}

fn assert_clippy_passes(name: &str, checked: &Checked) {
    if let Err(stderr) = &checked.clippy {
        panic!(
            "clippy -D warnings fails on the crate generated from {name} ({}), written to {}:\n{}",
            compile_support::lint_summary(stderr),
            checked.krate.display(),
            compile_support::head(stderr, 300)
        );
    }
}

/// Rustdoc runs with `-D warnings` in CI: intra-doc links must resolve, prose must be escaped.
fn assert_docs_build(name: &str, checked: &Checked) {
    assert_clippy_passes(name, checked);
    if let Err(stderr) = &checked.doc {
        panic!(
            "cargo doc (RUSTDOCFLAGS=-D warnings) fails on the crate generated from {name}, \
             written to {}:\n{}",
            checked.krate.display(),
            compile_support::head(stderr, 300)
        );
    }
}

#[test]
fn hostile_spec_passes_clippy() {
    assert_clippy_passes("tests/fixtures/gen/hostile", hostile());
}

#[test]
fn hostile_spec_docs_build() {
    assert_docs_build("tests/fixtures/gen/hostile", hostile());
}

#[test]
fn feature_fixtures_pass_clippy() {
    assert_clippy_passes("the feature fixtures", features());
}

#[test]
fn feature_fixtures_docs_build() {
    assert_docs_build("the feature fixtures", features());
}

// ---------------------------------------------------------------------------------------------
// Doc examples: the generated ```no_run blocks must be valid Rust. `cargo check` does not
// compile them and `cargo test --doc` needs a full build, so they are parsed with syn. (The
// checked-in crate's are compiled by `cargo test --workspace`.)

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
fn feature_doc_examples_parse() {
    let mut bad = Vec::new();
    for name in feature_fixtures() {
        let files = try_generate(&fixture_root(&name)).expect("the fixture generates");
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
    let files = try_generate(&fixture_root("hostile")).expect("the fixture generates");
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
    let files = match try_generate(&root) {
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
    let krate = compile_support::write_crate(fixture, &files);
    if let Err(stderr) = compile_support::clippy(&krate) {
        panic!(
            "{fixture}: the spec is accepted but the generated crate fails clippy -D warnings \
             ({}):\n{}",
            compile_support::lint_summary(&stderr),
            compile_support::head(&stderr, 200)
        );
    }
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
