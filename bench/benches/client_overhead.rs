//! Client overhead: the same request through the generated client (A) and by hand with
//! reqwest (B), interleaved in one run, against a local server answering with a 5 KB `Org`.
//!
//! `cargo bench -p client-bench --bench client_overhead [-- --iterations N --warmup N]`
//!
//! Each iteration sends A then B, or B then A on odd iterations, so that neither always goes
//! first. Both share one `reqwest::Client` (one pooled keep-alive connection). Allocations
//! are counted on the client's thread only. The last line is machine-readable:
//! `client-bench key=value …` (latencies in nanoseconds).

use std::process::ExitCode;
use std::time::Instant;

use client_bench::alloc::{self, Counting};
use client_bench::server::Server;
use client_bench::stats::{mean, percentile_sorted};
use client_bench::{fixture, paths};

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
    let server = Server::start(body.into()).map_err(|e| format!("cannot start the server: {e}"))?;
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
        report(
            &options,
            body_bytes,
            same_request,
            &mut generated,
            &mut hand,
        );
        Ok(())
    })
}

fn report(
    options: &Options,
    body_bytes: usize,
    same: bool,
    generated: &mut Samples,
    hand: &mut Samples,
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
    println!(
        "client-bench iterations={} warmup={} body_bytes={body_bytes} same_request={same} gen_p50_ns={} gen_p99_ns={} hand_p50_ns={} hand_p99_ns={} gen_allocs={:.1} hand_allocs={:.1} gen_alloc_bytes={:.0} hand_alloc_bytes={:.0}",
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
    );
}
