//! The generator's stages timed in process, and `xtask bench-child <spec dir>`, which runs
//! them in a fresh process so that its peak memory belongs to one spec size.
//!
//! `generator::emit::generate` emits and formats each file in one call, so emitting and
//! formatting are timed together.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::cmd::remove_dir;
use super::crate_stats::CrateStats;
use super::stats::median;

/// What one spec root produces: counts, for per-action figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// APIs in the spec root.
    pub apis: usize,
    /// Resources over all APIs.
    pub resources: usize,
    /// Actions over all APIs.
    pub actions: usize,
    /// Models (named and inline types) over all APIs.
    pub models: usize,
    /// Files of the generated crate.
    pub files: usize,
    /// Lines of the generated crate's Rust files.
    pub rust_lines: usize,
    /// Of those, the lines of the files copied from `templates/` (the runtime and the mock
    /// server, the same for any spec).
    pub runtime_lines: usize,
    /// Bytes of all generated files.
    pub bytes: usize,
}

/// The time of each stage in one run.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimes {
    /// `load::load_dir` and `validate::validate`.
    pub load_validate: Duration,
    /// `emit::generate`: token streams, prettyplease and headers.
    pub emit_format: Duration,
    /// `write::write_crate` into an empty folder.
    pub write: Duration,
}

impl StageTimes {
    /// The whole pipeline.
    pub fn total(&self) -> Duration {
        self.load_validate + self.emit_format + self.write
    }
}

/// Runs the pipeline once on `specs`, writing the crate into `out` (which must not exist).
pub fn run_once(specs: &Path, templates: &Path, out: &Path) -> Result<(StageTimes, Shape), String> {
    let start = Instant::now();
    let ir = generator::load_and_validate(specs).map_err(|d| d.to_string())?;
    let loaded = Instant::now();
    let files = generator::rust_client::generate(&ir, templates).map_err(|e| match e {
        generator::rust_client::ClientError::Spec(d) => d.to_string(),
        generator::rust_client::ClientError::Emit(e) => e.to_string(),
    })?;
    let emitted = Instant::now();
    generator::write::write_crate(out, &files)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let written = Instant::now();
    let times = StageTimes {
        load_validate: loaded - start,
        emit_format: emitted - loaded,
        write: written - emitted,
    };
    let mut rust = CrateStats::default();
    for file in files
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "rs"))
    {
        rust.add(&file.contents);
    }
    let shape = Shape {
        apis: ir.apis.len(),
        resources: ir.apis.iter().map(|a| a.resources.len()).sum(),
        actions: ir
            .apis
            .iter()
            .flat_map(|a| &a.resources)
            .map(|r| r.actions.len())
            .sum(),
        models: ir.apis.iter().map(|a| a.models.len()).sum(),
        files: files.len(),
        rust_lines: rust.lines + rust.copied_lines,
        runtime_lines: rust.copied_lines,
        bytes: files.iter().map(|f| f.contents.len()).sum(),
    };
    Ok((times, shape))
}

/// Peak resident memory of this process (`VmHWM`), in KiB; `None` off Linux.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Where the write stage writes by default: a tmpfs (`/dev/shm`) when there is one, so that
/// the stage measures the generator and the kernel rather than the disk's flushing (which
/// varies tenfold between runs on a shared machine), else the temp folder.
pub fn default_scratch() -> PathBuf {
    let shm = Path::new("/dev/shm");
    let base = if shm.is_dir() {
        shm.to_owned()
    } else {
        std::env::temp_dir()
    };
    base.join(format!("xtask-bench-{}", std::process::id()))
}

/// `xtask bench-child <spec dir> [--runs N] [--scratch DIR]`: runs the pipeline `N` times
/// (one unmeasured warm-up first when `N >= 5`) and prints one line,
/// `bench-child key=value …`, with the median of each stage in nanoseconds and the peak
/// memory.
pub fn child_command(args: &[String]) -> Result<(), String> {
    let mut specs = None;
    let mut runs = 5usize;
    let mut scratch = default_scratch();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--runs" => {
                let text = it.next().ok_or("--runs needs a number")?;
                runs = text
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("--runs needs a positive number, got `{text}`"))?;
            }
            "--scratch" => scratch = it.next().ok_or("--scratch needs a folder")?.into(),
            other if specs.is_none() && !other.starts_with('-') => {
                specs = Some(PathBuf::from(other))
            }
            other => return Err(format!("bench-child: unknown argument `{other}`")),
        }
    }
    let specs = specs.ok_or("usage: xtask bench-child <spec dir> [--runs N] [--scratch DIR]")?;
    let templates = crate::root().join("templates");
    let warmups = usize::from(runs >= 5);
    let mut samples = Vec::with_capacity(runs);
    let mut shape = Shape::default();
    for i in 0..warmups + runs {
        let out = scratch.join(format!("run-{i}"));
        remove_dir(&out)?;
        let (times, s) = run_once(&specs, &templates, &out)?;
        remove_dir(&out)?;
        shape = s;
        if i >= warmups {
            samples.push(times);
        }
    }
    let _ = std::fs::remove_dir(&scratch);
    let med = |f: fn(&StageTimes) -> Duration| {
        median(&samples.iter().map(f).collect::<Vec<_>>()).as_nanos()
    };
    let min_total = samples
        .iter()
        .map(StageTimes::total)
        .min()
        .unwrap_or_default();
    println!(
        "bench-child apis={} resources={} actions={} models={} files={} rust_lines={} runtime_lines={} bytes={} runs={runs} load_validate_ns={} emit_format_ns={} write_ns={} total_ns={} total_min_ns={} vmhwm_kib={}",
        shape.apis,
        shape.resources,
        shape.actions,
        shape.models,
        shape.files,
        shape.rust_lines,
        shape.runtime_lines,
        shape.bytes,
        med(|t| t.load_validate),
        med(|t| t.emit_format),
        med(|t| t.write),
        med(StageTimes::total),
        min_total.as_nanos(),
        peak_rss_kib().unwrap_or(0),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_the_checked_in_specs() {
        let root = crate::root();
        let out = std::env::temp_dir().join(format!("xtask-stages-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let (times, shape) = run_once(&root.join("specs"), &root.join("templates"), &out).unwrap();
        let _ = std::fs::remove_dir_all(&out);
        assert!(times.total() > Duration::ZERO);
        assert!(shape.actions > 0 && shape.resources > 0 && shape.models > 0);
        assert!(shape.rust_lines > shape.runtime_lines && shape.runtime_lines > 0);
    }

    #[test]
    fn bad_arguments_are_errors() {
        assert!(child_command(&[]).is_err());
        assert!(child_command(&["specs".into(), "--runs".into(), "0".into()]).is_err());
        assert!(child_command(&["/nonexistent-spec-dir".into()]).is_err());
    }

    #[test]
    fn reads_peak_memory() {
        if cfg!(target_os = "linux") {
            assert!(peak_rss_kib().is_some_and(|k| k > 0));
        }
    }
}
