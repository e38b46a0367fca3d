//! The report: Markdown tables printed by `cargo xtask bench` and written to `BENCHMARKS.md`,
//! and the targets checked against the results.

use std::fmt::Write as _;
use std::time::Duration;

use super::stats::{fmt_count, fmt_duration, fmt_kib};
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
    /// Generator rows, smallest spec first.
    pub generator: Vec<generator::Row>,
    /// Compile-cost rows; empty with `--quick`.
    pub compile: Vec<compile::Row>,
    /// Lines per action of the synthetic crate measured for compile cost, with its label.
    pub compile_synthetic: Option<(String, f64)>,
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
    /// The target, in words.
    pub what: String,
    /// The measured value.
    pub result: String,
    /// Met, not met, or not measured in this run.
    pub met: Option<bool>,
}

fn target(what: &str, measured: Option<(String, bool)>) -> Target {
    let (result, met) = match measured {
        Some((result, met)) => (result, Some(met)),
        None => ("not measured in this run".into(), None),
    };
    Target {
        what: what.to_owned(),
        result,
        met,
    }
}

const MS: fn(u64) -> Duration = Duration::from_millis;

/// Reads one stage's time from a generator row.
type Stage = fn(&generator::Row) -> Duration;

impl Report {
    /// The targets, each with this run's result.
    pub fn targets(&self) -> Vec<Target> {
        let row = |pred: &dyn Fn(&generator::Row) -> bool| self.generator.iter().find(|r| pred(r));
        let checked_in = row(&|r| r.case.size.is_none());
        let at = |n: usize| row(&|r| r.case.size.is_some_and(|s| s.total_actions() == n));
        let time_within = |r: Option<&generator::Row>, limit: Duration| {
            r.map(|r| (fmt_duration(r.total), r.total <= limit))
        };
        let big = at(10_000);
        let scaling = generator::scaling(&self.generator)
            .filter(|(_, small, big)| small.shape.actions == 1_000 && big.shape.actions == 10_000);
        let debug_build = self
            .compile
            .iter()
            .find(|c| c.krate.starts_with("generated-client") && c.features.starts_with("all"));
        let (p50, _) = self.client.ratios();
        vec![
            target(
                "checked-in specs: whole pipeline in process <= 20 ms",
                time_within(checked_in, MS(20)),
            ),
            target(
                "1,000 actions: whole pipeline <= 200 ms",
                time_within(at(1_000), MS(200)),
            ),
            target(
                "10,000 actions: whole pipeline <= 2 s",
                time_within(big, MS(2_000)),
            ),
            target(
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
                "time per action at 10,000 / at 1,000 <= 1.5",
                scaling.map(|(ratio, _, _)| (format!("{ratio:.2}"), ratio <= 1.5)),
            ),
            target(
                "checked-in generated-client: debug build of the crate <= 2 s",
                debug_build.map(|c| (fmt_duration(c.debug), c.debug <= MS(2_000))),
            ),
            target(
                "client overhead: generated / hand-written at p50 <= 1.05",
                Some((format!("{p50:.3}"), p50 <= 1.05)),
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
        self.generator_section(&mut out);
        self.compile_section(&mut out);
        self.client_section(&mut out);
        out.push_str(REPRODUCE);
        out
    }

    fn targets_section(&self, out: &mut String) {
        let _ = writeln!(out, "## Targets\n\n| target | result | |\n|---|---|---|");
        for t in self.targets() {
            let verdict = match t.met {
                Some(true) => "met",
                Some(false) => "**not met**",
                None => "—",
            };
            let _ = writeln!(out, "| {} | {} | {verdict} |", t.what, t.result);
        }
        out.push('\n');
    }

    fn generator_section(&self, out: &mut String) {
        out.push_str(
            "## Generator\n\nEach spec runs in a fresh `target/release/xtask bench-child <spec dir>` process (release profile): the stages are timed in process (median of the runs; from 5 runs on, one warm-up run first) and the peak memory is the child's `VmHWM`. `emit + format` is `generator::emit::generate`, which emits and formats (prettyplease) each file in one call, so the two are timed together. `write` writes the crate into an empty folder on a tmpfs (`/dev/shm`), so that it measures the generator rather than the disk, whose flushing varies tenfold between runs on this shared machine. `xtask codegen` is the whole `target/release/xtask codegen --specs <spec dir> --out <empty dir on disk>` process, timed from outside (median of up to 7 runs). Since `0b180c8` the generator emits, formats and writes on every core (2 here), so these are wall times of parallel work.\n\n",
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
        out.push_str("\nGenerated Rust per action (without the copied runtime):");
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
        if self.compile.is_empty() {
            out.push_str("Not measured with `--quick`.\n\n");
            return;
        }
        let _ = writeln!(
            out,
            "`cargo build` of the generated crate alone, its dependencies already built: `src/lib.rs` is touched before each build; median of {} builds (wall time of the cargo process, so cargo's own start-up and fingerprinting are included). The checked-in crate builds with `CARGO_TARGET_DIR=target/bench-compile`, the synthetic one is generated into `target/bench-synth/crate` as a workspace of its own (the repository's `Cargo.lock` copied in) and builds with `CARGO_TARGET_DIR=target/bench-synth/target`.\n",
            compile::RUNS
        );
        out.push_str("| crate | features | debug | release |\n|---|---|--:|--:|\n");
        for c in &self.compile {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                c.krate,
                c.features,
                fmt_duration(c.debug),
                fmt_duration(c.release)
            );
        }
        if let Some((label, lines)) = &self.compile_synthetic {
            let _ = writeln!(
                out,
                "\nThe {label} crate has {lines:.0} generated lines of Rust per action (without the copied runtime)."
            );
        }
        out.push('\n');
    }

    fn client_section(&self, out: &mut String) {
        let c = &self.client;
        let (p50, p99) = c.ratios();
        let _ = writeln!(
            out,
            "## Client overhead\n\n`client.org().patch(org_id, body).summary_include(\"x\").losantdomain(\"example.com\").send()` through the generated client, against the same request written by hand with reqwest (same `reqwest::Client`, shared through `ClientBuilder::http_client`; same headers, JSON body and timeout; status checked; body decoded with serde_json into the same `losant::models::Org`). The server (hyper, HTTP/1.1 keep-alive, on 127.0.0.1, its own thread) answers every request with a {} byte `Org`. The two paths alternate in one run ({} measured iterations each, after a warm-up; which goes first alternates). Allocations are counted by a counting global allocator on the client's thread only. Both paths sent identical requests (method, URI, headers, body): **{}**.\n\nCommand: `{}`\n",
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
    }
}

const REPRODUCE: &str = "## How to reproduce

```sh
cargo xtask bench          # everything, rewrites BENCHMARKS.md (6-15 minutes on 2 cores)
cargo xtask bench --quick  # tiny sizes, no compile cost, prints only (CI smoke test)
```

`cargo xtask bench` builds `target/release/xtask` first (`cargo build --release -p xtask`) and
times that binary. The parts can be run alone:

```sh
cargo xtask synth --resources 100 --actions 100 --out target/bench/specs-100x100
target/release/xtask bench-child target/bench/specs-100x100 --runs 3
target/release/xtask codegen --specs target/bench/specs-100x100 --out /tmp/synth-crate
cargo bench -p client-bench --bench client_overhead -- --iterations 5000 --warmup 500
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
