//! # Harbour multi-contract test harness
//!
//! [`suite::SuiteBuilder`] deploys the Harbour contracts into a cw-multi-test `App`, names the
//! actors (owner, agent, issuers, investors, venues), onboards identities with credentials,
//! optionally puts the owner role behind a cw3 multisig, and gives typed helpers for every
//! message. Cross-contract tests live in `tests/`; unit tests stay next to each contract.

pub mod contracts;
pub mod fund;
pub mod holds;
pub mod multisig;
pub mod stablecoin;
pub mod suite;

pub use suite::{Suite, SuiteBuilder};
