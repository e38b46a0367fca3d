//! Compile cost of generated crates, as a maintainer (`cargo check`) and a downstream crate
//! (`cargo build`, debug) pay it once their dependencies are built.
//!
//! Every timed command compiles the crate from scratch: `CARGO_INCREMENTAL=0` (a workspace
//! member is otherwise compiled incrementally, and touching `src/lib.rs` then re-checks
//! almost nothing: 8 s where a real check takes 30), `src/lib.rs` touched before each run,
//! the dependencies built by one untimed run of the same command first. Each command runs
//! under `xtask bench-peak` (see [`super::peak`]), which gives its wall time and the peak
//! memory of its largest process, rustc.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use super::cmd::{self, touch};
use super::crate_stats::{self, CrateStats};
use super::peak::{self, Sample};
use super::stats::median;

/// Timed runs of each command (after one untimed run that builds the dependencies).
pub const RUNS: usize = 3;

/// Where every crate is compiled: one target folder, so that the dependencies are built once
/// for all of them (the crates have the same dependencies and the same `Cargo.lock`).
pub const TARGET_DIR: &str = "target/bench-compile";

/// Which crate a row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The checked-in `generated-client`: the whole API.
    WholeApi,
    /// The crate of the 16 seed actions alone (see [`super::seed`]).
    Seed,
    /// The crate of a synthetic spec.
    Synthetic,
}

/// What cargo does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `cargo check`.
    Check,
    /// `cargo build`, debug profile.
    Build,
}

impl Mode {
    fn subcommand(self) -> &'static str {
        match self {
            Mode::Check => "check",
            Mode::Build => "build",
        }
    }

    /// The command as the report shows it.
    pub fn shown(self) -> &'static str {
        match self {
            Mode::Check => "`cargo check`",
            Mode::Build => "`cargo build` (debug)",
        }
    }
}

/// The features a command enables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Features {
    /// `--all-features` (every API, `mock`, the TLS and compression options).
    All,
    /// The default features: every API.
    Default,
    /// `--no-default-features --features NAME`: what a downstream crate that uses one
    /// resource enables.
    Only(&'static str),
}

impl Features {
    fn args(self) -> Vec<String> {
        match self {
            Features::All => vec!["--all-features".into()],
            Features::Default => Vec::new(),
            Features::Only(name) => vec![
                "--no-default-features".into(),
                "--features".into(),
                name.into(),
            ],
        }
    }

    /// The flags as the report shows them.
    pub fn shown(self) -> String {
        match self {
            Features::All => "`--all-features`".into(),
            Features::Default => "default (every API)".into(),
            Features::Only(name) => format!("`--no-default-features --features {name}`"),
        }
    }
}

/// The feature of the one-resource row: Losant's `org`, a seed resource.
pub const ONE_RESOURCE: &str = "losant-org";

/// The commands run on each kind of crate.
pub fn commands(kind: Kind) -> &'static [(Mode, Features)] {
    match kind {
        Kind::WholeApi => &[
            (Mode::Check, Features::All),
            (Mode::Build, Features::Default),
            (Mode::Build, Features::Only(ONE_RESOURCE)),
        ],
        Kind::Seed | Kind::Synthetic => &[
            (Mode::Check, Features::All),
            (Mode::Build, Features::Default),
        ],
    }
}

/// A generated crate to compile.
#[derive(Debug, Clone)]
pub struct Subject {
    /// Row label.
    pub label: String,
    /// Which crate it is.
    pub kind: Kind,
    /// Actions of its specs.
    pub actions: usize,
    /// Its size.
    pub stats: CrateStats,
    /// Arguments selecting the crate (`-p generated-client` or `--manifest-path …`).
    select: Vec<String>,
    /// Folder cargo runs in.
    cwd: PathBuf,
    /// The file touched before each timed run.
    lib_rs: PathBuf,
}

