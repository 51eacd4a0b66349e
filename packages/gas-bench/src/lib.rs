//! # gas-bench
//!
//! Issue 5's gas and size benchmark: the real wasm artifacts run in cosmwasm-vm 2.2 behind an
//! in-process router ([`chain`]), and every operation is reported in wasmd-equivalent SDK gas
//! ([`gas`]) next to stock cw20-base 2.0, with declarative [`budgets`].
//!
//! - [`gas`]: wasmd / Cosmos SDK constants and formulas, the per-operation [`gas::GasUsage`].
//! - [`world`]: per-contract stores with an undo journal (checkpoint / rollback / commit).
//! - [`meter`]: accumulates gas and records traces.
//! - [`api`]: bech32 addresses and the VM address API with wasmd's costs.
//! - [`chain`]: the VM, the router, the storage backend and the querier.
//! - [`bench`]: the scenario API ([`bench::Bench`], [`bench::Op`]); [`scenarios`]: one module per
//!   contract; [`selftest`]: router semantics on real wasm.
//! - [`report`]: table, JSON, markdown, traces; [`cli`]: the command line (binary and `make bench`).

pub mod api;
pub mod bench;
pub mod budgets;
pub mod chain;
pub mod cli;
pub mod gas;
pub mod meter;
pub mod report;
pub mod scenarios;
pub mod selftest;
pub mod world;
