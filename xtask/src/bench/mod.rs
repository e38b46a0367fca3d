//! `cargo xtask bench [--quick]`: the generator at scale, the compile cost of generated
//! crates (the whole API, the seed actions alone, a synthetic 1,000-action spec) and the
//! client's overhead against hand-written reqwest; prints the tables and (not with `--quick`,
//! which skips the compile cost) writes `BENCHMARKS.md`.
//!
//! Also `xtask bench-child <spec dir>` (one spec timed in a fresh process, see [`stages`]),
//! `xtask bench-peak -- COMMAND` (a command's wall time and peak memory, see [`peak`]) and
//! `cargo xtask synth` (see [`crate::synth`]), dispatched from here.

mod client;
mod cmd;
mod compile;
mod crate_stats;
mod generator;
mod machine;
mod peak;
mod report;
mod seed;
mod stages;
mod stats;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use self::generator::CaseKind;

/// Runs `bench`, `bench-child`, `bench-peak` or `synth` with the arguments after the command
/// name.
pub fn dispatch(command: &str, args: &[String]) -> Result<(), String> {
    match command {
        "bench" => bench(args),
        "bench-child" => stages::child_command(args),
        "bench-peak" => peak::child_command(args),
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

    progress(started, "writing the seed-only specs");
    let seed_specs = work.join("specs-seed");
    seed::write(&root.join("specs"), &seed_specs)?;
    let mut rows = Vec::new();
    for case in generator::cases(&root, &seed_specs, &work, quick)? {
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

    let compile = if quick {
        None
    } else {
        let subjects = compile_subjects(&root, &xtask, &rows)?;
        let tools = compile::Tools {
            xtask: xtask.clone(),
            target_dir: root.join(compile::TARGET_DIR),
        };
        Some(compile::run(&tools, subjects, &|what| {
            progress(started, what)
        })?)
    };

    let report = report::Report {
        command: command.into(),
        machine,
        generator: rows,
        compile,
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

/// The crates whose compile cost is measured: the checked-in whole API, the seed-only crate
/// and the synthetic 1,000-action crate, the last two generated under `target/bench-compile`
/// from the specs the generator rows used.
fn compile_subjects(
    root: &Path,
    xtask: &Path,
    rows: &[generator::Row],
) -> Result<Vec<compile::Subject>, String> {
    let find = |kind: &dyn Fn(CaseKind) -> bool| {
        rows.iter()
            .find(|r| kind(r.case.kind))
            .ok_or("the generator rows have no case for a compile-cost crate")
    };
    let whole = find(&|k| k == CaseKind::CheckedIn)?;
    let seed = find(&|k| k == CaseKind::Seed)?;
    let synthetic =
        find(&|k| matches!(k, CaseKind::Synthetic(size) if size.total_actions() == 1_000))?;
    let dir = root.join(compile::TARGET_DIR);
    Ok(vec![
        compile::Subject::checked_in(root, whole.shape.actions)?,
        compile::Subject::generate(
            root,
            xtask,
            &seed.case.specs,
            &dir.join("seed-crate"),
            ("seed only", compile::Kind::Seed, seed.shape.actions),
        )?,
        compile::Subject::generate(
            root,
            xtask,
            &synthetic.case.specs,
            &dir.join("synthetic-crate"),
            (
                &synthetic.case.label,
                compile::Kind::Synthetic,
                synthetic.shape.actions,
            ),
        )?,
    ])
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
