//! `ucb-fuzz`: a mutation fuzzer for every parser of `ucontact-bridge` that sees foreign input.
//!
//! Stable Rust, no libFuzzer: inputs come from havoc mutations of a seed corpus
//! (`fuzz/corpus/<target>/*.txt`), structure-aware mutations and random text, all derived from
//! `--seed`; every call runs under `catch_unwind`; each target also checks the invariants its
//! parser documents (see `targets/`). Build it with `--profile fuzz` (release speed, unwinding
//! panics, overflow checks and debug assertions on): `scripts/fuzz.sh`.
//!
//! ```text
//! ucb-fuzz [--iterations N] [--seed S] [--target NAME]... [--corpus DIR] [--crash-dir DIR] [--jobs N] [--stats]
//! ucb-fuzz --replay FILE [--minimize]   run the case of a crash report again (and shrink it)
//! ucb-fuzz --list               list the targets
//! ```
//!
//! Output: one line per target, `fuzz: <target> <N> inputs, <P> panics` (P counts panics and
//! failed checks), then `fuzz: total <N> inputs, <P> panics, <T> targets` and
//! `fuzz: <passed> passed, <failed> failed` (targets with and without failures). Exit status 1
//! when anything failed, 2 on a usage error.

mod corpus;
mod crash;
mod mutate;
mod rng;
mod runner;
mod stats;
mod targets;

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use runner::{Options, Report};
use targets::Spec;

/// Inputs per target for the default (CI) pass: about 10 s on 2 cores for all targets with
/// the fuzz profile (see fuzz/README.md for measurements).
const DEFAULT_ITERATIONS: u64 = 100_000;

/// Stack of each worker thread. The browser gives wasm about 1 MiB; natively frames are larger,
/// so 2 MiB (Rust's default for spawned threads) is kept explicit rather than raised, so that
/// deep recursion in a parser shows up here too.
const WORKER_STACK: usize = 2 << 20;

struct Args {
    iterations: u64,
    seed: u64,
    targets: Vec<String>,
    corpus: PathBuf,
    crash_dir: PathBuf,
    jobs: usize,
    replay: Option<PathBuf>,
    minimize: bool,
    stats: bool,
    list: bool,
}

const USAGE: &str = "usage: ucb-fuzz [--iterations N] [--seed S] [--target NAME]... [--corpus DIR] [--crash-dir DIR] [--jobs N] [--stats]
       ucb-fuzz --replay FILE [--minimize]
       ucb-fuzz --list";

fn parse_args() -> Result<Args, String> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest.parent().map_or_else(|| manifest.clone(), PathBuf::from);
    let target_dir = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| workspace.join("target"), PathBuf::from);
    let mut args = Args {
        iterations: DEFAULT_ITERATIONS,
        seed: 1,
        targets: Vec::new(),
        corpus: manifest.join("corpus"),
        crash_dir: target_dir.join("fuzz-crashes"),
        jobs: std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
        replay: None,
        minimize: false,
        stats: false,
        list: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--iterations" | "-n" => args.iterations = number(&value()?)?,
            "--seed" => args.seed = number(&value()?)?,
            "--target" | "-t" => args.targets.push(value()?),
            "--corpus" => args.corpus = value()?.into(),
            "--crash-dir" => args.crash_dir = value()?.into(),
            "--jobs" | "-j" => args.jobs = (number(&value()?)? as usize).max(1),
            "--replay" => args.replay = Some(value()?.into()),
            "--minimize" => args.minimize = true,
            "--stats" => args.stats = true,
            "--list" => args.list = true,
            "--help" | "-h" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(args)
}

