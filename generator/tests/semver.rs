//! Adding to a spec does not break a downstream crate: the same downstream code compiles against
//! the crate generated from `fixtures/semver/v1` and from `v2`, which adds an optional field, an
//! enum value, an error status, an optional parameter, an action and a model.
//!
//! The downstream code does what users of the client do: builds request models, reads fields,
//! matches model enums and typed errors, parses parameter enums, awaits builders. It compiles
//! against both versions because structs and enums are `#[non_exhaustive]` (matches need a
//! wildcard, models are built with `new` and setters) and because additions are optional.
//!
//! One temporary workspace holds the generated crate and the downstream crate; `cargo check`
//! runs with `CARGO_TARGET_DIR` set to `target/semver-check` of the workspace, so dependencies
//! compile once and later runs take seconds.
#![allow(
    clippy::panic,
    clippy::expect_used,
    reason = "test code: a failed expectation panics"
)]

pub mod support;

use std::path::Path;
use std::process::Command;

use support::{try_generate, workspace};

/// Code a downstream crate writes against version 1.
const DOWNSTREAM: &str = r#"
use generated_client::demo::{self, models, things};

/// Builds a client.
pub fn client() -> Result<demo::Client, demo::BuildError> {
    demo::Client::builder().token("t").build()
}

/// Uses the client the way applications do.
pub async fn use_client(client: &demo::Client) -> Result<String, Box<dyn std::error::Error>> {
    let thing = client.things().get("t1").sort_field("name".parse()?).await?;
    let mut summary = thing.id.clone();
    if let Some(name) = thing.name.as_deref() {
        summary.push_str(name);
    }
    match &thing.status {
        Some(models::ThingStatus::Active) => summary.push_str(" active"),
        Some(models::ThingStatus::Unknown(other)) => summary.push_str(other),
        Some(_) | None => {}
    }
    let mut new = models::ThingPost::new("lamp");
    new.note = Some("on the desk".into());
    let new = new.with_note("by the window");
    match client.things().post(new).send().await {
        Ok(created) => summary.push_str(&created.id),
        Err(error) => match error.api_error() {
            Some(things::PostError::BadRequest(problem)) => {
                summary.push_str(problem.message.as_deref().unwrap_or_default())
            }
            Some(other) => summary.push_str(&other.to_string()),
            None => return Err(error.into()),
        },
    }
    let sort = things::GetSortField::Unknown("newest".into());
    summary.push_str(sort.as_str());
    summary.push_str(&things::Get::SCOPES.len().to_string());
    Ok(summary)
}
"#;

/// Code that would break on an addition if the compiler accepted it: an exhaustive match of a
/// typed error and a struct literal of a model. `#[non_exhaustive]` must make the compiler
/// refuse both already against version 1, so nobody can write them.
const FRAGILE: &str = r#"
use generated_client::demo::{models, things};

pub fn describe(error: &things::PostError) -> &'static str {
    match error {
        things::PostError::BadRequest(_) => "bad request",
    }
}

pub fn build() -> models::ThingPost {
    models::ThingPost { name: "lamp".into(), note: None }
}
"#;

fn cargo_check(dir: &Path, package: &str) -> (bool, String) {
    let output = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--quiet", "-p", package])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", workspace().join("target/semver-check"))
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output();
    match output {
        Ok(output) => (
            output.status.success(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        ),
        Err(error) => (false, format!("cannot run cargo: {error}")),
    }
}

/// Generates `specs` into `dir/client`, replacing what was there.
fn generate_into(dir: &Path, specs: &str) -> Vec<generator::write::GeneratedFile> {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join(specs);
    let files = match try_generate(&specs) {
        Ok(files) => files,
        Err(error) => panic!("{} does not generate:\n{error}", specs.display()),
    };
    let client = dir.join("client");
    if let Err(error) = generator::write::write_crate(&client, &files) {
        panic!("cannot write the crate: {error}");
    }
    files
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[test]
fn additions_to_a_spec_keep_downstream_code_compiling() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let root = dir.path();
    // The generated crate inherits the workspace's lints; this workspace has none to add.
    write(
        &root.join("Cargo.toml"),
        "[workspace]\nmembers = [\"client\", \"downstream\", \"fragile\"]\nresolver = \"3\"\n\n\
         [workspace.lints.rust]\n",
    );
    write(
        &root.join("downstream/Cargo.toml"),
        "[package]\nname = \"downstream\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\
         publish = false\n\n[dependencies]\ngenerated-client = { path = \"../client\" }\n",
    );
    write(&root.join("downstream/src/lib.rs"), DOWNSTREAM);
    write(
        &root.join("fragile/Cargo.toml"),
        "[package]\nname = \"fragile\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\
         publish = false\n\n[dependencies]\ngenerated-client = { path = \"../client\" }\n",
    );
    write(&root.join("fragile/src/lib.rs"), FRAGILE);
    if let Err(error) = std::fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock")) {
        panic!("Cargo.lock: {error}");
    }

    generate_into(root, "tests/fixtures/semver/v1");
    let (ok, stderr) = cargo_check(root, "downstream");
    assert!(ok, "the downstream code must compile against v1:\n{stderr}");
    let (ok, stderr) = cargo_check(root, "fragile");
    assert!(
        !ok,
        "an exhaustive match and a struct literal must be refused already"
    );
    assert!(
        stderr.contains("non-exhaustive") && stderr.contains("E0004") && stderr.contains("E0639"),
        "both must be refused for being non-exhaustive:\n{stderr}"
    );

    let v2 = generate_into(root, "tests/fixtures/semver/v2");
    let text = |path: &str| {
        v2.iter()
            .find(|f| f.path == Path::new(path))
            .map(|f| f.contents.clone())
            .unwrap_or_default()
    };
    // The additions took effect: this is not the same crate again.
    assert!(text("src/demo/models/thing.rs").contains("pub color: Option<String>"));
    assert!(text("src/demo/models/thing.rs").contains("Archived"));
    assert!(text("src/demo/things/post.rs").contains("Conflict("));
    assert!(text("src/demo/things.rs").contains("pub fn stats("));
    let (ok, stderr) = cargo_check(root, "downstream");
    assert!(
        ok,
        "the same downstream code must compile against v2 (an addition broke it):\n{stderr}"
    );
}
