//! # localchain
//!
//! Harbour's embedded chain: the chain engine (`packages/chain-engine`, the real wasm in
//! cosmwasm-vm 2.2 with wasmd's gas) with what a Cosmos SDK app adds for clients — accounts,
//! sequences, a minimal bank, signed transactions — served as a CometBFT JSON-RPC node on
//! 127.0.0.1, so the stock CosmJS `SigningCosmWasmClient` drives it exactly as it drives wasmd.
//!
//! - [`proto`]: the protobuf messages (prost) of Cosmos SDK 0.50 and wasmd 0.5x the node reads and writes.
//! - [`node`]: accounts, bank, CheckTx, delivery in blocks, simulation, ABCI queries.
//! - [`rpc`]: the JSON-RPC methods and the HTTP server.
//! - [`store`]: the home directory and its state file.

pub mod node;
pub mod proto;
pub mod rpc;
pub mod store;
