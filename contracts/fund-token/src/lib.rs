//! # Harbour fund token
//!
//! A CW20-compatible share of a tokenized money-market fund that only DID-verified investors may
//! hold or receive. Compliance runs on every movement path from a local identity cache that the
//! identity registry keeps current; holds for venues; distributing or accumulating income in its
//! own income token; freeze, recovery and forced transfers. Dealing (NAV, subscriptions,
//! redemptions) is the fund's dealing contract (`contracts/fund-dealing`), which this token lets
//! mint to subscribers and burn units held for it. See README.md.

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
