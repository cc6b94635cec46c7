//! Runs a target over many generated inputs, catching and recording every failure.
//!
//! * Every call runs inside `catch_unwind`. A panic hook, active only during those calls,
//!   records the message, the location and (for the first few) a backtrace, and prints nothing:
//!   a million inputs may panic a million times.
//! * Case `i` of a target has its own seed, drawn from a stream seeded by `--seed` and the target
//!   name; the input and the target's choices derive from it alone. So a run is deterministic,
//!   independent of thread scheduling, and a single case can be replayed.
//! * The corpus seeds run first, unchanged; then come generated inputs: mostly havoc mutations
//!   of seeds, some structure-aware mutations of the target's own, some random text or JSON.
//! * A failure is saved to `<crash dir>/<target>/<n>.txt` (at most 3 per distinct location and
//!   message, 50 per target per run) and always counted.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::crash::{Crash, Kind, Replay};
use crate::mutate::{into_text, Generator};
use crate::rng::{hash_str, mix, Rng};
use crate::targets::{Spec, Target};

/// Salt between a case's input stream and the stream the target draws its choices from.
const TARGET_STREAM: u64 = 0x5851_f42d_4c95_7f2d;
/// Saved reports per distinct failure signature, and per target and run.
const SAVE_PER_SIGNATURE: u32 = 3;
const SAVE_PER_TARGET: usize = 50;
/// Backtraces captured per thread (they cost milliseconds each).
const BACKTRACES: u32 = 16;

thread_local! {
    /// `true` while a target (or the generator) runs under `catch_unwind`.
    static CAPTURING: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<Caught>> = const { RefCell::new(None) };
    static BACKTRACES_LEFT: Cell<u32> = const { Cell::new(BACKTRACES) };
}

/// What the hook saw of a panic.
struct Caught {
    message: String,
    location: String,
    backtrace: Option<String>,
}

/// Installs the quiet hook (once per process: replacing the hook while another thread runs a
/// target would leave a window with no capturing hook); panics outside target calls still go to
/// the default hook.
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(install_once);
}

fn install_once() {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if !CAPTURING.with(Cell::get) {
            return default(info);
        }
        let message = info.payload_as_str().unwrap_or("(a panic with a non-text payload)").to_owned();
        let location = info.location().map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column())).unwrap_or_default();
        let backtrace = BACKTRACES_LEFT.with(|left| {
            (left.get() > 0).then(|| {
                left.set(left.get() - 1);
                std::backtrace::Backtrace::force_capture().to_string()
            })
        });
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(Caught { message, location, backtrace }));
    }));
}

/// Runs `f` under `catch_unwind` with the quiet hook; `Err` holds what the hook saw.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, Caught> {
    CAPTURING.with(|c| c.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CAPTURING.with(|c| c.set(false));
    result.map_err(|_| {
        LAST_PANIC.with(|p| p.borrow_mut().take()).unwrap_or(Caught {
            message: "(no panic information)".into(),
            location: String::new(),
            backtrace: None,
        })
    })
}

/// Settings shared by every target of a run.
pub struct Options {
    pub iterations: u64,
    pub seed: u64,
    pub crash_dir: PathBuf,
}

/// One target's result.
pub struct Report {
    pub name: &'static str,
    pub inputs: u64,
    /// Panics of the code under test (or of the harness).
    pub panics: u64,
    /// Failed checks.
    pub violations: u64,
    /// Distinct failures (by kind and location), in the order they were first seen.
    pub failures: Vec<Failure>,
    pub elapsed: Duration,
    /// Branch counters (see `stats`).
    pub stats: BTreeMap<&'static str, u64>,
}

pub struct Failure {
    pub kind: Kind,
    pub location: String,
    pub count: u64,
    pub saved: Option<PathBuf>,
}

/// A target ready to run: built, prepared with its seeds, with its generator.
struct Prepared {
    target: Box<dyn Target>,
    seeds: Vec<String>,
    generator: Generator,
}

fn prepare(spec: &Spec, mut seeds: Vec<String>) -> Prepared {
    let mut target = (spec.make)();
    target.prepare(&mut seeds);
    let generator = Generator::new(&seeds, target.dictionary());
    Prepared { target, seeds, generator }
}

impl Prepared {
    /// The input of the case with seed `case_seed` (never the verbatim seeds: see [`fuzz`]).
    fn input(&self, case_seed: u64) -> String {
        let mut rng = Rng::new(case_seed);
        if rng.one_in(4) {
            let seed = into_text(self.generator.seed(&mut rng));
            if let Some(mutated) = self.target.mutate(&seed, &self.generator, &mut rng) {
                return if rng.one_in(3) { self.generator.havoc(&mutated, &mut rng) } else { mutated };
            }
        }
        self.generator.generate(&mut rng)
    }