impl Subject {
    /// The checked-in `generated-client` of the workspace at `root`.
    pub fn checked_in(root: &Path, actions: usize) -> Result<Self, String> {
        let dir = root.join("generated-client");
        Ok(Self {
            label: "whole API (checked-in `generated-client`)".into(),
            kind: Kind::WholeApi,
            actions,
            stats: crate_stats::measure(&dir)?,
            select: vec!["-p".into(), "generated-client".into()],
            cwd: root.to_owned(),
            lib_rs: dir.join("src/lib.rs"),
        })
    }

    /// Generates the crate of the spec root `specs` into `dir` with the xtask binary `xtask`,
    /// as a workspace of its own with the repository's `Cargo.lock`.
    pub fn generate(
        root: &Path,
        xtask: &Path,
        specs: &Path,
        dir: &Path,
        (label, kind, actions): (&str, Kind, usize),
    ) -> Result<Self, String> {
        cmd::remove_dir(dir)?;
        cmd::run(
            Command::new(xtask)
                .current_dir(root)
                .arg("codegen")
                .arg("--specs")
                .arg(specs)
                .arg("--out")
                .arg(dir),
        )?;
        let manifest = dir.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest)
            .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
        std::fs::write(&manifest, standalone_manifest(&text))
            .map_err(|e| format!("cannot write {}: {e}", manifest.display()))?;
        std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
            .map_err(|e| format!("cannot copy Cargo.lock into {}: {e}", dir.display()))?;
        Ok(Self {
            label: label.to_owned(),
            kind,
            actions,
            stats: crate_stats::measure(dir)?,
            select: vec!["--manifest-path".into(), manifest.display().to_string()],
            cwd: dir.to_owned(),
            lib_rs: dir.join("src/lib.rs"),
        })
    }
}

/// The generated `Cargo.toml` made the root of a workspace of its own (outside the
/// repository's, whose members are fixed). The crate inherits `[lints]` from its workspace:
/// the repository's are clippy's, which rustc does not run, so an empty table stands in.
fn standalone_manifest(text: &str) -> String {
    if text.lines().any(|l| l.trim() == "[workspace]") {
        return text.to_owned();
    }
    format!(
        "{}\n\n[workspace]\n\n[workspace.lints.rust]\n",
        text.trim_end()
    )
}

/// One command on one crate.
#[derive(Debug, Clone)]
pub struct Row {
    /// The crate's label.
    pub krate: String,
    /// Which crate.
    pub kind: Kind,
    /// What cargo did.
    pub mode: Mode,
    /// With which features.
    pub features: Features,
    /// Median wall time of the timed runs.
    pub wall: Duration,
    /// The fastest and slowest timed run.
    pub range: (Duration, Duration),
    /// The largest peak memory of the timed runs, in KiB.
    pub peak_kib: u64,
}

/// The tools a measurement runs.
#[derive(Debug, Clone)]
pub struct Tools {
    /// The release xtask binary (for `bench-peak`).
    pub xtask: PathBuf,
    /// The target folder of every build.
    pub target_dir: PathBuf,
}

impl Tools {
    /// `program` set up to run in `subject`'s folder, non-incrementally, into the shared
    /// target folder.
    fn command(&self, program: &Path, subject: &Subject) -> Command {
        let mut command = Command::new(program);
        command
            .current_dir(&subject.cwd)
            .env("CARGO_TARGET_DIR", &self.target_dir)
            .env("CARGO_INCREMENTAL", "0");
        command
    }

    fn cargo(&self, subject: &Subject, mode: Mode, features: Features) -> Command {
        let mut command = self.command(Path::new(&cargo()), subject);
        command
            .arg(mode.subcommand())
            .arg("--quiet")
            .args(&subject.select)
            .args(features.args());
        command
    }

