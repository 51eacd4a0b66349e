//! # harbour-types
//!
//! The one place for every message and shared rule of the Harbour suite. Each contract has a
//! module with its `InstantiateMsg`/`ExecuteMsg`/`QueryMsg`/`MigrateMsg` and response types, so any
//! contract, test or client can talk to any other contract without depending on its crate.
//!
//! Shared primitives:
//! - [`did`]: W3C DID syntax validation.
//! - [`jurisdiction`]: ISO 3166-1 alpha-2 validation.
//! - [`identity`]: claim types, investor categories, credentials, issuer keys.
//! - [`compliance`]: requirements, verdicts and the reason codes every contract reports.
//! - [`cw20_support`]: CW20 allowances and marketing/logo storage shared by the tokens.
//! - [`holds`]: units committed to a venue in place (messages, venue hooks, storage, the shared
//!   place/release/execute/court-release flow), shared by the tokens.
//! - [`pagination`]: page size bounds for list queries.
//! - [`math`]: checked decimal math with explicit rounding direction.
//! - [`reserves`]: the stablecoin's eligible-reserves formula and redemption deadlines.
//! - [`migration`]: the cw2 + semver guard every `migrate` entry point uses.
//! - [`ownership`]: two-step ownership (cw-ownable) re-exports.

pub mod compliance;
pub mod cw20_support;
pub mod did;
pub mod fund_dealing;
pub mod fund_token;
pub mod hkd_stablecoin;
pub mod holds;
pub mod identity;
pub mod identity_registry;
pub mod jurisdiction;
pub mod math;
pub mod migration;
pub mod pagination;
pub mod reserves;

/// Two-step ownership: every Harbour contract's owner is managed by cw-ownable
/// (`UpdateOwnership(Action::TransferOwnership { new_owner, expiry })`, then `AcceptOwnership`
/// sent by the new owner; `RenounceOwnership` is refused by contracts that need an owner).
pub mod ownership {
    pub use cw_ownable::{Action, Ownership, OwnershipError};
}

#[cfg(not(target_arch = "wasm32"))]
pub mod schema;

/// The argument of a message variant that takes none: `{"pause":{}}`. Variants share this one
/// type (`Pause(NoArgs)`) instead of each being an empty struct variant (`Pause {}`): the JSON is
/// identical, but serde then generates one deserializer for all of them instead of one per
/// variant, which keeps ~1 KiB of wasm per variant out of every contract.
#[cosmwasm_schema::cw_serde]
#[derive(Default, Copy, Eq)]
pub struct NoArgs {}

/// `{ "amount": "…" }`, shared by the variants that take only an amount (see [`NoArgs`]).
#[cosmwasm_schema::cw_serde]
pub struct AmountArgs {
    pub amount: cosmwasm_std::Uint128,
}

/// `{ "address": "…" }`, shared by the variants that take only an address (see [`NoArgs`]).
#[cosmwasm_schema::cw_serde]
pub struct AddressArgs {
    pub address: String,
}
