//! Client overhead: the same request through the generated client (A) and by hand with
//! reqwest (B), interleaved in one run, against a local server answering with a 5 KB `Org`.
//!
//! `cargo bench -p client-bench --bench client_overhead [-- --iterations N --warmup N]`
//!
//! Each iteration sends A then B, or B then A on odd iterations, so that neither always goes
//! first. Both share one `reqwest::Client` (one pooled keep-alive connection). Allocations
//! are counted on the client's thread only.
//!
//! Then decoding alone, as many times: the same body decoded from its bytes into the
//! generated `Org` (through `runtime::Object`), into the same model decoded by serde's derive
//! ([`client_bench::derived`]) and into a `serde_json::Value` (the tree `runtime::Object`
//! builds first), in turn, so that what the generated decoding costs per response is measured
//! on its own.
//!
//! The last line is machine-readable: `client-bench key=value …` (times in nanoseconds).

use std::process::ExitCode;
use std::time::Instant;

use client_bench::alloc::{self, Counting};
use client_bench::server::Server;
use client_bench::stats::{mean, percentile_sorted};
use client_bench::{derived, fixture, paths};
use generated_client::losant::models::Org;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

struct Options {
    iterations: usize,
    warmup: usize,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        iterations: 5_000,
        warmup: 500,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let slot = match arg.as_str() {
            "--iterations" => &mut options.iterations,
            "--warmup" => &mut options.warmup,
            // `cargo bench` passes `--bench`; other harness flags are ignored too.
            _ => continue,
        };
        let text = args.next().ok_or_else(|| format!("{arg} needs a number"))?;
        *slot = text
            .parse()
            .map_err(|_| format!("{arg} needs a whole number, got `{text}`"))?;
    }
    if options.iterations == 0 {
        return Err("--iterations must be at least 1".into());
    }
    Ok(options)
}

/// Latency (ns) and allocations of each request of one path.
#[derive(Default)]
struct Samples {
    nanos: Vec<u64>,
    allocations: Vec<u64>,
    bytes: Vec<u64>,
}

impl Samples {
    fn push(&mut self, nanos: u64, (allocations, bytes): (u64, u64)) {
        self.nanos.push(nanos);
        self.allocations.push(allocations);
        self.bytes.push(bytes);
    }
}

/// Times one decoding of `body` by `decode`, with its allocations.
fn measure_decode<T, E: std::fmt::Display>(
    body: &[u8],
    decode: fn(&[u8]) -> Result<T, E>,
) -> Result<(u64, (u64, u64)), String> {
    let (a0, b0) = alloc::snapshot();
    let start = Instant::now();
    let result = decode(body);
    let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
    let (a1, b1) = alloc::snapshot();
    drop(result.map_err(|e| format!("the body does not decode: {e}"))?);
    Ok((nanos, (a1 - a0, b1 - b0)))
}

/// The body decoded by the generated model, by serde's derive, and as a `Value`.
#[derive(Default)]
struct Decoding {
    generated: Samples,
    derived: Samples,
    value: Samples,
}

/// Decodes `body` `warmup + iterations` times each way, in turn (the order rotates).
fn decode_phase(body: &[u8], options: &Options) -> Result<Decoding, String> {
    let mut out = Decoding::default();
    for i in 0..options.warmup + options.iterations {
        let mut round = [(0, (0, 0)); 3];
        for k in 0..3 {
            let which = (i + k) % 3;
            round[which] = match which {
                0 => measure_decode(body, |b| serde_json::from_slice::<Org>(b))?,
                1 => measure_decode(body, |b| serde_json::from_slice::<derived::Org>(b))?,
                _ => measure_decode(body, |b| serde_json::from_slice::<serde_json::Value>(b))?,
            };
        }
        if i >= options.warmup {
            let [g, d, v] = round;
            out.generated.push(g.0, g.1);
            out.derived.push(d.0, d.1);
            out.value.push(v.0, v.1);
        }
    }
    Ok(out)
}

