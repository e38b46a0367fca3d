//! `xtask bench-peak`: the peak memory of a command's whole process tree, measured in a fresh
//! process as `cargo xtask bench` runs it.

use std::process::Command;

/// Runs `xtask bench-peak -- sh -c SCRIPT` and returns the peak it prints, in KiB.
fn peak_kib(script: &str) -> u64 {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["bench-peak", "--", "sh", "-c", script])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("bench-peak "))
        .unwrap_or_else(|| panic!("no result line in {stdout:?}"));
    let field = |key: &str| {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
            .unwrap_or_else(|| panic!("no {key} in {line:?}"))
            .parse::<u64>()
            .unwrap()
    };
    assert!(field("wall_ns") > 0);
    field("peak_kib")
}

#[test]
fn the_peak_is_the_largest_process_of_the_tree_and_only_of_this_command() {
    if !cfg!(target_os = "linux") {
        return;
    }
    // `sh` waits for `dd`, which fills a 64 MiB buffer (`; true` keeps `sh` from handing its
    // process over to `dd`): a grandchild of `bench-peak`, seen through `sh`.
    let big = peak_kib("dd if=/dev/zero of=/dev/null bs=64M count=1 2>/dev/null; true");
    assert!(
        (64 * 1024..256 * 1024).contains(&big),
        "peak {big} KiB: expected the 64 MiB of `dd`"
    );
    // A command that allocates nothing: neither `bench-peak` itself nor an earlier command
    // is counted.
    let small = peak_kib("true; true");
    assert!(small < 32 * 1024, "peak {small} KiB for `true`");
}

#[test]
fn a_failing_command_fails_the_measurement() {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["bench-peak", "--", "sh", "-c", "exit 3"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("exit 3"));
}
