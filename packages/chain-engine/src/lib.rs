//! # chain-engine
//!
//! One chain engine, two users: the gas benchmark (`packages/gas-bench`) and the embedded chain
//! (`packages/localchain`). The real wasm artifacts run in cosmwasm-vm 2.2 (the VM inside wasmd
//! 0.5x) behind an in-process router ([`chain`]); every operation is metered in wasmd-equivalent
//! SDK gas ([`gas`]).
//!
//! - [`gas`]: wasmd / Cosmos SDK constants and formulas, the per-operation [`gas::GasUsage`].
//! - [`world`]: per-contract stores with an undo journal (checkpoint / rollback / commit).
//! - [`meter`]: accumulates gas and records traces.
//! - [`api`]: bech32 addresses and the VM address API with wasmd's costs.
//! - [`chain`]: the VM, the router, the storage backend and the querier.

pub mod api;
pub mod chain;
pub mod gas;
pub mod meter;
pub mod world;
