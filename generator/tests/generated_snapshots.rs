//! Pins the generator's output.
//!
//! - One small spec root per feature under `tests/fixtures/gen/<feature>/<api>/` (the shapes of
//!   issue 9 each have one: `responses`, `unions`, `auth`, `parameters`, `bodies`, `events`,
//!   `pagination`, `names`; `lints` holds the shapes that once tripped clippy): every file of
//!   the API's module (`src/<api>/**`) and the list of those files, as insta snapshots.
//!   `hostile_compiles.rs` compiles the same fixtures with clippy and rustdoc.
//! - The checked-in specs (the whole Losant API, some 865 files) are not snapshotted: the
//!   checked-in `generated-client/` and `cargo xtask codegen --check` pin them. Facts about
//!   them are asserted instead: the files are sorted and unique, the runtime and examples are
//!   verbatim template copies, and every header names spec files that exist.
//!
//! All snapshots of a test are compared before it fails, so one run shows every changed file.
//! Review changes with `cargo insta review` (or `INSTA_UPDATE=always`, then read the `.snap`
//! files).
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failed expectation panics"
)]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use generator::write::GeneratedFile;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator crate lives in the workspace")
        .to_path_buf()
}

fn fixture_root(feature: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/gen")
        .join(feature)
}

fn generate(specs: &Path) -> Vec<GeneratedFile> {
    match generator::generate(specs, &workspace().join("templates")) {
        Ok(files) => files,
        Err(e) => panic!("generating from {} failed:\n{e}", specs.display()),
    }
}

/// `src/losant/org.rs` -> `checked_in__src__losant__org.rs`.
fn snapshot_name(prefix: &str, path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("{prefix}__{}", parts.join("__"))
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The template a generated file is a verbatim copy of (relative to the workspace), if any.
fn template_of(path: &Path) -> Option<String> {
    let path = slash_path(path);
    if let Some(rest) = path.strip_prefix("src/runtime/") {
        Some(format!("templates/src/runtime/{rest}"))
    } else if let Some(rest) = path.strip_prefix("src/mock/") {
        Some(format!("templates/src/mock/{rest}"))
    } else {
        path.strip_prefix("examples/")
            .map(|rest| format!("templates/crate/examples/{rest}"))
    }
}

/// Snapshots each file under `prefix__<path>`, then fails once, naming every mismatch.
fn assert_snapshots(prefix: &str, files: &[&GeneratedFile]) {
    assert!(!files.is_empty(), "nothing to snapshot");
    let mut failed = Vec::new();
    for file in files {
        let name = snapshot_name(prefix, &file.path);
        let path = slash_path(&file.path);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            // The path is the snapshot's `expression`, shown by `cargo insta review`.
            insta::assert_snapshot!(name.as_str(), file.contents, path.as_str());
        }));
        if outcome.is_err() {
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} snapshots differ (run `cargo insta review`): {failed:#?}",
        failed.len(),
        files.len()
    );
}

// ---------------------------------------------------------------------------------------------
// The checked-in specs.

/// The checked-in specs, generated once for every test here (seconds in a debug build).
fn checked_in() -> &'static [GeneratedFile] {
    static FILES: OnceLock<Vec<GeneratedFile>> = OnceLock::new();
    FILES.get_or_init(|| generate(&workspace().join("specs")))
}

#[test]
fn checked_in_files_are_sorted_and_unique() {
    let files = checked_in();
    let mut paths: Vec<String> = files.iter().map(|f| slash_path(&f.path)).collect();
    let generated_order = paths.clone();
    paths.sort();
    assert_eq!(generated_order, paths, "generate() returns files sorted");
    let mut unique = paths.clone();
    unique.dedup();
    assert_eq!(unique, paths, "a path is generated twice");
    for expected in ["Cargo.toml", "README.md", "src/lib.rs", "src/losant/mod.rs"] {
        assert!(paths.iter().any(|p| p == expected), "no {expected}");
    }
}

