//! The client-overhead section: runs `cargo bench -p client-bench --bench client_overhead`
//! and reads the `client-bench …` line it prints.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::cmd;
use super::compile::cargo;
use super::stats::{field, field_ns, parse_fields};

/// What the client benchmark measured.
#[derive(Debug, Clone)]
pub struct Result {
    /// The exact command run.
    pub command: String,
    /// Measured iterations of each path.
    pub iterations: u64,
    /// Size of the response body.
    pub body_bytes: u64,
    /// Whether both paths sent byte-identical requests (method, URI, headers, body).
    pub same_request: bool,
    /// Generated client: median and 99th percentile latency.
    pub generated: (Duration, Duration),
    /// Hand-written reqwest: median and 99th percentile latency.
    pub hand: (Duration, Duration),
    /// Allocations per request: generated, hand-written.
    pub allocations: (f64, f64),
    /// Bytes allocated per request: generated, hand-written.
    pub alloc_bytes: (f64, f64),
    /// Decoding the body alone, median: generated model (through `runtime::Object`), the same
    /// model by serde's derive, a `serde_json::Value`.
    pub decode: [Duration; 3],
    /// Allocations of each decoding, in the same order.
    pub decode_allocations: [f64; 3],
}

impl Result {
    /// Generated over hand-written latency at the median and at the 99th percentile.
    pub fn ratios(&self) -> (f64, f64) {
        let r = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-12);
        (
            r(self.generated.0, self.hand.0),
            r(self.generated.1, self.hand.1),
        )
    }
}

/// Builds the benchmark binary (`cargo bench --no-run`), so that running it later measures
/// no compilation.
pub fn build(root: &Path) -> std::result::Result<(), String> {
    cmd::run(Command::new(cargo()).current_dir(root).args([
        "bench",
        "--quiet",
        "--no-run",
        "-p",
        "client-bench",
        "--bench",
        "client_overhead",
    ]))
    .map(drop)
}

/// Runs the benchmark with `iterations` measured and `warmup` unmeasured iterations per path.
pub fn run(root: &Path, iterations: usize, warmup: usize) -> std::result::Result<Result, String> {
    let mut command = Command::new(cargo());
    command
        .current_dir(root)
        .args([
            "bench",
            "--quiet",
            "-p",
            "client-bench",
            "--bench",
            "client_overhead",
            "--",
        ])
        .args([
            "--iterations",
            &iterations.to_string(),
            "--warmup",
            &warmup.to_string(),
        ]);
    let shown = format!(
        "cargo bench -p client-bench --bench client_overhead -- --iterations {iterations} --warmup {warmup}"
    );
    let ran = cmd::run(&mut command)?;
    let f = parse_fields(&ran.stdout, "client-bench")
        .ok_or_else(|| format!("`{shown}` printed no `client-bench` line:\n{}", ran.stdout))?;
    Ok(Result {
        command: shown,
        iterations: field(&f, "iterations")?,
        body_bytes: field(&f, "body_bytes")?,
        same_request: field(&f, "same_request")?,
        generated: (field_ns(&f, "gen_p50_ns")?, field_ns(&f, "gen_p99_ns")?),
        hand: (field_ns(&f, "hand_p50_ns")?, field_ns(&f, "hand_p99_ns")?),
        allocations: (field(&f, "gen_allocs")?, field(&f, "hand_allocs")?),
        alloc_bytes: (
            field(&f, "gen_alloc_bytes")?,
            field(&f, "hand_alloc_bytes")?,
        ),
        decode: [
            field_ns(&f, "decode_gen_ns")?,
            field_ns(&f, "decode_derive_ns")?,
            field_ns(&f, "decode_value_ns")?,
        ],
        decode_allocations: [
            field(&f, "decode_gen_allocs")?,
            field(&f, "decode_derive_allocs")?,
            field(&f, "decode_value_allocs")?,
        ],
    })
}