    /// Runs one case; `None` when it passed.
    fn case(&self, name: &str, case_seed: u64, input: Option<String>) -> Option<Crash> {
        let input = match input {
            Some(text) => text,
            None => match guarded(|| self.input(case_seed)) {
                Ok(text) => text,
                Err(c) => {
                    return Some(crash(
                        name,
                        Kind::Panic,
                        c.location,
                        format!("input generation: {}", c.message),
                        case_seed,
                        String::new(),
                        c.backtrace,
                    ))
                }
            },
        };
        let mut rng = Rng::new(case_seed ^ TARGET_STREAM);
        match guarded(|| self.target.run(&input, &mut rng)) {
            Ok(Ok(())) => None,
            Ok(Err(violation)) => {
                let (location, message) = violation.split_once(": ").unwrap_or(("", violation.as_str()));
                Some(crash(name, Kind::Invariant, location.to_owned(), message.to_owned(), case_seed, input, None))
            }
            Err(c) => Some(crash(name, Kind::Panic, c.location, c.message, case_seed, input, c.backtrace)),
        }
    }
}

fn crash(
    target: &str,
    kind: Kind,
    location: String,
    message: String,
    case_seed: u64,
    input: String,
    backtrace: Option<String>,
) -> Crash {
    Crash { target: target.to_owned(), kind, location, message, case_seed, input, backtrace }
}

/// Fuzzes one target for `opts.iterations` inputs (the corpus seeds count as the first ones).
pub fn fuzz(spec: &Spec, seeds: Vec<String>, opts: &Options) -> Report {
    let started = Instant::now();
    crate::crash::clear(&opts.crash_dir.join(spec.name));
    crate::stats::take();
    let prepared = prepare(spec, seeds);
    let mut stream = Rng::new(mix(opts.seed ^ hash_str(spec.name)));
    let mut report = Report {
        name: spec.name,
        inputs: 0,
        panics: 0,
        violations: 0,
        failures: Vec::new(),
        elapsed: Duration::ZERO,
        stats: BTreeMap::new(),
    };
    let mut by_signature: HashMap<String, usize> = HashMap::new();
    let mut saved = 0;
    let mut last_progress = Instant::now();
    for i in 0..opts.iterations {
        let case_seed = stream.next_u64();
        let verbatim = prepared.seeds.get(i as usize).cloned();
        report.inputs += 1;
        if let Some(c) = prepared.case(spec.name, case_seed, verbatim) {
            match c.kind {
                Kind::Panic => report.panics += 1,
                Kind::Invariant => report.violations += 1,
            }
            let index = *by_signature.entry(c.signature()).or_insert_with(|| {
                report.failures.push(Failure {
                    kind: c.kind.clone(),
                    location: c.location.clone(),
                    count: 0,
                    saved: None,
                });
                report.failures.len() - 1
            });
            let failure = &mut report.failures[index];
            failure.count += 1;
            if failure.count <= u64::from(SAVE_PER_SIGNATURE) && saved < SAVE_PER_TARGET {
                match c.save(&opts.crash_dir.join(spec.name)) {
                    Ok(path) => {
                        saved += 1;
                        failure.saved.get_or_insert(path);
                    }
                    Err(e) => eprintln!("fuzz: {}: cannot save a crash report: {e}", spec.name),
                }
            }
        }
        if i % 1024 == 0 && last_progress.elapsed() >= Duration::from_secs(30) {
            last_progress = Instant::now();
            eprintln!(
                "fuzz: progress {} {}/{} inputs, {} s",
                spec.name,
                i,
                opts.iterations,
                started.elapsed().as_secs()
            );
        }
    }
    report.elapsed = started.elapsed();
    report.stats = crate::stats::take();
    report
}

