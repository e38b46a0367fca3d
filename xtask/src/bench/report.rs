//! The report: Markdown tables printed by `cargo xtask bench` and written to `BENCHMARKS.md`,
//! and the targets checked against the results.

use std::fmt::Write as _;
use std::time::Duration;

use super::compile::{Features, Kind, Mode};
use super::generator::CaseKind;
use super::stats::{fmt_count, fmt_duration, fmt_kib, fmt_memory};
use super::{client, compile, generator, machine::Machine};

/// The heading of the hand-written profile section, which rewriting the file keeps.
pub const PROFILE_HEADING: &str = "## Profile";

/// Everything one run measured.
#[derive(Debug)]
pub struct Report {
    /// The command as typed.
    pub command: String,
    /// The machine and checkout.
    pub machine: Machine,
    /// Generator rows: the checked-in specs, the seed-only specs, synthetic specs by size.
    pub generator: Vec<generator::Row>,
    /// The compile cost; `None` with `--quick`.
    pub compile: Option<compile::Section>,
    /// The client benchmark.
    pub client: client::Result,
    /// How long the run took.
    pub elapsed: Duration,
    /// Of that, the time spent building the release xtask and the client benchmark.
    pub build_time: Duration,
}

/// One target and how the run compares.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// The issue that set it.
    pub issue: u32,
    /// The target, in words.
    pub what: String,
    /// The measured value.
    pub result: String,
    /// Met, not met, or not measured in this run.
    pub met: Option<bool>,
}

fn target(issue: u32, what: &str, measured: Option<(String, bool)>) -> Target {
    let (result, met) = match measured {
        Some((result, met)) => (result, Some(met)),
        None => ("not measured in this run".into(), None),
    };
    Target {
        issue,
        what: what.to_owned(),
        result,
        met,
    }
}

const MS: fn(u64) -> Duration = Duration::from_millis;
const SECS: fn(u64) -> Duration = Duration::from_secs;

/// 3 GiB in KiB: issue 10's ceiling on rustc's peak memory.
const THREE_GIB_IN_KIB: u64 = 3 * 1024 * 1024;

/// Reads one stage's time from a generator row.
type Stage = fn(&generator::Row) -> Duration;

impl Report {
    /// The targets, each with this run's result: issue 5's (generator, seed crate, client),
    /// then issue 10's (the whole API's compile cost).
    pub fn targets(&self) -> Vec<Target> {
        let row = |pred: &dyn Fn(&generator::Row) -> bool| self.generator.iter().find(|r| pred(r));
        let seed_specs = row(&|r| r.case.kind == CaseKind::Seed);
        let at = |n: usize| row(&|r| r.case.size().is_some_and(|s| s.total_actions() == n));
        let time_within = |r: Option<&generator::Row>, limit: Duration| {
            r.map(|r| (fmt_duration(r.total), r.total <= limit))
        };
        let big = at(10_000);
        let scaling = generator::scaling(&self.generator)
            .filter(|(_, small, big)| small.shape.actions == 1_000 && big.shape.actions == 10_000);
        let compiled = |kind, mode, features| {
            self.compile
                .as_ref()
                .and_then(|c| c.row(kind, mode, features))
        };
        let wall_within = |r: Option<&compile::Row>, limit: Duration| {
            r.map(|r| (fmt_duration(r.wall), r.wall <= limit))
        };
        let whole_check = compiled(Kind::WholeApi, Mode::Check, Features::All);
        let (p50, _) = self.client.ratios();
        vec![
            target(
                5,
                "seed specs (16 actions, the checked-in specs when the target was set): whole pipeline in process <= 20 ms",
                time_within(seed_specs, MS(20)),
            ),
            target(
                5,
                "1,000 actions: whole pipeline <= 200 ms",
                time_within(at(1_000), MS(200)),
            ),
            target(
                5,
                "10,000 actions: whole pipeline <= 2 s",
                time_within(big, MS(2_000)),
            ),
            target(
                5,
                "10,000 actions: peak memory <= 200 MB",
                big.map(|r| {
                    (
                        format!(
                            "{} ({:.0} MB)",
                            fmt_kib(r.peak_kib),
                            r.peak_kib as f64 * 1.024e-3
                        ),
                        r.peak_kib * 1024 <= 200_000_000,
                    )
                }),
            ),
            target(
                5,
                "time per action at 10,000 / at 1,000 <= 1.5",
                scaling.map(|(ratio, _, _)| (format!("{ratio:.2}"), ratio <= 1.5)),
            ),
            target(
                5,
                "seed-only crate (the checked-in crate when the target was set): `cargo build` (debug) <= 2 s",
                wall_within(
                    compiled(Kind::Seed, Mode::Build, Features::Default),
                    MS(2_000),
                ),
            ),
            target(
                5,
                "client overhead: generated / hand-written at p50 <= 1.05",
                Some((format!("{p50:.3}"), p50 <= 1.05)),
            ),
            target(
                10,
                "whole API: `cargo check --all-features` <= 45 s",
                wall_within(whole_check, SECS(45)),
            ),
            target(
                10,
                "whole API: `cargo check --all-features`, peak rustc memory <= 3 GiB",
                whole_check.map(|r| (fmt_memory(r.peak_kib), r.peak_kib <= THREE_GIB_IN_KIB)),
            ),
            target(
                10,
                "whole API: `cargo build` (debug) <= 90 s",
                wall_within(
                    compiled(Kind::WholeApi, Mode::Build, Features::Default),
                    SECS(90),
                ),
            ),
            target(
                10,
                "one resource (`--no-default-features --features losant-org`): `cargo build` (debug) <= 10 s",
                wall_within(
                    compiled(
                        Kind::WholeApi,
                        Mode::Build,
                        Features::Only(compile::ONE_RESOURCE),
                    ),
                    SECS(10),
                ),
            ),
        ]
    }