#[test]
fn checked_in_copies_equal_their_templates() {
    let files = checked_in();
    let root = workspace();
    let mut copied = Vec::new();
    for file in files {
        let Some(template) = template_of(&file.path) else {
            continue;
        };
        let expected_text = std::fs::read_to_string(root.join(&template)).unwrap_or_else(|e| {
            panic!(
                "{} is generated but {template} is unreadable: {e}",
                file.path.display()
            )
        });
        let header = format!(
            "// @generated by `cargo xtask codegen`, copied from {template}.\n\
             // Do not edit: edit {template} and run `cargo xtask codegen`.\n\n"
        );
        let Some(body) = file.contents.strip_prefix(&header) else {
            panic!(
                "{} does not start with the copy header:\n{header}\nit starts with:\n{}",
                file.path.display(),
                file.contents.lines().take(3).collect::<Vec<_>>().join("\n")
            );
        };
        if body != expected_text {
            let line = body
                .lines()
                .zip(expected_text.lines())
                .position(|(a, b)| a != b)
                .map_or_else(|| "the end".to_owned(), |i| format!("line {}", i + 1));
            panic!(
                "{} differs from {template} after the header, first at {line} of the template",
                file.path.display()
            );
        }
        copied.push(template);
    }
    // Every template file is copied, none forgotten.
    let mut templates = Vec::new();
    for dir in [
        "templates/src/runtime",
        "templates/src/mock",
        "templates/crate/examples",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).expect(dir) {
            let entry = entry.expect(dir);
            if entry.file_type().expect(dir).is_file() {
                templates.push(format!("{dir}/{}", entry.file_name().to_string_lossy()));
            }
        }
    }
    templates.sort();
    copied.sort();
    assert_eq!(copied, templates, "template files and their copies");
}