/// Runs the case of a crash report again and says what happens now; with `minimize`, first
/// shrinks the input while the case still fails the same way. Returns whether the case passes.
pub fn replay(spec: &Spec, seeds: Vec<String>, case: &Replay, crash_dir: &Path, minimize: bool) -> bool {
    let prepared = prepare(spec, seeds);
    let regenerated = case.input.is_none();
    let Some(mut c) = prepared.case(spec.name, case.case_seed, case.input.clone()) else {
        println!("fuzz: replay {}: the case passes now", spec.name);
        return true;
    };
    if regenerated {
        println!("fuzz: the input was regenerated from the case seed ({} bytes)", c.input.len());
    }
    if minimize {
        let before = c.input.len();
        c = prepared.minimize(spec.name, c);
        println!("fuzz: minimized the input from {before} to {} bytes", c.input.len());
    }
    println!("fuzz: replay {}: {} at {}", spec.name, c.kind.as_str(), c.location);
    println!("message: {}", crate::crash::escape(crate::crash::cut(&c.message, 4096)));
    println!("input: \"{}\"", crate::crash::escape(crate::crash::cut(&c.input, 4096)));
    if let Some(bt) = &c.backtrace {
        println!("{bt}");
    }
    match c.save(&crash_dir.join(format!("{}-replay", spec.name))) {
        Ok(path) => println!("fuzz: report written to {}", crate::crash::shown(&path)),
        Err(e) => eprintln!("fuzz: cannot write the report: {e}"),
    }
    false
}

/// Tries per minimization; each is one run of the target.
const MINIMIZE_BUDGET: usize = 50_000;

impl Prepared {
    /// Delta debugging, greedily: removes ever smaller runs of characters from the input as long
    /// as the case still fails with the same kind at the same location (same case seed, so the
    /// target's own choices are replayed too).
    fn minimize(&self, name: &str, failing: Crash) -> Crash {
        let mut best = failing;
        let mut chars: Vec<char> = best.input.chars().collect();
        let mut chunk = (chars.len() / 2).max(1);
        let mut tries = 0;
        while tries < MINIMIZE_BUDGET && !chars.is_empty() {
            let mut shrunk = false;
            let mut i = 0;
            while i < chars.len() && tries < MINIMIZE_BUDGET {
                let end = (i + chunk).min(chars.len());
                let candidate: String = chars[..i].iter().chain(&chars[end..]).collect();
                tries += 1;
                match self.case(name, best.case_seed, Some(candidate)) {
                    Some(c) if c.kind == best.kind && c.location == best.location => {
                        chars = c.input.chars().collect();
                        best = c;
                        shrunk = true;
                    }
                    _ => i += chunk,
                }
            }
            if !shrunk {
                if chunk == 1 {
                    break;
                }
                chunk /= 2;
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::Outcome;

    /// Fails on purpose: a panic, an arithmetic overflow, or a failed check.
    struct Faulty;

    impl Target for Faulty {
        fn run(&self, input: &str, _rng: &mut Rng) -> Outcome {
            if input.contains("boom") {
                panic!("boom in {} bytes", input.len());
            }
            if input.contains("wrap") {
                let _ = std::hint::black_box(u8::MAX) + 1;
            }
            if input.contains("bad") {
                return Err(format!("{}:{}: a bad input", file!(), line!()));
            }
            Ok(())
        }
    }

    fn spec() -> Spec {
        Spec { name: "faulty", about: "", make: || Box::new(Faulty) }
    }

    #[test]
    fn catches_panics_overflows_and_violations() {
        install_panic_hook();
        let prepared = prepare(&spec(), Vec::new());
        assert!(prepared.case("faulty", 1, Some("fine".into())).is_none());
        let c = prepared.case("faulty", 1, Some("a boom".into())).unwrap();
        assert_eq!((c.kind.clone(), c.message.as_str()), (Kind::Panic, "boom in 6 bytes"));
        assert!(c.location.contains("runner.rs"), "{}", c.location);
        let c = prepared.case("faulty", 1, Some("wrap".into())).unwrap();
        assert!(c.kind == Kind::Panic && c.message.contains("overflow"), "{}", c.message);
        let c = prepared.case("faulty", 1, Some("bad".into())).unwrap();
        assert_eq!((c.kind, c.message.as_str()), (Kind::Invariant, "a bad input"));
    }

    #[test]
    fn minimizes_and_saves() {
        install_panic_hook();
        let prepared = prepare(&spec(), Vec::new());
        let c = prepared.case("faulty", 1, Some("xx{boom}yy".into())).unwrap();
        assert_eq!(prepared.minimize("faulty", c).input, "boom");

        let dir = std::env::temp_dir().join(format!("ucb-fuzz-runner-{}", std::process::id()));
        let opts = Options { iterations: 50, seed: 1, crash_dir: dir.clone() };
        let report = fuzz(&spec(), vec!["boom".into(), "bad".into()], &opts);
        assert_eq!(report.inputs, 50);
        assert!(report.panics >= 1 && report.violations >= 1);
        assert!(report.failures.iter().all(|f| f.saved.as_ref().is_some_and(|p| p.exists())));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
