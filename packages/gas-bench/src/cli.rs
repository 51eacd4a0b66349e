//! The command line of the benchmark (the `gas-bench` binary and the `bench` test that
//! `make bench` runs): runs every scenario on the artifacts, prints the table, writes
//! `bench/results.json` and `bench/REPORT.md`, and reports whether every budget holds.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::bench::Bench;
use crate::budgets::{self, Status};
use crate::report::{self, Meta};
use crate::{gas, scenarios, selftest};
use anyhow::{anyhow, bail, Context};

pub const USAGE: &str = "\
gas-bench: wasmd-equivalent gas of every Harbour operation next to cw20-base 2.0

USAGE: make bench                                  (GAS_BENCH_ARGS=\"OPTIONS\" make bench)
       cargo run --locked -p gas-bench -- [OPTIONS]

OPTIONS:
  --artifacts DIR        artifacts to load: DIR/*.wasm (shipped) and DIR/reference/*.wasm [artifacts]
  --out DIR              where results.json and REPORT.md go [bench]
  --no-write             do not write results
  --only NAME[,NAME..]   run only these scenarios (cw20_base, identity_registry, fund_token,
                         hkd_stablecoin, ...);
                         budgets that need others are skipped and nothing is written
  --trace KEY            print every step (storage keys and sizes, loads, VM, events) of the operations
                         whose key contains KEY, e.g. fund_token.transfer (repeatable)
  --holders N            holders of the large income scenario [10000]
  --gas-multiplier N     CosmWasm gas per SDK gas [140000, wasmd since CosmWasm 2.0]
  -h, --help

EXIT: 0 all budgets hold, 1 a budget is exceeded, 2 error";

struct Args {
    artifacts: Option<PathBuf>,
    out: PathBuf,
    write: bool,
    only: Option<Vec<String>>,
    trace: Vec<String>,
    holders: u32,
    multiplier: u64,
}

fn parse_args(mut it: impl Iterator<Item = String>) -> anyhow::Result<Option<Args>> {
    let mut args = Args {
        artifacts: None,
        out: PathBuf::from("bench"),
        write: true,
        only: None,
        trace: vec![],
        holders: 10_000,
        multiplier: gas::DEFAULT_GAS_MULTIPLIER,
    };
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| anyhow!("{name} needs a value"));
        match a.as_str() {
            "-h" | "--help" => return Ok(None),
            "--artifacts" => args.artifacts = Some(PathBuf::from(value("--artifacts")?)),
            "--out" => args.out = PathBuf::from(value("--out")?),
            "--no-write" => args.write = false,
            "--only" => args.only = Some(value("--only")?.split(',').map(str::to_string).collect()),
            "--trace" => args.trace.push(value("--trace")?),
            "--holders" => args.holders = value("--holders")?.parse().context("--holders")?,
            "--gas-multiplier" => args.multiplier = value("--gas-multiplier")?.parse().context("--gas-multiplier")?,
            other => bail!("unknown argument {other}\n\n{USAGE}"),
        }
    }
    if args.holders < 3 {
        bail!("--holders must be at least 3");
    }
    Ok(Some(args))
}

/// `artifacts/` of the current directory, else of the workspace this binary was built in.
fn artifacts_dir(arg: Option<PathBuf>) -> PathBuf {
    if let Some(dir) = arg {
        return dir;
    }
    let local = PathBuf::from("artifacts");
    if local.is_dir() {
        return local;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../artifacts")
}

fn run(args: Args) -> anyhow::Result<bool> {
    let started = Instant::now();
    let dir = artifacts_dir(args.artifacts);
    let mut bench = Bench::load(&dir, args.multiplier, args.holders)?;
    bench.set_trace_filters(args.trace.clone());
    println!(
        "gas-bench: {} artifacts from {} compiled in {:.1}s (gas multiplier {})",
        bench.artifacts.len(),
        dir.display(),
        started.elapsed().as_secs_f64(),
        args.multiplier
    );
    let cw20 =
        bench.code("cw20_base").context("the reference cw20_base.wasm is built by scripts/build-reference.sh")?;
    let exports = bench.vm.entry_points(cw20)?;
    for entry in ["instantiate", "execute", "query"] {
        if !exports.contains(entry) {
            bail!("cw20_base.wasm does not export `{entry}` (was its `library` feature unified in?)");
        }
    }
    if bench.has_code("bench_receiver") {
        let t = Instant::now();
        let n = selftest::run(&bench).context("router self-test")?;
        println!("router self-test: {n} checks passed ({:.1}s)", t.elapsed().as_secs_f64());
    }
    let partial = args.only.is_some();
    for scenario in scenarios::ALL {
        if let Some(only) = &args.only {
            if !only.iter().any(|o| o == scenario.name) {
                continue;
            }
        }
        if let Some(missing) = scenario.requires.iter().find(|c| !bench.has_code(c)) {
            bail!("scenario {} needs {missing}.wasm: run `make build` and scripts/build-reference.sh", scenario.name);
        }
        let t = Instant::now();
        bench.begin_scenario(scenario.name);
        (scenario.run)(&mut bench).with_context(|| format!("scenario {}", scenario.name))?;
        println!("scenario {}: {:.1}s", scenario.name, t.elapsed().as_secs_f64());
    }
    let results = budgets::evaluate(&bench, budgets::BUDGETS, partial);
    println!("\n{}", report::table(&bench));
    println!("{}", report::sizes_table(&bench));
    println!("budgets:\n{}", report::budgets_table(&results));
    for t in bench.traces() {
        println!("{}", report::render_trace(&bench, t));
    }
    if args.write && !partial {
        let meta = Meta { command: "make bench".to_string(), multiplier: args.multiplier, holders: args.holders };
        std::fs::create_dir_all(&args.out).with_context(|| format!("creating {}", args.out.display()))?;
        let json = serde_json::to_string_pretty(&report::json(&bench, &results, &meta))?;
        std::fs::write(args.out.join("results.json"), json + "\n")?;
        std::fs::write(args.out.join("REPORT.md"), report::markdown(&bench, &results, &meta))?;
        println!("wrote {}/results.json and {}/REPORT.md", args.out.display(), args.out.display());
    }
    let failed: Vec<&str> = results.iter().filter(|r| r.status == Status::Fail).map(|r| r.name.as_str()).collect();
    println!("gas-bench finished in {:.1}s", started.elapsed().as_secs_f64());
    if failed.is_empty() {
        println!("all budgets hold");
        Ok(true)
    } else {
        eprintln!("BUDGET EXCEEDED: {}", failed.join("; "));
        Ok(false)
    }
}

/// Runs the benchmark with these arguments; returns the exit code: 0 all budgets hold, 1 a budget
/// is exceeded, 2 error.
pub fn main_with(args: impl Iterator<Item = String>) -> u8 {
    let args = match parse_args(args) {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("{USAGE}");
            return 0;
        }
        Err(e) => {
            eprintln!("gas-bench: {e:#}");
            return 2;
        }
    };
    match run(args) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(e) => {
            eprintln!("gas-bench: {e:#}");
            2
        }
    }
}
