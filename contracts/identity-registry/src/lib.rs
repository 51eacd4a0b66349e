//! # Harbour identity registry
//!
//! One shared registry of investor identities for every Harbour contract: W3C DIDs, their
//! wallets, jurisdiction, investor category and credentials from trusted issuers. No personal
//! data is stored: only identifiers, codes, timestamps and evidence hashes. See README.md.

pub mod contract;
pub mod error;
pub mod execute;
pub mod helpers;
pub mod hooks;
pub mod query;
pub mod state;
pub mod verify;

#[cfg(test)]
mod testing;

pub use crate::error::ContractError;