/// A decimal number (`_` allowed as a separator) or `0x` hexadecimal.
fn number(text: &str) -> Result<u64, String> {
    let clean = text.replace('_', "");
    let parsed = match clean.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => clean.parse(),
    };
    parsed.map_err(|_| format!("`{text}` is not a number"))
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("ucb-fuzz: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(if e.is_empty() { 0 } else { 2 });
        }
    };
    let all = targets::all();
    if args.list {
        for spec in &all {
            println!("{:<16} {}", spec.name, spec.about);
        }
        return ExitCode::SUCCESS;
    }
    runner::install_panic_hook();
    if let Some(path) = &args.replay {
        return replay(&all, &args, path);
    }

    let mut chosen: Vec<&Spec> = Vec::new();
    for name in &args.targets {
        match all.iter().find(|s| s.name == name) {
            Some(spec) if !chosen.iter().any(|c| c.name == spec.name) => chosen.push(spec),
            Some(_) => {}
            None => {
                let names: Vec<&str> = all.iter().map(|s| s.name).collect();
                eprintln!("ucb-fuzz: unknown target `{name}`; targets: {}", names.join(", "));
                return ExitCode::from(2);
            }
        }
    }
    if chosen.is_empty() {
        chosen = all.iter().collect();
    }
    let mut seeds = Vec::new();
    for spec in &chosen {
        match corpus::load(&args.corpus, spec.name) {
            Ok(s) => seeds.push(s),
            Err(e) => {
                eprintln!("ucb-fuzz: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let jobs = args.jobs.min(chosen.len());
    println!(
        "fuzz: seed {}, {} inputs per target, {} targets, {} jobs, corpus {} ({} seeds)",
        args.seed,
        args.iterations,
        chosen.len(),
        jobs,
        args.corpus.display(),
        seeds.iter().map(Vec::len).sum::<usize>()
    );

    let opts = Options { iterations: args.iterations, seed: args.seed, crash_dir: args.crash_dir.clone() };
    let started = Instant::now();
    let reports = run_all(&chosen, seeds, &opts, jobs);
    print_summary(&reports, started.elapsed().as_secs_f64(), args.stats)
}

/// Runs the targets on `jobs` threads, one target per thread at a time; reports in target order.
fn run_all(chosen: &[&Spec], seeds: Vec<Vec<String>>, opts: &Options, jobs: usize) -> Vec<Report> {
    let next = AtomicUsize::new(0);
    let seeds: Vec<Mutex<Option<Vec<String>>>> = seeds.into_iter().map(|s| Mutex::new(Some(s))).collect();
    let results: Vec<Mutex<Option<Report>>> = chosen.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for worker in 0..jobs {
            let spawned = std::thread::Builder::new()
                .name(format!("fuzz-{worker}"))
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, || loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(spec) = chosen.get(i) else { break };
                    let target_seeds = seeds[i].lock().map(|mut s| s.take().unwrap_or_default()).unwrap_or_default();
                    let report = runner::fuzz(spec, target_seeds, opts);
                    if let Ok(mut slot) = results[i].lock() {
                        *slot = Some(report);
                    }
                });
            if let Err(e) = spawned {
                eprintln!("fuzz: cannot start a worker thread: {e}");
            }
        }
    });
    results.into_iter().filter_map(|r| r.into_inner().ok().flatten()).collect()
}

fn print_summary(reports: &[Report], seconds: f64, stats: bool) -> ExitCode {
    let (mut inputs, mut panics, mut failed) = (0, 0, 0);
    for r in reports {
        let p = r.panics + r.violations;
        println!("fuzz: {} {} inputs, {} panics", r.name, r.inputs, p);
        inputs += r.inputs;
        panics += p;
        failed += usize::from(p > 0);
    }
    for r in reports {
        eprintln!(
            "fuzz: time {} {:.1} s ({:.0} inputs/s)",
            r.name,
            r.elapsed.as_secs_f64(),
            r.inputs as f64 / r.elapsed.as_secs_f64().max(1e-9)
        );
        if stats {
            let counts: Vec<String> = r.stats.iter().map(|(k, v)| format!("{k}={v}")).collect();
            eprintln!("fuzz: stats {} {}", r.name, counts.join(" "));
        }
        for f in &r.failures {
            // The location only: messages may quote the input, which stays out of the log.
            let saved = f.saved.as_deref().map_or_else(|| "not saved".to_owned(), crash::shown);
            println!("fuzz: {} {} x{} at {} (report: {})", r.name, f.kind.as_str(), f.count, f.location, saved);
        }
    }
    println!("fuzz: wall time {seconds:.1} s");
    println!("fuzz: total {inputs} inputs, {panics} panics, {} targets", reports.len());
    println!("fuzz: {} passed, {failed} failed", reports.len() - failed);
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn replay(all: &[Spec], args: &Args, path: &PathBuf) -> ExitCode {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("ucb-fuzz: cannot read {}: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let case = match crash::read_replay(&text) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("ucb-fuzz: {}: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let Some(spec) = all.iter().find(|s| s.name == case.target) else {
        eprintln!("ucb-fuzz: {}: unknown target `{}`", path.display(), case.target);
        return ExitCode::from(2);
    };
    let seeds = match corpus::load(&args.corpus, spec.name) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("ucb-fuzz: {e}");
            return ExitCode::from(2);
        }
    };
    if runner::replay(spec, seeds, &case, &args.crash_dir, args.minimize) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