    /// The report as Markdown, without the profile section.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let m = &self.machine;
        let _ = writeln!(
            out,
            "# Benchmarks\n\nWritten by `{}`; rerun it to refresh the figures (the Profile section at the end is written by hand and kept). The machine is shared and noisy: compare figures measured in the same run, and read ratios rather than absolute times.\n",
            self.command
        );
        let _ = writeln!(out, "## Machine and run\n\n| | |\n|---|---|");
        for (k, v) in [
            ("date", m.date.clone()),
            ("commit", m.commit.clone()),
            ("command", format!("`{}`", self.command)),
            ("CPU", format!("{} × {} logical CPUs", m.cpu_model, m.cpus)),
            ("memory", m.memory.clone()),
            ("kernel", m.kernel.clone()),
            ("toolchain", m.rustc.clone()),
            (
                "run time",
                format!(
                    "{} ({} of it building `target/release/xtask` and the client benchmark)",
                    fmt_duration(self.elapsed),
                    fmt_duration(self.build_time)
                ),
            ),
        ] {
            let _ = writeln!(out, "| {k} | {v} |");
        }
        out.push('\n');
        self.targets_section(&mut out);
        self.compile_section(&mut out);
        self.generator_section(&mut out);
        self.client_section(&mut out);
        out.push_str(REPRODUCE);
        out
    }

    fn targets_section(&self, out: &mut String) {
        let _ = writeln!(
            out,
            "## Targets\n\n| issue | target | result | |\n|--:|---|---|---|"
        );
        for t in self.targets() {
            let verdict = match t.met {
                Some(true) => "met",
                Some(false) => "**not met**",
                None => "—",
            };
            let _ = writeln!(
                out,
                "| #{} | {} | {} | {verdict} |",
                t.issue, t.what, t.result
            );
        }
        out.push('\n');
    }

    fn generator_section(&self, out: &mut String) {
        out.push_str(
            "## Generator\n\nEach spec runs in a fresh `target/release/xtask bench-child <spec dir>` process (release profile): the stages are timed in process (median of the runs; from 5 runs on, one warm-up run first) and the peak memory is the child's `VmHWM`. `emit + format` is `generator::rust_client::generate`, which emits and formats (prettyplease) each file in one call, so the two are timed together. `write` writes the crate into an empty folder on a tmpfs (`/dev/shm`), so that it measures the generator rather than the disk, whose flushing varies tenfold between runs on this shared machine. `xtask codegen` is the whole `target/release/xtask codegen --specs <spec dir> --out <empty dir on disk>` process, timed from outside (median of up to 7 runs). The generator emits, formats and writes on every core, so these are wall times of parallel work. `seed only` is the 16 seed actions with the models they need, copied out of `specs/` into `target/bench/specs-seed` (see the compile cost).\n\n",
        );
        out.push_str("| spec | resources | actions | models | generated files | runs | load + validate | emit + format | write | total | per action | `xtask codegen` process | peak memory |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for r in &self.generator {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                r.case.label,
                fmt_count(r.shape.resources as u64),
                fmt_count(r.shape.actions as u64),
                fmt_count(r.shape.models as u64),
                fmt_count(r.shape.files as u64),
                r.case.runs,
                fmt_duration(r.load_validate),
                fmt_duration(r.emit_format),
                fmt_duration(r.write),
                fmt_duration(r.total),
                fmt_duration(r.per_action()),
                fmt_duration(r.codegen),
                fmt_kib(r.peak_kib),
            );
        }
        if let Some((ratio, small, big)) = generator::scaling(&self.generator) {
            let _ = writeln!(
                out,
                "\nScaling: time per action at {} actions / at {} actions = **{ratio:.2}** (1.0 is linear).",
                fmt_count(big.shape.actions as u64),
                fmt_count(small.shape.actions as u64),
            );
            let per =
                |r: &generator::Row, f: Stage| f(r).as_secs_f64() / r.shape.actions.max(1) as f64;
            let stages: [(&str, Stage); 3] = [
                ("load + validate", |r| r.load_validate),
                ("emit + format", |r| r.emit_format),
                ("write", |r| r.write),
            ];
            let parts: Vec<String> = stages
                .iter()
                .map(|(name, f)| format!("{name} {:.2}", per(big, *f) / per(small, *f).max(1e-15)))
                .collect();
            let _ = writeln!(out, "By stage: {}.", parts.join(", "));
        }
        out.push_str("\nGenerated Rust per action (without the files copied from `templates/`):");
        for r in &self.generator {
            let _ = write!(
                out,
                " {} {:.0} lines ({:.1} MB in all);",
                r.case.label,
                r.lines_per_action(),
                r.shape.bytes as f64 / 1e6
            );
        }
        out.pop();
        out.push_str(".\n\n");
    }

    fn compile_section(&self, out: &mut String) {
        out.push_str("## Compile cost\n\n");
        let Some(section) = &self.compile else {
            out.push_str("Not measured with `--quick`.\n\n");
            return;
        };
        let alone = section.cargo_alone.map_or_else(
            || "not measured".to_owned(),
            |s| format!("{} and {}", fmt_duration(s.wall), fmt_memory(s.peak_kib)),
        );
        let _ = writeln!(
            out,
            "What a maintainer (`cargo check`) and a downstream crate (`cargo build`, debug) wait for once the dependencies are built. Every figure is the median of {runs} runs, each compiling the generated crate **from scratch**: `CARGO_INCREMENTAL=0` (a workspace member is otherwise compiled incrementally, and a touched file then costs a fraction of a real check), `src/lib.rs` touched before each run, after one untimed run of the same command that builds the dependencies. The wall time is the whole cargo process: cargo's own start-up and fingerprinting are in it ({alone} for the first command with nothing to compile). The peak memory is the largest resident set of any process of the command (`getrusage(RUSAGE_CHILDREN)` in a fresh `xtask bench-peak` process, the largest of the {runs} runs): with the dependencies built that is rustc compiling the generated crate. Every crate compiles into `{dir}`; the seed-only and synthetic crates are generated into `{dir}/seed-crate` and `{dir}/synthetic-crate`, each a workspace of its own with the repository's `Cargo.lock`.\n",
            runs = compile::RUNS,
            dir = compile::TARGET_DIR,
        );
        out.push_str("| crate | command | features | wall time (median) | fastest – slowest | peak memory (rustc) |\n|---|---|---|--:|--:|--:|\n");
        for r in &section.rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} | **{}** | {} – {} | {} |",
                r.krate,
                r.mode.shown(),
                r.features.shown(),
                fmt_duration(r.wall),
                fmt_duration(r.range.0),
                fmt_duration(r.range.1),
                fmt_memory(r.peak_kib),
            );
        }
        out.push_str("\nThe crates: lines and types of the Rust generated from the specs (every feature's code; the runtime and the mock server, copied from `templates/`, counted apart).\n\n| crate | actions | generated files | generated lines | lines per action | structs | enums | lines copied from `templates/` |\n|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for s in &section.subjects {
            let st = &s.stats;
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {:.0} | {} | {} | {} |",
                s.label,
                fmt_count(s.actions as u64),
                fmt_count(st.files as u64),
                fmt_count(st.lines as u64),
                st.lines_per_action(s.actions),
                fmt_count(st.structs as u64),
                fmt_count(st.enums as u64),
                fmt_count(st.copied_lines as u64),
            );
        }
        if let Some(line) = side_by_side(section) {
            let _ = writeln!(out, "\n{line}");
        }
        out.push('\n');
    }

    fn client_section(&self, out: &mut String) {
        let c = &self.client;
        let (p50, p99) = c.ratios();
        let _ = writeln!(
            out,
            "## Client overhead\n\n`client.org().patch(org_id, body).summary_include(\"x\").losantdomain(\"example.com\").send()` through the generated client, against the same request written by hand with reqwest (same `reqwest::Client`, handed to the generated client with `ClientBuilder::reqwest_client` and built with `redirect::Policy::none()`, since the generated client follows redirects itself; same headers, JSON body and timeout; status checked; body decoded with serde_json into the same generated `losant::models::Org`, so the ratio measures the request path, and the decoding table below the model). The server (hyper, HTTP/1.1 keep-alive, on 127.0.0.1, its own thread) answers every request with a {} byte `Org`. The two paths alternate in one run ({} measured iterations each, after a warm-up; which goes first alternates). Allocations are counted by a counting global allocator on the client's thread only. Both paths sent identical requests (method, URI, headers, body): **{}**.\n\nCommand: `{}`\n",
            c.body_bytes,
            fmt_count(c.iterations),
            if c.same_request { "yes" } else { "no" },
            c.command
        );
        out.push_str("| path | p50 | p99 | allocations / request | bytes allocated / request |\n|---|--:|--:|--:|--:|\n");
        let _ = writeln!(
            out,
            "| generated client | {} | {} | {:.1} | {} |",
            fmt_duration(c.generated.0),
            fmt_duration(c.generated.1),
            c.allocations.0,
            fmt_count(c.alloc_bytes.0 as u64)
        );
        let _ = writeln!(
            out,
            "| hand-written reqwest | {} | {} | {:.1} | {} |",
            fmt_duration(c.hand.0),
            fmt_duration(c.hand.1),
            c.allocations.1,
            fmt_count(c.alloc_bytes.1 as u64)
        );
        let _ = writeln!(
            out,
            "| **generated / hand-written** | **{p50:.3}** | {p99:.3} | {:.2} | {:.2} |\n",
            c.allocations.0 / c.allocations.1.max(1e-9),
            c.alloc_bytes.0 / c.alloc_bytes.1.max(1e-9)
        );
        let _ = writeln!(
            out,
            "Decoding alone: the same {} bytes decoded from bytes {} times each way, in turn (median). Generated models decode through `runtime::Object`: the object is read into a `serde_json::Map` (a `BTreeMap`: the benchmark uses serde_json's default build, as a downstream crate does), then each field is taken out and decoded from its `Value`. The baseline is the same model decoded by serde's derive (`bench/src/derived.rs`: the same fields and types, tested to decode the body into the same JSON).\n",
            c.body_bytes,
            fmt_count(c.iterations),
        );
        out.push_str("| decoding | p50 | allocations |\n|---|--:|--:|\n");
        for (name, time, allocations) in [
            (
                "generated `Org` (`runtime::Object`)",
                c.decode[0],
                c.decode_allocations[0],
            ),
            (
                "the same model, serde's derive",
                c.decode[1],
                c.decode_allocations[1],
            ),
            (
                "`serde_json::Value` (the tree `runtime::Object` reads first)",
                c.decode[2],
                c.decode_allocations[2],
            ),
        ] {
            let _ = writeln!(
                out,
                "| {name} | {} | {allocations:.1} |",
                fmt_duration(time)
            );
        }
        let _ = writeln!(out, "\n{}\n", decode_cost(c));
    }
}

