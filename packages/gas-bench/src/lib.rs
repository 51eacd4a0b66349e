//! # gas-bench
//!
//! Issue 5's gas and size benchmark: the real wasm artifacts run in cosmwasm-vm 2.2 behind the
//! in-process router of `chain-engine` ([`chain`]), and every operation is reported in
//! wasmd-equivalent SDK gas ([`gas`]) next to stock cw20-base 2.0, with declarative [`budgets`].
//!
//! - [`gas`], [`world`], [`meter`], [`api`], [`chain`]: the chain engine (`packages/chain-engine`,
//!   shared with the embedded chain `localchain`), re-exported under their old paths.
//! - [`bench`]: the scenario API ([`bench::Bench`], [`bench::Op`]); [`scenarios`]: one module per
//!   contract; [`selftest`]: router semantics on real wasm.
//! - [`report`]: table, JSON, markdown, traces; [`cli`]: the command line (binary and `make bench`).

pub use chain_engine::{api, chain, gas, meter, world};

pub mod bench;
pub mod budgets;
pub mod cli;
pub mod report;
pub mod scenarios;
pub mod selftest;
