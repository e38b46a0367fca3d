//! Wall time and peak memory of a command and every process it starts:
//! `xtask bench-peak -- PROGRAM ARGS…` runs the command, waits for it, and prints
//! `bench-peak wall_ns=… peak_kib=…`.
//!
//! Why a process of its own: `getrusage(RUSAGE_CHILDREN)` reports the largest resident set
//! of any descendant a process has waited for, over its whole life. Run once per measured
//! command in a fresh process, it is the peak of that command alone. Linux folds the peak of
//! every process a child waited for into the child's own when it is reaped, so the figure
//! covers cargo and every `rustc` cargo ran. With the dependencies already built, cargo runs
//! one `rustc`, the generated crate's, which is by far the largest process of the tree
//! (cargo itself stays near 100 MiB, and the report shows cargo's own peak with nothing to
//! compile): the figure is the peak memory of rustc compiling the crate.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::cmd;
use super::stats::{field, field_ns, parse_fields};

/// The prefix of the line `bench-peak` prints.
const LINE: &str = "bench-peak";

/// One measured command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    /// Wall time from spawning the command to its exit.
    pub wall: Duration,
    /// Peak resident set of the largest process of its tree, in KiB.
    pub peak_kib: u64,
}

/// Runs `command` (program and arguments) under `xtask bench-peak`, with the working folder
/// and environment that `helper` (a `Command` for the xtask binary) was given.
pub fn measure(mut helper: Command, command: &Command) -> Result<Sample, String> {
    helper
        .arg("bench-peak")
        .arg("--")
        .arg(command.get_program())
        .args(command.get_args());
    let ran = cmd::run(&mut helper)?;
    let fields = parse_fields(&ran.stdout, LINE)
        .ok_or_else(|| format!("bench-peak printed no result line:\n{}", ran.stdout))?;
    Ok(Sample {
        wall: field_ns(&fields, "wall_ns")?,
        peak_kib: field(&fields, "peak_kib")?,
    })
}

/// `xtask bench-peak -- PROGRAM ARGS…`: see the module docs. The command's own output goes
/// where this process's goes; a failing command is an error.
pub fn child_command(args: &[String]) -> Result<(), String> {
    let [separator, program, rest @ ..] = args else {
        return Err("usage: xtask bench-peak -- PROGRAM [ARGS…]".into());
    };
    if separator != "--" {
        return Err(format!(
            "bench-peak: expected `--` before the command, got `{separator}`"
        ));
    }
    let mut command = Command::new(program);
    command.args(rest);
    let sample = run(&mut command)?;
    println!(
        "{LINE} wall_ns={} peak_kib={}",
        sample.wall.as_nanos(),
        sample.peak_kib
    );
    Ok(())
}

/// Runs `command` to completion in this process and reads the peak of every child this
/// process has waited for so far: in a fresh `bench-peak` process, that is `command`'s tree.
fn run(command: &mut Command) -> Result<Sample, String> {
    let shown = cmd::describe(command);
    let start = Instant::now();
    let status = command
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run `{shown}`: {e}"))?;
    let wall = start.elapsed();
    if !status.success() {
        return Err(format!("`{shown}` failed ({status})"));
    }
    let peak_kib = children_peak_kib()
        .ok_or("cannot read the peak memory of child processes (getrusage) on this system")?;
    Ok(Sample { wall, peak_kib })
}

/// The largest peak resident set, in KiB, of the child processes this process has waited
/// for and of the processes they waited for (`getrusage(RUSAGE_CHILDREN).ru_maxrss`, which
/// Linux gives in KiB); `None` where that is not available.
#[cfg(target_os = "linux")]
pub fn children_peak_kib() -> Option<u64> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::uninit();
    // SAFETY: `getrusage` writes a whole `rusage` through the pointer, which points to
    // writable memory of that type, and touches nothing else.
    let code = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()) };
    if code != 0 {
        return None;
    }
    // SAFETY: `getrusage` returned 0, so it filled the whole struct.
    let usage = unsafe { usage.assume_init() };
    u64::try_from(usage.ru_maxrss).ok()
}

/// Not measured off Linux (other systems give `ru_maxrss` in other units, or not at all).
#[cfg(not(target_os = "linux"))]
pub fn children_peak_kib() -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    // The peak itself is tested through the binary, in a fresh process as the bench runs it:
    // `tests/bench_peak.rs`.
    use super::*;

    #[test]
    fn failing_commands_and_bad_arguments_are_errors() {
        let err = run(Command::new("sh").args(["-c", "exit 3"])).unwrap_err();
        assert!(err.contains("sh -c exit 3"), "{err}");
        assert!(child_command(&[]).is_err());
        assert!(child_command(&["sh".into(), "-c".into(), "true".into()]).is_err());
        assert!(child_command(&["--".into(), "/nonexistent/program".into()]).is_err());
    }

    #[test]
    fn reads_the_line_the_helper_prints() {
        // A stand-in helper that prints what `bench-peak` prints, ignoring its arguments.
        let mut helper = Command::new("sh");
        helper.args([
            "-c",
            "echo noise; echo bench-peak wall_ns=5000 peak_kib=7",
            "sh",
        ]);
        let sample = measure(helper, &Command::new("true")).unwrap();
        assert_eq!(
            sample,
            Sample {
                wall: Duration::from_micros(5),
                peak_kib: 7
            }
        );
        let mut silent = Command::new("sh");
        silent.args(["-c", "true", "sh"]);
        assert!(measure(silent, &Command::new("true")).is_err());
    }
}