/// The whole API against the seed-only crate, in ratios.
fn side_by_side(section: &compile::Section) -> Option<String> {
    let whole = section.subject(Kind::WholeApi)?;
    let seed = section.subject(Kind::Seed)?;
    let ratio = |a: f64, b: f64| a / b.max(1e-9);
    let check = |kind| section.row(kind, Mode::Check, Features::All);
    let (wc, sc) = (check(Kind::WholeApi)?, check(Kind::Seed)?);
    Some(format!(
        "Whole API against seed only: {:.1}× the actions, {:.1}× the generated lines ({:.0} against {:.0} per action), {:.1}× the types; `cargo check --all-features` {:.1}× the time and {:.1}× the peak memory.",
        ratio(whole.actions as f64, seed.actions as f64),
        ratio(whole.stats.lines as f64, seed.stats.lines as f64),
        whole.stats.lines_per_action(whole.actions),
        seed.stats.lines_per_action(seed.actions),
        ratio(
            (whole.stats.structs + whole.stats.enums) as f64,
            (seed.stats.structs + seed.stats.enums) as f64
        ),
        ratio(wc.wall.as_secs_f64(), sc.wall.as_secs_f64()),
        ratio(wc.peak_kib as f64, sc.peak_kib as f64),
    ))
}

/// What decoding through `runtime::Object` costs per response, against serde's derive.
fn decode_cost(c: &client::Result) -> String {
    let [generated, derived, _] = c.decode;
    let extra = generated.as_secs_f64() - derived.as_secs_f64();
    let share = extra / c.generated.0.as_secs_f64().max(1e-12) * 100.0;
    let verb = if extra >= 0.0 { "costs" } else { "saves" };
    format!(
        "Decoding through `runtime::Object` {verb} **{}** per response against serde's derive ({:.2}× its time, {:+.1} allocations), {:.1} % of the generated request's p50.",
        fmt_duration(Duration::from_secs_f64(extra.abs())),
        generated.as_secs_f64() / derived.as_secs_f64().max(1e-12),
        c.decode_allocations[0] - c.decode_allocations[1],
        share.abs(),
    )
}

