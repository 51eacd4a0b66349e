//! # Harbour fund token
//!
//! A CW20-compatible share of a tokenized money-market fund that only DID-verified investors may
//! hold or receive. Compliance runs on every movement path from a local identity cache that the
//! identity registry keeps current; NAV with guards; subscriptions and redemptions against the HKD
//! stablecoin; distributing or accumulating income; freeze, recovery and forced transfers.
//! See README.md.

pub mod contract;
pub mod error;
pub mod execute;
pub mod helpers;
pub mod income;
pub mod ledger;
pub mod query;
pub mod state;

#[cfg(test)]
mod testing;

pub use crate::error::ContractError;
