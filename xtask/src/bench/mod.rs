//! `cargo xtask bench [--quick]`: the generator at scale, the compile cost of generated
//! crates and the client's overhead against hand-written reqwest; prints the tables and (not
//! with `--quick`) writes `BENCHMARKS.md`.
//!
//! Also `xtask bench-child <spec dir>` (one spec timed in a fresh process, see [`stages`])
//! and `cargo xtask synth` (see [`crate::synth`]), dispatched from here.

mod client;
mod cmd;
mod compile;
mod generator;
mod machine;
mod report;
mod stages;
mod stats;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Runs `bench`, `bench-child` or `synth` with the arguments after the command name.
pub fn dispatch(command: &str, args: &[String]) -> Result<(), String> {
    match command {
        "bench" => bench(args),
        "bench-child" => stages::child_command(args),
        "synth" => crate::synth::command(args),
        other => Err(format!("not a benchmark command: `{other}`")),
    }
}

fn bench(args: &[String]) -> Result<(), String> {
    let quick = match args {
        [] => false,
        [flag] if flag == "--quick" => true,
        _ => return Err("usage: cargo xtask bench [--quick]".into()),
    };
    let started = Instant::now();
    let root = crate::root();
    let command = if quick {
        "cargo xtask bench --quick"
    } else {
        "cargo xtask bench"
    };
    let machine = machine::describe(&root);
    progress(
        started,
        "building target/release/xtask and the client benchmark",
    );
    let xtask = build_release_xtask(&root)?;
    client::build(&root)?;
    let build_time = started.elapsed();
    let work = root.join("target/bench");
    let scratch = std::env::temp_dir().join(format!("xtask-bench-{}", std::process::id()));

    let mut rows = Vec::new();
    for case in generator::cases(&root, &work, quick)? {
        progress(started, &format!("generator: {}", case.label));
        rows.push(generator::measure(&xtask, &case, &scratch)?);
    }
    cmd::remove_dir(&scratch)?;
    cmd::remove_dir(&stages::default_scratch())?;

    let (iterations, warmup) = if quick { (50, 10) } else { (5_000, 500) };
    progress(
        started,
        &format!("client overhead: {iterations} iterations"),
    );
    let client = client::run(&root, iterations, warmup)?;

    let mut compile_rows = Vec::new();
    let mut compile_synthetic = None;
    if !quick {
        progress(started, "compile cost: generated-client");
        compile_rows = compile::checked_in(&root)?;
        if let Some(row) = rows
            .iter()
            .find(|r| r.case.size.is_some_and(|s| s.total_actions() == 1_000))
        {
            let label = format!("{} actions", generator::fmt_actions(row));
            progress(
                started,
                &format!("compile cost: synthetic crate of {label}"),
            );
            let synth_work = root.join("target/bench-synth");
            compile_rows.push(compile::synthetic(
                &root,
                &xtask,
                &row.case.specs,
                &synth_work,
                &format!("synthetic, {label}"),
            )?);
            compile_synthetic = Some((format!("synthetic {label}"), row.lines_per_action()));
        }
    }

    let report = report::Report {
        command: command.into(),
        machine,
        generator: rows,
        compile: compile_rows,
        compile_synthetic,
        client,
        elapsed: started.elapsed(),
        build_time,
    };
    let text = report.markdown();
    println!("{text}");
    if !quick {
        let path = root.join("BENCHMARKS.md");
        let existing = std::fs::read_to_string(&path).ok();
        std::fs::write(&path, report::merge_profile(&text, existing.as_deref()))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }
    progress(
        started,
        &format!(
            "done: {:.1} s in all, {:.1} s after building",
            started.elapsed().as_secs_f64(),
            (started.elapsed() - build_time).as_secs_f64()
        ),
    );
    Ok(())
}

/// Prints where the run is, with the time since it started, on standard error.
fn progress(started: Instant, what: &str) {
    eprintln!("[{:>6.1} s] {what}", started.elapsed().as_secs_f64());
}

/// Builds `target/release/xtask` (the generator timings are of the release profile) and
/// returns its path.
fn build_release_xtask(root: &Path) -> Result<PathBuf, String> {
    cmd::run(Command::new(compile::cargo()).current_dir(root).args([
        "build",
        "--quiet",
        "--release",
        "-p",
        "xtask",
    ]))?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root.join("target"), |dir| root.join(dir));
    let binary = target.join("release/xtask");
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(format!("the release build left no {}", binary.display()))
    }
}
