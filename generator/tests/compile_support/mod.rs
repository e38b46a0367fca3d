//! Compiling generated crates from tests (with `support`, which every user also declares): write a crate as its own workspace, then run cargo's
//! clippy (which checks it too) and rustdoc on it, with warnings denied as CI denies them.
//!
//! Each crate is written to `<CARGO_TARGET_TMPDIR>/generated-crates/<name>/` (a fixed folder,
//! so a rerun rewrites only what changed and cargo reuses its work), and every crate shares the
//! target directory `<CARGO_TARGET_TMPDIR>/generated-check/`: dependencies (reqwest, tokio, …)
//! are checked once, a minute or two, and reused by every later crate and run. It is not the
//! workspace's target directory, whose lock the running `cargo test` holds.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use generator::write::GeneratedFile;

use crate::support::{fixture_root, workspace};

/// Where test crates and their shared target directory live.
fn scratch() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
}

/// The workspace's `[workspace.lints.clippy]` table, verbatim: the generated crate inherits its
/// lints from the workspace (`[lints] workspace = true`), so a standalone copy needs them too.
fn workspace_lints() -> String {
    let manifest =
        std::fs::read_to_string(workspace().join("Cargo.toml")).expect("the workspace Cargo.toml");
    let mut lines = manifest
        .lines()
        .skip_while(|l| l.trim() != "[workspace.lints.clippy]");
    let header = lines
        .next()
        .expect("[workspace.lints.clippy] in Cargo.toml");
    let table: Vec<&str> = lines.take_while(|l| !l.starts_with('[')).collect();
    format!("{header}\n{}\n", table.join("\n").trim_end())
}

/// Copies the API folder of each fixture (`tests/fixtures/gen/<name>/<name>/`) into one spec
/// root, one API each: the folder `specs` inside the returned temporary folder.
pub fn combined_fixtures(names: &[&str]) -> tempfile::TempDir {
    let specs = tempfile::tempdir().expect("temp dir");
    for name in names {
        let from = fixture_root(name).join(name);
        let to = specs.path().join("specs").join(name);
        std::fs::create_dir_all(&to).expect("spec copy");
        for entry in std::fs::read_dir(&from).expect("fixture folder") {
            let entry = entry.expect("fixture file");
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy a spec");
        }
    }
    specs
}

/// Writes `files` as the crate `<scratch>/generated-crates/<name>`, made its own workspace with
/// the workspace's lints, `clippy.toml` and `Cargo.lock` (so that it builds offline with the
/// same dependency versions). Returns the crate's folder.
pub fn write_crate(name: &str, files: &[GeneratedFile]) -> PathBuf {
    let krate = scratch().join("generated-crates").join(name);
    generator::write::write_crate(&krate, files).expect("write the generated crate");
    let manifest_path = krate.join("Cargo.toml");
    let mut manifest = std::fs::read_to_string(&manifest_path).expect("generated Cargo.toml");
    assert!(
        manifest.contains("name = \"generated-client\""),
        "the package keeps its name:\n{manifest}"
    );
    manifest
        .push_str("\n# Added by the generator's tests: a workspace of its own.\n[workspace]\n\n");
    manifest.push_str(&workspace_lints());
    std::fs::write(&manifest_path, manifest).expect("patch Cargo.toml");
    for file in ["Cargo.lock", "clippy.toml"] {
        std::fs::copy(workspace().join(file), krate.join(file)).expect(file);
    }
    krate
}

/// Runs cargo in `krate` with the shared target directory.
fn cargo(krate: &Path, args: &[&str], rustdocflags: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO"));
    command
        .args(args)
        .current_dir(krate)
        .env("CARGO_TARGET_DIR", scratch().join("generated-check"))
        .env("CARGO_TERM_COLOR", "never")
        // The outer build's flags would change the fingerprints of the shared dependencies
        // (rebuilding them); lint levels are given on the command line instead.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTDOCFLAGS")
        .env_remove("RUSTDOCFLAGS");
    if let Some(flags) = rustdocflags {
        command.env("RUSTDOCFLAGS", flags);
    }
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo {args:?}: {e}"))
}

/// What cargo said about a crate: `Ok` when it passed, else its diagnostics.
pub type Verdict = Result<(), String>;

