//! Running child commands with their wall time measured from outside.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A finished command.
#[derive(Debug)]
pub struct Ran {
    /// Wall time from spawning to exit.
    pub elapsed: Duration,
    /// Its standard output.
    pub stdout: String,
}

/// Runs `cmd` to completion, capturing its output; a non-zero exit is an error that shows
/// the command and the end of its standard error.
pub fn run(cmd: &mut Command) -> Result<Ran, String> {
    let shown = describe(cmd);
    let start = Instant::now();
    let output = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run `{shown}`: {e}"))?;
    let elapsed = start.elapsed();
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(30).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "`{shown}` failed ({}):\n{}",
            output.status,
            tail.join("\n")
        ));
    }
    Ok(Ran {
        elapsed,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
    })
}

/// The command as a shell would show it (program and arguments).
pub fn describe(cmd: &Command) -> String {
    let mut parts = vec![cmd.get_program().to_string_lossy().into_owned()];
    parts.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
    parts.join(" ")
}

/// Sets the modification time of `path` to now, like `touch`, so that cargo rebuilds the
/// crate that holds it.
pub fn touch(path: &Path) -> Result<(), String> {
    std::fs::File::options()
        .append(true)
        .open(path)
        .and_then(|f| f.set_modified(std::time::SystemTime::now()))
        .map_err(|e| format!("cannot touch {}: {e}", path.display()))
}

/// Removes a folder and everything in it; a missing folder is fine.
pub fn remove_dir(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("cannot remove {}: {e}", dir.display()))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_failures_with_the_command() {
        let err = run(Command::new("sh").args(["-c", "echo oops >&2; exit 3"])).unwrap_err();
        assert!(err.contains("sh -c") && err.contains("oops"), "{err}");
        assert!(run(&mut Command::new("/nonexistent/program")).is_err());
        let ran = run(Command::new("sh").args(["-c", "echo hi"])).unwrap();
        assert_eq!(ran.stdout.trim(), "hi");
    }
}
