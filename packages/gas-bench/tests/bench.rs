//! `make bench` runs the benchmark through this ignored test:
//! `cargo test --locked --workspace --test bench -- --ignored --nocapture`. Run that way it reuses
//! the workspace's test build; `cargo run -p gas-bench` resolves features for gas-bench alone and
//! rebuilds the VM stack (minutes on two cores). Options go in `GAS_BENCH_ARGS`.

use std::path::Path;

#[test]
#[ignore = "needs artifacts/ (make build, scripts/build-reference.sh): run by `make bench`"]
fn bench() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::env::set_current_dir(&root).expect("workspace root");
    let args = std::env::var("GAS_BENCH_ARGS").unwrap_or_default();
    let code = gas_bench::cli::main_with(args.split_whitespace().map(String::from));
    assert_eq!(code, 0, "gas-bench failed with exit code {code} (1: a budget is exceeded, 2: error); see above");
}
