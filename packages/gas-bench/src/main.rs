//! `gas-bench`: the benchmark's binary (see [`gas_bench::cli`]).

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(gas_bench::cli::main_with(std::env::args().skip(1)))
}
