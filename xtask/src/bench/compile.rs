//! Compile cost of generated crates: `cargo build` of the crate alone (its dependencies
//! already built), after touching its `src/lib.rs`, in debug and release.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use super::cmd::{self, touch};
use super::stats::median;

/// Timed builds per configuration (after one untimed build that builds the dependencies).
pub const RUNS: usize = 3;

/// One crate and feature set, built in both profiles.
#[derive(Debug, Clone)]
pub struct Row {
    /// Which crate.
    pub krate: String,
    /// The feature flags passed to cargo, as shown in the table.
    pub features: String,
    /// Median debug build.
    pub debug: Duration,
    /// Median release build.
    pub release: Duration,
}

/// A crate to build: how to point cargo at it, and the file to touch.
struct Target {
    label: String,
    /// Arguments selecting the crate (`-p generated-client` or `--manifest-path …`).
    select: Vec<String>,
    /// Folder cargo runs in.
    cwd: PathBuf,
    /// `CARGO_TARGET_DIR` for the builds.
    target_dir: PathBuf,
    lib_rs: PathBuf,
}

/// Measures the checked-in `generated-client` with all features and with `losant` only.
/// Builds go to `target/bench-compile`, so that other builds in `target/` neither wait for
/// nor disturb them.
pub fn checked_in(root: &Path) -> Result<Vec<Row>, String> {
    let target = Target {
        label: "generated-client (checked-in specs)".into(),
        select: vec!["-p".into(), "generated-client".into()],
        cwd: root.to_owned(),
        target_dir: root.join("target/bench-compile"),
        lib_rs: root.join("generated-client/src/lib.rs"),
    };
    let all = measure(&target, &[], "all (default)")?;
    let losant = measure(
        &target,
        &["--no-default-features", "--features", "losant"],
        "`--no-default-features --features losant`",
    )?;
    Ok(vec![all, losant])
}

/// Generates the crate of the spec root `specs` into `work/crate` (its own workspace, with
/// the repository's `Cargo.lock`) with the xtask binary `xtask`, and measures it.
pub fn synthetic(
    root: &Path,
    xtask: &Path,
    specs: &Path,
    work: &Path,
    label: &str,
) -> Result<Row, String> {
    let krate = work.join("crate");
    cmd::run(
        Command::new(xtask)
            .arg("codegen")
            .arg("--specs")
            .arg(specs)
            .arg("--out")
            .arg(&krate),
    )?;
    let manifest = krate.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    if !text.lines().any(|l| l.trim() == "[workspace]") {
        std::fs::write(&manifest, format!("{text}\n[workspace]\n"))
            .map_err(|e| format!("cannot write {}: {e}", manifest.display()))?;
    }
    std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy Cargo.lock into {}: {e}", krate.display()))?;
    let target = Target {
        label: label.to_owned(),
        select: vec!["--manifest-path".into(), manifest.display().to_string()],
        cwd: krate.clone(),
        target_dir: work.join("target"),
        lib_rs: krate.join("src/lib.rs"),
    };
    measure(&target, &[], "all (default)")
}

fn measure(target: &Target, features: &[&str], shown: &str) -> Result<Row, String> {
    let mut medians = [Duration::ZERO; 2];
    for (slot, release) in medians.iter_mut().zip([false, true]) {
        let build = || {
            let mut cmd = Command::new(cargo());
            cmd.current_dir(&target.cwd)
                .env("CARGO_TARGET_DIR", &target.target_dir)
                .arg("build")
                .arg("--quiet")
                .args(&target.select)
                .args(features);
            if release {
                cmd.arg("--release");
            }
            cmd
        };
        // Builds the dependencies (and the crate) untimed.
        cmd::run(&mut build())?;
        let mut samples = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            touch(&target.lib_rs)?;
            samples.push(cmd::run(&mut build())?.elapsed);
        }
        *slot = median(&samples);
    }
    Ok(Row {
        krate: target.label.clone(),
        features: shown.to_owned(),
        debug: medians[0],
        release: medians[1],
    })
}

/// The cargo that runs this command (`CARGO` under `cargo run`), else `cargo` on the path.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}