async fn measure<F: std::future::Future<Output = Result<T, String>>, T>(
    request: F,
) -> Result<(u64, (u64, u64)), String> {
    let (a0, b0) = alloc::snapshot();
    let start = Instant::now();
    let result = request.await;
    let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
    let (a1, b1) = alloc::snapshot();
    drop(result?);
    Ok((nanos, (a1 - a0, b1 - b0)))
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("client_overhead: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let options = options()?;
    let body = fixture::org_json();
    let body_bytes = body.len();
    let server =
        Server::start(body.clone().into()).map_err(|e| format!("cannot start the server: {e}"))?;
    let base = format!("http://{}", server.addr());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    let http = paths::http_client().map_err(|e| format!("cannot build the HTTP client: {e}"))?;
    let client = paths::generated_client(http.clone(), &base)
        .map_err(|e| format!("cannot build the generated client: {e}"))?;
    alloc::count_this_thread();

    runtime.block_on(async {
        // Both paths once, recorded, to check that they send the same request.
        server.record(true);
        let a = paths::generated(&client).await?;
        let b = paths::hand_written(&http, &base).await?;
        server.record(false);
        let recorded = server.take_recorded();
        let same_request = recorded.len() == 2 && recorded[0] == recorded[1];
        if !same_request {
            eprintln!("warning: the two paths sent different requests: {recorded:#?}");
        }
        if a != b {
            return Err("the two paths decoded different organizations".to_owned());
        }

        let (mut generated, mut hand) = (Samples::default(), Samples::default());
        for i in 0..options.warmup + options.iterations {
            let (x, y) = if i % 2 == 0 {
                let x = measure(paths::generated(&client)).await?;
                (x, measure(paths::hand_written(&http, &base)).await?)
            } else {
                let y = measure(paths::hand_written(&http, &base)).await?;
                (measure(paths::generated(&client)).await?, y)
            };
            if i >= options.warmup {
                generated.push(x.0, x.1);
                hand.push(y.0, y.1);
            }
        }
        let mut decoding = decode_phase(body.as_bytes(), &options)?;
        report(
            &options,
            body_bytes,
            same_request,
            [&mut generated, &mut hand],
            &mut decoding,
        );
        Ok(())
    })
}

/// The median of `samples`' latencies, which it sorts.
fn p50(samples: &mut Samples) -> u64 {
    samples.nanos.sort_unstable();
    percentile_sorted(&samples.nanos, 50.0)
}

fn report(
    options: &Options,
    body_bytes: usize,
    same: bool,
    [generated, hand]: [&mut Samples; 2],
    decoding: &mut Decoding,
) {
    generated.nanos.sort_unstable();
    hand.nanos.sort_unstable();
    let p = |s: &Samples, q: f64| percentile_sorted(&s.nanos, q);
    let ratio = |q: f64| p(generated, q) as f64 / p(hand, q).max(1) as f64;
    println!(
        "generated client: p50 {:.1} µs, p99 {:.1} µs, {:.1} allocations ({:.0} bytes) per request",
        p(generated, 50.0) as f64 / 1e3,
        p(generated, 99.0) as f64 / 1e3,
        mean(&generated.allocations),
        mean(&generated.bytes),
    );
    println!(
        "hand-written:     p50 {:.1} µs, p99 {:.1} µs, {:.1} allocations ({:.0} bytes) per request",
        p(hand, 50.0) as f64 / 1e3,
        p(hand, 99.0) as f64 / 1e3,
        mean(&hand.allocations),
        mean(&hand.bytes),
    );
    println!(
        "ratio generated/hand-written: p50 {:.3}, p99 {:.3}",
        ratio(50.0),
        ratio(99.0)
    );
    let decode = [
        (
            "generated (runtime::Object)",
            p50(&mut decoding.generated),
            &decoding.generated,
        ),
        (
            "serde derive",
            p50(&mut decoding.derived),
            &decoding.derived,
        ),
        (
            "serde_json::Value",
            p50(&mut decoding.value),
            &decoding.value,
        ),
    ];
    for (name, median, samples) in &decode {
        println!(
            "decode {body_bytes} bytes, {name}: p50 {:.1} µs, {:.1} allocations ({:.0} bytes)",
            *median as f64 / 1e3,
            mean(&samples.allocations),
            mean(&samples.bytes),
        );
    }
    let [(_, dec_gen, g), (_, dec_derive, d), (_, dec_value, v)] = decode;
    println!(
        "client-bench iterations={} warmup={} body_bytes={body_bytes} same_request={same} gen_p50_ns={} gen_p99_ns={} hand_p50_ns={} hand_p99_ns={} gen_allocs={:.1} hand_allocs={:.1} gen_alloc_bytes={:.0} hand_alloc_bytes={:.0} decode_gen_ns={dec_gen} decode_derive_ns={dec_derive} decode_value_ns={dec_value} decode_gen_allocs={:.1} decode_derive_allocs={:.1} decode_value_allocs={:.1}",
        options.iterations,
        options.warmup,
        p(generated, 50.0),
        p(generated, 99.0),
        p(hand, 50.0),
        p(hand, 99.0),
        mean(&generated.allocations),
        mean(&hand.allocations),
        mean(&generated.bytes),
        mean(&hand.bytes),
        mean(&g.allocations),
        mean(&d.allocations),
        mean(&v.allocations),
    );
}
