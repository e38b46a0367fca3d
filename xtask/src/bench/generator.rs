//! The generator benchmark: each spec size timed in a fresh `xtask bench-child` process
//! (stages in process, peak memory), and the whole `xtask codegen` run timed from outside.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use super::cmd::{self, remove_dir};
use super::stages::Shape;
use super::stats::{field, field_ns, median, parse_fields};
use crate::synth::{self, Size};

/// One spec root to benchmark.
#[derive(Debug, Clone)]
pub struct Case {
    /// Row label: `checked-in`, `seed only` or the synthetic size.
    pub label: String,
    /// The spec root.
    pub specs: PathBuf,
    /// Measured runs (the child adds a warm-up from 5 runs on).
    pub runs: usize,
    /// Which spec it is.
    pub kind: CaseKind,
}

/// The specs a case runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseKind {
    /// `specs/`: the whole API.
    CheckedIn,
    /// The 16 seed actions alone (see [`super::seed`]).
    Seed,
    /// A synthetic spec of this size.
    Synthetic(Size),
}

impl Case {
    /// The synthetic size, when synthetic.
    pub fn size(&self) -> Option<Size> {
        match self.kind {
            CaseKind::Synthetic(size) => Some(size),
            CaseKind::CheckedIn | CaseKind::Seed => None,
        }
    }
}

/// The measurements of one case.
#[derive(Debug, Clone)]
pub struct Row {
    /// The case measured.
    pub case: Case,
    /// What the spec produced.
    pub shape: Shape,
    /// Median of `load::load_dir` + `validate::validate`.
    pub load_validate: Duration,
    /// Median of `emit::generate` (emit and prettyplease together).
    pub emit_format: Duration,
    /// Median of `write::write_crate` into an empty folder.
    pub write: Duration,
    /// Median of the three together (per run, then the median).
    pub total: Duration,
    /// Peak resident memory of the child process, in KiB.
    pub peak_kib: u64,
    /// Median wall time of the whole `xtask codegen --specs … --out <empty dir>` process.
    pub codegen: Duration,
}

impl Row {
    /// Total in-process time per action.
    pub fn per_action(&self) -> Duration {
        self.total / u32::try_from(self.shape.actions.max(1)).unwrap_or(u32::MAX)
    }

    /// Generated lines of Rust per action, without the files copied from `templates/`.
    pub fn lines_per_action(&self) -> f64 {
        (self.shape.rust_lines - self.shape.runtime_lines) as f64 / self.shape.actions.max(1) as f64
    }
}

/// The cases of a run: the checked-in specs, the seed-only spec root `seed`, then synthetic
/// specs written under `work`.
pub fn cases(root: &Path, seed: &Path, work: &Path, quick: bool) -> Result<Vec<Case>, String> {
    let mut cases = vec![
        Case {
            label: "checked-in (whole API)".into(),
            specs: root.join("specs"),
            runs: if quick { 3 } else { 9 },
            kind: CaseKind::CheckedIn,
        },
        Case {
            label: "seed only".into(),
            specs: seed.to_owned(),
            runs: if quick { 3 } else { 21 },
            kind: CaseKind::Seed,
        },
    ];
    let sizes: &[(usize, usize, usize)] = if quick {
        &[(2, 5, 3)]
    } else {
        &[(10, 10, 21), (20, 50, 9), (100, 100, 3)]
    };
    for &(resources, actions, runs) in sizes {
        let size = Size::new(resources, actions)?;
        let specs = synth_root(work, size);
        synth::write_spec(&specs, size)?;
        cases.push(Case {
            label: format!("synthetic {resources}×{actions}"),
            specs,
            runs,
            kind: CaseKind::Synthetic(size),
        });
    }
    Ok(cases)
}

/// Where the synthetic spec of `size` is written.
pub fn synth_root(work: &Path, size: Size) -> PathBuf {
    work.join(format!("specs-{}x{}", size.resources, size.actions))
}

/// Measures one case with the xtask binary `xtask`. The child writes on a tmpfs when there is
/// one (see [`super::stages::default_scratch`]); the whole `codegen` process writes under
/// `scratch`, on disk.
pub fn measure(xtask: &Path, case: &Case, scratch: &Path) -> Result<Row, String> {
    let ran = cmd::run(
        Command::new(xtask)
            .arg("bench-child")
            .arg(&case.specs)
            .arg("--runs")
            .arg(case.runs.to_string())
            .arg("--scratch")
            .arg(super::stages::default_scratch().join("child")),
    )?;
    let f = parse_fields(&ran.stdout, "bench-child")
        .ok_or_else(|| format!("bench-child printed no result line:\n{}", ran.stdout))?;
    let shape = Shape {
        apis: field(&f, "apis")?,
        resources: field(&f, "resources")?,
        actions: field(&f, "actions")?,
        models: field(&f, "models")?,
        files: field(&f, "files")?,
        rust_lines: field(&f, "rust_lines")?,
        runtime_lines: field(&f, "runtime_lines")?,
        bytes: field(&f, "bytes")?,
    };
    let codegen_runs = case.runs.min(7);
    let out = scratch.join("codegen-out");
    let mut codegen = Vec::with_capacity(codegen_runs);
    for _ in 0..codegen_runs {
        remove_dir(&out)?;
        let ran = cmd::run(
            Command::new(xtask)
                .arg("codegen")
                .arg("--specs")
                .arg(&case.specs)
                .arg("--out")
                .arg(&out),
        )?;
        codegen.push(ran.elapsed);
    }
    remove_dir(&out)?;
    Ok(Row {
        case: case.clone(),
        shape,
        load_validate: field_ns(&f, "load_validate_ns")?,
        emit_format: field_ns(&f, "emit_format_ns")?,
        write: field_ns(&f, "write_ns")?,
        total: field_ns(&f, "total_ns")?,
        peak_kib: field(&f, "vmhwm_kib")?,
        codegen: median(&codegen),
    })
}

/// The 10k-over-1k (or largest-over-second-largest synthetic) per-action time ratio.
pub fn scaling(rows: &[Row]) -> Option<(f64, &Row, &Row)> {
    let synthetic: Vec<&Row> = rows.iter().filter(|r| r.case.size().is_some()).collect();
    let [.., small, big] = synthetic.as_slice() else {
        return None;
    };
    let ratio = big.per_action().as_secs_f64() / small.per_action().as_secs_f64().max(1e-12);
    Some((ratio, small, big))
}