const REPRODUCE: &str = "## How to reproduce

```sh
cargo xtask bench          # everything, rewrites BENCHMARKS.md (~30 minutes on 2 cores, after the release builds)
cargo xtask bench --quick  # tiny sizes, no compile cost, prints only (CI smoke test)
```

`cargo xtask bench` builds `target/release/xtask` first (`cargo build --release -p xtask`) and
times that binary. The parts can be run alone:

```sh
cargo xtask synth --resources 100 --actions 100 --out target/bench/specs-100x100
target/release/xtask bench-child target/bench/specs-100x100 --runs 3
target/release/xtask codegen --specs target/bench/specs-100x100 --out /tmp/synth-crate
cargo bench -p client-bench --bench client_overhead -- --iterations 5000 --warmup 500
# one compile-cost run: the dependencies first, then the timed, non-incremental check
CARGO_TARGET_DIR=target/bench-compile CARGO_INCREMENTAL=0 cargo check -p generated-client --all-features
touch generated-client/src/lib.rs
CARGO_TARGET_DIR=target/bench-compile CARGO_INCREMENTAL=0 \\
  target/release/xtask bench-peak -- cargo check -p generated-client --all-features
```

";

/// Replaces `BENCHMARKS.md`'s content with `report`, keeping the existing profile section
/// (from its heading to the end of the file).
pub fn merge_profile(report: &str, existing: Option<&str>) -> String {
    let profile = existing.and_then(|text| {
        text.find(&format!("\n{PROFILE_HEADING}"))
            .map(|at| text[at + 1..].to_owned())
    });
    match profile {
        Some(profile) => format!("{}\n\n{}", report.trim_end(), profile.trim_end()) + "\n",
        None => format!(
            "{}\n\n{PROFILE_HEADING}\n\nNot profiled yet.\n",
            report.trim_end()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_profile_section() {
        let old = "# Benchmarks\nold figures\n\n## Profile\n\nhand-written findings\n";
        let merged = merge_profile("# Benchmarks\nnew figures\n", Some(old));
        assert!(merged.contains("new figures") && !merged.contains("old figures"));
        assert!(merged.ends_with("## Profile\n\nhand-written findings\n"));
        let fresh = merge_profile("# Benchmarks\n", None);
        assert!(fresh.contains(PROFILE_HEADING));
    }
}