fn verdict(output: &Output) -> Verdict {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if output.status.success() && !stderr.lines().any(|l| l.starts_with("warning")) {
        Ok(())
    } else {
        Err(stderr)
    }
}

/// `cargo clippy -- -D warnings` on the library: it compiles the crate (a compile error fails
/// it too) and denies every rustc and clippy warning, with the workspace's lint levels.
pub fn clippy(krate: &Path) -> Verdict {
    verdict(&cargo(
        krate,
        &["clippy", "--offline", "--quiet", "--", "-D", "warnings"],
        None,
    ))
}

/// `cargo doc --no-deps` with `RUSTDOCFLAGS=-D warnings`, as CI documents the crate.
pub fn doc(krate: &Path) -> Verdict {
    verdict(&cargo(
        krate,
        &["doc", "--offline", "--quiet", "--no-deps"],
        Some("-D warnings"),
    ))
}

/// Adds `source` as the integration test `tests/<name>.rs` of the crate at `krate`, with
/// `dev_dependencies` (TOML lines, `axum = "0.8"`) added to the crate's `[dev-dependencies]`
/// and `tokio_features` to its tokio dev-dependency (both come from the lock file copied in).
pub fn add_test(
    krate: &Path,
    name: &str,
    source: &str,
    dev_dependencies: &[&str],
    tokio_features: &[&str],
) {
    let manifest_path = krate.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path).expect("generated Cargo.toml");
    let tokio_line = "tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }";
    assert!(
        manifest.contains("\n[dev-dependencies]\n") && manifest.contains(tokio_line),
        "templates/crate/Cargo.toml.in changed its dev-dependencies; update add_test:\n{manifest}"
    );
    let features: Vec<String> = ["macros", "rt-multi-thread"]
        .iter()
        .chain(tokio_features)
        .map(|f| format!("{f:?}"))
        .collect();
    let manifest = manifest
        .replace(
            tokio_line,
            &format!(
                "tokio = {{ version = \"1\", features = [{}] }}",
                features.join(", ")
            ),
        )
        .replace(
            "\n[dev-dependencies]\n",
            &format!("\n[dev-dependencies]\n{}\n", dev_dependencies.join("\n")),
        );
    std::fs::write(&manifest_path, manifest).expect("patch Cargo.toml");
    let tests = krate.join("tests");
    std::fs::create_dir_all(&tests).expect("tests folder");
    std::fs::write(tests.join(format!("{name}.rs")), source).expect("write the test");
}

/// `cargo test`: builds the crate and its tests and runs them; any warning fails it too. The
/// error holds what cargo and the tests printed.
pub fn test(krate: &Path) -> Verdict {
    let output = cargo(krate, &["test", "--offline", "--quiet", "--tests"], None);
    verdict(&output)
        .map_err(|stderr| format!("{stderr}\n{}", String::from_utf8_lossy(&output.stdout)))
}

/// The lints named in cargo's output, with how often each fired, most frequent first: a
/// summary for failure messages. Clippy links its lint on every occurrence; rustc names its
/// lint (`#[deny(unused_variables)]`) on the first only.
pub fn lint_summary(stderr: &str) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for line in stderr.lines() {
        let name = if let Some((_, lint)) = line.split_once("index.html#") {
            format!("clippy::{}", lint.trim())
        } else if let Some((_, rest)) = line.split_once("#[deny(") {
            match rest.split(')').next() {
                Some(lint) if !lint.starts_with("clippy::") => lint.to_owned(),
                _ => continue,
            }
        } else {
            continue;
        };
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => counts.push((name, 1)),
        }
    }
    let errors = stderr.lines().filter(|l| l.starts_with("error")).count();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let lints: Vec<String> = counts.iter().map(|(n, c)| format!("{c} {n}")).collect();
    format!("{errors} errors; lints: {}", lints.join(", "))
}

/// The first `lines` lines of `text`, and how many were left out.
pub fn head(text: &str, lines: usize) -> String {
    let total = text.lines().count();
    let mut out: Vec<&str> = text.lines().take(lines).collect();
    let more = format!("… {} more lines", total.saturating_sub(lines));
    if total > lines {
        out.push(&more);
    }
    out.join("\n")
}
