//! The mock server's upload, event-stream and several-success-statuses tests, which need
//! actions the checked-in specs do not have yet (`file.upload`, `device.stateStream`,
//! `devices.sendCommand` of the whole Losant API).
//!
//! `fixtures/mock-losant/specs/` transcribes those two actions; this test generates a crate
//! from it with the generator (the same templates as `generated-client`), adds the tests of
//! `fixtures/mock-losant/tests/`, and runs them with `cargo test --features mock`. The crate is
//! written to `target/mock-fixture/crate` (only changed files are rewritten) and built in
//! `target/mock-fixture/target`, so that dependencies compile once and later runs take seconds;
//! it is a workspace of its own with this workspace's `Cargo.lock`, built `--offline`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation panics"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("client-tests lives in the workspace")
        .to_path_buf()
}

/// The generated fixture crate, with its manifest made standalone and its tests added.
fn write_fixture_crate(out: &Path) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/mock-losant");
    let mut files = generator::generate(&fixture.join("specs"), &workspace().join("templates"))
        .unwrap_or_else(|e| panic!("the fixture spec generates:\n{e}"));
    let manifest = files
        .iter_mut()
        .find(|f| f.path == Path::new("Cargo.toml"))
        .expect("a generated Cargo.toml");
    // Its own workspace (the generated manifest inherits this workspace's lints, which it then
    // lacks), and a paused clock for the tests.
    let dev_tokio = "tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }";
    assert!(
        manifest.contents.contains(dev_tokio)
            && manifest.contents.contains("[lints]\nworkspace = true\n"),
        "the generated manifest changed shape:\n{}",
        manifest.contents
    );
    manifest.contents = manifest
        .contents
        .replace("[lints]\nworkspace = true\n", "")
        .replace(
            dev_tokio,
            "tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"test-util\"] }",
        )
        + "\n# Added by client-tests/tests/mock_fixture.rs.\n[workspace]\n";
    generator::write::write_crate(out, &files).expect("write the fixture crate");
    std::fs::create_dir_all(out.join("tests")).expect("tests folder");
    for entry in std::fs::read_dir(fixture.join("tests")).expect("fixture tests") {
        let path = entry.expect("fixture test").path();
        let target = out
            .join("tests")
            .join(path.file_name().expect("a file name"));
        let text = std::fs::read(&path).expect("read a fixture test");
        if std::fs::read(&target).ok().as_deref() != Some(&text[..]) {
            std::fs::write(&target, text).expect("copy a fixture test");
        }
    }
    let lock = std::fs::read(workspace().join("Cargo.lock")).expect("Cargo.lock");
    if std::fs::read(out.join("Cargo.lock")).ok() != Some(lock.clone()) {
        std::fs::write(out.join("Cargo.lock"), lock).expect("copy Cargo.lock");
    }
}

#[test]
fn uploads_event_streams_and_success_choices_work_against_the_mock() {
    let root = workspace().join("target/mock-fixture");
    let krate = root.join("crate");
    write_fixture_crate(&krate);
    let output = Command::new(env!("CARGO"))
        .args([
            "test",
            "--offline",
            "--features",
            "mock",
            "--test",
            "upload_and_stream",
        ])
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", root.join("target"))
        // The outer build's flags would change the dependencies' fingerprints (rebuilding them).
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("run cargo test on the fixture crate");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the fixture's tests failed:\n{stdout}\n{stderr}"
    );
    // Every test ran: a filter or a compile-time cfg must not skip them silently.
    assert!(stdout.contains("test result: ok. 8 passed"), "{stdout}");
}