#[test]
fn checked_in_headers_name_the_specs_and_the_command() {
    for file in checked_in() {
        let path = slash_path(&file.path);
        let first = file.contents.lines().next().unwrap_or_default();
        assert!(
            first.contains("@generated by `cargo xtask codegen`"),
            "{path}: first line is {first:?}"
        );
        if path.ends_with(".rs") && template_of(&file.path).is_none() {
            // `// @generated by ... from:` then one `//   specs/...` line per spec file.
            let specs: Vec<&str> = file
                .contents
                .lines()
                .skip(1)
                .map_while(|l| l.strip_prefix("//   "))
                .collect();
            assert!(!specs.is_empty(), "{path}: the header lists no spec file");
            for spec in specs {
                assert!(
                    spec.starts_with("specs/") && spec.ends_with(".yaml"),
                    "{path}: header names {spec:?}"
                );
                assert!(
                    workspace().join(spec).is_file(),
                    "{path}: header names {spec}, which does not exist"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// One fixture per feature.

/// Every feature fixture, with its API folder (the same name). `hostile_compiles.rs` compiles
/// them together.
const FEATURES: &[&str] = &[
    "auth",
    "bodies",
    "enums",
    "errors",
    "events",
    "keywords",
    "lints",
    "names",
    "nested_arrays",
    "one_of",
    "optional_required",
    "pagination",
    "parameters",
    "params",
    "responses",
    "unions",
];

/// Fixtures under `tests/fixtures/gen/` with assertions of their own instead of snapshots
/// (`pattern_names` below; the rest in `hostile_compiles.rs`).
const NOT_SNAPSHOTTED: &[&str] = &[
    "compile_action_shadows_import",
    "compile_api_keyword",
    "compile_inline_name_std",
    "compile_resource_std",
    "hostile",
    "pattern_names",
];

/// Snapshots every file of the API module of `tests/fixtures/gen/<feature>/`.
fn snapshot_fixture(feature: &str) {
    let files = generate(&fixture_root(feature));
    let module = format!("src/{feature}/");
    let pinned: Vec<&GeneratedFile> = files
        .iter()
        .filter(|f| slash_path(&f.path).starts_with(&module))
        .collect();
    let paths: Vec<String> = pinned.iter().map(|f| slash_path(&f.path)).collect();
    insta::assert_snapshot!(format!("{feature}__file_list"), paths.join("\n"));
    assert_snapshots(feature, &pinned);
}

macro_rules! feature_snapshots {
    ($($feature:ident),* $(,)?) => {
        $(
            #[test]
            fn $feature() {
                snapshot_fixture(stringify!($feature));
            }
        )*
    };
}

feature_snapshots!(
    auth,
    bodies,
    enums,
    errors,
    events,
    keywords,
    lints,
    names,
    nested_arrays,
    one_of,
    optional_required,
    pagination,
    parameters,
    params,
    responses,
    unions,
);

#[test]
fn every_fixture_folder_is_snapshotted() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gen");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/gen")
        .map(|e| {
            e.expect("fixture entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| !NOT_SNAPSHOTTED.contains(&name.as_str()))
        .collect();
    on_disk.sort();
    assert_eq!(
        on_disk, FEATURES,
        "add new fixtures to FEATURES and feature_snapshots!"
    );
}

// ---------------------------------------------------------------------------------------------
// Facts the snapshots show, asserted on their own so that a regression names itself.

/// `runtime::Pattern` statics of a generated resource file: name -> `source` as written in
/// the file (an escaped string literal).
fn pattern_statics(contents: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = contents.lines();
    while let Some(line) = lines.next() {
        let Some(rest) = line.strip_prefix("static ") else {
            continue;
        };
        let Some(name) = rest.strip_suffix(": runtime::Pattern = runtime::Pattern {") else {
            continue;
        };
        let source = lines
            .next()
            .and_then(|l| l.trim().strip_prefix("source: "))
            .and_then(|l| l.strip_suffix(','))
            .unwrap_or_else(|| panic!("static {name} has no `source` on its next line"));
        out.push((name.to_owned(), source.to_owned()));
    }
    out
}

/// The pattern static that `impl <builder>` checks parameter `wire` against.
fn static_checking(contents: &str, builder: &str, wire: &str) -> String {
    let start = contents
        .find(&format!("\nimpl {builder} {{"))
        .unwrap_or_else(|| panic!("no `impl {builder}`"));
    let body = &contents[start + 1..];
    let end = body.find("\n}\n").unwrap_or(body.len());
    let call = format!("call.check({wire:?}, value, &super::");
    let at = body[..end]
        .find(&call)
        .unwrap_or_else(|| panic!("`impl {builder}` does not check `{wire}`"));
    body[at + call.len()..]
        .split(')')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Regression: statics were once named `{PARAM}_PATTERN` or `{ACTION}_{PARAM}_PATTERN` and
/// de-duplicated by name, so the path parameter `orgId` and the query parameter `id` of the
/// action `org` shared `ORG_ID_PATTERN` and `id` was checked against the wrong pattern. Each
/// (parameter, pattern) pair now has its own static.
#[test]
fn every_checked_pattern_gets_its_own_static() {
    let files = generate(&fixture_root("pattern_names"));
    // The statics live in the resource file, the checks in each action's file.
    let things = files
        .iter()
        .filter(|f| {
            f.path.starts_with("src/pattern_names/things")
                || f.path == Path::new("src/pattern_names/things.rs")
        })
        .map(|f| f.contents.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        things.contains("static "),
        "the resource file holds the statics"
    );
    let statics = pattern_statics(&things);
    let mut names: Vec<&str> = statics.iter().map(|(n, _)| n.as_str()).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(
        before,
        names.len(),
        "a static is defined twice: {statics:?}"
    );
    let source_of = |name: &str| {
        statics
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, s)| s.clone())
            .unwrap_or_else(|| panic!("no static {name} in {statics:?}"))
    };
    let checks = [("Org", "id", r"^[a-z]{3}$"), ("Other", "id", r"^[0-9]{3}$")];
    for (builder, wire, pattern) in checks {
        let name = static_checking(&things, builder, wire);
        assert_eq!(
            source_of(&name),
            format!("{pattern:?}"),
            "`{builder}` checks `{wire}` against {name}"
        );
    }
    for source in [r"^[A-Fa-f\d]{24}$", r"^[a-z]{3}$", r"^[0-9]{3}$"] {
        assert!(
            statics.iter().any(|(_, s)| *s == format!("{source:?}")),
            "no static holds the pattern {source}: {statics:?}"
        );
    }
}
