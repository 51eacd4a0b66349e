//! # Harbour HKD stablecoin
//!
//! A CW20 whose supply can never exceed eligible, freshly attested reserves: attestors publish
//! per-bucket reserve attestations; the owner's policy applies FX conversion, approval of foreign
//! buckets, concentration caps and haircuts; minters mint within allowances and rate limits only
//! while `supply + amount ≤ eligible`. Blacklist, pause, rescue, wipe by legal order, holds for
//! venues (`harbour_types::holds`), and redemption at par through a request queue that holds the
//! tokens in the holder's balance. See README.md.

pub mod contract;
pub mod error;
pub mod execute;
pub mod helpers;
pub mod ledger;
pub mod query;
pub mod rate;
pub mod state;

#[cfg(test)]
mod testing;

pub use crate::error::ContractError;