    /// Measures `mode` with `features` on `subject`: one untimed run, then [`RUNS`] timed runs
    /// after touching `src/lib.rs`.
    pub fn measure(
        &self,
        subject: &Subject,
        mode: Mode,
        features: Features,
    ) -> Result<Row, String> {
        cmd::run(&mut self.cargo(subject, mode, features))?;
        let mut samples = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            touch(&subject.lib_rs)?;
            samples.push(peak::measure(
                self.command(&self.xtask, subject),
                &self.cargo(subject, mode, features),
            )?);
        }
        let walls: Vec<Duration> = samples.iter().map(|s| s.wall).collect();
        Ok(Row {
            krate: subject.label.clone(),
            kind: subject.kind,
            mode,
            features,
            wall: median(&walls),
            range: (
                walls.iter().copied().min().unwrap_or_default(),
                walls.iter().copied().max().unwrap_or_default(),
            ),
            peak_kib: samples.iter().map(|s| s.peak_kib).max().unwrap_or(0),
        })
    }

    /// The same command with nothing to compile (run right after [`Tools::measure`]): cargo's
    /// own start-up, fingerprinting and memory.
    pub fn cargo_alone(
        &self,
        subject: &Subject,
        mode: Mode,
        features: Features,
    ) -> Result<Sample, String> {
        peak::measure(
            self.command(&self.xtask, subject),
            &self.cargo(subject, mode, features),
        )
    }
}

/// Everything the compile section measured.
#[derive(Debug, Clone)]
pub struct Section {
    /// The crates, in measuring order.
    pub subjects: Vec<Subject>,
    /// Their rows.
    pub rows: Vec<Row>,
    /// Cargo with nothing to compile, after the first row.
    pub cargo_alone: Option<Sample>,
}

impl Section {
    /// The row of `kind`, `mode` and `features`, if measured.
    pub fn row(&self, kind: Kind, mode: Mode, features: Features) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.kind == kind && r.mode == mode && r.features == features)
    }

    /// The crate of `kind`, if measured.
    pub fn subject(&self, kind: Kind) -> Option<&Subject> {
        self.subjects.iter().find(|s| s.kind == kind)
    }
}

/// Measures every command of [`commands`] on each subject, reporting progress through
/// `progress`.
pub fn run(
    tools: &Tools,
    subjects: Vec<Subject>,
    progress: &dyn Fn(&str),
) -> Result<Section, String> {
    let mut rows = Vec::new();
    let mut cargo_alone = None;
    for subject in &subjects {
        for &(mode, features) in commands(subject.kind) {
            progress(&format!(
                "compile cost: {}, {} {}",
                subject.label,
                mode.shown(),
                features.shown()
            ));
            rows.push(tools.measure(subject, mode, features)?);
            if cargo_alone.is_none() {
                cargo_alone = Some(tools.cargo_alone(subject, mode, features)?);
            }
        }
    }
    Ok(Section {
        subjects,
        rows,
        cargo_alone,
    })
}

/// The cargo that runs this command (`CARGO` under `cargo run`), else `cargo` on the path.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_manifest_becomes_a_workspace_root_once() {
        let text = "[package]\nname = \"generated-client\"\n\n[lints]\nworkspace = true\n";
        let standalone = standalone_manifest(text);
        assert!(standalone.starts_with(text.trim_end()));
        assert!(standalone.contains("\n[workspace]\n") && standalone.contains("[workspace.lints"));
        assert_eq!(standalone_manifest(&standalone), standalone);
    }

    #[test]
    fn the_whole_api_is_checked_built_and_built_for_one_resource() {
        assert_eq!(
            commands(Kind::WholeApi),
            [
                (Mode::Check, Features::All),
                (Mode::Build, Features::Default),
                (Mode::Build, Features::Only("losant-org")),
            ]
        );
        assert_eq!(
            Features::Only("losant-org").args(),
            ["--no-default-features", "--features", "losant-org"]
        );
        assert_eq!(Features::All.args(), ["--all-features"]);
        assert!(Features::Default.args().is_empty());
    }

    #[test]
    fn the_one_resource_feature_exists_in_the_checked_in_crate() {
        let manifest =
            std::fs::read_to_string(crate::root().join("generated-client/Cargo.toml")).unwrap();
        assert!(
            manifest
                .lines()
                .any(|l| l.starts_with(&format!("{ONE_RESOURCE} = ["))),
            "generated-client/Cargo.toml has no feature `{ONE_RESOURCE}`"
        );
    }
}
